//! The playground's one JSON API: what the page asks of argcheck, through the library's front
//! door (`argcheck::check` → `Checked::evaluate` → `Evaluation`), nothing evaluated here.
//!
//! [`Session`] is plain Rust (tested natively); [`Playground`] exposes it to JavaScript with
//! wasm-bindgen, JSON text in and out. A session keeps the last evaluation, so that explanations,
//! graphs and differences asked after an analysis read it instead of evaluating again.
//!
//! | call | takes | gives |
//! |---|---|---|
//! | `analyse` | files `[{name, text}]`, options `{inputs?, limits?, what_if?}` | `{evaluated, diagnostics, table, outline, what_if?}` |
//! | `explain` | position, literal | `{explanation, text}` (the library's JSON and text) |
//! | `graph` | position, literal (or none) | `{dot}` |
//! | `diff` | two positions | `{diff, text}` |
//! | `report` | — | `{html}` (the handout of `argcheck report`) |
//! | `format` | name, text | `{ok, text}` or `{ok: false, diagnostics}` |
//!
//! Every answer is a JSON object; a request the session cannot answer gives `{"error": "..."}`.
//! The page's README section documents each field.

use std::cell::RefCell;
use std::collections::HashMap;

use argcheck::{
    Diagnostics, Evaluation, ExplainOptions, Input, Limits, Match, MemoryFiles, PositionId,
    SourceMap, Table,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wasm_bindgen::prelude::wasm_bindgen;

pub mod whatif;

use whatif::WhatIf;

/// A file the page holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileText {
    /// Its path (imports are resolved relative to it).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The library's limits, as the page sets them (absent: the library's defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LimitOptions {
    /// `--max-input-bytes`.
    pub max_input_bytes: Option<u64>,
    /// `--max-ground-rules`.
    pub max_ground_rules: Option<usize>,
    /// `--max-literals`.
    pub max_literals: Option<usize>,
    /// `--max-explain-steps`.
    pub max_explain_steps: Option<usize>,
}

impl LimitOptions {
    fn limits(&self) -> Limits {
        let d = Limits::default();
        Limits {
            max_input_bytes: self.max_input_bytes.unwrap_or(d.max_input_bytes),
            max_ground_rules: self.max_ground_rules.unwrap_or(d.max_ground_rules),
            max_literals: self.max_literals.unwrap_or(d.max_literals),
            max_explain_steps: self.max_explain_steps.unwrap_or(d.max_explain_steps),
            // No clock on WebAssembly: the page stops a runaway run by ending its worker.
            stop: None,
        }
    }
}

/// How to analyse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// The files to read, as `argcheck eval A B` would (their imports come along); default: every
    /// file, in order.
    pub inputs: Option<Vec<String>>,
    /// The library's limits.
    pub limits: LimitOptions,
    /// Statements switched off and facts assumed.
    pub what_if: WhatIf,
}

/// A verdict that a what-if changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The literal.
    pub literal: String,
    /// The position.
    pub position: String,
    /// The verdict as written (none: the literal was not in the table).
    pub before: Option<String>,
    /// The verdict under the what-if (none: the literal left the table).
    pub after: Option<String>,
}

/// The baseline of the last analysis, reused while the files and options do not change.
struct Baseline {
    key: String,
    evaluation: Option<Evaluation>,
    answer: Value,
    table: Option<Table>,
}

/// The playground's engine: one per worker.
#[derive(Default)]
pub struct Session {
    baseline: Option<Baseline>,
    /// The evaluation the table shows: the what-if's when one is in force.
    what_if: Option<Evaluation>,
    /// The changes of that what-if, one line each.
    applied: Vec<String>,
    explain_steps: usize,
}

impl Session {
    /// A session with nothing analysed yet.
    pub fn new() -> Session {
        Session::default()
    }

