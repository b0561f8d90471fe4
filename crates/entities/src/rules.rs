//! DATE and NUM entities from rules (being written).
use marsad_core::{Document, EntityType, Token};

/// Rule entities of one sentence: (type, first token, end token, confidence),
/// token indices relative to `toks`.
pub fn find(_doc: &Document, _toks: &[Token]) -> Vec<(EntityType, usize, usize, f32)> {
    Vec::new()
}
