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
        for c in b.chunks_exact(8) {
            self = self.word(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        // the remainder's bytes, little-endian (two loads, not a loop)
        let last = marsad_text::clitics::le_tail(b);
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

/// Per-word precomputed strings and flags (cached per surface form).
#[derive(Default, Clone, Debug)]
pub struct WordInfo {
    /// normalised form
    pub n: String,
    /// clitic-free base (marsad_text::clitics::base)
    pub b: String,
    /// proclitic and enclitic removed by the analysis
    pub pre: String,
    pub suf: String,
    /// `pre`'s index in [`PRE_SLOTS`] ([`NO_PRE_SLOT`] when it is not
    /// there), for the stage-2 table of template 108 ([`CtxTables`]).
    pub pre_slot: u8,
    /// base without a leading ال (for lexicon lookup and affixes)
    pub core: String,
    /// coarse shape: a=arabic, l=latin lower, L=latin capitalised, U=all caps, d=digits, p=punct, o=other, m=mixed
    pub shape: u8,
    pub len: u8,
    /// flags of the word alone
    pub wlex: LexFlags,
    /// places-gazetteer class of the word alone (0 = not a place name; see [`gaz_class`])
    pub gaz: u8,
    /// some clitic reading of the word begins a multiword gazetteer name
    pub gaz_prefix: bool,
    /// those readings (distinct, in `candidates` order)
    pub gaz_heads: Vec<String>,
    /// readings that begin a phrase of the lexicon ([`Lexicon::phrase_heads`])
    pub phrase_heads: Vec<String>,
    /// word class and frequency from the Arramooz frequency list (only for Arabic words)
    pub wf: crate::wordfreq::Wf,
    /// ANERGazet membership ([`crate::wordfreq::anergazet`])
    pub ag: u8,
    /// Feature hashes that depend on this word alone, precomputed once per
    /// word for [`features_fast`] (see [`word_hashes`]).
    pub own: Vec<u64>,
    /// Hashes of this word seen from a neighbour: templates 6, 7, 8, 9, 10,
    /// 11, 52, 53, 54, 55 (indices in `nbi`).
    pub nb: [u64; 10],
    /// Hash states of the pair templates 12-17 after this word's part
    /// (indices in `sti`), for [`features_live`] to continue from.
    pub st: [u64; 6],
    /// Packed Brown-cluster path of the base ([`crate::clusters`]; 0 = none).
    pub cl: u64,
    /// The core or the base is a sports word ([`SPORT_WORDS`]; for
    /// [`doc_ctx`], once per word instead of per token).
    pub sport: bool,
    /// An Arabic word whose core has two chars or more: its occurrences
    /// vote in [`doc_ctx`].
    pub votes: bool,
    /// Weight sums of this word's fixed features under one table
    /// ([`word_sums`]), with the table's id.
    pub sums: std::sync::OnceLock<(u64, Box<WordSums>)>,
}

/// Summed weights of a word's features that depend on it alone.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct WordSums {
    /// Both stages' weights of the word's features in each role: [own,
    /// as the previous word, as the next, as the word two before, as the
    /// word two after]. The own row also holds the features of the word
    /// and its lexicon flags ([`lex_word_features`] under `wlex`), which a
    /// token whose flags differ (a multiword match) takes back
    /// ([`live_fast`]).
    pub roles: [[i32; 2 * crate::model::NT]; 5],
    /// Stage 2's weights of [`ctx_word_features`] at sports level 0
    /// under `wlex` (most tokens': [`ctx_fast`]).
    pub ctx0: [i32; crate::model::NT],
}

/// The features of position `i` that depend on its word and the token's
/// lexicon flags `lex` only: 65 (each flag bit with the proclitic), 87
/// (place class with the flags), 96 (word class with the flags), as
/// [`features_live`] makes them.
#[inline]
pub fn lex_word_features(w: &WordInfo, lex: u32, out: &mut Vec<u64>) {
    let mut bits = lex;
    while bits != 0 {
        let bit = bits.trailing_zeros();
        bits &= bits - 1;
        out.push(H::new(65).n(bit as u64).s(&w.pre).done());
    }
    if w.gaz != 0 {
        out.push(H::new(87).n(w.gaz as u64).n(lex as u64).done());
    }
    if w.shape == b'a' && lex != 0 {
        out.push(H::new(96).n(w.wf.cls as u64).n(lex as u64).done());
    }
}

/// Stage 2's features of a word at sports level `sport` with the token's
/// flags `lex`: 121 and 122, as [`ctx_features`] makes them.
#[inline]
pub fn ctx_word_features(w: &WordInfo, sport: u8, lex: u32, out: &mut Vec<u64>) {
    out.push(H::new(121).n(sport as u64).n(w.gaz as u64).n(lex as u64).done());
    out.push(H::new(122).n(sport as u64).s(&w.core).done());
}

/// The [`WordSums`] of a word under `table` (cached in the word's info).
/// The tagger adds integer weights, so these partial sums give exactly the
/// totals of adding every feature one by one.
pub fn word_sums<'a>(w: &'a WordInfo, table: &crate::model::Table, tmp: &'a mut WordSums) -> &'a WordSums {
    if let Some((id, s)) = w.sums.get() {
        if *id == table.id {
            return s;
        }
    }
    use nbi::*;
    let mut s = WordSums::default();
    let r = &mut s.roles;
    table.accumulate(&w.own, &mut r[0]);
    table.accumulate(&[w.nb[N_PREV], w.nb[B_PREV], w.nb[PRE_PREV], w.nb[CORE2_PREV]], &mut r[1]);
    table.accumulate(&[w.nb[N_NEXT], w.nb[B_NEXT], w.nb[PRE_NEXT], w.nb[CORE2_NEXT]], &mut r[2]);
    table.accumulate(&[w.nb[N_PREV2]], &mut r[3]);
    table.accumulate(&[w.nb[N_NEXT2]], &mut r[4]);
    let clh = cluster_hashes(w.cl);
    for k in 1..3 {
        table.accumulate(&clh[k], &mut r[k]);
    }
    let mut f = Vec::with_capacity(8);
    lex_word_features(w, w.wlex.0, &mut f);
    table.accumulate(&f, &mut r[0]);
    f.clear();
    ctx_word_features(w, 0, w.wlex.0, &mut f);
    let mut c = [0; 2 * crate::model::NT];
    table.accumulate(&f, &mut c);
    s.ctx0.copy_from_slice(&c[crate::model::NT..]);
    match w.sums.set((table.id, Box::new(s))) {
        Ok(()) => &w.sums.get().expect("just set").1,
        Err(_) => {
            // cached for another table: do not cache
            *tmp = s;
            tmp
        }
    }
}

/// The word's [`WordSums`] under `table`, computed and cached on first
/// use; `None` when the word's cache holds another table's sums.
pub fn word_sums_cached<'a>(w: &'a WordInfo, table: &crate::model::Table) -> Option<&'a WordSums> {
    if w.sums.get().is_none() {
        let mut tmp = WordSums::default();
        word_sums(w, table, &mut tmp);
    }
    match w.sums.get() {
        Some((id, s)) if *id == table.id => Some(s),
        _ => None,
    }
}

/// Index of each pair template's state in [`WordInfo::st`]: the hash of
/// the template's first part when this word supplies it.
mod sti {
    pub const B12: usize = 0; // 12: b at -1, then b
    pub const B13: usize = 1; // 13: b, then b at +1
    pub const B14: usize = 2; // 14: b at -2, then b at -1
    pub const B15: usize = 3; // 15: b at +1, then b at +2
    pub const B16: usize = 4; // 16: b at -1, then core, b at +1
    pub const PRE17: usize = 5; // 17: pre, then b at -1
}

/// Index of each neighbour template in [`WordInfo::nb`].
mod nbi {
    pub const N_PREV: usize = 0; // 6: n at -1
    pub const N_NEXT: usize = 1; // 7: n at +1
    pub const N_PREV2: usize = 2; // 8: n at -2
    pub const N_NEXT2: usize = 3; // 9: n at +2
    pub const B_PREV: usize = 4; // 10: b at -1
    pub const B_NEXT: usize = 5; // 11: b at +1
    pub const PRE_PREV: usize = 6; // 52
    pub const CORE2_PREV: usize = 7; // 53
    pub const PRE_NEXT: usize = 8; // 54
    pub const CORE2_NEXT: usize = 9; // 55
}

/// A token in its sentence: the word's info plus lexicon flags that include
/// multiword matches.
#[derive(Clone, Debug)]
pub struct TokInfo {
    pub w: std::sync::Arc<WordInfo>,
    pub lex: LexFlags,
    /// multiword gazetteer match: 0, 16+class (first word) or 32+class (inside)
    pub gp: u8,
}

impl std::ops::Deref for TokInfo {
    type Target = WordInfo;
    fn deref(&self) -> &WordInfo {
        &self.w
    }
}

