//! The pipeline: text → topic → entities → places → time → actors → events
//! → detect. Stages are loaded once, on first use. `events` proposes event
//! candidates by rule; `detect` (a learned model) keeps the real ones.

use anyhow::Result;
use marsad_core::{Document, Stage};
use std::sync::OnceLock;

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn load() -> Result<Self> {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(marsad_text::TextStage),
            Box::new(marsad_detect::TopicStage::load()?),
            Box::new(marsad_entities::EntityStage::load()?),
            Box::new(marsad_places::PlaceStage::load()?),
            Box::new(marsad_time::TimeStage::load()?),
            Box::new(marsad_actors::ActorStage::load()?),
            Box::new(marsad_events::EventStage::load()?),
            Box::new(marsad_detect::DetectStage::load()?),
        ];
        Ok(Pipeline { stages })
    }

    /// The process-wide pipeline.
    pub fn global() -> Result<&'static Pipeline> {
        static P: OnceLock<Pipeline> = OnceLock::new();
        if let Some(p) = P.get() {
            return Ok(p);
        }
        let p = Pipeline::load()?;
        Ok(P.get_or_init(|| p))
    }

    pub fn annotate(&self, doc: &mut Document) {
        for s in &self.stages {
            s.annotate(doc);
        }
    }

    /// Every stage but the last (`detect`): the rule events are candidates,
    /// none rejected. For training and explaining the detection model.
    pub fn annotate_candidates(&self, doc: &mut Document) {
        for s in self.stages.iter().filter(|s| s.name() != "detect") {
            s.annotate(doc);
        }
    }

    /// The stages in order, for tools that time them one by one (`bench`).
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }
}
