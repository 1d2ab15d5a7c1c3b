//! What-if without editing the file: `--assume`, `--retract`, `--prefer`, `--reject` on the
//! commands that evaluate, and `argcheck whatif`. (That the flags mean the statements written
//! into the file is checked on random theories in `differential`.)

use crate::support::argcheck;

const EXAMPLE: &str = "tests/cases/eval/spec_example.rules";

/// Each flag flips a verdict; the output says it is hypothetical and marks what changed.
#[test]
fn each_flag_changes_the_table_and_says_so() {
    const NIXON: &str = "tests/cases/eval/nixon.rules";
    let runs = [
        (
            EXAMPLE,
            vec!["--reject", "crimes_exception", "--position", "ngos"],
        ),
        (
            EXAMPLE,
            vec!["--retract", "charged_with(w1, crimes_against_humanity)"],
        ),
        (
            NIXON,
            vec![
                "--prefer",
                "pacifist_if_quaker > not_pacifist_if_republican",
            ],
        ),
        (
            EXAMPLE,
            vec![
                "--assume",
                "~international_crime(crimes_against_humanity)",
                "--retract",
                "international_crime(crimes_against_humanity)",
            ],
        ),
    ];
    let mut out = String::new();
    for (file, flags) in runs {
        let mut args = vec!["eval", file];
        args.extend(flags.iter().copied());
        let run = argcheck(&args, None);
        assert_eq!(run.code, 0, "{}", run.transcript());
        assert!(
            run.stdout.starts_with("hypothetical, under "),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains(" → "),
            "no verdict changed: {}",
            run.stdout
        );
        out.push_str(&format!(
            "$ argcheck {}\n{}\n",
            args.join(" "),
            run.transcript()
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn the_json_table_carries_the_changes_and_the_verdicts_as_written() {
    let run = argcheck(
        &[
            "eval",
            EXAMPLE,
            "--reject",
            "crimes_exception",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["hypothetical"]["changes"][0]["change"], "reject");
    let ngos = &v["queries"][0]["results"][0]["verdicts"][2];
    assert_eq!(ngos["position"], "ngos");
    assert_eq!(ngos["verdict"], "holds");
    assert_eq!(ngos["was"]["verdict"], "denied");
    // An unchanged verdict has no `was`.
    assert!(
        v["queries"][0]["results"][0]["verdicts"][1]
            .get("was")
            .is_none()
    );
}

/// `explain`, `diff`, `graph` and `test` take the flags too, and say that they are hypothetical.
#[test]
fn explain_diff_graph_and_test_under_the_flags() {
    let flags = ["--reject", "crimes_exception"];
    for (command, extra) in [
        ("explain", vec!["challenge_holds(w1)", "--position", "ngos"]),
        ("diff", vec!["prosecutor", "ngos"]),
        ("graph", vec!["--position", "ngos"]),
        ("test", vec![]),
    ] {
        let mut args = vec![command, EXAMPLE];
        args.extend(extra.iter().copied());
        args.extend(flags);
        let run = argcheck(&args, None);
        assert!(
            run.stdout.contains("hypothetical, under ")
                && run.stdout.contains(": --reject crimes_exception"),
            "{command}: {}",
            run.transcript()
        );
        // Under the change the NGOs' expectation (denied) no longer holds.
        let expected = if command == "test" { 1 } else { 0 };
        assert_eq!(run.code, expected, "{command}: {}", run.transcript());
    }
}

/// A change that names nothing in the files is an error that says what was meant.
#[test]
fn a_flag_that_names_nothing_is_an_error_with_a_suggestion() {
    let run = argcheck(
        &["eval", EXAMPLE, "--retract", "head_of_state(assad, syra)"],
        None,
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("argcheck::unknown_fact"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Did you mean `head_of_state(assad, syria)`?"),
        "{}",
        run.stderr
    );
    let run = argcheck(&["eval", EXAMPLE, "--reject", "crime_exception"], None);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("argcheck::unknown_rule"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Did you mean `crimes_exception`?"),
        "{}",
        run.stderr
    );
}

const TWO_SUPPORTS: &str = "\
source s \"A source\".
a from s.
b from s.
r1: a => q.
r2: b => q.
query q.
";

/// Two independent supports: no single change flips `q`, every minimal pair is listed.
#[test]
fn whatif_finds_the_smallest_sets_and_says_when_there_is_none() {
    let one = argcheck(
        &["whatif", "-", "q", "--max-changes", "1"],
        Some(TWO_SUPPORTS),
    );
    assert_eq!(one.code, 0, "{}", one.transcript());
    assert!(
        one.stdout.contains("No set of at most 1 change does it."),
        "{}",
        one.stdout
    );
    let two = argcheck(&["whatif", "-", "q"], Some(TWO_SUPPORTS));
    assert_eq!(two.code, 0, "{}", two.transcript());
    // retract a or reject r1, with retract b or reject r2: four pairs, each of size two.
    assert_eq!(two.stdout.matches("; and ").count(), 4, "{}", two.stdout);
    insta::assert_snapshot!(two.stdout);
    let to = argcheck(&["whatif", "-", "q", "--to", "denied"], Some(TWO_SUPPORTS));
    assert!(
        to.stdout.contains("No set of at most 2 changes does it."),
        "{}",
        to.stdout
    );
    // Asking for the verdict it has already says so.
    let already = argcheck(&["whatif", "-", "q", "--to", "holds"], Some(TWO_SUPPORTS));
    assert!(
        already
            .stdout
            .contains("`q` holds under common already: nothing needs to change."),
        "{}",
        already.stdout
    );
}

/// On the flagship, every set found and expressible as flags gives, through `eval` with those
/// flags, the verdict `whatif` says: the search and the flags agree.
#[test]
fn whatif_on_the_assad_lesson_agrees_with_the_flags() {
    let file = "rules/assad_warrant.rules";
    let lit = "valid(w2025_ghouta)";
    let pos = "cour_de_cassation_2025";
    let run = argcheck(
        &["whatif", file, lit, "--position", pos, "--format", "json"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let flips = v["flips"].as_array().unwrap();
    assert!(flips.len() >= 3, "{}", run.stdout);
    let mut checked = 0;
    for f in flips {
        let changes = f["changes"].as_array().unwrap();
        let Some(flags) = changes
            .iter()
            .map(|c| c["flag"].as_str().map(String::from))
            .collect::<Option<Vec<String>>>()
        else {
            continue;
        };
        let mut args: Vec<String> = [
            "eval",
            file,
            "--query",
            lit,
            "--position",
            pos,
            "--format",
            "json",
        ]
        .map(String::from)
        .to_vec();
        for flag in flags {
            let (name, value) = flag.split_once(' ').unwrap();
            args.push(name.to_string());
            args.push(value.trim_matches('\'').to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let eval = argcheck(&args, None);
        assert_eq!(eval.code, 0, "{}", eval.transcript());
        let t: serde_json::Value = serde_json::from_str(&eval.stdout).unwrap();
        let cell = &t["queries"][0]["results"][0]["verdicts"][0];
        assert_eq!(cell["verdict"], f["status"]["verdict"], "{args:?}");
        assert_eq!(cell["reason"], f["status"]["reason"], "{args:?}");
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} flips had flags");
}
