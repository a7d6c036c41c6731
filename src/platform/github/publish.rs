//! From a verdict to the GitHub check-run API: conclusion, title, summary and annotations in
//! batches of 50, every field within GitHub's limits (PLATFORM-NOTES.md). Pure.

use crate::model::{Finding, Severity};
use crate::report::markdown;
use crate::util::escape::clip;
use crate::verdict::Verdict;
use serde::Serialize;

/// GitHub accepts at most this many annotations per request (more is a 422).
pub const ANNOTATIONS_PER_REQUEST: usize = 50;
/// `output.summary` and `output.text` limit, in characters.
pub const SUMMARY_MAX: usize = 65_535;
/// Annotation `message` limit (64 KB); kept well under in characters.
const MESSAGE_MAX: usize = 60_000;
/// Annotation and output `title` limit.
const TITLE_MAX: usize = 255;

/// The check run's name; re-runs update the run of this name on the same commit.
pub const CHECK_NAME: &str = "changegate";

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Annotation {
    pub path: String,
    pub start_line: u32,
    pub end_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
    pub annotation_level: &'static str,
    pub message: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Output {
    pub title: String,
    pub summary: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
}

/// `POST /repos/{owner}/{repo}/check-runs`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateCheckRun {
    pub name: &'static str,
    pub head_sha: String,
    pub status: &'static str,
    pub conclusion: &'static str,
    pub output: Output,
}

/// `PATCH /repos/{owner}/{repo}/check-runs/{id}`.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateCheckRun {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<&'static str>,
    pub output: Output,
}

/// `POST /repos/{owner}/{repo}/statuses/{sha}`, for tokens that cannot create check runs.
#[derive(Debug, Clone, Serialize)]
pub struct CreateStatus {
    pub state: &'static str,
    pub context: &'static str,
    pub description: String,
    /// The workflow run, so the status links to the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_url: Option<String>,
}

/// success, failure (blocked), or neutral (warnings, when asked).
pub fn conclusion(v: &Verdict, neutral_on_warnings: bool) -> &'static str {
    if v.blocked {
        "failure"
    } else if neutral_on_warnings && v.count(Severity::Warning) > 0 {
        "neutral"
    } else {
        "success"
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "failure",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One annotation per finding that has a file; change-wide findings are in the summary only.
pub fn annotations(v: &Verdict) -> Vec<Annotation> {
    v.findings.iter().filter_map(annotation).collect()
}

fn annotation(f: &Finding) -> Option<Annotation> {
    let path = f.path.clone()?;
    let (start_line, end_line, columns) = match f.range {
        Some(r) => (
            r.start_line.max(1),
            r.end_line.max(r.start_line).max(1),
            (r.start_line == r.end_line).then_some((r.start_col, r.end_col)),
        ),
        None => (1, 1, None),
    };
    let mut message = f.message.clone();
    if let Some(note) = &f.note {
        message.push_str("\n\n");
        message.push_str(note);
    }
    Some(Annotation {
        path,
        start_line,
        end_line,
        // Columns are allowed only when the annotation is on one line.
        start_column: columns.map(|c| c.0.max(1)),
        end_column: columns.map(|c| c.1.max(c.0).max(1)),
        annotation_level: level(f.severity),
        message: clip(&message, MESSAGE_MAX),
        title: clip(&f.rule_id, TITLE_MAX),
    })
}

/// The first request (create or update) and the follow-up updates, ≤ 50 annotations each.
pub fn requests(
    v: &Verdict,
    head_sha: &str,
    neutral_on_warnings: bool,
) -> (CreateCheckRun, Vec<UpdateCheckRun>) {
    let title = clip(&markdown::title(v), TITLE_MAX);
    let summary = markdown::summary(v, SUMMARY_MAX);
    let mut batches: Vec<Vec<Annotation>> = annotations(v)
        .chunks(ANNOTATIONS_PER_REQUEST)
        .map(<[Annotation]>::to_vec)
        .collect();
    let first = if batches.is_empty() {
        Vec::new()
    } else {
        batches.remove(0)
    };
    let output = |annotations| Output {
        title: title.clone(),
        summary: summary.clone(),
        annotations,
    };
    let create = CreateCheckRun {
        name: CHECK_NAME,
        head_sha: head_sha.to_owned(),
        status: "completed",
        conclusion: conclusion(v, neutral_on_warnings),
        output: output(first),
    };
    let updates = batches
        .into_iter()
        .map(|batch| UpdateCheckRun {
            status: None,
            conclusion: None,
            output: output(batch),
        })
        .collect();
    (create, updates)
}

/// A commit status for the verdict, description within 140 characters.
pub fn status(v: &Verdict, run_url: Option<&str>) -> CreateStatus {
    CreateStatus {
        state: if v.blocked { "failure" } else { "success" },
        context: CHECK_NAME,
        description: clip(&markdown::title(v), 140),
        target_url: run_url.map(str::to_owned),
    }
}
