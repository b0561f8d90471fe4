//! Read queries over the store's tables (documents, events, actors).
//!
//! Each event report stored by `marsad ingest` (table `events`, one row per
//! event found in one sentence of one document) is shown as an incident with
//! one report, identified as `{document pk}-{event index}`. The filters are
//! those of `marsad events`.

use crate::ApiError;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use serde::Serialize;

/// Filters of `/api/events` (all optional; empty strings are ignored).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// PLOVER types or ACLED event types (any of them).
    pub types: Vec<String>,
    /// actor id, or part of an actor's name/text (actor or recipient).
    pub actor: Option<String>,
    /// ISO 3166 alpha-3 or alpha-2 codes (any of them).
    pub countries: Vec<String>,
    pub admin1: Option<String>,
    /// ISO dates (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// min lon, min lat, max lon, max lat.
    pub bbox: Option<[f64; 4]>,
    pub min_fatalities: Option<u32>,
    /// Words that must occur in the document (Arabic-aware full-text search).
    pub q: Option<String>,
    /// Document pks allowed (set from `q` by the caller).
    pub docs: Option<Vec<i64>>,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorBrief {
    pub id: Option<String>,
    pub name: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Span {
    pub text: String,
    pub start: i64,
    pub end: i64,
}

/// One incident as listed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IncidentSummary {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub acled_event_type: Option<String>,
    pub acled_sub_event_type: Option<String>,
    /// ISO date of the event (its own date, else the document's).
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub place: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geo_precision: Option<String>,
    pub fatalities: Option<i64>,
    pub injured: Option<i64>,
    pub arrested: Option<i64>,
    pub actor: Option<ActorBrief>,
    pub recipient: Option<ActorBrief>,
    pub trigger: String,
    /// Number of reports (documents' event mentions) merged in this incident.
    pub n_reports: u64,
    /// Ids of the documents reporting it.
    pub documents: Vec<String>,
    /// Title of the first report's document.
    pub title: Option<String>,
}

