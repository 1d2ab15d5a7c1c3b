//! `argcheck::underivable`: predicates that cannot do what they are written for, which is nearly
//! always a spelling mistake between two uses of one predicate.
//!
//! Each predicate is classified by where it occurs: declared (`predicate`), stated (a fact),
//! concluded (a rule head), required (a rule condition, `unless` included) or asked (`query`,
//! `expect`, `--query`, the literal of `explain`). One warning per mistake:
//!
//! 1. *Required or asked, never stated or concluded*: the condition can never be met, the question
//!    is always undecided. The warning names the closest declared spelling, else the closest
//!    stated or concluded one. When that spelling is itself never required or asked (a fact
//!    `head_of_stat(assad).` beside a condition `head_of_state(P)`), the two are one mistake:
//!    one warning, with both places; it sits on the side that is not declared (the declaration
//!    wins), on the condition when neither or both are.
//! 2. *Stated or concluded, never required or asked, and spelled like a predicate that is*
//!    (required, asked or declared): the fact or conclusion has no effect, and was probably meant
//!    for the other. A fact nobody uses that is spelled like nothing else is not reported: a lesson
//!    often states background facts that no question turns on.
//! 3. *Declared, never used, and spelled like a predicate that is used undeclared*: the
//!    declaration's sentence is never shown.
//!
//! (A use with another number of arguments than the declaration is the error `argcheck::arity`.)
//!
//! Suggestions cost a string comparison per candidate; past [`BUDGET`] comparisons a run gets no
//! more suggestions (a generated theory with a million unused predicates must not take minutes).

use rustc_hash::{FxHashMap, FxHashSet};

use super::{HBody, PredId, Program};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, closest};
use crate::intern::Sym;
use crate::source::{FileId, Span};
use crate::syntax::ast::{Ast, BodyItem, ItemKind, Literal};

const DECLARED: u8 = 1;
const STATED: u8 = 2;
const CONCLUDED: u8 = 4;
const REQUIRED: u8 = 8;
const ASKED: u8 = 16;
const DEFINED: u8 = STATED | CONCLUDED;
const USED: u8 = REQUIRED | ASKED;

/// String comparisons allowed for suggestions in one run.
const BUDGET: usize = 1_000_000;

/// The first place of each kind where a predicate occurs, in file order.
#[derive(Default, Clone, Copy)]
struct Places {
    declared: Option<Span>,
    stated: Option<Span>,
    concluded: Option<Span>,
    required: Option<Span>,
    asked: Option<Span>,
}

impl Places {
    /// Where it is used: a condition first, else a question.
    fn use_place(&self) -> Option<(Span, u8)> {
        self.required
            .map(|s| (s, REQUIRED))
            .or(self.asked.map(|s| (s, ASKED)))
    }
    /// Where it is defined: a fact first, else a rule's conclusion.
    fn definition(&self) -> Option<(Span, u8)> {
        self.stated
            .map(|s| (s, STATED))
            .or(self.concluded.map(|s| (s, CONCLUDED)))
    }
    /// Where it occurs first, declarations aside.
    fn first(&self) -> Option<(Span, u8)> {
        [
            (self.stated, STATED),
            (self.concluded, CONCLUDED),
            (self.required, REQUIRED),
            (self.asked, ASKED),
        ]
        .into_iter()
        .filter_map(|(s, k)| Some((s?, k)))
        .min_by_key(|(s, _)| (s.file, s.start))
    }
}

/// The first places of the predicates in `wanted`, from the files' statements.
fn places(files: &[(FileId, Ast)], wanted: &FxHashSet<Sym>) -> FxHashMap<Sym, Places> {
    let mut out: FxHashMap<Sym, Places> = FxHashMap::default();
    let mut note = |lit: &Literal, kind: u8| {
        if !wanted.contains(&lit.pred.sym) {
            return;
        }
        let p = out.entry(lit.pred.sym).or_default();
        let slot = match kind {
            STATED => &mut p.stated,
            CONCLUDED => &mut p.concluded,
            REQUIRED => &mut p.required,
            _ => &mut p.asked,
        };
        slot.get_or_insert(lit.pred.span);
    };
    let mut declared: Vec<(Sym, Span)> = Vec::new();
    for (_, ast) in files {
        for item in &ast.items {
            match &item.kind {
                ItemKind::Fact { lit, .. } => note(lit, STATED),
                ItemKind::Rule(r) => {
                    for b in r.body.iter().chain(r.unless.iter().flatten()) {
                        if let BodyItem::Lit(l) = b {
                            note(l, REQUIRED);
                        }
                    }
                    note(&r.head, CONCLUDED);
                }
                ItemKind::Query { lit, .. } => note(lit, ASKED),
                ItemKind::Expect(e) => note(&e.lit, ASKED),
                ItemKind::Predicate { name, .. } if wanted.contains(&name.sym) => {
                    declared.push((name.sym, name.span));
                }
                _ => {}
            }
        }
    }
    for (sym, span) in declared {
        out.entry(sym).or_default().declared.get_or_insert(span);
    }
    out
}

