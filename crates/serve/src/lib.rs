//! marsad-serve: `marsad serve`, the HTTP API and the offline dashboard.
//!
//! - [`router`] builds the axum [`Router`] (used in-process by the tests);
//! - [`serve`] binds an address and runs it until Ctrl-C.
//!
//! Incidents, actors and their queries come from `marsad-dataset`; documents,
//! search and stats from `marsad-store`. Every read request opens its own
//! connection (SQLite in WAL mode, or a PostgreSQL session that checks the
//! schema without the writers' lock), so reads go on while an ingest writes;
//! ingests are serialised by a mutex. Blocking database work runs on tokio's blocking pool, and a panic
//! there becomes a 500 JSON answer, never a dead server. The API is described
//! in `openapi.json` (served at `/api/openapi.json`), the dashboard lives in
//! `assets/` and is compiled into the binary.

mod api;
mod assets;
mod review;

pub use api::OPENAPI;
pub use assets::CSP;

use anyhow::Result;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use marsad_pipeline::Pipeline;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Largest request body accepted (bytes).
pub const MAX_BODY: usize = 10 * 1024 * 1024;
/// Largest page of results.
pub const MAX_LIMIT: u64 = 500;
/// Default page size.
pub const DEFAULT_LIMIT: u64 = 100;

/// What the server needs.
#[derive(Clone)]
pub struct Config {
    /// SQLite database file (created on first ingest when missing).
    pub db: PathBuf,
    /// Bearer token for `POST /api/ingest`; `None` disables ingest (403).
    pub token: Option<String>,
    /// The pipeline that annotates ingested documents (the one `marsad
    /// ingest` uses).
    pub pipeline: Pipeline,
    /// Pipeline name stored with ingested documents.
    pub pipeline_name: String,
    /// Annotation threads of an ingest request (0: one per core).
    pub threads: usize,
}

pub(crate) struct State {
    pub cfg: Config,
    /// One writer at a time.
    pub writer: Mutex<()>,
}

pub(crate) type AppState = Arc<State>;

/// An API error: a status and a message, sent as `{"error": "..."}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// More for the client (a review conflict: who changed the record, its version now).
    pub detail: Option<serde_json::Value>,
}

impl ApiError {
    pub fn bad(msg: impl Into<String>) -> Self {
        ApiError { status: StatusCode::BAD_REQUEST, message: msg.into(), detail: None }
    }
    pub fn not_found(msg: impl Into<String>) -> Self {
        ApiError { status: StatusCode::NOT_FOUND, message: msg.into(), detail: None }
    }
    pub fn new(status: StatusCode, msg: impl Into<String>) -> Self {
        ApiError { status, message: msg.into(), detail: None }
    }
    pub fn internal(e: impl std::fmt::Display) -> Self {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, message: format!("internal error: {e}"), detail: None }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        use marsad_store::review::ReviewError;
        match e.downcast_ref::<ReviewError>() {
            Some(r) => {
                let status = match r {
                    ReviewError::Conflict { .. } => StatusCode::CONFLICT,
                    ReviewError::Forbidden { .. } => StatusCode::FORBIDDEN,
                    ReviewError::NotFound { .. } => StatusCode::NOT_FOUND,
                    ReviewError::Bad { .. } => StatusCode::BAD_REQUEST,
                };
                let detail = matches!(r, ReviewError::Conflict { .. }).then(|| serde_json::to_value(r).unwrap_or_default());
                ApiError { status, message: r.to_string(), detail }
            }
            None => ApiError::internal(format!("{e:#}")),
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(e)
    }
}

impl From<marsad_store::db::Error> for ApiError {
    fn from(e: marsad_store::db::Error) -> Self {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // the client sees the message; whoever runs the server should too,
        // since a 5xx is the server's fault (a database error, a dead worker)
        if self.status.is_server_error() {
            eprintln!("marsad: error: {} ({})", self.message, self.status);
        }
        let body = match self.detail {
            Some(d) => serde_json::json!({ "error": self.message, "conflict": d }),
            None => serde_json::json!({ "error": self.message }),
        };
        (self.status, Json(body)).into_response()
    }
}

