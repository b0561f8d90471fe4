//! marsad-detect: the learned decisions that sit on top of the rule stages.
//!
//! - [`TopicStage`] (after text) classifies what the document is about, from
//!   a model trained on an outlet's sections (`topic`).
//! - [`DetectStage`] (after events) decides, for every event candidate the
//!   rules found, whether the sentence reports a real event of that type
//!   now, or something else: sport, a metaphor, a title or plot, a charge, a
//!   statistic, history. It drops the non-events, marks the mentions that
//!   are not new happenings (planned, generic, charged, historical) as
//!   `generic` when the rules had not flagged them, gives each event the
//!   model's probability that it happened as its `confidence`, marks
//!   events dated long before publication or named as a reference (منفذ
//!   الهجوم، ملف اغتيال …) as `background`, and foiled or planned ones as
//!   `hypothetical` ([`reference`]).
//!
//! Both models are trained by marsad's own code (`marsad train topic`,
//! `marsad train events`) and shipped in `models/`. See README.md for the
//! data and the numbers.

pub mod args;
pub mod features;
pub mod labels;
pub mod linear;
mod modelfile;
pub mod reference;
pub mod topic;
pub mod train;

/// What the feature-name equivalence tests (features and args) put on a document.
#[cfg(test)]
mod test_events {
    use marsad_core::{ActorRef, Document, Event, EventType, TextSpan, Token};

    /// An event of a type that varies with the token (`i`) and text (`k`), at token `t`,
    /// with an actor of some sector on every second token and a recipient on every third,
    /// so that each kind of field is both set and unset.
    pub(crate) fn on_token(d: &Document, i: usize, k: usize, t: &Token) -> Event {
        let kind = EventType::ALL[(i + k) % EventType::ALL.len()];
        let mut e = Event { kind, trigger: TextSpan { text: String::new(), start: t.start, end: t.end + (i % 3 == 0) as usize }, sentence: d.sentence_at(t.start), ..Default::default() };
        if i % 2 == 0 {
            e.actor = Some(ActorRef { sector: ["COP", "REB", "GOV", "XYZ"].get(i % 5).map(|s| s.to_string()), ..Default::default() });
        }
        if i % 3 == 0 {
            e.recipient = Some(ActorRef::default());
        }
        e
    }
}

use anyhow::{bail, Context, Result};
use marsad_core::{Document, Stage};
use std::collections::HashMap;
use std::sync::OnceLock;
pub use topic::TopicModel;

/// An event dated more than this many days before publication is background.
pub const BACKGROUND_DAYS: i64 = 366;

/// The shipped topic model, loaded once per process.
pub fn shipped_topic() -> Result<&'static TopicModel> {
    static M: OnceLock<TopicModel> = OnceLock::new();
    if let Some(m) = M.get() {
        return Ok(m);
    }
    let m = TopicModel::shipped()?;
    Ok(M.get_or_init(|| m))
}

/// Sets `doc.topic`.
pub struct TopicStage {
    model: &'static TopicModel,
}

impl TopicStage {
    pub fn load() -> Result<Self> {
        Ok(TopicStage { model: shipped_topic()? })
    }
}

impl Stage for TopicStage {
    fn name(&self) -> &'static str {
        "topic"
    }
    fn annotate(&self, doc: &mut Document) {
        // the probabilities stay on the document for the detect stage
        let p = self.model.probs(doc);
        doc.topic = p.as_deref().map(topic::topic_of_probs);
        doc.topic_probs = marsad_core::Scratch(Some((topic_key(doc), p)));
    }
}

/// What the topic probabilities left on a document were computed from: its
/// language, its tokens (where they are and how many) and its title's
/// length. A document whose key changed since has them computed afresh.
fn topic_key(doc: &Document) -> [usize; 4] {
    [doc.tokens.as_ptr() as usize, doc.tokens.len(), doc.title.as_ref().map_or(usize::MAX, |t| t.len()), doc.lang as usize]
}

