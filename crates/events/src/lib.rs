//! marsad-events: the events stage. Finds event triggers (Arabic first,
//! English too), codes them in PLOVER v2 with an ACLED mapping, and attaches
//! actor, recipient, place, date, casualties, modality and attribution from
//! the same sentence. See README.md for the method and its limits.

pub mod casualty;
pub mod lexicon;
pub mod numbers;
pub mod ontology;

use lexicon::{Kind, Lexicon};
use marsad_core::{ActorRef, Document, Event, Place, Span, Stage, TextSpan, TimeExpr, Token, TokenKind};
use ontology::Ontology;

/// The events stage. `load` reads the resources embedded in the binary.
pub struct EventStage {
    lx: Lexicon,
    onto: Ontology,
}

impl EventStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(EventStage { lx: Lexicon::load(), onto: Ontology::load() })
    }

    /// The lexicon (for tools and tests).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lx
    }

    pub fn ontology(&self) -> &Ontology {
        &self.onto
    }

    /// Every event of the document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Event> {
        let mut out = Vec::new();
        // trigger look-ups are memoised per document: the same words recur
        let memo = Memo::default();
        for si in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(si);
            if toks.is_empty() || toks.len() > 1500 {
                continue;
            }
            let cx = Sent::new(self, doc, si, &memo);
            out.extend(fold_casualty_nouns(cx.events()));
        }
        out
    }
}

/// "the wounded were taken to hospital" after "a car bomb exploded" in one
/// sentence is the same attack, not a second one: a casualty noun (الجرحى،
/// القتلى، the wounded) is dropped as a trigger when the sentence holds another
/// event of its type, and its figures fill the ones that event lacks.
fn fold_casualty_nouns(mut evs: Vec<Event>) -> Vec<Event> {
    const NOUNS: &[&str] = &["جرحي", "جريح", "الجرحي", "قتلي", "قتيل", "القتلي", "مصاب", "مصابين", "المصابين", "wounded", "injured", "dead"];
    let is_noun = |e: &Event| NOUNS.contains(&marsad_text::key(&e.trigger.text).as_str());
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

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn annotate(&self, doc: &mut Document) {
        doc.events = self.extract(doc);
    }
}

/// A timing hook for `marsad bench`: events on an already annotated doc.
pub fn bench_extract(stage: &EventStage, doc: &Document) -> usize {
    stage.extract(doc).len()
}

// ---------------------------------------------------------------------------

const AR_FUNC: &[&str] = &[
    "في", "من", "على", "علي", "الى", "الي", "عن", "مع", "بين", "ضد", "حول", "خلال", "بعد", "قبل", "عند", "لدي", "حتي", "منذ", "امام",
    "نحو", "ان", "انه", "انها", "انهم", "كان", "كانت", "التي", "الذي", "الذين", "اللذين", "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم",
    "لم", "لن", "لا", "ما", "قد", "كما", "وقد", "فقد", "ثم", "او", "اي", "وفي", "ومن", "وعلي", "والي", "فيما", "بينما", "حيث", "اذ",
    "وهو", "وهي", "وهم", "لكن", "ولكن", "اما", "اذا", "لو", "كل", "بعض", "غير", "دون", "عبر", "لدى", "اليوم", "امس", "مساء", "صباح",
    "ليل", "ليله", "فجر", "ظهر", "يوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "ايضا", "مجددا",
    "وذلك", "بعدما", "عندما", "حين", "فيها", "فيه", "عليه", "عليها", "منها", "منه", "اليه", "اليها", "لها", "له", "لهم", "بها",
    "به", "بهم", "عليهم", "منهم", "وقال", "قال", "يذكر", "ويذكر", "اول", "امس", "ب", "ل", "و", "ف", "يا",
];
const EN_FUNC: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "but", "that", "which", "who",
    "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will", "would", "could", "may", "might", "not",
    "this", "these", "those", "it", "its", "their", "his", "her", "they", "he", "she", "we", "as", "after", "before", "during",
    "since", "into", "over", "under", "against", "near", "than", "said", "says", "also", "when", "where", "while", "some",
    "there", "what", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
    "last", "late", "early", "week", "month", "year", "least", "more", "about", "around", "up", "out", "off", "all", "other",
    "reportedly", "allegedly", "then", "if", "so", "did", "do", "does", "no", "many", "several",
];
/// Words the affix matcher would misread as triggers (وزارة ≠ و+زار+ه).
const NEVER: &[&str] = &["طالبان", "الطالبان", "لطالبان", "وزاره", "الوزاره", "وزارات", "زاره", "وزار", "الضربه", "قتاده", "بحثا", "فجرا", "الفجر"];
/// Prepositions: a subject search stops at them.
const PREPS: &[&str] = &[
    "في", "من", "على", "علي", "الى", "الي", "عن", "مع", "بين", "ضد", "حول", "خلال", "عند", "لدي", "حتي", "منذ", "امام", "عبر",
    "دون", "وفي", "ومن", "وعلي", "والي", "وضد", "ومع", "in", "on", "at", "to", "for", "with", "from", "against", "into", "near", "of",
    "between",
];
/// Quantity words skipped before an actor head (عشرات المواطنين).
const TIME_WORDS: &[&str] = &[
    "فجر", "صباح", "مساء", "ليله", "ظهر", "اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الماضي", "الماضيه", "فجرا", "صباحا", "مساء", "ليلا", "ظهرا",
];
/// Facilities and places that stand for the people in them: the victims named
/// elsewhere in the sentence (or the owner in the genitive) are the better recipient.
const FACILITY: &[&str] = &[
    "موقع", "مواقع", "مقر", "مقرات", "منزل", "منازل", "حي", "احياء", "نقطه", "حاجز", "قاعده", "مركز", "مبني", "مبنى", "مدرسه", "فندق", "سوق", "قريه", "قري", "بلده", "مدينه", "مخيم", "منطقه", "مقرهم", "مقره", "مواقعهم",
];
const AR_QUANT: &[&str] = &["عشرات", "ميات", "الاف", "الوف", "عدد", "عده", "جموع", "الاف", "بضع", "بضعه", "مجموعه", "حشد", "حشود"];
/// Clause breakers for actor search.
const AR_CLAUSE: &[&str] = &["الذي", "التي", "الذين", "بينما", "فيما", "حيث", "لكن", "ولكن", "بعدما", "عندما"];
const LIGHT: &[&str] = &[
    "شن", "نفذ", "نظم", "تبني", "تبنت", "قاد", "ارتكب", "قام", "اطلق", "نظمت", "نفذت", "شنت", "قادت", "ارتكبت", "قامت", "دعا",
    "دعت", "نصب", "نصبه", "نصبها", "نصبوا",
];

#[derive(Clone, Debug)]
struct Cand {
    tok: usize,
    last: usize,
    /// tokens of the trigger (phrase slots)
    slots: Vec<usize>,
    ty: String,
    mode: Option<String>,
    entry: usize,
    kind: Kind,
    future: bool,
    /// effective weakness (the entry's flag, adjusted by context)
    weak: bool,
}

struct Ev {
    c: Cand,
    actor: Option<(usize, usize)>,
    recipient: Option<(usize, usize)>,
    weak: bool,
}

type Memo = std::cell::RefCell<lexicon::FMap<(String, bool), std::rc::Rc<[lexicon::Hit]>>>;

struct Sent<'a> {
    st: &'a EventStage,
    memo: &'a Memo,
    doc: &'a Document,
    si: usize,
    toks: &'a [Token],
    arabic: Vec<bool>,
    /// clitic-free keys of each token (norm without و/ف and article)
    key: Vec<String>,
    trig: Vec<bool>,
    sport: bool,
    disease: bool,
    /// market context: "هجوم المستثمرين على الأسهم" is not an attack
    econ: bool,
    /// context flags from data/cues.tsv (see there)
    cyber: bool,
    weapon: bool,
    accident: bool,
    frame: bool,
    nonprotest: bool,
    protestcue: bool,
    /// cue categories of each token (key, norm or conjunction-free norm) and of each
    /// adjacent pair "a_b" of keys, as bit sets (`Lexicon::cat_bit`)
    mask: Vec<u64>,
    pmask: Vec<u64>,
    /// char spans of actor mentions and of PERS/ORG entities in the sentence
    agent_spans: Vec<(usize, usize)>,
    /// the casualty grammar's reading of the sentence (computed after the triggers)
    tolls: std::cell::OnceCell<casualty::Tolls>,
}

fn is_ar(t: &Token) -> bool {
    t.kind == TokenKind::Arabic
}

/// The word is one of `stems` after a conjunction, preposition and/or article.
fn has_stem(norm: &str, stems: &[&str]) -> bool {
    ["", "و", "ب", "ل", "وب", "ول", "ال", "بال", "لل", "وال", "وبال", "ف"].iter().any(|p| {
        norm.strip_prefix(p).map_or(false, |rest| stems.contains(&rest))
    })
}

fn strip_conj(n: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(r) = n.strip_prefix(p) {
            if r.chars().count() >= 3 {
                return r;
            }
        }
    }
    n
}

fn key_of(t: &Token) -> String {
    if !is_ar(t) {
        return t.norm.clone();
    }
    if t.base.chars().count() >= 2 && t.suffix.is_empty() {
        return t.base.clone();
    }
    let n = strip_conj(&t.norm);
    for p in ["بال", "لل", "ال", "كال"] {
        if let Some(r) = n.strip_prefix(p) {
            if r.chars().count() >= 2 {
                return r.to_string();
            }
        }
    }
    n.to_string()
}

fn strip_al(s: &str) -> &str {
    s.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(s)
}

fn definite(t: &Token) -> bool {
    let n = strip_conj(&t.norm);
    n.starts_with("ال") || n.starts_with("لل") || n.starts_with("بال")
}

impl<'a> Sent<'a> {
    fn new(st: &'a EventStage, doc: &'a Document, si: usize, memo: &'a Memo) -> Self {
        let toks = doc.sentence_tokens(si);
        let arabic: Vec<bool> = toks.iter().map(is_ar).collect();
        let key: Vec<String> = toks.iter().map(key_of).collect();
        let lx = &st.lx;
        // cue categories per token and per adjacent pair, computed once per sentence
        let mask: Vec<u64> = toks.iter().zip(key.iter()).map(|(t, k)| lx.cue_mask(k) | lx.cue_mask(&t.norm) | lx.cue_mask(strip_conj(&t.norm))).collect();
        let mut pair = String::new();
        let pmask: Vec<u64> = key
            .windows(2)
            .map(|w| {
                pair.clear();
                pair.push_str(&w[0]);
                pair.push('_');
                pair.push_str(&w[1]);
                lx.cue_mask(&pair)
            })
            .collect();
        let any = |cat: &str| {
            let b = lx.cat_bit(cat);
            b != 0 && (mask.iter().any(|m| m & b != 0) || pmask.iter().any(|m| m & b != 0))
        };
        let (sport, disease, econ) = (any("sport"), any("disease"), any("econ"));
        let (cyber, accident, frame, nonprotest, protestcue) = (any("cyber"), any("accident"), any("frame"), any("nonprotest"), any("protestcue"));
        let weapon = any("weapon");
        let (ss, se) = doc.sentences.get(si).map_or((0, 0), |s| (s.start, s.end));
        let mut agent_spans: Vec<(usize, usize)> = Vec::new();
        for a in &doc.actors {
            for m in &a.mentions {
                if m.start < se && ss < m.end {
                    agent_spans.push((m.start, m.end));
                }
            }
        }
        for e in &doc.entities {
            if matches!(e.kind, marsad_core::EntityType::PERS | marsad_core::EntityType::ORG) && e.start < se && ss < e.end {
                agent_spans.push((e.start, e.end));
            }
        }
        Sent { st, memo, doc, si, toks, arabic, key, trig: vec![false; toks.len()], sport, disease, econ, cyber, weapon, accident, frame, nonprotest, protestcue, mask, pmask, agent_spans, tolls: std::cell::OnceCell::new() }
    }

    fn lx(&self) -> &Lexicon {
        &self.st.lx
    }

    /// `Lexicon::lookup`, memoised for the document.
    fn lookup(&self, norm: &str, arabic: bool) -> std::rc::Rc<[lexicon::Hit]> {
        let key = (norm.to_string(), arabic);
        if let Some(h) = self.memo.borrow().get(&key) {
            return h.clone();
        }
        let h: std::rc::Rc<[lexicon::Hit]> = self.lx().lookup(norm, arabic).into();
        self.memo.borrow_mut().insert(key, h.clone());
        h
    }

    fn cue_at(&self, cat: &str, i: usize) -> bool {
        self.mask[i] & self.lx().cat_bit(cat) != 0
    }

    fn is_func(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if is_ar(t) {
            AR_FUNC.contains(&t.norm.as_str())
        } else {
            EN_FUNC.contains(&t.norm.as_str())
        }
    }

    fn breaks(&self, i: usize) -> bool {
        let t = &self.toks[i];
        matches!(t.kind, TokenKind::Punct | TokenKind::Number | TokenKind::Other)
            || self.is_func(i)
            || self.trig[i]
            || self.cue_at("report", i)
    }

