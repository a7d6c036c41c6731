//! Inline suppressions: `changegate: allow(rule-id[, other-id]) reason: "why"` in a comment on the
//! finding's line or the line above it.
//!
//! Governance, because a PR author must not be able to silence the gate that judges the PR:
//! - a marker counts only inside a real comment of the file's language (tree-sitter's comment
//!   nodes where we parse the language; outside quotes after a comment opener elsewhere), never
//!   in a string literal;
//! - gate findings (policy, rules, CODEOWNERS, CI definitions), secrets and the analysis'
//!   own findings can never be silenced;
//! - a suppression the change adds is a finding of its own (`suppression/added`: who, which
//!   rules, why), so reviewers of the file's tier see it;
//! - one without a reason silences nothing and is reported; one the change adds that silences
//!   nothing is warned about; every suppression that silenced something is listed in the verdict.

use crate::analysis::{Analysis, FileSyntax};
use crate::model::changeset::ChangeSet;
use crate::model::{Finding, Range, Severity};
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
    /// Whether the change itself added it (it is then also a `suppression/added` finding).
    #[serde(default)]
    pub added_by_change: bool,
}

/// Findings no inline comment may silence: the gate's self-protection, secrets, and what the
/// analysis says about itself.
pub fn is_unsuppressible(finding: &Finding) -> bool {
    matches!(finding.check.as_str(), "gate" | "analysis" | "suppression")
        || finding.rule_id.starts_with("secrets/")
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

fn markers(change: &ChangeSet, analysis: &Analysis) -> Vec<Marker> {
    let mut out = Vec::new();
    for (index, file) in change.files.iter().enumerate() {
        let Some(text) = file.new_text.as_deref() else {
            continue;
        };
        if !text.contains(crate::model::finding::SUPPRESSION_MARKER) {
            continue;
        }
        // Where the language is parsed, only its comment nodes hold markers.
        let comments: Option<Vec<(usize, usize)>> =
            analysis.syntax.get(index).and_then(FileSyntax::comments);
        let added: std::collections::BTreeSet<u32> = file.added_lines().collect();
        let mut line_start = 0usize;
        for (index, line) in text.split_inclusive('\n').enumerate() {
            let offset = line_start;
            line_start += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            let Some(caps) = marker_regex().captures(line) else {
                continue;
            };
            let start = caps.get(0).map_or(0, |m| m.start());
            let in_comment = match &comments {
                Some(ranges) => ranges
                    .iter()
                    .any(|&(s, e)| s <= offset + start && offset + start < e),
                None => after_comment_opener(&line[..start]),
            };
            if !in_comment {
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

/// For files we do not parse: a comment opener outside any quotes precedes the marker.
fn after_comment_opener(before: &str) -> bool {
    let mut quote: Option<char> = None;
    let chars: Vec<char> = before.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some(_) if c == '\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' || c == '`' => quote = Some(c),
            None => {
                let rest: String = chars[i..].iter().collect();
                if COMMENT_OPENERS.iter().any(|o| rest.starts_with(o)) {
                    return true;
                }
            }
        }
        i += 1;
    }
    false
}

/// Removes suppressed findings; returns the suppressions used and adds findings about bad ones.
pub fn apply(
    change: &ChangeSet,
    analysis: &Analysis,
    findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<Suppression>) {
    let mut markers = markers(change, analysis);
    if markers.is_empty() {
        return (findings, Vec::new());
    }
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let (Some(path), Some(range)) = (&finding.path, finding.range) else {
            kept.push(finding);
            continue;
        };
        if is_unsuppressible(&finding) {
            kept.push(finding);
            continue;
        }
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
                Finding::new("suppression", "suppression/unused", Severity::Warning, format!("suppression of {} matches no finding", m.rules.join(", ")))
                    .at(m.path.clone(), range)
                    .snippet(m.text.clone())
                    .note("it must sit on the finding's line or the line above, and name the rule id exactly; gate, secret and analysis findings cannot be suppressed; remove it if nothing needs it"),
            );
        } else if m.silenced > 0 {
            let reason = m.reason.clone().unwrap_or_default();
            if m.on_added_line {
                let who = change
                    .meta
                    .author
                    .as_deref()
                    .unwrap_or("the change's author");
                kept.push(
                    Finding::new(
                        "suppression",
                        "suppression/added",
                        Severity::Warning,
                        format!(
                            "{who} adds a suppression of {} ({} finding{} silenced): \"{reason}\"",
                            m.rules.join(", "),
                            m.silenced,
                            if m.silenced == 1 { "" } else { "s" }
                        ),
                    )
                    .at(m.path.clone(), range)
                    .snippet(m.text.clone())
                    .note("the change silences its own findings: its reviewers (the file's tier's approvals) must agree with the reason"),
                );
            }
            used.push(Suppression {
                path: m.path,
                line: m.line,
                rules: m.rules,
                reason,
                silenced: m.silenced,
                added_by_change: m.on_added_line,
            });
        }
    }
    (kept, used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changeset::{Content, FileChange, FileStatus};

    fn change(text: &str) -> ChangeSet {
        let mut f = FileChange::new(FileStatus::Added, None, Some("src/a.rs".into()));
        f.content = Content::Text;
        f.hunks = crate::source::diff::compute_hunks(b"", text.as_bytes(), 3);
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
        let (kept, used) = apply(
            &change(text),
            &Analysis::default(),
            vec![finding(2), finding(3)],
        );
        // Both were added by the change: each is a finding of its own.
        let ids: Vec<&str> = kept.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["suppression/added", "suppression/added"],
            "{kept:?}"
        );
        assert!(used.iter().all(|u| u.added_by_change));
        assert_eq!(used.len(), 2);
        assert_eq!(used[0].reason, "startup only");
        assert_eq!(used[1].rules, vec!["rust/unwrap", "rust/expect"]);
    }

    #[test]
    fn suppression_without_reason_is_ignored_and_reported() {
        let text = "// changegate: allow(rust/unwrap)\nlet x = y.unwrap();\n";
        let (kept, used) = apply(&change(text), &Analysis::default(), vec![finding(2)]);
        assert!(used.is_empty());
        let ids: Vec<&str> = kept.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(ids, vec!["rust/unwrap", "suppression/missing-reason"]);
    }

    #[test]
    fn unused_and_misplaced_suppressions() {
        let text = "// changegate: allow(rust/expect) reason: \"x\"\nlet x = y.unwrap();\n\n\nlet q = 1;\n";
        let (kept, _) = apply(&change(text), &Analysis::default(), vec![finding(2)]);
        let ids: Vec<&str> = kept.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(ids, vec!["rust/unwrap", "suppression/unused"]);
        // Not in a comment: a string literal mentioning the syntax is not a suppression.
        let text =
            "let s = \"changegate: allow(rust/unwrap) reason: \\\"x\\\"\"; let x = y.unwrap();\n";
        let (kept, _) = apply(&change(text), &Analysis::default(), vec![finding(1)]);
        assert_eq!(kept.len(), 1);
    }
}

