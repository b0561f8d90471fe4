//! Numbers in casualty phrases: digits (any script, already folded to ASCII
//! in `Token::norm`), Arabic and English number words, Arabic duals.

use marsad_core::{Token, TokenKind};

/// Strip a leading conjunction و and the article from an Arabic number word
/// (آلاف/ألف keep their alef, and so do the construct duals ألفا/ألفي).
fn bare(n: &str) -> &str {
    let n = n.strip_prefix('و').filter(|r| r.chars().count() >= 2).unwrap_or(n);
    if matches!(n, "الاف" | "الف" | "الفين" | "الفان" | "الفا" | "الفي" | "الوف") {
        return n;
    }
    n.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(n)
}

fn ar_unit(w: &str) -> Option<u32> {
    Some(match w {
        "واحد" | "واحده" | "احد" | "احدي" => 1,
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" | "اثني" | "اثنا" | "اثنتا" | "اثنتي" => 2,
        "ثلاث" | "ثلاثه" => 3,
        "اربع" | "اربعه" => 4,
        "خمس" | "خمسه" => 5,
        "ست" | "سته" => 6,
        "سبع" | "سبعه" => 7,
        "ثمان" | "ثماني" | "ثمانيه" => 8,
        "تسع" | "تسعه" => 9,
        _ => return None,
    })
}

fn ar_ten(w: &str) -> Option<u32> {
    Some(match w {
        "عشر" | "عشره" => 10,
        "عشرون" | "عشرين" => 20,
        "ثلاثون" | "ثلاثين" => 30,
        "اربعون" | "اربعين" => 40,
        "خمسون" | "خمسين" => 50,
        "ستون" | "ستين" => 60,
        "سبعون" | "سبعين" => 70,
        "ثمانون" | "ثمانين" => 80,
        "تسعون" | "تسعين" => 90,
        _ => return None,
    })
}

fn ar_hundred(w: &str) -> Option<u32> {
    Some(match w {
        "ميه" | "مايه" => 100,
        "ميتان" | "ميتين" | "مايتان" | "مايتين" | "ميتي" | "مايتي" => 200,
        "ثلاثميه" | "ثلاثمايه" => 300,
        "اربعميه" | "اربعمايه" => 400,
        "خمسميه" | "خمسمايه" => 500,
        "ستميه" | "ستمايه" => 600,
        "سبعميه" | "سبعمايه" => 700,
        "ثمانميه" | "ثمانمايه" | "ثمانيميه" => 800,
        "تسعميه" | "تسعمايه" => 900,
        _ => return None,
    })
}

fn en_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "a" | "an" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

/// Vague quantities: they say "many", not how many. They yield no figure.
pub fn is_vague(norm: &str) -> bool {
    matches!(
        bare(norm),
        "عشرات" | "ميات" | "الاف" | "الوف" | "عدد" | "عده" | "بضع" | "بضعه" | "العديد" | "عديد" | "كثير" | "العشرات" | "الميات"
    ) || matches!(norm, "dozens" | "scores" | "hundreds" | "thousands" | "several" | "many" | "some" | "numerous")
}

fn digits(t: &Token) -> Option<u32> {
    if t.kind != TokenKind::Number {
        return None;
    }
    let s: String = t.norm.chars().filter(|c| *c != ',' && *c != '٬').collect();
    if s.contains('.') || s.contains('٫') {
        return None;
    }
    let v: u32 = s.parse().ok()?;
    // years are not head counts
    if (1900..=2100).contains(&v) {
        return None;
    }
    Some(v)
}

/// A number starting at token `i`: (value, tokens used).
pub fn parse_at(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if let Some(v) = digits(t) {
        // "1 000"? keep it simple: one token; skip a following percent sign
        if let Some(n) = toks.get(i + 1) {
            if n.norm == "%" || n.norm == "٪" || n.norm == "بالميه" || n.norm == "بالمايه" || n.norm == "percent" {
                return None;
            }
        }
        // "3 الاف" / "3 thousand"
        if let Some(n) = toks.get(i + 1) {
            if matches!(bare(&n.norm), "الاف" | "الف") || n.norm == "thousand" {
                return Some((v.saturating_mul(1000), 2));
            }
        }
        return Some((v, 1));
    }
    if t.kind == TokenKind::Latin {
        let w = t.norm.as_str();
        let mut v = en_word(w)?;
        if w == "a" || w == "an" {
            // only "a dozen"/"a hundred"
            let n = toks.get(i + 1)?;
            let m = en_word(&n.norm)?;
            if m < 12 {
                return None;
            }
            return Some((m, 2));
        }
        let mut used = 1;
        if v >= 20 && v < 100 {
            if let Some(n) = toks.get(i + 1) {
                // "twenty-five" is three tokens: twenty - five
                if n.norm == "-" {
                    if let Some(u) = toks.get(i + 2).and_then(|x| en_word(&x.norm)).filter(|u| *u < 10) {
                        v += u;
                        used = 3;
                    }
                }
            }
        }
        if let Some(n) = toks.get(i + used) {
            if n.norm == "hundred" {
                v *= 100;
                used += 1;
            } else if n.norm == "thousand" {
                v *= 1000;
                used += 1;
            }
        }
        return Some((v, used));
    }
    if t.kind != TokenKind::Arabic {
        return None;
    }
    ar_number(toks, i)
}

