//! Audit reports: markdown, JSON (`schema_version: 1`) and CSV. Pure and deterministic (the
//! window is printed as given; nothing depends on the current time).

use super::{Arrival, Audit, AuditedChange, Category};
use std::collections::BTreeMap;
use std::io::Write;

/// Audit output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    Md,
    Json,
    Csv,
    /// One self-contained page: inline SVG chart and table, no scripts.
    Html,
}

const ALL: [Category; 8] = [
    Category::DirectPush,
    Category::SelfApproved,
    Category::TooFewApprovals,
    Category::Undocumented,
    Category::AiWithoutExtraReview,
    Category::PolicyChangedInSameChange,
    Category::ReviewsUnknown,
    Category::Compliant,
];

fn totals(audit: &Audit) -> Vec<(Category, usize)> {
    ALL.iter()
        .map(|c| {
            (
                *c,
                audit
                    .changes
                    .iter()
                    .filter(|ch| ch.categories.contains(c))
                    .count(),
            )
        })
        .collect()
}

/// Per area (top-level directory): changes and non-compliant changes.
fn areas(audit: &Audit) -> BTreeMap<&str, (usize, usize)> {
    let mut out: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for change in &audit.changes {
        let bad = change.categories.iter().any(|c| c.is_violation());
        for area in &change.areas {
            let entry = out.entry(area.as_str()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(bad);
        }
    }
    out
}

fn arrival(a: &Arrival) -> String {
    match a {
        Arrival::Merge => "merge".into(),
        Arrival::SquashedPr { reference } => format!("squashed {reference}"),
        Arrival::Direct => "direct push".into(),
    }
}

fn categories(c: &AuditedChange) -> String {
    c.categories
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes the audit in `format`.
pub fn render(audit: &Audit, format: AuditFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        AuditFormat::Md => markdown(audit, out),
        AuditFormat::Html => out.write_all(super::html::render(audit).as_bytes()),
        AuditFormat::Json => {
            #[derive(serde::Serialize)]
            struct Doc<'a> {
                schema_version: u32,
                audit: &'a Audit,
                totals: BTreeMap<Category, usize>,
            }
            let doc = Doc {
                schema_version: 1,
                audit,
                totals: totals(audit).into_iter().collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            out.write_all(b"\n")
        }
        AuditFormat::Csv => {
            writeln!(out, "sha,date,author,arrival,categories,approvers,required_approvals,missing_docs,tier1_files")?;
            for c in &audit.changes {
                let row = [
                    c.sha.clone(),
                    c.date.clone(),
                    c.author.clone(),
                    arrival(&c.arrival),
                    categories(c),
                    c.approvers.join(" "),
                    c.required_approvals.to_string(),
                    c.missing_docs.join(" "),
                    c.tier1_files.join(" "),
                ];
                let cells: Vec<String> = row.iter().map(|v| csv_cell(v)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
            Ok(())
        }
    }
}

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed so spreadsheets do not run it.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn markdown(audit: &Audit, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# changegate audit: `{}` since {}\n",
        cell(&audit.branch),
        cell(&audit.since)
    )?;
    let bad = audit
        .changes
        .iter()
        .filter(|c| c.categories.iter().any(|k| k.is_violation()))
        .count();
    writeln!(
        out,
        "{} commits scanned (first parent), **{}** reached tier-1 paths, **{bad}** with findings.\n",
        audit.commits_scanned,
        audit.changes.len()
    )?;
    writeln!(out, "## By category\n\n| category | changes |\n|---|---|")?;
    for (category, n) in totals(audit) {
        writeln!(out, "| {} | {n} |", category.label())?;
    }
    writeln!(
        out,
        "\n## By area\n\n| area | changes | with findings |\n|---|---|---|"
    )?;
    for (area, (n, bad)) in areas(audit) {
        writeln!(out, "| `{}` | {n} | {bad} |", cell(area))?;
    }
    writeln!(out, "\n## Changes, worst first\n\n| commit | date | author | arrival | findings | approvers | tier-1 files |\n|---|---|---|---|---|---|---|")?;
    for c in &audit.changes {
        writeln!(
            out,
            "| `{}` {} | {} | {} | {} | {} | {}/{} | {} |",
            &c.sha[..c.sha.len().min(10)],
            cell(&c.subject),
            cell(&c.date),
            cell(&c.author),
            arrival(&c.arrival),
            categories(c),
            c.approvers.len(),
            c.required_approvals,
            c.tier1_files.len()
        )?;
    }
    Ok(())
}
