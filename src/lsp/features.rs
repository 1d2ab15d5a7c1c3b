//! What the server answers, each request a function from the analyses of the open files to a
//! protocol value. Byte offsets stay inside; [`Lines`] converts at the edge.

use std::collections::BTreeMap;
use std::sync::Arc;

use argcheck::{Detail, FileId, OutlineKind, Severity, SymbolKind, Verdict};
use lsp_types as lsp;
use lsp_types::{Position, Range, Uri};
use serde_json::Value;

use super::analysis::Analysis;
use super::text::{Encoding, Lines};

/// A request that cannot be answered: a JSON-RPC error code and a message.
pub type Failure = (i32, String);

pub const INVALID_PARAMS: i32 = -32602;
pub const REQUEST_FAILED: i32 = -32803;

/// The open files' analyses and what the client can take.
pub struct Ctx<'a> {
    pub enc: Encoding,
    pub analyses: &'a BTreeMap<String, Arc<Analysis>>,
    pub snippets: bool,
    pub document_changes: bool,
}

/// The analysis a document's requests are answered from, the document's file in it, its text.
struct At<'a> {
    a: &'a Analysis,
    file: FileId,
    lines: Lines<'a>,
    offset: usize,
}

fn uri(s: &str) -> Uri {
    s.parse()
        .unwrap_or_else(|_| "file:///".parse().expect("a URI"))
}

impl Ctx<'_> {
    fn analysis(&self, doc: &Uri) -> Option<(&Analysis, FileId)> {
        let a = self.analyses.get(doc.as_str())?;
        Some((a, a.file(doc.as_str())?))
    }

    fn at(&self, doc: &Uri, pos: Position) -> Result<Option<At<'_>>, Failure> {
        let Some((a, file)) = self.analysis(doc) else {
            return Ok(None);
        };
        let text = &a.sources().file(file).text;
        let lines = Lines::new(text, self.enc);
        let offset = lines.offset(pos).map_err(|_| {
            (
                INVALID_PARAMS,
                format!(
                    "position {}:{} is past the end of the document ({} lines)",
                    pos.line,
                    pos.character,
                    text.split('\n').count()
                ),
            )
        })?;
        Ok(Some(At {
            a,
            file,
            lines,
            offset,
        }))
    }

    /// Every analysis that reads the file of `at` (its own run and the runs of files importing it).
    fn runs_with<'s>(&'s self, at: &At<'_>) -> Vec<(&'s Analysis, FileId)> {
        let key = &at.a.keys[file_index(at.a, at.file)];
        let mut out = Vec::new();
        for a in self.analyses.values() {
            if let Some(i) = a.keys.iter().position(|k| k == key) {
                if let Some((f, _)) = a.sources().files().nth(i) {
                    out.push((&**a, f));
                }
            }
        }
        out
    }

    fn location(&self, a: &Analysis, span: argcheck::Span) -> lsp::Location {
        let text = &a.sources().file(span.file).text;
        let lines = Lines::new(text, self.enc);
        lsp::Location::new(
            uri(a.uri(span.file)),
            lines.range(span.start as usize, span.end as usize),
        )
    }
}

fn file_index(a: &Analysis, file: FileId) -> usize {
    a.sources()
        .files()
        .position(|(f, _)| f == file)
        .unwrap_or(0)
}

fn markdown(value: String, range: Option<Range>) -> Value {
    serde_json::to_value(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range,
    })
    .unwrap_or(Value::Null)
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// `textDocument/hover`.
pub fn hover(cx: &Ctx, p: lsp::HoverParams) -> Result<Value, Failure> {
    let tp = p.text_document_position_params;
    let Some(at) = cx.at(&tp.text_document.uri, tp.position)? else {
        return Ok(Value::Null);
    };
    let symbols = &at.a.symbols;
    let literal = symbols.literal_at(at.file, at.offset);
    let named = symbols.at(at.file, at.offset);
    if let Some((sym, occ)) = named {
        let range = Some(
            at.lines
                .range(occ.span.start as usize, occ.span.end as usize),
        );
        match sym.kind {
            SymbolKind::Predicate => {
                if let Some(l) = literal.filter(|l| l.ground) {
                    return Ok(literal_hover(&at, l));
                }
                return Ok(markdown(predicate_text(sym), range));
            }
            _ => return Ok(markdown(symbol_text(&at, sym), range)),
        }
    }
    match literal {
        Some(l) if l.ground => Ok(literal_hover(&at, l)),
        _ => Ok(Value::Null),
    }
}

