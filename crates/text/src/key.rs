//! A string key for hash maps that keeps its bytes in the map's entry when
//! they fit (issue 12, session 26): 22 bytes, a word of up to 11 Arabic
//! letters, which most words and most feature names are. A hit then reads
//! one bucket instead of the bucket and then the key's own allocation (the
//! comparison of a `String` key was where the look-ups of the word memos and
//! of the detection models waited for memory), and an insertion allocates
//! nothing for a short key. Longer keys are boxed. Looked up by `&str`,
//! hashed and compared as the `str`, so a [`crate::KeyMap`] answers as a
//! `String`-keyed map does.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Bytes a key keeps in its entry.
pub const SHORT: usize = 22;

/// A string key: its bytes in place when they fit, else on the heap.
pub enum Key {
    Short(u8, [u8; SHORT]),
    Long(Box<str>),
}

impl Key {
    pub fn new(k: &str) -> Key {
        if k.len() <= SHORT {
            let mut b = [0u8; SHORT];
            b[..k.len()].copy_from_slice(k.as_bytes());
            Key::Short(k.len() as u8, b)
        } else {
            Key::Long(k.into())
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            // SAFETY: the first `n` bytes were copied from a `&str` of
            // length `n` (`Key::new`), so they are UTF-8.
            Key::Short(n, b) => unsafe { std::str::from_utf8_unchecked(b.get_unchecked(..*n as usize)) },
            Key::Long(s) => s,
        }
    }
}

impl Borrow<str> for Key {
    #[inline]
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

// hashed and compared as the `str` (what `Borrow` requires of a map's key)
impl Hash for Key {
    #[inline]
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialEq for Key {
    #[inline]
    fn eq(&self, o: &Key) -> bool {
        self.as_str() == o.as_str()
    }
}

impl Eq for Key {}

impl Deref for Key {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Key {
    fn from(k: &str) -> Key {
        Key::new(k)
    }
}

impl From<String> for Key {
    fn from(k: String) -> Key {
        Key::new(&k)
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FastHasher, KeyMap};

    /// Keys of every length around the in-place limit, in both scripts,
    /// give back their `str`, hash as it and find their entries by it.
    #[test]
    fn keys_are_their_str() {
        assert_eq!(std::mem::size_of::<Key>(), std::mem::size_of::<String>());
        let mut m: KeyMap<usize> = KeyMap::default();
        let words: Vec<String> = (0..30).flat_map(|n| ["a".repeat(n), "ب".repeat(n / 2) + &"x".repeat(n % 2)]).collect();
        for (i, w) in words.iter().enumerate() {
            let k = Key::new(w);
            assert_eq!(k.as_str(), w);
            assert_eq!(matches!(k, Key::Short(..)), w.len() <= SHORT, "{w}");
            let hash = |x: &dyn Fn(&mut FastHasher)| {
                let mut h = FastHasher::default();
                x(&mut h);
                h.finish()
            };
            assert_eq!(hash(&|h| k.hash(h)), hash(&|h| w.hash(h)));
            m.entry(Key::new(w)).or_insert(i);
        }
        for w in &words {
            let first = words.iter().position(|x| x == w).unwrap();
            assert_eq!(m.get(w.as_str()), Some(&first), "{w}");
        }
        assert_eq!(m.get("zz"), None);
        assert_eq!(&*Key::from("قتل"), "قتل");
        assert!(Key::from("a") == Key::new("a") && Key::from("a".repeat(40)) == Key::new(&"a".repeat(40)));
    }
}
