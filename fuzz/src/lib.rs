//! The harnesses behind argcheck's fuzz targets (`fuzz_targets/*.rs`), using only the public
//! library API. Each takes the fuzzer's raw bytes; inputs that are too large or that could make the
//! loader read files outside the import sandbox are skipped, so that every execution is fast and
//! deterministic.
//!
//! - [`parse`]: `syntax::parse` on any text, the diagnostics rendered; `fmt::format`, and when it
//!   succeeds the property that formatting is idempotent (a failure panics: it is a bug).
//! - [`check`]: `analysis::compile` (load, parse, lower, every check), the diagnostics rendered as
//!   text and JSON.
//! - [`pipeline`]: compile → analyse (ground, evaluate) under small limits → for every query the
//!   verdict table (text, colour, JSON, markdown), the explanation of every matching literal under
//!   every position (text and JSON), `eval --explain`, the argument graph of every position (DOT and
//!   Mermaid), the expectations, and the diff between positions.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use argcheck::analysis::{self, Analysis};
use argcheck::diagnostic::{self, Diagnostics};
use argcheck::hir::PosId;
use argcheck::intern::Interner;
use argcheck::limits::Limits;
use argcheck::load::Input;
use argcheck::source::{FileId, SourceMap};

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

/// Whether the text could import a file outside the sandbox: an absolute path or a `..`
/// component in any string. (Conservative: it looks at the raw text, not only at imports.)
pub fn escapes_sandbox(text: &str) -> bool {
    text.contains("\"/") || text.contains("\"..") || text.contains("/..")
}

/// A directory of a few small files that fuzzed `import`s can reach: a plain file, a file that
/// imports it, an import cycle, a file with a syntax error, a file with a checking error. The
/// fuzzed text is named as if it lived there, so its relative imports resolve inside it.
pub fn sandbox() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join("argcheck-fuzz-sandbox");
        std::fs::create_dir_all(dir.join("sub")).expect("create the import sandbox");
        let files: &[(&str, &str)] = &[
            (
                "a.rules",
                "source s \"A source\".\np(a) from s.\nr1: p(X) => q(X).\n",
            ),
            ("b.rules", "import \"a.rules\".\nr2: q(X) => ~s(X).\nquery s(X).\n"),
            ("c1.rules", "import \"c2.rules\".\nc(1).\n"),
            ("c2.rules", "import \"c1.rules\".\nc(2).\n"),
            ("bad.rules", "p(.\n"),
            ("arity.rules", "p(a, b).\n"),
            (
                "sub/d.rules",
                "import \"../a.rules\".\nposition x { r1 > r3. }\nr3: p(X) => ~q(X).\n",
            ),
        ];
        for (name, text) in files {
            let path = dir.join(name);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(*text) {
                std::fs::write(&path, text).expect("write the import sandbox");
            }
        }
        dir
    })
}

/// The fuzzed text as a loader input living in the sandbox.
fn input(text: &str) -> Input {
    Input::Text {
        name: sandbox().join("fuzz.rules").display().to_string(),
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
        ..Limits::default()
    }
    .with_timeout(Some(Duration::from_secs(2)))
}

fn render_all(diags: &Diagnostics, sources: &SourceMap) {
    let text = diagnostic::render(diags, sources, false);
    std::hint::black_box(text);
    let coloured = diagnostic::render(diags, sources, true);
    std::hint::black_box(coloured);
    let json = diagnostic::to_json_value(diags, sources);
    let json = serde_json::to_string(&json).expect("diagnostics serialise");
    std::hint::black_box(json);
}

/// Target `parse`.
pub fn parse(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let mut sources = SourceMap::new();
    let file = sources.add("f.rules", text.as_str());
    assert_eq!(file, FileId(0));
    let mut names = Interner::new();
    let mut diags = Diagnostics::new();
    let ast = argcheck::syntax::parse(file, &text, &mut names, &mut diags);
    std::hint::black_box(&ast);
    render_all(&diags.sorted(), &sources);

    match argcheck::fmt::format("f.rules", &text) {
        Ok(once) => match argcheck::fmt::format("f.rules", &once) {
            Ok(twice) => assert!(
                once == twice,
                "fmt is not idempotent\n--- input ---\n{text}\n--- once ---\n{once}\n--- twice ---\n{twice}"
            ),
            Err((sources, diags)) => panic!(
                "fmt output does not parse\n--- input ---\n{text}\n--- once ---\n{once}\n--- errors ---\n{}",
                diagnostic::render(&diags, &sources, false)
            ),
        },
        Err((sources, diags)) => {
            assert!(diags.has_errors(), "fmt refused a file without errors");
            std::hint::black_box(diagnostic::render(&diags, &sources, false));
        }
    }
}

