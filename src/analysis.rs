//! The front door: read → check → evaluate, and every answer read off an evaluation.
//!
//! [`check`] reads the inputs (and their imports) through a [`Files`], parses and checks them:
//! a [`Checked`] run holds the sources, the checked program and every diagnostic found. Unless
//! it has errors, [`Checked::evaluate`] grounds the program once and evaluates it under common
//! ground and every position: an [`Evaluation`], from which the verdict table, explanations,
//! argument graphs, position differences and expectation reports are read. The command line, the
//! browser playground and the language server all go through these calls.

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, closest};
use crate::eval::{self, Index, Outcome};
use crate::ground::{self, Ground, Lit};
use crate::hir::{self, HLit, HTerm, PosId, Program};
use crate::limits::Limits;
use crate::load::{self, Files, Input};
use crate::logic::Status;
use crate::source::SourceMap;

/// Read, parse and check `inputs` and everything they import. Every problem found is in
/// [`Checked::diagnostics`]; the run can be evaluated only if none is an error.
pub fn check(inputs: &[Input], files: &dyn Files, limits: &Limits) -> Checked {
    let mut diags = Diagnostics::new();
    let t = Timer::start();
    let loaded = load::load(inputs, files, limits, &mut diags);
    t.done("read and parse");
    let t = Timer::start();
    // Lowering still runs after syntax errors, so that every error of the run is reported; its
    // warnings would only be noise about statements the user is about to fix.
    let syntax_errors = diags.has_errors();
    let mut lowered = Diagnostics::new();
    let whatif = loaded.whatif.as_ref().map(|(f, p)| (*f, &p[..]));
    let program = hir::lower(&loaded.asts, loaded.names, whatif, &mut lowered);
    diags.0.extend(
        lowered
            .0
            .into_iter()
            .filter(|d| d.is_error() || !syntax_errors)
            .map(|d| match (&d.code, &d.help) {
                // The rule named may be one that failed to parse: say so, or the help would send
                // the user to add a label that is already there.
                (Code::UnknownRule, Some(h)) if syntax_errors => {
                    let help = format!("{h} If it is a rule with a syntax error above, fixing that error is enough.");
                    d.with_help(help)
                }
                _ => d,
            }),
    );
    t.done("check");
    Checked {
        sources: loaded.sources,
        program,
        diagnostics: diags.sorted(),
    }
}

/// A run read and checked, not yet evaluated.
#[derive(Debug)]
pub struct Checked {
    pub(crate) sources: SourceMap,
    pub(crate) program: Program,
    diagnostics: Diagnostics,
}

impl Checked {
    /// Every file read, imports included.
    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// Every error and warning found, sorted by file and position.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// Ground the program and evaluate it under common ground and every position. Fails on a run
    /// with errors (returned as they are), or with the diagnostics of grounding and evaluation
    /// (a strict contradiction, a limit) added to the run's.
    pub fn evaluate(self, limits: &Limits) -> Result<Evaluation, Box<Checked>> {
        if self.diagnostics.has_errors() {
            return Err(Box::new(self));
        }
        match evaluate(&self.program, limits) {
            Ok((ground, index, outcomes)) => Ok(Evaluation {
                sources: self.sources,
                program: self.program,
                ground,
                index,
                outcomes,
                warnings: self.diagnostics,
            }),
            Err(more) => {
                let mut failed = self;
                failed.diagnostics.extend(more);
                Err(Box::new(failed))
            }
        }
    }
}

fn evaluate(p: &Program, limits: &Limits) -> Result<(Ground, Index, Vec<Outcome>), Diagnostics> {
    let t = Timer::start();
    let ground = ground::ground(p, limits)?;
    t.done("ground");
    let t = Timer::start();
    let index = Index::new(p, &ground);
    let positions: Vec<PosId> = (0..p.positions.len() as u32).map(PosId).collect();
    let outcomes = eval::evaluate(p, &ground, &index, &positions, limits)?;
    t.done("evaluate");
    Ok((ground, index, outcomes))
}

