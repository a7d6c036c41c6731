//! GitHub Actions: read the event, fill the change's metadata from the REST API, judge the change
//! with the base revision's policy, and report — a check run with annotations on the PR head, a
//! job summary and step outputs; workflow-command annotations when the token cannot write checks
//! (fork PRs); a commit status when it is a personal token.

mod driver;
pub mod event;
mod files;
pub mod publish;

pub use driver::GithubDriver;

use crate::model::changeset::{ChangeMeta, Commit, Platform, Review, ReviewState};
use crate::platform::http::{ApiError, Auth, Client, RetryPolicy};
use crate::platform::PlatformError;
use crate::report::{markdown, text, workflow};
use crate::verdict::Verdict;

use serde::Deserialize;
use std::io::Write;
use std::path::PathBuf;

/// What the job's environment says (all from GitHub's documented variables).
#[derive(Debug, Clone)]
pub struct Env {
    pub event_name: String,
    pub event_path: PathBuf,
    pub repository: String,
    pub api_url: String,
    pub step_summary: Option<PathBuf>,
    pub output: Option<PathBuf>,
    /// This workflow run's page (`GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID`),
    /// linked from a commit status.
    pub run_url: Option<String>,
}

impl Env {
    /// Reads the variables; `None` when not running in GitHub Actions.
    pub fn from_env() -> Option<Result<Env, String>> {
        if std::env::var("GITHUB_ACTIONS").ok().as_deref() != Some("true") {
            return None;
        }
        let var = |name: &str| {
            std::env::var(name)
                .map_err(|_| format!("{name} is not set (is this a GitHub Actions job?)"))
        };
        Some((|| {
            Ok(Env {
                event_name: var("GITHUB_EVENT_NAME")?,
                event_path: PathBuf::from(var("GITHUB_EVENT_PATH")?),
                repository: var("GITHUB_REPOSITORY")?,
                api_url: std::env::var("GITHUB_API_URL")
                    .unwrap_or_else(|_| "https://api.github.com".into()),
                step_summary: std::env::var_os("GITHUB_STEP_SUMMARY").map(PathBuf::from),
                output: std::env::var_os("GITHUB_OUTPUT").map(PathBuf::from),
                run_url: match (
                    std::env::var("GITHUB_SERVER_URL"),
                    std::env::var("GITHUB_RUN_ID"),
                ) {
                    (Ok(server), Ok(id)) if id.bytes().all(|b| b.is_ascii_digit()) => {
                        Some(format!(
                            "{}/{}/actions/runs/{id}",
                            server.trim_end_matches('/'),
                            var("GITHUB_REPOSITORY")?
                        ))
                    }
                    _ => None,
                },
            })
        })())
    }
}

#[derive(Deserialize)]
struct PullRequest {
    title: String,
    body: Option<String>,
    user: Option<User>,
    #[serde(default)]
    labels: Vec<Label>,
    head: ShaRef,
    #[serde(default)]
    draft: bool,
    /// How many files the PR changes (the files API lists at most 3,000 of them).
    #[serde(default)]
    changed_files: Option<u64>,
}

#[derive(Deserialize)]
pub(crate) struct User {
    pub(crate) login: String,
}

#[derive(Deserialize)]
pub(crate) struct Label {
    pub(crate) name: String,
}

