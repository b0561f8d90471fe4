//! Near-duplicate documents: MinHash signatures over shingles of token
//! keys, LSH banding for candidates.
//!
//! Each token is reduced to its key (Arabic: the clitic-free `base`; Latin:
//! lowercased `norm`; numbers: digits; punctuation skipped), so `وبغداد` and
//! `بغداد` shingle alike. Shingles are [`SHINGLE`] consecutive keys. The
//! signature holds [`HASHES`] minima of independently seeded 64-bit hashes
//! (splitmix64 finaliser over FNV-1a), so it is the same on every machine.
//! Banding: [`BANDS`] bands of [`ROWS`] rows; two documents sharing a band
//! bucket are compared on the whole signature.

use marsad_core::{Token, TokenKind};

pub const HASHES: usize = 64;
pub const BANDS: usize = 16;
pub const ROWS: usize = HASHES / BANDS;
pub const SHINGLE: usize = 3;

fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn token_key(t: &Token) -> Option<&str> {
    match t.kind {
        TokenKind::Punct | TokenKind::Other => None,
        TokenKind::Arabic if !t.base.is_empty() => Some(&t.base),
        _ => Some(&t.norm),
    }
}

/// The MinHash signature of a token sequence (`None` when it has no words).
pub fn signature(tokens: &[Token]) -> Option<Vec<u64>> {
    let keys: Vec<u64> = tokens
        .iter()
        .filter_map(token_key)
        .map(|k| fnv(k.to_lowercase().as_bytes(), 0xcbf2_9ce4_8422_2325))
        .collect();
    if keys.is_empty() {
        return None;
    }
    let mut sig = vec![u64::MAX; HASHES];
    let n = SHINGLE.min(keys.len());
    for w in keys.windows(n) {
        let mut s = 0x9e37_79b9_7f4a_7c15u64;
        for k in w {
            s = mix(s ^ k);
        }
        for (i, m) in sig.iter_mut().enumerate() {
            let h = mix(s ^ (i as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93));
            if h < *m {
                *m = h;
            }
        }
    }
    Some(sig)
}

/// The bucket of each band.
pub fn bands(sig: &[u64]) -> Vec<i64> {
    sig.chunks(ROWS)
        .map(|c| {
            let mut h = 0x1234_5678u64;
            for v in c {
                h = mix(h ^ v);
            }
            h as i64
        })
        .collect()
}

/// Estimated Jaccard similarity: the share of equal minima.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

pub fn to_blob(sig: &[u64]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn from_blob(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(s: &str) -> Vec<u64> {
        signature(&marsad_text::tokenize::tokenize(s)).unwrap()
    }

    #[test]
    fn near_copies_are_similar_and_others_not() {
        let a = "قتل خمسة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في سوق شعبي وسط بغداد صباح اليوم الثلاثاء حسبما أفادت مصادر أمنية وطبية";
        let b = "قتل خمسة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في سوق شعبي وسط بغداد صباح اليوم الثلاثاء، حسبما أفادت مصادر أمنية وطبية.";
        let c = "Protesters gathered in Beirut on Sunday demanding reforms and an end to corruption, witnesses said, as police closed the main roads.";
        assert!(similarity(&sig(a), &sig(b)) > 0.9);
        assert!(similarity(&sig(a), &sig(c)) < 0.2);
        assert_eq!(sig(a), sig(a));
        assert_eq!(from_blob(&to_blob(&sig(c))), sig(c));
        assert!(signature(&marsad_text::tokenize::tokenize("... !!")).is_none());
    }
}
