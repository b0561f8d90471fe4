//! A merged group's roles: its primary trigger (strong before weak, verbs before nouns,
//! with an actor first), and the actor, recipient and mode gathered from its members —
//! the protesters of a participant noun, the victims or owner of an attacked facility,
//! an Arabic protest's target, the nationality adjective of an attack noun.

use crate::lexicon::Kind;
use crate::sentence::*;
use crate::words::*;
use marsad_core::TokenKind;

/// What a group's members contribute to its event.
pub(crate) struct Roles {
    pub(crate) actor: Option<Np>,
    pub(crate) recipient: Option<Np>,
    pub(crate) mode: Option<String>,
    /// the nationality adjective of an attack noun ("قصف مدفعي إسرائيلي"), an actor of
    /// last resort
    pub(crate) nisba_actor: Option<Np>,
}

impl<'a> Sent<'a> {
    /// The group's members, primary first: naming phrases last, strong before weak, verbs
    /// before nouns, with an actor first.
    pub(crate) fn by_primacy(&self, evs: &[Ev], g: &[usize]) -> Vec<usize> {
        let mut order = g.to_vec();
        order.sort_by_key(|&k| {
            let ev = &evs[k];
            let e = &self.lx().entries[ev.c.entry];
            let part = ev.c.ty == EventType::Protest && self.head(ev.c.tok).is_some();
            let w = self.toks[ev.c.tok].norm.as_str();
            let verb = matches!(ev.c.kind, Kind::Perf | Kind::Impf)
                || (ev.c.kind == Kind::Word
                    && ((self.lx().entries[ev.c.entry].verb && !w.ends_with("ing"))
                        || w.ends_with("ed")
                        || matches!(w, "died" | "struck" | "shot" | "fought" | "blew" | "took" | "went" | "broke" | "fired" | "opened" | "kills" | "attacks" | "hit" | "hits" | "came")));
            let en = !self.arabic[ev.c.tok];
            // English: a definite attack noun in a later clause refers back to the event an
            // earlier member reported ("A car bomb exploded …, and the group later claimed
            // the attack"): a noun, whatever its entry, so the earlier verb stays the event's
            let noun_form = en
                && !e.phrase
                && matches!(w, "attack" | "attacks" | "assault" | "raid" | "raids" | "strike" | "strikes" | "clash" | "clashes" | "ambush" | "bombing" | "shooting")
                && (self.en_after_definite(ev.c.tok) || self.en_claimed_after(ev.c.last))
                && g.iter().any(|&o| evs[o].c.last < ev.c.tok && (evs[o].c.last..ev.c.tok).any(|q| self.toks[q].norm == ","));
            let verb = verb && !noun_form;
            // English: an attack noun heading a casualty verb's subject ("The RSF attack on X
            // killed 30") is a noun, whatever its entry; the casualty verb is the event's
            let heads = en && g.iter().any(|&o| o != k && evs[o].c.tok > ev.c.last && {
                let fo = &self.lx().entries[evs[o].c.entry].flags;
                (fo.killed || fo.injured) && self.en_noun_heads_subject(&ev.c, evs[o].c.tok)
            });
            let verb = verb && !heads;
            // English: a verb whose subject is another trigger of the group is the event's
            // verb ("coalition air strikes hit", "a car bomb exploded")
            let noun_subject = en && verb && g.iter().any(|&o| o != k && evs[o].c.last < ev.c.tok && self.en_subject_reaches(evs[o].c.last, ev.c.tok));
            // English: "An Israeli strike on a school in Nuseirat, in central Gaza, killed 22":
            // an attack noun heading the subject phrase of a casualty verb, over its
            // attachments; the verb is the event's, the noun's actor is the group's
            let headed = en && verb && (e.flags.killed || e.flags.injured) && g.iter().any(|&o| o != k && self.en_noun_heads_subject(&evs[o].c, ev.c.tok));
            let noun_subject = noun_subject || headed;
            let weak = ev.weak && !(ev.c.kind == Kind::Word && (verb || e.flags.killed || e.flags.injured)) && !noun_subject;
            // English: a result ("leaving 17 dead") or an infinitive ("to discuss") is no
            // event verb of its own
            let part = part || (en && ev.c.tok > 0 && (self.toks[ev.c.tok - 1].norm == "to" || (w == "dead" && (ev.c.tok.saturating_sub(4)..ev.c.tok).any(|q| matches!(self.toks[q].norm.as_str(), "leaving" | "left" | "leave" | "leaves")))));
            // English: "six officers were killed when militants stormed …": the main
            // clause's casualty verb is the event's verb, the "when" clause says how; a
            // named attack phrase there stays the verb ("… were killed when a gunman opened
            // fire", as the English labels have it)
            let part = part || (en && !e.phrase && g.iter().any(|&o| o != k && self.en_when_clause_of(&evs[o].c, ev.c.tok)));
            // English: "were killed in clashes between …", "were wounded in the RSF's attack
            // on …": the attack noun of a passive casualty verb's "in"/"during" phrase says
            // how; the casualty verb is the event's (as the English labels have it)
            let part = part || (en && !e.phrase && g.iter().any(|&o| o != k && self.en_in_phrase_of(&evs[o].c, ev.c.tok)));
            // English: an attack noun that refers back ("…, and the group claimed the attack",
            // "…, in an attack claimed by X") names no event of its own
            let part = part || noun_form;
            // "X died": its subject (now the recipient) counts as its argument
            let intrans = ev.c.kind == Kind::Word && e.flags.killed && !e.flags.obj && ev.recipient.is_some();
            // a naming phrase (عملية إرهابية، سطو مسلح) describes the group's attack: any
            // other attack word of the group is its trigger
            let naming = e.phrase && e.flags.adj;
            // (a verb headed by an attack noun takes the noun's actor: it has one)
            (naming as u8, weak as u8, part as u8, !verb as u8, (ev.actor.is_none() && !intrans && !headed) as u8, ev.c.tok)
        });
        order
    }

