//! `argcheck lsp`: the language server, over standard input and output (LSP 3.17, on
//! rust-analyzer's synchronous `lsp-server` and `lsp-types`; no async runtime).
//!
//! An edge like the command line: everything it knows about `.rules` files comes from the
//! library's front door (`argcheck::check` → `Checked::evaluate` → `Evaluation`, `argcheck::format`)
//! and its name index (`argcheck::Symbols`). Three threads and the main loop:
//!
//! - the reader frames messages off stdin (`Content-Length`) and answers a malformed one with a
//!   JSON-RPC error itself, so that nothing a client sends ends the server;
//! - the writer writes every outgoing message to stdout;
//! - the main loop keeps the open documents (incremental edits, [`text`]), answers requests and
//!   publishes diagnostics; requests that read an analysis wait, in order, until the analysis of
//!   the latest revision is in (a keystroke's worth: milliseconds);
//! - the worker ([`analysis`]) re-analyses the open files touched by an edit; a newer edit
//!   cancels the run through `Limits::stop`, and a stale result is dropped.

mod analysis;
mod features;
mod text;
mod uri;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};

use analysis::{Analysis, Done, Job, OpenText};
use features::{Ctx, Failure};
use text::Encoding;

/// `argcheck lsp`: stdio is the only transport. The flags clients pass by habit are accepted
/// (VS Code's client appends `--stdio` to the command).
#[derive(clap::Args, Debug)]
pub struct LspArgs {
    /// Talk over standard input and output (the default and only transport)
    #[arg(long)]
    stdio: bool,
    /// The client's process id (accepted, not used)
    #[arg(long = "clientProcessId", value_name = "PID", hide = true)]
    client_process_id: Option<u64>,
}

/// Run the server until `exit` or the end of input. The exit status: 0 after `shutdown` then
/// `exit`, 1 otherwise (LSP 3.17, `exit`).
pub fn run() -> u8 {
    let (server, client) = Connection::memory();
    let incoming = client.sender;
    std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || read_loop(std::io::stdin().lock(), &incoming))
        .expect("spawn the reader");
    let outgoing = client.receiver;
    let writer = std::thread::Builder::new()
        .name("lsp-writer".into())
        .spawn(move || {
            for msg in outgoing {
                let mut out = std::io::stdout().lock();
                if msg.write(&mut out).is_err() {
                    return;
                }
            }
        })
        .expect("spawn the writer");
    let (jobs_tx, jobs_rx) = crossbeam_channel::unbounded::<Job>();
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<Done>();
    let latest = Arc::new(AtomicU64::new(0));
    let worker_latest = latest.clone();
    std::thread::Builder::new()
        .name("lsp-worker".into())
        .spawn(move || analysis::worker(jobs_rx, done_tx, worker_latest))
        .expect("spawn the worker");
    let mut s = Server {
        out: server.sender,
        enc: Encoding::Utf16,
        snippets: false,
        document_changes: false,
        initialized: false,
        shutdown: false,
        docs: BTreeMap::new(),
        revision: 0,
        latest,
        jobs: jobs_tx,
        analyses: BTreeMap::new(),
        dirty: BTreeSet::new(),
        pending: Vec::new(),
        published: BTreeMap::new(),
    };
    let code = s.main_loop(&server.receiver, &done_rx);
    drop(s);
    let _ = writer.join();
    code
}

/// Write one framed JSON-RPC message to stdout (the reader's own error responses).
fn write_raw(v: &Value) {
    let text = v.to_string();
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{text}", text.len());
    let _ = out.flush();
}

fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// Frame messages off `input` until its end. A frame without `Content-Length`, a body that is not
/// JSON (a parse error, -32700) or not a JSON-RPC message (an invalid request, -32600) is
/// answered here and skipped.
fn read_loop(mut input: impl BufRead, incoming: &Sender<Message>) {
    loop {
        let mut length: Option<usize> = None;
        let mut any_header = false;
        loop {
            let mut line = String::new();
            match input.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if any_header {
                    break;
                }
                continue;
            }
            any_header = true;
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().ok();
                }
            }
        }
        let Some(length) = length else {
            write_raw(&error_response(
                Value::Null,
                ErrorCode::ParseError,
                "a message without a valid Content-Length header",
            ));
            continue;
        };
        let mut body = Vec::new();
        match (&mut input).take(length as u64).read_to_end(&mut body) {
            Ok(n) if n == length => {}
            _ => return,
        }
        let value: Value = match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                write_raw(&error_response(
                    Value::Null,
                    ErrorCode::ParseError,
                    &format!("the message is not JSON: {e}"),
                ));
                continue;
            }
        };
        let id = value
            .get("id")
            .filter(|id| id.is_i64() || id.is_string())
            .cloned();
        match serde_json::from_value::<Message>(value) {
            Ok(msg) => {
                if incoming.send(msg).is_err() {
                    return;
                }
            }
            Err(e) => write_raw(&error_response(
                id.unwrap_or(Value::Null),
                ErrorCode::InvalidRequest,
                &format!("not a JSON-RPC request, response or notification: {e}"),
            )),
        }
    }
}

