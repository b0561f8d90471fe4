//! marsad-core: the one [`Document`] that every pipeline stage annotates in turn.
//!
//! The pipeline is text → entities → places/time → events → store → serve. Each
//! stage lives in its own crate and adds one kind of annotation to a `Document`.
//!
//! **Offsets.** Every annotation is a half-open span `[start, end)` of Unicode
//! code points (as Python indexes strings) into `Document::text`. Annotations
//! never own a copy of the text they point at, except a `text` field kept in the
//! JSON output for readers' convenience, which always equals
//! `text[start:end]` (a test checks this).
//!
//! The JSON form of these types is marsad's output contract; it is described
//! by `docs/schema/document.schema.json`.

use serde::{Deserialize, Serialize};

pub mod sample;

/// Language of a document or sentence.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[serde(rename = "ar")]
    Ar,
    #[serde(rename = "en")]
    En,
    /// Undetermined: too little text, or a script we do not analyse.
    #[default]
    #[serde(rename = "und")]
    Und,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }
}

/// A half-open span of code points.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A sentence. `lang` is per sentence because news text mixes scripts.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub lang: Lang,
    /// Index of the first token of this sentence in `Document::tokens`.
    #[serde(skip)]
    pub first_token: usize,
    /// One past the last token of this sentence in `Document::tokens`.
    #[serde(skip)]
    pub end_token: usize,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word in Arabic script.
    Arabic,
    /// A word in Latin script.
    Latin,
    /// Digits (any script), possibly with decimal/thousands separators.
    Number,
    Punct,
    /// Anything else (symbols, other scripts, emoji).
    Other,
}

/// A token. `norm` and `base` are matching keys, not text: `norm` is the
/// normalised surface (no diacritics or tatweel, unified alef/yaa/taa marbuta,
/// ASCII digits, lowercase Latin); `base` is `norm` with clitics removed
/// (وبغداد → بغداد, للحكومة → حكومه). `prefix`/`suffix` are the removed
/// clitics in normalised form.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub norm: String,
    pub base: String,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub prefix: String,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub suffix: String,
    /// Byte offsets into `Document::text`, for fast slicing inside the pipeline.
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
}

/// Entity types: ANERcorp's four plus DATE and NUM from rules.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityType {
    PERS,
    LOC,
    ORG,
    MISC,
    DATE,
    NUM,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::PERS => "PERS",
            EntityType::LOC => "LOC",
            EntityType::ORG => "ORG",
            EntityType::MISC => "MISC",
            EntityType::DATE => "DATE",
            EntityType::NUM => "NUM",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PERS" | "PER" => EntityType::PERS,
            "LOC" => EntityType::LOC,
            "ORG" => EntityType::ORG,
            "MISC" => EntityType::MISC,
            "DATE" => EntityType::DATE,
            "NUM" => EntityType::NUM,
            _ => return None,
        })
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Index into `Document::sentences`.
    pub sentence: usize,
    pub confidence: f32,
    /// What found it: "model", "gazetteer", "rule", "actors".
    pub source: String,
}

/// A place mention, resolved to a gazetteer entry when marsad is sure enough.
/// Unresolved mentions keep their span and have `name`, `lat`, `lon`… null.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Place {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// English name of the resolved place.
    pub name: Option<String>,
    pub name_ar: Option<String>,
    pub geonameid: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// ISO 3166 alpha-2, as GeoNames uses it.
    pub country2: Option<String>,
    pub admin1: Option<String>,
    /// city, region, country, river, mountain, desert, …
    pub feature: Option<String>,
    /// How precise the coordinates are: "point", "city", "region", "country", "feature".
    pub precision: Option<String>,
    pub confidence: f32,
    /// For relative locations ("غرب نهر الفرات"): the relation to this place
    /// ("west", "south", "near", …); null for the place itself.
    pub relation: Option<String>,
}

impl Place {
    /// Take `container`'s country, region and coordinates (with their
    /// precision) for a name the gazetteer does not know but the text places
    /// inside a known one ("the town of X, in Y").
    pub fn locate_within(&mut self, container: &Place) {
        self.country = container.country.clone();
        self.country2 = container.country2.clone();
        self.admin1 = container.admin1.clone();
        self.lat = container.lat;
        self.lon = container.lon;
        self.precision = container.precision.clone();
    }
}

/// A temporal expression normalised against the publication date.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct TimeExpr {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// ISO 8601: `2017-12-03`, `2017-12`, `2017`, `2017-W49`, or an interval
    /// `2017-09/2017-12`. Null when nothing can be said without an anchor.
    pub value: Option<String>,
    /// day, week, month, season, year, decade, interval, time, unknown.
    pub precision: String,
    /// The publication date this was resolved against, or null.
    pub anchor: Option<String>,
    /// early, mid, late, before, after, about — for vague expressions.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub modifier: Option<String>,
}

