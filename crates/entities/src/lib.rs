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

pub mod brown;
pub mod clusters;
pub mod conll;
pub mod english;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod rules;
pub mod tableimg;
#[cfg(test)]
mod wfparse;
pub mod wordfreq;

use anyhow::Result;
use features::{features, tok_info, TokInfo};
use lexicon::Lexicon;
use marsad_core::{Document, Entity, EntityType, Lang, Stage, TokenKind};
use model::{Model, Sample, NT, TAGS};
use std::sync::OnceLock;

/// The embedded model (may be empty in a fresh checkout before training).
static MODEL_BYTES: &[u8] = include_bytes!("../data/ner.model");
/// The table of `MODEL_BYTES`, filled at build time (`build.rs`,
/// [`tableimg::image`]).
static TABLE_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner_table.bin"));

/// The embedded model's table from its compiled image; `None` (the caller
/// fills it from the model's bytes) if the image was made from another
/// file or does not read.
fn embedded_table() -> Option<model::Table> {
    let m = tableimg::IMAGE_MAGIC.len();
    let len = TABLE_IMAGE.get(m..m + 8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))?;
    if len != MODEL_BYTES.len() as u64 {
        return None;
    }
    model::Table::from_image(TABLE_IMAGE).ok()
}

/// The word lists, loaded once.
pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(Lexicon::load)
}

/// An Arabic NER tagger: a first-stage model and, optionally, a second
/// stage that also sees how the first stage tagged the same word in nearby
/// sentences (document-level consistency).
pub struct Tagger {
    /// Both stages' weights for fast tagging (built from the models, or
    /// straight from the model file's bytes).
    table: model::Table,
    /// The stages' transition weights (what decoding needs of the models).
    trans: [Vec<f32>; 2],
    has_stage2: bool,
    /// Features of stage 1 (0: an empty tagger).
    n_features: usize,
    /// The two models, made from `bytes` when first asked for
    /// ([`Tagger::model`], [`Tagger::stage2`]): tagging needs only the
    /// table, and the models' maps cost 41 M instructions and ≈ 15 MB to
    /// build.
    models: OnceLock<(Model, Option<Model>)>,
    /// The model file (empty when the models were given).
    bytes: std::borrow::Cow<'static, [u8]>,
    /// Stage 2's small-number features summed per combination (made on first use).
    ctx_tables: OnceLock<features::CtxTables>,
    live_tables: OnceLock<Box<features::LiveTables>>,
    /// Sentences either side that count as the same document for stage 2.
    pub window: usize,
    /// Force multiword names of marsad's lists (people, places, organisations)
    /// to their type when the model's entities do not cross them. Off for
    /// CoNLL tagging and evaluation (ANERcorp tags حركة حماس as O B-ORG, and
    /// the override costs 0.7 F1 on dev); the document stage turns it on.
    pub lexicon_override: bool,
    /// Decode-time biases: O at stage 1, O at stage 2 (subtracted), B/I-ORG
    /// at stage 2 (added), B/I-MISC at stage 2 (added). Defaults from
    /// [`O_BIAS`], [`ORG_BIAS`] and [`MISC_BIAS`].
    pub bias: [f32; 4],
}

/// Apply multiword list matches to predicted tags (see `Tagger::lexicon_override`).
fn apply_phrases(toks: &[TokInfo], tags: &mut [u8]) {
    use lexicon::flag;
    let mut m = lexicon().phrase_matches(toks);
    // longest first
    m.sort_by_key(|x| (std::cmp::Reverse(x.1 - x.0), x.0));
    let mut done = vec![false; tags.len()];
    for (a, b, bf, _) in m {
        let bt: u8 = if bf & flag::PERS_B != 0 {
            1
        } else if bf & flag::LOC_B != 0 {
            3
        } else if bf & flag::ORG_B != 0 {
            5
        } else {
            continue;
        };
        if done[a..b].iter().any(|&d| d) {
            continue;
        }
        // a predicted entity crossing the boundary or enclosing the phrase wins
        let chunk_start = |i: usize| tags[i] == 0 || tags[i] % 2 == 1;
        let crosses_left = tags[a] != 0 && !chunk_start(a);
        let crosses_right = b < tags.len() && tags[b] != 0 && !chunk_start(b);
        if crosses_left || crosses_right {
            continue;
        }
        tags[a] = bt;
        for t in tags.iter_mut().take(b).skip(a + 1) {
            *t = bt + 1;
        }
        for d in done.iter_mut().take(b).skip(a) {
            *d = true;
        }
    }
}

#[allow(dead_code)]
fn emissions(m: &Model, feats: &[Vec<u64>]) -> Vec<[f32; NT]> {
    feats
        .iter()
        .map(|f| {
            let mut e = [0f32; NT];
            m.emit(f, &mut e);
            e
        })
        .collect()
}

/// Temperature of the confidence marginals (calibrated on dev: see README).
fn confidence_temperature() -> f32 {
    static T: OnceLock<f32> = OnceLock::new();
    *T.get_or_init(|| std::env::var("MARSAD_NER_TEMP").ok().and_then(|s| s.parse().ok()).unwrap_or(30.0))
}

/// Recall bias: subtracted from the O tag's score before decoding (stage 1,
/// stage 2). ANERcorp taggers are precise but miss names (P ≫ R); a small
/// bias trades a little precision for more recall. Chosen by 5-fold
/// cross-validation over train+dev (see README); overridable for
/// experiments with MARSAD_NER_OBIAS1 / MARSAD_NER_OBIAS2.
fn o_bias() -> [f32; 2] {
    static B: OnceLock<[f32; 2]> = OnceLock::new();
    *B.get_or_init(|| {
        let get = |k: &str, d: f32| std::env::var(k).ok().and_then(|s| s.parse().ok()).unwrap_or(d);
        [get("MARSAD_NER_OBIAS1", O_BIAS[0]), get("MARSAD_NER_OBIAS2", O_BIAS[1])]
    })
}

const O_BIAS: [f32; 2] = [0.0, 10.0];
/// Added to B-ORG/I-ORG at stage 2 (ORG has the lowest recall after MISC);
/// chosen by the same CV: +0.27 F1 (a MISC bonus of 5 gave +0.25, both
/// together no more than either).
const ORG_BIAS: f32 = 5.0;
/// Added to B-MISC/I-MISC at stage 2.
const MISC_BIAS: f32 = 0.0;

