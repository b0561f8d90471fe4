//! What the API tests share: the full pipeline as the server's annotator,
//! and a fresh temporary database path per call.

use marsad_core::{Document, Stage};
use marsad_serve::Annotator;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

pub fn pipeline() -> &'static Vec<Box<dyn Stage>> {
    static P: OnceLock<Vec<Box<dyn Stage>>> = OnceLock::new();
    P.get_or_init(|| {
        vec![
            Box::new(marsad_text::TextStage),
            Box::new(marsad_entities::EntityStage::load().unwrap()),
            Box::new(marsad_places::PlaceStage::load().unwrap()),
            Box::new(marsad_time::TimeStage::load().unwrap()),
            Box::new(marsad_actors::ActorStage::load().unwrap()),
            Box::new(marsad_events::EventStage::load().unwrap()),
        ]
    })
}

pub fn annotator() -> Annotator {
    Arc::new(|d: &mut Document| {
        for s in pipeline() {
            s.annotate(d);
        }
        Ok(())
    })
}

/// `marsad.db` in an emptied directory unique to this process, `suite`,
/// `tag` and call.
pub fn temp_db(suite: &str, tag: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("marsad-{suite}-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("marsad.db")
}
