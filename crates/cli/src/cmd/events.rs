//! `marsad eval events`.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct EvalArgs {
    #[arg(long)]
    pub gold: String,
}

pub fn eval(_a: EvalArgs) -> Result<i32> {
    anyhow::bail!("eval events: not built yet")
}
