//! The document topic classifier: what an article is about (sport, economy,
//! culture, technology, society, politics, local, world, misc), learned from
//! the sections an outlet filed its articles under (the weak labels of the
//! ANT corpus). Features are the clitic-stripped word bases of the title and
//! text, log-scaled and L2-normalised; the model is a softmax regression
//! (`linear`). Arabic only: there is no English training text, so English
//! documents get no topic.

use crate::linear::{self, Params, Softmax, Sparse};
use anyhow::{bail, Context, Result};
use marsad_core::{Document, Lang, TokenKind, Topic};
use std::collections::HashMap;

/// Word-keyed maps looked up per token, hashed with
/// [`marsad_text::FastHasher`] rather than SipHash (which was 1.5 % of all
/// instructions on long articles), short keys kept in the map's entries
/// (`marsad_text::key`). Only looked up: any listing is sorted.
pub(crate) type WordMap<V> = marsad_text::KeyMap<V>;

/// The labels, in model order.
pub const LABELS: [&str; 9] = ["sport", "economy", "culture", "technology", "society", "politics", "local", "world", "misc"];

/// The label an outlet's section maps to (the ANT corpus's section names
/// and common English ones).
pub fn label_of_section(section: &str) -> Option<usize> {
    let l = match section.to_ascii_lowercase().as_str() {
        "sport" | "sports" => "sport",
        "economy" | "business" | "economie" => "economy",
        "culture" | "arts" => "culture",
        "technology" | "tech" | "science" => "technology",
        "society" => "society",
        "politic" | "politics" => "politics",
        "localnews" | "local" | "national" => "local",
        "internationalnews" | "world" | "international" => "world",
        "diverse" | "misc" | "various" => "misc",
        _ => return None,
    };
    LABELS.iter().position(|x| *x == l)
}

/// Weights are stored as integers over this scale (a readable, diffable file).
const SCALE: f32 = 1000.0;

/// A trained topic model.
pub struct TopicModel {
    pub(crate) vocab: WordMap<u32>,
    pub(crate) model: Softmax,
}

/// The words a document is classified on: word bases of 2+ letters, from
/// the title and the text.
fn terms(doc: &Document, mut f: impl FnMut(&str)) {
    for t in &doc.tokens {
        if matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) && t.base.chars().count() >= 2 {
            f(&t.base);
        }
    }
    if let Some(title) = &doc.title {
        for t in marsad_text::tokenize::tokenize(title) {
            if matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) && t.base.chars().count() >= 2 {
                f(&t.base);
            }
        }
    }
}

/// Sparse, log-scaled, L2-normalised term vector over a vocabulary.
fn vectorize(doc: &Document, vocab: &WordMap<u32>) -> Sparse {
    // term ids sorted and counted by runs (a hash map per document cost
    // more than the look-ups); the same counts in the same order
    let mut ids: Vec<u32> = Vec::new();
    terms(doc, |w| {
        if let Some(&i) = vocab.get(w) {
            ids.push(i);
        }
    });
    ids.sort_unstable();
    let mut x: Sparse = Vec::new();
    for run in ids.chunk_by(|a, b| a == b) {
        x.push((run[0], 1.0 + (run.len() as f32).ln()));
    }
    let norm = x.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for p in &mut x {
            p.1 /= norm;
        }
    }
    x
}

/// The topic of [`TopicModel::probs`]' probabilities: the most probable label.
pub fn topic_of_probs(p: &[f32]) -> Topic {
    let (i, s) = p.iter().enumerate().fold((0, 0.0f32), |b, (i, &s)| if s > b.1 { (i, s) } else { b });
    Topic { label: LABELS[i].to_string(), score: (s * 1000.0).round() / 1000.0 }
}

impl TopicModel {
    /// The model shipped in the binary (`models/topic.model`, written by
    /// `marsad train topic`).
    pub fn shipped() -> Result<Self> {
        Self::parse(include_str!("../models/topic.model")).context("the shipped topic model")
    }

    /// Probabilities over [`LABELS`]; `None` for a document the model was not
    /// trained for (not Arabic) or with no known word.
    pub fn probs(&self, doc: &Document) -> Option<Vec<f32>> {
        if doc.lang != Lang::Ar {
            return None;
        }
        let x = vectorize(doc, &self.vocab);
        if x.is_empty() {
            return None;
        }
        Some(self.model.probs(&x))
    }

    pub fn topic(&self, doc: &Document) -> Option<Topic> {
        Some(topic_of_probs(&self.probs(doc)?))
    }

