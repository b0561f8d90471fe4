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

use crate::numbers;
use marsad_core::{Token, TokenKind};

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
    /// an attack word (not a casualty word) or a place: what makes a clause an incident
    pub anchor: Vec<bool>,
    /// the sentence is about illness: أصيب/إصابات are infections, not injuries
    pub disease: bool,
}

/// A figure: `value` people of `class`, stated by the predicate at token `pred`.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub class: usize,
    pub value: u32,
    pub pred: usize,
    pub qp: (usize, usize),
}

/// The figures of a sentence and its incidents (token ranges).
#[derive(Clone, Debug, Default)]
pub struct Tolls {
    /// first token of each incident; the first is always 0
    pub starts: Vec<usize>,
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
        self.figures
            .iter()
            .filter(|f| f.class == class && seg.map_or(true, |s| self.seg_of(f.pred) == s))
            .map(|f| f.value)
            .max()
    }
}

// ---------------------------------------------------------------------------
// lexicon

/// Singular human nouns whose plural is broken, so -ين/-ان on them is a dual
/// (جنديين، عنصرين) and -ا an indefinite accusative (قاضيا).
const HUMAN_BROKEN: &[&str] = &[
    "شخص", "جندي", "شرطي", "ضابط", "عنصر", "طفل", "ولد", "بنت", "امراه", "رجل", "شاب", "فتي", "فتاه", "صبي", "شقيق", "اخ", "ابن",
    "اب", "زوج", "والد", "حارس", "قايد", "زعيم", "شيخ", "امام", "قاضي", "طالب", "تلميذ", "طبيب", "عميد", "عقيد", "نقيب", "رايد",
    "ملازم", "رقيب", "جنرال", "وزير", "سفير", "نايب", "عضو", "فرد", "رهينه", "اسير", "سجين", "مختار", "قس", "كاهن", "راهب",
    "تاجر", "صياد", "راعي", "اجنبي", "رييس", "مدير", "امير", "سيده", "طفله", "شابه", "شقيقه", "اخت", "ابنه", "ام", "زوجه",
    "والده", "طالبه", "تلميذه", "طبيبه", "قروي", "حاج", "خطيب", "داعيه", "مفتي", "نجل", "حفيد", "عم", "خال", "جار", "صديق",
    "حارسه", "ضيف", "زاير", "عون",
];
/// Singular human nouns with a sound plural: -ين is a plural as often as a dual,
/// -ان (nominative dual) still a dual.
const HUMAN_SOUND: &[&str] = &[
    "مدني", "مواطن", "مسلح", "مقاتل", "متظاهر", "عامل", "سايق", "ناشط", "معتقل", "راكب", "مهاجم", "انتحاري", "مسوول", "صحفي",
    "اعلامي", "موظف", "مهندس", "معلم", "ممرض", "محامي", "مستوطن", "مزارع", "مدرس", "مجند", "متطوع", "مصور", "لاجي", "نازح",
    "محافظ", "قيادي", "معارض", "مرافق", "مختطف", "مسعف", "عسكري", "مراسل", "مفجر", "قناص", "مصلي", "مراقب", "سايح", "زاير",
    "مدون", "مشتبه", "مقيم", "مهرب", "منشق", "متمرد", "مسن", "مستشار", "مساعد", "منسق", "مترجم", "حقوقي", "نقابي", "برلماني",
    "دبلوماسي", "امني", "اكاديمي", "ممرضه", "معلمه", "موظفه", "ناشطه", "صحفيه", "ارهابي", "جهادي", "متشدد", "تكفيري",
    "داعشي", "مسيحي", "قبطي", "شيعي", "سني", "كردي", "مهاجر", "منفذ",
];
const EN_HUMAN: &[&str] = &[
    "man", "woman", "boy", "girl", "child", "baby", "infant", "toddler", "teenager", "youth", "person", "soldier", "policeman",
    "policewoman", "officer", "civilian", "journalist", "reporter", "photographer", "worker", "farmer", "student", "militant",
    "fighter", "guard", "bodyguard", "driver", "judge", "lawyer", "doctor", "nurse", "teacher", "engineer", "official",
    "commander", "leader", "cleric", "imam", "priest", "governor", "mayor", "minister", "member", "resident", "villager",
    "shepherd", "fisherman", "passenger", "pilot", "recruit", "volunteer", "hostage", "prisoner", "detainee", "protester",
    "demonstrator", "activist", "settler", "gunman", "bomber", "suspect", "contractor", "diplomat", "tourist", "colonel",
    "general", "captain", "lieutenant", "sergeant", "brother", "sister", "son", "daughter", "father", "mother", "wife",
    "husband", "pedestrian", "bystander", "worshipper", "employee", "paramedic", "medic", "trooper", "marine", "sniper",
    "guardsman", "chief", "deputy", "spokesman", "businessman", "merchant", "shopkeeper",
];
/// Counted nouns that are not people: a number before them is no head count.
const AR_UNITS: &[&str] = &[
    "عام", "عاما", "اعوام", "سنه", "سنوات", "سنين", "يوم", "يوما", "ايام", "ساعه", "ساعات", "دقيقه",
    "دقايق", "شهر", "شهرا", "اشهر", "اسبوع", "اسابيع", "كيلومتر", "كيلومترا", "كيلومترات", "كلم", "كم", "متر",
    "مترا", "امتار", "ميل", "اميال", "دولار", "دولارا", "دينار", "دينارا", "ليره", "يورو", "نقطه", "نقاط",
    "صاروخ", "صاروخا", "صواريخ", "قذيفه", "قذايف", "غاره", "غارات", "ضربه", "ضربات", "موقع", "موقعا", "مواقع",
    "منزل", "منزلا", "منازل", "مبني", "مباني", "سياره", "سيارات", "اليه", "اليات", "عربه", "عربات", "طايره",
    "طايرات", "مروحيه", "دبابه", "دبابات", "عبوه", "عبوات", "هجوم", "هجوما", "هجمات", "تفجير", "تفجيرات", "انفجار",
    "انفجارات", "قريه", "قري", "بلده", "بلدات", "مدينه", "مدن", "حي", "احياء", "مره", "مرات", "طن",
    "اطنان", "لتر", "برميل", "بالميه", "بالمايه", "هدف", "اهداف", "هدفا", "مليون", "مليار", "ملايين", "طلقه",
    "رصاصه", "هاون", "مدفع", "قطعه", "مركبه", "مركبات", "شاحنه", "شاحنات", "حافله", "منشاه", "مستشفي", "مدرسه",
    "مسجد", "كنيسه", "محافظه", "ولايه", "مناطق", "منطقه", "حاجز", "حواجز", "دوله", "دول", "عمليه", "عمليات",
    "جوله", "بند", "ماده", "رقم", "الف", "الاف", "كتيبه", "لواء", "فرقه", "قضيه", "تهمه", "حادث",
    "حوادث", "شخصيه",
];
const EN_UNITS: &[&str] = &[
    "year", "years", "day", "days", "hour", "hours", "minute", "minutes", "week", "weeks", "month", "months", "km",
    "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "dollars", "percent", "%",
    "rockets", "shells", "missiles", "targets", "houses", "homes", "buildings", "vehicles", "cars", "trucks", "times",
    "tonnes", "tons", "points", "goals", "villages", "districts", "attacks", "bombs", "strikes", "million", "billion",
    "rounds", "bullets", "mortars", "sites", "positions", "raids", "incidents", "cases", "am", "pm", "o'clock", "feet",
    "provinces", "towns", "cities", "schools", "hospitals", "mosques", "checkpoints", "bases", "counts", "charges",
];

