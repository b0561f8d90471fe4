//! Expressions relative to the publication date: weekdays (الأحد الماضي,
//! last Sunday), relative days and units (أمس, الشهر المقبل, yesterday),
//! spans up to or after it (الأسبوعين الماضيين, the past two weeks) and
//! "ago" expressions (منذ ثلاثة أيام, two days ago).

use super::words::{cl_eq, en_direction, relword_first_ar_forms, span_unit_ar_forms, weekday_ar_forms};
use super::{Match, Parser, Spec};
use crate::lexicon::*;
use marsad_core::TokenKind;

/// Definite plural and dual unit nouns that open a span, with the count a
/// dual implies (0: none, the count follows or the span is vague).
pub(super) const SPAN_UNITS_AR: &[(&str, Unit, u32)] = &[
    ("اليومين", Unit::Day, 2),
    ("الايام", Unit::Day, 0),
    ("الاسبوعين", Unit::Week, 2),
    ("الاسابيع", Unit::Week, 0),
    ("الشهرين", Unit::Month, 2),
    ("الاشهر", Unit::Month, 0),
    ("الشهور", Unit::Month, 0),
    ("العامين", Unit::Year, 2),
    ("السنتين", Unit::Year, 2),
    ("الاعوام", Unit::Year, 0),
    ("السنوات", Unit::Year, 0),
    ("السنين", Unit::Year, 0),
];

/// The words that begin a branch of `relword_ar` (tested there with `cl_eq`
/// at the first token), besides the units of `UNIT_DEF_AR`: keep in step
/// with it.
pub(super) const RELWORD_FIRSTS_AR: &[&str] = &["يوم", "اول", "بعد", "امس", "الامس", "البارحه", "اليوم", "غدا", "الغد", "الليله", "هذا", "هذه"];

/// The direction word closing an Arabic span: past (false) or future (true).
fn span_direction(w: &str) -> Option<bool> {
    match w {
        "الماضيه" | "الماضيين" | "الماضيان" | "الاخيره" | "الاخيرين" | "المنصرمه" | "الفايته" | "السابقه" => Some(false),
        "المقبله" | "القادمه" | "المقبلين" | "القادمين" => Some(true),
        _ => None,
    }
}

/// Hours count as (started) days: الساعات الـ24 الماضية is one day.
fn hours_to_days(h: u32) -> i64 {
    ((h as i64) + 23) / 24
}

impl<'a> Parser<'a> {
    // ---------- weekdays and relative days ----------

    pub(super) fn weekday_word(&self, i: usize) -> Option<(u32, bool)> {
        if i >= self.len() {
            return None;
        }
        match self.t[i].kind {
            TokenKind::Arabic if !weekday_ar_forms().contains(self.t[i].norm) => None,
            TokenKind::Arabic => WEEKDAYS_AR.iter().find(|(w, _, _)| cl_eq(self.t[i].norm, w)).map(|(_, d, a)| (*d, *a)),
            TokenKind::Latin if self.capitalised(i) => WEEKDAYS_EN.iter().find(|(w, _)| *w == self.t[i].norm).map(|(_, d)| (*d, false)),
            _ => None,
        }
    }

    /// A weekday: يوم الأحد، الأحد الماضي، last Sunday, Sunday night; a
    /// written date right after it wins (الأحد 3 كانون الأول).
    pub(super) fn weekday(&self, i: usize) -> Option<Match> {
        let strong = self.is(i, "يوم");
        let mut j = if strong { i + 1 } else { i };
        let mut dir = en_direction(self.norm(j));
        if dir.is_some() {
            j += 1;
        }
        let (wd, amb) = self.weekday_word(j)?;
        let mut e = j + 1;
        if self.weekday_in_name(j, e) {
            return None;
        }
        if dir.is_none() {
            if let Some(d) = self.dir(e) {
                dir = Some(d);
                e += 1;
            }
        }
        // English day parts: Sunday night
        if DAYPART_EN.iter().any(|w| self.lat(e, w)) {
            e += 1;
        }
        // an explicit date after the weekday wins: الأحد 3 كانون الأول, Sunday, December 3
        if let Some((end, spec)) = self.stated_date(e) {
            return Some(Match { start: i, end, spec, modifier: None });
        }
        if amb && !strong && dir.is_none() && self.weekday_other_reading(i, e, wd) {
            return None;
        }
        // a bare weekday in a sentence about the future is the coming one (on or after)
        let dir = dir.unwrap_or(if self.future.get(i).copied().unwrap_or(false) { 2 } else { 0 });
        Some(Match { start: i, end: e, spec: Spec::Weekday { wd, dir }, modifier: None })
    }

