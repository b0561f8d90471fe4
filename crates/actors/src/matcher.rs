//! Finding actor mentions in a tokenised document: knowledge-base aliases, generic
//! agents chunked with their modifiers, countries and demonyms, people, unknown groups,
//! anaphors (clustering them into actors is `cluster.rs`).

use crate::kb::{skippable_punct, Entry, Kb, Target};
use crate::translit;
use marsad_core::{Document, EntityType, Lang, Token, TokenKind};
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A knowledge-base actor.
    Kb,
    /// A generic agent, possibly with a country (الحكومة العراقية).
    Generic,
    /// A demonym plural (الإسرائيليين).
    Demonym,
    /// A country name used as an actor (إيران).
    State,
    Person,
    /// An unknown organisation or group.
    Org,
    /// التنظيم / the group: resolved to the most recent group.
    Anaphor,
}

/// One mention before clustering.
#[derive(Clone, Debug)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub tok_start: usize,
    pub tok_end: usize,
    pub sentence: usize,
    pub kind: Kind,
    /// Cluster key: `kb:<id>`, `gen:…`, `people:ISR`, `state:IRN`,
    /// `per:<skeleton>`, `org:<skeleton>`.
    pub key: String,
    pub name: String,
    pub name_ar: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub actor_type: Option<String>,
    /// Is the actor a group (for anaphora and relations)?
    pub group: bool,
    /// The char span of the name itself inside the mention (الراية البيضاء
    /// in أعضاء الراية البيضاء), for the actor's aliases.
    pub alias: (usize, usize),
}

impl Mention {
    /// A mention of `kind` over tokens `a..b` of sentence `sent`: the span
    /// set, names and codes empty; each finder fills in what it knows.
    fn over(toks: &[Token], sent: usize, a: usize, b: usize, kind: Kind) -> Mention {
        Mention {
            start: toks[a].start,
            end: toks[b - 1].end,
            tok_start: a,
            tok_end: b,
            sentence: sent,
            kind,
            key: String::new(),
            name: String::new(),
            name_ar: None,
            country: None,
            sector: None,
            actor_type: None,
            group: false,
            alias: (0, 0),
        }
    }
}

// ---------------------------------------------------------------- helpers

/// Arabic function words and frequent verbs that never continue a name.
const STOP: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "ان", "انه", "انها", "الذي", "التي", "الذين", "هو", "هي", "وهو", "وهي", "قد",
    "لم", "لن", "لا", "ما", "كان", "كانت", "يوم", "امس", "اليوم", "بعد", "قبل", "خلال", "حيث", "كما", "لكن", "او", "ثم",
    "و", "ف", "هذا", "هذه", "ذلك", "تلك", "قال", "اكد", "اعلن", "يقول", "يشير", "اشار", "اضاف", "وقال", "واكد", "واضاف",
    "عند", "منذ", "حتي", "بين", "ضد", "لدي", "اي", "كل", "بعض", "غير", "عبر", "نحو", "دون", "فيه", "فيها", "منه", "منها",
    "عليه", "عليها", "له", "لها", "به", "بها", "انهم", "هناك", "هنا", "الان", "اذا", "اذ", "لقد", "ايضا", "فقط", "جدا",
    "يكون", "تكون", "ليس", "اما", "الا", "وكان", "وكانت", "تم", "يتم", "عام", "سنه", "رييس",
];

/// Whether `norm` is one of [`STOP`], by a hashed set behind a
/// [`crate::kb::HeadBits`]: surname matching asks it of every word of a
/// document that names people, and the list scan (≈ 110 comparisons, a
/// `memcmp` for each of the same length) was the matcher's largest own cost
/// (issue 12; test `stop_set_is_the_list`).
fn is_stop(norm: &str) -> bool {
    static SET: std::sync::OnceLock<(crate::kb::HeadBits, marsad_text::StrSet)> = std::sync::OnceLock::new();
    let (heads, set) = SET.get_or_init(|| (crate::kb::HeadBits::of(STOP.iter().copied()), STOP.iter().map(|w| w.to_string()).collect()));
    heads.may_contain(norm) && set.contains(norm)
}

/// Definite adjectives and titles that follow names without being part of
/// them (محمد عثمان القيادي).
const NOT_NAME: &[&str] = &[
    "القيادي", "السابق", "الحالي", "الجديد", "الثاني", "الاول", "الرسمي", "الشخصي", "الصحفي", "الاعلامي", "المحلي",
    "العسكري", "الامني", "السياسي", "الديني", "الشرعي", "الميداني", "التنفيذي", "الاداري", "العربي", "الاسلامي", "الكردي",
    "الشيعي", "السني", "المسيحي", "الاقل", "الاكثر", "الذي", "التالي", "الماضي", "المقبل", "الثالث", "الشعبي", "الوطني",
];

/// Prepositions after which a country name is a place, not an actor.
const LOCATIVE_AR: &[&str] = &[
    "في", "الي", "من", "نحو", "داخل", "خارج", "شمال", "جنوب", "شرق", "غرب", "وسط", "انحاء", "حدود", "اراضي", "عبر", "قرب",
    "مدن", "مناطق", "محافظات",
];
const LOCATIVE_EN: &[&str] = &["in", "to", "from", "into", "across", "at", "inside", "near", "throughout", "of", "over"];

/// Clitic candidates of a token (Arabic), or its lowercase form (Latin):
/// the readings of `marsad_text::clitics::candidates` (shared per thread, not
/// copied) followed by the token's base when it is not among them.
#[derive(Clone, Default)]
pub struct Cands {
    list: Option<Rc<[String]>>,
    extra: Option<String>,
}

impl Cands {
    pub fn iter(&self) -> impl Iterator<Item = &String> + '_ {
        self.list.iter().flat_map(|l| l.iter()).chain(self.extra.iter())
    }

    /// The readings as a slice and the extra base: [`Cands::iter`]'s items,
    /// in its order, for loops that run on every word (the flattening
    /// iterator cost more than the look-ups it fed in `longest_match`).
    pub fn parts(&self) -> (&[String], Option<&String>) {
        (self.list.as_deref().unwrap_or(&[]), self.extra.as_ref())
    }
}

impl<'a> IntoIterator for &'a Cands {
    type Item = &'a String;
    type IntoIter = Box<dyn Iterator<Item = &'a String> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

pub fn cands(t: &Token) -> Cands {
    if t.kind != TokenKind::Arabic {
        // Latin: the word and its possessive-free base (Iraq's → iraq)
        let mut v = vec![t.norm.clone()];
        if t.base != t.norm && !t.base.is_empty() {
            v.push(t.base.clone());
        }
        return Cands { list: Some(v.into()), extra: None };
    }
    let c = marsad_text::clitics::candidates_shared(&t.norm);
    let extra = (!c.contains(&t.base)).then(|| t.base.clone());
    Cands { list: Some(c), extra }
}

fn surface<'a>(doc: &'a Document, t: &Token) -> &'a str {
    doc.text.get(t.byte_start..t.byte_end).unwrap_or("")
}

/// The text of tokens `a..b`, from the original (not normalised) text.
fn span_text(doc: &Document, toks: &[Token], a: usize, b: usize) -> String {
    doc.slice(toks[a].start, toks[b - 1].end).to_string()
}

/// [`skeleton`] of a word, remembered per thread (surname matching asks for
/// the skeleton of every word of a document that names people).
fn skeleton_memo(w: &str) -> Rc<str> {
    thread_local! {
        static MEMO: std::cell::RefCell<marsad_text::memo::Memo<Rc<str>>> = std::cell::RefCell::new(marsad_text::memo::Memo::new(1 << 13));
    }
    if let Some(s) = MEMO.with(|m| m.borrow_mut().get(w)) {
        return s;
    }
    let s: Rc<str> = skeleton(w).into();
    MEMO.with(|m| m.borrow_mut().insert(w, Rc::clone(&s)));
    s
}

