//! The graded exercises in `rules/exercises/`: every solution passes `argcheck test`, every starter
//! fails it (exit 1) with the expected and the actual verdict and the explanation of the actual one,
//! and each starter states exactly the expectations its solution satisfies.
//!
//! Starters are `*.starter` files, not `*.rules`: `argcheck test DIR` runs every `.rules` file below
//! DIR, so `argcheck test rules/` runs the lessons and the solutions and never a starter, which fails
//! by design. A starter is tested by naming it: `argcheck test rules/exercises/01_priority.starter`.

use crate::support::{argcheck, root};

/// The starters, as paths relative to the root, sorted.
fn starters() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("rules/exercises"))
        .expect("rules/exercises exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "starter"))
        .map(|p| {
            p.strip_prefix(root())
                .expect("below the root")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

/// The `expect` lines of a file, in order.
fn expectations(path: &str) -> Vec<String> {
    std::fs::read_to_string(root().join(path))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("expect "))
        .map(str::to_string)
        .collect()
}

#[test]
fn solutions_pass() {
    let run = argcheck(&["test", "rules/exercises/solutions"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains(" passed, 0 failed"), "{}", run.stdout);
}

#[test]
fn every_starter_fails_with_expected_and_actual_verdicts() {
    let starters = starters();
    assert!(starters.len() >= 5, "at least five exercises: {starters:?}");
    for s in &starters {
        let name = s
            .trim_start_matches("rules/exercises/")
            .trim_end_matches(".starter");
        let solution = format!("rules/exercises/solutions/{name}.rules");
        assert!(root().join(&solution).exists(), "{s}: no {solution}");
        assert!(!expectations(s).is_empty(), "{s}: no expect lines");
        assert_eq!(
            expectations(s),
            expectations(&solution),
            "{s} and {solution} must state the same expectations"
        );

        let run = argcheck(&["test", s], None);
        assert_eq!(run.code, 1, "{s} must fail:\n{}", run.transcript());
        assert!(
            !run.stdout.contains("the file has errors"),
            "{s} must compile:\n{}",
            run.transcript()
        );
        for needle in ["FAIL ", "\n  expected: ", "\n  actual:   ", "Under "] {
            assert!(
                run.stdout.contains(needle),
                "{s}: no `{needle}` in\n{}",
                run.stdout
            );
        }
        insta::assert_snapshot!(format!("exercise_starter__{name}"), run.stdout);
    }
}

#[test]
fn the_corpus_run_never_sees_a_starter() {
    let run = argcheck(&["test", "rules/"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!run.stdout.contains(".starter"), "{}", run.stdout);
}
