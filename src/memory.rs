//! A hook through which the binary's allocator can give back memory between stages.
//!
//! The parser's worker threads allocate the syntax trees; lowering frees them on the main thread
//! while it builds the program. mimalloc keeps memory freed across threads on the workers' (by
//! then abandoned) pages, so without a collection at these points the freed trees and the growing
//! program are resident together: tree(13, 3) peaked at 1.1 GB instead of 0.9 GB (BENCHMARKS.md).
//! The library knows where large parts of its data have just been freed; only the binary knows
//! the allocator, so it registers what to do there.

use std::sync::OnceLock;

static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Register the function to call after a stage has freed a large part of its input (once per
/// process; later calls are ignored).
pub fn set_release_hook(f: fn()) {
    let _ = RELEASE.set(f);
}

/// Give freed memory back, if the binary said how.
pub(crate) fn release() {
    if let Some(f) = RELEASE.get() {
        f();
    }
}
