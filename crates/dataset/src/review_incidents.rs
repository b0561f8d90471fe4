//! Incident-level review: accept, edit, reject, restore and resolve an
//! incident; merge incidents, split one, move a report between incidents
//! (part of [`crate::review`]). Grouping decisions pin every report they
//! touch to its incident (`event_reviews.incident`), so sync puts the
//! report back there after any re-ingest or re-extraction.

use super::*;

/// One incident as a reviewer sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IncidentState {
    pub id: i64,
    /// `unreviewed`, `accepted`, `edited`, `rejected` or `merged`.
    pub status: String,
    pub version: i64,
    /// The machine's values now (from the reports, with the reports' own reviews).
    pub machine: Map<String, Value>,
    /// The values in force.
    pub fields: Map<String, Value>,
    pub edited: Vec<String>,
    pub flags: Vec<String>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub merged_into: Option<i64>,
    /// Its reports, each with its own review state.
    pub reports: Vec<EventState>,
}

fn stored_incident(conn: &Connection, id: i64) -> Result<Option<Stored>> {
    stored_review(conn, "SELECT status, fields, machine, version, reviewer, reviewed_at, merged_into FROM incident_reviews WHERE incident = ?1", [id])
}

/// The machine's values of an incident (none when it has no report).
fn machine_incident(conn: &Connection, id: i64) -> Result<Option<Map<String, Value>>> {
    let rows = sync::load_rows(conn, id)?;
    Ok((!rows.is_empty()).then(|| values_fields(&sync::values(&rows))))
}

fn report_uids(conn: &Connection, id: i64) -> Result<Vec<(String, i64, i64)>> {
    let mut q = conn.prepare_cached(
        "SELECT d.id, e.trigger_start, e.trigger_end, r.doc, r.idx FROM incident_reports r
         JOIN events e ON e.doc = r.doc AND e.idx = r.idx JOIN documents d ON d.pk = r.doc
         WHERE r.incident = ?1 ORDER BY r.doc, r.idx",
    )?;
    let v = q
        .query_map([id], |r| Ok((sync::event_uid(&r.get::<_, String>(0)?, r.get(1)?, r.get(2)?), r.get(3)?, r.get(4)?)))?
        .collect::<marsad_store::db::Result<_>>()?;
    Ok(v)
}

fn incident_version(conn: &Connection, id: i64) -> Result<i64> {
    Ok(stored_incident(conn, id)?.map_or(0, |s| s.version))
}

/// The reviewer's view of incident `id`.
pub fn incident_state(conn: &Connection, id: i64) -> Result<Option<IncidentState>> {
    let stored = stored_incident(conn, id)?;
    let machine = machine_incident(conn, id)?;
    if machine.is_none() && stored.is_none() {
        return Ok(None);
    }
    let now = machine.clone().or_else(|| stored.as_ref().map(|s| s.machine.clone())).unwrap_or_default();
    let mut fields = now.clone();
    let mut st = IncidentState {
        id,
        status: "unreviewed".into(),
        version: 0,
        machine: now,
        fields: Map::new(),
        edited: vec![],
        flags: vec![],
        reviewer: None,
        reviewed_at: None,
        merged_into: None,
        reports: vec![],
    };
    if let Some(s) = &stored {
        for (k, v) in &s.fields {
            fields.insert(k.clone(), v.clone());
        }
        st.status = s.status.clone();
        st.version = s.version;
        st.edited = s.fields.keys().cloned().collect();
        if s.status != "merged" {
            st.flags = flags(&s.status, &s.machine, machine.as_ref(), &fields, INCIDENT_FIELDS);
        }
        st.reviewer = Some(s.reviewer.clone());
        st.reviewed_at = Some(s.at.clone());
        st.merged_into = s.link;
    }
    st.fields = fields;
    for (uid, _, _) in report_uids(conn, id)? {
        if let Some(e) = event_state(conn, &uid)? {
            st.reports.push(e);
        }
    }
    Ok(Some(st))
}