    /// The group's actor, recipient and mode (`order` from `by_primacy`).
    pub(crate) fn roles(&self, evs: &[Ev], g: &[usize], order: &[usize]) -> Roles {
        let p = order[0];
        let mut actor = evs[p].actor;
        if evs[p].c.ty == EventType::Protest {
            actor = self.protesters(evs, g, actor);
        }
        let mut recipient = evs[p].recipient;
        let mut mode = evs[p].c.mode.clone();
        for &k in &order[1..] {
            let f = &self.lx().entries[evs[k].c.entry].flags;
            if !(f.killed || f.injured) || evs[k].c.ty != EventType::Assault {
                actor = actor.or(evs[k].actor);
            }
            recipient = recipient.or(evs[k].recipient);
            mode = mode.or(evs[k].c.mode.clone());
        }
        if evs[p].c.ty == EventType::Assault {
            if let Some(r) = recipient {
                recipient = Some(self.facility_people(evs, g, r));
            }
        }
        if recipient.is_none() && evs[p].c.ty == EventType::Protest && self.arabic[evs[p].c.tok] {
            recipient = self.protest_target(evs[p].c.tok, actor);
        }
        if let (Some(a), Some(r)) = (actor, recipient) {
            if a.0 <= r.1 && r.0 <= a.1 {
                recipient = None;
            }
        }
        let mut nisba_actor = None;
        if evs[p].c.ty == EventType::Assault {
            if let Some((j, adj_of)) = g.iter().find_map(|&k| self.nisba_adjective(&evs[k].c)) {
                nisba_actor = Some((j, j));
                // "قصف مدفعي إسرائيلي" read as verb + object: the adjectives are no recipient
                if recipient.map_or(false, |r| r.0 == adj_of + 1 && r.1 <= j) {
                    recipient = None;
                }
            }
        }
        if actor.is_none() {
            actor = nisba_actor;
        }
        Roles { actor, recipient, mode, nisba_actor }
    }

