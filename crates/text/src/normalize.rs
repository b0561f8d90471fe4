//! Character folding for matching. Folding never changes what the user sees:
//! it produces a key plus, when asked, a map from each key character back to
//! the original character offset.
//!
//! Folds: Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alef,
//! Quranic marks) and tatweel are removed; أ إ آ ٱ → ا; ى → ي; ة → ه;
//! ؤ → و; ئ → ي; Persian/Urdu letters ک ی ە → ك ي ه; Arabic-Indic and
//! Persian digits → ASCII; Latin is lowercased.

/// What one character becomes: nothing (removed) or one character.
#[inline]
pub fn normalize_char(c: char) -> Option<char> {
    // fast paths: ASCII, and the Arabic letters (most of them map to themselves)
    let u = c as u32;
    if u < 0x80 {
        return Some(c.to_ascii_lowercase());
    }
    if (0x0621..=0x063A).contains(&u) || (0x0641..=0x064A).contains(&u) {
        return Some(match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ى' | 'ئ' => 'ي',
            'ؤ' => 'و',
            'ة' => 'ه',
            _ => c,
        });
    }
    match c {
        // diacritics, Quranic annotation signs, tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => None,
        // zero-width and bidi controls
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Some('ا'),
        'ى' | 'ی' | 'ې' => Some('ي'),
        'ئ' => Some('ي'),
        'ؤ' => Some('و'),
        'ة' | 'ە' | 'ۀ' => Some('ه'),
        'ک' | 'ڪ' => Some('ك'),
        'گ' => Some('ك'),
        '٠'..='٩' => Some(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Some(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        c if c.is_ascii() => Some(c),
        c if c.is_uppercase() => c.to_lowercase().next(),
        c => Some(c),
    }
}

/// Normalise a string for matching.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_normalized(s, &mut out);
    out
}

/// Normalise into `out` (cleared first); avoids an allocation per token.
pub fn normalize_into(s: &str, out: &mut String) {
    out.clear();
    push_normalized(s, out);
}

/// What [`normalize_char`] makes of each char of the two-byte UTF-8 range
/// U+0080..=U+07FF (Latin-1, Latin Extended, Greek, Cyrillic, Hebrew, the
/// Arabic block…), as UTF-8 bytes: `[len, b0, b1, b2]`, `len` 0 when the
/// char is removed (a few capitals lower-case to three bytes: Ⱥ → ⱥ).
/// Built once from `normalize_char` itself.
fn two_byte_table() -> &'static [[u8; 4]; 0x780] {
    static T: std::sync::OnceLock<Box<[[u8; 4]; 0x780]>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([[0u8; 4]; 0x780]);
        for (k, slot) in t.iter_mut().enumerate() {
            let c = char::from_u32(0x80 + k as u32).expect("U+0080..U+07FF are chars");
            if let Some(n) = normalize_char(c) {
                let mut buf = [0u8; 4];
                let e = n.encode_utf8(&mut buf).len();
                debug_assert!(e <= 3);
                *slot = [e as u8, buf[0], buf[1], buf[2]];
            }
        }
        t
    })
}

/// Append the normalised `s` to `out`: [`normalize`] without the
/// allocation, a byte at a time for ASCII and through a table for the
/// two-byte range (the Arabic block), [`normalize_char`] for the rest
/// (test `push_normalized_is_normalize_char`, every char).
pub fn push_normalized(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let table = two_byte_table();
    // the bytes appended: whole UTF-8 sequences only (the ASCII bytes and
    // the table's, which are `normalize_char`'s chars encoded)
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.reserve(b.len());
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            bytes.push(x.to_ascii_lowercase());
            i += 1;
        } else if x & 0xE0 == 0xC0 {
            // a two-byte sequence (s is valid UTF-8: b[i + 1] is there)
            let cp = (((x & 0x1F) as usize) << 6) | (b[i + 1] & 0x3F) as usize;
            let t = &table[cp - 0x80];
            match t[0] {
                0 => {}
                2 => bytes.extend_from_slice(&t[1..3]),
                1 => bytes.push(t[1]),
                _ => bytes.extend_from_slice(&t[1..4]),
            }
            i += 2;
        } else {
            let w = if x >= 0xF0 { 4 } else { 3 };
            let c = s[i..i + w].chars().next().expect("a char starts here");
            if let Some(n) = normalize_char(c) {
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(n.encode_utf8(&mut buf).as_bytes());
            }
            i += w;
        }
    }
    // SAFETY: `bytes` was a String and only whole UTF-8 sequences of chars
    // were appended to it.
    *out = unsafe { String::from_utf8_unchecked(bytes) };
}

