//! GitLab: the merged merge request a commit arrived through
//! (`GET /projects/:id/repository/commits/:sha/merge_requests`), then its approvals and commits.

use super::merged::MergedChange;
use crate::model::changeset::{Review, ReviewState};
use crate::platform::gitlab::{commits_from_api, encode, Approvals, MrCommit, User};
use crate::platform::http::{ApiError, Client};
use serde::Deserialize;

#[derive(Deserialize)]
struct MergeRequest {
    iid: u64,
    web_url: String,
    title: String,
    description: Option<String>,
    author: Option<User>,
    /// `merged_by` is deprecated in favour of `merge_user`; either may be set.
    merge_user: Option<User>,
    merged_by: Option<User>,
    merged_at: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    state: String,
    sha: Option<String>,
    merge_commit_sha: Option<String>,
    squash_commit_sha: Option<String>,
    target_branch: String,
}

/// A note on a merge request; approvals show as system notes on every tier of GitLab.
#[derive(Deserialize)]
struct Note {
    body: String,
    author: User,
    created_at: String,
    #[serde(default)]
    system: bool,
}

/// The merged merge request that brought `sha` into `branch` (its merge or squash commit first,
/// then one targeting `branch`, lowest iid first).
pub async fn merged_change(
    client: &Client,
    project: &str,
    sha: &str,
    branch: &str,
) -> Result<Option<MergedChange>, ApiError> {
    let project_path = format!("/projects/{}", encode(project));
    // Paginated (20 a page by default): a commit on many MRs lists the merged one anywhere.
    let mut requests: Vec<MergeRequest> = client
        .paginate(&format!(
            "{project_path}/repository/commits/{sha}/merge_requests"
        ))
        .await?;
    requests.retain(|m| m.state == "merged");
    requests.sort_by_key(|m| {
        (
            m.merge_commit_sha.as_deref() != Some(sha)
                && m.squash_commit_sha.as_deref() != Some(sha),
            m.target_branch != branch,
            m.iid,
        )
    });
    let Some(mr) = requests.into_iter().next() else {
        return Ok(None);
    };
    let mr_path = format!("{project_path}/merge_requests/{}", mr.iid);
    let mut commits: Vec<MrCommit> = client.paginate(&format!("{mr_path}/commits")).await?;
    commits.reverse(); // GitLab lists them newest first
    let (reviews, reviews_unavailable) = match client
        .get::<Approvals>(&format!("{mr_path}/approvals"))
        .await
    {
        Ok(approvals) => (
            approvals
                .approved_by
                .into_iter()
                .map(|a| Review {
                    user: a.user.username,
                    state: ReviewState::Approved,
                    // A merged MR's approvals are those it was merged with; where GitLab lists
                    // `approved_at`, one given after the merge is left out like a late review.
                    commit_id: mr.sha.clone(),
                    submitted_at: a.approved_at,
                })
                .collect(),
            None,
        ),
        // The approvals API is a Premium feature on some instances: the MR's system notes
        // ("approved this merge request", with a time) say the same on every tier.
        Err(e) if matches!(e.status(), Some(403) | Some(404)) => {
            match client
                .paginate::<Note>(&format!("{mr_path}/notes?sort=asc&order_by=created_at"))
                .await
            {
                Ok(notes) => (approvals_from_notes(notes, mr.sha.as_deref()), None),
                Err(notes_error) if matches!(notes_error.status(), Some(403) | Some(404)) => (
                    Vec::new(),
                    Some(format!(
                        "neither the approvals API ({}) nor the notes could be read",
                        e.message()
                    )),
                ),
                Err(notes_error) => return Err(notes_error),
            }
        }
        Err(e) => return Err(e),
    };
    Ok(Some(MergedChange {
        reference: format!("!{}", mr.iid),
        url: mr.web_url,
        title: mr.title,
        body: mr.description.unwrap_or_default(),
        author: mr.author.map(|u| u.username),
        merged_by: mr.merge_user.or(mr.merged_by).map(|u| u.username),
        merged_at: mr.merged_at,
        labels: mr.labels,
        head_sha: mr.sha,
        commits: commits_from_api(commits),
        reviews,
        reviews_unavailable,
    }))
}

/// Approvals from system notes: "approved this merge request" approves, "unapproved this merge
/// request" withdraws (the latest word counts, as for GitHub reviews).
fn approvals_from_notes(notes: Vec<Note>, head: Option<&str>) -> Vec<Review> {
    notes
        .into_iter()
        .filter(|n| n.system)
        .filter_map(|n| {
            let state = match n.body.trim() {
                "approved this merge request" => ReviewState::Approved,
                "unapproved this merge request" => ReviewState::Dismissed,
                _ => return None,
            };
            Some(Review {
                user: n.author.username,
                state,
                commit_id: head.map(str::to_owned),
                submitted_at: Some(n.created_at),
            })
        })
        .collect()
}
