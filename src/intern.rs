//! String interning: every name, variable and string of a run becomes a [`Sym`] once, so later stages
//! compare integers, never strings.

use rustc_hash::FxHashMap;

/// An interned string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sym(pub u32);

#[derive(Debug, Clone, Default)]
pub struct Interner {
    map: FxHashMap<Box<str>, Sym>,
    strings: Vec<Box<str>>,
}

impl Interner {
    pub fn new() -> Interner {
        Interner::default()
    }

    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.map.get(s) {
            return sym;
        }
        let sym = Sym(self.strings.len() as u32);
        self.strings.push(s.into());
        self.map.insert(s.into(), sym);
        sym
    }

    /// The symbol of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        self.map.get(s).copied()
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        &self.strings[sym.0 as usize]
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
