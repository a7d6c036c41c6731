//! Inline suppressions: `changegate: allow(rule-id[, other-id]) reason: "why"` in a comment on the
//! finding's line or the line above it.
//!
//! A suppression without a reason silences nothing and is itself reported; one on an added line
//! that silences nothing is reported too; every suppression that silenced something is listed in
//! the verdict, so reviewers see what the gate was told to overlook.

use crate::changeset::ChangeSet;
use crate::report::{Finding, Range, Severity};
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// A suppression that silenced at least one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Suppression {
    pub path: String,
    pub line: u32,
    pub rules: Vec<String>,
    pub reason: String,
    /// How many findings it silenced.
    pub silenced: usize,
}

struct Marker {
    path: String,
    line: u32,
    rules: Vec<String>,
    reason: Option<String>,
    on_added_line: bool,
    text: String,
    silenced: usize,
}

fn marker_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"changegate:\s*allow\(\s*([A-Za-z0-9_/,\s-]+?)\s*\)(?:\s*reason:\s*"([^"]*)")?"#,
        )
        .expect("valid regex")
    })
}

/// Comment openers of the languages changegate reads; a marker must follow one.
const COMMENT_OPENERS: [&str; 6] = ["//", "#", "--", "/*", "<!--", ";"];

fn markers(change: &ChangeSet) -> Vec<Marker> {
    let mut out = Vec::new();
    for file in &change.files {
        let Some(text) = file.new_text.as_deref() else {
            continue;
        };
        if !text.contains("changegate:") {
            continue;
        }
        let added: std::collections::BTreeSet<u32> = file.added_lines().collect();
        for (index, line) in text.lines().enumerate() {
            let Some(caps) = marker_regex().captures(line) else {
                continue;
            };
            let start = caps.get(0).map_or(0, |m| m.start());
            if !COMMENT_OPENERS.iter().any(|c| line[..start].contains(c)) {
                continue;
            }
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            out.push(Marker {
                path: file.path().to_owned(),
                line: number,
                rules: caps[1]
                    .split(',')
                    .map(|r| r.trim().to_owned())
                    .filter(|r| !r.is_empty())
                    .collect(),
                reason: caps
                    .get(2)
                    .map(|r| r.as_str().trim().to_owned())
                    .filter(|r| !r.is_empty()),
                on_added_line: added.contains(&number),
                text: line.to_owned(),
                silenced: 0,
            });
        }
    }
    out
}

/// Removes suppressed findings; returns the suppressions used and adds findings about bad ones.
pub fn apply(change: &ChangeSet, findings: Vec<Finding>) -> (Vec<Finding>, Vec<Suppression>) {
    let mut markers = markers(change);
    if markers.is_empty() {
        return (findings, Vec::new());
    }
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let (Some(path), Some(range)) = (&finding.path, finding.range) else {
            kept.push(finding);
            continue;
        };
        let line = range.start_line;
        let marker = markers.iter_mut().find(|m| {
            m.reason.is_some()
                && &m.path == path
                && (m.line == line || m.line + 1 == line)
                && m.rules.iter().any(|r| r == &finding.rule_id)
        });
        match marker {
            Some(m) => m.silenced += 1,
            None => kept.push(finding),
        }
    }
    let mut used = Vec::new();
    for m in markers {
        let range = Some(Range::line(m.line, &m.text));
        if m.reason.is_none() {
            kept.push(
                Finding::new("suppression", "suppression/missing-reason", Severity::Warning, format!("suppression of {} has no reason and is ignored", m.rules.join(", ")))
                    .at(m.path.clone(), range)
                    .snippet(m.text.clone())
                    .note("write `changegate: allow(rule-id) reason: \"why this is safe\"`; reviewers need the why"),
            );
        } else if m.silenced == 0 && m.on_added_line {
            kept.push(
                Finding::new("suppression", "suppression/unused", Severity::Info, format!("suppression of {} matches no finding", m.rules.join(", ")))
                    .at(m.path.clone(), range)
                    .snippet(m.text.clone())
                    .note("it must sit on the finding's line or the line above, and name the rule id exactly; remove it if nothing needs it"),
            );
        } else if m.silenced > 0 {
            used.push(Suppression {
                path: m.path,
                line: m.line,
                rules: m.rules,
                reason: m.reason.unwrap_or_default(),
                silenced: m.silenced,
            });
        }
    }
    (kept, used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changeset::{Content, FileChange, FileStatus};

    fn change(text: &str) -> ChangeSet {
        let mut f = FileChange::new(FileStatus::Added, None, Some("src/a.rs".into()));
        f.content = Content::Text;
        f.hunks = crate::diff::compute_hunks(b"", text.as_bytes(), 3);
        f.new_text = Some(text.into());
        ChangeSet {
            files: vec![f],
            ..ChangeSet::default()
        }
    }

    fn finding(line: u32) -> Finding {
        Finding::new("patterns", "rust/unwrap", Severity::Warning, "m")
            .at("src/a.rs", Some(Range::line(line, "x")))
    }

    #[test]
    fn reasoned_suppression_on_the_line_or_above_silences() {
        let text = "// changegate: allow(rust/unwrap) reason: \"startup only\"\nlet x = y.unwrap();\nlet z = w.unwrap(); // changegate: allow(rust/unwrap, rust/expect) reason: \"checked above\"\n";
        let (kept, used) = apply(&change(text), vec![finding(2), finding(3)]);
        assert!(kept.is_empty(), "{kept:?}");
        assert_eq!(used.len(), 2);
        assert_eq!(used[0].reason, "startup only");
        assert_eq!(used[1].rules, vec!["rust/unwrap", "rust/expect"]);
    }

    #[test]
    fn suppression_without_reason_is_ignored_and_reported() {
        let text = "// changegate: allow(rust/unwrap)\nlet x = y.unwrap();\n";
        let (kept, used) = apply(&change(text), vec![finding(2)]);
        assert!(used.is_empty());
        let ids: Vec<&str> = kept.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(ids, vec!["rust/unwrap", "suppression/missing-reason"]);
    }

    #[test]
    fn unused_and_misplaced_suppressions() {
        let text = "// changegate: allow(rust/expect) reason: \"x\"\nlet x = y.unwrap();\n\n\nlet q = 1;\n";
        let (kept, _) = apply(&change(text), vec![finding(2)]);
        let ids: Vec<&str> = kept.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(ids, vec!["rust/unwrap", "suppression/unused"]);
        // Not in a comment: a string literal mentioning the syntax is not a suppression.
        let text =
            "let s = \"changegate: allow(rust/unwrap) reason: \\\"x\\\"\"; let x = y.unwrap();\n";
        let (kept, _) = apply(&change(text), vec![finding(1)]);
        assert_eq!(kept.len(), 1);
    }
}
