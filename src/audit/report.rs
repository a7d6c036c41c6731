//! Audit reports: markdown, JSON (`schema_version: 1`) and CSV. Pure and deterministic (the
//! window is printed as given; nothing depends on the current time).

use super::{Arrival, Audit, AuditedChange, Category, ReviewsFrom};
use std::collections::BTreeMap;
use std::io::Write;

/// Audit output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// Markdown: totals per category, area and owner, then the changes, worst first.
    Md,
    /// JSON (`schema_version: 1`, documented in docs/audit.md).
    Json,
    /// One row per change (RFC 4180; cells that spreadsheets would run are defused).
    Csv,
    /// One self-contained page: inline SVG chart and table, no scripts.
    Html,
}

fn totals(audit: &Audit) -> Vec<(Category, usize)> {
    Category::ALL
        .iter()
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

/// Per area (top-level directory, or CODEOWNERS owner): changes and changes with findings.
fn areas<'a>(
    audit: &'a Audit,
    of: impl Fn(&'a AuditedChange) -> &'a [String],
) -> BTreeMap<&'a str, (usize, usize)> {
    let mut out: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for change in &audit.changes {
        let bad = change.categories.iter().any(|c| c.is_violation());
        for area in of(change) {
            let entry = out.entry(area.as_str()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(bad);
        }
    }
    out
}

pub(crate) fn arrival(a: &Arrival) -> String {
    match a {
        Arrival::Merge => "merge".into(),
        Arrival::SquashedPr { reference } => format!("squashed {reference}"),
        Arrival::Direct => "direct push".into(),
    }
}

fn reviews_from(r: ReviewsFrom) -> &'static str {
    match r {
        ReviewsFrom::Platform => "platform",
        ReviewsFrom::Trailers => "trailers",
        ReviewsFrom::Unknown => "unknown",
    }
}

pub(crate) fn categories(c: &AuditedChange) -> String {
    c.categories
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The JSON report: what `--format json` prints, and what `schemas/audit.schema.json` describes.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct AuditDocument<'a> {
    /// 1; bumped when a field changes meaning or goes away (new fields do not bump it).
    pub schema_version: u32,
    pub audit: &'a Audit,
    /// Changes per category (a change counts once in each of its categories).
    pub totals: BTreeMap<Category, usize>,
}

/// The JSON Schema of the JSON report.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(AuditDocument<'static>);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the audit in `format`.
pub fn render(audit: &Audit, format: AuditFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        AuditFormat::Md => markdown(audit, out),
        AuditFormat::Html => out.write_all(super::html::render(audit).as_bytes()),
        AuditFormat::Json => {
            let doc = AuditDocument {
                schema_version: 1,
                audit,
                totals: totals(audit).into_iter().collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            out.write_all(b"\n")
        }
        AuditFormat::Csv => {
            writeln!(out, "{CSV_HEADER}")?;
            for c in &audit.changes {
                let cells: Vec<String> = csv_row(c).iter().map(|v| csv_cell(v)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
            Ok(())
        }
    }
}

/// The CSV columns of one change (the org report puts the system's columns first).
pub(crate) const CSV_HEADER: &str = "sha,date,author,arrival,categories,approvers,required_approvals,missing_docs,tier1_files,pull_request,merged_by,blast_radius,reviews_from,commit_url,policy";

/// One change's cells, unquoted, in `CSV_HEADER` order.
pub(crate) fn csv_row(c: &AuditedChange) -> Vec<String> {
    vec![
        c.sha.clone(),
        c.date.clone(),
        c.author.clone(),
        arrival(&c.arrival),
        categories(c),
        c.approvers.join(" "),
        c.required_approvals.to_string(),
        c.missing_docs.join(" "),
        c.tier1_files.join(" "),
        c.pull_request
            .as_ref()
            .map(|p| p.url.clone())
            .unwrap_or_default(),
        c.pull_request
            .as_ref()
            .and_then(|p| p.merged_by.clone())
            .unwrap_or_default(),
        c.blast_radius.to_string(),
        reviews_from(c.reviews_from).to_owned(),
        c.commit_url.clone().unwrap_or_default(),
        c.policy.clone(),
    ]
}

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed so spreadsheets do not run it.
pub(crate) fn csv_cell(value: &str) -> String {
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

pub(crate) fn cell(text: &str) -> String {
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
        "{} commit{} scanned (first parent), **{}** reached tier-1 paths, **{bad}** with findings. Reviews from {}.\n",
        audit.commits_scanned,
        if audit.commits_scanned == 1 { "" } else { "s" },
        audit.changes.len(),
        cell(&audit.source)
    )?;
    if let Some(period) = &audit.period {
        writeln!(
            out,
            "Commits from {} to {}{}.\n",
            cell(&period.from),
            cell(&period.to),
            audit
                .head
                .as_deref()
                .map(|h| format!(", branch at `{}`", &h[..h.len().min(12)]))
                .unwrap_or_default()
        )?;
    }
    for note in &audit.notes {
        writeln!(out, "> {}", cell(note))?;
    }
    if !audit.notes.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "## By category\n\n| category | changes |\n|---|---|")?;
    for (category, n) in totals(audit) {
        writeln!(out, "| {} | {n} |", category.label())?;
    }
    writeln!(
        out,
        "\n## By area\n\n| area | changes | with findings |\n|---|---|---|"
    )?;
    for (area, (n, bad)) in areas(audit, |c| &c.areas) {
        writeln!(out, "| `{}` | {n} | {bad} |", cell(area))?;
    }
    let owners = areas(audit, |c| &c.owners);
    if !owners.is_empty() {
        writeln!(
            out,
            "\n## By code owner\n\n| owner | changes | with findings |\n|---|---|---|"
        )?;
        for (owner, (n, bad)) in owners {
            writeln!(out, "| {} | {n} | {bad} |", cell(owner))?;
        }
    }
    writeln!(out, "\n## Changes, worst first\n\n| commit | PR/MR | date | author | arrival | findings | approvals | blast radius | tier-1 files |\n|---|---|---|---|---|---|---|---|---|")?;
    for c in &audit.changes {
        let pull_request = match &c.pull_request {
            Some(pr) => format!("[{}]({})", cell(&pr.reference), cell(&pr.url)),
            None => String::new(),
        };
        writeln!(
            out,
            "| {} {} | {pull_request} | {} | {} | {} | {} | {}/{} | {} | {} |",
            match &c.commit_url {
                Some(url) => format!("[`{}`]({})", &c.sha[..c.sha.len().min(10)], cell(url)),
                None => format!("`{}`", &c.sha[..c.sha.len().min(10)]),
            },
            cell(&c.subject),
            cell(&c.date),
            cell(&c.author),
            arrival(&c.arrival),
            categories(c),
            c.approvers.len(),
            c.required_approvals,
            c.blast_radius,
            c.tier1_files.len()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn checked_in_json_schema_is_current() {
        crate::util::assert_schema_checked_in("audit.schema.json", &super::json_schema());
    }
}