fn confidences(tags: &[u8], em: &[[f32; NT]]) -> Vec<f32> {
    tags.iter()
        .zip(em)
        .map(|(&t, e)| {
            let best = e[t as usize];
            let other = e.iter().enumerate().filter(|(k, _)| *k != t as usize).map(|(_, v)| *v).fold(f32::MIN, f32::max);
            1.0 / (1.0 + (-(best - other) / 4.0).exp())
        })
        .collect()
}

impl Tagger {
    pub fn new(model: Model, stage2: Option<Model>, window: usize) -> Tagger {
        let table = model::Table::build(&model, stage2.as_ref());
        let ob = o_bias();
        let trans = [model.trans.clone(), stage2.as_ref().map_or_else(Vec::new, |m| m.trans.clone())];
        let (has_stage2, n_features) = (stage2.is_some(), model.index.len());
        Tagger {
            table,
            trans,
            has_stage2,
            n_features,
            models: OnceLock::from((model, stage2)),
            bytes: Default::default(),
            ctx_tables: OnceLock::new(),
            live_tables: OnceLock::new(),
            window,
            lexicon_override: false,
            bias: [ob[0], ob[1], ORG_BIAS, MISC_BIAS],
        }
    }

    /// [`Tagger::ctx_tables`]'s tables, made from the table's stage-2 weights.
    fn ctx_tables(&self) -> &features::CtxTables {
        self.ctx_tables.get_or_init(|| features::CtxTables::build(|f| self.stage2_weights(f)))
    }

    /// [`features::LiveTables`], made from the table's weights (both stages).
    fn live_tables(&self) -> &features::LiveTables {
        self.live_tables.get_or_init(|| features::LiveTables::build(|f| self.table.weights(f)))
    }

    /// Stage 2's weights of one feature (zeros when the model lacks it).
    fn stage2_weights(&self, f: u64) -> [i32; NT] {
        let w = self.table.weights(f).unwrap_or([0; 2 * NT]);
        std::array::from_fn(|t| w[NT + t] as i32)
    }

    /// The first stage's model.
    pub fn model(&self) -> &Model {
        &self.models().0
    }

    /// The second stage's model, if there is one.
    pub fn stage2(&self) -> Option<&Model> {
        self.models().1.as_ref()
    }

    fn models(&self) -> &(Model, Option<Model>) {
        self.models.get_or_init(|| Tagger::parse_models(&self.bytes).expect("checked when the tagger was made"))
    }

    /// The two models of a model file.
    fn parse_models(b: &[u8]) -> Result<(Model, Option<Model>)> {
        if let Some((_, b1, b2)) = Tagger::split(b)? {
            return Ok((Model::from_bytes(b1)?, Some(Model::from_bytes(b2)?)));
        }
        Ok((Model::from_bytes(b)?, None))
    }

    /// A two-stage file's window and stages' bytes (`None`: one stage).
    fn split(b: &[u8]) -> Result<Option<(usize, &[u8], &[u8])>> {
        tableimg::split(b)
    }

    /// Take the models out of the tagger.
    pub fn into_models(self) -> (Model, Option<Model>) {
        self.models();
        self.models.into_inner().expect("made just above")
    }

    /// The model embedded in the binary.
    pub fn embedded() -> Result<Tagger> {
        Self::from_cow_with(std::borrow::Cow::Borrowed(MODEL_BYTES), embedded_table())
    }

    pub fn from_bytes(b: &[u8]) -> Result<Tagger> {
        Self::from_cow(std::borrow::Cow::Owned(b.to_vec()))
    }

    /// The table straight from the file's bytes ([`model::Table::from_model_bytes`]),
    /// the models only when asked for (every row is checked here).
    fn from_cow(b: std::borrow::Cow<'static, [u8]>) -> Result<Tagger> {
        Self::from_cow_with(b, None)
    }

