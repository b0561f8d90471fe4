//! Arabic clitic analysis on normalised words. Proclitics: conjunctions و ف,
//! prepositions ب ك ل, the article ال, and لل (ل + ال with its alef elided),
//! in that order (و + ب + ال = وبال). Enclitics: the pronouns ها هم هما هن
//! كم كما كن نا, and ه after a taa (حكومته → حكومه, قواته → قوات).
//!
//! A single letter such as ب is a preposition in بغزة and part of the stem in
//! بغداد; no rule on letters alone can tell them apart. The analysis therefore
//! consults a stem lexicon (`data/stems.txt`, generated, plus the hand-written
//! `data/stems.hand.txt`) of clitic-free words:
//!
//! 1. closed-class words (`data/function_words.txt`: كان، كما، لكن، بين…) and
//!    known stems (بغداد، لبنان، وزير، كركوك) are never split;
//! 2. otherwise the shortest proclitic sequence (and then the shortest
//!    pronoun suffix) that leaves a known stem wins: لبغداد → ل + بغداد,
//!    وللحكومه → ول + حكومه, قواتها → قوات + ها;
//! 3. a word with no known reading falls back to length rules: article
//!    combinations (وال، بال، لل…) leave at least 2 letters, و/ف at least 3,
//!    ب/ك/ل at least 4; pronouns only on long words or after a taa.
//!
//! The analysis is deterministic and depends only on the word, so a query and
//! a document get the same key. Lexicon lookups (gazetteers, actors) should
//! use [`candidates`], which lists every plausible split so that the lexicon
//! decides.

use crate::memo::Memo;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;
use std::sync::OnceLock;

/// A split of a normalised word into prefix + base + suffix (byte ranges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analysis {
    pub prefix_len: usize,
    pub suffix_len: usize,
    /// The base ended in ت before a pronoun and stands for a taa marbuta:
    /// the clitic-free form ends in ه (حكومته → حكومه).
    pub restore_taa: bool,
}

impl Analysis {
    pub fn prefix<'a>(&self, w: &'a str) -> &'a str {
        &w[..self.prefix_len]
    }
    /// The base as a slice of `w` (without the taa restoration; see [`base`]).
    pub fn base<'a>(&self, w: &'a str) -> &'a str {
        &w[self.prefix_len..w.len() - self.suffix_len]
    }
    pub fn suffix<'a>(&self, w: &'a str) -> &'a str {
        &w[w.len() - self.suffix_len..]
    }
    /// Write the clitic-free base of `w` (with taa restored) into `out`.
    pub fn base_into(&self, w: &str, out: &mut String) {
        out.clear();
        let b = self.base(w);
        if self.restore_taa {
            if let Some(stem) = b.strip_suffix('ت') {
                out.push_str(stem);
                out.push('ه');
                return;
            }
        }
        out.push_str(b);
    }
    const NONE: Analysis = Analysis { prefix_len: 0, suffix_len: 0, restore_taa: false };
}

// ---------------------------------------------------------------- lexicon

/// The last `b.len() % 8` bytes of `b` as a little-endian number (zero
/// above them): the tail that a hash reading `b` in 8-byte words mixes in
/// last. The same value as shifting in the tail's bytes one by one, read
/// with at most two loads instead of a loop per byte (hashing short words
/// is most of a look-up; test `le_tail_is_the_byte_loop`).
#[inline]
pub fn le_tail(b: &[u8]) -> u64 {
    let n = b.len();
    let r = n & 7;
    if r == 0 {
        return 0;
    }
    if n >= 8 {
        // the last 8 bytes, shifted down past the bytes of the last full word
        let x = u64::from_le_bytes(b[n - 8..].try_into().expect("8 bytes"));
        return x >> (8 * (8 - r));
    }
    // n = r < 8: two overlapping loads (the shared bytes are equal)
    if r >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().expect("4 bytes")) as u64;
        let hi = u32::from_le_bytes(b[r - 4..].try_into().expect("4 bytes")) as u64;
        return lo | (hi << (8 * (r - 4)));
    }
    if r >= 2 {
        let lo = u16::from_le_bytes(b[..2].try_into().expect("2 bytes")) as u64;
        let hi = u16::from_le_bytes(b[r - 2..].try_into().expect("2 bytes")) as u64;
        return lo | (hi << (8 * (r - 2)));
    }
    b[0] as u64
}

