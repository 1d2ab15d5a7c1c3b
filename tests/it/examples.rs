//! The teaching corpus and every test input: `argcheck test` passes, and `fmt` is idempotent and
//! changes no verdict.

use crate::support::{argcheck, root, rules_files};

#[test]
fn teaching_examples_pass_their_expectations() {
    let run = argcheck(&["test", "rules/"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains(" passed, 0 failed"));
    let files = rules_files("rules");
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let check = argcheck(&args, None);
    assert_eq!(check.code, 0, "{}", check.transcript());
}

#[test]
fn fmt_round_trips_every_file() {
    let mut files = rules_files("rules");
    files.extend(rules_files("tests/cases"));
    assert!(files.len() > 20);
    for f in files {
        let text = std::fs::read_to_string(root().join(&f)).unwrap();
        let Ok(once) = argcheck::fmt::format(&f, &text) else {
            continue; // files with syntax errors are not formatted (tested in cli)
        };
        let twice = argcheck::fmt::format(&f, &once).expect("formatted text parses");
        assert_eq!(once, twice, "fmt is not idempotent on {f}");
        let comments = |t: &str| {
            t.lines()
                .filter_map(|l| l.find('#').map(|i| l[i..].trim_end().to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            comments(&text),
            comments(&once),
            "fmt lost or moved a comment of {f}"
        );
        if !f.contains("/check/") {
            assert_eq!(
                argcheck::conclusion_table(&text),
                argcheck::conclusion_table(&once),
                "fmt changed the meaning of {f}"
            );
        }
    }
}
