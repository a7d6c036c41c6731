//! A change must not weaken the gate that judges it: changes to the policy, custom rules,
//! CODEOWNERS and CI definitions are flagged, placed in the strictest tier (see `analysis`), and
//! judged by the base revision's policy (see `lib::load_policy`).

use super::{Check, CheckContext};
use crate::model::{Finding, Range, Severity};

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
            use crate::policy::GateFile;
            // The most important kind among the file's paths (a rename may have two).
            let kind = file
                .paths()
                .filter_map(|p| cx.policy.gate_file(p))
                .min_by_key(|k| *k as u8)
                .unwrap_or(GateFile::Rules);
            let what = match kind {
                GateFile::Policy => ("gate/policy-changed", "policy"),
                GateFile::Rules => ("gate/rules-changed", "custom rules"),
                GateFile::CodeOwners => {
                    ("gate/codeowners-changed", "CODEOWNERS (who must approve)")
                }
                GateFile::CiDefinition => ("gate/ci-changed", "CI definition (what runs the gate)"),
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
