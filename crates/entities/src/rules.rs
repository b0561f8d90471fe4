//! DATE and NUM entities from rules, for Arabic and English sentences.
//!
//! DATE: `[day] month [year]` with Gregorian (يناير…), Levantine/Iraqi
//! (كانون الثاني، نيسان…) and English month names; `عام/سنة 2017`, `in 2017`;
//! weekdays (`يوم الأحد`, `Sunday`); أمس/اليوم/غدا, yesterday/today/tomorrow.
//! NUM: digits (any script, with separators), number words (خمسة وعشرون,
//! ثلاثة آلاف, twenty-five), with a following scale (ألف، مليون، million…),
//! percent sign or words, and currency (دولار، يورو, dollars…).
//! Spans are whole tokens; the time stage normalises dates.

use marsad_core::{Document, EntityType, Token, TokenKind};

const AR_MONTHS: &[&str] = &[
    "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر", "شباط",
    "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "جانفي", "فيفري", "افريل", "جوان", "جويليه", "اوت",
];
/// Months written as two words: كانون الثاني, تشرين الأول.
const AR_MONTH_HEADS: &[&str] = &["كانون", "تشرين"];
const AR_WEEKDAYS: &[&str] = &["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"];
const AR_YEAR_WORDS: &[&str] = &["عام", "العام", "سنه", "السنه", "لعام", "عامي", "مطلع", "منتصف", "اواخر", "اوايل"];
const AR_RELATIVE: &[&str] = &["امس", "البارحه", "غدا", "اليوم"];
const AR_SCALES: &[&str] = &["الف", "الاف", "الفا", "الفين", "مليون", "ملايين", "مليونا", "مليار", "مليارات", "مليارا", "بليون", "ميه", "مايه", "ميات"];
const AR_NUMBER_WORDS: &[&str] = &[
    "واحد", "اثنان", "اثنين", "اثنتان", "اثنتين", "ثلاث", "ثلاثه", "اربع", "اربعه", "خمس", "خمسه", "ست", "سته", "سبع", "سبعه", "ثماني", "ثمانيه", "تسع",
    "تسعه", "عشر", "عشره", "عشرون", "عشرين", "ثلاثون", "ثلاثين", "اربعون", "اربعين", "خمسون", "خمسين", "ستون", "ستين", "سبعون", "سبعين", "ثمانون",
    "ثمانين", "تسعون", "تسعين", "ميه", "مايه", "ميتين", "مايتين", "ميتان", "ثلاثميه", "ثلاثمايه", "اربعميه", "اربعمايه", "خمسميه", "خمسمايه", "الف", "الفين",
    "مليون", "مليار", "عشرات", "ميات", "الاف", "الفا",
];
const AR_UNITS: &[&str] = &[
    "دولار", "دولارا", "دولارات", "يورو", "جنيه", "جنيها", "درهم", "دينار", "ريال", "ليره", "شيكل", "روبل", "كيلومتر", "كيلومترا", "كلم", "متر", "مترا",
    "طن", "برميل", "بالميه", "بالمايه", "%",
];
const EN_MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
const EN_WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const EN_RELATIVE: &[&str] = &["yesterday", "today", "tomorrow"];
const EN_NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds",
    "thousand", "thousands", "dozens", "dozen", "million", "millions", "billion", "billions",
];
const EN_SCALES: &[&str] = &["hundred", "thousand", "million", "billion", "trillion", "percent", "per"];
const EN_UNITS: &[&str] = &["dollars", "dollar", "euros", "euro", "pounds", "km", "kilometres", "kilometers", "miles", "tonnes", "tons", "barrels", "%"];

/// List bits: each word list above is one bit of [`bits`].
mod l {
    pub const AR_MONTHS: u32 = 1 << 0;
    pub const AR_MONTH_HEADS: u32 = 1 << 1;
    pub const AR_WEEKDAYS: u32 = 1 << 2;
    pub const AR_YEAR_WORDS: u32 = 1 << 3;
    pub const AR_RELATIVE: u32 = 1 << 4;
    pub const AR_SCALES: u32 = 1 << 5;
    pub const AR_NUMBER_WORDS: u32 = 1 << 6;
    pub const AR_UNITS: u32 = 1 << 7;
    pub const EN_MONTHS: u32 = 1 << 8;
    pub const EN_WEEKDAYS: u32 = 1 << 9;
    pub const EN_RELATIVE: u32 = 1 << 10;
    pub const EN_NUMBER_WORDS: u32 = 1 << 11;
    pub const EN_SCALES: u32 = 1 << 12;
    pub const EN_UNITS: u32 = 1 << 13;
    /// the single word يوم
    pub const YAWM: u32 = 1 << 14;
}

