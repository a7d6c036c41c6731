//! Renderers: pure functions from a `Verdict` to bytes. They never compute anything the
//! verdict does not already hold, so every format tells the same story.

mod finding;
pub mod json;
pub mod markdown;
pub mod rules;
pub mod text;
pub mod workflow;

pub use finding::{Finding, Range, Severity};

use crate::verdict::Verdict;
use std::io::Write;

/// Output formats of `changegate check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, rustc-style, with a summary.
    Text,
    /// Stable machine-readable JSON (docs/json-output.md).
    Json,
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
    }
}
