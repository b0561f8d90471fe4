//! The commands the README shows, run as a new user would: analyse the
//! bundled example, ingest the examples twice, search with clitic-attached
//! forms in the text.

mod common;
use common::*;
use serde_json::Value;

fn json_out(args: &[&str]) -> Value {
    let out = marsad(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?} prints JSON ({e})"))
}

fn result_ids(v: &Value) -> Vec<String> {
    v["results"].as_array().expect("results").iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn ingest_twice_then_search_clitic_forms() {
    let dir = std::env::temp_dir().join(format!("marsad-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("marsad.db");
    let db = db.to_str().unwrap();
    let examples = repo_root().join("examples");
    let examples = examples.to_str().unwrap();

    let first = json_out(&["ingest", "--db", db, "--json", examples]);
    assert_eq!(first["new"], 8, "{first}");
    let second = json_out(&["ingest", "--db", db, "--json", examples]);
    assert_eq!((second["new"].as_u64(), second["unchanged"].as_u64()), (Some(0), Some(8)), "{second}");
    let stats = json_out(&["stats", "--db", db, "--json"]);
    assert!(stats.to_string().contains('8'), "{stats}");

    // بغداد occurs as وبغداد (Kirkuk report) and لبغداد (Anbar report).
    let hits = json_out(&["search", "--db", db, "--json", "بغداد"]);
    let ids = result_ids(&hits);
    assert!(ids.iter().any(|i| i.ends_with("kirkuk-ambush.ar.txt")), "{ids:?}");
    assert!(ids.iter().any(|i| i.ends_with("anbar-arrests.ar.txt")), "{ids:?}");
    assert!(hits.to_string().contains("وبغداد") && hits.to_string().contains("لبغداد"), "{hits}");
    // الحكومة finds للحكومة: the Beirut report has only that form.
    let hits = json_out(&["search", "--db", db, "--json", "الحكومة"]);
    let ids = result_ids(&hits);
    assert!(ids.iter().any(|i| i.ends_with("beirut-protest.ar.txt")), "{ids:?}");
    assert!(hits.to_string().contains("للحكومة"), "{hits}");
    // And an English word finds the English report only.
    let hits = json_out(&["search", "--db", db, "--json", "market"]);
    assert_eq!(result_ids(&hits).len(), 1, "{hits}");
    let _ = std::fs::remove_dir_all(&dir);
}
