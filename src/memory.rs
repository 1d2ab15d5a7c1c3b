//! How memory is handled by the size of the input: hooks through which the binary's allocator
//! adapts, and faulting in ahead.
//!
//! Two allocator settings pay off at opposite ends of the size range, and only the library knows
//! the size while only the binary knows the allocator, so the binary registers what to do and the
//! library says when (BENCHMARKS.md, optimisation log, "Huge pages by input size"):
//!
//! - **Transparent huge pages** make a small run much cheaper: tree(11, 3) (5.4 MB, 265,720
//!   statements) takes 34,000 page faults with 4 KiB pages, whose handling was a quarter of its
//!   samples, and about 200 with 2 MiB pages. On large inputs they cost more than they save (the
//!   allocator's purging and collections split huge pages: tree(13, 3) took 4.1 s instead of
//!   3.0 s) and add a tenth to the peak memory. The binary leaves them on and turns them off with
//!   its `large_input` hook once the input read reaches [`LARGE_INPUT_BYTES`], before that input
//!   is parsed.
//! - **Collections.** The parser's worker threads allocate the syntax trees; lowering frees them on
//!   the main thread while it builds the program. mimalloc keeps memory freed across threads on
//!   the workers' (by then abandoned) pages, so without a collection the freed trees and the
//!   growing program are resident together: tree(13, 3) peaked at 1.1 GB instead of 0.9 GB.
//!   Lowering calls `release` where large parts of the trees have just been freed; it only acts
//!   on a large input (a collection costs about 10 ms per 100,000 statements, and with huge pages
//!   on it splits them). Since the binary also lets mimalloc take over an abandoned segment when
//!   one of its blocks is freed (`src/main.rs`), most of the trees' memory is reused without it;
//!   the collection still took tree(13, 3)'s peak from 776 to 742 MB.
//! - **Faulting in ahead.** On a large input the few big tables that are reserved at their final
//!   size and then filled front to back (the parser's name table, the program's rules and facts)
//!   are faulted in by a helper thread ([`populate_spare`], [`populate_filled`]). This needs no
//!   hook: it is a system call on memory the caller owns, and changes none of its bytes.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Inputs from this many bytes (all files of the run together) count as large.
pub const LARGE_INPUT_BYTES: u64 = 8 << 20;

struct Hooks {
    release: fn(),
    large_input: fn(),
}

static HOOKS: OnceLock<Hooks> = OnceLock::new();
static LARGE: AtomicBool = AtomicBool::new(false);

/// Register what to do once the input turns out large (`large_input`) and after a stage has freed
/// a large part of it (`release`). Once per process; later calls are ignored.
pub fn set_hooks(large_input: fn(), release: fn()) {
    let _ = HOOKS.set(Hooks {
        release,
        large_input,
    });
}

/// Called with the number of bytes read so far, before they are parsed.
pub(crate) fn input_read(total_bytes: u64) {
    if total_bytes >= LARGE_INPUT_BYTES && !LARGE.swap(true, Ordering::Relaxed) {
        if let Some(h) = HOOKS.get() {
            (h.large_input)();
        }
    }
}

/// Give freed memory back, if the input is large and the binary said how.
pub(crate) fn release() {
    if LARGE.load(Ordering::Relaxed) {
        if let Some(h) = HOOKS.get() {
            (h.release)();
        }
    }
}

/// Ranges smaller than this are left to fault in as they are used: a handful of faults costs less
/// than handing the range over.
const POPULATE_MIN_BYTES: usize = 2 << 20;

/// Fault in the room reserved in `v` (its spare capacity) on a helper thread, ahead of this thread
/// filling it. Only for a large input, where the program's memory comes in 4 KiB pages and every
/// first touch of one is a page fault of several microseconds on a virtual machine (BENCHMARKS.md,
/// "Machine"); after parsing, the stages run on one thread and the second core is idle, so the
/// faults move off the critical path, and `MADV_POPULATE_WRITE` takes them in bulk, cheaper per
/// page than one at a time. Only whole pages inside the room are populated.
///
/// Only for room that will be filled: populated pages are resident at once, so room reserved
/// generously (the tables keyed by symbol, say) would raise the peak (tree(13, 3): by 75 MB).
pub(crate) fn populate_spare<T>(v: &mut Vec<T>) {
    populate_filled(v.spare_capacity_mut());
}

