//! The shipped gazetteer: places, their name variants (indexed by a
//! normalised key), and the index of country adjectives over the country
//! table of [`crate::countries`].

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::countries::{self, Country};

// the text layer's fast string hasher (FxHash-style) for the name index
use marsad_text::FastHasher;

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// The bit of an index entry's length that marks a key as a prefix of a
/// longer name (see [`Gazetteer`]'s `index`).
pub(crate) const PREFIX: u32 = 1 << 31;

/// Mark `prefixes` in `index` (adding the prefixes that are no name).
pub(crate) fn mark_prefixes(index: &mut FastMap<&'static str, (u32, u32)>, prefixes: impl IntoIterator<Item = &'static str>) {
    for p in prefixes {
        index.entry(p).and_modify(|v| v.1 |= PREFIX).or_insert((0, PREFIX));
    }
}

pub(crate) static GAZETTEER_TSV: &str = include_str!("../data/gazetteer.tsv");

/// One place of the gazetteer.
#[derive(Debug, Clone)]
pub struct Entry {
    /// GeoNames id; 0 for places marsad added itself.
    pub geonameid: u64,
    /// city, country, region, river, mountain, desert, sea, …
    pub feature: &'static str,
    pub name: &'static str,
    pub name_ar: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// ISO alpha-2 ("" for features spanning several countries).
    pub country2: &'static str,
    pub admin1: &'static str,
    pub population: u64,
    /// Listed in marsad's own data files (curated names).
    pub curated: bool,
    /// National capital.
    pub capital: bool,
    /// First-level administrative region (governorate, province).
    pub admin_region: bool,
}

impl Entry {
    /// How precise the coordinates are for this kind of place.
    pub fn precision(&self) -> &'static str {
        match self.feature {
            "city" => "city",
            "country" => "country",
            "region" | "continent" => "region",
            _ => "feature",
        }
    }
}

/// A gazetteer hit for a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: u32,
    /// The matched name is in Arabic script.
    pub arabic: bool,
}

pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Name key → its candidates: a range (start, length) of `cands`, the
    /// length's top bit ([`PREFIX`]) set when the key is also a proper
    /// word-prefix of a multi-word key ("جبال" for "جبال حمرين"; a prefix
    /// that is no name has length 0). One map for both, so that the
    /// recogniser hashes a key once (issue 12: two look-ups per clitic
    /// reading of every word before).
    pub(crate) index: FastMap<&'static str, (u32, u32)>,
    pub(crate) cands: Vec<Candidate>,
    pub max_words: usize,
    /// Country adjectives and demonyms (normalised key) → index in
    /// [`countries::all`].
    pub(crate) adjectives: FastMap<String, usize>,
    /// This gazetteer's number in the process (for the recogniser's
    /// per-thread memo of word look-ups, which is valid for one gazetteer).
    pub(crate) id: u64,
}

/// A new [`Gazetteer::id`].
pub(crate) fn next_id() -> u64 {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The text form parsed: what the build writes in the binary form (see
/// `build.rs` and [`Gazetteer::load`]).
pub(crate) struct Parsed {
    pub(crate) entries: Vec<Entry>,
    pub(crate) index: FastMap<String, Vec<Candidate>>,
    pub(crate) prefixes: FastSet<String>,
    pub(crate) max_words: usize,
}

/// Matching key of a name: normalised tokens joined by one space (no clitic
/// stripping: the text side tries clitic candidates instead). Gives the same
/// words as `marsad_text::tokenize` (a test checks it), without its cost.
pub fn name_key(name: &str) -> String {
    // fast path: plain ASCII words separated by single spaces
    if name.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') && !name.starts_with(' ') && !name.ends_with(' ') && !name.contains("  ") {
        return name.to_ascii_lowercase();
    }
    // fast path: Arabic-script letters and marks and spaces (most of the
    // gazetteer's Arabic and Persian names), or Latin letters (ASCII,
    // Latin-1 and Latin Extended-A/B, with diacritics: Sāmoa, Österreich)
    // and spaces. Every such character joins the word it is in (an Arabic
    // mark or letter an Arabic word, a Latin letter a Latin word), so the
    // words are the runs between spaces, each normalised character by
    // character; a word left empty is dropped (as below).
    if name.chars().all(|c| c == ' ' || arabic_word_char(c)) || name.chars().all(|c| c == ' ' || latin_letter(c)) {
        let mut out = String::with_capacity(name.len());
        for w in name.split(' ') {
            let start = out.len();
            if start > 0 {
                out.push(' ');
            }
            let body = out.len();
            marsad_text::normalize::push_normalized(w, &mut out);
            if out.len() == body {
                out.truncate(start);
            }
        }
        return out;
    }
    name_key_general(name)
}

/// A char of [`name_key_general`]'s Arabic letter or mark classes (not a
/// digit, not punctuation), in the Arabic block.
#[inline]
fn arabic_word_char(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{0621}'..='\u{065F}' | '\u{0670}'..='\u{06D3}' | '\u{06D5}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}')
}

