//! The `/api` handlers.

use marsad_dataset::EventFilter;
use crate::{blocking, ApiError, AppState, DEFAULT_LIMIT, MAX_BODY, MAX_LIMIT};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use marsad_pipeline::IngestEvent;
use marsad_store::Store;
use serde_json::{json, Value};

pub(crate) type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// Different values a list parameter (`type`, `country`) may take.
const MAX_VALUES: usize = 50;
pub(crate) type ApiResult = Result<Response, ApiError>;

/// The query parameters, checked against the names a route knows.
pub(crate) struct Q {
    pairs: Vec<(String, String)>,
}

impl Q {
    pub(crate) fn new(p: Params, known: &[&str]) -> Result<Q, ApiError> {
        let Query(pairs) = p.map_err(|e| ApiError::bad(format!("malformed query string: {}", e.body_text())))?;
        for (k, _) in &pairs {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad(if known.is_empty() {
                    format!("unknown parameter {k:?}; this endpoint takes no parameters")
                } else {
                    format!("unknown parameter {k:?}; this endpoint takes: {}", known.join(", "))
                }));
            }
        }
        Ok(Q { pairs })
    }

    /// The last non-empty value of `k`, trimmed.
    pub(crate) fn get(&self, k: &str) -> Option<String> {
        self.pairs.iter().rev().find(|(n, v)| n == k && !v.trim().is_empty()).map(|(_, v)| v.trim().to_string())
    }

    /// All values of `k`, comma-separated ones split, without repeats; at
    /// most `MAX_VALUES` different ones (thousands would make an SQL
    /// expression too deep).
    fn list(&self, k: &str) -> Result<Vec<String>, ApiError> {
        let mut out: Vec<String> = Vec::new();
        for v in self.pairs.iter().filter(|(n, _)| n == k).flat_map(|(_, v)| v.split(',')) {
            let v = v.trim();
            if !v.is_empty() && !out.iter().any(|o| o == v) {
                if out.len() == MAX_VALUES {
                    return Err(ApiError::bad(format!("too many values for {k} (at most {MAX_VALUES})")));
                }
                out.push(v.to_string());
            }
        }
        Ok(out)
    }

    fn uint(&self, k: &str) -> Result<Option<u64>, ApiError> {
        match self.get(k) {
            None => Ok(None),
            Some(v) => v
                .parse::<u64>()
                .map(Some)
                .map_err(|_| ApiError::bad(format!("{k} must be a non-negative integer, got {v:?}"))),
        }
    }

    pub(crate) fn page(&self) -> Result<(u64, u64), ApiError> {
        let limit = self.uint("limit")?.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad(format!("limit must be between 1 and {MAX_LIMIT}, got {limit}")));
        }
        let offset = self.uint("offset")?.unwrap_or(0);
        if offset > 10_000_000 {
            return Err(ApiError::bad("offset is too large"));
        }
        Ok((limit, offset))
    }
}

pub(crate) fn ok(v: impl serde::Serialize) -> ApiResult {
    Ok(Json(v).into_response())
}

/// Open the store for reading; a missing database, or one still being
/// created by a first ingest, is an empty one. A database at an older schema
/// version is migrated under the writer lock.
pub(crate) fn open(st: &AppState) -> Result<Option<Store>, ApiError> {
    if let Some(url) = st.cfg.db.to_str().filter(|p| marsad_store::db::is_pg_url(p)) {
        // PostgreSQL: no marsad schema yet is an empty database (reading
        // creates nothing); an older one is migrated under the server's
        // advisory lock, a current one opened without any lock
        return match Store::open_pg_existing(url)? {
            Some(store) => with_dataset(st, store).map(Some),
            None => Ok(None),
        };
    }
    if !st.cfg.db.exists() {
        return Ok(None);
    }
    let c = rusqlite::Connection::open_with_flags(
        &st.cfg.db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    c.busy_timeout(std::time::Duration::from_secs(10))?;
    let version: u32 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        return Ok(None);
    }
    let store = if (version as usize) < marsad_store::schema::MIGRATIONS.len() {
        let _guard = st.writer.lock().unwrap_or_else(|p| p.into_inner());
        Store::open(&st.cfg.db)?
    } else {
        Store::open(&st.cfg.db)?
    };
    with_dataset(st, store).map(Some)
}

