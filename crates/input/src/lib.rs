//! marsad-input: readers for plain text, HTML, JSON Lines, RSS/Atom,
//! directories and standard input, streaming [`RawDoc`]s and clear
//! [`InputError`]s (naming the file and line) for bad input, never panicking.
//!
//! * **Formats** are detected from the extension (`.txt`, `.html`/`.htm`,
//!   `.jsonl`/`.ndjson`/`.json`, `.rss`/`.atom`/`.xml`) and, for anything
//!   else, from the content (`{` first → JSON Lines, `<rss`/`<feed`/`<rdf:RDF`
//!   → feed, HTML tags → HTML, else text). [`InputOptions::format`] overrides.
//! * **Plain text**: the whole file (BOM removed, CRLF → LF) is the text. When
//!   the file has several lines and its first line is short (≤ 150 chars, not
//!   ending in `.`/`,`/`:`), that line is also the `title` (it stays in the
//!   text). A line among the first three that is nothing but a date
//!   (`2023-03-15`, `15 March 2023`…) becomes `published`.
//! * **HTML**: see [`html`]. **Feeds**: see [`feed`]. **JSON Lines**: one
//!   object per line, fields from [`InputOptions`]; a `.json` file holding one
//!   object or an array of objects is read too.
//! * **Ids**: the input's id when it has one; else the path as given (plus
//!   `:line` for JSON Lines, `#n` for feed items); for standard input a hash of
//!   the content (`stdin-<16 hex>`).
//! * **Limits**: one document's text is at most [`MAX_DOC_BYTES`] (2 MiB,
//!   some twenty times a long news article; later stages are not all linear
//!   in document size); a bigger document is rejected with an error (not
//!   truncated). HTML and feed
//!   files are read up to [`MAX_MARKUP_BYTES`] (32 MiB).
//! * **Bad input** gives an error and the reader goes on: invalid UTF-8
//!   (UTF-16 with a BOM is decoded), binary (NUL bytes), empty files, broken
//!   JSON lines (each one an error with its line), malformed feeds (items
//!   before the error are kept), missing paths. At most 20 errors per file are
//!   reported, then the rest of that file is skipped with a last error.

pub mod date;
pub mod feed;
pub mod html;

pub use date::parse_date;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::str::FromStr;

/// Largest document text accepted, in bytes of UTF-8. A long news article
/// is under 100 KB; a 2 MiB document takes the whole pipeline a few seconds.
pub const MAX_DOC_BYTES: usize = 2 * 1024 * 1024;
/// Largest HTML page or feed file read.
pub const MAX_MARKUP_BYTES: usize = 32 * 1024 * 1024;
/// Errors reported per file before the rest of it is skipped.
pub const MAX_ERRORS_PER_FILE: usize = 20;

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    Rss,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(Format::Text),
            "html" | "htm" => Ok(Format::Html),
            "jsonl" | "ndjson" | "json" => Ok(Format::Jsonl),
            "rss" | "atom" | "feed" | "xml" => Ok(Format::Rss),
            _ => Err(format!("unknown input format {s:?} (expected text, html, jsonl or rss)")),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Rss => "rss",
        })
    }
}

/// How to read inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct InputOptions {
    /// Force a format instead of detecting it.
    pub format: Option<Format>,
    /// JSON field holding the text (default `text`).
    pub text_field: String,
    /// JSON field holding the id (default `id`).
    pub id_field: String,
    /// JSON field holding the date; `None` tries `date` then `published`.
    pub date_field: Option<String>,
    /// JSON field holding the title (default `title`).
    pub title_field: String,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            format: None,
            text_field: "text".into(),
            id_field: "id".into(),
            date_field: None,
            title_field: "title".into(),
        }
    }
}

/// A document as read, before annotation.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RawDoc {
    pub id: String,
    pub title: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The path it came from (`-` for standard input), or a feed item's link.
    pub source: Option<String>,
    pub text: String,
}

