//! Trigger lexicons and the Arabic stem+affix matcher.
//!
//! Arabic entries are lemma forms; [`ar_analyses`] peels conjunctions,
//! the future سـ, imperfect prefixes, articles, prepositions and subject,
//! plural and pronoun suffixes off a normalised token and proposes every
//! (stem, kind) reading, which is then looked up. English entries are
//! expanded to their inflected forms at load time.

use marsad_core::EventType;
use marsad_text::normalize;
use std::collections::{HashMap, HashSet};

const AR: &str = include_str!("../data/triggers.ar.tsv");
const EN: &str = include_str!("../data/triggers.en.tsv");
const CUES: &str = include_str!("../data/cues.tsv");
const HEADS: &str = include_str!("../data/actor_heads.tsv");
const COUNTRIES: &str = include_str!("../data/countries.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// perfect verb stem
    Perf,
    /// imperfect verb stem (after ي ت ن ا)
    Impf,
    Noun,
    /// English word form
    Word,
}

#[derive(Clone, Debug, Default)]
pub struct Flags {
    pub obj: bool,
    pub killed: bool,
    pub injured: bool,
    pub arrested: bool,
    pub weak: bool,
    pub sport: bool,
    pub verbal: bool,
    pub nobare: bool,
    /// a passive form: the noun phrase after it is the recipient
    pub pass: bool,
    /// an explosion word that needs a weapon word in the sentence to be an
    /// attack (انفجار موجة من الضحك، exploded onto the charts); else weak
    pub phys: bool,
    /// the stabbing sense of a word that also means a legal appeal (طعن): a trigger only
    /// with a blade word in the sentence or تعرض just before it
    pub blade: bool,
    /// a phrase whose later words follow the first one directly (عملية إرهابية, not
    /// عملية أمنية ضد عناصر إرهابية)
    pub adj: bool,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub ty: EventType,
    pub mode: Option<String>,
    pub flags: Flags,
    /// Later slots of a phrase (normalised, clitic-free alternatives).
    pub rest: Vec<Vec<String>>,
    pub phrase: bool,
    pub verb: bool,
}

/// One reading of a token.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub stem: String,
    pub kind: Kind,
    /// future سـ
    pub future: bool,
    /// any suffix was removed
    pub suffixed: bool,
    /// an article/preposition was removed
    pub article: bool,
    /// letters removed in total
    pub stripped: usize,
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub entry: usize,
    pub reading: Reading,
}

/// FNV-1a: the lexicon keys are short words, hashed many times per sentence;
/// SipHash showed up in profiles (`marsad bench`).
#[derive(Clone, Copy, Default)]
pub struct Fnv;

pub struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
}

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf29ce484222325)
    }
}

pub type FMap<K, V> = HashMap<K, V, Fnv>;

pub struct Lexicon {
    pub entries: Vec<Entry>,
    /// stem → (kind, entry) pairs
    ar: FMap<String, Vec<(Kind, usize)>>,
    en: FMap<String, Vec<usize>>,
    pub cues: FMap<String, HashSet<String>>,
    /// cue word → bit set of its categories (bits from `cat_bits`)
    cue_bits: FMap<String, u64>,
    /// cue category → its bit (at most 64 categories)
    cat_bits: FMap<String, u64>,
    /// Arabic base or English word → (sector, actor type)
    pub heads: FMap<String, (String, String)>,
    /// Arabic name / nisba stem / English word → ISO3
    pub countries: FMap<String, String>,
    pub nisba: FMap<String, String>,
    /// Pre-filters (issue 12) made when the lexicon is loaded: every key of
    /// `ar` (a look-up tries ≈ 6 readings of each new word), and every key
    /// of `nisba` without its final ي (`nisba_of` tries up to five stems of
    /// every word of a casualty sentence). Neither rejects a key.
    ar_heads: marsad_text::HeadBits,
    pub(crate) nisba_heads: marsad_text::HeadBits,
    /// The same for `cue_bits` (up to three forms of every token and every
    /// adjacent pair of a sentence are asked): its keys, and for pair keys
    /// (`a_b`) the parts on each side of every `_`, so that a pair is tested
    /// before its key is built.
    cue_heads: marsad_text::HeadBits,
    pair_firsts: marsad_text::HeadBits,
    pair_seconds: marsad_text::HeadBits,
}