/// The incident layer's tables, created once under the writer lock.
fn with_dataset(st: &AppState, mut store: Store) -> Result<Store, ApiError> {
    let key = format!("schema.{}", marsad_dataset::schema::COMPONENT);
    let dv: Option<String> = marsad_store::db::OptionalExtension::optional(
        store.conn().query_row("SELECT value FROM meta WHERE key = ?1", [&key], |r| r.get(0)),
    )?;
    if dv.and_then(|v| v.parse::<usize>().ok()).unwrap_or(0) < marsad_dataset::schema::MIGRATIONS.len() {
        let _guard = st.writer.lock().unwrap_or_else(|p| p.into_inner());
        marsad_dataset::migrate(&mut store)?;
    }
    Ok(store)
}

/// A date parameter: YYYY, YYYY-MM or YYYY-MM-DD.
fn date_param(k: &str, v: &str) -> Result<String, ApiError> {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(|c| c.is_ascii_digit()));
    let okay = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if !okay || marsad_dataset::dates::interval(v).is_none() {
        return Err(ApiError::bad(format!("{k} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {v:?}")));
    }
    Ok(v.to_string())
}

const EVENT_PARAMS: &[&str] =
    &["type", "actor", "country", "admin1", "from", "to", "bbox", "min_fatalities", "q", "limit", "offset"];

/// A text query must hold at least one word the index knows: `*`, `"` or
/// undecodable bytes would otherwise filter nothing and return everything.
fn check_text(t: &str) -> Result<(), ApiError> {
    if t.chars().count() > 1000 {
        return Err(ApiError::bad("q is too long (at most 1000 characters)"));
    }
    if marsad_store::keys::Query::parse(t).is_empty() {
        return Err(ApiError::bad(format!("q has no words to search for: {t:?}")));
    }
    Ok(())
}

/// PLOVER event types, ACLED event types and ACLED sub-event types: the
/// values `type=` takes (with those present in the database).
const KNOWN_TYPES: &[&str] = &[
    "ACCUSE", "AGREE", "AID", "ASSAULT", "CHANGE_GROUP", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND",
    "FIGHT", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments",
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash", "Chemical weapon",
    "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement", "Arrests",
    "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Non-violent transfer of territory", "Other",
];

/// Reject a `type=` value that names no type (a typo such as `ASSUALT`
/// would otherwise read as "no events").
fn check_types(conn: &marsad_store::db::Connection, kinds: &str) -> Result<(), ApiError> {
    let mut known: Vec<String> = KNOWN_TYPES.iter().map(|t| t.to_lowercase()).collect();
    // the incident types stored (`sync::ready` asks each back end's catalogue)
    if marsad_dataset::sync::ready(conn) {
        let mut st = conn.prepare(
            "SELECT DISTINCT type FROM incidents UNION SELECT DISTINCT acled_event_type FROM incidents
             UNION SELECT DISTINCT acled_sub_event_type FROM incidents",
        )?;
        for t in st.query_map([], |r| r.get::<_, Option<String>>(0))? {
            if let Some(t) = t? {
                known.push(t.to_lowercase());
            }
        }
    }
    for k in kinds.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        if !known.contains(&k.to_lowercase()) {
            return Err(ApiError::bad(format!(
                "unknown type {k:?}: use a PLOVER type (ASSAULT, PROTEST…), an ACLED event type (Battles…) or sub-event type (Armed clash…)"
            )));
        }
    }
    Ok(())
}