    /// Check and evaluate the files: diagnostics, the verdict table (the JSON of `argcheck eval
    /// --format json`), the outline (names for completion, statements for what-if), and under a
    /// what-if the verdicts it changed.
    pub fn analyse(&mut self, files: &[FileText], options: &Options) -> Value {
        let limits = options.limits.limits();
        self.explain_steps = limits.max_explain_steps;
        let inputs: Vec<String> = options
            .inputs
            .clone()
            .unwrap_or_else(|| files.iter().map(|f| f.name.clone()).collect());
        let key = serde_json::to_string(&(files, &inputs, &options.limits)).unwrap_or_default();
        if self.baseline.as_ref().is_none_or(|b| b.key != key) {
            self.baseline = None;
            self.what_if = None;
            let (answer, evaluation, table) = run(files, &inputs, &limits);
            self.baseline = Some(Baseline {
                key,
                evaluation,
                answer,
                table,
            });
        }
        let base = self.baseline.as_ref().expect("set above");
        let mut answer = base.answer.clone();
        self.what_if = None;
        if options.what_if.is_empty() {
            return answer;
        }
        let (Some(table), Some(e)) = (&base.table, &base.evaluation) else {
            answer["what_if"] = json!({
                "applied": [],
                "unknown": options.what_if.off,
                "diagnostics": [],
                "changes": [],
                "evaluated": false,
                "note": "the files have errors: fix them to try a what-if",
            });
            return answer;
        };
        let rewritten = whatif::rewrite(files, &e.statements(), &options.what_if);
        let mut w_inputs = inputs.clone();
        if let Some(a) = &rewritten.assumptions {
            w_inputs.push(a.name.clone());
        }
        let mut w_files = rewritten.files.clone();
        w_files.extend(rewritten.assumptions.clone());
        let (w_answer, w_eval, w_table) = run(&w_files, &w_inputs, &limits);
        let evaluated = w_table.is_some();
        let mut changed = Vec::new();
        if let Some(w_table) = w_table {
            answer["table"] = serde_json::to_value(&w_table).unwrap_or(Value::Null);
            changed = changes(table, &w_table);
            self.what_if = w_eval;
            self.applied = rewritten.applied.clone();
        }
        answer["what_if"] = json!({
            "applied": rewritten.applied,
            "unknown": rewritten.unknown,
            "evaluated": evaluated,
            "diagnostics": w_answer["diagnostics"],
            "changes": changed,
        });
        answer
    }

    fn current(&self) -> Option<&Evaluation> {
        self.what_if
            .as_ref()
            .or(self.baseline.as_ref()?.evaluation.as_ref())
    }

    /// Why `literal` has its verdict under `position`, in the last analysis (under its what-if):
    /// the library's explanation JSON and its text.
    pub fn explain(&self, position: &str, literal: &str) -> Value {
        let Some(e) = self.current() else {
            return error(NOT_EVALUATED);
        };
        let (p, m) = match locate(e, position, Some(literal)) {
            Ok((p, m)) => (p, m.expect("a literal was asked")),
            Err(v) => return v,
        };
        let opts = ExplainOptions {
            depth: None,
            max_steps: self.explain_steps,
        };
        match e.explain(p, &m, &opts) {
            Ok(x) => json!({ "explanation": x, "text": x.text(&argcheck::TextOptions::default()) }),
            Err(d) => error(&d.message),
        }
    }

    /// The argument graph of `position` as Graphviz DOT: what `literal` depends on, or the
    /// whole position without one.
    pub fn graph(&self, position: &str, literal: Option<&str>) -> Value {
        let Some(e) = self.current() else {
            return error(NOT_EVALUATED);
        };
        match locate(e, position, literal) {
            Ok((p, m)) => {
                let roots = m.map(|m| vec![m]);
                json!({ "dot": e.graph(p, roots.as_deref()).dot() })
            }
            Err(v) => v,
        }
    }

    /// The literals whose verdicts differ between positions `a` and `b`, with the crux of each.
    pub fn diff(&self, a: &str, b: &str) -> Value {
        let Some(e) = self.current() else {
            return error(NOT_EVALUATED);
        };
        let (pa, pb) = match (e.position(a), e.position(b)) {
            (Ok(pa), Ok(pb)) => (pa, pb),
            (Err(d), _) | (_, Err(d)) => return error(&d.message),
        };
        let d = e.diff(pa, pb, None);
        json!({ "diff": d, "text": d.text(false) })
    }

