//! Assembly: from a sentence's candidates and their arguments to `Event`s. Finds the
//! triggers and their arguments, runs the filter passes, merges triggers of one type,
//! splits the groups at incident boundaries, then builds each group's events
//! (`roles`: the group's actor and recipient; `build`: figures, founders, speakers,
//! place, date, mode, coding and the compound split).

mod build;
mod roles;

use crate::lexicon::Kind;
use crate::sentence::*;
use marsad_core::{Event, TokenKind};

/// The figures stated in the sentence: (killed, injured, arrested).
pub(crate) type Figures = (Option<u32>, Option<u32>, Option<u32>);

impl<'a> Sent<'a> {
    /// Every event of the sentence.
    pub(crate) fn events(mut self) -> Vec<Event> {
        let cands = self.find_triggers();
        if cands.is_empty() {
            return vec![];
        }
        let mut evs = self.with_args(&cands);
        self.filter_passes(&mut evs);
        if evs.is_empty() {
            return vec![];
        }
        let figures = self.casualties();
        let groups = self.merge_groups(&evs);
        let (groups, split) = self.split_incidents(&evs, groups);
        let mut out = Vec::new();
        // incidents whose figures an attack event already carries
        let mut casualties_used: Vec<usize> = Vec::new();
        for g in groups {
            self.build_group(&evs, &g, split, figures, &mut casualties_used, &mut out);
        }
        out
    }

    /// The arguments of each candidate; a conjoined verb may inherit the actor of the
    /// previous one.
    fn with_args(&self, cands: &[Cand]) -> Vec<Ev> {
        let mut evs: Vec<Ev> = Vec::new();
        let mut prev_actor = None;
        for c in cands {
            let ev = self.args(c, prev_actor);
            if ev.actor.is_some() {
                prev_actor = ev.actor;
            }
            evs.push(ev);
        }
        if std::env::var_os("MARSAD_EVENTS_DEBUG").is_some() {
            for ev in &evs {
                eprintln!("cand {} {:?} tok={} actor={:?} rec={:?} weak={}", ev.c.ty, ev.c.mode, self.toks[ev.c.tok].norm, ev.actor, ev.recipient, ev.weak);
            }
        }
        evs
    }

