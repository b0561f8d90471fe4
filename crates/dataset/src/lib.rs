//! marsad-dataset: from event reports to a dataset of incidents.
//!
//! - [`open`] opens a store and creates/migrates this layer's tables
//!   ([`schema`], versioned with `Store::migrate_component`).
//! - [`sync`] brings them up to date after an ingest: near-duplicate links
//!   ([`minhash`]) and incidents (reports of the same event merged).
//! - [`query`]: `events`, `incident`, `actors`, `actor` for the CLI and the
//!   HTTP API.
//! - [`export`]: ACLED-style CSV, PLOVER JSON Lines, GeoJSON, Parquet.
//! - [`review`]: the analysts' decisions on events and incidents (kept
//!   apart from the machine's output, applied by sync); [`review_io`]: the
//!   review queue, agreement over time, reviewed gold.
//!
//! See `crates/dataset/README.md`.

pub mod admin;
pub mod bench;
pub mod countries;
pub mod dates;
pub mod export;
pub use marsad_store::minhash;
mod parquet_out;
pub mod query;
pub mod review;
pub mod review_io;
pub mod schema;
pub mod sync;

pub use query::{actor, actors, events, for_each_event, incident, ActorDetail, ActorItem, EventFilter, Incident, IncidentSummary, Report};
pub use sync::SyncStats;

use anyhow::Result;
use marsad_store::Store;

/// Create or migrate this layer's tables in the store's database.
pub fn migrate(store: &mut Store) -> Result<u32> {
    store.migrate_component(schema::COMPONENT, schema::MIGRATIONS)
}

/// Open a store with this layer's tables ready.
pub fn open(path: impl AsRef<std::path::Path>) -> Result<Store> {
    let mut s = Store::open(path)?;
    migrate(&mut s)?;
    Ok(s)
}

/// Commit the store's open batch, then bring links and incidents up to date
/// (a full pass: also documents updated or removed since the last sync).
pub fn sync(store: &mut Store) -> Result<SyncStats> {
    migrate(store)?;
    store.commit()?;
    sync::sync(store.conn(), true)
}

/// Like [`sync`] but only for documents added since the last sync (cheap;
/// for calls after every batch of a long ingest).
pub fn sync_new(store: &mut Store) -> Result<SyncStats> {
    store.commit()?;
    sync::sync(store.conn(), false)
}

/// Forget every near-duplicate link and incident (the documents stay): the
/// next [`sync`] rebuilds them from scratch. For timing the merge alone
/// (`marsad bench-ingest --remerge`).
pub fn clear(store: &mut Store) -> Result<()> {
    migrate(store)?;
    store.commit()?;
    store.conn().execute_batch(
        "DELETE FROM incident_reports; DELETE FROM incidents; DELETE FROM doc_state; DELETE FROM doc_lsh; DELETE FROM doc_links;",
    )?;
    Ok(())
}
