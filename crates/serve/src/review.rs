//! The `/api/review/...` handlers: the analysts' review loop over HTTP.
//!
//! Reads are open (as the rest of the API, meant for loopback); every write
//! needs `Authorization: Bearer TOKEN` of a reviewer (`marsad review
//! add-user`), is attributed to them, and runs as one transaction that
//! checks the record's version first: a stale version is a 409 whose body
//! says who changed the record and its version now (`conflict`). Roles are
//! checked by `marsad-dataset`'s review layer (403 for an analyst who
//! merges, splits or resolves).

use crate::api::{ok, open, ApiResult, Params, Q};
use crate::{blocking, ApiError, AppState, MAX_LIMIT};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use marsad_dataset::review::{self, EventRequest, IncidentRequest};
use marsad_store::review::{self as rv, Reviewer};
use marsad_store::Store;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;

/// The reviewer whose token the request carries (401 otherwise).
fn who(store: &Store, headers: &HeaderMap) -> Result<Reviewer, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "review writes need a reviewer's token: Authorization: Bearer TOKEN (marsad review add-user NAME)"))?;
    rv::authenticate(store.conn(), token)?.ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unknown or withdrawn reviewer token"))
}

fn body<T: DeserializeOwned>(b: Result<Bytes, BytesRejection>) -> Result<T, ApiError> {
    let b = b.map_err(|e| ApiError::new(e.status(), format!("cannot read the request body: {}", e.body_text())))?;
    serde_json::from_slice(&b).map_err(|e| ApiError::bad(format!("malformed JSON body: {e}")))
}

fn db(st: &AppState) -> Result<Store, ApiError> {
    open(st)?.ok_or_else(|| ApiError::not_found("no database yet: ingest documents first"))
}

fn id_of(id: &str) -> Result<i64, ApiError> {
    id.trim().parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| ApiError::bad(format!("malformed incident id {id:?}: expected a number")))
}

pub async fn me(State(st): State<AppState>, headers: HeaderMap, p: Params) -> ApiResult {
    Q::new(p, &[])?;
    let r = blocking(move || {
        let store = db(&st)?;
        who(&store, &headers)
    })
    .await?;
    ok(json!({ "name": r.name, "role": r.role, "reasons": rv::REASONS, "event_fields": review::EVENT_FIELDS, "incident_fields": review::INCIDENT_FIELDS }))
}

pub async fn queue(State(st): State<AppState>, p: Params) -> ApiResult {
    let q = Q::new(p, &["limit", "offset"])?;
    let (limit, offset) = q.page()?;
    let (total, items) = blocking(move || {
        let Some(store) = open(&st)? else { return Ok((0, vec![])) };
        Ok(marsad_dataset::review_io::queue(store.conn(), limit as usize, offset as usize)?)
    })
    .await?;
    ok(json!({ "total": total, "limit": limit, "offset": offset, "items": items }))
}

pub async fn event(State(st): State<AppState>, p: Params) -> ApiResult {
    let q = Q::new(p, &["uid"])?;
    let uid = q.get("uid").ok_or_else(|| ApiError::bad("uid is required: DOC:START-END, as in the queue"))?;
    let u2 = uid.clone();
    let e = blocking(move || {
        let store = db(&st)?;
        Ok(review::event_state(store.conn(), &u2)?)
    })
    .await?;
    e.map_or_else(|| Err(ApiError::not_found(format!("no event {uid:?}"))), ok)
}

pub async fn event_post(State(st): State<AppState>, headers: HeaderMap, b: Result<Bytes, BytesRejection>) -> ApiResult {
    let req: EventRequest = body(b)?;
    let e = blocking(move || {
        let store = db(&st)?;
        let w = who(&store, &headers)?;
        Ok(review::review_event(store.conn(), &w, &req)?)
    })
    .await?;
    ok(e)
}

pub async fn incident(State(st): State<AppState>, Path(id): Path<String>, p: Params) -> ApiResult {
    Q::new(p, &[])?;
    let n = id_of(&id)?;
    let i = blocking(move || {
        let store = db(&st)?;
        Ok(review::incident_state(store.conn(), n)?)
    })
    .await?;
    i.map_or_else(|| Err(ApiError::not_found(format!("no incident {id:?}"))), ok)
}

pub async fn incident_post(State(st): State<AppState>, headers: HeaderMap, Path(id): Path<String>, b: Result<Bytes, BytesRejection>) -> ApiResult {
    let n = id_of(&id)?;
    let req: IncidentRequest = body(b)?;
    let i = blocking(move || {
        let store = db(&st)?;
        let w = who(&store, &headers)?;
        Ok(review::review_incident(store.conn(), &w, n, &req, &st.cfg.pipeline_name)?)
    })
    .await?;
    ok(i)
}

#[derive(Deserialize)]
struct SplitBody {
    version: i64,
    reports: Vec<String>,
    #[serde(default)]
    reason: Option<String>,
}

