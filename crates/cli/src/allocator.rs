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

#[cfg(test)]
mod tests {
    use super::*;

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
