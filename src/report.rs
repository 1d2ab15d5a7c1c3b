//! `argcheck report`: the handout. One self-contained HTML page made from an [`Evaluation`]: the
//! file's title and header comment, the legend of positions, the verdict table, and for each
//! question the explanation under every position (headline and decisive step visible, the tree
//! folded in nested `<details>`), the argument graph of the positions that differ on it as inline
//! SVG laid out here, and the crux of each pair of positions that disagree. Sources are footnotes
//! numbered once for the whole page.
//!
//! The page needs no script, loads nothing (no font, image or link that leaves the page; the only
//! links are to anchors of the page itself), prints in black and white (every verdict is a word as
//! well as a colour) and reads on a phone. Everything that comes from a `.rules` file is escaped
//! ([`escape`]), control characters included. The module reads no file, clock or thread: the
//! browser playground makes the same page under WebAssembly.
//!
//! **Graph layout** is a layered (Sugiyama-style) drawing from left to right, premises on the left
//! and the question on the right: a literal and its complement share a node, cycles are broken by
//! a depth-first search, layers are longest paths to the question, edges that skip layers get
//! bend points, the order within a layer is improved by [`SWEEPS`] barycentre sweeps, and the
//! vertical positions by rounds of isotonic regression towards the neighbours' centres. Its time
//! is bounded by the size limit: a graph of more than [`ReportOptions::max_graph_nodes`] literals
//! and rules (default [`MAX_GRAPH_NODES`]), or whose bend points would bring it past
//! [`MAX_LAYOUT_POINTS`], is not laid out; the page says so and the text explanations stand alone.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use crate::analysis::{Evaluation, Match, PositionId, Query};
use crate::explain::{ExplainOptions, Explanation, Node, Step};
use crate::graph::{EdgeKind, Graph};
use crate::ground::Lit;
use crate::load::{QUERY_FILE, WHATIF_FILE, WhatIf};
use crate::logic::{Arrow, Status, Verdict};
use crate::prose::TextOptions;
use crate::table::{Cell, Table};

/// The default for [`ReportOptions::max_graph_nodes`]: at most this many literals and rules are
/// laid out in one graph.
pub const MAX_GRAPH_NODES: usize = 150;

/// At most this many points (literals, rules and the bend points of edges that skip layers) are
/// laid out in one graph, whatever [`ReportOptions::max_graph_nodes`] says.
pub const MAX_LAYOUT_POINTS: usize = 2_000;

/// Barycentre sweeps (each one left to right, then right to left) that order the layers.
pub const SWEEPS: usize = 12;

/// Rounds of vertical placement.
const PLACEMENT_ROUNDS: usize = 10;

/// The tree of an explanation nests no deeper than this; deeper steps are listed flat with their
/// depth, so that a proof thousands of steps deep stays a page a browser can show.
const MAX_NESTING: usize = 24;

/// How a handout is made.
#[derive(Debug, Clone)]
pub struct ReportOptions<'a> {
    /// The columns of the table, in order; empty: every position.
    pub positions: Vec<PositionId>,
    /// The page's title; `None`: the first line of the first file's header comment, else the
    /// file's name.
    pub title: Option<String>,
    /// The largest argument graph laid out, in literals and rules; a larger one is replaced by a
    /// note.
    pub max_graph_nodes: usize,
    /// How much of each explanation to build.
    pub explain: ExplainOptions,
    /// Under what-if changes: the evaluation of the files as written and the changes, so that the
    /// page says it is hypothetical and marks each verdict that changed.
    pub before: Option<(&'a Evaluation, &'a WhatIf)>,
    /// A note shown under the title, set apart (the playground says there which of its what-ifs
    /// is in force).
    pub note: Option<String>,
}

impl Default for ReportOptions<'_> {
    fn default() -> Self {
        ReportOptions {
            positions: Vec::new(),
            title: None,
            max_graph_nodes: MAX_GRAPH_NODES,
            explain: ExplainOptions::default(),
            before: None,
            note: None,
        }
    }
}

impl Evaluation {
    /// The handout: one self-contained HTML page with the verdicts of every query, their
    /// explanations, argument graphs and the crux of each disagreement (see the module's
    /// documentation).
    pub fn report(&self, opts: &ReportOptions) -> String {
        Page::new(self, opts).render()
    }
}

/// Escape text for HTML (text and attribute values alike): `& < > " '` become references;
/// control characters, which HTML forbids even as references, become their visible pictures
/// (U+2400–U+2421) or U+FFFD, as do noncharacters. Line feeds and tabs are kept; carriage
/// returns dropped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => out.push('\u{fffd}'),
            c if (c as u32) & 0xfffe == 0xfffe => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// The sources cited on the page, numbered once in order of first citation.
#[derive(Default)]
struct Notes {
    list: Vec<(String, String)>,
    by_name: HashMap<String, usize>,
}

impl Notes {
    /// The page's number of each footnote of `x` (index: the explanation's own number − 1).
    fn register(&mut self, x: &Explanation) -> Vec<usize> {
        x.footnotes
            .iter()
            .map(|c| {
                *self.by_name.entry(c.name.clone()).or_insert_with(|| {
                    self.list.push((c.name.clone(), c.citation.clone()));
                    self.list.len()
                })
            })
            .collect()
    }
}

struct Page<'a> {
    e: &'a Evaluation,
    opts: &'a ReportOptions<'a>,
    positions: Vec<PositionId>,
    table: Table,
    queries: Vec<Query>,
    notes: Notes,
    /// Explanations rendered so far (their element ids).
    explained: usize,
    graphs: usize,
    diffs: HashMap<(usize, usize), crate::diff::Diff>,
}

impl<'a> Page<'a> {
    fn new(e: &'a Evaluation, opts: &'a ReportOptions<'a>) -> Page<'a> {
        let positions = if opts.positions.is_empty() {
            e.positions().collect()
        } else {
            opts.positions.clone()
        };
        let queries = e.queries();
        let mut table = e.table(&queries, &positions);
        if let Some((before, whatif)) = opts.before {
            let all: Vec<PositionId> = before.positions().collect();
            table.mark_changes(&before.table(&before.queries(), &all));
            table.hypothetical = Some(whatif.clone());
        }
        Page {
            e,
            opts,
            positions,
            table,
            queries,
            notes: Notes::default(),
            explained: 0,
            graphs: 0,
            diffs: HashMap::new(),
        }
    }

    fn render(mut self) -> String {
        let (title, intro) = self.header();
        let mut body = String::new();
        self.top(&mut body, &title, &intro);
        self.legend(&mut body);
        self.verdicts(&mut body);
        for qi in 0..self.table.queries.len() {
            self.question(&mut body, qi);
        }
        self.sources(&mut body);
        let _ = writeln!(
            body,
            "<footer><p>Made by argcheck {} from the files above. Every verdict, explanation, \
             graph and crux is computed from them; nothing on this page was written by hand.</p>\
             </footer>",
            env!("CARGO_PKG_VERSION")
        );
        let mut out = String::with_capacity(body.len() + CSS.len() + 512);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"argcheck report\">\n<title>",
        );
        push_escaped(&mut out, &title);
        out.push_str("</title>\n<style>\n");
        out.push_str(CSS);
        out.push_str("</style>\n</head>\n<body>\n<main>\n");
        out.push_str(&body);
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }

    /// The title and the header comment of the first file read.
    fn header(&self) -> (String, String) {
        let first = self
            .e
            .sources()
            .files()
            .map(|(_, f)| f)
            .find(|f| f.name != QUERY_FILE && f.name != WHATIF_FILE);
        let (mut title, intro) = match first {
            Some(f) => header_comment(&f.text),
            None => (None, String::new()),
        };
        if let Some(t) = &self.opts.title {
            title = Some(t.clone());
        }
        let title = title.unwrap_or_else(|| match first {
            Some(f) => f
                .name
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(&f.name)
                .to_string(),
            None => "argcheck report".to_string(),
        });
        (title, intro)
    }

