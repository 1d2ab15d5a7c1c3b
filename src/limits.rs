//! Resource limits. Defaults are far above what a hand-written or generated theory of realistic size
//! needs; each is raised with the command-line flag named in its `argcheck::limit` diagnostic.

use std::time::{Duration, Instant};

use crate::diagnostic::{Code, Diagnostic};

#[derive(Debug, Clone)]
pub struct Limits {
    /// Total bytes of all files read in one run (`--max-input-bytes`).
    pub max_input_bytes: u64,
    /// Ground rule instances (`--max-ground-rules`).
    pub max_ground_rules: usize,
    /// Distinct ground literals derived or mentioned (`--max-literals`).
    pub max_literals: usize,
    /// Steps printed in one explanation (`--max-explain-steps`).
    pub max_explain_steps: usize,
    /// Wall-clock deadline for grounding and evaluation (`--timeout`, seconds).
    pub deadline: Option<Instant>,
    pub timeout: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 512 * 1024 * 1024,
            max_ground_rules: 5_000_000,
            max_literals: 10_000_000,
            max_explain_steps: 1_000_000,
            deadline: None,
            timeout: None,
        }
    }
}

impl Limits {
    pub fn with_timeout(mut self, t: Option<Duration>) -> Limits {
        self.timeout = t;
        self.deadline = t.map(|t| Instant::now() + t);
        self
    }

    pub fn timed_out(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    pub fn timeout_diagnostic(&self) -> Diagnostic {
        let secs = self.timeout.map_or(0.0, |t| t.as_secs_f64());
        Diagnostic::new(
            Code::Limit,
            format!("time limit reached: evaluation ran for {secs} s (`--timeout`)"),
        )
        .with_help("Raise the limit with `--timeout SECONDS`, or narrow the run with `--position` and `--query`.")
    }
}
