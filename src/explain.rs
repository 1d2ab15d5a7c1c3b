//! Explanations (`docs/language.md`, "Explanations"): why a literal holds, is denied or stays
//! undecided under one position, read off the evaluation (nothing is re-evaluated).
//!
//! One data structure, [`Explanation`], serves every output: a headline, the decisive step (the
//! few things that decide the case, in words), and the tree of steps below it, with the sources
//! cited as numbered footnotes. Text, Markdown and JSON are renderings of it (`prose.rs` has the
//! first two). The tree is a DAG in a flat array (every literal has one node, shared wherever it
//! is needed), built breadth-first and rendered with an explicit stack, so a proof 100,000 rules
//! deep explains without recursion.
//!
//! Rules are shown as the instance that was applied (`warrant(w1, putin, icc, 2023-03-17), ...`),
//! with the values of their comparisons. A rule instance that a comparison ruled out never reaches
//! the ground theory; such near misses are found again here ([`Builder::near_misses`]) so that a
//! rule which failed on a date is shown failing, with the values.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::analysis::{Evaluation, Match, PositionId};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{
    APPLICABLE, DISCARDED, INACTIVE, MINUS_PARTIAL, Outcome, PENDING, PLUS_DELTA, PLUS_PARTIAL,
    Reason, Status,
};
use crate::ground::{self, Lit};
use crate::hir::{COMMON, ConstId, HBody, HTerm, Origin, PosId, RuleId, SourceId};
use crate::logic::{Arrow, Verdict};
use crate::render;

/// How much of an explanation to build.
#[derive(Debug, Clone)]
pub struct ExplainOptions {
    /// Fold the tree below this depth (the headline and the decisive step are always shown).
    pub depth: Option<usize>,
    /// Refuse to build more nodes than this (`argcheck::limit`).
    pub max_steps: usize,
}

impl Default for ExplainOptions {
    fn default() -> ExplainOptions {
        ExplainOptions {
            depth: None,
            max_steps: crate::limits::Limits::default().max_explain_steps,
        }
    }
}

/// Why a literal has its verdict under one position.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The position's name.
    pub position: String,
    /// The position's title, if its block gives one.
    pub position_title: Option<String>,
    /// The literal explained, as written.
    pub literal: String,
    /// Its sentence, from its predicate's template.
    pub sentence: Option<String>,
    /// Its verdict.
    pub status: Status,
    /// One sentence: under which position, what, and the verdict.
    pub headline: String,
    /// The decisive step: what carried the conclusion and what disposed of each opposing
    /// argument (or, for an undecided literal, what stands against what), in a few lines.
    pub decisive: Vec<Decisive>,
    /// The node of the literal explained.
    pub root: usize,
    /// Every step of the tree, each literal once.
    pub nodes: Vec<Node>,
    /// The sources cited, numbered in the order they are first cited.
    pub footnotes: Vec<Citation>,
}

/// A source, as cited.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// Its name in the file.
    pub name: String,
    /// Its citation text.
    pub citation: String,
    /// Its number among the explanation's footnotes.
    pub footnote: usize,
}

/// One line of the decisive step.
#[derive(Debug, Clone, Serialize)]
pub struct Decisive {
    /// The line in words.
    pub text: String,
    /// How deep in the chain of reasons (0: about the literal itself).
    pub depth: usize,
    /// What it says, as data.
    #[serde(flatten)]
    pub step: DecisiveStep,
}

/// What a line of the decisive step says.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DecisiveStep {
    /// The literal is a fact of the position.
    Fact {
        /// The fact.
        literal: String,
        /// The position that states it, if not common ground.
        stated_by: Option<String>,
        /// Its source's footnote.
        footnote: Option<usize>,
    },
    /// The rules (a team of one or more) that carried the conclusion.
    CarriedBy {
        /// Their labels.
        rules: Vec<String>,
        /// Carried strictly (facts and strict rules only).
        strict: bool,
    },
    /// The opposite holds.
    Opposite {
        /// The opposite literal.
        literal: String,
    },
    /// An opposing rule beaten by a superior rule.
    Beaten {
        /// The beaten rule.
        rule: String,
        /// The rule that beats it.
        by: String,
        /// The superiority statement.
        statement: String,
        /// Where it is written.
        location: String,
        /// The position that states it (`common` for common ground).
        stated_by: String,
    },
    /// An opposing rule the position rejects.
    Rejected {
        /// The rule.
        rule: String,
        /// The position whose `reject` it is.
        by: String,
        /// Where the `reject` is written.
        location: String,
    },
    /// A rule that does not apply because one of its premises fails.
    NotApplicable {
        /// The rule.
        rule: String,
        /// The premise: a literal, or a comparison with its values.
        premise: String,
        /// The premise's verdict (`denied`, `undecided (conflict)`, or `false`).
        verdict: String,
    },
    /// Rules on both sides apply and no priority between them decides.
    Conflict {
        /// Rules for the literal.
        rules_for: Vec<String>,
        /// Rules against it.
        rules_against: Vec<String>,
    },
    /// A defeater blocks the rule that would carry the literal.
    Blocked {
        /// The rules that would carry it.
        rules: Vec<String>,
        /// The defeaters.
        defeaters: Vec<String>,
    },
    /// No finite proof either way.
    Circular {
        /// Rules caught in the loop.
        rules: Vec<String>,
    },
    /// No rule for the literal or its opposite could apply.
    Unsupported,
    /// More lines than the decisive step shows: the tree has them.
    More {
        /// How many.
        count: usize,
    },
}

/// A step of an explanation.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// Its index in [`Explanation::nodes`].
    pub id: usize,
    /// What it says.
    #[serde(flatten)]
    pub step: Step,
    /// The steps that support it.
    pub children: Vec<usize>,
}

/// What a node says.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// A literal and its verdict; the children say why.
    Literal {
        /// The literal as written.
        literal: String,
        /// Its sentence, from its predicate's template.
        sentence: Option<String>,
        /// Its verdict.
        #[serde(flatten)]
        status: Status,
    },
    /// The literal is a fact of this position.
    Fact {
        /// The fact.
        literal: String,
        /// Where it comes from.
        source: Option<Citation>,
        /// The position that states it, if not common ground (a position's own or counterfactual
        /// fact).
        stated_by: Option<String>,
    },
    /// A rule that concludes the literal: its body literals (and comparisons) are the children.
    Apply {
        /// The rule.
        rule: RuleRef,
        /// Its conclusion.
        conclusion: String,
        /// Applied as a strict rule (+Δ).
        strict: bool,
    },
    /// A rule on the other side and why it does not win.
    Opposing {
        /// The rule.
        rule: RuleRef,
        /// Its conclusion.
        conclusion: String,
        /// Why it does not win.
        outcome: Opposition,
    },
    /// A rule for either side of an undecided literal and its state.
    Involved {
        /// The rule.
        rule: RuleRef,
        /// Its conclusion.
        conclusion: String,
        /// For the literal (rather than its opposite).
        supports: bool,
        /// Where it stands.
        state: RuleState,
        /// The rule that beats it, when it is beaten.
        beaten_by: Option<Opposition>,
    },
    /// A comparison of a rule instance, with its values.
    Comparison {
        /// The comparison with values: `2023-11-16 <= 2026-07-01`.
        text: String,
        /// Whether it is true.
        holds: bool,
    },
    /// Why the literal is undecided.
    Undecided {
        /// The reason.
        reason: Reason,
    },
    /// Deeper steps are folded (`--depth`).
    Folded,
}

