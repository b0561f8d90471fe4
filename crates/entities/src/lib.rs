//! marsad-entities: the entities stage of the pipeline.
//!
//! * Arabic sentences: a BIO tagger over PERS/LOC/ORG/MISC (averaged
//!   structured perceptron, hashed Arabic-aware features, Viterbi decoding
//!   with BIO constraints), trained by [`train_conll`] on ANERcorp and
//!   embedded in the binary (`data/ner.model`).
//! * English sentences: capitalisation, context patterns and small lists
//!   ([`english`]).
//! * DATE and NUM in both languages: rules ([`rules`]).
//!
//! The model file format and the scores are documented in README.md.

pub mod conll;
pub mod english;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod rules;

use anyhow::Result;
use features::{features, tok_info, TokInfo};
use lexicon::Lexicon;
use marsad_core::{Document, Entity, EntityType, Lang, Stage, TokenKind};
use model::{Model, Sample, NT, TAGS};
use std::sync::OnceLock;

/// The embedded model (may be empty in a fresh checkout before training).
static MODEL_BYTES: &[u8] = include_bytes!("../data/ner.model");

/// The word lists, loaded once.
pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(Lexicon::load)
}

/// An Arabic NER tagger: a model plus the shared lexicon.
pub struct Tagger {
    pub model: Model,
}

impl Tagger {
    /// The model embedded in the binary.
    pub fn embedded() -> Result<Tagger> {
        Self::from_bytes(MODEL_BYTES)
    }

    pub fn from_bytes(b: &[u8]) -> Result<Tagger> {
        let model = if b.is_empty() {
            Model { index: Default::default(), w: Vec::new(), trans: vec![0.0; (NT + 1) * NT] }
        } else {
            Model::from_bytes(b)?
        };
        Ok(Tagger { model })
    }

    pub fn load_file(path: &str) -> Result<Tagger> {
        let b = std::fs::read(path)?;
        Self::from_bytes(&b)
    }

    /// Tag a sentence of tokens: one BIO tag id per token (see [`model::TAGS`])
    /// and a confidence in (0, 1) per token.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> (Vec<u8>, Vec<f32>) {
        let toks = sentence_info(words);
        let mut fb = Vec::with_capacity(96);
        let mut em = Vec::with_capacity(toks.len());
        for i in 0..toks.len() {
            features(&toks, i, &mut fb);
            let mut e = [0f32; NT];
            self.model.emit(&fb, &mut e);
            em.push(e);
        }
        let tags = self.model.viterbi(&em);
        let conf = tags
            .iter()
            .zip(&em)
            .map(|(&t, e)| {
                let best = e[t as usize];
                let other = e.iter().enumerate().filter(|(k, _)| *k != t as usize).map(|(_, v)| *v).fold(f32::MIN, f32::max);
                1.0 / (1.0 + (-(best - other) / 4.0).exp())
            })
            .collect();
        (tags, conf)
    }

    /// Tag and return tag strings.
    pub fn tag_strings<S: AsRef<str>>(&self, words: &[S]) -> Vec<&'static str> {
        self.tag(words).0.iter().map(|&t| TAGS[t as usize]).collect()
    }
}

/// Token infos of a sentence, with multiword lexicon matches marked.
pub fn sentence_info<S: AsRef<str>>(words: &[S]) -> Vec<TokInfo> {
    let lx = lexicon();
    let mut toks: Vec<TokInfo> = words.iter().map(|w| tok_info(w.as_ref(), lx)).collect();
    lx.mark_phrases(&mut toks);
    toks
}

/// The process-wide embedded tagger.
pub fn embedded_tagger() -> Result<&'static Tagger> {
    static T: OnceLock<Tagger> = OnceLock::new();
    if let Some(t) = T.get() {
        return Ok(t);
    }
    let t = Tagger::embedded()?;
    Ok(T.get_or_init(|| t))
}

/// Features and gold tags of CoNLL sentences.
pub fn samples(sents: &[conll::Sent]) -> Vec<Sample> {
    let mut fb = Vec::new();
    sents
        .iter()
        .map(|s| {
            let toks = sentence_info(&s.tokens);
            let feats = (0..toks.len())
                .map(|i| {
                    features(&toks, i, &mut fb);
                    fb.clone()
                })
                .collect();
            Sample { feats, gold: s.tags.iter().map(|t| model::tag_id(t)).collect() }
        })
        .collect()
}

/// Score a tagger on gold sentences.
pub fn evaluate(t: &Tagger, gold: &[conll::Sent]) -> conll::Score {
    let mut sc = conll::Score::default();
    for s in gold {
        let pred = t.tag_strings(&s.tokens);
        sc.add(&s.tags, &pred);
    }
    sc
}

/// Training options.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Keep features seen at least this often in training.
    pub min_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 12, seed: 7, min_count: 1 }
    }
}

