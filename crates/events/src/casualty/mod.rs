//! The casualty grammar: how many were killed, injured or arrested, stated in one
//! sentence, and which incident of the sentence each figure belongs to.
//!
//! Two kinds of phrases meet:
//! - a **casualty predicate**: a verb (قتل، أصيب، اعتقل، لقي … حتفه، killed, were wounded),
//!   a noun taking its count after it (مقتل، إصابة، اعتقال، أودى بحياة), a counted noun
//!   taking it before (قتلى، قتيلا، جرحى، dead), or a toll (حصيلة، عدد القتلى، death toll);
//! - a **quantity phrase** (`Qp`): digits or number words (with gender, construct and
//!   dual forms, teens and و-joined compounds: numbers.rs), a dual noun (شرطيان،
//!   امرأتين), one of (أحد حراسه، one of), another (آخر، آخران، another), a bare
//!   indefinite singular human noun (قاضيا، a policeman), optionally after an
//!   approximator (ما لا يقل عن، أكثر من، نحو، at least, more than: the stated number is
//!   kept as a floor) and followed by its counted noun and adjectives, a subset in
//!   parentheses that is not added (بينهم أربعة …، including three …), and conjuncts
//!   that are added (ثماني نساء وطفلان = 10, two soldiers and a civilian = 3). Vague
//!   quantities (عشرات، dozens) are phrases without a value: they block a figure.
//!
//! A predicate takes the phrase in the position its kind allows: after a verb (VSO,
//! skipping the subject of a transitive verb: قتل مسلحون ملثمون أربعة …, and preferring a
//! second phrase when the first is the agent: قتل انتحاري … 31 متطوعا), before a plural
//! verb or an English passive (ثمانية أشخاص … قتلوا، two soldiers and a civilian were
//! killed), right before a counted noun (35 قتيلا), after a toll. Implicit singletons:
//! a killing verb whose victim is one definite person (اغتالوا العميد، the deputy
//! governor, a named person), a singular pronoun on حتف/مصرع (لقي حتفه).
//!
//! Incidents: a sentence is cut where a clause connective (فيما، بينما، كما، ، و…، and,
//! while) starts a new clause with its own figure, when both sides have their own
//! attack word or place (قتل سبعة … في بعقوبة، فيما قتل ستة آخرون … في كركوك). An
//! elided verb counts too (nine killed in Karachi and four in Lahore). Each part keeps
//! its own figures.

mod attach;
mod nouns;
mod predicates;
mod quantity;
mod words;
#[cfg(test)]
mod tests;

use marsad_core::{Token, TokenKind};
use words::*;

pub const KILLED: usize = 0;
pub const INJURED: usize = 1;
pub const ARRESTED: usize = 2;

/// What the grammar needs to know about the sentence besides its tokens; every vector
/// is indexed by token.
pub struct Input<'a> {
    pub toks: &'a [Token],
    /// inside a date or time expression ("12 March", "الساعة 10")
    pub time: Vec<bool>,
    /// inside a person's name
    pub person: Vec<bool>,
    /// a nationality noun (فلسطيني، عراقي): a person when indefinite
    pub nisba: Vec<bool>,
    /// the word as written (only و/ف before it) is a nationality noun, whatever proclitics
    /// the clitic analyser saw in it: فلسطينيا is read فـ+لـ+سطينيا, and its ل is no
    /// preposition (15 فلسطينيا قتلوا)
    pub nisba_word: Vec<bool>,
    /// an attack word (not a casualty word) or a place: what makes a clause an incident
    pub anchor: Vec<bool>,
    /// the sentence is about illness: أصيب/إصابات are infections, not injuries
    pub disease: bool,
    /// a Latin word written with a capital (Palestinian, Iraqi): demonyms
    pub upper: Vec<bool>,
    /// an attack word (not a casualty word), definite or not: the head of a relative
    /// clause that states another attack's toll (للهجوم الذي … أسفر عن مقتل 22)
    pub attack: Vec<bool>,
    /// the word is written with the dual's sukun on its ي (عسكرييْن، مجنديْن): a sound
    /// -ين noun that is a dual, not a plural (see [`dual_marks`])
    pub dual: Vec<bool>,
}

