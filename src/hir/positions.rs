//! Positions → theories: the `extends` closure, rejections, and the acyclicity of superiority.

use rustc_hash::FxHashSet;

use super::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// Fill `program.theories` (one per position) and report `extends` and superiority cycles.
pub(super) fn resolve(p: &mut Program, diags: &mut Diagnostics) {
    let n = p.positions.len();
    let mut theories = Vec::with_capacity(n);
    let mut reported_cycles: FxHashSet<Vec<RuleId>> = FxHashSet::default();
    for pos in 0..n {
        let included = included_positions(p, PosId(pos as u32), diags);
        let mut rejected = vec![false; p.rules.len()];
        for &q in &included {
            for &(r, _) in &p.positions[q.index()].rejects {
                rejected[r.index()] = true;
            }
        }
        let mut inside = vec![false; n];
        for &q in &included {
            inside[q.index()] = true;
        }
        let rules: Vec<bool> = p
            .rules
            .iter()
            .map(|r| {
                // Rejecting a rule also rejects the exception `unless` attached to it.
                let origin_rejected = match r.origin {
                    Origin::Unless(of) => rejected[of.index()],
                    Origin::Written => false,
                };
                inside[r.position.index()] && !origin_rejected
            })
            .zip(&rejected)
            .map(|(ok, &rej)| ok && !rej)
            .collect();
        // A fact withdrawn by `retract` in this position or one it extends is not in the theory.
        let retracted: Vec<&HLit> = included
            .iter()
            .flat_map(|q| p.positions[q.index()].retracts.iter().map(|(l, _)| l))
            .collect();
        let facts: Vec<bool> = p
            .facts
            .iter()
            .map(|f| inside[f.position.index()] && !retracted.contains(&&f.lit))
            .collect();
        for (lit, span) in &p.positions[pos].retracts {
            // Common ground retracts only through a what-if change, meant for every position.
            let known = p
                .facts
                .iter()
                .any(|f| (pos == 0 || inside[f.position.index()]) && f.lit == *lit);
            if !known {
                diags.push(unknown_fact(p, lit, *span, &inside));
            }
        }
        let sups: Vec<u32> = p
            .sups
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                inside[s.position.index()] && rules[s.sup.index()] && rules[s.inf.index()]
            })
            .map(|(i, _)| i as u32)
            .collect();
        if let Some(cycle) = superiority_cycle(p, &sups) {
            let mut key: Vec<RuleId> = cycle.iter().map(|&i| p.sups[i as usize].sup).collect();
            key.sort();
            if reported_cycles.insert(key) {
                // A long cycle is named by its first rules; labels are capped for the same reason.
                const SHOWN: usize = 8;
                let mut names: Vec<&str> = cycle
                    .iter()
                    .take(SHOWN)
                    .map(|&i| p.rule_label(p.sups[i as usize].sup))
                    .collect();
                if cycle.len() > SHOWN {
                    names.push("…");
                }
                names.push(p.rule_label(p.sups[cycle[0] as usize].sup));
                let mut d = Diagnostic::new(
                    Code::SuperiorityCycle,
                    format!(
                        "the superiority relation of `{}` has a cycle: {}",
                        p.position_name(PosId(pos as u32)),
                        names.join(" > ")
                    ),
                );
                for (k, &i) in cycle.iter().enumerate().take(SHOWN) {
                    let s = &p.sups[i as usize];
                    let text = if k == 0 {
                        "this priority is part of a cycle"
                    } else {
                        "and this one"
                    };
                    d = d.with_label(s.span, text);
                }
                if cycle.len() > SHOWN {
                    d.message
                        .push_str(&format!(" ({} priorities in all)", cycle.len()));
                }
                diags.push(d.with_help(
                    "A rule cannot beat a rule that (through others) beats it: remove one of these priorities, or move it into a separate position.",
                ));
            }
        }
        theories.push(Theory {
            rules,
            facts,
            sups,
            included,
        });
    }
    p.theories = theories;
}

