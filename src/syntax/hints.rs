//! The mistakes a newcomer makes first, recognised in an item that did not parse, each explained
//! in its own words instead of the grammar's ("expected `,` or `)`"): a rule without a label (or
//! written the Prolog way), a date not written YYYY-MM-DD, a letter outside ASCII in a name, a
//! typographic quote or an invisible character, and a missing `.` at the end of a line.
//!
//! Every function here looks at one item's text (comments blanked) and the offset where the
//! parser stopped, and returns a diagnostic only when it is sure of its reading; otherwise the
//! driver's general message is used.

use super::parse::{is_keyword, is_valid_item, parse_date};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// Where an item is: its file and the offset of its first byte.
#[derive(Clone, Copy)]
pub(super) struct At {
    pub(super) file: FileId,
    pub(super) base: usize,
}

impl At {
    fn span(self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.base + start, self.base + end)
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The offset of the first `=>`, `->`, `~>` or `:-` outside strings, with the arrow.
fn find_arrow(item: &str) -> Option<(usize, &'static str)> {
    let bytes = item.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip the string (an unclosed one runs to the end).
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                continue;
            }
            b'=' | b'-' | b'~' if bytes[i + 1] == b'>' => {
                let arrow = match bytes[i] {
                    b'=' => "=>",
                    b'-' => "->",
                    _ => "~>",
                };
                return Some((i, arrow));
            }
            b':' if bytes[i + 1] == b'-' => return Some((i, ":-")),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The length of the label and `:` an item starts with (`name :`), if it has one.
fn label_prefix(item: &str) -> Option<usize> {
    let bytes = item.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    let name_end = bytes.iter().position(|&b| !is_ident_byte(b))?;
    let rest = &item[name_end..];
    let colon = name_end + (rest.len() - rest.trim_start().len());
    (bytes.get(colon) == Some(&b':') && bytes.get(colon + 1) != Some(&b'-')).then_some(colon + 1)
}

/// White space runs as single spaces: a statement as one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A label made from the conclusion's predicate: `immune(X)` gives `immune_rule`, `~immune(X)`
/// gives `not_immune_rule`.
fn label_for(head: &str) -> Option<String> {
    let head = head.trim_start();
    let (neg, head) = match head.strip_prefix('~') {
        Some(h) => (true, h.trim_start()),
        None => (false, head),
    };
    let len = head
        .bytes()
        .position(|b| !is_ident_byte(b))
        .unwrap_or(head.len());
    let pred = &head[..len];
    if !pred.bytes().next().is_some_and(|b| b.is_ascii_lowercase()) {
        return None;
    }
    Some(format!("{}{pred}_rule", if neg { "not_" } else { "" }))
}

/// `head(x) => immune(x).` or the Prolog `immune(X) :- head(X).`: a rule needs a label and is
/// written conditions first.
pub(super) fn unlabelled_rule(at: At, item: &str) -> Option<Diagnostic> {
    let lead = item
        .bytes()
        .position(|b| !is_ident_byte(b))
        .unwrap_or(item.len());
    if is_keyword(&item[..lead]) {
        return None;
    }
    let (arrow_at, arrow) = find_arrow(item)?;
    let statement = item.trim_end();
    let body_end = statement.strip_suffix('.').unwrap_or(statement);
    if arrow_at >= body_end.len() {
        return None;
    }
    let label = label_prefix(item);
    let span = at.span(0, statement.len());
    if arrow == ":-" {
        // `[label:] HEAD :- BODY.` → `label: BODY => HEAD.`
        let head_start = label.unwrap_or(0);
        let head = one_line(&item[head_start..arrow_at]);
        let body = one_line(&body_end[arrow_at + 2..]);
        let name = match label {
            Some(l) => Some(item[..l - 1].trim_end().to_string()),
            None => label_for(&head),
        };
        let suggestion = name
            .map(|n| format!("{n}: {body} => {head}."))
            .filter(|s| is_valid_item(s));
        let help = match suggestion {
            Some(s) => format!(
                "Write the conditions first, then `=>` and the conclusion (`->` for a rule that no exception can defeat):\n{s}"
            ),
            None => "Write the conditions first, then `=>` and the conclusion (`->` for a rule that no exception can defeat): `name: BODY => HEAD.`".to_string(),
        };
        let message = if label.is_some() {
            "a rule is written conditions first: `name: BODY => HEAD.`"
        } else {
            "a rule needs a label and is written conditions first: `name: BODY => HEAD.`"
        };
        return Some(
            Diagnostic::new(Code::Syntax, message)
                .with_label(span, "written the Prolog way, `HEAD :- BODY`")
                .with_help(help),
        );
    }
    if label.is_some() {
        return None; // a labelled rule with another mistake: the general message says which
    }
    let body = one_line(&item[..arrow_at]);
    let head = one_line(&body_end[arrow_at + 2..]);
    let rest = one_line(&item[..arrow_at + 2]) + " " + &head + ".";
    // `r1 head(x) => …`: a label without its `:`.
    let first_word = body.split(' ').next().unwrap_or("");
    let is_name = first_word
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase())
        && first_word.bytes().all(is_ident_byte);
    let without_colon = (is_name && body.len() > first_word.len())
        .then(|| format!("{first_word}: {}", rest[first_word.len()..].trim_start()))
        .filter(|s| is_valid_item(s));
    if let Some(s) = without_colon {
        // The item starts with the word: it ends where the `:` belongs.
        let end = first_word.len();
        return Some(
            Diagnostic::new(Code::Syntax, "a rule's label is followed by `:`")
                .with_label(at.span(end, end), "add `:` here")
                .with_help(format!(
                    "Write a `:` between the rule's label and its conditions:\n{s}"
                )),
        );
    }
    let suggestion = label_for(&head)
        .map(|n| format!("{n}: {rest}"))
        .filter(|s| is_valid_item(s));
    let help = match suggestion {
        Some(s) => format!(
            "Give the rule a name and a `:` before its conditions (priorities, `reject` and explanations refer to a rule by its name), for example:\n{s}"
        ),
        None => "Give the rule a name and a `:` before its conditions (priorities, `reject` and explanations refer to a rule by its name), as in `personal_immunity: head_of_state(P, S) => immune(P).`".to_string(),
    };
    Some(
        Diagnostic::new(Code::Syntax, "a rule needs a label: `name: BODY => HEAD.`")
            .with_label(span, "this rule has no label")
            .with_help(help),
    )
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2023-03-17` from numbers, if that day exists.
fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let s = format!("{y:04}-{m:02}-{d:02}");
    parse_date(&s).map(|_| s)
}

/// `17 March 2023`, for a date known to exist.
fn spoken(date: &str) -> String {
    let m: usize = date[5..7].parse().unwrap_or(1);
    let d: u32 = date[8..10].parse().unwrap_or(1);
    format!("{d} {} {}", MONTHS[m.clamp(1, 12) - 1], &date[..4])
}

/// `17-03-2023`, `2023/03/17`, `2023-3-17`, `17/03/2023`: a date in another spelling, where the
/// parser stopped (at `at`, inside or just after it).
pub(super) fn misspelled_date(at: At, item: &str, stop: usize) -> Option<Diagnostic> {
    let bytes = item.as_bytes();
    let is_part = |b: u8| b.is_ascii_digit() || b == b'-' || b == b'/';
    // The token around the stop: digits, `-` and `/`, not inside a name.
    let mut start = stop.min(bytes.len());
    while start > 0 && is_part(bytes[start - 1]) {
        start -= 1;
    }
    while start < stop && !bytes[start].is_ascii_digit() {
        start += 1; // a leading `-` is a sign or an arrow, not part of the date
    }
    if !bytes.get(start).is_some_and(u8::is_ascii_digit)
        || (start > 0 && is_ident_byte(bytes[start - 1]))
    {
        return None;
    }
    let end = (start..bytes.len())
        .find(|&i| !is_part(bytes[i]))
        .unwrap_or(bytes.len());
    if start >= end || stop < start || stop > end {
        return None;
    }
    let token = &item[start..end];
    let well_formed = token.len() == 10
        && token.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if well_formed {
        return None; // the mistake is elsewhere
    }
    let parts: Vec<&str> = token.split(['-', '/']).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let lens = (a.len(), b.len(), c.len());
    let short = |n: usize| (1..=2).contains(&n);
    let num = |s: &str| s.parse::<u32>().ok();
    let (a_n, b_n, c_n) = (num(a)?, num(b)?, num(c)?);
    // The readings of the token as a date, year first.
    let readings: Vec<String> = match lens {
        (4, m, d) if short(m) && short(d) => ymd(a_n, b_n, c_n).into_iter().collect(),
        (x, y, 4) if short(x) && short(y) => {
            let mut r: Vec<String> = [ymd(c_n, b_n, a_n), ymd(c_n, a_n, b_n)]
                .into_iter()
                .flatten()
                .collect();
            r.dedup();
            r
        }
        _ => return None,
    };
    let message = format!("`{token}` is not a date: dates are written YYYY-MM-DD");
    let span = at.span(start, end);
    let (label, help) = match &readings[..] {
        [one] => (
            format!("write `{one}`"),
            format!(
                "Write `{one}` ({}): the year, then the month and the day, each with two digits, separated by `-`.",
                spoken(one)
            ),
        ),
        [x, y] => (
            "day and month could be either way".to_string(),
            format!(
                "Write the year first, then the month and the day: `{x}` ({}) or `{y}` ({}).",
                spoken(x),
                spoken(y)
            ),
        ),
        _ => (
            "not a date".to_string(),
            "Write the year, then the month and the day, each with two digits, separated by `-`: e.g. `2023-03-17` for 17 March 2023.".to_string(),
        ),
    };
    Some(
        Diagnostic::new(Code::InvalidDate, message)
            .with_label(span, label)
            .with_help(help),
    )
}

/// What a date token `YYYY-MM-DD` that names no day gets wrong: the span (within the token) and
/// label of the wrong part, the message and the help.
pub(super) fn invalid_date(s: &str) -> (std::ops::Range<usize>, String, String, String) {
    let y: i32 = s[0..4].parse().unwrap_or(0);
    let m: u32 = s[5..7].parse().unwrap_or(0);
    let d: u32 = s[8..10].parse().unwrap_or(0);
    if !(1..=12).contains(&m) {
        let swapped = (d <= 12 && d > 0)
            .then(|| ymd(y as u32, d, m))
            .flatten()
            .map(|t| format!("; did you mean `{t}` ({})?", spoken(&t)))
            .unwrap_or_else(|| ".".to_string());
        return (
            5..7,
            format!("month {m:02}"),
            format!("`{s}` is not a date: there is no month {m:02}"),
            format!("Dates are written YYYY-MM-DD, the month (01 to 12) before the day{swapped}"),
        );
    }
    let last = (28..=31u32)
        .rev()
        .find(|&n| ymd(y as u32, m, n).is_some())
        .unwrap_or(28);
    let month = MONTHS[m as usize - 1];
    (
        8..10,
        format!("day {d:02}"),
        if d == 0 {
            format!("`{s}` is not a date: there is no day 00")
        } else {
            format!("`{s}` is not a date: {month} {y} has {last} days")
        },
        format!("Write a day from 01 to {last}, e.g. `{y:04}-{m:02}-{last}`."),
    )
}

/// Letters outside ASCII written as the ASCII letters they are made from: `é` → `e`.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ł' | 'ľ' => "l",
        'Ł' | 'Ľ' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    })
}

/// `... from SOURCE unless COND.`: the exception must come before the source.
pub(super) fn unless_after_from(at: At, item: &str, stop: usize) -> Option<Diagnostic> {
    let rest = item.get(stop..)?;
    let word_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if &rest[..word_end] != "unless" {
        return None;
    }
    let from = item[..stop].rfind(" from ")?;
    Some(
        Diagnostic::new(Code::Syntax, "`unless` comes before `from`, not after it")
            .with_label(at.span(stop, stop + word_end), "after the source")
            .with_label(at.span(from + 1, from + 5), "the source comes last")
            .with_help("Write `label: BODY => HEAD unless CONDITION from SOURCE.`: the exception, then the source, then `.`."),
    )
}

/// A string where the parser stopped that holds a `\` before a character it cannot escape.
pub(super) fn bad_escape(at: At, item: &str, stop: usize) -> Option<Diagnostic> {
    let rest = item.get(stop..)?.strip_prefix('"')?;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next() {
                Some((_, '"' | '\\' | 'n' | 't')) => {}
                Some((j, e)) => {
                    let start = stop + 1 + i;
                    let end = stop + 1 + j + e.len_utf8();
                    return Some(
                        Diagnostic::new(Code::Syntax, format!("`\\{e}` is not an escape a string can hold"))
                            .with_label(at.span(start, end), "unknown escape")
                            .with_help("In a string, `\\` begins `\\\"` (a quote), `\\\\` (a backslash), `\\n` (a new line) or `\\t` (a tab): write `\\\\` for a backslash itself."),
                    );
                }
                None => return None,
            },
            _ => {}
        }
    }
    None
}

