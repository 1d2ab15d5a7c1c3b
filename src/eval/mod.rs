//! Defeasible logic on the ground theory: [`Ground`] + one position's [`Theory`] → [`Outcome`].
//!
//! The four proof conditions (`docs/language.md`, "The proof conditions") are computed as least
//! fixpoints by one worklist pass each, in time linear in the size of the ground theory (plus the
//! superiority pairs):
//!
//! * **±Δ** (definite): forward chaining over facts and strict rules for +Δ; for −Δ, a literal that
//!   is no fact loses its strict rules one by one as a body literal of each turns out −Δ.
//! * **±∂** (defeasible): every rule keeps a counter of body literals not yet +∂ and becomes
//!   *applicable* at zero, or *discarded* as soon as one body literal is −∂; every literal keeps the
//!   number of its rules still alive, the number of attackers neither discarded nor beaten, and
//!   whether an applicable attacker has lost all its superiors. Each rule changes state at most once
//!   and each superiority pair is visited at most twice.
//!
//! A literal supported only through a loop never reaches a counter's zero, so it gets neither +∂ nor
//! −∂: exactly the least fixpoint (finite proofs only).

mod verdict;

pub(crate) use crate::logic::{Reason, Status};

use crate::csr::Csr;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ground::{Ground, Lit};
use crate::hir::{PosId, Program, Theory};
use crate::limits::Limits;
use crate::logic::Arrow;

/// Proof tags of a literal.
pub const PLUS_DELTA: u8 = 1;
pub const MINUS_DELTA: u8 = 2;
pub const PLUS_PARTIAL: u8 = 4;
pub const MINUS_PARTIAL: u8 = 8;

/// Rule states under a position.
pub const INACTIVE: u8 = 0;
pub const PENDING: u8 = 1;
pub const APPLICABLE: u8 = 2;
pub const DISCARDED: u8 = 3;

/// Indexes over the ground theory shared by every position.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Literal → ground rules with that head.
    pub heads: Csr,
    /// Literal → ground rules with that literal in the body (once per occurrence).
    pub occurs: Csr,
    /// `RuleId` → its ground instances.
    pub instances: Csr,
}

impl Index {
    pub fn new(p: &Program, g: &Ground) -> Index {
        let n = g.lit_count();
        let heads = Csr::build(
            n,
            g.rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.head.index(), i as u32)),
        );
        let occurs = Csr::build(
            n,
            (0..g.rules.len()).flat_map(|i| g.body(i).iter().map(move |l| (l.index(), i as u32))),
        );
        let instances = Csr::build(
            p.rules.len(),
            g.rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.rule.index(), i as u32)),
        );
        Index {
            heads,
            occurs,
            instances,
        }
    }
}

/// The result of evaluating one position.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub position: PosId,
    /// Per literal: `PLUS_DELTA | MINUS_DELTA | PLUS_PARTIAL | MINUS_PARTIAL` bits.
    pub tags: Vec<u8>,
    /// Per ground rule: `INACTIVE`, `PENDING`, `APPLICABLE` or `DISCARDED` (defeasible proof).
    pub rule_state: Vec<u8>,
    /// Per ground rule: beaten (as an attacker) by an applicable superior rule.
    pub beaten: Vec<bool>,
    /// Ground superiority of this position: rule → the rules superior to it, and the statement.
    pub superiors: Csr,
    /// For each entry of `superiors` (same layout): the index of the `Program::sups` statement.
    pub superior_statement: Csr,
    /// Rule → the rules it is superior to.
    pub inferiors: Csr,
}

impl Outcome {
    pub fn has(&self, lit: Lit, tag: u8) -> bool {
        self.tags.get(lit.index()).is_some_and(|t| t & tag != 0)
    }
    pub fn active(&self, r: u32) -> bool {
        self.rule_state[r as usize] != INACTIVE
    }
}

