//! Casualty predicates: which token is a killing, injury or arrest verb, verbal noun,
//! counted noun or toll (its class and kind), the pronoun-suffixed forms (قتله،
//! مقتلهما), and the implicit singleton of a relative or a named person before the verb.

use super::words::*;
use super::*;
use crate::numbers;
use marsad_core::TokenKind;

impl<'a> G<'a> {
    pub(super) fn find_pred(&self, i: usize) -> Option<Pred> {
        if !self.ar(i) {
            return self.find_pred_lex(i);
        }
        let n = self.n();
        if let Some(p) = self.exposed_to_killing(i) {
            return Some(p);
        }
        if let Some(p) = self.assault_injury(i) {
            return Some(p);
        }
        let mut p = match self.find_pred_lex(i) {
            Some(p) => p,
            None => return self.suffixed_pred(i),
        };
        // one person named by the clause: "سعيد الغزلاني، الذي استشهد"، "الوزير قتل على يد …"
        let rel_before = i > 0 && matches!(self.t(i - 1).norm.as_str(), "الذي" | "التي");
        if p.own.is_none() && matches!(p.kind, Kind::VerbT | Kind::VerbI) && !p.plural && (p.class == KILLED || p.class == INJURED && (self.wound_after(p.last) || rel_before)) {
            // "الفقيد قد راح ضحية": قد stands between the person and the verb
            // (not "ما إذا كان المهاجم قد قتل أو أصيب": an open question)
            let open = i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "او" | "ام");
            let prev = (i > 0 && !open).then(|| if i > 1 && self.t(i - 1).norm == "قد" { i - 2 } else { i - 1 });
            if let Some(b) = prev {
                let w = self.t(b).norm.as_str();
                let antecedent = |q: usize| self.person_at(q);
                let before_rel = if b > 0 && self.punct(b - 1) && b > 1 { b - 2 } else { b.saturating_sub(1) };
                if matches!(w, "الذي" | "التي") && b > 0 && antecedent(before_rel) {
                    p.own = Some(1);
                } else if p.kind == Kind::VerbI && p.class == KILLED && matches!(w, "الذي" | "التي" | "والذي" | "والتي") {
                    // a singular relative is a singular antecedent, however far its name
                    // stands (الزميلة الصحفية شفاء كردي مذيعة تلفزيون … التي استشهدت; المرحوم
                    // أنور السكرافي بمعتمدية البئر الأحمر الذي توفي): one dead, unless a
                    // subject follows (الهجوم الذي استشهد فيه 3 جنود) (session casualty8)
                    p.own = Some(1);
                } else if matches!(w, "اللذين" | "اللتين" | "اللذان" | "اللتان") && b > 0 {
                    p.own = Some(2);
                } else if antecedent(b) && !self.punct(b) {
                    p.own = Some(1);
                } else if p.kind == Kind::VerbI && self.ar(b) && self.ar_human(b) == Some(1) && self.subject_start(b) {
                    // a nominal sentence: one indefinite person, then an intransitive or
                    // passive verb (شاب أصيب بجروح، جندي استشهد; not a transitive verb,
                    // whose subject is the agent: شاب قتل والده)
                    p.own = Some(1);
                }
            }
        }
        // "وكان مواطن … يبلغ من العمر 65 سنة قد توفي"، "إن رجلا ألمانيا عمره 73 عاما توفي":
        // one person, the subject of كان / إنّ opening the verb's clause (a fallback: a
        // subject after the verb still wins)
        if p.own.is_none() && p.kind == Kind::VerbI && !p.plural && p.class == KILLED {
            let mut k = i;
            while k > i.saturating_sub(14) && !self.punct(k - 1) {
                k -= 1;
            }
            let one = |q: usize| self.ar(q) && (self.person_at(q) || self.inp.person.get(q).copied().unwrap_or(false) || self.ar_human(q) == Some(1));
            if (k..i.saturating_sub(1)).any(|q| matches!(self.w(q), "كان" | "كانت" | "ان") && one(q + 1)) {
                p.own = Some(1);
            }
        }
        let _ = n;
        Some(p)
    }

    /// The count of a ب-prefixed object (بصاحبي المستودعين = 2، بإحدى المواطنات = 1، به = 1،
    /// بعصابة تتكون من 7 = 7); None when it is vague or plural.
    pub(super) fn bi_count(&self, q: usize) -> Option<u32> {
        let t = self.t(q);
        let b = t.base.as_str();
        if b.is_empty() || matches!(t.norm.as_str(), "به" | "بها") {
            return matches!(t.norm.as_str(), "به" | "بها").then_some(1);
        }
        if t.norm == "بهما" {
            return Some(2);
        }
        if let Some((v, _, _)) = self.group_size(q) {
            return v;
        }
        if matches!(b, "احد" | "احدي") {
            return Some(1);
        }
        let known = |s: &str| HUMAN_BROKEN.contains(&s) || HUMAN_SOUND.contains(&s) || AR_DEAD_TITLE.contains(&s);
        let stem = strip_al(b).unwrap_or(b);
        if let Some(st) = stem.strip_suffix('ي') {
            if HUMAN_BROKEN.contains(&st) {
                return Some(2);
            }
        }
        if let Some(st) = stem.strip_suffix("ين").or_else(|| stem.strip_suffix("ان")) {
            if HUMAN_BROKEN.contains(&st) {
                return Some(2);
            }
        }
        (known(stem) || self.inp.person.get(q).copied().unwrap_or(false)).then_some(1)
    }

    /// A person at token q: a name, a definite human noun, a nationality noun.
    pub(super) fn person_at(&self, q: usize) -> bool {
        if self.inp.person.get(q).copied().unwrap_or(false) {
            return true;
        }
        let t = self.t(q);
        if !is_ar(t) {
            return false;
        }
        let w = self.w(q);
        let known = |s: &str| HUMAN_BROKEN.contains(&s) || HUMAN_SOUND.contains(&s) || AR_DEAD_TITLE.contains(&s);
        strip_al(w).map_or(false, |r| known(r) || self.inp.nisba.get(q).copied().unwrap_or(false) && r.ends_with('ي'))
    }

    /// A singular crime or operation word at q (جريمة، بجريمة، لعملية، قضية).
    pub(super) fn crime_word(&self, q: usize) -> bool {
        let t = self.t(q);
        if !is_ar(t) {
            return false;
        }
        let w = self.w(q);
        [w, t.base.as_str(), strip_al(w).unwrap_or("")].iter().any(|x| AR_CRIME.contains(x))
    }

    /// An assault that hurt its victim (session casualty8): اعتداء/الاعتداء/اعتدى with a
    /// victim — the one person subject of تعرّض before it (تعرض مواطن إلى اعتداء بسلاح أبيض)
    /// or the phrase after على (الاعتداء على أحد الأعوان، اعتداء معلمة بالعنف على تلميذة،
    /// بالاعتداء عليهما = 2) — and a harm word after it in the sentence (كسور، إصابات،
    /// رضوض، نقله إلى المستشفى): that many injured. Not when the sentence has a killing
    /// word (the victim may have died), nor for a plural or vague victim.
    pub(super) fn assault_injury(&self, i: usize) -> Option<Pred> {
        let t = self.t(i);
        if !is_ar(t) || self.inp.disease {
            return None;
        }
        let w = self.w(i);
        let b = t.base.as_str();
        // (تعرض للضرب/للتعنيف/للعنف: a beating suffered by the subject of تعرّض)
        let beaten = matches!(w, "للضرب" | "للتعنيف" | "للعنف") && self.one_exposed_before(i, 3);
        // تعرض تلميذ … إلى الطعن بسلاح أبيض: a stabbing suffered wounds by itself
        let stabbed = matches!(w, "للطعن" | "الطعن") && i > 0 && (w == "للطعن" || self.t(i - 1).norm == "الي") && self.one_exposed_before(i, 20);
        let noun = [w, b].iter().any(|x| matches!(strip_al(x).unwrap_or(x), "اعتداء")) || matches!(w, "للاعتداء" | "بالاعتداء" | "الاعتداء") || beaten || stabbed;
        let verb = matches!(w, "اعتدي" | "اعتدت" | "اعتدوا" | "يعتدي" | "تعتدي" | "اعتديا");
        if !(noun || verb) {
            return None;
        }
        let n = self.n();
        let end = (i + 1..(i + 40).min(n)).find(|&q| self.punct(q) && matches!(self.t(q).norm.as_str(), "." | "!" | "?" | "؟")).unwrap_or((i + 40).min(n));
        let harm = (i + 1..end).any(|q| {
            let w = self.w(q);
            let bw = self.t(q).base.as_str();
            [w, bw, strip_al(w).unwrap_or("")].iter().any(|x| AR_HARM.contains(x)) || w.starts_with("بكسور") || w.starts_with("بجروح")
        });
        if !harm && !stabbed {
            return None;
        }
        let death_word = |q: usize| {
            let f = self.t(q).norm.as_str();
            let f = f.strip_prefix("ب").or_else(|| f.strip_prefix("ل")).unwrap_or(f);
            ["وفاه", "وفات", "مقتل", "مصرع", "استشهاد", "توفي"].iter().any(|x| f.starts_with(x) || self.w(q).starts_with(x))
        };
        let killing = (0..n).any(|q| q != i && self.ar(q) && (death_word(q) || self.find_pred_lex(q).is_some_and(|p| p.class == KILLED) || self.suffixed_pred(q).is_some_and(|p| p.class == KILLED)));
        if killing {
            return None;
        }
        // the victim after على, within four words (an agent or a manner may stand between)
        let mut on = None;
        for q in i + 1..(i + 6).min(end) {
            if self.punct(q) {
                break;
            }
            let f = self.t(q).norm.as_str();
            match f {
                "عليه" | "عليها" | "علييه" => return Some(self.assault_pred(i, 1)),
                "عليهما" => return Some(self.assault_pred(i, 2)),
                "علي" => {
                    on = Some(q + 1);
                    break;
                }
                _ => {}
            }
        }
        if let Some(s) = on {
            if s < n {
                if let Some((Some(v), _, _)) = self.qp(s, true) {
                    return Some(self.assault_pred(i, v));
                }
                return None;
            }
        }
        // the subject of تعرّض before it: one person
        // (the subject may carry a long title and a date: تعرض مدير المدرسة … أمس الخميس
        // 15 سبتمبر 2016 إلى الاعتداء)
        if noun && self.one_exposed_before(i, 20) {
            return Some(self.assault_pred(i, 1));
        }
        None
    }

    /// Is one person the subject of a تعرّض in the `window` tokens before `i`, with no
    /// clause break (punctuation other than a comma) between them?
    fn one_exposed_before(&self, i: usize, window: usize) -> bool {
        let mut q = i;
        while q > i.saturating_sub(window) && q > 0 {
            q -= 1;
            if self.punct(q) && !matches!(self.t(q).norm.as_str(), "،" | ",") {
                return false;
            }
            if matches!(self.w(q), "تعرض" | "تعرضت") {
                let one = |k: usize| self.ar(k) && (self.inp.person.get(k).copied().unwrap_or(false) || self.definite_person(k).is_some() || self.ar_human(k) == Some(1));
                // the subject after the verb, or right before it (الشخص المحتجز تعرض للضرب)
                return (q + 1..i).any(one) || (q.saturating_sub(2)..q).any(|k| one(k) && !self.prep(k));
            }
        }
        false
    }

    fn assault_pred(&self, i: usize, v: u32) -> Pred {
        Pred { i, last: i, class: INJURED, kind: Kind::Counted, plural: false, passive: false, own: Some(v), singleton: false }
    }

    /// A wound phrase right after token `last` (بجروح، برصاص، بشظايا).
    pub(super) fn wound_after(&self, last: usize) -> bool {
        (last + 1..(last + 7).min(self.n())).any(|q| {
            let w = self.w(q);
            ["بجروح", "بجراح", "بشظايا", "برصاص", "بالرصاص", "بطلق", "بعيار", "بشظيه", "بطعنات", "بطعنه", "اصابات", "باصابات", "بحروق", "بكسور"].iter().any(|x| w.starts_with(x))
        })
    }

    /// "تعرض النائب عبد اللطيف مرداس للاغتيال"، "تعرض شقيقها للقتل": the one person who is
    /// the subject of تعرّض before a definite killing noun behind ل is its victim (session
    /// casualty7; not "تعرض لمحاولة اغتيال", an attempt, nor a plural subject).
    pub(super) fn exposed_to_killing(&self, i: usize) -> Option<Pred> {
        if !self.ar(i) || !matches!(self.t(i).norm.trim_start_matches(['و', 'ف']), "للاغتيال" | "للقتل" | "للذبح" | "للاعدام") {
            return None;
        }
        self.one_exposed_before(i, 12).then_some(Pred { i, last: i, class: KILLED, kind: Kind::Counted, plural: false, passive: false, own: Some(1), singleton: false })
    }

    /// A casualty verb or noun carrying an object or possessor pronoun: قتله، اغتالوه،
    /// أعدمته، مقتلهما، إصابته، وفاته. The pronoun is the victim: one (ه، ها) or two (هما);
    /// a plural (هم) counts nothing.
    pub(super) fn suffixed_pred(&self, i: usize) -> Option<Pred> {
        self.suffixed_pred_with(i, true)
    }

    /// [`G::suffixed_pred`], with or without the fast path that skips a
    /// suffix none of whose four stem forms is in the lists it reads (`fast =
    /// false` is the reference of the test `suffixed_fast_path_is_the_reference`).
    pub(super) fn suffixed_pred_with(&self, i: usize, fast: bool) -> Option<Pred> {
        let t = self.t(i);
        let pre = t.prefix.trim_start_matches(['و', 'ف']);
        let w = if matches!(pre, "ب" | "ل") && t.norm.chars().count() > 4 { t.norm.trim_start_matches(['و', 'ف']).get(pre.len()..).unwrap_or(self.w(i)) } else { self.w(i) };
        for (suf, own) in [("هما", Some(2)), ("هم", None), ("هن", None), ("ها", Some(1)), ("ه", Some(1))] {
            let Some(st) = w.strip_suffix(suf) else { continue };
            if st.chars().count() < 3 {
                continue;
            }
            // the end of "لقي … مصرعهم": part of that phrase
            if matches!(st, "مصرع" | "حتف") && (i.saturating_sub(16)..i).any(|q| matches!(self.w(q), "لقي" | "لقيت" | "لقوا" | "لقيا" | "يلقي" | "تلقي" | "يلقون" | "لقين")) {
                return None;
            }
            // fast path (almost every word ending in ه, ها…): no form below is
            // in any list the classes read, so every class test fails (issue
            // 12: four `String`s and 24 list scans per such word before)
            if fast && !suffixed_forms_listed(st) {
                continue;
            }
            let forms = [st.to_string(), format!("{st}ا"), st.strip_suffix('ت').map(|x| format!("{x}ه")).unwrap_or_default(), st.strip_suffix('ت').map(|x| x.to_string()).unwrap_or_default()];
            let any = |list: &[&str]| forms.iter().any(|f| !f.is_empty() && list.contains(&f.as_str()));
            let class = if any(K_VERB_T) || any(K_NOUN_GEN) || any(&["اغتيال"]) {
                KILLED
            } else if !self.inp.disease && (any(I_VERB_T) || any(I_NOUN_GEN)) {
                INJURED
            } else if any(A_VERB_T) || any(A_NOUN_GEN) {
                ARRESTED
            } else {
                continue;
            };
            // "وراء قتله زائري الضريح": a verbal noun whose pronoun is its agent, with the
            // victims as its object right after it (not the verb "قتله مسلحون", him)
            let n = self.n();
            let masdar = matches!(pre, "ب" | "ل") || i > 0 && [self.w(i - 1), self.t(i - 1).norm.as_str()].iter().any(|w| matches!(*w, "وراء" | "بعد" | "قبل" | "اثر" | "عقب" | "جراء" | "بسبب" | "سبب" | "خلال" | "اثناء"));
            if masdar && class != ARRESTED && i + 1 < n && self.ar(i + 1) && !self.prep(i + 1) && (self.inp.person.get(i + 1).copied().unwrap_or(false) || self.ar_human(i + 1).is_some() || self.w(i + 1).strip_suffix('ي').is_some_and(|r| HUMAN_SOUND.contains(&r) || HUMAN_BROKEN.contains(&r))) {
                return None;
            }
            return Some(Pred { i, last: i, class, kind: Kind::Counted, plural: false, passive: false, own, singleton: false });
        }
        None
    }

    pub(super) fn find_pred_lex(&self, i: usize) -> Option<Pred> {
        self.find_pred_lex_with(i, true)
    }

    /// [`G::find_pred_lex`], with or without the fast path that rejects a word
    /// none of whose forms is in the predicate lists (`fast = false` is the
    /// reference the equivalence test compares with).
    pub(super) fn find_pred_lex_with(&self, i: usize, fast: bool) -> Option<Pred> {
        let t = self.t(i);
        let n = self.n();
        let mk = |class, kind, last| Pred { i, last, class, kind, plural: false, passive: false, own: None, singleton: false };
        if is_ar(t) {
            let w = self.w(i);
            let f = t.norm.as_str();
            // a verbal noun behind a preposition: بمقتل، وبإصابة، لاعتقال
            let pre = t.prefix.trim_start_matches(['و', 'ف']);
            let noun_base = if matches!(pre, "ب" | "ل") { t.base.as_str() } else { w };
            // قتلوا، يقتلون، قتلا، أصيبا: plural or dual agreement
            let plural = |w: &str| w.ends_with("وا") || w.ends_with("ون") || w.ends_with('ا');
            // toll: حصيلة (ضحايا/قتلى …)، عدد القتلى/الجرحى/المعتقلين
            if w == "حصيله" || w == "عدد" {
                let nx = (i + 1 < n).then(|| self.w(i + 1).to_string()).unwrap_or_default();
                let nx2 = strip_al(&nx).unwrap_or(&nx).to_string();
                let class = match nx2.as_str() {
                    "جرحي" | "مصابين" | "اصابات" => Some(INJURED),
                    "معتقلين" | "موقوفين" | "اعتقالات" => Some(ARRESTED),
                    "قتلي" | "ضحايا" | "شهداء" | "وفيات" => Some(KILLED),
                    _ if w == "حصيله" => Some(KILLED),
                    _ => None,
                }?;
                let last = if w == "حصيله" && !matches!(nx2.as_str(), "قتلي" | "ضحايا" | "شهداء" | "جرحي" | "مصابين" | "وفيات") { i } else { i + 1 };
                return Some(mk(class, Kind::Toll, last));
            }
            // a carried-out execution: تنفيذ حكم الإعدام (شنقا) بحق 15 شخصا، نفذت السلطات حكم
            // الإعدام بحق ثلاثة مدانين — the definite masdar names its victims behind بحق, and
            // only after تنفيذ/نفذ (حكم بالإعدام بحق … is a sentence: no one is dead yet)
            if w == "الاعدام" {
                // (the agent and a date may stand between: نفذت اليوم، السبت السعودية حكم الإعدام)
                let carried = (i.saturating_sub(7)..i).any(|q| {
                    let b = self.w(q);
                    b == "تنفيذ" || ["نفذ", "ينفذ", "تنفذ"].iter().any(|v| b.starts_with(v))
                });
                // (or على: نفذت السعودية حكم الإعدام على 47 شخصا)
                let bihaqq = (i + 1..(i + 5).min(n)).take_while(|&q| !self.punct(q)).find(|&q| self.w(q) == "بحق" || q == i + 1 && self.t(q).norm == "علي");
                if let (true, Some(h)) = (carried, bihaqq) {
                    return Some(mk(KILLED, Kind::NounGen, h));
                }
            }
            // لقي/لقوا … حتفه/مصرعهم: the pronoun counts when nothing else does
            if matches!(w, "لقي" | "لقيت" | "لقوا" | "لقيا" | "يلقي" | "تلقي" | "يلقون" | "لقين") {
                // the subject may stand between: لقي 3 من أفراد الشرطة المصرية ومدني، صباح
                // اليوم الأربعاء، مصرعهم
                let end = (i + 1..(i + 16).min(n)).take_while(|&q| !(self.clause(q) && q > i + 1)).find(|&q| matches!(self.t(q).base.as_str(), "حتف" | "مصرع") || self.w(q).starts_with("حتف") || self.w(q).starts_with("مصرع"))?;
                // (the tokenizer may leave the pronoun on the word: حتفه)
                let suf = if self.t(end).suffix.is_empty() { self.w(end).trim_start_matches("حتف").trim_start_matches("مصرع") } else { self.t(end).suffix.as_str() };
                let own = match suf {
                    "ه" | "ها" => Some(1),
                    "هما" => Some(2),
                    _ => None,
                };
                let mut p = mk(KILLED, Kind::VerbI, i);
                p.plural = w.ends_with("وا") || w == "لقيا" || w.ends_with("ون");
                p.own = own;
                return Some(p);
            }
            // فارق (أحد الإرهابيين) الحياة: died, the subject between
            if (matches!(w, "فارق" | "فارقت" | "فارقوا" | "يفارق") || matches!(f, "فارق" | "فارقت" | "فارقوا" | "ففارق" | "وفارق")) && (i + 1..(i + 8).min(n)).any(|q| self.w(q) == "الحياه") {
                let mut p = mk(KILLED, Kind::VerbI, i);
                p.plural = w.ends_with("وا");
                return Some(p);
            }
            // الاحتفاظ بصاحبي المستودعين، الإطاحة بعصابة تتكون من 7 أشخاص: the object is
            // behind ب, its count read from the stem
            if A_NOUN_BI.contains(&w) && i + 1 < n && self.ar(i + 1) && self.t(i + 1).prefix.trim_start_matches(['و', 'ف']).starts_with('ب') {
                let mut p = mk(ARRESTED, Kind::Counted, i + 1);
                p.own = self.bi_count(i + 1);
                return Some(p);
            }
            // راح ضحيته/ضحية الهجوم N: the count follows, after the genitive
            // (a time word may stand between: الذي راح مساء السبت المنقضي ضحية …)
            let victim = (i + 1..(i + 5).min(n)).take_while(|&q| q == i + 1 || self.inp.time.get(q).copied().unwrap_or(false) || AR_TIME.contains(&self.w(q)) || matches!(self.w(q), "المنقضي" | "الفارط" | "الماضي")).find(|&q| self.t(q).base == "ضحيه" || self.w(q).starts_with("ضحي"));
            if matches!(w, "راح" | "راحت" | "يروح" | "سقط") && victim.is_some() {
                let mut p = mk(KILLED, Kind::VerbT, victim.unwrap_or(i + 1));
                p.singleton = false;
                return Some(p);
            }
            // والجرحى إلى 14 (after حصيلة القتلى إلى 6): a definite counted noun before إلى is a toll
            if matches!(strip_al(w).unwrap_or(""), "قتلي" | "جرحي" | "مصابين" | "معتقلين" | "ضحايا") && i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "الي" | "بلغ") {
                let class = match strip_al(w).unwrap_or("") {
                    "جرحي" | "مصابين" => INJURED,
                    "معتقلين" => ARRESTED,
                    _ => KILLED,
                };
                return Some(mk(class, Kind::Toll, i));
            }
            // قضت (القوات) على ثلاثة: eliminated, i.e. killed
            if matches!(w, "قضي" | "قضت" | "قضوا" | "يقضي" | "تقضي") && i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "علي") {
                let mut p = mk(KILLED, Kind::VerbT, i + 1);
                p.singleton = true;
                return Some(p);
            }
            // القضاء على N إرهابيين: eliminating is killing
            if strip_al(w) == Some("قضاء") && i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "علي") {
                return Some(mk(KILLED, Kind::NounGen, i + 1));
            }
            // سقط 16 شخصا: fell, i.e. were killed (a number of people right after)
            // (a short PP may come first: وسقط خلال الملحمة عدد من الشهداء بينهم 7 … و12 …)
            if matches!(w, "سقط" | "سقطوا" | "سقوط") && i + 1 < n && !matches!(self.w(i + 1), "ضحيه") {
                let pp = i + 2 < n && self.ar(i + 1) && matches!(self.w(i + 1), "خلال" | "في" | "اثناء" | "جراء") && strip_al(self.w(i + 2)).is_some();
                let j = if pp && !self.fall_count(i + 1) { i + 3 } else { i + 1 };
                let mut p = mk(KILLED, Kind::NounGen, j - 1);
                p.own = None;
                p.singleton = false;
                return Some(p).filter(|_| self.fall_count(j));
            }
            // القتلى الثلاثة، الجنود الخمسة: a definite number after its noun
            if matches!(strip_al(w).unwrap_or(""), "قتلي" | "جرحي" | "مصابين" | "معتقلين" | "شهداء") && i + 1 < n {
                let nx = &self.t(i + 1).norm;
                if let Some(v) = nx.strip_prefix("ال").and_then(|_| numbers::parse_at(self.toks, i + 1)).map(|x| x.0) {
                    let class = match strip_al(w).unwrap_or("") {
                        "جرحي" | "مصابين" => INJURED,
                        "معتقلين" => ARRESTED,
                        _ => KILLED,
                    };
                    let mut p = mk(class, Kind::Counted, i + 1);
                    p.own = Some(v);
                    return Some(p);
                }
            }
            // أودى/أودت بحياة N
            if matches!(w, "اودي" | "اودت" | "يودي" | "تودي") && i + 1 < n && self.t(i + 1).norm.starts_with("بحياه") {
                return Some(mk(KILLED, Kind::NounGen, i + 1));
            }
            // (ألقت قوات الأمن) القبض على N، تمكنت من القبض على، قبضت الشرطة على: the count
            // follows على
            let qabd = matches!(w, "قبضت" | "قبض" | "قبضوا") && (i + 1..(i + 5).min(n)).any(|q| matches!(self.t(q).norm.as_str(), "علي"));
            if qabd {
                let on = (i + 1..(i + 5).min(n)).find(|&q| matches!(self.t(q).norm.as_str(), "علي")).unwrap_or(i);
                return Some(mk(ARRESTED, Kind::VerbT, on));
            }
            if matches!(w, "القبض" | "بالقبض") && (i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "علي" | "عليه" | "عليها" | "عليهما") || (i.saturating_sub(5)..i).any(|q| matches!(self.w(q), "القي" | "القت" | "القوا" | "يلقي" | "تلقي" | "القاء"))) {
                let last = if i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "علي") { i + 1 } else { i };
                let mut p = mk(ARRESTED, Kind::NounGen, last);
                // ألقت القبض عليه/عليهما
                p.own = match (i + 1 < n).then(|| self.t(i + 1).norm.as_str()) {
                    Some("عليه" | "عليها") => Some(1),
                    Some("عليهما") => Some(2),
                    _ => None,
                };
                return Some(p);
            }
            // العناصر الثلاثة الموقوفة، الجنود الخمسة القتلى: a definite number before a definite
            // participle
            if matches!(w, "الموقوفه" | "الموقوفين" | "الموقوفون" | "المعتقلين" | "المعتقلون" | "المحتجزين" | "المحتجزون" | "الموقوفان") && i > 0 {
                if let Some(v) = self.t(i - 1).norm.strip_prefix("ال").and_then(|_| numbers::parse_at(self.toks, i - 1)).map(|x| x.0) {
                    let mut p = mk(ARRESTED, Kind::Counted, i);
                    p.own = Some(v);
                    return Some(p);
                }
            }
            // الضابط القتيل، القتيل: the dead man, one person (a definite singular counted
            // noun names one victim already spoken of); القتيلين two
            if matches!(strip_al(w), Some("قتيل" | "قتيله")) && !w.starts_with("بال") && !w.starts_with("لل") {
                let mut p = mk(KILLED, Kind::Counted, i);
                p.own = Some(1);
                return Some(p);
            }
            // فقد (الجيش) جنديين: "lost" a count of people, killed (not فقد الاتصال, nor the
            // particle فقد before a verb): a number or a dual human noun right after it
            // (or after a definite subject: فقد الجيش 3 جنود)
            let count_at = |q: usize| q < n && (numbers::parse_at(self.toks, q).is_some() || self.t(q).kind == TokenKind::Number || self.ar_human(q) == Some(2)) && self.qp(q, false).is_some_and(|(v, _, _)| v.is_some());
            // (passive فُقد 4 آخرون "went missing": a count in the nominative right after a
            // bare فقد is its subject; أنه فقد جنديين، فقدنا 3 جنود have a subject already)
            let lost = f.strip_prefix('و').unwrap_or(f);
            let nominative = (i + 1..(i + 3).min(n)).any(|q| self.w(q).ends_with("ون") || self.w(q).ends_with("ان"));
            let has_subject = matches!(lost, "فقدنا" | "فقدوا") || i >= 1 && matches!(self.w(i - 1), "انه" | "انها" | "انهم" | "اننا");
            if matches!(lost, "فقد" | "فقدت" | "فقدنا" | "فقدوا" | "يفقد") && (count_at(i + 1) && (has_subject || !nominative) || i + 2 < n && strip_al(self.w(i + 1)).is_some() && !self.prep(i + 1) && count_at(i + 2)) {
                return Some(mk(KILLED, Kind::VerbT, i));
            }
            // قطع رأس مدير شركة، بقطعه رأس، قطع رأسه، قطعوا رؤوس: a beheading kills its victim,
            // the genitive of رأس (رأسه: one)
            if (w.starts_with("قطع") || w.starts_with("بقطع") || noun_base.starts_with("قطع")) && w.chars().count() <= 6 && i + 1 < n && {
                let h = self.t(i + 1);
                matches!(h.base.as_str(), "راس" | "رووس") || ["راس", "رووس"].iter().any(|x| self.w(i + 1).starts_with(x))
            } {
                let h = self.t(i + 1);
                let suf = if h.suffix.is_empty() { self.w(i + 1).trim_start_matches("راس").trim_start_matches("رووس") } else { h.suffix.as_str() };
                let mut p = mk(KILLED, Kind::NounGen, i + 1);
                p.own = match suf {
                    "ه" | "ها" => Some(1),
                    "هما" => Some(2),
                    _ => None,
                };
                return Some(p);
            }
            // بطعن 3 أشخاص، طعن شخصين: stabbing a counted number of people wounds them (the
            // legal appeal طعن في has no count after it); not when someone died
            if noun_base == "طعن" || matches!(w, "طعن" | "بطعن") {
                let counted = i + 1 < n && (numbers::parse_at(self.toks, i + 1).is_some() || self.t(i + 1).kind == TokenKind::Number || self.ar_human(i + 1) == Some(2));
                // another stab word is no death, and reading it would come back here
                // (two طعن in a sentence recursed until the stack overflowed)
                let stab = |q: usize| self.t(q).base == "طعن" || matches!(self.w(q), "طعن" | "بطعن");
                let death = || (0..n).any(|q| q != i && self.ar(q) && !stab(q) && self.find_pred_lex_with(q, fast).is_some_and(|o| o.class == KILLED));
                if counted && !self.inp.disease && !death() {
                    return Some(mk(INJURED, Kind::NounGen, i));
                }
            }
            // أضرار بدنية لأحد الأعوان: bodily harm to its victim behind ل (one of, a person)
            if w == "اضرار" && i + 2 < n && self.w(i + 1) == "بدنيه" && !self.inp.disease {
                let v = self.t(i + 2);
                let own = if v.prefix.trim_start_matches(['و', 'ف']) == "ل" && matches!(v.base.as_str(), "احد" | "احدي") || self.lam_person(i + 2) { Some(1) } else { None };
                if own.is_some() {
                    let mut p = mk(INJURED, Kind::Counted, i + 2);
                    p.own = own;
                    return Some(p);
                }
            }
            // فأردوه قتيلا: one person
            let counted_k = K_COUNTED.contains(&w) || K_COUNTED.contains(&f);
            // (also ليرديها قتيلة، فأرداها، أردتهما قتيلين: session casualty8)
            if (counted_k || matches!(w, "قتيله" | "قتيلين")) && i > 0 {
                let v = self.t(i - 1).norm.trim_start_matches(['و', 'ف', 'ل']);
                let own = if matches!(v, "ارداه" | "اردوه" | "اردته" | "ارديه" | "يرديه" | "اردياه" | "ترديه" | "ارداها" | "اردوها" | "اردتها" | "يرديها" | "ترديها") {
                    Some(1)
                } else if matches!(v, "ارداهما" | "اردوهما" | "اردتهما" | "يرديهما" | "ترديهما") {
                    Some(2)
                } else {
                    None
                };
                if own.is_some() {
                    let mut p = mk(KILLED, Kind::Counted, i);
                    p.own = own;
                    return Some(p);
                }
            }
            // جريمة القتل، عملية الاغتيال، قضية القتل: a definite killing noun after a singular
            // crime word is a verbal noun (its victim may follow; else one: `crime_singleton`)
            if matches!(strip_al(w), Some("قتل" | "اغتيال" | "ذبح")) && i > 0 && self.crime_word(i - 1) {
                return Some(mk(KILLED, Kind::NounGen, i));
            }
            // fast path (almost every word): no form `pick` reads is in any of
            // its lists, so none of its tests can hold
            let listed = !fast || [w, f, noun_base, strip_al(w).unwrap_or(""), strip_al(f).unwrap_or("")].iter().any(|x| predicate_word(x));
            let pick = |vt: &[&str], vi: &[&str], ng: &[&str], ct: &[&str], class: usize| -> Option<Pred> {
                if !listed {
                    return None;
                }
                // a word whose own first letter is و (وفاة) is read whole too: bare() took
                // it for a conjunction
                let w = if !(vt.contains(&w) || vi.contains(&w) || ng.contains(&w) || ct.contains(&w)) && f.starts_with('و') && (vt.contains(&f) || vi.contains(&f) || ng.contains(&f)) { f } else { w };
                let kind = if class == KILLED && noun_base == "قتل" && matches!(pre, "ب" | "ل") {
                    Kind::NounGen
                } else if vt.contains(&w) {
                    Kind::VerbT
                } else if vi.contains(&w) {
                    Kind::VerbI
                } else if ng.contains(&w) || ng.contains(&noun_base) || ng.contains(&strip_al(w).unwrap_or("")) {
                    if !ng.contains(&noun_base) && (w.starts_with("ال") || strip_al(w).is_some() && !ng.contains(&w)) {
                        // "الإصابة"، "المقتل": definite, counts nothing after it
                        return None;
                    }
                    Kind::NounGen
                } else if ct.contains(&w) || ct.contains(&f) {
                    Kind::Counted
                } else {
                    return None;
                };
                // "78 إصابة": a verbal noun right after a number is counted by it
                // (after a result verb: أسفرت عن 78 إصابة; not "2500 إصابة لدى النساء", cases)
                let result = (i.saturating_sub(5)..i).any(|q| ["اسفر", "خلف", "ادي", "تسبب", "اوقع"].iter().any(|v| self.w(q).starts_with(v)));
                // (not a و-joined noun: "مقتل 29 وإصابة 24 آخرين" counts its own phrase)
                let joined = self.t(i).norm.starts_with('و') && !self.t(i).prefix.is_empty();
                // "أقدم على قتل صديقه"، "جريمة قتل صديقته"، "اعترف بقتل زوجته": قتل after a
                // preposition, a crime word or behind ب/ل is a verbal noun, its victim the
                // phrase after it (as a verb the lone phrase could be its agent)
                let masdar_qatl = class == KILLED
                    && (w == "قتل" && i > 0 && matches!(self.t(i - 1).norm.as_str(), "علي" | "جريمه" | "ارتكاب" | "تهمه" | "بتهمه" | "قضيه" | "بجريمه" | "من" | "عن" | "عمليه" | "لجريمه")
                        || noun_base == "قتل" && matches!(pre, "ب" | "ل"));
                let kind = if masdar_qatl { Kind::NounGen } else { kind };
                let kind = if kind == Kind::NounGen && i > 0 && (self.t(i - 1).kind == TokenKind::Number) && strip_al(w).is_none() && result && !joined { Kind::Counted } else { kind };
                let mut p = mk(class, kind, i);
                if matches!(kind, Kind::VerbT | Kind::VerbI) {
                    p.plural = plural(w);
                }
                p.singleton = class == KILLED && kind == Kind::VerbT;
                Some(p)
            };
            if let Some(p) = pick(K_VERB_T, K_VERB_I, K_NOUN_GEN, K_COUNTED, KILLED) {
                return Some(p);
            }
            // duals of the counted nouns: قتيلين، جريحين، شهيدين
            if matches!(w, "قتيلين" | "قتيلان" | "شهيدين" | "شهيدان") {
                let mut p = mk(KILLED, Kind::Counted, i);
                p.own = Some(2);
                return Some(p);
            }
            if matches!(w, "جريحين" | "جريحان" | "مصابين_") {
                let mut p = mk(INJURED, Kind::Counted, i);
                p.own = Some(2);
                return Some(p);
            }
            if !self.inp.disease {
                if let Some(p) = pick(I_VERB_T, I_VERB_I, I_NOUN_GEN, I_COUNTED, INJURED) {
                    return Some(p);
                }
            }
            return pick(A_VERB_T, &[], A_NOUN_GEN, A_COUNTED, ARRESTED);
        }
        if t.kind != TokenKind::Latin {
            return None;
        }
        let w = t.norm.as_str();
        let prev = |k: usize| (i >= k).then(|| self.t(i - k).norm.as_str()).unwrap_or("");
        let passive = {
            let mut q = i;
            let mut aux = false;
            while q > 0 && i - q < 4 {
                q -= 1;
                let u = self.t(q).norm.as_str();
                if matches!(u, "was" | "were" | "been" | "being" | "be" | "is" | "are" | "get" | "got") {
                    aux = true;
                    break;
                }
                if !matches!(u, "reportedly" | "also" | "all" | "both" | "later" | "subsequently" | "allegedly" | "initially" | "eventually" | "either" | "fatally" | "critically" | "seriously" | "slightly" | "lightly") {
                    break;
                }
            }
            aux
        };
        let verb = |class, kind: Kind| {
            let mut p = mk(class, kind, i);
            p.passive = passive;
            p.singleton = class == KILLED && kind == Kind::VerbT;
            p
        };
        // death toll / the toll
        if w == "toll" {
            return Some(mk(KILLED, Kind::Toll, i));
        }
        // gunned down (session casualty8)
        // … and the participles: "raided Kenscoff, shooting dead nine residents"
        let down = match w {
            "shot" | "shooting" => Some("dead"),
            "gunned" | "gunning" => Some("down"),
            _ => None,
        };
        if down.is_some_and(|d| i + 1 < n && self.t(i + 1).norm == d) {
            let mut p = verb(KILLED, Kind::VerbT);
            p.last = i + 1;
            return Some(p);
        }
        if w == "dead" && matches!(prev(1), "shot" | "shooting") {
            return None;
        }
        if w == "lost" && i + 2 < n && matches!(self.t(i + 1).norm.as_str(), "their" | "his" | "her") && matches!(self.t(i + 2).norm.as_str(), "lives" | "life") {
            let mut p = verb(KILLED, Kind::VerbI);
            p.last = i + 2;
            return Some(p);
        }
        if w == "rounded" && i + 1 < n && self.t(i + 1).norm == "up" {
            let mut p = verb(ARRESTED, Kind::VerbT);
            p.last = i + 1;
            return Some(p);
        }
        // stabbed/beaten/burned/shot to death
        if matches!(w, "stabbed" | "beaten" | "burned" | "burnt" | "shot" | "hacked" | "clubbed" | "tortured") && i + 2 < n && self.t(i + 1).norm == "to" && self.t(i + 2).norm == "death" {
            let mut p = verb(KILLED, Kind::VerbT);
            p.last = i + 2;
            return Some(p);
        }
        // the killing/death/murder of X: counts after "of"
        if matches!(w, "killing" | "killings" | "death" | "deaths" | "murder" | "murders" | "assassination" | "execution" | "executions") && i + 1 < n && self.t(i + 1).norm == "of" {
            return Some(mk(KILLED, Kind::NounGen, i + 1));
        }
        if matches!(w, "arrest" | "arrests" | "detention") && i + 1 < n && self.t(i + 1).norm == "of" {
            return Some(mk(ARRESTED, Kind::NounGen, i + 1));
        }
        Some(match w {
            "killed" | "kill" | "kills" | "killing" | "assassinated" | "executed" | "beheaded" | "slain" | "slew" | "massacred" | "murdered" => verb(KILLED, Kind::VerbT),
            "stabbed" => {
                if self.inp.disease {
                    return None;
                }
                verb(INJURED, Kind::VerbT)
            }
            "died" | "die" | "dies" | "perished" => verb(KILLED, Kind::VerbI),
            "dead" | "fatalities" | "deaths" => mk(KILLED, Kind::Counted, i),
            "wounded" | "wounding" | "wounds" | "injured" | "injuring" | "injures" | "hurt" | "maimed" => {
                if self.inp.disease {
                    return None;
                }
                verb(INJURED, Kind::VerbT)
            }
            "injuries" | "casualties_" => mk(INJURED, Kind::Counted, i),
            "arrested" | "arresting" | "arrests" | "detained" | "detaining" | "apprehended" | "detains" | "captured" => verb(ARRESTED, Kind::VerbT),
            _ => return None,
        })
    }
}