/// FxHash-style hasher: the lexicon is looked up several times per Arabic
/// token, so SipHash would dominate the text stage's time.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        let tail = le_tail(bytes);
        h = (h.rotate_left(5) ^ tail ^ ((bytes.len() as u64) << 56)).wrapping_mul(K);
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, _: u8) {}
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<FastHasher>>;

const STEM: u8 = 1;
const FUNCTION_WORD: u8 = 2;

/// Stems and function words in one map (one lookup per candidate).
struct Lexicon {
    words: FastMap<'static, u8>,
}

impl Lexicon {
    #[inline]
    fn flags(&self, w: &str) -> u8 {
        self.words.get(w).copied().unwrap_or(0)
    }
    #[inline]
    fn stem(&self, w: &str) -> bool {
        self.flags(w) & STEM != 0
    }
}

const STEMS: &str = include_str!("../data/stems.txt");
const STEMS_HAND: &str = include_str!("../data/stems.hand.txt");
const FUNCTION: &str = include_str!("../data/function_words.txt");

fn entries(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut words = FastMap::default();
        words.reserve(12_000);
        for w in entries(STEMS).chain(entries(STEMS_HAND)) {
            *words.entry(w).or_insert(0) |= STEM;
        }
        for w in entries(FUNCTION) {
            *words.entry(w).or_insert(0) |= FUNCTION_WORD;
        }
        Lexicon { words }
    })
}

/// True when `w` (normalised, clitic-free, without ال) is a stem marsad knows.
pub fn is_known_stem(w: &str) -> bool {
    lexicon().stem(w)
}

/// True for closed-class words that are never split (كان، كما، بين…).
pub fn is_function_word(w: &str) -> bool {
    lexicon().flags(w) & FUNCTION_WORD != 0
}

// ---------------------------------------------------------------- analysis

fn is_arabic_word(w: &str) -> bool {
    w.chars().next().map_or(false, |c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Every proclitic sequence, shortest first (the lexicon pass takes the
/// first that leaves a known stem), with whether it contains the article and
/// the minimum letters the fallback pass leaves after it.
const PROCLITICS: &[(&str, bool, usize)] = &[
    ("و", false, 3),
    ("ف", false, 3),
    ("ب", false, 4),
    ("ك", false, 4),
    ("ل", false, 4),
    ("ال", true, 2),
    ("وب", false, 3),
    ("وك", false, 3),
    ("ول", false, 3),
    ("فب", false, 3),
    ("فك", false, 3),
    ("فل", false, 3),
    ("لل", true, 2),
    ("وال", true, 2),
    ("فال", true, 2),
    ("بال", true, 2),
    ("كال", true, 2),
    ("ولل", true, 2),
    ("فلل", true, 2),
    ("وبال", true, 2),
    ("وكال", true, 2),
    ("فبال", true, 2),
    ("فكال", true, 2),
];

/// The proclitic sequences without the article, as [`PROCLITICS`] lists
/// them: و ف ب ك ل and their pairs (وب، ول، فك…). For matchers that
/// compare a token with a word of their own list behind its proclitics.
pub fn bare_proclitics() -> impl Iterator<Item = &'static str> + Clone {
    PROCLITICS.iter().filter(|(_, art, _)| !art).map(|(p, _, _)| *p)
}

/// ل + the article with its alef elided, alone or after و / ف: لل، ولل،
/// فلل (للعام is ل + العام).
pub const LAM_ARTICLE: [&str; 3] = ["لل", "ولل", "فلل"];

/// How the normalised `word` writes `base` behind proclitics: the written
/// prefix, "" for `base` itself, a bare proclitic ([`bare_proclitics`]:
/// وعام → و), or one of [`LAM_ARTICLE`] standing for ل + the article of a
/// `base` that starts with ال (للعام → لل for العام). None when `word` is
/// not `base` behind proclitics. The caller decides which prefixes its
/// word takes (short words often only و / ف).
pub fn written_prefix<'a>(word: &'a str, base: &str) -> Option<&'a str> {
    if word == base {
        return Some("");
    }
    if word.len() > base.len() {
        if let Some(p) = strip_suffix(word, base) {
            return bare_proclitics().any(|q| q == p).then_some(p);
        }
    }
    let wr = base.strip_prefix("ال")?;
    LAM_ARTICLE
        .iter()
        .find(|p| word.len() == p.len() + wr.len() && word.starts_with(*p) && word.ends_with(wr))
        .map(|p| &word[..p.len()])
}

