//! Runs rules over analysed files.
//!
//! `run_file` is the fast path used by the gate: all `query` rules of a language run as ONE
//! combined tree-sitter query (one tree walk instead of one per rule), restricted to the changed
//! byte ranges when no rule needs the whole file. `run_rule` runs a single rule the same way and
//! serves rule tests. Both share every filter, so a rule behaves identically in either.

use super::{Matcher, Rule, RuleSet, Scope, Side};
use crate::analysis::syntax::items::ItemChange;
use crate::analysis::{FileAnalysis, FileSyntax};
use crate::model::changeset::{FileChange, LineKind};
use crate::model::Range;
use std::collections::{BTreeMap, BTreeSet};
use tree_sitter::{Query, QueryCursor, StreamingIterator, Tree};

/// A place where a rule matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    /// `None` for a removed config key or removed code (no line in the new file).
    pub range: Option<Range>,
    pub snippet: Option<String>,
    /// The rule's message with placeholders filled in.
    pub message: String,
    /// The changed item that encloses the match, e.g. `fn Router::apply`.
    pub item: Option<String>,
    /// The matched code was already in the old version of the file (re-indented, reformatted or
    /// moved): not new, reported as moved.
    pub moved: bool,
    /// The matched text without whitespace: what "the same code" means for `moved`.
    pub(crate) normalised: String,
}

/// Line starts of a text, for O(log n) line and column lookups.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// Text of 1-based line `n`, without its terminator.
    fn line(&self, n: u32) -> Option<&'a str> {
        let start = *self.starts.get((n as usize).checked_sub(1)?)?;
        if start > self.text.len() || (start == self.text.len() && n as usize > 1) {
            return None;
        }
        let end = self
            .starts
            .get(n as usize)
            .map_or(self.text.len(), |&s| s - 1);
        Some(self.text[start..end.max(start)].trim_end_matches('\r'))
    }

    /// 1-based character column of a byte offset.
    fn column(&self, byte: usize) -> u32 {
        let byte = byte.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        to_u32(
            self.text
                .get(self.starts[line]..byte)
                .map_or(0, |p| p.chars().count())
                + 1,
        )
    }

    /// Lines `start..=end`, joined.
    fn lines(&self, start: u32, end: u32) -> String {
        (start..=end)
            .filter_map(|n| self.line(n))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Byte range of lines `start..=end`.
    fn byte_range(&self, start: u32, end: u32) -> std::ops::Range<usize> {
        let from = self
            .starts
            .get(start.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(self.text.len());
        let to = self
            .starts
            .get(end as usize)
            .copied()
            .unwrap_or(self.text.len());
        from..to
    }
}

/// Everything the filters need about one file.
struct FileRun<'a> {
    file: &'a FileChange,
    analysis: &'a FileAnalysis,
    syntax: &'a FileSyntax,
    new_lines: Option<LineIndex<'a>>,
    old_lines: Option<LineIndex<'a>>,
    context: BTreeMap<String, String>,
    /// Query work left for this file (tree-sitter progress callbacks: deterministic).
    query_steps_left: std::cell::Cell<u64>,
    /// Set when a query ran out of work budget and was stopped.
    query_over_budget: std::cell::Cell<bool>,
}

/// The query work one file may take, in tree-sitter progress callbacks (one per 100 cursor
/// operations): custom queries with nested quantifiers can take minutes on a hostile file; a
/// budget counted, not timed, gives the same verdict on every machine.
pub const QUERY_BUDGET_BASE: u64 = 200_000;
pub const QUERY_BUDGET_PER_KIB: u64 = 20_000;

/// The query work `file` may take: a base plus a share per KiB of both sides.
fn query_budget(file: &FileChange) -> u64 {
    let bytes =
        file.new_text.as_deref().map_or(0, str::len) + file.old_text.as_deref().map_or(0, str::len);
    QUERY_BUDGET_BASE + QUERY_BUDGET_PER_KIB * (bytes as u64).div_ceil(1024)
}