    /// The Sunday Times, Bloody Sunday Inquiry: an English weekday at `j`
    /// that is part of a name (`e` is the token after it).
    fn weekday_in_name(&self, j: usize, e: usize) -> bool {
        self.t[j].kind == TokenKind::Latin
            && self.capitalised(e)
            && self.t[e].kind == TokenKind::Latin
            && self.month(e).is_none()
            && (self.prev_is(j, &["the"]) || ["times", "telegraph", "express", "mirror", "post", "herald", "mail", "inquiry"].contains(&self.norm(e)))
    }

    /// An ambiguous Arabic weekday read as something else: الواحد الأحد
    /// (God), بين الاثنين / كلا الاثنين (the two), صلاة الجمعة (the Friday
    /// prayer as an institution).
    fn weekday_other_reading(&self, i: usize, e: usize, wd: u32) -> bool {
        match wd {
            7 => self.prev_is(i, &["الواحد"]),
            1 => self.prev_is(i, &["بين", "كلا", "هذين", "هاتين"]) || self.any(e, &["معا", "منهما"]),
            _ => self.prev_is(i, &["صلاه", "خطبه", "خطيب", "صلوات", "ايمه", "امام", "مسجد", "جامع", "منبر"]),
        }
    }

    /// أمس، أول أمس، اليوم، غدا، الأسبوع الماضي، yesterday, last month …
    pub(super) fn relword(&self, i: usize) -> Option<Match> {
        match self.t.get(i)?.kind {
            TokenKind::Latin => self.relword_en(i),
            TokenKind::Arabic => self.relword_ar(i),
            _ => None,
        }
    }

    fn relword_en(&self, i: usize) -> Option<Match> {
        let rel = |end: usize, unit: Unit, n: i64| Some(Match { start: i, end, spec: Spec::Rel { unit, n }, modifier: None });
        let day_part = |e: usize| if DAYPART_EN.iter().any(|d| self.lat(e, d)) { e + 1 } else { e };
        match self.norm(i) {
            "yesterday" => rel(day_part(i + 1), Unit::Day, -1),
            "today" => rel(i + 1, Unit::Day, 0),
            "tomorrow" => rel(day_part(i + 1), Unit::Day, 1),
            "tonight" => rel(i + 1, Unit::Day, 0),
            "the" if self.lat(i + 1, "day") && self.lat(i + 2, "before") && self.lat(i + 3, "yesterday") => rel(i + 4, Unit::Day, -2),
            "the" if self.lat(i + 1, "day") && self.lat(i + 2, "after") && self.lat(i + 3, "tomorrow") => rel(i + 4, Unit::Day, 2),
            w @ ("last" | "next" | "this") => {
                let n = en_direction(w)? as i64;
                let u = match self.norm(i + 1) {
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    "year" => Unit::Year,
                    "night" if n == -1 => return rel(i + 2, Unit::Day, -1),
                    "morning" | "afternoon" | "evening" if n == 0 => return rel(i + 2, Unit::Day, 0),
                    _ => return None,
                };
                if !self.lat(i + 1, self.norm(i + 1)) {
                    return None;
                }
                rel(i + 2, u, n)
            }
            _ => None,
        }
    }

    /// Past a weekday naming the same day: أمس الأحد، اليوم الخميس، أول أمس الجمعة.
    fn same_day_weekday(&self, e: usize) -> usize {
        if self.weekday_word(e).is_some() && self.t[e].kind == TokenKind::Arabic {
            e + 1
        } else {
            e
        }
    }

