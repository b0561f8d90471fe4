//! What the review loop gives back: the queue of events ordered by need,
//! the pipeline's per-field agreement with reviewers over time, and
//! reviewed events as gold JSON Lines (with offsets) to score the pipeline.

use crate::review::{event_state, same_value, EVENT_FIELDS};
use crate::sync;
use anyhow::Result;
use marsad_store::db::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

/// Confidence under which an event is "low confidence" in the queue.
pub const LOW_CONFIDENCE: f64 = 0.6;

/// One event waiting for review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QueueItem {
    pub uid: String,
    pub incident: Option<i64>,
    #[serde(rename = "type")]
    pub kind: String,
    pub confidence: f64,
    /// Higher first.
    pub need: f64,
    /// Why it is in the queue.
    pub why: Vec<String>,
    pub title: Option<String>,
    pub trigger: String,
    pub actor: Option<String>,
    /// `unreviewed`, or the status of a flagged reviewed event.
    pub status: String,
}

/// Events to review, most needed first: reviewed events the machine now
/// disagrees with, then unreviewed incident reports scored by low
/// confidence, disagreement between the reports of their incident (type,
/// actor, fatalities) and actors not in the knowledge base. Returns (total, page).
pub fn queue(conn: &Connection, limit: usize, offset: usize) -> Result<(u64, Vec<QueueItem>)> {
    // disagreement within each incident
    let mut spread: HashMap<i64, (i64, i64, i64, i64)> = HashMap::new();
    {
        let mut q = conn.prepare(
            "SELECT r.incident, count(DISTINCT e.type), count(DISTINCT coalesce(e.actor_id, e.actor_name, e.actor_text)),
                    count(DISTINCT e.fatalities), count(*)
             FROM incident_reports r JOIN events e ON e.doc = r.doc AND e.idx = r.idx
             WHERE r.incident IS NOT NULL GROUP BY r.incident",
        )?;
        for row in q.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))))? {
            let (id, v) = row?;
            spread.insert(id, v);
        }
    }
    let reviewed: HashSet<String> = {
        let mut q = conn.prepare("SELECT uid FROM event_reviews WHERE status != 'unreviewed'")?;
        let v = q.query_map([], |r| r.get(0))?.collect::<marsad_store::db::Result<_>>()?;
        v
    };
    let mut items: Vec<QueueItem> = Vec::new();
    {
        let mut q = conn.prepare(
            "SELECT d.id, e.trigger_start, e.trigger_end, r.incident, e.type, e.confidence, d.title, e.trigger_text,
                    coalesce(e.actor_name, e.actor_text), e.actor_id, e.actor_text IS NOT NULL,
                    (SELECT known FROM actors a WHERE a.actor_id = e.actor_id)
             FROM incident_reports r JOIN events e ON e.doc = r.doc AND e.idx = r.idx JOIN documents d ON d.pk = r.doc
             WHERE r.status = 'incident' AND r.incident IS NOT NULL",
        )?;
        let rows = q.query_map([], |r| {
            Ok((
                sync::event_uid(&r.get::<_, String>(0)?, r.get(1)?, r.get(2)?),
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, f64>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, bool>(10)?,
                r.get::<_, Option<bool>>(11)?,
            ))
        })?;
        for row in rows {
            let (uid, incident, kind, confidence, title, trigger, actor, actor_id, has_actor, known) = row?;
            if reviewed.contains(&uid) {
                continue;
            }
            let mut why = Vec::new();
            let mut need = 0.0;
            if confidence < LOW_CONFIDENCE {
                need += 1.0 - confidence;
                why.push(format!("low confidence {confidence:.2}"));
            }
            if let Some((types, actors, tolls, n)) = incident.and_then(|i| spread.get(&i)) {
                if *n > 1 && *types > 1 {
                    need += 0.5;
                    why.push("reports of its incident disagree on the type".into());
                }
                if *n > 1 && *actors > 1 {
                    need += 0.3;
                    why.push("reports of its incident disagree on the actor".into());
                }
                if *n > 1 && *tolls > 1 {
                    need += 0.2;
                    why.push("reports of its incident disagree on fatalities".into());
                }
            }
            let in_kb = actor_id.as_deref().is_some_and(|a| a.starts_with("kb:") || a.starts_with("state:")) || known == Some(true);
            if has_actor && !in_kb {
                need += 0.3;
                why.push(format!("actor not in the knowledge base: «{}»", actor.clone().unwrap_or_default()));
            }
            items.push(QueueItem { uid, incident, kind, confidence, need, why, title, trigger, actor, status: "unreviewed".into() });
        }
    }
    // reviewed events the machine now disagrees with come first
    {
        let uids: Vec<String> = {
            let mut q = conn.prepare("SELECT uid FROM event_reviews WHERE status != 'unreviewed' ORDER BY uid")?;
            let v = q.query_map([], |r| r.get(0))?.collect::<marsad_store::db::Result<_>>()?;
            v
        };
        for uid in uids {
            let Some(st) = event_state(conn, &uid)? else { continue };
            if st.flags.is_empty() {
                continue;
            }
            items.push(QueueItem {
                uid,
                incident: st.incident,
                kind: st.fields.get("type").and_then(|t| t.get("type")).and_then(Value::as_str).unwrap_or("").to_string(),
                confidence: st.confidence.unwrap_or(0.0),
                need: 10.0,
                why: st.flags.clone(),
                title: st.title.clone(),
                trigger: st.trigger.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
                actor: st.fields.get("actor").and_then(|a| a.get("text").or(a.get("name"))).and_then(Value::as_str).map(str::to_string),
                status: st.status.clone(),
            });
        }
    }
    items.sort_by(|a, b| b.need.partial_cmp(&a.need).unwrap_or(std::cmp::Ordering::Equal).then_with(|| a.confidence.partial_cmp(&b.confidence).unwrap_or(std::cmp::Ordering::Equal)).then_with(|| a.uid.cmp(&b.uid)));
    let total = items.len() as u64;
    Ok((total, items.into_iter().skip(offset).take(limit).collect()))
}