impl RawDoc {
    pub fn into_document(self) -> marsad_core::Document {
        let mut d = marsad_core::Document::new(self.id, self.text);
        d.title = self.title;
        d.published = self.published;
        d.source = self.source;
        d
    }
}

impl From<RawDoc> for marsad_core::Document {
    fn from(raw: RawDoc) -> Self {
        raw.into_document()
    }
}

/// A problem with one input: its source (path or `-`), the 1-based line when
/// known, and what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub source: String,
    pub line: Option<usize>,
    pub message: String,
}

impl InputError {
    fn new(source: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        InputError { source: source.to_string(), line, message: message.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.source, l, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// One result of reading.
pub type Item = Result<RawDoc, InputError>;

/// Read documents from files, directories (recursively, in sorted order,
/// hidden entries skipped) and `-` (standard input). Streaming: files are
/// opened one at a time and JSON Lines are read line by line.
pub fn read(paths: &[String], opts: &InputOptions) -> impl Iterator<Item = Item> {
    let opts = opts.clone();
    expand(paths).into_iter().flat_map(move |p| -> Box<dyn Iterator<Item = Item>> {
        match p {
            Ok(path) => read_file(&path, &opts),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    })
}

/// Number of input files (a directory counts its files; `-` counts one).
pub fn count_inputs(paths: &[String]) -> usize {
    expand(paths).iter().filter(|p| p.is_ok()).count()
}

/// The files that `paths` name, in reading order, with an error for each
/// path that does not exist or cannot be listed.
pub fn expand(paths: &[String]) -> Vec<Result<String, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Ok(p.clone()));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(Path::new(p), &mut out, &mut Vec::new()),
            Ok(_) => out.push(Ok(p.clone())),
            Err(e) => out.push(Err(InputError::new(p, None, io_message(&e)))),
        }
    }
    out
}

/// `seen`: canonical paths of the directories being walked (the current
/// chain), so that a symlink back to an ancestor is not followed forever.
fn walk(dir: &Path, out: &mut Vec<Result<String, InputError>>, seen: &mut Vec<std::path::PathBuf>) {
    let shown = dir.to_string_lossy().to_string();
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if seen.contains(&canon) {
        out.push(Err(InputError::new(&shown, None, "directory loop (a symlink to an enclosing directory); skipped")));
        return;
    }
    if seen.len() > 64 {
        out.push(Err(InputError::new(&shown, None, "directories nested too deep; skipped")));
        return;
    }
    seen.push(canon);
    let entries = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            out.push(Err(InputError::new(&shown, None, io_message(&e))));
            return;
        }
    };
    let mut list: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    list.sort();
    for p in list {
        if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out, seen),
            Ok(m) if m.is_file() => out.push(Ok(p.to_string_lossy().to_string())),
            Ok(_) => {}
            Err(e) => out.push(Err(InputError::new(&p.to_string_lossy(), None, io_message(&e)))),
        }
    }
    seen.pop();
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Read one file (or `-`). Never panics; errors are items.
pub fn read_file(path: &str, opts: &InputOptions) -> Box<dyn Iterator<Item = Item>> {
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return Box::new(std::iter::once(Err(InputError::new(path, None, io_message(&e))))),
        }
    };
    let mut r = BufReader::with_capacity(64 * 1024, reader);
    let head = match r.fill_buf() {
        Ok(b) => b.to_vec(),
        Err(e) => return Box::new(std::iter::once(Err(InputError::new(path, None, io_message(&e))))),
    };
    let format = opts.format.unwrap_or_else(|| detect(path, &head));
    if format == Format::Jsonl && !path.ends_with(".json") && !is_utf16(&head) {
        return Box::new(JsonLines::new(path, r, opts.clone()));
    }
    let limit = if format == Format::Text { MAX_DOC_BYTES } else { MAX_MARKUP_BYTES };
    let mut bytes = Vec::new();
    if let Err(e) = r.by_ref().take(limit as u64 + 1).read_to_end(&mut bytes) {
        return Box::new(std::iter::once(Err(InputError::new(path, None, io_message(&e)))));
    }
    if bytes.len() > limit {
        let total = if path == "-" { None } else { std::fs::metadata(path).ok().map(|m| m.len() as usize) };
        let size = total.map(mib).unwrap_or_else(|| format!("more than {}", mib(limit)));
        let what = if format == Format::Text { "document" } else { "file" };
        return Box::new(std::iter::once(Err(InputError::new(
            path,
            None,
            format!("{what} is {size}, over the {} limit; skipped (split it into smaller files)", mib(limit)),
        ))));
    }
    Box::new(read_bytes(path, &bytes, format, opts).into_iter())
}