    fn top(&self, out: &mut String, title: &str, intro: &str) {
        out.push_str("<header>\n<p class=\"kicker\">argcheck handout</p>\n<h1>");
        push_escaped(out, title);
        out.push_str("</h1>\n");
        let files: Vec<&str> = self
            .e
            .sources()
            .files()
            .map(|(_, f)| f.name.as_str())
            .filter(|n| *n != QUERY_FILE && *n != WHATIF_FILE)
            .collect();
        if !files.is_empty() {
            out.push_str("<p class=\"files\">From ");
            for (i, f) in files.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str("<code>");
                push_escaped(out, f);
                out.push_str("</code>");
            }
            out.push_str(".</p>\n");
        }
        if let Some(w) = &self.table.hypothetical {
            out.push_str("<p class=\"hypothetical\"><strong>Hypothetical.</strong> ");
            push_escaped(out, &w.describe());
            out.push_str(
                ". A verdict that the changes alter reads <em>was → now</em> and is marked.</p>\n",
            );
        }
        if let Some(note) = &self.opts.note {
            out.push_str("<p class=\"hypothetical\">");
            push_escaped(out, note);
            out.push_str("</p>\n");
        }
        if !intro.is_empty() {
            out.push_str("<pre class=\"intro\">");
            push_escaped(out, intro);
            out.push_str("</pre>\n");
        }
        out.push_str("<nav aria-label=\"Contents\"><h2>Contents</h2><ol>\n");
        out.push_str(
            "<li><a href=\"#positions\">The positions</a></li>\n\
             <li><a href=\"#verdicts\">The verdicts</a></li>\n",
        );
        for (i, g) in self.table.queries.iter().enumerate() {
            let _ = write!(out, "<li><a href=\"#q{}\">", i + 1);
            push_escaped(out, g.text.as_deref().unwrap_or(&g.query));
            out.push_str("</a></li>\n");
        }
        out.push_str("<li><a href=\"#sources\">Sources</a></li>\n</ol></nav>\n</header>\n");
    }

    fn legend(&self, out: &mut String) {
        out.push_str(
            "<section id=\"positions\">\n<h2>The positions</h2>\n<p>Each position is a party's \
             or a court's view: common ground plus the rules it adds, the priorities it sets \
             and the arguments it rejects.</p>\n<dl class=\"positions\">\n",
        );
        for c in &self.table.positions {
            out.push_str("<dt><code>");
            push_escaped(out, &c.name);
            out.push_str("</code></dt><dd>");
            match (&c.title, c.id.0) {
                (Some(t), _) => push_escaped(out, t),
                (None, 0) => out.push_str(
                    "Common ground: every statement outside the positions, with no party's \
                     priorities.",
                ),
                (None, _) => out.push_str("(no title)"),
            }
            out.push_str("</dd>\n");
        }
        out.push_str("</dl>\n</section>\n");
    }

    fn verdicts(&self, out: &mut String) {
        out.push_str(
            "<section id=\"verdicts\">\n<h2>The verdicts</h2>\n<p class=\"key\">\
             <span class=\"v v-holds\">✓ holds</span>: the conclusion follows under that \
             position. <span class=\"v v-denied\">✗ denied</span>: its negation follows. \
             <span class=\"v v-undecided\">? undecided</span>: neither; the reason is given. \
             <em>strictly</em>: by facts and strict rules alone.</p>\n\
             <div class=\"scroll\">\n<table class=\"verdicts\">\n<thead><tr>\
             <th scope=\"col\">Question</th>",
        );
        for c in &self.table.positions {
            out.push_str("<th scope=\"col\"");
            if let Some(t) = &c.title {
                out.push_str(" title=\"");
                push_escaped(out, t);
                out.push('"');
            }
            out.push('>');
            push_breakable(out, &c.name);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let cols = self.table.positions.len() + 1;
        for (qi, g) in self.table.queries.iter().enumerate() {
            let single = g.results.len() == 1;
            if !single {
                let _ = write!(
                    out,
                    "<tr class=\"group\"><th scope=\"colgroup\" colspan=\"{cols}\"><a href=\"#q{}\">",
                    qi + 1
                );
                push_escaped(out, g.text.as_deref().unwrap_or("Query"));
                out.push_str("</a> <code>");
                push_escaped(out, &g.query);
                out.push_str("</code>");
                if g.results.is_empty() {
                    out.push_str(" — no literal matches it");
                }
                out.push_str("</th></tr>\n");
            }
            for r in &g.results {
                out.push_str("<tr><th scope=\"row\">");
                if single {
                    let _ = write!(out, "<a href=\"#q{}\">", qi + 1);
                    push_escaped(out, g.text.as_deref().unwrap_or(&g.query));
                    out.push_str("</a><br>");
                }
                out.push_str("<code>");
                push_breakable(out, &r.literal);
                out.push_str("</code></th>");
                for cell in &r.verdicts {
                    cell_html(out, &r.literal, cell);
                }
                out.push_str("</tr>\n");
            }
        }
        out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }

    fn question(&mut self, out: &mut String, qi: usize) {
        let g = self.table.queries[qi].clone();
        let _ = write!(
            out,
            "<section class=\"question\" id=\"q{n}\">\n<h2><span class=\"qnum\">{n}.</span> ",
            n = qi + 1
        );
        push_escaped(out, g.text.as_deref().unwrap_or(&g.query));
        out.push_str("</h2>\n<p class=\"pattern\">Query <code>");
        push_escaped(out, &g.query);
        out.push_str("</code>");
        if g.results.is_empty() {
            out.push_str(": no literal of the theory matches it.");
        }
        out.push_str("</p>\n");
        let query = &self.queries[qi];
        let matches = self.e.matches(query);
        for (ri, row) in g.results.iter().enumerate() {
            let m = matches
                .iter()
                .find(|m| m.literal == row.literal)
                .cloned()
                .unwrap_or_else(|| row.literal_match());
            if g.results.len() > 1 {
                out.push_str("<h3 class=\"literal\"><code>");
                push_escaped(out, &row.literal);
                out.push_str("</code></h3>\n");
            }
            if let Some(s) = &row.sentence {
                out.push_str("<p class=\"sentence\">");
                push_escaped(out, s);
                out.push_str("</p>\n");
            }
            out.push_str("<div class=\"strip\">");
            for cell in &row.verdicts {
                out.push_str("<span class=\"chip\"><code>");
                push_escaped(out, &cell.position);
                out.push_str("</code> ");
                badge(out, &cell.status, &cell.text());
                out.push_str("</span> ");
            }
            out.push_str("</div>\n<h3>Why, position by position</h3>\n");
            for (ci, &p) in self.positions.clone().iter().enumerate() {
                self.explanation(out, p, &m, &row.verdicts[ci]);
            }
            // The positions grouped by verdict, in column order.
            let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
            for (ci, cell) in row.verdicts.iter().enumerate() {
                let t = cell.status.text();
                match groups.iter_mut().find(|(s, _)| *s == t) {
                    Some((_, v)) => v.push(ci),
                    None => groups.push((t, vec![ci])),
                }
            }
            if groups.len() > 1 {
                self.graph(out, &m, &groups, qi, ri);
                self.crux(out, &row.literal, &row.verdicts);
            } else {
                out.push_str(
                    "<p class=\"agree\">Every position gives the same verdict: no graph or crux \
                     to compare.</p>\n",
                );
            }
        }
        out.push_str("</section>\n");
    }

    fn explanation(&mut self, out: &mut String, p: PositionId, m: &Match, cell: &Cell) {
        self.explained += 1;
        let k = self.explained;
        let _ = write!(out, "<article class=\"why\" id=\"x{k}\">\n<h4><code>");
        push_escaped(out, self.e.position_name(p));
        out.push_str("</code> ");
        badge(out, &cell.status, &cell.text());
        out.push_str("</h4>\n");
        let x = match self.e.explain(p, m, &self.opts.explain) {
            Ok(x) => x,
            Err(d) => {
                out.push_str("<p class=\"note\">This explanation was not built: ");
                push_escaped(out, &d.message);
                out.push_str("</p>\n</article>\n");
                return;
            }
        };
        let local = self.notes.register(&x);
        let notes = (&local[..], &self.notes.list[..]);
        out.push_str("<p class=\"headline\">");
        prose(out, &x.headline, notes);
        out.push_str("</p>\n");
        if !x.decisive.is_empty() {
            out.push_str("<ul class=\"decisive\">\n");
            for d in &x.decisive {
                let _ = write!(out, "<li class=\"d{}\">", d.depth.min(4));
                prose(out, &d.text, notes);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        let _ = writeln!(
            out,
            "<details class=\"reasoning\"><summary>The reasoning, step by step ({} step{})</summary>",
            x.nodes.len(),
            if x.nodes.len() == 1 { "" } else { "s" }
        );
        tree(out, &x, k, notes);
        out.push_str("</details>\n</article>\n");
    }

    fn graph(
        &mut self,
        out: &mut String,
        m: &Match,
        groups: &[(String, Vec<usize>)],
        qi: usize,
        ri: usize,
    ) {
        let Some(root) = m.lit else {
            return;
        };
        out.push_str("<h3>The argument graph</h3>\n");
        let reps: Vec<PositionId> = groups.iter().map(|(_, v)| self.positions[v[0]]).collect();
        let graphs: Vec<Graph> = reps
            .iter()
            .map(|&p| self.e.graph(p, Some(std::slice::from_ref(m))))
            .collect();
        let differs = |l: u32| {
            let first = self.e.status_of(reps[0].0, Some(Lit(l)));
            reps[1..]
                .iter()
                .any(|p| self.e.status_of(p.0, Some(Lit(l))) != first)
        };
        let union = Union::of(&graphs).disputed(root, differs);
        let count = union.lits.len() + union.rules.len();
        let layout = if count <= self.opts.max_graph_nodes {
            layout(&union, root)
        } else {
            None
        };
        let Some(layout) = layout else {
            let why = if count > self.opts.max_graph_nodes {
                format!(
                    "more than this handout draws (at most {} in one graph)",
                    self.opts.max_graph_nodes
                )
            } else {
                format!(
                    "few enough, but its lines skip so many columns that drawing them would take \
                     more than {MAX_LAYOUT_POINTS} points, more than this handout draws"
                )
            };
            let _ = writeln!(
                out,
                "<p class=\"too-large\" data-graph-nodes=\"{count}\">This argument graph has \
                 {count} literals and rules: {why}. Read the explanations above; \
                 <code>argcheck graph</code> gives the whole graph for Graphviz.</p>"
            );
            return;
        };
        out.push_str(
            "<p class=\"graph-intro\">Where the argument is disputed, premises on the left and \
             the question on the right: the rules for and against the question, their premises, \
             and the same again for each premise on which the positions differ (a premise they \
             agree on is not taken further; <code>argcheck graph</code> draws everything). It is \
             drawn once for each verdict, under the first position that gives it, with the same \
             layout each time, so that what changes stands out.</p>\n",
        );
        for ((status, cols), (g, &p)) in groups.iter().zip(graphs.iter().zip(&reps)) {
            self.graphs += 1;
            let id = format!("g{}-{}-{}", qi + 1, ri + 1, self.graphs);
            out.push_str("<figure class=\"graph\">\n<figcaption>Under <code>");
            push_escaped(out, self.e.position_name(p));
            out.push_str("</code>: ");
            push_escaped(out, status);
            if cols.len() > 1 {
                out.push_str(" (the verdict of ");
                for (i, &c) in cols.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str("<code>");
                    push_escaped(out, self.e.position_name(self.positions[c]));
                    out.push_str("</code>");
                }
                out.push(')');
            }
            out.push_str("</figcaption>\n<div class=\"graph-wrap\">");
            svg(out, self.e, p, g, &union, &layout, &id);
            out.push_str("</div>\n</figure>\n");
        }
        out.push_str(GRAPH_KEY);
    }

    fn crux(&mut self, out: &mut String, literal: &str, cells: &[Cell]) {
        out.push_str(
            "<h3>Where the positions part ways</h3>\n<table class=\"crux\">\n<thead><tr>\
             <th scope=\"col\">Positions</th><th scope=\"col\">Crux: the statements one has and \
             the other lacks, among those the question depends on</th></tr></thead>\n<tbody>\n",
        );
        let atom = literal.strip_prefix('~').unwrap_or(literal);
        for i in 0..cells.len() {
            for j in i + 1..cells.len() {
                if cells[i].status == cells[j].status {
                    continue;
                }
                let (pa, pb) = (self.positions[i], self.positions[j]);
                let (e, queries) = (self.e, &self.queries);
                // The crux is searched for the questions' literals only, as the page shows no other.
                let d = self.diffs.entry((i, j)).or_insert_with(|| {
                    let asked: Vec<_> = queries.iter().flat_map(|q| e.matches(q)).collect();
                    e.diff(pa, pb, Some(&asked))
                });
                out.push_str("<tr><th scope=\"row\"><code>");
                push_escaped(out, &d.a);
                out.push_str("</code> ");
                badge(out, &cells[i].status, &cells[i].status.text());
                out.push_str("<br>vs <code>");
                push_escaped(out, &d.b);
                out.push_str("</code> ");
                badge(out, &cells[j].status, &cells[j].status.text());
                out.push_str("</th><td>");
                match d.differences.iter().find(|x| x.literal == atom) {
                    Some(x) if !x.crux.is_empty() => {
                        out.push_str("<ul>");
                        for c in &x.crux {
                            out.push_str("<li>");
                            prose(out, c, (&[], &[]));
                            out.push_str("</li>");
                        }
                        out.push_str("</ul>");
                    }
                    _ => out.push_str(
                        "None found among the statements it depends on (the difference comes \
                         from further away).",
                    ),
                }
                out.push_str("</td></tr>\n");
            }
        }
        out.push_str("</tbody>\n</table>\n");
    }

    fn sources(&self, out: &mut String) {
        out.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n");
        if self.notes.list.is_empty() {
            out.push_str("<p>No explanation on this page cites a source.</p>\n");
        } else {
            out.push_str("<ol class=\"sources\">\n");
            for (i, (name, citation)) in self.notes.list.iter().enumerate() {
                let _ = write!(out, "<li id=\"src-{}\"><code>", i + 1);
                push_escaped(out, name);
                out.push_str("</code>: ");
                push_escaped(out, citation);
                out.push_str("</li>\n");
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</section>\n");
    }
}

/// The title (first line) and the rest of the leading `#` comment block of a file, without its
/// rules of `=` or `-`.
fn header_comment(text: &str) -> (Option<String>, String) {
    let mut lines = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines() {
        let t = line.trim_start();
        let Some(c) = t.strip_prefix('#') else {
            break;
        };
        let c = c.strip_prefix(' ').unwrap_or(c).trim_end();
        let rule = c.chars().count() >= 3 && c.chars().all(|ch| "=-*#~_ ".contains(ch));
        if !rule {
            lines.push(c);
        }
    }
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let Some(first) = first else {
        return (None, String::new());
    };
    let title = lines[first]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let rest = &lines[first + 1..];
    let start = rest.iter().position(|l| !l.trim().is_empty());
    let end = rest.iter().rposition(|l| !l.trim().is_empty());
    let body = match (start, end) {
        (Some(s), Some(e)) => rest[s..=e].join("\n"),
        _ => String::new(),
    };
    (Some(title), body)
}

/// A name whose `_` may break a line (long position names in narrow columns).
fn push_breakable(out: &mut String, name: &str) {
    for (i, part) in name.split('_').enumerate() {
        if i > 0 {
            out.push_str("_<wbr>");
        }
        push_escaped(out, part);
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "v-holds",
        Verdict::Denied => "v-denied",
        Verdict::Undecided => "v-undecided",
    }
}

fn verdict_icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "✓",
        Verdict::Denied => "✗",
        Verdict::Undecided => "?",
    }
}

/// A verdict as a coloured word with its icon.
fn badge(out: &mut String, s: &Status, text: &str) {
    let _ = write!(
        out,
        "<span class=\"v {}\"><span aria-hidden=\"true\">{}</span> ",
        verdict_class(s.verdict),
        verdict_icon(s.verdict)
    );
    push_escaped(out, text);
    out.push_str("</span>");
}

/// A cell of the verdict table, with the hooks scripts and tests read.
fn cell_html(out: &mut String, literal: &str, cell: &Cell) {
    let changed = cell.was.is_some();
    let _ = write!(
        out,
        "<td class=\"v {}{}\" data-literal=\"",
        verdict_class(cell.status.verdict),
        if changed { " changed" } else { "" }
    );
    push_escaped(out, literal);
    out.push_str("\" data-position=\"");
    push_escaped(out, &cell.position);
    let _ = write!(
        out,
        "\" data-verdict=\"{}\" data-status=\"",
        cell.status.verdict.as_str()
    );
    push_escaped(out, &cell.status.text());
    out.push('"');
    if let Some(was) = &cell.was {
        out.push_str(" data-changed=\"");
        push_escaped(out, &was.text());
        out.push('"');
    }
    let _ = write!(
        out,
        "><span aria-hidden=\"true\">{}</span> ",
        verdict_icon(cell.status.verdict)
    );
    push_escaped(out, &cell.text());
    out.push_str("</td>");
}

/// Prose of an explanation: `code` spans become `<code>`, footnote markers ` [n]` (n among the
/// explanation's own) become links to the page's list of sources, renumbered; the rest is
/// escaped. `notes`: the page number of each of the explanation's footnotes, and the page's list.
fn prose(out: &mut String, text: &str, notes: (&[usize], &[(String, String)])) {
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            push_escaped(out, part);
            out.push_str("</code>");
            continue;
        }
        let mut rest = part;
        while let Some(at) = rest.find(" [") {
            let after = &rest[at + 2..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let n: usize = after[..digits].parse().unwrap_or(0);
            if digits > 0 && after[digits..].starts_with(']') && (1..=notes.0.len()).contains(&n) {
                let global = notes.0[n - 1];
                push_escaped(out, &rest[..at]);
                let _ = write!(out, " <a class=\"fn\" href=\"#src-{global}\" title=\"");
                if let Some((name, citation)) = notes.1.get(global - 1) {
                    push_escaped(out, &format!("{name}: {citation}"));
                }
                let _ = write!(out, "\">[{global}]</a>");
                rest = &after[digits + 1..];
            } else {
                push_escaped(out, &rest[..at + 2]);
                rest = after;
            }
        }
        push_escaped(out, rest);
    }
}

