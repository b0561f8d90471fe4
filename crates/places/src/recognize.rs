//! Toponym recognition (gazetteer matching over tokens, with Arabic clitics
//! and multi-word names, plus the entity tagger's LOC spans) and resolution
//! (one entry per mention, chosen with document context).

use crate::gazetteer::{prior, Candidate, Entry, Gazetteer};
use marsad_core::{Document, EntityType, Place, Token, TokenKind};
use marsad_text::memo::Memo;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::OnceLock;

static STOPLIST: &str = include_str!("../data/stoplist.txt");
static STOPLIST_AUTO: &str = include_str!("../data/stoplist_auto.txt");

fn stoplist() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        STOPLIST
            .lines()
            .chain(STOPLIST_AUTO.lines())
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(crate::gazetteer::name_key)
            .collect()
    })
}

/// Words before a name that say "this is a place" (normalised).
const CUES_AR: &[&str] = &[
    "مدينه", "بلده", "قريه", "محافظه", "منطقه", "ناحيه", "قضاء", "حي", "مخيم", "ولايه", "اقليم", "عاصمه", "العاصمه",
    "مدن", "بلدات", "قري", "مناطق", "مطار", "معبر", "ميناء", "جزيره", "جبل", "نهر", "سهل", "وادي", "ريف",
];
const CUES_EN: &[&str] = &["in", "near", "city", "town", "village", "province", "outside", "from", "to", "at", "of"];

/// Cues strong enough to take a common word as a place (مدينة العمارة).
const STRONG_CUES: &[&str] = &["مدينه", "بلده", "قريه", "محافظه", "ناحيه", "قضاء", "مخيم", "ميناء", "مطار", "جزيره", "عاصمه", "معبر"];
/// Prepositions after which a nisba form is more likely the country (في سورية).
const PREPS: &[&str] = &["في", "من", "الي", "علي", "عن", "مع", "بين", "حول", "داخل", "نحو", "ضد", "شمال", "جنوب", "شرق", "غرب", "وسط"];

/// Latin words allowed in lower case inside a multi-word name.
const CONNECTORS: &[&str] = &["of", "al", "el", "ez", "es", "as", "ad", "ar", "at", "an", "ash", "az", "de", "la", "le", "du", "the", "and", "-", "'", "."];

#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    tok_start: usize,
    sentence: usize,
    cands: Vec<Candidate>,
    from_entity: bool,
    cue: bool,
    relation: Option<&'static str>,
}

fn is_word(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Arabic | TokenKind::Latin)
}

/// Char offset inside the token's surface after `skip` normalised chars.
fn surface_offset(doc: &Document, t: &Token, skip: usize) -> usize {
    if skip == 0 {
        return t.start;
    }
    let surf = doc.slice(t.start, t.end);
    let mut kept = 0;
    for (i, c) in surf.chars().enumerate() {
        if kept == skip {
            return t.start + i;
        }
        if marsad_text::normalize::normalize_char(c).is_some() {
            kept += 1;
        }
    }
    t.end
}

