//! Diagnostics: plain data collected by every stage, rendered at the edge.
//!
//! A [`Diagnostic`] has a stable code (`argcheck::<name>`, `docs/language.md`, "Diagnostics"), a
//! severity, a message, labelled spans and a help sentence. Stages return `Result<T, Diagnostics>`
//! or push into a [`Diagnostics`] list so that every problem of a run is reported at once.
//! Rendering goes through miette ([`render`]) or JSON ([`to_json_value`]).

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use crate::source::{SourceFile, SourceMap, Span};

/// How serious a diagnostic is: an error stops evaluation, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be evaluated as written.
    Error,
    /// The input can be evaluated, but probably does not say what was meant.
    Warning,
}

/// Every diagnostic code. A code fixes its severity and the exit status it calls for; the
/// language reference (`docs/language.md`, "Diagnostics") shows an input that triggers each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Code {
    /// The text is not in the language.
    Syntax,
    /// A date that does not exist in the calendar, or a date not written `YYYY-MM-DD`.
    InvalidDate,
    /// A superiority or `reject` names no rule.
    UnknownRule,
    /// A `retract` (or `--retract`) names no fact of the position.
    UnknownFact,
    /// An `extends`, `expect` or `--position` names no position.
    UnknownPosition,
    /// Two rules, sources or positions share a name.
    DuplicateLabel,
    /// A statement that only means something inside a position block stands outside one.
    OutsidePosition,
    /// The superiority relation of a position has a cycle.
    SuperiorityCycle,
    /// A position extends itself, directly or through others.
    ExtendsCycle,
    /// A predicate is used with two numbers of arguments.
    Arity,
    /// A variable of a head, comparison or `unless` is not bound by a body literal.
    UnsafeVariable,
    /// A fact or expectation has a variable.
    NonGroundFact,
    /// A comparison of values that cannot be ordered together.
    TypeMismatch,
    /// `from` names an undeclared source.
    UnknownSource,
    /// An import that cannot be read, or an import cycle.
    Import,
    /// A file named on the command line cannot be read.
    Io,
    /// Both a literal and its complement are strictly provable.
    StrictContradiction,
    /// A resource limit was reached.
    Limit,
    /// A predicate that no rule or fact can ever conclude; a fact or conclusion that nothing uses,
    /// spelled like a predicate that is used; a use spelled differently from its declaration.
    Underivable,
    /// A superiority between rules whose heads never conflict.
    IneffectiveSuperiority,
    /// A `{Name}` in a predicate's sentence that is not one of its parameters.
    Template,
}

impl Code {
    /// Every code, in the order of the language reference.
    pub const ALL: [Code; 21] = [
        Code::Syntax,
        Code::InvalidDate,
        Code::UnknownRule,
        Code::UnknownFact,
        Code::UnknownPosition,
        Code::DuplicateLabel,
        Code::OutsidePosition,
        Code::SuperiorityCycle,
        Code::ExtendsCycle,
        Code::Arity,
        Code::UnsafeVariable,
        Code::NonGroundFact,
        Code::TypeMismatch,
        Code::UnknownSource,
        Code::Import,
        Code::Io,
        Code::StrictContradiction,
        Code::Limit,
        Code::Underivable,
        Code::IneffectiveSuperiority,
        Code::Template,
    ];

