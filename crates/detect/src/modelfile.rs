//! Fast readers for the model files' text (issue 12: parsing the shipped
//! detect, topic and argument models was ≈ 120 M instructions per process,
//! most of it `str::parse::<f32>`, a `Vec` per line and the char searcher).
//! Each reader gives exactly what the standard library's gives, or `None`
//! where it is not sure, and the caller then takes the standard path (which
//! also makes the same error messages).

/// The lines of `text` as [`str::lines`] gives them (split at `\n`, a `\r`
/// before the `\n` dropped, no empty piece after a final `\n`), by a byte
/// scan; [`Lines::rest`] is the text not read yet.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    Lines(text)
}

pub(crate) struct Lines<'a>(&'a str);

impl<'a> Lines<'a> {
    /// The text after the lines read so far.
    pub(crate) fn rest(&self) -> &'a str {
        self.0
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.0.is_empty() {
            return None;
        }
        let (line, rest) = line_from(self.0, 0);
        self.0 = rest;
        Some(line)
    }
}

/// The embedded model text, or the file named by the environment variable
/// `var` when it is set (experiments: a retrained model measured without a
/// rebuild; what ships is always the embedded text).
pub(crate) fn embedded_or_env(var: &str, embedded: &'static str) -> anyhow::Result<std::borrow::Cow<'static, str>> {
    use anyhow::Context;
    // an empty value is no override (VAR= in a shell resets it)
    match std::env::var_os(var).filter(|p| !p.is_empty()) {
        Some(path) => {
            // said once per process, so a run measured with another model cannot pass for the shipped one
            eprintln!("marsad: {var}={}: using this model instead of the embedded one", path.to_string_lossy());
            Ok(std::borrow::Cow::Owned(std::fs::read_to_string(&path).with_context(|| format!("{var}={}", path.to_string_lossy()))?))
        }
        None => Ok(std::borrow::Cow::Borrowed(embedded)),
    }
}

/// The line of `text` that goes on from byte `start` (an ASCII byte's
/// successor or 0), as [`Lines`] gives it, and the text after it.
fn line_from(text: &str, start: usize) -> (&str, &str) {
    match text.as_bytes()[start..].iter().position(|&b| b == b'\n') {
        Some(n) => {
            let line = &text[start..start + n];
            (line.strip_suffix('\r').unwrap_or(line), &text[start + n + 1..])
        }
        None => (&text[start..], ""),
    }
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
#[cfg(test)]
fn f32_fast(s: &str) -> Option<f32> {
    match f32_prefix(s.as_bytes())? {
        (v, n) if n == s.len() => Some(v),
        _ => None,
    }
}

/// The plain decimal that begins `b`, as [`f32_fast`] reads it, and its
/// length in bytes; `None` where `f32_fast` would decline that decimal.
fn f32_prefix(b: &[u8]) -> Option<(f32, usize)> {
    let neg = b.first() == Some(&b'-');
    let mut i = neg as usize;
    let mut m: u64 = 0;
    let int0 = i;
    while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
        m = m.wrapping_mul(10).wrapping_add((c - b'0') as u64);
        i += 1;
    }
    let int_len = i - int0;
    let mut frac_len = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            m = m.wrapping_mul(10).wrapping_add((c - b'0') as u64);
            i += 1;
            frac_len += 1;
        }
        if frac_len == 0 {
            return None;
        }
    }
    // 15 digits are below 2⁵³ (so m is exact as an f64, and did not wrap)
    if int_len == 0 || frac_len >= POW10.len() || int_len + frac_len > 15 {
        return None;
    }
    let q = m as f64 / POW10[frac_len];
    // f32 keeps 24 of the f64's 53 significant bits; the 29 dropped bits of a
    // halfway point are 1 followed by 28 zeros (q is a normal f32 here, or 0)
    if q.to_bits() & ((1 << 29) - 1) == 1 << 28 {
        return None;
    }
    let r = q as f32;
    Some((if neg { -r } else { r }, i))
}

