//! Tokenisation with offsets. Splits on whitespace, at script changes, and
//! around punctuation; keeps diacritics and tatweel inside their word and
//! decimal/thousands separators inside numbers.

use crate::clitics;
use crate::normalize::normalize_char;
use marsad_core::{Token, TokenKind};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Space,
    Arabic,
    Latin,
    Digit,
    /// Diacritic/tatweel/joiner: belongs to the word before it.
    Mark,
    Punct,
    Other,
}

/// [`class_rest`] of every char below U+0800 (ASCII, Latin-1 and the
/// extended Latin, Greek, Cyrillic, Hebrew, the Arabic block with its
/// punctuation), built once from it.
fn two_byte_classes() -> &'static [Class; 0x800] {
    static T: std::sync::OnceLock<Box<[Class; 0x800]>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([Class::Other; 0x800]);
        for (u, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(u as u32) {
                *slot = class_rest(c);
            }
        }
        t
    })
}

/// A char's class: from `t` ([`two_byte_classes`]) for the one- and
/// two-byte chars, by [`class_rest`] above them. The tokenizer asks once or
/// twice per char of the text; a call per char to the whole match was
/// ≈ 7 % of the tokenizer, and its `is_alphabetic` table search ≈ 450
/// instructions for each Arabic comma or guillemet (test
/// `class_is_the_reference`, every char).
#[inline(always)]
fn class(c: char, t: &[Class; 0x800]) -> Class {
    let u = c as u32;
    if u < 0x800 {
        return t[u as usize];
    }
    class_rest(c)
}

/// [`class`] for chars outside ASCII and the common Arabic letters.
#[inline(never)]
fn class_rest(c: char) -> Class {
    let u = c as u32;
    if u < 0x80 {
        return match c {
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => Class::Space,
            '0'..='9' => Class::Digit,
            'a'..='z' | 'A'..='Z' => Class::Latin,
            c if c.is_ascii_punctuation() => Class::Punct,
            _ => Class::Other,
        };
    }
    if (0x0621..=0x063A).contains(&u) || (0x0641..=0x064A).contains(&u) {
        return Class::Arabic;
    }
    match c {
        c if c.is_whitespace() => Class::Space,
        '0'..='9' | '٠'..='٩' | '۰'..='۹' => Class::Digit,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => Class::Mark,
        '\u{200C}' | '\u{200D}' => Class::Mark,
        '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => Class::Arabic,
        c if c.is_alphabetic() => Class::Latin,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Class::Space,
        c if c.is_ascii_punctuation() => Class::Punct,
        '،' | '؛' | '؟' | '٪' | '٫' | '٬' | '۔' | '«' | '»' | '“' | '”' | '‘' | '’' | '…' | '–' | '—' | '‹' | '›' | '„' => Class::Punct,
        '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{303F}' => Class::Punct,
        _ => Class::Other,
    }
}

