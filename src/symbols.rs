//! Names and places: what an editor asks of a run.
//!
//! [`Symbols`] indexes the names a run's files define and use — rule labels, positions,
//! predicates and sources — with the span of every occurrence, the literals written in the text,
//! and each file's outline. It is built from the files' syntax trees: a [`Checked`] run keeps
//! none, so [`Symbols::new`] parses the files of a [`SourceMap`] again with the same parser (a few
//! milliseconds for a lesson), and it works on a run with errors, since the parser recovers at the
//! next statement.
//!
//! The `impl Evaluation` block below answers by place and by text: the ground literal a text
//! names ([`Evaluation::literal`]), its sentence, the positions that accept or reject a rule, where
//! each query is, and how each `expect` line fares. The language server (`argcheck lsp`) is built
//! on these and on the front door ([`crate::check`]); nothing here knows about a protocol.

use std::collections::BTreeMap;

use crate::analysis::{Checked, Evaluation, Match, PositionId, Query};
use crate::diagnostic::Diagnostics;
use crate::hir::{HLit, HTerm, PosId, Value, quote};
use crate::intern::Interner;
use crate::logic::{Status, Verdict};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{BodyItem, Ident, ItemKind, Literal, TermKind};
use crate::syntax::{self, days_to_date};

/// What a name names. Each kind has names of its own: a rule and a source may share a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SymbolKind {
    /// A rule label (`crimes: … => ….`), named in superiority statements and `reject`.
    Rule,
    /// A `position` block, named by `extends` and `expect`.
    Position,
    /// A predicate, declared by `predicate` or simply used in literals.
    Predicate,
    /// A `source`, named by `from`.
    Source,
}

impl SymbolKind {
    /// `rule`, `position`, `predicate` or `source`.
    pub fn as_str(self) -> &'static str {
        match self {
            SymbolKind::Rule => "rule",
            SymbolKind::Position => "position",
            SymbolKind::Predicate => "predicate",
            SymbolKind::Source => "source",
        }
    }
}

/// What the defining statement of a symbol says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// A rule: the source after `from` and the position block it stands in, if any.
    Rule {
        /// The source named by `from`.
        source: Option<String>,
        /// The enclosing position block.
        position: Option<String>,
    },
    /// A source: its citation.
    Source {
        /// The citation text.
        citation: String,
    },
    /// A predicate: its number of arguments (at its first use), and from a `predicate`
    /// declaration its parameter names and sentence template.
    Predicate {
        /// Arguments.
        arity: usize,
        /// Parameter names (empty without a declaration).
        params: Vec<String>,
        /// The sentence template of the declaration.
        template: Option<String>,
    },
    /// A position: its title and the positions it extends.
    Position {
        /// The title string of the block.
        title: Option<String>,
        /// The names after `extends`.
        extends: Vec<String>,
    },
}

/// A name of the run and where it is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// What it names.
    pub kind: SymbolKind,
    /// The name.
    pub name: String,
    /// The name where it is defined: a rule's label, the name in a `source`, `position` or
    /// `predicate` statement; for a predicate without declaration, its name in the first rule
    /// head (else the first fact). `None` for a name used but never defined (the checker reports
    /// it), and for a predicate only ever used in conditions.
    pub definition: Option<Span>,
    /// The whole defining statement (the header `position p "…" extends q {` for a position).
    pub statement: Option<Span>,
    /// What the defining statement says.
    pub detail: Detail,
}

/// One place a name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the symbol in [`Symbols::symbols`].
    pub symbol: usize,
    /// The name as written.
    pub span: Span,
    /// Whether the name is defined here (a label, a declaration, a block's name) rather than used.
    pub defines: bool,
}

/// A literal written in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLiteral {
    /// As [`Evaluation::literal`] reads it and as the verdict table prints it, white space and
    /// string escapes made canonical: `~immune(assad, "the courts of france")`.
    pub text: String,
    /// The predicate's name.
    pub predicate: String,
    /// The literal in the text.
    pub span: Span,
    /// Whether it has no variable.
    pub ground: bool,
}

