//! Publication dates in the many shapes feeds and scrapers write them,
//! normalised to an ISO `YYYY-MM-DD` date.
//!
//! Accepted: RFC 3339 / ISO 8601 (`2023-03-15`, `2023-03-15T08:00:00Z`,
//! `2023/03/15`), compact `20230315`, RFC 2822 (`Wed, 15 Mar 2023 08:00:00
//! +0300`), English and Arabic month names (`15 March 2023`, `March 15, 2023`,
//! `15 آذار 2023`, `15 مارس 2023`), numeric `15/03/2023` (day first, unless the
//! first number cannot be a day… month), and Unix timestamps in seconds (9–10
//! digits) or milliseconds (13 digits). The calendar date is kept as written:
//! no time-zone conversion.

/// Parse a date string into `YYYY-MM-DD`, or `None` when it is not a date
/// marsad can read.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    let s = to_ascii_digits(s);
    let s = s.as_str();
    if let Some(d) = iso_like(s) {
        return Some(d);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            8 => ymd(num(&s[0..4])?, num(&s[4..6])?, num(&s[6..8])?),
            9 | 10 => from_unix(s.parse::<i64>().ok()?),
            13 => from_unix(s.parse::<i64>().ok()? / 1000),
            _ => None,
        };
    }
    if let Some(d) = numeric_dmy(s) {
        return Some(d);
    }
    with_month_name(s)
}

fn to_ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            _ => c,
        })
        .collect()
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1800..=2200).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, optionally followed by a time.
fn iso_like(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let rest = &s[5..];
    let (m, rest) = split_digits(rest)?;
    let rest = rest.strip_prefix(sep as char)?;
    let (d, rest) = split_digits(rest)?;
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    ymd(num(&s[..4])?, num(m)?, num(d)?)
}

fn split_digits(s: &str) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 2 {
        return None;
    }
    Some((&s[..n], &s[n..]))
}

/// `15/03/2023`, `15-03-2023`, `15.03.2023`: day first unless that is impossible.
fn numeric_dmy(s: &str) -> Option<String> {
    let head = s.split([' ', 'T']).next()?;
    let parts: Vec<&str> = head.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    let (a, b, y) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    ymd(y, b, a).or_else(|| ymd(y, a, b))
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    // Levantine / Iraqi month names.
    ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("اذار", 3), ("نيسان", 4), ("أيار", 5), ("ايار", 5),
    ("حزيران", 6), ("تموز", 7), ("آب", 8), ("اب", 8), ("أيلول", 9), ("ايلول", 9),
    ("تشرين الأول", 10), ("تشرين الاول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12), ("كانون الاول", 12),
    // Egyptian / Gulf month names.
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ابريل", 4), ("إبريل", 4), ("مايو", 5),
    ("يونيو", 6), ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("اغسطس", 8), ("سبتمبر", 9),
    ("أكتوبر", 10), ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
];

/// Dates written with a month name, in either order: `15 March 2023`,
/// `March 15, 2023`, `Wed, 15 Mar 2023 08:00:00 GMT`, `15 آذار 2023`.
fn with_month_name(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    // Two-word Arabic month names first, then single words.
    let mut month = None;
    let mut rest = lower.clone();
    for &(name, m) in MONTHS.iter().filter(|(n, _)| n.contains(' ')) {
        if let Some(i) = lower.find(name) {
            month = Some(m);
            rest = format!("{} {}", &lower[..i], &lower[i + name.len()..]);
            break;
        }
    }
    let words: Vec<String> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | '/' | '-' | '.'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_start_matches('و').to_string())
        .collect();
    let mut numbers = Vec::new();
    for w in &words {
        if month.is_none() {
            let bare = w.trim_end_matches(|c: char| c.is_ascii_digit());
            if let Some(&(_, m)) = MONTHS.iter().find(|(n, _)| *n == w.as_str() || (*n == bare && !bare.is_empty() && bare.len() < w.len() && n.is_ascii())) {
                month = Some(m);
                continue;
            }
        }
        let digits: String = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']).to_string();
        if let Some(n) = num(&digits) {
            numbers.push((n, digits.len()));
        }
        if numbers.len() >= 2 && month.is_some() {
            break;
        }
    }
    let m = month?;
    let year = numbers.iter().find(|(_, len)| *len == 4)?.0;
    let day = numbers.iter().find(|(n, len)| *len <= 2 && *n >= 1 && *n <= 31)?.0;
    ymd(year, m, day)
}

/// Civil date of a Unix timestamp (UTC).
fn from_unix(secs: i64) -> Option<String> {
    let days = secs.div_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    ymd(u32::try_from(y).ok()?, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn many_formats() {
        let cases = [
            ("2023-03-15", "2023-03-15"),
            ("2023-03-15T08:15:00Z", "2023-03-15"),
            ("2023-03-15T23:59:00+03:00", "2023-03-15"),
            ("2023/3/5", "2023-03-05"),
            ("20230315", "2023-03-15"),
            ("Wed, 15 Mar 2023 08:00:00 +0300", "2023-03-15"),
            ("Tue, 02 May 2023 21:30:00 GMT", "2023-05-02"),
            ("March 15, 2023", "2023-03-15"),
            ("15 March 2023", "2023-03-15"),
            ("Sept 3rd, 2021", "2021-09-03"),
            ("15/03/2023", "2023-03-15"),
            ("03/25/2023", "2023-03-25"),
            ("15 آذار 2023", "2023-03-15"),
            ("١٥ مارس ٢٠٢٣", "2023-03-15"),
            ("3 كانون الأول 2017", "2017-12-03"),
            ("1678838400", "2023-03-15"),
            ("1678838400000", "2023-03-15"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        for bad in ["", "yesterday", "2023-13-01", "2023-02-30", "12345", "March", "hello 2023", "2023-03-15x"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
