//! Analysis off the main loop: a worker thread checks and evaluates each open file (with the
//! files it imports, open buffers overlaid on the disk) through the library's front door, and
//! sends the results back tagged with the revision they were made for.
//!
//! The main loop bumps the revision on every edit; a job runs under a [`Stop`] that fires as soon
//! as the revision moves on (or after [`TIME_LIMIT`]), so a grounding blow-up never holds the
//! server, and the main loop drops any result whose revision is not the latest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use argcheck::{
    Checked, Diagnostic, Disk, Evaluation, FileId, Files, Input, Limits, Stop, Symbols,
};
use crossbeam_channel::{Receiver, Sender};

/// The longest a file's grounding and evaluation may run in the editor.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// The editor's limits: far below the command line's, so that a runaway theory ends in an
/// `argcheck::limit` diagnostic within seconds rather than filling memory.
pub fn limits() -> Limits {
    Limits {
        max_ground_rules: 1_000_000,
        max_literals: 2_000_000,
        max_input_bytes: 64 * 1024 * 1024,
        ..Limits::default()
    }
}

/// The text of an open document.
#[derive(Debug, Clone)]
pub struct OpenText {
    pub uri: String,
    pub text: Arc<String>,
}

/// What to analyse: every open document by file key, and the roots to (re)analyse.
pub struct Job {
    pub revision: u64,
    pub open: Arc<BTreeMap<PathBuf, OpenText>>,
    /// By URI: the document's path (for a `file:` URI) and text.
    pub roots: Vec<(String, Option<PathBuf>, Arc<String>)>,
}

/// The result of a job.
pub struct Done {
    pub revision: u64,
    pub analyses: Vec<(String, Arc<Analysis>)>,
}

/// One root's run.
pub struct Analysis {
    pub run: Run,
    pub symbols: Symbols,
    /// Every diagnostic of the run (errors stop evaluation; then this is all there is).
    pub diagnostics: Vec<Diagnostic>,
    /// The URI of each file of the run, by `FileId`.
    pub uris: Vec<String>,
    /// The key of each file (to know which runs an edit touches).
    pub keys: Vec<PathBuf>,
    /// The root's own file.
    pub root: FileId,
}

/// A run evaluated, or stopped at its errors.
pub enum Run {
    Evaluated(Box<Evaluation>),
    Failed(Box<Checked>),
}

impl Analysis {
    pub fn sources(&self) -> &argcheck::SourceMap {
        match &self.run {
            Run::Evaluated(e) => e.sources(),
            Run::Failed(c) => c.sources(),
        }
    }

    pub fn evaluation(&self) -> Option<&Evaluation> {
        match &self.run {
            Run::Evaluated(e) => Some(e),
            Run::Failed(_) => None,
        }
    }

    /// The file of the run that `uri` names.
    pub fn file(&self, uri: &str) -> Option<FileId> {
        let i = self.uris.iter().position(|u| u == uri)?;
        self.sources().files().nth(i).map(|(id, _)| id)
    }

    pub fn uri(&self, file: FileId) -> &str {
        let i = self
            .sources()
            .files()
            .position(|(id, _)| id == file)
            .unwrap_or(0);
        &self.uris[i]
    }
}

/// The key that names a file whatever path leads to it: its canonical path if it exists, else
/// the path with `.` and `..` taken out.
pub fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| argcheck::normalize_path(path))
}

/// The disk, with the editor's open buffers in place of their files.
struct Overlay<'a> {
    open: &'a BTreeMap<PathBuf, OpenText>,
}

impl Files for Overlay<'_> {
    fn read(&self, path: &Path, limit: u64) -> std::io::Result<(Vec<u8>, PathBuf)> {
        let k = key(path);
        match self.open.get(&k) {
            Some(doc) => {
                let n = doc.text.len().min(limit.saturating_add(1) as usize);
                Ok((doc.text.as_bytes()[..n].to_vec(), k))
            }
            None => Disk.read(path, limit),
        }
    }
}

/// Analyse one root: check, evaluate unless there are errors, index the names.
pub fn analyse(
    uri: &str,
    path: Option<&Path>,
    text: &Arc<String>,
    open: &BTreeMap<PathBuf, OpenText>,
    limits: &Limits,
) -> Analysis {
    let input = match path {
        Some(p) => Input::Path(p.to_path_buf()),
        None => Input::Text {
            name: uri.to_string(),
            text: text.to_string(),
        },
    };
    let checked = argcheck::check(&[input], &Overlay { open }, limits);
    let symbols = checked.symbols();
    let (run, diagnostics) = match checked.evaluate(limits) {
        Ok(e) => {
            let d = e.warnings().iter().cloned().collect();
            (Run::Evaluated(Box::new(e)), d)
        }
        Err(c) => {
            let d = c.diagnostics().iter().cloned().collect();
            (Run::Failed(c), d)
        }
    };
    let mut a = Analysis {
        run,
        symbols,
        diagnostics,
        uris: Vec::new(),
        keys: Vec::new(),
        root: FileId::default(),
    };
    let names: Vec<String> = a.sources().files().map(|(_, f)| f.name.clone()).collect();
    for (i, name) in names.iter().enumerate() {
        let (u, k) = if i == 0 && path.is_none() {
            (uri.to_string(), PathBuf::from(uri))
        } else {
            let k = key(Path::new(name));
            let u = open.get(&k).map_or_else(
                || super::uri::from_path(&argcheck::normalize_path(Path::new(name))),
                |d| d.uri.clone(),
            );
            (u, k)
        };
        a.uris.push(u);
        a.keys.push(k);
    }
    a
}

/// The worker: takes the latest job, runs it, sends the result.
pub fn worker(jobs: Receiver<Job>, done: Sender<Done>, latest: Arc<AtomicU64>) {
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let revision = job.revision;
        let started = Instant::now();
        let latest_rev = latest.clone();
        let mut limits = limits();
        limits.stop = Some(Stop::when(
            move || {
                latest_rev.load(Ordering::Relaxed) != revision || started.elapsed() > TIME_LIMIT
            },
            format!(
                "time limit reached: the editor stops grounding and evaluation after {} s",
                TIME_LIMIT.as_secs()
            ),
            "Narrow the theory, or run `argcheck eval` on the command line (no time limit there).",
        ));
        let mut analyses = Vec::new();
        for (uri, path, text) in &job.roots {
            if latest.load(Ordering::Relaxed) != revision {
                break;
            }
            // A bug in the library loses this file's analysis, not the server.
            let a = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                analyse(uri, path.as_deref(), text, &job.open, &limits)
            }));
            if let Ok(a) = a {
                analyses.push((uri.clone(), Arc::new(a)));
            }
        }
        if done.send(Done { revision, analyses }).is_err() {
            return;
        }
    }
}
