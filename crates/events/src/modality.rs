//! Modality and attribution: negated, hypothetical and generic readings of a trigger,
//! trend statements, events referred to in a time clause, speaker phrases and the
//! source an event is reported by.

use crate::lexicon::Kind;
use crate::sentence::*;
use marsad_core::TokenKind;

impl<'a> Sent<'a> {
    /// "a rise in attacks", "تصاعدا في الهجمات"، "ازدياد الهجمات", "attacks have risen": a
    /// trend statement about many events, not one event (unless a toll is stated)
    pub(crate) fn trend(&self, c: &Cand) -> bool {
        let n = self.toks.len();
        if (0..n).any(|j| self.cue_at("toll", j)) {
            return false;
        }
        let punct = |a: usize, b: usize| (a..b).any(|q| self.toks[q].kind == TokenKind::Punct);
        if (c.tok.saturating_sub(4)..c.tok).any(|j| self.cue_at("trend", j) && !self.trig[j] && !punct(j, c.tok)) {
            return true;
        }
        for j in c.last + 1..(c.last + 9).min(n) {
            if self.toks[j].kind == TokenKind::Punct {
                break;
            }
            if !self.arabic[j] && matches!(self.toks[j].norm.as_str(), "risen" | "rose" | "increased" | "surged" | "doubled") {
                return true;
            }
        }
        false
    }

    /// "بعد انتهاء الاشتباكات"، "after the clashes ended": an earlier event named in a time clause
    pub(crate) fn referenced(&self, c: &Cand) -> bool {
        let i = c.tok;
        if self.arabic[i] {
            let after = |q: usize| matches!(strip_conj(&self.toks[q].norm), "بعد" | "عقب" | "اثر" | "فور" | "منذ");
            i >= 2 && self.cue_at("ended", i - 1) && (after(i - 2) || (i >= 3 && self.toks[i - 2].norm == "ان" && after(i - 3)))
        } else {
            let n = self.toks.len();
            (i.saturating_sub(3)..i).any(|q| matches!(self.toks[q].norm.as_str(), "after" | "since" | "once"))
                && (c.last + 1..(c.last + 3).min(n)).any(|q| self.cue_at("ended", q) || self.toks[q].norm == "over")
        }
    }

    /// Speaker phrases: "قال مصدر في شرطة ديالى إن"، "أفاد مسؤول أمني بأن"، "a source in Diyala
    /// police said", ", a security official said": the reporter, never an actor or recipient.
    pub(crate) fn source_spans(&self) -> Vec<(usize, usize)> {
        let n = self.toks.len();
        let mut out = Vec::new();
        let stop = |q: usize| {
            self.toks[q].kind == TokenKind::Punct
                || self.trig[q]
                || self.cue_at("report", q)
                || matches!(strip_conj(&self.toks[q].norm), "ان" | "انه" | "انها" | "انهم" | "بان" | "بانه" | "بانها" | "بانهم" | "that")
        };
        for h in 0..n {
            if !self.cue_at("srchead", h) || self.trig[h] {
                continue;
            }
            let verb_before = (h >= 1 && self.cue_at("report", h - 1)) || (h >= 2 && self.cue_at("report", h - 2) && !stop(h - 1));
            let mut e = h;
            let mut q = h + 1;
            while q < n && q <= h + 6 && !stop(q) {
                e = q;
                q += 1;
            }
            if !(verb_before || (q < n && self.cue_at("report", q))) {
                continue;
            }
            let mut s = h;
            if !self.arabic[h] {
                while s > 0 && s + 3 > h && !stop(s - 1) && !self.is_func(s - 1) && !matches!(self.toks[s - 1].norm.as_str(), "a" | "an" | "the") {
                    s -= 1;
                }
            }
            out.push((s, e));
        }
        out
    }

    /// (negated, hypothetical, generic) readings of candidate `c`.
    pub(crate) fn modality(&self, c: &Cand) -> (bool, bool, bool) {
        let hyp = c.future || self.may_qad(c) || self.hyp_cue_before(c) || self.condition_after(c) || self.threatened_act(c) || self.called_for(c);
        (self.negated(c), hyp, self.generic(c) || self.en_past_reference(c))
    }

    /// لم/لن/ليس/لا/عدم (ما right before) within three words before, not/n't/no; نفى or
    /// denied within ten words before.
    fn negated(&self, c: &Cand) -> bool {
        let i = c.tok;
        let lo = i.saturating_sub(3);
        for j in lo..i {
            let t = &self.toks[j];
            if self.cue_at("neg", j) && !(t.norm == "ما" && j + 1 != i) && !(t.norm == "no" && j + 1 != i) {
                // لا + ... within the clause
                if !(t.norm == "لا" && (j + 1..i).any(|x| self.toks[x].kind == TokenKind::Punct)) {
                    return true;
                }
            }
            if t.norm == "n't" || t.norm.ends_with("n't") {
                return true;
            }
        }
        if i > 0 && self.toks[i - 1].norm == "عدم" {
            return true;
        }
        let lo = i.saturating_sub(10);
        for j in lo..i {
            if self.cue_at("negverb", j) {
                return true;
            }
        }
        false
    }

