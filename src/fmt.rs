//! The formatter: `.rules` text → the same program in canonical layout, every comment kept.
//!
//! Layout: one statement per line, position blocks indented by four spaces, `a, b` lists with one
//! space after commas, rules longer than [`WIDTH`] broken before the arrow, `unless` and `from`.
//! Comments stay where they were: a comment on its own line stays above the statement that follows
//! it, a comment at the end of a line stays at the end of that statement's line. A statement with a
//! comment *inside* it is kept exactly as written, so no comment ever moves. At most one blank
//! line is kept between statements. Formatting is idempotent, and a file with a syntax error is not
//! formatted at all.

use crate::diagnostic::Diagnostics;
use crate::hir::quote;
use crate::intern::Interner;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{BodyItem, Item, ItemKind, Literal, Term, TermKind};
use crate::syntax::{self, days_to_date};

/// Rules longer than this are broken over several lines.
pub(crate) const WIDTH: usize = 100;

/// Format one file's text. Errs with the syntax diagnostics (and the source map to render them).
pub fn format(name: &str, text: &str) -> Result<String, (SourceMap, Diagnostics)> {
    let mut sources = SourceMap::new();
    let file = sources.add(name, text);
    let mut names = Interner::new();
    let mut diags = Diagnostics::new();
    let ast = syntax::parse(file, text, &mut names, &mut diags);
    if diags.has_errors() {
        return Err((sources, diags));
    }
    let f = Formatter {
        text,
        names: &names,
        file,
    };
    Ok(f.run(ast.items.iter(), &ast.comments))
}

struct Formatter<'a> {
    text: &'a str,
    names: &'a Interner,
    file: FileId,
}

