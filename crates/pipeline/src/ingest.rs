//! Ingest: documents read → content-hash check → annotation (on worker
//! threads) → written in input order → incidents merged. `marsad ingest` and
//! the server's `POST /api/ingest` both call [`ingest`].
//!
//! The hash checks and the writes happen on the calling thread, in input
//! order; annotation and the derived data of each document (its JSON,
//! full-text keys and MinHash signature) on the workers, [`BATCH`] inputs at
//! a time, each stage over the batch's documents before the next (as
//! `marsad extract` does). The database is therefore the same whatever the
//! number of threads: a document prepared while an earlier copy is still
//! being annotated is settled by [`Store::store`]'s second hash check.

use crate::parallel::{batches, ordered_map};
use crate::{Pipeline, BATCH};
use anyhow::Result;
use marsad_dataset::bench::thread_cpu_ns;
use marsad_input::{InputError, RawDoc};
use marsad_store::{Counts, Outcome, Pending, Prepared, Store};
use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

/// What happened to one input, in input order.
#[derive(Debug)]
pub enum IngestEvent<'a> {
    /// A document was settled: stored, replaced, unchanged or a duplicate.
    Stored { id: &'a str, outcome: &'a Outcome },
    /// A document could not be read, annotated or stored. `id` is `None`
    /// when the input could not be read at all; `place` says where the
    /// document came from (its id, after its source when that differs).
    Failed { id: Option<&'a str>, place: &'a str, message: &'a str },
}

/// The totals of an ingest run, with where the CPU time went.
#[derive(Debug, Default, Clone)]
pub struct IngestReport {
    pub counts: Counts,
    pub threads: usize,
    /// Annotation (the pipeline's stages), summed over the worker threads.
    pub annotate_cpu: Duration,
    /// JSON, full-text keys and MinHash signatures, on the worker threads.
    pub finish_cpu: Duration,
    /// Hash checks and writes, on the calling thread.
    pub store_cpu: Duration,
    /// Near-duplicates and incident merging (`marsad_dataset::sync`).
    pub sync_cpu: Duration,
    pub sync_wall: Duration,
    pub sync: marsad_dataset::SyncStats,
}

/// Where a document came from, for messages.
fn where_of(raw: &RawDoc) -> String {
    match &raw.source {
        Some(s) if *s != raw.id && !raw.id.starts_with(s.as_str()) => format!("{s}: {}", raw.id),
        _ => raw.id.clone(),
    }
}

/// One input on its way through the workers.
enum Work {
    /// Read, and in need of annotation.
    Annotate { place: String, pending: Pending },
    /// Settled at the hash check (unchanged, duplicate).
    Settled { id: String, outcome: Outcome },
    /// Failed before annotation.
    Failed { id: Option<String>, place: String, message: String },
}

/// A worker's answer.
enum Annotated {
    Ready { place: String, pending: Pending, annotate_ns: u64, finish_ns: u64 },
    Settled { id: String, outcome: Outcome },
    Failed { id: Option<String>, place: String, message: String },
}

fn cpu(ns: u64) -> Duration {
    Duration::from_nanos(ns)
}

/// Annotate the documents of a batch of inputs together
/// ([`Pipeline::annotate_batch`]), then make each one's JSON, full-text keys
/// and MinHash signature; the inputs' answers in order. The batch's
/// annotation time is given to its first ready document (the report only
/// sums them).
fn annotate_batch(p: &Pipeline, ws: Vec<Work>) -> Vec<Annotated> {
    let mut out: Vec<Option<Annotated>> = Vec::with_capacity(ws.len());
    let mut docs = Vec::new();
    let mut pendings = Vec::new();
    for w in ws {
        match w {
            Work::Annotate { place, mut pending } => {
                docs.push(std::mem::take(&mut pending.doc));
                pendings.push((out.len(), place, pending));
                out.push(None);
            }
            Work::Settled { id, outcome } => out.push(Some(Annotated::Settled { id, outcome })),
            Work::Failed { id, place, message } => out.push(Some(Annotated::Failed { id, place, message })),
        }
    }
    let t0 = thread_cpu_ns();
    let results = p.annotate_batch(&mut docs);
    let mut annotate_ns = thread_cpu_ns().saturating_sub(t0);
    for ((at, place, mut pending), (doc, r)) in pendings.into_iter().zip(docs.into_iter().zip(results)) {
        pending.doc = doc;
        out[at] = Some(match r {
            Err(e) => Annotated::Failed { id: Some(pending.doc.id.clone()), place, message: e.to_string() },
            Ok(()) => {
                // JSON, full-text keys and MinHash signature here, off the
                // writing thread
                let t1 = thread_cpu_ns();
                let r = pending.finish();
                let finish_ns = thread_cpu_ns().saturating_sub(t1);
                match r {
                    Ok(()) => Annotated::Ready { place, pending, annotate_ns: std::mem::take(&mut annotate_ns), finish_ns },
                    Err(e) => Annotated::Failed { id: Some(pending.doc.id.clone()), place, message: format!("{e:#}") },
                }
            }
        });
    }
    out.into_iter().map(|a| a.expect("one answer per input")).collect()
}

