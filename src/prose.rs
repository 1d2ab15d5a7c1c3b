//! Explanations as text and Markdown: [`Explanation`] → what a lecturer projects or pastes into a
//! handout. Both are renderings of the same data as the JSON.
//!
//! Text is wrapped to a width with hanging indents that keep the tree's lines; a literal explained
//! earlier is referred to by its number (`(see #2 above)`); sources are footnotes (`[1]`) listed
//! once at the end.

use crate::explain::{Citation, Explanation, Node, Opposition, RuleRef, RuleState, Step};
use crate::logic::Reason;

/// How an explanation is printed.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// Wrap lines to this many columns (an unbreakable word may stay longer).
    pub width: usize,
    /// Show the literal beside its sentence (otherwise the sentence alone, when there is one).
    pub literals: bool,
    /// Show the footnote markers and the list of sources.
    pub sources: bool,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            width: 100,
            literals: false,
            sources: true,
        }
    }
}

/// Indentation stops growing past this depth; deeper lines carry their depth instead, so that
/// the text of a very deep proof stays linear in its number of steps.
const MAX_INDENT: usize = 24;

impl Explanation {
    /// The headline and the decisive step: what `explain --brief` and `eval --explain` print.
    /// With no list of sources below it, a footnote names its source: `[icj_2002]`.
    pub fn brief(&self, opts: &TextOptions) -> String {
        self.summary(opts, false)
    }

    fn summary(&self, opts: &TextOptions, numbered: bool) -> String {
        let named = if numbered {
            &[][..]
        } else {
            &self.footnotes[..]
        };
        Explanation::summary_lines(&self.headline, &self.decisive, opts, named)
    }

    /// A headline and decisive lines as wrapped text; the footnote markers of `named` sources
    /// become their names (`[icj_2002]`).
    pub(crate) fn summary_lines(
        headline: &str,
        decisive: &[crate::explain::Decisive],
        opts: &TextOptions,
        named: &[Citation],
    ) -> String {
        let mut out = String::new();
        wrap_into(&mut out, headline, "", "", opts.width);
        for d in decisive {
            let indent = "  ".repeat(d.depth + 1);
            let mut text = footnotes(&d.text, opts.sources);
            for c in named {
                text = text.replace(&format!("[{}]", c.footnote), &format!("[{}]", c.name));
            }
            wrap_into(
                &mut out,
                &text,
                &format!("{indent}- "),
                &format!("{indent}  "),
                opts.width,
            );
        }
        out
    }

    /// The whole explanation as text: the brief, the tree, the sources.
    pub fn text(&self, opts: &TextOptions) -> String {
        let mut out = self.summary(opts, true);
        out.push('\n');
        self.tree(&mut out, opts);
        if opts.sources && !self.footnotes.is_empty() {
            out.push_str("\nSources:\n");
            for c in &self.footnotes {
                let first = format!("  [{}] ", c.footnote);
                let cont = " ".repeat(first.chars().count());
                wrap_into(
                    &mut out,
                    &format!("{}: {}", c.name, c.citation),
                    &first,
                    &cont,
                    opts.width,
                );
            }
        }
        out
    }

    fn tree(&self, out: &mut String, opts: &TextOptions) {
        // Literals referenced more than once get a number at their first appearance.
        let mut refs = vec![0u32; self.nodes.len()];
        refs[self.root] += 1;
        for n in &self.nodes {
            for &c in &n.children {
                refs[c] += 1;
            }
        }
        let mut number = vec![0usize; self.nodes.len()];
        let mut next_number = 1;
        let mut printed = vec![false; self.nodes.len()];
        // (node, depth, prefix of this line, prefix for its children)
        let mut stack: Vec<(usize, usize, String, String)> =
            vec![(self.root, 0, String::new(), String::new())];
        while let Some((id, depth, lead, cont)) = stack.pop() {
            let node = &self.nodes[id];
            let is_lit = matches!(node.step, Step::Literal { .. });
            // Continuation lines keep the tree's vertical line for this node's children.
            let hang = if node.children.is_empty() {
                format!("{cont}   ")
            } else {
                format!("{cont}│  ")
            };
            if is_lit && printed[id] {
                let line = format!("{}  (see #{} above)", self.display(node, opts), number[id]);
                wrap_into(out, &line, &lead, &format!("{cont}   "), opts.width);
                continue;
            }
            printed[id] = true;
            let mut line = String::new();
            if is_lit && refs[id] > 1 {
                number[id] = next_number;
                next_number += 1;
                line.push_str(&format!("#{} ", number[id]));
            }
            line.push_str(&self.line(node, opts));
            wrap_into(out, &line, &lead, &hang, opts.width);
            let n = node.children.len();
            let deep = depth + 1 >= MAX_INDENT;
            for (k, &c) in node.children.iter().enumerate().rev() {
                let last = k + 1 == n;
                let (l, cc) = if deep {
                    (format!("{cont}[depth {}] ", depth + 1), cont.clone())
                } else if last {
                    (format!("{cont}└─ "), format!("{cont}   "))
                } else {
                    (format!("{cont}├─ "), format!("{cont}│  "))
                };
                stack.push((c, depth + 1, l, cc));
            }
        }
    }

