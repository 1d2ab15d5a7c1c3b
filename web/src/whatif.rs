//! What-if for the page: switch statements off and add hypothetical facts without editing the
//! text the user sees.
//!
//! This is the one place that knows how a what-if is carried out. It works on a *copy* of the
//! files: a statement switched off is blanked out of the copy (replaced by spaces, line breaks
//! kept, so every other statement keeps its file, line and offsets), and the hypothetical facts
//! are a file of their own, `<what-if>`, read after the others. The copy is then checked and
//! evaluated by the library like any other run: no second evaluator.
//!
//! Why not the library's own what-if (`Input::WhatIf`: `--assume`, `--retract`, `--prefer`,
//! `--reject`)? Those add statements inside positions; the page's switch means "as if this
//! statement had not been written", which has no statement for a superiority (nothing withdraws
//! `a > b.`) and, for a fact of common ground, takes it from every position at once. The copy
//! gives exactly that meaning for all three kinds of switch.
//!
//! Statements are named by what they say, not by where they are (a fact by its literal and the
//! position block it is written in, a rule by its label, a superiority by its two labels and its
//! block), so that a switch survives edits elsewhere in the text. A switch that names a statement
//! no longer in the files is reported back, not applied.
//!
//! Semantics: a statement switched off is as if it had not been written, so it is gone from every
//! position whose theory had it. A rule switched off takes with it the superiority statements and
//! `reject`s that name it or its `unless` exception (they would otherwise name an unknown rule).
//! A hypothetical fact is a fact of common ground: it holds in every position.

use argcheck::Statements;
use serde::{Deserialize, Serialize};

use crate::FileText;

/// One statement to switch off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Switch {
    /// The fact `literal` written in the block of `position` (`common` outside every block).
    Fact {
        /// The literal as the outline gives it.
        literal: String,
        /// Where it is written.
        position: String,
    },
    /// The rule labelled `label`.
    Rule {
        /// Its label.
        label: String,
    },
    /// The superiority statement `superior > inferior` written in the block of `position`.
    Superiority {
        /// The superior rule's label.
        superior: String,
        /// The inferior rule's label.
        inferior: String,
        /// Where it is written.
        position: String,
    },
}

/// A what-if: statements switched off and facts assumed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WhatIf {
    /// Statements switched off.
    pub off: Vec<Switch>,
    /// Hypothetical facts, as literals (`head_of_state(assad, syria)`; a final `.` is allowed).
    pub assume: Vec<String>,
}

impl WhatIf {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.off.is_empty() && self.assume.is_empty()
    }
}

/// The name of the file that holds the hypothetical facts.
pub const WHAT_IF_FILE: &str = "<what-if>";

/// The files of a what-if run.
#[derive(Debug, Clone)]
pub struct Rewritten {
    /// The user's files, with the statements switched off blanked out.
    pub files: Vec<FileText>,
    /// The hypothetical facts as a file of their own (`<what-if>`), if any.
    pub assumptions: Option<FileText>,
    /// What was changed, one line each.
    pub applied: Vec<String>,
    /// Switches that name no statement of the files.
    pub unknown: Vec<Switch>,
}

/// The files of a what-if run, from the files as written and their outline.
pub fn rewrite(files: &[FileText], outline: &Statements, what_if: &WhatIf) -> Rewritten {
    let mut bytes: Vec<Vec<u8>> = files.iter().map(|f| f.text.clone().into_bytes()).collect();
    let mut blank = |place: &argcheck::Place| {
        if let Some(i) = files.iter().position(|f| same_file(&f.name, &place.file)) {
            let b = &mut bytes[i];
            let end = (place.end as usize).min(b.len());
            for c in &mut b[(place.start as usize).min(end)..end] {
                if *c != b'\n' {
                    *c = b' ';
                }
            }
        }
    };
    let mut applied = Vec::new();
    let mut unknown = Vec::new();
    for switch in &what_if.off {
        match switch {
            Switch::Fact { literal, position } => {
                let found: Vec<_> = outline
                    .facts
                    .iter()
                    .filter(|f| &f.literal == literal && &f.position == position)
                    .collect();
                if found.is_empty() {
                    unknown.push(switch.clone());
                    continue;
                }
                for f in found {
                    blank(&f.place);
                }
                applied.push(format!("fact `{literal}` ({position}) switched off"));
            }
            Switch::Rule { label } => {
                let Some(rule) = outline.rules.iter().find(|r| &r.label == label) else {
                    unknown.push(switch.clone());
                    continue;
                };
                blank(&rule.place);
                let names = |l: &str| l == label || rule.exception.as_deref() == Some(l);
                let mut also = Vec::new();
                for s in &outline.superiorities {
                    if names(&s.superior) || names(&s.inferior) {
                        blank(&s.place);
                        also.push(format!("`{} > {}`", s.superior, s.inferior));
                    }
                }
                for r in &outline.rejects {
                    if names(&r.rule) {
                        blank(&r.place);
                        also.push(format!("`reject {}` in {}", r.rule, r.position));
                    }
                }
                let mut line = format!("rule `{label}` switched off");
                if !also.is_empty() {
                    line.push_str(&format!(", with {} that name it", also.join(", ")));
                }
                applied.push(line);
            }
            Switch::Superiority {
                superior,
                inferior,
                position,
            } => {
                let found: Vec<_> = outline
                    .superiorities
                    .iter()
                    .filter(|s| {
                        &s.superior == superior
                            && &s.inferior == inferior
                            && &s.position == position
                    })
                    .collect();
                if found.is_empty() {
                    unknown.push(switch.clone());
                    continue;
                }
                for s in found {
                    blank(&s.place);
                }
                applied.push(format!(
                    "superiority `{superior} > {inferior}` ({position}) switched off"
                ));
            }
        }
    }
    let mut assumed = String::new();
    for lit in &what_if.assume {
        let lit = lit.trim().trim_end_matches('.').trim_end();
        if lit.is_empty() {
            continue;
        }
        // One statement per line, so that a diagnostic's line names the assumption.
        assumed.push_str(&lit.replace(['\n', '\r'], " "));
        assumed.push_str(".\n");
        applied.push(format!("fact `{lit}` assumed"));
    }
    let files = files
        .iter()
        .zip(bytes)
        .map(|(f, b)| FileText {
            name: f.name.clone(),
            // Only ASCII spaces replaced whole statements, which start and end on characters.
            text: String::from_utf8(b)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into()),
        })
        .collect();
    Rewritten {
        files,
        assumptions: (!assumed.is_empty()).then(|| FileText {
            name: WHAT_IF_FILE.to_string(),
            text: assumed,
        }),
        applied,
        unknown,
    }
}

/// Whether two names given to the library name the same file (`./a.rules`, `a.rules` and
/// `x/../a.rules`), as the library's in-memory files read them.
fn same_file(a: &str, b: &str) -> bool {
    let key = |p: &str| argcheck::normalize_path(std::path::Path::new(p));
    key(a) == key(b)
}
