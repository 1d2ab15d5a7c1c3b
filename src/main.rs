// The pipeline makes millions of small allocations on large theories (syntax trees, rule bodies);
// mimalloc allocates and frees them markedly faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::atomic::{AtomicI64, Ordering};

fn main() -> std::process::ExitCode {
    keep_freed_memory();
    argcheck::memory::set_hooks(large_input, collect);
    argcheck::cli::main()
}

/// mimalloc's option `purge_delay`: the bindings have no constant for it, and `mimalloc.h`
/// declares it right before `use_numa_nodes`.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = libmimalloc_sys::mi_option_use_numa_nodes - 1;

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
