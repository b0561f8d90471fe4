//! Quantity phrases (`G::qp`): an approximator (ما لا يقل عن، at least), a core (digits,
//! number words, one of, another, a dual or bare singular human noun, a vague quantity),
//! then the counted noun phrase, subsets that are skipped and conjuncts that are added.

use super::words::*;
use super::*;
use crate::numbers;
use marsad_core::TokenKind;

impl<'a> G<'a> {
    /// Approximators before a number: (tokens used, the figure is vague).
    pub(super) fn approx(&self, j: usize) -> Option<(usize, bool)> {
        let n = self.n();
        let at = |k: usize| (j + k < n).then(|| if self.ar(j + k) { self.w(j + k) } else { self.t(j + k).norm.as_str() }).unwrap_or("");
        if self.ar(j) {
            let seqs: &[(&[&str], bool)] = &[
                (&["ما", "لا", "يقل", "عن"], false),
                (&["لا", "يقل", "عن"], false),
                (&["ما", "يزيد", "عن"], false),
                (&["ما", "يزيد", "علي"], false),
                (&["ما", "يربو", "علي"], false),
                (&["ما", "يربو", "عن"], false),
                (&["ما", "يقارب"], false),
                (&["ما", "يناهز"], false),
                (&["اكثر", "من"], false),
                (&["نحو"], false),
                (&["حوالي"], false),
                (&["قرابه"], false),
                (&["زهاء"], false),
                (&["اقل", "من"], true),
            ];
            for (s, vague) in seqs {
                if s.iter().enumerate().all(|(k, x)| at(k) == *x) {
                    return Some((s.len(), *vague));
                }
            }
            return None;
        }
        let seqs: &[(&[&str], bool)] = &[
            (&["at", "least"], false),
            (&["more", "than"], false),
            (&["no", "fewer", "than"], false),
            (&["not", "less", "than"], false),
            (&["as", "many", "as"], false),
            (&["up", "to"], false),
            (&["fewer", "than"], true),
            (&["less", "than"], true),
            (&["over"], false),
            (&["about"], false),
            (&["around"], false),
            (&["nearly"], false),
            (&["almost"], false),
            (&["some"], false),
            (&["roughly"], false),
            (&["approximately"], false),
            (&["another"], false),
            (&["the"], false),
            (&["a", "total", "of"], false),
        ];
        for (s, vague) in seqs {
            if s.iter().enumerate().all(|(k, x)| at(k) == *x) {
                // only before a number: "the deputy governor" is no approximator
                if numbers::parse_at(self.toks, j + s.len()).is_some() {
                    return Some((s.len(), *vague));
                }
            }
        }
        None
    }

