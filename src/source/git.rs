//! A handle on one local repository. Everything goes through the `git` binary: it is the
//! reference implementation of git's many repository layouts (worktrees, alternates, partial
//! clones), and it is on every CI runner.

use super::blobs::{Blob, BlobSession};
use super::SourceError;
use crate::model::changeset::Commit;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

/// A handle on one repository, running the `git` binary.
#[derive(Debug, Clone)]
pub struct Git {
    root: PathBuf,
    /// The run's `git cat-file --batch` (shared by clones of the handle).
    blobs: Arc<Mutex<BlobSession>>,
}

/// Which version of the repository's files a search reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snapshot<'a> {
    /// A commit's tree.
    Commit(&'a str),
    /// What is staged.
    Index,
    /// Tracked files as they are on disk.
    WorkTree,
}

impl Git {
    /// Finds the repository containing `dir`.
    pub fn discover(dir: &Path) -> Result<Git, SourceError> {
        let output = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .map_err(SourceError::GitMissing)?;
        if !output.status.success() {
            return Err(SourceError::NotARepository(dir.to_path_buf()));
        }
        let root = String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_owned();
        Ok(Git {
            root: PathBuf::from(root),
            blobs: Arc::default(),
        })
    }

    /// Reads objects (`<sha>` or `<rev>:<path>`) through the handle's one `git cat-file`.
    pub fn read_blobs(
        &self,
        requests: &[String],
        max_bytes: u64,
    ) -> Result<BTreeMap<String, Blob>, SourceError> {
        let mut session = self
            .blobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        session.read(&self.root, requests, max_bytes)
    }

    /// Sizes of objects by id, from one `git cat-file --batch-check` (ids git does not have are
    /// left out): what planning a long read needs, without reading a byte of content.
    pub fn object_sizes(&self, ids: &[String]) -> Result<BTreeMap<String, u64>, SourceError> {
        let unique: std::collections::BTreeSet<&str> = ids.iter().map(String::as_str).collect();
        if unique.is_empty() {
            return Ok(BTreeMap::new());
        }
        let mut input = String::new();
        for id in &unique {
            input.push_str(id);
            input.push('\n');
        }
        let out = self.run_with_input(
            &["cat-file", "--batch-check=%(objectname) %(objectsize)"],
            input.into_bytes(),
        )?;
        Ok(String::from_utf8_lossy(&out)
            .lines()
            .filter_map(|line| {
                let (id, size) = line.split_once(' ')?;
                Some((id.to_owned(), size.parse().ok()?))
            })
            .collect())
    }

    /// The top-level directory of the work tree.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Runs git with `args`; stdout on success, stderr in the error otherwise.
    pub fn run(&self, args: &[&str]) -> Result<Vec<u8>, SourceError> {
        self.run_with_warnings(args).map(|(stdout, _)| stdout)
    }

    /// `run`, also returning what git said on stderr while succeeding (its warnings).
    pub fn run_with_warnings(&self, args: &[&str]) -> Result<(Vec<u8>, String), SourceError> {
        let output = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(args)
            .output()
            .map_err(SourceError::GitMissing)?;
        if output.status.success() {
            Ok((
                output.stdout,
                String::from_utf8_lossy(&output.stderr).into_owned(),
            ))
        } else {
            Err(SourceError::GitFailed {
                command: args.join(" "),
                stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            })
        }
    }

