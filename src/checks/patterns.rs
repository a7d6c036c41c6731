//! Risky patterns: runs every loaded rule over every changed file and turns matches into
//! findings. An `error` rule blocks; `warning` and `info` inform.

use super::coverage::{fails_closed, internal_error};
use super::{Check, CheckContext};
use crate::analysis::guard;
use crate::model::{Finding, Severity};
use crate::rules::run_file_rest;
use crate::rules::run_file_within_budget;
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
            .enumerate()
            .map(|(index, ((file, analysis), syntax))| {
                // A panic in one file's rules is that file's internal error; the run goes on.
                let outcome = match cx.query_outcomes {
                    Some(outcomes) => match outcomes.get(index) {
                        Some(Ok((queries, over_budget))) => guard::run("rule queries", |_| {
                            let all = run_file_rest(cx.rules, file, analysis, syntax, queries.clone());
                            (all, *over_budget)
                        })
                        .map_err(|e| e.to_string()),
                        Some(Err(error)) => Err(error.clone()),
                        None => Err("no query outcome for this file".to_owned()),
                    },
                    None => guard::run("rule queries", |_| {
                        run_file_within_budget(cx.rules, file, analysis, syntax)
                    })
                    .map_err(|e| e.to_string()),
                };
                let (matches, over_budget) = match outcome {
                    Ok(result) => result,
                    Err(error) => {
                        return vec![internal_error(
                            "analysis",
                            &analysis.path,
                            &error,
                            fails_closed(cx, analysis),
                        )];
                    }
                };
                let budget_finding = over_budget.then(|| {
                    let fail_closed = fails_closed(cx, analysis);
                    Finding::new(
                        "analysis",
                        "analysis/query-budget",
                        if fail_closed { Severity::Error } else { Severity::Warning },
                        "a rule query needed more than its work budget on this file and was stopped: its matches may be incomplete",
                    )
                    .blocking(fail_closed)
                    .at(analysis.path.clone(), None)
                    .note("a custom query with nested quantifiers can take minutes on some files; simplify the rule's query (see `changegate rules test`)")
                });
                matches
                    .into_iter()
                    .map(|(index, m)| {
                        let rule = &cx.rules.rules[index];
                        // Moved code is reported for the record, never as new risk.
                        let (severity, message) = if m.moved {
                            (Severity::Info, format!("moved, not added: {}", m.message))
                        } else {
                            (rule.severity, m.message)
                        };
                        let mut finding = Finding::new(self.id(), &rule.id, severity, message)
                            .blocking(severity == Severity::Error)
                            .at(analysis.path.clone(), m.range);
                        finding.note = if m.moved {
                            Some("the same code (whitespace aside) was in the old version of this file: it was re-indented, reformatted or moved, not added".into())
                        } else {
                            rule.note.clone()
                        };
                        finding.snippet = m.snippet;
                        finding.item = m.item;
                        finding.url = rule.url.clone();
                        finding
                    })
                    .chain(budget_finding)
                    .collect()
            })
            .collect();
        for mut findings in per_file {
            drop_superseded(cx, &mut findings);
            out.extend(findings);
        }
    }
}

/// Removes findings whose rule another finding at the same place supersedes (`supersedes:`).
fn drop_superseded(cx: &CheckContext<'_>, findings: &mut Vec<Finding>) {
    let superseded: Vec<(String, Option<u32>, String)> = findings
        .iter()
        .flat_map(|f| {
            let line = f.range.map(|r| r.start_line);
            cx.rules
                .rules
                .iter()
                .filter(|r| r.id == f.rule_id)
                .flat_map(|r| r.supersedes.iter())
                .map(move |weaker| (f.path.clone().unwrap_or_default(), line, weaker.clone()))
        })
        .collect();
    if superseded.is_empty() {
        return;
    }
    findings.retain(|f| {
        let place = (
            f.path.clone().unwrap_or_default(),
            f.range.map(|r| r.start_line),
        );
        !superseded.iter().any(|(path, line, weaker)| {
            *path == place.0 && *line == place.1 && *weaker == f.rule_id
        })
    });
}