/// `c.is_numeric()` for a char of the Arabic block U+0600..=U+06FF: only
/// its two rows of digits are numeric (without the general table look-up,
/// which was 0.5 % of all instructions; test
/// `arabic_block_numeric_is_is_numeric`).
#[inline]
fn arabic_block_numeric(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

fn shape_of(w: &str) -> u8 {
    shape_with(w, arabic_block_numeric)
}

/// The word's shape class, with `numeric` telling which chars of the Arabic
/// block are digits (the test's reference passes `char::is_numeric`).
#[inline]
fn shape_with(w: &str, numeric: impl Fn(char) -> bool) -> u8 {
    let mut ar = false;
    let mut lat = false;
    let mut dig = false;
    let mut punct = false;
    let mut other = false;
    let mut first_upper = false;
    let mut all_upper = true;
    for (i, c) in w.chars().enumerate() {
        if ('\u{0600}'..='\u{06FF}').contains(&c) && !numeric(c) {
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

/// The proclitic strings a word's analysis gives most often (`pre`, with
/// the article where the analysis keeps it), in a fixed order: a word's
/// slot in this list keys the stage-2 table of template 108 (best vote ×
/// proclitic, [`CtxTables`]). Any other prefix is hashed as before, so the
/// list only decides what is fast, never what is computed.
pub const PRE_SLOTS: [&str; 24] = [
    "", "و", "ف", "ب", "ك", "ل", "ال", "وب", "وك", "ول", "فب", "فك", "فل", "لل", "وال", "فال", "بال", "كال", "ولل", "فلل", "وبال", "وكال", "فبال", "فكال",
];

/// `pre` not in [`PRE_SLOTS`].
pub const NO_PRE_SLOT: u8 = u8::MAX;

/// `pre`'s index in [`PRE_SLOTS`], or [`NO_PRE_SLOT`].
fn pre_slot(pre: &str) -> u8 {
    if pre.len() > 8 {
        return NO_PRE_SLOT;
    }
    PRE_SLOTS.iter().position(|&p| p == pre).map_or(NO_PRE_SLOT, |k| k as u8)
}

pub fn word_info(w: &str, lex: &Lexicon) -> WordInfo {
    let n = marsad_text::normalize(w);
    // one analysis for the prefix, suffix and base (the same answers as
    // `clitics::analyze`, remembered per thread: the tokenizer has usually
    // analysed the word already)
    let a = clitics::analyze_shared(&n, false);
    let mut b = String::with_capacity(n.len());
    a.base_into(&n, &mut b);
    let pre = a.prefix(&n).to_string();
    let suf = a.suffix(&n).to_string();
    let core = b.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(&b).to_string();
    let shape = shape_of(w);
    let len = n.chars().count().min(255) as u8;
    // the word's clitic readings, fetched once for the five look-ups below
    // (each fetched them from the per-thread memo before)
    let cc = std::cell::OnceCell::new();
    let cands = || -> &[String] { cc.get_or_init(|| clitics::candidates_shared(&n)) };
    let wlex = lex.flags_in(&n, cands);
    let (gaz, gaz_heads) = gaz_word(&n, cands);
    let gaz_prefix = !gaz_heads.is_empty();
    let phrase_heads = lex.phrase_heads_in(&n, cands);
    let wf = if shape == b'a' { crate::wordfreq::lookup_in(&n, cands) } else { Default::default() };
    let ag = if shape == b'a' { crate::wordfreq::anergazet_in(&n, cands) } else { 0 };
    let cl = if USE_CLUSTERS { crate::clusters::lookup(&b) } else { 0 };
    let (sport, votes) = (is_sport_word(&core, &b), shape == b'a' && core.chars().count() >= 2);
    let pre_slot = pre_slot(&pre);
    let mut wi = WordInfo { n, b, pre, suf, pre_slot, core, shape, len, wlex, gaz, gaz_prefix, gaz_heads, phrase_heads, wf, ag, own: Vec::new(), nb: [0; 10], st: [0; 6], cl, sport, votes, sums: Default::default() };
    word_hashes(&mut wi);
    wi
}

/// Whether the tagger's features include Brown-cluster prefixes
/// ([`crate::clusters`]). Off: in cross-validation they did not help (see
/// README, "Word clusters"); the shipped model is trained without them.
/// Turning this on changes the features, so the model must be retrained.
pub const USE_CLUSTERS: bool = false;

/// Prefix lengths of a cluster path used as features (63 = the whole path).
pub const CL_LENS: [u32; 4] = [4, 6, 10, 63];

/// Cluster features per word and role (none when [`USE_CLUSTERS`] is off).
const NCL: usize = if USE_CLUSTERS { CL_LENS.len() } else { 0 };

/// Hashes of a word's cluster-path prefixes in each of its three roles:
/// itself, as the word before, as the word after (template 140 + role; a
/// word without a cluster has its own value). The words two away were
/// tried too: cross-validation fell (see README). Computed when
/// needed (once per word for [`word_sums`]) rather than kept per word.
fn cluster_hashes(cl: u64) -> [[u64; NCL]; 3] {
    let mut h = [[0u64; NCL]; 3];
    for (r, row) in h.iter_mut().enumerate() {
        for (k, &l) in CL_LENS.iter().take(NCL).enumerate() {
            row[k] = H::new(140 + r as u32).n(l as u64).n(crate::clusters::prefix(cl, l)).done();
        }
    }
    h
}

/// Fill [`WordInfo::own`] and [`WordInfo::nb`]: the hashes [`features`]
/// computes from this word's strings alone, so that [`features_fast`] can
/// copy them instead of hashing the same strings at every occurrence.
fn word_hashes(w: &mut WordInfo) {
    let mut own = Vec::with_capacity(40);
    let t = &*w;
    own.push(H::new(0).done());
    own.push(H::new(1).s(&t.n).done());
    own.push(H::new(2).s(&t.b).done());
    own.push(H::new(3).s(&t.core).done());
    own.push(H::new(4).s(&t.pre).s(&t.suf).done());
    own.push(H::new(5).s(&t.pre).done());
    // the core's char boundaries, found once for its affixes and trigrams
    let cb = Bounds::of(&t.core);
    affix_hashes_with(&t.n, &t.core, &cb, &mut own);
    own.push(H::new(50).n(t.shape as u64).n(len_bucket(t.len)).done());
    if t.shape == b'a' {
        match &cb {
            Some(cb) => {
                for k in 0..cb.chars().saturating_sub(2) {
                    own.push(H::new(71).s(&t.core[cb.at(k)..cb.at(k + 3)]).done());
                }
            }
            None => {
                let cs: Vec<(usize, char)> = t.core.char_indices().collect();
                if cs.len() >= 3 {
                    for k in 0..cs.len() - 2 {
                        let a = cs[k].0;
                        let b = if k + 3 < cs.len() { cs[k + 3].0 } else { t.core.len() };
                        own.push(H::new(71).s(&t.core[a..b]).done());
                    }
                }
            }
        }
        let wf = t.wf;
        own.push(H::new(90).n(wf.cls as u64).n(wf.how as u64).done());
        own.push(H::new(91).n(wf.cls as u64).n(wf.freq as u64).done());
        own.push(H::new(92).n(wf.cls as u64).n(len_bucket(t.len)).s(&t.pre).done());
        if t.ag != 0 {
            own.push(H::new(130).n(t.ag as u64).done());
            own.push(H::new(131).n(t.ag as u64).n(wf.cls as u64).done());
        }
    }
    let core2 = last_chars(&t.core, 2).unwrap_or("");
    let nb = [
        H::new(6).s(&t.n).done(),
        H::new(7).s(&t.n).done(),
        H::new(8).s(&t.n).done(),
        H::new(9).s(&t.n).done(),
        H::new(10).s(&t.b).done(),
        H::new(11).s(&t.b).done(),
        H::new(52).s(&t.pre).done(),
        H::new(53).s(core2).done(),
        H::new(54).s(&t.pre).done(),
        H::new(55).s(core2).done(),
    ];
    own.extend_from_slice(&cluster_hashes(t.cl)[0]);
    own.shrink_to_fit();
    let st = [
        H::new(12).s(&t.b).0,
        H::new(13).s(&t.b).0,
        H::new(14).s(&t.b).0,
        H::new(15).s(&t.b).0,
        H::new(16).s(&t.b).0,
        H::new(17).s(&t.pre).0,
    ];
    w.own = own;
    w.nb = nb;
    w.st = st;
}

/// Importance class of the best gazetteer entry among candidates:
/// 1 = minor place, 2 = town (pop ≥ 10k), 3 = city/region (pop ≥ 200k or
/// admin region), 4 = country, capital or curated place.
fn gaz_class(g: &marsad_places::gazetteer::Gazetteer, cands: &[marsad_places::gazetteer::Candidate]) -> u8 {
    let mut best = 0u8;
    for c in cands {
        if !c.arabic {
            continue;
        }
        let e = g.entry(c.id);
        let k = if e.feature == "country" || e.capital || e.curated {
            4
        } else if e.population >= 200_000 || e.admin_region {
            3
        } else if e.population >= 10_000 {
            2
        } else {
            1
        };
        best = best.max(k);
    }
    best
}

/// Gazetteer class of a single (normalised) Arabic word: the word itself, or
/// else its clitic-stripped readings (class + 4, so the model can weigh
/// stripped matches apart). Also the readings that begin a longer name.
/// `cands` gives the word's readings (`clitics::candidates_shared(n)`).
fn gaz_word<'a>(n: &str, cands: impl FnOnce() -> &'a [String]) -> (u8, Vec<String>) {
    if !crate::lexicon::starts_arabic_letter(n) {
        return (0, Vec::new());
    }
    let g = marsad_places::gazetteer::Gazetteer::global();
    let mut class = 0u8;
    let mut prefix = Vec::new();
    for (k, c) in cands().iter().enumerate() {
        // the names and the prefix mark from one look-up (two before)
        let (hits, is_prefix) = g.probe(c);
        if class == 0 {
            let x = gaz_class(g, hits);
            if x > 0 {
                class = if k == 0 { x } else { x + 4 };
            }
        }
        if is_prefix {
            prefix.push(c.clone());
        }
    }
    (class, prefix)
}

/// Mark multiword gazetteer names in a sentence (2..=4 words; the first may
/// carry clitics): B on the first word, I on the rest, with the class.
pub fn mark_gaz_phrases(toks: &mut [TokInfo]) {
    let g = marsad_places::gazetteer::Gazetteer::global();
    let n = toks.len();
    let mut key = String::new();
    for i in 0..n {
        if !toks[i].gaz_prefix {
            continue;
        }
        let mut best: (usize, u8) = (0, 0);
        // the word's readings that begin a name (found once per word)
        let w = toks[i].w.clone();
        for c in &w.gaz_heads {
            key.clear();
            key.push_str(c);
            for j in i + 1..n.min(i + g.max_words.min(4)) {
                key.push(' ');
                key.push_str(&toks[j].n);
                let (hits, is_prefix) = g.probe(&key);
                let cl = gaz_class(g, hits);
                if cl > 0 && (j + 1 - i > best.0 || (j + 1 - i == best.0 && cl > best.1)) {
                    best = (j + 1 - i, cl);
                }
                if !is_prefix {
                    break;
                }
            }
        }
        if best.0 >= 2 {
            toks[i].gp = 16 + best.1;
            for t in toks.iter_mut().take(i + best.0).skip(i + 1) {
                t.gp = 32 + best.1;
            }
        }
    }
}

/// Words whose info each thread keeps (the memo holds up to twice as many:
/// frequent words stay, each entry is about 1 kB with its hashes and weight
/// sums).
const WORD_CACHE: usize = 20_000;

thread_local! {
    static CACHE: std::cell::RefCell<marsad_text::memo::Memo<std::sync::Arc<WordInfo>>> =
        std::cell::RefCell::new(marsad_text::memo::Memo::new(WORD_CACHE));
}

/// Token info for a word, through a per-thread cache of recent words.
pub fn tok_info(w: &str, lex: &Lexicon) -> TokInfo {
    let wi = match CACHE.with(|c| c.borrow_mut().get(w)) {
        Some(x) => x,
        None => {
            let x = std::sync::Arc::new(word_info(w, lex));
            CACHE.with(|c| c.borrow_mut().insert(w, x.clone()));
            x
        }
    };
    let lex = wi.wlex;
    TokInfo { w: wi, lex, gp: 0 }
}

/// The word's affix features (templates 21-34, 41-43, 46-47), the same in
/// the reference extractor and the precomputed word hashes.
fn affix_hashes(n: &str, core: &str, out: &mut Vec<u64>) {
    // affixes of the core
    for k in 1..=4 {
        if let Some(p) = first_chars(core, k) {
            out.push(H::new(20 + k as u32).s(p).done());
        }
        if let Some(s) = last_chars(core, k) {
            out.push(H::new(30 + k as u32).s(s).done());
        }
    }
    // prefixes of the raw normalised form (prefix letters carry clitics)
    for k in 1..=3 {
        if let Some(p) = first_chars(n, k) {
            out.push(H::new(40 + k as u32).s(p).done());
        }
    }
    // suffixes of the full normalised form (enclitics, nisba endings)
    for k in 2..=3 {
        if let Some(x) = last_chars(n, k) {
            out.push(H::new(45 + k as u32).s(x).done());
        }
    }
}

/// The char boundaries of a word of at most [`Bounds::MAX`] chars:
/// byte offsets 0, …, `len`, so that its affixes and trigrams are slices
/// without decoding it again for each.
struct Bounds {
    at: [u16; Bounds::MAX + 1],
    n: usize,
}

impl Bounds {
    const MAX: usize = 48;

    /// `None` for a longer word (or one over 65,535 bytes).
    #[inline]
    fn of(s: &str) -> Option<Bounds> {
        if s.len() > u16::MAX as usize {
            return None;
        }
        let mut at = [0u16; Bounds::MAX + 1];
        let mut n = 0;
        for (i, _) in s.char_indices() {
            if n == Bounds::MAX {
                return None;
            }
            at[n] = i as u16;
            n += 1;
        }
        at[n] = s.len() as u16;
        Some(Bounds { at, n })
    }

    /// The number of chars.
    #[inline]
    fn chars(&self) -> usize {
        self.n
    }

    /// The byte offset of char `k` (`len` for `k` = the number of chars).
    #[inline]
    fn at(&self, k: usize) -> usize {
        self.at[k] as usize
    }

    /// [`first_chars`]: the first `k` chars, if there are that many.
    #[inline]
    fn first<'a>(&self, s: &'a str, k: usize) -> Option<&'a str> {
        (k <= self.n).then(|| &s[..self.at(k)])
    }

    /// [`last_chars`]: the last `k` chars (`k` ≥ 1), if there are that many.
    #[inline]
    fn last<'a>(&self, s: &'a str, k: usize) -> Option<&'a str> {
        (k >= 1 && k <= self.n).then(|| &s[self.at(self.n - k)..])
    }
}

