//! Attachment: where each predicate takes its quantity phrase. After a verb (VSO,
//! skipping the subject, preferring a second phrase when the first is the agent), before
//! a plural verb or an English passive, right before a counted noun, after a toll; and
//! one figure for two classes ("killed or wounded 20") given to neither.

use super::words::*;
use super::*;
use crate::numbers;
use marsad_core::TokenKind;

impl<'a> G<'a> {
    /// Tokens allowed between a subject phrase and its verb.
    pub(super) fn gap_ok(&self, from: usize, to: usize, p: &Pred) -> bool {
        (from..to).all(|q| {
            let t = self.t(q);
            if is_ar(t) {
                matches!(t.norm.as_str(), "قد" | "جميعهم" | "كلهم")
            } else {
                EN_AUX.contains(&t.norm.as_str()) || (p.kind == Kind::Counted && t.norm == "people")
            }
        })
    }

    /// Where a subject phrase may start: the sentence start, after punctuation, a
    /// conjunction, a clause connective, or a presentational verb (سقط، left).
    pub(super) fn subject_start(&self, j: usize) -> bool {
        if j == 0 {
            return true;
        }
        let u = self.t(j - 1);
        if u.kind == TokenKind::Punct {
            return true;
        }
        let w = if is_ar(u) { bare(u) } else { u.norm.as_str() };
        matches!(w, "و" | "and" | "but" | "while" | "when" | "as" | "said" | "says" | "say" | "that" | "reported" | "confirmed" | "which" | "whom" | "where" | "فيما" | "بينما" | "كما" | "حيث" | "عندما" | "اذ" | "سقط" | "سقطوا" | "left" | "leaving" | "with" | "فقد" | "وقد" | "قد")
            || (is_ar(u) && AR_CLAUSE.contains(&u.norm.as_str()))
            // وإن، فإن: the conjunction on a two-letter word is not stripped by `bare`
            || (is_ar(u) && matches!(u.norm.as_str(), "وان" | "فان" | "وانه" | "فانه"))
    }

    pub(super) fn before(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        let lo = p.i.saturating_sub(18);
        for j in lo..p.i {
            if self.in_pred(j) {
                continue;
            }
            let Some((v, e, _)) = self.qp(j, false) else { continue };
            if e > p.i || !self.gap_ok(e, p.i, p) {
                continue;
            }
            // nothing between may be another predicate
            if (j..e).any(|q| self.in_pred(q)) {
                continue;
            }
            let tight = p.kind == Kind::Counted;
            if tight || self.subject_start(j) {
                return Some((v, j, e));
            }
        }
        if !self.ar(p.i) && (p.passive || p.kind == Kind::VerbI) {
            return self.en_singular_subject(p).map(|(s, e)| (Some(1), s, e));
        }
        None
    }

    /// The subject of an English passive that is one person: "he was shot dead", "The
    /// rapper was shot dead", "Former prime minister Shinzo Abe was shot dead".
    pub(super) fn en_singular_subject(&self, p: &Pred) -> Option<(usize, usize)> {
        let mut q = p.i;
        while q > 0 && EN_AUX.contains(&self.t(q - 1).norm.as_str()) {
            q -= 1;
        }
        if q == p.i && p.kind != Kind::VerbI || q == 0 {
            return None;
        }
        let mut h = q - 1;
        // an apposition between: "The suspect, aged 28, was arrested"
        if self.t(h).norm == "," {
            if let Some(c) = (h.saturating_sub(6)..h).rev().find(|&k| self.t(k).norm == ",") {
                if c > 0 {
                    h = c - 1;
                }
            }
        }
        let head = self.t(h);
        if head.kind != TokenKind::Latin {
            return None;
        }
        let hw = head.norm.as_str();
        if matches!(hw, "he" | "she") {
            return Some((h, h + 1));
        }
        if self.inp.person.get(h).copied().unwrap_or(false) {
            let mut s = h;
            while s > 0 && self.inp.person.get(s - 1).copied().unwrap_or(false) {
                s -= 1;
            }
            return Some((s, h + 1));
        }
        let plural = hw.ends_with('s') && !EN_HUMAN.contains(&hw) || matches!(hw, "people" | "men" | "women" | "children" | "police" | "they" | "others" | "dozens" | "hundreds");
        if plural || EN_PREPS.contains(&hw) || self.unit(h) || numbers::parse_at(self.toks, h).is_some() || EN_AUX.contains(&hw) {
            return None;
        }
        let mut k = h;
        while k > 0 && h - k < 6 {
            k -= 1;
            let t = self.t(k);
            let w = t.norm.as_str();
            if matches!(w, "the" | "a" | "an" | "his" | "her" | "its") {
                return self.subject_start(k).then_some((k, h + 1));
            }
            if !(t.kind == TokenKind::Latin || matches!(w, "-" | "'")) || EN_PREPS.contains(&w) || matches!(w, "and" | "or") || numbers::parse_at(self.toks, k).is_some() {
                break;
            }
        }
        None
    }

