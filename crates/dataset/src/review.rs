//! The analyst's review loop over events (reports) and incidents: accept,
//! edit, reject, restore, resolve; merge and split incidents; move a report.
//!
//! Decisions are kept apart from the machine's output, so that re-ingesting
//! or re-extracting never overwrites them:
//! - an event's decision lives in `event_reviews` under its stable id
//!   (`document id:trigger start-trigger end`, see [`crate::sync::event_uid`]):
//!   the fields a reviewer edited (sparse), the machine's values when they
//!   reviewed, and the incident they placed it in (`pin`). Sync applies it
//!   every time it reads the report ([`event_overlay`]), so a re-extracted
//!   document gets the same decision back;
//! - an incident's decision lives in `incident_reviews`; whenever sync
//!   recomputes the incident, the reviewer's fields replace the machine's
//!   ([`incident_overlay`]) and the machine's values are kept beside them.
//!
//! Where the machine now disagrees with a reviewer (its value changed since
//! the review and differs from the reviewer's), the record carries a flag;
//! an adjudicator resolves it (keep the reviewer's value, or take the
//! machine's). Every write runs in one immediate transaction that checks
//! the record's version first (a stale version is a 409 conflict) and
//! appends a revision (`marsad_store::review`).

use crate::sync::{self, Row, Values};
use anyhow::Result;
use marsad_store::review::{self as rv, bad, not_found, NewRevision, Reviewer};
use marsad_store::db::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Fields a reviewer may edit on an event.
pub const EVENT_FIELDS: &[&str] = &["type", "actor", "recipient", "place", "date", "fatalities", "injured", "modality", "mode"];
/// Fields a reviewer may edit on an incident.
pub const INCIDENT_FIELDS: &[&str] = &["type", "actor", "recipient", "place", "date", "fatalities", "injured"];
/// Values of `modality`.
pub const MODALITIES: &[&str] = &["asserted", "negated", "hypothetical", "generic"];

/// A reviewer's decision on one event, as sync applies it.
#[derive(Debug, Clone)]
pub struct EventOverlay {
    pub status: String,
    pub fields: Map<String, Value>,
    pub incident: Option<i64>,
}

/// The decision on event `uid`, if any.
pub(crate) fn event_overlay(conn: &Connection, uid: &str) -> Result<Option<EventOverlay>> {
    let row: Option<(String, String, Option<i64>)> = conn
        .prepare_cached("SELECT status, fields, incident FROM event_reviews WHERE uid = ?1")?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(row.map(|(status, f, incident)| EventOverlay { status, fields: parse_map(&f), incident }))
}

fn parse_map(s: &str) -> Map<String, Value> {
    match serde_json::from_str(s) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string).filter(|x| !x.is_empty())
}

/// Replace a report's machine values by the fields a reviewer edited.
/// `flags` are (negated, hypothetical, generic, background).
pub(crate) fn apply_event_fields(row: &mut Row, f: &Map<String, Value>, date_value: &mut Option<String>, flags: &mut [bool; 4]) {
    for (k, v) in f {
        match k.as_str() {
            "type" => {
                if let Some(t) = v.as_str() {
                    row.kind = t.to_string();
                } else if let Some(t) = s(v, "type") {
                    row.kind = t;
                    row.acled = s(v, "acled_event_type");
                    row.acled_sub = s(v, "acled_sub_event_type");
                }
            }
            "actor" => {
                row.actor_id = s(v, "id");
                row.actor_name = s(v, "name");
                row.actor_text = s(v, "text");
            }
            "recipient" => {
                row.recipient_id = s(v, "id");
                row.recipient_name = s(v, "name");
                row.recipient_text = s(v, "text");
            }
            "place" => {
                row.place = s(v, "name");
                row.lat = v.get("lat").and_then(Value::as_f64);
                row.lon = v.get("lon").and_then(Value::as_f64);
                row.country = s(v, "country");
                row.admin1 = s(v, "admin1");
                row.geonameid = v.get("geonameid").and_then(Value::as_i64);
                row.geo_precision = s(v, "precision");
            }
            "date" => *date_value = v.as_str().map(str::to_string),
            "fatalities" => row.fatalities = v.as_i64(),
            "injured" => row.injured = v.as_i64(),
            "modality" => {
                let m = v.as_str().unwrap_or("asserted");
                *flags = [m == "negated", m == "hypothetical", m == "generic", false];
            }
            _ => {}
        }
    }
}

