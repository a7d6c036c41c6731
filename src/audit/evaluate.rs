//! Re-evaluates one change that reached the branch with the gate's own checks — approvals with
//! the gate's semantics, required documentation, AI-assisted signals, self-protection — and its
//! blast radius, from what is known about how it arrived.

use super::history::HistoryCommit;
use super::merged::MergedChange;
use crate::analysis;
use crate::checks::{self, CheckContext, Settings};
use crate::facts::{self, Facts};
use crate::model::changeset::{ChangeMeta, ChangeSet, FileChange, Platform, Review, ReviewState};
use crate::model::Finding;
use crate::policy::Policy;
use crate::source::base_files::BaseFiles;
use crate::source::SourceError;

/// The checks an audit re-runs: the ones about how a change was reviewed and documented (risky
/// patterns in the code are the gate's business at review time, not the audit's).
pub const AUDIT_CHECKS: [&str; 4] = ["ai", "docs", "review", "gate"];

/// What the gate's checks say about a change.
pub struct Evaluation {
    pub facts: Facts,
    pub findings: Vec<Finding>,
}

/// Runs analysis, facts and the audit checks on a change.
pub fn evaluate(
    files: Vec<FileChange>,
    meta: ChangeMeta,
    policy: &Policy,
    base: &BaseFiles,
    max_bytes: u64,
    trees: &analysis::TreeCache,
) -> Result<Evaluation, SourceError> {
    let mut change = ChangeSet {
        files,
        meta,
        ..ChangeSet::default()
    };
    analysis::test_modules::mark(&mut change, &|path| base.read_text(path, max_bytes));
    let analysis =
        analysis::analyse_compact(&change, policy, analysis::DEFAULT_PARSE_BUDGET, Some(trees));
    let mut facts = facts::gather(&change, &analysis, policy, base, None, max_bytes)?;
    facts.blast.note = Some(
        "fan-in not counted in audits (it would mean reading the whole tree at every commit)"
            .into(),
    );
    let rules = crate::rules::RuleSet::default();
    let settings = Settings::default();
    let cx = CheckContext {
        change: &change,
        analysis: &analysis,
        policy,
        rules: &rules,
        query_outcomes: None,
        facts: &facts,
        settings: &settings,
    };
    let findings = checks::run_selected(&cx, &AUDIT_CHECKS);
    Ok(Evaluation { facts, findings })
}

/// What the gate would have known at merge time, from the platform: the PR/MR text, labels,
/// commits, and the reviews submitted up to the merge.
pub fn platform_meta(
    merged: &MergedChange,
    platform: Platform,
    commit: &HistoryCommit,
) -> ChangeMeta {
    let reviews: Vec<Review> = merged
        .reviews
        .iter()
        .filter(
            |r| match (instant(&r.submitted_at), instant(&merged.merged_at)) {
                (Some(at), Some(merged_at)) => at <= merged_at,
                _ => true,
            },
        )
        .cloned()
        .collect();
    let commits = if merged.commits.is_empty() {
        vec![commit.as_commit()]
    } else {
        merged.commits.clone()
    };
    ChangeMeta {
        platform,
        title: Some(merged.title.clone()),
        description: Some(merged.body.clone()),
        description_source: Some(format!("pull/merge request {}", merged.reference)),
        author: merged.author.clone(),
        labels: merged.labels.clone(),
        commits,
        reviews,
        reviews_known: merged.reviews_unavailable.is_none(),
        head_sha: merged.head_sha.clone(),
        branch: None,
    }
}

/// An RFC 3339 time (`2026-01-01T10:00:00Z`, `…00.000+02:00`) as a comparable instant.
fn instant(time: &Option<String>) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(time.as_deref()?.trim()).ok()
}