/// Clitic candidates of one token: (key, normalised chars of proclitic to
/// skip). An Arabic token's are slices of `shared`, its clitic readings
/// (`candidates_shared`), a Latin token's slices of its `norm`: no copies.
fn token_candidates<'a>(kind: TokenKind, norm: &'a str, shared: &'a [String]) -> Vec<(&'a str, usize)> {
    let n = norm.chars().count();
    match kind {
        TokenKind::Arabic => {
            let mut out: Vec<(&str, usize)> = Vec::with_capacity(shared.len());
            for c in shared {
                let skip = if norm.ends_with(c.as_str()) {
                    n - c.chars().count()
                } else if let Some(rest) = c.strip_prefix("ال") {
                    // لل = ل + ال with its alef elided: the span keeps "لل"
                    // (للعراق, not عراق)
                    (n - rest.chars().count()).saturating_sub(2)
                } else {
                    continue;
                };
                // a stripped form must keep at least 3 letters
                if skip > 0 && c.chars().count() < 3 {
                    continue;
                }
                out.push((c.as_str(), skip));
            }
            out.sort_by_key(|(_, s)| *s);
            out
        }
        TokenKind::Latin => {
            let mut out = Vec::with_capacity(2);
            out.push((norm, 0));
            for s in ["'s", "’s"] {
                if let Some(b) = norm.strip_suffix(s) {
                    out.push((b, 0));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// What the gazetteer says of a word's clitic readings
/// ([`token_candidates`]): those that are a name or begin a longer one, in
/// the order the recogniser tries them (a reading that is neither matches
/// nothing, alone or run on into the next words), and the country
/// adjective of the first reading that is one. An Arabic word's depends on
/// its normalised form only, so it is found once per thread
/// ([`arabic_probe`]): the recogniser hashed every reading of every word
/// twice (names, adjectives) at each occurrence.
#[derive(Debug, Clone, PartialEq)]
struct WordProbe {
    readings: Vec<Reading>,
    adj: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
struct Reading {
    key: String,
    /// normalised chars of proclitic left out of the span
    skip: usize,
    /// the key's candidates ([`Gazetteer::probe_range`])
    hits: (u32, u32),
    /// the key begins a longer name
    prefix: bool,
}

/// The [`WordProbe`] of a token of this kind and normalised form
/// (`shared`: an Arabic token's clitic readings, `candidates_shared(norm)`).
fn word_probe(gaz: &Gazetteer, kind: TokenKind, norm: &str, shared: &[String]) -> WordProbe {
    let cands = token_candidates(kind, norm, shared);
    let mut readings = Vec::new();
    for &(c, skip) in &cands {
        let (hits, prefix) = gaz.probe_range(c);
        if hits.1 > 0 || prefix {
            readings.push(Reading { key: c.to_string(), skip, hits, prefix });
        }
    }
    let adj = if kind == TokenKind::Arabic {
        cands.iter().find_map(|(c, _)| gaz.adjective_key(c))
    } else {
        gaz.adjective_key(norm).or_else(|| cands.iter().find_map(|(c, _)| gaz.adjective_key(c)))
    };
    WordProbe { readings, adj }
}

/// The [`WordProbe`] of an Arabic token whose normalised form is `norm`,
/// remembered per thread (at most `2 × 16,384` words, for one gazetteer
/// at a time: another gazetteer empties the memo).
fn arabic_probe(gaz: &Gazetteer, norm: &str) -> Rc<WordProbe> {
    thread_local! {
        static MEMO: RefCell<(u64, Memo<Rc<WordProbe>>)> = RefCell::new((0, Memo::new(1 << 14)));
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.0 != gaz.id {
            *m = (gaz.id, Memo::new(1 << 14));
        } else if let Some(p) = m.1.get(norm) {
            return p;
        }
        let p = Rc::new(word_probe(gaz, TokenKind::Arabic, norm, &marsad_text::clitics::candidates_shared(norm)));
        m.1.insert(norm, Rc::clone(&p));
        p
    })
}

/// The longest gazetteer name that starts at word `i` (up to token `hi`,
/// the sentence's end), then the one with the least clitic stripping: its
/// length in tokens, the proclitic chars skipped, its candidates and key;
/// and the word's country adjective. `key` is a buffer.
fn best_match<'g>(gaz: &'g Gazetteer, doc: &Document, i: usize, hi: usize, key: &mut String) -> (Option<(usize, usize, &'g [Candidate], String)>, Option<usize>) {
    let toks = &doc.tokens;
    let t = &toks[i];
    let latin = t.kind == TokenKind::Latin;
    // the readings the gazetteer knows (an Arabic word's found once per
    // thread, a Latin word's here)
    let memo: Rc<WordProbe>;
    let local: WordProbe;
    let wp: &WordProbe = if t.kind == TokenKind::Arabic {
        memo = arabic_probe(gaz, &t.norm);
        &memo
    } else {
        local = word_probe(gaz, t.kind, &t.norm, &[]);
        &local
    };
    // longest match, then least clitic stripping
    let mut best: Option<(usize, usize, &[Candidate], String)> = None; // (ntoks, skip, hits, key)
    for r in &wp.readings {
        let skip = r.skip;
        key.clear();
        key.push_str(&r.key);
        let mut j = i + 1;
        // the reading's own look-up, from the probe
        let (mut hits, mut prefix) = (gaz.hits_in(r.hits), r.prefix);
        loop {
            if !hits.is_empty() {
                let n = j - i;
                let better = match &best {
                    None => true,
                    Some((bn, bs, _, _)) => n > *bn || (n == *bn && skip < *bs),
                };
                if better {
                    best = Some((n, skip, hits, key.clone()));
                }
            }
            if j >= hi || j - i >= gaz.max_words || !prefix {
                break;
            }
            // English names do not run on into lower-case words
            let nx = &toks[j];
            if latin && nx.kind == TokenKind::Latin && !capitalised(doc, nx) && !CONNECTORS.contains(&nx.norm.as_str()) {
                break;
            }
            key.push(' ');
            key.push_str(&toks[j].norm);
            j += 1;
            // the key's candidates and whether it begins a longer name, hashed once
            (hits, prefix) = gaz.probe(key);
        }
    }
    (best, wp.adj)
}

fn capitalised(doc: &Document, t: &Token) -> bool {
    doc.slice(t.start, t.end).chars().next().map_or(false, |c| c.is_uppercase())
}

/// A direction or "near" word without its conjunction or preposition
/// (وغرب، بمحيط).
fn strip_conj(w: &str) -> &str {
    marsad_text::clitics::strip_first_proclitic(w, &["و", "ف", "ب"], 3)
}

/// A tagger LOC of one word that is a place cue or a direction in construct
/// (ريف in ريف درعا, منطقة, شمال, محيط; behind و/ب/ل/ف, never with ال:
/// الريف is also the Rif) governs the name after it and names no place of
/// its own: kept, it became an unresolved place of its own, and the events
/// stage an incident of its own (ريف beside درعا). `first` is the token the
/// entity starts at and `end` the entity's end.
fn governs_a_name(toks: &[Token], first: usize, end: usize) -> bool {
    let Some(t) = toks.get(first) else { return false };
    if t.end != end || t.kind != TokenKind::Arabic {
        return false;
    }
    let governs = |w: &str| !w.starts_with("ال") && (CUES_AR.contains(&w) || dir_ar(w).is_some() || near_ar(w) || matches!(w, "وسط" | "باديه" | "ارياف"));
    // as written (وادي), then without a conjunction, then without a preposition too (وبريف)
    let conj = marsad_text::clitics::strip_first_proclitic(&t.norm, &["و", "ف", "ب", "ل"], 2);
    let prep = marsad_text::clitics::strip_first_proclitic(conj, &["ب", "ل"], 2);
    governs(&t.norm) || governs(conj) || governs(prep)
}

fn dir_ar(w: &str) -> Option<&'static str> {
    Some(match strip_conj(w) {
        "غرب" | "غربي" => "west",
        "شرق" | "شرقي" => "east",
        "شمال" | "شمالي" => "north",
        "جنوب" | "جنوبي" => "south",
        _ => return None,
    })
}

fn near_ar(w: &str) -> bool {
    matches!(strip_conj(w), "قرب" | "محيط" | "اطراف" | "ضواحي" | "مشارف" | "تخوم" | "بالقرب")
}

fn dir_en(w: &str) -> Option<&'static str> {
    Some(match w {
        "west" | "western" => "west",
        "east" | "eastern" => "east",
        "north" | "northern" => "north",
        "south" | "southern" => "south",
        "northwest" | "northwestern" => "northwest",
        "northeast" | "northeastern" => "northeast",
        "southwest" | "southwestern" => "southwest",
        "southeast" | "southeastern" => "southeast",
        _ => return None,
    })
}

fn combine(a: &'static str, b: &'static str) -> Option<&'static str> {
    Some(match (a, b) {
        ("north", "west") => "northwest",
        ("north", "east") => "northeast",
        ("south", "west") => "southwest",
        ("south", "east") => "southeast",
        _ => return None,
    })
}

/// The relation expressed by the words just before token `i` (same sentence,
/// from `lo`), and whether a place cue precedes.
fn context_before(doc: &Document, i: usize, lo: usize) -> (Option<&'static str>, bool) {
    let toks = &doc.tokens;
    let w = |k: usize| -> Option<&str> {
        if i >= lo + k && i >= k {
            Some(toks[i - k].norm.as_str())
        } else {
            None
        }
    };
    let w1 = w(1).unwrap_or("");
    let w2 = w(2).unwrap_or("");
    let w3 = w(3).unwrap_or("");
    let is_cue = CUES_AR.contains(&strip_conj(w1)) || CUES_AR.contains(&w1) || CUES_EN.contains(&w1);
    // Arabic: [شمال] غرب X ; قرب X ; بالقرب من X
    if let Some(d1) = dir_ar(w1) {
        if let Some(d2) = dir_ar(w2) {
            if let Some(c) = combine(d2, d1) {
                return (Some(c), true);
            }
        }
        return (Some(d1), true);
    }
    if near_ar(w1) || (w1 == "من" && (near_ar(w2) || w2 == "قريبا" || w2 == "بالقرب")) {
        return (Some("near"), true);
    }
    // English: west of X ; north - west of X ; near X ; northern X
    if w1 == "of" {
        if let Some(d) = dir_en(w2) {
            if w3 == "-" || dir_en(w3).is_some() {
                let w4 = if i >= lo + 4 && i >= 4 { toks[i - 4].norm.as_str() } else { "" };
                let first = if w3 == "-" { w4 } else { w3 };
                if let Some(c) = dir_en(first).and_then(|a| combine(a, d)) {
                    return (Some(c), true);
                }
            }
            return (Some(d), true);
        }
        if w2 == "outskirts" || w2 == "outside" {
            return (Some("near"), true);
        }
    }
    if matches!(w1, "near" | "outside") {
        return (Some("near"), true);
    }
    if w1.ends_with("ern") {
        if let Some(d) = dir_en(w1) {
            return (Some(d), true);
        }
    }
    (None, is_cue)
}

/// Is an entry important enough to be accepted from a bare gazetteer match?
/// `stripped` says a one-letter proclitic had to be removed (وكركوك).
fn significant(e: &Entry, latin: bool, stripped: bool) -> bool {
    if e.curated || e.capital || e.feature == "country" {
        return true;
    }
    // GeoNames' alternate names include many common words: demand size.
    let min = if latin {
        100_000
    } else if crate::is_mena(e.country2) {
        if stripped { 200_000 } else { 50_000 }
    } else {
        1_000_000
    };
    e.population >= min
}

/// Find and resolve the place mentions of a document (which must have gone
/// through the text stage; LOC entities are used when present).
pub fn find_places(gaz: &Gazetteer, doc: &Document) -> Vec<Place> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let stop = stoplist();
    let toks = &doc.tokens;
    // sentence ranges (token indices)
    let mut sents: Vec<(usize, usize)> = doc.sentences.iter().map(|s| (s.first_token, s.end_token.min(toks.len()))).collect();
    if !sents.is_empty() && sents.iter().all(|s| s.1 <= s.0) {
        // token indices not set (a deserialised document): rebuild them from
        // the sentences' char spans
        sents = doc
            .sentences
            .iter()
            .map(|s| {
                let a = toks.partition_point(|t| t.start < s.start);
                let b = toks.partition_point(|t| t.start < s.end);
                (a, b)
            })
            .collect();
    }
    if sents.is_empty() {
        sents.push((0, toks.len()));
    }
    // spans the entity tagger gave
    let blocked: Vec<(usize, usize)> = doc
        .entities
        .iter()
        // a person or organisation the tagger is unsure of does not veto a
        // gazetteer match (وديالى tagged PERS at 0.43)
        .filter(|e| matches!(e.kind, EntityType::DATE | EntityType::NUM) || (matches!(e.kind, EntityType::PERS | EntityType::ORG) && e.confidence >= 0.5))
        .map(|e| (e.start, e.end))
        .collect();
    let locs: Vec<(usize, usize)> = doc.entities.iter().filter(|e| e.kind == EntityType::LOC).map(|e| (e.start, e.end)).collect();
    let in_blocked = |s: usize, e: usize| blocked.iter().any(|&(a, b)| a <= s && e <= b && !locs.iter().any(|&(x, y)| x < e && s < y));
    let in_loc = |s: usize, e: usize| locs.iter().any(|&(a, b)| a < e && s < b);

    let mut mentions: Vec<Mention> = Vec::new();
    // the look-up key, one buffer for every token
    let mut key = String::new();
    // country context: alpha-2 → (count, sentences)
    // country context: alpha-2 → [(sentence, mention index or usize::MAX)]
    let mut ctx: HashMap<&'static str, Vec<(usize, usize)>> = HashMap::new();

    for (si, &(lo, hi)) in sents.iter().enumerate() {
        let mut i = lo;
        while i < hi {
            let t = &toks[i];
            if !is_word(t) {
                i += 1;
                continue;
            }
            let latin = t.kind == TokenKind::Latin;
            if latin && !capitalised(doc, t) {
                i += 1;
                continue;
            }
            // the readings the gazetteer knows (an Arabic word's found once
            // per thread, a Latin word's here)
            let (best, adj) = best_match(gaz, doc, i, hi, &mut key);
            // country adjectives (context only, never places)
            if let Some(ci) = adj {
                // سورية is both "Syria" and "Syrian (f.)": a country reading
                // wins after a preposition, a verb (أكدت), a clitic, or at the
                // start of a sentence.
                let definite = {
                    let n = t.norm.trim_start_matches(['و', 'ف', 'ب', 'ك']);
                    n.starts_with("ال") || n.starts_with("لل")
                };
                let country_reading = !definite && best.as_ref().map_or(false, |b| {
                    b.0 == 1
                        && b.2.iter().any(|h| gaz.entry(h.id).feature == "country")
                        && (b.1 > 0 || i == lo || {
                            let p = toks[i - 1].norm.as_str();
                            PREPS.contains(&p) || (p.ends_with('ت') && !p.ends_with("ات")) || toks[i - 1].kind == TokenKind::Punct
                        })
                });
                if !country_reading && best.as_ref().map_or(true, |b| b.0 == 1) {
                    let c = gaz.country_at(ci);
                    ctx.entry(c.alpha2).or_default().push((si, usize::MAX));
                    i += 1;
                    continue;
                }
            }
            let Some((n, skip, hits, key)) = best else {
                i += 1;
                continue;
            };
            let last = &toks[i + n - 1];
            let start = surface_offset(doc, t, skip);
            let mut end = last.end;
            if last.kind == TokenKind::Latin && (last.norm.ends_with("'s") || last.norm.ends_with("’s")) && !key.ends_with("'s") && !key.ends_with("’s") {
                end -= 2; // Jordan's → Jordan
            }
            // English names: every word capitalised but connectors
            if latin && !toks[i..i + n].iter().all(|x| !is_word(x) || capitalised(doc, x) || CONNECTORS.contains(&x.norm.as_str())) {
                i += 1;
                continue;
            }
            if in_blocked(start, end) {
                i += n;
                continue;
            }
            let (relation, cue) = context_before(doc, i, lo);
            let from_entity = in_loc(start, end);
            // two-letter names only as Latin capitals (US, UK)
            let short_ok = latin && doc.slice(start, end).chars().all(|c| c.is_ascii_uppercase());
            let stopped = n == 1 && (stop.contains(&key) || (key.chars().count() < 3 && !short_ok));
            let sig = hits.iter().any(|h| significant(gaz.entry(h.id), latin, skip > 0));
            let strong_cue = i > lo && STRONG_CUES.contains(&strip_conj(&toks[i - 1].norm));
            let accept = if stopped { from_entity || strong_cue } else { sig || from_entity || (cue && !latin) };
            if !accept {
                i += 1;
                continue;
            }
            mentions.push(Mention {
                start,
                end,
                tok_start: i,
                sentence: si,
                cands: hits.to_vec(),
                from_entity,
                cue,
                relation,
            });
            i += n;
        }
    }

    // LOC entities that no gazetteer match covered: look them up whole.
    for e in doc.entities.iter().filter(|e| e.kind == EntityType::LOC) {
        if mentions.iter().any(|m| m.start < e.end && e.start < m.end) || e.end <= e.start {
            continue;
        }
        let tok_start = toks.iter().position(|t| t.start >= e.start).unwrap_or(0);
        if governs_a_name(toks, tok_start, e.end) {
            continue;
        }
        let text = doc.slice(e.start, e.end);
        let ids: Vec<Candidate> = {
            let key = crate::gazetteer::name_key(text);
            let (first, rest) = match key.split_once(' ') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (key.clone(), None),
            };
            let mut v = Vec::new();
            for c in marsad_text::clitics::candidates(&first) {
                let k = match &rest {
                    Some(r) => format!("{c} {r}"),
                    None => c,
                };
                let h = gaz.lookup_key(&k);
                if !h.is_empty() {
                    v = h.to_vec();
                    break;
                }
            }
            v
        };
        let lo = sents.get(e.sentence).map(|s| s.0).unwrap_or(0);
        let (relation, cue) = context_before(doc, tok_start, lo);
        mentions.push(Mention { start: e.start, end: e.end, tok_start, sentence: e.sentence, cands: ids, from_entity: true, cue, relation });
    }
    mentions.sort_by_key(|m| m.start);

    // Context pass 1: countries named, and places whose reading is clear.
    for (mi, m) in mentions.iter().enumerate() {
        if let Some(top) = m.cands.iter().map(|c| gaz.entry(c.id)).max_by(|a, b| prior(a).partial_cmp(&prior(b)).unwrap()) {
            if !top.country2.is_empty() && (top.feature == "country" || top.curated) {
                ctx.entry(top.country2).or_default().push((m.sentence, mi));
            }
        }
    }

    // Pass 2: resolve.
    let mut out = Vec::with_capacity(mentions.len());
    for (mi, m) in mentions.iter().enumerate() {
        let mut scored: Vec<(f64, &Entry)> = m
            .cands
            .iter()
            .map(|c| {
                let e = gaz.entry(c.id);
                let mut s = prior(e);
                if let Some(v) = ctx.get(e.country2) {
                    // other mentions (and adjectives) naming this country
                    let others = v.iter().filter(|x| x.1 != mi).count();
                    if others > 0 {
                        s += 2.0 + (others as f64).ln().min(1.5);
                        if v.iter().any(|x| x.1 != mi && x.0 == m.sentence) {
                            s += 1.0;
                        }
                    }
                }
                (s, e)
            })
            .collect();
        scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        let text = doc.slice(m.start, m.end).to_string();
        let mut p = Place { text, start: m.start, end: m.end, sentence: m.sentence, relation: m.relation.map(str::to_string), ..Default::default() };
        let _ = m.tok_start;
        match scored.first() {
            Some(&(s1, e)) => {
                // the runner-up that is a different place
                let s2 = scored
                    .iter()
                    .skip(1)
                    .find(|(_, o)| km(o.lat, o.lon, e.lat, e.lon) > 50.0 || o.feature != e.feature && o.feature == "country")
                    .map(|x| x.0);
                let margin = s2.map_or(4.0, |s2| s1 - s2);
                let strength = if significant(e, false, false) || m.from_entity || m.cue { 1.0 } else { 0.6 };
                let conf = (0.5 + 0.5 * (1.0 - (-margin / 1.5).exp())) * strength;
                // A minor place in a country that nothing else in the document
                // names, while the document does name other countries: more
                // likely a common word or a namesake (بدارو → Daru, PNG).
                let supported = ctx.get(e.country2).map_or(false, |v| v.iter().any(|x| x.1 != mi));
                let stray = !significant(e, false, false) && !supported && ctx.keys().any(|c| *c != e.country2);
                if conf < 0.35 || stray {
                    // too unsure: keep the span only if the tagger says it is a place
                    if m.from_entity {
                        p.confidence = conf as f32;
                        out.push(p);
                    }
                    continue;
                }
                fill(gaz, &mut p, e);
                p.confidence = (conf as f32).clamp(0.0, 0.99);
            }
            None => {
                p.confidence = 0.3;
            }
        }
        out.push(p);
    }
    out
}