    /// [`Tagger::from_cow`], with the table when it is already made.
    fn from_cow_with(b: std::borrow::Cow<'static, [u8]>, table: Option<model::Table>) -> Result<Tagger> {
        if b.is_empty() {
            let model = Model { index: Default::default(), w: Vec::new(), trans: vec![0.0; (NT + 1) * NT] };
            return Ok(Tagger::new(model, None, 0));
        }
        let (window, b1, b2) = match Tagger::split(&b)? {
            Some((w, b1, b2)) => (w, b1, Some(b2)),
            None => (0, &b[..], None),
        };
        let table = match table {
            Some(t) => t,
            None => model::Table::from_model_bytes(b1, b2)?,
        };
        let trans = [model::trans_of(b1)?, b2.map(model::trans_of).transpose()?.unwrap_or_default()];
        let n_features = model::rows_of(b1)?;
        let ob = o_bias();
        Ok(Tagger {
            table,
            trans,
            has_stage2: b2.is_some(),
            n_features,
            models: OnceLock::new(),
            bytes: b,
            ctx_tables: OnceLock::new(),
            live_tables: OnceLock::new(),
            window,
            lexicon_override: false,
            bias: [ob[0], ob[1], ORG_BIAS, MISC_BIAS],
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let b1 = self.model().to_bytes();
        let Some(m2) = self.stage2() else { return b1 };
        let b2 = m2.to_bytes();
        let mut out = b"MNER2\n".to_vec();
        out.extend_from_slice(&(self.window as u64).to_le_bytes());
        out.extend_from_slice(&(b1.len() as u64).to_le_bytes());
        out.extend_from_slice(&b1);
        out.extend_from_slice(&(b2.len() as u64).to_le_bytes());
        out.extend_from_slice(&b2);
        out
    }

    pub fn load_file(path: &str) -> Result<Tagger> {
        let b = std::fs::read(path)?;
        Self::from_bytes(&b)
    }

    pub fn is_empty(&self) -> bool {
        self.n_features == 0
    }

    /// Tag the sentences of one document (nearby sentences inform each
    /// other): per sentence, one BIO tag id per token (see [`model::TAGS`])
    /// and a confidence in (0, 1) per token.
    pub fn tag_doc<S: AsRef<str>>(&self, sents: &[Vec<S>]) -> Vec<(Vec<u8>, Vec<f32>)> {
        self.tag_doc_with(sents, self.lexicon_override)
    }

    /// [`Tagger::tag_doc`], choosing whether multiword list names override the model.
    pub fn tag_doc_with<S: AsRef<str>>(&self, sents: &[Vec<S>], lexicon_override: bool) -> Vec<(Vec<u8>, Vec<f32>)> {
        self.tag_doc_conf(sents, lexicon_override, false)
    }

    /// [`Tagger::tag_doc_with`] with the lexicon override, giving the
    /// confidence of entity tokens only (tag not O; 0 at O tokens): what
    /// the entities stage uses, for less work (test
    /// `entity_confidences_are_tag_doc_with`).
    pub fn tag_doc_entities<S: AsRef<str>>(&self, sents: &[Vec<S>]) -> Vec<(Vec<u8>, Vec<f32>)> {
        self.tag_doc_conf(sents, true, true)
    }

    fn tag_doc_conf<S: AsRef<str>>(&self, sents: &[Vec<S>], lexicon_override: bool, entities_only: bool) -> Vec<(Vec<u8>, Vec<f32>)> {
        #[cfg(target_arch = "x86_64")]
        if self.table.avx2 {
            // SAFETY: the CPU has AVX2 (found when the table was built).
            return unsafe { self.tag_doc_conf_avx2(sents, lexicon_override, entities_only) };
        }
        self.tag_doc_conf_body(sents, lexicon_override, entities_only)
    }

    /// [`Tagger::tag_doc_conf`] compiled for AVX2, so that the weight
    /// look-ups (`Table::accumulate_avx2`) and the sums of rows are inlined
    /// into the loops over the tokens (called, the look-up cost more than
    /// the scalar one inlined). Integer sums; the floats are computed by
    /// the same operations in the same order (Rust does not contract or
    /// reorder them), so the same tags and confidences bit for bit (test
    /// `avx2_tagger_is_the_plain_one`).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn tag_doc_conf_avx2<S: AsRef<str>>(&self, sents: &[Vec<S>], lexicon_override: bool, entities_only: bool) -> Vec<(Vec<u8>, Vec<f32>)> {
        self.tag_doc_conf_body(sents, lexicon_override, entities_only)
    }

    #[inline(always)]
    fn tag_doc_conf_body<S: AsRef<str>>(&self, sents: &[Vec<S>], lexicon_override: bool, entities_only: bool) -> Vec<(Vec<u8>, Vec<f32>)> {
        let infos: Vec<Vec<TokInfo>> = sents.iter().map(|s| sentence_info(s)).collect();
        let mut fb = Vec::with_capacity(96);
        let mut next = Vec::with_capacity(96);
        // features to take back (a token whose flags are not its word's)
        let (mut neg, mut nneg) = (Vec::new(), Vec::new());
        let [sc1, sc2] = self.table.scale;
        let ob = self.bias;
        // one pass over the features serves both stages
        let mut base2: Vec<Vec<[i32; 2 * NT]>> = Vec::with_capacity(infos.len());
        let mut out: Vec<(Vec<u8>, Vec<f32>)> = Vec::with_capacity(infos.len());
        let lt = self.live_tables();
        for toks in &infos {
            let mut em = Vec::with_capacity(toks.len());
            let mut sums = Vec::with_capacity(toks.len());
            // each word's fixed features are summed once (cached per word);
            // the rest one token ahead: fetched while this one's are summed
            // borrowed from the words' caches (360 bytes a token copied
            // before); owned only for words cached under another table
            let spill: Vec<features::WordSums>;
            let ws: Vec<&features::WordSums> = match toks.iter().map(|t| features::word_sums_cached(&t.w, &self.table)).collect() {
                Some(v) => v,
                None => {
                    let mut tmp: features::WordSums = Default::default();
                    spill = toks.iter().map(|t| *features::word_sums(&t.w, &self.table, &mut tmp)).collect();
                    spill.iter().collect()
                }
            };
            // the small-number features' weights from the tables (summed
            // one token ahead with the rest's hashes), the rest looked up
            let mut nsum = [0i32; 2 * NT];
            if !toks.is_empty() {
                next.clear();
                nneg.clear();
                features::live_fast(toks, 0, lt, &mut next, &mut nneg, &mut nsum);
                self.table.prefetch(&next);
            }
            for i in 0..toks.len() {
                std::mem::swap(&mut fb, &mut next);
                std::mem::swap(&mut neg, &mut nneg);
                let mut sum = nsum;
                if i + 1 < toks.len() {
                    next.clear();
                    nneg.clear();
                    nsum = [0; 2 * NT];
                    features::live_fast(toks, i + 1, lt, &mut next, &mut nneg, &mut nsum);
                    self.table.prefetch(&next);
                }
                let own = &ws[i].roles[0];
                for t in 0..2 * NT {
                    sum[t] += own[t];
                }
                let parts = [(i.wrapping_sub(1), 1), (i + 1, 2), (i.wrapping_sub(2), 3), (i + 2, 4)];
                for (j, role) in parts {
                    if let Some(w) = ws.get(j) {
                        for t in 0..2 * NT {
                            sum[t] += w.roles[role][t];
                        }
                    }
                }
                self.table.accumulate_now(&fb, &mut sum);
                if !neg.is_empty() {
                    self.table.take_back(&neg, &mut sum);
                }
                let mut e = [0f32; NT];
                for t in 0..NT {
                    e[t] = sum[t] as f32 * sc1;
                }
                e[0] -= ob[0];
                em.push(e);
                sums.push(sum);
            }
            let tags = model::viterbi(&self.trans[0], &em);
            // stage 2, when there is one, gives the confidences
            let c = if self.has_stage2 { Vec::new() } else { confidences(&tags, &em) };
            out.push((tags, c));
            base2.push(sums);
        }
        if self.has_stage2 {
            let trans2 = &self.trans[1];
            let tabs = self.ctx_tables();
            let s1: Vec<Vec<u8>> = out.iter().map(|x| x.0.clone()).collect();
            let ctx = features::doc_ctx(&infos, &s1, self.window);
            for (si, toks) in infos.iter().enumerate() {
                let mut em = Vec::with_capacity(toks.len());
                for i in 0..toks.len() {
                    fb.clear();
                    // the small-number features' weights from the tables, the rest looked up
                    let mut s2 = [0i32; NT];
                    let ctx0 = features::word_sums_cached(&toks[i].w, &self.table).map(|w| &w.ctx0);
                    features::ctx_fast(toks, &ctx[si], i, tabs, ctx0, &mut fb, &mut s2);
                    let mut sum = base2[si][i];
                    // most tokens have nothing left to look up (108 is in
                    // the tables for the common proclitics)
                    if !fb.is_empty() {
                        self.table.accumulate(&fb, &mut sum);
                    }
                    let mut e = [0f32; NT];
                    for t in 0..NT {
                        e[t] = (sum[NT + t] + s2[t]) as f32 * sc2;
                    }
                    e[0] -= ob[1];
                    e[5] += ob[2];
                    e[6] += ob[2];
                    e[7] += ob[3];
                    e[8] += ob[3];
                    em.push(e);
                }
                let (tags, alpha) = model::viterbi_scores(trans2, &em);
                if entities_only {
                    // the confidences once the tags are final (below)
                    let mut fin = tags.clone();
                    if lexicon_override {
                        apply_phrases(toks, &mut fin);
                    }
                    let c = model::marginals_where(trans2, &em, &alpha, &tags, confidence_temperature(), |i| fin[i] != 0);
                    out[si] = (fin, c);
                    continue;
                }
                let c = model::marginals_with(trans2, &em, &alpha, &tags, confidence_temperature());
                out[si] = (tags, c);
            }
            if entities_only {
                return out;
            }
        }
        if lexicon_override {
            for (si, toks) in infos.iter().enumerate() {
                apply_phrases(toks, &mut out[si].0);
            }
        }
        out
    }

    /// Tag one sentence on its own.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> (Vec<u8>, Vec<f32>) {
        let v: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
        self.tag_doc(&[v]).pop().unwrap_or_default()
    }

