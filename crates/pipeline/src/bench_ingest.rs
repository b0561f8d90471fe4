//! Measuring an ingest, for `marsad bench-ingest`: the whole path of
//! `marsad ingest` ([`crate::ingest`]: reading, annotation on N threads,
//! store writes, incident merging) on a corpus, with the cost of each
//! stage on one thread beforehand, CPU and wall-clock time, and resident
//! memory sampled while it runs; optionally the merging alone, redone from
//! scratch. The command line only chooses the corpus and prints.

use crate::bench::{memory_kb, stage_profile, StageProfile};
use crate::{IngestEvent, IngestReport, Pipeline};
use anyhow::{bail, Result};
use marsad_dataset::bench::{process_cpu_ns, rusage_s, thread_cpu_ns};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to ingest and how.
pub struct IngestBenchOptions {
    /// The corpus file (any input format).
    pub corpus: PathBuf,
    /// Only the first N documents.
    pub docs: Option<usize>,
    /// Annotation threads (0: one per core).
    pub threads: usize,
    /// The database to create (removed first, with its -wal/-shm files).
    pub db: PathBuf,
    /// Documents of the single-thread per-stage profile.
    pub profile: usize,
    /// Afterwards, clear the incidents and redo the merging alone.
    pub remerge: bool,
}

/// Resident memory when a share of the corpus had been read.
#[derive(Clone, Debug)]
pub struct MemoryMark {
    /// 10, 50 or 100 (% of the documents read).
    pub percent: u64,
    /// Seconds since the ingest started.
    pub seconds: f64,
    pub rss_kb: u64,
    pub peak_kb: u64,
}

/// The merging alone, redone on the whole store.
#[derive(Clone, Debug)]
pub struct Remerge {
    pub wall_s: f64,
    pub cpu_s: f64,
    pub stats: marsad_dataset::SyncStats,
}

/// The figures of one measured ingest.
pub struct IngestBench {
    pub docs: u64,
    pub threads: usize,
    pub report: IngestReport,
    pub wall_s: f64,
    /// Process CPU time (all threads), and its user / system parts.
    pub cpu_s: f64,
    pub user_s: f64,
    pub system_s: f64,
    /// Memory at 10 %, 50 % and 100 % of the corpus read.
    pub marks: Vec<MemoryMark>,
    /// Resident and peak memory at the end.
    pub end_kb: (u64, u64),
    pub remerge: Option<Remerge>,
    /// Documents that could not be read or annotated.
    pub failed: u64,
}

/// Write `n` generated articles (`marsad_dataset::bench::corpus`) as JSON
/// Lines to `path`; returns the bytes written.
pub fn generate_corpus(path: &Path, n: usize) -> Result<u64> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut err = None;
    marsad_dataset::bench::corpus(n, |v| {
        if err.is_none() {
            if let Err(e) = writeln!(w, "{v}") {
                err = Some(e);
            }
        }
    });
    if let Some(e) = err {
        return Err(e.into());
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

/// Resident memory sampled every 100 ms on a thread of its own, noting it
/// when 10 %, 50 % and 100 % of `total` documents have been read.
struct Sampler {
    read: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    handle: std::thread::JoinHandle<Vec<MemoryMark>>,
}

impl Sampler {
    fn start(total: u64, start: Instant) -> Sampler {
        let read = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (r2, s2) = (read.clone(), stop.clone());
        let handle = std::thread::spawn(move || {
            let mut marks = Vec::new();
            let mut next = [10u64, 50, 100].into_iter().peekable();
            while !s2.load(Ordering::Relaxed) {
                let read = r2.load(Ordering::Relaxed);
                while let Some(&p) = next.peek() {
                    if read * 100 < p * total {
                        break;
                    }
                    let (rss_kb, peak_kb) = memory_kb();
                    marks.push(MemoryMark { percent: p, seconds: start.elapsed().as_secs_f64(), rss_kb, peak_kb });
                    next.next();
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            marks
        });
        Sampler { read, stop, handle }
    }

    fn finish(self) -> Vec<MemoryMark> {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.join().unwrap_or_default()
    }
}

/// Ingest `opts.corpus` into a fresh database with full extraction and
/// merging, and measure it. `on_profile` gets the one-thread stage profile
/// before the ingest starts; `on_error` each document that failed (where,
/// message).
pub fn ingest_bench(
    pipeline: &Pipeline,
    opts: &IngestBenchOptions,
    on_profile: impl FnOnce(&StageProfile),
    mut on_error: impl FnMut(&str, &str),
) -> Result<IngestBench> {
    for s in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", opts.db.display()));
    }
    let path = opts.corpus.display().to_string();
    let input = marsad_input::InputOptions::default();
    let limit = opts.docs.unwrap_or(usize::MAX);
    let items = || marsad_input::read_file(&path, &input).take(limit);
    let n_docs = items().count() as u64;
    if n_docs == 0 {
        bail!("no documents in {path}");
    }
    // where the time goes: each stage on one thread
    let sample = items().take(opts.profile).flatten().map(marsad_input::RawDoc::into_document);
    on_profile(&stage_profile(pipeline, sample));

    let start = Instant::now();
    let sampler = Sampler::start(n_docs, start);
    let threads = if opts.threads == 0 { crate::default_threads() } else { opts.threads };
    let cpu0 = process_cpu_ns();
    let (u0, s0) = rusage_s();
    let mut store = marsad_dataset::open(&opts.db)?;
    store.set_pipeline(format!("marsad {}", env!("CARGO_PKG_VERSION")));
    let mut failed = 0u64;
    let read = sampler.read.clone();
    let report = crate::ingest(pipeline, &mut store, items(), threads, |event, c| {
        if let IngestEvent::Failed { place, message, .. } = event {
            failed += 1;
            on_error(place, message);
        }
        read.store(c.read + c.failed, Ordering::Relaxed);
    })?;
    let wall_s = start.elapsed().as_secs_f64();
    let cpu_s = (process_cpu_ns() - cpu0) as f64 / 1e9;
    let (u1, s1) = rusage_s();
    let marks = sampler.finish();
    let end_kb = memory_kb();
    let remerge = if opts.remerge { Some(remerge(&mut store)?) } else { None };
    Ok(IngestBench { docs: n_docs, threads, report, wall_s, cpu_s, user_s: u1 - u0, system_s: s1 - s0, marks, end_kb, remerge, failed })
}

/// Clear the incidents and merge every stored report again, on this thread.
fn remerge(store: &mut marsad_store::Store) -> Result<Remerge> {
    marsad_dataset::clear(store)?;
    let t = Instant::now();
    let c0 = thread_cpu_ns();
    let stats = marsad_dataset::sync(store)?;
    Ok(Remerge { wall_s: t.elapsed().as_secs_f64(), cpu_s: (thread_cpu_ns() - c0) as f64 / 1e9, stats })
}
