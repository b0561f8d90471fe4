//! CoNLL reading and conlleval-style entity scoring.

use std::collections::BTreeMap;

/// A sentence: tokens and (when present) the last column as tags.
#[derive(Debug, Clone, Default)]
pub struct Sent {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// Parse CoNLL text: first column token, last column tag (when there are
/// two or more columns), blank lines between sentences.
pub fn parse(text: &str) -> Vec<Sent> {
    let mut out = Vec::new();
    let mut cur = Sent::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let cols: Vec<&str> = if line.contains('\t') { line.split('\t').collect() } else { line.split(' ').collect() };
        cur.tokens.push(cols[0].to_string());
        cur.tags.push(if cols.len() > 1 { cols[cols.len() - 1].trim().to_string() } else { "O".to_string() });
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// Entity chunks (type, start, end) of a BIO sequence, conlleval convention:
/// an I-X after O or after another type starts a chunk.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(String, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (bio, ty) = match t.split_once('-') {
            Some((b, ty)) => (b, ty),
            None => ("O", ""),
        };
        let continues = bio == "I" && cur.as_ref().map_or(false, |(cty, _)| cty == ty);
        if !continues {
            if let Some((cty, s)) = cur.take() {
                out.push((cty, s, i));
            }
            if bio == "B" || bio == "I" {
                cur = Some((ty.to_string(), i));
            }
        }
    }
    if let Some((cty, s)) = cur.take() {
        out.push((cty, s, tags.len()));
    }
    out
}

#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub gold: usize,
    pub pred: usize,
}

impl Counts {
    pub fn p(&self) -> f64 {
        if self.pred == 0 { 0.0 } else { 100.0 * self.tp as f64 / self.pred as f64 }
    }
    pub fn r(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { 100.0 * self.tp as f64 / self.gold as f64 }
    }
    pub fn f(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

#[derive(Default, Debug, Clone)]
pub struct Score {
    pub per_type: BTreeMap<String, Counts>,
    pub micro: Counts,
    pub tokens: usize,
    pub token_correct: usize,
}

impl Score {
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], pred: &[T]) {
        let g = chunks(gold);
        let p = chunks(pred);
        for (ty, _, _) in &g {
            self.per_type.entry(ty.clone()).or_default().gold += 1;
            self.micro.gold += 1;
        }
        for c in &p {
            self.per_type.entry(c.0.clone()).or_default().pred += 1;
            self.micro.pred += 1;
            if g.contains(c) {
                self.per_type.entry(c.0.clone()).or_default().tp += 1;
                self.micro.tp += 1;
            }
        }
        self.tokens += gold.len();
        self.token_correct += gold.iter().zip(pred).filter(|(a, b)| a.as_ref() == b.as_ref()).count();
    }

    pub fn report(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!("{:<6} {:>7} {:>7} {:>7} {:>6} {:>6}\n", "type", "P", "R", "F1", "gold", "pred"));
        for (ty, c) in &self.per_type {
            s.push_str(&format!("{:<6} {:>7.2} {:>7.2} {:>7.2} {:>6} {:>6}\n", ty, c.p(), c.r(), c.f(), c.gold, c.pred));
        }
        let m = &self.micro;
        s.push_str(&format!("{:<6} {:>7.2} {:>7.2} {:>7.2} {:>6} {:>6}\n", "micro", m.p(), m.r(), m.f(), m.gold, m.pred));
        s.push_str(&format!(
            "token accuracy {:.2}% over {} tokens\n",
            100.0 * self.token_correct as f64 / self.tokens.max(1) as f64,
            self.tokens
        ));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_follow_conlleval() {
        let t = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-ORG", "I-LOC"];
        assert_eq!(
            chunks(&t),
            vec![("PERS".into(), 0, 2), ("LOC".into(), 3, 5), ("ORG".into(), 5, 6), ("LOC".into(), 6, 7)]
        );
    }

    #[test]
    fn exact_match_scoring() {
        let mut s = Score::default();
        s.add(&["B-PERS", "I-PERS", "O", "B-LOC"], &["B-PERS", "O", "O", "B-LOC"]);
        assert_eq!(s.micro.tp, 1);
        assert_eq!(s.micro.gold, 2);
        assert_eq!(s.micro.pred, 2);
        assert!((s.micro.f() - 50.0).abs() < 1e-9);
    }

    #[test]
    fn parse_keeps_sentences() {
        let v = parse("a\tO\nb\tB-LOC\n\n\nc x\tO\n");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].tags, vec!["O", "B-LOC"]);
        assert_eq!(v[1].tokens, vec!["c x"]);
    }
}
