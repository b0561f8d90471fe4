//! Word-level tests the patterns share: the set of words that may start an
//! expression, Arabic words compared behind proclitics, the future-tense
//! markers of a sentence, small numbers, and آب (August) told from أب (father).

use crate::lexicon::*;
use marsad_text::clitics::{bare_proclitics, written_prefix, LAM_ARTICLE};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// Sets of words looked up several times per token: hashed with the text
/// layer's fast string hasher rather than SipHash.
pub(super) type WordSet<K> = HashSet<K, BuildHasherDefault<marsad_text::FastHasher>>;

/// Every word that can begin an expression.
pub(super) fn triggers() -> &'static WordSet<&'static str> {
    static T: OnceLock<WordSet<&'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let mut s: WordSet<&'static str> = WordSet::default();
        for (w, _, _) in MONTHS_AR {
            s.insert(w[0]);
        }
        for (w, _, _) in MONTHS_EN {
            s.insert(w);
        }
        for (w, _) in HIJRI_MONTHS {
            s.insert(w[0]);
        }
        for (w, _, _) in WEEKDAYS_AR {
            s.insert(w);
        }
        for (w, _) in WEEKDAYS_EN.iter().chain(ORD_AR).chain(NUM_EN) {
            s.insert(w);
        }
        for (w, _) in VAGUE_AR.iter().chain(POINT_MOD_AR).chain(POINT_MOD_EN) {
            s.insert(w);
        }
        for (w, _) in SEASONS_AR.iter().chain(SEASONS_EN) {
            s.insert(w);
        }
        for (w, _) in UNIT_DEF_AR {
            s.insert(w);
        }
        for w in DAYPART_AR {
            s.insert(w);
        }
        for w in [
            "يوم", "الساعه", "ال", "اول", "امس", "الامس", "البارحه", "اليوم", "غدا", "الغد", "بعد", "الليله", "هذا", "هذه", "منذ", "قبل", "عام",
            "العام", "سنه", "السنه", "عامي", "بين", "من", "شهر", "اليومين", "الايام", "الاسبوعين", "الاسابيع", "الشهرين",
            "الاشهر", "الشهور", "العامين", "السنتين", "الاعوام", "السنوات", "السنين", "الساعات", "الساعتين", "القرن", "النصف", "الربع", "q1", "q2", "q3", "q4", "first", "second", "third", "fourth", "the", "last", "next", "this", "between",
            "from", "early", "late", "mid", "end", "beginning", "start", "middle", "yesterday", "today", "tomorrow", "tonight",
        ] {
            s.insert(w);
        }
        // ل + ال is written لل: للأسبوع، وللعام
        let with_al: Vec<&'static str> = s.iter().copied().filter(|w| w.starts_with("ال")).collect();
        for w in with_al {
            for p in ["ل", "ول", "فل"] {
                s.insert(Box::leak(format!("{p}{}", &w[2..]).into_boxed_str()));
            }
        }
        s
    })
}

/// Does normalised token `norm` equal word `w` after removing Arabic
/// proclitics (text's [`written_prefix`])? Short words (≤ 3 letters) only
/// take و or ف; ل + ال is written لل.
pub(super) fn cl_eq(norm: &str, w: &str) -> bool {
    // every reading below ends with the last byte of `w`: most tokens are
    // told apart by it without comparing strings
    if let (Some(a), Some(b)) = (norm.as_bytes().last(), w.as_bytes().last()) {
        if a != b {
            return false;
        }
    }
    match written_prefix(norm, w) {
        None => false,
        Some(p) if p.is_empty() || LAM_ARTICLE.contains(&p) => true,
        Some(p) => p == "و" || p == "ف" || w.chars().count() > 3,
    }
}

/// Every token form `n` with `cl_eq(n, w)` for a word `w` of `FUTURE_AR`
/// (one lookup per token instead of a comparison per word).
pub(super) fn future_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(FUTURE_AR.iter().copied()))
}

/// Every token form `n` with `cl_eq(n, w)` for the first word `w` of an
/// Arabic month name (`MONTHS_AR`): a token not in it begins no month name
/// (issue 12: `month_ar` compared each token with every month).
pub(super) fn month_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(MONTHS_AR.iter().map(|(w, _, _)| w[0])))
}

/// [`month_ar_forms`] for the first words of the Hijri months.
pub(super) fn hijri_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(HIJRI_MONTHS.iter().map(|(w, _)| w[0])))
}

/// [`month_ar_forms`] for the Arabic ordinals (`ORD_AR`).
pub(super) fn ordinal_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(ORD_AR.iter().map(|(w, _)| *w)))
}

