//! Full-text search with snippets of the original text.
//!
//! The query is mapped to keys exactly as documents are ([`crate::keys`]);
//! FTS5 finds and ranks the documents (BM25, title weighted ×4); the snippet
//! is then computed here from the document's own tokens: the window of
//! [`SNIPPET_TOKENS`] tokens holding the most distinct query words, cut at
//! token boundaries of the ORIGINAL text, with the matched tokens' char
//! offsets reported as hits.
//!
//! On PostgreSQL the same keys are stored as a `tsvector` per document
//! (lexemes taken verbatim, no text-search parser or dictionary in between,
//! so what matches is decided by [`crate::keys`] alone, clitics included)
//! and the query as a `tsquery` of the same key groups (`(k1 | k2) & k3`),
//! looked up through a GIN index. Ranking is `ts_rank` (title keys weight
//! `A` counted ×4 over body keys), negated so that lower is better as with
//! BM25; the order of equally relevant results may differ from SQLite's.

use crate::keys::Query;
use crate::Store;
use anyhow::Result;
use marsad_core::Token;
use crate::db::{params, Connection, Statement};
use serde::Serialize;

/// Snippet width in tokens.
pub const SNIPPET_TOKENS: usize = 30;
/// Tokens of context kept before the first hit of a snippet.
const LEAD: usize = 8;

/// A matched token, as char offsets into the document text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HitSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One search result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub lang: String,
    pub published: Option<String>,
    pub source: Option<String>,
    /// BM25 score (lower is better, as SQLite reports it).
    pub score: f64,
    /// `text[snippet_start:snippet_end]` of the original document text.
    pub snippet: String,
    pub snippet_start: usize,
    pub snippet_end: usize,
    /// The matched tokens inside the snippet (char offsets into the document).
    pub hits: Vec<HitSpan>,
    /// The snippet for reading: hits marked «…», whitespace collapsed,
    /// "…" where the text was cut.
    pub highlighted: String,
    /// True when the document goes on after the snippet.
    #[serde(skip)]
    pub truncated_end: bool,
}

impl Hit {
    /// The snippet with hits wrapped in `open`/`close` (e.g. ANSI bold),
    /// whitespace runs collapsed and "…" where the text was cut.
    pub fn render(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        if self.snippet_start > 0 {
            out.push_str("… ");
        }
        let chars: Vec<(usize, char)> = self.snippet.char_indices().collect();
        let byte_at = |c: usize| -> usize {
            let i = c.saturating_sub(self.snippet_start);
            chars.get(i).map_or(self.snippet.len(), |x| x.0)
        };
        // adjacent hits separated by whitespace only are marked as one run
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for h in &self.hits {
            let (s, e) = (byte_at(h.start), byte_at(h.end));
            if e < s {
                continue;
            }
            match runs.last_mut() {
                Some(last) if s >= last.1 && self.snippet[last.1..s].chars().all(char::is_whitespace) => last.1 = e,
                Some(last) if s < last.1 => {}
                _ => runs.push((s, e)),
            }
        }
        let mut pos = 0;
        for (s, e) in runs {
            push_collapsed(&mut out, &self.snippet[pos..s]);
            out.push_str(open);
            push_collapsed(&mut out, &self.snippet[s..e]);
            out.push_str(close);
            pos = e;
        }
        push_collapsed(&mut out, &self.snippet[pos..]);
        if self.truncated_end {
            out.push_str(" …");
        }
        out
    }
}

fn push_collapsed(out: &mut String, s: &str) {
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
}

/// Search results.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResults {
    pub query: String,
    /// The key groups the query was mapped to (one per word).
    pub keys: Vec<Vec<String>>,
    /// Number of matching documents (results are cut at the limit).
    pub total: u64,
    pub results: Vec<Hit>,
}

/// Where the snippet lies and which tokens in it match.
pub struct Snippet {
    /// Token range of the window.
    pub first: usize,
    pub end: usize,
    /// Indexes of matching tokens inside the window.
    pub hits: Vec<usize>,
}

