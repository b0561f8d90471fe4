//! marsad-places: an embedded, Arabic-aware geocoder.
//!
//! * [`Gazetteer`]: the shipped gazetteer (GeoNames + marsad's own lists),
//!   `Gazetteer::global().lookup("بالموصل")`, country code conversion and
//!   country adjectives ([`Gazetteer::country_of_adjective`]).
//! * [`PlaceStage`]: finds place mentions in a [`Document`] (gazetteer
//!   matching with clitics and multi-word names, plus the entity tagger's LOC
//!   spans), resolves each to one entry using document context, and fills
//!   `doc.places`.
//!
//! See README.md for the data, its sources and the API.

pub mod gazetteer;
mod recognize;

pub use gazetteer::{name_key, prior, Candidate, Country, Entry, Gazetteer};
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
