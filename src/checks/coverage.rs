//! Says what could not be analysed: a binary or oversized file in a tier is judged by path only,
//! and a reviewer should know that rather than assume the gate looked inside.

use super::{Check, CheckContext};
use crate::report::{Finding, Severity};

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
            let (Some(tier), Some(limitation)) = (&file.tier, file.content.limitation()) else {
                continue;
            };
            out.push(
                Finding::new(
                    self.id(),
                    "analysis/not-analysed",
                    Severity::Info,
                    format!("{tier} file not fully analysed: {limitation}"),
                )
                .at(file.path.clone(), None),
            );
        }
    }
}