/// A rule as shown in an explanation: the instance that was applied, with its values.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRef {
    /// Its label.
    pub label: String,
    /// Strict, defeasible or defeater.
    pub kind: Arrow,
    /// The statement as the user wrote it (for an `unless` exception: the rule it belongs to).
    pub text: String,
    /// The instance: the rule with its variables replaced by their values.
    pub instance: String,
    /// The values of its variables, in order of appearance.
    pub bindings: Vec<Binding>,
    /// For an exception generated by `unless`: the label of the rule it qualifies.
    pub unless_of: Option<String>,
    /// Its source.
    pub source: Option<Citation>,
    /// `file:line`.
    pub location: String,
}

/// A variable of a rule instance and its value.
#[derive(Debug, Clone, Serialize)]
pub struct Binding {
    /// The variable.
    pub variable: String,
    /// Its value.
    pub value: String,
}

/// Why a rule against the conclusion does not win.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Opposition {
    /// A premise fails; the child explains it.
    NotApplicable,
    /// Beaten by a rule for our side under a superiority statement of this position.
    BeatenBy {
        /// The label of the rule that beats it.
        rule: String,
        /// The superiority statement.
        statement: String,
        /// Where it is written.
        location: String,
        /// The position that states it (`common` for common ground).
        stated_by: String,
    },
    /// The position does not accept the rule.
    Rejected {
        /// The position whose `reject` it is.
        by: String,
        /// Where the `reject` is written.
        location: String,
    },
}

/// Where a rule stands, for an undecided literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    /// Applicable and not beaten.
    Applicable,
    /// Applicable but beaten by a superior rule.
    Beaten,
    /// A premise fails (child).
    NotApplicable,
    /// A premise has no finite proof either way (child).
    NoFiniteProof,
    /// The position rejects it.
    Rejected,
}

impl Evaluation {
    /// Why `m` has its verdict under position `p`: a tree of steps read off the evaluation.
    pub fn explain(
        &self,
        p: PositionId,
        m: &Match,
        opts: &ExplainOptions,
    ) -> Result<Explanation, Diagnostic> {
        explain(self, p.0, m, opts)
    }
}

/// At most this many lines in the decisive step (a longer one is cut, saying how many more).
const MAX_DECISIVE: usize = 6;

/// How far the decisive step follows a failing premise to what decided it.
const DECISIVE_DEPTH: usize = 3;

/// Work allowed for finding near misses of one rule (rule instances a comparison ruled out).
const NEAR_MISS_STEPS: usize = 20_000;

/// A source, before footnotes are numbered.
type SourceSlot = Option<SourceId>;

struct Builder<'a> {
    a: &'a Evaluation,
    o: &'a Outcome,
    pos: PosId,
    nodes: Vec<Node>,
    /// The source of each node's rule or fact, numbered once the tree is complete.
    node_source: Vec<SourceSlot>,
    depth: Vec<usize>,
    lit_node: FxHashMap<Lit, usize>,
    queue: std::collections::VecDeque<(usize, Lit)>,
    opts: &'a ExplainOptions,
    /// The position's facts by literal (index in `Program::facts`), built on first need.
    facts: std::cell::OnceCell<FxHashMap<Lit, usize>>,
    /// The position's rules with a comparison, by head predicate and sign, built on first need:
    /// the only rules that can have near misses.
    compared: std::cell::OnceCell<FxHashMap<(crate::hir::PredId, bool), Vec<RuleId>>>,
    /// The theory's atoms by predicate, built on first need (for near misses).
    atoms: std::cell::OnceCell<FxHashMap<crate::hir::PredId, Vec<ground::AtomId>>>,
}

/// Explain `m` under `pos`.
pub(crate) fn explain(
    a: &Evaluation,
    pos: PosId,
    m: &Match,
    opts: &ExplainOptions,
) -> Result<Explanation, Diagnostic> {
    let o = a.outcome(pos);
    let mut b = Builder {
        a,
        o,
        pos,
        nodes: Vec::new(),
        node_source: Vec::new(),
        depth: Vec::new(),
        lit_node: FxHashMap::default(),
        queue: Default::default(),
        opts,
        facts: Default::default(),
        compared: Default::default(),
        atoms: Default::default(),
    };
    let (root, status, sentence, decisive) = match m.lit {
        Some(l) => {
            let root = b.literal(l, 0);
            let status = o.status(&a.ground, &a.index, l);
            let sentence = render::sentence(&a.program, &a.ground, l);
            (root, status, sentence, b.decisive(l))
        }
        None => {
            let status = Status::unknown();
            let id = b.push(
                Step::Literal {
                    literal: m.literal.clone(),
                    sentence: None,
                    status,
                },
                0,
                None,
            );
            let u = b.push(
                Step::Undecided {
                    reason: Reason::Unsupported,
                },
                1,
                None,
            );
            b.nodes[id].children.push(u);
            // No ground rule concludes it or its opposite. If rules for its predicate exist, none
            // of their instances could ever apply to these names; else nothing concludes it.
            let pred = m.literal.trim_start_matches('~');
            let pred = pred.split('(').next().unwrap_or(pred).trim();
            let has_rules = a
                .program
                .rules
                .iter()
                .any(|r| a.program.pred_name(r.head.pred) == pred);
            let text = if has_rules {
                format!(
                    "No rule for `{pred}` can apply to `{}`: a premise of each is never met.",
                    m.literal
                )
            } else {
                format!("Nothing in the files concludes `{}`.", m.literal)
            };
            let line = (DecisiveStep::Unsupported, text, None);
            (id, status, None, vec![(0, line)])
        }
    };
    while let Some((id, l)) = b.queue.pop_front() {
        if b.nodes.len() > opts.max_steps {
            return Err(Diagnostic::new(
                Code::Limit,
                format!(
                    "explanation size limit reached: more than {} steps (`--max-explain-steps`)",
                    opts.max_steps
                ),
            )
            .with_help(
                "Fold the tree with `--depth N`, or raise the limit with `--max-explain-steps N`.",
            ));
        }
        b.expand(id, l);
    }
    let p = &a.program;
    let position_title = p.positions[pos.index()].title.clone();
    let headline = headline(
        p.position_name(pos),
        position_title.as_deref(),
        &m.literal,
        sentence.as_deref(),
        m.lit.map(|l| (l, &status)),
        a,
    );
    b.finish(
        root,
        status,
        sentence,
        headline,
        decisive,
        &m.literal,
        position_title,
    )
}

