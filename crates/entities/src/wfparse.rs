//! The text parse of `data/wordfreq.txt` and `data/anergazet.txt` (the
//! source of truth), shared by `build.rs`, which writes their compiled form
//! (see [`write_compiled`]), and by the crate's tests, which check that
//! form against it. Only std and marsad-text here, for the build script.

use std::collections::HashMap;

/// Word classes (bits, see `wordfreq::PROPER`…) and the largest frequency
/// bucket of each normalised word of the Arramooz table.
pub fn parse_wordfreq(text: &str) -> HashMap<String, (u8, u8)> {
    let mut m: HashMap<String, (u8, u8)> = HashMap::with_capacity(32_000);
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.split('\t');
        let (Some(w), Some(c), Some(f)) = (it.next(), it.next(), it.next()) else { continue };
        let mut cls = 0u8;
        for ch in c.chars() {
            cls |= match ch {
                'P' => 1,
                'N' => 2,
                'A' => 4,
                'V' => 8,
                _ => 16,
            };
        }
        let f: u8 = f.parse().unwrap_or(0);
        let e = m.entry(marsad_text::normalize(w)).or_insert((0, 0));
        e.0 |= cls;
        e.1 = e.1.max(f);
    }
    m
}

/// ANERGazet membership bits (1 person-name part, 2 location,
/// 4 organisation) of each normalised word.
pub fn parse_anergazet(text: &str) -> HashMap<String, u8> {
    let mut m: HashMap<String, u8> = HashMap::with_capacity(4_000);
    for line in text.lines() {
        let Some((t, w)) = line.split_once('\t') else { continue };
        let bit = match t {
            "P" => 1,
            "L" => 2,
            "O" => 4,
            _ => continue,
        };
        *m.entry(marsad_text::normalize(w)).or_default() |= bit;
    }
    m
}

/// The compiled form of both tables: per entry, in key order, the key's
/// length (u16, little-endian), its bytes and two value bytes (classes and
/// frequency; ANERGazet bits and 0); the Arramooz entries first, their
/// count (u32) in front, then the ANERGazet entries to the end.
pub fn write_compiled(wf: &HashMap<String, (u8, u8)>, ag: &HashMap<String, u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(512 << 10);
    out.extend_from_slice(&(wf.len() as u32).to_le_bytes());
    let put = |out: &mut Vec<u8>, k: &str, a: u8, b: u8| {
        out.extend_from_slice(&u16::try_from(k.len()).expect("a word under 64 kB").to_le_bytes());
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(&[a, b]);
    };
    let mut keys: Vec<&String> = wf.keys().collect();
    keys.sort();
    for k in keys {
        let (c, f) = wf[k];
        put(&mut out, k, c, f);
    }
    let mut keys: Vec<&String> = ag.keys().collect();
    keys.sort();
    for k in keys {
        put(&mut out, k, ag[k], 0);
    }
    out
}
