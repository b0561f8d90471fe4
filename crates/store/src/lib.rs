//! marsad-store: the store (SQLite, or a PostgreSQL server through [`db`])
//! behind `marsad ingest`, `search` and `stats`.
//!
//! - [`Store::open`] creates or migrates the schema by version
//!   (`PRAGMA user_version`, the list in [`schema::MIGRATIONS`]) and runs in
//!   WAL mode.
//! - [`Store::ingest`] stores one document: unchanged content is skipped
//!   before any annotation (content hash), changed content under a known id
//!   replaces the old version, identical content under a new id is recorded
//!   as a duplicate of the stored document. Writes are batched in
//!   transactions ([`Store::batch_size`] documents each) and every document
//!   is written inside its own savepoint, so it is stored whole or not at
//!   all; [`Store::commit`] ends the batch. A killed ingest loses at most the
//!   open batch, and a rerun skips what was committed and completes the rest.
//! - [`Store::search`] is Arabic-aware full-text search (see [`keys`]) with
//!   snippets of the original text.
//! - [`Store::stats`] summarises the contents.
//!
//! The schema is documented in `crates/store/README.md`.

pub mod bench;
pub mod db;
pub mod keys;
pub mod minhash;
pub mod review;
mod rows;
pub mod schema;
pub mod search;
#[doc(hidden)]
pub mod testing;

use anyhow::{bail, Context, Result};
use marsad_core::{Document, Lang, Token};
use db::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use search::{Hit, HitSpan, SearchOptions, SearchResults};

/// Default number of documents per transaction.
pub const DEFAULT_BATCH: usize = 200;

/// What [`Store::ingest`] did with a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "outcome", content = "of")]
pub enum Outcome {
    /// A new document was stored.
    New,
    /// A stored document with the same id had different content and was
    /// replaced (annotations re-derived).
    Updated,
    /// The same id with the same content is already stored: nothing changed.
    Unchanged,
    /// The same content is stored under another id (given): the new id is
    /// recorded as an alias of it, nothing else is written.
    Duplicate(String),
}

/// Counts of an ingest run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub read: u64,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub duplicate: u64,
    pub failed: u64,
}

impl Counts {
    pub fn add(&mut self, o: &Outcome) {
        match o {
            Outcome::New => self.new += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Duplicate(_) => self.duplicate += 1,
        }
    }
}

/// A deliberate failure, to test that a document is stored whole or not at
/// all. Not for production use.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Fail after the `documents` row and annotations are written, before
    /// the full-text row: the savepoint must undo everything.
    BeforeFts,
}

/// What [`Store::prepare`] decided.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Prepared {
    /// Nothing to annotate: the document is unchanged or a duplicate.
    Done(Outcome),
    /// The document must be annotated, then given to [`Store::store`].
    Annotate(Pending),
}

/// A document waiting for annotation, with its content hash.
#[derive(Debug)]
pub struct Pending {
    pub doc: Document,
    hash: String,
    ready: Option<Ready>,
}

/// What [`Pending::finish`] derives from an annotated document before it is
/// written: done on the annotation threads, so that the single writing
/// thread only inserts rows.
#[derive(Debug)]
struct Ready {
    json: String,
    char_len: i64,
    fts_title: String,
    fts_body: String,
    minhash: Vec<u8>,
    /// `marsad_text::key` of each entity's text.
    entity_keys: Vec<String>,
}

impl Pending {
    /// Derive what the write needs from the annotated document (its JSON,
    /// full-text keys and MinHash signature, from the tokens in memory).
    /// Optional: [`Store::store`] does it itself when it was not done; call
    /// it on the annotation thread, after annotating, to take that work off
    /// the writing thread. Annotating again afterwards is not allowed.
    pub fn finish(&mut self) -> Result<()> {
        self.ready = Some(Ready::of(&mut self.doc)?);
        Ok(())
    }
}