/// A transliteration-tolerant key of a name: normalised, article removed,
/// letters that transliterations confuse folded together (غ ج ق ك گ; ت ط;
/// ث س ص; ذ ز ظ ض; ح ه), long vowels and hamza/ayin dropped after the first
/// letter. دراغاهي and دراجاهي share a skeleton; so do المليشيات and
/// الميليشيات.
pub fn skeleton(s: &str) -> String {
    if let Some(k) = skeleton_of_letters(s) {
        return k;
    }
    let mut out = String::new();
    for w in marsad_text::normalize(s).split_whitespace() {
        let w = match w.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 3 => r,
            _ => w,
        };
        if !out.is_empty() {
            out.push(' ');
        }
        for (i, c) in w.chars().enumerate() {
            if let Some(m) = skeleton_char(c, i) {
                out.push(m);
            }
        }
    }
    out
}

/// What [`skeleton`] makes of the `i`-th char `c` of a normalised word.
#[inline]
fn skeleton_char(c: char, i: usize) -> Option<char> {
    match c {
        'غ' | 'ج' | 'ق' | 'ك' | 'گ' => Some('K'),
        'ت' | 'ط' => Some('T'),
        'ث' | 'س' | 'ص' => Some('S'),
        'ذ' | 'ز' | 'ظ' | 'ض' => Some('Z'),
        'ح' | 'ه' => Some('H'),
        'ا' | 'و' | 'ي' | 'ع' | 'ء' if i > 0 => None,
        'ا' | 'ع' | 'ء' => Some('A'),
        // the other Arabic letters, without the Unicode table look-up
        // of `is_alphanumeric` (all are alphabetic: test
        // `arabic_letters_are_alphanumeric`)
        '\u{0621}'..='\u{064A}' => Some(c),
        c if c.is_alphanumeric() => Some(c),
        _ => None,
    }
}

/// [`skeleton`] of a word made only of Arabic letters that normalisation
/// keeps as they are (a token's normalised form, as a rule), without
/// normalising a copy of it and splitting that at spaces, which would give
/// the word itself (issue 12: surname matching asks for the skeleton of
/// every word of a document that names people; test
/// `letter_skeletons_are_the_normalised_ones`). `None` for any other string.
fn skeleton_of_letters(s: &str) -> Option<String> {
    // U+0621..=U+063A and U+0641..=U+064A (two bytes each: D8 A1..D8 BA,
    // D9 81..D9 8A) but the letters `normalize_char` folds: آ أ ؤ إ ئ ة ى
    let b = s.as_bytes();
    if b.is_empty() || b.len() % 2 != 0 {
        return None;
    }
    for p in b.chunks_exact(2) {
        let kept = match p[0] {
            0xD8 => (0xA1..=0xBA).contains(&p[1]) && !matches!(p[1], 0xA2..=0xA6 | 0xA9),
            0xD9 => (0x81..=0x8A).contains(&p[1]) && p[1] != 0x89,
            _ => false,
        };
        if !kept {
            return None;
        }
    }
    // (two bytes a char: `chars().count() >= 3` of the rest is 6 bytes)
    let w = match s.strip_prefix("ال") {
        Some(r) if r.len() >= 6 => r,
        _ => s,
    };
    let mut out = String::with_capacity(w.len());
    for (i, c) in w.chars().enumerate() {
        if let Some(m) = skeleton_char(c, i) {
            out.push(m);
        }
    }
    Some(out)
}

/// At most one char inserted, deleted or replaced between `a` and `b`
/// (issue 12: without the two `Vec<char>` of [`edit1_chars`], which it
/// answers as; the char sequences' tails are compared as bytes, which are
/// equal exactly when the chars are).
pub(crate) fn edit1(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (n, m) = (a.chars().count(), b.chars().count());
    if n.abs_diff(m) > 1 {
        return false;
    }
    // the byte offset of the first char that differs (the same in both)
    let p = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum::<usize>();
    let skip = |s: &str| s[p..].chars().next().map_or(p, |c| p + c.len_utf8());
    if n == m {
        a[skip(a)..] == b[skip(b)..]
    } else if n > m {
        a[skip(a)..] == b[p..]
    } else {
        a[p..] == b[skip(b)..]
    }
}

/// [`edit1`] as it was written first, on `Vec<char>`s (the reference of
/// the test `edit1_is_the_char_vector_version`).
#[cfg(test)]
fn edit1_chars(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > 1 {
        return false;
    }
    let mut i = 0;
    while i < n.min(m) && a[i] == b[i] {
        i += 1;
    }
    if n == m {
        a[i + 1..] == b[i + 1..]
    } else if n > m {
        a[i + 1..] == b[i..]
    } else {
        a[i..] == b[i + 1..]
    }
}

// ---------------------------------------------------------------- lexicon

#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) target: Target,
}

fn priority(t: Target) -> u8 {
    match t {
        Target::Actor(_) => 4,
        Target::CountryName(_) => 3,
        Target::Agent(_) => 2,
        Target::Demonym(_) => 1,
        Target::CountryAdj(_) => 0,
    }
}

fn try_entry(doc: &Document, toks: &[Token], cc: &[Cands], i: usize, end: usize, c: &str, e: &Entry) -> Option<usize> {
    let t = &toks[i];
    if e.needs_article && !(t.norm.ends_with(&format!("ال{c}")) || t.norm.ends_with(&format!("لل{c}")) || (c.starts_with("ال") && t.norm.ends_with(c))) {
        return None;
    }
    if e.latin && c != t.norm && c != t.base {
        return None;
    }
    let mut matched = vec![i];
    let mut j = i + 1;
    for r in &e.rest {
        while e.latin && j < end && toks[j].kind == TokenKind::Punct && skippable_punct(&toks[j].norm) && j > i {
            j += 1;
        }
        if j >= end {
            return None;
        }
        let tj = &toks[j];
        let ok = if tj.kind == TokenKind::Arabic { cc[j].iter().any(|x| x == r) } else { &tj.norm == r || &tj.base == r };
        if !ok {
            return None;
        }
        matched.push(j);
        j += 1;
    }
    if let Some(cased) = &e.cased {
        for (k, &ti) in matched.iter().enumerate() {
            let sf = surface(doc, &toks[ti]);
            let sf = sf.strip_suffix("'s").or_else(|| sf.strip_suffix("’s")).unwrap_or(sf);
            if cased.get(k).map(|s| s.as_str()) != Some(sf) {
                return None;
            }
        }
    }
    if e.soft_ambiguous && j < end {
        let n = &toks[j];
        if n.kind == TokenKind::Arabic && definite(n) && !cc[j].iter().any(|x| x != &n.norm && kb_index_has(x)) {
            return None;
        }
    }
    if e.ambiguous && j < end {
        let n = &toks[j];
        if n.kind == TokenKind::Arabic && n.norm.starts_with("ال") {
            return None;
        }
    }
    Some(j)
}

fn kb_index_has(k: &str) -> bool {
    Kb::global().entries(k).is_some()
}

pub(crate) fn longest_match(kb: &Kb, doc: &Document, toks: &[Token], cc: &[Cands], i: usize, end: usize) -> Option<Item> {
    let t = &toks[i];
    if !matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) {
        return None;
    }
    let mut best: Option<Item> = None;
    let (list, extra) = cc[i].parts();
    for c in list.iter().chain(extra) {
        let Some(list) = kb.entries(c) else { continue };
        for e in list {
            if let Some(j) = try_entry(doc, toks, cc, i, end, c, e) {
                let better = match best {
                    None => true,
                    Some(b) => j > b.b || (j == b.b && priority(e.target) > priority(b.target)),
                };
                if better {
                    best = Some(Item { a: i, b: j, target: e.target });
                }
            }
        }
    }
    best
}

// ---------------------------------------------------------------- chunks

pub(crate) fn country_of(_kb: &Kb, t: Target) -> Option<usize> {
    match t {
        Target::CountryName(c) | Target::CountryAdj(c) | Target::Demonym(c) => Some(c),
        _ => None,
    }
}

fn demonym_name(kb: &Kb, c: usize) -> String {
    let adj = &kb.countries[c].adjective;
    if adj.ends_with("ese") || adj.ends_with("ss") || adj.ends_with("sh") || adj.ends_with("ch") {
        format!("{adj} people")
    } else {
        format!("{adj}s")
    }
}

/// A preposition clitic (ب ل ك, with or without the article): the word
/// starts a prepositional phrase, not a modifier (للحكومة).
fn prep_prefixed(t: &Token) -> bool {
    if t.kind != TokenKind::Arabic {
        return false;
    }
    let p = t.prefix.trim_start_matches(['و', 'ف']);
    p.starts_with('ب') || p.starts_with('ل') || p.starts_with('ك')
}