/// [`affix_hashes`] with the core's char boundaries `cb` (from
/// [`Bounds::of`]; the general form when the core is too long): the same
/// hashes in the same order (test `affixes_with_bounds_are_affix_hashes`).
fn affix_hashes_with(n: &str, core: &str, cb: &Option<Bounds>, out: &mut Vec<u64>) {
    let (Some(cb), Some(nb)) = (cb, Bounds::of(n)) else {
        affix_hashes(n, core, out);
        return;
    };
    for k in 1..=4 {
        if let Some(p) = cb.first(core, k) {
            out.push(H::new(20 + k as u32).s(p).done());
        }
        if let Some(s) = cb.last(core, k) {
            out.push(H::new(30 + k as u32).s(s).done());
        }
    }
    for k in 1..=3 {
        if let Some(p) = nb.first(n, k) {
            out.push(H::new(40 + k as u32).s(p).done());
        }
    }
    for k in 2..=3 {
        if let Some(x) = nb.last(n, k) {
            out.push(H::new(45 + k as u32).s(x).done());
        }
    }
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
    affix_hashes(&t.n, &t.core, out);
    // wider lexical context
    out.push(H::new(16).s(bm(ii - 1)).s(&t.core).s(bm(ii + 1)).done());
    out.push(H::new(17).s(&t.pre).s(bm(ii - 1)).done());
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
    // Brown-cluster prefixes of the words at -1..+1 (role: 0 itself, 1 the
    // word before, 2 after)
    for (off, role) in [(0isize, 0usize), (-1, 1), (1, 2)] {
        if let Some(x) = get(ii + off) {
            out.extend_from_slice(&cluster_hashes(x.cl)[role]);
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
    // character trigrams of the core (foreign/transliterated names)
    if t.shape == b'a' {
        let cs: Vec<(usize, char)> = t.core.char_indices().collect();
        if cs.len() >= 3 {
            for k in 0..cs.len() - 2 {
                let a = cs[k].0;
                let b = if k + 3 < cs.len() { cs[k + 3].0 } else { t.core.len() };
                out.push(H::new(71).s(&t.core[a..b]).done());
            }
        }
    }
    // places gazetteer: single-word class at -1..+1, multiword matches
    for (off, tmpl) in [(-1isize, 80u32), (0, 81), (1, 82)] {
        if let Some(x) = get(ii + off) {
            if x.gaz != 0 {
                out.push(H::new(tmpl).n(x.gaz as u64).done());
            }
            if x.gp != 0 {
                out.push(H::new(tmpl + 3).n(x.gp as u64).done());
            }
        }
    }
    if t.gaz != 0 {
        out.push(H::new(86).n(t.gaz as u64).s(bm(ii - 1)).done());
        out.push(H::new(87).n(t.gaz as u64).n(t.lex.0 as u64).done());
    }
    // dictionary class and frequency (Arramooz): the word, its neighbours
    if t.shape == b'a' {
        let wf = t.wf;
        out.push(H::new(90).n(wf.cls as u64).n(wf.how as u64).done());
        out.push(H::new(91).n(wf.cls as u64).n(wf.freq as u64).done());
        out.push(H::new(92).n(wf.cls as u64).n(len_bucket(t.len)).s(&t.pre).done());
        let pc = get(ii - 1).map(|x| if x.shape == b'a' { x.wf.cls as u64 } else { 64 + x.shape as u64 }).unwrap_or(255);
        let nc = get(ii + 1).map(|x| if x.shape == b'a' { x.wf.cls as u64 } else { 64 + x.shape as u64 }).unwrap_or(255);
        out.push(H::new(93).n(pc).n(wf.cls as u64).done());
        out.push(H::new(94).n(wf.cls as u64).n(nc).done());
        out.push(H::new(95).n(pc).n(wf.cls as u64).n(nc).done());
        if t.ag != 0 {
            out.push(H::new(130).n(t.ag as u64).done());
            out.push(H::new(131).n(t.ag as u64).n(wf.cls as u64).done());
            out.push(H::new(132).n(t.ag as u64).n(pc).done());
        }
        for (off, tmpl) in [(-1isize, 133u32), (1, 134)] {
            if let Some(x) = get(ii + off) {
                if x.ag != 0 {
                    out.push(H::new(tmpl).n(x.ag as u64).n(t.ag as u64).done());
                }
            }
        }
        if t.lex.0 != 0 {
            out.push(H::new(96).n(wf.cls as u64).n(t.lex.0 as u64).done());
        }
    }
    // position in sentence
    if i == 0 {
        out.push(H::new(70).done());
    }
}

/// The same features as [`features`] (the same multiset of hashes, in
/// another order), using the per-word hashes of [`WordInfo`]. The tagger
/// sums integer weights, so the order does not change any score; training
/// keeps [`features`] (whose order its float sums follow).
pub fn features_fast(toks: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    use nbi::*;
    out.clear();
    let get = |j: isize| -> Option<&TokInfo> {
        if j < 0 || j as usize >= toks.len() {
            None
        } else {
            Some(&toks[j as usize])
        }
    };
    let ii = i as isize;
    // the parts of the words' WordSums: the word's own, then each neighbour's
    out.extend_from_slice(&toks[i].own);
    if let Some(p) = get(ii - 1) {
        out.extend_from_slice(&[p.nb[N_PREV], p.nb[B_PREV], p.nb[PRE_PREV], p.nb[CORE2_PREV]]);
        out.extend_from_slice(&cluster_hashes(p.cl)[1]);
    }
    if let Some(p) = get(ii + 1) {
        out.extend_from_slice(&[p.nb[N_NEXT], p.nb[B_NEXT], p.nb[PRE_NEXT], p.nb[CORE2_NEXT]]);
        out.extend_from_slice(&cluster_hashes(p.cl)[2]);
    }
    if let Some(p) = get(ii - 2) {
        out.push(p.nb[N_PREV2]);
    }
    if let Some(p) = get(ii + 2) {
        out.push(p.nb[N_NEXT2]);
    }
    features_live(toks, i, out);
}

/// The string features [`features_live`] and [`live_fast`] share (appended
/// to `out`): the padding's neighbour features (a real neighbour's are in
/// its sums) and the word-pair templates 12-17; returns the previous
/// word's form (or the left padding), which later templates pair again.
#[inline(always)]
fn pair_features<'a>(toks: &'a [TokInfo], i: usize, out: &mut Vec<u64>) -> &'a str {
    let t = &toks[i];
    let ii = i as isize;
    let get = |j: isize| -> Option<&'a TokInfo> {
        if j < 0 || j as usize >= toks.len() {
            None
        } else {
            Some(&toks[j as usize])
        }
    };
    let bm = |j: isize| get(j).map(|x| x.b.as_str()).unwrap_or(if j < 0 { PAD_L } else { PAD_R });
    for (j, tmpls) in [(ii - 1, &[6u32, 10][..]), (ii + 1, &[7, 11]), (ii - 2, &[8]), (ii + 2, &[9])] {
        if get(j).is_none() {
            for &tm in tmpls {
                out.push(H::new(tm).s(if j < 0 { PAD_L } else { PAD_R }).done());
            }
        }
    }
    let (bp, bn) = (bm(ii - 1), bm(ii + 1));
    // the pair templates continue from the first word's precomputed state
    // (the same hashes as hashing both strings here; the padding's state
    // is computed where there is no word)
    let first = |j: isize, k: usize, tm: u32| -> H {
        match get(j) {
            Some(x) => H(x.st[k]),
            None => H::new(tm).s(if j < 0 { PAD_L } else { PAD_R }),
        }
    };
    out.push(first(ii - 1, sti::B12, 12).s(&t.b).done());
    out.push(H(t.st[sti::B13]).s(bn).done());
    out.push(first(ii - 2, sti::B14, 14).s(bp).done());
    out.push(first(ii + 1, sti::B15, 15).s(bm(ii + 2)).done());
    out.push(first(ii - 1, sti::B16, 16).s(&t.core).s(bn).done());
    out.push(H(t.st[sti::PRE17]).s(bp).done());
    bp
}

