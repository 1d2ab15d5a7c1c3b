//! `argcheck whatif`: the smallest changes that flip a verdict.
//!
//! Input: an [`Evaluation`], a position P and a literal L. Output: every cardinality-minimal set
//! of at most K changes to P's theory that gives L the verdict asked for (by default: any other),
//! each verified by evaluating the changed theory (`crate::variant`) and explained.
//!
//! The changes tried are those that can matter: only statements in L's dependency cone (the
//! rules for L and its complement, their premises, and so on) — retract one of P's facts; assume
//! a premise some rule needs that nothing in P concludes; reject one of P's rules; accept a rule
//! of another position; add a priority between two of P's rules that conclude opposite literals;
//! drop one of P's priorities; adopt a fact or a priority of another position. Sets are tried
//! smallest first and the search stops at the first size that flips L, so the sets reported are
//! minimal; a set that would make the priorities cyclic is not a theory and is skipped. The search
//! stops cleanly at a limit on the sets evaluated, or on `Limits::stop`.

use serde::Serialize;

use crate::analysis::{Evaluation, Match, PositionId};
use crate::diagnostic::{Code, Diagnostic};
use crate::diff::{cone, next_combination};
use crate::explain::{Decisive, ExplainOptions};
use crate::ground::Lit;
use crate::hir::{Origin, PosId, RuleId};
use crate::limits::Limits;
use crate::logic::{Arrow, Status, Verdict};
use crate::source::Span;
use crate::variant::{Lab, Toggle};

/// What `whatif` looks for.
#[derive(Debug, Clone)]
pub struct WhatIfOptions {
    /// The verdict wanted; `None`: any verdict other than the current one.
    pub to: Option<Verdict>,
    /// The most changes in one set (`--max-changes`).
    pub max_changes: usize,
    /// The most sets evaluated before giving up with `argcheck::limit` (`--max-sets`).
    pub max_sets: usize,
}

impl Default for WhatIfOptions {
    fn default() -> WhatIfOptions {
        WhatIfOptions {
            to: None,
            max_changes: 2,
            max_sets: 200_000,
        }
    }
}

/// One change proposed.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    /// What kind of change: `retract`, `assume`, `reject`, `accept`, `prefer`, `drop`.
    pub change: &'static str,
    /// The change in words.
    pub text: String,
    /// The same change as a flag of `eval`/`explain`, when there is one.
    pub flag: Option<String>,
}

/// A set of changes that flips the verdict, verified.
#[derive(Debug, Clone, Serialize)]
pub struct Flip {
    /// The changes.
    pub changes: Vec<Proposal>,
    /// The verdict they give the literal.
    pub status: Status,
    /// The headline of the changed explanation.
    pub headline: String,
    /// Its decisive step.
    pub decisive: Vec<Decisive>,
}

/// The answer of `whatif`.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIfAnswer {
    /// The literal.
    pub literal: String,
    /// The position.
    pub position: String,
    /// Its verdict as the files have it.
    pub from: Status,
    /// The verdict asked for (`None`: any other).
    pub to: Option<Verdict>,
    /// The most changes in one set that were tried.
    pub max_changes: usize,
    /// The single changes in the literal's dependency cone.
    pub candidates: usize,
    /// The sets evaluated.
    pub sets_tried: usize,
    /// The smallest sets that flip the verdict, smallest first, then in the files' order.
    pub flips: Vec<Flip>,
}

impl Evaluation {
    /// The smallest sets of changes to position `p` that give `m` another verdict (or the one
    /// `opts.to` asks for).
    pub fn whatif(
        &self,
        p: PositionId,
        m: &Match,
        opts: &WhatIfOptions,
        limits: &Limits,
    ) -> Result<WhatIfAnswer, Diagnostic> {
        search(self, p.0, m, opts, limits)
    }
}

/// A candidate change: what it toggles, where its statement is (for the order), and its words.
struct Candidate {
    toggles: Vec<Toggle>,
    at: (u32, u32),
    proposal: Proposal,
}

