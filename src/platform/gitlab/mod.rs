//! GitLab CI merge-request pipelines: the change from git (base = the MR's diff base), title,
//! labels and description from the pipeline's variables (the description from the API when the
//! variable is truncated), approvals from the approvals API, and the report as a Code Quality
//! artifact, optionally a commit status and a merge-request note updated in place.
//!
//! `CI_JOB_TOKEN` cannot read merge requests or approvals (401): a project or group token with
//! `read_api` (`api` to post) is needed in `GITLAB_TOKEN`. Without one, reviews are unknown and the
//! report says so.

mod approvals;
mod files;
mod publish;

pub(crate) use approvals::Approvals;

use crate::model::changeset::{ChangeMeta, Platform};
use crate::platform::http::{ApiError, Auth, Client};
use crate::report::{codequality, text};
use crate::verdict::Verdict;
use serde::Deserialize;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The pipeline's variables (GitLab's predefined CI/CD variables).
#[derive(Debug, Clone)]
pub struct Env {
    pub iid: u64,
    pub project_id: String,
    pub api_url: String,
    pub base_sha: String,
    pub head_sha: String,
    pub title: Option<String>,
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

/// Why the GitLab run could not produce a verdict.
#[derive(Debug, thiserror::Error)]
pub enum GitlabError {
    #[error("{0}")]
    Setup(String),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Check(#[from] crate::Error),
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

/// Runs the gate for a merge request; `judge` runs the pipeline for the base/head pair with the
/// metadata and notes gathered here.
pub fn run(
    env: &Env,
    token: Option<String>,
    repo_dir: &Path,
    outputs: &Outputs,
    judge: impl FnOnce(crate::platform::Judge, ChangeMeta, Vec<String>) -> Result<Verdict, crate::Error>,
) -> Result<(u8, Verdict), GitlabError> {
    let mut notes = Vec::new();
    let mut meta = ChangeMeta {
        platform: Platform::GitLab,
        title: env.title.clone(),
        description: env.description.clone(),
        description_source: Some(format!("merge request !{}", env.iid)),
        labels: env.labels.clone(),
        head_sha: Some(env.head_sha.clone()),
        ..ChangeMeta::default()
    };
    let (base_sha, head_sha) = env.judged();
    if env.on_merge_commit() {
        notes.push(format!(
            "{} pipeline: judged what merging the MR brings to the target ({}..{}, GitLab's merge commit); approvals are checked against the MR's head {}",
            if env.event == PipelineEvent::MergeTrain { "merge-train" } else { "merged-results" },
            crate::model::changeset::short_sha(base_sha),
            crate::model::changeset::short_sha(head_sha),
            crate::model::changeset::short_sha(env.mr_head()),
        ));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| GitlabError::Setup(format!("cannot start the async runtime: {e}")))?;
    let _entered = runtime.enter();
    let token = token.filter(|t| !t.is_empty());
    let client = match &token {
        Some(t) => Some(Client::new(
            "GitLab",
            &env.api_url,
            Auth::Header("private-token", t.clone()),
            crate::platform::github::retry_policy(),
        )?),
        None => None,
    };
    let mr_path = format!(
        "/projects/{}/merge_requests/{}",
        encode(&env.project_id),
        env.iid
    );
    match &client {
        None => {
            notes.push("no GITLAB_TOKEN: reviews are unknown (CI_JOB_TOKEN cannot read merge requests or approvals); add a project token with read_api".into());
            if env.description_truncated {
                notes.push("the description variable holds only its first 2,700 characters and no token was given to read the rest".into());
            }
        }
        Some(client) => runtime.block_on(async {
            match client.get::<MergeRequest>(&mr_path).await {
                Ok(mr) => {
                    if env.description_truncated || meta.description.is_none() {
                        meta.description = mr.description;
                    }
                    meta.author = mr.author.map(|a| a.username);
                }
                Err(e) => return Err(explain(e)),
            }
            // The MR's commits (trailers, authors) from the API: a shallow clone may not hold them.
            // GitLab lists them newest first.
            let mut commits: Vec<MrCommit> = client.paginate(&format!("{mr_path}/commits")).await.map_err(explain)?;
            commits.reverse();
            meta.commits = commits_from_api(commits);
            let project_path = format!("/projects/{}", encode(&env.project_id));
            let target = approvals::Target {
                project_path: &project_path,
                mr_path: &mr_path,
                mr_head: env.mr_head(),
                judged_head: &env.head_sha,
            };
            match approvals::read(client, &target).await {
                Ok(read) => {
                    meta.reviews = read.reviews;
                    meta.reviews_known = true;
                    notes.extend(read.notes);
                }
                // The approvals API answers on every tier (GitLab Free included): a 403 or 404
                // means this token may not read the MR's approvals, so reviews are unknown and
                // the gate fails closed where approvals are required.
                Err(e) if matches!(e.status(), Some(403) | Some(404)) => {
                    notes.push(format!(
                        "the approvals API refused this token ({}): give GITLAB_TOKEN the read_api scope and at least the Reporter role; reviews are unknown{}",
                        e.message(),
                        match env.approved {
                            Some(true) => " (GitLab's own approval rules report the MR as approved)",
                            Some(false) => " (GitLab's own approval rules report the MR as not approved)",
                            None => "",
                        }
                    ));
                }
                Err(e) => return Err(explain(e)),
            }
            Ok(())
        })?,
    }
    let source = if crate::platform::ensure_commits(repo_dir, &[base_sha, head_sha]) {
        crate::platform::Judge::Git {
            base: base_sha.to_owned(),
            head: head_sha.to_owned(),
        }
    } else {
        let Some(client) = &client else {
            return Err(GitlabError::Setup(format!(
                "the base {base_sha} or head {head_sha} is not in the clone even after fetching, and without GITLAB_TOKEN the diffs API cannot be read: set GIT_DEPTH: 0 for this job"
            )));
        };
        let project = encode(&env.project_id);
        runtime.block_on(async {
            let change = if env.on_merge_commit() {
                files::change_from_compare(client, &project, base_sha, head_sha).await?
            } else {
                files::change_from_api(client, &mr_path, base_sha, head_sha).await?
            };
            let base_files = crate::platform::gather_base_files(&files::BaseAtCommit {
                client,
                project: &project,
                sha: base_sha,
            })
            .await?;
            Ok::<_, ApiError>(crate::platform::Judge::Api {
                change: Box::new(change),
                base_files,
            })
        })?
    };
    let verdict = judge(source, meta, notes)?;
    let mut log = Vec::new();
    let _ = text::render(&verdict, false, &mut log);
    let _ = std::io::stdout()
        .lock()
        .write_all(&crate::util::redact::redact_bytes(log));
    let mut report = Vec::new();
    codequality::render(&verdict, &mut report)
        .map_err(|e| GitlabError::Setup(format!("cannot render the Code Quality report: {e}")))?;
    std::fs::write(
        &outputs.codequality,
        crate::util::redact::redact_bytes(report),
    )
    .map_err(|e| {
        GitlabError::Setup(format!(
            "cannot write {}: {e}",
            outputs.codequality.display()
        ))
    })?;
    if let Some(client) = &client {
        for warning in runtime.block_on(publish::publish(client, env, outputs, &verdict, &mr_path))
        {
            eprintln!(
                "changegate: warning: {} (the verdict stands: this job's exit code is the gate)",
                crate::util::redact::redact(&warning)
            );
        }
    }
    Ok((u8::from(verdict.blocked), verdict))
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
pub(crate) fn explain(e: ApiError) -> GitlabError {
    if e.status() == Some(401) {
        GitlabError::Setup(format!(
            "{e}: the token was rejected. CI_JOB_TOKEN cannot call the merge request or approvals APIs; set GITLAB_TOKEN to a project or group access token with read_api (api to post statuses and notes)"
        ))
    } else {
        GitlabError::Api(e)
    }
}

/// A project id, or a `group/project` path URL-encoded as GitLab wants it.
pub(crate) fn encode(project: &str) -> String {
    project.replace('/', "%2F")
}