/// Word → bits of the lists it is in, built once (one hashed look-up
/// instead of a scan of every list).
fn table() -> &'static marsad_text::StrMap<u32> {
    static T: std::sync::OnceLock<marsad_text::StrMap<u32>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut m = marsad_text::StrMap::default();
        let lists: [(&[&str], u32); 15] = [
            (AR_MONTHS, l::AR_MONTHS),
            (AR_MONTH_HEADS, l::AR_MONTH_HEADS),
            (AR_WEEKDAYS, l::AR_WEEKDAYS),
            (AR_YEAR_WORDS, l::AR_YEAR_WORDS),
            (AR_RELATIVE, l::AR_RELATIVE),
            (AR_SCALES, l::AR_SCALES),
            (AR_NUMBER_WORDS, l::AR_NUMBER_WORDS),
            (AR_UNITS, l::AR_UNITS),
            (EN_MONTHS, l::EN_MONTHS),
            (EN_WEEKDAYS, l::EN_WEEKDAYS),
            (EN_RELATIVE, l::EN_RELATIVE),
            (EN_NUMBER_WORDS, l::EN_NUMBER_WORDS),
            (EN_SCALES, l::EN_SCALES),
            (EN_UNITS, l::EN_UNITS),
            (&["يوم"], l::YAWM),
        ];
        for (list, bit) in lists {
            for w in list {
                *m.entry(w.to_string()).or_insert(0) |= bit;
            }
        }
        m
    })
}

/// Bits of the lists `w` is in.
#[inline]
fn bits(w: &str) -> u32 {
    table().get(w).copied().unwrap_or(0)
}

/// Is `w` in one of the lists of `mask`?
#[inline]
fn has(mask: u32, w: &str) -> bool {
    bits(w) & mask != 0
}

/// Proclitics that [`form`] may remove, in the order they are tried.
const PREFIXES: [&str; 6] = ["و", "ف", "ب", "ل", "وب", "ول"];

/// List bits of a token's normalised form (index 0) and of what remains
/// after each of [`PREFIXES`] (0 where the word does not start with it):
/// computed once per token, then every [`form`] is a few bit tests.
type Forms = [u32; 7];

/// Slot of a word's last four bytes in [`tail_filter`] (the word has four
/// bytes or more).
#[inline]
fn tail_slot(w: &str) -> usize {
    let b = w.as_bytes();
    let x = u32::from_le_bytes([b[b.len() - 4], b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]]);
    (x.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// A bit set over [`tail_slot`] of every list word of four bytes or more,
/// built from [`table`] itself. A word of eight bytes or more whose slot is
/// not set is in no list, and neither is anything [`PREFIXES`] leave of it
/// (a prefix is at most four bytes, so the rest keeps the word's last four
/// bytes and has four or more; a list word with fewer bytes cannot equal
/// it): [`forms_of`] then skips its seven look-ups (test
/// `forms_of_is_the_reference`).
fn tail_filter() -> &'static [u64; 1024] {
    static F: std::sync::OnceLock<[u64; 1024]> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let mut f = [0u64; 1024];
        for k in table().keys().filter(|k| k.len() >= 4) {
            let s = tail_slot(k);
            f[s >> 6] |= 1 << (s & 63);
        }
        f
    })
}

fn forms_of(t: &Token) -> Forms {
    let n = t.norm.as_str();
    if n.len() >= 8 {
        let s = tail_slot(n);
        if tail_filter()[s >> 6] & (1 << (s & 63)) == 0 {
            return [0; 7];
        }
    }
    forms_of_all(n)
}