/// An open document.
struct Doc {
    uri: lsp::Uri,
    text: String,
    version: i32,
    /// For a `file:` URI: its path and the key that names the file.
    path: Option<PathBuf>,
    key: PathBuf,
}

struct Server {
    out: Sender<Message>,
    enc: Encoding,
    snippets: bool,
    document_changes: bool,
    initialized: bool,
    shutdown: bool,
    docs: BTreeMap<String, Doc>,
    revision: u64,
    latest: Arc<AtomicU64>,
    jobs: Sender<Job>,
    /// The latest analysis of each open document, by URI.
    analyses: BTreeMap<String, Arc<Analysis>>,
    /// Open documents whose analysis is out of date.
    dirty: BTreeSet<String>,
    /// Requests waiting for the analyses to be current, with the version of their document when
    /// they came.
    pending: Vec<(Request, Option<i32>)>,
    /// What was last published, by URI.
    published: BTreeMap<String, Vec<lsp::Diagnostic>>,
}

/// Requests answered from the analyses.
const ANALYSIS_METHODS: [&str; 8] = [
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/prepareRename",
    "textDocument/rename",
    "textDocument/completion",
    "textDocument/documentSymbol",
    "textDocument/codeLens",
];

impl Server {
    fn main_loop(&mut self, messages: &Receiver<Message>, done: &Receiver<Done>) -> u8 {
        loop {
            crossbeam_channel::select! {
                recv(messages) -> msg => match msg {
                    Ok(msg) => {
                        if let Some(code) = self.handle(msg) {
                            return code;
                        }
                    }
                    // The input ended without `exit`.
                    Err(_) => return u8::from(!self.shutdown),
                },
                recv(done) -> d => match d {
                    Ok(d) => self.finished(d),
                    Err(_) => return 1,
                },
            }
        }
    }

    fn send(&self, msg: impl Into<Message>) {
        let _ = self.out.send(msg.into());
    }

    fn reply(&self, id: RequestId, result: Result<Value, Failure>) {
        self.send(match result {
            Ok(v) => Response::new_ok(id, v),
            Err((code, message)) => Response::new_err(id, code, message),
        });
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: impl Into<String>) {
        self.send(Response::new_err(id, code as i32, message.into()));
    }

    fn handle(&mut self, msg: Message) -> Option<u8> {
        match msg {
            Message::Request(req) => self.request(req),
            Message::Notification(n) => return self.notification(n),
            Message::Response(_) => {} // the server sends no requests
        }
        None
    }

    fn request(&mut self, req: Request) {
        if !self.initialized {
            if req.method == "initialize" {
                self.initialize(req);
            } else {
                self.error(
                    req.id,
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized",
                );
            }
            return;
        }
        if self.shutdown {
            self.error(
                req.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            );
            return;
        }
        match req.method.as_str() {
            "initialize" => self.error(
                req.id,
                ErrorCode::InvalidRequest,
                "initialize was already received",
            ),
            "shutdown" => {
                self.shutdown = true;
                self.send(Response::new_ok(req.id, Value::Null));
            }
            "textDocument/formatting" => {
                let r = parse::<lsp::DocumentFormattingParams>(&req).map(|p| {
                    match self.docs.get(p.text_document.uri.as_str()) {
                        Some(d) => features::formatting(d.uri.as_str(), &d.text, self.enc),
                        None => Value::Null,
                    }
                });
                self.reply(req.id, r);
            }
            // An extension: the server's copy of a document, to check incremental edits.
            "argcheck/documentText" => {
                let r = parse::<lsp::DocumentSymbolParams>(&req).map(|p| {
                    self.docs
                        .get(p.text_document.uri.as_str())
                        .map_or(Value::Null, |d| Value::String(d.text.clone()))
                });
                self.reply(req.id, r);
            }
            m if ANALYSIS_METHODS.contains(&m) => {
                if self.dirty.is_empty() {
                    self.answer(req);
                } else {
                    let version = self.version_of(&req);
                    self.pending.push((req, version));
                }
            }
            m => {
                let m = m.to_string();
                self.error(
                    req.id,
                    ErrorCode::MethodNotFound,
                    format!("unknown method `{m}`"),
                );
            }
        }
    }

