//! The language reference (`docs/language.md`) against the code, so that it cannot drift:
//!
//! - every code of [`Code::ALL`] has a ``### `argcheck::NAME` `` heading and a row of the diagnostics
//!   table that gives its severity and exit status as the code does;
//! - every fenced ` ```rules ` block is checked (and evaluated) as one file. A block whose first
//!   lines are `# expect: argcheck::CODE[, argcheck::CODE...]` (and optionally
//!   `# flags: --max-ground-rules N`) must report exactly those codes; any other block must
//!   report nothing at all, and its `expect` lines must pass;
//! - a ` ```console ` block after a ` ```rules ` block (with only other such blocks between) that
//!   starts with
//!   `$ argcheck eval example.rules`, `$ argcheck check example.rules` or
//!   `$ argcheck explain example.rules 'LIT' [--position P]` shows exactly what that command
//!   prints for it (the verdict table; the diagnostics, rendered without colour; the tree).
//!
//! Fragments that are not whole files are fenced ` ```text ` and not checked.

use std::collections::BTreeSet;

use argcheck::{Code, Evaluation, ExplainOptions, Input, Limits, MemoryFiles, Report, Severity};

const DOC: &str = include_str!("../../docs/language.md");

/// A fenced block of the reference.
struct Block {
    /// The info string after the opening fence (`rules`, `console`, `text`, ...).
    lang: String,
    /// The line of the opening fence, 1-based, for messages.
    line: usize,
    text: String,
}

fn blocks() -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in DOC.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block {
                    lang: lang.trim().to_string(),
                    line: i + 1,
                    text: String::new(),
                })
            }
            (Some(_), Some("")) => out.push(open.take().expect("a block is open")),
            (Some(b), _) => {
                b.text.push_str(line);
                b.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(
        open.is_none(),
        "docs/language.md has an unclosed code block"
    );
    out
}

/// What checking and evaluating one example reports: the codes, the rendered diagnostics, and
/// the evaluation when there was no error.
struct Outcome {
    codes: BTreeSet<String>,
    rendered: String,
    evaluation: Option<Evaluation>,
}

fn run(text: &str, limits: &Limits) -> Outcome {
    let files = MemoryFiles::new().with("example.rules", text);
    let checked = argcheck::check(&[Input::Path("example.rules".into())], &files, limits);
    let (diagnostics, rendered, evaluation) = match checked.evaluate(limits) {
        Ok(e) => (
            e.warnings().clone(),
            e.warnings().render(e.sources(), false),
            Some(e),
        ),
        Err(failed) => (
            failed.diagnostics().clone(),
            failed.diagnostics().render(failed.sources(), false),
            None,
        ),
    };
    Outcome {
        codes: diagnostics.iter().map(|d| d.code.full_name()).collect(),
        rendered,
        evaluation,
    }
}

/// The codes a block's `# expect:` line names, and the limits its `# flags:` line sets.
fn markers(text: &str) -> (BTreeSet<String>, Limits) {
    let mut expected = BTreeSet::new();
    let mut limits = Limits::default();
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(codes) = line.strip_prefix("# expect:") {
            expected.extend(codes.split(',').map(|c| c.trim().to_string()));
        } else if let Some(flags) = line.strip_prefix("# flags:") {
            let words: Vec<&str> = flags.split_whitespace().collect();
            match words.as_slice() {
                ["--max-ground-rules", n] => limits.max_ground_rules = n.parse().unwrap(),
                ["--max-literals", n] => limits.max_literals = n.parse().unwrap(),
                _ => panic!("unknown `# flags:` line `{line}`"),
            }
        }
    }
    (expected, limits)
}

fn trim_lines(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_string()
}

#[test]
fn every_code_has_a_heading_and_a_table_row() {
    for code in Code::ALL {
        let name = code.full_name();
        assert!(
            DOC.lines().any(|l| l == format!("### `{name}`")),
            "docs/language.md has no heading \"### `{name}`\""
        );
        let row = DOC
            .lines()
            .find(|l| l.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| {
                panic!("the diagnostics table of docs/language.md has no row for `{name}`")
            });
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let severity = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        assert_eq!(cells[2], severity, "severity of `{name}` in the table");
        assert_eq!(
            cells[3],
            code.exit_status().to_string(),
            "exit status of `{name}` in the table"
        );
    }
}