/// The machine's values of an incident, in the review field layout.
fn values_fields(v: &Values) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".into(), json!({"type": v.kind, "acled_event_type": v.acled, "acled_sub_event_type": v.acled_sub}));
    m.insert("actor".into(), actor_json(&v.aid, &v.aname, &None));
    m.insert("recipient".into(), actor_json(&v.rid, &v.rname, &None));
    m.insert(
        "place".into(),
        if v.place.is_none() && v.lat.is_none() && v.country.is_none() {
            Value::Null
        } else {
            json!({"name": v.place, "lat": v.lat, "lon": v.lon, "country": v.country, "admin1": v.admin1,
                   "geonameid": v.geonameid, "precision": v.geo_precision})
        },
    );
    m.insert("date".into(), json!(v.day.map(crate::dates::iso)));
    m.insert("fatalities".into(), json!(v.fatalities));
    m.insert("injured".into(), json!(v.injured));
    m
}

fn actor_json(id: &Option<String>, name: &Option<String>, text: &Option<String>) -> Value {
    if id.is_none() && name.is_none() && text.is_none() {
        Value::Null
    } else {
        json!({"id": id, "name": name, "text": text})
    }
}

/// Apply an incident's decision to its machine values (called by sync
/// whenever it writes the incident); also records the machine's values
/// now, for the disagreement flag. `None` when the incident has no review.
pub(crate) fn incident_overlay(conn: &Connection, id: i64, v: &Values) -> Result<Option<(Values, String)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT status, fields FROM incident_reviews WHERE incident = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((status, fields)) = row else { return Ok(None) };
    conn.prepare_cached("UPDATE incident_reviews SET machine_now = ?2 WHERE incident = ?1")?
        .execute(params![id, Value::Object(values_fields(v)).to_string()])?;
    let mut out = v.clone();
    for (k, x) in parse_map(&fields) {
        match k.as_str() {
            "type" => {
                if let Some(t) = s(&x, "type") {
                    out.kind = t;
                    out.acled = s(&x, "acled_event_type");
                    out.acled_sub = s(&x, "acled_sub_event_type");
                }
            }
            "actor" => {
                out.aid = s(&x, "id");
                out.aname = s(&x, "name").or_else(|| s(&x, "text"));
                out.akey = out.aname.as_deref().map(marsad_text::key).or(out.aid.clone());
            }
            "recipient" => {
                out.rid = s(&x, "id");
                out.rname = s(&x, "name").or_else(|| s(&x, "text"));
                out.rkey = out.rname.as_deref().map(marsad_text::key).or(out.rid.clone());
            }
            "place" => {
                out.place = s(&x, "name");
                out.lat = x.get("lat").and_then(Value::as_f64);
                out.lon = x.get("lon").and_then(Value::as_f64);
                out.country = s(&x, "country");
                out.admin1 = s(&x, "admin1");
                out.geonameid = x.get("geonameid").and_then(Value::as_i64);
                out.geo_precision = s(&x, "precision");
            }
            "date" => {
                if let Some((lo, hi)) = x.as_str().and_then(crate::dates::interval) {
                    out.date_lo = Some(lo);
                    out.date_hi = Some(hi);
                    out.day = Some(lo);
                    out.date_precision = Some(match hi - lo {
                        0 => "day",
                        1..=7 => "week",
                        _ => "month",
                    });
                }
            }
            "fatalities" => out.fatalities = x.as_i64(),
            "injured" => out.injured = x.as_i64(),
            _ => {}
        }
    }
    Ok(Some((out, status)))
}

// ---------------------------------------------------------------- events

