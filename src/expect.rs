//! `argcheck test`: check every `expect` line (`docs/language.md`, "Queries and expectations")
//! against the evaluated theory.

use crate::analysis::Evaluation;
use crate::hir::HExpect;
use crate::limits::Limits;
use crate::logic::Status;
use crate::logic::Verdict;

/// Whether an expectation is met by the verdict found.
pub(crate) fn met(e: &HExpect, actual: Status) -> bool {
    actual.verdict == e.verdict
        && (!e.strictly || actual.strictly)
        && (e.verdict != Verdict::Undecided || !e.strictly)
}

/// The results of `expect` lines, over one or more files (`argcheck test`).
#[derive(Debug, Default)]
pub struct Report {
    /// Expectations met.
    pub passed: usize,
    /// Expectations not met, and files that could not be evaluated.
    pub failed: usize,
    out: String,
}

impl Report {
    /// A file that did not compile or evaluate: one failure, its diagnostics already printed.
    pub fn broken_file(&mut self, name: &str) {
        self.failed += 1;
        self.out.push_str(&format!(
            "FAIL {name}: the file has errors; its expectations were not run\n"
        ));
    }

    /// Check every expectation of an evaluated run.
    pub fn run(&mut self, a: &Evaluation, limits: &Limits) {
        let sources = &a.sources;
        let p = &a.program;
        for e in &p.expects {
            let lit = a.lit(&e.lit);
            let actual = a.status_of(e.position, lit);
            if met(e, actual) {
                self.passed += 1;
                continue;
            }
            self.failed += 1;
            let (line, _) = sources.line_col(e.span.file, e.span.start);
            let expected = if e.strictly {
                format!("{} strictly", e.verdict.as_str())
            } else {
                e.verdict.as_str().to_string()
            };
            self.out.push_str(&format!(
                "FAIL {}:{}: {}\n  expected: {}\n  actual:   {}\n",
                sources.file(e.span.file).name,
                line,
                crate::render::collapse(sources.slice(e.span)),
                expected,
                actual.text()
            ));
            // What decides the actual verdict, in words: what a student needs to fix the file.
            let m = crate::analysis::Match {
                literal: a.program.lit_text(&e.lit, &[]),
                lit,
            };
            let opts = crate::explain::ExplainOptions {
                depth: Some(0),
                max_steps: limits.max_explain_steps.min(2000),
            };
            if let Ok(x) = crate::explain::explain(a, e.position, &m, &opts) {
                let text = x.brief(&crate::prose::TextOptions {
                    width: 96,
                    ..Default::default()
                });
                for l in text.lines() {
                    self.out.push_str("    ");
                    self.out.push_str(l);
                    self.out.push('\n');
                }
            }
        }
    }

    /// Failures, then the summary line `N passed, N failed`.
    pub fn text(&self) -> String {
        format!(
            "{}{} passed, {} failed\n",
            self.out, self.passed, self.failed
        )
    }
}