    pub(super) fn relword_ar(&self, i: usize) -> Option<Match> {
        // every branch below begins with a `cl_eq` of token `i` against one
        // of `RELWORD_FIRSTS_AR`: one look-up in their forms rejects the
        // other words instead of up to seventeen `cl_eq` (at every Arabic
        // start; issue 12, fifteenth pass; tests
        // `month_forms_agree_with_cl_eq`, `relword_firsts_begin_every_branch`)
        if !relword_first_ar_forms().contains(self.norm(i)) {
            return None;
        }
        self.relword_ar_all(i)
    }

    /// [`Parser::relword_ar`] without its first-word filter.
    pub(super) fn relword_ar_all(&self, i: usize) -> Option<Match> {
        let rel = |end: usize, unit: Unit, n: i64| Some(Match { start: i, end, spec: Spec::Rel { unit, n }, modifier: None });
        // يوم أمس، يوم غد
        if self.is(i, "يوم") && self.any(i + 1, &["امس", "الامس", "غد", "الغد", "اليوم"]) {
            if self.any(i + 1, &["غد", "الغد"]) {
                return rel(self.same_day_weekday(i + 2), Unit::Day, 1);
            }
            let m = self.relword(i + 1)?;
            return Some(Match { start: i, ..m });
        }
        // أول أمس، أول من أمس
        if self.is(i, "اول") {
            if self.is(i + 1, "امس") {
                return rel(self.same_day_weekday(i + 2), Unit::Day, -2);
            }
            if self.exact(i + 1, "من") && self.is(i + 2, "امس") {
                return rel(self.same_day_weekday(i + 3), Unit::Day, -2);
            }
        }
        if self.is(i, "بعد") && self.any(i + 1, &["غد", "الغد"]) {
            return rel(self.same_day_weekday(i + 2), Unit::Day, 2);
        }
        if self.any(i, &["امس", "الامس", "البارحه"]) {
            // الأمس القريب: "the recent past"
            if self.exact(i + 1, "القريب") {
                return None;
            }
            if self.is(i, "امس") && self.exact(i + 1, "الاول") {
                return rel(self.same_day_weekday(i + 2), Unit::Day, -2);
            }
            return rel(self.same_day_weekday(i + 1), Unit::Day, -1);
        }
        if self.is(i, "اليوم") {
            if self.today_other_reading(i) {
                return None;
            }
            return rel(self.same_day_weekday(i + 1), Unit::Day, 0);
        }
        // الغد alone is also "the future" and a party/newspaper name (حزب الغد)
        if self.is(i, "غدا") || (self.is(i, "الغد") && self.prev_is(i, &["صباح", "مساء", "ظهر", "ليل", "ليله", "فجر", "عصر", "يوم", "حتي"])) {
            return rel(self.same_day_weekday(i + 1), Unit::Day, 1);
        }
        if self.is(i, "الليله") {
            if self.exact(i + 1, "قبل") && self.dir(i + 2) == Some(-1) {
                return rel(i + 3, Unit::Day, -2);
            }
            if let Some(-1) = self.dir(i + 1) {
                return rel(i + 2, Unit::Day, -1);
            }
            return rel(i + 1, Unit::Day, 0);
        }
        // الأسبوع الماضي، الشهر المقبل، العام الجاري
        if let Some((_, u)) = UNIT_DEF_AR.iter().find(|(w, _)| self.is(i, w)) {
            if let Some(d) = self.dir(i + 1) {
                return rel(i + 2, *u, d as i64);
            }
            // الأسبوع قبل الماضي: the one before last
            if self.exact(i + 1, "قبل") && self.dir(i + 2) == Some(-1) {
                return rel(i + 3, *u, -2);
            }
            return None;
        }
        // هذا العام، هذه السنة، هذا الشهر
        if self.any(i, &["هذا", "هذه"]) {
            if let Some((_, u)) = UNIT_DEF_AR.iter().find(|(w, _)| self.exact(i + 1, w)) {
                return rel(i + 2, *u, 0);
            }
        }
        None
    }

