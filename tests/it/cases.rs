//! Snapshots of what users see, one per input file:
//! - `tests/cases/check/*.rules`: `argcheck check` (diagnostics, exit code), text and JSON;
//! - `tests/cases/eval/*.rules`: `argcheck eval`, `argcheck test` (must pass), and `argcheck
//!   explain` of every query under every position, text and JSON.

use crate::support::{argcheck, rules_files};

fn name(path: &str) -> String {
    path.trim_start_matches("tests/cases/")
        .trim_end_matches(".rules")
        .replace('/', "__")
}

#[test]
fn check_diagnostics() {
    let files = rules_files("tests/cases/check");
    assert!(files.len() >= 20, "the diagnostic cases are there");
    for f in files {
        let run = argcheck(&["check", &f], None);
        let expected_code =
            if f.contains("/ok_") || f.contains("ineffective") || f.contains("underivable") {
                0
            } else {
                1
            };
        assert_eq!(run.code, expected_code, "{f}:\n{}", run.transcript());
        insta::assert_snapshot!(format!("check__{}", name(&f)), run.transcript());
        let json = argcheck(&["check", "--format", "json", &f], None);
        let v: serde_json::Value =
            serde_json::from_str(&json.stdout).expect("check --format json is JSON");
        insta::assert_json_snapshot!(format!("check_json__{}", name(&f)), v);
    }
}

#[test]
fn eval_cases() {
    let files = rules_files("tests/cases/eval");
    assert!(files.len() >= 8);
    for f in files {
        let t = argcheck(&["test", &f], None);
        assert_eq!(t.code, 0, "expectations of {f} fail:\n{}", t.transcript());
        let eval = argcheck(&["eval", &f], None);
        assert_eq!(eval.code, 0, "{}", eval.transcript());
        let md = argcheck(&["eval", &f, "--format", "markdown"], None);
        insta::assert_snapshot!(
            format!("eval__{}", name(&f)),
            format!("{}\n{}", eval.transcript(), md.stdout)
        );
        let explain = argcheck(&["eval", &f, "--explain"], None);
        assert_eq!(explain.code, 0);
        insta::assert_snapshot!(format!("explain__{}", name(&f)), explain.stdout);
        let json = argcheck(&["eval", &f, "--format", "json"], None);
        let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("eval JSON parses");
        insta::assert_json_snapshot!(format!("eval_json__{}", name(&f)), v);
        // The explanation trees as JSON: every query row under every position.
        let mut trees = Vec::new();
        for q in v["queries"].as_array().unwrap() {
            for r in q["results"].as_array().unwrap() {
                let lit = r["literal"].as_str().unwrap();
                for p in v["positions"].as_array().unwrap() {
                    let p = p["name"].as_str().unwrap();
                    let run = argcheck(
                        &["explain", &f, lit, "--position", p, "--format", "json"],
                        None,
                    );
                    assert_eq!(run.code, 0, "{}", run.transcript());
                    trees.push(serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap());
                }
            }
        }
        insta::assert_json_snapshot!(format!("explain_json__{}", name(&f)), trees);
    }
}
