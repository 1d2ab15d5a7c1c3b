//! `argcheck graph`: the argument graph of one position as Graphviz DOT or Mermaid.
//!
//! Nodes are literals (coloured by verdict) and ground rules; edges are support (body literal →
//! rule → head) and attack (rule → the complement of its head), marked where a superiority
//! statement of the position beats the attacked rule.

use std::fmt::Write;

use crate::analysis::{Evaluation, Match, PositionId};
use crate::eval::{APPLICABLE, INACTIVE};
use crate::ground::Lit;
use crate::hir::PosId;
use crate::logic::{Arrow, Verdict};
use crate::render;

/// The argument graph of one position: literals, ground rules, support and attack edges.
pub struct Graph {
    pub(crate) lits: Vec<(Lit, String, Verdict)>,
    pub(crate) rules: Vec<(u32, String, Arrow, bool)>,
    /// (from, to, kind) where nodes are `l<lit>` or `r<rule>`.
    pub(crate) edges: Vec<(String, String, EdgeKind)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum EdgeKind {
    Body,
    Head,
    Attack,
    /// An attack that a superior rule defeats.
    BeatenAttack,
}

impl Evaluation {
    /// The argument graph of position `p`; with `roots`, only what those literals depend on.
    pub fn graph(&self, p: PositionId, roots: Option<&[Match]>) -> Graph {
        let roots: Option<Vec<Lit>> = roots.map(|r| r.iter().filter_map(|m| m.lit).collect());
        build(self, p.0, roots.as_deref())
    }
}

fn build(a: &Evaluation, pos: PosId, roots: Option<&[Lit]>) -> Graph {
    let o = a.outcome(pos);
    let g = &a.ground;
    let n = g.lit_count();
    let mut keep_lit = vec![roots.is_none(); n];
    let mut keep_rule = vec![false; g.rules.len()];
    if let Some(roots) = roots {
        // Everything the roots depend on: rules for a literal or its complement, their bodies.
        let mut stack: Vec<Lit> = Vec::new();
        for &r in roots {
            for l in [r, r.complement()] {
                if !keep_lit[l.index()] {
                    keep_lit[l.index()] = true;
                    stack.push(l);
                }
            }
        }
        while let Some(l) = stack.pop() {
            for &r in a.index.heads.get(l.index()) {
                if o.rule_state[r as usize] == INACTIVE || keep_rule[r as usize] {
                    continue;
                }
                keep_rule[r as usize] = true;
                for &b in g.body(r as usize) {
                    for x in [b, b.complement()] {
                        if !keep_lit[x.index()] {
                            keep_lit[x.index()] = true;
                            stack.push(x);
                        }
                    }
                }
            }
        }
    } else {
        for (r, k) in keep_rule.iter_mut().enumerate() {
            *k = o.rule_state[r] != INACTIVE;
        }
    }
    // Only literals that something mentions, in id order (deterministic).
    let mut used = vec![false; n];
    for (r, &k) in keep_rule.iter().enumerate() {
        if k {
            used[g.rules[r].head.index()] = true;
            for &b in g.body(r) {
                used[b.index()] = true;
            }
        }
    }
    for (i, &f) in g.facts.iter().enumerate() {
        if a.program.theories[pos.index()].facts[i] && keep_lit[f.index()] {
            used[f.index()] = true;
        }
    }
    let mut graph = Graph {
        lits: Vec::new(),
        rules: Vec::new(),
        edges: Vec::new(),
    };
    for l in 0..n as u32 {
        let l = Lit(l);
        if used[l.index()] && keep_lit[l.index()] {
            let v = o.status(g, &a.index, l).verdict;
            graph.lits.push((l, render::lit_text(&a.program, g, l), v));
        }
    }
    for (r, &k) in keep_rule.iter().enumerate() {
        if !k {
            continue;
        }
        let gr = &g.rules[r];
        graph.rules.push((
            r as u32,
            a.program.rule_label(gr.rule).to_string(),
            gr.kind,
            o.rule_state[r] == APPLICABLE,
        ));
        for &b in g.body(r) {
            graph
                .edges
                .push((format!("l{}", b.0), format!("r{r}"), EdgeKind::Body));
        }
        if gr.kind != Arrow::Defeater {
            graph
                .edges
                .push((format!("r{r}"), format!("l{}", gr.head.0), EdgeKind::Head));
        }
        if used[gr.head.complement().index()] && keep_lit[gr.head.complement().index()] {
            let beaten = o.beaten[r];
            graph.edges.push((
                format!("r{r}"),
                format!("l{}", gr.head.complement().0),
                if beaten {
                    EdgeKind::BeatenAttack
                } else {
                    EdgeKind::Attack
                },
            ));
        }
    }
    graph
}

fn colour(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "#b7e4c7",
        Verdict::Denied => "#f4a3a3",
        Verdict::Undecided => "#ffe8a3",
    }
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

impl Graph {
    /// The graph in Graphviz DOT.
    pub fn dot(&self) -> String {
        let mut s =
            String::from("digraph argcheck {\n  rankdir=BT;\n  node [fontname=\"Helvetica\"];\n");
        for (l, text, v) in &self.lits {
            let _ = writeln!(
                s,
                "  l{} [label=\"{}\\n{}\", shape=box, style=\"rounded,filled\", fillcolor=\"{}\"];",
                l.0,
                dot_escape(text),
                v.as_str(),
                colour(*v)
            );
        }
        for (r, label, kind, applicable) in &self.rules {
            let _ = writeln!(
                s,
                "  r{r} [label=\"{} {}\", shape=ellipse, style={}];",
                dot_escape(label),
                kind_symbol(*kind),
                if *applicable { "solid" } else { "dashed" }
            );
        }
        for (from, to, kind) in &self.edges {
            let attrs = match kind {
                EdgeKind::Body | EdgeKind::Head => "",
                EdgeKind::Attack => " [color=red, arrowhead=tee, label=\"attacks\"]",
                EdgeKind::BeatenAttack => {
                    " [color=red, style=dashed, arrowhead=tee, label=\"attacks (beaten by superiority)\"]"
                }
            };
            let _ = writeln!(s, "  {from} -> {to}{attrs};");
        }
        s.push_str("}\n");
        s
    }

    /// The graph as a Mermaid flowchart.
    pub fn mermaid(&self) -> String {
        let mut s = String::from("flowchart BT\n");
        for (l, text, v) in &self.lits {
            let _ = writeln!(
                s,
                "  l{}[\"{}<br/>{}\"]:::{}",
                l.0,
                mermaid_escape(text),
                v.as_str(),
                v.as_str()
            );
        }
        for (r, label, kind, applicable) in &self.rules {
            let _ = writeln!(
                s,
                "  r{r}([\"{} {}{}\"])",
                mermaid_escape(label),
                kind_symbol(*kind),
                if *applicable { "" } else { " (not applicable)" }
            );
        }
        for (from, to, kind) in &self.edges {
            let arrow = match kind {
                EdgeKind::Body | EdgeKind::Head => "-->",
                EdgeKind::Attack => "-. attacks .->",
                EdgeKind::BeatenAttack => "-. attacks, beaten .->",
            };
            let _ = writeln!(s, "  {from} {arrow} {to}");
        }
        s.push_str("  classDef holds fill:#b7e4c7\n  classDef denied fill:#f4a3a3\n  classDef undecided fill:#ffe8a3\n");
        s
    }
}

fn kind_symbol(k: Arrow) -> &'static str {
    k.as_str()
}

fn mermaid_escape(s: &str) -> String {
    s.replace('"', "#quot;")
}
