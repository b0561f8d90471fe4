//! Arguments: the actor and recipient of each trigger within its sentence. This file
//! holds what both languages share (the passive agent, a participant noun as its own
//! actor, "exposed to" constructions, the final clean-up); `arabic` and `english` the
//! language-specific searches, `protest` the sentence-wide search for whom an Arabic
//! protest is against.

mod arabic;
mod english;
mod protest;

use crate::numbers;
use crate::sentence::*;
use crate::words::*;
use marsad_core::TokenKind;

impl<'a> Sent<'a> {
    /// The actor and recipient of candidate `c`; `prev_actor` is the actor of the
    /// previous candidate of the sentence (a conjoined verb may inherit it).
    pub(crate) fn args(&self, c: &Cand, prev_actor: Option<Np>) -> Ev {
        let n = self.toks.len();
        let e = &self.lx().entries[c.entry];
        let ar = self.arabic[c.tok];
        let mut actor = self.passive_agent(c);
        // the trigger itself names its actor: المتظاهرون، protesters
        if actor.is_none() && self.head(c.tok).is_some() {
            actor = Some(self.np_from(c.tok, false));
        }
        if ar && c.tok > 0 {
            if let Some(recipient) = self.exposed(c) {
                return Ev { c: c.clone(), actor, recipient, weak: c.weak };
            }
        }
        let mut recipient = None;
        if ar && e.flags.pass && c.last + 1 < n {
            recipient = self.passive_subject(c, actor);
        }
        if ar {
            self.arabic_args(c, prev_actor, &mut actor, &mut recipient);
        } else {
            self.english_args(c, &mut actor, &mut recipient);
        }
        if let (Some(a), Some(r)) = (actor, recipient) {
            if a.0 <= r.1 && r.0 <= a.1 {
                recipient = None;
            }
        }
        // بطائرة مسيرة / بعبوة ناسفة: the weapon, not the one attacked
        if let Some(r) = recipient {
            if ar && self.toks[r.0].norm.starts_with('ب') && has_stem(&self.toks[r.0].norm, &["طايره", "سياره", "عبوه", "صاروخ", "صواريخ", "قذيفه", "قذايف", "رصاص", "عبوات", "طايرات"]) {
                recipient = None;
            }
        }
        Ev { c: c.clone(), actor, recipient, weak: c.weak }
    }

    /// (a) The passive agent: على يد X / من قبل X / برصاص X / by X, within eight words
    /// after the trigger and before punctuation.
    fn passive_agent(&self, c: &Cand) -> Option<Np> {
        let n = self.toks.len();
        let ar = self.arabic[c.tok];
        let hi = (c.last + 9).min(n);
        for j in c.last + 1..hi {
            let t = &self.toks[j];
            let prev = if j > 0 { self.toks[j - 1].norm.as_str() } else { "" };
            let agent = (ar && ((t.norm == "يد" && prev == "علي") || (t.norm == "قبل" && prev == "من") || t.norm == "بيد" || t.norm == "ايدي" && prev == "علي" || matches!(t.norm.as_str(), "برصاص" | "بنيران" | "بقذايف" | "بصواريخ")))
                || (!ar && t.norm == "by" && j <= c.last + 4);
            if agent {
                return self.actor_after(j + 1, j + 5, false);
            }
            if t.kind == TokenKind::Punct && t.norm != "\"" {
                break;
            }
        }
        None
    }

    /// "دورية … تعرضت لانفجار"، "تعرضت دورية للجيش لإطلاق نار": the one exposed to the
    /// attack is its recipient. Some(recipient) ends the argument search (a passive agent
    /// found before is kept: "تعرض مقر الحزب لهجوم من قبل مسلحين").
    fn exposed(&self, c: &Cand) -> Option<Option<Np>> {
        let exposure = |q: usize| {
            let p = strip_conj(&self.toks[q].norm);
            p.starts_with("تعرض") || p.starts_with("يتعرض") || p.starts_with("تتعرض")
        };
        // SVO: the verb right before the trigger, its subject before it
        if exposure(c.tok - 1) {
            return Some(self.actor_before(c.tok - 1, 5));
        }
        // VSO: the subject between the verb and the trigger
        let v = (c.tok.saturating_sub(6)..c.tok.saturating_sub(1)).rev().filter(|_| c.ty != EventType::Protest).find(|&q| exposure(q))?;
        if v + 1 < c.tok && !(v + 1..c.tok).any(|q| self.toks[q].kind == TokenKind::Punct) {
            let np = self.np_from(v + 1, true);
            if np.1 < c.tok {
                return Some(Some(np));
            }
        }
        None
    }

    /// The subject of an Arabic passive verb (قتل 5 أشخاص، اعتقل الناشط), skipping
    /// quantities, unless the actor found comes before it.
    fn passive_subject(&self, c: &Cand, actor: Option<Np>) -> Option<Np> {
        let n = self.toks.len();
        let mut q = c.last + 1;
        while q + 1 < n && (numbers::parse_at(self.toks, q).is_some() || self.toks[q].kind == TokenKind::Number || AR_QUANT.contains(&self.key[q]) || numbers::is_vague(&self.toks[q].norm) || self.toks[q].norm == "من") {
            q += 1;
        }
        if is_ar(&self.toks[q]) && !self.is_func(q) && !self.trig[q] && actor.map_or(true, |a| a.0 > q) {
            return Some(self.np_from(q, true));
        }
        None
    }
}
