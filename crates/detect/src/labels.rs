//! Hand-labelled event candidates (`labels/*.jsonl`, see labels/GUIDE.md)
//! and the examples the detection model is trained and scored on.

use crate::features;
use anyhow::{Context, Result};
use marsad_core::Document;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One labelled candidate.
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
pub struct Label {
    pub id: String,
    pub doc: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub split: String,
    #[serde(default)]
    pub sentence: String,
    #[serde(default)]
    pub trigger: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
    /// `event` or `none`.
    pub label: String,
    #[serde(default)]
    pub reason: Option<String>,
}

impl Label {
    pub fn is_event(&self) -> bool {
        self.label == "event"
    }
    pub fn is_test(&self) -> bool {
        self.split == "test"
    }
}

/// The fixed train/test split of articles: FNV-1a (32-bit) of the article
/// id, modulo 5, equal to 0 is test. Chosen before any training.
pub fn is_test_article(id: &str) -> bool {
    fnv1a(id) % 5 == 0
}

/// FNV-1a, 32-bit: the split hash (the same in scripts/sample_event_candidates.py).
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811C_9DC5, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

/// Read a label file (JSON Lines); a bad line is an error naming it.
pub fn read(path: &str) -> Result<Vec<Label>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut l: Label = serde_json::from_str(line).with_context(|| format!("{path}:{}", i + 1))?;
        if l.split.is_empty() {
            l.split = if is_test_article(&l.doc) { "test" } else { "train" }.into();
        }
        out.push(l);
    }
    Ok(out)
}

/// A labelled candidate, found again in an annotated document.
#[derive(Clone)]
pub struct Example {
    pub label: Label,
    pub features: Vec<(String, f32)>,
    /// Found in its sentence alone (no article around it), not in the
    /// article: the same question without the document context, as in
    /// sentence-level input.
    pub sentence_only: bool,
}

/// Match labels to the event candidates of annotated documents (by document
/// id, trigger start and type) and compute their features. With `annotate`
/// (the pipeline up to the candidates), each labelled candidate is also
/// found again in its sentence annotated alone, giving a second,
/// `sentence_only` example. Returns the examples and the labels no
/// candidate matched (the rules changed since labelling).
pub fn examples(
    docs: &[Document],
    labels: &[Label],
    topic: &dyn Fn(&Document) -> Option<Vec<f32>>,
    annotate: Option<&dyn Fn(&mut Document)>,
) -> (Vec<Example>, Vec<Label>) {
    let by_doc: HashMap<&str, &Document> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut topics: HashMap<&str, Option<Vec<f32>>> = HashMap::new();
    for l in labels {
        let Some(doc) = by_doc.get(l.doc.as_str()) else {
            missing.push(l.clone());
            continue;
        };
        let Some(ev) = doc.events.iter().position(|e| e.trigger.start == l.start && e.kind == l.kind) else {
            missing.push(l.clone());
            continue;
        };
        let tp = topics.entry(doc.id.as_str()).or_insert_with(|| topic(doc));
        let mut feats = Vec::new();
        features::features(doc, ev, tp.as_deref(), &mut feats);
        out.push(Example { label: l.clone(), features: feats, sentence_only: false });
        if let Some(annotate) = annotate {
            let e = &doc.events[ev];
            let Some(s) = doc.sentences.get(e.sentence) else { continue };
            let mut sd = Document::new(format!("{}#{}", doc.id, e.sentence), doc.slice(s.start, s.end).to_string());
            sd.published = doc.published.clone();
            annotate(&mut sd);
            let at = l.start - s.start;
            if let Some(j) = sd.events.iter().position(|x| x.trigger.start == at && x.kind == l.kind) {
                let tp = topic(&sd);
                let mut feats = Vec::new();
                features::features(&sd, j, tp.as_deref(), &mut feats);
                out.push(Example { label: l.clone(), features: feats, sentence_only: true });
            }
        }
    }
    (out, missing)
}

/// Sentence-level gold written by others (the UP protest set's format: `id`,
/// `date` YYYYMMDD, `text`, `events[].plover`): every candidate of a gold
/// type in a sentence is a real event, and candidates of other types are
/// left out (the gold says nothing of them). Only sentences whose id falls
/// in the train half (FNV-1a of the id, odd) are used, so the other half
/// stays a development measure.
pub fn sentence_gold_examples(
    path: &str,
    annotate: &dyn Fn(&mut Document),
    topic: &dyn Fn(&Document) -> Option<Vec<f32>>,
) -> Result<Vec<Example>> {
    gold_sentence_examples(path, &|_, id| in_train_half(id), annotate, topic)
}

