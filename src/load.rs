//! Reading a run's files: the inputs named by the caller and their imports, each once.
//!
//! Files come through a [`Files`]: the disk ([`Disk`]) for the command line, a set of texts in
//! memory ([`MemoryFiles`]) for a browser page or an editor's open buffers. Imports are followed
//! depth-first with an explicit stack (no recursion), relative to the importing file; a file
//! already read is not read again; an import that leads back to a file still being read is an
//! `argcheck::import` cycle error.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::intern::Interner;
use crate::limits::Limits;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{
    self,
    ast::{Ast, ItemKind},
};

/// Where a run's files come from.
pub trait Files {
    /// The bytes of the file at `path`, at most `limit + 1` of them (enough to see that it is
    /// over the limit), and a key that is the same for every path naming that file (imports are
    /// read once per key).
    fn read(&self, path: &Path, limit: u64) -> std::io::Result<(Vec<u8>, PathBuf)>;
}

/// The file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path, limit: u64) -> std::io::Result<(Vec<u8>, PathBuf)> {
        use std::io::Read;
        let meta = std::fs::metadata(path)?;
        if meta.is_dir() {
            return Err(std::io::Error::other("it is a directory"));
        }
        if !meta.is_file() {
            // A device such as `/dev/zero` or a pipe could be read forever.
            return Err(std::io::Error::other("it is not a regular file"));
        }
        // Sized from the metadata: growing by doubling would hold up to twice a large file.
        let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize + 1);
        std::fs::File::open(path)?
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        Ok((bytes, key))
    }
}

/// Files held in memory, by path (`a/../b.rules` and `./b.rules` name `b.rules`).
#[derive(Debug, Clone, Default)]
pub struct MemoryFiles {
    files: BTreeMap<PathBuf, String>,
}

impl MemoryFiles {
    /// No files.
    pub fn new() -> MemoryFiles {
        MemoryFiles::default()
    }

    /// Add (or replace) the file at `path`.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<String>) {
        self.files
            .insert(normalize_path(path.as_ref()), text.into());
    }

    /// With the file at `path` added.
    pub fn with(mut self, path: impl AsRef<Path>, text: impl Into<String>) -> MemoryFiles {
        self.insert(path, text);
        self
    }
}

impl Files for MemoryFiles {
    fn read(&self, path: &Path, limit: u64) -> std::io::Result<(Vec<u8>, PathBuf)> {
        let key = normalize_path(path);
        match self.files.get(&key) {
            Some(text) => {
                let n = text.len().min(limit.saturating_add(1) as usize);
                Ok((text.as_bytes()[..n].to_vec(), key))
            }
            None => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file",
            )),
        }
    }
}

/// `path` with `.` and `name/..` taken out, as text (no file system involved): the name under
/// which [`MemoryFiles`] keeps a file, and the language server an unsaved one.
pub fn normalize_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// What a run reads.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file, read through the run's [`Files`].
    Path(PathBuf),
    /// Text already read (standard input, a test), with the name diagnostics give it.
    Text {
        /// The display name.
        name: String,
        /// The text.
        text: String,
    },
    /// Literals to ask about, as if each were written `query LITERAL.` in a file of their own
    /// (`--query`, the literal of `explain`): their diagnostics point into them.
    Queries(Vec<String>),
    /// Hypothetical changes, evaluated as if written into the positions they name.
    WhatIf(WhatIf),
}

/// Changes to evaluate without editing the files (`--assume`, `--retract`, `--prefer`,
/// `--reject`): each has the meaning of the statement it stands for, written inside the block of
/// every position in [`WhatIf::positions`] (so also in the positions that extend them), or in
/// common ground, which every position includes, when that list is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct WhatIf {
    /// The positions changed; none: every position.
    pub positions: Vec<String>,
    /// The changes, in order.
    pub changes: Vec<Change>,
}

/// One hypothetical change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "change", content = "text")]
pub enum Change {
    /// Add the ground literal as a fact (`LIT.`).
    Assume(String),
    /// Withdraw the fact (`retract LIT.`).
    Retract(String),
    /// Add the superiority `A > B` (`A > B.`).
    Prefer(String),
    /// Reject the rule (`reject LABEL.`).
    Reject(String),
}

