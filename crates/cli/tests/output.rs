//! The output contract: real `marsad extract` / `analyze` output validated
//! against docs/schema/document.schema.json, and every span checked against
//! the text (Python-style code-point slicing).

mod common;
use common::*;
use serde_json::{json, Value};

#[test]
fn bundled_examples_follow_the_schema_and_spans() {
    let out = marsad(&["extract", "--tokens"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let docs = stdout_docs(&out);
    assert_eq!(docs.len(), 8, "6 example files, one of them with 3 JSON lines");
    let schema = schema();
    for d in &docs {
        check_doc(&schema, d);
        assert!(!d["tokens"].as_array().unwrap().is_empty(), "--tokens gives tokens");
        assert!(!d["sentences"].as_array().unwrap().is_empty());
    }
    let mut ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), docs.len(), "ids are unique");
    let kirkuk = docs.iter().find(|d| d["id"] == "examples/kirkuk-ambush.ar.txt").expect("kirkuk example");
    assert_eq!(kirkuk["lang"], "ar");
    assert_eq!(kirkuk["published"], "2023-03-15");
    let wire = docs.iter().find(|d| d["id"] == "wire-2023-05-02-basra").expect("JSONL id kept");
    assert_eq!(wire["published"], "2023-05-02");
    let html = docs.iter().find(|d| d["id"] == "examples/deir-ezzor-drone.ar.html").expect("html example");
    let text = html["text"].as_str().unwrap();
    assert!(text.contains("الشحيل") && !text.contains("dataLayer") && !text.contains("أسعار الذهب"), "{text}");
    assert_eq!(html["published"], "2023-09-10");
    let en = docs.iter().find(|d| d["id"] == "examples/baghdad-car-bomb.en.txt").unwrap();
    assert_eq!(en["lang"], "en");
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("8 documents"), "summary line: {summary}");
}

#[test]
fn without_tokens_flag_there_are_no_tokens() {
    let out = marsad(&["extract", "--quiet"]);
    for d in stdout_docs(&out) {
        assert!(d.get("tokens").is_none());
    }
    assert!(out.stderr.is_empty(), "--quiet prints nothing on success");
}

#[test]
fn reference_article_follows_the_schema_and_spans() {
    let Some(p) = shared_article() else {
        eprintln!("shared/examples/white-flags.ar.txt absent; skipped");
        return;
    };
    let out = marsad(&["extract", "--tokens", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let docs = stdout_docs(&out);
    assert_eq!(docs.len(), 1);
    check_doc(&schema(), &docs[0]);
    assert_eq!(docs[0]["lang"], "ar");
    assert!(docs[0]["sentences"].as_array().unwrap().len() >= 10);
    assert!(docs[0]["title"].as_str().unwrap().contains("الأعلام البيضاء"));
}

#[test]
fn directory_input_matches_bundled_examples() {
    let dir = repo_root().join("examples");
    let out = marsad(&["extract", "--quiet", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let docs = stdout_docs(&out);
    assert_eq!(docs.len(), 8);
    let bundled = stdout_docs(&marsad(&["extract", "--quiet"]));
    let texts = |ds: &[Value]| {
        let mut t: Vec<String> = ds.iter().map(|d| d["text"].as_str().unwrap().to_string()).collect();
        t.sort();
        t
    };
    assert_eq!(texts(&docs), texts(&bundled));
}

#[test]
fn stdin_jsonl_with_custom_fields() {
    let input = "{\"uid\": \"a-1\", \"body\": \"انفجار في بغداد أمس.\", \"when\": \"Tue, 02 May 2023 10:00:00 GMT\"}\n{\"body\": \"Protest in Beirut.\"}\n";
    let out = marsad_stdin(
        &["extract", "--quiet", "--text-field", "body", "--id-field", "uid", "--date-field", "when", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let docs = stdout_docs(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "a-1");
    assert_eq!(docs[0]["published"], "2023-05-02");
    assert!(docs[1]["id"].as_str().unwrap().starts_with("stdin-"), "content-hash id");
    let again = stdout_docs(&marsad_stdin(&["extract", "--quiet", "--text-field", "body", "-"], Some(input.as_bytes())));
    assert_eq!(docs[1]["id"], again[1]["id"], "stable id");
    let schema = schema();
    for d in &docs {
        check_doc(&schema, d);
    }
}

#[test]
fn input_format_override() {
    let out = marsad_stdin(&["extract", "--quiet", "--input-format", "text", "-"], Some(b"<p>kept as text</p>"));
    assert_eq!(stdout_docs(&out)[0]["text"], "<p>kept as text</p>");
    let out = marsad_stdin(&["extract", "--quiet", "-"], Some(b"<p>stripped</p>"));
    assert_eq!(stdout_docs(&out)[0]["text"], "stripped");
    let out = marsad(&["extract", "--input-format", "pdf"]);
    assert_eq!(out.status.code(), Some(2), "clap rejects an unknown format");
}

#[test]
fn pretty_output_is_json() {
    let out = marsad(&["extract", "--quiet", "--pretty"]);
    let s = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<Value> = serde_json::Deserializer::from_str(&s).into_iter::<Value>().map(Result::unwrap).collect();
    assert_eq!(docs.len(), 8);
    assert!(s.lines().count() > 8 * 10, "indented");
}

#[test]
fn analyze_report_and_json() {
    let out = marsad(&["analyze"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    for section in ["language: ar", "sentences", "Entities (", "Places (", "Dates (", "Actors (", "Events ("] {
        assert!(report.contains(section), "report lacks {section:?}:\n{report}");
    }
    assert!(report.starts_with("مقتل أربعة"), "title first:\n{report}");
    let out = marsad(&["analyze", "--json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_doc(&schema(), &doc);
    let out = marsad(&["analyze", "--example", "baghdad"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("language: en"));
    let out = marsad(&["analyze", "--example", "nonexistent"]);
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn checker_catches_contract_violations() {
    let schema = schema();
    let good = json!({
        "id": "x", "lang": "ar", "title": null, "published": "2023-03-15", "source": null,
        "text": "في بغداد", "sentences": [{"start": 0, "end": 8, "lang": "ar"}],
        "entities": [{"type": "LOC", "text": "بغداد", "start": 3, "end": 8, "sentence": 0, "confidence": 0.9, "source": "model"}],
        "places": [], "times": [], "events": [], "actors": [], "topic": {"label": "world", "score": 0.8}
    });
    check_doc(&schema, &good);
    let mut bad = good.clone();
    bad["topic"]["label"] = json!("weather");
    assert!(!schema_errors(&schema, &bad).is_empty(), "topic labels are the classifier's");
    let mut bad = good.clone();
    bad["lang"] = json!("fr");
    assert!(!schema_errors(&schema, &bad).is_empty());
    let mut bad = good.clone();
    bad.as_object_mut().unwrap().remove("events");
    assert!(!schema_errors(&schema, &bad).is_empty());
    let mut bad = good.clone();
    bad["published"] = json!("15/03/2023");
    assert!(!schema_errors(&schema, &bad).is_empty());
    let mut bad = good.clone();
    bad["entities"][0]["type"] = json!("PERSON");
    assert!(!schema_errors(&schema, &bad).is_empty());
    let mut bad = good.clone();
    bad["entities"][0]["start"] = json!(2);
    assert!(!span_errors(&bad).is_empty(), "byte-vs-char style off-by-one is caught");
    let mut bad = good.clone();
    bad["entities"][0]["end"] = json!(9);
    assert!(!span_errors(&bad).is_empty());
}
