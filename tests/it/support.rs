//! A small builder for running the `argcheck` binary in tests.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout, then stderr, then the exit code: what a snapshot shows.
    pub fn transcript(&self) -> String {
        let mut s = String::new();
        if !self.stdout.is_empty() {
            s.push_str(&self.stdout);
        }
        if !self.stderr.is_empty() {
            if !s.is_empty() && !s.ends_with('\n') {
                s.push('\n');
            }
            s.push_str("--- stderr ---\n");
            s.push_str(&self.stderr);
        }
        if !s.ends_with('\n') {
            s.push('\n');
        }
        s.push_str(&format!("--- exit {} ---\n", self.code));
        s
    }
}

/// The four proof tags of every literal of `text` under every position, by position name and
/// literal text; errors come back rendered, codes included.
pub fn conclusion_table(
    text: &str,
) -> Result<BTreeMap<String, BTreeMap<String, argcheck::Conclusions>>, String> {
    conclusion_table_with(text, argcheck::WhatIf::default())
}

/// [`conclusion_table`] under what-if changes.
pub fn conclusion_table_with(
    text: &str,
    whatif: argcheck::WhatIf,
) -> Result<BTreeMap<String, BTreeMap<String, argcheck::Conclusions>>, String> {
    let limits = argcheck::Limits::default();
    let mut inputs = vec![argcheck::Input::Text {
        name: "input.rules".into(),
        text: text.into(),
    }];
    if !whatif.is_empty() {
        inputs.push(argcheck::Input::WhatIf(whatif));
    }
    match argcheck::check(&inputs, &argcheck::MemoryFiles::new(), &limits).evaluate(&limits) {
        Ok(e) => Ok(e.conclusions()),
        Err(failed) => Err(failed.diagnostics().render(failed.sources(), false)),
    }
}

/// The repository root (tests run with it as the working directory).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `argcheck ARGS` in the repository root, with no colour, optionally feeding stdin.
pub fn argcheck(args: &[&str], stdin: Option<&str>) -> Run {
    argcheck_in(&root(), args, stdin)
}

pub fn argcheck_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_argcheck"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the argcheck binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let input = input.to_string();
        // Write from a thread so that a large input cannot deadlock against a full stdout pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(input.as_bytes());
        });
    }
    let out = child.wait_with_output().expect("argcheck finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every `.rules` file below `dir` (relative to the root), sorted.
pub fn rules_files(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rules") {
                out.push(
                    p.strip_prefix(root())
                        .expect("below the root")
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

/// Run `argcheck ARGS` (output discarded) and return its peak resident memory in KiB, from the
/// kernel's accounting of that one child (`wait4`), so that other tests running at the same time
/// do not count.
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes)] // reaped by `wait4`, which `Child` does not know of
pub fn peak_rss_kib(args: &[&str]) -> i64 {
    let child = Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the argcheck binary runs");
    let mut status = 0;
    // SAFETY: `rusage` is plain old data that wait4 fills in; `status` is a valid int; the pid is
    // our own child, which has not been waited for yet (the `Child` is never waited on again).
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let pid = libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
        usage
    };
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "argcheck {args:?} failed"
    );
    usage.ru_maxrss
}
