//! marsad-actors: the actors stage (see README.md). Finds actor mentions
//! (knowledge-base groups and state forces, generic agents such as "the
//! Iraqi government" or "the protesters", demonyms, people and unknown
//! organisations), clusters them into one actor per identity, resolves
//! anaphora ("التنظيم", "the group"), extracts the relations the text
//! states, and fills `Document::actors`.
//!
//! The events stage reads `Document::actors` and asks [`KbPhraseCoder`]
//! (handed to it by the pipeline) to code a phrase the stage found no
//! mention in; [`mentions_in`],
//! [`actor_ref`] and [`context_country`] serve tools and tests.

mod cluster;
mod country;
pub mod kb;
mod matcher;
mod relations;
pub mod translit;

pub use kb::{Kb, KbActor};
pub use matcher::skeleton;

use marsad_core::{Actor, ActorRef, Document, PhraseCoder, Stage, TextSpan};

/// A code for a noun phrase (the type lives in core, beside the
/// [`PhraseCoder`] trait this crate implements).
pub use marsad_core::PhraseCode as Code;

/// The knowledge base's phrase coder, [`code_phrase`] behind core's
/// [`PhraseCoder`]: what the pipeline hands to the events stage.
#[derive(Clone, Copy, Debug, Default)]
pub struct KbPhraseCoder;

impl PhraseCoder for KbPhraseCoder {
    fn code_phrase(&self, text: &str) -> Option<Code> {
        code_phrase(text)
    }
}

/// Code a noun phrase (Arabic or English) with the knowledge base and the
/// generic agent dictionary: "الحكومة العراقية" → IRQ GOV, "الاسرائيليين"
/// → ISR (no sector), "Iraqi forces" → IRQ MIL, "داعش" → ISIS (REB).
/// The longest mention in the phrase wins. `None` when nothing is found.
pub fn code_phrase(text: &str) -> Option<Code> {
    if text.trim().is_empty() {
        return None;
    }
    // the events stage codes the same phrases over and over (الشرطة,
    // المتظاهرون): the answer depends only on the text, so it is memoised
    // per thread (the cache is emptied when it grows large)
    thread_local! {
        static MEMO: std::cell::RefCell<marsad_text::StrMap<Option<Code>>> = Default::default();
    }
    if text.len() > 512 {
        return code_phrase_uncached(text);
    }
    if let Some(hit) = MEMO.with(|m| m.borrow().get(text).cloned()) {
        return hit;
    }
    let code = code_phrase_uncached(text);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(text.to_string(), code.clone());
    });
    code
}

fn code_phrase_uncached(text: &str) -> Option<Code> {
    let mut doc = Document::new("phrase", text);
    marsad_text::annotate(&mut doc);
    let found = matcher::find(Kb::global(), &doc);
    found
        .into_iter()
        .max_by_key(|m| (m.end - m.start, std::cmp::Reverse(m.start)))
        .map(|m| Code {
            country: m.country.clone(),
            sector: m.sector.clone(),
            actor_type: m.actor_type.clone(),
            name: m.name.clone(),
            actor_id: if m.key.starts_with("kb:") { Some(m.key.clone()) } else { None },
        })
}

/// Every actor mention overlapping the char span `[start, end)`, in text
/// order, as (index into `doc.actors`, mention).
pub fn mentions_in(doc: &Document, start: usize, end: usize) -> Vec<(usize, TextSpan)> {
    let mut out = Vec::new();
    for (i, a) in doc.actors.iter().enumerate() {
        for m in &a.mentions {
            if m.start < end && start < m.end {
                out.push((i, m.clone()));
            }
        }
    }
    out.sort_by_key(|(_, m)| (m.start, m.end));
    out
}

/// An `ActorRef` for one mention of an actor.
pub fn actor_ref(actor: &Actor, mention: &TextSpan) -> ActorRef {
    ActorRef {
        text: mention.text.clone(),
        start: mention.start,
        end: mention.end,
        name: Some(actor.name.clone()),
        actor_id: Some(actor.actor_id.clone()),
        country: actor.country.clone(),
        sector: actor.sector.clone(),
        actor_type: actor.actor_type.clone(),
    }
}

/// The country of the sentence containing char offset `pos`, from its
/// places and country words (see `country::sentence_country`): the
/// fallback country for actors the text gives none ("المتظاهرون" in a
/// sentence about Athens → GRC).
pub fn context_country(doc: &Document, pos: usize) -> Option<String> {
    if doc.sentences.is_empty() {
        return None;
    }
    country::sentence_country(Kb::global(), doc, doc.sentence_at(pos), pos)
}

/// Like [`actor_ref`], but a generic actor without a country (protesters,
/// the government, gunmen…) takes the country of its sentence's context.
/// Named actors keep the knowledge base's country (None for transnational
/// groups).
pub fn actor_ref_in(doc: &Document, actor_idx: usize, mention: &TextSpan) -> Option<ActorRef> {
    let actor = doc.actors.get(actor_idx)?;
    let mut r = actor_ref(actor, mention);
    if r.country.is_none() && actor.actor_id.starts_with("gen:") {
        r.country = context_country(doc, mention.start);
    }
    Some(r)
}

/// The actors stage. `load` parses the knowledge base embedded in the binary.
pub struct ActorStage {
    kb: &'static Kb,
}

impl ActorStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(ActorStage { kb: Kb::global() })
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn requires(&self) -> &'static [&'static str] {
        &["lang", "sentences", "tokens", "entities", "places"]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &["actors"]
    }
    fn annotate(&self, doc: &mut Document) {
        // the pipeline's order check guarantees the text stage ran (`requires`
        // tokens): no silent re-tokenising here, that is `annotate`'s convenience
        annotate_tokenised(self.kb, doc)
    }
}

/// Run the actors stage on any document: a convenience for tools and tests
/// that tokenises the document first when the text stage has not run (the
/// pipeline's stage never does: it requires the text stage's tokens).
pub fn annotate(kb: &Kb, doc: &mut Document) {
    if doc.tokens.is_empty() && !doc.text.is_empty() {
        marsad_text::annotate(doc);
    }
    annotate_tokenised(kb, doc);
}

/// Run the actors stage on a document whose text stage has run; a document
/// without tokens gets no actors.
pub fn annotate_tokenised(kb: &Kb, doc: &mut Document) {
    // clitic candidates of every token, once for the matcher and relations
    let cc = matcher::token_cands(doc);
    let mentions = matcher::find_with(kb, doc, &cc);
    let mut actors = cluster::cluster(kb, doc, mentions);
    relations::extract_with(doc, &mut actors, &cc);
    doc.actors = actors;
}

/// Throughput benchmark: annotate `text` `n` times; returns chars/second.
pub fn bench(text: &str, n: usize) -> f64 {
    let kb = Kb::global();
    let mut doc = Document::new("bench", text);
    marsad_text::annotate(&mut doc);
    let t = std::time::Instant::now();
    for _ in 0..n.max(1) {
        annotate(kb, &mut doc);
    }
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    (doc.char_len() * n.max(1)) as f64 / secs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memoised_code_phrase_answers_as_the_uncached_one() {
        for p in ["الحكومة العراقية", "Iraqi forces", "داعش", "الحكومة العراقية", "لا شيء هنا", "داعش"] {
            assert_eq!(code_phrase(p), code_phrase_uncached(p), "{p}");
        }
        assert!(code_phrase("داعش").and_then(|c| c.actor_id).is_some());
    }
}

marsad_text::word_lists_test!(&[]);
