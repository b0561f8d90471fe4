//! Actor-like noun phrases: which token heads one (actor mention, entity, agent noun,
//! demonym, capitalised English word), how far the phrase runs (definite adjectives,
//! genitives, titles before names, overlapping mentions), and the nearest phrase after
//! or before a position within the clause.

use crate::lexicon::Kind;
use crate::numbers;
use crate::sentence::*;
use crate::words::*;
use marsad_core::TokenKind;

impl<'a> Sent<'a> {
    /// Is token i the head of an actor phrase (known actor, entity, agent noun, demonym)?
    pub(crate) fn actorish(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if matches!(t.kind, TokenKind::Punct | TokenKind::Number | TokenKind::Other) || self.is_func(i) {
            return false;
        }
        if self.agent_spans.iter().any(|&(s, e)| s < t.end && t.start < e) {
            return true;
        }
        let k = self.key[i];
        if self.head(i).is_some() || self.lx().countries.contains_key(k) {
            return true;
        }
        if is_ar(t) {
            if self.is_nisba(k) && (k.ends_with("يين") || k.ends_with("يون") || definite(t)) {
                return true;
            }
        } else {
            let surf = self.doc.slice(t.start, t.end);
            // a capitalised word is an actor unless it is a place (not a country) or a month
            let place = self.doc.places.iter().any(|p| p.start <= t.start && t.end <= p.end && p.feature.as_deref() != Some("country") && !self.lx().countries.contains_key(&t.norm));
            if surf.chars().next().map_or(false, |c| c.is_uppercase()) && i > 0 && !EN_FUNC.contains(&t.norm.as_str()) && !place {
                return true;
            }
        }
        false
    }

    /// Agent-noun entry of token i (tolerates the accusative alef).
    pub(crate) fn head(&self, i: usize) -> Option<&(String, String)> {
        let k = self.key[i];
        self.lx().heads.get(k).or_else(|| k.strip_suffix('ا').and_then(|x| self.lx().heads.get(x)))
    }

    pub(crate) fn nisba_country(&self, k: &str) -> Option<String> {
        nisba_of(self.lx(), k).map(str::to_string)
    }

    /// `nisba_country(k).is_some()` without copying the country.
    pub(crate) fn is_nisba(&self, k: &str) -> bool {
        nisba_of(self.lx(), k).is_some()
    }

    /// The noun phrase around head token i: (first, last) token indices.
    pub(crate) fn np_from(&self, i: usize, generic: bool) -> (usize, usize) {
        let n = self.toks.len();
        let t = &self.toks[i];
        let (s, mut e) = if is_ar(t) { self.ar_np_extent(i) } else { self.en_np_extent(i) };
        if !is_ar(t) && generic && e == i && s == i {
            return (s, e);
        }
        // a title followed by a name: الرئيس المصري حسني مبارك
        if is_ar(t) && e + 1 < n {
            let nx = &self.toks[e + 1];
            let person = self.doc.entities.iter().any(|en| en.kind == marsad_core::EntityType::PERS && en.start == nx.start)
                || self.mentions_in(nx.start, nx.end).iter().any(|(ai, m)| m.start == nx.start && self.doc.actors[*ai].actor_type.as_deref() == Some("person"));
            if person && !nx.norm.starts_with('و') {
                e += 1;
            }
        }
        // عناصر من تنظيم داعش: members of a named group
        if is_ar(t) && e + 2 < n && self.toks[e + 1].norm == "من" && matches!(self.key[i], "عناصر" | "عنصر" | "مقاتلين" | "مقاتلو" | "اعضاء" | "افراد" | "مسلحين" | "مسلحون" | "مجموعه" | "عدد") && self.actorish(e + 2) {
            let (_, e2) = self.np_from(e + 2, false);
            e = e2;
        }
        self.grow_to_mentions(s, e)
    }

