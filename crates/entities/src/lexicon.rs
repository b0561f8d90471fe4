//! marsad's own word lists (data/lex/*.txt, written by hand), used as tagger
//! features and by the rules. Matching is on normalised forms, through
//! `marsad_text::clitics::candidates` so that وبغداد finds بغداد.

use crate::features::TokInfo;
use std::collections::HashMap;

#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LexFlags(pub u32);

pub mod flag {
    pub const FIRST_NAME: u32 = 1 << 0;
    pub const TITLE: u32 = 1 << 1;
    pub const ORG_HEAD: u32 = 1 << 2;
    pub const LOC_TRIGGER: u32 = 1 << 3;
    pub const COUNTRY: u32 = 1 << 4;
    pub const CITY: u32 = 1 << 5;
    pub const ORG_B: u32 = 1 << 6;
    pub const ORG_I: u32 = 1 << 7;
    pub const NATIONALITY: u32 = 1 << 8;
    pub const MONTH: u32 = 1 << 9;
    pub const SPEECH: u32 = 1 << 10;
    pub const LOC_B: u32 = 1 << 11;
    pub const LOC_I: u32 = 1 << 12;
    pub const CURRENCY: u32 = 1 << 13;
    pub const MISC_WORD: u32 = 1 << 14;
    pub const PERS_B: u32 = 1 << 15;
    pub const PERS_I: u32 = 1 << 16;
    pub const NUMBER_WORD: u32 = 1 << 17;
    pub const FAMILY: u32 = 1 << 18;
}

const FILES: &[(&str, &str, u32, u32)] = &[
    ("first_names", include_str!("../data/lex/first_names.txt"), flag::FIRST_NAME, flag::PERS_B | (flag::PERS_I << 16)),
    ("family_names", include_str!("../data/lex/family_names.txt"), flag::FAMILY, flag::PERS_B | (flag::PERS_I << 16)),
    ("people", include_str!("../data/lex/people.txt"), flag::FAMILY, flag::PERS_B | (flag::PERS_I << 16)),
    ("titles", include_str!("../data/lex/titles.txt"), flag::TITLE, 0),
    ("org_heads", include_str!("../data/lex/org_heads.txt"), flag::ORG_HEAD, 0),
    ("loc_triggers", include_str!("../data/lex/loc_triggers.txt"), flag::LOC_TRIGGER, 0),
    ("countries", include_str!("../data/lex/countries.txt"), flag::COUNTRY, flag::LOC_B | (flag::LOC_I << 16)),
    ("cities", include_str!("../data/lex/cities.txt"), flag::CITY, flag::LOC_B | (flag::LOC_I << 16)),
    ("orgs", include_str!("../data/lex/orgs.txt"), flag::ORG_B, flag::ORG_B | (flag::ORG_I << 16)),
    ("nationalities", include_str!("../data/lex/nationalities.txt"), flag::NATIONALITY, 0),
    ("months", include_str!("../data/lex/months.txt"), flag::MONTH, 0),
    ("speech", include_str!("../data/lex/speech.txt"), flag::SPEECH, 0),
    ("currencies", include_str!("../data/lex/currencies.txt"), flag::CURRENCY, 0),
    ("misc", include_str!("../data/lex/misc.txt"), flag::MISC_WORD, 0),
    ("numbers", include_str!("../data/lex/numbers.txt"), flag::NUMBER_WORD, 0),
];

/// A phrase of two or more words: the remaining words and its B/I flags.
#[derive(Clone, Debug)]
struct Phrase {
    rest: Vec<String>,
    b: u32,
    i: u32,
}