#[test]
fn every_example_checks_as_the_reference_says() {
    let blocks = blocks();
    let mut examples = 0;
    let mut triggered: BTreeSet<String> = BTreeSet::new();
    let mut transcripts = 0;
    let mut previous: Option<(usize, Outcome)> = None;
    for b in &blocks {
        match b.lang.as_str() {
            "rules" => {
                examples += 1;
                let (expected, limits) = markers(&b.text);
                let outcome = run(&b.text, &limits);
                assert_eq!(
                    outcome.codes, expected,
                    "the example at docs/language.md:{} reports other codes than its `# expect:` line says:\n{}",
                    b.line, outcome.rendered
                );
                if let Some(e) = &outcome.evaluation {
                    let mut report = Report::default();
                    report.run(e, &limits);
                    assert_eq!(
                        report.failed,
                        0,
                        "an expectation of the example at docs/language.md:{} fails:\n{}",
                        b.line,
                        report.text()
                    );
                }
                triggered.extend(expected);
                previous = Some((b.line, outcome));
            }
            "console" => {
                let (command, shown) = b.text.split_once('\n').unwrap_or((&b.text, ""));
                let actual = match (command, &previous) {
                    ("$ argcheck eval example.rules", Some((_, o))) => {
                        let e = o.evaluation.as_ref().unwrap_or_else(|| {
                            panic!("docs/language.md:{}: the example has errors", b.line)
                        });
                        let positions: Vec<_> = e.positions().collect();
                        e.table(&e.queries(), &positions).text(false)
                    }
                    ("$ argcheck check example.rules", Some((_, o))) => o.rendered.clone(),
                    (c, Some((_, o))) if c.starts_with("$ argcheck explain example.rules '") => {
                        let e = o.evaluation.as_ref().unwrap_or_else(|| {
                            panic!("docs/language.md:{}: the example has errors", b.line)
                        });
                        explain(e, c)
                    }
                    // Another command (a missing file, a flag): shown, not checked.
                    _ => continue,
                };
                transcripts += 1;
                assert_eq!(
                    trim_lines(shown),
                    trim_lines(&actual),
                    "docs/language.md:{}: `{command}` prints something else for the example at line {}",
                    b.line,
                    previous.as_ref().map_or(0, |p| p.0)
                );
            }
            _ => previous = None,
        }
    }
    // Every code but `io` (a file named on the command line: `io_is_a_missing_file` below) has a
    // checked example.
    for code in Code::ALL.into_iter().filter(|&c| c != Code::Io) {
        assert!(
            triggered.contains(&code.full_name()),
            "no example in docs/language.md is marked `# expect: {}`",
            code.full_name()
        );
    }
    assert!(examples >= 40, "only {examples} examples were found");
    assert!(
        transcripts >= 5,
        "only {transcripts} transcripts were found"
    );
}

/// What `argcheck explain example.rules 'LIT' [--position P]` prints for an evaluated example.
fn explain(e: &Evaluation, command: &str) -> String {
    let rest = &command["$ argcheck explain example.rules '".len()..];
    let (literal, options) = rest.split_once('\'').expect("the literal is quoted");
    let position = match options.trim().strip_prefix("--position ") {
        Some(name) => e.position(name.trim()).expect("the position exists"),
        None => e.position("common").expect("common ground is a position"),
    };
    let m = e
        .literals()
        .into_iter()
        .find(|m| m.literal == literal)
        .unwrap_or_else(|| panic!("`{literal}` occurs nowhere in the example"));
    let opts = ExplainOptions {
        depth: None,
        max_steps: Limits::default().max_explain_steps,
    };
    e.explain(position, &m, &opts)
        .expect("the explanation is within the limits")
        .text(&argcheck::TextOptions::default())
}

/// `argcheck::io`, documented with a shell transcript: a command-line file that cannot be read.
#[test]
fn io_is_a_missing_file() {
    let limits = Limits::default();
    let checked = argcheck::check(
        &[Input::Path("missing.rules".into())],
        &MemoryFiles::new(),
        &limits,
    );
    let codes: Vec<Code> = checked.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::Io]);
    assert_eq!(checked.diagnostics().exit_status(), 2);
}
