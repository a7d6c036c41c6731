//! The local git source: resolves base and head, lists changes with `git diff --raw -z`, reads
//! both sides of every file through one `git cat-file --batch`, and collects commit metadata.

use super::content::{fill, Side};
use super::git::Git;
use super::raw::{is_null_sha, parse_raw, RawEntry};
use super::{Limits, SourceError};
use crate::model::changeset::{ChangeMeta, ChangeSet, FileChange, FileStatus, Rev, SUBMODULE_MODE};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// `-l<n>`: how many rename candidates git may compare (its default is 1,000).
const RENAME_LIMIT: &str = "-l20000";

/// What every report says when git skipped rename detection.
const RENAMES_SKIPPED: &str = "git skipped rename detection for this change (more candidate files than its limit of 20,000): moved files are listed as deleted and added, and their code counts as new";

/// Whether git's stderr says it gave up on (inexact) rename detection.
fn gave_up_on_renames(stderr: &str) -> bool {
    stderr.contains("rename detection was skipped") || stderr.contains("renameLimit")
}

/// Resolves the default base: the merge-base of HEAD with the first upstream candidate that exists.
/// The checked-out branch when the head is it (a named revision that is the current branch,
/// the working tree or the index); `None` when detached or when the head is another revision.
fn local_branch(git: &Git, head: &HeadSpec) -> Option<String> {
    let current = git.current_branch()?;
    match head {
        HeadSpec::WorkingTree | HeadSpec::Index => Some(current),
        HeadSpec::Rev(rev) if rev == "HEAD" || *rev == current => Some(current),
        HeadSpec::Rev(_) => None,
    }
}

/// The first upstream candidate that exists: its name and commit.
fn default_tip(git: &Git) -> Result<(String, String), SourceError> {
    DEFAULT_BASES
        .iter()
        .find_map(|candidate| Some((candidate.to_string(), git.try_resolve_commit(candidate)?)))
        .ok_or_else(|| SourceError::NoUpstream {
            tried: DEFAULT_BASES.join(", "),
        })
}

