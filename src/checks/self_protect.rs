//! A change must not weaken the gate that judges it: changes to the policy or custom rules are
//! flagged, placed in the strictest tier (see `analysis`), and judged by the base revision's
//! policy (see `lib::load_policy`).

use super::{Check, CheckContext};
use crate::report::{Finding, Range, Severity};

pub struct SelfProtect;

impl Check for SelfProtect {
    fn id(&self) -> &'static str {
        "gate"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        for (file, analysis) in cx.change.files.iter().zip(&cx.analysis.files) {
            if !analysis.gate_file {
                continue;
            }
            let what = if file.paths().any(|p| p == crate::policy::POLICY_FILE) {
                ("gate/policy-changed", "policy")
            } else {
                ("gate/rules-changed", "custom rules")
            };
            let tier = analysis.tier.as_deref().unwrap_or("the strictest tier");
            let mut finding = Finding::new(
                self.id(),
                what.0,
                Severity::Warning,
                format!("this change modifies changegate's own {} ({})", what.1, file.status.as_str()),
            )
            .note(format!(
                "it is judged by the base revision's policy, not its own, and needs {tier} review; the new {} takes effect after merge",
                what.1
            ));
            let first_added = file.added_lines().next();
            let line_text = first_added.and_then(|line| {
                file.new_text
                    .as_deref()
                    .and_then(|t| t.lines().nth(line as usize - 1))
            });
            finding = match (first_added, line_text) {
                (Some(line), Some(text)) => finding
                    .at(file.path(), Some(Range::line(line, text)))
                    .snippet(text),
                _ => finding.at(file.path(), None),
            };
            out.push(finding);
        }
    }
}
