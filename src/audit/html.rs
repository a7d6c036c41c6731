//! `--format html`: one self-contained page (inline CSS and SVG, no scripts, no external fonts):
//! tier-1 changes per week stacked by category, totals, and the table of changes, worst first.

use super::{Audit, AuditedChange, Category};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Severity order: a change is drawn as the first of its categories.
const ORDER: [Category; 11] = [
    Category::DirectPush,
    Category::SelfApproved,
    Category::SelfMerged,
    Category::TooFewApprovals,
    Category::AiWithoutExtraReview,
    Category::Undocumented,
    Category::PolicyChangedInSameChange,
    Category::NotJudged,
    Category::ReviewsUnknown,
    Category::UnverifiedApprovals,
    Category::Compliant,
];

fn color(c: Category) -> &'static str {
    match c {
        Category::DirectPush => "#b91c1c",
        Category::SelfApproved => "#c2410c",
        Category::SelfMerged => "#9a3412",
        Category::TooFewApprovals => "#d97706",
        Category::AiWithoutExtraReview => "#7c3aed",
        Category::Undocumented => "#ca8a04",
        Category::PolicyChangedInSameChange => "#be185d",
        Category::ReviewsUnknown => "#6b7280",
        Category::NotJudged => "#111827",
        Category::UnverifiedApprovals => "#0e7490",
        Category::Compliant => "#15803d",
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The category a change is drawn as: its first finding in severity order.
fn headline(change: &AuditedChange) -> Category {
    ORDER
        .into_iter()
        .find(|c| change.categories.contains(c))
        .unwrap_or(Category::Compliant)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` date (civil calendar, proleptic Gregorian).
fn days(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of the Monday starting the week of `date`.
fn week_of(date: &str) -> Option<String> {
    let day = days(date)?;
    // 1970-01-01 was a Thursday: Monday-based weekday = (days + 3) mod 7.
    let monday = day - (day + 3).rem_euclid(7);
    let z = monday + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Writes the page.
pub fn render(audit: &Audit) -> String {
    let mut weeks: BTreeMap<String, BTreeMap<Category, usize>> = BTreeMap::new();
    for change in &audit.changes {
        let week = week_of(&change.date).unwrap_or_else(|| "unknown".into());
        *weeks
            .entry(week)
            .or_default()
            .entry(headline(change))
            .or_default() += 1;
    }
    let mut svg = String::new();
    let (width, height, top, bottom, left) = (860.0_f64, 260.0_f64, 20.0_f64, 50.0_f64, 40.0_f64);
    let max = weeks
        .values()
        .map(|w| w.values().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let slot = (width - left - 10.0) / weeks.len().max(1) as f64;
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="tier-1 changes per week by category">"#
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#999"/>"##,
        height - bottom,
        width - 10.0,
        height - bottom
    );
    for (i, (week, counts)) in weeks.iter().enumerate() {
        let x = left + i as f64 * slot + slot * 0.15;
        let mut y = height - bottom;
        for category in ORDER {
            let n = counts.get(&category).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            let h = n as f64 / max * (height - top - bottom);
            y -= h;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{}"><title>{} {}: {n}</title></rect>"#,
                slot * 0.7,
                color(category),
                escape(week),
                category.label()
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
            x + slot * 0.35,
            height - bottom + 14.0,
            escape(week.get(5..).unwrap_or(week))
        );
    }
    let _ = write!(
        svg,
        r#"<text x="4" y="{}" font-size="10">{}</text></svg>"#,
        top + 4.0,
        max as usize
    );
    let mut rows = String::new();
    for c in &audit.changes {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}/{}</td><td>{}</td><td>{}</td></tr>",
            commit_link(c),
            pull_request_link(c),
            escape(&c.date),
            escape(&c.subject),
            escape(&c.author),
            c.categories
                .iter()
                .map(|k| format!(r#"<span class="tag" style="background:{}">{}</span>"#, color(*k), k.label()))
                .collect::<String>(),
            c.approvers.len(),
            c.required_approvals,
            c.blast_radius,
            escape(&c.tier1_files.join(", "))
        );
    }
    let notes: String = audit
        .notes
        .iter()
        .map(|n| format!("<li>{}</li>", escape(n)))
        .collect();
    let legend: String = ORDER
        .iter()
        .map(|c| {
            let n = audit
                .changes
                .iter()
                .filter(|ch| ch.categories.contains(c))
                .count();
            format!(
                r#"<li><span class="swatch" style="background:{}"></span>{} — {n}</li>"#,
                color(*c),
                c.label()
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>changegate audit — {branch}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #111; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }}
.tag {{ color: #fff; border-radius: 3px; padding: 0 4px; margin-right: 3px; font-size: 12px; white-space: nowrap; }}
.swatch {{ display: inline-block; width: 10px; height: 10px; margin-right: 6px; }}
ul.legend {{ list-style: none; padding: 0; columns: 2; }}
</style></head>
<body>
<h1>changegate audit: <code>{branch}</code> since {since}</h1>
<p>{scanned} commit{scanned_s} scanned (first parent); <strong>{count}</strong> reached tier-1 paths. Reviews from {source}.</p>
<ul>{notes}</ul>
<h2>Tier-1 changes per week</h2>
{svg}
<ul class="legend">{legend}</ul>
<h2>Changes, worst first</h2>
<table><thead><tr><th>commit</th><th>PR/MR</th><th>date</th><th>subject</th><th>author</th><th>findings</th><th>approvals</th><th>blast radius</th><th>tier-1 files</th></tr></thead>
<tbody>{rows}</tbody></table>
</body></html>
"#,
        branch = escape(&audit.branch),
        since = escape(&audit.since),
        scanned = audit.commits_scanned,
        scanned_s = if audit.commits_scanned == 1 { "" } else { "s" },
        source = escape(&audit.source),
        count = audit.changes.len(),
    )
}

/// The short sha, linked to the commit's page when there is one.
fn commit_link(c: &AuditedChange) -> String {
    let short = escape(&c.sha[..c.sha.len().min(10)]);
    match &c.commit_url {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            format!(r#"<a href="{}"><code>{short}</code></a>"#, escape(url))
        }
        _ => format!("<code>{short}</code>"),
    }
}

/// A link to the PR/MR (http(s) only), or its reference.
fn pull_request_link(c: &AuditedChange) -> String {
    match &c.pull_request {
        Some(pr) if pr.url.starts_with("https://") || pr.url.starts_with("http://") => format!(
            r#"<a href="{}">{}</a>"#,
            escape(&pr.url),
            escape(&pr.reference)
        ),
        Some(pr) => escape(&pr.reference),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(
            week_of("2026-01-01T10:00:00+00:00").as_deref(),
            Some("2025-12-29")
        );
        assert_eq!(week_of("2026-03-09").as_deref(), Some("2026-03-09"));
        assert_eq!(week_of("2024-02-29").as_deref(), Some("2024-02-26"));
        assert_eq!(week_of("nonsense"), None);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<script>&\""), "&lt;script&gt;&amp;&quot;");
    }
}
