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

/// Fill colours: Okabe–Ito (distinguishable with the common colour-vision deficiencies),
/// then greys for the states that are not findings. Each category also has its own text label
/// in the legend and the table, so colour is never the only cue.
pub(crate) fn color(c: Category) -> &'static str {
    match c {
        Category::DirectPush => "#D55E00",
        Category::SelfApproved => "#CC79A7",
        Category::SelfMerged => "#882255",
        Category::TooFewApprovals => "#E69F00",
        Category::AiWithoutExtraReview => "#0072B2",
        Category::Undocumented => "#F0E442",
        Category::PolicyChangedInSameChange => "#56B4E9",
        Category::NotJudged => "#000000",
        Category::ReviewsUnknown => "#BBBBBB",
        Category::UnverifiedApprovals => "#777777",
        Category::Compliant => "#009E73",
    }
}

/// Text colour readable on `color(c)`.
fn ink(c: Category) -> &'static str {
    match c {
        Category::Undocumented
        | Category::TooFewApprovals
        | Category::PolicyChangedInSameChange
        | Category::ReviewsUnknown => "#000",
        _ => "#fff",
    }
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The category a change is drawn as: its first finding in severity order.
pub(crate) fn headline(change: &AuditedChange) -> Category {
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
pub(crate) fn week_of(date: &str) -> Option<String> {
    let day = days(date)?;
    // 1970-01-01 was a Thursday: Monday-based weekday = (days + 3) mod 7.
    Some(date_of(day - (day + 3).rem_euclid(7)))
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (the inverse of `days`).
fn date_of(day: i64) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Weeks without a change between the first and the last (at most ten years), so the trend's
/// x-axis is time, not a list of busy weeks.
fn fill_gaps(weeks: &mut BTreeMap<String, BTreeMap<Category, usize>>) {
    let dated: Vec<i64> = weeks.keys().filter_map(|w| days(w)).collect();
    if let (Some(first), Some(last)) = (dated.iter().min(), dated.iter().max()) {
        if last - first <= 7 * 520 {
            let mut day = *first;
            while day < *last {
                weeks.entry(date_of(day)).or_default();
                day += 7;
            }
        }
    }
}

/// Tier-1 changes per week, stacked by headline category (an inline SVG).
pub(crate) fn chart<'a>(changes: impl Iterator<Item = &'a AuditedChange>) -> String {
    let mut weeks: BTreeMap<String, BTreeMap<Category, usize>> = BTreeMap::new();
    for change in changes {
        let week = week_of(&change.date).unwrap_or_else(|| "unknown".into());
        *weeks
            .entry(week)
            .or_default()
            .entry(headline(change))
            .or_default() += 1;
    }
    fill_gaps(&mut weeks);
    let mut svg = String::new();
    let (width, height, top, bottom, left) = (860.0_f64, 220.0_f64, 20.0_f64, 40.0_f64, 40.0_f64);
    let max = weeks
        .values()
        .map(|w| w.values().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let slot = (width - left - 10.0) / weeks.len().max(1) as f64;
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" role="img" aria-label="tier-1 changes per week by category">"#
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#999"/>"##,
        height - bottom,
        width - 10.0,
        height - bottom
    );
    // A label every ~80 px (a date is ~55 px wide at this size), whatever the window.
    let label_every = (80.0 / slot).ceil().max(1.0) as usize;
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
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{}" stroke="#fff" stroke-width="0.5"><title>week of {} — {}: {n}</title></rect>"##,
                slot * 0.7,
                color(category),
                escape(week),
                category.label()
            );
        }
        if i % label_every == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
                x + slot * 0.35,
                height - bottom + 14.0,
                escape(week)
            );
        }
    }
    let _ = write!(
        svg,
        r#"<text x="4" y="{}" font-size="10">{}</text></svg>"#,
        top + 4.0,
        max as usize
    );
    svg
}

