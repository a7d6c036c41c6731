//! The local git source: resolves base and head, lists changes with `git diff --raw -z`, reads
//! both sides of every file through one `git cat-file --batch`, and collects commit metadata.
//!
//! Everything goes through the `git` binary: it is the reference implementation of git's many
//! repository layouts (worktrees, alternates, partial clones), and it is on every CI runner.

use super::blobs::{read_blobs, Blob};
use super::content::{fill, Side};
use super::raw::{is_null_sha, parse_raw, RawEntry};
use super::{Limits, SourceError};
use crate::changeset::{
    ChangeMeta, ChangeSet, Commit, FileChange, FileStatus, Rev, SUBMODULE_MODE,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Upstream candidates for the default base, in order of preference.
const DEFAULT_BASES: [&str; 5] = [
    "origin/HEAD",
    "origin/main",
    "origin/master",
    "main",
    "master",
];

/// What the head of the change is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadSpec {
    /// Tracked files as they are on disk (what `git diff BASE` shows).
    WorkingTree,
    /// What is staged (what `git diff --cached BASE` shows).
    Index,
    /// A committed revision.
    Rev(String),
}

/// A request for a change from a local repository.
#[derive(Debug, Clone)]
pub struct GitRequest {
    /// Any directory inside the repository.
    pub dir: PathBuf,
    /// Base revision; `None` picks the merge-base with the upstream default branch.
    pub base: Option<String>,
    pub head: HeadSpec,
}

