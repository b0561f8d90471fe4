//! Triggers: the lexicon look-up of each token (and the slots of phrase entries), then
//! the sense and context filters that drop or retype a reading: sport, figurative
//! objects and subjects, cyber attacks, disease, verbal attacks, dawn, crowds in a
//! clash, drone vs march, English "the wounded" and market rallies, celebrations that
//! are no protest; and the effective weakness of what is kept.

use crate::lexicon::{Entry, Hit};
use crate::sentence::*;
use crate::words::*;
use marsad_core::TokenKind;

/// What the sense filters make of one reading of a token.
enum Sense {
    /// a trigger of this type and mode
    Keep(EventType, Option<String>),
    /// not this reading: try the token's next one
    Next,
    /// not a trigger at all
    Drop,
}

impl<'a> Sent<'a> {
    /// The sentence's trigger candidates, in text order (each token starts at most one,
    /// the slots of a phrase are consumed), and marks their tokens in `trig`.
    pub(crate) fn find_triggers(&mut self) -> Vec<Cand> {
        let n = self.toks.len();
        let mut consumed = vec![false; n];
        let mut out = Vec::new();
        for i in 0..n {
            if consumed[i] || !self.may_trigger(i) || self.en_inside_known_name(i) {
                continue;
            }
            let t = &self.toks[i];
            // a hyphenated English word ("sit-in", "air-strike") is three tokens: look it up whole
            let compound = self.en_compound(i).map(|(w, last)| (self.lookup(&w, false), last)).filter(|(h, _)| !h.is_empty());
            let hits = match &compound {
                Some((h, _)) => h.clone(),
                None => self.lookup(&t.norm, is_ar(t)),
            };
            for h in hits.iter() {
                let e = &self.lx().entries[h.entry];
                let found = match compound {
                    Some((_, last)) if !e.phrase => Some((last, (i..=last).collect())),
                    _ => self.phrase_slots(i, e),
                };
                let Some((last, slots)) = found else { continue };
                let (ty, mode) = match self.sense(i, last, h, e) {
                    Sense::Keep(ty, mode) => (ty, mode),
                    Sense::Next => continue,
                    Sense::Drop => break,
                };
                for &j in &slots {
                    consumed[j] = true;
                }
                if self.celebration(i, h, e, ty, &mode) {
                    break;
                }
                let weak = self.effective_weakness(i, e);
                out.push(Cand { tok: i, last, slots, ty, mode, entry: h.entry, kind: h.reading.kind, future: h.reading.future, weak });
                break;
            }
        }
        for c in &out {
            for &j in &c.slots {
                self.trig[j] = true;
            }
        }
        out
    }

    /// The hyphenated English word starting at token `i` ("sit-in": `sit`, `-`, `in` with no
    /// space between) and its last token, if any.
    fn en_compound(&self, i: usize) -> Option<(String, usize)> {
        let t = self.toks.get(i)?;
        let (h, b) = (self.toks.get(i + 1)?, self.toks.get(i + 2)?);
        let joined = t.kind == TokenKind::Latin && h.norm == "-" && b.kind == TokenKind::Latin && t.end == h.start && h.end == b.start;
        joined.then(|| (format!("{}-{}", t.norm, b.norm), i + 2))
    }

    /// English: a capitalised word inside a known actor's name, not its first word ("Rapid
    /// Support Forces", "Popular Mobilization Forces"): part of the name, no trigger.
    fn en_inside_known_name(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.kind != TokenKind::Latin || !self.doc.slice(t.start, t.end).starts_with(char::is_uppercase) {
            return false;
        }
        self.doc.actors.iter().filter(|a| a.known).flat_map(|a| a.mentions.iter()).any(|m| m.start < t.start && t.end <= m.end)
    }

