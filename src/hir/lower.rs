//! AST → [`Program`]: resolution and the checks (`docs/language.md`, "Diagnostics") that need no
//! evaluation.

use rustc_hash::{FxHashMap, FxHashSet};

use super::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, closest};
use crate::logic::Arrow;
use crate::source::FileId;
use crate::syntax::ast::{
    self, Ast, BodyItem, Expectation, Ident, ItemKind, Literal, Term, TermKind,
};

/// Lower the parsed files of one run into a checked [`Program`]. Errors and warnings go to `diags`;
/// the program is only meant for evaluation when no error was reported.
///
/// `whatif` names the file of what-if changes ([`crate::load::WhatIf`]) and the positions they
/// apply to: its statements are lowered as if written inside each of those positions' blocks
/// (inside common ground, which every position includes, when there are none).
pub fn lower(
    files: &[(FileId, Ast)],
    names: Interner,
    whatif: Option<(FileId, &[String])>,
    diags: &mut Diagnostics,
) -> Program {
    let mut cx = Lower {
        p: Program {
            names,
            ..Program::default()
        },
        diags,
        pred_first: Vec::new(),
        files,
        anon: Sym::default(),
        label_spans: crate::intern::SymMap::default(),
        source_index: FxHashMap::default(),
        position_spans: Vec::new(),
    };
    cx.p.positions.push(HPosition {
        name: cx.p.names.intern("common"),
        title: None,
        extends: Vec::new(),
        rejects: Vec::new(),
        retracts: Vec::new(),
        span: Span::default(),
    });
    cx.position_spans.push(None);
    cx.anon = cx.p.names.intern("_");
    cx.declare(files);
    cx.lower_items(files, whatif);
    cx.check_underivable();
    cx.check_superiority_effect();
    super::positions::resolve(&mut cx.p, cx.diags);
    cx.p
}

struct Lower<'a> {
    p: Program,
    diags: &'a mut Diagnostics,
    /// Where each predicate was first used, for arity errors.
    pred_first: Vec<Span>,
    /// `_`, interned once.
    anon: Sym,
    /// The files' statements, for the places `underivable` warnings point at.
    files: &'a [(FileId, Ast)],
    label_spans: crate::intern::SymMap<Span>,
    source_index: FxHashMap<Sym, SourceId>,
    position_spans: Vec<Option<Span>>,
}

/// A statement that names rules, kept until every rule is lowered.
enum Waiting {
    Superiority(Ident, Ident, Span, PosId),
    /// The last field: a what-if change, allowed in common ground.
    Reject(Ident, Span, PosId, bool),
}

/// Per-rule variable scope.
#[derive(Default)]
struct Scope {
    vars: Vec<Sym>,
    /// `_`: every occurrence is a fresh variable.
    anon: Sym,
    /// Built only for rules with many variables, where a linear search would be quadratic.
    index: Option<FxHashMap<Sym, u32>>,
}

/// The variables bound by a rule's body literals (few: a vector).
#[derive(Default)]
struct Bound {
    few: Vec<Sym>,
    /// Past 32 variables, a set (a linear search would be quadratic on a huge rule).
    many: Option<FxHashSet<Sym>>,
}

impl Bound {
    fn insert(&mut self, s: Sym) {
        match &mut self.many {
            Some(set) => {
                set.insert(s);
            }
            None if self.few.contains(&s) => {}
            None => {
                self.few.push(s);
                if self.few.len() > 32 {
                    self.many = Some(self.few.drain(..).collect());
                }
            }
        }
    }
    fn contains(&self, s: &Sym) -> bool {
        match &self.many {
            Some(set) => set.contains(s),
            None => self.few.contains(s),
        }
    }
}

