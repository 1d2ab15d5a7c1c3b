//! Variants of one position's theory, evaluated on the ground theory already built: the engine
//! behind the minimal crux of `diff` and the search of `whatif`.
//!
//! Input: an [`Evaluation`], a position, and statements to add (facts, superiority statements)
//! that no position has yet. Output: for a set of changes — accept or reject a rule, add or
//! withdraw a fact, add or drop a superiority statement — the verdict of a literal under the
//! changed position. Grounding is shared by every variant, and stays exact: it covers the rules
//! and facts of every position together, and an added fact is always a literal of the ground
//! theory already (so no new rule instance can arise from it). Only the one position is evaluated
//! again, in linear time.

use crate::analysis::Evaluation;
use crate::eval::{self, Outcome};
use crate::ground::Lit;
use crate::hir::{HFact, HLit, HSup, HTerm, PosId, RuleId, Theory};
use crate::logic::Status;
use crate::source::Span;

/// One change to a position's theory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Toggle {
    /// Accept (`true`) or reject (`false`) a rule.
    Rule(RuleId, bool),
    /// Have (`true`) or not have (`false`) the fact `Program::facts[i]` (of the variant's
    /// program, where added facts come after the written ones).
    Fact(usize, bool),
    /// Have (`true`) or not have (`false`) the superiority statement `Program::sups[i]`.
    Sup(u32, bool),
}

/// A position's theory, ready to be changed and evaluated.
pub(crate) struct Lab<'a> {
    pub(crate) base: &'a Evaluation,
    pub(crate) pos: PosId,
    /// The program with the added statements (in no position's theory until toggled).
    pub(crate) program: crate::hir::Program,
    /// The ground facts, with the added ones.
    pub(crate) facts: Vec<Lit>,
    pub(crate) theory: Theory,
    /// The superiority statements the position states (written in it or in a position it
    /// includes), in force or not: one is in force when the theory has both its rules.
    stated: Vec<u32>,
    /// For each rule with an `unless`, its generated exception (which goes with it).
    exceptions: rustc_hash::FxHashMap<RuleId, RuleId>,
}

impl<'a> Lab<'a> {
    /// The position `pos` as the files have it, with room for `facts` (ground literals of the
    /// theory) and `sups` (pairs of rules) to be added.
    pub(crate) fn new(
        base: &'a Evaluation,
        pos: PosId,
        facts: &[Lit],
        sups: &[(RuleId, RuleId)],
    ) -> Lab<'a> {
        let mut program = base.program.clone();
        let theory0 = &program.theories[pos.index()];
        let stated = (program.sups.iter().enumerate())
            .filter(|(_, s)| theory0.included.contains(&s.position))
            .map(|(i, _)| i as u32)
            .collect();
        let mut ground_facts = base.ground.facts.clone();
        let mut theory = program.theories[pos.index()].clone();
        for &l in facts {
            let atom = l.atom();
            let args = base
                .ground
                .atoms
                .args(atom)
                .iter()
                .map(|&c| HTerm::Const(c))
                .collect();
            program.facts.push(HFact {
                lit: HLit {
                    neg: l.is_neg(),
                    pred: base.ground.atoms.pred(atom),
                    args,
                },
                source: None,
                span: Span::default(),
                position: pos,
            });
            ground_facts.push(l);
            theory.facts.push(false);
        }
        for &(sup, inf) in sups {
            // Shown at the superior rule, the closest thing to where such a statement would go.
            let span = program.rules[sup.index()].span;
            program.sups.push(HSup {
                sup,
                inf,
                span,
                position: pos,
                generated: false,
            });
        }
        for t in &mut program.theories {
            t.facts.resize(program.facts.len(), false);
        }
        let exceptions = program
            .rules
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r.origin {
                crate::hir::Origin::Unless(of) => Some((of, RuleId(i as u32))),
                crate::hir::Origin::Written => None,
            })
            .collect();
        Lab {
            base,
            pos,
            program,
            facts: ground_facts,
            theory,
            stated,
            exceptions,
        }
    }

    /// The theory with `changes` applied.
    pub(crate) fn changed(&self, changes: &[Toggle]) -> Theory {
        let mut th = self.theory.clone();
        // From what the position states, so that a rule brought back brings back its priorities.
        th.sups.clone_from(&self.stated);
        for &c in changes {
            match c {
                Toggle::Rule(r, on) => {
                    th.rules[r.index()] = on;
                    // A rule's `unless` exception goes with it.
                    if let Some(e) = self.exceptions.get(&r) {
                        th.rules[e.index()] = on;
                    }
                }
                Toggle::Fact(i, on) => th.facts[i] = on,
                Toggle::Sup(i, true) => {
                    if !th.sups.contains(&i) {
                        th.sups.push(i);
                    }
                }
                Toggle::Sup(i, false) => th.sups.retain(|&s| s != i),
            }
        }
        // A superiority statement only counts between rules the position has.
        let p = &self.program;
        th.sups.retain(|&s| {
            th.rules[p.sups[s as usize].sup.index()] && th.rules[p.sups[s as usize].inf.index()]
        });
        th
    }

    /// Whether the superiority of `th` has a cycle (such a variant is not a theory).
    pub(crate) fn cyclic(&self, th: &Theory) -> bool {
        crate::hir::superiority_cycle(&self.program, &th.sups).is_some()
    }

    /// Evaluate the position under `th`.
    pub(crate) fn outcome(&self, th: &Theory) -> Outcome {
        let g = &self.base.ground;
        eval::evaluate_position(
            &self.program,
            g,
            &self.facts,
            &self.base.index,
            self.pos,
            th,
        )
    }

    /// The verdict on `l` under `th`.
    pub(crate) fn status(&self, th: &Theory, l: Lit) -> Status {
        self.outcome(th)
            .status(&self.base.ground, &self.base.index, l)
    }

    /// The whole evaluation with this position changed to `th`: to explain the variant.
    pub(crate) fn evaluation(&self, th: &Theory) -> Evaluation {
        let mut e = self.base.clone();
        e.program = self.program.clone();
        e.program.theories[self.pos.index()] = th.clone();
        e.ground.facts = self.facts.clone();
        e.outcomes[self.pos.index()] = self.outcome(th);
        e
    }
}
