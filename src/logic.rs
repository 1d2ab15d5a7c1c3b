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
    /// `->`, `=>` or `~>`.
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
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written.
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
    /// The literal follows (+∂).
    Holds,
    /// Its complement follows.
    Denied,
    /// Neither.
    Undecided,
}

impl Verdict {
    /// `holds`, `denied` or `undecided`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Denied => "denied",
            Verdict::Undecided => "undecided",
        }
    }
}

/// Why a literal is undecided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// No rule for the literal or its complement has a body that could hold.
    Unsupported,
    /// Rules exist, but a premise each of them needs is itself undecided.
    UndecidedPremise,
    /// Applicable rules on both sides and no superiority settles it.
    Conflict,
    /// An applicable defeater blocks the only applicable side.
    BlockedByDefeater,
    /// Support only through a loop: no finite proof either way.
    Circular,
}

impl Reason {
    /// The reason in words: `unsupported`, `conflict`, `blocked by a defeater`, `circular`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Unsupported => "unsupported",
            Reason::UndecidedPremise => "undecided premise",
            Reason::Conflict => "conflict",
            Reason::BlockedByDefeater => "blocked by a defeater",
            Reason::Circular => "circular",
        }
    }
}

/// The verdict on a literal under one position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Holds, denied or undecided.
    pub verdict: Verdict,
    /// Holds or denied definitely (+Δ), not only defeasibly.
    pub strictly: bool,
    /// Why it is undecided (`None` otherwise).
    pub reason: Option<Reason>,
}

impl Status {
    /// `holds`, `holds strictly`, `undecided (conflict)`, ...
    pub fn text(&self) -> String {
        match (self.verdict, self.strictly, self.reason) {
            (v, true, _) => format!("{} strictly", v.as_str()),
            (Verdict::Undecided, _, Some(r)) => format!("undecided ({})", r.as_str()),
            (v, _, _) => v.as_str().to_string(),
        }
    }

    /// The status of a literal that occurs nowhere in the ground theory.
    pub fn unknown() -> Status {
        Status {
            verdict: Verdict::Undecided,
            strictly: false,
            reason: Some(Reason::Unsupported),
        }
    }
}