fn predicate_text(sym: &argcheck::Symbol) -> String {
    let Detail::Predicate {
        arity,
        params,
        template,
    } = &sym.detail
    else {
        return String::new();
    };
    let mut s = if params.is_empty() {
        format!(
            "**predicate** `{}` ({arity} argument{})",
            sym.name,
            plural(*arity)
        )
    } else {
        format!("**predicate** `{}({})`", sym.name, params.join(", "))
    };
    match template {
        Some(t) => s.push_str(&format!("\n\n“{t}”")),
        None => s.push_str("\n\nNo `predicate` declaration: no sentence."),
    }
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn symbol_text(at: &At, sym: &argcheck::Symbol) -> String {
    let a = at.a;
    let citation = |name: &str| match a.symbols.get(SymbolKind::Source, name).map(|s| &s.detail) {
        Some(Detail::Source { citation }) if !citation.is_empty() => citation.clone(),
        _ => "(not declared)".to_string(),
    };
    match &sym.detail {
        Detail::Rule { source, position } => {
            let mut s = format!("**rule** `{}`", sym.name);
            if let Some(p) = position {
                s.push_str(&format!(" in position `{p}`"));
            }
            match sym.statement {
                Some(st) => s.push_str(&format!(
                    "\n\n```argcheck\n{}\n```",
                    a.sources().slice(st).trim()
                )),
                None => s.push_str("\n\nNo rule has this label."),
            }
            if let Some(src) = source {
                s.push_str(&format!("\n\nSource `{src}`: {}", citation(src)));
            }
            if let Some(standing) = a.evaluation().and_then(|e| e.standing(&sym.name)) {
                let e = a.evaluation().expect("evaluated");
                let names = |ps: &[argcheck::PositionId]| {
                    if ps.is_empty() {
                        "none".to_string()
                    } else {
                        ps.iter()
                            .map(|&p| format!("`{}`", e.position_name(p)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                };
                s.push_str(&format!(
                    "\n\nAccepted by: {}  \nRejected by: {}",
                    names(&standing.accepted_by),
                    names(&standing.rejected_by)
                ));
            }
            s
        }
        Detail::Source { .. } => format!("**source** `{}`\n\n{}", sym.name, citation(&sym.name)),
        Detail::Position { title, extends } => {
            let mut s = format!("**position** `{}`", sym.name);
            if sym.definition.is_none() {
                s.push_str("\n\nNo position block has this name.");
            }
            if let Some(t) = title {
                s.push_str(&format!("\n\n{t}"));
            }
            if !extends.is_empty() {
                let list: Vec<String> = extends.iter().map(|e| format!("`{e}`")).collect();
                s.push_str(&format!("\n\nExtends {}.", list.join(", ")));
            }
            s
        }
        Detail::Predicate { .. } => predicate_text(sym),
    }
}

fn literal_hover(at: &At, l: &argcheck::WrittenLiteral) -> Value {
    let range = Some(at.lines.range(l.span.start as usize, l.span.end as usize));
    let mut s = format!("**`{}`**", l.text);
    let Some(e) = at.a.evaluation() else {
        s.push_str("\n\nNo verdicts: the file has errors.");
        return markdown(s, range);
    };
    let Some(m) = e.literal(&l.text) else {
        return Value::Null;
    };
    if let Some(sentence) = e.sentence(&m) {
        s.push_str(&format!("\n\n{sentence}"));
    }
    s.push_str("\n\n| position | verdict |\n|---|---|\n");
    for p in e.positions() {
        s.push_str(&format!(
            "| {} | {} |\n",
            cell(e.position_name(p)),
            cell(&e.status(p, &m).text())
        ));
    }
    markdown(s, range)
}

/// `textDocument/definition`.
pub fn definition(cx: &Ctx, p: lsp::GotoDefinitionParams) -> Result<Value, Failure> {
    let tp = p.text_document_position_params;
    let Some(at) = cx.at(&tp.text_document.uri, tp.position)? else {
        return Ok(Value::Null);
    };
    let Some((sym, _)) = at.a.symbols.at(at.file, at.offset) else {
        return Ok(Value::Null);
    };
    Ok(match sym.definition {
        Some(span) => serde_json::to_value(cx.location(at.a, span)).unwrap_or(Value::Null),
        None => Value::Null,
    })
}

/// Every occurrence of the symbol under the cursor, in every run that reads this file, by URI
/// and place.
fn occurrences(
    cx: &Ctx,
    at: &At,
    with_definitions: bool,
) -> Option<(SymbolKind, String, Vec<lsp::Location>)> {
    let (sym, _) = at.a.symbols.at(at.file, at.offset)?;
    let mut seen: BTreeMap<(String, u32, u32, u32, u32), lsp::Location> = BTreeMap::new();
    for (a, _) in cx.runs_with(at) {
        // A predicate without declaration is defined by its first rule head (or fact).
        let definition = a
            .symbols
            .get(sym.kind, &sym.name)
            .and_then(|s| s.definition);
        for o in a.symbols.occurrences(sym.kind, &sym.name) {
            if !with_definitions && (o.defines || Some(o.span) == definition) {
                continue;
            }
            let loc = cx.location(a, o.span);
            let r = loc.range;
            let k = (
                loc.uri.as_str().to_string(),
                r.start.line,
                r.start.character,
                r.end.line,
                r.end.character,
            );
            seen.insert(k, loc);
        }
    }
    Some((sym.kind, sym.name.clone(), seen.into_values().collect()))
}

/// `textDocument/references`.
pub fn references(cx: &Ctx, p: lsp::ReferenceParams) -> Result<Value, Failure> {
    let tp = p.text_document_position;
    let Some(at) = cx.at(&tp.text_document.uri, tp.position)? else {
        return Ok(Value::Null);
    };
    Ok(match occurrences(cx, &at, p.context.include_declaration) {
        Some((_, _, locs)) => serde_json::to_value(locs).unwrap_or(Value::Null),
        None => Value::Null,
    })
}

/// `textDocument/prepareRename`.
pub fn prepare_rename(cx: &Ctx, p: lsp::TextDocumentPositionParams) -> Result<Value, Failure> {
    let Some(at) = cx.at(&p.text_document.uri, p.position)? else {
        return Ok(Value::Null);
    };
    match at.a.symbols.at(at.file, at.offset) {
        Some((sym, occ)) => Ok(serde_json::to_value(
            lsp::PrepareRenameResponse::RangeWithPlaceholder {
                range: at
                    .lines
                    .range(occ.span.start as usize, occ.span.end as usize),
                placeholder: sym.name.clone(),
            },
        )
        .unwrap_or(Value::Null)),
        None => Err((
            REQUEST_FAILED,
            "only rule labels, positions, predicates and sources can be renamed".into(),
        )),
    }
}

/// `textDocument/rename`: every occurrence in every run that reads the file; refused when the
/// new name is not a name or is taken.
pub fn rename(cx: &Ctx, p: lsp::RenameParams) -> Result<Value, Failure> {
    let tp = p.text_document_position;
    let Some(at) = cx.at(&tp.text_document.uri, tp.position)? else {
        return Ok(Value::Null);
    };
    let Some((kind, name, locs)) = occurrences(cx, &at, true) else {
        return Err((
            REQUEST_FAILED,
            "only rule labels, positions, predicates and sources can be renamed".into(),
        ));
    };
    for (a, _) in cx.runs_with(&at) {
        a.symbols
            .check_rename(kind, &name, &p.new_name)
            .map_err(|e| (REQUEST_FAILED, e))?;
    }
    let mut by_uri: BTreeMap<String, Vec<lsp::TextEdit>> = BTreeMap::new();
    for l in locs {
        by_uri
            .entry(l.uri.as_str().to_string())
            .or_default()
            .push(lsp::TextEdit::new(l.range, p.new_name.clone()));
    }
    let edit = if cx.document_changes {
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(
                by_uri
                    .into_iter()
                    .map(|(u, edits)| lsp::TextDocumentEdit {
                        text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                            uri: uri(&u),
                            version: None,
                        },
                        edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
                    })
                    .collect(),
            )),
            ..Default::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(by_uri.into_iter().map(|(u, e)| (uri(&u), e)).collect()),
            ..Default::default()
        }
    };
    Ok(serde_json::to_value(edit).unwrap_or(Value::Null))
}

/// The keywords of the language, for completion at the start of a statement.
const KEYWORDS: [&str; 9] = [
    "expect",
    "import",
    "name",
    "position",
    "predicate",
    "query",
    "reject",
    "retract",
    "source",
];

/// What the text before the cursor asks for.
#[derive(Debug, PartialEq, Eq)]
enum Want {
    Nothing,
    StatementStart,
    Predicates,
    Rules,
    Positions,
    ExpectPosition,
    Verdicts,
    StrictlyOrPredicate,
    Sources,
}

/// The token that stands for a cursor inside a comment or a string: nothing to complete there.
const INSIDE: &str = "#…";

/// The tokens of the statement the cursor is in, up to the word being typed (strings and
/// comments respected), and the start of that word.
fn statement_tokens(text: &str, offset: usize) -> (Vec<String>, usize) {
    let before = &text[..offset];
    let mut tokens: Vec<String> = Vec::new();
    let mut chars = before.char_indices().peekable();
    let mut word_start = offset;
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => {
                while let Some(&(_, c)) = chars.peek() {
                    if c == '\n' {
                        break;
                    }
                    chars.next();
                }
                if chars.peek().is_none() {
                    return (vec![INSIDE.into()], offset);
                }
            }
            '"' => {
                let mut escaped = false;
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    return (vec![INSIDE.into()], offset);
                }
                tokens.push("\"…\"".into());
            }
            '.' | '{' | '}' => tokens.clear(),
            c if c.is_alphanumeric() || c == '_' => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_alphanumeric() || d == '_' || d == '-' {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(before[i..end].to_string());
                if end == offset {
                    word_start = i;
                }
            }
            c if c.is_whitespace() => {}
            '=' | '-' | '~' | '<' | '!'
                if chars.peek().is_some_and(|&(_, d)| d == '>' || d == '=') =>
            {
                let (_, d) = chars.next().expect("peeked");
                tokens.push(format!("{c}{d}"));
            }
            c => tokens.push(c.to_string()),
        }
    }
    if word_start < offset {
        tokens.pop();
    }
    (tokens, word_start)
}

