//! `changegate audit`: every change that reached tier-1 paths on a branch — was it reviewed,
//! documented, and by whom? Offline (git alone): how each change arrived (merge, squash-merged
//! PR, direct push), approvals from `Reviewed-by:`/`Approved-by:` trailers (unknown, never guessed,
//! when there are none), documentation and AI-assisted signals from the messages, each change judged
//! by the policy of its parent — the policy it was merged under.

pub mod html;
pub mod report;

use crate::changeset::{ChangeMeta, Commit};
use crate::markdown::{heading_matches, is_placeholder, sections, word_count};
use crate::policy::{Policy, POLICY_FILE};
use crate::review::ai;
use crate::source::git::Git;
use crate::source::SourceError;
use serde::Serialize;
use std::collections::BTreeMap;

/// What an audited change is found to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Pushed straight to the branch: no merge, no PR reference.
    DirectPush,
    /// Approved (per trailers) by its own author.
    SelfApproved,
    /// Fewer approvals (per trailers) than the policy required.
    TooFewApprovals,
    /// A required documentation section is missing from the message(s).
    Undocumented,
    /// AI-assisted, without the extra approval the policy requires.
    AiWithoutExtraReview,
    /// The change edited the gate's own policy or rules as well.
    PolicyChangedInSameChange,
    /// Arrived through a merge or PR, but no approval trailers: reviews unknown offline.
    ReviewsUnknown,
    /// Nothing found against it.
    Compliant,
}

impl Category {
    /// Whether the category is a finding (not `compliant` or `reviews_unknown`).
    pub fn is_violation(self) -> bool {
        !matches!(self, Category::Compliant | Category::ReviewsUnknown)
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::DirectPush => "direct push (no PR)",
            Category::SelfApproved => "self-approved",
            Category::TooFewApprovals => "fewer approvals than policy",
            Category::Undocumented => "undocumented",
            Category::AiWithoutExtraReview => "AI-assisted without the extra review",
            Category::PolicyChangedInSameChange => "policy changed in the same change",
            Category::ReviewsUnknown => "reviews unknown (offline)",
            Category::Compliant => "compliant",
        }
    }
}

/// How a change reached the branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Arrival {
    /// A merge commit (a PR/MR merged with a merge commit).
    Merge,
    /// A squash- or rebase-merged PR: the subject ends with `(#123)` or names a merge request.
    SquashedPr { reference: String },
    /// A commit pushed straight to the branch.
    Direct,
}

/// One change that touched tier-1 paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditedChange {
    pub sha: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    pub arrival: Arrival,
    pub tier1_files: Vec<String>,
    /// Top-level directories of the tier-1 files.
    pub areas: Vec<String>,
    pub required_approvals: u32,
    /// Approvers named in trailers (the author excluded).
    pub approvers: Vec<String>,
    pub missing_docs: Vec<String>,
    pub ai_signals: Vec<String>,
    pub categories: Vec<Category>,
}

/// The audit of a window of history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Audit {
    pub branch: String,
    pub since: String,
    pub commits_scanned: usize,
    /// Worst first: most violations, then most tier-1 files, then newest.
    pub changes: Vec<AuditedChange>,
}

/// What to audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub branch: String,
    /// A date (`2026-01-01`) or an age (`90d`).
    pub since: String,
    /// Only files matching one of these globs count.
    pub paths: Vec<String>,
}

/// `90d` → `90 days ago`; dates pass through.
fn git_since(since: &str) -> String {
    match since.strip_suffix('d').and_then(|n| n.parse::<u32>().ok()) {
        Some(days) => format!("{days} days ago"),
        None => since.to_owned(),
    }
}

struct RawCommit {
    sha: String,
    parents: Vec<String>,
    author: String,
    date: String,
    message: String,
    trailers: Vec<(String, String)>,
    files: Vec<String>,
}