/// What kind of statement an outline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    /// `source`.
    Source,
    /// `predicate`.
    Predicate,
    /// A rule.
    Rule,
    /// A fact (listed inside position blocks only).
    Fact,
    /// A superiority statement (inside position blocks).
    Superiority,
    /// `reject` (inside position blocks).
    Reject,
    /// `retract` (inside position blocks).
    Retract,
    /// A position block: its statements are its children.
    Position,
    /// `query`.
    Query,
    /// `expect` (inside position blocks).
    Expect,
}

/// An entry of a file's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// What it is.
    pub kind: OutlineKind,
    /// The name shown: a label, a name, a literal, `a > b`.
    pub name: String,
    /// A short description: a citation, a template, a title, a query's question.
    pub detail: Option<String>,
    /// The whole statement (for a position, the block up to its `}`).
    pub span: Span,
    /// The part to select: the name, or the whole statement if it has none.
    pub selection: Span,
    /// The statements of a position block.
    pub children: Vec<Outline>,
}

/// The names of a run and every place they are written; see the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    symbols: Vec<Symbol>,
    by_name: BTreeMap<(SymbolKind, String), usize>,
    /// Sorted by place.
    occurrences: Vec<Occurrence>,
    /// Sorted by place; a literal never contains another.
    literals: Vec<WrittenLiteral>,
    outlines: BTreeMap<FileId, Vec<Outline>>,
}

impl Checked {
    /// The names of the run and where they are written ([`Symbols::new`] on its sources).
    pub fn symbols(&self) -> Symbols {
        Symbols::new(self.sources())
    }
}

impl Evaluation {
    /// The names of the run and where they are written ([`Symbols::new`] on its sources).
    pub fn symbols(&self) -> Symbols {
        Symbols::new(self.sources())
    }
}

impl Symbols {
    /// Index every file of `sources` (parsed again; syntax errors are skipped, not reported).
    pub fn new(sources: &SourceMap) -> Symbols {
        let mut b = Builder::default();
        for (file, source) in sources.files() {
            let mut names = Interner::new();
            let mut diags = Diagnostics::new();
            let ast = syntax::parse(file, &source.text, &mut names, &mut diags);
            b.file(file, &ast.items, &names);
        }
        b.finish()
    }

    /// Every symbol, by kind and then by name.
    pub fn symbols(&self) -> &[Symbol] {
        &self.symbols
    }

    /// The symbol of this kind and name.
    pub fn get(&self, kind: SymbolKind, name: &str) -> Option<&Symbol> {
        self.by_name
            .get(&(kind, name.to_string()))
            .map(|&i| &self.symbols[i])
    }

    /// The name written at byte `offset` of `file` (a cursor just after a name is on it).
    pub fn at(&self, file: FileId, offset: usize) -> Option<(&Symbol, &Occurrence)> {
        let offset = offset as u32;
        let i = self
            .occurrences
            .partition_point(|o| (o.span.file, o.span.start) <= (file, offset));
        // Occurrences do not overlap: the last one starting at or before the offset is the only
        // candidate, or the one before it when the cursor sits between two adjacent names.
        self.occurrences[..i]
            .iter()
            .rev()
            .take(2)
            .find(|o| o.span.file == file && o.span.start <= offset && offset <= o.span.end)
            .map(|o| (&self.symbols[o.symbol], o))
    }

    /// Every place the symbol of this kind and name is written, definitions included, in the
    /// order of the files and of the text.
    pub fn occurrences(&self, kind: SymbolKind, name: &str) -> Vec<&Occurrence> {
        match self.by_name.get(&(kind, name.to_string())) {
            Some(&s) => self.occurrences.iter().filter(|o| o.symbol == s).collect(),
            None => Vec::new(),
        }
    }

    /// The innermost literal written around byte `offset` of `file` (ends included).
    pub fn literal_at(&self, file: FileId, offset: usize) -> Option<&WrittenLiteral> {
        let offset = offset as u32;
        let i = self
            .literals
            .partition_point(|l| (l.span.file, l.span.start) <= (file, offset));
        self.literals[..i]
            .iter()
            .rev()
            .take(2)
            .find(|l| l.span.file == file && l.span.start <= offset && offset <= l.span.end)
    }

