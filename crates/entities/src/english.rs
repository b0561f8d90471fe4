//! English entities from capitalisation, context and small lists written for
//! marsad (data/lex/en_*.txt).
//!
//! 1. Candidate spans are maximal runs of capitalised words, allowing `of`,
//!    `the`, `al`, `bin`, `abu` and hyphens inside (Ministry of Defence,
//!    Khaled al-Muradi). A leading "The" and a sentence-initial function word
//!    are dropped.
//! 2. Each span is typed by, in order: the organisation list and head words
//!    (…Ministry, …Party, Army of…); the place list and place heads (…River,
//!    …Province) or a preceding in/near/from; a title before it (President,
//!    Gen., Sheikh, correspondent), a known first name, or a following "said";
//!    otherwise two or more words default to PERS with low confidence.
//! 3. Demonyms and lone capitalised words without any cue are left out.

use crate::lexicon;
use marsad_core::{Document, EntityType, Token, TokenKind};

pub const EN_FILES: [(&str, &str); 6] = [
    ("first_names", include_str!("../data/lex/en_first_names.txt")),
    ("titles", include_str!("../data/lex/en_titles.txt")),
    ("org_heads", include_str!("../data/lex/en_org_heads.txt")),
    ("places", include_str!("../data/lex/en_places.txt")),
    ("orgs", include_str!("../data/lex/en_orgs.txt")),
    ("stop", include_str!("../data/lex/en_stop.txt")),
];

const DEMONYMS: &[&str] = &[
    "iraqi", "iraqis", "syrian", "syrians", "american", "americans", "kurdish", "kurd", "kurds", "turkish", "turkmen", "arab", "arabs", "arabic",
    "sunni", "sunnis", "shia", "shiite", "shiites", "shi'ite", "islamic", "muslim", "muslims", "christian", "christians", "jewish", "israeli",
    "israelis", "palestinian", "palestinians", "iranian", "iranians", "russian", "russians", "british", "french", "german", "european", "egyptian",
    "saudi", "lebanese", "jordanian", "yemeni", "libyan", "afghan", "pakistani", "chinese", "western", "english", "jihadist", "jihadi", "yazidi",
];
const LOC_HEADS: &[&str] = &[
    "river", "mountains", "mountain", "mount", "province", "governorate", "city", "valley", "sea", "lake", "desert", "district", "region", "island",
    "islands", "gulf", "bay", "strait", "plain", "county", "street", "square", "camp",
];
const LOC_PREPS: &[&str] = &["in", "near", "from", "into", "across", "outside", "around", "towards", "toward", "to", "across", "throughout"];
const CONNECTORS: &[&str] = &["of", "the", "al", "el", "bin", "ibn", "abu", "bint", "for", "and"];

fn in_list(name: &str, w: &str) -> bool {
    lexicon::lexicon_en(name).map_or(false, |s| s.contains(w))
}

fn is_cap(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => true,
        _ => false,
    }
}

