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

impl BaseFiles {
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

/// Files under `root/dir`, with paths relative to `root`, sorted.
pub fn files_on_disk(root: &Path, dir: &str) -> Result<Vec<(String, Vec<u8>)>, SourceError> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
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
