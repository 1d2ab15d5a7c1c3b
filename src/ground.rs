//! Grounding: [`Program`] → [`Ground`], the rule instances over the constants that reach them.
//!
//! The theory is read as a plain Datalog program (`docs/language.md`, "Grounding: rules with
//! variables"): facts of every position and the heads of strict and defeasible rules are derived,
//! `~p` is a predicate of its own, defeaters derive nothing, comparisons filter. Its least model is
//! computed semi-naively, one new tuple at a time: a derived atom waits in a worklist; when it is
//! taken out it joins its relation and is matched against every body literal of its predicate, the
//! other body literals joined against the relations as they are. For body positions *before* the
//! one the new tuple fills, the new tuple itself is excluded, so every instance is produced exactly
//! once, when the last of its body atoms arrives.
//!
//! ```text
//!   instance(r, θ)  ⇐  body(r)θ ⊆ model,  comparisons(r)θ hold
//!   model           =  facts ∪ { head(r)θ | instance(r, θ), r not a defeater }
//! ```
//!
//! One grounding serves every position: it is done over the union of all positions' rules and facts,
//! and each position evaluates the instances of the rules it accepts. An instance whose body is not in
//! a position's own model is merely inapplicable there, so sharing never changes a verdict.
//!
//! Joins look bound arguments up in hash indexes built on demand per (relation, bound-argument mask);
//! atoms, literals and rules are integers in flat arrays; the join is an explicit backtracking loop.

use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::hir::{ConstId, HBody, HLit, HTerm, PredId, Program, RuleId, Value};
use crate::limits::Limits;
use crate::logic::{Arrow, CmpOp};

/// A ground atom (predicate + constant arguments, no sign).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AtomId(pub u32);

/// A ground literal: `atom * 2 + negated`. The complement flips the low bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lit(pub u32);