/// A character outside ASCII where the parser stopped: a letter in a name (`immunité`), a
/// typographic quote, a non-breaking space, a byte-order mark.
pub(super) fn non_ascii(at: At, item: &str, stop: usize) -> Option<Diagnostic> {
    let c = item.get(stop..)?.chars().next()?;
    if c.is_ascii() {
        return None;
    }
    let here = at.span(stop, stop + c.len_utf8());
    let code = format!("U+{:04X}", c as u32);
    if c == '\u{feff}' {
        return Some(
            Diagnostic::new(Code::Syntax, "an invisible byte-order mark (U+FEFF) stands here")
                .with_label(here, "invisible character")
                .with_help("Delete it: save the file as UTF-8 without a byte-order mark (\"UTF-8\", not \"UTF-8 with BOM\")."),
        );
    }
    if matches!(c, '“' | '”' | '„' | '«' | '»' | '‟' | '″') {
        return Some(
            Diagnostic::new(
                Code::Syntax,
                format!("`{c}` is a typographic quote: strings are written between straight quotes `\"`"),
            )
            .with_label(here, "not a `\"`")
            .with_help("Replace the curly quotes with `\"` (word processors change them; write `.rules` files in a plain text editor)."),
        );
    }
    if c.is_whitespace() || matches!(c, '\u{200b}' | '\u{2060}') {
        return Some(
            Diagnostic::new(
                Code::Syntax,
                format!("an unusual space ({code}) stands here"),
            )
            .with_label(here, "not an ordinary space")
            .with_help("Replace it with an ordinary space (it often comes from text copied out of a web page or a word processor)."),
        );
    }
    if !c.is_alphanumeric() {
        // Typographic punctuation that word processors and web pages put for ASCII.
        let (what, help) = match c {
            '⇒' | '⟹' | '→' | '⟶' | '↦' | '⇢' => (
                "an arrow",
                "Write `=>` (defeasible), `->` (strict) or `~>` (a defeater).",
            ),
            '≤' => ("a comparison", "Write `<=`."),
            '≥' => ("a comparison", "Write `>=`."),
            '≠' => ("a comparison", "Write `!=`."),
            '–' | '—' | '−' | '‐' | '‑' => {
                ("a dash", "Write `-` (dates are written `2023-03-17`).")
            }
            '’' | '‘' | '′' | '´' => (
                "a typographic apostrophe",
                "Leave it out: names are ASCII letters, digits and `_` (`putins_visit`); a string (`\"Putin’s visit\"`) may hold any character.",
            ),
            _ => return None,
        };
        return Some(
            Diagnostic::new(
                Code::Syntax,
                format!("`{c}` ({code}) is {what} that `.rules` files do not use"),
            )
            .with_label(here, format!("{what} outside ASCII"))
            .with_help(format!(
                "{help} Such characters come from word processors and web pages."
            )),
        );
    }
    // The whole word the letter belongs to.
    let word_char =
        |c: char| c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && c.is_alphanumeric());
    let start = item[..stop]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| word_char(c))
        .last()
        .map_or(stop, |(i, _)| i);
    let end = item[stop..]
        .char_indices()
        .find(|&(_, c)| !word_char(c))
        .map_or(item.len(), |(i, _)| stop + i);
    let word = &item[start..end];
    let ascii: Option<String> = word
        .chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c.to_string())
            } else {
                fold(c).map(str::to_string)
            }
        })
        .collect();
    let upper = word.chars().next().is_some_and(char::is_uppercase);
    let ascii = ascii.filter(|a| {
        a.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && !is_keyword(a)
            && (upper || a.as_bytes()[0].is_ascii_lowercase())
    });
    let what = if upper { "a variable" } else { "a name" };
    let mut d = Diagnostic::new(
        Code::Syntax,
        format!("`{word}` has `{c}`, which cannot be part of {what}"),
    );
    d = match ascii {
        // A capitalised word is read as a variable, but `Müller` is far more often a person.
        Some(a) if upper => {
            let lower = a.to_ascii_lowercase();
            d.with_label(at.span(start, end), format!("write `{lower}` (a name) or `{a}` (a variable)"))
                .with_help(format!(
                    "Names and variables use only ASCII letters, digits and `_`, and a capital letter starts a variable: for a person or a place write `{lower}`, and `name {lower} \"{word}\".` to show it as {word} in sentences; for a variable write `{a}`."
                ))
        }
        Some(a) => d
            .with_label(at.span(start, end), format!("write `{a}`"))
            .with_help(format!(
                "Write `{a}`: names and variables use only ASCII letters (`a`-`z`, `A`-`Z`), digits and `_`. Text in quotes, such as `\"{word}\"`, may hold any character."
            )),
        None => d
            .with_label(here, "not an ASCII letter")
            .with_help(format!(
                "Spell it with ASCII letters (`a`-`z`, `A`-`Z`), digits and `_`, the only characters of names and variables. Text in quotes, such as `\"{word}\"`, may hold any character."
            )),
    };
    Some(d)
}

