//! Fast readers for the model files' text (issue 12: parsing the shipped
//! detect, topic and argument models was ≈ 120 M instructions per process,
//! most of it `str::parse::<f32>`, a `Vec` per line and the char searcher).
//! Each reader gives exactly what the standard library's gives, or `None`
//! where it is not sure, and the caller then takes the standard path (which
//! also makes the same error messages).

/// The lines of `text` as [`str::lines`] gives them (split at `\n`, a `\r`
/// before the `\n` dropped, no empty piece after a final `\n`), by a byte
/// scan.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match rest.as_bytes().iter().position(|&b| b == b'\n') {
            Some(n) => {
                let line = &rest[..n];
                (line.strip_suffix('\r').unwrap_or(line), &rest[n + 1..])
            }
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

/// `s.split_once(c)` for an ASCII `c`, by a byte scan.
pub(crate) fn split_once_byte(s: &str, c: u8) -> Option<(&str, &str)> {
    debug_assert!(c.is_ascii());
    let n = s.as_bytes().iter().position(|&b| b == c)?;
    Some((&s[..n], &s[n + 1..]))
}

const POW10: [f64; 23] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// `s.parse::<f32>()` for a plain decimal (`-0.0274`, `12`, `3.5`), or
/// `None` for anything else and for the rare value where the shortcut could
/// round differently.
///
/// The digits m (at most 2⁵³) and the k ≤ 22 digits after the point give
/// q = m / 10ᵏ, one correctly rounded `f64` division of two exact numbers.
/// Rounding q to `f32` gives the `f32` nearest the decimal itself unless q
/// lies exactly halfway between two `f32`s (such a halfway point is an `f64`,
/// so q could have been rounded onto it from either side): then `None`.
pub(crate) fn f32_fast(s: &str) -> Option<f32> {
    let b = s.as_bytes();
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        _ => (false, b),
    };
    let (int, frac) = match digits.iter().position(|&c| c == b'.') {
        Some(p) => (&digits[..p], &digits[p + 1..]),
        None => (digits, &digits[digits.len()..]),
    };
    if int.is_empty() || (frac.is_empty() && int.len() < digits.len()) || frac.len() >= POW10.len() || int.len() + frac.len() > 15 {
        return None;
    }
    let mut m: u64 = 0;
    for &c in int.iter().chain(frac) {
        if !c.is_ascii_digit() {
            return None;
        }
        m = m * 10 + (c - b'0') as u64;
    }
    // 15 digits are below 2⁵³: m is exact as an f64
    let q = m as f64 / POW10[frac.len()];
    // f32 keeps 24 of the f64's 53 significant bits; the 29 dropped bits of a
    // halfway point are 1 followed by 28 zeros (q is a normal f32 here, or 0)
    if q.to_bits() & ((1 << 29) - 1) == 1 << 28 {
        return None;
    }
    let r = q as f32;
    Some(if neg { -r } else { r })
}

/// `s.parse::<i32>()` for an optional `-` and up to nine digits, or `None`.
pub(crate) fn i32_fast(s: &str) -> Option<i32> {
    i32_fast_bytes(s.as_bytes())
}

/// [`i32_fast`] of a string's bytes.
pub(crate) fn i32_fast_bytes(b: &[u8]) -> Option<i32> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let mut n: i32 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (c - b'0') as i32;
    }
    Some(if neg { -n } else { n })
}

/// Three `f32`s separated by single spaces (`split(' ')` into exactly three
/// parses), or `None`.
pub(crate) fn three_fast(s: &str) -> Option<[f32; 3]> {
    let (a, rest) = split_once_byte(s, b' ')?;
    let (b, c) = split_once_byte(rest, b' ')?;
    if c.as_bytes().contains(&b' ') {
        return None;
    }
    Some([f32_fast(a)?, f32_fast(b)?, f32_fast(c)?])
}

