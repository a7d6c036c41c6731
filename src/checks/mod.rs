//! The checks: each one reads the change, its analysis and the policy, and appends findings.
//!
//! Adding a check is one file implementing `Check` plus one line in `REGISTRY`.

mod ai;
mod automation;
mod blast;
mod coverage;
mod docs;
mod patterns;
mod reviews;
mod self_protect;
mod tests_removed;

pub use coverage::internal_error;

use crate::analysis::{Analysis, FileAnalysis};
use crate::model::changeset::ChangeSet;
use crate::model::Finding;
use crate::policy::Policy;

/// Settings that change how checks judge, set from the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Treat requirements that cannot be verified here (reviews, locally) as failures.
    pub strict: bool,
    /// The file the description came from, so findings can point into it.
    pub description_path: Option<String>,
    /// In CI, why reviews could not be read (and what to grant): required approvals block.
    pub unverifiable_reviews: Option<String>,
    /// Missing documentation is pending, not blocking (a local run reading commit messages).
    pub docs_pending: bool,
}

/// Everything a check may read.
pub struct CheckContext<'a> {
    pub change: &'a ChangeSet,
    pub analysis: &'a Analysis,
    pub policy: &'a Policy,
    pub rules: &'a crate::rules::RuleSet,
    /// Per file, the query rules' outcome computed while the analysis held the trees (which it
    /// then dropped); `None`: the trees are still in `analysis`, run everything here.
    pub query_outcomes: Option<&'a [crate::rules::QueryOutcome]>,
    pub facts: &'a crate::facts::Facts,
    pub settings: &'a Settings,
}

/// One deterministic check.
pub trait Check: Sync {
    /// The check's id, the prefix of its findings' rule ids.
    fn id(&self) -> &'static str;
    /// Appends this check's findings for the change.
    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>);
}

/// Every check, in the order they run (the report is sorted afterwards, so order is free).
pub const REGISTRY: &[&dyn Check] = &[
    &ai::AiAssisted,
    &automation::Automation,
    &blast::Blast,
    &docs::Docs,
    &docs::Ticket,
    &patterns::Patterns,
    &reviews::Reviews,
    &self_protect::SelfProtect,
    &tests_removed::TestsRemoved,
    &coverage::Coverage,
];

/// Runs every registered check.
pub fn run_all(cx: &CheckContext<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in REGISTRY {
        check.run(cx, &mut findings);
    }
    findings
}

/// Runs the registered checks whose id is in `ids` (the audit re-runs a subset).
pub fn run_selected(cx: &CheckContext<'_>, ids: &[&str]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in REGISTRY.iter().filter(|c| ids.contains(&c.id())) {
        check.run(cx, &mut findings);
    }
    findings
}

/// "tier-1 (3 files: a, b and 1 more)" — why a requirement applies, for notes.
fn tier_reason(cx: &CheckContext<'_>, tier: usize) -> String {
    let files: Vec<&FileAnalysis> = cx.analysis.files_in_tier(tier).collect();
    let shown: Vec<&str> = files.iter().take(3).map(|f| f.path.as_str()).collect();
    let more = files.len().saturating_sub(shown.len());
    let list = if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    };
    format!(
        "{} ({} file{}: {list})",
        cx.policy.tiers[tier].name,
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn check_ids_are_unique_kebab_case() {
        let ids: Vec<&str> = REGISTRY.iter().map(|c| c.id()).collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
    }
}
