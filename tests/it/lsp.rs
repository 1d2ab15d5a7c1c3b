//! `argcheck lsp` over stdio, driven as an editor would: a scripted session on the Assad lesson
//! (snapshotted), random incremental edits checked against a fresh `argcheck::check`, and hostile
//! input (malformed JSON-RPC, unknown methods, positions out of range).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::root;

/// How long any one message may take to arrive before the test fails (a hung server).
const PATIENCE: Duration = Duration::from_secs(60);

/// A client: the server process, its stdin, and the messages read off its stdout.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
    /// The latest diagnostics published, by URI.
    diagnostics: std::collections::BTreeMap<String, Value>,
    /// Every publishDiagnostics since the last look.
    published: Vec<Value>,
}

impl Client {
    fn start() -> Client {
        Client::start_with(&[])
    }

    /// `argcheck lsp ARGS`.
    fn start_with(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argcheck"))
            .arg("lsp")
            .args(args)
            .current_dir(root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start argcheck lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages: rx,
            next_id: 0,
            diagnostics: Default::default(),
            published: Vec::new(),
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message; notifications of diagnostics are recorded on the way.
    fn next(&mut self) -> Value {
        let m = self
            .messages
            .recv_timeout(PATIENCE)
            .expect("the server answers in time");
        if m["method"] == "textDocument/publishDiagnostics" {
            let uri = m["params"]["uri"].as_str().unwrap_or_default().to_string();
            self.diagnostics
                .insert(uri, m["params"]["diagnostics"].clone());
            self.published.push(m["params"].clone());
        }
        m
    }

    /// Send a request and wait for its response (the whole response: result or error).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(json!(id))
    }

    fn response(&mut self, id: Value) -> Value {
        loop {
            let m = self.next();
            if m.get("method").is_none() && m["id"] == id {
                return m;
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// Wait until the analysis of everything sent so far is in (requests that read it wait for
    /// it, and diagnostics are published before they are answered).
    fn sync(&mut self, uri: &str) {
        self.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "argcheck", "version": 1, "text": text}}),
        );
    }

    /// Shut down and exit; the server's exit status.
    fn stop(mut self) -> i32 {
        let r = self.call("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        drop(self.stdin);
        self.child
            .wait()
            .expect("the server exits")
            .code()
            .unwrap_or(-1)
    }
}

/// The `file:` URI of a path (percent-encoding the bytes outside the unreserved set).
fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A byte offset as an LSP position in UTF-16 code units (the test's own count, not the
/// server's).
fn utf16(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

fn range(text: &str, start: usize, end: usize) -> Value {
    json!({"start": utf16(text, start), "end": utf16(text, end)})
}

/// Replace `start..end` of the client's copy and send the same edit.
fn edit(
    c: &mut Client,
    uri: &str,
    text: &mut String,
    version: i32,
    start: usize,
    end: usize,
    new: &str,
) {
    let r = range(text, start, end);
    text.replace_range(start..end, new);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version},
               "contentChanges": [{"range": r, "text": new}]}),
    );
}

