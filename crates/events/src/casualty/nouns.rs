//! Counted nouns: what a number counts. Units that make it no head count (12 موقعا،
//! 19 عاما), ages and dates; human nouns and their duals (شرطيان، امرأتين); one definite
//! person (implicit singletons); the words of the counted noun phrase after the core.

use super::words::*;
use super::*;
use crate::numbers;
use marsad_core::TokenKind;

impl<'a> G<'a> {
    pub(super) fn unit(&self, i: usize) -> bool {
        if i >= self.n() {
            return false;
        }
        let t = self.t(i);
        if is_ar(t) {
            let w = self.w(i);
            if AR_UNITS.contains(&w) {
                return true;
            }
            // a counted noun is indefinite: "ارتفع إلى 5 اليوم" is no count of days, but
            // "من السيارات" still is a thing, not a person
            strip_al(w).is_some_and(|r| AR_UNITS.contains(&r)) && !(i > 0 && numbers::parse_at(self.toks, i - 1).is_some() || i > 0 && self.t(i - 1).kind == TokenKind::Number)
        } else {
            EN_UNITS.contains(&t.norm.as_str())
        }
    }

    /// A number that is an age, a date, a time or a measure, not a head count.
    pub(super) fn not_a_count(&self, j: usize, used: usize) -> bool {
        let n = self.n();
        if (j..j + used).any(|q| self.inp.time.get(q).copied().unwrap_or(false)) {
            return true;
        }
        let k = j + used;
        if k < n && self.unit(k) {
            return true;
        }
        // 12-year-old, 19 years old
        if k + 1 < n && self.t(k).norm == "-" && matches!(self.t(k + 1).norm.as_str(), "year" | "years" | "month" | "day") {
            return true;
        }
        // في الخمسين من عمره، يبلغ من العمر 19
        if k + 1 < n && self.t(k).norm == "من" && (self.w(k + 1).starts_with("عمر") || self.t(k + 1).base == "عمر" || self.w(k + 1) == "العمر") {
            return true;
        }
        if j > 0 && matches!(self.t(j - 1).norm.as_str(), "رقم" | "no" | "number" | "route" | "highway" | "the_") {
            return true;
        }
        // a date or a year after its word, even where the time tagger did not read it
        if j > 0 && self.ar(j - 1) && AR_DATE_BEFORE.contains(&self.w(j - 1)) {
            return true;
        }
        // a percentage, a decimal
        k < n && matches!(self.t(k).norm.as_str(), "%" | "٪" | "percent" | "بالميه" | "بالمايه")
    }

    /// An Arabic human noun at i: Some(2) dual, Some(1) indefinite singular. The word
    /// is read as it stands and without a conjunction (فتاة، فلسطينيان start with ف).
    pub(super) fn ar_human(&self, i: usize) -> Option<u32> {
        let t = self.t(i);
        if is_ar(t) && t.norm != self.w(i) {
            if let Some(h) = self.ar_human_word(i, &t.norm) {
                return Some(h);
            }
        }
        self.ar_human_word(i, self.w(i))
    }

