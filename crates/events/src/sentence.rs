//! One sentence as the event rules see it (`Sent`): its tokens with their clitic-free
//! keys, the cue categories of each token and pair, the sentence-wide context flags
//! (sport, disease, market, accident, history frame…), the spans of actor mentions and
//! entities, and the candidates (`Cand`) and argument sets (`Ev`) the stages pass on.

use crate::casualty;
use crate::lexicon::{self, Kind, Lexicon};
use crate::words::*;
use crate::EventStage;
pub(crate) use marsad_core::EventType;
use marsad_core::{Document, Token, TokenKind};

/// Token span of a phrase: (first, last) token indices.
pub(crate) type Np = (usize, usize);

#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub(crate) tok: usize,
    pub(crate) last: usize,
    /// tokens of the trigger (phrase slots)
    pub(crate) slots: Vec<usize>,
    pub(crate) ty: EventType,
    pub(crate) mode: Option<String>,
    pub(crate) entry: usize,
    pub(crate) kind: Kind,
    pub(crate) future: bool,
    /// effective weakness (the entry's flag, adjusted by context)
    pub(crate) weak: bool,
}

pub(crate) struct Ev {
    pub(crate) c: Cand,
    pub(crate) actor: Option<(usize, usize)>,
    pub(crate) recipient: Option<(usize, usize)>,
    pub(crate) weak: bool,
}

pub(crate) struct Sent<'a> {
    pub(crate) st: &'a EventStage,
    pub(crate) doc: &'a Document,
    pub(crate) si: usize,
    pub(crate) toks: &'a [Token],
    pub(crate) arabic: Vec<bool>,
    /// clitic-free keys of each token (norm without و/ف and article), borrowed from the token
    pub(crate) key: Vec<&'a str>,
    pub(crate) trig: Vec<bool>,
    pub(crate) sport: bool,
    pub(crate) disease: bool,
    /// market context: "هجوم المستثمرين على الأسهم" is not an attack
    pub(crate) econ: bool,
    /// context flags from data/cues.tsv (see there)
    pub(crate) cyber: bool,
    pub(crate) weapon: bool,
    /// a blade or stab-wound word (سكين، سلاح أبيض، طعنات): طعن is a stabbing, not an appeal
    pub(crate) blade: bool,
    pub(crate) accident: bool,
    pub(crate) frame: bool,
    pub(crate) nonprotest: bool,
    pub(crate) protestcue: bool,
    /// cue categories of each token (key, norm or conjunction-free norm) and of each
    /// adjacent pair "a_b" of keys, as bit sets (`Lexicon::cat_bit`)
    pub(crate) mask: Vec<u64>,
    pub(crate) pmask: Vec<u64>,
    /// char spans of actor mentions and of PERS/ORG entities in the sentence
    pub(crate) agent_spans: Vec<(usize, usize)>,
    /// the casualty grammar's reading of the sentence (computed after the triggers)
    pub(crate) tolls: std::cell::OnceCell<casualty::Tolls>,
    /// trigger tokens of attacks named as the object of a condemnation (filters.rs): a
    /// mention of the attack, kept as generic
    pub(crate) condemned: std::cell::RefCell<Vec<usize>>,
}

pub(crate) fn is_ar(t: &Token) -> bool {
    t.kind == TokenKind::Arabic
}

/// The word is one of `stems` after a conjunction, preposition and/or article.
pub(crate) fn has_stem(norm: &str, stems: &[&str]) -> bool {
    ["", "و", "ب", "ل", "وب", "ول", "ال", "بال", "لل", "وال", "وبال", "ف"].iter().any(|p| {
        norm.strip_prefix(p).map_or(false, |rest| stems.contains(&rest))
    })
}

pub(crate) fn strip_conj(n: &str) -> &str {
    // (three chars or more, without counting them all: test `char_tests_are_counts`)
    for p in ["و", "ف"] {
        if let Some(r) = marsad_text::clitics::strip_prefix(n, p) {
            if r.chars().nth(2).is_some() {
                return r;
            }
        }
    }
    n
}

/// The cue categories of a token: those of its key, its form and its form
/// without a conjunction, each form looked up once (the key is often the
/// form, and the form without a conjunction the form itself; test
/// `token_cue_mask_is_the_three_look_ups`).
#[inline]
pub(crate) fn token_cue_mask(lx: &Lexicon, t: &Token, key: &str) -> u64 {
    let n = t.norm.as_str();
    let mut m = lx.cue_mask(key);
    if n != key {
        m |= lx.cue_mask(n);
    }
    let s = strip_conj(n);
    if s.len() != n.len() && s != key {
        m |= lx.cue_mask(s);
    }
    m
}

