//! Regressions found by the fuzzing work (TESTING.md, `fuzz/`).
//!
//! - Every input under `tests/cases/fuzz/` (a minimised fuzzer crash: `.rules`, or `.bin` when it is
//!   not UTF-8) goes through `check`, `eval --explain`, `graph` and `fmt --check` and must end in an
//!   exit code, never in a panic (exit 101) or a signal.
//! - Imports that name an endless or blocking file (`/dev/zero`) must stop at the input limit: the
//!   fuzz harness has to keep such imports out of its sandbox, because the loader reads the whole
//!   file before it checks the size.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{Run, argcheck, root};

/// The fuzz cases, relative to the repository root, sorted.
fn fuzz_cases() -> Vec<String> {
    let dir = root().join("tests/cases/fuzz");
    let mut out: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "rules" || x == "bin"))
            .map(|p| {
                p.strip_prefix(root())
                    .expect("below the root")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

fn no_panic(run: &Run, what: &str) {
    assert!(
        run.code != 101 && run.code != -1 && !run.stderr.contains("panicked"),
        "{what} panicked or was killed:\n{}",
        &run.transcript()[..run.transcript().len().min(4000)]
    );
}

#[test]
fn fuzz_cases_end_without_a_panic() {
    for f in fuzz_cases() {
        let bytes = std::fs::read(root().join(&f)).expect("the case is readable");
        // Standard input when the case is text (as `argcheck check -` reads it), the path otherwise.
        let (arg, stdin) = match String::from_utf8(bytes) {
            Ok(text) => ("-".to_string(), Some(text)),
            Err(_) => (f.clone(), None),
        };
        let stdin = stdin.as_deref();
        for args in [
            &["check", &arg][..],
            &["check", "--format", "json", &arg],
            &["eval", &arg, "--explain", "--timeout", "10"],
            &["eval", &arg, "--format", "json", "--timeout", "10"],
            &["graph", &arg, "--format", "mermaid", "--timeout", "10"],
        ] {
            let run = argcheck(args, stdin);
            no_panic(&run, &format!("argcheck {} < {f}", args.join(" ")));
        }
        no_panic(
            &argcheck(&["fmt", "--check", &f], None),
            &format!("fmt --check {f}"),
        );
    }
}

/// `import "/dev/zero".` must end in `argcheck::limit` (or a refusal to read a file that is not a
/// regular file), not read until memory runs out. The child runs under `ulimit -v` so that a
/// regression fails this test instead of exhausting the machine's memory.
#[cfg(target_os = "linux")]
#[test]
fn importing_an_endless_file_stops_at_the_input_limit() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 4000000 && exec "$0" check --max-input-bytes 100000 -"#)
        .arg(env!("CARGO_BIN_EXE_argcheck"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(b"import \"/dev/zero\".\n")
        .expect("write stdin");
    let out = child.wait_with_output().expect("argcheck finishes");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    no_panic(&run, "import \"/dev/zero\"");
    assert!(
        !run.stderr.contains("out of memory"),
        "the import was read until memory ran out:\n{}",
        run.transcript()
    );
    assert!(
        (run.code == 3 && run.stderr.contains("argcheck::limit"))
            || (run.code == 1 && run.stderr.contains("argcheck::import")),
        "{}",
        run.transcript()
    );
}
