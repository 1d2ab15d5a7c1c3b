//! The verdict table of `argcheck eval`: queries × positions, as text, JSON or Markdown.

use serde::Serialize;

use crate::analysis::{Evaluation, PositionId, Query};
use crate::ground::Lit;
use crate::hir::PosId;
use crate::logic::Status;

/// A column of the table: a position.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The position's name (`common` for common ground).
    pub name: String,
    /// Its title, if its block gives one.
    pub title: Option<String>,
    #[serde(skip)]
    pub(crate) id: PosId,
}

/// One verdict of a row.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The position's name.
    pub position: String,
    /// The verdict.
    #[serde(flatten)]
    pub status: Status,
    /// Under what-if changes: the verdict as the files have it, where it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub was: Option<Status>,
}

impl Cell {
    /// `holds`, `undecided (conflict)`; a changed verdict reads `holds → denied`.
    pub fn text(&self) -> String {
        match &self.was {
            Some(was) => format!("{} → {}", was.text(), self.status.text()),
            None => self.status.text(),
        }
    }
}

/// A row: one ground literal under every position.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The literal.
    pub literal: String,
    /// The literal's sentence, when its predicate has a template.
    pub sentence: Option<String>,
    /// One per column.
    pub verdicts: Vec<Cell>,
    #[serde(skip)]
    pub(crate) lit: Option<Lit>,
}

impl Row {
    /// The row's literal, to explain it.
    pub fn literal_match(&self) -> crate::analysis::Match {
        crate::analysis::Match {
            literal: self.literal.clone(),
            lit: self.lit,
        }
    }
}

/// The rows of one query.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The query as written (may contain variables).
    pub query: String,
    /// The question text of the `query` statement.
    pub text: Option<String>,
    /// One row per ground literal matching the query.
    pub results: Vec<Row>,
}

/// The verdict table: queries × positions (`argcheck eval`).
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Under what-if changes: the changes (the verdicts are hypothetical).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hypothetical: Option<crate::load::WhatIf>,
    /// The columns.
    pub positions: Vec<Column>,
    /// The rows, by query.
    pub queries: Vec<Group>,
}

impl Evaluation {
    /// The verdicts of `queries` under `positions`.
    pub fn table(&self, queries: &[Query], positions: &[PositionId]) -> Table {
        build(self, queries, positions)
    }
}

fn build(a: &Evaluation, queries: &[Query], positions: &[PositionId]) -> Table {
    let p = &a.program;
    let columns: Vec<Column> = positions
        .iter()
        .map(|&PositionId(id)| Column {
            name: p.position_name(id).to_string(),
            title: p.positions[id.index()].title.clone(),
            id,
        })
        .collect();
    let groups = queries
        .iter()
        .map(|query| {
            let q = &p.queries[query.index];
            let results = a
                .matching(&q.lit)
                .into_iter()
                .map(|(literal, lit)| Row {
                    sentence: lit.and_then(|l| crate::render::sentence(p, &a.ground, l)),
                    verdicts: columns
                        .iter()
                        .map(|c| Cell {
                            position: c.name.clone(),
                            status: a.status_of(c.id, lit),
                            was: None,
                        })
                        .collect(),
                    literal,
                    lit,
                })
                .collect();
            Group {
                query: p.lit_text(&q.lit, &q.vars),
                text: q.text.clone(),
                results,
            }
        })
        .collect();
    Table {
        hypothetical: None,
        positions: columns,
        queries: groups,
    }
}

/// Widest table printed as a grid; wider ones are listed (see [`Table::text`]).
pub(crate) const MAX_WIDTH: usize = 120;

