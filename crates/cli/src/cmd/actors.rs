//! `marsad actors`.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct ActorsArgs {
    pub name: String,
}

pub fn run(_a: ActorsArgs) -> Result<i32> {
    anyhow::bail!("actors: not built yet")
}
