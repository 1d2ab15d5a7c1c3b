//! String interning: every name, variable and string of a run becomes a [`Sym`] once, so later stages
//! compare integers, never strings.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// An interned string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sym(pub u32);

/// Strings are stored once, back to back in one buffer (no allocation per string); the table
/// holds only their symbols, hashed by the text they stand for.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    table: HashTable<Sym>,
    text: String,
    /// End of each string in `text`; string `i` starts where `i - 1` ends.
    ends: Vec<u32>,
}

fn hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

fn slice<'a>(text: &'a str, ends: &[u32], sym: Sym) -> &'a str {
    let i = sym.0 as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Interner {
        Interner::default()
    }

    /// The symbol of `s`, new if `s` was not interned before.
    pub fn intern(&mut self, s: &str) -> Sym {
        let h = hash(s);
        let Interner { table, text, ends } = self;
        if let Some(&sym) = table.find(h, |&sym| slice(text, ends, sym) == s) {
            return sym;
        }
        let sym = Sym(ends.len() as u32);
        text.push_str(s);
        ends.push(text.len() as u32);
        table.insert_unique(h, sym, |&sym| hash(slice(text, ends, sym)));
        sym
    }

    /// The symbol of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        self.table
            .find(hash(s), |&sym| self.resolve(sym) == s)
            .copied()
    }

    /// The string of a symbol.
    pub fn resolve(&self, sym: Sym) -> &str {
        slice(&self.text, &self.ends, sym)
    }
}

/// A map keyed by [`Sym`], stored densely: symbols are small consecutive integers, so a vector
/// beats hashing on the hot paths of lowering (every literal looks its predicate up).
#[derive(Debug, Clone)]
pub struct SymMap<T> {
    slots: Vec<Option<T>>,
}

impl<T> Default for SymMap<T> {
    fn default() -> SymMap<T> {
        SymMap { slots: Vec::new() }
    }
}

impl<T> SymMap<T> {
    pub fn get(&self, k: &Sym) -> Option<&T> {
        self.slots.get(k.0 as usize).and_then(Option::as_ref)
    }

    pub fn insert(&mut self, k: Sym, v: T) {
        let i = k.0 as usize;
        if self.slots.len() <= i {
            self.slots.resize_with(i + 1, || None);
        }
        self.slots[i] = Some(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names that share prefixes and lengths, many times the table's first size, so that it grows
    /// while some names are already in it.
    fn names(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| match i % 3 {
                0 => format!("a{i}"),
                1 => format!("r{}", i / 3),
                _ => "x".repeat(i % 7),
            })
            .collect()
    }

    #[test]
    fn interning_gives_one_symbol_per_distinct_string_in_order_of_first_use() {
        let mut names_seen = Interner::new();
        let mut reference: std::collections::HashMap<String, Sym> = Default::default();
        for s in names(20_000) {
            let next = Sym(reference.len() as u32);
            let expected = *reference.entry(s.clone()).or_insert(next);
            assert_eq!(names_seen.intern(&s), expected, "{s:?}");
        }
        assert_eq!(names_seen.ends.len(), reference.len());
        for (s, &sym) in &reference {
            assert_eq!(names_seen.resolve(sym), s);
            assert_eq!(names_seen.get(s), Some(sym));
        }
        assert_eq!(names_seen.get("absent"), None);
        assert_eq!(Interner::new().get(""), None);
    }
}
