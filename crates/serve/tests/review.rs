//! The review API in-process: tokens and roles, conflicts, several
//! analysts editing at once through HTTP (no lost revision, clear 409s),
//! history and exports.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

mod common;

use marsad_store::testing::{targets, Target};

fn setup(t: &Target, tag: &str) -> (std::path::PathBuf, String, String) {
    // a file, or a fresh schema on the PostgreSQL test server
    let db = common::test_db(t, "serve-review", tag);
    let mut store = marsad_dataset::open(&db).unwrap();
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trial-incident");
    let opts = marsad_input::InputOptions::default();
    let ann = common::annotator();
    for f in marsad_input::expand(&[dir.to_string_lossy().to_string()])
        .into_iter()
        .flatten()
    {
        for raw in marsad_input::read_file(&f, &opts).flatten() {
            store.ingest(raw.into_document(), |d| ann(d)).unwrap();
        }
    }
    marsad_dataset::sync(&mut store).unwrap();
    let a = marsad_store::review::add_reviewer(
        store.conn(),
        "amal",
        marsad_store::review::Role::Analyst,
    )
    .unwrap();
    let b = marsad_store::review::add_reviewer(
        store.conn(),
        "badr",
        marsad_store::review::Role::Adjudicator,
    )
    .unwrap();
    (db, a, b)
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut b = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let req = b
        .body(body.map_or(Body::empty(), |v| Body::from(v.to_string())))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let s = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        s,
        serde_json::from_slice(&bytes)
            .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into())),
    )
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn tokens_roles_conflicts_and_concurrent_analysts() {
    // The synchronous set-up (ingest, sync, reviewers; on PostgreSQL the
    // blocking client) runs outside the async worker, as the server's own
    // handlers run their store work in spawn_blocking.
    for t in tokio::task::block_in_place(targets) {
        eprintln!("backend: {t}");
        let (db, analyst, adjudicator) = tokio::task::block_in_place(|| setup(&t, "main"));
        let app = marsad_serve::router(common::config(&db, None));
        let (s, q) = call(&app, "GET", "/api/review/queue?limit=50", None, None).await;
        assert_eq!(s, StatusCode::OK, "{q}");
        assert!(q["total"].as_u64().unwrap() > 0, "{q}");
        let uid = q["items"][0]["uid"].as_str().unwrap().to_string();

        // nothing is written without a token; the token names the reviewer
        let edit = json!({"uid": uid, "version": 0, "action": "edit", "fields": {"injured": 9}, "reason": "wrong count"});
        let (s, v) = call(&app, "POST", "/api/review/event", None, Some(edit.clone())).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
        let (s, _) = call(
            &app,
            "POST",
            "/api/review/event",
            Some("mrsd_wrong"),
            Some(edit.clone()),
        )
        .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, me) = call(&app, "GET", "/api/review/me", Some(&analyst), None).await;
        assert_eq!(
            (s, me["name"].as_str(), me["role"].as_str()),
            (StatusCode::OK, Some("amal"), Some("analyst"))
        );
        let (s, v) = call(
            &app,
            "POST",
            "/api/review/event",
            Some(&analyst),
            Some(edit.clone()),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(
            (v["version"].as_i64(), v["status"].as_str()),
            (Some(1), Some("edited"))
        );
        // the same stale version again: 409 naming who changed it
        let (s, v) = call(
            &app,
            "POST",
            "/api/review/event",
            Some(&adjudicator),
            Some(edit),
        )
        .await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        assert_eq!(
            (
                v["conflict"]["current"].as_i64(),
                v["conflict"]["by"].as_str()
            ),
            (Some(1), Some("amal"))
        );
        assert!(v["error"].as_str().unwrap().contains("reload"), "{v}");

        // an analyst may not merge (403); a malformed body is a 400
        let inc = v["conflict"]["id"].as_str().map(|_| ()).and(Some(()));
        assert!(inc.is_some());
        let (s, _) = call(
            &app,
            "POST",
            "/api/review/merge",
            Some(&analyst),
            Some(json!({"into": 1, "from": [2], "versions": {"1": 0, "2": 0}})),
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = call(
            &app,
            "POST",
            "/api/review/event",
            Some(&analyst),
            Some(json!("nope")),
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);

        // 6 analysts at once on one event, each retrying on 409 until 4 edits landed
        let mut tasks = Vec::new();
        for t in 0..6 {
            let (app, uid, tok) = (app.clone(), uid.clone(), analyst.clone());
            tasks.push(tokio::spawn(async move {
                let (mut ok, mut conflicts) = (0, 0);
                while ok < 4 {
                    let (_, st) = call(&app, "GET", &format!("/api/review/event?uid={}", enc(&uid)), None, None).await;
                    let v = st["version"].as_i64().unwrap();
                    let body = json!({"uid": uid, "version": v, "action": "edit", "fields": {"injured": t * 10 + ok}, "reason": "wrong count"});
                    match call(&app, "POST", "/api/review/event", Some(&tok), Some(body)).await {
                        (StatusCode::OK, _) => ok += 1,
                        (StatusCode::CONFLICT, _) => conflicts += 1,
                        (s, v) => panic!("{s} {v}"),
                    }
                }
                conflicts
            }));
        }
        let mut conflicts = 0;
        for t in tasks {
            conflicts += t.await.unwrap();
        }
        let (_, h) = call(
            &app,
            "GET",
            &format!(
                "/api/review/history?target=event&id={}&limit=100",
                enc(&uid)
            ),
            None,
            None,
        )
        .await;
        assert_eq!(
            h["total"].as_u64(),
            Some(25),
            "1 + 6 x 4 revisions, none lost ({conflicts} conflicts)"
        );
        let mut versions: Vec<i64> = h["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["version"].as_i64().unwrap())
            .collect();
        versions.sort();
        assert_eq!(versions, (1..=25).collect::<Vec<_>>());

        // exports: review status column, gold lines with offsets
        let res = app
            .clone()
            .oneshot(
                Request::get("/api/review/export?format=csv")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        let csv = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec())
            .unwrap();
        assert!(
            csv.lines().next().unwrap().ends_with("review_status"),
            "{csv}"
        );
        let res = app
            .clone()
            .oneshot(
                Request::get("/api/review/export?format=gold")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        let gold = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec())
            .unwrap();
        let g: Value = serde_json::from_str(gold.lines().next().unwrap()).unwrap();
        assert_eq!(g["events"][0]["uid"].as_str(), Some(uid.as_str()));
        let (s, ag) = call(&app, "GET", "/api/review/agreement", None, None).await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            ag["periods"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["period"] == "all" && p["agreement"]["injured"] == json!(0.0)),
            "{ag}"
        );
    }
}
