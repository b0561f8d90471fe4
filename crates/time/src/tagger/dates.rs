//! Calendar dates: the small constituents (years, months, days, ordinals,
//! direction words, year cues) and the dates built from them, with a month
//! name (3 كانون الأول 2017, December 3) or in numbers (12/3/2017).

use super::words::{cl_eq, en_direction, is_aab, month_ar_forms, ordinal_ar_forms, parse_small};
use super::{dmy, ymd, Match, Parser, Spec};
use crate::lexicon::*;
use marsad_core::TokenKind;

impl<'a> Parser<'a> {
    // ---------- small constituents ----------

    /// A four-digit Gregorian year (1000–2199), with an optional م /
    /// ميلادي mark. None when a Hijri mark follows.
    pub(super) fn year_num(&self, i: usize) -> Option<(usize, i64)> {
        if i >= self.len() || self.t[i].kind != TokenKind::Number || self.t[i].norm.len() != 4 {
            return None;
        }
        let y = parse_small(self.t[i].norm)? as i64;
        if !(1000..=2199).contains(&y) {
            return None;
        }
        if self.hijri_mark(i + 1).is_some() {
            return None;
        }
        let mut e = i + 1;
        if self.exact(e, "م") || self.exact(e, "ميلادي") || self.exact(e, "ميلاديه") || self.exact(e, "للميلاد") {
            e += 1;
        }
        Some((e, y))
    }

    pub(super) fn hijri_mark(&self, i: usize) -> Option<usize> {
        if i >= self.len() {
            return None;
        }
        let n = self.t[i].norm;
        if matches!(n, "ه" | "هجري" | "هجريه" | "للهجره" | "الهجري" | "الهجريه") || (n == "ه" && self.t[i].surf.contains('ـ')) {
            return Some(i + 1);
        }
        None
    }

    /// A month name at `i`: (end, month, needs-cue).
    pub(super) fn month(&self, i: usize) -> Option<(usize, u32, bool)> {
        match self.t.get(i)?.kind {
            TokenKind::Arabic => self.month_ar(i),
            TokenKind::Latin => self.month_en(i),
            _ => None,
        }
    }

    /// The longest Arabic month name at `i` (كانون الأول over كانون).
    fn month_ar(&self, i: usize) -> Option<(usize, u32, bool)> {
        let k = &self.t[i];
        // a token that is no month's first word behind proclitics (the
        // `cl_eq` below) begins none
        if !month_ar_forms().contains(k.norm) {
            return None;
        }
        let mut best: Option<(usize, u32, bool)> = None;
        for (words, m, amb) in MONTHS_AR {
            if !cl_eq(k.norm, words[0]) || (words[0] == "اب" && !is_aab(k.surf)) {
                continue;
            }
            let e = i + words.len();
            if words[1..].iter().enumerate().all(|(j, w)| self.exact(i + 1 + j, w)) && best.map_or(true, |b| e > b.0) {
                best = Some((e, *m, *amb));
            }
        }
        best
    }

    /// A capitalised English month name, abbreviations with their dot.
    fn month_en(&self, i: usize) -> Option<(usize, u32, bool)> {
        let k = &self.t[i];
        let (_, m, amb) = MONTHS_EN.iter().find(|(w, _, _)| *w == k.norm)?;
        if !self.capitalised(i) {
            return None;
        }
        let mut e = i + 1;
        let abbrev = k.norm.len() <= 4 && k.norm != "june" && k.norm != "july" && k.norm != "may";
        if abbrev && self.punct(e, &["."]) && self.adj(i) {
            e += 1;
        }
        Some((e, *m, *amb))
    }