    /// The protesters named by a participant noun are a protest's actor, unless the
    /// actor found is not the state.
    fn protesters(&self, evs: &[Ev], g: &[usize], actor: Option<Np>) -> Option<Np> {
        if let Some(&k) = g.iter().find(|&&k| self.head(evs[k].c.tok).map_or(false, |h| h.0 == "CVL") && evs[k].actor.is_some()) {
            let state = actor.map_or(true, |a| (a.0..=a.1).any(|q| self.head(q).map_or(false, |h| matches!(h.0.as_str(), "GOV" | "MIL" | "COP"))));
            if state {
                return evs[k].actor;
            }
        }
        actor
    }

    /// "هجوم صاروخي على حي سكني" + "إصابة عشرات المدنيين": the people, not the building;
    /// "مواقع لتنظيم داعش"، "مواقع نمور التاميل": the owner. Else `r` itself.
    fn facility_people(&self, evs: &[Ev], g: &[usize], r: Np) -> Np {
        if !(self.arabic[r.0] && FACILITY.contains(&self.key[r.0])) {
            return r;
        }
        let victims = g
            .iter()
            .filter_map(|&k| {
                let f = &self.lx().entries[evs[k].c.entry].flags;
                if f.killed || f.injured {
                    evs[k].recipient
                } else {
                    None
                }
            })
            .find(|v| (v.0..=v.1).any(|q| self.actorish(q)) && !FACILITY.contains(&self.key[v.0]));
        let nt = self.toks.len();
        let owner = (r.1 + 1 < nt && r.1 <= r.0 + 1)
            .then(|| r.1 + 1)
            .filter(|&q| {
                let u = &self.toks[q];
                is_ar(u) && !u.norm.starts_with('و') && self.actorish(q) && !self.trig[q] && (self.prep_clitic(q) || definite(u) || self.doc.entities.iter().any(|en| en.start == u.start))
            })
            .map(|q| self.np_from(q, false));
        victims.or(owner).unwrap_or(r)
    }

    /// "قصف مدفعي إسرائيلي"، "غارة جوية أمريكية": a nationality adjective within two
    /// words after an Arabic attack noun (agreeing in definiteness). Returns its token
    /// and the trigger's last token.
    fn nisba_adjective(&self, cc: &Cand) -> Option<(usize, usize)> {
        if !self.arabic[cc.tok] || self.lx().entries[cc.entry].flags.killed || self.lx().entries[cc.entry].flags.injured {
            return None;
        }
        for j in cc.last + 1..(cc.last + 3).min(self.toks.len()) {
            let u = &self.toks[j];
            if !is_ar(u) || self.is_func(j) || u.norm.starts_with('و') || self.prep_clitic(j) {
                return None;
            }
            if definite(u) != definite(&self.toks[cc.tok]) {
                return None;
            }
            let kj = self.key[j];
            if !(kj.ends_with('ي') || kj.ends_with("يه")) {
                return None;
            }
            if self.is_nisba(kj) {
                return Some((j, cc.last));
            }
        }
        None
    }

    /// English: a definite determiner (or a possessive) before token `t`, over at most two
    /// modifiers that are trigger words, capitalised names or attack adjectives ("the
    /// attack", "its suicide attack", "the Israeli strike").
    pub(crate) fn en_after_definite(&self, t: usize) -> bool {
        for q in (t.saturating_sub(3)..t).rev() {
            let u = self.toks[q].norm.as_str();
            if matches!(u, "the" | "its" | "their" | "his" | "her" | "this" | "these" | "those") || u.ends_with("'s") || u.ends_with("’s") {
                return true;
            }
            let cap = q > 0 && self.doc.slice(self.toks[q].start, self.toks[q].end).starts_with(char::is_uppercase);
            let modifier = self.trig[q] || cap || matches!(u, "air" | "car" | "suicide" | "deadly" | "twin" | "coordinated" | "drone" | "missile" | "rocket" | "grenade" | "bomb" | "mortar" | "knife" | "gun");
            if !modifier || self.toks[q].kind != TokenKind::Latin {
                return false;
            }
        }
        false
    }

