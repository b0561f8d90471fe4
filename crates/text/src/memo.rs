//! A bounded memo with string keys, for per-thread caches of answers that
//! depend only on a word (its clitic readings, its tagger features…).
//!
//! Two generations of at most `cap` entries each: a word asked for again is
//! kept (moved to the new generation), and when the new generation is full
//! the old one is dropped whole. Frequent words therefore stay while the
//! memory stays under `2 × cap` entries, however long the stream of words,
//! and there is no per-entry bookkeeping as in an LRU list.

use crate::StrMap;

pub struct Memo<V> {
    new: StrMap<V>,
    old: StrMap<V>,
    cap: usize,
}

impl<V: Clone> Memo<V> {
    /// A memo of at most `2 × cap` entries.
    pub fn new(cap: usize) -> Self {
        Memo { new: StrMap::default(), old: StrMap::default(), cap: cap.max(1) }
    }

    /// The value remembered for `k`, if any.
    #[inline]
    pub fn get(&mut self, k: &str) -> Option<V> {
        if let Some(v) = self.new.get(k) {
            return Some(v.clone());
        }
        let (k, v) = self.old.remove_entry(k)?;
        let out = v.clone();
        self.put(k, v);
        Some(out)
    }

    /// Remember `v` for `k`.
    pub fn insert(&mut self, k: &str, v: V) {
        self.put(k.to_string(), v);
    }

    fn put(&mut self, k: String, v: V) {
        if self.new.len() >= self.cap {
            // sized for a whole generation: no rehashing while it fills
            let fresh = StrMap::with_capacity_and_hasher(self.cap, Default::default());
            self.old = std::mem::replace(&mut self.new, fresh);
        }
        self.new.insert(k, v);
    }

    /// Entries held (both generations).
    pub fn len(&self) -> usize {
        self.new.len() + self.old.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_keys_survive_and_size_is_bounded() {
        let mut m: Memo<usize> = Memo::new(4);
        m.insert("the", 0);
        for i in 0..100 {
            let k = format!("w{i}");
            assert_eq!(m.get(&k), None);
            m.insert(&k, i);
            // "the" comes back every other word
            if i % 2 == 0 {
                assert_eq!(m.get("the"), Some(0), "at {i}");
            }
            assert!(m.len() <= 8);
        }
        assert_eq!(m.get("w99"), Some(99));
        assert_eq!(m.get("w0"), None);
    }
}