/// Decimal places an Arabic number component fills, so that "خمسة وعشرون" (units +
/// tens) and "مئة وعشرين" (hundreds + tens) add up while "ثلاثة وأربعة" (two unit
/// counts) does not read as one number.
const UNITS: u8 = 1;
const TENS: u8 = 2;
const HUNDREDS: u8 = 4;
const THOUSANDS: u8 = 8;

fn places_of(v: u32) -> u8 {
    match v {
        0..=9 => UNITS,
        10 => TENS,
        11..=19 => UNITS | TENS,
        20..=99 => if v % 10 == 0 { TENS } else { UNITS | TENS },
        100..=999 => HUNDREDS,
        _ => THOUSANDS,
    }
}

/// One Arabic number word on its own: a unit (any gender, construct or not), a ten, a
/// hundred (مئة، مئتان/مئتي/مئتا، ثلاثمئة …) or a thousand (ألف، ألفان/ألفي).
fn ar_atom(w: &str) -> Option<u32> {
    if let Some(h) = ar_hundred(w) {
        return Some(h);
    }
    match w {
        "الف" => return Some(1000),
        "الفين" | "الفان" | "الفا" | "الفي" => return Some(2000),
        "ميتا" | "مايتا" => return Some(200),
        _ => {}
    }
    ar_ten(w).or_else(|| ar_unit(w))
}

/// A whole Arabic number from token i: teens (أحد عشر، اثنتا عشرة), units before tens
/// joined by و (خمسة وعشرون), multiplied hundreds and thousands (ثلاث مئة، ثلاثة آلاف،
/// عشرة آلاف) and the و-joined parts after them (مئة وعشرون، مئتان وخمسون، ألف ومئتا).
fn ar_number(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    let w = bare(&t.norm);
    // "ثلاثتهم"، "خمستهم": all N of them (the tokenizer gives base ثلاثه + suffix هم)
    if matches!(t.suffix.as_str(), "هم" | "هما" | "هن") {
        let b = bare(&t.base);
        if let Some(u) = ar_unit(b).or_else(|| ar_ten(b)).filter(|u| *u >= 2) {
            return Some((u, 1));
        }
    }
    let mut v = ar_atom(w)?;
    let mut used = 1;
    let unit_word = ar_unit(w).is_some();
    if unit_word {
        if let Some(n) = toks.get(i + 1) {
            let nb = bare(&n.norm);
            if matches!(n.norm.as_str(), "عشر" | "عشره") {
                v += 10;
                used = 2;
            } else if matches!(nb, "ميه" | "مايه") && !n.norm.starts_with('و') {
                v *= 100;
                used = 2;
            }
        }
        // "احد" alone is "someone/one of": only a count inside a compound
        if used == 1 && (w == "احد" || w == "احدي") {
            let next_ten = toks.get(i + 1).and_then(|n| n.norm.strip_prefix('و')).and_then(ar_ten).filter(|x| *x >= 20);
            next_ten?;
        }
    }
    let mut filled = places_of(v);
    loop {
        // thousands multiply what came before: "ثلاثة آلاف"، "عشرة آلاف"، "مئة ألف"
        if let Some(n) = toks.get(i + used) {
            if !n.norm.starts_with('و') && matches!(bare(&n.norm), "الاف" | "الف") && v < 1000 {
                v *= 1000;
                used += 1;
                filled = THOUSANDS;
                continue;
            }
        }
        // a و-joined part filling other decimal places: "وعشرون"، "وخمسون"، "ومئتا", also
        // with the و written apart ("خمسة و عشرين")
        let Some(n) = toks.get(i + used) else { break };
        let (rest, gap) = if n.norm == "و" {
            match toks.get(i + used + 1) {
                Some(m) => (m.norm.as_str(), 1),
                None => break,
            }
        } else {
            match n.norm.strip_prefix('و') {
                Some(r) => (r, 0),
                None => break,
            }
        };
        let Some(a) = ar_atom(bare(rest)) else { break };
        let mut part = a;
        let mut step = 1 + gap;
        if ar_unit(bare(rest)).is_some() {
            if let Some(m) = toks.get(i + used + 1 + gap) {
                if matches!(m.norm.as_str(), "عشر" | "عشره") {
                    part += 10;
                    step += 1;
                } else if matches!(bare(&m.norm), "ميه" | "مايه") && !m.norm.starts_with('و') {
                    part *= 100;
                    step += 1;
                }
            }
        }
        let pl = places_of(part);
        if pl & filled != 0 {
            break;
        }
        v += part;
        used += step;
        filled |= pl;
    }
    Some((v, used))
}

