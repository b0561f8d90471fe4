//! Read queries over incidents and actors, for `marsad events`, the
//! exports and the HTTP API. All results are `serde`-serialisable.

use crate::countries;
use anyhow::Result;
use marsad_store::db::Value;
use marsad_store::db::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Filters of `marsad events`, the exports and `/api/events`. Every field is
/// optional; empty strings are ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// PLOVER types or ACLED event types, comma-separated (any of them;
    /// case-insensitive): `ASSAULT`, `PROTEST,Riots`.
    pub kind: Option<String>,
    /// Actor id (`kb:isis`), or part of an actor's name or text, as actor or
    /// recipient of any report of the incident.
    pub actor: Option<String>,
    /// Countries, comma-separated: ISO alpha-3, alpha-2 or English name.
    pub country: Option<String>,
    /// First-level administrative code as stored (e.g. `IQ.07`), or the
    /// name of the place of the incident.
    pub admin1: Option<String>,
    /// Inclusive, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    /// min lon, min lat, max lon, max lat.
    pub bbox: Option<[f64; 4]>,
    pub min_fatalities: Option<u32>,
    /// Words that must all occur in a reporting document (Arabic-aware
    /// full-text search, as `marsad search`).
    pub text: Option<String>,
    /// At most this many (none: all).
    pub limit: Option<u64>,
    pub offset: u64,
    /// Oldest first (default: newest first).
    pub ascending: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorBrief {
    pub id: Option<String>,
    pub name: Option<String>,
    pub actor_type: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
}

/// One incident as listed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidentSummary {
    pub id: i64,
    /// PLOVER event type.
    #[serde(rename = "type")]
    pub kind: String,
    pub acled_event_type: Option<String>,
    pub acled_sub_event_type: Option<String>,
    /// ISO day: the most precise date reported (for a month, its first
    /// day; for undated reports, the publication date).
    pub date: Option<String>,
    /// `day`, `week`, `month` or `published`.
    pub date_precision: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub place: Option<String>,
    pub geonameid: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// `city`, `feature`, `region` or `country`.
    pub geo_precision: Option<String>,
    /// The smallest figure reported (ACLED's conservative rule).
    pub fatalities: Option<i64>,
    pub injured: Option<i64>,
    pub arrested: Option<i64>,
    pub actor: Option<ActorBrief>,
    pub recipient: Option<ActorBrief>,
    pub n_reports: i64,
    pub n_documents: i64,
    /// Sources (document `source`, else id) in order of first report.
    pub sources: Vec<String>,
    /// Ids of the reporting documents.
    pub documents: Vec<String>,
    /// Title of the first report's document.
    pub title: Option<String>,
    /// Trigger of the first report.
    pub trigger: Option<String>,
    /// PLOVER mode of the first report.
    pub mode: Option<String>,
    /// The sentence of the first report (its evidence span).
    pub evidence: Option<String>,
    /// Unix time of the last change.
    pub updated_at: i64,
    /// `unreviewed`, `accepted` or `edited` (rejected incidents are not listed).
    #[serde(default)]
    pub review_status: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub start: i64,
    pub end: i64,
    pub text: String,
}

/// One report of an incident: an event found in one sentence of one
/// document, with its evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Document id (as in `/api/documents/{id}`).
    pub doc: String,
    /// Index of the event in the document's `events`.
    pub event_index: i64,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub lang: String,
    /// The sentence, char offsets into the document text.
    pub sentence: Span,
    pub trigger: Span,
    /// The event as extracted (the `Document::events` JSON object).
    pub event: serde_json::Value,
    /// The document this one nearly copies (earliest of its group), if any.
    pub near_duplicate_of: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    #[serde(flatten)]
    pub summary: IncidentSummary,
    pub reports: Vec<Report>,
}

const SUMMARY_COLS: &str = "i.id, i.type, i.acled_event_type, i.acled_sub_event_type, i.date, i.date_precision, i.country,
    i.admin1, i.place, i.geonameid, i.lat, i.lon, i.geo_precision, i.fatalities, i.injured, i.arrested,
    i.actor_id, i.actor_name, a.actor_type, a.sector, a.country,
    i.recipient_id, i.recipient_name, b.actor_type, b.sector, b.country,
    i.n_reports, i.n_documents, i.sources, d.title, e.trigger_text,
    substr(d.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), i.updated_at, e.mode, i.review_status";

