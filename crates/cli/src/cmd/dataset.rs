//! `marsad events`, `marsad export` and `marsad bench-ingest`: the command
//! line over `marsad-dataset` (incidents merged from event reports).
use anyhow::{bail, Context, Result};
use clap::Args;
use marsad_dataset::export::Format;
use marsad_dataset::EventFilter;
use std::io::Write;

#[derive(Args, Clone)]
pub struct Filters {
    /// SQLite database file.
    #[arg(long, default_value = "marsad.db")]
    pub db: String,
    /// PLOVER types or ACLED event types, comma-separated (ASSAULT, Protests…).
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Actor id (kb:isis) or part of an actor's name.
    #[arg(long)]
    pub actor: Option<String>,
    /// Countries, comma-separated (IRQ, IQ or Iraq).
    #[arg(long)]
    pub country: Option<String>,
    /// First-level administrative code (IQ.07) or place name.
    #[arg(long)]
    pub admin1: Option<String>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this date, inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Bounding box: min lon, min lat, max lon, max lat (comma-separated).
    #[arg(long, allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// At least this many fatalities.
    #[arg(long)]
    pub min_fatalities: Option<u32>,
    /// Words that must occur in a reporting document.
    #[arg(long)]
    pub text: Option<String>,
}

impl Filters {
    fn filter(&self) -> Result<EventFilter> {
        let bbox = match &self.bbox {
            None => None,
            Some(b) => {
                let v: Vec<f64> = b
                    .split(',')
                    .map(|x| x.trim().parse::<f64>())
                    .collect::<std::result::Result<_, _>>()
                    .context("--bbox takes four numbers: minlon,minlat,maxlon,maxlat")?;
                if v.len() != 4 {
                    bail!("--bbox takes four numbers: minlon,minlat,maxlon,maxlat");
                }
                Some([v[0], v[1], v[2], v[3]])
            }
        };
        Ok(EventFilter {
            kind: self.kind.clone(),
            actor: self.actor.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            date_from: self.from.clone(),
            date_to: self.to.clone(),
            bbox,
            min_fatalities: self.min_fatalities,
            text: self.text.clone(),
            ..Default::default()
        })
    }

    fn open(&self) -> Result<marsad_store::Store> {
        if !std::path::Path::new(&self.db).exists() {
            bail!("no database {} (run marsad ingest first)", self.db);
        }
        let mut s = marsad_dataset::open(&self.db)?;
        // catch up if an ingest was killed before it could merge
        marsad_dataset::sync(&mut s)?;
        Ok(s)
    }
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filters: Filters,
    /// Maximum number of incidents.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: u64,
    /// Skip this many (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Print as JSON ({"total", "incidents"}).
    #[arg(long)]
    pub json: bool,
    /// Show one incident with all its reports (JSON).
    #[arg(long)]
    pub id: Option<i64>,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: Filters,
    /// csv (ACLED columns), jsonl (PLOVER fields), geojson or parquet.
    #[arg(long, default_value = "csv")]
    pub format: Format,
    /// Output file (default: standard output; required for parquet).
    #[arg(long, short = 'o')]
    pub output: Option<String>,
}

fn cut(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

pub fn events(a: EventsArgs) -> Result<i32> {
    let store = a.filters.open()?;
    if let Some(id) = a.id {
        return match marsad_dataset::incident(store.conn(), id)? {
            Some(i) => {
                println!("{}", serde_json::to_string_pretty(&i)?);
                Ok(0)
            }
            None => {
                eprintln!("marsad: no incident {id}");
                Ok(1)
            }
        };
    }
    let mut f = a.filters.filter()?;
    f.limit = Some(a.limit);
    f.offset = a.offset;
    let (total, list) = marsad_dataset::events(store.conn(), &f)?;
    if a.json {
        println!("{}", serde_json::json!({"total": total, "incidents": list}));
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:>6}  {:<10}  {:<12}  {:<22}  {:<28}  {:>4}  {:>3}  actor → recipient", "id", "date", "type", "acled", "place", "dead", "rep")?;
    for s in &list {
        let name = |a: &Option<marsad_dataset::query::ActorBrief>| {
            a.as_ref().and_then(|a| a.name.clone().or(a.id.clone())).unwrap_or_else(|| "?".into())
        };
        writeln!(
            out,
            "{:>6}  {:<10}  {:<12}  {:<22}  {:<28}  {:>4}  {:>3}  {} → {}",
            s.id,
            s.date.as_deref().unwrap_or("?"),
            s.kind,
            cut(s.acled_event_type.as_deref().unwrap_or(""), 22),
            cut(&format!("{} {}", s.place.as_deref().unwrap_or(""), s.country.as_deref().unwrap_or("")), 28),
            s.fatalities.map_or(String::new(), |f| f.to_string()),
            s.n_reports,
            name(&s.actor),
            name(&s.recipient)
        )?;
    }
    writeln!(out, "{} of {} incidents (marsad events --id N shows one with its reports)", list.len(), total)?;
    Ok(0)
}

pub fn export(a: ExportArgs) -> Result<i32> {
    let store = a.filters.open()?;
    let f = a.filters.filter()?;
    let n = match (a.format, &a.output) {
        (Format::Parquet, None) => bail!("parquet output needs a file: -o FILE"),
        (Format::Parquet, Some(p)) => {
            let file = std::fs::File::create(p).with_context(|| format!("cannot create {p}"))?;
            marsad_dataset::export::export_parquet(store.conn(), &f, std::io::BufWriter::new(file))?
        }
        (fmt, Some(p)) => {
            let file = std::fs::File::create(p).with_context(|| format!("cannot create {p}"))?;
            let mut w = std::io::BufWriter::new(file);
            let n = marsad_dataset::export::export(store.conn(), &f, fmt, &mut w)?;
            w.flush()?;
            n
        }
        (fmt, None) => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            let n = marsad_dataset::export::export(store.conn(), &f, fmt, &mut w)?;
            w.flush()?;
            n
        }
    };
    if let Some(p) = &a.output {
        eprintln!("{n} incidents → {p}");
    }
    Ok(0)
}