/// Read documents from bytes already in memory (e.g. the bundled examples).
/// `name` is used for ids, sources and messages; `format` is detected from
/// `name` and the content when `None`.
pub fn read_named(name: &str, bytes: &[u8], opts: &InputOptions) -> Vec<Item> {
    let format = opts.format.unwrap_or_else(|| detect(name, bytes));
    if bytes.len() > MAX_MARKUP_BYTES.max(MAX_DOC_BYTES) {
        return vec![Err(InputError::new(name, None, format!("input is {}, too large; skipped", mib(bytes.len()))))];
    }
    read_bytes(name, bytes, format, opts)
}

fn mib(n: usize) -> String {
    format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
}

fn is_utf16(b: &[u8]) -> bool {
    b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF])
}

/// Guess the format from a file name and its first bytes.
pub fn detect(name: &str, head: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let ext = Path::new(&lower).extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "txt" | "text" | "md" => return Format::Text,
        "html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" => return Format::Html,
        "jsonl" | "ndjson" | "json" => return Format::Jsonl,
        "rss" | "atom" => return Format::Rss,
        _ => {}
    }
    let head = &head[..head.len().min(4096)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        return Format::Jsonl;
    }
    if t.contains("<rss") || t.contains("<feed") || t.contains("<rdf:rdf") {
        return Format::Rss;
    }
    if ext == "xml" {
        return Format::Rss;
    }
    let html_marks = ["<!doctype html", "<html", "<body", "<head", "<p>", "<p ", "<div", "<article", "<br", "<span", "<title", "<meta"];
    if t.starts_with('<') || html_marks.iter().any(|m| t.contains(m)) {
        return Format::Html;
    }
    Format::Text
}

/// FNV-1a, 64 bits: a stable content hash for ids.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

fn line_at(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn clean_path(path: &str) -> String {
    path.strip_prefix("./").unwrap_or(path).to_string()
}

/// Decode bytes as text: UTF-8 (BOM removed) or UTF-16 with a BOM; NUL bytes
/// mean binary.
fn decode(path: &str, bytes: &[u8]) -> Result<String, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::new(path, None, "empty file"));
    }
    if is_utf16(bytes) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        return String::from_utf16(&units)
            .map_err(|_| InputError::new(path, None, "invalid UTF-16 text"))
            .map(|s| s.replace("\r\n", "\n"));
    }
    if let Some(p) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::new(path, Some(line_at(bytes, p)), format!("binary file (NUL byte at offset {p}); not text")));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(if s.contains('\r') { s.replace("\r\n", "\n") } else { s.to_string() }),
        Err(e) => {
            let p = e.valid_up_to();
            Err(InputError::new(
                path,
                Some(line_at(bytes, p)),
                format!(
                    "invalid UTF-8 (byte 0x{:02X} at offset {p}); marsad reads UTF-8 — convert the file first (e.g. iconv -f WINDOWS-1256 -t UTF-8)",
                    bytes[p]
                ),
            ))
        }
    }
}

