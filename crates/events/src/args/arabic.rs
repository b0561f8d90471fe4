//! Arabic arguments, in order: (b) a light verb's subject (هجوم شنه X), (c) لـ + actor
//! (هجوم لداعش), a partitive victim (مقتل أربعة من الشرطة), (d) the genitive of a noun
//! (قصف الطيران، مقتل الجنود), (e) the subject after a verb (VSO) or the victim after a
//! passive, (f) the subject before it (SVO), an armed subject before a killing verb, the
//! actor of a conjoined verb, then the recipient after the verb (على/ضد/بحق، the object,
//! لـ after attack words) and both sides of a clash (بين X و Y، مع X).

use crate::lexicon::{Entry, Kind};
use crate::numbers;
use crate::sentence::*;
use crate::words::*;
use marsad_core::TokenKind;

/// Sectors of armed actors: a killing verb's subject of these is the killer.
const ARMED: &[&str] = &["MIL", "COP", "REB", "UAF", "SPY"];

impl<'a> Sent<'a> {
    pub(super) fn arabic_args(&self, c: &Cand, prev_actor: Option<Np>, actor: &mut Option<Np>, recipient: &mut Option<Np>) {
        let n = self.toks.len();
        let e = &self.lx().entries[c.entry];
        let patient_noun = e.flags.killed || e.flags.injured || e.flags.arrested || matches!(c.mode.as_deref(), Some("abduct" | "targeted" | "execute")) || c.ty == EventType::Coerce;
        let next = c.last + 1;
        if actor.is_none() {
            *actor = self.light_verb_actor(c);
        }
        if actor.is_none() && c.kind == Kind::Noun && next < n && !patient_noun {
            *actor = self.lam_actor(c);
        }
        if patient_noun && c.kind == Kind::Noun && recipient.is_none() {
            *recipient = self.partitive_victim(next);
        }
        if c.kind == Kind::Noun && next < n && self.actorish(next) && definite(&self.toks[next]) && !self.toks[next].norm.starts_with('و') {
            // (d) construct: قصف الطيران → actor; مقتل الجنود → recipient
            let np = self.np_from(next, false);
            if patient_noun {
                *recipient = Some(np);
            } else if actor.is_none() {
                *actor = Some(np);
            }
        }
        let passive_like = self.passive_like(c, e);
        if (actor.is_none() || passive_like) && matches!(c.kind, Kind::Perf | Kind::Impf) {
            // (e) VSO subject right after the verb (bare passive قتل 5 → recipient)
            if passive_like {
                if recipient.is_none() {
                    *recipient = self.passive_victim(c, e);
                }
            } else {
                self.vso_subject(c, e, actor, recipient);
            }
        }
        if actor.is_none() && !e.flags.killed && !e.flags.injured {
            // (f) SVO / a noun whose actor precedes it (not before a death/injury word: that is the victim)
            *actor = self.actor_before(c.tok, 6);
        }
        if actor.is_none() && (e.flags.killed || e.flags.injured) && e.flags.obj && matches!(c.kind, Kind::Perf | Kind::Impf) && next < n {
            *actor = self.armed_subject_before(c);
        }
        if actor.is_none() && self.toks[c.tok].norm.starts_with('و') && matches!(c.kind, Kind::Perf | Kind::Impf) && (e.flags.obj || (!e.flags.killed && !e.flags.injured)) {
            *actor = prev_actor;
        }
        // a phrase slot that names the recipient: طردت فنزويلا السفير الإسرائيلي
        if recipient.is_none() && c.slots.len() > 1 {
            if let Some(&q) = c.slots[1..].iter().find(|&&q| self.actorish(q) && actor.map_or(true, |a| q < a.0 || q > a.1)) {
                *recipient = Some(self.np_from(q, true));
            }
        }
        if recipient.is_none() {
            *recipient = self.recipient_after(c, e, *actor);
        }
        if c.mode.as_deref() == Some("clash") || c.ty == EventType::Assault {
            self.between_sides(c, actor, recipient);
        }
        if c.ty == EventType::Assault && (c.mode.as_deref() == Some("clash") || e.mode.as_deref() == Some("clash") || has_stem(strip_conj(&self.toks[c.tok].norm), &["اشتبك", "اشتبكت", "اشتبكوا", "يشتبك", "تشتبك"])) {
            self.clash_other_side(c, actor, recipient);
        }
    }

