//! Recognition: a hand-written matcher over the tokens of `marsad_text`.
//! At each token it tries every pattern family (ranges, modified points,
//! "ago" expressions, points) and keeps the longest match, then jumps past
//! it. Patterns produce a [`Spec`], which `resolve` turns into an ISO value.
//!
//! This file holds the [`Parser`] (tokens, the scan, token tests) and the
//! [`Spec`] it produces; the patterns are in submodules, one per family:
//! [`dates`] (constituents and calendar dates), [`relative`] (weekdays,
//! relative days, spans, "ago"), [`points`] (years, Hijri, seasons,
//! decades, centuries, parts of a year), [`clock`] (clock times and the
//! assembled point) and [`ranges`] (modified points and ranges). Word tests
//! shared by all of them are in [`words`].

mod clock;
mod dates;
mod points;
mod ranges;
mod relative;
mod words;

use crate::lexicon::*;
use marsad_core::{Document, TokenKind};
use std::cell::Cell;
use marsad_text::clitics::bare_proclitics;
use words::{cl_eq, future_ar_forms, parse_small, triggers};

/// What an expression says, before it is resolved against an anchor.
#[derive(Clone, Debug, PartialEq)]
pub enum Spec {
    /// A calendar date, possibly partial. `yrel` is a year relative to the
    /// anchor (من العام الماضي → -1). `dir` orients a month or day given
    /// without a year: -1 the most recent one before the anchor (الماضي),
    /// +1 the next one (المقبل), 0 the current year (الجاري).
    Date { y: Option<i64>, m: Option<u32>, d: Option<u32>, yrel: Option<i64>, dir: Option<i32> },
    /// `n` units from the anchor (أمس = Day -1, الشهر الماضي = Month -1).
    Rel { unit: Unit, n: i64 },
    /// A weekday: dir 0 = the most recent on or before the anchor, -1
    /// strictly before (الأحد الماضي), +1 strictly after (الأحد المقبل), +2
    /// on or after (a bare weekday in a sentence about the future).
    Weekday { wd: u32, dir: i32 },
    Season { s: &'static str, y: Option<i64>, yrel: Option<i64>, dir: Option<i32> },
    /// A decade by its first three digits (199 = the 1990s).
    Decade(i64),
    /// A Hijri date (year, month, day), converted approximately.
    Hijri { y: i64, m: Option<u32>, d: Option<u32> },
    Range(Box<Spec>, Box<Spec>),
    /// A century by its first two digits (18 = the 19th century, 1800–1899),
    /// or relative to the anchor's (القرن الماضي: rel -1).
    Century { c: Option<i64>, rel: Option<i64> },
    /// Resolved without the anchor: a month "of the same year" when no year
    /// was stated before it.
    Unanchored(Box<Spec>),
    /// A half (H1, H2) or quarter (Q1–Q4) of a year.
    Part { code: &'static str, year: Box<Spec> },
    /// A day of a month given relative to the anchor: في الثالث من الشهر
    /// الجاري (mrel 0), في 20 من الشهر الماضي (mrel -1).
    DayRelMonth { d: u32, mrel: i64 },
    /// A time of day (24-hour clock), on a day when one is given with it.
    Time { h: u32, mi: u32, day: Option<Box<Spec>> },
    /// The `n` units up to the anchor (n < 0: الأسبوعين الماضيين, the past
    /// two weeks) or after it (n > 0: الأيام الثلاثة المقبلة); `n` None when
    /// the count is vague (الأيام الماضية, the past few days).
    Span { unit: Unit, n: Option<i64>, future: bool },
}

/// A match: tokens `[start, end)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub spec: Spec,
    pub modifier: Option<&'static str>,
}

struct Tk<'a> {
    norm: &'a str,
    surf: &'a str,
    kind: TokenKind,
    start: usize,
    end: usize,
}