/// The legacy charset an HTML page or XML feed declares in its first 2 KiB
/// (`<meta charset=…>`, `content="text/html; charset=…"`, `<?xml encoding="…"?>`).
/// Only consulted when the bytes are not UTF-8; UTF-8 declarations and labels
/// encoding_rs does not know are ignored.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let head: String = head.iter().map(|&b| (b as char).to_ascii_lowercase()).collect();
    for key in ["charset", "encoding"] {
        let mut from = 0;
        while let Some(i) = head[from..].find(key) {
            let rest = head[from + i + key.len()..].trim_start();
            from += i + key.len();
            let Some(rest) = rest.strip_prefix('=') else { continue };
            let label: String = rest
                .trim_start()
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            match encoding_rs::Encoding::for_label(label.as_bytes()) {
                Some(enc) if enc != encoding_rs::UTF_8 => return Some(enc),
                _ => {}
            }
        }
    }
    None
}

fn source_of(path: &str) -> String {
    if path == "-" {
        "-".into()
    } else {
        clean_path(path)
    }
}

fn file_id(path: &str, text: &str) -> String {
    if path == "-" {
        format!("stdin-{}", content_hash(text.as_bytes()))
    } else {
        clean_path(path)
    }
}

fn check_size(path: &str, line: Option<usize>, text: &str) -> Result<(), InputError> {
    if text.len() > MAX_DOC_BYTES {
        return Err(InputError::new(
            path,
            line,
            format!("document is {}, over the {} limit; skipped", mib(text.len()), mib(MAX_DOC_BYTES)),
        ));
    }
    Ok(())
}

fn read_bytes(path: &str, bytes: &[u8], format: Format, opts: &InputOptions) -> Vec<Item> {
    let text = match decode(path, bytes) {
        Ok(t) => t,
        // Older Arabic sites publish in Windows-1256 or ISO-8859-6 and say so
        // in the markup; honour that declaration rather than rejecting the page.
        Err(e) => match (format, declared_charset(bytes)) {
            (Format::Html | Format::Rss, Some(enc)) => {
                let (cow, _, had_errors) = enc.decode(bytes);
                if had_errors {
                    return vec![Err(InputError::new(
                        path,
                        None,
                        format!("invalid {} text (the charset the page declares)", enc.name()),
                    ))];
                }
                cow.replace("\r\n", "\n")
            }
            _ => return vec![Err(e)],
        },
    };
    match format {
        Format::Text => vec![text_doc(path, text)],
        Format::Html => vec![html_doc(path, &text)],
        Format::Rss => feed_docs(path, &text),
        Format::Jsonl => json_docs(path, &text, opts),
    }
}

fn text_doc(path: &str, text: String) -> Item {
    check_size(path, None, &text)?;
    if text.trim().is_empty() {
        return Err(InputError::new(path, None, "empty file"));
    }
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let title = match lines.first() {
        Some(first) if lines.len() > 1 && first.chars().count() <= 150 && !first.ends_with(['.', ',', ':', '،', ';']) && parse_date(first).is_none() => {
            Some(first.to_string())
        }
        _ => None,
    };
    let published = lines.iter().take(3).find_map(|l| parse_date(l));
    Ok(RawDoc { id: file_id(path, &text), title, published, source: Some(source_of(path)), text })
}

fn html_doc(path: &str, html: &str) -> Item {
    let h = html::extract(html);
    if h.text.trim().is_empty() {
        return Err(InputError::new(path, None, "no article text found in this HTML"));
    }
    check_size(path, None, &h.text)?;
    Ok(RawDoc {
        id: file_id(path, html),
        title: h.title,
        published: h.date.as_deref().and_then(parse_date),
        source: h.site.or_else(|| Some(source_of(path))),
        text: h.text,
    })
}

