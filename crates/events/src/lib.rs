//! marsad-events: the events stage. Finds event triggers (Arabic first,
//! English too), codes them in PLOVER v2 with an ACLED mapping, and attaches
//! actor, recipient, place, date, casualties, modality and attribution from
//! the same sentence. See README.md for the method and its limits.


pub mod casualty;
mod args;
mod assembly;
mod coding;
mod en_place;
mod figures;
mod filters;
pub mod lexicon;
mod modality;
pub mod numbers;
pub mod ontology;
mod phrases;
mod sentence;
mod triggers;
mod where_when;
mod words;

use lexicon::Lexicon;
use marsad_core::{Document, Event, Stage, TokenKind};
use ontology::Ontology;
use sentence::Sent;
use filters::fold_casualty_nouns;

/// The events stage. `load` reads the resources embedded in the binary.
pub struct EventStage {
    lx: Lexicon,
    onto: Ontology,
    coder: std::sync::Arc<dyn marsad_core::PhraseCoder>,
}

impl EventStage {
    /// The stage with its lexicon and ontology; `coder` codes the actor and
    /// recipient phrases no actor mention covers (the pipeline passes the
    /// actors stage's `marsad_actors::KbPhraseCoder`).
    pub fn load(coder: std::sync::Arc<dyn marsad_core::PhraseCoder>) -> anyhow::Result<Self> {
        Ok(EventStage { lx: Lexicon::load(), onto: Ontology::load(), coder })
    }

    /// The lexicon (for tools and tests).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lx
    }

    pub fn ontology(&self) -> &Ontology {
        &self.onto
    }

    /// Every event of the document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Event> {
        let mut out = Vec::new();
        for si in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(si);
            if toks.is_empty() || toks.len() > 1500 {
                continue;
            }
            let cx = Sent::new(self, doc, si);
            // "gunmen wounded two labourers": a word before it that is no article,
            // auxiliary, number or conjunction, and an object after it
            let active_verb = |e: &Event| {
                let Some(q) = toks.iter().position(|t| t.start == e.trigger.start) else { return false };
                let w = |i: usize| toks.get(i).map_or("", |t| t.norm.as_str());
                let word = |i: usize| toks.get(i).is_some_and(|t| matches!(t.kind, TokenKind::Latin | TokenKind::Number));
                q > 0
                    && toks[q - 1].kind == TokenKind::Latin
                    && !matches!(w(q - 1), "the" | "were" | "was" | "been" | "being" | "are" | "is" | "and" | "or" | "other" | "others" | "more" | "dead" | "killed")
                    && word(q + 1)
                    && !matches!(w(q + 1), "in" | "by" | "at" | "on" | "when" | "during" | "as" | "after" | "and" | "near" | "while")
            };
            out.extend(fold_casualty_nouns(cx.events(), active_verb));
        }
        out
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn annotate(&self, doc: &mut Document) {
        doc.events = self.extract(doc);
    }
}

/// A timing hook for `marsad bench`: events on an already annotated doc.
pub fn bench_extract(stage: &EventStage, doc: &Document) -> usize {
    stage.extract(doc).len()
}

#[cfg(test)]
mod tests;

marsad_text::word_lists_test!(&[]);
