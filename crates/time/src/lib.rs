//! marsad-time: (being written) the time stage of the pipeline.

use marsad_core::{Document, Stage};

/// The time stage. `load` reads the resources embedded in the binary.
pub struct TimeStage;

impl TimeStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(TimeStage)
    }
}

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