impl Lit {
    pub fn new(atom: AtomId, neg: bool) -> Lit {
        Lit(atom.0 * 2 + neg as u32)
    }
    pub fn complement(self) -> Lit {
        Lit(self.0 ^ 1)
    }
    pub fn atom(self) -> AtomId {
        AtomId(self.0 / 2)
    }
    pub fn is_neg(self) -> bool {
        self.0 & 1 == 1
    }
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// All ground atoms of a run, interned; arguments stored flat.
///
/// An atom without arguments is its predicate: those are found through a dense array indexed by
/// predicate, never hashed (a propositional theory has one predicate per literal, millions of
/// them). The others go through a hash table whose entries keep 32 bits of their hash, so that
/// growing it re-reads no atom.
#[derive(Debug, Clone, Default)]
pub struct Atoms {
    pred: Vec<PredId>,
    start: Vec<u32>,
    args: Vec<ConstId>,
    /// Atom of each predicate without arguments, or `u32::MAX`.
    nullary: Vec<u32>,
    table: HashTable<(AtomId, u32)>,
}

/// The table's hash from the 32 bits an entry keeps (spread over 64 for the bucket and tag bits).
fn spread(h32: u32) -> u64 {
    (h32 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Atoms {
    pub fn len(&self) -> usize {
        self.pred.len()
    }
    pub fn pred(&self, a: AtomId) -> PredId {
        self.pred[a.0 as usize]
    }
    pub fn args(&self, a: AtomId) -> &[ConstId] {
        let i = a.0 as usize;
        let end = self
            .start
            .get(i + 1)
            .map_or(self.args.len(), |&e| e as usize);
        &self.args[self.start[i] as usize..end]
    }

    fn hash32(pred: PredId, args: &[ConstId]) -> u32 {
        let mut h = FxHasher::default();
        pred.hash(&mut h);
        args.hash(&mut h);
        (h.finish() >> 32) as u32
    }

    /// The atom `pred(args)`, if it exists.
    pub fn get(&self, pred: PredId, args: &[ConstId]) -> Option<AtomId> {
        if args.is_empty() {
            return match self.nullary.get(pred.index()) {
                Some(&a) if a != u32::MAX => Some(AtomId(a)),
                _ => None,
            };
        }
        let h = Atoms::hash32(pred, args);
        self.table
            .find(spread(h), |&(a, ah)| {
                ah == h && self.pred[a.0 as usize] == pred && self.args(a) == args
            })
            .map(|&(a, _)| a)
    }

    /// Intern `pred(args)`; the flag says whether it is new.
    pub fn intern(&mut self, pred: PredId, args: &[ConstId]) -> (AtomId, bool) {
        if args.is_empty() {
            if self.nullary.len() <= pred.index() {
                self.nullary.resize(pred.index() + 1, u32::MAX);
            }
            let slot = self.nullary[pred.index()];
            if slot != u32::MAX {
                return (AtomId(slot), false);
            }
            let a = self.push(pred, args);
            self.nullary[pred.index()] = a.0;
            return (a, true);
        }
        let h = Atoms::hash32(pred, args);
        let Atoms {
            pred: preds,
            start,
            args: flat,
            table,
            ..
        } = self;
        let found = table.find(spread(h), |&(a, ah)| {
            let i = a.0 as usize;
            let end = start.get(i + 1).map_or(flat.len(), |&e| e as usize);
            ah == h && preds[i] == pred && &flat[start[i] as usize..end] == args
        });
        if let Some(&(a, _)) = found {
            return (a, false);
        }
        let a = self.push(pred, args);
        self.table
            .insert_unique(spread(h), (a, h), |&(_, bh)| spread(bh));
        (a, true)
    }

    fn push(&mut self, pred: PredId, args: &[ConstId]) -> AtomId {
        let a = AtomId(self.pred.len() as u32);
        self.pred.push(pred);
        self.start.push(self.args.len() as u32);
        self.args.extend_from_slice(args);
        a
    }
}

/// One ground rule instance.
#[derive(Debug, Clone, Copy)]
pub struct GRule {
    pub rule: RuleId,
    pub kind: Arrow,
    pub head: Lit,
    body_start: u32,
    body_len: u32,
}

/// The ground theory of a run (all positions together).
#[derive(Debug, Clone, Default)]
pub struct Ground {
    pub atoms: Atoms,
    pub rules: Vec<GRule>,
    body: Vec<Lit>,
    /// The ground literal of each `Program::facts` entry.
    pub facts: Vec<Lit>,
}

impl Ground {
    pub fn body(&self, r: usize) -> &[Lit] {
        let g = &self.rules[r];
        &self.body[g.body_start as usize..(g.body_start + g.body_len) as usize]
    }

    pub fn lit_count(&self) -> usize {
        self.atoms.len() * 2
    }

    /// The ground literal of a ground `HLit`, if its atom exists.
    pub fn lookup(&self, lit: &HLit) -> Option<Lit> {
        let args: Vec<ConstId> = lit
            .args
            .iter()
            .map(|t| match t {
                HTerm::Const(c) => Some(*c),
                HTerm::Var(_) => None,
            })
            .collect::<Option<_>>()?;
        self.atoms
            .get(lit.pred, &args)
            .map(|a| Lit::new(a, lit.neg))
    }
}

pub(crate) const UNBOUND: u32 = u32::MAX;

/// Most body literals (and comparisons) in one rule with variables.
pub const MAX_JOIN_LITERALS: usize = 256;

/// The mask bit of argument `i`; arguments past the 64th are never indexed (still checked).
fn bit(i: usize) -> u64 {
    1u64.checked_shl(i as u32).unwrap_or(0)
}

/// How one body literal is matched during a join.
#[derive(Debug, Clone)]
struct Step {
    /// Index of the literal in the rule's body literal list.
    lit: usize,
    /// Bit i set: argument i is bound (by a constant or an earlier step) when this step runs.
    mask: u64,
    /// Variables this step binds (first occurrences), as (argument index, variable).
    binds: Vec<(usize, u32)>,
    /// Comparisons whose variables are all bound after this step.
    checks: Vec<usize>,
}

/// A rule prepared for joining.
struct Plan {
    rule: RuleId,
    kind: Arrow,
    head: HLit,
    lits: Vec<HLit>,
    cmps: Vec<(HTerm, CmpOp, HTerm)>,
    nvars: usize,
    /// For each body literal chosen as the delta: the order of the other steps.
    orders: Vec<Vec<Step>>,
}

/// Relations of the model: per signed predicate, the atoms taken from the worklist so far.
#[derive(Default)]
struct Relation {
    rows: Vec<AtomId>,
    /// Indexes by bound-argument mask: hash of the bound arguments → rows.
    indexes: FxHashMap<u64, FxHashMap<u64, Vec<AtomId>>>,
}

fn key_hash(args: &[ConstId], mask: u64) -> u64 {
    let mut h = FxHasher::default();
    for (i, a) in args.iter().enumerate() {
        if mask & bit(i) != 0 {
            a.hash(&mut h);
        }
    }
    h.finish()
}

/// Ground the program. Errs with an `argcheck::limit` diagnostic when a limit is reached.
pub fn ground(p: &Program, limits: &Limits) -> Result<Ground, Diagnostics> {
    ground_inner(p, limits)
        .map_err(Diagnostics::from)
        .and_then(|(g, type_errors)| {
            if type_errors.is_empty() {
                return Ok(g);
            }
            let mut d = Diagnostics::new();
            for e in type_errors {
                d.push(type_error(p, &e));
            }
            Err(d)
        })
}

/// A comparison that could not be decided: which, and the first two values that reached it.
struct TypeError {
    rule: RuleId,
    cmp: usize,
    left: ConstId,
    right: ConstId,
}

/// The `argcheck::type_mismatch` error of a comparison that met values it cannot order, naming
/// them; a date in quotes (a string) is pointed out with the fact that has it.
fn type_error(p: &Program, e: &TypeError) -> Diagnostic {
    let r = &p.rules[e.rule.index()];
    let span = r.cmp_spans.get(e.cmp).copied().unwrap_or(r.span);
    for c in [e.left, e.right] {
        let Value::Str(s) = p.value(c) else { continue };
        let text = p.names.resolve(s);
        if crate::syntax::parse_date(text).is_some() {
            let fact = p
                .facts
                .iter()
                .find(|f| f.lit.args.contains(&HTerm::Const(c)))
                .map(|f| f.span);
            return crate::hir::quoted_date(text, span, fact);
        }
    }
    let noun = |c: ConstId| match p.value(c) {
        Value::Name(_) => "name",
        Value::Str(_) => "string",
        Value::Int(_) => "integer",
        Value::Date(_) => "date",
    };
    let article = |n: &str| if n.starts_with('i') { "an" } else { "a" };
    let (a, b) = (p.const_text(e.left), p.const_text(e.right));
    let (na, nb) = (noun(e.left), noun(e.right));
    let (message, label) = if na == nb {
        (
            format!("this comparison orders `{a}` and `{b}`, but {na}s have no order"),
            format!("orders two {na}s"),
        )
    } else {
        (
            format!(
                "this comparison orders `{a}` ({} {na}) and `{b}` ({} {nb})",
                article(na),
                article(nb)
            ),
            format!("compares {} {na} with {} {nb}", article(na), article(nb)),
        )
    };
    Diagnostic::new(Code::TypeMismatch, message)
        .with_label(span, label)
        .with_help("`<`, `<=`, `>` and `>=` compare two integers or two dates: check which values reach this comparison.")
}

fn ground_inner(p: &Program, limits: &Limits) -> Result<(Ground, Vec<TypeError>), Diagnostic> {
    let mut g = Ground::default();
    // A join plan costs the square of the body for every body literal: bound the body length of
    // rules with variables (variable-free rules need no plan).
    for r in p.rules.iter().filter(|r| has_variables(r)) {
        if r.body.len() > MAX_JOIN_LITERALS {
            return Err(Diagnostic::new(
                Code::Limit,
                format!(
                    "rule `{}` joins {} body literals; the limit for a rule with variables is {MAX_JOIN_LITERALS}",
                    p.names.resolve(r.label),
                    r.body.len()
                ),
            )
            .with_label(r.span, "too many conditions to join")
            .with_help("Split the rule into several rules that each join fewer conditions, through intermediate predicates."));
        }
    }
    // Join plans for the rules with variables; variable-free rules need none (below).
    let plans: Vec<Plan> = p
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| has_variables(r))
        .map(|(i, r)| plan(RuleId(i as u32), r))
        .collect();
    // Which (plan, literal) pairs a signed predicate feeds.
    let mut feeds: FxHashMap<u32, Vec<(u32, u32)>> = FxHashMap::default();
    for (pi, plan) in plans.iter().enumerate() {
        for (li, lit) in plan.lits.iter().enumerate() {
            feeds
                .entry(lit.pred.0 * 2 + lit.neg as u32)
                .or_default()
                .push((pi as u32, li as u32));
        }
    }
    let mut relations: FxHashMap<u32, Relation> = FxHashMap::default();
    // Every index a join will ask for exists from the start and grows with its relation.
    for plan in &plans {
        for step in plan.orders.iter().flatten() {
            if step.mask != 0 {
                let l = &plan.lits[step.lit];
                relations
                    .entry(l.pred.0 * 2 + l.neg as u32)
                    .or_default()
                    .indexes
                    .entry(step.mask)
                    .or_default();
            }
        }
    }
    // The variable-free rules are ground as written: one ground rule and one body each. Their
    // tables are reserved at that size (growing, a million rules' tables were copied about twice
    // over).
    let (prop_count, prop_body) =
        p.rules
            .iter()
            .filter(|r| !has_variables(r))
            .fold((0, 0), |(n, b), r| {
                let lits = r.body.iter().filter(|b| matches!(b, HBody::Lit(_))).count();
                (n + 1, b + lits)
            });
    g.rules.reserve(prop_count);
    g.body.reserve(prop_body);
    g.facts.reserve_exact(p.facts.len());
    let mut in_model: Vec<bool> = Vec::new();
    let mut worklist: std::collections::VecDeque<Lit> = std::collections::VecDeque::new();
    for f in &p.facts {
        let args: Vec<ConstId> = f
            .lit
            .args
            .iter()
            .map(|t| match t {
                HTerm::Const(c) => *c,
                HTerm::Var(_) => ConstId(0),
            })
            .collect();
        let (atom, _) = g.atoms.intern(f.lit.pred, &args);
        if g.atoms.len() * 2 > limits.max_literals {
            return Err(literal_limit(limits));
        }
        let lit = Lit::new(atom, f.lit.neg);
        mark(&mut in_model, &mut worklist, lit);
        g.facts.push(lit);
    }
    let mut binding: Vec<u32> = Vec::new();
    let mut args_buf: Vec<ConstId> = Vec::new();
    let mut body_buf: Vec<Lit> = Vec::new();
    let mut type_errors: Vec<TypeError> = Vec::new();
    // Instances found for one new tuple.
    let mut found = Found::default();
    // Variable-free rules are their own single instance, kept whatever the model holds: a rule in a
    // loop must stay in the theory so that its literals come out circular, not unsupported. In the
    // model computation they fire by counting their body literals in.
    let mut prop_pending: Vec<u32> = Vec::with_capacity(prop_count);
    let mut prop_rule: Vec<u32> = Vec::with_capacity(prop_count);
    let mut prop_pairs: Vec<(usize, u32)> = Vec::with_capacity(prop_body);
    let mut cmps: Vec<(HTerm, CmpOp, HTerm)> = Vec::new();
    for (ri, r) in p.rules.iter().enumerate() {
        if has_variables(r) {
            continue;
        }
        let rule = RuleId(ri as u32);
        cmps.clear();
        body_buf.clear();
        for b in &r.body {
            match b {
                HBody::Cmp(l, op, r) => cmps.push((*l, *op, *r)),
                HBody::Lit(l) => {
                    args_buf.clear();
                    args_buf.extend(l.args.iter().map(|&t| term_value(t, &[])));
                    let (atom, _) = g.atoms.intern(l.pred, &args_buf);
                    body_buf.push(Lit::new(atom, l.neg));
                }
            }
        }
        if !(0..cmps.len()).all(|c| compare(p, rule, &cmps, c, &[], &mut type_errors)) {
            continue; // a false comparison: the rule can never apply
        }
        let head = emit_ground(
            &mut g,
            rule,
            r.kind,
            &r.head,
            &[],
            &mut args_buf,
            &body_buf,
            limits,
        )?;
        let gi = prop_pending.len() as u32;
        prop_pending.push(body_buf.len() as u32);
        prop_rule.push((g.rules.len() - 1) as u32);
        prop_pairs.extend(body_buf.iter().map(|l| (l.index(), gi)));
        if body_buf.is_empty() && r.kind != Arrow::Defeater {
            mark(&mut in_model, &mut worklist, head);
        }
    }
    let prop_occurs = crate::csr::Csr::build(
        prop_pairs.iter().map(|&(l, _)| l + 1).max().unwrap_or(0),
        prop_pairs.iter().copied(),
    );
    drop(prop_pairs);
    // Rules with variables and an empty body cannot exist (safety), so every other rule waits for
    // tuples.
    let mut steps_done: u64 = 0;
    while let Some(lit) = worklist.pop_front() {
        steps_done += 1;
        if steps_done % 4096 == 0 {
            if let Some(d) = limits.stopped() {
                return Err(d);
            }
        }
        let atom = lit.atom();
        let pred = g.atoms.pred(atom);
        let rel_key = pred.0 * 2 + lit.is_neg() as u32;
        // Variable-free rules count their body literals in.
        for &gi in prop_occurs.get(lit.index()) {
            prop_pending[gi as usize] -= 1;
            if prop_pending[gi as usize] == 0 {
                let r = g.rules[prop_rule[gi as usize] as usize];
                if r.kind != Arrow::Defeater {
                    mark(&mut in_model, &mut worklist, r.head);
                }
            }
        }
        let Some(uses) = feeds.get(&rel_key) else {
            // No join reads this predicate (every propositional literal, for one): it needs no
            // relation, only its rule counters.
            continue;
        };
        // The tuple joins its relation (and every index built on it).
        {
            let rel = relations.entry(rel_key).or_default();
            rel.rows.push(atom);
            let args = g.atoms.args(atom);
            for (&mask, index) in rel.indexes.iter_mut() {
                index.entry(key_hash(args, mask)).or_default().push(atom);
            }
        }
        for &(pi, li) in uses {
            let plan = &plans[pi as usize];
            let delta = &plan.lits[li as usize];
            binding.clear();
            binding.resize(plan.nvars, UNBOUND);
            if !bind_atom(delta, g.atoms.args(atom), &mut binding) {
                continue;
            }
            let order = &plan.orders[li as usize];
            // `order[0]` is the delta's own step; `join` checks the comparisons it can decide.
            found.clear();
            let budget = limits.max_ground_rules.saturating_sub(g.rules.len());
            join(
                p,
                &g,
                &relations,
                plan,
                order,
                li as usize,
                atom,
                lit,
                &mut binding,
                &mut body_buf,
                &mut found,
                budget,
                &mut steps_done,
                limits,
                &mut type_errors,
            )?;
            for (body, binding) in found.instances(plan) {
                let head = emit(&mut g, plan, binding, &mut args_buf, body, limits)?;
                if plan.kind != Arrow::Defeater {
                    mark(&mut in_model, &mut worklist, head);
                }
            }
        }
    }
    Ok((g, type_errors))
}

/// Put a derived literal into the model's worklist, once.
fn mark(in_model: &mut Vec<bool>, worklist: &mut std::collections::VecDeque<Lit>, lit: Lit) {
    if in_model.len() <= lit.index() + 1 {
        in_model.resize(lit.index() + 2, false);
    }
    if !in_model[lit.index()] {
        in_model[lit.index()] = true;
        worklist.push_back(lit);
    }
}

fn literal_limit(limits: &Limits) -> Diagnostic {
    Diagnostic::new(
        Code::Limit,
        format!(
            "derived literal limit reached: more than {} ground literals (`--max-literals`)",
            limits.max_literals
        ),
    )
    .with_help("Raise the limit with `--max-literals N` if the theory is meant to be this large; otherwise look for a rule whose variables range over far more constants than intended.")
}

fn ground_rule_limit(limits: &Limits) -> Diagnostic {
    Diagnostic::new(
        Code::Limit,
        format!(
            "ground rule limit reached: more than {} rule instances (`--max-ground-rules`)",
            limits.max_ground_rules
        ),
    )
    .with_help("Raise the limit with `--max-ground-rules N` if the theory is meant to be this large; otherwise look for a rule whose body joins unrelated literals (a cross product).")
}

/// Bind the variables of `lit` to `args`; false when a constant or an earlier binding disagrees.
pub(crate) fn bind_atom(lit: &HLit, args: &[ConstId], binding: &mut [u32]) -> bool {
    for (t, &a) in lit.args.iter().zip(args) {
        match *t {
            HTerm::Const(c) => {
                if c != a {
                    return false;
                }
            }
            HTerm::Var(v) => {
                let b = &mut binding[v as usize];
                if *b == UNBOUND {
                    *b = a.0;
                } else if *b != a.0 {
                    return false;
                }
            }
        }
    }
    true
}

fn term_value(t: HTerm, binding: &[u32]) -> ConstId {
    match t {
        HTerm::Const(c) => c,
        HTerm::Var(v) => ConstId(binding[v as usize]),
    }
}

/// Decide a comparison under a complete binding of its variables. An ill-typed comparison (a date
/// ordered against an integer, `<` on names, a date against a date in quotes) is false, and
/// remembered for a `type_mismatch` error.
fn compare(
    p: &Program,
    rule: RuleId,
    cmps: &[(HTerm, CmpOp, HTerm)],
    c: usize,
    binding: &[u32],
    type_errors: &mut Vec<TypeError>,
) -> bool {
    match compare_typed(p, &cmps[c], binding) {
        Some(b) => b,
        None => {
            if !type_errors.iter().any(|e| e.rule == rule && e.cmp == c) {
                let (l, _, r) = cmps[c];
                type_errors.push(TypeError {
                    rule,
                    cmp: c,
                    left: term_value(l, binding),
                    right: term_value(r, binding),
                });
            }
            false
        }
    }
}

fn has_variables(r: &crate::hir::HRule) -> bool {
    !r.vars.is_empty()
}

pub(crate) fn compare_typed(
    p: &Program,
    cmp: &(HTerm, CmpOp, HTerm),
    binding: &[u32],
) -> Option<bool> {
    let (l, op, r) = *cmp;
    let (a, b) = (term_value(l, binding), term_value(r, binding));
    let (va, vb) = (p.value(a), p.value(b));
    Some(match op {
        // `=` and `!=` compare any terms (a date never equals an integer), except a date against
        // a date in quotes: that string would silently never equal it, so it is an error.
        CmpOp::Eq | CmpOp::Ne if quoted_date_against_date(p, va, vb) => return None,
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        _ => {
            let ord = match (va, vb) {
                (Value::Int(x), Value::Int(y)) => x.cmp(&y),
                (Value::Date(x), Value::Date(y)) => x.cmp(&y),
                _ => return None,
            };
            match op {
                CmpOp::Lt => ord.is_lt(),
                CmpOp::Le => ord.is_le(),
                CmpOp::Gt => ord.is_gt(),
                _ => ord.is_ge(),
            }
        }
    })
}

/// Whether one value is a date and the other a string that reads as one (`"2023-03-17"`).
fn quoted_date_against_date(p: &Program, a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Date(_), Value::Str(s)) | (Value::Str(s), Value::Date(_)) => {
            crate::syntax::parse_date(p.names.resolve(s)).is_some()
        }
        _ => false,
    }
}

