//! One group to its events: the figures of its incident, the founders and group of a
//! CHANGE_GROUP, speakers (who report, and who act when a pronoun names their forces),
//! the passer-by of a roadside bomb, place and date, the mode refined from context,
//! coding of the actor and recipient, the ACLED type, a confidence, and the
//! PETRARCH-style compound split (one event per founder, recipient conjunct and place).

use super::roles::Roles;
use super::Figures;
use crate::casualty;
use crate::lexicon::Kind;
use crate::numbers;
use crate::sentence::*;
use marsad_core::{ActorRef, Event, Place, Span, TextSpan, TokenKind};

impl<'a> Sent<'a> {
    /// The events of group `g` (none when it does not make an event), appended to `out`.
    pub(crate) fn build_group(&self, evs: &[Ev], g: &[usize], split: bool, sentence_figures: Figures, casualties_used: &mut Vec<usize>, out: &mut Vec<Event>) {
        let order = self.by_primacy(evs, g);
        let Roles { mut actor, mut recipient, mode, nisba_actor } = self.roles(evs, g, &order);
        let c = &evs[order[0]].c;
        let ty = c.ty;
        let all_weak = g.iter().all(|&k| evs[k].weak);
        // the figures of this event's incident
        let seg = if split { self.tolls().seg_of(c.tok) } else { 0 };
        let (fat, inj, arr) = self.group_figures(evs, g, c, &mode, recipient, split, seg, sentence_figures, casualties_used);
        // a civilian or political actor does not make a weak trigger an event
        // (وجه النائب ضربة قوية لخصومه، استهدفت الحكومة خفض العجز)
        let armed_actor = actor.filter(|a| !self.cue_at("civil", a.0));
        if all_weak && armed_actor.is_none() && fat.is_none() && inj.is_none() && arr.is_none() {
            return;
        }
        if ty == EventType::Assault {
            casualties_used.push(seg);
        }
        // CHANGE_GROUP: founders are the actors, the group the recipient
        let mut founders: Vec<Np> = Vec::new();
        if ty == EventType::ChangeGroup {
            founders = self.founders(c);
            match self.group_formed(c) {
                Some(gp) => {
                    recipient = Some(gp);
                    if !founders.is_empty() || actor == Some(gp) {
                        actor = None;
                    }
                }
                None if founders.is_empty() => return,
                None => {}
            }
            if founders.is_empty() && c.kind == Kind::Noun {
                return;
            }
        }
        let (negated, hypothetical, generic) = self.modality(c);
        let srcs = self.source_spans();
        let reporter = srcs.iter().copied().find(|s| !(s.0 <= c.tok && c.tok <= s.1)).or_else(|| self.reported_by(c));
        self.not_speakers_or_times(&srcs, &mut actor, &mut recipient);
        if ty == EventType::Assault {
            recipient = self.passer_by(c, actor, recipient);
        }
        if let Some(r) = reporter {
            actor = self.speaker_as_actor(c, r, actor, nisba_actor);
        } else if actor.is_none() {
            actor = nisba_actor;
        }
        let mut excl: Vec<Np> = Vec::new();
        excl.extend(actor);
        excl.extend(srcs.iter().copied());
        excl.extend(recipient);
        let others: Vec<usize> = evs
            .iter()
            .filter(|e| matches!(e.c.ty, EventType::Assault | EventType::Protest | EventType::Coerce | EventType::ChangeGroup) && (e.c.ty != EventType::Protest || self.head(e.c.tok).is_none()))
            .map(|e| e.c.tok)
            .filter(|&t| t != c.tok && !g.contains(&evs.iter().position(|x| x.c.tok == t).unwrap_or(usize::MAX)))
            .collect();
        let places: Vec<Place> = if self.arabic[c.tok] {
            self.places(c, &excl, &others).into_iter().cloned().collect()
        } else {
            let group: Vec<usize> = g.iter().map(|&k| evs[k].c.tok).collect();
            self.en_places(c, &excl, &others, &group)
        };
        let places: Vec<&Place> = places.iter().collect();
        let date = self.date(c);
        let sent = &self.doc.sentences[self.si];
        let tstart = self.toks[c.tok].start;
        let tend = self.toks[c.last].end;
        let trigger = TextSpan { text: self.doc.slice(tstart, tend).to_string(), start: tstart, end: tend };
        let mode = self.refine_mode(ty, mode);
        let row = self.st.onto.get(ty.as_str(), mode.as_deref());
        let place_country = places.first().and_then(|p| p.country.clone());
        let mut actor_ref = actor.map(|a| self.actor_ref(a, place_country.as_deref()));
        if let (Some(a), Some(ar)) = (actor, actor_ref.as_mut()) {
            self.instrument_military(a, ar);
        }
        let rec_ref = recipient.map(|r| self.actor_ref(r, place_country.as_deref()));
        let mut acled = row.and_then(|r| r.acled.clone());
        if ty == EventType::Assault
            && matches!(mode.as_deref(), None | Some("clash") | Some("firearms") | Some("ambush"))
            && rec_ref.as_ref().and_then(|r| r.sector.as_deref()) == Some("CVL")
        {
            acled = Some(marsad_core::AcledType { event_type: "Violence against civilians".into(), sub_event_type: "Attack".into() });
        }
        let confidence = confidence(all_weak, actor_ref.is_some(), rec_ref.is_some(), !places.is_empty());
        // "46 ضحية سقطوا في تفجيرين منفصلين … بالاسكندرية وطنطا"، "خلال عمليتي المنهيلة
        // وتطاوين": a dual attack noun split over its places is two incidents sharing one
        // toll, which says neither's own (the independent labels give both none)
        let (fat, inj) = if places.len() > 1 && self.dual_attack(c.tok) { (None, None) } else { (fat, inj) };
        let base = Event {
            kind: ty,
            mode: mode.clone(),
            quad: row.map(|r| r.quad.clone()),
            acled,
            actor: actor_ref,
            recipient: rec_ref,
            place: None,
            date,
            fatalities: fat,
            injured: inj,
            arrested: arr,
            negated,
            hypothetical,
            generic,
            background: false,
            reported_by: reporter.map(|r| self.actor_ref(r, None)),
            trigger,
            evidence: Span::new(sent.start, sent.end),
            sentence: self.si,
            confidence,
        };
        self.compound_split(base, &founders, &places, recipient, place_country.as_deref(), out);
    }

