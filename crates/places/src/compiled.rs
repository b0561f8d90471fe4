//! The gazetteer's binary form: written by `build.rs` from the text form
//! (`data/gazetteer.tsv` through the same parser, [`gazetteer::parse_text`]),
//! embedded in the binary, and read here without parsing a line or
//! normalising a name. Its keys are slices of the embedded bytes and its
//! entries' strings slices of the embedded text, so loading is a few
//! million instructions instead of a few hundred million.
//!
//! Layout, little-endian: the magic `MGZ1`; the counts of entries, keys,
//! candidates and prefixes, `max_words` and the length of the key arena
//! (`u32` each); per entry `geonameid`, `lat` and `lon` (their bits) and
//! `population` (`u64` each), its five strings as (offset, length) in
//! `gazetteer.tsv` (`feature`, `name`, `name_ar`, `country2`, `admin1`)
//! and its flags (`u32`: 1 curated, 2 capital, 4 admin region); per key
//! (offset, length) in the arena and its candidates as (start, count); per
//! candidate `id << 1 | arabic`; per prefix (offset, length) in the arena;
//! the arena. `compiled_form_is_the_text_form` checks that what this reads
//! equals what the text form gives.

use std::sync::OnceLock;

use crate::gazetteer::{self, Candidate, Entry, Gazetteer, GAZETTEER_TSV};

static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// A cursor over the blob.
struct Reader {
    b: &'static [u8],
    at: usize,
}

impl Reader {
    fn u32(&mut self) -> u32 {
        let v = u32::from_le_bytes(self.b[self.at..self.at + 4].try_into().unwrap());
        self.at += 4;
        v
    }
    fn u64(&mut self) -> u64 {
        let v = u64::from_le_bytes(self.b[self.at..self.at + 8].try_into().unwrap());
        self.at += 8;
        v
    }
    /// An (offset, length) pair: that slice of `s`.
    fn str_in(&mut self, s: &'static str) -> &'static str {
        let (o, n) = (self.u32() as usize, self.u32() as usize);
        &s[o..o + n]
    }
}

impl Gazetteer {
    /// The process-wide gazetteer, read on first use.
    pub fn global() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    /// Read the embedded binary form (prefer [`Gazetteer::global`]; the same
    /// gazetteer as [`Gazetteer::load_text`]).
    pub fn load() -> Gazetteer {
        let mut r = Reader { b: BLOB, at: 0 };
        assert_eq!(&BLOB[..4], b"MGZ1", "gazetteer.bin: not the binary form");
        r.at = 4;
        let (n_entries, n_keys, n_cands, n_prefixes) = (r.u32() as usize, r.u32() as usize, r.u32() as usize, r.u32() as usize);
        let max_words = r.u32() as usize;
        let arena_len = r.u32() as usize;
        let mut entries = Vec::with_capacity(n_entries);
        for _ in 0..n_entries {
            let geonameid = r.u64();
            let lat = f64::from_bits(r.u64());
            let lon = f64::from_bits(r.u64());
            let population = r.u64();
            let feature = r.str_in(GAZETTEER_TSV);
            let name = r.str_in(GAZETTEER_TSV);
            let name_ar = r.str_in(GAZETTEER_TSV);
            let country2 = r.str_in(GAZETTEER_TSV);
            let admin1 = r.str_in(GAZETTEER_TSV);
            let flags = r.u32();
            entries.push(Entry {
                geonameid,
                feature,
                name,
                name_ar,
                lat,
                lon,
                country2,
                admin1,
                population,
                curated: flags & 1 != 0,
                capital: flags & 2 != 0,
                admin_region: flags & 4 != 0,
            });
        }
        // the arena is at the end; keys and prefixes are slices of it
        let keys_at = r.at;
        let arena_at = keys_at + n_keys * 16 + n_cands * 4 + n_prefixes * 8;
        let arena_bytes: &'static [u8] = &BLOB[arena_at..arena_at + arena_len];
        debug_assert!(std::str::from_utf8(arena_bytes).is_ok());
        // SAFETY: the arena is the bytes of `String`s, concatenated by
        // build.rs into this blob, which is embedded in the binary (so
        // nothing else writes it); every key and prefix is a slice of it at
        // their own boundaries (the test below compares them all with the
        // text form's). Validating it costs ≈ 26 M instructions a process.
        let arena: &'static str = unsafe { std::str::from_utf8_unchecked(arena_bytes) };
        let mut index = gazetteer::FastMap::with_capacity_and_hasher(n_keys + n_prefixes, Default::default());
        for _ in 0..n_keys {
            let k = r.str_in(arena);
            let (start, n) = (r.u32(), r.u32());
            index.insert(k, (start, n));
        }
        let cands: Vec<Candidate> = (0..n_cands)
            .map(|_| {
                let c = r.u32();
                Candidate { id: c >> 1, arabic: c & 1 != 0 }
            })
            .collect();
        gazetteer::mark_prefixes(&mut index, (0..n_prefixes).map(|_| r.str_in(arena)));
        debug_assert_eq!(r.at, arena_at);
        Gazetteer { entries, index, cands, max_words, adjectives: gazetteer::adjective_index(), id: gazetteer::next_id() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_fields(e: &Entry) -> (u64, &str, &str, &str, u64, u64, &str, &str, u64, bool, bool, bool) {
        (e.geonameid, e.feature, e.name, e.name_ar, e.lat.to_bits(), e.lon.to_bits(), e.country2, e.admin1, e.population, e.curated, e.capital, e.admin_region)
    }

    #[test]
    fn compiled_form_is_the_text_form() {
        let bin = Gazetteer::load();
        let text = Gazetteer::load_text();
        assert!(text.entries.len() > 40_000 && text.index.len() > 100_000, "the text form is the whole gazetteer");
        assert_eq!(bin.entries.len(), text.entries.len());
        for (a, b) in bin.entries.iter().zip(&text.entries) {
            assert_eq!(entry_fields(a), entry_fields(b));
            // slices of the same embedded text, not copies
            assert_eq!(a.name.as_ptr(), b.name.as_ptr());
        }
        assert_eq!(bin.index.len(), text.index.len());
        for (k, v) in &text.index {
            assert!(!text.lookup_key(k).is_empty() || v.1 == gazetteer::PREFIX, "{k}");
            assert_eq!(bin.probe(k), text.probe(k), "{k}");
        }
        assert_eq!(bin.max_words, text.max_words);
        assert_eq!(bin.adjectives, text.adjectives);
        assert!(bin.lookup_key("no such place at all").is_empty());
        // the keys' arena is UTF-8 (the load trusts it)
        let (mut r, arena) = (Reader { b: BLOB, at: 4 }, BLOB.len());
        let _ = (r.u32(), r.u32(), r.u32(), r.u32(), r.u32());
        assert!(std::str::from_utf8(&BLOB[arena - r.u32() as usize..]).is_ok());
    }
}