/// Pick the snippet window over `tokens` for `q`.
pub fn snippet_window(tokens: &[Token], q: &Query, width: usize) -> Snippet {
    let width = width.max(1);
    let mut hits: Vec<(usize, usize)> = Vec::new(); // (token, group)
    for (i, t) in tokens.iter().enumerate() {
        if let Some(g) = q.matches(t) {
            hits.push((i, g));
        }
    }
    if hits.is_empty() {
        return Snippet { first: 0, end: tokens.len().min(width), hits: vec![] };
    }
    // best window: most distinct words, then most hits, then earliest
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, first)
    let ngroups = q.groups.len();
    for (k, &(ti, _)) in hits.iter().enumerate().take(2000) {
        let first = ti.saturating_sub(LEAD);
        let end = first + width;
        let mut seen = vec![false; ngroups];
        let mut count = 0;
        for &(tj, g) in &hits[k..] {
            if tj >= end {
                break;
            }
            seen[g] = true;
            count += 1;
        }
        let distinct = seen.iter().filter(|s| **s).count();
        if (distinct, count) > (best.0, best.1) {
            best = (distinct, count, first);
        }
        if distinct == ngroups && count >= width / 2 {
            break;
        }
    }
    let first = best.2;
    let end = (first + width).min(tokens.len());
    let hits = hits.iter().map(|h| h.0).filter(|&t| t >= first && t < end).collect();
    Snippet { first, end, hits }
}

/// Filters and paging for [`Store::search_with`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Only documents in this language (`ar`, `en`, `und`).
    pub lang: Option<String>,
    /// Only documents published on or after this ISO date (prefix compare:
    /// `2017` and `2017-12` work).
    pub from: Option<String>,
    /// Only documents published on or before this ISO date (prefix compare).
    pub to: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, offset: 0, lang: None, from: None, to: None }
    }
}

pub(crate) fn search(store: &Store, query: &str, o: &SearchOptions) -> Result<SearchResults> {
    let q = Query::parse(query);
    let mut res = SearchResults { query: query.to_string(), keys: q.groups.clone(), total: 0, results: vec![] };
    if q.is_empty() {
        return Ok(res);
    }
    let pg = store.conn().is_pg();
    let expr = if pg { pg_tsquery(&q) } else { q.fts() };
    let c = store.conn();
    // `to` compares on a prefix so that "2017-12" includes 2017-12-31
    let to = o.to.as_ref().map(|t| format!("{t}\u{10FFFF}"));
    let filter = "(?2 IS NULL OR d.lang = ?2) AND (?3 IS NULL OR d.published >= ?3) AND (?4 IS NULL OR d.published <= ?4)";
    let filtered = o.lang.is_some() || o.from.is_some() || o.to.is_some();
    if !q.phrases.is_empty() {
        return phrase_search(store, q, o, &expr, to, res);
    }
    if pg {
        res.total = c.query_row(
            &format!("SELECT count(*) FROM doc_fts f JOIN documents d ON d.pk = f.rowid WHERE f.fts @@ CAST(?1 AS TEXT)::tsquery AND {PG_FILTER}"),
            params![expr, o.lang, o.from, to],
            |r| r.get::<_, i64>(0),
        )? as u64;
        let mut st = c.prepare(&format!(
            "SELECT d.id, d.title, d.lang, d.published, d.source, d.text, {PG_SCORE} AS score
             FROM doc_fts f JOIN documents d ON d.pk = f.rowid
             WHERE f.fts @@ CAST(?1 AS TEXT)::tsquery AND {PG_FILTER}
             ORDER BY score, d.pk LIMIT ?5 OFFSET ?6"
        ))?;
        let mut rows = st.query(params![expr, o.lang, o.from, to, o.limit as i64, o.offset as i64])?;
        while let Some(r) = rows.next()? {
            let text: String = r.get(5)?;
            res.results.push(make_hit(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, &text, r.get(6)?, &q));
        }
        return Ok(res);
    }
    res.total = if filtered {
        c.query_row(
            &format!("SELECT count(*) FROM doc_fts f JOIN documents d ON d.pk = f.rowid WHERE doc_fts MATCH ?1 AND {filter}"),
            params![expr, o.lang, o.from, to],
            |r| r.get::<_, i64>(0),
        )?
    } else {
        c.query_row("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?1", [&expr], |r| r.get::<_, i64>(0))?
    } as u64;
    let sql = if filtered {
        format!(
            "SELECT d.id, d.title, d.lang, d.published, d.source, d.text, bm25(doc_fts, 4.0, 1.0) AS score
             FROM doc_fts f JOIN documents d ON d.pk = f.rowid
             WHERE doc_fts MATCH ?1 AND {filter}
             ORDER BY score, d.pk LIMIT ?5 OFFSET ?6"
        )
    } else {
        "SELECT d.id, d.title, d.lang, d.published, d.source, d.text, f.score
         FROM (SELECT rowid, bm25(doc_fts, 4.0, 1.0) AS score FROM doc_fts WHERE doc_fts MATCH ?1
               ORDER BY score, rowid LIMIT ?5 OFFSET ?6) f
         JOIN documents d ON d.pk = f.rowid
         WHERE ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL
         ORDER BY f.score, d.pk"
            .to_string()
    };
    let mut st = c.prepare(&sql)?;
    let rows = st.query_map(params![expr, o.lang, o.from, to, o.limit as i64, o.offset as i64], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, f64>(6)?,
        ))
    })?;
    for row in rows {
        let (id, title, lang, published, source, text, score) = row?;
        res.results.push(make_hit(id, title, lang, published, source, &text, score, &q));
    }
    Ok(res)
}

