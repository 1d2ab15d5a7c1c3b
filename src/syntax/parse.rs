//! The parser driver: text → [`Ast`], every syntax error of the file reported.
//!
//! The text is cut into items lexically (an item ends at a `.`, a `{`, or before a `}` outside
//! strings and comments; the language has no other `.`), and chunks of 256 items are handed to the
//! pest rule `items`; a chunk that fails is parsed again item by item (rule `item`), and an item that
//! fails once more by the parser with named punctuation, for the message. This keeps the parse
//! iterative and in constant stack for any file length, makes error recovery trivial (the next item
//! starts where the failed one ended), and keeps pest's error reporting local to one item, so that a
//! 100 MB line with errors costs linear time.

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::{Pair, Pairs};

use super::ast::{Ast, BodyItem, Expectation, Ident, Item, ItemKind, Literal, Term, TermKind};
use super::hints;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::intern::Interner;
use crate::logic::{Arrow, CmpOp, Verdict};
use crate::source::{FileId, Span};

/// The parser that builds the syntax tree: fewer pairs and fewer tests per character than the
/// error parser (grammar/tree_parser.pest says which rules differ, and why).
mod tree {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/argcheck.pest"]
    #[grammar = "../grammar/tree_parser.pest"]
    pub(super) struct TreeParser;
}

/// The parser that explains a syntax error: punctuation rules are named, so pest can say which
/// one it expected. Same language as [`tree::TreeParser`]; only used on items that failed.
mod explain {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/argcheck.pest"]
    #[grammar = "../grammar/error_parser.pest"]
    pub(super) struct ErrorParser;
}

use explain::{ErrorParser, Rule as ERule};
use tree::{Rule, TreeParser};

/// At most this many syntax errors are reported per file; past it the rest of the file is skipped.
const MAX_SYNTAX_ERRORS: usize = 100;

/// Items handed to pest in one call (amortises the parser's set-up, bounds its token queue).
const CHUNK_ITEMS: usize = 256;

/// Parse one file. Syntax errors go to `diags`; the AST holds every item that parsed, with its
/// names interned in `names`.
///
/// The text is cut into chunks of whole items (a lexical scan that also collects the comments),
/// each chunk is parsed, and its position brackets are checked as its items join the file's.
pub fn parse(file: FileId, text: &str, names: &mut Interner, diags: &mut Diagnostics) -> Ast {
    let mut ast = Ast::default();
    let bytes = text.as_bytes();
    let mut cx = Builder::new(file, names, diags);
    // The position block open after the items so far.
    let mut open: Option<Span> = None;
    let mut cuts: Vec<(usize, usize)> = Vec::with_capacity(CHUNK_ITEMS);
    let mut chunk_items = Vec::with_capacity(CHUNK_ITEMS);
    let mut pos = 0;
    loop {
        cuts.clear();
        let first_comment = ast.comments.len();
        let mut unterminated = None;
        while cuts.len() < CHUNK_ITEMS {
            pos = skip_trivia(bytes, pos, file, &mut ast.comments);
            if pos >= bytes.len() {
                break;
            }
            let cut = cut_item(bytes, pos, file, &mut ast.comments);
            if let Some(quote) = cut.unterminated_string {
                unterminated = Some(quote);
                break;
            }
            cuts.push((pos, cut.end));
            pos = cut.end;
        }
        if !cuts.is_empty() {
            if cx.errors >= MAX_SYNTAX_ERRORS {
                let at = cuts[0].0;
                cx.diags.push(
                    Diagnostic::new(
                        Code::Syntax,
                        "too many syntax errors; the rest of the file was not read",
                    )
                    .with_label(Span::new(file, at, at), "reading stopped here")
                    .with_help(format!(
                        "Fix the first {MAX_SYNTAX_ERRORS} errors and run again."
                    )),
                );
                return finish(ast, open, &mut cx, bytes.len());
            }
            cx.chunk(
                text,
                &cuts,
                &ast.comments[first_comment..],
                &mut chunk_items,
            );
            for item in chunk_items.drain(..) {
                if cx.bracket_fits(&item, &mut open) {
                    ast.items.push(item);
                }
            }
        }
        if let Some(quote) = unterminated {
            cx.error(
                Diagnostic::new(Code::Syntax, "unterminated string")
                    .with_label(
                        Span::new(file, quote, bytes.len()),
                        "this string is never closed",
                    )
                    .with_help("Close the string with `\"`; write `\\\"` for a quote inside it."),
            );
            break;
        }
        if pos >= bytes.len() {
            break;
        }
    }
    finish(ast, open, &mut cx, bytes.len())
}

/// Close a position block left open at the end of the file (reporting it).
fn finish(mut ast: Ast, open: Option<Span>, cx: &mut Builder, len: usize) -> Ast {
    if let Some(span) = open {
        cx.error(
            Diagnostic::new(Code::Syntax, "position block is not closed")
                .with_label(span, "this block has no closing `}`")
                .with_help("Add `}` after the last statement of the position."),
        );
        ast.items.push(Item {
            kind: ItemKind::PositionClose,
            span: Span::new(cx.file, len, len),
        });
    }
    ast
}