#[derive(Default)]
pub struct Lexicon {
    // FastHasher, not SipHash: a new word's flags look up each of its clitic
    // readings (SipHash was 3 % of all instructions on long articles); only
    // looked up, never iterated in an order that reaches the output
    words: marsad_text::StrMap<u32>,
    phrases: marsad_text::StrMap<Vec<Phrase>>,
    /// last three chars of every phrase head (see [`tail_key`])
    head_tails: std::collections::HashSet<u64, std::hash::BuildHasherDefault<marsad_text::FastHasher>>,
    /// English lists (lowercased), by list name.
    pub en: HashMap<&'static str, std::collections::HashSet<String>>,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(|l| l.trim()).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    pub fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        for &(_name, text, single, phrase_flags) in FILES {
            for l in lines(text) {
                let words: Vec<String> = l.split_whitespace().map(marsad_text::normalize).collect();
                if words.is_empty() {
                    continue;
                }
                if words.len() == 1 {
                    *lx.words.entry(words[0].clone()).or_default() |= single;
                } else {
                    let (b, i) = if phrase_flags != 0 { (phrase_flags & 0xffff, phrase_flags >> 16) } else { (single, single) };
                    lx.phrases.entry(words[0].clone()).or_default().push(Phrase { rest: words[1..].to_vec(), b, i });
                }
            }
        }
        lx.head_tails = lx.phrases.keys().map(|k| tail_key(k)).collect();
        for (name, text) in crate::english::EN_FILES {
            lx.en.insert(name, lines(text).map(|l| l.to_lowercase()).collect());
        }
        lx
    }

    /// Flags of one normalised word.
    pub fn flags(&self, n: &str) -> LexFlags {
        self.flags_in(n, || marsad_text::clitics::candidates_shared(n))
    }

    /// [`Lexicon::flags`], with the word's readings
    /// (`marsad_text::clitics::candidates_shared(n)`) fetched by `cands`
    /// only when needed (a caller that already has them passes them).
    pub fn flags_in<C: std::ops::Deref<Target = [String]>>(&self, n: &str, cands: impl FnOnce() -> C) -> LexFlags {
        if self.words.is_empty() || n.is_empty() {
            return LexFlags(0);
        }
        let mut f = 0;
        if let Some(&x) = self.words.get(n) {
            f |= x;
        }
        if starts_arabic_letter(n) {
            for c in cands().iter().skip(1) {
                if let Some(&x) = self.words.get(c.as_str()) {
                    f |= x;
                }
            }
        }
        LexFlags(f)
    }

    pub fn has_word(&self, n: &str, f: u32) -> bool {
        self.flags(n).0 & f != 0
    }

    /// Multiword phrase matches: (first token, end token, B flag, I flag).
    pub fn phrase_matches(&self, toks: &[TokInfo]) -> Vec<(usize, usize, u32, u32)> {
        let mut out = Vec::new();
        if self.phrases.is_empty() {
            return out;
        }
        for i in 0..toks.len() {
            // the word's readings that head a phrase, found once per word
            // (`WordInfo::phrase_heads`, from this same global lexicon)
            for key in &toks[i].phrase_heads {
                let Some(list) = self.phrases.get(key.as_str()) else { continue };
                for p in list {
                    if i + p.rest.len() >= toks.len() {
                        continue;
                    }
                    if p.rest.iter().enumerate().all(|(k, w)| &toks[i + 1 + k].n == w) {
                        out.push((i, i + 1 + p.rest.len(), p.b, p.i));
                    }
                }
            }
        }
        out
    }

    /// The distinct readings of a normalised word (in
    /// `marsad_text::clitics::candidates` order) that begin a multiword
    /// phrase; what [`Lexicon::phrase_matches`] tries at this word.
    pub fn phrase_heads(&self, first: &str) -> Vec<String> {
        self.phrase_heads_in(first, || marsad_text::clitics::candidates_shared(first))
    }

    /// [`Lexicon::phrase_heads`], with the word's readings
    /// (`marsad_text::clitics::candidates_shared(first)`, the distinct
    /// readings of `for_each_candidate` in its order) fetched by `cands`
    /// only when the cheap pre-check passes.
    pub fn phrase_heads_in<C: std::ops::Deref<Target = [String]>>(&self, first: &str, cands: impl FnOnce() -> C) -> Vec<String> {
        let mut hits: Vec<String> = Vec::new();
        if self.phrases.is_empty() || first.is_empty() || !starts_arabic_letter(first) {
            return hits;
        }
        if !self.phrase_heads_may_match(first) {
            return hits;
        }
        for c in cands().iter() {
            if self.phrases.contains_key(c.as_str()) && !hits.iter().any(|h| h == c) {
                hits.push(c.to_string());
            }
        }
        hits
    }

    /// [`Lexicon::phrase_heads`] through `for_each_candidate` (the reference
    /// for `phrase_heads_in`; tests only).
    #[cfg(test)]
    pub(crate) fn phrase_heads_reference(&self, first: &str) -> Vec<String> {
        let mut hits: Vec<String> = Vec::new();
        if self.phrases.is_empty() || first.is_empty() || !starts_arabic_letter(first) {
            return hits;
        }
        if !self.phrase_heads_may_match(first) {
            return hits;
        }
        marsad_text::clitics::for_each_candidate(first, &mut |c| {
            if self.phrases.contains_key(c) && !hits.iter().any(|h| h == c) {
                hits.push(c.to_string());
            }
        });
        hits
    }

    /// Cheap pre-check: could a phrase start with this word (after clitics)?
    fn phrase_heads_may_match(&self, n: &str) -> bool {
        // every phrase head ends the word; compare on the last 3 chars
        self.head_tails.contains(&tail_key(n))
    }

    /// Mark multiword phrase matches (B on the first word, I on the rest).
    pub fn mark_phrases(&self, toks: &mut [TokInfo]) {
        for (a, b, bf, iflag) in self.phrase_matches(toks) {
            toks[a].lex.0 |= bf;
            for t in toks.iter_mut().take(b).skip(a + 1) {
                t.lex.0 |= iflag;
            }
        }
    }
}

/// Whether the word's first char is an Arabic letter (ء..ي).
#[inline]
pub(crate) fn starts_arabic_letter(n: &str) -> bool {
    n.chars().next().map_or(false, |c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// The last three chars of a word packed in a number (21 bits each, the
/// last char lowest; missing chars are 0): a pre-filter key, where a rare
/// collision only costs a look-up.
fn tail_key(w: &str) -> u64 {
    let mut k = 0u64;
    for (i, c) in w.chars().rev().take(3).enumerate() {
        k |= (c as u64) << (21 * i);
    }
    k
}

/// One of the English lists (lowercased entries) by name.
pub fn lexicon_en(name: &str) -> Option<&'static std::collections::HashSet<String>> {
    crate::lexicon().en.get(name)
}
