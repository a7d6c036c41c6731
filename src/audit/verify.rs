//! `changegate verify`: may this commit be deployed? Only if it reached the branch through a
//! merged PR/MR that satisfied the policy of its base — the audit's judge on the one change
//! that brought the commit in (approvals as of the merge, documentation, AI rules, no
//! self-approval, not a direct push). Rejected when it did not; unknown when it cannot tell
//! (reviews not known, the change could not be judged): a deploy gate treats unknown as "no".

use super::merged::MergedChange;
use super::{history, judge, AuditError, AuditOptions, AuditedChange, Candidate, Category};
use crate::policy::{Policy, POLICY_FILE};
use crate::source::base_files::BaseFiles;
use crate::source::git::Git;
use crate::source::{Limits, SourceError};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Version of the verdict's JSON shape (and of the in-toto predicate type).
pub const SCHEMA_VERSION: u32 = 1;
/// The in-toto predicate type of a verify statement.
pub const PREDICATE_TYPE: &str =
    "https://github.com/changegate/changegate/blob/main/docs/verify.md#predicate-v1";

/// What `verify` needs.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    pub commit: String,
    pub branch: String,
    /// Remote, cache and notes, as an audit takes them (`since` and `paths` are not used).
    pub audit: AuditOptions,
    /// `--reviews-file`: `(text, origin)` of the review state, offline.
    pub reviews: Option<(String, String)>,
}

/// The answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Reached the branch through a change that satisfied its policy: deploy.
    Verified,
    /// Did not (direct push, too few approvals, self-approved, undocumented, not on the branch).
    Rejected,
    /// Cannot tell (reviews unknown or unverified, the change could not be judged).
    Unknown,
}

impl Outcome {
    /// 0 verified, 1 rejected, 2 cannot tell.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Verified => 0,
            Outcome::Rejected => 1,
            Outcome::Unknown => 2,
        }
    }
}

/// The verdict, as JSON and as the in-toto predicate.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub schema_version: u32,
    pub commit: String,
    pub branch: String,
    /// The branch's head when verified.
    pub branch_head: String,
    pub outcome: Outcome,
    /// Why, one line each (empty when verified).
    pub reasons: Vec<String>,
    /// The first-parent commit of the branch that brought the commit in (the commit itself when
    /// it was pushed or squash-merged onto the branch).
    pub arrived_with: Option<String>,
    /// The policy that judged it: the base's `.changegate.yml` by commit, or the built-in one.
    pub policy: Option<String>,
    /// `git (offline)`, `reviews file …`, or the platform and project.
    pub reviews_from: String,
    /// The judged change, as the audit reports it.
    pub change: Option<AuditedChange>,
}

/// Judges how `options.commit` reached `options.branch`.
pub fn verify(git: &Git, options: &VerifyOptions) -> Result<Verification, AuditError> {
    let sha = git
        .try_resolve_commit(&options.commit)
        .ok_or_else(|| SourceError::UnknownRevision(options.commit.clone()))?;
    let branch_head = git
        .try_resolve_commit(&options.branch)
        .ok_or_else(|| SourceError::UnknownRevision(options.branch.clone()))?;
    let mut verification = Verification {
        schema_version: SCHEMA_VERSION,
        commit: sha.clone(),
        branch: options.branch.clone(),
        branch_head: branch_head.clone(),
        outcome: Outcome::Rejected,
        reasons: Vec::new(),
        arrived_with: None,
        policy: None,
        reviews_from: reviews_source(options),
        change: None,
    };
    let Some(arrival) = arrival_commit(git, &sha, &branch_head)? else {
        verification.reasons.push(format!(
            "{} is not on {}: it never reached the branch",
            short(&sha),
            options.branch
        ));
        return Ok(verification);
    };
    verification.arrived_with = Some(arrival.clone());
    let commit = history::one(git, &arrival)?;
    let Some(parent) = commit.parents.first().cloned() else {
        verification.outcome = Outcome::Unknown;
        verification.reasons.push(
            "the change is the repository's first commit: there is no base policy to judge it by"
                .into(),
        );
        return Ok(verification);
    };
    let policy = match git.gate_file_at(
        &parent,
        POLICY_FILE,
        crate::source::base_files::GATE_FILE_MAX,
    )? {
        Some(bytes) => {
            verification.policy = Some(format!("{POLICY_FILE} at {}", short(&parent)));
            match Policy::load(
                &String::from_utf8_lossy(&bytes),
                POLICY_FILE,
                &crate::platform::baseline::Baselines::from_env(),
            ) {
                Ok(policy) => policy,
                Err(e) => {
                    verification.outcome = Outcome::Unknown;
                    verification
                        .reasons
                        .push(format!("the base's {POLICY_FILE} does not load: {e}"));
                    return Ok(verification);
                }
            }
        }
        None => {
            verification.policy = Some("built-in policy".into());
            Policy::builtin()
        }
    };
    let tier1: Vec<String> = commit
        .files
        .iter()
        .filter(|f| policy.tier_index(f) == Some(0) || policy.is_gate_file(f))
        .cloned()
        .collect();
    let candidate = Candidate {
        commit: &commit,
        policy: std::sync::Arc::new(policy),
        tier1,
    };
    let merged: Option<MergedChange> = match (&options.audit.remote, &options.reviews) {
        (Some(remote), _) => {
            let branch = history::branch_name(git, &options.branch);
            let (mut found, _) = super::fetch::lookups(
                std::slice::from_ref(&candidate),
                remote,
                &options.audit,
                &branch,
            )?;
            found.remove(&commit.sha).flatten()
        }
        (None, Some((text, origin))) => Some(from_reviews_file(&commit, text, origin)?),
        (None, None) => None,
    };
    let limits = Limits::default();
    let mut diffs = crate::source::from_git::changes_of_commits(
        git,
        &[(commit.sha.clone(), Some(parent.clone()))],
        limits,
    )?;
    let files = diffs.remove(&commit.sha).unwrap_or_default();
    let requests: Vec<String> = super::base_paths()
        .into_iter()
        .map(|path| format!("{parent}:{path}"))
        .collect();
    let blobs = crate::source::blobs_for(git, &requests)?;
    let base: BTreeMap<String, Vec<u8>> = super::base_paths()
        .into_iter()
        .filter_map(|path| {
            blobs
                .get(&format!("{parent}:{path}"))
                .map(|b| (path.to_owned(), b.clone()))
        })
        .collect();
    let trees = crate::analysis::TreeCache::new(0);
    let change = judge::judge(
        &candidate,
        files,
        merged.as_ref(),
        &options.audit,
        &BaseFiles::Memory(base),
        limits,
        &trees,
    )?;
    let violations: Vec<&str> = change
        .categories
        .iter()
        .filter(|c| c.is_violation())
        .map(|c| c.label())
        .collect();
    let unsure: Vec<&str> = change
        .categories
        .iter()
        .filter(|c| {
            matches!(
                c,
                Category::ReviewsUnknown | Category::UnverifiedApprovals | Category::NotJudged
            )
        })
        .map(|c| c.label())
        .collect();
    verification.outcome = if !violations.is_empty() {
        Outcome::Rejected
    } else if !unsure.is_empty() {
        Outcome::Unknown
    } else {
        Outcome::Verified
    };
    verification.reasons = violations
        .iter()
        .chain(&unsure)
        .map(|label| label.to_string())
        .collect();
    if verification.outcome != Outcome::Verified {
        verification.reasons.push(change.requirement.clone());
    }
    verification.change = Some(change);
    Ok(verification)
}