/// A statement whose line ends without `.` (the parser stops at the first word of the next line):
/// point at the end of the statement, not at the next one.
pub(super) fn missing_dot(at: At, item: &str, stop: usize) -> Option<Diagnostic> {
    let before = item[..stop].trim_end();
    let gap = &item[before.len()..stop];
    let next = item[stop..].chars().next();
    let next_starts_statement =
        next.is_none_or(|c| c.is_ascii_alphabetic() || c == '~' || c == '_' || c == '}');
    if before.is_empty() || !(gap.contains('\n') || stop == item.len()) || !next_starts_statement {
        return None;
    }
    let end = before.len();
    let mut d = Diagnostic::new(Code::Syntax, "this statement does not end with `.`")
        .with_label(at.span(end, end), "add `.` here");
    if stop < item.trim_end().len() {
        let word = item[stop..]
            .bytes()
            .position(|b| !is_ident_byte(b))
            .map_or(item.len(), |i| stop + i.max(1));
        d = d.with_label(at.span(stop, word), "the next statement starts here");
    }
    Some(d.with_help("End every statement with `.` (a position block ends with `}` instead)."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::intern::Interner;
    use crate::source::SourceMap;

    fn check(text: &str) -> Diagnostics {
        let mut sources = SourceMap::new();
        let file = sources.add("t.rules", text);
        let mut diags = Diagnostics::new();
        crate::syntax::parse(file, text, &mut Interner::new(), &mut diags);
        for d in diags.iter() {
            for l in &d.labels {
                assert!(
                    l.span.end as usize <= text.len()
                        && text.is_char_boundary(l.span.start as usize)
                        && text.is_char_boundary(l.span.end as usize),
                    "{text:?}: {d:?}"
                );
            }
        }
        // Rendering must not fail either.
        let _ = diags.render(&sources, false);
        diags
    }

    fn first(text: &str) -> Diagnostic {
        check(text).0.into_iter().next().expect("a diagnostic")
    }

    #[test]
    fn typographic_punctuation_and_bad_escapes_are_named() {
        for (text, words, help) in [
            ("r: p ⇒ q.", "`⇒` (U+21D2) is an arrow", "`=>`"),
            ("r: p(X), X ≥ 3 => q.", "is a comparison", "`>=`"),
            ("p(2023–03–17).", "is a dash", "`-`"),
            ("p’s(a).", "typographic apostrophe", "`_`"),
            ("p(\"C:\\dir\").", "`\\d` is not an escape", "`\\\\`"),
        ] {
            let d = first(text);
            assert_eq!(d.code, Code::Syntax, "{text}");
            assert!(d.message.contains(words), "{text}: {}", d.message);
            assert!(
                d.help.as_deref().unwrap_or("").contains(help),
                "{text}: {:?}",
                d.help
            );
        }
        // A control character is shown escaped, never written raw to the terminal.
        let d = first("p(a) \u{1b}.");
        assert!(!d.message.contains('\u{1b}'), "{}", d.message);
    }

    #[test]
    fn dates_in_other_spellings_get_their_reading() {
        for (text, reading) in [
            ("17-03-2023", Some("2023-03-17")),
            ("2023/03/17", Some("2023-03-17")),
            ("2023-3-17", Some("2023-03-17")),
            ("17/03/2023", Some("2023-03-17")),
            ("03/17/2023", Some("2023-03-17")),
            ("5/5/2023", Some("2023-05-05")),
            ("03/04/2023", None),
            ("31/02/2023", None),
        ] {
            let d = first(&format!("p(a, {text})."));
            assert_eq!(d.code, Code::InvalidDate, "{text}");
            assert!(d.message.contains("YYYY-MM-DD"), "{text}: {}", d.message);
            let label = &d.labels[0].text;
            match reading {
                Some(r) => assert_eq!(label, &format!("write `{r}`"), "{text}"),
                None => assert!(!label.starts_with("write"), "{text}: {label}"),
            }
        }
        // Not dates: the general message.
        for text in ["p(a, 12-3).", "p(a, 1-2-3).", "p(a, 2023-03-17 x)."] {
            assert_eq!(first(text).code, Code::Syntax, "{text}");
        }
    }

    #[test]
    fn impossible_dates_say_which_part_is_wrong() {
        let d = first("p(2023-13-01).");
        assert!(d.message.contains("no month 13"), "{}", d.message);
        assert!(d.help.unwrap().contains("`2023-01-13`"));
        let d = first("p(2023-02-29).");
        assert!(
            d.message.contains("February 2023 has 28 days"),
            "{}",
            d.message
        );
        assert!(first("p(2024-02-30).").message.contains("has 29 days"));
        assert!(first("p(2023-04-00).").message.contains("no day 00"));
    }

    #[test]
    fn rules_without_labels_get_one() {
        let help = |t: &str| first(t).help.unwrap();
        assert!(help("p(X) => q(X).").ends_with("\nq_rule: p(X) => q(X)."));
        assert!(help("p(X) => ~q(X) from s.").ends_with("\nnot_q_rule: p(X) => ~q(X) from s."));
        assert!(help("q(X) :- p(X), r(X).").ends_with("\nq_rule: p(X), r(X) => q(X)."));
        assert!(help("r1: q(X) :- p(X).").ends_with("\nr1: p(X) => q(X)."));
        assert!(help("r1 p(X) => q(X).").ends_with("\nr1: p(X) => q(X)."));
        // A suggestion that would not parse is left out.
        let d = first("p(X) q(X) => r(X).");
        assert!(d.message.contains("needs a label"));
        assert!(!d.help.unwrap().contains('\n'));
        // Labelled rules and statements that are not rules keep the general message.
        assert!(first("r1: p(X) = q(X).").message.starts_with("expected"));
        assert!(first("query p(X) => q.").message.starts_with("expected"));
    }

    #[test]
    fn non_ascii_names_are_explained() {
        let d = first("immunité(a).");
        assert_eq!(d.labels[0].text, "write `immunite`");
        let d = first("r: p(Émile) => q(Émile).");
        assert!(d.message.contains("a variable"), "{}", d.message);
        assert_eq!(
            d.labels[0].text,
            "write `emile` (a name) or `Emile` (a variable)"
        );
        assert!(d.help.unwrap().contains("`name emile \"Émile\".`"));
        assert_eq!(first("p(путин).").labels[0].text, "not an ASCII letter");
        assert!(first("source s “x”.").message.contains("typographic quote"));
        assert!(first("p(a)\u{a0}.").message.contains("U+00A0"));
        assert!(first("\u{feff}p(a).").message.contains("byte-order mark"));
        // Strings and comments may hold any character.
        assert!(check("p(\"immunité\"). # arrêt\n").is_empty());
    }

    #[test]
    fn a_missing_dot_is_shown_at_the_end_of_its_statement() {
        let d = first("p(a) from s\nq(b).");
        assert_eq!(d.message, "this statement does not end with `.`");
        assert_eq!((d.labels[0].span.start, d.labels[0].span.end), (11, 11));
        let d = first("p(a)");
        assert_eq!((d.labels[0].span.start, d.labels[0].span.end), (4, 4));
        // On one line, the general message points at what follows.
        assert!(first("p(a) q(b).").message.starts_with("expected"));
    }

    /// Mutated statements with the mistakes above never panic and point inside the text.
    #[test]
    fn hints_survive_a_soup_of_near_misses() {
        const TOKENS: [&str; 24] = [
            "é",
            "“",
            "\u{a0}",
            "\u{feff}",
            ":-",
            "=>",
            "->",
            "~",
            "17-03-2023",
            "2023/3/1",
            "2023-13-01",
            "-",
            "/",
            "\n",
            ".",
            ":",
            "(",
            ")",
            ",",
            "p",
            "X",
            "\"s\"",
            "from",
            "query",
        ];
        const VALID: [&str; 5] = [
            "r1 : p ( X , 2023-03-17 ) , X < 3 => ~ q ( X ) unless s ( X ) from src .",
            "p ( a , \"é\" ) from src .",
            "q ( X ) :- p ( X ) .",
            "p ( X ) => q ( X ) .",
            "expect common : holds p ( a ) .",
        ];
        let mut next = crate::syntax::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5_000 {
            let words = crate::syntax::mutated(&mut next, &VALID, &TOKENS, 1);
            let sep = if next() % 2 == 0 { " " } else { "" };
            check(&words.join(sep));
        }
    }
}