const SUMMARY_FROM: &str = "FROM incidents i
    LEFT JOIN actors a ON a.actor_id = i.actor_id
    LEFT JOIN actors b ON b.actor_id = i.recipient_id
    LEFT JOIN documents d ON d.pk = i.first_doc
    LEFT JOIN events e ON e.doc = i.first_doc AND e.idx = i.first_idx";

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn list(s: &Option<String>) -> Vec<String> {
    nonempty(s)
        .map(|s| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
        .unwrap_or_default()
}

/// The WHERE clause and its parameters.
fn where_clause(conn: &Connection, f: &EventFilter) -> Result<(String, Vec<Value>)> {
    // a rejected incident stays stored (its decision is kept) but leaves
    // the dataset: it is in the deletions list instead
    let mut w: Vec<String> = vec!["i.review_status != 'rejected'".into()];
    let mut p: Vec<Value> = Vec::new();
    let add = |p: &mut Vec<Value>, v: Value| -> String {
        p.push(v);
        format!("?{}", p.len())
    };
    let kinds = list(&f.kind);
    if !kinds.is_empty() {
        let mut alts = Vec::new();
        for k in kinds {
            let a = add(&mut p, Value::Text(k.to_uppercase()));
            let b = add(&mut p, Value::Text(k.to_lowercase()));
            alts.push(format!("upper(i.type) = {a} OR lower(i.acled_event_type) = {b} OR lower(i.acled_sub_event_type) = {b}"));
        }
        w.push(format!("({})", alts.join(" OR ")));
    }
    if let Some(a) = nonempty(&f.actor) {
        let id = add(&mut p, Value::Text(a.to_string()));
        let like = add(&mut p, Value::Text(format!("%{}%", a.replace(['%', '_'], ""))));
        w.push(format!(
            "(i.actor_id = {id} OR i.recipient_id = {id} OR i.actor_name LIKE {like} OR i.recipient_name LIKE {like}
              OR i.id IN (SELECT r.incident FROM incident_reports r JOIN events e ON e.doc = r.doc AND e.idx = r.idx
                          WHERE r.incident IS NOT NULL AND (e.actor_id = {id} OR e.recipient_id = {id}
                             OR e.actor_text LIKE {like} OR e.recipient_text LIKE {like}
                             OR e.actor_name LIKE {like} OR e.recipient_name LIKE {like})))"
        ));
    }
    let countries = list(&f.country);
    if !countries.is_empty() {
        let mut alts = Vec::new();
        for c in countries {
            let iso3 = countries::lookup(&c).map(|x| x.iso3.to_string()).unwrap_or_else(|| c.to_uppercase());
            alts.push(add(&mut p, Value::Text(iso3)));
        }
        w.push(format!("i.country IN ({})", alts.join(",")));
    }
    if let Some(a) = nonempty(&f.admin1) {
        let x = add(&mut p, Value::Text(a.to_lowercase()));
        // A region's name (Diyala, ديالى, Diyala Governorate) means its code.
        let mut alts = vec![format!("lower(i.admin1) = {x}"), format!("lower(i.place) = {x}")];
        for code in crate::admin::admin1_codes_named(a) {
            let c = add(&mut p, Value::Text(code.to_lowercase()));
            alts.push(format!("lower(i.admin1) = {c}"));
        }
        w.push(format!("({})", alts.join(" OR ")));
    }
    if let Some(d) = nonempty(&f.date_from) {
        let (lo, _) = crate::dates::interval(d).ok_or_else(|| anyhow::anyhow!("bad date {d:?} (use YYYY, YYYY-MM or YYYY-MM-DD)"))?;
        let x = add(&mut p, Value::Integer(lo));
        w.push(format!("i.day >= {x}"));
    }
    if let Some(d) = nonempty(&f.date_to) {
        let (_, hi) = crate::dates::interval(d).ok_or_else(|| anyhow::anyhow!("bad date {d:?} (use YYYY, YYYY-MM or YYYY-MM-DD)"))?;
        let x = add(&mut p, Value::Integer(hi));
        w.push(format!("i.day <= {x}"));
    }
    if let Some([a, b, c, d]) = f.bbox {
        if [a, b, c, d].iter().any(|v| !v.is_finite()) || a > c || b > d {
            anyhow::bail!("bad bbox (min lon, min lat, max lon, max lat)");
        }
        let (a, b, c, d) = (add(&mut p, a.into()), add(&mut p, b.into()), add(&mut p, c.into()), add(&mut p, d.into()));
        w.push(format!("i.lon BETWEEN {a} AND {c} AND i.lat BETWEEN {b} AND {d}"));
    }
    if let Some(m) = f.min_fatalities {
        let x = add(&mut p, Value::Integer(m as i64));
        w.push(format!("i.fatalities >= {x}"));
    }
    if let Some(t) = nonempty(&f.text) {
        let q = marsad_store::keys::Query::parse(t);
        if !q.is_empty() {
            if conn.is_pg() {
                let x = add(&mut p, Value::Text(marsad_store::search::pg_tsquery(&q)));
                w.push(format!(
                    "i.id IN (SELECT r.incident FROM incident_reports r WHERE r.incident IS NOT NULL
                              AND r.doc IN (SELECT rowid FROM doc_fts WHERE fts @@ CAST({x} AS TEXT)::tsquery))"
                ));
            } else {
                let x = add(&mut p, Value::Text(q.fts()));
                w.push(format!(
                    "i.id IN (SELECT r.incident FROM incident_reports r WHERE r.incident IS NOT NULL
                              AND r.doc IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH {x}))"
                ));
            }
        }
    }
    Ok((w.join(" AND "), p))
}