    /// The code's name, as in `argcheck::<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::InvalidDate => "invalid_date",
            Code::UnknownRule => "unknown_rule",
            Code::UnknownFact => "unknown_fact",
            Code::UnknownPosition => "unknown_position",
            Code::DuplicateLabel => "duplicate_label",
            Code::OutsidePosition => "outside_position",
            Code::SuperiorityCycle => "superiority_cycle",
            Code::ExtendsCycle => "extends_cycle",
            Code::Arity => "arity",
            Code::UnsafeVariable => "unsafe_variable",
            Code::NonGroundFact => "non_ground_fact",
            Code::TypeMismatch => "type_mismatch",
            Code::UnknownSource => "unknown_source",
            Code::Import => "import",
            Code::Io => "io",
            Code::StrictContradiction => "strict_contradiction",
            Code::Limit => "limit",
            Code::Underivable => "underivable",
            Code::IneffectiveSuperiority => "ineffective_superiority",
            Code::Template => "template",
        }
    }

    /// The full code, `argcheck::<name>`.
    pub fn full_name(self) -> String {
        format!("argcheck::{}", self.name())
    }

    /// Errors stop evaluation; warnings do not.
    pub fn severity(self) -> Severity {
        match self {
            Code::Underivable | Code::IneffectiveSuperiority | Code::Template => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The exit status a run with this diagnostic ends with (the command line's contract):
    /// 0 for a warning, 1 for an error in the input, 2 for an unreadable command-line file, 3
    /// for a resource limit.
    pub fn exit_status(self) -> u8 {
        match (self, self.severity()) {
            (_, Severity::Warning) => 0,
            (Code::Io, _) => 2,
            (Code::Limit, _) => 3,
            _ => 1,
        }
    }

    /// One line that says when the code is reported (the language reference's table).
    pub fn summary(self) -> &'static str {
        match self {
            Code::Syntax => "the text is not in the language",
            Code::InvalidDate => {
                "a date that does not exist in the calendar, or is not written YYYY-MM-DD"
            }
            Code::UnknownRule => "a superiority or `reject` names no rule",
            Code::UnknownFact => "a `retract` names no fact of the position",
            Code::UnknownPosition => "an `extends`, `expect` or `--position` names no position",
            Code::DuplicateLabel => "two rules, sources or positions share a name",
            Code::OutsidePosition => "`reject` or `retract` outside a position block",
            Code::SuperiorityCycle => "the superiority relation of a position has a cycle",
            Code::ExtendsCycle => "a position extends itself, directly or through others",
            Code::Arity => "a predicate is used with two numbers of arguments",
            Code::UnsafeVariable => {
                "a head, comparison or `unless` variable is not bound by a body literal"
            }
            Code::NonGroundFact => "a fact or expectation with a variable",
            Code::TypeMismatch => "`<`, `<=`, `>`, `>=` on values that cannot be ordered together",
            Code::UnknownSource => "`from` names an undeclared source",
            Code::Import => "an import that cannot be read, or an import cycle",
            Code::Io => "a file named on the command line cannot be read",
            Code::StrictContradiction => "a literal and its complement are both strictly provable",
            Code::Limit => "a resource limit was reached",
            Code::Underivable => {
                "a predicate required or asked but never concluded, or misspelled where it is stated or declared"
            }
            Code::IneffectiveSuperiority => {
                "a superiority between rules whose heads never conflict"
            }
            Code::Template => "a `{Name}` in a sentence template that is not a parameter",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "argcheck::{}", self.name())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A labelled span. The first label of a diagnostic is its primary location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is wrong there, in a few words.
    pub text: String,
}

/// One problem found in the input: plain data, rendered at the edge ([`Diagnostics::render`], [`Diagnostics::to_json`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem; fixes the severity.
    pub code: Code,
    /// One line, lowercase, names in backticks.
    pub message: String,
    /// The places involved, the primary one first.
    pub labels: Vec<Label>,
    /// A full sentence that says how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no label and no help yet.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    /// Add a label (the first added is the primary location).
    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Set the help sentence.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The code's severity.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// The diagnostics of a run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// No diagnostics.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }
    /// Add one.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    /// Add all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// In order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
    /// The exit status the command line ends with for these diagnostics: the largest of their
    /// codes' ([`Code::exit_status`]), 0 when there are none.
    pub fn exit_status(&self) -> u8 {
        self.iter().map(|d| d.code.exit_status()).max().unwrap_or(0)
    }
    /// Sorted by file and position, errors and warnings interleaved as they occur in the text, so that
    /// output does not depend on the order in which checks ran.
    pub fn sorted(mut self) -> Diagnostics {
        self.0.sort_by_key(|d| {
            d.labels
                .first()
                .map(|l| (l.span.file, l.span.start, l.span.end))
        });
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

const MAX_RENDERED_LABELS: usize = 16;

/// Adapter that presents one [`Diagnostic`] to miette with the text of its primary file. Labels in
/// other files (a duplicate label defined in an imported file) become related reports.
struct Report<'a> {
    diag: &'a Diagnostic,
    sources: &'a SourceMap,
    labels: Vec<&'a Label>,
    code: String,
    source: Option<FileCode<'a>>,
    related: Vec<Report<'a>>,
}

impl<'a> Report<'a> {
    fn new(diag: &'a Diagnostic, sources: &'a SourceMap) -> Report<'a> {
        let primary = diag.labels.first().map(|l| l.span.file);
        // Rendering cost grows with the labels; no diagnostic needs more than a screenful.
        let (here, elsewhere): (Vec<&Label>, Vec<&Label>) = diag
            .labels
            .iter()
            .take(MAX_RENDERED_LABELS)
            .partition(|l| Some(l.span.file) == primary);
        let source = primary.map(|f| FileCode(sources.file(f)));
        let related = elsewhere
            .into_iter()
            .map(|l| Report {
                diag,
                sources,
                labels: vec![l],
                code: String::new(),
                source: Some(FileCode(sources.file(l.span.file))),
                related: Vec::new(),
            })
            .collect();
        Report {
            diag,
            sources,
            labels: here,
            code: diag.code.to_string(),
            source,
            related,
        }
    }
}

/// A source file as miette reads it: snippets are cut with the file's line index, so rendering a
/// label costs the size of its snippet, not of the file (miette's own `str` source scans from the
/// start of the text for every label).
struct FileCode<'a>(&'a SourceFile);

