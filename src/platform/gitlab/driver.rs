//! The GitLab CI driver: pipeline variables and the API give the merge request and its
//! approvals; the verdict becomes a Code Quality artifact, and optionally a commit status and a
//! merge-request note.

use super::{
    approvals, commits_from_api, encode, explain, files, publish, Detected, Env, MergeRequest,
    MrCommit, Outputs, PipelineEvent,
};
use crate::model::changeset::ChangeMeta;
use crate::platform::http::{ApiError, Auth, Client};
use crate::platform::{Judge, Platform, PlatformError, Reading, Settings};
use crate::report::{codequality, text};
use crate::verdict::Verdict;
use std::io::Write as _;
use std::path::Path;

/// What `read` found out that `publish` needs.
struct Connection {
    runtime: tokio::runtime::Runtime,
    client: Option<Client>,
    mr_path: String,
}

pub struct GitlabDriver {
    detected: Detected,
    token: Option<String>,
    outputs: Outputs,
    connection: Option<Connection>,
}

impl GitlabDriver {
    /// In GitLab CI (`GITLAB_CI=true`), a driver; elsewhere `None`.
    pub fn detect(settings: &Settings) -> Option<Result<Box<dyn Platform>, PlatformError>> {
        let detected = Env::from_env()?;
        Some(match detected {
            Ok(detected) => Ok(Box::new(GitlabDriver {
                detected,
                token: settings
                    .gitlab_token
                    .clone()
                    .or_else(|| std::env::var("GITLAB_TOKEN").ok()),
                outputs: Outputs {
                    codequality: settings.codequality_output.clone(),
                    status: settings.gitlab_status,
                    note: settings.gitlab_note,
                },
                connection: None,
            })),
            Err(why) => Err(PlatformError::Setup(why)),
        })
    }

    fn env(&self) -> Option<&Env> {
        match &self.detected {
            Detected::MergeRequest(env) => Some(env),
            Detected::NotMergeRequest => None,
        }
    }
}

impl Platform for GitlabDriver {
    fn read(&mut self, repo_dir: &Path) -> Result<Option<Reading>, PlatformError> {
        let Some(env) = self.env() else {
            println!("changegate: not a merge-request pipeline (CI_MERGE_REQUEST_IID is not set); nothing to check.");
            return Ok(None);
        };
        let mut notes = Vec::new();
        let mut meta = ChangeMeta {
            platform: crate::model::changeset::Platform::GitLab,
            title: env.title.clone(),
            description: env.description.clone(),
            description_source: Some(format!("merge request !{}", env.iid)),
            labels: env.labels.clone(),
            head_sha: Some(env.head_sha.clone()),
            branch: env.source_branch.clone(),
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
            .map_err(|e| PlatformError::Setup(format!("cannot start the async runtime: {e}")))?;
        let _entered = runtime.enter();
        let token = self.token.clone().filter(|t| !t.is_empty());
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
                // The MR's commits (trailers, authors) from the API: a shallow clone may not hold
                // them. GitLab lists them newest first.
                let mut commits: Vec<MrCommit> = client
                    .paginate(&format!("{mr_path}/commits"))
                    .await
                    .map_err(explain)?;
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
                    // The approvals API answers on every tier (GitLab Free included): a 403 or
                    // 404 means this token may not read the MR's approvals, so reviews are
                    // unknown and the gate fails closed where approvals are required.
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
            Judge::Git {
                base: base_sha.to_owned(),
                head: head_sha.to_owned(),
            }
        } else {
            let Some(client) = &client else {
                return Err(PlatformError::Setup(format!(
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
                Ok::<_, ApiError>(Judge::Api {
                    change: Box::new(change),
                    base_files,
                })
            })?
        };
        // In CI, reviews that cannot be read fail closed (as on GitHub).
        let unverifiable_reviews = (!meta.reviews_known).then(|| {
            "GitLab's merge request approvals were not readable (CI_JOB_TOKEN cannot read them, or the approvals API is unavailable); set GITLAB_TOKEN to a project access token with the read_api scope (api to post statuses and notes)".to_owned()
        });
        drop(_entered);
        self.connection = Some(Connection {
            runtime,
            client,
            mr_path,
        });
        Ok(Some(Reading {
            source,
            meta: Some(meta),
            notes,
            unverifiable_reviews,
        }))
    }

    fn publish(&mut self, verdict: &Verdict) -> Result<u8, PlatformError> {
        let (Some(env), Some(connection)) = (self.env(), &self.connection) else {
            return Err(PlatformError::Setup(
                "internal: publish before read (no merge request)".into(),
            ));
        };
        let mut log = Vec::new();
        let _ = text::render(verdict, false, &mut log);
        let _ = std::io::stdout()
            .lock()
            .write_all(&crate::util::redact::redact_bytes(log));
        let mut report = Vec::new();
        codequality::render(verdict, &mut report).map_err(|e| {
            PlatformError::Setup(format!("cannot render the Code Quality report: {e}"))
        })?;
        let path = &self.outputs.codequality;
        std::fs::write(path, crate::util::redact::redact_bytes(report))
            .map_err(|e| PlatformError::Setup(format!("cannot write {}: {e}", path.display())))?;
        if let Some(client) = &connection.client {
            let _entered = connection.runtime.enter();
            for warning in connection.runtime.block_on(publish::publish(
                client,
                env,
                &self.outputs,
                verdict,
                &connection.mr_path,
            )) {
                eprintln!(
                    "changegate: warning: {} (the verdict stands: this job's exit code is the gate)",
                    crate::util::redact::redact(&warning)
                );
            }
        }
        Ok(u8::from(verdict.blocked))
    }

    /// GitLab shows the job's log and exit code; the error on stderr is the report.
    fn report_failure(&mut self, _message: &str) {}
}