    /// A month name with an optional paired name: كانون الأول (ديسمبر),
    /// ديسمبر/كانون الأول, and an optional leading شهر / "the month of".
    pub(super) fn month_full(&self, i: usize) -> Option<(usize, u32, bool)> {
        let (mut s, mut cue) = (i, false);
        if self.is(i, "شهر") {
            s = i + 1;
            cue = true;
        }
        let (mut e, m, amb) = self.month(s)?;
        let mut needs = amb && !cue;
        if self.punct(e, &["(", "["]) {
            if let Some((e2, m2, _)) = self.month(e + 1) {
                if m2 == m && self.punct(e2, &[")", "]"]) {
                    e = e2 + 1;
                    needs = false;
                }
            }
        } else if self.punct(e, &["/", "-", "–"]) {
            if let Some((e2, m2, _)) = self.month(e + 1) {
                if m2 == m {
                    e = e2;
                    needs = false;
                }
            }
        }
        Some((e, m, needs))
    }

    /// A day of the month: 3, 3rd, the 3rd, الثالث, الخامس عشر, الحادي والعشرين.
    pub(super) fn day(&self, i: usize) -> Option<(usize, u32)> {
        if i >= self.len() {
            return None;
        }
        if self.exact(i, "ال") && self.num(i + 1).is_some() {
            return self.day(i + 1);
        }
        if let Some(d) = self.num(i) {
            if self.t[i].norm.len() <= 2 && (1..=31).contains(&d) {
                let mut e = i + 1;
                if self.adj(i) && ["st", "nd", "rd", "th"].iter().any(|s| self.lat(e, s)) {
                    e += 1;
                }
                return Some((e, d));
            }
            return None;
        }
        if self.lat(i, "the") {
            if let Some((e, d)) = self.day(i + 1) {
                if e > i + 2 || self.lat(e, "of") {
                    return Some((e, d));
                }
            }
            return None;
        }
        // Arabic ordinals, unless they qualify a noun: الأسبوع الأول، اليوم الثالث.
        // (`ordinal` rejects a word no ordinal's form is first: most words
        // reaching here, which then skip the seventeen `cl_eq` of `prev_is`;
        // issue 12, fifteenth pass; test `day_is_the_reference`.)
        if !ordinal_ar_forms().contains(self.norm(i)) {
            return None;
        }
        if self.prev_is(i, &["الاسبوع", "الاسابيع", "اليوم", "الايام", "الشهر", "العام", "السنه", "النصف", "الربع", "الثلث", "العقد", "القرن", "الجزء", "الفصل", "الموسم", "الدور", "الاسبوعين"]) {
            return None;
        }
        self.ordinal(i)
    }

