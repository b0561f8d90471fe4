//! Whom an Arabic protest is against: a sentence-wide search for the target of a
//! protest (ضد، احتجاجا على، معادية لـ، منددين بـ، مطالبين، يسقط، أمام، بين …), first
//! for a cue that names a target, then for the place or goal of the march.

use crate::sentence::*;
use crate::words::*;
use marsad_core::TokenKind;

const HOSTILE: &[&str] = &["معادي", "مناهض", "مضاد", "مناوي", "المعادي", "المناهض", "المضاد", "المناوي"];
const DENOUNCE: &[&str] = &[
    "ينددون", "منددين", "منددا", "تنديدا", "للتنديد", "تندد", "يندد", "ندد", "نددوا", "منددون", "مندده", "المندده", "تدين", "يدين", "تدين",
    "ادانه", "استنكارا", "رفض", "رفضها", "رفضهم", "رفضا", "رافضين", "رافضه",
];
const ACCUSE: &[&str] = &["اتهم", "اتهموا", "متهمين", "متهما", "يتهمون", "تتهم", "يتهم", "اتهمت"];
const DEMAND: &[&str] = &["تدعو", "يدعو", "يدعون", "داعين", "يطالب", "تطالب", "مطالبين", "طالبوا", "يطالبون", "مطالبا", "طالب", "طالبت", "مطالبه", "لمطالبه", "ومطالبه", "مطالبه"];

impl<'a> Sent<'a> {
    /// Whom an Arabic protest is against: ضد X، احتجاجا على X، هتافات معادية لـX،
    /// منددين بـX، مطالبين X، يسقط X، الموت لـX، أمام X، بين الشرطة والمتظاهرين. The words
    /// are read from the trigger `from` to the end, then from the start.
    pub(crate) fn protest_target(&self, from: usize, actor: Option<Np>) -> Option<Np> {
        let n = self.toks.len();
        let inside_actor = |j: usize| actor.map_or(false, |a| a.0 <= j && j <= a.1);
        let order: Vec<usize> = (from..n).chain(0..from).filter(|&j| is_ar(&self.toks[j]) && !inside_actor(j)).collect();
        order.iter().find_map(|&j| self.cue_target(j, actor)).or_else(|| order.iter().find_map(|&j| self.goal_target(j, actor)))
    }