/// Target `check`.
pub fn check(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if escapes_sandbox(&text) {
        return;
    }
    let compiled = analysis::compile(&[input(&text)], &small_limits());
    render_all(&compiled.diags, &compiled.sources);
}

/// Target `pipeline`.
pub fn pipeline(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if escapes_sandbox(&text) {
        return;
    }
    let limits = small_limits();
    let compiled = analysis::compile(&[input(&text)], &limits);
    render_all(&compiled.diags, &compiled.sources);
    if compiled.diags.has_errors() {
        return;
    }
    let sources = compiled.sources;
    let a = match analysis::analyse(compiled.program, &limits) {
        Ok(a) => a,
        Err(diags) => {
            assert!(diags.has_errors(), "analyse failed without an error");
            render_all(&diags, &sources);
            return;
        }
    };
    outputs(&a, &sources, &limits);
}

fn outputs(a: &Analysis, sources: &SourceMap, limits: &Limits) {
    let positions: Vec<PosId> = (0..a.program.positions.len() as u32).map(PosId).collect();
    assert!(!positions.is_empty(), "`common` is always a position");
    let queries: Vec<usize> = (0..a.program.queries.len()).collect();

    // The verdict table of every query, and of each one alone.
    let table = argcheck::table::build(a, &queries, &positions);
    for q in &queries {
        render_table(&argcheck::table::build(a, &[*q], &positions));
    }
    render_table(&table);
    std::hint::black_box(argcheck::explain::explain_table(a, sources, &table, limits));

    // The explanation of every matching literal of every query under every position.
    let mut budget = MAX_EXPLANATIONS;
    'queries: for q in &a.program.queries {
        for (_, lit) in a.matches(&q.lit) {
            for &pos in &positions {
                if budget == 0 {
                    break 'queries;
                }
                budget -= 1;
                for depth in [None, Some(1)] {
                    let opts = argcheck::explain::Options {
                        depth,
                        max_steps: limits.max_explain_steps,
                    };
                    match argcheck::explain::explain(a, sources, pos, lit, q.lit.clone(), &opts) {
                        Ok(tree) => {
                            std::hint::black_box(tree.text());
                            std::hint::black_box(tree.verdict());
                            let json = serde_json::to_string(&tree).expect("a tree serialises");
                            std::hint::black_box(json);
                        }
                        Err(d) => render_all(&d.into(), sources),
                    }
                }
            }
        }
    }

    // The argument graph of every position, whole and rooted at the queries' literals.
    let roots: Vec<_> = a
        .program
        .queries
        .iter()
        .flat_map(|q| a.matches(&q.lit))
        .filter_map(|(_, l)| l)
        .collect();
    for &pos in &positions {
        let g = argcheck::graph::build(a, pos, None);
        std::hint::black_box((g.dot(), g.mermaid()));
        let g = argcheck::graph::build(a, pos, Some(&roots));
        std::hint::black_box((g.dot(), g.mermaid()));
    }

    // The expectations.
    let mut report = argcheck::expect::Report::default();
    report.run(a, sources, limits);
    std::hint::black_box(report.text());

    // The differences between the first positions, both ways.
    if positions.len() >= 2 {
        for (pa, pb) in [(positions[0], positions[1]), (positions[1], positions[0])] {
            let d = argcheck::diff::diff(a, sources, pa, pb);
            std::hint::black_box(d.text());
            let json = serde_json::to_string(&d).expect("a diff serialises");
            std::hint::black_box(json);
        }
    }
    if positions.len() >= 3 {
        let d = argcheck::diff::diff(a, sources, positions[1], positions[2]);
        std::hint::black_box(d.text());
    }
}

fn render_table(t: &argcheck::table::Table) {
    std::hint::black_box(t.text(false));
    std::hint::black_box(t.text(true));
    std::hint::black_box(t.json());
    std::hint::black_box(t.markdown());
}