/// The train lines (`split: train`, train-side articles by the fixed article split) of
/// the Arabic assault sentences labelled for the argument ranker
/// (`labels/args/gold.ar.assault*.jsonl`, the `eval events` format): real events of
/// their gold type, read like `sentence_gold_examples` (issue 11, round 5: they teach
/// the detection model real assault sentences beside the candidate labels).
pub fn assault_gold_examples(
    path: &str,
    annotate: &dyn Fn(&mut Document),
    topic: &dyn Fn(&Document) -> Option<Vec<f32>>,
) -> Result<Vec<Example>> {
    gold_sentence_examples(path, &|v, _| v.get("split").and_then(|x| x.as_str()) == Some("train"), annotate, topic)
}

/// The train lines (`"split": "train"`) of a set of real sentences labelled
/// whole (`crates/events/data/dev/realcas*.jsonl`): a candidate of a type the
/// sentence's gold names is an event; every candidate of a sentence whose gold
/// has no event is a `negative` (the label given, e.g. `not_event`), since the
/// labellers read each sentence and found nothing that happened in it.
pub fn real_gold_examples(
    path: &str,
    negative: &str,
    annotate: &dyn Fn(&mut Document),
    topic: &dyn Fn(&Document) -> Option<Vec<f32>>,
) -> Result<Vec<Example>> {
    sentence_examples(path, &|v, _| v.get("split").and_then(|x| x.as_str()) == Some("train"), Some(negative), annotate, topic)
}

fn gold_sentence_examples(
    path: &str,
    keep: &dyn Fn(&serde_json::Value, &str) -> bool,
    annotate: &dyn Fn(&mut Document),
    topic: &dyn Fn(&Document) -> Option<Vec<f32>>,
) -> Result<Vec<Example>> {
    sentence_examples(path, keep, None, annotate, topic)
}

/// Examples of the kept sentences of a sentence-level gold file: candidates of
/// a gold type are events; with `negative`, the candidates of event-free
/// sentences get that label (otherwise they are left out).
fn sentence_examples(
    path: &str,
    keep: &dyn Fn(&serde_json::Value, &str) -> bool,
    negative: Option<&str>,
    annotate: &dyn Fn(&mut Document),
    topic: &dyn Fn(&Document) -> Option<Vec<f32>>,
) -> Result<Vec<Example>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).with_context(|| format!("{path}:{}", i + 1))?;
        let id = v.get("id").and_then(|x| x.as_str()).unwrap_or_default().to_string();
        if !keep(&v, &id) {
            continue;
        }
        let body = v.get("text").and_then(|x| x.as_str()).unwrap_or_default();
        let types: Vec<&str> = v.get("events").and_then(|e| e.as_array()).map(|a| a.iter().filter_map(|e| e.get("plover").and_then(|p| p.as_str())).collect()).unwrap_or_default();
        let mut d = Document::new(id.clone(), body);
        let raw = v.get("date").and_then(|x| x.as_str()).unwrap_or_default();
        let date: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
        // YYYYMMDD, YYYY-MM-DD, or the corpus's DD/MM/YYYY
        if date.len() == 8 && raw.contains('/') {
            d.published = Some(format!("{}-{}-{}", &date[4..8], &date[2..4], &date[0..2]));
        } else if date.len() == 8 {
            d.published = Some(format!("{}-{}-{}", &date[0..4], &date[4..6], &date[6..8]));
        }
        annotate(&mut d);
        let tp = topic(&d);
        // event-free: the gold's events array is empty (not merely without `plover`s)
        let event_free = v.get("events").and_then(|e| e.as_array()).is_some_and(|a| a.is_empty());
        let label_of = |kind: &str| match (event_free, negative) {
            (true, Some(n)) => Some(n),
            _ if types.contains(&kind) => Some("event"),
            _ => None,
        };
        for (j, e) in d.events.iter().enumerate() {
            let Some(class) = label_of(e.kind.as_str()) else { continue };
            let mut feats = Vec::new();
            features::features(&d, j, tp.as_deref(), &mut feats);
            let label = Label {
                id: format!("{id}/{j}"),
                doc: id.clone(),
                lang: "ar".into(),
                split: "train".into(),
                start: e.trigger.start,
                end: e.trigger.end,
                kind: e.kind.to_string(),
                // `background`: a mention of an event that happened before (kept, not happened)
                label: if class == "background" { "mention".into() } else { class.into() },
                reason: (class == "background").then(|| "background".into()),
                ..Default::default()
            };
            out.push(Example { label, features: feats, sentence_only: true });
        }
    }
    Ok(out)
}

/// The train half of a sentence-level gold set: FNV-1a (32-bit) of the id is odd.
pub fn in_train_half(id: &str) -> bool {
    fnv1a(id) % 2 == 1
}
