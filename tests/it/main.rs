//! argcheck's integration tests: one binary (see ARCHITECTURE.md).
//!
//! - `cases`: every file under `tests/cases/` through the command a user would run, snapshotted.
//! - `cli`: exit codes, formats, standard input, atomic `fmt`.
//! - `examples`: the teaching corpus passes `argcheck test` and survives `fmt`.
//! - `exercises`: the exercises' solutions pass, their starters fail with a usable message.
//! - `differential`: the engine against a naive fixpoint of the proof conditions
//!   (`docs/language.md`) on random theories.
//! - `properties`: `fmt` is idempotent and preserves meaning on generated programs.
//! - `hostile`: hostile inputs end in a diagnostic, never a panic, hang or overflow.
//! - `language`: the language reference (`docs/language.md`) against the code: every diagnostic
//!   code documented, every example checked, every transcript what argcheck prints.
//! - `lsp`: `argcheck lsp` over stdio: a scripted editor session, random edits, hostile messages.
//! - `report`: the handout page against `eval --format json`, hostile text, graphs, a snapshot.

// The generator of the benchmark theories, shared with the binary's hidden `bench-gen`.
#[path = "../../src/bench.rs"]
mod bench;
mod cases;
mod cli;
mod differential;
mod examples;
mod exercises;
mod hostile;
mod language;
mod lsp;
mod proofs;
mod properties;
mod report;
mod support;
mod whatif;
