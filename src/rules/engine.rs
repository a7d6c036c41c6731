//! Runs one compiled rule over one analysed file.

use super::{Matcher, Rule, Scope};
use crate::analysis::{FileAnalysis, FileSyntax};
use crate::changeset::{FileChange, LineKind};
use crate::report::Range;
use std::collections::BTreeMap;
use tree_sitter::{QueryCursor, StreamingIterator};

/// A place where a rule matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    /// `None` for a removed config key (it has no line in the new file).
    pub range: Option<Range>,
    pub snippet: Option<String>,
    /// The rule's message with placeholders filled in.
    pub message: String,
    /// The changed item that encloses the match, e.g. `fn Router::apply`.
    pub item: Option<String>,
}

/// Every match of `rule` in `file`. `check_tiers: false` ignores the rule's `tiers` (rule tests).
pub fn run_rule(
    rule: &Rule,
    file: &FileChange,
    analysis: &FileAnalysis,
    syntax: &FileSyntax,
    check_tiers: bool,
) -> Vec<RuleMatch> {
    if check_tiers
        && !rule.tiers.is_empty()
        && !analysis
            .tier
            .as_ref()
            .is_some_and(|t| rule.tiers.contains(t))
    {
        return Vec::new();
    }
    if !file.paths().any(|p| rule.applies_to(p, analysis.language)) {
        return Vec::new();
    }
    if let Some(required) = &rule.file_contains {
        if !file
            .new_text
            .as_deref()
            .is_some_and(|t| required.is_match(t))
        {
            return Vec::new();
        }
    }
    let mut context = BTreeMap::new();
    context.insert(
        "tier".to_owned(),
        analysis.tier.clone().unwrap_or_else(|| "untiered".into()),
    );
    context.insert("path".to_owned(), analysis.path.clone());
    let mut out = match &rule.matcher {
        Matcher::Query(queries) => run_query(rule, queries, file, analysis, syntax, &context),
        Matcher::Key { pattern, when } => syntax
            .config_changes
            .iter()
            .filter(|c| pattern.matches(&c.path))
            .filter(|c| if when.is_empty() { true } else { when.holds(c) })
            .filter_map(|change| {
                let mut vars = context.clone();
                let show = |e: &Option<crate::syntax::config::Entry>| {
                    e.as_ref()
                        .map(|e| e.text.clone().unwrap_or_else(|| format!("<{}>", e.kind)))
                        .unwrap_or_else(|| "<absent>".into())
                };
                vars.insert("key".into(), change.path.clone());
                vars.insert("before".into(), show(&change.before));
                vars.insert("after".into(), show(&change.after));
                let (range, snippet) = match &change.after {
                    Some(entry) => line_range(file, entry.line),
                    None => (None, None),
                };
                if rule.exclude_test_code
                    && (syntax.whole_file_is_test
                        || range.is_some_and(|r| syntax.is_test_line(r.start_line)))
                {
                    return None;
                }
                Some(RuleMatch {
                    range,
                    snippet,
                    message: interpolate(&rule.message, &vars),
                    item: None,
                })
            })
            .collect(),
        Matcher::Regex(re) => run_regex(rule, re, file, syntax, &context),
    };
    for m in &mut out {
        if let Some(range) = m.range {
            m.item = enclosing_item(analysis, range.start_line);
        }
    }
    out
}

fn run_query(
    rule: &Rule,
    queries: &[(crate::syntax::Language, tree_sitter::Query, u32)],
    file: &FileChange,
    analysis: &FileAnalysis,
    syntax: &FileSyntax,
    context: &BTreeMap<String, String>,
) -> Vec<RuleMatch> {
    let old_side = rule.side == super::Side::Old;
    let (tree, text) = if old_side {
        (&syntax.old_tree, file.old_text.as_deref())
    } else {
        (&syntax.new_tree, file.new_text.as_deref())
    };
    let (Some(tree), Some(text), Some(language)) = (tree, text, analysis.language) else {
        return Vec::new();
    };
    let Some((_, query, match_index)) = queries.iter().find(|(l, _, _)| *l == language) else {
        return Vec::new();
    };
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(query, tree.root_node(), text.as_bytes());
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    while let Some(m) = matches.next() {
        let Some(node) = m
            .captures
            .iter()
            .find(|c| c.index == *match_index)
            .map(|c| c.node)
        else {
            continue;
        };
        let start = node.start_position();
        let end = node.end_position();
        let (start_line, end_line) = (to_u32(start.row + 1), to_u32(end.row + 1));
        let changed = if old_side {
            syntax.touches_removed(start_line, end_line)
        } else {
            syntax.touches_added(start_line, end_line)
        };
        if rule.scope == Scope::Changed && !changed {
            continue;
        }
        if rule.exclude_test_code && !old_side && syntax.is_test_line(start_line) {
            continue;
        }
        // On the old side only code that is gone counts: a modified or renamed item is not a removal.
        if old_side
            && !analysis.items.iter().any(|i| {
                i.change == crate::syntax::items::ItemChange::Removed
                    && i.start_line <= end_line
                    && start_line <= i.end_line
            })
        {
            continue;
        }
        if !seen.insert((node.start_byte(), node.end_byte())) {
            continue;
        }
        let mut vars = context.clone();
        for capture in m.captures {
            let name = query.capture_names()[capture.index as usize];
            let value = capture.node.utf8_text(text.as_bytes()).unwrap_or("");
            vars.entry(name.to_owned())
                .or_insert_with(|| value.to_owned());
        }
        let range = Range {
            start_line,
            start_col: column(text, node.start_byte()),
            end_line,
            end_col: column(
                text,
                node.end_byte().saturating_sub(1).max(node.start_byte()),
            ),
        };
        vars.insert("line".into(), start_line.to_string());
        // Old-side positions do not exist in the new file: report those file-wide.
        out.push(RuleMatch {
            range: (!old_side).then_some(range),
            snippet: (!old_side).then(|| lines(text, start_line, end_line.min(start_line + 4))),
            message: interpolate(&rule.message, &vars),
            item: None,
        });
    }
    out
}

