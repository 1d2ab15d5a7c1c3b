// The pipeline makes millions of small allocations on large theories (syntax trees, rule bodies);
// mimalloc allocates and frees them markedly faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::atomic::{AtomicI64, Ordering};

fn main() -> std::process::ExitCode {
    keep_freed_memory();
    reuse_the_workers_memory();
    argcheck::memory::set_hooks(large_input, collect);
    argcheck::cli::main()
}

/// mimalloc's option `purge_delay`: the bindings have no constant for it, and `mimalloc.h`
/// declares it right before `use_numa_nodes`.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = libmimalloc_sys::mi_option_use_numa_nodes - 1;

/// mimalloc's option `abandoned_reclaim_on_free`, five places after `max_segment_reclaim` in
/// the `mimalloc.h` of mimalloc 2 (then `destroy_on_exit`, `arena_reserve`, `arena_purge_mult`,
/// `purge_extend_delay`); the bindings have no constant for it. Cargo.toml pins the version.
const ABANDONED_RECLAIM_ON_FREE: libmimalloc_sys::mi_option_t =
    libmimalloc_sys::mi_option_max_segment_reclaim + 5;

/// The purge delay mimalloc started with, restored for a large input.
static STARTUP_PURGE_DELAY: AtomicI64 = AtomicI64::new(0);

/// A small run keeps the memory it frees instead of purging it: with transparent huge pages a
/// purge gives back a whole 2 MiB page that the next allocation faults in and zeroes again (one
/// run of tree(11, 3) made 103 purges; without them the slowest of fifteen runs went from 0.43 to
/// 0.27 s; `argcheck::memory`).
fn keep_freed_memory() {
    // SAFETY: mi_option_get/mi_option_set read and write one of mimalloc's option cells; they may
    // be called at any time.
    unsafe {
        STARTUP_PURGE_DELAY.store(
            libmimalloc_sys::mi_option_get(PURGE_DELAY) as i64,
            Ordering::Relaxed,
        );
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
    }
}

/// The parser's worker threads allocate the syntax trees and end; lowering frees most of the trees,
/// block by block, while it allocates the program (the rest is freed after it, on another thread
/// for a large file). By default mimalloc leaves the workers' segments abandoned until a thread
/// looks for room, and such a search visits at most a tenth of them, so the program went to fresh
/// memory beside the freed trees. Taking a segment over when one of its blocks is freed, and
/// letting a search visit every abandoned segment, lets the program reuse the trees' memory:
/// tree(11, 3) peaks at 133-152 MB instead of 166 MB, chain(10^4) at 20 MB instead of 26 MB; fresh
/// memory is the dearest thing a run touches on a virtual machine (BENCHMARKS.md, "Machine").
fn reuse_the_workers_memory() {
    // SAFETY: as in `keep_freed_memory`.
    unsafe {
        libmimalloc_sys::mi_option_set(ABANDONED_RECLAIM_ON_FREE, 1);
        libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_max_segment_reclaim, 100);
    }
}

/// The input is large (`argcheck::memory`): 4 KiB pages from now on, and freed memory purged as
/// mimalloc normally does, so that peak memory stays low.
fn large_input() {
    disable_transparent_huge_pages();
    // SAFETY: as in `keep_freed_memory`.
    unsafe {
        libmimalloc_sys::mi_option_set(
            PURGE_DELAY,
            STARTUP_PURGE_DELAY.load(Ordering::Relaxed) as _,
        );
    }
}

/// Hand pages freed by other (finished) threads back to this one and to the system: lowering frees
/// the syntax trees the parser's workers built (`argcheck::memory`).
fn collect() {
    // SAFETY: mi_collect only walks mimalloc's own heaps; it is safe to call at any time from any
    // thread, and this is the allocator of the process (`GLOBAL` above).
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// mimalloc asks for transparent huge pages. They spare a small run most of its page faults, but
/// on a large input the allocator's purging and collections split them again, which costs more
/// system time than all of evaluation; from now on, new memory gets 4 KiB pages.
#[cfg(target_os = "linux")]
fn disable_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and only sets a flag of this
    // process, which the kernel reads at every later page fault; failure (an old kernel) leaves
    // huge pages on, which is merely slower.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn disable_transparent_huge_pages() {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The options set by their place in `mimalloc.h` are the ones meant: each has the default of
    /// the vendored `options.c` until set (`purge_delay` 10 ms, `max_segment_reclaim` 10%,
    /// `arena_purge_mult`, two places before `abandoned_reclaim_on_free`, 10, and that one 0).
    #[test]
    fn options_set_by_position_are_the_intended_ones() {
        // SAFETY: as in `keep_freed_memory`.
        unsafe {
            use libmimalloc_sys::{mi_option_get, mi_option_max_segment_reclaim};
            if std::env::vars().any(|(k, _)| k.starts_with("MIMALLOC_")) {
                return; // the environment may have changed the defaults
            }
            assert_eq!(mi_option_get(PURGE_DELAY), 10);
            assert_eq!(mi_option_get(mi_option_max_segment_reclaim), 10);
            assert_eq!(mi_option_get(ABANDONED_RECLAIM_ON_FREE - 2), 10); // arena_purge_mult
            assert_eq!(mi_option_get(ABANDONED_RECLAIM_ON_FREE), 0);
        }
    }
}