/// Per token: is the word as written in `text` a dual by its vowel marks — its ي carries
/// a sukun before the final ن (عسكرييْن، مجنديْن)? The normalised token has lost the
/// mark, and without it the sound -ين of a plural and of a dual are one spelling.
pub fn dual_marks(text: &str, toks: &[Token]) -> Vec<bool> {
    toks.iter()
        .map(|t| {
            t.kind == TokenKind::Arabic && text.get(t.byte_start..t.byte_end).is_some_and(|w| {
                let w = w.trim_end_matches(['\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}', '\u{0640}']);
                w.ends_with("\u{064A}\u{0652}\u{0646}")
            })
        })
        .collect()
}

/// A figure: `value` people of `class`, stated by the predicate at token `pred`.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub class: usize,
    pub value: u32,
    pub pred: usize,
    pub qp: (usize, usize),
    /// a further class of the same toll, joined by و right after the previous figure
    /// (القضاء على 5 إرهابيين واستشهاد مواطن = 6 killed): added to it, not a restatement
    pub adds: bool,
    /// a vague part of an added chain (عدد من الشهداء … فضلا عن القضاء على 36، إصابة شخصين
    /// وآخرين): the sum is not stated, so the chain gives no figure (`value` is 0)
    pub vague: bool,
}

/// The figures of a sentence and its incidents (token ranges).
#[derive(Clone, Debug, Default)]
pub struct Tolls {
    /// first token of each incident; the first is always 0
    pub starts: Vec<usize>,
    /// per incident: it is a relative clause about another attack, with its own toll
    /// (الاعتداءات التي استهدفت … وأسفرت عن مقتل 17): its figures go to no event
    /// outside it, and an incident of it with no event of its own need not be covered
    pub relative: Vec<bool>,
    pub figures: Vec<Figure>,
}

impl Tolls {
    /// The incident holding token `t`.
    pub fn seg_of(&self, t: usize) -> usize {
        self.starts.iter().rposition(|&s| s <= t).unwrap_or(0)
    }
    /// The figure of `class` in incident `seg` (all incidents for None): the largest
    /// stated, since a sentence restating a toll gives it twice.
    pub fn get(&self, seg: Option<usize>, class: usize) -> Option<u32> {
        // each chain of added figures is one toll; a vague part makes its chain unstated
        let mut chains: Vec<Option<u32>> = Vec::new();
        for f in self.figures.iter().filter(|f| f.class == class && seg.map_or(true, |s| self.seg_of(f.pred) == s)) {
            let v = (!f.vague).then_some(f.value);
            match chains.last_mut() {
                Some(c) if f.adds => *c = c.zip(v).map(|(a, b)| a + b),
                _ => chains.push(v),
            }
        }
        chains.into_iter().flatten().max()
    }
}

// ---------------------------------------------------------------------------
// predicates

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// transitive verb: the object is the victim (or, read as a passive, the subject after it)
    VerbT,
    /// intransitive or passive verb: the subject after it (Arabic) or before it (English)
    VerbI,
    /// a verbal noun counting what follows: مقتل 5، إصابة نحو خمسمئة، اعتقال 12
    NounGen,
    /// a counted noun: the number comes right before it (35 قتيلا، ثلاثة قتلى، 14 dead)
    Counted,
    /// a toll: the first count after it (حصيلة … إلى 35، the death toll rose to 43)
    Toll,
}

#[derive(Clone, Debug)]
struct Pred {
    i: usize,
    last: usize,
    class: usize,
    kind: Kind,
    /// agreement in the plural or dual (قتلوا، أصيبوا، لقيا): the subject may come first
    plural: bool,
    /// English passive (was/were/been … killed): the subject comes first
    passive: bool,
    /// a count carried by the predicate itself: قتيلين → 2, حتفه → 1, حتفهما → 2
    own: Option<u32>,
    /// a killing verb whose single definite victim counts as one
    singleton: bool,
}

fn is_ar(t: &Token) -> bool {
    t.kind == TokenKind::Arabic
}

/// The word without a conjunction و/ف (when what remains is a word).
fn bare(t: &Token) -> &str {
    let n = t.norm.as_str();
    if is_ar(t) {
        // (three chars or more, without counting them all: test `char_tests_are_counts`)
        for c in ['و', 'ف'] {
            if let Some(r) = n.strip_prefix(c) {
                if r.chars().nth(2).is_some() {
                    return r;
                }
            }
        }
    }
    n
}

fn strip_al(w: &str) -> Option<&str> {
    for p in ["ال", "لل", "بال"] {
        if let Some(r) = marsad_text::clitics::strip_prefix(w, p) {
            if r.chars().nth(1).is_some() {
                return Some(r);
            }
        }
    }
    None
}

