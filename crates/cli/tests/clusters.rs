//! `marsad train clusters`: deterministic on a small input, clear errors on
//! bad input, and the shipped clusters file is what the command in its
//! header writes (≈15 s of CPU; needs ../shared).

mod common;
use common::*;

fn shared_file(rel: &str) -> Option<String> {
    let p = repo_root().join("..").join("shared").join(rel);
    p.exists().then(|| p.to_str().unwrap().to_string())
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-clusters-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn train(args: &[&str], out: &std::path::Path) -> String {
    let mut a = vec!["train", "clusters"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let o = marsad(&a);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn training_twice_gives_the_same_file() {
    // a small corpus written here: people who spoke, places where things happened
    let people = ["محمد", "أحمد", "علي", "خالد", "سمير", "نبيل"];
    let places = ["تونس", "صفاقس", "سوسة", "بنزرت", "قابس", "نابل"];
    let mut lines = String::new();
    for i in 0..120 {
        let text = format!(
            "قال {} إن الوضع هادئ. ووقع الحادث في {} أمس. وأكد {} أن الأمن مستتب في {}.",
            people[i % 6],
            places[(i / 6) % 6],
            people[(i + 2) % 6],
            places[(i + 3) % 6]
        );
        lines.push_str(&serde_json::json!({"id": i.to_string(), "title": "خبر", "text": text}).to_string());
        lines.push('\n');
    }
    let corpus = tmp("small.jsonl");
    std::fs::write(&corpus, lines).unwrap();
    let c = corpus.to_str().unwrap();
    let a = train(&["--corpus", c, "--classes", "12", "--min-count", "2"], &tmp("a.txt"));
    let b = train(&["--corpus", c, "--classes", "12", "--min-count", "2"], &tmp("b.txt"));
    assert_eq!(a, b, "deterministic");
    assert!(a.lines().next().unwrap().starts_with("# Brown clusters"));
    let rows: Vec<Vec<&str>> = a.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() >= 20, "{a}");
    for r in &rows {
        assert_eq!(r.len(), 3, "word, path, count: {r:?}");
        assert!(r[1].bytes().all(|c| c == b'0' || c == b'1'), "{r:?}");
    }
    let path = |w: &str| rows.iter().find(|r| r[0] == w).map(|r| r[1].to_string()).unwrap_or_else(|| panic!("{w} in {a}"));
    // all the given names share a class apart from the places
    for p in ["محمد", "علي", "خالد"] {
        assert_eq!(path(p), path("سمير"), "{a}");
    }
    assert_ne!(path("محمد"), path("تونس"), "{a}");
    // the real corpus, a slice of it: also deterministic
    if let Some(corpus) = shared_file("corpus/ant-v1.1-jawharafm.jsonl") {
        let a = train(&["--corpus", &corpus, "--limit", "300", "--classes", "40", "--write-min", "2"], &tmp("c.txt"));
        let b = train(&["--corpus", &corpus, "--limit", "300", "--classes", "40", "--write-min", "2"], &tmp("d.txt"));
        assert_eq!(a, b);
        assert!(a.lines().count() > 1000);
    }
}

#[test]
fn bad_input_is_a_clear_error() {
    let o = marsad(&["train", "clusters", "-o", tmp("x.txt").to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--corpus"), "{}", String::from_utf8_lossy(&o.stderr));
    let bad = tmp("bad.jsonl");
    std::fs::write(&bad, "{\"text\": \"نص\"}\nnot json\n").unwrap();
    let o = marsad(&["train", "clusters", "--corpus", bad.to_str().unwrap(), "-o", tmp("y.txt").to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.jsonl:2") && !err.contains("panicked"), "{err}");
    let o = marsad(&["train", "clusters", "--corpus", "/no/such/file.jsonl", "-o", tmp("z.txt").to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

/// The command recorded in the shipped file's header.
fn shipped_command() -> (String, Vec<String>) {
    let text = std::fs::read_to_string(repo_root().join("crates/entities/data/clusters.txt")).unwrap();
    let line = text.lines().find_map(|l| l.strip_prefix("# Made by: marsad ")).expect("a 'Made by' line").to_string();
    (text, line.split_whitespace().map(String::from).collect())
}

#[test]
fn the_shipped_clusters_say_how_they_were_made() {
    let (text, args) = shipped_command();
    assert_eq!(&args[..2], ["train", "clusters"]);
    assert!(args.iter().any(|a| a.ends_with("ant-v1.1-jawharafm.jsonl")));
    let words = text.lines().filter(|l| !l.starts_with('#')).count();
    assert!((5_000..=100_000).contains(&words), "{words} words");
}

#[test]
fn full_training_reproduces_the_shipped_clusters() {
    if shared_file("corpus/ant-v1.1-jawharafm.jsonl").is_none() || shared_file("eval/anercorp/train.conll").is_none() {
        return;
    }
    let (text, mut args) = shipped_command();
    let out = tmp("full.txt");
    args.extend(["-o".to_string(), out.to_str().unwrap().to_string()]);
    // from the repository root, so the relative paths (and the header) match
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_marsad")).args(&args).current_dir(repo_root()).output().expect("run marsad");
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&out).unwrap() == text, "marsad {} reproduces crates/entities/data/clusters.txt", args.join(" "));
}