/// In-progress matches a query may hold at once (bounds memory on a hostile file).
const QUERY_MATCH_LIMIT: u32 = 10_000;

impl<'a> FileRun<'a> {
    fn new(file: &'a FileChange, analysis: &'a FileAnalysis, syntax: &'a FileSyntax) -> Self {
        let mut context = BTreeMap::new();
        context.insert(
            "tier".to_owned(),
            analysis.tier.clone().unwrap_or_else(|| "untiered".into()),
        );
        context.insert("path".to_owned(), analysis.path.clone());
        FileRun {
            file,
            analysis,
            syntax,
            new_lines: file.new_text.as_deref().map(LineIndex::new),
            old_lines: file.old_text.as_deref().map(LineIndex::new),
            context,
            query_steps_left: std::cell::Cell::new(query_budget(file)),
            query_over_budget: std::cell::Cell::new(false),
        }
    }

    /// Whether `rule` looks at this file at all (tiers, languages, paths, file_contains).
    fn applies(&self, rule: &Rule, check_tiers: bool) -> bool {
        if check_tiers
            && !rule.tiers.is_empty()
            && !self
                .analysis
                .tier
                .as_ref()
                .is_some_and(|t| rule.tiers.contains(t))
        {
            return false;
        }
        if !self
            .file
            .paths()
            .any(|p| rule.applies_to(p, self.analysis.language))
        {
            return false;
        }
        match &rule.file_contains {
            Some(required) => self
                .file
                .new_text
                .as_deref()
                .is_some_and(|t| required.is_match(t)),
            None => true,
        }
    }
}

/// Every match of `rule` in `file`. `check_tiers: false` ignores the rule's `tiers` (rule tests).
pub fn run_rule(
    rule: &Rule,
    file: &FileChange,
    analysis: &FileAnalysis,
    syntax: &FileSyntax,
    check_tiers: bool,
) -> Vec<RuleMatch> {
    let run = FileRun::new(file, analysis, syntax);
    if !run.applies(rule, check_tiers) {
        return Vec::new();
    }
    let mut out = single_rule_hits(&run, rule);
    attach_items(&run, &mut out);
    out
}

/// Every match of every rule of `set` in `file`, as `(rule index, match)`, in rule order.
pub fn run_file(
    set: &RuleSet,
    file: &FileChange,
    analysis: &FileAnalysis,
    syntax: &FileSyntax,
) -> Vec<(usize, RuleMatch)> {
    run_file_within_budget(set, file, analysis, syntax).0
}

/// `run_file`, also saying whether a query ran out of its work budget (its matches are then
/// incomplete, and the caller must say so).
pub fn run_file_within_budget(
    set: &RuleSet,
    file: &FileChange,
    analysis: &FileAnalysis,
    syntax: &FileSyntax,
) -> (Vec<(usize, RuleMatch)>, bool) {
    let run = FileRun::new(file, analysis, syntax);
    let out = run_file_with(set, &run);
    (out, run.query_over_budget.get())
}

/// `run_file_within_budget` with an explicit number of query steps (tests).
#[cfg(test)]
pub fn run_file_with_steps(
    set: &RuleSet,
    file: &FileChange,
    analysis: &FileAnalysis,
    syntax: &FileSyntax,
    steps: u64,
) -> (Vec<(usize, RuleMatch)>, bool) {
    let run = FileRun::new(file, analysis, syntax);
    run.query_steps_left.set(steps);
    let out = run_file_with(set, &run);
    (out, run.query_over_budget.get())
}

fn run_file_with(set: &RuleSet, run: &FileRun<'_>) -> Vec<(usize, RuleMatch)> {
    merge(tree_hits(set, run), rest_hits(set, run))
}

/// What a file's query rules gave while its trees existed: matches and whether a query ran out
/// of budget, or the internal error that stopped them.
pub type QueryOutcome = Result<(Vec<(usize, RuleMatch)>, bool), String>;

