//! The sentence's casualty figures: builds the casualty grammar's input (times,
//! persons, nationality nouns, incident anchors) from the other stages and runs it once.

use crate::casualty;
use crate::sentence::*;

impl<'a> Sent<'a> {
    /// The casualty grammar (casualty/) over this sentence: figures per class and
    /// per incident. Needs the triggers (attack words anchor an incident).
    pub(crate) fn tolls(&self) -> &casualty::Tolls {
        self.tolls.get_or_init(|| {
            let n = self.toks.len();
            let si = self.si;
            let time = self.tokens_in(&mut self.doc.times.iter().filter(|t| t.sentence == si).map(|t| (t.start, t.end)));
            let mut person = self.tokens_in(&mut self.doc.entities.iter().filter(|e| e.sentence == si && e.kind == marsad_core::EntityType::PERS).map(|e| (e.start, e.end)));
            let (ss, se) = self.doc.sentences.get(si).map_or((0, 0), |s| (s.start, s.end));
            let pa = self.tokens_in(&mut self.doc.actors.iter().filter(|a| a.actor_type.as_deref() == Some("person")).flat_map(|a| a.mentions.iter()).filter(|m| m.start < se && ss < m.end).map(|m| (m.start, m.end)));
            for (p, q) in person.iter_mut().zip(pa) {
                *p |= q;
            }
            let places = self.tokens_in(&mut self.doc.places.iter().filter(|p| p.sentence == si).map(|p| (p.start, p.end)));
            let nisba_word: Vec<bool> = (0..n).map(|q| self.nationality_word(q)).collect();
            let nisba: Vec<bool> = (0..n).map(|q| nisba_word[q] || self.nationality_noun(q)).collect();
            let anchor: Vec<bool> = (0..n).map(|q| places[q] || self.incident_anchor(q)).collect();
            let upper: Vec<bool> = self.toks.iter().map(|t| self.doc.text.get(t.byte_start..t.byte_end).and_then(|s| s.chars().next()).is_some_and(|c| c.is_uppercase())).collect();
            let attack: Vec<bool> = (0..n).map(|q| self.attack_word(q)).collect();
            let inp = casualty::Input { toks: self.toks, time, person, nisba, nisba_word, anchor, disease: self.disease, upper, attack, dual: casualty::dual_marks(&self.doc.text, self.toks) };
            let t = casualty::tolls(&inp);
            if std::env::var_os("MARSAD_EVENTS_DEBUG").is_some() {
                for f in &t.figures {
                    eprintln!("toll class={} value={} pred={} phrase={:?} incident={}", f.class, f.value, self.toks[f.pred].norm, (f.qp.0..f.qp.1.min(n)).map(|q| self.toks[q].norm.as_str()).collect::<Vec<_>>(), t.seg_of(f.pred));
                }
            }
            t
        })
    }

    /// Per token: does it overlap one of the char spans?
    fn tokens_in(&self, spans: &mut dyn Iterator<Item = (usize, usize)>) -> Vec<bool> {
        let mut v = vec![false; self.toks.len()];
        for (s, e) in spans {
            for (q, t) in self.toks.iter().enumerate() {
                if t.start < e && s < t.end {
                    v[q] = true;
                }
            }
        }
        v
    }

    /// A nationality noun, also in the dual (فلسطينيان، عراقيين).
    fn nationality_noun(&self, q: usize) -> bool {
        let is = |k: &str| self.is_nisba(k) || k.strip_suffix("ان").filter(|st| st.ends_with('ي')).map_or(false, |st| self.is_nisba(st));
        // (the three forms are often one word: each distinct form is tested once)
        let (k, n) = (self.key[q], self.toks[q].norm.as_str());
        let c = strip_conj(n);
        self.arabic[q] && (is(k) || n != k && is(n) || c != n && c != k && is(c))
    }

    /// The word as written, without its و/ف only, is a nationality noun: فلسطينيين,
    /// عراقيان, and the accusative singular that counts 11 to 99 (15 فلسطينيا، ثلاثة عشر
    /// لبنانيا) right after its number. (The clitic analyser reads فلسطينيا as فـ+لـ+
    /// سطينيا; the word itself says it is no preposition.) The accusative only after a
    /// number: سوريا، تركيا، ليبيا alone are countries.
    fn nationality_word(&self, q: usize) -> bool {
        if !self.arabic[q] {
            return false;
        }
        let n = self.toks[q].norm.as_str();
        let c = strip_conj(n);
        let plain = |w: &str| self.is_nisba(w) || w.strip_suffix("ان").filter(|st| st.ends_with('ي')).is_some_and(|st| self.is_nisba(st));
        if plain(n) || c != n && plain(c) {
            return true;
        }
        // the word's own test first: reading numbers at the three tokens before every word
        // of a sentence cost 22 M instructions on 400 articles
        let accusative = [n, c].iter().any(|w| w.strip_suffix('ا').filter(|st| st.ends_with('ي')).is_some_and(|st| self.is_nisba(st)));
        accusative && (q.saturating_sub(3)..q).any(|k| crate::numbers::parse_at(self.toks, k).is_some_and(|(_, used)| k + used == q))
    }

    /// What makes a clause its own incident (besides a place): an indefinite attack word
    /// that is not itself a casualty word (بهجوم انتحاري، a separate attack; not "الكمين",
    /// which refers back).
    fn incident_anchor(&self, q: usize) -> bool {
        !definite(&self.toks[q]) && !(q > 0 && matches!(self.toks[q - 1].norm.as_str(), "the" | "this" | "that")) && self.attack_word(q)
    }

    /// An attack word that is not itself a casualty word, definite or not.
    pub(crate) fn attack_word(&self, q: usize) -> bool {
        self.trig[q] && {
            let hits = self.lookup(&self.toks[q].norm, self.arabic[q]);
            hits.first().map_or(false, |h| {
                let e = &self.lx().entries[h.entry];
                e.ty == EventType::Assault && !e.flags.killed && !e.flags.injured
            })
        }
    }

    /// (killed, injured, arrested) stated in the sentence, all incidents together.
    pub(crate) fn casualties(&self) -> (Option<u32>, Option<u32>, Option<u32>) {
        let t = self.tolls();
        (t.get(None, casualty::KILLED), t.get(None, casualty::INJURED), t.get(None, casualty::ARRESTED))
    }
}
