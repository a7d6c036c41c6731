//! Risky patterns: runs every loaded rule over every changed file and turns matches into
//! findings. An `error` rule blocks; `warning` and `info` inform.

use super::{Check, CheckContext};
use crate::report::{Finding, Severity};
use crate::rules::run_rule;

pub struct Patterns;

impl Check for Patterns {
    fn id(&self) -> &'static str {
        "patterns"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        for ((file, analysis), syntax) in cx
            .change
            .files
            .iter()
            .zip(&cx.analysis.files)
            .zip(&cx.analysis.syntax)
        {
            for rule in &cx.rules.rules {
                for m in run_rule(rule, file, analysis, syntax, true) {
                    let mut finding = Finding::new(self.id(), &rule.id, rule.severity, m.message)
                        .blocking(rule.severity == Severity::Error)
                        .at(analysis.path.clone(), m.range);
                    finding.note = rule.note.clone();
                    finding.snippet = m.snippet;
                    finding.item = m.item;
                    out.push(finding);
                }
            }
        }
    }
}