/// The token's key, borrowed from its `norm` or `base` (no allocation per token).
pub(crate) fn key_of(t: &Token) -> &str {
    if !is_ar(t) {
        return &t.norm;
    }
    if t.base.chars().count() >= 2 && t.suffix.is_empty() {
        return &t.base;
    }
    let n = strip_conj(&t.norm);
    for p in ["بال", "لل", "ال", "كال"] {
        if let Some(r) = n.strip_prefix(p) {
            if r.chars().count() >= 2 {
                return r;
            }
        }
    }
    n
}

pub(crate) fn strip_al(s: &str) -> &str {
    s.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(s)
}

pub(crate) fn definite(t: &Token) -> bool {
    let n = strip_conj(&t.norm);
    n.starts_with("ال") || n.starts_with("لل") || n.starts_with("بال")
}

impl<'a> Sent<'a> {
    pub(crate) fn new(st: &'a EventStage, doc: &'a Document, si: usize) -> Self {
        let toks = doc.sentence_tokens(si);
        let arabic: Vec<bool> = toks.iter().map(is_ar).collect();
        let key: Vec<&'a str> = toks.iter().map(key_of).collect();
        let lx = &st.lx;
        // cue categories per token and per adjacent pair, computed once per sentence
        let mask: Vec<u64> = toks.iter().zip(key.iter()).map(|(t, k)| token_cue_mask(lx, t, k)).collect();
        let mut pair = String::new();
        let pmask: Vec<u64> = key.windows(2).map(|w| lx.pair_cue_mask(w[0], w[1], &mut pair)).collect();
        let any = |cat: &str| {
            let b = lx.cat_bit(cat);
            b != 0 && (mask.iter().any(|m| m & b != 0) || pmask.iter().any(|m| m & b != 0))
        };
        // English: a sport word naming a venue in a locative ("on a football pitch", "at a
        // football stadium") sets no sport frame
        let venue = |i: usize| {
            let w = |q: usize| toks.get(q).map_or("", |t| t.norm.as_str());
            let loc = |q: usize| matches!(w(q), "on" | "at" | "near" | "in" | "outside" | "inside" | "into");
            !arabic[i] && matches!(w(i + 1), "pitch" | "field" | "ground" | "stadium") && i >= 1 && (loc(i - 1) || (i >= 2 && matches!(w(i - 1), "a" | "the") && loc(i - 2)))
        };
        let sport_bit = lx.cat_bit("sport");
        let sport_words = sport_bit != 0 && (mask.iter().enumerate().any(|(i, m)| m & sport_bit != 0 && !venue(i)) || pmask.iter().any(|m| m & sport_bit != 0));
        let (sport, disease, econ) = (sport_words || scoreline(&toks, doc), any("disease"), any("econ"));
        let (cyber, accident, frame, nonprotest, protestcue) = (any("cyber"), any("accident"), any("frame"), any("nonprotest"), any("protestcue"));
        let weapon = any("weapon");
        let blade = any("blade");
        let (ss, se) = doc.sentences.get(si).map_or((0, 0), |s| (s.start, s.end));
        let mut agent_spans: Vec<(usize, usize)> = Vec::new();
        for a in &doc.actors {
            for m in &a.mentions {
                if m.start < se && ss < m.end {
                    agent_spans.push((m.start, m.end));
                }
            }
        }
        for e in &doc.entities {
            if matches!(e.kind, marsad_core::EntityType::PERS | marsad_core::EntityType::ORG) && e.start < se && ss < e.end {
                agent_spans.push((e.start, e.end));
            }
        }
        Sent { st, doc, si, toks, arabic, key, trig: vec![false; toks.len()], sport, disease, econ, cyber, weapon, blade, accident, frame, nonprotest, protestcue, mask, pmask, agent_spans, tolls: std::cell::OnceCell::new(), condemned: Default::default() }
    }

    pub(crate) fn lx(&self) -> &Lexicon {
        &self.st.lx
    }

    /// The phrase coder the stage was built with.
    pub(crate) fn coder(&self) -> &dyn marsad_core::PhraseCoder {
        &*self.st.coder
    }

    /// `Lexicon::lookup`, memoised per thread ([`Sent::lookup_across_docs`]).
    /// (A second memo per document, in front of it, copied each new word
    /// of the document into a key and answered no faster.)
    pub(crate) fn lookup(&self, norm: &str, arabic: bool) -> std::rc::Rc<[lexicon::Hit]> {
        self.lookup_across_docs(norm, arabic)
    }

