//! Arabic clitic analysis on normalised words. Proclitics: conjunctions و ف,
//! prepositions ب ك ل, the article ال, and لل (ل + ال with its alef elided).
//! Enclitics: possessive/object pronouns (ه ها هم هما هن ك كم نا ني ي).
//!
//! The analysis is light and deterministic: it never looks words up, so it
//! strips the same way in a query and in a document, which is what search
//! needs. Lexicon lookups (gazetteers, actors) use [`candidates`] instead,
//! which lists every plausible split so the lexicon decides.

/// A split of a normalised word into prefix + base + suffix (byte ranges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analysis {
    pub prefix_len: usize,
    pub suffix_len: usize,
}

impl Analysis {
    pub fn prefix<'a>(&self, w: &'a str) -> &'a str {
        &w[..self.prefix_len]
    }
    pub fn base<'a>(&self, w: &'a str) -> &'a str {
        &w[self.prefix_len..w.len() - self.suffix_len]
    }
    pub fn suffix<'a>(&self, w: &'a str) -> &'a str {
        &w[w.len() - self.suffix_len..]
    }
}

const MIN_BASE: usize = 3; // in chars

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn is_arabic_word(w: &str) -> bool {
    w.chars().next().map_or(false, |c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Proclitic sequences, longest first. Each is (normalised prefix).
const PREFIXES: &[&str] = &[
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "فب", "ول", "فل", "وك",
    "فك", "و", "ف", "ب", "ل", "ك",
];

/// Pronoun enclitics, longest first.
const SUFFIXES: &[&str] = &["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك"];

/// The greedy analysis used for search keys and token `base`.
pub fn analyze(w: &str) -> Analysis {
    if !is_arabic_word(w) {
        return Analysis { prefix_len: 0, suffix_len: 0 };
    }
    let n = char_len(w);
    let mut prefix_len = 0;
    for p in PREFIXES {
        if w.starts_with(p) {
            let pl = char_len(p);
            // a single-letter preposition/conjunction needs a longer rest:
            // protects short words such as ولد, بيت, كان.
            let need = if pl == 1 { MIN_BASE + 1 } else { MIN_BASE - 1 };
            if n - pl >= need {
                prefix_len = p.len();
                break;
            }
        }
    }
    let rest = &w[prefix_len..];
    let rn = char_len(rest);
    let mut suffix_len = 0;
    // Only strip pronouns after taa marbuta turned ت (حكومته → حكومه+ه) or
    // multi-letter pronouns on long bases: single ه/ك are too often part of
    // the stem once taa marbuta is folded to ه.
    for s in SUFFIXES {
        if rest.ends_with(s) {
            let sl = char_len(s);
            let stem = &rest[..rest.len() - s.len()];
            if stem.ends_with('ت') && rn - sl >= MIN_BASE {
                suffix_len = s.len();
                break;
            }
            if sl >= 2 && rn - sl >= MIN_BASE + 1 {
                suffix_len = s.len();
                break;
            }
        }
    }
    Analysis { prefix_len, suffix_len }
}

/// The clitic-free base of a normalised word, with ت restored to ه when a
/// pronoun followed a taa marbuta (حكومتهم → حكومه).
pub fn base(w: &str) -> String {
    let a = analyze(w);
    let mut b = a.base(w).to_string();
    if a.suffix_len > 0 && b.ends_with('ت') && !w[w.len() - a.suffix_len..].is_empty() {
        b.pop();
        b.push('ه');
    }
    b
}

/// Every plausible (prefix, base) split of a normalised word, the unsplit
/// word first, for lexicon lookups: وبغداد → [وبغداد, بغداد, غداد].
/// When the split removed ال or لل, the base is also offered with ال
/// (للحكومه → حكومه and الحكومه).
pub fn candidates(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if !is_arabic_word(w) {
        return out;
    }
    let n = char_len(w);
    for p in PREFIXES {
        if w.starts_with(p) && n - char_len(p) >= 2 {
            let rest = &w[p.len()..];
            if !out.iter().any(|o| o == rest) {
                out.push(rest.to_string());
            }
            if p.ends_with("ال") || p.ends_with("لل") {
                let with_al = format!("ال{rest}");
                if !out.contains(&with_al) {
                    out.push(with_al);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn b(w: &str) -> String {
        base(&normalize(w))
    }

    #[test]
    fn clitic_forms_share_a_base() {
        assert_eq!(b("وبغداد"), b("بغداد"));
        assert_eq!(b("للحكومة"), b("الحكومة"));
        assert_eq!(b("والحكومة"), b("حكومة"));
        assert_eq!(b("حكومته"), b("الحكومة"));
    }

    #[test]
    fn short_words_survive() {
        assert_eq!(b("ولد"), "ولد");
        assert_eq!(b("كان"), "كان");
        assert_eq!(b("في"), "في");
    }

    #[test]
    fn candidates_include_the_lexicon_form() {
        let c = candidates(&normalize("بالموصل"));
        assert!(c.contains(&"موصل".to_string()));
        assert!(c.contains(&"الموصل".to_string()));
        let c = candidates(&normalize("وكركوك"));
        assert!(c.contains(&"كركوك".to_string()));
    }
}