fn paint(text: &str, status: &Status, colour: bool) -> String {
    if !colour {
        return text.to_string();
    }
    let code = match status.verdict {
        crate::logic::Verdict::Holds => "32",
        crate::logic::Verdict::Denied => "31",
        crate::logic::Verdict::Undecided => "33",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

impl Group {
    /// The question text (if any), and a note when no literal matches the query.
    fn heading(&self, out: &mut String) {
        if let Some(t) = &self.text {
            out.push_str(t);
            out.push('\n');
        }
        if self.results.is_empty() {
            out.push_str(&format!("  {} — no matching literal\n", self.query));
        }
    }
}

impl Table {
    /// Mark every verdict that differs from the same literal's under the same position in
    /// `before` (the files as written, when this table is hypothetical).
    pub fn mark_changes(&mut self, before: &Table) {
        let mut old = std::collections::HashMap::new();
        for g in &before.queries {
            for r in &g.results {
                for c in &r.verdicts {
                    old.insert((r.literal.as_str(), c.position.as_str()), c.status);
                }
            }
        }
        for g in &mut self.queries {
            for r in &mut g.results {
                for c in &mut r.verdicts {
                    let was = old.get(&(r.literal.as_str(), c.position.as_str()));
                    // A literal the files never mention was undecided (unsupported) there.
                    let was = was.copied().unwrap_or_else(Status::unknown);
                    if was != c.status {
                        c.was = Some(was);
                    }
                }
            }
        }
    }

    /// The table as text: aligned columns; a query's question text heads its rows. A table wider than
    /// 120 characters is printed one literal at a time, a line per position, so that it stays
    /// readable in a terminal.
    pub fn text(&self, colour: bool) -> String {
        let wide = self.grid(colour);
        if wide.lines().all(|l| l.chars().count() <= MAX_WIDTH) {
            wide
        } else {
            self.list(colour)
        }
    }

    fn list(&self, colour: bool) -> String {
        let name_width = self
            .positions
            .iter()
            .map(|c| c.name.chars().count())
            .max()
            .unwrap_or(0);
        // A legend first: the position names are short, their titles say whose view it is.
        let mut out = String::from("positions:\n");
        for c in &self.positions {
            let title = match (&c.title, c.id.0) {
                (Some(t), _) => t.as_str(),
                (None, 0) => "common ground: the statements outside every position",
                (None, _) => "",
            };
            out.push_str(format!("  {:<w$}  {title}", c.name, w = name_width).trim_end());
            out.push('\n');
        }
        for g in &self.queries {
            out.push('\n');
            g.heading(&mut out);
            for r in &g.results {
                out.push_str(&format!("  {}\n", r.literal));
                for (c, cell) in self.positions.iter().zip(&r.verdicts) {
                    out.push_str(&format!(
                        "    {:<w$}  {}\n",
                        c.name,
                        paint(&cell.text(), &cell.status, colour),
                        w = name_width
                    ));
                }
            }
        }
        out
    }

    fn grid(&self, colour: bool) -> String {
        let mut widths: Vec<usize> = Vec::with_capacity(self.positions.len() + 1);
        let first = self
            .queries
            .iter()
            .flat_map(|g| g.results.iter().map(|r| r.literal.chars().count() + 2))
            .chain(std::iter::once("query".len()))
            .max()
            .unwrap_or(5);
        widths.push(first);
        for (i, c) in self.positions.iter().enumerate() {
            let w = self
                .queries
                .iter()
                .flat_map(|g| {
                    g.results
                        .iter()
                        .map(|r| r.verdicts[i].text().chars().count())
                })
                .chain(std::iter::once(c.name.chars().count()))
                .max()
                .unwrap_or(0);
            widths.push(w);
        }
        let mut out = String::new();
        let mut line = format!("{:<w$}", "query", w = widths[0]);
        for (i, c) in self.positions.iter().enumerate() {
            line.push_str("  ");
            line.push_str(&format!("{:<w$}", c.name, w = widths[i + 1]));
        }
        out.push_str(line.trim_end());
        out.push('\n');
        for g in &self.queries {
            g.heading(&mut out);
            for r in &g.results {
                let mut line = format!("  {:<w$}", r.literal, w = widths[0] - 2);
                for (i, cell) in r.verdicts.iter().enumerate() {
                    line.push_str("  ");
                    let t = cell.text();
                    let pad = widths[i + 1].saturating_sub(t.chars().count());
                    line.push_str(&paint(&t, &cell.status, colour));
                    if i + 1 < r.verdicts.len() {
                        line.push_str(&" ".repeat(pad));
                    }
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
        out
    }

    /// The table as JSON (README, "JSON output").
    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The table as a Markdown grid.
    pub fn markdown(&self) -> String {
        let mut out = String::from("| query |");
        for c in &self.positions {
            out.push_str(&format!(" {} |", c.name));
        }
        out.push_str("\n|---|");
        for _ in &self.positions {
            out.push_str("---|");
        }
        out.push('\n');
        for g in &self.queries {
            for r in &g.results {
                let label = match &g.text {
                    Some(t) => format!("{} `{}`", md_escape(t), r.literal),
                    None => format!("`{}`", r.literal),
                };
                out.push_str(&format!("| {label} |"));
                for cell in &r.verdicts {
                    out.push_str(&format!(" {} |", cell.text()));
                }
                out.push('\n');
            }
        }
        out
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