/// A code for a noun phrase: country (ISO alpha-3), CAMEO-style sector,
/// actor type, and an English name.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PhraseCode {
    pub country: Option<String>,
    pub sector: Option<String>,
    pub actor_type: Option<String>,
    pub name: String,
    /// `kb:<id>` when the phrase names a knowledge-base actor.
    pub actor_id: Option<String>,
}

/// Codes a noun phrase as an actor from its words alone. The actors stage
/// owns the knowledge base and provides one; the events stage is given one
/// when the pipeline is built and asks it about the actor and recipient
/// phrases it chooses, so events depends on no other stage's crate.
pub trait PhraseCoder: Send + Sync {
    fn code_phrase(&self, text: &str) -> Option<PhraseCode>;
}

/// An actor mention inside an event, resolved where possible.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ActorRef {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// English name for readers who do not read Arabic.
    pub name: Option<String>,
    pub actor_id: Option<String>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// CAMEO-style sector: GOV, MIL, COP, REB, UAF, OPP, CVL, …
    pub sector: Option<String>,
    /// state forces, rebel group, political militia, identity militia, …
    pub actor_type: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct AcledType {
    pub event_type: String,
    pub sub_event_type: String,
}

/// An event type: PLOVER v2's sixteen, and CHANGE_GROUP for group formation,
/// merger, split and dissolution (ACLED's *Change to group/activity*). Serialised
/// as the upper-case name ("ASSAULT", "CHANGE_GROUP"), as in the JSON output, the
/// store and the exports.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Sanction,
    Protest,
    Mobilize,
    Coerce,
    #[default]
    Assault,
    ChangeGroup,
}

impl EventType {
    /// Every type, in PLOVER's order (CHANGE_GROUP last).
    pub const ALL: [EventType; 17] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Sanction,
        EventType::Protest,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
        EventType::ChangeGroup,
    ];

    /// The name as serialised: "ASSAULT", "CHANGE_GROUP".
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Sanction => "SANCTION",
            EventType::Protest => "PROTEST",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
            EventType::ChangeGroup => "CHANGE_GROUP",
        }
    }

    /// The type named `s` ("ASSAULT"), None for anything else.
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The conflict types ACLED counts as political violence or demonstrations and the
    /// detection model decides on: ASSAULT, COERCE, PROTEST.
    pub fn is_conflict(self) -> bool {
        matches!(self, EventType::Assault | EventType::Coerce | EventType::Protest)
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for EventType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EventType::parse(s).ok_or_else(|| format!("unknown event type {s:?} (one of {})", EventType::ALL.map(|t| t.as_str()).join(", ")))
    }
}

impl PartialEq<str> for EventType {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for EventType {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for EventType {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

/// One event reported in one sentence, coded in PLOVER and mapped to ACLED.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Event {
    /// PLOVER event type (ASSAULT, PROTEST, …) or CHANGE_GROUP for group
    /// formation, merger and split.
    #[serde(rename = "type")]
    pub kind: EventType,
    pub mode: Option<String>,
    /// PLOVER quad class: verbal-cooperation, material-cooperation,
    /// verbal-conflict, material-conflict.
    pub quad: Option<String>,
    pub acled: Option<AcledType>,
    pub actor: Option<ActorRef>,
    pub recipient: Option<ActorRef>,
    pub place: Option<Place>,
    pub date: Option<TimeExpr>,
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub arrested: Option<u32>,
    pub negated: bool,
    pub hypothetical: bool,
    pub generic: bool,
    /// The event's date lies long before the article's publication: a
    /// recalled past event, not a new incident (kept out of incidents).
    #[serde(default)]
    pub background: bool,
    pub reported_by: Option<ActorRef>,
    pub trigger: TextSpan,
    pub evidence: Span,
    pub sentence: usize,
    pub confidence: f32,
}

/// The document's topic: the most likely of the classifier's labels (sport,
/// economy, culture, technology, society, politics, local, world, misc) and
/// its probability.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Topic {
    pub label: String,
    pub score: f32,
}

/// A relation between two actors stated in the text.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Relation {
    /// founded_by, member_of, former_member_of, split_from, merged_with,
    /// operates_in, allied_with, leader_of.
    pub relation: String,
    /// `actor_id` of the other actor (or a place name for operates_in).
    pub target: String,
    pub evidence: Span,
}

/// One actor of the document with all its mentions, resolved to the shipped
/// knowledge base where possible.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Actor {
    pub actor_id: String,
    pub name: String,
    pub name_ar: Option<String>,
    /// person, state forces, rebel group, political militia, …
    pub actor_type: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    /// True when the actor is in marsad's knowledge base.
    pub known: bool,
    pub aliases: Vec<String>,
    pub mentions: Vec<TextSpan>,
    pub relations: Vec<Relation>,
}