impl Formatter<'_> {
    fn run<'i>(&self, items: impl Iterator<Item = &'i Item>, comments: &[Span]) -> String {
        let mut out = String::new();
        let mut c = 0; // next comment
        let mut indent = 0usize;
        let mut prev_end: Option<usize> = None;
        for item in items {
            let start = item.span.start as usize;
            let end = item.span.end as usize;
            if matches!(item.kind, ItemKind::PositionClose) {
                indent = indent.saturating_sub(1);
            }
            // Leading comments, each on its own line (a trailing one joins the previous line).
            while c < comments.len() && (comments[c].start as usize) < start {
                // A comment before `}` belongs to the block: indent it as its statements.
                let inner = if matches!(item.kind, ItemKind::PositionClose) {
                    indent + 1
                } else {
                    indent
                };
                self.comment_line(&mut out, prev_end, comments[c], inner);
                prev_end = Some(comments[c].end as usize);
                c += 1;
            }
            self.blank_line(&mut out, prev_end, start);
            // Comments inside the statement: keep it verbatim.
            let interior = c < comments.len() && (comments[c].start as usize) < end;
            out.push_str(&"    ".repeat(indent));
            if interior {
                out.push_str(self.text[start..end].trim());
                while c < comments.len() && (comments[c].start as usize) < end {
                    c += 1;
                }
            } else {
                out.push_str(&self.item(item, indent));
            }
            out.push('\n');
            if matches!(item.kind, ItemKind::PositionOpen { .. }) {
                indent += 1;
            }
            prev_end = Some(end);
        }
        while c < comments.len() {
            self.comment_line(&mut out, prev_end, comments[c], 0);
            prev_end = Some(comments[c].end as usize);
            c += 1;
        }
        out
    }

    /// Write one comment: at the end of the previous line if it was there in the source, else on
    /// a line of its own at `indent`.
    fn comment_line(
        &self,
        out: &mut String,
        prev_end: Option<usize>,
        comment: Span,
        indent: usize,
    ) {
        let cs = comment.start as usize;
        let on_prev_line = prev_end.is_some_and(|pe| !self.text[pe..cs].contains('\n'));
        if on_prev_line {
            if out.ends_with('\n') {
                out.pop();
            }
            out.push_str("  ");
        } else {
            self.blank_line(out, prev_end, cs);
            out.push_str(&"    ".repeat(indent));
        }
        out.push_str(self.comment(comment));
        out.push('\n');
    }

    fn comment(&self, span: Span) -> &str {
        self.text[span.range()].trim_end()
    }

    /// One blank line where the source had at least one between two things.
    fn blank_line(&self, out: &mut String, prev_end: Option<usize>, next_start: usize) {
        if let Some(pe) = prev_end {
            if pe <= next_start && self.text[pe..next_start].matches('\n').count() >= 2 {
                out.push('\n');
            }
        }
    }

    fn name(&self, s: crate::intern::Sym) -> &str {
        self.names.resolve(s)
    }

    fn term(&self, t: &Term) -> String {
        match &t.kind {
            TermKind::Name(s) | TermKind::Var(s) => self.name(*s).to_string(),
            TermKind::Anon => "_".to_string(),
            TermKind::Str(s) => quote(self.name(*s)),
            TermKind::Int(n) => n.to_string(),
            // An invalid date never gets here (it is an error), so the text round-trips.
            TermKind::Date(d) => days_to_date(*d),
        }
    }

    fn literal(&self, l: &Literal) -> String {
        let mut s = String::new();
        if l.neg {
            s.push('~');
        }
        s.push_str(self.name(l.pred.sym));
        if !l.args.is_empty() {
            s.push('(');
            let args: Vec<String> = l.args.iter().map(|t| self.term(t)).collect();
            s.push_str(&args.join(", "));
            s.push(')');
        }
        s
    }

    fn body(&self, items: &[BodyItem]) -> String {
        items
            .iter()
            .map(|b| match b {
                BodyItem::Lit(l) => self.literal(l),
                BodyItem::Cmp {
                    left, op, right, ..
                } => format!("{} {} {}", self.term(left), op.as_str(), self.term(right)),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn item(&self, item: &Item, indent: usize) -> String {
        let _ = self.file;
        match &item.kind {
            ItemKind::Fact { lit, source } => match source {
                Some(s) => format!("{} from {}.", self.literal(lit), self.name(s.sym)),
                None => format!("{}.", self.literal(lit)),
            },
            ItemKind::Rule(r) => {
                let label = self.name(r.label.sym);
                let body = self.body(&r.body);
                let head = self.literal(&r.head);
                let arrow = r.arrow.as_str();
                let unless = r
                    .unless
                    .as_ref()
                    .map(|u| format!("unless {}", self.body(u)));
                let from = r.source.map(|s| format!("from {}", self.name(s.sym)));
                let mut one = format!("{label}:");
                if !body.is_empty() {
                    one.push(' ');
                    one.push_str(&body);
                }
                one.push_str(&format!(" {arrow} {head}"));
                for part in unless.iter().chain(from.iter()) {
                    one.push(' ');
                    one.push_str(part);
                }
                one.push('.');
                if one.len() + indent * 4 <= WIDTH {
                    return one;
                }
                let pad = "    ".repeat(indent + 1);
                let mut s = format!("{label}:");
                if !body.is_empty() {
                    s.push_str(&format!("\n{pad}{body}"));
                }
                s.push_str(&format!("\n{pad}{arrow} {head}"));
                for part in unless.iter().chain(from.iter()) {
                    s.push_str(&format!("\n{pad}{part}"));
                }
                s.push('.');
                s
            }
            ItemKind::Superiority { sup, inf } => {
                format!("{} > {}.", self.name(sup.sym), self.name(inf.sym))
            }
            ItemKind::Source { name, citation } => {
                format!("source {} {}.", self.name(name.sym), quote(citation))
            }
            ItemKind::Predicate {
                name,
                params,
                template,
            } => {
                let params = if params.is_empty() {
                    String::new()
                } else {
                    format!(
                        "({})",
                        params
                            .iter()
                            .map(|p| self.name(p.sym))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                format!(
                    "predicate {}{params} {}.",
                    self.name(name.sym),
                    quote(template)
                )
            }
            ItemKind::PositionOpen {
                name,
                title,
                extends,
            } => {
                let mut s = format!("position {}", self.name(name.sym));
                if let Some(t) = title {
                    s.push(' ');
                    s.push_str(&quote(t));
                }
                if !extends.is_empty() {
                    s.push_str(" extends ");
                    s.push_str(
                        &extends
                            .iter()
                            .map(|e| self.name(e.sym))
                            .collect::<Vec<_>>()
                            .join(", "),
                    );
                }
                s.push_str(" {");
                s
            }
            ItemKind::PositionClose => "}".to_string(),
            ItemKind::Reject { label } => format!("reject {}.", self.name(label.sym)),
            ItemKind::Retract { lit } => format!("retract {}.", self.literal(lit)),
            ItemKind::Name { constant, display } => {
                format!("name {} {}.", self.name(constant.sym), quote(display))
            }
            ItemKind::Query { text, lit } => match text {
                Some(t) => format!("query {} {}.", quote(t), self.literal(lit)),
                None => format!("query {}.", self.literal(lit)),
            },
            ItemKind::Expect(e) => format!(
                "expect {}: {}{} {}.",
                e.position.map_or("common", |p| self.name(p.sym)),
                e.verdict.as_str(),
                if e.strictly { " strictly" } else { "" },
                self.literal(&e.lit)
            ),
            ItemKind::Import { path, .. } => format!("import {}.", quote(path)),
        }
    }
}