/// [`month_ar_forms`] for the Arabic weekdays (`WEEKDAYS_AR`).
pub(super) fn weekday_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(WEEKDAYS_AR.iter().map(|(w, _, _)| *w)))
}

/// [`month_ar_forms`] for the Arabic parts of the day (`DAYPART_AR`).
pub(super) fn daypart_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(DAYPART_AR.iter().copied()))
}

/// [`month_ar_forms`] for the Arabic modifiers of a point (`VAGUE_AR` and
/// `POINT_MOD_AR`).
pub(super) fn modifier_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(VAGUE_AR.iter().chain(POINT_MOD_AR).map(|(w, _)| *w)))
}

/// [`month_ar_forms`] for the Arabic seasons (`SEASONS_AR`).
pub(super) fn season_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(SEASONS_AR.iter().map(|(w, _)| *w)))
}

/// [`month_ar_forms`] for the units that begin an Arabic span
/// ([`super::relative::SPAN_UNITS_AR`]).
pub(super) fn span_unit_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(super::relative::SPAN_UNITS_AR.iter().map(|(w, _, _)| *w)))
}

/// [`month_ar_forms`] for the words that begin a relative day or unit
/// ([`super::relative::RELWORD_FIRSTS_AR`] and `UNIT_DEF_AR`).
pub(super) fn relword_first_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(relword_firsts_ar()))
}

/// The words of [`relword_first_ar_forms`].
pub(super) fn relword_firsts_ar() -> impl Iterator<Item = &'static str> {
    super::relative::RELWORD_FIRSTS_AR.iter().copied().chain(UNIT_DEF_AR.iter().map(|(w, _)| *w))
}

/// [`month_ar_forms`] for the counted nouns after a number (`COUNTED_AR`).
pub(super) fn counted_ar_forms() -> &'static WordSet<String> {
    static F: OnceLock<WordSet<String>> = OnceLock::new();
    F.get_or_init(|| cl_eq_forms(COUNTED_AR.iter().copied()))
}

/// Every form `n` with `cl_eq(n, w)` for a word `w` of `words`: the word,
/// the word behind a bare proclitic (only و and ف before a word of three
/// letters or fewer), and ل + the article written لل.
fn cl_eq_forms<'w>(words: impl Iterator<Item = &'w str>) -> WordSet<String> {
    let mut s = WordSet::default();
    for w in words {
        s.insert(w.to_string());
        let short = w.chars().count() <= 3;
        for p in bare_proclitics().filter(|p| !short || matches!(*p, "و" | "ف")) {
            s.insert(format!("{p}{w}"));
        }
        if let Some(wr) = w.strip_prefix("ال") {
            for p in LAM_ARTICLE {
                s.insert(format!("{p}{wr}"));
            }
        }
    }
    s
}

/// Like [`cl_eq`] but every proclitic is allowed (لعام، بعام، وسنة).
pub(super) fn cl_eq_any(norm: &str, w: &str) -> bool {
    if let (Some(a), Some(b)) = (norm.as_bytes().last(), w.as_bytes().last()) {
        if a != b {
            return false;
        }
    }
    matches!(written_prefix(norm, w), Some(p) if !LAM_ARTICLE.contains(&p))
}

/// English last / next / this before a unit, month, weekday or season:
/// -1, +1, 0.
pub(super) fn en_direction(w: &str) -> Option<i32> {
    match w {
        "last" => Some(-1),
        "next" => Some(1),
        "this" => Some(0),
        _ => None,
    }
}

