//! Syntax: `.rules` text → [`ast::Ast`]. pest's types never leave this folder.

pub mod ast;
mod hints;
mod parse;

pub(crate) use parse::parse_date;
pub use parse::{days_to_date, parse};