/// What the model says a candidate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Not an event of this type at all: sport, a metaphor, another sense
    /// of the word, a plot, an accident, another type.
    NotEvent = 0,
    /// An event of this type that is not a new happening: planned,
    /// threatened, denied, generic, a charge in court, history.
    Mention = 1,
    /// An event of this type that happened in the news period.
    Event = 2,
}

pub const CLASSES: [Class; 3] = [Class::NotEvent, Class::Mention, Class::Event];

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::NotEvent => "not-event",
            Class::Mention => "mention",
            Class::Event => "event",
        }
    }
    /// The class of a label (`event`, or `none` with a reason).
    pub fn of_label(label: &str, reason: Option<&str>) -> Class {
        match (label, reason) {
            ("event", _) => Class::Event,
            (_, Some("hypothetical" | "generic" | "background" | "legal")) => Class::Mention,
            _ => Class::NotEvent,
        }
    }
}

/// The event detection model: a three-class logistic regression over
/// [`features`] (weights per feature in [`CLASSES`] order).
pub struct DetectModel {
    /// Hashed with [`marsad_text::FastHasher`]: every feature of every
    /// candidate is looked up (SipHash was 1.5 % of the pipeline's
    /// instructions); the file is written sorted, so the order is not seen.
    weights: WeightMap,
    bias: [f32; 3],
    /// A candidate is dropped when its not-event probability is the largest
    /// and at least this.
    pub threshold: f32,
}

/// One feature's part in a decision, for `marsad explain`: its value times
/// its weight for the chosen class minus the mean of the others.
#[derive(Clone, Debug)]
pub struct Contribution {
    pub feature: String,
    pub value: f32,
    pub weight: f32,
}

/// The model's verdict on one candidate.
#[derive(Clone, Debug)]
pub struct Verdict {
    /// Probabilities in [`CLASSES`] order.
    pub probs: [f32; 3],
    pub class: Class,
    pub background: bool,
    /// The features, largest part in the decision first.
    pub because: Vec<Contribution>,
}

impl Verdict {
    pub fn keep(&self) -> bool {
        self.class != Class::NotEvent
    }
}

type WeightMap = marsad_text::KeyMap<[f32; 3]>;

impl DetectModel {
    /// The embedded model; `MARSAD_DETECT_MODEL=FILE` replaces it (experiments only).
    pub fn shipped() -> Result<Self> {
        Self::parse(&crate::modelfile::embedded_or_env("MARSAD_DETECT_MODEL", include_str!("../models/detect.model"))?).context("the detection model")
    }

    pub fn from_weights(weights: HashMap<String, [f32; 3]>, bias: [f32; 3], threshold: f32) -> Self {
        DetectModel { weights: weights.into_iter().map(|(k, v)| (k.into(), v)).collect(), bias, threshold }
    }

    /// Class probabilities of a candidate, from its features.
    pub fn probs(&self, feats: &[(String, f32)]) -> [f32; 3] {
        let mut z = self.bias;
        for (k, v) in feats {
            if let Some(w) = self.weights.get(k.as_str()) {
                for c in 0..3 {
                    z[c] += w[c] * v;
                }
            }
        }
        linear::softmax_in_place(&mut z);
        z
    }

    /// The class the model gives to these probabilities.
    pub fn decide(&self, p: &[f32; 3]) -> Class {
        if p[0] >= p[1].max(p[2]) && p[0] >= self.threshold {
            Class::NotEvent
        } else if p[1] > p[2] {
            Class::Mention
        } else {
            Class::Event
        }
    }