fn event_filter(q: &Q) -> Result<EventFilter, ApiError> {
    let (limit, offset) = q.page()?;
    let bbox = match q.get("bbox") {
        None => None,
        Some(v) => {
            let parts: Vec<&str> = v.split(',').map(str::trim).collect();
            let nums: Option<Vec<f64>> = parts.iter().map(|s| s.parse::<f64>().ok().filter(|x| x.is_finite())).collect();
            match nums {
                Some(n) if n.len() == 4 => {
                    let (x0, y0, x1, y1) = (n[0], n[1], n[2], n[3]);
                    if !(-180.0..=180.0).contains(&x0) || !(-180.0..=180.0).contains(&x1) || !(-90.0..=90.0).contains(&y0) || !(-90.0..=90.0).contains(&y1) {
                        return Err(ApiError::bad("bbox is out of range: longitudes in [-180, 180], latitudes in [-90, 90]"));
                    }
                    if x0 > x1 || y0 > y1 {
                        return Err(ApiError::bad("bbox must be minlon,minlat,maxlon,maxlat with min ≤ max"));
                    }
                    Some([x0, y0, x1, y1])
                }
                _ => return Err(ApiError::bad(format!("bbox must be four numbers minlon,minlat,maxlon,maxlat, got {v:?}"))),
            }
        }
    };
    let min_fatalities = match q.uint("min_fatalities")? {
        Some(n) if n > u32::MAX as u64 => return Err(ApiError::bad("min_fatalities is too large")),
        n => n.map(|n| n as u32),
    };
    let from = q.get("from").map(|v| date_param("from", &v)).transpose()?;
    let to = q.get("to").map(|v| date_param("to", &v)).transpose()?;
    if let (Some(a), Some(b)) = (&from, &to) {
        if a > b {
            return Err(ApiError::bad(format!("from ({a}) is after to ({b})")));
        }
    }
    let countries = q.list("country")?;
    for c in &countries {
        // an unknown name would silently match nothing (a typo reads as "no
        // events"); ISO codes the table does not list are passed through
        let code = c.len() <= 3 && c.chars().all(|x| x.is_ascii_alphabetic());
        if marsad_dataset::countries::lookup(c).is_none() && !code {
            return Err(ApiError::bad(format!(
                "unknown country {c:?}: use an ISO 3166 code (IRQ or IQ) or an English name (Iraq)"
            )));
        }
    }
    let text = q.get("q");
    if let Some(t) = &text {
        check_text(t)?;
    }
    let join = |v: Vec<String>| if v.is_empty() { None } else { Some(v.join(",")) };
    Ok(EventFilter {
        kind: join(q.list("type")?),
        actor: q.get("actor"),
        country: join(countries),
        admin1: q.get("admin1"),
        date_from: from,
        date_to: to,
        bbox,
        min_fatalities,
        text,
        limit: Some(limit),
        offset,
        ascending: false,
    })
}

pub async fn events(State(st): State<AppState>, p: Params) -> ApiResult {
    let q = Q::new(p, EVENT_PARAMS)?;
    let f = event_filter(&q)?;
    let (limit, offset) = (f.limit.unwrap_or(DEFAULT_LIMIT), f.offset);
    let (total, events) = blocking(move || {
        let Some(store) = open(&st)? else { return Ok((0, vec![])) };
        if let Some(k) = &f.kind {
            check_types(store.conn(), k)?;
        }
        marsad_dataset::events(store.conn(), &f).map_err(|e| {
            let msg = format!("{e:#}");
            if msg.starts_with("bad ") { ApiError::bad(msg) } else { ApiError::internal(msg) }
        })
    })
    .await?;
    ok(json!({ "total": total, "limit": limit, "offset": offset, "events": events }))
}

pub async fn incident(State(st): State<AppState>, Path(id): Path<String>, p: Params) -> ApiResult {
    Q::new(p, &[])?;
    let Some(n) = id.trim().parse::<i64>().ok().filter(|n| *n >= 0) else {
        return Err(ApiError::bad(format!("malformed incident id {id:?}: expected a number, as in /api/events")));
    };
    let inc = blocking(move || {
        let Some(store) = open(&st)? else { return Ok(None) };
        Ok(marsad_dataset::incident(store.conn(), n)?)
    })
    .await?;
    match inc {
        Some(i) => ok(i),
        None => Err(ApiError::not_found(format!("no incident {id:?}"))),
    }
}

#[derive(serde::Serialize)]
struct DocListItem {
    id: String,
    title: Option<String>,
    lang: String,
    published: Option<String>,
    source: Option<String>,
    chars: i64,
    events: i64,
}

