//! The org audit's reports: markdown, JSON (the merge's own input format), CSV and HTML. Pure
//! and deterministic: the same org audit gives the same bytes.

use super::merge::{has_findings, OrgAudit, WORST_LISTED};
use crate::audit::report::{cell, csv_cell, csv_row, AuditFormat, CSV_HEADER};
use std::io::Write;

/// Writes the org audit in `format`.
pub fn render(org: &OrgAudit, format: AuditFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        AuditFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, org)?;
            out.write_all(b"\n")
        }
        AuditFormat::Csv => csv(org, out),
        AuditFormat::Md => markdown(org, out),
        AuditFormat::Html => out.write_all(super::html::render(org).as_bytes()),
    }
}

fn csv(org: &OrgAudit, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "system,tier,team,director,vp,{CSV_HEADER}")?;
    for item in org.worst_first() {
        let s = item.system;
        let mut cells = vec![
            s.name.clone(),
            s.tier.to_string(),
            s.owners.team.clone(),
            s.owners.director.clone().unwrap_or_default(),
            s.owners.vp.clone().unwrap_or_default(),
        ];
        cells.extend(csv_row(item.change));
        let cells: Vec<String> = cells.iter().map(|v| csv_cell(v)).collect();
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}

fn markdown(org: &OrgAudit, out: &mut dyn Write) -> std::io::Result<()> {
    let changes: usize = org.systems.iter().map(|a| a.changes.len()).sum();
    let bad: usize = org
        .systems
        .iter()
        .flat_map(|a| &a.changes)
        .filter(|c| has_findings(c))
        .count();
    writeln!(out, "# changegate org audit\n")?;
    writeln!(
        out,
        "{} system{} audited, **{changes}** tier-1 changes, **{bad}** with findings.\n",
        org.systems.len(),
        if org.systems.len() == 1 { "" } else { "s" },
    )?;
    if !org.missing.is_empty() {
        writeln!(
            out,
            "> Not audited (in the inventory, no report): {}\n",
            org.missing
                .iter()
                .map(|m| format!("`{}`", cell(m)))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    writeln!(out, "## By category\n\n| category | changes |\n|---|---|")?;
    for (category, n) in &org.totals {
        writeln!(out, "| {} | {n} |", category.label())?;
    }
    writeln!(out, "\n## By system\n\n| system | tier | team | director | VP | head | period | changes | with findings | reviews from |\n|---|---|---|---|---|---|---|---|---|---|")?;
    for audit in &org.systems {
        let Some(s) = &audit.system else { continue };
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&s.name),
            s.tier,
            cell(&s.owners.team),
            cell(s.owners.director.as_deref().unwrap_or("")),
            cell(s.owners.vp.as_deref().unwrap_or("")),
            audit
                .head
                .as_deref()
                .map(|h| format!("`{}`", &h[..h.len().min(12)]))
                .unwrap_or_default(),
            audit
                .period
                .as_ref()
                .map(|p| {
                    let (from, to) = p.days();
                    format!("{} – {}", cell(from), cell(to))
                })
                .unwrap_or_default(),
            audit.changes.len(),
            audit.changes.iter().filter(|c| has_findings(c)).count(),
            cell(&audit.source),
        )?;
    }
    for (title, rollup) in [
        ("By VP", org.rollup(|o| o.vp.as_deref())),
        ("By director", org.rollup(|o| o.director.as_deref())),
        ("By team", org.rollup(|o| Some(o.team.as_str()))),
    ] {
        writeln!(
            out,
            "\n## {title}\n\n| owner | systems | changes | with findings |\n|---|---|---|---|"
        )?;
        for (owner, r) in rollup {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&owner),
                r.systems,
                r.changes,
                r.with_findings
            )?;
        }
    }
    writeln!(
        out,
        "\n## Weekly trend\n\n| week of | changes | with findings |\n|---|---|---|"
    )?;
    for (week, (n, bad)) in org.weekly() {
        writeln!(out, "| {} | {n} | {bad} |", cell(&week))?;
    }
    let worst = org.worst_first();
    writeln!(
        out,
        "\n## Changes, worst first\n\n| system | commit | date | author | findings | approvals | blast radius | tier-1 files |\n|---|---|---|---|---|---|---|---|"
    )?;
    for item in worst.iter().take(WORST_LISTED) {
        let c = item.change;
        writeln!(
            out,
            "| {} | `{}` {} | {} | {} | {} | {}/{} | {} | {} |",
            cell(&item.system.name),
            &c.sha[..c.sha.len().min(10)],
            cell(&c.subject),
            cell(c.date.get(..10).unwrap_or(&c.date)),
            cell(&c.author),
            crate::audit::report::categories(c),
            c.approvers.len(),
            c.required_approvals,
            c.blast_radius,
            c.tier1_files.len()
        )?;
    }
    if worst.len() > WORST_LISTED {
        writeln!(
            out,
            "\n{} more changes are in the JSON and CSV reports.",
            worst.len() - WORST_LISTED
        )?;
    }
    Ok(())
}