    /// The handout of `argcheck report` for the last analysis: one self-contained HTML page.
    /// Under a what-if the page reports the hypothetical evaluation and says so under its title
    /// (the page's what-ifs are carried out on a copy of the files, see [`whatif`]).
    pub fn report(&self) -> Value {
        let Some(e) = self.current() else {
            return error(NOT_EVALUATED);
        };
        let note = self.what_if.as_ref().map(|_| {
            format!(
                "Hypothetical: these verdicts are those of a what-if in the playground ({}).",
                self.applied.join("; ")
            )
        });
        let opts = argcheck::ReportOptions {
            note,
            explain: ExplainOptions {
                depth: None,
                max_steps: self.explain_steps,
            },
            ..Default::default()
        };
        json!({ "html": e.report(&opts) })
    }
}

/// One file in canonical layout (the library's `fmt`); its syntax errors if it has any.
pub fn format(name: &str, text: &str) -> Value {
    match argcheck::format(name, text) {
        Ok(t) => json!({ "ok": true, "text": t }),
        Err((sources, diags)) => {
            json!({ "ok": false, "diagnostics": diagnostics(&diags, &sources) })
        }
    }
}

const NOT_EVALUATED: &str = "nothing is evaluated: the files have errors, or the engine was restarted since the last analysis";

fn error(message: &str) -> Value {
    json!({ "error": message })
}

/// A position and, if named, a literal of the evaluation.
fn locate(
    e: &Evaluation,
    position: &str,
    literal: Option<&str>,
) -> Result<(PositionId, Option<Match>), Value> {
    let p = e.position(position).map_err(|d| error(&d.message))?;
    let Some(literal) = literal else {
        return Ok((p, None));
    };
    let m = e
        .queries()
        .iter()
        .flat_map(|q| e.matches(q))
        .find(|m| m.literal == literal)
        .or_else(|| e.literals().into_iter().find(|m| m.literal == literal));
    match m {
        Some(m) => Ok((p, Some(m))),
        None => Err(error(&format!(
            "`{literal}` is not a literal of the theory"
        ))),
    }
}

/// Check and evaluate one run: the answer's JSON, the evaluation and its table (none on errors).
fn run(
    files: &[FileText],
    inputs: &[String],
    limits: &Limits,
) -> (Value, Option<Evaluation>, Option<Table>) {
    let mut memory = MemoryFiles::new();
    for f in files {
        memory.insert(&f.name, f.text.clone());
    }
    let ins: Vec<Input> = inputs.iter().map(|n| Input::Path(n.into())).collect();
    let checked = argcheck::check(&ins, &memory, limits);
    let outline = checked.statements();
    match checked.evaluate(limits) {
        Ok(e) => {
            let queries = e.queries();
            let positions: Vec<PositionId> = e.positions().collect();
            let table = e.table(&queries, &positions);
            let answer = json!({
                "evaluated": true,
                "diagnostics": diagnostics(e.warnings(), e.sources()),
                "table": table,
                "outline": outline,
            });
            (answer, Some(e), Some(table))
        }
        Err(failed) => {
            let answer = json!({
                "evaluated": false,
                "diagnostics": diagnostics(failed.diagnostics(), failed.sources()),
                "table": null,
                "outline": outline,
            });
            (answer, None, None)
        }
    }
}

/// The library's JSON of diagnostics (`argcheck check --format json`), each label with `from`
/// and `to` added: its offsets in UTF-16 code units, as the editor counts.
fn diagnostics(d: &Diagnostics, sources: &SourceMap) -> Value {
    let mut v = d.to_json(sources);
    let mut utf16: HashMap<String, Option<Vec<u32>>> = HashMap::new();
    if let Some(list) = v.as_array_mut() {
        for diag in list {
            let Some(labels) = diag.get_mut("labels").and_then(Value::as_array_mut) else {
                continue;
            };
            for l in labels {
                let file = l["file"].as_str().unwrap_or_default().to_string();
                let table = utf16.entry(file.clone()).or_insert_with(|| {
                    let text = &sources.files().find(|(_, f)| f.name == file)?.1.text;
                    // ASCII text counts the same in bytes and UTF-16 units: no table needed.
                    (!text.is_ascii()).then(|| utf16_offsets(text))
                });
                for (k, out) in [("start", "from"), ("end", "to")] {
                    let byte = l[k].as_u64().unwrap_or(0) as usize;
                    let unit = match table {
                        Some(t) => t.get(byte).copied().unwrap_or(byte as u32),
                        None => byte as u32,
                    };
                    l[out] = json!(unit);
                }
            }
        }
    }
    v
}

