//! Exports of incidents: ACLED-style CSV, PLOVER-style JSON Lines, GeoJSON
//! and Parquet.

use crate::admin;
use crate::countries;
use crate::query::{for_each_event, ActorBrief, EventFilter, IncidentSummary};
use anyhow::{bail, Result};
use marsad_store::db::Connection;
use serde_json::{json, Value};
use std::io::Write;

/// ACLED's column layout, in order, and marsad's `review_status`
/// (`unreviewed`, `accepted` or `edited`; rejected and merged incidents are
/// in the deletions list instead) as a 32nd column.
pub const ACLED_COLUMNS: [&str; 32] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "review_status",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    Geojson,
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "csv" => Format::Csv,
            "jsonl" | "json" | "ndjson" => Format::Jsonl,
            "geojson" => Format::Geojson,
            "parquet" => Format::Parquet,
            _ => return Err(format!("unknown format {s:?} (csv, jsonl, geojson or parquet)")),
        })
    }
}

/// ACLED's actor type codes (`inter`): 1 state forces, 2 rebel groups,
/// 3 political militias, 4 identity militias, 5 rioters, 6 protesters,
/// 7 civilians, 8 external/other forces (state forces of another country
/// than the event's, international organisations). 0 when unknown.
pub fn inter_code(a: Option<&ActorBrief>, event_country: Option<&str>) -> u8 {
    let Some(a) = a else { return 0 };
    let id = a.id.as_deref().unwrap_or("");
    let name = a.name.as_deref().unwrap_or("").to_lowercase();
    let t = a.actor_type.as_deref().unwrap_or("").to_lowercase();
    let sector = a.sector.as_deref().or_else(|| id.strip_prefix("gen:").and_then(|g| g.split('-').nth(1))).unwrap_or("");
    if name.contains("protester") || name.contains("demonstrator") || sector == "PRO" {
        return 6;
    }
    if name.contains("rioter") || t.contains("rioter") {
        return 5;
    }
    let state = t.contains("state") || t == "government" || matches!(sector, "MIL" | "COP" | "GOV" | "SPY" | "JUD");
    if state {
        let c = a.country.as_deref().or_else(|| id.strip_prefix("gen:").and_then(|g| g.split('-').next()).filter(|c| *c != "X"));
        return match (c, event_country) {
            (Some(c), Some(e)) if c != e => 8,
            _ => 1,
        };
    }
    if t.contains("rebel") || matches!(sector, "REB" | "INS" | "SEP") {
        return 2;
    }
    if t.contains("identity") || t.contains("ethnic") || t.contains("tribal") {
        return 4;
    }
    if t.contains("militia") || t.contains("unidentified") || sector == "UAF" {
        return 3;
    }
    if t.contains("civilian") || sector == "CVL" {
        return 7;
    }
    if t.contains("international") || sector == "IGO" || sector == "NGO" {
        return 8;
    }
    0
}

pub fn disorder_type(acled_event_type: Option<&str>) -> &'static str {
    match acled_event_type {
        Some("Battles") | Some("Explosions/Remote violence") | Some("Violence against civilians") => "Political violence",
        Some("Protests") | Some("Riots") => "Demonstrations",
        Some("Strategic developments") => "Strategic developments",
        _ => "",
    }
}

/// ACLED time precision: 1 the day is known, 2 within a week (or from the
/// publication date), 3 only the month.
pub fn time_precision(p: Option<&str>) -> Option<u8> {
    match p {
        Some("day") => Some(1),
        Some("week") | Some("published") => Some(2),
        Some("month") => Some(3),
        _ => None,
    }
}

/// ACLED geo precision: 1 the town itself, 2 a nearby or named area,
/// 3 a region or country.
pub fn geo_precision(p: Option<&str>) -> Option<u8> {
    match p {
        Some("city") => Some(1),
        Some("feature") => Some(2),
        Some("region") | Some("country") => Some(3),
        _ => None,
    }
}

/// Wire agencies and broadcasters read worldwide.
const INTERNATIONAL: &[&str] = &[
    "reuters.com", "apnews.com", "afp.com", "bbc.co.uk", "bbc.com", "cnn.com", "nytimes.com", "theguardian.com",
    "washingtonpost.com", "france24.com", "dw.com", "aljazeera.com", "xinhuanet.com", "aa.com.tr",
];
/// Pan-Arab outlets (read across the region, based outside most of the
/// countries they cover).
const REGIONAL: &[&str] =
    &["aljazeera.net", "alarabiya.net", "aawsat.com", "skynewsarabia.com", "alaraby.co.uk", "asharq.com", "independentarabia.com"];

