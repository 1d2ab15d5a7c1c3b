//! Every `holds` verdict's explanation is a valid proof: each step's condition is checked again
//! against the evaluator's results (`docs/language.md`, "The proof conditions" and "Explanations").

use argcheck::explanation::{Node, Opposition, Step};
use argcheck::{Disk, ExplainOptions, Explanation as Tree, Input, Limits, Verdict};

use crate::support::{root, rules_files};

fn verdict(tree: &Tree, id: usize) -> Option<(Verdict, bool)> {
    match &tree.nodes[id].step {
        Step::Literal { status, .. } => Some((status.verdict, status.strictly)),
        _ => None,
    }
}

/// Check the steps below every literal node of the tree.
fn check_tree(tree: &Tree, context: &str) {
    for node in &tree.nodes {
        let Some((v, strictly)) = verdict(tree, node.id) else {
            continue;
        };
        let kids: Vec<&Node> = node.children.iter().map(|&c| &tree.nodes[c]).collect();
        if kids.iter().any(|k| matches!(k.step, Step::Folded)) {
            continue;
        }
        match v {
            Verdict::Holds => {
                let facts = kids
                    .iter()
                    .filter(|k| matches!(k.step, Step::Fact { .. }))
                    .count();
                let applied: Vec<(&str, bool, &[usize])> = kids
                    .iter()
                    .filter_map(|k| match &k.step {
                        Step::Apply { rule, strict, .. } => {
                            Some((rule.label.as_str(), *strict, &k.children[..]))
                        }
                        _ => None,
                    })
                    .collect();
                assert!(
                    facts + applied.len() > 0,
                    "{context}: a holding literal without support"
                );
                for (label, strict, body) in &applied {
                    for &b in *body {
                        if let Step::Comparison { holds, text } = &tree.nodes[b].step {
                            assert!(
                                holds,
                                "{context}: rule `{label}` applied with `{text}` false"
                            );
                            continue;
                        }
                        let (bv, bs) = verdict(tree, b).expect("body steps are literals");
                        assert_eq!(
                            bv,
                            Verdict::Holds,
                            "{context}: rule `{label}` applied with a body literal that does not hold"
                        );
                        assert!(
                            !strict || bs,
                            "{context}: strict rule `{label}` with a body literal not strictly proved"
                        );
                    }
                }
                if strictly {
                    assert!(
                        facts > 0 || applied.iter().any(|a| a.1),
                        "{context}: strict verdict without a fact or strict rule"
                    );
                }
                for k in &kids {
                    if let Step::Opposing { outcome, rule, .. } = &k.step {
                        match outcome {
                            Opposition::NotApplicable => {
                                let &c = k.children.first().unwrap_or_else(|| {
                                    panic!(
                                        "{context}: `{}` not applicable, but no failing literal",
                                        rule.label
                                    )
                                });
                                match &tree.nodes[c].step {
                                    Step::Comparison { holds, text } => assert!(
                                        !holds,
                                        "{context}: `{}` said ruled out by `{text}`, which is true",
                                        rule.label
                                    ),
                                    _ => {
                                        let (cv, _) = verdict(tree, c).unwrap();
                                        assert_ne!(
                                            cv,
                                            Verdict::Holds,
                                            "{context}: `{}` said not applicable but its literal holds",
                                            rule.label
                                        );
                                    }
                                }
                            }
                            Opposition::Rejected { by, .. } => {
                                assert!(!by.is_empty(), "{context}: rejected by no position");
                            }
                            Opposition::BeatenBy { rule: by, .. } => {
                                assert!(
                                    applied.iter().any(|a| a.0 == by),
                                    "{context}: `{}` beaten by `{by}`, which is not among the applied rules",
                                    rule.label
                                );
                            }
                        }
                    }
                }
            }
            Verdict::Denied => {
                assert_eq!(
                    kids.len(),
                    1,
                    "{context}: a denied literal is explained by its complement"
                );
                assert_eq!(verdict(tree, kids[0].id).map(|x| x.0), Some(Verdict::Holds));
            }
            Verdict::Undecided => {
                assert!(
                    kids.iter()
                        .any(|k| matches!(k.step, Step::Undecided { .. })),
                    "{context}: undecided without a reason"
                );
            }
        }
    }
}

#[test]
fn every_holds_explanation_is_a_valid_proof() {
    let mut files = rules_files("tests/cases/eval");
    files.extend(rules_files("rules"));
    let mut checked = 0;
    for f in files {
        let limits = Limits::default();
        let e = argcheck::check(&[Input::Path(root().join(&f))], &Disk, &limits)
            .evaluate(&limits)
            .unwrap_or_else(|_| panic!("{f} evaluates"));
        let opts = ExplainOptions {
            depth: None,
            max_steps: 100_000,
        };
        for pos in e.positions() {
            for m in e.literals() {
                if e.status(pos, &m).verdict != Verdict::Holds {
                    continue;
                }
                let tree = e.explain(pos, &m, &opts).unwrap();
                assert_eq!(verdict(&tree, tree.root).map(|x| x.0), Some(Verdict::Holds));
                check_tree(
                    &tree,
                    &format!("{f} under {}: {}", e.position_name(pos), m.literal),
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} proofs checked");
}