/// The tree parser on `text`, or `None` where the text is not in the language. The tree parser
/// takes any Unicode identifier character (grammar/tree_parser.pest): text with a non-ASCII
/// character outside strings is not in the language, so it goes the way of an error, to the
/// parser that explains it.
fn parse_tree(start: Rule, text: &str) -> Option<Pairs<'_, Rule>> {
    if has_non_ascii_outside_strings(text) {
        return None;
    }
    TreeParser::parse(start, text).ok()
}

/// Whether `text` (comments blanked) has a non-ASCII character outside its strings, where the
/// language has none (an unclosed string runs to the end).
fn has_non_ascii_outside_strings(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => match string_end(bytes, i) {
                Some(end) => i = end,
                None => return false,
            },
            b if b >= 0x80 => return true,
            _ => i += 1,
        }
    }
    false
}

/// Where the string whose opening quote is at `quote` ends (after its closing quote), read as the
/// grammar reads it: `\` escapes the next byte. `None` if it is never closed.
fn string_end(bytes: &[u8], quote: usize) -> Option<usize> {
    let mut i = quote + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// Skip white space and comments from `pos`; record the comments.
fn skip_trivia(bytes: &[u8], mut pos: usize, file: FileId, comments: &mut Vec<Span>) -> usize {
    while pos < bytes.len() {
        match bytes[pos] {
            b' ' | b'\t' | b'\r' | b'\n' => pos += 1,
            b'#' => {
                let end = line_end(bytes, pos);
                comments.push(Span::new(file, pos, end));
                pos = end;
            }
            _ => break,
        }
    }
    pos
}

fn line_end(bytes: &[u8], pos: usize) -> usize {
    bytes[pos..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| pos + i)
}

/// The bytes `cut_item` stops at: `.`, `{`, `}`, `#` and `"`.
static CUT_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'{' as usize] = true;
    t[b'}' as usize] = true;
    t[b'#' as usize] = true;
    t[b'"' as usize] = true;
    t
};

struct Cut {
    end: usize,
    unterminated_string: Option<usize>,
}

/// Find where the item starting at `pos` ends: after the first `.` or `{`, or before a `}` that is
/// not the item's first character, outside strings and comments (whose spans are recorded).
fn cut_item(bytes: &[u8], pos: usize, file: FileId, comments: &mut Vec<Span>) -> Cut {
    let mut i = pos;
    while i < bytes.len() {
        // Most bytes are none of the five that matter: skip them in a tight loop.
        match bytes[i..].iter().position(|&b| CUT_BYTES[b as usize]) {
            Some(k) => i += k,
            None => break,
        }
        match bytes[i] {
            b'.' | b'{' => {
                return Cut {
                    end: i + 1,
                    unterminated_string: None,
                };
            }
            b'}' => {
                return Cut {
                    end: if i == pos { i + 1 } else { i },
                    unterminated_string: None,
                };
            }
            b'#' => {
                let end = line_end(bytes, i);
                comments.push(Span::new(file, i, end));
                i = end;
            }
            b'"' => match string_end(bytes, i) {
                Some(end) => i = end,
                None => {
                    return Cut {
                        end: bytes.len(),
                        unterminated_string: Some(i),
                    };
                }
            },
            _ => i += 1,
        }
    }
    Cut {
        end: bytes.len(),
        unterminated_string: None,
    }
}

struct Builder<'a> {
    file: FileId,
    /// Offset in the file of the text pest is parsing (a chunk, or one item of it).
    base: usize,
    /// Room for the body of the rule being built (see `rule`).
    body: Vec<BodyItem>,
    names: &'a mut Interner,
    diags: &'a mut Diagnostics,
    errors: usize,
}

