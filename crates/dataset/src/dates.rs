//! Day arithmetic on ISO dates (proleptic Gregorian), and the day interval
//! a normalised date value covers.

/// Days since 1970-01-01 of a civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn iso(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The first and last day covered by an ISO-like value: `YYYY-MM-DD`
/// (optionally followed by a time), `YYYY-MM`, `YYYY`, `YYYY-Www`, and
/// intervals `A/B`. `None` for anything else (decades, seasons, garbage).
pub fn interval(v: &str) -> Option<(i64, i64)> {
    let v = v.trim();
    if let Some((a, b)) = v.split_once('/') {
        let (lo, _) = interval(a)?;
        let (_, hi) = interval(b)?;
        return (lo <= hi).then_some((lo, hi));
    }
    let v = v.split('T').next()?;
    let parts: Vec<&str> = v.split('-').collect();
    let y = num(parts.first()?)?;
    if parts[0].len() != 4 {
        return None;
    }
    match parts.len() {
        1 => Some((days_from_civil(y, 1, 1), days_from_civil(y, 12, 31))),
        2 if parts[1].starts_with('W') => {
            let w = num(&parts[1][1..])?;
            if !(1..=53).contains(&w) {
                return None;
            }
            // ISO week 1 holds January 4th; weeks start on Monday
            let jan4 = days_from_civil(y, 1, 4);
            let wd = (jan4 + 3).rem_euclid(7); // 0 = Monday
            let mon = jan4 - wd + (w - 1) * 7;
            Some((mon, mon + 6))
        }
        2 => {
            let m = num(parts[1])? as u32;
            if !(1..=12).contains(&m) {
                return None;
            }
            Some((days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m))))
        }
        3 => {
            let m = num(parts[1])? as u32;
            let d = num(parts[2])? as u32;
            if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
                return None;
            }
            let x = days_from_civil(y, m, d);
            Some((x, x))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_intervals() {
        for d in [-1000, 0, 19_000, 19_500, 20_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(iso(days_from_civil(2023, 3, 15)), "2023-03-15");
        let (lo, hi) = interval("2023-02").unwrap();
        assert_eq!((iso(lo), iso(hi)), ("2023-02-01".into(), "2023-02-28".into()));
        let (lo, hi) = interval("2023-W15").unwrap();
        assert_eq!((iso(lo), iso(hi)), ("2023-04-10".into(), "2023-04-16".into()));
        assert_eq!(interval("2023-03-15T10:00"), interval("2023-03-15"));
        assert!(interval("2023-13").is_none());
        assert!(interval("201X").is_none());
        assert!(interval("").is_none());
        assert!(interval("٢٠٢٣").is_none());
        let (lo, hi) = interval("2022-05-02/2023-05-02").unwrap();
        assert_eq!(hi - lo, 365);
    }
}