/// A review request on one incident.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct IncidentRequest {
    pub version: i64,
    /// accept, edit, reject, restore or resolve.
    pub action: String,
    pub fields: Map<String, Value>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub resolution: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn save_incident(
    c: &Connection,
    who: &Reviewer,
    id: i64,
    status: &str,
    edits: &Map<String, Value>,
    machine: &Map<String, Value>,
    version: i64,
    merged_into: Option<i64>,
) -> Result<()> {
    c.execute(
        "INSERT INTO incident_reviews(incident, status, fields, machine, machine_now, version, reviewer, reviewed_at, merged_into)
         VALUES (?1,?2,?3,?4,?4,?5,?6,?7,?8)
         ON CONFLICT(incident) DO UPDATE SET status=excluded.status, fields=excluded.fields, machine=excluded.machine,
            machine_now=excluded.machine_now, version=excluded.version, reviewer=excluded.reviewer,
            reviewed_at=excluded.reviewed_at, merged_into=excluded.merged_into",
        params![
            id,
            status,
            Value::Object(edits.clone()).to_string(),
            Value::Object(machine.clone()).to_string(),
            version,
            who.name,
            marsad_store::now_iso(),
            merged_into
        ],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn log(c: &Connection, who: &Reviewer, target: &str, id: &str, action: &str, version: i64, reason: Option<&str>, note: Option<&str>, diff: Value, pipeline: &str) -> Result<()> {
    rv::append_revision(
        c,
        &NewRevision { reviewer: &who.name, target, target_id: id, action, version, reason, note, diff: &diff, pipeline },
    )?;
    Ok(())
}

/// Apply a review action to incident `id`, atomically; returns its new state.
pub fn review_incident(conn: &Connection, who: &Reviewer, id: i64, req: &IncidentRequest, pipeline: &str) -> Result<IncidentState> {
    let reason = rv::check_reason(req.reason.as_deref())?;
    rv::write_tx(conn, |c| {
        let stored = stored_incident(c, id)?;
        let fresh = machine_incident(c, id)?;
        if fresh.is_none() && stored.is_none() {
            return Err(not_found(format!("no incident {id}")));
        }
        let current = stored.as_ref().map_or(0, |s| s.version);
        rv::check_version(c, "incident", &id.to_string(), req.version, current)?;
        let old_status = stored.as_ref().map_or("unreviewed".to_string(), |s| s.status.clone());
        if old_status == "merged" {
            return Err(bad(format!("incident {id} was merged into {}", stored.as_ref().and_then(|s| s.link).unwrap_or(0))));
        }
        let machine = fresh.clone().or_else(|| stored.as_ref().map(|s| s.machine.clone())).unwrap_or_default();
        let mut edits = stored.as_ref().map(|s| s.fields.clone()).unwrap_or_default();
        let mut reason = reason.clone();
        // a conflict is what incident_state flags: the machine's values changed under the reviewer's
        let has_conflict = stored.as_ref().is_some_and(|s| {
            let mut seen = machine.clone();
            seen.extend(edits.clone());
            !flags(&s.status, &s.machine, fresh.as_ref(), &seen, INCIDENT_FIELDS).is_empty()
        });
        let mut diff = Map::new();
        let act = Action { what: format!("incident {id}"), action: &req.action, fields: &req.fields, resolution: req.resolution.as_deref(), allowed: INCIDENT_FIELDS };
        let status = transition(&act, who, &old_status, &machine, &mut edits, &mut diff, &mut reason, has_conflict)?;
        if status != old_status {
            diff.insert("status".into(), json!({"from": old_status, "to": status}));
        }
        let version = current + 1;
        save_incident(c, who, id, &status, &edits, &machine, version, None)?;
        if status == "rejected" {
            record_deletion(c, id, incident_country(c, id)?.as_deref(), &who.name, reason.as_deref(), None)?;
        } else {
            c.execute("DELETE FROM deletions WHERE incident = ?1 AND merged_into IS NULL", [id])?;
        }
        log(c, who, "incident", &id.to_string(), &req.action, version, reason.as_deref(), req.note.as_deref(), Value::Object(diff), pipeline)?;
        sync::recompute(c, id)?;
        incident_state(c, id)?.ok_or_else(|| not_found(format!("no incident {id}")))
    })
}

/// Pin report `uid` (at `pk`, `idx`) to incident `to`, bumping its version.
fn pin(c: &Connection, who: &Reviewer, uid: &str, pk: i64, idx: i64, to: i64) -> Result<i64> {
    let stored = stored_event(c, uid)?;
    let version = stored.as_ref().map_or(0, |s| s.version) + 1;
    let machine = machine_event(c, pk, idx)?;
    let (doc, span) = uid.rsplit_once(':').unwrap_or((uid, "0-0"));
    let (ts, te) = span.split_once('-').unwrap_or(("0", "0"));
    c.execute(
        "INSERT INTO event_reviews(uid, doc_id, trigger_start, trigger_end, status, fields, machine, incident, version, reviewer, reviewed_at)
         VALUES (?1,?2,?3,?4,'unreviewed','{}',?5,?6,?7,?8,?9)
         ON CONFLICT(uid) DO UPDATE SET incident=excluded.incident, version=excluded.version",
        params![uid, doc, ts.parse::<i64>().unwrap_or(0), te.parse::<i64>().unwrap_or(0), Value::Object(machine).to_string(), to, version, who.name, marsad_store::now_iso()],
    )?;
    c.execute("UPDATE incident_reports SET incident = ?3 WHERE doc = ?1 AND idx = ?2", params![pk, idx, to])?;
    Ok(version)
}

fn bump(c: &Connection, who: &Reviewer, id: i64, status: Option<&str>, merged_into: Option<i64>) -> Result<i64> {
    let stored = stored_incident(c, id)?;
    let machine = machine_incident(c, id)?.or_else(|| stored.as_ref().map(|s| s.machine.clone())).unwrap_or_default();
    let version = stored.as_ref().map_or(0, |s| s.version) + 1;
    let st = status.map(str::to_string).or_else(|| stored.as_ref().map(|s| s.status.clone())).unwrap_or_else(|| "unreviewed".into());
    let edits = stored.map(|s| s.fields).unwrap_or_default();
    save_incident(c, who, id, &st, &edits, &machine, version, merged_into)?;
    Ok(version)
}

fn need_incident(c: &Connection, id: i64) -> Result<()> {
    let status: Option<String> = c.query_row("SELECT review_status FROM incidents WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    match status.as_deref() {
        None => Err(not_found(format!("no incident {id}"))),
        Some("rejected") => Err(bad(format!("incident {id} is rejected: restore it first"))),
        _ => Ok(()),
    }
}

/// Merge incidents `from` into `into` (adjudicators only): every report of
/// `from` joins `into`, each `from` incident leaves the dataset (deletions
/// list: merged into `into`). `versions` holds the version the reviewer saw
/// of every incident named.
pub fn merge(conn: &Connection, who: &Reviewer, into: i64, from: &[i64], versions: &std::collections::BTreeMap<i64, i64>, reason: Option<&str>, pipeline: &str) -> Result<IncidentState> {
    rv::require_adjudicator(who, "merge incidents")?;
    let reason = rv::check_reason(reason)?.or(Some("duplicate".into()));
    if from.is_empty() || from.contains(&into) {
        return Err(bad("merge needs other incidents than the one merged into"));
    }
    rv::write_tx(conn, |c| {
        for &id in std::iter::once(&into).chain(from) {
            need_incident(c, id)?;
            let v = versions.get(&id).copied().ok_or_else(|| bad(format!("the version of incident {id} is missing (versions: {{\"{id}\": N}})")))?;
            rv::check_version(c, "incident", &id.to_string(), v, incident_version(c, id)?)?;
        }
        let mut moved = Vec::new();
        let mut countries = Vec::new();
        for &f in from {
            countries.push((f, incident_country(c, f)?));
            for (uid, pk, idx) in report_uids(c, f)? {
                pin(c, who, &uid, pk, idx, into)?;
                moved.push(uid);
            }
        }
        // the reports that stay are pinned too: the grouping is a decision
        for (uid, pk, idx) in report_uids(c, into)? {
            if !moved.contains(&uid) {
                pin(c, who, &uid, pk, idx, into)?;
            }
        }
        sync::recompute(c, into)?;
        let vi = bump(c, who, into, None, None)?;
        log(c, who, "incident", &into.to_string(), "merge", vi, reason.as_deref(), None, json!({"merged": from, "reports": {"added": moved}}), pipeline)?;
        for (f, country) in countries {
            sync::recompute(c, f)?;
            let vf = bump(c, who, f, Some("merged"), Some(into))?;
            record_deletion(c, f, country.as_deref(), &who.name, reason.as_deref(), Some(into))?;
            log(c, who, "incident", &f.to_string(), "merge", vf, reason.as_deref(), None, json!({"merged_into": into}), pipeline)?;
        }
        incident_state(c, into)?.ok_or_else(|| not_found(format!("no incident {into}")))
    })
}

/// Split incident `id` (adjudicators only): the reports `uids` leave it for
/// a new incident. Returns the new incident.
pub fn split(conn: &Connection, who: &Reviewer, id: i64, version: i64, uids: &[String], reason: Option<&str>, pipeline: &str) -> Result<IncidentState> {
    rv::require_adjudicator(who, "split incidents")?;
    let reason = rv::check_reason(reason)?;
    rv::write_tx(conn, |c| {
        need_incident(c, id)?;
        rv::check_version(c, "incident", &id.to_string(), version, incident_version(c, id)?)?;
        let all = report_uids(c, id)?;
        if uids.is_empty() || uids.iter().any(|u| !all.iter().any(|a| &a.0 == u)) {
            return Err(bad(format!("split needs reports of incident {id} (uids from its reports)")));
        }
        if uids.len() >= all.len() {
            return Err(bad("a split must leave at least one report in the incident"));
        }
        let new_id = next_incident_id(c)?;
        let (pk0, idx0) = all.iter().find(|a| a.0 == uids[0]).map(|a| (a.1, a.2)).unwrap_or((0, 0));
        c.execute(
            "INSERT INTO incidents(id, type, n_reports, n_documents, sources, first_doc, first_idx, updated_at)
             SELECT ?1, type, 0, 0, '[]', ?2, ?3, 0 FROM incidents WHERE id = ?4",
            params![new_id, pk0, idx0, id],
        )?;
        for (uid, pk, idx) in &all {
            pin(c, who, uid, *pk, *idx, if uids.contains(uid) { new_id } else { id })?;
        }
        sync::recompute(c, id)?;
        sync::recompute(c, new_id)?;
        let v = bump(c, who, id, None, None)?;
        log(c, who, "incident", &id.to_string(), "split", v, reason.as_deref(), None, json!({"reports": {"removed": uids}, "into": new_id}), pipeline)?;
        let vn = bump(c, who, new_id, Some("unreviewed"), None)?;
        log(c, who, "incident", &new_id.to_string(), "split", vn, reason.as_deref(), None, json!({"split_from": id, "reports": {"added": uids}}), pipeline)?;
        incident_state(c, new_id)?.ok_or_else(|| not_found(format!("no incident {new_id}")))
    })
}

/// Move report `uid` to incident `to` (any reviewer). `version` is the
/// event's version the reviewer saw, `to_version` the target incident's.
/// An incident left empty goes to the deletions list.
pub fn move_report(conn: &Connection, who: &Reviewer, uid: &str, version: i64, to: i64, to_version: i64, reason: Option<&str>, pipeline: &str) -> Result<IncidentState> {
    let reason = rv::check_reason(reason)?;
    rv::write_tx(conn, |c| {
        let (pk, idx) = locate(c, uid)?.ok_or_else(|| not_found(format!("no event {uid:?}")))?;
        rv::check_version(c, "event", uid, version, stored_event(c, uid)?.map_or(0, |s| s.version))?;
        need_incident(c, to)?;
        rv::check_version(c, "incident", &to.to_string(), to_version, incident_version(c, to)?)?;
        let from: Option<i64> = c
            .query_row("SELECT incident FROM incident_reports WHERE doc = ?1 AND idx = ?2 AND status = 'incident'", params![pk, idx], |r| r.get(0))
            .optional()?
            .flatten();
        let Some(from) = from else { return Err(bad(format!("event {uid} is not part of an incident (only incident reports move)"))) };
        if from == to {
            return Err(bad(format!("event {uid} is already in incident {to}")));
        }
        let country = incident_country(c, from)?;
        let ve = pin(c, who, uid, pk, idx, to)?;
        log(c, who, "event", uid, "move", ve, reason.as_deref(), None, json!({"incident": {"from": from, "to": to}}), pipeline)?;
        sync::recompute(c, from)?;
        sync::recompute(c, to)?;
        let vt = bump(c, who, to, None, None)?;
        log(c, who, "incident", &to.to_string(), "move", vt, reason.as_deref(), None, json!({"reports": {"added": [uid]}, "from": from}), pipeline)?;
        if incident_version(c, from)? > 0 || machine_incident(c, from)?.is_some() {
            let vf = bump(c, who, from, None, None)?;
            log(c, who, "incident", &from.to_string(), "move", vf, reason.as_deref(), None, json!({"reports": {"removed": [uid]}, "to": to}), pipeline)?;
        }
        note_if_gone(c, from, country.as_deref(), &who.name, reason.as_deref(), Some(to))?;
        incident_state(c, to)?.ok_or_else(|| not_found(format!("no incident {to}")))
    })
}

/// An incident withdrawn from the dataset by a review (ACLED's deletions list).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Deletion {
    pub event_id_cnty: String,
    pub incident: i64,
    pub deleted_at: String,
    pub reviewer: String,
    pub reason: Option<String>,
    pub merged_into: Option<i64>,
}

/// The deletions list, oldest first.
pub fn deletions(conn: &Connection) -> Result<Vec<Deletion>> {
    let mut q = conn.prepare("SELECT event_id_cnty, incident, deleted_at, reviewer, reason, merged_into FROM deletions ORDER BY deleted_at, incident")?;
    let v = q
        .query_map([], |r| {
            Ok(Deletion { event_id_cnty: r.get(0)?, incident: r.get(1)?, deleted_at: r.get(2)?, reviewer: r.get(3)?, reason: r.get(4)?, merged_into: r.get(5)? })
        })?
        .collect::<marsad_store::db::Result<_>>()?;
    Ok(v)
}