/// The colour key: every category with its swatch and count (zeros included).
pub(crate) fn legend(totals: &BTreeMap<Category, usize>) -> String {
    let items: String = ORDER
        .iter()
        .map(|c| {
            format!(
                r#"<li><span class="swatch" style="background:{}"></span>{} — {}</li>"#,
                color(*c),
                c.label(),
                totals.get(c).copied().unwrap_or(0)
            )
        })
        .collect();
    format!(r#"<ul class="legend">{items}</ul>"#)
}

/// A change's categories as coloured, labelled tags.
pub(crate) fn tags(c: &AuditedChange) -> String {
    c.categories
        .iter()
        .map(|k| {
            format!(
                r#"<span class="tag" style="background:{};color:{}">{}</span>"#,
                color(*k),
                ink(*k),
                k.label()
            )
        })
        .collect()
}

/// The tier-1 files, collapsed past the first so that a row stays one line tall.
pub(crate) fn files(c: &AuditedChange) -> String {
    match c.tier1_files.as_slice() {
        [] => String::new(),
        [one] => format!("<code>{}</code>", escape(one)),
        [first, rest @ ..] => format!(
            "<details><summary><code>{}</code> +{}</summary>{}</details>",
            escape(first),
            rest.len(),
            rest.iter()
                .map(|f| format!("<code>{}</code>", escape(f)))
                .collect::<Vec<_>>()
                .join("<br>")
        ),
    }
}

/// The header cells of a change row (`change_cells`).
pub(crate) const CHANGE_HEADERS: &str = r#"<th>commit</th><th class="wide">PR/MR</th><th class="num">date</th><th class="wide">subject</th><th class="wide">author</th><th>findings</th><th class="num">approvals</th><th class="num">blast radius</th><th class="wide">tier-1 files</th>"#;

/// One change as table cells (the system's page and the org report's).
pub(crate) fn change_cells(c: &AuditedChange) -> String {
    format!(
        r#"<td>{}</td><td class="wide">{}</td><td class="num">{}</td><td class="subject wide" title="{subject}">{subject}</td><td class="wide person">{}</td><td class="findings">{}</td><td class="num">{}/{}</td><td class="num">{}</td><td class="wide">{}</td>"#,
        commit_link(c),
        pull_request_link(c),
        day(&c.date),
        person(&c.author),
        tags(c),
        c.approvers.len(),
        c.required_approvals,
        c.blast_radius,
        files(c),
        subject = escape(&c.subject),
    )
}

/// A `Name <email>` as its name, the address in the title.
pub(crate) fn person(who: &str) -> String {
    let name = who.split(" <").next().unwrap_or(who);
    format!(r#"<span title="{}">{}</span>"#, escape(who), escape(name))
}

/// `YYYY-MM-DD` of an ISO 8601 date (the full date is in the cell's title).
pub(crate) fn day(date: &str) -> String {
    format!(
        r#"<span title="{}">{}</span>"#,
        escape(date),
        escape(date.get(..10).unwrap_or(date))
    )
}

/// The page's stylesheet (shared with the org report).
pub(crate) const STYLE: &str = r#"body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #111; max-width: 1600px; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.person { white-space: nowrap; }
td.findings { min-width: 16em; }
td.subject { max-width: 28em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
details summary { cursor: pointer; white-space: nowrap; }
.tag { border-radius: 3px; padding: 0 4px; margin: 0 3px 2px 0; font-size: 12px; white-space: nowrap; display: inline-block; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; border: 1px solid #555; }
ul.legend { list-style: none; padding: 0; columns: 2; max-width: 860px; }
.summary { border: 1px solid #ccc; border-radius: 6px; padding: 8px 14px; background: #f7f7f7; max-width: 860px; }
.summary strong.bad { color: #a0400b; }
.scroll { overflow-x: auto; }
@media (max-width: 900px) { ul.legend { columns: 1; } .wide { display: none; } }
"#;

/// Totals per category (a change counts once in each of its categories).
pub(crate) fn totals<'a>(
    changes: impl Iterator<Item = &'a AuditedChange>,
) -> BTreeMap<Category, usize> {
    let mut out: BTreeMap<Category, usize> = ORDER.iter().map(|c| (*c, 0)).collect();
    for change in changes {
        for c in &change.categories {
            *out.entry(*c).or_default() += 1;
        }
    }
    out
}

/// The ten-second summary: how many changes, how many with findings, the worst kinds.
pub(crate) fn summary_line(
    totals: &BTreeMap<Category, usize>,
    changes: usize,
    bad: usize,
) -> String {
    let worst: Vec<String> = ORDER
        .iter()
        .filter(|c| c.is_violation())
        .filter_map(|c| {
            let n = totals.get(c).copied().unwrap_or(0);
            (n > 0).then(|| format!("{n} {}", c.label()))
        })
        .collect();
    let share = (bad * 100 + changes / 2).checked_div(changes).unwrap_or(0);
    format!(
        r#"<strong>{changes}</strong> tier-1 change{}; <strong class="bad">{bad}</strong> with findings ({share}%){}."#,
        if changes == 1 { "" } else { "s" },
        if worst.is_empty() {
            String::new()
        } else {
            format!(": {}", escape(&worst.join(", ")))
        }
    )
}

/// Writes the page.
pub fn render(audit: &Audit) -> String {
    let totals = totals(audit.changes.iter());
    let bad = audit
        .changes
        .iter()
        .filter(|c| c.categories.iter().any(|k| k.is_violation()))
        .count();
    let mut rows = String::new();
    for c in &audit.changes {
        let _ = write!(rows, "<tr>{}</tr>", change_cells(c));
    }
    let notes: String = audit
        .notes
        .iter()
        .map(|n| format!("<li>{}</li>", escape(n)))
        .collect();
    let mut policies: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &audit.changes {
        *policies.entry(c.policy.as_str()).or_default() += 1;
    }
    let policies: String = policies
        .iter()
        .map(|(p, n)| {
            format!(
                "<li>{} — {n} change{}</li>",
                escape(if p.is_empty() { "(not recorded)" } else { p }),
                if *n == 1 { "" } else { "s" }
            )
        })
        .collect();
    let period = match &audit.period {
        Some(p) => {
            let (from, to) = p.days();
            format!("{} to {}", escape(from), escape(to))
        }
        None => "no commits".to_owned(),
    };
    let head = audit
        .head
        .as_deref()
        .map(|h| format!(" at <code>{}</code>", escape(&h[..h.len().min(12)])))
        .unwrap_or_default();
    let system = audit
        .system
        .as_ref()
        .map(|s| format!("{} — ", escape(&s.name)))
        .unwrap_or_default();
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>changegate audit — {system}{branch}</title>
<style>
{STYLE}</style></head>
<body>
<h1>changegate audit: {system}<code>{branch}</code>{head}</h1>
<div class="summary"><p>{summary}</p>
<p>Commits from {period} (window: since {since}); {scanned} commit{scanned_s} scanned (first parent). Reviews from {source}.</p></div>
<ul>{notes}</ul>
<h2>Tier-1 changes per week</h2>
{svg}
{legend}
<h2>Judged by</h2>
<ul>{policies}</ul>
<h2>Changes, worst first</h2>
<div class="scroll"><table><thead><tr>{CHANGE_HEADERS}</tr></thead>
<tbody>{rows}</tbody></table></div>
</body></html>
"#,
        summary = summary_line(&totals, audit.changes.len(), bad),
        svg = chart(audit.changes.iter()),
        legend = legend(&totals),
        branch = escape(&audit.branch),
        since = escape(&audit.since),
        scanned = audit.commits_scanned,
        scanned_s = if audit.commits_scanned == 1 { "" } else { "s" },
        source = escape(&audit.source),
    )
}

/// The short sha, linked to the commit's page when there is one.
pub(crate) fn commit_link(c: &AuditedChange) -> String {
    let short = escape(&c.sha[..c.sha.len().min(10)]);
    match &c.commit_url {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            format!(r#"<a href="{}"><code>{short}</code></a>"#, escape(url))
        }
        _ => format!("<code>{short}</code>"),
    }
}

/// A link to the PR/MR (http(s) only), or its reference; offline, the reference a squash
/// merge's subject names.
pub(crate) fn pull_request_link(c: &AuditedChange) -> String {
    match &c.pull_request {
        Some(pr) if pr.url.starts_with("https://") || pr.url.starts_with("http://") => format!(
            r#"<a href="{}">{}</a>"#,
            escape(&pr.url),
            escape(&pr.reference)
        ),
        Some(pr) => escape(&pr.reference),
        None => match &c.arrival {
            super::Arrival::SquashedPr { reference } => escape(reference),
            // GitHub's merge commit subject: `Merge pull request #12 from owner/branch`.
            super::Arrival::Merge => c
                .subject
                .strip_prefix("Merge pull request #")
                .and_then(|rest| rest.split(' ').next())
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .map(|n| format!("#{n}"))
                .unwrap_or_default(),
            super::Arrival::Direct => String::new(),
        },
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
    fn empty_weeks_are_drawn() {
        let mut weeks: BTreeMap<String, BTreeMap<Category, usize>> = BTreeMap::new();
        weeks.entry("2026-02-23".into()).or_default();
        weeks.entry("2026-03-16".into()).or_default();
        fill_gaps(&mut weeks);
        let keys: Vec<&str> = weeks.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16"]
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<script>&\""), "&lt;script&gt;&amp;&quot;");
    }
}