#[derive(Deserialize)]
struct ShaRef {
    sha: String,
    /// The branch name (`head.ref`); absent in some older payloads.
    #[serde(default, rename = "ref")]
    name: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct ApiReview {
    user: Option<User>,
    state: String,
    commit_id: Option<String>,
    submitted_at: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct ApiCommit {
    sha: String,
    commit: ApiCommitDetail,
    author: Option<User>,
    #[serde(default)]
    parents: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct ApiCommitDetail {
    message: String,
    author: Option<Person>,
    committer: Option<Person>,
}

#[derive(Deserialize)]
struct Person {
    name: Option<String>,
    email: Option<String>,
}

impl Person {
    fn identity(&self) -> String {
        format!(
            "{} <{}>",
            self.name.as_deref().unwrap_or(""),
            self.email.as_deref().unwrap_or("")
        )
    }
}

#[derive(Deserialize)]
struct CheckRunId {
    id: u64,
}

/// What to judge: the shas, and (for PRs) the metadata.
struct Target {
    number: Option<u64>,
    base_sha: String,
    head_sha: String,
    meta: Option<ChangeMeta>,
    changed_files: Option<u64>,
}

/// `changegate publish verdict.json`: posts a verdict computed by an earlier, unprivileged job
/// (the `workflow_run` pattern for fork PRs). The check run goes on the commit the verdict is
/// about (`head.sha` of the report, which must match the triggering run's head commit).
pub fn publish(
    env: &Env,
    token: Option<String>,
    verdict: &Verdict,
    neutral_on_warnings: bool,
) -> Result<u8, PlatformError> {
    let token = token.filter(|t| !t.is_empty()).ok_or_else(|| {
        PlatformError::Setup("no GitHub token: set GITHUB_TOKEN or pass --github-token".into())
    })?;
    let (owner, repo) = env.repository.split_once('/').ok_or_else(|| {
        PlatformError::Setup(format!(
            "GITHUB_REPOSITORY `{}` is not owner/name",
            env.repository
        ))
    })?;
    let head_sha = verdict
        .head
        .as_ref()
        .and_then(|h| h.sha.clone())
        .ok_or_else(|| PlatformError::Setup("the report names no head commit: produce it with `changegate check` in the pull-request job".into()))?;
    // In a workflow_run job the event says which commit the upstream run built.
    if env.event_name == "workflow_run" {
        #[derive(Deserialize)]
        struct Payload {
            workflow_run: Option<Run>,
        }
        #[derive(Deserialize)]
        struct Run {
            head_sha: String,
        }
        let payload = std::fs::read_to_string(&env.event_path).unwrap_or_default();
        if let Ok(Payload {
            workflow_run: Some(run),
        }) = serde_json::from_str::<Payload>(&payload)
        {
            if run.head_sha != head_sha {
                return Err(PlatformError::Setup(format!(
                    "the report is about {head_sha}, but the triggering run built {}: refusing to publish it",
                    run.head_sha
                )));
            }
        }
    }
    let (runtime, client) = connect(env, &token)?;
    let repo_path = format!("/repos/{owner}/{repo}");
    log_report(verdict);
    write_summary(env, verdict);
    write_outputs(env, verdict);
    runtime.block_on(post_check(
        &client,
        &repo_path,
        verdict,
        &head_sha,
        neutral_on_warnings,
        env.run_url.as_deref(),
    ))?;
    Ok(u8::from(verdict.blocked))
}

/// A single-threaded runtime and an API client on it (octocrab spawns its buffer task on the
/// runtime that is current when the client is built).
fn connect(env: &Env, token: &str) -> Result<(tokio::runtime::Runtime, Client), PlatformError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| PlatformError::Setup(format!("cannot start the async runtime: {e}")))?;
    let client = {
        let _entered = runtime.enter();
        Client::new(
            "GitHub",
            &env.api_url,
            Auth::Bearer(token.to_owned()),
            retry_policy(),
        )?
    };
    Ok((runtime, client))
}

/// Marks the check failed with the reason: the gate fails closed, and says why where the PR shows it.
fn post_failure(
    runtime: &tokio::runtime::Runtime,
    client: &Client,
    repo_path: &str,
    head_sha: &str,
    reason: &str,
) {
    let body = publish::CreateCheckRun {
        name: publish::CHECK_NAME,
        head_sha: head_sha.to_owned(),
        status: "completed",
        conclusion: "failure",
        output: publish::Output {
            title: "changegate could not judge this change".into(),
            summary: markdown::truncate(
                format!(
                    "## ❌ changegate could not judge this change\n\n{}\n",
                    markdown_escape(reason)
                ),
                publish::SUMMARY_MAX,
            ),
            annotations: Vec::new(),
        },
    };
    let _ = runtime
        .block_on(client.post::<_, serde_json::Value>(&format!("{repo_path}/check-runs"), &body));
}

/// Retry timing; `CHANGEGATE_RETRY_BASE_MS` shortens backoff in tests.
pub(crate) fn retry_policy() -> RetryPolicy {
    let mut policy = RetryPolicy::default();
    if let Some(ms) = std::env::var("CHANGEGATE_RETRY_BASE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        policy.base_delay = std::time::Duration::from_millis(ms);
    }
    if let Some(secs) = std::env::var("CHANGEGATE_MAX_RATE_LIMIT_WAIT")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        policy.max_wait = std::time::Duration::from_secs(secs);
    }
    if let Some(secs) = std::env::var("CHANGEGATE_API_TOTAL_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        policy.total = std::time::Duration::from_secs(secs);
    }
    policy
}

