//! Says what could not be analysed, and fails closed where the policy asks: in a tier with
//! `complete_analysis` (the first tier by default) a file of a language we parse whose rules
//! could not fully run blocks, since a reviewer would otherwise assume the gate looked inside.
//! A file in a language we do not parse yet is named (in every report's coverage list), never
//! blocked. An internal error is always a finding of its own.

use super::{Check, CheckContext};
use crate::analysis::coverage::Reason;
use crate::analysis::FileAnalysis;
use crate::model::{Finding, Severity};

pub struct Coverage;

impl Check for Coverage {
    fn id(&self) -> &'static str {
        "analysis"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        if let Some(why) = &cx.change.incomplete {
            out.push(
                Finding::new(self.id(), "analysis/incomplete-change", Severity::Error, format!("not every file of the change could be read: {why}"))
                    .blocking(true)
                    .note("files the gate did not see may be tier-1; check out the base and head commits (fetch-depth: 0) so that the diff comes from git"),
            );
        }
        for file in &cx.analysis.files {
            let fail_closed = fails_closed(cx, file);
            for gap in file
                .coverage
                .gaps
                .iter()
                .filter(|g| g.reason == Reason::InternalError)
            {
                out.push(internal_error(
                    self.id(),
                    &file.path,
                    &gap.detail,
                    fail_closed,
                ));
            }
            let Some(tier) = &file.tier else {
                continue;
            };
            let gaps: Vec<&str> = file
                .coverage
                .gaps
                .iter()
                // A missing grammar is named in the coverage list, not made a finding.
                .filter(|g| g.reason != Reason::InternalError && g.reason.fails_closed())
                .map(|g| g.detail.as_str())
                .collect();
            if gaps.is_empty() {
                continue;
            }
            let parsed = file.language.is_some();
            let blocks = fail_closed && parsed;
            let mut finding = Finding::new(
                self.id(),
                "analysis/not-analysed",
                if blocks {
                    Severity::Error
                } else {
                    Severity::Info
                },
                format!("{tier} file not fully analysed: {}", gaps.join("; ")),
            )
            .blocking(blocks)
            .at(file.path.clone(), None);
            if blocks {
                finding = finding.note(format!(
                    "tier `{tier}` requires complete analysis (`require.complete_analysis`), and rules could not fully run on this file; make it analysable (split it, remove the nesting or binary bytes), or have a reviewer judge it and set `complete_analysis: false` for the tier in the base policy"
                ));
            }
            out.push(finding);
        }
    }
}

/// Whether the file's tier blocks on incomplete analysis.
pub(super) fn fails_closed(cx: &CheckContext<'_>, file: &FileAnalysis) -> bool {
    file.tier_index
        .and_then(|i| cx.policy.tiers.get(i))
        .is_some_and(|t| t.require.complete_analysis)
}

/// `analysis/internal-error`: a stage of changegate failed on this file. Blocks where the
/// tier fails closed, warns elsewhere.
pub fn internal_error(check: &str, path: &str, detail: &str, fail_closed: bool) -> Finding {
    Finding::new(
        check,
        "analysis/internal-error",
        if fail_closed {
            Severity::Error
        } else {
            Severity::Warning
        },
        format!("changegate could not analyse this file: {detail}"),
    )
    .blocking(fail_closed)
    .at(path.to_owned(), None)
    .note("this is a bug in changegate, not in the change; the rest of the change was analysed. Report it with the file if you can share it.")
}
