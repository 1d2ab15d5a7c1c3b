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
/// "Machine"). `MADV_POPULATE_WRITE` takes the faults in bulk, cheaper per page than one at a time,
/// and on the helper thread they leave the critical path: after parsing, the stages run on one
/// thread and the second core is idle (while parsing, both cores are busy, and only the merge's
/// name table is populated). Only whole pages inside the room are populated.
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
                    // over (at worst pages the allocator had given back become resident again);
                    // a range no longer mapped fails, which is ignored (only speed is at stake).
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
#[cfg(target_os = "linux")]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The whole pages of `v`'s spare capacity.
    fn spare_pages(v: &mut Vec<u8>) -> (usize, usize) {
        let spare = v.spare_capacity_mut();
        let start = spare.as_mut_ptr() as usize;
        (start.next_multiple_of(4096), (start + spare.len()) & !4095)
    }

    /// Whether every page of `start..end` becomes resident (`mincore`) within `wait`.
    fn becomes_resident((start, end): (usize, usize), wait: Duration) -> bool {
        let mut pages = vec![0u8; (end - start) / 4096];
        let since = std::time::Instant::now();
        loop {
            // SAFETY: mincore only reads the page tables of the range, which the caller's
            // vector owns, and writes one byte per page into `pages`, which has one per page.
            let ok =
                unsafe { libc::mincore(start as *mut _, end - start, pages.as_mut_ptr()) } == 0;
            if ok && pages.iter().all(|p| p & 1 == 1) {
                return true;
            }
            if since.elapsed() > wait {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Whether this kernel knows `MADV_POPULATE_WRITE` (Linux 5.14 and later).
    fn kernel_populates() -> bool {
        let mut probe: Vec<u8> = Vec::with_capacity(1 << 16);
        let (start, _) = spare_pages(&mut probe);
        // SAFETY: as in `populate`: populating a page of this vector's room changes no byte.
        unsafe { libc::madvise(start as *mut _, 4096, libc::MADV_POPULATE_WRITE) == 0 }
    }

    /// The helper makes reserved room resident before anything is written to it, and changes no
    /// value, whether it comes before, during or after the writes. The input-size switch is not
    /// thrown here (it is for the whole process): `populate` is called directly.
    #[test]
    fn the_helper_populates_room_ahead_and_keeps_its_values() {
        if !kernel_populates() {
            eprintln!("skipped: the kernel has no MADV_POPULATE_WRITE");
            return;
        }
        let mut room: Vec<u8> = Vec::with_capacity(16 << 20);
        let pages = spare_pages(&mut room);
        populate(pages.0, pages.1);
        assert!(
            becomes_resident(pages, Duration::from_secs(20)),
            "the helper did not populate 16 MiB of reserved room"
        );
        for round in 0..4u64 {
            let mut zeros = vec![0u64; 3 << 20];
            let z = zeros.as_mut_ptr_range();
            populate(z.start as usize, z.end as usize);
            let mut v: Vec<u64> = Vec::with_capacity(3 << 20);
            let spare = v.spare_capacity_mut().as_mut_ptr_range();
            populate(spare.start as usize, spare.end as usize);
            v.extend((0..3u64 << 20).map(|i| i ^ round));
            assert!(zeros.iter().all(|&z| z == 0));
            assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64 ^ round));
        }
    }

    /// A small input (no test throws the process-wide switch) populates nothing.
    #[test]
    fn a_small_input_populates_nothing() {
        let mut room: Vec<u8> = Vec::with_capacity(16 << 20);
        let pages = spare_pages(&mut room);
        populate_spare(&mut room);
        assert!(!becomes_resident(pages, Duration::from_millis(200)));
    }
}