    pub(super) fn ar_human_word(&self, i: usize, w: &str) -> Option<u32> {
        let t = self.t(i);
        // definite, behind a preposition or possessed: not a counted phrase (see definite_person)
        if !is_ar(t) || ["ال", "لل", "بال", "كال"].iter().any(|p| w.starts_with(p)) || !t.suffix.is_empty() {
            return None;
        }
        let known = |s: &str| HUMAN_BROKEN.contains(&s) || HUMAN_SOUND.contains(&s);
        if known(w) {
            return Some(1);
        }
        if let Some(st) = w.strip_suffix('ا') {
            if known(st) && !st.ends_with('ه') {
                return Some(1);
            }
        }
        // duals: -ان always, -ين only for broken plurals; feminine -تان/-تين
        for suf in ["تان", "تين"] {
            if let Some(st) = w.strip_suffix(suf) {
                let fem = format!("{st}ه");
                if known(&fem) {
                    return Some(2);
                }
            }
        }
        if let Some(st) = w.strip_suffix("ان") {
            if known(st) || (self.inp.nisba.get(i).copied().unwrap_or(false) && st.ends_with('ي')) {
                return Some(2);
            }
        }
        if let Some(st) = w.strip_suffix("ين") {
            if HUMAN_BROKEN.contains(&st) {
                return Some(2);
            }
            // a sound -ين written with the dual's sukun (عسكرييْن): two
            if self.inp.dual.get(i).copied().unwrap_or(false) && (HUMAN_SOUND.contains(&st) || self.inp.nisba.get(i).copied().unwrap_or(false) && st.ends_with('ي')) {
                return Some(2);
            }
        }
        // a dual in construct drops its ن: رجلي شرطة، صاحبي المستودعين، عوني السجون
        if let Some(st) = w.strip_suffix('ي') {
            let n = self.n();
            if HUMAN_BROKEN.contains(&st) && st.chars().count() >= 3 && i + 1 < n && self.ar(i + 1) && (strip_al(self.w(i + 1)).is_some() || self.inp.person.get(i + 1).copied().unwrap_or(false) || !self.prep(i + 1) && self.ar_human_word(i + 1, self.w(i + 1)).is_none() && numbers::parse_at(self.toks, i + 1).is_none() && !self.in_pred(i + 1)) {
                return Some(2);
            }
        }
        // فلسطيني، عراقي: a nationality noun, indefinite, is one person
        if self.inp.nisba.get(i).copied().unwrap_or(false) && (w.ends_with('ي') || w.ends_with("يا")) && !w.ends_with("يي") {
            return Some(1);
        }
        None
    }

    /// One definite person (implicit singleton): الجندي، العقيد، والدتهم، ابنها, a name;
    /// the deputy governor, his driver.
    pub(super) fn definite_person(&self, i: usize) -> Option<usize> {
        let n = self.n();
        let t = self.t(i);
        if self.inp.person.get(i).copied().unwrap_or(false) {
            let mut e = i;
            while e + 1 < n && self.inp.person.get(e + 1).copied().unwrap_or(false) {
                e += 1;
            }
            return Some(e + 1);
        }
        let known = |s: &str| HUMAN_BROKEN.contains(&s) || HUMAN_SOUND.contains(&s);
        if is_ar(t) {
            let w = self.w(i);
            // a kunya: أبو عياض، أم محمد
            if matches!(t.norm.as_str(), "ابو" | "ام") && i + 1 < n && self.ar(i + 1) && !self.prep(i + 1) && strip_al(self.w(i + 1)).is_none() {
                return Some(i + 2);
            }
            if let Some(r) = strip_al(w) {
                // a definite nationality noun is a person only as a head, not as the
                // adjective of a definite noun (الجيش اللبناني)
                let adjective = i > 0 && self.ar(i - 1) && strip_al(self.w(i - 1)).is_some();
                let nisba = self.inp.nisba.get(i).copied().unwrap_or(false) && r.ends_with('ي') && !adjective;
                if (known(r) || nisba || AR_DEAD_TITLE.contains(&r)) && !w.starts_with("بال") && !w.starts_with("لل") {
                    // a title followed by a name: العقيد فلان، الشيخ عبد الله
                    let mut e = i + 1;
                    while e < n && self.inp.person.get(e).copied().unwrap_or(false) {
                        e += 1;
                    }
                    return Some(e);
                }
            }
            // possessed: والدتهم، ابنها، سائقه
            if !t.suffix.is_empty() && !t.prefix.trim_start_matches(['و', 'ف']).starts_with(['ب', 'ل', 'ك']) {
                let b = t.base.as_str();
                let b2 = b.strip_suffix('ت').map(|x| format!("{x}ه")).unwrap_or_else(|| b.to_string());
                if known(b) || known(&b2) {
                    return Some(i + 1);
                }
            }
            // a possessed noun the tokenizer left whole (ة and ـه are one letter once
            // normalised): صديقه، صديقته، والدته، زميلهم (session casualty7; stems of three
            // letters or more, and not امامه "in front of him")
            if t.suffix.is_empty() && !t.prefix.trim_start_matches(['و', 'ف']).starts_with(['ب', 'ل', 'ك']) {
                for suf in ["هما", "هم", "ها", "ه"] {
                    let Some(st) = w.strip_suffix(suf) else { continue };
                    let st2 = st.strip_suffix('ت').map(|x| format!("{x}ه"));
                    if st.chars().count() >= 3 && st != "امام" && (known(st) || st2.as_deref().is_some_and(|x| known(x))) {
                        return Some(i + 1);
                    }
                }
            }
            return None;
        }
        let w = t.norm.as_str();
        if matches!(w, "the" | "his" | "her" | "their" | "its") {
            // the (adjectives) noun, singular: the deputy governor, the al-Qaeda leader
            let mut q = i + 1;
            while q < n && q <= i + 6 && (self.t(q).kind == TokenKind::Latin || self.t(q).norm == "-") && !EN_HUMAN.contains(&self.t(q).norm.as_str()) && !EN_PREPS.contains(&self.t(q).norm.as_str()) && !matches!(self.t(q).norm.as_str(), "and" | "or") {
                q += 1;
            }
            if q < n && EN_HUMAN.contains(&self.t(q).norm.as_str()) && !self.t(q).norm.ends_with("men") {
                // "the governor's bodyguards": the head is further on
                if q + 2 < n && self.t(q + 1).norm == "'" && self.t(q + 2).norm == "s" {
                    return None;
                }
                return Some(q + 1);
            }
        }
        None
    }