impl Change {
    /// The statement the change stands for.
    pub fn statement(&self) -> String {
        let bare = |s: &str| s.trim().trim_end_matches('.').trim().to_string();
        match self {
            Change::Assume(l) => format!("{}.", bare(l)),
            Change::Retract(l) => format!("retract {}.", bare(l)),
            Change::Prefer(s) => format!("{}.", bare(s)),
            Change::Reject(l) => format!("reject {}.", bare(l)),
        }
    }

    /// The change as its command-line flag: `--assume 'p(a)'`.
    pub fn flag(&self) -> String {
        let bare = |s: &str| s.trim().trim_end_matches('.').trim().to_string();
        match self {
            Change::Assume(l) => format!("--assume '{}'", bare(l)),
            Change::Retract(l) => format!("--retract '{}'", bare(l)),
            Change::Prefer(s) => format!("--prefer '{}'", bare(s)),
            Change::Reject(l) => format!("--reject {}", bare(l)),
        }
    }
}

impl WhatIf {
    /// Whether there is no change.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// One line that says the run is hypothetical and names the changes.
    pub fn describe(&self) -> String {
        let flags: Vec<String> = self.changes.iter().map(Change::flag).collect();
        let under = if self.positions.is_empty() {
            "every position".to_string()
        } else {
            self.positions.join(", ")
        };
        format!("hypothetical, under {under}: {}", flags.join(" "))
    }
}

/// The display name of the pseudo-file of [`Input::WhatIf`].
pub(crate) const WHATIF_FILE: &str = "<what-if>";

/// The display name of the pseudo-file of [`Input::Queries`].
pub(crate) const QUERY_FILE: &str = "<command line>";

/// Everything read and parsed for one run.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) sources: SourceMap,
    pub(crate) asts: Vec<(FileId, Ast)>,
    pub(crate) names: Interner,
    /// The file of [`Input::WhatIf`] and the positions its changes apply to.
    pub(crate) whatif: Option<(FileId, Vec<String>)>,
}

/// Read, decode and parse every input and everything it imports.
pub(crate) fn load(
    inputs: &[Input],
    files: &dyn Files,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Loaded {
    let mut out = Loaded::default();
    let mut seen: Vec<(PathBuf, FileId)> = Vec::new();
    let mut total: u64 = 0;
    for input in inputs {
        let (name, bytes, key) = match input {
            Input::Text { name, text } => (name.clone(), text.clone().into_bytes(), None),
            Input::Queries(lits) => {
                // `p(a).` is accepted as `p(a)`: the statement's own `.` is added here.
                let text: String = lits
                    .iter()
                    .map(|l| format!("query {}.\n", l.trim().trim_end_matches('.').trim_end()))
                    .collect();
                (QUERY_FILE.to_string(), text.into_bytes(), None)
            }
            Input::WhatIf(w) => {
                let text: String = w.changes.iter().map(|c| c.statement() + "\n").collect();
                if let Some(id) = add_file(
                    &mut out,
                    WHATIF_FILE.into(),
                    text.into_bytes(),
                    &mut total,
                    limits,
                    diags,
                    None,
                ) {
                    out.whatif = Some((id, w.positions.clone()));
                }
                continue;
            }
            Input::Path(path) => match files.read(path, limits.max_input_bytes) {
                Ok((bytes, key)) => (path.display().to_string(), bytes, Some(key)),
                Err(e) => {
                    diags.push(
                        Diagnostic::new(Code::Io, format!("cannot read `{}`: {e}", path.display()))
                            .with_help("Check the path; a directory of rules is run with `argcheck test DIR`."),
                    );
                    continue;
                }
            },
        };
        if let Some(key) = &key {
            if seen.iter().any(|(k, _)| k == key) {
                continue;
            }
        }
        let Some(root) = add_file(&mut out, name, bytes, &mut total, limits, diags, None) else {
            continue;
        };
        if let Some(key) = key {
            seen.push((key, root));
        }
        follow_imports(&mut out, files, root, &mut seen, &mut total, limits, diags);
    }
    out
}

/// Decode, size-check and parse one file. `at` is the import statement that asked for it.
fn add_file(
    out: &mut Loaded,
    name: String,
    bytes: Vec<u8>,
    total: &mut u64,
    limits: &Limits,
    diags: &mut Diagnostics,
    at: Option<Span>,
) -> Option<FileId> {
    *total += bytes.len() as u64;
    if *total > limits.max_input_bytes {
        let mut d = Diagnostic::new(
            Code::Limit,
            format!(
                "input size limit reached: {} bytes read, the limit is {} (`--max-input-bytes`)",
                total, limits.max_input_bytes
            ),
        )
        .with_help("Raise the limit with `--max-input-bytes N` if this input is expected.");
        if let Some(at) = at {
            d = d.with_label(at, "this import goes past the limit");
        }
        diags.push(d);
        return None;
    }
    let (text, bad_utf8) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(offset),
            )
        }
    };
    let file = out.sources.add(name, text);
    if let Some(offset) = bad_utf8 {
        let len = out.sources.file(file).text[offset..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        diags.push(
            Diagnostic::new(Code::Syntax, "the file is not valid UTF-8")
                .with_label(
                    Span::new(file, offset, offset + len),
                    "invalid byte sequence here",
                )
                .with_help("Save the file as UTF-8 text."),
        );
        return Some(file);
    }
    let ast = syntax::parse(file, &out.sources.file(file).text, &mut out.names, diags);
    out.asts.push((file, ast));
    Some(file)
}

