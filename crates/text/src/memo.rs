//! A bounded memo with string keys, for per-thread caches of answers that
//! depend only on a word (its clitic readings, its tagger features…).
//!
//! Two generations of at most `cap` entries each: a word asked for again is
//! kept (moved to the new generation), and when the new generation is full
//! the old one is dropped whole. Frequent words therefore stay while the
//! memory stays under `2 × cap` entries, however long the stream of words,
//! and there is no per-entry bookkeeping as in an LRU list.
//!
//! Both generations live in one map, each entry stamped with its
//! generation (issue 12, fourteenth pass): moving a word to the new
//! generation is a change of its stamp, not a removal from one map and an
//! insertion into the other (≈ 350 instructions; ≈ 130,000 moves on 400
//! long articles), a word of either generation is found by one look-up
//! instead of two, and dropping the old generation is one pass over the
//! map. The entries held are exactly those of two maps (test
//! `stamps_hold_what_two_maps_held`, against the two-map memo kept there).
//!
//! A key's bytes are kept in its entry when they fit (22 bytes: a word of
//! up to 11 Arabic letters, most words), so that a hit reads one bucket
//! instead of the bucket and then the key's own allocation, and an insertion
//! allocates nothing for the key (issue 12, session 26: [`crate::key::Key`]).
//!
//! Memos are per thread, so their memory grows with the number of threads
//! that annotate (≈80 MB a thread once warm on long articles). A worker
//! thread of a pool of `n` says so with [`share_with_threads`] before its
//! first memo is made; with more than two threads each memo of that thread
//! then holds `2 / n` of its entries, so that all of them together keep to
//! the memory of two threads on a machine of any size (a memo never changes
//! an answer, only how often it is computed).

use std::cell::Cell;

use crate::key::Key;
use crate::KeyMap;

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
    map: KeyMap<Slot<V>>,
    /// The new generation's stamp (the old one's is one less).
    gen: u32,
    /// Entries of the new generation.
    fresh: usize,
    cap: usize,
}

struct Slot<V> {
    v: V,
    /// (a `Cell`: a hit moves its entry through the shared reference of
    /// `HashMap::get`, which is inlined where `get_mut` was not)
    gen: Cell<u32>,
}

impl<V: Clone> Memo<V> {
    /// A memo of at most `2 × cap` entries (fewer on a thread of a pool of
    /// more than two: [`share_with_threads`]).
    pub fn new(cap: usize) -> Self {
        let cap = share_of(cap, SHARE.with(Cell::get));
        Memo { map: Default::default(), gen: 1, fresh: 0, cap: cap.max(1) }
    }

    /// The value remembered for `k`, if any.
    #[inline]
    pub fn get(&mut self, k: &str) -> Option<V> {
        let gen = self.gen;
        let s = self.map.get(k)?;
        let out = s.v.clone();
        if s.gen.get() != gen {
            // an old entry asked for again moves to the new generation,
            // which, when full, first becomes the old one (the old one's
            // other entries dropped)
            let full = self.fresh >= self.cap;
            s.gen.set(if full { gen + 1 } else { gen });
            if full {
                self.next_generation();
            }
            self.fresh += 1;
        }
        Some(out)
    }

    /// Remember `v` for `k` (asked for and not found: a key held already
    /// would take the value, and count once more towards the generation).
    pub fn insert(&mut self, k: &str, v: V) {
        if self.fresh >= self.cap {
            self.next_generation();
        }
        self.map.insert(Key::new(k), Slot { v, gen: Cell::new(self.gen) });
        self.fresh += 1;
    }

    /// The new generation becomes the old one and the old one's entries are
    /// dropped (an entry already stamped with the generation after, the one
    /// `get` is moving, stays in it).
    fn next_generation(&mut self) {
        self.gen += 1;
        let keep = self.gen - 1;
        self.map.retain(|_, s| s.gen.get() >= keep);
        self.fresh = 0;
    }

    /// Entries held (both generations).
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StrMap;

    /// The memo as it was before the fourteenth pass: two maps.
    struct TwoMaps<V> {
        new: StrMap<V>,
        old: StrMap<V>,
        cap: usize,
    }

    impl<V: Clone> TwoMaps<V> {
        fn new(cap: usize) -> Self {
            TwoMaps { new: StrMap::default(), old: StrMap::default(), cap: cap.max(1) }
        }
        fn get(&mut self, k: &str) -> Option<V> {
            if let Some(v) = self.new.get(k) {
                return Some(v.clone());
            }
            let (k, v) = self.old.remove_entry(k)?;
            let out = v.clone();
            self.put(k, v);
            Some(out)
        }
        fn insert(&mut self, k: &str, v: V) {
            self.put(k.to_string(), v);
        }
        fn put(&mut self, k: String, v: V) {
            if self.new.len() >= self.cap {
                let fresh = StrMap::with_capacity_and_hasher(self.cap, Default::default());
                self.old = std::mem::replace(&mut self.new, fresh);
            }
            self.new.insert(k, v);
        }
        fn len(&self) -> usize {
            self.new.len() + self.old.len()
        }
    }

    /// The stamped memo answers every look-up as the two maps did and holds
    /// the same entries after every step, on streams of words drawn with a
    /// skewed frequency (a few words often, most rarely) as a text's are,
    /// for several capacities; each word is inserted after a miss, as the
    /// memos' users do.
    #[test]
    fn stamps_hold_what_two_maps_held() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut moves = 0;
        for cap in [1usize, 2, 3, 7, 64, 500] {
            let (mut a, mut b): (Memo<u64>, TwoMaps<u64>) = (Memo::new(cap), TwoMaps::new(cap));
            for step in 0..20_000 {
                // a word rank from a skewed distribution over 0..4096
                let r = next();
                let rank = (r % 4096) >> ((r >> 20) % 12);
                let k = format!("w{rank}");
                let was_old = !b.new.contains_key(&k) && b.old.contains_key(&k);
                let (x, y) = (a.get(&k), b.get(&k));
                assert_eq!(x, y, "cap {cap}, step {step}, {k}");
                if x.is_none() {
                    a.insert(&k, rank);
                    b.insert(&k, rank);
                }
                moves += was_old as usize;
                assert_eq!(a.len(), b.len(), "cap {cap}, step {step}");
                assert_eq!(a.fresh, b.new.len(), "cap {cap}, step {step}");
                for (k, s) in &a.map {
                    let k = k.as_str();
                    let held = if s.gen.get() == a.gen { b.new.get(k) } else { b.old.get(k) };
                    assert_eq!(held, Some(&s.v), "cap {cap}, step {step}, {k}");
                }
            }
        }
        assert!(moves > 1000, "{moves}");
    }

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
