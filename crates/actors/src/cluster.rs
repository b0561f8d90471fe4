//! Clustering: one actor per identity from the matcher's mentions (knowledge-base
//! actor, generic agent, country, clustered unknown names and people), anaphors joined
//! to the most recent group, aliases gathered.

use crate::kb::Kb;
use crate::matcher::*;
use marsad_core::{Actor, Document, TextSpan};
use std::collections::HashMap;

/// Group mentions into actors: one per knowledge-base actor, generic agent
/// (country + sector + head), country, and per clustered unknown name;
/// anaphors join the most recent group (within three sentences).
pub fn cluster(kb: &Kb, doc: &Document, mut ms: Vec<Mention>) -> Vec<Actor> {
    // people: a single-word name joins a longer name ending with it, and
    // skeletons one edit apart (long enough) are one person
    let mut people: Vec<(String, usize)> = ms
        .iter()
        .filter(|m| m.kind == Kind::Person)
        .map(|m| (m.key.clone(), m.tok_end - m.tok_start))
        .collect();
    people.sort();
    people.dedup();
    let mut canon: HashMap<String, String> = HashMap::new();
    for (k, len) in &people {
        if canon.contains_key(k) {
            continue;
        }
        let body = k.trim_start_matches("per:");
        let mut target = k.clone();
        for (k2, len2) in &people {
            if k2 == k || len2 < len {
                continue;
            }
            let b2 = k2.trim_start_matches("per:");
            let last2 = b2.rsplit(' ').next().unwrap_or(b2);
            let same = (*len == 1 && last2 == body && len2 > len)
                || (body.chars().count() >= 5 && b2 != body && edit1(body, b2) && len2 >= len);
            if same {
                target = canon.get(k2).cloned().unwrap_or_else(|| k2.clone());
                break;
            }
        }
        canon.insert(k.clone(), target);
    }
    for m in ms.iter_mut() {
        if let Some(t) = canon.get(&m.key) {
            m.key = t.clone();
        }
    }
    // unknown orgs one edit apart
    // anaphora
    let mut last_group: Option<(usize, usize)> = None; // (mention idx, sentence)
    let mut resolved: Vec<Option<usize>> = vec![None; ms.len()];
    for i in 0..ms.len() {
        if ms[i].kind == Kind::Anaphor {
            if let Some((g, s)) = last_group {
                if ms[i].sentence <= s + 3 {
                    resolved[i] = Some(g);
                }
            }
        } else if ms[i].group {
            last_group = Some((i, ms[i].sentence));
        }
    }
    for i in 0..ms.len() {
        if ms[i].kind == Kind::Anaphor && resolved[i].is_none() {
            let m = &mut ms[i];
            m.key = "gen:X-X-group".into();
            m.name = "group".into();
            m.name_ar = Some(doc.slice(m.start, m.end).to_string());
            m.actor_type = Some("group".into());
            m.kind = Kind::Generic;
        }
        if let Some(g) = resolved[i] {
            let src = ms[g].clone();
            let m = &mut ms[i];
            m.key = src.key;
            m.name = src.name;
            m.name_ar = src.name_ar;
            m.country = src.country;
            m.sector = src.sector;
            m.actor_type = src.actor_type;
        }
    }
    ms.retain(|m| !m.key.is_empty());
    // group by key in order of first mention
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<Mention>> = HashMap::new();
    for m in ms {
        if !groups.contains_key(&m.key) {
            order.push(m.key.clone());
        }
        groups.entry(m.key.clone()).or_default().push(m);
    }
    let mut actors = Vec::new();
    let (mut np, mut no) = (0, 0);
    for key in order {
        let ms = groups.remove(&key).unwrap_or_default();
        let Some(best) = ms
            .iter()
            .filter(|m| m.kind != Kind::Anaphor)
            .max_by_key(|m| (m.tok_end - m.tok_start, std::cmp::Reverse(m.start)))
            .or(ms.first())
        else {
            continue;
        };
        let id = if key.starts_with("per:") {
            np += 1;
            format!("per:{np}")
        } else if key.starts_with("org:") {
            no += 1;
            format!("org:{no}")
        } else {
            key.clone()
        };
        let known = key.starts_with("kb:");
        let mut aliases: Vec<String> = Vec::new();
        let mut mentions: Vec<TextSpan> = Vec::new();
        for m in &ms {
            let text = doc.slice(m.start, m.end).to_string();
            let (a0, a1) = if m.alias.1 > m.alias.0 { m.alias } else { (m.start, m.end) };
            let alias = doc.slice(a0, a1).to_string();
            if m.kind != Kind::Anaphor && !aliases.contains(&alias) {
                aliases.push(alias);
            }
            mentions.push(TextSpan { text, start: m.start, end: m.end });
        }
        let country = ms.iter().find_map(|m| m.country.clone());
        let sector = ms.iter().find_map(|m| m.sector.clone());
        let _ = kb;
        actors.push(Actor {
            actor_id: id,
            name: best.name.clone(),
            name_ar: best.name_ar.clone(),
            actor_type: best.actor_type.clone(),
            sector,
            country,
            known,
            aliases,
            mentions,
            relations: Vec::new(),
        });
    }
    actors
}
