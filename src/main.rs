//! The `argcheck` command: the command line (`cli`) and the language server (`lsp`) on the
//! library's front door.

mod bench;
mod cli;
mod lsp;

// The pipeline makes millions of small allocations on large theories (syntax trees, rule bodies),
// which mimalloc serves markedly faster than the system allocator (BENCHMARKS.md).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