/// One report of an incident: the event as one document states it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub document: DocBrief,
    pub event_index: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub trigger: Span,
    /// The evidence sentence.
    pub evidence: Span,
    pub actor: Option<Span>,
    pub recipient: Option<Span>,
    pub place: Option<Span>,
    pub date: Option<Span>,
    pub fatalities: Option<i64>,
    pub injured: Option<i64>,
    pub negated: bool,
    pub hypothetical: bool,
    pub confidence: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Incident {
    #[serde(flatten)]
    pub summary: IncidentSummary,
    pub reports: Vec<Report>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocBrief {
    pub id: String,
    pub title: Option<String>,
    pub lang: String,
    pub published: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocListItem {
    #[serde(flatten)]
    pub doc: DocBrief,
    pub chars: i64,
    pub events: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorItem {
    pub actor_id: String,
    pub name: String,
    pub name_ar: Option<String>,
    pub actor_type: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    pub known: bool,
    pub aliases: Vec<String>,
    pub mentions: i64,
    pub events: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RelationItem {
    pub actor_id: String,
    pub actor_name: Option<String>,
    pub relation: String,
    pub target: String,
    pub target_name: Option<String>,
    pub document: String,
    pub evidence: Span,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorDetail {
    #[serde(flatten)]
    pub actor: ActorItem,
    pub relations: Vec<RelationItem>,
    pub events: Vec<IncidentSummary>,
}

/// The event's date as an ISO day when it has one, else the document's.
const DATE_EXPR: &str = "COALESCE(CASE WHEN e.date_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' \
     THEN substr(e.date_value,1,10) WHEN e.date_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN e.date_value \
     WHEN e.date_value GLOB '[0-9][0-9][0-9][0-9]' THEN e.date_value END, substr(d.published,1,10), e.date_value)";

const SUMMARY_COLS: &str = "e.doc, e.idx, e.type, e.acled_event_type, e.acled_sub_event_type, {DATE}, e.date_precision, \
     e.country, e.admin1, COALESCE(e.place_name, e.place_text), e.lat, e.lon, e.geo_precision, e.fatalities, e.injured, \
     e.arrested, e.actor_id, e.actor_name, e.actor_text, e.recipient_id, e.recipient_name, e.recipient_text, \
     e.trigger_text, d.id, d.title";

fn summary_cols() -> String {
    SUMMARY_COLS.replace("{DATE}", DATE_EXPR)
}

fn brief(id: Option<String>, name: Option<String>, text: Option<String>) -> Option<ActorBrief> {
    if id.is_none() && name.is_none() && text.is_none() {
        None
    } else {
        Some(ActorBrief { id, name, text })
    }
}

fn summary_of(r: &Row) -> rusqlite::Result<IncidentSummary> {
    let pk: i64 = r.get(0)?;
    let idx: i64 = r.get(1)?;
    Ok(IncidentSummary {
        id: format!("{pk}-{idx}"),
        kind: r.get(2)?,
        acled_event_type: r.get(3)?,
        acled_sub_event_type: r.get(4)?,
        date: r.get(5)?,
        date_precision: r.get(6)?,
        country: r.get(7)?,
        admin1: r.get(8)?,
        place: r.get(9)?,
        lat: r.get(10)?,
        lon: r.get(11)?,
        geo_precision: r.get(12)?,
        fatalities: r.get(13)?,
        injured: r.get(14)?,
        arrested: r.get(15)?,
        actor: brief(r.get(16)?, r.get(17)?, r.get(18)?),
        recipient: brief(r.get(19)?, r.get(20)?, r.get(21)?),
        trigger: r.get(22)?,
        n_reports: 1,
        documents: vec![r.get(23)?],
        title: r.get(24)?,
    })
}

fn like(s: &str) -> String {
    let esc: String = s
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{esc}%")
}

/// Events matching `f`: (total, one page).
pub fn events(conn: &Connection, f: &EventFilter) -> Result<(u64, Vec<IncidentSummary>), ApiError> {
    let mut w: Vec<String> = vec!["e.negated = 0".into(), "e.hypothetical = 0".into()];
    let mut p: Vec<Value> = Vec::new();
    if !f.types.is_empty() {
        let mut ors = Vec::new();
        for t in &f.types {
            p.push(Value::Text(t.clone()));
            let n = p.len();
            ors.push(format!("e.type = ?{n} COLLATE NOCASE OR e.acled_event_type = ?{n} COLLATE NOCASE"));
        }
        w.push(format!("({})", ors.join(" OR ")));
    }
    if let Some(a) = &f.actor {
        p.push(Value::Text(a.clone()));
        let n = p.len();
        p.push(Value::Text(like(a)));
        let m = p.len();
        w.push(format!(
            "(e.actor_id = ?{n} OR e.recipient_id = ?{n} OR e.actor_name LIKE ?{m} ESCAPE '\\' OR e.actor_text LIKE ?{m} ESCAPE '\\' \
             OR e.recipient_name LIKE ?{m} ESCAPE '\\' OR e.recipient_text LIKE ?{m} ESCAPE '\\')"
        ));
    }
    if !f.countries.is_empty() {
        let mut ors = Vec::new();
        for c in &f.countries {
            p.push(Value::Text(c.clone()));
            let n = p.len();
            ors.push(format!("e.country = ?{n} COLLATE NOCASE"));
        }
        w.push(format!("({})", ors.join(" OR ")));
    }
    if let Some(a) = &f.admin1 {
        p.push(Value::Text(a.clone()));
        w.push(format!("e.admin1 = ?{} COLLATE NOCASE", p.len()));
    }
    if let Some(d) = &f.from {
        p.push(Value::Text(d.clone()));
        w.push(format!("{DATE_EXPR} >= ?{}", p.len()));
    }
    if let Some(d) = &f.to {
        // inclusive: 2023-05 covers the whole month
        p.push(Value::Text(format!("{d}\u{10FFFF}")));
        w.push(format!("{DATE_EXPR} <= ?{}", p.len()));
    }
    if let Some([x0, y0, x1, y1]) = f.bbox {
        for v in [x0, x1, y0, y1] {
            p.push(Value::Real(v));
        }
        let n = p.len();
        w.push(format!(
            "e.lon BETWEEN ?{} AND ?{} AND e.lat BETWEEN ?{} AND ?{}",
            n - 3,
            n - 2,
            n - 1,
            n
        ));
    }
    if let Some(m) = f.min_fatalities {
        p.push(Value::Integer(m as i64));
        w.push(format!("COALESCE(e.fatalities, 0) >= ?{}", p.len()));
    }
    if let Some(docs) = &f.docs {
        if docs.is_empty() {
            w.push("0".into());
        } else {
            let list: Vec<String> = docs.iter().map(|d| d.to_string()).collect();
            w.push(format!("e.doc IN ({})", list.join(",")));
        }
    }
    let wh = w.join(" AND ");
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM events e JOIN documents d ON d.pk = e.doc WHERE {wh}"),
        params_from_iter(p.iter()),
        |r| r.get(0),
    )?;
    p.push(Value::Integer(f.limit as i64));
    p.push(Value::Integer(f.offset as i64));
    let n = p.len();
    let sql = format!(
        "SELECT {} FROM events e JOIN documents d ON d.pk = e.doc WHERE {wh} \
         ORDER BY {DATE_EXPR} DESC, e.doc, e.idx LIMIT ?{} OFFSET ?{}",
        summary_cols(),
        n - 1,
        n
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params_from_iter(p.iter()), summary_of)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total.max(0) as u64, rows))
}

/// Parse an incident id `{pk}-{idx}`.
pub fn parse_incident_id(id: &str) -> Option<(i64, i64)> {
    let (a, b) = id.split_once('-')?;
    let pk = a.parse::<i64>().ok()?;
    let idx = b.parse::<i64>().ok()?;
    (pk >= 0 && idx >= 0).then_some((pk, idx))
}

fn span_of(text: Option<String>, start: Option<i64>, end: Option<i64>) -> Option<Span> {
    match (text, start, end) {
        (Some(text), Some(start), Some(end)) => Some(Span { text, start, end }),
        _ => None,
    }
}

/// One incident with its reports.
pub fn incident(conn: &Connection, id: &str) -> Result<Option<Incident>, ApiError> {
    let Some((pk, idx)) = parse_incident_id(id) else {
        return Err(ApiError::bad(format!("malformed incident id {id:?}: expected DOC-INDEX, e.g. 3-0")));
    };
    let sql = format!("SELECT {} FROM events e JOIN documents d ON d.pk = e.doc WHERE e.doc = ?1 AND e.idx = ?2", summary_cols());
    let Some(summary) = conn.query_row(&sql, [pk, idx], summary_of).optional()? else {
        return Ok(None);
    };
    let report = conn.query_row(
        "SELECT d.id, d.title, d.lang, d.published, d.source, e.idx, e.type,
                e.trigger_text, e.trigger_start, e.trigger_end,
                substr(d.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), e.evidence_start, e.evidence_end,
                e.actor_text, e.actor_start, e.actor_end, e.recipient_text, e.recipient_start, e.recipient_end,
                e.place_text, e.place_start, e.place_end, e.date_text, e.date_start, e.date_end,
                e.fatalities, e.injured, e.negated, e.hypothetical, e.confidence
         FROM events e JOIN documents d ON d.pk = e.doc WHERE e.doc = ?1 AND e.idx = ?2",
        [pk, idx],
        |r| {
            Ok(Report {
                document: DocBrief {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    lang: r.get(2)?,
                    published: r.get(3)?,
                    source: r.get(4)?,
                },
                event_index: r.get(5)?,
                kind: r.get(6)?,
                trigger: Span { text: r.get(7)?, start: r.get(8)?, end: r.get(9)? },
                evidence: Span { text: r.get(10)?, start: r.get(11)?, end: r.get(12)? },
                actor: span_of(r.get(13)?, r.get(14)?, r.get(15)?),
                recipient: span_of(r.get(16)?, r.get(17)?, r.get(18)?),
                place: span_of(r.get(19)?, r.get(20)?, r.get(21)?),
                date: span_of(r.get(22)?, r.get(23)?, r.get(24)?),
                fatalities: r.get(25)?,
                injured: r.get(26)?,
                negated: r.get::<_, i64>(27)? != 0,
                hypothetical: r.get::<_, i64>(28)? != 0,
                confidence: r.get(29)?,
            })
        },
    )?;
    Ok(Some(Incident { summary, reports: vec![report] }))
}

/// Stored documents, newest first.
pub fn documents(conn: &Connection, lang: Option<&str>, limit: u64, offset: u64) -> Result<(u64, Vec<DocListItem>), ApiError> {
    let (wh, p): (&str, Vec<Value>) = match lang {
        Some(l) => ("WHERE d.lang = ?1", vec![Value::Text(l.to_string())]),
        None => ("", vec![]),
    };
    let total: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM documents d {wh}"), params_from_iter(p.iter()), |r| r.get(0))?;
    let mut p2 = p.clone();
    p2.push(Value::Integer(limit as i64));
    p2.push(Value::Integer(offset as i64));
    let n = p2.len();
    let sql = format!(
        "SELECT d.id, d.title, d.lang, d.published, d.source, d.char_len,
                (SELECT COUNT(*) FROM events e WHERE e.doc = d.pk)
         FROM documents d {wh} ORDER BY d.published DESC, d.pk LIMIT ?{} OFFSET ?{}",
        n - 1,
        n
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st
        .query_map(params_from_iter(p2.iter()), |r| {
            Ok(DocListItem {
                doc: DocBrief { id: r.get(0)?, title: r.get(1)?, lang: r.get(2)?, published: r.get(3)?, source: r.get(4)? },
                chars: r.get(5)?,
                events: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total.max(0) as u64, rows))
}

fn actor_item(conn: &Connection, r: &Row) -> rusqlite::Result<ActorItem> {
    let id: String = r.get(0)?;
    let aliases = conn
        .prepare_cached("SELECT alias FROM actor_aliases WHERE actor_id = ?1 ORDER BY alias LIMIT 50")?
        .query_map([&id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ActorItem {
        actor_id: id,
        name: r.get(1)?,
        name_ar: r.get(2)?,
        actor_type: r.get(3)?,
        sector: r.get(4)?,
        country: r.get(5)?,
        known: r.get::<_, i64>(6)? != 0,
        aliases,
        mentions: r.get(7)?,
        events: r.get(8)?,
    })
}

const ACTOR_COLS: &str = "a.actor_id, a.name, a.name_ar, a.actor_type, a.sector, a.country, a.known,
     (SELECT COUNT(*) FROM actor_mentions m WHERE m.actor_id = a.actor_id),
     (SELECT COUNT(*) FROM events e WHERE (e.actor_id = a.actor_id OR e.recipient_id = a.actor_id) AND e.negated = 0 AND e.hypothetical = 0)";

/// Actors, most mentioned first; `q` matches names and aliases.
pub fn actors(conn: &Connection, q: Option<&str>, limit: u64, offset: u64) -> Result<(u64, Vec<ActorItem>), ApiError> {
    let (wh, p): (String, Vec<Value>) = match q {
        Some(q) => (
            "WHERE a.actor_id = ?1 OR a.name LIKE ?2 ESCAPE '\\' OR a.name_ar LIKE ?2 ESCAPE '\\' OR EXISTS \
             (SELECT 1 FROM actor_aliases x WHERE x.actor_id = a.actor_id AND x.alias LIKE ?2 ESCAPE '\\')"
                .into(),
            vec![Value::Text(q.to_string()), Value::Text(like(q))],
        ),
        None => (String::new(), vec![]),
    };
    let total: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM actors a {wh}"), params_from_iter(p.iter()), |r| r.get(0))?;
    let mut p2 = p.clone();
    p2.push(Value::Integer(limit as i64));
    p2.push(Value::Integer(offset as i64));
    let n = p2.len();
    let sql = format!("SELECT {ACTOR_COLS} FROM actors a {wh} ORDER BY 8 DESC, a.actor_id LIMIT ?{} OFFSET ?{}", n - 1, n);
    let mut st = conn.prepare(&sql)?;
    let rows = st
        .query_map(params_from_iter(p2.iter()), |r| actor_item(conn, r))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total.max(0) as u64, rows))
}

/// One actor with its relations (both directions) and events.
pub fn actor(conn: &Connection, id: &str) -> Result<Option<ActorDetail>, ApiError> {
    let item = conn
        .query_row(&format!("SELECT {ACTOR_COLS} FROM actors a WHERE a.actor_id = ?1"), [id], |r| actor_item(conn, r))
        .optional()?;
    let Some(item) = item else { return Ok(None) };
    let mut st = conn.prepare(
        "SELECT r.actor_id, (SELECT name FROM actors WHERE actor_id = r.actor_id), r.relation, r.target,
                (SELECT name FROM actors WHERE actor_id = r.target), d.id,
                substr(d.text, r.evidence_start + 1, r.evidence_end - r.evidence_start), r.evidence_start, r.evidence_end
         FROM actor_relations r JOIN documents d ON d.pk = r.doc
         WHERE r.actor_id = ?1 OR r.target = ?1 ORDER BY r.doc, r.evidence_start LIMIT 200",
    )?;
    let relations = st
        .query_map([id], |r| {
            Ok(RelationItem {
                actor_id: r.get(0)?,
                actor_name: r.get(1)?,
                relation: r.get(2)?,
                target: r.get(3)?,
                target_name: r.get(4)?,
                document: r.get(5)?,
                evidence: Span { text: r.get(6)?, start: r.get(7)?, end: r.get(8)? },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let f = EventFilter { actor: Some(id.to_string()), limit: 200, ..Default::default() };
    let (_, events) = events(conn, &f)?;
    // only events where this actor is the resolved actor or recipient
    let events = events
        .into_iter()
        .filter(|e| {
            e.actor.as_ref().and_then(|a| a.id.as_deref()) == Some(id)
                || e.recipient.as_ref().and_then(|a| a.id.as_deref()) == Some(id)
        })
        .collect();
    Ok(Some(ActorDetail { actor: item, relations, events }))
}