/// A Latin letter of [`name_key_general`]'s Latin class: ASCII letters and
/// the letters of Latin-1 and Latin Extended-A/B (all alphabetic but × ÷).
#[inline]
fn latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{00C0}'..='\u{024F}').contains(&c) && c != '×' && c != '÷')
}

/// [`name_key`] without its fast paths (tests compare the two).
pub fn name_key_general(name: &str) -> String {
    #[derive(PartialEq, Clone, Copy)]
    enum C {
        Space,
        Ar,
        Lat,
        Dig,
        Mark,
        Other,
    }
    fn class(c: char) -> C {
        match c {
            c if c.is_whitespace() => C::Space,
            '0'..='9' | '٠'..='٩' | '۰'..='۹' => C::Dig,
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' | '\u{200C}' | '\u{200D}' => C::Mark,
            '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => C::Ar,
            c if c.is_alphabetic() => C::Lat,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => C::Space,
            _ => C::Other,
        }
    }
    // each character with its class, classified once
    let chars: Vec<(char, C)> = name.chars().map(|c| (c, class(c))).collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    // a word's normalised characters, after one space; nothing if none is left
    let push = |out: &mut String, s: &[(char, C)]| {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        let body = out.len();
        for &(c, _) in s {
            if let Some(n) = marsad_text::normalize::normalize_char(c) {
                out.push(n);
            }
        }
        if out.len() == body {
            out.truncate(start);
        }
    };
    while i < chars.len() {
        let cl = chars[i].1;
        let st = i;
        i += 1;
        match cl {
            C::Space => continue,
            C::Ar | C::Lat | C::Mark => {
                let wc = if cl == C::Lat { C::Lat } else { C::Ar };
                while i < chars.len() {
                    let (n, ncl) = chars[i];
                    let joins = ncl == wc
                        || ncl == C::Mark
                        || (wc == C::Lat && (n == '\'' || n == '’') && chars.get(i + 1).map_or(false, |x| x.1 == C::Lat));
                    if !joins {
                        break;
                    }
                    i += 1;
                }
            }
            C::Dig => {
                while i < chars.len() {
                    let (n, ncl) = chars[i];
                    let sep = matches!(n, '.' | ',' | '٫' | '٬') && chars.get(i + 1).map_or(false, |x| x.1 == C::Dig);
                    if ncl != C::Dig && !sep {
                        break;
                    }
                    i += 1;
                }
            }
            C::Other => {}
        }
        push(&mut out, &chars[st..i]);
    }
    out
}

/// The same key through the full tokenizer (slow; for tests).
pub fn name_key_slow(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for t in marsad_text::tokenize::tokenize(name) {
        if t.norm.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t.norm);
    }
    out
}

