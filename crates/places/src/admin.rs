//! First-level administrative regions by GeoNames admin1 code.
//!
//! `Place.admin1` carries codes in the form `"<alpha-2>.<GeoNames admin1>"`
//! (`"IQ.10"`), for cities and for first-level regions (flag `g` in the
//! gazetteer, plus the few "region" rows scripts/build_gazetteer.py lists as
//! first-level: Eastern Province, Tigray, Punjab, Scotland…). [`admin1_name`] turns such a code into the English name of the
//! region marsad lists for it (`"IQ.10"` → `"Diyala"`), built once from the
//! gazetteer's region rows. The name is the short form, without
//! "Governorate"/"Province"/"State"/"Region" (ACLED style: "Diyala",
//! "Aleppo", "North Sinai", "Hatay", "Texas"); [`admin1_entry`] gives the
//! whole gazetteer entry (full name, Arabic name, point).
//!
//! Only codes of regions in `data/regions.tsv` are known (all of Iraq, Syria
//! but Damascus, Lebanon but Beirut/Nabatieh, Jordan but Amman/Aqaba, six
//! Yemeni governorates, some of Iran, Egypt, Saudi Arabia, 19 US states…);
//! any other code gives `None` (e.g. `"SY.13"` Damascus, `"YE.26"` Sanaa,
//! Libya but Jufra).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::gazetteer::{Entry, Gazetteer};

fn table() -> &'static HashMap<String, u32> {
    static T: OnceLock<HashMap<String, u32>> = OnceLock::new();
    T.get_or_init(|| {
        let gaz = Gazetteer::global();
        let mut m = HashMap::new();
        for (i, e) in gaz.entries.iter().enumerate() {
            // first-level regions: governorates/provinces/states (flag g) and the
            // "region" rows the build script gave a code (FIRST_LEVEL_REGIONS)
            if (e.admin_region || e.feature == "region") && !e.admin1.is_empty() && !e.country2.is_empty() {
                m.entry(format!("{}.{}", e.country2, e.admin1)).or_insert(i as u32);
            }
        }
        m
    })
}

/// The gazetteer entry of the first-level region with this admin1 code
/// (`"IQ.10"`; case of the country part ignored, surrounding spaces too).
pub fn admin1_entry(code: &str) -> Option<&'static Entry> {
    let code = code.trim();
    let (cc, rest) = code.split_once('.')?;
    if cc.len() != 2 || rest.is_empty() || !cc.is_ascii() {
        return None;
    }
    let key = format!("{}.{}", cc.to_ascii_uppercase(), rest);
    table().get(&key).map(|&i| Gazetteer::global().entry(i))
}

/// English name of the first-level region with this admin1 code, short form:
/// `admin1_name("IQ.10") == Some("Diyala")`. `None` for unknown codes.
pub fn admin1_name(code: &str) -> Option<&'static str> {
    admin1_entry(code).map(|e| short_name(e.name))
}

/// "Diyala Governorate" → "Diyala"; names without such a suffix unchanged,
/// and so are names that would shrink to a bare direction ("Eastern Province").
pub fn short_name(name: &str) -> &str {
    for suffix in [" Governorate", " Province", " State", " Region"] {
        if let Some(s) = name.strip_suffix(suffix) {
            if !s.is_empty() && !matches!(s, "Eastern" | "Western" | "Northern" | "Southern" | "Central") {
                return s;
            }
        }
    }
    name
}

/// Every known admin1 code with its short English name, sorted by code.
pub fn admin1_codes() -> Vec<(String, &'static str)> {
    let gaz = Gazetteer::global();
    let mut v: Vec<(String, &'static str)> =
        table().iter().map(|(k, &i)| (k.clone(), short_name(gaz.entry(i).name))).collect();
    v.sort();
    v
}
