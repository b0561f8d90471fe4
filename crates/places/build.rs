//! Writes the gazetteer's binary form (`$OUT_DIR/gazetteer.bin`, read by
//! `src/compiled.rs`): `data/gazetteer.tsv` parsed by the crate's own parser
//! (`src/gazetteer.rs`, compiled into this script too), so the process
//! loads the parsed gazetteer instead of parsing it (≈ 350 M instructions
//! per process before). The layout is described in `src/compiled.rs`.

// the crate's modules that the parser needs, as they are
#[allow(dead_code)]
#[path = "src/countries.rs"]
mod countries;
#[allow(dead_code)]
#[path = "src/gazetteer.rs"]
mod gazetteer;

/// `gazetteer::prior` asks the crate root; nothing here calls it.
#[allow(dead_code)]
fn is_mena(_: &str) -> bool {
    unreachable!()
}

fn main() {
    for f in ["build.rs", "src/gazetteer.rs", "src/countries.rs", "data/gazetteer.tsv", "data/countrycodes.tsv", "data/acled_countries.tsv"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let tsv = gazetteer::GAZETTEER_TSV;
    let p = gazetteer::parse_text();
    let mut out: Vec<u8> = Vec::with_capacity(8 << 20);
    let u32_ = |out: &mut Vec<u8>, v: usize| out.extend_from_slice(&u32::try_from(v).expect("gazetteer.bin: a count over u32").to_le_bytes());
    // (offset, length) of a string of the embedded text
    let in_tsv = |out: &mut Vec<u8>, s: &str| {
        let o = (s.as_ptr() as usize).checked_sub(tsv.as_ptr() as usize).filter(|o| o + s.len() <= tsv.len()).expect("an entry's string outside gazetteer.tsv");
        u32_(out, o);
        u32_(out, s.len());
    };
    // keys in sorted order (a build gives the same bytes every time)
    let mut keys: Vec<(&String, &Vec<gazetteer::Candidate>)> = p.index.iter().collect();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    let mut prefixes: Vec<&String> = p.prefixes.iter().collect();
    prefixes.sort();
    let n_cands: usize = keys.iter().map(|(_, v)| v.len()).sum();
    let mut arena = String::new();
    out.extend_from_slice(b"MGZ1");
    for n in [p.entries.len(), keys.len(), n_cands, prefixes.len(), p.max_words, keys.iter().map(|k| k.0.len()).sum::<usize>() + prefixes.iter().map(|k| k.len()).sum::<usize>()] {
        u32_(&mut out, n);
    }
    for e in &p.entries {
        for v in [e.geonameid, e.lat.to_bits(), e.lon.to_bits(), e.population] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for s in [e.feature, e.name, e.name_ar, e.country2, e.admin1] {
            in_tsv(&mut out, s);
        }
        u32_(&mut out, e.curated as usize | (e.capital as usize) << 1 | (e.admin_region as usize) << 2);
    }
    let mut start = 0;
    for (k, v) in &keys {
        u32_(&mut out, arena.len());
        u32_(&mut out, k.len());
        arena.push_str(k);
        u32_(&mut out, start);
        u32_(&mut out, v.len());
        start += v.len();
    }
    for (_, v) in &keys {
        for c in v.iter() {
            u32_(&mut out, (c.id as usize) << 1 | c.arabic as usize);
        }
    }
    for k in &prefixes {
        u32_(&mut out, arena.len());
        u32_(&mut out, k.len());
        arena.push_str(k);
    }
    out.extend_from_slice(arena.as_bytes());
    let dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("gazetteer.bin"), out).expect("write gazetteer.bin");
}