/// [`forms_of`] without the filter: every look-up.
fn forms_of_all(n: &str) -> Forms {
    let mut f = [0u32; 7];
    f[0] = bits(n);
    if n.starts_with(['و', 'ف', 'ب', 'ل']) {
        for (k, p) in PREFIXES.iter().enumerate() {
            if let Some(r) = marsad_text::clitics::strip_prefix(n, p) {
                f[k + 1] = bits(r);
            }
        }
    }
    f
}

/// Matching form of a token: normalised, with a leading و/ف/ب/ل conjunction
/// or preposition removed when what remains is a word of the lists `mask`;
/// with the list bits of that form.
fn form<'a>(t: &'a Token, f: &Forms, mask: u32) -> (&'a str, u32) {
    let n = t.norm.as_str();
    if f[0] & mask != 0 {
        return (n, f[0]);
    }
    for (k, p) in PREFIXES.iter().enumerate() {
        if f[k + 1] & mask != 0 {
            return (&n[p.len()..], f[k + 1]);
        }
    }
    (n, f[0])
}

fn is_year(t: &Token) -> bool {
    t.kind == TokenKind::Number && t.norm.len() == 4 && matches!(t.norm.parse::<u32>(), Ok(1900..=2100))
}

fn is_day(t: &Token) -> bool {
    t.kind == TokenKind::Number && matches!(t.norm.trim_end_matches(|c| c == '.' || c == ',').parse::<u32>(), Ok(1..=31))
}

fn is_number(t: &Token) -> bool {
    t.kind == TokenKind::Number
}

/// Month at `i`: returns its length in tokens (1, or 2 for كانون الثاني).
fn month_at(toks: &[Token], fs: &[Forms], i: usize) -> usize {
    let t = &toks[i];
    let (f, fb) = form(t, &fs[i], l::AR_MONTHS | l::EN_MONTHS | l::AR_MONTH_HEADS);
    if fb & l::AR_MONTH_HEADS != 0 {
        if let Some(n) = toks.get(i + 1) {
            if matches!(n.norm.as_str(), "الاول" | "الثاني" | "اول" | "ثاني") {
                return 2;
            }
        }
        return 0;
    }
    if fb & l::AR_MONTHS != 0 {
        // اب/مارس/مايو are also ordinary words or names: want a number beside
        let before = i > 0 && is_day(&toks[i - 1]);
        let after = toks.get(i + 1).map_or(false, |n| is_year(n) || is_day(n));
        let paren = toks.get(i + 1).map_or(false, |n| n.norm == "(" || n.norm == ")") || (i > 0 && toks[i - 1].norm == "(");
        if f.chars().count() <= 2 && !(before || after) {
            return 0;
        }
        if before || after || paren || f.chars().count() >= 4 {
            return 1;
        }
        return 0;
    }
    if fb & l::EN_MONTHS != 0 {
        let cap = t.norm.len() >= 3 && toks[i].kind == TokenKind::Latin;
        let before = i > 0 && is_day(&toks[i - 1]);
        let after = toks.get(i + 1).map_or(false, |n| is_year(n) || is_day(n));
        // "may" and "march" are common words: only with a number beside
        if matches!(f, "may" | "march") && !(before || after) {
            return 0;
        }
        if cap {
            return 1;
        }
    }
    0
}