/// Stored documents, newest first: (total, page).
fn documents_page(conn: &marsad_store::db::Connection, lang: Option<&str>, limit: u64, offset: u64) -> Result<(u64, Vec<DocListItem>), ApiError> {
    use marsad_store::db::Value;
    let (wh, mut p): (&str, Vec<Value>) = match lang {
        Some(l) => ("WHERE d.lang = ?1", vec![Value::Text(l.to_string())]),
        None => ("", vec![]),
    };
    let total: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM documents d {wh}"), marsad_store::db::params_from_iter(p.iter()), |r| r.get(0))?;
    p.push(Value::Integer(limit as i64));
    p.push(Value::Integer(offset as i64));
    let n = p.len();
    let sql = format!(
        "SELECT d.id, d.title, d.lang, d.published, d.source, d.char_len,
                (SELECT COUNT(*) FROM events e WHERE e.doc = d.pk)
         FROM documents d {wh} ORDER BY d.published DESC, d.pk LIMIT ?{} OFFSET ?{}",
        n - 1,
        n
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st
        .query_map(marsad_store::db::params_from_iter(p.iter()), |r| {
            Ok(DocListItem {
                id: r.get(0)?,
                title: r.get(1)?,
                lang: r.get(2)?,
                published: r.get(3)?,
                source: r.get(4)?,
                chars: r.get(5)?,
                events: r.get(6)?,
            })
        })?
        .collect::<marsad_store::db::Result<Vec<_>>>()?;
    Ok((total.max(0) as u64, rows))
}

pub async fn documents(State(st): State<AppState>, p: Params) -> ApiResult {
    let q = Q::new(p, &["lang", "limit", "offset"])?;
    let (limit, offset) = q.page()?;
    let lang = q.get("lang");
    if let Some(l) = &lang {
        if !["ar", "en", "und"].contains(&l.as_str()) {
            return Err(ApiError::bad(format!("lang must be ar, en or und, got {l:?}")));
        }
    }
    let (total, docs) = blocking(move || {
        let Some(store) = open(&st)? else { return Ok((0, vec![])) };
        documents_page(store.conn(), lang.as_deref(), limit, offset)
    })
    .await?;
    ok(json!({ "total": total, "limit": limit, "offset": offset, "documents": docs }))
}

pub async fn document(State(st): State<AppState>, Path(id): Path<String>, p: Params) -> ApiResult {
    Q::new(p, &[])?;
    let id2 = id.clone();
    let doc = blocking(move || {
        let Some(store) = open(&st)? else { return Ok(None) };
        Ok(store.get(&id2)?)
    })
    .await?;
    match doc {
        Some(d) => ok(d),
        None => Err(ApiError::not_found(format!("no document {id:?}"))),
    }
}

pub async fn actors(State(st): State<AppState>, p: Params) -> ApiResult {
    let q = Q::new(p, &["q", "limit", "offset"])?;
    let (limit, offset) = q.page()?;
    let text = q.get("q");
    let (total, actors) = blocking(move || {
        let Some(store) = open(&st)? else { return Ok((0, vec![])) };
        Ok(marsad_dataset::actors(store.conn(), text.as_deref(), limit, offset)?)
    })
    .await?;
    ok(json!({ "total": total, "limit": limit, "offset": offset, "actors": actors }))
}

pub async fn actor(State(st): State<AppState>, Path(id): Path<String>, p: Params) -> ApiResult {
    Q::new(p, &[])?;
    let id2 = id.clone();
    let a = blocking(move || {
        let Some(store) = open(&st)? else { return Ok(None) };
        Ok(marsad_dataset::actor(store.conn(), &id2)?)
    })
    .await?;
    match a {
        Some(a) => ok(a),
        None => Err(ApiError::not_found(format!("no actor {id:?}"))),
    }
}

pub async fn search(State(st): State<AppState>, p: Params) -> ApiResult {
    let q = Q::new(p, &["q", "limit"])?;
    let Some(text) = q.get("q") else {
        return Err(ApiError::bad("q is required: the words to search for"));
    };
    check_text(&text)?;
    let limit = q.uint("limit")?.unwrap_or(20);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad(format!("limit must be between 1 and {MAX_LIMIT}, got {limit}")));
    }
    let res = blocking(move || {
        let Some(store) = open(&st)? else { return Ok(json!({ "query": text, "total": 0, "results": [] })) };
        let r = store.search(&text, limit as usize)?;
        Ok(serde_json::to_value(r).map_err(ApiError::internal)?)
    })
    .await?;
    ok(res)
}

pub async fn stats(State(st): State<AppState>, p: Params) -> ApiResult {
    Q::new(p, &[])?;
    let s = blocking(move || {
        let Some(store) = open(&st)? else { return Ok(json!({ "documents": 0, "events": 0 })) };
        Ok(serde_json::to_value(store.stats()?).map_err(ApiError::internal)?)
    })
    .await?;
    ok(s)
}

