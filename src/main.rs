//! The `argcheck` command: the command line (`cli`) and the language server (`lsp`) on the
//! library's front door.

mod bench;
mod cli;
mod lsp;

fn main() -> std::process::ExitCode {
    cli::main()
}
