//! `marsad ingest`, `search`, `stats`: the command line over `marsad-store`.
use anyhow::{bail, Result};
use clap::Args;
use marsad_input::InputOptions;
use marsad_pipeline::{IngestEvent, Pipeline};
use marsad_store::{Counts, Store};
use std::cell::{Cell, RefCell};
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct IngestArgs {
    /// Files or directories (read recursively); `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// SQLite database file (created when missing), or a PostgreSQL server: postgres://user@host:port/db.
    #[arg(long, default_value = "marsad.db")]
    pub db: String,
    /// Input format instead of detecting it: text, html, jsonl or rss.
    #[arg(long = "input-format")]
    pub input_format: Option<marsad_input::Format>,
    /// JSON field holding the text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSON field holding the document id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSON field holding the publication date (default: `date`, then `published`).
    #[arg(long)]
    pub date_field: Option<String>,
    /// JSON field holding the title.
    #[arg(long, default_value = "title")]
    pub title_field: String,
    /// Documents per transaction.
    #[arg(long, default_value_t = marsad_store::DEFAULT_BATCH)]
    pub batch_size: usize,
    /// Re-annotate and rewrite documents whose content is unchanged (after
    /// a pipeline upgrade).
    #[arg(long)]
    pub force: bool,
    /// Annotation threads [default: one per core]. The database is the
    /// same whatever the number.
    #[arg(long, short = 'j', visible_alias = "jobs", value_name = "N")]
    pub threads: Option<usize>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (all must occur; words inside double quotes must be
    /// adjacent, e.g. '"وزارة الداخلية"'). Arabic words match with or without
    /// clitics (بغداد finds وبغداد, الحكومة finds للحكومة).
    #[arg(required = true)]
    pub query: Vec<String>,
    /// SQLite database file, or a PostgreSQL server: postgres://user@host:port/db.
    #[arg(long, default_value = "marsad.db")]
    pub db: String,
    /// Maximum number of results.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many results (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Only documents in this language: ar, en, und.
    #[arg(long)]
    pub lang: Option<String>,
    /// Only documents published on or after this date (2017, 2017-12, 2017-12-03).
    #[arg(long)]
    pub from: Option<String>,
    /// Only documents published on or before this date (2017, 2017-12, 2017-12-03).
    #[arg(long)]
    pub to: Option<String>,
    /// Print results as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct StatsArgs {
    /// SQLite database file, or a PostgreSQL server: postgres://user@host:port/db.
    #[arg(long, default_value = "marsad.db")]
    pub db: String,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// A one-line progress display on stderr, drawn only on a terminal.
struct Progress {
    on: bool,
    total_files: usize,
    last: Instant,
    start: Instant,
    drawn: bool,
}

impl Progress {
    fn new(on: bool, total_files: usize) -> Progress {
        let now = Instant::now();
        Progress { on, total_files, last: now.checked_sub(Duration::from_secs(1)).unwrap_or(now), start: now, drawn: false }
    }

    fn update(&mut self, files: usize, c: &Counts, force: bool) {
        if !self.on || (!force && self.last.elapsed() < Duration::from_millis(100)) {
            return;
        }
        self.last = Instant::now();
        let width = 24;
        let frac = if self.total_files == 0 { 1.0 } else { files as f64 / self.total_files as f64 };
        let filled = ((frac * width as f64) as usize).min(width);
        let rate = c.read as f64 / self.start.elapsed().as_secs_f64().max(1e-3);
        let line = format!(
            "[{}{}] {}/{} files · {} docs · {} new · {} failed · {:.0} docs/s",
            "#".repeat(filled),
            "-".repeat(width - filled),
            files,
            self.total_files,
            c.read,
            c.new + c.updated,
            c.failed,
            rate
        );
        let mut e = std::io::stderr().lock();
        let _ = write!(e, "\r\x1b[2K{line}");
        let _ = e.flush();
        self.drawn = true;
    }

    /// Clear the bar so that a message can be printed on a clean line.
    fn clear(&mut self) {
        if self.drawn {
            let mut e = std::io::stderr().lock();
            let _ = write!(e, "\r\x1b[2K");
            let _ = e.flush();
            self.drawn = false;
        }
    }
}

pub fn ingest(a: IngestArgs) -> Result<i32> {
    let opts = InputOptions {
        format: a.input_format,
        text_field: a.text_field.clone(),
        id_field: a.id_field.clone(),
        date_field: a.date_field.clone(),
        title_field: a.title_field.clone(),
    };
    let mut store = Store::open(&a.db)?;
    store.batch_size = a.batch_size.max(1);
    store.force = a.force;
    store.set_pipeline(format!("marsad {}", env!("CARGO_PKG_VERSION")));
    // never read the database itself (or its journal files) as input
    let own: Vec<std::path::PathBuf> = ["", "-wal", "-shm", "-journal"]
        .iter()
        .filter_map(|s| std::fs::canonicalize(format!("{}{s}", a.db)).ok())
        .collect();
    let files: Vec<_> = marsad_input::expand(&a.paths)
        .into_iter()
        .filter(|f| match f {
            Ok(p) if p != "-" => std::fs::canonicalize(p).map_or(true, |c| !own.contains(&c)),
            _ => true,
        })
        .collect();
    let threads = a.threads.filter(|&n| n > 0).unwrap_or_else(marsad_pipeline::default_threads);
    // load here, so that a broken model stops the run with one clear error
    let pipeline = Pipeline::global()?;
    let progress = RefCell::new(Progress::new(!a.quiet && std::io::stderr().is_terminal(), files.len()));
    let file_at = Cell::new(0usize);
    let start = Instant::now();
    let items = files.iter().enumerate().flat_map(|(fi, f)| {
        file_at.set(fi);
        let items: Box<dyn Iterator<Item = marsad_input::Item>> = match f {
            Ok(p) => marsad_input::read_file(p, &opts),
            Err(e) => Box::new(std::iter::once(Err(e.clone()))),
        };
        items
    });
    // standard input is read as it comes: one document at a time, as `extract` does
    let batch = if files.iter().any(|f| matches!(f, Ok(p) if p == "-")) { 1 } else { marsad_pipeline::BATCH };
    let report = marsad_pipeline::ingest_in_batches(pipeline, &mut store, items, threads, batch, |event, c| {
        let mut progress = progress.borrow_mut();
        if let IngestEvent::Failed { id, place, message } = event {
            progress.clear();
            match id {
                Some(_) => eprintln!("marsad: error: {place}: {message}"),
                None => eprintln!("marsad: error: {message}"),
            }
        }
        progress.update(file_at.get(), c, false);
    })?;
    let c = report.counts;
    let mut progress = progress.into_inner();
    progress.update(files.len(), &c, true);
    progress.clear();
    let secs = start.elapsed().as_secs_f64();
    let rate = c.read as f64 / secs.max(1e-9);
    if a.json {
        let j = serde_json::json!({
            "db": store.location(),
            "read": c.read,
            "new": c.new,
            "updated": c.updated,
            "unchanged": c.unchanged,
            "duplicate": c.duplicate,
            "failed": c.failed,
            "seconds": (secs * 1000.0).round() / 1000.0,
            "docs_per_s": (rate * 10.0).round() / 10.0,
            "threads": threads,
            "documents_in_db": store.count()?,
        });
        emit(format!("{j}\n").as_bytes())?;
    } else {
        emit(format!(
            "read {}, new {}, updated {}, unchanged {}, duplicate {}, failed {} in {:.2} s ({:.1} docs/s) → {} ({} documents)\n",
            c.read,
            c.new,
            c.updated,
            c.unchanged,
            c.duplicate,
            c.failed,
            secs,
            rate,
            store.location(),
            store.count()?
        ).as_bytes())?;
    }
    Ok(if c.failed > 0 { 1 } else { 0 })
}

/// Write to stdout; a reader that went away (`| head`) is not an error.
fn emit(bytes: &[u8]) -> Result<()> {
    let mut o = std::io::stdout().lock();
    match o.write_all(bytes).and_then(|_| o.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

fn open_existing(db: &str) -> Result<Store> {
    if !marsad_store::db::is_pg_url(db) && !std::path::Path::new(db).exists() {
        bail!("no database at {db}: run `marsad ingest PATH... --db {db}` first");
    }
    Store::open(db)
}

pub fn search(a: SearchArgs) -> Result<i32> {
    let store = open_existing(&a.db)?;
    let query = a.query.join(" ");
    let opts = marsad_store::SearchOptions { limit: a.limit, offset: a.offset, lang: a.lang, from: a.from, to: a.to };
    let res = store.search_with(&query, &opts)?;
    if a.json {
        emit(format!("{}\n", serde_json::to_string(&res)?).as_bytes())?;
        return Ok(0);
    }
    if res.keys.is_empty() {
        emit(format!("nothing to search for in {query:?}\n").as_bytes())?;
        return Ok(0);
    }
    let tty = std::io::stdout().is_terminal();
    let (open, close) = if tty { ("\x1b[1;31m", "\x1b[0m") } else { ("«", "»") };
    let mut out: Vec<u8> = Vec::new();
    let shown = if res.total as usize > res.results.len() {
        format!(", showing {}–{}", a.offset + 1, a.offset + res.results.len())
    } else {
        String::new()
    };
    writeln!(out, "{} document(s) match {query:?}{shown}", res.total)?;
    for (i, h) in res.results.iter().enumerate() {
        let mut meta = vec![h.lang.clone()];
        if let Some(p) = &h.published {
            meta.push(p.clone());
        }
        if let Some(s) = &h.source {
            meta.push(s.clone());
        }
        writeln!(out)?;
        writeln!(out, "{}. {}  {}", a.offset + i + 1, h.id, h.title.as_deref().unwrap_or("(no title)"))?;
        writeln!(out, "   [{}]", meta.join(" · "))?;
        writeln!(out, "   {}", h.render(open, close))?;
    }
    emit(&out)?;
    Ok(0)
}

pub fn stats(a: StatsArgs) -> Result<i32> {
    let store = open_existing(&a.db)?;
    let s = store.stats()?;
    if a.json {
        emit(format!("{}\n", serde_json::to_string(&s)?).as_bytes())?;
        return Ok(0);
    }
    let list = |m: &std::collections::BTreeMap<String, u64>| -> String {
        if m.is_empty() {
            return "-".into();
        }
        let mut v: Vec<_> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
    };
    let mut out: Vec<u8> = Vec::new();
    writeln!(out, "database      {} (schema v{}, {:.1} MB)", store.location(), s.schema_version, s.db_bytes as f64 / 1e6)?;
    writeln!(out, "documents     {}  ({})", s.documents, list(&s.documents_by_lang))?;
    if s.duplicate_ids > 0 {
        writeln!(out, "duplicates    {} ids with the content of a stored document", s.duplicate_ids)?;
    }
    writeln!(
        out,
        "published     {} … {}",
        s.published_first.as_deref().unwrap_or("?"),
        s.published_last.as_deref().unwrap_or("?")
    )?;
    writeln!(out, "text          {} characters", s.chars)?;
    writeln!(out, "entities      {}  ({})", s.entities, list(&s.entities_by_type))?;
    writeln!(
        out,
        "places        {}  ({} resolved, {} distinct; {})",
        s.places,
        s.places_resolved,
        s.places_distinct,
        list(&s.places_by_country)
    )?;
    writeln!(out, "dates         {}  ({} normalised)", s.times, s.times_resolved)?;
    writeln!(out, "events        {}  ({})", s.events, list(&s.events_by_type))?;
    writeln!(
        out,
        "actors        {}  ({} known, {} aliases, {} mentions, {} relations)",
        s.actors, s.actors_known, s.actor_aliases, s.actor_mentions, s.actor_relations
    )?;
    writeln!(out, "ingest runs   {}  (last {})", s.ingest_runs, s.last_ingest.as_deref().unwrap_or("-"))?;
    emit(&out)?;
    Ok(0)
}