    /// The span grown to cover an actor mention or entity that overlaps it, within the sentence.
    fn grow_to_mentions(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        let n = self.toks.len();
        let (cs, ce) = (self.toks[s].start, self.toks[e].end);
        let mut lo = cs;
        let mut hi = ce;
        for (_, m) in self.mentions_in(cs, ce) {
            lo = lo.min(m.start);
            hi = hi.max(m.end);
        }
        for en in &self.doc.entities {
            if matches!(en.kind, marsad_core::EntityType::PERS | marsad_core::EntityType::ORG) && en.start < ce && cs < en.end {
                lo = lo.min(en.start);
                hi = hi.max(en.end);
            }
        }
        let sent = &self.doc.sentences[self.si];
        lo = lo.max(sent.start);
        hi = hi.min(sent.end);
        while s > 0 && self.toks[s - 1].start >= lo {
            s -= 1;
        }
        while e + 1 < n && self.toks[e + 1].end <= hi {
            e += 1;
        }
        (s, e)
    }

    /// An Arabic phrase: a construct head before a definite actor noun, then up to three
    /// adjectives (definite, nisba, agreeing sound plurals), coordinated adjectives.
    fn ar_np_extent(&self, i: usize) -> (usize, usize) {
        let n = self.toks.len();
        let t = &self.toks[i];
        let mut s = i;
        let mut e = i;
        // construct head before a definite actor noun: قيادة التيار، شبان العشائر
        if i > 0 && definite(t) && is_ar(&self.toks[i - 1]) && !definite(&self.toks[i - 1]) && !self.breaks(i - 1)
            && !AR_QUANT.contains(&self.key[i - 1])
            && !self.toks[i - 1].norm.starts_with('و')
            && self.lx().heads.contains_key(self.key[i - 1])
        {
            s = i - 1;
        }
        let head_def = definite(t);
        let mut j = i + 1;
        let proper = self.lx().countries.contains_key(self.key[i]) && !head_def;
        while !proper && j < n && j <= i + 3 {
            let u = &self.toks[j];
            let fem_adj_trigger = self.trig[j] && j == i + 1 && u.norm.ends_with('ه') && t.norm.ends_with('ه') && !definite(u) && !definite(t);
            if !is_ar(u) || (self.breaks(j) && !fem_adj_trigger) {
                break;
            }
            if self.prep_clitic(j) && !self.mentions_in(u.start, u.end).iter().any(|(_, m)| m.start < t.start) {
                break;
            }
            let conj = u.norm.starts_with('و') && !u.norm.starts_with("وا") || u.norm.starts_with("وال");
            if conj {
                // coordinated adjective: والسياسيين after الحقوقيين
                let k = self.key[j];
                if !(u.norm.starts_with("وال") && (k.ends_with("يين") || k.ends_with("يون") || k.ends_with("يه")) && !self.lx().heads.contains_key(k)) {
                    break;
                }
            }
            // a definite agent noun after a definite word starts a new phrase:
            // "اعتقلت السلطات السورية | المعارض البارز" (not "قوات الأمن": قوات is indefinite)
            if definite(u) && definite(&self.toks[j - 1]) && self.lx().heads.contains_key(self.key[j]) && !self.is_nisba(self.key[j]) {
                break;
            }
            // an indefinite nisba adjective: مزارع فلسطيني، مسلحون عراقيون
            let nisba_adj = !definite(u) && !definite(&self.toks[j - 1]) && j == e + 1 && self.is_nisba(self.key[j]);
            let ok = definite(u)
                || nisba_adj
                // a sound plural's adjective agrees in case: مسلحون مجهولون، مسلحين مجهولين,
                // but "اختطف مسلحون | مهندسين" is subject then object
                || (!head_def && j == i + 1 && ((u.norm.ends_with("ون") && t.norm.ends_with("ون")) || (u.norm.ends_with("ين") && t.norm.ends_with("ين"))))
                || (!head_def && j == i + 1 && u.norm.ends_with('ه') && t.norm.ends_with('ه'));
            if !ok {
                break;
            }
            e = j;
            j += 1;
        }
        (s, e)
    }

