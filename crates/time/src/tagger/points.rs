//! Points of the calendar larger than a day: years (with the cues a bare
//! year needs), Hijri years and dates, seasons, decades, centuries, and
//! halves and quarters of a year.

use super::words::{cl_eq, cl_eq_any, counted_ar_forms, en_direction, hijri_forms, season_ar_forms};
use super::{year_spec, Match, Parser, Spec};
use crate::lexicon::*;
use marsad_core::TokenKind;

impl<'a> Parser<'a> {
    // ---------- years, seasons, decades, Hijri ----------

    pub(super) fn counted_after(&self, e: usize) -> bool {
        if e >= self.len() {
            return false;
        }
        let k = &self.t[e];
        match k.kind {
            TokenKind::Arabic => {
                if AFTER_YEAR_OK_AR.contains(&k.norm) {
                    return false;
                }
                if counted_ar_forms().contains(k.norm) && COUNTED_AR.iter().any(|w| cl_eq(k.norm, w) || k.norm == *w) {
                    return true;
                }
                // accusative tanwin (شخصاً): a counted noun
                k.surf.ends_with("اً") || k.surf.ends_with("ًا")
            }
            TokenKind::Latin => COUNTED_EN.contains(&k.norm),
            TokenKind::Punct => k.norm == "%",
            _ => false,
        }
    }

    pub(super) fn year(&self, i: usize) -> Option<Match> {
        if i >= self.len() {
            return None;
        }
        // عام 2017، العام 2017، سنة 2017
        if self.t[i].kind == TokenKind::Arabic && ["عام", "العام", "سنه", "السنه", "عامي"].iter().any(|w| cl_eq_any(self.t[i].norm, w)) {
            if let Some(h) = self.hijri_year(i + 1) {
                return Some(Match { start: i, ..h });
            }
            let (e, y) = self.year_num(i + 1)?;
            return Some(Match { start: i, end: e, spec: year_spec(y), modifier: None });
        }
        if self.lat(i, "the") && self.lat(i + 1, "year") {
            let (e, y) = self.year_num(i + 2)?;
            return Some(Match { start: i, end: e, spec: year_spec(y), modifier: None });
        }
        if let Some(h) = self.hijri_year(i) {
            return Some(h);
        }
        // the '90s, the 90s
        if let Some(n) = self.num(i) {
            if self.t[i].norm.len() == 2 && n % 10 == 0 && self.adj(i) && self.lat(i + 1, "s") && i > 0 && (self.punct(i - 1, &["'", "’"]) || self.lat(i - 1, "the")) {
                let start = if self.punct(i - 1, &["'", "’"]) { i - 1 } else { i };
                return Some(Match { start, end: i + 2, spec: Spec::Decade(190 + n as i64 / 10), modifier: None });
            }
        }
        let (e, y) = self.year_num(i)?;
        // 1990s
        if y % 10 == 0 && self.adj(i) && self.lat(i + 1, "s") {
            if y % 100 == 0 {
                return Some(Match { start: i, end: i + 2, spec: Spec::Century { c: Some(y / 100), rel: None }, modifier: None });
            }
            return Some(Match { start: i, end: i + 2, spec: Spec::Decade(y / 10), modifier: None });
        }
        let marked = e > i + 1; // 2017م
        let listed = i >= 1 && self.last_year_end.get() == Some(i - 1) && (self.is(i - 1, "و") || self.lat(i - 1, "and") || self.punct(i - 1, &[",", "،"]));
        let bracketed = i >= 1 && self.punct(i - 1, &["("]) && self.punct(e, &[")"]);
        let cue = self.cue_before(i) || listed || bracketed || (i >= 1 && self.lat(i - 1, "'s"));
        if !marked && !(cue && (1900..=2100).contains(&y)) {
            return None;
        }
        if !marked && self.counted_after(e) {
            return None;
        }
        Some(Match { start: i, end: e, spec: year_spec(y), modifier: None })
    }

    /// 1439 هـ، 1439هـ، [day] Hijri-month year [هـ].
    pub(super) fn hijri_year(&self, i: usize) -> Option<Match> {
        let y = self.num(i)?;
        if !(1..=1600).contains(&y) || self.t[i].norm.len() > 4 {
            return None;
        }
        let e = self.hijri_mark(i + 1)?;
        Some(Match { start: i, end: e, spec: Spec::Hijri { y: y as i64, m: None, d: None }, modifier: None })
    }

