//! `--format json`: the documented, versioned JSON report (docs/json-output.md). Field order is
//! the struct order and maps are never used for lists, so output is byte-stable.

use super::finding::{Finding, Range, Severity};
use crate::analysis::FileAnalysis;
use crate::changeset::Rev;
use crate::verdict::{TierSummary, Verdict};
use serde::Serialize;
use std::io::Write;

/// Bumped on any incompatible change to the report's shape.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    verdict: &'static str,
    base: Option<&'a Rev>,
    head: Option<&'a Rev>,
    policy: &'a str,
    description_source: Option<&'a str>,
    summary: Summary,
    tiers: &'a [TierSummary],
    files: &'a [FileAnalysis],
    findings: Vec<JsonFinding<'a>>,
    suppressions: &'a [crate::suppress::Suppression],
    review: &'a crate::verdict::ReviewSummary,
    ai_signals: &'a [crate::review::ai::AiSignal],
    blast_radius: &'a crate::blast::BlastRadius,
    notes: &'a [String],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    lines_added: usize,
    lines_removed: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    blocking: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    check: &'a str,
    severity: Severity,
    blocking: bool,
    path: Option<&'a str>,
    range: Option<Range>,
    message: &'a str,
    note: Option<&'a str>,
    item: Option<&'a str>,
    snippet: Option<&'a str>,
    fingerprint: String,
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            rule_id: &f.rule_id,
            check: &f.check,
            severity: f.severity,
            blocking: f.blocking,
            path: f.path.as_deref(),
            range: f.range,
            message: &f.message,
            note: f.note.as_deref(),
            item: f.item.as_deref(),
            snippet: f.snippet.as_deref(),
            fingerprint: f.fingerprint(),
        }
    }
}

/// Writes the JSON report, pretty-printed, with a final newline.
pub fn render(verdict: &Verdict, out: &mut dyn Write) -> std::io::Result<()> {
    let (lines_added, lines_removed) = verdict.line_totals();
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        verdict: if verdict.blocked { "blocked" } else { "pass" },
        base: verdict.base.as_ref(),
        head: verdict.head.as_ref(),
        policy: &verdict.policy,
        description_source: verdict.description_source.as_deref(),
        summary: Summary {
            files: verdict.files.len(),
            lines_added,
            lines_removed,
            errors: verdict.count(Severity::Error),
            warnings: verdict.count(Severity::Warning),
            infos: verdict.count(Severity::Info),
            blocking: verdict.findings.iter().filter(|f| f.blocking).count(),
        },
        tiers: &verdict.tiers,
        files: &verdict.files,
        findings: verdict.findings.iter().map(JsonFinding::from).collect(),
        suppressions: &verdict.suppressions,
        review: &verdict.review,
        ai_signals: &verdict.ai_signals,
        blast_radius: &verdict.blast_radius,
        notes: &verdict.notes,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}