    /// Abstract object within three words after the trigger (stopping at punctuation or a
    /// preposition), or a non-agent subject right after it (or right before an English verb).
    fn figurative(&self, i: usize, last: usize) -> bool {
        let n = self.toks.len();
        if last + 1 < n && self.cue_at("figsubj", last + 1) {
            return true;
        }
        if !self.arabic[i] && i > 0 && self.cue_at("figsubj", i - 1) {
            return true;
        }
        for j in last + 1..(last + 4).min(n) {
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct || self.is_func(j) {
                break;
            }
            let p = t.prefix.trim_start_matches(['و', 'ف']);
            if self.arabic[j] && (p.starts_with('ب') || p.starts_with('ل') || p.starts_with('ك')) {
                continue;
            }
            if self.cue_at("figobj", j) {
                return true;
            }
        }
        false
    }

    // ---------------- triggers

    fn find_triggers(&mut self) -> Vec<Cand> {
        let n = self.toks.len();
        let mut consumed = vec![false; n];
        let mut out = Vec::new();
        for i in 0..n {
            if consumed[i] {
                continue;
            }
            let t = &self.toks[i];
            if !matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) {
                continue;
            }
            if is_ar(t) && (NEVER.contains(&t.norm.as_str()) || NEVER.contains(&strip_conj(&t.norm))) {
                continue;
            }
            let hits = self.lookup(&t.norm, is_ar(t));
            for h in hits.iter() {
                let e = &self.lx().entries[h.entry];
                let mut last = i;
                let mut slots = vec![i];
                if e.phrase {
                    let mut ok = true;
                    for alts in &e.rest {
                        let mut found = None;
                        // within three tokens, or five when a verb's subject stands between
                        // ("أطلقت الزوارق الحربية الإسرائيلية النار"), never across punctuation
                        let far = if slots.len() == 1 && self.arabic[i] { 6 } else { 4 };
                        for j in last + 1..(last + far).min(n) {
                            if self.toks[j].kind == TokenKind::Punct {
                                break;
                            }
                            if self.lx().slot_matches(alts, &self.toks[j].norm, is_ar(&self.toks[j])) {
                                found = Some(j);
                                break;
                            }
                        }
                        match found {
                            Some(j) => {
                                last = j;
                                slots.push(j);
                            }
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    if !ok {
                        continue;
                    }
                }
                let mut ty = e.ty.clone();
                let mut mode = e.mode.clone();
                // context filters
                let violent = matches!(ty.as_str(), "ASSAULT" | "PROTEST" | "COERCE");
                if e.flags.sport && (self.sport || self.econ || self.disease) {
                    break;
                }
                // in a sport report any attack word short of killing is the game's
                // (خطف الفريق نقطة التعادل، اقتحم صدارة الترتيب)
                if self.sport && ((ty == "ASSAULT" && !e.flags.killed) || (ty == "COERCE" && !e.flags.arrested && mode.as_deref() != Some("arrest"))) {
                    break;
                }
                // a computer attack is not physical violence (هجوم إلكتروني، cyberattack)
                if self.cyber && ty == "ASSAULT" && !e.flags.killed && !e.flags.injured {
                    break;
                }
                // an abstract object or a non-agent subject: figurative (فجّر مفاجأة، اعتقل المرض)
                if violent && self.figurative(i, last) {
                    break;
                }
                // "قتل المرض آلاف الأشخاص": a disease as the killer
                if (e.flags.killed || e.flags.injured || matches!(ty.as_str(), "ASSAULT" | "COERCE")) && last + 1 < n && self.cue_at("disease", last + 1) {
                    break;
                }
                if self.disease && e.flags.weak && matches!(ty.as_str(), "ASSAULT" | "COERCE") {
                    break;
                }
                if matches!(ty.as_str(), "ASSAULT" | "PROTEST" | "COERCE") && last + 1 < n && self.cue_at("fig", last + 1) {
                    break;
                }
                if e.flags.verbal && ((last + 1..(last + 5).min(n)).any(|j| self.cue_at("verbal", j)) || (!is_ar(t) && i > 0 && self.cue_at("verbal", i - 1))
                        || (!is_ar(t) && (i + 1..(last + 6).min(n)).any(|j| self.cue_at("verbal", j)))) {
                    ty = "ACCUSE".into();
                    mode = Some("disapprove".into());
                }
                // فجر اليوم / فجر الأحد is dawn, not "blew up"
                if is_ar(t) && strip_conj(&t.norm) == "فجر" && i + 1 < n {
                    let nx = self.key[i + 1].as_str();
                    if matches!(nx, "يوم" | "اليوم" | "امس" | "احد" | "اثنين" | "ثلاثاء" | "اربعاء" | "خميس" | "جمعه" | "سبت" | "الاحد" | "الاثنين" | "الثلاثاء" | "الاربعاء" | "الخميس" | "الجمعه" | "السبت" | "الجديد" | "جديد")
                        || (i > 0 && matches!(self.toks[i - 1].norm.as_str(), "منذ" | "عند" | "حتي" | "قبيل" | "مع"))
                    {
                        break;
                    }
                }
                // مواجهات جماهيرية / clashes with protesters: a riot, not a battle
                if ty == "ASSAULT" && matches!(mode.as_deref(), Some("clash")) {
                    let crowd = (last + 1 < n && matches!(self.key[last + 1].as_str(), "جماهيريه" | "شعبيه"))
                        || (0..n).any(|j| j != i && matches!(self.key[j].as_str(), "متظاهرين" | "متظاهرون" | "محتجين" | "محتجون" | "المتظاهرين" | "مشاغبين" | "protesters" | "demonstrators" | "rioters"));
                    if crowd {
                        ty = "PROTEST".into();
                        mode = Some("riot".into());
                    }
                }
                // drone vs march: مسيره
                if h.reading.stem == "مسيره" || t.norm == "march" || t.norm == "marches" {
                    let prev = if i > 0 { self.key[i - 1].as_str() } else { "" };
                    if matches!(prev, "طايره" | "طايرات" | "طيران") {
                        ty = "ASSAULT".into();
                        mode = Some("drone".into());
                    } else if ty == "ASSAULT" {
                        continue;
                    } else if h.reading.suffixed && is_ar(t) {
                        break; // مسيرته: a career, not a march
                    }
                    if !is_ar(t) {
                        let surf = self.doc.slice(t.start, t.end);
                        if surf.starts_with('M') && i > 0 {
                            break; // the month
                        }
                    }
                }
                // English "the wounded"/"the dead": people, not an event
                if !is_ar(t) && i > 0 && self.toks[i - 1].norm == "the" && matches!(t.norm.as_str(), "wounded" | "injured" | "dead" | "killed" | "detained") {
                    break;
                }
                // English: "rallied" in markets
                if !is_ar(t) && ty == "PROTEST" && self.toks.iter().any(|x| matches!(x.norm.as_str(), "shares" | "stocks" | "market" | "markets" | "prices" | "index" | "dollar")) {
                    break;
                }
                // English "shot" in sport, "fire" idioms are phrase-bound
                for &j in &slots {
                    consumed[j] = true;
                }
                // a gathering for a celebration, a prayer, a charity walk is not a protest
                if ty == "PROTEST" && matches!(mode.as_deref(), None | Some("demo")) && self.nonprotest && !self.protestcue
                    && (e.flags.weak || h.reading.stem == "مسيره" || t.norm.starts_with("march"))
                {
                    break;
                }
                // "A landmine hit an army patrol": a weapon as the subject makes a weak verb strong
                let weapon_subject = !is_ar(t) && e.flags.weak && (i.saturating_sub(3)..i).any(|q| {
                    ["mode:explosives", "mode:heavy-weapons", "mode:aerial", "mode:drone"].iter().any(|m| self.cue_at(m, q))
                });
                // effective weakness: the entry's flag, or an explosion word without a weapon word
                let weak = (e.flags.weak && !weapon_subject) || (e.flags.phys && !self.weapon);
                out.push(Cand { tok: i, last, slots, ty, mode, entry: h.entry, kind: h.reading.kind, future: h.reading.future, weak });
                break;
            }
        }
        for c in &out {
            for &j in &c.slots {
                self.trig[j] = true;
            }
        }
        out
    }

    // ---------------- noun phrases

    /// Is token i the head of an actor phrase (known actor, entity, agent noun, demonym)?
    fn actorish(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if matches!(t.kind, TokenKind::Punct | TokenKind::Number | TokenKind::Other) || self.is_func(i) {
            return false;
        }
        if self.agent_spans.iter().any(|&(s, e)| s < t.end && t.start < e) {
            return true;
        }
        let k = &self.key[i];
        if self.head(i).is_some() || self.lx().countries.contains_key(k) {
            return true;
        }
        if is_ar(t) {
            if self.nisba_country(k).is_some() && (k.ends_with("يين") || k.ends_with("يون") || definite(t)) {
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
    fn head(&self, i: usize) -> Option<&(String, String)> {
        let k = &self.key[i];
        self.lx().heads.get(k).or_else(|| k.strip_suffix('ا').and_then(|x| self.lx().heads.get(x)))
    }

    fn nisba_country(&self, k: &str) -> Option<String> {
        for suf in ["يين", "يون", "يات", "يه", "ي"] {
            if let Some(st) = k.strip_suffix(suf) {
                let stem = format!("{st}ي");
                if let Some(c) = self.lx().nisba.get(&stem) {
                    return Some(c.clone());
                }
            }
        }
        None
    }

    /// The noun phrase around head token i: (first, last) token indices.
    fn np_from(&self, i: usize, generic: bool) -> (usize, usize) {
        let n = self.toks.len();
        let t = &self.toks[i];
        let mut s = i;
        let mut e = i;
        if is_ar(t) {
            // construct head before a definite actor noun: قيادة التيار، شبان العشائر
            if i > 0 && definite(t) && is_ar(&self.toks[i - 1]) && !definite(&self.toks[i - 1]) && !self.breaks(i - 1)
                && !AR_QUANT.contains(&self.key[i - 1].as_str())
                && !self.toks[i - 1].norm.starts_with('و')
                && self.lx().heads.contains_key(&self.key[i - 1])
            {
                s = i - 1;
            }
            let head_def = definite(t);
            let mut j = i + 1;
            let proper = self.lx().countries.contains_key(&self.key[i]) && !head_def;
            while !proper && j < n && j <= i + 3 {
                let u = &self.toks[j];
                let fem_adj_trigger = self.trig[j] && j == i + 1 && u.norm.ends_with('ه') && t.norm.ends_with('ه') && !definite(u) && !definite(t);
                if !is_ar(u) || (self.breaks(j) && !fem_adj_trigger) {
                    break;
                }
                if self.prep_clitic(j) && !marsad_actors::mentions_in(self.doc, u.start, u.end).iter().any(|(_, m)| m.start < t.start) {
                    break;
                }
                let conj = u.norm.starts_with('و') && !u.norm.starts_with("وا") || u.norm.starts_with("وال");
                if conj {
                    // coordinated adjective: والسياسيين after الحقوقيين
                    let k = &self.key[j];
                    if !(u.norm.starts_with("وال") && (k.ends_with("يين") || k.ends_with("يون") || k.ends_with("يه")) && !self.lx().heads.contains_key(k)) {
                        break;
                    }
                }
                // a definite agent noun after a definite word starts a new phrase:
                // "اعتقلت السلطات السورية | المعارض البارز" (not "قوات الأمن": قوات is indefinite)
                if definite(u) && definite(&self.toks[j - 1]) && self.lx().heads.contains_key(&self.key[j]) && self.nisba_country(&self.key[j]).is_none() {
                    break;
                }
                // an indefinite nisba adjective: مزارع فلسطيني، مسلحون عراقيون
                let nisba_adj = !definite(u) && !definite(&self.toks[j - 1]) && j == e + 1 && self.nisba_country(&self.key[j]).is_some();
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
        } else {
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
            if generic && e == i && s == i {
                return (s, e);
            }
        }
        // a title followed by a name: الرئيس المصري حسني مبارك
        if is_ar(t) && e + 1 < n {
            let nx = &self.toks[e + 1];
            let person = self.doc.entities.iter().any(|en| en.kind == marsad_core::EntityType::PERS && en.start == nx.start)
                || marsad_actors::mentions_in(self.doc, nx.start, nx.end).iter().any(|(ai, m)| m.start == nx.start && self.doc.actors[*ai].actor_type.as_deref() == Some("person"));
            if person && !nx.norm.starts_with('و') {
                e += 1;
            }
        }
        // عناصر من تنظيم داعش: members of a named group
        if is_ar(t) && e + 2 < n && self.toks[e + 1].norm == "من" && matches!(self.key[i].as_str(), "عناصر" | "عنصر" | "مقاتلين" | "مقاتلو" | "اعضاء" | "افراد" | "مسلحين" | "مسلحون" | "مجموعه" | "عدد") && self.actorish(e + 2) {
            let (_, e2) = self.np_from(e + 2, false);
            e = e2;
        }
        // grow to cover an actor mention or entity that overlaps
        let (cs, ce) = (self.toks[s].start, self.toks[e].end);
        let mut lo = cs;
        let mut hi = ce;
        for (_, m) in marsad_actors::mentions_in(self.doc, cs, ce) {
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

    /// First actor-like phrase starting in [from, to), skipping quantity words.
    fn actor_after(&self, from: usize, to: usize, generic: bool) -> Option<(usize, usize)> {
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
            if is_ar(t) && (AR_QUANT.contains(&self.key[j].as_str()) || numbers::is_vague(&t.norm)) {
                j += 1;
                continue;
            }
            let after_quant = j > from && is_ar(&self.toks[j - 1]) && (AR_QUANT.contains(&self.key[j - 1].as_str()) || numbers::is_vague(&self.toks[j - 1].norm) || numbers::parse_at(self.toks, j - 1).is_some());
            if !generic && PREPS.contains(&t.norm.as_str()) && !(t.norm == "من" && after_quant) {
                return None;
            }
            if self.is_func(j) || t.kind == TokenKind::Number || t.kind == TokenKind::Punct {
                j += 1;
                continue;
            }
            if !generic && is_ar(t) && self.prep_clitic(j) && marsad_actors::mentions_in(self.doc, t.start, t.end).is_empty() {
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
    fn prep_clitic(&self, i: usize) -> bool {
        let p = self.toks[i].prefix.as_str();
        let p = p.strip_suffix("ال").unwrap_or(p);
        p.contains('ب') || p.contains('ل') || p.contains('ك')
    }

    /// Nearest actor-like phrase ending before token `i`, within the clause.
    fn actor_before(&self, i: usize, max: usize) -> Option<(usize, usize)> {
        let first_hit = if self.trig[i] && is_ar(&self.toks[i]) { self.lookup(&self.toks[i].norm, true).first().cloned() } else { None };
        let noun_trigger = first_hit.as_ref().map_or(false, |h| h.reading.kind == Kind::Noun);
        let protest_trigger = first_hit.as_ref().map_or(false, |h| self.lx().entries[h.entry].ty == "PROTEST");
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
            if noun_trigger && matches!(t.norm.as_str(), "في" | "علي" | "على" | "عن" | "الى" | "الي" | "وفي") && !(protest_trigger && matches!(t.norm.as_str(), "في" | "وفي")) {
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
                let mut q = s2.min(s);
                while q > 0 {
                    q -= 1;
                    let u = &self.toks[q];
                    if u.kind == TokenKind::Number || numbers::parse_at(self.toks, q).is_some() || u.norm == "من" || AR_QUANT.contains(&self.key[q].as_str()) {
                        continue;
                    }
                    if self.trig[q] {
                        let hit = self.lookup(&u.norm, is_ar(u));
                        if noun_trigger
                            || hit.first().map_or(false, |h| {
                                let f = &self.lx().entries[h.entry].flags;
                                f.killed || f.injured || f.arrested || self.lx().entries[h.entry].ty == "COERCE"
                            })
                        {
                            return None;
                        }
                    }
                    break;
                }
                if self.prep_clitic(s2.min(s)) && marsad_actors::mentions_in(self.doc, self.toks[s2.min(s)].start, self.toks[s2.min(s)].end).is_empty() {
                    return None;
                }
                return Some((s2.min(s), e2.max(e).min(i.saturating_sub(1)).max(s2.min(s))));
            }
        }
        None
    }

    fn actor_ref(&self, (s, e): (usize, usize), place_country: Option<&str>) -> ActorRef {
        let start = self.toks[s].start;
        let end = self.toks[e].end;
        let text = self.doc.slice(start, end).to_string();
        let mut r = ActorRef { text: text.clone(), start, end, ..Default::default() };
        // a knowledge-base actor mention inside the phrase
        let ms = marsad_actors::mentions_in(self.doc, start, end);
        if let Some((ai, m)) = ms.iter().find(|(ai, _)| self.doc.actors[*ai].known).or(ms.first()) {
            let a = marsad_actors::actor_ref(&self.doc.actors[*ai], m);
            r.name = a.name;
            r.actor_id = a.actor_id;
            r.country = a.country;
            r.sector = a.sector;
            r.actor_type = a.actor_type;
        }
        if r.country.is_none() || r.sector.is_none() {
            if let Some(c) = marsad_actors::code_phrase(&text) {
                r.country = r.country.or(c.country);
                r.sector = r.sector.or(c.sector);
                r.actor_type = r.actor_type.or(c.actor_type);
                if r.name.is_none() && !c.name.is_empty() {
                    r.name = Some(c.name);
                }
            }
        }
        // our own fallback: demonyms, country names, agent nouns
        for j in s..=e {
            let k = &self.key[j];
            if r.country.is_none() {
                if let Some(c) = self.lx().countries.get(k).cloned().or_else(|| if is_ar(&self.toks[j]) { self.nisba_country(k) } else { None }) {
                    r.country = Some(c);
                }
            }
            if r.sector.is_none() {
                if let Some((sec, ty)) = self.lx().heads.get(k) {
                    r.sector = Some(sec.clone());
                    if r.actor_type.is_none() {
                        r.actor_type = Some(ty.clone());
                    }
                }
            }
        }
        // "عجلة عسكرية"، "a military vehicle": military property
        if r.sector.is_none() && (s..=e).any(|j| matches!(self.key[j].as_str(), "عسكري" | "عسكريه" | "military")) {
            r.sector = Some("MIL".into());
        }
        if r.country.is_none() {
            // a place inside the phrase (حزب البعث في السودان)
            if let Some(p) = self.doc.places.iter().find(|p| p.start >= start && p.end <= end && p.country.is_some()) {
                r.country = p.country.clone();
            }
        }
        // "المتظاهرون من فلسطينيين…"، "حزب البعث … في السودان": a demonym or country right after the phrase
        if r.country.is_none() {
            let n = self.toks.len();
            let mut j = e + 1;
            let mut saw_min = false;
            while j < n && j <= e + 4 {
                let t = &self.toks[j];
                if t.kind == TokenKind::Punct || self.trig[j] {
                    break;
                }
                let k = &self.key[j];
                if let Some(c) = self.lx().countries.get(k).cloned().or_else(|| if is_ar(t) && (k.ends_with("يين") || k.ends_with("يون") || saw_min) { self.nisba_country(k) } else { None }) {
                    r.country = Some(c);
                    break;
                }
                if let Some(p) = self.doc.places.iter().find(|p| p.start <= t.start && t.start < p.end && p.country.is_some()) {
                    if j <= e + 2 {
                        r.country = p.country.clone();
                    }
                    break;
                }
                if t.norm == "من" || t.norm == "from" {
                    saw_min = true;
                }
                if !(matches!(t.norm.as_str(), "من" | "في" | "وفي" | "of" | "from" | "in") || AR_QUANT.contains(&k.as_str()) || self.head(j).is_some() || k == "ابناء" || (saw_min && is_ar(t) && !self.is_func(j))) {
                    break;
                }
                j += 1;
            }
        }
        // "قوات الاحتلال"، "جنود الاحتلال"، "مستوطنون": Israel in the Arabic press (the US
        // in Iraq and Afghanistan)
        if r.country.is_none() && (s..=e).any(|j| matches!(self.key[j].as_str(), "احتلال" | "الاحتلال" | "مستوطنون" | "مستوطنين" | "مستوطن" | "المستوطنين" | "المستوطنون")) {
            let us = matches!(place_country, Some("IRQ" | "AFG"));
            r.country = Some(if us && !(s..=e).any(|j| self.key[j].contains("مستوطن")) { "USA" } else { "ISR" }.to_string());
        }
        // unnamed civilians, local forces and gunmen take the country where the event
        // happens (the CAMEO/PETRARCH convention; a named foreign actor has its own)
        if r.country.is_none() && matches!(r.sector.as_deref(), Some("CVL" | "EDU" | "LAB" | "OPP" | "REF" | "COP" | "MIL" | "GOV" | "UAF" | "REB" | "REL")) {
            r.country = place_country.map(|s| s.to_string());
        }
        r
    }

    // ---------------- arguments

    fn args(&self, c: &Cand, prev_actor: Option<(usize, usize)>) -> Ev {
        let n = self.toks.len();
        let e = &self.lx().entries[c.entry];
        let ar = self.arabic[c.tok];
        let mut actor = None;
        let mut recipient = None;
        let patient_noun = e.flags.killed
            || e.flags.injured
            || e.flags.arrested
            || matches!(c.mode.as_deref(), Some("abduct" | "targeted" | "execute"))
            || c.ty == "COERCE";
        let hi = (c.last + 9).min(n);
        // (a) passive agent: على يد X / من قبل X / by X
        for j in c.last + 1..hi {
            let t = &self.toks[j];
            let prev = if j > 0 { self.toks[j - 1].norm.as_str() } else { "" };
            let agent = (ar && ((t.norm == "يد" && matches!(prev, "علي" | "على")) || (t.norm == "قبل" && prev == "من") || t.norm == "بيد" || t.norm == "ايدي" && prev == "علي" || matches!(t.norm.as_str(), "برصاص" | "بنيران" | "بقذايف" | "بصواريخ")))
                || (!ar && t.norm == "by" && j <= c.last + 4);
            if agent {
                actor = self.actor_after(j + 1, j + 5, false);
                break;
            }
            if t.kind == TokenKind::Punct && t.norm != "\"" {
                break;
            }
        }
        // the trigger itself names its actor: المتظاهرون، protesters
        if actor.is_none() && self.head(c.tok).is_some() {
            actor = Some(self.np_from(c.tok, false));
        }
        if ar && c.tok > 0 && recipient.is_none() {
            // "دورية … تعرضت لانفجار": the one exposed is the recipient
            let p = strip_conj(&self.toks[c.tok - 1].norm);
            if p.starts_with("تعرض") || p.starts_with("يتعرض") || p.starts_with("تتعرض") {
                if let Some(np) = self.actor_before(c.tok - 1, 5) {
                    recipient = Some(np);
                }
                return Ev { c: c.clone(), actor, recipient, weak: c.weak };
            }
            // "تعرضت دورية للجيش لإطلاق نار" (VSO): the subject between the verb and the trigger
            if let Some(v) = (c.tok.saturating_sub(6)..c.tok.saturating_sub(1)).rev().filter(|_| c.ty != "PROTEST").find(|&q| {
                let p = strip_conj(&self.toks[q].norm);
                p.starts_with("تعرض") || p.starts_with("يتعرض") || p.starts_with("تتعرض")
            }) {
                if v + 1 < c.tok && !(v + 1..c.tok).any(|q| self.toks[q].kind == TokenKind::Punct) {
                    let np = self.np_from(v + 1, true);
                    if np.1 < c.tok {
                        // "تعرض مقر الحزب لهجوم من قبل مسلحين": keep a passive agent found above
                        return Ev { c: c.clone(), actor, recipient: Some(np), weak: c.weak };
                    }
                }
            }
        }
        if ar && e.flags.pass && recipient.is_none() && c.last + 1 < n {
            let mut q = c.last + 1;
            while q + 1 < n && (numbers::parse_at(self.toks, q).is_some() || self.toks[q].kind == TokenKind::Number || AR_QUANT.contains(&self.key[q].as_str()) || numbers::is_vague(&self.toks[q].norm) || self.toks[q].norm == "من") {
                q += 1;
            }
            if is_ar(&self.toks[q]) && !self.is_func(q) && !self.trig[q] && actor.map_or(true, |a| a.0 > q) {
                recipient = Some(self.np_from(q, true));
            }
        }
        if ar {
            let next = c.last + 1;
            if actor.is_none() {
                // (b) هجوم شنه X / مظاهرة نظمها X (also when the trigger reads as a verb: قصف مدفعي شنه)
                for j in next..(next + 2).min(n) {
                    let k = strip_conj(&self.toks[j].norm);
                    if LIGHT.iter().any(|l| k.starts_with(l)) && (c.kind == Kind::Noun || k.chars().count() > 2 && LIGHT.iter().any(|l| k.len() > l.len() && k.starts_with(l))) {
                        actor = self.actor_after(j + 1, j + 4, false);
                        break;
                    }
                }
            }
            if actor.is_none() && c.kind == Kind::Noun && next < n {
                // (c) هجوم لداعش / مظاهرة للطلاب / غارة جوية للتحالف
                let adj = |q: usize| q < n && is_ar(&self.toks[q]) && (self.key[q].ends_with("يه") || self.key[q].ends_with('ي')) && !self.toks[q].norm.starts_with('ل');
                let next = if adj(next) && next + 1 < n { next + 1 } else { next };
                let t = &self.toks[next];
                if is_ar(t) && (t.norm.starts_with("لل") || t.norm.starts_with('ل')) && !patient_noun {
                    if self.actorish(next) {
                        actor = Some(self.np_from(next, false));
                    } else if next + 1 < n && self.actorish(next + 1) && !self.toks[next + 1].norm.starts_with('و') {
                        // كمين لبقايا داعش
                        let np = self.np_from(next + 1, false);
                        actor = Some((next, np.1));
                    }
                }
            }
            if patient_noun && c.kind == Kind::Noun && recipient.is_none() {
                // مقتل أربعة من الشرطة الاتحادية
                let mut q = next;
                while q < n && q < next + 3 && (numbers::parse_at(self.toks, q).is_some() || self.toks[q].kind == TokenKind::Number || AR_QUANT.contains(&self.key[q].as_str()) || numbers::is_vague(&self.toks[q].norm)) {
                    q += 1;
                }
                if q > next && q + 1 < n && self.toks[q].norm == "من" && self.actorish(q + 1) {
                    recipient = Some(self.np_from(q + 1, false));
                }
            }
            if c.kind == Kind::Noun && next < n && self.actorish(next) && definite(&self.toks[next]) && !self.toks[next].norm.starts_with('و') {
                // (d) construct: قصف الطيران → actor; مقتل الجنود → recipient
                let np = self.np_from(next, false);
                if patient_noun {
                    recipient = Some(np);
                } else if actor.is_none() {
                    actor = Some(np);
                }
            }
            let passive_like = matches!(c.kind, Kind::Perf | Kind::Impf)
                && (e.flags.pass
                    || (e.flags.killed || e.flags.injured) && c.kind == Kind::Perf && {
                        let t = &self.toks[c.tok];
                        strip_conj(&t.norm).chars().count() <= 4
                            && (next < n
                                && (numbers::parse_at(self.toks, next).is_some()
                                    || numbers::human_count(&self.toks[next].norm).is_some()
                                    || numbers::is_vague(&self.toks[next].norm)))
                    });
            if (actor.is_none() || passive_like) && matches!(c.kind, Kind::Perf | Kind::Impf) {
                // (e) VSO subject right after the verb (bare passive قتل 5 → recipient)
                if passive_like {
                    if recipient.is_none() {
                        recipient = self.actor_after(next, next + 4, false).or_else(|| if e.flags.pass { self.actor_after(next, next + 2, true) } else { None });
                        if e.flags.pass && next < n && is_ar(&self.toks[next]) && !self.is_func(next) && !self.trig[next] && numbers::parse_at(self.toks, next).is_none() && !numbers::is_vague(&self.toks[next].norm) {
                            recipient = Some(self.np_from(next, true));
                        }
                    }
                } else if let Some(np) = self.actor_after(c.tok + 1, next + 6, false).filter(|np| {
                    // "اعتقلت ٢٠٨ أشخاص": after a count the noun is the object, not the subject
                    !(e.flags.obj && (c.tok + 1..np.0).any(|q| self.toks[q].kind == TokenKind::Number || numbers::parse_at(self.toks, q).is_some()))
                }).filter(|np| {
                    // the subject is the first content word after the verb (no skipping over an object)
                    (c.tok + 1..np.0).all(|q| {
                        let u = &self.toks[q];
                        self.is_func(q) || self.trig[q] || u.kind != TokenKind::Arabic || AR_QUANT.contains(&self.key[q].as_str()) || numbers::is_vague(&u.norm) || numbers::parse_at(self.toks, q).is_some()
                            || matches!(self.key[q].as_str(), "اعضاء" | "انصار" | "افراد" | "كوادر" | "ابناء" | "مناصري" | "مؤيدي")
                    })
                }) {
                    let p = self.toks[np.0].prefix.as_str();
                    let p = p.strip_suffix("ال").unwrap_or(p);
                    // after a death/injury verb the phrase is the victim unless it is armed
                    let victim = (e.flags.killed || e.flags.injured) && {
                        let r = self.actor_ref(np, None);
                        !e.flags.obj || !matches!(r.sector.as_deref(), Some("MIL" | "COP" | "REB" | "UAF" | "GOV" | "SPY")) && r.actor_id.is_none()
                    };
                    if victim {
                        if recipient.is_none() {
                            recipient = Some(np);
                        }
                    } else if p.contains('ل') || p.contains('ب') {
                        if c.ty == "ASSAULT" && recipient.is_none() {
                            recipient = Some(np);
                        }
                    } else {
                        actor = Some(np);
                    }
                }
            }
            if actor.is_none() && !e.flags.killed && !e.flags.injured {
                // (f) SVO / a noun whose actor precedes it (not before a death/injury word: that is the victim)
                actor = self.actor_before(c.tok, 6);
            }
            // "إن مسلحين اغتالوا مختار القرية": an armed, uncounted subject before a killing verb
            // that has an object is its actor ("ثلاثة مسلحين قتلوا في …" stays the victims)
            if actor.is_none() && (e.flags.killed || e.flags.injured) && e.flags.obj && matches!(c.kind, Kind::Perf | Kind::Impf) && next < n {
                let u = &self.toks[next];
                if u.kind != TokenKind::Punct && !PREPS.contains(&u.norm.as_str()) && !self.trig[next] {
                    if let Some(np) = self.actor_before(c.tok, 4) {
                        let counted = np.0 > 0 && (self.toks[np.0 - 1].kind == TokenKind::Number || numbers::parse_at(self.toks, np.0 - 1).is_some() || numbers::is_vague(&self.toks[np.0 - 1].norm));
                        let r = self.actor_ref(np, None);
                        if !counted && (matches!(r.sector.as_deref(), Some("MIL" | "COP" | "REB" | "UAF" | "SPY")) || r.actor_id.is_some()) {
                            actor = Some(np);
                        }
                    }
                }
            }
            if actor.is_none() && self.toks[c.tok].norm.starts_with('و') && matches!(c.kind, Kind::Perf | Kind::Impf) && (e.flags.obj || (!e.flags.killed && !e.flags.injured)) {
                actor = prev_actor;
            }
            // a phrase slot that names the recipient: طردت فنزويلا السفير الإسرائيلي
            if recipient.is_none() && c.slots.len() > 1 {
                if let Some(&q) = c.slots[1..].iter().find(|&&q| self.actorish(q) && actor.map_or(true, |a| q < a.0 || q > a.1)) {
                    recipient = Some(self.np_from(q, true));
                }
            }
            // recipient
            if recipient.is_none() {
                let from = match actor {
                    Some((_, ae)) if ae > c.last => ae + 1,
                    _ => next,
                };
                let mut from = from;
                while from < n && from < next + 8 && is_ar(&self.toks[from]) && (TIME_WORDS.contains(&strip_conj(&self.toks[from].norm)) || matches!(self.toks[from].norm.as_str(), "نحو" | "حوالي" | "قرابه" | "زهاء")) {
                    from += 1;
                }
                let mut j = from;
                while j < (from + 6).min(n) {
                    let t = &self.toks[j];
                    if t.kind == TokenKind::Punct {
                        break;
                    }
                    let k = t.norm.as_str();
                    if matches!(k, "علي" | "على") && j + 1 < n && matches!(self.toks[j + 1].norm.as_str(), "نحو" | "الاقل" | "الرغم" | "خلفيه" | "اثر") {
                        j += 2;
                        continue;
                    }
                    if matches!(k, "علي" | "على") && j > from + 2 {
                        j += 1;
                        continue;
                    }
                    if matches!(k, "علي" | "على" | "ضد" | "وضد" | "بحق" | "تجاه") {
                        recipient = self.actor_after(j + 1, j + 4, true);
                        break;
                    }
                    if matches!(k, "مطالبين" | "مطالبا" | "تطالب" | "يطالبون" | "طالبوا" | "مطالبه") {
                        recipient = self.actor_after(j + 1, j + 3, false);
                        break;
                    }
                    if c.ty == "ASSAULT" && (k.starts_with("لل") || (k.starts_with('ل') && (self.actorish(j) || j == from))) && j <= from + 2 {
                        recipient = Some(self.np_from(j, true));
                        break;
                    }
                    if e.flags.obj && j == from && (t.kind == TokenKind::Number || AR_QUANT.contains(&self.key[j].as_str()) || numbers::is_vague(k) || numbers::parse_at(self.toks, j).is_some()) {
                        // ثلاثة مهندسين أتراك: the counted noun
                        let mut q = j;
                        while q < n && q < j + 3 && (self.toks[q].kind == TokenKind::Number || numbers::parse_at(self.toks, q).is_some() || self.is_func(q) || AR_QUANT.contains(&self.key[q].as_str()) || numbers::is_vague(&self.toks[q].norm)) {
                            q += 1;
                        }
                        if q < n && is_ar(&self.toks[q]) && !self.trig[q] {
                            recipient = Some(self.np_from(q, true));
                        }
                        break;
                    }
                    if e.flags.obj && j == from && is_ar(t) && self.actorish(j) && !self.trig[j] {
                        recipient = Some(self.np_from(j, true));
                        break;
                    }
                    if e.flags.obj && j == from && !self.is_func(j) && is_ar(t) && !self.actorish(j) && !self.prep_clitic(j) && !self.trig[j] && !self.cue_at("report", j) && numbers::parse_at(self.toks, j).is_none() {
                        // حاجزا للجيش: the object with its ل-genitive
                        let mut np = self.np_from(j, true);
                        if np.1 + 1 < n && self.toks[np.1 + 1].norm.starts_with('ل') && self.actorish(np.1 + 1) {
                            np.1 = self.np_from(np.1 + 1, true).1;
                        }
                        recipient = Some(np);
                        break;
                    }
                    if e.flags.obj && j == from && !self.is_func(j) && (is_ar(t)) && !AR_FUNC.contains(&k) {
                        if let Some(np) = self.actor_after(j, j + 3, false) {
                            recipient = Some(np);
                        } else if !self.trig[j] && !self.prep_clitic(j) && !self.cue_at("report", j) {
                            recipient = Some(self.np_from(j, true));
                        }
                        break;
                    }
                    j += 1;
                }
            }
            // اشتباكات بين X و Y
            if c.mode.as_deref() == Some("clash") || c.ty == "ASSAULT" {
                for j in c.last + 1..(c.last + 3).min(n) {
                    if self.toks[j].norm == "بين" {
                        if let Some(a) = self.actor_after(j + 1, j + 3, true) {
                            actor = Some(a);
                            let mut k = a.1 + 1;
                            while k < (a.1 + 4).min(n) {
                                if self.toks[k].norm.starts_with('و') {
                                    let t = &self.toks[k];
                                    if self.actorish(k) || is_ar(t) {
                                        recipient = Some(self.np_from(k, true));
                                    }
                                    break;
                                }
                                k += 1;
                            }
                        }
                        break;
                    }
                }
            }
            // "اشتبك الجيش اللبناني مع مسلحي فتح الإسلام"، "في مواجهات مع قوات الأمن": the other side
            if c.ty == "ASSAULT" && (c.mode.as_deref() == Some("clash") || e.mode.as_deref() == Some("clash") || has_stem(strip_conj(&self.toks[c.tok].norm), &["اشتبك", "اشتبكت", "اشتبكوا", "يشتبك", "تشتبك"])) {
                let lim = actor.map_or(c.last, |a| a.1.max(c.last)) + 3;
                for j in c.last + 1..lim.min(n) {
                    if self.toks[j].kind == TokenKind::Punct {
                        break;
                    }
                    if matches!(self.toks[j].norm.as_str(), "مع" | "ومع") {
                        if let Some(x) = self.actor_after(j + 1, j + 4, false) {
                            if actor.is_none() && recipient.is_some() {
                                actor = Some(x);
                            } else if actor.is_some() && recipient.is_none() {
                                recipient = Some(x);
                            } else if actor.is_none() {
                                actor = Some(x);
                            }
                        }
                        break;
                    }
                }
            }
        } else {
            // English
            let det = c.tok > 0 && matches!(self.toks[c.tok - 1].norm.as_str(), "the" | "a" | "an" | "this" | "that" | "its" | "their" | "his" | "her" | "new");
            if actor.is_none() && c.kind == Kind::Word {
                // subject before a verb; for nouns only an adjacent modifier ("Israeli air strikes", "Taliban attack")
                if (e.verb && !det) || matches!(self.toks[c.tok].norm.as_str(), "killed" | "wounded" | "injured" | "shot" | "struck" | "fought" | "kidnapped" | "abducted" | "blew" | "protesters" | "demonstrators") {
                    actor = self.actor_before(c.tok, 6);
                } else if let Some(lv) = (c.tok.saturating_sub(3)..c.tok).find(|&q| matches!(self.toks[q].norm.as_str(), "carried" | "launched" | "conducted" | "staged" | "mounted" | "claimed" | "carry" | "launch" | "conduct" | "stage" | "mount")) {
                    // "coalition aircraft carried out airstrikes": the subject of the light verb
                    actor = self.actor_before(lv, 6);
                } else {
                    let mut j = c.tok;
                    while j > 0 && c.tok - j < 3 {
                        j -= 1;
                        if self.actorish(j) {
                            actor = Some(self.np_from(j, false));
                            break;
                        }
                        if !matches!(self.toks[j].norm.as_str(), "air" | "drone" | "missile" | "suicide" | "car" | "bomb" | "rocket") {
                            break;
                        }
                    }
                }
            }
            // "X died": the subject of an intransitive death word is the victim, not an actor
            if e.flags.killed && !e.flags.obj && recipient.is_none() {
                recipient = actor.take();
            }
            let passive = c.tok > 0 && matches!(self.toks[c.tok - 1].norm.as_str(), "was" | "were" | "been" | "be" | "being");
            if passive {
                // the subject of a passive is the recipient, the "by" phrase the actor
                let mut by_actor = None;
                for j in c.last + 1..hi {
                    if self.toks[j].norm == "by" {
                        by_actor = self.actor_after(j + 1, j + 5, false).or_else(|| self.actor_after(j + 1, j + 4, true));
                        break;
                    }
                }
                let subject = self.actor_before(c.tok, 6);
                recipient = subject.or(recipient);
                actor = by_actor;
            }
            // "At least four soldiers killed in Baqubah …", "several others wounded on Sunday": a
            // reduced passive (headline style), its subject is the victim
            if !passive && (e.flags.killed || e.flags.injured) && e.flags.obj && self.toks[c.last].norm.ends_with("ed") && actor.is_some() && recipient.is_none() {
                let nx = self.toks.get(c.last + 1).map(|t| t.norm.as_str()).unwrap_or(".");
                let nx2 = self.toks.get(c.last + 2).map(|t| t.norm.as_str()).unwrap_or("");
                if matches!(nx, "in" | "near" | "on" | "during" | "when" | "as" | "after" | "while" | "," | "." | "by") || (nx == "at" && nx2 != "least") {
                    let by = if nx == "by" { self.actor_after(c.last + 2, c.last + 6, false) } else { None };
                    recipient = actor.take();
                    actor = by;
                }
            }
            if recipient.is_none() {
                let next = c.last + 1;
                let mut j = next;
                while j < (next + 5).min(n) {
                    let t = &self.toks[j];
                    if t.kind == TokenKind::Punct {
                        break;
                    }
                    if matches!(t.norm.as_str(), "on" | "against" | "targeting" | "at") && c.ty == "ASSAULT" || t.norm == "against" {
                        recipient = self.actor_after(j + 1, j + 4, true);
                        break;
                    }
                    if e.flags.obj && j == next && !passive {
                        recipient = self.actor_after(j, j + 3, false);
                        break;
                    }
                    if !(t.norm == "the" || t.norm == "a" || t.norm == "an") {
                        if !e.flags.obj {
                            j += 1;
                            continue;
                        }
                        break;
                    }
                    j += 1;
                }
            }
            for j in c.last + 1..(c.last + 3).min(n) {
                if self.toks[j].norm == "between" {
                    if let Some(a) = self.actor_after(j + 1, j + 4, true) {
                        actor = Some(a);
                        if a.1 + 2 < n && self.toks[a.1 + 1].norm == "and" {
                            recipient = self.actor_after(a.1 + 2, a.1 + 5, true);
                        }
                    }
                    break;
                }
            }
        }
        if let (Some(a), Some(r)) = (actor, recipient) {
            if a.0 <= r.1 && r.0 <= a.1 {
                recipient = None;
            }
        }
        // بطائرة مسيرة / بعبوة ناسفة: the weapon, not the one attacked
        if let Some(r) = recipient {
            if ar && self.toks[r.0].norm.starts_with('ب') && has_stem(&self.toks[r.0].norm, &["طايره", "طائره", "سياره", "عبوه", "صاروخ", "صواريخ", "قذيفه", "قذائف", "رصاص", "عبوات", "طائرات", "طايرات"]) {
                recipient = None;
            }
        }
        Ev { c: c.clone(), actor, recipient, weak: c.weak }
    }

    /// Whom an Arabic protest is against: ضد X، احتجاجا على X، هتافات معادية لـX،
    /// منددين بـX، مطالبين X، يسقط X، الموت لـX، أمام X، بين الشرطة والمتظاهرين.
    fn protest_target(&self, from: usize, actor: Option<(usize, usize)>) -> Option<(usize, usize)> {
        let n = self.toks.len();
        let inside_actor = |j: usize| actor.map_or(false, |a| a.0 <= j && j <= a.1);
        // the phrase after a cue: an actor-like word within a short genitive
        // chain wins (احتجاجا على حملة اليمين المتطرف → اليمين المتطرف), else
        // the first noun phrase
        let after = |j: usize| -> Option<(usize, usize)> {
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
                    if first.is_none() && k + 1 < n && is_ar(&self.toks[k + 1]) && !self.is_func(k + 1) && has_stem(&t.norm, &["مبني", "مبنى", "مقر", "مكتب", "مقار", "مباني"]) {
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
        };
        let hostile = ["معادي", "مناهض", "مضاد", "مناوي", "المعادي", "المناهض", "المضاد", "المناوي"];
        let denounce = [
            "ينددون", "منددين", "منددا", "تنديدا", "للتنديد", "تندد", "يندد", "ندد", "نددوا", "منددون", "مندده", "المندده", "تدين", "يدين",
            "تدين", "ادانه", "استنكارا", "رفض", "رفضها", "رفضهم", "رفضا", "رافضين", "رافضه",
        ];
        let accuse = ["اتهم", "اتهموا", "متهمين", "متهما", "يتهمون", "تتهم", "يتهم", "اتهمت"];
        let demand = ["تدعو", "يدعو", "يدعون", "داعين", "يطالب", "تطالب", "مطالبين", "طالبوا", "يطالبون", "مطالبا", "طالب", "طالبت", "مطالبه", "لمطالبه", "ومطالبه", "مطالبه"];
        let order: Vec<usize> = (from..n).chain(0..from).collect();
        for pass in 0..2 {
            for &j in &order {
                let t = &self.toks[j];
                if !is_ar(t) || inside_actor(j) {
                    continue;
                }
                let nn = strip_conj(&t.norm);
                let k = self.key[j].as_str();
                if pass == 1 {
                    if nn == "امام" || nn == "قبالة" || nn == "قباله" {
                        if let Some(np) = after(j) {
                            return Some(np);
                        }
                    }
                    // الى مقر رئيس الوزراء / حتى السفارة الاسرائيلية: only an actor-like goal
                    if matches!(nn, "الي" | "باتجاه" | "نحو" | "حتي") {
                        if let Some(np) = after(j).filter(|np| (np.0..=np.1).any(|q| self.actorish(q))) {
                            return Some(np);
                        }
                    }
                    continue;
                }
                // اشتبك متظاهرون … مع الجيش الإسرائيلي
                if nn == "مع" && (j.saturating_sub(5)..j).any(|q| {
                    let k = self.key[q].as_str();
                    k.starts_with("اشتبك") || k.starts_with("صدام") || k.starts_with("مواجه") || k.starts_with("اشتباك") || k.starts_with("تصادم")
                }) {
                    if let Some(np) = after(j) {
                        return Some(np);
                    }
                }
                let prev_protest = j > 0 && {
                    let pk = self.key[j - 1].as_str();
                    ["احتجاج", "للاحتجاج", "يحتج", "محتج", "احتج", "الاحتجاج", "تعبير", "احتجاجا"].iter().any(|p| pk.starts_with(p))
                };
                // احتجاجا على ما يتعرض له …: a clause, not a target
                let clause_next = j + 1 < n && matches!(self.toks[j + 1].norm.as_str(), "ما" | "من" | "ان" | "أن");
                if (nn == "ضد" || (matches!(nn, "علي" | "على") && prev_protest) || nn == "يسقط") && !clause_next {
                    if let Some(np) = after(j) {
                        return Some(np);
                    }
                }
                // هتافات معادية للحكومة: only with the ل-object (not الاعلانات المضادة في الصحف)
                let hostile_hit = hostile.iter().any(|h| nn.starts_with(h) || k.starts_with(h)) && j + 1 < n && self.toks[j + 1].norm.starts_with('ل');
                // المطالبة باستقالة X، إقالة X، رحيل X: the one to go is the target
                let removal = has_stem(&t.norm, &["استقاله", "اقاله", "رحيل", "اسقاط", "اطاحه", "محاكمه", "تنحي", "طرد"]);
                // غضب من قرار بريطانيا
                let anger = nn == "من" && (j.saturating_sub(2)..j).any(|q| self.key[q].starts_with("غضب"));
                if hostile_hit || removal || anger || denounce.contains(&nn) || accuse.contains(&nn) || k == "موت" {
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
                if demand.contains(&nn) {
                    // مطالبين لجنة تفادي التعذيب بـ…: a bare object is the one addressed
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
                }
                if nn == "بين" {
                    if let Some(x) = after(j) {
                        let y = (x.1 + 1 < n && self.toks[x.1 + 1].norm.starts_with('و')).then(|| self.np_from(x.1 + 1, true));
                        let protesters = |sp: (usize, usize)| (sp.0..=sp.1).any(|q| self.head(q).map_or(false, |h| h.0 == "CVL" || h.0 == "EDU" || h.0 == "LAB"));
                        match y {
                            Some(y) if protesters(y) && !protesters(x) => return Some(x),
                            Some(y) if protesters(x) && !protesters(y) => return Some(y),
                            _ => {}
                        }
                    }
                }
            }
        }
        None
    }

    // ---------------- casualties

    /// The casualty grammar (casualty.rs) over this sentence: figures per class and
    /// per incident. Needs the triggers (attack words anchor an incident).
    fn tolls(&self) -> &casualty::Tolls {
        self.tolls.get_or_init(|| {
            let n = self.toks.len();
            let in_spans = |spans: &mut dyn Iterator<Item = (usize, usize)>| {
                let mut v = vec![false; n];
                for (s, e) in spans {
                    for (q, t) in self.toks.iter().enumerate() {
                        if t.start < e && s < t.end {
                            v[q] = true;
                        }
                    }
                }
                v
            };
            let si = self.si;
            let time = in_spans(&mut self.doc.times.iter().filter(|t| t.sentence == si).map(|t| (t.start, t.end)));
            let mut person = in_spans(&mut self.doc.entities.iter().filter(|e| e.sentence == si && e.kind == marsad_core::EntityType::PERS).map(|e| (e.start, e.end)));
            let (ss, se) = self.doc.sentences.get(si).map_or((0, 0), |s| (s.start, s.end));
            let pa = in_spans(&mut self.doc.actors.iter().filter(|a| a.actor_type.as_deref() == Some("person")).flat_map(|a| a.mentions.iter()).filter(|m| m.start < se && ss < m.end).map(|m| (m.start, m.end)));
            for (p, q) in person.iter_mut().zip(pa) {
                *p |= q;
            }
            let places = in_spans(&mut self.doc.places.iter().filter(|p| p.sentence == si).map(|p| (p.start, p.end)));
            // a nationality noun, also in the dual (فلسطينيان، عراقيين)
            let nisba: Vec<bool> = (0..n)
                .map(|q| {
                    let is = |k: &str| self.nisba_country(k).is_some() || k.strip_suffix("ان").filter(|st| st.ends_with('ي')).map_or(false, |st| self.nisba_country(st).is_some());
                    self.arabic[q] && (is(&self.key[q]) || is(&self.toks[q].norm) || is(strip_conj(&self.toks[q].norm)))
                })
                .collect();
            // what makes a clause its own incident: a place, or an indefinite attack word that
            // is not itself a casualty word (بهجوم انتحاري، a separate attack; not "الكمين",
            // which refers back)
            let anchor: Vec<bool> = (0..n)
                .map(|q| {
                    places[q]
                        || self.trig[q] && !definite(&self.toks[q]) && !(q > 0 && matches!(self.toks[q - 1].norm.as_str(), "the" | "this" | "that")) && {
                            let hits = self.lookup(&self.toks[q].norm, self.arabic[q]);
                            hits.first().map_or(false, |h| {
                                let e = &self.lx().entries[h.entry];
                                e.ty == "ASSAULT" && !e.flags.killed && !e.flags.injured
                            })
                        }
                })
                .collect();
            let inp = casualty::Input { toks: self.toks, time, person, nisba, anchor, disease: self.disease };
            let t = casualty::tolls(&inp);
            if std::env::var_os("MARSAD_EVENTS_DEBUG").is_some() {
                for f in &t.figures {
                    eprintln!("toll class={} value={} pred={} phrase={:?} incident={}", f.class, f.value, self.toks[f.pred].norm, (f.qp.0..f.qp.1.min(n)).map(|q| self.toks[q].norm.as_str()).collect::<Vec<_>>(), t.seg_of(f.pred));
                }
            }
            t
        })
    }

    /// (killed, injured, arrested) stated in the sentence, all incidents together.
    fn casualties(&self) -> (Option<u32>, Option<u32>, Option<u32>) {
        let t = self.tolls();
        (t.get(None, casualty::KILLED), t.get(None, casualty::INJURED), t.get(None, casualty::ARRESTED))
    }

    // ---------------- modality

    /// "a rise in attacks", "تصاعدا في الهجمات"، "ازدياد الهجمات", "attacks have risen": a
    /// trend statement about many events, not one event (unless a toll is stated)
    fn trend(&self, c: &Cand) -> bool {
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
    fn referenced(&self, c: &Cand) -> bool {
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
    fn source_spans(&self) -> Vec<(usize, usize)> {
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

    /// A place right after "which borders"/"المحاذية لـ"/"الحدودية مع": a neighbour, not the event's place.
    fn neighbour_place(&self, pos: usize) -> bool {
        let Some(i) = self.toks.iter().position(|t| t.start <= pos && pos < t.end) else { return false };
        (i.saturating_sub(3)..i).any(|q| self.cue_at("border", q) && !(q..i).any(|x| self.toks[x].kind == TokenKind::Punct))
    }

    /// The victim phrase after a time noun: "لحظة مرور عجلة عسكرية" → عجلة عسكرية.
    fn after_time(&self, t: usize) -> Option<(usize, usize)> {
        let n = self.toks.len();
        let mut q = t + 1;
        if q < n && self.cue_at("passing", q) {
            q += 1;
        } else {
            return None;
        }
        if q >= n || !self.arabic[q] || self.trig[q] || self.is_func(q) || self.cue_at("timenoun", q) {
            return None;
        }
        Some(self.np_from(q, false))
    }

    fn modality(&self, c: &Cand) -> (bool, bool, bool) {
        let i = c.tok;
        let mut neg = false;
        let mut hyp = c.future;
        let mut gen = false;
        let lo = i.saturating_sub(3);
        for j in lo..i {
            let t = &self.toks[j];
            if self.cue_at("neg", j) && !(t.norm == "ما" && j + 1 != i) && !(t.norm == "no" && j + 1 != i) {
                // لا + ... within the clause
                if !(t.norm == "لا" && (j + 1..i).any(|x| self.toks[x].kind == TokenKind::Punct)) {
                    neg = true;
                }
            }
            if t.norm == "n't" || t.norm.ends_with("n't") {
                neg = true;
            }
        }
        if i > 0 && self.toks[i - 1].norm == "عدم" {
            neg = true;
        }
        let lo = i.saturating_sub(10);
        for j in lo..i {
            if self.cue_at("negverb", j) {
                neg = true;
            }
        }
        // قد + imperfect is "may"; قد + perfect is "has"
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
                    hyp = true;
                }
            }
        }
        let lo = i.saturating_sub(8);
        for j in lo..i {
            let t = &self.toks[j];
            if matches!(t.norm.as_str(), "قد" | "وقد" | "فقد") {
                continue;
            }
            if self.cue_at("hyp", j) && !self.trig[j] {
                hyp = true;
            }
            if j + 1 < i && self.pmask[j] & self.lx().cat_bit("hyp") != 0 {
                hyp = true;
            }
            if is_ar(t) && (strip_conj(&t.norm).starts_with("سي") || strip_conj(&t.norm).starts_with("ست")) && j + 2 >= i {
                // سيتم تنفيذ… / ستنظم: a future verb governing the trigger
                let n = strip_conj(&t.norm);
                if n.chars().count() >= 4 && (n.starts_with("سيتم") || n.starts_with("ستتم") || n.starts_with("سين") || n.starts_with("ستن") || n.starts_with("سيق") || n.starts_with("ستق")) {
                    hyp = true;
                }
            }
            if !is_ar(t) && matches!(t.norm.as_str(), "will" | "would" | "could" | "may" | "might" | "plans" | "planned" | "threatened" | "threatens") && j + 3 >= i {
                hyp = true;
            }
        }
        // "… فرض حظر تجول إذا تدهور الوضع": a condition after the trigger, same clause
        for j in c.last + 1..(c.last + 7).min(self.toks.len()) {
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct {
                break;
            }
            if matches!(strip_conj(&t.norm), "اذا" | "لو" | "ان_لم") || matches!(t.norm.as_str(), "if" | "unless") {
                hyp = true;
            }
        }
        // "هدد المستأجرون بالاعتصام"، "threatened to strike": the threatened act has not happened
        if c.ty != "THREATEN" {
            for j in i.saturating_sub(5)..i {
                if self.trig[j] && (j + 1..i).all(|x| self.toks[x].kind != TokenKind::Punct) {
                    let k = strip_conj(&self.toks[j].norm);
                    if k.starts_with("هدد") || k.starts_with("يهدد") || k.starts_with("تهدد") || k.starts_with("توعد") || k.starts_with("يتوعد") || k.starts_with("threaten") {
                        hyp = true;
                    }
                }
            }
        }
        // "دعا زعيم المعارضة أنصاره إلى التظاهر"، "urged supporters to protest": a called-for
        // act (a masdar or an imperfect after the calling verb) has not happened
        if c.kind != Kind::Perf {
            for j in i.saturating_sub(5)..i {
                if self.trig[j] && (j + 1..i).all(|x| self.toks[x].kind != TokenKind::Punct) {
                    let k = strip_conj(&self.toks[j].norm);
                    let ar = matches!(k, "دعا" | "دعت" | "دعوا" | "يدعو" | "تدعو" | "يدعون" | "حث" | "حثت" | "يحث" | "تحث" | "ناشد" | "ناشدت" | "يناشد");
                    let en = matches!(k, "urged" | "urges" | "urge") || (matches!(k, "called" | "calls" | "call") && j + 1 < i && matches!(self.toks[j + 1].norm.as_str(), "for" | "on"));
                    if (ar && self.arabic[i]) || (en && !self.arabic[i]) {
                        hyp = true;
                    }
                }
            }
        }
        for j in i.saturating_sub(6)..(i + 6).min(self.toks.len()) {
            if j != i && self.cue_at("generic", j) {
                gen = true;
            }
        }
        if !gen && self.trend(c) {
            gen = true;
        }
        (neg, hyp, gen)
    }

    fn reported_by(&self, c: &Cand) -> Option<(usize, usize)> {
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

    // ---------------- places and dates

    fn places(&self, c: &Cand, exclude: &[(usize, usize)], others: &[usize]) -> Vec<&'a Place> {
        let sent = &self.doc.sentences[self.si];
        let tstart = self.toks[c.tok].start;
        let ex: Vec<(usize, usize)> = exclude.iter().map(|&(s, e)| (self.toks[s].start, self.toks[e].end)).collect();
        let mut best: Option<(i64, usize)> = None;
        let cands: Vec<(usize, &Place)> = self
            .doc
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.start >= sent.start && p.end <= sent.end && p.end > p.start)
            .filter(|(_, p)| !ex.iter().any(|&(s, e)| p.start >= s && p.end <= e && !(self.prep_before(p.start))))
            .filter(|(_, p)| !self.neighbour_place(p.start))
            .collect();
        for (k, p) in &cands {
            // a place before this trigger with another trigger in between belongs to that one
            // token distance, a clause mark counting as ten tokens
            let ptok = self.toks.iter().position(|t| t.end > p.start).unwrap_or(0);
            let dist = |ti: usize| -> usize {
                let (a, b) = if ti < ptok { (ti, ptok) } else { (ptok, ti) };
                (a..b).map(|q| if self.toks[q].kind == TokenKind::Punct && matches!(self.toks[q].norm.as_str(), "،" | "," | ";" | "؛") { 10 } else { 1 }).sum()
            };
            if p.end <= tstart && others.iter().any(|&o| dist(o) < dist(c.tok)) {
                continue;
            }
            let d = (p.start as i64 - tstart as i64).abs();
            let mut score = d;
            if p.start > tstart {
                score -= 5;
            }
            if self.prep_before(p.start) {
                score -= 40;
            }
            if p.relation.is_some() {
                score += 5;
            }
            if best.map_or(true, |(b, _)| score < b) {
                best = Some((score, *k));
            }
        }
        let Some((_, k)) = best else { return vec![] };
        let mut out = vec![&self.doc.places[k]];
        if !self.locative_before(self.doc.places[k].start) {
            return out;
        }
        // coordinated places: في بغداد وكركوك
        let mut last_end = self.doc.places[k].end;
        loop {
            let nxt = cands.iter().find(|(_, p)| {
                p.start > last_end && p.start <= last_end + 6 && {
                    let between = self.doc.slice(last_end, p.start);
                    let b = between.trim();
                    b.is_empty() || b == "و" || b == "،" || b == "," || b == "and" || b == "و ،" || b == ", and"
                }
            });
            match nxt {
                Some((_, p)) if out.len() < 4 => {
                    last_end = p.end;
                    out.push(p);
                }
                _ => break,
            }
        }
        out
    }

    /// "في"/"ب"/"in"/"at" right before a place (for splitting في بغداد وكركوك).
    fn locative_before(&self, pos: usize) -> bool {
        let Some(i) = self.toks.iter().position(|t| t.start <= pos && pos < t.end) else { return false };
        let t = &self.toks[i];
        if t.start < pos {
            let g = marsad_text::normalize(self.doc.slice(t.start, pos));
            return g.ends_with('ب') || g.ends_with("بال");
        }
        i > 0 && matches!(self.toks[i - 1].norm.as_str(), "في" | "وفي" | "in" | "at")
    }

    fn prep_before(&self, pos: usize) -> bool {
        let Some(i) = self.toks.iter().position(|t| t.start <= pos && pos < t.end) else { return false };
        let t = &self.toks[i];
        if is_ar(t) {
            let pre = strip_conj(&t.norm);
            if pre.starts_with('ب') && t.start == pos {
                // بغداد itself starts with ب: only count a separate preposition
            }
            if t.start < pos {
                // clitic preposition glued to the place: ببغداد، وفي? (in-token)
                let glued = self.doc.slice(t.start, pos);
                let g = marsad_text::normalize(glued);
                if g.ends_with('ب') || g.ends_with("بال") {
                    return true;
                }
            }
        }
        if i == 0 {
            return false;
        }
        let p = &self.toks[i - 1];
        matches!(
            p.norm.as_str(),
            "في" | "وفي" | "بمدينه" | "مدينه" | "بلده" | "قريه" | "قرب" | "بالقرب" | "محافظه" | "منطقه" | "شمال" | "جنوب" | "شرق" | "غرب" | "داخل" | "in" | "at" | "near" | "outside" | "of" | "on"
        )
    }

    fn date(&self, c: &Cand) -> Option<TimeExpr> {
        let sent = &self.doc.sentences[self.si];
        let tpos = self.toks[c.tok].start as i64;
        self.doc
            .times
            .iter()
            .filter(|t| t.start >= sent.start && t.end <= sent.end && t.value.is_some())
            .min_by_key(|t| (t.start as i64 - tpos).abs())
            .cloned()
    }

    // ---------------- assembling events

    fn events(mut self) -> Vec<Event> {
        let cands = self.find_triggers();
        if cands.is_empty() {
            return vec![];
        }
        let mut evs: Vec<Ev> = Vec::new();
        let mut prev_actor = None;
        for c in &cands {
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
        // "طردت فنزويلا السفير احتجاجا على …": a motive, not a protest event
        let other_types = evs.iter().any(|e| e.c.ty != "PROTEST" && !matches!(e.c.ty.as_str(), "ASSAULT" | "COERCE"));
        let other_protest = |k: usize| evs.iter().enumerate().any(|(q, e)| q != k && e.c.ty == "PROTEST");
        let drop_adv: Vec<bool> = (0..evs.len())
            .map(|k| evs[k].c.ty == "PROTEST" && strip_conj(&self.toks[evs[k].c.tok].norm) == "احتجاجا" && other_types && !other_protest(k))
            .collect();
        let mut kk = 0;
        evs.retain(|_| {
            kk += 1;
            !drop_adv[kk - 1]
        });
        // "وبعد انتهاء الاشتباكات، اقتحمت قوات الأمن الحي": the ended clash is background,
        // not a new event, when something else in the sentence is one
        let refd: Vec<bool> = evs.iter().map(|e| self.referenced(&e.c)).collect();
        if refd.iter().any(|&r| r) && evs.iter().zip(&refd).any(|(e, &r)| !r && !e.weak) {
            let mut kk = 0;
            evs.retain(|_| {
                kk += 1;
                !refd[kk - 1]
            });
        }
        // "في حادث سير"، "a bus crash"، "انهيار منزل بسبب الأمطار": casualty words with no
        // attacker and no weapon are an accident or a disaster, not violence
        if self.accident && !self.weapon {
            let lx = &self.st.lx;
            evs.retain(|ev| {
                let f = &lx.entries[ev.c.entry].flags;
                !(ev.c.ty == "ASSAULT" && (f.killed || f.injured) && ev.actor.is_none())
            });
        }
        // "يتناول الكتاب تاريخ الحروب"، "ساحة المعركة القديمة … متحف": attack nouns in a
        // history or culture frame are topics; only a stated toll makes them events
        // (the same for market talk: "معركة شرسة للاستحواذ على حصة من السوق"); in a history
        // frame a verb with neither an actor nor a toll is a plot or a topic too
        // ("قتل الروائي بطل قصته"، "the documentary revisits the bombing of Dresden")
        if self.frame || self.econ {
            let lx = &self.st.lx;
            let toll = {
                let (k, i, _) = self.casualties();
                k.is_some() || i.is_some()
            };
            let frame = self.frame;
            evs.retain(|ev| {
                let f = &lx.entries[ev.c.entry].flags;
                let noun = ev.c.kind == Kind::Noun || (ev.c.kind == Kind::Word && ev.actor.is_none());
                let bare = frame && ev.actor.is_none() && !toll;
                !(ev.c.ty == "ASSAULT" && ((noun && !f.killed && !f.injured) || bare))
            });
        }
        // "أدان الوزير الهجوم الذي استهدف كنيسة"، "condemned the recent attacks": an attack
        // noun that is the object of a condemnation is what the statement is about, not a
        // report of the attack; a stated toll still makes it one. The relative clause
        // describing it (الذي استهدف …) goes with it.
        if evs.iter().any(|e| e.c.ty == "ACCUSE" && e.c.mode.as_deref() == Some("disapprove")) && {
            let (k, i, _) = self.casualties();
            k.is_none() && i.is_none()
        } {
            let n = self.toks.len();
            let punct_between = |a: usize, b: usize| (a..b.min(n)).any(|q| self.toks[q].kind == TokenKind::Punct);
            let lx = &self.st.lx;
            let mut drop = vec![false; evs.len()];
            for (k, ev) in evs.iter().enumerate() {
                let f = &lx.entries[ev.c.entry].flags;
                if ev.c.ty != "ASSAULT" || !matches!(ev.c.kind, Kind::Noun | Kind::Word) || f.killed || f.injured {
                    continue;
                }
                let condemned = evs.iter().any(|a| {
                    // an English word is a noun here unless it has an actor of its own
                    // (the condemner's, lent to it, does not count)
                    let noun = ev.c.kind == Kind::Noun || ev.actor.is_none() || ev.actor == a.actor;
                    noun && a.c.ty == "ACCUSE"
                        && a.c.mode.as_deref() == Some("disapprove")
                        && matches!(a.c.kind, Kind::Perf | Kind::Impf | Kind::Word)
                        && a.c.last < ev.c.tok
                        && ev.c.tok - a.c.last <= 9
                        && !punct_between(a.c.last + 1, ev.c.tok)
                        // the words between, the condemner's name aside, are few
                        // ("أدان مجلس الأمن الدولي بشدة الهجمات")
                        && (a.c.last + 1..ev.c.tok).filter(|&q| !a.actor.is_some_and(|(s, e)| s <= q && q <= e)).count() <= 3
                });
                if !condemned {
                    continue;
                }
                drop[k] = true;
                // its relative clause: "الهجوم الذي استهدف"، "the attack that hit"
                for (m, other) in evs.iter().enumerate() {
                    let rel = |q: usize| matches!(self.toks[q].norm.as_str(), "الذي" | "التي" | "الذين" | "اللذين" | "اللتين" | "that" | "which");
                    if other.c.ty == "ASSAULT"
                        && other.c.tok > ev.c.last
                        && other.c.tok <= ev.c.last + 3
                        && (ev.c.last + 1..other.c.tok).any(rel)
                        && !punct_between(ev.c.last + 1, other.c.tok)
                    {
                        drop[m] = true;
                    }
                }
            }
            let mut kk = 0;
            evs.retain(|_| {
                kk += 1;
                !drop[kk - 1]
            });
        }
        // "اعتقلت الشرطة 12 متظاهرا": protesters as a patient are not a protest here
        let spans: Vec<(usize, usize)> = evs.iter().filter_map(|e| e.recipient).collect();
        evs.retain(|ev| {
            !(ev.c.ty == "PROTEST" && self.head(ev.c.tok).is_some() && spans.iter().any(|r| r.0 <= ev.c.tok && ev.c.tok <= r.1))
        });
        if evs.is_empty() {
            return vec![];
        }
        let (killed, injured, arrested) = self.casualties();
        // merge triggers of one type within the sentence
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (k, ev) in evs.iter().enumerate() {
            let mut placed = false;
            for g in groups.iter_mut() {
                let head = &evs[g[0]];
                if head.c.ty != ev.c.ty {
                    continue;
                }
                let distinct_actors = match (head.actor, ev.actor) {
                    (Some(a), Some(b)) => !(a.0 <= b.1 && b.0 <= a.1) && !head.weak && !ev.weak,
                    _ => false,
                };
                let (_, h1, _) = self.modality(&head.c);
                let (_, h2, _) = self.modality(&ev.c);
                let cas = |e: &Ev| {
                    let f = &self.lx().entries[e.c.entry].flags;
                    f.killed || f.injured || (e.c.ty == "PROTEST" && self.head(e.c.tok).is_some())
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
                let split = if cas(head) || cas(ev) { false } else { distinct_actors || coordinated || distinct_modes || distinct_recipients };
                if h1 != h2 || split {
                    continue;
                }
                g.push(k);
                placed = true;
                break;
            }
            if !placed {
                groups.push(vec![k]);
            }
        }
        // two incidents in one sentence, each with its own toll ("قتل سبعة … في بعقوبة، فيما قتل
        // ستة آخرون … في كركوك"): attack and arrest groups split at the incident boundary
        let tolls = self.tolls();
        // every incident needs an attack or arrest event of its own to carry its figures;
        // else the sentence is read as one incident
        let covered = (0..tolls.starts.len()).all(|sg| evs.iter().any(|e| matches!(e.c.ty.as_str(), "ASSAULT" | "COERCE") && tolls.seg_of(e.c.tok) == sg));
        let split = tolls.starts.len() > 1 && covered;
        if split {
            let mut split: Vec<Vec<usize>> = Vec::new();
            for g in groups {
                if !matches!(evs[g[0]].c.ty.as_str(), "ASSAULT" | "COERCE") {
                    split.push(g);
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
                split.extend(by.into_iter().map(|x| x.1));
            }
            groups = split;
        }
        let mut out = Vec::new();
        // incidents whose figures an attack event already carries
        let mut casualties_used: Vec<usize> = Vec::new();
        for g in groups {
            // primary: strong before weak, verbs before nouns, with an actor first
            let mut order = g.clone();
            order.sort_by_key(|&k| {
                let ev = &evs[k];
                let e = &self.lx().entries[ev.c.entry];
                let part = ev.c.ty == "PROTEST" && self.head(ev.c.tok).is_some();
                let w = self.toks[ev.c.tok].norm.as_str();
                let verb = matches!(ev.c.kind, Kind::Perf | Kind::Impf)
                    || (ev.c.kind == Kind::Word
                        && ((self.lx().entries[ev.c.entry].verb && !w.ends_with("ing"))
                            || w.ends_with("ed")
                            || matches!(w, "died" | "struck" | "shot" | "fought" | "blew" | "took" | "went" | "broke" | "fired" | "opened" | "kills" | "attacks")));
                let weak = ev.weak && !(ev.c.kind == Kind::Word && (verb || e.flags.killed || e.flags.injured));
                // "X died": its subject (now the recipient) counts as its argument
                let intrans = ev.c.kind == Kind::Word && e.flags.killed && !e.flags.obj && ev.recipient.is_some();
                (weak as u8, part as u8, !verb as u8, (ev.actor.is_none() && !intrans) as u8, ev.c.tok)
            });
            let p = order[0];
            let mut actor = evs[p].actor;
            if evs[p].c.ty == "PROTEST" {
                // the protesters named by a participant noun are the actor
                if let Some(&k) = g.iter().find(|&&k| self.head(evs[k].c.tok).map_or(false, |h| h.0 == "CVL") && evs[k].actor.is_some()) {
                    let state = actor.map_or(true, |a| (a.0..=a.1).any(|q| self.head(q).map_or(false, |h| matches!(h.0.as_str(), "GOV" | "MIL" | "COP"))));
                    if state {
                        actor = evs[k].actor;
                    }
                }
            }
            let mut recipient = evs[p].recipient;
            let mut mode = evs[p].c.mode.clone();
            for &k in &order[1..] {
                let f = &self.lx().entries[evs[k].c.entry].flags;
                if !(f.killed || f.injured) || evs[k].c.ty != "ASSAULT" {
                    actor = actor.or(evs[k].actor);
                }
                recipient = recipient.or(evs[k].recipient);
                mode = mode.or(evs[k].c.mode.clone());
            }
            // "هجوم صاروخي على حي سكني" + "إصابة عشرات المدنيين": the people, not the building;
            // "مواقع لتنظيم داعش"، "مواقع نمور التاميل": the owner
            if evs[p].c.ty == "ASSAULT" {
                if let Some(r) = recipient {
                    if self.arabic[r.0] && FACILITY.contains(&self.key[r.0].as_str()) {
                        let victims = g.iter().filter_map(|&k| {
                            let f = &self.lx().entries[evs[k].c.entry].flags;
                            if f.killed || f.injured { evs[k].recipient } else { None }
                        }).find(|v| (v.0..=v.1).any(|q| self.actorish(q)) && !FACILITY.contains(&self.key[v.0].as_str()));
                        let nt = self.toks.len();
                        let owner = (r.1 + 1 < nt && r.1 <= r.0 + 1).then(|| r.1 + 1).filter(|&q| {
                            let u = &self.toks[q];
                            is_ar(u) && !u.norm.starts_with('و') && self.actorish(q) && !self.trig[q] && (self.prep_clitic(q) || definite(u) || self.doc.entities.iter().any(|en| en.start == u.start))
                        }).map(|q| self.np_from(q, false));
                        if let Some(v) = victims.or(owner) {
                            recipient = Some(v);
                        }
                    }
                }
            }
            if recipient.is_none() && evs[p].c.ty == "PROTEST" && self.arabic[evs[p].c.tok] {
                recipient = self.protest_target(evs[p].c.tok, actor);
            }
            if let (Some(a), Some(r)) = (actor, recipient) {
                if a.0 <= r.1 && r.0 <= a.1 {
                    recipient = None;
                }
            }
            // "قصف مدفعي إسرائيلي"، "غارة جوية أمريكية": the nationality adjective of an attack noun
            let mut nisba_actor = None;
            if evs[p].c.ty == "ASSAULT" {
                'g: for &k in &g {
                    let cc = &evs[k].c;
                    if !self.arabic[cc.tok] || self.lx().entries[cc.entry].flags.killed || self.lx().entries[cc.entry].flags.injured {
                        continue;
                    }
                    for j in cc.last + 1..(cc.last + 3).min(self.toks.len()) {
                        let u = &self.toks[j];
                        if !is_ar(u) || self.is_func(j) || u.norm.starts_with('و') || self.prep_clitic(j) {
                            break;
                        }
                        if definite(u) != definite(&self.toks[cc.tok]) {
                            break;
                        }
                        let kj = &self.key[j];
                        if !(kj.ends_with('ي') || kj.ends_with("يه")) {
                            break;
                        }
                        if self.nisba_country(kj).is_some() {
                            nisba_actor = Some((j, j));
                            // "قصف مدفعي إسرائيلي" read as verb + object: the adjectives are no recipient
                            if recipient.map_or(false, |r| r.0 == cc.last + 1 && r.1 <= j) {
                                recipient = None;
                            }
                            break 'g;
                        }
                    }
                }
            }
            if actor.is_none() {
                actor = nisba_actor;
            }
            let c = &evs[p].c;
            let ty = c.ty.clone();
            let all_weak = g.iter().all(|&k| evs[k].weak);
            // the figures of this event's incident
            let seg = tolls.seg_of(c.tok);
            let seg = if split { seg } else { 0 };
            let (killed, injured, arrested) = if split {
                (tolls.get(Some(seg), casualty::KILLED), tolls.get(Some(seg), casualty::INJURED), tolls.get(Some(seg), casualty::ARRESTED))
            } else {
                (killed, injured, arrested)
            };
            // "اغتيل الصحفي": an assassination verb with one definite victim states one death
            let killed = killed.or_else(|| {
                let verb_kill = g.iter().any(|&k| {
                    let e = &self.lx().entries[evs[k].c.entry];
                    e.flags.killed && matches!(evs[k].c.mode.as_deref(), Some("targeted" | "execute")) && matches!(evs[k].c.kind, Kind::Perf | Kind::Impf)
                });
                let one = recipient.map_or(false, |r| {
                    (r.0 == r.1 && { let k = &self.key[r.0]; !(k.ends_with("ين") || k.ends_with("ون") || k.ends_with("ات")) } && definite(&self.toks[r.0]))
                        || numbers::human_count(&self.toks[r.0].norm) == Some(1)
                });
                (verb_kill && one).then_some(1)
            });
            let (fat, inj, arr) = match ty.as_str() {
                "ASSAULT" if !casualties_used.contains(&seg) => (killed, injured, arrested.filter(|_| false)),
                "COERCE" if mode.as_deref() == Some("arrest") => (None, None, arrested),
                _ => (None, None, None),
            };
            // a civilian or political actor does not make a weak trigger an event
            // (وجه النائب ضربة قوية لخصومه، استهدفت الحكومة خفض العجز)
            let armed_actor = actor.filter(|a| !self.cue_at("civil", a.0));
            if all_weak && armed_actor.is_none() && fat.is_none() && inj.is_none() && arr.is_none() {
                continue;
            }
            if ty == "ASSAULT" {
                casualties_used.push(seg);
            }
            // CHANGE_GROUP: founders are the actors, the group the recipient
            let mut founders: Vec<(usize, usize)> = Vec::new();
            if ty == "CHANGE_GROUP" {
                let sent = &self.doc.sentences[self.si];
                let tstart = self.toks[c.tok].start;
                let mut spans: Vec<(usize, usize)> = self
                    .doc
                    .entities
                    .iter()
                    .filter(|e| e.kind == marsad_core::EntityType::PERS && e.start > tstart && e.end <= sent.end)
                    .map(|e| (e.start, e.end))
                    .collect();
                for a in &self.doc.actors {
                    if a.actor_type.as_deref() == Some("person") {
                        for m in &a.mentions {
                            if m.start > tstart && m.end <= sent.end && !spans.iter().any(|s| s.0 < m.end && m.start < s.1) {
                                spans.push((m.start, m.end));
                            }
                        }
                    }
                }
                spans.sort();
                for (s, e) in spans.into_iter().take(4) {
                    let ts = self.toks.iter().position(|t| t.start <= s && s < t.end);
                    let te = self.toks.iter().rposition(|t| t.start < e && e <= t.end);
                    if let (Some(ts), Some(te)) = (ts, te) {
                        founders.push((ts, te));
                    }
                }
                // the group formed: subject before the trigger or right after it
                let group = self.actor_before(c.tok, 4).or_else(|| self.actor_after(c.last + 1, c.last + 3, false));
                let groupish = |np: (usize, usize)| {
                    let r = self.actor_ref(np, None);
                    matches!(r.sector.as_deref(), Some("UAF" | "REB" | "PTY"))
                        || r.actor_type.as_deref().map_or(false, |t| t.contains("group") || t.contains("militia") || t.contains("rebel"))
                };
                match group {
                    Some(gp) if groupish(gp) => {
                        recipient = Some(gp);
                        if !founders.is_empty() {
                            actor = None;
                        } else if actor == Some(gp) {
                            actor = None;
                        }
                    }
                    _ => {
                        if founders.is_empty() {
                            continue;
                        }
                    }
                }
            }
            if ty == "CHANGE_GROUP" && founders.is_empty() && c.kind == Kind::Noun {
                continue;
            }
            let (negated, hypothetical, generic) = self.modality(c);
            let srcs = self.source_spans();
            let reporter = srcs.iter().copied().find(|s| !(s.0 <= c.tok && c.tok <= s.1)).or_else(|| self.reported_by(c));
            // "a source in Diyala police said …": the police speak, they do not act
            let in_src = |x: (usize, usize)| srcs.iter().any(|s| x.0 <= s.1 && s.0 <= x.1);
            if actor.map_or(false, in_src) {
                actor = None;
            }
            if recipient.map_or(false, in_src) {
                recipient = None;
            }
            // "انفجرت لحظة مرور عجلة عسكرية": a time noun is no participant; the passer-by is the target
            if actor.map_or(false, |a| self.cue_at("timenoun", a.0)) {
                actor = None;
            }
            if let Some(r) = recipient {
                if self.cue_at("timenoun", r.0) {
                    recipient = self.after_time(r.0);
                }
            }
            // "انفجرت عبوة على جانب الطريق لحظة مرور عجلة عسكرية": the passer-by, not the roadside
            if ty == "ASSAULT" && self.arabic[c.tok] && recipient.map_or(true, |r| !(r.0..=r.1).any(|q| self.actorish(q))) {
                let n = self.toks.len();
                let mut j = c.last + 1;
                while j < n && j <= c.last + 10 && self.toks[j].kind != TokenKind::Punct {
                    if self.cue_at("timenoun", j) {
                        if let Some(p) = self.after_time(j).filter(|r| actor.map_or(true, |a| !(a.0 <= r.1 && r.0 <= a.1))) {
                            recipient = Some(p);
                        }
                        break;
                    }
                    j += 1;
                }
            }
            // "blew up as a military patrol passed": the passer-by is the target
            if ty == "ASSAULT" && !self.arabic[c.tok] && recipient.is_none() {
                let n = self.toks.len();
                if let Some(j) = (c.last + 1..(c.last + 4).min(n)).find(|&j| matches!(self.toks[j].norm.as_str(), "as" | "when" | "while")) {
                    let s0 = if j + 1 < n && matches!(self.toks[j + 1].norm.as_str(), "a" | "an" | "the") { j + 2 } else { j + 1 };
                    if let Some(v) = (s0 + 1..(s0 + 4).min(n)).find(|&v| matches!(self.toks[v].norm.as_str(), "passed" | "drove" | "went" | "was" | "were")) {
                        let np = (s0, v - 1);
                        if (s0..v).all(|q| self.toks[q].kind != TokenKind::Punct && !self.trig[q] && !self.is_func(q)) && actor.map_or(true, |a| !(a.0 <= np.1 && np.0 <= a.1)) {
                            recipient = Some(np);
                        }
                    }
                }
            }
            if let (Some(a), Some(r)) = (actor, reporter) {
                // "أعلنت الجامعة العربية دعمها": the speaker is the actor; "قال X إن …": not
                let comp = (r.1 + 1..c.tok).any(|q| matches!(self.toks[q].norm.as_str(), "ان" | "انه" | "انها" | "انهم" | "that" | ":" | "\"" | "«"));
                if a.0 <= r.1 && r.0 <= a.1 && (comp || !self.arabic[c.tok]) {
                    actor = None;
                }
            }
            if actor.is_none() && c.kind == Kind::Noun {
                if let Some(r) = reporter {
                    let comp = (r.1 + 1..c.tok).any(|q| matches!(self.toks[q].norm.as_str(), "ان" | "انه" | "انها" | "انهم" | ":" | "\"" | "«"));
                    if r.1 < c.tok && c.tok - r.1 <= 2 && !comp {
                        actor = Some(r);
                    }
                }
            }
            if actor.is_none() {
                actor = nisba_actor;
            }
            // "أعلن الجيش الأمريكي أن قواته قتلت"، "قال متحدث باسم القوات البريطانية إن جنودها":
            // forces named with a pronoun are the speaker's
            // "قال الجيش الباكستاني إنه قتل ٢٥ مسلحا": the pronoun after إن is the speaker
            if actor.is_none() && c.tok > 0 {
                if let Some(r) = reporter {
                    if r.1 < c.tok && matches!(strip_conj(&self.toks[c.tok - 1].norm), "انه" | "انها" | "انهم" | "بانه" | "بانها" | "بانهم") {
                        actor = Some(r);
                    }
                }
            }
            if let Some(r) = reporter {
                let pron = |q: usize| {
                    let t = &self.toks[q];
                    self.arabic[q] && !t.suffix.is_empty() && (self.lx().heads.get(strip_al(&t.base)).map_or(false, |h| matches!(h.0.as_str(), "MIL" | "COP" | "REB" | "UAF")))
                };
                let cand = match actor {
                    Some(a) if a.0 == a.1 && pron(a.0) => true,
                    None => c.tok > 0 && c.tok - 1 > r.1 && pron(c.tok - 1),
                    _ => false,
                };
                if cand && r.1 < c.tok {
                    let mut rr = r;
                    // متحدث باسم X → X
                    if let Some(q) = (r.0..=r.1).find(|&q| matches!(self.toks[q].norm.as_str(), "باسم" | "عن")) {
                        if q < r.1 {
                            rr = (q + 1, r.1);
                        }
                    }
                    actor = Some(rr);
                }
            }
            let mut excl: Vec<(usize, usize)> = Vec::new();
            excl.extend(actor);
            excl.extend(srcs.iter().copied());
            excl.extend(recipient);
            let others: Vec<usize> = evs.iter().filter(|e| matches!(e.c.ty.as_str(), "ASSAULT" | "PROTEST" | "COERCE" | "CHANGE_GROUP") && (e.c.ty != "PROTEST" || self.head(e.c.tok).is_none())).map(|e| e.c.tok).filter(|&t| t != c.tok && !g.contains(&evs.iter().position(|x| x.c.tok == t).unwrap_or(usize::MAX))).collect();
            let places = self.places(c, &excl, &others);
            let date = self.date(c);
            let sent = &self.doc.sentences[self.si];
            let tstart = self.toks[c.tok].start;
            let tend = self.toks[c.last].end;
            let trigger = TextSpan { text: self.doc.slice(tstart, tend).to_string(), start: tstart, end: tend };
            // mode refinement from context
            let mut mode = mode;
            if ty == "ASSAULT" {
                let order = ["suicide-attack", "chemical", "drone", "aerial", "explosives", "heavy-weapons", "abduct", "firearms"];
                let refinable = match mode.as_deref() {
                    None | Some("clash") | Some("firearms") => order.len(),
                    Some("explosives") => 1,
                    Some("aerial") => 3,
                    Some("heavy-weapons") => 4,
                    _ => 0,
                };
                'o: for m in order.iter().take(refinable) {
                    let cat = format!("mode:{m}");
                    for j in 0..self.toks.len() {
                        if self.cue_at(&cat, j) || (j + 1 < self.toks.len() && self.pmask[j] & self.lx().cat_bit(&cat) != 0) {
                            if mode.as_deref() != Some(m) {
                                mode = Some(m.to_string());
                            }
                            break 'o;
                        }
                    }
                }
            } else if ty == "PROTEST" && matches!(mode.as_deref(), None | Some("demo") | Some("sit-in") | Some("obstruct")) {
                for m in ["riot", "demo-intervention"] {
                    let cat = format!("mode:{m}");
                    if (0..self.toks.len()).any(|j| self.cue_at(&cat, j) || (j + 1 < self.toks.len() && self.pmask[j] & self.lx().cat_bit(&cat) != 0)) {
                        mode = Some(m.to_string());
                        break;
                    }
                }
            }
            let row = self.st.onto.get(&ty, mode.as_deref());
            let place_country = places.first().and_then(|p| p.country.clone());
            let mut actor_ref = actor.map(|a| self.actor_ref(a, place_country.as_deref()));
            // "Turkish drone"، "غارة إسرائيلية"، "Russian jets": a nationality on a weapon or strike
            // is that country's military
            if let (Some(a), Some(ar)) = (actor, actor_ref.as_mut()) {
                let n = self.toks.len();
                let lo = a.0.saturating_sub(2);
                let hi = (a.1 + 2).min(n - 1);
                let instrument = (lo..=hi).any(|q| self.cue_at("instrument", q));
                if ar.sector.is_none() && ar.country.is_some() && (a.0..=a.1).all(|q| self.head(q).is_none()) && instrument {
                    ar.sector = Some("MIL".into());
                }
            }
            let rec_ref = recipient.map(|r| self.actor_ref(r, place_country.as_deref()));
            let mut acled = row.and_then(|r| r.acled.clone());
            if ty == "ASSAULT"
                && matches!(mode.as_deref(), None | Some("clash") | Some("firearms") | Some("ambush"))
                && rec_ref.as_ref().and_then(|r| r.sector.as_deref()) == Some("CVL")
            {
                acled = Some(marsad_core::AcledType { event_type: "Violence against civilians".into(), sub_event_type: "Attack".into() });
            }
            let mut conf: f32 = 0.5;
            if !all_weak {
                conf += 0.15;
            } else {
                conf -= 0.15;
            }
            if actor_ref.is_some() {
                conf += 0.15;
            }
            if rec_ref.is_some() {
                conf += 0.05;
            }
            if !places.is_empty() {
                conf += 0.05;
            }
            let conf = conf.clamp(0.05, 0.95);
            let base = Event {
                kind: ty.clone(),
                mode: mode.clone(),
                quad: row.map(|r| r.quad.clone()),
                acled,
                actor: actor_ref,
                recipient: rec_ref,
                place: None,
                date,
                fatalities: fat,
                injured: inj,
                arrested: arr,
                negated,
                hypothetical,
                generic,
                background: false,
                reported_by: reporter.map(|r| self.actor_ref(r, None)),
                trigger,
                evidence: Span::new(sent.start, sent.end),
                sentence: self.si,
                confidence: conf,
            };
            // one event per founder / per coordinated place (PETRARCH-style compound split)
            let actors: Vec<Option<ActorRef>> = if founders.is_empty() {
                vec![base.actor.clone()]
            } else {
                founders.iter().map(|f| Some(self.actor_ref(*f, None))).collect()
            };
            let pl: Vec<Option<Place>> = if places.is_empty() { vec![None] } else { places.iter().map(|p| Some((*p).clone())).collect() };
            // "لقوات الحكومة العراقية وأعضاء المليشيات الشيعية": one event per conjunct
            let mut recs: Vec<Option<ActorRef>> = vec![base.recipient.clone()];
            if let Some(mut r) = recipient {
                let n = self.toks.len();
                while recs.len() < 4 && r.1 + 1 < n {
                    let j = r.1 + 1;
                    let t = &self.toks[j];
                    let conj = (is_ar(t) && t.norm.starts_with('و') && t.norm.chars().count() > 2) || t.norm == "and";
                    if !conj {
                        break;
                    }
                    let start = if t.norm == "and" { j + 1 } else { j };
                    if start >= n || self.trig[start] {
                        break;
                    }
                    let np = self.np_from(start, true);
                    if !(np.0..=np.1).any(|q| self.actorish(q)) || (np.0..=np.1).any(|q| self.trig[q]) {
                        break;
                    }
                    recs.push(Some(self.actor_ref(np, place_country.as_deref())));
                    r = np;
                }
            }
            for a in &actors {
                for rc in &recs {
                    for p in &pl {
                        let mut ev = base.clone();
                        ev.actor = a.clone();
                        ev.recipient = rc.clone();
                        ev.place = p.clone();
                        out.push(ev);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