/// Train on CoNLL sentences; when `dev` is given, print its micro-F1 after
/// every epoch to stderr (for information: the returned model is always the
/// one after the last epoch, so results do not depend on dev).
pub fn train_conll(train: &[conll::Sent], dev: Option<&[conll::Sent]>, opt: &TrainOptions) -> Model {
    let samples = samples(train);
    model::train(&samples, opt.epochs, opt.seed, opt.min_count, |ep, m| {
        if let Some(dev) = dev {
            let t = Tagger { model: Model { index: m.index.clone(), w: m.w.clone(), trans: m.trans.clone() } };
            let sc = evaluate(&t, dev);
            eprintln!("epoch {ep:>2}: dev micro P {:.2} R {:.2} F1 {:.2}", sc.micro.p(), sc.micro.r(), sc.micro.f());
        } else {
            eprintln!("epoch {ep:>2} done");
        }
    })
}

/// Tagging throughput of the embedded model on a CoNLL file:
/// (tokens tagged, seconds spent tagging, single thread). Reading and
/// parsing the file are not timed; feature extraction is.
pub fn bench_conll(path: &str) -> Result<(usize, f64)> {
    let t = embedded_tagger()?;
    let text = std::fs::read_to_string(path)?;
    let sents = conll::parse(&text);
    let start = std::time::Instant::now();
    let mut n = 0;
    for s in &sents {
        let (tags, _) = t.tag(&s.tokens);
        n += tags.len();
    }
    Ok((n, start.elapsed().as_secs_f64()))
}

/// The entities stage. `load` reads the resources embedded in the binary.
pub struct EntityStage {
    tagger: &'static Tagger,
}

impl EntityStage {
    pub fn load() -> Result<Self> {
        lexicon();
        Ok(EntityStage { tagger: embedded_tagger()? })
    }

    /// A stage using another model (e.g. `marsad ner --model`).
    pub fn with_tagger(tagger: &'static Tagger) -> Self {
        EntityStage { tagger }
    }
}

/// Char offset where an Arabic entity's text should start inside its first
/// token: a conjunction/preposition clitic is left out (وبغداد → بغداد,
/// والعراق → العراق) when what remains is clearly a name.
fn trim_proclitic(surface: &str) -> usize {
    let n = marsad_text::normalize(surface);
    let a = marsad_text::clitics::analyze(&n);
    let pre = a.prefix(&n);
    if pre.is_empty() {
        return 0;
    }
    let drop_chars = if let Some(p) = pre.strip_suffix("ال") {
        p.chars().count()
    } else if pre.ends_with("لل") {
        0
    } else {
        let rest = &n[pre.len()..];
        if lexicon().flags(rest).0 != 0 { pre.chars().count() } else { 0 }
    };
    if drop_chars == 0 {
        return 0;
    }
    // walk the surface: count chars that survive normalisation
    let mut kept = 0;
    for (ci, c) in surface.chars().enumerate() {
        if marsad_text::normalize_char(c).is_some() {
            if kept == drop_chars {
                return ci;
            }
            kept += 1;
        }
    }
    0
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn annotate(&self, doc: &mut Document) {
        let mut ents: Vec<Entity> = Vec::new();
        for si in 0..doc.sentences.len() {
            let lang = doc.sentences[si].lang;
            let toks = doc.sentence_tokens(si);
            if toks.is_empty() {
                continue;
            }
            let is_en = lang == Lang::En || (lang == Lang::Und && doc.lang == Lang::En);
            if is_en {
                for (ty, a, b, conf) in english::tag(doc, toks) {
                    let (s, e) = (toks[a].start, toks[b - 1].end);
                    ents.push(Entity { kind: ty, text: doc.slice(s, e).to_string(), start: s, end: e, sentence: si, confidence: conf, source: "rule".into() });
                }
            } else {
                // tag Arabic (and mixed) sentences with the model
                let words: Vec<&str> = toks.iter().map(|t| &doc.text[t.byte_start..t.byte_end]).collect();
                let has_arabic = toks.iter().any(|t| t.kind == TokenKind::Arabic);
                if has_arabic && !self.tagger.model.index.is_empty() {
                    let (tags, conf) = self.tagger.tag(&words);
                    let tag_s: Vec<&str> = tags.iter().map(|&t| TAGS[t as usize]).collect();
                    for (ty, a, b) in conll::chunks(&tag_s) {
                        let Some(kind) = EntityType::parse(&ty) else { continue };
                        let s = toks[a].start + trim_proclitic(words[a]);
                        let e = toks[b - 1].end;
                        let c = conf[a..b].iter().copied().fold(1.0f32, f32::min);
                        ents.push(Entity { kind, text: doc.slice(s, e).to_string(), start: s, end: e, sentence: si, confidence: c, source: "model".into() });
                    }
                }
            }
            for (ty, a, b, conf) in rules::find(doc, toks) {
                let (s, e) = (toks[a].start, toks[b - 1].end);
                if ents.iter().any(|x| x.sentence == si && x.start < e && s < x.end) {
                    continue;
                }
                ents.push(Entity { kind: ty, text: doc.slice(s, e).to_string(), start: s, end: e, sentence: si, confidence: conf, source: "rule".into() });
            }
        }
        ents.sort_by_key(|e| (e.start, e.end));
        doc.entities = ents;
    }
}
