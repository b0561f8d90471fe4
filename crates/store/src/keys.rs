//! Search keys: what the full-text index holds for each token, and how a
//! query word is mapped to the same space.
//!
//! A token is indexed under a small set of keys, never its surface form:
//! - Arabic: the normalised word (`norm`), its greedy clitic-free `base`
//!   (وبغداد → بغداد, للحكومة → حكومه) and every plausible clitic split
//!   from [`marsad_text::clitics::candidates`] (ووزارة → وزاره, …).
//! - Latin: the lowercased word without apostrophes/possessive, and a light
//!   stem (attacks, attacked, attacking → attack).
//! - Numbers: the ASCII digits without separators (١٬٢٠٠ → 1200).
//!
//! A query word matches a token when the query word's *own* keys (`norm`
//! and `base`, or word and stem) meet the token's key set. Because `base` is
//! computed by the same deterministic analysis on both sides, a clitic on
//! either side is absorbed: بغداد finds وبغداد and وبغداد finds بغداد;
//! الحكومة finds للحكومة and the reverse. The candidate keys on the index
//! side catch the cases where the greedy analysis strips a letter of the stem
//! in one form only (وزارة vs ووزارة).
//!
//! The same function [`token_keys`] decides what is indexed and what is
//! highlighted, so a snippet marks exactly the tokens that made the match.

use marsad_core::{Token, TokenKind};

/// Version of the key derivation. Stored in the `meta` table; when it
/// changes, [`crate::Store::reindex`] rebuilds the index from stored texts.
pub const KEYS_VERSION: &str = "1";

/// A fingerprint of the key derivation *as the linked text layer computes
/// it*: the keys of a fixed probe text, hashed. Stored in `meta`; when an
/// upgrade of marsad-text changes normalisation or clitic analysis, the
/// fingerprint changes and the index is rebuilt on open, so queries and
/// index never disagree.
pub fn fingerprint() -> String {
    const PROBE: &str = "وبغداد للحكومة الحكومة ووزارة بالموصل والمستشفى حكومتهم كتائبهم فسيقتلونهم \
        أُعلِنَ إسلام مستشفى ٢٠١٧ ۱۲ Attacks attacked killing casualties Qa'ida's stopped state";
    let mut s = String::from(KEYS_VERSION);
    for t in marsad_text::tokenize::tokenize(PROBE) {
        s.push('|');
        s.push_str(&token_keys(&t).join(","));
        s.push(':');
        s.push_str(&query_keys(&t).join(","));
    }
    // FNV-1a, 64 bit: stable across builds and platforms
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{KEYS_VERSION}-{h:016x}")
}

/// Keep only characters that the FTS5 `unicode61` tokenizer treats as
/// token characters (letters and digits), so a key is always one FTS token.
fn clean(s: &str) -> String {
    s.chars().filter(|&c| is_key_char(c)).collect()
}

#[inline]
fn is_key_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric() && !is_mark(c),
    }
}

fn is_mark(c: char) -> bool {
    // combining marks are alphabetic for Rust but separators for unicode61
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}')
}

fn push_unique(out: &mut Vec<String>, k: String) {
    if !k.is_empty() && !out.contains(&k) {
        out.push(k);
    }
}

/// English word without possessive `'s` and apostrophes.
fn latin_word(norm: &str) -> String {
    let w = norm.strip_suffix("'s").or_else(|| norm.strip_suffix("’s")).unwrap_or(norm);
    clean(w)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A light English stemmer: enough that attack/attacks/attacked/attacking,
/// kill/killed/killing, casualty/casualties and state/stated meet. It is
/// applied identically to index and query, so it only needs to be
/// consistent, not linguistically exact. Non-ASCII words are left alone.
pub fn stem_en(w: &str) -> String {
    if !w.is_ascii() || w.len() <= 3 {
        return w.to_string();
    }
    let mut s = w.to_string();
    if let Some(r) = s.strip_suffix("ies") {
        if r.len() >= 2 {
            s = format!("{r}y");
        }
    } else if s.ends_with("sses") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") && s.len() > 3 {
        s.pop();
    }
    for suf in ["ing", "ed"] {
        if let Some(r) = s.strip_suffix(suf) {
            if r.len() >= 3 && r.bytes().any(is_vowel) {
                s = r.to_string();
                break;
            }
        }
    }
    if s.len() > 3 && s.ends_with('e') {
        s.pop();
    }
    // stopp → stop, kill → kil: applied to every form alike
    let b = s.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !is_vowel(b[b.len() - 1]) && b[b.len() - 1].is_ascii_alphabetic() {
        s.pop();
    }
    s
}