/// Fields scored for agreement (`event`: the machine's event was kept).
pub const AGREEMENT_FIELDS: &[&str] = &["event", "type", "actor", "recipient", "place", "date", "fatalities", "injured", "modality"];

/// Per-field agreement of the pipeline with reviewers in one period.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AgreementRow {
    /// A day (`YYYY-MM-DD`) of review, or `all`.
    pub period: String,
    pub reviewed: u64,
    /// Field → share of reviewed events where the machine's value stood (0–1).
    pub agreement: BTreeMap<String, f64>,
}

/// How often the machine's values stood after review, per field, per day
/// of review and overall (events reviewed as accepted, edited or rejected;
/// a rejected event counts against `event` only).
pub fn agreement(conn: &Connection) -> Result<Vec<AgreementRow>> {
    let mut q = conn.prepare("SELECT substr(reviewed_at, 1, 10), status, fields FROM event_reviews WHERE status != 'unreviewed' ORDER BY reviewed_at")?;
    let mut by: BTreeMap<String, (u64, BTreeMap<String, (u64, u64)>)> = BTreeMap::new();
    for row in q.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))? {
        let (day, status, fields) = row?;
        let edited: Map<String, Value> = serde_json::from_str(&fields).unwrap_or_default();
        for period in [day, "all".to_string()] {
            let e = by.entry(period).or_default();
            e.0 += 1;
            let ok = status != "rejected";
            let c = e.1.entry("event".into()).or_default();
            c.1 += 1;
            c.0 += ok as u64;
            if ok {
                for f in &AGREEMENT_FIELDS[1..] {
                    let c = e.1.entry(f.to_string()).or_default();
                    c.1 += 1;
                    c.0 += !edited.contains_key(*f) as u64;
                }
            }
        }
    }
    let mut out: Vec<AgreementRow> = by
        .into_iter()
        .map(|(period, (n, m))| AgreementRow {
            period,
            reviewed: n,
            agreement: m.into_iter().map(|(f, (a, t))| (f, if t == 0 { 0.0 } else { a as f64 / t as f64 })).collect(),
        })
        .collect();
    // "all" last
    out.sort_by_key(|r| (r.period == "all", r.period.clone()));
    Ok(out)
}

/// One gold document (a line of `marsad export --reviewed`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct GoldDoc {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub lang: String,
    pub text: String,
    /// Accepted and edited events, with the reviewed values.
    pub events: Vec<GoldEvent>,
    /// Rejected events: the pipeline should not report them.
    pub rejected: Vec<GoldEvent>,
}

/// A reviewed event: spans are code points into `text`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct GoldEvent {
    pub uid: String,
    pub status: String,
    pub trigger: crate::query::Span,
    pub evidence: crate::query::Span,
    /// The values in force (fields as in the review API), with `start`/`end`
    /// on actor and recipient where the text is found in the evidence.
    pub fields: Map<String, Value>,
    pub edited: Vec<String>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
}

/// Code-point offsets of `needle` in `hay` (first occurrence).
fn find_chars(hay: &str, needle: &str) -> Option<(i64, i64)> {
    let b = hay.find(needle)?;
    let s = hay[..b].chars().count() as i64;
    Some((s, s + needle.chars().count() as i64))
}

