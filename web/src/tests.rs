//! The session's answers, natively (the parity test compares the WebAssembly build with the CLI).

use serde_json::Value;

use super::*;
use crate::whatif::Switch;

const THEORY: &str = "\
source icj \"ICJ 2002\".
predicate immune(P) \"{P} is immune\".
head_of_state(assad) from icj.
warrant(w1, assad).
immunity: warrant(W, P), head_of_state(P) => immune(P) from icj.
crimes: warrant(W, P) => ~immune(P).
position prosecutor \"Prosecutor\" {
    immunity > crimes.
}
position ngos {
    crimes > immunity.
}
query \"Immune?\" immune(assad).
";

fn files(text: &str) -> Vec<FileText> {
    vec![FileText {
        name: "t.rules".into(),
        text: text.into(),
    }]
}

fn cell<'a>(answer: &'a Value, literal: &str, position: &str) -> &'a str {
    answer["table"]["queries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["results"].as_array().unwrap())
        .filter(|r| r["literal"] == literal)
        .flat_map(|r| r["verdicts"].as_array().unwrap())
        .find(|c| c["position"] == position)
        .and_then(|c| c["verdict"].as_str())
        .unwrap_or("missing")
}

#[test]
fn analyse_gives_the_table_and_outline() {
    let mut s = Session::new();
    let a = s.analyse(&files(THEORY), &Options::default());
    assert_eq!(a["evaluated"], true, "{a}");
    assert_eq!(cell(&a, "immune(assad)", "prosecutor"), "holds");
    assert_eq!(cell(&a, "immune(assad)", "ngos"), "denied");
    assert_eq!(cell(&a, "immune(assad)", "common"), "undecided");
    assert_eq!(a["outline"]["rules"][0]["label"], "immunity");
    assert_eq!(a["outline"]["positions"][1]["title"], "Prosecutor");
    assert!(a.get("what_if").is_none());
}

#[test]
fn syntax_errors_come_with_utf16_offsets() {
    let mut s = Session::new();
    // `é` is two bytes and one UTF-16 unit: the offsets part ways after it.
    let text = "# é\nwarrant(w1 assad).\n";
    let a = s.analyse(&files(text), &Options::default());
    assert_eq!(a["evaluated"], false);
    let d = &a["diagnostics"][0];
    assert_eq!(d["code"], "argcheck::syntax");
    let l = &d["labels"][0];
    assert_eq!(l["line"], 2);
    assert_eq!(
        l["from"].as_u64().unwrap() + 1,
        l["start"].as_u64().unwrap()
    );
    assert!(a["table"].is_null());
}

#[test]
fn explain_graph_and_diff_read_the_last_evaluation() {
    let mut s = Session::new();
    s.analyse(&files(THEORY), &Options::default());
    let x = s.explain("prosecutor", "immune(assad)");
    assert_eq!(x["explanation"]["position"], "prosecutor", "{x}");
    assert!(
        x["text"]
            .as_str()
            .unwrap()
            .starts_with("Under prosecutor (Prosecutor): assad is immune.")
    );
    let g = s.graph("ngos", Some("immune(assad)"));
    assert!(g["dot"].as_str().unwrap().starts_with("digraph"));
    let d = s.diff("prosecutor", "ngos");
    assert_eq!(d["diff"]["differences"][0]["literal"], "immune(assad)");
    assert!(s.explain("nobody", "immune(assad)")["error"].is_string());
    // The handout is the library's report of the same evaluation.
    let r = s.report();
    let html = r["html"].as_str().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{r}");
    assert!(html.contains("Immune?") && !html.contains("Hypothetical"));
    assert!(s.explain("ngos", "immune(nobody)")["error"].is_string());
}

