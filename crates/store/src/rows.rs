//! The annotation rows of a stored document: its entities, places, times,
//! events and actors (with their aliases, mentions and relations) written
//! into the query tables. These rows are derived data, indexes over the
//! document's `annotated` JSON (see the schema in the crate README); the
//! writer calls [`write_annotations`] inside the document's savepoint, so
//! they are stored whole with the document or not at all.

use crate::db::{self, params, Connection};
use anyhow::Result;
use marsad_core::Document;

/// Insert every annotation row of document `pk` (`now` stamps the actors'
/// first/last seen; `entity_keys` are the entities' grouping keys computed
/// off the writing thread, recomputed when missing).
pub(crate) fn write_annotations(c: &Connection, pk: i64, doc: &Document, now: &str, entity_keys: &[String]) -> Result<()> {
    {
        let mut st = c.prepare_cached(
            "INSERT INTO entities(doc, idx, type, text, key, start, end, sentence, confidence, source)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        )?;
        for (i, e) in doc.entities.iter().enumerate() {
            st.execute(params![
                pk,
                i as i64,
                e.kind.as_str(),
                e.text,
                entity_keys.get(i).cloned().unwrap_or_else(|| marsad_text::key(&e.text)),
                e.start as i64,
                e.end as i64,
                e.sentence as i64,
                e.confidence as f64,
                e.source
            ])?;
        }
    }
    {
        let mut st = c.prepare_cached(
            "INSERT INTO places(doc, idx, text, start, end, sentence, name, name_ar, geonameid, lat, lon, country,
             country2, admin1, feature, precision, relation, confidence)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
        )?;
        for (i, p) in doc.places.iter().enumerate() {
            st.execute(params![
                pk,
                i as i64,
                p.text,
                p.start as i64,
                p.end as i64,
                p.sentence as i64,
                p.name,
                p.name_ar,
                p.geonameid.map(|g| g as i64),
                p.lat,
                p.lon,
                p.country,
                p.country2,
                p.admin1,
                p.feature,
                p.precision,
                p.relation,
                p.confidence as f64
            ])?;
        }
    }
    {
        let mut st = c.prepare_cached(
            "INSERT INTO times(doc, idx, text, start, end, sentence, value, precision, anchor, modifier)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        )?;
        for (i, t) in doc.times.iter().enumerate() {
            st.execute(params![
                pk,
                i as i64,
                t.text,
                t.start as i64,
                t.end as i64,
                t.sentence as i64,
                t.value,
                t.precision,
                t.anchor,
                t.modifier
            ])?;
        }
    }
    {
        let mut st = c.prepare_cached(
            "INSERT INTO events(doc, idx, type, mode, quad, acled_event_type, acled_sub_event_type,
             actor_text, actor_start, actor_end, actor_id, actor_name,
             recipient_text, recipient_start, recipient_end, recipient_id, recipient_name,
             place_text, place_start, place_end, place_name, geonameid, lat, lon, country, admin1, geo_precision,
             date_text, date_start, date_end, date_value, date_precision,
             fatalities, injured, arrested, negated, hypothetical, generic, reported_by_text, reported_by_id,
             trigger_text, trigger_start, trigger_end, evidence_start, evidence_end, sentence, confidence, background)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,
             ?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,?35,?36,?37,?38,?39,?40,?41,?42,?43,?44,?45,?46,?47,?48)",
        )?;
        for (i, e) in doc.events.iter().enumerate() {
            let a = e.actor.as_ref();
            let r = e.recipient.as_ref();
            let p = e.place.as_ref();
            let d = e.date.as_ref();
            st.execute(db::params_from_iter::<[db::Value; 48]>([
                pk.into(),
                (i as i64).into(),
                e.kind.to_string().into(),
                e.mode.clone().into(),
                e.quad.clone().into(),
                e.acled.as_ref().map(|x| x.event_type.clone()).into(),
                e.acled.as_ref().map(|x| x.sub_event_type.clone()).into(),
                a.map(|x| x.text.clone()).into(),
                a.map(|x| x.start as i64).into(),
                a.map(|x| x.end as i64).into(),
                a.and_then(stored_actor_id).into(),
                a.and_then(|x| x.name.clone()).into(),
                r.map(|x| x.text.clone()).into(),
                r.map(|x| x.start as i64).into(),
                r.map(|x| x.end as i64).into(),
                r.and_then(stored_actor_id).into(),
                r.and_then(|x| x.name.clone()).into(),
                p.map(|x| x.text.clone()).into(),
                p.map(|x| x.start as i64).into(),
                p.map(|x| x.end as i64).into(),
                p.and_then(|x| x.name.clone()).into(),
                p.and_then(|x| x.geonameid.map(|g| g as i64)).into(),
                p.and_then(|x| x.lat).into(),
                p.and_then(|x| x.lon).into(),
                p.and_then(|x| x.country.clone()).into(),
                p.and_then(|x| x.admin1.clone()).into(),
                p.and_then(|x| x.precision.clone()).into(),
                d.map(|x| x.text.clone()).into(),
                d.map(|x| x.start as i64).into(),
                d.map(|x| x.end as i64).into(),
                d.and_then(|x| x.value.clone()).into(),
                d.map(|x| x.precision.clone()).into(),
                e.fatalities.map(i64::from).into(),
                e.injured.map(i64::from).into(),
                e.arrested.map(i64::from).into(),
                i64::from(e.negated).into(),
                i64::from(e.hypothetical).into(),
                i64::from(e.generic).into(),
                e.reported_by.as_ref().map(|x| x.text.clone()).into(),
                e.reported_by.as_ref().and_then(|x| x.actor_id.clone()).into(),
                e.trigger.text.clone().into(),
                (e.trigger.start as i64).into(),
                (e.trigger.end as i64).into(),
                (e.evidence.start as i64).into(),
                (e.evidence.end as i64).into(),
                (e.sentence as i64).into(),
                (e.confidence as f64).into(),
                i64::from(e.background).into(),
            ]))?;
        }
    }
    {
        let mut up = c.prepare_cached(
            "INSERT INTO actors(actor_id, name, name_ar, actor_type, sector, country, known, first_seen, last_seen)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?8)
             ON CONFLICT(actor_id) DO UPDATE SET
               name = excluded.name,
               name_ar = coalesce(excluded.name_ar, actors.name_ar),
               actor_type = coalesce(excluded.actor_type, actors.actor_type),
               sector = coalesce(excluded.sector, actors.sector),
               country = coalesce(excluded.country, actors.country),
               known = CASE WHEN excluded.known > actors.known THEN excluded.known ELSE actors.known END,
               last_seen = excluded.last_seen",
        )?;
        let mut al = c.prepare_cached("INSERT OR IGNORE INTO actor_aliases(actor_id, alias, key) VALUES (?1,?2,?3)")?;
        let mut me = c.prepare_cached(
            "INSERT OR IGNORE INTO actor_mentions(doc, actor_id, start, end, text) VALUES (?1,?2,?3,?4,?5)",
        )?;
        let mut re = c.prepare_cached(
            "INSERT INTO actor_relations(doc, actor_id, relation, target, evidence_start, evidence_end)
             VALUES (?1,?2,?3,?4,?5,?6)",
        )?;
        for a in &doc.actors {
            if a.actor_id.is_empty() {
                continue;
            }
            up.execute(params![a.actor_id, a.name, a.name_ar, a.actor_type, a.sector, a.country, a.known, now])?;
            for alias in a.aliases.iter().chain(a.mentions.iter().map(|m| &m.text)) {
                if !alias.trim().is_empty() {
                    al.execute(params![a.actor_id, alias, marsad_text::key(alias)])?;
                }
            }
            for m in &a.mentions {
                me.execute(params![pk, a.actor_id, m.start as i64, m.end as i64, m.text])?;
            }
            for r in &a.relations {
                re.execute(params![
                    pk,
                    a.actor_id,
                    r.relation,
                    r.target,
                    r.evidence.start as i64,
                    r.evidence.end as i64
                ])?;
            }
        }
        // Participants the events stage placed in a country the actors
        // stage could not ("a Turkish drone": gen:X-MIL-aircraft → TUR)
        // are stored as that country's generic actor, so incidents keep
        // the country and the ACLED actor codes.
        for x in doc.events.iter().flat_map(|e| [e.actor.as_ref(), e.recipient.as_ref()]).flatten() {
            let (Some(id), Some(orig)) = (stored_actor_id(x), x.actor_id.as_deref()) else { continue };
            if id != orig {
                let name = x.name.clone().unwrap_or_else(|| x.text.clone());
                up.execute(params![id, name, Option::<String>::None, x.actor_type, x.sector, x.country, false, now])?;
            }
        }
    }
    Ok(())
}

/// The actor id an event participant is stored under: a generic actor the
/// actors stage left without a country (`gen:X-MIL-aircraft`) takes the
/// country the events stage found for it (`gen:TUR-MIL-aircraft`).
fn stored_actor_id(a: &marsad_core::ActorRef) -> Option<String> {
    let id = a.actor_id.as_deref()?;
    match (id.strip_prefix("gen:X-"), a.country.as_deref()) {
        (Some(rest), Some(c)) if !c.is_empty() && c != "X" => Some(format!("gen:{c}-{rest}")),
        _ => Some(id.to_string()),
    }
}