/// Ingest `items` into `store` with `threads` annotation threads (0: one per
/// core), then merge incidents. `on` hears about every input, in input
/// order, with the counts so far. The store's `batch_size`, `force` and
/// pipeline name are the caller's to set. Errors are per document (reported
/// through `on` and counted as failed); an `Err` is a database that cannot
/// be written.
pub fn ingest<I, F>(pipeline: &Pipeline, store: &mut Store, items: I, threads: usize, on: F) -> Result<IngestReport>
where
    I: IntoIterator<Item = Result<RawDoc, InputError>>,
    F: FnMut(IngestEvent<'_>, &Counts),
{
    ingest_in_batches(pipeline, store, items, threads, BATCH, on)
}

/// [`ingest`] with `batch` inputs annotated at a time: 1 for a stream read as
/// it comes (standard input, `tail -f`), where waiting for 16 documents would
/// hold back what is already there; the stored result is the same.
pub fn ingest_in_batches<I, F>(pipeline: &Pipeline, store: &mut Store, items: I, threads: usize, batch: usize, mut on: F) -> Result<IngestReport>
where
    I: IntoIterator<Item = Result<RawDoc, InputError>>,
    F: FnMut(IngestEvent<'_>, &Counts),
{
    let threads = if threads == 0 { crate::default_threads() } else { threads };
    let mut report = IngestReport { threads, ..Default::default() };
    let run = store.start_run()?;
    let mut c = Counts::default();
    let cell = RefCell::new(&mut *store);
    let store_ns = Cell::new(0u64);
    // the hash check, on this thread as the workers ask for more
    let work = items.into_iter().map(|item| {
        let raw = match item {
            Ok(raw) => raw,
            Err(e) => return Work::Failed { id: None, place: String::new(), message: e.to_string() },
        };
        let place = where_of(&raw);
        let id = raw.id.clone();
        let t0 = thread_cpu_ns();
        let prepared = cell.borrow_mut().prepare(raw.into_document());
        store_ns.set(store_ns.get() + thread_cpu_ns().saturating_sub(t0));
        match prepared {
            Ok(Prepared::Done(outcome)) => Work::Settled { id, outcome },
            Ok(Prepared::Annotate(pending)) => Work::Annotate { place, pending },
            Err(e) => Work::Failed { id: Some(id), place, message: format!("{e:#}") },
        }
    });
    let p = pipeline.clone();
    // a batch of inputs at a time, as `extract` does: each stage over the
    // batch's documents before the next (`Pipeline::annotate_batch`)
    let annotated = ordered_map(batches(work, batch.max(1)), threads, move |ws| annotate_batch(&p, ws)).flatten();
    for a in annotated {
        match a {
            Annotated::Ready { place, pending, annotate_ns, finish_ns } => {
                report.annotate_cpu += cpu(annotate_ns);
                report.finish_cpu += cpu(finish_ns);
                c.read += 1;
                let id = pending.doc.id.clone();
                let t0 = thread_cpu_ns();
                let stored = cell.borrow_mut().store(pending);
                store_ns.set(store_ns.get() + thread_cpu_ns().saturating_sub(t0));
                match stored {
                    Ok(outcome) => {
                        c.add(&outcome);
                        on(IngestEvent::Stored { id: &id, outcome: &outcome }, &c);
                    }
                    Err(e) => {
                        c.failed += 1;
                        let message = format!("{e:#}");
                        on(IngestEvent::Failed { id: Some(&id), place: &place, message: &message }, &c);
                    }
                }
            }
            Annotated::Settled { id, outcome } => {
                c.read += 1;
                c.add(&outcome);
                on(IngestEvent::Stored { id: &id, outcome: &outcome }, &c);
            }
            Annotated::Failed { id, place, message } => {
                if id.is_some() {
                    c.read += 1;
                }
                c.failed += 1;
                on(IngestEvent::Failed { id: id.as_deref(), place: &place, message: &message }, &c);
            }
        }
    }
    drop(cell);
    report.store_cpu = cpu(store_ns.get());
    report.counts = c;
    store.finish_run(run, &c)?;
    let (t0, w0) = (thread_cpu_ns(), Instant::now());
    report.sync = marsad_dataset::sync(store)?;
    report.sync_cpu = cpu(thread_cpu_ns().saturating_sub(t0));
    report.sync_wall = w0.elapsed();
    Ok(report)
}
