//! Markdown summary of a verdict: the check run's summary, the job summary, a merge-request note.
//! Pure; a caller with a size limit passes it and gets a visibly truncated document.

use crate::model::finding::Severity;
use crate::verdict::Verdict;
use std::fmt::Write as _;

/// At most this many findings are listed in the table.
const MAX_FINDING_ROWS: usize = 200;

/// One line that states the verdict: the check run's title.
pub fn title(v: &Verdict) -> String {
    let blocking: Vec<&str> = {
        let mut ids: Vec<&str> = v
            .findings
            .iter()
            .filter(|f| f.blocking)
            .map(|f| f.rule_id.as_str())
            .collect();
        ids.dedup();
        ids
    };
    if v.blocked {
        let count = v.findings.iter().filter(|f| f.blocking).count();
        format!(
            "Blocked: {count} blocking finding{} ({})",
            if count == 1 { "" } else { "s" },
            blocking.join(", ")
        )
    } else {
        format!(
            "Passed: {} error{}, {} warning{}, blast radius {}",
            v.count(Severity::Error),
            if v.count(Severity::Error) == 1 {
                ""
            } else {
                "s"
            },
            v.count(Severity::Warning),
            if v.count(Severity::Warning) == 1 {
                ""
            } else {
                "s"
            },
            v.blast_radius.score
        )
    }
    .chars()
    .take(250)
    .collect()
}

/// Markdown text safe inside a table cell or a list item: no pipes or newlines, no HTML.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}

