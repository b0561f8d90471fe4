//! Bringing the dataset tables up to date with the store: near-duplicate
//! links and incidents, incrementally.
//!
//! [`sync`] looks at documents the dataset has not seen (and, in a full
//! pass, documents whose content changed or that disappeared), in `pk`
//! order, which is the store's writing order (the reading order of the
//! input, whatever the number of threads). Each document gets a MinHash
//! signature and LSH buckets, and a link to the earliest stored document it
//! nearly copies. Each of its event reports is then classified; reports of
//! events that happened join the best compatible incident or start a new
//! one. Everything runs in transactions of [`CHUNK`] documents, so a killed
//! sync loses at most one chunk and the next one completes it.

use crate::dates;
use crate::minhash;
use anyhow::{Context, Result};
use marsad_store::db::{params, Connection, OptionalExtension};
use serde::Serialize;

/// Documents per transaction.
pub const CHUNK: usize = 2000;
/// Estimated Jaccard similarity from which a document is a near-duplicate.
pub const DUP_THRESHOLD: f64 = 0.8;
/// Candidates taken from one LSH bucket: the most recent documents (a
/// bucket shared by thousands of boilerplate-heavy documents would make
/// the comparison quadratic).
pub const BUCKET_CANDIDATES: i64 = 32;
/// Maximum distance (km) between two city-level places of one incident.
pub const CITY_KM: f64 = 25.0;
/// The same for named features (mountains, deserts…), whose points are coarse.
pub const FEATURE_KM: f64 = 60.0;
/// Days before publication an undated report may describe.
pub const PUBLISHED_WINDOW: i64 = 2;
/// Widest date range (days) a report may have and still be merged.
pub const MAX_RANGE: i64 = 31;

/// What a sync did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SyncStats {
    pub documents: u64,
    pub removed_documents: u64,
    pub near_duplicates: u64,
    pub reports: u64,
    pub incident_reports: u64,
    pub new_incidents: u64,
    pub merged_reports: u64,
}

/// A report as read from the `events` table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Report {
    pub doc: i64,
    pub idx: i64,
    pub kind: String,
    pub acled: Option<String>,
    pub sentence: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub geo_precision: Option<String>,
    pub actor_id: Option<String>,
    pub actor_key: Option<String>,
    pub recipient_id: Option<String>,
    pub recipient_key: Option<String>,
    pub status: &'static str,
    pub date: Option<(i64, i64, i64)>, // lo, hi, rank
}

/// Precision rank of a place (lower is more precise).
pub(crate) fn place_rank(p: Option<&str>, has_point: bool) -> i64 {
    if !has_point {
        return 9;
    }
    match p {
        Some("city") => 0,
        Some("feature") => 1,
        Some("region") => 2,
        Some("country") => 3,
        _ => 4,
    }
}

/// The day interval and its precision rank (0 day, 1 week or a few days,
/// 2 publication date, 3 month or a longer range).
pub(crate) fn report_dates(value: Option<&str>, published: Option<&str>) -> Option<(i64, i64, i64)> {
    if let Some((lo, hi)) = value.and_then(dates::interval) {
        let w = hi - lo;
        if w <= MAX_RANGE {
            let rank = match w {
                0 => 0,
                1..=7 => 1,
                _ => 3,
            };
            return Some((lo, hi, rank));
        }
    }
    let (_, p) = published.and_then(dates::interval)?;
    Some((p - PUBLISHED_WINDOW, p, 2))
}

fn key_of(id: Option<&str>, name: Option<&str>, text: Option<&str>) -> Option<String> {
    let s = name.or(text)?;
    let k = marsad_text::key(s);
    if k.is_empty() {
        id.map(str::to_string)
    } else {
        Some(k)
    }
}

pub(crate) fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6371.0;
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().min(1.0).asin()
}

/// How two values agree: `None` incompatible, `Some(true)` a positive match,
/// `Some(false)` compatible without evidence (one side unknown).
type Agree = Option<bool>;

fn place_agree(r: &Report, c: &Cand) -> Agree {
    let (Some(la), Some(lo)) = (r.lat, r.lon) else { return Some(false) };
    let (Some(cla), Some(clo)) = (c.lat, c.lon) else { return Some(false) };
    let rr = place_rank(r.geo_precision.as_deref(), true);
    let cr = place_rank(c.geo_precision.as_deref(), true);
    if rr <= 1 && cr <= 1 {
        let limit = if rr == 1 || cr == 1 { FEATURE_KM } else { CITY_KM };
        return (km((la, lo), (cla, clo)) <= limit).then_some(true);
    }
    // one side coarse (region / country): same country, and same admin1
    // when both name one
    if r.country.is_some() && c.country.is_some() && r.country != c.country {
        return None;
    }
    if r.admin1.is_some() && c.admin1.is_some() {
        if r.admin1 != c.admin1 {
            return None;
        }
        // a province and a town in it ("in Diyala" / "in Baqubah"): a tie
        if rr <= 2 && cr <= 2 {
            return Some(true);
        }
    }
    Some(false)
}

fn actor_agree(rid: &Option<String>, rkey: &Option<String>, cid: &Option<String>, ckey: &Option<String>) -> Agree {
    if (rid.is_none() && rkey.is_none()) || (cid.is_none() && ckey.is_none()) {
        return Some(false);
    }
    if rid.is_some() && rid == cid {
        return Some(true);
    }
    if rkey.is_some() && rkey == ckey {
        return Some(true);
    }
    let known = |id: &Option<String>| id.as_deref().is_some_and(|s| s.starts_with("kb:") || s.starts_with("state:"));
    if known(rid) && known(cid) {
        // two different known actors
        return None;
    }
    // generic descriptions of one country's one sector (army / soldiers,
    // police / policemen) are the same side, as ACLED codes them
    let sector = |id: &Option<String>| id.as_deref().and_then(|s| s.strip_prefix("gen:")).and_then(|s| s.rsplit_once('-')).map(|(cs, _)| cs.to_string());
    if let (Some(a), Some(b)) = (sector(rid), sector(cid)) {
        if a == b {
            return Some(true);
        }
    }
    // other generic or unresolved descriptions vary between outlets
    // (gunmen, militants, attackers): neither evidence for nor against
    Some(false)
}