/// The tree of an explanation as nested lists, each literal with reasons a `<details>` (open: the
/// whole tree shows once its outer `<details>` is opened, and each part folds). Built with an
/// explicit stack, so that depth costs no recursion; a literal explained earlier refers back to
/// its number.
fn tree(out: &mut String, x: &Explanation, k: usize, notes: (&[usize], &[(String, String)])) {
    let text = TextOptions {
        width: usize::MAX,
        literals: false,
        sources: true,
    };
    let mut refs = vec![0u32; x.nodes.len()];
    refs[x.root] += 1;
    for n in &x.nodes {
        for &c in &n.children {
            refs[c] += 1;
        }
    }
    let mut number = vec![0usize; x.nodes.len()];
    let mut next = 1;
    let mut printed = vec![false; x.nodes.len()];
    enum Item {
        Open(usize, usize),
        Close(&'static str),
    }
    out.push_str("<ul class=\"tree\">\n");
    let mut stack = vec![Item::Open(x.root, 0)];
    while let Some(item) = stack.pop() {
        let (id, depth) = match item {
            Item::Close(s) => {
                out.push_str(s);
                continue;
            }
            Item::Open(id, depth) => (id, depth),
        };
        let node: &Node = &x.nodes[id];
        let lit_status = match &node.step {
            Step::Literal { status, .. } => Some(status),
            _ => None,
        };
        let class = if lit_status.is_some() {
            " class=\"lit\""
        } else {
            ""
        };
        let deep = if depth > MAX_NESTING {
            format!("<span class=\"depth\">[depth {depth}]</span> ")
        } else {
            String::new()
        };
        if lit_status.is_some() && printed[id] {
            let _ = write!(
                out,
                "<li{class}>{deep}<a href=\"#x{k}-n{id}\">#{}</a> ",
                number[id]
            );
            push_escaped(out, &x.display(node, &text));
            out.push_str(" (explained above)</li>\n");
            continue;
        }
        printed[id] = true;
        let mut line = String::new();
        if lit_status.is_some() && refs[id] > 1 {
            number[id] = next;
            next += 1;
            let _ = write!(line, "<span class=\"num\">#{}</span> ", number[id]);
        }
        match lit_status {
            // The literal, then its verdict as a badge, as in the table.
            Some(st) => {
                push_escaped(&mut line, &x.display(node, &text));
                line.push(' ');
                badge(&mut line, st, &st.text());
            }
            None => prose(&mut line, &x.line(node, &text), notes),
        }
        let anchor = if lit_status.is_some() {
            format!(" id=\"x{k}-n{id}\"")
        } else {
            String::new()
        };
        if node.children.is_empty() {
            let _ = writeln!(out, "<li{class}{anchor}>{deep}{line}</li>");
            continue;
        }
        if depth >= MAX_NESTING {
            // Too deep to nest: the children follow as siblings, each with its depth.
            let _ = writeln!(out, "<li{class}{anchor}>{deep}{line}</li>");
        } else if lit_status.is_some() {
            let _ = writeln!(
                out,
                "<li class=\"lit fold\"{anchor}><details open><summary>{line}</summary><ul>"
            );
            stack.push(Item::Close("</ul></details></li>\n"));
        } else {
            let _ = writeln!(out, "<li{class}{anchor}>{line}<ul>");
            stack.push(Item::Close("</ul></li>\n"));
        }
        for &c in node.children.iter().rev() {
            stack.push(Item::Open(c, depth + 1));
        }
    }
    out.push_str("</ul>\n");
}

// ------------------------------------------------------------------------------------------------
// The argument graph: the union of the graphs to draw, its layout, and SVG.

/// A node of a graph: a literal or a ground rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum GNode {
    Lit(u32),
    Rule(u32),
}