/// `w` without the first of `proclitics` it starts with that leaves at
/// least `min_rest` letters; `w` itself when none does (وغرب → غرب with
/// و ف ب and 3).
pub fn strip_first_proclitic<'a>(w: &'a str, proclitics: &[&str], min_rest: usize) -> &'a str {
    for p in proclitics {
        if let Some(r) = strip_prefix(w, p) {
            if char_len(r) >= min_rest {
                return r;
            }
        }
    }
    w
}

/// Pronoun enclitics, shortest first. A lone ه is a pronoun only after ت:
/// after normalisation it is also every taa marbuta (دوله is not دول + ه).
const ENCLITICS: &[&str] = &["ه", "ها", "هم", "هن", "كم", "كن", "نا", "هما", "كما"];

#[inline]
fn char_len(s: &str) -> usize {
    s.chars().count()
}

// Inlined byte comparisons: the affixes are 2-8 bytes, and `str::starts_with`
// calls memcmp, which dominated the analysis in profiles.
#[inline]
pub fn strip_prefix<'a>(w: &'a str, p: &str) -> Option<&'a str> {
    let (wb, pb) = (w.as_bytes(), p.as_bytes());
    if wb.len() >= pb.len() && wb.iter().zip(pb).all(|(a, b)| a == b) {
        Some(&w[pb.len()..])
    } else {
        None
    }
}

#[inline]
pub fn strip_suffix<'a>(w: &'a str, s: &str) -> Option<&'a str> {
    let (wb, sb) = (w.as_bytes(), s.as_bytes());
    if wb.len() >= sb.len() && wb[wb.len() - sb.len()..].iter().zip(sb).all(|(a, b)| a == b) {
        Some(&w[..wb.len() - sb.len()])
    } else {
        None
    }
}

/// Can `w` start with a proclitic / end with an enclitic at all?
#[inline]
fn may_have_prefix(w: &str) -> bool {
    matches!(w.chars().next(), Some('و' | 'ف' | 'ب' | 'ك' | 'ل' | 'ا'))
}

#[inline]
fn may_have_suffix(w: &str) -> bool {
    matches!(w.chars().next_back(), Some('ه' | 'ا' | 'م' | 'ن'))
}

/// Suffix readings of `r` (already without proclitics) that leave a known
/// stem: returns (suffix bytes, restore_taa).
#[inline]
fn known_suffix(r: &str, enclitics: &[&str], lex: &Lexicon, buf: &mut String, min_base: usize) -> Option<(usize, bool)> {
    if !may_have_suffix(r) {
        return None;
    }
    for s in enclitics {
        let Some(b) = strip_suffix(r, s) else { continue };
        if char_len(b) < 2 {
            continue;
        }
        let after_taa = b.ends_with('ت');
        if *s == "ه" && !after_taa {
            continue;
        }
        if lex.stem(b) && char_len(b) >= min_base {
            return Some((s.len(), false));
        }
        // a restored taa marbuta needs a real word before it (بتهم is not به + هم)
        if after_taa && char_len(b) >= 3 {
            buf.clear();
            buf.push_str(&b[..b.len() - 'ت'.len_utf8()]);
            buf.push('ه');
            if lex.stem(buf.as_str()) {
                return Some((s.len(), true));
            }
        }
    }
    None
}

/// Inflectional endings (plural, dual, feminine, nisba, accusative alif):
/// a word ending in one of these after a known stem is a form of that stem.
const INFLECTIONS: &[&str] = &["ون", "ين", "ات", "ان", "يه", "يون", "يين", "يات", "يان", "ه", "ي", "ا"];

#[inline]
fn inflected_stem(w: &str, lex: &Lexicon, min_stem: usize) -> bool {
    INFLECTIONS.iter().any(|e| strip_suffix(w, e).map_or(false, |b| char_len(b) >= min_stem && lex.stem(b)))
}

/// The analysis used for search keys and token `base`.
pub fn analyze(w: &str) -> Analysis {
    analyze_with(w, false)
}