/// The byte offset of the `k`-th character of the first occurrence of `needle` after `after`.
fn find(text: &str, after: &str, needle: &str, k: usize) -> usize {
    let from = text
        .find(after)
        .unwrap_or_else(|| panic!("`{after}` in the text"));
    from + text[from..]
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` after `{after}`"))
        + k
}

/// A location as `file:line:column-line:column` (1-based, UTF-16 columns), URIs relative to
/// the repository.
fn place(root_uri: &str, loc: &Value) -> String {
    let r = &loc["range"];
    let uri = loc["uri"].as_str().unwrap_or_default();
    format!(
        "{}:{}:{}-{}:{}",
        uri.strip_prefix(root_uri).unwrap_or(uri),
        r["start"]["line"].as_u64().unwrap_or(0) + 1,
        r["start"]["character"].as_u64().unwrap_or(0) + 1,
        r["end"]["line"].as_u64().unwrap_or(0) + 1,
        r["end"]["character"].as_u64().unwrap_or(0) + 1,
    )
}

fn labels(completion: &Value) -> Vec<String> {
    completion["items"]
        .as_array()
        .expect("a completion list")
        .iter()
        .map(|i| match i["detail"].as_str() {
            Some(d) => format!("{} — {d}", i["label"].as_str().unwrap_or_default()),
            None => i["label"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

/// The Assad session of issue 18, as a transcript an editor user can read.
#[test]
fn lsp_session_on_the_assad_lesson() {
    let root_path = root();
    let root_uri = format!("{}/", file_uri(&root_path));
    let uri = file_uri(&root_path.join("rules/assad_warrant.rules"));
    let mut text =
        std::fs::read_to_string(root_path.join("rules/assad_warrant.rules")).expect("the lesson");
    let original = text.clone();
    let mut t = String::new();
    let mut c = Client::start();

    let init = c.initialize(json!({"general": {"positionEncodings": ["utf-16"]}}));
    t.push_str(&format!(
        "## initialize\n{}\n",
        serde_json::to_string_pretty(&init).unwrap()
    ));

    c.open(&uri, &text);
    c.sync(&uri);
    t.push_str(&format!(
        "\n## open rules/assad_warrant.rules: diagnostics published\n{}\n",
        serde_json::to_string(&c.published).unwrap()
    ));
    c.published.clear();

    // Hover a literal: the Nov 2023 warrant's validity, in its query.
    let at = find(
        &text,
        "against Bashar al-Assad valid?",
        "valid(w2023_bashar)",
        2,
    );
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": utf16(&text, at)}),
    );
    t.push_str(&format!(
        "\n## hover `valid` in `query … valid(w2023_bashar).` (range {})\n{}\n",
        place(&root_uri, &json!({"uri": uri, "range": hover["range"]})),
        hover["contents"]["value"].as_str().unwrap_or_default()
    ));

    // Hover a rule label.
    let at = find(&text, "\nimmune_personally:", "immune_personally", 3);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": utf16(&text, at)}),
    );
    t.push_str(&format!(
        "\n## hover the rule label `immune_personally`\n{}\n",
        hover["contents"]["value"].as_str().unwrap_or_default()
    ));

    // Definition and references of a rule label, from a superiority statement.
    let at = find(&text, "position pnat_2023", "personal_immunity_rule >", 5);
    let pos = utf16(&text, at);
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    t.push_str(&format!(
        "\n## definition of `personal_immunity_rule` (from `personal_immunity_rule > ngo_crimes_exception.` in pnat_2023)\n{}\n",
        place(&root_uri, &def)
    ));
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": pos, "context": {"includeDeclaration": true}}),
    );
    t.push_str("\n## references of `personal_immunity_rule` (declaration included)\n");
    for r in refs.as_array().expect("locations") {
        let line = r["range"]["start"]["line"].as_u64().unwrap_or(0) as usize;
        t.push_str(&format!(
            "{}  {}\n",
            place(&root_uri, r),
            text.lines().nth(line).unwrap_or_default().trim()
        ));
    }

    // Completion after `from`, on a fact being typed at the end of the file.
    let mut version = 1;
    let end = text.len();
    version += 1;
    edit(
        &mut c,
        &uri,
        &mut text,
        version,
        end,
        end,
        "national_court(belgium) from ",
    );
    let comp = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": utf16(&text, text.len())}),
    );
    t.push_str(
        "\n## completion after `national_court(belgium) from ` (sources, from sources.rules)\n",
    );
    t.push_str(&labels(&comp).join("\n"));
    t.push('\n');

    // Completion after `extends`: the line becomes a position header.
    version += 1;
    let (start, end) = (original.len(), text.len());
    edit(
        &mut c,
        &uri,
        &mut text,
        version,
        start,
        end,
        "position belgium_2026 extends ",
    );
    let comp = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": utf16(&text, text.len())}),
    );
    t.push_str("\n## completion after `position belgium_2026 extends ` (positions)\n");
    t.push_str(&labels(&comp).join("\n"));
    t.push('\n');
    version += 1;
    let (start, end) = (original.len(), text.len());
    edit(&mut c, &uri, &mut text, version, start, end, "");
    assert_eq!(text, original);
    c.sync(&uri);
    c.published.clear();

    // A question in French (non-ASCII before the typo on its line), then a typo: `))`.
    let q = "Is the Nov 2023 warrant against Bashar al-Assad valid?";
    let (start, end) = (find(&text, q, q, 0), find(&text, q, q, q.len()));
    let french = "L’arrêt de novembre 2023 (🇫🇷) est-il valide ?";
    version += 1;
    edit(&mut c, &uri, &mut text, version, start, end, french);
    let at = find(
        &text,
        french,
        "valid(w2023_bashar)",
        "valid(w2023_bashar)".len(),
    );
    version += 1;
    edit(&mut c, &uri, &mut text, version, at, at, ")");
    c.sync(&uri);
    let diags = c.diagnostics[&uri].clone();
    t.push_str(&format!(
        "\n## typo: `valid(w2023_bashar)).` after a French question with an emoji\n{}\n",
        serde_json::to_string_pretty(&diags).unwrap()
    ));
    // The error is at the extra `)`, in UTF-16 columns: the flag is 4 units, 2 characters, 8 bytes.
    assert_eq!(diags[0]["code"], "argcheck::syntax");
    assert_eq!(diags[0]["range"], range(&text, at, at + 1));
    let line = &text[text[..at].rfind('\n').unwrap() + 1..at];
    assert_eq!(
        diags[0]["range"]["start"]["character"],
        line.encode_utf16().count()
    );
    assert_ne!(line.encode_utf16().count(), line.chars().count());

    // The fix: the diagnostic clears.
    c.published.clear();
    version += 1;
    edit(&mut c, &uri, &mut text, version, at, at + 1, "");
    c.sync(&uri);
    t.push_str(&format!(
        "\n## fix the typo: diagnostics published\n{}\n",
        serde_json::to_string(&c.published).unwrap()
    ));
    assert_eq!(c.diagnostics[&uri], json!([]));

    // Formatting: a rule squeezed onto one line comes back in canonical layout.
    let rule = "immune_personally: personal_immunity(P, W) => immune(P, W) from icj_2002.";
    let squeezed = "immune_personally:personal_immunity(P,W)=>immune( P,W )from icj_2002 .";
    let at = find(&text, rule, rule, 0);
    version += 1;
    edit(
        &mut c,
        &uri,
        &mut text,
        version,
        at,
        at + rule.len(),
        squeezed,
    );
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let edits = edits.as_array().expect("edits");
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], range(&text, 0, text.len()));
    let formatted = edits[0]["newText"].as_str().unwrap().to_string();
    t.push_str("\n## formatting: the lines that change\n");
    for (old, new) in text.lines().zip(formatted.lines()) {
        if old != new {
            t.push_str(&format!("- {old}\n+ {new}\n"));
        }
    }
    assert_eq!(text.lines().count(), formatted.lines().count());
    // A file with a syntax error is left alone.
    version += 1;
    edit(
        &mut c,
        &uri,
        &mut text,
        version,
        at,
        at + squeezed.len(),
        "immune_personally: (",
    );
    let none = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    t.push_str(&format!("\n## formatting with a syntax error\n{none}\n"));

    let code = c.stop();
    t.push_str(&format!("\n## shutdown, exit\nexit status {code}\n"));
    assert_eq!(code, 0);
    insta::assert_snapshot!(t.replace(&root_uri, "$ROOT/"));
}

/// A small theory with non-ASCII text in strings and comments, one failing expectation.
const SMALL: &str = r#"# Règles d’essai — « immunité » 😀
source cass "Cour de cassation, arrêt n° 685 (25 juil. 2025) 😀".
source ngo "Déclaration des ONG".
predicate immune(Person) "{Person} est « immunisé »".
head_of_state(assad) from cass.
crimes(assad) from ngo.
immunity: head_of_state(P) => immune(P) from cass.
exception: crimes(P) => ~immune(P) from ngo.
position court "La Cour — 2025" {
    immunity > exception.
}
position ngos "Les ONG" extends court {
    reject immunity.
}
query "Immunisé ? 😀" immune(assad).
query immune(P).
expect court: holds immune(assad).
expect ngos: holds immune(assad). # ✗ on purpose
"#;

/// The features the Assad session does not show, on a small file with non-ASCII text: the
/// outline, code lenses, a failing `expect`, hovers on a position, a source and a predicate,
/// definitions of a predicate and a position, completion in `expect` and after `reject`, `>`,
/// `:`, and rename (accepted, refused for a clash, refused for a keyword).
#[test]
fn lsp_features_on_a_small_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("essai é.rules");
    std::fs::write(&path, SMALL).expect("write");
    let uri = file_uri(&path);
    let mut text = SMALL.to_string();
    let mut t = String::new();
    let mut c = Client::start();
    c.initialize(json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}));
    c.open(&uri, &text);

    let outline = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    t.push_str("## outline (kind, name, detail, range: 0-based line:character)\n");
    fn outline_lines(t: &mut String, list: &Value, depth: usize) {
        for s in list.as_array().into_iter().flatten() {
            let r = &s["range"];
            // LSP's SymbolKind numbers, as the editor shows them.
            let kind = match s["kind"].as_u64() {
                Some(2) => "module",
                Some(3) => "namespace",
                Some(12) => "function",
                Some(14) => "constant",
                Some(17) => "boolean",
                Some(23) => "struct",
                Some(24) => "event",
                Some(25) => "operator",
                _ => "?",
            };
            t.push_str(&format!(
                "{}{kind} {} {} {}:{}-{}:{}\n",
                "    ".repeat(depth),
                s["name"].as_str().unwrap_or_default(),
                s["detail"]
                    .as_str()
                    .map(|d| format!("— {d}"))
                    .unwrap_or_default(),
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
            ));
            outline_lines(t, &s["children"], depth + 1);
        }
    }
    outline_lines(&mut t, &outline, 0);

    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    t.push_str("\n## code lenses (1-based line: title)\n");
    for l in lenses.as_array().expect("lenses") {
        t.push_str(&format!(
            "{}: {}\n",
            l["range"]["start"]["line"].as_u64().unwrap_or(0) + 1,
            l["command"]["title"].as_str().unwrap_or_default()
        ));
    }
    t.push_str(&format!(
        "\n## diagnostics\n{}\n",
        serde_json::to_string_pretty(&c.diagnostics[&uri]).unwrap()
    ));

    let mut hover = |c: &mut Client, what: &str, after: &str, needle: &str, k: usize| {
        let at = find(SMALL, after, needle, k);
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": utf16(SMALL, at)}),
        );
        t.push_str(&format!(
            "\n## hover {what}\n{}\n",
            h["contents"]["value"].as_str().unwrap_or("null")
        ));
    };
    hover(
        &mut c,
        "the position `court` after `extends`",
        "extends",
        "court",
        1,
    );
    hover(
        &mut c,
        "the source `cass` after `from`",
        "head_of_state(assad)",
        "cass",
        0,
    );
    hover(
        &mut c,
        "the predicate `immune` in a rule head",
        "immunity:",
        "immune",
        1,
    );
    hover(
        &mut c,
        "the constant in `immune(assad)` of a query",
        "😀\" immune",
        "assad",
        2,
    );

    let mut goto = |c: &mut Client, what: &str, after: &str, needle: &str| {
        let at = find(SMALL, after, needle, 1);
        let params = json!({"textDocument": {"uri": uri}, "position": utf16(SMALL, at)});
        let d = c.request("textDocument/definition", params.clone());
        let mut refs_params = params;
        refs_params["context"] = json!({"includeDeclaration": false});
        let r = c.request("textDocument/references", refs_params);
        let file = |v: &Value| {
            place(&file_uri(&path), v)
                .trim_start_matches(':')
                .to_string()
        };
        t.push_str(&format!(
            "\n## definition and references of {what}\n{} ←",
            file(&d)
        ));
        for l in r.as_array().expect("locations") {
            t.push_str(&format!(" {}", file(l)));
        }
        t.push('\n');
    };
    goto(
        &mut c,
        "the predicate `immune` (its declaration)",
        "crimes(P) =>",
        "immune",
    );
    goto(
        &mut c,
        "the predicate `crimes` (no declaration: its first fact)",
        "exception:",
        "crimes",
    );
    goto(&mut c, "the position `court`", "extends", "court");
    goto(&mut c, "the source `ngo`", "exception:", "ngo.");

    // Completion: each context typed on a new last line, then taken back.
    let end = text.len();
    let mut version = 2;
    for (typed, what) in [
        ("expect ", "positions in `expect`"),
        ("expect ngos: ", "verdict words"),
        ("expect ngos: holds ", "`strictly` and predicates"),
        ("position p2 { reject ", "rule labels after `reject`"),
        ("immunity > ", "rule labels after `>`"),
        ("r2: crimes(P), ", "predicates, with their arguments"),
        ("", "the start of a statement"),
    ] {
        let (len, v) = (text.len(), version);
        version += 1;
        edit(&mut c, &uri, &mut text, v, end, len, typed);
        let comp = c.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": utf16(&text, text.len())}),
        );
        t.push_str(&format!("\n## completion after `{typed}`: {what}\n"));
        t.push_str(&labels(&comp).join(", "));
        t.push('\n');
    }
    let len = text.len();
    edit(&mut c, &uri, &mut text, version, end, len, "");
    version += 1;

    // A second `source cass`: the first definition comes as related information.
    edit(
        &mut c,
        &uri,
        &mut text,
        version,
        end,
        end,
        "source cass \"again\".\n",
    );
    version += 1;
    c.sync(&uri);
    t.push_str(&format!(
        "\n## a second `source cass` at the end: diagnostics\n{}\n",
        serde_json::to_string_pretty(&c.diagnostics[&uri])
            .unwrap()
            .replace(&uri, "$FILE")
    ));
    let len = text.len();
    edit(&mut c, &uri, &mut text, version, end, len, "");

    // Rename.
    let at = find(SMALL, "immunity > ", "immunity", 2);
    let pos = utf16(SMALL, at);
    let prep = c.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    t.push_str(&format!("\n## prepareRename on `immunity`\n{prep}\n"));
    let ok = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos, "newName": "personal_immunity"}),
    );
    t.push_str("\n## rename `immunity` to `personal_immunity`: the edited lines\n");
    let mut renamed = SMALL.to_string();
    let mut edits: Vec<(usize, usize)> = Vec::new();
    for e in ok["documentChanges"][0]["edits"].as_array().expect("edits") {
        let line = e["range"]["start"]["line"].as_u64().unwrap() as usize;
        let character = e["range"]["start"]["character"].as_u64().unwrap() as usize;
        edits.push((line, character));
    }
    edits.sort();
    for &(line, character) in edits.iter().rev() {
        let start = SMALL
            .split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>();
        let l = &SMALL[start..];
        // UTF-16 column → byte: this file's renamed names sit after ASCII text only.
        let at = start + character;
        assert!(l.is_char_boundary(character));
        renamed.replace_range(at..at + "immunity".len(), "personal_immunity");
    }
    for (old, new) in SMALL.lines().zip(renamed.lines()) {
        if old != new {
            t.push_str(&format!("- {old}\n+ {new}\n"));
        }
    }
    for (new, why) in [
        ("exception", "a clash"),
        ("position", "a keyword"),
        ("Big", "not a name"),
    ] {
        let r = c.call(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": pos, "newName": new}),
        );
        t.push_str(&format!(
            "\n## rename `immunity` to `{new}` ({why})\n{}\n",
            r["error"]
        ));
    }
    assert_eq!(c.stop(), 0);
    insta::assert_snapshot!(t);
}

/// Nothing a client sends ends the server: malformed frames and JSON, messages that are not
/// JSON-RPC, unknown methods, bad parameters, positions out of range (an error for a request, a
/// clamped edit for a notification), requests after `shutdown`.
#[test]
fn lsp_survives_hostile_messages() {
    let mut c = Client::start();
    let before = c.call("textDocument/hover", json!({}));
    assert_eq!(before["error"]["code"], -32002, "{before}");
    let init = c.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");

    c.raw(b"Content-Length: 5\r\n\r\n{oops");
    let m = c.next();
    assert_eq!(
        (m["id"].clone(), m["error"]["code"].clone()),
        (Value::Null, json!(-32700)),
        "{m}"
    );
    c.raw(b"X-Nothing: 1\r\n\r\n");
    assert_eq!(c.next()["error"]["code"], -32700);
    c.send(json!([1, 2]));
    assert_eq!(c.next()["error"]["code"], -32600);
    c.send(json!({"jsonrpc": "2.0", "id": 77, "method": 5}));
    let m = c.next();
    assert_eq!(
        (m["id"].clone(), m["error"]["code"].clone()),
        (json!(77), json!(-32600)),
        "{m}"
    );
    assert_eq!(c.call("no/such/method", json!({}))["error"]["code"], -32601);
    c.notify("no/such/notification", json!({"x": 1}));
    c.notify("textDocument/didChange", json!({"nonsense": true}));

    let uri = "file:///nonexistent/dir/hostile.rules";
    let text = "a(\"é😀\") from s. # ü\nsource s \"ß\".\n";
    c.open(uri, text);
    // UTF-8 columns: the source `s` is byte 17 of line 0 (é is 2 bytes, 😀 4; 7 characters
    // and 8 UTF-16 units before it would be wrong).
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 17}}),
    );
    assert_eq!(
        h["range"],
        json!({"start": {"line": 0, "character": 17}, "end": {"line": 0, "character": 18}}),
        "{h}"
    );
    let far = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 99, "character": 0}}),
    );
    assert_eq!(far["error"]["code"], -32602, "{far}");
    let wide = c.call(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 9999}}),
    );
    assert!(wide.get("error").is_none(), "{wide}");
    let bad = c.call("textDocument/hover", json!({"textDocument": {"uri": 5}}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unopened = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///elsewhere.rules"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(unopened, Value::Null);
    // An edit past the end is clamped to the end of the text.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 50, "character": 3}, "end": {"line": 60, "character": 0}}, "text": "b."}]}),
    );
    // A range inside a character (byte 3 is inside `é`) starts at the character.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 5}}, "text": "e"}]}),
    );
    let now = c.request(
        "argcheck/documentText",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(now, json!("a(\"e😀\") from s. # ü\nsource s \"ß\".\nb."));
    c.notify("$/cancelRequest", json!({"id": 12345}));
    c.sync(uri);

    let r = c.call("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    let after = c.call("textDocument/hover", json!({}));
    assert_eq!(after["error"]["code"], -32600, "{after}");
    c.notify("exit", Value::Null);
    drop(c.stdin);
    assert_eq!(c.child.wait().unwrap().code(), Some(0));

    // `exit` without `shutdown` ends the server with status 1. (Started as VS Code's client
    // starts it.)
    let mut c = Client::start_with(&["--stdio", "--clientProcessId=4242"]);
    c.initialize(json!({}));
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
}

/// What a fresh `argcheck::check` (and evaluation) of `text` reports, as the server should
/// publish it: code, range in UTF-16 columns and the message's first line; failing `expect`
/// lines as code `expect` at the statement.
fn fresh_diagnostics(path: &Path, text: &str) -> Vec<(String, Value, String)> {
    let limits = argcheck::Limits::default();
    let files = argcheck::MemoryFiles::new().with(path, text);
    let checked = argcheck::check(&[argcheck::Input::Path(path.into())], &files, &limits);
    let mut out = Vec::new();
    let mut push = |d: &argcheck::Diagnostic| {
        let r = match d.labels.first() {
            Some(l) => range(text, l.span.start as usize, l.span.end as usize),
            None => range(text, 0, 0),
        };
        let first = d.message.clone();
        out.push((d.code.full_name(), r, first));
    };
    match checked.evaluate(&limits) {
        Ok(e) => {
            e.warnings().iter().for_each(&mut push);
            for x in e.expectations().into_iter().filter(|x| !x.met) {
                out.push((
                    "expect".into(),
                    range(text, x.span.start as usize, x.span.end as usize),
                    String::new(),
                ));
            }
        }
        Err(c) => c.diagnostics().iter().for_each(&mut push),
    }
    out.sort_by_key(|d| format!("{d:?}"));
    out.dedup();
    out
}

/// The server's diagnostics in the same form.
fn served(list: &Value) -> Vec<(String, Value, String)> {
    let mut out: Vec<(String, Value, String)> = list
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let code = d["code"].as_str().unwrap_or_default().to_string();
            let first = if code == "expect" {
                String::new()
            } else {
                d["message"]
                    .as_str()
                    .unwrap_or_default()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            };
            (code, d["range"].clone(), first)
        })
        .collect();
    out.sort_by_key(|d| format!("{d:?}"));
    out
}

/// One edit of the property test: where (a character index, scaled to the text), how many
/// characters to replace, and what to insert.
fn edit_strategy() -> impl Strategy<Value = (prop::sample::Index, usize, Vec<&'static str>)> {
    let piece = prop::sample::select(vec![
        "é",
        "😀",
        "’",
        "🇫🇷",
        "\n",
        "\r\n",
        "(",
        ")",
        ".",
        ",",
        " ",
        "#",
        "\"",
        "=>",
        "~",
        ":",
        "a",
        "X",
        "q(a)",
        "r",
        ">",
        "{",
        "}",
        "position",
        "expect avis: holds ",
        "from s",
    ]);
    (
        any::<prop::sample::Index>(),
        0usize..6,
        prop::collection::vec(piece, 0..4),
    )
}

/// Random incremental edits, multi-byte characters included, leave the server's copy of the
/// document equal to the client's, and its diagnostics equal to a fresh check's.
#[test]
fn lsp_incremental_edits_match_a_fresh_check() {
    let base = "# Règles — « test » 😀\nsource s \"Cour d’appel, arrêt n° 685 🇫🇷\".\n\
                predicate p(X) \"{X} est « valide »\".\np(a) from s.\nr: p(X) => q(X) from s.\n\
                d: p(X), ~z(X) => ~q(X).\nposition avis \"Avis — 2025\" {\n    r > d.\n}\n\
                query \"Où ? 😀\" q(a).\nexpect avis: holds q(a).\nexpect common: denied q(a).\n";
    let dir = tempfile::tempdir().expect("a temporary directory");
    let client = std::cell::RefCell::new(Client::start());
    client.borrow_mut().initialize(json!({}));
    let case = std::cell::Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 100,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let edits = prop::collection::vec(prop::collection::vec(edit_strategy(), 1..3), 1..5);
    let result = runner.run(&edits, |batches| {
        let c = &mut *client.borrow_mut();
        case.set(case.get() + 1);
        let path = dir.path().join(format!("case{}.rules", case.get()));
        let uri = file_uri(&path);
        let mut text = base.to_string();
        c.open(&uri, &text);
        for (v, batch) in batches.iter().enumerate() {
            let mut changes = Vec::new();
            for (at, len, pieces) in batch {
                // Character boundaries, but none inside a `\r\n` (one line end for the
                // protocol: no position points between its two characters).
                let starts: Vec<usize> = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([text.len()])
                    .filter(|&i| !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
                    .collect();
                let i = at.index(starts.len());
                let start = starts[i];
                let end = starts[(i + len).min(starts.len() - 1)];
                let new: String = pieces.concat();
                changes.push(json!({"range": range(&text, start, end), "text": new}));
                text.replace_range(start..end, &new);
            }
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": v + 2}, "contentChanges": changes}),
            );
        }
        c.sync(&uri);
        let theirs = c.request(
            "argcheck/documentText",
            json!({"textDocument": {"uri": uri}}),
        );
        prop_assert_eq!(theirs.as_str(), Some(text.as_str()));
        let published = c.diagnostics.get(&uri).cloned().unwrap_or(json!([]));
        prop_assert_eq!(
            served(&published),
            fresh_diagnostics(&path, &text),
            "text:\n{}",
            text
        );
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert_eq!(client.into_inner().stop(), 0);
}

/// A grounding blow-up ends in an `argcheck::limit` diagnostic (the editor's limits are in
/// force) while the main loop goes on answering; an edit that comes in while such a run is going
/// supersedes it, and the superseded run's result is never published.
#[test]
fn lsp_blow_up_is_limited_and_superseded() {
    let mut blow_up: String = (0..200).map(|i| format!("n({i}).\n")).collect();
    blow_up.push_str("t: n(X), n(Y), n(Z) => t(X, Y, Z).\n");
    let mut c = Client::start();
    c.initialize(json!({}));
    let uri = "file:///nonexistent/blow_up.rules";
    c.open(uri, &blow_up);
    // Formatting needs no analysis: answered while the worker grinds.
    let f = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(f, json!([]));
    c.sync(uri);
    let d = &c.diagnostics[uri];
    assert_eq!(d[0]["code"], "argcheck::limit", "{d}");

    // The same blow-up once more, then at once a small theory: only the small one's (empty)
    // diagnostics come out.
    c.published.clear();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": format!("{blow_up}u(1).\n")}]}),
    );
    // A request that waits for that analysis...
    c.send(json!({"jsonrpc": "2.0", "id": "waiting", "method": "textDocument/hover",
                  "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}}));
    // Give the worker time to start on it (not needed for the test to pass: without it, the
    // worker skips straight to the newest job and the check below is only weaker).
    std::thread::sleep(Duration::from_millis(50));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [{"text": "n(1).\nt: n(X) => t(X).\n"}]}),
    );
    // ... is answered `ContentModified` once the document has changed under it.
    let waited = c.response(json!("waiting"));
    assert_eq!(waited["error"]["code"], -32801, "{waited}");
    c.sync(uri);
    assert_eq!(
        c.published,
        [json!({"uri": uri, "version": 3, "diagnostics": []})]
    );
    assert_eq!(c.stop(), 0);
}

/// Diagnostics for the files an open file imports, an open buffer read instead of its file, and
/// an imported file changed on disk (`workspace/didChangeWatchedFiles`) taken into account.
#[test]
fn lsp_follows_imports_buffers_and_the_disk() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (a, b) = (dir.path().join("a.rules"), dir.path().join("b.rules"));
    let a_text = "import \"b.rules\".\nfact(x) from s.\n";
    std::fs::write(&a, a_text).unwrap();
    std::fs::write(&b, "source s \"S\".\nbroken(.\n").unwrap();
    let (a_uri, b_uri) = (file_uri(&a), file_uri(&b));
    let mut c = Client::start();
    c.initialize(json!({}));
    c.open(&a_uri, a_text);
    c.sync(&a_uri);
    // b.rules is not open: its syntax error is published under its own URI.
    assert_eq!(c.diagnostics[&b_uri][0]["code"], "argcheck::syntax");
    assert!(!c.diagnostics.contains_key(&a_uri));

    // Opened and fixed in the editor (not saved): a.rules reads the buffer.
    let fixed = "source s \"S\".\n";
    c.open(&b_uri, fixed);
    c.sync(&a_uri);
    assert_eq!(c.diagnostics[&b_uri], json!([]));
    // Definition crosses files: `s` after `from` in a.rules is declared in b.rules.
    let at_s = json!({"textDocument": {"uri": a_uri}, "position": {"line": 1, "character": 13}});
    let def = c.request("textDocument/definition", at_s.clone());
    assert_eq!(def["uri"], json!(b_uri));
    assert_eq!(def["range"], range(fixed, 7, 8));

    // Closed again: the disk's text counts (its syntax error is back); it changes on disk,
    // fixed but without `s`.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": b_uri}}),
    );
    c.sync(&a_uri);
    assert_eq!(c.diagnostics[&b_uri][0]["code"], "argcheck::syntax");
    std::fs::write(&b, "source t \"T\".\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b_uri, "type": 2}]}),
    );
    c.sync(&a_uri);
    assert_eq!(c.diagnostics[&a_uri][0]["code"], "argcheck::unknown_source");
    assert_eq!(c.diagnostics[&b_uri], json!([]));
    // `s` is declared nowhere now.
    assert_eq!(c.request("textDocument/definition", at_s), Value::Null);
    assert_eq!(c.stop(), 0);
}
