//! marsad-places: (being written) the places stage of the pipeline.

use marsad_core::{Document, Stage};

/// The places stage. `load` reads the resources embedded in the binary.
pub struct PlaceStage;

impl PlaceStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(PlaceStage)
    }
}

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