/// The UTF-16 offset of every byte offset of `text` (and of its end).
fn utf16_offsets(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut unit = 0u32;
    for c in text.chars() {
        for _ in 0..c.len_utf8() {
            out.push(unit);
        }
        unit += c.len_utf16() as u32;
    }
    out.push(unit);
    out
}

/// The verdicts of `after` that differ from `before`, cell by cell, and the cells of either that
/// the other lacks.
fn changes(before: &Table, after: &Table) -> Vec<Change> {
    let cells = |t: &Table| -> Vec<((String, String), String)> {
        t.queries
            .iter()
            .flat_map(|g| &g.results)
            .flat_map(|r| {
                r.verdicts
                    .iter()
                    .map(|c| ((r.literal.clone(), c.position.clone()), c.status.text()))
            })
            .collect()
    };
    let (b, a) = (cells(before), cells(after));
    let bmap: HashMap<_, _> = b.iter().cloned().collect();
    let amap: HashMap<_, _> = a.iter().cloned().collect();
    let mut out = Vec::new();
    for ((literal, position), text) in &a {
        let was = bmap.get(&(literal.clone(), position.clone()));
        if was != Some(text) {
            out.push(Change {
                literal: literal.clone(),
                position: position.clone(),
                before: was.cloned(),
                after: Some(text.clone()),
            });
        }
    }
    for ((literal, position), text) in &b {
        if !amap.contains_key(&(literal.clone(), position.clone())) {
            out.push(Change {
                literal: literal.clone(),
                position: position.clone(),
                before: Some(text.clone()),
                after: None,
            });
        }
    }
    out
}

// ------------------------------------------------------------------------------------------
// The WebAssembly bindings: JSON text in, JSON text out.

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The engine as JavaScript sees it (one per worker).
#[wasm_bindgen]
pub struct Playground {
    session: Session,
}

impl Default for Playground {
    fn default() -> Playground {
        Playground::new()
    }
}

fn parse<T: for<'de> Deserialize<'de>>(what: &str, text: &str) -> Result<T, String> {
    serde_json::from_str(text)
        .map_err(|e| json!({ "error": format!("the page sent bad {what}: {e}") }).to_string())
}

#[wasm_bindgen]
impl Playground {
    /// A new engine. Installs a panic hook that keeps the message for [`panic_message`].
    #[wasm_bindgen(constructor)]
    pub fn new() -> Playground {
        std::panic::set_hook(Box::new(|info| {
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
        }));
        Playground {
            session: Session::new(),
        }
    }

    /// `analyse(files_json, options_json)`: see [`Session::analyse`].
    pub fn analyse(&mut self, files_json: &str, options_json: &str) -> String {
        let files: Vec<FileText> = match parse("files", files_json) {
            Ok(f) => f,
            Err(e) => return e,
        };
        let options: Options = if options_json.trim().is_empty() {
            Options::default()
        } else {
            match parse("options", options_json) {
                Ok(o) => o,
                Err(e) => return e,
            }
        };
        self.session.analyse(&files, &options).to_string()
    }

    /// `explain(position, literal)`: see [`Session::explain`].
    pub fn explain(&self, position: &str, literal: &str) -> String {
        self.session.explain(position, literal).to_string()
    }

    /// `graph(position, literal)`; an empty literal asks for the whole position.
    pub fn graph(&self, position: &str, literal: &str) -> String {
        let literal = (!literal.is_empty()).then_some(literal);
        self.session.graph(position, literal).to_string()
    }

    /// `diff(a, b)`: see [`Session::diff`].
    pub fn diff(&self, a: &str, b: &str) -> String {
        self.session.diff(a, b).to_string()
    }

    /// `report()`: see [`Session::report`].
    pub fn report(&self) -> String {
        self.session.report().to_string()
    }
}

/// `format(name, text)`: see [`format`].
#[wasm_bindgen(js_name = format)]
pub fn format_js(name: &str, text: &str) -> String {
    format(name, text).to_string()
}

/// The message of the last panic, if the engine panicked (the page shows it and restarts).
#[wasm_bindgen]
pub fn panic_message() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests;
