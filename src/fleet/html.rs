//! `audit merge --format html`: the org audit as one self-contained page (inline CSS and SVG, no
//! scripts): the summary first, then the weekly chart, systems, owner rollups and the worst
//! changes. Built from the single-system page's parts.

use super::merge::{has_findings, OrgAudit, WORST_LISTED};
use crate::audit::html::{
    change_cells, chart, escape, legend, summary_line, totals, CHANGE_HEADERS, STYLE,
};
use std::fmt::Write as _;

/// Writes the page.
pub fn render(org: &OrgAudit) -> String {
    let all = || org.systems.iter().flat_map(|a| &a.changes);
    let totals = totals(all());
    let changes = all().count();
    let bad = all().filter(|c| has_findings(c)).count();
    let missing = if org.missing.is_empty() {
        String::new()
    } else {
        format!(
            r#"<p><strong class="bad">Not audited</strong> (in the inventory, no report): {}</p>"#,
            org.missing
                .iter()
                .map(|m| format!("<code>{}</code>", escape(m)))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let mut systems = String::new();
    for audit in &org.systems {
        let Some(s) = &audit.system else { continue };
        let bad = audit.changes.iter().filter(|c| has_findings(c)).count();
        let _ = write!(
            systems,
            r#"<tr><td><a href="{url}">{name}</a></td><td class="num">{tier}</td><td class="wide">{team}</td><td>{director}</td><td>{vp}</td><td class="wide"><code>{head}</code></td><td class="num wide">{period}</td><td class="num">{n}</td><td class="num">{bad}</td></tr>"#,
            url = if s.repository.starts_with("https://") {
                escape(&s.repository)
            } else {
                String::new()
            },
            name = escape(&s.name),
            tier = s.tier,
            team = escape(&s.owners.team),
            director = escape(s.owners.director.as_deref().unwrap_or("")),
            vp = escape(s.owners.vp.as_deref().unwrap_or("")),
            head = escape(audit.head.as_deref().map_or("", |h| &h[..h.len().min(12)])),
            period = audit
                .period
                .as_ref()
                .map(|p| {
                    let (from, to) = p.days();
                    format!("{} – {}", escape(from), escape(to))
                })
                .unwrap_or_default(),
            n = audit.changes.len(),
        );
    }
    let mut owners = String::new();
    for (title, rollup) in [
        ("VP", org.rollup(|o| o.vp.as_deref())),
        ("director", org.rollup(|o| o.director.as_deref())),
    ] {
        let _ = write!(
            owners,
            r#"<div class="rollup"><h3>By {title}</h3><table><thead><tr><th>{title}</th><th class="num">systems</th><th class="num">changes</th><th class="num">with findings</th></tr></thead><tbody>"#,
        );
        for (owner, r) in rollup {
            let _ = write!(
                owners,
                r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                escape(&owner),
                r.systems,
                r.changes,
                r.with_findings
            );
        }
        owners.push_str("</tbody></table></div>");
    }
    let worst = org.worst_first();
    let mut rows = String::new();
    for item in worst.iter().take(WORST_LISTED) {
        let _ = write!(
            rows,
            "<tr><td>{}</td>{}</tr>",
            escape(&item.system.name),
            change_cells(item.change)
        );
    }
    let more = if worst.len() > WORST_LISTED {
        format!(
            "<p>{} more changes are in the JSON and CSV reports.</p>",
            worst.len() - WORST_LISTED
        )
    } else {
        String::new()
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>changegate org audit</title>
<style>
{STYLE}.rollups {{ display: flex; flex-wrap: wrap; gap: 24px; }} .rollup {{ flex: 1 1 360px; }}
</style></head>
<body>
<h1>changegate org audit</h1>
<div class="summary"><p><strong>{system_count}</strong> system{system_s} audited. {summary}</p>{missing}</div>
<h2>Tier-1 changes per week</h2>
{svg}
{legend}
<h2>Systems</h2>
<div class="scroll"><table><thead><tr><th>system</th><th class="num">tier</th><th class="wide">team</th><th>director</th><th>VP</th><th class="wide">head</th><th class="num wide">period</th><th class="num">changes</th><th class="num">with findings</th></tr></thead>
<tbody>{systems}</tbody></table></div>
<h2>Owners</h2>
<div class="rollups">{owners}</div>
<h2>Changes, worst first</h2>
<div class="scroll"><table><thead><tr><th>system</th>{CHANGE_HEADERS}</tr></thead>
<tbody>{rows}</tbody></table></div>
{more}
</body></html>
"#,
        system_count = org.systems.len(),
        system_s = if org.systems.len() == 1 { "" } else { "s" },
        summary = summary_line(&totals, changes, bad),
        svg = chart(all()),
        legend = legend(&totals),
    )
}