    /// A literal as shown: its sentence (and the literal with `literals`), or the literal.
    pub(crate) fn display(&self, node: &Node, opts: &TextOptions) -> String {
        match &node.step {
            Step::Literal {
                literal, sentence, ..
            } => match sentence {
                Some(s) if opts.literals => format!("{s} ({literal})"),
                Some(s) => s.clone(),
                None => literal.clone(),
            },
            _ => String::new(),
        }
    }

    pub(crate) fn line(&self, node: &Node, opts: &TextOptions) -> String {
        match &node.step {
            Step::Literal { status, .. } => {
                format!("{}: {}", self.display(node, opts), status.text())
            }
            Step::Fact {
                source, stated_by, ..
            } => {
                let mut s = "fact".to_string();
                if let Some(p) = stated_by {
                    s.push_str(&format!(", stated by position {p}"));
                }
                match source {
                    Some(c) if opts.sources => s.push_str(&format!(" [{}]", c.footnote)),
                    Some(c) => s.push_str(&format!(", from {}", c.name)),
                    None => s.push_str(" (no source given)"),
                }
                s
            }
            Step::Apply { rule, strict, .. } => {
                let how = if *strict { "by strict rule" } else { "by rule" };
                format!("{how} {}", rule_line(rule, opts))
            }
            Step::Opposing { rule, outcome, .. } => {
                format!(
                    "against: {} — {}",
                    rule_line(rule, opts),
                    opposition(outcome)
                )
            }
            Step::Involved {
                rule,
                supports,
                state,
                beaten_by,
                ..
            } => {
                let side = if *supports { "for" } else { "against" };
                let s = match (state, beaten_by) {
                    (RuleState::Applicable, _) => "applicable, not beaten".to_string(),
                    (RuleState::Beaten, Some(b)) => format!("applicable, but {}", opposition(b)),
                    (RuleState::Beaten, None) => "applicable, but beaten".to_string(),
                    (RuleState::NotApplicable, _) => "not applicable".to_string(),
                    (RuleState::NoFiniteProof, _) => "no finite proof of its premises".to_string(),
                    (RuleState::Rejected, Some(b)) => opposition(b),
                    (RuleState::Rejected, None) => "rejected".to_string(),
                };
                format!("{side}: {} — {s}", rule_line(rule, opts))
            }
            Step::Comparison { text, holds } => {
                format!("{text} is {}", if *holds { "true" } else { "false" })
            }
            Step::Undecided { reason } => format!("undecided: {}", reason_text(*reason)),
            Step::Folded => "… (folded; raise --depth to see more)".to_string(),
        }
    }