    /// The core of a quantity phrase at j: (value, end, singular-noun reading).
    /// value None = vague (many, dozens).
    pub(super) fn core(&self, j: usize, implicit: bool) -> Option<(Option<u32>, usize, bool)> {
        let n = self.n();
        if j >= n {
            return None;
        }
        let t = self.t(j);
        if self.inp.time.get(j).copied().unwrap_or(false) {
            return None;
        }
        if let Some((used, vague)) = self.approx(j) {
            let (v, e, _) = self.core(j + used, false)?;
            return Some((if vague { None } else { v }, e, false));
        }
        if is_ar(t) {
            let w = self.w(j);
            // approximators with a conjunction: ونحو
            // إيقاف عدد 322 شخصا، القبض على مجموع ثلاثة شبان: the number that follows
            if matches!(w, "عدد" | "مجموع") && j + 1 < n && (self.t(j + 1).kind == TokenKind::Number || numbers::parse_at(self.toks, j + 1).is_some()) {
                return self.core(j + 1, false);
            }
            // قتل نفس بشرية: one person
            if w == "نفس" && j + 1 < n && self.w(j + 1) == "بشريه" {
                return Some((Some(1), j + 2, true));
            }
            // هذا الشخص، هذه المرأة: one person
            if implicit && matches!(w, "هذا" | "هذه") && j + 1 < n {
                if let Some(e) = self.definite_person(j + 1) {
                    return Some((Some(1), e, true));
                }
            }
            if numbers::is_vague(&t.norm) || numbers::is_vague(w) {
                // "عدد" only as "عدد من"
                if matches!(strip_al(w).unwrap_or(w), "عدد" | "عده") && !(j + 1 < n && self.t(j + 1).norm == "من") {
                    return None;
                }
                return Some((None, j + 1, false));
            }
            if let Some((v, used)) = numbers::parse_at(self.toks, j) {
                if self.not_a_count(j, used) {
                    return None;
                }
                return Some((Some(v), j + used, false));
            }
            // a group of stated size: عصابة تتكون من 3 عناصر، مجموعة متكونة من 7 عناصر
            if let Some(r) = self.group_size(j) {
                return Some(r);
            }
            // أحد/إحدى + genitive (أحد حراسه، إحدى الطالبات)، أحدهم
            if matches!(w, "احد" | "احدي") && j + 1 < n && self.ar(j + 1) && !self.prep(j + 1) {
                return Some((Some(1), j + 1, false));
            }
            if matches!(t.base.as_str(), "احد" | "احدي") && !t.suffix.is_empty() {
                return Some((Some(1), j + 1, false));
            }
            match w {
                // (the accusative too: وأصابوا ثالثا)
                "اخر" | "اخري" | "ثالث" | "رابع" | "خامس" | "ثالثه" | "رابعه" | "ثالثا" | "رابعا" | "خامسا" => return Some((Some(1), j + 1, false)),
                // ومات الثاني، المتهم الثامن: one more person, when a person is looked for
                "الثاني" | "الثالث" | "الرابع" | "الخامس" | "الاخر" | "الثانيه" | "الثالثه" if implicit => return Some((Some(1), j + 1, true)),
                "اخران" | "اخريان" => return Some((Some(2), j + 1, false)),
                "اخرون" | "اخرين" | "اخريات" => return Some((None, j + 1, false)),
                "كلاهما" | "كليهما" => return Some((Some(2), j + 1, false)),
                _ => {}
            }
            // a noun with the number as its adjective: مواطنين تونسيين اثنين، إرهابيين اثنين
            if !self.prep(j) && strip_al(w).is_none() && !numbers::is_vague(w) && self.unit(j) == false {
                for k in [j + 1, j + 2] {
                    // (not a و-joined conjunct: زوجته واثنين من أبنائهما = 1 + 2)
                    if k < n && matches!(self.t(k).norm.as_str(), "اثنين" | "اثنان" | "اثنتين" | "اثنتان") {
                        if k == j + 2 && (self.prep(j + 1) || self.in_pred(j + 1)) {
                            break;
                        }
                        return Some((Some(2), k + 1, false));
                    }
                }
            }
            if let Some(h) = self.ar_human(j) {
                let mut e = j + 1;
                // مدنيين اثنين، شخصان اثنان
                if e < n && matches!(self.t(e).norm.as_str(), "اثنين" | "اثنان" | "اثنتين" | "اثنتان") {
                    e += 1;
                    return Some((Some(2), e, false));
                }
                return Some((Some(h), e, h == 1));
            }
            if implicit {
                // a possessed dual: طفلاها، ابناه، شقيقيه — two people
                if self.possessed_dual(j) {
                    return Some((Some(2), j + 1, false));
                }
                if let Some(e) = self.definite_person(j) {
                    return Some((Some(1), e, true));
                }
            }
            return None;
        }
        if t.kind == TokenKind::Number {
            let (v, used) = numbers::parse_at(self.toks, j)?;
            if self.not_a_count(j, used) {
                return None;
            }
            return Some((Some(v), j + used, false));
        }
        if t.kind != TokenKind::Latin {
            return None;
        }
        let w = t.norm.as_str();
        if j > 0 && matches!(self.t(j - 1).norm.as_str(), "no" | "any" | "every") {
            return None;
        }
        if numbers::is_vague(w) && w != "some" {
            return Some((None, j + 1, false));
        }
        if w == "a" && j + 2 < n && self.t(j + 1).norm == "number" && self.t(j + 2).norm == "of" {
            return Some((None, j + 3, false));
        }
        if w == "one" && j + 1 < n && self.t(j + 1).norm == "of" {
            return Some((Some(1), j + 1, false));
        }
        if w == "another" || w == "one" && !(j + 1 < n && self.t(j + 1).norm == "-") {
            return Some((Some(1), j + 1, w == "another"));
        }
        if matches!(w, "others") {
            return Some((None, j + 1, false));
        }
        if let Some((v, used)) = numbers::parse_at(self.toks, j) {
            if self.not_a_count(j, used) {
                return None;
            }
            return Some((Some(v), j + used, false));
        }
        // an object pronoun where a victim is looked for: "killing him and six of his
        // bodyguards", "stabbed her" (not "her husband": the possessive, below); "killing
        // them": the people counted before in the sentence (session casualty8)
        if implicit && (w == "him" || w == "her" && !(j + 1 < n && self.t(j + 1).kind == TokenKind::Latin && !EN_PREPS.contains(&self.t(j + 1).norm.as_str()) && !matches!(self.t(j + 1).norm.as_str(), "and" | "or"))) {
            return Some((Some(1), j + 1, true));
        }
        if implicit && w == "them" {
            return self.them_antecedent(j).map(|v| (Some(v), j + 1, false));
        }
        if matches!(w, "his" | "her" | "their") && j + 1 < n && numbers::parse_at(self.toks, j + 1).is_some() {
            // "a woman and her three children": the count after the possessive
            let (v, used) = numbers::parse_at(self.toks, j + 1)?;
            if self.not_a_count(j + 1, used) {
                return None;
            }
            return Some((Some(v), j + 1 + used, false));
        }
        if matches!(w, "a" | "an") {
            // a (12-year-old / young / Palestinian) man
            let mut q = j + 1;
            while q < n && q <= j + 7 && !EN_HUMAN.contains(&self.t(q).norm.as_str()) && !EN_PREPS.contains(&self.t(q).norm.as_str()) && !matches!(self.t(q).norm.as_str(), "and" | "or" | "was" | "were" | "," | ".") {
                q += 1;
            }
            if q < n && EN_HUMAN.contains(&self.t(q).norm.as_str()) {
                return Some((Some(1), q + 1, true));
            }
            // a (17-year-old) Palestinian: a capitalised nationality noun as the head
            if let Some(h) = (j + 1..q.min(n)).find(|&k| self.en_nationality(k) && !(k + 1 < n && self.t(k + 1).kind == TokenKind::Latin && EN_HUMAN.contains(&self.t(k + 1).norm.as_str()))) {
                return Some((Some(1), h + 1, true));
            }
            // the object of a killing or arrest verb is one person whatever its noun
            // (shot dead a suspected drug dealer, a mayoral candidate, a motorcyclist):
            // only where a victim is looked for, a short noun phrase closed by a
            // preposition, a comma or a conjunction, with no unit or number in it and
            // not "a group of" (session casualty8)
            if implicit && q > j + 1 && q < n && q <= j + 5 && !matches!(self.t(q).norm.as_str(), "of" | "was" | "were") && (j + 1..q).all(|k| self.t(k).kind == TokenKind::Latin && self.t(k).norm != "of" && !self.unit(k) && numbers::parse_at(self.toks, k).is_none()) {
                return Some((Some(1), q, true));
            }
            return None;
        }
        if implicit {
            if let Some(e) = self.definite_person(j) {
                return Some((Some(1), e, true));
            }
            // the definite object of a killing or arrest verb is one person whatever its
            // noun (arrested the award-winning film director, detained the billionaire
            // chairman of the conglomerate): a short phrase closed by a preposition, "of",
            // a comma or a conjunction, not a plural (session casualty8)
            if w == "the" && !(j > 0 && matches!(self.t(j - 1).norm.as_str(), "of" | "in" | "at" | "on")) {
                let mut q = j + 1;
                while q < n && q <= j + 6 && (self.t(q).kind == TokenKind::Latin || self.t(q).norm == "-") && !EN_PREPS.contains(&self.t(q).norm.as_str()) && !matches!(self.t(q).norm.as_str(), "of" | "and" | "or" | "was" | "were" | "is" | "are" | "has" | "had") {
                    q += 1;
                }
                let closed = q < n && (EN_PREPS.contains(&self.t(q).norm.as_str()) || matches!(self.t(q).norm.as_str(), "of" | "and" | "," | "." | ";"));
                let head = self.t(q - 1).norm.as_str();
                let plural = head.ends_with('s') && !head.ends_with("ss") || matches!(head, "people" | "men" | "women" | "children" | "police" | "militia" | "group");
                if q > j + 1 && closed && !plural && (j + 1..q).all(|k| !self.unit(k) && numbers::parse_at(self.toks, k).is_none() && !numbers::is_vague(&self.t(k).norm)) {
                    return Some((Some(1), q, true));
                }
            }
        }
        None
    }