    pub(super) fn after(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        let n = self.n();
        let ar = self.ar(p.i);
        let transitive = p.kind == Kind::VerbT && !p.passive;
        // one definite person: for killing, and for injury only with a wound phrase after it
        // ("أصيب الجندي بجروح"، not "أصيب الرئيس بنزلة برد")
        let wound = (p.last + 1..(p.last + 7).min(n)).any(|q| {
            let w = self.w(q);
            ["بجروح", "بجراح", "بشظايا", "برصاص", "بالرصاص", "بطلق", "بعيار", "بشظيه"].iter().any(|x| w.starts_with(x))
        });
        let implicit = match p.class {
            KILLED => p.singleton || matches!(p.kind, Kind::VerbI | Kind::NounGen),
            INJURED => matches!(p.kind, Kind::VerbI | Kind::NounGen) && wound,
            // اعتقلت السلطات المدون كريم عامر، police detained the man
            _ => matches!(p.kind, Kind::VerbT | Kind::NounGen),
        };
        let mut q = p.last + 1;
        let mut skipped = 0;
        let mut crossed_pp = false;
        let mut pps = 0;
        // an Arabic transitive verb's first singular phrase may be its agent
        // (قتل انتحاري يرتدي حزاما ناسفا 31 متطوعا): kept while a second one is looked for
        let mut agent: Option<(Option<u32>, usize, usize)> = None;
        while q < n && q <= p.last + 16 {
            let t = self.t(q);
            // a quoted name: مقتل "أبو عياض التونسي" (the mark is punctuation: before the
            // punctuation test)
            if ar && matches!(t.norm.as_str(), "\"" | "«" | "“") && q + 1 < n && self.ar(q + 1) && q == p.last + 1 {
                q += 1;
                continue;
            }
            if t.kind == TokenKind::Punct {
                // a parenthetical attribution between the verb and its subject or object:
                // "وقتل، بحسب المرصد، 12 عنصرا"، "قتل - حسب مصادر طبية - 5 مدنيين": the
                // source is skipped to its closing mark, the count after it is the verb's
                if let Some(close) = self.attribution_aside(q) {
                    q = close + 1;
                    continue;
                }
                // اعتقلت الشرطة الإسرائيلية، الجمعة 25 نوفمبر 2016 أكثر من 12 شخصا: a
                // comma and a date between the subject and the object
                let timeish = |k: usize| self.inp.time.get(k).copied().unwrap_or(false) || AR_TIME.contains(&self.w(k));
                // (or a date set off by commas right after the verb: قُتل، اليوم الثلاثاء، شاب)
                let only_time = agent.is_none() && (p.last + 1..q).all(|k| self.punct(k) || timeish(k));
                let dated = ar && (transitive && skipped > 0 || only_time) && matches!(t.norm.as_str(), "," | "،") && q + 1 < n && (timeish(q + 1) || q > 0 && timeish(q - 1));
                if !dated {
                    break;
                }
                q += 1;
                continue;
            }
            // time words between the verb and its subject or object (فجر اليوم، بعد ظهر الأحد)
            let time_word = |q: usize| self.inp.time.get(q).copied().unwrap_or(false) || AR_TIME.contains(&self.w(q));
            if ar && (time_word(q) || matches!(self.w(q), "بعد" | "قبل") && q + 1 < n && time_word(q + 1) && numbers::parse_at(self.toks, q + 1).is_none()) {
                q += 1;
                continue;
            }
            // a pronoun PP right after the verb: قتل فيه ستة أشخاص، أصيب فيها
            if ar && q == p.last + 1 && matches!(t.norm.as_str(), "فيه" | "فيها" | "بها" | "به" | "فيهما" | "خلالها" | "خلاله" | "اثرها" | "اثره") {
                q += 1;
                continue;
            }
            if ar && p.class == INJURED && matches!(self.w(q), "بجروح" | "بجراح") {
                q += 1;
                continue;
            }
            if q > p.last + 1 && self.in_pred(q) {
                break;
            }
            if let Some((v, e, single)) = self.qp(q, implicit && agent.is_none()) {
                // behind a PP only a person or an accusative phrase is the object
                if crossed_pp && skipped > 0 && !(single || self.accusative(q, e)) {
                    break;
                }
                if agent.is_none() && ar && transitive && single && v == Some(1) && skipped == 0 && !self.accusative(q, e) {
                    agent = Some((v, q, e));
                    q = e;
                    continue;
                }
                if agent.is_some() && single {
                    break;
                }
                // two counts in a row after an active verb: the first is its subject
                // (قتل أربعة انتحاريين بريطانيين اسلاميين 52 شخصا)
                if ar && transitive && skipped == 0 && agent.is_none() && e < n && !self.accusative(q, e) && (self.t(e).kind == TokenKind::Number || numbers::parse_at(self.toks, e).is_some()) {
                    if let Some((v2, e2, _)) = self.qp(e, false) {
                        if v2.is_some() {
                            return Some((v2, e, e2));
                        }
                    }
                }
                return Some((v, q, e));
            }
            if self.clause(q) {
                // a relative clause inside the subject (أعدمت حركة حماس التي تسيطر على قطاع
                // غزة اليوم الخميس ثلاثة أشخاص): the object is the first count after it
                if ar && transitive && skipped > 0 && agent.is_none() && matches!(self.w(q), "التي" | "الذي" | "الذين") {
                    let mut r = q + 1;
                    while r < n && r <= q + 12 && !self.punct(r) && !self.in_pred(r) {
                        if numbers::parse_at(self.toks, r).is_some() || self.t(r).kind == TokenKind::Number {
                            if let Some((v, e, _)) = self.qp(r, false) {
                                if v.is_some() && e > r + 1 || self.ar_human(r).is_some() {
                                    return Some((v, r, e));
                                }
                            }
                        }
                        r += 1;
                    }
                }
                break;
            }
            // a short PP before the subject of an Arabic verb: استشهد في الهجوم عون أمن،
            // قتل في الموصل شخصان
            // (a plural verb's subject came before it: قتلوا في تفجير انتحاري)
            if ar && skipped == 0 && !crossed_pp && agent.is_none() && !p.plural && matches!(p.kind, Kind::VerbT | Kind::VerbI) && self.prep(q) {
                let mut r = q + 1;
                let mut comma = false;
                while r < n && r <= q + 4 {
                    // "قتل مؤخرا في سوريا، شاب تونسي": a comma closes the PP
                    if !comma && r > q + 1 && matches!(self.t(r).norm.as_str(), "," | "،") {
                        comma = true;
                        r += 1;
                        continue;
                    }
                    if !(self.ar(r) && !self.prep(r) && !self.clause(r) && !self.in_pred(r) && !self.t(r).norm.starts_with('و')) {
                        break;
                    }
                    if let Some((v, e, _)) = self.qp(r, implicit) {
                        // a new phrase, not an adjective of the PP's noun: a number, or after a
                        // definite noun or a place ("في الهجوم عون أمن", not "في تفجير انتحاري")
                        let number = numbers::parse_at(self.toks, r).is_some() || self.t(r).kind == TokenKind::Number || self.approx(r).is_some();
                        let prev_def = comma || strip_al(self.w(r - 1)).is_some() || self.inp.anchor.get(r - 1).copied().unwrap_or(false) && !self.inp.nisba.get(r).copied().unwrap_or(false);
                        if r > q + 1 && v.is_some() && (number || prev_def) {
                            return Some((v, r, e));
                        }
                        break;
                    }
                    r += 1;
                }
            }
            if agent.is_some() {
                // the agent's own words: a relative verb and its object
                if self.prep(q) || t.norm.starts_with('و') || skipped >= 6 {
                    break;
                }
                skipped += 1;
                q += 1;
                continue;
            }
            if !(ar && transitive) {
                break;
            }
            // the subject before the object: قتل مسلحون ملثمون أربعة، أعدم تنظيم الدولة ثلاثة
            // (a long subject may hold several PPs: قوات الأمن الوطني بمنطقة … بولاية المنستير
            // شخصا; behind them only a person or an accusative phrase is taken)
            if self.prep(q) {
                if pps >= 3 || skipped == 0 {
                    break;
                }
                crossed_pp = true;
                pps += 1;
                q += 1;
                continue;
            }
            if t.norm.starts_with('و') || t.kind == TokenKind::Number || skipped >= 10 {
                break;
            }
            skipped += 1;
            q += 1;
        }
        agent
    }

