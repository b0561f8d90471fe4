//! Calendar arithmetic: proleptic Gregorian day numbers, weekdays, ISO weeks,
//! and the tabular (arithmetic) Islamic calendar used to approximate Hijri
//! dates. Day numbers count days since 1970-01-01 (day 0).

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The Gregorian date of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn valid_date(y: i64, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// ISO weekday, Monday = 1 … Sunday = 7.
pub fn weekday(z: i64) -> u32 {
    ((z.rem_euclid(7) + 3) % 7 + 1) as u32
}

/// ISO 8601 week (week-year, week number) of a day number.
pub fn iso_week(z: i64) -> (i64, u32) {
    let thursday = z - (weekday(z) as i64 - 1) + 3;
    let (y, _, _) = civil_from_days(thursday);
    let w = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
    (y, w as u32)
}

/// A date written as ISO `YYYY-MM-DD`.
pub fn fmt_day(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parse a publication date: `YYYY-MM-DD` (also `YYYYMMDD`, `YYYY/MM/DD`,
/// with or without a time part) or an RFC 2822 date as feeds write it
/// (`Thu, 15 Feb 2018 08:00:00 GMT`).
pub fn parse_iso_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() >= 10 && s.as_bytes()[4] == b'/' && s.as_bytes()[7] == b'/' {
        return parse_iso_date(&s.replace('/', "-"));
    }
    parse_iso_strict(s).or_else(|| parse_rfc2822(s))
}

fn parse_iso_strict(s: &str) -> Option<i64> {
    let s = s.split(['T', ' ']).next()?;
    let (y, m, d) = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        (s[0..4].parse().ok()?, s[4..6].parse().ok()?, s[6..8].parse().ok()?)
    } else {
        let mut it = s.split('-');
        let y: i64 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        if it.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    if !valid_date(y, m, d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// `Thu, 15 Feb 2018 08:00:00 GMT` or `15 Feb 2018`.
fn parse_rfc2822(s: &str) -> Option<i64> {
    const MON: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let (mut d, mut m, mut y) = (None, None, None);
    for w in s.split(|c: char| c == ' ' || c == ',').filter(|w| !w.is_empty()) {
        if w.contains(':') {
            continue;
        }
        let lw = w.to_ascii_lowercase();
        if let Some(i) = MON.iter().position(|p| lw.starts_with(p)) {
            m.get_or_insert(i as u32 + 1);
        } else if w.bytes().all(|b| b.is_ascii_digit()) {
            match w.len() {
                1 | 2 => {
                    d.get_or_insert(w.parse::<u32>().ok()?);
                }
                4 => {
                    y.get_or_insert(w.parse::<i64>().ok()?);
                }
                _ => {}
            }
        }
    }
    let (y, m, d) = (y?, m?, d?);
    if !valid_date(y, m, d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn small_num(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The first and last day number covered by an ISO-like value:
/// `YYYY-MM-DD` (optionally followed by a time), `YYYY-MM`, `YYYY`,
/// `YYYY-Www`, and intervals `A/B`. `None` for anything else (decades,
/// seasons, garbage). For the dataset's event days and the date filters of
/// queries; [`crate::bounds`] also narrows by a vague modifier.
pub fn interval(v: &str) -> Option<(i64, i64)> {
    let v = v.trim();
    if let Some((a, b)) = v.split_once('/') {
        let (lo, _) = interval(a)?;
        let (_, hi) = interval(b)?;
        return (lo <= hi).then_some((lo, hi));
    }
    let v = v.split('T').next()?;
    let parts: Vec<&str> = v.split('-').collect();
    let y = small_num(parts.first()?)?;
    if parts[0].len() != 4 {
        return None;
    }
    match parts.len() {
        1 => Some((days_from_civil(y, 1, 1), days_from_civil(y, 12, 31))),
        2 if parts[1].starts_with('W') => {
            let w = small_num(&parts[1][1..])?;
            if !(1..=53).contains(&w) {
                return None;
            }
            // ISO week 1 holds January 4th; weeks start on Monday
            let jan4 = days_from_civil(y, 1, 4);
            let mon = jan4 - (weekday(jan4) as i64 - 1) + (w - 1) * 7;
            Some((mon, mon + 6))
        }
        2 => {
            let m = small_num(parts[1])? as u32;
            if !(1..=12).contains(&m) {
                return None;
            }
            Some((days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m))))
        }
        3 => {
            let m = small_num(parts[1])? as u32;
            let d = small_num(parts[2])? as u32;
            if !valid_date(y, m, d) {
                return None;
            }
            let x = days_from_civil(y, m, d);
            Some((x, x))
        }
        _ => None,
    }
}

/// Day number of 1 Muharram AH 1 in the civil tabular Islamic calendar
/// (Julian day 1948439.5 = 19 July 622, proleptic Gregorian).
const HIJRI_EPOCH: i64 = -492148;

/// Day number of a Hijri date in the tabular Islamic calendar (leap years
/// 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30-year cycle). Real
/// (observed) dates may differ by a day or two.
pub fn hijri_to_days(y: i64, m: u32, d: u32) -> i64 {
    let m = m.clamp(1, 12) as i64;
    d as i64 + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + HIJRI_EPOCH - 1
}

/// First and last day number of Hijri year `y`.
pub fn hijri_year_span(y: i64) -> (i64, i64) {
    (hijri_to_days(y, 1, 1), hijri_to_days(y + 1, 1, 1) - 1)
}

/// First and last day number of Hijri month `m` of year `y`.
pub fn hijri_month_span(y: i64, m: u32) -> (i64, i64) {
    let start = hijri_to_days(y, m, 1);
    let next = if m >= 12 { hijri_to_days(y + 1, 1, 1) } else { hijri_to_days(y, m + 1, 1) };
    (start, next - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2017, 12, 3)), (2017, 12, 3));
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
        assert_eq!(fmt_day(days_from_civil(2018, 2, 15) - 46), "2017-12-31");
        // 2017-12-03 was a Sunday, 2018-02-15 a Thursday
        assert_eq!(weekday(days_from_civil(2017, 12, 3)), 7);
        assert_eq!(weekday(days_from_civil(2018, 2, 15)), 4);
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(iso_week(days_from_civil(2018, 2, 15)), (2018, 7));
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2018, 12, 31)), (2019, 1));
    }

    #[test]
    fn parses_dates() {
        assert_eq!(parse_iso_date("2018-02-15"), Some(days_from_civil(2018, 2, 15)));
        assert_eq!(parse_iso_date("20080101"), Some(days_from_civil(2008, 1, 1)));
        assert_eq!(parse_iso_date("2018-02-30"), None);
        assert_eq!(parse_iso_date("yesterday"), None);
        assert_eq!(parse_iso_date(""), None);
        assert_eq!(parse_iso_date("2018-02-15T08:00:00Z"), Some(days_from_civil(2018, 2, 15)));
        assert_eq!(parse_iso_date("2018/02/15"), Some(days_from_civil(2018, 2, 15)));
        assert_eq!(parse_iso_date("Thu, 15 Feb 2018 08:00:00 GMT"), Some(days_from_civil(2018, 2, 15)));
        assert_eq!(parse_iso_date("15 February 2018"), Some(days_from_civil(2018, 2, 15)));
        assert_eq!(parse_iso_date("Thu, 31 Feb 2018"), None);
        assert_eq!(parse_iso_date("2018-02-15 08:00"), Some(days_from_civil(2018, 2, 15)));
    }

    #[test]
    fn intervals_of_values() {
        for d in [-1000, 0, 19_000, 19_500, 20_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        let (lo, hi) = interval("2023-02").unwrap();
        assert_eq!((fmt_day(lo), fmt_day(hi)), ("2023-02-01".into(), "2023-02-28".into()));
        let (lo, hi) = interval("2023-W15").unwrap();
        assert_eq!((fmt_day(lo), fmt_day(hi)), ("2023-04-10".into(), "2023-04-16".into()));
        let (lo, hi) = interval("2021-W01").unwrap();
        assert_eq!((fmt_day(lo), fmt_day(hi)), ("2021-01-04".into(), "2021-01-10".into()));
        assert_eq!(interval("2023-03-15T10:00"), interval("2023-03-15"));
        assert_eq!(interval("2024").map(|(a, b)| b - a), Some(365));
        assert!(interval("2023-13").is_none());
        assert!(interval("2023-02-29").is_none());
        assert!(interval("201X").is_none());
        assert!(interval("").is_none());
        assert!(interval("٢٠٢٣").is_none());
        assert!(interval("2023-W54").is_none());
        let (lo, hi) = interval("2022-05-02/2023-05-02").unwrap();
        assert_eq!(hi - lo, 365);
        assert!(interval("2023/2022").is_none());
    }

    #[test]
    fn hijri_epoch_and_known_new_years() {
        assert_eq!(fmt_day(hijri_to_days(1, 1, 1)), "0622-07-19");
        // 1 Muharram 1439 was observed on 21/22 September 2017
        let d = hijri_to_days(1439, 1, 1);
        assert!((d - days_from_civil(2017, 9, 21)).abs() <= 2, "{}", fmt_day(d));
        // 1 Ramadan 1439 ≈ 16/17 May 2018
        let r = hijri_to_days(1439, 9, 1);
        assert!((r - days_from_civil(2018, 5, 16)).abs() <= 2, "{}", fmt_day(r));
        let (s, e) = hijri_year_span(1439);
        assert!(e - s == 353 || e - s == 354);
    }
}