/// Evaluate the given positions. Strict contradictions are errors.
pub fn evaluate(
    p: &Program,
    g: &Ground,
    index: &Index,
    positions: &[PosId],
    limits: &Limits,
) -> Result<Vec<Outcome>, Diagnostics> {
    let mut out = Vec::with_capacity(positions.len());
    let mut diags = Diagnostics::new();
    for &pos in positions {
        if let Some(d) = limits.stopped() {
            return Err(d.into());
        }
        let o = evaluate_position(p, g, &g.facts, index, pos, &p.theories[pos.index()]);
        let mut reported = 0;
        for lit in 0..g.lit_count() as u32 {
            let l = Lit(lit);
            if !l.is_neg() && o.has(l, PLUS_DELTA) && o.has(l.complement(), PLUS_DELTA) {
                reported += 1;
                if reported <= 10 {
                    diags.push(strict_contradiction(p, g, index, &o, l));
                }
            }
        }
        out.push(o);
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

fn strict_contradiction(p: &Program, g: &Ground, index: &Index, o: &Outcome, l: Lit) -> Diagnostic {
    let text = crate::render::lit_text(p, g, l);
    let mut d = Diagnostic::new(
        Code::StrictContradiction,
        format!(
            "`{text}` and `~{text}` are both strictly provable under `{}`",
            p.position_name(o.position)
        ),
    );
    for side in [l, l.complement()] {
        let fact = g
            .facts
            .iter()
            .enumerate()
            .find(|&(i, &f)| f == side && p.theories[o.position.index()].facts[i]);
        if let Some((i, _)) = fact {
            d = d.with_label(
                p.facts[i].span,
                format!("`{}` is a fact", crate::render::lit_text(p, g, side)),
            );
        } else if let Some(&r) = index
            .heads
            .get(side.index())
            .iter()
            .find(|&&r| o.active(r) && g.rules[r as usize].kind == Arrow::Strict)
        {
            let rule = &p.rules[g.rules[r as usize].rule.index()];
            d = d.with_label(
                rule.span,
                format!("strict rule for `{}`", crate::render::lit_text(p, g, side)),
            );
        }
    }
    d.with_help("Strict rules and facts cannot be defeated, so they must never contradict: make one of these rules defeasible (`=>`), or correct the facts.")
}

/// Evaluate one position whose theory is `th`; `facts` are the ground literals of
/// `Program::facts` (what-if variants add some: `crate::variant`).
pub(crate) fn evaluate_position(
    p: &Program,
    g: &Ground,
    facts: &[Lit],
    index: &Index,
    pos: PosId,
    th: &Theory,
) -> Outcome {
    let nl = g.lit_count();
    let nr = g.rules.len();
    let mut tags = vec![0u8; nl];
    let mut rule_state = vec![INACTIVE; nr];
    for (i, r) in g.rules.iter().enumerate() {
        if th.rules[r.rule.index()] {
            rule_state[i] = PENDING;
        }
    }
    let active = |r: u32| rule_state[r as usize] != INACTIVE;

    // Ground superiority pairs of this position: (superior t, inferior s), t not a defeater, heads
    // complementary.
    let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
    for &si in &th.sups {
        let s = &p.sups[si as usize];
        if p.rules[s.sup.index()].kind == Arrow::Defeater {
            continue;
        }
        for &t in index.instances.get(s.sup.index()) {
            let against = g.rules[t as usize].head.complement();
            for &inf in index.heads.get(against.index()) {
                if g.rules[inf as usize].rule == s.inf {
                    pairs.push((t, inf, si));
                }
            }
        }
    }
    let superiors = Csr::build(nr, pairs.iter().map(|&(t, s, _)| (s as usize, t)));
    let superior_statement = Csr::build(nr, pairs.iter().map(|&(_, s, si)| (s as usize, si)));
    let inferiors = Csr::build(nr, pairs.iter().map(|&(t, s, _)| (t as usize, s)));

    // ---- ±Δ ----
    let mut is_fact = vec![false; nl];
    for (i, &f) in facts.iter().enumerate() {
        if th.facts[i] {
            is_fact[f.index()] = true;
        }
    }
    let mut pending: Vec<u32> = (0..nr).map(|i| g.body(i).len() as u32).collect();
    let mut stack: Vec<Lit> = Vec::new();
    for l in 0..nl {
        if is_fact[l] {
            tags[l] |= PLUS_DELTA;
            stack.push(Lit(l as u32));
        }
    }
    let strict = |r: u32| g.rules[r as usize].kind == Arrow::Strict;
    for r in 0..nr as u32 {
        if active(r) && strict(r) && pending[r as usize] == 0 {
            let h = g.rules[r as usize].head;
            if tags[h.index()] & PLUS_DELTA == 0 {
                tags[h.index()] |= PLUS_DELTA;
                stack.push(h);
            }
        }
    }
    while let Some(l) = stack.pop() {
        for &r in index.occurs.get(l.index()) {
            if !active(r) || !strict(r) {
                continue;
            }
            pending[r as usize] -= 1;
            if pending[r as usize] == 0 {
                let h = g.rules[r as usize].head;
                if tags[h.index()] & PLUS_DELTA == 0 {
                    tags[h.index()] |= PLUS_DELTA;
                    stack.push(h);
                }
            }
        }
    }
    // −Δ: strict rules still alive per literal; a rule dies when a body literal is −Δ.
    let mut strict_alive = vec![0u32; nl];
    for r in 0..nr as u32 {
        if active(r) && strict(r) {
            strict_alive[g.rules[r as usize].head.index()] += 1;
        }
    }
    let mut dead = vec![false; nr];
    for l in 0..nl {
        if !is_fact[l] && strict_alive[l] == 0 {
            tags[l] |= MINUS_DELTA;
            stack.push(Lit(l as u32));
        }
    }
    while let Some(l) = stack.pop() {
        for &r in index.occurs.get(l.index()) {
            if !active(r) || !strict(r) || dead[r as usize] {
                continue;
            }
            dead[r as usize] = true;
            let h = g.rules[r as usize].head;
            strict_alive[h.index()] -= 1;
            if strict_alive[h.index()] == 0 && !is_fact[h.index()] {
                tags[h.index()] |= MINUS_DELTA;
                stack.push(h);
            }
        }
    }
    drop(dead);
    drop(strict_alive);

    // ---- ±∂ ----
    let mut st = Partial {
        g,
        index,
        tags,
        rule_state,
        pending: (0..nr).map(|i| g.body(i).len() as u32).collect(),
        beaten: vec![false; nr],
        sd_alive: vec![0; nl],
        sd_applicable: vec![false; nl],
        att_open: vec![0; nl],
        unbeaten: vec![false; nl],
        sup_alive: vec![0; nr],
        inferiors: &inferiors,
        queue: Vec::new(),
    };
    for r in 0..nr {
        if st.rule_state[r] == INACTIVE {
            continue;
        }
        let h = g.rules[r].head;
        if g.rules[r].kind != Arrow::Defeater {
            st.sd_alive[h.index()] += 1;
        }
        st.att_open[h.complement().index()] += 1;
        st.sup_alive[r] = superiors
            .get(r)
            .iter()
            .filter(|&&t| st.rule_state[t as usize] != INACTIVE)
            .count() as u32;
    }
    for l in 0..nl {
        if st.tags[l] & PLUS_DELTA != 0 {
            st.tags[l] |= PLUS_PARTIAL;
            st.queue.push(Lit(l as u32));
        }
    }
    for r in 0..nr {
        if st.rule_state[r] == PENDING && st.pending[r] == 0 {
            st.applicable(r as u32);
        }
    }
    for l in 0..nl as u32 {
        st.try_minus(Lit(l));
        st.try_plus(Lit(l));
    }
    st.run();
    Outcome {
        position: pos,
        tags: st.tags,
        rule_state: st.rule_state,
        beaten: st.beaten,
        superiors,
        superior_statement,
        inferiors,
    }
}

/// State of the defeasible pass.
struct Partial<'a> {
    g: &'a Ground,
    index: &'a Index,
    tags: Vec<u8>,
    rule_state: Vec<u8>,
    pending: Vec<u32>,
    beaten: Vec<bool>,
    /// Literal → strict and defeasible rules for it not yet discarded.
    sd_alive: Vec<u32>,
    /// Literal → some strict or defeasible rule for it is applicable.
    sd_applicable: Vec<bool>,
    /// Literal q → rules for ~q neither discarded nor beaten.
    att_open: Vec<u32>,
    /// Literal q → some applicable rule for ~q has no superior rule for q left alive.
    unbeaten: Vec<bool>,
    /// Rule → superior rules not yet discarded.
    sup_alive: Vec<u32>,
    inferiors: &'a Csr,
    /// Literals whose +∂ / −∂ was just concluded, to propagate.
    queue: Vec<Lit>,
}

impl Partial<'_> {
    fn run(&mut self) {
        while let Some(l) = self.queue.pop() {
            let plus = self.tags[l.index()] & PLUS_PARTIAL != 0;
            for k in 0..self.index.occurs.get(l.index()).len() {
                let r = self.index.occurs.get(l.index())[k];
                if self.rule_state[r as usize] != PENDING {
                    continue;
                }
                if plus {
                    self.pending[r as usize] -= 1;
                    if self.pending[r as usize] == 0 {
                        self.applicable(r);
                    }
                } else {
                    self.discarded(r);
                }
            }
        }
    }

    fn applicable(&mut self, r: u32) {
        self.rule_state[r as usize] = APPLICABLE;
        let rule = self.g.rules[r as usize];
        let h = rule.head;
        if rule.kind != Arrow::Defeater {
            self.sd_applicable[h.index()] = true;
            for k in 0..self.inferiors.get(r as usize).len() {
                let s = self.inferiors.get(r as usize)[k] as usize;
                if self.rule_state[s] != INACTIVE
                    && self.rule_state[s] != DISCARDED
                    && !self.beaten[s]
                {
                    self.beaten[s] = true;
                    self.att_open[h.index()] -= 1;
                }
            }
            self.try_plus(h);
        }
        // As an attacker of ~h.
        if self.sup_alive[r as usize] == 0 {
            self.unbeaten[h.complement().index()] = true;
            self.try_minus(h.complement());
        }
    }

    fn discarded(&mut self, r: u32) {
        self.rule_state[r as usize] = DISCARDED;
        let rule = self.g.rules[r as usize];
        let h = rule.head;
        if rule.kind != Arrow::Defeater {
            self.sd_alive[h.index()] -= 1;
            if self.sd_alive[h.index()] == 0 {
                self.try_minus(h);
            }
            for k in 0..self.inferiors.get(r as usize).len() {
                let s = self.inferiors.get(r as usize)[k] as usize;
                if self.rule_state[s] == INACTIVE {
                    continue;
                }
                self.sup_alive[s] -= 1;
                if self.sup_alive[s] == 0 && self.rule_state[s] == APPLICABLE {
                    // s attacks h, and nothing for h can beat it any more.
                    self.unbeaten[h.index()] = true;
                    self.try_minus(h);
                }
            }
        }
        if !self.beaten[r as usize] {
            let c = h.complement();
            self.att_open[c.index()] -= 1;
            self.try_plus(c);
        }
    }

    fn try_plus(&mut self, q: Lit) {
        let i = q.index();
        if self.tags[i] & (PLUS_PARTIAL | MINUS_PARTIAL) == 0
            && self.sd_applicable[i]
            && self.tags[q.complement().index()] & MINUS_DELTA != 0
            && self.att_open[i] == 0
        {
            self.tags[i] |= PLUS_PARTIAL;
            self.queue.push(q);
        }
    }

    fn try_minus(&mut self, q: Lit) {
        let i = q.index();
        if self.tags[i] & (PLUS_PARTIAL | MINUS_PARTIAL) == 0
            && self.tags[i] & MINUS_DELTA != 0
            && (self.sd_alive[i] == 0
                || self.tags[q.complement().index()] & PLUS_DELTA != 0
                || self.unbeaten[i])
        {
            self.tags[i] |= MINUS_PARTIAL;
            self.queue.push(q);
        }
    }
}
