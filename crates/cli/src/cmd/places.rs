//! `marsad geocode`.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct GeocodeArgs {
    pub name: String,
}

pub fn geocode(_a: GeocodeArgs) -> Result<i32> {
    anyhow::bail!("geocode: not built yet")
}
