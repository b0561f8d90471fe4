use super::*;
use std::io::Write;

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-input-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
    p.to_string_lossy().to_string()
}

#[test]
fn format_from_str_and_detect() {
    assert_eq!("HTML".parse::<Format>(), Ok(Format::Html));
    assert_eq!("ndjson".parse::<Format>(), Ok(Format::Jsonl));
    assert!("pdf".parse::<Format>().is_err());
    assert_eq!(detect("a.txt", b"<html>"), Format::Text);
    assert_eq!(detect("a", b"  {\"text\": 1}"), Format::Jsonl);
    assert_eq!(detect("a", b"<?xml version='1.0'?><rss>"), Format::Rss);
    assert_eq!(detect("a", b"<!DOCTYPE html><html>"), Format::Html);
    assert_eq!(detect("a", b"Hello <b>there</b> <p>x"), Format::Html);
    assert_eq!(detect("a", "مرحبا".as_bytes()), Format::Text);
}

#[test]
fn plain_text_title_and_date() {
    let d = read_named("x/a.txt", "Headline here\n2023-03-15\n\nBody text. More.\n".as_bytes(), &InputOptions::default());
    let d = d[0].clone().unwrap();
    assert_eq!(d.title.as_deref(), Some("Headline here"));
    assert_eq!(d.published.as_deref(), Some("2023-03-15"));
    assert_eq!(d.id, "x/a.txt");
    assert!(d.text.starts_with("Headline here\n"));
    let one = read_named("b.txt", b"Just one line of text.", &InputOptions::default())[0].clone().unwrap();
    assert_eq!(one.title, None);
}

#[test]
fn jsonl_fields_ids_and_broken_line() {
    let data = b"{\"id\": \"a1\", \"text\": \"first\", \"published\": \"Wed, 15 Mar 2023 08:00:00 GMT\", \"title\": \"T\"}\n{broken\n\n{\"text\": \"third\", \"date\": \"20230102\"}\n{\"id\": 7}\n";
    let items = read_named("f.jsonl", data, &InputOptions::default());
    assert_eq!(items.len(), 4);
    let a = items[0].clone().unwrap();
    assert_eq!((a.id.as_str(), a.published.as_deref(), a.title.as_deref()), ("a1", Some("2023-03-15"), Some("T")));
    let e = items[1].clone().unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.to_string().starts_with("f.jsonl:2: invalid JSON"), "{e}");
    let c = items[2].clone().unwrap();
    assert_eq!((c.id.as_str(), c.published.as_deref()), ("f.jsonl:4", Some("2023-01-02")));
    let e = items[3].clone().unwrap_err();
    assert_eq!(e.line, Some(5));
    assert!(e.message.contains("\"text\""));
}

#[test]
fn custom_fields() {
    let opts = InputOptions {
        text_field: "body".into(),
        id_field: "uid".into(),
        date_field: Some("when".into()),
        title_field: "headline".into(),
        ..Default::default()
    };
    let items = read_named("g.ndjson", "{\"uid\": 5, \"body\": \"نص\", \"when\": \"2020-02-29\", \"headline\": \"H\"}".as_bytes(), &opts);
    let d = items[0].clone().unwrap();
    assert_eq!((d.id.as_str(), d.text.as_str(), d.published.as_deref(), d.title.as_deref()), ("5", "نص", Some("2020-02-29"), Some("H")));
}

#[test]
fn json_array_file() {
    let items = read_named("arr.json", b"[{\"text\": \"a\"}, {\"text\": \"b\", \"id\": \"x\"}]", &InputOptions::default());
    let ids: Vec<String> = items.into_iter().map(|i| i.unwrap().id).collect();
    assert_eq!(ids, vec!["arr.json#1", "x"]);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let o = InputOptions::default();
    let e = read_named("bad.txt", b"ok line\nsecond \xff\xfe line", &o)[0].clone().unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("invalid UTF-8"));
    let e = read_named("bin.dat", b"\x7fELF\x02\x01\x00\x00\x00", &o)[0].clone().unwrap_err();
    assert!(e.message.contains("binary"), "{e}");
    let e = read_named("empty.txt", b"  \n ", &o)[0].clone().unwrap_err();
    assert!(e.message.contains("empty"));
    let e = read_named("empty.jsonl", b"", &o)[0].clone().unwrap_err();
    assert!(e.message.contains("empty"));
    let e = read_named("e.html", b"<html><script>x</script></html>", &o)[0].clone().unwrap_err();
    assert!(e.message.contains("no article text"));
    // UTF-16 with BOM is decoded.
    let mut u16 = vec![0xFF, 0xFE];
    for u in "سلام".encode_utf16() {
        u16.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(read_named("u.txt", &u16, &o)[0].clone().unwrap().text, "سلام");
}

#[test]
fn too_many_errors_stop() {
    let data = "not json\n".repeat(100);
    let items = read_named("junk.jsonl", data.as_bytes(), &InputOptions::default());
    assert_eq!(items.len(), MAX_ERRORS_PER_FILE + 1);
    assert!(items.last().unwrap().clone().unwrap_err().message.contains("skipping the rest"));
}

