//! GitLab CI merge-request pipelines: the change from git (base = the MR's diff base), title,
//! labels and description from the pipeline's variables (the description from the API when the
//! variable is truncated), approvals from the approvals API, and the report as a Code Quality
//! artifact, optionally a commit status and a merge-request note updated in place.
//!
//! `CI_JOB_TOKEN` cannot read merge requests or approvals (401): a project or group token with
//! `read_api` (`api` to post) is needed in `GITLAB_TOKEN`. Without one, reviews are unknown and the
//! report says so.

mod approvals;
mod driver;
mod files;
pub mod publish;

pub use driver::GitlabDriver;

pub(crate) use approvals::Approvals;

use crate::platform::http::ApiError;
use crate::platform::PlatformError;
use serde::Deserialize;
use std::path::PathBuf;

/// The pipeline's variables (GitLab's predefined CI/CD variables).
#[derive(Debug, Clone)]
pub struct Env {
    pub iid: u64,
    pub project_id: String,
    pub api_url: String,
    pub base_sha: String,
    pub head_sha: String,
    pub title: Option<String>,
    /// `CI_MERGE_REQUEST_SOURCE_BRANCH_NAME`.
    pub source_branch: Option<String>,
    pub labels: Vec<String>,
    pub description: Option<String>,
    pub description_truncated: bool,
    pub approved: Option<bool>,
    pub pipeline_id: Option<String>,
    /// What kind of merge-request pipeline this is (`CI_MERGE_REQUEST_EVENT_TYPE`).
    pub event: PipelineEvent,
    /// The MR's own head (`CI_MERGE_REQUEST_SOURCE_BRANCH_SHA`; set in merged-results and
    /// merge-train pipelines only).
    pub source_sha: Option<String>,
    /// The target branch's head the merge was made on (`CI_MERGE_REQUEST_TARGET_BRANCH_SHA`;
    /// merged-results and merge-train pipelines only).
    pub target_sha: Option<String>,
}

/// GitLab's merge-request pipeline types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PipelineEvent {
    /// A pipeline on the MR's head commit (`detached`, and older GitLab without the variable).
    Detached,
    /// A pipeline on GitLab's internal merge of the MR into the target (`merged_result`).
    MergedResult,
    /// A pipeline on a merge train's merge commit (`merge_train`).
    MergeTrain,
}

impl Env {
    /// The commits the gate compares. In a merged-results or merge-train pipeline
    /// `CI_COMMIT_SHA` is GitLab's merge commit and the diff base is the MR's old fork point, so
    /// base..head would hold everything merged into the target since; what the merge brings is
    /// target..merge, and the policy is the target's.
    pub fn judged(&self) -> (&str, &str) {
        match (self.event, &self.target_sha) {
            (PipelineEvent::MergedResult | PipelineEvent::MergeTrain, Some(target)) => {
                (target, &self.head_sha)
            }
            _ => (&self.base_sha, &self.head_sha),
        }
    }

    /// The MR's own head commit: what reviewers approved and what approvals must be fresh on.
    pub fn mr_head(&self) -> &str {
        self.source_sha.as_deref().unwrap_or(&self.head_sha)
    }

    /// Whether the pipeline runs on a merge GitLab made rather than on the MR's head.
    pub fn on_merge_commit(&self) -> bool {
        self.event != PipelineEvent::Detached
    }
}

/// What the environment says about this job.
pub enum Detected {
    /// A merge-request pipeline.
    MergeRequest(Box<Env>),
    /// GitLab CI, but not a merge-request pipeline.
    NotMergeRequest,
}