#[derive(Args)]
pub struct BenchIngestArgs {
    /// Articles to generate.
    #[arg(long, default_value_t = 100_000)]
    pub docs: usize,
    /// Annotation threads [default: one per core].
    #[arg(long, short = 'j', visible_alias = "jobs", value_name = "N")]
    pub threads: Option<usize>,
    /// Working directory for the corpus and the database (default: a temporary one).
    #[arg(long)]
    pub dir: Option<String>,
    /// Articles of the single-thread per-stage profile.
    #[arg(long, default_value_t = 2000)]
    pub profile: usize,
    /// Afterwards, redo the merging alone from scratch and time it.
    #[arg(long)]
    pub remerge: bool,
}

/// `marsad bench-ingest`: generate a corpus, ingest it with full extraction
/// and merging (the real `marsad ingest` path), report articles/s per core,
/// resident memory over time and where the time goes.
pub fn bench_ingest(a: BenchIngestArgs) -> Result<i32> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};
    let dir = std::path::PathBuf::from(a.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("marsad-bench-{}", std::process::id())).display().to_string()
    }));
    std::fs::create_dir_all(&dir)?;
    let corpus = dir.join("corpus.jsonl");
    let db = dir.join("bench.db");
    for s in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", db.display()));
    }
    let t = Instant::now();
    let mut sample = Vec::new();
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&corpus)?);
        let mut err = None;
        marsad_dataset::bench::corpus(a.docs, |v| {
            if sample.len() < a.profile {
                sample.push(v.clone());
            }
            if let Err(e) = writeln!(w, "{v}") {
                err = Some(e);
            }
        });
        if let Some(e) = err {
            return Err(e.into());
        }
        w.flush()?;
    }
    let bytes = std::fs::metadata(&corpus)?.len();
    eprintln!("generated {} articles ({:.1} MB) in {:.1} s → {}", a.docs, bytes as f64 / 1e6, t.elapsed().as_secs_f64(), corpus.display());

    // where the time goes: each stage on one thread
    {
        let stages = marsad_pipeline::Pipeline::global()?.stages();
        let mut spent = vec![Duration::ZERO; stages.len()];
        for v in &sample {
            let mut d = marsad_core::Document::new(v["id"].as_str().unwrap_or(""), v["text"].as_str().unwrap_or(""));
            d.published = v["date"].as_str().map(String::from);
            for (i, s) in stages.iter().enumerate() {
                // CPU time of this thread: other processes on a loaded
                // machine do not count
                let t = marsad_dataset::bench::thread_cpu_ns();
                s.annotate(&mut d);
                spent[i] += Duration::from_nanos(marsad_dataset::bench::thread_cpu_ns().saturating_sub(t));
            }
        }
        let total: Duration = spent.iter().sum();
        eprintln!(
            "pipeline on one thread, {} articles: {:.0} articles per CPU-second",
            sample.len(),
            sample.len() as f64 / total.as_secs_f64().max(1e-9)
        );
        for (s, d) in stages.iter().zip(&spent) {
            eprintln!("  {:<10} {:>7.1} µs/article  {:>4.1}%", s.name(), d.as_secs_f64() * 1e6 / sample.len().max(1) as f64, 100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9));
        }
    }

    // memory while the real ingest runs: sampled every 100 ms, and noted
    // when 10 %, 50 % and 100 % of the corpus has been read
    let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let (s2, r2) = (stop.clone(), read.clone());
    let start = Instant::now();
    let n_docs = a.docs as u64;
    let sampler = std::thread::spawn(move || {
        let mut marks: Vec<(u64, f64, u64, u64)> = Vec::new(); // (percent, s, rss, peak)
        let mut next = [10u64, 50, 100].into_iter().peekable();
        while !s2.load(Ordering::Relaxed) {
            let read = r2.load(Ordering::Relaxed);
            while let Some(&p) = next.peek() {
                if read * 100 >= p * n_docs {
                    let (rss, peak) = marsad_dataset::bench::rss_kb();
                    marks.push((p, start.elapsed().as_secs_f64(), rss, peak));
                    next.next();
                } else {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        marks
    });
    let threads = a.threads.filter(|&n| n > 0).unwrap_or_else(marsad_pipeline::default_threads);
    let cpu0 = marsad_dataset::bench::process_cpu_ns();
    let (u0, s0) = marsad_dataset::bench::rusage_s();
    // the real ingest path (marsad_pipeline::ingest), as `marsad ingest` runs it
    let mut store = marsad_dataset::open(&db)?;
    store.set_pipeline(format!("marsad {}", env!("CARGO_PKG_VERSION")));
    let mut failed = 0u64;
    let report = marsad_pipeline::ingest(
        marsad_pipeline::Pipeline::global()?,
        &mut store,
        marsad_input::read_file(&corpus.display().to_string(), &marsad_input::InputOptions::default()),
        threads,
        |event, c| {
            if let marsad_pipeline::IngestEvent::Failed { place, message, .. } = event {
                failed += 1;
                eprintln!("marsad: error: {place}: {message}");
            }
            read.store(c.read + c.failed, Ordering::Relaxed);
        },
    )?;
    drop(store);
    let code = if failed > 0 { 1 } else { 0 };
    let secs = start.elapsed().as_secs_f64();
    let cpu = (marsad_dataset::bench::process_cpu_ns() - cpu0) as f64 / 1e9;
    let (u1, s1) = marsad_dataset::bench::rusage_s();
    stop.store(true, Ordering::Relaxed);
    let marks = sampler.join().unwrap_or_default();
    let (rss_end, peak_end) = marsad_dataset::bench::rss_kb();
    let n = a.docs as f64;
    let rate = n / secs.max(1e-9);
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n;
    let (ex, fi, stw, sy) = (us(report.annotate_cpu), us(report.finish_cpu), us(report.store_cpu), us(report.sync_cpu));
    let total_us = cpu * 1e6 / n;
    println!(
        "ingest of {} generated articles with full extraction and merging, {} annotation threads on {} cores:",
        a.docs,
        threads,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("  wall clock     {secs:.1} s = {rate:.0} articles/s ({:.0} articles/s per core of this machine)", rate / std::thread::available_parallelism().map_or(1, |n| n.get()) as f64);
    println!(
        "  CPU time       {cpu:.1} s (user {:.1} s, system {:.1} s) = {:.0} articles per CPU-second (per core)",
        u1 - u0,
        s1 - s0,
        n / cpu.max(1e-9)
    );
    println!(
        "  CPU per article {total_us:.0} µs: extraction {ex:.0} · JSON/keys/MinHash {fi:.0} (annotation threads) · store writes {stw:.0} · merging {sy:.0} (sync, {:.1} s wall) · other {:.0} (reading, hand-over)",
        report.sync_wall.as_secs_f64(),
        (total_us - ex - fi - stw - sy).max(0.0)
    );
    let mut mem: Vec<String> = marks.iter().map(|(p, t, rss, peak)| format!("{p}% read ({t:.0} s): {} MB (peak {} MB)", rss / 1024, peak / 1024)).collect();
    mem.push(format!("end: {} MB (peak {} MB)", rss_end / 1024, peak_end / 1024));
    println!("  resident memory {}", mem.join(" · "));
    if a.remerge {
        // the merging alone, redone on the whole corpus
        let mut store = marsad_dataset::open(&db)?;
        store.conn().execute_batch(
            "DELETE FROM incident_reports; DELETE FROM incidents; DELETE FROM doc_state; DELETE FROM doc_lsh; DELETE FROM doc_links;",
        )?;
        let t = Instant::now();
        let c0 = marsad_dataset::bench::thread_cpu_ns();
        let st = marsad_dataset::sync(&mut store)?;
        let merge = t.elapsed().as_secs_f64();
        let mcpu = (marsad_dataset::bench::thread_cpu_ns() - c0) as f64 / 1e9;
        let incidents: i64 = store.conn().query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))?;
        let multi: i64 = store.conn().query_row("SELECT count(*) FROM incidents WHERE n_documents > 1", [], |r| r.get(0))?;
        println!(
            "merging alone, redone from scratch (one thread): {merge:.1} s wall, {mcpu:.1} s CPU = {:.0} articles per CPU-second; {} reports → {} incidents ({} with several documents), {} near-duplicate links",
            n / mcpu.max(1e-9),
            st.incident_reports,
            incidents,
            multi,
            st.near_duplicates
        );
    }
    Ok(code)
}
