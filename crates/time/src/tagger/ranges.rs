//! Expressions built on a point: modified points (أواخر عام 2017, بعد عام
//! 2003, early 2017) and ranges (بين 2014 و2017, from March to May 2017,
//! 2014–2017), with what the first element of a range omits taken from the
//! second.

use super::words::modifier_ar_forms;
use super::{is_yearish, year_spec, Match, Parser, Spec};
use crate::lexicon::*;
use marsad_core::TokenKind;

/// How a range opens: بين / between, من / from, or a bare year (2014–2017).
enum RangeKind {
    Between,
    From,
    Bare,
}

impl<'a> Parser<'a> {
    /// أواخر عام 2017، منتصف الشهر الماضي، بعد عام 2003، early 2017, mid-2017 …
    pub(super) fn modified(&self, i: usize) -> Option<Match> {
        let (j, modifier, vague) = match self.t.get(i)?.kind {
            TokenKind::Arabic => self.modifier_ar(i)?,
            TokenKind::Latin => self.modifier_en(i)?,
            _ => return None,
        };
        // بعد ظهر أمس is a part of the day, not "after"
        if self.any(j, &["ظهر", "الظهر"]) {
            return None;
        }
        let inner = match self.point(j) {
            Some(m) => m,
            None if vague => self.current_unit(j)?,
            None => return None,
        };
        // a vague part of a day makes no sense (أواخر أمس)
        let day_like = matches!(
            inner.spec,
            Spec::Date { d: Some(_), .. } | Spec::Weekday { .. } | Spec::Rel { unit: Unit::Day, .. } | Spec::DayRelMonth { .. } | Spec::Time { .. }
        );
        if vague && day_like {
            return None;
        }
        // about: only with years
        if modifier == "about" && !is_yearish(&inner.spec) {
            return None;
        }
        Some(Match { start: i, end: inner.end, spec: inner.spec, modifier: Some(modifier) })
    }

    /// An Arabic modifier word: (where the point starts, modifier, vague).
    fn modifier_ar(&self, i: usize) -> Option<(usize, &'static str, bool)> {
        // one look-up rejects a word that is no modifier behind any
        // proclitic, instead of up to 22 `cl_eq` (at every Arabic token
        // where an expression may start; issue 12, fifteenth pass; test
        // `month_forms_agree_with_cl_eq`)
        if !modifier_ar_forms().contains(self.norm(i)) {
            return None;
        }
        if let Some((_, m)) = VAGUE_AR.iter().find(|(w, _)| self.is(i, w)) {
            return Some((i + 1, *m, true));
        }
        let (_, m) = POINT_MOD_AR.iter().find(|(w, _)| self.is(i, w))?;
        Some((i + 1, *m, false))
    }

    /// An English modifier: "the end of", "beginning of", early, mid-,
    /// after, since …: (where the point starts, modifier, vague).
    fn modifier_en(&self, i: usize) -> Option<(usize, &'static str, bool)> {
        let phrase = |mw: &str| -> Option<usize> {
            let k = if self.lat(i, "the") { i + 1 } else { i };
            (self.lat(k, mw) && self.lat(k + 1, "of")).then_some(k + 2)
        };
        if let Some(k) = phrase("end") {
            return Some((k, "late", true));
        }
        if let Some(k) = phrase("beginning").or_else(|| phrase("start")) {
            return Some((k, "early", true));
        }
        if let Some(k) = phrase("middle") {
            return Some((k, "mid", true));
        }
        let w = self.norm(i);
        match w {
            "early" => Some((i + 1, "early", true)),
            "late" => Some((i + 1, "late", true)),
            "mid" => Some((if self.punct(i + 1, &["-"]) { i + 2 } else { i + 1 }, "mid", true)),
            _ => {
                let (_, m) = POINT_MOD_EN.iter().find(|(x, _)| *x == w)?;
                Some((i + 1, *m, false))
            }
        }
    }

    /// مطلع الأسبوع، نهاية العام، منتصف الشهر: a bare unit noun after a
    /// vague modifier is the current one (but not نهاية العام نفسه).
    fn current_unit(&self, j: usize) -> Option<Match> {
        let (_, u) = UNIT_DEF_AR.iter().find(|(w, _)| self.exact(j, w))?;
        if self.exact(j + 1, "نفسه") || self.exact(j + 1, "ذاته") || self.exact(j + 1, "الذي") {
            return None;
        }
        Some(Match { start: j, end: j + 1, spec: Spec::Rel { unit: *u, n: 0 }, modifier: None })
    }

    /// بين 2014 و2017، بين 3 و5 كانون الأول، من آذار إلى أيار 2017، between
    /// 2014 and 2017, from 8 p.m. to 6 a.m., 2014–2017.
    pub(super) fn range(&self, i: usize) -> Option<Match> {
        let (kind, j) = self.range_opener(i)?;
        let (e1, s1) = self.range_element(j, true)?;
        let k = self.range_link(&kind, e1, &s1)?;
        // the second element, with the conjunction و possibly attached
        let (e2, s2) = self.range_element(k, false)?;
        let (s1, s2) = merge_range(s1, s2)?;
        if !range_fits(&kind, &s1, &s2) {
            return None;
        }
        Some(Match { start: i, end: e2, spec: Spec::Range(Box::new(s1), Box::new(s2)), modifier: None })
    }