impl<'a> Builder<'a> {
    fn new(file: FileId, names: &'a mut Interner, diags: &'a mut Diagnostics) -> Builder<'a> {
        Builder {
            file,
            base: 0,
            body: Vec::new(),
            names,
            diags,
            errors: 0,
        }
    }

    /// Parse one chunk of whole items (`cuts`, with the comments recorded among them) into
    /// `out`: all at once, or item by item when it has an error.
    fn chunk(
        &mut self,
        text: &str,
        cuts: &[(usize, usize)],
        comments: &[Span],
        out: &mut Vec<Item>,
    ) {
        let (chunk_start, chunk_end) = (cuts[0].0, cuts[cuts.len() - 1].1);
        // Comments become spaces (the grammar treats them as white space, see
        // grammar/argcheck.pest). The comments before the first item lie outside the chunk.
        let blanked;
        let inside = comments
            .iter()
            .filter(|c| c.start as usize >= chunk_start && c.end as usize <= chunk_end);
        let slice = if inside.clone().next().is_none() {
            &text[chunk_start..chunk_end]
        } else {
            let mut bytes = text.as_bytes()[chunk_start..chunk_end].to_vec();
            for c in inside {
                bytes[c.start as usize - chunk_start..c.end as usize - chunk_start].fill(b' ');
            }
            // A comment runs from `#` to the end of its line: whole characters became spaces.
            blanked = String::from_utf8(bytes).expect("blanking whole characters keeps UTF-8");
            blanked.as_str()
        };
        self.base = chunk_start;
        if let Some(mut pairs) = parse_tree(Rule::items, slice) {
            let chunk = pairs.next().expect("the items rule yields its pair");
            self.items(chunk.into_inner(), out);
            return;
        }
        // Find each error, item by item.
        for &(start, end) in cuts {
            let item_text = &slice[start - chunk_start..end - chunk_start];
            self.base = start;
            match parse_tree(Rule::item, item_text) {
                Some(mut pairs) => {
                    let pair = pairs.next().expect("the item rule yields its pair");
                    self.items(pair.into_inner(), out);
                }
                None => {
                    let d = self.explain_error(item_text);
                    self.error(d);
                    // A broken `position … {` still opens a block: keep the later `}` from
                    // erring.
                    if item_text.starts_with("position") && item_text.ends_with('{') {
                        out.push(Item {
                            kind: ItemKind::PositionOpen {
                                name: Ident {
                                    sym: self.names.intern("?"),
                                    span: Span::new(self.file, start, start),
                                },
                                title: None,
                                extends: Vec::new(),
                            },
                            span: Span::new(self.file, start, end),
                        });
                    }
                }
            }
        }
    }

    /// Whether `item` may join the file given the block `open` before it (which it updates): a
    /// misplaced position bracket is reported and dropped.
    fn bracket_fits(&mut self, item: &Item, open: &mut Option<Span>) -> bool {
        match (&item.kind, *open) {
            (ItemKind::PositionOpen { .. }, Some(outer)) => {
                self.error(
                    Diagnostic::new(Code::Syntax, "positions cannot be nested")
                        .with_label(item.span, "a position inside another")
                        .with_label(outer, "the enclosing position starts here")
                        .with_help("Close the enclosing position with `}` first; use `extends` to build one position on another."),
                );
                false
            }
            (ItemKind::PositionOpen { .. }, None) => {
                *open = Some(item.span);
                true
            }
            (ItemKind::PositionClose, None) => {
                self.error(
                    Diagnostic::new(Code::Syntax, "unexpected `}`")
                        .with_label(item.span, "no position block is open here")
                        .with_help("Remove this `}`, or open a block with `position NAME {`."),
                );
                false
            }
            (ItemKind::PositionClose, Some(_)) => {
                *open = None;
                true
            }
            _ => true,
        }
    }

    fn error(&mut self, d: Diagnostic) {
        self.errors += 1;
        self.diags.push(d);
    }

    fn span(&self, s: pest::Span) -> Span {
        Span::new(self.file, self.base + s.start(), self.base + s.end())
    }

    fn ident(&mut self, p: Pair<Rule>) -> Ident {
        let span = self.span(p.as_span());
        self.check_not_keyword(p.as_str(), span);
        Ident {
            sym: self.names.intern(p.as_str()),
            span,
        }
    }

    /// The grammar lets a keyword through where a name belongs; say so here.
    fn check_not_keyword(&mut self, s: &str, span: Span) {
        if is_keyword(s) {
            self.error(
                Diagnostic::new(
                    Code::Syntax,
                    format!("`{s}` is a keyword and cannot be used as a name"),
                )
                .with_label(span, "keyword used as a name")
                .with_help(format!("Choose another name, e.g. `{s}_`.")),
            );
        }
    }

    /// The items of a sequence of statement pairs (the inside of `items` or `item`). A statement
    /// that starts with a name is two pairs: the `name`, then the `rule`, `superiority` or `fact`
    /// that follows it.
    fn items(&mut self, mut pairs: Pairs<Rule>, out: &mut Vec<Item>) {
        while let Some(p) = pairs.next() {
            match p.as_rule() {
                Rule::EOI => {}
                Rule::name => {
                    if let Some(tail) = pairs.next() {
                        self.name_led(p, tail, out);
                    }
                }
                _ => out.extend(self.item(p)),
            }
        }
    }

    /// A rule, superiority or fact: its leading `name` pair and the pair that follows.
    /// Pushed straight onto `out`: an item is 88 bytes, and returning it through an `Option` made
    /// copies that showed in profiles of fact-heavy files.
    fn name_led(&mut self, name: Pair<Rule>, tail: Pair<Rule>, out: &mut Vec<Item>) {
        let start = name.as_span().start();
        let span = Span::new(
            self.file,
            self.base + start,
            self.base + tail.as_span().end(),
        );
        let kind = match tail.as_rule() {
            Rule::rule => {
                let label = self.ident(name);
                let Some(rule) = self.rule(label, tail, span) else {
                    return;
                };
                ItemKind::Rule(Box::new(rule))
            }
            Rule::superiority => {
                let sup = self.ident(name);
                let Some(inf) = tail.into_inner().find(|p| p.as_rule() == Rule::name) else {
                    return;
                };
                let inf = self.ident(inf);
                ItemKind::Superiority { sup, inf }
            }
            Rule::fact => {
                let pred = self.ident(name);
                self.fact(false, start, pred, tail.into_inner())
            }
            _ => return,
        };
        out.push(Item { kind, span });
    }

    /// A fact from its sign, the offset where its literal starts, its predicate, and the pairs
    /// after the predicate (its argument terms, `from_part`).
    fn fact(&mut self, neg: bool, start: usize, pred: Ident, rest: Pairs<Rule>) -> ItemKind {
        let mut args = Vec::new();
        let mut end = pred.span.end as usize;
        let mut last_arg = None;
        let mut source = None;
        for p in rest {
            match p.as_rule() {
                Rule::from_part => source = Some(self.source_ref(p)),
                _ => {
                    last_arg = Some((p.get_input(), p.as_span().end()));
                    args.push(self.term(p));
                }
            }
        }
        // `args` is silent: the literal ends at the `)` after its last argument, with only white
        // space between.
        if let Some((input, after)) = last_arg {
            end = self.base + input[after..].find(')').map_or(after, |i| after + i + 1);
        }
        let lit = Literal {
            neg,
            pred,
            args: args.into(),
            span: Span::new(self.file, self.base + start, end),
        };
        ItemKind::Fact { lit, source }
    }

    /// The item of one statement pair that does not start with a name.
    fn item(&mut self, inner: Pair<Rule>) -> Option<Item> {
        let span = self.span(inner.as_span());
        let kind = match inner.as_rule() {
            Rule::negative_fact => {
                let start = inner.as_span().start();
                let mut parts = inner.into_inner();
                let pred = self.ident(parts.next()?);
                self.fact(true, start, pred, parts)
            }
            Rule::source_decl => {
                let mut name = None;
                let mut citation = String::new();
                for p in inner.into_inner() {
                    match p.as_rule() {
                        Rule::name => name = Some(self.ident(p)),
                        Rule::string => citation = unescape(p.as_str()),
                        _ => {}
                    }
                }
                ItemKind::Source {
                    name: name?,
                    citation,
                }
            }
            Rule::predicate_decl => {
                let mut name = None;
                let mut params = Vec::new();
                let mut template = String::new();
                for p in inner.into_inner() {
                    match p.as_rule() {
                        Rule::name => name = Some(self.ident(p)),
                        Rule::params => {
                            for v in p.into_inner().filter(|v| v.as_rule() == Rule::variable) {
                                params.push(self.ident(v));
                            }
                        }
                        Rule::string => template = unescape(p.as_str()),
                        _ => {}
                    }
                }
                ItemKind::Predicate {
                    name: name?,
                    params,
                    template,
                }
            }
            Rule::position_open => {
                let mut name = None;
                let mut title = None;
                let mut extends = Vec::new();
                for p in inner.into_inner() {
                    match p.as_rule() {
                        Rule::name => name = Some(self.ident(p)),
                        Rule::string => title = Some(unescape(p.as_str())),
                        Rule::extends_part => {
                            for n in p.into_inner().filter(|n| n.as_rule() == Rule::name) {
                                if n.as_str() == "common" {
                                    let span = self.span(n.as_span());
                                    self.error(
                                        Diagnostic::new(Code::Syntax, "a position cannot extend `common`: it includes common ground already")
                                            .with_label(span, "included anyway")
                                            .with_help("Every position includes the statements outside every position block: remove `common` from `extends` (and `extends` if nothing is left)."),
                                    );
                                    continue;
                                }
                                extends.push(self.ident(n));
                            }
                        }
                        _ => {}
                    }
                }
                ItemKind::PositionOpen {
                    name: name?,
                    title,
                    extends,
                }
            }
            Rule::position_close => ItemKind::PositionClose,
            Rule::retract_stmt => {
                let lit = self.literal(inner.into_inner().find(|p| p.as_rule() == Rule::literal)?);
                ItemKind::Retract { lit }
            }
            Rule::name_decl => {
                let mut constant = None;
                let mut display = String::new();
                for p in inner.into_inner() {
                    match p.as_rule() {
                        Rule::name => constant = Some(self.ident(p)),
                        Rule::string => display = unescape(p.as_str()),
                        _ => {}
                    }
                }
                ItemKind::Name {
                    constant: constant?,
                    display,
                }
            }
            Rule::reject_stmt => {
                let label = self.ident(inner.into_inner().find(|p| p.as_rule() == Rule::name)?);
                ItemKind::Reject { label }
            }
            Rule::query_stmt => {
                let mut text = None;
                let mut lit = None;
                for p in inner.into_inner() {
                    match p.as_rule() {
                        Rule::string => text = Some(unescape(p.as_str()).into_boxed_str()),
                        Rule::literal => lit = Some(self.literal(p)),
                        _ => {}
                    }
                }
                ItemKind::Query { text, lit: lit? }
            }
            Rule::expect_stmt => {
                let mut position = None;
                let mut position_span = span;
                let mut verdict = Verdict::Undecided;
                let mut strictly = false;
                let mut lit = None;
                for p in inner.into_inner() {
                    match p.as_rule() {
                        Rule::kw_common => position_span = self.span(p.as_span()),
                        Rule::name => {
                            let id = self.ident(p);
                            position_span = id.span;
                            position = Some(id);
                        }
                        Rule::verdict => {
                            for v in p.into_inner() {
                                match v.as_rule() {
                                    Rule::kw_holds => verdict = Verdict::Holds,
                                    Rule::kw_denied => verdict = Verdict::Denied,
                                    Rule::kw_undecided => verdict = Verdict::Undecided,
                                    Rule::kw_strictly => strictly = true,
                                    _ => {}
                                }
                            }
                        }
                        Rule::literal => lit = Some(self.literal(p)),
                        _ => {}
                    }
                }
                ItemKind::Expect(Box::new(Expectation {
                    position,
                    position_span,
                    verdict,
                    strictly,
                    lit: lit?,
                }))
            }
            Rule::import_stmt => {
                let p = inner.into_inner().find(|p| p.as_rule() == Rule::string)?;
                ItemKind::Import {
                    path: unescape(p.as_str()),
                    path_span: self.span(p.as_span()),
                }
            }
            _ => return None,
        };
        Some(Item { kind, span })
    }

    fn source_ref(&mut self, p: Pair<Rule>) -> Ident {
        let name = p
            .into_inner()
            .find(|n| n.as_rule() == Rule::name)
            .expect("from_part has a name");
        self.ident(name)
    }

    /// A rule from its label and the `rule` pair after it.
    fn rule(&mut self, label: Ident, p: Pair<Rule>, span: Span) -> Option<Rule_> {
        // The body is gathered in a vector kept from rule to rule and then copied out at its exact
        // size: a fresh vector per rule was grown for the first literal and shrunk at the end.
        let mut body = std::mem::take(&mut self.body);
        let mut arrow = None;
        let mut head = None;
        let mut unless = None;
        let mut source = None;
        for q in p.into_inner() {
            match q.as_rule() {
                // Literals before the arrow are the body; the one after it is the head.
                Rule::literal if arrow.is_none() => body.push(BodyItem::Lit(self.literal(q))),
                Rule::comparison => body.push(self.comparison(q)?),
                Rule::arrow => {
                    arrow = Some(match q.as_str() {
                        "->" => Arrow::Strict,
                        "~>" => Arrow::Defeater,
                        _ => Arrow::Defeasible,
                    })
                }
                Rule::literal => head = Some(self.literal(q)),
                Rule::unless_part => unless = Some(self.body_items(q)),
                Rule::from_part => source = Some(self.source_ref(q)),
                _ => {}
            }
        }
        let exact: Box<[BodyItem]> = body.drain(..).collect();
        self.body = body;
        Some(Rule_ {
            label,
            body: exact,
            arrow: arrow?,
            head: head?,
            unless: unless.map(Vec::into_boxed_slice),
            source,
            span,
        })
    }

    fn body_items(&mut self, p: Pair<Rule>) -> Vec<BodyItem> {
        let mut items = Vec::new();
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::literal => items.push(BodyItem::Lit(self.literal(q))),
                Rule::comparison => items.extend(self.comparison(q)),
                _ => {}
            }
        }
        items
    }

    fn comparison(&mut self, q: Pair<Rule>) -> Option<BodyItem> {
        let span = self.span(q.as_span());
        let mut parts = q.into_inner();
        let (l, op, r) = (parts.next()?, parts.next()?, parts.next()?);
        let op = match op.as_str() {
            "=" => CmpOp::Eq,
            "!=" => CmpOp::Ne,
            "<" => CmpOp::Lt,
            "<=" => CmpOp::Le,
            ">" => CmpOp::Gt,
            _ => CmpOp::Ge,
        };
        let left = self.term(l);
        let right = self.term(r);
        Some(BodyItem::Cmp {
            left: Box::new(left),
            op,
            right: Box::new(right),
            span,
        })
    }

    /// A literal's pairs are its predicate's name and then its arguments' terms: `neg` and `args`
    /// are silent in the tree parser (grammar/tree_parser.pest), so the sign is read off the text.
    fn literal(&mut self, p: Pair<Rule>) -> Literal {
        let span = self.span(p.as_span());
        let neg = p.as_str().starts_with('~');
        let mut parts = p.into_inner();
        let pred = self.ident(parts.next().expect("a literal has a predicate name"));
        let args: Vec<Term> = parts.map(|t| self.term(t)).collect();
        Literal {
            neg,
            pred,
            args: args.into(),
            span,
        }
    }

    fn term(&mut self, p: Pair<Rule>) -> Term {
        let span = self.span(p.as_span());
        let s = p.as_str();
        let kind = match p.as_rule() {
            Rule::name => {
                self.check_not_keyword(s, span);
                TermKind::Name(self.names.intern(s))
            }
            Rule::variable if s == "_" => TermKind::Anon,
            Rule::variable => TermKind::Var(self.names.intern(s)),
            Rule::string => TermKind::Str(self.names.intern(&unescape(s))),
            Rule::integer => match s.parse::<i64>() {
                Ok(n) => TermKind::Int(n),
                Err(_) => {
                    self.error(
                        Diagnostic::new(Code::Syntax, "integer out of range")
                            .with_label(span, "does not fit in 64 bits")
                            .with_help(format!(
                                "Integers range from {} to {}.",
                                i64::MIN,
                                i64::MAX
                            )),
                    );
                    TermKind::Int(0)
                }
            },
            Rule::date => match parse_date(s) {
                Some(days) => TermKind::Date(days),
                None => {
                    let (part, label, message, help) = hints::invalid_date(s);
                    let start = span.start as usize;
                    self.error(
                        Diagnostic::new(Code::InvalidDate, message)
                            .with_label(
                                Span::new(self.file, start + part.start, start + part.end),
                                label,
                            )
                            .with_help(help),
                    );
                    TermKind::Date(0)
                }
            },
            _ => TermKind::Anon,
        };
        Term { kind, span }
    }

    /// The diagnostic of an item that did not parse, from the parser with named punctuation: a
    /// newcomer's mistake in its own words when it is one (`hints`), else what the parser expected.
    fn explain_error(&mut self, item_text: &str) -> Diagnostic {
        match ErrorParser::parse(ERule::item, item_text) {
            Err(e) => {
                let stop = match e.location {
                    InputLocation::Pos(p) => p,
                    InputLocation::Span((s, _)) => s,
                };
                let at = hints::At {
                    file: self.file,
                    base: self.base,
                };
                hints::non_ascii(at, item_text, stop)
                    .or_else(|| hints::bad_escape(at, item_text, stop))
                    .or_else(|| hints::unless_after_from(at, item_text, stop))
                    .or_else(|| hints::misspelled_date(at, item_text, stop))
                    .or_else(|| hints::unlabelled_rule(at, item_text))
                    .unwrap_or_else(|| self.convert_error(&e, item_text))
            }
            // Unreachable while the two parsers share the grammar; say so rather than panic.
            Ok(_) => Diagnostic::new(Code::Syntax, "this statement could not be read")
                .with_label(
                    Span::new(self.file, self.base, self.base + item_text.len()),
                    "here",
                )
                .with_help("Please report this as a bug in argcheck, with the statement."),
        }
    }

    fn convert_error(&mut self, e: &pest::error::Error<ERule>, slice: &str) -> Diagnostic {
        let at = match e.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        let at_stop = at;
        let found = describe_found(&slice[at..]);
        let token_len = found.1;
        let span = Span::new(self.file, self.base + at, self.base + at + token_len);
        let mut expected: Vec<&'static str> = match &e.variant {
            ErrorVariant::ParsingError { positives, .. } => {
                positives.iter().filter_map(|r| describe_rule(*r)).collect()
            }
            ErrorVariant::CustomError { .. } => Vec::new(),
        };
        expected.sort_unstable();
        expected.dedup();
        let found_text = found.0;
        // `source: ...` or `from(x).`: a keyword where a name was meant.
        let lead_len = slice
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(slice.len());
        let lead = &slice[..lead_len];
        let after = slice[lead_len..].trim_start();
        let (at, token_len, span) = if is_keyword(lead)
            && (after.starts_with(':') || after.starts_with('(') || after.starts_with('.'))
        {
            (
                0,
                lead_len,
                Span::new(self.file, self.base, self.base + lead_len),
            )
        } else {
            (at, token_len, span)
        };
        let keyword_misuse = (at == 0 && is_keyword(lead) && token_len == lead_len)
            || (expected.iter().any(|e| e.contains("name"))
                && is_keyword(&slice[at..at + token_len]));
        let (message, label, help) = if keyword_misuse {
            let kw = &slice[at..at + token_len];
            (
                format!("`{kw}` is a keyword and cannot be used as a name"),
                "keyword used as a name".to_string(),
                format!("Choose another name, e.g. `{kw}_`."),
            )
        } else if let Some(d) = expected
            .contains(&"`.` to end the statement")
            .then(|| {
                let at = hints::At {
                    file: self.file,
                    base: self.base,
                };
                hints::missing_dot(at, slice, at_stop)
            })
            .flatten()
        {
            return d;
        } else if expected == ["`.` to end the statement"] {
            (
                format!("expected `.` to end the statement, found {found_text}"),
                "expected `.` here".to_string(),
                "End every statement with `.` (a position block ends with `}` instead)."
                    .to_string(),
            )
        } else {
            let list = join_or(&expected);
            (
                format!("expected {list}, found {found_text}"),
                format!("expected {list}"),
                help_for(&expected),
            )
        };
        Diagnostic::new(Code::Syntax, message)
            .with_label(span, label)
            .with_help(help)
    }
}