fn parse_node(s: &str) -> Option<GNode> {
    let n = s.get(1..)?.parse().ok()?;
    match s.as_bytes().first()? {
        b'l' => Some(GNode::Lit(n)),
        b'r' => Some(GNode::Rule(n)),
        _ => None,
    }
}

/// The literals, rules and edges of several positions' graphs of one question: one layout serves
/// them all.
struct Union {
    lits: BTreeMap<u32, String>,
    rules: BTreeMap<u32, (String, Arrow)>,
    /// (from, to, attack)
    edges: BTreeSet<(GNode, GNode, bool)>,
}

impl Union {
    fn of(graphs: &[Graph]) -> Union {
        let mut u = Union {
            lits: BTreeMap::new(),
            rules: BTreeMap::new(),
            edges: BTreeSet::new(),
        };
        for g in graphs {
            for (l, text, _) in &g.lits {
                u.lits.entry(l.0).or_insert_with(|| text.clone());
            }
            for (r, label, kind, _) in &g.rules {
                u.rules.entry(*r).or_insert_with(|| (label.clone(), *kind));
            }
            for (from, to, kind) in &g.edges {
                if let (Some(a), Some(b)) = (parse_node(from), parse_node(to)) {
                    let attack = matches!(kind, EdgeKind::Attack | EdgeKind::BeatenAttack);
                    u.edges.insert((a, b, attack));
                }
            }
        }
        u
    }

    /// The disputed part: from `root`, the rules for and against each literal, their premises,
    /// and, recursively, the same for each premise on which the positions `differ`; a premise
    /// they agree on is a leaf.
    fn disputed(self, root: Lit, differs: impl Fn(u32) -> bool) -> Union {
        let mut rules_for: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut body: HashMap<u32, Vec<u32>> = HashMap::new();
        for &(a, b, _) in &self.edges {
            match (a, b) {
                (GNode::Rule(r), GNode::Lit(l)) => rules_for.entry(l).or_default().push(r),
                (GNode::Lit(l), GNode::Rule(r)) => body.entry(r).or_default().push(l),
                _ => {}
            }
        }
        let mut lits: BTreeSet<u32> = BTreeSet::new();
        let mut rules: BTreeSet<u32> = BTreeSet::new();
        let mut expanded: BTreeSet<u32> = BTreeSet::new();
        let mut stack = vec![root.0 & !1];
        while let Some(atom) = stack.pop() {
            if !expanded.insert(atom) {
                continue;
            }
            for l in [atom, atom | 1] {
                if !self.lits.contains_key(&l) {
                    continue;
                }
                lits.insert(l);
                for &r in rules_for.get(&l).map_or(&[][..], |v| &v[..]) {
                    if !rules.insert(r) {
                        continue;
                    }
                    for &b in body.get(&r).map_or(&[][..], |v| &v[..]) {
                        lits.insert(b);
                        if differs(b) || differs(b ^ 1) {
                            stack.push(b & !1);
                        }
                    }
                }
            }
        }
        let keep = |n: GNode| match n {
            GNode::Lit(l) => lits.contains(&l),
            GNode::Rule(r) => rules.contains(&r),
        };
        Union {
            edges: self
                .edges
                .iter()
                .copied()
                .filter(|&(a, b, _)| keep(a) && keep(b))
                .collect(),
            lits: self
                .lits
                .into_iter()
                .filter(|(l, _)| lits.contains(l))
                .collect(),
            rules: self
                .rules
                .into_iter()
                .filter(|(r, _)| rules.contains(r))
                .collect(),
        }
    }
}

const FONT: f64 = 11.0;
/// The advance of one character of the monospace font, in pixels (0.6 em); text is also fitted
/// with `textLength`, so a font a little wider or narrower still stays inside its box.
const CHAR_W: f64 = FONT * 0.6;
const LINE_H: f64 = 14.0;
const PAD: f64 = 6.0;
const WRAP: usize = 30;
const MAX_LINES: usize = 4;
const COL_GAP: f64 = 64.0;
const ROW_GAP: f64 = 14.0;
const MARGIN: f64 = 12.0;