    /// The group's (killed, injured, arrested): its incident's figures, or one death for
    /// an assassination verb with one definite victim; an attack takes its incident's
    /// deaths and injuries once, an arrest its arrests.
    #[allow(clippy::too_many_arguments)]
    fn group_figures(&self, evs: &[Ev], g: &[usize], c: &Cand, mode: &Option<String>, recipient: Option<Np>, split: bool, seg: usize, sentence: Figures, casualties_used: &[usize]) -> Figures {
        let tolls = self.tolls();
        let (killed, injured, arrested) = if split {
            (tolls.get(Some(seg), casualty::KILLED), tolls.get(Some(seg), casualty::INJURED), tolls.get(Some(seg), casualty::ARRESTED))
        } else {
            sentence
        };
        // "اغتيل الصحفي": an assassination verb with one definite victim states one death
        let killed = killed.or_else(|| {
            let verb_kill = g.iter().any(|&k| {
                let e = &self.lx().entries[evs[k].c.entry];
                e.flags.killed && matches!(evs[k].c.mode.as_deref(), Some("targeted" | "execute")) && matches!(evs[k].c.kind, Kind::Perf | Kind::Impf)
            });
            let one = recipient.map_or(false, |r| {
                (r.0 == r.1
                    && {
                        let k = self.key[r.0];
                        !(k.ends_with("ين") || k.ends_with("ون") || k.ends_with("ات"))
                    }
                    && definite(&self.toks[r.0]))
                    || numbers::human_count(&self.toks[r.0].norm) == Some(1)
            });
            (verb_kill && one).then_some(1)
        });
        match c.ty {
            EventType::Assault if !casualties_used.contains(&seg) => (killed, injured, arrested.filter(|_| false)),
            EventType::Coerce if mode.as_deref() == Some("arrest") => (None, None, arrested),
            _ => (None, None, None),
        }
    }