/// Runs the audit on the repository that holds `git`.
pub fn audit(git: &Git, options: &AuditOptions) -> Result<Audit, SourceError> {
    let since = format!("--since={}", git_since(&options.since));
    let out = git.run(&[
        "log",
        "--first-parent",
        "-m",
        "--name-only",
        "--no-renames",
        "--no-color",
        "--format=%x1e%H%x1f%P%x1f%an <%ae>%x1f%cI%x1f%B%x1f%(trailers:only,unfold)%x1f",
        &since,
        &options.branch,
        "--",
    ])?;
    let text = String::from_utf8_lossy(&out);
    let commits: Vec<RawCommit> = text.split('\x1e').filter_map(parse_record).collect();
    // Each change is judged by its parent's policy; read every distinct one once.
    let requests: Vec<String> = commits
        .iter()
        .filter_map(|c| c.parents.first())
        .map(|p| format!("{p}:{POLICY_FILE}"))
        .collect();
    let blobs = crate::source::blobs_for(git, &requests)?;
    let mut policies: BTreeMap<Vec<u8>, Policy> = BTreeMap::new();
    let builtin = Policy::builtin();
    let globs: Vec<crate::glob::Pattern> = options
        .paths
        .iter()
        .filter_map(|p| crate::glob::Pattern::new(p).ok())
        .collect();
    let filter = (!globs.is_empty()).then(|| crate::glob::glob_set(&globs));
    let mut changes = Vec::new();
    for commit in &commits {
        let policy = match commit
            .parents
            .first()
            .and_then(|p| blobs.get(&format!("{p}:{POLICY_FILE}")))
        {
            Some(bytes) => policies
                .entry(bytes.clone())
                .or_insert_with(|| {
                    Policy::from_yaml(&String::from_utf8_lossy(bytes), POLICY_FILE)
                        .unwrap_or_else(|_| Policy::builtin())
                })
                .clone(),
            None => builtin.clone(),
        };
        if let Some(change) = judge(commit, &policy, filter.as_ref()) {
            changes.push(change);
        }
    }
    changes.sort_by(|a, b| {
        let violations =
            |c: &AuditedChange| c.categories.iter().filter(|k| k.is_violation()).count();
        (violations(b), b.tier1_files.len(), &b.date, &a.sha).cmp(&(
            violations(a),
            a.tier1_files.len(),
            &a.date,
            &b.sha,
        ))
    });
    Ok(Audit {
        branch: options.branch.clone(),
        since: options.since.clone(),
        commits_scanned: commits.len(),
        changes,
    })
}

fn parse_record(record: &str) -> Option<RawCommit> {
    let mut fields = record.splitn(7, '\x1f');
    let sha = fields.next()?.trim().to_owned();
    if sha.is_empty() {
        return None;
    }
    let parents = fields
        .next()?
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let author = fields.next()?.to_owned();
    let date = fields.next()?.to_owned();
    let message = fields.next()?.trim_end().to_owned();
    let trailers = fields
        .next()?
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let files = fields
        .next()
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    Some(RawCommit {
        sha,
        parents,
        author,
        date,
        message,
        trailers,
        files,
    })
}

/// `Name <email>` → a comparable identity: the name, lower case.
fn person(identity: &str) -> String {
    identity
        .split('<')
        .next()
        .unwrap_or(identity)
        .trim()
        .to_lowercase()
}