    /// Tag and return tag strings.
    pub fn tag_strings<S: AsRef<str>>(&self, words: &[S]) -> Vec<&'static str> {
        self.tag(words).0.iter().map(|&t| TAGS[t as usize]).collect()
    }

    /// Tag a document's sentences and return tag strings.
    pub fn tag_doc_strings<S: AsRef<str>>(&self, sents: &[Vec<S>]) -> Vec<Vec<&'static str>> {
        self.tag_doc(sents).into_iter().map(|(t, _)| t.iter().map(|&x| TAGS[x as usize]).collect()).collect()
    }
}

/// Token infos of a sentence, with multiword lexicon matches marked.
pub fn sentence_info<S: AsRef<str>>(words: &[S]) -> Vec<TokInfo> {
    let lx = lexicon();
    let mut toks: Vec<TokInfo> = words.iter().map(|w| tok_info(w.as_ref(), lx)).collect();
    lx.mark_phrases(&mut toks);
    features::mark_gaz_phrases(&mut toks);
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

/// Features and gold tags of CoNLL sentences (one stream = one document).
pub fn samples(sents: &[conll::Sent]) -> (Vec<Vec<TokInfo>>, Vec<Sample>) {
    let mut fb = Vec::new();
    let infos: Vec<Vec<TokInfo>> = sents.iter().map(|s| sentence_info(&s.tokens)).collect();
    let samples = sents
        .iter()
        .zip(&infos)
        .map(|(s, toks)| {
            let feats = (0..toks.len())
                .map(|i| {
                    features(toks, i, &mut fb);
                    fb.clone()
                })
                .collect();
            Sample { feats, gold: s.tags.iter().map(|t| model::tag_id(t)).collect() }
        })
        .collect();
    (infos, samples)
}

/// Score a tagger on gold sentences (the file is one document stream).
pub fn evaluate(t: &Tagger, gold: &[conll::Sent]) -> conll::Score {
    let mut sc = conll::Score::default();
    let sents: Vec<Vec<&str>> = gold.iter().map(|s| s.tokens.iter().map(|x| x.as_str()).collect()).collect();
    let pred = t.tag_doc_strings(&sents);
    for (s, p) in gold.iter().zip(pred) {
        sc.add(&s.tags, &p);
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
    /// Train the second (document-consistency) stage with this many folds
    /// of jackknifed first-stage predictions; 0 = one stage only.
    pub folds: usize,
    /// Sentences either side that count as the same document.
    pub window: usize,
    /// Average this many perceptrons trained with different shuffles.
    pub ensemble: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 12, seed: 7, min_count: 1, folds: 10, window: 10, ensemble: 1 }
    }
}

fn predict_samples(m: &Model, samples: &[&Sample]) -> Vec<Vec<u8>> {
    samples
        .iter()
        .map(|s| {
            let em: Vec<[f32; NT]> = s.feats.iter().map(|f| {
                let mut e = [0f32; NT];
                m.emit(f, &mut e);
                e
            }).collect();
            model::viterbi(&m.trans, &em)
        })
        .collect()
}

/// Train on CoNLL sentences; when `dev` is given, print its scores to
/// stderr (information only: nothing is selected on dev).
pub fn train_conll(train: &[conll::Sent], dev: Option<&[conll::Sent]>, opt: &TrainOptions) -> Tagger {
    let (infos, samples) = samples(train);
    let all: Vec<&Sample> = samples.iter().collect();
    let report = |name: &str, t: &Tagger| {
        if let Some(dev) = dev {
            let sc = evaluate(t, dev);
            eprintln!("{name}: dev micro P {:.2} R {:.2} F1 {:.2}", sc.micro.p(), sc.micro.r(), sc.micro.f());
        }
    };
    let ens = |samples: &[&Sample], seed: u64| -> Model {
        let ms: Vec<Model> = (0..opt.ensemble.max(1)).map(|e| model::train(samples, opt.epochs, seed + 1000 * e as u64, opt.min_count, |_, _| {})).collect();
        model::average_models(&ms)
    };
    let m1 = ens(&all, opt.seed);
    let tagger = Tagger::new(m1, None, opt.window);
    report("stage 1", &tagger);
    if opt.folds < 2 {
        return tagger;
    }
    // jackknifed first-stage predictions on the training data, in contiguous blocks
    let n = samples.len();
    let mut s1: Vec<Vec<u8>> = vec![Vec::new(); n];
    for k in 0..opt.folds {
        let (a, b) = (k * n / opt.folds, (k + 1) * n / opt.folds);
        let rest: Vec<&Sample> = samples[..a].iter().chain(&samples[b..]).collect();
        let mk = model::train(&rest, opt.epochs, opt.seed + k as u64 + 1, opt.min_count, |_, _| {});
        let held: Vec<&Sample> = samples[a..b].iter().collect();
        for (j, p) in predict_samples(&mk, &held).into_iter().enumerate() {
            s1[a + j] = p;
        }
    }
    let ctx = features::doc_ctx(&infos, &s1, opt.window);
    let samples2: Vec<Sample> = samples
        .iter()
        .enumerate()
        .map(|(si, s)| Sample {
            feats: s
                .feats
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let mut v = f.clone();
                    features::ctx_features(&infos[si], &ctx[si], i, &mut v);
                    v
                })
                .collect(),
            gold: s.gold.clone(),
        })
        .collect();
    let all2: Vec<&Sample> = samples2.iter().collect();
    let m2 = ens(&all2, opt.seed + 100);
    let tagger = Tagger::new(tagger.into_models().0, Some(m2), opt.window);
    report("stage 2", &tagger);
    tagger
}