impl Ready {
    fn of(doc: &mut Document) -> Result<Ready> {
        // the full annotated document, without tokens (re-derivable, bulky)
        // and without its text (in its own column)
        let tokens = std::mem::take(&mut doc.tokens);
        let text = std::mem::take(&mut doc.text);
        let json = serde_json::to_string(&*doc);
        doc.tokens = tokens;
        doc.text = text;
        let json = json?;
        let char_len = doc.text.chars().count() as i64;
        // full-text row and signature: reuse the pipeline's tokens when present
        let own;
        let toks: &[Token] = if doc.tokens.is_empty() && !doc.text.is_empty() {
            own = marsad_text::tokenize::tokenize(&doc.text);
            &own
        } else {
            &doc.tokens
        };
        let mut body = String::with_capacity(doc.text.len() * 2);
        keys::index_text(toks, &mut body);
        let mut title = String::new();
        if let Some(t) = &doc.title {
            keys::index_text(&marsad_text::tokenize::tokenize(t), &mut title);
        }
        let minhash = minhash::signature(toks).map(|s| minhash::to_blob(&s)).unwrap_or_default();
        let entity_keys = doc.entities.iter().map(|e| marsad_text::key(&e.text)).collect();
        Ok(Ready { json, char_len, fts_title: title, fts_body: body, minhash, entity_keys })
    }
}

enum Check {
    New,
    Changed(i64),
    Unchanged,
    Duplicate { pk: i64, id: String, stale_alias: bool },
    /// An alias whose content changed: drop it and store as new.
    StaleAlias,
}

