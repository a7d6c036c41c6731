//! Files the gate reads about itself and the repository — policy, custom rules, CODEOWNERS, PR
//! templates — from the base revision (so a change cannot rewrite them to pass), or from disk
//! for `--config` and `--diff` runs.

use crate::source::git::Git;
use crate::source::SourceError;
use std::path::{Path, PathBuf};

/// Where base files come from.
pub enum BaseFiles {
    /// A commit of a repository.
    Revision(Git, String),
    /// A directory on disk (a work tree or the current directory).
    Disk(PathBuf),
    /// Files fetched ahead of time (from a platform API when the base commit is not local).
    Memory(std::collections::BTreeMap<String, Vec<u8>>),
}

/// The most a gate file (the policy, a custom rule) may hold. It is not the analysis size cap:
/// `--max-file-size 60` must not turn "7 approvals" into the built-in 2. A gate file larger
/// than this stops the check (exit 2) instead of being dropped.
pub const GATE_FILE_MAX: u64 = 8 * 1024 * 1024;

impl BaseFiles {
    /// A gate file (`path` repo-relative): in full, never truncated, never a symlink out of
    /// the repository; `None` when it does not exist.
    pub fn read_gate(&self, path: &str) -> Result<Option<Vec<u8>>, SourceError> {
        match self {
            BaseFiles::Revision(git, sha) => git.gate_file_at(sha, path, GATE_FILE_MAX),
            BaseFiles::Memory(files) => match files.get(path) {
                Some(bytes) if bytes.len() as u64 > GATE_FILE_MAX => {
                    Err(too_large(path, bytes.len() as u64))
                }
                other => Ok(other.cloned()),
            },
            BaseFiles::Disk(root) => read_gate_on_disk(root, &root.join(path)),
        }
    }

    /// Every gate file under `dir`, in full (see `read_gate`), sorted.
    pub fn list_gate(&self, dir: &str) -> Result<Vec<(String, Vec<u8>)>, SourceError> {
        match self {
            BaseFiles::Revision(git, sha) => git.gate_files_under(sha, dir, GATE_FILE_MAX),
            BaseFiles::Memory(files) => {
                let prefix = format!("{}/", dir.trim_end_matches('/'));
                let mut out = Vec::new();
                for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with(&prefix)) {
                    if bytes.len() as u64 > GATE_FILE_MAX {
                        return Err(too_large(path, bytes.len() as u64));
                    }
                    out.push((path.clone(), bytes.clone()));
                }
                Ok(out)
            }
            BaseFiles::Disk(root) => {
                let mut out = Vec::new();
                for (relative, _) in files_on_disk(root, dir)? {
                    if let Some(bytes) = read_gate_on_disk(root, &root.join(&relative))? {
                        out.push((relative, bytes));
                    }
                }
                Ok(out)
            }
        }
    }
    /// The bytes of `path` (repo-relative), if it exists.
    pub fn read(&self, path: &str, max_bytes: u64) -> Result<Option<Vec<u8>>, SourceError> {
        match self {
            BaseFiles::Revision(git, sha) => git.file_at(sha, path, max_bytes),
            BaseFiles::Memory(files) => Ok(files
                .get(path)
                .filter(|b| b.len() as u64 <= max_bytes)
                .cloned()),
            BaseFiles::Disk(root) => {
                let full = root.join(path);
                match std::fs::metadata(&full) {
                    Ok(meta) if meta.is_file() && meta.len() <= max_bytes => std::fs::read(&full)
                        .map(Some)
                        .map_err(|source| SourceError::Io { path: full, source }),
                    _ => Ok(None),
                }
            }
        }
    }

    /// The text of `path`, when it exists, is UTF-8 and fits `max_bytes`; anything else
    /// (including a read error) is `None`, for callers to which a missing file is an answer.
    pub fn read_text(&self, path: &str, max_bytes: u64) -> Option<std::sync::Arc<str>> {
        let bytes = self.read(path, max_bytes).ok()??;
        String::from_utf8(bytes).ok().map(std::sync::Arc::from)
    }

    /// Every file under `dir` (repo-relative paths, sorted).
    pub fn list(&self, dir: &str, max_bytes: u64) -> Result<Vec<(String, Vec<u8>)>, SourceError> {
        match self {
            BaseFiles::Revision(git, sha) => git.files_under(sha, dir, max_bytes),
            BaseFiles::Disk(root) => files_on_disk(root, dir),
            BaseFiles::Memory(files) => {
                let prefix = format!("{}/", dir.trim_end_matches('/'));
                Ok(files
                    .iter()
                    .filter(|(p, b)| p.starts_with(&prefix) && b.len() as u64 <= max_bytes)
                    .map(|(p, b)| (p.clone(), b.clone()))
                    .collect())
            }
        }
    }
}

fn too_large(path: &str, size: u64) -> SourceError {
    SourceError::GateFile {
        path: path.to_owned(),
        why: format!("{size} bytes, more than the {GATE_FILE_MAX} a gate file may have"),
    }
}

/// A gate file on disk: refused when it is (or passes through) a symlink leading out of `root`,
/// so that a `--diff` run in a hostile checkout cannot be made to read and echo `/etc/shadow`.
fn read_gate_on_disk(root: &Path, full: &Path) -> Result<Option<Vec<u8>>, SourceError> {
    let io = |source| SourceError::Io {
        path: full.to_path_buf(),
        source,
    };
    if std::fs::symlink_metadata(full).is_err() {
        return Ok(None);
    }
    let real = std::fs::canonicalize(full).map_err(io)?;
    let real_root = std::fs::canonicalize(root).map_err(|source| SourceError::Io {
        path: root.to_path_buf(),
        source,
    })?;
    let shown = full
        .strip_prefix(root)
        .unwrap_or(full)
        .display()
        .to_string();
    if !real.starts_with(&real_root) {
        return Err(SourceError::GateFile {
            path: shown,
            why: "a symlink that leads out of the repository; it is not read".into(),
        });
    }
    let meta = std::fs::metadata(&real).map_err(io)?;
    if !meta.is_file() {
        return Ok(None);
    }
    if meta.len() > GATE_FILE_MAX {
        return Err(too_large(&shown, meta.len()));
    }
    std::fs::read(&real).map(Some).map_err(io)
}

/// Files under `root/dir`, with paths relative to `root`, sorted. Symlinked directories are not
/// followed (a link could lead anywhere).
pub fn files_on_disk(root: &Path, dir: &str) -> Result<Vec<(String, Vec<u8>)>, SourceError> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if path.is_dir() && !is_link {
                stack.push(path);
            } else if path.is_dir() {
                continue;
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&path).map_err(|source| SourceError::Io {
                    path: path.clone(),
                    source,
                })?;
                out.push((relative, bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}
