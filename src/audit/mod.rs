//! `changegate audit`: every change that reached tier-1 paths on a branch — was it reviewed,
//! documented, and by whom? Each change is re-evaluated with the gate's own checks under the
//! policy of its parent (the policy it was merged under), from what is known about how it
//! arrived: the platform's merged PR/MR and its reviews as of the merge, or, offline, git alone
//! (merge shape, `Reviewed-by:`/`Approved-by:` trailers; reviews unknown, never guessed).
//!
//! Stages: `history` (git walk) → `fetch` (platform lookups through `lookup`, cached) →
//! `judge` (per change: `evaluate` runs the gate's checks, `categorize` is pure) →
//! `report`/`html`.

pub mod categorize;
pub mod evaluate;
mod fetch;
mod github;
mod gitlab;
pub mod history;
pub mod html;
mod judge;
pub mod lookup;
pub mod merged;
pub mod report;
pub mod verify;

use crate::policy::{Policy, POLICY_FILE};
use crate::source::base_files::BaseFiles;
use crate::source::git::Git;
use crate::source::{Limits, SourceError};
use history::HistoryCommit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What an audited change is found to be.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Reached the branch without a PR/MR.
    DirectPush,
    /// Approved by its own author (the approval did not count).
    SelfApproved,
    /// Merged by its own author while approvals were missing.
    SelfMerged,
    /// Fewer approvals than the policy required (code owners and requested changes included).
    TooFewApprovals,
    /// A required documentation section is missing, empty or too short.
    Undocumented,
    /// AI-assisted, with the tier's approvals but not the extra review the policy requires.
    AiWithoutExtraReview,
    /// The change edited the gate's own policy or rules as well.
    PolicyChangedInSameChange,
    /// Arrived through a merge or PR, but its reviews are not known (offline, no trailers).
    ReviewsUnknown,
    /// Approved only by commit trailers (`Reviewed-by:`, an offline audit): anyone can write
    /// one, so the approvals are unverified and the change is not counted compliant.
    UnverifiedApprovals,
    /// changegate failed while judging it (a bug, reported with the change): not judged.
    NotJudged,
    /// Nothing found against it.
    Compliant,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 11] = [
        Category::DirectPush,
        Category::SelfApproved,
        Category::SelfMerged,
        Category::TooFewApprovals,
        Category::Undocumented,
        Category::AiWithoutExtraReview,
        Category::PolicyChangedInSameChange,
        Category::ReviewsUnknown,
        Category::UnverifiedApprovals,
        Category::NotJudged,
        Category::Compliant,
    ];

    /// Whether the category is a finding (not `compliant` or `reviews_unknown`).
    pub fn is_violation(self) -> bool {
        !matches!(
            self,
            Category::Compliant
                | Category::ReviewsUnknown
                | Category::UnverifiedApprovals
                | Category::NotJudged
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::DirectPush => "direct push (no PR)",
            Category::SelfApproved => "self-approved",
            Category::SelfMerged => "self-merged",
            Category::TooFewApprovals => "fewer approvals than policy",
            Category::Undocumented => "undocumented",
            Category::AiWithoutExtraReview => "AI-assisted without the extra review",
            Category::PolicyChangedInSameChange => "policy changed in the same change",
            Category::ReviewsUnknown => "reviews unknown",
            Category::UnverifiedApprovals => "approvals unverified (commit trailers only)",
            Category::NotJudged => "not judged (internal error)",
            Category::Compliant => "compliant",
        }
    }
}

/// How a change reached the branch, as git shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Arrival {
    /// A merge commit (a PR/MR merged with a merge commit).
    Merge,
    /// A squash- or rebase-merged PR: the subject ends with `(#123)` or names a merge request.
    SquashedPr { reference: String },
    /// A commit pushed straight to the branch.
    Direct,
}

/// The PR/MR a change arrived through, per the platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PullRequestRef {
    pub reference: String,
    pub url: String,
    pub author: Option<String>,
    pub merged_by: Option<String>,
    pub merged_at: Option<String>,
}

/// Where a change's reviews came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewsFrom {
    /// The platform's reviews (GitHub) or approvals (GitLab) as of the merge.
    Platform,
    /// `Reviewed-by:` / `Approved-by:` trailers.
    Trailers,
    /// Not known.
    Unknown,
}