    /// (b) هجوم شنه X / مظاهرة نظمها X (also when the trigger reads as a verb: قصف مدفعي شنه).
    fn light_verb_actor(&self, c: &Cand) -> Option<Np> {
        let n = self.toks.len();
        let next = c.last + 1;
        for j in next..(next + 2).min(n) {
            let k = strip_conj(&self.toks[j].norm);
            if LIGHT.iter().any(|l| k.starts_with(l)) && (c.kind == Kind::Noun || k.chars().count() > 2 && LIGHT.iter().any(|l| k.len() > l.len() && k.starts_with(l))) {
                return self.actor_after(j + 1, j + 4, false);
            }
        }
        None
    }

    /// (c) هجوم لداعش / مظاهرة للطلاب / غارة جوية للتحالف / كمين لبقايا داعش.
    fn lam_actor(&self, c: &Cand) -> Option<Np> {
        let n = self.toks.len();
        let next = c.last + 1;
        let adj = |q: usize| q < n && is_ar(&self.toks[q]) && (self.key[q].ends_with("يه") || self.key[q].ends_with('ي')) && !self.toks[q].norm.starts_with('ل');
        let next = if adj(next) && next + 1 < n { next + 1 } else { next };
        let t = &self.toks[next];
        if !(is_ar(t) && (t.norm.starts_with("لل") || t.norm.starts_with('ل'))) {
            return None;
        }
        if self.actorish(next) {
            return Some(self.np_from(next, false));
        }
        if next + 1 < n && self.actorish(next + 1) && !self.toks[next + 1].norm.starts_with('و') {
            let np = self.np_from(next + 1, false);
            return Some((next, np.1));
        }
        None
    }

    /// مقتل أربعة من الشرطة الاتحادية: the group a counted victim belongs to.
    fn partitive_victim(&self, next: usize) -> Option<Np> {
        let n = self.toks.len();
        let mut q = next;
        while q < n && q < next + 3 && (numbers::parse_at(self.toks, q).is_some() || self.toks[q].kind == TokenKind::Number || AR_QUANT.contains(&self.key[q]) || numbers::is_vague(&self.toks[q].norm)) {
            q += 1;
        }
        (q > next && q + 1 < n && self.toks[q].norm == "من" && self.actorish(q + 1)).then(|| self.np_from(q + 1, false))
    }

    /// A verb read as a passive: flagged so, or a short killing/injury perfect right
    /// before a count (قتل 5، أصيب عشرات).
    fn passive_like(&self, c: &Cand, e: &Entry) -> bool {
        let n = self.toks.len();
        let next = c.last + 1;
        matches!(c.kind, Kind::Perf | Kind::Impf)
            && (e.flags.pass
                || (e.flags.killed || e.flags.injured) && c.kind == Kind::Perf && {
                    let t = &self.toks[c.tok];
                    strip_conj(&t.norm).chars().count() <= 4
                        && (next < n
                            && (numbers::parse_at(self.toks, next).is_some()
                                || numbers::human_count(&self.toks[next].norm).is_some()
                                || numbers::is_vague(&self.toks[next].norm)))
                })
    }

    /// The subject of a passive-like verb is its victim.
    fn passive_victim(&self, c: &Cand, e: &Entry) -> Option<Np> {
        let n = self.toks.len();
        let next = c.last + 1;
        let mut recipient = self.actor_after(next, next + 4, false).or_else(|| if e.flags.pass { self.actor_after(next, next + 2, true) } else { None });
        if e.flags.pass && next < n && is_ar(&self.toks[next]) && !self.is_func(next) && !self.trig[next] && numbers::parse_at(self.toks, next).is_none() && !numbers::is_vague(&self.toks[next].norm) {
            recipient = Some(self.np_from(next, true));
        }
        recipient
    }