struct G<'a> {
    inp: &'a Input<'a>,
    toks: &'a [Token],
    preds: Vec<Option<Pred>>,
}

impl<'a> G<'a> {
    fn n(&self) -> usize {
        self.toks.len()
    }
    fn t(&self, i: usize) -> &Token {
        &self.toks[i]
    }
    fn w(&self, i: usize) -> &str {
        bare(&self.toks[i])
    }
    fn punct(&self, i: usize) -> bool {
        self.toks[i].kind == TokenKind::Punct
    }
    fn ar(&self, i: usize) -> bool {
        is_ar(&self.toks[i])
    }
    /// A preposition or a word carrying one (برصاص، لقوات، بجروح): a PP starts here.
    fn prep(&self, i: usize) -> bool {
        let t = self.t(i);
        if is_ar(t) && self.inp.nisba_word.get(i).copied().unwrap_or(false) {
            return false;
        }
        if is_ar(t) {
            let p = t.prefix.trim_start_matches(['و', 'ف']);
            AR_PREPS.contains(&self.w(i)) || AR_PREPS.contains(&t.norm.as_str()) || p.starts_with('ب') || p.starts_with('ل') || p.starts_with('ك')
        } else {
            EN_PREPS.contains(&t.norm.as_str())
        }
    }
    fn clause(&self, i: usize) -> bool {
        let t = self.t(i);
        if is_ar(t) {
            AR_CLAUSE.contains(&t.norm.as_str()) || AR_CLAUSE.contains(&self.w(i)) && t.norm.starts_with('و')
        } else {
            matches!(t.norm.as_str(), "when" | "while" | "as" | "after" | "which" | "who" | "that" | "because" | "but" | "whereas" | "where")
        }
    }

    /// Is the figure of `p` (its phrase `s..e`) a further part of the class's toll
    /// stated before it, not a restatement? The sentence says so by an additive word
    /// between them (بالإضافة إلى، إضافة إلى، فضلا عن، علاوة على، أيضا، كذلك) or by an
    /// "another" in the phrase (4 أشخاص آخرين، رجل آخر، وجرح ثالث، ومات الثاني). A toll
    /// (حصيلة، عدد القتلى) restates, it never adds. Returns whether the earlier part was
    /// vague (عدد من الشهداء … فضلا عن القضاء على 36), or None when nothing is added to.
    fn added_to(&self, found: &[(usize, Figure)], vague: &[(usize, usize, usize)], p: &Pred, s: usize, e: usize) -> Option<bool> {
        if !self.ar(p.i) || p.kind == Kind::Toll {
            return None;
        }
        let start = p.i.min(s);
        let prev_fig = found.iter().rev().find(|(_, f)| f.class == p.class && f.pred < p.i).map(|(_, f)| (f.pred, f.qp.1, false));
        let prev_vague = vague.iter().rev().find(|m| m.0 == p.class && m.1 < p.i).map(|m| (m.1, m.2, true));
        let (pp, pe, was_vague) = match (prev_fig, prev_vague) {
            (Some(a), Some(b)) => if b.0 > a.0 { b } else { a },
            (a, b) => a.or(b)?,
        };
        if self.pred_at(pp).is_some_and(|o| o.kind == Kind::Toll) || pe > start || start - pe > 30 {
            return None;
        }
        if (pe..start).any(|q| self.punct(q) && matches!(self.t(q).norm.as_str(), "." | "!" | "?" | "؟" | ":")) {
            return None;
        }
        // the earlier figure is a relative clause's, told of its antecedent (العملية … التي
        // أسفرت عن القضاء على عنصرين …، تمكنت … من القضاء على عنصرين آخرين): another toll
        let relative = (pp.saturating_sub(4)..pp).any(|q| matches!(self.t(q).norm.as_str(), "الذي" | "التي"));
        if relative && (pe..start).any(|q| matches!(self.t(q).norm.as_str(), "," | "،")) {
            return None;
        }
        const MORE: &[&str] = &["بالاضافه", "اضافه", "فضلا", "علاوه", "ايضا", "كذلك"];
        let between = (pe..start).chain(p.last + 1..s.max(p.last + 1)).any(|q| self.ar(q) && (MORE.contains(&self.w(q)) || MORE.contains(&self.t(q).norm.as_str())));
        const ANOTHER: &[&str] = &["اخر", "اخري", "اخرون", "اخرين", "اخريات", "اخران", "اخريان", "الاخر", "الاخرين", "الاخرون", "ثالث", "ثالثه", "رابع", "الثاني", "الثالث", "الرابع", "الثانيه", "الثالثه"];
        let another = (s..e.min(self.n())).any(|q| self.ar(q) && ANOTHER.contains(&self.w(q)));
        // a new clause with its own casualty verb and a new indefinite victim (… إصابة 3
        // مواطنين …، وأصيب أحد أعوان الحرس؛ أصيب عسكري …، فيما أصيب مهرب …): one more
        let clause = matches!(p.kind, Kind::VerbI | Kind::VerbT) && p.i > 0 && {
            let t = self.t(p.i);
            let joined = t.norm.starts_with('و') && !t.prefix.is_empty() && self.punct(p.i - 1);
            joined || matches!(self.t(p.i - 1).norm.as_str(), "فيما" | "بينما" | "كما")
        } && s > p.last && s < self.n() && {
            let w = self.w(s);
            matches!(w, "احد" | "احدي") || matches!(self.t(s).base.as_str(), "احد" | "احدي") || strip_al(w).is_none() && self.ar_human(s) == Some(1)
        };
        (between || another || clause).then_some(was_vague)
    }