/// Time words that may stand between a verb and its counted object (قتل فجر اليوم 5).
const AR_TIME: &[&str] = &[
    "فجر", "صباح", "مساء", "ليله", "ظهر", "اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه",
    "السبت", "الماضي", "الماضيه", "فجرا", "صباحا", "ليلا", "ظهرا", "يوم", "ايضا", "مجددا",
];
const AR_PREPS: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "بين", "ضد", "حول", "خلال", "عند", "لدي",
    "حتي", "منذ", "امام", "عبر", "دون", "قرب", "بعد", "قبل", "اثر", "جراء", "اثناء", "وسط",
    "داخل", "خارج", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "نتيجه", "بسبب",
    "عقب", "تحت", "فوق",
];
/// Words that open a new clause: a phrase never runs across them.
const AR_CLAUSE: &[&str] = &[
    "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "بينما", "فيما", "حيث", "لكن", "ولكن", "بعدما", "عندما", "حين", "اذ",
    "كما", "ان", "انه", "انها", "انهم", "بان", "بانه", "وقد", "قد", "ثم", "حتي", "كي", "لان",
];
const EN_PREPS: &[&str] = &[
    "in", "on", "at", "to", "for", "with", "by", "from", "against", "into", "near", "between", "during", "after", "before",
    "outside", "inside", "across", "around", "since", "under", "over", "through", "along", "when", "while", "as", "where",
    "which", "who", "that", "because", "if", "than", "onto", "via", "per", "amid", "despite",
];
/// Between an English subject and its verb: auxiliaries and adverbs.
const EN_AUX: &[&str] = &[
    "was", "were", "been", "being", "be", "is", "are", "have", "has", "had", "reportedly", "also",
    "all", "both", "later", "subsequently", "allegedly", "reported", "believed", "said", "to", "initially", "eventually", "either",
];

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
        for c in ['و', 'ف'] {
            if let Some(r) = n.strip_prefix(c) {
                if r.chars().count() >= 3 {
                    return r;
                }
            }
        }
    }
    n
}

