//! admin1 codes of first-level regions and their names (src/admin.rs).
use marsad_core::Document;
use marsad_places::{admin1_entry, admin1_name, find_places, Gazetteer};

/// "CC.code" of the most populous city called `name` in `cc`.
fn city_code(name: &str, cc: &str) -> String {
    let g = Gazetteer::global();
    let e = g
        .lookup(name)
        .into_iter()
        .filter(|e| e.feature == "city" && e.country2 == cc)
        .max_by_key(|e| e.population)
        .unwrap_or_else(|| panic!("no city {name} in {cc}"));
    assert!(!e.admin1.is_empty(), "{name} has no admin1");
    format!("{}.{}", e.country2, e.admin1)
}

/// "CC.code" of the first-level region whose English name is `en`.
fn region_code(en: &str) -> String {
    let g = Gazetteer::global();
    let e = g
        .entries
        .iter()
        .find(|e| (e.admin_region || e.feature == "region") && e.name == en)
        .unwrap_or_else(|| panic!("no region {en}"));
    assert!(!e.admin1.is_empty(), "{en} has no admin1");
    format!("{}.{}", e.country2, e.admin1)
}

#[test]
fn cities_share_their_governorate_code() {
    for (city, cc, region) in [
        ("Baqubah", "IQ", "Diyala Governorate"),
        ("Mosul", "IQ", "Nineveh Governorate"),
        ("Ramadi", "IQ", "Anbar Governorate"),
        ("Tikrit", "IQ", "Salah al-Din Governorate"),
        ("Kirkuk", "IQ", "Kirkuk Governorate"),
        ("Basra", "IQ", "Basra Governorate"),
        ("Najaf", "IQ", "Najaf Governorate"),
        ("Samawah", "IQ", "Muthanna Governorate"),
        ("Diwaniyah", "IQ", "Al-Qadisiyyah Governorate"),
        ("Kut", "IQ", "Wasit Governorate"),
        ("Hillah", "IQ", "Babil Governorate"),
        ("Nasiriyah", "IQ", "Dhi Qar Governorate"),
        ("Erbil", "IQ", "Erbil Governorate"),
        ("Aleppo", "SY", "Aleppo Governorate"),
        ("Idlib", "SY", "Idlib Governorate"),
        ("Deir ez-Zor", "SY", "Deir ez-Zor Governorate"),
        ("Raqqa", "SY", "Raqqa Governorate"),
        ("Homs", "SY", "Homs Governorate"),
        ("Qamishli", "SY", "Al-Hasakah Governorate"),
        ("Mukalla", "YE", "Hadhramaut Governorate"),
        ("Zinjibar", "YE", "Abyan Governorate"),
        ("Ataq", "YE", "Shabwah Governorate"),
        ("Zarqa", "JO", "Zarqa Governorate"),
        ("Antakya", "TR", "Hatay Province"),
        // "region" rows the build script lists as first-level
        ("Dammam", "SA", "Eastern Province"),
        ("Quetta", "PK", "Balochistan"),
        ("Maiduguri", "NG", "Borno State"),
        ("Edinburgh", "GB", "Scotland"),
    ] {
        assert_eq!(city_code(city, cc), region_code(region), "{city} vs {region}");
    }
}

#[test]
fn codes_are_unique_per_country() {
    let g = Gazetteer::global();
    let mut seen = std::collections::HashSet::new();
    for e in g.entries.iter().filter(|e| (e.admin_region || e.feature == "region") && !e.admin1.is_empty()) {
        assert!(seen.insert((e.country2, e.admin1)), "{} {} used twice", e.country2, e.admin1);
    }
    assert!(seen.len() >= 110, "{}", seen.len());
    // areas that are not one first-level division get no code
    for en in ["Kurdistan Region", "Darfur", "Fezzan", "Najd", "Donbas", "Gaza Strip", "Middle East"] {
        let e = g.entries.iter().find(|e| e.name == en).unwrap_or_else(|| panic!("no {en}"));
        assert!(e.admin1.is_empty(), "{en} has {}", e.admin1);
    }
}

#[test]
fn names_of_codes() {
    let diyala = city_code("Baqubah", "IQ");
    assert_eq!(admin1_name(&diyala), Some("Diyala"));
    assert_eq!(admin1_entry(&diyala).map(|e| e.name), Some("Diyala Governorate"));
    assert_eq!(admin1_name(&city_code("Mosul", "IQ")), Some("Nineveh"));
    assert_eq!(admin1_name(&city_code("Aleppo", "SY")), Some("Aleppo"));
    assert_eq!(admin1_name(&city_code("Idlib", "SY")), Some("Idlib"));
    assert_eq!(admin1_name(&city_code("Deir ez-Zor", "SY")), Some("Deir ez-Zor"));
    assert_eq!(admin1_name(&city_code("Mukalla", "YE")), Some("Hadhramaut"));
    assert_eq!(admin1_name(&city_code("Ataq", "YE")), Some("Shabwah"));
    assert_eq!(admin1_name(&city_code("Dammam", "SA")), Some("Eastern Province"));
    assert_eq!(admin1_name(&city_code("Maiduguri", "NG")), Some("Borno"));
    // lower-case country part and spaces are accepted
    assert_eq!(admin1_name(&format!(" {} ", diyala.to_ascii_lowercase())), Some("Diyala"));
    // regions marsad does not list, and junk
    assert_eq!(admin1_name(&city_code("Damascus", "SY")), None);
    for bad in ["", ".", "IQ", "IQ.", "XX.10", "IQ.999", "ديالى", "I\u{0301}Q.10", "\u{0}"] {
        assert_eq!(admin1_name(bad), None, "{bad:?}");
    }
}

#[test]
fn region_place_carries_admin1() {
    let text = "قصف على بعقوبة في محافظة ديالى";
    let mut d = Document::new("t", text);
    marsad_text::annotate(&mut d);
    let places = find_places(Gazetteer::global(), &d);
    let find = |s: &str| places.iter().find(|p| p.text.contains(s)).unwrap_or_else(|| panic!("{s} not found: {places:?}"));
    let city = find("بعقوبة");
    let region = find("ديالى");
    assert_eq!(region.feature.as_deref(), Some("region"));
    assert!(city.admin1.is_some());
    assert_eq!(city.admin1, region.admin1);
    assert_eq!(admin1_name(region.admin1.as_deref().unwrap()), Some("Diyala"));
}