async fn load_pull(
    client: &Client,
    repo_path: &str,
    number: u64,
    base_sha: &str,
) -> Result<Target, PlatformError> {
    let pr: PullRequest = client.get(&format!("{repo_path}/pulls/{number}")).await?;
    let reviews: Vec<ApiReview> = client
        .paginate(&format!("{repo_path}/pulls/{number}/reviews"))
        .await?;
    let commits: Vec<ApiCommit> = client
        .paginate(&format!("{repo_path}/pulls/{number}/commits"))
        .await?;
    let reviews = reviews_from_api(reviews);
    let commits = commits_from_api(commits);
    let mut labels: Vec<String> = pr.labels.into_iter().map(|l| l.name).collect();
    if pr.draft {
        labels.push("draft".into());
    }
    let meta = ChangeMeta {
        platform: Platform::GitHub,
        title: Some(pr.title),
        description: Some(pr.body.unwrap_or_default()),
        description_source: Some(format!("pull request #{number}")),
        author: pr.user.map(|u| u.login),
        labels,
        commits,
        reviews,
        reviews_known: true,
        head_sha: Some(pr.head.sha.clone()),
        branch: pr.head.name.clone(),
    };
    Ok(Target {
        number: Some(number),
        base_sha: base_sha.to_owned(),
        head_sha: pr.head.sha,
        meta: Some(meta),
        changed_files: pr.changed_files,
    })
}

/// Submitted reviews as the gate reads them (pending ones are not submitted; a deleted account,
/// "ghost", has no user and cannot count).
pub(crate) fn reviews_from_api(reviews: Vec<ApiReview>) -> Vec<Review> {
    reviews
        .into_iter()
        .filter_map(|r| {
            let state = match r.state.as_str() {
                "APPROVED" => ReviewState::Approved,
                "CHANGES_REQUESTED" => ReviewState::ChangesRequested,
                "COMMENTED" => ReviewState::Commented,
                "DISMISSED" => ReviewState::Dismissed,
                _ => return None,
            };
            Some(Review {
                user: r.user?.login,
                state,
                commit_id: r.commit_id,
                submitted_at: r.submitted_at,
            })
        })
        .collect()
}

/// A pull request's commits with their trailers and authors' logins.
pub(crate) fn commits_from_api(commits: Vec<ApiCommit>) -> Vec<Commit> {
    commits
        .into_iter()
        .map(|c| Commit {
            trailers: crate::model::changeset::parse_trailers(&c.commit.message),
            sha: c.sha,
            author: c
                .commit
                .author
                .as_ref()
                .map(Person::identity)
                .unwrap_or_default(),
            committer: c
                .commit
                .committer
                .as_ref()
                .map(Person::identity)
                .unwrap_or_default(),
            author_login: c.author.map(|u| u.login),
            message: c.commit.message,
            parents: c.parents.len(),
        })
        .collect()
}

/// The text report in the log, wrapped so that nothing in it (PR text, file contents) can issue
/// a workflow command.
fn log_report(v: &Verdict) {
    let token = workflow::stop_token();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "::stop-commands::{token}");
    let mut log = Vec::new();
    let _ = text::render(v, false, &mut log);
    let _ = out.write_all(&crate::util::redact::redact_bytes(log));
    let _ = writeln!(out, "::{token}::");
}