    /// The explanation as Markdown, for a handout: `heading` (e.g. `###`) heads the headline.
    pub fn markdown(&self, heading: &str, opts: &TextOptions) -> String {
        let mut out = format!("{heading} {}\n\n", md_escape(&self.headline));
        for d in &self.decisive {
            out.push_str(&"  ".repeat(d.depth));
            out.push_str("- ");
            out.push_str(&md_prose(&footnotes(&d.text, opts.sources)));
            out.push('\n');
        }
        out.push_str("\n**The reasoning**\n\n");
        // The tree as a nested list; a literal explained earlier refers back to its number.
        let mut number = vec![0usize; self.nodes.len()];
        let mut next = 1;
        let mut stack = vec![(self.root, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            let node = &self.nodes[id];
            out.push_str(&"  ".repeat(depth.min(MAX_INDENT)));
            out.push_str("- ");
            if matches!(node.step, Step::Literal { .. }) && number[id] > 0 {
                out.push_str(&format!(
                    "{} (see {} above)\n",
                    md_escape(&self.display(node, opts)),
                    number[id]
                ));
                continue;
            }
            if matches!(node.step, Step::Literal { .. }) {
                number[id] = next;
                out.push_str(&format!("({next}) "));
                next += 1;
            }
            out.push_str(&md_prose(&self.line(node, opts)));
            out.push('\n');
            for &c in node.children.iter().rev() {
                stack.push((c, depth + 1));
            }
        }
        if opts.sources && !self.footnotes.is_empty() {
            out.push_str("\n**Sources**\n\n");
            for c in &self.footnotes {
                out.push_str(&format!(
                    "{}. **{}**: {}\n",
                    c.footnote,
                    md_escape(&c.name),
                    md_escape(&c.citation)
                ));
            }
        }
        out
    }
}

/// A rule as one line: `label` [1]: its instance.
fn rule_line(r: &RuleRef, opts: &TextOptions) -> String {
    let mut s = match &r.unless_of {
        Some(of) => format!("`{}` (the `unless` exception of `{of}`)", r.label),
        None => format!("`{}`", r.label),
    };
    match &r.source {
        Some(c) if opts.sources => s.push_str(&format!(" [{}]", c.footnote)),
        Some(c) => s.push_str(&format!(" (from {})", c.name)),
        None => {}
    }
    s.push_str(&format!(": {}", r.instance));
    s
}

fn opposition(o: &Opposition) -> String {
    match o {
        Opposition::NotApplicable => "not applicable".to_string(),
        Opposition::BeatenBy {
            rule,
            statement,
            location,
            stated_by,
        } => {
            let whose = if stated_by == "common" {
                "common ground".to_string()
            } else {
                format!("position {stated_by}")
            };
            format!("beaten by `{rule}` (`{statement}`, {location}, a priority of {whose})")
        }
        Opposition::Rejected { by, location } => {
            format!("rejected by position {by} ({location})")
        }
    }
}

fn reason_text(r: Reason) -> &'static str {
    match r {
        Reason::Unsupported => "unsupported — no rule for it or its opposite could apply",
        Reason::UndecidedPremise => {
            "undecided premise — the rules for it or its opposite depend on a premise that is itself undecided"
        }
        Reason::Conflict => "conflict — rules for both sides apply and no priority settles it",
        Reason::BlockedByDefeater => "blocked by a defeater",
        Reason::Circular => "circular — it is supported only through a loop",
    }
}

/// Drop the footnote markers (` [3]`) when sources are not shown.
fn footnotes(text: &str, keep: bool) -> String {
    if keep {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" [") {
        let after = &rest[i + 2..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        out.push_str(&rest[..i]);
        if digits > 0 && after[digits..].starts_with(']') {
            rest = &after[digits + 1..];
        } else {
            out.push_str(" [");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Append `text` wrapped to `width` columns: the first line after `first`, the others after
/// `cont`. Words are never split; a word longer than the room stays whole on its own line.
fn wrap_into(out: &mut String, text: &str, first: &str, cont: &str, width: usize) {
    let mut line = first.to_string();
    let mut empty = true;
    let mut used = first.chars().count();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = word.chars().count();
        if !empty && used + 1 + w > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = cont.to_string();
            used = cont.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// Escape the characters Markdown would read as formatting, outside code spans.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Prose with `code` spans kept as code and the rest escaped; footnote markers stay readable.
fn md_prose(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            out.push('`');
            out.push_str(part);
            out.push('`');
        } else {
            let escaped = md_escape(part);
            // `[1]` footnote markers need no escape to read well.
            out.push_str(&escaped.replace("\\[", "[").replace("\\]", "]"));
        }
    }
    out
}

impl Citation {
    /// `[1] name: citation`.
    pub fn text(&self) -> String {
        format!("[{}] {}: {}", self.footnote, self.name, self.citation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_prefixes_and_long_words() {
        let mut out = String::new();
        wrap_into(&mut out, "aaa bbb ccc dddddddddddd e", "├─ ", "│  ", 10);
        assert_eq!(out, "├─ aaa bbb\n│  ccc\n│  dddddddddddd\n│  e\n");
    }

    #[test]
    fn footnote_markers_are_dropped_only_when_asked() {
        assert_eq!(footnotes("rule `a` [1]: x [y]", false), "rule `a`: x [y]");
        assert_eq!(footnotes("rule `a` [12]", true), "rule `a` [12]");
    }
}
