//! A bounded memo with string keys, for per-thread caches of answers that
//! depend only on a word (its clitic readings, its tagger features…).
//!
//! Two generations of at most `cap` entries each: a word asked for again is
//! kept (moved to the new generation), and when the new generation is full
//! the old one is dropped whole. Frequent words therefore stay while the
//! memory stays under `2 × cap` entries, however long the stream of words,
//! and there is no per-entry bookkeeping as in an LRU list.
//!
//! Memos are per thread, so their memory grows with the number of threads
//! that annotate (≈80 MB a thread once warm on long articles). A worker
//! thread of a pool of `n` says so with [`share_with_threads`] before its
//! first memo is made; with more than two threads each memo of that thread
//! then holds `2 / n` of its entries, so that all of them together keep to
//! the memory of two threads on a machine of any size (a memo never changes
//! an answer, only how often it is computed).

use std::cell::Cell;

use crate::StrMap;

thread_local! {
    /// How many threads of one pool annotate at once (1 outside a pool).
    static SHARE: Cell<usize> = const { Cell::new(1) };
}

/// The memos this thread makes from now on share the memory of two threads
/// with the other `threads - 1` threads of its pool.
pub fn share_with_threads(threads: usize) {
    SHARE.with(|s| s.set(threads.max(1)));
}

/// Entries per generation for a memo asked to hold `cap`, on a thread that
/// shares with `threads` threads: all of them up to two threads, else a
/// `2 / threads` part (never under `cap / 16`).
fn share_of(cap: usize, threads: usize) -> usize {
    if threads <= 2 {
        cap
    } else {
        (cap * 2 / threads).max(cap / 16)
    }
}

pub struct Memo<V> {
    new: StrMap<V>,
    old: StrMap<V>,
    cap: usize,
}

impl<V: Clone> Memo<V> {
    /// A memo of at most `2 × cap` entries (fewer on a thread of a pool of
    /// more than two: [`share_with_threads`]).
    pub fn new(cap: usize) -> Self {
        let cap = share_of(cap, SHARE.with(Cell::get));
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
    fn threads_of_a_large_pool_share_the_entries_of_two() {
        assert_eq!(share_of(1 << 14, 1), 1 << 14);
        assert_eq!(share_of(1 << 14, 2), 1 << 14);
        assert_eq!(share_of(1 << 14, 4), 1 << 13);
        assert_eq!(share_of(1 << 14, 8), 1 << 12);
        assert_eq!(share_of(1 << 14, 64), 1 << 10, "never under a 16th");
        // on a thread that says it shares with seven others, a memo keeps to its part
        std::thread::spawn(|| {
            share_with_threads(8);
            let mut m: Memo<usize> = Memo::new(64);
            for i in 0..1000 {
                m.insert(&format!("w{i}"), i);
            }
            assert!(m.len() <= 2 * 16, "{} entries", m.len());
        })
        .join()
        .unwrap();
        // this thread is in no pool: the whole capacity
        let mut m: Memo<usize> = Memo::new(64);
        for i in 0..1000 {
            m.insert(&format!("w{i}"), i);
        }
        assert!(m.len() > 2 * 16 && m.len() <= 2 * 64, "{} entries", m.len());
    }

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
