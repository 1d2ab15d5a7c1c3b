//! `argcheck diff A B`: the literals whose verdicts differ between two positions, and the crux of
//! each — the rules, rejections and superiority statements that one position has and the other
//! lacks, among those the literal depends on (nearest first).

use serde::Serialize;

use crate::analysis::{Evaluation, PositionId};
use crate::ground::Lit;
use crate::hir::PosId;
use crate::source::SourceMap;

/// A literal whose verdict differs between the two positions.
#[derive(Debug, Serialize)]
pub struct Difference {
    /// The literal.
    pub literal: String,
    /// Its verdict under the first position.
    pub a: String,
    /// Its verdict under the second.
    pub b: String,
    /// The statements present in one position and not the other on which it depends.
    pub crux: Vec<String>,
}

/// The differences between two positions (`argcheck diff`).
#[derive(Debug, Serialize)]
pub struct Diff {
    /// The first position's name.
    pub a: String,
    /// The second position's name.
    pub b: String,
    /// The literals whose verdicts differ.
    pub differences: Vec<Difference>,
}

impl Evaluation {
    /// The literals whose verdicts differ between positions `a` and `b`, with the crux of each.
    pub fn diff(&self, a: PositionId, b: PositionId) -> Diff {
        diff(self, &self.sources, a.0, b.0)
    }
}

fn diff(a: &Evaluation, sources: &SourceMap, pa: PosId, pb: PosId) -> Diff {
    let p = &a.program;
    let (ta, tb) = (&p.theories[pa.index()], &p.theories[pb.index()]);
    let (oa, ob) = (a.outcome(pa), a.outcome(pb));
    let g = &a.ground;
    let mut differences = Vec::new();
    // Each atom once, from its positive literal; the verdict covers both signs.
    for atom in 0..g.atoms.len() as u32 {
        let l = Lit(atom * 2);
        let (sa, sb) = (oa.status(g, &a.index, l), ob.status(g, &a.index, l));
        if sa.verdict == sb.verdict && sa.strictly == sb.strictly {
            continue;
        }
        // Breadth-first over what l depends on, collecting statements present on one side only.
        let mut crux = Vec::new();
        let mut seen_lit = vec![false; g.lit_count()];
        let mut seen_rule = vec![false; p.rules.len()];
        let mut queue = std::collections::VecDeque::from([l, l.complement()]);
        seen_lit[l.index()] = true;
        seen_lit[l.complement().index()] = true;
        while let Some(x) = queue.pop_front() {
            for &r in a.index.heads.get(x.index()) {
                let rid = g.rules[r as usize].rule;
                if !seen_rule[rid.index()] {
                    seen_rule[rid.index()] = true;
                    let (ina, inb) = (ta.rules[rid.index()], tb.rules[rid.index()]);
                    let label = p.rule_label(rid);
                    if ina != inb {
                        let (has, lacks) = if ina { (pa, pb) } else { (pb, pa) };
                        let rejected = p.positions[lacks.index()]
                            .rejects
                            .iter()
                            .any(|(rr, _)| *rr == rid);
                        crux.push(if rejected {
                            format!("`{}` rejects rule `{label}`", p.position_name(lacks))
                        } else {
                            format!(
                                "rule `{label}` is accepted only by `{}`",
                                p.position_name(has)
                            )
                        });
                    }
                    // Superiority statements about this rule present on one side only.
                    for (si, s) in p.sups.iter().enumerate() {
                        if s.generated || (s.sup != rid && s.inf != rid) {
                            continue;
                        }
                        let (ina, inb) = (
                            ta.sups.contains(&(si as u32)),
                            tb.sups.contains(&(si as u32)),
                        );
                        if ina != inb {
                            let has = if ina { pa } else { pb };
                            let (line, _) = sources.line_col(s.span.file, s.span.start);
                            let text = format!(
                                "superiority `{} > {}` ({}:{}) holds only in `{}`",
                                p.rule_label(s.sup),
                                p.rule_label(s.inf),
                                sources.file(s.span.file).name,
                                line,
                                p.position_name(has)
                            );
                            if !crux.contains(&text) {
                                crux.push(text);
                            }
                        }
                    }
                }
                if ta.rules[rid.index()] || tb.rules[rid.index()] {
                    for &b in g.body(r as usize) {
                        for y in [b, b.complement()] {
                            if !seen_lit[y.index()] {
                                seen_lit[y.index()] = true;
                                queue.push_back(y);
                            }
                        }
                    }
                }
            }
        }
        // Facts present on one side only.
        for (i, &f) in g.facts.iter().enumerate() {
            if seen_lit[f.index()] && ta.facts[i] != tb.facts[i] {
                let has = if ta.facts[i] { pa } else { pb };
                crux.push(format!(
                    "fact `{}` is stated only in `{}`",
                    crate::render::lit_text(p, g, f),
                    p.position_name(has)
                ));
            }
        }
        differences.push(Difference {
            literal: crate::render::lit_text(p, g, l),
            a: sa.text(),
            b: sb.text(),
            crux,
        });
    }
    differences.sort_by(|x, y| x.literal.cmp(&y.literal));
    Diff {
        a: p.position_name(pa).to_string(),
        b: p.position_name(pb).to_string(),
        differences,
    }
}

impl Diff {
    /// The differences as text.
    pub fn text(&self) -> String {
        if self.differences.is_empty() {
            return format!("`{}` and `{}` agree on every literal\n", self.a, self.b);
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
        }
        out
    }
}