    /// Every literal written in `file`, in the order of the text.
    pub fn literals(&self, file: FileId) -> impl Iterator<Item = &WrittenLiteral> {
        self.literals.iter().filter(move |l| l.span.file == file)
    }

    /// The outline of `file`: sources, predicates, rules, positions (their statements as
    /// children) and queries, in the order of the text.
    pub fn outline(&self, file: FileId) -> &[Outline] {
        self.outlines.get(&file).map_or(&[], Vec::as_slice)
    }

    /// Whether the symbol of this kind and name may be renamed `new`: the new name must be a
    /// name of the language (not a keyword) and must not be taken by another symbol of its kind.
    /// The error says why not, in a sentence.
    pub fn check_rename(&self, kind: SymbolKind, name: &str, new: &str) -> Result<(), String> {
        if self.get(kind, name).is_none() {
            return Err(format!("there is no {} `{name}`", kind.as_str()));
        }
        if new == name {
            return Ok(());
        }
        // The parser says whether `new` is a name: the one place that knows the keywords.
        let mut diags = Diagnostics::new();
        let probe = format!("reject {new}.");
        let ast = syntax::parse(FileId::default(), &probe, &mut Interner::new(), &mut diags);
        let one_name = matches!(
            ast.items.as_slice(),
            [item] if matches!(&item.kind, ItemKind::Reject { label } if label.span.range().len() == new.len())
        );
        if !one_name || !diags.is_empty() || new == "common" {
            return Err(format!(
                "`{new}` is not a valid name: a name starts with a lowercase letter, continues with letters, digits or `_`, and is not a keyword"
            ));
        }
        if self.get(kind, new).is_some() {
            return Err(format!(
                "there is already a {} `{new}`: renaming `{name}` would merge the two",
                kind.as_str()
            ));
        }
        Ok(())
    }
}

/// The canonical text of a literal, and whether it is ground.
fn literal_text(lit: &Literal, names: &Interner) -> (String, bool) {
    let mut s = String::new();
    let mut ground = true;
    if lit.neg {
        s.push('~');
    }
    s.push_str(names.resolve(lit.pred.sym));
    if !lit.args.is_empty() {
        s.push('(');
        for (i, t) in lit.args.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            match &t.kind {
                TermKind::Name(n) => s.push_str(names.resolve(*n)),
                TermKind::Var(v) => {
                    ground = false;
                    s.push_str(names.resolve(*v));
                }
                TermKind::Anon => {
                    ground = false;
                    s.push('_');
                }
                TermKind::Str(v) => s.push_str(&quote(names.resolve(*v))),
                TermKind::Int(n) => s.push_str(&n.to_string()),
                TermKind::Date(d) => s.push_str(&days_to_date(*d)),
            }
        }
        s.push(')');
    }
    (s, ground)
}

#[derive(Default)]
struct Builder {
    symbols: Vec<Symbol>,
    by_name: BTreeMap<(SymbolKind, String), usize>,
    occurrences: Vec<Occurrence>,
    literals: Vec<WrittenLiteral>,
    outlines: BTreeMap<FileId, Vec<Outline>>,
    /// Per predicate symbol: its first rule head and its first fact, for a predicate without
    /// declaration.
    first_head: BTreeMap<usize, Span>,
    first_fact: BTreeMap<usize, Span>,
}

impl Builder {
    fn symbol(&mut self, kind: SymbolKind, name: &str, detail: impl FnOnce() -> Detail) -> usize {
        if let Some(&i) = self.by_name.get(&(kind, name.to_string())) {
            return i;
        }
        let i = self.symbols.len();
        self.symbols.push(Symbol {
            kind,
            name: name.to_string(),
            definition: None,
            statement: None,
            detail: detail(),
        });
        self.by_name.insert((kind, name.to_string()), i);
        i
    }