    /// "stabbed three people …, killing them", "a car carrying two judges …, killing
    /// them": the last count of people before the pronoun at `j`, in its sentence
    /// (within 24 words, no full stop between).
    pub(super) fn them_antecedent(&self, j: usize) -> Option<u32> {
        let lo = j.saturating_sub(24);
        let mut k = j;
        while k > lo {
            k -= 1;
            if self.punct(k) && matches!(self.t(k).norm.as_str(), "." | ";" | ":") {
                return None;
            }
            if self.t(k).kind == TokenKind::Number || !self.ar(k) && numbers::parse_at(self.toks, k).is_some() {
                if k > 0 && numbers::parse_at(self.toks, k - 1).is_some() {
                    continue;
                }
                if let Some((Some(v), e, _)) = self.qp(k, false) {
                    if e <= j && e > k + 1 {
                        return Some(v);
                    }
                }
                return None;
            }
        }
        None
    }

    /// A group noun followed by "consisting of N" (عصابة مختصة في سرقة المواشي، تتكون من 3
    /// عناصر): the group counts N people. The group word may carry ب/ال.
    pub(super) fn group_size(&self, j: usize) -> Option<(Option<u32>, usize, bool)> {
        let n = self.n();
        let t = self.t(j);
        let b = t.base.as_str();
        let w = self.w(j);
        let group = AR_GROUPS.contains(&w) || AR_GROUPS.contains(&b) || strip_al(w).is_some_and(|r| AR_GROUPS.contains(&r));
        if !group {
            return None;
        }
        let c = (j + 1..(j + 9).min(n)).take_while(|&q| !self.in_pred(q) && !(self.clause(q) && !AR_CONSIST.contains(&self.w(q)))).find(|&q| AR_CONSIST.contains(&self.w(q)))?;
        let on = c + 1;
        let start = if on < n && self.t(on).norm == "من" { on + 1 } else { on };
        let (v, used) = numbers::parse_at(self.toks, start)?;
        if self.not_a_count(start, used) {
            return None;
        }
        Some((Some(v), start + used, false))
    }

