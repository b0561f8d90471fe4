//! Language identification by script, refined by function words: Arabic
//! script → ar; Latin script with English function words → en; else und.

use marsad_core::{Lang, Token, TokenKind};

const EN_FUNCTION: &[&str] = &[
    "the", "of", "and", "in", "to", "is", "was", "that", "for", "on", "by", "with", "said", "from", "at", "as", "it",
    "were", "are", "has", "have", "had", "an", "be", "this", "which", "who", "after",
];

/// Language of a run of tokens.
pub fn detect_tokens(tokens: &[Token]) -> Lang {
    let (mut ar, mut la, mut en) = (0usize, 0usize, 0usize);
    for t in tokens {
        match t.kind {
            TokenKind::Arabic => ar += t.end - t.start,
            TokenKind::Latin => {
                la += t.end - t.start;
                if EN_FUNCTION.contains(&t.norm.as_str()) {
                    en += 1;
                }
            }
            _ => {}
        }
    }
    if ar == 0 && la == 0 {
        Lang::Und
    } else if ar >= la {
        Lang::Ar
    } else if en > 0 || la < 40 {
        Lang::En
    } else {
        Lang::Und
    }
}

/// Language of a text.
pub fn detect(text: &str) -> Lang {
    detect_tokens(&crate::tokenize::tokenize(text))
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
    }
}