/// Every key a document token is indexed under (empty for punctuation).
pub fn token_keys(t: &Token) -> Vec<String> {
    let mut out = Vec::with_capacity(4);
    match t.kind {
        TokenKind::Arabic => {
            push_unique(&mut out, clean(&t.norm));
            push_unique(&mut out, clean(&t.base));
            for c in marsad_text::clitics::candidates(&t.norm) {
                push_unique(&mut out, clean(&c));
            }
        }
        TokenKind::Latin => {
            let w = latin_word(&t.norm);
            push_unique(&mut out, stem_en(&w));
            push_unique(&mut out, w);
        }
        TokenKind::Number => push_unique(&mut out, clean(&t.norm)),
        TokenKind::Other => push_unique(&mut out, clean(&t.norm)),
        TokenKind::Punct => {}
    }
    out
}

/// The keys a query word is looked up under: any of them matching a token
/// key makes the word match.
pub fn query_keys(t: &Token) -> Vec<String> {
    let mut out = Vec::with_capacity(2);
    match t.kind {
        TokenKind::Arabic => {
            push_unique(&mut out, clean(&t.norm));
            push_unique(&mut out, clean(&t.base));
        }
        TokenKind::Latin => {
            let w = latin_word(&t.norm);
            push_unique(&mut out, stem_en(&w));
            push_unique(&mut out, w);
        }
        TokenKind::Number | TokenKind::Other => push_unique(&mut out, clean(&t.norm)),
        TokenKind::Punct => {}
    }
    out
}

/// Append the keys of every token to `out`, space separated.
pub fn index_text(tokens: &[Token], out: &mut String) {
    for t in tokens {
        for k in token_keys(t) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&k);
        }
    }
}

/// A parsed query: one group of alternative keys per query word; a document
/// must match every group. Words inside double quotes form a phrase: they
/// must also follow each other in the text (punctuation between them is
/// skipped).
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub words: Vec<String>,
    pub groups: Vec<Vec<String>>,
    /// Phrases, as runs of group indexes that must be adjacent.
    pub phrases: Vec<Vec<usize>>,
}

impl Query {
    pub fn parse(q: &str) -> Query {
        let mut words = Vec::new();
        let mut groups = Vec::new();
        let mut phrases = Vec::new();
        // segments at odd positions were inside quotes
        for (si, seg) in q.split('"').enumerate() {
            let first = groups.len();
            for t in marsad_text::tokenize::tokenize(seg) {
                let keys = query_keys(&t);
                if keys.is_empty() {
                    continue;
                }
                words.push(seg.chars().skip(t.start).take(t.end - t.start).collect());
                groups.push(keys);
            }
            if si % 2 == 1 && groups.len() - first >= 2 {
                phrases.push((first..groups.len()).collect());
            }
        }
        Query { words, groups, phrases }
    }

    /// Does token `t` match query word `g`?
    pub fn token_matches(&self, t: &Token, g: usize) -> bool {
        if t.kind == TokenKind::Punct {
            return false;
        }
        let keys = token_keys(t);
        self.groups[g].iter().any(|k| keys.contains(k))
    }

