//! Where a change comes from: a local git repository or a unified diff. Each source turns its
//! input into the same `ChangeSet`; nothing after this stage knows which one was used.

pub mod base_files;
mod blobs;
pub(crate) mod content;
pub mod diff;
pub mod from_git;
pub mod git;
pub mod patch;
mod raw;
mod symlinks;

pub use from_git::{load_git, GitRequest, HeadSpec};
pub use patch::load_patch;
pub use raw::RawEntry;

use std::path::PathBuf;

/// Limits that apply to every source.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are classified by path only.
    pub max_file_bytes: u64,
    /// Context lines around each computed hunk.
    pub context_lines: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 2 * 1024 * 1024,
            context_lines: 3,
        }
    }
}

/// Why a change could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{0} is not inside a git repository: run changegate inside one (`changegate check` can also judge a patch: --diff FILE)")]
    NotARepository(PathBuf),
    #[error("the repository has no commits yet: commit something first, or pass a patch with --diff FILE")]
    NoCommits,
    #[error("unknown revision `{0}` (check the name, or fetch it: `git fetch origin {0}`)")]
    UnknownRevision(String),
    #[error("no upstream branch to compare with: tried {tried}. Pass --base REV (for example --base HEAD~1)")]
    NoUpstream { tried: String },
    #[error("`{left}` and `{right}` have no common ancestor: pass a --base that shares history with the head")]
    NoMergeBase { left: String, right: String },
    #[error("`git {command}` failed: {stderr}{}", missing_object_hint(stderr))]
    GitFailed { command: String, stderr: String },
    #[error("could not run git (is it installed and on PATH?)")]
    GitMissing(#[source] std::io::Error),
    #[error("could not read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("unexpected output from `git {command}`: {detail}")]
    GitOutput { command: String, detail: String },
    #[error("{path}: {why} (the gate's own files are always read in full, or the check stops)")]
    GateFile { path: String, why: String },
    #[error("{origin}:{line}: {message}")]
    Patch {
        origin: String,
        line: usize,
        message: String,
    },
}

/// What to do when git could not read an object of the change (the repository is incomplete).
fn missing_object_hint(stderr: &str) -> &'static str {
    let missing = [
        "unable to read",
        "could not get object info",
        "missing blob",
        "bad object",
    ];
    if missing.iter().any(|m| stderr.contains(m)) {
        " (an object of the change is missing from this repository: a partial, shallow or incomplete clone; fetch it in full, e.g. actions/checkout `fetch-depth: 0`, or `git fetch --unshallow`)"
    } else {
        ""
    }
}

/// Reads many objects (`<sha>` or `<rev>:<path>`) through one `git cat-file` process; objects
/// that do not exist (or exceed 2 MiB) are absent from the result.
pub fn blobs_for(
    git: &git::Git,
    requests: &[String],
) -> Result<std::collections::BTreeMap<String, Vec<u8>>, SourceError> {
    Ok(git
        .read_blobs(requests, Limits::default().max_file_bytes)?
        .into_iter()
        .filter_map(|(k, b)| match b {
            blobs::Blob::Bytes(bytes) => Some((k, bytes)),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_object_says_what_to_do() {
        // As git said it on a mirror that lacked a large blob (microservices-demo 814088f7).
        let err = SourceError::GitFailed {
            command: "diff --raw".into(),
            stderr: "fatal: unable to read 8ea6e89d27f3ee450825d91cf0667e3c7e496caa".into(),
        };
        assert!(
            err.to_string().contains("missing from this repository"),
            "{err}"
        );
        let other = SourceError::GitFailed {
            command: "diff --raw".into(),
            stderr: "fatal: bad revision 'x'".into(),
        };
        assert!(!other.to_string().contains("missing from"), "{other}");
    }
}
