//! A single point, assembled: clock times, a part of the day or a clock
//! time joined to a day (مساء أمس, الساعة الثامنة من مساء أمس), a relative
//! day followed by its written date, and the longest of all point patterns.

use super::words::daypart_ar_forms;
use super::{is_dayish, Match, Parser, Spec};
use crate::lexicon::*;
use marsad_core::TokenKind;

/// Arabic hours in words, feminine ordinals as the clock uses them.
const HOURS_AR: &[(&str, u32)] = &[
    ("الواحده", 1),
    ("الثانيه", 2),
    ("الثالثه", 3),
    ("الرابعه", 4),
    ("الخامسه", 5),
    ("السادسه", 6),
    ("السابعه", 7),
    ("الثامنه", 8),
    ("التاسعه", 9),
    ("العاشره", 10),
    ("الحاديه", 11),
];

impl<'a> Parser<'a> {
    /// Any single temporal point, with an optional leading part of the day.
    pub(super) fn point(&self, i: usize) -> Option<Match> {
        if i >= self.len() || !self.may_start(i) {
            return None;
        }
        if self.t[i].kind == TokenKind::Arabic {
            if let Some(j) = self.daypart_ar(i) {
                if let Some(m) = self.point_core(j) {
                    if is_dayish(&m.spec) || matches!(m.spec, Spec::Time { day: Some(_), .. }) {
                        return Some(Match { start: i, ..m });
                    }
                }
            }
        }
        self.point_core(i)
    }

    /// An Arabic part of the day before a day expression (مساء، بعد ظهر،
    /// بعد منتصف الليل): the index where the day may start.
    fn daypart_ar(&self, i: usize) -> Option<usize> {
        // one look-up in the forms `cl_eq` accepts instead of twelve `cl_eq`
        // (at every token where an expression may start; issue 12,
        // fifteenth pass; test `month_forms_agree_with_cl_eq`)
        if daypart_ar_forms().contains(self.norm(i)) {
            return Some(i + 1);
        }
        if !(self.is(i, "بعد") && self.any(i + 1, &["ظهر", "الظهر", "منتصف"])) {
            return None;
        }
        if self.exact(i + 1, "منتصف") && self.any(i + 2, &["ليل", "الليل", "ليله"]) {
            Some(i + 3)
        } else {
            Some(i + 2)
        }
    }

    /// A clock time: الساعة العاشرة صباحاً، الساعة 10:30، الساعة الثامنة
    /// والنصف مساء، 10:30 a.m., 3 pm. Returns (end, hour 0–23, minute).
    pub(super) fn clock(&self, i: usize) -> Option<(usize, u32, u32)> {
        if i >= self.len() {
            return None;
        }
        let (j, h, mi) = if self.t[i].kind == TokenKind::Arabic { self.clock_ar(i)? } else { self.clock_en(i)? };
        if h > 23 || mi > 59 {
            return None;
        }
        Some((j, h, mi))
    }

    /// H:MM at `j` as digits, the colon (or dot, in Arabic text) written
    /// without spaces: (end, minutes), or the token after the hour with 0
    /// minutes when no colon follows. None for a malformed minute.
    fn minutes_after(&self, j: usize, seps: &[&str]) -> Option<(usize, u32, bool)> {
        if !(self.punct(j, seps) && self.adj(j - 1) && self.adj(j)) {
            return Some((j, 0, false));
        }
        let m = self.num(j + 1)?;
        if m > 59 || self.t[j + 1].norm.len() != 2 {
            return None;
        }
        Some((j + 2, m, true))
    }

    /// الساعة + an hour in digits or words, its fraction and part of the day.
    fn clock_ar(&self, i: usize) -> Option<(usize, u32, u32)> {
        if !self.is(i, "الساعه") {
            return None;
        }
        let (mut j, mut h, mi) = match self.num(i + 1) {
            Some(n) => {
                if n > 24 || self.t[i + 1].norm.len() > 2 {
                    return None;
                }
                let (j, mi, _) = self.minutes_after(i + 2, &[":", "."])?;
                (j, n, mi)
            }
            None => self.hour_in_words(i + 1)?,
        };
        // صباحاً / مساءً / ليلاً / ظهراً / عصراً / فجراً
        let n = self.norm(j);
        let pm = matches!(n, "مساء" | "مساءا" | "ليلا" | "عصرا" | "م") || (matches!(n, "ظهرا") && (h <= 5 || h == 12));
        let am = matches!(n, "صباحا" | "فجرا" | "ص");
        if pm || am {
            if pm && h < 12 && !(n == "ليلا" && (h == 12 || h <= 4)) {
                h += 12;
            }
            if am && h == 12 {
                h = 0;
            }
            j += 1;
        }
        Some((j, h, mi))
    }

    /// الثامنة، الحادية عشرة، الثامنة والنصف، التاسعة والربع، التاسعة إلا
    /// ربعاً: (end, hour, minute).
    fn hour_in_words(&self, mut j: usize) -> Option<(usize, u32, u32)> {
        let (_, hh) = HOURS_AR.iter().find(|(w, _)| self.exact(j, w))?;
        let (mut h, mut mi) = (*hh, 0);
        j += 1;
        if self.exact(j, "عشره") && h <= 2 {
            h += 10;
            j += 1;
        }
        if self.exact(j, "والنصف") {
            mi = 30;
            j += 1;
        } else if self.exact(j, "والربع") {
            mi = 15;
            j += 1;
        } else if self.exact(j, "الا") && self.any(j + 1, &["ربعا", "ربع"]) {
            h = if h == 1 { 12 } else { h - 1 };
            mi = 45;
            j += 2;
        }
        Some((j, h, mi))
    }

