//! marsad-entities: (being written) the entities stage of the pipeline.

use marsad_core::{Document, Stage};

/// The entities stage. `load` reads the resources embedded in the binary.
pub struct EntityStage;

impl EntityStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(EntityStage)
    }
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
