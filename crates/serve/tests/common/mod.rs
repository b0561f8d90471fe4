//! What the API tests share: the pipeline (marsad-pipeline's, as the server
//! runs it), a server configuration, and a fresh temporary database path
//! per call.

use marsad_core::Document;
use marsad_pipeline::Pipeline;
use marsad_serve::Config;
use std::path::PathBuf;

pub fn pipeline() -> &'static Pipeline {
    Pipeline::global().unwrap()
}

/// The pipeline as the annotating function that `Store::ingest` takes.
pub fn annotator() -> impl Fn(&mut Document) -> anyhow::Result<()> {
    |d: &mut Document| Ok(pipeline().annotate(d)?)
}

/// The server's configuration over `db`, with the full pipeline.
pub fn config(db: &PathBuf, token: Option<&str>) -> Config {
    Config {
        db: db.clone(),
        token: token.map(String::from),
        pipeline: pipeline().clone(),
        pipeline_name: "test".into(),
        threads: 2,
    }
}

/// `marsad.db` in an emptied directory unique to this process, `suite`,
/// `tag` and call.
pub fn temp_db(suite: &str, tag: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("marsad-{suite}-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("marsad.db")
}
