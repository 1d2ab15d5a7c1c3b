fn main() -> std::process::ExitCode {
    argcheck::cli::main()
}
