//! Helpers shared by the integration tests: run the binary, validate output
//! against docs/schema/document.schema.json with a small JSON Schema checker,
//! and check that every span slices the text exactly.
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub fn repo_root() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    p.canonicalize().unwrap_or(p)
}

/// The reference article, when `shared/` is beside the repository.
pub fn shared_article() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/white-flags.ar.txt");
    p.exists().then_some(p)
}

pub fn marsad(args: &[&str]) -> Output {
    marsad_stdin(args, None)
}

pub fn marsad_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run marsad");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().expect("wait for marsad")
}

pub fn stdout_docs(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {l:.200}")))
        .collect()
}

pub fn schema() -> Value {
    let p = repo_root().join("docs/schema/document.schema.json");
    serde_json::from_str(&std::fs::read_to_string(&p).expect("read schema")).expect("schema is JSON")
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "number" => v.is_number(),
        "integer" => v.is_u64() || v.is_i64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        other => panic!("schema uses a type this checker does not know: {other}"),
    }
}

/// Validate `v` against `s` (the subset of JSON Schema the marsad schema
/// uses: type, enum, required, properties, items, $ref, oneOf, minimum,
/// maximum, the ISO-date pattern). Unknown keywords are refused, so a schema
/// change cannot silently escape checking. Errors are appended to `errs`.
pub fn validate(root: &Value, s: &Value, v: &Value, path: &str, errs: &mut Vec<String>) {
    let obj = s.as_object().expect("schema node is an object");
    for k in obj.keys() {
        if !matches!(
            k.as_str(),
            "$schema" | "$id" | "title" | "description" | "$defs" | "type" | "enum" | "required" | "properties"
                | "items" | "$ref" | "oneOf" | "minimum" | "maximum" | "pattern"
        ) {
            panic!("schema keyword {k} is not supported by the test checker");
        }
    }
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local $ref");
        let target = &root["$defs"][name];
        assert!(target.is_object(), "dangling $ref {r}");
        validate(root, target, v, path, errs);
    }
    if let Some(t) = obj.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(t, v),
            Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
            _ => panic!("bad type"),
        };
        if !ok {
            errs.push(format!("{path}: expected type {t}, got {v:.80}"));
            return;
        }
    }
    if let Some(e) = obj.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errs.push(format!("{path}: {v} is not one of {}", Value::Array(e.clone())));
        }
    }
    if let Some(alts) = obj.get("oneOf").and_then(Value::as_array) {
        let passing = alts
            .iter()
            .filter(|alt| {
                let mut e = Vec::new();
                validate(root, alt, v, path, &mut e);
                e.is_empty()
            })
            .count();
        if passing != 1 {
            errs.push(format!("{path}: matches {passing} of the oneOf alternatives, not exactly one"));
        }
    }
    if let (Some(min), Some(x)) = (obj.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if x < min {
            errs.push(format!("{path}: {x} < minimum {min}"));
        }
    }
    if let (Some(max), Some(x)) = (obj.get("maximum").and_then(Value::as_f64), v.as_f64()) {
        if x > max {
            errs.push(format!("{path}: {x} > maximum {max}"));
        }
    }
    if let (Some(p), Some(x)) = (obj.get("pattern").and_then(Value::as_str), v.as_str()) {
        assert_eq!(p, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "only the ISO date pattern is supported by the test checker");
        let b = x.as_bytes();
        let ok = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        if !ok {
            errs.push(format!("{path}: {x:?} is not an ISO date"));
        }
    }
    if let Some(o) = v.as_object() {
        if let Some(req) = obj.get("required").and_then(Value::as_array) {
            for r in req {
                if !o.contains_key(r.as_str().unwrap()) {
                    errs.push(format!("{path}: missing required property {r}"));
                }
            }
        }
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            for (k, ps) in props {
                if let Some(x) = o.get(k) {
                    validate(root, ps, x, &format!("{path}.{k}"), errs);
                }
            }
        }
    }
    if let (Some(items), Some(a)) = (obj.get("items"), v.as_array()) {
        for (i, x) in a.iter().enumerate() {
            validate(root, items, x, &format!("{path}[{i}]"), errs);
        }
    }
}

pub fn schema_errors(schema: &Value, doc: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    validate(schema, schema, doc, "$", &mut errs);
    errs
}