    /// A name used (not defined) here.
    fn use_name(&mut self, kind: SymbolKind, ident: &Ident, names: &Interner) -> usize {
        let name = names.resolve(ident.sym);
        let s = self.symbol(kind, name, || empty_detail(kind));
        self.occurrences.push(Occurrence {
            symbol: s,
            span: ident.span,
            defines: false,
        });
        s
    }

    /// A name defined here; the first definition of a name is its definition.
    fn define(
        &mut self,
        kind: SymbolKind,
        ident: &Ident,
        statement: Span,
        names: &Interner,
        detail: Detail,
    ) {
        let name = names.resolve(ident.sym);
        let s = self.symbol(kind, name, || empty_detail(kind));
        let sym = &mut self.symbols[s];
        if sym.definition.is_none() {
            sym.definition = Some(ident.span);
            sym.statement = Some(statement);
            sym.detail = detail;
        }
        self.occurrences.push(Occurrence {
            symbol: s,
            span: ident.span,
            defines: true,
        });
    }

    /// A literal: its predicate is used here.
    fn literal(&mut self, lit: &Literal, names: &Interner) -> usize {
        let arity = lit.args.len();
        let name = names.resolve(lit.pred.sym);
        let s = self.symbol(SymbolKind::Predicate, name, || Detail::Predicate {
            arity,
            params: Vec::new(),
            template: None,
        });
        self.occurrences.push(Occurrence {
            symbol: s,
            span: lit.pred.span,
            defines: false,
        });
        let (text, ground) = literal_text(lit, names);
        self.literals.push(WrittenLiteral {
            text,
            predicate: name.to_string(),
            span: lit.span,
            ground,
        });
        s
    }

    fn body(&mut self, items: &[BodyItem], names: &Interner) {
        for b in items {
            if let BodyItem::Lit(l) = b {
                self.literal(l, names);
            }
        }
    }

