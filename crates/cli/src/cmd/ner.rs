//! `marsad ner`, `train ner`, `eval ner`.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct NerArgs {
    /// Read and write CoNLL (one token a line).
    #[arg(long)]
    pub conll: bool,
    pub file: Option<String>,
}
#[derive(Args)]
pub struct TrainArgs {
    #[arg(long)]
    pub train: String,
    #[arg(long)]
    pub dev: Option<String>,
    #[arg(short = 'o', long)]
    pub output: String,
}
#[derive(Args)]
pub struct EvalArgs {
    #[arg(long)]
    pub gold: String,
}

pub fn run(_a: NerArgs) -> Result<i32> {
    anyhow::bail!("ner: not built yet")
}
pub fn train(_a: TrainArgs) -> Result<i32> {
    anyhow::bail!("train ner: not built yet")
}
pub fn eval(_a: EvalArgs) -> Result<i32> {
    anyhow::bail!("eval ner: not built yet")
}