/// Phase timings on stderr when `ARGCHECK_TIMINGS` is set (for profiling and BENCHMARKS.md).
/// Never on WebAssembly, which has no clock to read here.
struct Timer(#[cfg(not(target_arch = "wasm32"))] Option<std::time::Instant>);

impl Timer {
    fn start() -> Timer {
        Timer(
            #[cfg(not(target_arch = "wasm32"))]
            std::env::var_os("ARGCHECK_TIMINGS").map(|_| std::time::Instant::now()),
        )
    }

    fn done(self, _phase: &str) {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(t) = self.0 {
            eprintln!("timing: {_phase}: {:.3} s", t.elapsed().as_secs_f64());
        }
    }
}

/// A program evaluated under common ground and every position.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub(crate) sources: SourceMap,
    pub(crate) program: Program,
    pub(crate) ground: Ground,
    pub(crate) index: Index,
    /// One per position, indexed by `PosId`.
    pub(crate) outcomes: Vec<Outcome>,
    warnings: Diagnostics,
}

/// A position: common ground or a `position` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PositionId(pub(crate) PosId);

/// A question of the run: a `query` statement, or a literal asked on the command line.
#[derive(Debug, Clone)]
pub struct Query {
    /// Its place among the run's queries.
    pub index: usize,
    /// The literal asked, as written (it may have variables).
    pub pattern: String,
    /// The question text of the `query` statement.
    pub text: Option<String>,
    /// Asked through [`Input::Queries`] rather than written in a file.
    pub asked: bool,
}

/// A ground literal a query asks about.
#[derive(Debug, Clone)]
pub struct Match {
    /// The literal as it would be written: `~immune(assad, france)`.
    pub literal: String,
    /// Where it is in the ground theory; `None` if it occurs nowhere.
    pub(crate) lit: Option<Lit>,
}

/// The four proof tags of one literal under one position (`docs/language.md`, "The proof
/// conditions").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Conclusions {
    /// +Δ: definitely provable.
    pub plus_delta: bool,
    /// −Δ: definitely not provable.
    pub minus_delta: bool,
    /// +∂: defeasibly provable.
    pub plus_partial: bool,
    /// −∂: defeasibly refuted.
    pub minus_partial: bool,
}