/// Where an event is stored now (`None` when re-extraction no longer finds it).
fn locate(conn: &Connection, uid: &str) -> Result<Option<(i64, i64)>> {
    let (doc, span) = uid.rsplit_once(':').ok_or_else(|| bad(format!("malformed event id {uid:?}: DOC:START-END")))?;
    let (a, b) = span.split_once('-').ok_or_else(|| bad(format!("malformed event id {uid:?}: DOC:START-END")))?;
    let (a, b): (i64, i64) = match (a.parse(), b.parse()) {
        (Ok(a), Ok(b)) => (a, b),
        _ => return Err(bad(format!("malformed event id {uid:?}: DOC:START-END"))),
    };
    Ok(conn
        .prepare_cached(
            "SELECT e.doc, e.idx FROM events e JOIN documents d ON d.pk = e.doc
             WHERE d.id = ?1 AND e.trigger_start = ?2 AND e.trigger_end = ?3 ORDER BY e.idx LIMIT 1",
        )?
        .query_row(params![doc, a, b], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The machine's values of a stored event, in the review field layout.
fn machine_event(conn: &Connection, pk: i64, idx: i64) -> Result<Map<String, Value>> {
    Ok(conn.query_row(
        "SELECT type, acled_event_type, acled_sub_event_type, mode, actor_id, actor_name, actor_text, actor_start, actor_end,
                recipient_id, recipient_name, recipient_text, recipient_start, recipient_end,
                place_name, place_text, lat, lon, country, admin1, geonameid, geo_precision,
                date_value, fatalities, injured, negated, hypothetical, generic
         FROM events WHERE doc = ?1 AND idx = ?2",
        params![pk, idx],
        |r| {
            let mut m = Map::new();
            m.insert("type".into(), json!({"type": r.get::<_, String>(0)?, "acled_event_type": r.get::<_, Option<String>>(1)?, "acled_sub_event_type": r.get::<_, Option<String>>(2)?}));
            m.insert("mode".into(), json!(r.get::<_, Option<String>>(3)?));
            for (k, o) in [("actor", 4), ("recipient", 9)] {
                let (id, name, text): (Option<String>, Option<String>, Option<String>) = (r.get(o)?, r.get(o + 1)?, r.get(o + 2)?);
                let mut a = actor_json(&id, &name, &text);
                if let Value::Object(x) = &mut a {
                    x.insert("start".into(), json!(r.get::<_, Option<i64>>(o + 3)?));
                    x.insert("end".into(), json!(r.get::<_, Option<i64>>(o + 4)?));
                }
                m.insert(k.into(), a);
            }
            let (name, text, lat): (Option<String>, Option<String>, Option<f64>) = (r.get(14)?, r.get(15)?, r.get(16)?);
            m.insert(
                "place".into(),
                if name.is_none() && text.is_none() && lat.is_none() {
                    Value::Null
                } else {
                    json!({"name": name.or(text), "lat": lat, "lon": r.get::<_, Option<f64>>(17)?, "country": r.get::<_, Option<String>>(18)?,
                           "admin1": r.get::<_, Option<String>>(19)?, "geonameid": r.get::<_, Option<i64>>(20)?, "precision": r.get::<_, Option<String>>(21)?})
                },
            );
            m.insert("date".into(), json!(r.get::<_, Option<String>>(22)?));
            m.insert("fatalities".into(), json!(r.get::<_, Option<i64>>(23)?));
            m.insert("injured".into(), json!(r.get::<_, Option<i64>>(24)?));
            let modality = if r.get::<_, i64>(25)? != 0 {
                "negated"
            } else if r.get::<_, i64>(26)? != 0 {
                "hypothetical"
            } else if r.get::<_, i64>(27)? != 0 {
                "generic"
            } else {
                "asserted"
            };
            m.insert("modality".into(), json!(modality));
            Ok(m)
        },
    )?)
}

/// Whether two values of `field` say the same thing (actors by id or name
/// key, places by name key or within 25 km, types by PLOVER type, offsets
/// ignored).
pub fn same_value(field: &str, a: &Value, b: &Value) -> bool {
    let key = |v: &Value, k: &str| s(v, k).map(|x| marsad_text::key(&x));
    match field {
        "type" => {
            let t = |v: &Value| v.as_str().map(str::to_string).or_else(|| s(v, "type"));
            t(a) == t(b)
        }
        "actor" | "recipient" => match (a.is_null(), b.is_null()) {
            (true, true) => true,
            (false, false) => {
                (s(a, "id").is_some() && s(a, "id") == s(b, "id"))
                    || {
                        let ka = key(a, "name").or_else(|| key(a, "text"));
                        let kb = key(b, "name").or_else(|| key(b, "text"));
                        ka.is_some() && (ka == kb || key(a, "text").is_some() && key(a, "text") == key(b, "text"))
                    }
            }
            _ => false,
        },
        "place" => match (a.is_null(), b.is_null()) {
            (true, true) => true,
            (false, false) => {
                let pt = |v: &Value| Some((v.get("lat")?.as_f64()?, v.get("lon")?.as_f64()?));
                match (pt(a), pt(b)) {
                    (Some(x), Some(y)) => sync::km(x, y) <= sync::CITY_KM,
                    _ => key(a, "name").is_some() && key(a, "name") == key(b, "name"),
                }
            }
            _ => false,
        },
        _ => a == b,
    }
}

/// One event as a reviewer sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventState {
    /// Stable id: `document id:trigger start-trigger end`.
    pub uid: String,
    pub doc: String,
    /// `unreviewed`, `accepted`, `edited` or `rejected`.
    pub status: String,
    /// Optimistic-concurrency version (0: never reviewed).
    pub version: i64,
    /// The machine's values now (null when re-extraction no longer finds the event).
    pub machine: Option<Map<String, Value>>,
    /// The values in force: the machine's, with the reviewer's edits.
    pub fields: Map<String, Value>,
    /// Fields a reviewer edited.
    pub edited: Vec<String>,
    /// Where the machine now disagrees with the reviewer.
    pub flags: Vec<String>,
    /// The incident the report belongs to.
    pub incident: Option<i64>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub title: Option<String>,
    pub confidence: Option<f64>,
    /// The evidence sentence and the trigger, code points into the document text.
    pub sentence: Option<crate::query::Span>,
    pub trigger: Option<crate::query::Span>,
}

/// A review decision as stored (see [`stored_review`]).
struct Stored {
    status: String,
    fields: Map<String, Value>,
    machine: Map<String, Value>,
    version: i64,
    reviewer: String,
    at: String,
    /// An event's pinned incident; the incident an incident was merged into.
    link: Option<i64>,
}

fn stored_event(conn: &Connection, uid: &str) -> Result<Option<Stored>> {
    stored_review(conn, "SELECT status, fields, machine, version, reviewer, reviewed_at, incident FROM event_reviews WHERE uid = ?1", [uid])
}

/// A stored decision: `sql` selects status, fields, machine, version,
/// reviewer, reviewed_at and the link (an event's pinned incident, an
/// incident's merged_into) of one row.
fn stored_review(conn: &Connection, sql: &str, key: impl marsad_store::db::Params) -> Result<Option<Stored>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row(key, |r| {
            Ok(Stored {
                status: r.get(0)?,
                fields: parse_map(&r.get::<_, String>(1)?),
                machine: parse_map(&r.get::<_, String>(2)?),
                version: r.get(3)?,
                reviewer: r.get(4)?,
                at: r.get(5)?,
                link: r.get(6)?,
            })
        })
        .optional()?)
}