    fn range_opener(&self, i: usize) -> Option<(RangeKind, usize)> {
        let kind = self.t.get(i)?.kind;
        if kind == TokenKind::Arabic && self.is(i, "بين") {
            let mut j = i + 1;
            if self.any(j, &["عامي", "العامين", "سنتي", "السنتين", "عام", "العام", "شهري"]) {
                j += 1;
            }
            return Some((RangeKind::Between, j));
        }
        if kind == TokenKind::Arabic && self.exact(i, "من") {
            return Some((RangeKind::From, i + 1));
        }
        if self.lat(i, "between") {
            return Some((RangeKind::Between, i + 1));
        }
        if self.lat(i, "from") {
            return Some((RangeKind::From, i + 1));
        }
        (kind == TokenKind::Number).then_some((RangeKind::Bare, i))
    }

    /// An element of a range: a point (for the first, not itself a range),
    /// or a bare number, year or day.
    fn range_element(&self, j: usize, first: bool) -> Option<(usize, Spec)> {
        match self.point(j) {
            Some(m) if !(first && matches!(m.spec, Spec::Range(..))) => return Some((m.end, m.spec)),
            _ => {}
        }
        if let Some((e, y)) = self.year_num(j) {
            return Some((e, year_spec(y)));
        }
        let (e, d) = self.day(j)?;
        Some((e, Spec::Date { y: None, m: None, d: Some(d), yrel: None, dir: None }))
    }

    /// The word between the two elements (و / and, إلى / to, a dash) after
    /// the first element ending at `k`: where the second starts.
    fn range_link(&self, kind: &RangeKind, k: usize, s1: &Spec) -> Option<usize> {
        match kind {
            RangeKind::Between => {
                if self.exact(k, "و") || self.lat(k, "and") || self.any(k, &["الي", "حتي"]) {
                    Some(k + 1)
                } else if self.t.get(k).map_or(false, |t| t.kind == TokenKind::Arabic && t.norm.starts_with('و')) {
                    Some(k)
                } else {
                    None
                }
            }
            RangeKind::From => {
                let to = self.any(k, &["الي", "حتي", "لغايه"]) || self.lat(k, "to") || self.lat(k, "until") || self.lat(k, "through") || self.punct(k, &["-", "–"]);
                to.then_some(k + 1)
            }
            RangeKind::Bare => {
                let year = matches!(s1, Spec::Date { y: Some(_), m: None, d: None, .. });
                (year && self.punct(k, &["-", "–"])).then_some(k + 1)
            }
        }
    }
}

/// Is the range plausible for how it opened? 2014-2017: both years, in
/// order, close; من is very common: both sides calendar dates, or both
/// clock times.
fn range_fits(kind: &RangeKind, s1: &Spec, s2: &Spec) -> bool {
    match kind {
        RangeKind::Bare => matches!((s1, s2), (Spec::Date { y: Some(a), m: None, .. }, Spec::Date { y: Some(b), m: None, .. }) if b > a && b - a <= 60),
        RangeKind::From => {
            let calendar = |x: &Spec| matches!(x, Spec::Date { .. } | Spec::Hijri { .. });
            let clock = |x: &Spec| matches!(x, Spec::Time { .. });
            (calendar(s1) && calendar(s2)) || (clock(s1) && clock(s2))
        }
        RangeKind::Between => true,
    }
}

/// Give the first element of a range what it omits: بين 3 و5 كانون الأول
/// (month and year from the second), from March to May 2017.
fn merge_range(a: Spec, b: Spec) -> Option<(Spec, Spec)> {
    match (&a, &b) {
        (Spec::Date { y: ya, m: ma, d: da, yrel: ra, dir: dra }, Spec::Date { y: yb, m: mb, d: db, yrel: rb, dir: drb }) => {
            let mut a2 = (*ya, *ma, *da, *ra, *dra);
            if ma.is_none() {
                // a bare day: needs the month of the second
                if da.is_some() {
                    if mb.is_none() || db.is_none() {
                        return None;
                    }
                    a2.1 = *mb;
                } else if ya.is_none() {
                    return None;
                }
            }
            if a2.0.is_none() && yb.is_some() && a2.1.is_some() {
                a2.0 = *yb;
            }
            if a2.0.is_none() && a2.3.is_none() && rb.is_some() {
                a2.3 = *rb;
            }
            if a2.0.is_none() && a2.4.is_none() && drb.is_some() {
                a2.4 = *drb;
            }
            let _ = db;
            Some((Spec::Date { y: a2.0, m: a2.1, d: a2.2, yrel: a2.3, dir: a2.4 }, b))
        }
        _ => {
            if matches!(a, Spec::Date { m: None, y: None, .. }) {
                return None;
            }
            Some((a, b))
        }
    }
}