/// The features of position `i` not in the neighbouring words' [`WordSums`]
/// (appended to `out`): those of several words or of the sentence, and the
/// padding's where a neighbour is missing.
pub fn features_live(toks: &[TokInfo], i: usize, out: &mut Vec<u64>) {
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
    let sh = |j: isize| get(j).map(|x| x.shape as u64).unwrap_or(if j < 0 { 1 } else { 2 });
    let bp = pair_features(toks, i, out);
    out.push(H::new(51).n(sh(ii - 1)).n(t.shape as u64).n(sh(ii + 1)).done());
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
    if t.lex.0 != 0 {
        out.push(H::new(67).n(t.lex.0 as u64).s(bp).done());
    }
    if let Some(p) = get(ii - 1) {
        if p.lex.0 != 0 {
            out.push(H::new(68).n(p.lex.0 as u64).s(&t.core).done());
            out.push(H::new(69).n(p.lex.0 as u64).n(t.lex.0 as u64).done());
        }
    }
    for (off, tmpl) in [(-1isize, 80u32), (0, 81), (1, 82)] {
        if let Some(x) = get(ii + off) {
            if x.gaz != 0 {
                out.push(H::new(tmpl).n(x.gaz as u64).done());
            }
            if x.gp != 0 {
                out.push(H::new(tmpl + 3).n(x.gp as u64).done());
            }
        }
    }
    if t.gaz != 0 {
        out.push(H::new(86).n(t.gaz as u64).s(bp).done());
        out.push(H::new(87).n(t.gaz as u64).n(t.lex.0 as u64).done());
    }
    if t.shape == b'a' {
        let wf = t.wf;
        let pc = get(ii - 1).map(|x| if x.shape == b'a' { x.wf.cls as u64 } else { 64 + x.shape as u64 }).unwrap_or(255);
        let nc = get(ii + 1).map(|x| if x.shape == b'a' { x.wf.cls as u64 } else { 64 + x.shape as u64 }).unwrap_or(255);
        out.push(H::new(93).n(pc).n(wf.cls as u64).done());
        out.push(H::new(94).n(wf.cls as u64).n(nc).done());
        out.push(H::new(95).n(pc).n(wf.cls as u64).n(nc).done());
        if t.ag != 0 {
            out.push(H::new(132).n(t.ag as u64).n(pc).done());
        }
        for (off, tmpl) in [(-1isize, 133u32), (1, 134)] {
            if let Some(x) = get(ii + off) {
                if x.ag != 0 {
                    out.push(H::new(tmpl).n(x.ag as u64).n(t.ag as u64).done());
                }
            }
        }
        if t.lex.0 != 0 {
            out.push(H::new(96).n(wf.cls as u64).n(t.lex.0 as u64).done());
        }
    }
    if i == 0 {
        out.push(H::new(70).done());
    }
}

/// Slot of a word shape in [`LiveTables`] (the eight shapes of
/// [`shape_with`]); 8 for the padding, `None` for anything else.
#[inline]
fn shape_slot(sh: u64) -> Option<usize> {
    Some(match sh as u8 {
        b'a' => 0,
        b'l' => 1,
        b'L' => 2,
        b'U' => 3,
        b'd' => 4,
        b'p' => 5,
        b'o' => 6,
        b'm' => 7,
        1 | 2 => 8,
        _ => return None,
    })
}

/// Shape byte of a [`shape_slot`] 0–7.
const SHAPES: [u8; 8] = [b'a', b'l', b'L', b'U', b'd', b'p', b'o', b'm'];

/// The class value of a neighbour in templates 93–95 and 132 (the word
/// class bits of an Arabic word, 64 + shape otherwise, 255 for the
/// padding) as a slot: the class (0–31), 32 + the shape's slot, 40.
#[inline]
fn class_slot(c: u64) -> Option<usize> {
    match c {
        0..=31 => Some(c as usize),
        255 => Some(40),
        _ if c >= 64 => shape_slot(c - 64).filter(|&k| k < 8).map(|k| 32 + k),
        _ => None,
    }
}

/// The value of a [`class_slot`].
fn class_of_slot(k: usize) -> u64 {
    match k {
        0..=31 => k as u64,
        40 => 255,
        _ => 64 + SHAPES[k - 32] as u64,
    }
}

/// Both stages' weights (`[i32; 2 * NT]`) of [`features_live`]'s features
/// that depend on small numbers only, per value: 51 by the three shapes,
/// 60–64 by flag bit, 66, 70, 80–82 by place class, 83–85 by multiword
/// place mark, 93 and 94 by the two classes, 95 by the three classes, 132
/// by ANERGazet set and the previous class, 133 and 134 by the two
/// ANERGazet sets. [`live_fast`]
/// adds one entry for each instead of hashing the feature and looking it
/// up in the 25 MB table.
pub struct LiveTables {
    shape3: Vec<Row>,
    lex: [[Row; 32]; 5],
    no_lex: Row,
    start: Row,
    gaz: [[Row; 16]; 3],
    gp: [[Row; 64]; 3],
    c93: Vec<Row>,
    c94: Vec<Row>,
    ag_pc: Vec<Row>,
    ag_nb: [[[Row; 16]; 16]; 2],
    /// 95 (previous, own and next class) by dense indices: the own class
    /// by [`LiveTables::cls`] (the classes a look-up can give,
    /// [`crate::wordfreq::classes`]), each neighbour by [`LiveTables::nbr`]
    /// (those classes, then the eight shapes, then the padding). One
    /// feature's weights per entry, `i16` as in the table.
    c95: Vec<[i16; 2 * NT]>,
    /// Dense index of each class value 0–31 (`u8::MAX`: not a class a
    /// look-up gives).
    cls: [u8; 32],
    /// The number of dense classes.
    ncls: usize,
}

type Row = [i32; 2 * NT];