    fn file(&mut self, file: FileId, items: &[crate::syntax::ast::Item], names: &Interner) {
        let name = |i: &Ident| names.resolve(i.sym).to_string();
        let mut outline: Vec<Outline> = Vec::new();
        // The open position block: its name and its outline entry.
        let mut block: Option<(String, Outline)> = None;
        for item in items {
            let span = item.span;
            let entry = |kind, name: String, detail: Option<String>, selection: Span| Outline {
                kind,
                name,
                detail,
                span,
                selection,
                children: Vec::new(),
            };
            let mut node: Option<Outline> = None;
            let mut top_level = true;
            match &item.kind {
                ItemKind::Fact { lit, source } => {
                    let p = self.literal(lit, names);
                    self.first_fact.entry(p).or_insert(lit.pred.span);
                    if let Some(s) = source {
                        self.use_name(SymbolKind::Source, s, names);
                    }
                    let (text, _) = literal_text(lit, names);
                    node = Some(entry(OutlineKind::Fact, text, None, lit.span));
                    top_level = false;
                }
                ItemKind::Rule(r) => {
                    self.define(
                        SymbolKind::Rule,
                        &r.label,
                        r.span,
                        names,
                        Detail::Rule {
                            source: r.source.as_ref().map(name),
                            position: block.as_ref().map(|(n, _)| n.clone()),
                        },
                    );
                    self.body(&r.body, names);
                    let p = self.literal(&r.head, names);
                    self.first_head.entry(p).or_insert(r.head.pred.span);
                    if let Some(u) = &r.unless {
                        self.body(u, names);
                    }
                    if let Some(s) = &r.source {
                        self.use_name(SymbolKind::Source, s, names);
                    }
                    let head = literal_text(&r.head, names).0;
                    node = Some(entry(
                        OutlineKind::Rule,
                        name(&r.label),
                        Some(format!("{} {head}", r.arrow.as_str())),
                        r.label.span,
                    ));
                }
                ItemKind::Superiority { sup, inf } => {
                    self.use_name(SymbolKind::Rule, sup, names);
                    self.use_name(SymbolKind::Rule, inf, names);
                    node = Some(entry(
                        OutlineKind::Superiority,
                        format!("{} > {}", name(sup), name(inf)),
                        None,
                        span,
                    ));
                    top_level = false;
                }
                ItemKind::Source { name: n, citation } => {
                    self.define(
                        SymbolKind::Source,
                        n,
                        span,
                        names,
                        Detail::Source {
                            citation: citation.clone(),
                        },
                    );
                    node = Some(entry(
                        OutlineKind::Source,
                        name(n),
                        Some(citation.clone()),
                        n.span,
                    ));
                }
                ItemKind::Predicate {
                    name: n,
                    params,
                    template,
                } => {
                    let params: Vec<String> = params.iter().map(name).collect();
                    let label = format!("{}({})", name(n), params.join(", "));
                    self.define(
                        SymbolKind::Predicate,
                        n,
                        span,
                        names,
                        Detail::Predicate {
                            arity: params.len(),
                            params,
                            template: Some(template.clone()),
                        },
                    );
                    node = Some(entry(
                        OutlineKind::Predicate,
                        label,
                        Some(template.clone()),
                        n.span,
                    ));
                }
                ItemKind::PositionOpen {
                    name: n,
                    title,
                    extends,
                } => {
                    if names.resolve(n.sym) != "?" {
                        self.define(
                            SymbolKind::Position,
                            n,
                            span,
                            names,
                            Detail::Position {
                                title: title.clone(),
                                extends: extends.iter().map(name).collect(),
                            },
                        );
                    }
                    for e in extends {
                        self.use_name(SymbolKind::Position, e, names);
                    }
                    if let Some((_, open)) = block.take() {
                        outline.push(open);
                    }
                    block = Some((
                        name(n),
                        entry(OutlineKind::Position, name(n), title.clone(), n.span),
                    ));
                }
                ItemKind::PositionClose => {
                    if let Some((_, mut open)) = block.take() {
                        open.span = open.span.to(span);
                        outline.push(open);
                    }
                }
                ItemKind::Reject { label } => {
                    self.use_name(SymbolKind::Rule, label, names);
                    node = Some(entry(
                        OutlineKind::Reject,
                        format!("reject {}", name(label)),
                        None,
                        span,
                    ));
                    top_level = false;
                }
                ItemKind::Retract { lit } => {
                    self.literal(lit, names);
                    let (t, _) = literal_text(lit, names);
                    node = Some(entry(
                        OutlineKind::Retract,
                        format!("retract {t}"),
                        None,
                        span,
                    ));
                    top_level = false;
                }
                ItemKind::Query { text, lit } => {
                    self.literal(lit, names);
                    let (t, _) = literal_text(lit, names);
                    node = Some(entry(
                        OutlineKind::Query,
                        t,
                        text.as_deref().map(String::from),
                        lit.span,
                    ));
                }
                ItemKind::Expect(e) => {
                    if let Some(p) = &e.position {
                        self.use_name(SymbolKind::Position, p, names);
                    }
                    self.literal(&e.lit, names);
                    let (t, _) = literal_text(&e.lit, names);
                    let verdict = match (e.verdict, e.strictly) {
                        (v, true) => format!("{} strictly", v.as_str()),
                        (v, false) => v.as_str().to_string(),
                    };
                    let position = e.position.as_ref().map_or("common".to_string(), name);
                    node = Some(entry(
                        OutlineKind::Expect,
                        format!("expect {position}: {verdict} {t}"),
                        None,
                        span,
                    ));
                    top_level = false;
                }
                // Imports, and statements this index does not know yet.
                _ => {}
            }
            match (node, &mut block) {
                (Some(n), Some((_, open))) => open.children.push(n),
                (Some(n), None) if top_level => outline.push(n),
                _ => {}
            }
        }
        if let Some((_, open)) = block.take() {
            outline.push(open);
        }
        self.outlines.insert(file, outline);
    }