#[test]
fn files_directories_and_limits() {
    let d = tmpdir("dirs");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    write(&d, "b.txt", b"Title\nBody.");
    write(&d, "a.jsonl", b"{\"text\": \"x\"}\n{\"text\": \"y\"}\n");
    write(&d, "sub/c.html", b"<p>Para</p>");
    write(&d, ".hidden.txt", b"secret");
    let big = vec![b'a'; MAX_DOC_BYTES + 10];
    write(&d, "sub/z-big.txt", &big);
    let mut bigline = b"{\"text\": \"".to_vec();
    bigline.extend(std::iter::repeat(b'b').take(MAX_DOC_BYTES * 2 + 10));
    bigline.extend_from_slice(b"\"}\n{\"text\": \"after\"}\n");
    write(&d, "sub/big.jsonl", &bigline);
    let root = d.to_string_lossy().to_string();
    let paths = vec![root.clone(), format!("{root}/missing.txt")];
    assert_eq!(count_inputs(&paths), 5);
    let items: Vec<Item> = read(&paths, &InputOptions::default()).collect();
    let oks: Vec<String> = items.iter().filter_map(|i| i.as_ref().ok()).map(|d| d.text.clone()).collect();
    assert_eq!(oks, vec!["x", "y", "Title\nBody.", "after", "Para"]);
    let errs: Vec<String> = items.iter().filter_map(|i| i.as_ref().err()).map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs[0].contains("big.jsonl:1:"), "{errs:?}");
    assert!(errs[1].contains("z-big.txt: document is"), "{errs:?}");
    assert!(errs[2].contains("missing.txt: no such file"), "{errs:?}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn feed_file() {
    let xml = b"<rss><channel><item><title>T1</title><link>http://a/1</link><description>Body one</description><pubDate>Tue, 02 May 2023 10:00:00 GMT</pubDate></item><item><description>Body two</description></item></channel></rss>";
    let items = read_named("news.rss", xml, &InputOptions::default());
    let a = items[0].clone().unwrap();
    assert_eq!((a.id.as_str(), a.published.as_deref(), a.source.as_deref()), ("http://a/1", Some("2023-05-02"), Some("http://a/1")));
    assert_eq!(a.text, "T1\n\nBody one");
    let b = items[1].clone().unwrap();
    assert_eq!((b.id.as_str(), b.text.as_str()), ("news.rss#2", "Body two"));
}

#[test]
fn into_document_keeps_metadata() {
    let d = RawDoc { id: "i".into(), title: Some("t".into()), published: Some("2023-01-01".into()), source: Some("s".into()), text: "في بغداد".into() }.into_document();
    assert_eq!((d.id.as_str(), d.char_len(), d.slice(3, 8)), ("i", 8, "بغداد"));
    assert_eq!(d.published.as_deref(), Some("2023-01-01"));
}

/// Random and mangled inputs in every format: errors are fine, panics are not.
#[test]
fn no_panic_on_random_input() {
    let seeds: &[&[u8]] = &[
        b"<html><body><article><p>x</p></article></body></html>",
        b"<rss><channel><item><title>t</title><description>&lt;p&gt;d</description></item></channel></rss>",
        b"{\"id\": 1, \"text\": \"t\", \"date\": \"2023-01-01\"}\n{\"text\": \"u\"}\n",
        "عنوان\n2023-03-15\n\nنص الخبر في بغداد.".as_bytes(),
        b"<feed><entry><content type=\"xhtml\"><div>a</div></content></entry></feed>",
    ];
    let mut state: u64 = 0x9E3779B97F4A7C15;
    let mut rand = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let specials: &[&[u8]] = &[b"<", b">", b"&", b"&#", b"&#x110000;", b"\"", b"{", b"}", b"\n", b"\xff", b"\xd8", "ـ".as_bytes(), b"<![CDATA[", b"]]>", b"</", b"<!--", b"\0", b"\r\n"];
    let formats = [None, Some(Format::Text), Some(Format::Html), Some(Format::Jsonl), Some(Format::Rss)];
    for round in 0..600 {
        let mut v = seeds[round % seeds.len()].to_vec();
        for _ in 0..(rand() % 12) {
            let pos = (rand() as usize) % (v.len() + 1);
            match rand() % 3 {
                0 => {
                    let s = specials[(rand() as usize) % specials.len()];
                    v.splice(pos..pos, s.iter().copied());
                }
                1 if pos < v.len() => {
                    v.remove(pos);
                }
                _ => v.truncate(pos),
            }
        }
        let opts = InputOptions { format: formats[round % formats.len()], ..Default::default() };
        for item in read_named("fuzz.x", &v, &opts) {
            if let Ok(d) = item {
                assert!(!d.text.is_empty() || d.title.is_some());
                let _ = d.into_document();
            }
        }
    }
}

