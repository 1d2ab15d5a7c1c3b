//! The harnesses behind argcheck's fuzz targets (`fuzz_targets/*.rs`), using only the public
//! library API. Each takes the fuzzer's raw bytes; inputs that are too large are skipped, so that
//! every execution is fast and deterministic. Imports are read from a small set of files in
//! memory ([`sandbox`]), never from the disk.
//!
//! - [`parse`]: `check` on any text, the diagnostics rendered; `format`, and when it succeeds the
//!   property that formatting is idempotent (a failure panics: it is a bug).
//! - [`check`]: `check` with the sandbox's imports, the diagnostics rendered as text and JSON.
//! - [`pipeline`]: check → evaluate under small limits → for every query the verdict table
//!   (text, colour, JSON, markdown), the explanation of every matching literal under every
//!   position (text and JSON), `eval --explain`, the argument graph of every position (DOT and
//!   Mermaid), the expectations, and the diff between positions.

use std::sync::OnceLock;
use std::time::Duration;

use argcheck::{
    Diagnostics, Evaluation, ExplainOptions, Input, Limits, MemoryFiles, Report, SourceMap, Stop,
    Table, TextOptions,
};

/// Inputs longer than this are skipped: the fuzzer looks for bugs, not for slow large inputs
/// (BENCHMARKS.md covers size).
pub const MAX_INPUT: usize = 64 * 1024;

/// At most this many explanations per input (matches × positions), so that an input with many
/// ground literals stays fast.
const MAX_EXPLANATIONS: usize = 256;

/// The bytes as text (lossy UTF-8), or `None` to skip the input.
pub fn text(data: &[u8]) -> Option<String> {
    if data.len() > MAX_INPUT {
        return None;
    }
    Some(String::from_utf8_lossy(data).into_owned())
}

/// A few small files that fuzzed `import`s can reach: `sources.rules` of the teaching corpus
/// (which most of `rules/` imports), a plain file, a file that imports it, an import cycle, a
/// file with a syntax error, a file with a checking error.
pub fn sandbox() -> &'static MemoryFiles {
    static FILES: OnceLock<MemoryFiles> = OnceLock::new();
    FILES.get_or_init(|| {
        MemoryFiles::new()
            .with("sources.rules", include_str!("../../rules/sources.rules"))
            .with(
                "a.rules",
                "source s \"A source\".\np(a) from s.\nr1: p(X) => q(X).\n",
            )
            .with(
                "b.rules",
                "import \"a.rules\".\nr2: q(X) => ~s(X).\nquery s(X).\n",
            )
            .with("c1.rules", "import \"c2.rules\".\nc(1).\n")
            .with("c2.rules", "import \"c1.rules\".\nc(2).\n")
            .with("bad.rules", "p(.\n")
            .with("arity.rules", "p(a, b).\n")
            .with(
                "sub/d.rules",
                "import \"../a.rules\".\nposition x { r1 > r3. }\nr3: p(X) => ~q(X).\n",
            )
    })
}

/// The fuzzed text as an input beside the sandbox's files.
fn input(text: &str) -> Input {
    Input::Text {
        name: "fuzz.rules".into(),
        text: text.to_string(),
    }
}

/// Limits small enough that every execution ends in well under a second or two.
pub fn small_limits() -> Limits {
    Limits {
        max_input_bytes: 1024 * 1024,
        max_ground_rules: 20_000,
        max_literals: 40_000,
        max_explain_steps: 20_000,
        stop: Some(Stop::after(Duration::from_secs(2))),
    }
}

fn render_all(diags: &Diagnostics, sources: &SourceMap) {
    std::hint::black_box(diags.render(sources, false));
    std::hint::black_box(diags.render(sources, true));
    let json = serde_json::to_string(&diags.to_json(sources)).expect("diagnostics serialise");
    std::hint::black_box(json);
}

/// Target `parse`.
pub fn parse(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let checked = argcheck::check(&[input(&text)], &MemoryFiles::new(), &small_limits());
    render_all(checked.diagnostics(), checked.sources());

    match argcheck::format("f.rules", &text) {
        Ok(once) => match argcheck::format("f.rules", &once) {
            Ok(twice) => assert!(
                once == twice,
                "fmt is not idempotent\n--- input ---\n{text}\n--- once ---\n{once}\n--- twice ---\n{twice}"
            ),
            Err((sources, diags)) => panic!(
                "fmt output does not parse\n--- input ---\n{text}\n--- once ---\n{once}\n--- errors ---\n{}",
                diags.render(&sources, false)
            ),
        },
        Err((sources, diags)) => {
            assert!(diags.has_errors(), "fmt refused a file without errors");
            std::hint::black_box(diags.render(&sources, false));
        }
    }
}