/// Most candidates a phrase query verifies.
const PHRASE_CANDIDATES: i64 = 20_000;

/// Phrase queries: FTS finds documents holding every word, then each is
/// verified for adjacency on its own tokens; `total` counts the verified
/// ones (among the first [`PHRASE_CANDIDATES`] candidates by rank).
fn phrase_search(
    store: &Store,
    q: Query,
    o: &SearchOptions,
    expr: &str,
    to: Option<String>,
    mut res: SearchResults,
) -> Result<SearchResults> {
    let c = store.conn();
    let pg_sql;
    let mut st = c.prepare(if c.is_pg() {
        pg_sql = format!(
            "SELECT d.id, d.title, d.lang, d.published, d.source, d.text, {PG_SCORE} AS score
             FROM doc_fts f JOIN documents d ON d.pk = f.rowid
             WHERE f.fts @@ CAST(?1 AS TEXT)::tsquery AND {PG_FILTER}
             ORDER BY score, d.pk LIMIT ?5"
        );
        &pg_sql
    } else {
        "SELECT d.id, d.title, d.lang, d.published, d.source, d.text, bm25(doc_fts, 4.0, 1.0) AS score
         FROM doc_fts f JOIN documents d ON d.pk = f.rowid
         WHERE doc_fts MATCH ?1 AND (?2 IS NULL OR d.lang = ?2) AND (?3 IS NULL OR d.published >= ?3)
           AND (?4 IS NULL OR d.published <= ?4)
         ORDER BY score, d.pk LIMIT ?5"
    })?;
    let mut rows = st.query(params![expr, o.lang, o.from, to, PHRASE_CANDIDATES])?;
    let mut seen = 0usize;
    while let Some(r) = rows.next()? {
        let text: String = r.get(5)?;
        let title: Option<String> = r.get(1)?;
        let in_text = q.phrases_match(&marsad_text::tokenize::tokenize(&text));
        let in_title = !in_text && title.as_deref().is_some_and(|t| q.phrases_match(&marsad_text::tokenize::tokenize(t)));
        if !in_text && !in_title {
            continue;
        }
        res.total += 1;
        seen += 1;
        if seen <= o.offset || res.results.len() >= o.limit {
            continue;
        }
        let hit = make_hit(r.get(0)?, title, r.get(2)?, r.get(3)?, r.get(4)?, &text, r.get(6)?, &q);
        res.results.push(hit);
    }
    Ok(res)
}

#[allow(clippy::too_many_arguments)]
fn make_hit(
    id: String,
    title: Option<String>,
    lang: String,
    published: Option<String>,
    source: Option<String>,
    text: &str,
    score: f64,
    q: &Query,
) -> Hit {
    let tokens = marsad_text::tokenize::tokenize(text);
    let w = snippet_window(&tokens, q, SNIPPET_TOKENS);
    let (snippet_start, snippet_end, bs, be) = if w.end > w.first {
        let (a, b) = (&tokens[w.first], &tokens[w.end - 1]);
        (a.start, b.end, a.byte_start, b.byte_end)
    } else {
        (0, 0, 0, 0)
    };
    let hits = w
        .hits
        .iter()
        .map(|&i| {
            let t = &tokens[i];
            HitSpan { start: t.start, end: t.end, text: text[t.byte_start..t.byte_end].to_string() }
        })
        .collect();
    let mut hit = Hit {
        id,
        title,
        lang,
        published,
        source,
        score,
        snippet: text[bs..be].to_string(),
        snippet_start,
        snippet_end,
        hits,
        highlighted: String::new(),
        truncated_end: w.end < tokens.len(),
    };
    hit.highlighted = hit.render("«", "»");
    hit
}