    /// A source set off by commas or dashes (، بحسب المرصد،  - حسب مصادر طبية -  ، وفقا لمصدر
    /// أمني،): at the opening mark `q`, the closing mark's index. Arabic only, at most ten
    /// words, nothing but words of the source between.
    pub(super) fn attribution_aside(&self, q: usize) -> Option<usize> {
        let n = self.n();
        let open = self.t(q).norm.as_str();
        if !matches!(open, "," | "،" | "-" | "–" | "(") || q + 1 >= n || !self.ar(q + 1) {
            return None;
        }
        // (وفق begins with و: the word is tested with and without a conjunction)
        let source = |w: &str| matches!(w, "بحسب" | "حسب" | "حسبما" | "وفق" | "وفقا" | "طبقا" | "نقلا" | "استنادا");
        let w = self.t(q + 1).norm.as_str();
        if !(source(w) || w.strip_prefix('و').is_some_and(source)) {
            return None;
        }
        let close = |c: &str| if open == "(" { c == ")" } else if matches!(open, "-" | "–") { matches!(c, "-" | "–") } else { matches!(c, "," | "،") };
        (q + 2..(q + 12).min(n)).take_while(|&r| !self.in_pred(r) && (self.ar(r) || self.punct(r))).find(|&r| self.punct(r) && close(self.t(r).norm.as_str()))
    }