/// `s.split(sep as char)` for an ASCII separator, by a plain byte scan (the
/// char searcher's set-up per field cost more than the scan itself).
fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                // an ASCII byte is a char boundary on both sides
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn is_arabic_str(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Parse the embedded text form (`data/gazetteer.tsv`): the entries, each
/// name key's candidates, the multi-word keys' prefixes.
pub(crate) fn parse_text() -> Parsed {
    {
        let mut entries = Vec::with_capacity(41_000);
        let mut index: FastMap<String, Vec<Candidate>> = FastMap::with_capacity_and_hasher(150_000, Default::default());
        let mut prefixes = FastSet::default();
        let mut max_words = 1;
        // the fields of a line, one vector for all lines
        let mut f: Vec<&'static str> = Vec::with_capacity(16);
        for line in GAZETTEER_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            f.clear();
            f.extend(split_ascii(line, b'\t'));
            if f.len() < 11 {
                continue;
            }
            let id = entries.len() as u32;
            let flags = f[9];
            entries.push(Entry {
                geonameid: f[0].parse().unwrap_or(0),
                feature: f[1],
                name: f[2],
                name_ar: f[3],
                lat: f[4].parse().unwrap_or(0.0),
                lon: f[5].parse().unwrap_or(0.0),
                country2: f[6],
                admin1: f[7],
                population: f[8].parse().unwrap_or(0),
                curated: flags.contains('c'),
                capital: flags.contains('k'),
                admin_region: flags.contains('g'),
            });
            for n in split_ascii(f[10], b'|') {
                let k = name_key(n);
                if k.is_empty() {
                    continue;
                }
                let words = k.split(' ').count();
                if words > 1 {
                    max_words = max_words.max(words);
                    let mut p = String::new();
                    for (i, w) in k.split(' ').enumerate() {
                        if i + 1 == words {
                            break;
                        }
                        if i > 0 {
                            p.push(' ');
                        }
                        p.push_str(w);
                        if !prefixes.contains(p.as_str()) {
                            prefixes.insert(p.clone());
                        }
                    }
                }
                let v = index.entry(k).or_default();
                if !v.iter().any(|c| c.id == id) {
                    v.push(Candidate { id, arabic: is_arabic_str(n) });
                }
            }
        }
        // Spelling variants of the Arabic names of major places, as the press
        // writes foreign names: ج/غ for "g", an internal alef dropped, final
        // ا/ه (كاراكاس → كراكاس, بانجي → بانغي, سكوبيا → سكوبيه). Only added
        // where no name has that key already.
        let mut variants: Vec<(String, u32)> = Vec::new();
        for (k, cands) in index.iter() {
            if !is_arabic_str(k) || k.starts_with("ال") || k.chars().count() < 5 {
                continue;
            }
            for c in cands {
                let e = &entries[c.id as usize];
                if !(e.feature == "country" || e.capital || e.population >= 1_000_000) {
                    continue;
                }
                for v in spelling_variants(k) {
                    variants.push((v, c.id));
                }
            }
        }
        let mut new_keys: FastMap<String, Vec<Candidate>> = FastMap::default();
        for (v, id) in variants {
            if !index.contains_key(&v) {
                let list = new_keys.entry(v).or_default();
                if !list.iter().any(|c| c.id == id) {
                    list.push(Candidate { id, arabic: true });
                }
            }
        }
        index.extend(new_keys);
        Parsed { entries, index, prefixes, max_words }
    }
}

/// Country adjectives and demonyms (normalised key) → index in
/// [`countries::all`].
pub(crate) fn adjective_index() -> FastMap<String, usize> {
    let mut adjectives = FastMap::default();
    for (i, c) in countries::all().iter().enumerate() {
        for a in c.adjectives() {
            let k = name_key(a);
            if !k.is_empty() {
                adjectives.entry(k.clone()).or_insert(i);
                if is_arabic_str(a) {
                    adjectives.entry(format!("ال{k}")).or_insert(i);
                }
            }
        }
    }
    adjectives
}

impl Gazetteer {
    /// The gazetteer parsed from its text form, as the build does before
    /// writing the binary form that [`Gazetteer::load`] reads (slower;
    /// for tests, which compare the two). Its keys are leaked, as they
    /// live as long as the process in the binary form.
    pub fn load_text() -> Gazetteer {
        let p = parse_text();
        let mut index = FastMap::with_capacity_and_hasher(p.index.len() + p.prefixes.len(), Default::default());
        let mut cands = Vec::new();
        for (k, v) in p.index {
            let k: &'static str = Box::leak(k.into_boxed_str());
            index.insert(k, (cands.len() as u32, v.len() as u32));
            cands.extend(v);
        }
        mark_prefixes(&mut index, p.prefixes.into_iter().map(|k| &*Box::leak(k.into_boxed_str())));
        Gazetteer { entries: p.entries, index, cands, max_words: p.max_words, adjectives: adjective_index(), id: next_id() }
    }

    /// Entries whose name has exactly this key (already normalised: see [`name_key`]).
    #[inline]
    pub fn lookup_key(&self, key: &str) -> &[Candidate] {
        self.probe(key).0
    }

