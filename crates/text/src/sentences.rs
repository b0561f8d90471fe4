//! Sentence splitting over tokens.
//!
//! A sentence ends at `. ! ? ؟ … ۔` (with any closing quotes or brackets and
//! further terminals that follow: `?!`, `.»`, `...)`), at a blank line, and
//! at a line break after a short line (a headline or dateline without
//! punctuation); a long line broken without punctuation reads as hard-wrapped
//! text and continues. It does not end:
//!
//! * after abbreviations and initials: Mr. Dr. Lt. Col. U.S. e.g. J. Smith,
//!   Arabic د. (doctor) م. (engineer / AD) أ. ص. هـ. and any single letter;
//!   `No.`/`p.`/`Art.` only before a number;
//! * before a lowercase Latin word (`"Is it over?" he asked`, `etc. and`);
//! * inside numbers, decimals and dates (3.5, 1,200, 12.3.2017, 12/3/2017),
//!   which the tokenizer keeps whole or joins with non-terminal `/`.

use marsad_core::{Lang, Sentence, Token, TokenKind};

/// Abbreviations (normalised, without the final dot) that never end a
/// sentence unless a line break follows.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "brig",
    "cmdr", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "govt", "est", "approx", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rep", "sen", "gov", "pres", "rev", "hon",
    "mt", "ft", "u.s", "u.n", "e.g", "i.e", "a.m", "p.m", "cf", "al", // Arabic: professor, doctor, engineer, Hijri…
    "د", "م", "ا", "ص", "ج", "ه", "ق", "ت", "ش", "مج", "ط", "ح", "س",
];

/// Abbreviations that only hold before a number (No. 5, p. 12).
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "p", "pp", "art", "vol", "fig", "ch", "sec", "para"];

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "…" | "۔" | "‼" | "⁇" | "⁈" | "⁉")
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | ")" | "]" | "»" | "”" | "’" | "›" | "}" | "﴾" | "﴿")
}

/// Lines shorter than this (in chars) that end without punctuation are
/// headlines or datelines, and end a sentence.
const SHORT_LINE: usize = 60;

/// Split into sentences. `tokens` must come from the same `text`.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut first = 0usize;
    let mut i = 0usize;
    let n = tokens.len();
    // char offset where the current line starts
    let mut line_start = 0usize;
    let wrapped = looks_hard_wrapped(text);
    let push = |out: &mut Vec<Sentence>, first: usize, end: usize| {
        if end > first {
            out.push(Sentence {
                start: tokens[first].start,
                end: tokens[end - 1].end,
                lang: Lang::Und,
                first_token: first,
                end_token: end,
            });
        }
    };
    while i < n {
        let t = &tokens[i];
        let surface = &text[t.byte_start..t.byte_end];
        let mut boundary = false;
        if t.kind == TokenKind::Punct && is_terminal(surface) {
            boundary = true;
            if surface == "." && i > first && abbreviation_before(text, tokens, i) {
                boundary = false;
            }
            // a dot inside a Latin word: example.com, node.js, v1.2b
            if surface == "." && i > first && i + 1 < n {
                let (p, nx) = (&tokens[i - 1], &tokens[i + 1]);
                let latinish = |k: TokenKind| matches!(k, TokenKind::Latin | TokenKind::Number);
                if p.byte_end == t.byte_start && nx.byte_start == t.byte_end && latinish(p.kind) && latinish(nx.kind) && (p.kind == TokenKind::Latin || nx.kind == TokenKind::Latin) {
                    boundary = false;
                }
            }
            // swallow runs of terminals and closing quotes: "!?", ...»
            while boundary && i + 1 < n {
                let nt = &tokens[i + 1];
                let ns = &text[nt.byte_start..nt.byte_end];
                if nt.kind == TokenKind::Punct && (is_terminal(ns) || is_closer(ns)) && nt.byte_start == tokens[i].byte_end {
                    i += 1;
                } else {
                    break;
                }
            }
            // "Is it over?" he asked. / etc. and so on: a lowercase word goes on
            if boundary && i + 1 < n {
                let nt = &tokens[i + 1];
                if nt.kind == TokenKind::Latin && text[nt.byte_start..].chars().next().map_or(false, |c| c.is_lowercase()) {
                    boundary = false;
                }
            }
        }
        if i + 1 < n {
            let gap = &text[tokens[i].byte_end..tokens[i + 1].byte_start];
            let newlines = gap.bytes().filter(|&b| b == b'\n').count();
            if newlines >= 2 {
                boundary = true;
            } else if newlines == 1 {
                let line_len = tokens[i].end - line_start;
                if !wrapped || line_len < SHORT_LINE || t.kind == TokenKind::Punct && matches!(surface, ":" | "." | "؛") {
                    boundary = true;
                }
            }
            if newlines > 0 {
                line_start = tokens[i + 1].start;
            }
        }
        if boundary {
            push(&mut out, first, i + 1);
            first = i + 1;
        }
        i += 1;
    }
    push(&mut out, first, n);
    out
}