/// A detection model's weight line at the start of `text` in the form
/// `DetectModel::to_text` writes (three plain decimals, single spaces, a
/// tab, the feature, then `\n`, `\r\n` or the end) read in one pass: the
/// weights (as `s.split(' ')` into three `str::parse::<f32>` reads them), the feature (what follows the
/// first tab on the line) and the text after the line. `None` for a line in
/// any other form.
pub(crate) fn detect_row(text: &str) -> Option<([f32; 3], &str, &str)> {
    let b = text.as_bytes();
    let mut w = [0.0f32; 3];
    let mut i = 0;
    for (k, sep) in [b' ', b' ', b'\t'].into_iter().enumerate() {
        let (v, n) = f32_prefix(&b[i..])?;
        if b.get(i + n) != Some(&sep) {
            return None;
        }
        w[k] = v;
        i += n + 1;
    }
    let (feature, rest) = line_from(text, i);
    Some((w, feature, rest))
}

/// An argument model's line at the start of `text` (`{:.4}`, a tab, the
/// feature): the weight, the feature and the text after the line, as
/// [`detect_row`] reads its lines.
pub(crate) fn args_row(text: &str) -> Option<(f32, &str, &str)> {
    let (v, n) = f32_prefix(text.as_bytes())?;
    if text.as_bytes().get(n) != Some(&b'\t') {
        return None;
    }
    let (feature, rest) = line_from(text, n + 1);
    Some((v, feature, rest))
}