/// CPU time of the calling thread in seconds (Linux: /proc/thread-self/schedstat),
/// `None` where unavailable.
pub fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Tagging throughput of the embedded model on a CoNLL file (the whole file
/// as one document, both stages): returns (tokens tagged, seconds). The file
/// is tagged repeatedly until at least half a second has been spent; seconds
/// are the tagging thread's CPU time when the OS reports it (so a busy
/// machine does not distort the per-core figure), wall time otherwise.
/// Reading and parsing the file are not timed; feature extraction is.
pub fn bench_conll(path: &str) -> Result<(usize, f64)> {
    let t = embedded_tagger()?;
    bench_tagger(t, path)
}

/// [`bench_conll`] with any tagger.
pub fn bench_tagger(t: &Tagger, path: &str) -> Result<(usize, f64)> {
    let text = std::fs::read_to_string(path)?;
    let sents = conll::parse(&text);
    let doc: Vec<Vec<&str>> = sents.iter().map(|s| s.tokens.iter().map(|x| x.as_str()).collect()).collect();
    let wall = std::time::Instant::now();
    let cpu0 = thread_cpu_secs();
    let mut n = 0;
    loop {
        for (tags, _) in t.tag_doc(&doc) {
            n += tags.len();
        }
        let spent = match (cpu0, thread_cpu_secs()) {
            (Some(a), Some(b)) => b - a,
            _ => wall.elapsed().as_secs_f64(),
        };
        if spent >= 0.5 || n == 0 || wall.elapsed().as_secs_f64() > 20.0 {
            return Ok((n, spent));
        }
    }
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

/// The entity chunks of a sentence's tag ids ([`model::TAGS`]) as (type,
/// start, end), the type `(tag + 1) / 2` (1 PERS … 4 MISC): the chunks
/// [`conll::chunks`] finds in the tags' names (conlleval's rule: an I-
/// continues a chunk of its type, else starts one), without a `String`
/// per tag and chunk (test `tag_chunks_are_conll_chunks`).
fn tag_chunks(tags: &[u8]) -> Vec<(u8, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(u8, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let ty = t.div_ceil(2);
        let continues = t != 0 && t % 2 == 0 && cur.is_some_and(|(c, _)| c == ty);
        if !continues {
            if let Some((c, s)) = cur.take() {
                out.push((c, s, i));
            }
            if t != 0 {
                cur = Some((ty, i));
            }
        }
    }
    if let Some((c, s)) = cur {
        out.push((c, s, tags.len()));
    }
    out
}

/// The entity type of a [`tag_chunks`] type (`None` past MISC).
fn chunk_kind(ty: u8) -> Option<EntityType> {
    let b = TAGS.get((2 * ty as usize).checked_sub(1)?)?;
    EntityType::parse(&b[2..])
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn requires(&self) -> &'static [&'static str] {
        &["lang", "sentences", "tokens"]
    }

    fn assigns(&self) -> &'static [&'static str] {
        &["entities"]
    }

    fn annotate(&self, doc: &mut Document) {
        let mut ents: Vec<Entity> = Vec::new();
        // Arabic (and mixed) sentences go through the model together: nearby
        // sentences inform each other.
        let mut ar_sents: Vec<usize> = Vec::new();
        let mut ar_words: Vec<Vec<&str>> = Vec::new();
        for si in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(si);
            let lang = doc.sentences[si].lang;
            let is_en = lang == Lang::En || (lang == Lang::Und && doc.lang == Lang::En);
            if toks.is_empty() || is_en || !toks.iter().any(|t| t.kind == TokenKind::Arabic) {
                continue;
            }
            ar_sents.push(si);
            ar_words.push(toks.iter().map(|t| doc.text.get(t.byte_start..t.byte_end).unwrap_or("")).collect());
        }
        if !self.tagger.is_empty() && !ar_sents.is_empty() {
            let tagged = self.tagger.tag_doc_entities(&ar_words);
            for ((&si, words), (tags, conf)) in ar_sents.iter().zip(&ar_words).zip(tagged) {
                let toks = doc.sentence_tokens(si);
                for (ty, a, b) in tag_chunks(&tags) {
                    let Some(kind) = chunk_kind(ty) else { continue };
                    let s = toks[a].start + trim_proclitic(words[a]);
                    let e = toks[b - 1].end;
                    let c = conf[a..b].iter().sum::<f32>() / (b - a) as f32;
                    ents.push(Entity { kind, text: doc.slice(s, e).to_string(), start: s, end: e, sentence: si, confidence: c, source: "model".into() });
                }
            }
        }
        for si in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(si);
            if toks.is_empty() {
                continue;
            }
            let lang = doc.sentences[si].lang;
            let is_en = lang == Lang::En || (lang == Lang::Und && doc.lang == Lang::En);
            if is_en {
                for (ty, a, b, conf) in english::tag(doc, toks) {
                    let (s, e) = (toks[a].start, toks[b - 1].end);
                    ents.push(Entity { kind: ty, text: doc.slice(s, e).to_string(), start: s, end: e, sentence: si, confidence: conf, source: "rule".into() });
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

#[cfg(test)]
mod conf_tests {
    use super::*;

    /// [`tag_chunks`] and [`chunk_kind`] give [`conll::chunks`]' chunks and
    /// types on every sequence of up to five tag ids.
    #[test]
    fn tag_chunks_are_conll_chunks() {
        let mut n = 0;
        for len in 0..=5u32 {
            for code in 0..(NT as u32).pow(len) {
                let tags: Vec<u8> = (0..len).map(|k| ((code / (NT as u32).pow(k)) % NT as u32) as u8).collect();
                let names: Vec<&str> = tags.iter().map(|&t| TAGS[t as usize]).collect();
                let fast: Vec<(Option<EntityType>, usize, usize)> = tag_chunks(&tags).into_iter().map(|(ty, a, b)| (chunk_kind(ty), a, b)).collect();
                let slow: Vec<(Option<EntityType>, usize, usize)> = conll::chunks(&names).into_iter().map(|(ty, a, b)| (EntityType::parse(&ty), a, b)).collect();
                assert_eq!(fast, slow, "{names:?}");
                n += fast.len();
            }
        }
        assert!(n > 100_000, "{n} chunks");
    }

    /// Documents of real text: the first corpus articles (sentences split at
    /// full stops and line ends, words at white space) and ANERcorp dev in
    /// blocks of 40 sentences, when the shared data is there; a fixed one else.
    fn docs() -> Vec<Vec<Vec<String>>> {
        let mut out: Vec<Vec<Vec<String>>> = vec![vec![
            "قال الرئيس الأمريكي جو بايدن في واشنطن إن حركة حماس وافقت".split(' ').map(String::from).collect(),
            "وصل بايدن إلى بغداد والتقى رئيس الوزراء العراقي".split(' ').map(String::from).collect(),
        ]];
        if let Some(c) = features::real_words::shared_file("corpus/ant-v1.1-jawharafm.jsonl") {
            for line in c.lines().take(150) {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
                let text = v["text"].as_str().unwrap_or("");
                let sents: Vec<Vec<String>> = text
                    .split(|c| c == '.' || c == '\n')
                    .map(|s| s.split_whitespace().map(String::from).collect::<Vec<_>>())
                    .filter(|s| !s.is_empty())
                    .collect();
                out.push(sents);
            }
        }
        if let Some(d) = features::real_words::shared_file("eval/anercorp/dev.conll") {
            let sents: Vec<Vec<String>> = conll::parse(&d).into_iter().map(|s| s.tokens).collect();
            for block in sents.chunks(40) {
                out.push(block.to_vec());
            }
        }
        out
    }

    /// The shipped model's table built from its bytes is the one
    /// [`model::Table::build`] makes from its two models: the same size,
    /// scales and weights for every feature.
    #[test]
    fn table_from_bytes_is_table_build() {
        let t = Tagger::embedded().expect("model");
        if t.is_empty() {
            return;
        }
        let slow = model::Table::build(t.model(), t.stage2());
        assert_eq!(t.table.layout(), slow.layout());
        assert_eq!(t.trans[0], t.model().trans);
        assert_eq!(t.trans[1], t.stage2().expect("two stages").trans);
        assert_eq!(t.n_features, t.model().index.len());
        assert_eq!(t.to_bytes(), MODEL_BYTES);
        let mut n = 0;
        for k in t.model().index.keys().chain(t.stage2().into_iter().flat_map(|m| m.index.keys())) {
            assert_eq!(t.table.weights(*k), slow.weights(*k), "feature {k}");
            n += 1;
        }
        assert!(n > 100_000, "{n} features");
    }

    /// The compiled table of the shipped model (`build.rs`) is, slot for
    /// slot, the table [`model::Table::from_model_bytes`] fills from the
    /// file; the embedded tagger uses it; broken images are refused.
    #[test]
    fn compiled_table_is_from_model_bytes() {
        let (_, b1, b2) = Tagger::split(MODEL_BYTES).expect("model").expect("two stages");
        let filled = model::Table::from_model_bytes(b1, Some(b2)).expect("model");
        let compiled = embedded_table().expect("the image of this model");
        assert_eq!(compiled.layout(), filled.layout());
        assert!(compiled.slot_rows() == filled.slot_rows(), "slots differ");
        assert!(Tagger::embedded().expect("model").table.slot_rows() == filled.slot_rows());
        // the image written again from the filled table is the embedded one
        let f = tableimg::fill(b1, Some(b2)).expect("model");
        assert!(tableimg::image(&f, MODEL_BYTES.len()) == TABLE_IMAGE);
        for cut in [0, 10, 30, 33, TABLE_IMAGE.len() / 2, TABLE_IMAGE.len() - 1] {
            assert!(model::Table::from_image(&TABLE_IMAGE[..cut]).is_err(), "cut at {cut}");
        }
        let mut bad = TABLE_IMAGE.to_vec();
        bad[14..18].copy_from_slice(&3u32.to_le_bytes()); // not a power of two
        assert!(model::Table::from_image(&bad).is_err());
    }

    /// Stage 2's sums from the tables of [`features::ctx_fast`] are those
    /// of looking up every feature of [`features::ctx_features`], at every
    /// token of the test documents (with their real stage-1 tags and votes)
    /// and with every stage-1 tag and sports level around a token.
    #[test]
    fn ctx_fast_is_ctx_features() {
        let t = embedded_tagger().expect("model");
        if t.is_empty() {
            return;
        }
        let check = |toks: &[features::TokInfo], ctx: &[features::Ctx], i: usize| {
            let mut fb = Vec::new();
            features::ctx_features(toks, ctx, i, &mut fb);
            let mut slow = [0i32; 2 * NT];
            t.table.accumulate(&fb, &mut slow);
            // with the word's cached level-0 row and without
            let ctx0 = features::word_sums_cached(&toks[i].w, &t.table).map(|w| &w.ctx0);
            assert!(ctx0.is_some());
            for c0 in [ctx0, None] {
                fb.clear();
                let mut fast = [0i32; NT];
                features::ctx_fast(toks, ctx, i, t.ctx_tables(), c0, &mut fb, &mut fast);
                let mut rest = [0i32; 2 * NT];
                t.table.accumulate(&fb, &mut rest);
                for k in 0..NT {
                    assert_eq!(fast[k] + rest[NT + k], slow[NT + k], "token {i} tag {k}");
                }
            }
            // a proclitic outside the 108 table's slots is hashed instead
            let mut alt = toks.to_vec();
            let mut w = (*alt[i].w).clone();
            w.pre_slot = features::NO_PRE_SLOT;
            alt[i].w = std::sync::Arc::new(w);
            fb.clear();
            let mut fast = [0i32; NT];
            features::ctx_fast(&alt, ctx, i, t.ctx_tables(), None, &mut fb, &mut fast);
            let mut rest = [0i32; 2 * NT];
            t.table.accumulate(&fb, &mut rest);
            for k in 0..NT {
                assert_eq!(fast[k] + rest[NT + k], slow[NT + k], "token {i} tag {k} (no proclitic slot)");
            }
        };
        let mut n = 0;
        // tokens with votes whose 108 came from the table
        let mut slotted = 0;
        for doc in docs() {
            let infos: Vec<Vec<features::TokInfo>> = doc.iter().map(|s| sentence_info(s)).collect();
            // stage 1's tags as the tagger gives them
            let s1: Vec<Vec<u8>> = t.tag_doc_with(&doc, false).into_iter().map(|x| x.0).collect();
            let ctx = features::doc_ctx(&infos, &s1, t.window);
            for (si, toks) in infos.iter().enumerate() {
                for i in 0..toks.len() {
                    check(toks, &ctx[si], i);
                    n += 1;
                    if ctx[si][i].votes.iter().any(|&v| v > 0) && toks[i].pre_slot != features::NO_PRE_SLOT && !toks[i].pre.is_empty() {
                        slotted += 1;
                    }
                }
            }
        }
        assert!(n > 1000, "{n} tokens");
        assert!(slotted > 100, "{slotted} tokens with a proclitic and votes");
        // every tag at and around a token, every sports level, votes or none
        let doc = &docs()[0];
        let toks = sentence_info(&doc[0]);
        for s1 in 0..NT as u8 {
            for sport in 0..3u8 {
                for votes in [[0u8; 5], [2, 0, 1, 0, 0], [0, 0, 0, 3, 3], [200, 1, 2, 3, 4]] {
                    for (p, q) in [(0u8, 0u8), (1, 2), (8, 7), (3, 0)] {
                        let mut ctx = vec![features::Ctx { s1: p, sport, votes: [1, 0, 0, 0, 0] }; toks.len()];
                        ctx[1] = features::Ctx { s1, sport, votes };
                        ctx[2].s1 = q;
                        for i in [0, 1, 2, toks.len() - 1] {
                            check(&toks, &ctx, i);
                        }
                    }
                }
            }
        }
    }

    /// The tagger's tags and confidences are those of a tagger that looks
    /// up every feature of the training extractors ([`features`],
    /// [`features::ctx_features`]) one by one, bit for bit, on the test
    /// documents: the word sums, tables, per-word rows and taken-back
    /// features change where the weights are added, not their totals.
    #[test]
    fn tagger_is_the_feature_by_feature_one() {
        let t = embedded_tagger().expect("model");
        if t.is_empty() {
            return;
        }
        let reference = |doc: &[Vec<String>]| -> Vec<(Vec<u8>, Vec<f32>)> {
            let infos: Vec<Vec<features::TokInfo>> = doc.iter().map(|s| sentence_info(s)).collect();
            let [sc1, sc2] = t.table.scale;
            let ob = t.bias;
            let mut fb = Vec::new();
            let mut sums1: Vec<Vec<[i32; 2 * NT]>> = Vec::new();
            let mut s1: Vec<Vec<u8>> = Vec::new();
            for toks in &infos {
                let mut em = Vec::new();
                let mut ss = Vec::new();
                for i in 0..toks.len() {
                    features(toks, i, &mut fb);
                    let mut sum = [0i32; 2 * NT];
                    t.table.accumulate_scalar(&fb, &mut sum);
                    let mut e = [0f32; NT];
                    for k in 0..NT {
                        e[k] = sum[k] as f32 * sc1;
                    }
                    e[0] -= ob[0];
                    em.push(e);
                    ss.push(sum);
                }
                s1.push(model::viterbi(&t.trans[0], &em));
                sums1.push(ss);
            }
            let ctx = features::doc_ctx(&infos, &s1, t.window);
            let mut out = Vec::new();
            for (si, toks) in infos.iter().enumerate() {
                let mut em = Vec::new();
                for i in 0..toks.len() {
                    fb.clear();
                    features::ctx_features(toks, &ctx[si], i, &mut fb);
                    let mut sum = sums1[si][i];
                    t.table.accumulate_scalar(&fb, &mut sum);
                    let mut e = [0f32; NT];
                    for k in 0..NT {
                        e[k] = sum[NT + k] as f32 * sc2;
                    }
                    e[0] -= ob[1];
                    e[5] += ob[2];
                    e[6] += ob[2];
                    e[7] += ob[3];
                    e[8] += ob[3];
                    em.push(e);
                }
                let (tags, alpha) = model::viterbi_scores(&t.trans[1], &em);
                let c = model::marginals_with(&t.trans[1], &em, &alpha, &tags, confidence_temperature());
                out.push((tags, c));
            }
            out
        };
        let bits = |v: Vec<(Vec<u8>, Vec<f32>)>| v.into_iter().map(|(t, c)| (t, c.iter().map(|x| x.to_bits()).collect::<Vec<_>>())).collect::<Vec<_>>();
        let mut n = 0;
        for doc in docs() {
            assert_eq!(bits(t.tag_doc_with(&doc, false)), bits(reference(&doc)));
            n += doc.iter().map(|s| s.len()).sum::<usize>();
        }
        assert!(n > 1000 || docs().len() == 1, "{n} tokens");
    }

    /// The AVX2 weight sums are the scalar ones on the shipped table, for
    /// every token's live features and every word's own features of the
    /// test documents.
    #[test]
    fn avx2_sums_are_scalar_on_real_features() {
        let t = embedded_tagger().expect("model");
        if t.is_empty() || !t.table.avx2 {
            return;
        }
        let mut n = 0;
        let mut fb = Vec::new();
        for doc in docs() {
            for s in &doc {
                let toks = sentence_info(s);
                for i in 0..toks.len() {
                    for own in [true, false] {
                        fb.clear();
                        if own {
                            fb.extend_from_slice(&toks[i].own);
                        } else {
                            features::features_live(&toks, i, &mut fb);
                        }
                        let (mut a, mut b) = ([7i32; 2 * NT], [7i32; 2 * NT]);
                        t.table.accumulate_scalar(&fb, &mut a);
                        unsafe { t.table.accumulate_avx2(&fb, &mut b) };
                        assert_eq!(a, b, "token {i}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 1000, "{n}");
    }

    /// Stage 1's sums from the tables of [`features::live_fast`] are those
    /// of looking up every feature of [`features::features_live`], at every
    /// token of the test documents and of sentences with every word shape.
    #[test]
    fn live_fast_is_features_live() {
        let t = embedded_tagger().expect("model");
        if t.is_empty() {
            return;
        }
        let mut sents: Vec<Vec<String>> = docs().into_iter().flatten().collect();
        for s in ["Reuters 2024 ، وبغداد x", "ABC Abc abc 12 ١٢ ... ☺ a1 بغداد قال الرئيس", "x", "بغداد"] {
            sents.push(s.split(' ').map(String::from).collect());
        }
        let (mut n, mut other_flags, mut fb, mut neg) = (0, 0, Vec::new(), Vec::new());
        for s in &sents {
            let toks = sentence_info(s);
            for i in 0..toks.len() {
                fb.clear();
                features::features_live(&toks, i, &mut fb);
                let mut slow = [0i32; 2 * NT];
                t.table.accumulate(&fb, &mut slow);
                fb.clear();
                neg.clear();
                let mut fast = [0i32; 2 * NT];
                features::live_fast(&toks, i, t.live_tables(), &mut fb, &mut neg, &mut fast);
                t.table.accumulate(&fb, &mut fast);
                t.table.take_back(&neg, &mut fast);
                // what the word's own row holds beyond its own features
                let ws = features::word_sums_cached(&toks[i].w, &t.table).expect("this table's sums");
                let mut own = [0i32; 2 * NT];
                t.table.accumulate(&toks[i].own, &mut own);
                for k in 0..2 * NT {
                    fast[k] += ws.roles[0][k] - own[k];
                }
                assert_eq!(fast, slow, "token {i} of {s:?}");
                n += 1;
                other_flags += (toks[i].lex.0 != toks[i].w.wlex.0) as usize;
            }
        }
        assert!(n > 20, "{n} tokens");
        assert!(other_flags > 0 || sents.len() < 10, "no token with a multiword flag");
    }

    /// Template 95's table holds, for every previous, own and next class
    /// value the tagger can make (a class 0–31, 64 + a shape byte, 255 for
    /// the padding), the weights of the hashed feature, and has every
    /// combination of the classes a look-up gives.
    #[test]
    fn class_triple_table_is_the_feature() {
        let t = embedded_tagger().expect("model");
        if t.is_empty() {
            return;
        }
        let lt = t.live_tables();
        let mut vals: Vec<u64> = (0..32).collect();
        vals.extend(b"alLUdpom".iter().map(|&s| 64 + s as u64));
        vals.extend([255, 40, 63, 64 + b'x' as u64]);
        let present = wordfreq::classes();
        assert!(present.count_ones() >= 10, "{present:b}");
        let (mut hit, mut nonzero) = (0, 0);
        for &p in &vals {
            for cls in 0..33u64 {
                for &q in &vals {
                    let want = t.table.weights(features::H::new(95).n(p).n(cls).n(q).done()).unwrap_or([0; 2 * NT]);
                    match lt.c95_row(p, cls, q) {
                        Some(r) => {
                            assert_eq!(*r, want, "{p} {cls} {q}");
                            hit += 1;
                            nonzero += (want != [0; 2 * NT]) as usize;
                        }
                        None => {
                            let known = |v: u64| v == 255 || (v < 32 && present >> v & 1 != 0) || (v >= 64 && b"alLUdpom".contains(&((v - 64) as u8)));
                            assert!(!(known(p) && cls < 32 && present >> cls & 1 != 0 && known(q)), "{p} {cls} {q} missing");
                        }
                    }
                }
            }
        }
        assert!(hit > 20_000 && nonzero > 100, "{hit} {nonzero}");
    }

    /// The tagger compiled for AVX2 gives the plain build's tags and
    /// confidences, bit for bit, on the test documents.
    #[test]
    fn avx2_tagger_is_the_plain_one() {
        let t = embedded_tagger().expect("model");
        if t.is_empty() || !t.table.avx2 {
            return;
        }
        let bits = |v: Vec<(Vec<u8>, Vec<f32>)>| v.into_iter().map(|(t, c)| (t, c.iter().map(|x| x.to_bits()).collect::<Vec<_>>())).collect::<Vec<_>>();
        let mut n = 0;
        for doc in docs() {
            for (ov, ents) in [(false, false), (true, true)] {
                let plain = t.tag_doc_conf_body(&doc, ov, ents);
                let fast = unsafe { t.tag_doc_conf_avx2(&doc, ov, ents) };
                assert_eq!(bits(fast), bits(plain));
            }
            n += doc.len();
        }
        assert!(n > 0);
    }

    #[test]
    fn entity_confidences_are_tag_doc_with() {
        let t = embedded_tagger().expect("model");
        if t.is_empty() {
            return;
        }
        let (mut docs_n, mut ent_toks) = (0, 0);
        for doc in docs() {
            let full = t.tag_doc_with(&doc, true);
            let part = t.tag_doc_entities(&doc);
            assert_eq!(full.len(), part.len());
            for ((ft, fc), (pt, pc)) in full.iter().zip(&part) {
                assert_eq!(ft, pt);
                assert_eq!(pc.len(), ft.len());
                for i in 0..ft.len() {
                    if ft[i] != 0 {
                        assert_eq!(fc[i].to_bits(), pc[i].to_bits());
                        ent_toks += 1;
                    } else {
                        assert_eq!(pc[i], 0.0);
                    }
                }
            }
            docs_n += 1;
        }
        assert!(docs_n >= 1 && ent_toks > 0, "{docs_n} documents, {ent_toks} entity tokens");
    }
}

// allowed: SPORT_WORDS (features.rs) feed the NER tagger, whose shipped model was trained with them as they are: left until the model is retrained
marsad_text::word_lists_test!(&["مرمى", "نهائي", "المرمى"]);
