//! Test support (not for production use): the back ends a test suite runs
//! on. SQLite always; PostgreSQL when `MARSAD_TEST_PG` names a server
//! (`postgres://user@127.0.0.1:port/db`), each database then being a fresh
//! schema on it. When the variable is set and the server cannot be
//! reached, [`targets`] panics, so the suite fails rather than silently
//! testing one back end; when it is unset, PostgreSQL is skipped with a
//! notice on stderr (`.ci/run` always sets it).

use crate::Store;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable naming the PostgreSQL server for tests.
pub const ENV: &str = "MARSAD_TEST_PG";

/// A back end to run a test on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Sqlite,
    /// The server's URL (tests create a schema per database).
    Postgres(String),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Sqlite => f.write_str("sqlite"),
            Target::Postgres(u) => write!(f, "postgres ({})", crate::db::redact(u)),
        }
    }
}

/// SQLite, and PostgreSQL when [`ENV`] is set (checked reachable).
pub fn targets() -> Vec<Target> {
    let mut v = vec![Target::Sqlite];
    match std::env::var(ENV) {
        Ok(url) if !url.trim().is_empty() => {
            if let Err(e) = postgres::Client::connect(url.trim(), postgres::NoTls) {
                panic!("{ENV} is set but the PostgreSQL server cannot be reached ({}): {e}", crate::db::redact(&url));
            }
            v.push(Target::Postgres(url.trim().to_string()));
        }
        _ => eprintln!("note: {ENV} is not set: PostgreSQL tests skipped (only SQLite runs)"),
    }
    v
}

/// The PostgreSQL target alone, if configured (same rules as [`targets`]).
pub fn pg_target() -> Option<Target> {
    targets().into_iter().find(Target::is_pg)
}

static N: AtomicUsize = AtomicUsize::new(0);

impl Target {
    pub fn is_pg(&self) -> bool {
        matches!(self, Target::Postgres(_))
    }

    /// A new, empty database: a file path in the temp dir (removed when the
    /// [`TestDb`] is dropped) or a fresh schema on the server, as the
    /// location `Store::open` takes.
    pub fn db(&self, name: &str) -> TestDb {
        let n = N.fetch_add(1, Ordering::SeqCst);
        match self {
            Target::Sqlite => {
                let p = std::env::temp_dir().join(format!("marsad-test-{}-{n}-{name}.db", std::process::id()));
                let t = TestDb(p);
                t.clean();
                t
            }
            Target::Postgres(url) => TestDb(PathBuf::from(fresh_schema(url, name, n))),
        }
    }

    /// A new, empty store: in memory for SQLite, a fresh schema on the
    /// server for PostgreSQL.
    pub fn store(&self) -> Store {
        match self {
            Target::Sqlite => Store::open_in_memory().expect("in-memory store"),
            Target::Postgres(url) => {
                let n = N.fetch_add(1, Ordering::SeqCst);
                Store::open(fresh_schema(url, "mem", n)).expect("PostgreSQL store")
            }
        }
    }
}

/// Create a schema and return a URL whose connections use it.
fn fresh_schema(url: &str, name: &str, n: usize) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let clean: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).take(20).collect::<String>().to_ascii_lowercase();
    let schema = format!("t_{}_{n}_{nanos}_{clean}", std::process::id());
    let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect to the test server");
    c.batch_execute(&format!("CREATE SCHEMA {schema}")).expect("create a test schema");
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-c%20search_path%3D{schema}")
}

/// A test database location (see [`Target::db`]).
pub struct TestDb(pub PathBuf);

impl TestDb {
    fn clean(&self) {
        if crate::db::is_pg_url(&self.0.to_string_lossy()) {
            return;
        }
        for s in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", self.0.display()));
        }
    }
    pub fn location(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        self.clean();
    }
}