    /// An English nationality noun (Palestinian, Iraqi, Afghan, Chinese): capitalised, with a
    /// demonym ending.
    pub(super) fn en_nationality(&self, k: usize) -> bool {
        let t = self.t(k);
        t.kind == TokenKind::Latin && self.inp.upper.get(k).copied().unwrap_or(false) && t.norm.chars().count() > 4 && ["ian", "ani", "i", "ese", "ish", "an"].iter().any(|e| t.norm.ends_with(e))
    }

    /// A subset after a quantity: بينهم/منهم/من بينهم، including, among them. Returns
    /// the token after the marker.
    pub(super) fn subset_marker(&self, q: usize) -> Option<usize> {
        let n = self.n();
        if q >= n {
            return None;
        }
        let t = self.t(q);
        if is_ar(t) {
            let w = t.norm.as_str();
            if matches!(w, "بينهم" | "بينهن" | "منهم" | "منهن" | "بينهما" | "ومنهم" | "وبينهم" | "اغلبهم" | "معظمهم") {
                return Some(q + 1);
            }
            // an apposition naming the same people: تونسيين اثنين هما أيمن … ونزار …، 3
            // مدنيين هم مواطن وزوجته وطفل
            if matches!(w, "هم" | "هما" | "هن" | "وهم" | "وهما" | "وهن") && q + 1 < n && self.ar(q + 1) && !self.in_pred(q + 1) {
                return Some(q + 1);
            }
            if w == "من" && q + 1 < n && matches!(self.t(q + 1).norm.as_str(), "بينهم" | "بينهن") {
                return Some(q + 2);
            }
            // بمن فيهم منفذ العملية: "including"
            if matches!(w, "بمن" | "وبمن") && q + 1 < n && matches!(self.t(q + 1).norm.as_str(), "فيهم" | "فيهن") {
                return Some(q + 2);
            }
            return None;
        }
        match t.norm.as_str() {
            "including" => Some(q + 1),
            "among" if q + 1 < n && matches!(self.t(q + 1).norm.as_str(), "them" | "whom") => Some(q + 2),
            _ => None,
        }
    }

