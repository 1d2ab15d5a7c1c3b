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
    // The exercises' starters are `.starter` files (see `exercises`); they are formatted too.
    for e in std::fs::read_dir(root().join("rules/exercises"))
        .unwrap()
        .flatten()
    {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "starter") {
            let rel = p
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.push(rel);
        }
    }
    assert!(files.len() > 20);
    for f in files {
        let text = std::fs::read_to_string(root().join(&f)).unwrap();
        let Ok(once) = argcheck::format(&f, &text) else {
            continue; // files with syntax errors are not formatted (tested in cli)
        };
        let twice = argcheck::format(&f, &once).expect("formatted text parses");
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
                crate::support::conclusion_table(&text),
                crate::support::conclusion_table(&once),
                "fmt changed the meaning of {f}"
            );
        }
    }
}

/// The lessons: every `.rules` file of the corpus but the bibliography and the exercises (whose
/// solutions are checked by `exercises` and by `teaching_examples_pass_their_expectations`).
fn lessons() -> Vec<String> {
    rules_files("rules")
        .into_iter()
        .filter(|f| !f.ends_with("sources.rules") && !f.starts_with("rules/exercises/"))
        .collect()
}

/// The verdict tables of every lesson, as text and Markdown.
#[test]
fn corpus_tables() {
    for f in lessons() {
        let name = f
            .trim_start_matches("rules/")
            .trim_end_matches(".rules")
            .to_string();
        let text = argcheck(&["eval", &f], None);
        assert_eq!(text.code, 0, "{}", text.transcript());
        let md = argcheck(&["eval", &f, "--format", "markdown"], None);
        insta::assert_snapshot!(
            format!("corpus_eval__{name}"),
            format!("{}\n{}", text.stdout, md.stdout)
        );
    }
}

/// The explanations a teacher shows first: the key questions of every lesson (those its header's
/// "Run it" lines explain) under every position, and the Assad questions (Q2, Q3 and whether the
/// attack was an official act) under the positions whose reasoning they teach.
#[test]
fn corpus_explanations() {
    let assad = "rules/assad_warrant.rules";
    for (lit, positions) in [
        (
            "challenge_holds(w2023_bashar)",
            &[
                "pnat_2023",
                "ngos_2024",
                "court_of_appeal_2024",
                "prosecutor_general_2025",
                "cour_de_cassation_2025",
            ][..],
        ),
        (
            "valid(w2025_ghouta)",
            &[
                "court_of_appeal_2024",
                "icj_2002_majority",
                "cour_de_cassation_2025",
            ][..],
        ),
        (
            "separable_from_sovereignty(bashar_al_assad, ghouta_2013)",
            &["common", "court_of_appeal_2024"][..],
        ),
        (
            "official_act(bashar_al_assad, ghouta_2013)",
            &["cour_de_cassation_2025"][..],
        ),
    ] {
        for p in positions {
            let run = argcheck(&["explain", assad, lit, "--position", p], None);
            assert_eq!(run.code, 0, "{}", run.transcript());
            let key = lit.replace(['(', ')'], "").replace(", ", "_");
            insta::assert_snapshot!(
                format!("corpus_explain__assad_warrant__{key}__{p}"),
                run.stdout
            );
        }
    }
    for f in lessons() {
        if f.ends_with("assad_warrant.rules") {
            continue;
        }
        let name = f
            .trim_start_matches("rules/")
            .trim_end_matches(".rules")
            .to_string();
        let table = argcheck(&["eval", &f, "--format", "json"], None);
        let v: serde_json::Value = serde_json::from_str(&table.stdout).unwrap();
        // `#   argcheck explain rules/x.rules 'lit(a)' …`: the literal between the quotes.
        let text = std::fs::read_to_string(&f).unwrap();
        let key: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("#   argcheck explain ")?.split('\'').nth(1))
            .collect();
        assert!(
            !key.is_empty(),
            "{f}: no `argcheck explain` line in its header"
        );
        let mut all = String::new();
        for lit in key {
            for p in v["positions"].as_array().unwrap() {
                let p = p["name"].as_str().unwrap();
                let run = argcheck(&["explain", &f, lit, "--position", p], None);
                assert_eq!(run.code, 0, "{}", run.transcript());
                all.push_str(&run.stdout);
                all.push('\n');
            }
        }
        insta::assert_snapshot!(format!("corpus_explain__{name}"), all);
    }
}
