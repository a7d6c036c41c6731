//! `--format text`: rustc-style findings (annotate-snippets) and a one-screen summary.
//! Colour only when asked (the CLI decides from the TTY, `NO_COLOR` and `--color`).

use crate::model::finding::{Finding, Severity};
use crate::verdict::Verdict;
use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::io::Write;

/// Writes every finding, then the summary.
pub fn render(verdict: &Verdict, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    // Change-supplied text reaches a terminal or a CI log: no control characters in it.
    let verdict = &verdict.for_display();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for finding in &verdict.findings {
        let group = finding_group(finding);
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    summary(verdict, color, out)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn finding_group(f: &Finding) -> Group<'_> {
    let title = level(f.severity)
        .primary_title(f.message.as_str())
        .id(f.rule_id.as_str());
    let mut elements: Vec<Element<'_>> = Vec::new();
    match (&f.path, f.range, &f.snippet) {
        (Some(path), Some(range), Some(snippet)) => {
            let span = span_in_snippet(
                snippet,
                range.start_col,
                range.end_line - range.start_line,
                range.end_col,
            );
            let mut annotation = AnnotationKind::Primary.span(span);
            if let Some(item) = &f.item {
                annotation = annotation.label(item.as_str());
            }
            elements.push(
                Snippet::source(snippet.as_str())
                    .line_start(range.start_line as usize)
                    .path(path.as_str())
                    .annotation(annotation)
                    .into(),
            );
        }
        (Some(path), range, _) => {
            let mut origin = Origin::path(path.as_str());
            if let Some(range) = range {
                origin = origin
                    .line(range.start_line as usize)
                    .char_column(range.start_col as usize);
            }
            elements.push(origin.into());
        }
        (None, _, _) => {}
    }
    if let Some(note) = &f.note {
        elements.push(Level::NOTE.message(note.as_str()).into());
    }
    Group::with_title(title).elements(elements)
}

/// Byte range in `snippet` from (first line, `start_col`) to (line `end_line_offset`,
/// `end_col`), columns 1-based and inclusive, clamped to the text.
fn span_in_snippet(
    snippet: &str,
    start_col: u32,
    end_line_offset: u32,
    end_col: u32,
) -> std::ops::Range<usize> {
    let line_start = |n: u32| -> usize {
        match n {
            0 => 0,
            n => snippet
                .match_indices('\n')
                .nth(n as usize - 1)
                .map_or(snippet.len(), |(i, _)| i + 1),
        }
    };
    let offset_of = |line: u32, col: u32| -> usize {
        let start = line_start(line);
        let text = &snippet[start..];
        let text = &text[..text.find('\n').unwrap_or(text.len())];
        start
            + text
                .char_indices()
                .nth(col.saturating_sub(1) as usize)
                .map_or(text.len(), |(i, _)| i)
    };
    let start = offset_of(0, start_col);
    let end_char_start = offset_of(end_line_offset, end_col);
    let end = snippet[end_char_start..]
        .chars()
        .next()
        .filter(|c| *c != '\n')
        .map_or(end_char_start, |c| end_char_start + c.len_utf8());
    start..end.max(start)
}

fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_owned()
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn summary(v: &Verdict, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let bold = Style::new().bold();
    let (headline, style) = if v.blocked {
        (
            "BLOCKED",
            Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
        )
    } else {
        (
            "PASS",
            Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
        )
    };
    writeln!(
        out,
        "{} {} — {}, {}, {}",
        paint(color, bold, "changegate:"),
        paint(color, style, headline),
        plural(v.count(Severity::Error), "error"),
        plural(v.count(Severity::Warning), "warning"),
        plural(v.count(Severity::Info), "note"),
    )?;
    let rev = |r: &Option<crate::model::changeset::Rev>| match r {
        Some(rev) => match &rev.sha {
            Some(sha) => format!("{} ({})", rev.name, crate::model::changeset::short_sha(sha)),
            None => rev.name.clone(),
        },
        None => "-".into(),
    };
    let row = |out: &mut dyn Write, label: &str, value: &str| {
        writeln!(
            out,
            "  {} {value}",
            paint(color, bold, &format!("{label:<11}"))
        )
    };
    row(
        out,
        "change",
        &format!("{} → {}", rev(&v.base), rev(&v.head)),
    )?;
    row(out, "policy", &v.policy)?;
    row(
        out,
        "description",
        v.description_source.as_deref().unwrap_or("none"),
    )?;
    let (added, removed) = v.line_totals();
    let untiered = v.files.iter().filter(|f| f.tier.is_none()).count();
    let mut by_tier: Vec<String> = v
        .tiers
        .iter()
        .map(|t| format!("{} {}", t.name, t.files))
        .collect();
    if untiered > 0 || by_tier.is_empty() {
        by_tier.push(format!("untiered {untiered}"));
    }
    row(
        out,
        "files",
        &format!(
            "{} changed (+{added} −{removed}): {}",
            v.files.len(),
            by_tier.join(", ")
        ),
    )?;
    for tier in &v.tiers {
        let mut needs = Vec::new();
        if tier.approvals > 0 {
            needs.push(format!(
                "{}{}",
                plural(tier.approvals as usize, "approval"),
                if tier.fresh_approvals {
                    " on the final commit"
                } else {
                    ""
                }
            ));
        }
        if !tier.docs.is_empty() {
            needs.push(format!("docs: {}", tier.docs.join(", ")));
        }
        if needs.is_empty() {
            needs.push("nothing extra".into());
        }
        row(out, &tier.name, &format!("needs {}", needs.join("; ")))?;
    }
    review(v, color, out)?;
    blast(v, color, out)?;
    changed_items(v, color, out)?;
    let mut blocking: Vec<(&str, usize)> = Vec::new();
    for f in v.findings.iter().filter(|f| f.blocking) {
        match blocking.iter_mut().find(|(id, _)| *id == f.rule_id) {
            Some((_, n)) => *n += 1,
            None => blocking.push((&f.rule_id, 1)),
        }
    }
    blocking.sort();
    if !blocking.is_empty() {
        let list: Vec<String> = blocking
            .iter()
            .map(|(id, n)| {
                if *n == 1 {
                    (*id).to_owned()
                } else {
                    format!("{id} ×{n}")
                }
            })
            .collect();
        row(out, "blocked by", &list.join(", "))?;
    }
    for s in &v.suppressions {
        row(
            out,
            "suppressed",
            &format!(
                "{} at {}:{} ({}×): \"{}\"",
                s.rules.join(", "),
                s.path,
                s.line,
                s.silenced,
                s.reason
            ),
        )?;
    }
    let (partial, no_grammar) = v.not_analysed();
    for (path, what) in &partial {
        row(out, "not analysed", &format!("{path}: {what}"))?;
    }
    if !no_grammar.is_empty() {
        row(
            out,
            "no grammar",
            &format!(
                "{} (path and text rules only): {}",
                plural(no_grammar.len(), "file"),
                list_some(&no_grammar, MAX_LISTED)
            ),
        )?;
    }
    for note in &v.notes {
        row(out, "note", note)?;
    }
    Ok(())
}

/// Paths listed in a summary line before "and N more".
const MAX_LISTED: usize = 10;

/// "a, b and 3 more (see the JSON report)".
fn list_some(items: &[&str], max: usize) -> String {
    let shown = items[..items.len().min(max)].join(", ");
    match items.len().saturating_sub(max) {
        0 => shown,
        more => format!("{shown} and {more} more (all in the JSON report)"),
    }
}

/// `review      needs 2 approvals …` and, when reviews are known, who approved.
fn review(v: &Verdict, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let bold = Style::new().bold();
    let label = |l: &str| paint(color, bold, &format!("{l:<11}"));
    let r = &v.review;
    if r.approvals_required > 0 || !r.approved_by.is_empty() {
        writeln!(out, "  {} {}", label("review"), r.requirement)?;
        if r.reviews_known {
            let approved = if r.approved_by.is_empty() {
                "nobody".to_owned()
            } else {
                r.approved_by.join(", ")
            };
            writeln!(out, "  {} {approved}", label("approved by"))?;
            if !r.stale.is_empty() {
                writeln!(
                    out,
                    "  {} {} (approved an older commit)",
                    label("stale"),
                    r.stale.join(", ")
                )?;
            }
            for (user, why) in &r.excluded {
                writeln!(out, "  {} {user}: {why}", label("not counted"))?;
            }
        } else {
            writeln!(
                out,
                "  {} not known locally (pass --reviews-file to check them)",
                label("approved by")
            )?;
        }
    }
    if !v.ai_signals.is_empty() {
        let signals: Vec<&str> = v.ai_signals.iter().map(|s| s.detail.as_str()).collect();
        writeln!(out, "  {} {}", label("AI-assisted"), signals.join("; "))?;
    }
    Ok(())
}

/// The blast-radius score with its non-zero components.
fn blast(v: &Verdict, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let b = &v.blast_radius;
    let bold = Style::new().bold();
    let parts: Vec<String> = b
        .components
        .iter()
        .filter(|c| c.points > 0)
        .map(|c| format!("{} {}/{} ({})", c.id, c.points, c.max, c.value))
        .collect();
    writeln!(
        out,
        "  {} {}/100{}",
        paint(color, bold, &format!("{:<11}", "blast")),
        b.score,
        if parts.is_empty() {
            String::new()
        } else {
            format!(": {}", parts.join(", "))
        }
    )?;
    if let Some(note) = &b.note {
        writeln!(
            out,
            "  {} {note}",
            paint(color, bold, &format!("{:<11}", ""))
        )?;
    }
    Ok(())
}

/// At most this many changed items are listed; the JSON report has all of them.
const MAX_ITEMS_SHOWN: usize = 20;

/// `modified fn control_plane::Router::apply  src/control_plane/router.rs:40-88`, tier-1 first.
fn changed_items(v: &Verdict, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let mut rows: Vec<(Option<usize>, String)> = Vec::new();
    for file in &v.files {
        for item in &file.items {
            let rename = item
                .old_name
                .as_ref()
                .map(|old| format!(" (was {old})"))
                .unwrap_or_default();
            rows.push((
                file.tier_index,
                format!(
                    "{:<10} {}{rename}  {}:{}-{}",
                    item.change.as_str(),
                    item.label(),
                    file.path,
                    item.start_line,
                    item.end_line
                ),
            ));
        }
    }
    if rows.is_empty() {
        return Ok(());
    }
    // Tiered files first (strictest tier first), then the rest; stable within a tier.
    rows.sort_by_key(|(tier, _)| tier.unwrap_or(usize::MAX));
    let bold = Style::new().bold();
    writeln!(out, "  {}", paint(color, bold, "items"))?;
    for (_, row) in rows.iter().take(MAX_ITEMS_SHOWN) {
        writeln!(out, "    {row}")?;
    }
    if rows.len() > MAX_ITEMS_SHOWN {
        writeln!(
            out,
            "    … {} more (see --format json)",
            rows.len() - MAX_ITEMS_SHOWN
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_character_columns() {
        assert_eq!(span_in_snippet("let x = y.unwrap();", 9, 0, 18), 8..18);
        assert_eq!(span_in_snippet("é = 1", 1, 0, 1), 0..2);
        assert_eq!(span_in_snippet("ab\ncd", 2, 1, 1), 1..4);
        assert_eq!(span_in_snippet("ab", 9, 0, 12), 2..2);
    }
}
