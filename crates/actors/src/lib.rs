//! marsad-actors: the actors stage (see README.md). Public API for the events
//! stage: [`mentions_in`], [`actor_ref`], [`code_phrase`].

use marsad_core::{Actor, ActorRef, Document, Stage, TextSpan};

/// A code for a noun phrase: country (ISO alpha-3), CAMEO-style sector,
/// actor type, and an English name.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Code {
    pub country: Option<String>,
    pub sector: Option<String>,
    pub actor_type: Option<String>,
    pub name: String,
}

/// Code a noun phrase with the knowledge base and the generic dictionary.
pub fn code_phrase(_text: &str) -> Option<Code> {
    None
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

/// The actors stage. `load` reads the resources embedded in the binary.
pub struct ActorStage;

impl ActorStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(ActorStage)
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