    /// Merges triggers of one type within the sentence (هجوم … أسفر عن مقتل …), unless
    /// they differ in actor, recipient, mode or modality, or the later one is a conjoined
    /// verb; casualty words and participant nouns always merge.
    fn merge_groups(&self, evs: &[Ev]) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (k, ev) in evs.iter().enumerate() {
            // English: a casualty verb of a relative clause belongs to its antecedent's
            // event ("a rocket attack on X …, in response to an Israeli strike that killed
            // two civilians"), not to the sentence's first attack
            if let Some(gi) = self.en_relative_antecedent(evs, k).and_then(|a| groups.iter().position(|g| g.contains(&a))) {
                if self.same_event(&evs[groups[gi][0]], ev) {
                    groups[gi].push(k);
                    continue;
                }
            }
            // English: a list of incidents, each verb with its own subject and place, is one
            // event per clause; the new clause's subject triggers ("and shelling killed")
            // come with its verb
            let list_break = |g: &Vec<usize>| if self.arabic[ev.c.tok] { None } else { g.iter().find_map(|&o| self.en_list_break(evs[o].c.tok, ev.c.tok)) };
            match groups.iter().position(|g| self.same_event(&evs[g[0]], ev)).map(|gi| (gi, list_break(&groups[gi]))) {
                Some((gi, Some(b))) => {
                    let mut mine: Vec<usize> = groups[gi].iter().copied().filter(|&o| evs[o].c.tok > b).collect();
                    groups[gi].retain(|&o| evs[o].c.tok <= b);
                    mine.push(k);
                    if groups[gi].is_empty() {
                        groups[gi] = mine;
                    } else {
                        groups.push(mine);
                    }
                }
                Some((gi, None)) => groups[gi].push(k),
                None => groups.push(vec![k]),
            }
        }
        groups
    }

    /// English: the candidate before "that"/"which" right before the casualty verb `k`.
    fn en_relative_antecedent(&self, evs: &[Ev], k: usize) -> Option<usize> {
        let ev = &evs[k];
        let f = &self.lx().entries[ev.c.entry].flags;
        if self.arabic[ev.c.tok] || !(f.killed || f.injured) || ev.c.tok < 2 || !matches!(self.toks[ev.c.tok - 1].norm.as_str(), "that" | "which") {
            return None;
        }
        (0..k).find(|&o| evs[o].c.last + 2 == ev.c.tok && evs[o].c.ty == ev.c.ty)
    }

    /// English: the trigger at `t` is a finite verb right after "and" (", and", "and then"),
    /// with no auxiliary of its own: the second verb of a coordinated predicate.
    fn en_conjoined_verb(&self, t: usize) -> bool {
        let w = |q: usize| self.toks[q].norm.as_str();
        let mut q = t;
        if q > 0 && matches!(w(q - 1), "then" | "later" | "also") {
            q -= 1;
        }
        q > 0 && w(q - 1) == "and" && self.toks[t].kind == TokenKind::Latin && (w(t).ends_with("ed") || matches!(w(t), "burnt" | "took" | "stole" | "shot" | "set"))
    }

    /// Can `ev` join the group whose first member is `head`?
    fn same_event(&self, head: &Ev, ev: &Ev) -> bool {
        if head.c.ty != ev.c.ty {
            return false;
        }
        let distinct_actors = match (head.actor, ev.actor) {
            (Some(a), Some(b)) => !(a.0 <= b.1 && b.0 <= a.1) && !head.weak && !ev.weak,
            _ => false,
        };
        let (_, h1, _) = self.modality(&head.c);
        let (_, h2, _) = self.modality(&ev.c);
        let cas = |e: &Ev| {
            let f = &self.lx().entries[e.c.entry].flags;
            f.killed || f.injured || (e.c.ty == EventType::Protest && self.head(e.c.tok).is_some())
        };
        let coordinated = !cas(head)
            && !cas(ev)
            && matches!(ev.c.kind, Kind::Perf | Kind::Impf)
            && (self.toks[ev.c.tok].norm.starts_with('و') || self.toks[ev.c.tok].norm.starts_with('ف'))
            && self.arabic[ev.c.tok];
        let distinct_modes = !cas(head) && !cas(ev) && head.c.mode.is_some() && ev.c.mode.is_some() && head.c.mode != ev.c.mode;
        let distinct_recipients = match (head.recipient, ev.recipient) {
            (Some(a), Some(b)) => !(a.0 <= b.1 && b.0 <= a.1),
            _ => false,
        };
        // English: "killed 12 farmers in X, and abducted four women": a conjoined finite verb
        // of another mode is a deed of its own, even after a casualty verb
        let en_conjoined = !self.arabic[ev.c.tok] && !cas(ev) && ev.c.mode.is_some() && head.c.mode != ev.c.mode && self.en_conjoined_verb(ev.c.tok);
        let split = en_conjoined || if cas(head) || cas(ev) { false } else { distinct_actors || coordinated || distinct_modes || distinct_recipients };
        !(h1 != h2 || split)
    }

    /// Two incidents in one sentence, each with its own toll ("قتل سبعة … في بعقوبة، فيما
    /// قتل ستة آخرون … في كركوك"): attack and arrest groups split at the incident
    /// boundary. Every incident needs an attack or arrest event of its own to carry its
    /// figures, else the sentence is read as one incident. Returns the groups and whether
    /// the sentence was split.
    fn split_incidents(&self, evs: &[Ev], groups: Vec<Vec<usize>>) -> (Vec<Vec<usize>>, bool) {
        let tolls = self.tolls();
        let has = |sg: usize| evs.iter().any(|e| matches!(e.c.ty, EventType::Assault | EventType::Coerce) && tolls.seg_of(e.c.tok) == sg);
        // a relative clause about another attack (`Tolls::relative`) need not hold an event
        let covered = (0..tolls.starts.len()).all(|sg| has(sg) || tolls.relative.get(sg).copied().unwrap_or(false));
        let split = tolls.starts.len() > 1 && covered;
        if !split {
            return (groups, false);
        }
        let mut out: Vec<Vec<usize>> = Vec::new();
        for g in groups {
            if !matches!(evs[g[0]].c.ty, EventType::Assault | EventType::Coerce) {
                out.push(g);
                continue;
            }
            let mut by: Vec<(usize, Vec<usize>)> = Vec::new();
            for k in g {
                let sg = tolls.seg_of(evs[k].c.tok);
                match by.iter_mut().find(|x| x.0 == sg) {
                    Some(x) => x.1.push(k),
                    None => by.push((sg, vec![k])),
                }
            }
            out.extend(by.into_iter().map(|x| x.1));
        }
        (out, true)
    }
}
