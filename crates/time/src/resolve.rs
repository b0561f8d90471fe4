//! Resolution: a [`Spec`] plus an optional anchor (the publication date as a
//! day number) gives an ISO 8601 value and a precision.

use crate::calendar::*;
use crate::lexicon::Unit;
use crate::tagger::Spec;

/// The resolved value: ISO string (None when nothing can be said), the
/// precision, and whether the anchor was used.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub value: Option<String>,
    pub precision: &'static str,
    pub used_anchor: bool,
}

fn r(value: Option<String>, precision: &'static str, used_anchor: bool) -> Resolved {
    Resolved { value, precision, used_anchor }
}

/// Resolve against `anchor` (days since 1970-01-01).
pub fn resolve(spec: &Spec, anchor: Option<i64>) -> Resolved {
    let a = anchor.map(civil_from_days);
    match spec {
        Spec::Date { y, m, d, yrel, dir } => {
            let prec = if d.is_some() { "day" } else if m.is_some() { "month" } else { "year" };
            let mut used = false;
            let year = match (y, yrel, m, a) {
                (Some(y), _, _, _) => Some(*y),
                (None, Some(rel), _, Some((ay, _, _))) => {
                    used = true;
                    Some(ay + rel)
                }
                (None, None, Some(m), Some((ay, am, ad))) => {
                    used = true;
                    Some(year_for_month(*m, *d, *dir, ay, am, ad))
                }
                _ => None,
            };
            let value = match (year, m, d) {
                (Some(y), Some(m), Some(d)) if valid_date(y, *m, *d) => Some(format!("{y:04}-{m:02}-{d:02}")),
                (Some(_), Some(_), Some(_)) => None,
                (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
                (Some(y), None, _) => Some(format!("{y:04}")),
                // no year can be said: ISO 8601 truncated forms --MM and --MM-DD
                (None, Some(m), Some(d)) => Some(format!("--{m:02}-{d:02}")),
                (None, Some(m), None) => Some(format!("--{m:02}")),
                (None, None, _) => None,
            };
            r(value, prec, used)
        }
        Spec::Rel { unit, n } => {
            let Some(z) = anchor else {
                return r(None, unit_precision(*unit), false);
            };
            let (ay, am, _) = civil_from_days(z);
            let v = match unit {
                Unit::Day => fmt_day(z + n),
                Unit::Week => {
                    let (wy, w) = iso_week(z + 7 * n);
                    format!("{wy:04}-W{w:02}")
                }
                Unit::Month => {
                    let t = ay * 12 + (am as i64 - 1) + n;
                    format!("{:04}-{:02}", t.div_euclid(12), t.rem_euclid(12) + 1)
                }
                Unit::Year => format!("{:04}", ay + n),
            };
            r(Some(v), unit_precision(*unit), true)
        }
        Spec::Weekday { wd, dir } => {
            let Some(z) = anchor else {
                return r(None, "day", false);
            };
            let aw = weekday(z) as i64;
            let wd = *wd as i64;
            let day = match dir {
                1 => {
                    let f = (wd - aw).rem_euclid(7);
                    z + if f == 0 { 7 } else { f }
                }
                2 => z + (wd - aw).rem_euclid(7),
                -1 => {
                    let b = (aw - wd).rem_euclid(7);
                    z - if b == 0 { 7 } else { b }
                }
                _ => z - (aw - wd).rem_euclid(7),
            };
            r(Some(fmt_day(day)), "day", true)
        }
        Spec::Season { s, y, yrel, dir } => {
            let (start_m, end_m) = match *s {
                "SP" => (3, 5),
                "SU" => (6, 8),
                "FA" => (9, 11),
                _ => (12, 14), // winter: December to February of the next year
            };
            let mut used = false;
            let year = match (y, yrel, dir, a) {
                (Some(y), _, _, _) => Some(*y),
                (None, Some(rel), _, Some((ay, _, _))) => {
                    used = true;
                    Some(ay + rel)
                }
                (None, None, Some(d), Some((ay, am, _))) => {
                    used = true;
                    // month indexes: season of year y runs y*12+start_m-1 ..= y*12+end_m-1
                    let now = ay * 12 + am as i64 - 1;
                    let span = |y: i64| (y * 12 + start_m - 1, y * 12 + end_m - 1);
                    let years = [ay + 1, ay, ay - 1, ay - 2];
                    Some(match d {
                        -1 => years.iter().copied().find(|y| span(*y).1 < now).unwrap_or(ay - 1),
                        1 => years.iter().rev().copied().find(|y| span(*y).0 > now).unwrap_or(ay + 1),
                        _ => years.iter().copied().find(|y| span(*y).0 <= now && now <= span(*y).1).unwrap_or(ay),
                    })
                }
                _ => None,
            };
            r(year.map(|y| format!("{y:04}-{s}")), "season", used)
        }
        Spec::Decade(d) => r(Some(format!("{d:03}")), "decade", false),
        Spec::Century { c, rel } => match (c, rel, anchor) {
            (Some(c), _, _) => r(Some(format!("{c:02}")), "century", false),
            (None, Some(rel), Some(z)) => {
                let (ay, _, _) = civil_from_days(z);
                r(Some(format!("{:02}", ay.div_euclid(100) + rel)), "century", true)
            }
            _ => r(None, "century", false),
        },
        Spec::Hijri { y, m, d } => {
            let v = match (m, d) {
                (Some(m), Some(d)) if *d <= 30 => Some(fmt_day(hijri_to_days(*y, *m, *d))),
                (Some(m), _) => {
                    let (s, e) = hijri_month_span(*y, *m);
                    Some(format!("{}/{}", fmt_day(s), fmt_day(e)))
                }
                _ => {
                    let (s, e) = hijri_year_span(*y);
                    Some(format!("{}/{}", fmt_day(s), fmt_day(e)))
                }
            };
            let prec = if d.is_some() && m.is_some() { "day" } else { "interval" };
            r(v, prec, false)
        }
        Spec::Unanchored(inner) => resolve(inner, None),
        Spec::Part { code, year } => {
            let yr = resolve(year, anchor);
            let prec = if code.starts_with('H') { "half" } else { "quarter" };
            r(yr.value.map(|y| format!("{y}-{code}")), prec, yr.used_anchor)
        }
        Spec::DayRelMonth { d, mrel } => {
            let Some(z) = anchor else {
                return r(None, "day", false);
            };
            let (ay, am, _) = civil_from_days(z);
            let t = ay * 12 + (am as i64 - 1) + mrel;
            let (y, m) = (t.div_euclid(12), (t.rem_euclid(12) + 1) as u32);
            let v = if valid_date(y, m, *d) { Some(format!("{y:04}-{m:02}-{d:02}")) } else { None };
            r(v, "day", true)
        }
        Spec::Time { h, mi, day } => {
            let clock = format!("T{h:02}:{mi:02}");
            match day {
                Some(ds) => {
                    let dr = resolve(ds, anchor);
                    let v = match dr.value {
                        Some(v) if v.len() == 10 && !v.starts_with('-') => format!("{v}{clock}"),
                        _ => clock,
                    };
                    r(Some(v), "time", dr.used_anchor)
                }
                None => r(Some(clock), "time", false),
            }
        }
        Spec::Span { unit, n, future } => {
            let (Some(z), Some(n)) = (anchor, n) else {
                return r(None, "interval", false);
            };
            let (ay, am, ad) = civil_from_days(z);
            let shift = |k: i64| -> i64 {
                match unit {
                    Unit::Day => z + k,
                    Unit::Week => z + 7 * k,
                    Unit::Month => {
                        let t = ay * 12 + (am as i64 - 1) + k;
                        let (y, m) = (t.div_euclid(12), (t.rem_euclid(12) + 1) as u32);
                        days_from_civil(y, m, ad.min(days_in_month(y, m)))
                    }
                    Unit::Year => {
                        let y = ay + k;
                        days_from_civil(y, am, ad.min(days_in_month(y, am)))
                    }
                }
            };
            let (s, e) = if *future { (z, shift(*n)) } else { (shift(-*n), z) };
            r(Some(format!("{}/{}", fmt_day(s), fmt_day(e))), "interval", true)
        }
        Spec::Range(x, y) => {
            let (a1, b1) = (resolve(x, anchor), resolve(y, anchor));
            let v = match (&a1.value, &b1.value) {
                (Some(p), Some(q)) => Some(format!("{}/{}", first_part(p), last_part(q))),
                _ => None,
            };
            r(v, "interval", a1.used_anchor || b1.used_anchor)
        }
    }
}

fn first_part(v: &str) -> &str {
    v.split('/').next().unwrap_or(v)
}
fn last_part(v: &str) -> &str {
    v.rsplit('/').next().unwrap_or(v)
}

fn unit_precision(u: Unit) -> &'static str {
    match u {
        Unit::Day => "day",
        Unit::Week => "week",
        Unit::Month => "month",
        Unit::Year => "year",
    }
}