fn feed_docs(path: &str, xml: &str) -> Vec<Item> {
    let (items, err) = feed::parse(xml);
    let mut out = Vec::new();
    for (n, it) in items.into_iter().enumerate() {
        if it.text.trim().is_empty() && it.title.is_none() {
            out.push(Err(InputError::new(path, Some(it.line), "feed item has neither text nor title; skipped")));
            continue;
        }
        // The headline is part of the text (as in a text file or a web
        // page), unless the body already starts with it.
        let text = match &it.title {
            Some(t) if it.text.trim().is_empty() => t.clone(),
            Some(t) if !it.text.trim_start().starts_with(t.as_str()) => format!("{t}\n\n{}", it.text),
            _ => it.text,
        };
        if let Err(e) = check_size(path, Some(it.line), &text) {
            out.push(Err(e));
            continue;
        }
        let id = it.id.clone().or_else(|| it.link.clone()).unwrap_or_else(|| format!("{}#{}", file_id(path, xml), n + 1));
        out.push(Ok(RawDoc {
            id,
            title: it.title,
            published: it.date.as_deref().and_then(parse_date),
            source: it.link.or_else(|| Some(source_of(path))),
            text,
        }));
    }
    if let Some(e) = err {
        out.push(Err(InputError::new(path, Some(e.line), e.message)));
    } else if out.is_empty() {
        out.push(Err(InputError::new(path, None, "feed has no items")));
    }
    out
}

/// A field of a JSON object; `a.b` reaches into nested objects when there is
/// no field literally named `a.b`.
fn field<'a>(obj: &'a serde_json::Map<String, serde_json::Value>, name: &str) -> Option<&'a serde_json::Value> {
    if let Some(v) = obj.get(name) {
        return Some(v);
    }
    let mut parts = name.split('.');
    let mut v = obj.get(parts.next()?)?;
    for p in parts {
        v = v.as_object()?.get(p)?;
    }
    Some(v)
}

fn json_scalar(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One JSON value → a document.
fn json_doc(path: &str, line: Option<usize>, v: serde_json::Value, opts: &InputOptions, raw: &[u8]) -> Item {
    let obj = match v {
        serde_json::Value::Object(o) => o,
        _ => return Err(InputError::new(path, line, "expected a JSON object")),
    };
    let text = match field(&obj, &opts.text_field) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(serde_json::Value::String(_)) => return Err(InputError::new(path, line, format!("field {:?} is empty", opts.text_field))),
        Some(_) => return Err(InputError::new(path, line, format!("field {:?} is not a string", opts.text_field))),
        None => return Err(InputError::new(path, line, format!("no {:?} field (use --text-field to choose another)", opts.text_field))),
    };
    check_size(path, line, &text)?;
    let id = json_scalar(field(&obj, &opts.id_field)).unwrap_or_else(|| {
        if path == "-" {
            format!("stdin-{}", content_hash(raw))
        } else {
            match line {
                Some(l) => format!("{}:{l}", clean_path(path)),
                None => clean_path(path),
            }
        }
    });
    let date = match &opts.date_field {
        Some(f) => json_scalar(field(&obj, f)),
        None => json_scalar(obj.get("date")).or_else(|| json_scalar(obj.get("published"))),
    };
    Ok(RawDoc {
        id,
        title: json_scalar(field(&obj, &opts.title_field)),
        published: date.as_deref().and_then(parse_date),
        // The outlet, as news dumps name it; a URL alone gives its host.
        source: ["source", "site", "outlet", "publisher", "source_name"]
            .iter()
            .find_map(|f| json_scalar(field(&obj, f)))
            .or_else(|| ["url", "link"].iter().find_map(|f| json_scalar(field(&obj, f))))
            .or_else(|| Some(source_of(path))),
        text,
    })
}

/// One JSON object as a document, read exactly as a line of a JSON Lines
/// file named `name` (line `line`, 1-based) is read: the same fields, date
/// parsing, id and source fallbacks and errors. For callers that hold
/// records in memory already (the Python binding).
pub fn read_json_value(name: &str, line: Option<usize>, value: serde_json::Value, opts: &InputOptions) -> Item {
    json_doc(name, line, value, opts, &[])
}