impl LiveTables {
    /// The tables, with `w16` giving a feature's weights as the table holds
    /// them (`None` when absent).
    pub fn build(w16: impl Fn(u64) -> Option<[i16; 2 * NT]>) -> Box<LiveTables> {
        let w = |f: u64| w16(f).map_or([0; 2 * NT], |r| r.map(i32::from));
        let mut shape3 = vec![[0; 2 * NT]; 9 * 8 * 9];
        for p in 0..9 {
            for c in 0..8 {
                for q in 0..9 {
                    let ps = if p == 8 { 1 } else { SHAPES[p] as u64 };
                    let qs = if q == 8 { 2 } else { SHAPES[q] as u64 };
                    shape3[(p * 8 + c) * 9 + q] = w(H::new(51).n(ps).n(SHAPES[c] as u64).n(qs).done());
                }
            }
        }
        let lex = std::array::from_fn(|o| std::array::from_fn(|b| w(H::new(60 + o as u32).n(b as u64).done())));
        let gaz = std::array::from_fn(|o| std::array::from_fn(|g| w(H::new(80 + o as u32).n(g as u64).done())));
        let gp = std::array::from_fn(|o| std::array::from_fn(|g| w(H::new(83 + o as u32).n(g as u64).done())));
        let mut c93 = vec![[0; 2 * NT]; 41 * 32];
        let mut c94 = vec![[0; 2 * NT]; 41 * 32];
        let mut ag_pc = vec![[0; 2 * NT]; 16 * 41];
        for k in 0..41 {
            let v = class_of_slot(k);
            for cls in 0..32u64 {
                c93[k * 32 + cls as usize] = w(H::new(93).n(v).n(cls).done());
                c94[k * 32 + cls as usize] = w(H::new(94).n(cls).n(v).done());
            }
            for ag in 0..16u64 {
                ag_pc[ag as usize * 41 + k] = w(H::new(132).n(ag).n(v).done());
            }
        }
        let ag_nb = std::array::from_fn(|o| std::array::from_fn(|x| std::array::from_fn(|t| w(H::new(133 + o as u32).n(x as u64).n(t as u64).done()))));
        // 95 over the classes the word-class table has (23 of the 32
        // values), not all 41 × 32 × 41 combinations: 23,552 entries
        let present = crate::wordfreq::classes();
        let mut cls = [u8::MAX; 32];
        let mut vals = Vec::new();
        for c in 0..32u8 {
            if present >> c & 1 != 0 {
                cls[c as usize] = vals.len() as u8;
                vals.push(c as u64);
            }
        }
        let ncls = vals.len();
        let nb_val = |k: usize| if k < ncls { vals[k] } else if k < ncls + 8 { 64 + SHAPES[k - ncls] as u64 } else { 255 };
        let nnb = ncls + 9;
        let mut c95 = Vec::with_capacity(nnb * ncls * nnb);
        for p in 0..nnb {
            let hp = H::new(95).n(nb_val(p));
            for &cv in &vals {
                let hc = hp.n(cv);
                for q in 0..nnb {
                    c95.push(w16(hc.n(nb_val(q)).done()).unwrap_or([0; 2 * NT]));
                }
            }
        }
        Box::new(LiveTables { shape3, lex, no_lex: w(H::new(66).done()), start: w(H::new(70).done()), gaz, gp, c93, c94, ag_pc, ag_nb, c95, cls, ncls })
    }

    /// Dense neighbour index of a class value of templates 93–95 (see
    /// [`class_slot`]): the class's, 8 more for the shapes, the padding
    /// last; `None` for a value [`LiveTables::c95`] lacks.
    #[inline(always)]
    fn nbr(&self, c: u64) -> Option<usize> {
        match c {
            0..=31 => Some(self.cls[c as usize] as usize).filter(|&k| k < self.ncls),
            255 => Some(self.ncls + 8),
            _ if c >= 64 => shape_slot(c - 64).filter(|&k| k < 8).map(|k| self.ncls + k),
            _ => None,
        }
    }

    /// The entry of 95 for the classes `pc`, `cls`, `nc`, if the table has it.
    #[inline(always)]
    pub(crate) fn c95_row(&self, pc: u64, cls: u64, nc: u64) -> Option<&[i16; 2 * NT]> {
        let c = *self.cls.get(cls as usize)? as usize;
        if c >= self.ncls {
            return None;
        }
        let (p, q) = (self.nbr(pc)?, self.nbr(nc)?);
        let nnb = self.ncls + 9;
        self.c95.get((p * self.ncls + c) * nnb + q)
    }
}

#[inline(always)]
fn add_row16(sum: &mut Row, r: &[i16; 2 * NT]) {
    for t in 0..2 * NT {
        sum[t] += r[t] as i32;
    }
}

#[inline(always)]
fn add_row(sum: &mut Row, r: &Row) {
    for t in 0..2 * NT {
        sum[t] += r[t];
    }
}

/// [`features_live`] as weights: adds the [`LiveTables`] entries of
/// position `i` to `sum` and appends the other features (the padding's,
/// the pairs, those with strings or whole flag sets) to `out`, for
/// the caller to look up. The features of the word and the token's flags
/// ([`lex_word_features`]) are in the word's own [`WordSums`] row, made
/// under the word's flags; where the token's differ (a multiword match),
/// the token's are appended to `out` and the word's to `neg`, for the
/// caller to subtract. Together with the own row the same total as
/// looking up every feature of [`features_live`] (integer weights; test
/// `live_fast_is_features_live`); a value the tables lack is hashed.
/// Inlined, so that the tagger's AVX2 build adds the rows with vector
/// instructions.
#[inline(always)]
pub fn live_fast(toks: &[TokInfo], i: usize, tabs: &LiveTables, out: &mut Vec<u64>, neg: &mut Vec<u64>, sum: &mut Row) {
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
    let sh = |j: isize| get(j).map(|x| x.shape as u64).unwrap_or(if j < 0 { 1 } else { 2 });
    let bp = pair_features(toks, i, out);
    let (sp, sc, sn) = (sh(ii - 1), t.shape as u64, sh(ii + 1));
    match (shape_slot(sp), shape_slot(sc).filter(|&k| k < 8), shape_slot(sn)) {
        (Some(p), Some(c), Some(q)) => add_row(sum, &tabs.shape3[(p * 8 + c) * 9 + q]),
        _ => out.push(H::new(51).n(sp).n(sc).n(sn).done()),
    }
    for (o, off) in [-2isize, -1, 0, 1, 2].into_iter().enumerate() {
        if let Some(x) = get(ii + off) {
            let f = x.lex.0;
            if f != 0 {
                let mut bits = f;
                while bits != 0 {
                    let bit = bits.trailing_zeros();
                    bits &= bits - 1;
                    add_row(sum, &tabs.lex[o][bit as usize]);
                }
            } else if off == 0 {
                add_row(sum, &tabs.no_lex);
            }
        }
    }
    if t.lex.0 != 0 {
        out.push(H::new(67).n(t.lex.0 as u64).s(bp).done());
    }
    if let Some(p) = get(ii - 1) {
        if p.lex.0 != 0 {
            out.push(H::new(68).n(p.lex.0 as u64).s(&t.core).done());
            out.push(H::new(69).n(p.lex.0 as u64).n(t.lex.0 as u64).done());
        }
    }
    for (o, off) in [-1isize, 0, 1].into_iter().enumerate() {
        if let Some(x) = get(ii + off) {
            if x.gaz != 0 {
                match tabs.gaz[o].get(x.gaz as usize) {
                    Some(r) => add_row(sum, r),
                    None => out.push(H::new(80 + o as u32).n(x.gaz as u64).done()),
                }
            }
            if x.gp != 0 {
                match tabs.gp[o].get(x.gp as usize) {
                    Some(r) => add_row(sum, r),
                    None => out.push(H::new(83 + o as u32).n(x.gp as u64).done()),
                }
            }
        }
    }
    if t.gaz != 0 {
        out.push(H::new(86).n(t.gaz as u64).s(bp).done());
    }
    // 65, 87 and 96 under the word's own flags are in its own sums: a
    // token whose flags differ takes those back and adds its own
    if t.lex.0 != t.w.wlex.0 {
        lex_word_features(t, t.lex.0, out);
        lex_word_features(t, t.w.wlex.0, neg);
    }
    if t.shape == b'a' {
        let wf = t.wf;
        let cls = wf.cls as u64;
        let pc = get(ii - 1).map(|x| if x.shape == b'a' { x.wf.cls as u64 } else { 64 + x.shape as u64 }).unwrap_or(255);
        let nc = get(ii + 1).map(|x| if x.shape == b'a' { x.wf.cls as u64 } else { 64 + x.shape as u64 }).unwrap_or(255);
        let (pk, nk) = (class_slot(pc), class_slot(nc));
        match (pk, cls < 32) {
            (Some(k), true) => add_row(sum, &tabs.c93[k * 32 + cls as usize]),
            _ => out.push(H::new(93).n(pc).n(cls).done()),
        }
        match (nk, cls < 32) {
            (Some(k), true) => add_row(sum, &tabs.c94[k * 32 + cls as usize]),
            _ => out.push(H::new(94).n(cls).n(nc).done()),
        }
        match tabs.c95_row(pc, cls, nc) {
            Some(r) => add_row16(sum, r),
            None => out.push(H::new(95).n(pc).n(cls).n(nc).done()),
        }
        if t.ag != 0 {
            match pk.filter(|_| t.ag < 16) {
                Some(k) => add_row(sum, &tabs.ag_pc[t.ag as usize * 41 + k]),
                None => out.push(H::new(132).n(t.ag as u64).n(pc).done()),
            }
        }
        for (o, off) in [-1isize, 1].into_iter().enumerate() {
            if let Some(x) = get(ii + off) {
                if x.ag != 0 {
                    if x.ag < 16 && t.ag < 16 {
                        add_row(sum, &tabs.ag_nb[o][x.ag as usize][t.ag as usize]);
                    } else {
                        out.push(H::new(133 + o as u32).n(x.ag as u64).n(t.ag as u64).done());
                    }
                }
            }
        }
    }
    if i == 0 {
        add_row(sum, &tabs.start);
    }
}

/// Second-stage context of a token: the first-stage tag and how the same
/// word (by its clitic-free core) was tagged elsewhere in nearby sentences.
#[derive(Default, Clone, Copy, Debug)]
pub struct Ctx {
    pub s1: u8,
    /// sports vocabulary in this and the nearby sentences: 0 none, 1 some, 2 much
    pub sport: u8,
    /// votes per entity type 0=O, 1=PERS, 2=LOC, 3=ORG, 4=MISC (capped)
    pub votes: [u8; 5],
}

#[inline]
fn ty_of(tag: u8) -> usize {
    if tag == 0 {
        0
    } else {
        ((tag as usize) + 1) / 2
    }
}

