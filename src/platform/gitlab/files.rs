//! When the clone lacks the MR's commits even after fetching: the change from the paginated MR
//! diffs API (a too-large or collapsed file comes back with an empty diff: unknown content, never
//! "unchanged"), and the diff base's gate files from the repository files API.

use crate::model::changeset::{ChangeSet, FileStatus, Rev};
use crate::platform::http::{ApiError, Client};
use serde::Deserialize;

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
    Ok(change_from_diffs(
        diffs,
        "merge request diff base",
        base_sha,
        head_sha,
    ))
}

/// In a merged-results or merge-train pipeline: what GitLab's merge commit brings to the target
/// (`GET /projects/:id/repository/compare?from=TARGET&to=MERGE&straight=true`; the MR's own diffs
/// are against its old fork point).
pub async fn change_from_compare(
    client: &Client,
    project: &str,
    target_sha: &str,
    merge_sha: &str,
) -> Result<ChangeSet, ApiError> {
    #[derive(Deserialize)]
    struct Compare {
        #[serde(default)]
        diffs: Vec<MrDiff>,
    }
    let compare: Compare = client
        .get(&format!(
            "/projects/{project}/repository/compare?from={target_sha}&to={merge_sha}&straight=true"
        ))
        .await?;
    Ok(change_from_diffs(
        compare.diffs,
        "target branch head",
        target_sha,
        merge_sha,
    ))
}

fn change_from_diffs(
    diffs: Vec<MrDiff>,
    base_name: &str,
    base_sha: &str,
    head_sha: &str,
) -> ChangeSet {
    let mut change = ChangeSet {
        base: Some(Rev {
            name: base_name.into(),
            sha: Some(base_sha.to_owned()),
        }),
        head: Some(Rev {
            name: "merge request head".into(),
            sha: Some(head_sha.to_owned()),
        }),
        ..ChangeSet::default()
    };
    change.notes.push(
        "the diff base or head is not in the clone: the change was read from GitLab's diffs API (hunks only; syntax items and key rules need both versions)".into(),
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
    change
}

/// The diff base, read through the repository files and tree APIs.
pub struct BaseAtCommit<'a> {
    pub client: &'a Client,
    pub project: &'a str,
    pub sha: &'a str,
}

impl crate::platform::RemoteFiles for BaseAtCommit<'_> {
    async fn file(&self, path: &str) -> Result<Option<Vec<u8>>, ApiError> {
        fetch(self.client, self.project, path, self.sha).await
    }

    async fn list(&self, dir: &str) -> Result<Vec<String>, ApiError> {
        let path = format!(
            "/projects/{}/repository/tree?path={}&ref={}&recursive=true",
            self.project,
            encode_path(dir),
            self.sha
        );
        match self.client.paginate::<TreeEntry>(&path).await {
            Ok(entries) => Ok(entries
                .into_iter()
                .filter(|e| e.kind == "blob")
                .map(|e| e.path)
                .collect()),
            Err(e) if e.status() == Some(404) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }
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
        Ok(file) => Ok(crate::platform::decode_content(&file.content)),
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