/// JSON held in memory: a `.json` file (one object, an array of objects, or
/// JSON Lines after all), or any JSON Lines that was decoded as a whole.
fn json_docs(path: &str, text: &str, opts: &InputOptions) -> Vec<Item> {
    let t = text.trim_start();
    if t.starts_with('[') || (path.ends_with(".json") && t.starts_with('{')) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
            return match v {
                serde_json::Value::Array(items) => {
                    let mut out: Vec<Item> = items
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| {
                            json_doc(path, None, v, opts, text.as_bytes()).map(|mut d| {
                                if d.id == clean_path(path) || d.id.starts_with("stdin-") {
                                    d.id = format!("{}#{}", d.id, i + 1);
                                }
                                d
                            })
                        })
                        .collect();
                    if out.is_empty() {
                        out.push(Err(InputError::new(path, None, "empty JSON array")));
                    }
                    out
                }
                other => vec![json_doc(path, None, other, opts, text.as_bytes())],
            };
        }
    }
    let cursor = io::Cursor::new(text.as_bytes().to_vec());
    JsonLines::new(path, BufReader::new(Box::new(cursor) as Box<dyn Read>), opts.clone()).collect()
}

/// Streaming JSON Lines reader with a per-line size cap.
struct JsonLines {
    path: String,
    reader: BufReader<Box<dyn Read>>,
    opts: InputOptions,
    line: usize,
    errors: usize,
    docs: usize,
    done: bool,
    buf: Vec<u8>,
}

impl JsonLines {
    fn new(path: &str, reader: BufReader<Box<dyn Read>>, opts: InputOptions) -> Self {
        JsonLines { path: path.to_string(), reader, opts, line: 0, errors: 0, docs: 0, done: false, buf: Vec::new() }
    }

    /// Read the next line into `buf` (without the newline), keeping at most
    /// `MAX_DOC_BYTES * 2` bytes; returns `(got_a_line, overflowed)`.
    fn next_line(&mut self) -> io::Result<(bool, bool)> {
        self.buf.clear();
        let cap = MAX_DOC_BYTES * 2;
        let mut overflow = false;
        let mut any = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok((any, overflow));
            }
            any = true;
            // memchr reads a word or a vector register at a time (the byte
            // loop it replaces was ≈ 1 % of `extract` on long articles)
            let (take, found) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            if !overflow && self.buf.len() + take <= cap {
                self.buf.extend_from_slice(&chunk[..take]);
            } else {
                overflow = true;
            }
            self.reader.consume(if found { take + 1 } else { take });
            if found {
                return Ok((true, overflow));
            }
        }
    }

    fn error(&mut self, line: Option<usize>, msg: impl Into<String>) -> Option<Item> {
        self.errors += 1;
        if self.errors > MAX_ERRORS_PER_FILE {
            self.done = true;
            return Some(Err(InputError::new(&self.path, line, format!("more than {MAX_ERRORS_PER_FILE} errors in this file; skipping the rest of it"))));
        }
        Some(Err(InputError::new(&self.path, line, msg)))
    }
}

impl Iterator for JsonLines {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        loop {
            let (got, overflow) = match self.next_line() {
                Ok(r) => r,
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::new(&self.path, Some(self.line + 1), io_message(&e))));
                }
            };
            if !got {
                self.done = true;
                if self.docs == 0 && self.errors == 0 {
                    return Some(Err(InputError::new(&self.path, None, "empty file")));
                }
                return None;
            }
            self.line += 1;
            let line = Some(self.line);
            if overflow {
                return self.error(line, format!("line is longer than {}, over the document limit; skipped", mib(MAX_DOC_BYTES * 2)));
            }
            let mut bytes: &[u8] = &self.buf;
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if let Some(p) = memchr::memchr(0, bytes) {
                let msg = format!("binary data (NUL byte at column {}); not JSON", p + 1);
                return self.error(line, msg);
            }
            let s = match std::str::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => {
                    let msg = format!("invalid UTF-8 at column {}", e.valid_up_to() + 1);
                    return self.error(line, msg);
                }
            };
            match serde_json::from_str::<serde_json::Value>(s) {
                Ok(v) => {
                    let item = json_doc(&self.path, line, v, &self.opts, &self.buf);
                    match item {
                        Ok(d) => {
                            self.docs += 1;
                            return Some(Ok(d));
                        }
                        Err(e) => return self.error(e.line, e.message),
                    }
                }
                Err(e) => {
                    let msg = format!("invalid JSON: {e}");
                    return self.error(line, msg);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