/// The year of a month (and day) named without a year, seen from the anchor
/// date (ay, am, ad). dir -1: the most recent one strictly before the
/// anchor's month (day); +1: the next one strictly after; 0: the anchor's
/// year; -2: the last one on or before (a sentence about the past); +2: the
/// next one on or after (a sentence about the future). Without a direction
/// (not produced by the tagger any more): the anchor's year when the month is not after
/// the anchor's month or at most two months ahead, else the year before
/// (news mostly reports the past).
fn year_for_month(m: u32, d: Option<u32>, dir: Option<i32>, ay: i64, am: u32, ad: u32) -> i64 {
    let key = |m: u32, d: u32| m * 32 + d;
    let (k, ka) = match d {
        Some(d) => (key(m, d), key(am, ad)),
        None => (key(m, 0), key(am, 0)),
    };
    match dir {
        Some(-1) => {
            if k < ka {
                ay
            } else {
                ay - 1
            }
        }
        Some(1) => {
            if k > ka {
                ay
            } else {
                ay + 1
            }
        }
        Some(-2) => {
            if k <= ka {
                ay
            } else {
                ay - 1
            }
        }
        Some(2) => {
            if k >= ka {
                ay
            } else {
                ay + 1
            }
        }
        Some(_) => ay,
        None => {
            if k <= ka || m <= am + 2 {
                ay
            } else {
                ay - 1
            }
        }
    }
}