/// A handle on one repository, running the `git` binary.
#[derive(Debug, Clone)]
pub struct Git {
    root: PathBuf,
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
        })
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

    /// A git config value, if set.
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
        let mut blobs = read_blobs(self, std::slice::from_ref(&request), max_bytes)?;
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
        let mut blobs = read_blobs(self, std::slice::from_ref(&request), max_bytes)?;
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
        let mut blobs = read_blobs(self, &requests, max_bytes)?;
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

    /// Paths of every file in commit `sha` that `keep` accepts, sorted, with their text; at most
    /// `max_files` files and `max_bytes` bytes (the bool says whether the budget cut the list).
    /// Paths at commit `sha` whose text holds one of `words` as a whole word (`git grep -lwF`),
    /// so fan-in reads only those and its cost follows the change, not the repository; `None`
    /// when git grep could not answer (the caller then reads every candidate file).
    pub fn files_mentioning(
        &self,
        sha: &str,
        words: &[&str],
    ) -> Option<std::collections::BTreeSet<String>> {
        if words.is_empty() {
            return Some(Default::default());
        }
        let mut cmd = Command::new("git");
        cmd.arg("-C")
            .arg(&self.root)
            .args(["grep", "-l", "-z", "-w", "-F", "-I", "--no-color"]);
        for word in words {
            cmd.arg("-e").arg(word);
        }
        cmd.args(["--end-of-options", sha, "--"]);
        let output = cmd.output().ok()?;
        match output.status.code() {
            // Matches, as `<sha>:<path>`.
            Some(0) => Some(
                output
                    .stdout
                    .split(|&b| b == 0)
                    .filter(|p| !p.is_empty())
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .map(|p| match p.split_once(':') {
                        Some((_, path)) => path.to_owned(),
                        None => p,
                    })
                    .collect(),
            ),
            // No file mentions any of the words.
            Some(1) if output.stderr.is_empty() => Some(Default::default()),
            _ => None,
        }
    }

    pub fn texts_at(
        &self,
        sha: &str,
        keep: impl Fn(&str) -> bool,
        max_files: usize,
        max_bytes: u64,
    ) -> Result<(Vec<(String, String)>, bool), SourceError> {
        let listing = self.run(&["ls-tree", "-r", "-z", "--name-only", sha])?;
        let mut paths: Vec<String> = listing
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .filter(|p| keep(p))
            .collect();
        paths.sort();
        let truncated = paths.len() > max_files;
        paths.truncate(max_files);
        let requests: Vec<String> = paths.iter().map(|p| format!("{sha}:{p}")).collect();
        let mut blobs = read_blobs(self, &requests, max_bytes)?;
        let mut out = Vec::new();
        let mut total = 0u64;
        let mut cut = truncated;
        for (path, request) in paths.into_iter().zip(requests) {
            if let Some(Blob::Bytes(bytes)) = blobs.remove(&request) {
                total += bytes.len() as u64;
                if total > max_bytes {
                    cut = true;
                    break;
                }
                if let Ok(text) = String::from_utf8(bytes) {
                    out.push((path, text));
                }
            }
        }
        Ok((out, cut))
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

/// Resolves the default base: the merge-base of HEAD with the first upstream candidate that exists.
/// `-l<n>`: how many rename candidates git may compare (its default is 1,000).
const RENAME_LIMIT: &str = "-l20000";

/// What every report says when git skipped rename detection.
const RENAMES_SKIPPED: &str = "git skipped rename detection for this change (more candidate files than its limit of 20,000): moved files are listed as deleted and added, and their code counts as new";

/// Whether git's stderr says it gave up on (inexact) rename detection.
fn gave_up_on_renames(stderr: &str) -> bool {
    stderr.contains("rename detection was skipped") || stderr.contains("renameLimit")
}

fn default_base(git: &Git, head_sha: &str) -> Result<(String, String), SourceError> {
    for candidate in DEFAULT_BASES {
        if let Some(sha) = git.try_resolve_commit(candidate) {
            let base = git.merge_base(&sha, head_sha)?;
            return Ok((candidate.to_owned(), base));
        }
    }
    Err(SourceError::NoUpstream {
        tried: DEFAULT_BASES.join(", "),
    })
}

/// Loads the change described by `request` from a local repository.
pub fn load_git(request: &GitRequest, limits: Limits) -> Result<(ChangeSet, Git), SourceError> {
    let git = Git::discover(&request.dir)?;
    let head_commit = match &request.head {
        HeadSpec::Rev(rev) => git.resolve_commit(rev)?,
        HeadSpec::WorkingTree | HeadSpec::Index => git
            .try_resolve_commit("HEAD")
            .ok_or(SourceError::NoCommits)?,
    };
    let mut notes = Vec::new();
    let (base_name, base_sha) = match &request.base {
        Some(rev) => {
            let sha = git.resolve_commit(rev)?;
            let base = git.merge_base(&sha, &head_commit)?;
            if base != sha {
                notes.push(format!(
                    "base: merge-base of {rev} and the head ({})",
                    crate::changeset::short_sha(&base)
                ));
            }
            (rev.clone(), base)
        }
        None => {
            let (name, base) = default_base(&git, &head_commit)?;
            notes.push(format!(
                "base: merge-base of HEAD and {name} ({})",
                crate::changeset::short_sha(&base)
            ));
            (name, base)
        }
    };

    let mut args = vec![
        "diff",
        "--raw",
        "-z",
        "-M",
        "-C",
        // git's default rename limit (1,000 candidates) is passed by ordinary refactors; past
        // it, git only warns, and moved files become added + deleted (their old code "new").
        RENAME_LIMIT,
        "--no-abbrev",
        "--no-ext-diff",
        "--no-textconv",
        "--ignore-submodules=none",
    ];
    if request.head == HeadSpec::Index {
        args.push("--cached");
    }
    args.push(&base_sha);
    if let HeadSpec::Rev(_) = request.head {
        args.push(&head_commit);
    }
    args.push("--");
    let (raw, warnings) = git.run_with_warnings(&args)?;
    if gave_up_on_renames(&warnings) {
        notes.push(RENAMES_SKIPPED.to_owned());
    }
    let entries = parse_raw(&raw)?;

    let blobs = read_blobs(&git, &blob_requests(&entries), limits.max_file_bytes)?;

    // Hunks are computed per file in parallel; `collect` keeps the listing's order.
    let mut files = {
        use rayon::prelude::*;
        entries
            .par_iter()
            .map(|entry| file_change(&git, entry, &blobs, &request.head, limits))
            .collect::<Result<Vec<_>, _>>()?
    };
    drop(blobs);
    // A file reached through a symlink is also at the link's place: editing `shared/app.yaml`
    // that `deploy/app.yaml` links to is a change to `deploy/app.yaml`.
    let links = super::symlinks::links_at(&git, &[base_sha.as_str(), head_commit.as_str()])?;
    super::symlinks::attach_aliases(&mut files, &links);

    if request.head == HeadSpec::WorkingTree {
        let untracked = git.run(&["ls-files", "--others", "--exclude-standard", "-z"])?;
        let count = untracked
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .count();
        if count > 0 {
            notes.push(format!(
                "{count} untracked file(s) not included: `git add` them to have them checked"
            ));
        }
    }

    let commits = git.commits(&base_sha, &head_commit)?;
    let author = match (git.config("user.name"), git.config("user.email")) {
        (Some(name), Some(email)) => Some(format!("{name} <{email}>")),
        (name, email) => name.or(email),
    };
    let meta = ChangeMeta {
        title: commits
            .first()
            .and_then(|c| c.message.lines().next())
            .map(str::to_owned),
        author,
        commits,
        head_sha: Some(head_commit.clone()),
        ..ChangeMeta::default()
    };
    let head_rev = match &request.head {
        HeadSpec::WorkingTree => Rev {
            name: "working tree".into(),
            sha: None,
        },
        HeadSpec::Index => Rev {
            name: "index".into(),
            sha: None,
        },
        HeadSpec::Rev(rev) => Rev {
            name: rev.clone(),
            sha: Some(head_commit.clone()),
        },
    };
    let mut change = ChangeSet {
        base: Some(Rev {
            name: base_name,
            sha: Some(base_sha),
        }),
        head: Some(head_rev),
        files,
        meta,
        notes,
        incomplete: None,
    };
    change.sort_files();
    Ok((change, git))
}

/// The blobs both sides of `entries` need (not the null id, not submodule commits).
fn blob_requests<'a>(entries: impl IntoIterator<Item = &'a RawEntry>) -> Vec<String> {
    entries
        .into_iter()
        .flat_map(|e| [(&e.old_sha, e.old_mode), (&e.new_sha, e.new_mode)])
        .filter(|(sha, mode)| !is_null_sha(sha) && *mode != SUBMODULE_MODE)
        .map(|(sha, _)| sha.clone())
        .collect()
}