fn strip_al(s: &str) -> &str {
    s.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(s)
}

fn parse_flags(s: &str) -> Flags {
    let mut f = Flags::default();
    for x in s.split(',') {
        match x.trim() {
            "obj" => f.obj = true,
            "k" => f.killed = true,
            "i" => f.injured = true,
            "a" => f.arrested = true,
            "weak" => f.weak = true,
            "sport" => f.sport = true,
            "verbal" => f.verbal = true,
            "nobare" => f.nobare = true,
            "pass" => f.pass = true,
            "phys" => f.phys = true,
            "blade" => f.blade = true,
            "adj" => f.adj = true,
            _ => {}
        }
    }
    f
}

fn en_forms(lemma: &str, verb: bool) -> Vec<String> {
    let mut v = vec![lemma.to_string()];
    let sib = lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('x');
    if let Some(st) = lemma.strip_suffix('y').filter(|_| !lemma.ends_with("ay") && !lemma.ends_with("ey")) {
        v.push(format!("{st}ies"));
        if verb {
            v.push(format!("{st}ied"));
            v.push(format!("{lemma}ing"));
        }
        return v;
    }
    v.push(if sib { format!("{lemma}es") } else { format!("{lemma}s") });
    if verb {
        if let Some(st) = lemma.strip_suffix('e') {
            v.push(format!("{lemma}d"));
            v.push(format!("{st}ing"));
        } else {
            v.push(format!("{lemma}ed"));
            v.push(format!("{lemma}ing"));
        }
    }
    v
}

/// Building the trigger tables from the TSV rows.
impl Lexicon {
    /// One row of `data/triggers.*.tsv`: type, mode, part of speech (V, N, P for a
    /// phrase), forms, flags.
    fn add_trigger(&mut self, f: &[&str], arabic: bool) {
        // an unknown type is no entry (a test checks that every row has a known one)
        let Some(ty) = EventType::parse(f[0]) else { return };
        let flags = parse_flags(f.get(4).copied().unwrap_or(""));
        let mode = if f[1] == "-" { None } else { Some(f[1].to_string()) };
        let pos = f[2];
        if pos == "P" {
            self.add_phrase(f, arabic, ty, mode, flags);
            return;
        }
        let id = self.entries.len();
        self.entries.push(Entry { ty, mode, flags, rest: vec![], phrase: false, verb: pos == "V" });
        for form in f[3].split_whitespace() {
            let form = normalize(form);
            if !arabic {
                let forms = match pos {
                    "V" => en_forms(&form, true),
                    "N" => en_forms(&form, false),
                    _ => vec![form.clone()],
                };
                for w in forms {
                    let e = self.en.entry(w).or_default();
                    if !e.contains(&id) {
                        e.push(id);
                    }
                }
            } else if pos != "V" {
                self.add_ar(strip_al(&form), Kind::Noun, id);
            } else if form.starts_with('ي') && form.chars().count() >= 4 {
                let st = &form['ي'.len_utf8()..];
                self.add_ar(st, Kind::Impf, id);
                // weak-final imperfects: يدعو → دع+ون
                if let Some(t) = st.strip_suffix('و').or(st.strip_suffix('ي')) {
                    if t.chars().count() >= 3 {
                        self.add_ar(t, Kind::Impf, id);
                    }
                }
            } else {
                self.add_ar_perfect(&form, id);
            }
        }
    }

    /// A phrase entry (نصب+كمين، اطلق+النار): its first word is looked up, the others are
    /// slots matched after it.
    fn add_phrase(&mut self, f: &[&str], arabic: bool, ty: EventType, mode: Option<String>, flags: Flags) {
        let slots: Vec<Vec<String>> = f[3].split('+').map(|s| s.split('|').map(|a| normalize(a.trim())).filter(|a| !a.is_empty()).collect()).collect();
        if slots.is_empty() || slots[0].is_empty() {
            return;
        }
        let id = self.entries.len();
        let rest: Vec<Vec<String>> = slots[1..].iter().map(|alts| alts.iter().map(|a| if arabic { strip_al(a).to_string() } else { a.clone() }).collect()).collect();
        self.entries.push(Entry { ty, mode, flags, rest, phrase: true, verb: false });
        for a in &slots[0] {
            if !arabic {
                self.en.entry(a.clone()).or_default().push(id);
                continue;
            }
            if a.starts_with('ي') && a.chars().count() >= 4 {
                self.add_ar(&a['ي'.len_utf8()..], Kind::Impf, id);
            } else {
                self.add_ar_perfect(a, id);
            }
            self.add_ar(strip_al(a), Kind::Noun, id);
        }
    }