/// First and last day (ISO dates) covered by a value, narrowed by a vague
/// modifier: early = first third, mid = middle third, late = last third
/// (of a year: Jan–Apr, May–Aug, Sep–Dec; of a month: days 1–10, 11–20,
/// 21–end; of a decade: years 0–3, 4–6, 7–9). Truncated values (--12) and
/// week/season values give None.
pub fn bounds(value: &str, modifier: Option<&str>) -> Option<(String, String)> {
    if let Some((a, b)) = value.split_once('/') {
        let (s, _) = bounds(a, None)?;
        let (_, e) = bounds(b, None)?;
        return Some((s, e));
    }
    let parts: Vec<&str> = value.split('-').collect();
    let num = |s: &str| -> Option<i64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            s.parse().ok()
        }
    };
    let third = |n: i64, lo: i64, hi: i64| -> (i64, i64) {
        // split [lo, hi] into thirds; n: 0 early, 1 mid, 2 late
        let len = hi - lo + 1;
        let a = lo + len * n / 3;
        let b = lo + len * (n + 1) / 3 - 1;
        (a, b)
    };
    let part = match modifier {
        Some("early") => Some(0),
        Some("mid") => Some(1),
        Some("late") => Some(2),
        _ => None,
    };
    match parts.len() {
        1 if value.len() == 2 => {
            let c = num(value)?;
            let (mut a, mut b) = (c * 100, c * 100 + 99);
            if let Some(p) = part {
                (a, b) = match p {
                    0 => (a, a + 32),
                    1 => (a + 33, a + 65),
                    _ => (a + 66, b),
                };
            }
            Some((format!("{a:04}-01-01"), format!("{b:04}-12-31")))
        }
        1 if value.len() == 3 => {
            let d = num(value)?;
            let (mut a, mut b) = (d * 10, d * 10 + 9);
            if let Some(p) = part {
                (a, b) = match p {
                    0 => (a, a + 3),
                    1 => (a + 4, a + 6),
                    _ => (a + 7, b),
                };
            }
            Some((format!("{a:04}-01-01"), format!("{b:04}-12-31")))
        }
        1 if value.len() == 4 => {
            let y = num(value)?;
            let (m1, m2) = part.map_or((1, 12), |p| third(p, 1, 12));
            Some((format!("{y:04}-{m1:02}-01"), format!("{y:04}-{m2:02}-{:02}", days_in_month(y, m2 as u32))))
        }
        2 if parts[1].starts_with('H') || parts[1].starts_with('Q') => {
            let y = num(parts[0])?;
            let (m1, m2) = match parts[1] {
                "H1" => (1, 6),
                "H2" => (7, 12),
                "Q1" => (1, 3),
                "Q2" => (4, 6),
                "Q3" => (7, 9),
                "Q4" => (10, 12),
                _ => return None,
            };
            Some((format!("{y:04}-{m1:02}-01"), format!("{y:04}-{m2:02}-{:02}", days_in_month(y, m2))))
        }
        2 => {
            let (y, m) = (num(parts[0])?, num(parts[1])? as u32);
            if !(1..=12).contains(&m) {
                return None;
            }
            let last = days_in_month(y, m) as i64;
            let (d1, d2) = match part {
                Some(0) => (1, 10),
                Some(1) => (11, 20),
                Some(_) => (21, last),
                None => (1, last),
            };
            Some((format!("{y:04}-{m:02}-{d1:02}"), format!("{y:04}-{m:02}-{d2:02}")))
        }
        3 => {
            let (y, m, d) = (num(parts[0])?, num(parts[1])? as u32, num(parts[2])? as u32);
            if !valid_date(y, m, d) {
                return None;
            }
            Some((value.to_string(), value.to_string()))
        }
        _ => None,
    }
}
