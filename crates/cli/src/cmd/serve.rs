//! `marsad serve`: the HTTP API and the dashboard (crates/serve).
use anyhow::{bail, Result};
use clap::Args;
use marsad_pipeline::Pipeline;

#[derive(Args)]
pub struct ServeArgs {
    /// SQLite database file (created by the first ingest when missing), or postgres://user@host:port/db.
    #[arg(long, default_value = "marsad.db")]
    pub db: String,
    /// Address to listen on (loopback by default; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8700")]
    pub addr: String,
    /// Token that POST /api/ingest must present (Authorization: Bearer
    /// TOKEN); default: the MARSAD_TOKEN environment variable. Without a
    /// token, ingest over HTTP is disabled.
    #[arg(long)]
    pub token: Option<String>,
    /// Annotation threads of an ingest request [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
}

pub fn run(a: ServeArgs) -> Result<i32> {
    let token = a
        .token
        .or_else(|| std::env::var("MARSAD_TOKEN").ok())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    if let Some(t) = &token {
        if t.len() < 8 {
            bail!("the ingest token must be at least 8 characters");
        }
    }
    if std::path::Path::new(&a.db).is_dir() {
        bail!("{} is a directory, not a database file", a.db);
    }
    let cfg = marsad_serve::Config {
        db: a.db.into(),
        token,
        pipeline: Pipeline::global()?.clone(),
        pipeline_name: format!("marsad {}", env!("CARGO_PKG_VERSION")),
        threads: a.threads.unwrap_or(0),
    };
    marsad_serve::run(cfg, &a.addr)?;
    Ok(0)
}
