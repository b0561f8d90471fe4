//! The HTTP API in-process (tower `oneshot`), over a temporary database
//! holding the bundled examples and an article with HTML in its text, on
//! each back end (SQLite; PostgreSQL when `MARSAD_TEST_PG` is set). The
//! tests run on a multi-threaded runtime: their synchronous set-up (ingest,
//! on PostgreSQL the blocking client) runs in `block_in_place`, as the
//! server's own handlers run their store work in `spawn_blocking`.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use marsad_core::Document;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::OnceLock;
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789";

pub const INJECTION: &str = "قال مسؤول إن <script>window.__pwned = 1</script> مسلحين هاجموا حاجزاً للشرطة في الموصل <img src=x onerror=\"window.__pwned = 2\"> وقتلوا ثلاثة من عناصره يوم الأحد.";

mod common;
use common::{annotator, config};
use marsad_store::testing::{targets, Target};
use tokio::task::block_in_place;

fn temp_db(t: &Target, tag: &str) -> PathBuf {
    block_in_place(|| common::test_db(t, "serve-test", tag))
}

/// The back ends to run on (connecting to the PostgreSQL test server is
/// blocking work).
fn backends() -> Vec<Target> {
    block_in_place(targets)
}

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// A database with the bundled examples and the injection article, built
/// once per back end.
fn shared_dbs() -> &'static [(Target, PathBuf)] {
    static DBS: OnceLock<Vec<(Target, PathBuf)>> = OnceLock::new();
    block_in_place(|| DBS.get_or_init(|| targets().into_iter().map(|t| {
        let db = shared_db(&t);
        (t, db)
    }).collect()))
}

fn shared_db(t: &Target) -> PathBuf {
    {
        let db = temp_db(t, "shared");
        let mut store = marsad_store::Store::open(&db).unwrap();
        let ann = annotator();
        let paths = vec![examples_dir().to_string_lossy().to_string()];
        let opts = marsad_input::InputOptions::default();
        for f in marsad_input::expand(&paths).into_iter().flatten() {
            for raw in marsad_input::read_file(&f, &opts).flatten() {
                store.ingest(raw.into_document(), |d| ann(d)).unwrap();
            }
        }
        let mut inj = Document::new("injection", INJECTION);
        inj.title = Some("<b>bold</b> title".into());
        inj.published = Some("2023-06-04".into());
        store.ingest(inj, |d| ann(d)).unwrap();
        store.commit().unwrap();
        marsad_dataset::sync(&mut store).unwrap();
        db
    }
}

