//! Bad input: every broken file gets an error naming it (and the line), the
//! good documents are still printed, the exit status is 1, nothing panics.

mod common;
use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::File::create(dir.join(name)).unwrap().write_all(bytes).unwrap();
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn mixed_directory_with_broken_files() {
    let d = tmpdir("mixed");
    write(&d, "a-good.txt", "انفجار في بغداد\n\nقُتل ثلاثة أشخاص في انفجار وسط بغداد.".as_bytes());
    write(&d, "b-bad-utf8.txt", b"first line is fine\nsecond \xC3\x28 line is not\n");
    write(&d, "c-binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    write(&d, "d-empty.txt", b"");
    // 50 MB on a single line, no newline at all.
    let big = "كلمة ".repeat(50 * 1024 * 1024 / 9);
    write(&d, "e-big.txt", big.as_bytes());
    write(
        &d,
        "f-soup.html",
        b"<html><head><title>Soup</title><script>document.write('<p>NOT TEXT</p>')</script></head>\n<body><div><P>Protesters gathered <b>in <i>Beirut</b> on Sunday.</i><p>Police <span>arrested</div> five people.<table><tr><td>cell</table></html",
    );
    write(
        &d,
        "g-broken.jsonl",
        b"{\"id\": \"ok-1\", \"text\": \"Clashes in Mosul.\"}\n{\"id\": \"broken\", \"text\": \"unterminated\n{\"id\": \"ok-3\", \"text\": \"Arrests in Anbar.\"}\n",
    );
    let out = marsad(&["extract", d.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "exit 1 when anything failed; stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let docs = stdout_docs(&out);
    let ids: Vec<&str> = docs.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(ids[0].ends_with("a-good.txt"));
    assert!(ids[1].ends_with("f-soup.html"));
    assert_eq!(&ids[2..], ["ok-1", "ok-3"]);
    let schema = schema();
    for doc in &docs {
        check_doc(&schema, doc);
    }
    let soup = docs[1]["text"].as_str().unwrap();
    assert!(soup.contains("Protesters gathered in Beirut on Sunday.") && soup.contains("five people"), "{soup}");
    assert!(!soup.contains("NOT TEXT"));
    assert_eq!(docs[1]["title"], "Soup");

    let line_with = |needle: &str| stderr.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no error for {needle}:\n{stderr}")).to_string();
    assert!(line_with("b-bad-utf8.txt").contains("b-bad-utf8.txt:2: invalid UTF-8"));
    assert!(line_with("c-binary.bin").contains("binary"));
    assert!(line_with("d-empty.txt").contains("empty"));
    assert!(line_with("e-big.txt").contains("limit"));
    assert!(line_with("g-broken.jsonl").contains("g-broken.jsonl:2: invalid JSON"));
    assert!(stderr.contains("4 documents from 7 files") && stderr.contains("5 errors"), "summary:\n{stderr}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn missing_path_and_empty_stdin() {
    let out = marsad(&["extract", "/nonexistent/marsad/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/marsad/file.txt: no such file"));
    let out = marsad_stdin(&["extract", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-: empty file"));
    assert!(out.stdout.is_empty());
}

#[test]
fn odd_unicode_does_not_break_spans() {
    // Combining marks, tatweel, emoji, RTL marks, lone surrogates are
    // impossible in UTF-8, but astral-plane characters and ZWJ are not.
    let text = "\u{200F}قُتِلَ ٣ في بـغـداد 👩‍👩‍👧 yesterday.\u{FEFF} الحكومة؟! 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\n\n\u{0000}";
    let out = marsad_stdin(&["extract", "--tokens", "--input-format", "text", "-"], Some(text.as_bytes()));
    // The NUL byte makes this a binary input: an error, not a panic.
    assert_eq!(out.status.code(), Some(1));
    let clean = text.trim_end_matches('\u{0000}');
    let out = marsad_stdin(&["extract", "--tokens", "-"], Some(clean.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = stdout_docs(&out);
    check_doc(&schema(), &docs[0]);
}

#[test]
fn analyze_bad_file_fails_cleanly() {
    let d = tmpdir("analyze");
    write(&d, "x.txt", b"\x80\x81abc");
    let out = marsad(&["analyze", d.join("x.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("x.txt") && !stderr.contains("panicked"), "{stderr}");
    let _ = std::fs::remove_dir_all(&d);
}
