//! `--format codequality`: GitLab's Code Quality report (`gl-code-quality-report.json`), a JSON
//! array (no BOM) shown in the merge-request widget. Fingerprints are stable across runs and
//! unaffected by unrelated line shifts, so GitLab matches findings with the target branch's.

use crate::model::finding::fingerprints;
use crate::model::finding::Severity;
use crate::policy::POLICY_FILE;
use crate::verdict::Verdict;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// Writes the report. Change-wide findings (missing docs, approvals) are placed on the policy
/// file, line 1: the widget needs a path, and the policy is what requires them.
pub fn render(v: &Verdict, out: &mut dyn Write) -> std::io::Result<()> {
    let issues: Vec<Issue> = v
        .findings
        .iter()
        .zip(fingerprints(&v.findings))
        .map(|(f, fingerprint)| Issue {
            description: match &f.note {
                Some(note) => format!("{} — {note}", f.message),
                None => f.message.clone(),
            },
            check_name: &f.rule_id,
            fingerprint,
            severity: match (f.severity, f.blocking) {
                (Severity::Error, true) => "blocker",
                (Severity::Error, false) => "critical",
                (Severity::Warning, _) => "major",
                (Severity::Info, _) => "info",
            },
            location: Location {
                path: f.path.as_deref().unwrap_or(POLICY_FILE),
                lines: Lines {
                    begin: f.range.map_or(1, |r| r.start_line.max(1)),
                },
            },
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    out.write_all(b"\n")
}