/// When the gate cannot judge (exit 2), the job still says so everywhere a reader looks: an
/// `::error::` annotation, the step summary, and the step outputs (`verdict=error`,
/// `blocked=true`), so that a later step never reads a missing output as a pass.
pub fn report_failure(env: &Env, message: &str) {
    let message = crate::util::redact::redact(message);
    println!(
        "::error title=changegate could not judge this change::{}",
        workflow::escape_data(&message)
    );
    if let Some(path) = &env.step_summary {
        let text = format!(
            "## ❌ changegate could not judge this change\n\n{}\n\nThe gate fails closed: treat the change as blocked until it runs.\n",
            crate::util::escape::visible(&message)
        );
        append(path, &text);
    }
    if let Some(path) = &env.output {
        let delimiter = format!("CHANGEGATE_{}", workflow::stop_token());
        let mut text = String::new();
        for (name, value) in [("verdict", "error"), ("blocked", "true")] {
            text.push_str(&format!("{name}<<{delimiter}\n{value}\n{delimiter}\n"));
        }
        append(path, &text);
    }
}

fn append(path: &std::path::Path, text: &str) {
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = file.write_all(text.as_bytes());
    }
}

fn write_summary(env: &Env, v: &Verdict) {
    let Some(path) = &env.step_summary else {
        return;
    };
    // The job summary holds at most 1 MiB per step.
    append(
        path,
        &crate::util::redact::redact(&markdown::summary(v, 1_000_000)),
    );
}

fn write_outputs(env: &Env, v: &Verdict) {
    let Some(path) = &env.output else { return };
    let tiers: Vec<&str> = v.tiers.iter().map(|t| t.name.as_str()).collect();
    let values = [
        (
            "verdict",
            if v.blocked {
                "blocked".to_owned()
            } else {
                "pass".to_owned()
            },
        ),
        ("blocked", v.blocked.to_string()),
        ("risk-score", v.blast_radius.score.to_string()),
        ("findings", v.findings.len().to_string()),
        ("tiers", serde_json::to_string(&tiers).unwrap_or_default()),
    ];
    let delimiter = format!("CHANGEGATE_{}", workflow::stop_token());
    let mut text = String::new();
    for (name, value) in values {
        text.push_str(&format!("{name}<<{delimiter}\n{value}\n{delimiter}\n"));
    }
    append(path, &text);
}

/// Creates the `changegate` check run (then appends annotations past the first 50); falls back
/// when the token cannot. Every run creates a fresh check run: GitHub shows the latest one of a
/// name, and updating an older run would *append* this run's annotations to that run's.
async fn post_check(
    client: &Client,
    repo_path: &str,
    v: &Verdict,
    head_sha: &str,
    neutral: bool,
    run_url: Option<&str>,
) -> Result<(), PlatformError> {
    let (create, updates) = publish::requests(v, head_sha, neutral);
    let posted: Result<u64, ApiError> = client
        .post::<_, CheckRunId>(&format!("{repo_path}/check-runs"), &create)
        .await
        .map(|r| r.id);
    match posted {
        Ok(id) => {
            for update in updates {
                client
                    .patch::<_, serde_json::Value>(&format!("{repo_path}/check-runs/{id}"), &update)
                    .await?;
            }
            println!("changegate: posted check run {id} on {head_sha}");
            Ok(())
        }
        Err(e) if e.status() == Some(403) && is_app_only(e.message()) => {
            // A personal token cannot create check runs; it can create commit statuses.
            println!("changegate: this token cannot create check runs ({}); posting a commit status instead", e.message());
            client
                .post::<_, serde_json::Value>(
                    &format!("{repo_path}/statuses/{head_sha}"),
                    &publish::status(v, run_url),
                )
                .await?;
            fall_back_to_workflow_commands(v);
            Ok(())
        }
        Err(e) if e.status() == Some(403) => {
            // Fork PRs get a read-only token whatever the workflow asks for.
            println!(
                "changegate: the token cannot write checks ({}): reporting with workflow annotations and the job summary instead",
                e.message()
            );
            fall_back_to_workflow_commands(v);
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// GitHub's answer when a non-App token tries to create a check run.
fn is_app_only(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("github app") || m.contains("personal access token")
}

fn fall_back_to_workflow_commands(v: &Verdict) {
    let mut out = std::io::stdout().lock();
    for line in workflow::annotations(v) {
        let _ = writeln!(out, "{line}");
    }
    let hidden = v
        .findings
        .len()
        .saturating_sub(workflow::annotations(v).len());
    if hidden > 0 {
        let _ = writeln!(
            out,
            "changegate: {hidden} more finding(s) are in the job summary"
        );
    }
}

fn markdown_escape(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;")
}