/// Tag English words: (type, first word, end word, confidence).
pub fn tag_words<S: AsRef<str>>(words: &[S]) -> Vec<(EntityType, usize, usize, f32)> {
    let w: Vec<&str> = words.iter().map(|x| x.as_ref()).collect();
    let lw: Vec<String> = w.iter().map(|x| x.to_lowercase()).collect();
    let n = w.len();
    let mut out = Vec::new();
    let is_word = |i: usize| w[i].chars().any(|c| c.is_alphabetic());
    // sentence start: first alphabetic token, possibly after quotes
    let first_word = (0..n).find(|&i| is_word(i)).unwrap_or(0);
    let mut i = 0;
    while i < n {
        if !(is_word(i) && is_cap(w[i])) {
            i += 1;
            continue;
        }
        // extend the run
        let a = i;
        let mut b = i + 1;
        loop {
            if b < n && is_word(b) && is_cap(w[b]) {
                b += 1;
                continue;
            }
            // connector or hyphen followed by a capitalised word (al-Muradi, Army of the Men)
            let mut k = b;
            while k < n && (w[k] == "-" || w[k] == "'" || CONNECTORS.contains(&lw[k].as_str())) && k - b < 3 {
                k += 1;
            }
            if k > b && k < n && is_word(k) && is_cap(w[k]) {
                // do not join two names with "and" (Khaled al-Muradi and Hiwa Shor)
                if w[b..k].iter().any(|x| x.eq_ignore_ascii_case("and")) {
                    break;
                }
                b = k + 1;
                continue;
            }
            break;
        }
        let mut s = a;
        // drop leading function words (The, In, ...) when capitalised only by position or article
        while s < b && in_list("stop", &lw[s]) {
            s += 1;
        }
        // titles lead into the name but are not part of it
        let mut titled = false;
        while s < b && in_list("titles", &lw[s].trim_end_matches('.').to_string()) {
            titled = true;
            s += 1;
        }
        if s >= b {
            i = b;
            continue;
        }
        let span: Vec<&str> = lw[s..b].iter().map(|x| x.as_str()).collect();
        let phrase = span.join(" ");
        let head = *span.last().unwrap();
        let first = span[0];
        let prev = if s > 0 { lw[s - 1].as_str() } else { "" };
        let prev_title = s > 0 && (in_list("titles", prev.trim_end_matches('.')) || titled);
        let next = if b < n { lw[b].as_str() } else { "" };
        let kind;
        let conf;
        if in_list("orgs", &phrase) || in_list("orgs", &phrase.replace(" - ", "-")) {
            kind = Some(EntityType::ORG);
            conf = 0.9;
        } else if in_list("places", &phrase) {
            kind = Some(EntityType::LOC);
            conf = 0.9;
        } else if span.len() > 1 && span.iter().any(|x| in_list("org_heads", x)) {
            kind = Some(EntityType::ORG);
            conf = 0.75;
        } else if span.len() > 1 && (LOC_HEADS.contains(&head) || LOC_HEADS.contains(&first) && span.get(1) == Some(&"of")) {
            kind = Some(EntityType::LOC);
            conf = 0.75;
        } else if prev_title || in_list("first_names", first) || matches!(next, "said" | "says" | "told") && span.len() > 1 {
            kind = Some(EntityType::PERS);
            conf = if prev_title || in_list("first_names", first) { 0.8 } else { 0.6 };
        } else if span.len() == 1 && DEMONYMS.contains(&first) {
            kind = None;
            conf = 0.0;
        } else if LOC_PREPS.contains(&prev) && name_words(&span) <= 2 {
            kind = Some(EntityType::LOC);
            conf = 0.5;
        } else if span.len() >= 2 && span.iter().all(|x| !DEMONYMS.contains(x)) {
            kind = Some(EntityType::PERS);
            conf = 0.4;
        } else if span.len() == 1 && s != first_word && w[s].chars().filter(|c| c.is_uppercase()).count() >= 2 {
            // acronyms and CamelCase brands: ISIS, BuzzFeed
            kind = Some(EntityType::ORG);
            conf = 0.5;
        } else {
            kind = None;
            conf = 0.0;
        }
        if let Some(k) = kind {
            out.push((k, s, b, conf));
        }
        i = b;
    }
    out
}

/// The words of a name, hyphens and connectors left out: "Mayi-Moya", "Suq al-Shuyukh"
/// and "Al-Busayrah" are two words, as "Khan Younis" is (counted as tokens, a village after
/// "in" read as a person's name).
fn name_words(span: &[&str]) -> usize {
    span.iter().filter(|x| x.chars().any(char::is_alphabetic) && !CONNECTORS.contains(x)).count()
}

