//! Approvals. Locally no review exists yet: the requirement is reported as information (or, with
//! `--strict`, as a failure) so a dry-run says what the platform will ask for.

use super::{tier_reason, Check, CheckContext};
use crate::changeset::Platform;
use crate::report::{Finding, Severity};

pub struct Reviews;

impl Check for Reviews {
    fn id(&self) -> &'static str {
        "review"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        // The strictest requirement among touched tiers; ties go to the strictest tier.
        let Some((tier, approvals)) = cx
            .analysis
            .tiers_touched()
            .into_iter()
            .map(|t| (t, cx.policy.tiers[t].require.approvals))
            .filter(|&(_, n)| n > 0)
            .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
        else {
            return;
        };
        if cx.change.meta.platform != Platform::Local {
            // Platform review evaluation arrives with the platform sources; until then a
            // platform run must not pass silently.
            out.push(
                Finding::new(
                    self.id(),
                    "review/unverified",
                    Severity::Error,
                    format!("{approvals} approval(s) required but reviews could not be evaluated"),
                )
                .blocking(true),
            );
            return;
        }
        let fresh = if cx.policy.tiers[tier].require.fresh_approvals {
            " on its final commit"
        } else {
            ""
        };
        let message = format!(
            "this change needs {approvals} approval{}{fresh} before merge",
            if approvals == 1 { "" } else { "s" }
        );
        let (severity, note) = if cx.settings.strict {
            (
                Severity::Error,
                "reviews cannot be verified in a local run, and --strict treats that as a failure",
            )
        } else {
            (
                Severity::Info,
                "reviews are not known locally; the gate checks them on the pull/merge request",
            )
        };
        out.push(
            Finding::new(self.id(), "review/approvals-required", severity, message)
                .blocking(cx.settings.strict)
                .note(format!("required by {}; {note}", tier_reason(cx, tier))),
        );
    }
}
