//! Rule-based Arabic → Latin transliteration of names, for readers who do
//! not read Arabic. The scheme is a simplified, diacritic-free ALA-LC:
//!
//! - name parts listed in `data/names.tsv` take their conventional spelling
//!   (خالد → Khalid, عبد الله → Abdullah, أبو → Abu);
//! - the article ال is written `al-` (sun letters are not assimilated:
//!   الشمري → al-Shamri), capitalised only at the start of the name;
//! - consonants: ب b, ت t, ث th, ج j, ح h, خ kh, د d, ذ dh, ر r, ز z, س s,
//!   ش sh, ص s, ض d, ط t, ظ z, ع ' (dropped at the start and end of a word),
//!   غ gh, ف f, ق q, ك k, ل l, م m, ن n, ه h, ء ' (dropped), پ p, چ ch,
//!   (a word-initial ع is read as the vowel a: عون → Awn),
//!   ژ zh, گ g, ڤ v;
//! - long vowels: ا آ → a, و → u and ي → i between consonants or at the
//!   end, w / y when they start a word or are followed by a vowel letter;
//!   ى → a; ة → a (ية → iya); a shadda doubles its consonant;
//! - short vowels are not written in Arabic, so one is guessed only where
//!   the result would be unreadable: an `a` breaks a word-initial cluster
//!   (`u` after an initial م, as in the participle pattern mu-: مرادي →
//!   Muradi) and any run of three consonants.

use crate::kb::Kb;