/// Is the text hard-wrapped (long lines broken mid-sentence)? Then a single
/// line break only ends a sentence after a short line; otherwise (a
/// paragraph or a headline per line) every line break does.
fn looks_hard_wrapped(text: &str) -> bool {
    let (mut long, mut open) = (0usize, 0usize);
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.len() < 60 {
            continue;
        }
        long += 1;
        let last = line.chars().next_back().map(|c| c.to_string()).unwrap_or_default();
        if !is_terminal(&last) && !is_closer(&last) && !matches!(last.as_str(), ":" | "؛" | ";") {
            open += 1;
        }
    }
    long >= 3 && open * 2 > long
}

/// Is the "." at `tokens[i]` the end of an abbreviation or an initial?
fn abbreviation_before(text: &str, tokens: &[Token], i: usize) -> bool {
    let dot = &tokens[i];
    let prev = &tokens[i - 1];
    if prev.byte_end != dot.byte_start {
        return false;
    }
    // a line break right after the dot ends the sentence anyway
    if let Some(next) = tokens.get(i + 1) {
        if text[dot.byte_end..next.byte_start].contains('\n') {
            return false;
        }
    } else {
        return false;
    }
    let p = prev.norm.as_str();
    let one_letter = p.chars().count() == 1;
    match prev.kind {
        TokenKind::Latin => {
            // initials (J. Smith) and dotted acronyms (U.S., a.m.)
            if one_letter {
                return true;
            }
            if ABBREVIATIONS.contains(&p) {
                return true;
            }
            if NUMBER_ABBREVIATIONS.contains(&p) {
                return tokens.get(i + 1).map_or(false, |t| t.kind == TokenKind::Number);
            }
            false
        }
        // single Arabic letters: د. م. ص. and initials; but a year's era
        // mark (2017م. / 1438 هـ.) usually closes the sentence
        TokenKind::Arabic => {
            let after_number = i >= 2 && tokens[i - 2].kind == TokenKind::Number;
            (one_letter || ABBREVIATIONS.contains(&p)) && !after_number
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sents(t: &str) -> Vec<String> {
        let toks = tokenize(t);
        let chars: Vec<char> = t.chars().collect();
        split(t, &toks).iter().map(|s| chars[s.start..s.end].iter().collect()).collect()
    }

    #[test]
    fn arabic_terminals() {
        assert_eq!(sents("هل هزمت داعش؟ الآن هناك مجموعات. وقال إنه «انتهى.» ثم"), vec!["هل هزمت داعش؟", "الآن هناك مجموعات.", "وقال إنه «انتهى.»", "ثم"]);
        assert_eq!(sents("يا للهول!! ماذا حدث؟! لا أحد يعرف…"), vec!["يا للهول!!", "ماذا حدث؟!", "لا أحد يعرف…"]);
        // comma, semicolon and colon do not end a sentence
        assert_eq!(sents("قال: إن القوات، وهي كثيرة؛ تقدمت."), vec!["قال: إن القوات، وهي كثيرة؛ تقدمت."]);
    }

    #[test]
    fn abbreviations_and_paragraphs() {
        assert_eq!(sents("Mr. Smith met Dr. Jones in the U.S. yesterday. Then he left"), vec!["Mr. Smith met Dr. Jones in the U.S. yesterday.", "Then he left"]);
        assert_eq!(sents("عنوان بلا نقطة\n\nنص المقال."), vec!["عنوان بلا نقطة", "نص المقال."]);
        assert_eq!(sents("قال د. أحمد إن الوضع خطير."), vec!["قال د. أحمد إن الوضع خطير."]);
        assert_eq!(sents("Lt. Col. J. R. Smith spoke at 9 a.m. on Monday."), vec!["Lt. Col. J. R. Smith spoke at 9 a.m. on Monday."]);
        assert_eq!(sents("See No. 5 for details. He said no. Then left."), vec!["See No. 5 for details.", "He said no.", "Then left."]);
        assert_eq!(sents("وُلد عام 1950م. وقال أخوه إنه عاد."), vec!["وُلد عام 1950م.", "وقال أخوه إنه عاد."]);
        assert_eq!(sents("حاضر أ. د. محمد علي في الجامعة."), vec!["حاضر أ. د. محمد علي في الجامعة."]);
    }

    #[test]
    fn numbers_and_dates_do_not_split() {
        assert_eq!(sents("ارتفع المؤشر 3.5 بالمئة في 12/3/2017 و12.3.2017. ثم هبط."), vec!["ارتفع المؤشر 3.5 بالمئة في 12/3/2017 و12.3.2017.", "ثم هبط."]);
        assert_eq!(sents("Prices rose 3.5% to $1,200.50 on 12/3/2017. Then fell."), vec!["Prices rose 3.5% to $1,200.50 on 12/3/2017.", "Then fell."]);
    }

    #[test]
    fn dots_inside_latin_words() {
        assert_eq!(sents("See reuters.com for more. Then go."), vec!["See reuters.com for more.", "Then go."]);
        // a missing space after an Arabic full stop still ends the sentence
        assert_eq!(sents("قتل ثلاثة.وقال المصدر"), vec!["قتل ثلاثة.", "وقال المصدر"]);
    }

    #[test]
    fn quotes_and_lowercase_continuations() {
        assert_eq!(sents("\"Is it over?\" he asked. \"No.\" She left."), vec!["\"Is it over?\" he asked.", "\"No.\"", "She left."]);
        assert_eq!(sents("He said: \"We won.\" Then he left."), vec!["He said: \"We won.\"", "Then he left."]);
    }

    #[test]
    fn headlines_without_punctuation() {
        assert_eq!(
            sents("مقتل ثلاثة جنود في كمين قرب كركوك\nبغداد (رويترز) - قتل ثلاثة جنود عراقيين أمس."),
            vec!["مقتل ثلاثة جنود في كمين قرب كركوك", "بغداد (رويترز) - قتل ثلاثة جنود عراقيين أمس."]
        );
        // a long headline on its own line, in a paragraph-per-line text
        let t = "مقتل أربعة من الشرطة الاتحادية بكمين لبقايا داعش جنوب غربي كركوك مساء أمس\nكركوك – قُتل أربعة عناصر.";
        assert_eq!(sents(t).len(), 2);
        // hard-wrapped text: a long line continues on the next line
        let wrapped = "The ministry said on Tuesday that its forces had retaken the village of\n\
                       Tal Ali after a three-hour clash with gunmen who had attacked a checkpoint\n\
                       on the road to the city, and that two soldiers were lightly wounded in the\n\
                       fighting, which ended before dawn.\n\
                       Short final line";
        assert_eq!(sents(wrapped).len(), 2, "{:?}", sents(wrapped));
    }

    #[test]
    fn spans_cover_every_token_once() {
        let t = "عنوان\nنص. «قال» د. علي: نعم!\n\nEnglish text here. And more";
        let toks = tokenize(t);
        let s = split(t, &toks);
        assert_eq!(s[0].first_token, 0);
        assert_eq!(s.last().unwrap().end_token, toks.len());
        for w in s.windows(2) {
            assert_eq!(w[0].end_token, w[1].first_token);
        }
    }
}
