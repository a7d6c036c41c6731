//! When the checkout lacks the PR's commits: the change from the paginated PR-files API (never
//! the `.diff` media type, which fails beyond 300 files), and the base revision's own files
//! (policy, rules, CODEOWNERS, templates) from the contents API at the base commit.

use crate::model::changeset::{ChangeSet, FileChange, FileStatus, Rev};
use crate::platform::http::{ApiError, Client};
use crate::source::content::Side;
use serde::Deserialize;

/// The PR-files API lists at most this many files.
pub const API_FILE_CAP: usize = 3000;

/// Changed files whose two versions are read through the contents API (two requests each), so
/// that query and key rules run on them as on a checkout; the rest stay hunks-only and say so.
pub const CONTENTS_FILE_CAP: usize = 100;

/// Contents requests in flight at once.
const CONTENTS_IN_FLIGHT: usize = 4;

#[derive(Deserialize)]
struct PrFile {
    filename: String,
    status: String,
    previous_filename: Option<String>,
    patch: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Contents {
    File { content: String },
    Dir(Vec<DirEntry>),
}

#[derive(Deserialize)]
struct DirEntry {
    path: String,
    #[serde(rename = "type")]
    kind: String,
}

/// The change as the API lists it.
pub async fn change_from_api(
    client: &Client,
    repo_path: &str,
    number: u64,
    base_sha: &str,
    head_sha: &str,
    changed_files: Option<u64>,
) -> Result<ChangeSet, ApiError> {
    let files: Vec<PrFile> = client
        .paginate(&format!("{repo_path}/pulls/{number}/files"))
        .await?;
    let mut change = ChangeSet {
        base: Some(Rev {
            name: "pull request base".into(),
            sha: Some(base_sha.to_owned()),
        }),
        head: Some(Rev {
            name: "pull request head".into(),
            sha: Some(head_sha.to_owned()),
        }),
        ..ChangeSet::default()
    };
    change
        .notes
        .push("the base or head commit is not in the checkout: the change was listed by the PR-files API, and its files read through the contents API where it returns them".into());
    let listed = files.len() as u64;
    if files.len() >= API_FILE_CAP || changed_files.is_some_and(|n| n > listed) {
        let has = match changed_files {
            Some(n) => format!("this PR changes {n} files"),
            None => "this PR reaches that cap".to_owned(),
        };
        change.incomplete = Some(format!(
            "the PR-files API lists at most {API_FILE_CAP} files ({listed} listed), and {has}"
        ));
    }
    for file in files {
        change.files.push(file_change(file));
    }
    change.sort_files();
    let read = read_both_versions(client, repo_path, base_sha, head_sha, &mut change.files).await?;
    change.notes.push(format!(
        "{read} of {} files read in full (both versions) through the contents API{}",
        change.files.len(),
        if change.files.len() > CONTENTS_FILE_CAP {
            format!(" (at most {CONTENTS_FILE_CAP}); the others are analysed from their hunks only")
        } else {
            String::new()
        }
    ));
    Ok(change)
}

/// Fetches the base and head versions of the first `CONTENTS_FILE_CAP` files and turns them into
/// full texts and hunks (as a checkout would give). A version the API does not return (over
/// 1 MB, a submodule, gone) leaves the file as it was: hunks only, reported as `patch-only`.
async fn read_both_versions(
    client: &Client,
    repo_path: &str,
    base_sha: &str,
    head_sha: &str,
    files: &mut [FileChange],
) -> Result<usize, ApiError> {
    use futures_util::stream::{self, StreamExt, TryStreamExt};
    let wanted: Vec<(usize, Option<String>, Option<String>)> = files
        .iter()
        .enumerate()
        .take(CONTENTS_FILE_CAP)
        .filter(|(_, f)| !f.is_submodule())
        .map(|(i, f)| {
            let old = f.old_path.clone().filter(|_| f.status != FileStatus::Added);
            let new = f
                .new_path
                .clone()
                .filter(|_| f.status != FileStatus::Deleted);
            (i, old, new)
        })
        .collect();
    let fetched: Vec<(usize, Option<Side>, Option<Side>)> = stream::iter(wanted)
        .map(|(i, old, new)| async move {
            let side = |path: Option<String>, sha: &'static str| async move {
                match path {
                    None => Ok::<_, ApiError>(Some(Side::Absent)),
                    Some(p) => {
                        Ok(
                            fetch_file(client, repo_path, &p, sha_of(sha, base_sha, head_sha))
                                .await?
                                .map(Side::from_bytes),
                        )
                    }
                }
            };
            Ok::<_, ApiError>((i, side(old, "base").await?, side(new, "head").await?))
        })
        .buffered(CONTENTS_IN_FLIGHT)
        .try_collect()
        .await?;
    let mut read = 0;
    for (i, old, new) in fetched {
        if let (Some(old), Some(new)) = (old, new) {
            crate::source::content::fill(&mut files[i], old, new, 3);
            read += 1;
        }
    }
    Ok(read)
}