    /// An English phrase: capitalised words and force modifiers on both sides of the head.
    fn en_np_extent(&self, i: usize) -> (usize, usize) {
        let n = self.toks.len();
        let mut s = i;
        let mut e = i;
        let cap = |j: usize| {
            let u = &self.toks[j];
            u.kind == TokenKind::Latin
                && !EN_FUNC.contains(&u.norm.as_str())
                && (self.doc.slice(u.start, u.end).chars().next().map_or(false, |c| c.is_uppercase())
                    || self.lx().heads.contains_key(&u.norm)
                    || matches!(u.norm.as_str(), "security" | "armed" | "government" | "military" | "pro-government" | "anti-government" | "local" | "rebel" | "opposition" | "air" | "special" | "state"))
        };
        while s > 0 && cap(s - 1) && !self.trig[s - 1] && i - s < 4 {
            s -= 1;
        }
        while e + 1 < n && cap(e + 1) && !self.trig[e + 1] && e - i < 4 {
            e += 1;
        }
        (s, e)
    }

    /// First actor-like phrase starting in [from, to), skipping quantity words.
    pub(crate) fn actor_after(&self, from: usize, to: usize, generic: bool) -> Option<(usize, usize)> {
        let n = self.toks.len();
        let mut j = from;
        while j < to.min(n) {
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct && !matches!(t.norm.as_str(), "«" | "\"" | "»" | "(") {
                return None;
            }
            if self.trig[j] && !self.actorish(j) {
                j += 1;
                continue;
            }
            if is_ar(t) && (AR_QUANT.contains(&self.key[j]) || numbers::is_vague(&t.norm)) {
                j += 1;
                continue;
            }
            let after_quant = j > from && is_ar(&self.toks[j - 1]) && (AR_QUANT.contains(&self.key[j - 1]) || numbers::is_vague(&self.toks[j - 1].norm) || numbers::parse_at(self.toks, j - 1).is_some());
            if !generic && PREPS.contains(&t.norm.as_str()) && !(t.norm == "من" && after_quant) {
                return None;
            }
            if self.is_func(j) || t.kind == TokenKind::Number || t.kind == TokenKind::Punct {
                j += 1;
                continue;
            }
            if !generic && is_ar(t) && self.prep_clitic(j) && self.mentions_in(t.start, t.end).is_empty() {
                j += 1;
                continue;
            }
            if self.actorish(j) {
                return Some(self.np_from(j, false));
            }
            if generic && (is_ar(t) || t.kind == TokenKind::Latin) {
                return Some(self.np_from(j, true));
            }
            j += 1;
        }
        None
    }

    /// Token i carries a prepositional clitic (بالقوة، للحكومة).
    pub(crate) fn prep_clitic(&self, i: usize) -> bool {
        let p = self.toks[i].prefix.as_str();
        let p = p.strip_suffix("ال").unwrap_or(p);
        p.contains('ب') || p.contains('ل') || p.contains('ك')
    }