    /// The named founders of a CHANGE_GROUP after its trigger (people: entities and
    /// person actors, at most four), as token spans.
    fn founders(&self, c: &Cand) -> Vec<Np> {
        let sent = &self.doc.sentences[self.si];
        let tstart = self.toks[c.tok].start;
        let mut spans: Vec<(usize, usize)> =
            self.doc.entities.iter().filter(|e| e.kind == marsad_core::EntityType::PERS && e.start > tstart && e.end <= sent.end).map(|e| (e.start, e.end)).collect();
        for a in self.doc.actors.iter().filter(|a| a.actor_type.as_deref() == Some("person")) {
            for m in &a.mentions {
                if m.start > tstart && m.end <= sent.end && !spans.iter().any(|s| s.0 < m.end && m.start < s.1) {
                    spans.push((m.start, m.end));
                }
            }
        }
        spans.sort();
        let mut founders = Vec::new();
        for (s, e) in spans.into_iter().take(4) {
            let ts = self.toks.iter().position(|t| t.start <= s && s < t.end);
            let te = self.toks.iter().rposition(|t| t.start < e && e <= t.end);
            if let (Some(ts), Some(te)) = (ts, te) {
                founders.push((ts, te));
            }
        }
        founders
    }

    /// The group a CHANGE_GROUP forms: its subject before the trigger or right after it,
    /// when that is an armed group, a rebel group or a party.
    fn group_formed(&self, c: &Cand) -> Option<Np> {
        let group = self.actor_before(c.tok, 4).or_else(|| self.actor_after(c.last + 1, c.last + 3, false));
        let groupish = |np: Np| {
            let r = self.actor_ref(np, None);
            matches!(r.sector.as_deref(), Some("UAF" | "REB" | "PTY")) || r.actor_type.as_deref().map_or(false, |t| t.contains("group") || t.contains("militia") || t.contains("rebel"))
        };
        group.filter(|&gp| groupish(gp))
    }

    /// "a source in Diyala police said …": the police speak, they do not act;
    /// "انفجرت لحظة مرور عجلة عسكرية": a time noun is no participant, the passer-by is the target.
    fn not_speakers_or_times(&self, srcs: &[Np], actor: &mut Option<Np>, recipient: &mut Option<Np>) {
        let in_src = |x: Np| srcs.iter().any(|s| x.0 <= s.1 && s.0 <= x.1);
        if actor.map_or(false, in_src) {
            *actor = None;
        }
        if recipient.map_or(false, in_src) {
            *recipient = None;
        }
        if actor.map_or(false, |a| self.cue_at("timenoun", a.0)) {
            *actor = None;
        }
        if let Some(r) = *recipient {
            if self.cue_at("timenoun", r.0) {
                *recipient = self.after_time(r.0);
            }
        }
    }

    /// The victim phrase after a time noun: "لحظة مرور عجلة عسكرية" → عجلة عسكرية.
    pub(crate) fn after_time(&self, t: usize) -> Option<Np> {
        let n = self.toks.len();
        let mut q = t + 1;
        if q < n && self.cue_at("passing", q) {
            q += 1;
        } else {
            return None;
        }
        if q >= n || !self.arabic[q] || self.trig[q] || self.is_func(q) || self.cue_at("timenoun", q) {
            return None;
        }
        Some(self.np_from(q, false))
    }

    /// An attack's target when something passes by: "انفجرت عبوة على جانب الطريق لحظة مرور
    /// عجلة عسكرية" (the passer-by, not the roadside), "blew up as a military patrol passed".
    fn passer_by(&self, c: &Cand, actor: Option<Np>, recipient: Option<Np>) -> Option<Np> {
        let n = self.toks.len();
        let apart = |r: Np| actor.map_or(true, |a| !(a.0 <= r.1 && r.0 <= a.1));
        if self.arabic[c.tok] {
            if recipient.map_or(false, |r| (r.0..=r.1).any(|q| self.actorish(q))) {
                return recipient;
            }
            let mut j = c.last + 1;
            while j < n && j <= c.last + 10 && self.toks[j].kind != TokenKind::Punct {
                if self.cue_at("timenoun", j) {
                    return self.after_time(j).filter(|&r| apart(r)).or(recipient);
                }
                j += 1;
            }
            return recipient;
        }
        if recipient.is_some() {
            return recipient;
        }
        let Some(j) = (c.last + 1..(c.last + 4).min(n)).find(|&j| matches!(self.toks[j].norm.as_str(), "as" | "when" | "while")) else { return recipient };
        let s0 = if j + 1 < n && matches!(self.toks[j + 1].norm.as_str(), "a" | "an" | "the") { j + 2 } else { j + 1 };
        let Some(v) = (s0 + 1..(s0 + 4).min(n)).find(|&v| matches!(self.toks[v].norm.as_str(), "passed" | "drove" | "went" | "was" | "were")) else { return recipient };
        let np = (s0, v - 1);
        if (s0..v).all(|q| self.toks[q].kind != TokenKind::Punct && !self.trig[q] && !self.is_func(q)) && apart(np) {
            return Some(np);
        }
        recipient
    }

