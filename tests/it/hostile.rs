//! Hostile inputs, generated here (never committed as large files): each ends in its exit code and
//! diagnostic, never in a panic, a hang or a stack overflow.

use crate::support::{argcheck, argcheck_in};

fn assert_diag(run: &crate::support::Run, code: i32, diag: &str) {
    assert_eq!(
        run.code,
        code,
        "{}",
        &run.transcript()[..run.transcript().len().min(3000)]
    );
    assert!(
        run.stderr.contains(diag),
        "{}",
        &run.stderr[..run.stderr.len().min(3000)]
    );
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.rules"), b"p(a).\nq(\xff\xfe).\n").unwrap();
    assert_diag(
        &argcheck_in(dir.path(), &["check", "bad.rules"], None),
        1,
        "argcheck::syntax",
    );
    std::fs::write(dir.path().join("nul.rules"), b"p(a).\nq(\0).\n").unwrap();
    assert_diag(
        &argcheck_in(dir.path(), &["check", "nul.rules"], None),
        1,
        "argcheck::syntax",
    );
}

#[test]
fn a_100_mb_single_line() {
    let line = "x".repeat(100 * 1024 * 1024);
    let run = argcheck(&["check", "-"], Some(&line));
    assert_diag(&run, 1, "argcheck::syntax");
}

#[test]
fn deep_nesting_of_parentheses_and_negations() {
    let parens = format!("p{}a{}.\n", "(".repeat(100_000), ")".repeat(100_000));
    assert_diag(
        &argcheck(&["check", "-"], Some(&parens)),
        1,
        "argcheck::syntax",
    );
    let negs = format!("{}p.\n", "~".repeat(100_000));
    assert_diag(
        &argcheck(&["check", "-"], Some(&negs)),
        1,
        "argcheck::syntax",
    );
}

#[test]
fn literals_with_200000_arguments() {
    // One fact and one rule whose literals take 200,000 arguments are parsed, checked, ground
    // and evaluated to the expected verdict. (The fact's span used to be searched for once per
    // argument; this input then took seconds instead of milliseconds, which no test can assert,
    // so the unit test `literal_signs_arguments_and_spans` checks the spans themselves.)
    // The second rule's `_` are 199,999 variables of their own; planning its join took 8 s when
    // each was compared with those before it.
    let args = vec!["a"; 200_000].join(", ");
    let vars = vec!["X"; 200_000].join(", ");
    let anon = vec!["_"; 199_999].join(", ");
    let text = format!(
        "p({args}).\nr: p({vars}) => q(X).\ns: p({anon}, Y) => t(Y).\n\
         expect common: holds q(a).\nexpect common: holds t(a).\n"
    );
    let run = argcheck(&["test", "-"], Some(&text));
    assert_eq!(
        run.code,
        0,
        "{}",
        &run.transcript()[..run.transcript().len().min(3000)]
    );
}

#[test]
fn unterminated_string_at_the_end_of_a_large_file() {
    let mut text: String = (0..100_000).map(|i| format!("fact{i}(a).\n")).collect();
    text.push_str("source s \"never closed");
    let run = argcheck(&["check", "-"], Some(&text));
    assert_diag(&run, 1, "unterminated string");
}

#[test]
fn a_200000_rule_chain_evaluates_and_explains() {
    let n = 200_000;
    let text = crate::bench::generate("chain", n, None).unwrap();
    let run = argcheck(&["test", "-"], Some(&text));
    assert_eq!(run.code, 0, "{}", run.transcript());
    let explain = argcheck(
        &["explain", "-", &format!("a{n}"), "--width", "200"],
        Some(&text),
    );
    assert_eq!(explain.code, 0, "{}", &explain.stderr);
    // The headline and decisive step, a blank line, then the tree: every literal and rule once.
    let tree = explain.stdout.split("\n\n").nth(1).unwrap_or_default();
    assert_eq!(tree.lines().count(), 2 * n + 2);
    let json = argcheck(
        &["explain", "-", &format!("a{n}"), "--format", "json"],
        Some(&text),
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), 2 * n + 2);
}

#[test]
fn a_superiority_chain_of_100000_rules() {
    let n = 100_000;
    let mut text = String::from("go.\n");
    for i in 0..n {
        let head = if i % 2 == 0 { "p" } else { "~p" };
        text.push_str(&format!("r{i}: go => {head}.\n"));
    }
    for i in 1..n {
        text.push_str(&format!("r{} > r{i}.\n", i - 1));
    }
    text.push_str("expect common: holds p.\n");
    let run = argcheck(&["test", "-"], Some(&text));
    assert_eq!(run.code, 0, "{}", run.transcript());
    // Closing the chain into a cycle is reported, not a stack overflow.
    text.push_str(&format!("r{} > r0.\n", n - 1));
    assert_diag(
        &argcheck(&["check", "-"], Some(&text)),
        1,
        "argcheck::superiority_cycle",
    );
}

