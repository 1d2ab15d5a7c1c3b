//! The command line (docs/language.md, "Commands"). The one part of argcheck that reads
//! arguments, standard streams, the terminal and writes files; every command is a function from
//! parsed arguments to an exit code, on the library's front door.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use argcheck::{
    Change, Diagnostics, Disk, Evaluation, ExplainOptions, Input, Limits, PositionId, Report,
    SourceMap, Stop, TextOptions, WhatIf,
};

#[derive(Parser, Debug)]
#[command(
    name = "argcheck",
    version,
    about = "Check legal arguments: which conclusion follows from which rules under whose view, and why"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Verdict table: every query under common ground and every position
    Eval(EvalArgs),
    /// The reasoning for one literal's verdict, as a tree
    Explain(ExplainArgs),
    /// Parse and check; print diagnostics
    Check(CheckArgs),
    /// Run the `expect` lines of the files (a directory: every `.rules` file below it)
    Test(TestArgs),
    /// Rewrite files in canonical layout, keeping every comment
    Fmt(FmtArgs),
    /// The argument graph: literals and rules, support and attack edges
    Graph(GraphArgs),
    /// Literals whose verdicts differ between two positions, and the crux of each
    #[command(override_usage = "argcheck diff [OPTIONS] <FILE>... <A> <B>")]
    Diff(DiffArgs),
    /// The smallest changes that would give a literal another verdict under a position
    #[command(override_usage = "argcheck whatif [OPTIONS] <FILE>... <LIT>")]
    Whatif(WhatifArgs),
    /// The handout: one self-contained HTML page of verdicts, explanations, graphs and cruxes
    Report(ReportArgs),
    /// The language server, over standard input and output (editors/README.md)
    Lsp(crate::lsp::LspArgs),
    /// Write a generated benchmark theory (chain, circle, levels, levels-, teams, tree, dag,
    /// tc-chain, tc-random): a developer tool for scripts/bench.sh, hidden from `--help`
    #[command(name = "bench-gen", hide = true)]
    BenchGen(BenchGenArgs),
}

/// Resource limits, shared by every command that evaluates.
#[derive(Args, Debug, Clone)]
struct LimitArgs {
    /// Largest total input, in bytes
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_input_bytes)]
    max_input_bytes: u64,
    /// Most ground rule instances
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_ground_rules)]
    max_ground_rules: usize,
    /// Most ground literals
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_literals)]
    max_literals: usize,
    /// Most steps in one explanation
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_explain_steps)]
    max_explain_steps: usize,
    /// Wall-clock limit for grounding and evaluation, in seconds
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<f64>,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            max_input_bytes: self.max_input_bytes,
            max_ground_rules: self.max_ground_rules,
            max_literals: self.max_literals,
            max_explain_steps: self.max_explain_steps,
            stop: self
                .timeout
                .filter(|t| t.is_finite() && *t >= 0.0)
                .map(|t| Stop::after(Duration::from_secs_f64(t))),
        }
    }
}

/// Hypothetical changes, shared by the commands that evaluate.
#[derive(Args, Debug, Clone, Default)]
struct WhatIfArgs {
    /// What if this ground literal were a fact? (repeatable)
    #[arg(long, value_name = "LIT")]
    assume: Vec<String>,
    /// What if this fact were withdrawn? (repeatable)
    #[arg(long, value_name = "LIT")]
    retract: Vec<String>,
    /// What if rule A beat rule B? (`'A > B'`, repeatable)
    #[arg(long, value_name = "'A > B'")]
    prefer: Vec<String>,
    /// What if this rule were rejected? (repeatable)
    #[arg(long, value_name = "LABEL")]
    reject: Vec<String>,
}