/// A normalised text with a map back to the original.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub text: String,
    /// For each char of `text`, the char offset in the original it came from;
    /// one extra entry at the end holds the original's length.
    pub map: Vec<usize>,
}

impl Normalized {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len());
        let mut n = 0;
        for (i, c) in original.chars().enumerate() {
            if let Some(f) = normalize_char(c) {
                text.push(f);
                map.push(i);
            }
            n = i + 1;
        }
        map.push(n);
        Normalized { text, map }
    }

    /// Map a char span of the normalised text back to the original text.
    /// The end maps to just after the last kept char, so removed trailing
    /// diacritics stay attached to their letter.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map[start.min(self.map.len() - 1)];
        let e = if end == 0 {
            s
        } else if end >= self.map.len() - 1 {
            *self.map.last().unwrap()
        } else {
            self.map[end]
        };
        (s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_arabic_variants() {
        assert_eq!(normalize("أَحْمَد"), "احمد");
        assert_eq!(normalize("إسلام"), "اسلام");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("الحكومة"), "الحكومه");
        assert_eq!(normalize("قـــتل"), "قتل");
        assert_eq!(normalize("٢٠١٧ ۲۰۱۸"), "2017 2018");
        assert_eq!(normalize("ISIS"), "isis");
        assert_eq!(normalize("مسؤول"), normalize("مسئول").replace('ي', "و"));
    }

    #[test]
    fn persian_forms_controls_and_case() {
        assert_eq!(normalize("کرکوک"), "كركوك");
        assert_eq!(normalize("ایران"), "ايران");
        assert_eq!(normalize("\u{200f}بغداد\u{200c}"), "بغداد");
        assert_eq!(normalize("ÉTAT Baghdad"), "état baghdad");
        assert_eq!(normalize("٣٫٥"), "3٫5");
        // every Arabic letter that is not folded maps to itself
        for c in '\u{0621}'..='\u{064A}' {
            let n = normalize_char(c);
            if !matches!(c, 'أ' | 'إ' | 'آ' | 'ى' | 'ئ' | 'ؤ' | 'ة' | 'ـ') {
                assert_eq!(n, Some(c), "{c}");
            }
        }
    }

    /// The char-by-char normalisation the byte path replaces.
    fn normalize_reference(s: &str) -> String {
        s.chars().filter_map(normalize_char).collect()
    }

    #[test]
    fn push_normalized_is_normalize_char() {
        // every char alone, after a prefix, and every pair of the Arabic
        // block with a few others
        let mut all = String::new();
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let one = c.to_string();
            assert_eq!(normalize(&one), normalize_reference(&one), "U+{u:04X}");
            let mut out = String::from("x");
            push_normalized(&one, &mut out);
            assert_eq!(out, format!("x{}", normalize_reference(&one)), "U+{u:04X}");
            all.push(c);
        }
        assert_eq!(normalize(&all), normalize_reference(&all));
        let some: Vec<char> = ('\u{0600}'..='\u{06FF}').chain(['a', 'Z', 'É', '٣', '\u{200F}', '🙂', 'ـ', ' ']).collect();
        for &a in &some {
            for &b in &some {
                let t: String = [a, b, a].iter().collect();
                let mut into = String::from("stale");
                normalize_into(&t, &mut into);
                assert_eq!(into, normalize_reference(&t));
            }
        }
    }

    #[test]
    fn map_points_back_to_original() {
        let orig = "قُتِلَ في بغداد";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "قتل في بغداد");
        let start = n.text.chars().position(|c| c == 'ب').unwrap();
        let (s, e) = n.to_original(start, start + 5);
        let chars: Vec<char> = orig.chars().collect();
        assert_eq!(chars[s..e].iter().collect::<String>(), "بغداد");
        let (s, e) = n.to_original(0, 3);
        assert_eq!(chars[s..e].iter().collect::<String>(), "قُتِلَ");
    }
}