#[test]
fn nested_json_fields() {
    let opts = InputOptions { text_field: "content.body".into(), id_field: "meta.id".into(), ..Default::default() };
    let items = read_named("n.jsonl", br#"{"content": {"body": "nested text"}, "meta": {"id": "m1"}}"#, &opts);
    let d = items[0].clone().unwrap();
    assert_eq!((d.id.as_str(), d.text.as_str()), ("m1", "nested text"));
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_once() {
    let d = tmpdir("loop");
    write(&d, "a.txt", b"some text");
    std::os::unix::fs::symlink(&d, d.join("again")).unwrap();
    let found = expand(&[d.to_string_lossy().to_string()]);
    assert_eq!(found.iter().filter(|f| f.is_ok()).count(), 1, "{found:?}");
    assert_eq!(found.iter().filter(|f| f.is_err()).count(), 1);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn html_in_a_declared_legacy_charset_is_decoded() {
    // "بغداد" in Windows-1256: C8 DB CF C7 CF.
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"><title>x</title></head><body><p>".to_vec();
    page.extend_from_slice(&[0xC8, 0xDB, 0xCF, 0xC7, 0xCF]);
    page.extend_from_slice(b" news.</p></body></html>");
    let d = read_named("old.html", &page, &InputOptions::default())[0].clone().unwrap();
    assert!(d.text.contains("بغداد news."), "{:?}", d.text);
    // The same bytes as plain text have no declaration: a clear error, not a guess.
    let e = read_named("old.txt", &[0xC8, 0xDB, 0xCF, 0xC7, 0xCF], &InputOptions::default())[0].clone().unwrap_err();
    assert!(e.message.contains("invalid UTF-8"), "{}", e.message);
    // A feed that declares ISO-8859-6 in its XML prolog.
    let mut feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-6\"?><rss><channel><item><title>t</title><description>".to_vec();
    feed.extend_from_slice(&[0xC8, 0xDA, 0xCF, 0xC7, 0xCF]);
    feed.extend_from_slice(b"</description></item></channel></rss>");
    let d = read_named("feed.xml", &feed, &InputOptions::default())[0].clone().unwrap();
    assert!(d.text.contains("بغداد"), "{:?}", d.text);
}

#[test]
fn the_outlet_is_the_source_when_the_input_names_it() {
    let page = "<html><head><meta property=\"og:site_name\" content=\"Al  Rafidain\"><link rel=\"canonical\" href=\"https://www.rafidain.example/a/1\"></head><body><p>نص الخبر هنا.</p></body></html>";
    let d = read_named("dl/page.html", page.as_bytes(), &InputOptions::default())[0].clone().unwrap();
    assert_eq!(d.source.as_deref(), Some("Al Rafidain"));
    let page = "<html><head><link rel=\"canonical\" href=\"https://www.rafidain.example/a/1\"></head><body><p>نص الخبر هنا.</p></body></html>";
    let d = read_named("dl/page.html", page.as_bytes(), &InputOptions::default())[0].clone().unwrap();
    assert_eq!(d.source.as_deref(), Some("rafidain.example"));
    let d = read_named("dl/page.html", b"<p>no site here.</p>", &InputOptions::default())[0].clone().unwrap();
    assert_eq!(d.source.as_deref(), Some("dl/page.html"));
    let lines = "{\"text\":\"a\",\"source\":\"Reuters\",\"url\":\"https://x.example/1\"}\n{\"text\":\"b\",\"url\":\"https://x.example/2\"}\n{\"text\":\"c\"}\n";
    let got: Vec<Option<String>> = read_named("f.jsonl", lines.as_bytes(), &InputOptions::default()).into_iter().map(|d| d.unwrap().source).collect();
    assert_eq!(got, vec![Some("Reuters".into()), Some("https://x.example/2".into()), Some("f.jsonl".into())]);
}

/// The line reader across buffer refills: lines longer than the buffer,
/// an empty and a blank line, Arabic text, a NUL byte at a known column and
/// no newline at the end (the line and NUL scans are `memchr`s).
#[test]
fn json_lines_across_small_buffers() {
    let long = "نص طويل ".repeat(40);
    // line 4 holds a JSON escape of NUL (allowed), line 5 a raw NUL byte
    let data = format!("{{\"text\": \"{long}\"}}\n\n   \n{}\n{{\"text\": \"x\0y\"}}\n{{\"text\": \"last\"}}", r#"{"text": "a\u0000b"}"#);
    for cap in [1, 2, 3, 7, 64, 8192] {
        let r: Box<dyn Read> = Box::new(std::io::Cursor::new(data.clone().into_bytes()));
        let items: Vec<Item> = JsonLines::new("f.jsonl", BufReader::with_capacity(cap, r), InputOptions::default()).collect();
        assert_eq!(items.len(), 4, "cap {cap}");
        assert_eq!(items[0].as_ref().unwrap().text, long, "cap {cap}");
        assert_eq!(items[1].as_ref().unwrap().text, "a\u{0}b", "cap {cap}");
        let e = items[2].as_ref().unwrap_err();
        assert_eq!(e.line, Some(5), "cap {cap}");
        assert!(e.message.contains("NUL byte at column 12"), "{e}");
        assert_eq!(items[3].as_ref().unwrap().text, "last", "cap {cap}");
    }
}