fn want(tokens: &[String]) -> Want {
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let depth = t.iter().fold(0i32, |d, &x| match x {
        "(" => d + 1,
        ")" => d - 1,
        _ => d,
    });
    match t.as_slice() {
        [INSIDE] => Want::Nothing,
        [] => Want::StatementStart,
        [.., "from"] => Want::Sources,
        ["reject"] | [_, ">"] => Want::Rules,
        ["expect"] => Want::ExpectPosition,
        ["expect", _, ":"] => Want::Verdicts,
        ["expect", _, ":", "holds" | "denied"] => Want::StrictlyOrPredicate,
        ["expect", _, ":", ..] => Want::Predicates,
        ["position", ..] => match t.iter().position(|&x| x == "extends") {
            Some(_) if matches!(t.last(), Some(&"extends" | &",")) => Want::Positions,
            _ => Want::Nothing,
        },
        ["source" | "predicate" | "import" | "name", ..] => Want::Nothing,
        _ if depth > 0 => Want::Nothing,
        [
            ..,
            ":" | "," | "->" | "=>" | "~>" | "~" | "unless" | "query" | "retract",
        ] => Want::Predicates,
        ["query", "\"…\""] => Want::Predicates,
        _ => Want::Nothing,
    }
}

/// `textDocument/completion`.
pub fn completion(cx: &Ctx, p: lsp::CompletionParams) -> Result<Value, Failure> {
    let tp = p.text_document_position;
    let Some(at) = cx.at(&tp.text_document.uri, tp.position)? else {
        return Ok(Value::Null);
    };
    let text = &at.a.sources().file(at.file).text;
    let (tokens, word_start) = statement_tokens(text, at.offset);
    let range = at.lines.range(word_start, at.offset);
    let symbols = &at.a.symbols;
    let mut items: Vec<lsp::CompletionItem> = Vec::new();
    let item =
        |label: &str, kind, detail: Option<String>, doc: Option<String>| lsp::CompletionItem {
            label: label.to_string(),
            kind: Some(kind),
            detail,
            documentation: doc.map(|d| {
                lsp::Documentation::MarkupContent(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value: d,
                })
            }),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                range,
                label.to_string(),
            ))),
            ..Default::default()
        };
    let named = |kind: SymbolKind| {
        symbols
            .symbols()
            .iter()
            .filter(move |s| s.kind == kind && s.definition.is_some())
    };
    let w = want(&tokens);
    if matches!(w, Want::StatementStart) {
        for k in KEYWORDS {
            items.push(item(k, lsp::CompletionItemKind::KEYWORD, None, None));
        }
    }
    if matches!(
        w,
        Want::StatementStart | Want::Predicates | Want::StrictlyOrPredicate
    ) {
        for s in named(SymbolKind::Predicate).chain(
            symbols
                .symbols()
                .iter()
                .filter(|s| s.kind == SymbolKind::Predicate && s.definition.is_none()),
        ) {
            let Detail::Predicate {
                params,
                template,
                arity,
            } = &s.detail
            else {
                continue;
            };
            let signature = if params.is_empty() {
                format!("{}/{arity}", s.name)
            } else {
                format!("{}({})", s.name, params.join(", "))
            };
            let mut it = item(
                &s.name,
                lsp::CompletionItemKind::FUNCTION,
                Some(signature),
                template.as_ref().map(|t| format!("“{t}”")),
            );
            if cx.snippets && !params.is_empty() {
                let args: Vec<String> = params
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("${{{}:{p}}}", i + 1))
                    .collect();
                it.insert_text_format = Some(lsp::InsertTextFormat::SNIPPET);
                it.text_edit = Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                    range,
                    format!("{}({})", s.name, args.join(", ")),
                )));
            }
            items.push(it);
        }
    }
    match w {
        Want::Rules => {
            for s in named(SymbolKind::Rule) {
                let doc = s
                    .statement
                    .map(|st| format!("```argcheck\n{}\n```", at.a.sources().slice(st).trim()));
                items.push(item(&s.name, lsp::CompletionItemKind::REFERENCE, None, doc));
            }
        }
        Want::Positions | Want::ExpectPosition => {
            if w == Want::ExpectPosition {
                items.push(item(
                    "common",
                    lsp::CompletionItemKind::MODULE,
                    Some("common ground".into()),
                    None,
                ));
            }
            for s in named(SymbolKind::Position) {
                let title = match &s.detail {
                    Detail::Position { title, .. } => title.clone(),
                    _ => None,
                };
                items.push(item(&s.name, lsp::CompletionItemKind::MODULE, title, None));
            }
        }
        Want::Sources => {
            for s in named(SymbolKind::Source) {
                let citation = match &s.detail {
                    Detail::Source { citation } => Some(citation.clone()),
                    _ => None,
                };
                items.push(item(
                    &s.name,
                    lsp::CompletionItemKind::REFERENCE,
                    None,
                    citation,
                ));
            }
        }
        Want::Verdicts => {
            for v in ["holds", "denied", "undecided"] {
                items.push(item(v, lsp::CompletionItemKind::KEYWORD, None, None));
            }
        }
        Want::StrictlyOrPredicate => {
            items.insert(
                0,
                item("strictly", lsp::CompletionItemKind::KEYWORD, None, None),
            );
        }
        _ => {}
    }
    Ok(
        serde_json::to_value(lsp::CompletionResponse::List(lsp::CompletionList {
            is_incomplete: false,
            items,
        }))
        .unwrap_or(Value::Null),
    )
}

