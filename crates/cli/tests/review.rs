//! kill -9 of `marsad serve` in the middle of review writes: every write
//! the server acknowledged is in the database afterwards (with its
//! revision), the database is consistent, and the review goes on.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn marsad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
}

/// A raw HTTP/1.1 request (no client library): (status, body).
fn http(port: u16, method: &str, path: &str, token: Option<&str>, body: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let status = out.split(' ').nth(1)?.parse().ok()?;
    let body = out.split_once("\r\n\r\n").map(|x| x.1.to_string()).unwrap_or_default();
    Some((status, body))
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[test]
fn kill_9_during_review_loses_nothing_committed() {
    let dir = std::env::temp_dir().join(format!("marsad-cli-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("marsad.db");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    assert!(marsad().args(["ingest", examples, "--db"]).arg(&db).arg("-q").status().unwrap().success());
    let out = marsad().args(["review", "add-user", "amal", "--role", "analyst", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let uid = {
        let store = marsad_dataset::open(&db).unwrap();
        marsad_dataset::review_io::queue(store.conn(), 1, 0).unwrap().1[0].uid.clone()
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = marsad()
        .args(["serve", "--db"])
        .arg(&db)
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while http(port, "GET", "/api/stats", None, "").is_none() {
        assert!(t0.elapsed() < Duration::from_secs(60), "marsad serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    // acknowledged writes, then a kill -9 while more are in flight
    let mut acked: Vec<i64> = Vec::new();
    let get = format!("/api/review/event?uid={}", enc(&uid));
    while acked.len() < 25 {
        let (_, b) = http(port, "GET", &get, None, "").unwrap();
        let v = serde_json::from_str::<serde_json::Value>(&b).unwrap()["version"].as_i64().unwrap();
        let body = serde_json::json!({"uid": uid, "version": v, "action": "edit", "fields": {"injured": acked.len() + 1}, "reason": "wrong count"}).to_string();
        let (s, b) = http(port, "POST", "/api/review/event", Some(&token), &body).unwrap();
        assert_eq!(s, 200, "{b}");
        acked.push(serde_json::from_str::<serde_json::Value>(&b).unwrap()["version"].as_i64().unwrap());
    }
    let inflight: Vec<_> = (0..4)
        .map(|i| {
            let (uid, token) = (uid.clone(), token.clone());
            std::thread::spawn(move || {
                let body = serde_json::json!({"uid": uid, "version": 25 + i, "action": "edit", "fields": {"injured": 100 + i}}).to_string();
                http(port, "POST", "/api/review/event", Some(&token), &body)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(5));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let late: Vec<i64> = inflight
        .into_iter()
        .filter_map(|t| t.join().unwrap())
        .filter(|(s, _)| *s == 200)
        .map(|(_, b)| serde_json::from_str::<serde_json::Value>(&b).unwrap()["version"].as_i64().unwrap())
        .collect();

    let mut store = marsad_dataset::open(&db).unwrap();
    assert!(store.check_consistency().unwrap().is_empty());
    let c = store.conn();
    let (n, h) = marsad_store::review::history(c, Some("event"), Some(&uid), 500, 0).unwrap();
    let versions: Vec<i64> = h.iter().map(|r| r.version).collect();
    for v in acked.iter().chain(&late) {
        assert!(versions.contains(v), "acknowledged version {v} lost after kill -9 (have {versions:?})");
    }
    let st = marsad_dataset::review::event_state(c, &uid).unwrap().unwrap();
    assert_eq!(st.version as u64, n, "one revision per version: nothing half-written");
    assert!(st.version >= 25 + late.len() as i64);
    // the review goes on after the crash
    let req = marsad_dataset::review::EventRequest { uid: uid.clone(), version: st.version, action: "accept".into(), ..Default::default() };
    let who = marsad_store::review::Reviewer { name: "amal".into(), role: marsad_store::review::Role::Analyst };
    assert_eq!(marsad_dataset::review::review_event(c, &who, &req).unwrap().version, st.version + 1);
    let _ = std::fs::remove_dir_all(&dir);
}
