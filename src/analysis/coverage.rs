//! What the analysis could not do for a file, and why. Every renderer lists these, and in a
//! fail-closed tier a file of a language we parse whose analysis is not complete blocks: a gate
//! that passes what it did not read is worse than none.

use crate::model::changeset::Content;
use serde::{Deserialize, Serialize};

/// Why (part of) a file was not analysed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Binary content (NUL bytes, or a patch's `Binary files differ`).
    Binary,
    /// Not valid UTF-8.
    NotUtf8,
    /// Binary-looking or not valid UTF-8, but read in full as lossy text (invalid bytes as
    /// U+FFFD) and analysed.
    LossyText,
    /// Larger than `--max-file-size`.
    TooLarge,
    /// A submodule pointer.
    Submodule,
    /// A Git LFS pointer: the real content lives elsewhere.
    LfsPointer,
    /// The bytes were not available (a missing blob, an API without content).
    ContentUnavailable,
    /// Only the patch's lines are known, not both whole files.
    PatchOnly,
    /// No grammar for this kind of file yet.
    UnsupportedLanguage,
    /// tree-sitter recovered from syntax errors; analysis is best-effort.
    SyntaxErrors,
    /// Parsing took more than its deterministic work budget.
    ParseBudget,
    /// Nested deeper than the readers walk.
    TooDeep,
    /// YAML aliases would expand past their budget.
    AliasBudget,
    /// More key paths than a file may flatten into.
    TooManyKeys,
    /// A stage of the analysis failed (a bug in changegate); the run went on.
    InternalError,
}

impl Reason {
    /// Whether this reason means rules could not fully run on a file of a parsed language
    /// (fail-closed tiers block on it). An unsupported language is named, never blocked.
    pub fn fails_closed(self) -> bool {
        !matches!(self, Reason::UnsupportedLanguage)
    }

    /// Whether syntax analysis is missing altogether (vs. partial).
    fn is_total(self) -> bool {
        matches!(
            self,
            Reason::Binary
                | Reason::NotUtf8
                | Reason::TooLarge
                | Reason::Submodule
                | Reason::LfsPointer
                | Reason::ContentUnavailable
                | Reason::PatchOnly
                | Reason::UnsupportedLanguage
                | Reason::ParseBudget
        )
    }

    /// The reason a file's content gives, if it limits analysis.
    pub fn of_content(content: Content) -> Option<Reason> {
        match content {
            Content::Text => None,
            Content::Binary => Some(Reason::Binary),
            Content::NonUtf8 => Some(Reason::NotUtf8),
            Content::TooLarge => Some(Reason::TooLarge),
            Content::Submodule => Some(Reason::Submodule),
            Content::Unknown => Some(Reason::ContentUnavailable),
        }
    }
}

/// One thing not analysed in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Gap {
    pub reason: Reason,
    /// What exactly, in a sentence (`the new version: values nested more than 256 levels …`).
    pub detail: String,
}

/// How completely a file was analysed.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Parsed on every side that exists; every rule ran.
    #[default]
    Complete,
    /// Parsed, but something was cut short (see the gaps).
    Partial,
    /// Classified by path only; rules that need syntax did not run.
    NotAnalysed,
}

/// `files[].analysis` in the JSON report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Coverage {
    pub status: Status,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<Gap>,
}

impl Coverage {
    /// Records a gap (once per reason and detail) and updates the status.
    pub fn add(&mut self, reason: Reason, detail: impl Into<String>) {
        let gap = Gap {
            reason,
            detail: detail.into(),
        };
        if self.gaps.contains(&gap) {
            return;
        }
        self.gaps.push(gap);
        self.gaps
            .sort_by(|a, b| (a.reason, &a.detail).cmp(&(b.reason, &b.detail)));
        self.status = if self.gaps.iter().any(|g| g.reason.is_total()) {
            Status::NotAnalysed
        } else {
            Status::Partial
        };
    }

    pub fn is_complete(&self) -> bool {
        self.status == Status::Complete
    }

    /// The gaps that fail closed.
    pub fn failing_closed(&self) -> impl Iterator<Item = &Gap> {
        self.gaps.iter().filter(|g| g.reason.fails_closed())
    }

    /// "binary file; the new version has syntax errors" — for one-line summaries.
    pub fn summary(&self) -> String {
        self.gaps
            .iter()
            .map(|g| g.detail.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_worst_gap_and_gaps_are_sorted_once() {
        let mut c = Coverage::default();
        assert!(c.is_complete());
        c.add(Reason::TooDeep, "deep");
        assert_eq!(c.status, Status::Partial);
        c.add(Reason::Binary, "binary");
        c.add(Reason::Binary, "binary");
        assert_eq!(c.status, Status::NotAnalysed);
        assert_eq!(c.gaps.len(), 2);
        assert_eq!(c.gaps[0].reason, Reason::Binary);
        assert_eq!(c.summary(), "binary; deep");
    }

    #[test]
    fn only_an_unsupported_language_is_named_without_failing_closed() {
        let mut c = Coverage::default();
        c.add(Reason::UnsupportedLanguage, "no grammar");
        assert_eq!(c.failing_closed().count(), 0);
        c.add(Reason::SyntaxErrors, "errors");
        assert_eq!(c.failing_closed().count(), 1);
    }
}
