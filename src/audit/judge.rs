//! One change: how it arrived, what the gate's checks say about it, and its categories.

use super::lookup::RemotePlatform;
use super::merged::MergedChange;
use super::{
    categorize, evaluate, Arrival, AuditError, AuditOptions, AuditedChange, Candidate,
    PullRequestRef, ReviewsFrom,
};
use crate::model::changeset::Platform;
use crate::source::base_files::BaseFiles;
use crate::source::Limits;

/// Re-evaluates one candidate and classifies it.
pub(super) fn judge(
    candidate: &Candidate<'_>,
    files: Vec<crate::model::changeset::FileChange>,
    merged: Option<&MergedChange>,
    options: &AuditOptions,
    base: &BaseFiles,
    limits: Limits,
    trees: &crate::analysis::TreeCache,
) -> Result<AuditedChange, AuditError> {
    let commit = candidate.commit;
    let policy = &candidate.policy;
    let online = options.remote.is_some();
    let platform = match options.remote.as_ref().map(|r| r.platform) {
        Some(RemotePlatform::Github) => Platform::GitHub,
        Some(RemotePlatform::Gitlab) => Platform::GitLab,
        None => Platform::Local,
    };
    let meta = match merged {
        Some(m) => evaluate::platform_meta(m, platform, commit),
        None => evaluate::git_meta(commit),
    };
    let reviews_from = match (merged, meta.reviews_known) {
        (_, false) => ReviewsFrom::Unknown,
        (Some(_), true) => ReviewsFrom::Platform,
        (None, true) => ReviewsFrom::Trailers,
    };
    // A bug while judging one change marks that change `not_judged`; the audit goes on.
    let evaluation = match crate::analysis::guard::run("audit evaluation", |_| {
        evaluate::evaluate(files, meta, policy, base, limits.max_file_bytes, trees)
    }) {
        Ok(result) => result?,
        Err(error) => evaluate::Evaluation {
            facts: Default::default(),
            findings: vec![crate::checks::internal_error(
                "analysis",
                &commit.sha,
                &error.to_string(),
                true,
            )],
        },
    };
    let arrival = if commit.parents.len() > 1 {
        Arrival::Merge
    } else if let Some(reference) = pr_reference(&commit.message) {
        Arrival::SquashedPr { reference }
    } else {
        Arrival::Direct
    };
    let direct = if online {
        merged.is_none()
    } else {
        arrival == Arrival::Direct
    };
    let merged_by = merged.and_then(|m| m.author.as_deref().zip(m.merged_by.as_deref()));
    let categories = categorize::categorize(&categorize::Evidence {
        direct,
        merged_by,
        ai_extra_approvals: policy.ai.extra_approvals,
        facts: &evaluation.facts,
        findings: &evaluation.findings,
        trailer_approvals: reviews_from == ReviewsFrom::Trailers,
    });
    let facts = &evaluation.facts;
    let mut areas: Vec<String> = candidate
        .tier1
        .iter()
        .map(|f| f.split('/').next().unwrap_or(f).to_owned())
        .collect();
    areas.sort();
    areas.dedup();
    let mut owners: Vec<String> = facts
        .codeowners
        .iter()
        .flat_map(|c| candidate.tier1.iter().flat_map(|f| c.owners_of(f)))
        .flat_map(|o| o.owners)
        .collect();
    owners.sort();
    owners.dedup();
    let missing_docs: Vec<String> = policy
        .docs
        .iter()
        .filter(|doc| {
            evaluation
                .findings
                .iter()
                .any(|f| f.check == "docs" && f.subject.as_deref() == Some(doc.key.as_str()))
        })
        .map(|doc| doc.heading.clone())
        .collect();
    let (approvers, not_counted) = match &facts.review_state {
        Some(state) => (
            state.approvers.clone(),
            state
                .excluded
                .iter()
                .map(|(user, why)| format!("{user}: {why}"))
                .chain(
                    state
                        .stale
                        .iter()
                        .map(|user| format!("{user}: approved an older commit")),
                )
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(AuditedChange {
        sha: commit.sha.clone(),
        date: commit.date.clone(),
        author: commit.author.clone(),
        subject: commit.message.lines().next().unwrap_or("").to_owned(),
        arrival,
        commit_url: options
            .commit_url_base
            .as_ref()
            .map(|base| format!("{base}{}", commit.sha)),
        pull_request: merged.map(|m| PullRequestRef {
            reference: m.reference.clone(),
            url: m.url.clone(),
            author: m.author.clone(),
            merged_by: m.merged_by.clone(),
            merged_at: m.merged_at.clone(),
        }),
        tier1_files: candidate.tier1.clone(),
        areas,
        owners,
        blast_radius: facts.blast.score,
        required_approvals: facts.requirement.approvals,
        requirement: facts.requirement.summary(),
        reviews_from,
        approvers,
        not_counted,
        missing_docs,
        ai_signals: facts.ai_signals.iter().map(|s| s.detail.clone()).collect(),
        categories,
        policy: judged_by(candidate),
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

/// The policy a change was judged by, by commit: its parent's policy file, or the defaults.
fn judged_by(candidate: &Candidate<'_>) -> String {
    let policy = &candidate.policy;
    if policy.origin == crate::policy::BUILTIN_ORIGIN {
        return policy.origin.clone();
    }
    let parent = candidate
        .commit
        .parents
        .first()
        .map_or("", |p| &p[..p.len().min(12)]);
    match &policy.baseline {
        Some(baseline) => format!(
            "{} at {parent} (baseline {baseline})",
            crate::policy::POLICY_FILE
        ),
        None => format!("{} at {parent}", crate::policy::POLICY_FILE),
    }
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
}