impl WhatIfArgs {
    /// The changes, applied to `positions` (every position when empty).
    fn whatif(&self, positions: &[String]) -> WhatIf {
        let changes = (self.assume.iter().map(|l| Change::Assume(l.clone())))
            .chain(self.retract.iter().map(|l| Change::Retract(l.clone())))
            .chain(self.prefer.iter().map(|l| Change::Prefer(l.clone())))
            .chain(self.reject.iter().map(|l| Change::Reject(l.clone())))
            .collect();
        WhatIf {
            positions: positions.to_vec(),
            changes,
        }
    }
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// The `.rules` files (`-` reads standard input)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Only these positions (repeatable; `common` for common ground)
    #[arg(long = "position", short = 'p', value_name = "P")]
    positions: Vec<String>,
    /// Ask these literals instead of the files' queries (repeatable; may contain variables)
    #[arg(long = "query", short = 'q', value_name = "LIT")]
    queries: Vec<String>,
    /// How to print the table
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    /// Below the table, why each verdict is what it is: the headline and decisive step (text),
    /// or the whole explanation (markdown, json)
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    prose: ProseArgs,
    #[command(flatten)]
    whatif: WhatIfArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// The `.rules` files, then the literal to explain
    #[arg(required = true, num_args = 1.., value_name = "FILE... LIT")]
    args: Vec<String>,
    /// The position (default: common)
    #[arg(long, short = 'p', value_name = "P")]
    position: Option<String>,
    /// How to print the explanation
    #[arg(long, value_enum, default_value_t = ProseFormat::Text)]
    format: ProseFormat,
    /// Fold the tree below this depth (the decisive step is always shown)
    #[arg(long, value_name = "N")]
    depth: Option<usize>,
    /// Only the headline and the decisive step, not the tree
    #[arg(long)]
    brief: bool,
    #[command(flatten)]
    prose: ProseArgs,
    #[command(flatten)]
    whatif: WhatIfArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// The `.rules` files (`-` reads standard input)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// How to print the diagnostics
    #[arg(long, value_enum, default_value_t = DiagFormat::Text)]
    format: DiagFormat,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct TestArgs {
    /// Files or directories (default: rules/)
    paths: Vec<PathBuf>,
    #[command(flatten)]
    whatif: WhatIfArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct FmtArgs {
    /// The `.rules` files, rewritten in place (`-`: standard input to standard output)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Change nothing; exit 1 if a file is not in canonical layout
    #[arg(long)]
    check: bool,
}

#[derive(Args, Debug)]
struct GraphArgs {
    /// The `.rules` files
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The position whose argument graph to draw (default: common)
    #[arg(long, short = 'p', value_name = "P")]
    position: Option<String>,
    /// Only what these literals depend on (repeatable)
    #[arg(long = "query", short = 'q', value_name = "LIT")]
    queries: Vec<String>,
    /// Graphviz DOT or a Mermaid flowchart
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
    #[command(flatten)]
    whatif: WhatIfArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct DiffArgs {
    /// The `.rules` files, then the two positions to compare, A and B (`common`: common ground)
    #[arg(required = true, num_args = 1.., value_names = ["FILE", "A", "B"])]
    args: Vec<String>,
    /// Only these literals (repeatable; may contain variables)
    #[arg(long = "query", short = 'q', value_name = "LIT")]
    queries: Vec<String>,
    /// Also list the differences each literal depends on beyond its crux
    #[arg(long)]
    all: bool,
    /// Text for people, JSON for programs
    #[arg(long, value_enum, default_value_t = TreeFormat::Text)]
    format: TreeFormat,
    #[command(flatten)]
    whatif: WhatIfArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct WhatifArgs {
    /// The `.rules` files, then the literal
    #[arg(required = true, num_args = 1.., value_names = ["FILE", "LIT"])]
    args: Vec<String>,
    /// The position (default: common)
    #[arg(long, short = 'p', value_name = "P")]
    position: Option<String>,
    /// The verdict wanted (default: any other than the current one)
    #[arg(long, value_enum)]
    to: Option<VerdictArg>,
    /// The most changes in one set
    #[arg(long, value_name = "K", default_value_t = 2)]
    max_changes: usize,
    /// The most sets of changes evaluated
    #[arg(long, value_name = "N", default_value_t = argcheck::WhatIfOptions::default().max_sets)]
    max_sets: usize,
    /// Text for people, JSON for programs
    #[arg(long, value_enum, default_value_t = TreeFormat::Text)]
    format: TreeFormat,
    #[command(flatten)]
    prose: ProseArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// The `.rules` files
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Only these positions (repeatable; `common` for common ground)
    #[arg(long = "position", short = 'p', value_name = "P")]
    positions: Vec<String>,
    /// Write the page to this file (replaced atomically) rather than to standard output
    #[arg(long, short = 'o', value_name = "OUT.html")]
    output: Option<PathBuf>,
    #[command(flatten)]
    whatif: WhatIfArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum VerdictArg {
    Holds,
    Denied,
    Undecided,
}

#[derive(Args, Debug)]
struct BenchGenArgs {
    family: String,
    n: usize,
    k: Option<usize>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum TableFormat {
    Text,
    Json,
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum TreeFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ProseFormat {
    Text,
    Json,
    Markdown,
}

/// How explanations are printed.
#[derive(Args, Debug, Clone)]
struct ProseArgs {
    /// Show each literal beside its sentence
    #[arg(long)]
    literals: bool,
    /// Leave out the footnotes and the list of sources
    #[arg(long)]
    no_sources: bool,
    /// Wrap explanations to this many columns (default: the terminal's width, or 100)
    #[arg(long, value_name = "N")]
    width: Option<usize>,
}

impl ProseArgs {
    fn options(&self) -> TextOptions {
        let terminal = std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
            .flatten();
        TextOptions {
            width: self.width.or(terminal).unwrap_or(100).max(20),
            literals: self.literals,
            sources: !self.no_sources,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DiagFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum GraphFormat {
    Dot,
    Mermaid,
}

/// Exit statuses (`docs/language.md`, "Commands and exit statuses").
const OK: u8 = 0;
const FAILED: u8 = 1;
const USAGE: u8 = 2;
const LIMIT: u8 = 3;

pub(crate) fn main() -> ExitCode {
    let cli = match Cli::try_parse().and_then(count_trailing) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { USAGE } else { OK });
        }
    };
    let code = match cli.command {
        Command::Eval(a) => eval(a),
        Command::Explain(a) => explain(a),
        Command::Check(a) => check(a),
        Command::Test(a) => test(a),
        Command::Fmt(a) => fmt(a),
        Command::Graph(a) => graph(a),
        Command::Diff(a) => diff(a),
        Command::Whatif(a) => whatif(a),
        Command::Report(a) => report(a),
        Command::BenchGen(a) => bench_gen(a),
        Command::Lsp(_) => crate::lsp::run(),
    };
    ExitCode::from(code)
}

/// Whether to colour output on this stream: a terminal, and `NO_COLOR` unset.
fn colour(stream_is_tty: bool) -> bool {
    stream_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn inputs(files: &[PathBuf], limit: u64) -> Result<Vec<Input>, u8> {
    let mut out = Vec::with_capacity(files.len());
    let mut stdin_used = false;
    for f in files {
        if f.as_os_str() == "-" {
            if stdin_used {
                continue;
            }
            stdin_used = true;
            let mut bytes = Vec::new();
            // Bounded like a file: past the input limit the loader reports `argcheck::limit`.
            if let Err(e) = std::io::stdin()
                .take(limit.saturating_add(1))
                .read_to_end(&mut bytes)
            {
                eprintln!("error: cannot read standard input: {e}");
                return Err(USAGE);
            }
            out.push(Input::Text {
                name: "<stdin>".into(),
                text: String::from_utf8_lossy(&bytes).into_owned(),
            });
        } else {
            out.push(Input::Path(f.clone()));
        }
    }
    Ok(out)
}

fn print_diagnostics(d: &Diagnostics, sources: &SourceMap) {
    if d.is_empty() {
        return;
    }
    let text = d.render(sources, colour(std::io::stderr().is_terminal()));
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn print_stdout(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => OK,
        // A closed pipe (`argcheck eval … | head`) is not an error of the input.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            USAGE
        }
    }
}

/// A run as the files have it, and, under what-if changes, as the changes make it.
struct Runs {
    /// The run to report: hypothetical when there are changes.
    now: Evaluation,
    /// The files as written, when `now` is hypothetical.
    before: Option<Evaluation>,
    whatif: WhatIf,
}

impl Runs {
    /// The line that says the output is hypothetical, if it is.
    fn header(&self) -> String {
        match self.before {
            Some(_) => format!("{}\n\n", self.whatif.describe()),
            None => String::new(),
        }
    }
}

/// Read, check and evaluate (twice under what-if changes: as written, then changed); on failure
/// the diagnostics are printed and the exit code returned. Warnings are printed on success too.
fn evaluate(
    files: &[PathBuf],
    queries: &[String],
    whatif: WhatIf,
    limits: &Limits,
) -> Result<Runs, u8> {
    let mut ins = inputs(files, limits.max_input_bytes)?;
    if !queries.is_empty() {
        ins.push(Input::Queries(queries.to_vec()));
    }
    let run = |ins: &[Input]| match argcheck::check(ins, &Disk, limits).evaluate(limits) {
        Ok(e) => Ok(e),
        Err(failed) => {
            print_diagnostics(failed.diagnostics(), failed.sources());
            Err(failed.diagnostics().exit_status())
        }
    };
    let first = run(&ins)?;
    print_diagnostics(first.warnings(), first.sources());
    if whatif.is_empty() {
        return Ok(Runs {
            now: first,
            before: None,
            whatif,
        });
    }
    ins.push(Input::WhatIf(whatif.clone()));
    let now = run(&ins)?;
    // Only what the changes add: the files' own warnings were printed above.
    let new = Diagnostics(
        now.warnings()
            .iter()
            .filter(|d| !first.warnings().iter().any(|w| w.message == d.message))
            .cloned()
            .collect(),
    );
    print_diagnostics(&new, now.sources());
    Ok(Runs {
        now,
        before: Some(first),
        whatif,
    })
}

/// Resolve position names (all positions when there are none); an unknown name is a usage
/// error, reported with a suggestion.
fn positions(e: &Evaluation, names: &[String]) -> Result<Vec<PositionId>, u8> {
    if names.is_empty() {
        return Ok(e.positions().collect());
    }
    let mut out = Vec::new();
    let mut diags = Diagnostics::new();
    for n in names {
        match e.position(n) {
            Ok(p) if !out.contains(&p) => out.push(p),
            Ok(_) => {}
            Err(d) => diags.push(d),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        print_diagnostics(&diags, e.sources());
        Err(USAGE)
    }
}

/// The one position a command works under (default `common`).
fn position(e: &Evaluation, name: Option<&str>) -> Result<PositionId, u8> {
    let names: Vec<String> = name.map(str::to_string).into_iter().collect();
    match positions(e, &names)?.first() {
        Some(&p) if name.is_some() => Ok(p),
        _ => Ok(e
            .positions()
            .next()
            .expect("common ground is always a position")),
    }
}

fn eval(args: EvalArgs) -> u8 {
    let limits = args.limits.limits();
    let whatif = args.whatif.whatif(&args.positions);
    let runs = match evaluate(&args.files, &args.queries, whatif, &limits) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let e = &runs.now;
    let positions = match positions(e, &args.positions) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let from_cli = !args.queries.is_empty();
    let queries: Vec<_> = e
        .queries()
        .into_iter()
        .filter(|q| q.asked == from_cli)
        .collect();
    if queries.is_empty() {
        eprintln!(
            "note: the files ask no question: add `query LITERAL.` to a file, or pass `--query LITERAL`"
        );
    }
    let mut table = e.table(&queries, &positions);
    if let Some(before) = &runs.before {
        table.mark_changes(
            &before.table(&before.queries(), &before.positions().collect::<Vec<_>>()),
        );
        table.hypothetical = Some(runs.whatif.clone());
    }
    let text = match args.format {
        TableFormat::Text => runs.header() + &table.text(colour(std::io::stdout().is_terminal())),
        TableFormat::Json => table.json(),
        TableFormat::Markdown => runs.header() + &table.markdown(),
    };
    if !args.explain {
        return print_stdout(&text);
    }
    let opts = args.prose.options();
    let explain = ExplainOptions {
        depth: None,
        max_steps: limits.max_explain_steps,
    };
    let mut out = text;
    let mut all = Vec::new();
    for g in &table.queries {
        if args.format == TableFormat::Markdown {
            let title = g.text.clone().unwrap_or_else(|| format!("`{}`", g.query));
            out.push_str(&format!("\n## {title}\n"));
        }
        for row in &g.results {
            let m = row.literal_match();
            for &pos in &positions {
                let x = match e.explain(pos, &m, &explain) {
                    Ok(x) => x,
                    Err(d) => {
                        print_diagnostics(&d.into(), e.sources());
                        return LIMIT;
                    }
                };
                match args.format {
                    TableFormat::Text => {
                        out.push('\n');
                        out.push_str(&x.brief(&opts));
                    }
                    TableFormat::Markdown => {
                        out.push('\n');
                        out.push_str(&x.markdown("###", &opts));
                    }
                    TableFormat::Json => all.push(x),
                }
            }
        }
    }
    if args.format == TableFormat::Json {
        // One JSON document: the table with every explanation inside it.
        let mut v = serde_json::to_value(&table).unwrap_or_default();
        v["explanations"] = serde_json::to_value(&all).unwrap_or_default();
        out = format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    print_stdout(&out)
}

/// The files and then the literal (or the two positions) of `explain`, `whatif` and `diff` may be
/// split by options (`explain FILE -p P LIT`), which clap takes as separate occurrences of the
/// argument, each of which would have to hold them all; so clap asks for one value at least and
/// the whole count is checked here.
fn count_trailing(cli: Cli) -> Result<Cli, clap::Error> {
    let (name, got, need, what) = match &cli.command {
        Command::Explain(a) => (
            "explain",
            a.args.len(),
            2,
            "the `.rules` files, then the literal",
        ),
        Command::Whatif(a) => (
            "whatif",
            a.args.len(),
            2,
            "the `.rules` files, then the literal",
        ),
        Command::Diff(a) => (
            "diff",
            a.args.len(),
            3,
            "the `.rules` files, then two positions",
        ),
        _ => return Ok(cli),
    };
    if got >= need {
        return Ok(cli);
    }
    let mut cmd = Cli::command();
    cmd.build();
    let sub = cmd
        .find_subcommand_mut(name)
        .expect("the subcommand exists");
    Err(sub.error(
        clap::error::ErrorKind::TooFewValues,
        format!("`argcheck {name}` needs {what}: {need} arguments at least, {got} given"),
    ))
}

/// The run of `explain` and `whatif`: `args` are the files and then the literal, which becomes
/// the run's asked question; with the position named (common ground if none).
fn asked(
    args: &[String],
    position_name: Option<&str>,
    whatif: WhatIf,
    limits: &Limits,
) -> Result<(Runs, PositionId, argcheck::Query), u8> {
    let (lit, files) = args.split_last().expect("clap requires two arguments");
    let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let runs = evaluate(&files, std::slice::from_ref(lit), whatif, limits)?;
    let pos = position(&runs.now, position_name)?;
    let q = runs.now.queries().into_iter().rfind(|q| q.asked);
    let q = q.ok_or(FAILED)?;
    Ok((runs, pos, q))
}

/// One JSON document: the one answer, or an array when the literal has variables.
fn one_or_all<T: serde::Serialize>(all: &[T]) -> String {
    let v = match all {
        [one] => serde_json::to_value(one),
        _ => serde_json::to_value(all),
    };
    format!(
        "{}\n",
        serde_json::to_string_pretty(&v.unwrap_or_default()).unwrap_or_default()
    )
}

fn explain(args: ExplainArgs) -> u8 {
    let limits = args.limits.limits();
    let positions: Vec<String> = args.position.iter().cloned().collect();
    let whatif = args.whatif.whatif(&positions);
    let (runs, pos, q) = match asked(&args.args, args.position.as_deref(), whatif, &limits) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let e = &runs.now;
    let opts = ExplainOptions {
        depth: args.depth,
        max_steps: limits.max_explain_steps,
    };
    let text = args.prose.options();
    let mut out = match args.format {
        ProseFormat::Json => String::new(),
        _ => runs.header(),
    };
    let mut all = Vec::new();
    for (k, m) in e.matches(&q).iter().enumerate() {
        let x = match e.explain(pos, m, &opts) {
            Ok(x) => x,
            Err(d) => {
                print_diagnostics(&d.into(), e.sources());
                return LIMIT;
            }
        };
        if k > 0 && args.format != ProseFormat::Json {
            out.push('\n');
        }
        match args.format {
            ProseFormat::Text if args.brief => out.push_str(&x.brief(&text)),
            ProseFormat::Text => out.push_str(&x.text(&text)),
            ProseFormat::Markdown => out.push_str(&x.markdown("##", &text)),
            ProseFormat::Json => all.push(x),
        }
    }
    if args.format == ProseFormat::Json {
        out = one_or_all(&all);
    }
    print_stdout(&out)
}

fn check(args: CheckArgs) -> u8 {
    let limits = args.limits.limits();
    let ins = match inputs(&args.files, limits.max_input_bytes) {
        Ok(i) => i,
        Err(code) => return code,
    };
    let checked = argcheck::check(&ins, &Disk, &limits);
    // Strict contradictions are only found by evaluating; `check` reports them too.
    let (diags, sources) = match checked.evaluate(&limits) {
        Ok(e) => (e.warnings().clone(), e.sources().clone()),
        Err(failed) => (failed.diagnostics().clone(), failed.sources().clone()),
    };
    match args.format {
        DiagFormat::Text => {
            print_diagnostics(&diags, &sources);
            if !diags.has_errors() {
                let files = sources.files().count();
                let warnings = diags.iter().filter(|d| !d.is_error()).count();
                eprintln!(
                    "checked {files} file{}: no errors{}",
                    if files == 1 { "" } else { "s" },
                    match warnings {
                        0 => String::new(),
                        1 => ", 1 warning".to_string(),
                        n => format!(", {n} warnings"),
                    }
                );
            }
        }
        DiagFormat::Json => {
            let v = diags.to_json(&sources);
            let code = print_stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            ));
            if code != OK {
                return code;
            }
        }
    }
    diags.exit_status()
}

/// Every `.rules` file below a directory, sorted; a file stands for itself.
fn rules_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir)
                    .map_err(|e| format!("cannot read directory `{}`: {e}", dir.display()))?;
                for e in entries.flatten() {
                    let path = e.path();
                    let ft = e.file_type().map_err(|e| e.to_string())?;
                    if ft.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|x| x == "rules") {
                        found.push(path);
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else if p.exists() || p.as_os_str() == "-" {
            out.push(p.clone());
        } else {
            return Err(format!(
                "cannot read `{}`: no such file or directory",
                p.display()
            ));
        }
    }
    Ok(out)
}

fn test(args: TestArgs) -> u8 {
    let limits = args.limits.limits();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("rules")]
    } else {
        args.paths
    };
    let files = match rules_files(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let whatif = args.whatif.whatif(&[]);
    let mut report = Report::default();
    let mut worst = OK;
    for file in &files {
        let mut ins = match inputs(std::slice::from_ref(file), limits.max_input_bytes) {
            Ok(i) => i,
            Err(code) => return code,
        };
        if !whatif.is_empty() {
            ins.push(Input::WhatIf(whatif.clone()));
        }
        match argcheck::check(&ins, &Disk, &limits).evaluate(&limits) {
            Ok(e) => {
                print_diagnostics(e.warnings(), e.sources());
                report.run(&e, &limits)
            }
            Err(failed) => {
                let diags = failed.diagnostics();
                print_diagnostics(diags, failed.sources());
                report.broken_file(&file.display().to_string());
                worst = worst.max(diags.exit_status());
            }
        }
    }
    let header = if whatif.is_empty() {
        String::new()
    } else {
        format!("{}\n\n", whatif.describe())
    };
    let code = print_stdout(&(header + &report.text()));
    if code != OK {
        return code;
    }
    if worst == LIMIT {
        LIMIT
    } else if report.failed > 0 || worst != OK {
        FAILED
    } else {
        OK
    }
}

fn fmt(args: FmtArgs) -> u8 {
    let mut worst = OK;
    for path in &args.files {
        let code = fmt_one(path, args.check);
        worst = worst.max(code);
    }
    worst
}

/// Format one file (or stdin to stdout). The file is replaced atomically: the new text is written
/// to a temporary file in the same directory, flushed, then renamed over the original, so a
/// crash or an error at any point leaves either the old or the new file, never a truncated one.
fn fmt_one(path: &Path, check: bool) -> u8 {
    let stdin = path.as_os_str() == "-";
    let (name, bytes) = if stdin {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("error: cannot read standard input: {e}");
            return USAGE;
        }
        ("<stdin>".to_string(), bytes)
    } else {
        match std::fs::read(path) {
            Ok(b) => (path.display().to_string(), b),
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", path.display());
                return USAGE;
            }
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("error: `{name}` is not valid UTF-8 text; it was left unchanged");
        return FAILED;
    };
    let formatted = match argcheck::format(&name, &text) {
        Ok(f) => f,
        Err((sources, diags)) => {
            print_diagnostics(&diags, &sources);
            eprintln!("error: `{name}` has syntax errors; it was left unchanged");
            return FAILED;
        }
    };
    if stdin && !check {
        return print_stdout(&formatted);
    }
    if formatted == text {
        return OK;
    }
    if check {
        println!("{name}: not formatted");
        return FAILED;
    }
    match write_atomically(path, &formatted) {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("error: cannot write `{name}`: {e}; the file was left unchanged");
            USAGE
        }
    }
}

/// Replace (or create) `path` with `text` atomically; a new file gets mode 644.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if meta.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    match meta {
        Some(m) => tmp.as_file().set_permissions(m.permissions())?,
        #[cfg(unix)]
        None => {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?
        }
        #[cfg(not(unix))]
        None => {}
    }
    // Fault injection for the tests: a failure between writing and renaming (a full disk, a
    // vanished directory) must leave the original file as it was and no temporary file behind.
    if std::env::var_os("ARGCHECK_FAULT_BEFORE_RENAME").is_some() {
        return Err(std::io::Error::other("injected failure before rename"));
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn graph(args: GraphArgs) -> u8 {
    let limits = args.limits.limits();
    let positions: Vec<String> = args.position.iter().cloned().collect();
    let whatif = args.whatif.whatif(&positions);
    let runs = match evaluate(&args.files, &args.queries, whatif, &limits) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let e = &runs.now;
    let pos = match position(e, args.position.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let roots: Vec<_> = e
        .queries()
        .iter()
        .filter(|q| q.asked)
        .flat_map(|q| e.matches(q))
        .collect();
    let g = e.graph(pos, (!args.queries.is_empty()).then_some(&roots[..]));
    // A hypothetical graph says so in a comment of its own language.
    let note = |prefix: &str| match runs.before {
        Some(_) => format!("{prefix} {}\n", runs.whatif.describe()),
        None => String::new(),
    };
    print_stdout(&match args.format {
        GraphFormat::Dot => note("//") + &g.dot(),
        GraphFormat::Mermaid => note("%%") + &g.mermaid(),
    })
}

fn diff(args: DiffArgs) -> u8 {
    let limits = args.limits.limits();
    let n = args.args.len();
    let (files, names) = args.args.split_at(n - 2);
    let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let whatif = args.whatif.whatif(&[]);
    let runs = match evaluate(&files, &args.queries, whatif, &limits) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let e = &runs.now;
    let pos = match positions(e, names) {
        Ok(p) if p.len() == 2 => p,
        Ok(_) => {
            eprintln!("error: name two different positions");
            return USAGE;
        }
        Err(code) => return code,
    };
    let asked: Vec<_> = e
        .queries()
        .iter()
        .filter(|q| q.asked)
        .flat_map(|q| e.matches(q))
        .collect();
    let d = e.diff(
        pos[0],
        pos[1],
        (!args.queries.is_empty()).then_some(&asked[..]),
    );
    print_stdout(&match args.format {
        TreeFormat::Text => runs.header() + &d.text(args.all),
        TreeFormat::Json => format!("{}\n", serde_json::to_string_pretty(&d).unwrap_or_default()),
    })
}

fn whatif(args: WhatifArgs) -> u8 {
    let limits = args.limits.limits();
    let (runs, pos, q) = match asked(
        &args.args,
        args.position.as_deref(),
        WhatIf::default(),
        &limits,
    ) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let e = &runs.now;
    let opts = argcheck::WhatIfOptions {
        to: args.to.map(|v| match v {
            VerdictArg::Holds => argcheck::Verdict::Holds,
            VerdictArg::Denied => argcheck::Verdict::Denied,
            VerdictArg::Undecided => argcheck::Verdict::Undecided,
        }),
        max_changes: args.max_changes,
        max_sets: args.max_sets,
    };
    let text = args.prose.options();
    let mut answers = Vec::new();
    for m in e.matches(&q) {
        match e.whatif(pos, &m, &opts, &limits) {
            Ok(a) => answers.push(a),
            Err(d) => {
                let code = Diagnostics::from(d);
                print_diagnostics(&code, e.sources());
                return code.exit_status();
            }
        }
    }
    print_stdout(&match args.format {
        TreeFormat::Text => answers
            .iter()
            .map(|a| a.text(&text))
            .collect::<Vec<_>>()
            .join("\n"),
        TreeFormat::Json => one_or_all(&answers),
    })
}

fn report(args: ReportArgs) -> u8 {
    let limits = args.limits.limits();
    let whatif = args.whatif.whatif(&args.positions);
    let runs = match evaluate(&args.files, &[], whatif, &limits) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let e = &runs.now;
    let positions = match positions(e, &args.positions) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let opts = argcheck::ReportOptions {
        positions,
        explain: ExplainOptions {
            depth: None,
            max_steps: limits.max_explain_steps,
        },
        before: runs.before.as_ref().map(|b| (b, &runs.whatif)),
        ..Default::default()
    };
    let html = e.report(&opts);
    let Some(path) = &args.output else {
        return print_stdout(&html);
    };
    match write_atomically(path, &html) {
        Ok(()) => OK,
        Err(err) => {
            eprintln!("error: cannot write `{}`: {err}", path.display());
            USAGE
        }
    }
}

fn bench_gen(args: BenchGenArgs) -> u8 {
    match crate::bench::generate(&args.family, args.n, args.k) {
        Ok(text) => print_stdout(&text),
        Err(e) => {
            eprintln!("error: {e}");
            USAGE
        }
    }
}