/// Document-level votes: for every token of every sentence, the first-stage
/// types given to other occurrences of its core within `window` sentences.
/// Neighbouring occurrences consulted per token by [`doc_ctx`].
const MAX_VOTERS: usize = 64;

pub fn doc_ctx(infos: &[Vec<TokInfo>], s1: &[Vec<u8>], window: usize) -> Vec<Vec<Ctx>> {
    // The voting tokens grouped by core, each group in document order, as
    // slices of one vector (a group id per core, then a counting sort):
    // the same lists as a map of vectors, without a vector per core.
    use std::collections::HashMap;
    let total: usize = infos.iter().map(|t| t.len()).sum();
    let mut gid: HashMap<&str, u32, std::hash::BuildHasherDefault<marsad_text::FastHasher>> = HashMap::with_capacity_and_hasher(total, Default::default());
    let mut voters: Vec<(u32, u32, u32)> = Vec::with_capacity(total); // (group, sentence, token)
    for (si, toks) in infos.iter().enumerate() {
        for (ti, t) in toks.iter().enumerate() {
            if t.votes {
                let n = gid.len() as u32;
                let g = *gid.entry(t.core.as_str()).or_insert(n);
                voters.push((g, si as u32, ti as u32));
            }
        }
    }
    let groups = gid.len();
    let mut start = vec![0u32; groups + 1];
    for &(g, _, _) in &voters {
        start[g as usize + 1] += 1;
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut fill = start.clone();
    let mut occ: Vec<(usize, usize, u8)> = vec![(0, 0, 0); voters.len()];
    for &(g, si, ti) in &voters {
        let (si, ti) = (si as usize, ti as usize);
        occ[fill[g as usize] as usize] = (si, ti, s1[si][ti]);
        fill[g as usize] += 1;
    }
    let sport = sport_levels(infos);
    let mut out: Vec<Vec<Ctx>> = infos.iter().enumerate().map(|(si, t)| t.iter().enumerate().map(|(ti, _)| Ctx { s1: s1[si][ti], sport: sport[si], votes: [0; 5] }).collect()).collect();
    for g in 0..groups {
        let list = &occ[start[g] as usize..start[g + 1] as usize];
        if list.len() < 2 {
            continue;
        }
        for (k, &(si, ti, _)) in list.iter().enumerate() {
            let mut v = [0u8; 5];
            // list is in document order: scan neighbours outwards
            // At most MAX_VOTERS neighbours each way: votes saturate anyway,
            // and without a cap a huge one-sentence document is quadratic.
            for &(sj, _, tag) in list[..k].iter().rev().take(MAX_VOTERS) {
                if si - sj > window {
                    break;
                }
                let ty = ty_of(tag);
                v[ty] = v[ty].saturating_add(1);
            }
            for &(sj, _, tag) in list[k + 1..].iter().take(MAX_VOTERS) {
                if sj - si > window {
                    break;
                }
                let ty = ty_of(tag);
                v[ty] = v[ty].saturating_add(1);
            }
            out[si][ti].votes = v;
        }
    }
    out
}

/// Sports words (normalised cores): in their context a city's name is
/// usually its club (ORG), a person's name a player's.
const SPORT_WORDS: &[&str] = &[
    "مباراه", "مباريات", "دوري", "بطوله", "فريق", "نادي", "اندي", "لاعب", "لاعبين", "لاعبا", "هدف", "اهداف",
    "هدفا", "منتخب", "مدرب", "ملعب", "تعادل", "شوط", "مرمى", "كره", "مونديال", "بطولات", "نهائي", "تصفيات",
    "الدوري", "المباراه", "الفريق", "النادي", "اللاعب", "الهدف", "المنتخب", "المدرب", "الملعب", "الشوط", "المرمى", "الكره",
];

/// The core or the base is one of [`SPORT_WORDS`].
fn is_sport_word(core: &str, b: &str) -> bool {
    static SET: std::sync::OnceLock<marsad_text::StrSet> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| SPORT_WORDS.iter().map(|w| w.to_string()).collect());
    set.contains(core) || set.contains(b)
}

fn sport_levels(infos: &[Vec<TokInfo>]) -> Vec<u8> {
    let per: Vec<u32> = infos.iter().map(|t| t.iter().filter(|x| x.sport).count() as u32).collect();
    (0..per.len())
        .map(|i| {
            let a = i.saturating_sub(2);
            let b = (i + 3).min(per.len());
            let c: u32 = per[a..b].iter().sum();
            match c {
                0 => 0,
                1..=2 => 1,
                _ => 2,
            }
        })
        .collect()
}

/// Append the second-stage features of position `i`.
pub fn ctx_features(toks: &[TokInfo], ctx: &[Ctx], i: usize, out: &mut Vec<u64>) {
    let c = &ctx[i];
    let prev = if i > 0 { ctx[i - 1].s1 as u64 } else { 99 };
    let next = if i + 1 < ctx.len() { ctx[i + 1].s1 as u64 } else { 98 };
    out.push(H::new(100).n(c.s1 as u64).done());
    {
        // sports context × stage-1 tag, place class and word
        let t = &toks[i];
        out.push(H::new(120).n(c.sport as u64).n(c.s1 as u64).done());
        out.push(H::new(121).n(c.sport as u64).n(t.gaz as u64).n(t.lex.0 as u64).done());
        out.push(H::new(122).n(c.sport as u64).s(&t.core).done());
    }
    out.push(H::new(101).n(prev).n(c.s1 as u64).done());
    out.push(H::new(102).n(c.s1 as u64).n(next).done());
    let ent: u32 = c.votes[1..].iter().map(|&x| x as u32).sum();
    let total = ent + c.votes[0] as u32;
    if total > 0 {
        let best = best_vote(&c.votes);
        out.push(H::new(103).n(best as u64).done());
        out.push(H::new(104).n(best as u64).n(c.s1 as u64).done());
        for t in 1..5 {
            if c.votes[t] > 0 {
                out.push(H::new(105).n(t as u64).done());
                let frac = (4 * c.votes[t] as u32 / total).min(3);
                out.push(H::new(106).n(t as u64).n(frac as u64).done());
            }
        }
        if ent == 0 {
            out.push(H::new(107).n((c.votes[0] as u64).min(3)).done());
        }
        out.push(H::new(108).n(best as u64).s(&toks[i].pre).done());
    } else {
        out.push(H::new(109).done());
    }
    // neighbours' votes
    for (off, tmpl) in [(-1isize, 110u32), (1, 111)] {
        let j = i as isize + off;
        if j >= 0 && (j as usize) < ctx.len() {
            let v = ctx[j as usize].votes;
            let best = best_vote(&v);
            if v.iter().any(|&x| x > 0) {
                out.push(H::new(tmpl).n(best as u64).done());
            }
        }
    }
}

/// The type with the most votes (0 = O); the earliest type wins a tie.
fn best_vote(votes: &[u8; 5]) -> usize {
    let mut best = 0;
    for t in 1..5 {
        if votes[t] > votes[best] {
            best = t;
        }
    }
    best
}

/// The stage-2 weights (`[i32; NT]`, the second half of the table's rows)
/// of [`ctx_features`]' features that depend on small numbers only, summed
/// per combination: 100, 120, 101 and 102 by (stage-1 tag, sports level,
/// previous tag, next tag); 103 and 104 by (best vote, tag); 105 and 106 by
/// (type, fraction); 107; 109; 110 and 111 by best vote; 108 by (the
/// word's proclitic, best vote) for the proclitics of [`PRE_SLOTS`]. [`ctx_fast`] adds
/// one entry per group instead of hashing and looking up each feature.
pub struct CtxTables {
    a: Vec<[i32; NT]>,
    b: [[[i32; NT]; NT]; 5],
    c: [[[i32; NT]; 4]; 4],
    d: [[i32; NT]; 4],
    g: [i32; NT],
    e: [[[i32; NT]; 5]; 2],
    /// 108 by (proclitic slot of [`PRE_SLOTS`], best vote).
    p108: [[[i32; NT]; 5]; PRE_SLOTS.len()],
}

use crate::model::NT;

/// Slot of a neighbouring stage-1 tag in [`CtxTables`]: the tag, or 9 for the padding.
const CTX_PAD: usize = 9;

impl CtxTables {
    /// The tables, with `w` giving a feature's stage-2 weights (zeros when absent).
    pub fn build(w: impl Fn(u64) -> [i32; NT]) -> CtxTables {
        let add = |a: &mut [i32; NT], b: [i32; NT]| {
            for t in 0..NT {
                a[t] += b[t];
            }
        };
        let mut a = vec![[0i32; NT]; NT * 3 * 10 * 10];
        for s1 in 0..NT as u64 {
            for sport in 0..3u64 {
                for p in 0..10usize {
                    for n in 0..10usize {
                        let prev = if p == CTX_PAD { 99 } else { p as u64 };
                        let next = if n == CTX_PAD { 98 } else { n as u64 };
                        let x = &mut a[((s1 as usize * 3 + sport as usize) * 10 + p) * 10 + n];
                        add(x, w(H::new(100).n(s1).done()));
                        add(x, w(H::new(120).n(sport).n(s1).done()));
                        add(x, w(H::new(101).n(prev).n(s1).done()));
                        add(x, w(H::new(102).n(s1).n(next).done()));
                    }
                }
            }
        }
        let mut b = [[[0i32; NT]; NT]; 5];
        for best in 0..5u64 {
            for s1 in 0..NT as u64 {
                let x = &mut b[best as usize][s1 as usize];
                add(x, w(H::new(103).n(best).done()));
                add(x, w(H::new(104).n(best).n(s1).done()));
            }
        }
        let mut c = [[[0i32; NT]; 4]; 4];
        for t in 1..5u64 {
            for frac in 0..4u64 {
                let x = &mut c[t as usize - 1][frac as usize];
                add(x, w(H::new(105).n(t).done()));
                add(x, w(H::new(106).n(t).n(frac).done()));
            }
        }
        let d = std::array::from_fn(|k| w(H::new(107).n(k as u64).done()));
        let g = w(H::new(109).done());
        let e = std::array::from_fn(|k| std::array::from_fn(|best| w(H::new(110 + k as u32).n(best as u64).done())));
        let p108 = std::array::from_fn(|k| std::array::from_fn(|best| w(H::new(108).n(best as u64).s(PRE_SLOTS[k]).done())));
        CtxTables { a, b, c, d, g, e, p108 }
    }
}

