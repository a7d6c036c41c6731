//! When the clone lacks the MR's commits even after fetching: the change from the paginated MR
//! diffs API (a too-large or collapsed file comes back with an empty diff: unknown content, never
//! "unchanged"), and the diff base's gate files from the repository files API.

use crate::changeset::{ChangeSet, FileStatus, Rev};
use crate::platform::http::{ApiError, Client};
use base64::Engine as _;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct MrDiff {
    old_path: String,
    new_path: String,
    #[serde(default)]
    new_file: bool,
    #[serde(default)]
    renamed_file: bool,
    #[serde(default)]
    deleted_file: bool,
    #[serde(default)]
    diff: String,
}

#[derive(Deserialize)]
struct RepoFile {
    content: String,
}

#[derive(Deserialize)]
struct TreeEntry {
    path: String,
    #[serde(rename = "type")]
    kind: String,
}

/// The change as the diffs API lists it.
pub async fn change_from_api(
    client: &Client,
    mr_path: &str,
    base_sha: &str,
    head_sha: &str,
) -> Result<ChangeSet, ApiError> {
    let diffs: Vec<MrDiff> = client.paginate(&format!("{mr_path}/diffs")).await?;
    let mut change = ChangeSet {
        base: Some(Rev {
            name: "merge request diff base".into(),
            sha: Some(base_sha.to_owned()),
        }),
        head: Some(Rev {
            name: "merge request head".into(),
            sha: Some(head_sha.to_owned()),
        }),
        ..ChangeSet::default()
    };
    change.notes.push(
        "the diff base or head is not in the clone: the change was read from the MR diffs API (hunks only; syntax items and key rules need both versions)".into(),
    );
    for d in diffs {
        let status = if d.new_file {
            FileStatus::Added
        } else if d.deleted_file {
            FileStatus::Deleted
        } else if d.renamed_file {
            FileStatus::Renamed
        } else {
            FileStatus::Modified
        };
        change.files.push(crate::platform::change_from_patch(
            status,
            &d.old_path,
            &d.new_path,
            Some(&d.diff),
        ));
    }
    change.sort_files();
    Ok(change)
}

/// The diff base's policy, rule files, CODEOWNERS and templates.
pub async fn base_files(
    client: &Client,
    project: &str,
    base_sha: &str,
) -> Result<BTreeMap<String, Vec<u8>>, ApiError> {
    let mut out = BTreeMap::new();
    let policy = fetch(client, project, crate::policy::POLICY_FILE, base_sha).await?;
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
        if let Some(bytes) = fetch(client, project, path, base_sha).await? {
            out.insert((*path).to_owned(), bytes);
        }
    }
    for dir in dirs {
        let entries: Vec<TreeEntry> = match client
            .paginate(&format!(
                "/projects/{project}/repository/tree?path={}&ref={base_sha}&recursive=true",
                encode_path(&dir)
            ))
            .await
        {
            Ok(entries) => entries,
            Err(e) if e.status() == Some(404) => Vec::new(),
            Err(e) => return Err(e),
        };
        for entry in entries.into_iter().filter(|e| e.kind == "blob") {
            if let Some(bytes) = fetch(client, project, &entry.path, base_sha).await? {
                out.insert(entry.path, bytes);
            }
        }
    }
    Ok(out)
}

async fn fetch(
    client: &Client,
    project: &str,
    path: &str,
    sha: &str,
) -> Result<Option<Vec<u8>>, ApiError> {
    match client
        .get::<RepoFile>(&format!(
            "/projects/{project}/repository/files/{}?ref={sha}",
            encode_path(path)
        ))
        .await
    {
        Ok(file) => {
            let compact: String = file
                .content
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            Ok(base64::engine::general_purpose::STANDARD
                .decode(compact)
                .ok())
        }
        Err(e) if e.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

/// GitLab wants file paths URL-encoded, `/` included (`.changegate%2Frules`).
fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'~' | b'.' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}
