//! Language identification for Arabic and English, per sentence and per
//! document, from scripts and function words:
//!
//! * Arabic script → `ar`, unless the run reads as Persian/Urdu (letters
//!   پ چ ژ گ ی ک ے ں ٹ… or Persian function words such as است، را، این) → `und`;
//! * Latin script with English function words (the, of, and…) → `en`; Latin
//!   text whose function words are French, Spanish, German, Italian,
//!   Portuguese or Indonesian/Malay rather than English → `und`; a few Latin
//!   words with no function word (a name, an acronym) → `en`;
//! * other scripts (Cyrillic, Greek, CJK…), digits and punctuation alone → `und`.
//!
//! A mixed document takes the language holding most letters; its sentences
//! keep their own.

use marsad_core::{Lang, Token, TokenKind};

const EN_FUNCTION: &[&str] = &[
    "the", "of", "and", "in", "to", "is", "was", "that", "for", "on", "by", "with", "said", "from", "at", "as", "it",
    "were", "are", "has", "have", "had", "an", "be", "this", "which", "who", "after", "its", "their", "they", "he",
    "she", "not", "but", "been", "will", "would", "or", "than", "into", "against", "over", "killed", "people",
];

/// Function words of other Latin-script languages that are not English words.
const OTHER_LATIN_FUNCTION: &[&str] = &[
    // French
    "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "sur", "qui", "que", "pas", "au", "aux", "avec",
    "ont", "été", "sont", "il", "elle", "ce", "cette", "d'un", "d'une", "l'organisation", // Spanish / Portuguese / Italian
    "el", "los", "las", "y", "en", "por", "con", "una", "del", "es", "fue", "para", "se", "su", "lo", "como", "não",
    "em", "os", "uma", "di", "che", "della", "sono", "non", "gli", "nel", // German
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "auf", "sich", "dem", "wurde",
    // Indonesian / Malay
    "yang", "dan", "di", "dari", "ini", "itu", "dengan", "untuk", "tidak", "akan",
];

const AR_FUNCTION: &[&str] = &[
    "في", "من", "علي", "الي", "ان", "التي", "الذي", "عن", "مع", "هذا", "هذه", "كان", "قد", "لا", "ما", "بعد", "بين", "قال",
];

const FA_FUNCTION: &[&str] = &["است", "را", "این", "که", "می", "های", "برای", "شده", "آن", "خود", "بود", "کرد", "هست", "ایران"];

fn is_persian_letter(c: char) -> bool {
    matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک' | 'ے' | 'ں' | 'ٹ' | 'ڈ' | 'ڑ' | 'ۀ' | 'ە' | 'ھ')
}

/// Letter and function-word counts of a run of tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LangStats {
    pub arabic_chars: usize,
    pub latin_chars: usize,
    pub other_chars: usize,
    pub persian_letters: usize,
    pub ar_function: usize,
    pub fa_function: usize,
    pub en_function: usize,
    pub other_latin_function: usize,
    pub latin_words: usize,
}

impl LangStats {
    /// Count one token (its surface is only needed for Arabic-script words,
    /// to see letters that normalisation folds, such as Persian ی and ک).
    #[inline]
    pub fn add(&mut self, t: &Token, surface: Option<&str>) {
        let len = t.end - t.start;
        match t.kind {
            TokenKind::Arabic => {
                self.arabic_chars += len;
                let n = t.norm.as_str();
                if AR_FUNCTION.contains(&n) {
                    self.ar_function += 1;
                }
                if let Some(s) = surface {
                    let p = s.chars().filter(|c| is_persian_letter(*c)).count();
                    self.persian_letters += p;
                    if p > 0 || s.len() <= 8 {
                        if FA_FUNCTION.contains(&s) {
                            self.fa_function += 1;
                        }
                    }
                }
            }
            TokenKind::Latin => {
                // Cyrillic, Greek, CJK… are alphabetic and tokenised like Latin
                if t.norm.chars().next().map_or(false, |c| (c as u32) > 0x024F) {
                    self.other_chars += len;
                    return;
                }
                self.latin_chars += len;
                self.latin_words += 1;
                let n = t.norm.as_str();
                if n.len() <= 14 {
                    if EN_FUNCTION.contains(&n) {
                        self.en_function += 1;
                    } else if OTHER_LATIN_FUNCTION.contains(&n) {
                        self.other_latin_function += 1;
                    }
                }
            }
            TokenKind::Other => self.other_chars += len,
            _ => {}
        }
    }

