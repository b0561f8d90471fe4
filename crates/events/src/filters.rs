//! Filter passes over a sentence's candidates, each dropping one class of non-event:
//! a protest that is only a motive, a clash named in a time clause, accidents,
//! attack words in a history frame or market talk, protesters who are the patient of
//! another event; and, after assembly, casualty nouns folded into the event they
//! describe. An attack that is the object of a condemnation is kept as a mention.

use crate::lexicon::Kind;
use crate::sentence::*;
use marsad_core::{Event, TokenKind};

/// "the wounded were taken to hospital" after "a car bomb exploded" in one
/// sentence is the same attack, not a second one: a casualty noun (الجرحى،
/// القتلى، the wounded) is dropped as a trigger when the sentence holds another
/// event of its type, and its figures fill the ones that event lacks. `active_verb` says
/// when an English "wounded" is a verb with its own subject and object ("…, and a bomb
/// wounded three shepherds outside Khanaqin"): an event of its own, not folded.
pub(crate) fn fold_casualty_nouns(mut evs: Vec<Event>, active_verb: impl Fn(&Event) -> bool) -> Vec<Event> {
    const NOUNS: &[&str] = &["جرحي", "جريح", "الجرحي", "قتلي", "قتيل", "القتلي", "مصاب", "مصابين", "المصابين", "wounded", "injured", "dead"];
    let is_noun = |e: &Event| NOUNS.contains(&marsad_text::key(&e.trigger.text).as_str()) && !active_verb(e);
    let mut i = 0;
    while i < evs.len() {
        let other = (0..evs.len()).find(|&j| j != i && evs[j].kind == evs[i].kind && !is_noun(&evs[j]));
        match other {
            Some(j) if is_noun(&evs[i]) => {
                let gone = evs.remove(i);
                let keep = &mut evs[if j > i { j - 1 } else { j }];
                keep.fatalities = keep.fatalities.or(gone.fatalities);
                keep.injured = keep.injured.or(gone.injured);
            }
            _ => i += 1,
        }
    }
    evs
}