/// The matches of the rules that need syntax trees (queries), so a caller can run them while
/// the trees exist and drop the trees before the rest runs; `bool`: a query ran out of budget.
pub fn run_file_queries(
    set: &RuleSet,
    file: &FileChange,
    analysis: &FileAnalysis,
    syntax: &FileSyntax,
) -> (Vec<(usize, RuleMatch)>, bool) {
    let run = FileRun::new(file, analysis, syntax);
    let out = tree_hits(set, &run);
    (out, run.query_over_budget.get())
}

/// The matches of the rules that need no tree (keys, regexes) merged with `queries` (from
/// `run_file_queries`): what `run_file` gives.
pub fn run_file_rest(
    set: &RuleSet,
    file: &FileChange,
    analysis: &FileAnalysis,
    syntax: &FileSyntax,
    queries: Vec<(usize, RuleMatch)>,
) -> Vec<(usize, RuleMatch)> {
    let run = FileRun::new(file, analysis, syntax);
    merge(queries, rest_hits(set, &run))
}

/// Both parts in rule order (a rule is in one part only; each part keeps its own order).
fn merge(
    mut queries: Vec<(usize, RuleMatch)>,
    rest: Vec<(usize, RuleMatch)>,
) -> Vec<(usize, RuleMatch)> {
    queries.extend(rest);
    queries.sort_by_key(|(index, m)| (*index, m.range));
    queries
}

/// Query rules: each alone, or all of a language's new-side ones as one combined query; items
/// attached, sorted, moved code marked.
fn tree_hits(set: &RuleSet, run: &FileRun<'_>) -> Vec<(usize, RuleMatch)> {
    let analysis = run.analysis;
    let applicable: Vec<bool> = set.rules.iter().map(|r| run.applies(r, true)).collect();
    let mut out: Vec<(usize, RuleMatch)> = Vec::new();
    let combined = analysis
        .language
        .and_then(|l| set.combined.iter().find(|c| c.language == l));
    for (index, rule) in set.rules.iter().enumerate() {
        if !applicable[index] || !matches!(rule.matcher, Matcher::Query(_)) {
            continue;
        }
        // New-side queries of this language run below, all at once.
        if combined.is_some_and(|c| c.rules.contains(&index)) {
            continue;
        }
        let matches = single_rule_hits(run, rule);
        out.extend(matches.into_iter().map(|m| (index, m)));
    }
    if let Some(combined) = combined {
        let wanted: Vec<usize> = combined
            .rules
            .iter()
            .copied()
            .filter(|&i| applicable[i])
            .collect();
        if !wanted.is_empty() {
            let whole_file = wanted.iter().any(|&i| set.rules[i].scope == Scope::File);
            let rule_for = |pattern: usize| {
                let index = combined.pattern_rules[pattern];
                applicable[index].then(|| &set.rules[index])
            };
            let index_of = |rule: &Rule| {
                set.rules
                    .iter()
                    .position(|r| std::ptr::eq(r, rule))
                    .unwrap_or(0)
            };
            for (rule, m) in query_hits(
                run,
                &combined.query,
                combined.match_index,
                Side::New,
                rule_for,
                whole_file,
                Census::Report,
            ) {
                out.push((index_of(rule), m));
            }
        }
    }
    let mut out = with_items(run, out);
    mark_moved(set, run, &mut out);
    out
}

/// Key and regex rules (no tree needed), items attached, sorted.
fn rest_hits(set: &RuleSet, run: &FileRun<'_>) -> Vec<(usize, RuleMatch)> {
    let mut out: Vec<(usize, RuleMatch)> = Vec::new();
    for (index, rule) in set.rules.iter().enumerate() {
        if matches!(rule.matcher, Matcher::Query(_)) || !run.applies(rule, true) {
            continue;
        }
        let matches = single_rule_hits(run, rule);
        out.extend(matches.into_iter().map(|m| (index, m)));
    }
    with_items(run, out)
}