/// `textDocument/formatting`: the whole document through `argcheck::format`, or nothing when it
/// is already formatted or has a syntax error.
pub fn formatting(name: &str, text: &str, enc: Encoding) -> Value {
    match argcheck::format(name, text) {
        Ok(new) if new != text => {
            let lines = Lines::new(text, enc);
            let edit = lsp::TextEdit::new(lines.range(0, text.len()), new);
            serde_json::to_value(vec![edit]).unwrap_or(Value::Null)
        }
        Ok(_) => Value::Array(Vec::new()),
        Err(_) => Value::Null,
    }
}

/// `textDocument/documentSymbol`: the outline.
pub fn document_symbols(cx: &Ctx, p: lsp::DocumentSymbolParams) -> Result<Value, Failure> {
    let Some((a, file)) = cx.analysis(&p.text_document.uri) else {
        return Ok(Value::Null);
    };
    let lines = Lines::new(&a.sources().file(file).text, cx.enc);
    #[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
    fn convert(o: &argcheck::Outline, lines: &Lines) -> lsp::DocumentSymbol {
        use lsp::SymbolKind as K;
        let kind = match o.kind {
            OutlineKind::Source => K::MODULE,
            OutlineKind::Predicate => K::STRUCT,
            OutlineKind::Rule => K::FUNCTION,
            OutlineKind::Fact => K::CONSTANT,
            OutlineKind::Superiority | OutlineKind::Reject | OutlineKind::Retract => K::OPERATOR,
            OutlineKind::Position => K::NAMESPACE,
            OutlineKind::Query => K::EVENT,
            OutlineKind::Expect => K::BOOLEAN,
        };
        lsp::DocumentSymbol {
            name: o.name.clone(),
            detail: o.detail.clone(),
            kind,
            tags: None,
            deprecated: None,
            range: lines.range(o.span.start as usize, o.span.end as usize),
            selection_range: lines.range(o.selection.start as usize, o.selection.end as usize),
            children: (!o.children.is_empty())
                .then(|| o.children.iter().map(|c| convert(c, lines)).collect()),
        }
    }
    let list: Vec<lsp::DocumentSymbol> = a
        .symbols
        .outline(file)
        .iter()
        .map(|o| convert(o, &lines))
        .collect();
    Ok(serde_json::to_value(lsp::DocumentSymbolResponse::Nested(list)).unwrap_or(Value::Null))
}