    /// `Lexicon::lookup` through a per-thread memo of recent words that
    /// outlives the document: most words of an article were looked up in
    /// earlier ones, and a look-up tries every clitic reading of the word
    /// (about 1,400 affix tests; 8 % of all instructions on long articles
    /// before this memo). The memo belongs to one lexicon (by address) and
    /// is emptied when another stage's lexicon asks.
    fn lookup_across_docs(&self, norm: &str, arabic: bool) -> std::rc::Rc<[lexicon::Hit]> {
        type Words = marsad_text::memo::Memo<std::rc::Rc<[lexicon::Hit]>>;
        /// Words per generation (the memo keeps up to twice as many).
        const CAP: usize = 20_000;
        thread_local! {
            static WORDS: std::cell::RefCell<(usize, Words, Words)> =
                std::cell::RefCell::new((0, Words::new(CAP), Words::new(CAP)));
        }
        let lx = self.lx();
        let id = lx as *const Lexicon as usize;
        WORDS.with(|w| {
            let mut w = w.borrow_mut();
            if w.0 != id {
                *w = (id, Words::new(CAP), Words::new(CAP));
            }
            let m = if arabic { &mut w.1 } else { &mut w.2 };
            if let Some(h) = m.get(norm) {
                return h;
            }
            let h: std::rc::Rc<[lexicon::Hit]> = lx.lookup(norm, arabic).into();
            m.insert(norm, h.clone());
            h
        })
    }

    pub(crate) fn cue_at(&self, cat: &str, i: usize) -> bool {
        self.mask[i] & self.lx().cat_bit(cat) != 0
    }

    pub(crate) fn is_func(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if is_ar(t) {
            AR_FUNC.contains(&t.norm.as_str())
        } else {
            EN_FUNC.contains(&t.norm.as_str())
        }
    }

    pub(crate) fn breaks(&self, i: usize) -> bool {
        let t = &self.toks[i];
        matches!(t.kind, TokenKind::Punct | TokenKind::Number | TokenKind::Other)
            || self.is_func(i)
            || self.trig[i]
            || self.cue_at("report", i)
    }

    /// Every actor mention (of `doc.actors`, as the actors stage clustered them)
    /// overlapping the char span [start, end), in text order, with its actor's index.
    pub(crate) fn mentions_in(&self, start: usize, end: usize) -> Vec<(usize, &'a marsad_core::TextSpan)> {
        let doc: &'a Document = self.doc;
        let mut out: Vec<(usize, &'a marsad_core::TextSpan)> = Vec::new();
        for (i, a) in doc.actors.iter().enumerate() {
            out.extend(a.mentions.iter().filter(|m| m.start < end && start < m.end).map(|m| (i, m)));
        }
        out.sort_by_key(|(_, m)| (m.start, m.end));
        out
    }
}

/// A match score written in figures ("beat Dortmund 3-1", "a 2–0 win"): two numbers of
/// one or two digits joined by a dash with no space (not a year range, "1976-83"), after a
/// team's name or before win/defeat/draw (not a range of people: "killed 15-20 people").
fn scoreline(toks: &[Token], doc: &Document) -> bool {
    let small = |t: &Token| t.kind == TokenKind::Number && t.norm.len() <= 2 && t.norm.chars().all(|c| c.is_ascii_digit());
    (1..toks.len().saturating_sub(2)).any(|i| {
        let (a, d, b) = (&toks[i], &toks[i + 1], &toks[i + 2]);
        let p = &toks[i - 1];
        let name_before = p.kind == TokenKind::Latin && doc.slice(p.start, p.end).chars().next().is_some_and(|c| c.is_uppercase()) && !crate::words::EN_FUNC.contains(&p.norm.as_str());
        let result_after = toks.get(i + 3).is_some_and(|t| matches!(t.norm.as_str(), "win" | "victory" | "defeat" | "draw" | "loss" | "lead" | "aggregate"));
        // "could only draw 1-1 with", "were held 0-0 at home"
        let result_before = matches!(p.norm.as_str(), "draw" | "drew" | "drawn" | "beat" | "won" | "lost" | "held" | "win" | "victory" | "defeat" | "thrashed" | "edged");
        small(a) && small(b) && matches!(d.norm.as_str(), "-" | "–") && a.end == d.start && d.end == b.start && (name_before || result_after || result_before)
    })
}
