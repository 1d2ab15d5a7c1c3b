//! The whole pipeline behind every command: inputs → checked program → ground theory → outcomes.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::eval::{self, Index, Outcome, Status};
use crate::ground::{self, Ground, Lit};
use crate::hir::{self, HLit, HTerm, PosId, Program};
use crate::limits::Limits;
use crate::load::{self, Input};
use crate::source::SourceMap;

/// Parsed and checked inputs.
#[derive(Debug)]
pub struct Compiled {
    pub sources: SourceMap,
    pub program: Program,
    pub diags: Diagnostics,
}

/// Read, parse and check. The program is fit for evaluation only if `diags` has no error.
pub fn compile(inputs: &[Input], limits: &Limits) -> Compiled {
    let mut diags = Diagnostics::new();
    let t = Timer::start();
    let loaded = load::load(inputs, limits, &mut diags);
    t.done("read and parse");
    let t = Timer::start();
    // Lowering still runs after syntax errors, so that every error of the run is reported; its
    // warnings would only be noise about statements the user is about to fix.
    let syntax_errors = diags.has_errors();
    let mut lowered = Diagnostics::new();
    let program = hir::lower(&loaded.asts, loaded.names, &mut lowered);
    diags.0.extend(
        lowered
            .0
            .into_iter()
            .filter(|d| d.is_error() || !syntax_errors),
    );
    t.done("check");
    Compiled {
        sources: loaded.sources,
        program,
        diags: diags.sorted(),
    }
}

/// Phase timings on stderr when `ARGCHECK_TIMINGS` is set (for profiling and BENCHMARKS.md).
struct Timer(Option<std::time::Instant>);

impl Timer {
    fn start() -> Timer {
        Timer(std::env::var_os("ARGCHECK_TIMINGS").map(|_| std::time::Instant::now()))
    }
    fn done(self, phase: &str) {
        if let Some(t) = self.0 {
            // Resident memory after the phase (Linux), to see which stage holds the memory.
            let rss_mb = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(String::new(), |pages| {
                    format!(", {} MB resident", pages * 4096 / 1_000_000)
                });
            eprintln!(
                "timing: {phase}: {:.3} s{rss_mb}",
                t.elapsed().as_secs_f64()
            );
        }
    }
}

/// A program evaluated under `common` and every position.
#[derive(Debug)]
pub struct Analysis {
    pub program: Program,
    pub ground: Ground,
    pub index: Index,
    /// One per position, indexed by `PosId`.
    pub outcomes: Vec<Outcome>,
}

/// Ground and evaluate a checked program (with no errors) under every position.
pub fn analyse(program: Program, limits: &Limits) -> Result<Analysis, Diagnostics> {
    let t = Timer::start();
    let ground = ground::ground(&program, limits)?;
    t.done("ground");
    let t = Timer::start();
    let index = Index::new(&program, &ground);
    let positions: Vec<PosId> = (0..program.positions.len() as u32).map(PosId).collect();
    let outcomes = eval::evaluate(&program, &ground, &index, &positions, limits)?;
    t.done("evaluate");
    Ok(Analysis {
        program,
        ground,
        index,
        outcomes,
    })
}

impl Analysis {
    pub fn outcome(&self, pos: PosId) -> &Outcome {
        &self.outcomes[pos.index()]
    }

    /// The ground literal of a ground `HLit`, if it occurs in the theory.
    pub fn lit(&self, lit: &HLit) -> Option<Lit> {
        self.ground.lookup(lit)
    }

    pub fn status(&self, pos: PosId, lit: Option<Lit>) -> Status {
        match lit {
            Some(l) => self.outcome(pos).status(&self.ground, &self.index, l),
            None => Status::unknown(),
        }
    }

    /// Every ground literal matching a query pattern (variables bind anything; a repeated variable
    /// binds the same constant), in the order of their text. A ground pattern yields itself, even
    /// when it occurs nowhere (`None`).
    pub fn matches(&self, pattern: &HLit) -> Vec<(String, Option<Lit>)> {
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

/// The four proof tags of one literal under one position (used by the differential tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Conclusions {
    pub plus_delta: bool,
    pub minus_delta: bool,
    pub plus_partial: bool,
    pub minus_partial: bool,
}

/// For a whole `.rules` text: position name → literal text → its conclusions, for every literal of
/// the ground theory and its complement. Errors come back rendered, codes included.
pub fn conclusion_table(
    text: &str,
) -> Result<BTreeMap<String, BTreeMap<String, Conclusions>>, String> {
    let limits = Limits::default();
    let input = Input::Text {
        name: "input.rules".into(),
        text: text.into(),
    };
    let compiled = compile(&[input], &limits);
    let render = |d: &Diagnostics| crate::diagnostic::render(d, &compiled.sources, false);
    if compiled.diags.has_errors() {
        return Err(render(&compiled.diags));
    }
    let sources = compiled.sources.clone();
    let a = analyse(compiled.program, &limits)
        .map_err(|d| crate::diagnostic::render(&d, &sources, false))?;
    let mut out = BTreeMap::new();
    for (i, o) in a.outcomes.iter().enumerate() {
        let mut table = BTreeMap::new();
        for l in 0..a.ground.lit_count() as u32 {
            let l = Lit(l);
            table.insert(
                crate::render::lit_text(&a.program, &a.ground, l),
                Conclusions {
                    plus_delta: o.has(l, eval::PLUS_DELTA),
                    minus_delta: o.has(l, eval::MINUS_DELTA),
                    plus_partial: o.has(l, eval::PLUS_PARTIAL),
                    minus_partial: o.has(l, eval::MINUS_PARTIAL),
                },
            );
        }
        out.insert(a.program.position_name(PosId(i as u32)).to_string(), table);
    }
    Ok(out)
}