    /// The actor once the speaker `r` is known: the speaker is not the actor of what it
    /// reports ("قال X إن …"), but it is the actor of a noun right after it ("أعلنت
    /// الجامعة العربية دعمها"), of a verb after إنه, and of forces named with a pronoun
    /// ("أعلن الجيش الأمريكي أن قواته قتلت"، "متحدث باسم القوات البريطانية … جنودها").
    fn speaker_as_actor(&self, c: &Cand, r: Np, mut actor: Option<Np>, nisba_actor: Option<Np>) -> Option<Np> {
        if let Some(a) = actor {
            let comp = (r.1 + 1..c.tok).any(|q| matches!(self.toks[q].norm.as_str(), "ان" | "انه" | "انها" | "انهم" | "that" | ":" | "\"" | "«"));
            if a.0 <= r.1 && r.0 <= a.1 && (comp || !self.arabic[c.tok]) {
                actor = None;
            }
        }
        if actor.is_none() && c.kind == Kind::Noun {
            let comp = (r.1 + 1..c.tok).any(|q| matches!(self.toks[q].norm.as_str(), "ان" | "انه" | "انها" | "انهم" | ":" | "\"" | "«"));
            if r.1 < c.tok && c.tok - r.1 <= 2 && !comp {
                actor = Some(r);
            }
        }
        if actor.is_none() {
            actor = nisba_actor;
        }
        // "قال الجيش الباكستاني إنه قتل ٢٥ مسلحا": the pronoun after إن is the speaker
        if actor.is_none() && c.tok > 0 && r.1 < c.tok && matches!(strip_conj(&self.toks[c.tok - 1].norm), "انه" | "انها" | "انهم" | "بانه" | "بانها" | "بانهم") {
            actor = Some(r);
        }
        let pron = |q: usize| {
            let t = &self.toks[q];
            self.arabic[q] && !t.suffix.is_empty() && (self.lx().heads.get(strip_al(&t.base)).map_or(false, |h| matches!(h.0.as_str(), "MIL" | "COP" | "REB" | "UAF")))
        };
        let forces = match actor {
            Some(a) if a.0 == a.1 && pron(a.0) => true,
            None => c.tok > 0 && c.tok - 1 > r.1 && pron(c.tok - 1),
            _ => false,
        };
        if forces && r.1 < c.tok {
            // متحدث باسم X → X
            let rr = match (r.0..=r.1).find(|&q| matches!(self.toks[q].norm.as_str(), "باسم" | "عن")) {
                Some(q) if q < r.1 => (q + 1, r.1),
                _ => r,
            };
            actor = Some(rr);
        }
        actor
    }

    /// The mode refined from the sentence's cues: an attack's weapon (suicide, chemical,
    /// drone, aerial, explosives, heavy weapons…), a protest's riot or intervention.
    fn refine_mode(&self, ty: EventType, mut mode: Option<String>) -> Option<String> {
        let cue_anywhere = |cat: &str| (0..self.toks.len()).any(|j| self.cue_at(cat, j) || (j + 1 < self.toks.len() && self.pmask[j] & self.lx().cat_bit(cat) != 0));
        if ty == EventType::Assault {
            let order = ["suicide-attack", "chemical", "drone", "aerial", "explosives", "heavy-weapons", "abduct", "firearms"];
            let refinable = match mode.as_deref() {
                None | Some("clash") | Some("firearms") => order.len(),
                Some("explosives") => 1,
                Some("aerial") => 3,
                Some("heavy-weapons") => 4,
                _ => 0,
            };
            if let Some(m) = order.iter().take(refinable).find(|m| cue_anywhere(&format!("mode:{m}"))) {
                if mode.as_deref() != Some(m) {
                    mode = Some(m.to_string());
                }
            }
        } else if ty == EventType::Protest && matches!(mode.as_deref(), None | Some("demo") | Some("sit-in") | Some("obstruct")) {
            if let Some(m) = ["riot", "demo-intervention"].iter().find(|m| cue_anywhere(&format!("mode:{m}"))) {
                mode = Some(m.to_string());
            }
        }
        mode
    }

