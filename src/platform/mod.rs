//! CI platforms: where the change, its reviews and the place to report come from APIs.
//!
//! Every platform is a `Platform` driver: `check` reads the change through it, runs the same
//! pipeline as a local run, and hands it the verdict to publish. Adding a platform is one folder
//! with a driver and one line in `DRIVERS`.

pub mod baseline;
pub mod github;
pub mod gitlab;
pub mod http;

use crate::model::changeset::{ChangeMeta, Content, FileChange, FileStatus};
use crate::verdict::Verdict;
use std::path::{Path, PathBuf};

/// One CI platform, as `check` drives it: read, (judge), publish; a failure anywhere is shown
/// where the platform shows things.
pub trait Platform {
    /// What to judge and what only the platform knows; `None` when the event has nothing to
    /// judge (the driver has said why).
    fn read(&mut self, repo_dir: &Path) -> Result<Option<Reading>, PlatformError>;
    /// Posts the verdict where reviewers see it; returns the exit code.
    fn publish(&mut self, verdict: &Verdict) -> Result<u8, PlatformError>;
    /// Says, where the platform shows it, that the change could not be judged (fails closed).
    fn report_failure(&mut self, message: &str);
}

/// What a platform hands the pipeline.
pub struct Reading {
    /// Where the change is read from.
    pub source: Judge,
    /// PR/MR title, description, labels, reviews and commits from the API.
    pub meta: Option<ChangeMeta>,
    /// What the report should say about this run (a missing token, a merged-results pipeline).
    pub notes: Vec<String>,
    /// Reviews could not be read: why, and what to grant. Required approvals then block.
    pub unverifiable_reviews: Option<String>,
}

/// What the command line gives the drivers (tokens, outputs); each takes what it needs.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub github_token: Option<String>,
    pub gitlab_token: Option<String>,
    /// GitHub: conclude `neutral` (not `success`) when there are warnings.
    pub neutral_on_warnings: bool,
    /// GitLab: where the Code Quality report goes.
    pub codequality_output: PathBuf,
    /// GitLab: also post a commit status.
    pub gitlab_status: bool,
    /// GitLab: also post the summary as a merge-request note.
    pub gitlab_note: bool,
}

/// Detects the platform this process runs on: `None` outside CI (a local run).
type Detect = fn(&Settings) -> Option<Result<Box<dyn Platform>, PlatformError>>;

/// The platforms, in the order they are detected.
const DRIVERS: [Detect; 2] = [gitlab::GitlabDriver::detect, github::GithubDriver::detect];

/// The driver of the CI platform this process runs on, if any.
pub fn detect(settings: &Settings) -> Option<Result<Box<dyn Platform>, PlatformError>> {
    DRIVERS.iter().find_map(|detect| detect(settings))
}

/// Why a platform run could not produce or publish a verdict.
#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    /// The job's environment or the token is not what the platform needs; the message says what to set.
    #[error("{0}")]
    Setup(String),
    #[error(transparent)]
    Api(#[from] http::ApiError),
}

/// Where the pipeline reads the change from.
pub enum Judge {
    /// Both commits are in the checkout.
    Git { base: String, head: String },
    /// Read from the API: the change and the base commit's gate files.
    Api {
        change: Box<crate::model::changeset::ChangeSet>,
        base_files: std::collections::BTreeMap<String, Vec<u8>>,
    },
}

/// How long one `git fetch` of a missing commit may take before it is stopped.
const FETCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// A shallow checkout lacks the base: fetch the missing commits, bounded in depth and time.
/// Returns whether every commit is then present.
pub fn ensure_commits(repo_dir: &Path, shas: &[&str]) -> bool {
    let Ok(git) = crate::source::git::Git::discover(repo_dir) else {
        return false;
    };
    for sha in shas {
        // An id from a webhook payload or the environment is data: only a full hex object id is
        // passed to git, and after `--` (`--upload-pack=…` once ran a command).
        if !is_object_id(sha) {
            return false;
        }
        if git.try_resolve_commit(sha).is_some() {
            continue;
        }
        git.fetch_commit(sha, FETCH_TIMEOUT);
    }
    shas.iter().all(|sha| git.try_resolve_commit(sha).is_some())
}

