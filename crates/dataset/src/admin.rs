//! First-level administrative region names for the stored admin1 codes.
//!
//! Places carry GeoNames admin1 codes (`IQ.07`), and marsad-places does not
//! list the regions' names under those codes: its region entries (curated
//! governorates and provinces, flag `admin_region`) have names and
//! representative points but no code. The name of a code is therefore
//! derived from the gazetteer itself: first a region named like one of the
//! code's three most populous cities (governorates named after their
//! capital), then, for the other regions, the code that most of the 15
//! cities nearest to the region's point carry. Codes left without a region
//! keep their code. Derived once, on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

fn short(name: &str) -> &str {
    for suffix in [" Governorate", " governorate", " Province", " province", " Region", " District", " Muhafazah"] {
        if let Some(s) = name.strip_suffix(suffix) {
            return s;
        }
    }
    name
}

fn table() -> &'static HashMap<String, &'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let g = marsad_places::gazetteer::Gazetteer::global();
        // cities by code, most populous first
        let mut cities: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in g.entries.iter().enumerate() {
            if e.feature == "city" && !e.admin1.is_empty() && !e.country2.is_empty() {
                cities.entry(format!("{}.{}", e.country2, e.admin1)).or_default().push(i);
            }
        }
        for v in cities.values_mut() {
            v.sort_by(|&a, &b| g.entries[b].population.cmp(&g.entries[a].population).then(a.cmp(&b)));
        }
        let mut out: HashMap<String, &'static str> = HashMap::new();
        let mut taken: std::collections::HashSet<usize> = Default::default();
        // 1. a region named like one of the code's three largest cities
        //    (governorates named after their capital: Homs, Kirkuk, Aleppo)
        let mut codes: Vec<&String> = cities.keys().collect();
        codes.sort();
        for code in &codes {
            let cc = &code[..2];
            for &ci in cities[*code].iter().take(3) {
                let key = marsad_places::gazetteer::name_key(g.entries[ci].name);
                let hit = g
                    .lookup_key(&key)
                    .iter()
                    .map(|c| c.id as usize)
                    .find(|&ri| g.entries[ri].admin_region && g.entries[ri].country2 == cc && !taken.contains(&ri));
                if let Some(ri) = hit {
                    taken.insert(ri);
                    out.insert((*code).clone(), short(g.entries[ri].name));
                    break;
                }
            }
        }
        // 2. other regions: the code most of the 15 cities nearest to the
        //    region's representative point have (a point inside the region)
        for (ri, r) in g.entries.iter().enumerate() {
            if !r.admin_region || r.country2.is_empty() || taken.contains(&ri) {
                continue;
            }
            let cos = r.lat.to_radians().cos();
            let mut near: Vec<(f64, &str)> = g
                .entries
                .iter()
                .filter(|e| e.feature == "city" && e.country2 == r.country2 && !e.admin1.is_empty())
                .map(|e| {
                    let (dy, dx) = (e.lat - r.lat, (e.lon - r.lon) * cos);
                    (dy * dy + dx * dx, e.admin1)
                })
                .collect();
            near.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(b.1)));
            let mut votes: Vec<(&str, u32)> = Vec::new();
            for (_, c) in near.iter().take(15) {
                match votes.iter_mut().find(|(x, _)| x == c) {
                    Some(v) => v.1 += 1,
                    None => votes.push((c, 1)),
                }
            }
            if let Some((c, _)) = votes.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))) {
                out.entry(format!("{}.{}", r.country2, c)).or_insert(short(r.name));
            }
        }
        out
    })
}

/// The region name of a stored admin1 code (`IQ.07` → `Baghdad`), if the
/// gazetteer can tell.
pub fn admin1_name(code: &str) -> Option<&'static str> {
    table().get(code).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn iraqi_governorates() {
        assert_eq!(super::admin1_name("IQ.07"), Some("Baghdad"));
        assert_eq!(super::admin1_name("IQ.13"), Some("Kirkuk"));
        assert_eq!(super::admin1_name("IQ.15"), Some("Nineveh"));
        // Fallujah's and Ramadi's governorate is Anbar (not named after a city)
        let fallujah = marsad_places::gazetteer::Gazetteer::global().lookup("Fallujah");
        let code = fallujah.iter().find(|e| e.feature == "city").map(|e| format!("IQ.{}", e.admin1)).unwrap();
        assert_eq!(super::admin1_name(&code), Some("Anbar"));
        let homs = marsad_places::gazetteer::Gazetteer::global().lookup("Homs");
        let code = homs.iter().find(|e| e.feature == "city").map(|e| format!("SY.{}", e.admin1)).unwrap();
        assert_eq!(super::admin1_name(&code), Some("Homs"));
        assert_eq!(super::admin1_name("ZZ.99"), None);
    }
}