    /// A perfect verb, and its truncated stem when weak-final (التقى → التقوا).
    fn add_ar_perfect(&mut self, form: &str, id: usize) {
        self.add_ar(form, Kind::Perf, id);
        if let Some(t) = form.strip_suffix('ي').or(form.strip_suffix('ا')) {
            if t.chars().count() >= 3 {
                self.add_ar(t, Kind::Perf, id);
            }
        }
    }
}

impl Lexicon {
    pub fn load() -> Self {
        let mut lx = Lexicon {
            entries: Vec::new(),
            ar: FMap::default(),
            en: FMap::default(),
            cues: FMap::default(),
            cue_bits: FMap::default(),
            cat_bits: FMap::default(),
            heads: FMap::default(),
            countries: FMap::default(),
            nisba: FMap::default(),
            ar_heads: marsad_text::HeadBits::of([]),
            nisba_heads: marsad_text::HeadBits::of([]),
            cue_heads: marsad_text::HeadBits::of([]),
            pair_firsts: marsad_text::HeadBits::of([]),
            pair_seconds: marsad_text::HeadBits::of([]),
        };
        for (src, arabic) in [(AR, true), (EN, false)] {
            for line in src.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let f: Vec<&str> = line.split('\t').collect();
                if f.len() < 4 {
                    continue;
                }
                lx.add_trigger(&f, arabic);
            }
        }
        for line in CUES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut it = line.splitn(2, '\t');
            let cat = it.next().unwrap_or("").to_string();
            let words = it.next().unwrap_or("");
            // context categories match with or without the article (للاستحواذ → استحواذ)
            let bare = matches!(cat.as_str(), "figobj" | "figsubj" | "cyber" | "weapon" | "blade" | "accident" | "frame" | "nonprotest" | "protestcue" | "civil" | "econ" | "disease");
            let set = lx.cues.entry(cat).or_default();
            for w in words.split_whitespace() {
                let n = normalize(w);
                if bare && !w.contains('_') {
                    set.insert(strip_al(&n).to_string());
                }
                set.insert(n);
            }
        }
        let cats: Vec<String> = lx.cues.keys().cloned().collect();
        assert!(cats.len() <= 64, "more than 64 cue categories");
        for (bit, cat) in cats.iter().enumerate() {
            let b = 1u64 << bit;
            lx.cat_bits.insert(cat.clone(), b);
            for w in &lx.cues[cat] {
                *lx.cue_bits.entry(w.clone()).or_insert(0) |= b;
            }
        }
        for line in HEADS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            for w in f[2].split_whitespace() {
                lx.heads.insert(normalize(strip_al(w)), (f[0].to_string(), f[1].to_string()));
            }
        }
        for line in COUNTRIES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            for n in f[1].split('|') {
                let n = normalize(n);
                lx.countries.insert(n.clone(), f[0].to_string());
                lx.countries.insert(strip_al(&n).to_string(), f[0].to_string());
            }
            for n in f[2].split('|').filter(|n| *n != "-") {
                lx.nisba.insert(normalize(n), f[0].to_string());
            }
            for n in f[3].split('|') {
                lx.countries.insert(n.to_lowercase(), f[0].to_string());
            }
        }
        lx.ar_heads = marsad_text::HeadBits::of(lx.ar.keys().map(String::as_str));
        lx.nisba_heads = marsad_text::HeadBits::of(lx.nisba.keys().filter_map(|k| k.strip_suffix('ي')));
        lx.cue_heads = marsad_text::HeadBits::of(lx.cue_bits.keys().map(String::as_str));
        let splits = || lx.cue_bits.keys().flat_map(|k| k.match_indices('_').map(move |(i, _)| (&k[..i], &k[i + 1..])));
        lx.pair_firsts = marsad_text::HeadBits::of(splits().map(|(a, _)| a));
        lx.pair_seconds = marsad_text::HeadBits::of(splits().map(|(_, b)| b));
        lx
    }

    fn add_ar(&mut self, stem: &str, kind: Kind, id: usize) {
        if stem.chars().count() < 2 {
            return;
        }
        let e = self.ar.entry(stem.to_string()).or_default();
        if !e.contains(&(kind, id)) {
            e.push((kind, id));
        }
    }

    pub fn cue(&self, cat: &str, w: &str) -> bool {
        let b = self.cat_bit(cat);
        b != 0 && self.cue_mask(w) & b != 0
    }

    /// The bit of a cue category (0 for an unknown category).
    pub fn cat_bit(&self, cat: &str) -> u64 {
        self.cat_bits.get(cat).copied().unwrap_or(0)
    }

    /// The categories a word is a cue of, as a bit set.
    pub fn cue_mask(&self, w: &str) -> u64 {
        if !self.cue_heads.may_contain(w) {
            return 0;
        }
        self.cue_bits.get(w).copied().unwrap_or(0)
    }

    /// `cue_mask` of the pair key `a_b`, built in `buf` only when `a` and
    /// `b` pass the pair filters (test `cue_filters_are_the_plain_look_ups`).
    pub fn pair_cue_mask(&self, a: &str, b: &str, buf: &mut String) -> u64 {
        if !(self.pair_firsts.may_contain(a) && self.pair_seconds.may_contain(b)) {
            return 0;
        }
        buf.clear();
        buf.push_str(a);
        buf.push('_');
        buf.push_str(b);
        self.cue_mask(buf)
    }

    /// `cue_bits` without the filters (the reference of the test).
    #[cfg(test)]
    pub(crate) fn cue_mask_plain(&self, w: &str) -> u64 {
        self.cue_bits.get(w).copied().unwrap_or(0)
    }

    /// Trigger hits for one token (normalised form), best first.
    pub fn lookup(&self, norm: &str, arabic: bool) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        if arabic {
            // only stems in the lexicon are turned into readings (no allocation otherwise)
            for_each_analysis(norm, &mut |stem: &str, kind: Kind, future, suffixed, article, stripped| {
                if !self.ar_heads.may_contain(stem) {
                    return;
                }
                if let Some(ids) = self.ar.get(stem) {
                    for &(k, id) in ids {
                        if k != kind {
                            continue;
                        }
                        let e = &self.entries[id];
                        if e.flags.nobare && stripped == 0 {
                            continue;
                        }
                        out.push(Hit { entry: id, reading: Reading { stem: stem.to_string(), kind, future, suffixed, article, stripped } });
                    }
                }
            });
        } else if let Some(ids) = self.en.get(norm) {
            for &id in ids {
                out.push(Hit {
                    entry: id,
                    reading: Reading {
                        stem: norm.to_string(),
                        kind: Kind::Word,
                        future: false,
                        suffixed: false,
                        article: false,
                        stripped: 0,
                    },
                });
            }
        }
        // best first: phrases, longer stems, fewer stripped letters, strong
        out.sort_by(|a, b| {
            let ea = &self.entries[a.entry];
            let eb = &self.entries[b.entry];
            eb.phrase
                .cmp(&ea.phrase)
                .then(b.reading.stem.chars().count().cmp(&a.reading.stem.chars().count()))
                .then(a.reading.stripped.cmp(&b.reading.stripped))
                .then(ea.flags.weak.cmp(&eb.flags.weak))
        });
        out
    }

    /// Does a later phrase slot match this token?
    pub fn slot_matches(&self, alts: &[String], norm: &str, arabic: bool) -> bool {
        if !arabic {
            return alts.iter().any(|a| a == norm);
        }
        if alts.iter().any(|a| a == norm || strip_al(norm) == a) {
            return true;
        }
        // every reading's stem is a piece of the word, or a piece and ه: a
        // word holding no alternative so is read no further (issue 12: the
        // affix enumeration per slot token; test `slot_filter_is_the_readings`)
        if !alts.iter().any(|a| may_be_a_stem_of(a, norm)) {
            return false;
        }
        // the readings of `ar_analyses`, without allocating them (see the
        // test `for_each_analysis_gives_ar_analyses`)
        let mut hit = false;
        for_each_analysis(norm, &mut |stem, kind, _, _, _, _| {
            if !hit && kind == Kind::Noun && alts.iter().any(|a| a == stem) {
                hit = true;
            }
        });
        hit
    }
}