    /// An Arabic ordinal 1–31 in words: الثالث، الخامس عشر، الحادي والعشرين.
    pub(super) fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        if !ordinal_ar_forms().contains(self.norm(i)) {
            return None;
        }
        let (_, u) = ORD_AR.iter().find(|(w, _)| cl_eq(self.norm(i), w))?;
        let mut e = i + 1;
        let mut d = *u;
        if self.exact(e, "عشر") && d < 10 {
            d += 10;
            e += 1;
        } else if let Some((_, t)) = TENS_AR.iter().find(|(w, _)| {
            let n = self.norm(e);
            n.strip_prefix('و').map_or(false, |r| r == *w)
        }) {
            if d < 10 {
                d += t;
                e += 1;
            }
        }
        if d == 0 || d > 31 {
            return None;
        }
        Some((e, d))
    }

    /// Year after a month: "2017", ", 2017", "من عام 2017", "عام 2017", "of 2017".
    pub(super) fn year_after_month(&self, i: usize) -> Option<(usize, i64)> {
        let mut j = i;
        if self.punct(j, &[",", "،"]) || self.lat(j, "of") || self.exact(j, "من") {
            j += 1;
        }
        if self.any(j, &["عام", "العام", "سنه", "السنه"]) {
            j += 1;
        }
        self.year_num(j)
    }

    /// "من العام نفسه", "من العام ذاته", "من نفس العام", "of the same year".
    pub(super) fn same_year(&self, i: usize) -> Option<usize> {
        let mut j = i;
        if self.exact(j, "من") || self.lat(j, "of") {
            j += 1;
        }
        if self.any(j, &["العام", "السنه"]) && self.any(j + 1, &["نفسه", "ذاته", "نفسها", "ذاتها"]) {
            return Some(j + 2);
        }
        if self.exact(j, "نفس") && self.any(j + 1, &["العام", "السنه"]) {
            return Some(j + 2);
        }
        if self.lat(j, "the") && self.lat(j + 1, "same") && self.lat(j + 2, "year") {
            return Some(j + 3);
        }
        None
    }

    pub(super) fn in_same_year(&self, d: Option<u32>, m: u32) -> Spec {
        match self.last_year.get() {
            Some(y) => Spec::Date { y: Some(y), m: Some(m), d, yrel: None, dir: None },
            None => Spec::Unanchored(Box::new(Spec::Date { y: None, m: Some(m), d, yrel: None, dir: None })),
        }
    }

    /// Relative year after a month/season: من العام الماضي, of last year.
    pub(super) fn yrel_after(&self, i: usize) -> Option<(usize, i64)> {
        let mut j = i;
        if self.exact(j, "من") || self.lat(j, "of") {
            j += 1;
        }
        if self.any(j, &["العام", "السنه"]) {
            if let Some(d) = self.dir(j + 1) {
                return Some((j + 2, d as i64));
            }
        }
        if self.any(j, &["هذا", "هذه"]) && self.any(j + 1, &["العام", "السنه"]) {
            return Some((j + 2, 0));
        }
        if self.lat(j, "last") && self.lat(j + 1, "year") {
            return Some((j + 2, -1));
        }
        if self.lat(j, "this") && self.lat(j + 1, "year") {
            return Some((j + 2, 0));
        }
        if self.lat(j, "next") && self.lat(j + 1, "year") {
            return Some((j + 2, 1));
        }
        None
    }

    pub(super) fn dir(&self, i: usize) -> Option<i32> {
        DIR_AR.iter().find(|(w, _)| self.exact(i, w)).map(|(_, d)| *d)
    }

    /// A context word before `i` that makes an ambiguous month or bare year a date.
    pub(super) fn cue_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = i - 1;
        match self.t[p].kind {
            TokenKind::Arabic => self.any(p, YEAR_CUE_AR) || VAGUE_AR.iter().any(|(w, _)| self.is(p, w)),
            TokenKind::Latin => YEAR_CUE_EN.contains(&self.t[p].norm) || ["last", "next", "this", "early", "late", "mid"].contains(&self.t[p].norm),
            TokenKind::Punct => self.t[p].norm == "-" && i >= 2 && self.lat(i - 2, "mid"),
            _ => false,
        }
    }

    // ---------- dates ----------

    /// Dates with a month name or in numbers.
    pub(super) fn date(&self, i: usize) -> Option<Match> {
        let mut best: Option<Match> = None;
        let mut keep = |m: Option<Match>| {
            if let Some(m) = m {
                if best.as_ref().map_or(true, |b| m.end > b.end) {
                    best = Some(m);
                }
            }
        };
        keep(self.date_day_first(i));
        keep(self.date_month_first(i));
        keep(self.date_numeric(i));
        best
    }

    /// Names built on a date: قوى 14 آذار، حركة 20 فبراير, the March 14 alliance.
    pub(super) fn date_is_name(&self, start: usize, end: usize) -> bool {
        self.prev_is(start, &["قوي", "تحالف", "فريق", "تيار", "معسكر", "كتله", "حركه", "جماعه", "ايتلاف"])
            || ["alliance", "coalition", "movement", "bloc", "camp", "forces", "group"].iter().any(|w| self.lat(end, w))
            // the October Revolution, the March Agreement
            || (self.t[start].kind == TokenKind::Latin
                && self.prev_is(start, &["the"])
                && end < self.len()
                && self.t[end].kind == TokenKind::Latin
                && self.capitalised(end)
                && self.month(end).is_none())
    }

    pub(super) fn date_day_first(&self, i: usize) -> Option<Match> {
        let m = self.date_day_first0(i)?;
        if self.date_is_name(m.start, m.end) {
            return None;
        }
        Some(self.orient(m))
    }

    pub(super) fn date_day_first0(&self, i: usize) -> Option<Match> {
        let (mut j, d) = self.day(i)?;
        if self.exact(j, "من") || self.lat(j, "of") {
            j += 1;
        }
        // في الثالث من الشهر الجاري، في 20 من الشهر الماضي
        if self.is(j, "الشهر") {
            if let Some(dr) = self.dir(j + 1) {
                return Some(Match { start: i, end: j + 2, spec: Spec::DayRelMonth { d, mrel: dr as i64 }, modifier: None });
            }
        }
        if self.any(j, &["هذا"]) && self.exact(j + 1, "الشهر") {
            return Some(Match { start: i, end: j + 2, spec: Spec::DayRelMonth { d, mrel: 0 }, modifier: None });
        }
        let (e, m, _) = self.month_full(j)?;
        if let Some((_, y)) = self.year_after_month(e) {
            if !crate::calendar::valid_date(y, m, d) {
                return None;
            }
        }
        let (e, spec) = self.month_year(e, m, Some(d)).unwrap_or((e, Spec::Date { y: None, m: Some(m), d: Some(d), yrel: None, dir: None }));
        if d > crate::calendar::days_in_month(2000, m) {
            return None;
        }
        Some(Match { start: i, end: e, spec, modifier: None })
    }

    /// What gives a month (and day) ending at `e` its year: 2017، من العام
    /// نفسه، الماضي، من العام الماضي, of last year.
    fn month_year(&self, e: usize, m: u32, d: Option<u32>) -> Option<(usize, Spec)> {
        let date = |y, yrel, dir| Spec::Date { y, m: Some(m), d, yrel, dir };
        if let Some((e2, y)) = self.year_after_month(e) {
            return Some((e2, date(Some(y), None, None)));
        }
        if let Some(e2) = self.same_year(e) {
            return Some((e2, self.in_same_year(d, m)));
        }
        if let Some(dr) = self.dir(e) {
            return Some((e + 1, date(None, None, Some(dr))));
        }
        let (e2, yr) = self.yrel_after(e)?;
        Some((e2, date(None, Some(yr), None)))
    }

    pub(super) fn date_month_first(&self, i: usize) -> Option<Match> {
        let m = self.date_month_first0(i)?;
        if self.date_is_name(m.start, m.end) {
            return None;
        }
        Some(self.orient(m))
    }

    pub(super) fn date_month_first0(&self, i: usize) -> Option<Match> {
        let date = |end: usize, spec: Spec| Some(Match { start: i, end, spec, modifier: None });
        // English: last/next/this December
        if i < self.len() && self.t[i].kind == TokenKind::Latin {
            if let Some(dr) = en_direction(self.norm(i)) {
                let (e, m, _) = self.month(i + 1)?;
                return date(e, Spec::Date { y: None, m: Some(m), d: None, yrel: None, dir: Some(dr) });
            }
        }
        let (e, m, needs_cue) = self.month_full(i)?;
        if self.t[i].kind == TokenKind::Latin {
            if let Some(found) = self.month_day_en(i, e, m) {
                return Some(found);
            }
        }
        if let Some((e2, spec)) = self.month_year(e, m, None) {
            return date(e2, spec);
        }
        // "the" makes a bare number a year (the 2003 invasion) but not May a month (the May government)
        if needs_cue && (!self.cue_before(i) || (i > 0 && (self.lat(i - 1, "the") || self.lat(i - 1, "'s")))) {
            return None;
        }
        // English abbreviations need a day or a year
        if self.t[i].kind == TokenKind::Latin && self.t[i].norm.len() <= 4 && !matches!(self.t[i].norm, "june" | "july" | "may") {
            return None;
        }
        date(e.max(i + 1), Spec::Date { y: None, m: Some(m), d: None, yrel: None, dir: None })
    }

    /// English "December 3, 2017" / "Dec. 3": the day (and year) after a
    /// month `m` named at `i` and ending at `e`.
    fn month_day_en(&self, i: usize, e: usize, m: u32) -> Option<Match> {
        let (e2, d) = self.day(e)?;
        if d > crate::calendar::days_in_month(2000, m) || self.year_num(e).is_some() {
            return None;
        }
        let (end, spec) = match self.year_after_month(e2) {
            Some((e3, y)) if crate::calendar::valid_date(y, m, d) => (e3, Spec::Date { y: Some(y), m: Some(m), d: Some(d), yrel: None, dir: None }),
            _ => (e2, Spec::Date { y: None, m: Some(m), d: Some(d), yrel: None, dir: None }),
        };
        Some(Match { start: i, end, spec, modifier: None })
    }

    /// A written day date after a weekday or relative day, which then
    /// stands for it: الأحد 3 كانون الأول، أمس (الموافق 3/12/2017), Sunday,
    /// December 3. Returns its end (past a closing parenthesis) and spec.
    pub(super) fn stated_date(&self, mut k: usize) -> Option<(usize, Spec)> {
        let mut paren = false;
        if self.punct(k, &[",", "،"]) {
            k += 1;
        }
        if self.punct(k, &["("]) {
            k += 1;
            paren = true;
        }
        if self.any(k, &["الموافق", "الموافقه"]) {
            k += 1;
        }
        let dm = self.date(k)?;
        if !matches!(dm.spec, Spec::Date { d: Some(_), .. }) {
            return None;
        }
        let end = if paren && self.punct(dm.end, &[")"]) { dm.end + 1 } else { dm.end };
        Some((end, dm.spec))
    }

    /// 3/12/2017, 2017-12-03, 3.12.2017, 12/2017 (tokens written without spaces).
    pub(super) fn date_numeric(&self, i: usize) -> Option<Match> {
        if i >= self.len() || self.t[i].kind != TokenKind::Number {
            return None;
        }
        // a single token with dots: 3.12.2017
        let n0 = self.t[i].norm;
        if n0.contains('.') {
            let parts: Vec<&str> = n0.split('.').collect();
            if parts.len() == 3 {
                let (a, b, c) = (parse_small(parts[0])?, parse_small(parts[1])?, parse_small(parts[2])?);
                let spec = if parts[2].len() == 4 && parts[0].len() <= 2 {
                    dmy(a, b, c as i64)?
                } else if parts[0].len() == 4 && parts[2].len() <= 2 {
                    ymd(a as i64, b, c)?
                } else {
                    return None;
                };
                return Some(Match { start: i, end: i + 1, spec, modifier: None });
            }
            return None;
        }
        let seps = ["/", "-", "\\", "."];
        let sep_at = |j: usize| self.punct(j, &seps) && self.adj(j - 1) && self.adj(j);
        // part of a longer run of numbers (31/2/2017 seen from "2"): not a start
        if i >= 2 && sep_at(i - 1) && self.t[i - 2].kind == TokenKind::Number {
            return None;
        }
        let a = self.num(i)?;
        if !sep_at(i + 1) {
            return None;
        }
        let b = self.num(i + 2)?;
        let la = self.t[i].norm.len();
        let lb = self.t[i + 2].norm.len();
        if sep_at(i + 3) && self.t[i + 3].norm == self.t[i + 1].norm {
            if let Some(c) = self.num(i + 4) {
                let lc = self.t[i + 4].norm.len();
                let spec = if la <= 2 && lb <= 2 && lc == 4 {
                    dmy(a, b, c as i64)
                } else if la == 4 && lb <= 2 && lc <= 2 {
                    ymd(a as i64, b, c)
                } else {
                    None
                };
                if let Some(spec) = spec {
                    return Some(Match { start: i, end: i + 5, spec, modifier: None });
                }
            }
            return None;
        }
        // month/year: 12/2017 (slash only)
        if self.t[i + 1].norm == "/" && la <= 2 && lb == 4 && (1..=12).contains(&a) && (1900..=2100).contains(&b) {
            return Some(Match { start: i, end: i + 3, spec: Spec::Date { y: Some(b as i64), m: Some(a), d: None, yrel: None, dir: None }, modifier: None });
        }
        None
    }

}