impl Evaluation {
    /// Every file read, imports included.
    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// The warnings of the run (it had no errors, or it would not have been evaluated).
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// Common ground first, then every position in the order of the files.
    pub fn positions(&self) -> impl Iterator<Item = PositionId> + '_ {
        (0..self.program.positions.len() as u32).map(|i| PositionId(PosId(i)))
    }

    /// A position's name (`common` for common ground).
    pub fn position_name(&self, p: PositionId) -> &str {
        self.program.position_name(p.0)
    }

    /// A position's title, if its block gives one.
    pub fn position_title(&self, p: PositionId) -> Option<&str> {
        self.program.positions[p.0.index()].title.as_deref()
    }

    /// The position called `name`; an `argcheck::unknown_position` error that suggests the closest
    /// name if there is none.
    pub fn position(&self, name: &str) -> Result<PositionId, Diagnostic> {
        if let Some(p) = self.program.position_by_name(name) {
            return Ok(PositionId(p));
        }
        let names: Vec<&str> = self.positions().map(|p| self.position_name(p)).collect();
        let help = match closest(name, names.iter().copied()) {
            Some(c) => format!("Did you mean `{c}`?"),
            None => format!("The positions are: {}.", names.join(", ")),
        };
        Err(Diagnostic::new(
            Code::UnknownPosition,
            format!("there is no position `{name}`"),
        )
        .with_help(help))
    }

    /// Every query of the run, in order.
    pub fn queries(&self) -> Vec<Query> {
        self.program
            .queries
            .iter()
            .enumerate()
            .map(|(index, q)| Query {
                index,
                pattern: self.program.lit_text(&q.lit, &q.vars),
                text: q.text.clone(),
                asked: self.sources.file(q.span.file).name == load::QUERY_FILE,
            })
            .collect()
    }

    /// The ground literals a query asks about, in the order of their text (variables bind
    /// anything; a repeated variable binds the same constant). A ground query asks about itself,
    /// even if it occurs nowhere.
    pub fn matches(&self, query: &Query) -> Vec<Match> {
        let pattern = &self.program.queries[query.index].lit;
        self.matching(pattern)
            .into_iter()
            .map(|(literal, lit)| Match { literal, lit })
            .collect()
    }

    /// Every literal of the ground theory, each atom with both signs.
    pub fn literals(&self) -> Vec<Match> {
        (0..self.ground.lit_count() as u32)
            .map(|l| Match {
                literal: crate::render::lit_text(&self.program, &self.ground, Lit(l)),
                lit: Some(Lit(l)),
            })
            .collect()
    }

    /// The verdict on a literal under a position.
    pub fn status(&self, p: PositionId, m: &Match) -> Status {
        self.status_of(p.0, m.lit)
    }

    /// The proof tags of every literal of the ground theory and its complement, by position name
    /// and literal text (for the differential tests against a naive reading of the proof
    /// conditions, `docs/language.md`).
    pub fn conclusions(&self) -> BTreeMap<String, BTreeMap<String, Conclusions>> {
        let mut out = BTreeMap::new();
        for (i, o) in self.outcomes.iter().enumerate() {
            let mut table = BTreeMap::new();
            for l in 0..self.ground.lit_count() as u32 {
                let l = Lit(l);
                table.insert(
                    crate::render::lit_text(&self.program, &self.ground, l),
                    Conclusions {
                        plus_delta: o.has(l, eval::PLUS_DELTA),
                        minus_delta: o.has(l, eval::MINUS_DELTA),
                        plus_partial: o.has(l, eval::PLUS_PARTIAL),
                        minus_partial: o.has(l, eval::MINUS_PARTIAL),
                    },
                );
            }
            out.insert(
                self.program.position_name(PosId(i as u32)).to_string(),
                table,
            );
        }
        out
    }

    pub(crate) fn outcome(&self, pos: PosId) -> &Outcome {
        &self.outcomes[pos.index()]
    }

    /// The ground literal of a ground `HLit`, if it occurs in the theory.
    pub(crate) fn lit(&self, lit: &HLit) -> Option<Lit> {
        self.ground.lookup(lit)
    }

    pub(crate) fn status_of(&self, pos: PosId, lit: Option<Lit>) -> Status {
        match lit {
            Some(l) => self.outcome(pos).status(&self.ground, &self.index, l),
            None => Status::unknown(),
        }
    }

    /// Every ground literal matching a pattern, with its text, in the order of their text.
    pub(crate) fn matching(&self, pattern: &HLit) -> Vec<(String, Option<Lit>)> {
        let p = &self.program;
        if pattern.args.iter().all(|t| matches!(t, HTerm::Const(_))) {
            let text = p.lit_text(pattern, &[]);
            return vec![(text, self.lit(pattern))];
        }
        let mut out = Vec::new();
        let mut binding: Vec<Option<hir::ConstId>> = Vec::new();
        for a in 0..self.ground.atoms.len() as u32 {
            let atom = ground::AtomId(a);
            if self.ground.atoms.pred(atom) != pattern.pred {
                continue;
            }
            binding.clear();
            let ok =
                pattern
                    .args
                    .iter()
                    .zip(self.ground.atoms.args(atom))
                    .all(|(t, &c)| match *t {
                        HTerm::Const(k) => k == c,
                        HTerm::Var(v) => {
                            let v = v as usize;
                            if binding.len() <= v {
                                binding.resize(v + 1, None);
                            }
                            match binding[v] {
                                None => {
                                    binding[v] = Some(c);
                                    true
                                }
                                Some(b) => b == c,
                            }
                        }
                    });
            if ok {
                let l = Lit::new(atom, pattern.neg);
                out.push((crate::render::lit_text(p, &self.ground, l), Some(l)));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}