use super::ast::Rule as Rule_;

pub(super) fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "source"
            | "predicate"
            | "from"
            | "position"
            | "extends"
            | "reject"
            | "retract"
            | "name"
            | "query"
            | "expect"
            | "holds"
            | "denied"
            | "undecided"
            | "strictly"
            | "unless"
            | "import"
            | "common"
    )
}

/// What the user wrote at the error position, in words, and the length of that token.
fn describe_found(rest: &str) -> (String, usize) {
    let Some(c) = rest.chars().next() else {
        return ("the end of the file".to_string(), 0);
    };
    if c.is_ascii_alphanumeric() || c == '_' {
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let word: String = rest[..len].chars().take(40).collect();
        return (format!("`{word}`"), len);
    }
    if c.is_whitespace() {
        return ("white space".to_string(), c.len_utf8());
    }
    if c == '\0' {
        return ("a NUL byte".to_string(), 1);
    }
    // Control characters escaped (never written raw to a terminal), the rest as typed, with the
    // code point of a character outside ASCII (`⇒` and `=>` look alike).
    let text = if c.is_control() {
        format!("`{}`", c.escape_default())
    } else if c.is_ascii() {
        format!("`{c}`")
    } else {
        format!("`{c}` (U+{:04X})", c as u32)
    };
    (text, c.len_utf8())
}