    /// Runs git with `args`, feeding `input` on stdin (from a thread: git answers while it reads,
    /// and both pipes could fill up).
    pub fn run_with_input(&self, args: &[&str], input: Vec<u8>) -> Result<Vec<u8>, SourceError> {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(SourceError::GitMissing)?;
        let mut stdin = child.stdin.take().ok_or_else(|| SourceError::GitOutput {
            command: args.join(" "),
            detail: "no stdin".into(),
        })?;
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let output = child.wait_with_output().map_err(SourceError::GitMissing)?;
        let _ = writer.join();
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(SourceError::GitFailed {
                command: args.join(" "),
                stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            })
        }
    }

    /// The commit `rev` names, if it names one.
    pub fn try_resolve_commit(&self, rev: &str) -> Option<String> {
        let spec = format!("{rev}^{{commit}}");
        let out = self
            .run(&[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &spec,
            ])
            .ok()?;
        let sha = String::from_utf8_lossy(&out).trim().to_owned();
        (!sha.is_empty()).then_some(sha)
    }

    /// The commit `rev` names, or an "unknown revision" error.
    pub fn resolve_commit(&self, rev: &str) -> Result<String, SourceError> {
        self.try_resolve_commit(rev)
            .ok_or_else(|| SourceError::UnknownRevision(rev.to_owned()))
    }

    /// The best common ancestor of two commits.
    pub fn merge_base(&self, left: &str, right: &str) -> Result<String, SourceError> {
        let out = self
            .run(&["merge-base", left, right])
            .map_err(|_| SourceError::NoMergeBase {
                left: left.to_owned(),
                right: right.to_owned(),
            })?;
        Ok(String::from_utf8_lossy(&out).trim().to_owned())
    }

    /// Fetches one commit from `origin` (depth 1, for shallow CI clones), stopped after `limit`
    /// so an unreachable remote cannot hang the job. Portable: no `timeout` program (macOS and
    /// Windows lack GNU's); whether it worked is for the caller to check.
    pub fn fetch_commit(&self, sha: &str, limit: std::time::Duration) {
        let child = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args([
                "fetch",
                "--no-tags",
                "--quiet",
                "--depth=1",
                "origin",
                "--",
                sha,
            ])
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        let Ok(mut child) = child else { return };
        let started = std::time::Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(_)) | Err(_) => return,
                Ok(None) if started.elapsed() >= limit => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return;
                }
                Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }

    /// A git config value, if set.
    /// The checked-out branch's short name, `None` when HEAD is detached.
    pub fn current_branch(&self) -> Option<String> {
        let out = self
            .run(&["symbolic-ref", "--quiet", "--short", "HEAD"])
            .ok()?;
        let name = String::from_utf8_lossy(&out).trim().to_owned();
        (!name.is_empty()).then_some(name)
    }

    pub fn config(&self, key: &str) -> Option<String> {
        let out = self.run(&["config", "--get", key]).ok()?;
        let value = String::from_utf8_lossy(&out).trim().to_owned();
        (!value.is_empty()).then_some(value)
    }

    /// The bytes of `path` at commit `sha`, if it exists there (used to read the policy from the base).
    pub fn file_at(
        &self,
        sha: &str,
        path: &str,
        max_bytes: u64,
    ) -> Result<Option<Vec<u8>>, SourceError> {
        let request = format!("{sha}:{path}");
        let mut blobs = self.read_blobs(std::slice::from_ref(&request), max_bytes)?;
        Ok(match blobs.remove(&request) {
            Some(Blob::Bytes(bytes)) => Some(bytes),
            _ => None,
        })
    }

    /// A file the gate judges with (policy, rules) at `sha`: in full, or an error when it is
    /// larger than `max_bytes` (never silently absent).
    pub fn gate_file_at(
        &self,
        sha: &str,
        path: &str,
        max_bytes: u64,
    ) -> Result<Option<Vec<u8>>, SourceError> {
        let request = format!("{sha}:{path}");
        let mut blobs = self.read_blobs(std::slice::from_ref(&request), max_bytes)?;
        match blobs.remove(&request) {
            Some(Blob::Bytes(bytes)) => Ok(Some(bytes)),
            Some(Blob::TooLarge(size, _)) => Err(SourceError::GateFile {
                path: path.to_owned(),
                why: format!("{size} bytes, more than the {max_bytes} a gate file may have"),
            }),
            _ => Ok(None),
        }
    }

    /// Every file under `dir` at `sha`; a file over `max_bytes` is an error (gate files).
    pub fn gate_files_under(
        &self,
        sha: &str,
        dir: &str,
        max_bytes: u64,
    ) -> Result<Vec<(String, Vec<u8>)>, SourceError> {
        let mut out = Vec::new();
        for (path, blob) in self.blobs_under(sha, dir, max_bytes)? {
            match blob {
                Some(Blob::Bytes(bytes)) => out.push((path, bytes)),
                Some(Blob::TooLarge(size, _)) => {
                    return Err(SourceError::GateFile {
                        path,
                        why: format!(
                            "{size} bytes, more than the {max_bytes} a gate file may have"
                        ),
                    })
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// Every path under `dir` at `sha`, in listing order, with what the object store returned.
    fn blobs_under(
        &self,
        sha: &str,
        dir: &str,
        max_bytes: u64,
    ) -> Result<Vec<(String, Option<Blob>)>, SourceError> {
        let listing = self.run(&["ls-tree", "-r", "-z", "--name-only", sha, "--", dir])?;
        let paths: Vec<String> = listing
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        let requests: Vec<String> = paths.iter().map(|p| format!("{sha}:{p}")).collect();
        let mut blobs = self.read_blobs(&requests, max_bytes)?;
        Ok(paths
            .into_iter()
            .zip(requests)
            .map(|(path, request)| {
                let blob = blobs.remove(&request);
                (path, blob)
            })
            .collect())
    }

    /// Every file under `dir` at commit `sha` within `max_bytes`, with its bytes (PR templates).
    pub fn files_under(
        &self,
        sha: &str,
        dir: &str,
        max_bytes: u64,
    ) -> Result<Vec<(String, Vec<u8>)>, SourceError> {
        Ok(self
            .blobs_under(sha, dir, max_bytes)?
            .into_iter()
            .filter_map(|(path, blob)| match blob {
                Some(Blob::Bytes(bytes)) => Some((path, bytes)),
                _ => None,
            })
            .collect())
    }

    /// Paths in `at` under one of `pathspecs` whose text holds one of `words` as a whole word
    /// (`git grep -lwF`, in git's own threads), so fan-in reads only those; `None` when git grep
    /// could not answer (the caller then reads every candidate file). A commit is searched in
    /// its tree, never on disk: proving the work tree equal to it costs `git status`, which
    /// re-hashes every file of a fresh checkout (300 ms on rust-analyzer).
    pub fn files_mentioning(
        &self,
        at: Snapshot<'_>,
        words: &[&str],
        pathspecs: &[String],
    ) -> Option<std::collections::BTreeSet<String>> {
        if words.is_empty() || pathspecs.is_empty() {
            return Some(Default::default());
        }
        let mut cmd = Command::new("git");
        cmd.arg("-C")
            .arg(&self.root)
            .args(["grep", "-l", "-z", "-w", "-F", "-I", "--no-color"]);
        if at == Snapshot::Index {
            cmd.arg("--cached");
        }
        for word in words {
            cmd.arg("-e").arg(word);
        }
        cmd.arg("--end-of-options");
        if let Snapshot::Commit(sha) = at {
            cmd.arg(sha);
        }
        cmd.arg("--").args(pathspecs);
        let output = cmd.output().ok()?;
        match output.status.code() {
            // Matches, as `<sha>:<path>` for a commit, as paths otherwise.
            Some(0) => Some(
                output
                    .stdout
                    .split(|&b| b == 0)
                    .filter(|p| !p.is_empty())
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .map(|p| match (at, p.split_once(':')) {
                        (Snapshot::Commit(_), Some((_, path))) => path.to_owned(),
                        _ => p,
                    })
                    .collect(),
            ),
            // No file mentions any of the words.
            Some(1) if output.stderr.is_empty() => Some(Default::default()),
            _ => None,
        }
    }

    /// Every path in `at` that `keep` accepts, sorted.
    pub fn paths_in(
        &self,
        at: Snapshot<'_>,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<String>, SourceError> {
        let listing = match at {
            Snapshot::Commit(sha) => self.run(&["ls-tree", "-r", "-z", "--name-only", sha])?,
            Snapshot::Index | Snapshot::WorkTree => self.run(&["ls-files", "-z"])?,
        };
        let mut paths: Vec<String> = listing
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .filter(|p| keep(p))
            .collect();
        paths.sort();
        paths.dedup();
        Ok(paths)
    }

    /// The texts of `paths` (in their order; missing, binary and non-UTF-8 files are skipped) as
    /// they are in `at`, stopping before the file that would pass `max_bytes` (the bool says the
    /// budget cut the list).
    pub fn texts_in(
        &self,
        at: Snapshot<'_>,
        paths: &[String],
        max_bytes: u64,
    ) -> Result<(Vec<(String, String)>, bool), SourceError> {
        // Per path: its bytes, or `None` when it is larger than the budget.
        let mut read: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
        match at {
            Snapshot::WorkTree => {
                for path in paths {
                    // Regular files only: a link's target is not this repository's text.
                    let full = self.root.join(path);
                    match std::fs::symlink_metadata(&full) {
                        Ok(m) if m.is_file() && m.len() > max_bytes => {
                            read.insert(path.clone(), None);
                        }
                        Ok(m) if m.is_file() => {
                            if let Ok(bytes) = std::fs::read(&full) {
                                read.insert(path.clone(), Some(bytes));
                            }
                        }
                        _ => {}
                    }
                }
            }
            Snapshot::Commit(_) | Snapshot::Index => {
                let prefix = match at {
                    Snapshot::Commit(sha) => format!("{sha}:"),
                    _ => ":".to_owned(),
                };
                let requests: Vec<String> = paths.iter().map(|p| format!("{prefix}{p}")).collect();
                let mut blobs = self.read_blobs(&requests, max_bytes)?;
                for (path, request) in paths.iter().zip(&requests) {
                    match blobs.remove(request) {
                        Some(Blob::Bytes(bytes)) => {
                            read.insert(path.clone(), Some(bytes));
                        }
                        Some(Blob::TooLarge(..)) => {
                            read.insert(path.clone(), None);
                        }
                        _ => {}
                    }
                }
            }
        }
        let (mut out, mut total) = (Vec::new(), 0u64);
        for path in paths {
            let Some(bytes) = read.remove(path) else {
                continue;
            };
            let Some(bytes) = bytes else {
                return Ok((out, true));
            };
            total += bytes.len() as u64;
            if total > max_bytes {
                return Ok((out, true));
            }
            if let Ok(text) = String::from_utf8(bytes) {
                out.push((path.clone(), text));
            }
        }
        Ok((out, false))
    }

    /// Commits reachable from `head` but not `base`, oldest first, with trailers as git parses them.
    pub fn commits(&self, base: &str, head: &str) -> Result<Vec<Commit>, SourceError> {
        let range = format!("{base}..{head}");
        let out = self.run(&[
            "log",
            "--reverse",
            "--no-decorate",
            "--no-color",
            "--format=%H%x1f%an <%ae>%x1f%cn <%ce>%x1f%P%x1f%B%x1f%(trailers:only,unfold)%x1e",
            &range,
        ])?;
        let text = String::from_utf8_lossy(&out);
        Ok(text
            .split('\x1e')
            .filter_map(|record| {
                let mut fields = record.trim_start_matches('\n').splitn(6, '\x1f');
                let sha = fields.next()?.to_owned();
                if sha.is_empty() {
                    return None;
                }
                let author = fields.next().unwrap_or_default().to_owned();
                let committer = fields.next().unwrap_or_default().to_owned();
                let parents = fields.next().unwrap_or_default().split_whitespace().count();
                let message = fields.next().unwrap_or_default().trim_end().to_owned();
                let trailers = fields
                    .next()
                    .unwrap_or_default()
                    .lines()
                    .filter_map(|l| l.split_once(':'))
                    .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                    .collect();
                Some(Commit {
                    sha,
                    author,
                    committer,
                    author_login: None,
                    message,
                    trailers,
                    parents,
                })
            })
            .collect())
    }
}
