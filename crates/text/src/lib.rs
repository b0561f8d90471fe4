//! marsad-text: the first pipeline stage. Finds language, sentences and
//! tokens, and gives every token matching keys (normalised form, clitic-free
//! base) while its span keeps pointing at the original surface text.
//!
//! Modules: [`normalize`] (character folding for matching), [`clitics`]
//! (Arabic proclitics/enclitics), [`tokenize`], [`sentences`], [`lang`].

pub mod bench;
pub mod clitics;
pub mod lang;
pub mod normalize;
pub mod sentences;
pub mod tokenize;

use marsad_core::{Document, Stage};

pub use clitics::{analyze, Analysis};
pub use lang::detect;
pub use normalize::{normalize, normalize_char, Normalized};

/// The text stage: tokens, sentences (with their language) and the
/// document language.
#[derive(Default)]
pub struct TextStage;

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }
    fn annotate(&self, doc: &mut Document) {
        annotate(doc)
    }
}

/// Tokenise, split sentences and identify language.
pub fn annotate(doc: &mut Document) {
    doc.index();
    doc.tokens = tokenize::tokenize(&doc.text);
    doc.sentences = sentences::split(&doc.text, &doc.tokens);
    for s in doc.sentences.iter_mut() {
        s.lang = lang::detect_tokens(&doc.tokens[s.first_token..s.end_token]);
    }
    doc.lang = lang::detect_tokens(&doc.tokens);
}

/// Matching key for a word or phrase: normalised, each word clitic-stripped,
/// joined by single spaces. "وبغداد" and "لبغداد" and "بغداد" share a key.
pub fn key(phrase: &str) -> String {
    let mut out = String::new();
    for w in tokenize::tokenize(phrase) {
        if w.kind == marsad_core::TokenKind::Punct {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.base);
    }
    out
}