    /// A word that may be looked up: Arabic or Latin, not one the affix matcher misreads.
    fn may_trigger(&self, i: usize) -> bool {
        let t = &self.toks[i];
        matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) && !(is_ar(t) && (NEVER.contains(&t.norm.as_str()) || NEVER.contains(&strip_conj(&t.norm))))
    }

    /// The tokens of entry `e` starting at token `i`: (last token, slot tokens), or None
    /// when a phrase's other words are not there. Each further word comes within three
    /// tokens, or five when a verb's subject stands between ("أطلقت الزوارق الحربية
    /// الإسرائيلية النار"), never across punctuation.
    fn phrase_slots(&self, i: usize, e: &Entry) -> Option<(usize, Vec<usize>)> {
        let n = self.toks.len();
        let mut last = i;
        let mut slots = vec![i];
        if !e.phrase {
            return Some((last, slots));
        }
        for alts in &e.rest {
            let far = if e.flags.adj {
                2
            } else if slots.len() == 1 && self.arabic[i] {
                6
            } else {
                4
            };
            let mut found = None;
            for j in last + 1..(last + far).min(n) {
                if self.toks[j].kind == TokenKind::Punct {
                    break;
                }
                if self.lx().slot_matches(alts, &self.toks[j].norm, is_ar(&self.toks[j])) {
                    found = Some(j);
                    break;
                }
            }
            let j = found?;
            last = j;
            slots.push(j);
        }
        Some((last, slots))
    }

    /// The sense filters, in order, on reading `h` (entry `e`) of token `i`.
    fn sense(&self, i: usize, last: usize, h: &Hit, e: &Entry) -> Sense {
        let t = &self.toks[i];
        if self.off_topic(i, last, e) {
            return Sense::Drop;
        }
        let mut ty = e.ty;
        let mut mode = e.mode.clone();
        if e.flags.verbal && self.verbal_use(i, last) {
            ty = EventType::Accuse;
            mode = Some("disapprove".into());
        }
        if self.dawn(i) {
            return Sense::Drop;
        }
        // مواجهات جماهيرية / clashes with protesters: a riot, not a battle
        if ty == EventType::Assault && matches!(mode.as_deref(), Some("clash")) && self.crowd(i, last) {
            ty = EventType::Protest;
            mode = Some("riot".into());
        }
        // drone vs march: مسيره
        if h.reading.stem == "مسيره" || t.norm == "march" || t.norm == "marches" {
            let prev = if i > 0 { self.key[i - 1] } else { "" };
            if matches!(prev, "طايره" | "طايرات" | "طيران") {
                ty = EventType::Assault;
                mode = Some("drone".into());
            } else if ty == EventType::Assault {
                return Sense::Next;
            } else if h.reading.suffixed && is_ar(t) {
                return Sense::Drop; // مسيرته: a career, not a march
            }
            if !is_ar(t) && self.doc.slice(t.start, t.end).starts_with('M') && i > 0 {
                return Sense::Drop; // the month
            }
        }
        // English "the wounded"/"the dead": people, not an event
        if !is_ar(t) && i > 0 && self.toks[i - 1].norm == "the" && matches!(t.norm.as_str(), "wounded" | "injured" | "dead" | "killed" | "detained") {
            return Sense::Drop;
        }
        // English: "rallied" in markets (only the rally words: people protest against prices)
        if !is_ar(t)
            && ty == EventType::Protest
            && t.norm.starts_with("rall")
            && self.toks.iter().any(|x| matches!(x.norm.as_str(), "shares" | "stocks" | "market" | "markets" | "prices" | "index" | "dollar" | "exports" | "currency" | "bonds" | "copper" | "oil" | "gold"))
        {
            return Sense::Drop;
        }
        Sense::Keep(ty, mode)
    }

    /// Context that makes the entry's reading no event: sport, a cyber attack, a
    /// figurative object or subject, disease as the killer or around a weak word.
    fn off_topic(&self, i: usize, last: usize, e: &Entry) -> bool {
        let n = self.toks.len();
        let ty = e.ty;
        let violent = matches!(ty, EventType::Assault | EventType::Protest | EventType::Coerce);
        // "… guarding a polio vaccination team was shot dead": a killing is never a jab nor
        // a game's shot
        let w = |q: usize| self.toks.get(q).map_or("", |t| t.norm.as_str());
        let lethal = !self.arabic[i] && (w(last + 1) == "dead" || w(last + 1) == "to" && w(last + 2) == "death");
        if e.flags.sport && (self.sport || self.econ || self.disease) {
            // English: an illness word away from the trigger ("shot dead three polio
            // vaccination workers") does not make it a jab or a heart attack
            let b = self.lx().cat_bit("disease");
            let near = (i.saturating_sub(3)..(last + 4).min(n)).any(|q| self.mask[q] & b != 0 || self.pmask.get(q).is_some_and(|m| m & b != 0));
            if !lethal && (self.sport || self.econ || self.arabic[i] || near) {
                return true;
            }
        }
        // طعن: a stabbing only beside a blade word or after تعرض (تعرض للطعن); else the
        // legal appeal (الطعن في الحكم، قدم طعنا)
        if e.flags.blade && !self.blade && !(i.saturating_sub(3)..i).any(|q| self.key[q].starts_with("تعرض")) {
            return true;
        }
        // in a sport report any attack word short of killing is the game's
        // (خطف الفريق نقطة التعادل، اقتحم صدارة الترتيب)
        // (an English phrase with no sport flag, "opened fire", "exchanged fire", is no
        // game's: a football team's bus fired on stays an attack)
        let en_plain_phrase = e.phrase && !e.flags.sport && !self.arabic[i];
        if self.sport && !en_plain_phrase && !lethal && ((ty == EventType::Assault && !e.flags.killed) || (ty == EventType::Coerce && !e.flags.arrested && e.mode.as_deref() != Some("arrest"))) {
            return true;
        }
        // a computer attack is not physical violence (هجوم إلكتروني، cyberattack)
        if self.cyber && ty == EventType::Assault && !e.flags.killed && !e.flags.injured {
            return true;
        }
        // an abstract object or a non-agent subject: figurative (فجّر مفاجأة، اعتقل المرض)
        if violent && self.figurative(i, last) {
            return true;
        }
        // "قتل المرض آلاف الأشخاص": a disease as the killer
        if (e.flags.killed || e.flags.injured || matches!(ty, EventType::Assault | EventType::Coerce)) && last + 1 < n && self.cue_at("disease", last + 1) {
            return true;
        }
        if self.disease && e.flags.weak && matches!(ty, EventType::Assault | EventType::Coerce) {
            return true;
        }
        if !self.arabic[i] && !e.phrase && self.en_not_event_form(i, last, e) {
            return true;
        }
        violent && last + 1 < n && self.cue_at("fig", last + 1)
    }

    /// English readings that name no event: a disease as the killer before the verb ("an
    /// outbreak of mpox had killed 500"), and a participle used as an adjective ("the
    /// kidnapped aid worker was released", "the besieged town").
    fn en_not_event_form(&self, i: usize, last: usize, e: &Entry) -> bool {
        let n = self.toks.len();
        let w = |q: usize| self.toks.get(q).map_or("", |t| t.norm.as_str());
        if e.flags.killed || e.flags.injured {
            let b = self.lx().cat_bit("disease");
            let subj = (i.saturating_sub(5)..i).rev().take_while(|&q| self.toks[q].kind == TokenKind::Latin).any(|q| self.mask[q] & b != 0);
            if subj && !self.weapon {
                return true;
            }
        }
        let adj = w(i).ends_with("ed") && i == last && i > 0 && (matches!(w(i - 1), "the" | "a" | "an") || w(i - 1).ends_with("'s"));
        adj && last + 1 < n
            && self.toks[last + 1].kind == TokenKind::Latin
            && !self.is_func(last + 1)
            && !matches!(w(last + 1), "were" | "was" | "are" | "is" | "had" | "have" | "has" | "by" | "in" | "on" | "at" | "and" | "or" | "to" | "from" | "during" | "after")
    }

    /// Abstract object within three words after the trigger (stopping at punctuation or a
    /// preposition), or a non-agent subject right after it (or right before an English verb).
    pub(crate) fn figurative(&self, i: usize, last: usize) -> bool {
        let n = self.toks.len();
        if last + 1 < n && self.cue_at("figsubj", last + 1) {
            return true;
        }
        if !self.arabic[i] && i > 0 && self.cue_at("figsubj", i - 1) {
            return true;
        }
        for j in last + 1..(last + 4).min(n) {
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct || self.is_func(j) {
                break;
            }
            let p = t.prefix.trim_start_matches(['و', 'ف']);
            if self.arabic[j] && (p.starts_with('ب') || p.starts_with('ل') || p.starts_with('ك')) {
                continue;
            }
            if self.cue_at("figobj", j) {
                return true;
            }
        }
        false
    }

    /// A verbal attack (هجوم إعلامي، كلامي، scathing attack): a `verbal` cue within four
    /// words after the trigger, or in English right before it or within five after it.
    fn verbal_use(&self, i: usize, last: usize) -> bool {
        let n = self.toks.len();
        let en = !is_ar(&self.toks[i]);
        (last + 1..(last + 5).min(n)).any(|j| self.cue_at("verbal", j)) || (en && i > 0 && self.cue_at("verbal", i - 1)) || (en && (i + 1..(last + 6).min(n)).any(|j| self.cue_at("verbal", j)))
    }

    /// فجر اليوم / فجر الأحد / منذ فجر: dawn, not "blew up".
    fn dawn(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if !(is_ar(t) && strip_conj(&t.norm) == "فجر" && i + 1 < self.toks.len()) {
            return false;
        }
        let nx = self.key[i + 1];
        matches!(nx, "يوم" | "اليوم" | "امس" | "احد" | "اثنين" | "ثلاثاء" | "اربعاء" | "خميس" | "جمعه" | "سبت" | "الاحد" | "الاثنين" | "الثلاثاء" | "الاربعاء" | "الخميس" | "الجمعه" | "السبت" | "الجديد" | "جديد")
            || (i > 0 && matches!(self.toks[i - 1].norm.as_str(), "منذ" | "عند" | "حتي" | "قبيل" | "مع"))
    }

    /// A clash of crowds: مواجهات جماهيرية، or protesters named in the sentence.
    fn crowd(&self, i: usize, last: usize) -> bool {
        let n = self.toks.len();
        (last + 1 < n && matches!(self.key[last + 1], "جماهيريه" | "شعبيه"))
            || (0..n).any(|j| j != i && matches!(self.key[j], "متظاهرين" | "متظاهرون" | "محتجين" | "محتجون" | "المتظاهرين" | "مشاغبين" | "protesters" | "demonstrators" | "rioters"))
    }

    /// A gathering for a celebration, a prayer, a charity walk is not a protest (unless a
    /// protest cue is present).
    fn celebration(&self, i: usize, h: &Hit, e: &Entry, ty: EventType, mode: &Option<String>) -> bool {
        let t = &self.toks[i];
        ty == EventType::Protest && matches!(mode.as_deref(), None | Some("demo")) && self.nonprotest && !self.protestcue && (e.flags.weak || h.reading.stem == "مسيره" || t.norm.starts_with("march"))
    }

    /// The entry's weakness, adjusted: "A landmine hit an army patrol" (a weapon as the
    /// subject) makes a weak English verb strong; an explosion word without a weapon or
    /// force word is weak.
    fn effective_weakness(&self, i: usize, e: &Entry) -> bool {
        let weapon_subject = !is_ar(&self.toks[i])
            && e.flags.weak
            && (i.saturating_sub(3)..i).any(|q| ["mode:explosives", "mode:heavy-weapons", "mode:aerial", "mode:drone"].iter().any(|m| self.cue_at(m, q)));
        (e.flags.weak && !weapon_subject) || (e.flags.phys && !self.weapon)
    }
}