    /// Is the predicate at `p` القضاء على (the forces "eliminating" militants)?
    fn eliminated(&self, p: usize) -> bool {
        let t = self.t(p);
        self.ar(p) && (t.base == "قضاء" || strip_al(self.w(p)) == Some("قضاء") || self.w(p) == "بالقضاء") && self.pred_at(p).is_some_and(|o| o.class == KILLED)
    }

    // ---- the predicate found at each token (filled by `tolls`)

    fn pred_at(&self, i: usize) -> Option<&Pred> {
        self.preds.get(i).and_then(|p| p.as_ref())
    }
    /// A predicate starts or continues at i.
    fn in_pred(&self, i: usize) -> bool {
        (0..=i).rev().take(8).any(|s| self.pred_at(s).map_or(false, |p| p.i <= i && i <= p.last))
    }
}

/// The casualty figures of one sentence, with its incidents.
pub fn tolls(inp: &Input) -> Tolls {
    let toks = inp.toks;
    let mut g = G { inp, toks, preds: Vec::new() };
    let mut preds: Vec<Option<Pred>> = vec![None; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if let Some(p) = g.find_pred(i) {
            let last = p.last;
            preds[i] = Some(p);
            i = last + 1;
        } else {
            i += 1;
        }
    }
    g.preds = preds;
    let mut out = Tolls { starts: vec![0], ..Default::default() };
    let mut found: Vec<(usize, Figure)> = Vec::new();
    // (class, predicate, end) of each vague quantity a predicate took (عدد من، آخرون)
    let mut vague_marks: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..toks.len() {
        let Some(p) = g.pred_at(i).cloned() else { continue };
        if g.combined(&p) {
            continue;
        }
        // an attempt kills or wounds no one it names: حاول مسلح قتل ثلاثة أشخاص، محاولة
        // اغتيال (the attack still happened; the event stays, without a figure)
        if g.attempted(&p) || g.died_of_wounds(&p) || g.released(&p) || g.slaughter(&p) {
            continue;
        }
        let att = g.attach(&p).or_else(|| g.assassination_singleton(&p)).or_else(|| g.crime_singleton(&p));
        if std::env::var_os("MARSAD_CASUALTY_TRACE").is_some() {
            eprintln!("pred {} {:?} class={} own={:?} -> {:?}", toks[i].norm, p.kind, p.class, p.own, att);
        }
        let Some((v, s, e)) = att else {
            // "أصيب شرطي بجروح خطيرة توفي على إثرها"، "أصيب الشاب … حيث فارق الحياة": a
            // singular death verb with no subject of its own tells that the one just
            // wounded died; he counts killed, not injured
            if p.class == KILLED && p.kind == Kind::VerbI && !p.plural && is_ar(&toks[i]) {
                if let Some((_, f)) = found.iter_mut().rev().find(|(_, f)| f.pred < i) {
                    let near = f.class == INJURED && f.value == 1 && !f.adds && f.qp.1 <= i && i - f.qp.1 <= 14;
                    if near && !(f.qp.1..i).any(|q| g.punct(q) && matches!(toks[q].norm.as_str(), "." | "!" | "?" | "؟" | ":" | "،" | ",")) && !(f.qp.1..i).any(|q| g.pred_at(q).is_some()) {
                        f.class = KILLED;
                    }
                }
            }
            continue;
        };
        // "… استشهدوا، ليرتفع عدد الشهداء منذ بدء العدوان إلى 112"، "bringing the toll since
        // January to 40": a toll over a period is a running total of many incidents, not
        // this one's; when the sentence already gave a figure of its class, that figure is
        // the incident's and the total is no figure of it (alone, it is kept)
        if p.kind == Kind::Toll && found.iter().any(|(_, f)| f.class == p.class && !f.vague) && g.period_total(&p, s) {
            continue;
        }
        // "… وأسفرت عن مقتل شرطيين وإصابة آخر، بالإضافة إلى مقتل منفذ الهجوم": the
        // attacker's own death is no victim of the attack (the labels count victims only)
        if p.class == KILLED && g.attackers(s).is_some() && found.iter().any(|(_, f)| f.class == KILLED && !f.vague) {
            continue;
        }
        if let Some(v) = v {
            // "… على 5 إرهابيين واستشهاد مواطن": a و-joined predicate of the same class right
            // after the previous figure adds to it
            let glued = is_ar(&toks[i]) && toks[i].norm.starts_with('و') && found.last().is_some_and(|(_, f)| f.class == p.class && (f.qp.1 == i || f.qp.1 + 1 == i && matches!(toks[f.qp.1].norm.as_str(), "," | "،")) && f.pred != i);
            // "… بالإضافة إلى مقتل منفذ الهجوم"، "وإيقاف 4 أشخاص آخرين"، "ومات الثاني": a
            // further figure of the class, added; after a vague one (عدد من الشهداء … فضلا
            // عن القضاء على 36) the sum is vague
            let after = if glued { None } else { g.added_to(&found, &vague_marks, &p, s, e) };
            let adds = glued || after.is_some();
            let vague = after == Some(true);
            found.push((i, Figure { class: p.class, value: v, pred: i, qp: (s, e), adds, vague }));
        } else if let Some(prev) = g.added_to(&found, &vague_marks, &p, s, e) {
            // "… وإصابة شخصين وآخرين"، a vague part added to a stated toll: the sum is vague
            if !prev {
                found.push((i, Figure { class: p.class, value: 0, pred: i, qp: (s, e), adds: true, vague: true }));
            }
        }
        if v.is_none() {
            vague_marks.push((p.class, i, e));
        }
        // gapping: "… قتل سبعة في بعقوبة وستة في كركوك"، "nine killed in Karachi and four in Lahore"
        let mut q = e.max(p.last + 1);
        let n = toks.len();
        while q < n && q < e.max(p.last + 1) + 12 {
            if g.in_pred(q) || g.clause(q) {
                break;
            }
            if g.punct(q) {
                let glued = q + 1 < n && (toks[q + 1].norm == "and" || is_ar(&toks[q + 1]) && toks[q + 1].norm.starts_with('و'));
                if !(matches!(toks[q].norm.as_str(), "," | "،") && glued) {
                    break;
                }
                q += 1;
                continue;
            }
            let t = &toks[q];
            let conj = is_ar(t) && t.norm.starts_with('و') || t.norm == "and";
            if conj && q > e {
                let start = if t.norm == "and" || t.norm == "و" { q + 1 } else { q };
                let core = if start == q { g.conj_core(q) } else { g.core(start, false) };
                if let Some((Some(v2), ce, _)) = core {
                    let ce = g.np_tail(ce, 3);
                    let anchored = ce < n && g.prep(ce) && (ce..(ce + 4).min(n)).any(|x| inp.anchor.get(x).copied().unwrap_or(false));
                    let had_anchor = (p.last + 1..q).any(|x| inp.anchor.get(x).copied().unwrap_or(false));
                    if anchored && had_anchor {
                        found.push((q, Figure { class: p.class, value: v2, pred: q, qp: (start, ce), adds: false, vague: false }));
                        out.starts.push(q);
                    }
                }
                break;
            }
            q += 1;
        }
    }
    // incidents: cut at a connective that opens a clause with its own figure, when both
    // sides have their own attack word or place
    let n = toks.len();
    let anchor = |a: usize, b: usize| (a..b.min(n)).any(|x| inp.anchor.get(x).copied().unwrap_or(false));
    let mut cuts: Vec<usize> = Vec::new();
    for q in 1..n {
        let t = &toks[q];
        let w = if is_ar(t) { t.norm.as_str() } else { t.norm.as_str() };
        let connective = matches!(w, "فيما" | "بينما" | "كما" | "while" | "whereas" | "meanwhile")
            || (w == "في" && q + 1 < n && toks[q + 1].norm == "حين")
            || (is_ar(t) && t.norm.starts_with('و') && g.pred_at(q).is_some() && q > 0 && g.punct(q - 1))
            || (w == "and" && g.pred_at(q + 1).is_none() && {
                // "and six others died": a new subject with its own verb
                g.core(q + 1, false).map_or(false, |(_, ce, _)| {
                    let ce = g.np_tail(ce, 4);
                    (ce..(ce + 3).min(n)).any(|x| g.pred_at(x).is_some())
                })
            });
        if connective {
            cuts.push(q);
        }
    }
    // a relative clause about another attack with a figure of its own: the definite
    // phrase before الذي/التي holds an attack word (للهجوم الذي وقع الشهر الماضي … وأسفر
    // عن مقتل 22 شخصا، على الاعتداءات التي استهدفت … واسفرت عن مقتل 17 شخصا)
    let attack = |a: usize, b: usize| (a..b.min(n)).any(|x| inp.attack.get(x).copied().unwrap_or(false));
    let mut rel_cuts: Vec<usize> = Vec::new();
    for q in 1..n {
        if !(is_ar(&toks[q]) && matches!(toks[q].norm.as_str(), "الذي" | "التي")) {
            continue;
        }
        let mut s = q;
        while s > 0 && q - s < 3 && is_ar(&toks[s - 1]) && {
            let w = bare(&toks[s - 1]);
            w.starts_with("ال") || w.starts_with("لل") || w.starts_with("بال")
        } {
            s -= 1;
        }
        // (not the forces' القضاء على after it: that is the operation's toll, not the
        // relative clause's — صد الهجوم الذي استهدفها …، والقضاء على إرهابيين اثنين)
        let own_fig = found.iter().any(|(at, f)| !f.vague && *at > q && !g.eliminated(*at) && (q..*at).all(|x| !g.punct(x) || matches!(toks[x].norm.as_str(), "," | "،")));
        if s > 0 && s < q && attack(s, q) && own_fig {
            rel_cuts.push(s);
        }
    }
    // the English relative of another attack: "in response to an Israeli strike that
    // killed two civilians", "clashes which killed 20" — its verb comes right after the
    // pronoun (session casualty8)
    for q in 1..n {
        if is_ar(&toks[q]) || !matches!(toks[q].norm.as_str(), "that" | "which") || q + 1 >= n {
            continue;
        }
        let own_fig = found.iter().any(|(at, f)| !f.vague && (*at == q + 1 || *at == q + 2 && matches!(toks[q + 1].norm.as_str(), "had" | "has" | "have")));
        let Some(x) = (q.saturating_sub(3)..q).rev().find(|&x| inp.attack.get(x).copied().unwrap_or(false)) else { continue };
        let mut s = x;
        while s > 0 && x - s < 4 && !is_ar(&toks[s - 1]) && toks[s - 1].kind == TokenKind::Latin && !matches!(toks[s - 1].norm.as_str(), "to" | "in" | "on" | "after" | "by" | "of" | "for" | "from" | "with" | "said" | "saying") {
            s -= 1;
        }
        if s > 0 && own_fig {
            rel_cuts.push(s);
        }
    }
    cuts.extend(rel_cuts.iter().copied());
    cuts.extend(out.starts.iter().copied().filter(|&s| s > 0));
    cuts.sort_unstable();
    cuts.dedup();
    let mut starts = vec![0usize];
    let mut relative = vec![false];
    for c in cuts {
        let prev = *starts.last().unwrap();
        let fig_before = found.iter().any(|(at, f)| !f.vague && *at >= prev && *at < c);
        let next_cut_end = n;
        let fig_after = found.iter().any(|(at, f)| !f.vague && *at >= c);
        let rel = rel_cuts.contains(&c);
        if fig_before && fig_after && anchor(prev, c) && anchor(c, next_cut_end) || rel && fig_after {
            starts.push(c);
            relative.push(rel);
        }
    }
    out.starts = starts;
    out.relative = relative;
    out.figures = found.into_iter().map(|(_, f)| f).collect();
    out
}