/// Does the word carry the article (ال, لل, بال…)?
fn definite(t: &Token) -> bool {
    t.kind == TokenKind::Arabic && (t.prefix.ends_with("ال") || t.prefix.ends_with("لل") || (t.prefix.is_empty() && t.norm.starts_with("ال")))
}

fn conj_prefixed(t: &Token) -> bool {
    t.kind == TokenKind::Arabic && (t.prefix.starts_with('و') || t.prefix.starts_with('ف'))
}

/// Agents whose genitive with a knowledge-base group means the group itself
/// (مقاتلو حزب الله, عناصر داعش).
fn armed_sector(s: &str) -> bool {
    matches!(s, "MIL" | "REB" | "UAF" | "COP" | "SPY")
}

struct Generic {
    a: usize,
    b: usize,
    country: Option<usize>,
    agent: usize,
    sector: String,
    english: String,
}

fn generic_mention(kb: &Kb, doc: &Document, toks: &[Token], sent: usize, g: Generic) -> Mention {
    let ag = &kb.agents[g.agent];
    let text = span_text(doc, toks, g.a, g.b);
    let iso = g.country.map(|c| kb.countries[c].iso3.clone());
    let name = match g.country {
        Some(c) => format!("{} {}", kb.countries[c].adjective, g.english),
        None => g.english.clone(),
    };
    Mention {
        key: format!("gen:{}-{}-{}", iso.as_deref().unwrap_or("X"), g.sector, g.english.replace(' ', "_")),
        name,
        name_ar: if toks[g.a].kind == TokenKind::Arabic { Some(text) } else { None },
        country: iso,
        sector: Some(g.sector),
        actor_type: Some(ag.actor_type.clone()),
        group: ag.actor_type.contains("militia") || ag.actor_type.contains("group") && g.english.contains("group"),
        ..Mention::over(toks, sent, g.a, g.b, Kind::Generic)
    }
}

fn kb_mention(kb: &Kb, toks: &[Token], sent: usize, a: usize, b: usize, idx: usize) -> Mention {
    let k = &kb.actors[idx];
    Mention {
        key: format!("kb:{}", k.id),
        name: k.name.clone(),
        name_ar: k.name_ar().map(|x| x.to_string()),
        country: k.country.clone(),
        sector: Some(k.sector.clone()),
        actor_type: Some(k.actor_type.clone()),
        group: k.is_group(),
        ..Mention::over(toks, sent, a, b, Kind::Kb)
    }
}

fn country_mention(kb: &Kb, doc: &Document, toks: &[Token], sent: usize, a: usize, b: usize, c: usize, demonym: bool) -> Mention {
    let text = span_text(doc, toks, a, b);
    let co = &kb.countries[c];
    Mention {
        key: if demonym { format!("people:{}", co.iso3) } else { format!("state:{}", co.iso3) },
        name: if demonym { demonym_name(kb, c) } else { co.name.clone() },
        name_ar: if toks[a].kind == TokenKind::Arabic { Some(text) } else { None },
        country: Some(co.iso3.clone()),
        actor_type: Some(if demonym { "civilians".into() } else { "state".into() }),
        ..Mention::over(toks, sent, a, b, if demonym { Kind::Demonym } else { Kind::State })
    }
}

/// Merge a following agent into a generic chunk: returns (sector, english).
fn merge_agents(first_sector: &str, first_en: &str, next_sector: &str, next_en: &str) -> (String, String) {
    let peopleish = matches!(first_sector, "CVL" | "LAB" | "EDU" | "AGR" | "REF");
    if peopleish && matches!(next_sector, "OPP" | "UAF" | "REB" | "MIL") {
        return (next_sector.to_string(), next_en.to_string());
    }
    if first_sector == "MIL" && matches!(next_sector, "COP" | "SPY") {
        return (next_sector.to_string(), next_en.to_string());
    }
    if first_sector == "MIL" && next_sector == "GOV" && !first_en.contains(next_en) {
        return ("MIL".into(), format!("{next_en} {first_en}"));
    }
    (first_sector.to_string(), first_en.to_string())
}

fn chunks_ar(kb: &Kb, doc: &Document, toks: &[Token], cc: &[Cands], sent: usize, items: &[Item], out: &mut Vec<Mention>) {
    let mut k = 0;
    while k < items.len() {
        let it = items[k];
        match it.target {
            Target::Actor(a) => {
                out.push(kb_mention(kb, toks, sent, it.a, it.b, a));
                k += 1;
            }
            Target::Agent(g) => {
                let ag = &kb.agents[g];
                let mut ch = Generic { a: it.a, b: it.b, country: None, agent: g, sector: ag.sector.clone(), english: ag.english.clone() };
                let mut k2 = k + 1;
                let mut absorbed_kb = None;
                let mut person_after: Option<(usize, usize, usize)> = None;
                while k2 < items.len() && items[k2].a == ch.b && !conj_prefixed(&toks[items[k2].a]) && !prep_prefixed(&toks[items[k2].a]) {
                    // an adjective agrees in definiteness; a genitive follows
                    // an indefinite head (قوات الأمن). A definite head and an
                    // indefinite word are two phrases (المتظاهرين قوات…).
                    if definite(&toks[ch.a]) && !definite(&toks[items[k2].a]) {
                        break;
                    }
                    match items[k2].target {
                        Target::Agent(g2) if ch.country.is_none() => {
                            let a2 = &kb.agents[g2];
                            let (s, e) = if kb.agents[ch.agent].defer && ch.b == it.b {
                                (a2.sector.clone(), a2.english.clone())
                            } else {
                                merge_agents(&ch.sector, &ch.english, &a2.sector, &a2.english)
                            };
                            if s != ch.sector {
                                ch.agent = g2;
                            }
                            ch.sector = s;
                            ch.english = e;
                            ch.b = items[k2].b;
                            k2 += 1;
                        }
                        Target::CountryAdj(c) | Target::Demonym(c) if ch.country.is_none() => {
                            ch.country = Some(c);
                            ch.b = items[k2].b;
                            k2 += 1;
                        }
                        Target::CountryName(c) if ch.country.is_none() => {
                            ch.country = Some(c);
                            ch.b = items[k2].b;
                            k2 += 1;
                            break;
                        }
                        // "حكومة السنيورة", "أنصار الحريري": the person's country
                        Target::Actor(a) if kb.actors[a].actor_type == "person" && ch.country.is_none() && kb.actors[a].country.is_some() => {
                            let iso = kb.actors[a].country.clone().unwrap_or_default();
                            ch.country = kb.countries.iter().position(|c| c.iso3 == iso);
                            person_after = Some((items[k2].a, items[k2].b, a));
                            ch.b = items[k2].b;
                            k2 += 1;
                            break;
                        }
                        Target::Actor(a) if (armed_sector(&ch.sector) || ag.defer) && ch.b == it.b && kb.actors[a].actor_type != "person" => {
                            absorbed_kb = Some((a, items[k2].b));
                            k2 += 1;
                            break;
                        }
                        _ => break,
                    }
                }
                // "وزير الخارجية الأمريكي", "قوات النخبة العراقية": one
                // unknown definite noun between the head and its nationality
                if absorbed_kb.is_none() && ch.country.is_none() && k2 < items.len() && items[k2].a == ch.b + 1 && ch.b < toks.len() {
                    let mid = &toks[ch.b];
                    let mid_ok = mid.kind == TokenKind::Arabic && definite(mid) && !conj_prefixed(mid) && !prep_prefixed(mid) && !is_place_noun(mid, &cc[ch.b]);
                    if let (true, Target::CountryAdj(c) | Target::Demonym(c)) = (mid_ok, items[k2].target) {
                        if !conj_prefixed(&toks[items[k2].a]) {
                            ch.country = Some(c);
                            ch.b = items[k2].b;
                            k2 += 1;
                        }
                    }
                }
                // "عناصر من حركة الشباب": a deferring head, من, a group
                if absorbed_kb.is_none() && ag.defer && ch.b == it.b && k2 < items.len() && items[k2].a == ch.b + 1 && toks[ch.b].norm == "من" {
                    if let Target::Actor(a) = items[k2].target {
                        if kb.actors[a].actor_type != "person" {
                            absorbed_kb = Some((a, items[k2].b));
                            k2 += 1;
                        }
                    }
                }
                match absorbed_kb {
                    Some((a, b)) => {
                        let mut m = kb_mention(kb, toks, sent, ch.a, b, a);
                        let name_start = if toks[ch.b].norm == "من" { ch.b + 1 } else { ch.b };
                        m.alias = (toks[name_start].start, toks[b - 1].end);
                        out.push(m)
                    }
                    // a bare "members"/"leaders" names no actor (تجنيد أعضاء)
                    None if ag.defer && ch.b == it.b && ch.agent == g && matches!(ag.english.as_str(), "members" | "cadres" | "leaders") && ag.sector != "UAF" => {}
                    None => out.push(generic_mention(kb, doc, toks, sent, ch)),
                }
                if let Some((a, b, idx)) = person_after {
                    out.push(kb_mention(kb, toks, sent, a, b, idx));
                }
                k = k2;
            }
            Target::CountryName(c) => {
                let locative = it.a > 0 && is_locative(&toks[it.a - 1], toks[it.a].prefix.as_str(), true);
                // "في العراق وسوريا": a conjunct of a place is a place
                let conj_place = conj_prefixed(&toks[it.a])
                    && k > 0
                    && items[k - 1].b == it.a
                    && matches!(items[k - 1].target, Target::CountryName(_));
                if !locative && !conj_place && !toks[it.a].prefix.ends_with('ب') {
                    out.push(country_mention(kb, doc, toks, sent, it.a, it.b, c, false));
                }
                k += 1;
            }
            Target::Demonym(c) => {
                out.push(country_mention(kb, doc, toks, sent, it.a, it.b, c, true));
                k += 1;
            }
            Target::CountryAdj(c) => {
                // "مليوني لبناني", "13 لبنانيا": a counted singular is a demonym
                if it.a > 0 && is_numeral(&toks[it.a - 1]) {
                    out.push(country_mention(kb, doc, toks, sent, it.a, it.b, c, true));
                } else if it.a > 0 && is_state_act_noun(&toks[it.a - 1], &cc[it.a - 1]) && !conj_prefixed(&toks[it.a]) {
                    // "الغارات الإسرائيلية", "جرافات اسرائيلية": the state
                    // behind a thing (CAMEO codes it ISR)
                    let mut m = country_mention(kb, doc, toks, sent, it.a, it.b, c, false);
                    m.actor_type = Some("state".into());
                    out.push(m);
                }
                k += 1;
            }
        }
    }
}