/// Attaches items to `out`'s matches and sorts them by rule, then place.
fn with_items(run: &FileRun<'_>, out: Vec<(usize, RuleMatch)>) -> Vec<(usize, RuleMatch)> {
    let (indexes, mut matches): (Vec<usize>, Vec<RuleMatch>) = out.into_iter().unzip();
    attach_items(run, &mut matches);
    let mut out: Vec<(usize, RuleMatch)> = indexes.into_iter().zip(matches).collect();
    out.sort_by_key(|(index, m)| (*index, m.range));
    out
}

/// One rule on its own (its own query, key or regex matcher).
fn single_rule_hits(run: &FileRun<'_>, rule: &Rule) -> Vec<RuleMatch> {
    match &rule.matcher {
        Matcher::Query(queries) => match queries
            .iter()
            .find(|slot| Some(slot.language) == run.analysis.language)
            .and_then(|slot| slot.get())
        {
            Some((query, match_index)) => query_hits(
                run,
                query,
                match_index,
                rule.side,
                |_| Some(rule),
                rule.scope == Scope::File,
                Census::Report,
            )
            .into_iter()
            .map(|(_, m)| m)
            .collect(),
            None => Vec::new(),
        },
        Matcher::Key { .. } => key_hits(run, rule),
        Matcher::Regex(re) => regex_hits(run, rule, re),
    }
}

/// Runs `query` on one side of the file; `rule_for(pattern)` says which rule a pattern belongs to
/// (or `None` to skip it). Applies scope, test-code and removed-code filters.
fn query_hits<'r>(
    run: &FileRun<'_>,
    query: &Query,
    match_index: u32,
    side: Side,
    rule_for: impl Fn(usize) -> Option<&'r Rule>,
    whole_file: bool,
    census: Census,
) -> Vec<(&'r Rule, RuleMatch)> {
    let old_side = side == Side::Old;
    let census = census == Census::Everything;
    let (tree, text, index): (&Option<Tree>, _, _) = if old_side {
        (
            &run.syntax.old_tree,
            run.file.old_text.as_deref(),
            run.old_lines.as_ref(),
        )
    } else {
        (
            &run.syntax.new_tree,
            run.file.new_text.as_deref(),
            run.new_lines.as_ref(),
        )
    };
    let (Some(tree), Some(text), Some(index)) = (tree, text, index) else {
        return Vec::new();
    };
    // Matches can only count where lines changed: restrict the walk to those byte ranges.
    let changed_lines = if old_side {
        &run.syntax.removed_lines
    } else {
        &run.syntax.added_lines
    };
    let ranges: Vec<std::ops::Range<usize>> = if whole_file || census {
        std::iter::once(0..text.len()).collect()
    } else {
        blocks(changed_lines)
            .into_iter()
            .map(|(s, e)| index.byte_range(s, e))
            .collect()
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut cursor = QueryCursor::new();
    cursor.set_match_limit(QUERY_MATCH_LIMIT);
    for range in ranges {
        cursor.set_byte_range(range);
        let steps = &run.query_steps_left;
        let over = &run.query_over_budget;
        let mut spend = |_: &tree_sitter::QueryCursorState| {
            let left = steps.get();
            if left == 0 {
                over.set(true);
                return true;
            }
            steps.set(left - 1);
            false
        };
        let mut matches = cursor.matches_with_options(
            query,
            tree.root_node(),
            text.as_bytes(),
            tree_sitter::QueryCursorOptions::new().progress_callback(&mut spend),
        );
        while let Some(m) = matches.next() {
            let Some(rule) = rule_for(m.pattern_index) else {
                continue;
            };
            let Some(node) = m
                .captures
                .iter()
                .find(|c| c.index == match_index)
                .map(|c| c.node)
            else {
                continue;
            };
            let (start_line, end_line) = (
                to_u32(node.start_position().row + 1),
                to_u32(node.end_position().row + 1),
            );
            let changed = if old_side {
                run.syntax.touches_removed(start_line, end_line)
            } else {
                run.syntax.touches_added(start_line, end_line)
            };
            if !census && rule.scope == Scope::Changed && !changed {
                continue;
            }
            if !census && rule.exclude_test_code && !old_side && run.syntax.is_test_line(start_line)
            {
                continue;
            }
            // On the old side only code that is gone counts: a modified or renamed item is not a removal.
            if !census
                && old_side
                && !run.analysis.items.iter().any(|i| {
                    i.change == ItemChange::Removed
                        && i.start_line <= end_line
                        && start_line <= i.end_line
                })
            {
                continue;
            }
            if !seen.insert((rule.id.as_str(), node.start_byte(), node.end_byte())) {
                continue;
            }
            let mut vars = run.context.clone();
            for capture in m.captures {
                let name = query.capture_names()[capture.index as usize];
                let value = capture.node.utf8_text(text.as_bytes()).unwrap_or("");
                vars.entry(name.to_owned())
                    .or_insert_with(|| value.to_owned());
            }
            vars.insert("line".into(), start_line.to_string());
            let range = Range {
                start_line,
                start_col: index.column(node.start_byte()),
                end_line,
                end_col: index.column(node.end_byte().saturating_sub(1).max(node.start_byte())),
            };
            // Old-side positions do not exist in the new file: those are reported file-wide.
            out.push((
                rule,
                RuleMatch {
                    range: (!old_side).then_some(range),
                    snippet: (!old_side)
                        .then(|| index.lines(start_line, end_line.min(start_line + 4))),
                    message: interpolate(&rule.message, &vars),
                    item: None,
                    moved: false,
                    normalised: without_whitespace(
                        unit_of(node).utf8_text(text.as_bytes()).unwrap_or(""),
                    ),
                },
            ));
        }
    }
    out
}

/// Whether a query run reports (filters applied) or counts every match in the file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Census {
    Report,
    Everything,
}

