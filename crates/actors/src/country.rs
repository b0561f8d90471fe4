//! The country a sentence is about (places after a locative first, then any country
//! name, adjective or demonym): the fallback country of a generic actor.

use crate::kb::{Kb, Target};
use crate::matcher::*;
use marsad_core::{Document, TokenKind};

/// The country a sentence is about, from its cues: places resolved by the
/// places stage and country names (or capitals) after a locative
/// preposition first (where it happened), then any other country name,
/// adjective or demonym in the sentence; of the best rank, the cue nearest
/// to char offset `near`.
pub fn sentence_country(kb: &Kb, doc: &Document, si: usize, near: usize) -> Option<String> {
    let s = doc.sentences.get(si)?;
    let (first, end) = (s.first_token, s.end_token.min(doc.tokens.len()));
    let toks = &doc.tokens;
    // candidates up to the end of the sentence only: a call per sentence
    // must not cost the length of the document
    let mut cc: Vec<Cands> = vec![Cands::default(); end];
    for k in first..end {
        cc[k] = cands(&toks[k]);
    }
    let mut best: Option<(u8, usize, String)> = None;
    let consider = |rank: u8, pos: usize, c: String, best: &mut Option<(u8, usize, String)>| {
        let d = pos.abs_diff(near);
        if best.as_ref().map_or(true, |b| (rank, d) < (b.0, b.1)) {
            *best = Some((rank, d, c));
        }
    };
    for p in doc.places.iter().filter(|p| p.start >= s.start && p.end <= s.end) {
        if let Some(c) = &p.country {
            // where it happened: after a locative preposition (في موسكو,
            // بغداد with ب), not a genitive (سفارة استونيا)
            let ti = toks.partition_point(|t| t.end <= p.start);
            let loc = ti < toks.len()
                && ((ti > first && is_locative(&toks[ti - 1], "", toks[ti].kind == TokenKind::Arabic))
                    || (toks[ti].kind == TokenKind::Arabic && toks[ti].prefix.trim_start_matches(['و', 'ف']).starts_with('ب'))
                    || p.relation.is_some());
            consider(if loc { 0 } else { 1 }, p.start, c.clone(), &mut best);
        }
    }
    let mut i = first;
    while i < end {
        match longest_match(kb, doc, toks, &cc, i, end) {
            Some(it) => {
                if let Some(c) = country_of(kb, it.target) {
                    let t = &toks[it.a];
                    let arabic = t.kind == TokenKind::Arabic;
                    let loc = (it.a > first && is_locative(&toks[it.a - 1], "", arabic)) || (arabic && t.prefix.ends_with('ب'));
                    let is_name = matches!(it.target, Target::CountryName(_));
                    consider(if loc && is_name { 0 } else { 1 }, t.start, kb.countries[c].iso3.clone(), &mut best);
                }
                i = it.b;
            }
            None => i += 1,
        }
    }
    best.map(|b| b.2)
}