/// Record the instance of `plan` under `binding`; returns its head.
fn emit(
    g: &mut Ground,
    plan: &Plan,
    binding: &[u32],
    args_buf: &mut Vec<ConstId>,
    body: &[Lit],
    limits: &Limits,
) -> Result<Lit, Diagnostic> {
    emit_ground(
        g, plan.rule, plan.kind, &plan.head, binding, args_buf, body, limits,
    )
}

/// Record one ground rule: `head` under `binding`, with the ground `body`.
#[allow(clippy::too_many_arguments)]
fn emit_ground(
    g: &mut Ground,
    rule: RuleId,
    kind: Arrow,
    head: &HLit,
    binding: &[u32],
    args_buf: &mut Vec<ConstId>,
    body: &[Lit],
    limits: &Limits,
) -> Result<Lit, Diagnostic> {
    if g.rules.len() >= limits.max_ground_rules {
        return Err(ground_rule_limit(limits));
    }
    args_buf.clear();
    args_buf.extend(head.args.iter().map(|&t| term_value(t, binding)));
    let (atom, _) = g.atoms.intern(head.pred, args_buf);
    if g.atoms.len() * 2 > limits.max_literals {
        return Err(literal_limit(limits));
    }
    let head = Lit::new(atom, head.neg);
    let body_start = g.body.len() as u32;
    g.body.extend_from_slice(body);
    g.rules.push(GRule {
        rule,
        kind,
        head,
        body_start,
        body_len: body.len() as u32,
    });
    Ok(head)
}