fn describe_rule(r: ERule) -> Option<&'static str> {
    Some(match r {
        ERule::dot => "`.` to end the statement",
        ERule::colon => "`:`",
        ERule::comma => "`,`",
        ERule::gt => "`>`",
        ERule::lparen => "`(`",
        ERule::rparen => "`)`",
        ERule::lbrace => "`{` to open the position",
        ERule::rbrace => "`}`",
        ERule::arrow => "an arrow (`->`, `=>` or `~>`)",
        ERule::cmp_op => "a comparison operator",
        ERule::name => "a name",
        ERule::variable => "a variable",
        ERule::literal => "a literal",
        ERule::date | ERule::integer | ERule::string => "a term",
        ERule::comparison => "a comparison",
        ERule::verdict | ERule::kw_holds | ERule::kw_denied | ERule::kw_undecided => {
            "a verdict (`holds`, `denied` or `undecided`)"
        }
        ERule::kw_strictly => "`strictly`",
        ERule::kw_from => "`from`",
        ERule::kw_unless => "`unless`",
        ERule::kw_extends => "`extends`",
        ERule::kw_retract => "`retract`",
        ERule::kw_name => "`name`",
        ERule::kw_common => "a position name",
        ERule::params => "`(`",
        ERule::item | ERule::fact | ERule::negative_fact | ERule::rule | ERule::superiority => {
            "a statement"
        }
        ERule::EOI => "the end of the statement",
        ERule::neg => "`~`",
        _ => return None,
    })
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