    fn finish(mut self) -> Symbols {
        for (i, s) in self.symbols.iter_mut().enumerate() {
            if s.kind == SymbolKind::Predicate && s.definition.is_none() {
                let first = self.first_head.get(&i).or(self.first_fact.get(&i));
                s.definition = first.copied();
            }
        }
        // Symbols by kind and name (the order of `by_name`); occurrences renumbered.
        let order: Vec<usize> = self.by_name.values().copied().collect();
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut slots: Vec<Option<Symbol>> = self.symbols.into_iter().map(Some).collect();
        let symbols: Vec<Symbol> = order
            .iter()
            .map(|&old| slots[old].take().expect("each symbol once"))
            .collect();
        let by_name = self
            .by_name
            .into_iter()
            .map(|(k, old)| (k, new_index[old]))
            .collect();
        for o in &mut self.occurrences {
            o.symbol = new_index[o.symbol];
        }
        self.occurrences.sort_by_key(|o| o.span);
        self.literals.sort_by_key(|l| l.span);
        Symbols {
            symbols,
            by_name,
            occurrences: self.occurrences,
            literals: self.literals,
            outlines: self.outlines,
        }
    }
}

fn empty_detail(kind: SymbolKind) -> Detail {
    match kind {
        SymbolKind::Rule => Detail::Rule {
            source: None,
            position: None,
        },
        SymbolKind::Position => Detail::Position {
            title: None,
            extends: Vec::new(),
        },
        SymbolKind::Predicate => Detail::Predicate {
            arity: 0,
            params: Vec::new(),
            template: None,
        },
        SymbolKind::Source => Detail::Source {
            citation: String::new(),
        },
    }
}

/// The positions that take a rule and those that throw it out ([`Evaluation::standing`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The positions whose theory has the rule, common ground first.
    pub accepted_by: Vec<PositionId>,
    /// The positions with a `reject` statement of their own for it.
    pub rejected_by: Vec<PositionId>,
}

/// An `expect` line and how it fares ([`Evaluation::expectations`]).
#[derive(Debug, Clone)]
pub struct Expectation {
    /// The statement.
    pub span: Span,
    /// The position it is about.
    pub position: PositionId,
    /// The verdict expected.
    pub verdict: Verdict,
    /// Whether `strictly` was expected.
    pub strictly: bool,
    /// The literal.
    pub literal: Match,
    /// The verdict found.
    pub actual: Status,
    /// Whether the expectation is met (as `argcheck test` judges it).
    pub met: bool,
}

impl Expectation {
    /// What was expected, in the words of `argcheck test`: `holds`, `denied strictly`, ….
    pub fn expected_text(&self) -> String {
        if self.strictly {
            format!("{} strictly", self.verdict.as_str())
        } else {
            self.verdict.as_str().to_string()
        }
    }
}

impl Evaluation {
    /// The ground literal `text` names (`~immune(assad, france)`, any white space), or `None` if
    /// the text is not one ground literal. A literal that occurs nowhere in the theory is found
    /// too: its status is undecided (unsupported), as for a query.
    pub fn literal(&self, text: &str) -> Option<Match> {
        let mut names = Interner::new();
        let mut diags = Diagnostics::new();
        let probe = format!("query {text}.");
        let ast = syntax::parse(FileId::default(), &probe, &mut names, &mut diags);
        let [item] = ast.items.as_slice() else {
            return None;
        };
        let ItemKind::Query { text: None, lit } = &item.kind else {
            return None;
        };
        if !diags.is_empty() {
            return None;
        }
        let (literal, ground) = literal_text(lit, &names);
        if !ground {
            return None;
        }
        let p = &self.program;
        let constant = |k: &TermKind| {
            let sym = |s| p.names.get(names.resolve(s));
            let v = match k {
                TermKind::Name(s) => Value::Name(sym(*s)?),
                TermKind::Str(s) => Value::Str(sym(*s)?),
                TermKind::Int(n) => Value::Int(*n),
                TermKind::Date(d) => Value::Date(*d),
                TermKind::Var(_) | TermKind::Anon => return None,
            };
            p.const_by_value(v)
        };
        let lit = p
            .pred_by_name(names.resolve(lit.pred.sym))
            .filter(|&pred| p.preds[pred.index()].arity as usize == lit.args.len())
            .and_then(|pred| {
                let args: Option<Box<[HTerm]>> = lit
                    .args
                    .iter()
                    .map(|t| constant(&t.kind).map(HTerm::Const))
                    .collect();
                Some(HLit {
                    neg: lit.neg,
                    pred,
                    args: args?,
                })
            })
            .and_then(|h| self.lit(&h));
        Some(Match { literal, lit })
    }