/// The changed files of many `(commit, first parent)` pairs at once: one `git diff-tree --stdin` and
/// one `git cat-file --batch` for all of them (a process per commit would dominate long
/// histories). Files come sorted as in a `ChangeSet`; commits without changes are absent.
pub fn changes_of_commits(
    git: &Git,
    pairs: &[(String, Option<String>)],
    limits: Limits,
) -> Result<BTreeMap<String, Vec<FileChange>>, SourceError> {
    if pairs.is_empty() {
        return Ok(BTreeMap::new());
    }
    let input: String = pairs
        .iter()
        .map(|(sha, parent)| match parent {
            Some(parent) => format!("{sha} {parent}\n"),
            None => format!("{sha}\n"), // a root commit: against the empty tree (--root)
        })
        .collect();
    let out = git.run_with_input(
        &[
            "diff-tree",
            "--stdin",
            "--root",
            "-z",
            "-r",
            "-M",
            RENAME_LIMIT,
            "--raw",
            "--no-abbrev",
            "--no-ext-diff",
            "--no-textconv",
        ],
        input.into_bytes(),
    )?;
    let sections = super::raw::parse_diff_tree(&out)?;
    let all: Vec<&RawEntry> = sections.iter().flat_map(|(_, e)| e).collect();
    let blobs = read_blobs(git, &blob_requests(all), limits.max_file_bytes)?;
    let head = HeadSpec::Rev(String::new());
    let mut out = BTreeMap::new();
    for (sha, entries) in sections {
        let files = {
            use rayon::prelude::*;
            entries
                .par_iter()
                .map(|entry| file_change(git, entry, &blobs, &head, limits))
                .collect::<Result<Vec<_>, _>>()?
        };
        let mut change = ChangeSet {
            files,
            ..ChangeSet::default()
        };
        change.sort_files();
        out.insert(sha, change.files);
    }
    Ok(out)
}