    /// True when `key` begins some longer multi-word name.
    #[inline]
    pub fn is_prefix(&self, key: &str) -> bool {
        self.probe(key).1
    }

    /// [`Gazetteer::lookup_key`] and [`Gazetteer::is_prefix`] of a key, from
    /// one look-up.
    #[inline]
    pub fn probe(&self, key: &str) -> (&[Candidate], bool) {
        let (range, prefix) = self.probe_range(key);
        (self.hits_in(range), prefix)
    }

    /// [`Gazetteer::probe`] with the candidates as a range of the
    /// gazetteer's list (start, length), for answers kept across documents
    /// ([`Gazetteer::hits_in`] gives the slice back).
    #[inline]
    pub(crate) fn probe_range(&self, key: &str) -> ((u32, u32), bool) {
        match self.index.get(key) {
            Some(&(start, n)) => ((start, n & !PREFIX), n & PREFIX != 0),
            None => ((0, 0), false),
        }
    }

    /// The candidates of a range from [`Gazetteer::probe_range`].
    #[inline]
    pub(crate) fn hits_in(&self, (start, n): (u32, u32)) -> &[Candidate] {
        &self.cands[start as usize..(start + n) as usize]
    }

    /// Look a name up as a person would type it: normalised, with Arabic
    /// clitics tried (للعراق, بالموصل), ranked by prior importance (best first).
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        let key = name_key(name);
        if key.is_empty() {
            return Vec::new();
        }
        let (first, rest) = match key.split_once(' ') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (key.clone(), None),
        };
        let mut ids: Vec<u32> = Vec::new();
        for c in marsad_text::clitics::candidates(&first) {
            let k = match &rest {
                Some(r) => format!("{c} {r}"),
                None => c,
            };
            for cand in self.lookup_key(&k) {
                if !ids.contains(&cand.id) {
                    ids.push(cand.id);
                }
            }
            if !ids.is_empty() {
                break;
            }
        }
        let mut v: Vec<&Entry> = ids.iter().map(|&i| &self.entries[i as usize]).collect();
        v.sort_by(|a, b| prior(b).partial_cmp(&prior(a)).unwrap_or(std::cmp::Ordering::Equal));
        v
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// Every country ([`countries::all`]).
    pub fn countries(&self) -> &'static [Country] {
        countries::all()
    }

    /// By alpha-2 or alpha-3 code ([`countries::by_code`]).
    pub fn country(&self, alpha2_or_3: &str) -> Option<&'static Country> {
        countries::by_code(alpha2_or_3)
    }

    /// ISO alpha-2 → alpha-3 ("IQ" → "IRQ").
    pub fn alpha3(&self, alpha2: &str) -> Option<&'static str> {
        countries::alpha3(alpha2)
    }

    /// ISO alpha-3 → alpha-2 ("IRQ" → "IQ").
    pub fn alpha2(&self, alpha3: &str) -> Option<&'static str> {
        countries::alpha2(alpha3)
    }

    /// The country a demonym/adjective refers to: العراقية, والعراقيين,
    /// Syrian → the country (alpha-2/alpha-3 in [`Country`]).
    pub fn country_of_adjective(&self, word: &str) -> Option<&'static Country> {
        let k = name_key(word);
        if k.is_empty() {
            return None;
        }
        if let Some(&i) = self.adjectives.get(&k) {
            return countries::all().get(i);
        }
        if k.contains(' ') {
            return None;
        }
        for c in marsad_text::clitics::candidates(&k) {
            if let Some(&i) = self.adjectives.get(&c) {
                return countries::all().get(i);
            }
        }
        None
    }

    /// Adjective lookup on an already-normalised single word key.
    pub(crate) fn adjective_key(&self, key: &str) -> Option<usize> {
        self.adjectives.get(key).copied()
    }

    pub(crate) fn country_at(&self, i: usize) -> &'static Country {
        &countries::all()[i]
    }
}