/// Flags: fields whose machine value changed since the review and now
/// differs from the reviewer's; an accepted event the machine lost.
fn flags(status: &str, then: &Map<String, Value>, now: Option<&Map<String, Value>>, fields: &Map<String, Value>, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if status == "unreviewed" {
        return out;
    }
    let Some(now) = now else {
        if status != "rejected" {
            out.push("machine no longer reports this event".to_string());
        }
        return out;
    };
    if status == "rejected" {
        return out;
    }
    for f in names {
        let (t, n, r) = (then.get(*f).unwrap_or(&Value::Null), now.get(*f).unwrap_or(&Value::Null), fields.get(*f).unwrap_or(&Value::Null));
        if !same_value(f, t, n) && !same_value(f, n, r) {
            out.push(format!("machine now disagrees on {f}"));
        }
    }
    out
}

/// The reviewer's view of event `uid` (machine values, decision, flags, evidence).
pub fn event_state(conn: &Connection, uid: &str) -> Result<Option<EventState>> {
    let at = locate(conn, uid)?;
    let stored = stored_event(conn, uid)?;
    if at.is_none() && stored.is_none() {
        return Ok(None);
    }
    let machine = match at {
        Some((pk, idx)) => Some(machine_event(conn, pk, idx)?),
        None => None,
    };
    let base = machine.clone().or_else(|| stored.as_ref().map(|s| s.machine.clone())).unwrap_or_default();
    let mut fields = base.clone();
    let (status, version, edited, fl, reviewer, reviewed_at, pin) = match &stored {
        Some(s) => {
            for (k, v) in &s.fields {
                fields.insert(k.clone(), v.clone());
            }
            let fl = flags(&s.status, &s.machine, machine.as_ref(), &fields, EVENT_FIELDS);
            (s.status.clone(), s.version, s.fields.keys().cloned().collect(), fl, Some(s.reviewer.clone()), Some(s.at.clone()), s.link)
        }
        None => ("unreviewed".to_string(), 0, vec![], vec![], None, None, None),
    };
    let (doc, _) = uid.rsplit_once(':').unwrap_or((uid, ""));
    let mut st = EventState {
        uid: uid.to_string(),
        doc: doc.to_string(),
        status,
        version,
        machine,
        fields,
        edited,
        flags: fl,
        incident: pin,
        reviewer,
        reviewed_at,
        title: None,
        confidence: None,
        sentence: None,
        trigger: None,
    };
    if let Some((pk, idx)) = at {
        let row = conn.query_row(
            "SELECT d.title, e.confidence, e.evidence_start, e.evidence_end, e.trigger_start, e.trigger_end, e.trigger_text,
                    substr(d.text, e.evidence_start + 1, e.evidence_end - e.evidence_start),
                    (SELECT incident FROM incident_reports r WHERE r.doc = e.doc AND r.idx = e.idx)
             FROM events e JOIN documents d ON d.pk = e.doc WHERE e.doc = ?1 AND e.idx = ?2",
            params![pk, idx],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, f64>(1)?,
                    crate::query::Span { start: r.get(2)?, end: r.get(3)?, text: r.get(7)? },
                    crate::query::Span { start: r.get(4)?, end: r.get(5)?, text: r.get(6)? },
                    r.get::<_, Option<i64>>(8)?,
                ))
            },
        )?;
        st.title = row.0;
        st.confidence = Some(row.1);
        st.sentence = Some(row.2);
        st.trigger = Some(row.3);
        st.incident = row.4.or(st.incident);
    }
    Ok(Some(st))
}