    /// (e) The first phrase after an active verb: its subject, or the victim of a death or
    /// injury verb unless armed, or (behind ل/ب) the one an attack targets.
    fn vso_subject(&self, c: &Cand, e: &Entry, actor: &mut Option<Np>, recipient: &mut Option<Np>) {
        let next = c.last + 1;
        let Some(np) = self
            .actor_after(c.tok + 1, next + 6, false)
            .filter(|np| {
                // "اعتقلت ٢٠٨ أشخاص": after a count the noun is the object, not the subject
                !(e.flags.obj && (c.tok + 1..np.0).any(|q| self.toks[q].kind == TokenKind::Number || numbers::parse_at(self.toks, q).is_some()))
            })
            .filter(|np| {
                // the subject is the first content word after the verb (no skipping over an object)
                (c.tok + 1..np.0).all(|q| {
                    let u = &self.toks[q];
                    self.is_func(q)
                        || self.trig[q]
                        || u.kind != TokenKind::Arabic
                        || AR_QUANT.contains(&self.key[q])
                        || numbers::is_vague(&u.norm)
                        || numbers::parse_at(self.toks, q).is_some()
                        || matches!(self.key[q], "اعضاء" | "انصار" | "افراد" | "كوادر" | "ابناء" | "مناصري" | "مويدي")
                })
            })
        else {
            return;
        };
        let p = self.toks[np.0].prefix.as_str();
        let p = p.strip_suffix("ال").unwrap_or(p);
        // after a death/injury verb the phrase is the victim unless it is armed
        let victim = (e.flags.killed || e.flags.injured) && {
            let r = self.actor_ref(np, None);
            !e.flags.obj || !matches!(r.sector.as_deref(), Some("MIL" | "COP" | "REB" | "UAF" | "GOV" | "SPY")) && r.actor_id.is_none()
        };
        if victim {
            if recipient.is_none() {
                *recipient = Some(np);
            }
        } else if p.contains('ل') || p.contains('ب') {
            if c.ty == EventType::Assault && recipient.is_none() {
                *recipient = Some(np);
            }
        } else {
            *actor = Some(np);
        }
    }

    /// "إن مسلحين اغتالوا مختار القرية": an armed, uncounted subject before a killing verb
    /// that has an object is its actor ("ثلاثة مسلحين قتلوا في …" stays the victims).
    fn armed_subject_before(&self, c: &Cand) -> Option<Np> {
        let next = c.last + 1;
        let u = &self.toks[next];
        if u.kind == TokenKind::Punct || PREPS.contains(&u.norm.as_str()) || self.trig[next] {
            return None;
        }
        let np = self.actor_before(c.tok, 4)?;
        let counted = np.0 > 0 && (self.toks[np.0 - 1].kind == TokenKind::Number || numbers::parse_at(self.toks, np.0 - 1).is_some() || numbers::is_vague(&self.toks[np.0 - 1].norm));
        let r = self.actor_ref(np, None);
        (!counted && (r.sector.as_deref().map_or(false, |s| ARMED.contains(&s)) || r.actor_id.is_some())).then_some(np)
    }

    /// The recipient after the verb (or after the actor that follows it): على/ضد/بحق X,
    /// مطالبين X, لـ after attack words (كمينا لقوات …), or the direct object of a
    /// transitive verb (a counted noun, an actor, حاجزا للجيش).
    fn recipient_after(&self, c: &Cand, e: &Entry, actor: Option<Np>) -> Option<Np> {
        let n = self.toks.len();
        let next = c.last + 1;
        let mut from = match actor {
            Some((_, ae)) if ae > c.last => ae + 1,
            _ => next,
        };
        while from < n && from < next + 8 && is_ar(&self.toks[from]) && (TIME_WORDS.contains(&strip_conj(&self.toks[from].norm)) || matches!(self.toks[from].norm.as_str(), "نحو" | "حوالي" | "قرابه" | "زهاء")) {
            from += 1;
        }
        let mut j = from;
        while j < (from + 6).min(n) {
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct {
                break;
            }
            let k = t.norm.as_str();
            if matches!(k, "علي") && j + 1 < n && matches!(self.toks[j + 1].norm.as_str(), "نحو" | "الاقل" | "الرغم" | "خلفيه" | "اثر") {
                j += 2;
                continue;
            }
            if matches!(k, "علي") && j > from + 2 {
                j += 1;
                continue;
            }
            if matches!(k, "علي" | "ضد" | "وضد" | "بحق" | "تجاه") {
                return self.actor_after(j + 1, j + 4, true);
            }
            if matches!(k, "مطالبين" | "مطالبا" | "تطالب" | "يطالبون" | "طالبوا" | "مطالبه") {
                return self.actor_after(j + 1, j + 3, false);
            }
            if c.ty == EventType::Assault && (k.starts_with("لل") || (k.starts_with('ل') && (self.actorish(j) || j == from))) && j <= from + 2 {
                return Some(self.np_from(j, true));
            }
            if e.flags.obj && j == from {
                if let Some(obj) = self.direct_object(j) {
                    return obj;
                }
            }
            j += 1;
        }
        None
    }

