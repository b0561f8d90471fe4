//! Training and scoring of the detection model on labelled candidates.

use crate::labels::Example;
use crate::linear::{self, Params, Sparse};
use crate::{Class, DetectModel};

/// The class a labelled example is trained on.
pub fn class_of(e: &Example) -> Class {
    Class::of_label(&e.label.label, e.label.reason.as_deref())
}

/// Whether the model, with the rules' flags, says the candidate happened.
pub fn predicts_happened(m: &DetectModel, e: &Example) -> bool {
    let rule_flag = e.features.iter().any(|(k, _)| k.starts_with("neg|") || k.starts_with("hyp|") || k.starts_with("gen|"));
    m.decide(&m.probs(&e.features)) == Class::Event && !rule_flag
}

/// Whether the model keeps the candidate at all (event or mention).
pub fn predicts_kept(m: &DetectModel, e: &Example) -> bool {
    m.decide(&m.probs(&e.features)) != Class::NotEvent
}
use std::collections::{BTreeMap, HashMap};

/// Settings chosen by cross-validation on the train part only.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub l2: f32,
    /// Weight of a real event against a non-event in training.
    pub pos_weight: f32,
    /// `Some(epochs)`: the old procedure, stochastic gradient descent for this
    /// many epochs (kept to measure against); `None`: to the optimum by L-BFGS.
    pub sgd_epochs: Option<usize>,
    pub threshold: f32,
}

pub const DEFAULT: Settings = Settings { l2: 1e-3, pos_weight: 1.0, sgd_epochs: None, threshold: 0.5 };

/// Train a detection model on examples.
pub fn train(exs: &[&Example], s: Settings) -> DetectModel {
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let mut xs: Vec<Sparse> = Vec::with_capacity(exs.len());
    for e in exs {
        let mut x: Sparse = Vec::with_capacity(e.features.len());
        for (k, v) in &e.features {
            if k == "bias" {
                continue;
            }
            let i = *index.entry(k.as_str()).or_insert_with(|| {
                names.push(k.as_str());
                names.len() as u32 - 1
            });
            x.push((i, *v));
        }
        xs.push(x);
    }
    let ys: Vec<usize> = exs.iter().map(|e| class_of(e) as usize).collect();
    let wts: Vec<f32> = ys.iter().map(|&y| if y == Class::Event as usize { s.pos_weight } else { 1.0 }).collect();
    let m = match s.sgd_epochs {
        Some(epochs) => linear::train(&xs, &ys, &wts, names.len(), 3, Params { epochs, rate: 0.2, l2: s.l2, seed: 20261204 }),
        None => linear::train_full(&xs, &ys, &wts, names.len(), 3, s.l2 as f64).0,
    };
    let weights: HashMap<String, [f32; 3]> = names.iter().enumerate().map(|(i, n)| (n.to_string(), [m.w[i * 3], m.w[i * 3 + 1], m.w[i * 3 + 2]])).collect();
    let model = DetectModel::from_weights(weights, [m.bias[0], m.bias[1], m.bias[2]], s.threshold);
    // round-trip through the file format, so what is scored is what ships
    DetectModel::parse(&model.to_text()).expect("a model we just wrote parses")
}

/// Counts of one type (or all): true/false positives, false negatives.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, gold: bool, kept: bool) {
        match (gold, kept) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
}

/// Scores per type and in all, of `keep` deciding each example.
/// Gold is "happened" (label `event`) unless `gold` says otherwise.
pub fn score(exs: &[&Example], keep: impl Fn(&Example) -> bool) -> (BTreeMap<String, Counts>, Counts) {
    score_against(exs, |e| e.label.is_event(), keep)
}

pub fn score_against(exs: &[&Example], gold: impl Fn(&Example) -> bool, keep: impl Fn(&Example) -> bool) -> (BTreeMap<String, Counts>, Counts) {
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    for e in exs {
        let k = keep(e);
        per.entry(e.label.kind.clone()).or_default().add(gold(e), k);
        all.add(gold(e), k);
    }
    (per, all)
}

/// k-fold cross-validation F1 (over all types) of settings on `exs`; folds
/// by article, so one article's candidates never straddle train and test.
pub fn cross_validate(exs: &[&Example], s: Settings, k: usize) -> f64 {
    let fold_of = |e: &Example| {
        let mut h: u64 = 1469598103934665603;
        for b in e.label.doc.bytes() {
            h = (h ^ b as u64).wrapping_mul(1099511628211);
        }
        (h % k as u64) as usize
    };
    let mut all = Counts::default();
    for f in 0..k {
        let tr: Vec<&Example> = exs.iter().copied().filter(|e| fold_of(e) != f).collect();
        let te: Vec<&Example> = exs.iter().copied().filter(|e| fold_of(e) == f && !e.sentence_only).collect();
        let m = train(&tr, s);
        let (_, c) = score(&te, |e| predicts_happened(&m, e));
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
        all.tn += c.tn;
    }
    all.f1()
}