    pub(super) fn hijri_date(&self, i: usize) -> Option<Match> {
        let (mut j, d) = match self.day(i) {
            Some((e, d)) if self.t[i].kind == TokenKind::Number || self.t[i].kind == TokenKind::Arabic => (e, Some(d)),
            _ => (i, None),
        };
        if d.is_some() && self.exact(j, "من") {
            j += 1;
        }
        let mut found: Option<(usize, u32)> = None;
        // no Hijri month begins with a word outside the forms `cl_eq` accepts
        if !hijri_forms().contains(self.norm(j)) {
            return None;
        }
        for (words, m) in HIJRI_MONTHS {
            if cl_eq(self.norm(j), words[0]) && words[1..].iter().enumerate().all(|(k, w)| self.exact(j + 1 + k, w)) {
                let e = j + words.len();
                if found.map_or(true, |f| e > f.0) {
                    found = Some((e, *m));
                }
            }
        }
        let (mut e, m) = found?;
        if self.exact(e, "من") || self.any(e, &["عام", "سنه"]) {
            e += 1;
        }
        let y = self.num(e)?;
        if !(1300..=1600).contains(&y) || self.t[e].norm.len() != 4 {
            return None;
        }
        let end = self.hijri_mark(e + 1).unwrap_or(e + 1);
        Some(Match { start: i, end, spec: Spec::Hijri { y: y as i64, m: Some(m), d }, modifier: None })
    }

    /// صيف 2017، الصيف الماضي، ربيع العام الماضي, summer 2017, last winter.
    pub(super) fn season(&self, i: usize) -> Option<Match> {
        if self.t.get(i)?.kind == TokenKind::Latin {
            return self.season_en(i);
        }
        // one look-up instead of eight `cl_eq` at most tokens (issue 12,
        // fifteenth pass; test `month_forms_agree_with_cl_eq`)
        if !season_ar_forms().contains(self.norm(i)) {
            return None;
        }
        let (_, s) = SEASONS_AR.iter().find(|(w, _)| self.is(i, w))?;
        if self.exact(i + 1, "العربي") {
            return None;
        }
        let season = |end: usize, y: Option<i64>, yrel: Option<i64>, dir: Option<i32>| Some(Match { start: i, end, spec: Spec::Season { s, y, yrel, dir }, modifier: None });
        if let Some((e, y)) = self.year_after_month(i + 1) {
            return season(e, Some(y), None, None);
        }
        if let Some(d) = self.dir(i + 1) {
            return season(i + 2, None, None, Some(d));
        }
        let (e, yr) = self.yrel_after(i + 1)?;
        season(e, None, Some(yr), None)
    }

    fn season_en(&self, i: usize) -> Option<Match> {
        let dir = en_direction(self.norm(i));
        let j = if dir.is_some() || self.lat(i, "the") { i + 1 } else { i };
        let (_, s) = SEASONS_EN.iter().find(|(w, _)| self.lat(j, w))?;
        if dir.is_some() {
            return Some(Match { start: i, end: j + 1, spec: Spec::Season { s, y: None, yrel: None, dir }, modifier: None });
        }
        let k = if self.lat(j + 1, "of") { j + 2 } else { j + 1 };
        let (e, y) = self.year_num(k)?;
        Some(Match { start: i, end: e, spec: Spec::Season { s, y: Some(y), yrel: None, dir: None }, modifier: None })
    }

    /// التسعينيات، ثمانينات القرن الماضي
    pub(super) fn decade(&self, i: usize) -> Option<Match> {
        if i >= self.len() || self.t[i].kind != TokenKind::Arabic {
            return None;
        }
        let n = self.norm(i);
        let stem = n.strip_suffix("يات").or_else(|| n.strip_suffix("ات"))?;
        let mut digit = None;
        for (w, d) in DECADES_AR {
            if let Some(p) = stem.strip_suffix(w) {
                if ["", "ال", "و", "وال", "في", "ب", "بال", "لل", "ول", "ف", "فال"].contains(&p) {
                    digit = Some(*d);
                }
            }
        }
        let d = digit? as i64;
        let mut e = i + 1;
        let mut century = 19;
        if self.exact(e, "من") && self.exact(e + 1, "القرن") {
            e += 1;
        }
        if self.exact(e, "القرن") {
            if self.any(e + 1, &["الماضي", "العشرين", "المنصرم"]) {
                e += 2;
            } else if self.any(e + 1, &["الحالي", "الجاري"]) {
                century = 20;
                e += 2;
            } else if self.exact(e + 1, "التاسع") && self.exact(e + 2, "عشر") {
                century = 18;
                e += 3;
            }
        }
        Some(Match { start: i, end: e, spec: Spec::Decade(century * 10 + d), modifier: None })
    }

    /// القرن التاسع عشر، القرن الـ19، القرن الماضي، the 19th century, last century.
    pub(super) fn century(&self, i: usize) -> Option<Match> {
        match self.t.get(i)?.kind {
            TokenKind::Arabic => self.century_ar(i),
            TokenKind::Latin => self.century_en(i),
            _ => self.century_numbered(i),
        }
    }