/// Press spelling variants of a normalised Arabic name (see `Gazetteer::load`).
pub fn spelling_variants(k: &str) -> Vec<String> {
    let mut out = Vec::new();
    if k.contains('ج') {
        out.push(k.replace('ج', "غ"));
    }
    if k.contains('غ') {
        out.push(k.replace('غ', "ج"));
    }
    let chars: Vec<char> = k.chars().collect();
    // long names only: short ones collide with common words (سايكون → سيكون)
    let long = chars.len() >= 7;
    for i in 1..chars.len().saturating_sub(1) {
        if long && chars[i] == 'ا' && chars[i - 1] != ' ' && chars[i + 1] != ' ' {
            let mut v = chars.clone();
            v.remove(i);
            out.push(v.into_iter().collect());
        }
    }
    if let Some(stem) = k.strip_suffix('ا') {
        out.push(format!("{stem}ه"));
    } else if let Some(stem) = k.strip_suffix('ه') {
        out.push(format!("{stem}ا"));
    }
    out.retain(|v| v.chars().filter(|c| *c != ' ').count() >= 4 && v != k);
    out
}

/// Prior importance of an entry regardless of context.
pub fn prior(e: &Entry) -> f64 {
    let mut s = if e.curated { 2.0 } else { 0.0 };
    s += match e.feature {
        "country" => 10.0,
        "city" => {
            let p = (e.population as f64 + 1.0).log10();
            p + if e.capital { 1.5 } else { 0.0 }
        }
        "region" if e.admin_region => 4.5,
        "region" | "continent" => 8.0,
        _ => 8.0,
    };
    if crate::is_mena(e.country2) {
        s += 0.5;
    }
    s
}

#[cfg(test)]
mod split_tests {
    #[test]
    fn split_ascii_is_str_split() {
        for s in ["", "a", "\t", "a\tb", "\ta\t\tبغداد\t", "بغداد|دمشق||x|"] {
            for sep in [b'\t', b'|'] {
                let a: Vec<&str> = super::split_ascii(s, sep).collect();
                let b: Vec<&str> = s.split(sep as char).collect();
                assert_eq!(a, b, "{s:?}");
            }
        }
    }
}


#[cfg(test)]
mod probe_tests {
    use super::*;

    /// One look-up in the merged index ([`Gazetteer::probe`]) answers as the
    /// two it replaces did: the name map and the prefix set of the text
    /// form, on every name key and prefix, and on the keys the recogniser
    /// builds from real articles (every clitic reading of every word, run on
    /// into up to three following words; the corpus's first 300, when present).
    #[test]
    fn probe_is_the_index_and_the_prefix_set() {
        let p = parse_text();
        let gaz = Gazetteer::global();
        let reference = |k: &str| -> (Vec<(u32, bool)>, bool) {
            (p.index.get(k).map(|v| v.iter().map(|c| (c.id, c.arabic)).collect()).unwrap_or_default(), p.prefixes.contains(k))
        };
        let got = |k: &str| -> (Vec<(u32, bool)>, bool) {
            let (h, pre) = gaz.probe(k);
            assert_eq!(h.len(), gaz.lookup_key(k).len());
            assert_eq!(pre, gaz.is_prefix(k));
            (h.iter().map(|c| (c.id, c.arabic)).collect(), pre)
        };
        for k in p.index.keys().chain(p.prefixes.iter()) {
            assert_eq!(got(k), reference(k), "{k}");
        }
        let mut texts = vec!["قصفت الطائرات جبال حمرين وبغداد والموصل وجبل لبنان في الشرق الأوسط. Clashes in New York and Baghdad.".to_string()];
        texts.extend(marsad_core::sample::shared_corpus_texts(300));
        let (mut keys, mut names, mut prefixes) = (0usize, 0usize, 0usize);
        for text in &texts {
            let mut d = marsad_core::Document::new("t", text);
            marsad_text::annotate(&mut d);
            for (i, t) in d.tokens.iter().enumerate() {
                let mut firsts = marsad_text::clitics::candidates(&t.norm);
                firsts.push(t.norm.clone());
                for first in firsts {
                    let mut key = first;
                    for j in i + 1..(i + 4).min(d.tokens.len() + 1) {
                        let r = reference(&key);
                        assert_eq!(got(&key), r, "{key}");
                        keys += 1;
                        names += !r.0.is_empty() as usize;
                        prefixes += r.1 as usize;
                        if let Some(n) = d.tokens.get(j) {
                            key.push(' ');
                            key.push_str(&n.norm);
                        }
                    }
                }
            }
        }
        assert!(names > 0 && prefixes > 0, "{names} names and {prefixes} prefixes among {keys} keys");
    }
}
