//! Text of ground literals and rules, shared by every output format.

use crate::ground::{Ground, Lit};
use crate::hir::{Program, RuleId};

/// A ground literal as written in a `.rules` file: `~immune(assad, france)`.
pub fn lit_text(p: &Program, g: &Ground, l: Lit) -> String {
    let atom = l.atom();
    let mut s = String::new();
    if l.is_neg() {
        s.push('~');
    }
    s.push_str(p.pred_name(g.atoms.pred(atom)));
    let args = g.atoms.args(atom);
    if !args.is_empty() {
        s.push('(');
        for (i, &a) in args.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&p.const_text(a));
        }
        s.push(')');
    }
    s
}

/// The sentence of a literal from its predicate's template, if it has one:
/// "assad is immune from the criminal jurisdiction of france"; a negated literal reads
/// "it is not the case that …".
pub fn sentence(p: &Program, g: &Ground, l: Lit) -> Option<String> {
    let atom = l.atom();
    let pred = &p.preds[g.atoms.pred(atom).index()];
    let (params, template) = &**pred.template.as_ref()?;
    let args = g.atoms.args(atom);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let key = &rest[open + 1..open + close];
        match params
            .iter()
            .position(|&s| p.names.resolve(s) == key)
            .and_then(|i| args.get(i))
        {
            Some(&c) => out.push_str(&p.const_plain(c)),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Some(if l.is_neg() {
        format!("it is not the case that {out}")
    } else {
        out
    })
}

/// The source text of a rule as the user wrote it, white space collapsed.
pub fn rule_source_text(p: &Program, sources: &crate::source::SourceMap, r: RuleId) -> String {
    let rule = &p.rules[r.index()];
    collapse(sources.slice(rule.span))
}

/// Collapse runs of white space (and drop comments) so a multi-line statement prints on one line.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut in_comment = false;
    let mut space = false;
    for c in text.chars() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
                space = true;
            }
            continue;
        }
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '#' => in_comment = true,
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                if c == '"' {
                    in_string = true;
                }
            }
        }
    }
    out
}
