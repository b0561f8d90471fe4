//! An ordered parallel map over a stream: items are taken from the input on
//! the calling thread, processed on worker threads, and handed back in input
//! order, so that the output never depends on the number of threads.
//!
//! At most `window` items are between the input and the output at any time
//! (taken but not yet handed back: queued, being processed, or finished and
//! waiting for an earlier one). The input is read only as results are
//! consumed, so memory stays flat on a stream of any length; a slow item
//! holds back the output, never the memory.
//!
//! With one thread nothing is spawned: items are processed on the calling
//! thread as they are pulled.

use std::any::Any;
use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// One thread per core (1 when the platform cannot tell).
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `items` in groups of `size` (the last one shorter), taken from the input
/// only as each group is asked for: what [`crate::Pipeline::annotate_many`],
/// `marsad extract` and [`crate::ingest`] hand to [`ordered_map`], so that
/// each stage runs over a group of documents before the next stage
/// ([`crate::Pipeline::annotate_batch`]). `size` 0 is taken as 1.
pub fn batches<I: IntoIterator>(items: I, size: usize) -> impl Iterator<Item = Vec<I::Item>> {
    let size = size.max(1);
    let mut items = items.into_iter().peekable();
    std::iter::from_fn(move || {
        items.peek()?;
        Some(items.by_ref().take(size).collect())
    })
}

/// Items in flight per worker thread: enough that a long article at the head
/// of the queue does not leave the other threads idle.
const PER_THREAD: usize = 8;

type Job<T> = (u64, T);
type Done<R> = (u64, Result<R, Box<dyn Any + Send>>);

/// The iterator [`ordered_map`] returns.
pub struct Ordered<I: Iterator, R> {
    input: I,
    exhausted: bool,
    f: Arc<dyn Fn(I::Item) -> R + Send + Sync>,
    pool: Option<Pool<I::Item, R>>,
}

struct Pool<T, R> {
    work: Option<Sender<Job<T>>>,
    done: Receiver<Done<R>>,
    workers: Vec<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    /// Results waiting for an earlier one; index 0 is `next_out`.
    parked: VecDeque<Option<Result<R, Box<dyn Any + Send>>>>,
    next_in: u64,
    next_out: u64,
    window: u64,
}

/// `f` applied to every item of `items` on `threads` threads (0: one per
/// core), results in input order. A panic in `f` is raised again on the
/// calling thread when its result's turn comes.
pub fn ordered_map<I, R, F>(items: I, threads: usize, f: F) -> Ordered<I::IntoIter, R>
where
    I: IntoIterator,
    I::Item: Send + 'static,
    R: Send + 'static,
    F: Fn(I::Item) -> R + Send + Sync + 'static,
{
    let threads = if threads == 0 { default_threads() } else { threads };
    let f: Arc<dyn Fn(I::Item) -> R + Send + Sync> = Arc::new(f);
    let pool = (threads > 1).then(|| Pool::start(threads, &f));
    Ordered { input: items.into_iter(), exhausted: false, f, pool }
}

impl<T: Send + 'static, R: Send + 'static> Pool<T, R> {
    fn start(threads: usize, f: &Arc<dyn Fn(T) -> R + Send + Sync>) -> Self {
        let (work_tx, work_rx) = mpsc::channel::<Job<T>>();
        let (done_tx, done_rx) = mpsc::channel::<Done<R>>();
        let work_rx = Arc::new(Mutex::new(work_rx));
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..threads)
            .map(|i| {
                let (rx, tx, f, stop) = (Arc::clone(&work_rx), done_tx.clone(), Arc::clone(f), Arc::clone(&stop));
                std::thread::Builder::new()
                    .name(format!("marsad-worker-{i}"))
                    .spawn(move || {
                        // this thread's memos (clitic readings, tagger
                        // features, gazetteer probes…) are made on its first
                        // item: they take their part of two threads' memory
                        marsad_text::memo::share_with_threads(threads);
                        loop {
                            // one waits on the channel while the others wait on the lock
                            let job = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                            let Ok((seq, item)) = job else { break };
                            if stop.load(Ordering::Relaxed) {
                                break;
                            }
                            let r = panic::catch_unwind(AssertUnwindSafe(|| f(item)));
                            if tx.send((seq, r)).is_err() {
                                break;
                            }
                        }
                    })
                    .expect("cannot start a worker thread")
            })
            .collect();
        Pool {
            work: Some(work_tx),
            done: done_rx,
            workers,
            stop,
            parked: VecDeque::new(),
            next_in: 0,
            next_out: 0,
            window: (threads * PER_THREAD) as u64,
        }
    }
}

