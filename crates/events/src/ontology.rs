//! The event ontology: PLOVER v2 types and modes, quad classes, and the
//! mapping to ACLED event types (data/ontology.tsv).

use marsad_core::AcledType;
use std::collections::HashMap;

const ONTOLOGY: &str = include_str!("../data/ontology.tsv");

#[derive(Clone, Debug)]
pub struct Row {
    pub quad: String,
    pub acled: Option<AcledType>,
}

/// (type, mode) → quad and ACLED type; mode "-" is the type's default.
pub struct Ontology {
    rows: HashMap<(String, String), Row>,
}

impl Ontology {
    pub fn load() -> Self {
        let mut rows = HashMap::new();
        for line in ONTOLOGY.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            let acled = if f[3] == "-" {
                None
            } else {
                Some(AcledType { event_type: f[3].to_string(), sub_event_type: f[4].to_string() })
            };
            rows.insert((f[0].to_string(), f[2].to_string()), Row { quad: f[1].to_string(), acled });
        }
        Ontology { rows }
    }

    /// The row for a type and mode, falling back to the type's default.
    pub fn get(&self, ty: &str, mode: Option<&str>) -> Option<&Row> {
        if let Some(m) = mode {
            if let Some(r) = self.rows.get(&(ty.to_string(), m.to_string())) {
                return Some(r);
            }
        }
        self.rows.get(&(ty.to_string(), "-".to_string()))
    }

    /// Every event type in the ontology.
    pub fn types(&self) -> Vec<String> {
        let mut t: Vec<String> = self.rows.keys().map(|k| k.0.clone()).collect();
        t.sort();
        t.dedup();
        t
    }

    /// Modes listed for a type.
    pub fn modes(&self, ty: &str) -> Vec<String> {
        let mut m: Vec<String> =
            self.rows.keys().filter(|k| k.0 == ty && k.1 != "-").map(|k| k.1.clone()).collect();
        m.sort();
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_sixteen_plover_types_and_change_group() {
        let o = Ontology::load();
        let t = o.types();
        for ty in [
            "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
            "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "CHANGE_GROUP",
        ] {
            assert!(t.contains(&ty.to_string()), "{ty}");
        }
        assert_eq!(t.len(), 17);
    }

    #[test]
    fn acled_mapping() {
        let o = Ontology::load();
        let a = o.get("ASSAULT", Some("suicide-attack")).unwrap().acled.clone().unwrap();
        assert_eq!(a.sub_event_type, "Suicide bomb");
        let a = o.get("ASSAULT", Some("aerial")).unwrap().acled.clone().unwrap();
        assert_eq!(a.sub_event_type, "Air/drone strike");
        let a = o.get("COERCE", Some("arrest")).unwrap().acled.clone().unwrap();
        assert_eq!(a.sub_event_type, "Arrests");
        let a = o.get("CHANGE_GROUP", Some("formation")).unwrap().acled.clone().unwrap();
        assert_eq!(a.sub_event_type, "Change to group/activity");
        assert!(o.get("ACCUSE", None).unwrap().acled.is_none());
        assert_eq!(o.get("PROTEST", Some("nonsense")).unwrap().quad, "material-conflict");
        assert!(o.modes("PROTEST").contains(&"riot".to_string()));
    }
}
