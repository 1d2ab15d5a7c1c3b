//! Syntax: `.rules` text → [`ast::Ast`]. pest's types never leave this folder.

pub mod ast;
mod hints;
mod parse;

pub(crate) use parse::parse_date;
pub use parse::{days_to_date, parse};

/// A small deterministic generator for the tests that mutate items (xorshift64).
#[cfg(test)]
fn xorshift(mut x: u64) -> impl FnMut() -> usize {
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as usize
    }
}

/// `valid[_]` (tokens split by spaces) with `at_least` to `at_least + 2` tokens replaced,
/// removed or inserted from `tokens`: the mutated items of the parser's tests.
#[cfg(test)]
fn mutated<'a>(
    next: &mut impl FnMut() -> usize,
    valid: &[&'a str],
    tokens: &[&'a str],
    at_least: usize,
) -> Vec<&'a str> {
    let mut words: Vec<&str> = valid[next() % valid.len()].split(' ').collect();
    for _ in 0..at_least + next() % 3 {
        let at = next() % (words.len() + 1);
        let token = tokens[next() % tokens.len()];
        match next() % 3 {
            0 if at < words.len() => words[at] = token,
            1 if at < words.len() => {
                words.remove(at);
            }
            _ => words.insert(at, token),
        }
    }
    words
}