/// The number of lines of `text` (for sizing a map before reading it).
pub(crate) fn count_lines(text: &str) -> usize {
    text.as_bytes().iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// splitmix64, for reproducible random cases.
    fn rng(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn same_f32(s: &str) {
        let std = s.parse::<f32>().ok();
        match f32_fast(s) {
            Some(v) => assert_eq!(Some(v.to_bits()), std.map(f32::to_bits), "{s:?}"),
            None => {}
        }
    }

    #[test]
    fn f32_fast_is_str_parse() {
        for s in ["0", "-0", "0.0000", "-0.0000", "1", "-1", "12.5", "0.1", "-0.0274", "1.", ".5", "-.5", "", "-", "+1", "1e5", "1.2.3", "nan", "inf", "1 ", " 1", "3.4028236e38", "0.00000000000000000000001", "123456789012345", "1234567890123456", "9007199254740993"] {
            same_f32(s);
        }
        // the models' own format ({:.4}) and others, by the million
        let mut st = 20261206u64;
        let mut fast = 0;
        for i in 0..2_000_000 {
            let r = rng(&mut st);
            let s = match i % 4 {
                0 => format!("{:.4}", (r as i64 as f64) / 1e15),
                1 => format!("{:.4}", f32::from_bits((r >> 32) as u32 & 0x4fff_ffff) * if r & 1 == 1 { -1.0 } else { 1.0 }),
                2 => {
                    let k = (r % 16) as usize;
                    let m = (r >> 8) % 10u64.pow(((r >> 4) % 16) as u32 + 1);
                    let mut d = m.to_string();
                    while d.len() <= k {
                        d.insert(0, '0');
                    }
                    d.insert(d.len() - k, '.');
                    d
                }
                _ => format!("{}", (r >> 40) as i64 - (1 << 23)),
            };
            if f32_fast(&s).is_some() {
                fast += 1;
            }
            same_f32(&s);
        }
        assert!(fast > 1_900_000, "the fast path takes almost every case ({fast})");
    }

    #[test]
    fn f32_fast_declines_halfway_points() {
        // 1 + 2⁻²⁴ is halfway between two f32s and a short decimal: the
        // fast path must leave it to the standard parse
        let s = "1.000000059604644775390625";
        assert_eq!(f32_fast(s), None);
        // halfway points with few digits: m / 10^k = (2j+1) · 2^(e-25)
        let mut declined = 0;
        for j in 0u64..2000 {
            let x = (16_777_216 + 2 * j + 1) as f64 / 2.0; // halfway between f32s near 2²³
            let s = format!("{x:.1}");
            assert_eq!(f32_fast(&s), None, "{s}");
            same_f32(&s);
            declined += 1;
        }
        assert_eq!(declined, 2000);
    }

    #[test]
    fn i32_fast_is_str_parse() {
        for s in ["0", "-0", "7", "-53", "185", "999999999", "-999999999", "1000000000", "2147483648", "", "-", "+5", "1.0", " 1", "12a"] {
            if let Some(v) = i32_fast(s) {
                assert_eq!(Ok(v), s.parse::<i32>(), "{s:?}");
            }
        }
        for n in -100_000..100_000 {
            assert_eq!(i32_fast(&n.to_string()), Some(n));
        }
    }

    #[test]
    fn lines_are_str_lines() {
        for t in ["", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\r", "a\rb\n", "\n\n", "x\r\n\r\n", "é\nü\r\n"] {
            assert_eq!(lines(t).collect::<Vec<_>>(), t.lines().collect::<Vec<_>>(), "{t:?}");
        }
        for m in [include_str!("../models/detect.model"), include_str!("../models/topic.model"), include_str!("../models/args.model")] {
            assert!(lines(m).eq(m.lines()));
        }
    }

    #[test]
    fn three_fast_is_the_split() {
        let std = |s: &str| -> Option<[f32; 3]> { s.split(' ').map(|x| x.parse::<f32>()).collect::<Result<Vec<_>, _>>().ok()?.try_into().ok() };
        for s in ["1 2 3", "-0.0274 0.0683 -0.0409", "1 2", "1 2 3 4", "1  2 3", "1 2 3 ", "a b c", ""] {
            if let Some(v) = three_fast(s) {
                assert_eq!(Some(v), std(s), "{s:?}");
            }
        }
        for line in include_str!("../models/detect.model").lines().skip(3) {
            let w = line.split_once('\t').unwrap().0;
            assert_eq!(three_fast(w).map(|v| v.map(f32::to_bits)), std(w).map(|v| v.map(f32::to_bits)), "{line}");
        }
    }

    /// The shipped models read by the fast readers are the models the
    /// standard readers (the parse code before them) made, bit for bit.
    #[test]
    fn shipped_models_parse_as_before() {
        use std::collections::HashMap;
        // detect.model, as `DetectModel::parse` read it before
        let text = include_str!("../models/detect.model");
        let mut old: HashMap<&str, [u32; 3]> = HashMap::new();
        for line in text.lines().skip(3) {
            let (w, k) = line.split_once('\t').unwrap();
            let v: Vec<f32> = w.split(' ').map(|x| x.parse::<f32>()).collect::<Result<_, _>>().unwrap();
            old.insert(k, [v[0].to_bits(), v[1].to_bits(), v[2].to_bits()]);
        }
        let m = crate::DetectModel::parse(text).unwrap();
        assert_eq!(m.weights.len(), old.len());
        for (k, v) in &m.weights {
            assert_eq!(old.get(&**k), Some(&v.map(f32::to_bits)), "{k}");
        }
        // topic.model
        let text = include_str!("../models/topic.model");
        let t = crate::TopicModel::parse(text).unwrap();
        let mut w: Vec<u32> = Vec::new();
        let mut n = 0;
        for line in text.lines().skip(3) {
            let (word, rest) = line.split_once('\t').unwrap();
            assert_eq!(t.vocab.get(word), Some(&n), "{word}");
            n += 1;
            w.extend(rest.split(' ').filter(|x| !x.is_empty()).map(|x| (x.parse::<i32>().unwrap() as f32 / 1000.0).to_bits()));
        }
        assert_eq!(t.vocab.len(), n as usize);
        assert_eq!(t.model.w.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), w);
        // args.model
        for text in [include_str!("../models/args.model"), include_str!("../models/args_en_place.model")] {
            let a = crate::args::ArgModel::parse(text).unwrap();
            let mut k = 0;
            for line in text.lines().skip(1) {
                let (w, name) = line.split_once('\t').unwrap();
                assert_eq!(a.weight_named(name).map(f32::to_bits), Some(w.parse::<f32>().unwrap().to_bits()), "{name}");
                k += 1;
            }
            assert!(k > 100);
        }
    }

    #[test]
    fn bad_model_lines_are_still_refused() {
        let head = "marsad-detect 2\nthreshold 0.500\nbias 0.1 0.2 0.3\n";
        for bad in ["1 2\tf", "1 2 3 4\tf", "a b c\tf", "1 2 3"] {
            assert!(crate::DetectModel::parse(&format!("{head}{bad}\n")).is_err(), "{bad}");
        }
        let ok = crate::DetectModel::parse(&format!("{head}1e-3 +2 .5\tf\n")).unwrap();
        assert_eq!(ok.weights.get("f"), Some(&[1e-3, 2.0, 0.5]));
        let head = "marsad-topic 1\nlabels sport economy culture technology society politics local world misc\nbias 1 2 3 4 5 6 7 8 9\n";
        for bad in ["w\t1 2 3", "w\t1 2 3 4 5 6 7 8 9 10", "w\t1 2 3 4 5 6 7 8 x", "w 1 2 3 4 5 6 7 8 9"] {
            assert!(crate::TopicModel::parse(&format!("{head}{bad}\n")).is_err(), "{bad}");
        }
        let ok = crate::TopicModel::parse(&format!("{head}w\t1  +2 3 4 5 6 7 8 -9\n")).unwrap();
        assert_eq!(ok.model.w, [1, 2, 3, 4, 5, 6, 7, 8, -9].map(|n| n as f32 / 1000.0));
    }
}
