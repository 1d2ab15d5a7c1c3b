//! Verdicts (`docs/language.md`, "Verdicts" and "Why a literal is undecided"): holds / denied /
//! undecided, the `strictly` flag, and why a literal is undecided.

use super::{APPLICABLE, INACTIVE, Index, MINUS_PARTIAL, Outcome, PLUS_DELTA, PLUS_PARTIAL};
use crate::ground::{Ground, Lit};
use crate::logic::{Arrow, Reason, Status, Verdict};

impl Outcome {
    /// The verdict on `q` (None: the literal occurs nowhere, see [`Status::unknown`]).
    pub fn status(&self, g: &Ground, index: &Index, q: Lit) -> Status {
        let nq = q.complement();
        if self.has(q, PLUS_PARTIAL) {
            return Status {
                verdict: Verdict::Holds,
                strictly: self.has(q, PLUS_DELTA),
                reason: None,
            };
        }
        if self.has(nq, PLUS_PARTIAL) {
            return Status {
                verdict: Verdict::Denied,
                strictly: self.has(nq, PLUS_DELTA),
                reason: None,
            };
        }
        Status {
            verdict: Verdict::Undecided,
            strictly: false,
            reason: Some(self.reason(g, index, q)),
        }
    }

    /// Why neither `q` nor `~q` is proved (assumes that is the case).
    pub fn reason(&self, g: &Ground, index: &Index, q: Lit) -> Reason {
        let nq = q.complement();
        if !self.has(q, MINUS_PARTIAL) || !self.has(nq, MINUS_PARTIAL) {
            return Reason::Circular;
        }
        let mut any_applicable = false;
        let mut blocked_by_rule = false;
        let mut blocked_by_defeater = false;
        for side in [q, nq] {
            let supports = |r: u32| {
                self.rule_state[r as usize] == APPLICABLE
                    && g.rules[r as usize].kind != Arrow::Defeater
            };
            let heads = index.heads.get(side.index());
            if !heads.iter().any(|&r| supports(r)) {
                continue;
            }
            any_applicable = true;
            // A side whose every applicable rule is beaten stands against nothing: what blocks
            // the other side is then whatever else opposes it (a defeater, say).
            if !heads
                .iter()
                .any(|&r| supports(r) && !self.beaten[r as usize])
            {
                continue;
            }
            for &s in index.heads.get(side.complement().index()) {
                if self.rule_state[s as usize] == APPLICABLE && !self.beaten[s as usize] {
                    if g.rules[s as usize].kind == Arrow::Defeater {
                        blocked_by_defeater = true;
                    } else {
                        blocked_by_rule = true;
                    }
                }
            }
        }
        if !any_applicable {
            // A rule whose premises are not refuted (none's opposite holds) could still hold:
            // its premise is undecided, which is not the same as having no argument at all.
            let could_hold = [q, nq].iter().any(|side| {
                index.heads.get(side.index()).iter().any(|&r| {
                    self.rule_state[r as usize] != INACTIVE
                        && g.body(r as usize)
                            .iter()
                            .all(|b| !self.has(b.complement(), PLUS_PARTIAL))
                })
            });
            if could_hold {
                Reason::UndecidedPremise
            } else {
                Reason::Unsupported
            }
        } else if blocked_by_rule {
            Reason::Conflict
        } else if blocked_by_defeater {
            Reason::BlockedByDefeater
        } else {
            // An applicable rule whose complement is only undecided strictly; treat as conflict.
            Reason::Conflict
        }
    }
}
