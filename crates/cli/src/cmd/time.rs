//! `marsad dates`.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct DatesArgs {
    pub text: String,
}

pub fn run(_a: DatesArgs) -> Result<i32> {
    anyhow::bail!("dates: not built yet")
}
