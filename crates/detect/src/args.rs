//! Learned argument attachment: for each event, which span of its sentence
//! is the actor and which the recipient (or none). The rules' own choice is
//! one candidate among every actor mention of the sentence; a listwise
//! softmax ranker over readable features (side and distance from the
//! trigger, the preposition or clitic before the span, passive agents,
//! source phrases, counted nouns, the actor's sector and whether it is
//! known) picks one. Trained on hand-annotated sentences
//! (`labels/args/`), `marsad train args`.

use crate::linear::Rng;
use anyhow::{bail, Context, Result};
use marsad_core::{ActorRef, Document, EntityType, Event, Place, Token, TokenKind};
use std::collections::HashMap;

/// The two roles ranked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Actor,
    Recipient,
    Place,
}

impl Role {
    fn tag(self) -> &'static str {
        match self {
            Role::Actor => "A",
            Role::Recipient => "R",
            Role::Place => "P",
        }
    }
}

/// One span that could fill a role.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The reference it would become (actor information when it is an
    /// actor mention).
    pub aref: ActorRef,
    pub rule_actor: bool,
    pub rule_recipient: bool,
    /// Entity type when the span is a named entity no actor covers.
    pub entity: Option<&'static str>,
}

/// A place that could be the event's.
#[derive(Clone, Debug)]
pub struct PlaceCandidate {
    pub place: Place,
    pub rule: bool,
}

/// The places of an event's sentence (resolved or not), the rules' choice
/// among them marked.
pub fn place_candidates(doc: &Document, e: &Event) -> Vec<PlaceCandidate> {
    let mut out: Vec<PlaceCandidate> = doc
        .places
        .iter()
        .filter(|p| p.sentence == e.sentence)
        .map(|p| PlaceCandidate { place: p.clone(), rule: e.place.as_ref().is_some_and(|r| r.start == p.start && r.end == p.end) })
        .collect();
    if let Some(r) = &e.place {
        if !out.iter().any(|c| c.rule) {
            out.push(PlaceCandidate { place: r.clone(), rule: true });
        }
    }
    out.sort_by_key(|c| (c.place.start, c.place.end));
    out
}

const SPEAKER_PLACE: &[&str] = &["مراسل", "مراسلنا", "مراسله", "مستشفي", "مستشفى", "بيان", "told", "hospital", "statement", "correspondent", "reporter"];

/// Features of one place candidate (`None`: no place) for an event.
pub fn place_features(doc: &Document, e: &Event, c: Option<&PlaceCandidate>, n_cands: usize, sink: &mut dyn FnMut(String, f32)) {
    let t = e.kind.as_str();
    let Some(c) = c else {
        sink("P:none".into(), 1.0);
        sink(format!("P:none|{t}"), 1.0);
        sink(format!("P:none|n={}", n_cands.min(3)), 1.0);
        return;
    };
    let p = &c.place;
    sink("P:bias".into(), 1.0);
    if c.rule {
        sink("P:rule".into(), 1.0);
        if doc.sentences.get(e.sentence).is_some_and(|s| s.lang.code() == "en") {
            sink("P:rule|en".into(), 1.0);
        }
    }
    let toks: &[Token] = doc.sentence_tokens(e.sentence);
    let lang = doc.sentences.get(e.sentence).map(|s| s.lang.code()).unwrap_or("und");
    let ti = toks.iter().position(|k| k.end > e.trigger.start).unwrap_or(0);
    let ci = toks.iter().position(|k| k.end > p.start).unwrap_or(0);
    let (side, dist) = if p.end <= e.trigger.start { ("before", ti.saturating_sub(ci)) } else { ("after", ci.saturating_sub(ti)) };
    sink(format!("P:side={side}|{lang}"), 1.0);
    sink(format!("P:dist={side}{}|{lang}", bucket(dist)), 1.0);
    sink(format!("P:feature={}", p.feature.as_deref().unwrap_or("unresolved")), 1.0);
    sink(format!("P:precision={}", p.precision.as_deref().unwrap_or("-")), 1.0);
    if p.relation.is_some() {
        sink("P:relative".into(), 1.0);
    }
    if let Some(first) = toks.get(ci) {
        sink(format!("P:pre={}|{lang}", first.prefix), 1.0);
    }
    if ci > 0 {
        let prev = &toks[ci - 1];
        sink(format!("P:prev={}", prev.base), 1.0);
    }
    let lo = ci.saturating_sub(4);
    if toks[lo..ci].iter().any(|k| SPEAKER_PLACE.contains(&k.base.as_str()) || SOURCE_WORDS.contains(&k.base.as_str())) {
        sink("P:speaker_ctx".into(), 1.0);
    }
    // the nearest place after the trigger is the usual "in X"
    let nearer = doc
        .places
        .iter()
        .filter(|q| q.sentence == e.sentence && q.start >= e.trigger.end && q.start < p.start)
        .count();
    if side == "after" {
        sink(format!("P:after_rank={}", nearer.min(3)), 1.0);
    }
    if doc.places.iter().any(|q| q.sentence == e.sentence && q.start < p.start && q.end > p.start) {
        sink("P:nested".into(), 1.0);
    }
}