const NUMERALS: &[&str] = &[
    "الف", "الاف", "ميات", "عشرات", "الوف", "مليون", "ملايين", "مليوني", "الفي", "ميتي", "مايتي", "مايه", "ميه", "ثلاثه", "اربعه",
    "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره", "بضعه",
];

fn is_numeral(t: &Token) -> bool {
    t.kind == TokenKind::Number || NUMERALS.contains(&t.norm.as_str()) || NUMERALS.contains(&t.base.as_str())
}

/// Nouns of place and of language/culture that a country adjective
/// describes without making the country an actor (العاصمة العراقية).
const PLACE_NOUNS: &[&str] = &[
    "عاصمه", "مدينه", "مدن", "حدود", "اراضي", "ارض", "سواحل", "مياه", "اجواء", "مناطق", "منطقه", "قري", "قريه", "بلدات", "بلده",
    "محافظه", "محافظات", "ولايه", "ولايات", "جزيره", "شمال", "جنوب", "شرق", "غرب", "وسط", "داخل", "خارج", "لغه", "لهجه",
    "ثقافه", "ساحه", "شوارع", "شارع", "عمق", "جانب", "بلاد", "اقليم", "مخيم", "مخيمات", "مستشفي", "سوق", "اسواق", "جامعه",
    "عمله", "ليره", "دينار", "ريال", "جنيه", "اسره", "عايله", "طايفه", "جاليه", "اصل", "جنسيه", "قوميه", "هويه",
];

/// Nouns of state action and its instruments, whose nationality adjective
/// names the state behind them (الغارات الإسرائيلية, جرافات اسرائيلية,
/// السياسات الأميركية → ISR, ISR, USA).
const STATE_ACT_NOUNS: &[&str] = &[
    "غاره", "غارات", "قصف", "ضربه", "ضربات", "هجوم", "هجمات", "عدوان", "اعتداء", "اعتداءات", "احتلال", "استيطان", "حصار",
    "عقوبات", "عمليه", "عمليات", "حمله", "حملات", "صواريخ", "صاروخ", "قذايف", "جرافات", "جرافه", "سفن", "سفينه", "بارجه",
    "مدرعات", "اليات", "اجراءات", "سياسه", "سياسات", "تدخل", "توغل", "اجتياح", "انتهاكات", "ممارسات", "تهديدات", "قرار",
    "قرارات", "مواقف", "تصريحات", "حرب", "مخططات", "اغتيال", "اعتقالات", "مداهمات", "دوريه", "دوريات", "طايرات", "مروحيات",
];

const EN_STATE_ACT: &[&str] = &[
    "airstrike", "airstrikes", "air", "strike", "strikes", "raid", "raids", "shelling", "bombardment", "bombing", "jets",
    "warplanes", "planes", "aircraft", "drone", "drones", "missile", "missiles", "rockets", "tanks", "occupation", "siege",
    "sanctions", "offensive", "incursion", "operation", "operations", "attack", "attacks", "artillery", "gunboats", "navy",
];

fn is_state_act_noun(t: &Token, cc: &Cands) -> bool {
    t.kind == TokenKind::Arabic && (STATE_ACT_NOUNS.contains(&t.base.as_str()) || cc.iter().any(|c| STATE_ACT_NOUNS.contains(&c.as_str())))
}

fn is_place_noun(t: &Token, cc: &Cands) -> bool {
    PLACE_NOUNS.contains(&t.base.as_str()) || cc.iter().any(|c| PLACE_NOUNS.contains(&c.as_str()))
}

pub(crate) fn is_locative(prev: &Token, _prefix: &str, arabic: bool) -> bool {
    if arabic {
        LOCATIVE_AR.contains(&prev.norm.as_str()) || LOCATIVE_AR.contains(&prev.base.as_str())
    } else {
        LOCATIVE_EN.contains(&prev.norm.as_str())
    }
}

fn chunks_en(kb: &Kb, doc: &Document, toks: &[Token], sent: usize, items: &[Item], out: &mut Vec<Mention>) {
    let mut k = 0;
    while k < items.len() {
        let it = items[k];
        if let Target::Actor(a) = it.target {
            // "Islamic State militants", "Hezbollah fighters": the group itself
            let mut b = it.b;
            if let Some(nx) = items.get(k + 1) {
                if let Target::Agent(g) = nx.target {
                    if nx.a == it.b && armed_sector(&kb.agents[g].sector) && kb.actors[a].is_group() {
                        b = nx.b;
                        k += 1;
                    }
                }
            }
            let mut m = kb_mention(kb, toks, sent, it.a, b, a);
            m.alias = (toks[it.a].start, toks[it.b - 1].end);
            out.push(m);
            k += 1;
            continue;
        }
        // a run of adjacent country/agent items
        let mut k2 = k + 1;
        while k2 < items.len() && items[k2].a == items[k2 - 1].b && !matches!(items[k2].target, Target::Actor(_)) {
            k2 += 1;
        }
        let run = &items[k..k2];
        let last_agent = run.iter().rposition(|x| matches!(x.target, Target::Agent(_)));
        if let Some(la) = last_agent {
            let Target::Agent(g) = run[la].target else { unreachable!() };
            let ag = &kb.agents[g];
            let mut sector = ag.sector.clone();
            let mut english = ag.english.clone();
            let mut agent = g;
            for x in &run[..la] {
                if let Target::Agent(g0) = x.target {
                    let a0 = &kb.agents[g0];
                    if ag.sector == "MIL" && matches!(a0.sector.as_str(), "COP" | "SPY") {
                        sector = a0.sector.clone();
                        english = format!("{} {}", a0.english, english);
                        agent = g0;
                    } else if ag.sector == "MIL" && a0.sector == "GOV" {
                        english = format!("{} {}", a0.english, english);
                    }
                }
            }
            let country = run[..=la].iter().find_map(|x| country_of(kb, x.target));
            out.push(generic_mention(kb, doc, toks, sent, Generic { a: run[0].a, b: run[la].b, country, agent, sector, english }));
            // anything after the head agent in the run is handled on its own
            k += la + 1;
            continue;
        }
        for x in run {
            match x.target {
                Target::CountryAdj(c) if x.b < toks.len() && EN_STATE_ACT.contains(&toks[x.b].norm.as_str()) => {
                    // "Israeli airstrikes", "Russian jets": the state behind them
                    out.push(country_mention(kb, doc, toks, sent, x.a, x.b, c, false));
                }
                Target::Demonym(c) => out.push(country_mention(kb, doc, toks, sent, x.a, x.b, c, true)),
                Target::CountryName(c) => {
                    if !(x.a > 0 && is_locative(&toks[x.a - 1], "", false)) {
                        out.push(country_mention(kb, doc, toks, sent, x.a, x.b, c, false));
                    }
                }
                _ => {}
            }
        }
        k = k2;
    }
}