/// English entities of one sentence of a document (token indices relative to `toks`).
pub fn tag(doc: &Document, toks: &[Token]) -> Vec<(EntityType, usize, usize, f32)> {
    let words: Vec<&str> = toks.iter().map(|t| doc.text.get(t.byte_start..t.byte_end).unwrap_or("")).collect();
    let _ = TokenKind::Latin;
    tag_words(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(s: &str) -> Vec<(EntityType, String)> {
        let mut d = Document::new("t", s);
        marsad_core::Stage::annotate(&marsad_text::TextStage, &mut d);
        let toks = d.sentence_tokens(0).to_vec();
        tag(&d, &toks).into_iter().map(|(k, a, b, _)| (k, d.slice(toks[a].start, toks[b - 1].end).to_string())).collect()
    }

    #[test]
    fn people_places_groups() {
        let e = spans("BuzzFeed correspondent Borzou Daragahi said the group was formed by Khaled al-Muradi in Kirkuk.");
        assert!(e.contains(&(EntityType::PERS, "Borzou Daragahi".into())), "{e:?}");
        assert!(e.contains(&(EntityType::PERS, "Khaled al-Muradi".into())), "{e:?}");
        assert!(e.contains(&(EntityType::LOC, "Kirkuk".into())), "{e:?}");
        assert!(e.contains(&(EntityType::ORG, "BuzzFeed".into())), "{e:?}");
        let e = spans("The Iraqi Ministry of Defence said Islamic State fighters attacked near the Euphrates River.");
        assert!(e.iter().any(|(k, s)| *k == EntityType::ORG && s.contains("Ministry of Defence")), "{e:?}");
        assert!(e.contains(&(EntityType::ORG, "Islamic State".into())), "{e:?}");
        assert!(e.contains(&(EntityType::LOC, "Euphrates River".into())), "{e:?}");
    }

    #[test]
    fn hyphenated_names_after_in_are_places() {
        let e = spans("Gunmen attacked a checkpoint in Al-Busayrah and killed 18 civilians in Mayi-Moya, while graduates rallied in Suq al-Shuyukh.");
        for p in ["Al-Busayrah", "Mayi-Moya", "Suq al-Shuyukh"] {
            assert!(e.contains(&(EntityType::LOC, p.into())), "{p}: {e:?}");
        }
        // a person's name after "in" stays a person when a cue says so
        let e = spans("The talks were held in Geneva by envoy Khaled al-Muradi.");
        assert!(e.contains(&(EntityType::PERS, "Khaled al-Muradi".into())), "{e:?}");
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let e = spans("However, the fighting continued.");
        assert!(e.is_empty(), "{e:?}");
    }
}

/// BIO tags (PERS/LOC/ORG/MISC) of an English sentence, for CoNLL use.
pub fn bio_tags<S: AsRef<str>>(words: &[S]) -> Vec<&'static str> {
    let mut tags = vec!["O"; words.len()];
    for (k, a, b, _) in tag_words(words) {
        let (bt, it) = match k {
            EntityType::PERS => ("B-PERS", "I-PERS"),
            EntityType::LOC => ("B-LOC", "I-LOC"),
            EntityType::ORG => ("B-ORG", "I-ORG"),
            EntityType::MISC => ("B-MISC", "I-MISC"),
            _ => continue,
        };
        tags[a] = bt;
        for t in tags.iter_mut().take(b).skip(a + 1) {
            *t = it;
        }
    }
    tags
}

#[cfg(test)]
mod eval_tests {
    /// The English rules on sentences written for marsad (tests/data/en_gold.conll).
    #[test]
    fn english_gold_set_scores() {
        let gold = crate::conll::parse(include_str!("../tests/data/en_gold.conll"));
        let mut sc = crate::conll::Score::default();
        for s in &gold {
            sc.add(&s.tags, &super::bio_tags(&s.tokens));
        }
        eprintln!("{}", sc.report());
        assert!(sc.micro.f() >= 70.0, "{}", sc.report());
    }
}
