//! The verdict: sorted findings, whether the change is blocked, and the summary facts every
//! renderer shows. Built once; renderers only read it.

pub mod suppress;
use crate::analysis::{Analysis, FileAnalysis};
use crate::model::changeset::{ChangeSet, Rev};
use crate::model::{Finding, Severity};
use crate::policy::Policy;
use serde::Serialize;

/// A touched tier and what it requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct TierSummary {
    pub name: String,
    /// Changed files in the tier.
    pub files: usize,
    pub approvals: u32,
    pub fresh_approvals: bool,
    pub docs: Vec<String>,
}

/// The review requirement and, when reviews are known, the review state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ReviewSummary {
    /// `needs 3 approvals on the final commit (tier-1: 2, AI-assisted: +1), 1 from seniors`.
    pub requirement: String,
    pub approvals_required: u32,
    /// Whether reviews were known (platform or `--reviews-file`).
    pub reviews_known: bool,
    /// Approvals that count.
    pub approved_by: Vec<String>,
    /// Approvals on an older commit.
    pub stale: Vec<String>,
    /// Approvals that do not count, with why.
    pub excluded: Vec<(String, String)>,
    pub changes_requested: Vec<String>,
}

impl ReviewSummary {
    fn new(facts: &crate::facts::Facts) -> Self {
        let req = &facts.requirement;
        let state = facts.review_state.clone().unwrap_or_default();
        ReviewSummary {
            requirement: req.summary(),
            approvals_required: req.approvals,
            reviews_known: facts.review_state.is_some(),
            approved_by: state.approvers,
            stale: state.stale,
            excluded: state
                .excluded
                .into_iter()
                .map(|(user, why)| (user, why.to_string()))
                .collect(),
            changes_requested: state.changes_requested,
        }
    }
}

/// The outcome of judging one change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Any blocking finding blocks the change.
    pub blocked: bool,
    /// Sorted by path, position, rule id, message.
    pub findings: Vec<Finding>,
    pub files: Vec<FileAnalysis>,
    /// Touched tiers, strictest first.
    pub tiers: Vec<TierSummary>,
    pub base: Option<Rev>,
    pub head: Option<Rev>,
    /// Where the policy came from.
    pub policy: String,
    pub description_source: Option<String>,
    /// Inline suppressions that silenced findings.
    pub suppressions: Vec<crate::verdict::suppress::Suppression>,
    /// The blast-radius score and its table.
    pub blast_radius: crate::facts::blast::BlastRadius,
    /// Why the change counts as AI-assisted (empty: it does not).
    pub ai_signals: Vec<crate::facts::review::ai::AiSignal>,
    /// What review the change needs and what it has.
    pub review: ReviewSummary,
    /// Facts about how the change was read (base choice, files left out).
    pub notes: Vec<String>,
}

impl Verdict {
    /// Assembles the verdict; sorting here makes every renderer deterministic.
    pub fn build(
        change: &ChangeSet,
        analysis: &Analysis,
        policy: &Policy,
        facts: &crate::facts::Facts,
        mut findings: Vec<Finding>,
        mut suppressions: Vec<crate::verdict::suppress::Suppression>,
        notes: Vec<String>,
    ) -> Verdict {
        suppressions.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        findings.sort_by(Finding::report_order);
        findings.dedup();
        let tiers = analysis
            .tiers_touched()
            .into_iter()
            .map(|i| {
                let tier = &policy.tiers[i];
                TierSummary {
                    name: tier.name.clone(),
                    files: analysis.files_in_tier(i).count(),
                    approvals: tier.require.approvals,
                    fresh_approvals: tier.require.fresh_approvals,
                    docs: tier.require.docs.clone(),
                }
            })
            .collect();
        Verdict {
            blocked: findings.iter().any(|f| f.blocking),
            findings,
            files: analysis.files.clone(),
            tiers,
            base: change.base.clone(),
            head: change.head.clone(),
            policy: policy.origin.clone(),
            description_source: change.meta.description_source.clone(),
            suppressions,
            blast_radius: facts.blast.clone(),
            ai_signals: facts.ai_signals.clone(),
            review: ReviewSummary::new(facts),
            notes,
        }
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Files not fully analysed, as every renderer lists them: `(path, what was not analysed)`
    /// for files with gaps beyond a missing grammar, and the paths of files we have no grammar
    /// for (named, never blocked).
    pub fn not_analysed(&self) -> (Vec<(&str, String)>, Vec<&str>) {
        use crate::analysis::coverage::Reason;
        let mut partial = Vec::new();
        let mut no_grammar = Vec::new();
        for file in &self.files {
            let gaps: Vec<&str> = file
                .coverage
                .gaps
                .iter()
                .filter(|g| g.reason != Reason::UnsupportedLanguage)
                .map(|g| g.detail.as_str())
                .collect();
            if !gaps.is_empty() {
                partial.push((file.path.as_str(), gaps.join("; ")));
            } else if !file.coverage.is_complete() {
                no_grammar.push(file.path.as_str());
            }
        }
        (partial, no_grammar)
    }

    /// A copy with every piece of change-supplied text made `visible` (no control characters,
    /// no bidi overrides), for renderers that write to terminals, logs and pages.
    pub fn for_display(&self) -> Verdict {
        use crate::util::escape::visible_owned as clean;
        let mut v = self.clone();
        for f in &mut v.findings {
            clean(&mut f.message);
            for text in [&mut f.path, &mut f.note, &mut f.snippet, &mut f.item]
                .into_iter()
                .flatten()
            {
                clean(text);
            }
        }
        for file in &mut v.files {
            clean(&mut file.path);
            if let Some(old) = &mut file.old_path {
                clean(old);
            }
            for item in &mut file.items {
                clean(&mut item.name);
                if let Some(old) = &mut item.old_name {
                    clean(old);
                }
            }
            for change in &mut file.config_changes {
                clean(&mut change.key);
                for side in [&mut change.before, &mut change.after]
                    .into_iter()
                    .flatten()
                {
                    clean(side);
                }
            }
            for gap in &mut file.coverage.gaps {
                clean(&mut gap.detail);
            }
        }
        for s in &mut v.suppressions {
            clean(&mut s.path);
            clean(&mut s.reason);
            s.rules.iter_mut().for_each(clean);
        }
        v.notes.iter_mut().for_each(clean);
        v.ai_signals.iter_mut().for_each(|a| clean(&mut a.detail));
        clean(&mut v.policy);
        if let Some(source) = &mut v.description_source {
            clean(source);
        }
        let r = &mut v.review;
        clean(&mut r.requirement);
        r.approved_by.iter_mut().for_each(clean);
        r.stale.iter_mut().for_each(clean);
        r.changes_requested.iter_mut().for_each(clean);
        for (who, why) in &mut r.excluded {
            clean(who);
            clean(why);
        }
        v
    }

    /// Lines added and removed across the change.
    pub fn line_totals(&self) -> (usize, usize) {
        self.files
            .iter()
            .fold((0, 0), |(a, r), f| (a + f.added, r + f.removed))
    }
}