    /// The sentence of a literal, from its predicate's template, if it has one and the literal
    /// occurs in the theory.
    pub fn sentence(&self, m: &Match) -> Option<String> {
        crate::render::sentence(&self.program, &self.ground, m.lit?)
    }

    /// The positions that accept and reject the rule labelled `label` (`None`: no such rule).
    pub fn standing(&self, label: &str) -> Option<Standing> {
        let p = &self.program;
        let rule = (0..p.rules.len()).find(|&r| {
            p.rules[r].origin == crate::hir::Origin::Written
                && p.names.resolve(p.rules[r].label) == label
        })?;
        let mut s = Standing {
            accepted_by: Vec::new(),
            rejected_by: Vec::new(),
        };
        for (i, theory) in p.theories.iter().enumerate() {
            let id = PositionId(PosId(i as u32));
            if theory.rules.get(rule).copied().unwrap_or(false) {
                s.accepted_by.push(id);
            }
            if p.positions[i]
                .rejects
                .iter()
                .any(|(r, _)| r.index() == rule)
            {
                s.rejected_by.push(id);
            }
        }
        Some(s)
    }

    /// Where the `query` statement of a query is written (for a literal asked through
    /// [`crate::Input::Queries`], in the pseudo-file `<command line>`).
    pub fn query_span(&self, q: &Query) -> Span {
        self.program.queries[q.index].span
    }