    /// A person behind لـ: للشيخ، للمواطن، لفلان.
    pub(super) fn lam_person(&self, q: usize) -> bool {
        let t = self.t(q);
        let pre = t.prefix.trim_start_matches(['و', 'ف']);
        if !pre.starts_with('ل') {
            return false;
        }
        let b = t.base.as_str();
        let known = |s: &str| HUMAN_BROKEN.contains(&s) || HUMAN_SOUND.contains(&s) || AR_DEAD_TITLE.contains(&s);
        known(b) || self.inp.person.get(q).copied().unwrap_or(false)
    }

    /// The phrase's head noun is marked accusative (-ًا) or is a person's name.
    pub(super) fn accusative(&self, s: usize, e: usize) -> bool {
        (s..e).any(|q| {
            let t = self.t(q);
            is_ar(t) && t.norm.ends_with('ا') && !t.norm.ends_with("يا") || self.inp.person.get(q).copied().unwrap_or(false)
        })
    }

    pub(super) fn toll(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        let n = self.n();
        let mut q = p.last + 1;
        while q < n && q <= p.last + 24 {
            if self.punct(q) && !matches!(self.t(q).norm.as_str(), "'" | "-") {
                // عدد القتلى في هجوم … يوم 7 أفريل، ارتفع إلى 5: a toll verb carries it on
                let carried = matches!(self.t(q).norm.as_str(), "," | "،") && q + 1 < n && TOLL_VERBS.contains(&self.w(q + 1));
                // ارتفع عدد القتلى من المشاركين في مظاهرات …، بارك كون هيه، إلى 3 أشخاص: a
                // rising toll runs over commas to its إلى + number (session casualty8)
                let rising = p.i > 0 && TOLL_VERBS.contains(&self.w(p.i - 1)) && matches!(self.t(q).norm.as_str(), "," | "،") && {
                    let stop = (q + 1..(p.last + 25).min(n)).find(|&r| self.punct(r) && !matches!(self.t(r).norm.as_str(), "," | "،")).unwrap_or((p.last + 25).min(n));
                    (q + 1..stop).any(|r| self.t(r).norm == "الي" && r + 1 < n && (self.t(r + 1).kind == TokenKind::Number || numbers::parse_at(self.toks, r + 1).is_some()))
                };
                let carried = carried || rising;
                if !carried {
                    break;
                }
            }
            if self.t(q).kind == TokenKind::Number || numbers::parse_at(self.toks, q).is_some() {
                if let Some((v, e, _)) = self.qp(q, false) {
                    if v.is_some() {
                        return Some((v, q, e));
                    }
                }
            }
            q += 1;
        }
        None
    }

