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

pub mod diagnostic;
pub mod intern;
pub mod source;
pub mod syntax;
pub mod hir;
pub mod limits;
pub mod load;
pub mod ground;
pub mod eval;
pub mod render;
pub mod analysis;

pub use analysis::{Conclusions, conclusion_table};
pub mod cli;
pub mod expect;
pub mod table;
pub mod explain;
pub mod diff;
pub mod graph;
pub mod fmt;
pub mod bench;