/// Could `a` be the stem of a reading of `w` ([`for_each_analysis`])? Each
/// stem is a piece of `w`, or a piece followed by ه (the taa marbuta put
/// back), so an `a` that is neither is no stem of `w`.
fn may_be_a_stem_of(a: &str, w: &str) -> bool {
    let piece = |x: &[u8]| !x.is_empty() && w.as_bytes().windows(x.len()).any(|y| y == x);
    piece(a.as_bytes()) || a.strip_suffix('ه').is_some_and(|r| piece(r.as_bytes()))
}

const CONJ: &[&str] = &["", "و", "ف"];
const VSUF: &[&str] = &[
    "", "وا", "ون", "ين", "ت", "تا", "تم", "تن", "نا", "ن", "ا", "ان", "وه", "ها", "هم", "ه", "ته", "تها", "تهم", "وهم",
    "وها", "هما", "تهما",
];
const IMPF: &[&str] = &["ي", "ت", "ن", "ا"];
const ART: &[&str] = &["", "ال", "بال", "لل", "ب", "ل", "ك", "كال"];
const NSUF: &[&str] = &[
    "", "ا", "ات", "ين", "ون", "ان", "تين", "تان", "ه", "ها", "هم", "هما", "ته", "تها", "تهم", "تهما", "ي", "اته", "اتها",
    "اتهم",
];