/// Whether `w` is in one of the lists `find_pred_lex` picks from (killed,
/// injured, arrested: verbs, verbal nouns, counted nouns), by a hashed set:
/// scanning the eleven lists for every word was 3 % of the pipeline. A
/// [`marsad_text::HeadBits`] in front rejects most words before hashing
/// (five forms of every token are asked).
fn predicate_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<(marsad_text::HeadBits, marsad_text::StrSet)> = std::sync::OnceLock::new();
    let (heads, set) = SET.get_or_init(|| {
        let lists = [K_VERB_T, K_VERB_I, K_NOUN_GEN, K_COUNTED, I_VERB_T, I_VERB_I, I_NOUN_GEN, I_COUNTED, A_VERB_T, A_NOUN_GEN, A_COUNTED];
        (marsad_text::HeadBits::of(lists.iter().flat_map(|l| l.iter().copied())), lists.iter().flat_map(|l| l.iter()).map(|x| x.to_string()).collect())
    });
    heads.may_contain(w) && set.contains(w)
}

/// The lists [`G::suffixed_pred`] reads, as one set (a word in none of them
/// gives no class).
fn suffixed_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<(marsad_text::HeadBits, marsad_text::StrSet)> = std::sync::OnceLock::new();
    let (heads, set) = SET.get_or_init(|| {
        let lists: [&[&str]; 7] = [K_VERB_T, K_NOUN_GEN, &["اغتيال"], I_VERB_T, I_NOUN_GEN, A_VERB_T, A_NOUN_GEN];
        (marsad_text::HeadBits::of(lists.iter().flat_map(|l| l.iter().copied())), lists.iter().flat_map(|l| l.iter()).map(|x| x.to_string()).collect())
    });
    heads.may_contain(w) && set.contains(w)
}

/// Is one of the four forms [`G::suffixed_pred`] tests for the stem `st`
/// (st, stا, st without a final ت, and that with ه) in its lists?
fn suffixed_forms_listed(st: &str) -> bool {
    let mut buf = String::with_capacity(st.len() + 2);
    buf.push_str(st);
    buf.push('ا');
    if suffixed_word(st) || suffixed_word(&buf) {
        return true;
    }
    let Some(x) = st.strip_suffix('ت') else { return false };
    buf.clear();
    buf.push_str(x);
    buf.push('ه');
    suffixed_word(x) || suffixed_word(&buf)
}
