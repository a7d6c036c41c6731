//! `--format json`: the documented, versioned JSON report (docs/json-output.md). Field order is
//! the struct order and maps are never used for lists, so output is byte-stable.

use crate::analysis::FileAnalysis;
use crate::model::changeset::Rev;
use crate::model::finding::fingerprints;
use crate::model::finding::{Finding, Range, Severity};
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
    suppressions: &'a [crate::verdict::suppress::Suppression],
    review: &'a crate::verdict::ReviewSummary,
    ai_signals: &'a [crate::facts::review::ai::AiSignal],
    blast_radius: &'a crate::facts::blast::BlastRadius,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    fingerprint: String,
}

impl<'a> JsonFinding<'a> {
    fn new(f: &'a Finding, fingerprint: String) -> Self {
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
            url: f.url.as_deref(),
            fingerprint,
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
        findings: verdict
            .findings
            .iter()
            .zip(fingerprints(&verdict.findings))
            .map(|(f, fingerprint)| JsonFinding::new(f, fingerprint))
            .collect(),
        suppressions: &verdict.suppressions,
        review: &verdict.review,
        ai_signals: &verdict.ai_signals,
        blast_radius: &verdict.blast_radius,
        notes: &verdict.notes,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}

/// The JSON report read back (for `changegate publish`): the fields a renderer needs.
#[derive(serde::Deserialize)]
struct ReportIn {
    schema_version: u32,
    verdict: String,
    base: Option<Rev>,
    head: Option<Rev>,
    policy: String,
    description_source: Option<String>,
    #[serde(default)]
    tiers: Vec<TierSummary>,
    #[serde(default)]
    files: Vec<FileAnalysis>,
    #[serde(default)]
    findings: Vec<Finding>,
    #[serde(default)]
    suppressions: Vec<crate::verdict::suppress::Suppression>,
    #[serde(default)]
    review: crate::verdict::ReviewSummary,
    #[serde(default)]
    ai_signals: Vec<crate::facts::review::ai::AiSignal>,
    #[serde(default)]
    blast_radius: crate::facts::blast::BlastRadius,
    #[serde(default)]
    notes: Vec<String>,
}

/// Reads a JSON report written by `--format json` back into a verdict.
pub fn parse(text: &str) -> Result<Verdict, String> {
    let report: ReportIn =
        serde_json::from_str(text).map_err(|e| format!("not a changegate JSON report: {e}"))?;
    if report.schema_version != SCHEMA_VERSION {
        return Err(format!(
            "report schema_version {} is not the {SCHEMA_VERSION} this changegate reads",
            report.schema_version
        ));
    }
    Ok(Verdict {
        blocked: match report.verdict.as_str() {
            "blocked" => true,
            "pass" => false,
            other => return Err(format!("unknown verdict `{other}`")),
        },
        findings: report.findings,
        files: report.files,
        tiers: report.tiers,
        base: report.base,
        head: report.head,
        policy: report.policy,
        description_source: report.description_source,
        suppressions: report.suppressions,
        blast_radius: report.blast_radius,
        ai_signals: report.ai_signals,
        review: report.review,
        notes: report.notes,
    })
}
