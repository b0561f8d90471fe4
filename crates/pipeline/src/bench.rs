//! Measuring the pipeline, for `marsad bench` and `marsad bench-ingest`:
//! CPU time of each stage (per document and per 1,000 characters), and
//! throughput of the whole pipeline on 1 and N threads (articles per
//! CPU-second and by the wall clock), with peak memory. Not tests: the
//! figures depend on the machine.

use crate::Pipeline;
use marsad_core::Document;
use marsad_dataset::bench::{process_cpu_ns, rss_kb, thread_cpu_ns};
use std::time::{Duration, Instant};

/// The real corpus marsad is measured on, when it is beside the repository
/// (`../shared/corpus/` from the working directory, or from the source tree).
pub const SHARED_CORPUS: &str = "../shared/corpus/ant-v1.1-jawharafm.jsonl";

/// The shared corpus file if it exists: relative to the working directory,
/// else beside the repository this binary was built from.
pub fn shared_corpus() -> Option<std::path::PathBuf> {
    let here = std::path::PathBuf::from(SHARED_CORPUS);
    if here.is_file() {
        return Some(here);
    }
    let built = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(SHARED_CORPUS);
    built.is_file().then_some(built)
}

/// CPU time of each stage over a stream of documents, run one document at a
/// time through every stage (as the pipeline runs), on the calling thread.
#[derive(Debug, Clone, Default)]
pub struct StageProfile {
    pub names: Vec<&'static str>,
    pub cpu: Vec<Duration>,
    pub docs: usize,
    pub chars: usize,
    pub bytes: usize,
    pub tokens: usize,
    /// Entities, places, times, events, actors found.
    pub found: [usize; 5],
    /// Documents a stage failed on.
    pub failed: usize,
}

impl StageProfile {
    pub fn total(&self) -> Duration {
        self.cpu.iter().sum()
    }
    /// Microseconds of CPU per document.
    pub fn us_per_doc(&self, d: Duration) -> f64 {
        d.as_secs_f64() * 1e6 / self.docs.max(1) as f64
    }
    /// Microseconds of CPU per 1,000 characters of text.
    pub fn us_per_kchar(&self, d: Duration) -> f64 {
        d.as_secs_f64() * 1e6 / (self.chars.max(1) as f64 / 1000.0)
    }
    /// Documents per CPU-second through all stages.
    pub fn docs_per_cpu_s(&self) -> f64 {
        self.docs as f64 / self.total().as_secs_f64().max(1e-9)
    }
}

/// Run every stage on every document of `docs`, timing each stage with
/// this thread's CPU clock (other processes on the machine do not count).
/// Documents are dropped after use, so memory stays flat.
pub fn stage_profile(p: &Pipeline, docs: impl IntoIterator<Item = Document>) -> StageProfile {
    let stages = p.stages();
    let mut prof = StageProfile {
        names: stages.iter().map(|s| s.name()).collect(),
        cpu: vec![Duration::ZERO; stages.len()],
        ..Default::default()
    };
    for mut d in docs {
        prof.docs += 1;
        prof.chars += d.char_len();
        prof.bytes += d.text.len();
        let mut ok = true;
        for (i, s) in stages.iter().enumerate() {
            let t = thread_cpu_ns();
            let r = crate::run_stage(s.as_ref(), &mut d);
            prof.cpu[i] += Duration::from_nanos(thread_cpu_ns().saturating_sub(t));
            if r.is_err() {
                ok = false;
                break;
            }
        }
        if !ok {
            prof.failed += 1;
            continue;
        }
        prof.tokens += d.tokens.len();
        for (k, n) in [d.entities.len(), d.places.len(), d.times.len(), d.events.len(), d.actors.len()].into_iter().enumerate() {
            prof.found[k] += n;
        }
    }
    prof
}

/// One run of the whole pipeline over a corpus on some threads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Run {
    pub threads: usize,
    pub docs: usize,
    pub wall: Duration,
    /// CPU time of the whole process over the run (all threads).
    pub cpu: Duration,
    /// Peak resident memory of the process so far (VmHWM), in kB.
    pub peak_kb: u64,
}

impl Run {
    pub fn docs_per_cpu_s(&self) -> f64 {
        self.docs as f64 / self.cpu.as_secs_f64().max(1e-9)
    }
    pub fn docs_per_wall_s(&self) -> f64 {
        self.docs as f64 / self.wall.as_secs_f64().max(1e-9)
    }
}

/// Annotate `docs` with [`Pipeline::annotate_many`] on `threads` threads,
/// dropping each result as it comes back (as `marsad extract` streams).
/// Give a lazy iterator (documents built as they are taken), so that the
/// run holds only the documents in flight.
pub fn run(p: &Pipeline, docs: impl IntoIterator<Item = Document>, threads: usize) -> Run {
    let threads = if threads == 0 { crate::default_threads() } else { threads };
    let (w0, c0) = (Instant::now(), process_cpu_ns());
    let n = p.annotate_many(docs, threads).count();
    Run {
        threads,
        docs: n,
        wall: w0.elapsed(),
        cpu: Duration::from_nanos(process_cpu_ns().saturating_sub(c0)),
        peak_kb: rss_kb().1,
    }
}

/// Resident memory now and at its peak (VmRSS, VmHWM from
/// `/proc/self/status`), in kB; zeros where unavailable.
pub fn memory_kb() -> (u64, u64) {
    rss_kb()
}