fn strip_al(w: &str) -> Option<&str> {
    for p in ["ال", "لل", "بال"] {
        if let Some(r) = w.strip_prefix(p) {
            if r.chars().count() >= 2 {
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

const K_VERB_T: &[&str] = &[
    "قتل", "قتلت", "قتلوا", "قتلا", "قتلتا", "يقتل", "تقتل", "يقتلون", "قتلن", "اغتال", "اغتالت", "اغتالوا", "اغتيل", "اغتيلت",
    "يغتال", "تغتال", "اعدم", "اعدمت", "اعدموا", "يعدم", "اعدما", "ذبح", "ذبحت", "ذبحوا", "يذبح",
];
const K_VERB_I: &[&str] = &[
    "استشهد", "استشهدت", "استشهدوا", "استشهدا", "يستشهد", "توفي", "توفيت", "توفوا", "توفيا", "قضي", "قضوا", "قضت",
];
const K_NOUN_GEN: &[&str] = &["مقتل", "مصرع", "استشهاد", "وفاه", "اعدام", "اغتيال"];
const K_COUNTED: &[&str] = &["قتلي", "قتيل", "قتيلا", "شهداء", "شهيد", "شهيدا", "ضحيه", "ضحايا"];
const I_VERB_T: &[&str] = &["جرح", "جرحت", "جرحوا", "يجرح", "اصاب", "اصابت", "اصابوا"];
const I_VERB_I: &[&str] = &["اصيب", "اصيبت", "اصيبوا", "اصيبا", "يصاب", "تصاب", "يصابون", "اصبن"];
const I_NOUN_GEN: &[&str] = &["اصابه"];
const I_COUNTED: &[&str] = &["جرحي", "جريح", "جريحا", "مصاب", "مصابا", "مصابين", "مصابون", "اصابات"];
const A_VERB_T: &[&str] = &[
    "اعتقل", "اعتقلت", "اعتقلوا", "يعتقل", "تعتقل", "اوقف", "اوقفت", "اوقفوا", "احتجز", "احتجزت", "احتجزوا", "يحتجز",
];
const A_NOUN_GEN: &[&str] = &["اعتقال", "توقيف", "احتجاز", "ايقاف"];
const A_COUNTED: &[&str] = &["معتقلين", "معتقلا", "موقوفين", "موقوفا", "معتقلون"];

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

    // ---- predicates

    fn find_pred(&self, i: usize) -> Option<Pred> {
        if !self.ar(i) {
            return self.find_pred_lex(i);
        }
        let n = self.n();
        let mut p = match self.find_pred_lex(i) {
            Some(p) => p,
            None => return self.suffixed_pred(i),
        };
        // one person named by the clause: "سعيد الغزلاني، الذي استشهد"، "الوزير قتل على يد …"
        if p.own.is_none() && matches!(p.kind, Kind::VerbT | Kind::VerbI) && !p.plural && (p.class == KILLED || p.class == INJURED && self.wound_after(p.last)) {
            let prev = (i > 0).then(|| i - 1);
            if let Some(b) = prev {
                let w = self.t(b).norm.as_str();
                let antecedent = |q: usize| self.person_at(q);
                let before_rel = if b > 0 && self.punct(b - 1) && b > 1 { b - 2 } else { b.saturating_sub(1) };
                if matches!(w, "الذي" | "التي") && b > 0 && antecedent(before_rel) {
                    p.own = Some(1);
                } else if matches!(w, "اللذين" | "اللتين" | "اللذان" | "اللتان") && b > 0 {
                    p.own = Some(2);
                } else if antecedent(b) && !self.punct(b) {
                    p.own = Some(1);
                }
            }
        }
        let _ = n;
        Some(p)
    }

    /// A person at token q: a name, a definite human noun, a nationality noun.
    fn person_at(&self, q: usize) -> bool {
        if self.inp.person.get(q).copied().unwrap_or(false) {
            return true;
        }
        let t = self.t(q);
        if !is_ar(t) {
            return false;
        }
        let w = self.w(q);
        let known = |s: &str| HUMAN_BROKEN.contains(&s) || HUMAN_SOUND.contains(&s);
        strip_al(w).map_or(false, |r| known(r) || self.inp.nisba.get(q).copied().unwrap_or(false) && r.ends_with('ي'))
    }

    /// A wound phrase right after token `last` (بجروح، برصاص، بشظايا).
    fn wound_after(&self, last: usize) -> bool {
        (last + 1..(last + 7).min(self.n())).any(|q| {
            let w = self.w(q);
            ["بجروح", "بجراح", "بشظايا", "برصاص", "بالرصاص", "بطلق", "بعيار", "بشظيه", "بطعنات", "بطعنه"].iter().any(|x| w.starts_with(x))
        })
    }

    /// A casualty verb or noun carrying an object or possessor pronoun: قتله، اغتالوه،
    /// أعدمته، مقتلهما، إصابته، وفاته. The pronoun is the victim: one (ه، ها) or two (هما);
    /// a plural (هم) counts nothing.
    fn suffixed_pred(&self, i: usize) -> Option<Pred> {
        let t = self.t(i);
        let pre = t.prefix.trim_start_matches(['و', 'ف']);
        let w = if matches!(pre, "ب" | "ل") && t.norm.chars().count() > 4 { t.norm.trim_start_matches(['و', 'ف']).get(pre.len()..).unwrap_or(self.w(i)) } else { self.w(i) };
        for (suf, own) in [("هما", Some(2)), ("هم", None), ("هن", None), ("ها", Some(1)), ("ه", Some(1))] {
            let Some(st) = w.strip_suffix(suf) else { continue };
            if st.chars().count() < 3 {
                continue;
            }
            // the end of "لقي … مصرعهم": part of that phrase
            if matches!(st, "مصرع" | "حتف") && (i.saturating_sub(8)..i).any(|q| matches!(self.w(q), "لقي" | "لقيت" | "لقوا" | "لقيا" | "يلقي" | "تلقي" | "يلقون" | "لقين")) {
                return None;
            }
            let forms = [st.to_string(), format!("{st}ا"), st.strip_suffix('ت').map(|x| format!("{x}ه")).unwrap_or_default(), st.strip_suffix('ت').map(|x| x.to_string()).unwrap_or_default()];
            let any = |list: &[&str]| forms.iter().any(|f| !f.is_empty() && list.contains(&f.as_str()));
            let class = if any(K_VERB_T) || any(K_NOUN_GEN) || any(&["اغتيال"]) {
                KILLED
            } else if !self.inp.disease && (any(I_VERB_T) || any(I_NOUN_GEN)) {
                INJURED
            } else if any(A_VERB_T) || any(A_NOUN_GEN) {
                ARRESTED
            } else {
                continue;
            };
            return Some(Pred { i, last: i, class, kind: Kind::Counted, plural: false, passive: false, own, singleton: false });
        }
        None
    }

    fn find_pred_lex(&self, i: usize) -> Option<Pred> {
        let t = self.t(i);
        let n = self.n();
        let mk = |class, kind, last| Pred { i, last, class, kind, plural: false, passive: false, own: None, singleton: false };
        if is_ar(t) {
            let w = self.w(i);
            let f = t.norm.as_str();
            // a verbal noun behind a preposition: بمقتل، وبإصابة، لاعتقال
            let pre = t.prefix.trim_start_matches(['و', 'ف']);
            let noun_base = if matches!(pre, "ب" | "ل") { t.base.as_str() } else { w };
            // قتلوا، يقتلون، قتلا، أصيبا: plural or dual agreement
            let plural = |w: &str| w.ends_with("وا") || w.ends_with("ون") || w.ends_with('ا');
            // toll: حصيلة (ضحايا/قتلى …)، عدد القتلى/الجرحى/المعتقلين
            if w == "حصيله" || w == "عدد" {
                let nx = (i + 1 < n).then(|| self.w(i + 1).to_string()).unwrap_or_default();
                let nx2 = strip_al(&nx).unwrap_or(&nx).to_string();
                let class = match nx2.as_str() {
                    "جرحي" | "مصابين" | "اصابات" => Some(INJURED),
                    "معتقلين" | "موقوفين" | "اعتقالات" => Some(ARRESTED),
                    "قتلي" | "ضحايا" | "شهداء" | "وفيات" => Some(KILLED),
                    _ if w == "حصيله" => Some(KILLED),
                    _ => None,
                }?;
                let last = if w == "حصيله" && !matches!(nx2.as_str(), "قتلي" | "ضحايا" | "شهداء" | "جرحي" | "مصابين" | "وفيات") { i } else { i + 1 };
                return Some(mk(class, Kind::Toll, last));
            }
            // لقي/لقوا … حتفه/مصرعهم: the pronoun counts when nothing else does
            if matches!(w, "لقي" | "لقيت" | "لقوا" | "لقيا" | "يلقي" | "تلقي" | "يلقون" | "لقين") {
                let end = (i + 1..(i + 8).min(n)).find(|&q| matches!(self.t(q).base.as_str(), "حتف" | "مصرع") || self.w(q).starts_with("حتف") || self.w(q).starts_with("مصرع"))?;
                let suf = self.t(end).suffix.as_str();
                let own = match suf {
                    "ه" | "ها" => Some(1),
                    "هما" => Some(2),
                    _ => None,
                };
                let mut p = mk(KILLED, Kind::VerbI, i);
                p.plural = w.ends_with("وا") || w == "لقيا" || w.ends_with("ون");
                p.own = own;
                return Some(p);
            }
            // راح ضحيته/ضحية الهجوم N: the count follows, after the genitive
            if matches!(w, "راح" | "راحت" | "يروح" | "سقط") && i + 1 < n && (self.t(i + 1).base == "ضحيه" || self.w(i + 1).starts_with("ضحي")) {
                let mut p = mk(KILLED, Kind::VerbT, i + 1);
                p.singleton = false;
                return Some(p);
            }
            // والجرحى إلى 14 (after حصيلة القتلى إلى 6): a definite counted noun before إلى is a toll
            if matches!(strip_al(w).unwrap_or(""), "قتلي" | "جرحي" | "مصابين" | "معتقلين" | "ضحايا") && i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "الي" | "بلغ") {
                let class = match strip_al(w).unwrap_or("") {
                    "جرحي" | "مصابين" => INJURED,
                    "معتقلين" => ARRESTED,
                    _ => KILLED,
                };
                return Some(mk(class, Kind::Toll, i));
            }
            // قضت (القوات) على ثلاثة: eliminated, i.e. killed
            if matches!(w, "قضي" | "قضت" | "قضوا" | "يقضي" | "تقضي") && i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "علي" | "على") {
                let mut p = mk(KILLED, Kind::VerbT, i + 1);
                p.singleton = true;
                return Some(p);
            }
            // القضاء على N إرهابيين: eliminating is killing
            if strip_al(w) == Some("قضاء") && i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "علي" | "على") {
                return Some(mk(KILLED, Kind::NounGen, i + 1));
            }
            // سقط 16 شخصا: fell, i.e. were killed (a number of people right after)
            if matches!(w, "سقط" | "سقطوا" | "سقوط") && i + 1 < n && !matches!(self.w(i + 1), "ضحيه") {
                let mut p = mk(KILLED, Kind::NounGen, i);
                p.own = None;
                p.singleton = false;
                return Some(p).filter(|_| self.fall_count(i + 1));
            }
            // القتلى الثلاثة، الجنود الخمسة: a definite number after its noun
            if matches!(strip_al(w).unwrap_or(""), "قتلي" | "جرحي" | "مصابين" | "معتقلين" | "شهداء") && i + 1 < n {
                let nx = &self.t(i + 1).norm;
                if let Some(v) = nx.strip_prefix("ال").and_then(|_| numbers::parse_at(self.toks, i + 1)).map(|x| x.0) {
                    let class = match strip_al(w).unwrap_or("") {
                        "جرحي" | "مصابين" => INJURED,
                        "معتقلين" => ARRESTED,
                        _ => KILLED,
                    };
                    let mut p = mk(class, Kind::Counted, i + 1);
                    p.own = Some(v);
                    return Some(p);
                }
            }
            // أودى/أودت بحياة N
            if matches!(w, "اودي" | "اودت" | "يودي" | "تودي") && i + 1 < n && self.t(i + 1).norm.starts_with("بحياه") {
                return Some(mk(KILLED, Kind::NounGen, i + 1));
            }
            // (ألقت قوات الأمن) القبض على N، تمكنت من القبض على، قبضت الشرطة على: the count
            // follows على
            let qabd = matches!(w, "قبضت" | "قبض" | "قبضوا") && (i + 1..(i + 5).min(n)).any(|q| matches!(self.t(q).norm.as_str(), "علي" | "على"));
            if qabd {
                let on = (i + 1..(i + 5).min(n)).find(|&q| matches!(self.t(q).norm.as_str(), "علي" | "على")).unwrap_or(i);
                return Some(mk(ARRESTED, Kind::VerbT, on));
            }
            if matches!(w, "القبض" | "بالقبض") && (i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "علي" | "على" | "عليه" | "عليها" | "عليهما") || (i.saturating_sub(5)..i).any(|q| matches!(self.w(q), "القي" | "القت" | "القوا" | "يلقي" | "تلقي" | "القاء"))) {
                let last = if i + 1 < n && matches!(self.t(i + 1).norm.as_str(), "علي" | "على") { i + 1 } else { i };
                let mut p = mk(ARRESTED, Kind::NounGen, last);
                // ألقت القبض عليه/عليهما
                p.own = match (i + 1 < n).then(|| self.t(i + 1).norm.as_str()) {
                    Some("عليه" | "عليها") => Some(1),
                    Some("عليهما") => Some(2),
                    _ => None,
                };
                return Some(p);
            }
            // فأردوه قتيلا: one person
            let counted_k = K_COUNTED.contains(&w) || K_COUNTED.contains(&f);
            if counted_k && i > 0 && matches!(self.w(i - 1), "ارداه" | "اردوه" | "اردته" | "ارديه" | "يرديه" | "اردياه") {
                let mut p = mk(KILLED, Kind::Counted, i);
                p.own = Some(1);
                return Some(p);
            }
            let pick = |vt: &[&str], vi: &[&str], ng: &[&str], ct: &[&str], class: usize| -> Option<Pred> {
                let kind = if vt.contains(&w) {
                    Kind::VerbT
                } else if vi.contains(&w) {
                    Kind::VerbI
                } else if ng.contains(&w) || ng.contains(&noun_base) || ng.contains(&strip_al(w).unwrap_or("")) {
                    if !ng.contains(&noun_base) && (w.starts_with("ال") || strip_al(w).is_some() && !ng.contains(&w)) {
                        // "الإصابة"، "المقتل": definite, counts nothing after it
                        return None;
                    }
                    Kind::NounGen
                } else if ct.contains(&w) || ct.contains(&f) {
                    Kind::Counted
                } else {
                    return None;
                };
                let mut p = mk(class, kind, i);
                if matches!(kind, Kind::VerbT | Kind::VerbI) {
                    p.plural = plural(w);
                }
                p.singleton = class == KILLED && kind == Kind::VerbT;
                Some(p)
            };
            if let Some(p) = pick(K_VERB_T, K_VERB_I, K_NOUN_GEN, K_COUNTED, KILLED) {
                return Some(p);
            }
            // duals of the counted nouns: قتيلين، جريحين، شهيدين
            if matches!(w, "قتيلين" | "قتيلان" | "شهيدين" | "شهيدان") {
                let mut p = mk(KILLED, Kind::Counted, i);
                p.own = Some(2);
                return Some(p);
            }
            if matches!(w, "جريحين" | "جريحان" | "مصابين_") {
                let mut p = mk(INJURED, Kind::Counted, i);
                p.own = Some(2);
                return Some(p);
            }
            if !self.inp.disease {
                if let Some(p) = pick(I_VERB_T, I_VERB_I, I_NOUN_GEN, I_COUNTED, INJURED) {
                    return Some(p);
                }
            }
            return pick(A_VERB_T, &[], A_NOUN_GEN, A_COUNTED, ARRESTED);
        }
        if t.kind != TokenKind::Latin {
            return None;
        }
        let w = t.norm.as_str();
        let prev = |k: usize| (i >= k).then(|| self.t(i - k).norm.as_str()).unwrap_or("");
        let passive = {
            let mut q = i;
            let mut aux = false;
            while q > 0 && i - q < 4 {
                q -= 1;
                let u = self.t(q).norm.as_str();
                if matches!(u, "was" | "were" | "been" | "being" | "be" | "is" | "are" | "get" | "got") {
                    aux = true;
                    break;
                }
                if !matches!(u, "reportedly" | "also" | "all" | "both" | "later" | "subsequently" | "allegedly" | "initially" | "eventually" | "either" | "fatally" | "critically" | "seriously" | "slightly" | "lightly") {
                    break;
                }
            }
            aux
        };
        let verb = |class, kind: Kind| {
            let mut p = mk(class, kind, i);
            p.passive = passive;
            p.singleton = class == KILLED && kind == Kind::VerbT;
            p
        };
        // death toll / the toll
        if w == "toll" {
            return Some(mk(KILLED, Kind::Toll, i));
        }
        if w == "shot" && i + 1 < n && self.t(i + 1).norm == "dead" {
            let mut p = verb(KILLED, Kind::VerbT);
            p.last = i + 1;
            return Some(p);
        }
        if w == "dead" && prev(1) == "shot" {
            return None;
        }
        if w == "lost" && i + 2 < n && matches!(self.t(i + 1).norm.as_str(), "their" | "his" | "her") && matches!(self.t(i + 2).norm.as_str(), "lives" | "life") {
            let mut p = verb(KILLED, Kind::VerbI);
            p.last = i + 2;
            return Some(p);
        }
        if w == "rounded" && i + 1 < n && self.t(i + 1).norm == "up" {
            let mut p = verb(ARRESTED, Kind::VerbT);
            p.last = i + 1;
            return Some(p);
        }
        // stabbed/beaten/burned/shot to death
        if matches!(w, "stabbed" | "beaten" | "burned" | "burnt" | "shot" | "hacked" | "clubbed" | "tortured") && i + 2 < n && self.t(i + 1).norm == "to" && self.t(i + 2).norm == "death" {
            let mut p = verb(KILLED, Kind::VerbT);
            p.last = i + 2;
            return Some(p);
        }
        // the killing/death/murder of X: counts after "of"
        if matches!(w, "killing" | "killings" | "death" | "deaths" | "murder" | "murders" | "assassination" | "execution" | "executions") && i + 1 < n && self.t(i + 1).norm == "of" {
            return Some(mk(KILLED, Kind::NounGen, i + 1));
        }
        if matches!(w, "arrest" | "arrests" | "detention") && i + 1 < n && self.t(i + 1).norm == "of" {
            return Some(mk(ARRESTED, Kind::NounGen, i + 1));
        }
        Some(match w {
            "killed" | "kill" | "kills" | "killing" | "assassinated" | "executed" | "beheaded" | "slain" | "slew" | "massacred" | "murdered" => verb(KILLED, Kind::VerbT),
            "stabbed" => {
                if self.inp.disease {
                    return None;
                }
                verb(INJURED, Kind::VerbT)
            }
            "died" | "die" | "dies" | "perished" => verb(KILLED, Kind::VerbI),
            "dead" | "fatalities" | "deaths" => mk(KILLED, Kind::Counted, i),
            "wounded" | "wounding" | "wounds" | "injured" | "injuring" | "injures" | "hurt" | "maimed" => {
                if self.inp.disease {
                    return None;
                }
                verb(INJURED, Kind::VerbT)
            }
            "injuries" | "casualties_" => mk(INJURED, Kind::Counted, i),
            "arrested" | "arresting" | "arrests" | "detained" | "detaining" | "apprehended" | "detains" | "captured" => verb(ARRESTED, Kind::VerbT),
            _ => return None,
        })
    }

    fn pred_at(&self, i: usize) -> Option<&Pred> {
        self.preds.get(i).and_then(|p| p.as_ref())
    }
    /// A predicate starts or continues at i.
    fn in_pred(&self, i: usize) -> bool {
        (0..=i).rev().take(8).any(|s| self.pred_at(s).map_or(false, |p| p.i <= i && i <= p.last))
    }

    // ---- quantity phrases

    /// Approximators before a number: (tokens used, the figure is vague).
    fn approx(&self, j: usize) -> Option<(usize, bool)> {
        let n = self.n();
        let at = |k: usize| (j + k < n).then(|| if self.ar(j + k) { self.w(j + k) } else { self.t(j + k).norm.as_str() }).unwrap_or("");
        if self.ar(j) {
            let seqs: &[(&[&str], bool)] = &[
                (&["ما", "لا", "يقل", "عن"], false),
                (&["لا", "يقل", "عن"], false),
                (&["ما", "يزيد", "عن"], false),
                (&["ما", "يزيد", "علي"], false),
                (&["ما", "يزيد", "على"], false),
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

    fn unit(&self, i: usize) -> bool {
        if i >= self.n() {
            return false;
        }
        let t = self.t(i);
        if is_ar(t) {
            let w = self.w(i);
            let w2 = strip_al(w).unwrap_or(w);
            AR_UNITS.contains(&w) || AR_UNITS.contains(&w2)
        } else {
            EN_UNITS.contains(&t.norm.as_str())
        }
    }

    /// A number that is an age, a date, a time or a measure, not a head count.
    fn not_a_count(&self, j: usize, used: usize) -> bool {
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
        // a percentage, a decimal
        k < n && matches!(self.t(k).norm.as_str(), "%" | "٪" | "percent" | "بالميه" | "بالمايه")
    }

    /// An Arabic human noun at i: Some(2) dual, Some(1) indefinite singular. The word
    /// is read as it stands and without a conjunction (فتاة، فلسطينيان start with ف).
    fn ar_human(&self, i: usize) -> Option<u32> {
        let t = self.t(i);
        if is_ar(t) && t.norm != self.w(i) {
            if let Some(h) = self.ar_human_word(i, &t.norm) {
                return Some(h);
            }
        }
        self.ar_human_word(i, self.w(i))
    }

    fn ar_human_word(&self, i: usize, w: &str) -> Option<u32> {
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
        }
        // فلسطيني، عراقي: a nationality noun, indefinite, is one person
        if self.inp.nisba.get(i).copied().unwrap_or(false) && (w.ends_with('ي') || w.ends_with("يا")) && !w.ends_with("يي") {
            return Some(1);
        }
        None
    }

    /// One definite person (implicit singleton): الجندي، العقيد، والدتهم، ابنها, a name;
    /// the deputy governor, his driver.
    fn definite_person(&self, i: usize) -> Option<usize> {
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
                if (known(r) || nisba) && !w.starts_with("بال") && !w.starts_with("لل") {
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

    /// The core of a quantity phrase at j: (value, end, singular-noun reading).
    /// value None = vague (many, dozens).
    fn core(&self, j: usize, implicit: bool) -> Option<(Option<u32>, usize, bool)> {
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
            // أحد/إحدى + genitive (أحد حراسه، إحدى الطالبات)، أحدهم
            if matches!(w, "احد" | "احدي") && j + 1 < n && self.ar(j + 1) && !self.prep(j + 1) {
                return Some((Some(1), j + 1, false));
            }
            if matches!(t.base.as_str(), "احد" | "احدي") && !t.suffix.is_empty() {
                return Some((Some(1), j + 1, false));
            }
            match w {
                "اخر" | "اخري" | "ثالث" | "رابع" | "خامس" | "ثالثه" | "رابعه" => return Some((Some(1), j + 1, false)),
                "اخران" | "اخريان" => return Some((Some(2), j + 1, false)),
                "اخرون" | "اخرين" | "اخريات" => return Some((None, j + 1, false)),
                "كلاهما" | "كليهما" => return Some((Some(2), j + 1, false)),
                _ => {}
            }
            // a noun with the number as its adjective: مواطنين تونسيين اثنين، إرهابيين اثنين
            if !self.prep(j) && strip_al(w).is_none() && !numbers::is_vague(w) && self.unit(j) == false {
                for k in [j + 1, j + 2] {
                    if k < n && matches!(self.w(k), "اثنين" | "اثنان" | "اثنتين" | "اثنتان") {
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
                if e < n && matches!(self.w(e), "اثنين" | "اثنان" | "اثنتين" | "اثنتان") {
                    e += 1;
                    return Some((Some(2), e, false));
                }
                return Some((Some(h), e, h == 1));
            }
            if implicit {
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
        if matches!(w, "a" | "an") {
            // a (12-year-old / young / Palestinian) man
            let mut q = j + 1;
            while q < n && q <= j + 7 && !EN_HUMAN.contains(&self.t(q).norm.as_str()) && !EN_PREPS.contains(&self.t(q).norm.as_str()) && !matches!(self.t(q).norm.as_str(), "and" | "or" | "was" | "were" | "," | ".") {
                q += 1;
            }
            if q < n && EN_HUMAN.contains(&self.t(q).norm.as_str()) {
                return Some((Some(1), q + 1, true));
            }
            return None;
        }
        if implicit {
            if let Some(e) = self.definite_person(j) {
                return Some((Some(1), e, true));
            }
        }
        None
    }

    /// Words of a counted noun phrase after the core, up to a stop; Arabic من + NP.
    fn np_tail(&self, mut q: usize, limit: usize) -> usize {
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
    fn fall_count(&self, j: usize) -> bool {
        let Some((v, e, _)) = self.core(j, false) else { return false };
        let counted = |q: usize| q < self.n() && (self.t(q).norm == "بين" || self.find_pred_lex(q).is_some_and(|p| p.kind == Kind::Counted));
        v.is_some() && !counted(e) && !counted(e + 1)
    }

    /// A subset after a quantity: بينهم/منهم/من بينهم، including, among them. Returns
    /// the token after the marker.
    fn subset_marker(&self, q: usize) -> Option<usize> {
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
            if w == "من" && q + 1 < n && matches!(self.t(q + 1).norm.as_str(), "بينهم" | "بينهن") {
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
    fn qp(&self, j: usize, implicit: bool) -> Option<(Option<u32>, usize, bool)> {
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
        // counted noun: rejected when it is not a person (12 موقعا، 15 targets)
        if !single || self.ar(j) {
            if self.unit(e) || (e < n && self.ar(e) && self.t(e).norm == "من" && self.unit(e + 1)) {
                return None;
            }
            e = self.np_tail(e, if single { 3 } else { 7 });
        }
        // اثنان منهم، two of them
        if e == after_core && e < n && matches!(self.t(e).norm.as_str(), "منهم" | "منهن" | "منهما") {
            e += 1;
        }
        let skip_least = |e: usize| {
            if e + 1 < n && matches!(self.t(e).norm.as_str(), "علي" | "على") && self.w(e + 1) == "الاقل" {
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
        // conjuncts, added: ثماني نساء وطفلان، 3 جنود و2 من …، two soldiers and a civilian
        loop {
            if e >= n {
                break;
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
            let Some((cv, ce, _)) = c else { break };
            let ce2 = if self.unit(ce) { break } else { self.np_tail(ce, 4) };
            v = match (v, cv) {
                (Some(a), Some(b)) => Some(a + b),
                (a, None) => a,
                (None, b) => b,
            };
            e = skip_least(ce2);
        }
        Some((v, e, single))
    }

    /// The core of a و-glued conjunct (وطفلان، وثلاثة، وابنها).
    fn conj_core(&self, e: usize) -> Option<(Option<u32>, usize, bool)> {
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

    // ---- attachment

    /// Tokens allowed between a subject phrase and its verb.
    fn gap_ok(&self, from: usize, to: usize, p: &Pred) -> bool {
        (from..to).all(|q| {
            let t = self.t(q);
            if is_ar(t) {
                matches!(t.norm.as_str(), "قد" | "جميعهم" | "كلهم")
            } else {
                EN_AUX.contains(&t.norm.as_str()) || (p.kind == Kind::Counted && t.norm == "people")
            }
        })
    }

    /// Where a subject phrase may start: the sentence start, after punctuation, a
    /// conjunction, a clause connective, or a presentational verb (سقط، left).
    fn subject_start(&self, j: usize) -> bool {
        if j == 0 {
            return true;
        }
        let u = self.t(j - 1);
        if u.kind == TokenKind::Punct {
            return true;
        }
        let w = if is_ar(u) { bare(u) } else { u.norm.as_str() };
        matches!(w, "و" | "and" | "but" | "while" | "when" | "as" | "said" | "says" | "say" | "that" | "reported" | "confirmed" | "which" | "whom" | "where" | "فيما" | "بينما" | "كما" | "حيث" | "عندما" | "اذ" | "سقط" | "سقطوا" | "left" | "leaving" | "with" | "فقد" | "وقد" | "قد")
            || (is_ar(u) && AR_CLAUSE.contains(&u.norm.as_str()))
    }

    fn before(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        let lo = p.i.saturating_sub(18);
        for j in lo..p.i {
            if self.in_pred(j) {
                continue;
            }
            let Some((v, e, _)) = self.qp(j, false) else { continue };
            if e > p.i || !self.gap_ok(e, p.i, p) {
                continue;
            }
            // nothing between may be another predicate
            if (j..e).any(|q| self.in_pred(q)) {
                continue;
            }
            let tight = p.kind == Kind::Counted;
            if tight || self.subject_start(j) {
                return Some((v, j, e));
            }
        }
        if !self.ar(p.i) && (p.passive || p.kind == Kind::VerbI) {
            return self.en_singular_subject(p).map(|(s, e)| (Some(1), s, e));
        }
        None
    }

    /// The subject of an English passive that is one person: "he was shot dead", "The
    /// rapper was shot dead", "Former prime minister Shinzo Abe was shot dead".
    fn en_singular_subject(&self, p: &Pred) -> Option<(usize, usize)> {
        let mut q = p.i;
        while q > 0 && EN_AUX.contains(&self.t(q - 1).norm.as_str()) {
            q -= 1;
        }
        if q == p.i && p.kind != Kind::VerbI || q == 0 {
            return None;
        }
        let h = q - 1;
        let head = self.t(h);
        if head.kind != TokenKind::Latin {
            return None;
        }
        let hw = head.norm.as_str();
        if matches!(hw, "he" | "she") {
            return Some((h, h + 1));
        }
        if self.inp.person.get(h).copied().unwrap_or(false) {
            let mut s = h;
            while s > 0 && self.inp.person.get(s - 1).copied().unwrap_or(false) {
                s -= 1;
            }
            return Some((s, h + 1));
        }
        let plural = hw.ends_with('s') && !EN_HUMAN.contains(&hw) || matches!(hw, "people" | "men" | "women" | "children" | "police" | "they" | "others" | "dozens" | "hundreds");
        if plural || EN_PREPS.contains(&hw) || self.unit(h) || numbers::parse_at(self.toks, h).is_some() || EN_AUX.contains(&hw) {
            return None;
        }
        let mut k = h;
        while k > 0 && h - k < 6 {
            k -= 1;
            let t = self.t(k);
            let w = t.norm.as_str();
            if matches!(w, "the" | "a" | "an" | "his" | "her" | "its") {
                return self.subject_start(k).then_some((k, h + 1));
            }
            if !(t.kind == TokenKind::Latin || matches!(w, "-" | "'")) || EN_PREPS.contains(&w) || matches!(w, "and" | "or") || numbers::parse_at(self.toks, k).is_some() {
                break;
            }
        }
        None
    }

    fn after(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        let n = self.n();
        let ar = self.ar(p.i);
        let transitive = p.kind == Kind::VerbT && !p.passive;
        // one definite person: for killing, and for injury only with a wound phrase after it
        // ("أصيب الجندي بجروح"، not "أصيب الرئيس بنزلة برد")
        let wound = (p.last + 1..(p.last + 7).min(n)).any(|q| {
            let w = self.w(q);
            ["بجروح", "بجراح", "بشظايا", "برصاص", "بالرصاص", "بطلق", "بعيار", "بشظيه"].iter().any(|x| w.starts_with(x))
        });
        let implicit = match p.class {
            KILLED => p.singleton || matches!(p.kind, Kind::VerbI | Kind::NounGen),
            INJURED => matches!(p.kind, Kind::VerbI | Kind::NounGen) && wound,
            // اعتقلت السلطات المدون كريم عامر، police detained the man
            _ => matches!(p.kind, Kind::VerbT | Kind::NounGen),
        };
        let mut q = p.last + 1;
        let mut skipped = 0;
        let mut crossed_pp = false;
        // an Arabic transitive verb's first singular phrase may be its agent
        // (قتل انتحاري يرتدي حزاما ناسفا 31 متطوعا): kept while a second one is looked for
        let mut agent: Option<(Option<u32>, usize, usize)> = None;
        while q < n && q <= p.last + 12 {
            let t = self.t(q);
            if t.kind == TokenKind::Punct {
                break;
            }
            // time words between the verb and its subject or object (فجر اليوم، بعد ظهر الأحد)
            let time_word = |q: usize| self.inp.time.get(q).copied().unwrap_or(false) || AR_TIME.contains(&self.w(q));
            if ar && (time_word(q) || matches!(self.w(q), "بعد" | "قبل") && q + 1 < n && time_word(q + 1) && numbers::parse_at(self.toks, q + 1).is_none()) {
                q += 1;
                continue;
            }
            // a pronoun PP right after the verb: قتل فيه ستة أشخاص، أصيب فيها
            if ar && q == p.last + 1 && matches!(t.norm.as_str(), "فيه" | "فيها" | "بها" | "به" | "فيهما" | "خلالها" | "خلاله" | "اثرها" | "اثره") {
                q += 1;
                continue;
            }
            // a quoted name: مقتل "أبو عياض التونسي"
            if ar && matches!(t.norm.as_str(), "\"" | "«" | "“") && q + 1 < n && self.ar(q + 1) && q == p.last + 1 {
                q += 1;
                continue;
            }
            if ar && p.class == INJURED && matches!(self.w(q), "بجروح" | "بجراح") {
                q += 1;
                continue;
            }
            if q > p.last + 1 && self.in_pred(q) {
                break;
            }
            if let Some((v, e, single)) = self.qp(q, implicit && agent.is_none()) {
                // behind a PP only a person or an accusative phrase is the object
                if crossed_pp && skipped > 0 && !(single || self.accusative(q, e)) {
                    break;
                }
                if agent.is_none() && ar && transitive && single && v == Some(1) && skipped == 0 && !self.accusative(q, e) {
                    agent = Some((v, q, e));
                    q = e;
                    continue;
                }
                if agent.is_some() && single {
                    break;
                }
                return Some((v, q, e));
            }
            if self.clause(q) {
                break;
            }
            // a short PP before the subject of an Arabic verb: استشهد في الهجوم عون أمن،
            // قتل في الموصل شخصان
            // (a plural verb's subject came before it: قتلوا في تفجير انتحاري)
            if ar && skipped == 0 && !crossed_pp && agent.is_none() && !p.plural && matches!(p.kind, Kind::VerbT | Kind::VerbI) && self.prep(q) {
                let mut r = q + 1;
                while r < n && r <= q + 3 && self.ar(r) && !self.prep(r) && !self.clause(r) && !self.in_pred(r) && !self.t(r).norm.starts_with('و') {
                    if let Some((v, e, _)) = self.qp(r, implicit) {
                        // a new phrase, not an adjective of the PP's noun: a number, or after a
                        // definite noun or a place ("في الهجوم عون أمن", not "في تفجير انتحاري")
                        let number = numbers::parse_at(self.toks, r).is_some() || self.t(r).kind == TokenKind::Number || self.approx(r).is_some();
                        let prev_def = strip_al(self.w(r - 1)).is_some() || self.inp.anchor.get(r - 1).copied().unwrap_or(false) && !self.inp.nisba.get(r).copied().unwrap_or(false);
                        if r > q + 1 && v.is_some() && (number || prev_def) {
                            return Some((v, r, e));
                        }
                        break;
                    }
                    r += 1;
                }
            }
            if agent.is_some() {
                // the agent's own words: a relative verb and its object
                if self.prep(q) || t.norm.starts_with('و') || skipped >= 6 {
                    break;
                }
                skipped += 1;
                q += 1;
                continue;
            }
            if !(ar && transitive) {
                break;
            }
            // the subject before the object: قتل مسلحون ملثمون أربعة، أعدم تنظيم الدولة ثلاثة
            if self.prep(q) {
                if crossed_pp || skipped == 0 {
                    break;
                }
                crossed_pp = true;
                q += 1;
                continue;
            }
            if t.norm.starts_with('و') || t.kind == TokenKind::Number || skipped >= 6 {
                break;
            }
            skipped += 1;
            q += 1;
        }
        agent
    }

    /// The phrase's head noun is marked accusative (-ًا) or is a person's name.
    fn accusative(&self, s: usize, e: usize) -> bool {
        (s..e).any(|q| {
            let t = self.t(q);
            is_ar(t) && t.norm.ends_with('ا') && !t.norm.ends_with("يا") || self.inp.person.get(q).copied().unwrap_or(false)
        })
    }

    fn toll(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        let n = self.n();
        let mut q = p.last + 1;
        while q < n && q <= p.last + 14 {
            if self.punct(q) && !matches!(self.t(q).norm.as_str(), "'" | "-") {
                break;
            }
            if self.t(q).kind == TokenKind::Number || numbers::parse_at(self.toks, q).is_some() {
                if let Some((v, e, _)) = self.qp(q, false) {
                    if v.is_some() {
                        return Some((v, q, e));
                    }
                }
            }
            q += 1;
        }
        None
    }

    /// The figure a predicate states: Some(Some(v)) a count, Some(None) a vague one, None none.
    fn attach(&self, p: &Pred) -> Option<(Option<u32>, usize, usize)> {
        let n = self.n();
        match p.kind {
            Kind::Counted => {
                let r = self.before(p).filter(|(_, _, e)| *e == p.i);
                r.or_else(|| p.own.map(|v| (Some(v), p.i, p.i + 1)))
            }
            Kind::Toll => self.toll(p),
            Kind::NounGen => {
                let r = self.after(p);
                r.filter(|(_, s, _)| *s <= p.last + 2).or_else(|| p.own.map(|v| (Some(v), p.i, p.last + 1)))
            }
            Kind::VerbT | Kind::VerbI => {
                let english = !self.ar(p.i);
                let r = if english && (p.passive || p.kind == Kind::VerbI) {
                    self.before(p)
                } else {
                    let a = self.after(p);
                    match a {
                        Some(x) => Some(x),
                        None if p.plural || english => self.before(p),
                        // after إن/أن the subject comes first whatever the agreement:
                        // "إن شخصا واحدا أصيب"
                        None => self.before(p).filter(|(_, s, _)| *s > 0 && matches!(self.w(s - 1), "ان" | "بان" | "لان" | "انه")),
                    }
                };
                // "Two soldiers were killed", "four soldiers killed in X": the English
                // subject right before an unmarked verb (reduced passive)
                let r = match r {
                    None if english && !p.passive && p.i > 0 => self.before(p),
                    r => r,
                };
                let _ = n;
                r.or_else(|| p.own.map(|v| (Some(v), p.i, p.i + 1)))
            }
        }
    }

    /// "قتلوا وجرحوا أكثر من عشرة"، "killed or wounded 20"، "20 بين قتيل وجريح": one figure
    /// for two classes is neither's.
    fn combined(&self, p: &Pred) -> bool {
        let n = self.n();
        let q = p.last + 1;
        let shares = |p: &Pred| p.own.is_none() && matches!(p.kind, Kind::VerbT | Kind::VerbI | Kind::NounGen);
        if q < n && shares(p) {
            let nx = if matches!(self.t(q).norm.as_str(), "and" | "or" | "او" | "و") { q + 1 } else { q };
            let glued = nx == q && self.ar(q) && self.t(q).norm.starts_with('و');
            if (nx != q || glued) && nx < n {
                if let Some(o) = self.pred_at(nx) {
                    if o.class != p.class && o.class != ARRESTED && p.class != ARRESTED && shares(o) {
                        return true;
                    }
                }
            }
        }
        if p.i > 0 {
            let b = p.i - 1;
            let conj = self.ar(p.i) && self.t(p.i).norm.starts_with('و') && (b < n);
            let prevp = if conj { Some(b) } else if b > 0 && matches!(self.t(b).norm.as_str(), "and" | "or" | "او") { Some(b - 1) } else { None };
            if let Some(pp) = prevp {
                if let Some(o) = (pp.saturating_sub(2)..=pp).rev().find_map(|s| self.pred_at(s).filter(|o| o.last == pp)) {
                    // only when the first has no figure of its own (قتلوا وجرحوا N), not
                    // "لقي 17 شخصا مصرعهم وأصيب 40"
                    if o.class != p.class && o.class != ARRESTED && p.class != ARRESTED && o.own.is_none() && matches!(o.kind, Kind::VerbT | Kind::VerbI | Kind::NounGen) && self.attach(o).is_none() {
                        return true;
                    }
                }
            }
        }
        // بين قتيل وجريح
        p.i > 0 && self.t(p.i - 1).norm == "بين" && q < n && self.t(q).norm.starts_with('و') && self.find_pred_lex(q).is_some_and(|o| o.class != p.class)
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
    for i in 0..toks.len() {
        let Some(p) = g.pred_at(i).cloned() else { continue };
        if g.combined(&p) {
            continue;
        }
        let Some((v, s, e)) = g.attach(&p) else { continue };
        if let Some(v) = v {
            found.push((i, Figure { class: p.class, value: v, pred: i, qp: (s, e) }));
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
                        found.push((q, Figure { class: p.class, value: v2, pred: q, qp: (start, ce) }));
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
    cuts.extend(out.starts.iter().copied().filter(|&s| s > 0));
    cuts.sort_unstable();
    cuts.dedup();
    let mut starts = vec![0usize];
    for c in cuts {
        let prev = *starts.last().unwrap();
        let fig_before = found.iter().any(|(at, _)| *at >= prev && *at < c);
        let next_cut_end = n;
        let fig_after = found.iter().any(|(at, _)| *at >= c);
        if fig_before && fig_after && anchor(prev, c) && anchor(c, next_cut_end) {
            starts.push(c);
        }
    }
    out.starts = starts;
    out.figures = found.into_iter().map(|(_, f)| f).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Tolls {
        let toks = marsad_text::tokenize::tokenize(s);
        let n = toks.len();
        let inp = Input { toks: &toks, time: vec![false; n], person: vec![false; n], nisba: vec![false; n], anchor: vec![false; n], disease: false };
        tolls(&inp)
    }
    fn k(s: &str) -> Option<u32> {
        run(s).get(None, KILLED)
    }
    fn i(s: &str) -> Option<u32> {
        run(s).get(None, INJURED)
    }

    #[test]
    fn lexicon_is_in_normalised_form() {
        for list in [HUMAN_BROKEN, HUMAN_SOUND, AR_UNITS, AR_TIME, AR_PREPS, AR_CLAUSE, K_VERB_T, K_VERB_I, K_NOUN_GEN, K_COUNTED, I_VERB_T, I_VERB_I, I_NOUN_GEN, I_COUNTED, A_VERB_T, A_NOUN_GEN, A_COUNTED] {
            for w in list {
                assert_eq!(marsad_text::normalize(w), *w, "{w} is not normalised");
            }
        }
    }

    #[test]
    fn number_words_gender_construct_dual() {
        assert_eq!(k("قتل ثلاثة جنود في القصف"), Some(3));
        assert_eq!(i("وأصيبت خمس نساء بجروح"), Some(5));
        assert_eq!(k("قتلت إحدى عشرة امرأة من عائلة واحدة"), Some(11));
        assert_eq!(i("أصيب اثنا عشر مدنيا بجروح"), Some(12));
        assert_eq!(k("قتل شرطيان في الهجوم"), Some(2));
        assert_eq!(k("قتل عنصرين من الصحوات"), Some(2));
        assert_eq!(i("أصيبت امرأتان في القصف"), Some(2));
        assert_eq!(k("أسفر عن مقتل مئتي شخص على الأقل"), Some(200));
        assert_eq!(k("قتل مئتان وخمسون شخصا"), Some(250));
        assert_eq!(i("أصيب أكثر من مئة وعشرين شخصا"), Some(120));
        assert_eq!(k("قتل خمسة وعشرون مسلحا"), Some(25));
        assert_eq!(i("أصيب ثلاثتهم بجروح بالغة"), Some(3));
        assert_eq!(k("قتل مدنيين اثنين"), Some(2));
        assert_eq!(k("أدى الهجوم إلى مقتل 39 تسعة و ثلاثين شخصا"), Some(39));
        // a sound plural in -ين is not a dual
        assert_eq!(k("قتل مدنيين في القصف"), None);
    }

    #[test]
    fn counted_noun_before_verb_or_with_adjective() {
        assert_eq!(k("تسعة أشخاص بينهم أربعة من رجال الشرطة قتلوا في تفجير"), Some(9));
        assert_eq!(i("سبعة عمال أصيبوا بجروح خطيرة"), Some(7));
        assert_eq!(k("قتل انتحاري يرتدي حزاما ناسفا 31 متطوعا في الشرطة"), Some(31));
        assert_eq!(k("قتل مسلحون ملثمون أربعة من أفراد عائلة واحدة"), Some(4));
        assert_eq!(k("لقيت ثماني نساء وطفلان حتفهم"), Some(10));
        assert_eq!(k("قتل 3 جنود و2 من عناصر الصحوة في هجوم"), Some(5));
        assert_eq!(k("سقط ثلاثة قتلى وعشرة جرحى"), Some(3));
        assert_eq!(i("سقط ثلاثة قتلى وعشرة جرحى"), Some(10));
        assert_eq!(k("Eight people, including three foreign aid workers, were killed in an attack"), Some(8));
        assert_eq!(k("Two soldiers and a civilian were killed in a mortar attack"), Some(3));
        assert_eq!(k("A suicide bomber killed 26 police recruits"), Some(26));
    }

    #[test]
    fn one_of_another_and_floors() {
        assert_eq!(k("قتل أحد حراس رئيس البلدية"), Some(1));
        assert_eq!(i("أصيبت إحدى الطالبات بجروح طفيفة"), Some(1));
        assert_eq!(k("لقي أحد عناصر حرس الحدود مصرعه"), Some(1));
        assert_eq!(i("قتل جندي وأصيب آخر"), Some(1));
        assert_eq!(i("قتل جندي وأصيب اثنان آخران"), Some(2));
        assert_eq!(i("قتل جندي وأصيب آخرون"), None);
        assert_eq!(k("قتل ما لا يقل عن 14 شخصا"), Some(14));
        assert_eq!(k("قتل نحو أربعين مقاتلا"), Some(40));
        assert_eq!(k("سقط ما يزيد على مئة قتيل"), Some(100));
        assert_eq!(i("أصيب عشرات المدنيين"), None);
        assert_eq!(k("One of the governor's bodyguards was killed and two others wounded"), Some(1));
        assert_eq!(i("One of the governor's bodyguards was killed and two others wounded"), Some(2));
        assert_eq!(k("At least five people were killed"), Some(5));
        assert_eq!(i("More than 20 people were injured"), Some(20));
        assert_eq!(i("Dozens of civilians were wounded"), None);
        assert_eq!(i("A soldier was killed and another wounded"), Some(1));
    }

    #[test]
    fn implicit_singletons() {
        assert_eq!(k("اغتال مسلحون مجهولون العقيد في الاستخبارات"), Some(1));
        assert_eq!(k("قتل مسلحون قاضيا في محكمة الاستئناف"), Some(1));
        assert_eq!(k("قتل الجيش الباكستاني قائدا ميدانيا"), Some(1));
        assert_eq!(k("وأعدموا اثنين منهم رميا بالرصاص"), Some(2));
        assert_eq!(k("لقي ضابط في الشرطة حتفه"), Some(1));
        assert_eq!(k("Gunmen assassinated the deputy governor of Diyala province"), Some(1));
        assert_eq!(k("A 12-year-old boy was killed when a shell hit"), Some(1));
        assert_eq!(k("Militants executed two of them"), Some(2));
        // plural definite victims: no count
        assert_eq!(k("قتل الجنود في الهجوم"), None);
    }

    #[test]
    fn no_figure_traps() {
        assert_eq!(k("قتل شاب يبلغ من العمر 19 عاما"), Some(1));
        assert_eq!(i("انفجرت عبوة على الطريق رقم 6 دون وقوع إصابات"), None);
        assert_eq!(k("قصفت الطائرات 12 موقعا"), None);
        assert_eq!(i("أصيب جنود في الهجوم الذي وقع قبل ثلاثة أيام"), None);
        assert_eq!(k("قتلوا وجرحوا أكثر من عشرة"), None);
        assert_eq!(k("Air strikes hit 15 targets near Raqqa"), None);
    }

    #[test]
    fn tolls_and_totals() {
        assert_eq!(k("ارتفعت حصيلة ضحايا التفجير الذي استهدف مسجدا إلى 35 قتيلا و60 جريحا"), Some(35));
        assert_eq!(i("ارتفعت حصيلة ضحايا التفجير الذي استهدف مسجدا إلى 35 قتيلا و60 جريحا"), Some(60));
        assert_eq!(k("بلغ عدد قتلى الهجوم على السجن المركزي 18 شخصا بينهم أربعة حراس"), Some(18));
        assert_eq!(k("The death toll from the twin bombings rose to 43, with more than 200 wounded."), Some(43));
        assert_eq!(i("The death toll from the twin bombings rose to 43, with more than 200 wounded."), Some(200));
        assert_eq!(k("The blast killed five, including two children, and wounded 11."), Some(5));
        assert_eq!(i("The blast killed five, including two children, and wounded 11."), Some(11));
    }
}