/// Classifies one commit; `None` when it touched no tier-1 path.
fn judge(
    commit: &RawCommit,
    policy: &Policy,
    filter: Option<&globset::GlobSet>,
) -> Option<AuditedChange> {
    let in_scope = |path: &str| filter.is_none_or(|f| f.is_match(path));
    let tier1: Vec<String> = commit
        .files
        .iter()
        .filter(|f| in_scope(f))
        .filter(|f| {
            policy.tier_index(f) == Some(0) || (policy.is_gate_file(f) && !policy.tiers.is_empty())
        })
        .cloned()
        .collect();
    if tier1.is_empty() {
        return None;
    }
    let subject = commit.message.lines().next().unwrap_or("").to_owned();
    let arrival = if commit.parents.len() > 1 {
        Arrival::Merge
    } else if let Some(reference) = pr_reference(&commit.message) {
        Arrival::SquashedPr { reference }
    } else {
        Arrival::Direct
    };
    let require = &policy.tiers[0].require;
    let author = person(&commit.author);
    let mut approvers: Vec<String> = commit
        .trailers
        .iter()
        .filter(|(k, _)| {
            k.eq_ignore_ascii_case("reviewed-by") || k.eq_ignore_ascii_case("approved-by")
        })
        .map(|(_, v)| person(v))
        .collect();
    approvers.sort();
    approvers.dedup();
    let self_approved = approvers.contains(&author);
    approvers.retain(|a| a != &author);
    let meta = ChangeMeta {
        description: Some(commit.message.clone()),
        commits: vec![Commit {
            sha: commit.sha.clone(),
            author: commit.author.clone(),
            message: commit.message.clone(),
            trailers: commit.trailers.clone(),
            parents: commit.parents.len(),
            ..Commit::default()
        }],
        ..ChangeMeta::default()
    };
    let ai_signals: Vec<String> = ai::detect(&policy.ai, &meta)
        .into_iter()
        .map(|s| s.detail)
        .collect();
    let found = sections(&commit.message);
    let missing_docs: Vec<String> = require
        .docs
        .iter()
        .filter_map(|key| policy.doc(key))
        .filter(|doc| {
            !found.iter().any(|s| {
                heading_matches(&s.heading, &doc.heading)
                    && !is_placeholder(&s.body)
                    && word_count(&s.body) >= doc.min_words as usize
            })
        })
        .map(|doc| doc.heading.clone())
        .collect();
    let mut required = require.approvals;
    if !ai_signals.is_empty() {
        required += policy.ai.extra_approvals;
    }
    let has_review_trailers = !approvers.is_empty() || self_approved;
    let mut categories = Vec::new();
    if arrival == Arrival::Direct {
        categories.push(Category::DirectPush);
    }
    if self_approved {
        categories.push(Category::SelfApproved);
    }
    if has_review_trailers && (approvers.len() as u32) < required {
        if !ai_signals.is_empty() && (approvers.len() as u32) >= require.approvals {
            categories.push(Category::AiWithoutExtraReview);
        } else {
            categories.push(Category::TooFewApprovals);
        }
    }
    if !missing_docs.is_empty() {
        categories.push(Category::Undocumented);
    }
    if commit.files.iter().any(|f| policy.is_gate_file(f)) {
        categories.push(Category::PolicyChangedInSameChange);
    }
    if arrival != Arrival::Direct && !has_review_trailers && require.approvals > 0 {
        categories.push(Category::ReviewsUnknown);
    }
    if !categories.iter().any(|c| c.is_violation())
        && !categories.contains(&Category::ReviewsUnknown)
    {
        categories.push(Category::Compliant);
    }
    categories.sort();
    let mut areas: Vec<String> = tier1
        .iter()
        .map(|f| f.split('/').next().unwrap_or(f).to_owned())
        .collect();
    areas.sort();
    areas.dedup();
    Some(AuditedChange {
        sha: commit.sha.clone(),
        date: commit.date.clone(),
        author: commit.author.clone(),
        subject,
        arrival,
        tier1_files: tier1,
        areas,
        required_approvals: required,
        approvers,
        missing_docs,
        ai_signals,
        categories,
    })
}

/// `(#123)` at the end of the subject (GitHub squash merges), or GitLab's `See merge request g/p!12`.
fn pr_reference(message: &str) -> Option<String> {
    let subject = message.lines().next().unwrap_or("").trim_end();
    if let Some(open) = subject.rfind("(#") {
        let inner = subject[open + 2..].strip_suffix(')')?;
        if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
            return Some(format!("#{inner}"));
        }
    }
    message
        .lines()
        .find_map(|l| l.trim().strip_prefix("See merge request "))
        .map(|r| r.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pr_references() {
        assert_eq!(pr_reference("Fix routing (#123)"), Some("#123".into()));
        assert_eq!(pr_reference("Fix (#abc)"), None);
        assert_eq!(
            pr_reference("Merge branch 'x' into 'main'\n\nSee merge request team/app!42"),
            Some("team/app!42".into())
        );
        assert_eq!(pr_reference("Fix routing"), None);
    }

    #[test]
    fn ages_become_git_dates() {
        assert_eq!(git_since("90d"), "90 days ago");
        assert_eq!(git_since("2026-01-01"), "2026-01-01");
    }
}
