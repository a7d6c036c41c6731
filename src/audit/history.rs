//! The history an audit walks: the first-parent commits of a branch in a window, each with the
//! files it changed and — for merges — the commits it brought in, read in two `git log`
//! processes whatever the length of the window.

use crate::model::changeset::{parse_trailers, Commit};
use crate::source::git::Git;
use crate::source::SourceError;
use std::collections::{BTreeMap, BTreeSet};

/// One first-parent commit of the branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryCommit {
    pub sha: String,
    pub parents: Vec<String>,
    /// `Name <email>`.
    pub author: String,
    /// `Name <email>`.
    pub committer: String,
    /// Committer date, ISO 8601 (when the change reached the branch).
    pub date: String,
    pub message: String,
    pub trailers: Vec<(String, String)>,
    /// Paths changed against the first parent.
    pub files: Vec<String>,
    /// For a merge: the commits it brought in (reachable from its other parents, not from the
    /// first), oldest first.
    pub merged: Vec<Commit>,
}

impl HistoryCommit {
    /// The commit as the gate's `ChangeMeta` lists commits.
    pub fn as_commit(&self) -> Commit {
        Commit {
            sha: self.sha.clone(),
            author: self.author.clone(),
            committer: self.committer.clone(),
            author_login: None,
            message: self.message.clone(),
            trailers: self.trailers.clone(),
            parents: self.parents.len(),
        }
    }
}

/// Checks a `--since` value: a date (`2026-01-01`, optionally with a time) or an age in days
/// (`90d`). Git would read anything else as *some* date, silently.
pub fn parse_since(value: &str) -> Result<String, String> {
    let bytes = value.as_bytes();
    let is_age = value
        .strip_suffix('d')
        .is_some_and(|n| !n.is_empty() && n.len() <= 5 && n.bytes().all(|b| b.is_ascii_digit()));
    let is_date = bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(bytes.get(10), None | Some(b'T') | Some(b' '));
    if is_age || is_date {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "expected a date (2026-01-01) or an age in days (90d), got `{value}`"
        ))
    }
}

/// `90d` → `90 days ago`; dates pass through.
pub fn git_since(since: &str) -> String {
    match since.strip_suffix('d').and_then(|n| n.parse::<u32>().ok()) {
        Some(days) => format!("{days} days ago"),
        None => since.to_owned(),
    }
}

/// The branch an audit walks by default: the remote's default branch (`origin/HEAD` →
/// `origin/main`), else `HEAD`.
pub fn default_branch(git: &Git) -> String {
    git.run(&[
        "rev-parse",
        "--abbrev-ref",
        "--verify",
        "--quiet",
        "origin/HEAD",
    ])
    .ok()
    .map(|out| String::from_utf8_lossy(&out).trim().to_owned())
    .filter(|name| !name.is_empty() && name != "origin/HEAD")
    .unwrap_or_else(|| "HEAD".to_owned())
}

/// The plain branch name a PR/MR targets: `origin/main` → `main`, `HEAD` → the checked-out
/// branch (as is, when detached).
pub fn branch_name(git: &Git, branch: &str) -> String {
    let resolved = if branch == "HEAD" {
        git.run(&["symbolic-ref", "--short", "-q", "HEAD"])
            .ok()
            .map(|out| String::from_utf8_lossy(&out).trim().to_owned())
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| branch.to_owned())
    } else {
        branch.to_owned()
    };
    resolved
        .strip_prefix("refs/heads/")
        .or_else(|| resolved.strip_prefix("refs/remotes/origin/"))
        .or_else(|| resolved.strip_prefix("origin/"))
        .unwrap_or(&resolved)
        .to_owned()
}

/// The commits a shallow clone cut the parents of (`.git/shallow`); empty for a full clone.
/// Git shows them parentless, so each would look like a root commit adding every file.
pub fn shallow_boundary(git: &Git) -> std::collections::BTreeSet<String> {
    git.run(&["rev-parse", "--git-path", "shallow"])
        .ok()
        .map(|out| git.root().join(String::from_utf8_lossy(&out).trim()))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .map(|text| text.lines().map(|l| l.trim().to_owned()).collect())
        .unwrap_or_default()
}

const FIELD: char = '\x1f';
const RECORD: char = '\x1e';
const FORMAT: &str = "--format=%x1e%H%x1f%P%x1f%an <%ae>%x1f%cn <%ce>%x1f%cI%x1f%B%x1f";

/// Walks `branch`'s first-parent history since `since`, newest first.
pub fn walk(git: &Git, branch: &str, since: &str) -> Result<Vec<HistoryCommit>, SourceError> {
    // A branch that does not resolve is the user's typo, not a git failure to print raw.
    if git.try_resolve_commit(branch).is_none() {
        return Err(SourceError::UnknownRevision(branch.to_owned()));
    }
    let since = format!("--since={}", git_since(since));
    let out = git.run(&[
        "log",
        "--first-parent",
        "-m",
        "--name-only",
        "--no-renames",
        "--no-color",
        FORMAT,
        &since,
        "--end-of-options",
        branch,
        "--",
    ])?;
    let text = String::from_utf8_lossy(&out);
    let mut commits: Vec<HistoryCommit> = text.split(RECORD).filter_map(parse_record).collect();
    if commits.iter().any(|c| c.parents.len() > 1) {
        attach_merged(git, branch, &mut commits)?;
    }
    Ok(commits)
}