/// A document and everything the pipeline found in it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Document {
    pub id: String,
    pub lang: Lang,
    pub title: Option<String>,
    /// ISO date (YYYY-MM-DD) or null when unknown.
    pub published: Option<String>,
    /// Where it came from: a path, a feed URL, an outlet name.
    pub source: Option<String>,
    pub text: String,
    pub sentences: Vec<Sentence>,
    /// Only in the output when asked for (`--tokens`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tokens: Vec<Token>,
    pub entities: Vec<Entity>,
    pub places: Vec<Place>,
    pub times: Vec<TimeExpr>,
    pub events: Vec<Event>,
    pub actors: Vec<Actor>,
    /// What the article is about, from the learned topic classifier (null
    /// when no stage set it, or when it cannot tell, e.g. for English).
    #[serde(default)]
    pub topic: Option<Topic>,
    /// byte offset of each char, plus text.len() at the end; rebuilt on demand.
    #[serde(skip)]
    char_bytes: Vec<u32>,
    /// The topic model's class probabilities, left by the topic stage for
    /// the detect stage, which reads them too (issue 12: computed once), with
    /// the key of the tokens they were computed from (`marsad-detect` checks
    /// it and computes them afresh when it does not match). Not part of the
    /// document: not serialised, and equal whatever it holds.
    #[serde(skip)]
    pub topic_probs: Scratch<([usize; 4], Option<Vec<f32>>)>,
}

/// A value one stage leaves on a [`Document`] for a later one. Not part of
/// the document's content: any two compare equal, so documents compare as
/// they did without it, and its `Debug` shows no value.
#[derive(Clone, Default)]
pub struct Scratch<T>(pub Option<T>);

impl<T> PartialEq for Scratch<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Scratch<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

/// The width in bytes of a UTF-8 char by its first byte (continuation
/// bytes never start a char of a valid `str`, so their entry is unused).
static UTF8_WIDTH: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut b = 0xC0;
    while b < 256 {
        t[b] = if b < 0xE0 {
            2
        } else if b < 0xF0 {
            3
        } else {
            4
        };
        b += 1;
    }
    t
};

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let mut d = Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        };
        d.index();
        d
    }

    /// (Re)build the char→byte index; call after changing `text` or after
    /// deserialising.
    ///
    /// Issue 12 (fifteenth pass): the index is built twice per document
    /// (here from [`Document::new`], and again by the text stage, which
    /// cannot know that `text`, a public field, did not change in between),
    /// ≈ 27,000 instructions each on a long article through `char_indices`,
    /// which decodes every char. A `String` is valid UTF-8, so a char's
    /// width is read off its first byte alone: one table load and one store
    /// per char, written into the vector's reserved capacity (neither
    /// `push`'s capacity test per char nor a zeroing `memset` first, which
    /// callgrind counts a byte at a time: 9 M of the first form's 20.5 M on
    /// 400 long articles). Test `index_is_char_indices` (against
    /// `char_indices` on texts of every width).
    pub fn index(&mut self) {
        let bytes = self.text.as_bytes();
        let idx = &mut self.char_bytes;
        idx.clear();
        // one slot per byte at most, plus the end
        idx.reserve(bytes.len() + 1);
        let slots = &mut idx.spare_capacity_mut()[..bytes.len() + 1];
        let mut n = 0;
        let mut b = 0;
        while b < bytes.len() {
            slots[n].write(b as u32);
            n += 1;
            b += UTF8_WIDTH[bytes[b] as usize] as usize;
        }
        slots[n].write(bytes.len() as u32);
        // SAFETY: slots 0..=n were written just above, and the vector's
        // capacity holds bytes.len() + 1 >= n + 1 of them.
        unsafe { idx.set_len(n + 1) };
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        if self.char_bytes.is_empty() {
            self.text.chars().count()
        } else {
            self.char_bytes.len() - 1
        }
    }

    /// Byte offset of a char offset (clamped to the end of the text).
    #[inline]
    pub fn byte_of(&self, char_idx: usize) -> usize {
        if self.char_bytes.is_empty() {
            return self
                .text
                .char_indices()
                .nth(char_idx)
                .map(|(b, _)| b)
                .unwrap_or(self.text.len());
        }
        let i = char_idx.min(self.char_bytes.len() - 1);
        self.char_bytes[i] as usize
    }

    /// Char offset of a byte offset (which must be on a char boundary).
    pub fn char_of(&self, byte_idx: usize) -> usize {
        if self.char_bytes.is_empty() {
            return self.text[..byte_idx.min(self.text.len())].chars().count();
        }
        match self.char_bytes.binary_search(&(byte_idx as u32)) {
            Ok(i) => i,
            Err(i) => i,
        }
    }

    /// The text of a char span.
    #[inline]
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let (s, e) = (self.byte_of(start), self.byte_of(end));
        &self.text[s..e.max(s)]
    }

    /// Index of the sentence containing char offset `pos` (0 when none).
    pub fn sentence_at(&self, pos: usize) -> usize {
        match self.sentences.binary_search_by(|s| {
            if s.end <= pos {
                std::cmp::Ordering::Less
            } else if s.start > pos {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1).min(self.sentences.len().saturating_sub(1)),
        }
    }

    /// Tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.sentences.get(i) {
            Some(s) if s.end_token <= self.tokens.len() => &self.tokens[s.first_token..s.end_token],
            _ => &[],
        }
    }
}