    fn initialize(&mut self, req: Request) {
        let caps = req.params.get("capabilities");
        let get = |path: &[&str]| path.iter().try_fold(caps?, |v, k| v.get(k)).cloned();
        let offers_utf8 = get(&["general", "positionEncodings"])
            .and_then(|v| v.as_array().cloned())
            .is_some_and(|a| a.iter().any(|e| e == "utf-8"));
        self.enc = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.snippets = get(&[
            "textDocument",
            "completion",
            "completionItem",
            "snippetSupport",
        ]) == Some(Value::Bool(true));
        self.document_changes =
            get(&["workspace", "workspaceEdit", "documentChanges"]) == Some(Value::Bool(true));
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(if offers_utf8 {
                lsp::PositionEncodingKind::UTF8
            } else {
                lsp::PositionEncodingKind::UTF16
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
                lsp::TextDocumentSyncKind::INCREMENTAL,
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            definition_provider: Some(lsp::OneOf::Left(true)),
            references_provider: Some(lsp::OneOf::Left(true)),
            rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            completion_provider: Some(lsp::CompletionOptions {
                trigger_characters: Some(vec![" ".into(), ">".into(), ":".into(), ",".into()]),
                ..Default::default()
            }),
            document_formatting_provider: Some(lsp::OneOf::Left(true)),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            code_lens_provider: Some(lsp::CodeLensOptions {
                resolve_provider: Some(false),
            }),
            ..Default::default()
        };
        let result = json!({
            "capabilities": capabilities,
            "serverInfo": {"name": "argcheck", "version": env!("CARGO_PKG_VERSION")},
        });
        self.initialized = true;
        self.send(Response::new_ok(req.id, result));
    }

    fn notification(&mut self, n: Notification) -> Option<u8> {
        match n.method.as_str() {
            "exit" => return Some(u8::from(!self.shutdown)),
            _ if !self.initialized => {}
            "textDocument/didOpen" => {
                if let Ok(p) = n.extract::<lsp::DidOpenTextDocumentParams>("textDocument/didOpen") {
                    let d = p.text_document;
                    let path = uri::to_path(d.uri.as_str());
                    let key = path
                        .as_deref()
                        .map_or_else(|| PathBuf::from(d.uri.as_str()), analysis::key);
                    let u = d.uri.as_str().to_string();
                    self.docs.insert(
                        u.clone(),
                        Doc {
                            uri: d.uri,
                            text: d.text,
                            version: d.version,
                            path,
                            key,
                        },
                    );
                    self.touched(&u);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) =
                    n.extract::<lsp::DidChangeTextDocumentParams>("textDocument/didChange")
                {
                    let u = p.text_document.uri.as_str().to_string();
                    if let Some(doc) = self.docs.get_mut(&u) {
                        for c in p.content_changes {
                            text::apply(&mut doc.text, c.range, &c.text, self.enc);
                        }
                        doc.version = p.text_document.version;
                        self.touched(&u);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = n.extract::<lsp::DidCloseTextDocumentParams>("textDocument/didClose")
                {
                    let u = p.text_document.uri.as_str().to_string();
                    if self.docs.contains_key(&u) {
                        // Runs that import it read it from the disk again.
                        self.touched(&u);
                        self.docs.remove(&u);
                        self.analyses.remove(&u);
                        self.dirty.remove(&u);
                        self.schedule();
                    }
                }
            }
            // Files changed on disk (a client that watches `**/*.rules`): the runs that read
            // them are out of date; a file created or deleted may be an import that failed or
            // will fail, so every run is.
            "workspace/didChangeWatchedFiles" => {
                if let Ok(p) =
                    n.extract::<lsp::DidChangeWatchedFilesParams>("workspace/didChangeWatchedFiles")
                {
                    for change in p.changes {
                        let key = uri::to_path(change.uri.as_str()).map(|p| analysis::key(&p));
                        for (root, a) in &self.analyses {
                            if change.typ != lsp::FileChangeType::CHANGED
                                || key.as_ref().is_some_and(|k| a.keys.contains(k))
                            {
                                self.dirty.insert(root.clone());
                            }
                        }
                    }
                    if !self.dirty.is_empty() {
                        self.schedule();
                    }
                }
            }
            "$/cancelRequest" => {
                if let Ok(p) = n.extract::<lsp::CancelParams>("$/cancelRequest") {
                    let id: RequestId = match p.id {
                        lsp::NumberOrString::Number(i) => i.into(),
                        lsp::NumberOrString::String(s) => s.into(),
                    };
                    if let Some(i) = self.pending.iter().position(|(r, _)| r.id == id) {
                        let (r, _) = self.pending.remove(i);
                        self.error(r.id, ErrorCode::RequestCanceled, "canceled");
                    }
                }
            }
            _ => {} // `initialized`, `didSave`, `$/…` and unknown notifications
        }
        None
    }

    /// A document changed: it and every run that reads it are out of date.
    fn touched(&mut self, u: &str) {
        let key = self.docs.get(u).map(|d| d.key.clone());
        self.dirty.insert(u.to_string());
        for (root, a) in &self.analyses {
            if key.as_ref().is_some_and(|k| a.keys.contains(k)) {
                self.dirty.insert(root.clone());
            }
        }
        self.schedule();
    }

    /// Send the worker a job for the latest revision (or publish, when nothing is left to do).
    fn schedule(&mut self) {
        self.revision += 1;
        self.latest.store(self.revision, Ordering::Relaxed);
        self.dirty.retain(|u| self.docs.contains_key(u));
        if self.dirty.is_empty() {
            self.publish();
            self.drain();
            return;
        }
        let open: BTreeMap<PathBuf, OpenText> = self
            .docs
            .values()
            .map(|d| {
                (
                    d.key.clone(),
                    OpenText {
                        uri: d.uri.as_str().to_string(),
                        text: Arc::new(d.text.clone()),
                    },
                )
            })
            .collect();
        let roots = self
            .dirty
            .iter()
            .map(|u| {
                let d = &self.docs[u];
                let text = open[&d.key].text.clone();
                (u.clone(), d.path.clone(), text)
            })
            .collect();
        let _ = self.jobs.send(Job {
            revision: self.revision,
            open: Arc::new(open),
            roots,
        });
    }

    fn finished(&mut self, d: Done) {
        if d.revision != self.revision {
            return; // stale: a newer job is on its way
        }
        for (u, a) in d.analyses {
            if self.docs.contains_key(&u) {
                self.analyses.insert(u, a);
            }
        }
        self.dirty.clear();
        self.publish();
        self.drain();
    }

    /// Answer the requests that waited for the analyses.
    fn drain(&mut self) {
        for (req, version) in std::mem::take(&mut self.pending) {
            // Its positions point into a text that is no more (LSP 3.17, `ContentModified`).
            if self.version_of(&req) != version {
                self.error(
                    req.id,
                    ErrorCode::ContentModified,
                    "the document changed while the request waited; ask again",
                );
                continue;
            }
            self.answer(req);
        }
    }

    /// The version of the document a request is about, if it is open.
    fn version_of(&self, req: &Request) -> Option<i32> {
        let uri = req.params.get("textDocument")?.get("uri")?.as_str()?;
        self.docs.get(uri).map(|d| d.version)
    }

    fn publish(&mut self) {
        let now = features::all_diagnostics(&self.analyses, self.enc);
        let gone: Vec<String> = self
            .published
            .keys()
            .filter(|u| !now.contains_key(*u))
            .cloned()
            .collect();
        for u in gone {
            self.notify_diagnostics(&u, Vec::new());
            self.published.remove(&u);
        }
        for (u, list) in now {
            if self.published.get(&u) != Some(&list) {
                self.notify_diagnostics(&u, list.clone());
                self.published.insert(u, list);
            }
        }
    }

    fn notify_diagnostics(&self, u: &str, diagnostics: Vec<lsp::Diagnostic>) {
        let Ok(uri) = u.parse::<lsp::Uri>() else {
            return;
        };
        let version = self.docs.get(u).map(|d| d.version);
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        ));
    }

    fn answer(&self, req: Request) {
        let cx = Ctx {
            enc: self.enc,
            analyses: &self.analyses,
            snippets: self.snippets,
            document_changes: self.document_changes,
        };
        let id = req.id.clone();
        // A bug in a feature answers its request with an error; it does not end the server.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(&cx, &req)))
            .unwrap_or_else(|_| {
                Err((
                    ErrorCode::InternalError as i32,
                    format!("internal error while answering `{}`", req.method),
                ))
            });
        self.reply(id, result);
    }
}

fn parse<P: serde::de::DeserializeOwned>(req: &Request) -> Result<P, Failure> {
    serde_json::from_value(req.params.clone()).map_err(|e| {
        (
            ErrorCode::InvalidParams as i32,
            format!("invalid parameters for `{}`: {e}", req.method),
        )
    })
}

fn dispatch(cx: &Ctx, req: &Request) -> Result<Value, Failure> {
    match req.method.as_str() {
        "textDocument/hover" => features::hover(cx, parse(req)?),
        "textDocument/definition" => features::definition(cx, parse(req)?),
        "textDocument/references" => features::references(cx, parse(req)?),
        "textDocument/prepareRename" => features::prepare_rename(cx, parse(req)?),
        "textDocument/rename" => features::rename(cx, parse(req)?),
        "textDocument/completion" => features::completion(cx, parse(req)?),
        "textDocument/documentSymbol" => features::document_symbols(cx, parse(req)?),
        "textDocument/codeLens" => features::code_lens(cx, parse(req)?),
        m => Err((
            ErrorCode::MethodNotFound as i32,
            format!("unknown method `{m}`"),
        )),
    }
}