/// Compare in time independent of where the strings differ.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Turn a body (one JSON object, an array of objects, or JSON Lines) into
/// JSON Lines.
fn to_jsonl(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| ApiError::bad(format!("body is not UTF-8: {e}")))?;
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.is_empty() {
        return Err(ApiError::bad("empty body: send a JSON document {\"id\", \"title\", \"published\", \"text\"} or JSON Lines"));
    }
    if !t.starts_with('{') && !t.starts_with('[') {
        return Err(ApiError::bad("body must be JSON: an object {\"text\": ...}, an array of them, or JSON Lines"));
    }
    match serde_json::from_str::<Value>(t) {
        Ok(Value::Array(items)) => {
            if items.is_empty() {
                return Err(ApiError::bad("empty JSON array"));
            }
            let mut out = Vec::new();
            for v in items {
                out.extend(serde_json::to_vec(&v).map_err(ApiError::internal)?);
                out.push(b'\n');
            }
            Ok(out)
        }
        Ok(v @ Value::Object(_)) => {
            let mut out = serde_json::to_vec(&v).map_err(ApiError::internal)?;
            out.push(b'\n');
            Ok(out)
        }
        Ok(_) => Err(ApiError::bad("body must be a JSON object, an array of objects, or JSON Lines")),
        Err(e) => {
            if t.starts_with('[') || !t.contains('\n') {
                return Err(ApiError::bad(format!("malformed JSON: {e}")));
            }
            Ok(t.as_bytes().to_vec()) // JSON Lines: checked line by line
        }
    }
}

pub async fn ingest(State(st): State<AppState>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> ApiResult {
    let Some(token) = st.cfg.token.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest is disabled: start `marsad serve` with --token TOKEN (or MARSAD_TOKEN) to enable it",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim);
    match given {
        None => return Err(ApiError::new(StatusCode::UNAUTHORIZED, "missing header Authorization: Bearer TOKEN")),
        Some(g) if !same(g.as_bytes(), token.as_bytes()) => {
            return Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token"));
        }
        Some(_) => {}
    }
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            let status = e.status();
            let msg = if status == StatusCode::PAYLOAD_TOO_LARGE {
                format!("request body is larger than {} MB", MAX_BODY / (1024 * 1024))
            } else {
                format!("cannot read the request body: {}", e.body_text())
            };
            return Err(ApiError::new(status, msg));
        }
    };
    let lines = to_jsonl(&body)?;
    let res = blocking(move || {
        let opts = marsad_input::InputOptions { format: Some(marsad_input::Format::Jsonl), ..Default::default() };
        let items = marsad_input::read_named("-", &lines, &opts).into_iter().map(|item| {
            item.map(|mut raw| {
                if let Some(rest) = raw.id.strip_prefix("stdin-") {
                    raw.id = format!("api-{rest}");
                }
                raw.source = Some("api".into());
                raw
            })
        });
        let _guard = st.writer.lock().unwrap_or_else(|p| p.into_inner());
        let mut store = Store::open(&st.cfg.db)?;
        store.set_pipeline(st.cfg.pipeline_name.clone());
        let mut errors: Vec<String> = Vec::new();
        let mut results = Vec::new();
        // annotation on worker threads, writes in input order, then the
        // near-duplicate links and incidents, as `marsad ingest` does
        let report = marsad_pipeline::ingest(&st.cfg.pipeline, &mut store, items, st.cfg.threads, |event, _| match event {
            IngestEvent::Stored { id, outcome } => {
                // {"id", "outcome": new|updated|unchanged|duplicate, "of": stored id for a duplicate}
                let mut r = serde_json::to_value(outcome).unwrap_or(Value::Null);
                if let Value::Object(m) = &mut r {
                    m.insert("id".into(), Value::String(id.to_string()));
                }
                results.push(r);
            }
            IngestEvent::Failed { id: Some(id), message, .. } => errors.push(format!("{id}: {message}")),
            IngestEvent::Failed { id: None, message, .. } => errors.push(message.to_string()),
        })?;
        let (c, merged) = (report.counts, report.sync);
        Ok(json!({
            "read": c.read, "new": c.new, "updated": c.updated, "unchanged": c.unchanged,
            "duplicate": c.duplicate, "failed": c.failed,
            "documents": results, "errors": errors,
            "incidents": { "new": merged.new_incidents, "merged_reports": merged.merged_reports, "near_duplicates": merged.near_duplicates },
        }))
    })
    .await?;
    let failed = res["failed"].as_u64().unwrap_or(0);
    let read = res["read"].as_u64().unwrap_or(0);
    if read == 0 && failed > 0 {
        let first = res["errors"][0].as_str().unwrap_or("no document could be read").to_string();
        return Err(ApiError::bad(format!("no document could be read: {first}")));
    }
    ok(res)
}

/// The OpenAPI description (`crates/serve/openapi.json`).
pub const OPENAPI: &str = include_str!("../openapi.json");

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub async fn not_found(uri: Uri) -> Response {
    ApiError::not_found(format!("no such endpoint: {} (see /api/openapi.json)", uri.path())).into_response()
}

pub async fn method_not_allowed(uri: Uri) -> Response {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, format!("method not allowed on {}", uri.path())).into_response()
}