    /// A full quantity phrase at j: core, counted noun, على الأقل/at least, subsets,
    /// conjuncts. Returns (value, end, singular-noun reading of the first conjunct).
    pub(super) fn qp(&self, j: usize, implicit: bool) -> Option<(Option<u32>, usize, bool)> {
        let n = self.n();
        let (mut v, mut e, single) = self.core(j, implicit)?;
        // "39 تسعة وثلاثين شخصا"، "60 ستين": the figure spelt out again is the same figure
        if self.t(j).kind == TokenKind::Number {
            if let Some((w, used)) = numbers::parse_at(self.toks, e).filter(|_| e < n && self.ar(e)) {
                if Some(w) == v {
                    e += used;
                }
            }
        }
        let after_core = e;
        // counted noun: rejected when it is not a person (12 موقعا، 15 targets); a person
        // noun's genitive is no counted noun (قائد السيارة، منفذ عملية الدهس)
        let person_core = self.ar(j) && (self.ar_human(j).is_some() || single);
        if !single || self.ar(j) {
            if !person_core && (self.unit(e) || (e < n && self.ar(e) && self.t(e).norm == "من" && self.unit(e + 1))) {
                return None;
            }
            e = self.np_tail(e, if single { 3 } else { 7 });
        }
        // اثنان منهم، two of them
        if e == after_core && e < n && matches!(self.t(e).norm.as_str(), "منهم" | "منهن" | "منهما") {
            e += 1;
        }
        let skip_least = |e: usize| {
            if e + 1 < n && matches!(self.t(e).norm.as_str(), "علي") && self.w(e + 1) == "الاقل" {
                e + 2
            } else if e + 1 < n && self.t(e).norm == "at" && self.t(e + 1).norm == "least" {
                e + 2
            } else {
                e
            }
        };
        e = skip_least(e);
        // subsets, not added: بينهم أربعة من رجال الشرطة، , including three aid workers,
        loop {
            let comma = e < n && self.punct(e) && matches!(self.t(e).norm.as_str(), "," | "،");
            let m = if comma { self.subset_marker(e + 1) } else { self.subset_marker(e) };
            let m = match m {
                Some(m) => Some(m),
                // "، أحدهم في حالة خطرة،"، ", one of them seriously,"
                None if comma && e + 1 < n && (matches!(self.t(e + 1).base.as_str(), "احد" | "احدي") && !self.t(e + 1).suffix.is_empty() || self.t(e + 1).norm == "one" && e + 2 < n && self.t(e + 2).norm == "of") => Some(e + 1),
                None => None,
            };
            let Some(mut q) = m else { break };
            // the attackers among the dead are no victims (بمن فيهم منفذ العملية: five
            // killed with the attacker are four victims)
            if let (Some(a), Some(k)) = (v, self.attackers(q)) {
                if a > k {
                    v = Some(a - k);
                }
            }
            // a vague head whose subset is counted part by part (عدد من الشهداء بينهم 7 من
            // المدنيين و12 من القوات المسلحة): the parts are the whole
            if v.is_none() && !comma {
                if let (Some((Some(sv), _, _)), Some((Some(first), _, _))) = (self.qp(q, false), self.core(q, false)) {
                    if sv > first {
                        v = Some(sv);
                    }
                }
            }
            // the subset runs to the closing comma or the predicate
            let lim = (q + 10).min(n);
            while q < lim && !self.in_pred(q) && !(self.punct(q) && !matches!(self.t(q).norm.as_str(), "-" | "'")) {
                if !comma && q > e + 1 && (self.prep(q) && !matches!(self.t(q).norm.as_str(), "من" | "of")) {
                    break;
                }
                q += 1;
            }
            if comma {
                if q < n && matches!(self.t(q).norm.as_str(), "," | "،") {
                    e = q + 1;
                } else {
                    break;
                }
            } else {
                e = q;
            }
        }
        // a list in brackets naming the same people: 4 مدنيين ( طالبان جامعيان وسيدة وطفلة)
        let brackets = |e: usize| {
            if e < n && self.t(e).norm == "(" {
                if let Some(c) = (e + 1..(e + 14).min(n)).take_while(|&q| !self.in_pred(q)).find(|&q| self.t(q).norm == ")") {
                    return c + 1;
                }
            }
            e
        };
        e = brackets(e);
        // conjuncts, added: ثماني نساء وطفلان، 3 جنود و2 من …، two soldiers and a civilian
        let mut prev_dual = v == Some(2) && after_core == j + 1 && self.ar(j);
        loop {
            if e >= n {
                break;
            }
            // "إيقاف 11 شخصا … و9 أشخاص …، و209 أشخاص": a counted conjunct after a comma
            if e + 1 < n && matches!(self.t(e).norm.as_str(), "," | "،") && self.ar(e + 1) && self.t(e + 1).norm.starts_with('و') && !self.in_pred(e + 1) && (numbers::parse_at(self.toks, e + 1).is_some() || self.t(e + 1).norm == "و" && e + 2 < n && self.t(e + 2).kind == TokenKind::Number) {
                e += 1;
            }
            let t = self.t(e);
            let next = if is_ar(t) && t.norm == "و" || !is_ar(t) && t.norm == "and" {
                e + 1
            } else if is_ar(t) && t.norm.starts_with('و') && t.norm.chars().count() > 2 && !self.in_pred(e) {
                e
            } else {
                break;
            };
            if next >= n || self.in_pred(next) {
                break;
            }
            // the conjunct: a count, a person (وابنها، and his driver) — never a clause
            let c = if next == e {
                // و glued to the word: read the word without it
                self.conj_core(e)
            } else {
                self.core(next, true)
            };
            // "ضابطين ومجندين و4 مدنيين": after a dual, a sound -ين noun in the list is a
            // dual too (a plural there would leave the sum unstated)
            let c = c.or_else(|| (prev_dual && self.sound_dual(next)).then_some((Some(2), next + 1, false)));
            let Some((cv, ce, _)) = c else { break };
            prev_dual = cv == Some(2) && ce == next + 1;
            // "وفاة 6 أشخاص و33 جريحا": a conjunct counted by a casualty noun is another figure
            if ce < n && self.pred_at(ce).is_some_and(|o| o.kind == Kind::Counted) {
                break;
            }
            let ce2 = if self.unit(ce) { break } else { self.np_tail(ce, 4) };
            v = match (v, cv) {
                (Some(a), Some(b)) => Some(a + b),
                (a, None) => a,
                (None, b) => b,
            };
            e = brackets(skip_least(ce2));
        }
        // one named person, then his own people, counted: "القيادي في هيئة تحرير الشام أبو
        // خالد الشامي واثنان من مرافقيه"، "مدير الناحية … وثلاثة من أفراد حمايته" — the
        // pronoun on the partitive's noun refers back to the person, so the conjunct belongs
        // to this phrase however long the person's title and name (session casualty10)
        if single && v == Some(1) && self.ar(j) {
            let mut q = e;
            while q < n && q < e + 8 && !self.punct(q) && !self.in_pred(q) {
                if q > e && self.t(q).norm.starts_with('و') {
                    if let Some((Some(cv), ce, false)) = self.conj_core(q) {
                        let own_people = ce + 1 < n
                            && self.t(ce).norm == "من"
                            && (ce + 1..(ce + 4).min(n)).take_while(|&r| !self.punct(r)).any(|r| self.ar(r) && (matches!(self.t(r).suffix.as_str(), "ه" | "ها") || self.t(r).prefix.is_empty() && self.t(r).norm.strip_suffix('ه').is_some_and(|st| AR_HIS_PEOPLE.contains(&st))));
                        if own_people {
                            v = Some(1 + cv);
                            e = self.np_tail(ce, 4);
                        }
                    }
                    break;
                }
                q += 1;
            }
        }
        Some((v, e, single))
    }