/// Target `check`.
pub fn check(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let checked = argcheck::check(&[input(&text)], sandbox(), &small_limits());
    render_all(checked.diagnostics(), checked.sources());
}

/// Target `pipeline`.
pub fn pipeline(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let limits = small_limits();
    let checked = argcheck::check(&[input(&text)], sandbox(), &limits);
    render_all(checked.diagnostics(), checked.sources());
    let had_errors = checked.diagnostics().has_errors();
    match checked.evaluate(&limits) {
        Ok(e) => outputs(&e, &limits),
        Err(failed) => {
            assert!(
                failed.diagnostics().has_errors(),
                "evaluation failed without an error"
            );
            if !had_errors {
                render_all(failed.diagnostics(), failed.sources());
            }
        }
    }
}

fn outputs(e: &Evaluation, limits: &Limits) {
    let positions: Vec<_> = e.positions().collect();
    assert!(!positions.is_empty(), "`common` is always a position");
    let queries = e.queries();
    invariants(e);

    // The verdict table of every query, and of each one alone.
    let table = e.table(&queries, &positions);
    for q in &queries {
        render_table(&e.table(std::slice::from_ref(q), &positions));
    }
    render_table(&table);

    // The explanation of every matching literal of every query under every position.
    let mut budget = MAX_EXPLANATIONS;
    'queries: for q in &queries {
        for m in e.matches(q) {
            for &pos in &positions {
                if budget == 0 {
                    break 'queries;
                }
                budget -= 1;
                for depth in [None, Some(1)] {
                    let opts = ExplainOptions {
                        depth,
                        max_steps: limits.max_explain_steps,
                    };
                    match e.explain(pos, &m, &opts) {
                        Ok(tree) => {
                            for opts in [
                                TextOptions::default(),
                                TextOptions {
                                    width: 30,
                                    literals: true,
                                    sources: false,
                                },
                            ] {
                                std::hint::black_box(tree.text(&opts));
                                std::hint::black_box(tree.markdown("##", &opts));
                            }
                            assert_eq!(
                                tree.verdict(),
                                e.status(pos, &m).verdict,
                                "the explanation of `{}` under {} disagrees with the table",
                                m.literal,
                                e.position_name(pos)
                            );
                            let json = serde_json::to_string(&tree).expect("a tree serialises");
                            std::hint::black_box(json);
                        }
                        Err(d) => render_all(&d.into(), e.sources()),
                    }
                }
            }
        }
    }

    // The argument graph of every position, whole and rooted at the queries' literals.
    let roots: Vec<_> = queries.iter().flat_map(|q| e.matches(q)).collect();
    for &pos in &positions {
        let g = e.graph(pos, None);
        std::hint::black_box((g.dot(), g.mermaid()));
        let g = e.graph(pos, Some(&roots));
        std::hint::black_box((g.dot(), g.mermaid()));
    }

    // The expectations.
    let mut report = Report::default();
    report.run(e, limits);
    std::hint::black_box(report.text());

    // The differences between the first positions, both ways.
    if positions.len() >= 2 {
        for (pa, pb) in [(positions[0], positions[1]), (positions[1], positions[0])] {
            let d = e.diff(pa, pb, None);
            std::hint::black_box((d.text(false), d.text(true)));
            let json = serde_json::to_string(&d).expect("a diff serialises");
            std::hint::black_box(json);
        }
    }
    if positions.len() >= 3 {
        std::hint::black_box(e.diff(positions[1], positions[2], None).text(true));
    }
}

/// Properties of every evaluation without a strict contradiction (which evaluation reports as an
/// error): coherence (no literal is both +Δ and −Δ, nor both +∂ and −∂), +Δ implies +∂, and
/// consistency (a literal and its complement are never both +∂, so never both `holds`).
fn invariants(e: &Evaluation) {
    for (position, table) in e.conclusions() {
        for (lit, c) in &table {
            let what = || format!("`{lit}` under {position}");
            assert!(
                !(c.plus_delta && c.minus_delta),
                "{} is both +Δ and −Δ",
                what()
            );
            assert!(
                !(c.plus_partial && c.minus_partial),
                "{} is both +∂ and −∂",
                what()
            );
            assert!(
                !c.plus_delta || c.plus_partial,
                "{} is +Δ but not +∂",
                what()
            );
            let complement = match lit.strip_prefix('~') {
                Some(positive) => positive.to_string(),
                None => format!("~{lit}"),
            };
            assert!(
                !(c.plus_partial && table.get(&complement).is_some_and(|n| n.plus_partial)),
                "{} and its complement are both +∂",
                what()
            );
        }
    }
}

