//! marsad-actors: (being written) the actors stage of the pipeline.

use marsad_core::{Document, Stage};

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
