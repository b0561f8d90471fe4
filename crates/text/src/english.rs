//! English words that more than one stage reads the same way: the events
//! stage's place rules and the argument ranker's place features must agree
//! on them, so they are stated once here.

/// Words between a place name and its unit that say what kind of unit it
/// is ("the Kutupalong refugee camp", "the Khyber tribal district", "the
/// Torkham border crossing").
pub const UNIT_KINDS: &[&str] = &["refugee", "displacement", "displaced", "border", "tribal", "military", "coastal", "industrial", "residential", "desert"];

/// Arabic articles that open a transliterated name when a hyphen glues them
/// to it ("al-Waer", "el-Arish"): the name starts there though the article
/// is lower case.
pub const ARABIC_ARTICLES: &[&str] = &["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "en"];

/// A normalised word without its possessive ending, straight or curly
/// apostrophe ("nigeria's" → "nigeria").
pub fn without_possessive(w: &str) -> &str {
    w.trim_end_matches("'s").trim_end_matches("’s")
}

#[cfg(test)]
mod tests {
    #[test]
    fn possessive_endings_go_other_words_stay() {
        assert_eq!(super::without_possessive("nigeria's"), "nigeria");
        assert_eq!(super::without_possessive("nigeria’s"), "nigeria");
        assert_eq!(super::without_possessive("wells"), "wells");
        assert_eq!(super::without_possessive("garissa"), "garissa");
    }
}
