//! marsad-places: an embedded, Arabic-aware geocoder.
//!
//! * [`Gazetteer`]: the shipped gazetteer (GeoNames + marsad's own lists),
//!   `Gazetteer::global().lookup("بالموصل")` and country adjectives
//!   ([`Gazetteer::country_of_adjective`]).
//! * [`countries`]: marsad's one country table (ISO codes, names,
//!   adjectives, ACLED region and numeric code), for every crate.
//! * [`PlaceStage`]: finds place mentions in a [`Document`] (gazetteer
//!   matching with clitics and multi-word names, plus the entity tagger's LOC
//!   spans), resolves each to one entry using document context, and fills
//!   `doc.places`.
//!
//! See README.md for the data, its sources and the API.

pub mod admin; pub use admin::{admin1_entry, admin1_name};
mod compiled;
pub mod countries;
pub mod gazetteer;
pub mod recognize;

pub use countries::Country;
pub use gazetteer::{name_key, prior, Candidate, Entry, Gazetteer};
pub use recognize::{annotate, find_places};

use marsad_core::{Document, Stage};

/// Countries whose small places marsad keeps (the Arab world, Israel,
/// Palestine, Turkey, Iran, Afghanistan): its news focus.
pub fn is_mena(cc2: &str) -> bool {
    matches!(
        cc2,
        "IQ" | "SY" | "LB" | "JO" | "PS" | "IL" | "SA" | "YE" | "OM" | "AE" | "QA" | "BH" | "KW" | "EG" | "LY" | "TN"
            | "DZ" | "MA" | "MR" | "SD" | "SS" | "EH" | "SO" | "DJ" | "KM" | "TR" | "IR" | "AF"
    )
}

/// The places stage. `load` parses the gazetteer embedded in the binary.
pub struct PlaceStage {
    gaz: &'static Gazetteer,
}

impl PlaceStage {
    pub fn load() -> anyhow::Result<Self> {
        Ok(PlaceStage { gaz: Gazetteer::global() })
    }
}

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }
    fn requires(&self) -> &'static [&'static str] {
        &["sentences", "tokens", "entities"]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &["places"]
    }
    fn annotate(&self, doc: &mut Document) {
        doc.places = find_places(self.gaz, doc);
    }
}

/// Benchmark: run the places stage over `docs` (already through the text and
/// entity stages) `rounds` times; returns (places found per round, places/s,
/// documents/s).
pub fn bench(docs: &[Document], rounds: usize) -> (usize, f64, f64) {
    let gaz = Gazetteer::global();
    let rounds = rounds.max(1);
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        n = 0;
        for d in docs {
            n += find_places(gaz, d).len();
        }
    }
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    (n, (n * rounds) as f64 / secs, (docs.len() * rounds) as f64 / secs)
}

/// Benchmark helper for `marsad bench`: tokenises `texts` with marsad-text,
/// then measures the places stage alone. Returns (places per round, places/s,
/// docs/s, gazetteer load seconds).
pub fn bench_texts(texts: &[&str], rounds: usize) -> (usize, f64, f64, f64) {
    let t = std::time::Instant::now();
    let _ = Gazetteer::global();
    let load = t.elapsed().as_secs_f64();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut d = Document::new(format!("b{i}"), *s);
            marsad_text::annotate(&mut d);
            d
        })
        .collect();
    let (n, ps, ds) = bench(&docs, rounds);
    (n, ps, ds, load)
}

/// Result of [`eval_dev`].
#[derive(Debug, Clone, Default)]
pub struct DevScore {
    pub total: usize,
    pub right: usize,
    pub wrong: usize,
    pub missed: usize,
    pub errors: Vec<String>,
}

impl std::fmt::Display for DevScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |n: usize| 100.0 * n as f64 / self.total.max(1) as f64;
        write!(
            f,
            "{} mentions: right {} ({:.1}%), wrong {} ({:.1}%), unresolved/missed {} ({:.1}%)",
            self.total,
            self.right,
            pct(self.right),
            self.wrong,
            pct(self.wrong),
            self.missed,
            pct(self.missed)
        )?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

/// Score a dev list: one `sentence<TAB>mention<TAB>lat<TAB>lon` a line (`#`
/// comments). A mention is right when a resolved place overlapping its first
/// occurrence lies within 25 km of the expected point, wrong when it lies
/// farther, missed otherwise.
pub fn eval_dev(tsv: &str, verbose: bool) -> DevScore {
    let gaz = Gazetteer::global();
    let mut sc = DevScore::default();
    for line in tsv.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let (sent, mention) = (f[0], f[1]);
        let (Ok(lat), Ok(lon)) = (f[2].trim().parse::<f64>(), f[3].trim().parse::<f64>()) else { continue };
        sc.total += 1;
        let Some(b) = sent.find(mention) else {
            sc.missed += 1;
            sc.errors.push(format!("MENTION NOT IN SENTENCE: {mention}"));
            continue;
        };
        let s = sent[..b].chars().count();
        let e = s + mention.chars().count();
        let mut d = Document::new("dev", sent);
        marsad_text::annotate(&mut d);
        let places = find_places(gaz, &d);
        match places.iter().find(|p| p.start < e && s < p.end && p.lat.is_some()) {
            Some(p) => {
                let dist = recognize::km(lat, lon, p.lat.unwrap(), p.lon.unwrap_or(0.0));
                if dist <= 25.0 {
                    sc.right += 1;
                } else {
                    sc.wrong += 1;
                    sc.errors.push(format!("WRONG {mention} → {} ({}) {:.0} km off", p.name.as_deref().unwrap_or("?"), p.country2.as_deref().unwrap_or("-"), dist));
                }
            }
            None => {
                sc.missed += 1;
                if verbose {
                    sc.errors.push(format!("MISSED {mention} in: {sent}"));
                }
            }
        }
    }
    sc
}
