//! Generates `crates/text/data/stems.txt`, the stem lexicon the clitic
//! analysis consults. Run from the repository root:
//!
//! ```text
//! cargo run -p marsad-text --example gen_stems -- ../shared/eval/anercorp crates/places/data > crates/text/data/stems.txt
//! ```
//!
//! Sources (see crates/text/README.md): word counts of ANERcorp `train.conll`
//! (used only to decide which word forms are clitic-free; words seen fewer
//! than `MIN_COUNT` times are dropped, article ال is removed, and forms that
//! are a clitic + an attested word are dropped), the words of the ANERGazet
//! name lists released with ANERcorp, and the Arabic place names of the
//! places crate's hand-written lists (cities, countries, regions, features).
use marsad_text::normalize;
use std::collections::{BTreeSet, HashMap, HashSet};

const MIN_COUNT: u32 = 2;

fn arabic_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Word counts, and the forms whose surface ended in taa marbuta (ة), which
/// cannot carry a pronoun suffix.
struct Counts(HashMap<String, u32>, HashSet<String>);

impl Counts {
    fn c(&self, w: &str) -> u32 {
        self.0.get(w).copied().unwrap_or(0)
    }
    /// How often `r` occurs as a word on its own (bare or with the article).
    fn attest(&self, r: &str) -> u32 {
        self.c(r) + self.c(&format!("ال{r}"))
    }
}

const ART_PREFIXES: &[&str] = &["وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل"];
const PREFIXES: &[(&str, u32)] = &[
    ("وب", 20), ("وك", 20), ("ول", 20), ("فب", 20), ("فك", 20), ("فل", 20),
    ("و", 20), ("ف", 20), ("ب", 5), ("ك", 5), ("ل", 5),
];
const SUFFIXES: &[&str] = &["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا"];

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The clitic-free stem `w` stands for, or None when `w` looks like a
/// clitic + an attested word (that word gets its own entry).
fn judge(w: &str, n: &Counts, function: &HashSet<String>, trusted: bool) -> Option<String> {
    if function.contains(w) || chars(w) < 2 {
        return None;
    }
    if let Some(r) = w.strip_prefix("ال") {
        // الوزير → وزير; but الوان (colours) must not make وان (و + ان) a
        // stem: a form seen on its own is judged on its own evidence
        if chars(r) < 2 || (n.c(r) > 0 && judge(r, n, function, false).is_none()) {
            return None;
        }
        return Some(r.to_string());
    }
    for p in ART_PREFIXES {
        if let Some(r) = w.strip_prefix(p) {
            if chars(r) >= 2 {
                return None;
            }
        }
    }
    let cw = n.c(w);
    for (p, ratio) in PREFIXES {
        if let Some(r) = w.strip_prefix(p) {
            if chars(r) < if *p == "و" || *p == "ف" || function.contains(r) { 2 } else { 3 } {
                continue;
            }
            let a = n.attest(r);
            let clitic = a >= if trusted && cw == 0 { 5 } else { 1 } && cw < ratio * a;
            if clitic {
                return None;
            }
        }
    }
    let taa_marbuta = n.1.contains(w);
    for s in SUFFIXES.iter().copied().chain(std::iter::once("ه")).filter(|_| !taa_marbuta) {
        if let Some(r) = w.strip_suffix(s) {
            if chars(r) < 2 || (s == "ه" && !r.ends_with('ت')) {
                continue;
            }
            let mut a = n.attest(r);
            if let Some(t) = r.strip_suffix('ت') {
                a += n.attest(&format!("{t}ه"));
            }
            let clitic = a >= if trusted && cw == 0 { 5 } else { 1 } && cw < 5 * a;
            if clitic {
                return None;
            }
        }
    }
    Some(w.to_string())
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval/anercorp".into());
    let train = std::fs::read_to_string(format!("{dir}/train.conll")).expect("train.conll");
    let mut counts = HashMap::new();
    let mut marbuta = HashSet::new();
    for line in train.lines() {
        if let Some((tok, _)) = line.split_once('\t') {
            let w = normalize(tok.trim());
            if arabic_word(&w) {
                if tok.trim().ends_with('ة') {
                    marbuta.insert(w.clone());
                }
                *counts.entry(w).or_insert(0u32) += 1;
            }
        }
    }
    let n = Counts(counts, marbuta);
    let function: HashSet<String> = include_str!("../data/function_words.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| normalize(l.trim()))
        .collect();
    let hand: HashSet<String> = include_str!("../data/stems.hand.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| normalize(l.trim()))
        .collect();
    let mut out = BTreeSet::new();
    let (mut kept, mut dropped) = (0, 0);
    for (w, &c) in &n.0 {
        if c < MIN_COUNT {
            continue;
        }
        match judge(w, &n, &function, false) {
            Some(s) => {
                kept += 1;
                out.insert(s);
            }
            None => dropped += 1,
        }
    }
    let mut gaz = 0;
    for f in ["loc", "pers", "org"] {
        let text = std::fs::read_to_string(format!("{dir}/gazetteers/{f}.txt")).expect("gazetteer");
        for line in text.lines() {
            for tok in line.split_whitespace() {
                let w = normalize(tok);
                if arabic_word(&w) {
                    if let Some(s) = judge(&w, &n, &function, true) {
                        gaz += 1;
                        out.insert(s);
                    }
                }
            }
        }
    }
    // Arabic place names of the places crate's hand-written lists, when present
    let mut places = 0;
    let places_dir = std::env::args().nth(2).unwrap_or_else(|| "crates/places/data".into());
    const REGION: &[&str] = &[
        "IQ", "SY", "LB", "JO", "PS", "IL", "EG", "SA", "YE", "KW", "BH", "QA", "AE", "OM", "LY", "TN", "DZ", "MA", "SD",
        "TR", "IR", "AF", "SO", "MR",
    ];
    // (the whole GeoNames-derived gazetteer.tsv was tried: it brought no gain on
    // dev and odd "stems" such as حكومت, so only the hand-written lists are used)
    for f in ["cities.tsv", "countries.tsv", "regions.tsv", "features.tsv"] {
        let Ok(text) = std::fs::read_to_string(format!("{places_dir}/{f}")) else { continue };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if f == "gazetteer.tsv" && !cols.get(6).map_or(false, |cc| REGION.contains(cc)) {
                continue;
            }
            for tok in cols.iter().flat_map(|c| c.split(|ch: char| ch == '|' || ch.is_whitespace())) {
                let w = normalize(tok);
                if arabic_word(&w) && chars(&w) >= 3 {
                    if let Some(s) = judge(&w, &n, &function, true) {
                        places += 1;
                        out.insert(s);
                    }
                }
            }
        }
    }
    eprintln!("place-name words: {places}");
    out.retain(|s| !hand.contains(s) && !function.contains(s) && chars(s) >= 2);
    eprintln!("corpus types kept {kept}, dropped as clitic forms {dropped}; gazetteer words {gaz}; {} stems written", out.len());
    println!("# Generated by crates/text/examples/gen_stems.rs; do not edit (see crates/text/README.md).");
    for s in out {
        println!("{s}");
    }
}