/// A pipeline stage: adds one kind of annotation to a document.
///
/// A stage may say which parts of the [`Document`] it reads ([`requires`])
/// and which it writes ([`assigns`]), by the names of [`Document::PARTS`];
/// the pipeline checks, when it is built, that every part a stage requires
/// is assigned by an earlier one. Both default to nothing, so a stage that
/// declares nothing is never refused.
///
/// [`requires`]: Stage::requires
/// [`assigns`]: Stage::assigns
pub trait Stage: Send + Sync {
    /// Short name, e.g. "text", "entities", "places".
    fn name(&self) -> &'static str;
    fn annotate(&self, doc: &mut Document);
    /// Parts of the document this stage reads (e.g. `["tokens", "entities"]`).
    fn requires(&self) -> &'static [&'static str] {
        &[]
    }
    /// Parts of the document this stage writes (e.g. `["places"]`).
    fn assigns(&self) -> &'static [&'static str] {
        &[]
    }
}

impl Document {
    /// The parts of a document that stages annotate, as named in
    /// [`Stage::requires`] and [`Stage::assigns`]. `lang`, `sentences` and
    /// `tokens` come from the text stage; the others are the fields of the
    /// same names.
    pub const PARTS: &'static [&'static str] =
        &["lang", "sentences", "tokens", "topic", "entities", "places", "times", "actors", "events"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_slice_like_python() {
        let d = Document::new("x", "في بغداد today");
        assert_eq!(d.char_len(), 14);
        assert_eq!(d.slice(3, 8), "بغداد");
        assert_eq!(d.slice(9, 14), "today");
        assert_eq!(d.char_of(d.byte_of(9)), 9);
    }

    /// The char → byte index is `char_indices` plus the text's length, for
    /// texts with chars of one to four bytes in any order (the table read
    /// of `index` replaces the decoding of `char_indices`).
    #[test]
    fn index_is_char_indices() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "a".into(),
            "في بغداد today".into(),
            "é€😀a\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{80}".into(),
            "قُتِلَ ٣ أشخاص، «والله» 12.5% — ok ﷲ ﻻ".into(),
        ];
        // every char width in every position: a pseudo-random walk
        let pool = ['a', ' ', 'é', 'ب', '€', 'ﻻ', '😀', '\u{10FFFF}', '\u{80}', '\u{7FF}'];
        let mut x: u32 = 12345;
        for len in 0..200 {
            let mut s = String::new();
            for _ in 0..len {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                s.push(pool[(x >> 16) as usize % pool.len()]);
            }
            texts.push(s);
        }
        for t in texts {
            let mut d = Document::new("x", t.clone());
            let mut want: Vec<u32> = t.char_indices().map(|(b, _)| b as u32).collect();
            want.push(t.len() as u32);
            assert_eq!(d.char_bytes, want, "{t:?}");
            // again on a used index, after the text changed
            d.text = format!("{t}ب😀");
            d.index();
            let mut want: Vec<u32> = d.text.char_indices().map(|(b, _)| b as u32).collect();
            want.push(d.text.len() as u32);
            assert_eq!(d.char_bytes, want);
        }
    }

    #[test]
    fn event_types_serialise_as_their_upper_case_names() {
        for t in EventType::ALL {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(serde_json::from_str::<EventType>(&json).unwrap(), t);
            assert_eq!(t.as_str().parse::<EventType>(), Ok(t));
        }
        assert_eq!(EventType::ChangeGroup.as_str(), "CHANGE_GROUP");
        assert!("attack".parse::<EventType>().is_err());
        assert!(serde_json::from_str::<EventType>("\"ATTACK\"").is_err());
    }

    #[test]
    fn sentence_lookup() {
        let mut d = Document::new("x", "أ. ب.");
        d.sentences = vec![
            Sentence { start: 0, end: 2, lang: Lang::Ar, first_token: 0, end_token: 0 },
            Sentence { start: 3, end: 5, lang: Lang::Ar, first_token: 0, end_token: 0 },
        ];
        assert_eq!(d.sentence_at(0), 0);
        assert_eq!(d.sentence_at(4), 1);
        assert_eq!(d.sentence_at(2), 0);
    }
}