/// A review request on one event.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct EventRequest {
    pub uid: String,
    /// The version the reviewer saw (0 for a never-reviewed event).
    pub version: i64,
    /// accept, edit, reject, restore or resolve.
    pub action: String,
    /// For `edit`: the new values (fields in [`EVENT_FIELDS`]).
    pub fields: Map<String, Value>,
    pub reason: Option<String>,
    pub note: Option<String>,
    /// For `resolve`: `keep` (the reviewer's values stand) or `machine`.
    pub resolution: Option<String>,
}

/// Check and normalise edited values: known fields, types, a place name
/// looked up in the gazetteer when no coordinates are given.
pub fn normalise_fields(fields: &Map<String, Value>, allowed: &[&str]) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for (k, v) in fields {
        if !allowed.contains(&k.as_str()) {
            return Err(bad(format!("field {k:?} cannot be edited here; editable: {}", allowed.join(", "))));
        }
        let v = match k.as_str() {
            "type" => {
                let t = v.as_str().map(str::to_string).or_else(|| s(v, "type")).ok_or_else(|| bad("type must be a PLOVER type"))?;
                let t = t.trim().to_uppercase();
                if t.is_empty() || !t.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                    return Err(bad(format!("type must be a PLOVER type such as ASSAULT, got {t:?}")));
                }
                json!({"type": t, "acled_event_type": s(v, "acled_event_type"), "acled_sub_event_type": s(v, "acled_sub_event_type")})
            }
            "actor" | "recipient" => match v {
                Value::Null => Value::Null,
                Value::String(t) if t.trim().is_empty() => Value::Null,
                Value::String(t) => json!({"id": null, "name": t.trim(), "text": t.trim()}),
                Value::Object(_) => {
                    let (id, name, text) = (s(v, "id"), s(v, "name"), s(v, "text"));
                    if id.is_none() && name.is_none() && text.is_none() {
                        Value::Null
                    } else {
                        json!({"id": id, "name": name.clone().or(text.clone()), "text": text.or(name)})
                    }
                }
                _ => return Err(bad(format!("{k} must be a name, an object {{id, name, text}} or null"))),
            },
            "place" => match v {
                Value::Null => Value::Null,
                Value::String(n) if n.trim().is_empty() => Value::Null,
                Value::String(n) => place_of(n.trim(), None),
                Value::Object(_) => {
                    let name = s(v, "name").ok_or_else(|| bad("place needs a name"))?;
                    match (v.get("lat").and_then(Value::as_f64), v.get("lon").and_then(Value::as_f64)) {
                        (Some(la), Some(lo)) if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) => {
                            json!({"name": name, "lat": la, "lon": lo, "country": s(v, "country"), "admin1": s(v, "admin1"),
                                   "geonameid": v.get("geonameid").and_then(Value::as_i64), "precision": s(v, "precision").unwrap_or("city".into())})
                        }
                        (None, None) => place_of(&name, s(v, "country")),
                        _ => return Err(bad("place lat/lon out of range")),
                    }
                }
                _ => return Err(bad("place must be a name, an object {name, lat, lon, country} or null")),
            },
            "date" => match v {
                Value::Null => Value::Null,
                Value::String(d) if crate::dates::interval(d.trim()).is_some() => json!(d.trim()),
                _ => return Err(bad(format!("date must be YYYY-MM-DD (or YYYY-MM, YYYY), got {v}"))),
            },
            "fatalities" | "injured" => match v {
                Value::Null => Value::Null,
                Value::Number(n) if n.as_u64().is_some_and(|n| n < 10_000_000) => v.clone(),
                Value::String(t) if t.trim().is_empty() => Value::Null,
                Value::String(t) => match t.trim().parse::<u32>() {
                    Ok(n) => json!(n),
                    Err(_) => return Err(bad(format!("{k} must be a non-negative number or null, got {t:?}"))),
                },
                _ => return Err(bad(format!("{k} must be a non-negative number or null"))),
            },
            "modality" => match v.as_str() {
                Some(m) if MODALITIES.contains(&m) => v.clone(),
                _ => return Err(bad(format!("modality must be one of {}", MODALITIES.join(", ")))),
            },
            "mode" => match v {
                Value::Null => Value::Null,
                Value::String(m) => json!(m.trim()),
                _ => return Err(bad("mode must be a string or null")),
            },
            _ => v.clone(),
        };
        out.insert(k.clone(), v);
    }
    Ok(out)
}

