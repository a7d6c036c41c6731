//! GitHub: the merged pull request a commit arrived through
//! (`GET /repos/{owner}/{repo}/commits/{sha}/pulls`), then its merger, reviews and commits.

use super::merged::MergedChange;
use crate::platform::github::{
    commits_from_api, reviews_from_api, ApiCommit, ApiReview, Label, User,
};
use crate::platform::http::{ApiError, Client};
use serde::Deserialize;

#[derive(Deserialize)]
struct PullSummary {
    number: u64,
    #[serde(default)]
    merged_at: Option<String>,
    #[serde(default)]
    merge_commit_sha: Option<String>,
    base: BaseRef,
}

#[derive(Deserialize)]
struct BaseRef {
    #[serde(rename = "ref")]
    name: String,
}

#[derive(Deserialize)]
struct Pull {
    number: u64,
    html_url: String,
    title: String,
    body: Option<String>,
    user: Option<User>,
    #[serde(default)]
    labels: Vec<Label>,
    merged_at: Option<String>,
    merged_by: Option<User>,
    head: HeadRef,
}

#[derive(Deserialize)]
struct HeadRef {
    sha: String,
}

/// The merged pull request that brought `sha` into `branch`: the one whose merge commit it is,
/// else one merged into `branch`, else any merged one (lowest number first, so the pick is
/// deterministic). Open and closed-unmerged pull requests do not count.
pub async fn merged_change(
    client: &Client,
    project: &str,
    sha: &str,
    branch: &str,
) -> Result<Option<MergedChange>, ApiError> {
    let repo = format!("/repos/{project}");
    let mut pulls: Vec<PullSummary> = client
        .get(&format!("{repo}/commits/{sha}/pulls?per_page=100"))
        .await?;
    pulls.retain(|p| p.merged_at.is_some());
    pulls.sort_by_key(|p| {
        (
            p.merge_commit_sha.as_deref() != Some(sha),
            p.base.name != branch,
            p.number,
        )
    });
    let Some(number) = pulls.first().map(|p| p.number) else {
        return Ok(None);
    };
    let pull: Pull = client.get(&format!("{repo}/pulls/{number}")).await?;
    let reviews: Vec<ApiReview> = client
        .paginate(&format!("{repo}/pulls/{number}/reviews"))
        .await?;
    let commits: Vec<ApiCommit> = client
        .paginate(&format!("{repo}/pulls/{number}/commits"))
        .await?;
    Ok(Some(MergedChange {
        reference: format!("#{}", pull.number),
        url: pull.html_url,
        title: pull.title,
        body: pull.body.unwrap_or_default(),
        author: pull.user.map(|u| u.login),
        merged_by: pull.merged_by.map(|u| u.login),
        merged_at: pull.merged_at,
        labels: pull.labels.into_iter().map(|l| l.name).collect(),
        head_sha: Some(pull.head.sha),
        commits: commits_from_api(commits),
        reviews: reviews_from_api(reviews),
        reviews_unavailable: None,
    }))
}