/// The candidates of an event's sentence: the rules' actor and recipient,
/// and every actor mention in the sentence. Index 0 is "none".
pub fn candidates(doc: &Document, e: &Event) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut add = |aref: ActorRef, ra: bool, rr: bool| {
        if let Some(c) = out.iter_mut().find(|c| c.start == aref.start && c.end == aref.end) {
            c.rule_actor |= ra;
            c.rule_recipient |= rr;
            return;
        }
        out.push(Candidate { start: aref.start, end: aref.end, text: aref.text.clone(), aref, rule_actor: ra, rule_recipient: rr, entity: None });
    };
    if let Some(a) = &e.actor {
        add(a.clone(), true, false);
    }
    if let Some(r) = &e.recipient {
        add(r.clone(), false, true);
    }
    let (s0, s1) = doc.sentences.get(e.sentence).map(|s| (s.start, s.end)).unwrap_or((e.evidence.start, e.evidence.end));
    for (i, m) in marsad_actors::mentions_in(doc, s0, s1) {
        // the trigger itself (المتظاهرون is both) stays possible
        if let Some(r) = marsad_actors::actor_ref_in(doc, i, &m) {
            add(r, false, false);
        }
    }
    // named entities no actor mention covers (a person, an organisation,
    // a country acting)
    for en in doc.entities.iter().filter(|x| x.sentence == e.sentence) {
        let ty = match en.kind {
            EntityType::PERS => "PERS",
            EntityType::ORG => "ORG",
            EntityType::LOC => "LOC",
            EntityType::MISC => "MISC",
            _ => continue,
        };
        if out.iter().any(|c| c.start < en.end && en.start < c.end) || (en.start < e.trigger.end && e.trigger.start < en.end) {
            continue;
        }
        let aref = ActorRef { text: en.text.clone(), start: en.start, end: en.end, ..Default::default() };
        out.push(Candidate { start: en.start, end: en.end, text: en.text.clone(), aref, rule_actor: false, rule_recipient: false, entity: Some(ty) });
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

fn bucket(d: usize) -> &'static str {
    match d {
        0..=1 => "0-1",
        2..=3 => "2-3",
        4..=6 => "4-6",
        7..=12 => "7-12",
        _ => "13+",
    }
}

const SOURCE_WORDS: &[&str] = &["مصدر", "مصادر", "حسب", "وفق", "وفقا", "افاد", "افادت", "قال", "قالت", "according", "said", "source", "sources", "told", "spokesman"];
const PASSIVE_AGENT: &[&str] = &["يد", "قبل", "by"];

