//! Day arithmetic for the dataset: day numbers (days since 1970-01-01,
//! proleptic Gregorian) and the day interval a normalised date value covers.
//! The arithmetic is marsad-time's calendar, its one owner; this module only
//! gives it the names the dataset uses.

pub use marsad_time::calendar::{civil_from_days, days_from_civil, interval};

/// A day number as an ISO date (`YYYY-MM-DD`).
pub fn iso(day: i64) -> String {
    marsad_time::calendar::fmt_day(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dataset_names_are_time_calendar() {
        assert_eq!(iso(days_from_civil(2023, 3, 15)), "2023-03-15");
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        let (lo, hi) = interval("2023-02").unwrap();
        assert_eq!((iso(lo), iso(hi)), ("2023-02-01".into(), "2023-02-28".into()));
        assert!(interval("201X").is_none());
    }
}
