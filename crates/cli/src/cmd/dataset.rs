//! `marsad events`, `marsad export` and `marsad bench-ingest`: the command
//! line over `marsad-dataset` (incidents merged from event reports).
use anyhow::{bail, Context, Result};
use clap::Args;
use marsad_dataset::export::Format;
use marsad_dataset::EventFilter;
use std::io::Write;

#[derive(Args, Clone)]
pub struct Filters {
    /// SQLite database file, or a PostgreSQL server: postgres://user@host:port/db.
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
        if !marsad_store::db::is_pg_url(&self.db) && !std::path::Path::new(&self.db).exists() {
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
    /// Reviewed events as gold JSON Lines with offsets (for `marsad eval reviewed`), instead of incidents.
    #[arg(long, conflicts_with = "deletions")]
    pub reviewed: bool,
    /// The deletions list (incidents rejected or merged by review), ACLED style CSV.
    #[arg(long)]
    pub deletions: bool,
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
    if a.reviewed || a.deletions {
        return crate::cmd::review::export_reviewed(&a.filters.db, a.deletions, a.output.as_deref());
    }
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
    /// Articles to ingest: the first N of the corpus [default: all of it;
    /// 100,000 when generating].
    #[arg(long)]
    pub docs: Option<usize>,
    /// Ingest this file (any input format) [default:
    /// ../shared/corpus/ant-v1.1-jawharafm.jsonl when it exists, else a
    /// generated corpus].
    #[arg(long, value_name = "FILE", conflicts_with = "generated")]
    pub corpus: Option<String>,
    /// A generated corpus (short articles, many reports of each incident)
    /// even when the shared corpus is there.
    #[arg(long)]
    pub generated: bool,
    /// Annotation threads [default: one per core].
    #[arg(long, short = 'j', visible_alias = "jobs", value_name = "N")]
    pub threads: Option<usize>,
    /// Working directory for the generated corpus and the database (default: a temporary one).
    #[arg(long)]
    pub dir: Option<String>,
    /// Articles of the single-thread per-stage profile.
    #[arg(long, default_value_t = 2000)]
    pub profile: usize,
    /// Afterwards, redo the merging alone from scratch and time it.
    #[arg(long)]
    pub remerge: bool,
}

/// `marsad bench-ingest`: ingest a corpus with full extraction and merging
/// (`marsad_pipeline::bench_ingest`, the path of `marsad ingest`), report
/// the cost of each stage, articles per CPU-second and per wall-clock
/// second, resident memory over time and where the time goes.
pub fn bench_ingest(a: BenchIngestArgs) -> Result<i32> {
    use marsad_pipeline::bench_ingest::{generate_corpus, ingest_bench, IngestBenchOptions};
    use std::time::{Duration, Instant};
    let dir = std::path::PathBuf::from(a.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("marsad-bench-{}", std::process::id())).display().to_string()
    }));
    std::fs::create_dir_all(&dir)?;
    // the corpus: a given file, the shared real one, or generated
    let real = match (&a.corpus, a.generated) {
        (Some(f), _) => Some(std::path::PathBuf::from(f)),
        (None, false) => marsad_pipeline::bench::shared_corpus(),
        (None, true) => None,
    };
    let (corpus, what) = match &real {
        Some(f) => (f.clone(), format!("real articles from {}", f.display())),
        None => {
            let corpus = dir.join("corpus.jsonl");
            let n = a.docs.unwrap_or(100_000);
            let t = Instant::now();
            let bytes = generate_corpus(&corpus, n)?;
            eprintln!("generated {n} articles ({:.1} MB) in {:.1} s → {}", bytes as f64 / 1e6, t.elapsed().as_secs_f64(), corpus.display());
            (corpus, "generated articles".to_string())
        }
    };
    let opts = IngestBenchOptions {
        corpus,
        docs: a.docs,
        threads: a.threads.unwrap_or(0),
        db: dir.join("bench.db"),
        profile: a.profile,
        remerge: a.remerge,
    };
    let pipeline = marsad_pipeline::Pipeline::global()?;
    let show_profile = |prof: &marsad_pipeline::bench::StageProfile| {
        eprintln!(
            "pipeline on one thread, {} articles ({:.0} characters each): {:.0} articles per CPU-second",
            prof.docs,
            prof.chars as f64 / prof.docs.max(1) as f64,
            prof.docs_per_cpu_s()
        );
        for (name, &d) in prof.names.iter().zip(&prof.cpu) {
            eprintln!(
                "  {:<10} {:>7.1} µs/article {:>7.1} µs/1k chars {:>5.1}%",
                name,
                prof.us_per_doc(d),
                prof.us_per_kchar(d),
                100.0 * d.as_secs_f64() / prof.total().as_secs_f64().max(1e-9)
            );
        }
    };
    let b = ingest_bench(pipeline, &opts, show_profile, |place, message| eprintln!("marsad: error: {place}: {message}"))?;
    let n = b.docs as f64;
    let rate = n / b.wall_s.max(1e-9);
    let report = &b.report;
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n;
    let (ex, fi, stw, sy) = (us(report.annotate_cpu), us(report.finish_cpu), us(report.store_cpu), us(report.sync_cpu));
    let total_us = b.cpu_s * 1e6 / n;
    let cores = marsad_pipeline::default_threads();
    let c = &report.counts;
    println!("ingest of {} {what} with full extraction and merging, {} annotation threads on {cores} cores:", b.docs, b.threads);
    println!(
        "  read {}, new {}, updated {}, unchanged {}, duplicate {}, failed {}",
        c.read, c.new, c.updated, c.unchanged, c.duplicate, c.failed
    );
    println!("  wall clock     {:.1} s = {rate:.0} articles/s ({:.0} articles/s per core of this machine)", b.wall_s, rate / cores as f64);
    println!(
        "  CPU time       {:.1} s (user {:.1} s, system {:.1} s) = {:.0} articles per CPU-second (per core)",
        b.cpu_s,
        b.user_s,
        b.system_s,
        n / b.cpu_s.max(1e-9)
    );
    println!(
        "  CPU per article {total_us:.0} µs: extraction {ex:.0} · JSON/keys/MinHash {fi:.0} (annotation threads) · store writes {stw:.0} · merging {sy:.0} (sync, {:.1} s wall) · other {:.0} (reading, hand-over)",
        report.sync_wall.as_secs_f64(),
        (total_us - ex - fi - stw - sy).max(0.0)
    );
    let mut mem: Vec<String> =
        b.marks.iter().map(|m| format!("{}% read ({:.0} s): {} MB (peak {} MB)", m.percent, m.seconds, m.rss_kb / 1024, m.peak_kb / 1024)).collect();
    mem.push(format!("end: {} MB (peak {} MB)", b.end_kb.0 / 1024, b.end_kb.1 / 1024));
    println!("  resident memory {}", mem.join(" · "));
    if let Some(r) = &b.remerge {
        let st = &r.stats;
        println!(
            "merging alone, redone from scratch (one thread): {:.1} s wall, {:.1} s CPU = {:.0} articles per CPU-second; {} reports → {} new incidents ({} reports merged into earlier ones), {} near-duplicate links",
            r.wall_s,
            r.cpu_s,
            n / r.cpu_s.max(1e-9),
            st.incident_reports,
            st.new_incidents,
            st.merged_reports,
            st.near_duplicates
        );
    }
    Ok(if b.failed > 0 { 1 } else { 0 })
}