#[test]
fn importing_a_directory_or_itself() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("dir.rules"), "import \"sub\".\np(a).\n").unwrap();
    assert_diag(
        &argcheck_in(dir.path(), &["check", "dir.rules"], None),
        1,
        "argcheck::import",
    );
    std::fs::write(
        dir.path().join("self.rules"),
        "import \"self.rules\".\np(a).\n",
    )
    .unwrap();
    assert_diag(
        &argcheck_in(dir.path(), &["check", "self.rules"], None),
        1,
        "import cycle",
    );
    std::fs::write(dir.path().join("a.rules"), "import \"b.rules\".\np(a).\n").unwrap();
    std::fs::write(dir.path().join("b.rules"), "import \"a.rules\".\nq(a).\n").unwrap();
    assert_diag(
        &argcheck_in(dir.path(), &["check", "a.rules"], None),
        1,
        "import cycle",
    );
}

#[test]
fn grounding_blow_up_stops_at_the_limit() {
    let mut text: String = (0..1000).map(|i| format!("p(c{i}).\n")).collect();
    text.push_str("blowup: p(X), p(Y), p(Z), p(W) => q(X, Y, Z, W).\n");
    let started = std::time::Instant::now();
    let run = argcheck(&["eval", "-", "--max-ground-rules", "200000"], Some(&text));
    assert_diag(&run, 3, "argcheck::limit");
    assert!(run.stderr.contains("--max-ground-rules"));
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn timeout_is_a_limit() {
    let mut text: String = (0..3000)
        .map(|i| format!("e(c{i}, c{}).\n", i + 1))
        .collect();
    text.push_str("base: e(X, Y) => path(X, Y).\nstep: path(X, Y), e(Y, Z) => path(X, Z).\n");
    let run = argcheck(&["eval", "-", "--timeout", "0.2"], Some(&text));
    assert_diag(&run, 3, "time limit");
}

#[test]
fn integer_overflow_is_a_diagnostic() {
    assert_diag(
        &argcheck(&["check", "-"], Some("p(99999999999999999999).\n")),
        1,
        "integer out of range",
    );
}

#[test]
fn a_rule_with_100000_conditions() {
    let n = 100_000;
    let vars: Vec<String> = (0..n).map(|i| format!("p(X{i})")).collect();
    let text = format!("p(a).\nbig: {} => q(X0).\n", vars.join(", "));
    assert_diag(&argcheck(&["eval", "-"], Some(&text)), 3, "argcheck::limit");
    // Without variables the rule needs no join plan and is simply evaluated.
    let atoms: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
    let facts: String = atoms.iter().map(|a| format!("{a}.\n")).collect();
    let text = format!(
        "{facts}big: {} => q.\nexpect common: holds q.\n",
        atoms.join(", ")
    );
    let run = argcheck(&["test", "-"], Some(&text));
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn endless_inputs_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("zero.rules"),
        "import \"/dev/zero\".\np(a).\n",
    )
    .unwrap();
    assert_diag(
        &argcheck_in(dir.path(), &["check", "zero.rules"], None),
        1,
        "not a regular file",
    );
    let big = "a".repeat(3_000_000);
    let run = argcheck(&["check", "--max-input-bytes", "1000000", "-"], Some(&big));
    assert_diag(&run, 3, "--max-input-bytes");
}

#[test]
fn a_large_file_of_errors_stops_after_the_first_hundred() {
    // Over 1 MB, so chunks are parsed on several threads and merging stops while workers run.
    let text: String = (0..100_000)
        .map(|i| format!("r{i}: a{i} => => a{}.\n", i + 1))
        .collect();
    let run = argcheck(&["check", "--format", "json", "-"], Some(&text));
    assert_eq!(run.code, 1, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    let stops = run.stdout.matches("too many syntax errors").count();
    assert_eq!(stops, 1, "one `too many` diagnostic");
    // Reading stops at a chunk of 256 items: the first chunk's errors, then the stop.
    let errors = run.stdout.matches("\"argcheck::syntax\"").count();
    assert!((100..=300).contains(&errors), "{errors} syntax diagnostics");
}