/// A place typed by a reviewer, resolved in the shipped gazetteer (best
/// ranked entry, in `country` when given); unresolved names keep no point.
fn place_of(name: &str, country: Option<String>) -> Value {
    let gaz = marsad_places::gazetteer::Gazetteer::global();
    let hits = gaz.lookup(name);
    let want2 = country.as_deref().and_then(|c| if c.len() == 3 { gaz.alpha2(c) } else { Some(c) }).map(str::to_uppercase);
    let e = hits.into_iter().find(|e| want2.as_deref().is_none_or(|w| e.country2.eq_ignore_ascii_case(w)));
    match e {
        Some(e) => json!({
            "name": name, "lat": e.lat, "lon": e.lon,
            "country": gaz.alpha3(e.country2).map(str::to_string).or(country),
            "admin1": if e.admin1.is_empty() { None } else { Some(format!("{}.{}", e.country2, e.admin1)) },
            "geonameid": if e.geonameid == 0 { None } else { Some(e.geonameid as i64) },
            "precision": e.precision(),
        }),
        None => json!({"name": name, "lat": null, "lon": null, "country": country, "admin1": null, "geonameid": null, "precision": null}),
    }
}

/// The pipeline version that produced a document's events.
fn pipeline_of(conn: &Connection, uid: &str) -> Result<String> {
    let doc = uid.rsplit_once(':').map_or(uid, |x| x.0);
    Ok(conn
        .query_row("SELECT pipeline FROM documents WHERE id = ?1", [doc], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| "unknown".into()))
}

/// What a review request asks of one target: the action, the fields an edit
/// sets, the resolution of a conflict, and the fields this kind of target has.
pub(crate) struct Action<'a> {
    /// "event 12:40-46" or "incident 7", for messages.
    pub what: String,
    pub action: &'a str,
    pub fields: &'a Map<String, Value>,
    pub resolution: Option<&'a str>,
    pub allowed: &'a [&'a str],
}

/// The review state machine, the same for events and incidents: applies
/// `act` to the reviewer's `edits` over the `machine` values, records each
/// changed field in `diff`, and returns the new status (`accepted` with no
/// edits left, `edited` with some, `rejected`). Only adjudicators resolve a
/// conflict, and only where `has_conflict`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn transition(
    act: &Action,
    who: &Reviewer,
    old_status: &str,
    machine: &Map<String, Value>,
    edits: &mut Map<String, Value>,
    diff: &mut Map<String, Value>,
    reason: &mut Option<String>,
    has_conflict: bool,
) -> Result<String> {
    let after = |e: &Map<String, Value>| if e.is_empty() { "accepted" } else { "edited" }.to_string();
    let what = &act.what;
    Ok(match act.action {
        "accept" => after(edits),
        "edit" => {
            let new = normalise_fields(act.fields, act.allowed)?;
            if new.is_empty() {
                return Err(bad("edit needs fields: {\"actor\": \"…\", …}"));
            }
            for (k, v) in new {
                let before = edits.get(&k).or(machine.get(&k)).cloned().unwrap_or(Value::Null);
                if machine.get(&k).unwrap_or(&Value::Null) == &v {
                    edits.remove(&k);
                } else {
                    edits.insert(k.clone(), v.clone());
                }
                if before != v {
                    diff.insert(k, json!({"from": before, "to": v}));
                }
            }
            after(edits)
        }
        "reject" => {
            if reason.is_none() {
                *reason = Some("not an event".into());
            }
            "rejected".to_string()
        }
        "restore" => {
            if old_status != "rejected" {
                return Err(bad(format!("{what} is {old_status}, not rejected: nothing to restore")));
            }
            after(edits)
        }
        "resolve" => {
            rv::require_adjudicator(who, "resolve conflicts")?;
            if !has_conflict {
                return Err(bad(format!("{what} has no conflict to resolve")));
            }
            match act.resolution {
                Some("machine") => {
                    for f in act.allowed {
                        if let Some(v) = edits.remove(*f) {
                            diff.insert(f.to_string(), json!({"from": v, "to": machine.get(*f)}));
                        }
                    }
                }
                Some("keep") => {}
                _ => return Err(bad("resolve needs resolution: keep (the reviewer's values) or machine")),
            }
            if old_status == "rejected" { old_status.to_string() } else { after(edits) }
        }
        a => return Err(bad(format!("unknown action {a:?}: accept, edit, reject, restore or resolve"))),
    })
}

