//! The output does not depend on the number of threads: `marsad extract`
//! with 1 and 2 threads writes the same bytes (bundled examples always; the
//! first 300 real articles of the shared corpus when it is present), and
//! `marsad ingest` with 1 and 2 threads makes the same incidents.

mod common;
use common::*;
use std::path::PathBuf;

fn extract(threads: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["extract", "--quiet", "--threads", threads];
    args.extend_from_slice(extra);
    let out = marsad(&args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stdout.is_empty());
    out.stdout
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-threads-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn bundled_examples_are_the_same_with_one_and_two_threads() {
    let one = extract("1", &[]);
    assert_eq!(one, extract("2", &[]), "extract --threads 2 differs from --threads 1");
    // a folder of several files, with tokens
    let examples = repo_root().join("examples");
    let examples = examples.to_str().unwrap();
    let one = extract("1", &["--tokens", examples]);
    assert_eq!(one, extract("2", &["--tokens", examples]));
    assert_eq!(one, extract("3", &["--tokens", examples]));
}

#[test]
fn real_articles_are_the_same_with_one_and_two_threads() {
    let corpus = repo_root().join("../shared/corpus/ant-v1.1-jawharafm.jsonl");
    let Ok(text) = std::fs::read_to_string(&corpus) else {
        eprintln!("{} absent; skipped", corpus.display());
        return;
    };
    let first: String = text.lines().take(300).flat_map(|l| [l, "\n"]).collect();
    let dir = temp_dir("corpus");
    let file = dir.join("first300.jsonl");
    std::fs::write(&file, first).unwrap();
    let file = file.to_str().unwrap();
    let one = extract("1", &[file]);
    assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 300);
    let two = extract("2", &[file]);
    assert!(one == two, "extract --threads 2 differs from --threads 1 on {file}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ingest_makes_the_same_incidents_with_one_and_two_threads() {
    let dir = temp_dir("ingest");
    let examples = repo_root().join("examples");
    let mut exports = Vec::new();
    for t in ["1", "2"] {
        let db = dir.join(format!("t{t}.db"));
        let db = db.to_str().unwrap();
        let out = marsad(&["ingest", "--quiet", "--threads", t, "--db", db, examples.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let out = marsad(&["export", "--format", "jsonl", "--db", db]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        exports.push(out.stdout);
    }
    assert!(!exports[0].is_empty());
    assert!(exports[0] == exports[1], "incidents differ between 1 and 2 ingest threads");
    let _ = std::fs::remove_dir_all(&dir);
}
