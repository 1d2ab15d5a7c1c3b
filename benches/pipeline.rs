//! In-process benchmarks of the library stages on generated theories (`cargo bench`).
//!
//! Each family is generated once per size with `argcheck::bench::generate`, then timed stage by
//! stage: `generate` (writing the text), `compile` (read, parse and check: `analysis::compile`),
//! `analyse` (ground and evaluate: `analysis::analyse`, on a program compiled outside the timing)
//! and `end_to_end` (compile, analyse and build the verdict table of the query, which is what
//! `argcheck eval` does minus the file read and the write to stdout).
//!
//! Sizes are moderate so that the whole run takes a few minutes on 2 cores; whole-process figures
//! at 10^4..10^6 come from `scripts/bench.sh` (see BENCHMARKS.md). Run one group with e.g.
//! `cargo bench --bench pipeline -- chain`.
//!
//! This target is `harness = false` and is not built by `cargo test` (bench targets are not test
//! targets by default); `cargo clippy --all-targets` checks it.

use argcheck::analysis::{self, Compiled};
use argcheck::hir::PosId;
use argcheck::limits::Limits;
use argcheck::load::Input;
use divan::Bencher;

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
    argcheck::bench::generate(family, n, None).expect("known family")
}

fn input(family: &str, n: usize, text: &str) -> Input {
    Input::Text {
        name: format!("{family}-{n}.rules"),
        text: text.to_owned(),
    }
}

fn compile(input: &Input, limits: &Limits) -> Compiled {
    let compiled = analysis::compile(std::slice::from_ref(input), limits);
    assert!(
        !compiled.diags.has_errors(),
        "generated theory has errors: {:?}",
        compiled.diags
    );
    compiled
}

fn bench_generate(b: Bencher, family: &str, n: usize) {
    b.bench(|| argcheck::bench::generate(divan::black_box(family), divan::black_box(n), None));
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
    b.with_inputs(|| compile(&inp, &limits).program)
        .bench_local_values(|program| analysis::analyse(program, &limits).expect("evaluates"));
}

fn bench_end_to_end(b: Bencher, family: &str, n: usize) {
    let limits = Limits::default();
    let t = text(family, n);
    let inp = input(family, n, &t);
    b.bench(|| {
        let c = compile(&inp, &limits);
        let a = analysis::analyse(c.program, &limits).expect("evaluates");
        let queries: Vec<usize> = (0..a.program.queries.len()).collect();
        let positions: Vec<PosId> = (0..a.program.positions.len() as u32).map(PosId).collect();
        argcheck::table::build(&a, &queries, &positions).text(false)
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