#[derive(Debug, Clone)]
struct Cand {
    id: i64,
    lat: Option<f64>,
    lon: Option<f64>,
    country: Option<String>,
    admin1: Option<String>,
    geo_precision: Option<String>,
    actor_id: Option<String>,
    actor_key: Option<String>,
    recipient_id: Option<String>,
    recipient_key: Option<String>,
    date_lo: Option<i64>,
    date_hi: Option<i64>,
    acled: Option<String>,
}

impl Cand {
    fn empty(id: i64) -> Cand {
        Cand {
            id,
            lat: None,
            lon: None,
            country: None,
            admin1: None,
            geo_precision: None,
            actor_id: None,
            actor_key: None,
            recipient_id: None,
            recipient_key: None,
            date_lo: None,
            date_hi: None,
            acled: None,
        }
    }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Whether the dataset tables exist in this database.
pub fn ready(conn: &Connection) -> bool {
    let sql = if conn.is_pg() {
        "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'incidents'"
    } else {
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='incidents'"
    };
    conn.query_row(sql, [], |_| Ok(()))
        .optional()
        .ok()
        .flatten()
        .is_some()
}

/// Bring the dataset tables up to date. `full` also handles documents that
/// were updated or removed since the last sync (a scan of all documents);
/// otherwise only documents with a `pk` above the last one seen are added
/// (cheap, for calls after every batch). The connection must not be inside
/// a transaction (commit the store's batch first).
pub fn sync(conn: &Connection, full: bool) -> Result<SyncStats> {
    let mut st = SyncStats::default();
    if !ready(conn) {
        anyhow::bail!("the dataset tables are missing (open the database with marsad_dataset::open)");
    }
    if full {
        let stale: Vec<i64> = {
            let mut q = conn.prepare(
                "SELECT s.doc FROM doc_state s LEFT JOIN documents d ON d.pk = s.doc LEFT JOIN doc_signatures g ON g.doc = s.doc
                 WHERE d.pk IS NULL OR coalesce(g.version, d.content_hash || '@' || d.updated_at) != s.content_hash
                 ORDER BY s.doc",
            )?;
            let v = q.query_map([], |r| r.get(0))?.collect::<marsad_store::db::Result<_>>()?;
            v
        };
        for chunk in stale.chunks(CHUNK) {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let r = (|| -> Result<()> {
                for &d in chunk {
                    remove_doc(conn, d)?;
                    st.removed_documents += 1;
                }
                Ok(())
            })();
            finish(conn, r)?;
        }
    }
    // keyed paging: each chunk starts after the last pk seen (rows are
    // large, a scan from the start for every chunk would be quadratic).
    // The signature comes from `doc_signatures` (written by the store from
    // the tokens of the annotation threads); documents of an older store
    // without one are tokenised here.
    let mut last: i64 = if full { 0 } else { conn.query_row("SELECT coalesce(max(doc), 0) FROM doc_state", [], |r| r.get(0))? };
    let mut next_id: i64 = crate::review::next_incident_id(conn)?;
    let mut sigs = SigCache::default();
    loop {
        let todo: Vec<Todo> = {
            let sql = if full {
                "SELECT d.pk, coalesce(g.version, d.content_hash || '@' || d.updated_at), g.minhash, d.published
                 FROM documents d LEFT JOIN doc_signatures g ON g.doc = d.pk
                 WHERE d.pk > ?2 AND NOT EXISTS (SELECT 1 FROM doc_state s WHERE s.doc = d.pk) ORDER BY d.pk LIMIT ?1"
            } else {
                "SELECT d.pk, coalesce(g.version, d.content_hash || '@' || d.updated_at), g.minhash, d.published
                 FROM documents d LEFT JOIN doc_signatures g ON g.doc = d.pk
                 WHERE d.pk > ?2 ORDER BY d.pk LIMIT ?1"
            };
            let mut q = conn.prepare_cached(sql)?;
            let v = q
                .query_map([CHUNK as i64, last], |r| {
                    Ok(Todo { pk: r.get(0)?, version: r.get(1)?, minhash: r.get(2)?, published: r.get(3)? })
                })?
                .collect::<marsad_store::db::Result<_>>()?;
            v
        };
        let Some(l) = todo.last() else { break };
        last = l.pk;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let mut ck = Chunk { next_id, sigs: std::mem::take(&mut sigs), ..Default::default() };
        let r = (|| -> Result<()> {
            for t in &todo {
                add_doc(conn, t, &mut ck, &mut st)?;
            }
            ck.flush(conn)
        })();
        sigs = std::mem::take(&mut ck.sigs);
        if r.is_err() {
            sigs = SigCache::default(); // rolled back: forget what it saw
        }
        finish(conn, r)?;
        next_id = ck.next_id;
    }
    Ok(st)
}

fn finish(conn: &Connection, r: Result<()>) -> Result<()> {
    match r {
        Ok(()) => {
            conn.execute_batch("COMMIT")?;
            Ok(())
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn remove_doc(conn: &Connection, doc: i64) -> Result<()> {
    let incidents: Vec<i64> = {
        let mut q = conn.prepare_cached(
            "SELECT DISTINCT incident FROM incident_reports WHERE doc = ?1 AND incident IS NOT NULL ORDER BY incident",
        )?;
        let v = q.query_map([doc], |r| r.get(0))?.collect::<marsad_store::db::Result<_>>()?;
        v
    };
    conn.prepare_cached("DELETE FROM incident_reports WHERE doc = ?1")?.execute([doc])?;
    // its LSH rows, found from its signature (no index on doc_lsh.doc)
    let sig: Option<Vec<u8>> =
        conn.prepare_cached("SELECT minhash FROM doc_state WHERE doc = ?1")?.query_row([doc], |r| r.get(0)).optional()?;
    let sig = sig.map(|b| minhash::from_blob(&b)).unwrap_or_default();
    if !sig.is_empty() {
        let mut del = conn.prepare_cached("DELETE FROM doc_lsh WHERE band = ?1 AND bucket = ?2 AND doc = ?3")?;
        for (b, bucket) in minhash::bands(&sig).iter().enumerate() {
            del.execute(params![b as i64, bucket, doc])?;
        }
    }
    conn.prepare_cached("DELETE FROM doc_state WHERE doc = ?1")?.execute([doc])?;
    conn.prepare_cached("DELETE FROM doc_links WHERE doc = ?1")?.execute([doc])?;
    for i in incidents {
        recompute(conn, i)?;
    }
    Ok(())
}

/// A document to add, as read from the store.
struct Todo {
    pk: i64,
    version: String,
    minhash: Option<Vec<u8>>,
    published: Option<String>,
}

/// An incident touched in the current chunk: all its reports and its
/// current values, kept in memory until the chunk is written.
pub(crate) struct Live {
    rows: Vec<Row>,
    cand: Cand,
    kind: String,
    is_new: bool,
}

/// The in-memory state of one chunk: the incidents it touched (their
/// values are what the database would hold after each report, so matching
/// is the same as report-by-report SQL), written once at the end.
#[derive(Default)]
pub(crate) struct Chunk {
    pub(crate) live: std::collections::BTreeMap<i64, Live>,
    pub(crate) next_id: i64,
    /// Signatures of recently seen documents (LSH candidates are the most
    /// recent documents of a bucket), kept across chunks.
    pub(crate) sigs: SigCache,
}

/// A bounded cache of signatures by document (oldest entries dropped
/// first), so that memory stays flat however large the corpus.
#[derive(Default)]
pub(crate) struct SigCache {
    map: std::collections::HashMap<i64, Vec<u64>>,
    order: std::collections::VecDeque<i64>,
}

impl SigCache {
    const CAP: usize = 50_000;

    fn get(&self, doc: i64) -> Option<&Vec<u64>> {
        self.map.get(&doc)
    }

    fn put(&mut self, doc: i64, sig: Vec<u64>) {
        if self.map.insert(doc, sig).is_none() {
            self.order.push_back(doc);
            while self.order.len() > Self::CAP {
                if let Some(old) = self.order.pop_front() {
                    self.map.remove(&old);
                }
            }
        }
    }
}

impl Chunk {
    /// Load an existing incident's reports (first touch in this chunk).
    fn touch(&mut self, conn: &Connection, id: i64) -> Result<&mut Live> {
        match self.live.entry(id) {
            std::collections::btree_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::btree_map::Entry::Vacant(e) => {
                let rows = load_rows(conn, id)?;
                let (cand, kind) = if rows.is_empty() {
                    (Cand::empty(id), String::new())
                } else {
                    let v = values(&rows);
                    (v.cand(id), v.kind)
                };
                // an incident a reviewer pinned a report to may be gone
                // (its documents were re-ingested): it is made again
                let is_new = rows.is_empty() && !incident_exists(conn, id)?;
                Ok(e.insert(Live { cand, rows, kind, is_new }))
            }
        }
    }

    /// Write every incident touched in this chunk.
    #[inline(never)]
    pub(crate) fn flush(&mut self, conn: &Connection) -> Result<()> {
        let now = now_secs();
        for (&id, l) in &self.live {
            if l.rows.is_empty() {
                continue; // (not reached: a touched incident always gets a report)
            }
            if l.is_new {
                conn.prepare_cached(
                    "INSERT INTO incidents(id, type, n_reports, n_documents, sources, first_doc, first_idx, updated_at)
                     VALUES (?1, ?2, 0, 0, '[]', ?3, ?4, 0)",
                )?
                .execute(params![id, l.kind, l.rows[0].doc, l.rows[0].idx])?;
            }
            write_values(conn, id, &values(&l.rows), now).with_context(|| format!("incident {id}"))?;
        }
        self.live.clear();
        Ok(())
    }
}

/// Link `t` to the earliest document it nearly copies; record its
/// signature and LSH buckets.
#[inline(never)]
fn near_duplicates(conn: &Connection, t: &Todo, ck: &mut Chunk, st: &mut SyncStats) -> Result<()> {
    let pk = t.pk;
    let hash = t.version.as_str();
    let sig = match &t.minhash {
        Some(b) => minhash::from_blob(b),
        None => {
            let text: String = conn.prepare_cached("SELECT text FROM documents WHERE pk = ?1")?.query_row([pk], |r| r.get(0))?;
            minhash::signature(&marsad_text::tokenize::tokenize(&text)).unwrap_or_default()
        }
    };
    if !sig.is_empty() {
        let bands = minhash::bands(&sig);
        let mut cands: Vec<i64> = Vec::new();
        {
            // the limit is written into the SQL: a bound LIMIT makes SQLite
            // re-prepare the statement at every execution
            let sql = format!(
                "SELECT doc FROM doc_lsh WHERE band = ?1 AND bucket = ?2 AND doc != ?3 ORDER BY doc DESC LIMIT {BUCKET_CANDIDATES}"
            );
            let mut q = conn.prepare_cached(&sql)?;
            for (b, bucket) in bands.iter().enumerate() {
                for d in q.query_map(params![b as i64, bucket, pk], |r| r.get::<_, i64>(0))? {
                    cands.push(d?);
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<(i64, f64)> = None;
        {
            let mut q = conn.prepare_cached("SELECT minhash FROM doc_state WHERE doc = ?1")?;
            for c in cands {
                let other = match ck.sigs.get(c) {
                    Some(o) => o,
                    None => {
                        let blob: Option<Vec<u8>> = q.query_row([c], |r| r.get(0)).optional()?;
                        let Some(blob) = blob else { continue };
                        ck.sigs.put(c, minhash::from_blob(&blob));
                        ck.sigs.get(c).expect("just put")
                    }
                };
                let s = minhash::similarity(&sig, other);
                if s >= DUP_THRESHOLD && best.is_none_or(|(_, bs)| s > bs + 1e-12) {
                    best = Some((c, s));
                }
            }
        }
        if let Some((of, s)) = best {
            // link to the root of the earlier document's group
            let root: i64 = conn
                .prepare_cached("SELECT duplicate_of FROM doc_links WHERE doc = ?1")?
                .query_row([of], |r| r.get(0))
                .optional()?
                .unwrap_or(of);
            conn.prepare_cached("INSERT INTO doc_links(doc, duplicate_of, similarity) VALUES (?1,?2,?3)
                 ON CONFLICT(doc) DO UPDATE SET duplicate_of = excluded.duplicate_of, similarity = excluded.similarity")?
                .execute(params![pk, root, s])?;
            st.near_duplicates += 1;
        }
        let mut ins = conn.prepare_cached("INSERT OR IGNORE INTO doc_lsh(band, bucket, doc) VALUES (?1,?2,?3)")?;
        for (b, bucket) in bands.iter().enumerate() {
            ins.execute(params![b as i64, bucket, pk])?;
        }
    }
    conn.prepare_cached("INSERT INTO doc_state(doc, content_hash, minhash) VALUES (?1,?2,?3)
         ON CONFLICT(doc) DO UPDATE SET content_hash = excluded.content_hash, minhash = excluded.minhash")?
        .execute(params![pk, hash, minhash::to_blob(&sig)])?;
    if !sig.is_empty() {
        ck.sigs.put(pk, sig);
    }

    Ok(())
}

#[inline(never)]
fn add_doc(conn: &Connection, t: &Todo, ck: &mut Chunk, st: &mut SyncStats) -> Result<()> {
    let pk = t.pk;
    let hash = t.version.as_str();
    st.documents += 1;
    near_duplicates(conn, t, ck, st)?;

    let reports = read_reports(conn, pk, None, t.published.as_deref())?;
    // (incident, sentence) of this document's reports so far
    let mut mine: Vec<(i64, i64)> = Vec::new();
    for (r, row, pin) in reports {
        place_report(conn, r, row, pin, None, hash, ck, st, &mut mine)?;
    }
    Ok(())
}

/// The stable id of an event report: `document id:trigger start-trigger
/// end` (code points). Re-extracting the same text finds the same trigger,
/// whatever the report's position in the document's list.
pub fn event_uid(doc_id: &str, trigger_start: i64, trigger_end: i64) -> String {
    format!("{doc_id}:{trigger_start}-{trigger_end}")
}

/// A document's reports (or one of them), with a reviewer's decisions
/// applied (`crate::review`): edited fields replace the machine's, a
/// rejected report is `rejected` (never in an incident), and a report a
/// reviewer placed in an incident comes with that incident (`pin`).
pub(crate) fn read_reports(conn: &Connection, pk: i64, only: Option<i64>, published: Option<&str>) -> Result<Vec<(Report, Row, Option<i64>)>> {
    struct Raw {
        row: Row,
        sentence: i64,
        flags: [bool; 4],
        date_value: Option<String>,
    }
    let raws: Vec<Raw> = {
        let mut q = conn.prepare_cached(
            "SELECT e.idx, e.type, e.acled_event_type, e.sentence, e.lat, e.lon, e.country, e.admin1, e.geo_precision,
                    e.actor_id, e.actor_name, e.actor_text, e.recipient_id, e.recipient_name, e.recipient_text,
                    e.date_value, e.negated, e.hypothetical, e.generic,
                    e.acled_sub_event_type, e.place_name, e.geonameid, e.fatalities, e.injured, e.arrested,
                    d.source, d.id, e.background, e.trigger_start, e.trigger_end
             FROM events e JOIN documents d ON d.pk = e.doc WHERE e.doc = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR e.idx = ?2) ORDER BY e.idx",
        )?;
        let v = q
            .query_map(params![pk, only], |r| {
                let doc_id: String = r.get(26)?;
                let uid = event_uid(&doc_id, r.get(28)?, r.get(29)?);
                Ok(Raw {
                    row: Row {
                        doc: pk,
                        idx: r.get(0)?,
                        lo: None,
                        hi: None,
                        rank: None,
                        kind: r.get(1)?,
                        acled: r.get(2)?,
                        acled_sub: r.get(19)?,
                        place: r.get(20)?,
                        geonameid: r.get(21)?,
                        lat: r.get(4)?,
                        lon: r.get(5)?,
                        country: r.get(6)?,
                        admin1: r.get(7)?,
                        geo_precision: r.get(8)?,
                        fatalities: r.get(22)?,
                        injured: r.get(23)?,
                        arrested: r.get(24)?,
                        actor_id: r.get(9)?,
                        actor_name: r.get(10)?,
                        actor_text: r.get(11)?,
                        recipient_id: r.get(12)?,
                        recipient_name: r.get(13)?,
                        recipient_text: r.get(14)?,
                        source: r.get(25)?,
                        doc_id,
                        uid,
                    },
                    sentence: r.get(3)?,
                    flags: [r.get::<_, i64>(16)? != 0, r.get::<_, i64>(17)? != 0, r.get::<_, i64>(18)? != 0, r.get::<_, i64>(27)? != 0],
                    date_value: r.get(15)?,
                })
            })?
            .collect::<marsad_store::db::Result<_>>()?;
        v
    };
    let mut out = Vec::with_capacity(raws.len());
    for Raw { mut row, sentence, flags, mut date_value } in raws {
        let ov = crate::review::event_overlay(conn, &row.uid)?;
        let mut flags = flags;
        let mut rejected = false;
        let mut pin = None;
        if let Some(ov) = &ov {
            crate::review::apply_event_fields(&mut row, &ov.fields, &mut date_value, &mut flags);
            rejected = ov.status == "rejected";
            pin = ov.incident;
        }
        let status = if rejected {
            "rejected"
        } else if flags[0] {
            "negated"
        } else if flags[1] {
            "hypothetical"
        } else if flags[2] {
            "generic"
        } else if flags[3] {
            "background"
        } else if row.acled.is_none() {
            "other"
        } else {
            "incident"
        };
        let date = report_dates(date_value.as_deref(), published);
        row.lo = date.map(|d| d.0);
        row.hi = date.map(|d| d.1);
        row.rank = date.map(|d| d.2);
        let rep = Report {
            doc: pk,
            idx: row.idx,
            kind: row.kind.clone(),
            acled: row.acled.clone(),
            sentence,
            lat: row.lat,
            lon: row.lon,
            country: row.country.clone(),
            admin1: row.admin1.clone(),
            geo_precision: row.geo_precision.clone(),
            actor_id: row.actor_id.clone(),
            actor_key: key_of(row.actor_id.as_deref(), row.actor_name.as_deref(), row.actor_text.as_deref()),
            recipient_id: row.recipient_id.clone(),
            recipient_key: key_of(row.recipient_id.as_deref(), row.recipient_name.as_deref(), row.recipient_text.as_deref()),
            status,
            date,
        };
        out.push((rep, row, pin));
    }
    Ok(out)
}

/// Record one report and, when it reports an incident, place it: in the
/// incident a reviewer pinned it to, else in `keep` (its incident before a
/// review refreshed it: ids stay stable), else in the best compatible
/// incident, else in a new one.
#[allow(clippy::too_many_arguments)]
pub(crate) fn place_report(
    conn: &Connection,
    r: Report,
    row: Row,
    pin: Option<i64>,
    keep: Option<i64>,
    hash: &str,
    ck: &mut Chunk,
    st: &mut SyncStats,
    mine: &mut Vec<(i64, i64)>,
) -> Result<Option<i64>> {
    st.reports += 1;
    let id = if r.status == "incident" {
        st.incident_reports += 1;
        match pin.or(keep) {
            Some(id) => Some(id),
            None => match best_incident(conn, &r, ck, mine)? {
                Some(id) => {
                    st.merged_reports += 1;
                    Some(id)
                }
                None => {
                    st.new_incidents += 1;
                    let id = ck.next_id;
                    ck.next_id += 1;
                    ck.live.insert(id, Live { rows: Vec::new(), cand: Cand::empty(id), kind: r.kind.clone(), is_new: true });
                    Some(id)
                }
            },
        }
    } else {
        None
    };
    if let Some(id) = id {
        // load its earlier reports before this one is recorded
        ck.touch(conn, id)?;
    }
    let (lo, hi, rank) = match r.date {
        Some((a, b, c)) => (Some(a), Some(b), Some(c)),
        None => (None, None, None),
    };
    conn.prepare_cached(
        "INSERT INTO incident_reports(doc, idx, content_hash, sentence, status, incident, date_lo, date_hi, date_rank)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)
         ON CONFLICT(doc, idx) DO UPDATE SET content_hash = excluded.content_hash, sentence = excluded.sentence,
           status = excluded.status, incident = excluded.incident, date_lo = excluded.date_lo,
           date_hi = excluded.date_hi, date_rank = excluded.date_rank",
    )?
    .execute(params![r.doc, r.idx, hash, r.sentence, r.status, id, lo, hi, rank])?;
    if let Some(id) = id {
        mine.push((id, r.sentence));
        let l = ck.touch(conn, id)?;
        if l.kind.is_empty() {
            l.kind = r.kind.clone();
        }
        // rows stay in (doc, idx) order: this document comes after
        // every one already merged
        l.rows.push(row);
        l.rows.sort_by_key(|x| (x.doc, x.idx));
        let v = values(&l.rows);
        l.kind = v.kind.clone();
        l.cand = v.cand(id);
    }
    Ok(id)
}

pub(crate) fn incident_exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM incidents WHERE id = ?1")?.query_row([id], |_| Ok(())).optional()?.is_some())
}

/// The compatible incident with the best evidence for `r`, if any:
/// incidents stored before this chunk (an indexed query on type or ACLED
/// type and dates) and those touched in this chunk (in memory, with their
/// current values).
#[inline(never)]
fn best_incident(conn: &Connection, r: &Report, ck: &Chunk, mine: &[(i64, i64)]) -> Result<Option<i64>> {
    let Some((lo, hi, _)) = r.date else { return Ok(None) };
    // Incidents whose dates can meet [lo - 1, hi + 1]: date_lo <= hi + 1,
    // date_hi >= lo - 1 and (width <= MAX_RANGE) date_lo >= lo - 33. Those
    // spanning at most 2 days start at lo - 3 or later, so they are read
    // from a narrow range of the (type, span > 2, date_lo) index; only the
    // few wider ones need the whole window (a single window scan grew with
    // the number of incidents per day).
    const COLS: &str = "id, lat, lon, country, admin1, geo_precision, actor_id, actor_key, recipient_id, recipient_key,
                        date_lo, date_hi, acled_event_type";
    // the index's boolean: 0/1 in SQLite, FALSE/TRUE in PostgreSQL
    let (no, yes) = if conn.is_pg() { ("FALSE", "TRUE") } else { ("0", "1") };
    let sql = format!(
        "SELECT {COLS} FROM incidents WHERE type = ?1 AND (date_hi - date_lo > 2) = {no} AND date_lo BETWEEN ?3 - 3 AND ?4 + 1 AND date_hi >= ?3 - 1
         UNION SELECT {COLS} FROM incidents WHERE type = ?1 AND (date_hi - date_lo > 2) = {yes} AND date_lo BETWEEN ?3 - ?5 AND ?4 + 1 AND date_hi >= ?3 - 1
         UNION SELECT {COLS} FROM incidents WHERE acled_event_type = ?2 AND (date_hi - date_lo > 2) = {no} AND date_lo BETWEEN ?3 - 3 AND ?4 + 1 AND date_hi >= ?3 - 1
         UNION SELECT {COLS} FROM incidents WHERE acled_event_type = ?2 AND (date_hi - date_lo > 2) = {yes} AND date_lo BETWEEN ?3 - ?5 AND ?4 + 1 AND date_hi >= ?3 - 1"
    );
    let mut q = conn.prepare_cached(&sql)?;
    let mut cands: Vec<Cand> = Vec::new();
    for c in q.query_map(params![r.kind, r.acled, lo, hi, MAX_RANGE + 2], |x| {
        Ok(Cand {
            id: x.get(0)?,
            lat: x.get(1)?,
            lon: x.get(2)?,
            country: x.get(3)?,
            admin1: x.get(4)?,
            geo_precision: x.get(5)?,
            actor_id: x.get(6)?,
            actor_key: x.get(7)?,
            recipient_id: x.get(8)?,
            recipient_key: x.get(9)?,
            date_lo: x.get(10)?,
            date_hi: x.get(11)?,
            acled: x.get(12)?,
        })
    })? {
        let c = c?;
        if !ck.live.contains_key(&c.id) {
            cands.push(c);
        }
    }
    // the same filter on the incidents of this chunk
    for l in ck.live.values() {
        let c = &l.cand;
        let (Some(clo), Some(chi)) = (c.date_lo, c.date_hi) else { continue };
        let kind_ok = l.kind == r.kind || (r.acled.is_some() && c.acled == r.acled);
        if kind_ok && clo >= lo - (MAX_RANGE + 2) && clo <= hi + 1 && chi >= lo - 1 {
            cands.push(c.clone());
        }
    }
    cands.sort_by_key(|c| c.id);
    let mut best: Option<(i64, i64)> = None; // score, id
    for c in cands {
        let (Some(clo), Some(chi)) = (c.date_lo, c.date_hi) else { continue };
        // both single days: at most one day apart; otherwise one range must
        // meet the other (one imprecise date containing the other)
        let day_apart = if lo == hi && clo == chi { (lo - clo).abs() } else { 0 };
        if day_apart > 1 || clo > hi + 1 || chi < lo - 1 {
            continue;
        }
        let Some(place) = place_agree(r, &c) else { continue };
        let Some(actor) = actor_agree(&r.actor_id, &r.actor_key, &c.actor_id, &c.actor_key) else { continue };
        let Some(recip) = actor_agree(&r.recipient_id, &r.recipient_key, &c.recipient_id, &c.recipient_key) else {
            continue;
        };
        if mine.iter().any(|&(i, s)| i == c.id && s == r.sentence) {
            continue; // never two reports of one sentence
        }
        let same_doc = mine.iter().any(|&(i, _)| i == c.id);
        // the same PLOVER type under two ACLED types (a bombing and a
        // clash are both ASSAULT) only within one article
        if r.acled.is_some() && c.acled.is_some() && r.acled != c.acled && !same_doc {
            continue;
        }
        if !(place || actor || recip || same_doc) {
            continue; // compatible but nothing ties them
        }
        let score = 4 * place as i64 + 2 * actor as i64 + recip as i64 + 2 * same_doc as i64 - day_apart;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c.id));
        }
    }
    Ok(best.map(|(_, id)| id))
}

pub(crate) struct Row {
    pub(crate) doc: i64,
    pub(crate) idx: i64,
    pub(crate) lo: Option<i64>,
    pub(crate) hi: Option<i64>,
    pub(crate) rank: Option<i64>,
    pub(crate) kind: String,
    pub(crate) acled: Option<String>,
    pub(crate) acled_sub: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) geonameid: Option<i64>,
    pub(crate) lat: Option<f64>,
    pub(crate) lon: Option<f64>,
    pub(crate) country: Option<String>,
    pub(crate) admin1: Option<String>,
    pub(crate) geo_precision: Option<String>,
    pub(crate) fatalities: Option<i64>,
    pub(crate) injured: Option<i64>,
    pub(crate) arrested: Option<i64>,
    pub(crate) actor_id: Option<String>,
    pub(crate) actor_name: Option<String>,
    pub(crate) actor_text: Option<String>,
    pub(crate) recipient_id: Option<String>,
    pub(crate) recipient_name: Option<String>,
    pub(crate) recipient_text: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) doc_id: String,
    /// The report's stable id ([`event_uid`]).
    pub(crate) uid: String,
}

/// The most frequent value, ties to the first seen; `prefer` ranks values
/// before counting (lower first).
fn pick<T: Clone + PartialEq>(vals: impl Iterator<Item = T>, prefer: impl Fn(&T) -> i64) -> Option<T> {
    let mut counts: Vec<(T, i64, usize)> = Vec::new();
    for (i, v) in vals.enumerate() {
        match counts.iter_mut().find(|(x, _, _)| *x == v) {
            Some(c) => c.1 += 1,
            None => counts.push((v, 1, i)),
        }
    }
    counts
        .into_iter()
        .min_by_key(|(v, n, i)| (prefer(v), -n, *i))
        .map(|(v, _, _)| v)
}

/// How a report's source is named: the outlet the input names (`Reuters`,
/// an HTML page's `og:site_name`), else the host of a URL (`reuters.com`),
/// else the document id (local files and JSON Lines hold many outlets; the
/// reader falls back to the file name as the source).
pub(crate) fn source_name(source: Option<&str>, doc_id: &str) -> String {
    let url = [source, Some(doc_id)]
        .into_iter()
        .flatten()
        .find_map(|s| s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")));
    if let Some(outlet) = source.map(str::trim).filter(|s| !s.is_empty() && !looks_like_path(s) && !s.contains("://")) {
        return outlet.to_string();
    }
    match url {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            host.strip_prefix("www.").unwrap_or(host).to_string()
        }
        None => doc_id.to_string(),
    }
}

/// The input falls back to the file (or `-`) as a document's source.
fn looks_like_path(s: &str) -> bool {
    const EXT: [&str; 11] = [".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json", ".xml", ".rss"];
    s == "-" || s.contains('/') || s.contains('\\') || EXT.iter().any(|e| s.to_ascii_lowercase().ends_with(e)) || s.ends_with(".atom")
}

/// All reports of an incident, in (doc, idx) order.
#[inline(never)]
pub(crate) fn load_rows(conn: &Connection, id: i64) -> Result<Vec<Row>> {
    let rows: Vec<Row> = {
        let mut q = conn.prepare_cached(
            "SELECT r.doc, r.idx, r.date_lo, r.date_hi, r.date_rank, e.type, e.acled_event_type, e.acled_sub_event_type,
                    e.place_name, e.geonameid, e.lat, e.lon, e.country, e.admin1, e.geo_precision,
                    e.fatalities, e.injured, e.arrested, e.actor_id, e.actor_name, e.actor_text,
                    e.recipient_id, e.recipient_name, e.recipient_text, d.source, d.id, e.trigger_start, e.trigger_end
             FROM incident_reports r JOIN events e ON e.doc = r.doc AND e.idx = r.idx
             JOIN documents d ON d.pk = r.doc
             WHERE r.incident = ?1 ORDER BY r.doc, r.idx",
        )?;
        let v = q
            .query_map([id], |x| {
                Ok(Row {
                    doc: x.get(0)?,
                    idx: x.get(1)?,
                    lo: x.get(2)?,
                    hi: x.get(3)?,
                    rank: x.get(4)?,
                    kind: x.get(5)?,
                    acled: x.get(6)?,
                    acled_sub: x.get(7)?,
                    place: x.get(8)?,
                    geonameid: x.get(9)?,
                    lat: x.get(10)?,
                    lon: x.get(11)?,
                    country: x.get(12)?,
                    admin1: x.get(13)?,
                    geo_precision: x.get(14)?,
                    fatalities: x.get(15)?,
                    injured: x.get(16)?,
                    arrested: x.get(17)?,
                    actor_id: x.get(18)?,
                    actor_name: x.get(19)?,
                    actor_text: x.get(20)?,
                    recipient_id: x.get(21)?,
                    recipient_name: x.get(22)?,
                    recipient_text: x.get(23)?,
                    source: x.get(24)?,
                    uid: event_uid(&x.get::<_, String>(25)?, x.get(26)?, x.get(27)?),
                    doc_id: x.get(25)?,
                })
            })?
            .collect::<marsad_store::db::Result<_>>()?;
        v
    };
    // a reviewer's edits replace the machine's values (dates were applied
    // when the report was recorded)
    let mut rows = rows;
    for row in &mut rows {
        if let Some(ov) = crate::review::event_overlay(conn, &row.uid)? {
            let (mut dv, mut flags) = (None, [false; 4]);
            crate::review::apply_event_fields(row, &ov.fields, &mut dv, &mut flags);
        }
    }
    Ok(rows)
}

/// Recompute an incident's values from all its reports (deleting it when
/// none is left).
pub(crate) fn recompute(conn: &Connection, id: i64) -> Result<()> {
    let rows = load_rows(conn, id)?;
    if rows.is_empty() {
        conn.prepare_cached("DELETE FROM incidents WHERE id = ?1")?.execute([id])?;
        return Ok(());
    }
    write_values(conn, id, &values(&rows), now_secs())
}

/// An incident's values, as derived from its reports.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Values {
    pub(crate) kind: String,
    pub(crate) acled: Option<String>,
    pub(crate) acled_sub: Option<String>,
    pub(crate) day: Option<i64>,
    pub(crate) date_precision: Option<&'static str>,
    pub(crate) date_lo: Option<i64>,
    pub(crate) date_hi: Option<i64>,
    pub(crate) place: Option<String>,
    pub(crate) geonameid: Option<i64>,
    pub(crate) lat: Option<f64>,
    pub(crate) lon: Option<f64>,
    pub(crate) country: Option<String>,
    pub(crate) admin1: Option<String>,
    pub(crate) geo_precision: Option<String>,
    pub(crate) fatalities: Option<i64>,
    pub(crate) injured: Option<i64>,
    pub(crate) arrested: Option<i64>,
    pub(crate) aid: Option<String>,
    pub(crate) aname: Option<String>,
    pub(crate) akey: Option<String>,
    pub(crate) rid: Option<String>,
    pub(crate) rname: Option<String>,
    pub(crate) rkey: Option<String>,
    pub(crate) n_reports: i64,
    pub(crate) n_documents: i64,
    pub(crate) sources: Vec<String>,
    pub(crate) first_doc: i64,
    pub(crate) first_idx: i64,
}

impl Values {
    fn cand(&self, id: i64) -> Cand {
        Cand {
            id,
            lat: self.lat,
            lon: self.lon,
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            geo_precision: self.geo_precision.clone(),
            actor_id: self.aid.clone(),
            actor_key: self.akey.clone(),
            recipient_id: self.rid.clone(),
            recipient_key: self.rkey.clone(),
            date_lo: self.date_lo,
            date_hi: self.date_hi,
            acled: self.acled.clone(),
        }
    }
}

/// The values of an incident with these reports (not empty).
pub(crate) fn values(rows: &[Row]) -> Values {
    let kind = pick(rows.iter().map(|r| r.kind.clone()), |_| 0).unwrap_or_default();
    let acled = pick(rows.iter().filter(|r| r.kind == kind).filter_map(|r| r.acled.clone()), |_| 0);
    let acled_sub = pick(
        rows.iter().filter(|r| r.acled == acled).filter_map(|r| r.acled_sub.clone()),
        |_| 0,
    );
    // most precise date: lowest rank, then narrowest range, then first
    let date_row = rows
        .iter()
        .filter(|r| r.lo.is_some())
        .min_by_key(|r| (r.rank.unwrap_or(9), r.hi.unwrap_or(0) - r.lo.unwrap_or(0)));
    let (date_lo, date_hi, rank) = date_row.map_or((None, None, None), |r| (r.lo, r.hi, r.rank));
    let day = match rank {
        Some(2) => date_hi, // publication date of an undated report
        _ => date_lo,
    };
    let date_precision = rank.map(|k| match (k, date_hi.unwrap_or(0) - date_lo.unwrap_or(0)) {
        (0, _) => "day",
        (2, _) => "published",
        (_, 0..=7) => "week",
        _ => "month",
    });
    let place_row = rows
        .iter()
        .min_by_key(|r| place_rank(r.geo_precision.as_deref(), r.lat.is_some() && r.lon.is_some()));
    let place_row = place_row.filter(|r| r.lat.is_some() || r.country.is_some());
    let min = |f: fn(&Row) -> Option<i64>| rows.iter().filter_map(f).min();
    let known = |id: &Option<String>| match id.as_deref() {
        Some(s) if s.starts_with("kb:") || s.starts_with("state:") => 0,
        Some(_) => 1,
        None => 2,
    };
    let actor = pick(
        rows.iter()
            .filter(|r| r.actor_id.is_some() || r.actor_name.is_some() || r.actor_text.is_some())
            .map(|r| (r.actor_id.clone(), r.actor_name.clone().or(r.actor_text.clone()))),
        |(id, _)| known(id),
    );
    let recipient = pick(
        rows.iter()
            .filter(|r| r.recipient_id.is_some() || r.recipient_name.is_some() || r.recipient_text.is_some())
            .map(|r| (r.recipient_id.clone(), r.recipient_name.clone().or(r.recipient_text.clone()))),
        |(id, _)| known(id),
    );
    let mut sources: Vec<String> = Vec::new();
    let mut docs: Vec<i64> = Vec::new();
    for r in rows {
        if !docs.contains(&r.doc) {
            docs.push(r.doc);
        }
        let s = source_name(r.source.as_deref(), &r.doc_id);
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    let (aid, aname) = actor.unwrap_or((None, None));
    let (rid, rname) = recipient.unwrap_or((None, None));
    let akey = key_of(aid.as_deref(), aname.as_deref(), None);
    let rkey = key_of(rid.as_deref(), rname.as_deref(), None);
    let first = &rows[0];
    Values {
        kind,
        acled,
        acled_sub,
        day,
        date_precision,
        date_lo,
        date_hi,
        place: place_row.and_then(|r| r.place.clone()),
        geonameid: place_row.and_then(|r| r.geonameid),
        lat: place_row.and_then(|r| r.lat),
        lon: place_row.and_then(|r| r.lon),
        country: place_row.and_then(|r| r.country.clone()).or_else(|| rows.iter().find_map(|r| r.country.clone())),
        admin1: place_row.and_then(|r| r.admin1.clone()),
        geo_precision: place_row.and_then(|r| r.geo_precision.clone()),
        fatalities: min(|r| r.fatalities),
        injured: min(|r| r.injured),
        arrested: min(|r| r.arrested),
        aid,
        aname,
        akey,
        rid,
        rname,
        rkey,
        n_reports: rows.len() as i64,
        n_documents: docs.len() as i64,
        sources,
        first_doc: first.doc,
        first_idx: first.idx,
    }
}

fn write_values(conn: &Connection, id: i64, v: &Values, now: i64) -> Result<()> {
    // a reviewer's decision on the incident replaces the machine's values
    let reviewed;
    let (v, status) = match crate::review::incident_overlay(conn, id, v)? {
        Some((r, status)) => {
            reviewed = r;
            (&reviewed, status)
        }
        None => (v, "unreviewed".to_string()),
    };
    conn.prepare_cached("UPDATE incidents SET review_status = ?2 WHERE id = ?1")?.execute(params![id, status])?;
    conn.prepare_cached(
        "UPDATE incidents SET type=?2, acled_event_type=?3, acled_sub_event_type=?4, date=?5, date_precision=?6,
            date_lo=?7, date_hi=?8, day=?9, place=?10, geonameid=?11, lat=?12, lon=?13, country=?14, admin1=?15,
            geo_precision=?16, fatalities=?17, injured=?18, arrested=?19, actor_id=?20, actor_name=?21, actor_key=?22,
            recipient_id=?23, recipient_name=?24, recipient_key=?25, n_reports=?26, n_documents=?27, sources=?28,
            first_doc=?29, first_idx=?30, updated_at=?31
         WHERE id=?1",
    )?
    .execute(params![
        id,
        v.kind,
        v.acled,
        v.acled_sub,
        v.day.map(dates::iso),
        v.date_precision,
        v.date_lo,
        v.date_hi,
        v.day,
        v.place,
        v.geonameid,
        v.lat,
        v.lon,
        v.country,
        v.admin1,
        v.geo_precision,
        v.fatalities,
        v.injured,
        v.arrested,
        v.aid,
        v.aname,
        v.akey,
        v.rid,
        v.rname,
        v.rkey,
        v.n_reports,
        v.n_documents,
        serde_json::to_string(&v.sources)?,
        v.first_doc,
        v.first_idx,
        now,
    ])?;
    Ok(())
}

#[cfg(test)]
mod source_tests {
    use super::source_name;

    #[test]
    fn outlet_names_hosts_and_files() {
        assert_eq!(source_name(Some("Al Rafidain"), "news/a.html"), "Al Rafidain");
        assert_eq!(source_name(Some("https://www.reuters.com/world/1"), "x"), "reuters.com");
        assert_eq!(source_name(Some("news/feed.jsonl"), "news/feed.jsonl:3"), "news/feed.jsonl:3");
        assert_eq!(source_name(Some("a.txt"), "a.txt"), "a.txt");
        assert_eq!(source_name(None, "https://x.example/2"), "x.example");
    }
}