/// Every API route (method, path) as described in `openapi.json` (a test
/// checks the two agree).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/events"),
    ("GET", "/api/incidents/{id}"),
    ("GET", "/api/documents"),
    ("GET", "/api/documents/{id}"),
    ("GET", "/api/actors"),
    ("GET", "/api/actors/{id}"),
    ("GET", "/api/search"),
    ("GET", "/api/stats"),
    ("POST", "/api/ingest"),
    ("GET", "/api/openapi.json"),
    ("GET", "/api/review/me"),
    ("GET", "/api/review/queue"),
    ("GET", "/api/review/event"),
    ("POST", "/api/review/event"),
    ("GET", "/api/review/incidents/{id}"),
    ("POST", "/api/review/incidents/{id}"),
    ("POST", "/api/review/incidents/{id}/split"),
    ("POST", "/api/review/merge"),
    ("POST", "/api/review/move"),
    ("GET", "/api/review/history"),
    ("GET", "/api/review/agreement"),
    ("GET", "/api/review/deletions"),
    ("GET", "/api/review/export"),
];

/// The router: `/api/...` and the dashboard at `/`.
pub fn router(cfg: Config) -> Router {
    let state: AppState = Arc::new(State { cfg, writer: Mutex::new(()) });
    Router::new()
        .route("/api/events", get(api::events))
        .route("/api/incidents/{id}", get(api::incident))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{*id}", get(api::document))
        .route("/api/actors", get(api::actors))
        .route("/api/actors/{id}", get(api::actor))
        .route("/api/search", get(api::search))
        .route("/api/stats", get(api::stats))
        .route("/api/ingest", post(api::ingest))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/review/me", get(review::me))
        .route("/api/review/queue", get(review::queue))
        .route("/api/review/event", get(review::event).post(review::event_post))
        .route("/api/review/incidents/{id}", get(review::incident).post(review::incident_post))
        .route("/api/review/incidents/{id}/split", post(review::split))
        .route("/api/review/merge", post(review::merge))
        .route("/api/review/move", post(review::move_report))
        .route("/api/review/history", get(review::history))
        .route("/api/review/agreement", get(review::agreement))
        .route("/api/review/deletions", get(review::deletions))
        .route("/api/review/export", get(review::export))
        .route("/api", get(api::openapi))
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Bring an existing database's incidents up to date (a database written
/// by an older marsad, or an ingest killed before it merged), as
/// `marsad events` does. A missing database is left alone.
pub fn catch_up(db: &std::path::Path) -> Result<Option<marsad_dataset::SyncStats>> {
    let mut store = match db.to_str().filter(|p| marsad_store::db::is_pg_url(p)) {
        // a server without a marsad schema is a missing database
        Some(url) => match marsad_store::Store::open_pg_existing(url)? {
            Some(s) => s,
            None => return Ok(None),
        },
        None if !db.exists() => return Ok(None),
        None => marsad_store::Store::open(db)?,
    };
    Ok(Some(marsad_dataset::sync(&mut store)?))
}

/// Bind `addr` and serve until Ctrl-C (or SIGTERM).
pub async fn serve(cfg: Config, addr: &str) -> Result<()> {
    let db = cfg.db.clone();
    match tokio::task::spawn_blocking(move || catch_up(&db)).await {
        Ok(Ok(Some(s))) if s.new_incidents > 0 => eprintln!("marsad: merged {} new incident(s) before serving", s.new_incidents),
        Ok(Err(e)) => eprintln!("marsad: warning: cannot bring incidents up to date: {e:#}"),
        _ => {}
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr()?;
    eprintln!(
        "marsad: serving {} on http://{local}/ (API at /api, ingest {})",
        marsad_store::db::redact(&cfg.db.display().to_string()),
        if cfg.token.is_some() { "enabled with a token" } else { "disabled: no token" }
    );
    axum::serve(listener, router(cfg)).with_graceful_shutdown(shutdown()).await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Run blocking database work off the async threads; a panic becomes a 500.
pub(crate) async fn blocking<T, F>(f: F) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r,
        Err(e) => Err(ApiError::internal(format!("request failed: {e}"))),
    }
}

/// [`serve`] on a new multi-threaded tokio runtime, for callers without one
/// (the `marsad` binary).
pub fn run(cfg: Config, addr: &str) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(16)
        .enable_all()
        .build()?;
    rt.block_on(serve(cfg, addr))
}