/// `argcheck::unknown_fact`: a `retract` of a literal that is no fact of the position's theory.
fn unknown_fact(p: &Program, lit: &HLit, span: Span, inside: &[bool]) -> Diagnostic {
    let text = p.lit_text(lit, &[]);
    let facts: Vec<String> = p
        .facts
        .iter()
        .filter(|f| inside[f.position.index()])
        .map(|f| p.lit_text(&f.lit, &[]))
        .collect();
    let d = Diagnostic::new(
        Code::UnknownFact,
        format!("`{text}` is not a fact here, so it cannot be retracted"),
    )
    .with_label(span, "no such fact");
    match crate::diagnostic::closest(&text, facts.iter().map(String::as_str)) {
        Some(c) => d.with_help(format!("Did you mean `{c}`? `retract` withdraws a fact stated in common ground or in a position this one extends.")),
        None => d.with_help("`retract` withdraws a fact stated in common ground or in a position this one extends; check the literal's name and arguments."),
    }
}

/// `pos`, common ground and every position `pos` extends, transitively (iteratively; an `extends`
/// cycle is reported once, from the position where it is found).
fn included_positions(p: &Program, pos: PosId, diags: &mut Diagnostics) -> Vec<PosId> {
    let mut seen = vec![false; p.positions.len()];
    let mut out = vec![COMMON];
    seen[COMMON.index()] = true;
    let mut stack = vec![pos];
    while let Some(q) = stack.pop() {
        if seen[q.index()] {
            continue;
        }
        seen[q.index()] = true;
        out.push(q);
        for &e in &p.positions[q.index()].extends {
            if e == pos {
                let here = &p.positions[q.index()];
                let d = Diagnostic::new(
                    Code::ExtendsCycle,
                    format!(
                        "position `{}` extends itself through `{}`",
                        p.position_name(pos),
                        p.position_name(q)
                    ),
                )
                .with_label(here.span, "this position's `extends` leads back")
                .with_label(p.positions[pos.index()].span, "to this position")
                .with_help("Positions build on each other in one direction only: remove one of the `extends`.");
                // Reported once, from the first position of the cycle.
                if pos <= q && !diags.0.contains(&d) {
                    diags.push(d);
                }
            }
            stack.push(e);
        }
    }
    out
}

/// A cycle in the superiority statements `sups` (indices into `p.sups`), as the statements along it.
/// Iterative depth-first search with colours.
pub(crate) fn superiority_cycle(p: &Program, sups: &[u32]) -> Option<Vec<u32>> {
    let n = p.rules.len();
    // Adjacency: rule → outgoing superiority statements.
    let mut start = vec![0u32; n + 1];
    for &i in sups {
        start[p.sups[i as usize].sup.index() + 1] += 1;
    }
    for k in 0..n {
        start[k + 1] += start[k];
    }
    let mut fill = start.clone();
    let mut edges = vec![0u32; sups.len()];
    for &i in sups {
        let a = p.sups[i as usize].sup.index();
        edges[fill[a] as usize] = i;
        fill[a] += 1;
    }
    let mut colour = vec![0u8; n]; // 0 white, 1 on the stack, 2 done
    let mut via = vec![u32::MAX; n]; // statement by which a rule was entered
    for root in 0..n {
        if colour[root] != 0 || start[root] == start[root + 1] {
            continue;
        }
        let mut stack: Vec<(usize, u32)> = vec![(root, start[root])];
        colour[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if *next == start[node + 1] {
                colour[node] = 2;
                stack.pop();
                continue;
            }
            let e = edges[*next as usize];
            *next += 1;
            let target = p.sups[e as usize].inf.index();
            match colour[target] {
                0 => {
                    colour[target] = 1;
                    via[target] = e;
                    stack.push((target, start[target]));
                }
                1 => {
                    // Walk back from `node` to `target` along the entering statements.
                    let mut cycle = vec![e];
                    let mut cur = node;
                    while cur != target {
                        let s = via[cur];
                        cycle.push(s);
                        cur = p.sups[s as usize].sup.index();
                    }
                    cycle.reverse();
                    return Some(cycle);
                }
                _ => {}
            }
        }
    }
    None
}