/// What git alone says: the messages of the commit (and, for a merge, of the commits it brought
/// in) as the description, and `Reviewed-by:` / `Approved-by:` trailers as approvals of the
/// commit itself. Without such trailers reviews are unknown — never guessed.
pub fn git_meta(commit: &HistoryCommit) -> ChangeMeta {
    let mut commits = commit.merged.clone();
    commits.push(commit.as_commit());
    let mut reviews: Vec<Review> = commits
        .iter()
        .flat_map(|c| &c.trailers)
        .filter(|(token, _)| {
            token.eq_ignore_ascii_case("reviewed-by") || token.eq_ignore_ascii_case("approved-by")
        })
        .map(|(_, value)| Review {
            user: identity_login(value),
            state: ReviewState::Approved,
            commit_id: Some(commit.sha.clone()),
            submitted_at: None,
        })
        .collect();
    reviews.sort_by(|a, b| a.user.cmp(&b.user));
    reviews.dedup_by(|a, b| a.user == b.user);
    // A merge's author is whoever wrote the branch, not whoever merged it.
    let author = commit
        .merged
        .first()
        .map_or(commit.author.as_str(), |c| c.author.as_str());
    let mut messages = vec![commit.message.as_str()];
    messages.extend(commit.merged.iter().map(|c| c.message.as_str()));
    ChangeMeta {
        platform: Platform::Local,
        title: commit.message.lines().next().map(str::to_owned),
        description: Some(messages.join("\n\n")),
        description_source: Some(format!("the commit message of {}", short(&commit.sha))),
        author: Some(identity_login(author)),
        labels: Vec::new(),
        commits,
        reviews_known: !reviews.is_empty(),
        reviews,
        head_sha: Some(commit.sha.clone()),
        branch: merged_branch(&commit.message),
    }
}

/// The branch a merge commit names: GitHub's `Merge pull request #12 from owner/BRANCH` and
/// GitLab's (and git's) `Merge branch 'BRANCH' into 'main'`.
fn merged_branch(message: &str) -> Option<String> {
    let first = message.lines().next()?;
    if let Some(rest) = first.strip_prefix("Merge pull request #") {
        let (_, from) = rest.split_once(" from ")?;
        let (_owner, branch) = from.trim().split_once('/')?;
        return (!branch.is_empty()).then(|| branch.to_owned());
    }
    let rest = first.strip_prefix("Merge branch '")?;
    let (branch, _) = rest.split_once('\'')?;
    (!branch.is_empty()).then(|| branch.to_owned())
}

/// `Bob B <bob@example.com>` → `bob`: the e-mail's local part (often the login in a company),
/// else the name, lower case. Offline, this is how people are compared.
pub fn identity_login(identity: &str) -> String {
    let parts = crate::facts::review::Identity::parse(identity);
    if parts.login.is_empty() {
        parts.name
    } else {
        parts.login
    }
    .to_lowercase()
}

fn short(sha: &str) -> &str {
    sha.get(..10).unwrap_or(sha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_compare_across_formats() {
        let t = |s: &str| instant(&Some(s.to_owned()));
        assert!(t("2026-01-01T10:00:00.000Z") < t("2026-01-01T12:00:00Z"));
        assert!(t("2026-01-01T13:00:00+02:00") < t("2026-01-01T12:00:00Z"));
        assert_eq!(t("not a time"), None);
    }

    #[test]
    fn merge_commits_name_their_branch() {
        let b = |m: &str| merged_branch(m);
        assert_eq!(
            b("Merge pull request #4127 from octo/copilot/fix-retry\n\nFix retry").as_deref(),
            Some("copilot/fix-retry")
        );
        assert_eq!(
            b("Merge branch 'claude/issue-7' into 'main'\n\nSee merge request g/p!3").as_deref(),
            Some("claude/issue-7")
        );
        // Real merge subjects (rust-lang/rust-analyzer 727477d7a72a, 76ce53ab1950).
        assert_eq!(
            b("Merge pull request #22193 from ChayimFriedman2/copilot/fix-22140-non-exhaustive-record-expr").as_deref(),
            Some("copilot/fix-22140-non-exhaustive-record-expr")
        );
        assert_eq!(
            b("Merge pull request #21920 from Wilfred/claude/update-match-arms-message-2RJMd")
                .as_deref(),
            Some("claude/update-match-arms-message-2RJMd")
        );
        assert_eq!(b("Fix the retry loop"), None);
        assert_eq!(b("Merge pull request #1 from nobranch"), None);
    }

    #[test]
    fn identities_become_logins() {
        assert_eq!(identity_login("Bob B <Bob@example.com>"), "bob");
        assert_eq!(
            identity_login("Al <123+al-x@users.noreply.github.com>"),
            "al-x"
        );
        assert_eq!(identity_login("Carol"), "carol");
    }
}