/// [`analyze`] when the caller knows whether the surface word ended in a taa
/// marbuta (ة), which normalisation folds into ه: then a final ه is never a
/// pronoun (ثابتة is not ثابت + ه, while ثابته may be).
pub fn analyze_with(w: &str, ends_in_taa_marbuta: bool) -> Analysis {
    if !is_arabic_word(w) {
        return Analysis::NONE;
    }
    let lex = lexicon();
    if lex.flags(w) != 0 {
        return Analysis::NONE;
    }
    let n = char_len(w);
    let mut buf = String::new();
    // 1. lexicon: shortest proclitic, then shortest enclitic, leaving a stem
    let enclitics: &[&str] = if ends_in_taa_marbuta { &[] } else { ENCLITICS };
    if let Some((s, restore)) = known_suffix(w, enclitics, lex, &mut buf, 2) {
        return Analysis { prefix_len: 0, suffix_len: s, restore_taa: restore };
    }
    // an inflected form of a known stem is not split either: بريطانيون,
    // ليبيين, كمينا, بحرية (بريطاني، ليبي، كمين، بحر)
    // (only for ب ك ل: و + a word is too common to protect this way, ودعا)
    if matches!(w.chars().next(), Some('ب' | 'ك' | 'ل')) && inflected_stem(w, lex, 4) {
        return Analysis::NONE;
    }
    let prefixes = if may_have_prefix(w) { PROCLITICS } else { &[] };
    for (p, art, _) in prefixes {
        let Some(r) = strip_prefix(w, p) else { continue };
        // a preposition before a two-letter rest is too often a stem letter
        // (وليد is not ول + يد); و/ف and the article may leave two (ومن، الدم)
        let f = lex.flags(r);
        let short_ok = *art || matches!(*p, "و" | "ف") || f & FUNCTION_WORD != 0;
        if n - char_len(p) < if short_ok { 2 } else { 3 } {
            continue;
        }
        if f & STEM != 0 || (!art && f & FUNCTION_WORD != 0) {
            return Analysis { prefix_len: p.len(), suffix_len: 0, restore_taa: false };
        }
        if !art {
            if let Some((s, restore)) = known_suffix(r, enclitics, lex, &mut buf, 3) {
                return Analysis { prefix_len: p.len(), suffix_len: s, restore_taa: restore };
            }
        }
        if n - char_len(p) >= 4 && inflected_stem(r, lex, 3) {
            return Analysis { prefix_len: p.len(), suffix_len: 0, restore_taa: false };
        }
    }
    // 2. fallback: longest proclitic the length rules allow
    let mut best: Option<(&str, bool)> = None;
    for (p, art, need) in prefixes {
        if strip_prefix(w, p).is_some() && n - char_len(p) >= *need && best.map_or(true, |(b, _)| p.len() > b.len()) {
            best = Some((p, *art));
        }
    }
    let (prefix_len, art) = best.map_or((0, false), |(p, a)| (p.len(), a));
    let rest = &w[prefix_len..];
    if art {
        return Analysis { prefix_len, suffix_len: 0, restore_taa: false };
    }
    if !may_have_suffix(rest) {
        return Analysis { prefix_len, suffix_len: 0, restore_taa: false };
    }
    let rn = char_len(rest);
    for s in enclitics.iter().rev() {
        let Some(stem) = strip_suffix(rest, s) else { continue };
        let sl = char_len(s);
        // a plural in ات keeps its ت (عملياتها → عمليات)
        if stem.ends_with('ت') && !stem.ends_with("ات") && rn - sl >= 3 {
            return Analysis { prefix_len, suffix_len: s.len(), restore_taa: true };
        }
        if sl >= 2 && rn - sl >= 4 {
            return Analysis { prefix_len, suffix_len: s.len(), restore_taa: false };
        }
    }
    Analysis { prefix_len, suffix_len: 0, restore_taa: false }
}

/// The clitic-free base of a normalised word, with ت restored to ه when a
/// pronoun followed a taa marbuta (حكومتهم → حكومه).
pub fn base(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    analyze(w).base_into(w, &mut out);
    out
}

/// Every plausible (prefix, base) split of a normalised word, the unsplit
/// word first and the analysis's base second, for lexicon lookups:
/// وبغداد → [وبغداد, بغداد, غداد]. When a split removed ال or لل, the base
/// is also offered with ال (للحكومه → حكومه and الحكومه); pronoun suffixes
/// are also removed from each split (قواتها → قوات).
pub fn candidates(w: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(8);
    for_each_candidate(w, &mut |c| {
        if !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    });
    out
}

