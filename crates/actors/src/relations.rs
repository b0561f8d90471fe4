//! Relations between actors stated in the text, found with cue words within
//! one sentence: founded by (تشكلت/تأسست … من قبل X و Y; أسس X الجماعة;
//! formed by), member / former member of (عضو سابق في; من قادة G، X),
//! leader of (زعيم G), split from (انشقت عن), merged with (اندمجت مع),
//! allied with (الموالية لـ، المتحالفة مع، مدعومة من), operates in (تنشط في). The relation is stored on the first actor; its
//! `target` is the other actor's `actor_id` (or a place name).

use marsad_core::{Actor, Document, Relation, Span, Token, TokenKind};
use marsad_text::StrMap;
use std::sync::OnceLock;

const FORM_PASSIVE: &[&str] = &["تشكلت", "تاسست", "انشيت", "تكونت", "formed", "founded", "established", "created"];
const FORM_ACTIVE: &[&str] = &["اسس", "اسسها", "اسسه", "اسسوا", "شكل", "شكلها", "شكلوا", "انشا", "انشاها", "اسست", "شكلت"];
const BY: &[&str] = &["قبل", "يد", "by"];
const MEMBER: &[&str] = &["عضو", "اعضاء", "قاده", "قيادي", "قياديين", "قياديا", "عناصر", "member", "members", "commander", "commanders", "leaders"];
const LEADER: &[&str] = &["زعيم", "قايد", "امير", "leader", "chief", "head"];
const FORMER: &[&str] = &["سابق", "سابقا", "سابقين", "former", "ex"];
const SPLIT: &[&str] = &["انشقت", "انشق", "انشقوا", "منشقه", "منشق", "انفصلت", "انفصل", "split", "broke", "splinter"];
const MERGE: &[&str] = &["اندمجت", "اندمج", "اندماج", "اندمجا", "merged", "merger"];
const ALLY: &[&str] = &["المتحالفه", "متحالفه", "المتحالف", "متحالف", "حليف", "حليفه", "حلفاء", "الموالي", "المواليه", "مواليه", "الموالين", "مدعومه", "المدعومه", "allied", "ally", "backed", "loyal"];
const OPERATE: &[&str] = &["تنشط", "ينشط", "ينشطون", "تعمل", "يعمل", "تنتشر", "operates", "operate", "active"];

// The cue sets as bits of a per-token mask: a token is in a set when any of
// its keys (clitic candidates and base; the normalised form for non-Arabic
// tokens) is one of the set's words.
const SETS: &[&[&str]] = &[FORM_PASSIVE, FORM_ACTIVE, BY, MEMBER, LEADER, FORMER, SPLIT, MERGE, ALLY, OPERATE];
const M_FORM_PASSIVE: u16 = 1 << 0;
const M_FORM_ACTIVE: u16 = 1 << 1;
const M_BY: u16 = 1 << 2;
const M_MEMBER: u16 = 1 << 3;
const M_LEADER: u16 = 1 << 4;
const M_FORMER: u16 = 1 << 5;
const M_SPLIT: u16 = 1 << 6;
const M_MERGE: u16 = 1 << 7;
const M_ALLY: u16 = 1 << 8;
const M_OPERATE: u16 = 1 << 9;
/// The sets whose words start a relation (a sentence without one is skipped).
const M_TRIGGERS: u16 = M_FORM_PASSIVE | M_FORM_ACTIVE | M_MEMBER | M_LEADER | M_SPLIT | M_MERGE | M_OPERATE | M_ALLY;

/// The cue words with their set bits, behind a [`marsad_text::HeadBits`] of
/// the same words: every reading of every word of a sentence with two actors
/// is asked, and almost none is a cue.
fn cue_words() -> &'static (marsad_text::HeadBits, StrMap<u16>) {
    static W: OnceLock<(marsad_text::HeadBits, StrMap<u16>)> = OnceLock::new();
    W.get_or_init(|| {
        let mut m = StrMap::default();
        for (k, set) in SETS.iter().enumerate() {
            for w in set.iter() {
                *m.entry(w.to_string()).or_insert(0) |= 1 << k;
            }
        }
        (marsad_text::HeadBits::of(SETS.iter().flat_map(|s| s.iter().copied())), m)
    })
}

/// The cue-set mask of token `t`, whose matcher candidates are `cc` (for an
/// Arabic token: its clitic candidates and base).
fn mask(t: &Token, cc: &crate::matcher::Cands) -> u16 {
    let (heads, w) = cue_words();
    let get = |k: &str| if heads.may_contain(k) { w.get(k).copied().unwrap_or(0) } else { 0 };
    if t.kind == TokenKind::Arabic {
        let (list, extra) = cc.parts();
        list.iter().chain(extra).fold(0, |m, k| m | get(k))
    } else {
        get(&t.norm)
    }
}