pub(super) fn parse_small(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Is the surface آب (August) rather than أب/إب (father)?
pub(super) fn is_aab(surf: &str) -> bool {
    let letters: Vec<char> = surf.chars().filter(|c| !('\u{064B}'..='\u{065F}').contains(c) && *c != '\u{0640}').collect();
    let n = letters.len();
    n >= 2 && letters[n - 1] == 'ب' && (letters[n - 2] == 'آ' || (letters[n - 2] == 'ا' && n <= 3))
}

#[cfg(test)]
mod speed_tests {
    use super::*;

    /// The precomputed future forms accept exactly what `cl_eq` accepts.
    #[test]
    fn cl_eq_last_byte_shortcut_changes_nothing() {
        // cl_eq as it was before the last-byte check and text's helpers
        const PROCLITICS: &[&str] = &["", "و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك"];
        fn reference(norm: &str, w: &str) -> bool {
            if norm == w {
                return true;
            }
            if norm.len() > w.len() && norm.ends_with(w) {
                let p = &norm[..norm.len() - w.len()];
                if w.chars().count() <= 3 {
                    return p == "و" || p == "ف";
                }
                return PROCLITICS.contains(&p);
            }
            if let Some(wr) = w.strip_prefix("ال") {
                for p in ["لل", "ولل", "فلل"] {
                    if norm.len() == p.len() + wr.len() && norm.starts_with(p) && norm.ends_with(wr) {
                        return true;
                    }
                }
            }
            false
        }
        let words = ["ال", "عام", "العام", "الماضي", "امس", "يوم", "", "ا", "سنه", "الشهر", "اسبوع"];
        let mut forms: Vec<String> = vec![String::new(), "لل".into(), "ولل".into(), "فلل".into(), "قال".into()];
        for w in words {
            for p in ["", "و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "ولل", "فلل", "ال", "س", "وال"] {
                forms.push(format!("{p}{w}"));
                if let Some(wr) = w.strip_prefix("ال") {
                    forms.push(format!("{p}{wr}"));
                }
            }
        }
        for n in &forms {
            for w in words {
                assert_eq!(cl_eq(n, w), reference(n, w), "{n} / {w}");
            }
        }
    }

    #[test]
    fn month_forms_agree_with_cl_eq() {
        forms_agree_with_cl_eq(MONTHS_AR.iter().map(|(w, _, _)| w[0]).collect(), month_ar_forms());
        forms_agree_with_cl_eq(HIJRI_MONTHS.iter().map(|(w, _)| w[0]).collect(), hijri_forms());
        forms_agree_with_cl_eq(ORD_AR.iter().map(|(w, _)| *w).collect(), ordinal_ar_forms());
        forms_agree_with_cl_eq(WEEKDAYS_AR.iter().map(|(w, _, _)| *w).collect(), weekday_ar_forms());
        forms_agree_with_cl_eq(COUNTED_AR.to_vec(), counted_ar_forms());
        forms_agree_with_cl_eq(DAYPART_AR.to_vec(), daypart_ar_forms());
        forms_agree_with_cl_eq(relword_firsts_ar().collect(), relword_first_ar_forms());
        forms_agree_with_cl_eq(SEASONS_AR.iter().map(|(w, _)| *w).collect(), season_ar_forms());
        forms_agree_with_cl_eq(super::super::relative::SPAN_UNITS_AR.iter().map(|(w, _, _)| *w).collect(), span_unit_ar_forms());
        forms_agree_with_cl_eq(VAGUE_AR.iter().chain(POINT_MOD_AR).map(|(w, _)| *w).collect(), modifier_ar_forms());
    }

    /// `forms` holds exactly the words `cl_eq` accepts for some word of
    /// `firsts`, among those words behind every proclitic and cut short.
    fn forms_agree_with_cl_eq(firsts: Vec<&str>, forms: &WordSet<String>) {
        let mut words: Vec<String> = Vec::new();
        for w in &firsts {
            words.push(w.to_string());
            for p in ["و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "ولل", "فلل", "ال", "س", "وال", "وبال"] {
                words.push(format!("{p}{w}"));
                if let Some(wr) = w.strip_prefix("ال") {
                    words.push(format!("{p}{wr}"));
                }
            }
            words.push(w.chars().skip(1).collect());
            words.push(format!("{w}ه"));
        }
        words.extend(["قال", "الشهر", "اب", "واب", "باب", "لاب", "مارسه", "ابريل", ""].map(String::from));
        let mut accepted = 0;
        for n in &words {
            let slow = firsts.iter().any(|w| cl_eq(n, w));
            assert_eq!(forms.contains(n.as_str()), slow, "{n}");
            accepted += slow as usize;
        }
        assert!(accepted > firsts.len() * 3, "{accepted}");
    }

    #[test]
    fn future_forms_agree_with_cl_eq() {
        let mut words: Vec<String> = Vec::new();
        for w in FUTURE_AR {
            words.push(w.to_string());
            for p in ["و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "ولل", "فلل", "ال", "س", "وال"] {
                words.push(format!("{p}{w}"));
                if let Some(wr) = w.strip_prefix("ال") {
                    words.push(format!("{p}{wr}"));
                }
            }
            words.push(w.chars().skip(1).collect());
        }
        words.extend(["قال", "سوفيت", "بسوف", "وسوف", "للمقرر", "لمقرر", ""].map(String::from));
        let mut accepted = 0;
        for n in &words {
            let slow = FUTURE_AR.iter().any(|w| cl_eq(n, w));
            assert_eq!(future_ar_forms().contains(n.as_str()), slow, "{n}");
            accepted += slow as usize;
        }
        assert!(accepted > FUTURE_AR.len() * 3, "{accepted}");
    }
}