    fn century_ar(&self, i: usize) -> Option<Match> {
        let cen = |end: usize, c: Option<i64>, rel: Option<i64>| Some(Match { start: i, end, spec: Spec::Century { c, rel }, modifier: None });
        if !self.is(i, "القرن") {
            return None;
        }
        let j = i + 1;
        if let Some(d) = self.dir(j) {
            return cen(j + 1, None, Some(d as i64));
        }
        let k = if self.exact(j, "ال") { j + 1 } else { j };
        if let Some(n) = self.num(k) {
            if (1..=21).contains(&n) && self.t[k].norm.len() <= 2 {
                return cen(k + 1, Some(n as i64 - 1), None);
            }
            return None;
        }
        if self.exact(j, "العشرين") {
            return cen(j + 1, Some(19), None);
        }
        let (e, n) = self.ordinal(j)?;
        if n > 21 {
            return None;
        }
        cen(e, Some(n as i64 - 1), None)
    }

    fn century_en(&self, i: usize) -> Option<Match> {
        let cen = |end: usize, c: Option<i64>, rel: Option<i64>| Some(Match { start: i, end, spec: Spec::Century { c, rel }, modifier: None });
        let j = if self.lat(i, "the") { i + 1 } else { i };
        if self.lat(j, "last") && self.lat(j + 1, "century") {
            return cen(j + 2, None, Some(-1));
        }
        if self.lat(j, "this") && self.lat(j + 1, "century") {
            return cen(j + 2, None, Some(0));
        }
        let words: &[(&str, i64)] = &[("nineteenth", 19), ("twentieth", 20), ("eighteenth", 18)];
        if let Some((_, n)) = words.iter().find(|(w, _)| self.lat(j, w)) {
            return if self.lat(j + 1, "century") { cen(j + 2, Some(n - 1), None) } else { None };
        }
        if self.lat(j, "twenty") && self.punct(j + 1, &["-"]) && self.lat(j + 2, "first") && self.lat(j + 3, "century") {
            return cen(j + 4, Some(20), None);
        }
        None
    }

    /// 19th century (with "the" before it in the span).
    fn century_numbered(&self, i: usize) -> Option<Match> {
        let n = self.num(i)?;
        if self.t[i].norm.len() <= 2 && (1..=21).contains(&n) && self.adj(i) && ["st", "nd", "rd", "th"].iter().any(|w| self.lat(i + 1, w)) && self.lat(i + 2, "century") {
            let start = if i > 0 && self.lat(i - 1, "the") { i - 1 } else { i };
            return Some(Match { start, end: i + 3, spec: Spec::Century { c: Some(n as i64 - 1), rel: None }, modifier: None });
        }
        None
    }

    /// النصف الأول من عام 2019، الربع الثالث من العام الماضي, the first half of 2019, Q3 2019.
    pub(super) fn part_of_year(&self, i: usize) -> Option<Match> {
        let (code, j) = if self.t.get(i)?.kind == TokenKind::Arabic { self.part_ar(i)? } else { self.part_en(i)? };
        let inner = self.point_core0(j)?;
        if !matches!(inner.spec, Spec::Date { m: None, d: None, .. } | Spec::Rel { unit: Unit::Year, .. }) {
            return None;
        }
        Some(Match { start: i, end: inner.end, spec: Spec::Part { code, year: Box::new(inner.spec) }, modifier: None })
    }

    /// النصف الأول من، الربع الأخير: (code, where the year starts).
    fn part_ar(&self, i: usize) -> Option<(&'static str, usize)> {
        let half = self.is(i, "النصف");
        let quarter = self.is(i, "الربع");
        if !half && !quarter {
            return None;
        }
        let n = match self.norm(i + 1) {
            "الاول" => 1,
            "الثاني" => 2,
            "الثالث" if quarter => 3,
            "الرابع" | "الاخير" if quarter => 4,
            "الاخير" if half => 2,
            _ => return None,
        };
        let code = if half { ["H1", "H2"][n - 1] } else { ["Q1", "Q2", "Q3", "Q4"][n - 1] };
        let j = if self.exact(i + 2, "من") { i + 3 } else { i + 2 };
        Some((code, j))
    }

    /// Q3, the first half of, the last quarter of: (code, where the year starts).
    fn part_en(&self, i: usize) -> Option<(&'static str, usize)> {
        if let Some(q) = ["q1", "q2", "q3", "q4"].iter().position(|w| self.lat(i, w)) {
            return Some((["Q1", "Q2", "Q3", "Q4"][q], i + 1));
        }
        let k = if self.lat(i, "the") { i + 1 } else { i };
        let n = match self.norm(k) {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            "fourth" | "last" => 4,
            _ => return None,
        };
        let half = self.lat(k + 1, "half");
        if !half && !self.lat(k + 1, "quarter") {
            return None;
        }
        if half && n > 2 && n != 4 {
            return None;
        }
        let code = if half { if n == 1 { "H1" } else { "H2" } } else { ["Q1", "Q2", "Q3", "Q4"][n - 1] };
        let j = if self.lat(k + 2, "of") { k + 3 } else { k + 2 };
        Some((code, j))
    }
}