/// A box of the layout: an atom (a literal and its complement, stacked) or a rule; or a bend point
/// of an edge that skips layers.
struct Block {
    column: usize,
    width: f64,
    height: f64,
    /// Literal boxes (lit, top offset, height) of an atom; empty for a rule or a bend.
    lits: Vec<(u32, f64, f64)>,
    rule: Option<u32>,
    y: f64,
}

struct Layout {
    blocks: Vec<Block>,
    /// Per edge of the union (in its order): the blocks it passes through, from its source.
    routes: Vec<Vec<usize>>,
    column_x: Vec<f64>,
    column_w: Vec<f64>,
    width: f64,
    height: f64,
}

/// Wrap a label at `, ` and `(` to lines of at most [`WRAP`] characters (longer words are cut),
/// at most [`MAX_LINES`] lines, the last one ending in `…` when text is left out.
fn wrap_label(s: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        cur.push(c);
        if c == '(' || c == ' ' {
            pieces.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for p in pieces {
        let mut p = p.as_str();
        loop {
            let room = WRAP - line.chars().count();
            let n = p.chars().count();
            if n <= room {
                line.push_str(p);
                break;
            }
            if !line.is_empty() && n <= WRAP {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                continue;
            }
            let cut = p.char_indices().nth(room).map_or(p.len(), |(i, _)| i);
            line.push_str(&p[..cut]);
            lines.push(std::mem::take(&mut line));
            p = &p[cut..];
            if p.is_empty() {
                break;
            }
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        let keep: String = last.chars().take(WRAP - 1).collect();
        *last = format!("{keep}…");
    }
    lines
}

fn text_width(lines: &[String]) -> f64 {
    lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * CHAR_W
}

/// The box of a literal: its wrapped text and a line for its verdict.
fn lit_box(text: &str) -> (f64, f64) {
    let lines = wrap_label(text);
    // Room for the longest verdict, `undecided (blocked by a defeater)`, whatever the position.
    let w = text_width(&lines).max(33.0 * CHAR_W) + 2.0 * PAD;
    let h = (lines.len() + 1) as f64 * LINE_H + 2.0 * PAD;
    (w, h)
}

fn rule_label(label: &str, kind: Arrow) -> String {
    format!("{label} {}", kind.as_str())
}

fn rule_box(label: &str, kind: Arrow) -> (f64, f64) {
    let lines = wrap_label(&rule_label(label, kind));
    // Room for the longest state, `not in this position`.
    let w = text_width(&lines).max(20.0 * CHAR_W) + 2.0 * PAD;
    let h = (lines.len() + 1) as f64 * LINE_H + 2.0 * PAD;
    (w, h)
}

/// Lay the union out from left to right, `root`'s atom in the last column; `None` past
/// [`MAX_LAYOUT_POINTS`].
fn layout(u: &Union, root: Lit) -> Option<Layout> {
    // Blocks: atoms first (by atom), then rules.
    let mut blocks: Vec<Block> = Vec::new();
    let mut atom_block: BTreeMap<u32, usize> = BTreeMap::new();
    for (&l, text) in &u.lits {
        let b = *atom_block.entry(l / 2).or_insert_with(|| {
            blocks.push(Block {
                column: 0,
                width: 0.0,
                height: 0.0,
                lits: Vec::new(),
                rule: None,
                y: 0.0,
            });
            blocks.len() - 1
        });
        let (w, h) = lit_box(text);
        let blk = &mut blocks[b];
        blk.width = blk.width.max(w);
        // Positive literal first: literals come in id order, and the positive one's id is even.
        let top = if blk.lits.is_empty() {
            0.0
        } else {
            blk.height + 4.0
        };
        blk.lits.push((l, top, h));
        blk.height = top + h;
    }
    let mut rule_block: BTreeMap<u32, usize> = BTreeMap::new();
    for (&r, (label, kind)) in &u.rules {
        let (w, h) = rule_box(label, *kind);
        blocks.push(Block {
            column: 0,
            width: w,
            height: h,
            lits: Vec::new(),
            rule: Some(r),
            y: 0.0,
        });
        rule_block.insert(r, blocks.len() - 1);
    }
    let block_of = |n: GNode| match n {
        GNode::Lit(l) => atom_block.get(&(l / 2)).copied(),
        GNode::Rule(r) => rule_block.get(&r).copied(),
    };
    let real = blocks.len();
    // Edges between blocks (deduplicated), for layering.
    let edges: Vec<(usize, usize)> = u
        .edges
        .iter()
        .filter_map(|&(a, b, _)| Some((block_of(a)?, block_of(b)?)))
        .filter(|(a, b)| a != b)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut succ = vec![Vec::new(); real];
    for &(a, b) in &edges {
        succ[a].push(b);
    }
    // Break cycles: an iterative depth-first search; an edge to a block on the stack is reversed.
    let mut state = vec![0u8; real]; // 0 new, 1 on the stack, 2 done
    let mut reversed: BTreeSet<(usize, usize)> = BTreeSet::new();
    let root_block = atom_block.get(&(root.0 / 2)).copied();
    let starts: Vec<usize> = (0..real).rev().collect();
    for s in starts {
        if state[s] != 0 {
            continue;
        }
        let mut stack = vec![(s, 0usize)];
        state[s] = 1;
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if top.1 < succ[v].len() {
                let w = succ[v][top.1];
                top.1 += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => {
                        reversed.insert((v, w));
                    }
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    let oriented: Vec<(usize, usize)> = edges
        .iter()
        .map(|&(a, b)| {
            if reversed.contains(&(a, b)) {
                (b, a)
            } else {
                (a, b)
            }
        })
        .collect();
    // Longest path to a sink (the question's atom is one): rank 0 on the right.
    let mut out_edges = vec![Vec::new(); real];
    let mut indeg = vec![0usize; real];
    for &(a, b) in &oriented {
        out_edges[a].push(b);
        indeg[b] += 1;
    }
    let mut order = Vec::with_capacity(real);
    let mut queue: Vec<usize> = (0..real).filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = queue.pop() {
        order.push(v);
        for &w in &out_edges[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push(w);
            }
        }
    }
    let mut rank = vec![0usize; real];
    for &v in order.iter().rev() {
        rank[v] = out_edges[v].iter().map(|&w| rank[w] + 1).max().unwrap_or(0);
    }
    if let Some(rb) = root_block {
        // The question's atom on the far right even if it also feeds a rule (a loop).
        rank[rb] = 0;
    }
    let columns = rank.iter().max().map_or(1, |m| m + 1);
    for (b, blk) in blocks.iter_mut().enumerate() {
        blk.column = columns - 1 - rank[b];
    }
    // Routes: every union edge through bend points in the columns it skips.
    let mut routes: Vec<Vec<usize>> = Vec::with_capacity(u.edges.len());
    let mut bends: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for &(a, b, _) in &u.edges {
        let (Some(ba), Some(bb)) = (block_of(a), block_of(b)) else {
            routes.push(Vec::new());
            continue;
        };
        let (from, to) = if blocks[ba].column <= blocks[bb].column {
            (ba, bb)
        } else {
            (bb, ba)
        };
        let mut route = vec![from];
        let (c0, c1) = (blocks[from].column, blocks[to].column);
        if c1 > c0 + 1 {
            // Edges between the same two blocks share their bend points.
            let shared = bends.entry((from, to)).or_insert_with(|| {
                (c0 + 1..c1)
                    .map(|c| {
                        blocks.push(Block {
                            column: c,
                            width: 0.0,
                            height: 2.0,
                            lits: Vec::new(),
                            rule: None,
                            y: 0.0,
                        });
                        blocks.len() - 1
                    })
                    .collect()
            });
            route.extend(shared.iter().copied());
            if blocks.len() > MAX_LAYOUT_POINTS {
                return None;
            }
        }
        route.push(to);
        if blocks[ba].column > blocks[bb].column {
            route.reverse();
        }
        routes.push(route);
    }
    // Neighbours in the adjacent columns, from the routes.
    let n = blocks.len();
    let mut left = vec![Vec::new(); n];
    let mut right = vec![Vec::new(); n];
    for route in &routes {
        for w in route.windows(2) {
            let (a, b) = if blocks[w[0]].column < blocks[w[1]].column {
                (w[0], w[1])
            } else {
                (w[1], w[0])
            };
            if blocks[b].column == blocks[a].column + 1 {
                right[a].push(b);
                left[b].push(a);
            }
        }
    }
    // Initial order: depth-first from the right, so that what feeds one rule starts together.
    let mut cols: Vec<Vec<usize>> = vec![Vec::new(); columns];
    let mut seen = vec![false; n];
    let mut stack: Vec<usize> = (0..n)
        .filter(|&b| blocks[b].column == columns - 1)
        .collect();
    stack.reverse();
    let mut visit_order = Vec::with_capacity(n);
    while let Some(b) = stack.pop() {
        if seen[b] {
            continue;
        }
        seen[b] = true;
        visit_order.push(b);
        for &a in left[b].iter().rev() {
            if !seen[a] {
                stack.push(a);
            }
        }
    }
    visit_order.extend((0..n).filter(|&b| !seen[b]));
    for &b in &visit_order {
        cols[blocks[b].column].push(b);
    }
    let mut pos = vec![0.0f64; n];
    let set_pos = |cols: &Vec<Vec<usize>>, pos: &mut Vec<f64>| {
        for c in cols {
            for (i, &b) in c.iter().enumerate() {
                pos[b] = i as f64;
            }
        }
    };
    set_pos(&cols, &mut pos);
    for _ in 0..SWEEPS {
        for col in cols.iter_mut().skip(1) {
            reorder(col, &left, &mut pos);
        }
        for col in cols.iter_mut().rev().skip(1) {
            reorder(col, &right, &mut pos);
        }
    }
    // Vertical placement: stacked, then pulled towards the neighbours' centres.
    for c in &cols {
        let mut y = 0.0;
        for &b in c {
            blocks[b].y = y;
            y += blocks[b].height + gap(&blocks[b]);
        }
    }
    for round in 0..PLACEMENT_ROUNDS {
        let order: Vec<usize> = if round % 2 == 0 {
            (0..columns).collect()
        } else {
            (0..columns).rev().collect()
        };
        for c in order {
            let desired: Vec<f64> = cols[c]
                .iter()
                .map(|&b| {
                    let ns: Vec<usize> = left[b].iter().chain(&right[b]).copied().collect();
                    if ns.is_empty() {
                        blocks[b].y
                    } else {
                        let centre = ns
                            .iter()
                            .map(|&o| blocks[o].y + blocks[o].height / 2.0)
                            .sum::<f64>()
                            / ns.len() as f64;
                        centre - blocks[b].height / 2.0
                    }
                })
                .collect();
            let heights: Vec<(f64, f64)> = cols[c]
                .iter()
                .map(|&b| (blocks[b].height, gap(&blocks[b])))
                .collect();
            let tops = place(&desired, &heights);
            for (&b, y) in cols[c].iter().zip(tops) {
                blocks[b].y = y;
            }
        }
    }
    let min_y = blocks.iter().map(|b| b.y).fold(f64::INFINITY, f64::min);
    let mut height: f64 = 0.0;
    for b in &mut blocks {
        b.y += MARGIN - min_y;
        height = height.max(b.y + b.height);
    }
    let mut column_x = Vec::with_capacity(columns);
    let mut column_w = Vec::with_capacity(columns);
    let mut x = MARGIN;
    for c in &cols {
        let w = c.iter().map(|&b| blocks[b].width).fold(20.0, f64::max);
        column_x.push(x);
        column_w.push(w);
        x += w + COL_GAP;
    }
    Some(Layout {
        blocks,
        routes,
        column_x,
        column_w,
        width: x - COL_GAP + MARGIN,
        height: height + MARGIN,
    })
}

fn gap(b: &Block) -> f64 {
    if b.rule.is_none() && b.lits.is_empty() {
        6.0
    } else {
        ROW_GAP
    }
}

/// Order a column by the barycentre of each block's neighbours in `side` (a block with none keeps
/// its place); a stable sort keeps ties in their order.
fn reorder(col: &mut [usize], side: &[Vec<usize>], pos: &mut [f64]) {
    let key: Vec<(f64, usize)> = col
        .iter()
        .map(|&b| {
            let ns = &side[b];
            let k = if ns.is_empty() {
                pos[b]
            } else {
                ns.iter().map(|&o| pos[o]).sum::<f64>() / ns.len() as f64
            };
            (k, b)
        })
        .collect();
    let mut sorted = key;
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (i, (_, b)) in sorted.into_iter().enumerate() {
        col[i] = b;
        pos[b] = i as f64;
    }
}

/// The tops of a column's blocks, in order, closest (least squares) to `desired` while keeping
/// each `gap` below the block above: isotonic regression by pooling adjacent violators.
fn place(desired: &[f64], sizes: &[(f64, f64)]) -> Vec<f64> {
    // With offset o_i = Σ_{j<i} (h_j + gap_j), top_i = z_i + o_i and the z_i must not decrease.
    let mut offsets = Vec::with_capacity(desired.len());
    let mut o = 0.0;
    for &(h, g) in sizes {
        offsets.push(o);
        o += h + g;
    }
    // Pools of (sum, count, length).
    let mut pools: Vec<(f64, f64, usize)> = Vec::new();
    for (d, o) in desired.iter().zip(&offsets) {
        pools.push((d - o, 1.0, 1));
        while pools.len() > 1 {
            let (s2, c2, n2) = pools[pools.len() - 1];
            let (s1, c1, n1) = pools[pools.len() - 2];
            if s1 / c1 <= s2 / c2 {
                break;
            }
            pools.pop();
            let last = pools.len() - 1;
            pools[last] = (s1 + s2, c1 + c2, n1 + n2);
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (s, c, n) in pools {
        for _ in 0..n {
            let i = out.len();
            out.push(s / c + offsets[i]);
        }
    }
    out
}

/// One position's graph in the shared layout, as inline SVG. What the position does not have
/// (a rule it rejects, a literal it never reaches) is drawn faded.
fn svg(
    out: &mut String,
    e: &Evaluation,
    p: PositionId,
    g: &Graph,
    u: &Union,
    lay: &Layout,
    id: &str,
) {
    let here_lits: BTreeSet<u32> = g.lits.iter().map(|(l, _, _)| l.0).collect();
    let here_rules: HashMap<u32, bool> = g.rules.iter().map(|(r, _, _, a)| (*r, *a)).collect();
    let mut here_edges: HashMap<(GNode, GNode), EdgeKind> = HashMap::new();
    for (from, to, kind) in &g.edges {
        if let (Some(a), Some(b)) = (parse_node(from), parse_node(to)) {
            here_edges.insert((a, b), *kind);
        }
    }
    let beaten: BTreeSet<u32> = g
        .edges
        .iter()
        .filter(|(_, _, k)| *k == EdgeKind::BeatenAttack)
        .filter_map(|(f, _, _)| match parse_node(f) {
            Some(GNode::Rule(r)) => Some(r),
            _ => None,
        })
        .collect();
    let _ = write!(
        out,
        "<svg class=\"graph\" width=\"{w:.0}\" height=\"{h:.0}\" \
         viewBox=\"0 0 {w:.0} {h:.0}\" role=\"img\" aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">\
         Argument graph under ",
        w = lay.width,
        h = lay.height
    );
    push_escaped(out, e.position_name(p));
    let _ = writeln!(
        out,
        "</title><defs>\
         <marker id=\"{id}-a\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" class=\"head\"/></marker>\
         <marker id=\"{id}-x\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" \
         markerHeight=\"8\" orient=\"auto\"><path d=\"M9,0L9,10\" class=\"bar\"/></marker></defs>"
    );
    // Where an edge leaves and enters a block: the literal's own box within an atom.
    let anchor = |b: usize, n: GNode| -> f64 {
        let blk = &lay.blocks[b];
        match n {
            GNode::Lit(l) => blk
                .lits
                .iter()
                .find(|(x, _, _)| *x == l)
                .map_or(blk.y + blk.height / 2.0, |(_, top, h)| {
                    blk.y + top + h / 2.0
                }),
            GNode::Rule(_) => blk.y + blk.height / 2.0,
        }
    };
    let left_x = |b: usize| {
        let blk = &lay.blocks[b];
        lay.column_x[blk.column] + (lay.column_w[blk.column] - blk.width) / 2.0
    };
    for (route, &(a, b, attack)) in lay.routes.iter().zip(&u.edges) {
        if route.len() < 2 {
            continue;
        }
        // Points from left to right: along its own column from a box's side to the column's edge,
        // across each gap between columns in a curve, straight through each column it skips (its
        // bend point has that height of the column to itself). So no edge crosses a box.
        let forward = lay.blocks[route[0]].column <= lay.blocks[route[route.len() - 1]].column;
        let (left_node, right_node) = if forward { (a, b) } else { (b, a) };
        let mut lr = route.clone();
        if !forward {
            lr.reverse();
        }
        let col_edges = |bk: usize| {
            let c = lay.blocks[bk].column;
            (lay.column_x[c], lay.column_x[c] + lay.column_w[c])
        };
        let mut pts: Vec<(f64, f64)> = Vec::with_capacity(2 * lr.len());
        let last = lr.len() - 1;
        for (i, &bk) in lr.iter().enumerate() {
            let blk = &lay.blocks[bk];
            let (cl, cr) = col_edges(bk);
            if i == 0 {
                let y = anchor(bk, left_node);
                pts.push((left_x(bk) + blk.width, y));
                pts.push((cr, y));
            } else if i == last {
                let y = anchor(bk, right_node);
                pts.push((cl, y));
                pts.push((left_x(bk), y));
            } else {
                let y = blk.y + blk.height / 2.0;
                pts.push((cl, y));
                pts.push((cr, y));
            }
        }
        if lay.blocks[lr[0]].column == lay.blocks[lr[last]].column {
            // Both ends in one column (a loop through the question): one curve, side to side.
            pts = vec![pts[0], pts[pts.len() - 1]];
        }
        if !forward {
            pts.reverse();
        }
        let kind = here_edges.get(&(a, b)).copied();
        let class = match kind {
            None => "e absent",
            Some(EdgeKind::Body | EdgeKind::Head) => "e support",
            Some(EdgeKind::Attack) => "e attack",
            Some(EdgeKind::BeatenAttack) => "e beaten",
        };
        let marker = match (kind, attack) {
            (None, _) => String::new(),
            (Some(_), true) => format!(" marker-end=\"url(#{id}-x)\""),
            (Some(_), false) => format!(" marker-end=\"url(#{id}-a)\""),
        };
        let mut d = format!("M{:.1},{:.1}", pts[0].0, pts[0].1);
        for (k, w) in pts.windows(2).enumerate() {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if k % 2 == 0 && pts.len() > 2 {
                // Within a column.
                let _ = write!(d, "L{x1:.1},{y1:.1}");
                continue;
            }
            let dx = (x1 - x0) / 2.0;
            let _ = write!(
                d,
                "C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                x0 + dx,
                y0,
                x1 - dx,
                y1,
                x1,
                y1
            );
        }
        let _ = writeln!(out, "<path class=\"{class}\" d=\"{d}\"{marker}/>");
    }
    for (bk, blk) in lay.blocks.iter().enumerate() {
        let x = left_x(bk);
        for &(l, top, h) in &blk.lits {
            let text = &u.lits[&l];
            let here = here_lits.contains(&l);
            let status = e.status_of(p.0, Some(Lit(l)));
            let class = if here {
                format!("n lit {}", verdict_class(status.verdict))
            } else {
                "n lit absent".to_string()
            };
            let _ = write!(out, "<g class=\"{class}\"><title>");
            let sentence = crate::render::sentence(&e.program, &e.ground, Lit(l));
            push_escaped(out, sentence.as_deref().unwrap_or(text));
            let _ = write!(
                out,
                "</title><rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" rx=\"6\"/>",
                blk.y + top,
                blk.width
            );
            let mut lines = wrap_label(text);
            lines.push(if here {
                status.text()
            } else {
                "(not reached here)".to_string()
            });
            text_lines(out, &lines, x + PAD, blk.y + top + PAD);
            out.push_str("</g>\n");
        }
        if let Some(r) = blk.rule {
            let (label, kind) = &u.rules[&r];
            let state = match here_rules.get(&r) {
                None => "not in this position",
                Some(_) if beaten.contains(&r) => "applicable, beaten",
                Some(true) => "applicable",
                Some(false) => "not applicable",
            };
            let class = match here_rules.get(&r) {
                None => "n rule absent",
                Some(true) => "n rule on",
                Some(false) => "n rule off",
            };
            let _ = write!(
                out,
                "<g class=\"{class}\"><title>rule {}: {state}</title><rect x=\"{x:.1}\" y=\"{:.1}\" \
                 width=\"{:.1}\" height=\"{:.1}\"/>",
                escape(label),
                blk.y,
                blk.width,
                blk.height
            );
            let mut lines = wrap_label(&rule_label(label, *kind));
            lines.push(state.to_string());
            text_lines(out, &lines, x + PAD, blk.y + PAD);
            out.push_str("</g>\n");
        }
    }
    out.push_str("</svg>");
}

/// Lines of text from (x, y) down; the last one is the state (a verdict, a rule's state), set
/// apart. Each line is fitted to its computed width with `textLength`.
fn text_lines(out: &mut String, lines: &[String], x: f64, y: f64) {
    for (i, l) in lines.iter().enumerate() {
        let last = i + 1 == lines.len();
        let w = l.chars().count() as f64 * CHAR_W;
        let _ = write!(
            out,
            "<text x=\"{x:.1}\" y=\"{:.1}\"{} textLength=\"{w:.1}\" lengthAdjust=\"spacingAndGlyphs\">",
            y + (i as f64 + 1.0) * LINE_H - 3.0,
            if last { " class=\"state\"" } else { "" }
        );
        push_escaped(out, l);
        out.push_str("</text>");
    }
}

const GRAPH_KEY: &str = "<p class=\"graph-key\">How to read the graph: boxes with rounded \
corners are literals, with their verdict under that position (a literal and its opposite share a \
place); square boxes are rules, with their arrow (<code>-&gt;</code> strict, <code>=&gt;</code> \
defeasible, <code>~&gt;</code> defeater). A solid line with an arrowhead is support (a premise of \
a rule, or a rule's conclusion); a dashed line ending in a bar is an attack on the opposite \
literal; a dotted one, an attack that a superior rule beats. Faded: not part of this position (a \
rule it rejects or does not have).</p>\n";

const CSS: &str = r#":root {
  --ink: #1b1b1f; --muted: #4a4a55; --rule: #c9c9d2; --paper: #ffffff; --band: #f4f4f7;
  --holds-bg: #d7f0de; --holds-ink: #0b3b1c; --holds-line: #2e7d4f;
  --denied-bg: #fbdcdc; --denied-ink: #5e1410; --denied-line: #b3261e;
  --undecided-bg: #fdf0c4; --undecided-ink: #463600; --undecided-line: #9a7b00;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.5; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.5rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-top: 0.6rem; border-top: 2px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.4rem 0 0.4rem; }
h4 { font-size: 1rem; margin: 0 0 0.3rem; font-weight: 600; }
p, li, dd { max-width: 48rem; }
code, pre, .pattern code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.88em; }
code { overflow-wrap: anywhere; }
a { color: #1a4f9c; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; color: var(--muted); margin: 0; }
.files { color: var(--muted); margin: 0 0 1rem; }
.intro { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--band); border-left: 4px solid var(--rule);
  padding: 0.8rem 1rem; font-size: 0.85rem; line-height: 1.45; max-width: 52rem; }
.hypothetical { border: 2px solid var(--ink); padding: 0.5rem 0.8rem; }
nav ol { columns: 2 22rem; font-size: 0.92rem; padding-left: 1.6rem; }
nav h2 { border: 0; font-size: 1.05rem; margin-top: 1rem; }
dl.positions { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
dl.positions dt { font-weight: 600; }
dl.positions dd { margin: 0; }
.v { font-weight: 600; white-space: nowrap; }
span.v { padding: 0.05rem 0.4rem; border-radius: 0.3rem; border: 1px solid; font-size: 0.88em; }
.v-holds { background: var(--holds-bg); color: var(--holds-ink); border-color: var(--holds-line); }
.v-denied { background: var(--denied-bg); color: var(--denied-ink); border-color: var(--denied-line); }
.v-undecided { background: var(--undecided-bg); color: var(--undecided-ink); border-color: var(--undecided-line); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; }
table.verdicts { font-size: 0.85rem; }
table.verdicts th, table.verdicts td { border: 1px solid var(--rule); padding: 0.35rem 0.45rem; vertical-align: top; text-align: left; }
table.verdicts thead th { background: var(--band); font-weight: 600; min-width: 6.5rem; }
table.verdicts tbody th { font-weight: normal; min-width: 15rem; max-width: 24rem; background: var(--paper);
  position: sticky; left: 0; z-index: 1; }
table.verdicts tbody th a { font-weight: 600; color: var(--ink); text-decoration: none; }
table.verdicts td.v { white-space: normal; }
table.verdicts td.changed { outline: 3px double var(--ink); outline-offset: -4px; }
table.verdicts tr.group th { background: var(--band); font-weight: 600; }
.question h2 .qnum { color: var(--muted); }
.pattern { color: var(--muted); margin-top: 0; }
.sentence { font-style: italic; }
.strip { display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem; font-size: 0.85rem; margin: 0.5rem 0; }
.chip { white-space: nowrap; }
article.why, table.crux td, ol.sources { overflow-wrap: anywhere; }
article.why { border-left: 4px solid var(--rule); padding: 0.2rem 0 0.2rem 0.9rem; margin: 0.9rem 0; }
.headline { margin: 0.2rem 0; }
ul.decisive { margin: 0.2rem 0 0.3rem; padding-left: 1.2rem; }
ul.decisive li.d1 { margin-left: 1.2rem; } ul.decisive li.d2 { margin-left: 2.4rem; }
ul.decisive li.d3 { margin-left: 3.6rem; } ul.decisive li.d4 { margin-left: 4.8rem; }
details.reasoning > summary { cursor: pointer; color: #1a4f9c; font-size: 0.92rem; }
ul.tree { font-size: 0.88rem; padding-left: 1.1rem; margin: 0.3rem 0; }
ul.tree ul { padding-left: 1.1rem; border-left: 1px dotted var(--rule); }
ul.tree li { margin: 0.15rem 0; }
ul.tree li.lit { list-style-type: square; }
/* A literal with reasons: its summary's triangle stands where the bullet would. */
ul.tree li.fold { list-style: none; }
ul.tree li.fold > details > summary { margin-left: -1.1em; cursor: pointer; }
ul.tree span.v { font-size: 0.82em; }
.num { font-weight: 600; color: var(--muted); }
.depth { color: var(--muted); font-size: 0.85em; }
a.fn { text-decoration: none; font-size: 0.85em; vertical-align: 0.25em; }
.agree, .note, .graph-intro, .graph-key { color: var(--muted); font-size: 0.92rem; }
.too-large { border: 1px dashed var(--muted); padding: 0.5rem 0.8rem; }
figure.graph { margin: 0.8rem 0 1.2rem; }
figure.graph figcaption { font-size: 0.92rem; margin-bottom: 0.3rem; }
/* Scrolled from the right: the question (the last column) shows first, premises to the left. */
.graph-wrap { overflow-x: auto; border: 1px solid var(--rule); background: #fcfcfd; direction: rtl; }
svg.graph { display: block; direction: ltr; }
svg.graph text { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 11px; fill: var(--ink); }
svg.graph text.state { font-weight: 700; }
svg.graph .n rect { stroke-width: 1.2; }
svg.graph .lit.v-holds rect { fill: var(--holds-bg); stroke: var(--holds-line); }
svg.graph .lit.v-denied rect { fill: var(--denied-bg); stroke: var(--denied-line); }
svg.graph .lit.v-undecided rect { fill: var(--undecided-bg); stroke: var(--undecided-line); stroke-dasharray: 5 3; }
svg.graph .rule rect { fill: #ffffff; stroke: var(--ink); }
svg.graph .rule.off rect { stroke-dasharray: 4 3; }
svg.graph .absent rect { fill: #f4f4f6; stroke: #9a9aa6; stroke-dasharray: 1 3; }
svg.graph .absent text { fill: #6b6b76; }
svg.graph path.e { fill: none; stroke-width: 1.3; }
svg.graph path.support { stroke: #3d3d46; }
svg.graph path.attack { stroke: var(--denied-line); stroke-dasharray: 7 4; stroke-width: 1.6; }
svg.graph path.beaten { stroke: var(--denied-line); stroke-dasharray: 2 3; stroke-width: 1.6; }
svg.graph path.absent { stroke: #b5b5bf; stroke-dasharray: 1 4; }
svg.graph marker .head { fill: #3d3d46; }
svg.graph marker .bar { stroke: var(--denied-line); stroke-width: 2.5; fill: none; }
table.crux { font-size: 0.88rem; }
table.crux th, table.crux td { border: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
table.crux thead th { background: var(--band); }
table.crux tbody th { font-weight: normal; white-space: nowrap; }
table.crux ul { margin: 0; padding-left: 1.1rem; }
ol.sources { font-size: 0.9rem; }
ol.sources li { margin-bottom: 0.3rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--rule); }
@media (max-width: 640px) {
  body { font-size: 15px; }
  main { padding: 1rem 0.75rem 2rem; }
  h1 { font-size: 1.5rem; }
  nav ol { columns: 1; }
  dl.positions { grid-template-columns: 1fr; }
  dl.positions dd { margin: 0 0 0.5rem 0.8rem; }
  table.verdicts tbody th { min-width: 10rem; max-width: 12rem; }
  table.verdicts thead th { min-width: 5.5rem; }
  table.crux tbody th { white-space: normal; }
  .strip { display: block; } .chip { display: block; }
  ul.decisive { padding-left: 0.9rem; }
}
@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 10pt; line-height: 1.35; }
  main { max-width: none; padding: 0; }
  nav, .graph-key { display: none; }
  a { color: inherit; text-decoration: none; }
  a.fn { color: inherit; }
  h2 { break-before: auto; break-after: avoid; }
  h3, h4 { break-after: avoid; }
  section.question { break-before: page; }
  article.why, figure.graph, table.crux tr, table.verdicts tr { break-inside: avoid; }
  .scroll, .graph-wrap { overflow: visible; border: 0; }
  table.verdicts { font-size: 7.5pt; width: 100%; }
  table.verdicts thead th { min-width: 0; }
  table.verdicts tbody th { position: static; min-width: 0; }
  svg.graph { max-width: 100%; height: auto; }
  table.crux { font-size: 8pt; }
  table.crux tbody th { white-space: normal; width: 30%; }
  .v-holds, .v-denied, .v-undecided { background: none; color: #000; border-color: #000; }
  .v-denied { border-style: double; } .v-undecided { border-style: dashed; }
  span.v { border-width: 1px; }
  table.verdicts td.v-holds { font-weight: 700; }
  table.verdicts td.v-undecided { font-style: italic; }
  details.reasoning > summary::after { content: " (open it on screen before printing to include it)"; font-style: italic; }
  details.reasoning[open] > summary::after { content: ""; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
        let ch = |s: u32| {
            let c = ((v >> s) & 0xff) as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(16) + 0.7152 * ch(8) + 0.0722 * ch(0)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    fn var(name: &str) -> &'static str {
        let at = CSS.find(&format!("--{name}: ")).unwrap() + name.len() + 4;
        &CSS[at..at + 7]
    }

    /// The verdict colours meet WCAG AAA (7:1) for their text; README states these figures.
    #[test]
    fn verdict_colours_have_aaa_contrast() {
        for v in ["holds", "denied", "undecided"] {
            let (bg, ink) = (var(&format!("{v}-bg")), var(&format!("{v}-ink")));
            let c = contrast(bg, ink);
            assert!(c >= 7.0, "{v}: {bg} on {ink} is {c:.2}:1");
        }
        assert!(contrast(var("paper"), var("ink")) >= 7.0);
        assert!(contrast(var("band"), var("muted")) >= 7.0);
        // Links (the footnote markers among them).
        assert!(CSS.contains("a { color: #1a4f9c; }"));
        assert!(contrast("#ffffff", "#1a4f9c") >= 7.0);
    }

    #[test]
    fn escaping_leaves_no_markup_and_no_control_characters() {
        let s =
            escape("<script>\"a\" & 'b' --> ]]>\u{1}\u{7}\u{1b}\u{7f}\u{85}\u{fdd0}\u{ffff}\r\né");
        assert_eq!(
            s,
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39; --&gt; ]]&gt;␁␇␛␡\u{fffd}\u{fffd}\u{fffd}\né"
        );
    }

    #[test]
    fn header_comment_gives_title_and_body() {
        let (t, b) = header_comment(
            "# =====\n# The  Title   here\n# =====\n#\n#   body line\n# more\n\nfact(a).\n# later\n",
        );
        assert_eq!(t.as_deref(), Some("The Title here"));
        assert_eq!(b, "  body line\nmore");
        assert_eq!(header_comment("fact(a).\n# x\n"), (None, String::new()));
    }

    #[test]
    fn labels_wrap_at_commas_and_are_cut_after_four_lines() {
        let l = wrap_label("in_office_at(bashar_al_assad, w2023_bashar, head_of_state, syria)");
        assert!(l.iter().all(|x| x.chars().count() <= WRAP), "{l:?}");
        assert_eq!(
            l.concat().replace(' ', ""),
            "in_office_at(bashar_al_assad,w2023_bashar,head_of_state,syria)"
        );
        let long = wrap_label(&"x".repeat(500));
        assert_eq!(long.len(), MAX_LINES);
        assert!(long[MAX_LINES - 1].ends_with('…'));
    }

    #[test]
    fn placement_keeps_order_and_gaps_and_meets_free_targets() {
        let tops = place(
            &[10.0, 10.0, 100.0],
            &[(20.0, 5.0), (20.0, 5.0), (20.0, 5.0)],
        );
        // The two that collide share the difference; the third is free.
        assert_eq!(tops, vec![-2.5, 22.5, 100.0]);
    }
}
