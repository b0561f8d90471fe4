//! `marsad analyze`.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct AnalyzeArgs {
    pub file: Option<String>,
}

pub fn run(_a: AnalyzeArgs) -> Result<i32> {
    anyhow::bail!("analyze: not built yet")
}
