//! The one `Finding` model every check produces and every renderer reads.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::cmp::Ordering;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Lower-case name, as in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based, inclusive region of a file; columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Range {
    pub start_line: u32,
    pub start_col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Range {
    /// A whole line (column 1 to the end of `text`).
    pub fn line(line: u32, text: &str) -> Range {
        Range {
            start_line: line,
            start_col: 1,
            end_line: line,
            end_col: u32::try_from(text.chars().count().max(1)).unwrap_or(u32::MAX),
        }
    }
}

/// What starts an inline suppression (`changegate: allow(rule-id) reason: "why"`); files without
/// it need no suppression scan.
pub const SUPPRESSION_MARKER: &str = "changegate:";

/// One thing a check has to say about the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Finding {
    /// Stable kebab-case id, `check/name`.
    pub rule_id: String,
    /// The check that produced it.
    pub check: String,
    pub severity: Severity,
    /// Whether this finding alone blocks the change.
    pub blocking: bool,
    /// Repo-relative file (or the description file); `None` for change-wide findings.
    pub path: Option<String>,
    pub range: Option<Range>,
    /// One line: what is wrong.
    pub message: String,
    /// Why it matters and what to do.
    pub note: Option<String>,
    /// The syntax item involved, e.g. `fn control_plane::Router::apply`.
    pub item: Option<String>,
    /// The source lines of `range`, for renderers and fingerprints.
    pub snippet: Option<String>,
    /// What the finding is about, as the policy names it (a docs section's key): for decisions
    /// made on findings (the audit's categories), which must never depend on wording. Not
    /// rendered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Where the rule is documented (a rule's `url`; the catalog entry for built-in rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Finding {
    /// A change-wide finding; refine it with the builder methods.
    pub fn new(check: &str, rule_id: &str, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            rule_id: rule_id.to_owned(),
            check: check.to_owned(),
            severity,
            blocking: false,
            path: None,
            range: None,
            message: message.into(),
            note: None,
            item: None,
            snippet: None,
            subject: None,
            url: None,
        }
    }

    pub fn blocking(mut self, blocking: bool) -> Self {
        self.blocking = blocking;
        self
    }

    pub fn at(mut self, path: impl Into<String>, range: Option<Range>) -> Self {
        self.path = Some(path.into());
        self.range = range;
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Names what the finding is about (see `subject`).
    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn snippet(mut self, snippet: impl Into<String>) -> Self {
        self.snippet = Some(snippet.into());
        self
    }

    /// A stable identity for platforms that track findings across runs (SARIF
    /// `partialFingerprints`, GitLab `fingerprint`): SHA-256 of rule, path, item and the
    /// whitespace-normalised snippet (or message), so unrelated line shifts keep it unchanged.
    pub fn fingerprint(&self) -> String {
        let mut hasher = Sha256::new();
        for part in [
            self.rule_id.as_str(),
            self.path.as_deref().unwrap_or(""),
            self.item.as_deref().unwrap_or(""),
        ] {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        let body = self.snippet.as_deref().unwrap_or(&self.message);
        for word in body.split_whitespace() {
            hasher.update(word.as_bytes());
            hasher.update([b' ']);
        }
        let digest = hasher.finalize();
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The report order: change-wide findings first, then by path, position, rule and message.
    pub fn report_order(&self, other: &Finding) -> Ordering {
        (&self.path, self.range, &self.rule_id, &self.message).cmp(&(
            &other.path,
            other.range,
            &other.rule_id,
            &other.message,
        ))
    }
}

/// Fingerprints of `findings`, in order, unique within the report: the second and later of
/// identical findings (two `let b = o.unwrap();` in one function) are salted with their
/// occurrence, so GitLab and code scanning show each of them instead of folding them into one.
/// The first keeps its plain fingerprint; a line shift moves none of them.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let plain = f.fingerprint();
            let count = seen.entry(plain.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                plain
            } else {
                let mut hasher = Sha256::new();
                hasher.update(plain.as_bytes());
                hasher.update(format!("#{count}").as_bytes());
                hasher.finalize()[..16]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_line_shifts_but_not_content() {
        let at = |line| {
            Finding::new("c", "c/r", Severity::Error, "m")
                .at("f.rs", Some(Range::line(line, "x.unwrap()")))
                .snippet("  x.unwrap()")
        };
        assert_eq!(at(3).fingerprint(), at(40).fingerprint());
        assert_ne!(
            at(3).fingerprint(),
            at(3).snippet("y.unwrap()").fingerprint()
        );
        assert_eq!(at(3).fingerprint().len(), 32);
    }

    #[test]
    fn identical_findings_get_distinct_fingerprints_that_survive_line_shifts() {
        let at = |line| {
            Finding::new("c", "c/r", Severity::Error, "m")
                .at("f.rs", Some(Range::line(line, "let b = o.unwrap();")))
                .snippet("let b = o.unwrap();")
        };
        let before = fingerprints(&[at(3), at(4)]);
        assert_ne!(before[0], before[1]);
        assert_eq!(
            before[0],
            at(3).fingerprint(),
            "the first keeps its plain fingerprint"
        );
        assert_eq!(fingerprints(&[at(10), at(11)]), before);
    }

    #[test]
    fn change_wide_findings_sort_first() {
        let wide = Finding::new("c", "c/a", Severity::Info, "m");
        let located = Finding::new("c", "c/a", Severity::Info, "m").at("a", None);
        assert_eq!(wide.report_order(&located), Ordering::Less);
    }
}