    /// The phrase after a cue: an actor-like word within a short genitive chain wins
    /// (احتجاجا على حملة اليمين المتطرف → اليمين المتطرف), else the first noun phrase.
    fn after_cue(&self, j: usize, actor: Option<Np>) -> Option<Np> {
        let n = self.toks.len();
        let inside_actor = |j: usize| actor.map_or(false, |a| a.0 <= j && j <= a.1);
        let mut first: Option<usize> = None;
        let mut k = j + 1;
        while k < n && k <= j + 5 {
            let t = &self.toks[k];
            if t.kind == TokenKind::Punct && !matches!(t.norm.as_str(), "«" | "\"") {
                break;
            }
            if inside_actor(k) || self.trig[k] && first.is_some() {
                break;
            }
            if first.is_some() && PREPS.contains(&t.norm.as_str()) {
                break;
            }
            if matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) && !self.is_func(k) {
                // امام مبنى هيئة الاوراق المالية / مقر الحزب: the building stands for its institution
                if first.is_none() && k + 1 < n && is_ar(&self.toks[k + 1]) && !self.is_func(k + 1) && has_stem(&t.norm, &["مبني", "مقر", "مكتب", "مقار", "مباني"]) {
                    k += 1;
                    continue;
                }
                if self.actorish(k) {
                    return Some(self.np_from(k, true));
                }
                if first.is_none() {
                    first = Some(k);
                }
            }
            k += 1;
        }
        first.map(|f| self.np_from(f, true))
    }

    /// The target named by a cue at token `j` (first pass).
    fn cue_target(&self, j: usize, actor: Option<Np>) -> Option<Np> {
        let n = self.toks.len();
        let t = &self.toks[j];
        let nn = strip_conj(&t.norm);
        let k = self.key[j];
        let after = |j: usize| self.after_cue(j, actor);
        // اشتبك متظاهرون … مع الجيش الإسرائيلي
        let clash_with = nn == "مع"
            && (j.saturating_sub(5)..j).any(|q| {
                let k = self.key[q];
                k.starts_with("اشتبك") || k.starts_with("صدام") || k.starts_with("مواجه") || k.starts_with("اشتباك") || k.starts_with("تصادم")
            });
        if clash_with {
            if let Some(np) = after(j) {
                return Some(np);
            }
        }
        let prev_protest = j > 0 && {
            let pk = self.key[j - 1];
            ["احتجاج", "للاحتجاج", "يحتج", "محتج", "احتج", "الاحتجاج", "تعبير", "احتجاجا"].iter().any(|p| pk.starts_with(p))
        };
        // احتجاجا على ما يتعرض له …: a clause, not a target
        let clause_next = j + 1 < n && matches!(self.toks[j + 1].norm.as_str(), "ما" | "من" | "ان");
        if (nn == "ضد" || (nn == "علي" && prev_protest) || nn == "يسقط") && !clause_next {
            if let Some(np) = after(j) {
                return Some(np);
            }
        }
        // هتافات معادية للحكومة: only with the ل-object (not الاعلانات المضادة في الصحف)
        let hostile_hit = HOSTILE.iter().any(|h| nn.starts_with(h) || k.starts_with(h)) && j + 1 < n && self.toks[j + 1].norm.starts_with('ل');
        // المطالبة باستقالة X، إقالة X، رحيل X: the one to go is the target
        let removal = has_stem(&t.norm, &["استقاله", "اقاله", "رحيل", "اسقاط", "اطاحه", "محاكمه", "تنحي", "طرد"]);
        // غضب من قرار بريطانيا
        let anger = nn == "من" && (j.saturating_sub(2)..j).any(|q| self.key[q].starts_with("غضب"));
        if hostile_hit || removal || anger || DENOUNCE.contains(&nn) || ACCUSE.contains(&nn) || k == "موت" {
            if let Some(np) = after(j) {
                return Some(np);
            }
        }
        // وهاجم المتظاهرون محافظ العاصمة: the one the crowd attacks (after the crowd itself)
        if has_stem(&t.norm, &["هاجم", "يهاجم", "يهاجمون", "هاجموا", "مهاجمين"]) {
            let start = match actor {
                Some(a) if a.0 == j + 1 => a.1,
                _ => j,
            };
            if let Some(np) = after(start) {
                return Some(np);
            }
        }
        if DEMAND.contains(&nn) {
            if let Some(np) = self.addressee(j, actor) {
                return Some(np);
            }
        }
        if nn == "بين" {
            return after(j).and_then(|x| self.other_side(x));
        }
        None
    }

    /// مطالبين لجنة تفادي التعذيب بـ…: the one a demand addresses (a bare object, or an
    /// actor within four words).
    fn addressee(&self, j: usize, actor: Option<Np>) -> Option<Np> {
        let n = self.toks.len();
        let inside_actor = |j: usize| actor.map_or(false, |a| a.0 <= j && j <= a.1);
        if j + 1 < n && is_ar(&self.toks[j + 1]) && !self.is_func(j + 1) && !self.toks[j + 1].norm.starts_with('ب') && !inside_actor(j + 1) && !self.trig[j + 1] && !self.prep_clitic(j + 1) {
            return Some(self.np_from(j + 1, true));
        }
        for m in j + 1..(j + 5).min(n) {
            if self.toks[m].kind == TokenKind::Punct {
                break;
            }
            if self.actorish(m) && !inside_actor(m) {
                return Some(self.np_from(m, true));
            }
        }
        None
    }

    /// بين الشرطة والمتظاهرين: of the two sides after بين, the one that is not the crowd.
    fn other_side(&self, x: Np) -> Option<Np> {
        let n = self.toks.len();
        let y = (x.1 + 1 < n && self.toks[x.1 + 1].norm.starts_with('و')).then(|| self.np_from(x.1 + 1, true));
        let protesters = |sp: Np| (sp.0..=sp.1).any(|q| self.head(q).map_or(false, |h| h.0 == "CVL" || h.0 == "EDU" || h.0 == "LAB"));
        match y {
            Some(y) if protesters(y) && !protesters(x) => Some(x),
            Some(y) if protesters(x) && !protesters(y) => Some(y),
            _ => None,
        }
    }

    /// Where the protest is held or goes (second pass): أمام X، قبالة X, or an actor-like
    /// goal after الى/باتجاه/نحو/حتى (الى مقر رئيس الوزراء، حتى السفارة الاسرائيلية).
    fn goal_target(&self, j: usize, actor: Option<Np>) -> Option<Np> {
        let nn = strip_conj(&self.toks[j].norm);
        if nn == "امام" || nn == "قباله" {
            if let Some(np) = self.after_cue(j, actor) {
                return Some(np);
            }
        }
        if matches!(nn, "الي" | "باتجاه" | "نحو" | "حتي") {
            return self.after_cue(j, actor).filter(|np| (np.0..=np.1).any(|q| self.actorish(q)));
        }
        None
    }
}
