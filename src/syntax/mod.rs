//! Syntax: `.rules` text → [`ast::Ast`]. pest's types never leave this folder.

pub mod ast;
mod parse;

pub use parse::{days_to_date, parse};