/// Features of one candidate (`None`: the "no one" option) for a role.
pub fn features(doc: &Document, e: &Event, role: Role, c: Option<&Candidate>, sink: &mut dyn FnMut(String, f32)) {
    let r = role.tag();
    let t = e.kind.as_str();
    let Some(c) = c else {
        sink(format!("{r}:none"), 1.0);
        sink(format!("{r}:none|{t}"), 1.0);
        let had = if role == Role::Actor { e.actor.is_some() } else { e.recipient.is_some() };
        sink(format!("{r}:none|rule_had={had}"), 1.0);
        return;
    };
    sink(format!("{r}:bias"), 1.0);
    // English rules have a grammar of their own (subjects, by-agents): their choice gets
    // a weight of its own, so that it does not move the Arabic one
    let en = doc.sentences.get(e.sentence).is_some_and(|s| s.lang.code() == "en");
    if c.rule_actor {
        sink(format!("{r}:rule_actor"), 1.0);
        sink(format!("{r}:rule_actor|{t}"), 1.0);
        if en {
            sink(format!("{r}:rule_actor|en"), 1.0);
        }
    }
    if c.rule_recipient {
        sink(format!("{r}:rule_recip"), 1.0);
        sink(format!("{r}:rule_recip|{t}"), 1.0);
        if en {
            sink(format!("{r}:rule_recip|en"), 1.0);
        }
    }
    let toks: &[Token] = doc.sentence_tokens(e.sentence);
    let ti = toks.iter().position(|k| k.end > e.trigger.start).unwrap_or(0);
    let ci = toks.iter().position(|k| k.end > c.start).unwrap_or(0);
    let ce = toks.iter().rposition(|k| k.start < c.end).unwrap_or(ci);
    let lang = doc.sentences.get(e.sentence).map(|s| s.lang.code()).unwrap_or("und");
    let (side, dist) = if c.end <= e.trigger.start {
        ("before", ti.saturating_sub(ce))
    } else if c.start >= e.trigger.end {
        ("after", ci.saturating_sub(ti))
    } else {
        ("at", 0)
    };
    sink(format!("{r}:side={side}|{lang}"), 1.0);
    sink(format!("{r}:side={side}|{t}"), 1.0);
    sink(format!("{r}:dist={side}{}|{lang}", bucket(dist)), 1.0);
    // is it the nearest candidate on its side? (computed by the caller's order)
    if let Some(first) = toks.get(ci) {
        sink(format!("{r}:pre={}|{lang}", first.prefix), 1.0);
    }
    if ci > 0 {
        let prev = &toks[ci - 1];
        let w = if prev.kind == TokenKind::Number { "<num>" } else { prev.base.as_str() };
        sink(format!("{r}:prev={w}"), 1.0);
        sink(format!("{r}:prev={w}|{side}"), 1.0);
        if ci > 1 && PASSIVE_AGENT.contains(&prev.base.as_str()) {
            sink(format!("{r}:agent_phrase"), 1.0);
        }
        if prev.kind == TokenKind::Number || marsad_text::key(&prev.norm).chars().all(|ch| ch.is_ascii_digit()) {
            sink(format!("{r}:counted"), 1.0);
        }
    }
    let lo = ci.saturating_sub(4);
    if toks[lo..ci].iter().any(|k| SOURCE_WORDS.contains(&k.base.as_str())) {
        sink(format!("{r}:source_ctx"), 1.0);
    }
    if side == "after" && dist <= 1 {
        sink(format!("{r}:adjacent_after|{lang}"), 1.0);
    }
    if side == "before" && dist <= 1 {
        sink(format!("{r}:adjacent_before|{lang}"), 1.0);
    }
    // English passive before the trigger: "were killed", "was arrested"
    if ti > 0 && matches!(toks[ti - 1].base.as_str(), "was" | "were" | "been" | "be" | "is" | "are") {
        sink(format!("{r}:passive_trigger|{side}"), 1.0);
    }
    if let Some(ty) = c.entity {
        sink(format!("{r}:entity={ty}"), 1.0);
        sink(format!("{r}:entity={ty}|{t}"), 1.0);
    }
    let a = &c.aref;
    sink(format!("{r}:sector={}", a.sector.as_deref().unwrap_or("-")), 1.0);
    sink(format!("{r}:sector={}|{t}", a.sector.as_deref().unwrap_or("-")), 1.0);
    sink(format!("{r}:type={}", a.actor_type.as_deref().unwrap_or("-")), 1.0);
    if a.actor_id.as_deref().is_some_and(|id| !id.starts_with("gen:")) {
        sink(format!("{r}:known"), 1.0);
    }
    if a.country.is_some() {
        sink(format!("{r}:has_country"), 1.0);
    }
    let n = ce + 1 - ci;
    sink(format!("{r}:len={}", if n <= 1 { "1" } else if n <= 3 { "2-3" } else { "4+" }), 1.0);
}

