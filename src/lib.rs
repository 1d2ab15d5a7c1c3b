//! argcheck: check legal arguments in defeasible logic.
//!
//! The pipeline, one module per stage, each a function from values to values:
//!
//! ```text
//! text ──parse──▶ ast::Ast ──lower──▶ hir::Program ──ground──▶ ground::Ground
//!      ──evaluate──▶ eval::Outcome ──explain──▶ explain::Tree ──render──▶ text / JSON / DOT
//! ```
//!
//! Only `cli` touches files, standard streams and colours.

pub mod analysis;
pub mod diagnostic;
pub mod eval;
pub mod ground;
pub mod hir;
pub mod intern;
pub mod limits;
pub mod load;
pub mod logic;
pub mod render;
pub mod source;
pub mod syntax;

pub use analysis::{Conclusions, conclusion_table};
pub mod bench;
pub mod cli;
pub mod diff;
pub mod expect;
pub mod explain;
pub mod fmt;
pub mod graph;
pub mod table;