    /// Does a toll reach its number over منذ/since + the start of a period (منذ بدء
    /// العدوان، منذ مطلع العام، منذ انقلاب 25 أكتوبر، since January)? Not over a part of
    /// the same day (منذ صباح اليوم، منذ مساء الاثنين، since this morning): that is the
    /// incident's own toll still rising.
    pub(super) fn period_total(&self, p: &Pred, s: usize) -> bool {
        let n = self.n();
        (p.last + 1..s.min(n)).any(|q| {
            let w = self.t(q).norm.as_str();
            let w = w.strip_prefix('و').filter(|_| self.ar(q)).unwrap_or(w);
            (w == "منذ" || w == "since")
                && q + 1 < n
                && !matches!(self.w(q + 1), "صباح" | "مساء" | "فجر" | "ظهر" | "ليل" | "ليله" | "الساعه" | "ساعات" | "ساعتين" | "اليوم" | "امس" | "الصباح" | "this" | "early" | "late" | "morning" | "saturday" | "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday")
        })
    }

    /// The figure a predicate states: Some(Some(v)) a count, Some(None) a vague one, None none.
    pub(super) fn attach(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        let n = self.n();
        match p.kind {
            Kind::Counted => {
                let r = self.before(p).filter(|(_, _, e)| *e == p.i);
                r.or_else(|| p.own.map(|v| (Some(v), p.i, p.i + 1)))
            }
            Kind::Toll => self.toll(p),
            Kind::NounGen => {
                let r = self.after(p);
                r.filter(|(_, s, _)| *s <= p.last + 2).or_else(|| p.own.map(|v| (Some(v), p.i, p.last + 1))).or_else(|| {
                    // the agent first, the victim behind لـ: إعدام السعودية للشيخ نمر النمر
                    let q = p.last + 2;
                    (p.class == KILLED && q < n && self.ar(q) && !self.in_pred(p.last + 1) && self.lam_person(q)).then_some((Some(1), q, q + 1))
                })
            }
            Kind::VerbT | Kind::VerbI => {
                let english = !self.ar(p.i);
                let r = if english && (p.passive || p.kind == Kind::VerbI) {
                    self.before(p)
                } else {
                    let a = self.after(p);
                    match a {
                        Some(x) => Some(x),
                        None if p.plural || english => self.before(p),
                        // after إن/أن the subject comes first whatever the agreement:
                        // "إن شخصا واحدا أصيب"
                        // (also with the conjunction: "وإن شخصا واحدا أصيب")
                        None => self.before(p).filter(|(_, s, _)| *s > 0 && matches!(self.t(s - 1).norm.trim_start_matches(['و', 'ف']), "ان" | "بان" | "لان" | "انه")),
                    }
                };
                // "Two soldiers were killed", "four soldiers killed in X": the English
                // subject right before an unmarked verb (reduced passive)
                let r = match r {
                    None if english && !p.passive && p.i > 0 => self.before(p),
                    r => r,
                };
                let _ = n;
                r.or_else(|| p.own.map(|v| (Some(v), p.i, p.i + 1)))
            }
        }
    }

    /// A killing or wounding word governed by an attempt (حاول، محاولة، يحاول), an intent
    /// (يريد، ينوي، بهدف), a plan (التخطيط ل) or a threat (يهدده، تهديد) within the four words before it (حاول
    /// الشهيد الفلسطيني إصابة), with no punctuation between.
    pub(super) fn attempted(&self, p: &Pred) -> bool {
        if !self.ar(p.i) || !matches!(p.class, KILLED | INJURED) {
            return false;
        }
        let lo = (p.i.saturating_sub(4)..p.i).rev().find(|&q| self.punct(q)).map_or(p.i.saturating_sub(4), |q| q + 1);
        (lo..p.i).any(|q| {
            let w = bare(self.t(q));
            let w = strip_al(w).unwrap_or(w);
            matches!(w, "حاول" | "حاولت" | "حاولوا" | "يحاول" | "تحاول" | "يحاولون" | "محاوله" | "محاولات" | "لمحاوله" | "بمحاوله")
                // an intent or a threat names no victim either: كان يريد إصابة شخص آخر، يهدده
                // بالذبح، بهدف قتل
                || matches!(w, "يريد" | "تريد" | "يريدون" | "اراد" | "ارادت" | "ارادوا" | "يرغب" | "ترغب" | "يرغبون" | "ينوي" | "تنوي" | "ينوون" | "يعتزم" | "تعتزم" | "يعتزمون" | "بهدف" | "بقصد" | "بغرض")
                || ["هدد", "يهدد", "تهدد", "تهديد", "بتهديد"].iter().any(|h| w.starts_with(h))
                // a plan (session casualty7): التخطيط لقتل عون أمن، خططوا لاغتيال
                || ["خطط", "يخطط", "تخطط", "تخطيط", "للتخطيط", "بالتخطيط"].iter().any(|h| w.starts_with(h))
        })
    }