/// Suggestions within the run's budget of comparisons.
struct Suggest<'a> {
    names: Vec<&'a str>,
    budget: usize,
}

impl<'a> Suggest<'a> {
    /// The closest of `pool` to `pred`.
    fn closest(&mut self, pred: PredId, pool: &[PredId]) -> Option<PredId> {
        if self.budget < pool.len() {
            self.budget = 0;
            return None;
        }
        self.budget -= pool.len();
        let name = self.names[pred.index()];
        let best = closest(name, pool.iter().map(|q| self.names[q.index()]))?;
        pool.iter().copied().find(|q| self.names[q.index()] == best)
    }
}

/// One warning to give: its primary predicate and place, the suggested spelling, and the other
/// place of the same mistake.
struct Warning {
    pred: PredId,
    /// `REQUIRED`/`ASKED` (rule 1), `STATED`/`CONCLUDED` (rule 2) or `DECLARED` (rule 3: the
    /// primary is then the undeclared use).
    kind: u8,
    suggestion: Option<PredId>,
    /// Show where the suggestion occurs (a declaration, a use or a definition).
    show_other: bool,
}

/// Report the predicates of `p` that rules 1–3 above describe.
pub(super) fn check(p: &Program, files: &[(FileId, Ast)], diags: &mut Diagnostics) {
    let n = p.preds.len();
    let mut flags = vec![0u8; n];
    for (i, pred) in p.preds.iter().enumerate() {
        if pred.template.is_some() {
            flags[i] |= DECLARED;
        }
    }
    for f in &p.facts {
        flags[f.lit.pred.index()] |= STATED;
    }
    for r in &p.rules {
        flags[r.head.pred.index()] |= CONCLUDED;
        for b in r.body.iter() {
            if let HBody::Lit(l) = b {
                flags[l.pred.index()] |= REQUIRED;
            }
        }
    }
    for q in &p.queries {
        flags[q.lit.pred.index()] |= ASKED;
    }
    for e in &p.expects {
        flags[e.lit.pred.index()] |= ASKED;
    }
    let all = |test: &dyn Fn(u8) -> bool| -> Vec<PredId> {
        (0..n)
            .filter(|&i| test(flags[i]))
            .map(|i| PredId(i as u32))
            .collect()
    };
    let undefined = all(&|f| f & USED != 0 && f & DEFINED == 0);
    let unused = all(&|f| f & DEFINED != 0 && f & USED == 0);
    let declared_only = all(&|f| f == DECLARED);
    if undefined.is_empty() && unused.is_empty() && declared_only.is_empty() {
        return;
    }
    let declared = all(&|f| f & DECLARED != 0);
    let defined = all(&|f| f & DEFINED != 0);
    let used_or_declared = all(&|f| f & (USED | DECLARED) != 0);
    let undeclared = all(&|f| f & DECLARED == 0 && f != 0);
    let mut s = Suggest {
        names: p.preds.iter().map(|q| p.names.resolve(q.name)).collect(),
        budget: BUDGET,
    };
    let is = |q: PredId, bit: u8| flags[q.index()] & bit != 0;
    let mut warnings: Vec<Warning> = Vec::new();
    let mut done = vec![false; n];
    let mut pairs: FxHashSet<(PredId, PredId)> = FxHashSet::default();
    let pair = |a: PredId, b: PredId| (a.min(b), a.max(b));
    // Rule 1: used, never defined.
    for &pred in &undefined {
        let suggestion = s
            .closest(pred, &declared)
            .or_else(|| s.closest(pred, &defined));
        done[pred.index()] = true;
        let kind = if is(pred, REQUIRED) { REQUIRED } else { ASKED };
        match suggestion {
            Some(other) if is(other, DEFINED) && !is(other, USED) && !done[other.index()] => {
                // One mistake, two places.
                done[other.index()] = true;
                pairs.insert(pair(pred, other));
                if is(pred, DECLARED) && !is(other, DECLARED) {
                    let kind = if is(other, STATED) { STATED } else { CONCLUDED };
                    warnings.push(Warning {
                        pred: other,
                        kind,
                        suggestion: Some(pred),
                        show_other: true,
                    });
                } else {
                    warnings.push(Warning {
                        pred,
                        kind,
                        suggestion,
                        show_other: true,
                    });
                }
            }
            _ => {
                if let Some(other) = suggestion {
                    pairs.insert(pair(pred, other));
                }
                warnings.push(Warning {
                    pred,
                    kind,
                    suggestion,
                    show_other: false,
                });
            }
        }
    }
    // Rule 2: defined, never used, spelled like a used or declared predicate.
    for &pred in &unused {
        if done[pred.index()] {
            continue;
        }
        let Some(other) = s
            .closest(pred, &declared)
            .or_else(|| s.closest(pred, &used_or_declared))
        else {
            continue;
        };
        done[pred.index()] = true;
        pairs.insert(pair(pred, other));
        let kind = if is(pred, STATED) { STATED } else { CONCLUDED };
        warnings.push(Warning {
            pred,
            kind,
            suggestion: Some(other),
            show_other: true,
        });
    }
    // Rule 3: declared, never used, spelled like an undeclared predicate.
    for &decl in &declared_only {
        let Some(other) = s.closest(decl, &undeclared) else {
            continue;
        };
        if pairs.contains(&pair(decl, other)) || done[other.index()] {
            continue;
        }
        done[other.index()] = true;
        warnings.push(Warning {
            pred: other,
            kind: DECLARED,
            suggestion: Some(decl),
            show_other: true,
        });
    }
    if warnings.is_empty() {
        return;
    }
    let wanted: FxHashSet<Sym> = warnings
        .iter()
        .flat_map(|w| [Some(w.pred), w.suggestion])
        .flatten()
        .map(|q| p.preds[q.index()].name)
        .collect();
    let places = places(files, &wanted);
    for w in &warnings {
        if let Some(d) = diagnostic(p, &places, w, &flags) {
            diags.push(d);
        }
    }
}