/// Apply a review action to one event, atomically, and return its new state.
pub fn review_event(conn: &Connection, who: &Reviewer, req: &EventRequest) -> Result<EventState> {
    let reason = rv::check_reason(req.reason.as_deref())?;
    rv::write_tx(conn, |c| {
        let uid = req.uid.trim();
        let at = locate(c, uid)?;
        let stored = stored_event(c, uid)?;
        if at.is_none() && stored.is_none() {
            return Err(not_found(format!("no event {uid:?}")));
        }
        let current = stored.as_ref().map_or(0, |s| s.version);
        rv::check_version(c, "event", uid, req.version, current)?;
        let machine = match at {
            Some((pk, idx)) => machine_event(c, pk, idx)?,
            None => stored.as_ref().map(|s| s.machine.clone()).unwrap_or_default(),
        };
        let old_status = stored.as_ref().map_or("unreviewed".to_string(), |s| s.status.clone());
        let mut edits = stored.as_ref().map(|s| s.fields.clone()).unwrap_or_default();
        let mut reason = reason.clone();
        let then = stored.as_ref().map(|s| s.machine.clone()).unwrap_or_default();
        let has_conflict = !flags(&old_status, &then, at.map(|_| &machine), &edits, EVENT_FIELDS).is_empty();
        let mut diff = Map::new();
        let act = Action { what: format!("event {uid}"), action: &req.action, fields: &req.fields, resolution: req.resolution.as_deref(), allowed: EVENT_FIELDS };
        let status = transition(&act, who, &old_status, &machine, &mut edits, &mut diff, &mut reason, has_conflict)?;
        if status != old_status {
            diff.insert("status".into(), json!({"from": old_status, "to": status}));
        }
        // the report stays in the incident it is in now (ids stay stable)
        let pin = match stored.as_ref().and_then(|s| s.link) {
            Some(p) => Some(p),
            None => match at {
                Some((pk, idx)) => c
                    .query_row("SELECT incident FROM incident_reports WHERE doc = ?1 AND idx = ?2", params![pk, idx], |r| r.get(0))
                    .optional()?
                    .flatten(),
                None => None,
            },
        };
        let version = current + 1;
        let (doc, span) = uid.rsplit_once(':').unwrap_or((uid, "0-0"));
        let (ts, te) = span.split_once('-').unwrap_or(("0", "0"));
        c.execute(
            "INSERT INTO event_reviews(uid, doc_id, trigger_start, trigger_end, status, fields, machine, incident, version, reviewer, reviewed_at)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)
             ON CONFLICT(uid) DO UPDATE SET status=excluded.status, fields=excluded.fields, machine=excluded.machine,
                incident=excluded.incident, version=excluded.version, reviewer=excluded.reviewer, reviewed_at=excluded.reviewed_at",
            params![
                uid,
                doc,
                ts.parse::<i64>().unwrap_or(0),
                te.parse::<i64>().unwrap_or(0),
                status,
                Value::Object(edits).to_string(),
                Value::Object(machine.clone()).to_string(),
                pin,
                version,
                who.name,
                marsad_store::now_iso()
            ],
        )?;
        let diff = Value::Object(diff);
        let pipeline = pipeline_of(c, uid)?;
        rv::append_revision(
            c,
            &NewRevision {
                reviewer: &who.name,
                target: "event",
                target_id: uid,
                action: &req.action,
                version,
                reason: reason.as_deref(),
                note: req.note.as_deref(),
                diff: &diff,
                pipeline: &pipeline,
            },
        )?;
        if let Some((pk, idx)) = at {
            let country = pin.map(|p| incident_country(c, p)).transpose()?.flatten();
            let (before, after) = refresh_report(c, pk, idx)?;
            for id in [before, after].into_iter().flatten() {
                note_if_gone(c, id, country.as_deref(), &who.name, reason.as_deref(), None)?;
            }
        }
        event_state(c, uid)?.ok_or_else(|| not_found(format!("no event {uid:?}")))
    })
}