    /// The attackers named at `q` (a subset of the dead): منفذ العملية/الهجوم، المهاجم،
    /// الانتحاري = 1; their duals and plurals = 2 only when الاثنان/الاثنين follows (a
    /// plural alone gives no number: None, as when the phrase names no attacker).
    pub(super) fn attackers(&self, q: usize) -> Option<u32> {
        if q >= self.n() || !self.ar(q) {
            return None;
        }
        let w = self.w(q);
        let w = strip_al(w).unwrap_or(w);
        match w {
            "منفذ" | "مهاجم" | "انتحاري" | "مفجر" | "منفذه" => Some(1),
            "منفذا" | "منفذي" | "مهاجمين" | "مهاجمان" | "انتحاريين" | "انتحاريان" if q + 1 < self.n() && matches!(self.t(q + 1).norm.as_str(), "الاثنين" | "الاثنان") => Some(2),
            _ => None,
        }
    }

    /// A sound -ين human noun that may be read as a dual (مجندين، عسكريين), not definite
    /// nor possessed.
    pub(super) fn sound_dual(&self, q: usize) -> bool {
        if q >= self.n() || !self.ar(q) || !self.t(q).suffix.is_empty() {
            return false;
        }
        let w = self.w(q);
        strip_al(w).is_none() && w.strip_suffix("ين").is_some_and(|st| HUMAN_SOUND.contains(&st) || self.inp.nisba.get(q).copied().unwrap_or(false) && st.ends_with('ي'))
    }