fn diagnostic(
    p: &Program,
    places: &FxHashMap<Sym, Places>,
    w: &Warning,
    flags: &[u8],
) -> Option<Diagnostic> {
    let name = |q: PredId| p.names.resolve(p.preds[q.index()].name);
    let at = |q: PredId| {
        places
            .get(&p.preds[q.index()].name)
            .copied()
            .unwrap_or_default()
    };
    let n = name(w.pred);
    let here = at(w.pred);
    let other = w.suggestion.map(|q| (name(q), at(q), flags[q.index()]));
    let mut d = match w.kind {
        REQUIRED | ASKED => {
            let (span, kind) = here.use_place()?;
            let (label, consequence) = if kind == REQUIRED {
                (
                    "this condition can never be met",
                    "or the rule will never apply",
                )
            } else {
                (
                    "asked here, but nothing can conclude it",
                    "or the answer will always be undecided",
                )
            };
            let help = match other {
                Some((o, ..)) => format!(
                    "Did you mean `{o}`? Otherwise add a fact or a rule for `{n}`, {consequence}."
                ),
                None => format!("Add a fact or a rule for `{n}`, {consequence}."),
            };
            Diagnostic::new(
                Code::Underivable,
                format!("no fact or rule ever concludes `{n}`"),
            )
            .with_label(span, label)
            .with_help(help)
        }
        STATED | CONCLUDED => {
            let (span, kind) = here.definition()?;
            let (o, ..) = other?;
            let (label, what) = if kind == STATED {
                (
                    "this fact is never used",
                    "this fact cannot change any answer",
                )
            } else {
                (
                    "this conclusion is never used",
                    "this rule cannot change any other answer",
                )
            };
            Diagnostic::new(
                Code::Underivable,
                format!("no rule, query or expectation uses `{n}`"),
            )
            .with_label(span, label)
            .with_help(format!("Did you mean `{o}`? As written, {what}."))
        }
        _ => {
            let (span, _) = here.first()?;
            let (o, ..) = other?;
            Diagnostic::new(
                Code::Underivable,
                format!("`{n}` is spelled differently from the declared `{o}`"),
            )
            .with_label(span, "not declared")
            .with_help(format!(
                "Did you mean `{o}`? Use one spelling in the declaration and everywhere else: as written, the declaration's sentence is never used."
            ))
        }
    };
    if w.show_other {
        if let Some((o, places, f)) = other {
            let shown = if f & DECLARED != 0 && w.kind != REQUIRED && w.kind != ASKED {
                places
                    .declared
                    .map(|s| (s, format!("`{o}` is declared here")))
            } else if f & USED != 0 {
                places
                    .use_place()
                    .map(|(s, _)| (s, format!("`{o}` is used here")))
            } else {
                places.definition().map(|(s, k)| {
                    let what = if k == STATED { "stated" } else { "concluded" };
                    (s, format!("`{o}` is {what} here, but nothing uses it"))
                })
            };
            if let Some((span, text)) = shown {
                d = d.with_label(span, text);
            }
        }
    }
    Some(d)
}