/// `Under P (title): SENTENCE.` — the verdict said in words.
fn headline(
    position: &str,
    title: Option<&str>,
    literal: &str,
    sentence: Option<&str>,
    lit: Option<(Lit, &Status)>,
    a: &Evaluation,
) -> String {
    let under = match title {
        Some(t) => format!("Under {position} ({t})"),
        None if position == "common" => "Under common ground".to_string(),
        None => format!("Under {position}"),
    };
    let status = lit.map_or(Status::unknown(), |(_, s)| *s);
    let strictly = if status.strictly {
        ", strictly (from facts and strict rules alone)"
    } else {
        ""
    };
    let what = match (status.verdict, sentence) {
        (Verdict::Holds, Some(s)) => format!("{s}{strictly}."),
        (Verdict::Holds, None) => format!("`{literal}` holds{strictly}."),
        (Verdict::Denied, _) => {
            let opposite =
                lit.and_then(|(l, _)| render::sentence(&a.program, &a.ground, l.complement()));
            match opposite {
                Some(s) => format!("{s}{strictly} (`{literal}` is denied)."),
                None => format!("`{literal}` is denied{strictly}: its opposite holds."),
            }
        }
        (Verdict::Undecided, Some(s)) => format!(
            "it stays undecided whether {s} ({}).",
            status.reason.unwrap_or(Reason::Unsupported).as_str()
        ),
        (Verdict::Undecided, None) => format!(
            "`{literal}` is undecided ({}).",
            status.reason.unwrap_or(Reason::Unsupported).as_str()
        ),
    };
    format!("{under}: {what}")
}

/// A line of the decisive step before footnotes are numbered: what it says, its text, and the
/// source whose footnote follows the rule it names.
type Line = (DecisiveStep, String, SourceSlot);