/// Can an expression start at this token? (A number, or a word that begins
/// some pattern, possibly behind a proclitic.)
/// (`tr`: the trigger set and its pre-filter, fetched once per document.)
fn may_start_at(k: &Tk, tr: &Triggers) -> bool {
    match k.kind {
        TokenKind::Number => true,
        TokenKind::Latin => tr.has(k.norm),
        TokenKind::Arabic => {
            // byte-wise affix tests (str::starts_with / ends_with call memcmp)
            if tr.has(k.norm) || marsad_text::clitics::strip_suffix(k.norm, "ات").is_some() {
                return true;
            }
            // only a word opening with a proclitic's first letter is tried behind them
            tr.may_have_proclitic(k.norm) && tr.proclitics.iter().any(|p| k.norm.len() > p.len() && marsad_text::clitics::strip_prefix(k.norm, p).map_or(false, |r| tr.has(r)))
        }
        _ => false,
    }
}

/// `doc.sentence_at(k.start)` for each token, by one walk over the
/// sentences instead of a binary search per token, when the sentences are
/// in order without overlapping and the tokens in order of their start (as
/// the text layer makes them): the sentence that holds a position, or the
/// last one before it, is then the last sentence that starts at or before
/// it. Test `walked_sentences_are_sentence_at`.
fn sentence_indices(doc: &Document, t: &[Tk]) -> Vec<usize> {
    let ss = &doc.sentences;
    let ordered = ss.iter().all(|s| s.start <= s.end) && ss.windows(2).all(|w| w[0].end <= w[1].start) && t.windows(2).all(|w| w[0].start <= w[1].start);
    if !ordered {
        return t.iter().map(|k| doc.sentence_at(k.start)).collect();
    }
    let mut s = 0;
    t.iter()
        .map(|k| {
            while s + 1 < ss.len() && ss[s + 1].start <= k.start {
                s += 1;
            }
            s
        })
        .collect()
}

/// من، بين، منذ، قبل, alone or behind و or ف: frequent triggers (a fifth
/// of the tokens where an expression may start, on long articles) that
/// begin ranges (من … إلى، بين … و) and modified points (منذ، قبل) but no
/// point pattern: these words appear in the point patterns only after a
/// first token (يوم 3 من آذار، الأسبوع قبل الماضي), and the words a point
/// pattern tests at its first token (through `cl_eq`, which reads them
/// behind و or ف, or as they are) are none of them. Test
/// `no_point_words_begin_no_point`.
fn begins_no_point(norm: &str) -> bool {
    let w = norm.strip_prefix('و').or_else(|| norm.strip_prefix('ف')).unwrap_or(norm);
    matches!(w, "من" | "بين" | "منذ" | "قبل")
}

/// [`triggers`] behind a pre-filter ([`marsad_text::HeadBits`], a bit set over a
/// word's first and last letters and length) that rejects most words of a
/// text without hashing them and never rejects a trigger.
struct Triggers {
    set: &'static words::WordSet<&'static str>,
    heads: &'static marsad_text::HeadBits,
    /// [`bare_proclitics`], in their order.
    proclitics: &'static [&'static str],
    /// The first two bytes of every bare proclitic (each is two bytes or
    /// more), as a bit set over the byte pairs.
    proclitic_heads: &'static [u64; 1024],
}

