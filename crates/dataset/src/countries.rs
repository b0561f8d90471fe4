//! Countries for exports and event filters: the countries ACLED covers,
//! with ISO 3166 alpha-3/alpha-2/numeric codes, ACLED region and English
//! name as ACLED writes it. The facts are marsad-places' country table
//! (`marsad_places::countries`, the one owner of country knowledge); this
//! module gives them the shape the dataset uses.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub iso3: &'static str,
    pub iso2: &'static str,
    pub numeric: u16,
    pub region: &'static str,
    pub name: &'static str,
}

fn all() -> &'static [Country] {
    static ALL: OnceLock<Vec<Country>> = OnceLock::new();
    ALL.get_or_init(|| {
        marsad_places::countries::all()
            .iter()
            .filter_map(|c| {
                Some(Country { iso3: c.alpha3, iso2: c.alpha2, numeric: c.numeric?, region: c.acled_region?, name: c.acled_name? })
            })
            .collect()
    })
}

/// By alpha-3, alpha-2 or English name (case-insensitive), among the
/// countries ACLED covers ([`marsad_places::countries::acled`]).
pub fn lookup(s: &str) -> Option<&'static Country> {
    let c = marsad_places::countries::acled(s)?;
    all().iter().find(|x| x.iso3 == c.alpha3)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes() {
        let c = super::lookup("iq").unwrap();
        assert_eq!((c.iso3, c.numeric, c.region), ("IRQ", 368, "Middle East"));
        assert_eq!(super::lookup("Syria").unwrap().numeric, 760);
        assert_eq!(super::lookup("palestine").unwrap().name, "Palestine");
        assert!(super::lookup("XXX").is_none());
        assert!(super::lookup("Andorra").is_none());
        assert!(super::all().len() > 70);
    }
}
