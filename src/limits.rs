//! Resource limits. Defaults are far above what a hand-written or generated theory of realistic size
//! needs; each is raised with the command-line flag named in its `argcheck::limit` diagnostic.

use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic};

/// The limits of one run; every one reached is an `argcheck::limit` diagnostic, never a crash.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Total bytes of all files read in one run (`--max-input-bytes`).
    pub max_input_bytes: u64,
    /// Ground rule instances (`--max-ground-rules`).
    pub max_ground_rules: usize,
    /// Distinct ground literals derived or mentioned (`--max-literals`).
    pub max_literals: usize,
    /// Steps in one explanation (`--max-explain-steps`).
    pub max_explain_steps: usize,
    /// Asked now and then during grounding and evaluation whether to give up: a time limit
    /// (`--timeout`), or an editor that no longer needs the result.
    pub stop: Option<Stop>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 512 * 1024 * 1024,
            max_ground_rules: 5_000_000,
            max_literals: 10_000_000,
            max_explain_steps: 1_000_000,
            stop: None,
        }
    }
}

impl Limits {
    /// The diagnostic to stop with, if [`Limits::stop`] says so now.
    pub(crate) fn stopped(&self) -> Option<Diagnostic> {
        let stop = self.stop.as_ref()?;
        (stop.check)().then(|| {
            Diagnostic::new(Code::Limit, stop.message.clone()).with_help(stop.help.clone())
        })
    }
}

/// A condition that stops grounding and evaluation, with what to tell the user.
#[derive(Clone)]
pub struct Stop {
    check: Arc<dyn Fn() -> bool + Send + Sync>,
    message: String,
    help: String,
}

impl Stop {
    /// Stop once `check` returns true, reporting `message` and `help`.
    pub fn when(
        check: impl Fn() -> bool + Send + Sync + 'static,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Stop {
        Stop {
            check: Arc::new(check),
            message: message.into(),
            help: help.into(),
        }
    }

    /// Stop once `timeout` has passed from now (`--timeout`). Not on WebAssembly, which has no
    /// clock here: a page stops a runaway evaluation by ending its worker.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn after(timeout: std::time::Duration) -> Stop {
        let deadline = std::time::Instant::now() + timeout;
        Stop::when(
            move || std::time::Instant::now() >= deadline,
            format!(
                "time limit reached: evaluation ran for {} s (`--timeout`)",
                timeout.as_secs_f64()
            ),
            "Raise the limit with `--timeout SECONDS`, or narrow the run with `--position` and `--query`.",
        )
    }
}

impl std::fmt::Debug for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stop")
            .field("message", &self.message)
            .finish_non_exhaustive()
    }
}