/// The store: one SQLite connection.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    in_tx: bool,
    pending: usize,
    /// Documents per transaction.
    pub batch_size: usize,
    /// Re-annotate and rewrite documents even when their content is unchanged.
    pub force: bool,
    pipeline: String,
    fault: Option<(Fault, usize)>,
    /// Full-text rows of the open batch (pk, title keys, body keys), inserted
    /// at commit: FTS5 flushes its buffer at every savepoint, so inserting
    /// inside the per-document savepoints would write one tiny segment per
    /// document.
    fts_pending: Vec<(i64, String, String)>,
    /// The file's path or the server's URL (password hidden), for messages.
    location: String,
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    // civil-from-days (proleptic Gregorian)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// The content hash of a document: SHA-256 (first 128 bits, hex) over its
/// title, publication date and text. The id and the source are not part of
/// it, so the same article read from another path is recognised.
pub fn content_hash(doc: &Document) -> String {
    let mut h = Sha256::new();
    h.update(b"marsad-doc/1\0");
    for part in [doc.title.as_deref(), doc.published.as_deref(), Some(doc.text.as_str())] {
        match part {
            Some(s) => {
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(u64::MAX.to_le_bytes()),
        }
    }
    let out = h.finalize();
    out[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The [`Lang`] of a stored language code.
pub fn lang_of(code: &str) -> Lang {
    match code {
        "ar" => Lang::Ar,
        "en" => Lang::En,
        _ => Lang::Und,
    }
}

/// A stored schema version this build can open: a newer one is refused
/// (migrating it down would lose what the newer marsad wrote).
fn known_version(v: u32) -> Result<u32> {
    if v > schema::MIGRATIONS.len() as u32 {
        bail!("database schema version {v} is newer than this marsad knows ({}); upgrade marsad", schema::MIGRATIONS.len());
    }
    Ok(v)
}

impl Store {
    /// Open (creating if needed) the database at `path` and bring its schema
    /// to the current version.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if let Some(url) = path.to_str().filter(|p| db::is_pg_url(p)) {
            return Store::open_pg(url);
        }
        if path.is_dir() {
            bail!("{} is a directory, not a database file", path.display());
        }
        let conn = rusqlite::Connection::open(path).with_context(|| format!("cannot open database {}", path.display()))?;
        let mut s = Store::from_conn(Connection::Sqlite(conn), Some(path.to_path_buf()));
        s.setup().with_context(|| format!("cannot use {} as a marsad database", path.display()))?;
        Ok(s)
    }

    /// A store in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let mut s = Store::from_conn(Connection::Sqlite(rusqlite::Connection::open_in_memory()?), None);
        s.setup()?;
        Ok(s)
    }

    /// Open a store on a PostgreSQL server (`postgres://user@host:port/db`;
    /// the tables live in the connection's current schema, see
    /// `search_path`), creating or migrating its schema.
    pub fn open_pg(url: &str) -> Result<Store> {
        let shown = db::redact(url);
        let conn = Connection::connect_pg(url).with_context(|| format!("cannot connect to {shown}"))?;
        let mut s = Store::from_conn(conn, None);
        s.location = shown.clone();
        s.setup().with_context(|| format!("cannot use {shown} as a marsad database"))?;
        Ok(s)
    }

    /// [`Store::open_pg`] for a reader: `None` when the server holds no
    /// marsad schema yet (what a missing file is on SQLite), so reading
    /// never creates the tables. An older schema is migrated.
    pub fn open_pg_existing(url: &str) -> Result<Option<Store>> {
        let shown = db::redact(url);
        let conn = Connection::connect_pg(url).with_context(|| format!("cannot connect to {shown}"))?;
        let mut s = Store::from_conn(conn, None);
        s.location = shown.clone();
        if matches!(s.pg_version_unlocked()?, None | Some(0)) {
            return Ok(None);
        }
        s.setup().with_context(|| format!("cannot use {shown} as a marsad database"))?;
        Ok(Some(s))
    }

    /// Which back end this store runs on.
    pub fn backend(&self) -> db::Backend {
        self.conn.backend()
    }

    /// Where the store is: the database file, or the server's URL (password
    /// hidden).
    pub fn location(&self) -> &str {
        &self.location
    }

    fn from_conn(conn: Connection, path: Option<PathBuf>) -> Store {
        let location = path.as_ref().map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
        Store {
            conn,
            path,
            in_tx: false,
            pending: 0,
            batch_size: DEFAULT_BATCH,
            force: false,
            pipeline: String::from("unknown"),
            fault: None,
            fts_pending: Vec::new(),
            location,
        }
    }

    fn setup(&mut self) -> Result<()> {
        if self.conn.is_pg() {
            self.migrate_pg()?;
            let kv: Option<String> = self.meta("keys_version")?;
            if kv.as_deref() != Some(keys::fingerprint().as_str()) {
                self.reindex()?;
            }
            return Ok(());
        }
        let Some(sqlite) = self.conn.sqlite() else { unreachable!() };
        sqlite.busy_timeout(std::time::Duration::from_secs(10))?;
        // the writer and the dataset layer use some 40 statements on this
        // connection: rusqlite's default cache of 16 made them re-parse SQL
        // for nearly every row
        sqlite.set_prepared_statement_cache_capacity(128);
        if self.path.is_some() {
            let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                bail!("could not switch to WAL mode (got {mode})");
            }
        }
        // WAL + synchronous=NORMAL: a commit is durable against a killed
        // process (not against power loss before the next checkpoint); a
        // 32 MB page cache and in-memory temporary tables keep the writer
        // off the disk; checkpoints every ~16 MB of log instead of 4 MB.
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;
             PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 4000;",
        )?;
        self.migrate()?;
        let kv: Option<String> = self.meta("keys_version")?;
        if kv.as_deref() != Some(keys::fingerprint().as_str()) {
            self.reindex()?;
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let v = known_version(self.schema_version()?)?;
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(v as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql).with_context(|| format!("migration to schema version {}", i + 1))?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
            if i == 0 {
                tx.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('created_at', ?1), ('keys_version', ?2)",
                    params![now_iso(), keys::fingerprint()],
                )?;
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// Apply the versioned migrations of another component whose tables
    /// live in the same database (for example an incident layer), without
    /// editing this crate's schema. Its version is kept in `meta` under
    /// `schema.<name>`; migration `i` takes it from `i` to `i + 1`, each in
    /// one transaction with its version bump. Returns the version reached.
    /// A database whose component version is newer than `migrations` is
    /// refused.
    pub fn migrate_component(&mut self, name: &str, migrations: &[&str]) -> Result<u32> {
        self.commit()?;
        let key = format!("schema.{name}");
        let v: u32 = self.meta(&key)?.and_then(|v| v.parse().ok()).unwrap_or(0);
        if v as usize > migrations.len() {
            bail!("{name} schema version {v} is newer than this marsad knows ({}); upgrade marsad", migrations.len());
        }
        for (i, sql) in migrations.iter().enumerate().skip(v as usize) {
            let sql = if self.conn.is_pg() { schema::to_pg(sql) } else { sql.to_string() };
            let tx = self.conn.transaction()?;
            tx.execute_batch(&sql).with_context(|| format!("{name} migration to version {}", i + 1))?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, (i + 1).to_string()],
            )?;
            tx.commit()?;
        }
        Ok(migrations.len() as u32)
    }

    /// PostgreSQL: the schema version read without any lock, `None` when
    /// the schema has not been created (or its version row is not yet
    /// committed). `to_regclass` makes the test a query that cannot fail
    /// on a missing table (naming the table directly would be an error, and
    /// an error inside a transaction aborts it).
    fn pg_version_unlocked(&self) -> Result<Option<u32>> {
        let exists: i64 =
            self.conn.query_row("SELECT CASE WHEN to_regclass('marsad_schema') IS NULL THEN 0 ELSE 1 END", [], |r| r.get(0))?;
        if exists == 0 {
            return Ok(None);
        }
        Ok(self.conn.query_row("SELECT version FROM marsad_schema", [], |r| r.get(0)).optional()?)
    }

    /// PostgreSQL: the same migrations, translated ([`schema::to_pg`]),
    /// the version in `marsad_schema`. A current schema (every `serve`
    /// request, every `search`) is checked without a lock, so a reader never
    /// waits for an ingest batch in flight; only a migration takes the write
    /// lock (two processes opening a new database at once do not both
    /// create it) and reads the version again under it.
    fn migrate_pg(&mut self) -> Result<()> {
        if let Some(v) = self.pg_version_unlocked()? {
            if known_version(v)? as usize == schema::MIGRATIONS.len() {
                return Ok(());
            }
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let r = (|| -> Result<()> {
            self.conn.execute_batch(schema::PG_VERSION_TABLE)?;
            let v = known_version(self.schema_version()?)?;
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(v as usize) {
                let pg = format!("{}\n{}", schema::to_pg(sql), schema::PG_EXTRA[i]);
                self.conn.execute_batch(&pg).with_context(|| format!("migration to schema version {}", i + 1))?;
                self.conn.execute("UPDATE marsad_schema SET version = ?1", [(i + 1) as i64])?;
                if i == 0 {
                    self.conn.execute(
                        "INSERT INTO meta(key, value) VALUES ('created_at', ?1), ('keys_version', ?2)",
                        params![now_iso(), keys::fingerprint()],
                    )?;
                }
            }
            Ok(())
        })();
        match r {
            Ok(()) => Ok(self.conn.execute_batch("COMMIT")?),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// The schema version of the open database (`PRAGMA user_version`, or
    /// `marsad_schema` on PostgreSQL).
    pub fn schema_version(&self) -> Result<u32> {
        if self.conn.is_pg() {
            return Ok(self.conn.query_row("SELECT version FROM marsad_schema", [], |r| r.get(0))?);
        }
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The underlying connection, for read queries by later layers.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Name the pipeline that annotates documents (stored with each one).
    pub fn set_pipeline(&mut self, p: impl Into<String>) {
        self.pipeline = p.into();
    }

    #[doc(hidden)]
    /// Inject a failure into the `nth` (0-based) document written from now on.
    pub fn inject_fault(&mut self, f: Fault, nth: usize) {
        self.fault = Some((f, nth));
    }

    fn check(&self, id: &str, hash: &str) -> Result<Check> {
        let row: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT pk, content_hash FROM documents WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((pk, h)) = row {
            return Ok(if h == hash { Check::Unchanged } else { Check::Changed(pk) });
        }
        let alias: Option<String> = self
            .conn
            .prepare_cached("SELECT content_hash FROM doc_aliases WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let stale_alias = match alias {
            Some(h) if h == hash => return Ok(Check::Unchanged),
            Some(_) => true,
            None => false,
        };
        let dup: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT pk, id FROM documents WHERE content_hash = ?1 ORDER BY pk LIMIT 1")?
            .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(match dup {
            Some((pk, id)) => Check::Duplicate { pk, id, stale_alias },
            None if stale_alias => Check::StaleAlias,
            None => Check::New,
        })
    }

    fn begin(&mut self) -> Result<()> {
        if !self.in_tx {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_tx = true;
        }
        Ok(())
    }

    /// Run `f` inside a savepoint of the current batch: all of its writes or
    /// none of them.
    fn atomically<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.begin()?;
        self.conn.execute_batch("SAVEPOINT doc")?;
        let mark = self.fts_pending.len();
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("RELEASE doc")?;
                self.pending += 1;
                if self.pending >= self.batch_size.max(1) {
                    self.commit()?;
                }
                Ok(v)
            }
            Err(e) => {
                self.fts_pending.truncate(mark);
                self.conn.execute_batch("ROLLBACK TO doc; RELEASE doc")?;
                Err(e)
            }
        }
    }

    /// Commit the open batch (call at the end of an ingest). Dropping a
    /// store with an open batch rolls that batch back.
    ///
    /// The batch's full-text rows are inserted here; if that or the commit
    /// fails (disk full…), the whole batch is rolled back and the error
    /// returned: the database stays consistent and a rerun redoes the batch.
    pub fn commit(&mut self) -> Result<()> {
        if !self.in_tx {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.fts_pending);
        self.in_tx = false;
        self.pending = 0;
        let r = (|| -> Result<()> {
            // a document updated twice in one batch: its last version wins
            let mut last = std::collections::HashMap::with_capacity(rows.len());
            for (i, r) in rows.iter().enumerate() {
                last.insert(r.0, i);
            }
            let mut st = self.conn.prepare_cached(search::fts_insert_sql(&self.conn))?;
            for (i, (pk, title, body)) in rows.iter().enumerate() {
                if last.get(pk) == Some(&i) {
                    search::fts_insert(&mut st, &self.conn, *pk, title, body)?;
                }
            }
            drop(st);
            self.conn.execute_batch("COMMIT")?;
            Ok(())
        })();
        if r.is_err() && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        r
    }

    /// Store one document. `doc` is the document as read (id, text, title,
    /// published, source); `annotate` runs the pipeline on it and is only
    /// called when the document must be (re)written. An error from
    /// `annotate` or from the database leaves nothing of this document
    /// written and is returned; the batch goes on.
    pub fn ingest<F>(&mut self, doc: Document, annotate: F) -> Result<Outcome>
    where
        F: FnOnce(&mut Document) -> Result<()>,
    {
        match self.prepare(doc)? {
            Prepared::Done(o) => Ok(o),
            Prepared::Annotate(mut p) => {
                annotate(&mut p.doc)?;
                self.store(p)
            }
        }
    }

    /// First half of [`Store::ingest`], for pipelines that annotate on other
    /// threads: decides from the content hash whether `doc` needs
    /// annotating. Unchanged documents and duplicates are settled here
    /// ([`Prepared::Done`]); others come back as [`Pending`] to annotate and
    /// pass to [`Store::store`].
    pub fn prepare(&mut self, doc: Document) -> Result<Prepared> {
        if doc.id.is_empty() {
            bail!("document has an empty id");
        }
        let hash = content_hash(&doc);
        match self.check(&doc.id, &hash)? {
            Check::Unchanged if !self.force => Ok(Prepared::Done(Outcome::Unchanged)),
            Check::Unchanged if self.pk_of(&doc.id)?.is_none() => Ok(Prepared::Done(Outcome::Unchanged)),
            Check::Duplicate { pk, id, stale_alias } => {
                self.write_alias(&doc, &hash, pk, stale_alias)?;
                Ok(Prepared::Done(Outcome::Duplicate(id)))
            }
            _ => Ok(Prepared::Annotate(Pending { doc, hash, ready: None })),
        }
    }

    /// Second half of [`Store::ingest`]: write an annotated document. The
    /// hash check is made again, so documents prepared while an earlier
    /// copy was still being annotated end up unchanged or duplicate, never
    /// twice.
    pub fn store(&mut self, p: Pending) -> Result<Outcome> {
        let Pending { mut doc, hash, ready } = p;
        // check inside the write transaction: another process cannot slip
        // the same id in between the check and the write
        self.begin()?;
        let (existing, stale_alias, outcome) = match self.check(&doc.id, &hash)? {
            Check::Unchanged if !self.force => return Ok(Outcome::Unchanged),
            Check::Unchanged => match self.pk_of(&doc.id)? {
                Some(pk) => (Some(pk), false, Outcome::Updated),
                None => return Ok(Outcome::Unchanged), // an alias: nothing of its own to rewrite
            },
            Check::Duplicate { pk, id, stale_alias } => {
                self.write_alias(&doc, &hash, pk, stale_alias)?;
                return Ok(Outcome::Duplicate(id));
            }
            Check::StaleAlias => (None, true, Outcome::New),
            Check::Changed(pk) => (Some(pk), false, Outcome::Updated),
            Check::New => (None, false, Outcome::New),
        };
        self.atomically(|s| {
            if stale_alias {
                s.conn.execute("DELETE FROM doc_aliases WHERE id = ?1", [&doc.id])?;
            }
            s.write(&mut doc, &hash, existing, ready)
        })?;
        Ok(outcome)
    }

    fn write_alias(&mut self, doc: &Document, hash: &str, pk: i64, stale: bool) -> Result<()> {
        self.atomically(|s| {
            if stale {
                s.conn.execute("DELETE FROM doc_aliases WHERE id = ?1", [&doc.id])?;
            }
            s.conn.execute(
                "INSERT INTO doc_aliases(id, doc, content_hash, source, seen_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![doc.id, pk, hash, doc.source, now_iso()],
            )?;
            Ok(())
        })
    }

    fn pk_of(&self, id: &str) -> Result<Option<i64>> {
        Ok(self.conn.query_row("SELECT pk FROM documents WHERE id = ?1", [id], |r| r.get(0)).optional()?)
    }

    fn take_fault(&mut self, f: Fault) -> bool {
        match self.fault {
            Some((g, 0)) if g == f => {
                self.fault = None;
                true
            }
            Some((g, n)) if g == f => {
                self.fault = Some((g, n - 1));
                false
            }
            _ => false,
        }
    }

    fn write(&mut self, doc: &mut Document, hash: &str, existing: Option<i64>, ready: Option<Ready>) -> Result<()> {
        let now = now_iso();
        let Ready { json, char_len, fts_title, fts_body, minhash, entity_keys } = match ready {
            Some(r) => r,
            None => Ready::of(doc)?,
        };
        // the document's columns after its key, in the order both statements number them
        let lang = doc.lang.code();
        let cols: [&dyn db::ToSql; 10] =
            [&hash, &lang, &doc.title, &doc.published, &doc.source, &doc.text, &char_len, &json, &self.pipeline, &now];
        fn with_key<'a>(key: &'a dyn db::ToSql, cols: &[&'a dyn db::ToSql]) -> Vec<&'a dyn db::ToSql> {
            std::iter::once(key).chain(cols.iter().copied()).collect()
        }
        let pk = match existing {
            Some(pk) => {
                self.conn
                    .prepare_cached(
                        "UPDATE documents SET content_hash=?2, lang=?3, title=?4, published=?5, source=?6, text=?7,
                         char_len=?8, annotated=?9, pipeline=?10, updated_at=?11 WHERE pk=?1",
                    )?
                    .execute(&with_key(&pk, &cols)[..])?;
                for t in ["entities", "places", "times", "events", "actor_mentions", "actor_relations"] {
                    self.conn.prepare_cached(&format!("DELETE FROM {t} WHERE doc = ?1"))?.execute([pk])?;
                }
                self.conn.prepare_cached("DELETE FROM doc_fts WHERE rowid = ?1")?.execute([pk])?;
                pk
            }
            None => self.conn.insert_returning(
                "INSERT INTO documents(id, content_hash, lang, title, published, source, text, char_len,
                 annotated, pipeline, ingested_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?11)",
                "pk",
                &with_key(&doc.id, &cols)[..],
            )?,
        };
        rows::write_annotations(&self.conn, pk, doc, &now, &entity_keys)?;
        if self.take_fault(Fault::BeforeFts) {
            bail!("injected fault before the full-text row");
        }
        // the MinHash signature (empty: no words) for near-duplicate search
        self.conn
            .prepare_cached(
                "INSERT INTO doc_signatures(doc, version, minhash) VALUES (?1, ?2, ?3)
                 ON CONFLICT(doc) DO UPDATE SET version = excluded.version, minhash = excluded.minhash",
            )?
            .execute(params![pk, format!("{hash}@{now}"), minhash])?;
        self.fts_pending.push((pk, fts_title, fts_body));
        Ok(())
    }

    /// The stored document with its annotations (without tokens: run the
    /// text stage again to get them).
    pub fn get(&self, id: &str) -> Result<Option<Document>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT annotated, text FROM documents WHERE id = ?1
                 UNION ALL SELECT d.annotated, d.text FROM doc_aliases a JOIN documents d ON d.pk = a.doc WHERE a.id = ?1
                 LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match row {
            None => Ok(None),
            Some((j, text)) => {
                let mut d: Document = serde_json::from_str(&j).context("stored document JSON")?;
                d.text = text;
                d.index();
                Ok(Some(d))
            }
        }
    }

    /// Number of stored documents.
    pub fn count(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Rebuild the full-text index from the stored texts (done on open when
    /// the key derivation changed, see [`keys::fingerprint`]). Runs in one
    /// transaction.
    pub fn reindex(&mut self) -> Result<()> {
        self.commit()?;
        let tx = self.conn.transaction()?;
        if tx.is_pg() {
            tx.execute("DELETE FROM doc_fts", [])?;
        } else {
            tx.execute("INSERT INTO doc_fts(doc_fts) VALUES ('delete-all')", [])?;
        }
        // in pages of documents: rows are read whole, texts can be many
        let mut after = i64::MIN;
        loop {
            let mut sel = tx.prepare("SELECT pk, title, text FROM documents WHERE pk > ?1 ORDER BY pk LIMIT 500")?;
            let mut ins = tx.prepare(search::fts_insert_sql(&tx))?;
            let mut rows = sel.query([after])?;
            let mut any = false;
            while let Some(r) = rows.next()? {
                any = true;
                let pk: i64 = r.get(0)?;
                after = pk;
                let title: Option<String> = r.get(1)?;
                let text: String = r.get(2)?;
                let mut body = String::new();
                keys::index_text(&marsad_text::tokenize::tokenize(&text), &mut body);
                let mut t = String::new();
                if let Some(title) = title {
                    keys::index_text(&marsad_text::tokenize::tokenize(&title), &mut t);
                }
                search::fts_insert(&mut ins, &tx, pk, &t, &body)?;
            }
            if !any {
                break;
            }
        }
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('keys_version', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [keys::fingerprint()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Start an ingest run record; returns its number.
    pub fn start_run(&mut self) -> Result<i64> {
        self.commit()?;
        Ok(self.conn.insert_returning("INSERT INTO ingest_runs(started_at) VALUES (?1)", "run", [now_iso()])?)
    }

    /// Commit the open batch and record the counts of a run.
    pub fn finish_run(&mut self, run: i64, c: &Counts) -> Result<()> {
        self.commit()?;
        self.conn.execute(
            "UPDATE ingest_runs SET finished_at=?2, read=?3, new=?4, updated=?5, unchanged=?6, duplicate=?7, failed=?8
             WHERE run=?1",
            params![
                run,
                now_iso(),
                c.read as i64,
                c.new as i64,
                c.updated as i64,
                c.unchanged as i64,
                c.duplicate as i64,
                c.failed as i64
            ],
        )?;
        Ok(())
    }

    /// Consistency checks: SQLite's integrity check, the full-text index's
    /// own check, and one index row per document. Returns the problems found.
    pub fn check_consistency(&mut self) -> Result<Vec<String>> {
        self.commit()?;
        let mut problems = Vec::new();
        // PostgreSQL checks its own pages, and its index is a plain table
        // (one row per document); SQLite's FTS5 keeps one docsize row per document
        let (fts_rows, fts_id) = if self.conn.is_pg() { ("doc_fts", "rowid") } else { ("doc_fts_docsize", "id") };
        if !self.conn.is_pg() {
            let ic: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if ic != "ok" {
                problems.push(format!("integrity_check: {ic}"));
            }
            if let Err(e) = self.conn.execute("INSERT INTO doc_fts(doc_fts) VALUES ('integrity-check')", []) {
                problems.push(format!("fts integrity-check: {e}"));
            }
        }
        let docs = self.count()?;
        let fts: i64 = self.conn.query_row(&format!("SELECT count(*) FROM {fts_rows}"), [], |r| r.get(0))?;
        if fts as u64 != docs {
            problems.push(format!("{docs} documents but {fts} full-text rows"));
        }
        let orphans: i64 = self.conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM {fts_rows} WHERE {fts_id} NOT IN (SELECT pk FROM documents))
                      + (SELECT count(*) FROM entities WHERE doc NOT IN (SELECT pk FROM documents))
                      + (SELECT count(*) FROM events WHERE doc NOT IN (SELECT pk FROM documents))"
            ),
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} rows point to no document"));
        }
        Ok(problems)
    }

    /// Arabic-aware full-text search; see [`search`].
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults> {
        search::search(self, query, &SearchOptions { limit, ..Default::default() })
    }

    /// Search with filters (language, publication dates) and paging.
    pub fn search_with(&self, query: &str, opts: &SearchOptions) -> Result<SearchResults> {
        search::search(self, query, opts)
    }

    /// What the database holds.
    pub fn stats(&self) -> Result<Stats> {
        let c = &self.conn;
        let n = |sql: &str| -> Result<u64> { Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        let group = |sql: &str| -> Result<BTreeMap<String, u64>> {
            let mut st = c.prepare(sql)?;
            let rows = st.query_map([], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?)))?;
            let mut m = BTreeMap::new();
            for row in rows {
                let (k, v) = row?;
                m.insert(k.unwrap_or_else(|| "null".into()), v as u64);
            }
            Ok(m)
        };
        let pg = c.is_pg();
        let db_bytes = if pg {
            // the tables (with their indexes) of this store's schema
            n("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
               JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND c.relkind = 'r'")?
        } else {
            n("PRAGMA page_count")? * n("PRAGMA page_size")?
        };
        let wal = self
            .path
            .as_ref()
            .and_then(|p| std::fs::metadata(format!("{}-wal", p.display())).ok())
            .map_or(0, |m| m.len());
        let (first, last): (Option<String>, Option<String>) =
            c.query_row("SELECT min(published), max(published) FROM documents", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let last_run: Option<String> = c
            .query_row("SELECT started_at FROM ingest_runs ORDER BY run DESC LIMIT 1", [], |r| r.get(0))
            .optional()?;
        Ok(Stats {
            path: if pg { Some(self.location.clone()) } else { self.path.as_ref().map(|p| p.display().to_string()) },
            schema_version: self.schema_version()?,
            documents: n("SELECT count(*) FROM documents")?,
            documents_by_lang: group("SELECT lang, count(*) FROM documents GROUP BY lang")?,
            duplicate_ids: n("SELECT count(*) FROM doc_aliases")?,
            chars: n("SELECT coalesce(sum(char_len), 0) FROM documents")?,
            published_first: first,
            published_last: last,
            entities: n("SELECT count(*) FROM entities")?,
            entities_by_type: group("SELECT type, count(*) FROM entities GROUP BY type")?,
            places: n("SELECT count(*) FROM places")?,
            places_resolved: n("SELECT count(*) FROM places WHERE geonameid IS NOT NULL OR lat IS NOT NULL")?,
            places_distinct: n(if pg {
                "SELECT count(DISTINCT coalesce(CAST(geonameid AS TEXT), name)) FROM places WHERE geonameid IS NOT NULL OR name IS NOT NULL"
            } else {
                "SELECT count(DISTINCT coalesce(geonameid, name)) FROM places WHERE geonameid IS NOT NULL OR name IS NOT NULL"
            })?,
            places_by_country: group("SELECT country, count(*) FROM places WHERE country IS NOT NULL GROUP BY country")?,
            times: n("SELECT count(*) FROM times")?,
            times_resolved: n("SELECT count(*) FROM times WHERE value IS NOT NULL")?,
            events: n("SELECT count(*) FROM events")?,
            events_by_type: group("SELECT type, count(*) FROM events GROUP BY type")?,
            actors: n("SELECT count(*) FROM actors")?,
            actors_known: n("SELECT count(*) FROM actors WHERE known <> 0")?,
            actor_aliases: n("SELECT count(*) FROM actor_aliases")?,
            actor_mentions: n("SELECT count(*) FROM actor_mentions")?,
            actor_relations: n("SELECT count(*) FROM actor_relations")?,
            ingest_runs: n("SELECT count(*) FROM ingest_runs")?,
            last_ingest: last_run,
            db_bytes,
            wal_bytes: wal,
        })
    }
}

/// What [`Store::stats`] reports.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    pub path: Option<String>,
    pub schema_version: u32,
    pub documents: u64,
    pub documents_by_lang: BTreeMap<String, u64>,
    /// Ids recorded as duplicates of a stored document (same content).
    pub duplicate_ids: u64,
    pub chars: u64,
    pub published_first: Option<String>,
    pub published_last: Option<String>,
    pub entities: u64,
    pub entities_by_type: BTreeMap<String, u64>,
    pub places: u64,
    pub places_resolved: u64,
    pub places_distinct: u64,
    pub places_by_country: BTreeMap<String, u64>,
    pub times: u64,
    pub times_resolved: u64,
    pub events: u64,
    pub events_by_type: BTreeMap<String, u64>,
    pub actors: u64,
    pub actors_known: u64,
    pub actor_aliases: u64,
    pub actor_mentions: u64,
    pub actor_relations: u64,
    pub ingest_runs: u64,
    pub last_ingest: Option<String>,
    /// Size of the database (pages × page size, including committed pages
    /// still in the write-ahead log), in bytes.
    pub db_bytes: u64,
    /// Size of the write-ahead log file on disk (0 after a checkpoint that
    /// truncates it, or for an in-memory store).
    pub wal_bytes: u64,
}
