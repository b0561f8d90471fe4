//! Measures the clitic analysis on ANERcorp dev tokens (never used to build
//! the lexicon). Run from the repository root:
//!
//! ```text
//! cargo run --release -p marsad-text --example clitic_eval -- ../shared/eval/anercorp
//! ```
//!
//! * split precision: of dev tokens given a proclitic, the share whose base
//!   occurs as a word of its own (bare or with ال) in train+dev;
//! * split recall: of dev tokens that are a proclitic + a word attested on
//!   its own at least 3 times (and that are not themselves attested stems
//!   more often than that word), the share the analysis split;
//! * agreement: of dev tokens cX whose X occurs on its own, the share with
//!   base(cX) == base(X) — the property search needs (لبغداد ~ بغداد).
use marsad_core::TokenKind;
use marsad_text::tokenize::tokenize;
use std::collections::HashMap;

const PROCLITICS: &[&str] = &[
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل",
];

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval/anercorp".into());
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect("conll file");
    let words = |s: &str| -> Vec<String> { s.lines().filter_map(|l| l.split_once('\t').map(|(t, _)| t.trim().to_string())).collect() };
    let train = words(&read("train.conll"));
    let dev = words(&read("dev.conll"));
    let mut count: HashMap<String, u32> = HashMap::new();
    let mut base_of: HashMap<String, String> = HashMap::new();
    let mut dev_toks = Vec::new();
    for (i, w) in train.iter().chain(dev.iter()).enumerate() {
        for t in tokenize(w) {
            if t.kind != TokenKind::Arabic {
                continue;
            }
            *count.entry(t.norm.clone()).or_insert(0) += 1;
            base_of.entry(t.norm.clone()).or_insert_with(|| t.base.clone());
            if i >= train.len() {
                dev_toks.push(t);
            }
        }
    }
    let attest = |r: &str| count.get(r).copied().unwrap_or(0) + count.get(&format!("ال{r}")).copied().unwrap_or(0);
    let (mut split, mut split_ok) = (0, 0);
    let (mut should, mut did) = (0, 0);
    let (mut pairs, mut agree) = (0, 0);
    let mut misses: HashMap<String, u32> = HashMap::new();
    let mut disagreements: HashMap<String, u32> = HashMap::new();
    const PRONOUNS: &[&str] = &["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ي", "يه", "يها", "يهم", "ني"];
    for t in &dev_toks {
        let w = &t.norm;
        // closed-class words are never split by design (كما is not ك + ما),
        // and a preposition + pronoun (لها، بها) has no base to agree on
        if marsad_text::clitics::is_function_word(w) || PROCLITICS.iter().any(|p| w.strip_prefix(p).map_or(false, |r| PRONOUNS.contains(&r))) {
            continue;
        }
        if !t.prefix.is_empty() && t.prefix != "ال" {
            split += 1;
            if attest(&t.base) > 0 || t.base.ends_with('ه') && attest(&format!("{}ت", &t.base[..t.base.len() - 2])) > 0 {
                split_ok += 1;
            }
        }
        let own = count.get(w).copied().unwrap_or(0);
        // pair cX with the shortest proclitic whose X occurs on its own
        let pair = PROCLITICS.iter().rev().find(|p| {
            w.starts_with(*p) && w.chars().count() - p.chars().count() >= 2 && {
                let r = &w[p.len()..];
                base_of.contains_key(if p.ends_with("لل") { format!("ال{r}") } else { r.to_string() }.as_str())
            }
        });
        if let Some(p) = pair {
            let r = &w[p.len()..];
            let a = attest(r);
            if a >= 3 && own <= a && !p.ends_with("ال") && !p.ends_with("لل") {
                should += 1;
                if !t.prefix.is_empty() {
                    did += 1;
                } else {
                    *misses.entry(w.clone()).or_insert(0) += 1;
                }
            }
            let x = if p.ends_with("لل") { format!("ال{r}") } else { r.to_string() };
            if let Some(bx) = base_of.get(&x) {
                pairs += 1;
                if *bx == t.base {
                    agree += 1;
                } else {
                    *disagreements.entry(format!("{w}→{} vs {x}→{bx}", t.base)).or_insert(0) += 1;
                }
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("dev Arabic tokens: {}", dev_toks.len());
    println!("split precision: {split_ok}/{split} = {:.1}%", pct(split_ok, split));
    println!("split recall:    {did}/{should} = {:.1}%", pct(did, should));
    println!("agreement cX~X:  {agree}/{pairs} = {:.1}%", pct(agree, pairs));
    let mut m: Vec<_> = misses.into_iter().collect();
    m.sort_by(|a, b| b.1.cmp(&a.1));
    println!("top missed splits: {:?}", &m[..m.len().min(25)]);
    let mut d: Vec<_> = disagreements.into_iter().collect();
    d.sort_by(|a, b| b.1.cmp(&a.1));
    println!("top disagreements: {:?}", &d[..d.len().min(25)]);
}