fn render_table(t: &Table) {
    std::hint::black_box(t.text(false));
    std::hint::black_box(t.text(true));
    std::hint::black_box(t.json());
    std::hint::black_box(t.markdown());
}

/// Target `generate`: the bytes drive a generator of well-formed programs (see [`generate_text`]),
/// and the program goes through [`pipeline`] and the `fmt` properties of [`parse`]. Random bytes
/// rarely get past the checker (in the `pipeline` corpus after 10 minutes, about 4% of the inputs
/// compile without errors), so this target is the one that exercises grounding, evaluation,
/// explanations, graphs and diffs on thousands of distinct theories.
pub fn generate(data: &[u8]) {
    let text = generate_text(data);
    if std::env::var_os("ARGCHECK_FUZZ_PRINT").is_some() {
        eprintln!("--- generated program ---\n{text}--- end ---");
    }
    parse(text.as_bytes());
    pipeline(text.as_bytes());
}

/// Reads choices off the fuzzer's bytes; zeros once they run out.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    /// A number below `n` (n ≥ 1).
    fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n
    }
    fn flip(&mut self) -> bool {
        self.byte() & 1 == 1
    }
    fn done(&self) -> bool {
        self.0.is_empty()
    }
}

const PREDS: [(&str, usize); 6] = [("p", 0), ("q", 1), ("r", 1), ("s", 2), ("t", 2), ("u", 1)];
const CONSTS: [&str; 9] = [
    "a",
    "b",
    "c",
    "0",
    "7",
    "-3",
    "2023-11-16",
    "2024-02-29",
    "\"x y\"",
];
const VARS: [&str; 3] = ["X", "Y", "Z"];
/// Equality first: [`comparison`] picks from the first two more often.
const OPS: [&str; 6] = ["=", "!=", "<", "<=", ">", ">="];
/// Defeasible rules most often; strict rules are rarer, as they make strict contradictions.
const ARROWS: [&str; 6] = ["=>", "=>", "=>", "~>", "~>", "->"];
const VERDICTS: [&str; 5] = [
    "holds",
    "holds strictly",
    "denied",
    "denied strictly",
    "undecided",
];

