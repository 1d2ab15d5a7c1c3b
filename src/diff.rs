//! `argcheck diff A B`: the literals whose verdicts differ between two positions, and for each its
//! crux — the smallest set of the statements that one position has and the other lacks (rules
//! accepted or rejected, superiority statements, facts) which, applied to A, already gives B's
//! verdict. Each crux is verified by evaluating A with it applied (`crate::variant`), smallest
//! sets first. Only statements in the literal's dependency cone are considered; the others in
//! the cone that are not needed are listed apart.

use serde::Serialize;

use crate::analysis::{Evaluation, Match, PositionId};
use crate::ground::Lit;
use crate::hir::{PosId, Program, Theory};
use crate::variant::{Lab, Toggle};

/// A literal whose verdict differs between the two positions.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// The literal.
    pub literal: String,
    /// Its verdict under the first position.
    pub a: String,
    /// Its verdict under the second.
    pub b: String,
    /// The smallest set of differences between the positions that, applied to the first, gives
    /// the second's verdict (verified).
    pub crux: Vec<String>,
    /// The other differences between the positions that the literal depends on.
    pub other: Vec<String>,
}

/// The differences between two positions (`argcheck diff`).
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The first position's name.
    pub a: String,
    /// The second position's name.
    pub b: String,
    /// The literals whose verdicts differ: those the queries ask about first, in query order.
    pub differences: Vec<Difference>,
}

/// Crux sets are searched up to this size; past it (or past [`MAX_TRIES`] evaluations) every
/// difference in the cone is the crux, which is always enough.
const MAX_CRUX: usize = 4;

/// Evaluations spent looking for one literal's crux.
const MAX_TRIES: usize = 20_000;

impl Evaluation {
    /// The literals whose verdicts differ between positions `a` and `b`, with the crux of each:
    /// those that `only` lists, or else every literal (the queries' literals first).
    pub fn diff(&self, a: PositionId, b: PositionId, only: Option<&[Match]>) -> Diff {
        diff(self, a.0, b.0, only)
    }
}

/// One statement present in one position and not in the other, as the change that turns A's
/// theory toward B's, and in words.
struct Delta {
    toggle: Toggle,
    text: String,
}

fn diff(e: &Evaluation, pa: PosId, pb: PosId, only: Option<&[Match]>) -> Diff {
    let p = &e.program;
    let g = &e.ground;
    let (oa, ob) = (e.outcome(pa), e.outcome(pb));
    // The literals to compare, each atom once (the verdict covers both signs): the ones asked
    // about, in order, then (unless restricted) every other atom in the order of its text.
    let mut order: Vec<Lit> = Vec::new();
    let mut listed = vec![false; g.atoms.len()];
    let asked: Vec<Option<Lit>> = match only {
        Some(ms) => ms.iter().map(|m| m.lit).collect(),
        None => p
            .queries
            .iter()
            .flat_map(|q| e.matching(&q.lit))
            .map(|(_, l)| l)
            .collect(),
    };
    for l in asked.into_iter().flatten() {
        if !std::mem::replace(&mut listed[l.atom().0 as usize], true) {
            order.push(l);
        }
    }
    if only.is_none() {
        let mut rest: Vec<(String, Lit)> = (0..g.atoms.len() as u32)
            .filter(|&a| !listed[a as usize])
            .map(|a| {
                let l = Lit(a * 2);
                (crate::render::lit_text(p, g, l), l)
            })
            .collect();
        rest.sort();
        order.extend(rest.into_iter().map(|(_, l)| l));
    }
    let lab = Lab::new(e, pa, &[], &[]);
    let mut differences = Vec::new();
    for l in order {
        let (sa, sb) = (oa.status(g, &e.index, l), ob.status(g, &e.index, l));
        if sa == sb || (sa.verdict == sb.verdict && sa.strictly == sb.strictly) {
            continue;
        }
        let deltas = deltas(e, pa, pb, l);
        let toggles: Vec<Toggle> = deltas.iter().map(|d| d.toggle).collect();
        let crux = smallest(&lab, &toggles, l, |s| {
            s.verdict == sb.verdict && s.strictly == sb.strictly
        });
        let (crux, other): (Vec<String>, Vec<String>) = {
            let mut c = Vec::new();
            let mut o = Vec::new();
            for (i, d) in deltas.into_iter().enumerate() {
                if crux.contains(&i) {
                    c.push(d.text);
                } else {
                    o.push(d.text);
                }
            }
            (c, o)
        };
        differences.push(Difference {
            literal: crate::render::lit_text(p, g, l),
            a: sa.text(),
            b: sb.text(),
            crux,
            other,
        });
    }
    Diff {
        a: p.position_name(pa).to_string(),
        b: p.position_name(pb).to_string(),
        differences,
    }
}

