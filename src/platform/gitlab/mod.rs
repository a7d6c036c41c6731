//! GitLab CI merge-request pipelines: the change from git (base = the MR's diff base), title,
//! labels and description from the pipeline's variables (the description from the API when the
//! variable is truncated), approvals from the approvals API, and the report as a Code Quality
//! artifact, optionally a commit status and a merge-request note updated in place.
//!
//! `CI_JOB_TOKEN` cannot read merge requests or approvals (401): a project or group token with
//! `read_api` (`api` to post) is needed in `GITLAB_TOKEN`. Without one, reviews are unknown and the
//! report says so.

mod files;

use crate::changeset::{ChangeMeta, Platform, Review, ReviewState};
use crate::platform::http::{ApiError, Auth, Client};
use crate::report::{codequality, markdown, text};
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
            Ok(Detected::MergeRequest(Box::new(Env {
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
pub(crate) struct Approvals {
    #[serde(default)]
    pub(crate) approved_by: Vec<Approver>,
}

#[derive(Deserialize)]
pub(crate) struct Approver {
    pub(crate) user: User,
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

#[derive(Deserialize)]
struct Note {
    id: u64,
    body: String,
    #[serde(default)]
    author: Option<NoteAuthor>,
    #[serde(default)]
    system: bool,
}

#[derive(Debug, Deserialize)]
struct NoteAuthor {
    id: u64,
}

/// Marks the note changegate owns, so re-runs edit it instead of adding another.
const NOTE_MARKER: &str = "<!-- changegate verdict -->";

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
            match client.get::<Approvals>(&format!("{mr_path}/approvals")).await {
                Ok(approvals) => {
                    meta.reviews = approvals
                        .approved_by
                        .into_iter()
                        .map(|a| Review {
                            user: a.user.username,
                            state: ReviewState::Approved,
                            // GitLab resets approvals on push when the project says so; an
                            // approval it still lists counts for the current head.
                            commit_id: Some(env.head_sha.clone()),
                            submitted_at: None,
                        })
                        .collect();
                    meta.reviews_known = true;
                }
                Err(e) if matches!(e.status(), Some(403) | Some(404)) => {
                    notes.push(format!(
                        "the approvals API is not available ({}): it is a GitLab Premium feature; reviews are unknown{}",
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
    let source = if crate::platform::ensure_commits(repo_dir, &[&env.base_sha, &env.head_sha]) {
        crate::platform::Judge::Git {
            base: env.base_sha.clone(),
            head: env.head_sha.clone(),
        }
    } else {
        let Some(client) = &client else {
            return Err(GitlabError::Setup(format!(
                "the diff base {} or head {} is not in the clone even after fetching, and without GITLAB_TOKEN the diffs API cannot be read: set GIT_DEPTH: 0 for this job",
                env.base_sha, env.head_sha
            )));
        };
        let project = encode(&env.project_id);
        runtime.block_on(async {
            let change =
                files::change_from_api(client, &mr_path, &env.base_sha, &env.head_sha).await?;
            let base_files = crate::platform::gather_base_files(&files::BaseAtCommit {
                client,
                project: &project,
                sha: &env.base_sha,
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
        .write_all(&crate::redact::redact_bytes(log));
    let mut report = Vec::new();
    codequality::render(&verdict, &mut report)
        .map_err(|e| GitlabError::Setup(format!("cannot render the Code Quality report: {e}")))?;
    std::fs::write(&outputs.codequality, crate::redact::redact_bytes(report)).map_err(|e| {
        GitlabError::Setup(format!(
            "cannot write {}: {e}",
            outputs.codequality.display()
        ))
    })?;
    if let Some(client) = &client {
        runtime.block_on(publish(client, env, outputs, &verdict, &mr_path))?;
    }
    Ok((u8::from(verdict.blocked), verdict))
}

/// A merge request's commits (oldest first) as the gate reads them.
pub(crate) fn commits_from_api(commits: Vec<MrCommit>) -> Vec<crate::changeset::Commit> {
    let identity = |name: &Option<String>, email: &Option<String>| {
        format!(
            "{} <{}>",
            name.as_deref().unwrap_or(""),
            email.as_deref().unwrap_or("")
        )
    };
    commits
        .into_iter()
        .map(|c| crate::changeset::Commit {
            trailers: crate::changeset::parse_trailers(&c.message),
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

async fn publish(
    client: &Client,
    env: &Env,
    outputs: &Outputs,
    v: &Verdict,
    mr_path: &str,
) -> Result<(), GitlabError> {
    let clip = |s: String| s.chars().take(255).collect::<String>();
    if outputs.status {
        let mut body = serde_json::json!({
            "state": if v.blocked { "failed" } else { "success" },
            "name": "changegate",
            "description": clip(markdown::title(v)),
        });
        if let Some(pipeline) = &env.pipeline_id {
            // Without pipeline_id GitLab may attach the status to a new external pipeline.
            body["pipeline_id"] = serde_json::json!(pipeline.parse::<u64>().unwrap_or_default());
        }
        client
            .post::<_, serde_json::Value>(
                &format!(
                    "/projects/{}/statuses/{}",
                    encode(&env.project_id),
                    env.head_sha
                ),
                &body,
            )
            .await?;
    }
    if outputs.note {
        let body = serde_json::json!({ "body": format!("{NOTE_MARKER}\n{}", markdown::summary(v, 1_000_000)) });
        // Only a note this token's own user wrote is ours to edit: anyone can start a comment
        // with the marker, and editing theirs would fail (403) or, with a stronger token,
        // overwrite their words. When the user cannot be read, a new note is posted.
        let own = client.get::<NoteAuthor>("/user").await.ok().map(|u| u.id);
        let existing: Vec<Note> = match own {
            Some(_) => {
                client
                    .paginate(&format!("{mr_path}/notes?sort=asc"))
                    .await?
            }
            None => Vec::new(),
        };
        let ours = |n: &&Note| {
            !n.system && n.body.starts_with(NOTE_MARKER) && n.author.as_ref().map(|a| a.id) == own
        };
        match existing.iter().find(ours) {
            Some(note) => {
                client
                    .put::<_, serde_json::Value>(&format!("{mr_path}/notes/{}", note.id), &body)
                    .await?;
            }
            None => {
                client
                    .post::<_, serde_json::Value>(&format!("{mr_path}/notes"), &body)
                    .await?;
            }
        }
    }
    Ok(())
}

/// A project id, or a `group/project` path URL-encoded as GitLab wants it.
pub(crate) fn encode(project: &str) -> String {
    project.replace('/', "%2F")
}