/// [`ctx_features`] as weights: adds the [`CtxTables`] entries of position
/// `i` to `sum` (stage 2's weights) and appends the features that depend on
/// strings or wide flags (121, 122; 108 with a proclitic outside
/// [`PRE_SLOTS`]) to `out`, for the caller to look
/// up; 121 and 122 come from `ctx0` (the word's [`WordSums::ctx0`]) at
/// sports level 0 when the token has its word's flags. The same total as
/// looking up every feature of [`ctx_features`] (integer weights; test
/// `ctx_fast_is_ctx_features`). Inlined, so that the tagger's AVX2 build
/// adds the rows with vector instructions.
#[inline(always)]
pub fn ctx_fast(toks: &[TokInfo], ctx: &[Ctx], i: usize, tabs: &CtxTables, ctx0: Option<&[i32; NT]>, out: &mut Vec<u64>, sum: &mut [i32; NT]) {
    let c = &ctx[i];
    if c.s1 as usize >= NT || c.sport > 2 || (i > 0 && ctx[i - 1].s1 as usize >= NT) || (i + 1 < ctx.len() && ctx[i + 1].s1 as usize >= NT) {
        // not a tag the tables have: every feature looked up
        let mut all = Vec::new();
        ctx_features(toks, ctx, i, &mut all);
        out.extend_from_slice(&all);
        return;
    }
    let add = |sum: &mut [i32; NT], b: &[i32; NT]| {
        for t in 0..NT {
            sum[t] += b[t];
        }
    };
    let p = if i > 0 { ctx[i - 1].s1 as usize } else { CTX_PAD };
    let n = if i + 1 < ctx.len() { ctx[i + 1].s1 as usize } else { CTX_PAD };
    add(sum, &tabs.a[((c.s1 as usize * 3 + c.sport as usize) * 10 + p) * 10 + n]);
    let t = &toks[i];
    // 121 and 122 at level 0 under the word's flags: from its sums
    match ctx0 {
        Some(r) if c.sport == 0 && t.lex.0 == t.w.wlex.0 => add(sum, r),
        _ => ctx_word_features(t, c.sport, t.lex.0, out),
    }
    let ent: u32 = c.votes[1..].iter().map(|&x| x as u32).sum();
    let total = ent + c.votes[0] as u32;
    if total > 0 {
        let best = best_vote(&c.votes);
        add(sum, &tabs.b[best][c.s1 as usize]);
        for t in 1..5 {
            if c.votes[t] > 0 {
                let frac = (4 * c.votes[t] as u32 / total).min(3);
                add(sum, &tabs.c[t - 1][frac as usize]);
            }
        }
        if ent == 0 {
            add(sum, &tabs.d[(c.votes[0] as usize).min(3)]);
        }
        match tabs.p108.get(toks[i].pre_slot as usize) {
            Some(r) => add(sum, &r[best]),
            None => out.push(H::new(108).n(best as u64).s(&toks[i].pre).done()),
        }
    } else {
        add(sum, &tabs.g);
    }
    for (k, off) in [-1isize, 1].into_iter().enumerate() {
        let j = i as isize + off;
        if j >= 0 && (j as usize) < ctx.len() {
            let v = ctx[j as usize].votes;
            let best = best_vote(&v);
            if v.iter().any(|&x| x > 0) {
                add(sum, &tabs.e[k][best]);
            }
        }
    }
}

#[cfg(test)]
mod sport_tests {
    #[test]
    fn sports_context_reaches_two_sentences() {
        let mut sents: Vec<Vec<&str>> = vec![vec!["فاز", "ليون", "في", "المباراة", "على", "ملعب", "الفريق"]];
        for _ in 0..5 {
            sents.push(vec!["قال", "الوزير", "إن", "الحكومة", "ستجتمع"]);
        }
        let infos: Vec<Vec<super::TokInfo>> = sents.iter().map(|s| crate::sentence_info(s)).collect();
        let s1: Vec<Vec<u8>> = infos.iter().map(|t| vec![0; t.len()]).collect();
        let ctx = super::doc_ctx(&infos, &s1, 10);
        assert_eq!(ctx[0][1].sport, 2);
        assert_eq!(ctx[2][0].sport, 2);
        assert_eq!(ctx[3][0].sport, 0);
        assert_eq!(ctx[5][0].sport, 0);
    }
}

#[cfg(test)]
mod fast_tests {
    fn sorted(v: &[u64]) -> Vec<u64> {
        let mut v = v.to_vec();
        v.sort_unstable();
        v
    }

    fn check(words: &[&str]) {
        let toks = crate::sentence_info(words);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for i in 0..toks.len() {
            super::features(&toks, i, &mut a);
            super::features_fast(&toks, i, &mut b);
            assert_eq!(sorted(&a), sorted(&b), "token {i} of {words:?}");
        }
    }

    #[test]
    fn fast_features_are_the_same_multiset() {
        check(&["قال", "الرئيس", "الأمريكي", "جو", "بايدن", "في", "واشنطن", "إن", "حركة", "حماس", "وافقت", "."]);
        check(&["x"]);
        check(&["Reuters", "2024", "،", "وبغداد"]);
        check(&[]);
        // the dev corpus, when present
        let Some(text) = super::real_words::shared_file("eval/anercorp/dev.conll") else { return };
        for s in crate::conll::parse(&text).iter().take(400) {
            let w: Vec<&str> = s.tokens.iter().map(|x| x.as_str()).collect();
            check(&w);
        }
    }
}

#[cfg(test)]
pub(crate) mod real_words {
    /// A file of the shared data (`shared/…` in the first ancestor of this
    /// crate that has it), when present.
    pub fn shared_file(rel: &str) -> Option<String> {
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        here.ancestors().map(|a| a.join("shared").join(rel)).find(|p| p.is_file()).and_then(|p| std::fs::read_to_string(p).ok())
    }