    /// The direct object starting at token `j`: None when `j` cannot start one (the
    /// search goes on), Some(found) when it ends there.
    fn direct_object(&self, j: usize) -> Option<Option<Np>> {
        let n = self.toks.len();
        let t = &self.toks[j];
        let k = t.norm.as_str();
        if t.kind == TokenKind::Number || AR_QUANT.contains(&self.key[j]) || numbers::is_vague(k) || numbers::parse_at(self.toks, j).is_some() {
            // ثلاثة مهندسين أتراك: the counted noun
            let mut q = j;
            while q < n && q < j + 3 && (self.toks[q].kind == TokenKind::Number || numbers::parse_at(self.toks, q).is_some() || self.is_func(q) || AR_QUANT.contains(&self.key[q]) || numbers::is_vague(&self.toks[q].norm)) {
                q += 1;
            }
            return Some((q < n && is_ar(&self.toks[q]) && !self.trig[q]).then(|| self.np_from(q, true)));
        }
        if is_ar(t) && self.actorish(j) && !self.trig[j] {
            return Some(Some(self.np_from(j, true)));
        }
        if !self.is_func(j) && is_ar(t) && !self.actorish(j) && !self.prep_clitic(j) && !self.trig[j] && !self.cue_at("report", j) && numbers::parse_at(self.toks, j).is_none() {
            // حاجزا للجيش: the object with its ل-genitive
            let mut np = self.np_from(j, true);
            if np.1 + 1 < n && self.toks[np.1 + 1].norm.starts_with('ل') && self.actorish(np.1 + 1) {
                np.1 = self.np_from(np.1 + 1, true).1;
            }
            return Some(Some(np));
        }
        if !self.is_func(j) && is_ar(t) && !AR_FUNC.contains(&k) {
            if let Some(np) = self.actor_after(j, j + 3, false) {
                return Some(Some(np));
            } else if !self.trig[j] && !self.prep_clitic(j) && !self.cue_at("report", j) {
                return Some(Some(self.np_from(j, true)));
            }
            return Some(None);
        }
        None
    }

    /// اشتباكات بين X و Y: X the actor, Y the recipient.
    fn between_sides(&self, c: &Cand, actor: &mut Option<Np>, recipient: &mut Option<Np>) {
        let n = self.toks.len();
        let Some(j) = (c.last + 1..(c.last + 3).min(n)).find(|&j| self.toks[j].norm == "بين") else { return };
        let Some(a) = self.actor_after(j + 1, j + 3, true) else { return };
        *actor = Some(a);
        if let Some(k) = (a.1 + 1..(a.1 + 4).min(n)).find(|&k| self.toks[k].norm.starts_with('و')) {
            if self.actorish(k) || is_ar(&self.toks[k]) {
                *recipient = Some(self.np_from(k, true));
            }
        }
    }

    /// "اشتبك الجيش اللبناني مع مسلحي فتح الإسلام"، "في مواجهات مع قوات الأمن": the other
    /// side of a clash fills whichever role is empty.
    fn clash_other_side(&self, c: &Cand, actor: &mut Option<Np>, recipient: &mut Option<Np>) {
        let n = self.toks.len();
        let lim = actor.map_or(c.last, |a| a.1.max(c.last)) + 3;
        for j in c.last + 1..lim.min(n) {
            if self.toks[j].kind == TokenKind::Punct {
                break;
            }
            if matches!(self.toks[j].norm.as_str(), "مع" | "ومع") {
                if let Some(x) = self.actor_after(j + 1, j + 4, false) {
                    if actor.is_none() && recipient.is_some() {
                        *actor = Some(x);
                    } else if actor.is_some() && recipient.is_none() {
                        *recipient = Some(x);
                    } else if actor.is_none() {
                        *actor = Some(x);
                    }
                }
                break;
            }
        }
    }
}
