//! What the API tests share: the pipeline (marsad-pipeline's, as the server
//! runs it), a server configuration, and a fresh database per call on each
//! back end (`marsad_store::testing::targets()`: SQLite, and PostgreSQL when
//! `MARSAD_TEST_PG` is set).

use marsad_core::Document;
use marsad_pipeline::Pipeline;
use marsad_serve::Config;
use marsad_store::testing::Target;
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

/// A fresh, empty database on back end `t`: `marsad.db` in an emptied
/// directory (SQLite) or a new schema on the test server (PostgreSQL, the
/// URL as `--db` takes it).
pub fn test_db(t: &Target, suite: &str, tag: &str) -> PathBuf {
    if t.is_pg() {
        t.db(tag).0.clone()
    } else {
        temp_db(suite, tag)
    }
}

#[allow(dead_code)]
/// Remove a SQLite test database's directory (a PostgreSQL test schema is
/// left to the throwaway server).
pub fn remove_db(db: &std::path::Path) {
    if !db.to_str().is_some_and(marsad_store::db::is_pg_url) {
        if let Some(dir) = db.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
