//! argcheck's integration tests: one binary (see ARCHITECTURE.md).
//!
//! - `cases`: every file under `tests/cases/` through the command a user would run, snapshotted.
//! - `cli`: exit codes, formats, standard input, atomic `fmt`.
//! - `examples`: the teaching corpus passes `argcheck test` and survives `fmt`.
//! - `exercises`: the exercises' solutions pass, their starters fail with a usable message.
//! - `differential`: the engine against a naive fixpoint of SPEC §4 on random theories.
//! - `properties`: `fmt` is idempotent and preserves meaning on generated programs.
//! - `hostile`: hostile inputs end in a diagnostic, never a panic, hang or overflow.
//! - `lsp`: `argcheck lsp` over stdio: a scripted editor session, random edits, hostile messages.

// The generator of the benchmark theories, shared with the binary's hidden `bench-gen`.
#[path = "../../src/bench.rs"]
mod bench;
mod cases;
mod cli;
mod differential;
mod examples;
mod exercises;
mod hostile;
mod lsp;
mod proofs;
mod properties;
mod support;