// ---------------------------------------------------------------- people, orgs

fn name_part<'a>(kb: &'a Kb, t: &Token) -> Option<&'a crate::kb::NamePart> {
    if t.kind != TokenKind::Arabic {
        return None;
    }
    if let Some(p) = kb.name(&t.norm) {
        return Some(p);
    }
    // a conjunction/preposition clitic before a name: وهيوا
    let mut ch = t.norm.chars();
    match ch.next() {
        Some('و' | 'ف' | 'ل' | 'ب') => kb.name(ch.as_str()),
        _ => None,
    }
}

fn person_mention(kb: &Kb, names: &mut translit::Names, doc: &Document, toks: &[Token], sent: usize, a: usize, b: usize) -> Mention {
    let text = span_text(doc, toks, a, b);
    let arabic = toks[a].kind == TokenKind::Arabic;
    let mut key_text = text.clone();
    // drop a leading conjunction clitic from the key: وهيوا شور = هيوا شور
    if arabic {
        if let Some(p) = name_part(kb, &toks[a]) {
            if !kb.names.contains_key(&toks[a].norm) {
                let _ = p;
                key_text = key_text.chars().skip(1).collect();
            }
        }
    }
    let name = if arabic { names.name(kb, &key_text) } else { text };
    unlisted_mention(Mention::over(toks, sent, a, b, Kind::Person), key_text, name, arabic)
}

/// A person or organisation the knowledge base does not list: its key is
/// the skeleton of the Arabic text (the lower-cased English one), its name
/// the transliteration (the English text).
fn unlisted_mention(at: Mention, key_text: String, name: String, arabic: bool) -> Mention {
    let person = at.kind == Kind::Person;
    let (prefix, actor_type) = if person { ("per", "person") } else { ("org", "organisation") };
    Mention {
        key: format!("{prefix}:{}", if arabic { skeleton(&key_text) } else { key_text.to_lowercase() }),
        name,
        name_ar: if arabic { Some(key_text) } else { None },
        actor_type: Some(actor_type.into()),
        group: !person,
        ..at
    }
}

/// Person names from the given-name table: a given name and up to two more
/// name parts (خالد المرادي, هيوا شور, محمد بن سلمان).
fn people_by_names(kb: &Kb, names: &mut translit::Names, doc: &Document, toks: &[Token], sent: usize, first: usize, end: usize, covered: &[bool], out: &mut Vec<Mention>) {
    let mut i = first;
    while i < end {
        if covered[i] {
            i += 1;
            continue;
        }
        let t = &toks[i];
        let Some(p) = name_part(kb, t) else {
            i += 1;
            continue;
        };
        // علي the name vs على the preposition (folded together)
        if !p.given || surface(doc, t).ends_with('ى') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut parts = 0;
        while j < end && parts < 3 && !covered[j] {
            let n = &toks[j];
            if n.kind != TokenKind::Arabic || is_stop(&n.norm) || NOT_NAME.contains(&n.norm.as_str()) || conj_prefixed(n) && parts > 0 {
                break;
            }
            let np = kb.names.get(&n.norm);
            let nisba = n.norm.starts_with("ال") && n.norm.ends_with('ي');
            let after_particle = parts > 0 && kb.names.get(&toks[j - 1].norm).map_or(false, |x| x.particle);
            let lexical = kb.entries(&n.norm).is_some() || kb.entries(&n.base).is_some();
            let ok = if np.is_some() {
                true
            } else if lexical {
                false
            } else if parts == 0 {
                !p.ambiguous || nisba
            } else {
                nisba || after_particle
            };
            if !ok {
                break;
            }
            parts += 1;
            j += 1;
        }
        // a name does not end on a particle (أبو، بن)
        while j > i + 1 && kb.names.get(&toks[j - 1].norm).map_or(false, |x| x.particle) {
            j -= 1;
            parts -= 1;
        }
        if parts == 0 {
            i += 1;
            continue;
        }
        out.push(person_mention(kb, names, doc, toks, sent, i, j));
        i = j;
    }
}

const GROUP_HEADS: &[&str] = &["جماعه", "تنظيم", "حركه", "جبهه", "كتايب", "كتيبه", "لواء", "الويه", "سرايا", "فيلق", "ميليشيا", "مليشيا", "فصيل", "عصايب", "منظمه"];
const ARMED_HEADS: &[&str] = &["كتايب", "كتيبه", "لواء", "الويه", "سرايا", "فيلق", "ميليشيا", "مليشيا", "فصيل", "عصايب"];

/// Whether `w` is one of [`GROUP_HEADS`], by a hashed set: [`group_head`]
/// tests every word of a document, and scanning the list for each clitic
/// reading was 4 % of all instructions on long articles.
fn is_group_head(w: &str) -> bool {
    static SET: std::sync::OnceLock<(crate::kb::HeadBits, marsad_text::StrSet)> = std::sync::OnceLock::new();
    let (heads, set) = SET.get_or_init(|| (crate::kb::HeadBits::of(GROUP_HEADS.iter().copied()), GROUP_HEADS.iter().map(|h| h.to_string()).collect()));
    heads.may_contain(w) && set.contains(w)
}

fn group_head(t: &Token, cc: &Cands) -> Option<&'static str> {
    // (a word that starts with ال contains it: no substring search)
    if t.kind != TokenKind::Arabic || t.norm.starts_with("ال") {
        return None;
    }
    // fast path (almost every word): no form of the word is a head at all
    if !is_group_head(&t.base) && !is_group_head(&t.norm) && !cc.iter().any(|c| is_group_head(c)) {
        return None;
    }
    group_head_in_order(t, cc)
}

/// The first of [`GROUP_HEADS`] that the word's base, form or a reading is
/// (the list order decides between two).
fn group_head_in_order(t: &Token, cc: &Cands) -> Option<&'static str> {
    GROUP_HEADS.iter().copied().find(|h| t.base == *h || t.norm == *h || cc.iter().any(|c| c == h))
}