#[test]
fn what_if_switches_statements_off_and_marks_changes() {
    let mut s = Session::new();
    let mut o = Options::default();
    o.what_if.off.push(Switch::Rule {
        label: "crimes".into(),
    });
    let a = s.analyse(&files(THEORY), &o);
    assert_eq!(a["what_if"]["evaluated"], true, "{a}");
    // Without `crimes` (and both priorities that name it) immunity holds everywhere.
    assert_eq!(cell(&a, "immune(assad)", "ngos"), "holds");
    assert_eq!(cell(&a, "immune(assad)", "common"), "holds");
    let changes = a["what_if"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(
        changes
            .iter()
            .any(|c| c["position"] == "ngos" && c["before"] == "denied" && c["after"] == "holds")
    );
    assert!(
        a["what_if"]["applied"][0]
            .as_str()
            .unwrap()
            .contains("crimes > immunity")
    );
    // Explanations follow the what-if.
    let x = s.explain("ngos", "immune(assad)");
    assert!(
        x["text"]
            .as_str()
            .unwrap()
            .contains("assad is immune: holds"),
        "{x}"
    );
    // So does the handout, which says so under its title.
    let r = s.report();
    assert!(r["html"].as_str().unwrap().contains(
        "<p class=\"hypothetical\">Hypothetical: these verdicts are those of a what-if in the playground (rule `crimes`"
    ), "{r}");

    // A fact switched off, a superiority switched off.
    let mut o = Options::default();
    o.what_if.off.push(Switch::Fact {
        literal: "head_of_state(assad)".into(),
        position: "common".into(),
    });
    let a = s.analyse(&files(THEORY), &o);
    assert_eq!(cell(&a, "immune(assad)", "prosecutor"), "denied");
    let mut o = Options::default();
    o.what_if.off.push(Switch::Superiority {
        superior: "immunity".into(),
        inferior: "crimes".into(),
        position: "prosecutor".into(),
    });
    let a = s.analyse(&files(THEORY), &o);
    assert_eq!(cell(&a, "immune(assad)", "prosecutor"), "undecided");
    // Back to no what-if: the table as written.
    let a = s.analyse(&files(THEORY), &Options::default());
    assert_eq!(cell(&a, "immune(assad)", "prosecutor"), "holds");
}

#[test]
fn what_if_assumes_facts_and_reports_its_own_errors() {
    let text = THEORY.replace("head_of_state(assad) from icj.\n", "");
    let mut s = Session::new();
    let mut o = Options::default();
    o.what_if.assume.push("head_of_state(assad).".into());
    let a = s.analyse(&files(&text), &o);
    assert_eq!(cell(&a, "immune(assad)", "prosecutor"), "holds", "{a}");
    // prosecutor: denied → holds; common: denied → undecided (the two rules now conflict).
    assert_eq!(a["what_if"]["changes"].as_array().unwrap().len(), 2);

    o.what_if.assume = vec!["head_of_state(X".into()];
    let a = s.analyse(&files(&text), &o);
    assert_eq!(a["what_if"]["evaluated"], false);
    let d = &a["what_if"]["diagnostics"][0];
    assert_eq!(d["code"], "argcheck::syntax");
    assert_eq!(d["labels"][0]["file"], "<what-if>");
    // The table stays the one as written.
    assert_eq!(cell(&a, "immune(assad)", "prosecutor"), "denied");

    o.what_if = WhatIf {
        off: vec![Switch::Rule {
            label: "no_such_rule".into(),
        }],
        assume: vec![],
    };
    let a = s.analyse(&files(THEORY), &o);
    assert_eq!(a["what_if"]["unknown"][0]["label"], "no_such_rule");
}

#[test]
fn imports_resolve_between_the_files_held() {
    let mut s = Session::new();
    let fs = vec![
        FileText {
            name: "lessons/main.rules".into(),
            text: "import \"../common/sources.rules\".\np(a) from s.\nquery p(a).\n".into(),
        },
        FileText {
            name: "common/sources.rules".into(),
            text: "source s \"A source\".\n".into(),
        },
    ];
    let a = s.analyse(&fs, &Options::default());
    assert_eq!(a["evaluated"], true, "{a}");
    assert_eq!(cell(&a, "p(a)", "common"), "holds");
    // A file switched off in an imported file is found there.
    let mut o = Options::default();
    o.what_if.off.push(Switch::Fact {
        literal: "p(a)".into(),
        position: "common".into(),
    });
    let a = s.analyse(&fs, &o);
    assert_eq!(cell(&a, "p(a)", "common"), "undecided");
}

#[test]
fn limits_are_the_librarys() {
    let mut s = Session::new();
    let mut text = String::new();
    for i in 0..30 {
        text.push_str(&format!("n({i}).\n"));
    }
    text.push_str("big: n(A), n(B), n(C) => t(A, B, C).\n");
    let mut o = Options::default();
    o.limits.max_ground_rules = Some(1000);
    let a = s.analyse(&files(&text), &o);
    assert_eq!(a["evaluated"], false);
    assert_eq!(a["diagnostics"][0]["code"], "argcheck::limit", "{a}");
}

#[test]
fn format_is_the_librarys() {
    let f = format("t.rules", "p(a) .\nr:p(X)=>q(X).\n");
    assert_eq!(f["ok"], true);
    assert_eq!(f["text"], "p(a).\nr: p(X) => q(X).\n");
    let f = format("t.rules", "p(a\n");
    assert_eq!(f["ok"], false);
    assert_eq!(f["diagnostics"][0]["code"], "argcheck::syntax");
}

#[test]
fn the_bindings_speak_json() {
    let mut p = Playground::new();
    let files = serde_json::to_string(&files(THEORY)).unwrap();
    let a: Value = serde_json::from_str(&p.analyse(&files, "")).unwrap();
    assert_eq!(a["evaluated"], true);
    let bad: Value = serde_json::from_str(&p.analyse("[{", "{}")).unwrap();
    assert!(bad["error"].as_str().unwrap().contains("bad files"));
    let g: Value = serde_json::from_str(&p.graph("common", "")).unwrap();
    assert!(g["dot"].is_string());
}
