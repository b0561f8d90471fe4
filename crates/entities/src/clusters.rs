//! Word clusters learned from unlabelled text, as tagger features: each
//! word's clitic-free base ([`key`], the same string as
//! `features::WordInfo::b`) has a path in a Brown hierarchy ([`crate::brown`]),
//! and the tagger uses prefixes of that path. Trained by
//! `marsad train clusters` ([`train`]) into `data/clusters.txt`, which is
//! embedded and read once ([`lookup`]).
//!
//! File format: `#` comment lines, then one word a line,
//! `word<TAB>path<TAB>count`, most frequent first.

use marsad_text::StrMap;
use std::sync::OnceLock;

static DATA: &str = include_str!("../data/clusters.txt");

/// The cluster key of a token: normalised, clitic-free base.
pub fn key(token: &str) -> String {
    marsad_text::clitics::base(&marsad_text::normalize(token))
}

/// Training options.
#[derive(Clone, Debug)]
pub struct Options {
    /// Number of classes (the window of the algorithm).
    pub classes: usize,
    /// Words seen fewer times are left out (they form the rare class).
    pub min_count: u32,
    /// At most this many words are clustered (the most frequent).
    pub max_words: usize,
    /// Only words seen at least this often are written: rarer words take
    /// part in the clustering, but their classes (from a handful of
    /// contexts) are too noisy to help the tagger.
    pub write_min: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { classes: 256, min_count: 3, max_words: 50_000, write_min: 10 }
    }
}

/// Cluster the keys of the given sentences (tokens as they appear); returns
/// the file's text. `log` receives progress lines.
pub fn train<S: AsRef<str>>(sents: &[Vec<S>], opt: &Options, header: &str, log: &mut dyn FnMut(&str)) -> String {
    // intern keys in order of first appearance, sentences separated
    let mut ids: StrMap<u32> = StrMap::default();
    let mut words: Vec<String> = Vec::new();
    let mut seq: Vec<u32> = Vec::with_capacity(sents.iter().map(|s| s.len() + 1).sum());
    for s in sents {
        for t in s {
            let k = key(t.as_ref());
            if k.is_empty() {
                continue;
            }
            let id = match ids.get(k.as_str()) {
                Some(&i) => i,
                None => {
                    let i = words.len() as u32;
                    ids.insert(k.clone(), i);
                    words.push(k);
                    i
                }
            };
            seq.push(id);
        }
        seq.push(u32::MAX);
    }
    let mut count = vec![0u32; words.len()];
    for &i in &seq {
        if i != u32::MAX {
            count[i as usize] += 1;
        }
    }
    // rank: most frequent first, ties by the word (deterministic)
    let mut order: Vec<u32> = (0..words.len() as u32).filter(|&i| count[i as usize] >= opt.min_count).collect();
    order.sort_by(|&a, &b| count[b as usize].cmp(&count[a as usize]).then_with(|| words[a as usize].cmp(&words[b as usize])));
    order.truncate(opt.max_words);
    let nw = order.len();
    let mut rank = vec![nw as u32; words.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let seq: Vec<u32> = seq.iter().map(|&i| if i == u32::MAX { i } else { rank[i as usize] }).collect();
    log(&format!("{} tokens, {} distinct keys, clustering the {} with count ≥ {} into {} classes", seq.iter().filter(|&&i| i != u32::MAX).count(), words.len(), nw, opt.min_count, opt.classes));
    let big = crate::brown::Bigrams::from_sequence(&seq, nw);
    let t0 = std::time::Instant::now();
    let cl = crate::brown::cluster(&big, opt.classes, &mut |n| {
        if n % 5000 == 0 {
            log(&format!("{n} words added ({:.0}s)", t0.elapsed().as_secs_f64()));
        }
    });
    let mut out = String::with_capacity(nw * 24);
    for l in header.lines() {
        out.push_str("# ");
        out.push_str(l);
        out.push('\n');
    }
    for (r, &i) in order.iter().enumerate() {
        if count[i as usize] < opt.write_min {
            continue;
        }
        out.push_str(&words[i as usize]);
        out.push('\t');
        out.push_str(&cl.paths[r]);
        out.push('\t');
        out.push_str(&count[i as usize].to_string());
        out.push('\n');
    }
    out
}

/// A path packed into a u64: a leading 1 bit, then up to 63 path bits.
/// 0 = no path.
pub fn pack(path: &str) -> u64 {
    let mut x = 1u64;
    for c in path.bytes().take(63) {
        x = (x << 1) | (c == b'1') as u64;
    }
    x
}

/// The first `len` bits of a packed path (the whole path when shorter), still packed.
#[inline]
pub fn prefix(p: u64, len: u32) -> u64 {
    if p == 0 {
        return 0;
    }
    let have = 63 - p.leading_zeros();
    if have <= len {
        p
    } else {
        p >> (have - len)
    }
}

/// The embedded table: key → packed path.
fn table() -> &'static StrMap<u64> {
    static T: OnceLock<StrMap<u64>> = OnceLock::new();
    // MARSAD_NER_CLUSTERS=FILE replaces the embedded file (experiments only:
    // a model must be used with the clusters it was trained with)
    T.get_or_init(|| match std::env::var("MARSAD_NER_CLUSTERS") {
        Ok(p) => parse(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("MARSAD_NER_CLUSTERS={p}: {e}"))),
        Err(_) => parse(DATA),
    })
}