impl Scope {
    /// A rule has a handful of variables: a linear search beats hashing.
    fn var(&mut self, sym: Sym) -> u32 {
        if sym != self.anon {
            let found = match &self.index {
                Some(map) => map.get(&sym).copied(),
                None => self.vars.iter().position(|&v| v == sym).map(|i| i as u32),
            };
            if let Some(i) = found {
                return i;
            }
        }
        let i = self.vars.len() as u32;
        self.vars.push(sym);
        if self.index.is_none() && self.vars.len() > 32 {
            let anon = self.anon;
            self.index = Some(
                self.vars
                    .iter()
                    .enumerate()
                    .filter(|&(_, &v)| v != anon)
                    .map(|(k, &v)| (v, k as u32))
                    .rev()
                    .collect(),
            );
        } else if let Some(map) = &mut self.index {
            if sym != self.anon {
                map.insert(sym, i);
            }
        }
        i
    }
}

impl Lower<'_> {
    fn name(&self, s: Sym) -> &str {
        self.p.names.resolve(s)
    }

    /// First pass: sources, positions and predicate declarations, so that any statement may name
    /// them, wherever it stands.
    fn declare(&mut self, files: &[(FileId, Ast)]) {
        for (_, ast) in files {
            for item in &ast.items {
                match &item.kind {
                    ItemKind::Source { name, citation } => {
                        if let Some(&prev) = self.source_index.get(&name.sym) {
                            let prev = self.p.sources[prev.index()].span;
                            self.duplicate("source", name, prev);
                            continue;
                        }
                        let id = SourceId(self.p.sources.len() as u32);
                        self.p.sources.push(HSource {
                            name: name.sym,
                            citation: citation.clone(),
                            span: item.span,
                        });
                        self.source_index.insert(name.sym, id);
                    }
                    ItemKind::PositionOpen { name, title, .. } => {
                        if self.name(name.sym) == "?" {
                            continue; // a block whose header did not parse
                        }
                        if let Some(&prev) = self.p.position_index.get(&name.sym) {
                            let prev = self.p.positions[prev.index()].span;
                            self.duplicate("position", name, prev);
                            continue;
                        }
                        let id = PosId(self.p.positions.len() as u32);
                        self.p.positions.push(HPosition {
                            name: name.sym,
                            title: title.clone(),
                            extends: Vec::new(),
                            rejects: Vec::new(),
                            retracts: Vec::new(),
                            span: name.span,
                        });
                        self.position_spans.push(Some(item.span));
                        self.p.position_index.insert(name.sym, id);
                    }
                    ItemKind::Predicate {
                        name,
                        params,
                        template,
                    } => {
                        let arity = params.len() as u32;
                        let pred = self.pred(name, arity);
                        let slot = &mut self.p.preds[pred.index()].template;
                        if slot.is_none() {
                            *slot = Some(Box::new((
                                params.iter().map(|p| p.sym).collect(),
                                template.clone(),
                            )));
                        }
                        self.check_template(params, template, item.span);
                    }
                    _ => {}
                }
            }
        }
    }

    fn check_template(&mut self, params: &[Ident], template: &str, span: Span) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let key = &rest[open + 1..open + close];
            if !params.iter().any(|p| self.name(p.sym) == key) {
                let names: Vec<&str> = params.iter().map(|p| self.name(p.sym)).collect();
                let mut d = Diagnostic::new(
                    Code::Template,
                    format!("the template names `{{{key}}}`, which is not a parameter"),
                )
                .with_label(span, "in this predicate declaration");
                d = match closest(key, names.iter().copied()) {
                    Some(c) => d.with_help(format!("Did you mean `{{{c}}}`?")),
                    None => d.with_help(format!(
                        "Use one of the parameters: {}.",
                        names
                            .iter()
                            .map(|n| format!("`{{{n}}}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                };
                self.diags.push(d);
            }
            rest = &rest[open + close + 1..];
        }
    }

    fn duplicate(&mut self, what: &str, name: &Ident, prev: Span) {
        let n = self.name(name.sym).to_string();
        self.diags.push(
            Diagnostic::new(Code::DuplicateLabel, format!("the {what} `{n}` is defined twice"))
                .with_label(name.span, "defined again here")
                .with_label(prev, "first defined here")
                .with_help(format!("Give each {what} its own name; names are shared by all files and positions of a run.")),
        );
    }

    /// The predicate `name`/`arity`, created on first use; an arity clash is reported.
    fn pred(&mut self, name: &Ident, arity: u32) -> PredId {
        if let Some(&id) = self.p.pred_index.get(&name.sym) {
            let known = self.p.preds[id.index()].arity;
            if known != arity {
                let n = self.name(name.sym).to_string();
                let first = self.pred_first[id.index()];
                if self.p.preds[id.index()].template.is_some() {
                    // The first occurrence is its declaration (`declare` runs first).
                    self.diags.push(
                        Diagnostic::new(
                            Code::Arity,
                            format!("`{n}` is declared with {known} parameter{} but used with {arity} argument{} here", plural(known), plural(arity)),
                        )
                        .with_label(name.span, format!("{arity} argument{}", plural(arity)))
                        .with_label(first, format!("declared with {known} parameter{}", plural(known)))
                        .with_help(format!("Give `{n}` {known} argument{}, as its declaration does, or change the declaration.", plural(known))),
                    );
                    return id;
                }
                self.diags.push(
                    Diagnostic::new(
                        Code::Arity,
                        format!("`{n}` is used with {arity} argument{} here and {known} elsewhere", plural(arity)),
                    )
                    .with_label(name.span, format!("{arity} argument{}", plural(arity)))
                    .with_label(first, format!("first used with {known} argument{}", plural(known)))
                    .with_help(format!("Use `{n}` with one number of arguments everywhere, or give the other use its own name.")),
                );
            }
            return id;
        }
        let id = PredId(self.p.preds.len() as u32);
        self.p.preds.push(Pred {
            name: name.sym,
            arity,
            template: None,
        });
        self.pred_first.push(name.span);
        self.p.pred_index.insert(name.sym, id);
        id
    }

    fn position_of(&mut self, ident: &Ident) -> Option<PosId> {
        if let Some(&id) = self.p.position_index.get(&ident.sym) {
            return Some(id);
        }
        let n = self.name(ident.sym).to_string();
        let candidates: Vec<String> = self
            .p
            .positions
            .iter()
            .map(|p| self.name(p.name).to_string())
            .collect();
        let mut d = Diagnostic::new(Code::UnknownPosition, format!("there is no position `{n}`"))
            .with_label(ident.span, "unknown position");
        d = match closest(&n, candidates.iter().map(String::as_str)) {
            Some(c) => d.with_help(format!("Did you mean `{c}`?")),
            None => d.with_help(format!(
                "Declare it with `position {n} {{ ... }}`, or use one of: {}.",
                candidates.join(", ")
            )),
        };
        self.diags.push(d);
        None
    }

    fn source_of(&mut self, ident: &Option<Ident>) -> Option<SourceId> {
        let ident = ident.as_ref()?;
        if let Some(&id) = self.source_index.get(&ident.sym) {
            return Some(id);
        }
        let n = self.name(ident.sym).to_string();
        let candidates: Vec<String> = self
            .p
            .sources
            .iter()
            .map(|s| self.name(s.name).to_string())
            .collect();
        let mut d = Diagnostic::new(
            Code::UnknownSource,
            format!("the source `{n}` is not declared"),
        )
        .with_label(ident.span, "undeclared source");
        d = match closest(&n, candidates.iter().map(String::as_str)) {
            Some(c) => d.with_help(format!(
                "Did you mean `{c}`? Otherwise declare it: `source {n} \"citation\".`"
            )),
            None => d.with_help(format!(
                "Declare it before use or anywhere in the run: `source {n} \"citation\".`"
            )),
        };
        self.diags.push(d);
        None
    }

    /// Second pass: every statement, in order. Superiority and `reject` statements wait until
    /// every rule is lowered, since they may name rules defined further down.
    fn lower_items(&mut self, files: &[(FileId, Ast)], whatif: Option<(FileId, &[String])>) {
        let mut waiting: Vec<Waiting> = Vec::new();
        for (file, ast) in files {
            let targets: Vec<(PosId, bool)> = match whatif {
                Some((f, names)) if f == *file => self.whatif_targets(names),
                _ => vec![(COMMON, false)],
            };
            for (target, amend) in targets {
                let mut current = target;
                for item in &ast.items {
                    let span = item.span;
                    if amend
                        && !matches!(
                            item.kind,
                            ItemKind::Fact { .. }
                                | ItemKind::Retract { .. }
                                | ItemKind::Superiority { .. }
                                | ItemKind::Reject { .. }
                        )
                    {
                        self.diags.push(
                        Diagnostic::new(Code::Syntax, "a what-if change is a fact, a retraction, a priority or a rejection")
                            .with_label(span, "not one of them")
                            .with_help("Write `--assume 'p(a)'`, `--retract 'p(a)'`, `--prefer 'r1 > r2'` or `--reject r1`."),
                    );
                        continue;
                    }
                    match &item.kind {
                        ItemKind::PositionOpen { name, extends, .. } => {
                            current = self
                                .p
                                .position_index
                                .get(&name.sym)
                                .copied()
                                .unwrap_or(COMMON);
                            if current != COMMON {
                                let ext: Vec<PosId> = extends
                                    .iter()
                                    .filter_map(|e| self.extends_target(e))
                                    .collect();
                                self.p.positions[current.index()].extends = ext;
                            }
                        }
                        ItemKind::PositionClose => current = COMMON,
                        ItemKind::Rule(rule) => self.lower_rule(rule, current),
                        ItemKind::Fact { lit, source } => {
                            let source = self.source_of(source);
                            if let Some(lit) = self.ground_lit(lit, "fact") {
                                self.p.facts.push(HFact {
                                    lit,
                                    source,
                                    span,
                                    position: current,
                                });
                            }
                        }
                        ItemKind::Superiority { sup, inf } => {
                            waiting.push(Waiting::Superiority(*sup, *inf, span, current));
                        }
                        ItemKind::Reject { label } => {
                            waiting.push(Waiting::Reject(*label, span, current, amend));
                        }
                        ItemKind::Retract { lit } => {
                            if current == COMMON && !amend {
                                self.diags.push(
                                Diagnostic::new(Code::OutsidePosition, "`retract` outside a position")
                                    .with_label(span, "common ground cannot withdraw its own fact")
                                    .with_help("Move this statement into the `position NAME { ... }` block of the party that does not accept the fact, or delete the fact."),
                            );
                            } else if let Some(lit) = self.ground_lit(lit, "retracted fact") {
                                self.p.positions[current.index()].retracts.push((lit, span));
                            }
                        }
                        ItemKind::Name { constant, display } => {
                            let c = self.p.intern_const(Value::Name(constant.sym));
                            if let Some((_, prev)) = self.p.display.get(&c) {
                                let n = self.name(constant.sym).to_string();
                                self.diags.push(
                                Diagnostic::new(Code::DuplicateLabel, format!("`{n}` is given a display name twice"))
                                    .with_label(span, "named again here")
                                    .with_label(*prev, "first named here")
                                    .with_help("Keep one `name` statement per constant; names are shared by all files and positions of a run."),
                            );
                            } else {
                                self.p.display.insert(c, (display.clone(), span));
                            }
                        }
                        ItemKind::Query { text, lit } => {
                            let mut scope = self.scope();
                            let hlit = self.lit(lit, &mut scope);
                            self.p.queries.push(HQuery {
                                text: text.as_deref().map(String::from),
                                lit: hlit,
                                vars: scope.vars,
                                span,
                            });
                        }
                        ItemKind::Expect(e) => {
                            let Expectation {
                                position,
                                verdict,
                                strictly,
                                lit,
                                ..
                            } = &**e;
                            let pos = match position {
                                None => Some(COMMON),
                                Some(ident) => self.position_of(ident),
                            };
                            let lit = self.ground_lit(lit, "expectation");
                            if let (Some(position), Some(lit)) = (pos, lit) {
                                self.p.expects.push(HExpect {
                                    position,
                                    verdict: *verdict,
                                    strictly: *strictly,
                                    lit,
                                    span,
                                });
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        // Superiority statements written by the user come after the generated ones.
        for w in waiting {
            match w {
                Waiting::Superiority(sup, inf, span, position) => {
                    let (a, b) = (self.rule_ref(&sup), self.rule_ref(&inf));
                    if let (Some(a), Some(b)) = (a, b) {
                        self.p.sups.push(HSup {
                            sup: a,
                            inf: b,
                            span,
                            position,
                            generated: false,
                        });
                    }
                }
                Waiting::Reject(label, span, current, amend) => {
                    if current == COMMON && !amend {
                        self.diags.push(
                            Diagnostic::new(Code::OutsidePosition, "`reject` outside a position")
                                .with_label(span, "common ground cannot reject a rule")
                                .with_help("Move this statement into the `position NAME { ... }` block of the party that rejects the rule, or delete the rule."),
                        );
                    } else if let Some(r) = self.rule_ref(&label) {
                        self.p.positions[current.index()].rejects.push((r, span));
                    }
                }
            }
        }
    }

    /// The positions what-if changes apply to, each marked as a change: the named ones, or common
    /// ground. An unknown name is reported.
    fn whatif_targets(&mut self, names: &[String]) -> Vec<(PosId, bool)> {
        if names.is_empty() {
            return vec![(COMMON, true)];
        }
        let mut out = Vec::new();
        for n in names {
            match self
                .p
                .names
                .get(n)
                .and_then(|s| self.p.position_index.get(&s).copied())
            {
                Some(p) => out.push((p, true)),
                None if n == "common" => out.push((COMMON, true)),
                None => {
                    let known: Vec<String> = self
                        .p
                        .positions
                        .iter()
                        .map(|p| self.name(p.name).to_string())
                        .collect();
                    let help = match closest(n, known.iter().map(String::as_str)) {
                        Some(c) => format!("Did you mean `{c}`?"),
                        None => format!("The positions are: {}.", known.join(", ")),
                    };
                    self.diags.push(
                        Diagnostic::new(
                            Code::UnknownPosition,
                            format!("there is no position `{n}`"),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn extends_target(&mut self, ident: &Ident) -> Option<PosId> {
        if let Some(&id) = self.p.position_index.get(&ident.sym) {
            return Some(id);
        }
        let n = self.name(ident.sym).to_string();
        if n == "common" {
            return None; // every position extends common ground already
        }
        let candidates: Vec<String> = self
            .p
            .positions
            .iter()
            .skip(1)
            .map(|p| self.name(p.name).to_string())
            .collect();
        let mut d = Diagnostic::new(
            Code::UnknownPosition,
            format!("`extends` names `{n}`, which is not a position"),
        )
        .with_label(ident.span, "unknown position");
        d = match closest(&n, candidates.iter().map(String::as_str)) {
            Some(c) => d.with_help(format!("Did you mean `{c}`?")),
            None => d.with_help("Name a position declared with `position NAME { ... }`."),
        };
        self.diags.push(d);
        None
    }

    fn rule_ref(&mut self, ident: &Ident) -> Option<RuleId> {
        if let Some(&id) = self.p.rule_index.get(&ident.sym) {
            return Some(id);
        }
        let n = self.name(ident.sym).to_string();
        let labels: Vec<String> = self
            .p
            .rules
            .iter()
            .map(|r| self.name(r.label).to_string())
            .collect();
        let mut d = Diagnostic::new(
            Code::UnknownRule,
            format!("there is no rule labelled `{n}`"),
        )
        .with_label(ident.span, "unknown rule");
        d = match closest(&n, labels.iter().map(String::as_str)) {
            Some(c) => d.with_help(format!("Did you mean `{c}`?")),
            None => d.with_help("Name a rule by the label before its `:`, e.g. `personal_immunity` in `personal_immunity: ... => ...`."),
        };
        self.diags.push(d);
        None
    }

    fn scope(&mut self) -> Scope {
        Scope {
            anon: self.anon,
            ..Scope::default()
        }
    }

    fn term(&mut self, t: &Term, scope: &mut Scope) -> HTerm {
        match &t.kind {
            TermKind::Name(s) => HTerm::Const(self.p.intern_const(Value::Name(*s))),
            TermKind::Str(s) => HTerm::Const(self.p.intern_const(Value::Str(*s))),
            TermKind::Int(n) => HTerm::Const(self.p.intern_const(Value::Int(*n))),
            TermKind::Date(d) => HTerm::Const(self.p.intern_const(Value::Date(*d))),
            TermKind::Var(s) => HTerm::Var(scope.var(*s)),
            TermKind::Anon => HTerm::Var(scope.var(scope.anon)),
        }
    }

    fn lit(&mut self, lit: &Literal, scope: &mut Scope) -> HLit {
        let pred = self.pred(&lit.pred, lit.args.len() as u32);
        let args = lit.args.iter().map(|t| self.term(t, scope)).collect();
        HLit {
            neg: lit.neg,
            pred,
            args,
        }
    }

    /// A literal that must be ground (fact, expectation); a variable is reported.
    fn ground_lit(&mut self, lit: &Literal, what: &str) -> Option<HLit> {
        let mut scope = self.scope();
        let h = self.lit(lit, &mut scope);
        let first = lit
            .args
            .iter()
            .find(|t| matches!(t.kind, TermKind::Var(_) | TermKind::Anon))
            .map(|t| t.span);
        match first {
            None => Some(h),
            Some(span) => {
                let mut d = Diagnostic::new(
                    Code::NonGroundFact,
                    format!(
                        "a{} {what} must be ground",
                        if what.starts_with('e') { "n" } else { "" }
                    ),
                )
                .with_label(span, "a variable");
                d = if what != "expectation" {
                    d.with_help("Replace the variable by a constant (a lower-case name, a string, a number or a date); to state something for every value, write a rule instead: `label: p(X) => q(X).`")
                } else {
                    d.with_help("An expectation checks one ground literal: replace the variable by a constant; use `query` to ask about every binding.")
                };
                self.diags.push(d);
                None
            }
        }
    }

    fn lower_rule(&mut self, rule: &ast::Rule, position: PosId) {
        let mut scope = self.scope();
        let mut body = Vec::with_capacity(rule.body.len());
        let cmp_spans: Vec<Span> = rule
            .body
            .iter()
            .filter(|b| matches!(b, BodyItem::Cmp { .. }))
            .map(BodyItem::span)
            .collect();
        let unless_cmp_spans: Vec<Span> = rule
            .unless
            .iter()
            .flatten()
            .filter(|b| matches!(b, BodyItem::Cmp { .. }))
            .map(BodyItem::span)
            .collect();
        // Variables bound by body literals: the only ones a head, comparison or `unless` may use.
        let mut bound: Bound = Bound::default();
        for item in &rule.body {
            if let BodyItem::Lit(l) = item {
                for t in &l.args {
                    if let TermKind::Var(s) = t.kind {
                        bound.insert(s);
                    }
                }
            }
        }
        for item in &rule.body {
            body.push(self.body_item(item, &mut scope, &bound));
        }
        self.check_safe_lit(&rule.head, &bound, "the head");
        let head = self.lit(&rule.head, &mut scope);
        let source = self.source_of(&rule.source);
        let label = rule.label;
        // The body is copied only for a rule with `unless`, whose defeater extends it.
        let rule_body: Box<[HBody]> = if rule.unless.is_some() {
            body.clone().into()
        } else {
            std::mem::take(&mut body).into()
        };
        let id = self.add_rule(
            label,
            HRule {
                label: label.sym,
                kind: rule.arrow,
                head: head.clone(),
                body: rule_body,
                vars: Box::default(),
                source,
                span: rule.span,
                position,
                origin: Origin::Written,
                cmp_spans: cmp_spans.clone().into(),
            },
        );
        if let (Some(unless), Some(id)) = (&rule.unless, id) {
            // `L: B => H unless C.` is `L: B => H.` plus `L_unless: B, C ~> ~H.` with `L_unless > L`.
            let mut dbody = body;
            for item in unless {
                dbody.push(self.body_item(item, &mut scope, &bound));
                if let BodyItem::Lit(l) = item {
                    for t in &l.args {
                        if let TermKind::Var(s) = t.kind {
                            if !bound.contains(&s) {
                                self.unsafe_var(s, t.span, "an `unless` condition");
                            }
                        }
                    }
                }
            }
            let name = format!("{}_unless", self.name(label.sym));
            let sym = self.p.names.intern(&name);
            let dlabel = Ident {
                sym,
                span: label.span,
            };
            let did = self.add_rule(
                dlabel,
                HRule {
                    label: sym,
                    kind: Arrow::Defeater,
                    head: HLit {
                        neg: !head.neg,
                        ..head
                    },
                    body: dbody.into(),
                    vars: scope.vars.clone().into(),
                    source,
                    span: rule.span,
                    position,
                    origin: Origin::Unless(id),
                    cmp_spans: cmp_spans.iter().chain(&unless_cmp_spans).copied().collect(),
                },
            );
            if let Some(did) = did {
                self.p.sups.push(HSup {
                    sup: did,
                    inf: id,
                    span: rule.span,
                    position,
                    generated: true,
                });
            }
        }
        if let Some(id) = id {
            self.p.rules[id.index()].vars = scope.vars.into();
        }
    }

    fn add_rule(&mut self, label: Ident, rule: HRule) -> Option<RuleId> {
        if let Some(&prev) = self.label_spans.get(&label.sym) {
            self.duplicate("rule label", &label, prev);
            return None;
        }
        self.label_spans.insert(label.sym, label.span);
        let id = RuleId(self.p.rules.len() as u32);
        self.p.rules.push(rule);
        self.p.rule_index.insert(label.sym, id);
        Some(id)
    }

    fn body_item(&mut self, item: &BodyItem, scope: &mut Scope, bound: &Bound) -> HBody {
        match item {
            BodyItem::Lit(l) => HBody::Lit(self.lit(l, scope)),
            BodyItem::Cmp {
                left,
                op,
                right,
                span,
            } => {
                for t in [left, right] {
                    match t.kind {
                        TermKind::Var(s) if !bound.contains(&s) => {
                            self.unsafe_var(s, t.span, "a comparison");
                        }
                        TermKind::Anon => {
                            self.diags.push(
                                Diagnostic::new(Code::UnsafeVariable, "`_` in a comparison is never bound")
                                    .with_label(t.span, "anonymous variable")
                                    .with_help("Compare a named variable that occurs in a body literal, e.g. `p(X), X > 3`."),
                            );
                        }
                        _ => {}
                    }
                }
                self.check_comparison_types(left, *op, right, *span);
                HBody::Cmp(self.term(left, scope), *op, self.term(right, scope))
            }
        }
    }

    fn check_comparison_types(
        &mut self,
        left: &Term,
        op: crate::logic::CmpOp,
        right: &Term,
        span: Span,
    ) {
        let kind = |t: &Term| match t.kind {
            TermKind::Int(_) => Some("an integer"),
            TermKind::Date(_) => Some("a date"),
            TermKind::Name(_) => Some("a name"),
            TermKind::Str(_) => Some("a string"),
            _ => None,
        };
        let ordering = !matches!(op, crate::logic::CmpOp::Eq | crate::logic::CmpOp::Ne);
        let (lk, rk) = (kind(left), kind(right));
        // `"2023-03-17" < D`: a date in quotes is a string.
        for (t, other) in [(left, rk), (right, lk)] {
            let TermKind::Str(s) = t.kind else { continue };
            let text = self.name(s).to_string();
            if (ordering || other == Some("a date")) && crate::syntax::parse_date(&text).is_some() {
                self.diags.push(quoted_date(&text, t.span, None));
                return;
            }
        }
        let mismatch = match (lk, rk) {
            (Some(a), Some(b)) if a != b => Some(format!("compares {a} with {b}")),
            _ => None,
        };
        let unordered = [lk, rk]
            .into_iter()
            .flatten()
            .find(|k| ordering && (*k == "a name" || *k == "a string"))
            .map(|k| format!("`{}` cannot order {k}", op.as_str()));
        if let Some(msg) = mismatch.or(unordered) {
            self.diags.push(
                Diagnostic::new(Code::TypeMismatch, format!("this comparison {msg}").replace("comparison `", "comparison: `"))
                    .with_label(span, "ill-typed comparison")
                    .with_help("`<`, `<=`, `>` and `>=` compare two integers or two dates; `=` and `!=` compare any terms, but a date never equals an integer."),
            );
        }
    }

    fn unsafe_var(&mut self, var: Sym, span: Span, place: &str) {
        let n = self.name(var).to_string();
        self.diags.push(
            Diagnostic::new(Code::UnsafeVariable, format!("the variable `{n}` in {place} is not bound by a body literal"))
                .with_label(span, "not bound")
                .with_help(format!("Every variable of a head, a comparison or an `unless` condition must occur in a literal of the rule's body: add a literal such as `p({n})` to the body, or replace `{n}` by a constant.")),
        );
    }

    fn check_safe_lit(&mut self, lit: &Literal, bound: &Bound, place: &str) {
        for t in &lit.args {
            match t.kind {
                TermKind::Var(s) if !bound.contains(&s) => self.unsafe_var(s, t.span, place),
                TermKind::Anon => {
                    self.diags.push(
                        Diagnostic::new(Code::UnsafeVariable, format!("`_` in {place} is never bound"))
                            .with_label(t.span, "anonymous variable")
                            .with_help("A head must name its values: use a variable bound in the body or a constant."),
                    );
                }
                _ => {}
            }
        }
    }

    /// `argcheck::underivable`: predicates that are required but never concluded, stated but
    /// never used, or declared under another spelling (`spelling.rs`).
    fn check_underivable(&mut self) {
        super::spelling::check(&self.p, self.files, self.diags);
    }

    /// `argcheck::ineffective_superiority`: the two heads can never be complementary.
    fn check_superiority_effect(&mut self) {
        for s in &self.p.sups {
            if s.generated {
                continue;
            }
            let (a, b) = (&self.p.rules[s.sup.index()], &self.p.rules[s.inf.index()]);
            let conflict = a.head.pred == b.head.pred
                && a.head.neg != b.head.neg
                && a.head
                    .args
                    .iter()
                    .zip(&b.head.args)
                    .all(|(x, y)| match (x, y) {
                        (HTerm::Const(c), HTerm::Const(d)) => c == d,
                        _ => true,
                    });
            if !conflict {
                let ta = self.p.lit_text(&a.head, &a.vars);
                let tb = self.p.lit_text(&b.head, &b.vars);
                let (la, lb) = (
                    self.name(a.label).to_string(),
                    self.name(b.label).to_string(),
                );
                self.diags.push(
                    Diagnostic::new(
                        Code::IneffectiveSuperiority,
                        format!("`{la}` > `{lb}` has no effect: their conclusions `{ta}` and `{tb}` never conflict"),
                    )
                    .with_label(s.span, "this priority can never be used")
                    .with_help("A priority only settles a conflict between a rule for `q` and a rule for `~q`; remove it, or rank rules whose conclusions are opposite."),
                );
            }
        }
    }
}

/// `argcheck::type_mismatch` for a date written in quotes (`"2023-03-17"`), a string, where a date
/// is compared: `at` is the comparison; `written` the statement that has the quotes, when that is
/// elsewhere (a fact whose value reached the comparison).
pub(crate) fn quoted_date(text: &str, at: Span, written: Option<Span>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::TypeMismatch,
        format!("`\"{text}\"` is in quotes: a string, not a date"),
    );
    let d = match written {
        None => d.with_label(at, "a date in quotes is a string"),
        Some(fact) => d
            .with_label(at, format!("`\"{text}\"` reaches this comparison"))
            .with_label(fact, "written in quotes here"),
    };
    d.with_help(format!(
        "Remove the quotes: `{text}` without them is a date, and dates are compared with `<`, `<=`, `>`, `>=`, `=` and `!=`."
    ))
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