    /// Model file: header, threshold, biases, then `w_not w_mention
    /// w_event<TAB>feature` lines sorted by feature.
    pub fn to_text(&self) -> String {
        let mut rows: Vec<(&str, [f32; 3])> = self.weights.iter().map(|(k, v)| (&**k, *v)).filter(|(_, v)| v.iter().any(|x| x.abs() >= 5e-4)).collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let b = self.bias;
        let mut out = format!("marsad-detect 2\nthreshold {:.3}\nbias {:.4} {:.4} {:.4}\n", self.threshold, b[0], b[1], b[2]);
        for (k, v) in rows {
            out.push_str(&format!("{:.4} {:.4} {:.4}\t{k}\n", v[0], v[1], v[2]));
        }
        out
    }

    pub fn parse(text: &str) -> Result<Self> {
        let mut lines = modelfile::lines(text);
        if lines.next() != Some("marsad-detect 2") {
            bail!("not a marsad detection model, version 2 (first line)");
        }
        let threshold: f32 = lines.next().and_then(|l| l.strip_prefix("threshold ")).context("no threshold line")?.parse()?;
        let three = |s: &str| -> Result<[f32; 3]> {
            let v: Vec<f32> = s.split(' ').map(|x| x.parse::<f32>()).collect::<Result<_, _>>()?;
            v.try_into().map_err(|_| anyhow::anyhow!("expected three weights"))
        };
        let bias = three(lines.next().and_then(|l| l.strip_prefix("bias ")).context("no bias line")?)?;
        let mut weights = WeightMap::default();
        weights.reserve(text.len() / 40);
        // each line read in one pass where it has the form `to_text` writes
        // (`modelfile::detect_row`: the same numbers as `three`), the lines
        // of any other form as before
        let mut rest = lines.rest();
        let mut n = 0;
        while !rest.is_empty() {
            if let Some((v, k, next)) = modelfile::detect_row(rest) {
                weights.insert(k.into(), v);
                rest = next;
                n += 1;
                continue;
            }
            let mut one = modelfile::lines(rest);
            let line = one.next().unwrap_or_default();
            rest = one.rest();
            let (w, k) = line.split_once('\t').with_context(|| format!("line {}: no tab", n + 4))?;
            weights.insert(k.into(), three(w).with_context(|| format!("line {}", n + 4))?);
            n += 1;
        }
        Ok(DetectModel { weights, bias, threshold })
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Class probabilities of `doc.events[ev]`, without collecting the
    /// features (the stage's fast path; [`judge`](Self::judge) gives the same
    /// numbers with the explanation).
    pub fn probs_of(&self, doc: &Document, ev: usize, topic: Option<&[f32]>) -> [f32; 3] {
        let mut z = self.bias;
        features::for_each_feature(doc, ev, topic, &mut |k, v| {
            if let Some(w) = self.weights.get(k) {
                for c in 0..3 {
                    z[c] += w[c] * v;
                }
            }
        });
        linear::softmax_in_place(&mut z);
        z
    }

    /// The verdict on `doc.events[ev]`, with the features that decided it.
    pub fn judge(&self, doc: &Document, ev: usize, topic: Option<&[f32]>) -> Verdict {
        let mut feats = Vec::new();
        features::features(doc, ev, topic, &mut feats);
        let probs = self.probs(&feats);
        let class = self.decide(&probs);
        let k = class as usize;
        let mut because: Vec<Contribution> = feats
            .into_iter()
            .filter_map(|(feature, value)| {
                self.weights.get(feature.as_str()).map(|w| {
                    let others = (w.iter().sum::<f32>() - w[k]) / 2.0;
                    Contribution { feature, value, weight: w[k] - others }
                })
            })
            .collect();
        because.sort_by(|a, b| (b.value * b.weight).abs().total_cmp(&(a.value * a.weight).abs()));
        let (background, _) = flags(doc, ev);
        Verdict { probs, class, background, because }
    }
}

/// What the stage marks besides the model's verdict: background (dated long
/// before publication, or named as a reference) and unrealised (foiled or
/// planned). One place, so `marsad detect explain` says what the stage does.
fn flags(doc: &Document, ev: usize) -> (bool, bool) {
    let e = &doc.events[ev];
    let background = features::days_before_publication(doc, e).is_some_and(|d| d > BACKGROUND_DAYS) || reference::is_reference(doc, e);
    (background, reference::is_unrealised(doc, e))
}

/// Keeps the event candidates the model accepts (their `confidence` becomes
/// its probability) and marks the background ones.
pub struct DetectStage {
    topic: &'static TopicModel,
    model: DetectModel,
    args: args::ArgModel,
}

impl DetectStage {
    pub fn load() -> Result<Self> {
        Ok(DetectStage { topic: shipped_topic()?, model: DetectModel::shipped()?, args: args::ArgModel::shipped()? })
    }