/// ACLED's `source_scale` from the incident's sources (URL hosts): a host
/// under the event country's top-level domain is National, another
/// country's domain or a listed wire/broadcaster International, a listed
/// pan-Arab outlet Regional; the distinct scales are joined in ACLED's
/// order (`National-International`). Sources that say nothing (local file
/// names, unknown `.com` hosts) are not counted; empty when none does.
pub fn source_scale(sources: &[String], country: Option<&str>) -> String {
    let iso2 = country.and_then(countries::lookup).map(|c| c.iso2.to_ascii_lowercase());
    let mut has = [false; 3]; // national, regional, international
    for src in sources {
        let host = src.trim().to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        // a host, or a document id / file name that starts with one
        // (`reuters.com-123`)
        let listed = |l: &[&str]| {
            l.iter().any(|h| {
                host == *h
                    || host.ends_with(&format!(".{h}"))
                    || host.strip_prefix(h).is_some_and(|r| r.starts_with(['-', '_', '/', ':']))
            })
        };
        if listed(INTERNATIONAL) {
            has[2] = true;
        } else if listed(REGIONAL) {
            has[1] = true;
        } else if let Some(tld) = host
            .rsplit('.')
            .next()
            .filter(|t| t.len() == 2 && t.bytes().all(|b| b.is_ascii_lowercase()) && host.contains('.'))
        {
            match &iso2 {
                Some(c) if c == tld => has[0] = true,
                _ if tld == "uk" || countries::lookup(tld).is_some() => has[2] = true,
                _ => {}
            }
        }
    }
    ["National", "Regional", "International"]
        .iter()
        .zip(has)
        .filter(|(_, h)| *h)
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join("-")
}

/// Associated actors of an incident: the other *known* actors (and
/// recipients) its reports name, besides the incident's actor1 (actor2),
/// joined by `; ` as in ACLED. Generic descriptions ("gunmen") are not
/// listed: outlets word the same actor differently.
pub fn assoc_actors(conn: &Connection, s: &IncidentSummary) -> Result<(String, String)> {
    let mut q = conn.prepare_cached(
        "SELECT e.actor_id, coalesce(e.actor_name, e.actor_text), e.recipient_id, coalesce(e.recipient_name, e.recipient_text)
         FROM incident_reports r JOIN events e ON e.doc = r.doc AND e.idx = r.idx
         WHERE r.incident = ?1 ORDER BY r.doc, r.idx",
    )?;
    let known = |id: &Option<String>| id.as_deref().is_some_and(|i| i.starts_with("kb:") || i.starts_with("state:"));
    let main_a = s.actor.as_ref().and_then(|a| a.id.clone());
    let main_r = s.recipient.as_ref().and_then(|a| a.id.clone());
    type Named = Vec<(String, String)>; // (id, name)
    let (mut a1, mut a2): (Named, Named) = (Vec::new(), Vec::new());
    let mut rows = q.query([s.id])?;
    while let Some(r) = rows.next()? {
        let (aid, an, rid, rn): (Option<String>, Option<String>, Option<String>, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        for (id, name, main, out) in [(aid, an, &main_a, &mut a1), (rid, rn, &main_r, &mut a2)] {
            if known(&id) && id != *main && id != main_a && id != main_r {
                let id = id.unwrap_or_default();
                if !out.iter().any(|(i, _)| *i == id) {
                    out.push((id.clone(), name.unwrap_or(id)));
                }
            }
        }
    }
    let join = |v: Vec<(String, String)>| v.into_iter().map(|(_, n)| n).collect::<Vec<_>>().join("; ");
    Ok((join(a1), join(a2)))
}

/// The ACLED row of an incident with the columns that need the database
/// (associated actors) filled in.
pub fn acled_row_full(conn: &Connection, s: &IncidentSummary) -> Result<Vec<Cell>> {
    let mut row = acled_row(s);
    let (a1, a2) = assoc_actors(conn, s)?;
    row[8] = Cell::Text(a1);
    row[11] = Cell::Text(a2);
    Ok(row)
}

/// A cell of an export row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(Option<i64>),
    Float(Option<f64>),
}

