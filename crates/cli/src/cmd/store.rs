//! `marsad ingest`, `search`, `stats`.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct IngestArgs {
    pub paths: Vec<String>,
}
#[derive(Args)]
pub struct SearchArgs {
    pub query: String,
}
#[derive(Args)]
pub struct StatsArgs {}

pub fn ingest(_a: IngestArgs) -> Result<i32> {
    anyhow::bail!("ingest: not built yet")
}
pub fn search(_a: SearchArgs) -> Result<i32> {
    anyhow::bail!("search: not built yet")
}
pub fn stats(_a: StatsArgs) -> Result<i32> {
    anyhow::bail!("stats: not built yet")
}