/// An incident a review emptied is recorded in the deletions list.
fn note_if_gone(conn: &Connection, id: i64, country: Option<&str>, who: &str, reason: Option<&str>, merged_into: Option<i64>) -> Result<()> {
    let exists = conn.query_row("SELECT count(*) FROM incidents WHERE id = ?1", [id], |r| r.get::<_, i64>(0))? > 0;
    if !exists {
        record_deletion(conn, id, country, who, reason, merged_into)?;
    }
    Ok(())
}

fn incident_country(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT country FROM incidents WHERE id = ?1", [id], |r| r.get(0)).optional()?.flatten())
}

fn record_deletion(conn: &Connection, id: i64, country: Option<&str>, who: &str, reason: Option<&str>, merged_into: Option<i64>) -> Result<()> {
    let cnty = format!("{}{id}", country.unwrap_or("XXX"));
    conn.execute(
        "INSERT INTO deletions(incident, event_id_cnty, deleted_at, reviewer, reason, merged_into) VALUES (?1,?2,?3,?4,?5,?6)
         ON CONFLICT(incident) DO UPDATE SET event_id_cnty = excluded.event_id_cnty, deleted_at = excluded.deleted_at,
           reviewer = excluded.reviewer, reason = excluded.reason, merged_into = excluded.merged_into",
        params![id, cnty, marsad_store::now_iso(), who, reason, merged_into],
    )?;
    Ok(())
}

/// The next unused incident id: above every incident, and above every id
/// a reviewer decision or a deletion refers to (ids are never reused).
pub(crate) fn next_incident_id(conn: &Connection) -> Result<i64> {
    // the largest of several values: `max(a, b, …)` in SQLite, `greatest` in PostgreSQL
    let max = if conn.is_pg() { "greatest" } else { "max" };
    Ok(conn.query_row(
        &format!("SELECT {max}(coalesce((SELECT max(id) FROM incidents), 0),
                    coalesce((SELECT max(incident) FROM incident_reviews), 0),
                    coalesce((SELECT max(incident) FROM deletions), 0),
                    coalesce((SELECT max(incident) FROM event_reviews), 0)) + 1"),
        [],
        |x| x.get(0),
    )?)
}

/// Re-place one report after a reviewer changed it (rejected, restored,
/// edited, moved): its row is recorded again with the decision applied, and
/// every incident it left or joined is recomputed. Returns (incident
/// before, incident after).
pub(crate) fn refresh_report(conn: &Connection, pk: i64, idx: i64) -> Result<(Option<i64>, Option<i64>)> {
    let old: Option<Option<i64>> = conn
        .prepare_cached("SELECT incident FROM incident_reports WHERE doc = ?1 AND idx = ?2")?
        .query_row(params![pk, idx], |r| r.get(0))
        .optional()?;
    let old = old.flatten();
    let (hash, published): (String, Option<String>) = conn.query_row(
        "SELECT coalesce((SELECT content_hash FROM doc_state WHERE doc = d.pk), d.content_hash || '@' || d.updated_at), d.published
         FROM documents d WHERE d.pk = ?1",
        [pk],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    conn.prepare_cached("DELETE FROM incident_reports WHERE doc = ?1 AND idx = ?2")?.execute(params![pk, idx])?;
    let mut ck = sync::Chunk { next_id: next_incident_id(conn)?, ..Default::default() };
    let mut st = sync::SyncStats::default();
    let mut mine: Vec<(i64, i64)> = {
        let mut q = conn.prepare_cached("SELECT incident, sentence FROM incident_reports WHERE doc = ?1 AND incident IS NOT NULL")?;
        let v = q.query_map([pk], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<marsad_store::db::Result<_>>()?;
        v
    };
    let mut new = None;
    for (r, row, pin) in sync::read_reports(conn, pk, Some(idx), published.as_deref())? {
        let keep = old.filter(|o| sync::incident_exists(conn, *o).unwrap_or(false));
        new = sync::place_report(conn, r, row, pin, keep, &hash, &mut ck, &mut st, &mut mine)?;
    }
    ck.flush(conn)?;
    for id in [old, new].into_iter().flatten() {
        sync::recompute(conn, id)?;
    }
    Ok((old, new))
}

#[path = "review_incidents.rs"]
mod incidents;
pub use incidents::*;