fn fill(gaz: &Gazetteer, p: &mut Place, e: &Entry) {
    p.name = Some(e.name.to_string());
    p.name_ar = (!e.name_ar.is_empty()).then(|| e.name_ar.to_string());
    p.geonameid = (e.geonameid > 0).then_some(e.geonameid);
    p.lat = Some(e.lat);
    p.lon = Some(e.lon);
    if !e.country2.is_empty() {
        p.country2 = Some(e.country2.to_string());
        p.country = gaz.alpha3(e.country2).map(str::to_string);
    }
    p.admin1 = (!e.admin1.is_empty() && matches!(e.feature, "city" | "region")).then(|| format!("{}.{}", e.country2, e.admin1));
    p.feature = Some(e.feature.to_string());
    p.precision = Some(e.precision().to_string());
}

/// Great-circle distance in km.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// Run the places stage on a document.
pub fn annotate(doc: &mut Document) {
    doc.places = find_places(Gazetteer::global(), doc);
}

#[cfg(test)]
mod probe_memo_tests {
    use super::*;

    /// The recogniser's match at word `i` as it was found before
    /// [`WordProbe`]: every clitic reading probed at every occurrence, and
    /// the adjectives looked up the same way.
    fn reference_match<'g>(gaz: &'g Gazetteer, doc: &Document, i: usize, hi: usize) -> (Option<(usize, usize, &'g [Candidate], String)>, Option<usize>) {
        let toks = &doc.tokens;
        let t = &toks[i];
        let latin = t.kind == TokenKind::Latin;
        let shared = (t.kind == TokenKind::Arabic).then(|| marsad_text::clitics::candidates(&t.norm));
        let cands = token_candidates(t.kind, &t.norm, shared.as_deref().unwrap_or(&[]));
        let mut best: Option<(usize, usize, &[Candidate], String)> = None;
        let mut key = String::new();
        for &(c, skip) in &cands {
            key.clear();
            key.push_str(c);
            let mut j = i + 1;
            loop {
                let (hits, prefix) = gaz.probe(&key);
                if !hits.is_empty() {
                    let n = j - i;
                    let better = match &best {
                        None => true,
                        Some((bn, bs, _, _)) => n > *bn || (n == *bn && skip < *bs),
                    };
                    if better {
                        best = Some((n, skip, hits, key.clone()));
                    }
                }
                if j >= hi || j - i >= gaz.max_words || !prefix {
                    break;
                }
                let nx = &toks[j];
                if latin && nx.kind == TokenKind::Latin && !capitalised(doc, nx) && !CONNECTORS.contains(&nx.norm.as_str()) {
                    break;
                }
                key.push(' ');
                key.push_str(&toks[j].norm);
                j += 1;
            }
        }
        let adj = if t.kind == TokenKind::Arabic {
            cands.iter().find_map(|(c, _)| gaz.adjective_key(c))
        } else {
            gaz.adjective_key(&t.norm).or_else(|| cands.iter().find_map(|(c, _)| gaz.adjective_key(c)))
        };
        (best, adj)
    }

    fn texts() -> Vec<String> {
        let mut texts = vec![
            "قصفت الطائرات جبال حمرين وبغداد والموصل وللعراق وجبل لبنان في الشرق الأوسط، وقال السوري إن سورية والسورية. Clashes in New York and Baghdad's Jordan's streets of New Mexico.".to_string(),
        ];
        texts.extend(marsad_core::sample::shared_corpus_texts(300));
        texts
    }

    /// [`best_match`] (readings from the per-thread [`WordProbe`] memo) is
    /// the reference at every word of the corpus's first 300 articles, on
    /// a cold memo and on a warm one, and after another gazetteer used it.
    #[test]
    fn word_probes_match_the_reference() {
        let gaz = Gazetteer::global();
        let texts = texts();
        let (mut words, mut matched, mut adjs) = (0usize, 0usize, 0usize);
        for pass in 0..2 {
            for text in &texts {
                let mut d = Document::new("t", text);
                marsad_text::annotate(&mut d);
                let hi = d.tokens.len();
                let mut key = String::new();
                for i in 0..hi {
                    if !is_word(&d.tokens[i]) {
                        continue;
                    }
                    let got = best_match(gaz, &d, i, hi, &mut key);
                    let want = reference_match(gaz, &d, i, hi);
                    let ids = |b: &Option<(usize, usize, &[Candidate], String)>| b.as_ref().map(|(n, s, h, k)| (*n, *s, h.to_vec(), k.clone()));
                    assert_eq!(ids(&got.0), ids(&want.0), "{}", d.tokens[i].norm);
                    assert_eq!(got.1, want.1, "{}", d.tokens[i].norm);
                    if pass == 0 {
                        words += 1;
                        matched += want.0.is_some() as usize;
                        adjs += want.1.is_some() as usize;
                    }
                }
            }
        }
        // the check met names and adjectives
        assert!(matched > 10 && adjs > 0, "{words} words, {matched} matches, {adjs} adjectives");
        if texts.len() > 1 {
            assert!(matched > 1000, "{words} words, {matched} matches");
        }
        // a memo of another gazetteer's ranges is not used
        let other = Gazetteer::load_text();
        let mut d = Document::new("t", &texts[0]);
        marsad_text::annotate(&mut d);
        let hi = d.tokens.len();
        let mut key = String::new();
        for g in [gaz, &other, gaz] {
            for i in (0..hi).filter(|&i| is_word(&d.tokens[i])) {
                let ids = |b: &Option<(usize, usize, &[Candidate], String)>| b.as_ref().map(|(n, s, h, k)| (*n, *s, h.to_vec(), k.clone()));
                assert_eq!(ids(&best_match(g, &d, i, hi, &mut key).0), ids(&reference_match(g, &d, i, hi).0));
            }
        }
    }
}