impl Triggers {
    fn get() -> Triggers {
        static H: std::sync::OnceLock<marsad_text::HeadBits> = std::sync::OnceLock::new();
        let heads = H.get_or_init(|| marsad_text::HeadBits::of(triggers().iter().copied()));
        static P: std::sync::OnceLock<(Vec<&'static str>, Box<[u64; 1024]>)> = std::sync::OnceLock::new();
        let (proclitics, proclitic_heads) = P.get_or_init(|| {
            let ps: Vec<&'static str> = bare_proclitics().collect();
            let mut h = Box::new([0u64; 1024]);
            for p in &ps {
                let b = p.as_bytes();
                assert!(b.len() >= 2, "a one-byte proclitic: {p}");
                let k = (b[0] as usize) << 8 | b[1] as usize;
                h[k >> 6] |= 1 << (k & 63);
            }
            (ps, h)
        });
        Triggers { set: triggers(), heads, proclitics, proclitic_heads }
    }

    /// Can `w` begin with a bare proclitic? (False when its first two bytes
    /// begin none of them.)
    #[inline]
    fn may_have_proclitic(&self, w: &str) -> bool {
        match w.as_bytes() {
            [a, b, ..] => {
                let k = (*a as usize) << 8 | *b as usize;
                self.proclitic_heads[k >> 6] & (1 << (k & 63)) != 0
            }
            _ => false,
        }
    }

    /// `triggers().contains(w)`.
    #[inline]
    fn has(&self, w: &str) -> bool {
        if !self.heads.may_contain(w) {
            return false;
        }
        self.set.contains(w)
    }
}

pub struct Parser<'a> {
    t: Vec<Tk<'a>>,
    /// Token index just past the last year-like expression found.
    last_year_end: Cell<Option<usize>>,
    /// The last explicit Gregorian year seen, for "من العام نفسه".
    last_year: Cell<Option<i64>>,
    /// Per token: is its sentence about the future?
    future: Vec<bool>,
    /// Per token: can an expression start there ([`Parser::may_start_at`],
    /// computed once per token: the patterns ask it again and again)
    starts: Vec<bool>,
    /// Per token: is it a word that begins ranges and modified points but no
    /// point ([`begins_no_point`])? Then `point_core0` does not try its
    /// eleven patterns there.
    no_point: Vec<bool>,
}