/// [`populate_spare`] for memory already filled but not yet touched, such as a table of zeros
/// just allocated.
pub(crate) fn populate_filled<T>(s: &mut [T]) {
    if LARGE.load(Ordering::Relaxed) {
        let start = s.as_mut_ptr() as usize;
        populate(start, start + std::mem::size_of_val(s));
    }
}

/// Hand the whole pages of `start..end` to the helper thread, which populates the ranges in the
/// order they come.
#[cfg(target_os = "linux")]
fn populate(start: usize, end: usize) {
    use std::sync::mpsc::{Sender, channel};
    /// `None` if the thread could not be started.
    static HELPER: OnceLock<Option<Sender<(usize, usize)>>> = OnceLock::new();
    const PAGE: usize = 4096;
    let (start, end) = (start.next_multiple_of(PAGE), end & !(PAGE - 1));
    if end < start + POPULATE_MIN_BYTES {
        return;
    }
    let helper = HELPER.get_or_init(|| {
        let (tx, rx) = channel::<(usize, usize)>();
        let work = move || {
            for (start, end) in rx {
                // In pieces, so that the address space is never locked for long.
                for at in (start..end).step_by(POPULATE_MIN_BYTES) {
                    let len = POPULATE_MIN_BYTES.min(end - at);
                    // SAFETY: populating changes no byte of memory: a page already present is
                    // left as it is, a missing one becomes the zero page it would read as. So
                    // it is harmless even if the range was freed or reused after it was handed
                    // over; a range no longer mapped fails, which is ignored (only speed is at
                    // stake).
                    unsafe {
                        libc::madvise(at as *mut libc::c_void, len, libc::MADV_POPULATE_WRITE);
                    }
                }
            }
        };
        let thread = std::thread::Builder::new().name("populate".into());
        thread.spawn(work).ok().map(|_| tx)
    });
    if let Some(tx) = helper {
        let _ = tx.send((start, end));
    }
}

#[cfg(not(target_os = "linux"))]
fn populate(_start: usize, _end: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether every page of `v`'s spare capacity is resident (`mincore`), for at most `wait`.
    #[cfg(target_os = "linux")]
    fn spare_becomes_resident(v: &mut Vec<u8>, wait: std::time::Duration) -> bool {
        let spare = v.spare_capacity_mut();
        let start = (spare.as_mut_ptr() as usize).next_multiple_of(4096);
        let end = (spare.as_mut_ptr() as usize + spare.len()) & !4095;
        let mut pages = vec![0u8; (end - start) / 4096];
        let since = std::time::Instant::now();
        loop {
            // SAFETY: mincore only reads the page tables of a range this vector owns, and
            // writes one byte per page into `pages`, which has one byte per page.
            let ok =
                unsafe { libc::mincore(start as *mut _, end - start, pages.as_mut_ptr()) } == 0;
            if ok && pages.iter().all(|p| p & 1 == 1) {
                return true;
            }
            if since.elapsed() > wait {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// On a large input the reserved room of a table is made resident before anything is
    /// written to it, and populating changes no value, whether the helper comes before, during
    /// or after the writes.
    #[test]
    #[cfg(target_os = "linux")]
    fn room_is_populated_ahead_and_keeps_its_values() {
        input_read(LARGE_INPUT_BYTES); // count the input as large, so that populating runs
        let mut room: Vec<u8> = Vec::with_capacity(16 << 20);
        populate_spare(&mut room);
        assert!(
            spare_becomes_resident(&mut room, std::time::Duration::from_secs(20)),
            "the helper did not populate 16 MiB of reserved room"
        );
        for round in 0..4u64 {
            let mut zeros = vec![0u64; 3 << 20];
            populate_filled(&mut zeros);
            let mut v: Vec<u64> = Vec::with_capacity(3 << 20);
            populate_spare(&mut v);
            v.extend((0..3u64 << 20).map(|i| i ^ round));
            assert!(zeros.iter().all(|&z| z == 0));
            assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64 ^ round));
        }
    }
}