fn brief(id: Option<String>, name: Option<String>, t: Option<String>, s: Option<String>, c: Option<String>) -> Option<ActorBrief> {
    (id.is_some() || name.is_some()).then_some(ActorBrief { id, name, actor_type: t, sector: s, country: c })
}

fn summary_of(conn: &Connection, r: &marsad_store::db::Row) -> marsad_store::db::Result<IncidentSummary> {
    let id: i64 = r.get(0)?;
    let sources: String = r.get(28)?;
    let mut q = conn.prepare_cached(
        "SELECT d.id FROM incident_reports r JOIN documents d ON d.pk = r.doc WHERE r.incident = ?1
         GROUP BY r.doc, d.id ORDER BY r.doc",
    )?;
    let documents = q.query_map([id], |x| x.get(0))?.collect::<marsad_store::db::Result<Vec<String>>>()?;
    Ok(IncidentSummary {
        id,
        kind: r.get(1)?,
        acled_event_type: r.get(2)?,
        acled_sub_event_type: r.get(3)?,
        date: r.get(4)?,
        date_precision: r.get(5)?,
        country: r.get(6)?,
        admin1: r.get(7)?,
        place: r.get(8)?,
        geonameid: r.get(9)?,
        lat: r.get(10)?,
        lon: r.get(11)?,
        geo_precision: r.get(12)?,
        fatalities: r.get(13)?,
        injured: r.get(14)?,
        arrested: r.get(15)?,
        actor: brief(r.get(16)?, r.get(17)?, r.get(18)?, r.get(19)?, r.get(20)?),
        recipient: brief(r.get(21)?, r.get(22)?, r.get(23)?, r.get(24)?, r.get(25)?),
        n_reports: r.get(26)?,
        n_documents: r.get(27)?,
        sources: serde_json::from_str(&sources).unwrap_or_default(),
        documents,
        title: r.get(29)?,
        trigger: r.get(30)?,
        evidence: r.get(31)?,
        updated_at: r.get(32)?,
        mode: r.get(33)?,
        review_status: r.get(34)?,
    })
}

