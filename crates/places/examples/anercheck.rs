//! Developer tool: run place matching over ANERcorp (CoNLL) and list matched
//! names by how often the gold marks them LOC, to find common words that are
//! also place names (candidates for data/stoplist.txt) and misses.
//!   cargo run --release -p marsad-places --example anercheck -- ../shared/eval/anercorp/train.conll
use marsad_core::Document;
use marsad_places::{find_places, Gazetteer};
use std::collections::HashMap;

fn main() {
    let path = std::env::args().nth(1).expect("conll path");
    let s = std::fs::read_to_string(path).unwrap();
    let g = Gazetteer::global();
    let mut stats: HashMap<String, (usize, usize, String)> = HashMap::new();
    let (mut gold_loc, mut found_loc, mut fp) = (0, 0, 0);
    for sent in s.split("\n\n") {
        let mut text = String::new();
        let mut spans = Vec::new();
        for line in sent.lines() {
            let mut it = line.split('\t');
            let (Some(w), Some(tag)) = (it.next(), it.next()) else { continue };
            if !text.is_empty() {
                text.push(' ');
            }
            let st = text.chars().count();
            text.push_str(w);
            spans.push((st, text.chars().count(), tag.to_string()));
        }
        gold_loc += spans.iter().filter(|x| x.2 == "B-LOC").count();
        let mut d = Document::new("a", text);
        marsad_text::annotate(&mut d);
        for p in find_places(g, &d) {
            let is_loc = spans.iter().any(|(a, b, t)| *a < p.end && p.start < *b && t.ends_with("LOC"));
            if is_loc { found_loc += 1 } else { fp += 1 }
            let e = stats.entry(p.text.clone()).or_insert((0, 0, p.name.clone().unwrap_or_default()));
            if is_loc { e.0 += 1 } else { e.1 += 1 }
        }
    }
    if std::env::args().any(|a| a == "--stoplist") {
        // common words: never (or rarely) a location in the gold, and not a
        // country or a big city
        let mut out: Vec<String> = Vec::new();
        for (k, (l, o, n)) in &stats {
            let e = g.lookup(k);
            let big = e.first().map_or(false, |e| e.feature == "country" || e.capital || e.population >= 500_000);
            if !big && *o >= 2 && (*l == 0 || *o >= 3 * *l + 2) {
                out.push(format!("{}\t# {n}", marsad_places::name_key(k)));
            }
        }
        out.sort();
        for l in out {
            println!("{l}");
        }
        return;
    }
    let mut v: Vec<_> = stats.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1 .1));
    println!("gold LOC {gold_loc}, place mentions on LOC {found_loc}, elsewhere {fp}");
    for (k, (l, o, n)) in v.iter().take(120) {
        if *o > 0 {
            println!("{o:4} O {l:4} LOC  {k}  → {n}");
        }
    }
}
