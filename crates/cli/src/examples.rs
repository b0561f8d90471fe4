//! The bundled example articles (files in `examples/` at the repository
//! root, written for marsad and embedded in the binary).
//!
//! `text` is the raw file content: plain text for `.txt` entries, markup for
//! the `.html` entry and JSON Lines for the `.jsonl` entry. Use
//! [`Example::is_plain`] to pick only the plain-text articles (e.g. for a
//! text-layer benchmark), or feed `name` + `text` to the input readers
//! (`marsad_input::read_bytes`), which detect the format from the name.

/// One bundled example file.
pub struct Example {
    /// File name, e.g. `kirkuk-ambush.ar.txt`; the extension gives the format.
    pub name: &'static str,
    /// `ar`, `en`, or `mixed`.
    pub lang: &'static str,
    /// The raw file content.
    pub text: &'static str,
}

impl Example {
    /// True for plain-text articles (not HTML or JSON Lines).
    pub fn is_plain(&self) -> bool {
        self.name.ends_with(".txt")
    }
}

macro_rules! example {
    ($name:literal, $lang:literal) => {
        Example {
            name: $name,
            lang: $lang,
            text: include_str!(concat!("../../../examples/", $name)),
        }
    };
}

/// All bundled examples; the first is the default article of `marsad analyze`.
pub const EXAMPLES: &[Example] = &[
    example!("kirkuk-ambush.ar.txt", "ar"),
    example!("beirut-protest.ar.txt", "ar"),
    example!("anbar-arrests.ar.txt", "ar"),
    example!("baghdad-car-bomb.en.txt", "en"),
    example!("deir-ezzor-drone.ar.html", "ar"),
    example!("wire.jsonl", "mixed"),
];

/// The default article of `marsad analyze`.
pub fn default_example() -> &'static Example {
    &EXAMPLES[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_embedded_and_nonempty() {
        assert!(EXAMPLES.len() >= 4);
        for e in EXAMPLES {
            assert!(e.text.len() > 200, "{} looks empty", e.name);
        }
        assert!(EXAMPLES.iter().any(|e| e.lang == "en" && e.is_plain()));
        assert!(EXAMPLES.iter().filter(|e| e.lang == "ar" && e.is_plain()).count() >= 2);
        assert_eq!(default_example().lang, "ar");
    }
}