/// Human nouns whose plural is broken, so a final ين/ان on them marks a dual
/// (جنديين → 2); also used for "مقتل جندي" → 1.
const SINGULAR_HUMAN: &[&str] = &[
    "شخص", "جندي", "طفل", "طفله", "مزارع", "صياد", "رجل", "امراه", "ضابط", "عنصر", "شرطي", "شاب", "فتي", "فتاه", "شقيق", "حارس", "قايد", "مسوول", "طالب",
    "صحفي", "مدني", "مواطن", "مسلح", "متظاهر", "عامل", "سايق", "مقاتل", "ناشط", "معتقل", "راكب", "مهاجم", "انتحاري",
    // "قتل شخصان وأصيب ثالث"، "وأصيب آخر" (آخران → 2; آخرين/آخرون are vague)
    "اخر", "ثالث", "رابع", "خامس",
];
/// Of those, the ones whose sound plural (ين) is not a dual.
const SOUND_PLURAL: &[&str] =
    &["صحفي", "مدني", "مواطن", "مسلح", "متظاهر", "عامل", "سايق", "مقاتل", "ناشط", "معتقل", "راكب", "مهاجم", "انتحاري", "مسوول", "اخر"];

/// 2 for an Arabic dual of a human noun, 1 for a bare indefinite singular.
pub fn human_count(norm: &str) -> Option<u32> {
    let w = norm.strip_prefix('و').filter(|r| r.chars().count() >= 3).unwrap_or(norm);
    if w.starts_with("ال") {
        return None;
    }
    if SINGULAR_HUMAN.contains(&w) {
        return Some(1);
    }
    // accusative: ناشطا، جنديا
    if let Some(st) = w.strip_suffix('ا') {
        if SINGULAR_HUMAN.contains(&st) {
            return Some(1);
        }
    }
    for suf in ["ين", "ان", "تين", "تان"] {
        if let Some(st) = w.strip_suffix(suf) {
            let st2 = if suf.starts_with('ت') { format!("{st}ه") } else { st.to_string() };
            if SINGULAR_HUMAN.contains(&st2.as_str()) && !(suf == "ين" && SOUND_PLURAL.contains(&st2.as_str())) {
                return Some(2);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<u32> {
        let t = marsad_text::tokenize::tokenize(s);
        parse_at(&t, 0).map(|x| x.0)
    }

    #[test]
    fn numbers_in_all_scripts() {
        assert_eq!(num("30 شخصا"), Some(30));
        assert_eq!(num("٣٠ شخصا"), Some(30));
        assert_eq!(num("خمسة جنود"), Some(5));
        assert_eq!(num("ثلاثة عشر"), Some(13));
        assert_eq!(num("خمسة وعشرين"), Some(25));
        assert_eq!(num("خمسة و عشرين"), Some(25));
        assert_eq!(num("مئة وعشرون"), Some(120));
        assert_eq!(num("مئتان وخمسون"), Some(250));
        assert_eq!(num("مئتي"), Some(200));
        assert_eq!(num("ثلاثمئة وخمسة وعشرين"), Some(325));
        assert_eq!(num("اثنتا عشرة"), Some(12));
        assert_eq!(num("إحدى عشرة"), Some(11));
        assert_eq!(num("ثماني"), Some(8));
        assert_eq!(num("عشرة آلاف"), Some(10000));
        assert_eq!(num("ألف ومئتا"), Some(1200));
        // two counts side by side are not one number
        assert_eq!(num("ثلاثة وأربعة"), Some(3));
        assert_eq!(num("عشرين"), Some(20));
        assert_eq!(num("مئة"), Some(100));
        assert_eq!(num("ثلاثة آلاف"), Some(3000));
        assert_eq!(num("twelve people"), Some(12));
        assert_eq!(num("twenty - five"), Some(25));
        assert_eq!(num("2017"), None);
        assert_eq!(num("10 %"), None);
        assert_eq!(num("عشرات"), None);
        assert!(is_vague("عشرات"));
        assert!(is_vague("dozens"));
    }

    #[test]
    fn duals_and_singulars() {
        assert_eq!(human_count("جنديين"), Some(2));
        assert_eq!(human_count("شخصان"), Some(2));
        assert_eq!(human_count("طفلين"), Some(2));
        assert_eq!(human_count("جندي"), Some(1));
        assert_eq!(human_count("مدنيين"), None);
        assert_eq!(human_count("الجندي"), None);
    }
}