/// Keeps the elements whose flag in `drop` is false.
fn drop_flagged<T>(v: &mut Vec<T>, drop: &[bool]) {
    let mut k = 0;
    v.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

impl<'a> Sent<'a> {
    /// Every filter pass, in order (each sees what the previous ones kept).
    pub(crate) fn filter_passes(&self, evs: &mut Vec<Ev>) {
        self.drop_motive_protests(evs);
        self.drop_referenced(evs);
        self.drop_accidents(evs);
        self.drop_frames(evs);
        self.keep_condemned_as_mentions(evs);
        self.drop_patient_protesters(evs);
    }

    /// "طردت فنزويلا السفير احتجاجا على …": a motive, not a protest event.
    fn drop_motive_protests(&self, evs: &mut Vec<Ev>) {
        let other_types = evs.iter().any(|e| e.c.ty != EventType::Protest && !matches!(e.c.ty, EventType::Assault | EventType::Coerce));
        let other_protest = |k: usize| evs.iter().enumerate().any(|(q, e)| q != k && e.c.ty == EventType::Protest);
        let drop: Vec<bool> = (0..evs.len())
            .map(|k| evs[k].c.ty == EventType::Protest && strip_conj(&self.toks[evs[k].c.tok].norm) == "احتجاجا" && other_types && !other_protest(k))
            .collect();
        drop_flagged(evs, &drop);
    }

    /// "وبعد انتهاء الاشتباكات، اقتحمت قوات الأمن الحي": the ended clash is background,
    /// not a new event, when something else in the sentence is one.
    fn drop_referenced(&self, evs: &mut Vec<Ev>) {
        let refd: Vec<bool> = evs.iter().map(|e| self.referenced(&e.c)).collect();
        if refd.iter().any(|&r| r) && evs.iter().zip(&refd).any(|(e, &r)| !r && !e.weak) {
            drop_flagged(evs, &refd);
        }
    }

    /// "في حادث سير"، "a bus crash"، "انهيار منزل بسبب الأمطار": casualty words with no
    /// attacker and no weapon are an accident or a disaster, not violence.
    fn drop_accidents(&self, evs: &mut Vec<Ev>) {
        if !(self.accident && !self.weapon) {
            return;
        }
        let lx = self.lx();
        // an explosion or a running-over word (flag phys) there is the accident itself
        // (انفجار قارورة غاز، دهسته شاحنة في حادث مرور)
        evs.retain(|ev| {
            let f = &lx.entries[ev.c.entry].flags;
            !(ev.c.ty == EventType::Assault && (f.killed || f.injured || f.phys) && ev.actor.is_none())
        });
    }

    /// "يتناول الكتاب تاريخ الحروب"، "ساحة المعركة القديمة … متحف": attack nouns in a
    /// history or culture frame are topics; only a stated toll makes them events
    /// (the same for market talk: "معركة شرسة للاستحواذ على حصة من السوق"); in a history
    /// frame a verb with neither an actor nor a toll is a plot or a topic too
    /// ("قتل الروائي بطل قصته"، "the documentary revisits the bombing of Dresden").
    fn drop_frames(&self, evs: &mut Vec<Ev>) {
        if !(self.frame || self.econ) {
            return;
        }
        let lx = self.lx();
        let toll = {
            let (k, i, _) = self.casualties();
            k.is_some() || i.is_some()
        };
        let frame = self.frame;
        evs.retain(|ev| {
            let f = &lx.entries[ev.c.entry].flags;
            let noun = ev.c.kind == Kind::Noun || (ev.c.kind == Kind::Word && ev.actor.is_none());
            let bare = frame && ev.actor.is_none() && !toll;
            !(ev.c.ty == EventType::Assault && ((noun && !f.killed && !f.injured) || bare))
        });
    }

    /// "أدان الوزير الهجوم الذي استهدف كنيسة"، "condemned the recent attacks": an attack
    /// noun that is the object of a condemnation is what the statement is about, not a
    /// new report of the attack; a stated toll makes it one. The relative clause
    /// describing it (الذي استهدف …) goes with it. Such an attack is kept as a mention
    /// (generic, `Sent::condemned`): the sentence does name an attack of this type (the
    /// labelling guides count it), but it is no new incident for the stream.
    fn keep_condemned_as_mentions(&self, evs: &[Ev]) {
        let condemnation = evs.iter().any(|e| e.c.ty == EventType::Accuse && e.c.mode.as_deref() == Some("disapprove"));
        if !condemnation || {
            let (k, i, _) = self.casualties();
            !(k.is_none() && i.is_none())
        } {
            return;
        }
        let lx = self.lx();
        let mut mention = vec![false; evs.len()];
        for (k, ev) in evs.iter().enumerate() {
            let f = &lx.entries[ev.c.entry].flags;
            if ev.c.ty != EventType::Assault || !matches!(ev.c.kind, Kind::Noun | Kind::Word) || f.killed || f.injured {
                continue;
            }
            if !evs.iter().any(|a| self.condemns(a, ev)) {
                continue;
            }
            mention[k] = true;
            // its relative clause: "الهجوم الذي استهدف"، "the attack that hit"
            for (m, other) in evs.iter().enumerate() {
                if self.relative_of(ev, other) {
                    mention[m] = true;
                }
            }
        }
        let mut kept = self.condemned.borrow_mut();
        kept.extend(evs.iter().zip(&mention).filter(|(_, &m)| m).map(|(e, _)| e.c.tok));
    }

    fn punct_between(&self, a: usize, b: usize) -> bool {
        (a..b.min(self.toks.len())).any(|q| self.toks[q].kind == TokenKind::Punct)
    }

    /// `a` is a condemnation whose object is the attack word `ev`.
    fn condemns(&self, a: &Ev, ev: &Ev) -> bool {
        // an English word is a noun here unless it has an actor of its own
        // (the condemner's, lent to it, does not count)
        let noun = ev.c.kind == Kind::Noun || ev.actor.is_none() || ev.actor == a.actor;
        noun && a.c.ty == EventType::Accuse
            && a.c.mode.as_deref() == Some("disapprove")
            && matches!(a.c.kind, Kind::Perf | Kind::Impf | Kind::Word)
            && a.c.last < ev.c.tok
            && ev.c.tok - a.c.last <= 9
            && !self.punct_between(a.c.last + 1, ev.c.tok)
            // the words between, the condemner's name aside, are few
            // ("أدان مجلس الأمن الدولي بشدة الهجمات")
            && (a.c.last + 1..ev.c.tok).filter(|&q| !a.actor.is_some_and(|(s, e)| s <= q && q <= e)).count() <= 3
    }

    /// `other` is an attack word in the relative clause right after `ev` ("الهجوم الذي استهدف").
    fn relative_of(&self, ev: &Ev, other: &Ev) -> bool {
        let rel = |q: usize| matches!(self.toks[q].norm.as_str(), "الذي" | "التي" | "الذين" | "اللذين" | "اللتين" | "that" | "which");
        other.c.ty == EventType::Assault
            && other.c.tok > ev.c.last
            && other.c.tok <= ev.c.last + 3
            && (ev.c.last + 1..other.c.tok).any(rel)
            && !self.punct_between(ev.c.last + 1, other.c.tok)
    }

    /// "اعتقلت الشرطة 12 متظاهرا": protesters as a patient are not a protest here.
    fn drop_patient_protesters(&self, evs: &mut Vec<Ev>) {
        let spans: Vec<(usize, usize)> = evs.iter().filter_map(|e| e.recipient).collect();
        evs.retain(|ev| !(ev.c.ty == EventType::Protest && self.head(ev.c.tok).is_some() && spans.iter().any(|r| r.0 <= ev.c.tok && ev.c.tok <= r.1)));
    }
}
