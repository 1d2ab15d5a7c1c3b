//! Every `holds` verdict's explanation is a valid proof: each step's condition is checked again
//! against the evaluator's results (SPEC §4, §9).

use argcheck::analysis::{analyse, compile};
use argcheck::eval::PLUS_PARTIAL;
use argcheck::explain::{Opposition, Options, Step, Tree, explain};
use argcheck::ground::Lit;
use argcheck::hir::PosId;
use argcheck::limits::Limits;
use argcheck::load::Input;
use argcheck::logic::Verdict;

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
        let kids: Vec<&argcheck::explain::Node> =
            node.children.iter().map(|&c| &tree.nodes[c]).collect();
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
                                let (cv, _) = verdict(tree, c).unwrap();
                                assert_ne!(
                                    cv,
                                    Verdict::Holds,
                                    "{context}: `{}` said not applicable but its literal holds",
                                    rule.label
                                );
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
        let c = compile(&[Input::Path(root().join(&f))], &limits);
        assert!(!c.diags.has_errors(), "{f}");
        let a = analyse(c.program, &limits).unwrap();
        for pos in 0..a.program.positions.len() as u32 {
            let o = a.outcome(PosId(pos));
            for l in 0..a.ground.lit_count() as u32 {
                let lit = Lit(l);
                if !o.has(lit, PLUS_PARTIAL) {
                    continue;
                }
                let opts = Options {
                    depth: None,
                    max_steps: 100_000,
                };
                let pattern = a.program.queries.first().map(|q| q.lit.clone());
                let Some(pattern) = pattern else { continue };
                let tree = explain(&a, &c.sources, PosId(pos), Some(lit), pattern, &opts).unwrap();
                assert_eq!(verdict(&tree, tree.root).map(|x| x.0), Some(Verdict::Holds));
                check_tree(
                    &tree,
                    &format!(
                        "{f} under {}: {}",
                        a.program.position_name(PosId(pos)),
                        argcheck::render::lit_text(&a.program, &a.ground, lit)
                    ),
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} proofs checked");
}