    /// Every `expect` line of the run, in order, with the verdict found.
    pub fn expectations(&self) -> Vec<Expectation> {
        self.program
            .expects
            .iter()
            .map(|e| {
                let lit = self.lit(&e.lit);
                let actual = self.status_of(e.position, lit);
                Expectation {
                    span: e.span,
                    position: PositionId(e.position),
                    verdict: e.verdict,
                    strictly: e.strictly,
                    literal: Match {
                        literal: self.program.lit_text(&e.lit, &[]),
                        lit,
                    },
                    actual,
                    met: crate::expect::met(e, actual),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, Limits, MemoryFiles};

    const TEXT: &str = r#"source icj "ICJ, 2002".
predicate immune(P) "{P} is immune".
head(assad) from icj.
immunity: head(P) => immune(P) from icj.
crimes: accused(P) => ~immune(P).
accused(assad).
position court "The Court" {
    crimes > immunity.
}
position ngos extends court {
    reject immunity.
}
query immune(assad).
expect court: denied immune(assad).
expect ngos: holds immune(assad).
"#;

    fn run() -> Evaluation {
        let files = MemoryFiles::new().with("a.rules", TEXT);
        let limits = Limits::default();
        let checked = crate::check(&[Input::Path("a.rules".into())], &files, &limits);
        checked.evaluate(&limits).expect("no errors")
    }

    fn at(needle: &str) -> usize {
        TEXT.find(needle).expect("in the text")
    }

    #[test]
    fn names_have_definitions_and_occurrences() {
        let e = run();
        let s = e.symbols();
        let file = e.sources().files().next().unwrap().0;
        let (rule, occ) = s.at(file, at("immunity.") + 3).expect("a name");
        assert_eq!(
            (rule.kind, rule.name.as_str()),
            (SymbolKind::Rule, "immunity")
        );
        assert!(!occ.defines);
        assert_eq!(
            rule.definition.map(|d| d.start as usize),
            Some(at("immunity:"))
        );
        let uses = s.occurrences(SymbolKind::Rule, "immunity");
        assert_eq!(uses.len(), 3);
        // A declared predicate is defined by its declaration; `accused` by its first rule head
        // (none) or fact.
        let immune = s.get(SymbolKind::Predicate, "immune").unwrap();
        assert_eq!(
            immune.definition.map(|d| d.start as usize),
            Some(at("immune(P) \""))
        );
        let accused = s.get(SymbolKind::Predicate, "accused").unwrap();
        assert_eq!(
            accused.definition.map(|d| d.start as usize),
            Some(at("accused(assad)."))
        );
        let head = s.get(SymbolKind::Predicate, "head").unwrap();
        assert_eq!(
            head.definition.map(|d| d.start as usize),
            Some(at("head(assad)"))
        );
        let court = s.get(SymbolKind::Position, "court").unwrap();
        assert_eq!(
            court.detail,
            Detail::Position {
                title: Some("The Court".into()),
                extends: vec![]
            }
        );
        assert_eq!(s.occurrences(SymbolKind::Position, "court").len(), 3);
        assert_eq!(s.occurrences(SymbolKind::Source, "icj").len(), 3);
        // The cursor just after a name is on it; white space is on nothing.
        assert!(s.at(file, at("icj.") + 3).is_some());
        assert!(s.at(file, at(" {\n    crimes")).is_none());
    }

    #[test]
    fn outline_nests_statements_in_positions() {
        let e = run();
        let s = e.symbols();
        let file = e.sources().files().next().unwrap().0;
        let names: Vec<(OutlineKind, &str, usize)> = s
            .outline(file)
            .iter()
            .map(|o| (o.kind, o.name.as_str(), o.children.len()))
            .collect();
        assert_eq!(
            names,
            [
                (OutlineKind::Source, "icj", 0),
                (OutlineKind::Predicate, "immune(P)", 0),
                (OutlineKind::Rule, "immunity", 0),
                (OutlineKind::Rule, "crimes", 0),
                (OutlineKind::Position, "court", 1),
                (OutlineKind::Position, "ngos", 1),
                (OutlineKind::Query, "immune(assad)", 0),
            ]
        );
    }

    #[test]
    fn literals_are_found_by_place_and_by_text() {
        let e = run();
        let s = e.symbols();
        let file = e.sources().files().next().unwrap().0;
        let l = s.literal_at(file, at("immune(assad).") + 8).unwrap();
        assert_eq!((l.text.as_str(), l.ground), ("immune(assad)", true));
        let m = e.literal("immune( assad )").unwrap();
        let court = e.position("court").unwrap();
        assert_eq!(e.status(court, &m).verdict, Verdict::Denied);
        assert_eq!(e.sentence(&m).as_deref(), Some("assad is immune"));
        // Occurring nowhere: undecided; not one ground literal: none.
        let nowhere = e.literal("immune(nobody)").unwrap();
        assert_eq!(e.status(court, &nowhere), Status::unknown());
        assert!(e.literal("immune(X)").is_none());
        assert!(e.literal("immune(a). query b").is_none());
    }

    #[test]
    fn standing_expectations_and_renames() {
        let e = run();
        let st = e.standing("immunity").unwrap();
        let names = |ps: &[PositionId]| -> Vec<String> {
            ps.iter().map(|&p| e.position_name(p).to_string()).collect()
        };
        assert_eq!(names(&st.accepted_by), ["common", "court"]);
        assert_eq!(names(&st.rejected_by), ["ngos"]);
        let met: Vec<bool> = e.expectations().iter().map(|x| x.met).collect();
        assert_eq!(met, [true, false]);
        let s = e.symbols();
        assert!(
            s.check_rename(SymbolKind::Rule, "immunity", "personal")
                .is_ok()
        );
        assert!(
            s.check_rename(SymbolKind::Rule, "immunity", "crimes")
                .is_err()
        );
        assert!(
            s.check_rename(SymbolKind::Rule, "immunity", "query")
                .is_err()
        );
        assert!(s.check_rename(SymbolKind::Rule, "immunity", "a b").is_err());
        assert!(
            s.check_rename(SymbolKind::Position, "court", "common")
                .is_err()
        );
        // Kinds have names of their own: a rule may be called like a source.
        assert!(s.check_rename(SymbolKind::Rule, "immunity", "icj").is_ok());
    }
}