/// One change that touched tier-1 paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AuditedChange {
    pub sha: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    pub arrival: Arrival,
    /// The commit's web page, when the repository is on GitHub or GitLab.
    pub commit_url: Option<String>,
    /// The PR/MR it arrived through (platform lookups only).
    pub pull_request: Option<PullRequestRef>,
    pub tier1_files: Vec<String>,
    /// Top-level directories of the tier-1 files.
    pub areas: Vec<String>,
    /// CODEOWNERS owners of the tier-1 files (at the parent commit).
    pub owners: Vec<String>,
    /// The gate's 0–100 score (without fan-in).
    pub blast_radius: u32,
    pub required_approvals: u32,
    /// The gate's one-line requirement: `needs 3 approvals on the final commit (…)`.
    pub requirement: String,
    pub reviews_from: ReviewsFrom,
    /// Approvals that counted.
    pub approvers: Vec<String>,
    /// Approvals that did not count, with why (`alice: the change's author`).
    pub not_counted: Vec<String>,
    /// Headings of required documentation that was missing, empty or too short.
    pub missing_docs: Vec<String>,
    pub ai_signals: Vec<String>,
    pub categories: Vec<Category>,
    /// The policy it was judged by: `.changegate.yml at <parent>` (and its baseline), or the
    /// built-in defaults.
    #[serde(default)]
    pub policy: String,
}

/// The audit of a window of history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Audit {
    /// The inventory entry of the system audited (`--system`), for the org report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<crate::model::system::System>,
    pub branch: String,
    /// The commit the branch pointed at when it was audited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    pub since: String,
    /// Committer dates of the oldest and newest commit scanned (absolute, unlike `since`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// `git` (offline) or the platform and project the reviews came from.
    pub source: String,
    pub commits_scanned: usize,
    /// Worst first: most violations, then blast radius, then most tier-1 files, then newest.
    pub changes: Vec<AuditedChange>,
    /// What the reader should know (why the audit is offline, unreadable policies).
    pub notes: Vec<String>,
}

/// The dates a window of history spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Period {
    pub from: String,
    pub to: String,
}

impl Period {
    /// The first and last day (`YYYY-MM-DD`), for reports.
    pub fn days<'a>(&'a self) -> (&'a str, &'a str) {
        // `get`: a report read back by `audit merge` may hold anything.
        let day = |date: &'a str| date.get(..10).unwrap_or(date);
        (day(&self.from), day(&self.to))
    }
}

/// What to audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub branch: String,
    /// A date (`2026-01-01`) or an age (`90d`).
    pub since: String,
    /// Only files matching one of these globs count.
    pub paths: Vec<String>,
    /// Where reviews come from; `None`: offline (git alone).
    pub remote: Option<lookup::Remote>,
    /// Root of the on-disk cache of platform answers; `None`: no cache.
    pub cache_dir: Option<std::path::PathBuf>,
    /// At most this many API lookups in flight.
    pub jobs: usize,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// A commit's web page is this followed by its sha (see `lookup::commit_url_base`).
    pub commit_url_base: Option<String>,
    /// Said in the report (why the audit is offline).
    pub notes: Vec<String>,
}

/// Why an audit failed.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("looking up how {sha} arrived: {source}{hint}")]
    Api {
        sha: String,
        #[source]
        source: Box<crate::platform::http::ApiError>,
        /// What to do about it (`""` when there is nothing to say).
        hint: String,
    },
    #[error("{0}")]
    Setup(String),
}

/// Lookups done, for the caller's log (never in a report: they differ between runs).
#[derive(Debug, Clone, Copy, Default)]
pub struct LookupStats {
    pub from_cache: usize,
    pub from_api: usize,
}

/// A change that touched tier-1 paths, before evaluation.
pub(crate) struct Candidate<'a> {
    commit: &'a HistoryCommit,
    /// Shared: thousands of changes are judged by a handful of policies (a clone each held
    /// ~100 KB of compiled globs: 3,333 changes, 300 MB).
    policy: std::sync::Arc<Policy>,
    tier1: Vec<String>,
}

/// Source bytes whose parse trees are kept for the next change to the same file. Trees take
/// tens of times the text's size (a YAML tree ~50×: 16 MiB of source held ~450 MB on a Helm
/// chart history), so the cache is small; it pays on code edited again and again.
const TREE_CACHE_BYTES: usize = 2 * 1024 * 1024;

/// Contents read and judged at once, at most (a change that costs more is judged alone). 8 MiB
/// kept a year of a Helm chart repository (both sides of every changed file) under 250 MB.
const CHUNK_BYTES: u64 = 8 * 1024 * 1024;
/// Changes read and judged at once, at most.
const CHUNK_CHANGES: usize = 256;

/// Consecutive runs of changes, each costing at most `CHUNK_BYTES` (or one change) and holding
/// at most `CHUNK_CHANGES`.
fn plan_chunks(costs: &[u64]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, cost) in costs.iter().enumerate() {
        if i > start && (bytes + cost > CHUNK_BYTES || i - start == CHUNK_CHANGES) {
            out.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += cost;
    }
    if start < costs.len() {
        out.push(start..costs.len());
    }
    out
}

