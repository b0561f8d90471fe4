//! A cheap pre-filter in front of a word set: most words of a text are in no
//! lexicon, and this rejects most of them before they are hashed. Shared by
//! the stages that ask about every word (actors' knowledge base and group
//! heads, time's trigger words).

/// A bit set over a 16-bit key of a word's second byte, last byte and length
/// (for an Arabic word, the low bytes of its first and last letters), with
/// the bit of every word of the set set. A word whose bit is clear is not in
/// the set, so the filter never rejects a member; it rejects most other
/// words without hashing them. Words under two bytes are never rejected.
pub struct HeadBits(Box<[u64; 1024]>);

impl HeadBits {
    pub fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> HeadBits {
        let mut h = Box::new([0u64; 1024]);
        for w in words {
            if let Some(k) = Self::key(w) {
                h[k >> 6] |= 1 << (k & 63);
            }
        }
        HeadBits(h)
    }

    #[inline]
    fn key(w: &str) -> Option<usize> {
        let b = w.as_bytes();
        let n = b.len();
        if n < 2 {
            return None;
        }
        Some(((b[1] as usize) << 8 | b[n - 1] as usize) ^ ((n & 31) << 3))
    }

    /// False only when `w` is not in the set.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        match Self::key(w) {
            Some(k) => self.0[k >> 6] & (1 << (k & 63)) != 0,
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HeadBits;

    #[test]
    fn members_pass_and_most_others_are_rejected() {
        let set = ["بغداد", "الموصل", "جماعة", "تنظيم", "a"];
        let h = HeadBits::of(set.iter().copied());
        for w in set {
            assert!(h.may_contain(w), "{w}");
        }
        // words under two bytes cannot be keyed, so they always pass
        assert!(h.may_contain("b"));
        let others = ["كتاب", "مدرسة", "الطريق", "وزير", "سيارة", "قال", "يوم", "مباراة"];
        let rejected = others.iter().filter(|w| !h.may_contain(w)).count();
        assert!(rejected >= 6, "only {rejected} of {} rejected", others.len());
    }
}