/// Write reviewed events as gold JSON Lines, one document a line; returns
/// the number of reviewed events written.
pub fn export_gold(conn: &Connection, out: &mut dyn Write) -> Result<u64> {
    let uids: Vec<(String, String)> = {
        let mut q = conn.prepare("SELECT doc_id, uid FROM event_reviews WHERE status != 'unreviewed' ORDER BY doc_id, trigger_start, uid")?;
        let v = q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<marsad_store::db::Result<_>>()?;
        v
    };
    let mut n = 0;
    let mut i = 0;
    while i < uids.len() {
        let doc_id = uids[i].0.clone();
        let mut j = i;
        while j < uids.len() && uids[j].0 == doc_id {
            j += 1;
        }
        let row: Option<(Option<String>, Option<String>, String, String)> = marsad_store::db::OptionalExtension::optional(conn.query_row(
            "SELECT title, published, lang, text FROM documents WHERE id = ?1",
            [&doc_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        ))?;
        let Some((title, published, lang, text)) = row else {
            i = j;
            continue; // the document is gone: no text to give offsets into
        };
        let mut g = GoldDoc { id: doc_id.clone(), title, published, lang, text: String::new(), events: vec![], rejected: vec![] };
        for (_, uid) in &uids[i..j] {
            let Some(st) = event_state(conn, uid)? else { continue };
            let (Some(trigger), Some(evidence)) = (st.trigger.clone(), st.sentence.clone()) else { continue };
            let mut fields = st.fields.clone();
            for k in ["actor", "recipient"] {
                if !st.edited.iter().any(|e| e == k) {
                    continue;
                }
                if let Some(Value::Object(a)) = fields.get_mut(k) {
                    let t = a.get("text").and_then(Value::as_str).map(str::to_string);
                    let span = t.as_deref().and_then(|t| find_chars(&evidence.text, t));
                    a.insert("start".into(), json!(span.map(|s| s.0 + evidence.start)));
                    a.insert("end".into(), json!(span.map(|s| s.1 + evidence.start)));
                }
            }
            let ge = GoldEvent {
                uid: uid.clone(),
                status: st.status.clone(),
                trigger,
                evidence,
                fields,
                edited: st.edited.clone(),
                reviewer: st.reviewer.clone(),
                reviewed_at: st.reviewed_at.clone(),
            };
            n += 1;
            if st.status == "rejected" {
                g.rejected.push(ge);
            } else {
                g.events.push(ge);
            }
        }
        g.text = text;
        serde_json::to_writer(&mut *out, &g)?;
        out.write_all(b"\n")?;
        i = j;
    }
    Ok(n)
}

/// Per-field scores of predicted events against gold documents.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct GoldScore {
    pub documents: u64,
    /// Gold (accepted/edited) events, and how many the pipeline found at
    /// their trigger.
    pub events: u64,
    pub found: u64,
    /// Rejected events, and how many the pipeline still reports as happened.
    pub rejected: u64,
    pub still_reported: u64,
    /// Field → (agree, scored) over the found events.
    pub fields: BTreeMap<String, (u64, u64)>,
}

/// Score one document's predicted events (from a fresh pipeline run over
/// `gold.text`) against its reviewed events. A gold event is found when a
/// predicted event's trigger overlaps its trigger.
pub fn score_doc(gold: &GoldDoc, predicted: &[marsad_core::Event], s: &mut GoldScore) {
    s.documents += 1;
    let overlap = |e: &marsad_core::Event, t: &crate::query::Span| (e.trigger.start as i64) < t.end && t.start < e.trigger.end as i64;
    for g in &gold.events {
        s.events += 1;
        let Some(p) = predicted.iter().find(|e| overlap(e, &g.trigger)) else { continue };
        s.found += 1;
        let pv = predicted_fields(p);
        for f in EVENT_FIELDS.iter().filter(|f| **f != "mode") {
            let gv = g.fields.get(*f).cloned().unwrap_or(Value::Null);
            let c = s.fields.entry(f.to_string()).or_default();
            c.1 += 1;
            c.0 += same_value(f, &gv, pv.get(*f).unwrap_or(&Value::Null)) as u64;
        }
    }
    for g in &gold.rejected {
        s.rejected += 1;
        let happened = |e: &&marsad_core::Event| !e.negated && !e.hypothetical && !e.generic;
        s.still_reported += predicted.iter().filter(happened).any(|e| overlap(e, &g.trigger)) as u64;
    }
}

/// A predicted event in the review field layout.
pub fn predicted_fields(e: &marsad_core::Event) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".into(), json!({"type": e.kind}));
    for (k, a) in [("actor", &e.actor), ("recipient", &e.recipient)] {
        m.insert(k.into(), a.as_ref().map_or(Value::Null, |a| json!({"id": a.actor_id, "name": a.name, "text": a.text})));
    }
    m.insert(
        "place".into(),
        e.place.as_ref().map_or(Value::Null, |p| json!({"name": p.name.clone().unwrap_or(p.text.clone()), "lat": p.lat, "lon": p.lon, "country": p.country})),
    );
    m.insert("date".into(), json!(e.date.as_ref().and_then(|d| d.value.clone())));
    m.insert("fatalities".into(), json!(e.fatalities));
    m.insert("injured".into(), json!(e.injured));
    let modality = if e.negated {
        "negated"
    } else if e.hypothetical {
        "hypothetical"
    } else if e.generic {
        "generic"
    } else {
        "asserted"
    };
    m.insert("modality".into(), json!(modality));
    m
}
