//! The one country table of marsad. Every country marsad knows, with its
//! ISO 3166 codes, English and Arabic names and adjectives
//! (`data/countrycodes.tsv`, generated from GeoNames by
//! `scripts/build_gazetteer.py`), and for the countries ACLED covers their
//! ISO numeric code, ACLED region and the English name as ACLED writes it
//! (`data/acled_countries.tsv`, stated by hand). Parsed once, on first use,
//! without loading the gazetteer.
//!
//! Other crates ask here: [`by_code`] (alpha-2 or alpha-3), [`alpha3`],
//! [`alpha2`], [`acled`] (a code or ACLED's English name, among the
//! countries ACLED covers). The gazetteer builds its adjective index from
//! [`all`].

use std::collections::HashMap;
use std::sync::OnceLock;

static CODES_TSV: &str = include_str!("../data/countrycodes.tsv");
static ACLED_TSV: &str = include_str!("../data/acled_countries.tsv");

/// A country: codes, names, adjectives, ACLED facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166 alpha-2 ("IQ").
    pub alpha2: &'static str,
    /// ISO 3166 alpha-3 ("IRQ").
    pub alpha3: &'static str,
    /// English name (GeoNames: "Palestinian Territory").
    pub name: &'static str,
    /// Arabic name ("العراق").
    pub name_ar: &'static str,
    /// Arabic adjectives and demonyms, `|`-separated (عراقي|عراقية…).
    pub adjectives_ar: &'static str,
    /// English adjectives and demonyms, `|`-separated (Iraqi|Iraqis).
    pub adjectives_en: &'static str,
    /// ISO 3166 numeric code, for the countries ACLED covers.
    pub numeric: Option<u16>,
    /// ACLED region ("Middle East"), for the countries ACLED covers.
    pub acled_region: Option<&'static str>,
    /// The English name as ACLED writes it ("Palestine").
    pub acled_name: Option<&'static str>,
}

impl Country {
    /// Arabic then English adjectives and demonyms, one by one.
    pub fn adjectives(&self) -> impl Iterator<Item = &'static str> {
        self.adjectives_ar.split('|').chain(self.adjectives_en.split('|')).filter(|a| !a.is_empty())
    }
}

struct Table {
    all: Vec<Country>,
    by_alpha2: HashMap<&'static str, usize>,
    by_alpha3: HashMap<&'static str, usize>,
}

fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut all = Vec::new();
        for f in rows(CODES_TSV).filter(|f| f.len() >= 6) {
            all.push(Country {
                alpha2: f[0],
                alpha3: f[1],
                name: f[2],
                name_ar: f[3],
                adjectives_ar: f[4],
                adjectives_en: f[5],
                numeric: None,
                acled_region: None,
                acled_name: None,
            });
        }
        let by_alpha2: HashMap<_, _> = all.iter().enumerate().map(|(i, c)| (c.alpha2, i)).collect();
        let by_alpha3: HashMap<_, _> = all.iter().enumerate().map(|(i, c)| (c.alpha3, i)).collect();
        for f in rows(ACLED_TSV).filter(|f| f.len() >= 5) {
            // a country of the ACLED list must be one of GeoNames' (a test says so)
            if let Some(&i) = by_alpha3.get(f[0]) {
                let c = &mut all[i];
                c.numeric = f[2].parse().ok();
                c.acled_region = Some(f[3]);
                c.acled_name = Some(f[4]);
            }
        }
        Table { all, by_alpha2, by_alpha3 }
    })
}

/// Every country, in the order of `data/countrycodes.tsv` (by alpha-2).
pub fn all() -> &'static [Country] {
    &table().all
}

/// By ISO alpha-2 or alpha-3 code, case-insensitive ("iq", "IRQ").
pub fn by_code(code: &str) -> Option<&'static Country> {
    let t = table();
    let up = code.trim().to_ascii_uppercase();
    let i = match up.len() {
        2 => t.by_alpha2.get(up.as_str()),
        3 => t.by_alpha3.get(up.as_str()),
        _ => None,
    }?;
    t.all.get(*i)
}

/// ISO alpha-2 → alpha-3 ("IQ" → "IRQ").
pub fn alpha3(alpha2: &str) -> Option<&'static str> {
    by_code(alpha2).filter(|_| alpha2.trim().len() == 2).map(|c| c.alpha3)
}

/// ISO alpha-3 → alpha-2 ("IRQ" → "IQ").
pub fn alpha2(alpha3: &str) -> Option<&'static str> {
    by_code(alpha3).filter(|_| alpha3.trim().len() == 3).map(|c| c.alpha2)
}

/// A country ACLED covers, by alpha-3, alpha-2 or ACLED's English name
/// (case-insensitive, surrounding spaces ignored): what exports and event
/// filters accept. None for any other country.
pub fn acled(s: &str) -> Option<&'static Country> {
    let s = s.trim();
    let acled = |c: &&Country| c.acled_region.is_some();
    by_code(s).filter(acled).or_else(|| all().iter().filter(acled).find(|c| c.acled_name.is_some_and(|n| n.eq_ignore_ascii_case(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_acled_facts() {
        let iq = by_code("iq").unwrap();
        assert_eq!((iq.alpha3, iq.name, iq.name_ar), ("IRQ", "Iraq", "العراق"));
        assert_eq!((iq.numeric, iq.acled_region), (Some(368), Some("Middle East")));
        assert!(iq.adjectives().any(|a| a == "عراقي") && iq.adjectives().any(|a| a == "Iraqis"));
        assert_eq!(alpha3("SY"), Some("SYR"));
        assert_eq!(alpha2("SYR"), Some("SY"));
        assert_eq!(alpha3("SYR"), None);
        assert_eq!(acled("Syria").map(|c| c.numeric), Some(Some(760)));
        assert_eq!(acled("Palestine").map(|c| c.alpha3), Some("PSE"));
        assert_eq!(acled(" irq ").map(|c| c.alpha2), Some("IQ"));
        // Andorra is a country, but not one ACLED's list covers
        assert!(by_code("AND").is_some() && acled("AND").is_none());
        assert!(acled("XXX").is_none() && by_code("").is_none());
        assert!(all().len() > 240);
    }

    #[test]
    fn every_acled_row_is_a_known_country() {
        let n = rows(ACLED_TSV).filter(|f| f.len() >= 5).count();
        assert!(n > 70, "{n}");
        assert_eq!(all().iter().filter(|c| c.acled_region.is_some()).count(), n);
        for f in rows(ACLED_TSV) {
            assert_eq!(by_code(f[0]).map(|c| c.alpha2), Some(f[1]), "{f:?}");
        }
    }
}
