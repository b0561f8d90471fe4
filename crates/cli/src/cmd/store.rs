//! `marsad ingest`, `search`, `stats`: the command line over `marsad-store`.
use crate::pipeline::Pipeline;
use anyhow::{bail, Result};
use clap::Args;
use marsad_input::{InputOptions, RawDoc};
use marsad_store::{Counts, Pending, Prepared, Store};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct IngestArgs {
    /// Files or directories (read recursively); `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// SQLite database file (created when missing).
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
    /// Annotation threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
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
    /// SQLite database file.
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
    /// SQLite database file.
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

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

fn where_of(raw: &RawDoc) -> String {
    match &raw.source {
        Some(s) if *s != raw.id && !raw.id.starts_with(s.as_str()) => format!("{s}: {}", raw.id),
        _ => raw.id.clone(),
    }
}

/// CPU time (ns) spent in each phase of `ingest` in this process, summed
/// over threads, for `marsad bench-ingest`; `read` counts documents read so
/// far (progress).
#[derive(Default)]
pub struct Phases {
    pub read: AtomicU64,
    /// Annotation (the pipeline's stages), on the worker threads.
    pub extract: AtomicU64,
    /// JSON, full-text keys and MinHash signature, on the worker threads.
    pub finish: AtomicU64,
    /// Hash checks and writes, on the writing thread.
    pub store: AtomicU64,
    /// Near-duplicates and incident merging (`marsad_dataset::sync`).
    pub sync: AtomicU64,
    /// Wall-clock time of the sync (ns).
    pub sync_wall: AtomicU64,
}

pub static PHASES: Phases = Phases {
    read: AtomicU64::new(0),
    extract: AtomicU64::new(0),
    finish: AtomicU64::new(0),
    store: AtomicU64::new(0),
    sync: AtomicU64::new(0),
    sync_wall: AtomicU64::new(0),
};

/// A document coming back from a worker: its place in reading order, where
/// it came from (for messages), and the annotated document or the failure.
type Annotated = (u64, String, std::result::Result<Pending, String>);

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
    let jobs = if a.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(16)
    } else {
        a.jobs.min(64)
    };
    let mut progress = Progress::new(!a.quiet && std::io::stderr().is_terminal(), files.len());
    let run = store.start_run()?;
    let start = Instant::now();
    let mut c = Counts::default();

    // Reading, hash checks and writes happen on this thread, in input order;
    // annotation runs on `jobs` workers. Results are written back in reading
    // order (a reorder buffer), so the database is the same whatever the
    // number of workers.
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, String, Pending)>(jobs * 4);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::channel::<Annotated>();
    let result: Result<()> = std::thread::scope(|scope| {
        let mut pipeline: Option<&'static Pipeline> = None;
        for _ in 0..jobs {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            scope.spawn(move || loop {
                let job = rx.lock().map_err(|_| ()).and_then(|r| r.recv().map_err(|_| ()));
                let Ok((seq, place, mut p)) = job else { break };
                let t0 = marsad_dataset::bench::thread_cpu_ns();
                let r = match Pipeline::global() {
                    Ok(pl) => match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pl.annotate(&mut p.doc))) {
                        Ok(()) => {
                            let t1 = marsad_dataset::bench::thread_cpu_ns();
                            PHASES.extract.fetch_add(t1.saturating_sub(t0), Relaxed);
                            // JSON, full-text keys and MinHash signature here,
                            // off the writing thread
                            let r = p.finish().map(|()| p).map_err(|e| format!("{e:#}"));
                            PHASES.finish.fetch_add(marsad_dataset::bench::thread_cpu_ns().saturating_sub(t1), Relaxed);
                            r
                        }
                        Err(panic) => Err(format!("pipeline failed on this document: {}", panic_message(&*panic))),
                    },
                    Err(e) => Err(format!("cannot load the pipeline: {e:#}")),
                };
                if tx.send((seq, place, r)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut next_seq = 0u64; // next to hand out
        let mut next_write = 0u64; // next to write
        let mut parked: BTreeMap<u64, (String, std::result::Result<Pending, String>)> = BTreeMap::new();
        let max_in_flight = (jobs * 8) as u64;

        // write every result that is next in order
        let write_ready = |store: &mut Store,
                               parked: &mut BTreeMap<u64, (String, std::result::Result<Pending, String>)>,
                               next_write: &mut u64,
                               c: &mut Counts,
                               progress: &mut Progress|
         -> Result<()> {
            while let Some((place, r)) = parked.remove(next_write) {
                *next_write += 1;
                let t0 = marsad_dataset::bench::thread_cpu_ns();
                let r = r.map_err(anyhow::Error::msg).and_then(|p| store.store(p));
                PHASES.store.fetch_add(marsad_dataset::bench::thread_cpu_ns().saturating_sub(t0), Relaxed);
                match r {
                    Ok(o) => c.add(&o),
                    Err(e) => {
                        progress.clear();
                        eprintln!("marsad: error: {place}: {e:#}");
                        c.failed += 1;
                    }
                }
            }
            Ok(())
        };

        for (fi, file) in files.iter().enumerate() {
            let path = match file {
                Ok(p) => p,
                Err(e) => {
                    progress.clear();
                    eprintln!("marsad: error: {e}");
                    c.failed += 1;
                    continue;
                }
            };
            for item in marsad_input::read_file(path, &opts) {
                let raw = match item {
                    Ok(r) => r,
                    Err(e) => {
                        progress.clear();
                        eprintln!("marsad: error: {e}");
                        c.failed += 1;
                        progress.update(fi, &c, false);
                        continue;
                    }
                };
                c.read += 1;
                PHASES.read.store(c.read, Relaxed);
                let place = where_of(&raw);
                let t0 = marsad_dataset::bench::thread_cpu_ns();
                let prepared = store.prepare(raw.into_document());
                PHASES.store.fetch_add(marsad_dataset::bench::thread_cpu_ns().saturating_sub(t0), Relaxed);
                match prepared {
                    Ok(Prepared::Done(o)) => c.add(&o),
                    Ok(Prepared::Annotate(p)) => {
                        if pipeline.is_none() {
                            // load once here, so a broken model stops the run with one clear error
                            pipeline = Some(Pipeline::global()?);
                        }
                        // keep memory flat: wait while too much is in flight
                        while next_seq - next_write >= max_in_flight {
                            let (seq, pl, r) = done_rx.recv().map_err(|_| anyhow::anyhow!("annotation workers stopped"))?;
                            parked.insert(seq, (pl, r));
                            write_ready(&mut store, &mut parked, &mut next_write, &mut c, &mut progress)?;
                        }
                        work_tx.send((next_seq, place, p)).map_err(|_| anyhow::anyhow!("annotation workers stopped"))?;
                        next_seq += 1;
                    }
                    Err(e) => {
                        progress.clear();
                        eprintln!("marsad: error: {place}: {e:#}");
                        c.failed += 1;
                    }
                }
                while let Ok((seq, pl, r)) = done_rx.try_recv() {
                    parked.insert(seq, (pl, r));
                }
                write_ready(&mut store, &mut parked, &mut next_write, &mut c, &mut progress)?;
                progress.update(fi, &c, false);
            }
            progress.update(fi + 1, &c, false);
        }
        drop(work_tx);
        while next_write < next_seq {
            let (seq, pl, r) = done_rx.recv().map_err(|_| anyhow::anyhow!("annotation workers stopped"))?;
            parked.insert(seq, (pl, r));
            write_ready(&mut store, &mut parked, &mut next_write, &mut c, &mut progress)?;
        }
        Ok(())
    });
    progress.update(files.len(), &c, true);
    progress.clear();
    store.finish_run(run, &c)?;
    result?;
    // near-duplicate links and incidents (crates/dataset)
    let t0 = marsad_dataset::bench::thread_cpu_ns();
    let w0 = Instant::now();
    marsad_dataset::sync(&mut store)?;
    PHASES.sync.fetch_add(marsad_dataset::bench::thread_cpu_ns().saturating_sub(t0), Relaxed);
    PHASES.sync_wall.fetch_add(w0.elapsed().as_nanos() as u64, Relaxed);
    let secs = start.elapsed().as_secs_f64();
    let rate = c.read as f64 / secs.max(1e-9);
    if a.json {
        let j = serde_json::json!({
            "db": a.db,
            "read": c.read,
            "new": c.new,
            "updated": c.updated,
            "unchanged": c.unchanged,
            "duplicate": c.duplicate,
            "failed": c.failed,
            "seconds": (secs * 1000.0).round() / 1000.0,
            "docs_per_s": (rate * 10.0).round() / 10.0,
            "jobs": jobs,
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
            a.db,
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
    if !std::path::Path::new(db).exists() {
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
    writeln!(out, "database      {} (schema v{}, {:.1} MB)", a.db, s.schema_version, s.db_bytes as f64 / 1e6)?;
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