pub async fn split(State(st): State<AppState>, headers: HeaderMap, Path(id): Path<String>, b: Result<Bytes, BytesRejection>) -> ApiResult {
    let n = id_of(&id)?;
    let req: SplitBody = body(b)?;
    let i = blocking(move || {
        let store = db(&st)?;
        let w = who(&store, &headers)?;
        Ok(review::split(store.conn(), &w, n, req.version, &req.reports, req.reason.as_deref(), &st.cfg.pipeline_name)?)
    })
    .await?;
    ok(i)
}

#[derive(Deserialize)]
struct MergeBody {
    into: i64,
    from: Vec<i64>,
    /// Incident id (as a string key) → the version the reviewer saw.
    versions: BTreeMap<String, i64>,
    #[serde(default)]
    reason: Option<String>,
}

pub async fn merge(State(st): State<AppState>, headers: HeaderMap, b: Result<Bytes, BytesRejection>) -> ApiResult {
    let req: MergeBody = body(b)?;
    let mut versions = BTreeMap::new();
    for (k, v) in &req.versions {
        versions.insert(id_of(k)?, *v);
    }
    let i = blocking(move || {
        let store = db(&st)?;
        let w = who(&store, &headers)?;
        Ok(review::merge(store.conn(), &w, req.into, &req.from, &versions, req.reason.as_deref(), &st.cfg.pipeline_name)?)
    })
    .await?;
    ok(i)
}

#[derive(Deserialize)]
struct MoveBody {
    uid: String,
    version: i64,
    to: i64,
    to_version: i64,
    #[serde(default)]
    reason: Option<String>,
}

pub async fn move_report(State(st): State<AppState>, headers: HeaderMap, b: Result<Bytes, BytesRejection>) -> ApiResult {
    let req: MoveBody = body(b)?;
    let i = blocking(move || {
        let store = db(&st)?;
        let w = who(&store, &headers)?;
        Ok(review::move_report(store.conn(), &w, &req.uid, req.version, req.to, req.to_version, req.reason.as_deref(), &st.cfg.pipeline_name)?)
    })
    .await?;
    ok(i)
}

pub async fn history(State(st): State<AppState>, p: Params) -> ApiResult {
    let q = Q::new(p, &["target", "id", "limit", "offset"])?;
    let (limit, offset) = q.page()?;
    let target = q.get("target");
    if let Some(t) = &target {
        if t != "event" && t != "incident" {
            return Err(ApiError::bad(format!("target must be event or incident, got {t:?}")));
        }
    }
    let id = q.get("id");
    let (total, revs) = blocking(move || {
        let Some(store) = open(&st)? else { return Ok((0, vec![])) };
        Ok(rv::history(store.conn(), target.as_deref(), id.as_deref(), limit.min(MAX_LIMIT), offset)?)
    })
    .await?;
    ok(json!({ "total": total, "limit": limit, "offset": offset, "revisions": revs }))
}

pub async fn agreement(State(st): State<AppState>, p: Params) -> ApiResult {
    Q::new(p, &[])?;
    let rows = blocking(move || {
        let Some(store) = open(&st)? else { return Ok(vec![]) };
        Ok(marsad_dataset::review_io::agreement(store.conn())?)
    })
    .await?;
    ok(json!({ "fields": marsad_dataset::review_io::AGREEMENT_FIELDS, "periods": rows }))
}

pub async fn deletions(State(st): State<AppState>, p: Params) -> ApiResult {
    Q::new(p, &[])?;
    let rows = blocking(move || {
        let Some(store) = open(&st)? else { return Ok(vec![]) };
        Ok(review::deletions(store.conn())?)
    })
    .await?;
    ok(json!({ "deletions": rows }))
}

/// The reviewed dataset: `format=csv` (ACLED columns + review_status),
/// `deletions` (the deletions list, CSV) or `gold` (reviewed events, JSON Lines).
pub async fn export(State(st): State<AppState>, p: Params) -> ApiResult {
    let q = Q::new(p, &["format"])?;
    let format = q.get("format").unwrap_or_else(|| "csv".into());
    if !["csv", "deletions", "gold"].contains(&format.as_str()) {
        return Err(ApiError::bad(format!("format must be csv, deletions or gold, got {format:?}")));
    }
    let f2 = format.clone();
    let out = blocking(move || {
        let mut out = Vec::new();
        let Some(store) = open(&st)? else { return Ok(out) };
        let c = store.conn();
        match f2.as_str() {
            "csv" => {
                marsad_dataset::export::export(c, &Default::default(), marsad_dataset::export::Format::Csv, &mut out)?;
            }
            "deletions" => {
                marsad_dataset::export::export_deletions(c, &mut out)?;
            }
            _ => {
                marsad_dataset::review_io::export_gold(c, &mut out)?;
            }
        }
        Ok(out)
    })
    .await?;
    let ct = if format == "gold" { "application/x-ndjson; charset=utf-8" } else { "text/csv; charset=utf-8" };
    Ok(([(header::CONTENT_TYPE, ct)], out).into_response())
}