/// The ranker: one weight per feature name.
pub struct ArgModel {
    weights: crate::topic::WordMap<f32>,
}

impl ArgModel {
    pub fn shipped() -> Result<Self> {
        Self::parse(include_str!("../models/args.model")).context("the shipped argument model")
    }

    pub fn parse(text: &str) -> Result<Self> {
        let mut lines = text.lines();
        if lines.next() != Some("marsad-args 1") {
            bail!("not a marsad argument model (first line)");
        }
        let mut weights = crate::topic::WordMap::default();
        for (n, line) in lines.enumerate() {
            let (w, k) = line.split_once('\t').with_context(|| format!("line {}: no tab", n + 2))?;
            weights.insert(k.into(), w.parse().with_context(|| format!("line {}", n + 2))?);
        }
        Ok(ArgModel { weights })
    }

    pub fn to_text(&self) -> String {
        let mut rows: Vec<(&str, f32)> = self.weights.iter().map(|(k, v)| (&**k, *v)).filter(|(_, v)| v.abs() >= 5e-4).collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::from("marsad-args 1\n");
        for (k, v) in rows {
            out.push_str(&format!("{v:.4}\t{k}\n"));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn score(&self, doc: &Document, e: &Event, role: Role, c: Option<&Candidate>) -> f32 {
        let mut z = 0.0;
        features(doc, e, role, c, &mut |k, v| {
            if let Some(w) = self.weights.get(k.as_str()) {
                z += w * v;
            }
        });
        z
    }

    /// The chosen candidate for a role (`None`: no one), from candidates.
    pub fn choose<'c>(&self, doc: &Document, e: &Event, role: Role, cands: &'c [Candidate]) -> Option<&'c Candidate> {
        let mut best = (self.score(doc, e, role, None), None);
        for c in cands {
            let s = self.score(doc, e, role, Some(c));
            if s > best.0 {
                best = (s, Some(c));
            }
        }
        best.1
    }

    /// The chosen place (`None`: no place).
    pub fn choose_place<'c>(&self, doc: &Document, e: &Event, cands: &'c [PlaceCandidate]) -> Option<&'c PlaceCandidate> {
        let score = |c: Option<&PlaceCandidate>| {
            let mut z = 0.0;
            place_features(doc, e, c, cands.len(), &mut |k, v| {
                if let Some(w) = self.weights.get(k.as_str()) {
                    z += w * v;
                }
            });
            z
        };
        let mut best = (score(None), None);
        for c in cands {
            let s = score(Some(c));
            if s > best.0 {
                best = (s, Some(c));
            }
        }
        best.1
    }

    /// Re-attach actor, recipient and place of every event of `doc`. Actor
    /// and recipient never take the same span.
    pub fn apply(&self, doc: &mut Document) {
        if self.is_empty() {
            return;
        }
        for i in 0..doc.events.len() {
            let e = &doc.events[i];
            // the rules split one trigger into one event per founder, place or
            // recipient of a coordination: those choices stay
            if doc.events.iter().enumerate().any(|(j, o)| j != i && o.trigger.start == e.trigger.start && o.kind == e.kind) {
                continue;
            }
            let cands = candidates(doc, e);
            let actor = self.choose(doc, e, Role::Actor, &cands).map(|c| c.aref.clone());
            let rest: Vec<Candidate> = cands.into_iter().filter(|c| actor.as_ref().is_none_or(|a| a.start != c.start || a.end != c.end)).collect();
            let recipient = self.choose(doc, e, Role::Recipient, &rest).map(|c| c.aref.clone());
            let pc = place_candidates(doc, e);
            let place = if self.weights.keys().any(|k| k.starts_with("P:")) { self.choose_place(doc, e, &pc).map(|c| c.place.clone()) } else { e.place.clone() };
            let e = &mut doc.events[i];
            e.actor = actor;
            e.recipient = recipient;
            e.place = place;
        }
    }
}

/// A training list: the candidates of one (event, role), with the indices
/// (into `0 = none, 1.. = candidates`) that match the gold.
pub struct ArgList {
    pub feats: Vec<Vec<(String, f32)>>,
    pub gold: Vec<usize>,
}