/// The indices of the smallest subset of the changes `deltas` whose changes, applied to the lab's position,
/// give `l` a verdict that `wanted` accepts, smallest size first, then in order; all of them when
/// no smaller set is found within the search's bounds.
pub(crate) fn smallest(
    lab: &Lab,
    deltas: &[Toggle],
    l: Lit,
    wanted: impl Fn(&crate::logic::Status) -> bool,
) -> Vec<usize> {
    let n = deltas.len();
    let mut tries = 0;
    for k in 1..=n.min(MAX_CRUX) {
        let mut pick: Vec<usize> = (0..k).collect();
        loop {
            tries += 1;
            if tries > MAX_TRIES {
                return (0..n).collect();
            }
            let changes: Vec<Toggle> = pick.iter().map(|&i| deltas[i]).collect();
            let th = lab.changed(&changes);
            if !lab.cyclic(&th) && wanted(&lab.status(&th, l)) {
                return pick;
            }
            if !next_combination(&mut pick, n) {
                break;
            }
        }
    }
    (0..n).collect()
}

/// The next k-subset of `0..n` in lexicographic order; false after the last.
pub(crate) fn next_combination(pick: &mut [usize], n: usize) -> bool {
    let k = pick.len();
    for i in (0..k).rev() {
        if pick[i] < n - k + i {
            pick[i] += 1;
            for j in i + 1..k {
                pick[j] = pick[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// The statements that `l` depends on (its dependency cone: the rules for it and its
/// complement, their premises, and so on) that one position has and the other lacks.
fn deltas(e: &Evaluation, pa: PosId, pb: PosId, l: Lit) -> Vec<Delta> {
    let p = &e.program;
    let g = &e.ground;
    let (ta, tb) = (&p.theories[pa.index()], &p.theories[pb.index()]);
    let (cone_lits, cone_rules) = cone(e, l, |r| ta.rules[r] || tb.rules[r]);
    let mut out = Vec::new();
    for (ri, _) in cone_rules.iter().enumerate().filter(|&(_, &c)| c) {
        let (ina, inb) = (ta.rules[ri], tb.rules[ri]);
        if ina == inb || matches!(p.rules[ri].origin, crate::hir::Origin::Unless(_)) {
            continue;
        }
        out.push(Delta {
            toggle: Toggle::Rule(crate::hir::RuleId(ri as u32), inb),
            text: rule_text(p, pa, pb, ri, ina),
        });
    }
    for (si, s) in p.sups.iter().enumerate() {
        if s.generated || !(cone_rules[s.sup.index()] && cone_rules[s.inf.index()]) {
            continue;
        }
        let (ina, inb) = (in_force(ta, si), in_force(tb, si));
        if ina == inb {
            continue;
        }
        // Stated in both, out of force in one only because it lacks one of the two rules: that
        // rule is the difference (and bringing it back brings the priority back).
        let lacking = if ina { tb } else { ta };
        if lacking.included.contains(&s.position)
            && !(lacking.rules[s.sup.index()] && lacking.rules[s.inf.index()])
        {
            continue;
        }
        let has = if ina { pa } else { pb };
        let (line, _) = e.sources.line_col(s.span.file, s.span.start);
        out.push(Delta {
            toggle: Toggle::Sup(si as u32, inb),
            text: format!(
                "superiority `{} > {}` ({}:{}) holds only in `{}`",
                p.rule_label(s.sup),
                p.rule_label(s.inf),
                e.sources.file(s.span.file).name,
                line,
                p.position_name(has)
            ),
        });
    }
    let mut seen_fact: Vec<Lit> = Vec::new();
    for (i, &f) in g.facts.iter().enumerate() {
        if !cone_lits[f.index()] || ta.facts[i] == tb.facts[i] || seen_fact.contains(&f) {
            continue;
        }
        seen_fact.push(f);
        let (has, lacks) = if ta.facts[i] { (pa, pb) } else { (pb, pa) };
        let text = crate::render::lit_text(p, g, f);
        // A fact of common ground (or of an included position) that a `retract` withdraws.
        let retracted = p.theories[lacks.index()].included.iter().any(|q| {
            let retracts = &p.positions[q.index()].retracts;
            retracts.iter().any(|(lit, _)| *lit == p.facts[i].lit)
        });
        out.push(Delta {
            toggle: Toggle::Fact(i, tb.facts[i]),
            text: if retracted {
                format!("`{}` retracts fact `{text}`", p.position_name(lacks))
            } else {
                format!("fact `{text}` is stated only in `{}`", p.position_name(has))
            },
        });
    }
    out
}

fn in_force(t: &Theory, si: usize) -> bool {
    t.sups.contains(&(si as u32))
}

fn rule_text(p: &Program, pa: PosId, pb: PosId, ri: usize, ina: bool) -> String {
    let (has, lacks) = if ina { (pa, pb) } else { (pb, pa) };
    let label = p.rule_label(crate::hir::RuleId(ri as u32));
    let rejected = p.theories[lacks.index()].included.iter().any(|q| {
        p.positions[q.index()]
            .rejects
            .iter()
            .any(|(r, _)| r.index() == ri)
    });
    if rejected {
        format!("`{}` rejects rule `{label}`", p.position_name(lacks))
    } else {
        format!(
            "rule `{label}` is accepted only by `{}`",
            p.position_name(has)
        )
    }
}

/// The dependency cone of `l`: the literals and rules its verdict can depend on, following the
/// ground rules `keep` admits (by rule) for a literal and its complement and then their premises.
pub(crate) fn cone(e: &Evaluation, l: Lit, keep: impl Fn(usize) -> bool) -> (Vec<bool>, Vec<bool>) {
    let g = &e.ground;
    let mut lits = vec![false; g.lit_count()];
    let mut rules = vec![false; e.program.rules.len()];
    let mut queue = std::collections::VecDeque::new();
    for x in [l, l.complement()] {
        lits[x.index()] = true;
        queue.push_back(x);
    }
    while let Some(x) = queue.pop_front() {
        for &r in e.index.heads.get(x.index()) {
            let rid = g.rules[r as usize].rule.index();
            if !keep(rid) {
                continue;
            }
            rules[rid] = true;
            for &b in g.body(r as usize) {
                for y in [b, b.complement()] {
                    if !std::mem::replace(&mut lits[y.index()], true) {
                        queue.push_back(y);
                    }
                }
            }
        }
    }
    (lits, rules)
}

impl Diff {
    /// The differences as text; `all` also lists the differences outside each crux.
    pub fn text(&self, all: bool) -> String {
        if self.differences.is_empty() {
            return format!(
                "`{}` and `{}` agree on every literal asked\n",
                self.a, self.b
            );
        }
        let mut out = String::new();
        for d in &self.differences {
            out.push_str(&format!(
                "{}\n  {}: {}\n  {}: {}\n",
                d.literal, self.a, d.a, self.b, d.b
            ));
            if d.crux.is_empty() {
                out.push_str("  crux: (none found among the statements it depends on)\n");
            }
            for c in &d.crux {
                out.push_str(&format!("  crux: {c}\n"));
            }
            if all {
                for o in &d.other {
                    out.push_str(&format!("  also: {o}\n"));
                }
            } else if !d.other.is_empty() {
                out.push_str(&format!(
                    "  ({} other difference{} it depends on: --all lists them)\n",
                    d.other.len(),
                    if d.other.len() == 1 { "" } else { "s" }
                ));
            }
        }
        out
    }
}