impl<'a> Parser<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let text = doc.text.as_str();
        let t: Vec<Tk<'a>> = doc
            .tokens
            .iter()
            .filter(|k| k.byte_end <= text.len() && text.is_char_boundary(k.byte_start) && text.is_char_boundary(k.byte_end))
            .map(|k| Tk { norm: k.norm.as_str(), surf: &text[k.byte_start..k.byte_end], kind: k.kind, start: k.start, end: k.end })
            .collect();
        // sentence of each token, and whether the sentence speaks of the future
        let sent: Vec<usize> = if doc.sentences.is_empty() { vec![0; t.len()] } else { sentence_indices(doc, &t) };
        let n_sent = sent.iter().copied().max().map_or(1, |m| m + 1);
        let mut fut = vec![false; n_sent];
        // most words are no future marker: rejected before hashing
        static FH: std::sync::OnceLock<marsad_text::HeadBits> = std::sync::OnceLock::new();
        let future_heads = FH.get_or_init(|| marsad_text::HeadBits::of(future_ar_forms().iter().map(|w| w.as_str())));
        for (k, s) in t.iter().zip(&sent) {
            let f = match k.kind {
                TokenKind::Arabic => future_heads.may_contain(k.norm) && future_ar_forms().contains(k.norm),
                TokenKind::Latin => FUTURE_EN.contains(&k.norm) || k.norm.ends_with("'ll"),
                _ => false,
            };
            if f {
                fut[*s] = true;
            }
        }
        let future = sent.iter().map(|s| fut[*s]).collect();
        let tr = Triggers::get();
        let starts: Vec<bool> = t.iter().map(|k| may_start_at(k, &tr)).collect();
        let no_point = t.iter().zip(&starts).map(|(k, s)| *s && k.kind == TokenKind::Arabic && begins_no_point(k.norm)).collect();
        Parser { t, last_year_end: Cell::new(None), last_year: Cell::new(None), future, starts, no_point }
    }

    /// Orient a month (and day) named without year or direction by the
    /// sentence's tense: +2 the next one on or after the anchor's month (a
    /// sentence about the future), -2 the last one on or before it.
    fn orient(&self, mut m: Match) -> Match {
        if let Spec::Date { y: None, yrel: None, dir: dir @ None, m: Some(_), .. } = &mut m.spec {
            *dir = Some(if self.future.get(m.start).copied().unwrap_or(false) { 2 } else { -2 });
        }
        m
    }

    pub fn char_span(&self, m: &Match) -> (usize, usize) {
        (self.t[m.start].start, self.t[m.end - 1].end)
    }

    /// Find every temporal expression, left to right, non-overlapping.
    pub fn run(&self) -> Vec<Match> {
        let mut out = Vec::new();
        let n = self.t.len();
        let mut i = 0;
        while i < n {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            let mut best: Option<Match> = None;
            for cand in [self.range(i), self.modified(i), self.ago(i), self.point(i)].into_iter().flatten() {
                if best.as_ref().map_or(true, |b| cand.end > b.end) {
                    best = Some(cand);
                }
            }
            match best {
                Some(m) if m.end > i => {
                    i = m.end;
                    if is_yearish(&m.spec) {
                        self.last_year_end.set(Some(m.end));
                    }
                    if let Some(y) = explicit_year(&m.spec) {
                        self.last_year.set(Some(y));
                    }
                    out.push(m);
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Cheap filter: can an expression start at token `i`? (A number, or a
    /// word that begins some pattern, possibly behind a proclitic; see
    /// [`may_start_at`], remembered per token.)
    fn may_start(&self, i: usize) -> bool {
        self.starts[i]
    }

    /// Does token `i` begin no point pattern? ([`begins_no_point`].)
    fn begins_no_point(&self, i: usize) -> bool {
        self.no_point.get(i).copied().unwrap_or(false)
    }

    // ---------- token helpers ----------

    fn len(&self) -> usize {
        self.t.len()
    }
    fn norm(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |k| k.norm)
    }
    fn is(&self, i: usize, w: &str) -> bool {
        i < self.len() && cl_eq(self.t[i].norm, w)
    }
    fn any(&self, i: usize, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.is(i, w))
    }
    fn exact(&self, i: usize, w: &str) -> bool {
        i < self.len() && self.t[i].norm == w
    }
    fn lat(&self, i: usize, w: &str) -> bool {
        i < self.len() && self.t[i].kind == TokenKind::Latin && self.t[i].norm == w
    }
    fn capitalised(&self, i: usize) -> bool {
        i < self.len() && self.t[i].surf.chars().next().map_or(false, |c| c.is_uppercase())
    }
    fn punct(&self, i: usize, ps: &[&str]) -> bool {
        i < self.len() && self.t[i].kind == TokenKind::Punct && ps.contains(&self.t[i].norm)
    }
    fn adj(&self, i: usize) -> bool {
        i + 1 < self.len() && self.t[i].end == self.t[i + 1].start
    }
    fn num(&self, i: usize) -> Option<u32> {
        if i < self.len() && self.t[i].kind == TokenKind::Number {
            parse_small(self.t[i].norm)
        } else {
            None
        }
    }
    fn prev_is(&self, i: usize, ws: &[&str]) -> bool {
        i > 0 && self.any(i - 1, ws)
    }

}


/// The Gregorian year an expression states outright, if any.
fn explicit_year(s: &Spec) -> Option<i64> {
    match s {
        Spec::Date { y: Some(y), .. } => Some(*y),
        Spec::Range(_, b) => explicit_year(b),
        Spec::Time { day: Some(d), .. } => explicit_year(d),
        _ => None,
    }
}

fn is_dayish(s: &Spec) -> bool {
    matches!(s, Spec::Weekday { .. } | Spec::Rel { unit: Unit::Day, .. } | Spec::Date { d: Some(_), m: Some(_), .. } | Spec::DayRelMonth { .. })
}

fn year_spec(y: i64) -> Spec {
    Spec::Date { y: Some(y), m: None, d: None, yrel: None, dir: None }
}

fn is_yearish(s: &Spec) -> bool {
    matches!(s, Spec::Date { y: Some(_), m: None, .. } | Spec::Decade(_) | Spec::Century { .. } | Spec::Hijri { m: None, .. })
}

fn dmy(a: u32, b: u32, y: i64) -> Option<Spec> {
    // day/month/year as written in the Arab world; month/day when the
    // first number cannot be a day-of-month-first reading
    let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
    if !crate::calendar::valid_date(y, m, d) {
        return None;
    }
    Some(Spec::Date { y: Some(y), m: Some(m), d: Some(d), yrel: None, dir: None })
}

fn ymd(y: i64, m: u32, d: u32) -> Option<Spec> {
    if !crate::calendar::valid_date(y, m, d) {
        return None;
    }
    Some(Spec::Date { y: Some(y), m: Some(m), d: Some(d), yrel: None, dir: None })
}

#[cfg(test)]
mod start_tests {
    use super::*;

    /// The start filter as it was: asked at every call, with `str` affix tests.
    fn reference(k: &Tk) -> bool {
        match k.kind {
            TokenKind::Number => true,
            TokenKind::Latin => triggers().contains(k.norm),
            TokenKind::Arabic => {
                let set = triggers();
                if set.contains(k.norm) || k.norm.ends_with("ات") {
                    return true;
                }
                bare_proclitics().any(|p| k.norm.len() > p.len() && k.norm.starts_with(p) && set.contains(&k.norm[p.len()..]))
            }
            _ => false,
        }
    }

    /// The given texts and the corpus's first 300 articles (when present), annotated: the
    /// real text every equivalence test of the parser's fast paths walks.
    fn annotated_with_articles(mut texts: Vec<String>) -> Vec<Document> {
        texts.extend(marsad_core::sample::shared_corpus_texts(300));
        texts
            .iter()
            .map(|text| {
                let mut doc = Document::new("t", text);
                marsad_text::annotate(&mut doc);
                doc
            })
            .collect()
    }

    /// The remembered filter gives the reference's answer at every token of
    /// real articles (the corpus's first 300, when present).
    #[test]
    fn remembered_starts_match_the_reference() {
        let texts = vec!["في الثالث من مارس 2018 وفي يوم الاثنين الماضي، قبل ساعات وبالأمس وللعام الماضي. On Monday, last March 3rd.".to_string()];
        let (mut tokens, mut starts) = (0, 0);
        for doc in &annotated_with_articles(texts) {
            let p = Parser::new(doc);
            for i in 0..p.t.len() {
                assert_eq!(p.may_start(i), reference(&p.t[i]), "{}", p.t[i].norm);
                tokens += 1;
                starts += p.may_start(i) as usize;
            }
        }
        assert!(starts > 0 && starts < tokens, "{starts} of {tokens}");
    }

    /// The walk gives `sentence_at`'s index for every token of real
    /// articles, and for positions around empty sentences, gaps and the
    /// ends; sentences out of order take `sentence_at` itself.
    #[test]
    fn walked_sentences_are_sentence_at() {
        let texts = vec!["قال. . .  ثم   قال!!\n\nوفي 3 مارس؟ نعم".to_string(), String::new(), "بلا نقطة".to_string()];
        let tk = |p: usize| Tk { norm: "", surf: "", kind: TokenKind::Other, start: p, end: p + 1 };
        let mut checked = 0;
        for doc in &annotated_with_articles(texts) {
            let p = Parser::new(doc);
            if doc.sentences.is_empty() {
                continue;
            }
            let want: Vec<usize> = p.t.iter().map(|k| doc.sentence_at(k.start)).collect();
            assert_eq!(sentence_indices(&doc, &p.t), want);
            checked += want.len();
            // every position, with an empty sentence put in a gap or at an end
            let n = doc.char_len() + 2;
            let all: Vec<Tk> = (0..n).map(tk).collect();
            let mut variants = vec![doc.sentences.clone()];
            let mut with_empty = doc.sentences.clone();
            let e = with_empty[0].end;
            with_empty.insert(1.min(with_empty.len()), marsad_core::Sentence { start: e, end: e, ..with_empty[0].clone() });
            variants.push(with_empty);
            for ss in variants {
                let mut d = doc.clone();
                d.sentences = ss;
                let want: Vec<usize> = all.iter().map(|k| d.sentence_at(k.start)).collect();
                assert_eq!(sentence_indices(&d, &all), want);
            }
            // out of order: the fallback
            let mut d = doc.clone();
            d.sentences.reverse();
            let want: Vec<usize> = all.iter().map(|k| d.sentence_at(k.start)).collect();
            assert_eq!(sentence_indices(&d, &all), want);
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// At every token the filter marks (every token of the corpus's first
    /// 300 articles, and phrases where these words begin a range, a
    /// modified point or nothing, behind و and ف), the eleven point patterns
    /// find nothing, so skipping them changes nothing; and the filter marks
    /// the words it is meant to.
    #[test]
    fn no_point_words_begin_no_point() {
        let texts = vec![
            "من 3 مارس 2017 إلى 5 أبريل، ومن الساعة العاشرة صباحا حتى الظهر، فمن العام الماضي. بين عامي 2010 و2012 وبين يومي الأحد والاثنين. منذ العام الماضي ومنذ 2011 فمنذ أمس. قبل يومين وقبل أسبوع فقبل الثالث من الشهر الجاري. من أمس، من اليوم، بين الثالث والخامس من مارس، قبل الماضي، من القرن الماضي، من النصف الأول من العام".to_string(),
        ];
        let mut marked = 0;
        for doc in &annotated_with_articles(texts) {
            let p = Parser::new(doc);
            for i in 0..p.t.len() {
                if p.begins_no_point(i) {
                    marked += 1;
                    assert_eq!(p.point_core0_all(i), None, "{} {} {}", p.norm(i), p.norm(i + 1), p.norm(i + 2));
                }
            }
        }
        assert!(marked > 300, "{marked}");
        for w in ["من", "ومن", "فمن", "بين", "وبين", "منذ", "ومنذ", "قبل", "فقبل"] {
            assert!(begins_no_point(w), "{w}");
        }
        for w in ["بعد", "هذا", "يوم", "مني", "بينما", "وم", "و", "", "امس", "منها"] {
            assert!(!begins_no_point(w), "{w}");
        }
    }

    /// `day` as it was before it tested the ordinal forms first (issue 12,
    /// fifteenth pass): the same answer, since `ordinal` begins with that
    /// test and `prev_is` has no effect.
    fn day_reference(p: &Parser, i: usize) -> Option<(usize, u32)> {
        if i >= p.len() {
            return None;
        }
        if p.exact(i, "ال") && p.num(i + 1).is_some() {
            return p.day(i + 1);
        }
        if let Some(d) = p.num(i) {
            if p.t[i].norm.len() <= 2 && (1..=31).contains(&d) {
                let mut e = i + 1;
                if p.adj(i) && ["st", "nd", "rd", "th"].iter().any(|s| p.lat(e, s)) {
                    e += 1;
                }
                return Some((e, d));
            }
            return None;
        }
        if p.lat(i, "the") {
            if let Some((e, d)) = day_reference(p, i + 1) {
                if e > i + 2 || p.lat(e, "of") {
                    return Some((e, d));
                }
            }
            return None;
        }
        if p.prev_is(i, &["الاسبوع", "الاسابيع", "اليوم", "الايام", "الشهر", "العام", "السنه", "النصف", "الربع", "الثلث", "العقد", "القرن", "الجزء", "الفصل", "الموسم", "الدور", "الاسبوعين"]) {
            return None;
        }
        p.ordinal(i)
    }

    /// `day` is its reference at every token of 300 corpus articles and of
    /// phrases with ordinals after the nouns they qualify, and the points
    /// found with the part-of-day forms are those of the daypart words.
    #[test]
    fn day_is_the_reference() {
        let texts = vec![
            "في الثالث من الشهر الجاري، الأسبوع الأول واليوم الثالث، the 3rd of May, الخامس عشر من آذار، والحادي والعشرين من الشهر، مساء الثالث من أيار وصباح أمس وبعد ظهر اليوم ولليلة الماضية".to_string(),
        ];
        let (mut days, mut tokens) = (0, 0);
        for doc in &annotated_with_articles(texts) {
            let p = Parser::new(doc);
            for i in 0..=p.t.len() {
                let d = p.day(i);
                assert_eq!(d, day_reference(&p, i), "{} {} {}", p.norm(i.saturating_sub(1)), p.norm(i), p.norm(i + 1));
                days += d.is_some() as usize;
                tokens += 1;
            }
        }
        assert!(days > 100 && tokens > 50_000, "{days} {tokens}");
    }

    /// `relword_ar`'s first-word filter rejects only tokens where its
    /// branches find nothing: at every token of 300 corpus articles and of
    /// phrases with every first word behind proclitics.
    #[test]
    fn relword_firsts_begin_every_branch() {
        let mut phrases = String::from("يوم أمس ويوم الغد، أول أمس وأول من أمس، بعد غد، أمس الأول، الأمس القريب، اليوم الخميس، غدا، صباح الغد، الليلة الماضية، الأسبوع الماضي، الشهر قبل الماضي، هذا العام، وهذه السنة، ");
        for w in words::relword_firsts_ar() {
            for p in ["", "و", "ف", "ب", "ل", "وب", "لل", "كال", "وال", "فال", "بال"] {
                phrases.push_str(&format!("{p}{w} الماضي {p}{w} العام {p}{w} أمس، "));
            }
        }
        let texts = vec![phrases];
        let (mut found, mut tokens) = (0, 0);
        for doc in &annotated_with_articles(texts) {
            let p = Parser::new(doc);
            for i in 0..p.t.len() {
                if p.t[i].kind != TokenKind::Arabic {
                    continue;
                }
                let all = p.relword_ar_all(i);
                assert_eq!(p.relword_ar(i), all, "{} {} {}", p.norm(i), p.norm(i + 1), p.norm(i + 2));
                found += all.is_some() as usize;
                tokens += 1;
            }
        }
        assert!(found > 200 && tokens > 40_000, "{found} {tokens}");
    }

    /// The two-byte pre-filter keeps every trigger word, and gives the set's
    /// answer on every trigger behind every bare proclitic, on words cut
    /// short, and on words it rejects.
    #[test]
    fn trigger_prefilter_is_the_set() {
        let mut words: Vec<String> = Vec::new();
        let tr = Triggers::get();
        let is_trigger = |w: &str| tr.has(w);
        for w in triggers() {
            assert!(is_trigger(w), "{w}");
            words.push(w.to_string());
            for p in bare_proclitics() {
                words.push(format!("{p}{w}"));
            }
            for (i, _) in w.char_indices() {
                words.push(w[..i].to_string());
                words.push(w[i..].to_string());
            }
        }
        words.extend(["", "a", "x", "و", "قال", "الشرطة", "zzz"].map(String::from));
        let mut rejected = 0;
        for w in &words {
            assert_eq!(is_trigger(w), triggers().contains(w.as_str()), "{w}");
            rejected += !is_trigger(w) as usize;
        }
        assert!(rejected > 0);
        // behind every bare proclitic, and a few words that are not
        let mut texts: Vec<String> = Vec::new();
        for w in triggers() {
            for p in bare_proclitics() {
                texts.push(format!("{p}{w}"));
            }
        }
        texts.extend(["وقال", "فالشرطة", "بيروت", "لبنان", "كتب"].map(String::from));
        for w in &texts {
            let k = Tk { norm: w, surf: w, kind: TokenKind::Arabic, start: 0, end: 1 };
            assert_eq!(may_start_at(&k, &tr), reference(&k), "{w}");
        }
    }
}