impl Builder<'_> {
    fn push(&mut self, step: Step, depth: usize, source: SourceSlot) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            id,
            step,
            children: Vec::new(),
        });
        self.node_source.push(source);
        self.depth.push(depth);
        id
    }

    fn lit_text(&self, l: Lit) -> String {
        render::lit_text(&self.a.program, &self.a.ground, l)
    }

    /// A literal in prose: its sentence, or the literal in backticks.
    fn prose(&self, l: Lit) -> String {
        render::sentence(&self.a.program, &self.a.ground, l)
            .unwrap_or_else(|| format!("`{}`", self.lit_text(l)))
    }

    /// A premise in prose: `that SENTENCE`, or the literal in backticks.
    fn that(&self, l: Lit) -> String {
        match render::sentence(&self.a.program, &self.a.ground, l) {
            Some(s) => format!("that {s}"),
            None => format!("`{}`", self.lit_text(l)),
        }
    }

    fn status(&self, l: Lit) -> Status {
        self.o.status(&self.a.ground, &self.a.index, l)
    }

    /// The node of literal `l`, created (and queued for expansion) on first use.
    fn literal(&mut self, l: Lit, depth: usize) -> usize {
        if let Some(&id) = self.lit_node.get(&l) {
            return id;
        }
        let status = self.status(l);
        let id = self.push(
            Step::Literal {
                literal: self.lit_text(l),
                sentence: render::sentence(&self.a.program, &self.a.ground, l),
                status,
            },
            depth,
            None,
        );
        self.lit_node.insert(l, id);
        if self.opts.depth.is_some_and(|d| depth >= d) {
            let f = self.push(Step::Folded, depth + 1, None);
            self.nodes[id].children.push(f);
        } else {
            self.queue.push_back((id, l));
        }
        id
    }

    fn child(&mut self, parent: usize, step: Step, source: SourceSlot) -> usize {
        let d = self.depth[parent] + 1;
        let id = self.push(step, d, source);
        self.nodes[parent].children.push(id);
        id
    }

    fn link_lit(&mut self, parent: usize, l: Lit) {
        let d = self.depth[parent] + 1;
        let id = self.literal(l, d);
        self.nodes[parent].children.push(id);
    }

    fn label(&self, r: RuleId) -> String {
        self.a.program.rule_label(r).to_string()
    }

    fn location(&self, span: crate::source::Span) -> String {
        let (line, _) = self.a.sources.line_col(span.file, span.start);
        format!("{}:{}", self.a.sources.file(span.file).name, line)
    }

    /// The binding of ground rule `gr`'s variables, read back from its literals (every variable
    /// of a safe rule occurs in a body literal).
    fn binding_of(&self, gr: u32) -> Vec<u32> {
        let g = &self.a.ground;
        let grule = &g.rules[gr as usize];
        let rule = &self.a.program.rules[grule.rule.index()];
        let mut binding = vec![ground::UNBOUND; rule.vars.len()];
        let lits = rule.body.iter().filter_map(|b| match b {
            HBody::Lit(l) => Some(l),
            HBody::Cmp(..) => None,
        });
        for (hl, &gl) in lits.zip(g.body(gr as usize)) {
            ground::bind_atom(hl, g.atoms.args(gl.atom()), &mut binding);
        }
        ground::bind_atom(&rule.head, g.atoms.args(grule.head.atom()), &mut binding);
        binding
    }

    fn const_text(&self, c: ConstId) -> String {
        self.a.program.const_text(c)
    }

    fn term_text(&self, t: HTerm, binding: &[u32]) -> String {
        match t {
            HTerm::Const(c) => self.const_text(c),
            HTerm::Var(v) => match binding.get(v as usize) {
                Some(&b) if b != ground::UNBOUND => self.const_text(ConstId(b)),
                _ => "_".to_string(),
            },
        }
    }

    fn hlit_text(&self, l: &crate::hir::HLit, binding: &[u32]) -> String {
        let p = &self.a.program;
        let mut s = String::new();
        if l.neg {
            s.push('~');
        }
        s.push_str(p.pred_name(l.pred));
        if !l.args.is_empty() {
            let args: Vec<String> = l.args.iter().map(|&t| self.term_text(t, binding)).collect();
            s.push('(');
            s.push_str(&args.join(", "));
            s.push(')');
        }
        s
    }

    /// The comparisons of rule `r` under `binding`: their text with values, and whether each
    /// holds (`None` while a variable has no value).
    fn comparisons(&self, r: RuleId, binding: &[u32]) -> Vec<(String, Option<bool>)> {
        let rule = &self.a.program.rules[r.index()];
        rule.body
            .iter()
            .filter_map(|b| match b {
                HBody::Cmp(l, op, rt) => {
                    let text = format!(
                        "{} {} {}",
                        self.term_text(*l, binding),
                        op.as_str(),
                        self.term_text(*rt, binding)
                    );
                    let holds = binding_complete(*l, *rt, binding).then(|| {
                        ground::compare_typed(&self.a.program, &(*l, *op, *rt), binding)
                            .unwrap_or(false)
                    });
                    Some((text, holds))
                }
                HBody::Lit(_) => None,
            })
            .collect()
    }

    /// Rule `r` as shown: the instance under `binding`, its variables' values, its source.
    fn rule_ref(&self, r: RuleId, binding: &[u32]) -> RuleRef {
        let p = &self.a.program;
        let rule = &p.rules[r.index()];
        let body: Vec<String> = rule
            .body
            .iter()
            .map(|b| match b {
                HBody::Lit(l) => self.hlit_text(l, binding),
                HBody::Cmp(l, op, rt) => format!(
                    "{} {} {}",
                    self.term_text(*l, binding),
                    op.as_str(),
                    self.term_text(*rt, binding)
                ),
            })
            .collect();
        let arrow = rule.kind.as_str();
        let head = self.hlit_text(&rule.head, binding);
        let instance = if body.is_empty() {
            format!("{arrow} {head}")
        } else {
            format!("{} {arrow} {head}", body.join(", "))
        };
        let bindings = rule
            .vars
            .iter()
            .enumerate()
            .filter(|&(_, &v)| p.names.resolve(v) != "_")
            .filter_map(|(i, &v)| {
                let b = *binding.get(i)?;
                (b != ground::UNBOUND).then(|| Binding {
                    variable: p.names.resolve(v).to_string(),
                    value: self.const_text(ConstId(b)),
                })
            })
            .collect();
        RuleRef {
            label: self.label(r),
            kind: rule.kind,
            text: render::rule_source_text(p, &self.a.sources, r),
            instance,
            bindings,
            unless_of: match rule.origin {
                Origin::Unless(of) => Some(self.label(of)),
                Origin::Written => None,
            },
            source: None,
            location: self.location(rule.span),
        }
    }

    fn ground_ref(&self, gr: u32) -> (RuleRef, SourceSlot) {
        let r = self.a.ground.rules[gr as usize].rule;
        let binding = self.binding_of(gr);
        (
            self.rule_ref(r, &binding),
            self.a.program.rules[r.index()].source,
        )
    }

    /// A rule application node with its body literals and comparisons as children.
    fn apply(&mut self, parent: usize, gr: u32, strict: bool) {
        let head = self.a.ground.rules[gr as usize].head;
        let (rule, source) = self.ground_ref(gr);
        let r = self.a.ground.rules[gr as usize].rule;
        let binding = self.binding_of(gr);
        let step = Step::Apply {
            rule,
            conclusion: self.lit_text(head),
            strict,
        };
        let id = self.child(parent, step, source);
        for &b in self.a.ground.body(gr as usize) {
            self.link_lit(id, b);
        }
        for (text, holds) in self.comparisons(r, &binding) {
            let holds = holds.unwrap_or(false);
            self.child(id, Step::Comparison { text, holds }, None);
        }
    }

    /// The first body literal of `gr` that fails (−∂), or else the first without a finite proof.
    fn failing_literal(&self, gr: u32) -> Option<Lit> {
        let body = self.a.ground.body(gr as usize);
        body.iter()
            .copied()
            .find(|&b| self.o.has(b, MINUS_PARTIAL))
            .or_else(|| body.iter().copied().find(|&b| !self.o.has(b, PLUS_PARTIAL)))
    }

    /// The fact of this position that states `l`, if any: its index in `Program::facts`.
    fn fact(&self, l: Lit) -> Option<usize> {
        let facts = self.facts.get_or_init(|| {
            let th = &self.a.program.theories[self.pos.index()];
            let mut map = FxHashMap::default();
            for (i, &f) in self.a.ground.facts.iter().enumerate().rev() {
                if th.facts[i] {
                    map.insert(f, i); // the first such fact wins
                }
            }
            map
        });
        facts.get(&l).copied()
    }

    /// The supporting rules of a literal that holds defeasibly: every applicable rule for it
    /// that beats an attacker (the team), or, when no attacker needed beating, the first
    /// applicable one.
    fn support(&self, l: Lit) -> Vec<u32> {
        let (a, o) = (self.a, self.o);
        let applicable: Vec<u32> = a
            .index
            .heads
            .get(l.index())
            .iter()
            .copied()
            .filter(|&r| {
                o.rule_state[r as usize] == APPLICABLE
                    && a.ground.rules[r as usize].kind != Arrow::Defeater
            })
            .collect();
        let team: Vec<u32> = applicable
            .iter()
            .copied()
            .filter(|&t| {
                let rule = a.ground.rules[t as usize].rule;
                o.inferiors.get(t as usize).iter().any(|&s| {
                    o.rule_state[s as usize] == APPLICABLE
                        && self
                            .beater(s)
                            .is_some_and(|(b, _)| a.ground.rules[b as usize].rule == rule)
                })
            })
            .collect();
        if team.is_empty() {
            applicable.first().copied().into_iter().collect()
        } else {
            team
        }
    }

    /// The strict rule that proves `l` definitely, if it is not a fact.
    fn strict_support(&self, l: Lit) -> Option<u32> {
        let (a, o) = (self.a, self.o);
        a.index.heads.get(l.index()).iter().copied().find(|&r| {
            o.active(r)
                && a.ground.rules[r as usize].kind == Arrow::Strict
                && a.ground
                    .body(r as usize)
                    .iter()
                    .all(|&b| o.has(b, PLUS_DELTA))
        })
    }

    /// Rules for `side` that this position rejects: (ground rule, the rejecting position, where).
    fn rejected(&self, side: Lit) -> Vec<(u32, PosId, crate::source::Span)> {
        let p = &self.a.program;
        let th = &p.theories[self.pos.index()];
        let mut out = Vec::new();
        for &r in self.a.index.heads.get(side.index()) {
            if self.o.rule_state[r as usize] != INACTIVE {
                continue;
            }
            let rid = self.a.ground.rules[r as usize].rule;
            let rule = &p.rules[rid.index()];
            if !th.included.contains(&rule.position) {
                continue; // another position's rule: not part of this theory at all
            }
            let named = match rule.origin {
                Origin::Unless(of) => [rid, of],
                Origin::Written => [rid, rid],
            };
            let by = th.included.iter().find_map(|&q| {
                p.positions[q.index()]
                    .rejects
                    .iter()
                    .find(|(x, _)| named.contains(x))
                    .map(|&(_, span)| (q, span))
            });
            if let Some((q, span)) = by {
                // One line per rule, not per instance.
                if !out
                    .iter()
                    .any(|&(o, _, _): &(u32, PosId, _)| self.a.ground.rules[o as usize].rule == rid)
                {
                    out.push((r, q, span));
                }
            }
        }
        out
    }

    /// Instances of the position's rules for `side` that some comparison ruled out: the rule
    /// with its variables bound from `side` and from literals of the theory, every comparison
    /// decidable, one false. (Such instances never reach the ground theory.)
    fn near_misses(&self, side: Lit) -> Vec<(RuleId, Vec<u32>)> {
        let p = &self.a.program;
        let g = &self.a.ground;
        let th = &p.theories[self.pos.index()];
        let pred = g.atoms.pred(side.atom());
        let mut out = Vec::new();
        let compared = self.compared.get_or_init(|| {
            let mut map: FxHashMap<_, Vec<RuleId>> = FxHashMap::default();
            for (ri, rule) in p.rules.iter().enumerate() {
                if th.rules[ri] && rule.body.iter().any(|b| matches!(b, HBody::Cmp(..))) {
                    map.entry((rule.head.pred, rule.head.neg))
                        .or_default()
                        .push(RuleId(ri as u32));
                }
            }
            map
        });
        let candidates = compared
            .get(&(pred, side.is_neg()))
            .map_or(&[][..], Vec::as_slice);
        for &rid in candidates {
            let ri = rid.index();
            let rule = &p.rules[ri];
            let mut binding = vec![ground::UNBOUND; rule.vars.len()];
            if !ground::bind_atom(&rule.head, g.atoms.args(side.atom()), &mut binding) {
                continue;
            }
            let lits: Vec<&crate::hir::HLit> = rule
                .body
                .iter()
                .filter_map(|b| match b {
                    HBody::Lit(l) => Some(l),
                    HBody::Cmp(..) => None,
                })
                .collect();
            let atoms = self.atoms.get_or_init(|| {
                let mut map: FxHashMap<_, Vec<ground::AtomId>> = FxHashMap::default();
                for a in 0..g.atoms.len() as u32 {
                    let atom = ground::AtomId(a);
                    map.entry(g.atoms.pred(atom)).or_default().push(atom);
                }
                map
            });
            // Depth-first over the body literals, with an explicit stack of (literal index,
            // next atom to try, binding before it).
            let mut steps = 0;
            let mut stack: Vec<(usize, u32, Vec<u32>)> = vec![(0, 0, binding)];
            while let Some((k, next, before)) = stack.pop() {
                steps += 1;
                if steps > NEAR_MISS_STEPS || out.len() >= 3 {
                    break;
                }
                if k == lits.len() {
                    let cmps = self.comparisons(rid, &before);
                    if cmps.iter().any(|(_, holds)| *holds == Some(false)) {
                        out.push((rid, before));
                    }
                    continue;
                }
                let want = lits[k];
                let candidates = atoms.get(&want.pred).map_or(&[][..], Vec::as_slice);
                let found =
                    candidates
                        .iter()
                        .enumerate()
                        .skip(next as usize)
                        .find_map(|(i, &atom)| {
                            steps += 1;
                            let mut b = before.clone();
                            ground::bind_atom(want, g.atoms.args(atom), &mut b)
                                .then_some((i as u32, b))
                        });
                if let Some((i, b)) = found {
                    stack.push((k, i + 1, before));
                    stack.push((k + 1, 0, b));
                }
            }
        }
        out
    }

    fn expand(&mut self, id: usize, l: Lit) {
        let (a, o) = (self.a, self.o);
        if o.has(l, PLUS_DELTA) {
            if let Some(i) = self.fact(l) {
                let f = &a.program.facts[i];
                let stated_by =
                    (f.position != COMMON).then(|| a.program.position_name(f.position).to_string());
                let step = Step::Fact {
                    literal: self.lit_text(l),
                    source: None,
                    stated_by,
                };
                self.child(id, step, f.source);
                return;
            }
            if let Some(r) = self.strict_support(l) {
                self.apply(id, r, true);
                return;
            }
        }
        if o.has(l, PLUS_PARTIAL) {
            for r in self.support(l) {
                self.apply(id, r, false);
            }
            self.opposition(id, l.complement());
            return;
        }
        if o.has(l.complement(), PLUS_PARTIAL) {
            // Denied: the complement holds, and that is the explanation.
            self.link_lit(id, l.complement());
            return;
        }
        let reason = o.reason(&a.ground, &a.index, l);
        self.child(id, Step::Undecided { reason }, None);
        for side in [l, l.complement()] {
            for &r in a.index.heads.get(side.index()) {
                let (state, beaten_by) = match o.rule_state[r as usize] {
                    INACTIVE => continue,
                    APPLICABLE if o.beaten[r as usize] => (RuleState::Beaten, self.beaten_by(r)),
                    APPLICABLE => (RuleState::Applicable, None),
                    DISCARDED => (RuleState::NotApplicable, None),
                    PENDING => (RuleState::NoFiniteProof, None),
                    _ => continue,
                };
                let (rule, source) = self.ground_ref(r);
                let step = Step::Involved {
                    rule,
                    conclusion: self.lit_text(side),
                    supports: side == l,
                    state,
                    beaten_by,
                };
                let n = self.child(id, step, source);
                if matches!(state, RuleState::NotApplicable | RuleState::NoFiniteProof) {
                    if let Some(b) = self.failing_literal(r) {
                        self.link_lit(n, b);
                    }
                }
            }
            self.rejected_and_near_misses(id, side, |rule, conclusion, rejected| Step::Involved {
                rule,
                conclusion,
                supports: side == l,
                state: match rejected {
                    Some(_) => RuleState::Rejected,
                    None => RuleState::NotApplicable,
                },
                beaten_by: rejected,
            });
        }
    }

    /// The comparison children of a near miss: the first false one.
    fn failed_comparisons(&mut self, parent: usize, r: RuleId, binding: &[u32]) {
        if let Some((text, _)) = self
            .comparisons(r, binding)
            .into_iter()
            .find(|(_, holds)| *holds == Some(false))
        {
            self.child(parent, Step::Comparison { text, holds: false }, None);
        }
    }

    /// The rules for `against` (the complement of a literal that holds) and why none wins.
    fn opposition(&mut self, id: usize, against: Lit) {
        let (a, o) = (self.a, self.o);
        for &s in a.index.heads.get(against.index()) {
            let outcome = match o.rule_state[s as usize] {
                INACTIVE => continue,
                DISCARDED | PENDING => Opposition::NotApplicable,
                _ => self.beaten_by(s).unwrap_or(Opposition::NotApplicable),
            };
            let failing = matches!(outcome, Opposition::NotApplicable);
            let (rule, source) = self.ground_ref(s);
            let step = Step::Opposing {
                rule,
                conclusion: self.lit_text(against),
                outcome,
            };
            let n = self.child(id, step, source);
            if failing {
                if let Some(b) = self.failing_literal(s) {
                    self.link_lit(n, b);
                }
            }
        }
        self.rejected_and_near_misses(id, against, |rule, conclusion, rejected| Step::Opposing {
            rule,
            conclusion,
            outcome: rejected.unwrap_or(Opposition::NotApplicable),
        });
    }

    /// The children of `id` for the rules for `lit` that the position rejects (`step` is given
    /// the rejection) and for the near misses, rules that failed on a comparison (given `None`;
    /// the false comparison becomes the step's child).
    fn rejected_and_near_misses(
        &mut self,
        id: usize,
        lit: Lit,
        step: impl Fn(RuleRef, String, Option<Opposition>) -> Step,
    ) {
        let a = self.a;
        for (gr, q, span) in self.rejected(lit) {
            let (rule, source) = self.ground_ref(gr);
            let rejected = Opposition::Rejected {
                by: a.program.position_name(q).to_string(),
                location: self.location(span),
            };
            self.child(id, step(rule, self.lit_text(lit), Some(rejected)), source);
        }
        for (r, binding) in self.near_misses(lit) {
            let rule = self.rule_ref(r, &binding);
            let source = a.program.rules[r.index()].source;
            let n = self.child(id, step(rule, self.lit_text(lit), None), source);
            self.failed_comparisons(n, r, &binding);
        }
    }

    /// The first applicable superior (ground rule) of `s`, and its superiority statement.
    fn beater(&self, s: u32) -> Option<(u32, u32)> {
        let o = self.o;
        let sup = o.superiors.get(s as usize);
        let k = sup
            .iter()
            .position(|&t| o.rule_state[t as usize] == APPLICABLE)?;
        Some((sup[k], o.superior_statement.get(s as usize)[k]))
    }

    /// The applicable superior rule that beats `s`, with the superiority statement, as shown.
    fn beaten_by(&self, s: u32) -> Option<Opposition> {
        let p = &self.a.program;
        let (t, stmt) = self.beater(s)?;
        let st = &p.sups[stmt as usize];
        Some(Opposition::BeatenBy {
            statement: format!("{} > {}", p.rule_label(st.sup), p.rule_label(st.inf)),
            rule: self.label(self.a.ground.rules[t as usize].rule),
            location: self.location(st.span),
            stated_by: p.position_name(st.position).to_string(),
        })
    }

    // ---- The decisive step ----
    //
    // What decides a case is where arguments met: an opposing rule beaten by a priority, rejected
    // by the position, ruled out by a comparison, or failing on a premise that was itself decided
    // further down. The decisive step names what carried the conclusion, then follows each
    // opposing argument down to that point (at most `DECISIVE_DEPTH` premises deep); premises
    // nobody contested are only named where the reasoning bottoms out on them.

    /// The decisive step of `l`: (depth, line) pairs.
    fn decisive(&self, l: Lit) -> Vec<(usize, Line)> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        match self.status(l).verdict {
            Verdict::Holds => self.carried(l, 0, &mut seen, &mut out),
            Verdict::Denied => {
                let c = l.complement();
                out.push((
                    0,
                    (
                        DecisiveStep::Opposite {
                            literal: self.lit_text(c),
                        },
                        format!("Denied, because the opposite holds: {}.", self.prose(c)),
                        None,
                    ),
                ));
                self.carried(c, 0, &mut seen, &mut out);
            }
            Verdict::Undecided => self.why_undecided(l, 0, &mut seen, &mut out),
        }
        if out.len() > MAX_DECISIVE {
            let count = out.len() - MAX_DECISIVE + 1;
            out.truncate(MAX_DECISIVE - 1);
            let text = format!("… and {count} more: see the tree below.");
            out.push((0, (DecisiveStep::More { count }, text, None)));
        }
        out
    }

    /// The fact or strict rule that proves `l` definitely, as a line.
    fn definite(&self, l: Lit, depth: usize, out: &mut Vec<(usize, Line)>) {
        let a = self.a;
        if let Some(i) = self.fact(l) {
            let f = &a.program.facts[i];
            let stated_by =
                (f.position != COMMON).then(|| a.program.position_name(f.position).to_string());
            let by = match &stated_by {
                Some(p) => format!(", stated by position {p}"),
                None => String::new(),
            };
            out.push((
                depth,
                (
                    DecisiveStep::Fact {
                        literal: self.lit_text(l),
                        stated_by,
                        footnote: None,
                    },
                    format!("It is a fact{by}{{fn}}: {}.", self.prose(l)),
                    f.source,
                ),
            ));
        } else if let Some(r) = self.strict_support(l) {
            let rid = a.ground.rules[r as usize].rule;
            let label = self.label(rid);
            let binding = self.binding_of(r);
            let cmps: Vec<String> = self
                .comparisons(rid, &binding)
                .into_iter()
                .map(|(t, _)| format!("`{t}`"))
                .collect();
            let because = if cmps.is_empty() {
                String::new()
            } else {
                format!(" (with {})", cmps.join(", "))
            };
            out.push((
                depth,
                (
                    DecisiveStep::CarriedBy {
                        rules: vec![label.clone()],
                        strict: true,
                    },
                    format!(
                        "{}, strictly, by `{label}`{{fn}}{because}: facts and strict rules, which nothing can defeat.",
                        capitalise(&self.prose(l))
                    ),
                    a.program.rules[rid.index()].source,
                ),
            ));
        }
    }

    /// The labels of the rules that carry `l` and the source to cite after them (one rule).
    fn carriers(&self, l: Lit) -> (Vec<u32>, Vec<String>, SourceSlot) {
        let a = self.a;
        let support = self.support(l);
        let mut labels: Vec<String> = support
            .iter()
            .map(|&r| self.label(a.ground.rules[r as usize].rule))
            .collect();
        labels.dedup();
        let source = match labels.len() {
            1 => support
                .first()
                .and_then(|&r| a.program.rules[a.ground.rules[r as usize].rule.index()].source),
            _ => None,
        };
        (support, labels, source)
    }

    fn carried_text(labels: &[String]) -> String {
        match labels {
            [one] => format!("carried by rule `{one}`{{fn}}"),
            many => format!(
                "carried by the team {} (each beats the rule it faces)",
                many.iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// The literal explained holds: what carried it, and why each opposing argument failed.
    fn carried(&self, l: Lit, depth: usize, seen: &mut Vec<Lit>, out: &mut Vec<(usize, Line)>) {
        seen.push(l);
        if self.o.has(l, PLUS_DELTA) {
            self.definite(l, depth, out);
            return;
        }
        let (_, labels, source) = self.carriers(l);
        let text = format!("{}.", capitalise(&Self::carried_text(&labels)));
        out.push((
            depth,
            (
                DecisiveStep::CarriedBy {
                    rules: labels,
                    strict: false,
                },
                text,
                source,
            ),
        ));
        self.oppose(l.complement(), depth, true, seen, out);
    }

    /// A premise that holds, down the chain: a line where it was contested or where the
    /// reasoning bottoms out, else straight on to its own contested premises.
    fn premise(&self, l: Lit, depth: usize, seen: &mut Vec<Lit>, out: &mut Vec<(usize, Line)>) {
        if seen.contains(&l) || depth > DECISIVE_DEPTH + 1 {
            return;
        }
        seen.push(l);
        if self.o.has(l, PLUS_DELTA) {
            if self.fact(l).is_none() {
                self.definite(l, depth, out);
            }
            return;
        }
        let (support, labels, source) = self.carriers(l);
        let premises: Vec<Lit> = support
            .iter()
            .flat_map(|&r| self.a.ground.body(r as usize).iter().copied())
            .filter(|&b| !self.o.has(b, PLUS_DELTA))
            .collect();
        let contested = self.contested(l.complement());
        let line = contested || premises.is_empty();
        if line {
            let text = format!(
                "{}: {}.",
                capitalise(&self.prose(l)),
                Self::carried_text(&labels)
            );
            out.push((
                depth,
                (
                    DecisiveStep::CarriedBy {
                        rules: labels,
                        strict: false,
                    },
                    text,
                    source,
                ),
            ));
            if contested {
                self.oppose(l.complement(), depth + 1, false, seen, out);
            }
        }
        let next = if line { depth + 1 } else { depth };
        for b in premises {
            self.premise(b, next, seen, out);
        }
    }

    /// Whether some rule for `against` was actually met: beaten, rejected or ruled out by a
    /// comparison (not merely left without its premises).
    fn contested(&self, against: Lit) -> bool {
        let o = self.o;
        self.a
            .index
            .heads
            .get(against.index())
            .iter()
            .any(|&s| o.rule_state[s as usize] == APPLICABLE && o.beaten[s as usize])
            || !self.rejected(against).is_empty()
            || !self.near_misses(against).is_empty()
    }

    /// Why no rule for `against` wins: beaten, rejected, ruled out by a comparison, or (with
    /// `failing`) not applicable, followed down to what decided its premise.
    fn oppose(
        &self,
        against: Lit,
        depth: usize,
        failing: bool,
        seen: &mut Vec<Lit>,
        out: &mut Vec<(usize, Line)>,
    ) {
        let a = self.a;
        let o = self.o;
        let mut named: Vec<RuleId> = Vec::new();
        for &s in a.index.heads.get(against.index()) {
            let rid = a.ground.rules[s as usize].rule;
            if o.rule_state[s as usize] == INACTIVE || named.contains(&rid) {
                continue;
            }
            let label = self.label(rid);
            match o.rule_state[s as usize] {
                DISCARDED | PENDING if failing => {
                    let Some(b) = self.failing_literal(s) else {
                        continue;
                    };
                    named.push(rid);
                    let st = self.status(b);
                    out.push((
                        depth,
                        (
                            DecisiveStep::NotApplicable {
                                rule: label.clone(),
                                premise: self.lit_text(b),
                                verdict: st.text(),
                            },
                            format!(
                                "`{label}`{{fn}} does not apply: its premise {} is {}.",
                                self.that(b),
                                st.text()
                            ),
                            a.program.rules[rid.index()].source,
                        ),
                    ));
                    if depth < DECISIVE_DEPTH {
                        match st.verdict {
                            Verdict::Denied => self.premise(b.complement(), depth + 1, seen, out),
                            Verdict::Undecided => self.why_undecided(b, depth + 1, seen, out),
                            Verdict::Holds => {}
                        }
                    }
                }
                APPLICABLE => {
                    if let Some(Opposition::BeatenBy {
                        rule,
                        statement,
                        location,
                        stated_by,
                    }) = self.beaten_by(s)
                    {
                        named.push(rid);
                        let whose = if stated_by == "common" {
                            "common ground".to_string()
                        } else {
                            format!("position {stated_by}")
                        };
                        out.push((
                            depth,
                            (
                                DecisiveStep::Beaten {
                                    rule: label.clone(),
                                    by: rule.clone(),
                                    statement: statement.clone(),
                                    location: location.clone(),
                                    stated_by,
                                },
                                format!(
                                    "`{label}` is beaten by `{rule}`: `{statement}` ({location}, a priority of {whose})."
                                ),
                                None,
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
        for (gr, q, span) in self.rejected(against) {
            let rid = a.ground.rules[gr as usize].rule;
            let label = self.label(rid);
            let by = a.program.position_name(q).to_string();
            let location = self.location(span);
            out.push((
                depth,
                (
                    DecisiveStep::Rejected {
                        rule: label.clone(),
                        by: by.clone(),
                        location: location.clone(),
                    },
                    format!("`{label}`{{fn}} is rejected by position {by} ({location})."),
                    a.program.rules[rid.index()].source,
                ),
            ));
        }
        for (r, binding) in self.near_misses(against) {
            let label = self.label(r);
            if let Some((text, _)) = self
                .comparisons(r, &binding)
                .into_iter()
                .find(|(_, h)| *h == Some(false))
            {
                out.push((
                    depth,
                    (
                        DecisiveStep::NotApplicable {
                            rule: label.clone(),
                            premise: text.clone(),
                            verdict: "false".to_string(),
                        },
                        format!("`{label}`{{fn}} does not apply: `{text}` is false."),
                        a.program.rules[r.index()].source,
                    ),
                ));
            }
        }
    }

    fn why_undecided(
        &self,
        l: Lit,
        depth: usize,
        seen: &mut Vec<Lit>,
        out: &mut Vec<(usize, Line)>,
    ) {
        if seen.contains(&l) {
            return;
        }
        seen.push(l);
        let (a, o) = (self.a, self.o);
        let reason = o.reason(&a.ground, &a.index, l);
        // The ground rules for `side` that pass `f`.
        let rules_for = |side: Lit, f: &dyn Fn(u32) -> bool| -> Vec<u32> {
            let heads = a.index.heads.get(side.index());
            heads.iter().copied().filter(|&r| f(r)).collect()
        };
        let labels = |side: Lit, f: &dyn Fn(u32) -> bool| -> Vec<String> {
            let mut v: Vec<String> = rules_for(side, f)
                .into_iter()
                .map(|r| self.label(a.ground.rules[r as usize].rule))
                .collect();
            v.dedup();
            v
        };
        let ticks = |v: &[String]| {
            v.iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let standing = |r: u32| {
            o.rule_state[r as usize] == APPLICABLE
                && !o.beaten[r as usize]
                && a.ground.rules[r as usize].kind != Arrow::Defeater
        };
        let defeater = |r: u32| {
            o.rule_state[r as usize] == APPLICABLE
                && !o.beaten[r as usize]
                && a.ground.rules[r as usize].kind == Arrow::Defeater
        };
        let subject = self.prose(l);
        match reason {
            Reason::Conflict => {
                let (pro, con) = (labels(l, &standing), labels(l.complement(), &standing));
                out.push((
                    depth,
                    (
                        DecisiveStep::Conflict {
                            rules_for: pro.clone(),
                            rules_against: con.clone(),
                        },
                        format!(
                            "Undecided whether {subject}: {} for and {} against both apply, and no priority of this position decides between them.",
                            ticks(&pro),
                            ticks(&con)
                        ),
                        None,
                    ),
                ));
            }
            Reason::BlockedByDefeater => {
                let (pro, con) = (labels(l, &standing), labels(l.complement(), &standing));
                let (rules, side) = if pro.is_empty() {
                    (con, l)
                } else {
                    (pro, l.complement())
                };
                let blockers = labels(side, &defeater);
                // An `unless` exception is named as the user wrote it, not by its generated label.
                let (mut written, mut exceptions) = (Vec::new(), Vec::new());
                for r in rules_for(side, &defeater) {
                    let rule = a.ground.rules[r as usize].rule;
                    match a.program.rules[rule.index()].origin {
                        Origin::Unless(of) => exceptions
                            .push(format!("the `unless` exception of `{}`", self.label(of))),
                        Origin::Written => written.push(self.label(rule)),
                    }
                }
                written.dedup();
                exceptions.dedup();
                let mut named = exceptions;
                match written.len() {
                    0 => {}
                    1 => named.push(format!("the defeater `{}`", written[0])),
                    _ => named.push(format!("the defeaters {}", ticks(&written))),
                }
                out.push((
                    depth,
                    (
                        DecisiveStep::Blocked {
                            rules: rules.clone(),
                            defeaters: blockers.clone(),
                        },
                        format!(
                            "Undecided whether {subject}: {} would carry it, but {} {} it.",
                            ticks(&rules),
                            named.join(" and "),
                            if named.len() + written.len().saturating_sub(1) == 1 {
                                "blocks"
                            } else {
                                "block"
                            }
                        ),
                        None,
                    ),
                ));
            }
            Reason::Circular => {
                let pending = |r: u32| o.rule_state[r as usize] == PENDING;
                let mut rules = labels(l, &pending);
                rules.extend(labels(l.complement(), &pending));
                out.push((
                    depth,
                    (
                        DecisiveStep::Circular {
                            rules: rules.clone(),
                        },
                        format!(
                            "Undecided whether {subject}: it is supported only through a loop ({}), so it has no finite proof either way.",
                            ticks(&rules)
                        ),
                        None,
                    ),
                ));
            }
            Reason::UndecidedPremise => {
                for side in [l, l.complement()] {
                    for &r in a.index.heads.get(side.index()) {
                        if o.rule_state[r as usize] == INACTIVE {
                            continue;
                        }
                        let Some(b) = self.failing_literal(r) else {
                            continue;
                        };
                        let st = self.status(b);
                        if st.verdict != Verdict::Undecided {
                            continue;
                        }
                        let label = self.label(a.ground.rules[r as usize].rule);
                        out.push((
                            depth,
                            (
                                DecisiveStep::NotApplicable {
                                    rule: label.clone(),
                                    premise: self.lit_text(b),
                                    verdict: st.text(),
                                },
                                format!(
                                    "`{label}` would {} it, but its premise {} is itself {}.",
                                    if side == l { "carry" } else { "oppose" },
                                    self.that(b),
                                    st.text()
                                ),
                                None,
                            ),
                        ));
                        if depth < DECISIVE_DEPTH {
                            self.why_undecided(b, depth + 1, seen, out);
                        }
                        return;
                    }
                }
            }
            Reason::Unsupported => {
                out.push((
                    depth,
                    (
                        DecisiveStep::Unsupported,
                        format!(
                            "Undecided whether {subject}: no rule of this position for it or its opposite could apply."
                        ),
                        None,
                    ),
                ));
                // A rule the position rejects, or one a comparison ruled out, is why.
                for side in [l, l.complement()] {
                    self.oppose(side, depth + 1, false, seen, out);
                }
            }
        }
    }

    /// Number the footnotes in reading order (the decisive step, then the tree depth-first as
    /// it is printed) and assemble the explanation.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        mut self,
        root: usize,
        status: Status,
        sentence: Option<String>,
        headline: String,
        decisive: Vec<(usize, Line)>,
        literal: &str,
        position_title: Option<String>,
    ) -> Result<Explanation, Diagnostic> {
        let p = &self.a.program;
        let mut numbers: FxHashMap<SourceId, usize> = FxHashMap::default();
        let mut footnotes: Vec<Citation> = Vec::new();
        let mut cite = |s: SourceId| -> Citation {
            let next = numbers.len() + 1;
            let n = *numbers.entry(s).or_insert(next);
            let src = &p.sources[s.index()];
            let c = Citation {
                name: p.names.resolve(src.name).to_string(),
                citation: src.citation.clone(),
                footnote: n,
            };
            if n == next {
                footnotes.push(c.clone());
            }
            c
        };
        let decisive: Vec<Decisive> = decisive
            .into_iter()
            .map(|(depth, (mut step, mut text, source))| {
                // The footnote goes where the line marks it (after the rule it cites).
                let mark = match source {
                    Some(s) => {
                        let c = cite(s);
                        if let DecisiveStep::Fact { footnote, .. } = &mut step {
                            *footnote = Some(c.footnote);
                        }
                        format!(" [{}]", c.footnote)
                    }
                    None => String::new(),
                };
                text = text.replace("{fn}", &mark);
                Decisive { text, depth, step }
            })
            .collect();
        // Depth-first, children in order, each node once: the order the text is printed in.
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut seen[id], true) {
                continue;
            }
            if let Some(s) = self.node_source[id] {
                let c = cite(s);
                match &mut self.nodes[id].step {
                    Step::Fact { source, .. } => *source = Some(c),
                    Step::Apply { rule, .. }
                    | Step::Opposing { rule, .. }
                    | Step::Involved { rule, .. } => rule.source = Some(c),
                    _ => {}
                }
            }
            stack.extend(self.nodes[id].children.iter().rev());
        }
        Ok(Explanation {
            position: p.position_name(self.pos).to_string(),
            position_title,
            literal: literal.to_string(),
            sentence,
            status,
            headline,
            decisive,
            root,
            nodes: self.nodes,
            footnotes,
        })
    }
}

/// The first letter in upper case, unless the first word is a name as written in the file
/// (`bashar_al_assad`), which keeps its spelling.
fn capitalise(s: &str) -> String {
    let first = s.split(' ').next().unwrap_or("");
    if first.contains(['_', '`']) || first.chars().any(|c| c.is_ascii_digit()) {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Whether both terms of a comparison have values under `binding`.
fn binding_complete(l: HTerm, r: HTerm, binding: &[u32]) -> bool {
    [l, r].iter().all(|t| match t {
        HTerm::Const(_) => true,
        HTerm::Var(v) => binding
            .get(*v as usize)
            .is_some_and(|&b| b != ground::UNBOUND),
    })
}

impl Explanation {
    /// The verdict of the literal explained.
    pub fn verdict(&self) -> Verdict {
        self.status.verdict
    }
}