/// Base files the checks read at each parent (CODEOWNERS, description templates).
fn base_paths() -> Vec<&'static str> {
    let mut paths: Vec<&str> = crate::facts::review::codeowners::LOCATIONS.to_vec();
    paths.extend(crate::facts::TEMPLATE_FILES);
    paths
}

/// Runs the audit on the repository that holds `git`.
pub fn audit(git: &Git, options: &AuditOptions) -> Result<(Audit, LookupStats), AuditError> {
    let mut commits = history::walk(git, &options.branch, &options.since)?;
    let mut notes = options.notes.clone();
    let boundary = history::shallow_boundary(git);
    if commits.iter().any(|c| boundary.contains(&c.sha)) {
        commits.retain(|c| !boundary.contains(&c.sha));
        notes.push(format!(
            "the clone is shallow: history stops at {}, which is not audited (its parent is missing); fetch the whole history (actions/checkout `fetch-depth: 0`, GitLab `GIT_DEPTH: 0`)",
            boundary.iter().next().map_or("", |s| &s[..s.len().min(12)])
        ));
    }
    let candidates = candidates(git, &commits, options, &mut notes)?;
    let (merged, stats) = match &options.remote {
        Some(remote) => fetch::lookups(
            &candidates,
            remote,
            options,
            &history::branch_name(git, &options.branch),
        )?,
        None => (BTreeMap::new(), LookupStats::default()),
    };
    let limits = Limits::default();
    let trees = crate::analysis::TreeCache::new(TREE_CACHE_BYTES);
    let mut changes = Vec::with_capacity(candidates.len());
    let bar = fetch::progress_bar(options.progress, candidates.len() as u64, "judging changes");
    // What each change touched (ids only) and what reading it costs, for the whole window at
    // once; contents are then read and judged in runs bounded by bytes, so a history of huge
    // files (CRDs, rendered manifests) is never all in memory.
    let pairs: Vec<(String, Option<String>)> = candidates
        .iter()
        .map(|c| (c.commit.sha.clone(), c.commit.parents.first().cloned()))
        .collect();
    let mut raw: BTreeMap<String, Vec<crate::source::RawEntry>> =
        crate::source::from_git::raw_changes_of_commits(git, &pairs)?
            .into_iter()
            .collect();
    let sizes = git.object_sizes(&crate::source::from_git::blob_requests(
        raw.values().flatten(),
    ))?;
    let costs: Vec<u64> = candidates
        .iter()
        .map(|c| {
            raw.get(&c.commit.sha).map_or(0, |entries| {
                crate::source::from_git::raw_cost(entries, &sizes, limits.max_file_bytes)
            })
        })
        .collect();
    for range in plan_chunks(&costs) {
        let chunk = &candidates[range];
        let sections: Vec<(String, Vec<crate::source::RawEntry>)> = chunk
            .iter()
            .filter_map(|c| raw.remove_entry(&c.commit.sha))
            .collect();
        let mut diffs = crate::source::from_git::changes_from_raw(git, sections, limits)?;
        let requests: Vec<String> = chunk
            .iter()
            .filter_map(|c| c.commit.parents.first())
            .flat_map(|p| {
                base_paths()
                    .into_iter()
                    .map(move |path| format!("{p}:{path}"))
            })
            .collect();
        let blobs = crate::source::blobs_for(git, &requests)?;
        let work: Vec<(
            &Candidate<'_>,
            Vec<crate::model::changeset::FileChange>,
            BaseFiles,
        )> = chunk
            .iter()
            .map(|candidate| {
                let commit = candidate.commit;
                let base: BTreeMap<String, Vec<u8>> = commit
                    .parents
                    .first()
                    .map(|p| {
                        base_paths()
                            .into_iter()
                            .filter_map(|path| {
                                blobs
                                    .get(&format!("{p}:{path}"))
                                    .map(|b| (path.to_owned(), b.clone()))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let files = diffs.remove(&commit.sha).unwrap_or_default();
                (candidate, files, BaseFiles::Memory(base))
            })
            .collect();
        // Most changes touch a file or two: parallelism comes from evaluating changes side by
        // side, not from the files of one. `collect` keeps the order.
        let judged = {
            use rayon::prelude::*;
            work.into_par_iter()
                .map(|(candidate, files, base)| {
                    let merged_change = merged.get(&candidate.commit.sha).and_then(Option::as_ref);
                    judge::judge(
                        candidate,
                        files,
                        merged_change,
                        options,
                        &base,
                        limits,
                        &trees,
                    )
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        changes.extend(judged);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    changes.sort_by(|a, b| {
        let violations =
            |c: &AuditedChange| c.categories.iter().filter(|k| k.is_violation()).count();
        (
            violations(b),
            b.blast_radius,
            b.tier1_files.len(),
            &b.date,
            &a.sha,
        )
            .cmp(&(
                violations(a),
                a.blast_radius,
                a.tier1_files.len(),
                &a.date,
                &b.sha,
            ))
    });
    let source = match &options.remote {
        Some(r) => format!("{} {}", r.platform.name(), r.project),
        None => "git (offline)".to_owned(),
    };
    Ok((
        Audit {
            system: None,
            branch: options.branch.clone(),
            head: git.try_resolve_commit(&options.branch),
            since: options.since.clone(),
            period: match (commits.last(), commits.first()) {
                (Some(oldest), Some(newest)) => Some(Period {
                    from: oldest.date.clone(),
                    to: newest.date.clone(),
                }),
                _ => None,
            },
            source,
            commits_scanned: commits.len(),
            changes,
            notes,
        },
        stats,
    ))
}

/// The commits that touched tier-1 paths under their parent's policy; every distinct policy is
/// read once, in one `cat-file` batch.
fn candidates<'a>(
    git: &Git,
    commits: &'a [HistoryCommit],
    options: &AuditOptions,
    notes: &mut Vec<String>,
) -> Result<Vec<Candidate<'a>>, AuditError> {
    let requests: Vec<String> = commits
        .iter()
        .filter_map(|c| c.parents.first())
        .map(|p| format!("{p}:{POLICY_FILE}"))
        .collect();
    let blobs = crate::source::blobs_for(git, &requests)?;
    let mut policies: BTreeMap<&[u8], std::sync::Arc<Policy>> = BTreeMap::new();
    let builtin = std::sync::Arc::new(Policy::builtin());
    let globs: Vec<crate::util::glob::Pattern> = options
        .paths
        .iter()
        .filter_map(|p| crate::util::glob::Pattern::new(p).ok())
        .collect();
    let filter = (!globs.is_empty()).then(|| crate::util::glob::glob_set(&globs));
    let mut out = Vec::new();
    for commit in commits {
        let policy = match commit
            .parents
            .first()
            .and_then(|p| blobs.get(&format!("{p}:{POLICY_FILE}")))
        {
            Some(bytes) => policies
                .entry(bytes.as_slice())
                .or_insert_with(|| {
                    std::sync::Arc::new(Policy::load(
                        &String::from_utf8_lossy(bytes),
                        POLICY_FILE,
                        &crate::platform::baseline::Baselines::from_env(),
                    )
                    .unwrap_or_else(
                        |e| {
                            notes.push(format!(
                                "a {POLICY_FILE} in the window does not load ({e}); changes under it are judged by the built-in policy"
                            ));
                            Policy::builtin()
                        },
                    ))
                })
                .clone(),
            None => builtin.clone(),
        };
        if policy.tiers.is_empty() {
            continue;
        }
        let in_scope = |path: &str| filter.as_ref().is_none_or(|f| f.is_match(path));
        let tier1: Vec<String> = commit
            .files
            .iter()
            .filter(|f| in_scope(f))
            .filter(|f| policy.tier_index(f) == Some(0) || policy.is_gate_file(f))
            .cloned()
            .collect();
        if !tier1.is_empty() {
            out.push(Candidate {
                commit,
                policy,
                tier1,
            });
        }
    }
    notes.sort();
    notes.dedup();
    Ok(out)
}

#[cfg(test)]
mod chunk_tests {
    use super::*;

    #[test]
    fn chunks_are_bounded_by_bytes_and_count_and_cover_every_change_once() {
        let mb = 1024 * 1024;
        // 5 MB + 5 MB would pass the 8 MB budget: split; a 100 MB change stands alone.
        assert_eq!(
            plan_chunks(&[5 * mb, 5 * mb, 100 * mb, 1, 1]),
            vec![0..1, 1..2, 2..3, 3..5]
        );
        let small = vec![1; 600];
        assert_eq!(plan_chunks(&small), vec![0..256, 256..512, 512..600]);
        assert!(plan_chunks(&[]).is_empty());
    }
}

#[cfg(test)]
mod period_tests {
    use super::Period;

    #[test]
    fn days_are_the_first_ten_bytes_and_never_split_a_character() {
        let p = Period {
            from: "2026-01-05T10:00:00+00:00".into(),
            to: "2026-01-0€".into(),
        };
        assert_eq!(p.days(), ("2026-01-05", "2026-01-0€"));
    }
}