/// The verdicts of one literal under every position: `common: undecided · pnat: holds · …`.
fn verdict_line(e: &argcheck::Evaluation, m: &argcheck::Match) -> String {
    e.positions()
        .map(|p| {
            let s = e.status(p, m);
            let v = match (s.verdict, s.strictly) {
                (Verdict::Undecided, _) | (_, false) => s.verdict.as_str().to_string(),
                (v, true) => format!("{} strictly", v.as_str()),
            };
            format!("{}: {v}", e.position_name(p))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// At most this many lenses per query (one per literal it matches).
const MAX_LENSES: usize = 20;

/// `textDocument/codeLens`: over each `query` and `expect` of the document, the verdict under
/// every position.
pub fn code_lens(cx: &Ctx, p: lsp::CodeLensParams) -> Result<Value, Failure> {
    let Some((a, file)) = cx.analysis(&p.text_document.uri) else {
        return Ok(Value::Null);
    };
    let Some(e) = a.evaluation() else {
        return Ok(Value::Array(Vec::new()));
    };
    let lines = Lines::new(&a.sources().file(file).text, cx.enc);
    let lens = |span: argcheck::Span, title: String| lsp::CodeLens {
        range: lines.range(span.start as usize, span.end as usize),
        command: Some(lsp::Command::new(title, String::new(), None)),
        data: None,
    };
    let mut out = Vec::new();
    for q in e.queries() {
        let span = e.query_span(&q);
        if span.file != file {
            continue;
        }
        let matches = e.matches(&q);
        let ground = matches.len() == 1 && matches[0].literal == q.pattern;
        for m in matches.iter().take(MAX_LENSES) {
            let line = verdict_line(e, m);
            out.push(lens(
                span,
                if ground {
                    line
                } else {
                    format!("{}: {line}", m.literal)
                },
            ));
        }
        if matches.is_empty() {
            out.push(lens(span, "no literal matches this query".into()));
        } else if matches.len() > MAX_LENSES {
            out.push(lens(
                span,
                format!("… and {} more", matches.len() - MAX_LENSES),
            ));
        }
    }
    for x in e.expectations() {
        if x.span.file != file {
            continue;
        }
        let mark = if x.met { "✓" } else { "✗" };
        out.push(lens(
            x.span,
            format!("{mark} {}", verdict_line(e, &x.literal)),
        ));
    }
    Ok(serde_json::to_value(out).unwrap_or(Value::Null))
}

/// The protocol's form of one library diagnostic (`None` for one in no file of the editor's).
pub fn diagnostic(
    a: &Analysis,
    d: &argcheck::Diagnostic,
    lines: &mut dyn FnMut(FileId) -> Range,
    range_of: &mut dyn FnMut(argcheck::Span) -> Range,
) -> (String, lsp::Diagnostic) {
    let primary = d.labels.first();
    let (file, range) = match primary {
        Some(l) => (l.span.file, range_of(l.span)),
        None => (a.root, lines(a.root)),
    };
    let mut message = d.message.clone();
    if let Some(l) = primary {
        if !l.text.is_empty() && !d.message.contains(&l.text) {
            message.push('\n');
            message.push_str(&l.text);
        }
    }
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .skip(1)
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri(a.uri(l.span.file)), range_of(l.span)),
            message: l.text.clone(),
        })
        .collect();
    let severity = match d.severity() {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
    };
    (
        a.uri(file).to_string(),
        lsp::Diagnostic {
            range,
            severity: Some(severity),
            code: Some(lsp::NumberOrString::String(d.code.full_name())),
            source: Some("argcheck".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Default::default()
        },
    )
}

/// Every diagnostic of every run, by URI: the library's, and each `expect` line that fails.
/// Sorted and without duplicates (a file read by two runs gets its diagnostics once).
pub fn all_diagnostics(
    analyses: &BTreeMap<String, Arc<Analysis>>,
    enc: Encoding,
) -> BTreeMap<String, Vec<lsp::Diagnostic>> {
    let mut out: BTreeMap<String, BTreeMap<String, lsp::Diagnostic>> = BTreeMap::new();
    for a in analyses.values() {
        let sources = a.sources();
        let mut cache: BTreeMap<FileId, Lines> = BTreeMap::new();
        let mut range_of = |span: argcheck::Span| {
            let lines = cache
                .entry(span.file)
                .or_insert_with(|| Lines::new(&sources.file(span.file).text, enc));
            lines.range(span.start as usize, span.end as usize)
        };
        let mut start = |_f: FileId| Range::new(Position::new(0, 0), Position::new(0, 0));
        let mut push = |u: String, d: lsp::Diagnostic| {
            let r = d.range;
            let key = format!(
                "{:09}:{:09}:{:09}:{:09}:{}",
                r.start.line,
                r.start.character,
                r.end.line,
                r.end.character,
                serde_json::to_string(&d).unwrap_or_default()
            );
            out.entry(u).or_default().insert(key, d);
        };
        for d in &a.diagnostics {
            let (u, d) = diagnostic(a, d, &mut start, &mut range_of);
            push(u, d);
        }
        if let Some(e) = a.evaluation() {
            for x in e.expectations().into_iter().filter(|x| !x.met) {
                let d = lsp::Diagnostic {
                    range: range_of(x.span),
                    severity: Some(lsp::DiagnosticSeverity::ERROR),
                    code: Some(lsp::NumberOrString::String("expect".into())),
                    source: Some("argcheck test".into()),
                    message: format!(
                        "expectation not met under `{}`: expected {}, actual {}",
                        e.position_name(x.position),
                        x.expected_text(),
                        x.actual.text()
                    ),
                    ..Default::default()
                };
                push(a.uri(x.span.file).to_string(), d);
            }
        }
    }
    out.into_iter()
        .map(|(u, m)| (u, m.into_values().collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wants(before: &str) -> Want {
        let (tokens, _) = statement_tokens(before, before.len());
        want(&tokens)
    }

    #[test]
    fn completion_reads_the_statement_before_the_cursor() {
        assert_eq!(wants("a(x).\n"), Want::StatementStart);
        assert_eq!(wants("a(x) from "), Want::Sources);
        assert_eq!(wants("a(x) from ic"), Want::Sources);
        assert_eq!(wants("r: a(X) => b(X) from "), Want::Sources);
        assert_eq!(wants("x.\ncrimes > "), Want::Rules);
        assert_eq!(wants("position p { reject im"), Want::Rules);
        assert_eq!(wants("position p \"T\" extends "), Want::Positions);
        assert_eq!(wants("position p extends a, "), Want::Positions);
        assert_eq!(wants("position p "), Want::Nothing);
        assert_eq!(wants("expect "), Want::ExpectPosition);
        assert_eq!(wants("expect p: "), Want::Verdicts);
        assert_eq!(wants("expect p: holds "), Want::StrictlyOrPredicate);
        assert_eq!(wants("expect p: holds strictly "), Want::Predicates);
        assert_eq!(wants("r: a(X), "), Want::Predicates);
        assert_eq!(wants("r: a(X) => "), Want::Predicates);
        assert_eq!(wants("r: a(X"), Want::Nothing);
        assert_eq!(wants("query \"Why? # not a comment\" "), Want::Predicates);
        assert_eq!(wants("# r: a(X) =>\n"), Want::StatementStart);
        assert_eq!(wants("source s \"a. b\" "), Want::Nothing);
        assert_eq!(wants("a(x).\n# r: a(X) => "), Want::Nothing);
        assert_eq!(wants("r: a(X) => b(X) from s. # from "), Want::Nothing);
        assert_eq!(wants("query \"from "), Want::Nothing);
    }
}