    /// English: "claimed by"/"blamed on"/"later claimed" right after token `t`: an attack
    /// noun so followed refers to an event the sentence has reported.
    pub(crate) fn en_claimed_after(&self, t: usize) -> bool {
        let w = |q: usize| self.toks.get(q).map_or("", |x| x.norm.as_str());
        matches!(w(t + 1), "claimed" | "blamed") || (w(t + 1) == "later" && w(t + 2) == "claimed")
    }

    /// English: the noun trigger `o` heads the subject phrase of the verb at `v`: it comes
    /// first in the phrase (after an article, a possessive or modifiers) and only its
    /// attachments stand between ("An Israeli strike on a school sheltering families in
    /// Nuseirat, in central Gaza, killed", "after an attack on tourists in Pahalgam killed").
    /// No clause word, no verb form, no other trigger between them.
    pub(crate) fn en_noun_heads_subject(&self, o: &Cand, v: usize) -> bool {
        self.en_noun_heads_subject_at(o.tok, o.last, v)
    }

    /// `en_noun_heads_subject` for the trigger tokens `tok..=last`.
    pub(crate) fn en_noun_heads_subject_at(&self, tok: usize, last: usize, v: usize) -> bool {
        let o = (tok, last);
        // a finite verb ("killed", "kills"), not a participle ("…, killing 30")
        if self.arabic[o.0] || o.1 >= v || v - o.1 > 16 || self.toks[v].norm.ends_with("ing") || [o.0, o.1].iter().any(|&q| self.en_past_form(q) || self.en_verbish(q) && !self.en_noun_reading(q) && !(q == 0 || self.en_dateline_before(q))) {
            return false;
        }
        // the noun opens its phrase: nothing but articles, possessives, numbers and
        // modifiers before it back to a clause edge
        let w = |q: usize| self.toks[q].norm.as_str();
        let mut q = o.0;
        while q > 0 {
            let u = w(q - 1);
            if matches!(u, "," | "after" | "when" | "as" | "before" | "since" | "while" | "and") {
                break;
            }
            if matches!(u, "a" | "an" | "the" | "its" | "their") || u.ends_with("'s") || u.ends_with("’s") || (self.toks[q - 1].kind == TokenKind::Latin && !self.en_verbish(q - 1) && !crate::words::EN_FUNC.contains(&u)) {
                q -= 1;
                continue;
            }
            break;
        }
        let edge = q == 0 || matches!(w(q - 1), "," | "after" | "when" | "as" | "before" | "since" | "while" | "—" | "-" | ":" | "and") || self.en_dateline_before(q);
        if !edge {
            return false;
        }
        // the verb's own left edge over auxiliaries
        let mut j = v;
        while j > o.1 + 1 && matches!(w(j - 1), "had" | "has" | "have" | "reportedly" | "also") {
            j -= 1;
        }
        (o.1 + 1..j).all(|x| {
            let u = w(x);
            !self.trig[x]
                // ("Clashes between X and Y in Z killed": the English labels disagree on
                // the class, left as it was)
                && !matches!(u, "said" | "says" | "told" | "that" | "which" | "who" | "when" | "after" | "while" | "before" | "and" | "but" | ";" | "." | "was" | "were" | "is" | "are" | "had" | "has" | "it" | "they" | "between")
                && !(u.ends_with("ed") && !matches!(u, "armed" | "displaced" | "crowded" | "occupied" | "disputed" | "rebel-held" | "government-held" | "wounded"))
        })
    }

    /// English: the trigger noun heading the subject phrase of the verb at `v` ("The
    /// attack in X's Y commune killed"): its first and last tokens.
    pub(crate) fn en_heading_noun(&self, v: usize) -> Option<(usize, usize)> {
        let last = (v.saturating_sub(17)..v).rev().find(|&q| self.trig[q])?;
        let mut tok = last;
        while tok > 0 && self.trig[tok - 1] {
            tok -= 1;
        }
        self.en_noun_heads_subject_at(tok, last, v).then_some((tok, last))
    }