/// Call `each` on every incident matching `f` (in date order, paged by
/// `limit`/`offset`), streaming; returns how many were visited.
pub fn for_each_event(conn: &Connection, f: &EventFilter, mut each: impl FnMut(IncidentSummary) -> Result<()>) -> Result<u64> {
    let (w, mut p) = where_clause(conn, f)?;
    let dir = if f.ascending { "ASC" } else { "DESC" };
    let lim = p.len() + 1;
    // no limit: -1 in SQLite, NULL in PostgreSQL
    p.push(match f.limit {
        Some(l) => Value::Integer(l.min(i64::MAX as u64) as i64),
        None if conn.is_pg() => Value::Null,
        None => Value::Integer(-1),
    });
    p.push(Value::Integer(f.offset.min(i64::MAX as u64) as i64));
    let sql = format!(
        "SELECT {SUMMARY_COLS} {SUMMARY_FROM} WHERE {w} ORDER BY i.day IS NULL, i.day {dir}, i.id {dir} LIMIT ?{lim} OFFSET ?{}",
        lim + 1
    );
    let mut st = conn.prepare(&sql)?;
    let mut n = 0;
    st.query_each(params_from_iter(p), |r| -> Result<()> {
        each(summary_of(conn, r)?)?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// The incidents matching `f`: (total matching, the requested page).
pub fn events(conn: &Connection, f: &EventFilter) -> Result<(u64, Vec<IncidentSummary>)> {
    let (w, p) = where_clause(conn, f)?;
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM incidents i WHERE {w}"), params_from_iter(p), |r| r.get(0))?;
    let mut out = Vec::new();
    for_each_event(conn, f, |s| {
        out.push(s);
        Ok(())
    })?;
    Ok((total as u64, out))
}

/// One incident with all its reports and their evidence.
pub fn incident(conn: &Connection, id: i64) -> Result<Option<Incident>> {
    let sql = format!("SELECT {SUMMARY_COLS} {SUMMARY_FROM} WHERE i.id = ?1");
    let summary = conn.query_row(&sql, [id], |r| summary_of(conn, r)).optional()?;
    let Some(summary) = summary else { return Ok(None) };
    let mut st = conn.prepare(
        "SELECT d.pk, d.id, d.title, d.source, d.published, d.lang, d.annotated, r.idx,
                e.trigger_start, e.trigger_end, e.trigger_text, e.evidence_start, e.evidence_end, e.sentence,
                (SELECT x.id FROM doc_links l JOIN documents x ON x.pk = l.duplicate_of WHERE l.doc = d.pk)
         FROM incident_reports r JOIN documents d ON d.pk = r.doc JOIN events e ON e.doc = r.doc AND e.idx = r.idx
         WHERE r.incident = ?1 ORDER BY r.doc, r.idx",
    )?;
    let mut rows = st.query([id])?;
    let mut reports = Vec::new();
    let mut cache: Option<(i64, serde_json::Value)> = None;
    while let Some(r) = rows.next()? {
        let pk: i64 = r.get(0)?;
        if cache.as_ref().map(|c| c.0) != Some(pk) {
            let j: String = r.get(6)?;
            cache = Some((pk, serde_json::from_str(&j).unwrap_or(serde_json::Value::Null)));
        }
        let doc = &cache.as_ref().map(|c| &c.1).cloned().unwrap_or_default();
        let idx: i64 = r.get(7)?;
        let sent: i64 = r.get(13)?;
        let (mut s0, mut s1): (i64, i64) = (r.get(11)?, r.get(12)?);
        if let Some(s) = doc.get("sentences").and_then(|v| v.get(sent as usize)) {
            if let (Some(a), Some(b)) = (s.get("start").and_then(|v| v.as_i64()), s.get("end").and_then(|v| v.as_i64())) {
                s0 = a;
                s1 = b;
            }
        }
        let text: String = conn.query_row(
            "SELECT substr(text, ?2 + 1, ?3 - ?2) FROM documents WHERE pk = ?1",
            params![pk, s0, s1],
            |x| x.get(0),
        )?;
        reports.push(Report {
            doc: r.get(1)?,
            event_index: idx,
            title: r.get(2)?,
            source: r.get(3)?,
            published: r.get(4)?,
            lang: r.get(5)?,
            sentence: Span { start: s0, end: s1, text },
            trigger: Span { start: r.get(8)?, end: r.get(9)?, text: r.get(10)? },
            event: doc.get("events").and_then(|v| v.get(idx as usize)).cloned().unwrap_or_default(),
            near_duplicate_of: r.get(14)?,
        });
    }
    Ok(Some(Incident { summary, reports }))
}

/// An actor as listed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorItem {
    pub id: String,
    pub name: String,
    pub name_ar: Option<String>,
    pub actor_type: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    pub known: bool,
    /// Mentions across documents.
    pub mentions: i64,
    /// Incidents where it is actor or recipient.
    pub incidents: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub relation: String,
    pub target: String,
    pub target_name: Option<String>,
    /// Document id and evidence span (char offsets).
    pub doc: String,
    pub evidence: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorDetail {
    #[serde(flatten)]
    pub actor: ActorItem,
    /// Spellings seen across documents.
    pub aliases: Vec<String>,
    /// Relations stated about it (and to it, `relation` prefixed `of:`).
    pub relations: Vec<Relation>,
    /// Its incidents, newest first (at most 500).
    pub incidents: Vec<IncidentSummary>,
}

const ACTOR_COLS: &str = "a.actor_id, a.name, a.name_ar, a.actor_type, a.sector, a.country, a.known,
    (SELECT count(*) FROM actor_mentions m WHERE m.actor_id = a.actor_id),
    (SELECT count(*) FROM incidents i WHERE i.actor_id = a.actor_id OR i.recipient_id = a.actor_id)";

fn actor_item(r: &marsad_store::db::Row) -> marsad_store::db::Result<ActorItem> {
    Ok(ActorItem {
        id: r.get(0)?,
        name: r.get(1)?,
        name_ar: r.get(2)?,
        actor_type: r.get(3)?,
        sector: r.get(4)?,
        country: r.get(5)?,
        known: r.get::<_, i64>(6)? != 0,
        mentions: r.get(7)?,
        incidents: r.get(8)?,
    })
}

/// Actors whose id, name or any alias matches `q` (all when empty), most
/// mentioned first: (total, page).
pub fn actors(conn: &Connection, q: Option<&str>, limit: u64, offset: u64) -> Result<(u64, Vec<ActorItem>)> {
    let q = q.map(str::trim).filter(|s| !s.is_empty());
    let (w, p): (&str, Vec<Value>) = match q {
        None => ("1 = 1", vec![]),
        Some(q) => (
            "(a.actor_id = ?1 OR a.name LIKE ?2 OR a.name_ar LIKE ?2 OR a.actor_id IN
               (SELECT actor_id FROM actor_aliases WHERE key = ?3 OR alias LIKE ?2))",
            vec![
                Value::Text(q.to_string()),
                Value::Text(format!("%{}%", q.replace(['%', '_'], ""))),
                Value::Text(marsad_text::key(q)),
            ],
        ),
    };
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM actors a WHERE {w}"), params_from_iter(p.clone()), |r| r.get(0))?;
    let n = p.len();
    let mut p = p;
    p.push(Value::Integer(limit.min(i64::MAX as u64) as i64));
    p.push(Value::Integer(offset.min(i64::MAX as u64) as i64));
    let sql = format!(
        "SELECT {ACTOR_COLS} FROM actors a WHERE {w} ORDER BY 8 DESC, a.actor_id LIMIT ?{} OFFSET ?{}",
        n + 1,
        n + 2
    );
    let mut st = conn.prepare(&sql)?;
    let v = st.query_map(params_from_iter(p), actor_item)?.collect::<marsad_store::db::Result<_>>()?;
    Ok((total as u64, v))
}

/// One actor with its aliases, relations and incidents.
pub fn actor(conn: &Connection, id: &str) -> Result<Option<ActorDetail>> {
    let item = conn
        .query_row(&format!("SELECT {ACTOR_COLS} FROM actors a WHERE a.actor_id = ?1"), [id], actor_item)
        .optional()?;
    let Some(actor) = item else { return Ok(None) };
    let aliases = conn
        .prepare("SELECT alias FROM actor_aliases WHERE actor_id = ?1 ORDER BY alias")?
        .query_map([id], |r| r.get(0))?
        .collect::<marsad_store::db::Result<Vec<String>>>()?;
    let mut relations = Vec::new();
    {
        let mut st = conn.prepare(
            "SELECT CASE WHEN x.actor_id = ?1 THEN x.relation ELSE 'of:' || x.relation END,
                    CASE WHEN x.actor_id = ?1 THEN x.target ELSE x.actor_id END,
                    t.name, d.id, x.evidence_start, x.evidence_end,
                    substr(d.text, x.evidence_start + 1, x.evidence_end - x.evidence_start)
             FROM actor_relations x JOIN documents d ON d.pk = x.doc
             LEFT JOIN actors t ON t.actor_id = CASE WHEN x.actor_id = ?1 THEN x.target ELSE x.actor_id END
             WHERE x.actor_id = ?1 OR x.target = ?1 ORDER BY x.doc, x.evidence_start LIMIT 500",
        )?;
        let mut rows = st.query([id])?;
        while let Some(r) = rows.next()? {
            relations.push(Relation {
                relation: r.get(0)?,
                target: r.get(1)?,
                target_name: r.get(2)?,
                doc: r.get(3)?,
                evidence: Span { start: r.get(4)?, end: r.get(5)?, text: r.get(6)? },
            });
        }
    }
    let mut incidents = Vec::new();
    {
        let sql = format!(
            "SELECT {SUMMARY_COLS} {SUMMARY_FROM} WHERE i.id IN (
                SELECT r.incident FROM incident_reports r JOIN events e ON e.doc = r.doc AND e.idx = r.idx
                WHERE r.incident IS NOT NULL AND (e.actor_id = ?1 OR e.recipient_id = ?1))
             ORDER BY i.day IS NULL, i.day DESC, i.id DESC LIMIT 500"
        );
        let mut st = conn.prepare(&sql)?;
        let mut rows = st.query([id])?;
        while let Some(r) = rows.next()? {
            incidents.push(summary_of(conn, r)?);
        }
    }
    Ok(Some(ActorDetail { actor, aliases, relations, incidents }))
}
