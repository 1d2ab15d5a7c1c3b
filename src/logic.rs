//! The vocabulary of the logic: the kinds of rule, the comparison operators and the verdicts.
//! What these words mean is fixed here once; the syntax reads them, checking and evaluation act
//! on them, and every output prints them.

use serde::Serialize;

/// The kind of a rule, from its arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Arrow {
    /// `->`
    Strict,
    /// `=>`
    Defeasible,
    /// `~>`
    Defeater,
}

impl Arrow {
    pub fn as_str(self) -> &'static str {
        match self {
            Arrow::Strict => "->",
            Arrow::Defeasible => "=>",
            Arrow::Defeater => "~>",
        }
    }
}

/// A comparison operator of a rule body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// The answer to a question under a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Holds,
    Denied,
    Undecided,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Denied => "denied",
            Verdict::Undecided => "undecided",
        }
    }
}