fn cons(c: char) -> Option<&'static str> {
    Some(match c {
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'س' => "s",
        'ش' => "sh",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'ع' => "'",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ه' | 'ھ' => "h",
        'ء' | 'ئ' | 'ؤ' => "'",
        'پ' => "p",
        'چ' => "ch",
        'ژ' => "zh",
        'گ' => "g",
        'ڤ' => "v",
        _ => return None,
    })
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Seg {
    C(&'static str),
    V(&'static str),
}

fn is_vowel_letter(c: char) -> bool {
    matches!(c, 'ا' | 'أ' | 'إ' | 'آ' | 'ى' | 'و' | 'ي' | 'ة' | 'ٱ')
}

/// Transliterate one Arabic word (no article handling, no name table).
pub fn word(w: &str) -> String {
    // keep letters and shadda only
    let chars: Vec<char> = w
        .chars()
        .filter(|&c| c == '\u{0651}' || !(('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}' || c == 'ـ'))
        .collect();
    let n = chars.len();
    let mut segs: Vec<Seg> = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        let prev_is_vowel = matches!(segs.last(), Some(Seg::V(_))) || segs.is_empty();
        let next = chars.get(i + 1).copied();
        let next_is_vowel = next.map_or(false, |x| is_vowel_letter(x) && x != 'ة');
        match c {
            '\u{0651}' => {
                if let Some(Seg::C(s)) = segs.last().copied() {
                    segs.push(Seg::C(s));
                }
            }
            'ا' | 'آ' | 'ٱ' => segs.push(Seg::V("a")),
            'أ' => segs.push(Seg::V("a")),
            'إ' => segs.push(Seg::V("i")),
            'ى' => segs.push(Seg::V("a")),
            // a word-initial ayin carries a vowel: عون → Awn, العلا → al-Ala
            'ع' if i == 0 => segs.push(Seg::V("a")),
            'ة' => segs.push(Seg::V("a")),
            'و' => {
                if i == 0 || (prev_is_vowel && i > 0) || next_is_vowel && next != Some('ي') && next != Some('و') {
                    segs.push(Seg::C("w"));
                } else {
                    segs.push(Seg::V("u"));
                }
            }
            'ي' => {
                if next == Some('ة') {
                    segs.push(Seg::V("iy"));
                } else if i == 0 || (prev_is_vowel && i > 0) || next_is_vowel && next != Some('ي') && next != Some('و') {
                    segs.push(Seg::C("y"));
                } else {
                    segs.push(Seg::V("i"));
                }
            }
            c => {
                if let Some(s) = cons(c) {
                    segs.push(Seg::C(s));
                }
                // other characters (digits, foreign letters) are dropped
            }
        }
        i += 1;
    }
    // glottal/ayin at word edges are dropped
    while matches!(segs.first(), Some(Seg::C("'"))) {
        segs.remove(0);
    }
    while matches!(segs.last(), Some(Seg::C("'"))) {
        segs.pop();
    }
    // insert guessed short vowels
    let mut out = String::new();
    let mut run = 0usize; // consonants in a row
    for (k, s) in segs.iter().enumerate() {
        match s {
            Seg::V(v) => {
                out.push_str(v);
                run = 0;
            }
            Seg::C(c) => {
                let initial_cluster = k == 1 && run == 1;
                if initial_cluster || run >= 2 {
                    let first_m = k == 1 && matches!(segs[0], Seg::C("m"));
                    out.push_str(if first_m { "u" } else { "a" });
                    run = 0;
                }
                out.push_str(c);
                run += 1;
            }
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some('\'') => format!("'{}", capitalise(c.as_str())),
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Transliterate a name (one or more words) into readable Latin script.
/// Latin-script input is returned as it is.
pub fn name(kb: &Kb, text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '،' | ',' | '«' | '»' | '"' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if !w.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            parts.push(w.to_string());
            i += 1;
            continue;
        }
        let nw = marsad_text::normalize(w);
        // two-word name parts (عبد الله)
        if let Some(next) = words.get(i + 1) {
            let two = format!("{} {}", nw, marsad_text::normalize(next));
            if let Some(p) = kb.names.get(&two) {
                parts.push(p.latin.clone());
                i += 2;
                continue;
            }
        }
        if let Some(p) = kb.names.get(&nw) {
            parts.push(p.latin.clone());
            i += 1;
            continue;
        }
        // a construct state (جامعة القاهرة): final taa marbuta is read -at
        let construct = w.ends_with('ة') && words.get(i + 1).map_or(false, |n| marsad_text::normalize(n).starts_with("ال"));
        if construct && !nw.starts_with("ال") {
            parts.push(capitalise(&word(w)) + "t");
            i += 1;
            continue;
        }
        if let Some(rest) = nw.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
            let orig_rest: String = w.chars().skip(2).collect();
            let body = match kb.names.get(rest) {
                Some(p) => p.latin.clone(),
                None => capitalise(&word(&orig_rest)),
            };
            parts.push(format!("al-{body}"));
        } else {
            parts.push(capitalise(&word(w)));
        }
        i += 1;
    }
    let mut s = parts.join(" ");
    if s.starts_with("al-") {
        s.replace_range(0..1, "A");
    }
    s
}

/// [`name`] for the names of one document, each transliterated once.
///
/// Issue 12 (fifteenth pass): the actors stage transliterates every mention
/// of an unlisted person or group, so a name said five times in an article
/// was transliterated five times (≈ 6,000 instructions a call: a
/// normalised copy and a table look-up per word, a `String` per segment);
/// the answer depends only on the text and the knowledge base. The memo
/// lives for one document (`matcher::find_with`) and is dropped with it: a
/// per-thread memo kept across documents found a few more repeats but
/// raised peak RSS by ≈ 6 MB on `long.jsonl` (one thread, 167 → 174 MB),
/// far more than its few thousand short strings: probably its entries,
/// made among each document's short-lived allocations, kept the
/// allocator's pages alive. Test `remembered_names_are_the_computed_ones`.
#[derive(Default)]
pub struct Names(marsad_text::StrMap<String>);

impl Names {
    /// `name(kb, text)`, computed the first time `text` is asked for
    /// (one knowledge base per `Names`).
    pub fn name(&mut self, kb: &Kb, text: &str) -> String {
        if let Some(s) = self.0.get(text) {
            return s.clone();
        }
        let s = name(kb, text);
        self.0.insert(text.to_string(), s.clone());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The remembered transliteration is the computed one, asked once or
    /// again, for spans of one to four tokens of corpus articles (and of a
    /// few names when the corpus is absent), in the order the stage would
    /// meet them.
    #[test]
    fn remembered_names_are_the_computed_ones() {
        let kb = Kb::global();
        let mut texts = marsad_core::sample::shared_corpus_texts(40);
        texts.push("قال خالد المرادي إن عبد الله الشمري التقى هيوا شور في جامعة القاهرة".into());
        let mut asked = 0;
        for text in &texts {
            let mut names = Names::default();
            let toks = marsad_text::tokenize::tokenize(text);
            for a in 0..toks.len() {
                for len in 1..=4 {
                    let Some(last) = toks.get(a + len - 1) else { break };
                    let span = &text[toks[a].byte_start..last.byte_end];
                    let want = name(kb, span);
                    assert_eq!(names.name(kb, span), want, "{span}");
                    assert_eq!(names.name(kb, span), want, "{span}, asked again");
                    asked += 1;
                }
            }
        }
        assert!(asked > 50, "{asked}");
    }

    #[test]
    fn names_read_naturally() {
        let kb = Kb::global();
        assert_eq!(name(kb, "خالد المرادي"), "Khalid al-Muradi");
        assert_eq!(name(kb, "هيوا شور"), "Hiwa Shur");
        assert_eq!(name(kb, "عبد الله الشمري"), "Abdullah al-Shamri");
        assert_eq!(name(kb, "دراغاهي"), "Daraghahi");
        assert_eq!(name(kb, "Borzou Daragahi"), "Borzou Daragahi");
        assert!(name(kb, "جامعة القاهرة").ends_with("at al-Qahra"), "{}", name(kb, "جامعة القاهرة"));
    }

    #[test]
    fn letters_and_vowels() {
        assert_eq!(word("شور"), "shur");
        assert_eq!(word("علا"), "ala");
        assert_eq!(word("كركوك"), "karkuk");
        assert_eq!(word("سوريا"), "surya");
        assert_eq!(word("بغداد"), "baghdad");
        assert_eq!(word("الحديثة"), "alhaditha");
        assert_eq!(word(""), "");
    }
}