/// The first-parent commit of the branch that brought `sha` in: `sha` itself when it is on the
/// first-parent chain, else the oldest chain commit descending from it (the merge); `None` when
/// the branch does not contain it.
fn arrival_commit(git: &Git, sha: &str, branch_head: &str) -> Result<Option<String>, SourceError> {
    let chain = lines(&git.run(&["rev-list", "--first-parent", branch_head, "--"])?);
    if chain.iter().any(|c| c == sha) {
        return Ok(Some(sha.to_owned()));
    }
    let range = format!("{sha}..{branch_head}");
    let descendants: BTreeSet<String> = lines(&git.run(&[
        "rev-list",
        "--ancestry-path",
        "--end-of-options",
        &range,
        "--",
    ])?)
    .into_iter()
    .collect();
    // The chain is newest first: the last chain commit that descends from `sha` is the merge.
    Ok(chain.into_iter().rev().find(|c| descendants.contains(c)))
}

fn lines(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The review state of `--reviews-file` as the platform would have said it: the PR's author and
/// reviews, the merge's messages as its description, the merged head for fresh approvals.
fn from_reviews_file(
    commit: &history::HistoryCommit,
    text: &str,
    origin: &str,
) -> Result<MergedChange, AuditError> {
    let mut meta = super::evaluate::git_meta(commit);
    crate::facts::review::reviews_file::apply(text, origin, &mut meta)
        .map_err(|e| AuditError::Setup(e.to_string()))?;
    Ok(MergedChange {
        reference: format!("reviews file {origin}"),
        url: String::new(),
        title: meta.title.clone().unwrap_or_default(),
        body: meta.description.clone().unwrap_or_default(),
        author: meta.author.clone(),
        merged_by: None,
        merged_at: None,
        labels: meta.labels.clone(),
        // What was reviewed: the merged branch's head, or the commit itself.
        head_sha: Some(commit.parents.get(1).unwrap_or(&commit.sha).clone()),
        commits: meta.commits.clone(),
        reviews: meta.reviews.clone(),
        reviews_unavailable: None,
    })
}

fn reviews_source(options: &VerifyOptions) -> String {
    match (&options.audit.remote, &options.reviews) {
        (Some(remote), _) => format!("{} {}", remote.platform.name(), remote.project),
        (None, Some((_, origin))) => format!("reviews file {origin}"),
        (None, None) => "git (offline)".into(),
    }
}

fn short(sha: &str) -> &str {
    &sha[..sha.len().min(12)]
}

/// The in-toto Statement (v1) a deploy system stores next to the artifact: the commit as its
/// subject, the verdict as its predicate.
pub fn statement(verification: &Verification, repository: &str) -> serde_json::Value {
    serde_json::json!({
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{
            "name": repository,
            "digest": { "gitCommit": verification.commit },
        }],
        "predicateType": PREDICATE_TYPE,
        "predicate": verification,
    })
}
