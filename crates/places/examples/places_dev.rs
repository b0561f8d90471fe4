//! Developer tool: gazetteer load time, the places of a text file, or
//! the dev-list evaluation.
//!   cargo run --release -p marsad-places --example places_dev -- load
//!   cargo run --release -p marsad-places --example places_dev -- show FILE
//!   cargo run --release -p marsad-places --example places_dev -- bench FILE
//!   cargo run --release -p marsad-places --example places_dev -- eval crates/places/tests/dev_places.tsv
use marsad_core::Document;
use marsad_places::{find_places, Gazetteer};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let t = std::time::Instant::now();
    let g = Gazetteer::global();
    eprintln!("gazetteer: {} entries, loaded in {:.3}s", g.entries.len(), t.elapsed().as_secs_f64());
    match args.get(1).map(|s| s.as_str()) {
        Some("show") => {
            let text = std::fs::read_to_string(&args[2]).unwrap();
            let mut d = Document::new("x", text);
            marsad_text::annotate(&mut d);
            for p in find_places(g, &d) {
                println!("{:<22} {:<22} {:?} {:?},{:?} {:?} {:?} conf {:.2} rel {:?}", p.text, p.name.as_deref().unwrap_or("-"), p.country, p.lat, p.lon, p.feature, p.geonameid, p.confidence, p.relation);
            }
        }
        Some("eval") => {
            let s = std::fs::read_to_string(&args[2]).unwrap();
            let r = marsad_places::eval_dev(&s, args.iter().any(|a| a == "-v"));
            println!("{r}");
        }
        Some("bench") => {
            let text = std::fs::read_to_string(&args[2]).unwrap();
            let (n, ps, ds, load) = marsad_places::bench_texts(&[text.as_str()], 200);
            println!("{n} places/doc; {ps:.0} places/s; {ds:.0} docs/s (places stage alone); load {load:.3}s");
        }
        _ => {}
    }
}
