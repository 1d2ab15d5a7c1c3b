//! String interning: every name, variable and string of a run becomes a [`Sym`] once, so later stages
//! compare integers, never strings.

use std::hash::{Hash, Hasher};

use hashbrown::HashTable;
use rustc_hash::FxHasher;

/// An interned string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sym(pub u32);

/// Strings are stored once, back to back in one buffer (no allocation per string); the table holds
/// each symbol with 32 bits of its hash, so that growing the table never reads a string again.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    table: HashTable<(Sym, u32)>,
    text: String,
    /// End of each string in `text`; string `i` starts where `i - 1` ends.
    ends: Vec<u32>,
}

/// 32 bits of the string's hash: what an entry keeps.
fn hash(s: &str) -> u32 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    (h.finish() >> 32) as u32
}

/// The table's hash from the 32 bits an entry keeps (spread over 64 for the bucket and tag bits).
fn spread(h: u32) -> u64 {
    (h as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Interner {
    pub fn new() -> Interner {
        Interner::default()
    }

    fn slice<'a>(text: &'a str, ends: &[u32], sym: Sym) -> &'a str {
        let i = sym.0 as usize;
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        &text[start..ends[i] as usize]
    }

    pub fn intern(&mut self, s: &str) -> Sym {
        let h = hash(s);
        let Interner { table, text, ends } = self;
        if let Some(&(sym, _)) = table.find(spread(h), |&(k, kh)| {
            kh == h && Interner::slice(text, ends, k) == s
        }) {
            return sym;
        }
        let sym = Sym(ends.len() as u32);
        text.push_str(s);
        ends.push(text.len() as u32);
        table.insert_unique(spread(h), (sym, h), |&(_, kh)| spread(kh));
        sym
    }

    /// The symbol of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        let h = hash(s);
        self.table
            .find(spread(h), |&(k, kh)| {
                kh == h && Interner::slice(&self.text, &self.ends, k) == s
            })
            .map(|&(k, _)| k)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        Interner::slice(&self.text, &self.ends, sym)
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
    /// Room for the symbols below `n` without growing (capacity only: nothing is written).
    pub fn reserve(&mut self, n: usize) {
        self.slots.reserve(n.saturating_sub(self.slots.len()));
    }

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