/// Depth-first over the imports of `root`, with an explicit stack of (file, next import index).
fn follow_imports(
    out: &mut Loaded,
    files: &dyn Files,
    root: FileId,
    seen: &mut Vec<(PathBuf, FileId)>,
    total: &mut u64,
    limits: &Limits,
    diags: &mut Diagnostics,
) {
    let mut stack: Vec<(FileId, usize)> = vec![(root, 0)];
    while let Some(&mut (file, ref mut next)) = stack.last_mut() {
        let Some(ast_index) = out.asts.iter().position(|(f, _)| *f == file) else {
            stack.pop();
            continue;
        };
        // `next` counts the file's items already looked at.
        let import = out.asts[ast_index]
            .1
            .items
            .iter()
            .skip(*next)
            .enumerate()
            .find_map(|(k, item)| match &item.kind {
                ItemKind::Import { path, path_span } => Some((k, path.clone(), *path_span)),
                _ => None,
            });
        let Some((k, rel, span)) = import else {
            stack.pop();
            continue;
        };
        *next += k + 1;
        let base = Path::new(&out.sources.file(file).name)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = base.join(&rel);
        match files.read(&path, limits.max_input_bytes) {
            Err(e) => diags.push(
                Diagnostic::new(Code::Import, format!("cannot import `{rel}`: {e}"))
                    .with_label(span, format!("reading `{}` failed", path.display()))
                    .with_help("Import paths are relative to the importing file; check the path and that it names a `.rules` file."),
            ),
            Ok((bytes, key)) => {
                if let Some(&(_, existing)) = seen.iter().find(|(k, _)| *k == key) {
                    if let Some(pos) = stack.iter().position(|(f, _)| *f == existing) {
                        let chain: Vec<&str> = stack[pos..]
                            .iter()
                            .map(|(f, _)| out.sources.file(*f).name.as_str())
                            .chain(std::iter::once(out.sources.file(existing).name.as_str()))
                            .collect();
                        diags.push(
                            Diagnostic::new(Code::Import, format!("import cycle: {}", chain.join(" → ")))
                                .with_label(span, "this import leads back to a file that is being read")
                                .with_help("Files are read once; move the shared statements into a third file that both import."),
                        );
                    }
                    continue;
                }
                let name = path.display().to_string();
                if let Some(id) = add_file(out, name, bytes, total, limits, diags, Some(span)) {
                    seen.push((key, id));
                    stack.push((id, 0));
                }
            }
        }
    }
}