    /// اليوم that is not today: اليوم التالي، اليوم الأول، ذلك اليوم, and
    /// في اليوم = per day (10 سجائر في اليوم).
    fn today_other_reading(&self, i: usize) -> bool {
        let next_bad = ["التالي", "الاول", "الثاني", "الثالث", "الاخير", "نفسه", "ذاته", "الذي", "العالمي", "الوطني", "الدولي", "السابق", "الموعود"];
        let ordinal_next = ORD_AR.iter().any(|(w, _)| self.exact(i + 1, w));
        ordinal_next || next_bad.iter().any(|w| self.exact(i + 1, w)) || self.prev_is(i, &["ذلك", "نفس", "ذات", "في"])
    }

    /// الأسبوعين الماضيين، الأشهر الثلاثة الماضية، الأيام المقبلة, the past two weeks.
    pub(super) fn span(&self, i: usize) -> Option<Match> {
        if i >= self.len() {
            return None;
        }
        if self.t[i].kind == TokenKind::Arabic {
            if self.exact(i, "ال") {
                return self.span_ar_numbered(i);
            }
            if self.is(i, "الساعات") || self.is(i, "الساعتين") {
                return self.span_ar_hours(i);
            }
            return self.span_ar_units(i);
        }
        if self.lat(i, "the") && (self.lat(i + 1, "past") || self.lat(i + 1, "last") || self.lat(i + 1, "next") || self.lat(i + 1, "coming")) {
            return self.span_en(i);
        }
        None
    }

    /// الـ24 ساعة الماضية، الـ10 أيام الأخيرة
    fn span_ar_numbered(&self, i: usize) -> Option<Match> {
        let k = self.num(i + 1)?;
        let (unit, n) = match self.norm(i + 2) {
            "ساعه" => (Unit::Day, hours_to_days(k)),
            "يوما" | "يوم" | "ايام" => (Unit::Day, k as i64),
            "اسبوعا" | "اسابيع" => (Unit::Week, k as i64),
            "شهرا" | "اشهر" => (Unit::Month, k as i64),
            "عاما" | "سنه" | "سنوات" | "اعوام" => (Unit::Year, k as i64),
            _ => return None,
        };
        let future = span_direction(self.norm(i + 3))?;
        if n == 0 || n > 100 {
            return None;
        }
        Some(Match { start: i, end: i + 4, spec: Spec::Span { unit, n: Some(n), future }, modifier: None })
    }

    /// الساعات الـ24 الماضية، الساعتين الماضيتين (hours as started days).
    fn span_ar_hours(&self, i: usize) -> Option<Match> {
        let mut j = i + 1;
        let mut n = if self.is(i, "الساعتين") { Some(1) } else { None };
        if n.is_none() {
            if self.exact(j, "ال") && self.num(j + 1).is_some() {
                j += 1;
            }
            if let Some(h) = self.num(j).filter(|h| *h > 0 && *h <= 240) {
                n = Some(hours_to_days(h));
                j += 1;
            }
        }
        let future = span_direction(self.norm(j))?;
        Some(Match { start: i, end: j + 1, spec: Spec::Span { unit: Unit::Day, n, future }, modifier: None })
    }

    /// الأسبوعين الماضيين، الأشهر الثلاثة الماضية، الأيام الـ10 المقبلة.
    fn span_ar_units(&self, i: usize) -> Option<Match> {
        // one look-up instead of twelve `cl_eq` at most tokens (issue 12,
        // fifteenth pass; test `month_forms_agree_with_cl_eq`)
        if !span_unit_ar_forms().contains(self.norm(i)) {
            return None;
        }
        let (_, unit, implied) = SPAN_UNITS_AR.iter().find(|(w, _, _)| self.is(i, w))?;
        let mut j = i + 1;
        let mut n = if *implied > 0 { Some(*implied as i64) } else { None };
        if n.is_none() {
            if let Some(k) = self.norm(j).strip_prefix("ال").and_then(|r| NUM_AR.iter().find(|(w, _)| *w == r)) {
                n = Some(k.1 as i64);
                j += 1;
            } else if let Some(k) = self.num(j).filter(|k| *k > 0 && *k <= 100) {
                n = Some(k as i64);
                j += 1;
            }
        }
        let future = span_direction(self.norm(j))?;
        Some(Match { start: i, end: j + 1, spec: Spec::Span { unit: *unit, n, future }, modifier: None })
    }

