//! Feature extraction for the Arabic tagger. Every feature is a 64-bit hash
//! of (template id, string parts), computed without allocating per feature.

use crate::lexicon::{Lexicon, LexFlags};
use marsad_text::clitics;

/// Incremental FxHash-style hasher over bytes.
#[derive(Clone, Copy)]
pub struct H(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl H {
    #[inline]
    pub fn new(template: u32) -> H {
        H((template as u64 + 1).wrapping_mul(K))
    }
    #[inline]
    fn word(self, w: u64) -> H {
        H((self.0.rotate_left(5) ^ w).wrapping_mul(K))
    }
    #[inline]
    pub fn s(mut self, s: &str) -> H {
        let b = s.as_bytes();
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            self = self.word(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let r = chunks.remainder();
        let mut last = 0u64;
        for (i, &x) in r.iter().enumerate() {
            last |= (x as u64) << (8 * i);
        }
        // separator so that ("ab","c") != ("a","bc")
        self.word(last ^ ((b.len() as u64) << 56) ^ 0xff)
    }
    #[inline]
    pub fn n(self, x: u64) -> H {
        self.word(x.wrapping_add(0x9e37_79b9))
    }
    #[inline]
    pub fn done(self) -> u64 {
        // final avalanche
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// Per-token precomputed strings and flags.
#[derive(Default, Clone, Debug)]
pub struct TokInfo {
    /// normalised form
    pub n: String,
    /// clitic-free base (marsad_text::clitics::base)
    pub b: String,
    /// proclitic and enclitic removed by the analysis
    pub pre: String,
    pub suf: String,
    /// base without a leading ال (for lexicon lookup and affixes)
    pub core: String,
    /// coarse shape: a=arabic, l=latin lower, L=latin capitalised, U=all caps, d=digits, p=punct, o=other, m=mixed
    pub shape: u8,
    pub len: u8,
    pub lex: LexFlags,
}

fn shape_of(w: &str) -> u8 {
    let mut ar = false;
    let mut lat = false;
    let mut dig = false;
    let mut punct = false;
    let mut other = false;
    let mut first_upper = false;
    let mut all_upper = true;
    for (i, c) in w.chars().enumerate() {
        if ('\u{0600}'..='\u{06FF}').contains(&c) && !c.is_numeric() {
            ar = true;
        } else if c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c) {
            dig = true;
        } else if c.is_alphabetic() {
            lat = true;
            if i == 0 && c.is_uppercase() {
                first_upper = true;
            }
            if !c.is_uppercase() {
                all_upper = false;
            }
        } else if c.is_ascii_punctuation() || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '–' | '—') {
            punct = true;
        } else if c.is_whitespace() || ('\u{200B}'..='\u{200F}').contains(&c) {
        } else {
            other = true;
        }
    }
    let kinds = ar as u8 + lat as u8 + dig as u8 + punct as u8 + other as u8;
    if kinds > 1 {
        if dig && punct && !ar && !lat {
            return b'd';
        }
        return b'm';
    }
    if ar {
        b'a'
    } else if lat {
        if all_upper && w.chars().count() > 1 {
            b'U'
        } else if first_upper {
            b'L'
        } else {
            b'l'
        }
    } else if dig {
        b'd'
    } else if punct {
        b'p'
    } else {
        b'o'
    }
}

pub fn tok_info(w: &str, lex: &Lexicon) -> TokInfo {
    let n = marsad_text::normalize(w);
    let a = clitics::analyze(&n);
    let b = clitics::base(&n);
    let pre = a.prefix(&n).to_string();
    let suf = a.suffix(&n).to_string();
    let core = b.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(&b).to_string();
    let shape = shape_of(w);
    let len = n.chars().count().min(255) as u8;
    let lexf = lex.flags(&n);
    TokInfo { n, b, pre, suf, core, shape, len, lex: lexf }
}

fn first_chars(s: &str, k: usize) -> Option<&str> {
    let mut it = s.char_indices();
    let mut count = 0;
    for (i, _) in &mut it {
        if count == k {
            return Some(&s[..i]);
        }
        count += 1;
    }
    if count == k {
        Some(s)
    } else {
        None
    }
}

fn last_chars(s: &str, k: usize) -> Option<&str> {
    let mut count = 0;
    for (i, _) in s.char_indices().rev() {
        count += 1;
        if count == k {
            return Some(&s[i..]);
        }
    }
    None
}

fn len_bucket(l: u8) -> u64 {
    match l {
        0..=2 => 0,
        3 => 1,
        4 => 2,
        5 => 3,
        6..=7 => 4,
        _ => 5,
    }
}

const PAD_L: &str = "<s>";
const PAD_R: &str = "</s>";

/// Push the features of position `i` into `out` (cleared first).
pub fn features(toks: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let t = &toks[i];
    let n = toks.len();
    let get = |j: isize| -> Option<&TokInfo> {
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(&toks[j as usize])
        }
    };
    let ii = i as isize;
    let nm = |j: isize| get(j).map(|x| x.n.as_str()).unwrap_or(if j < 0 { PAD_L } else { PAD_R });
    let bm = |j: isize| get(j).map(|x| x.b.as_str()).unwrap_or(if j < 0 { PAD_L } else { PAD_R });
    let sh = |j: isize| get(j).map(|x| x.shape as u64).unwrap_or(if j < 0 { 1 } else { 2 });

    out.push(H::new(0).done());
    out.push(H::new(1).s(&t.n).done());
    out.push(H::new(2).s(&t.b).done());
    out.push(H::new(3).s(&t.core).done());
    out.push(H::new(4).s(&t.pre).s(&t.suf).done());
    out.push(H::new(5).s(&t.pre).done());
    // context words
    out.push(H::new(6).s(nm(ii - 1)).done());
    out.push(H::new(7).s(nm(ii + 1)).done());
    out.push(H::new(8).s(nm(ii - 2)).done());
    out.push(H::new(9).s(nm(ii + 2)).done());
    out.push(H::new(10).s(bm(ii - 1)).done());
    out.push(H::new(11).s(bm(ii + 1)).done());
    // conjunctions
    out.push(H::new(12).s(bm(ii - 1)).s(&t.b).done());
    out.push(H::new(13).s(&t.b).s(bm(ii + 1)).done());
    out.push(H::new(14).s(bm(ii - 2)).s(bm(ii - 1)).done());
    out.push(H::new(15).s(bm(ii + 1)).s(bm(ii + 2)).done());
    // affixes of the core
    for k in 1..=4 {
        if let Some(p) = first_chars(&t.core, k) {
            out.push(H::new(20 + k as u32).s(p).done());
        }
        if let Some(s) = last_chars(&t.core, k) {
            out.push(H::new(30 + k as u32).s(s).done());
        }
    }
    // affixes of the raw normalised form (prefix letters carry clitics)
    for k in 1..=3 {
        if let Some(p) = first_chars(&t.n, k) {
            out.push(H::new(40 + k as u32).s(p).done());
        }
    }
    // shape
    out.push(H::new(50).n(t.shape as u64).n(len_bucket(t.len)).done());
    out.push(H::new(51).n(sh(ii - 1)).n(t.shape as u64).n(sh(ii + 1)).done());
    // the neighbours' clitics
    if let Some(p) = get(ii - 1) {
        out.push(H::new(52).s(&p.pre).done());
        out.push(H::new(53).s(last_chars(&p.core, 2).unwrap_or("")).done());
    }
    if let Some(p) = get(ii + 1) {
        out.push(H::new(54).s(&p.pre).done());
        out.push(H::new(55).s(last_chars(&p.core, 2).unwrap_or("")).done());
    }
    // lexicon flags at -2..+2
    for (off, tmpl) in [(-2isize, 60u32), (-1, 61), (0, 62), (1, 63), (2, 64)] {
        if let Some(x) = get(ii + off) {
            let f = x.lex.0;
            if f != 0 {
                let mut bits = f;
                while bits != 0 {
                    let bit = bits.trailing_zeros();
                    bits &= bits - 1;
                    out.push(H::new(tmpl).n(bit as u64).done());
                    if off == 0 {
                        out.push(H::new(65).n(bit as u64).s(&t.pre).done());
                    }
                }
            } else if off == 0 {
                out.push(H::new(66).done());
            }
        }
    }
    // lexicon flag combined with neighbour word
    if t.lex.0 != 0 {
        out.push(H::new(67).n(t.lex.0 as u64).s(bm(ii - 1)).done());
    }
    if let Some(p) = get(ii - 1) {
        if p.lex.0 != 0 {
            out.push(H::new(68).n(p.lex.0 as u64).s(&t.core).done());
            out.push(H::new(69).n(p.lex.0 as u64).n(t.lex.0 as u64).done());
        }
    }
    // position in sentence
    if i == 0 {
        out.push(H::new(70).done());
    }
}
