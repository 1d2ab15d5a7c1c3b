// The pipeline makes millions of small allocations on large theories (syntax trees, rule bodies);
// mimalloc allocates and frees them markedly faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    disable_transparent_huge_pages();
    argcheck::memory::set_release_hook(collect);
    argcheck::cli::main()
}

/// Hand pages freed by other (finished) threads back to this one and to the system: lowering frees
/// the syntax trees the parser's workers built (`argcheck::memory`).
fn collect() {
    // SAFETY: mi_collect only walks mimalloc's own heaps; it is safe to call at any time from any
    // thread, and this is the allocator of the process (`GLOBAL` above).
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// mimalloc asks for transparent huge pages; the kernel then zeroes 2 MiB at every first touch,
/// which on a large theory costs more system time than all of evaluation. A short-lived process
/// gains nothing from them.
#[cfg(target_os = "linux")]
fn disable_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and only sets a flag of this
    // process; failure (an old kernel) leaves the default, which is merely slower.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn disable_transparent_huge_pages() {}
