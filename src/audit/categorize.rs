//! From the gate's findings and facts about a change to the audit's categories. Pure: the same
//! evidence always gives the same categories, whichever way it was gathered.

use super::Category;
use crate::facts::review::{Exclusion, GroupOrigin, Reason};
use crate::facts::Facts;
use crate::model::Finding;

/// Everything the categories depend on.
pub struct Evidence<'a> {
    /// Whether the change arrived without a PR/MR (offline: the shape of the commit; online:
    /// the platform found none).
    pub direct: bool,
    /// `(author, merged_by)` logins, when the platform says.
    pub merged_by: Option<(&'a str, &'a str)>,
    /// The approvals the policy adds for AI-assisted changes.
    pub ai_extra_approvals: u32,
    pub facts: &'a Facts,
    pub findings: &'a [Finding],
    /// The approvals come from commit trailers only (an offline audit): anyone can write
    /// `Reviewed-by:`, so they are never proof enough for `compliant`.
    pub trailer_approvals: bool,
}

/// The categories of one change, sorted; `compliant` when nothing is found.
pub fn categorize(e: &Evidence<'_>) -> Vec<Category> {
    let has = |rule: &str| e.findings.iter().any(|f| f.rule_id == rule);
    if has("analysis/internal-error") {
        // The facts are not real: say so, and nothing else.
        return vec![Category::NotJudged];
    }
    let req = &e.facts.requirement;
    let mut out = Vec::new();
    if e.direct {
        out.push(Category::DirectPush);
    }
    if let Some(state) = &e.facts.review_state {
        if state
            .excluded
            .iter()
            .any(|(_, why)| *why == Exclusion::Author)
        {
            out.push(Category::SelfApproved);
        }
        let have = state.approvers.len() as u32;
        let ai_applied = req
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::AiAssisted { .. }));
        let without_ai =
            req.approvals
                .saturating_sub(if ai_applied { e.ai_extra_approvals } else { 0 });
        let mut too_few = has("review/code-owner-missing") || has("review/changes-requested");
        let mut ai_short = false;
        if have < req.approvals {
            if have >= without_ai {
                ai_short = true;
            } else {
                too_few = true;
            }
        }
        for group in &req.groups {
            let Some(members) = &group.members else {
                continue;
            };
            let given = state
                .approvers
                .iter()
                .filter(|a| members.contains(a))
                .count() as u32;
            if given < group.count {
                if group.why == GroupOrigin::AiAssisted {
                    ai_short = true;
                } else {
                    too_few = true;
                }
            }
        }
        if too_few {
            out.push(Category::TooFewApprovals);
        }
        if ai_short {
            out.push(Category::AiWithoutExtraReview);
        }
        if let Some((author, merger)) = e.merged_by {
            if author.eq_ignore_ascii_case(merger) && (too_few || ai_short) {
                out.push(Category::SelfMerged);
            }
        }
    } else if !e.direct && has("review/approvals-required") {
        out.push(Category::ReviewsUnknown);
    }
    if e.findings.iter().any(|f| f.check == "docs" && f.blocking) {
        out.push(Category::Undocumented);
    }
    if e.findings.iter().any(|f| f.check == "gate") {
        out.push(Category::PolicyChangedInSameChange);
    }
    if out.is_empty() && e.trailer_approvals {
        out.push(Category::UnverifiedApprovals);
    }
    if out.is_empty() {
        out.push(Category::Compliant);
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::review::{Group, Requirement, ReviewState};
    use crate::model::Severity;

    /// `"tier-1: 2"` and `"AI-assisted: +1"` as the typed reasons they stand for.
    fn reason(text: &str) -> Reason {
        match text.split_once(": ") {
            Some(("AI-assisted", extra)) => Reason::AiAssisted {
                extra: extra.trim_start_matches('+').parse().unwrap(),
            },
            Some((tier, n)) => Reason::Tier {
                tier: tier.into(),
                approvals: n.parse().unwrap(),
            },
            None => panic!("{text}"),
        }
    }

    fn facts(approvals: u32, reasons: &[&str], approvers: &[&str]) -> Facts {
        Facts {
            requirement: Requirement {
                approvals,
                reasons: reasons.iter().map(|r| reason(r)).collect(),
                ..Requirement::default()
            },
            review_state: Some(ReviewState {
                approvers: approvers.iter().map(|a| a.to_string()).collect(),
                ..ReviewState::default()
            }),
            ..Facts::default()
        }
    }

    fn judge(
        facts: &Facts,
        findings: &[Finding],
        merged_by: Option<(&str, &str)>,
    ) -> Vec<Category> {
        categorize(&Evidence {
            direct: false,
            merged_by,
            ai_extra_approvals: 1,
            facts,
            findings,
            trailer_approvals: false,
        })
    }

    #[test]
    fn approvals_short_only_by_the_ai_extra_are_ai_without_extra_review() {
        let f = facts(3, &["tier-1: 2", "AI-assisted: +1"], &["bob", "carol"]);
        assert_eq!(judge(&f, &[], None), vec![Category::AiWithoutExtraReview]);
        let f = facts(3, &["tier-1: 2", "AI-assisted: +1"], &["bob"]);
        assert_eq!(judge(&f, &[], None), vec![Category::TooFewApprovals]);
    }

    #[test]
    fn self_merged_needs_missing_approvals_and_the_author_merging() {
        let short = facts(2, &["tier-1: 2"], &["bob"]);
        assert_eq!(
            judge(&short, &[], Some(("Alice", "alice"))),
            vec![Category::SelfMerged, Category::TooFewApprovals]
        );
        let enough = facts(2, &["tier-1: 2"], &["bob", "carol"]);
        assert_eq!(
            judge(&enough, &[], Some(("alice", "alice"))),
            vec![Category::Compliant]
        );
    }

    #[test]
    fn ai_reviewer_group_missing_is_ai_without_extra_review() {
        let mut f = facts(2, &["tier-1: 2"], &["bob", "carol"]);
        f.requirement.groups.push(Group {
            name: "seniors".into(),
            members: Some(vec!["dan".into()]),
            count: 1,
            why: GroupOrigin::AiAssisted,
        });
        assert_eq!(judge(&f, &[], None), vec![Category::AiWithoutExtraReview]);
    }

    #[test]
    fn unknown_reviews_docs_and_gate_findings() {
        let f = Facts::default();
        let finding = |check: &str, rule: &str, blocking: bool| {
            Finding::new(check, rule, Severity::Error, "x").blocking(blocking)
        };
        let findings = [
            finding("review", "review/approvals-required", false),
            finding("docs", "docs/missing-section", true),
            finding("gate", "gate/policy-changed", false),
        ];
        assert_eq!(
            judge(&f, &findings, None),
            vec![
                Category::Undocumented,
                Category::PolicyChangedInSameChange,
                Category::ReviewsUnknown
            ]
        );
        let direct = categorize(&Evidence {
            direct: true,
            merged_by: None,
            ai_extra_approvals: 0,
            facts: &f,
            findings: &findings[..1],
            trailer_approvals: false,
        });
        assert_eq!(
            direct,
            vec![Category::DirectPush],
            "a direct push had no review to know"
        );
    }
}