/// [`mask`] as it was (the plain map, the flattening iterator): the
/// reference of `mask_is_the_plain_look_up`.
#[cfg(test)]
fn mask_plain(t: &Token, cc: &crate::matcher::Cands) -> u16 {
    let (_, w) = cue_words();
    let get = |k: &str| w.get(k).copied().unwrap_or(0);
    if t.kind == TokenKind::Arabic {
        cc.iter().fold(0, |m, k| m | get(k))
    } else {
        get(&t.norm)
    }
}


fn group_like(a: &Actor) -> bool {
    match a.actor_type.as_deref() {
        Some(t) => {
            t.contains("group") || t.contains("militia") || t.contains("party") || t == "organisation" || t == "rebel group"
        }
        None => false,
    }
}

fn push(actors: &mut [Actor], from: usize, relation: &str, target: String, ev: Span) {
    let a = &mut actors[from];
    if a.actor_id == target {
        return;
    }
    if !a.relations.iter().any(|r| r.relation == relation && r.target == target) {
        a.relations.push(Relation { relation: relation.to_string(), target, evidence: ev });
    }
}

/// Fill `relations` of the actors from cue words in each sentence.
/// `cc` holds the matcher candidates of every token (`matcher::cands`).
pub fn extract_with(doc: &Document, actors: &mut [Actor], cc: &[crate::matcher::Cands]) {
    // (token start idx, token end idx, actor idx), in order
    let mut ms: Vec<(usize, usize, usize)> = Vec::new();
    for (ai, a) in actors.iter().enumerate() {
        for m in &a.mentions {
            let ts = doc.tokens.partition_point(|t| t.end <= m.start);
            let te = doc.tokens.partition_point(|t| t.start < m.end);
            if ts < te {
                ms.push((ts, te, ai));
            }
        }
    }
    ms.sort();
    let is_person: Vec<bool> = actors.iter().map(|a| a.actor_type.as_deref() == Some("person")).collect();
    let is_group: Vec<bool> = actors.iter().map(group_like).collect();
    let ids: Vec<String> = actors.iter().map(|a| a.actor_id.clone()).collect();
    let mut pending: Vec<(usize, &'static str, String, Span)> = Vec::new();
    for s in &doc.sentences {
        let (first, end) = (s.first_token, s.end_token.min(doc.tokens.len()));
        let ev = Span::new(s.start, s.end);
        let lo = ms.partition_point(|m| m.0 < first);
        let hi = ms.partition_point(|m| m.0 < end);
        let here: Vec<(usize, usize, usize)> = ms[lo..hi].iter().copied().filter(|m| m.1 <= end).collect();
        if here.is_empty() {
            continue;
        }
        let toks = &doc.tokens;
        let masks: Vec<u16> = (first..end).map(|k| mask(&toks[k], &cc[k])).collect();
        if !masks.iter().any(|m| m & M_TRIGGERS != 0) {
            continue;
        }
        let is = |k: usize, set: u16| masks[k - first] & set != 0;
        let person = |ai: usize| is_person[ai];
        let group = |ai: usize| is_group[ai];
        for p in first..end {
            // formation
            let passive = is(p, M_FORM_PASSIVE);
            let active = !passive && is(p, M_FORM_ACTIVE);
            if passive || active {
                let by = (p + 1..end).find(|&k| is(k, M_BY));
                let (grp, founders): (Option<usize>, Vec<usize>) = if passive {
                    let g = here.iter().rev().find(|m| m.1 <= p && group(m.2)).or(here.iter().find(|m| m.0 > p && group(m.2) && by.map_or(true, |b| m.0 < b))).map(|m| m.2);
                    let f = match by {
                        Some(b) => here.iter().filter(|m| m.0 > b && person(m.2)).map(|m| m.2).collect(),
                        None => Vec::new(),
                    };
                    (g, f)
                } else {
                    let g = here.iter().find(|m| m.0 > p && group(m.2)).map(|m| m.2);
                    let mut f: Vec<usize> = here.iter().filter(|m| m.1 <= p && person(m.2)).map(|m| m.2).collect();
                    if f.is_empty() {
                        // VSO: أسس خالد المرادي الجماعة
                        f = here.iter().filter(|m| m.0 > p && person(m.2)).map(|m| m.2).collect();
                    }
                    (g, f)
                };
                if let Some(g) = grp {
                    for f in founders {
                        pending.push((g, "founded_by", ids[f].clone(), ev));
                    }
                }
            }
            // membership and leadership: "X، عضو سابق في G", "من قادة G، X"
            let member = is(p, M_MEMBER);
            let leader = !member && is(p, M_LEADER);
            if member || leader {
                let former = (p + 1..(p + 3).min(end)).any(|k| is(k, M_FORMER)) || (p > first && is(p - 1, M_FORMER));
                let Some(&(gs, ge, g)) = here.iter().find(|m| m.0 >= p && m.0 <= p + 3 && group(m.2)) else { continue };
                let _ = gs;
                let rel = if leader { "leader_of" } else if former { "former_member_of" } else { "member_of" };
                // the person just before the cue (X، وهو عضو سابق في G)…
                let before = here.iter().rev().find(|m| m.1 <= p && m.1 + 4 >= p && person(m.2)).map(|m| m.2);
                // …or the people named right after G (قادة داعش، خالد المرادي … وهيوا شور)
                let mut who: Vec<usize> = before.into_iter().collect();
                if who.is_empty() {
                    for m in here.iter().filter(|m| m.0 >= ge) {
                        if group(m.2) {
                            break;
                        }
                        if person(m.2) {
                            who.push(m.2);
                        }
                    }
                }
                for w in who {
                    pending.push((w, rel, ids[g].clone(), ev));
                }
            }
            // split / merge
            let split = is(p, M_SPLIT);
            let merge = !split && is(p, M_MERGE);
            if split || merge {
                // SVO (الجبهة انشقت عن G) or VSO (انشقت الجبهة عن G)
                let before = here.iter().rev().find(|m| m.1 <= p && group(m.2)).copied();
                let after: Vec<(usize, usize, usize)> = here.iter().filter(|m| m.0 > p && group(m.2)).copied().collect();
                let (a, b) = match before {
                    Some(a) => (Some(a.2), after.first().map(|m| m.2)),
                    None => (after.first().map(|m| m.2), after.iter().skip(1).find(|m| Some(m.2) != after.first().map(|f| f.2)).map(|m| m.2)),
                };
                if let (Some(a), Some(b)) = (a, b) {
                    if a != b {
                        pending.push((a, if split { "split_from" } else { "merged_with" }, ids[b].clone(), ev));
                    }
                }
            }
            // allied with / backed by: "فصائل موالية لإيران", "الجماعة المتحالفة مع داعش", "Iran-backed militias"
            if is(p, M_ALLY) {
                let a = here.iter().rev().find(|m| m.1 <= p && m.1 + 3 >= p).map(|m| m.2);
                let b = here.iter().find(|m| m.0 > p && m.0 <= p + 3).map(|m| m.2);
                if let (Some(a), Some(b)) = (a, b) {
                    if a != b && (group(a) || group(b)) {
                        pending.push((a, "allied_with", ids[b].clone(), ev));
                    }
                }
            }
            // operates in
            if is(p, M_OPERATE) {
                let Some(fi) = (p + 1..(p + 3).min(end)).find(|&k| matches!(toks[k].norm.as_str(), "في" | "in")) else { continue };
                let Some(a) = here.iter().rev().find(|m| m.1 <= p && m.1 + 6 >= p && group(m.2)).map(|m| m.2) else { continue };
                let place = doc
                    .places
                    .iter()
                    .find(|pl| pl.start >= toks[fi].end && pl.start <= toks[fi].end + 20 && pl.end <= s.end)
                    .map(|pl| pl.name.clone().unwrap_or_else(|| pl.text.clone()));
                let place = place.or_else(|| {
                    let mut k = fi + 1;
                    let mut last = None;
                    while k < end && k < fi + 4 && matches!(toks[k].kind, TokenKind::Arabic | TokenKind::Latin) && !matches!(toks[k].norm.as_str(), "منذ" | "بعد" | "قبل" | "since" | "after") {
                        last = Some(k);
                        k += 1;
                    }
                    last.map(|l| doc.slice(toks[fi + 1].start, toks[l].end).to_string())
                });
                if let Some(pl) = place {
                    pending.push((a, "operates_in", pl, ev));
                }
            }
        }
    }
    for (a, rel, target, ev) in pending {
        push(actors, a, rel, target, ev);
    }
}

#[cfg(test)]
mod mask_tests {
    use super::*;

    /// The filtered [`mask`] is [`mask_plain`] on every token of real
    /// articles (the corpus's first 300) and of a sentence of cue words.
    #[test]
    fn mask_is_the_plain_look_up() {
        let mut texts = vec!["تشكلت الجماعة من قبل قادة سابقين انشقوا عن التنظيم واندمجت مع حلفاء موالين. The group was formed by former members.".to_string()];
        texts.extend(marsad_core::sample::shared_corpus_texts(300));
        let (mut n, mut hits) = (0, 0);
        for text in &texts {
            let mut doc = marsad_core::Document::new("t", text);
            marsad_text::annotate(&mut doc);
            let cc = crate::matcher::token_cands(&doc);
            for (t, c) in doc.tokens.iter().zip(&cc) {
                let m = mask(t, c);
                assert_eq!(m, mask_plain(t, c), "{}", t.norm);
                hits += (m != 0) as usize;
                n += 1;
            }
        }
        assert!(n > 100 && hits > 5, "{hits} of {n}");
    }
}