/// Prepare a rule: for each choice of delta literal, a join order (greedy: next the literal with the
/// most bound arguments) and where each comparison can be checked.
fn plan(id: RuleId, r: &crate::hir::HRule) -> Plan {
    let lits: Vec<HLit> = r
        .body
        .iter()
        .filter_map(|b| match b {
            HBody::Lit(l) => Some(l.clone()),
            HBody::Cmp(..) => None,
        })
        .collect();
    let cmps: Vec<(HTerm, CmpOp, HTerm)> = r
        .body
        .iter()
        .filter_map(|b| match b {
            HBody::Cmp(l, op, r) => Some((*l, *op, *r)),
            HBody::Lit(_) => None,
        })
        .collect();
    let nvars = r.vars.len().max(
        r.body
            .iter()
            .flat_map(|b| match b {
                HBody::Lit(l) => l.args.clone(),
                HBody::Cmp(a, _, c) => Box::new([*a, *c]),
            })
            .chain(r.head.args.iter().copied())
            .filter_map(|t| match t {
                HTerm::Var(v) => Some(v as usize + 1),
                HTerm::Const(_) => None,
            })
            .max()
            .unwrap_or(0),
    );
    let cmp_vars = |c: &(HTerm, CmpOp, HTerm)| -> Vec<u32> {
        [c.0, c.2]
            .into_iter()
            .filter_map(|t| match t {
                HTerm::Var(v) => Some(v),
                HTerm::Const(_) => None,
            })
            .collect()
    };
    let mut orders = Vec::with_capacity(lits.len());
    for delta in 0..lits.len() {
        // The step (from 1) at which each variable is bound, 0 while it is not: a variable a
        // literal repeats is bound once, in constant time per argument (a literal may have
        // hundreds of thousands of `_`, each its own variable).
        let mut bound_at = vec![0u32; nvars];
        let mut steps = Vec::with_capacity(lits.len());
        let mut remaining: Vec<usize> = (0..lits.len()).collect();
        let mut checked = vec![false; cmps.len()];
        let mut next = Some(delta);
        while let Some(li) = next.take().or_else(|| {
            remaining.iter().copied().max_by_key(|&k| {
                let n = lits[k]
                    .args
                    .iter()
                    .filter(|t| match t {
                        HTerm::Const(_) => true,
                        HTerm::Var(v) => bound_at[*v as usize] != 0,
                    })
                    .count();
                (n, std::cmp::Reverse(k))
            })
        }) {
            remaining.retain(|&k| k != li);
            let step = steps.len() as u32 + 1;
            let mut mask = 0u64;
            let mut binds: Vec<(usize, u32)> = Vec::new();
            for (ai, t) in lits[li].args.iter().enumerate() {
                match t {
                    HTerm::Const(_) => mask |= bit(ai),
                    // Only variables bound before this step can key its index lookup. A variable
                    // this literal binds and repeats (`e(X, X)`) has no value yet when the lookup
                    // is made: `bind_atom` checks the repetition against each candidate instead.
                    HTerm::Var(v) => match bound_at[*v as usize] {
                        0 => {
                            bound_at[*v as usize] = step;
                            binds.push((ai, *v));
                        }
                        at if at < step => mask |= bit(ai),
                        _ => {} // repeated within this literal
                    },
                }
            }
            let checks = (0..cmps.len())
                .filter(|&c| {
                    !checked[c]
                        && cmp_vars(&cmps[c])
                            .iter()
                            .all(|&v| bound_at[v as usize] != 0)
                })
                .collect::<Vec<_>>();
            for &c in &checks {
                checked[c] = true;
            }
            steps.push(Step {
                lit: li,
                mask,
                binds,
                checks,
            });
        }
        orders.push(steps);
    }
    Plan {
        rule: id,
        kind: r.kind,
        head: r.head.clone(),
        lits,
        cmps,
        nvars,
        orders,
    }
}