/// The code a match stands for, for telling moved code from new: a query often captures one
/// token (`unwrap`, `expect`, the `unsafe` keyword), and two `unsafe` keywords are not the same
/// code. This is the nearest enclosing call, block, macro or item (within four levels), or the
/// capture itself when it already has structure.
fn unit_of(node: tree_sitter::Node<'_>) -> tree_sitter::Node<'_> {
    const UNITS: &[&str] = &[
        "call_expression",
        "unsafe_block",
        "macro_invocation",
        "impl_item",
        "attribute_item",
        "inner_attribute_item",
        "function_item",
        "call",
        "method_invocation",
        "invocation_expression",
        "command",
        "pipeline",
    ];
    if node.child_count() > 0 {
        return node;
    }
    let mut at = node;
    for _ in 0..4 {
        let Some(parent) = at.parent() else { break };
        if UNITS.contains(&parent.kind()) {
            return parent;
        }
        at = parent;
    }
    node.parent().unwrap_or(node)
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Marks as moved the added-line query matches that are not new: a match is new only while the
/// new file holds more matches of the same rule with the same text (whitespace aside) than the
/// old file did. Re-indenting an `.expect(…)`, reformatting it, or moving it into another
/// function or match arm adds no risk; a second copy does. Counting per file (not per item) also
/// makes code moved between items "moved". Of several equal matches on added lines, the first
/// ones in the file count as the new ones.
fn mark_moved(set: &RuleSet, run: &FileRun<'_>, out: &mut [(usize, RuleMatch)]) {
    let candidates: BTreeSet<usize> = out
        .iter()
        .filter(|(i, m)| {
            let rule = &set.rules[*i];
            m.range.is_some()
                && rule.side == Side::New
                && rule.scope == Scope::Changed
                && matches!(rule.matcher, Matcher::Query(_))
        })
        .map(|(i, _)| *i)
        .collect();
    if candidates.is_empty() || run.syntax.old_tree.is_none() {
        return;
    }
    // One walk per side with the language's combined query when it covers every candidate
    // (the usual case), instead of one walk per rule.
    let combined = run
        .analysis
        .language
        .and_then(|l| set.combined.iter().find(|c| c.language == l))
        .filter(|c| candidates.iter().all(|i| c.rules.contains(i)));
    let count = |side: Side| {
        let mut counts: BTreeMap<(usize, String), usize> = BTreeMap::new();
        if let Some(combined) = combined {
            let rule_for = |pattern: usize| {
                let index = combined.pattern_rules[pattern];
                candidates.contains(&index).then(|| &set.rules[index])
            };
            for (rule, m) in query_hits(
                run,
                &combined.query,
                combined.match_index,
                side,
                rule_for,
                true,
                Census::Everything,
            ) {
                let index = set
                    .rules
                    .iter()
                    .position(|r| std::ptr::eq(r, rule))
                    .unwrap_or(0);
                *counts.entry((index, m.normalised)).or_default() += 1;
            }
            return counts;
        }
        for &index in &candidates {
            let rule = &set.rules[index];
            let Matcher::Query(queries) = &rule.matcher else {
                continue;
            };
            let Some((query, match_index)) = queries
                .iter()
                .find(|slot| Some(slot.language) == run.analysis.language)
                .and_then(|slot| slot.get())
            else {
                continue;
            };
            for (_, m) in query_hits(
                run,
                query,
                match_index,
                side,
                |_| Some(rule),
                true,
                Census::Everything,
            ) {
                *counts.entry((index, m.normalised)).or_default() += 1;
            }
        }
        counts
    };
    // The census has a budget of its own, so counting never stops a reporting query; if it runs
    // out, the counts are partial and nothing is marked (every match stays new).
    let (steps, over) = (run.query_steps_left.get(), run.query_over_budget.get());
    run.query_steps_left.set(query_budget(run.file));
    run.query_over_budget.set(false);
    let old = count(Side::Old);
    let new = count(Side::New);
    let complete = !run.query_over_budget.get();
    run.query_steps_left.set(steps);
    run.query_over_budget.set(over);
    if !complete {
        return;
    }
    // Matches on unchanged lines account for their own copies first.
    let mut new_left: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for (key, n) in &new {
        let reported = out
            .iter()
            .filter(|(i, m)| (*i, &m.normalised) == (key.0, &key.1) && m.range.is_some())
            .count();
        let unchanged = n.saturating_sub(reported);
        let before = old.get(key).copied().unwrap_or(0);
        new_left.insert(key.clone(), n.saturating_sub(before.max(unchanged)));
    }
    for (index, m) in out.iter_mut() {
        if !candidates.contains(index) || m.range.is_none() {
            continue;
        }
        let key = (*index, m.normalised.clone());
        match new_left.get_mut(&key) {
            Some(left) if *left > 0 => *left -= 1,
            Some(_) => m.moved = true,
            // The whole-file count did not see it (budget stop): keep it as new.
            None => {}
        }
    }
}

/// Consecutive runs of sorted line numbers, as inclusive `(start, end)`.
fn blocks(lines: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &line in lines {
        match out.last_mut() {
            Some((_, end)) if *end + 1 >= line => *end = (*end).max(line),
            _ => out.push((line, line)),
        }
    }
    out
}

fn key_hits(run: &FileRun<'_>, rule: &Rule) -> Vec<RuleMatch> {
    let Matcher::Key { pattern, when } = &rule.matcher else {
        return Vec::new();
    };
    if run.file.status == crate::model::changeset::FileStatus::Deleted && !rule.deleted_files {
        return Vec::new();
    }
    let show = |e: &Option<crate::analysis::syntax::config::Entry>| {
        e.as_ref()
            .map(|e| e.text.clone().unwrap_or_else(|| format!("<{}>", e.kind)))
            .unwrap_or_else(|| "<absent>".into())
    };
    run.syntax
        .config_changes
        .iter()
        .filter(|c| pattern.matches(&c.path) && (when.is_empty() || when.holds(c)))
        .filter_map(|change| {
            let mut vars = run.context.clone();
            vars.insert("key".into(), change.path.clone());
            vars.insert("before".into(), show(&change.before));
            vars.insert("after".into(), show(&change.after));
            let (range, snippet) = match (&change.after, &run.new_lines) {
                (Some(entry), Some(index)) => line_range(index, entry.line),
                _ => (None, None),
            };
            if rule.exclude_test_code
                && (run.syntax.whole_file_is_test
                    || range.is_some_and(|r| run.syntax.is_test_line(r.start_line)))
            {
                return None;
            }
            Some(RuleMatch {
                range,
                snippet,
                message: interpolate(&rule.message, &vars),
                item: None,
                moved: false,
                normalised: String::new(),
            })
        })
        .collect()
}

fn regex_hits(run: &FileRun<'_>, rule: &Rule, re: &regex::Regex) -> Vec<RuleMatch> {
    if rule.side == Side::Old {
        return removed_line_hits(run, rule, re);
    }
    // Lines to scan: the whole new file for `scope: file`, else the added lines. Added lines come
    // from the hunks, so a patch without full texts is scanned too.
    let candidates: Vec<(u32, &str)> = match (rule.scope, run.file.new_text.as_deref()) {
        (Scope::File, Some(text)) => text
            .lines()
            .enumerate()
            .map(|(i, l)| (to_u32(i + 1), l))
            .collect(),
        // A binary or oversized file: the new lines its bytes hold (see `FileChange::scan_lines`).
        (_, None) if !run.file.scan_lines.is_empty() => run
            .file
            .scan_lines
            .iter()
            .map(|(line, text)| (*line, text.as_str()))
            .collect(),
        _ => run
            .file
            .hunks
            .iter()
            .flat_map(|h| {
                h.numbered()
                    .filter(|(l, _, _)| l.kind == LineKind::Added)
                    .map(|(l, _, new)| (new, l.text()))
            })
            .collect(),
    };
    let mut out = Vec::new();
    for (line, text) in candidates {
        if rule.exclude_test_code && run.syntax.is_test_line(line) {
            continue;
        }
        let Some(caps) = re.captures(text) else {
            continue;
        };
        if rule.unless.as_ref().is_some_and(|u| u.is_match(text)) {
            continue;
        }
        let whole = caps.get(0).expect("group 0 always exists");
        let vars = capture_vars(run, re, &caps);
        let start_col = to_u32(text[..whole.start()].chars().count() + 1);
        let end_col = to_u32(text[..whole.end()].chars().count()).max(start_col);
        out.push(RuleMatch {
            range: Some(Range {
                start_line: line,
                start_col,
                end_line: line,
                end_col,
            }),
            snippet: Some(text.to_owned()),
            message: interpolate(&rule.message, &vars),
            item: None,
            moved: false,
            normalised: String::new(),
        });
    }
    out
}

/// The message variables of a regex match: the file's context plus the named groups.
fn capture_vars(
    run: &FileRun<'_>,
    re: &regex::Regex,
    caps: &regex::Captures<'_>,
) -> BTreeMap<String, String> {
    let mut vars = run.context.clone();
    for name in re.capture_names().flatten() {
        if let Some(m) = caps.name(name) {
            vars.insert(name.to_owned(), m.as_str().to_owned());
        }
    }
    vars
}

/// `side: old` regex rules: removed lines that match (what the change takes away, for files
/// without a grammar such as chart templates). A line that is also added (moved or re-indented)
/// is not a removal. Old-side positions do not exist in the new file: reported file-wide.
fn removed_line_hits(run: &FileRun<'_>, rule: &Rule, re: &regex::Regex) -> Vec<RuleMatch> {
    let lines = |kind: LineKind| {
        run.file
            .hunks
            .iter()
            .flat_map(|h| h.lines.iter())
            .filter(move |l| l.kind == kind)
            .map(|l| l.text())
    };
    let added: std::collections::BTreeSet<&str> = lines(LineKind::Added).map(str::trim).collect();
    let mut out = Vec::new();
    for text in lines(LineKind::Removed) {
        if added.contains(text.trim()) || rule.unless.as_ref().is_some_and(|u| u.is_match(text)) {
            continue;
        }
        let Some(caps) = re.captures(text) else {
            continue;
        };
        let vars = capture_vars(run, re, &caps);
        out.push(RuleMatch {
            range: None,
            snippet: None,
            message: interpolate(&rule.message, &vars),
            item: None,
            moved: false,
            normalised: text.trim().to_owned(),
        });
    }
    // One finding per distinct removed line text.
    out.sort_by(|a, b| a.message.cmp(&b.message));
    out.dedup_by(|a, b| a.message == b.message);
    out
}

/// Names the innermost changed item around each match.
fn attach_items(run: &FileRun<'_>, matches: &mut [RuleMatch]) {
    for m in matches {
        if let Some(range) = m.range {
            m.item = run
                .analysis
                .items
                .iter()
                .filter(|i| {
                    i.start_line <= range.start_line
                        && range.start_line <= i.end_line
                        && i.change != ItemChange::Removed
                })
                .max_by_key(|i| (i.start_line, std::cmp::Reverse(i.end_line)))
                .map(|i| i.label());
        }
    }
}

fn line_range(index: &LineIndex<'_>, line: u32) -> (Option<Range>, Option<String>) {
    let Some(text) = index.line(line) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_lines_columns_and_ranges() {
        let index = LineIndex::new("ab\ncé\r\n\nlast");
        assert_eq!(index.line(1), Some("ab"));
        assert_eq!(index.line(2), Some("cé"));
        assert_eq!(index.line(3), Some(""));
        assert_eq!(index.line(4), Some("last"));
        assert_eq!(index.line(5), None);
        assert_eq!(index.column(4), 2);
        assert_eq!(index.column(6), 3, "columns count characters, not bytes");
        assert_eq!(index.byte_range(2, 3), 3..9);
        assert_eq!(index.lines(1, 2), "ab\ncé");
    }

    #[test]
    fn blocks_merge_consecutive_lines() {
        assert_eq!(blocks(&[1, 2, 3, 7, 9, 10]), vec![(1, 3), (7, 7), (9, 10)]);
        assert!(blocks(&[]).is_empty());
    }

    #[test]
    fn interpolation_keeps_unknown_placeholders() {
        let mut vars = BTreeMap::new();
        vars.insert("a".to_owned(), "1".to_owned());
        assert_eq!(interpolate("{{a}} {{ a }} {{b}} {{", &vars), "1 1 {{b}} {{");
    }
}

#[cfg(test)]
mod budget_tests {
    use super::*;
    use crate::model::changeset::{Content, FileStatus};
    use crate::policy::Policy;

    #[test]
    fn a_query_out_of_work_budget_stops_and_says_so() {
        let text: String = (0..3_000)
            .map(|i| format!("fn f{i}() {{ let x = Some({i}).unwrap(); }}\n"))
            .collect();
        let mut file = FileChange::new(
            FileStatus::Added,
            None,
            Some("src/control_plane/a.rs".into()),
        );
        file.content = Content::Text;
        file.hunks = crate::source::diff::compute_hunks(b"", text.as_bytes(), 3);
        file.new_text = Some(text.as_str().into());
        let (analysis, syntax) = crate::analysis::analyse_file(
            &file,
            &Policy::builtin(),
            crate::analysis::DEFAULT_PARSE_BUDGET,
        );
        let set = RuleSet::load(None, &[], &[]).unwrap();
        let (full, over) = run_file_within_budget(&set, &file, &analysis, &syntax);
        assert!(!over, "an ordinary file stays within the default budget");
        assert!(!full.is_empty());
        let (cut, over) = run_file_with_steps(&set, &file, &analysis, &syntax, 0);
        assert!(over);
        assert!(cut.len() < full.len());
    }
}