/// Build a list from the features of "none" and of each candidate, with
/// the candidates whose text contains the gold text or is contained in it
/// as the answers ("" = none); `None` when the gold names something no
/// candidate matches.
fn build_list(gold: &str, texts: &[&str], feats_of: &mut dyn FnMut(Option<usize>, &mut dyn FnMut(String, f32))) -> Option<ArgList> {
    let collect = |i: Option<usize>, feats_of: &mut dyn FnMut(Option<usize>, &mut dyn FnMut(String, f32))| {
        let mut v = Vec::new();
        feats_of(i, &mut |k, x| v.push((k, x)));
        v
    };
    let mut feats = vec![collect(None, feats_of)];
    let mut gold_idx = Vec::new();
    if gold.trim().is_empty() {
        gold_idx.push(0);
    }
    let g = marsad_text::normalize(gold);
    let g = g.trim();
    for (i, text) in texts.iter().enumerate() {
        feats.push(collect(Some(i), feats_of));
        let p = marsad_text::normalize(text);
        let p = p.trim();
        if !g.is_empty() && !p.is_empty() && (g.contains(p) || p.contains(g)) {
            gold_idx.push(i + 1);
        }
    }
    (!gold_idx.is_empty()).then_some(ArgList { feats, gold: gold_idx })
}

/// The list of one (event, actor or recipient) against gold text.
pub fn list_for(doc: &Document, e: &Event, role: Role, gold: &str, cands: &[Candidate]) -> Option<ArgList> {
    let texts: Vec<&str> = cands.iter().map(|c| c.text.as_str()).collect();
    build_list(gold, &texts, &mut |i, sink| features(doc, e, role, i.map(|i| &cands[i]), sink))
}

/// The list of an event's place against gold text ("" = no place).
pub fn place_list_for(doc: &Document, e: &Event, gold: &str, cands: &[PlaceCandidate]) -> Option<ArgList> {
    let texts: Vec<&str> = cands.iter().map(|c| c.place.text.as_str()).collect();
    build_list(gold, &texts, &mut |i, sink| place_features(doc, e, i.map(|i| &cands[i]), cands.len(), sink))
}

/// Train the ranker: listwise softmax, SGD with L2, fixed-seed shuffle.
pub fn train(lists: &[&ArgList], epochs: usize, rate: f32, l2: f32, seed: u64) -> ArgModel {
    let mut w: HashMap<String, f32> = HashMap::new();
    let mut order: Vec<usize> = (0..lists.len()).collect();
    let mut rng = Rng::new(seed);
    for ep in 0..epochs {
        rng.shuffle(&mut order);
        let lr = rate / (1.0 + ep as f32 * 0.5);
        for &i in &order {
            let l = lists[i];
            let z: Vec<f32> = l.feats.iter().map(|f| f.iter().map(|(k, v)| w.get(k).copied().unwrap_or(0.0) * v).sum()).collect();
            let m = z.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
            let ex: Vec<f32> = z.iter().map(|x| (x - m).exp()).collect();
            let s: f32 = ex.iter().sum();
            let target = 1.0 / l.gold.len() as f32;
            for (j, f) in l.feats.iter().enumerate() {
                let y = if l.gold.contains(&j) { target } else { 0.0 };
                let g = ex[j] / s - y;
                if g.abs() < 1e-6 {
                    continue;
                }
                for (k, v) in f {
                    let wk = w.entry(k.clone()).or_insert(0.0);
                    *wk -= lr * (g * v + l2 * *wk);
                }
            }
        }
    }
    let m = ArgModel { weights: w.into_iter().map(|(k, v)| (k.into_boxed_str(), v)).collect() };
    ArgModel::parse(&m.to_text()).expect("a model we just wrote parses")
}

/// Index chosen by a model for a list (0 = none).
pub fn pick(m: &ArgModel, l: &ArgList) -> usize {
    let mut best = (f32::NEG_INFINITY, 0);
    for (j, f) in l.feats.iter().enumerate() {
        let z: f32 = f.iter().map(|(k, v)| m.weights.get(k.as_str()).copied().unwrap_or(0.0) * v).sum();
        if z > best.0 {
            best = (z, j);
        }
    }
    best.1
}