impl SourceCode for FileCode<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.0.text.as_str();
        let starts = self.0.line_starts();
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let line_of = |off: usize| starts.partition_point(|&s| s as usize <= off) - 1;
        let first = line_of(start);
        let last = line_of(if end > start { end - 1 } else { start });
        let ctx_first = first.saturating_sub(before);
        let ctx_last = (last + after).min(starts.len() - 1);
        // As miette's own sources do: with no context before, the contents start at the span and
        // carry its column (this is what the `file:line:column` header shows).
        let (data_start, column) = if before == 0 {
            (start, start - starts[first] as usize)
        } else {
            (starts[ctx_first] as usize, 0)
        };
        let data_end = match starts.get(ctx_last + 1) {
            Some(&next) => (next as usize).saturating_sub(1).max(data_start),
            None => text.len(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.0.name.clone(),
            &text.as_bytes()[data_start..data_end],
            (data_start, data_end - data_start).into(),
            ctx_first,
            column,
            ctx_last + 1,
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.code.is_empty() {
            // A related report: it only shows where the other location is.
            f.write_str(self.labels.first().map_or("", |l| l.text.as_str()))
        } else {
            f.write_str(&self.diag.message)
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.code.is_empty() {
            None
        } else {
            Some(Box::new(&self.code))
        }
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.code.is_empty() {
            return None;
        }
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        let _ = self.sources;
        Some(Box::new(self.labels.iter().enumerate().map(|(i, l)| {
            let r = l.span.range();
            if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.text.clone()), r)
            } else {
                LabeledSpan::new_with_span(Some(l.text.clone()), r)
            }
        })))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

impl Diagnostics {
    /// The diagnostics as miette renders them, with the source lines they point at. `color`
    /// selects the themed (ANSI) output.
    pub fn render(&self, sources: &SourceMap, color: bool) -> String {
        render(self, sources, color)
    }

    /// The diagnostics as a JSON array of `{code, severity, message, labels, help}` objects.
    pub fn to_json(&self, sources: &SourceMap) -> serde_json::Value {
        to_json_value(self, sources)
    }
}

fn render(diags: &Diagnostics, sources: &SourceMap, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_links(false);
    let mut out = String::new();
    for d in diags.iter() {
        let report = Report::new(d, sources);
        // Writing into a String cannot fail; a failure here would only lose this one report.
        let _ = handler.render_report(&mut out, &report);
    }
    out
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    start: u32,
    end: u32,
    line: usize,
    column: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: String,
    severity: Severity,
    message: &'a str,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
}

fn to_json_value(diags: &Diagnostics, sources: &SourceMap) -> serde_json::Value {
    let list: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.code.to_string(),
            severity: d.severity(),
            message: &d.message,
            help: d.help.as_deref(),
            labels: d
                .labels
                .iter()
                .map(|l| {
                    let (line, column) = sources.line_col(l.span.file, l.span.start);
                    JsonLabel {
                        file: &sources.file(l.span.file).name,
                        start: l.span.start,
                        end: l.span.end,
                        line,
                        column,
                        text: &l.text,
                    }
                })
                .collect(),
        })
        .collect();
    serde_json::to_value(list).unwrap_or(serde_json::Value::Null)
}

/// The closest candidate to `name` by edit distance, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let score = strsim::jaro_winkler(name, c);
        if score >= 0.8 && best.is_none_or(|(b, bc)| score > b || (score == b && c < bc)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}
