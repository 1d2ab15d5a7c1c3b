//! The abstract syntax tree: what the user wrote, with spans, and nothing resolved.
//!
//! A file is a flat list of [`Item`]s; a position block is the pair `PositionOpen` … `PositionClose`
//! around the items it contains (the parser guarantees they are balanced and never nested). Flat
//! lists keep every later walk iterative and let `fmt` reproduce the file item by item.

use crate::intern::Sym;
use crate::logic::{Arrow, CmpOp, Verdict};
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ident {
    pub sym: Sym,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    Name(Sym),
    Var(Sym),
    /// `_`: each occurrence a fresh variable.
    Anon,
    /// A string's content (escapes undone), interned.
    Str(Sym),
    Int(i64),
    /// Days since 1970-01-01 (proleptic Gregorian); only valid dates get here.
    Date(i32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub neg: bool,
    pub pred: Ident,
    /// Boxed slices, not vectors, throughout the tree: a million statements are a million of
    /// each, and the capacity word is never needed once parsed.
    pub args: Box<[Term]>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyItem {
    Lit(Literal),
    /// Boxed terms keep `BodyItem` as small as a literal: most bodies are all literals.
    Cmp {
        left: Box<Term>,
        op: CmpOp,
        right: Box<Term>,
        span: Span,
    },
}

impl BodyItem {
    pub fn span(&self) -> Span {
        match self {
            BodyItem::Lit(l) => l.span,
            BodyItem::Cmp { span, .. } => *span,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub label: Ident,
    pub body: Box<[BodyItem]>,
    pub arrow: Arrow,
    pub head: Literal,
    /// The conditions after `unless`, if any.
    pub unless: Option<Box<[BodyItem]>>,
    pub source: Option<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    Fact {
        lit: Literal,
        source: Option<Ident>,
    },
    /// Boxed: a rule is several times the size of any other statement.
    Rule(Box<Rule>),
    Superiority {
        sup: Ident,
        inf: Ident,
    },
    Source {
        name: Ident,
        citation: String,
    },
    Predicate {
        name: Ident,
        params: Vec<Ident>,
        template: String,
    },
    PositionOpen {
        name: Ident,
        title: Option<String>,
        extends: Vec<Ident>,
    },
    PositionClose,
    Reject {
        label: Ident,
    },
    /// `retract LITERAL.`
    Retract {
        lit: Literal,
    },
    /// `name CONSTANT "display name".`
    Name {
        constant: Ident,
        display: String,
    },
    Query {
        /// A boxed string, not a `String`: with the capacity word this variant was the largest.
        text: Option<Box<str>>,
        lit: Literal,
    },
    /// Boxed: it is the largest statement and the rarest in a large file, and unboxed it made
    /// every item 104 bytes instead of 88 (a tenth of a tree(11, 3) run's memory is its items).
    Expect(Box<Expectation>),
    Import {
        path: String,
        path_span: Span,
    },
}

/// `expect POSITION: VERDICT [strictly] LITERAL.`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// `None` for `common`.
    pub position: Option<Ident>,
    pub position_span: Span,
    pub verdict: Verdict,
    pub strictly: bool,
    pub lit: Literal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
}

/// One parsed file.
#[derive(Debug, Clone, Default)]
pub struct Ast {
    pub items: Vec<Item>,
    /// Every comment (`#` to the end of the line), in order, for the formatter.
    pub comments: Vec<Span>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large file is mostly facts: the size of an item is most of the syntax tree's memory.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_item_stays_at_88_bytes() {
        assert_eq!(std::mem::size_of::<Item>(), 88);
    }
}