/// Find every body tuple of `plan` whose delta literal `li` is `atom` (already bound in `binding`).
/// Explicit backtracking over the steps of `order` (the first step is the delta itself).
#[allow(clippy::too_many_arguments)]
fn join(
    p: &Program,
    g: &Ground,
    relations: &FxHashMap<u32, Relation>,
    plan: &Plan,
    order: &[Step],
    li: usize,
    atom: AtomId,
    lit: Lit,
    binding: &mut [u32],
    body: &mut Vec<Lit>,
    found: &mut Found,
    budget: usize,
    steps_done: &mut u64,
    limits: &Limits,
    type_errors: &mut Vec<TypeError>,
) -> Result<(), Diagnostic> {
    // The delta step: its comparisons.
    if !order[0]
        .checks
        .iter()
        .all(|&c| compare(p, plan.rule, &plan.cmps, c, binding, type_errors))
    {
        return Ok(());
    }
    body.clear();
    body.resize(plan.lits.len(), lit);
    let n = order.len();
    if n == 1 {
        found.push(body, binding);
        return Ok(());
    }
    // For step k (1..n): candidate list and position.
    let empty: Vec<AtomId> = Vec::new();
    let mut cands: Vec<(&[AtomId], usize)> = vec![(&empty[..], 0); n];
    let mut k = 1;
    cands[1] = (
        candidates(relations, plan, &order[1], binding).unwrap_or(&empty),
        0,
    );
    loop {
        *steps_done += 1;
        if *steps_done % 65536 == 0 {
            if let Some(d) = limits.stopped() {
                return Err(d);
            }
        }
        let step = &order[k];
        // Undo this step's bindings before trying the next candidate.
        for &(_, v) in &step.binds {
            binding[v as usize] = UNBOUND;
        }
        let (list, ref mut pos) = cands[k];
        let mut advanced = false;
        while *pos < list.len() {
            let cand = list[*pos];
            *pos += 1;
            // Positions before the delta's must not reuse the delta tuple itself.
            if step.lit < li && cand == atom {
                continue;
            }
            let l = &plan.lits[step.lit];
            if !bind_atom(l, g.atoms.args(cand), binding) {
                for &(_, v) in &step.binds {
                    binding[v as usize] = UNBOUND;
                }
                continue;
            }
            if !step
                .checks
                .iter()
                .all(|&c| compare(p, plan.rule, &plan.cmps, c, binding, type_errors))
            {
                for &(_, v) in &step.binds {
                    binding[v as usize] = UNBOUND;
                }
                continue;
            }
            body[step.lit] = Lit::new(cand, l.neg);
            advanced = true;
            break;
        }
        if !advanced {
            if k == 1 {
                return Ok(());
            }
            k -= 1;
            continue;
        }
        if k + 1 == n {
            // Stop a combinatorial join at the ground-rule limit, before it fills memory.
            if found.count(plan) >= budget {
                return Err(ground_rule_limit(limits));
            }
            found.push(body, binding);
            continue;
        }
        k += 1;
        cands[k] = (
            candidates(relations, plan, &order[k], binding).unwrap_or(&empty),
            0,
        );
    }
}

