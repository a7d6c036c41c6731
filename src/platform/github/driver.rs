//! The GitHub Actions driver: the event and the REST API give the change and its reviews; the
//! verdict becomes a check run, a job summary and step outputs.

use super::event::{self, Event};
use super::{
    connect, files, load_pull, log_report, post_check, post_failure, write_outputs, write_summary,
    Env, Target,
};
use crate::platform::http::Client;
use crate::platform::{ensure_commits, Judge, Platform, PlatformError, Reading, Settings};
use crate::verdict::Verdict;
use std::path::Path;

/// A connection to the API: the runtime that drives it, the client, `/repos/OWNER/NAME`.
struct Connection {
    runtime: tokio::runtime::Runtime,
    client: Client,
    repo_path: String,
}

pub struct GithubDriver {
    env: Env,
    token: Option<String>,
    neutral_on_warnings: bool,
    connection: Option<Connection>,
    /// The commit a failure check run goes on, once known (never after publishing began).
    failure_sha: Option<String>,
    /// The commit the verdict's check run goes on.
    head_sha: String,
}

impl GithubDriver {
    /// In GitHub Actions (`GITHUB_ACTIONS=true`), a driver; elsewhere `None`.
    pub fn detect(settings: &Settings) -> Option<Result<Box<dyn Platform>, PlatformError>> {
        let env = Env::from_env()?;
        Some(match env {
            Ok(env) => Ok(Box::new(GithubDriver {
                env,
                token: settings
                    .github_token
                    .clone()
                    .or_else(|| std::env::var("GITHUB_TOKEN").ok()),
                neutral_on_warnings: settings.neutral_on_warnings,
                connection: None,
                failure_sha: None,
                head_sha: String::new(),
            })),
            Err(why) => Err(PlatformError::Setup(why)),
        })
    }
}

impl Platform for GithubDriver {
    fn read(&mut self, repo_dir: &Path) -> Result<Option<Reading>, PlatformError> {
        let env = &self.env;
        let payload = std::fs::read_to_string(&env.event_path).map_err(|e| {
            PlatformError::Setup(format!(
                "cannot read GITHUB_EVENT_PATH {}: {e}",
                env.event_path.display()
            ))
        })?;
        let event = event::parse(&env.event_name, &payload).map_err(PlatformError::Setup)?;
        if let Event::Other(name) = &event {
            println!("changegate: the `{name}` event is not a pull request, review or merge-group event; nothing to check.");
            return Ok(None);
        }
        let token = self
            .token
            .clone()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| PlatformError::Setup("no GitHub token: set GITHUB_TOKEN (e.g. `env: GITHUB_TOKEN: ${{ github.token }}`) or pass --github-token".into()))?;
        let (owner, repo) = env.repository.split_once('/').ok_or_else(|| {
            PlatformError::Setup(format!(
                "GITHUB_REPOSITORY `{}` is not owner/name",
                env.repository
            ))
        })?;
        let (runtime, client) = connect(env, &token)?;
        let connection = self.connection.insert(Connection {
            runtime,
            client,
            repo_path: format!("/repos/{owner}/{repo}"),
        });
        let (runtime, client, repo_path) = (
            &connection.runtime,
            &connection.client,
            &connection.repo_path,
        );
        // No verdict without the PR's reviews and commits: a failure to load them fails closed,
        // visibly on the PR head.
        if let Event::PullRequest(pr) = &event {
            self.failure_sha = Some(pr.head_sha.clone());
        }
        let target = runtime.block_on(async {
            match &event {
                Event::PullRequest(pr) => {
                    load_pull(client, repo_path, pr.number, &pr.base_sha).await
                }
                Event::MergeGroup { base_sha, head_sha } => Ok(Target {
                    number: None,
                    base_sha: base_sha.clone(),
                    head_sha: head_sha.clone(),
                    meta: None,
                    changed_files: None,
                }),
                Event::Other(_) => unreachable!("handled above"),
            }
        })?;
        self.failure_sha = None;
        let local = ensure_commits(repo_dir, &[&target.base_sha, &target.head_sha]);
        let source = match (local, target.number) {
            (true, _) | (false, None) => Judge::Git {
                base: target.base_sha.clone(),
                head: target.head_sha.clone(),
            },
            (false, Some(number)) => runtime.block_on(async {
                let change = files::change_from_api(
                    client,
                    repo_path,
                    number,
                    &target.base_sha,
                    &target.head_sha,
                    target.changed_files,
                )
                .await?;
                let base_files = crate::platform::gather_base_files(&files::BaseAtCommit {
                    client,
                    repo_path,
                    sha: &target.base_sha,
                })
                .await?;
                Ok::<_, PlatformError>(Judge::Api {
                    change: Box::new(change),
                    base_files,
                })
            })?,
        };
        self.head_sha = target.head_sha.clone();
        // From here on, a pipeline error is posted as a failed check run on the head.
        self.failure_sha = Some(target.head_sha);
        Ok(Some(Reading {
            source,
            meta: target.meta,
            notes: Vec::new(),
            unverifiable_reviews: None,
        }))
    }

    fn publish(&mut self, verdict: &Verdict) -> Result<u8, PlatformError> {
        self.failure_sha = None;
        let Some(connection) = &self.connection else {
            return Err(PlatformError::Setup(
                "internal: publish before read (no API connection)".into(),
            ));
        };
        log_report(verdict);
        write_summary(&self.env, verdict);
        write_outputs(&self.env, verdict);
        connection.runtime.block_on(post_check(
            &connection.client,
            &connection.repo_path,
            verdict,
            &self.head_sha,
            self.neutral_on_warnings,
            self.env.run_url.as_deref(),
        ))?;
        Ok(u8::from(verdict.blocked))
    }

    fn report_failure(&mut self, message: &str) {
        if let (Some(connection), Some(sha)) = (&self.connection, self.failure_sha.take()) {
            post_failure(
                &connection.runtime,
                &connection.client,
                &connection.repo_path,
                &sha,
                message,
            );
        }
        super::report_failure(&self.env, message);
    }
}