/// [`analyze_with`], remembered per thread (the tokenizer analyses every
/// Arabic token, and most words of an article came in earlier ones: the
/// analysis was 2 % of all instructions on long articles). Same answers as
/// [`analyze_with`]; at most `2 × 16,384` words per thread and flag.
pub fn analyze_shared(w: &str, ends_in_taa_marbuta: bool) -> Analysis {
    thread_local! {
        static MEMO: RefCell<[Memo<Analysis>; 2]> = RefCell::new([Memo::new(1 << 14), Memo::new(1 << 14)]);
    }
    // a word ending in ه but not in ته has the same analysis either way
    // (the flag only drops the enclitics, and the one that ends in ه, ه
    // itself, is a pronoun only after ت): one entry serves the tokenizer
    // (flag set for every ة) and the readings' look-ups (flag clear);
    // test `taa_flag_matters_only_after_taa`
    let ends_in_taa_marbuta = ends_in_taa_marbuta && taa_flag_matters(w);
    MEMO.with(|m| {
        let m = &mut m.borrow_mut()[ends_in_taa_marbuta as usize];
        if let Some(a) = m.get(w) {
            return a;
        }
        let a = analyze_with(w, ends_in_taa_marbuta);
        m.insert(w, a);
        a
    })
}

/// Whether [`analyze_with`]'s taa-marbuta flag can change the analysis of
/// `w`: not when `w` ends in ه without ت before it.
#[inline]
fn taa_flag_matters(w: &str) -> bool {
    !(w.ends_with('ه') && !w.ends_with("ته"))
}

/// [`candidates`] of `w`, remembered per thread. The same words come back in
/// every document and several stages ask for their readings (places,
/// actors, entities), so each word is analysed once; the memo keeps the
/// frequent words and at most `2 × 16,384` entries per thread
/// ([`crate::memo::Memo`]).
pub fn candidates_shared(w: &str) -> Rc<[String]> {
    thread_local! {
        static MEMO: RefCell<Memo<Rc<[String]>>> = RefCell::new(Memo::new(1 << 14));
    }
    if let Some(c) = MEMO.with(|m| m.borrow_mut().get(w)) {
        return c;
    }
    let c: Rc<[String]> = candidates(w).into();
    MEMO.with(|m| m.borrow_mut().insert(w, Rc::clone(&c)));
    c
}

/// The readings of [`candidates`], in the same order, passed to `f` without
/// allocating a vector or a string per reading. A reading may be passed more
/// than once (the vector form drops repeats); empty readings are never
/// passed. For lookups that only ask "is any reading in this set".
pub fn for_each_candidate(w: &str, f: &mut dyn FnMut(&str)) {
    f(w);
    if !is_arabic_word(w) {
        return;
    }
    let mut buf = String::with_capacity(w.len() + 4);
    // the same analysis as `analyze(w)`, usually remembered from the tokenizer
    analyze_shared(w, false).base_into(w, &mut buf);
    if !buf.is_empty() {
        f(&buf);
    }
    let n = char_len(w);
    suffix_splits(w, false, &mut buf, f);
    if !may_have_prefix(w) {
        return;
    }
    for (p, art, _) in PROCLITICS {
        if let Some(rest) = strip_prefix(w, p) {
            if n - char_len(p) >= 2 {
                suffix_splits(rest, *art, &mut buf, f);
            }
        }
    }
}

