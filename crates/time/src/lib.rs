//! marsad-time: finds Arabic and English temporal expressions and normalises
//! them to ISO 8601 against the document's publication date.
//!
//! Recognition is rule-based over the tokens of `marsad_text` ([`tagger`]),
//! resolution is calendar arithmetic ([`resolve`], [`calendar`]). The output
//! conventions (values, precisions, modifiers, what happens without a
//! publication date) are described in this crate's README.
//!
//! Entry points: [`TimeStage`] (the pipeline stage, fills `doc.times`),
//! [`tag`] (the same on one document), [`tag_text`] (a string and an
//! optional publication date), [`bounds`] (first/last day covered by a
//! value) and [`bench`] (throughput).

pub mod calendar;
pub mod lexicon;
pub mod resolve;
pub mod tagger;

#[cfg(test)]
mod tests;

use marsad_core::{Document, Stage, TimeExpr};
pub use resolve::bounds;

/// The time stage. `load` reads the resources embedded in the binary.
pub struct TimeStage;

impl TimeStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(TimeStage)
    }
}

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }
    fn requires(&self) -> &'static [&'static str] {
        &["sentences", "tokens"]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &["times"]
    }
    fn annotate(&self, doc: &mut Document) {
        // the pipeline's order check guarantees the text stage ran: no
        // silent re-tokenising here (that is `tag`'s convenience)
        doc.times = find(doc);
    }
}

/// Find and normalise the temporal expressions of `doc` into `doc.times`
/// (replacing what was there). Tokenises the document first when the text
/// stage has not run.
pub fn tag(doc: &mut Document) {
    if doc.tokens.is_empty() && !doc.text.is_empty() {
        marsad_text::annotate(doc);
    }
    doc.times = find(doc);
}

/// The temporal expressions of a tokenised document, without storing them.
pub fn find(doc: &Document) -> Vec<TimeExpr> {
    let anchor_str = doc.published.as_deref().and_then(|p| {
        let z = calendar::parse_iso_date(p)?;
        Some((z, calendar::fmt_day(z)))
    });
    let anchor = anchor_str.as_ref().map(|(z, _)| *z);
    let parser = tagger::Parser::new(doc);
    let mut out = Vec::new();
    for m in parser.run() {
        let (start, end) = parser.char_span(&m);
        let res = resolve::resolve(&m.spec, anchor);
        out.push(TimeExpr {
            text: doc.slice(start, end).to_string(),
            start,
            end,
            sentence: if doc.sentences.is_empty() { 0 } else { doc.sentence_at(start) },
            value: res.value,
            precision: res.precision.to_string(),
            anchor: if res.used_anchor { anchor_str.as_ref().map(|(_, s)| s.clone()) } else { None },
            modifier: m.modifier.map(str::to_string),
        });
    }
    out
}

/// Tag a string. `published` is an ISO date (YYYY-MM-DD) or None.
pub fn tag_text(text: &str, published: Option<&str>) -> Vec<TimeExpr> {
    let mut doc = Document::new("t", text);
    doc.published = published.map(str::to_string);
    tag(&mut doc);
    doc.times
}

/// Throughput of the time stage alone (documents tokenised beforehand).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Bench {
    pub docs: usize,
    pub chars: usize,
    pub expressions: usize,
    pub seconds: f64,
    pub docs_per_sec: f64,
    pub dates_per_sec: f64,
    pub chars_per_sec: f64,
}

/// Run the time stage over `texts` repeatedly for at least `min_seconds`
/// and report documents, dates and characters per second. Tokenisation is
/// done once, before timing. With no texts, uses the built-in sample.
pub fn bench(texts: &[&str], published: Option<&str>, min_seconds: f64) -> Bench {
    let sample: Vec<&str> = if texts.is_empty() { SAMPLE.lines().filter(|l| !l.trim().is_empty()).collect() } else { texts.to_vec() };
    let docs: Vec<Document> = sample
        .iter()
        .map(|t| {
            let mut d = Document::new("b", *t);
            d.published = published.map(str::to_string);
            marsad_text::annotate(&mut d);
            d
        })
        .collect();
    let chars_per_round: usize = docs.iter().map(|d| d.char_len()).sum();
    let t0 = std::time::Instant::now();
    let (mut n_docs, mut n_expr, mut n_chars) = (0usize, 0usize, 0usize);
    loop {
        for d in &docs {
            n_expr += std::hint::black_box(find(d)).len();
        }
        n_docs += docs.len();
        n_chars += chars_per_round;
        if t0.elapsed().as_secs_f64() >= min_seconds || docs.is_empty() {
            break;
        }
    }
    let secs = t0.elapsed().as_secs_f64().max(1e-9);
    Bench {
        docs: n_docs,
        chars: n_chars,
        expressions: n_expr,
        seconds: secs,
        docs_per_sec: n_docs as f64 / secs,
        dates_per_sec: n_expr as f64 / secs,
        chars_per_sec: n_chars as f64 / secs,
    }
}

/// A few sentences for the benchmark when no corpus is given.
const SAMPLE: &str = include_str!("../data/bench_sample.txt");

// allowed: the accusative tanwin, looked for in the surface (tagger/points.rs)
marsad_text::word_lists_test!(&["اً", "ًا"]);