/// Tokenise `text`. Offsets are chars (and bytes) into `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    // a token per ~6 bytes is typical of both scripts; capped so a giant
    // input does not reserve gigabytes up front
    let mut out = Vec::with_capacity((text.len() / 6 + 1).min(1 << 18));
    let ct = two_byte_classes();
    let mut it = text.char_indices().peekable();
    let mut ci = 0usize; // char index of the current char
    while let Some((b, c)) = it.next() {
        let cl = class(c, ct);
        let start_c = ci;
        ci += 1;
        let mut end_b = b + c.len_utf8();
        let kind = match cl {
            Class::Space => continue,
            Class::Arabic | Class::Latin | Class::Mark => {
                let word_class = if cl == Class::Latin { Class::Latin } else { Class::Arabic };
                while let Some(&(nb, nc)) = it.peek() {
                    let ncl = class(nc, ct);
                    let joins = ncl == word_class
                        || ncl == Class::Mark
                        // apostrophes inside Latin words: Qa'ida, don't
                        || (word_class == Class::Latin && (nc == '\'' || nc == '’') && {
                            let mut look = text[nb + nc.len_utf8()..].chars();
                            look.next().map_or(false, |x| class(x, ct) == Class::Latin)
                        });
                    if !joins {
                        break;
                    }
                    it.next();
                    ci += 1;
                    end_b = nb + nc.len_utf8();
                }
                if word_class == Class::Latin { TokenKind::Latin } else { TokenKind::Arabic }
            }
            Class::Digit => {
                while let Some(&(nb, nc)) = it.peek() {
                    let ncl = class(nc, ct);
                    let sep = matches!(nc, '.' | ',' | '٫' | '٬') && {
                        let mut look = text[nb + nc.len_utf8()..].chars();
                        look.next().map_or(false, |x| class(x, ct) == Class::Digit)
                    };
                    if ncl != Class::Digit && !sep {
                        break;
                    }
                    it.next();
                    ci += 1;
                    end_b = nb + nc.len_utf8();
                }
                TokenKind::Number
            }
            Class::Punct => TokenKind::Punct,
            Class::Other => TokenKind::Other,
        };
        let surface = &text[b..end_b];
        let mut norm = String::with_capacity(surface.len());
        crate::normalize::push_normalized(surface, &mut norm);
        let (prefix, base, suffix) = if kind == TokenKind::Arabic {
            // the last char that normalisation keeps is ة (the same test as
            // trimming the removed chars off the end, without the trim)
            let marbuta = surface.chars().rev().find(|&c| normalize_char(c).is_some()) == Some('ة');
            let a = clitics::analyze_shared(&norm, marbuta);
            let mut base = String::new();
            a.base_into(&norm, &mut base);
            (a.prefix(&norm).to_string(), base, a.suffix(&norm).to_string())
        } else {
            // English possessive: Baghdad's → baghdad (the suffix is kept)
            let possessive = if kind == TokenKind::Latin { norm.strip_suffix("'s").or_else(|| norm.strip_suffix("’s")) } else { None };
            match possessive {
                Some(b) if !b.is_empty() => {
                    let suffix = norm[b.len()..].to_string();
                    (String::new(), b.to_string(), suffix)
                }
                _ => (String::new(), norm.clone(), String::new()),
            }
        };
        out.push(Token {
            start: start_c,
            end: ci,
            kind,
            norm,
            base,
            prefix,
            suffix,
            byte_start: b,
            byte_end: end_b,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(t: &str) -> Vec<String> {
        let chars: Vec<char> = t.chars().collect();
        tokenize(t).iter().map(|k| chars[k.start..k.end].iter().collect()).collect()
    }

    #[test]
    fn splits_arabic_punctuation_and_keeps_marks() {
        assert_eq!(surfaces("قُتِلَ ٣٠ شخصاً، في بغداد؟"), vec!["قُتِلَ", "٣٠", "شخصاً", "،", "في", "بغداد", "؟"]);
    }

    #[test]
    fn numbers_and_latin() {
        assert_eq!(surfaces("killed 1,200 in al-Qa'ida's 2017."), vec!["killed", "1,200", "in", "al", "-", "Qa'ida's", "2017", "."]);
        assert_eq!(surfaces("عام 2017م"), vec!["عام", "2017", "م"]);
    }

    #[test]
    fn english_possessive_base() {
        let t = tokenize("Baghdad's Sadr City");
        assert_eq!((t[0].norm.as_str(), t[0].base.as_str(), t[0].suffix.as_str()), ("baghdad's", "baghdad", "'s"));
        assert_eq!(t[1].base, "sadr");
    }

    #[test]
    fn offsets_slice_the_text() {
        let text = "قُتِلَ ٣٠ شخصاً، في «بغداد» يوم 12/3/2017 — Baghdad's 3.5%🙂ـ";
        let chars: Vec<char> = text.chars().collect();
        for t in tokenize(text) {
            assert_eq!(chars[t.start..t.end].iter().collect::<String>(), &text[t.byte_start..t.byte_end]);
        }
    }

    #[test]
    fn tokens_carry_keys() {
        let t = tokenize("وبغداد للحكومة");
        assert_eq!(t[0].norm, "وبغداد");
        assert_eq!(t[1].prefix, "لل");
        assert_eq!(t[1].base, "حكومه");
    }

    /// The tokenizer as it was before `class` answered ASCII and the common
    /// Arabic letters inline (and before the taa-marbuta test lost its
    /// trim), kept to check the fast form against.
    mod reference {
        use super::super::Class;
        use crate::clitics;
        use crate::normalize::normalize_char;
        use marsad_core::{Token, TokenKind};

    #[inline]
    pub fn old_class(c: char) -> Class {
        let u = c as u32;
        if u < 0x80 {
            return match c {
                ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => Class::Space,
                '0'..='9' => Class::Digit,
                'a'..='z' | 'A'..='Z' => Class::Latin,
                c if c.is_ascii_punctuation() => Class::Punct,
                _ => Class::Other,
            };
        }
        if (0x0621..=0x063A).contains(&u) || (0x0641..=0x064A).contains(&u) {
            return Class::Arabic;
        }
        match c {
            c if c.is_whitespace() => Class::Space,
            '0'..='9' | '٠'..='٩' | '۰'..='۹' => Class::Digit,
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => Class::Mark,
            '\u{200C}' | '\u{200D}' => Class::Mark,
            '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => Class::Arabic,
            c if c.is_alphabetic() => Class::Latin,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Class::Space,
            c if c.is_ascii_punctuation() => Class::Punct,
            '،' | '؛' | '؟' | '٪' | '٫' | '٬' | '۔' | '«' | '»' | '“' | '”' | '‘' | '’' | '…' | '–' | '—' | '‹' | '›' | '„' => Class::Punct,
            '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{303F}' => Class::Punct,
            _ => Class::Other,
        }
    }

    /// Tokenise `text`. Offsets are chars (and bytes) into `text`.
    pub fn old_tokenize(text: &str) -> Vec<Token> {
        // a token per ~6 bytes is typical of both scripts; capped so a giant
        // input does not reserve gigabytes up front
        let mut out = Vec::with_capacity((text.len() / 6 + 1).min(1 << 18));
        let mut it = text.char_indices().peekable();
        let mut ci = 0usize; // char index of the current char
        while let Some((b, c)) = it.next() {
            let cl = old_class(c);
            let start_c = ci;
            ci += 1;
            let mut end_b = b + c.len_utf8();
            let kind = match cl {
                Class::Space => continue,
                Class::Arabic | Class::Latin | Class::Mark => {
                    let word_class = if cl == Class::Latin { Class::Latin } else { Class::Arabic };
                    while let Some(&(nb, nc)) = it.peek() {
                        let ncl = old_class(nc);
                        let joins = ncl == word_class
                            || ncl == Class::Mark
                            // apostrophes inside Latin words: Qa'ida, don't
                            || (word_class == Class::Latin && (nc == '\'' || nc == '’') && {
                                let mut look = text[nb + nc.len_utf8()..].chars();
                                look.next().map_or(false, |x| old_class(x) == Class::Latin)
                            });
                        if !joins {
                            break;
                        }
                        it.next();
                        ci += 1;
                        end_b = nb + nc.len_utf8();
                    }
                    if word_class == Class::Latin { TokenKind::Latin } else { TokenKind::Arabic }
                }
                Class::Digit => {
                    while let Some(&(nb, nc)) = it.peek() {
                        let ncl = old_class(nc);
                        let sep = matches!(nc, '.' | ',' | '٫' | '٬') && {
                            let mut look = text[nb + nc.len_utf8()..].chars();
                            look.next().map_or(false, |x| old_class(x) == Class::Digit)
                        };
                        if ncl != Class::Digit && !sep {
                            break;
                        }
                        it.next();
                        ci += 1;
                        end_b = nb + nc.len_utf8();
                    }
                    TokenKind::Number
                }
                Class::Punct => TokenKind::Punct,
                Class::Other => TokenKind::Other,
            };
            let surface = &text[b..end_b];
            let mut norm = String::with_capacity(surface.len());
            crate::normalize::push_normalized(surface, &mut norm);
            let (prefix, base, suffix) = if kind == TokenKind::Arabic {
                let marbuta = surface.trim_end_matches(|c| normalize_char(c).is_none()).ends_with('ة');
                let a = clitics::analyze_shared(&norm, marbuta);
                let mut base = String::new();
                a.base_into(&norm, &mut base);
                (a.prefix(&norm).to_string(), base, a.suffix(&norm).to_string())
            } else {
                // English possessive: Baghdad's → baghdad (the suffix is kept)
                let possessive = if kind == TokenKind::Latin { norm.strip_suffix("'s").or_else(|| norm.strip_suffix("’s")) } else { None };
                match possessive {
                    Some(b) if !b.is_empty() => {
                        let suffix = norm[b.len()..].to_string();
                        (String::new(), b.to_string(), suffix)
                    }
                    _ => (String::new(), norm.clone(), String::new()),
                }
            };
            out.push(Token {
                start: start_c,
                end: ci,
                kind,
                norm,
                base,
                prefix,
                suffix,
                byte_start: b,
                byte_end: end_b,
            });
        }
        out
    }
    }

    #[test]
    fn class_is_the_reference() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(class(c, two_byte_classes()), reference::old_class(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn tokenize_is_the_reference() {
        let mut texts: Vec<String> = marsad_core::sample::shared_corpus_texts(300);
        let n = texts.len();
        for t in [
            "قُتِلَ ٣٠ شخصاً، في «بغداد» يوم 12/3/2017 — Baghdad's 3.5%🙂ـ",
            "al-Qa'ida's don’t x'y 'a a' 1,200.5 ١٢٫٥ ۱۲ وحكومتهم للحكومة كتبته",
            "ـــ ً a\u{301}\u{301} \u{200f}\u{202e}abc \u{200c}\u{200d} ةُ ةـ ه ة",
            "Правительство 伊拉克 ÀÉÎ ǅ ß ﻻ ﷲ پیروزی ک ی ە ۀ ٱلله",
            "",
        ] {
            texts.push(t.to_string());
        }
        for t in &texts {
            assert_eq!(tokenize(t), reference::old_tokenize(t), "{}", &t[..t.len().min(80)]);
        }
        eprintln!("{n} corpus texts");
    }
}
