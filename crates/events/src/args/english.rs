//! English arguments: the subject before a verb (or of a light verb: "carried out
//! airstrikes"), an adjacent modifier of a noun ("Taliban attack"), the victim of an
//! intransitive death word, passives and reduced passives ("four soldiers killed in
//! …"), the recipient after on/against/targeting or as the object, and "between X and Y".

use crate::lexicon::{Entry, Kind};
use crate::sentence::*;
use marsad_core::TokenKind;

impl<'a> Sent<'a> {
    pub(super) fn english_args(&self, c: &Cand, actor: &mut Option<Np>, recipient: &mut Option<Np>) {
        let n = self.toks.len();
        let e = &self.lx().entries[c.entry];
        if actor.is_none() && c.kind == Kind::Word {
            *actor = self.english_subject(c, e);
        }
        // "X died": the subject of an intransitive death word is the victim, not an actor
        if e.flags.killed && !e.flags.obj && recipient.is_none() {
            *recipient = actor.take();
        }
        let passive = c.tok > 0 && matches!(self.toks[c.tok - 1].norm.as_str(), "was" | "were" | "been" | "be" | "being");
        if passive {
            // the subject of a passive is the recipient, the "by" phrase the actor
            let hi = (c.last + 9).min(n);
            let by_actor = (c.last + 1..hi)
                .find(|&j| self.toks[j].norm == "by")
                .and_then(|j| self.actor_after(j + 1, j + 5, false).or_else(|| self.actor_after(j + 1, j + 4, true)));
            let subject = self.actor_before(c.tok, 6);
            *recipient = subject.or(*recipient);
            *actor = by_actor;
        }
        // "At least four soldiers killed in Baqubah …", "several others wounded on Sunday": a
        // reduced passive (headline style), its subject is the victim
        if !passive && (e.flags.killed || e.flags.injured) && e.flags.obj && self.toks[c.last].norm.ends_with("ed") && actor.is_some() && recipient.is_none() {
            let nx = self.toks.get(c.last + 1).map(|t| t.norm.as_str()).unwrap_or(".");
            let nx2 = self.toks.get(c.last + 2).map(|t| t.norm.as_str()).unwrap_or("");
            if matches!(nx, "in" | "near" | "on" | "during" | "when" | "as" | "after" | "while" | "," | "." | "by") || (nx == "at" && nx2 != "least") {
                let by = if nx == "by" { self.actor_after(c.last + 2, c.last + 6, false) } else { None };
                *recipient = actor.take();
                *actor = by;
            }
        }
        if recipient.is_none() {
            *recipient = self.english_object(c, e, passive);
        }
        if let Some(j) = (c.last + 1..(c.last + 3).min(n)).find(|&j| self.toks[j].norm == "between") {
            if let Some(a) = self.actor_after(j + 1, j + 4, true) {
                *actor = Some(a);
                if a.1 + 2 < n && self.toks[a.1 + 1].norm == "and" {
                    *recipient = self.actor_after(a.1 + 2, a.1 + 5, true);
                }
            }
        }
    }

    /// Subject before a verb; for nouns only an adjacent modifier ("Israeli air strikes",
    /// "Taliban attack") or the subject of a light verb ("coalition aircraft carried out
    /// airstrikes").
    fn english_subject(&self, c: &Cand, e: &Entry) -> Option<Np> {
        let det = c.tok > 0 && matches!(self.toks[c.tok - 1].norm.as_str(), "the" | "a" | "an" | "this" | "that" | "its" | "their" | "his" | "her" | "new");
        if (e.verb && !det) || matches!(self.toks[c.tok].norm.as_str(), "killed" | "wounded" | "injured" | "shot" | "struck" | "fought" | "kidnapped" | "abducted" | "blew" | "protesters" | "demonstrators") {
            return self.actor_before(c.tok, 6);
        }
        if let Some(lv) = (c.tok.saturating_sub(3)..c.tok).find(|&q| matches!(self.toks[q].norm.as_str(), "carried" | "launched" | "conducted" | "staged" | "mounted" | "claimed" | "carry" | "launch" | "conduct" | "stage" | "mount")) {
            return self.actor_before(lv, 6);
        }
        let mut j = c.tok;
        while j > 0 && c.tok - j < 3 {
            j -= 1;
            if self.actorish(j) {
                return Some(self.np_from(j, false));
            }
            if !matches!(self.toks[j].norm.as_str(), "air" | "drone" | "missile" | "suicide" | "car" | "bomb" | "rocket") {
                break;
            }
        }
        None
    }

    /// The recipient after the trigger: on/against/targeting/at X (attacks), the object of
    /// a transitive verb (not in a passive), skipping articles.
    fn english_object(&self, c: &Cand, e: &Entry, passive: bool) -> Option<Np> {
        let n = self.toks.len();
        let next = c.last + 1;
        let mut j = next;
        while j < (next + 5).min(n) {
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct {
                break;
            }
            if matches!(t.norm.as_str(), "on" | "against" | "targeting" | "at") && c.ty == EventType::Assault || t.norm == "against" {
                return self.actor_after(j + 1, j + 4, true);
            }
            if e.flags.obj && j == next && !passive {
                return self.actor_after(j, j + 3, false);
            }
            if !(t.norm == "the" || t.norm == "a" || t.norm == "an") && e.flags.obj {
                break;
            }
            j += 1;
        }
        None
    }
}
