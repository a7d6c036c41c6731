//! Output of `changegate rules list`, `rules test` and `explain`.

use crate::rules::selftest::RuleOutcome;
use crate::rules::{Rule, RuleSet};
use std::io::Write;

/// One line per rule.
pub fn list(set: &RuleSet, out: &mut dyn Write) -> std::io::Result<()> {
    let width = set.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in &set.rules {
        let languages: Vec<&str> = rule.languages.iter().map(|l| l.name()).collect();
        writeln!(
            out,
            "{:<width$}  {:<7}  {:<5}  {:<22}  {}",
            rule.id,
            rule.severity.as_str(),
            rule.matcher.kind(),
            if languages.is_empty() {
                "any".to_owned()
            } else {
                languages.join(",")
            },
            rule.message,
        )?;
    }
    writeln!(out, "{} rules", set.rules.len())
}

/// Failures in detail, then a closing count line.
pub fn test_report(outcomes: &[RuleOutcome], out: &mut dyn Write) -> std::io::Result<()> {
    let (mut passed, mut failed) = (0, 0);
    for outcome in outcomes {
        if outcome.passed() {
            passed += 1;
            continue;
        }
        failed += 1;
        writeln!(out, "FAIL {} ({})", outcome.rule_id, outcome.origin)?;
        if let Some(missing) = &outcome.missing {
            writeln!(out, "  {missing}")?;
        }
        for case in outcome.cases.iter().filter(|c| !c.passed) {
            let kind = if case.must_match { "match" } else { "no_match" };
            writeln!(out, "  {kind} #{}: {}", case.number, case.detail)?;
        }
    }
    let cases: usize = outcomes.iter().map(|o| o.cases.len()).sum();
    writeln!(
        out,
        "rules: {passed} passed, {failed} failed ({cases} cases)"
    )
}

/// Everything a rule says about itself.
pub fn explain(rule: &Rule, out: &mut dyn Write) -> std::io::Result<()> {
    let languages: Vec<&str> = rule.languages.iter().map(|l| l.name()).collect();
    writeln!(
        out,
        "{} ({}, {})",
        rule.id,
        rule.severity.as_str(),
        rule.origin
    )?;
    writeln!(out)?;
    writeln!(out, "What it flags: {}", rule.message)?;
    if let Some(note) = &rule.note {
        writeln!(out, "Why, and what to do: {note}")?;
    }
    if let Some(url) = &rule.url {
        writeln!(out, "More: {url}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Applies to: {}{}{}",
        if languages.is_empty() {
            "any file".to_owned()
        } else {
            languages.join(", ")
        },
        if rule.tiers.is_empty() {
            String::new()
        } else {
            format!("; tiers {}", rule.tiers.join(", "))
        },
        if rule.exclude_test_code {
            "; not in test code"
        } else {
            ""
        },
    )?;
    writeln!(
        out,
        "Blocks: {}",
        if rule.severity == crate::model::Severity::Error {
            "yes (error)"
        } else {
            "no"
        }
    )?;
    writeln!(out, "Matcher ({}):", rule.matcher.kind())?;
    for line in rule.source.lines() {
        writeln!(out, "    {line}")?;
    }
    if let Some(example) = rule
        .tests
        .iter()
        .find(|t| t.must_match)
        .and_then(|t| t.after.as_deref())
    {
        writeln!(out, "Example that matches:")?;
        for line in example.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

/// The catalog of built-in rules (`docs/rule-catalog.md`): one section per rule, headed by its
/// id (the anchor each rule's `url` points at), with what `explain` says about it.
pub fn catalog(
    set: &RuleSet,
    packs: &[crate::rules::Pack],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "# Built-in rules")?;
    writeln!(out)?;
    writeln!(
        out,
        "Generated from `rules/*.yml` (`CHANGEGATE_BLESS=1 cargo test --lib rule_catalog`); `changegate explain ID` prints the same text."
    )?;
    writeln!(out)?;
    writeln!(out, "| pack | id prefix | rules |")?;
    writeln!(out, "|---|---|---|")?;
    for pack in packs {
        let origin = format!("builtin:{}", pack.name);
        let count = set.rules.iter().filter(|r| r.origin == origin).count();
        writeln!(out, "| `{}` | `{}/` | {count} |", pack.name, pack.prefix)?;
    }
    for rule in &set.rules {
        writeln!(out)?;
        writeln!(out, "## {}", rule.id)?;
        writeln!(out)?;
        let mut body = Vec::new();
        explain(rule, &mut body)?;
        let body = String::from_utf8_lossy(&body);
        // The first line repeats the heading; the link points at this very section.
        let body: Vec<&str> = body
            .lines()
            .skip(1)
            .filter(|line| !line.starts_with("More: "))
            .collect();
        writeln!(out, "```text")?;
        writeln!(out, "{}", body.join("\n").trim())?;
        writeln!(out, "```")?;
    }
    Ok(())
}
