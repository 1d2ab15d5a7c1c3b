//! The command line end to end: exit codes (`docs/language.md`, "Commands and exit statuses"),
//! formats, stdin, `fmt` safety.

use crate::support::{argcheck, argcheck_in};

const EXAMPLE: &str = "tests/cases/eval/spec_example.rules";

#[test]
fn eval_prints_the_table_and_filters_positions() {
    let run = argcheck(
        &[
            "eval",
            EXAMPLE,
            "--position",
            "ngos",
            "--position",
            "prosecutor",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn eval_with_command_line_query_lists_every_binding() {
    let run = argcheck(
        &[
            "eval",
            "tests/cases/eval/tweety.rules",
            "--query",
            "flies(X)",
            "--query",
            "~flies(opus)",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn eval_json_carries_the_same_data() {
    let run = argcheck(&["eval", EXAMPLE, "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["positions"][0]["name"], "common");
    let row = &v["queries"][0]["results"][0];
    assert_eq!(row["literal"], "challenge_holds(w1)");
    let verdicts: Vec<&str> = row["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["undecided", "holds", "denied"]);
}

/// A position named on the command line that the files do not declare is a usage error (exit 2),
/// reported as a diagnostic with a suggestion.
#[test]
fn unknown_position_is_a_usage_error() {
    let run = argcheck(&["eval", EXAMPLE, "--position", "ngo"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("argcheck::unknown_position"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Did you mean `ngos`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn unreadable_files_and_usage_errors_exit_2() {
    assert_eq!(argcheck(&["eval", "no/such/file.rules"], None).code, 2);
    assert_eq!(argcheck(&["eval"], None).code, 2);
    assert_eq!(argcheck(&["frobnicate"], None).code, 2);
    assert_eq!(argcheck(&["test", "no/such/dir"], None).code, 2);
}

#[test]
fn stdin_is_read_for_dash() {
    let text = std::fs::read_to_string(crate::support::root().join(EXAMPLE)).unwrap();
    let run = argcheck(&["eval", "-"], Some(&text));
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("challenge_holds(w1)"));
    let check = argcheck(&["check", "-"], Some("p(a)\n"));
    assert_eq!(check.code, 1);
    assert!(check.stderr.contains("<stdin>"), "{}", check.stderr);
    // `fmt --check -` says what it found, as it does for a file.
    let messy = argcheck(&["fmt", "--check", "-"], Some("p .\n"));
    assert_eq!(messy.code, 1);
    assert_eq!(messy.stdout, "<stdin>: not formatted\n");
    let tidy = argcheck(&["fmt", "--check", "-"], Some("p.\n"));
    assert_eq!((tidy.code, tidy.stdout.as_str()), (0, ""));
}

#[test]
fn failing_expectations_are_reported_with_both_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wrong.rules"),
        "bird(tweety).\nr: bird(X) => flies(X).\nexpect common: denied flies(tweety).\nexpect common: holds flies(tweety).\n",
    )
    .unwrap();
    let run = argcheck_in(dir.path(), &["test", "."], None);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("expected: denied"), "{}", run.stdout);
    assert!(run.stdout.contains("actual:   holds"), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("1 passed, 1 failed\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn explain_text_and_json() {
    let run = argcheck(
        &[
            "explain",
            EXAMPLE,
            "challenge_holds(w1)",
            "--position",
            "ngos",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.stdout);
    let json = argcheck(
        &[
            "explain",
            EXAMPLE,
            "challenge_holds(w1)",
            "--position",
            "prosecutor",
            "--format",
            "json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    insta::assert_json_snapshot!(v);
    let folded = argcheck(
        &[
            "explain",
            EXAMPLE,
            "challenge_holds(w1)",
            "-p",
            "prosecutor",
            "--depth",
            "1",
        ],
        None,
    );
    assert!(folded.stdout.contains("folded"), "{}", folded.stdout);
}

#[test]
fn graph_dot_and_mermaid() {
    let dot = argcheck(&["graph", "tests/cases/eval/tweety.rules"], None);
    assert_eq!(dot.code, 0);
    assert!(dot.stdout.starts_with("digraph argcheck {"));
    insta::assert_snapshot!(dot.stdout);
    let mermaid = argcheck(
        &[
            "graph",
            EXAMPLE,
            "--position",
            "ngos",
            "--format",
            "mermaid",
            "--query",
            "challenge_holds(w1)",
        ],
        None,
    );
    assert_eq!(mermaid.code, 0);
    insta::assert_snapshot!(mermaid.stdout);
}

#[test]
fn diff_names_the_crux() {
    let run = argcheck(&["diff", EXAMPLE, "prosecutor", "ngos"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("crux: superiority `personal_immunity > crimes_exception`")
    );
    insta::assert_snapshot!(run.stdout);
    let pos = argcheck(
        &[
            "diff",
            "tests/cases/eval/positions.rules",
            "defence",
            "appeal",
        ],
        None,
    );
    assert!(
        pos.stdout.contains("`appeal` rejects rule `r_excuse`"),
        "{}",
        pos.stdout
    );
}

#[test]
fn resource_limit_exits_3() {
    let run = argcheck(
        &["eval", "-", "--max-ground-rules", "1000"],
        Some(
            &((0..100).map(|i| format!("p(c{i}).\n")).collect::<String>()
                + "blowup: p(X), p(Y), p(Z) => q(X, Y, Z).\n"),
        ),
    );
    assert_eq!(run.code, 3, "{}", run.transcript());
    assert!(run.stderr.contains("argcheck::limit"));
    assert!(run.stderr.contains("--max-ground-rules"));
}

#[test]
fn fmt_rewrites_in_place_and_check_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.rules");
    let messy = "# header comment\np( a ) from s .   # trailing\nsource s \"S\".\n\n\n\nr :p(X)=>q(X). \nposition  x{\n# inside\nreject r .}\n";
    std::fs::write(&path, messy).unwrap();
    let check = argcheck_in(dir.path(), &["fmt", "--check", "a.rules"], None);
    assert_eq!(check.code, 1);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check changes nothing"
    );
    let run = argcheck_in(dir.path(), &["fmt", "a.rules"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let formatted = std::fs::read_to_string(&path).unwrap();
    insta::assert_snapshot!(formatted);
    assert_eq!(
        argcheck_in(dir.path(), &["fmt", "--check", "a.rules"], None).code,
        0
    );
    let stdout = argcheck(&["fmt", "-"], Some(messy));
    assert_eq!(stdout.stdout, formatted);
}

#[test]
fn fmt_keeps_every_comment_of_a_file_parsed_in_chunks() {
    // The parser takes a large file in chunks of 256 items: comments before, between and after
    // items, and after the last item, must all come back in order. 80 chunks exactly, so that the
    // last comments come after the last chunk.
    let mut text = String::from("# first\n");
    for i in 0..80 * 256 {
        text.push_str(&format!("fact{i}(a). # after {i}\n"));
        if i % 1_000 == 0 {
            text.push_str(&format!("# between {i}\n"));
        }
    }
    text.push_str("# last\n# very last\n");
    assert!(text.len() > 64 * 1024);
    let run = argcheck(&["fmt", "-"], Some(&text));
    assert_eq!(run.code, 0, "{}", &run.stderr);
    let comments = |t: &str| -> Vec<String> {
        t.lines()
            .filter_map(|l| l.find('#').map(|i| l[i..].to_string()))
            .collect()
    };
    assert_eq!(comments(&run.stdout), comments(&text));
}

#[test]
fn fmt_leaves_broken_and_read_only_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.rules");
    std::fs::write(&broken, "p(a)\nq(b).\n").unwrap();
    let run = argcheck_in(dir.path(), &["fmt", "broken.rules"], None);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("left unchanged"));
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), "p(a)\nq(b).\n");

    let ro = dir.path().join("ro.rules");
    std::fs::write(&ro, "p( a ).\n").unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    let run = argcheck_in(dir.path(), &["fmt", "ro.rules"], None);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "p( a ).\n");
}

#[test]
fn no_colour_when_not_a_terminal() {
    let run = argcheck(&["eval", EXAMPLE], None);
    assert!(!run.stdout.contains('\x1b'));
    let run = argcheck(&["check", "tests/cases/check/err_arity.rules"], None);
    assert!(!run.stderr.contains('\x1b'));
}

#[test]
fn output_is_deterministic() {
    let a = argcheck(
        &["eval", "tests/cases/eval/tweety.rules", "--explain"],
        None,
    );
    for _ in 0..3 {
        let b = argcheck(
            &["eval", "tests/cases/eval/tweety.rules", "--explain"],
            None,
        );
        assert_eq!(a.stdout, b.stdout);
    }
}

#[test]
fn fmt_write_failure_leaves_the_original_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.rules");
    std::fs::write(&path, "p( a ).   # keep me\n").unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_argcheck"));
    let out = cmd
        .args(["fmt", "a.rules"])
        .current_dir(dir.path())
        .env("ARGCHECK_FAULT_BEFORE_RENAME", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("left unchanged"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "p( a ).   # keep me\n"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "a temporary file was left behind: {left:?}");
}

/// A variable repeated inside a body literal that a join reaches after its first step (`e(X, X)`
/// after `q(Y)`, with `q(c)` the last fact read) matches the rows whose two arguments are equal. It
/// used to key the index lookup on the variable before it had a value, and match no row at all.
#[test]
fn a_repeated_variable_inside_a_joined_literal_matches_equal_arguments() {
    let text = "e(a, a).\ne(a, b).\ne(b, b).\nq(c).\nr1: q(Y), e(X, X) => loop(X).\n\
                expect common: holds loop(a).\nexpect common: holds loop(b).\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("repeat.rules"), text).unwrap();
    let run = argcheck_in(dir.path(), &["test", "."], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let eval = argcheck_in(
        dir.path(),
        &["eval", "repeat.rules", "--query", "loop(X)"],
        None,
    );
    assert_eq!(eval.code, 0, "{}", eval.transcript());
    assert!(
        eval.stdout.contains("loop(a)") && eval.stdout.contains("loop(b)"),
        "{}",
        eval.stdout
    );
    assert!(!eval.stdout.contains("loop(c)"), "{}", eval.stdout);
}

/// `argcheck test DIR` runs each file on its own and frees its analysis before the next: the
/// peak memory of three large files is about that of one, not three times it.
#[test]
#[cfg(target_os = "linux")]
fn test_on_a_directory_frees_each_file_before_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let chain = argcheck(&["bench-gen", "chain", "150000"], None);
    assert_eq!(chain.code, 0, "{}", chain.stderr);
    let one = dir.path().join("one");
    let three = dir.path().join("three");
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&three).unwrap();
    std::fs::write(one.join("a.rules"), &chain.stdout).unwrap();
    for name in ["a", "b", "c"] {
        std::fs::write(three.join(format!("{name}.rules")), &chain.stdout).unwrap();
    }
    let peak_one = crate::support::peak_rss_kib(&["test", one.to_str().unwrap()]);
    let peak_three = crate::support::peak_rss_kib(&["test", three.to_str().unwrap()]);
    // Kept analyses would make it about 3x; allocator noise stays far below 1.5x.
    assert!(
        (peak_three as f64) < 1.5 * peak_one as f64,
        "one file: {peak_one} KiB, three files: {peak_three} KiB"
    );
}

/// Issue 15 §5: `diff --help` names the files and the two positions in its usage line.
#[test]
fn diff_help_reads_files_then_a_and_b() {
    let run = argcheck(&["diff", "--help"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("Usage: argcheck diff [OPTIONS] <FILE>... <A> <B>\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("then the two positions to compare, A and B"),
        "{}",
        run.stdout
    );
}

/// Options may stand anywhere, also between the files and the literal (or the two positions) of
/// `explain`, `whatif` and `diff`; too few of those is a usage error that says what is missing.
#[test]
fn options_may_split_the_files_from_the_literal() {
    let cases: [(&[&str], &[&str]); 3] = [
        (
            &["explain", EXAMPLE, "-p", "ngos", "challenge_holds(w1)"],
            &["explain", EXAMPLE, "challenge_holds(w1)", "-p", "ngos"],
        ),
        (
            &[
                "whatif",
                EXAMPLE,
                "--position",
                "ngos",
                "challenge_holds(w1)",
            ],
            &[
                "whatif",
                EXAMPLE,
                "challenge_holds(w1)",
                "--position",
                "ngos",
            ],
        ),
        (
            &["diff", EXAMPLE, "--all", "ngos", "prosecutor"],
            &["diff", EXAMPLE, "ngos", "prosecutor", "--all"],
        ),
    ];
    for (split, together) in cases {
        let a = argcheck(split, None);
        let b = argcheck(together, None);
        assert_eq!(a.code, b.code, "{}", a.transcript());
        assert!(a.code == 0 || a.code == 1, "{}", a.transcript());
        assert_eq!(a.transcript(), b.transcript());
    }
    for (args, missing) in [
        (
            &["explain", EXAMPLE, "-p", "ngos"][..],
            "2 arguments at least, 1 given",
        ),
        (&["whatif", EXAMPLE][..], "2 arguments at least, 1 given"),
        (
            &["diff", EXAMPLE, "ngos"][..],
            "3 arguments at least, 2 given",
        ),
    ] {
        let run = argcheck(args, None);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert!(run.stderr.contains(missing), "{}", run.stderr);
        assert!(run.stderr.contains("Usage:"), "{}", run.stderr);
    }
}

/// The literal of `explain` (and `--query`) may end with the `.` of a statement.
#[test]
fn explain_accepts_a_literal_with_a_trailing_dot() {
    let plain = argcheck(
        &["explain", EXAMPLE, "challenge_holds(w1)", "-p", "ngos"],
        None,
    );
    for lit in ["challenge_holds(w1).", "challenge_holds(w1) . "] {
        let dotted = argcheck(&["explain", EXAMPLE, lit, "-p", "ngos"], None);
        assert_eq!(dotted.code, 0, "{}", dotted.transcript());
        assert_eq!(dotted.transcript(), plain.transcript());
    }
    let eval = argcheck(&["eval", EXAMPLE, "--query", "challenge_holds(W)."], None);
    assert_eq!(eval.code, 0, "{}", eval.transcript());
}

/// A question about a predicate that nothing concludes is a warning, wherever the question is
/// asked, and every command prints warnings, `test` included.
#[test]
fn questions_nothing_can_answer_are_warned_about_by_every_command() {
    let explain = argcheck(&["explain", EXAMPLE, "chalenge_holds(w1)"], None);
    assert_eq!(explain.code, 0, "{}", explain.transcript());
    insta::assert_snapshot!(explain.stderr);
    let nowhere = argcheck(&["eval", EXAMPLE, "--query", "extradited(P)"], None);
    assert_eq!(nowhere.code, 0, "{}", nowhere.transcript());
    assert!(
        nowhere
            .stderr
            .contains("no fact or rule ever concludes `extradited`")
            && nowhere.stderr.contains("<command line>:1:7"),
        "{}",
        nowhere.stderr
    );
    let lesson = "head_of_state(putin, russia).\n\
                  head_of_stat(netanyahu, israel).\n\
                  immunity: head_of_state(P, S) => immune(P).\n\
                  expect common: holds immune(putin).\n";
    let test = argcheck(&["test", "-"], Some(lesson));
    assert_eq!(test.code, 0, "{}", test.transcript());
    assert!(test.stdout.contains("1 passed"), "{}", test.stdout);
    assert!(
        test.stderr
            .contains("no rule, query or expectation uses `head_of_stat`"),
        "{}",
        test.stderr
    );
}

/// The crux is the smallest set of differences that already gives B's verdict; the others are
/// listed only with `--all`; `--query` restricts the literals, in query order.
#[test]
fn diff_gives_a_minimal_crux_in_query_order() {
    let file = "rules/assad_warrant.rules";
    let (a, b) = ("court_of_appeal_2024", "cour_de_cassation_2025");
    let run = argcheck(&["diff", file, a, b], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // The first literal is the first query's (the 2023 challenge), not the alphabetically first.
    assert!(
        run.stdout.starts_with("challenge_holds(w2023_bashar)\n"),
        "{}",
        run.stdout
    );
    let first = run.stdout.split("\nvalid(").next().unwrap();
    assert_eq!(first.matches("crux:").count(), 1, "{first}");
    assert!(
        first.contains("crux: `cour_de_cassation_2025` rejects rule `appeal_exception`"),
        "{first}"
    );
    assert!(
        first.contains("other differences it depends on: --all lists them"),
        "{first}"
    );
    let all = argcheck(&["diff", file, a, b, "--all"], None);
    assert!(all.stdout.contains("  also: "), "{}", all.stdout);
    let only = argcheck(
        &[
            "diff", file, a, b, "--query", "valid(W)", "--format", "json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&only.stdout).unwrap();
    let literals: Vec<&str> = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["literal"].as_str().unwrap())
        .collect();
    assert!(!literals.is_empty());
    assert!(
        literals.iter().all(|l| l.starts_with("valid(")),
        "{literals:?}"
    );
}

/// A priority silenced by a rejection, and a fact withdrawn by `retract`, are said as what the
/// position did, in either direction: rejecting the rule, retracting the fact. The priority is
/// not a difference of its own (bringing the rule back brings it back).
#[test]
fn diff_says_what_a_position_withdrew_in_either_direction() {
    let text = "a.\nm(x).\nr: a => p.\ns: a => ~p.\nr > s.\nt: m(x) => q.\n\
                position x { reject r. retract m(x). }\nposition y extends x { }\nquery p.\nquery q.\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.rules"), text).unwrap();
    for (a, b) in [("x", "common"), ("common", "x"), ("y", "common")] {
        let run = argcheck_in(dir.path(), &["diff", "d.rules", a, b, "--all"], None);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let who = if a == "common" { b } else { a };
        let p = run.stdout.split("\nq\n").next().unwrap();
        assert!(
            p.ends_with(&format!("  crux: `{who}` rejects rule `r`")),
            "diff {a} {b}:\n{}",
            run.stdout
        );
        assert_eq!(
            run.stdout
                .matches(&format!("  crux: `{who}` retracts fact `m(x)`\n"))
                .count(),
            2,
            "diff {a} {b}:\n{}",
            run.stdout
        );
        assert!(
            !run.stdout.contains("only in"),
            "diff {a} {b}:\n{}",
            run.stdout
        );
    }
}
