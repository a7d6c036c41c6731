//! Risky patterns: runs every loaded rule over every changed file and turns matches into
//! findings. An `error` rule blocks; `warning` and `info` inform.

use super::coverage::{fails_closed, internal_error};
use super::{Check, CheckContext};
use crate::analysis::guard;
use crate::report::{Finding, Severity};
use crate::rules::run_file;
use rayon::prelude::*;

pub struct Patterns;

impl Check for Patterns {
    fn id(&self) -> &'static str {
        "patterns"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        // Files in parallel; `collect` keeps their order, so the result is deterministic.
        let per_file: Vec<Vec<Finding>> = cx
            .change
            .files
            .par_iter()
            .zip(cx.analysis.files.par_iter())
            .zip(cx.analysis.syntax.par_iter())
            .map(|((file, analysis), syntax)| {
                // A panic in one file's rules is that file's internal error; the run goes on.
                let matches = match guard::run("rule queries", |_| {
                    run_file(cx.rules, file, analysis, syntax)
                }) {
                    Ok(matches) => matches,
                    Err(error) => {
                        return vec![internal_error(
                            "analysis",
                            &analysis.path,
                            &error.to_string(),
                            fails_closed(cx, analysis),
                        )];
                    }
                };
                matches
                    .into_iter()
                    .map(|(index, m)| {
                        let rule = &cx.rules.rules[index];
                        let mut finding =
                            Finding::new(self.id(), &rule.id, rule.severity, m.message)
                                .blocking(rule.severity == Severity::Error)
                                .at(analysis.path.clone(), m.range);
                        finding.note = rule.note.clone();
                        finding.snippet = m.snippet;
                        finding.item = m.item;
                        finding
                    })
                    .collect()
            })
            .collect();
        out.extend(per_file.into_iter().flatten());
    }
}