    pub fn with_model(model: DetectModel) -> Result<Self> {
        Ok(DetectStage { topic: shipped_topic()?, model, args: args::ArgModel::shipped()? })
    }

    pub fn model(&self) -> &DetectModel {
        &self.model
    }

    /// The topic probabilities the model reads for `doc`.
    pub fn topic_probs(&self, doc: &Document) -> Option<Vec<f32>> {
        self.topic.probs(doc)
    }

    /// The topic probabilities of `doc`: those the topic stage left on it
    /// for these tokens, or else computed into `computed`.
    fn left_topic_probs<'d>(&self, doc: &'d Document, computed: &'d mut Option<Vec<f32>>) -> Option<&'d [f32]> {
        match &doc.topic_probs.0 {
            Some((key, p)) if *key == topic_key(doc) => p.as_deref(),
            _ => {
                *computed = self.topic.probs(doc);
                computed.as_deref()
            }
        }
    }

    /// The verdict on every event candidate of `doc` (which must have been
    /// annotated through the events stage), without changing it.
    pub fn judge_all(&self, doc: &Document) -> Vec<Verdict> {
        let tp = self.topic.probs(doc);
        (0..doc.events.len()).map(|i| self.model.judge(doc, i, tp.as_deref())).collect()
    }
}

impl Stage for DetectStage {
    fn name(&self) -> &'static str {
        "detect"
    }
    fn annotate(&self, doc: &mut Document) {
        if doc.events.is_empty() {
            return;
        }
        let mut computed = None;
        let tp = self.left_topic_probs(doc, &mut computed);
        let verdicts: Vec<(Class, f32, bool, bool)> = (0..doc.events.len())
            .map(|i| {
                let p = self.model.probs_of(doc, i, tp);
                let (bg, unrealised) = flags(doc, i);
                (self.model.decide(&p), p[Class::Event as usize], bg, unrealised)
            })
            .collect();
        let events = std::mem::take(&mut doc.events);
        doc.events = events
            .into_iter()
            .zip(verdicts)
            .filter(|(_, (class, _, _, _))| *class != Class::NotEvent)
            .map(|(mut e, (class, p_event, background, unrealised))| {
                e.confidence = (p_event * 1000.0).round() / 1000.0;
                e.background = background;
                // foiled or planned (أحبطت الشرطة هجوما): never carried out
                e.hypothetical |= unrealised;
                // a mention the rules read as happening: not a new incident
                if class == Class::Mention && !(e.negated || e.hypothetical || e.generic || e.background) {
                    e.generic = true;
                }
                e
            })
            .collect();
        // who did it to whom: the learned ranker re-attaches the arguments
        self.args.apply(doc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_core::{Event, TextSpan};

    fn doc_with_event() -> Document {
        let mut d = Document::new("t", "هاجم مسلحون نقطة تفتيش أمس في المدينة. وقالت الشرطة إن التحقيق جار. وأضافت أن الوضع هادئ.");
        marsad_text::annotate(&mut d);
        d.published = Some("2017-05-02".into());
        d.events.push(Event {
            kind: marsad_core::EventType::Assault,
            trigger: TextSpan { text: "هاجم".into(), start: 0, end: 4 },
            evidence: marsad_core::Span::new(0, 38),
            ..Default::default()
        });
        d
    }

    #[test]
    fn the_fast_path_gives_the_explained_probabilities() {
        let m = DetectModel::shipped().unwrap();
        let d = doc_with_event();
        let topic = shipped_topic().unwrap().probs(&d);
        let v = m.judge(&d, 0, topic.as_deref());
        let p = m.probs_of(&d, 0, topic.as_deref());
        for c in 0..3 {
            assert!((v.probs[c] - p[c]).abs() < 1e-6, "{:?} vs {:?}", v.probs, p);
        }
        assert!(!v.because.is_empty());
    }

    #[test]
    fn detect_reads_the_topic_stages_probabilities() {
        let mut d = doc_with_event();
        TopicStage::load().unwrap().annotate(&mut d);
        let t = shipped_topic().unwrap();
        let fresh = t.probs(&d);
        assert!(fresh.is_some());
        assert_eq!(d.topic_probs.0.as_ref().map(|p| &p.1), Some(&fresh), "the stage leaves the model's probabilities");
        assert_eq!(d.topic, t.topic(&d), "and the same topic as before");
        let stage = DetectStage::load().unwrap();
        let mut computed = None;
        let left = d.topic_probs.0.as_ref().unwrap().1.as_deref().unwrap();
        assert!(std::ptr::eq(stage.left_topic_probs(&d, &mut computed).unwrap(), left), "read, not computed");
        assert!(computed.is_none());
        // other tokens (a copy, more tokens): computed afresh
        let mut other = d.clone();
        assert_eq!(stage.left_topic_probs(&other, &mut computed), fresh.as_deref());
        assert!(computed.is_some());
        other.tokens.pop();
        other.topic_probs = marsad_core::Scratch(Some((topic_key(&d), Some(vec![0.5; 9]))));
        let mut computed = None;
        assert_ne!(stage.left_topic_probs(&other, &mut computed), Some(&[0.5f32; 9][..]));
        // documents compare and serialise as without it
        let mut bare = d.clone();
        bare.topic_probs = marsad_core::Scratch(None);
        assert_eq!(bare, d);
        assert_eq!(serde_json::to_string(&bare).unwrap(), serde_json::to_string(&d).unwrap());
    }

    #[test]
    fn model_files_round_trip() {
        let m = DetectModel::shipped().unwrap();
        let again = DetectModel::parse(&m.to_text()).unwrap();
        assert_eq!(again.to_text(), m.to_text());
        assert!(DetectModel::parse("marsad-detect 1\nthreshold 0.5\nbias 0\n").is_err(), "an old or foreign file is refused");
        let t = shipped_topic().unwrap();
        assert_eq!(TopicModel::parse(&t.to_text()).unwrap().to_text(), t.to_text());
    }

    #[test]
    fn classes_follow_the_labelling_guide() {
        assert_eq!(Class::of_label("event", None), Class::Event);
        assert_eq!(Class::of_label("none", Some("background")), Class::Mention);
        assert_eq!(Class::of_label("none", Some("legal")), Class::Mention);
        assert_eq!(Class::of_label("none", Some("sport")), Class::NotEvent);
        assert_eq!(Class::of_label("none", Some("wrong_type")), Class::NotEvent);
    }

    #[test]
    fn background_is_a_year_before_publication() {
        let mut d = doc_with_event();
        d.events[0].date = Some(marsad_core::TimeExpr { value: Some("2015-03".into()), ..Default::default() });
        let v = DetectModel::shipped().unwrap().judge(&d, 0, None);
        assert!(v.background);
        d.events[0].date = Some(marsad_core::TimeExpr { value: Some("2017-04-30".into()), ..Default::default() });
        assert!(!DetectModel::shipped().unwrap().judge(&d, 0, None).background);
    }
}

marsad_text::word_lists_test!(&[]);