/// The full summary, cut to `max_chars` with a visible note when it is longer.
pub fn summary(v: &Verdict, max_chars: usize) -> String {
    let v = &v.for_display();
    let mut out = String::new();
    let (icon, word) = if v.blocked {
        ("❌", "blocked")
    } else {
        ("✅", "passed")
    };
    let _ = writeln!(out, "## {icon} changegate: {word}\n");
    let _ = writeln!(
        out,
        "**{}** error(s), **{}** warning(s), {} note(s) · blast radius **{}/100** · {} file(s) changed · policy: {}\n",
        v.count(Severity::Error),
        v.count(Severity::Warning),
        v.count(Severity::Info),
        v.blast_radius.score,
        v.files.len(),
        cell(&v.policy)
    );
    if !v.tiers.is_empty() {
        let _ = writeln!(
            out,
            "| tier | files | approvals | docs |\n|---|---|---|---|"
        );
        for t in &v.tiers {
            let _ = writeln!(
                out,
                "| {} | {} | {}{} | {} |",
                cell(&t.name),
                t.files,
                t.approvals,
                if t.fresh_approvals {
                    " (on the final commit)"
                } else {
                    ""
                },
                cell(&t.docs.join(", "))
            );
        }
        out.push('\n');
    }
    let r = &v.review;
    if r.approvals_required > 0 || !r.approved_by.is_empty() {
        let _ = writeln!(out, "### Review\n\n{}\n", cell(&r.requirement));
        if r.reviews_known {
            let _ = writeln!(
                out,
                "- approved by: {}",
                if r.approved_by.is_empty() {
                    "nobody yet".to_owned()
                } else {
                    cell(&r.approved_by.join(", "))
                }
            );
            if !r.stale.is_empty() {
                let _ = writeln!(
                    out,
                    "- approvals on an older commit: {}",
                    cell(&r.stale.join(", "))
                );
            }
            for (user, why) in &r.excluded {
                let _ = writeln!(out, "- not counted: {} ({})", cell(user), cell(why));
            }
            if !r.changes_requested.is_empty() {
                let _ = writeln!(
                    out,
                    "- changes requested by: {}",
                    cell(&r.changes_requested.join(", "))
                );
            }
            out.push('\n');
        }
    }
    if !v.ai_signals.is_empty() {
        let _ = writeln!(out, "### AI-assisted\n");
        for s in &v.ai_signals {
            let _ = writeln!(out, "- {}", cell(&s.detail));
        }
        out.push('\n');
    }
    let blocking: Vec<_> = v.findings.iter().filter(|f| f.blocking).collect();
    if !blocking.is_empty() {
        let _ = writeln!(out, "### What blocks\n");
        for f in &blocking {
            let place = f
                .path
                .as_deref()
                .map(|p| format!(" — `{}`", cell(p)))
                .unwrap_or_default();
            let _ = writeln!(out, "- **{}**: {}{place}", f.rule_id, cell(&f.message));
        }
        out.push('\n');
    }
    if !v.findings.is_empty() {
        let _ = writeln!(
            out,
            "### Findings\n\n| severity | rule | where | message |\n|---|---|---|---|"
        );
        for f in v.findings.iter().take(MAX_FINDING_ROWS) {
            let place = match (&f.path, f.range) {
                (Some(p), Some(r)) => format!("`{}:{}`", cell(p), r.start_line),
                (Some(p), None) => format!("`{}`", cell(p)),
                _ => "change".into(),
            };
            let _ = writeln!(
                out,
                "| {} | `{}` | {place} | {} |",
                f.severity.as_str(),
                f.rule_id,
                cell(&f.message)
            );
        }
        if v.findings.len() > MAX_FINDING_ROWS {
            let _ = writeln!(
                out,
                "\n… {} more findings (see the JSON report)",
                v.findings.len() - MAX_FINDING_ROWS
            );
        }
        out.push('\n');
    }
    let items: Vec<String> = v
        .files
        .iter()
        .flat_map(|f| {
            f.items.iter().map(move |i| {
                format!(
                    "| {} | `{}` | `{}:{}-{}` |",
                    i.change.as_str(),
                    cell(&i.label()),
                    cell(&f.path),
                    i.start_line,
                    i.end_line
                )
            })
        })
        .collect();
    if !items.is_empty() {
        let _ = writeln!(out, "<details><summary>Changed items ({})</summary>\n\n| change | item | where |\n|---|---|---|", items.len());
        for row in items.iter().take(MAX_FINDING_ROWS) {
            let _ = writeln!(out, "{row}");
        }
        if items.len() > MAX_FINDING_ROWS {
            let _ = writeln!(out, "\n… {} more items", items.len() - MAX_FINDING_ROWS);
        }
        let _ = writeln!(out, "\n</details>\n");
    }
    let _ = writeln!(
        out,
        "### Blast radius: {}/100\n\n| component | value | points |\n|---|---|---|",
        v.blast_radius.score
    );
    for c in &v.blast_radius.components {
        let _ = writeln!(
            out,
            "| {} | {} | {}/{} |",
            cell(&c.label),
            c.value,
            c.points,
            c.max
        );
    }
    if let Some(note) = &v.blast_radius.note {
        let _ = writeln!(out, "\n_{}_", cell(note));
    }
    out.push('\n');
    if !v.notes.is_empty() {
        // How the change was read (base choice, API sources, files left out).
        let _ = writeln!(out, "### How the change was read\n");
        for note in &v.notes {
            let _ = writeln!(out, "- {}", cell(note));
        }
        out.push('\n');
    }
    let (partial, no_grammar) = v.not_analysed();
    if !partial.is_empty() {
        let _ = writeln!(
            out,
            "### Not fully analysed ({})\n\n| file | what was not analysed |\n|---|---|",
            partial.len()
        );
        for (path, what) in partial.iter().take(MAX_FINDING_ROWS) {
            let _ = writeln!(out, "| `{}` | {} |", cell(path), cell(what));
        }
        if partial.len() > MAX_FINDING_ROWS {
            let _ = writeln!(
                out,
                "\n… {} more (see the JSON report)",
                partial.len() - MAX_FINDING_ROWS
            );
        }
        out.push('\n');
    }
    if !no_grammar.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>No grammar yet: {} file{} checked by path and text rules only</summary>\n",
            no_grammar.len(),
            if no_grammar.len() == 1 { "" } else { "s" }
        );
        for path in no_grammar.iter().take(MAX_FINDING_ROWS) {
            let _ = writeln!(out, "- `{}`", cell(path));
        }
        if no_grammar.len() > MAX_FINDING_ROWS {
            let _ = writeln!(out, "\n… {} more", no_grammar.len() - MAX_FINDING_ROWS);
        }
        let _ = writeln!(out, "\n</details>\n");
    }
    if !v.suppressions.is_empty() {
        let _ = writeln!(out, "### Suppressions\n");
        for s in &v.suppressions {
            let _ = writeln!(
                out,
                "- `{}:{}` {} — \"{}\" ({}×)",
                cell(&s.path),
                s.line,
                cell(&s.rules.join(", ")),
                cell(&s.reason),
                s.silenced
            );
        }
        out.push('\n');
    }
    truncate(out, max_chars)
}

/// Cuts `text` to at most `max_chars` characters, ending with a visible note.
pub fn truncate(text: String, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text;
    }
    let note = "\n\n… truncated: the full report is in the job's JSON output (`--format json`).\n";
    let keep = max_chars.saturating_sub(note.chars().count());
    let mut cut: String = text.chars().take(keep).collect();
    if let Some(line_end) = cut.rfind('\n') {
        cut.truncate(line_end);
    }
    cut.push_str(note);
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_is_visible_and_within_the_limit() {
        let long = "line\n".repeat(10_000);
        let cut = truncate(long, 1000);
        assert!(cut.chars().count() <= 1000);
        assert!(cut.contains("… truncated"));
    }

    #[test]
    fn cells_cannot_break_tables_or_inject_html() {
        assert_eq!(cell("a|b\n<script>"), "a\\|b &lt;script&gt;");
    }
}