#[cfg(test)]
mod attacks {
    use super::*;
    use crate::model::changeset::{Content, FileChange, FileStatus};
    use crate::policy::Policy;

    fn parsed(path: &str, text: &str) -> (ChangeSet, Analysis) {
        let mut f = FileChange::new(FileStatus::Added, None, Some(path.into()));
        f.content = Content::Text;
        f.hunks = crate::source::diff::compute_hunks(b"", text.as_bytes(), 3);
        f.new_text = Some(text.into());
        let change = ChangeSet {
            files: vec![f],
            ..ChangeSet::default()
        };
        let analysis = crate::analysis::analyse(
            &change,
            &Policy::builtin(),
            crate::analysis::DEFAULT_PARSE_BUDGET,
        );
        (change, analysis)
    }

    fn at(rule: &str, check: &str, path: &str, line: u32) -> Finding {
        Finding::new(check, rule, Severity::Error, "m")
            .blocking(true)
            .at(path, Some(Range::line(line, "x")))
    }

    #[test]
    fn a_marker_inside_a_string_literal_silences_nothing() {
        let text = "fn f() {\n    let s = \"// changegate: allow(rust/unwrap) reason: \\\"x\\\"\"; let x = y.unwrap();\n}\n";
        let (change, analysis) = parsed("src/a.rs", text);
        let (kept, used) = apply(
            &change,
            &analysis,
            vec![at("rust/unwrap", "patterns", "src/a.rs", 2)],
        );
        assert!(used.is_empty());
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn secrets_and_gate_findings_cannot_be_suppressed() {
        let text = "# changegate: allow(secrets/aws-access-key, gate/policy-changed, analysis/not-analysed) reason: \"test key\"\nkey: AKIAIOSFODNN7EXAMPLE\n";
        let (change, analysis) = parsed("config/app.yaml", text);
        let findings = vec![
            at("secrets/aws-access-key", "patterns", "config/app.yaml", 2),
            at("gate/policy-changed", "gate", "config/app.yaml", 2),
            at("analysis/not-analysed", "analysis", "config/app.yaml", 2),
        ];
        let (kept, used) = apply(&change, &analysis, findings);
        assert!(used.is_empty());
        let ids: Vec<&str> = kept.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "secrets/aws-access-key",
                "gate/policy-changed",
                "analysis/not-analysed",
                "suppression/unused"
            ]
        );
        assert_eq!(kept[3].severity, Severity::Warning);
    }

    #[test]
    fn an_added_suppression_names_who_added_it_and_why() {
        let text = "fn f() {\n    // changegate: allow(rust/unwrap) reason: \"startup only\"\n    y.unwrap();\n}\n";
        let (mut change, analysis) = parsed("src/a.rs", text);
        change.meta.author = Some("mallory".into());
        let (kept, used) = apply(
            &change,
            &analysis,
            vec![at("rust/unwrap", "patterns", "src/a.rs", 3)],
        );
        assert_eq!(used.len(), 1);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].rule_id, "suppression/added");
        assert!(kept[0].message.contains("mallory") && kept[0].message.contains("startup only"));
    }
}
