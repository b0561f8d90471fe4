//! Coding an actor phrase as an `ActorRef`: name, id, country, sector and type from
//! the actors stage, then the phrase coder, then the stage's own tables; country
//! fallbacks from places and demonyms around the phrase and the event's place.

use crate::sentence::*;
use crate::words::*;
use marsad_core::{ActorRef, TokenKind};

impl<'a> Sent<'a> {
    pub(crate) fn actor_ref(&self, (s, e): (usize, usize), place_country: Option<&str>) -> ActorRef {
        let start = self.toks[s].start;
        let end = self.toks[e].end;
        let text = self.doc.slice(start, end).to_string();
        let mut r = ActorRef { text: text.clone(), start, end, ..Default::default() };
        // a knowledge-base actor mention inside the phrase
        let ms = self.mentions_in(start, end);
        if let Some(&(ai, _)) = ms.iter().find(|(ai, _)| self.doc.actors[*ai].known).or(ms.first()) {
            let a = &self.doc.actors[ai];
            r.name = Some(a.name.clone());
            r.actor_id = Some(a.actor_id.clone());
            r.country = a.country.clone();
            r.sector = a.sector.clone();
            r.actor_type = a.actor_type.clone();
        }
        if r.country.is_none() || r.sector.is_none() {
            if let Some(c) = self.coder().code_phrase(&text) {
                r.country = r.country.or(c.country);
                r.sector = r.sector.or(c.sector);
                r.actor_type = r.actor_type.or(c.actor_type);
                if r.name.is_none() && !c.name.is_empty() {
                    r.name = Some(c.name);
                }
            }
        }
        // our own fallback: demonyms, country names, agent nouns
        for j in s..=e {
            let k = self.key[j];
            if r.country.is_none() {
                if let Some(c) = self.lx().countries.get(k).cloned().or_else(|| if is_ar(&self.toks[j]) { self.nisba_country(k) } else { None }) {
                    r.country = Some(c);
                }
            }
            if r.sector.is_none() {
                if let Some((sec, ty)) = self.lx().heads.get(k) {
                    r.sector = Some(sec.clone());
                    if r.actor_type.is_none() {
                        r.actor_type = Some(ty.clone());
                    }
                }
            }
        }
        // "عجلة عسكرية"، "a military vehicle": military property
        if r.sector.is_none() && (s..=e).any(|j| matches!(self.key[j], "عسكري" | "عسكريه" | "military")) {
            r.sector = Some("MIL".into());
        }
        if r.country.is_none() {
            // a place inside the phrase (حزب البعث في السودان)
            if let Some(p) = self.doc.places.iter().find(|p| p.start >= start && p.end <= end && p.country.is_some()) {
                r.country = p.country.clone();
            }
        }
        // "المتظاهرون من فلسطينيين…"، "حزب البعث … في السودان": a demonym or country right after the phrase
        if r.country.is_none() {
            let n = self.toks.len();
            let mut j = e + 1;
            let mut saw_min = false;
            while j < n && j <= e + 4 {
                let t = &self.toks[j];
                if t.kind == TokenKind::Punct || self.trig[j] {
                    break;
                }
                let k = self.key[j];
                if let Some(c) = self.lx().countries.get(k).cloned().or_else(|| if is_ar(t) && (k.ends_with("يين") || k.ends_with("يون") || saw_min) { self.nisba_country(k) } else { None }) {
                    r.country = Some(c);
                    break;
                }
                if let Some(p) = self.doc.places.iter().find(|p| p.start <= t.start && t.start < p.end && p.country.is_some()) {
                    if j <= e + 2 {
                        r.country = p.country.clone();
                    }
                    break;
                }
                if t.norm == "من" || t.norm == "from" {
                    saw_min = true;
                }
                if !(matches!(t.norm.as_str(), "من" | "في" | "وفي" | "of" | "from" | "in") || AR_QUANT.contains(&k) || self.head(j).is_some() || k == "ابناء" || (saw_min && is_ar(t) && !self.is_func(j))) {
                    break;
                }
                j += 1;
            }
        }
        // "قوات الاحتلال"، "جنود الاحتلال"، "مستوطنون": Israel in the Arabic press (the US
        // in Iraq and Afghanistan)
        if r.country.is_none() && (s..=e).any(|j| matches!(self.key[j], "احتلال" | "الاحتلال" | "مستوطنون" | "مستوطنين" | "مستوطن" | "المستوطنين" | "المستوطنون")) {
            let us = matches!(place_country, Some("IRQ" | "AFG"));
            r.country = Some(if us && !(s..=e).any(|j| self.key[j].contains("مستوطن")) { "USA" } else { "ISR" }.to_string());
        }
        // unnamed civilians, local forces and gunmen take the country where the event
        // happens (the CAMEO/PETRARCH convention; a named foreign actor has its own)
        if r.country.is_none() && matches!(r.sector.as_deref(), Some("CVL" | "EDU" | "LAB" | "OPP" | "REF" | "COP" | "MIL" | "GOV" | "UAF" | "REB" | "REL")) {
            r.country = place_country.map(|s| s.to_string());
        }
        r
    }
}
