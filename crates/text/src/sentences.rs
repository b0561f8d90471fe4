//! Sentence splitting over tokens. A sentence ends at . ! ? ؟ … ۔ (with any
//! closing quotes or brackets that follow) and at blank lines, except after
//! abbreviations and initials (Mr., U.S., د., م.).

use marsad_core::{Lang, Sentence, Token, TokenKind};

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jr", "sr", "vs", "etc", "no",
    "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "rep", "sen", "gov", "u.s", "u.n", "e.g", "i.e", "al", "mt",
    // Arabic: doctor, engineer, professor, PO box, page, Hijri/Gregorian marks
    "د", "م", "أ", "ا", "ص", "ج", "هـ", "ه", "ق",
];

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "…" | "۔")
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | ")" | "]" | "»" | "”" | "’" | "›" | "}")
}

/// Split into sentences. `tokens` must come from the same `text`.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0usize;
    let mut i = 0usize;
    let n = tokens.len();
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
            if surface == "." && i > first {
                let prev = &tokens[i - 1];
                let adjacent = prev.byte_end == t.byte_start;
                let p = prev.norm.as_str();
                let initial = prev.kind == TokenKind::Latin && p.chars().count() == 1 && text[prev.byte_start..prev.byte_end].chars().all(|c| c.is_uppercase());
                if adjacent && (initial || ABBREVIATIONS.contains(&p)) {
                    // an abbreviation unless the next token starts a new line
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
        }
        if !boundary && i + 1 < n {
            // a blank line (paragraph break) ends a sentence
            let gap = &text[t.byte_end..tokens[i + 1].byte_start];
            if gap.matches('\n').count() >= 2 {
                boundary = true;
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
    }

    #[test]
    fn abbreviations_and_paragraphs() {
        assert_eq!(sents("Mr. Smith met Dr. Jones in the U.S. yesterday. Then he left"), vec!["Mr. Smith met Dr. Jones in the U.S. yesterday.", "Then he left"]);
        assert_eq!(sents("عنوان بلا نقطة\n\nنص المقال."), vec!["عنوان بلا نقطة", "نص المقال."]);
        assert_eq!(sents("قال د. أحمد إن الوضع خطير."), vec!["قال د. أحمد إن الوضع خطير."]);
    }
}