/// One proclitic reading `rest` of [`for_each_candidate`]: the rest itself,
/// with ال when the article was removed, else without each pronoun suffix.
#[inline]
fn suffix_splits(rest: &str, art: bool, buf: &mut String, f: &mut dyn FnMut(&str)) {
    if !rest.is_empty() {
        f(rest);
    }
    if art {
        buf.clear();
        buf.push_str("ال");
        buf.push_str(rest);
        f(buf);
        return;
    }
    if !may_have_suffix(rest) {
        return;
    }
    for s in ENCLITICS.iter().skip(1) {
        if let Some(stem) = strip_suffix(rest, s) {
            if char_len(stem) >= 2 {
                f(stem);
                if let Some(t) = stem.strip_suffix('ت') {
                    buf.clear();
                    buf.push_str(t);
                    buf.push('ه');
                    f(buf);
                }
            }
        }
    }
    if let Some(stem) = strip_suffix(rest, "ته") {
        if char_len(stem) >= 2 {
            buf.clear();
            buf.push_str(stem);
            buf.push('ه');
            f(buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn le_tail_is_the_byte_loop() {
        let bytes: Vec<u8> = (0..64u32).map(|i| (i.wrapping_mul(0x9d) ^ 0xa5) as u8).chain([0xff, 0, 0x80, 1, 0xd8, 0xa7, 0xd9, 0x84]).collect();
        for start in 0..8 {
            for len in 0..=(bytes.len() - start) {
                let b = &bytes[start..start + len];
                let mut want = 0u64;
                for (i, x) in b.chunks_exact(8).remainder().iter().enumerate() {
                    want |= (*x as u64) << (8 * i);
                }
                assert_eq!(le_tail(b), want, "{b:?}");
            }
        }
        // Arabic words (2 bytes a letter) of every length up to 12 letters
        let w = "والحكومةالعراقية";
        for (i, _) in w.char_indices() {
            let b = &w.as_bytes()[..i];
            let mut want = 0u64;
            for (k, x) in b.chunks_exact(8).remainder().iter().enumerate() {
                want |= (*x as u64) << (8 * k);
            }
            assert_eq!(le_tail(b), want);
        }
    }

    /// The readings through the remembered analysis equal those of a fresh
    /// `analyze`, on real words (corpus articles, when present).
    #[test]
    fn candidates_match_a_fresh_analysis() {
        let mut text = String::from("وبغداد للحكومة قواتها والوزير بغداد Baghdad و ثابتة ثابته بريطانيون وليد");
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        if let Some(c) = here.ancestors().map(|a| a.join("shared/corpus/ant-v1.1-jawharafm.jsonl")).find(|p| p.is_file()).and_then(|p| std::fs::read_to_string(p).ok()) {
            for l in c.lines().take(300) {
                text.push(' ');
                text.push_str(l);
            }
        }
        let mut n_words = 0;
        for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let n = normalize(w);
            // the tokenizer's way: remember the analysis with the taa flag first
            let _ = analyze_shared(&n, w.ends_with('ة'));
            let mut got: Vec<String> = Vec::new();
            for_each_candidate(&n, &mut |c| got.push(c.to_string()));
            let mut want: Vec<String> = vec![n.clone()];
            if is_arabic_word(&n) {
                let mut buf = String::new();
                analyze(&n).base_into(&n, &mut buf);
                if !buf.is_empty() {
                    want.push(buf.clone());
                }
                suffix_splits(&n, false, &mut buf, &mut |c| want.push(c.to_string()));
                if may_have_prefix(&n) {
                    for (p, art, _) in PROCLITICS {
                        if let Some(rest) = strip_prefix(&n, p) {
                            if char_len(&n) - char_len(p) >= 2 {
                                suffix_splits(rest, *art, &mut buf, &mut |c| want.push(c.to_string()));
                            }
                        }
                    }
                }
            }
            assert_eq!(got, want, "{w}");
            n_words += 1;
        }
        assert!(n_words > 10);
    }

    /// Words ending in ه but not in ته are analysed alike with and without
    /// the taa-marbuta flag (so `analyze_shared` keeps one entry for them),
    /// on real words and on every stem and function word with ه, ته and
    /// clitics around; `analyze_shared` gives `analyze_with`'s answer for
    /// both flags.
    #[test]
    fn taa_flag_matters_only_after_taa() {
        let mut words: Vec<String> = Vec::new();
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        if let Some(c) = here.ancestors().map(|a| a.join("shared/corpus/ant-v1.1-jawharafm.jsonl")).find(|p| p.is_file()).and_then(|p| std::fs::read_to_string(p).ok()) {
            for l in c.lines().take(300) {
                words.extend(l.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(normalize));
            }
        }
        for l in entries(STEMS).chain(entries(STEMS_HAND)).chain(entries(FUNCTION)) {
            let n = normalize(l);
            for (p, s) in [("", "ه"), ("", "ته"), ("و", "ه"), ("ب", "ه"), ("وال", "ه"), ("ل", "ته"), ("", "اته"), ("", "")] {
                words.push(format!("{p}{n}{s}"));
            }
        }
        words.extend(["ه", "ته", "ثابته", "حكومته", "عملياته", "بته", "كتابه"].map(String::from));
        let (mut same, mut differ) = (0, 0);
        for w in &words {
            let (t, f) = (analyze_with(w, true), analyze_with(w, false));
            if !taa_flag_matters(w) {
                assert_eq!(t, f, "{w}");
                same += 1;
            } else if t != f {
                differ += 1;
            }
            for flag in [true, false] {
                assert_eq!(analyze_shared(w, flag), analyze_with(w, flag), "{w} {flag}");
            }
        }
        assert!(same > 5_000 && differ > 100, "{same} {differ}");
    }

    #[test]
    fn shared_candidates_equal_fresh_ones() {
        for w in ["وبغداد", "للحكومة", "قواتها", "والوزير", "بغداد", "Baghdad", "", "و"] {
            let n = normalize(w);
            for _ in 0..2 {
                assert_eq!(&*candidates_shared(&n), candidates(&n).as_slice(), "{w}");
            }
        }
    }

    fn b(w: &str) -> String {
        base(&normalize(w))
    }

    #[test]
    fn clitic_forms_share_a_base() {
        for (x, y) in [
            ("وبغداد", "بغداد"),
            ("لبغداد", "بغداد"),
            ("ببغداد", "بغداد"),
            ("للحكومة", "الحكومة"),
            ("والحكومة", "حكومة"),
            ("حكومته", "الحكومة"),
            ("وبالحكومة", "الحكومة"),
            ("ولبنان", "لبنان"),
            ("للبنان", "لبنان"),
            ("بكركوك", "كركوك"),
            ("وكركوك", "كركوك"),
            ("لبيروت", "بيروت"),
            ("والوزير", "وزير"),
            ("للوزير", "وزير"),
            ("ووزير", "وزير"),
            ("وزيرها", "وزير"),
            ("قواتها", "قوات"),
            ("بقواته", "قوات"),
            ("حكومتهم", "حكومة"),
            ("وقال", "قال"),
            ("فالحرب", "الحرب"),
        ] {
            assert_eq!(b(x), b(y), "{x} vs {y}");
        }
    }

    #[test]
    fn stems_that_start_like_clitics_survive() {
        for w in ["بغداد", "كركوك", "بيروت", "لبنان", "وزير", "وزارة", "فلسطين", "بيان", "كبير", "لجنة", "واشنطن", "فريق"] {
            assert_eq!(b(w), normalize(w), "{w}");
        }
        let a = analyze(&normalize("الحكومة"));
        assert_eq!(a.prefix(&normalize("الحكومة")), "ال");
    }

    #[test]
    fn function_and_short_words_survive() {
        for w in ["ولد", "كان", "كانت", "في", "كما", "لكن", "بين", "بعد", "التي", "الذي", "الله", "ليس", "هناك", "ذلك"] {
            assert_eq!(b(w), normalize(w), "{w}");
        }
    }

    #[test]
    fn inflected_stems_and_short_bases_survive() {
        for w in ["بريطانيون", "ليبيين", "كمينا", "بحرية", "لبنانيون"] {
            assert_eq!(b(w), normalize(w), "{w}");
        }
        // ب + تهم, not به + هم; ك + مينا is not ك + مي + نا
        assert_ne!(b("بتهم"), "به");
        assert_eq!(b("للبريطانيين"), b("البريطانيين"));
        assert_eq!(b("ودعا"), "دعا");
    }

    #[test]
    fn taa_marbuta_is_not_a_pronoun() {
        // دولة ends in ه after normalisation but is not دول + ه
        assert_eq!(b("دولة"), "دوله");
        assert_eq!(b("منطقة"), "منطقه");
        assert_eq!(b("مدينة"), "مدينه");
        assert_eq!(b("عملية"), "عمليه");
    }

    #[test]
    fn unknown_words_use_length_rules() {
        // not in the lexicon: conjunction stripped, short words kept
        assert_eq!(b("وتزخزفت"), "تزخزفت");
        assert_eq!(b("لتزخزف"), "تزخزف");
        assert_eq!(b("لزخف"), "لزخف");
        assert_eq!(b("بالزخزف"), "زخزف");
    }

    #[test]
    fn prefix_and_suffix_slices() {
        let w = normalize("وبقواتهم");
        let a = analyze(&w);
        assert_eq!(a.prefix(&w), "وب");
        assert_eq!(a.suffix(&w), "هم");
        assert_eq!(a.base(&w), "قوات");
        let w = normalize("لحكومتها");
        let a = analyze(&w);
        assert_eq!((a.prefix(&w), a.suffix(&w)), ("ل", "ها"));
        assert_eq!(base(&w), "حكومه");
    }

    #[test]
    fn candidates_include_the_lexicon_form() {
        let c = candidates(&normalize("بالموصل"));
        assert_eq!(c[0], "بالموصل");
        assert!(c.contains(&"موصل".to_string()));
        assert!(c.contains(&"الموصل".to_string()));
        let c = candidates(&normalize("وكركوك"));
        assert!(c.contains(&"كركوك".to_string()));
        // ambiguous single letters: both readings are offered
        let c = candidates(&normalize("بغداد"));
        assert_eq!(c[0], "بغداد");
        assert!(c.contains(&"غداد".to_string()));
        let c = candidates(&normalize("وقواتها"));
        assert!(c.contains(&"قوات".to_string()));
    }

    /// On ANERcorp dev (not used to build the lexicon): a token made of a
    /// proclitic + a word that occurs on its own in dev gets that word's base.
    /// Skipped when the shared data is absent.
    #[test]
    fn dev_clitic_forms_agree_with_their_bare_word() {
        let Ok(dev) = std::fs::read_to_string("../../../shared/eval/anercorp/dev.conll") else { return };
        let words: Vec<String> = dev
            .lines()
            .filter_map(|l| l.split_once('\t').map(|(w, _)| normalize(w.trim())))
            .filter(|w| is_arabic_word(w) && !is_function_word(w))
            .collect();
        let vocab: std::collections::HashSet<&str> = words.iter().map(|w| w.as_str()).collect();
        let (mut pairs, mut agree) = (0, 0);
        for w in &words {
            for p in ["و", "ف", "ب", "ل", "لل", "وال", "بال", "وب", "ول"] {
                let Some(r) = w.strip_prefix(p) else { continue };
                let x = if p.ends_with("لل") { format!("ال{r}") } else { r.to_string() };
                if r.chars().count() >= 3 && vocab.contains(x.as_str()) && !is_known_stem(w) {
                    pairs += 1;
                    agree += (base(w) == base(&x)) as usize;
                    break;
                }
            }
        }
        assert!(pairs > 300, "{pairs}");
        assert!(agree * 100 >= pairs * 95, "{agree}/{pairs}");
    }

    #[test]
    fn for_each_candidate_gives_the_candidates_in_order() {
        for w in ["وبالحكومة", "للحكومة", "وقواتها", "بحكومتهم", "بغداد", "كتبته", "Baghdad", "", "و", "ال"] {
            let w = normalize(w);
            let mut seen: Vec<String> = Vec::new();
            for_each_candidate(&w, &mut |c| {
                assert!(!c.is_empty() || w.is_empty());
                if !seen.iter().any(|s| s == c) {
                    seen.push(c.to_string());
                }
            });
            assert_eq!(seen, candidates(&w), "{w}");
        }
        assert_eq!(candidates(&normalize("حكومتهم")), ["حكومتهم", "حكومه", "حكومت"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for w in ["", "و", "ال", "لل", "وال", "ته", "x", "ـ", "ووووووووو"] {
            let _ = base(w);
            let _ = candidates(w);
        }
    }

    #[test]
    fn written_prefixes() {
        assert_eq!(written_prefix("عام", "عام"), Some(""));
        assert_eq!(written_prefix("وعام", "عام"), Some("و"));
        assert_eq!(written_prefix("فبعام", "عام"), Some("فب"));
        assert_eq!(written_prefix("للعام", "العام"), Some("لل"));
        assert_eq!(written_prefix("وللعام", "العام"), Some("ولل"));
        // the article is not a bare proclitic, nor is an unknown letter
        assert_eq!(written_prefix("العام", "عام"), None);
        assert_eq!(written_prefix("سعام", "عام"), None);
        assert_eq!(written_prefix("للعام", "عام"), None);
        assert_eq!(written_prefix("عا", "عام"), None);
        assert!(bare_proclitics().all(|p| !p.contains("ال")) && bare_proclitics().count() == 11);
    }

    #[test]
    fn strips_the_first_proclitic_that_leaves_enough() {
        assert_eq!(strip_first_proclitic("وغرب", &["و", "ف", "ب"], 3), "غرب");
        assert_eq!(strip_first_proclitic("وسط", &["و", "ف", "ب"], 3), "وسط");
        assert_eq!(strip_first_proclitic("بشمال", &["و", "ف", "ب"], 3), "شمال");
        assert_eq!(strip_first_proclitic("", &["و"], 1), "");
    }
}