    /// Words of real text: the tokens of the first `n` corpus articles and
    /// of ANERcorp's dev set (when present), and a fixed sentence; split on
    /// white space and again on punctuation, so that both forms are tried.
    pub fn words(n: usize) -> Vec<String> {
        let mut text = String::from("قال الرئيس الأمريكي جو بايدن في واشنطن إن حركة حماس وافقت، وبغداد والعراق ٢٠٢٤ Reuters 2024 «الجيش» للحكومة قواتها");
        if let Some(c) = shared_file("corpus/ant-v1.1-jawharafm.jsonl") {
            for line in c.lines().take(n) {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    text.push(' ');
                    text.push_str(v["text"].as_str().unwrap_or(""));
                }
            }
        }
        if let Some(d) = shared_file("eval/anercorp/dev.conll") {
            for s in crate::conll::parse(&d) {
                for t in s.tokens {
                    text.push(' ');
                    text.push_str(&t);
                }
            }
        }
        let mut out: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for w in text.split_whitespace() {
            for x in std::iter::once(w).chain(w.split(|c: char| c.is_ascii_punctuation() || "،؛؟«»“”".contains(c))) {
                if seen.insert(x.to_string()) {
                    out.push(x.to_string());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod word_info_tests {
    use super::*;

    /// `word_info` as it was: its own analysis and base, and every look-up
    /// fetching the word's readings itself (`phrase_heads` through
    /// `for_each_candidate`).
    fn word_info_reference(w: &str, lex: &Lexicon) -> WordInfo {
        let n = marsad_text::normalize(w);
        let a = clitics::analyze(&n);
        let b = clitics::base(&n);
        let pre = a.prefix(&n).to_string();
        let suf = a.suffix(&n).to_string();
        let core = b.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(&b).to_string();
        let shape = shape_with(w, char::is_numeric);
        let len = n.chars().count().min(255) as u8;
        let wlex = lex.flags(&n);
        let c = clitics::candidates(&n);
        let (gaz, gaz_heads) = gaz_word_reference(&n, &c);
        let gaz_prefix = !gaz_heads.is_empty();
        let phrase_heads = lex.phrase_heads_reference(&n);
        let wf = if shape == b'a' { crate::wordfreq::lookup(&n) } else { Default::default() };
        let ag = if shape == b'a' { crate::wordfreq::anergazet(&n) } else { 0 };
        let cl = if USE_CLUSTERS { crate::clusters::lookup(&b) } else { 0 };
        let (sport, votes) = (is_sport_word(&core, &b), shape == b'a' && core.chars().count() >= 2);
        let pre_slot = pre_slot(&pre);
        let mut wi = WordInfo { n, b, pre, suf, pre_slot, core, shape, len, wlex, gaz, gaz_prefix, gaz_heads, phrase_heads, wf, ag, own: Vec::new(), nb: [0; 10], st: [0; 6], cl, sport, votes, sums: Default::default() };
        word_hashes(&mut wi);
        wi
    }

    /// `gaz_word` as it was: a name look-up and a prefix look-up per
    /// reading.
    fn gaz_word_reference(n: &str, cands: &[String]) -> (u8, Vec<String>) {
        if !crate::lexicon::starts_arabic_letter(n) {
            return (0, Vec::new());
        }
        let g = marsad_places::gazetteer::Gazetteer::global();
        let mut class = 0u8;
        let mut prefix = Vec::new();
        for (k, c) in cands.iter().enumerate() {
            if class == 0 {
                let x = gaz_class(g, g.lookup_key(c));
                if x > 0 {
                    class = if k == 0 { x } else { x + 4 };
                }
            }
            if g.is_prefix(c) {
                prefix.push(c.clone());
            }
        }
        (class, prefix)
    }

    fn fields(w: &WordInfo) -> String {
        format!(
            "{:?} {:?}",
            (&w.n, &w.b, &w.pre, &w.suf, &w.core, w.shape, w.len, w.wlex, w.gaz),
            (w.gaz_prefix, &w.gaz_heads, &w.phrase_heads, w.wf, w.ag, &w.own, w.nb, w.cl)
        )
    }

    #[test]
    fn arabic_block_numeric_is_is_numeric() {
        for c in '\u{0600}'..='\u{06FF}' {
            assert_eq!(arabic_block_numeric(c), c.is_numeric(), "U+{:04X}", c as u32);
        }
    }

    /// The affix hashes from a word's char boundaries are those of
    /// [`affix_hashes`], and its trigrams those of [`features`], on real
    /// words and on words too long for [`Bounds`].
    #[test]
    fn affixes_with_bounds_are_affix_hashes() {
        let lex = crate::lexicon();
        let mut words = real_words::words(300);
        // long words take the general path; odd chars and empty ones too
        words.extend(["", "ا", "اب", "a😀bé"].map(String::from));
        words.extend([47, 48, 49].map(|k| "x".repeat(k)));
        words.extend([30, 47, 48, 49, 60].map(|k| "ب".repeat(k)));
        for w in &words {
            let i = word_info(w, lex);
            let mut want = Vec::new();
            affix_hashes(&i.n, &i.core, &mut want);
            let mut got = Vec::new();
            affix_hashes_with(&i.n, &i.core, &Bounds::of(&i.core), &mut got);
            assert_eq!(got, want, "{w}");
            // the trigrams of word_hashes: those of `features` (the reference)
            if let Some(cb) = Bounds::of(&i.core) {
                let cs: Vec<(usize, char)> = i.core.char_indices().collect();
                let mut tri = Vec::new();
                for k in 0..cs.len().saturating_sub(2) {
                    let b = if k + 3 < cs.len() { cs[k + 3].0 } else { i.core.len() };
                    tri.push(&i.core[cs[k].0..b]);
                }
                let fast: Vec<&str> = (0..cb.chars().saturating_sub(2)).map(|k| &i.core[cb.at(k)..cb.at(k + 3)]).collect();
                assert_eq!(fast, tri, "{w}");
            }
        }
        assert!(words.len() > 10);
    }

    /// The word info of real words (a few hundred corpus articles and the
    /// NER dev set) equals the reference's, field by field.
    #[test]
    fn word_info_matches_the_reference_on_real_words() {
        let lex = crate::lexicon();
        let words = real_words::words(300);
        let mut phrase = 0;
        for w in &words {
            let a = word_info(w, lex);
            let r = word_info_reference(w, lex);
            assert_eq!(fields(&a), fields(&r), "{w}");
            phrase += !a.phrase_heads.is_empty() as usize;
        }
        eprintln!("{} words, {phrase} heading a phrase", words.len());
        assert!(phrase > 0);
    }
}

#[cfg(test)]
mod hash_tests {
    /// `H::s` with its tail read byte by byte (as before `le_tail`).
    fn s_reference(mut h: super::H, s: &str) -> super::H {
        let b = s.as_bytes();
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            h = h.word(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let mut last = 0u64;
        for (i, &x) in chunks.remainder().iter().enumerate() {
            last |= (x as u64) << (8 * i);
        }
        h.word(last ^ ((b.len() as u64) << 56) ^ 0xff)
    }

    #[test]
    fn string_hash_matches_the_byte_loop() {
        let text = "قال الرئيس الأمريكي جو بايدن في واشنطن إن حركة حماس وافقت Reuters 2024 x ab";
        let cs: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for (k, &a) in cs.iter().enumerate() {
            for &b in cs[k..].iter().take(30) {
                let s = &text[a..b];
                for t in [0u32, 12, 71] {
                    let h = super::H::new(t).s("ال");
                    assert_eq!(h.s(s).done(), s_reference(h, s).done(), "{s}");
                }
            }
        }
    }
}

#[cfg(test)]
mod doc_ctx_tests {
    use super::*;

    /// `doc_ctx` as it was: a map of vectors by core, the sports words and
    /// the voting test looked up per token.
    fn doc_ctx_reference(infos: &[Vec<TokInfo>], s1: &[Vec<u8>], window: usize) -> Vec<Vec<Ctx>> {
        use std::collections::HashMap;
        let mut occ: HashMap<&str, Vec<(usize, usize, u8)>, std::hash::BuildHasherDefault<marsad_text::FastHasher>> =
            HashMap::with_capacity_and_hasher(infos.iter().map(|t| t.len()).sum(), Default::default());
        for (si, toks) in infos.iter().enumerate() {
            for (ti, t) in toks.iter().enumerate() {
                if t.shape == b'a' && t.core.chars().count() >= 2 {
                    occ.entry(t.core.as_str()).or_default().push((si, ti, s1[si][ti]));
                }
            }
        }
        let sport = {
                static SET: std::sync::OnceLock<marsad_text::StrSet> = std::sync::OnceLock::new();
                let set = SET.get_or_init(|| SPORT_WORDS.iter().map(|w| w.to_string()).collect());
                let per: Vec<u32> = infos.iter().map(|t| t.iter().filter(|x| set.contains(x.core.as_str()) || set.contains(x.b.as_str())).count() as u32).collect();
                (0..per.len())
                    .map(|i| {
                        let c: u32 = per[i.saturating_sub(2)..(i + 3).min(per.len())].iter().sum();
                        match c {
                            0 => 0,
                            1..=2 => 1,
                            _ => 2,
                        }
                    })
                    .collect::<Vec<u8>>()
            };
        let mut out: Vec<Vec<Ctx>> = infos.iter().enumerate().map(|(si, t)| t.iter().enumerate().map(|(ti, _)| Ctx { s1: s1[si][ti], sport: sport[si], votes: [0; 5] }).collect()).collect();
        for list in occ.values() {
            if list.len() < 2 {
                continue;
            }
            for (k, &(si, ti, _)) in list.iter().enumerate() {
                let mut v = [0u8; 5];
                // list is in document order: scan neighbours outwards
                // At most MAX_VOTERS neighbours each way: votes saturate anyway,
                // and without a cap a huge one-sentence document is quadratic.
                for &(sj, tj, tag) in list[..k].iter().rev().take(MAX_VOTERS) {
                    if si - sj > window {
                        break;
                    }
                    let _ = tj;
                    let ty = ty_of(tag);
                    v[ty] = v[ty].saturating_add(1);
                }
                for &(sj, _, tag) in list[k + 1..].iter().take(MAX_VOTERS) {
                    if sj - si > window {
                        break;
                    }
                    let ty = ty_of(tag);
                    v[ty] = v[ty].saturating_add(1);
                }
                out[si][ti].votes = v;
            }
        }
        out
    }

    #[test]
    fn doc_ctx_matches_the_map_of_vectors() {
        // real sentences: the corpus (sentences at full stops and line
        // ends) when present, with a sports article and repeated names
        let mut docs: Vec<Vec<Vec<String>>> = vec![vec![
            "فاز الفريق في مباراة الدوري على النادي".split(' ').map(String::from).collect(),
            "وسجل اللاعب محمد صلاح هدفا وقال محمد إن المنتخب جاهز".split(' ').map(String::from).collect(),
            "محمد صلاح لاعب في ليفربول".split(' ').map(String::from).collect(),
        ]];
        if let Some(c) = real_words::shared_file("corpus/ant-v1.1-jawharafm.jsonl") {
            for line in c.lines().take(200) {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
                let text = v["text"].as_str().unwrap_or("");
                docs.push(text.split(|c| c == '.' || c == '\n').map(|s| s.split_whitespace().map(String::from).collect::<Vec<_>>()).filter(|s| !s.is_empty()).collect());
            }
        }
        let mut x = 12345u64;
        let (mut voted, mut sporty) = (0, 0);
        for d in &docs {
            let infos: Vec<Vec<TokInfo>> = d.iter().map(|s| crate::sentence_info(s)).collect();
            // pseudo-random stage-1 tags, so that every type votes
            let s1: Vec<Vec<u8>> = infos
                .iter()
                .map(|t| {
                    t.iter()
                        .map(|_| {
                            x ^= x << 13;
                            x ^= x >> 7;
                            x ^= x << 17;
                            (x % 9) as u8
                        })
                        .collect()
                })
                .collect();
            for window in [0, 2, 10] {
                let a = doc_ctx(&infos, &s1, window);
                let b = doc_ctx_reference(&infos, &s1, window);
                assert_eq!(a.len(), b.len());
                for (ra, rb) in a.iter().zip(&b) {
                    assert_eq!(ra.len(), rb.len());
                    for (ca, cb) in ra.iter().zip(rb) {
                        assert_eq!((ca.s1, ca.sport, ca.votes), (cb.s1, cb.sport, cb.votes));
                        voted += (ca.votes != [0; 5]) as usize;
                        sporty += (ca.sport > 0) as usize;
                    }
                }
            }
        }
        assert!(voted > 10 && sporty > 0, "{voted} tokens with votes, {sporty} in sports context");
    }
}