    /// Train on annotated documents with their label index.
    pub fn train(docs: &[(&Document, usize)], min_df: u32) -> TopicModel {
        let mut df: HashMap<String, u32> = HashMap::new();
        for (d, _) in docs {
            let mut seen = std::collections::HashSet::new();
            terms(d, |w| {
                if seen.insert(w.to_string()) {
                    *df.entry(w.to_string()).or_default() += 1;
                }
            });
        }
        let mut words: Vec<String> = df.into_iter().filter(|(_, c)| *c >= min_df).map(|(w, _)| w).collect();
        words.sort();
        let vocab: WordMap<u32> = words.iter().enumerate().map(|(i, w)| (w.as_str().into(), i as u32)).collect();
        let xs: Vec<Sparse> = docs.iter().map(|(d, _)| vectorize(d, &vocab)).collect();
        let ys: Vec<usize> = docs.iter().map(|(_, y)| *y).collect();
        let p = Params { epochs: 12, rate: 0.5, l2: 2e-6, seed: 20261204 };
        let model = linear::train(&xs, &ys, &[], vocab.len(), LABELS.len(), p);
        // quantise through the file format, so the trained model and the
        // shipped one give the same answers
        let m = TopicModel { vocab, model };
        TopicModel::parse(&m.to_text()).expect("a model we just wrote parses")
    }

    /// The model file: a header, the biases, then one line per word whose
    /// weights are not all zero after quantisation.
    pub fn to_text(&self) -> String {
        let c = self.model.classes;
        let q = |v: f32| (v * SCALE).round() as i32;
        let mut out = format!("marsad-topic 1\nlabels {}\nbias", LABELS.join(" "));
        for b in &self.model.bias {
            out.push_str(&format!(" {}", q(*b)));
        }
        out.push('\n');
        let mut words: Vec<(&str, u32)> = self.vocab.iter().map(|(w, i)| (&**w, *i)).collect();
        words.sort();
        for (w, i) in words {
            let row = &self.model.w[i as usize * c..(i as usize + 1) * c];
            if row.iter().all(|v| q(*v) == 0) {
                continue;
            }
            out.push_str(w);
            out.push('\t');
            let cells: Vec<String> = row.iter().map(|v| q(*v).to_string()).collect();
            out.push_str(&cells.join(" "));
            out.push('\n');
        }
        out
    }

    pub fn parse(text: &str) -> Result<Self> {
        let mut lines = crate::modelfile::lines(text);
        if lines.next() != Some("marsad-topic 1") {
            bail!("not a marsad topic model (first line)");
        }
        let labels = lines.next().and_then(|l| l.strip_prefix("labels ")).context("no labels line")?;
        if labels.split(' ').collect::<Vec<_>>() != LABELS {
            bail!("the model's labels are not {LABELS:?}");
        }
        let c = LABELS.len();
        let nums = |s: &str, what: &str| -> Result<Vec<f32>> {
            let v: Vec<f32> = s
                .split(' ')
                .filter(|x| !x.is_empty())
                .map(|x| x.parse::<i32>().map(|n| n as f32 / SCALE))
                .collect::<Result<_, _>>()
                .with_context(|| format!("bad number in {what}"))?;
            if v.len() != c {
                bail!("{what}: {} weights, expected {c}", v.len());
            }
            Ok(v)
        };
        let bias = nums(lines.next().and_then(|l| l.strip_prefix("bias")).context("no bias line")?, "bias")?;
        let mut vocab = WordMap::default();
        let rows = text.len() / 40;
        vocab.reserve(rows);
        let mut w = Vec::with_capacity(rows * c);
        // each line read in one pass where it has the form `to_text` writes
        // (`modelfile::topic_row`: `nums`' numbers), the others as before
        let mut rest = lines.rest();
        let mut n = 0;
        while !rest.is_empty() {
            let word = match crate::modelfile::topic_row(rest, c, SCALE, &mut w) {
                Some((word, next)) => {
                    rest = next;
                    word
                }
                None => {
                    let mut one = crate::modelfile::lines(rest);
                    let line = one.next().unwrap_or_default();
                    rest = one.rest();
                    let (word, nums_text) = line.split_once('\t').with_context(|| format!("line {}: no tab", n + 4))?;
                    w.extend(nums(nums_text, word)?);
                    word
                }
            };
            vocab.insert(word.into(), vocab.len() as u32);
            n += 1;
        }
        Ok(TopicModel { vocab, model: Softmax { classes: c, w, bias } })
    }

    pub fn vocabulary_size(&self) -> usize {
        self.vocab.len()
    }
}
