//! Renderers: pure functions from a `Verdict` to bytes. They never compute anything the
//! verdict does not already hold, so every format tells the same story.

pub mod codequality;
pub mod json;
pub mod markdown;
pub mod rules;
pub mod sarif;
pub mod text;
pub mod workflow;

use crate::verdict::Verdict;
use std::io::Write;

/// Output formats of `changegate check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, rustc-style, with a summary.
    Text,
    /// Stable machine-readable JSON (docs/json-output.md).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitLab Code Quality (gl-code-quality-report.json).
    Codequality,
    /// Markdown summary (as posted on a check run or merge request).
    Markdown,
}

/// Writes `verdict` in `format`; `color` only affects `text`.
pub fn render(
    verdict: &Verdict,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Text => text::render(verdict, color, out),
        Format::Json => json::render(verdict, out),
        Format::Sarif => sarif::render(verdict, out),
        Format::Codequality => codequality::render(verdict, out),
        Format::Markdown => out.write_all(markdown::summary(verdict, usize::MAX).as_bytes()),
    }
}
