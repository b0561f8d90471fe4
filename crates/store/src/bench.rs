//! Ingest throughput benchmark, for `marsad bench`.

use crate::Store;
use anyhow::Result;
use marsad_core::Document;
use serde::Serialize;
use std::time::Instant;

/// Result of [`bench_ingest`].
#[derive(Debug, Clone, Serialize)]
pub struct IngestBench {
    pub docs: usize,
    pub seconds: f64,
    pub docs_per_s: f64,
    /// Megabytes of text per second.
    pub mb_per_s: f64,
    pub db_bytes: u64,
    /// Seconds for a second pass over the same documents (all unchanged).
    pub reingest_seconds: f64,
}

/// Ingest `docs` into a fresh database file in the temporary directory,
/// running `annotate` on each (pass a no-op to measure the store alone, or
/// the pipeline to measure full ingest), then ingest them again (measuring
/// the unchanged-content path). The file is removed afterwards.
pub fn bench_ingest(docs: &[Document], annotate: &dyn Fn(&mut Document)) -> Result<IngestBench> {
    let dir = std::env::temp_dir();
    let path = dir.join(format!("marsad-bench-{}-{}.db", std::process::id(), docs.len()));
    let cleanup = |p: &std::path::Path| {
        for suf in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suf}", p.display()));
        }
    };
    cleanup(&path);
    let result = (|| {
        let mut store = Store::open(&path)?;
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        // The first pass stores; the second meets every document unchanged
        // (the idempotent path).
        let timed_pass = |store: &mut Store| -> Result<f64> {
            let t = Instant::now();
            for d in docs {
                store.ingest(d.clone(), |d| {
                    annotate(d);
                    Ok(())
                })?;
            }
            store.commit()?;
            Ok(t.elapsed().as_secs_f64())
        };
        let seconds = timed_pass(&mut store)?.max(1e-9);
        let reingest_seconds = timed_pass(&mut store)?;
        let db_bytes = store.stats()?.db_bytes;
        Ok(IngestBench {
            docs: docs.len(),
            seconds,
            docs_per_s: docs.len() as f64 / seconds,
            mb_per_s: bytes as f64 / 1e6 / seconds,
            db_bytes,
            reingest_seconds,
        })
    })();
    cleanup(&path);
    result
}
