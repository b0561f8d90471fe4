//! Countries: ISO 3166 alpha-3/alpha-2/numeric codes, ACLED region and
//! English name (`data/countries.tsv`, facts stated by hand; ACLED's region
//! names as used in its exports).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub iso3: &'static str,
    pub iso2: &'static str,
    pub numeric: u16,
    pub region: &'static str,
    pub name: &'static str,
}

static DATA: &str = include_str!("../data/countries.tsv");

fn all() -> &'static [Country] {
    static ALL: std::sync::OnceLock<Vec<Country>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                Some(Country { iso3: f.first()?, iso2: f.get(1)?, numeric: f.get(2)?.parse().ok()?, region: f.get(3)?, name: f.get(4)? })
            })
            .collect()
    })
}

/// By alpha-3, alpha-2 or English name (case-insensitive).
pub fn lookup(s: &str) -> Option<&'static Country> {
    let s = s.trim();
    all().iter().find(|c| c.iso3.eq_ignore_ascii_case(s) || c.iso2.eq_ignore_ascii_case(s) || c.name.eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes() {
        let c = super::lookup("iq").unwrap();
        assert_eq!((c.iso3, c.numeric, c.region), ("IRQ", 368, "Middle East"));
        assert_eq!(super::lookup("Syria").unwrap().numeric, 760);
        assert!(super::lookup("XXX").is_none());
        assert!(super::all().len() > 70);
    }
}