    /// the past two weeks, the next three days, the past few days, the last 24 hours.
    fn span_en(&self, i: usize) -> Option<Match> {
        let future = self.lat(i + 1, "next") || self.lat(i + 1, "coming");
        let mut j = i + 2;
        let mut n = None;
        if let Some(k) = self.num(j) {
            n = Some(k as i64);
            j += 1;
        } else if let Some((_, k)) = NUM_EN.iter().find(|(w, _)| self.lat(j, w) && *w != "a" && *w != "an") {
            n = Some(*k as i64);
            j += 1;
        } else if self.lat(j, "few") || self.lat(j, "several") {
            j += 1;
        }
        if self.lat(j, "hours") {
            let n = n.map(|h| (h + 23) / 24);
            if n.map_or(false, |k| k == 0 || k > 100) {
                return None;
            }
            return Some(Match { start: i, end: j + 1, spec: Spec::Span { unit: Unit::Day, n, future }, modifier: None });
        }
        let (w, unit) = UNIT_EN.iter().find(|(w, _)| self.lat(j, w))?;
        // "the past week" is one unit; plural without a count is vague
        if n.is_none() && !w.ends_with('s') {
            n = Some(1);
        }
        if n.map_or(false, |k| k == 0 || k > 100) {
            return None;
        }
        Some(Match { start: i, end: j + 1, spec: Spec::Span { unit: *unit, n, future }, modifier: None })
    }

    /// منذ ثلاثة أيام، قبل أسبوعين، two days ago.
    pub(super) fn ago(&self, i: usize) -> Option<Match> {
        let kind = self.t.get(i)?.kind;
        if kind == TokenKind::Arabic && self.any(i, &["منذ", "قبل"]) {
            return self.ago_ar(i);
        }
        if kind == TokenKind::Latin || kind == TokenKind::Number {
            return self.ago_en(i);
        }
        None
    }

    fn ago_ar(&self, i: usize) -> Option<Match> {
        let mut j = i + 1;
        if self.any(j, &["نحو", "حوالي", "قرابه"]) {
            j += 1;
        }
        let mut count: Option<u32> = None;
        if let Some(n) = self.num(j) {
            if self.t[j].norm.len() <= 3 {
                count = Some(n);
                j += 1;
            }
        } else if let Some((_, n)) = NUM_AR.iter().find(|(w, _)| self.exact(j, w)) {
            count = Some(*n);
            j += 1;
        }
        let unit_forms: &[(&str, Unit, u32)] = &[("يوما", Unit::Day, 1), ("شهرا", Unit::Month, 1), ("عاما", Unit::Year, 1), ("اسبوعا", Unit::Week, 1)];
        let (_, unit, implied) = UNIT_AR.iter().chain(unit_forms.iter()).find(|(w, _, _)| self.exact(j, w))?;
        let n = match (count, implied) {
            (Some(c), _) => c,
            (None, 0) => return None,
            (None, k) => *k,
        };
        if n == 0 || n > 100 {
            return None;
        }
        // منذ عام 2003 is a year, not "a year ago"
        if self.year_num(j + 1).is_some() {
            return None;
        }
        // قبل يومين من انتهاء المهلة: before another event, not before publication
        if self.exact(j + 1, "من") {
            return None;
        }
        // قبل شهر رمضان: "before the month of Ramadan"
        if self.norm(j) == "شهر" && (self.month(j + 1).is_some() || HIJRI_MONTHS.iter().any(|(w, _)| self.exact(j + 1, w[0]))) {
            return None;
        }
        Some(Match { start: i, end: j + 1, spec: Spec::Rel { unit: *unit, n: -(n as i64) }, modifier: None })
    }

    fn ago_en(&self, i: usize) -> Option<Match> {
        let n = if let Some(n) = self.num(i) { n } else { NUM_EN.iter().find(|(w, _)| self.lat(i, w)).map(|(_, n)| *n)? };
        let (_, unit) = UNIT_EN.iter().find(|(w, _)| self.lat(i + 1, w))?;
        if !self.lat(i + 2, "ago") || n == 0 || n > 100 {
            return None;
        }
        Some(Match { start: i, end: i + 3, spec: Spec::Rel { unit: *unit, n: -(n as i64) }, modifier: None })
    }
}
