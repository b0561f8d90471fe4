//! The global allocator: mimalloc, entered by its plain functions
//! (`mi_malloc`, `mi_zalloc`, `mi_realloc`) when the alignment asked is at
//! most 8 bytes, and by its aligned ones otherwise.
//!
//! The `mimalloc` crate's `MiMalloc` (used before) calls `mi_malloc_aligned`
//! for every allocation, which takes a block straight from the free list
//! only when the size is small, the list not empty and its next block
//! happens to be aligned, and otherwise goes through a generic aligned
//! path (callgrind, first 400 long corpus articles: 2.07 M allocations,
//! 106.6 M instructions in `mi_malloc_aligned`, 27.8 M of them in the
//! generic path's 122,761 calls). The plain functions need no such test:
//! every mimalloc block starts on a multiple of 8 bytes (block sizes are
//! whole words and pages start 16-byte aligned), so any alignment up to 8
//! holds (test `blocks_have_the_alignment_asked`). The allocator cannot
//! change any output.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// Alignments every mimalloc block has (one machine word).
const WORD: usize = 8;

pub struct Mi;

// SAFETY: each function hands the request to mimalloc, whose blocks satisfy
// the layout: the plain functions' blocks are word-aligned (see above), the
// aligned functions are asked for the alignment itself; `mi_free` takes a
// block of any of them.
unsafe impl GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

// mimalloc's option setter and its index of `mi_option_purge_delay` (the
// same, 15, in its v2 and v3 headers; libmimalloc-sys declares options
// only behind its `extended` feature).
extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Keep freed memory for reuse instead of returning it to the system, for
/// the rest of the process: for batch commands, which end when their input
/// does. mimalloc otherwise purges (decommits) free pages a while after
/// they empty (its v3's default: 1 s), and later documents fault them in
/// again. A `MIMALLOC_PURGE_DELAY` set in the environment wins. Measured in
/// crates/pipeline/README.md ("Tenth pass").
pub fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain option store in mimalloc (any thread, any time).
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
    }
}

/// mimalloc's current purge delay in ms (-1: never purge).
#[cfg(test)]
fn purge_delay() -> std::ffi::c_long {
    // SAFETY: a plain option read in mimalloc.
    unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option index is mimalloc's purge delay: its default (v3: 1,000
    /// ms) before, -1 after (unless the environment sets it).
    #[test]
    fn freed_memory_is_kept() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        assert_eq!(purge_delay(), 1000, "mimalloc's default purge delay at option 15");
        keep_freed_memory();
        assert_eq!(purge_delay(), -1);
    }

    #[test]
    fn blocks_have_the_alignment_asked() {
        let a = Mi;
        // every small size, with every alignment up to a page, then grown
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in 1..=300usize {
                let l = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = a.alloc(l);
                    assert!(!p.is_null() && p as usize % align == 0, "size {size} align {align}");
                    std::ptr::write_bytes(p, 0xab, size);
                    let q = a.realloc(p, l, size * 3 + 1);
                    assert!(!q.is_null() && q as usize % align == 0, "realloc {size} align {align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xab), "realloc keeps the bytes");
                    a.dealloc(q, Layout::from_size_align(size * 3 + 1, align).unwrap());
                    let z = a.alloc_zeroed(l);
                    assert!(!z.is_null() && z as usize % align == 0 && (0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, l);
                }
            }
        }
    }
}