    /// "Turkish drone"، "غارة إسرائيلية"، "Russian jets": a nationality on a weapon or
    /// strike is that country's military.
    fn instrument_military(&self, a: Np, ar: &mut ActorRef) {
        let n = self.toks.len();
        let lo = a.0.saturating_sub(2);
        let hi = (a.1 + 2).min(n - 1);
        let instrument = (lo..=hi).any(|q| self.cue_at("instrument", q));
        if ar.sector.is_none() && ar.country.is_some() && (a.0..=a.1).all(|q| self.head(q).is_none()) && instrument {
            ar.sector = Some("MIL".into());
        }
    }

    /// One event per founder, per recipient conjunct ("لقوات الحكومة العراقية وأعضاء
    /// المليشيات الشيعية") and per coordinated place (PETRARCH-style compound split).
    fn compound_split(&self, base: Event, founders: &[Np], places: &[&Place], recipient: Option<Np>, place_country: Option<&str>, out: &mut Vec<Event>) {
        let actors: Vec<Option<ActorRef>> = if founders.is_empty() { vec![base.actor.clone()] } else { founders.iter().map(|f| Some(self.actor_ref(*f, None))).collect() };
        let pl: Vec<Option<Place>> = if places.is_empty() { vec![None] } else { places.iter().map(|p| Some((*p).clone())).collect() };
        let mut recs: Vec<Option<ActorRef>> = vec![base.recipient.clone()];
        if let Some(r) = recipient {
            recs.extend(self.recipient_conjuncts(r, 3).into_iter().map(|np| Some(self.actor_ref(np, place_country))));
        }
        for a in &actors {
            for rc in &recs {
                for p in &pl {
                    let mut ev = base.clone();
                    ev.actor = a.clone();
                    ev.recipient = rc.clone();
                    ev.place = p.clone();
                    out.push(ev);
                }
            }
        }
    }

    /// An attack noun in the dual (تفجيرين، هجومين، عمليتي): two attacks named by one word.
    fn dual_attack(&self, q: usize) -> bool {
        let w = strip_conj(&self.toks[q].norm);
        let w = w.strip_prefix("ال").or_else(|| w.strip_prefix("ب")).or_else(|| w.strip_prefix("في")).unwrap_or(w);
        self.arabic[q] && ["ين", "ان", "تي"].iter().any(|s| w.ends_with(s)) && !w.ends_with("يين") && self.toks[q].norm.chars().count() > 4 && self.attack_word(q)
    }

    /// Up to `max` actor-like phrases conjoined after `r` (و…، and …).
    fn recipient_conjuncts(&self, mut r: Np, max: usize) -> Vec<Np> {
        let n = self.toks.len();
        let mut out = Vec::new();
        while out.len() < max && r.1 + 1 < n {
            let j = r.1 + 1;
            let t = &self.toks[j];
            let conj = (is_ar(t) && t.norm.starts_with('و') && t.norm.chars().count() > 2) || t.norm == "and";
            if !conj {
                break;
            }
            let start = if t.norm == "and" { j + 1 } else { j };
            if start >= n || self.trig[start] {
                break;
            }
            let np = self.np_from(start, true);
            if !(np.0..=np.1).any(|q| self.actorish(q)) || (np.0..=np.1).any(|q| self.trig[q]) {
                break;
            }
            out.push(np);
            r = np;
        }
        out
    }
}

/// A rule-based confidence: strong triggers, an actor, a recipient and a place raise it.
/// (The detection stage replaces it with its model's probability.)
fn confidence(all_weak: bool, actor: bool, recipient: bool, place: bool) -> f32 {
    let mut conf: f32 = 0.5;
    if !all_weak {
        conf += 0.15;
    } else {
        conf -= 0.15;
    }
    if actor {
        conf += 0.15;
    }
    if recipient {
        conf += 0.05;
    }
    if place {
        conf += 0.05;
    }
    conf.clamp(0.05, 0.95)
}