impl Env {
    /// `None` outside GitLab CI.
    pub fn from_env() -> Option<Result<Detected, String>> {
        if std::env::var("GITLAB_CI").ok().as_deref() != Some("true") {
            return None;
        }
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let Some(iid) = var("CI_MERGE_REQUEST_IID") else {
            return Some(Ok(Detected::NotMergeRequest));
        };
        let required = |name: &str| {
            var(name).ok_or_else(|| format!("{name} is not set in this merge-request pipeline"))
        };
        Some((|| {
            let event = match var("CI_MERGE_REQUEST_EVENT_TYPE").as_deref() {
                None | Some("detached") => PipelineEvent::Detached,
                Some("merged_result") => PipelineEvent::MergedResult,
                Some("merge_train") => PipelineEvent::MergeTrain,
                Some(other) => {
                    return Err(format!(
                        "CI_MERGE_REQUEST_EVENT_TYPE `{}` is not one GitLab documents (detached, merged_result, merge_train): changegate will not guess which commits to compare",
                        crate::util::escape::visible(other)
                    ))
                }
            };
            let (source_sha, target_sha) = match event {
                PipelineEvent::Detached => (None, None),
                _ => (
                    Some(required("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA")?),
                    Some(required("CI_MERGE_REQUEST_TARGET_BRANCH_SHA")?),
                ),
            };
            Ok(Detected::MergeRequest(Box::new(Env {
                event,
                source_sha,
                target_sha,
                iid: iid
                    .parse()
                    .map_err(|_| format!("CI_MERGE_REQUEST_IID `{iid}` is not a number"))?,
                project_id: var("CI_MERGE_REQUEST_PROJECT_ID")
                    .or_else(|| var("CI_PROJECT_ID"))
                    .ok_or("CI_MERGE_REQUEST_PROJECT_ID is not set")?,
                api_url: required("CI_API_V4_URL")?,
                base_sha: required("CI_MERGE_REQUEST_DIFF_BASE_SHA")?,
                head_sha: required("CI_COMMIT_SHA")?,
                title: var("CI_MERGE_REQUEST_TITLE"),
                source_branch: var("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"),
                labels: var("CI_MERGE_REQUEST_LABELS")
                    .map(|l| {
                        l.split(',')
                            .map(|s| s.trim().to_owned())
                            .filter(|s| !s.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
                description: var("CI_MERGE_REQUEST_DESCRIPTION"),
                description_truncated: var("CI_MERGE_REQUEST_DESCRIPTION_IS_TRUNCATED").as_deref()
                    == Some("true"),
                approved: var("CI_MERGE_REQUEST_APPROVED").map(|v| v == "true"),
                pipeline_id: var("CI_PIPELINE_ID"),
            })))
        })())
    }
}

/// What to write besides the log.
#[derive(Debug, Clone, Default)]
pub struct Outputs {
    /// Where the Code Quality report goes (`artifacts:reports:codequality`).
    pub codequality: PathBuf,
    /// Post a commit status `changegate` (needs an `api` token).
    pub status: bool,
    /// Post (or update) a merge-request note with the summary (needs an `api` token).
    pub note: bool,
}

#[derive(Deserialize)]
struct MergeRequest {
    description: Option<String>,
    author: Option<User>,
}

#[derive(Deserialize)]
pub(crate) struct User {
    pub(crate) username: String,
}

#[derive(Deserialize)]
pub(crate) struct MrCommit {
    id: String,
    message: String,
    author_name: Option<String>,
    author_email: Option<String>,
    committer_name: Option<String>,
    committer_email: Option<String>,
    #[serde(default)]
    parent_ids: Vec<String>,
}

/// A merge request's commits (oldest first) as the gate reads them.
pub(crate) fn commits_from_api(commits: Vec<MrCommit>) -> Vec<crate::model::changeset::Commit> {
    let identity = |name: &Option<String>, email: &Option<String>| {
        format!(
            "{} <{}>",
            name.as_deref().unwrap_or(""),
            email.as_deref().unwrap_or("")
        )
    };
    commits
        .into_iter()
        .map(|c| crate::model::changeset::Commit {
            trailers: crate::model::changeset::parse_trailers(&c.message),
            author: identity(&c.author_name, &c.author_email),
            committer: identity(&c.committer_name, &c.committer_email),
            author_login: None,
            parents: c.parent_ids.len(),
            sha: c.id,
            message: c.message,
        })
        .collect()
}

/// A 401 means the token cannot read the API: say which token to use.
pub(crate) fn explain(e: ApiError) -> PlatformError {
    if e.status() == Some(401) {
        PlatformError::Setup(format!(
            "{e}: the token was rejected. CI_JOB_TOKEN cannot call the merge request or approvals APIs; set GITLAB_TOKEN to a project or group access token with read_api (api to post statuses and notes)"
        ))
    } else {
        PlatformError::Api(e)
    }
}

/// A project id, or a `group/project` path URL-encoded as GitLab wants it.
pub(crate) fn encode(project: &str) -> String {
    project.replace('/', "%2F")
}