fn file_change(
    git: &Git,
    entry: &RawEntry,
    blobs: &BTreeMap<String, Blob>,
    head: &HeadSpec,
    limits: Limits,
) -> Result<FileChange, SourceError> {
    let (status, old_path, new_path) = match entry.status {
        b'A' => (FileStatus::Added, None, Some(entry.src.clone())),
        b'D' => (FileStatus::Deleted, Some(entry.src.clone()), None),
        b'R' => (
            FileStatus::Renamed,
            Some(entry.src.clone()),
            entry.dst.clone(),
        ),
        b'C' => (
            FileStatus::Copied,
            Some(entry.src.clone()),
            entry.dst.clone(),
        ),
        b'T' => (
            FileStatus::TypeChanged,
            Some(entry.src.clone()),
            Some(entry.src.clone()),
        ),
        // M, and U (unmerged) / X (unknown), which are judged as modifications.
        _ => (
            FileStatus::Modified,
            Some(entry.src.clone()),
            Some(entry.src.clone()),
        ),
    };
    let mut file = FileChange::new(status, old_path, new_path);
    file.similarity = entry
        .score
        .filter(|_| matches!(status, FileStatus::Renamed | FileStatus::Copied));
    file.old_mode = (status != FileStatus::Added).then_some(entry.old_mode);
    file.new_mode = (status != FileStatus::Deleted).then_some(entry.new_mode);

    if file.is_submodule() {
        // Mirror git's patch text for gitlinks so the change still has lines to point at.
        let side = |exists: bool, sha: &str| {
            if exists {
                Side::Text(format!("Subproject commit {sha}\n"))
            } else {
                Side::Absent
            }
        };
        let old = side(file.old_mode == Some(SUBMODULE_MODE), &entry.old_sha);
        let new = side(file.new_mode == Some(SUBMODULE_MODE), &entry.new_sha);
        fill(&mut file, old, new, limits.context_lines);
        file.content = crate::changeset::Content::Submodule;
        file.old_text = None;
        file.new_text = None;
        return Ok(file);
    }

    let blob_id = |sha: &String| (!is_null_sha(sha)).then(|| sha.clone());
    file.old_blob = (status != FileStatus::Added)
        .then(|| blob_id(&entry.old_sha))
        .flatten();
    file.new_blob = (status != FileStatus::Deleted)
        .then(|| blob_id(&entry.new_sha))
        .flatten();
    let old = if status == FileStatus::Added {
        Side::Absent
    } else {
        Side::from_blob(blobs.get(&entry.old_sha))
    };
    let new = if status == FileStatus::Deleted {
        Side::Absent
    } else if is_null_sha(&entry.new_sha) && *head == HeadSpec::WorkingTree {
        let path = file.new_path.as_deref().unwrap_or(&entry.src);
        read_worktree(&git.root().join(path), limits.max_file_bytes)?
    } else {
        Side::from_blob(blobs.get(&entry.new_sha))
    };
    fill(&mut file, old, new, limits.context_lines);
    Ok(file)
}

/// Reads a work-tree file as git would store it: a symlink as its target, a file as its bytes.
fn read_worktree(path: &Path, max_bytes: u64) -> Result<Side, SourceError> {
    let io_err = |source| SourceError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Side::Absent),
        Err(e) => return Err(io_err(e)),
    };
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(path).map_err(io_err)?;
        return Ok(Side::Text(target.to_string_lossy().into_owned()));
    }
    if meta.len() > max_bytes {
        let bytes = if meta.len() <= super::blobs::SCAN_CAP {
            Some(std::fs::read(path).map_err(io_err)?)
        } else {
            None
        };
        return Ok(Side::TooLarge(bytes));
    }
    Ok(Side::from_bytes(std::fs::read(path).map_err(io_err)?))
}