    /// A word that, with an article or modifier right before it, reads as a noun ("an
    /// attack", "the Israeli strike").
    fn en_noun_reading(&self, t: usize) -> bool {
        !self.en_past_form(t) && t > 0 && {
            let u = self.toks[t - 1].norm.as_str();
            matches!(u, "a" | "an" | "the" | "its" | "their") || u.ends_with("'s") || self.toks[t - 1].kind == TokenKind::Latin && self.doc.slice(self.toks[t - 1].start, self.toks[t - 1].end).starts_with(char::is_uppercase) || self.trig[t - 1]
        }
    }

    /// A past (or present third-person) verb form: never a noun ("bombers struck", "set
    /// fire", "an attack killed").
    fn en_past_form(&self, t: usize) -> bool {
        let w = self.toks[t].norm.as_str();
        w.ends_with("ed") || matches!(w, "struck" | "shot" | "hit" | "blew" | "fought" | "set" | "threw" | "beat" | "took" | "broke" | "opened" | "fired" | "kills" | "attacks" | "came" | "went" | "began")
    }

    /// The first token after a dateline at `q` ("KABUL (Reuters) - An attack …").
    fn en_dateline_before(&self, q: usize) -> bool {
        q > 0 && matches!(self.toks[q - 1].norm.as_str(), "—" | "-" | "–")
    }

    /// English: `cc` is a passive casualty verb ("were killed", "was wounded", "were killed
    /// and three wounded") and the attack noun at `t` heads its "in"/"during" phrase that
    /// follows within a few words ("in clashes between", "in the RSF's attack on").
    pub(crate) fn en_in_phrase_of(&self, cc: &Cand, t: usize) -> bool {
        let f = &self.lx().entries[cc.entry].flags;
        if self.arabic[cc.tok] || !(f.killed || f.injured) || cc.tok == 0 || t <= cc.last || t > cc.last + 9 {
            return false;
        }
        if !matches!(self.toks[cc.tok - 1].norm.as_str(), "was" | "were" | "been" | "being") {
            return false;
        }
        let w = |q: usize| self.toks[q].norm.as_str();
        let Some(p) = (cc.last + 1..t).find(|&q| matches!(w(q), "in" | "during")) else { return false };
        // before "in": only "and N wounded" or nothing; after it: the noun's own modifiers
        (cc.last + 1..p).all(|q| !matches!(w(q), "," | ";" | "when" | "after" | "said")) && (p + 1..t).all(|q| self.toks[q].kind == TokenKind::Latin && !self.en_verbish(q) || matches!(w(q), "the" | "a" | "an") || w(q).ends_with("'s"))
    }

    /// English: `cc` is a casualty verb of a main clause, passive ("were killed", "were
    /// killed and nine wounded") or intransitive ("died"), and the token `t` stands in the
    /// "when" clause that follows it ("… were killed when militants stormed a checkpoint").
    pub(crate) fn en_when_clause_of(&self, cc: &Cand, t: usize) -> bool {
        let f = &self.lx().entries[cc.entry].flags;
        if self.arabic[cc.tok] || !(f.killed || f.injured) || cc.tok == 0 || t <= cc.last {
            return false;
        }
        let passive = matches!(self.toks[cc.tok - 1].norm.as_str(), "was" | "were" | "been" | "being");
        if !(passive || !f.obj) {
            return false;
        }
        let Some(w) = (cc.last + 1..(cc.last + 6).min(t)).find(|&q| self.toks[q].norm == "when") else { return false };
        t <= w + 10 && !(w + 1..t).any(|q| matches!(self.toks[q].norm.as_str(), "." | ";" | "said" | "told" | "when" | "after" | "before" | "while"))
    }
}