/// Parse a clusters file (bad lines are skipped).
pub fn parse(text: &str) -> StrMap<u64> {
    let mut m: StrMap<u64> = StrMap::default();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.split('\t');
        let (Some(w), Some(p)) = (it.next(), it.next()) else { continue };
        if w.is_empty() || !p.bytes().all(|c| c == b'0' || c == b'1') {
            continue;
        }
        m.entry(w.to_string()).or_insert_with(|| pack(p));
    }
    m
}

/// Packed path of a cluster key (0 when the word is not in the table).
pub fn lookup(key: &str) -> u64 {
    table().get(key).copied().unwrap_or(0)
}

/// Words in the embedded table.
pub fn len() -> usize {
    table().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_and_prefixes() {
        let p = pack("0110");
        assert_eq!(p, 0b10110);
        assert_eq!(prefix(p, 2), 0b101);
        assert_eq!(prefix(p, 4), p);
        assert_eq!(prefix(p, 10), p);
        assert_eq!(prefix(0, 4), 0);
        // the root's empty path is not "no path"
        assert_eq!(pack(""), 1);
        assert_ne!(prefix(pack("0"), 1), prefix(pack("1"), 1));
    }

    #[test]
    fn training_is_deterministic_and_groups_like_words() {
        // two kinds of sentences: people who said, places where it happened
        let people = ["محمد", "احمد", "علي", "خالد", "سمير"];
        let places = ["تونس", "صفاقس", "سوسة", "بنزرت", "قابس"];
        let mut sents: Vec<Vec<String>> = Vec::new();
        for i in 0..300 {
            let p = people[i % 5];
            let l = places[(i / 5) % 5];
            sents.push(vec!["قال".into(), p.into(), "إن".into(), "الوضع".into(), "هادئ".into()]);
            sents.push(vec!["وقع".into(), "الحادث".into(), "في".into(), l.into(), "أمس".into()]);
        }
        let opt = Options { classes: 10, min_count: 2, max_words: 100, write_min: 2 };
        let a = train(&sents, &opt, "test", &mut |_| {});
        let b = train(&sents, &opt, "test", &mut |_| {});
        assert_eq!(a, b);
        let m = parse(&a);
        let path = |w: &str| m[key(w).as_str()];
        // the people form one class; the places share a subtree apart from them
        for p in people {
            assert_eq!(path(p), path("محمد"), "{a}");
        }
        for l in places {
            assert_eq!(prefix(path(l), 2), prefix(path("تونس"), 2), "{a}");
            assert_ne!(prefix(path(l), 2), prefix(path("محمد"), 2), "{a}");
        }
        assert!(a.starts_with("# test\n"));
    }

    #[test]
    fn the_embedded_table_has_common_words() {
        if len() == 0 {
            return; // a checkout without trained clusters
        }
        assert!(len() > 5_000);
        assert_ne!(lookup(&key("الحكومة")), 0);
        assert_eq!(lookup("no-such-word-xyz"), 0);
    }
}
