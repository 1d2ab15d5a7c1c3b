//! Compressed sparse rows: a table from dense keys to lists of `u32`, in two flat vectors. The
//! grounder and the evaluator index ground rules by literal with it.

/// Compressed sparse rows: for each key, a slice of `u32` values.
#[derive(Debug, Clone, Default)]
pub(crate) struct Csr {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Csr {
    /// Build from (key, value) pairs over keys `0..n`, keeping the pairs' order within a key.
    pub(crate) fn build(n: usize, pairs: impl Iterator<Item = (usize, u32)> + Clone) -> Csr {
        let mut start = vec![0u32; n + 1];
        for (k, _) in pairs.clone() {
            start[k + 1] += 1;
        }
        for k in 0..n {
            start[k + 1] += start[k];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; start[n] as usize];
        for (k, v) in pairs {
            items[fill[k] as usize] = v;
            fill[k] += 1;
        }
        Csr { start, items }
    }

    pub(crate) fn get(&self, k: usize) -> &[u32] {
        match (self.start.get(k), self.start.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}