impl Cell {
    fn render(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(Some(v)) => v.to_string(),
            Cell::Float(Some(v)) => format!("{v:.5}"),
            _ => String::new(),
        }
    }
}

/// An incident as an ACLED row (the cells of [`ACLED_COLUMNS`]).
pub fn acled_row(s: &IncidentSummary) -> Vec<Cell> {
    let c = s.country.as_deref().and_then(countries::lookup);
    let country = s.country.as_deref();
    let i1 = inter_code(s.actor.as_ref(), country);
    let i2 = inter_code(s.recipient.as_ref(), country);
    let interaction = match (i1, i2) {
        (0, 0) => None,
        (a, 0) | (0, a) => Some(a as i64 * 10),
        (a, b) => Some((a.min(b) as i64) * 10 + a.max(b) as i64),
    };
    let disorder = disorder_type(s.acled_event_type.as_deref());
    let civ = if i2 == 7 && disorder == "Political violence" { "Civilian targeting" } else { "" };
    let name = |a: &Option<ActorBrief>| a.as_ref().and_then(|a| a.name.clone().or(a.id.clone())).unwrap_or_default();
    let t = |v: Option<&str>| Cell::Text(v.unwrap_or("").to_string());
    let code = |v: u8| Cell::Int((v > 0).then_some(v as i64));
    vec![
        Cell::Text(format!("{}{}", s.country.as_deref().unwrap_or("XXX"), s.id)),
        t(s.date.as_deref()),
        Cell::Int(s.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())),
        Cell::Int(time_precision(s.date_precision.as_deref()).map(i64::from)),
        Cell::Text(disorder.to_string()),
        Cell::Text(s.acled_event_type.clone().unwrap_or_else(|| s.kind.clone())),
        t(s.acled_sub_event_type.as_deref()),
        Cell::Text(name(&s.actor)),
        t(None),
        code(i1),
        Cell::Text(name(&s.recipient)),
        t(None),
        code(i2),
        Cell::Int(interaction),
        Cell::Text(civ.to_string()),
        Cell::Int(c.map(|c| c.numeric as i64)),
        t(c.map(|c| c.region)),
        Cell::Text(c.map(|c| c.name.to_string()).or(s.country.clone()).unwrap_or_default()),
        // admin1 as a region name when the gazetteer tells it (else the
        // stored code); admin2/admin3 are not resolved by marsad-places
        t(s.admin1.as_deref().map(|a| admin::admin1_name(a).unwrap_or(a))),
        t(None),
        t(None),
        t(s.place.as_deref()),
        Cell::Float(s.lat),
        Cell::Float(s.lon),
        Cell::Int(geo_precision(s.geo_precision.as_deref()).map(i64::from)),
        Cell::Text(s.sources.join("; ")),
        Cell::Text(source_scale(&s.sources, s.country.as_deref())),
        t(s.evidence.as_deref().map(str::trim)),
        Cell::Int(Some(s.fatalities.unwrap_or(0))),
        t(None),
        Cell::Int(Some(s.updated_at)),
        Cell::Text(if s.review_status.is_empty() { "unreviewed".into() } else { s.review_status.clone() }),
    ]
}

fn actor_json(a: &Option<ActorBrief>) -> (Value, Value, Value, Value) {
    match a {
        Some(a) => (
            json!(a.name.clone().or(a.id.clone())),
            json!(a.id),
            json!(a.country),
            json!(a.sector),
        ),
        None => (Value::Null, Value::Null, Value::Null, Value::Null),
    }
}

/// An incident with PLOVER's field names.
pub fn plover_json(s: &IncidentSummary) -> Value {
    let (actor, actor_id, actor_country, actor_sector) = actor_json(&s.actor);
    let (rec, rec_id, rec_country, rec_sector) = actor_json(&s.recipient);
    json!({
        "event_id": s.id,
        "date": s.date,
        "date_precision": s.date_precision,
        "event_type": s.kind,
        "mode": s.mode,
        "context": Value::Null,
        "actor": actor,
        "actor_id": actor_id,
        "actor_country": actor_country,
        "actor_sector": actor_sector,
        "recipient": rec,
        "recipient_id": rec_id,
        "recipient_country": rec_country,
        "recipient_sector": rec_sector,
        "location": {
            "name": s.place, "lat": s.lat, "lon": s.lon, "country": s.country, "admin1": s.admin1,
            "geonameid": s.geonameid, "precision": s.geo_precision,
        },
        "fatalities": s.fatalities,
        "injured": s.injured,
        "arrested": s.arrested,
        "acled_event_type": s.acled_event_type,
        "acled_sub_event_type": s.acled_sub_event_type,
        "n_reports": s.n_reports,
        "sources": s.sources,
        "documents": s.documents,
        "text": s.evidence,
        "trigger": s.trigger,
        "review_status": s.review_status,
    })
}

