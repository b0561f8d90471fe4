//! marsad-text: the first pipeline stage. Finds language, sentences and
//! tokens, and gives every token matching keys (normalised form, clitic-free
//! base) while its span keeps pointing at the original surface text.
//!
//! Modules: [`normalize`] (character folding for matching), [`clitics`]
//! (Arabic proclitics/enclitics), [`tokenize`], [`sentences`], [`lang`].

pub mod bench;
pub mod clitics;
pub mod english;
pub mod key;
pub mod lang;
pub mod literals;
pub mod memo;
pub mod normalize;
pub mod prefilter;
pub mod sentences;
pub mod tokenize;

use marsad_core::{Document, Stage};

pub use clitics::{analyze, Analysis, FastHasher};

/// A hash map with string keys (`String`, looked up by `&str`) hashed with
/// [`FastHasher`] instead of SipHash: for lexicons looked up per token, where
/// SipHash dominates. Only for string keys (the hasher ignores `write_u8`).
pub type StrMap<V> = std::collections::HashMap<String, V, std::hash::BuildHasherDefault<FastHasher>>;
/// A hash map with string keys kept in place when short ([`key::Key`]),
/// looked up by `&str` and hashed with [`FastHasher`]: for maps looked up
/// per token or per feature, where a `String` key's allocation cost a cache
/// miss per hit.
pub type KeyMap<V> = std::collections::HashMap<key::Key, V, std::hash::BuildHasherDefault<FastHasher>>;
/// A set of strings hashed with [`FastHasher`] (see [`StrMap`]).
pub type StrSet = std::collections::HashSet<String, std::hash::BuildHasherDefault<FastHasher>>;
pub use lang::detect;
pub use normalize::{normalize, normalize_char, Normalized};
pub use prefilter::HeadBits;

/// The text stage: tokens, sentences (with their language) and the
/// document language.
#[derive(Default)]
pub struct TextStage;

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }
    fn assigns(&self) -> &'static [&'static str] {
        &["lang", "sentences", "tokens"]
    }
    fn annotate(&self, doc: &mut Document) {
        annotate(doc)
    }
}

/// Tokenise, split sentences and identify language (per sentence, and for
/// the document from all its letters; sentences without letters, such as a
/// dateline, take the document's language).
pub fn annotate(doc: &mut Document) {
    doc.index();
    doc.tokens = tokenize::tokenize(&doc.text);
    doc.sentences = sentences::split(&doc.text, &doc.tokens);
    let mut all = lang::LangStats::default();
    let mut letterless = Vec::new();
    for (i, s) in doc.sentences.iter_mut().enumerate() {
        let st = lang::stats(&doc.text, &doc.tokens[s.first_token..s.end_token]);
        s.lang = st.lang();
        if st.arabic_chars + st.latin_chars + st.other_chars == 0 {
            letterless.push(i);
        }
        all.merge(&st);
    }
    doc.lang = all.lang();
    // a sentence without letters (a dateline, a number) takes the document's
    for i in letterless {
        doc.sentences[i].lang = doc.lang;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_core::Lang;

    #[test]
    fn annotate_sets_languages_and_spans() {
        let mut d = Document::new("t", "مقتل جنديين في كركوك\n2023-03-15\nقال مسؤول إن \"الهجوم فشل\". Reuters could not verify it.");
        annotate(&mut d);
        assert_eq!(d.lang, Lang::Ar);
        let langs: Vec<Lang> = d.sentences.iter().map(|s| s.lang).collect();
        assert_eq!(langs, vec![Lang::Ar, Lang::Ar, Lang::Ar, Lang::En]);
        for t in &d.tokens {
            assert_eq!(d.slice(t.start, t.end), &d.text[t.byte_start..t.byte_end]);
        }
    }

    #[test]
    fn key_matches_clitic_forms() {
        assert_eq!(key("وبغداد"), key("بغداد"));
        assert_eq!(key("لبغداد"), key("بغداد"));
        assert_eq!(key("للحكومة العراقية"), key("الحكومة العراقية"));
        assert_eq!(key("Baghdad, Iraq"), "baghdad iraq");
    }

    #[test]
    fn odd_input_never_panics() {
        for t in ["", " ", "\u{0}\u{1}", "ـــ", "\u{200f}\u{202e}abc", "..!!؟؟", "ً", "a\u{301}\u{301}", "🙂🙂 بغداد🙂", "x.y.z. 1.2.3."] {
            let mut d = Document::new("t", t);
            annotate(&mut d);
            for s in &d.sentences {
                assert!(s.start <= s.end && s.end <= d.char_len());
            }
        }
    }
}