    pub fn merge(&mut self, o: &LangStats) {
        self.arabic_chars += o.arabic_chars;
        self.latin_chars += o.latin_chars;
        self.other_chars += o.other_chars;
        self.persian_letters += o.persian_letters;
        self.ar_function += o.ar_function;
        self.fa_function += o.fa_function;
        self.en_function += o.en_function;
        self.other_latin_function += o.other_latin_function;
        self.latin_words += o.latin_words;
    }

    /// The language these counts point to.
    pub fn lang(&self) -> Lang {
        let (ar, la, other) = (self.arabic_chars, self.latin_chars, self.other_chars);
        if ar == 0 && la == 0 {
            return Lang::Und;
        }
        if other > ar + la {
            return Lang::Und;
        }
        if ar >= la {
            // Persian/Urdu: their own letters, or their function words
            let persian = self.persian_letters * 50 > ar.max(1) || self.fa_function > self.ar_function.max(1);
            return if persian { Lang::Und } else { Lang::Ar };
        }
        let (en, ot) = (self.en_function, self.other_latin_function);
        if en > 0 && en >= ot {
            Lang::En
        } else if ot == 0 && self.latin_words <= 6 {
            // a name or a headline fragment: English is the best guess
            Lang::En
        } else {
            Lang::Und
        }
    }
}

/// Language of a run of tokens (Persian letters are not seen without the
/// surface text; [`detect`] and the text stage see them).
pub fn detect_tokens(tokens: &[Token]) -> Lang {
    let mut s = LangStats::default();
    for t in tokens {
        s.add(t, None);
    }
    s.lang()
}

/// Counts for tokens of `text`.
pub fn stats(text: &str, tokens: &[Token]) -> LangStats {
    let mut s = LangStats::default();
    for t in tokens {
        let surface = if t.kind == TokenKind::Arabic { text.get(t.byte_start..t.byte_end) } else { None };
        s.add(t, surface);
    }
    s
}

/// Language of a text.
pub fn detect(text: &str) -> Lang {
    stats(text, &crate::tokenize::tokenize(text)).lang()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(detect("أعلنت الحكومة العراقية انتصارا على ISIS"), Lang::Ar);
        assert_eq!(detect("The Iraqi government declared victory over ISIS"), Lang::En);
        assert_eq!(detect("Le gouvernement irakien a déclaré la victoire contre l'organisation État islamique"), Lang::Und);
        assert_eq!(detect("2017 ..."), Lang::Und);
        assert_eq!(detect(""), Lang::Und);
    }

    #[test]
    fn other_latin_languages_are_undetermined() {
        assert_eq!(detect("El gobierno iraquí declaró la victoria sobre el Estado Islámico en diciembre"), Lang::Und);
        assert_eq!(detect("Die irakische Regierung hat den Sieg über den Islamischen Staat erklärt"), Lang::Und);
        assert_eq!(detect("Pemerintah Irak menyatakan kemenangan atas ISIS dan akan terus berjuang"), Lang::Und);
    }

    #[test]
    fn short_latin_is_english() {
        assert_eq!(detect("Reuters"), Lang::En);
        assert_eq!(detect("Donald Trump"), Lang::En);
    }

    #[test]
    fn persian_and_other_scripts() {
        assert_eq!(detect("دولت عراق پیروزی بر داعش را اعلام کرد"), Lang::Und);
        assert_eq!(detect("این یک خبر است که دیروز منتشر شد"), Lang::Und);
        assert_eq!(detect("Правительство Ирака объявило о победе"), Lang::Und);
        assert_eq!(detect("伊拉克政府宣布战胜伊斯兰国"), Lang::Und);
    }

    #[test]
    fn mixed_scripts_follow_the_majority() {
        assert_eq!(detect("قال المتحدث باسم التحالف الدولي إن الضربات مستمرة (Operation Inherent Resolve)"), Lang::Ar);
        assert_eq!(detect("The group, known in Arabic as الرايات البيضاء, claimed the attack on the convoy"), Lang::En);
    }
}