    /// 10:30 a.m., 3 pm, at 10:30.
    fn clock_en(&self, i: usize) -> Option<(usize, u32, u32)> {
        let mut h = self.num(i)?;
        if self.t[i].norm.len() > 2 || h > 24 {
            return None;
        }
        let (j, mi, colon) = self.minutes_after(i + 1, &[":"])?;
        match self.am_pm(j) {
            Some((k, pm)) => {
                if h == 0 || h > 12 {
                    return None;
                }
                if pm && h < 12 {
                    h += 12;
                }
                if !pm && h == 12 {
                    h = 0;
                }
                Some((k, h, mi))
            }
            // a bare 10:30 needs "at" before it
            None if colon && i > 0 && self.lat(i - 1, "at") => Some((j, h, mi)),
            None => None,
        }
    }

    /// am / pm / a.m. / p.m. at `k`: (end, is pm).
    fn am_pm(&self, k: usize) -> Option<(usize, bool)> {
        if self.lat(k, "am") || self.lat(k, "pm") {
            return Some((k + 1, self.norm(k) == "pm"));
        }
        if (self.lat(k, "a") || self.lat(k, "p")) && self.punct(k + 1, &["."]) && self.lat(k + 2, "m") {
            let end = if self.punct(k + 3, &["."]) && self.adj(k + 2) { k + 4 } else { k + 3 };
            return Some((end, self.norm(k) == "p"));
        }
        None
    }

    /// A clock time with an optional day after it ("الساعة الثامنة من مساء
    /// أمس", "3 p.m. on Sunday").
    pub(super) fn time_of_day(&self, i: usize) -> Option<Match> {
        let (e, h, mi) = self.clock(i)?;
        let mut k = e;
        if self.exact(k, "من") || self.lat(k, "on") {
            k += 1;
        }
        if let Some(dm) = self.point(k).filter(|dm| is_dayish(&dm.spec)) {
            let mut h = h;
            // the part of the day decides am/pm: الساعة الثامنة من مساء أمس
            if h < 12 && self.any(k, &["مساء", "ليل", "ليله", "عصر", "عشيه"]) {
                h += 12;
            }
            return Some(Match { start: i, end: dm.end, spec: Spec::Time { h, mi, day: Some(Box::new(dm.spec)) }, modifier: None });
        }
        Some(Match { start: i, end: e, spec: Spec::Time { h, mi, day: None }, modifier: None })
    }

    /// The longest point at `i`, extended by the date a relative day states
    /// and by the time of day that follows a day.
    pub(super) fn point_core(&self, i: usize) -> Option<Match> {
        let mut m = self.point_core0(i)?;
        // a relative day followed by its date: اليوم الأحد (3 كانون الأول 2017), أمس الموافق …
        if matches!(m.spec, Spec::Rel { unit: Unit::Day, .. }) {
            if let Some((end, spec)) = self.stated_date(m.end) {
                m = Match { start: m.start, end, spec, modifier: None };
            }
        }
        if is_dayish(&m.spec) {
            if let Some(timed) = self.day_with_time(&m) {
                return Some(timed);
            }
        }
        Some(m)
    }

    /// A day followed by its time: يوم الأحد الساعة العاشرة صباحاً,
    /// yesterday at 3 pm, a dateline's 2017-12-03 10:30.
    fn day_with_time(&self, m: &Match) -> Option<Match> {
        let mut k = m.end;
        if self.punct(k, &[",", "،"]) || self.any(k, &["في", "عند", "حوالي", "نحو"]) || self.lat(k, "at") || self.lat(k, "around") {
            k += 1;
        }
        let timed = |end: usize, h: u32, mi: u32| Some(Match { start: m.start, end, spec: Spec::Time { h, mi, day: Some(Box::new(m.spec.clone())) }, modifier: None });
        if let Some((e, h, mi)) = self.clock(k) {
            return timed(e, h, mi);
        }
        // a written date followed by a bare H:MM (a dateline: 2017-12-03 10:30)
        let (h, mi) = (self.num(k)?, self.num(k + 2)?);
        if self.punct(k + 1, &[":"]) && self.adj(k) && self.adj(k + 1) && h <= 23 && mi <= 59 && self.t[k + 2].norm.len() == 2 && matches!(m.spec, Spec::Date { .. }) {
            return timed(k + 3, h, mi);
        }
        None
    }

    /// The longest of every point pattern at `i` (none at a word that
    /// begins no point pattern, [`Parser::begins_no_point`]).
    pub(super) fn point_core0(&self, i: usize) -> Option<Match> {
        if self.begins_no_point(i) {
            return None;
        }
        self.point_core0_all(i)
    }

    /// [`Parser::point_core0`] without the first-word filter.
    pub(super) fn point_core0_all(&self, i: usize) -> Option<Match> {
        let mut best: Option<Match> = None;
        for cand in [self.date(i), self.weekday(i), self.relword(i), self.year(i), self.season(i), self.decade(i), self.hijri_date(i), self.span(i), self.time_of_day(i), self.century(i), self.part_of_year(i)]
            .into_iter()
            .flatten()
        {
            if best.as_ref().map_or(true, |b| cand.end > b.end) {
                best = Some(cand);
            }
        }
        best
    }
}
