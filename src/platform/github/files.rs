//! When the checkout lacks the PR's commits: the change from the paginated PR-files API (never
//! the `.diff` media type, which fails beyond 300 files), and the base revision's own files
//! (policy, rules, CODEOWNERS, templates) from the contents API at the base commit.

use crate::changeset::{ChangeSet, FileChange, FileStatus, Rev};
use crate::platform::http::{ApiError, Client};
use base64::Engine as _;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The PR-files API lists at most this many files.
pub const API_FILE_CAP: usize = 3000;

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
        .push("the base or head commit is not in the checkout: the change was read from the PR-files API (hunks only; syntax items and key rules need both versions)".into());
    if files.len() >= API_FILE_CAP {
        change.incomplete = Some(format!(
            "the PR-files API lists at most {API_FILE_CAP} files, and this PR reaches that cap"
        ));
    }
    for file in files {
        change.files.push(file_change(file));
    }
    change.sort_files();
    Ok(change)
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

/// The base commit's gate files: policy, its rule directories, CODEOWNERS, description templates.
pub async fn base_files(
    client: &Client,
    repo_path: &str,
    base_sha: &str,
) -> Result<BTreeMap<String, Vec<u8>>, ApiError> {
    let mut out = BTreeMap::new();
    let policy = fetch_file(client, repo_path, crate::policy::POLICY_FILE, base_sha).await?;
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
    for path in crate::review::codeowners::LOCATIONS
        .iter()
        .chain(crate::facts::TEMPLATE_FILES.iter())
    {
        if let Some(bytes) = fetch_file(client, repo_path, path, base_sha).await? {
            out.insert((*path).to_owned(), bytes);
        }
    }
    for dir in dirs {
        for path in list_dir(client, repo_path, &dir, base_sha).await? {
            if let Some(bytes) = fetch_file(client, repo_path, &path, base_sha).await? {
                out.insert(path, bytes);
            }
        }
    }
    Ok(out)
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
        Some(Contents::File { content }) => {
            let compact: String = content.chars().filter(|c| !c.is_whitespace()).collect();
            Ok(base64::engine::general_purpose::STANDARD
                .decode(compact)
                .ok())
        }
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

    use crate::changeset::Content;

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