/// A full SHA-1 or SHA-256 object id in lower- or upper-case hex.
pub fn is_object_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A file of a platform's diff API: its status, paths and (when the API gives one) the patch.
/// No patch means binary or too large: content unknown, never "unchanged".
pub fn change_from_patch(
    status: FileStatus,
    old: &str,
    new: &str,
    patch: Option<&str>,
) -> FileChange {
    let (old_path, new_path) = match status {
        FileStatus::Added => (None, Some(new.to_owned())),
        FileStatus::Deleted => (Some(old.to_owned()), None),
        _ => (Some(old.to_owned()), Some(new.to_owned())),
    };
    let mut change = FileChange::new(status, old_path, new_path);
    change.content = Content::Unknown;
    if let Some(patch) = patch.filter(|p| !p.trim().is_empty()) {
        let minus = if status == FileStatus::Added {
            "/dev/null".to_owned()
        } else {
            format!("a/{old}")
        };
        let plus = if status == FileStatus::Deleted {
            "/dev/null".to_owned()
        } else {
            format!("b/{new}")
        };
        let text = format!(
            "--- {minus}\n+++ {plus}\n{}\n",
            patch.trim_end_matches('\n')
        );
        if let Ok(mut parsed) = crate::source::diff::parse_patch(text.as_bytes()) {
            if !parsed.is_empty() {
                let parsed = parsed.remove(0);
                change.hunks = parsed.hunks;
                change.content = parsed.content;
            }
        }
    }
    change
}

/// The bytes of a base64 `content` field as GitHub and GitLab send it (wrapped in newlines).
pub(crate) fn decode_content(content: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let compact: String = content.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()
}

/// Reading the base revision's files through a platform API.
pub(crate) trait RemoteFiles {
    /// A file's bytes, `None` when it does not exist.
    async fn file(&self, path: &str) -> Result<Option<Vec<u8>>, http::ApiError>;
    /// Every file below a directory (repo-relative paths).
    async fn list(&self, dir: &str) -> Result<Vec<String>, http::ApiError>;
}

/// The gate's own files at the base revision: the policy, its rule directories, CODEOWNERS and the
/// description templates — everything the pipeline reads from `BaseFiles`.
pub(crate) async fn gather_base_files(
    remote: &impl RemoteFiles,
) -> Result<std::collections::BTreeMap<String, Vec<u8>>, http::ApiError> {
    let mut out = std::collections::BTreeMap::new();
    let policy = remote.file(crate::policy::POLICY_FILE).await?;
    let mut dirs: Vec<String> = crate::facts::TEMPLATE_DIRS
        .iter()
        .map(|d| (*d).to_owned())
        .collect();
    match &policy {
        Some(bytes) => {
            if let Ok(p) = crate::policy::Policy::from_yaml(
                &String::from_utf8_lossy(bytes),
                crate::policy::POLICY_FILE,
            ) {
                dirs.extend(p.rule_dirs);
            }
        }
        None => dirs.extend(crate::policy::Policy::builtin().rule_dirs),
    }
    if let Some(bytes) = policy {
        out.insert(crate::policy::POLICY_FILE.to_owned(), bytes);
    }
    for path in crate::facts::review::codeowners::LOCATIONS
        .iter()
        .chain(crate::facts::TEMPLATE_FILES.iter())
    {
        if let Some(bytes) = remote.file(path).await? {
            out.insert((*path).to_owned(), bytes);
        }
    }
    for dir in dirs {
        for path in remote.list(&dir).await? {
            if let Some(bytes) = remote.file(&path).await? {
                out.insert(path, bytes);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn only_hex_object_ids_reach_git_fetch() {
        assert!(is_object_id(&"a".repeat(40)));
        assert!(is_object_id(&"F".repeat(64)));
        assert!(!is_object_id("--upload-pack=touch /tmp/pwned"));
        assert!(!is_object_id(&format!("-{}", "a".repeat(39))));
        assert!(!is_object_id("main"));
        // Never fetched: the call says the commits are not there.
        assert!(!ensure_commits(
            Path::new(env!("CARGO_MANIFEST_DIR")),
            &["--upload-pack=touch /tmp/pwned"]
        ));
    }
}