    /// قد + imperfect is "may"; قد + perfect is "has".
    fn may_qad(&self, c: &Cand) -> bool {
        let i = c.tok;
        for j in i.saturating_sub(8)..i {
            let t = &self.toks[j];
            if j + 3 < i && (j + 1..i).any(|x| self.toks[x].kind == TokenKind::Punct) {
                continue;
            }
            if matches!(t.norm.as_str(), "قد" | "وقد" | "فقد") {
                let nx = &self.toks[j + 1];
                let nn = strip_conj(&nx.norm);
                // تمكنت / تعرضوا are perfects despite the ت
                let perfect_like = nn.starts_with('ت') && (nn.ends_with('ت') || nn.ends_with("وا"));
                if (c.kind == Kind::Impf && j + 3 >= i) || (nn.starts_with('ي') || nn.starts_with('ت')) && !perfect_like && nx.kind == TokenKind::Arabic && j + 1 != i && c.kind != Kind::Perf {
                    return true;
                }
            }
        }
        false
    }

    /// A hypothetical cue within eight words before (سوف، يخشى، إذا، could, will…), or a
    /// future verb governing the trigger (سيتم تنفيذ…).
    fn hyp_cue_before(&self, c: &Cand) -> bool {
        let i = c.tok;
        let lo = i.saturating_sub(8);
        for j in lo..i {
            let t = &self.toks[j];
            if matches!(t.norm.as_str(), "قد" | "وقد" | "فقد") {
                continue;
            }
            if self.cue_at("hyp", j) && !self.trig[j] {
                return true;
            }
            if j + 1 < i && self.pmask[j] & self.lx().cat_bit("hyp") != 0 {
                return true;
            }
            if is_ar(t) && (strip_conj(&t.norm).starts_with("سي") || strip_conj(&t.norm).starts_with("ست")) && j + 2 >= i {
                // سيتم تنفيذ… / ستنظم: a future verb governing the trigger
                let n = strip_conj(&t.norm);
                if n.chars().count() >= 4 && (n.starts_with("سيتم") || n.starts_with("ستتم") || n.starts_with("سين") || n.starts_with("ستن") || n.starts_with("سيق") || n.starts_with("ستق")) {
                    return true;
                }
            }
            if !is_ar(t) && matches!(t.norm.as_str(), "will" | "would" | "could" | "may" | "might" | "plans" | "planned" | "threatened" | "threatens") && j + 3 >= i {
                return true;
            }
        }
        false
    }

    /// "… فرض حظر تجول إذا تدهور الوضع": a condition after the trigger, same clause.
    fn condition_after(&self, c: &Cand) -> bool {
        for j in c.last + 1..(c.last + 7).min(self.toks.len()) {
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct {
                break;
            }
            if matches!(strip_conj(&t.norm), "اذا" | "لو" | "ان_لم") || matches!(t.norm.as_str(), "if" | "unless") {
                return true;
            }
        }
        false
    }

