//! Says when a change counts as AI-assisted, and why: the extra review it triggers is only fair
//! if the author can see which signal fired.

use super::{Check, CheckContext};
use crate::model::{Finding, Severity};

pub struct AiAssisted;

impl Check for AiAssisted {
    fn id(&self) -> &'static str {
        "ai"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let signals = &cx.facts.ai_signals;
        if signals.is_empty() {
            return;
        }
        let details: Vec<&str> = signals.iter().map(|s| s.detail.as_str()).collect();
        let policy = &cx.policy.ai;
        let extra = if policy.extra_approvals > 0 || !policy.reviewers_from.is_empty() {
            format!(
                "in {} it needs {} more approval(s){}",
                policy.tiers.join(", "),
                policy.extra_approvals,
                if policy.reviewers_from.is_empty() {
                    String::new()
                } else {
                    format!(
                        " and one from {} where defined",
                        policy.reviewers_from.join(", ")
                    )
                }
            )
        } else {
            "the policy adds no requirement".to_owned()
        };
        out.push(
            Finding::new(
                self.id(),
                "ai/assisted",
                Severity::Info,
                format!("AI-assisted change: {}", details.join("; ")),
            )
            .note(extra),
        );
    }
}
