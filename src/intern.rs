//! String interning: every name, variable and string of a run becomes a [`Sym`] once, so later stages
//! compare integers, never strings.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

/// An interned string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sym(pub u32);

/// Strings are stored once, back to back in one buffer (no allocation per string).
///
/// The table is open addressing with linear probing over one flat array, rather than a general
/// hash map, for one reason: the parser's merge interns every name of a chunk at once, and knowing
/// where a name's slot lies lets it prefetch the slots, the string ends and the text of the names
/// a few steps ahead ([`Interner::intern_batch`]). On a large theory the table and the text are far
/// larger than the caches, and the merge was waiting on memory for most of its time.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    /// Empty (`0`) or `hash << 32 | (symbol + 1)`: 32 bits of the string's hash, so that probing
    /// and growing rarely read a string. The length is a power of two (or zero).
    slots: Vec<u64>,
    text: String,
    /// End of each string in `text`; string `i` starts where `i - 1` ends.
    ends: Vec<u32>,
}

/// 32 bits of the string's hash: what a slot keeps.
fn hash(s: &str) -> u32 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    (h.finish() >> 32) as u32
}

/// The slot where the probe for `h` starts, in a table of `len` slots (a power of two): the high
/// bits of a multiplicative spread of the 32 bits.
fn home(h: u32, len: usize) -> usize {
    let spread = (h as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (spread >> (64 - len.trailing_zeros())) as usize
}

fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it reads nothing into the program and cannot fault; the
    // pointer comes from a reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (p as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl Interner {
    pub fn new() -> Interner {
        Interner::default()
    }

    /// An interner with room for `names` strings of `bytes` bytes in all, so that filling it up
    /// to there neither rehashes the table nor copies the text.
    pub fn with_capacity(names: usize, bytes: usize) -> Interner {
        let mut i = Interner {
            slots: Vec::new(),
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(names),
        };
        i.reserve(names);
        i
    }

    fn slice<'a>(text: &'a str, ends: &[u32], sym: Sym) -> &'a str {
        let i = sym.0 as usize;
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        &text[start..ends[i] as usize]
    }

    pub fn intern(&mut self, s: &str) -> Sym {
        self.reserve(1);
        self.intern_hashed(s, hash(s))
    }

    /// `intern` with the hash already computed and room for one more string reserved.
    fn intern_hashed(&mut self, s: &str, h: u32) -> Sym {
        match self.probe(s, h) {
            Ok(sym) => sym,
            Err(i) => {
                let sym = Sym(self.ends.len() as u32);
                self.text.push_str(s);
                self.ends.push(self.text.len() as u32);
                self.slots[i] = (h as u64) << 32 | (sym.0 as u64 + 1);
                sym
            }
        }
    }

    /// The symbol of `s` (whose hash is `h`), or the empty slot where it belongs. The table must
    /// not be empty.
    fn probe(&self, s: &str, h: u32) -> Result<Sym, usize> {
        self.walk(h, |sym| Interner::slice(&self.text, &self.ends, sym) == s)
    }

    /// Follow the probe path of `h` to the first symbol with the same hash bits that `is_it`
    /// accepts, or to the empty slot that ends the path.
    fn walk(&self, h: u32, mut is_it: impl FnMut(Sym) -> bool) -> Result<Sym, usize> {
        let mask = self.slots.len() - 1;
        let mut i = home(h, self.slots.len());
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return Err(i);
            }
            if (slot >> 32) as u32 == h && is_it(Sym(slot as u32 - 1)) {
                return Ok(Sym(slot as u32 - 1));
            }
            i = (i + 1) & mask;
        }
    }

    /// The symbols of `strings`, in order, as if each were passed to `intern`: the merge's bulk
    /// path (see the type's comment). Memory for the lookups `AHEAD` steps on is requested while
    /// the current one runs, in three stages: the slot, then the candidate's end, then its text.
    pub fn intern_batch<'s>(
        &mut self,
        strings: impl ExactSizeIterator<Item = &'s str> + Clone,
    ) -> Vec<Sym> {
        const AHEAD: usize = 8;
        let n = strings.len();
        self.reserve(n);
        let hashes: Vec<u32> = strings.clone().map(hash).collect();
        let mut out = Vec::with_capacity(n);
        for (i, s) in strings.enumerate() {
            if let Some(&h) = hashes.get(i + 3 * AHEAD) {
                prefetch(&self.slots[home(h, self.slots.len())]);
            }
            if let Some(&h) = hashes.get(i + 2 * AHEAD) {
                if let Some(sym) = self.candidate(h) {
                    prefetch(&self.ends[sym.0 as usize]);
                }
            }
            if let Some(&h) = hashes.get(i + AHEAD) {
                if let Some(sym) = self.candidate(h) {
                    let start = if sym.0 == 0 {
                        0
                    } else {
                        self.ends[sym.0 as usize - 1]
                    };
                    if let Some(b) = self.text.as_bytes().get(start as usize) {
                        prefetch(b);
                    }
                }
            }
            out.push(self.intern_hashed(s, hashes[i]));
        }
        out
    }

    /// The first symbol on the probe path of `h` whose slot has the same hash bits (no string
    /// compared): where a lookup of `h` will most likely end.
    fn candidate(&self, h: u32) -> Option<Sym> {
        self.walk(h, |_| true).ok()
    }

    /// Room for `more` strings without growing the table (at most four fifths full: fuller, and
    /// the probes for a new name grow long; emptier, and a million names cost twice the memory).
    pub fn reserve(&mut self, more: usize) {
        let want = self.ends.len() + more;
        if want * 5 <= self.slots.len() * 4 {
            return;
        }
        let len = (want * 5 / 4 + 1).next_power_of_two().max(16);
        let old = std::mem::replace(&mut self.slots, vec![0; len]);
        // Probes land all over the table: on a large input, fault it in ahead (`crate::memory`).
        crate::memory::populate_filled(&mut self.slots);
        let mask = len - 1;
        for slot in old.into_iter().filter(|&s| s != 0) {
            let mut i = home((slot >> 32) as u32, len);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    /// The symbol of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(s, hash(s)).ok()
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
        assert_eq!(names_seen.len(), reference.len());
        for (s, &sym) in &reference {
            assert_eq!(names_seen.resolve(sym), s);
            assert_eq!(names_seen.get(s), Some(sym));
        }
        assert_eq!(names_seen.get("absent"), None);
        assert_eq!(Interner::new().get(""), None);
    }

    #[test]
    fn a_batch_is_interned_as_one_call_per_string() {
        let all = names(30_000);
        let mut one_by_one = Interner::new();
        let mut batched = Interner::new();
        // Batches of several sizes, each after some strings are already in the table.
        for (i, part) in all.chunks(1_237).enumerate() {
            let expected: Vec<Sym> = part.iter().map(|s| one_by_one.intern(s)).collect();
            let got = if i % 2 == 0 {
                batched.intern_batch(part.iter().map(String::as_str))
            } else {
                part.iter().map(|s| batched.intern(s)).collect()
            };
            assert_eq!(got, expected);
        }
        assert!(batched.intern_batch(std::iter::empty()).is_empty());
        assert_eq!(batched.len(), one_by_one.len());
    }
}
