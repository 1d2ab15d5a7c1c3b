//! In-process benchmarks of the library stages on generated theories (`cargo bench`).
//!
//! Each family is generated once per size with the generator of `argcheck bench-gen`
//! (`src/bench.rs`), then timed stage by stage: `generate` (writing the text), `compile` (read,
//! parse and check: `argcheck::check`), `analyse` (ground and evaluate: `Checked::evaluate`, on a
//! run checked outside the timing) and `end_to_end` (check, evaluate and build the verdict table
//! of the query, which is what `argcheck eval` does minus the file read and the write to stdout).
//! The `whatif` group times `argcheck whatif`'s search (every smallest set of at most two changes
//! that flips the verdict, each verified) on a run evaluated outside the timing: on the Assad
//! lesson, and on generated theories of about 10^4 rules.
//!
//! Sizes are moderate so that the whole run takes a few minutes on 2 cores; whole-process figures
//! at 10^4..10^6 come from `scripts/bench.sh` (see BENCHMARKS.md). Run one group with e.g.
//! `cargo bench --bench pipeline -- chain`.
//!
//! This target is `harness = false` and is not built by `cargo test` (bench targets are not test
//! targets by default); `cargo clippy --all-targets` checks it.

use argcheck::{Checked, Disk, Evaluation, Input, Limits, MemoryFiles, WhatIfOptions};
use divan::Bencher;

#[path = "../src/bench.rs"]
mod bench;

fn main() {
    divan::main();
}

/// Generator arguments (family, n) for each benched size. `teams` is the paper's depth (two rules
/// for and two against every literal: 340, 5,460 and 87,380 rules); `tc-chain` is the chain length
/// (n edges, n(n+1)/2 derived path facts).
const CHAIN: &[usize] = &[1_000, 10_000, 100_000];
const TEAMS: &[usize] = &[3, 5, 7];
const TC_CHAIN: &[usize] = &[50, 100, 200];

fn text(family: &str, n: usize) -> String {
    bench::generate(family, n, None).expect("known family")
}

fn input(family: &str, n: usize, text: &str) -> Input {
    Input::Text {
        name: format!("{family}-{n}.rules"),
        text: text.to_owned(),
    }
}

fn compile(input: &Input, limits: &Limits) -> Checked {
    let checked = argcheck::check(std::slice::from_ref(input), &MemoryFiles::new(), limits);
    assert!(
        !checked.diagnostics().has_errors(),
        "generated theory has errors: {:?}",
        checked.diagnostics()
    );
    checked
}

fn bench_generate(b: Bencher, family: &str, n: usize) {
    b.bench(|| bench::generate(divan::black_box(family), divan::black_box(n), None));
}

fn bench_compile(b: Bencher, family: &str, n: usize) {
    let limits = Limits::default();
    let t = text(family, n);
    // `compile` takes the inputs by reference and copies the text, as `eval` does for stdin.
    let inp = input(family, n, &t);
    b.counter(divan::counter::BytesCount::new(t.len()))
        .bench(|| compile(&inp, &limits));
}

fn bench_analyse(b: Bencher, family: &str, n: usize) {
    let limits = Limits::default();
    let t = text(family, n);
    let inp = input(family, n, &t);
    b.with_inputs(|| compile(&inp, &limits))
        .bench_local_values(|checked| checked.evaluate(&limits).expect("evaluates"));
}

fn bench_end_to_end(b: Bencher, family: &str, n: usize) {
    let limits = Limits::default();
    let t = text(family, n);
    let inp = input(family, n, &t);
    b.bench(|| {
        let e = compile(&inp, &limits).evaluate(&limits).expect("evaluates");
        let positions: Vec<_> = e.positions().collect();
        e.table(&e.queries(), &positions).text(false)
    });
}

/// One module per family, each with the four stages; divan names them `family::stage`.
macro_rules! family {
    ($module:ident, $family:literal, $sizes:ident, $samples:literal) => {
        mod $module {
            use super::*;

            #[divan::bench(args = $sizes, sample_count = $samples, max_time = 3)]
            fn generate(b: Bencher, n: usize) {
                bench_generate(b, $family, n);
            }

            #[divan::bench(args = $sizes, sample_count = $samples, max_time = 5)]
            fn compile(b: Bencher, n: usize) {
                bench_compile(b, $family, n);
            }

            #[divan::bench(args = $sizes, sample_count = $samples, max_time = 5)]
            fn analyse(b: Bencher, n: usize) {
                bench_analyse(b, $family, n);
            }

            #[divan::bench(args = $sizes, sample_count = $samples, max_time = 5)]
            fn end_to_end(b: Bencher, n: usize) {
                bench_end_to_end(b, $family, n);
            }
        }
    };
}

family!(chain, "chain", CHAIN, 20);
family!(teams, "teams", TEAMS, 20);
family!(tc_chain, "tc-chain", TC_CHAIN, 20);

/// `argcheck whatif` under the position `p` on the literal asked with `Input::Queries`, else on
/// the first query of the files (its first match).
fn bench_whatif(b: Bencher, e: &Evaluation, p: &str) {
    let limits = Limits::default();
    let p = e.position(p).expect("the position exists");
    let queries = e.queries();
    let q = queries.iter().rfind(|q| q.asked).unwrap_or(&queries[0]);
    let m = e.matches(q).into_iter().next().expect("a match");
    b.bench(|| {
        e.whatif(p, &m, &WhatIfOptions::default(), &limits)
            .expect("within the limits")
    });
}

mod whatif {
    use super::*;

    /// The Assad lesson, `valid(w2023_bashar)` under the Cour de cassation (the CLI's
    /// `whatif rules/assad_warrant.rules valid(w2023_bashar) -p cour_de_cassation_2025`).
    #[divan::bench(sample_count = 20, max_time = 5)]
    fn assad(b: Bencher) {
        let limits = Limits::default();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let inputs = [
            Input::Path(root.join("rules/assad_warrant.rules")),
            Input::Queries(vec!["valid(w2023_bashar)".into()]),
        ];
        let checked = argcheck::check(&inputs, &Disk, &limits);
        let e = checked.evaluate(&limits).expect("the lesson evaluates");
        bench_whatif(b, &e, "cour_de_cassation_2025");
    }

    /// Generated theories of about 10^4 rules: chain (every rule and the fact are single
    /// flips), levels (superiority statements too) and teams (team defeat).
    #[divan::bench(args = [("chain", 10_000), ("levels", 2_498), ("teams", 5)], sample_count = 10, max_time = 10)]
    fn theory(b: Bencher, (family, n): (&str, usize)) {
        let limits = Limits::default();
        let t = text(family, n);
        let e = compile(&input(family, n, &t), &limits)
            .evaluate(&limits)
            .expect("evaluates");
        bench_whatif(b, &e, "common");
    }
}
