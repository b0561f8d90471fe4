//! English arguments: the subject before a verb (or of a light verb: "carried out
//! airstrikes"), an adjacent modifier of a noun ("Taliban attack"), the victim of an
//! intransitive death word, passives and reduced passives ("four soldiers killed in
//! …"), the recipient after on/against/targeting or as the object, and "between X and Y".

use marsad_text::english::without_possessive;
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
        // "a military base came under attack by X", "came under fire from X": a passive too
        let came_under = matches!(self.toks[c.tok].norm.as_str(), "came" | "come" | "comes" | "coming") && self.toks.get(c.tok + 1).is_some_and(|t| t.norm == "under");
        let passive = came_under || c.tok > 0 && matches!(self.toks[c.tok - 1].norm.as_str(), "was" | "were" | "been" | "be" | "being");
        // "Two aid workers were killed and three abducted": a participle after "and" and a
        // count, in a passive clause, is passive too (its auxiliary elided)
        let passive = passive || self.en_elided_passive(c.tok);
        if passive {
            // the subject of a passive is the recipient, the "by" phrase the actor
            let hi = (c.last + 9).min(n);
            let by_actor = (c.last + 1..hi)
                .find(|&j| self.toks[j].norm == "by" || came_under && j == c.last + 1 && self.toks[j].norm == "from")
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

    /// "… were killed and three abducted", "… was shot and two others wounded": the
    /// participle at `t` follows "and" and a count, and a passive auxiliary with its
    /// participle opens the clause a few words before.
    pub(crate) fn en_elided_passive(&self, t: usize) -> bool {
        let w = |q: usize| self.toks[q].norm.as_str();
        if t < 4 || !w(t).ends_with("ed") {
            return false;
        }
        let mut q = t - 1;
        if matches!(w(q), "others" | "more") {
            q -= 1;
        }
        let count = self.toks[q].kind == TokenKind::Number || matches!(w(q), "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "dozens" | "scores" | "several" | "many" | "hundreds");
        if !count || w(q - 1) != "and" {
            return false;
        }
        let and = q - 1;
        (and.saturating_sub(4)..and).any(|x| x + 1 < and && matches!(w(x), "was" | "were") && w(x + 1).ends_with("ed") || x + 2 < and && matches!(w(x), "was" | "were") && w(x + 2) == "dead")
            && !(and.saturating_sub(4)..and).any(|x| matches!(w(x), "," | ";" | "."))
    }

    /// Subject before a verb; for nouns only an adjacent modifier ("Israeli air strikes",
    /// "Taliban attack") or the subject of a light verb ("coalition aircraft carried out
    /// airstrikes").
    fn english_subject(&self, c: &Cand, e: &Entry) -> Option<Np> {
        // "Monday's attack", "the group's attack": a possessive determines a noun too
        let det = c.tok > 0 && (matches!(self.toks[c.tok - 1].norm.as_str(), "the" | "a" | "an" | "this" | "that" | "its" | "their" | "his" | "her" | "new") || EN_DATE_WORDS.contains(&without_possessive(&self.toks[c.tok - 1].norm)) && self.toks[c.tok - 1].norm.ends_with('s'));
        let w = self.toks[c.tok].norm.as_str();
        let verb_form = (e.verb && !det) || (c.kind == Kind::Word && !det && (w.ends_with("ed") || matches!(w, "shot" | "struck" | "fought" | "blew" | "hit" | "beat" | "met" | "threw" | "set" | "fired" | "stabbed" | "burnt")));
        // "condemned the recent attacks": a noun reading right after a verb is its object
        let object = (c.tok.saturating_sub(3)..c.tok).rev().take_while(|&q| self.toks[q].kind == TokenKind::Latin).any(|q| self.trig[q] && self.en_verbish(q) && (q + 1..c.tok).any(|x| matches!(self.toks[x].norm.as_str(), "the" | "a" | "an" | "its" | "their")));
        if object {
            return None;
        }
        // "The attack in X's Y commune killed …", "Saturday's raid on the village of X
        // killed …": the attack noun heads the casualty verb's subject; only its own
        // modifier names an actor ("The RSF attack on X killed" → RSF), never the place or
        // target of its attachment
        if e.flags.killed || e.flags.injured {
            if let Some((_, last)) = self.en_heading_noun(c.tok) {
                return self.en_np_ending(last);
            }
        }
        if (e.verb && !det) || matches!(w, "killed" | "wounded" | "injured" | "shot" | "struck" | "fought" | "kidnapped" | "abducted" | "blew") {
            return self.en_subject(c.tok, 0).or_else(|| self.actor_before(c.tok, 6));
        }
        if verb_form {
            if let Some(a) = self.en_subject(c.tok, 0) {
                return Some(a);
            }
        }
        if matches!(w, "protesters" | "demonstrators") {
            return self.actor_before(c.tok, 6);
        }
        if let Some(lv) = (c.tok.saturating_sub(3)..c.tok).find(|&q| matches!(self.toks[q].norm.as_str(), "carried" | "launched" | "conducted" | "staged" | "mounted" | "claimed" | "carry" | "launch" | "conduct" | "stage" | "mount" | "set")) {
            return self.en_subject(lv, 0).or_else(|| self.actor_before(lv, 6));
        }
        // "X claimed responsibility for the attack"
        if let Some(r) = (c.tok.saturating_sub(7)..c.tok).find(|&q| self.toks[q].norm == "responsibility") {
            if r > 0 && matches!(self.toks[r - 1].norm.as_str(), "claimed" | "claims" | "claim" | "claiming") && !(r..c.tok).any(|q| self.toks[q].kind == TokenKind::Punct) {
                return self.en_subject(r - 1, 0);
            }
        }
        // "an attack by X"
        if let Some(b) = (c.last + 1..(c.last + 3).min(self.toks.len())).find(|&q| self.toks[q].norm == "by") {
            if let Some(a) = self.actor_after(b + 1, b + 5, true) {
                return Some(a);
            }
        }
        let mut j = c.tok;
        while j > 0 && c.tok - j < 3 {
            j -= 1;
            // "Monday's attack", "last March's bombing": a date, not an attacker
            if EN_DATE_WORDS.contains(&without_possessive(&self.toks[j].norm)) {
                break;
            }
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

/// Auxiliaries, negation and adverbs between a subject and its verb.
const EN_AUX: &[&str] = &[
    "had", "has", "have", "was", "were", "is", "are", "be", "been", "being", "will", "would", "could", "can", "may", "might", "should",
    "did", "does", "do", "also", "then", "later", "reportedly", "allegedly", "mistakenly", "apparently", "first", "again", "not", "never",
    "just", "already", "still", "once", "recently", "subsequently", "had", "suddenly",
];
/// Words that end a subject phrase going left: clause words, reporting verbs, conjunctions.
const EN_NP_STOP: &[&str] = &[
    "said", "says", "say", "told", "tell", "reported", "added", "announced", "claimed", "stated", "that", "which", "who", "whom", "whose",
    "when", "while", "after", "before", "as", "because", "since", "until", "if", "but", "or", "where", "although", "though", "than",
    "was", "were", "is", "are", "had", "has", "have", "will", "would", "could", "been", "being", "be", "did", "do", "does", "not",
];
/// Heads that are weapons or attacks: the phrase names no actor by itself ("Two roadside
/// bombs exploded"), only its nationality or group modifier does ("A Russian missile
/// strike", "Saudi-led coalition air strikes").
const EN_WEAPON: &[&str] = &[
    "bomb", "bombs", "missile", "missiles", "rocket", "rockets", "shell", "shells", "drone", "drones", "strike", "strikes", "airstrike",
    "airstrikes", "air", "blast", "blasts", "explosion", "explosions", "attack", "attacks", "mine", "mines", "landmine", "landmines", "device",
    "devices", "ied", "ieds", "shelling", "fire", "gunfire", "grenade", "grenades", "mortar", "mortars", "car", "suicide", "roadside",
    "improvised", "explosive", "glide", "artillery", "barrage", "bombing", "bombings", "raid", "raids", "ballistic", "cruise", "booby-trapped",
    "motorcycle", "truck", "vehicle", "jets", "warplanes", "aircraft", "helicopter", "helicopters", "gunship", "gunships", "planes",
];

impl<'a> Sent<'a> {
    /// The subject of the English verb at token `v`: the noun phrase right before it
    /// (over auxiliaries and adverbs), with its "of"/"from"/"in" attachments ("Rebels
    /// from the Arakan Army", "Gunmen on motorbikes"); through a coordinated verb phrase
    /// ("X had crossed … and attacked") the first verb's subject; through a relative
    /// pronoun its antecedent. A phrase headed by a weapon or attack gives only its
    /// actor modifier, if any ("A Russian missile strike" → Russian).
    pub(crate) fn en_subject(&self, v: usize, depth: u8) -> Option<Np> {
        let n = self.toks.len();
        if v == 0 || v >= n || depth > 2 {
            return None;
        }
        let mut j = v;
        while j > 0 && (EN_AUX.contains(&self.toks[j - 1].norm.as_str()) || (self.toks[j - 1].norm.ends_with("ly") && self.toks[j - 1].norm.len() > 4 && !self.en_cap_tok(j - 1))) {
            j -= 1;
        }
        if j == 0 {
            return None;
        }
        let end = j - 1;
        let w = self.toks[end].norm.as_str();
        if w == "and" || (w == "," && end > 0 && self.toks[end - 1].norm == "and") {
            // "Bandits killed a priest and kidnapped two others": the first verb's subject
            // (an apposition may stand between: "killed 12 farmers in X, a village in the Y
            // area of Z state, and abducted four women")
            let lo = end.saturating_sub(20);
            let first = (lo..end).rev().find(|&q| {
                let u = self.toks[q].norm.as_str();
                (self.trig[q] && self.en_verbish(q) && !u.ends_with("ing")) || (u.ends_with("ed") && q > 0 && EN_AUX.contains(&self.toks[q - 1].norm.as_str()))
            })?;
            if (first..end).any(|q| matches!(self.toks[q].norm.as_str(), "." | ";" | "said" | "told")) {
                return None;
            }
            return self.en_subject(first, depth + 1);
        }
        if matches!(w, "who" | "that" | "which") {
            return self.actor_before(end, 8);
        }
        // "X said they had captured", "Hezbollah said it fired": the speaker
        if matches!(w, "they" | "it" | "he" | "she" | "we") {
            let mut q = end;
            if q > 0 && self.toks[q - 1].norm == "that" {
                q -= 1;
            }
            if q > 0 && matches!(self.toks[q - 1].norm.as_str(), "said" | "says" | "claimed" | "claims" | "announced" | "added" | "stated") {
                return self.en_subject(q - 1, depth + 1);
            }
            return None;
        }
        self.en_np_ending(end)
    }

    /// Capitalised, and not only because it starts the sentence or follows a dateline.
    /// Token `t` ends the subject of the verb at `v` (only auxiliaries and adverbs between).
    pub(crate) fn en_subject_reaches(&self, t: usize, v: usize) -> bool {
        t < v && (t + 1..v).all(|q| EN_AUX.contains(&self.toks[q].norm.as_str()) || (self.toks[q].norm.ends_with("ly") && self.toks[q].norm.len() > 4))
    }

    fn en_cap_tok(&self, i: usize) -> bool {
        if i == 0 || matches!(self.toks[i - 1].norm.as_str(), "-" | "—" | "." | ":") && !self.en_glued(i - 1) {
            return false;
        }
        let t = &self.toks[i];
        self.doc.slice(t.start, t.end).chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// The noun phrase that ends at token `e` (see `en_subject`).
    fn en_np_ending(&self, e: usize) -> Option<Np> {
        let word = |q: usize| {
            let t = &self.toks[q];
            (t.kind == TokenKind::Latin || t.kind == TokenKind::Number) && !EN_NP_STOP.contains(&t.norm.as_str())
        };
        if !word(e) || matches!(self.toks[e].norm.as_str(), "the" | "a" | "an" | "of" | "in" | "on" | "at" | "to" | "by" | "from" | "with" | "and" | "for" | "against" | "into") {
            return None;
        }
        let mut s = e;
        // the first preposition (left to right) of an attachment: the head ends before it
        let mut pp: Option<usize> = None;
        while s > 0 && e - s < 14 {
            let q = s - 1;
            let u = self.toks[q].norm.as_str();
            if self.en_glued(q) || (u == "." && q > 0 && self.toks[q - 1].norm.len() == 1 && self.toks[q - 1].end == self.toks[q].start && q >= 2 && self.toks[q - 2].norm == ".") {
                s = q;
                continue;
            }
            if matches!(u, "of" | "from" | "on" | "in" | "loyal" | "linked" | "to" | "with" | "near") {
                // an attachment needs a noun before it
                if q > 0 && word(q - 1) && !matches!(self.toks[q - 1].norm.as_str(), "the" | "a" | "an" | "of" | "in" | "on" | "and" | "to") {
                    pp = Some(q);
                    s = q;
                    continue;
                }
                break;
            }
            if u == "and" {
                // "Indian and Pakistani troops", "government troops and fighters"
                if q > 0 && word(q - 1) && !self.trig[q - 1] {
                    s = q;
                    continue;
                }
                break;
            }
            if !word(q) || (self.trig[q] && self.en_verbish(q) && !self.actorish(q)) {
                break;
            }
            s = q;
        }
        // drop a leading preposition-less dateline rest or lone determiners
        while s <= e && matches!(self.toks[s].norm.as_str(), "-" | "(" | ")") {
            s += 1;
        }
        if s > e {
            return None;
        }
        let core_end = pp.map_or(e, |p| p.saturating_sub(1)).max(s);
        let head = self.toks[core_end].norm.as_str();
        if EN_WEAPON.contains(&head) || self.trig[core_end] && !self.actorish(core_end) {
            // only the modifier that names an actor: "A Russian missile strike" → Russian
            let mut a = s;
            // (and a date's possessive: "Saturday's raid")
            while a <= core_end && (matches!(self.toks[a].norm.as_str(), "a" | "an" | "the" | "two" | "three" | "several") || self.toks[a].norm.ends_with('s') && EN_DATE_WORDS.contains(&without_possessive(&self.toks[a].norm))) {
                a += 1;
            }
            let mut b = a;
            while b < core_end && !EN_WEAPON.contains(&self.toks[b].norm.as_str()) && !(self.trig[b] && !self.actorish(b)) {
                b += 1;
            }
            if b == a {
                return None;
            }
            let b = b - 1;
            let named = (a..=b).any(|q| self.actorish(q) || self.lx().countries.contains_key(&self.toks[q].norm) || self.en_cap_tok(q));
            return named.then_some((a, b));
        }
        // "Thousands of protesters", "Dozens of women": the head is after "of"
        let head_tok = if EN_QUANT.contains(&head) && pp.is_some_and(|p| self.toks[p].norm == "of") { e } else { core_end };
        if !(s..=head_tok).rev().take(2).any(|q| self.en_human(q)) {
            return None;
        }
        Some((s, e))
    }

    /// A word that can name people or a group: an actor-like token (agent noun, actor
    /// mention, entity, country, capitalised name) or a person noun by its form (-men,
    /// -ers, -ists, -ians…) or one of the common group nouns.
    pub(crate) fn en_human(&self, q: usize) -> bool {
        let w = self.toks[q].norm.as_str();
        if self.actorish(q) || self.lx().countries.contains_key(w) {
            return true;
        }
        if self.toks[q].kind != TokenKind::Latin || w.len() < 3 {
            return false;
        }
        EN_PEOPLE.contains(&w) || ["men", "ers", "ists", "ants", "ents", "ians", "ites", "ees", "ary", "aries", "iers", "ors"].iter().any(|x| w.ends_with(x) && !EN_NOT_PEOPLE.contains(&w))
    }
}

/// Quantity heads whose "of" phrase is the real head.
const EN_QUANT: &[&str] = &["thousands", "hundreds", "dozens", "scores", "tens", "millions", "dozen", "group", "groups", "band", "number", "some", "many", "most", "one", "two", "three", "all"];
/// People and group nouns that do not show it by their ending.
const EN_PEOPLE: &[&str] = &[
    "man", "woman", "men", "women", "people", "police", "troops", "forces", "army", "military", "militia", "militias", "rebels", "guerrillas",
    "bandits", "gang", "gangs", "mob", "crowd", "crowds", "youths", "youth", "junta", "regime", "government", "authorities", "students", "residents",
    "group", "insurgents", "jihadists", "militants", "fighters", "gunmen", "assailants", "attackers", "extremists", "terrorists", "soldiers",
    "navy", "coalition", "taliban", "settlers", "activists", "farmers", "workers", "villagers", "civilians", "relatives", "families",
    "supporters", "opponents", "separatists", "loyalists", "dissidents", "tribesmen", "herdsmen", "herders", "clansmen", "vigilantes", "cartel",
    "cartels", "mafia", "squad", "unit", "units", "battalion", "brigade", "commandos", "agents", "officers", "guards", "personnel", "pirates",
    "smugglers", "thieves", "robbers", "criminals", "suspects", "boy", "girl", "teenager", "teenagers", "child", "children", "students",
];
/// Words with a person-like ending that are not people.
const EN_NOT_PEOPLE: &[&str] = &[
    "rivers", "waters", "towers", "centers", "numbers", "papers", "orders", "borders", "powers", "letters", "matters", "members'", "layers",
    "flowers", "filters", "monsoons", "sectors", "factors", "errors", "doors", "floors", "events", "incidents", "accidents", "moments",
    "comments", "documents", "payments", "elements", "governments'", "agreements", "statements", "investments", "shipments", "tents",
    "temperatures", "disasters", "chambers", "monitors", "motors", "vapors", "rumors", "rumours", "ballots", "markets", "tankers",
];

/// Weekdays and months: a possessive of one before an attack noun dates it.
const EN_DATE_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "yesterday", "today", "week", "month", "year", "weekend",
];