    /// Do all phrases occur in `tokens` (true when there are none)?
    pub fn phrases_match(&self, tokens: &[Token]) -> bool {
        if self.phrases.is_empty() {
            return true;
        }
        let words: Vec<&Token> = tokens.iter().filter(|t| t.kind != TokenKind::Punct).collect();
        self.phrases.iter().all(|ph| {
            words.windows(ph.len()).any(|w| w.iter().zip(ph).all(|(t, &g)| self.token_matches(t, g)))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The FTS5 MATCH expression: `("k1" OR "k2") AND ("k3")`.
    pub fn fts(&self) -> String {
        let mut s = String::new();
        for (i, g) in self.groups.iter().enumerate() {
            if i > 0 {
                s.push_str(" AND ");
            }
            s.push('(');
            for (j, k) in g.iter().enumerate() {
                if j > 0 {
                    s.push_str(" OR ");
                }
                s.push('"');
                s.push_str(&k.replace('"', "\"\""));
                s.push('"');
            }
            s.push(')');
        }
        s
    }

    /// Which query group (if any) a document token matches.
    pub fn matches(&self, t: &Token) -> Option<usize> {
        if t.kind == TokenKind::Punct {
            return None;
        }
        let keys = token_keys(t);
        self.groups.iter().position(|g| g.iter().any(|k| keys.contains(k)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::tokenize::tokenize;

    fn matches(query: &str, text: &str) -> bool {
        let q = Query::parse(query);
        let toks = tokenize(text);
        let mut hit = vec![false; q.groups.len()];
        for t in &toks {
            if let Some(g) = q.matches(t) {
                hit[g] = true;
            }
        }
        !hit.is_empty() && hit.iter().all(|h| *h)
    }

    #[test]
    fn clitics_both_ways() {
        assert!(matches("بغداد", "وبغداد"));
        assert!(matches("وبغداد", "بغداد"));
        assert!(matches("الحكومة", "للحكومة"));
        assert!(matches("للحكومة", "الحكومة"));
        assert!(matches("وزارة", "ووزارة"));
        assert!(matches("ووزارة", "وزارة"));
        assert!(matches("الموصل", "بالموصل"));
        assert!(matches("الحكومة", "حكومتهم"));
        assert!(!matches("بغداد", "البصرة"));
    }

    #[test]
    fn normalisation_variants() {
        assert!(matches("مستشفى", "المستشفي"));
        assert!(matches("أحمد", "احمد"));
        assert!(matches("قتل", "قُتِلَ"));
        assert!(matches("2017", "٢٠١٧"));
    }

    #[test]
    fn phrases() {
        let q = Query::parse("قتل \"وزارة الداخلية\" \"one\"");
        assert_eq!(q.groups.len(), 4);
        assert_eq!(q.phrases, vec![vec![1, 2]]);
        let ok = tokenize("أعلنت ووزارة الداخلية، قتل");
        let split = tokenize("وزارة الدفاع والداخلية قتل");
        assert!(q.phrases_match(&ok));
        assert!(!q.phrases_match(&split));
        let punct = tokenize("the Interior - Ministry");
        assert!(Query::parse("\"interior ministry\"").phrases_match(&punct));
    }

    #[test]
    fn english_stems() {
        assert!(matches("attack", "Attacks"));
        assert!(matches("attacked", "attacking"));
        assert!(matches("killed", "KILL"));
        assert!(matches("casualties", "casualty"));
        assert!(matches("Qaida", "al-Qaida's"));
        assert!(!matches("attack", "tack"));
        assert_eq!(stem_en("stopped"), stem_en("stop"));
        assert_eq!(stem_en("protesters"), "protester");
    }

    #[test]
    fn fts_expression_is_quoted() {
        let q = Query::parse("وبغداد \"x");
        assert_eq!(q.groups.len(), 2);
        assert!(q.phrases.is_empty());
        assert!(q.fts().starts_with("(\"وبغداد\" OR \"بغداد\") AND"));
        assert!(Query::parse("،؟ ...").is_empty());
    }
}