fn sha_of<'a>(which: &str, base: &'a str, head: &'a str) -> &'a str {
    if which == "base" {
        base
    } else {
        head
    }
}

fn file_change(file: PrFile) -> FileChange {
    let status = match file.status.as_str() {
        "added" => FileStatus::Added,
        "removed" => FileStatus::Deleted,
        "renamed" => FileStatus::Renamed,
        "copied" => FileStatus::Copied,
        _ => FileStatus::Modified,
    };
    let old = file
        .previous_filename
        .clone()
        .unwrap_or_else(|| file.filename.clone());
    crate::platform::change_from_patch(status, &old, &file.filename, file.patch.as_deref())
}

/// The base commit, read through the contents API.
pub struct BaseAtCommit<'a> {
    pub client: &'a Client,
    pub repo_path: &'a str,
    pub sha: &'a str,
}

impl crate::platform::RemoteFiles for BaseAtCommit<'_> {
    async fn file(&self, path: &str) -> Result<Option<Vec<u8>>, ApiError> {
        fetch_file(self.client, self.repo_path, path, self.sha).await
    }

    async fn list(&self, dir: &str) -> Result<Vec<String>, ApiError> {
        list_dir(self.client, self.repo_path, dir, self.sha).await
    }
}

async fn contents(
    client: &Client,
    repo_path: &str,
    path: &str,
    sha: &str,
) -> Result<Option<Contents>, ApiError> {
    match client
        .get::<Contents>(&format!("{repo_path}/contents/{path}?ref={sha}"))
        .await
    {
        Ok(c) => Ok(Some(c)),
        Err(e) if e.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn fetch_file(
    client: &Client,
    repo_path: &str,
    path: &str,
    sha: &str,
) -> Result<Option<Vec<u8>>, ApiError> {
    match contents(client, repo_path, path, sha).await? {
        Some(Contents::File { content }) => Ok(crate::platform::decode_content(&content)),
        _ => Ok(None),
    }
}

/// Files under `dir`, recursively (paths repo-relative).
async fn list_dir(
    client: &Client,
    repo_path: &str,
    dir: &str,
    sha: &str,
) -> Result<Vec<String>, ApiError> {
    let mut out = Vec::new();
    let mut pending = vec![dir.trim_end_matches('/').to_owned()];
    while let Some(current) = pending.pop() {
        if let Some(Contents::Dir(entries)) = contents(client, repo_path, &current, sha).await? {
            for entry in entries {
                match entry.kind.as_str() {
                    "file" => out.push(entry.path),
                    "dir" => pending.push(entry.path),
                    _ => {}
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::changeset::Content;

    #[test]
    fn api_files_become_changes() {
        let f = file_change(PrFile {
            filename: "new.rs".into(),
            status: "renamed".into(),
            previous_filename: Some("old.rs".into()),
            patch: Some("@@ -1 +1,2 @@\n a\n+b".into()),
        });
        assert_eq!(f.status, FileStatus::Renamed);
        assert_eq!(f.old_path.as_deref(), Some("old.rs"));
        assert_eq!(f.added_lines().collect::<Vec<_>>(), vec![2]);
        let binary = file_change(PrFile {
            filename: "logo.png".into(),
            status: "added".into(),
            previous_filename: None,
            patch: None,
        });
        assert_eq!(binary.content, Content::Unknown);
        assert_eq!(binary.old_path, None);
    }
}