/// The instances a join found for one new tuple, kept until the join's borrows end and they can be
/// emitted: each instance's body literals and the binding it was found with, flat (as many
/// literals as the rule's body, as many values as its variables), so that emitting does not bind
/// the body's atoms a second time.
#[derive(Default)]
struct Found {
    bodies: Vec<Lit>,
    bindings: Vec<u32>,
}

impl Found {
    fn clear(&mut self) {
        self.bodies.clear();
        self.bindings.clear();
    }

    fn push(&mut self, body: &[Lit], binding: &[u32]) {
        self.bodies.extend_from_slice(body);
        self.bindings.extend_from_slice(binding);
    }

    /// How many instances of `plan`'s rule are kept.
    fn count(&self, plan: &Plan) -> usize {
        self.bodies.len() / plan.lits.len()
    }

    /// Each kept instance of `plan`'s rule: its body literals and its binding.
    fn instances<'f>(&'f self, plan: &Plan) -> impl Iterator<Item = (&'f [Lit], &'f [u32])> {
        let (w, v) = (plan.lits.len(), plan.nvars);
        (0..self.count(plan)).map(move |i| {
            (
                &self.bodies[i * w..(i + 1) * w],
                &self.bindings[i * v..(i + 1) * v],
            )
        })
    }
}

/// The rows a step must try: the index bucket of its bound arguments, or the whole relation.
fn candidates<'r>(
    relations: &'r FxHashMap<u32, Relation>,
    plan: &Plan,
    step: &Step,
    binding: &[u32],
) -> Option<&'r [AtomId]> {
    let l = &plan.lits[step.lit];
    let rel = relations.get(&(l.pred.0 * 2 + l.neg as u32))?;
    if step.mask == 0 {
        return Some(&rel.rows);
    }
    let index = rel.indexes.get(&step.mask)?;
    let mut h = FxHasher::default();
    for (i, t) in l.args.iter().enumerate() {
        if step.mask & bit(i) != 0 {
            term_value(*t, binding).hash(&mut h);
        }
    }
    index.get(&h.finish()).map(Vec::as_slice)
}