/// Unknown named groups: an indefinite group noun followed by a definite
/// name (جماعة التوحيد والجهاد); descriptive phrases (جماعة جهادية,
/// الجماعة السنية) are not names.
fn unknown_groups(kb: &Kb, names: &mut translit::Names, doc: &Document, toks: &[Token], cc: &[Cands], sent: usize, first: usize, end: usize, covered: &[bool], out: &mut Vec<Mention>) {
    let mut i = first;
    while i + 1 < end {
        if covered[i] {
            i += 1;
            continue;
        }
        let Some(head) = group_head(&toks[i], &cc[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut all_nisba = true;
        while j < end && j - i <= 4 && !covered[j] {
            let n = &toks[j];
            let def = n.norm.starts_with("ال") || (j > i + 1 && n.norm.starts_with("وال"));
            if n.kind != TokenKind::Arabic || !def || is_stop(&n.norm) {
                break;
            }
            if !(n.norm.ends_with("يه") || n.norm.ends_with('ي') || n.norm.ends_with("يين") || n.norm.ends_with("يون")) {
                all_nisba = false;
            }
            j += 1;
        }
        if j == i + 1 || all_nisba {
            i += 1;
            continue;
        }
        let text = span_text(doc, toks, i, j);
        let body: String = toks[i + 1..j].iter().map(|t| t.norm.clone()).collect::<Vec<_>>().join(" ");
        out.push(Mention {
            key: format!("org:{}", skeleton(&body)),
            name: names.name(kb, &text),
            name_ar: Some(text),
            actor_type: Some(if ARMED_HEADS.contains(&head) { "armed group".into() } else { "group".into() }),
            group: true,
            ..Mention::over(toks, sent, i, j, Kind::Org)
        });
        i = j;
    }
}

const ANAPHORS_AR: &[&str] = &["التنظيم", "الجماعه", "المجموعه", "الحركه", "الميليشيا", "المليشيا", "الفصيل"];
/// Adjectives after which الحركة/الجماعة are not a group (protest movement…).
const NON_GROUP_ADJ: &[&str] = &["الاحتجاجيه", "الشعبيه", "الطلابيه", "العماليه", "النقابيه", "السياسيه", "الاقتصاديه", "الدوليه", "التجاريه", "الثقافيه", "المروريه", "الجويه"];
const ANAPHORS_EN: &[&[&str]] = &[&["the", "group"], &["the", "organization"], &["the", "organisation"], &["the", "militia"], &["the", "movement"], &["the", "militants"]];

fn anaphors(toks: &[Token], cc: &[Cands], sent: usize, first: usize, end: usize, covered: &[bool], out: &mut Vec<Mention>) {
    for i in first..end {
        if covered[i] {
            continue;
        }
        let t = &toks[i];
        let mut hit = None;
        if t.kind == TokenKind::Arabic {
            let c = &cc[i];
            if ANAPHORS_AR.iter().any(|a| (t.norm == *a || t.norm.ends_with(a)) && c.iter().any(|x| x == a)) {
                let next_bad = toks.get(i + 1).map_or(false, |n| i + 1 < end && NON_GROUP_ADJ.contains(&n.norm.as_str()));
                if !next_bad {
                    hit = Some((i, i + 1));
                }
            }
        } else if t.kind == TokenKind::Latin && t.norm == "the" {
            for pat in ANAPHORS_EN {
                if i + pat.len() <= end && (0..pat.len()).all(|k| toks[i + k].norm == pat[k] && !covered[i + k]) {
                    // "the group's" fine; "the group of X" is not anaphoric
                    let of = toks.get(i + pat.len()).map_or(false, |n| n.norm == "of");
                    if !of {
                        hit = Some((i, i + pat.len()));
                    }
                }
            }
        }
        if let Some((a, b)) = hit {
            out.push(Mention { group: true, ..Mention::over(toks, sent, a, b, Kind::Anaphor) });
        }
    }
}

// ---------------------------------------------------------------- find

/// Every actor mention of the document, before clustering.
pub fn find(kb: &Kb, doc: &Document) -> Vec<Mention> {
    find_with(kb, doc, &token_cands(doc))
}

/// [`cands`] of every token of the document.
pub fn token_cands(doc: &Document) -> Vec<Cands> {
    doc.tokens.iter().map(cands).collect()
}

/// [`find`] with the tokens' candidates already computed ([`token_cands`]).
pub fn find_with(kb: &Kb, doc: &Document, cc: &[Cands]) -> Vec<Mention> {
    let toks = &doc.tokens;
    // the transliterations of this document's unlisted names, each made once
    let mut names = translit::Names::default();
    let mut covered = vec![false; toks.len()];
    let mut out: Vec<Mention> = Vec::new();
    let mut sents: Vec<(usize, usize, Lang)> = doc.sentences.iter().map(|s| (s.first_token, s.end_token.min(toks.len()), s.lang)).collect();
    if sents.is_empty() && !toks.is_empty() {
        sents.push((0, toks.len(), doc.lang));
    }
    let mut ents_by_sent: Vec<Vec<usize>> = vec![Vec::new(); sents.len()];
    for (k, e) in doc.entities.iter().enumerate() {
        // a name the places stage resolved (وديالى tagged PERS) is a place
        let is_place = doc.places.iter().any(|p| p.name.is_some() && p.start < e.end && e.start < p.end);
        if matches!(e.kind, EntityType::PERS | EntityType::ORG) && !is_place {
            let si = if doc.sentences.is_empty() { 0 } else { doc.sentence_at(e.start) };
            if let Some(v) = ents_by_sent.get_mut(si) {
                v.push(k);
            }
        }
    }
    for (si, &(first, end, lang)) in sents.iter().enumerate() {
        if first >= end {
            continue;
        }
        let mut found: Vec<Mention> = Vec::new();
        // 1. lexicon items
        let mut items: Vec<Item> = Vec::new();
        let mut i = first;
        while i < end {
            match longest_match(kb, doc, toks, &cc, i, end) {
                Some(it) => {
                    items.push(it);
                    i = it.b;
                }
                None => i += 1,
            }
        }
        // 2. chunks, by script of each run
        let (ar, en): (Vec<Item>, Vec<Item>) = items.iter().partition(|x| toks[x.a].kind == TokenKind::Arabic);
        let _ = lang;
        chunks_ar(kb, doc, toks, &cc, si, &ar, &mut found);
        chunks_en(kb, doc, toks, si, &en, &mut found);
        for m in &found {
            for c in covered.iter_mut().take(m.tok_end).skip(m.tok_start) {
                *c = true;
            }
        }
        // a group noun before a knowledge-base group belongs to its mention
        for m in found.iter_mut() {
            if m.kind == Kind::Kb && m.group && m.tok_start > first && !covered[m.tok_start - 1] && group_head(&toks[m.tok_start - 1], &cc[m.tok_start - 1]).is_some() {
                if m.alias.1 <= m.alias.0 {
                    m.alias = (m.start, m.end);
                }
                m.tok_start -= 1;
                covered[m.tok_start] = true;
                m.start = toks[m.tok_start].start;
            }
        }
        // 3. named entities from the NER stage
        let mut extra: Vec<Mention> = Vec::new();
        for ent in ents_by_sent.get(si).map(|v| v.as_slice()).unwrap_or(&[]).iter().map(|&k| &doc.entities[k]) {
            if ent.end <= toks[first].start || ent.start >= toks[end - 1].end {
                continue;
            }
            let a = (first..end).find(|&k| toks[k].end > ent.start);
            let b = (first..end).rev().find(|&k| toks[k].start < ent.end).map(|k| k + 1);
            let (Some(a), Some(b)) = (a, b) else { continue };
            if a >= b {
                continue;
            }
            // a name partly covered by a title or group mention
            // ("الرئيس الأمريكي دونالد ترامب" tagged whole): keep the longest
            // uncovered run of word tokens
            let (mut a, mut b) = (a, b);
            if (a..b).any(|k| covered[k]) {
                let mut best = (0, 0);
                let mut k = a;
                while k < b {
                    if covered[k] || !matches!(toks[k].kind, TokenKind::Arabic | TokenKind::Latin) {
                        k += 1;
                        continue;
                    }
                    let s0 = k;
                    while k < b && !covered[k] && matches!(toks[k].kind, TokenKind::Arabic | TokenKind::Latin) {
                        k += 1;
                    }
                    if k - s0 > best.1 - best.0 {
                        best = (s0, k);
                    }
                }
                let need = if ent.kind == EntityType::PERS { 1 } else { 2 };
                if best.1 - best.0 < need {
                    continue;
                }
                a = best.0;
                b = best.1;
            }
            if ent.kind == EntityType::PERS {
                extra.push(person_mention(kb, &mut names, doc, toks, si, a, b));
            } else {
                let text = span_text(doc, toks, a, b);
                let arabic = toks[a].kind == TokenKind::Arabic;
                let name = if arabic { names.name(kb, &text) } else { text.clone() };
                extra.push(unlisted_mention(Mention::over(toks, si, a, b, Kind::Org), text, name, arabic));
            }
            for c in covered.iter_mut().take(b).skip(a) {
                *c = true;
            }
        }
        // 4. people by given names, 5. unknown named groups, 6. anaphora
        people_by_names(kb, &mut names, doc, toks, si, first, end, &covered, &mut extra);
        for m in &extra {
            for c in covered.iter_mut().take(m.tok_end).skip(m.tok_start) {
                *c = true;
            }
        }
        let mut more = Vec::new();
        unknown_groups(kb, &mut names, doc, toks, &cc, si, first, end, &covered, &mut more);
        for m in &more {
            for c in covered.iter_mut().take(m.tok_end).skip(m.tok_start) {
                *c = true;
            }
        }
        anaphors(toks, &cc, si, first, end, &covered, &mut more);
        found.extend(extra);
        found.extend(more);
        found.sort_by_key(|m| m.tok_start);
        // a person right after a title inherits its country and sector
        // (الرئيس الأمريكي دونالد ترامب)
        for k in 1..found.len() {
            if found[k].kind == Kind::Person && found[k].country.is_none() {
                let prev = &found[k - 1];
                let gap_ok = found[k].tok_start == prev.tok_end
                    || (found[k].tok_start == prev.tok_end + 1 && matches!(toks[prev.tok_end].norm.as_str(), "،" | "," | ":"));
                if prev.kind == Kind::Generic && gap_ok && matches!(prev.sector.as_deref(), Some("GOV" | "MIL" | "COP" | "SPY" | "LEG" | "JUD" | "OPP" | "MED")) {
                    let (c, s) = (prev.country.clone(), prev.sector.clone());
                    found[k].country = c;
                    found[k].sector = s;
                }
            }
        }
        out.extend(found);
    }
    surname_mentions(doc, &mut out, &covered);
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// Does a word's skeleton `f` (of `n` chars) name the surname whose skeleton
/// is `sk` (of `skn` chars)? Equal, or for a long one one edit apart, which
/// needs the counts within one of each other.
fn skeleton_hit(f: &str, n: usize, sk: &str, skn: usize) -> bool {
    f == sk || (skn >= 5 && n.abs_diff(skn) <= 1 && edit1(f, sk))
}

/// Later references to a person by surname alone (دراجاهي after بورزو
/// دراغاهي), matched on transliteration-tolerant skeletons.
fn surname_mentions(doc: &Document, out: &mut Vec<Mention>, covered: &[bool]) {
    let toks = &doc.tokens;
    // (exact normalised surname, skeleton if distinctive enough with its
    // char count, person)
    let mut surnames: Vec<(String, Option<(String, usize)>, Mention)> = Vec::new();
    for m in out.iter().filter(|m| m.kind == Kind::Person && m.tok_end - m.tok_start >= 2) {
        let last = &toks[m.tok_end - 1];
        let exact = match last.kind {
            TokenKind::Arabic => last.norm.clone(),
            TokenKind::Latin => last.base.clone(),
            _ => continue,
        };
        if exact.chars().count() < 4 || surnames.iter().any(|(e, _, _)| *e == exact) {
            continue;
        }
        // skeletons drop vowels: only long ones are distinctive
        let sk = if last.kind == TokenKind::Arabic { Some(skeleton(&last.norm)).filter(|s| s.chars().count() >= 4) } else { None };
        surnames.push((exact, sk.map(|s| { let n = s.chars().count(); (s, n) }), m.clone()));
    }
    if surnames.is_empty() {
        return;
    }
    let mut taken = covered.to_vec();
    for m in out.iter() {
        for c in taken.iter_mut().take(m.tok_end).skip(m.tok_start) {
            *c = true;
        }
    }
    for (i, t) in toks.iter().enumerate() {
        if taken.get(i).copied().unwrap_or(true) {
            continue;
        }
        // (fewer than four chars, without counting them all)
        if !matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) || t.norm.chars().nth(3).is_none() || is_stop(&t.norm) {
            continue;
        }
        // the word itself, and without a one-letter clitic (ودراجاهي)
        let words: [Option<&str>; 2] = if t.kind == TokenKind::Arabic {
            let mut ch = t.norm.chars();
            let rest = match ch.next() {
                Some('و' | 'ف' | 'ل' | 'ب') => Some(ch.as_str()),
                _ => None,
            };
            [Some(t.norm.as_str()), rest]
        } else {
            [Some(t.norm.as_str()), Some(t.base.as_str())]
        };
        // their skeletons, made only when a surname has one to compare
        // (two at most, in an array: a `Vec` per word showed in profiles;
        // each with its char count, so that `edit1`, which needs counts
        // within one of each other, runs only then: `surname_test_is_the_old_one`)
        let mut skels: Option<[Option<(Rc<str>, usize)>; 2]> = None;
        for (exact, sk, m) in &surnames {
            let hit = words.iter().flatten().any(|w| w == exact)
                || sk.as_ref().map_or(false, |(sk, skn)| {
                    let skels = skels.get_or_insert_with(|| {
                        let with_count = |w: &str| {
                            let f = skeleton_memo(w);
                            let n = f.chars().count();
                            (f, n)
                        };
                        if t.kind == TokenKind::Arabic {
                            [words[0].map(with_count), words[1].map(with_count)]
                        } else {
                            [None, None]
                        }
                    });
                    skels.iter().flatten().any(|(f, n)| skeleton_hit(f, *n, sk, *skn))
                });
            if hit {
                let mut nm = m.clone();
                nm.start = t.start;
                nm.end = t.end;
                nm.tok_start = i;
                nm.tok_end = i + 1;
                nm.sentence = doc.sentence_at(t.start);
                nm.alias = (0, 0);
                out.push(nm);
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Arabic-letter arm of `skeleton` keeps what `is_alphanumeric`
    /// kept: every char of the range is alphanumeric.
    #[test]
    fn arabic_letters_are_alphanumeric() {
        for c in '\u{0621}'..='\u{064A}' {
            assert!(c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    /// [`skeleton`] as it was before the fast path for letters.
    fn skeleton_reference(s: &str) -> String {
        let mut out = String::new();
        for w in marsad_text::normalize(s).split_whitespace() {
            let w = match w.strip_prefix("ال") {
                Some(r) if r.chars().count() >= 3 => r,
                _ => w,
            };
            if !out.is_empty() {
                out.push(' ');
            }
            for (i, c) in w.chars().enumerate() {
                let m = match c {
                    'غ' | 'ج' | 'ق' | 'ك' | 'گ' => Some('K'),
                    'ت' | 'ط' => Some('T'),
                    'ث' | 'س' | 'ص' => Some('S'),
                    'ذ' | 'ز' | 'ظ' | 'ض' => Some('Z'),
                    'ح' | 'ه' => Some('H'),
                    'ا' | 'و' | 'ي' | 'ع' | 'ء' if i > 0 => None,
                    'ا' | 'ع' | 'ء' => Some('A'),
                    c if c.is_alphanumeric() => Some(c),
                    _ => None,
                };
                if let Some(m) = m {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The skeleton of a word of letters normalisation keeps (made without
    /// normalising) is the normalised one: for every token (surface and
    /// normalised form, and without its first letter, as surname matching
    /// asks) of 300 corpus articles, every pair of chars of the Arabic
    /// block around the fast path's range, and odd strings; and the fast
    /// path is taken for most normalised Arabic words.
    #[test]
    fn letter_skeletons_are_the_normalised_ones() {
        let mut words: Vec<String> = ["", "ال", "الم", "المر", "الاسد", "دراغاهي", "أحمد", "مستشفى", "ـقتل", "بغداد ", "a", "ab c", "ﻻ"].iter().map(|s| s.to_string()).collect();
        for a in '\u{0600}'..='\u{066F}' {
            for b in ['ا', 'ل', 'ع', 'ة', '\u{0640}', 'x'] {
                words.push(format!("{a}{b}"));
                words.push(format!("ال{b}{a}{a}"));
            }
        }
        let mut texts = marsad_core::sample::shared_corpus_texts(300);
        texts.push("قال بورزو دراغاهي وأحمد الأسد إن المليشيات في الميليشيات، وهيوا شور.".to_string());
        for t in &texts {
            let mut d = Document::new("t", t);
            marsad_text::annotate(&mut d);
            for k in &d.tokens {
                words.push(k.norm.clone());
                words.push(surface(&d, k).to_string());
                let mut ch = k.norm.chars();
                ch.next();
                words.push(ch.as_str().to_string());
            }
        }
        let (mut fast, mut arabic) = (0, 0);
        for w in &words {
            assert_eq!(skeleton(w), skeleton_reference(w), "{w:?}");
            fast += skeleton_of_letters(w).is_some() as usize;
            arabic += w.chars().next().is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c)) as usize;
        }
        assert!(words.len() > 3000 && fast * 2 > arabic, "{fast} fast of {arabic} Arabic, {} words", words.len());
    }

    #[test]
    fn skeletons_fold_transliteration_variants() {
        assert_eq!(skeleton("دراغاهي"), skeleton("دراجاهي"));
        assert_eq!(skeleton("المليشيات"), skeleton("الميليشيات"));
        assert_ne!(skeleton("دراغاهي"), skeleton("المرادي"));
        assert!(edit1("abcd", "abd"));
        assert!(!edit1("abcd", "xbcy"));
    }

    #[test]
    fn edit1_is_the_char_vector_version() {
        let words = ["", "a", "ab", "abc", "abcd", "abd", "xbcd", "abcx", "bcd", "دراغاهي", "دراجاهي", "دراغاهى", "راغاهي", "دراغاهيا", "KRKHY", "DRKHY", "DRKAHY", "é", "e", "ée", "aé", "éa", "ب", "بب", "bب"];
        for a in words {
            for b in words {
                assert_eq!(edit1(a, b), edit1_chars(a, b), "{a:?} {b:?}");
            }
        }
        // every string of up to four chars over a one-, a two- and a three-byte char
        let mut all = vec![String::new()];
        for len in 1..=4 {
            let prev: Vec<String> = all.iter().filter(|w| w.chars().count() == len - 1).cloned().collect();
            for w in prev {
                for c in ['a', 'é', 'ب', '€'] {
                    all.push(format!("{w}{c}"));
                }
            }
        }
        for a in &all {
            for b in &all {
                assert_eq!(edit1(a, b), edit1_chars(a, b), "{a:?} {b:?}");
            }
        }
        // every surname skeleton against every word skeleton of some corpus-like names
        let names = ["محمد", "محمود", "أحمد", "حامد", "حمد", "دراغاهي", "مرادي", "المرادي", "ترامب", "ترمب", "بوتين", "بوتن", "العبادي", "العبيدي", "الصدر", "الصدري"];
        for a in names {
            for b in names {
                let (x, y) = (skeleton(a), skeleton(b));
                assert_eq!(edit1(&x, &y), edit1_chars(&x, &y), "{a} {b}");
            }
        }
    }

    /// The set-guarded [`group_head`] answers as the list scan does, on
    /// heads with clitics, definite and plain forms, and ordinary words.
    #[test]
    fn group_head_fast_path_matches_the_list_scan() {
        let text = "أعلنت جماعة التوحيد وتنظيم الدولة وحركة حماس وجبهة النصرة بكتائب القسام ولواء الفتح وألوية الناصر وسرايا القدس \
            لفيلق الرحمن وميليشيا مسلحة ومليشيات وفصيل مسلح وعصائب أهل الحق ومنظمة التحرير والجماعة والتنظيم والحركة فيلقه كتيبتهم \
            قال الرئيس إن المدينة شهدت هجوما على الجيش في بغداد أمس. The group said Hamas and militias attacked.";
        let mut doc = Document::new("t", text);
        marsad_text::annotate(&mut doc);
        let cc = token_cands(&doc);
        let mut heads = 0;
        for (t, c) in doc.tokens.iter().zip(&cc) {
            let fast = group_head(t, c);
            let slow = if t.kind != TokenKind::Arabic || t.norm.contains("ال") && t.norm.starts_with("ال") { None } else { group_head_in_order(t, c) };
            assert_eq!(fast, slow, "{}", t.norm);
            heads += fast.is_some() as usize;
        }
        assert!(heads >= 12, "{heads} heads found");
    }

    /// [`skeleton_hit`] answers as the test it replaced (`f == sk ||
    /// (chars(sk) >= 5 && edit1(f, sk))`), on the skeletons of every pair of
    /// words of some names and of the corpus's first 30 articles.
    #[test]
    fn surname_test_is_the_old_one() {
        let mut words: Vec<String> = ["دراغاهي", "دراجاهي", "دراغاهيا", "راغاهي", "المرادي", "مرادي", "ترامب", "ترمب", "بوتين", "العبادي", "العبيدي", "الصدري", "كريستيانو", "كرستيانو"].iter().map(|w| w.to_string()).collect();
        for text in marsad_core::sample::shared_corpus_texts(30) {
            words.extend(marsad_text::tokenize::tokenize(&text).into_iter().filter(|t| t.kind == TokenKind::Arabic).map(|t| t.norm));
        }
        words.sort();
        words.dedup();
        let sks: Vec<String> = words.iter().map(|w| skeleton(w)).collect();
        let mut hits = 0;
        for f in &sks {
            for sk in sks.iter().filter(|s| s.chars().count() >= 4).take(400) {
                let old = **f == **sk || (sk.chars().count() >= 5 && edit1(f, sk));
                assert_eq!(skeleton_hit(f, f.chars().count(), sk, sk.chars().count()), old, "{f} {sk}");
                hits += old as usize;
            }
        }
        assert!(hits > 400, "{hits} hits");
    }

    /// [`Cands::parts`] holds [`Cands::iter`]'s items in its order (Arabic
    /// words with and without an extra base, Latin words).
    #[test]
    fn cand_parts_are_the_iterator() {
        let mut doc = Document::new("t", "وبغداد للحكومة الجيش والقوات Iraq's forces قال");
        marsad_text::annotate(&mut doc);
        let cc = token_cands(&doc);
        for c in &cc {
            let (list, extra) = c.parts();
            let parts: Vec<&String> = list.iter().chain(extra).collect();
            assert_eq!(parts, c.iter().collect::<Vec<_>>());
        }
        assert!(cc.iter().any(|c| c.parts().1.is_some()) || cc.len() > 5);
    }

    /// The hashed [`is_stop`] answers as the list scan, on every stop word
    /// and on every word of real articles (the corpus's first 300).
    #[test]
    fn stop_set_is_the_list() {
        for w in STOP {
            assert!(is_stop(w), "{w}");
        }
        let mut words = 0;
        let mut stops = 0;
        for text in marsad_core::sample::shared_corpus_texts(300).iter().map(String::as_str).chain(["في بغداد قال إن the group"]) {
            for t in marsad_text::tokenize::tokenize(text) {
                for w in [t.norm.as_str(), t.base.as_str(), ""] {
                    assert_eq!(is_stop(w), STOP.contains(&w), "{w}");
                    stops += is_stop(w) as usize;
                    words += 1;
                }
            }
        }
        assert!(stops > 0 && words > 10, "{stops} of {words}");
    }

    /// The pre-filtered look-ups ([`Kb::entries`], [`is_group_head`]) answer
    /// as the plain ones: on every key of the index and every group head, and
    /// on every clitic reading, base and form of every token of real
    /// articles (the corpus's first 300, when present).
    #[test]
    fn prefiltered_lookups_are_the_plain_ones() {
        let kb = Kb::global();
        for k in kb.index.keys() {
            assert!(kb.entries(k).is_some(), "{k}");
        }
        for h in GROUP_HEADS {
            assert!(is_group_head(h), "{h}");
        }
        for k in kb.names.keys() {
            assert!(kb.name(k).is_some(), "{k}");
        }
        let mut texts = vec!["أعلنت جماعة التوحيد وتنظيم الدولة الإسلامية أن الجيش العراقي والقوات الأمريكية هاجموا مواقع لحزب الله. The group said Hamas attacked.".to_string()];
        texts.extend(marsad_core::sample::shared_corpus_texts(300));
        let (mut words, mut found, mut rejected) = (0usize, 0usize, 0usize);
        for text in &texts {
            let mut doc = Document::new("t", text);
            marsad_text::annotate(&mut doc);
            let cc = token_cands(&doc);
            for (t, c) in doc.tokens.iter().zip(&cc) {
                for w in c.iter().map(|s| s.as_str()).chain([t.norm.as_str(), t.base.as_str()]) {
                    let plain = kb.index.get(w);
                    assert_eq!(kb.entries(w).map(|v| v as *const _), plain.map(|v| v as *const _), "{w}");
                    assert_eq!(is_group_head(w), GROUP_HEADS.contains(&w), "{w}");
                    assert_eq!(kb.name(w).map(|p| p as *const _), kb.names.get(w).map(|p| p as *const _), "{w}");
                    words += 1;
                    found += plain.is_some() as usize;
                    rejected += !kb.index_heads.may_contain(w) as usize;
                }
            }
        }
        // the filter must reject many words for the fast path to pay (47 %
        // of these readings when written)
        assert!(found > 0 && rejected * 3 > words, "{found} found, {rejected} of {words} rejected");
    }
}
