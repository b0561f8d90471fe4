//! Accuracy on the hand-written dev list (tests/dev.tsv). Run with
//! `cargo test -p marsad-time --test dev -- --nocapture` to see the report.

struct Expected {
    text: String,
    value: Option<String>,
    modifier: Option<String>,
}

fn parse_expected(field: &str) -> Vec<Expected> {
    let mut out = Vec::new();
    for item in field.split(" | ") {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let (text, rest) = item.split_once(" => ").expect("item has =>");
        let mut parts = rest.split_whitespace();
        let v = parts.next().expect("value");
        out.push(Expected {
            text: text.trim().to_string(),
            value: if v == "null" { None } else { Some(v.to_string()) },
            modifier: parts.next().map(str::to_string),
        });
    }
    out
}

struct Score {
    expected: usize,
    found: usize,
    span_ok: usize,
    all_ok: usize,
}

fn score(name: &str, data: &str) -> Score {
    let (mut n_exp, mut n_found, mut span_ok, mut all_ok) = (0usize, 0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 2, "bad line: {line}");
        let published = if cols[0] == "-" { None } else { Some(cols[0]) };
        let expected = parse_expected(cols.get(2).copied().unwrap_or(""));
        let found = marsad_time::tag_text(cols[1], published);
        for t in &found {
            // every output span must slice the text exactly
            let sliced: String = cols[1].chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(sliced, t.text);
        }
        n_exp += expected.len();
        n_found += found.len();
        for e in &expected {
            match found.iter().find(|t| t.text == e.text) {
                Some(t) => {
                    span_ok += 1;
                    if t.value == e.value && t.modifier == e.modifier {
                        all_ok += 1;
                    } else {
                        errors.push(format!("VALUE  {} | {:?} {:?}, expected {:?} {:?}", e.text, t.value, t.modifier, e.value, e.modifier));
                    }
                }
                None => errors.push(format!("MISSED {} in: {}  (found: {:?})", e.text, cols[1], found.iter().map(|t| &t.text).collect::<Vec<_>>())),
            }
        }
        for t in &found {
            if !expected.iter().any(|e| e.text == t.text) {
                errors.push(format!("EXTRA  {} → {:?} in: {}", t.text, t.value, cols[1]));
            }
        }
    }
    let p = span_ok as f64 / n_found.max(1) as f64;
    let r = span_ok as f64 / n_exp.max(1) as f64;
    let acc = all_ok as f64 / n_exp.max(1) as f64;
    println!("{name}: {n_exp} expected expressions, {n_found} found");
    println!("  span exact match: precision {:.3}  recall {:.3}  F1 {:.3}", p, r, 2.0 * p * r / (p + r).max(1e-9));
    println!("  span + value + modifier correct: {all_ok}/{n_exp} = {:.3}", acc);
    for e in &errors {
        println!("  {e}");
    }
    Score { expected: n_exp, found: n_found, span_ok, all_ok }
}

/// Score one list and hold it to its floors: at least `min_expected`
/// expressions, value accuracy and span precision at or above the floors.
fn check(name: &str, tsv: &str, min_expected: usize, min_acc: f64, min_precision: f64) {
    let s = score(name, tsv);
    let acc = s.all_ok as f64 / s.expected as f64;
    let p = s.span_ok as f64 / s.found.max(1) as f64;
    assert!(s.expected >= min_expected, "{name}: {} expressions", s.expected);
    assert!(acc >= min_acc, "{name}: accuracy fell to {acc:.3}");
    assert!(p >= min_precision, "{name}: precision fell to {p:.3}");
}

#[test]
fn dev_list_accuracy() {
    check("dev.tsv", include_str!("dev.tsv"), 60, 0.9, 0.9);
}

#[test]
fn dev2_list_accuracy() {
    check("dev2.tsv", include_str!("dev2.tsv"), 40, 0.75, 0.85);
}

#[test]
fn dev3_list_accuracy() {
    check("dev3.tsv", include_str!("dev3.tsv"), 30, 0.7, 0.8);
}

#[test]
fn dev4_list_accuracy() {
    check("dev4.tsv", include_str!("dev4.tsv"), 30, 0.7, 0.8);
}