    /// An injury word naming what a death came from: توفي متأثرا بإصابته، لقي حتفه متأثرا
    /// بالجروح التي أصيب بها، توفي فلسطيني … على إثر إصابته برصاص — the wounded died, so
    /// he is counted killed (by the death word), not also injured.
    pub(super) fn died_of_wounds(&self, p: &Pred) -> bool {
        if p.class != INJURED || !self.ar(p.i) {
            return false;
        }
        if (p.i.saturating_sub(4)..p.i).any(|q| self.ar(q) && bare(self.t(q)).starts_with("متاثر")) {
            return true;
        }
        let cause = (p.i.saturating_sub(2)..p.i).any(|q| self.ar(q) && matches!(bare(self.t(q)), "اثر" | "جراء"));
        cause && !self.t(p.i).suffix.is_empty() && (p.i.saturating_sub(15)..p.i).any(|q| self.pred_at(q).is_some_and(|o| o.class == KILLED && o.kind == Kind::VerbI))
    }

    /// Detainees set free are no arrest: إطلاق سراح 15 موقوفا، الإفراج عن 3 معتقلين.
    pub(super) fn released(&self, p: &Pred) -> bool {
        if p.class != ARRESTED || !self.ar(p.i) {
            return false;
        }
        (p.i.saturating_sub(4)..p.i).any(|q| {
            let w = self.w(q);
            let w = strip_al(w).unwrap_or(w);
            matches!(w, "سراح" | "افراج" | "افرج" | "افرجت" | "يفرج" | "تفرج" | "سبيل")
        })
    }

    /// ذبح of animals and meat (ذبح قرابة 5ر1 مليون طير، من تاريخ ذبحها: poultry): in a
    /// sentence about livestock or meat the slaughter word kills no one.
    pub(super) fn slaughter(&self, p: &Pred) -> bool {
        if p.class != KILLED || !self.ar(p.i) || !self.w(p.i).contains("ذبح") {
            return false;
        }
        (0..self.n()).any(|q| {
            let w = self.w(q);
            let w = strip_al(w).unwrap_or(w);
            AR_ANIMALS.contains(&w)
        })
    }

    /// The implicit singleton of an assassination whose victim is not after the noun:
    /// تعرض الزواري لعملية اغتيال، جريمة الاغتيال في حقه، عملية الاغتيال التي استهدفت
    /// المهندس — one killed. Not a plural (الاغتيالات), a threat or a plan (تهديد
    /// بالاغتيال، مخطط لاغتيال).
    pub(super) fn assassination_singleton(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        if p.class != KILLED || p.kind != Kind::NounGen || !self.ar(p.i) {
            return None;
        }
        let w = bare(self.t(p.i));
        let base = strip_al(w).unwrap_or(w);
        if !base.ends_with("اغتيال") {
            return None;
        }
        let n = self.n();
        let word = |q: usize| {
            let w = bare(self.t(q));
            strip_al(w).unwrap_or(w).to_string()
        };
        let plan = (p.i.saturating_sub(3)..p.i).any(|q| matches!(word(q).as_str(), "تهديد" | "تهديدا" | "مخطط" | "مخططا" | "التخطيط" | "تخطيط" | "خطه" | "قايمه" | "بقايمه"));
        if plan {
            return None;
        }
        // the victim is the subject of تعرض before the noun
        let exposed = (p.i.saturating_sub(4)..p.i).any(|q| {
            let w = word(q);
            w.starts_with("تعرض") || w.starts_with("يتعرض")
        });
        // "في حقه"، "التي استهدفت" right after it
        let after = |k: usize| (p.last + 1..(p.last + 1 + k).min(n)).map(&word).collect::<Vec<_>>();
        let a = after(3);
        let in_his_right = a.windows(2).any(|x| x[0] == "في" && x[1].starts_with("حق"));
        let targeted = a.first().is_some_and(|x| matches!(x.as_str(), "التي" | "الذي")) && a.get(1).is_some_and(|x| x.starts_with("استهدف"));
        (exposed || in_his_right || targeted).then_some((Some(1), p.i, p.last + 1))
    }