/// `git diff --raw` from `base_sha` to the head: the changed files with both blob ids, renames
/// and copies; with git's warnings.
fn raw_diff(
    git: &Git,
    base_sha: &str,
    head_commit: &str,
    head: &HeadSpec,
) -> Result<(Vec<u8>, String), SourceError> {
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
    if *head == HeadSpec::Index {
        args.push("--cached");
    }
    args.push(base_sha);
    if let HeadSpec::Rev(_) = head {
        args.push(head_commit);
    }
    args.push("--");
    git.run_with_warnings(&args)
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
    let (base_name, tip) = match &request.base {
        Some(rev) => (rev.clone(), git.resolve_commit(rev)?),
        None => default_tip(&git)?,
    };
    // The base is the merge-base of the tip and the head. When the tip is an ancestor of the
    // head (a local branch, a base given as the fork point) the merge-base is the tip itself, so
    // the diff against the tip runs while git walks the history; it is used only if the
    // merge-base turns out to be the tip. On a long range the walk alone takes 0.4 s.
    let (base_sha, raw) = std::thread::scope(|scope| {
        let guess = scope.spawn(|| raw_diff(&git, &tip, &head_commit, &request.head));
        let base = git.merge_base(&tip, &head_commit)?;
        let guessed = guess
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let raw = if base == tip {
            guessed?
        } else {
            raw_diff(&git, &base, &head_commit, &request.head)?
        };
        Ok::<_, SourceError>((base, raw))
    })?;
    match &request.base {
        Some(rev) if base_sha != tip => notes.push(format!(
            "base: merge-base of {rev} and the head ({})",
            crate::model::changeset::short_sha(&base_sha)
        )),
        Some(_) => {}
        None => notes.push(format!(
            "base: merge-base of HEAD and {base_name} ({})",
            crate::model::changeset::short_sha(&base_sha)
        )),
    }

    // The commits' messages (a long range has thousands) are read while the files are.
    let (files, history) = std::thread::scope(|scope| {
        let history = scope.spawn(|| -> Result<_, SourceError> {
            let commits = git.commits(&base_sha, &head_commit)?;
            let author = match (git.config("user.name"), git.config("user.email")) {
                (Some(name), Some(email)) => Some(format!("{name} <{email}>")),
                (name, email) => name.or(email),
            };
            Ok((commits, author, local_branch(&git, &request.head)))
        });
        let files = changed_files(
            &git,
            raw,
            request,
            &base_sha,
            &head_commit,
            limits,
            &mut notes,
        );
        // A panic there is a bug: it goes on as if it had happened on this thread.
        let history = history
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (files, history)
    });
    let (files, (commits, author, branch)) = (files?, history?);
    let meta = ChangeMeta {
        title: commits
            .first()
            .and_then(|c| c.message.lines().next())
            .map(str::to_owned),
        author,
        commits,
        head_sha: Some(head_commit.clone()),
        branch,
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

/// The changed files between `base_sha` and the head, from `git diff --raw`'s answer: both sides of
/// each file through the run's `cat-file`, hunks, and the symlinks that lead to them.
fn changed_files(
    git: &Git,
    (raw, warnings): (Vec<u8>, String),
    request: &GitRequest,
    base_sha: &str,
    head_commit: &str,
    limits: Limits,
    notes: &mut Vec<String>,
) -> Result<Vec<FileChange>, SourceError> {
    if gave_up_on_renames(&warnings) {
        notes.push(RENAMES_SKIPPED.to_owned());
    }
    let entries = parse_raw(&raw)?;

    let requests = blob_requests(&entries);
    let blobs = super::blobs::BlobPool::new(
        git.read_blobs(&requests, limits.max_file_bytes)?,
        requests.iter().map(String::as_str),
    );

    // Hunks are computed per file in parallel; `collect` keeps the listing's order.
    let mut files = {
        use rayon::prelude::*;
        entries
            .par_iter()
            .map(|entry| file_change(git, entry, &blobs, &request.head, limits))
            .collect::<Result<Vec<_>, _>>()?
    };
    drop(blobs);
    // A file reached through a symlink is also at the link's place: editing `shared/app.yaml`
    // that `deploy/app.yaml` links to is a change to `deploy/app.yaml`.
    let links = super::symlinks::links_at(git, &[base_sha, head_commit])?;
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
    Ok(files)
}

/// The blobs both sides of `entries` need (not the null id, not submodule commits).
pub fn blob_requests<'a>(entries: impl IntoIterator<Item = &'a RawEntry>) -> Vec<String> {
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
    let entries = raw_changes_of_commits(git, pairs)?;
    changes_from_raw(git, entries, limits)
}

/// What each commit changed, as `git diff-tree --raw` lists it (blob ids, no contents): cheap
/// for a whole history, and enough to plan how much reading the contents will cost.
pub fn raw_changes_of_commits(
    git: &Git,
    pairs: &[(String, Option<String>)],
) -> Result<Vec<(String, Vec<RawEntry>)>, SourceError> {
    if pairs.is_empty() {
        return Ok(Vec::new());
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
    super::raw::parse_diff_tree(&out)
}

/// The bytes reading both sides of `entries` costs, each blob capped at `max_file_bytes` (what
/// is read of it), from `sizes` (`Git::object_sizes`).
pub fn raw_cost(entries: &[RawEntry], sizes: &BTreeMap<String, u64>, max_file_bytes: u64) -> u64 {
    blob_requests(entries)
        .iter()
        .map(|id| sizes.get(id).copied().unwrap_or(0).min(max_file_bytes))
        .sum()
}

/// The changed files of listed commits: both sides read in one `cat-file` batch.
pub fn changes_from_raw(
    git: &Git,
    sections: Vec<(String, Vec<RawEntry>)>,
    limits: Limits,
) -> Result<BTreeMap<String, Vec<FileChange>>, SourceError> {
    let all: Vec<&RawEntry> = sections.iter().flat_map(|(_, e)| e).collect();
    let requests = blob_requests(all);
    let blobs = super::blobs::BlobPool::new(
        git.read_blobs(&requests, limits.max_file_bytes)?,
        requests.iter().map(String::as_str),
    );
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
    blobs: &super::blobs::BlobPool,
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
        file.content = crate::model::changeset::Content::Submodule;
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
        Side::from_blob(blobs.take(&entry.old_sha))
    };
    let new = if status == FileStatus::Deleted {
        Side::Absent
    } else if is_null_sha(&entry.new_sha) && *head == HeadSpec::WorkingTree {
        let path = file.new_path.as_deref().unwrap_or(&entry.src);
        read_worktree(&git.root().join(path), limits.max_file_bytes)?
    } else {
        Side::from_blob(blobs.take(&entry.new_sha))
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