/// One first-parent commit as `walk` would list it (files against its first parent, and for a
/// merge the commits it brought in): what `verify` judges.
pub fn one(git: &Git, sha: &str) -> Result<HistoryCommit, SourceError> {
    let out = git.run(&[
        "log",
        "-1",
        "--first-parent",
        "-m",
        "--name-only",
        "--no-renames",
        "--no-color",
        FORMAT,
        "--end-of-options",
        sha,
        "--",
    ])?;
    let text = String::from_utf8_lossy(&out);
    let mut commits: Vec<HistoryCommit> = text.split(RECORD).filter_map(parse_record).collect();
    if commits.len() != 1 {
        return Err(SourceError::UnknownRevision(sha.to_owned()));
    }
    if commits[0].parents.len() > 1 {
        attach_merged(git, sha, &mut commits)?;
    }
    Ok(commits.remove(0))
}

fn parse_record(record: &str) -> Option<HistoryCommit> {
    let mut fields = record.splitn(7, FIELD);
    let sha = fields.next()?.trim().to_owned();
    if sha.is_empty() {
        return None;
    }
    let parents = fields
        .next()?
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let author = fields.next()?.to_owned();
    let committer = fields.next()?.to_owned();
    let date = fields.next()?.to_owned();
    let message = fields.next()?.trim_end().to_owned();
    let files = fields
        .next()
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    Some(HistoryCommit {
        sha,
        parents,
        author,
        committer,
        date,
        trailers: parse_trailers(&message),
        message,
        files,
        merged: Vec::new(),
    })
}

/// Reads every commit that arrived in the window (one `git log branch ^boundary`, the boundary
/// being the parent of the oldest first-parent commit) and hands each to the first merge, oldest
/// first, that reaches it from a non-first parent.
fn attach_merged(
    git: &Git,
    branch: &str,
    commits: &mut [HistoryCommit],
) -> Result<(), SourceError> {
    let mut args = vec!["log", "--no-color", FORMAT, "--end-of-options", branch];
    let boundary = commits
        .last()
        .and_then(|oldest| oldest.parents.first())
        .map(|p| format!("^{p}"));
    if let Some(boundary) = &boundary {
        args.push(boundary);
    }
    args.push("--");
    let out = git.run(&args)?;
    let text = String::from_utf8_lossy(&out);
    // Position in git's (newest-first) order keeps the merged commits in history order.
    let all: BTreeMap<String, (usize, HistoryCommit)> = text
        .split(RECORD)
        .filter_map(parse_record)
        .enumerate()
        .map(|(i, c)| (c.sha.clone(), (i, c)))
        .collect();
    let mut taken: BTreeSet<String> = commits.iter().map(|c| c.sha.clone()).collect();
    for commit in commits.iter_mut().rev() {
        let mut found: Vec<(usize, Commit)> = Vec::new();
        let mut stack: Vec<String> = commit.parents.iter().skip(1).cloned().collect();
        while let Some(sha) = stack.pop() {
            let Some((index, merged)) = all.get(&sha) else {
                continue; // before the window
            };
            if !taken.insert(sha) {
                continue;
            }
            stack.extend(merged.parents.iter().cloned());
            found.push((*index, merged.as_commit()));
        }
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        commit.merged = found.into_iter().map(|(_, c)| c).collect();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_values_are_checked() {
        for ok in ["90d", "2026-01-01", "2026-01-01T10:00:00Z"] {
            assert_eq!(parse_since(ok).as_deref(), Ok(ok));
        }
        for bad in ["yesterday", "90", "d", "2026-1-1", "2026-01-01x", "999999d"] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ages_become_git_dates() {
        assert_eq!(git_since("90d"), "90 days ago");
        assert_eq!(git_since("2026-01-01"), "2026-01-01");
    }

    #[test]
    fn records_parse_with_files_and_trailers() {
        let record = "abc\x1fp1 p2\x1fA <a@x>\x1fC <c@x>\x1f2026-01-01T00:00:00Z\x1fSubject\n\nReviewed-by: B <b@x>\n\x1f\n\ndeploy/a.yaml\nREADME.md\n";
        let c = parse_record(record).unwrap();
        assert_eq!(c.parents, ["p1", "p2"]);
        assert_eq!(c.files, ["deploy/a.yaml", "README.md"]);
        assert_eq!(
            c.trailers,
            [("Reviewed-by".to_owned(), "B <b@x>".to_owned())]
        );
        assert!(parse_record("\n").is_none());
    }
}