    /// A killing noun after a singular crime word with no victim after it (جريمة القتل
    /// التي وقعت في كليفلاند، اعترف بارتكابه جريمة القتل، عملية الاغتيال وراءها …، مشتبه
    /// به في جريمة قتل قصدغلي): one killed (session casualty8). Not a plural (جرائم
    /// القتل، عمليات الاغتيال), an attempt or a plan (those are dropped before).
    pub(super) fn crime_singleton(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        if p.class != KILLED || p.kind != Kind::NounGen || !self.ar(p.i) || p.i == 0 || p.last != p.i {
            return None;
        }
        let t = self.t(p.i);
        let w = bare(t);
        let base = if matches!(t.prefix.trim_start_matches(['و', 'ف']), "ب" | "ل") { t.base.as_str() } else { w };
        let base = strip_al(base).unwrap_or(base);
        if !matches!(base, "قتل" | "اغتيال" | "ذبح") {
            return None;
        }
        // a murder named as what someone was arrested for (القبض على متهم بارتكاب جريمة قتل،
        // إيقاف 14 شخصا على علاقة بجريمة القتل) is a reference the arrest reports, and the
        // labels give it no toll
        let arrest = self.preds.iter().flatten().any(|o| o.class == ARRESTED);
        (!arrest && self.crime_word(p.i - 1)).then_some((Some(1), p.i, p.i + 1))
    }

    /// "قتلوا وجرحوا أكثر من عشرة"، "killed or wounded 20"، "20 بين قتيل وجريح": one figure
    /// for two classes is neither's.
    pub(super) fn combined(&self, p: &Pred) -> bool {
        let n = self.n();
        let q = p.last + 1;
        let shares = |p: &Pred| p.own.is_none() && matches!(p.kind, Kind::VerbT | Kind::VerbI | Kind::NounGen);
        // a plural verb with its count before it has its own figure: "ثلاثة أشخاص قتلوا
        // وأصيب ثلاثة آخرون" is not "قتلوا وجرحوا أكثر من عشرة"
        let own_subject = || p.plural && self.ar(p.i) && self.after(p).is_none() && self.before(p).is_some_and(|b| b.0.is_some());
        if q < n && shares(p) && !own_subject() {
            let nx = if matches!(self.t(q).norm.as_str(), "and" | "or" | "او" | "و") { q + 1 } else { q };
            let glued = nx == q && self.ar(q) && self.t(q).norm.starts_with('و');
            if (nx != q || glued) && nx < n {
                if let Some(o) = self.pred_at(nx) {
                    if o.class != p.class && o.class != ARRESTED && p.class != ARRESTED && shares(o) {
                        return true;
                    }
                }
            }
        }
        if p.i > 0 {
            let b = p.i - 1;
            let conj = self.ar(p.i) && self.t(p.i).norm.starts_with('و') && (b < n);
            let prevp = if conj { Some(b) } else if b > 0 && matches!(self.t(b).norm.as_str(), "and" | "or" | "او") { Some(b - 1) } else { None };
            if let Some(pp) = prevp {
                if let Some(o) = (pp.saturating_sub(2)..=pp).rev().find_map(|s| self.pred_at(s).filter(|o| o.last == pp)) {
                    // only when the first has no figure of its own (قتلوا وجرحوا N), not
                    // "لقي 17 شخصا مصرعهم وأصيب 40"
                    if o.class != p.class && o.class != ARRESTED && p.class != ARRESTED && o.own.is_none() && matches!(o.kind, Kind::VerbT | Kind::VerbI | Kind::NounGen) && self.attach(o).is_none() {
                        return true;
                    }
                }
            }
        }
        // بين قتيل وجريح
        p.i > 0 && self.t(p.i - 1).norm == "بين" && q < n && self.t(q).norm.starts_with('و') && self.find_pred_lex(q).is_some_and(|o| o.class != p.class)
    }
}