/// A topic model's word line at the start of `text` (the word, a tab,
/// then `c` integers separated by spaces, up to `\n`, `\r\n` or the end):
/// the word, the integers over `scale` pushed onto `w`, and the text after
/// the line. `None`, with `w` unchanged, for a line in any other form
/// (another count, a number of ten digits or more, a stray byte).
pub(crate) fn topic_row<'t>(text: &'t str, c: usize, scale: f32, w: &mut Vec<f32>) -> Option<(&'t str, &'t str)> {
    let b = text.as_bytes();
    let tab = b.iter().position(|&x| x == b'\t' || x == b'\n')?;
    if b[tab] != b'\t' {
        return None;
    }
    let start = w.len();
    let mut i = tab + 1;
    let end = loop {
        match b.get(i) {
            None => break i,
            Some(b' ') => i += 1,
            Some(b'\n') => break i,
            Some(b'\r') if b.get(i + 1) == Some(&b'\n') => break i + 1,
            Some(_) => {
                let n0 = i + (b[i] == b'-') as usize;
                let mut n: i32 = 0;
                let mut j = n0;
                while let Some(&d) = b.get(j).filter(|d| d.is_ascii_digit()) {
                    n = n.wrapping_mul(10).wrapping_add((d - b'0') as i32);
                    j += 1;
                }
                // one to nine digits, then a space or the line's end
                let ends = matches!(b.get(j), None | Some(b' ' | b'\n')) || (b.get(j) == Some(&b'\r') && b.get(j + 1) == Some(&b'\n'));
                if j == n0 || j - n0 > 9 || !ends || w.len() - start == c {
                    w.truncate(start);
                    return None;
                }
                let n = if b[i] == b'-' { -n } else { n };
                w.push(n as f32 / scale);
                i = j;
            }
        }
    };
    if w.len() - start != c {
        w.truncate(start);
        return None;
    }
    Some((&text[..tab], text.get(end + 1..).unwrap_or("")))
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
    fn lines_are_str_lines() {
        for t in ["", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\r", "a\rb\n", "\n\n", "x\r\n\r\n", "é\nü\r\n"] {
            assert_eq!(lines(t).collect::<Vec<_>>(), t.lines().collect::<Vec<_>>(), "{t:?}");
        }
        for m in [include_str!("../models/detect.model"), include_str!("../models/topic.model"), include_str!("../models/args.model")] {
            assert!(lines(m).eq(m.lines()));
        }
    }

    /// The old readers of a line, as the parse functions read it before
    /// the row readers: `None` where they fail.
    fn detect_line_std(line: &str) -> Option<([u32; 3], &str)> {
        let (w, k) = line.split_once('\t')?;
        let v: Vec<f32> = w.split(' ').map(|x| x.parse::<f32>()).collect::<Result<_, _>>().ok()?;
        let v: [f32; 3] = v.try_into().ok()?;
        Some((v.map(f32::to_bits), k))
    }

    fn topic_line_std(line: &str) -> Option<(&str, Vec<u32>)> {
        let (word, rest) = line.split_once('\t')?;
        let v: Vec<u32> = rest.split(' ').filter(|x| !x.is_empty()).map(|x| x.parse::<i32>().map(|n| (n as f32 / 1000.0).to_bits())).collect::<Result<_, _>>().ok()?;
        (v.len() == 3).then_some((word, v))
    }

    /// Every row reader gives what the line reader and the standard parses
    /// give, and the same rest of the text, or declines.
    #[test]
    fn rows_are_the_line_readers() {
        let detect = ["1 2 3\tf", "-0.0274 0.0683 -0.0409\tactgrp=armed|AGREE", "1 2\tf", "1 2 3 4\tf", "1  2 3\tf", "1 2 3 \tf", "a b c\tf", "1 2 3", "1 2 3\tf\tg", "1 2 3\t", "1. 2 3\tf", "+1 2 3\tf", "1e3 2 3\tf", "0.1 0.2 0.3\tf\r", "-0 -0.0000 0\tf"];
        let args = ["0.0575\tA:adjacent_after|ar", "-0.5749\tx", "1 2\tx", "1\t", "x\ty", "1", "+1\tx", "1.\tx"];
        let topic = ["w\t1 2 3", "w\t1  -2 3", "w\t1 2", "w\t1 2 3 4", "w\t 1 2 3 ", "w 1 2 3", "w\t1 2 x", "w\t+1 2 3", "w\t1 2 1234567890", "w\t1 2 3\r", "w\t1 2 -", "\t1 2 3", "w\tv\t1 2 3"];
        for tail in ["", "\n", "\r\n", "\nnext\n", "\r\nnext"] {
            for line in detect {
                let text = format!("{line}{tail}");
                let mut std = lines(&text);
                let want = std.next().and_then(detect_line_std);
                if let Some((w, k, rest)) = detect_row(&text) {
                    assert_eq!(Some((w.map(f32::to_bits), k)), want, "{text:?}");
                    assert_eq!(rest, std.rest(), "{text:?}");
                }
            }
            for line in args {
                let text = format!("{line}{tail}");
                let mut std = lines(&text);
                let want = std.next().and_then(|l| l.split_once('\t')).and_then(|(w, k)| Some((w.parse::<f32>().ok()?.to_bits(), k)));
                if let Some((w, k, rest)) = args_row(&text) {
                    assert_eq!(Some((w.to_bits(), k)), want, "{text:?}");
                    assert_eq!(rest, std.rest(), "{text:?}");
                }
            }
            for line in topic {
                let text = format!("{line}{tail}");
                let mut std = lines(&text);
                let want = std.next().and_then(topic_line_std);
                let mut w = vec![9.0];
                match topic_row(&text, 3, 1000.0, &mut w) {
                    Some((word, rest)) => {
                        assert_eq!(Some((word, w[1..].iter().map(|x| x.to_bits()).collect())), want, "{text:?}");
                        assert_eq!(rest, std.rest(), "{text:?}");
                    }
                    None => assert_eq!(w, [9.0], "{text:?}: left as it was"),
                }
            }
        }
        // the rows of the shipped files are all read by the fast readers
        let text = include_str!("../models/detect.model");
        let mut rest = text.splitn(4, '\n').nth(3).unwrap();
        while !rest.is_empty() {
            let (w, k, next) = detect_row(rest).expect("a row in the written form");
            let mut std = lines(rest);
            assert_eq!(Some((w.map(f32::to_bits), k)), std.next().and_then(detect_line_std));
            rest = next;
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
            assert_eq!(old.get(&**k), Some(&v.map(f32::to_bits)), "{}", &**k);
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
