//! Hooks through which the binary's allocator adapts to the size of the input.
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
