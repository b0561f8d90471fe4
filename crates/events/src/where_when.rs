//! Where and when: the event's place among the sentence's places (nearest, after a
//! locative, not a neighbour, not inside the actor), coordinated places, and its date.

use crate::sentence::*;
use marsad_core::{Place, TimeExpr, TokenKind};

impl<'a> Sent<'a> {
    /// A place right after "which borders"/"المحاذية لـ"/"الحدودية مع": a neighbour, not the event's place.
    pub(crate) fn neighbour_place(&self, pos: usize) -> bool {
        let Some(i) = self.toks.iter().position(|t| t.start <= pos && pos < t.end) else { return false };
        (i.saturating_sub(3)..i).any(|q| self.cue_at("border", q) && !(q..i).any(|x| self.toks[x].kind == TokenKind::Punct))
    }

    pub(crate) fn places(&self, c: &Cand, exclude: &[(usize, usize)], others: &[usize]) -> Vec<&'a Place> {
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
    pub(crate) fn locative_before(&self, pos: usize) -> bool {
        let Some(i) = self.toks.iter().position(|t| t.start <= pos && pos < t.end) else { return false };
        let t = &self.toks[i];
        if t.start < pos {
            let g = marsad_text::normalize(self.doc.slice(t.start, pos));
            return g.ends_with('ب') || g.ends_with("بال");
        }
        i > 0 && matches!(self.toks[i - 1].norm.as_str(), "في" | "وفي" | "in" | "at")
    }

    pub(crate) fn prep_before(&self, pos: usize) -> bool {
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

    pub(crate) fn date(&self, c: &Cand) -> Option<TimeExpr> {
        let sent = &self.doc.sentences[self.si];
        let tpos = self.toks[c.tok].start as i64;
        self.doc
            .times
            .iter()
            .filter(|t| t.start >= sent.start && t.end <= sent.end && t.value.is_some())
            .min_by_key(|t| (t.start as i64 - tpos).abs())
            .cloned()
    }
}