// Byte-wise affix tests (str::strip_* calls memcmp, which dominated here).
use marsad_text::clitics::{strip_prefix as sp, strip_suffix as ss};

/// Call `f(stem, kind, future, suffixed, article, stripped)` for every reading
/// of a normalised Arabic token, without allocating (except the taa-marbuta
/// restoration مظاهرات → مظاهره).
pub fn for_each_analysis(w: &str, f: &mut dyn FnMut(&str, Kind, bool, bool, bool, usize)) {
    // `chars().count() >= 2` without counting, and the affixes' char counts
    // as half their bytes (all are two-byte Arabic letters: test
    // `affixes_are_two_byte_letters`); the same readings in the same order
    // as `ar_analyses` (tests `for_each_analysis_gives_ar_analyses`,
    // `for_each_analysis_is_ar_analyses_on_the_corpus`)
    if !two_chars(w) {
        return;
    }
    let mut buf = String::new();
    // the suffixes of w1 found once: a word with a prefix removed ends as
    // w1 does, so only these can end it (when it is long enough); kept in
    // list order, so the readings come in the same order. A suffix is
    // compared whole only when its last letter is w1's (issue 12: most of
    // the 43 suffix tests per word failed on the last letter after a
    // byte loop each)
    let (mut vm, mut nm) = ([""; VSUF.len()], [""; NSUF.len()]);
    for c in CONJ {
        let Some(w1) = sp(w, c) else { continue };
        let cl = c.len() / 2;
        let last = tail2(w1);
        let mut nv = 0;
        for s in VSUF {
            if s.is_empty() || tail2(s) == last && ss(w1, s).is_some() {
                vm[nv] = s;
                nv += 1;
            }
        }
        let vsuf = &vm[..nv];
        for s in vsuf {
            if let Some(st) = ss(w1, s) {
                if two_chars(st) {
                    f(st, Kind::Perf, false, !s.is_empty(), false, cl + s.len() / 2);
                }
            }
        }
        for fut in ["", "س", "ل"] {
            let Some(w2) = sp(w1, fut) else { continue };
            let first = head2(w2);
            for p in IMPF {
                // (every IMPF prefix is one letter: its two bytes)
                if head2(p) != first {
                    continue;
                }
                let Some(w3) = sp(w2, p) else { continue };
                for s in vsuf {
                    // w3 is a tail of w1, which ends with s: only its length decides
                    if let Some(st) = cut(w3, s) {
                        if two_chars(st) {
                            f(st, Kind::Impf, fut == "س", !s.is_empty(), false, cl + fut.len() / 2 + 1 + s.len() / 2);
                        }
                    }
                }
            }
        }
        let mut nn = 0;
        for s in NSUF {
            if s.is_empty() || tail2(s) == last && ss(w1, s).is_some() {
                nm[nn] = s;
                nn += 1;
            }
        }
        let nsuf = &nm[..nn];
        let first = head2(w1);
        for a in ART {
            if !a.is_empty() && head2(a) != first {
                continue;
            }
            let Some(w2) = sp(w1, a) else { continue };
            for s in nsuf {
                if let Some(st) = cut(w2, s) {
                    if !two_chars(st) {
                        continue;
                    }
                    let stripped = cl + a.len() / 2 + s.len() / 2;
                    if s.starts_with('ت') || s.starts_with("ات") {
                        buf.clear();
                        buf.push_str(st);
                        buf.push('ه');
                        f(&buf, Kind::Noun, false, !s.is_empty(), !a.is_empty(), stripped);
                    }
                    f(st, Kind::Noun, false, !s.is_empty(), !a.is_empty(), stripped);
                }
            }
        }
    }
}