/// PostgreSQL: the filters (typed, since a bare `$2 IS NULL` has none).
const PG_FILTER: &str = "(CAST(?2 AS TEXT) IS NULL OR d.lang = ?2) AND (CAST(?3 AS TEXT) IS NULL OR d.published >= ?3)
     AND (CAST(?4 AS TEXT) IS NULL OR d.published <= ?4)";

/// PostgreSQL: the score, lower is better (title keys, weight A, ×4).
const PG_SCORE: &str = "-ts_rank('{0.25, 0.25, 0.25, 1.0}', f.fts, CAST(?1 AS TEXT)::tsquery)";

/// A key quoted as a `tsvector`/`tsquery` lexeme.
fn lexeme(out: &mut String, k: &str) {
    out.push('\'');
    for c in k.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('\'');
}

/// The `tsquery` of a query: every word (`&`), any of its keys (`|`).
pub fn pg_tsquery(q: &Query) -> String {
    let mut s = String::new();
    for (i, g) in q.groups.iter().enumerate() {
        if i > 0 {
            s.push_str(" & ");
        }
        s.push('(');
        for (j, k) in g.iter().enumerate() {
            if j > 0 {
                s.push_str(" | ");
            }
            lexeme(&mut s, k);
        }
        s.push(')');
    }
    s
}

/// Longest lexeme PostgreSQL takes (bytes).
const PG_MAX_LEXEME: usize = 2047;
/// Positions PostgreSQL keeps per lexeme, and the largest position.
const PG_MAX_POSITIONS: usize = 256;
const PG_MAX_POS: usize = 16_383;
/// Keep a document's `tsvector` under PostgreSQL's 1 MB limit.
const PG_MAX_TSVECTOR: usize = 900_000;

/// The `tsvector` literal of a document's keys (space-separated, as
/// [`crate::keys::index_text`] writes them): title keys weighted `A`, body
/// keys `D`, each with its position in the key stream.
pub fn pg_tsvector(title: &str, body: &str) -> String {
    let n_title = title.split(' ').filter(|k| !k.is_empty() && k.len() <= PG_MAX_LEXEME).count();
    let mut order: Vec<&str> = Vec::new();
    let mut pos: std::collections::HashMap<&str, (Vec<usize>, bool)> = std::collections::HashMap::new();
    let mut size = 0usize;
    let keys = title.split(' ').map(|k| (k, true)).chain(body.split(' ').map(|k| (k, false)));
    for (n, (k, in_title)) in keys.filter(|(k, _)| !k.is_empty() && k.len() <= PG_MAX_LEXEME).enumerate() {
        if !pos.contains_key(k) {
            if size + k.len() + 8 > PG_MAX_TSVECTOR {
                continue;
            }
            size += k.len() + 8;
            order.push(k);
            pos.insert(k, (Vec::new(), in_title));
        }
        let Some(e) = pos.get_mut(k) else { continue };
        if e.0.len() < PG_MAX_POSITIONS && size + 2 <= PG_MAX_TSVECTOR {
            size += 2;
            e.0.push((n + 1).min(PG_MAX_POS));
        }
        e.1 |= in_title;
    }
    let mut s = String::with_capacity(size * 2);
    for k in order {
        let (ps, _) = &pos[k];
        if !s.is_empty() {
            s.push(' ');
        }
        lexeme(&mut s, k);
        s.push(':');
        for (i, p) in ps.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&p.to_string());
            // a position is in the title when it came before the body keys
            if *p <= n_title {
                s.push('A');
            }
        }
    }
    s
}

/// The statement that inserts a document's full-text row.
pub(crate) fn fts_insert_sql(c: &Connection) -> &'static str {
    if c.is_pg() {
        "INSERT INTO doc_fts(rowid, fts) VALUES (?1, CAST(?2 AS TEXT)::tsvector)"
    } else {
        "INSERT INTO doc_fts(rowid, title, body) VALUES (?1, ?2, ?3)"
    }
}

/// Insert a document's full-text row with [`fts_insert_sql`]'s statement.
pub(crate) fn fts_insert(st: &mut Statement, c: &Connection, pk: i64, title: &str, body: &str) -> crate::db::Result<usize> {
    if c.is_pg() {
        st.execute(params![pk, pg_tsvector(title, body)])
    } else {
        st.execute(params![pk, title, body])
    }
}