/// DATE and NUM entities of one sentence: (type, first token, end token,
/// confidence), token indices relative to `toks`.
pub fn find(doc: &Document, toks: &[Token]) -> Vec<(EntityType, usize, usize, f32)> {
    let _ = doc;
    let mut out = Vec::new();
    let n = toks.len();
    let fs: Vec<Forms> = toks.iter().map(forms_of).collect();
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        // [day] month [year]
        let m = month_at(toks, &fs, i);
        if m > 0 {
            let mut a = i;
            if i > 0 && is_day(&toks[i - 1]) {
                a = i - 1;
            }
            let mut b = i + m;
            // "December 3, 2017"
            if b < n && is_day(&toks[b]) && a == i {
                b += 1;
                if b + 1 < n && toks[b].norm == "," && is_year(&toks[b + 1]) {
                    b += 2;
                }
            }
            // Levantine month with the Gregorian name in brackets: كانون الأول (ديسمبر)
            if b + 2 < n && toks[b].norm == "(" && month_at(toks, &fs, b + 1) > 0 && toks[b + 2].norm == ")" {
                b += 3;
            }
            if b < n && is_year(&toks[b]) {
                b += 1;
            }
            // drop a NUM we already emitted for the day
            if a < i {
                if let Some(last) = out.last() {
                    let last: &(EntityType, usize, usize, f32) = last;
                    if last.1 == a {
                        out.pop();
                    }
                }
            }
            out.push((EntityType::DATE, a, b, 0.9));
            i = b;
            continue;
        }
        let (f, fb) = form(t, &fs[i], l::AR_YEAR_WORDS | l::AR_WEEKDAYS | l::AR_RELATIVE);
        let low = t.norm.as_str();
        // عام 2017, in 2017, since 2003
        if (fb & l::AR_YEAR_WORDS != 0 || matches!(low, "in" | "since" | "until" | "by")) && i + 1 < n && is_year(&toks[i + 1]) {
            let a = if fb & l::AR_YEAR_WORDS != 0 { i } else { i + 1 };
            out.push((EntityType::DATE, a, i + 2, 0.9));
            i += 2;
            continue;
        }
        // يوم الأحد / الأحد الماضي / Sunday
        if fb & l::AR_WEEKDAYS != 0 || (t.kind == TokenKind::Latin && has(l::EN_WEEKDAYS, low)) {
            let a = if i > 0 && matches!(form(&toks[i - 1], &fs[i - 1], l::YAWM).0, "يوم") { i - 1 } else { i };
            let mut b = i + 1;
            if b < n && matches!(toks[b].norm.as_str(), "الماضي" | "المقبل" | "القادم") {
                b += 1;
            }
            // الجمعة is also "the Friday mosque/prayer": demand يوم or a modifier
            if f != "الجمعه" || a < i || b > i + 1 {
                out.push((EntityType::DATE, a, b, 0.8));
            }
            i = b;
            continue;
        }
        if fb & l::AR_RELATIVE != 0 || (t.kind == TokenKind::Latin && has(l::EN_RELATIVE, low)) {
            // اليوم is often "the day"/"today": only when not followed by a noun-like genitive
            if f != "اليوم" || toks.get(i + 1).map_or(true, |x| x.kind == TokenKind::Punct) {
                out.push((EntityType::DATE, i, i + 1, 0.7));
            }
            i += 1;
            continue;
        }
        // a bare year in brackets or after a preposition: في 2014
        if is_year(t) && i > 0 && matches!(toks[i - 1].norm.as_str(), "في" | "منذ" | "حتي" | "قبل" | "بعد" | "(") {
            out.push((EntityType::DATE, i, i + 1, 0.7));
            i += 1;
            continue;
        }
        // numbers
        let num_word = |k: usize| -> bool {
            let t = &toks[k];
            if t.kind == TokenKind::Arabic {
                form(t, &fs[k], l::AR_NUMBER_WORDS).1 & l::AR_NUMBER_WORDS != 0
            } else if t.kind == TokenKind::Latin {
                has(l::EN_NUMBER_WORDS, t.norm.as_str())
            } else {
                false
            }
        };
        if is_number(t) || num_word(i) {
            let mut b = i + 1;
            loop {
                if b >= n {
                    break;
                }
                let x = &toks[b];
                let (_, xb) = form(x, &fs[b], l::AR_SCALES | l::AR_UNITS | l::AR_NUMBER_WORDS);
                if is_number(x) && (x.norm.starts_with(',') || x.norm.starts_with('.')) {
                    b += 1;
                } else if xb & (l::AR_SCALES | l::AR_UNITS) != 0 || num_word(b) {
                    b += 1;
                } else if x.kind == TokenKind::Latin && (has(l::EN_SCALES, x.norm.as_str()) || has(l::EN_UNITS, x.norm.as_str())) {
                    b += 1;
                    if x.norm == "per" && b < n && toks[b].norm == "cent" {
                        b += 1;
                    }
                } else if x.norm == "%" || x.norm == "٪" {
                    b += 1;
                } else if matches!(x.norm.as_str(), "في") && toks.get(b + 1).map_or(false, |y| matches!(y.norm.as_str(), "الميه" | "المايه")) {
                    b += 2;
                } else {
                    break;
                }
            }
            // a lone "one/واحد" is rarely worth a NUM
            if !(b == i + 1 && !is_number(t) && matches!(form(t, &fs[i], l::AR_NUMBER_WORDS).0, "واحد" | "one")) {
                out.push((EntityType::NUM, i, b, 0.9));
            }
            i = b;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_core::Stage;

    fn ents(text: &str) -> Vec<(EntityType, String)> {
        let mut d = Document::new("t", text);
        marsad_text::TextStage.annotate(&mut d);
        let mut out = Vec::new();
        for si in 0..d.sentences.len() {
            let toks = d.sentence_tokens(si);
            for (ty, a, b, _) in find(&d, toks) {
                out.push((ty, d.slice(toks[a].start, toks[b - 1].end).to_string()));
            }
        }
        out
    }

    /// The filtered [`forms_of`] gives every look-up's bits on real text
    /// (the first 300 corpus articles) and on every list word behind every
    /// prefix.
    #[test]
    fn forms_of_is_the_reference() {
        let mut text = String::from("وصل في 3 ديسمبر 2017 إلى بغداد يوم الأحد وثلاثة آلاف دولار");
        for t in marsad_core::sample::shared_corpus_texts(300) {
            text.push(' ');
            text.push_str(&t);
        }
        let mut d = Document::new("t", &text);
        marsad_text::TextStage.annotate(&mut d);
        let (mut n, mut hits) = (0, 0);
        for t in &d.tokens {
            assert_eq!(forms_of(t), forms_of_all(&t.norm), "{}", t.norm);
            hits += (forms_of(t) != [0; 7]) as usize;
            n += 1;
        }
        assert!(n > 10 && hits > 0, "{n} tokens, {hits} in the lists");
        for k in table().keys() {
            for p in std::iter::once("").chain(PREFIXES) {
                let w = format!("{p}{k}");
                let mut t = d.tokens[0].clone();
                t.norm = w.clone();
                assert_eq!(forms_of(&t), forms_of_all(&w), "{w}");
                assert!(forms_of(&t) != [0; 7], "{w}");
            }
        }
    }

    #[test]
    fn arabic_dates() {
        let e = ents("وصل في 3 ديسمبر 2017 إلى بغداد");
        assert!(e.contains(&(EntityType::DATE, "3 ديسمبر 2017".into())), "{e:?}");
        let e = ents("تشكلت الجماعة في أواخر عام 2017 من قبل قادة");
        assert!(e.contains(&(EntityType::DATE, "أواخر عام 2017".into())) || e.contains(&(EntityType::DATE, "عام 2017".into())), "{e:?}");
        let e = ents("انتصارا في كانون الأول (ديسمبر) الماضي");
        assert!(e.iter().any(|(t, s)| *t == EntityType::DATE && s.starts_with("كانون الأول")), "{e:?}");
        let e = ents("قال يوم الأحد إن");
        assert!(e.contains(&(EntityType::DATE, "يوم الأحد".into())), "{e:?}");
    }

    #[test]
    fn numbers_and_amounts() {
        let e = ents("قتل ٢٥ شخصا وأصيب خمسة وعشرون آخرون بتكلفة 3 ملايين دولار");
        assert!(e.contains(&(EntityType::NUM, "٢٥".into())), "{e:?}");
        assert!(e.contains(&(EntityType::NUM, "خمسة وعشرون".into())), "{e:?}");
        assert!(e.contains(&(EntityType::NUM, "3 ملايين دولار".into())), "{e:?}");
    }

    #[test]
    fn english_dates_and_numbers() {
        let e = ents("On December 3, 2017 at least 12 people and 2 million dollars were lost on Sunday.");
        assert!(e.contains(&(EntityType::DATE, "December 3, 2017".into())), "{e:?}");
        assert!(e.contains(&(EntityType::NUM, "12".into())), "{e:?}");
        assert!(e.contains(&(EntityType::NUM, "2 million dollars".into())), "{e:?}");
        assert!(e.contains(&(EntityType::DATE, "Sunday".into())), "{e:?}");
    }

    #[test]
    fn no_false_month_on_common_words() {
        let e = ents("You may go there.");
        assert!(e.is_empty(), "{e:?}");
    }
}
