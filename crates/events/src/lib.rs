//! marsad-events: (being written) the events stage of the pipeline.

use marsad_core::{Document, Stage};

/// The events stage. `load` reads the resources embedded in the binary.
pub struct EventStage;

impl EventStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(EventStage)
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