    /// A dual noun with a possessive pronoun (construct: its ن dropped): طفلاها، ابناه،
    /// شقيقاه، طفليها — two people.
    pub(super) fn possessed_dual(&self, q: usize) -> bool {
        let t = self.t(q);
        if !self.ar(q) || t.prefix.trim_start_matches(['و', 'ف']).starts_with(['ب', 'ل', 'ك']) {
            return false;
        }
        let dual = |b: &str| b.strip_suffix('ا').or_else(|| b.strip_suffix('ي')).is_some_and(|st| st.chars().count() >= 3 && HUMAN_BROKEN.contains(&st));
        if !t.suffix.is_empty() {
            return dual(t.base.as_str());
        }
        // (the tokenizer may leave the pronoun on the word: ابناه، طفلاها)
        let w = self.w(q);
        ["هما", "هم", "ها", "ه"].iter().any(|s| w.strip_suffix(s).is_some_and(|b| b.ends_with('ا') && dual(b)))
    }

    /// The core of a و-glued conjunct (وطفلان، وثلاثة، وابنها).
    pub(super) fn conj_core(&self, e: usize) -> Option<(Option<u32>, usize, bool)> {
        let t = self.t(e);
        let w = self.w(e);
        if w == t.norm {
            return None;
        }
        if let Some((v, used)) = numbers::parse_at(self.toks, e) {
            if self.not_a_count(e, used) {
                return None;
            }
            return Some((Some(v), e + used, false));
        }
        if numbers::is_vague(w) {
            return Some((None, e + 1, false));
        }
        if let Some(h) = self.ar_human(e) {
            return Some((Some(h), e + 1, h == 1));
        }
        self.definite_person(e).map(|q| (Some(1), q, true))
    }
}