    /// Words of a counted noun phrase after the core, up to a stop; Arabic من + NP.
    pub(super) fn np_tail(&self, mut q: usize, limit: usize) -> usize {
        let n = self.n();
        let start = q;
        if q < n && self.ar(q) && self.t(q).norm == "من" && q + 1 < n && !matches!(self.t(q + 1).norm.as_str(), "عمره" | "عمرها") {
            q += 1;
        }
        if q < n && !self.ar(q) && self.t(q).norm == "of" {
            q += 1;
        }
        while q < n && q < start + limit {
            let t = self.t(q);
            if t.kind == TokenKind::Punct {
                // "the governor's bodyguards"
                if t.norm == "'" && q + 1 < n && self.t(q + 1).norm == "s" {
                    q += 2;
                    continue;
                }
                if t.norm == "-" && q + 1 < n && self.t(q + 1).kind == TokenKind::Latin {
                    q += 2;
                    continue;
                }
                break;
            }
            if t.kind == TokenKind::Number || self.in_pred(q) || self.clause(q) || self.subset_marker(q).is_some() {
                break;
            }
            // a number word: a new count, or the same one spelt out again ("39 تسعة وثلاثين")
            if is_ar(t) && numbers::parse_at(self.toks, q).is_some() {
                break;
            }
            if is_ar(t) {
                // a partitive or genitive PP of the counted noun: 4 عناصر من الدرك، حارسين للوزير
                let pre = t.prefix.trim_start_matches(['و', 'ف']);
                let of = (t.norm == "من" && q > start && q + 1 < n && self.ar(q + 1) && !self.prep(q + 1) && !self.in_pred(q + 1)) || (pre == "ل" && q > start && !t.norm.starts_with('و'));
                if of {
                    q += 1;
                    continue;
                }
                // "شخصا واحدا": the number one as an adjective
                if matches!(t.norm.as_str(), "واحد" | "واحدا" | "واحده") {
                    q += 1;
                    continue;
                }
                if self.prep(q) || t.norm.starts_with('و') || AR_TIME.contains(&self.w(q)) {
                    break;
                }
                // an imperfect verb (يرتدي، يعملون، يبلغ) closes the phrase
                if t.norm.starts_with('ي') && !self.inp.nisba.get(q).copied().unwrap_or(false) {
                    break;
                }
            } else {
                let w = t.norm.as_str();
                if EN_PREPS.contains(&w) || EN_AUX.contains(&w) || matches!(w, "and" | "or" | "including" | "among") {
                    break;
                }
            }
            q += 1;
        }
        q
    }

    /// After سقط: a count of people that is not split between the dead and the wounded
    /// (سقط 16 شخصا؛ not سقط 20 بين قتيل وجريح, and not سقطت 3 صواريخ).
    pub(super) fn fall_count(&self, j: usize) -> bool {
        // (a vague head counted part by part in its subset has a value: `qp`)
        let Some((v, _, _)) = self.qp(j, false) else { return false };
        let Some((_, e, _)) = self.core(j, false) else { return false };
        let counted = |q: usize| q < self.n() && (self.t(q).norm == "بين" || self.find_pred_lex(q).is_some_and(|p| p.kind == Kind::Counted));
        v.is_some() && !counted(e) && !counted(e + 1)
    }
}
