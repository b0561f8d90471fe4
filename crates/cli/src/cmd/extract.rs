//! `marsad extract`.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or directories; `-` for standard input.
    pub paths: Vec<String>,
}

pub fn run(_a: ExtractArgs) -> Result<i32> {
    anyhow::bail!("extract: not built yet")
}