fn help_for(expected: &[&str]) -> String {
    if expected.iter().any(|e| e.starts_with("an arrow")) {
        "A rule reads `label: body => head.`: use `->` for a strict rule, `=>` for a defeasible one, `~>` for a defeater.".to_string()
    } else if expected.contains(&"a statement") || expected.contains(&"a literal") {
        "A statement is a fact `p(a).`, a rule `label: p(X) => q(X).`, a superiority `r1 > r2.`, or a declaration (`source`, `predicate`, `position`, `query`, `expect`, `import`).".to_string()
    } else if expected.iter().any(|e| e.starts_with("a verdict")) {
        "Write the expectation as `expect POSITION: holds|denied|undecided LITERAL.`".to_string()
    } else {
        "Check the statement against the forms in docs/language.md, \"Statements\".".to_string()
    }
}

/// Undo the escapes of a quoted string (`"..."`, quotes included).
fn unescape(quoted: &str) -> String {
    let inner = &quoted[1..quoted.len() - 1];
    if !inner.contains('\\') {
        return inner.to_string();
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `text` is one item of the language (for a suggested rewrite of a statement).
pub(super) fn is_valid_item(text: &str) -> bool {
    !has_non_ascii_outside_strings(text) && ErrorParser::parse(ERule::item, text).is_ok()
}

/// `YYYY-MM-DD` → days since 1970-01-01, if the day exists (proleptic Gregorian).
pub(crate) fn parse_date(s: &str) -> Option<i32> {
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

// Howard Hinnant's days-from-civil algorithm.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Days since 1970-01-01 → `YYYY-MM-DD`.
pub fn days_to_date(z: i32) -> String {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two parsers differ in whether punctuation, signs and argument lists make pairs, in
    /// how `body_item` chooses between a literal and a comparison, and in `ident_char` (Unicode in
    /// the tree parser, which never sees non-ASCII outside strings): they must accept the same
    /// items, or an error would be reported without an explanation (or a valid item rejected).
    #[test]
    fn tree_and_error_parsers_accept_the_same_items() {
        const TOKENS: [&str; 42] = [
            "a",
            "é",
            "aé",
            "Xé",
            "\"é\\\"é\"",
            ">=",
            "<=",
            "r1",
            "p",
            "X",
            "_",
            "~",
            "(",
            ")",
            ",",
            ".",
            ":",
            "=>",
            "->",
            "~>",
            ">",
            "<",
            "=",
            "!=",
            "{",
            "}",
            "\"s\"",
            "12",
            "-3",
            "2023-11-16",
            "from",
            "unless",
            "source",
            "predicate",
            "position",
            "extends",
            "reject",
            "query",
            "expect",
            "holds",
            "retract",
            "name",
        ];
        // Valid items, each then mutated at up to two random places (a token replaced, dropped or
        // added), so that both valid items and near misses are compared.
        const VALID: [&str; 17] = [
            "r1 : p ( X , a ) , X != 12 => ~ q ( X ) unless s ( X ) from src .",
            "r1 : a = b , a ( X ) , c >= X , ~ d -> q unless a < b , e .",
            "r1 : a , b ~> q unless c , d >= 3 .",
            "r1 : a ( X ) , b => q ( X ) .",
            "p ( a , \"s\" , 2023-11-16 , -3 ) from src .",
            "~ p ( a ) .",
            "r1 > r2 .",
            "source src \"s\" .",
            "predicate p ( X , Y ) \"s\" .",
            "position p \"s\" extends a , b {",
            "}",
            "reject r1 .",
            "retract ~ p ( a , 3 ) .",
            "name a \"s\" .",
            "query \"s\" p ( X ) .",
            "expect common : holds strictly p ( a ) .",
            "import \"s\" .",
        ];
        let mut next = crate::syntax::xorshift(0x2545_f491_4f6c_dd1d);
        let mut accepted = 0;
        for _ in 0..20_000 {
            let words = crate::syntax::mutated(&mut next, &VALID, &TOKENS, 0);
            let item = words.join(" ");
            let tree = parse_tree(Rule::item, &item).is_some();
            let error = ErrorParser::parse(ERule::item, &item).is_ok();
            assert_eq!(tree, error, "the parsers disagree on `{item}`");
            accepted += usize::from(tree);
        }
        // The soup must reach valid items too, or the test would only compare failures.
        assert!(
            (2_000..18_000).contains(&accepted),
            "{accepted} of 20,000 items parsed"
        );
    }

    /// `neg` and `args` make no pairs in the tree parser: a literal's sign, arguments and span
    /// come from its text, including a string argument that holds a `)`.
    #[test]
    fn literal_signs_arguments_and_spans() {
        let text = "p(a).\n~q( b , \"x)y\" ) from s.\nr.\nk: ~p(X), q(X, 3) => ~r(X, \"(\").\n";
        let mut names = Interner::new();
        let mut diags = Diagnostics::new();
        let ast = parse(FileId(0), text, &mut names, &mut diags);
        assert!(diags.0.is_empty(), "{:?}", diags.0);
        let show = |l: &Literal| {
            let args: Vec<String> = l
                .args
                .iter()
                .map(|t| match t.kind {
                    TermKind::Name(s) | TermKind::Var(s) | TermKind::Str(s) => {
                        names.resolve(s).to_string()
                    }
                    TermKind::Int(n) => n.to_string(),
                    _ => "?".to_string(),
                })
                .collect();
            let span = &text[l.span.start as usize..l.span.end as usize];
            format!(
                "{}{}{:?} `{span}`",
                if l.neg { "~" } else { "" },
                names.resolve(l.pred.sym),
                args
            )
        };
        let mut seen = Vec::new();
        for item in ast.items.iter() {
            match &item.kind {
                ItemKind::Fact { lit, .. } => seen.push(show(lit)),
                ItemKind::Rule(rule) => {
                    for b in rule.body.iter() {
                        if let BodyItem::Lit(l) = b {
                            seen.push(show(l));
                        }
                    }
                    seen.push(show(&rule.head));
                }
                _ => {}
            }
        }
        assert_eq!(
            seen,
            [
                "p[\"a\"] `p(a)`",
                "~q[\"b\", \"x)y\"] `~q( b , \"x)y\" )`",
                "r[] `r`",
                "~p[\"X\"] `~p(X)`",
                "q[\"X\", \"3\"] `q(X, 3)`",
                "~r[\"X\", \"(\"] `~r(X, \"(\")`",
            ]
        );
    }

    /// The tree parser's `ident_char` is pest's XID_CONTINUE; on ASCII it must be exactly the
    /// error parser's letters, digits and `_`.
    #[test]
    fn xid_continue_on_ascii_is_letters_digits_and_underscore() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(
                pest::unicode::XID_CONTINUE(c),
                c.is_ascii_alphanumeric() || c == '_',
                "{c:?}"
            );
        }
    }

    #[test]
    fn non_ascii_is_found_outside_strings_only() {
        assert!(!has_non_ascii_outside_strings("p(a)."));
        assert!(!has_non_ascii_outside_strings("p(\"café\")."));
        assert!(!has_non_ascii_outside_strings("p(\"a\\\"é\")."));
        assert!(has_non_ascii_outside_strings("café(a)."));
        assert!(has_non_ascii_outside_strings("p(\"a\", é)."));
        assert!(has_non_ascii_outside_strings("p(\"a\\\"\", \"b\") é."));
    }

    #[test]
    fn dates_round_trip() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2023-11-16",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert_eq!(days_to_date(parse_date(s).unwrap()), s);
        }
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("1900-02-29"), None);
        assert_eq!(parse_date("2023-13-01"), None);
    }
}