    /// "هدد المستأجرون بالاعتصام"، "threatened to strike": the threatened act has not happened.
    fn threatened_act(&self, c: &Cand) -> bool {
        let i = c.tok;
        if c.ty != EventType::Threaten {
            for j in i.saturating_sub(5)..i {
                if self.trig[j] && (j + 1..i).all(|x| self.toks[x].kind != TokenKind::Punct) {
                    let k = strip_conj(&self.toks[j].norm);
                    if k.starts_with("هدد") || k.starts_with("يهدد") || k.starts_with("تهدد") || k.starts_with("توعد") || k.starts_with("يتوعد") || k.starts_with("threaten") {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// "دعا زعيم المعارضة أنصاره إلى التظاهر"، "urged supporters to protest": a called-for
    /// act (a masdar or an imperfect after the calling verb) has not happened.
    fn called_for(&self, c: &Cand) -> bool {
        let i = c.tok;
        if c.kind != Kind::Perf {
            // English nouns may stand further off: "called for a general strike and mass protests"
            let reach = if self.arabic[i] { 5 } else { 8 };
            for j in i.saturating_sub(reach)..i {
                if self.trig[j] && (j + 1..i).all(|x| self.toks[x].kind != TokenKind::Punct) {
                    let k = strip_conj(&self.toks[j].norm);
                    let ar = matches!(k, "دعا" | "دعت" | "دعوا" | "يدعو" | "تدعو" | "يدعون" | "حث" | "حثت" | "يحث" | "تحث" | "ناشد" | "ناشدت" | "يناشد");
                    let en = matches!(k, "urged" | "urges" | "urge") || (matches!(k, "called" | "calls" | "call") && j + 1 < i && matches!(self.toks[j + 1].norm.as_str(), "for" | "on"));
                    if (ar && self.arabic[i]) || (en && !self.arabic[i]) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// English references to an earlier event, which a report mentions but does not
    /// report (read as generic, so that the candidate stays for the argument ranker):
    /// "over last week's attack", "the hijacking last month", "six years after a mob
    /// killed", "kidnapped in recent years", "after a series of attacks" (no toll), what
    /// is banned ("banned all protests"), and a victim's participle in an aftermath
    /// sentence ("buried the three men killed in", "a funeral for the villagers killed in").
    pub(crate) fn en_past_reference(&self, c: &Cand) -> bool {
        const AFTERMATH: &[&str] = &[
            "buried", "burial", "funeral", "funerals", "mourners", "mourned", "mourning", "memorial", "commemorate", "commemorated",
            "commemorating", "vigil", "honour", "honor", "remembering", "tribute", "compensation",
        ];
        let (i, last) = (c.tok, c.last);
        if self.arabic[i] || !matches!(c.ty, EventType::Assault | EventType::Protest | EventType::Coerce) {
            return false;
        }
        let n = self.toks.len();
        let w = |q: usize| self.toks.get(q).map_or("", |t| t.norm.as_str());
        let period = |q: usize| matches!(w(q), "week" | "weekend" | "month" | "year" | "week's" | "weekend's" | "month's" | "year's" | "week’s" | "weekend’s" | "month’s" | "year’s");
        let punct = |q: usize| self.toks.get(q).map_or(true, |t| t.kind == TokenKind::Punct);
        let f = &self.lx().entries[c.entry].flags;
        let verbish = c.kind != Kind::Noun && self.en_verbish(i) && !w(i).ends_with("ing");
        // "last week's attack", "last month's bombing"
        let possessive_past = (i.saturating_sub(3)..i).any(|q| w(q) == "last" && period(q + 1));
        // "the train hijacking last month", "the attack two years ago"
        let after_past = !verbish && (last + 1..(last + 5).min(n)).take_while(|&q| !punct(q)).any(|q| (w(q) == "last" && period(q + 1)) || w(q) == "ago");
        // "six years after a mob killed", "months after the bombing"
        let years_after = (i.saturating_sub(8)..i).any(|q| w(q) == "after" && matches!(w(q.wrapping_sub(1)), "years" | "year" | "months" | "decade" | "decades") && !(q + 1..i).any(punct));
        // "kidnapped in recent years"
        let recent = (last + 1..(last + 5).min(n)).take_while(|&q| !punct(q)).any(|q| w(q) == "recent" && matches!(w(q + 1), "years" | "months" | "decades"));
        // "after a series of attacks", "a string of attacks", with no toll
        let series = i >= 2 && w(i - 1) == "of" && matches!(w(i - 2), "series" | "string" | "spate" | "wave" | "waves") && {
            let (k, inj, _) = self.casualties();
            k.is_none() && inj.is_none()
        };
        // "banned all protests in Conakry": what is banned has not happened
        let banned = !verbish && (i.saturating_sub(3)..i).any(|q| matches!(w(q), "ban" | "bans" | "banned" | "banning" | "prohibited" | "outlawed" | "forbade"));
        // "buried the three men killed in …": a victim's participle after its noun
        let victims = (f.killed || f.injured)
            && i > 0
            && w(i).ends_with("ed")
            && matches!(w(last + 1), "in" | "during" | "on" | "at" | "when" | "by" | "last")
            && !matches!(w(i - 1), "was" | "were" | "been" | "be" | "being" | "is" | "are" | "and" | "," | "who" | "had" | "have" | "has")
            && self.toks.iter().any(|t| AFTERMATH.contains(&t.norm.as_str()));
        possessive_past || after_past || years_after || recent || series || banned || victims
    }

    /// A generic cue within six words (عادة، غالبا، increasingly…), or a trend statement.
    fn generic(&self, c: &Cand) -> bool {
        let i = c.tok;
        (i.saturating_sub(6)..(i + 6).min(self.toks.len())).any(|j| j != i && self.cue_at("generic", j)) || self.trend(c) || self.condemned.borrow().contains(&i)
    }

    pub(crate) fn reported_by(&self, c: &Cand) -> Option<(usize, usize)> {
        let n = self.toks.len();
        for j in 0..n {
            let t = &self.toks[j];
            if self.cue_at("according", j) {
                // وفقا لـ X / بحسب X / according to X
                let from = if j + 1 < n && self.toks[j + 1].norm == "to" { j + 2 } else { j + 1 };
                if let Some(np) = self.actor_after(from, from + 3, false) {
                    if !(np.0 <= c.tok && c.tok <= np.1) {
                        return Some(np);
                    }
                }
                continue;
            }
            if self.cue_at("report", j) && !self.trig[j] {
                if j > c.tok && j > c.last + 8 {
                    continue;
                }
                let _ = t;
                // English "X said (that) …": the speaker is the subject before the verb, and a
                // phrase after it is the reported clause's subject ("said its fighters killed")
                if !self.arabic[j] {
                    if let Some(np) = self.actor_before(j, 4) {
                        return Some(np);
                    }
                }
                if let Some(np) = self.actor_after(j + 1, j + 3, false).filter(|np| np.1 < c.tok || np.0 > c.last) {
                    if np.0 < c.tok || j > c.tok {
                        return Some(np);
                    }
                }
                if let Some(np) = self.actor_before(j, 4) {
                    return Some(np);
                }
            }
        }
        None
    }
}