fn off(v: &Value, k: &str) -> usize {
    v[k].as_u64().unwrap_or_else(|| panic!("{k} is not an offset in {v:.200}")) as usize
}

/// Check a span object: start <= end <= len, and `text` (when present)
/// equals text[start:end] in code points.
fn span(chars: &[char], v: &Value, what: &str, errs: &mut Vec<String>) {
    if v.is_null() {
        return;
    }
    let (s, e) = (off(v, "start"), off(v, "end"));
    if s > e || e > chars.len() {
        errs.push(format!("{what}: span {s}..{e} outside the text (length {})", chars.len()));
        return;
    }
    if let Some(t) = v.get("text").and_then(Value::as_str) {
        let sliced: String = chars[s..e].iter().collect();
        if sliced != t {
            errs.push(format!("{what}: text {t:?} != text[{s}:{e}] {sliced:?}"));
        }
    }
}

fn within_sentence(doc: &Value, v: &Value, what: &str, errs: &mut Vec<String>) {
    let sents = doc["sentences"].as_array().unwrap();
    let i = v["sentence"].as_u64().unwrap() as usize;
    match sents.get(i) {
        None => errs.push(format!("{what}: sentence index {i} out of range ({} sentences)", sents.len())),
        Some(s) => {
            if off(v, "start") < off(s, "start") || off(v, "end") > off(s, "end") {
                errs.push(format!("{what}: span {}..{} not inside its sentence {i}", off(v, "start"), off(v, "end")));
            }
        }
    }
}

/// Every span of a document output, checked against its text.
pub fn span_errors(doc: &Value) -> Vec<String> {
    let chars: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
    let mut errs = Vec::new();
    let arr = |k: &str| doc[k].as_array().cloned().unwrap_or_default();
    let mut last_end = 0;
    for (i, s) in arr("sentences").iter().enumerate() {
        span(&chars, s, &format!("sentences[{i}]"), &mut errs);
        if off(s, "start") < last_end {
            errs.push(format!("sentences[{i}] overlaps the previous sentence"));
        }
        last_end = off(s, "end");
    }
    for (i, t) in arr("tokens").iter().enumerate() {
        span(&chars, t, &format!("tokens[{i}]"), &mut errs);
    }
    for (i, e) in arr("entities").iter().enumerate() {
        span(&chars, e, &format!("entities[{i}]"), &mut errs);
        within_sentence(doc, e, &format!("entities[{i}]"), &mut errs);
    }
    for (i, p) in arr("places").iter().enumerate() {
        span(&chars, p, &format!("places[{i}]"), &mut errs);
        within_sentence(doc, p, &format!("places[{i}]"), &mut errs);
    }
    for (i, t) in arr("times").iter().enumerate() {
        span(&chars, t, &format!("times[{i}]"), &mut errs);
        within_sentence(doc, t, &format!("times[{i}]"), &mut errs);
    }
    for (i, e) in arr("events").iter().enumerate() {
        for k in ["trigger", "actor", "recipient", "place", "date", "reported_by", "evidence"] {
            span(&chars, &e[k], &format!("events[{i}].{k}"), &mut errs);
        }
        let n = doc["sentences"].as_array().map_or(0, Vec::len);
        if e["sentence"].as_u64().unwrap_or(u64::MAX) as usize >= n {
            errs.push(format!("events[{i}]: sentence index out of range"));
        }
    }
    for (i, a) in arr("actors").iter().enumerate() {
        for (j, m) in a["mentions"].as_array().cloned().unwrap_or_default().iter().enumerate() {
            span(&chars, m, &format!("actors[{i}].mentions[{j}]"), &mut errs);
        }
        for (j, r) in a["relations"].as_array().cloned().unwrap_or_default().iter().enumerate() {
            span(&chars, &r["evidence"], &format!("actors[{i}].relations[{j}].evidence"), &mut errs);
        }
    }
    errs
}

/// Schema and span checks together; panics with every problem listed.
pub fn check_doc(schema: &Value, doc: &Value) {
    let mut errs = schema_errors(schema, doc);
    errs.extend(span_errors(doc));
    assert!(errs.is_empty(), "document {} fails the contract:\n  {}", doc["id"], errs.join("\n  "));
}
