//! First-level administrative region names for the stored admin1 codes.
//!
//! Places carry GeoNames admin1 codes (`IQ.07`); marsad-places assigns each
//! of its first-level regions its code (see its README) and names them.
//! Codes the gazetteer has no region for keep their code in exports.

/// The region name of a stored admin1 code (`IQ.07` → `Baghdad`), if the
/// gazetteer can tell.
pub fn admin1_name(code: &str) -> Option<&'static str> {
    marsad_places::admin1_name(code)
}

/// The stored admin1 codes whose region is called `name` (English or Arabic,
/// with or without "Governorate"/"Province"), for `--admin1 Diyala`.
pub fn admin1_codes_named(name: &str) -> Vec<String> {
    let want = name.trim().to_lowercase();
    let strip = |s: &str| -> String {
        let s = s.to_lowercase();
        for suffix in [" governorate", " province", " region", " state"] {
            if let Some(x) = s.strip_suffix(suffix) {
                return x.to_string();
            }
        }
        s
    };
    let want_short = strip(&want);
    marsad_places::admin::admin1_codes()
        .into_iter()
        .filter(|(code, short)| {
            strip(short) == want_short
                || marsad_places::admin1_entry(code).is_some_and(|e| {
                    e.name_ar == name.trim() || strip(e.name) == want_short
                })
        })
        .map(|(code, _)| code.to_string())
        .collect()
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

    #[test]
    fn region_names_find_their_codes() {
        let baqubah = marsad_places::gazetteer::Gazetteer::global().lookup("Baqubah");
        let code = baqubah.iter().find(|e| e.feature == "city").map(|e| format!("IQ.{}", e.admin1)).unwrap();
        for name in ["Diyala", "diyala governorate", "ديالى"] {
            assert_eq!(super::admin1_codes_named(name), vec![code.clone()], "{name}");
        }
        assert!(super::admin1_codes_named("Atlantis").is_empty());
    }
}