/// The last two bytes of `s` (0 when shorter): an affix's last letter.
#[inline]
fn tail2(s: &str) -> u16 {
    let b = s.as_bytes();
    match b.len() {
        0 | 1 => 0,
        n => u16::from_le_bytes([b[n - 2], b[n - 1]]),
    }
}

/// The first two bytes of `s` (0 when shorter): an affix's first letter.
#[inline]
fn head2(s: &str) -> u16 {
    let b = s.as_bytes();
    if b.len() < 2 {
        0
    } else {
        u16::from_le_bytes([b[0], b[1]])
    }
}

/// `w` without its last `s.len()` bytes, for a `w` known to end with `s`
/// when it is at least as long (a tail of a word that ends with `s`).
#[inline]
fn cut<'w>(w: &'w str, s: &str) -> Option<&'w str> {
    if w.len() >= s.len() {
        w.get(..w.len() - s.len())
    } else {
        None
    }
}

/// `s.chars().count() >= 2`, looking at two chars at most.
#[inline]
fn two_chars(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some() && c.next().is_some()
}

/// Every (stem, kind) reading of a normalised Arabic token.
pub fn ar_analyses(w: &str) -> Vec<Reading> {
    let mut out = Vec::new();
    let wl = w.chars().count();
    if wl < 2 {
        return out;
    }
    for c in CONJ {
        let Some(w1) = w.strip_prefix(c) else { continue };
        let cl = c.chars().count();
        // perfect verbs
        for s in VSUF {
            if let Some(st) = w1.strip_suffix(s) {
                if st.chars().count() >= 2 {
                    out.push(Reading {
                        stem: st.to_string(),
                        kind: Kind::Perf,
                        future: false,
                        suffixed: !s.is_empty(),
                        article: false,
                        stripped: cl + s.chars().count(),
                    });
                }
            }
        }
        // imperfect verbs
        for fut in ["", "س", "ل"] {
            let Some(w2) = w1.strip_prefix(fut) else { continue };
            for p in IMPF {
                let Some(w3) = w2.strip_prefix(p) else { continue };
                for s in VSUF {
                    if let Some(st) = w3.strip_suffix(s) {
                        if st.chars().count() >= 2 {
                            out.push(Reading {
                                stem: st.to_string(),
                                kind: Kind::Impf,
                                future: fut == "س",
                                suffixed: !s.is_empty(),
                                article: false,
                                stripped: cl + fut.chars().count() + 1 + s.chars().count(),
                            });
                        }
                    }
                }
            }
        }
        // nouns
        for a in ART {
            let Some(w2) = w1.strip_prefix(a) else { continue };
            for s in NSUF {
                if let Some(st) = w2.strip_suffix(s) {
                    let n = st.chars().count();
                    if n < 2 {
                        continue;
                    }
                    let base = Reading {
                        stem: st.to_string(),
                        kind: Kind::Noun,
                        future: false,
                        suffixed: !s.is_empty(),
                        article: !a.is_empty(),
                        stripped: cl + a.chars().count() + s.chars().count(),
                    };
                    if s.starts_with('ت') || s.starts_with("ات") {
                        let mut r = base.clone();
                        r.stem.push('ه');
                        out.push(r);
                    }
                    out.push(base);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `for_each_analysis` (allocation-free, used by the look-ups and
    /// `slot_matches`) gives exactly `ar_analyses`' readings, in its order.
    #[test]
    fn for_each_analysis_gives_ar_analyses() {
        let text = include_str!("../data/dev/casreal.jsonl");
        let mut words = 0;
        for t in marsad_text::tokenize::tokenize(text).iter().filter(|t| t.kind == marsad_core::TokenKind::Arabic) {
            let mut got: Vec<(String, Kind, bool, bool, bool, usize)> = Vec::new();
            for_each_analysis(&t.norm, &mut |st, k, fu, su, ar, sp| got.push((st.to_string(), k, fu, su, ar, sp)));
            let want: Vec<(String, Kind, bool, bool, bool, usize)> = ar_analyses(&t.norm).into_iter().map(|r| (r.stem, r.kind, r.future, r.suffixed, r.article, r.stripped)).collect();
            assert_eq!(got, want, "{}", t.norm);
            words += 1;
        }
        assert!(words > 5_000, "{words} words");
    }

    /// The same on every Arabic word of real articles (the corpus's first
    /// 300, when present) and on short and affix-only words, where the
    /// letter tests of `for_each_analysis` (last letter of a suffix, first of
    /// a prefix) and its length-only cuts could differ from full compares.
    #[test]
    fn for_each_analysis_is_ar_analyses_on_the_corpus() {
        let mut words: Vec<String> = ["ه", "هه", "وه", "وا", "ات", "تات", "والات", "فسيت", "سيت", "لتين", "بالات", "كالتهما", "ويتهما", "ت", "a", "ab", "aت", "تa"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for a in CONJ.iter().chain(VSUF).chain(IMPF).chain(ART).chain(NSUF) {
            for b in VSUF.iter().chain(NSUF) {
                words.push(format!("{a}{b}"));
                words.push(format!("{a}ب{b}"));
                words.push(format!("{a}بت{b}"));
            }
        }
        for text in marsad_core::sample::shared_corpus_texts(300) {
            words.extend(marsad_text::tokenize::tokenize(&text).into_iter().filter(|t| t.kind == marsad_core::TokenKind::Arabic).map(|t| t.norm));
        }
        for w in &words {
            let mut got: Vec<(String, Kind, bool, bool, bool, usize)> = Vec::new();
            for_each_analysis(w, &mut |st, k, fu, su, ar, sp| got.push((st.to_string(), k, fu, su, ar, sp)));
            let want: Vec<(String, Kind, bool, bool, bool, usize)> = ar_analyses(w).into_iter().map(|r| (r.stem, r.kind, r.future, r.suffixed, r.article, r.stripped)).collect();
            assert_eq!(got, want, "{w}");
        }
        assert!(words.len() > 1_000, "{} words", words.len());
    }

    /// `slot_matches` with its piece filter answers as the readings do
    /// without it: every later slot of every lexicon phrase against every
    /// Arabic word of the casualty dev set and of real articles.
    #[test]
    fn slot_filter_is_the_readings() {
        let lx = Lexicon::load();
        // the noun stems of each word, found once ([`ar_analyses`])
        let reference = |alts: &[String], w: &str, stems: &[String]| alts.iter().any(|a| a == w || strip_al(w) == a) || stems.iter().any(|st| alts.contains(st));
        let mut texts = vec![include_str!("../data/dev/casreal.jsonl").to_string()];
        texts.extend(marsad_core::sample::shared_corpus_texts(100));
        let mut words: Vec<String> = texts.iter().flat_map(|t| marsad_text::tokenize::tokenize(t)).filter(|t| t.kind == marsad_core::TokenKind::Arabic).map(|t| t.norm).collect();
        words.sort();
        words.dedup();
        let mut slots: Vec<&Vec<String>> = lx.entries.iter().flat_map(|e| e.rest.iter()).collect();
        slots.sort();
        slots.dedup();
        // the slots' own words (and their inflections) must match
        for alts in &slots {
            for a in alts.iter() {
                words.push(a.clone());
                words.push(format!("وال{a}"));
                words.push(format!("{a}ات"));
            }
        }
        let stems: Vec<Vec<String>> = words.iter().map(|w| ar_analyses(w).into_iter().filter(|r| r.kind == Kind::Noun).map(|r| r.stem).collect()).collect();
        let (mut pairs, mut hits) = (0usize, 0usize);
        for alts in &slots {
            for (w, st) in words.iter().zip(&stems) {
                let got = lx.slot_matches(alts, w, true);
                assert_eq!(got, reference(alts, w, st), "{alts:?} {w}");
                pairs += 1;
                hits += got as usize;
            }
        }
        assert!(slots.len() > 20 && hits > 100, "{hits} hits of {pairs}, {} slots", slots.len());
    }

    /// `for_each_analysis` counts an affix's chars as half its bytes.
    #[test]
    fn affixes_are_two_byte_letters() {
        for a in CONJ.iter().chain(VSUF).chain(IMPF).chain(ART).chain(NSUF).chain(&["", "س", "ل"]) {
            assert_eq!(a.chars().count(), a.len() / 2, "{a}");
            assert!(a.chars().all(|c| c.len_utf8() == 2), "{a}");
        }
        for s in ["", "a", "ب", "ab", "بت", "aب", "😀", "😀😀"] {
            assert_eq!(two_chars(s), s.chars().count() >= 2, "{s}");
        }
    }

    fn types(lx: &Lexicon, w: &str) -> Vec<String> {
        let arabic = w.chars().next().map_or(false, |c| ('\u{0600}'..='\u{06FF}').contains(&c));
        lx.lookup(&normalize(w), arabic).iter().map(|h| lx.entries[h.entry].ty.as_str().to_string()).collect()
    }

    #[test]
    fn arabic_inflections_match() {
        let lx = Lexicon::load();
        for w in [
            "هاجم", "يهاجم", "هاجموا", "وهاجمت", "سيهاجمون", "هجوم", "هجمات", "الهجوم", "والهجمات", "بهجوم", "قُتل", "مقتل",
            "ومقتل", "فجّر", "تفجير", "انفجار", "اشتباكات", "اختطف", "اعتقل", "اعتقلت", "قصف", "غارة", "غارات",
        ] {
            let t = types(&lx, w);
            assert!(t.iter().any(|x| x == "ASSAULT" || x == "COERCE"), "{w}: {t:?}");
        }
        for w in ["تظاهر", "يتظاهرون", "مظاهرة", "تظاهرة", "التظاهرات", "احتجاج", "احتجاجات", "اعتصام", "إضراب", "واعتصم"] {
            assert_eq!(types(&lx, w).first().map(|s| s.as_str()), Some("PROTEST"), "{w}");
        }
        assert_eq!(types(&lx, "اتفقوا").first().map(|s| s.as_str()), Some("AGREE"));
        assert_eq!(types(&lx, "التقى").first().map(|s| s.as_str()), Some("CONSULT"));
        assert_eq!(types(&lx, "اتهم").first().map(|s| s.as_str()), Some("ACCUSE"));
        assert!(types(&lx, "كتاب").is_empty());
        assert!(types(&lx, "الرياضة").is_empty());
    }

    #[test]
    fn every_trigger_row_has_a_known_type() {
        for src in [AR, EN] {
            for line in src.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                let ty = line.split('\t').next().unwrap_or("");
                assert!(EventType::parse(ty).is_some(), "unknown event type {ty:?} in {line:?}");
            }
        }
    }

    #[test]
    fn english_forms() {
        let lx = Lexicon::load();
        assert_eq!(types(&lx, "attacked").first().map(|s| s.as_str()), Some("ASSAULT"));
        assert_eq!(types(&lx, "protesters").first().map(|s| s.as_str()), Some("PROTEST"));
        assert_eq!(types(&lx, "arrested").first().map(|s| s.as_str()), Some("COERCE"));
        assert!(types(&lx, "rallied").contains(&"PROTEST".to_string()));
        assert!(types(&lx, "table").is_empty());
    }
}
