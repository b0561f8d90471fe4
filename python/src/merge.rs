//! Incidents from annotated documents, through the CLI's own code: the
//! documents go into an in-memory store exactly as `marsad ingest` writes
//! them (`Store::ingest`: content-hash check, events table), then
//! `marsad_dataset::sync` merges their reports and `marsad_dataset::events`
//! reads the incidents back as `marsad events --json` prints them.
//!
//! The Spark job calls this per group of documents; [`report_window`] is
//! the date window the merge gives a report, which the job uses to form
//! groups that no merge can cross (see python/README.md).

use anyhow::{Context, Result};
use marsad_core::Document;
use marsad_dataset::sync::{MAX_RANGE, PUBLISHED_WINDOW};
use marsad_dataset::EventFilter;
use marsad_store::Store;

/// The day interval of a report as `marsad_dataset::sync` computes it: its
/// normalised date when at most `MAX_RANGE` days wide, else the window of
/// `PUBLISHED_WINDOW` days before publication; `None` when neither exists
/// (such a report is never merged with another).
pub fn report_window(date_value: Option<&str>, published: Option<&str>) -> Option<(i64, i64)> {
    if let Some((lo, hi)) = date_value.and_then(marsad_dataset::dates::interval) {
        if hi - lo <= MAX_RANGE {
            return Some((lo, hi));
        }
    }
    let (_, p) = published.and_then(marsad_dataset::dates::interval)?;
    Some((p - PUBLISHED_WINDOW, p))
}

/// Documents (JSON, in input order) → incidents, by id: each as
/// `marsad ingest` followed by `marsad events --json` gives it (JSON, in
/// the struct's field order), with its reports as
/// (document id, event index) in merge order.
pub fn merge(documents: Vec<String>) -> Result<Vec<(String, Vec<(String, i64)>)>> {
    let mut store = Store::open_in_memory()?;
    marsad_dataset::migrate(&mut store)?;
    for (i, j) in documents.iter().enumerate() {
        let doc: Document = serde_json::from_str(j).with_context(|| format!("document {i} is not a marsad document"))?;
        // already annotated: the store only writes it
        store.ingest(doc, |_| Ok(()))?;
    }
    marsad_dataset::sync(&mut store)?;
    let f = EventFilter { ascending: true, limit: None, ..Default::default() };
    let (_, mut list) = marsad_dataset::events(store.conn(), &f)?;
    list.sort_by_key(|s| s.id);
    list.into_iter()
        .map(|s| {
            let reports = marsad_dataset::incident(store.conn(), s.id)?
                .map(|i| i.reports.into_iter().map(|r| (r.doc, r.event_index)).collect())
                .unwrap_or_default();
            // `updated_at` (the run's time) is left for the caller to drop
            Ok((serde_json::to_string(&s)?, reports))
        })
        .collect()
}