    /// Nearest actor-like phrase ending before token `i`, within the clause.
    pub(crate) fn actor_before(&self, i: usize, max: usize) -> Option<(usize, usize)> {
        let first_hit = if self.trig[i] && is_ar(&self.toks[i]) { self.lookup(&self.toks[i].norm, true).first().cloned() } else { None };
        let noun_trigger = first_hit.as_ref().map_or(false, |h| h.reading.kind == Kind::Noun);
        let protest_trigger = first_hit.as_ref().map_or(false, |h| self.lx().entries[h.entry].ty == EventType::Protest);
        let mut j = i;
        let mut steps = 0;
        while j > 0 && steps < max {
            j -= 1;
            steps += 1;
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "،" | "," | "؛" | ";" | ":" | "." | "(" | ")" | "-") {
                return None;
            }
            if is_ar(t) && AR_CLAUSE.contains(&t.norm.as_str()) {
                return None;
            }
            if !is_ar(t) && matches!(t.norm.as_str(), "when" | "after" | "as" | "while" | "because" | "before" | "since" | "until" | "where" | "which" | "who") {
                return None;
            }
            if noun_trigger && matches!(t.norm.as_str(), "في" | "علي" | "عن" | "الي" | "وفي") && !(protest_trigger && matches!(t.norm.as_str(), "في" | "وفي")) {
                return None;
            }
            if self.trig[j] && !self.actorish(j) {
                if noun_trigger {
                    return None;
                }
                continue;
            }
            if self.actorish(j) && !self.cue_at("report", j) {
                let (mut s, e) = self.np_from(j, false);
                // walk to the phrase head: the leftmost actor-like token of a run
                while s > 0 && self.actorish(s - 1) && !self.breaks(s - 1) && i - s < max + 3 {
                    s -= 1;
                }
                let (s2, e2) = self.np_from(s, false);
                // "مقتل أربعة من الشرطة … بكمين": the phrase is the victim of مقتل
                if self.patient_of_trigger_before(s2.min(s), noun_trigger) {
                    return None;
                }
                if self.prep_clitic(s2.min(s)) && self.mentions_in(self.toks[s2.min(s)].start, self.toks[s2.min(s)].end).is_empty() {
                    return None;
                }
                return Some((s2.min(s), e2.max(e).min(i.saturating_sub(1)).max(s2.min(s))));
            }
        }
        None
    }

    /// The phrase starting at `start` is the patient of a trigger right before it (past
    /// counts and من): a killing, injury, arrest or coercion word, or any trigger when the
    /// searching trigger is a noun.
    fn patient_of_trigger_before(&self, start: usize, noun_trigger: bool) -> bool {
        let mut q = start;
        while q > 0 {
            q -= 1;
            let u = &self.toks[q];
            if u.kind == TokenKind::Number || numbers::parse_at(self.toks, q).is_some() || u.norm == "من" || AR_QUANT.contains(&self.key[q]) {
                continue;
            }
            if !self.trig[q] {
                return false;
            }
            let hit = self.lookup(&u.norm, is_ar(u));
            return noun_trigger
                || hit.first().map_or(false, |h| {
                    let f = &self.lx().entries[h.entry].flags;
                    f.killed || f.injured || f.arrested || self.lx().entries[h.entry].ty == EventType::Coerce
                });
        }
        false
    }
}

/// The country of a nisba adjective or plural (سوري، السوريون → its
/// country's code) in `lx`: the word without each nisba ending, plus ي.
/// The stem is built only when an ending matches (the word is tested
/// byte-wise; an allocation and memcmp per call showed in profiles).
pub(crate) fn nisba_of<'l>(lx: &'l crate::lexicon::Lexicon, k: &str) -> Option<&'l str> {
    let mut stem = String::new();
    for suf in ["يين", "يون", "يات", "يه", "ي"] {
        if let Some(st) = marsad_text::clitics::strip_suffix(k, suf) {
            // (no key of `nisba` is st + ي unless st passes its filter)
            if !lx.nisba_heads.may_contain(st) {
                continue;
            }
            stem.clear();
            stem.push_str(st);
            stem.push('ي');
            if let Some(c) = lx.nisba.get(stem.as_str()) {
                return Some(c.as_str());
            }
        }
    }
    None
}

#[cfg(test)]
mod nisba_tests {
    /// `nisba_country` as it was (a stem buffer per call, `str::strip_suffix`).
    fn reference(lx: &crate::lexicon::Lexicon, k: &str) -> Option<String> {
        let mut stem = String::with_capacity(k.len() + 2);
        for suf in ["يين", "يون", "يات", "يه", "ي"] {
            if let Some(st) = k.strip_suffix(suf) {
                stem.clear();
                stem.push_str(st);
                stem.push('ي');
                if let Some(c) = lx.nisba.get(stem.as_str()) {
                    return Some(c.clone());
                }
            }
        }
        None
    }

    /// The same country for every token (and its clitic-free forms) of the
    /// real casualty dev sentences.
    #[test]
    fn nisba_of_matches_the_reference() {
        let lx = crate::lexicon::Lexicon::load();
        let text = include_str!("../data/dev/casreal.jsonl");
        let (mut n, mut hits) = (0, 0);
        for t in marsad_text::tokenize::tokenize(text) {
            for k in [t.norm.as_str(), t.base.as_str(), crate::sentence::strip_conj(&t.norm)] {
                let got = super::nisba_of(&lx, k).map(str::to_string);
                assert_eq!(got, reference(&lx, k), "{k}");
                hits += got.is_some() as usize;
                n += 1;
            }
        }
        assert!(n > 5_000 && hits > 10, "{hits} of {n}");
    }
}