fn search(
    e: &Evaluation,
    pos: PosId,
    m: &Match,
    opts: &WhatIfOptions,
    limits: &Limits,
) -> Result<WhatIfAnswer, Diagnostic> {
    let from = e.status_of(pos, m.lit);
    let mut answer = WhatIfAnswer {
        literal: m.literal.clone(),
        position: e.program.position_name(pos).to_string(),
        from,
        to: opts.to,
        max_changes: opts.max_changes,
        candidates: 0,
        sets_tried: 0,
        flips: Vec::new(),
    };
    let Some(l) = m.lit else {
        return Ok(answer); // nothing in the files mentions it: nothing to change
    };
    let wanted = |s: &Status| match opts.to {
        Some(v) => s.verdict == v,
        None => s.verdict != from.verdict,
    };
    if opts.to == Some(from.verdict) {
        return Ok(answer);
    }
    let (assumed, prefs) = additions(e, pos, l);
    let lab = Lab::new(e, pos, &assumed, &prefs);
    let candidates = candidates(e, &lab, l, &assumed, &prefs);
    answer.candidates = candidates.len();
    let n = candidates.len();
    let mut found: Vec<Vec<usize>> = Vec::new();
    for k in 1..=opts.max_changes.min(n) {
        let mut pick: Vec<usize> = (0..k).collect();
        loop {
            answer.sets_tried += 1;
            if answer.sets_tried > opts.max_sets {
                return Err(Diagnostic::new(
                    Code::Limit,
                    format!(
                        "what-if search limit reached: more than {} sets of changes evaluated (`--max-sets`)",
                        opts.max_sets
                    ),
                )
                .with_help("Ask for fewer changes at a time with `--max-changes`, or raise the limit with `--max-sets N`."));
            }
            if answer.sets_tried % 256 == 0 {
                if let Some(d) = limits.stopped() {
                    return Err(d);
                }
            }
            let toggles: Vec<Toggle> = pick
                .iter()
                .flat_map(|&i| candidates[i].toggles.iter().copied())
                .collect();
            let th = lab.changed(&toggles);
            if !lab.cyclic(&th) && wanted(&lab.status(&th, l)) {
                found.push(pick.clone());
            }
            if !next_combination(&mut pick, n) {
                break;
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    let explain = ExplainOptions {
        depth: Some(0),
        max_steps: limits.max_explain_steps,
    };
    for pick in found {
        let toggles: Vec<Toggle> = pick
            .iter()
            .flat_map(|&i| candidates[i].toggles.iter().copied())
            .collect();
        let th = lab.changed(&toggles);
        let changed = lab.evaluation(&th);
        let x = crate::explain::explain(&changed, pos, m, &explain)?;
        answer.flips.push(Flip {
            changes: pick
                .iter()
                .map(|&i| candidates[i].proposal.clone())
                .collect(),
            status: x.status,
            headline: x.headline,
            decisive: x.decisive,
        });
    }
    Ok(answer)
}

/// The statements a change may add that no position has: premises to assume (literals some rule
/// in the cone needs that nothing of the position concludes) and priorities between the
/// position's rules that conclude opposite literals of the cone.
fn additions(e: &Evaluation, pos: PosId, l: Lit) -> (Vec<Lit>, Vec<(RuleId, RuleId)>) {
    let p = &e.program;
    let g = &e.ground;
    let th = &p.theories[pos.index()];
    let (lits, _) = cone(e, l, |_| true);
    let fact_lits: Vec<Lit> = g
        .facts
        .iter()
        .enumerate()
        .filter(|&(i, _)| th.facts[i])
        .map(|(_, &f)| f)
        .collect();
    let mut assumed = Vec::new();
    for r in 0..g.rules.len() {
        if !lits[g.rules[r].head.index()] {
            continue;
        }
        for &b in g.body(r) {
            let concluded = e
                .index
                .heads
                .get(b.index())
                .iter()
                .any(|&h| th.rules[g.rules[h as usize].rule.index()]);
            let stated = g.facts.contains(&b);
            if b.atom() != l.atom()
                && !concluded
                && !stated
                && !fact_lits.contains(&b)
                && !assumed.contains(&b)
            {
                assumed.push(b);
            }
        }
    }
    let mut prefs = Vec::new();
    for x in (0..g.lit_count() as u32)
        .map(Lit)
        .filter(|x| !x.is_neg() && lits[x.index()])
    {
        let side = |y: Lit| -> Vec<RuleId> {
            let mut v: Vec<RuleId> = e
                .index
                .heads
                .get(y.index())
                .iter()
                .map(|&r| g.rules[r as usize].rule)
                .filter(|r| th.rules[r.index()])
                .collect();
            v.dedup();
            v
        };
        let (pro, con) = (side(x), side(x.complement()));
        for &a in &pro {
            for &b in &con {
                for (sup, inf) in [(a, b), (b, a)] {
                    let stated = p.sups.iter().any(|s| s.sup == sup && s.inf == inf);
                    if !stated
                        && p.rules[sup.index()].kind != Arrow::Defeater
                        && !prefs.contains(&(sup, inf))
                    {
                        prefs.push((sup, inf));
                    }
                }
            }
        }
    }
    (assumed, prefs)
}

fn candidates(
    e: &Evaluation,
    lab: &Lab,
    l: Lit,
    assumed: &[Lit],
    prefs: &[(RuleId, RuleId)],
) -> Vec<Candidate> {
    let p = &lab.program;
    let g = &e.ground;
    let th = &lab.theory;
    let (lits, rules) = cone(e, l, |_| true);
    let name = |q: PosId| p.position_name(q).to_string();
    let at = |s: Span| (s.file.0, s.start);
    let lit_text = |x: Lit| crate::render::lit_text(p, g, x);
    let mut out: Vec<Candidate> = Vec::new();
    // Facts: withdraw the position's, adopt another position's.
    let mut done: Vec<(Lit, bool)> = Vec::new();
    for (i, f) in e.program.facts.iter().enumerate() {
        let x = g.facts[i];
        if !lits[x.index()] || x.atom() == l.atom() && !th.facts[i] {
            continue;
        }
        let have = th.facts[i];
        if done.contains(&(x, have)) {
            continue;
        }
        done.push((x, have));
        let same: Vec<Toggle> = (0..e.program.facts.len())
            .filter(|&j| g.facts[j] == x && th.facts[j] == have)
            .map(|j| Toggle::Fact(j, !have))
            .collect();
        let proposal = if have {
            Proposal {
                change: "retract",
                text: format!("retract the fact `{}`", lit_text(x)),
                flag: Some(format!("--retract '{}'", lit_text(x))),
            }
        } else {
            Proposal {
                change: "assume",
                text: format!(
                    "adopt the fact `{}` stated by position {}",
                    lit_text(x),
                    name(f.position)
                ),
                flag: Some(format!("--assume '{}'", lit_text(x))),
            }
        };
        out.push(Candidate {
            toggles: same,
            at: at(f.span),
            proposal,
        });
    }
    // Premises nothing concludes, assumed as facts (added after the written facts).
    let first = e.program.facts.len();
    for (k, &x) in assumed.iter().enumerate() {
        out.push(Candidate {
            toggles: vec![Toggle::Fact(first + k, true)],
            at: (u32::MAX, k as u32),
            proposal: Proposal {
                change: "assume",
                text: format!(
                    "assume `{}` (a premise nothing here concludes)",
                    lit_text(x)
                ),
                flag: Some(format!("--assume '{}'", lit_text(x))),
            },
        });
    }
    // Rules: reject the position's, accept another position's (or one it rejects).
    for (ri, r) in p.rules.iter().enumerate() {
        if !rules[ri] || matches!(r.origin, Origin::Unless(_)) {
            continue;
        }
        let label = p.rule_label(RuleId(ri as u32));
        let proposal = if th.rules[ri] {
            Proposal {
                change: "reject",
                text: format!("reject rule `{label}`"),
                flag: Some(format!("--reject {label}")),
            }
        } else if th.included.contains(&r.position) {
            Proposal {
                change: "accept",
                text: format!("withdraw the rejection of rule `{label}`"),
                flag: None,
            }
        } else {
            Proposal {
                change: "accept",
                text: format!("accept rule `{label}` of position {}", name(r.position)),
                flag: None,
            }
        };
        let on = !th.rules[ri];
        out.push(Candidate {
            toggles: vec![Toggle::Rule(RuleId(ri as u32), on)],
            at: at(r.span),
            proposal,
        });
    }
    // Priorities: drop the position's, adopt another position's, or add a new one.
    let written = e.program.sups.len();
    for (si, s) in p.sups.iter().enumerate().take(written) {
        if s.generated || !(rules[s.sup.index()] && rules[s.inf.index()]) {
            continue;
        }
        let text = format!("{} > {}", p.rule_label(s.sup), p.rule_label(s.inf));
        let in_force = th.sups.contains(&(si as u32));
        let both = th.rules[s.sup.index()] && th.rules[s.inf.index()];
        let proposal = if in_force {
            Proposal {
                change: "drop",
                text: format!("drop the priority `{text}`"),
                flag: None,
            }
        } else if both {
            Proposal {
                change: "prefer",
                text: format!(
                    "adopt the priority `{text}` of position {}",
                    name(s.position)
                ),
                flag: Some(format!("--prefer '{text}'")),
            }
        } else {
            continue;
        };
        out.push(Candidate {
            toggles: vec![Toggle::Sup(si as u32, !in_force)],
            at: at(s.span),
            proposal,
        });
    }
    for (k, &(sup, inf)) in prefs.iter().enumerate() {
        let text = format!("{} > {}", p.rule_label(sup), p.rule_label(inf));
        out.push(Candidate {
            toggles: vec![Toggle::Sup((written + k) as u32, true)],
            at: (u32::MAX - 1, k as u32),
            proposal: Proposal {
                change: "prefer",
                text: format!("add the priority `{text}`"),
                flag: Some(format!("--prefer '{text}'")),
            },
        });
    }
    out.sort_by_key(|c| c.at);
    out
}

impl WhatIfAnswer {
    /// The answer as text.
    pub fn text(&self, opts: &crate::prose::TextOptions) -> String {
        let target = match self.to {
            Some(v) => format!("come out {}", v.as_str()),
            None => format!("come out other than {}", self.from.text()),
        };
        let mut out = format!(
            "What would make `{}` {target} under {}?\n",
            self.literal, self.position
        );
        out.push_str(&format!(
            "({} possible change{} in its dependency cone, up to {} at a time; {} set{} evaluated)\n",
            self.candidates,
            plural(self.candidates),
            self.max_changes,
            self.sets_tried,
            plural(self.sets_tried)
        ));
        if self.to == Some(self.from.verdict) {
            let is = if self.from.verdict == Verdict::Holds {
                ""
            } else {
                "is "
            };
            out.push_str(&format!(
                "\n`{}` {is}{} under {} already: nothing needs to change.\n",
                self.literal,
                self.from.text(),
                self.position
            ));
            return out;
        }
        if self.flips.is_empty() {
            out.push_str(&format!(
                "\nNo set of at most {} change{} does it.\n",
                self.max_changes,
                plural(self.max_changes)
            ));
            return out;
        }
        for (k, f) in self.flips.iter().enumerate() {
            out.push('\n');
            let changes: Vec<String> = f
                .changes
                .iter()
                .map(|c| match &c.flag {
                    Some(flag) => format!("{} ({flag})", c.text),
                    None => c.text.clone(),
                })
                .collect();
            let lead = format!("{}. ", k + 1);
            let pad = " ".repeat(lead.len());
            out.push_str(&format!("{lead}{}\n", changes.join("; and ")));
            out.push_str(&format!("{pad}→ {}\n", f.status.text()));
            // The changed theory's sources are not listed here: no footnote markers.
            let opts = crate::prose::TextOptions {
                sources: false,
                width: opts.width.saturating_sub(pad.len()),
                ..opts.clone()
            };
            // The question names the position already: the decisive step, without the headline.
            let brief = crate::explain::Explanation::summary_lines("", &f.decisive, &opts, &[]);
            for line in brief.lines().filter(|l| !l.is_empty()) {
                out.push_str(&format!("{pad}{line}\n"));
            }
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