fn run_regex(
    rule: &Rule,
    re: &regex::Regex,
    file: &FileChange,
    syntax: &FileSyntax,
    context: &BTreeMap<String, String>,
) -> Vec<RuleMatch> {
    // Lines to scan: the whole new file for `scope: file`, else the added lines. Added lines come
    // from the hunks, so a patch without full texts is scanned too.
    let candidates: Vec<(u32, String)> = match (rule.scope, file.new_text.as_deref()) {
        (Scope::File, Some(text)) => text
            .lines()
            .enumerate()
            .map(|(i, l)| (to_u32(i + 1), l.to_owned()))
            .collect(),
        _ => file
            .hunks
            .iter()
            .flat_map(|h| {
                h.numbered()
                    .filter(|(l, _, _)| l.kind == LineKind::Added)
                    .map(|(l, _, new)| (new, l.text.clone()))
                    .collect::<Vec<_>>()
            })
            .collect(),
    };
    let mut out = Vec::new();
    for (line, text) in candidates {
        if rule.exclude_test_code && syntax.is_test_line(line) {
            continue;
        }
        let Some(caps) = re.captures(&text) else {
            continue;
        };
        if rule.unless.as_ref().is_some_and(|u| u.is_match(&text)) {
            continue;
        }
        let whole = caps.get(0).expect("group 0 always exists");
        let mut vars = context.clone();
        for name in re.capture_names().flatten() {
            if let Some(m) = caps.name(name) {
                vars.insert(name.to_owned(), m.as_str().to_owned());
            }
        }
        let start_col = to_u32(text[..whole.start()].chars().count() + 1);
        let end_col = to_u32(text[..whole.end()].chars().count()).max(start_col);
        out.push(RuleMatch {
            range: Some(Range {
                start_line: line,
                start_col,
                end_line: line,
                end_col,
            }),
            snippet: Some(text.clone()),
            message: interpolate(&rule.message, &vars),
            item: None,
        });
    }
    out
}

/// The innermost changed item around a line.
fn enclosing_item(analysis: &FileAnalysis, line: u32) -> Option<String> {
    analysis
        .items
        .iter()
        .filter(|i| {
            i.start_line <= line
                && line <= i.end_line
                && i.change != crate::syntax::items::ItemChange::Removed
        })
        .max_by_key(|i| (i.start_line, std::cmp::Reverse(i.end_line)))
        .map(|i| i.label())
}

fn line_range(file: &FileChange, line: u32) -> (Option<Range>, Option<String>) {
    let Some(text) = file
        .new_text
        .as_deref()
        .and_then(|t| t.lines().nth(line.saturating_sub(1) as usize))
    else {
        return (None, None);
    };
    let indent = text.len() - text.trim_start().len();
    let range = Range {
        start_line: line,
        start_col: to_u32(text[..indent].chars().count() + 1),
        end_line: line,
        end_col: to_u32(text.trim_end().chars().count().max(1)),
    };
    (Some(range), Some(text.to_owned()))
}

/// 1-based character column of a byte offset.
fn column(text: &str, byte: usize) -> u32 {
    let byte = byte.min(text.len());
    let line_start = text[..byte].rfind('\n').map_or(0, |p| p + 1);
    let prefix = text.get(line_start..byte).unwrap_or("");
    to_u32(prefix.chars().count() + 1)
}

fn lines(text: &str, start: u32, end: u32) -> String {
    text.lines()
        .skip(start.saturating_sub(1) as usize)
        .take((end - start + 1) as usize)
        .collect::<Vec<_>>()
        .join("\n")
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Replaces `{{name}}` with `vars[name]`; unknown names stay as written.
pub fn interpolate(message: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                match vars.get(name) {
                    Some(value) => out.push_str(value),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
