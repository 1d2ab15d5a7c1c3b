//! argcheck: check legal arguments in defeasible logic.
//!
//! A `.rules` file states facts with their sources, rules with exceptions, priorities between
//! rules, and the named positions of the parties; argcheck says for each question whether it
//! holds, is denied or stays undecided under each position, and why. The language is described
//! in `docs/language.md`.
//!
//! The front door is three calls: [`check`] reads and checks the files, [`Checked::evaluate`]
//! evaluates them under every position, and the [`Evaluation`] answers: verdicts
//! ([`Evaluation::table`]), explanations ([`Evaluation::explain`]), argument graphs, differences
//! between positions, the file's own expectations. Every output is plain data that serialises to
//! the JSON the command line prints.
//!
//! ```
//! use argcheck::{Input, Limits, MemoryFiles, Verdict};
//!
//! let files = MemoryFiles::new().with(
//!     "warrant.rules",
//!     r#"
//!     head_of_state(assad).
//!     warrant(w1, assad).
//!     immunity: warrant(W, P), head_of_state(P) => immune(P).
//!     crimes:   warrant(W, P) => ~immune(P).
//!     position prosecutor { immunity > crimes. }
//!     query immune(assad).
//!     "#,
//! );
//! let limits = Limits::default();
//! let checked = argcheck::check(&[Input::Path("warrant.rules".into())], &files, &limits);
//! assert!(!checked.diagnostics().has_errors());
//! let evaluation = checked.evaluate(&limits).expect("no errors");
//!
//! let prosecutor = evaluation.position("prosecutor").unwrap();
//! let query = &evaluation.queries()[0];
//! let immune = &evaluation.matches(query)[0];
//! assert_eq!(evaluation.status(prosecutor, immune).verdict, Verdict::Holds);
//! let common = evaluation.position("common").unwrap();
//! assert_eq!(evaluation.status(common, immune).verdict, Verdict::Undecided);
//! ```
//!
//! The stages behind it, each a module with one input and one output type (ARCHITECTURE.md):
//!
//! ```text
//! files ──load──▶ SourceMap + ast::Ast per file ──lower──▶ hir::Program ──ground──▶ ground::Ground
//!       ──evaluate──▶ eval::Outcome per position ──explain / table / graph / diff──▶ data → text, JSON
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod analysis;
mod csr;
mod diagnostic;
mod diff;
mod eval;
mod expect;
mod explain;
mod fmt;
mod graph;
mod ground;
mod hir;
mod intern;
mod limits;
mod load;
mod logic;
mod prose;
mod render;
mod report;
mod source;
mod statements;
mod symbols;
mod syntax;
mod table;
mod variant;
mod whatif;

pub use analysis::{Checked, Conclusions, Evaluation, Match, PositionId, Query, check};
pub use diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};
pub use diff::{Diff, Difference};
pub use expect::Report;
pub use explain::{ExplainOptions, Explanation};
pub use fmt::format;
pub use graph::Graph;
pub use limits::{Limits, Stop};
pub use load::{Change, Disk, Files, Input, MemoryFiles, WhatIf, normalize_path};
pub use logic::{Arrow, Reason, Status, Verdict};
pub use prose::TextOptions;
pub use report::{MAX_GRAPH_NODES, ReportOptions};
pub use source::{FileId, SourceFile, SourceMap, Span};
pub use statements::{
    FactEntry, Place, PositionEntry, PredicateEntry, RejectEntry, RuleEntry, SourceEntry,
    Statements, SuperiorityEntry,
};
pub use symbols::{
    Detail, Expectation, Occurrence, Outline, OutlineKind, Standing, Symbol, SymbolKind, Symbols,
    WrittenLiteral,
};
pub use table::Table;
pub use whatif::{Flip, Proposal, WhatIfAnswer, WhatIfOptions};

/// The steps an [`Explanation`] is made of (its JSON form is in the README).
pub mod explanation {
    pub use crate::explain::{
        Binding, Citation, Decisive, DecisiveStep, Node, Opposition, RuleRef, RuleState, Step,
    };
}