/// A GeoJSON feature (`None` without coordinates). Properties are flat so
/// that GIS tools show them as columns.
pub fn geojson_feature(s: &IncidentSummary) -> Option<Value> {
    let (lat, lon) = (s.lat?, s.lon?);
    let name = |a: &Option<ActorBrief>| a.as_ref().and_then(|a| a.name.clone().or(a.id.clone()));
    Some(json!({
        "type": "Feature",
        "id": s.id,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": s.id, "type": s.kind, "acled_event_type": s.acled_event_type,
            "sub_event_type": s.acled_sub_event_type, "date": s.date, "date_precision": s.date_precision,
            "place": s.place, "country": s.country, "admin1": s.admin1, "geo_precision": s.geo_precision,
            "fatalities": s.fatalities, "injured": s.injured, "actor": name(&s.actor), "recipient": name(&s.recipient),
            "n_reports": s.n_reports, "sources": s.sources.join("; "), "title": s.title, "text": s.evidence,
            "review_status": s.review_status,
        }
    }))
}

/// Write the incidents matching `f` to `out`; returns how many were written.
pub fn export(conn: &Connection, f: &EventFilter, format: Format, out: &mut dyn Write) -> Result<u64> {
    let mut f = f.clone();
    f.ascending = true;
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(ACLED_COLUMNS)?;
            let n = for_each_event(conn, &f, |s| {
                w.write_record(acled_row_full(conn, &s)?.iter().map(Cell::render))?;
                Ok(())
            })?;
            w.flush()?;
            Ok(n)
        }
        Format::Jsonl => for_each_event(conn, &f, |s| {
            serde_json::to_writer(&mut *out, &plover_json(&s))?;
            out.write_all(b"\n")?;
            Ok(())
        }),
        Format::Geojson => {
            out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
            let mut first = true;
            let mut n = 0;
            for_each_event(conn, &f, |s| {
                if let Some(feat) = geojson_feature(&s) {
                    if !first {
                        out.write_all(b",\n")?;
                    }
                    first = false;
                    serde_json::to_writer(&mut *out, &feat)?;
                    n += 1;
                }
                Ok(())
            })?;
            out.write_all(b"\n]}\n")?;
            Ok(n)
        }
        Format::Parquet => bail!("parquet needs a file: use export_parquet"),
    }
}

/// Write the incidents matching `f` as Parquet (ACLED's columns, typed:
/// integers INT64, coordinates DOUBLE, the rest UTF-8), in row groups of
/// [`PARQUET_ROW_GROUP`] rows.
pub fn export_parquet<W: Write + Send>(conn: &Connection, f: &EventFilter, out: W) -> Result<u64> {
    crate::parquet_out::write(conn, f, out)
}

pub const PARQUET_ROW_GROUP: usize = 50_000;

/// The deletions list as ACLED publishes it (CSV: `event_id_cnty`,
/// `deletion_date`, plus marsad's `incident`, `reason`, `merged_into`,
/// `reviewer`); returns the number of rows.
pub fn export_deletions(conn: &Connection, out: &mut dyn Write) -> Result<u64> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["event_id_cnty", "deletion_date", "incident", "reason", "merged_into", "reviewer"])?;
    let list = crate::review::deletions(conn)?;
    for d in &list {
        let day = d.deleted_at.get(..10).unwrap_or(&d.deleted_at).to_string();
        let m = d.merged_into.map(|m| m.to_string()).unwrap_or_default();
        w.write_record([d.event_id_cnty.as_str(), &day, &d.incident.to_string(), d.reason.as_deref().unwrap_or(""), &m, &d.reviewer])?;
    }
    w.flush()?;
    Ok(list.len() as u64)
}