impl<I, R> Iterator for Ordered<I, R>
where
    I: Iterator,
    I::Item: Send + 'static,
    R: Send + 'static,
{
    type Item = R;

    fn next(&mut self) -> Option<R> {
        let Some(pool) = self.pool.as_mut() else {
            // one thread: no hand-over at all
            let item = self.input.next()?;
            return Some((self.f)(item));
        };
        loop {
            // keep the window full
            while !self.exhausted && pool.next_in - pool.next_out < pool.window {
                match self.input.next() {
                    Some(item) => {
                        let sent = pool.work.as_ref().map(|w| w.send((pool.next_in, item)));
                        assert!(matches!(sent, Some(Ok(()))), "the worker threads stopped");
                        pool.next_in += 1;
                    }
                    None => self.exhausted = true,
                }
            }
            if matches!(pool.parked.front(), Some(Some(_))) {
                pool.next_out += 1;
                return match pool.parked.pop_front().flatten()? {
                    Ok(r) => Some(r),
                    Err(payload) => panic::resume_unwind(payload),
                };
            }
            if pool.next_in == pool.next_out {
                return None;
            }
            let (seq, r) = pool.done.recv().expect("the worker threads stopped");
            let at = (seq - pool.next_out) as usize;
            if pool.parked.len() <= at {
                pool.parked.resize_with(at + 1, || None);
            }
            pool.parked[at] = Some(r);
        }
    }
}

impl<T, R> Drop for Pool<T, R> {
    fn drop(&mut self) {
        // a consumer that stops early (a closed pipe): let the workers go
        // without processing what is still queued
        self.stop.store(true, Ordering::Relaxed);
        self.work = None;
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Work that takes longer for some items, so threads finish out of order.
    fn uneven(i: u64) -> u64 {
        let spins = if i % 7 == 0 { 200_000 } else { 1_000 };
        (0..spins).fold(i, |a, x| a.wrapping_mul(31).wrapping_add(x)) % 1000 + i * 1000
    }

    #[test]
    fn batches_cut_the_stream_in_order_and_read_it_lazily() {
        for (n, size) in [(0usize, 16usize), (1, 16), (16, 16), (17, 16), (40, 3), (5, 0)] {
            let got: Vec<Vec<usize>> = batches(0..n, size).collect();
            let want: Vec<Vec<usize>> = (0..n).collect::<Vec<_>>().chunks(size.max(1)).map(|c| c.to_vec()).collect();
            assert_eq!(got, want, "{n} items by {size}");
        }
        // a group taken reads only its own items: nothing ahead of the stream
        let read = AtomicUsize::new(0);
        let mut b = batches((0..100).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        }), 10);
        assert_eq!(b.next().map(|g| g.len()), Some(10));
        assert_eq!(read.load(Ordering::SeqCst), 10);
        assert_eq!(b.next().map(|g| g.len()), Some(10));
        assert_eq!(read.load(Ordering::SeqCst), 20);
    }

    #[test]
    fn output_is_in_input_order_whatever_the_threads() {
        let one: Vec<u64> = ordered_map(0..500u64, 1, uneven).collect();
        for t in [2, 3, 8] {
            let many: Vec<u64> = ordered_map(0..500u64, t, uneven).collect();
            assert_eq!(one, many, "{t} threads");
        }
        assert_eq!(ordered_map(Vec::<u64>::new(), 4, uneven).count(), 0);
    }

    #[test]
    fn in_flight_items_stay_within_the_window() {
        // count items taken from the input but not yet handed back
        let taken = Arc::new(AtomicUsize::new(0));
        let t2 = Arc::clone(&taken);
        let input = (0..10_000u64).inspect(move |_| {
            t2.fetch_add(1, Ordering::SeqCst);
        });
        let mut out = ordered_map(input, 3, uneven);
        let mut max_in_flight = 0;
        let mut n = 0;
        while out.next().is_some() {
            n += 1;
            max_in_flight = max_in_flight.max(taken.load(Ordering::SeqCst) - n);
        }
        assert_eq!(n, 10_000);
        assert!(max_in_flight <= 3 * PER_THREAD, "{max_in_flight} in flight");
    }

    #[test]
    fn stopping_early_stops_the_workers() {
        let done = Arc::new(AtomicUsize::new(0));
        let d2 = Arc::clone(&done);
        let first: Vec<u64> = ordered_map(0..1_000_000u64, 2, move |i| {
            d2.fetch_add(1, Ordering::SeqCst);
            i
        })
        .take(5)
        .collect();
        assert_eq!(first, [0, 1, 2, 3, 4]);
        assert!(done.load(Ordering::SeqCst) <= 5 + 2 * PER_THREAD);
    }

    #[test]
    fn a_panic_in_the_function_comes_back_on_the_caller() {
        let r = panic::catch_unwind(|| {
            ordered_map(0..50u64, 2, |i| {
                assert!(i != 20, "twenty");
                i
            })
            .count()
        });
        assert!(r.is_err());
    }
}