/// A program of facts, rules (with comparisons, `unless` and `from`), superiority statements,
/// positions (nested `extends`, `reject`), queries and expectations over a small vocabulary, so
/// that predicates have one arity, labels are unique and rules are safe: almost every generated
/// program compiles, and the interesting part of the pipeline runs on it. Some choices are left
/// free to make errors anyway (superiority cycles, unknown labels in `reject`, strict
/// contradictions, comparisons of a date with an integer).
pub fn generate_text(data: &[u8]) -> String {
    let mut c = Choices(&data[..data.len().min(4096)]);
    let mut out = String::from("source s1 \"A source\".\n");
    if c.flip() {
        out.push_str("predicate q(X) \"{X} is q\".\npredicate s(A, B) \"{A} s {B}\".\n");
    }
    let mut labels = 0usize;
    let mut positions: Vec<String> = Vec::new();
    let mut open = false;
    let mut statements = 0;
    while !c.done() && statements < 200 {
        statements += 1;
        match c.below(16) {
            // Facts.
            0..=3 => {
                let mut lit = literal(&mut c, &[]);
                // Mostly positive facts: `p.` and `~p.` together are a strict contradiction.
                if lit.starts_with('~') && c.flip() {
                    lit.remove(0);
                }
                let from = if c.below(4) == 0 { " from s1" } else { "" };
                out.push_str(&format!("{lit}{from}.\n"));
            }
            // Rules.
            4..=9 => {
                let mut body = Vec::new();
                let mut bound: Vec<&str> = Vec::new();
                for _ in 0..c.below(4) {
                    let (pred, arity) = PREDS[c.below(PREDS.len())];
                    let args: Vec<&str> = (0..arity)
                        .map(|_| {
                            if c.flip() {
                                let v = VARS[c.below(VARS.len())];
                                if !bound.contains(&v) {
                                    bound.push(v);
                                }
                                v
                            } else {
                                CONSTS[c.below(CONSTS.len())]
                            }
                        })
                        .collect();
                    body.push(atom(c.flip(), pred, &args));
                }
                if !bound.is_empty() && c.below(3) == 0 {
                    body.push(comparison(&mut c, &bound));
                }
                let head = literal(&mut c, &bound);
                let arrow = ARROWS[c.below(ARROWS.len())];
                let unless = match c.below(5) {
                    0 => format!(" unless {}", literal(&mut c, &bound)),
                    1 if !bound.is_empty() => format!(" unless {}", comparison(&mut c, &bound)),
                    _ => String::new(),
                };
                let from = if c.below(4) == 0 { " from s1" } else { "" };
                out.push_str(&format!(
                    "r{labels}: {} {arrow} {head}{unless}{from}.\n",
                    body.join(", ")
                ));
                labels += 1;
            }
            // Superiority.
            10 | 11 if labels >= 2 => {
                let a = c.below(labels);
                let b = c.below(labels);
                let (a, b) = if c.below(8) == 0 || a > b {
                    (a, b)
                } else {
                    (b, a)
                };
                if a != b {
                    out.push_str(&format!("r{a} > r{b}.\n"));
                }
            }
            // Positions.
            12 if !open && positions.len() < 4 => {
                let name = format!("pos{}", positions.len());
                let mut head = format!("position {name}");
                if c.flip() {
                    head.push_str(" \"A title\"");
                }
                let parents: Vec<&String> = positions.iter().filter(|_| c.flip()).collect();
                if !parents.is_empty() {
                    let parents: Vec<&str> = parents.iter().map(|s| s.as_str()).collect();
                    head.push_str(&format!(" extends {}", parents.join(", ")));
                }
                out.push_str(&format!("{head} {{\n"));
                positions.push(name);
                open = true;
            }
            13 if open => {
                if labels > 0 && c.flip() {
                    out.push_str(&format!("    reject r{}.\n", c.below(labels + 1)));
                } else {
                    out.push_str("}\n");
                    open = false;
                }
            }
            // Queries.
            14 if !open => {
                let (pred, arity) = PREDS[c.below(PREDS.len())];
                let args: Vec<&str> = (0..arity)
                    .map(|_| match c.below(3) {
                        0 => CONSTS[c.below(CONSTS.len())],
                        _ => VARS[c.below(VARS.len())],
                    })
                    .collect();
                let text = if c.flip() { "\"Does it?\" " } else { "" };
                out.push_str(&format!("query {text}{}.\n", atom(c.flip(), pred, &args)));
            }
            // Expectations (they may well fail: `argcheck test` reports, the pipeline goes on).
            15 if !open => {
                let pos = match c.below(positions.len() + 1) {
                    0 => "common",
                    k => positions[k - 1].as_str(),
                };
                let verdict = VERDICTS[c.below(VERDICTS.len())];
                let lit = literal(&mut c, &[]);
                out.push_str(&format!("expect {pos}: {verdict} {lit}.\n"));
            }
            _ => {}
        }
    }
    if open {
        out.push_str("}\n");
    }
    if !out.contains("query ") {
        out.push_str("query q(X).\nquery ~s(X, Y).\nquery p.\n");
    }
    out
}

fn atom(neg: bool, pred: &str, args: &[&str]) -> String {
    let neg = if neg { "~" } else { "" };
    if args.is_empty() {
        format!("{neg}{pred}")
    } else {
        format!("{neg}{pred}({})", args.join(", "))
    }
}

/// A literal whose arguments are constants or variables of `bound`.
fn literal(c: &mut Choices, bound: &[&str]) -> String {
    let (pred, arity) = PREDS[c.below(PREDS.len())];
    let args: Vec<&str> = (0..arity)
        .map(|_| {
            if !bound.is_empty() && c.flip() {
                bound[c.below(bound.len())]
            } else {
                CONSTS[c.below(CONSTS.len())]
            }
        })
        .collect();
    atom(c.flip(), pred, &args)
}

/// `=` and `!=` between any terms; the ordering operators mostly with an integer or a date (a
/// variable bound to a name still makes a `type_mismatch` now and then).
fn comparison(c: &mut Choices, bound: &[&str]) -> String {
    let left = bound[c.below(bound.len())];
    let op = if c.below(3) == 0 {
        OPS[c.below(OPS.len())]
    } else {
        OPS[c.below(2)]
    };
    let right = if c.below(4) == 0 {
        bound[c.below(bound.len())]
    } else if op == "=" || op == "!=" {
        CONSTS[c.below(CONSTS.len())]
    } else {
        ["0", "7", "-3", "2023-11-16", "2024-02-29"][c.below(5)]
    };
    format!("{left} {op} {right}")
}