fn app(db: &PathBuf, token: Option<&str>) -> Router {
    marsad_serve::router(config(db, token))
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, Value, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let ct = res.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v = if ct.starts_with("application/json") { serde_json::from_slice(&bytes).unwrap_or(Value::Null) } else { Value::Null };
    (status, v, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (s, v, _) = call(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    (s, v)
}

fn post(uri: &str, token: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(body.into()).unwrap()
}

fn assert_error(s: StatusCode, v: &Value, want: StatusCode, needle: &str) {
    assert_eq!(s, want, "{v}");
    let msg = v["error"].as_str().unwrap_or_else(|| panic!("no error message in {v}"));
    assert!(msg.contains(needle), "error {msg:?} should mention {needle:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_list_and_filters() {
    for (t, db) in shared_dbs() {
        eprintln!("backend: {t}");
        let app = app(db, None);
        let (s, v) = get(&app, "/api/events").await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let total = v["total"].as_u64().unwrap();
        let evs = v["events"].as_array().unwrap();
        assert!(total >= 5, "the examples hold several events, got {total}");
        assert_eq!(evs.len() as u64, total.min(100));
        assert!(evs.iter().any(|e| e["lat"].is_number() && e["lon"].is_number()), "some events are geocoded");
        // type filter
        let (s, v) = get(&app, "/api/events?type=ASSAULT").await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let a = v["events"].as_array().unwrap();
        assert!(!a.is_empty());
        assert!(a.iter().all(|e| e["type"] == "ASSAULT"));
        // bbox around Iraq keeps Iraqi events only, one in the Pacific nothing
        let (_, v) = get(&app, "/api/events?bbox=38,29,49,38").await;
        for e in v["events"].as_array().unwrap() {
            let (lon, lat) = (e["lon"].as_f64().unwrap(), e["lat"].as_f64().unwrap());
            assert!((38.0..=49.0).contains(&lon) && (29.0..=38.0).contains(&lat));
        }
        assert!(v["total"].as_u64().unwrap() > 0);
        let (_, v) = get(&app, "/api/events?bbox=-170,-10,-160,0").await;
        assert_eq!(v["total"], 0);
        // fatalities
        let (_, v) = get(&app, "/api/events?min_fatalities=3").await;
        assert!(v["events"].as_array().unwrap().iter().all(|e| e["fatalities"].as_u64().unwrap() >= 3));
        assert!(v["total"].as_u64().unwrap() < total);
        // paging
        let (_, p1) = get(&app, "/api/events?limit=2&offset=0").await;
        let (_, p2) = get(&app, "/api/events?limit=2&offset=2").await;
        assert_eq!(p1["events"].as_array().unwrap().len(), 2);
        assert_ne!(p1["events"][0]["id"], p2["events"][0]["id"]);
        // date range
        let (_, v) = get(&app, "/api/events?from=2100-01-01").await;
        assert_eq!(v["total"], 0);
        let (_, v) = get(&app, "/api/events?from=1990&to=2100-12").await;
        assert!(v["total"].as_u64().unwrap() > 0);
        // text: Kirkuk article only
        let (_, v) = get(&app, "/api/events?q=%D9%83%D8%B1%D9%83%D9%88%D9%83").await; // كركوك
        let evs = v["events"].as_array().unwrap();
        assert!(!evs.is_empty());
        assert!(evs.iter().all(|e| e["documents"][0].as_str().unwrap().contains("kirkuk")), "{v}");
        // country
        let (_, v) = get(&app, "/api/events?country=IRQ").await;
        assert!(v["events"].as_array().unwrap().iter().all(|e| e["country"] == "IRQ"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_queries_are_4xx_json() {
    for (t, db) in shared_dbs() {
        eprintln!("backend: {t}");
        let app = app(db, None);
        for (uri, needle) in [
            ("/api/events?limit=0", "limit"),
            ("/api/events?limit=501", "limit"),
            ("/api/events?limit=abc", "limit"),
            ("/api/events?offset=-1", "offset"),
            ("/api/events?bbox=1,2,3", "bbox"),
            ("/api/events?bbox=a,b,c,d", "bbox"),
            ("/api/events?bbox=10,10,0,0", "bbox"),
            ("/api/events?bbox=0,0,200,10", "bbox"),
            ("/api/events?min_fatalities=-3", "min_fatalities"),
            ("/api/events?from=yesterday", "from"),
            ("/api/events?from=2023-13", "from"),
            ("/api/events?to=2023-02-30", "to"),
            ("/api/events?from=2023-05-01&to=2023-01-01", "after"),
            ("/api/events?contry=IRQ", "unknown parameter"),
            ("/api/documents?lang=xx", "lang"),
            ("/api/actors?limit=100000", "limit"),
            ("/api/search", "q is required"),
            ("/api/search?q=x&limit=0", "limit"),
            ("/api/stats?x=1", "no parameters"),
            ("/api/incidents/not-an-id", "malformed incident id"),
            ("/api/incidents/-4", "malformed incident id"),
        ] {
            let (s, v) = get(&app, uri).await;
            assert_error(s, &v, StatusCode::BAD_REQUEST, needle);
        }
        for uri in ["/api/incidents/99999", "/api/documents/nope", "/api/actors/NOPE", "/api/nothing-here", "/assets/nope.js"] {
            let (s, v) = get(&app, uri).await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
            assert!(v["error"].is_string(), "{uri}: {v}");
        }
        let (s, v, _) = call(&app, Request::delete("/api/events").body(Body::empty()).unwrap()).await;
        assert_error(s, &v, StatusCode::METHOD_NOT_ALLOWED, "method");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_documents_actors_search_stats() {
    for (t, db) in shared_dbs() {
        eprintln!("backend: {t}");
        let app = app(db, None);
        let (_, v) = get(&app, "/api/events?limit=500").await;
        let mut seen = 0;
        for e in v["events"].as_array().unwrap() {
            let id = e["id"].as_i64().unwrap();
            let (s, inc) = get(&app, &format!("/api/incidents/{id}")).await;
            assert_eq!(s, StatusCode::OK);
            let reps = inc["reports"].as_array().unwrap();
            assert_eq!(reps.len() as i64, inc["n_reports"].as_i64().unwrap());
            assert!(!reps.is_empty());
            for r in reps {
                // the sentence and trigger spans are exact slices of the document text
                let did = r["doc"].as_str().unwrap();
                let (s, doc) = get(&app, &format!("/api/documents/{}", urlenc(did))).await;
                assert_eq!(s, StatusCode::OK, "{did}");
                let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
                for k in ["sentence", "trigger"] {
                    let (a, b) = (r[k]["start"].as_u64().unwrap() as usize, r[k]["end"].as_u64().unwrap() as usize);
                    assert_eq!(text[a..b].iter().collect::<String>(), r[k]["text"].as_str().unwrap());
                }
                seen += 1;
            }
        }
        assert!(seen >= 5);
        let (s, v) = get(&app, "/api/documents?limit=3").await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["documents"].as_array().unwrap().len(), 3);
        assert!(v["total"].as_u64().unwrap() >= 8);
        let (_, v) = get(&app, "/api/documents/injection").await;
        assert_eq!(v["text"], INJECTION);
        assert!(v["sentences"].as_array().is_some_and(|s| !s.is_empty()));
        // actors
        let (s, v) = get(&app, "/api/actors?limit=50").await;
        assert_eq!(s, StatusCode::OK);
        let actors = v["actors"].as_array().unwrap();
        assert!(!actors.is_empty());
        let id = actors[0]["id"].as_str().unwrap();
        let (s, a) = get(&app, &format!("/api/actors/{}", urlenc(id))).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(a["id"], id);
        assert!(a["aliases"].is_array() && a["relations"].is_array() && a["incidents"].is_array());
        // search
        let (s, v) = get(&app, "/api/search?q=%D9%83%D8%B1%D9%83%D9%88%D9%83").await;
        assert_eq!(s, StatusCode::OK);
        assert!(v["total"].as_u64().unwrap() >= 1);
        // stats
        let (s, v) = get(&app, "/api/stats").await;
        assert_eq!(s, StatusCode::OK);
        assert!(v["documents"].as_u64().unwrap() >= 8);
        assert!(v["events"].as_u64().unwrap() >= 5);
    }
}

fn urlenc(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_needs_a_token_and_checks_bodies() {
    for t in backends() {
        eprintln!("backend: {t}");
        let db = temp_db(&t, "ingest");
        let doc = json!({"id": "t1", "title": "Mosul", "published": "2023-05-02", "text": "Gunmen killed three policemen in Mosul on Sunday."});
        // no token configured: disabled
        let off = app(&db, None);
        let (s, v, _) = call(&off, post("/api/ingest", Some(TOKEN), doc.to_string())).await;
        assert_error(s, &v, StatusCode::FORBIDDEN, "disabled");
        let on = app(&db, Some(TOKEN));
        let (s, v, _) = call(&on, post("/api/ingest", None, doc.to_string())).await;
        assert_error(s, &v, StatusCode::UNAUTHORIZED, "Authorization");
        let (s, v, _) = call(&on, post("/api/ingest", Some("wrong-token-0123456789"), doc.to_string())).await;
        assert_error(s, &v, StatusCode::UNAUTHORIZED, "wrong token");
        // good: one object, then the same again (unchanged), then JSON Lines
        let (s, v, _) = call(&on, post("/api/ingest", Some(TOKEN), doc.to_string())).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!((v["read"].as_u64(), v["new"].as_u64()), (Some(1), Some(1)));
        assert_eq!(v["documents"][0], json!({"id": "t1", "outcome": "new"}));
        let (_, v, _) = call(&on, post("/api/ingest", Some(TOKEN), doc.to_string())).await;
        assert_eq!(v["unchanged"], 1);
        let lines = "{\"id\":\"t2\",\"text\":\"Protesters gathered in Basra on Monday.\"}\n{\"text\":\"\u{0642}\u{062a}\u{0644} \u{062b}\u{0644}\u{0627}\u{062b}\u{0629}.\"}\n{\"nope\":1}\n";
        let (s, v, _) = call(&on, post("/api/ingest", Some(TOKEN), lines)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!((v["new"].as_u64(), v["failed"].as_u64()), (Some(2), Some(1)), "{v}");
        assert!(v["errors"][0].as_str().unwrap().contains("text"));
        let (_, d) = get(&on, "/api/documents/t1").await;
        assert!(d["events"].as_array().is_some_and(|e| !e.is_empty()), "the pipeline ran: {d}");
        let (_, st) = get(&on, "/api/stats").await;
        assert_eq!(st["documents"], 3);
        let (_, ev) = get(&on, "/api/events").await;
        assert!(ev["events"].as_array().unwrap().iter().any(|e| e["documents"][0] == "t1"), "posted documents are merged into incidents: {ev}");
        // malformed bodies
        for (body, needle) in [
            ("", "empty body"),
            ("   ", "empty body"),
            ("{\"text\": ", "malformed JSON"),
            ("[1, 2", "malformed JSON"),
            ("hello", "must be JSON"),
            ("[]", "empty JSON array"),
            ("42", "must be JSON"),
            ("{\"title\": \"no text\"}", "text"),
            ("{\"text\": 5}", "not a string"),
        ] {
            let (s, v, _) = call(&on, post("/api/ingest", Some(TOKEN), body)).await;
            assert_error(s, &v, StatusCode::BAD_REQUEST, needle);
        }
        let (s, v, _) = call(&on, post("/api/ingest", Some(TOKEN), vec![0xffu8, 0xfe, 0x00])).await;
        assert_error(s, &v, StatusCode::BAD_REQUEST, "UTF-8");
        // a body over the limit
        let huge = format!("{{\"text\": \"{}\"}}", "a".repeat(marsad_serve::MAX_BODY + 10));
        let (s, v, _) = call(&on, post("/api/ingest", Some(TOKEN), huge)).await;
        assert_error(s, &v, StatusCode::PAYLOAD_TOO_LARGE, "larger than");
        // GET on ingest is not allowed
        let (s, _) = get(&on, "/api/ingest").await;
        assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
        // the server still answers
        let (s, _) = get(&on, "/api/events").await;
        assert_eq!(s, StatusCode::OK);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_database_reads_as_empty() {
    for t in backends() {
        eprintln!("backend: {t}");
        let db = temp_db(&t, "missing");
        let app = app(&db, None);
        let (s, v) = get(&app, "/api/events").await;
        assert_eq!((s, v["total"].as_u64()), (StatusCode::OK, Some(0)));
        let (s, _) = get(&app, "/api/documents/x").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(block_in_place(|| nothing_created(&db)), "reading must not create the database");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_lists_every_route() {
    for (t, db) in shared_dbs() {
        eprintln!("backend: {t}");
        let app = app(db, None);
        let (s, spec) = get(&app, "/api/openapi.json").await;
        assert_eq!(s, StatusCode::OK);
        assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
        let paths = spec["paths"].as_object().unwrap();
        for (method, path) in marsad_serve::API_ROUTES {
            let item = paths.get(*path).unwrap_or_else(|| panic!("{path} missing from openapi.json"));
            assert!(item.get(method.to_ascii_lowercase()).is_some(), "{method} {path} missing from openapi.json");
            // and the route exists: not the "no such endpoint" fallback
            let uri = path.replace("{id}", "x");
            let (s, v, _) = call(&app, Request::builder().method(*method).uri(&uri).body(Body::empty()).unwrap()).await;
            let msg = v["error"].as_str().unwrap_or("");
            assert!(!msg.contains("no such endpoint"), "{method} {uri}: {s} {msg}");
        }
        let unique: std::collections::BTreeSet<&str> = marsad_serve::API_ROUTES.iter().map(|r| r.1).collect();
        assert_eq!(paths.len(), unique.len(), "openapi.json lists routes the server does not have");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_is_embedded() {
    for (t, db) in shared_dbs() {
        eprintln!("backend: {t}");
        let app = app(db, None);
        let res = app.clone().oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let csp = res.headers().get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap().to_string();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        let html = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
        assert!(html.contains("/assets/app.js") && html.contains("id=\"map\""));
        for a in ["/assets/app.js", "/assets/style.css", "/assets/world.json"] {
            let (s, _, body) = call(&app, Request::get(a).body(Body::empty()).unwrap()).await;
            assert_eq!(s, StatusCode::OK, "{a}");
            assert!(body.len() > 1000, "{a}");
        }
        let (_, w) = get(&app, "/assets/world.json").await;
        assert!(w["countries"].as_array().unwrap().len() > 150);
        // the script never writes markup from data
        for script in ["/assets/app.js", "/assets/review.js"] {
            let (s, _, js) = call(&app, Request::get(script).body(Body::empty()).unwrap()).await;
            assert_eq!(s, StatusCode::OK, "{script}");
            for bad in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
                assert!(!js.contains(bad), "{script} uses {bad}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_reads_during_ingest() {
    for t in backends() {
        eprintln!("backend: {t}");
        let db = temp_db(&t, "concurrent");
        let app = app(&db, Some(TOKEN));
        let body: String = (0..30)
            .map(|i| json!({"id": format!("c{i}"), "text": format!("Gunmen attacked a checkpoint in Mosul on Sunday, killing {i} soldiers.")}).to_string() + "\n")
            .collect();
        let writer = {
            let app = app.clone();
            tokio::spawn(async move { call(&app, post("/api/ingest", Some(TOKEN), body)).await })
        };
        let mut readers = Vec::new();
        for _ in 0..20 {
            let app = app.clone();
            readers.push(tokio::spawn(async move { get(&app, "/api/events?limit=5").await }));
            tokio::task::yield_now().await;
        }
        for r in readers {
            let (s, v) = r.await.unwrap();
            assert_eq!(s, StatusCode::OK, "{v}");
        }
        let (s, v, _) = writer.await.unwrap();
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["new"], 30);
    }
}

/// Store `text` as document `rel` and a relation between its first two
/// actors, as the actors stage would write it; their ids.
fn relate_two_actors(db: &PathBuf, text: &str) -> Vec<String> {
    let mut store = marsad_store::Store::open(db).unwrap();
    let ann = annotator();
    store.ingest(Document::new("rel", text), |d| ann(d)).unwrap();
    store.commit().unwrap();
    let c = store.conn();
    let ids: Vec<String> = c
        .prepare("SELECT actor_id FROM actors ORDER BY actor_id LIMIT 2")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "two actors in the sentence");
    c.execute(
        "INSERT INTO actor_relations(doc, actor_id, relation, target, evidence_start, evidence_end)
         VALUES ((SELECT pk FROM documents WHERE id = 'rel'), ?1, 'allied_with', ?2, 0, 17)",
        [&ids[0], &ids[1]],
    )
    .unwrap();
    ids
}

/// Nothing was created at `db`: no file (SQLite), no marsad table in the
/// test schema (PostgreSQL).
fn nothing_created(db: &PathBuf) -> bool {
    let loc = db.to_string_lossy();
    if !marsad_store::db::is_pg_url(&loc) {
        return !db.exists();
    }
    let c = marsad_store::db::Connection::connect_pg(&loc).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema()",
            [],
            |r| r.get(0),
        )
        .unwrap();
    n == 0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actor_relations_in_both_directions() {
    for t in backends() {
        eprintln!("backend: {t}");
        let db = temp_db(&t, "relations");
        {
            let text = "قال الجيش العراقي إن مسلحين من تنظيم داعش هاجموا حاجزاً في كركوك.";
            let ids = block_in_place(|| relate_two_actors(&db, text));
            let app = app(&db, None);
            for (me, other, rel) in [(&ids[0], &ids[1], "allied_with"), (&ids[1], &ids[0], "of:allied_with")] {
                let (s, a) = get(&app, &format!("/api/actors/{}", urlenc(me))).await;
                assert_eq!(s, StatusCode::OK);
                let rels = a["relations"].as_array().unwrap();
                assert_eq!(rels.len(), 1, "{a}");
                assert_eq!(rels[0]["relation"], rel);
                assert_eq!(rels[0]["target"], other.as_str());
                assert_eq!(rels[0]["evidence"]["text"], text.chars().take(17).collect::<String>());
                assert_eq!(rels[0]["doc"], "rel");
            }
            // q finds actors by alias; paging is honoured
            let (_, all) = get(&app, "/api/actors?limit=1").await;
            assert_eq!(all["actors"].as_array().unwrap().len(), 1);
            assert!(all["total"].as_u64().unwrap() >= 2);
            let (_, found) = get(&app, "/api/actors?q=%D8%AF%D8%A7%D8%B9%D8%B4").await; // داعش
            assert!(found["actors"].as_array().unwrap().iter().any(|a| a["id"] == "kb:isis"), "{found}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posted_reports_of_one_attack_merge_into_one_incident() {
    for t in backends() {
        eprintln!("backend: {t}");
        let db = temp_db(&t, "merge");
        let app = app(&db, Some(TOKEN));
        let body = [
            json!({"id": "m1", "published": "2023-05-02", "text": "Gunmen killed three policemen at a checkpoint in Mosul on Sunday, a security source said."}),
            json!({"id": "m2", "published": "2023-05-02", "text": "Three police officers were killed when gunmen attacked a checkpoint in Mosul on Sunday, officials said."}),
            json!({"id": "m3", "published": "2023-05-02", "text": "قتل ثلاثة من عناصر الشرطة بهجوم مسلح على حاجز في الموصل يوم الأحد."}),
        ]
        .iter()
        .map(|d| d.to_string() + "\n")
        .collect::<String>();
        let (s, v, _) = call(&app, post("/api/ingest", Some(TOKEN), body.clone())).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["new"], 3);
        let (_, ev) = get(&app, "/api/events").await;
        let best = ev["events"].as_array().unwrap().iter().map(|e| e["n_documents"].as_i64().unwrap()).max().unwrap();
        assert!(best >= 2, "reports of one attack in several documents are one incident: {ev}");
        // posting the same again changes nothing
        let (_, v, _) = call(&app, post("/api/ingest", Some(TOKEN), body)).await;
        assert_eq!(v["unchanged"], 3);
        let (_, ev2) = get(&app, "/api/events").await;
        assert_eq!(ev["total"], ev2["total"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catch_up_merges_a_database_written_without_incidents() {
    for t in backends() {
        eprintln!("backend: {t}");
        let db = temp_db(&t, "catchup");
        block_in_place(|| {
            let mut store = marsad_store::Store::open(&db).unwrap();
            let ann = annotator();
            let d = Document::new("c1", "Gunmen killed three policemen at a checkpoint in Mosul on Sunday.");
            store.ingest(d, |d| ann(d)).unwrap();
            store.commit().unwrap();
        });
        let app = app(&db, None);
        let (_, before) = get(&app, "/api/events").await;
        assert_eq!(before["total"], 0, "no incidents before merging");
        let stats = block_in_place(|| marsad_serve::catch_up(&db)).unwrap().expect("the database exists");
        assert!(stats.new_incidents >= 1);
        let (_, after) = get(&app, "/api/events").await;
        assert!(after["total"].as_u64().unwrap() >= 1, "{after}");
        let none = temp_db(&t, "none");
        assert!(block_in_place(|| marsad_serve::catch_up(&none)).unwrap().is_none());
        assert!(block_in_place(|| nothing_created(&none)), "catching up a missing database creates nothing");
    }
}
