//! `changegate rules list|test` and `changegate explain`: the rule catalogue, for authors.

use anyhow::Context as _;
use std::path::{Path, PathBuf};

/// One line per rule.
pub fn list(directory: Option<&Path>) -> anyhow::Result<u8> {
    let set = configured_rules(directory)?;
    crate::report::rules::list(&set, &mut std::io::stdout().lock())?;
    Ok(0)
}

/// Runs every rule's own examples; exit 1 if one fails.
pub fn test(directory: Option<&Path>, paths: &[PathBuf]) -> anyhow::Result<u8> {
    let set = if paths.is_empty() {
        configured_rules(directory)?
    } else {
        rules_from_paths(paths)?
    };
    let outcomes = crate::rules::selftest::test_all(&set);
    crate::report::rules::test_report(&outcomes, &mut std::io::stdout().lock())?;
    Ok(u8::from(outcomes.iter().any(|o| !o.passed())))
}

/// What a rule (or one of changegate's own finding ids) checks and what to do instead.
pub fn explain(directory: Option<&Path>, rule_id: &str) -> anyhow::Result<u8> {
    let set = configured_rules(directory)?;
    if let Some(rule) = set.get(rule_id) {
        crate::report::rules::explain(rule, &mut std::io::stdout().lock())?;
        return Ok(0);
    }
    match built_in_finding(rule_id) {
        Some(row) => {
            println!("{row}");
            Ok(0)
        }
        None => anyhow::bail!("no rule `{rule_id}` (see `changegate rules list`)"),
    }
}

/// What a finding of one of changegate's own checks (`docs/missing-section`,
/// `review/approvals-required`, …) means: its row of the table in docs/json-output.md, so
/// `explain` knows every id the tool prints and never says something the docs do not.
fn built_in_finding(id: &str) -> Option<String> {
    const TABLE: &str = include_str!("../../docs/json-output.md");
    let prefix = format!("| `{id}` |");
    let rows: Vec<String> = TABLE
        .lines()
        .filter(|line| line.starts_with(&prefix))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            match cells.as_slice() {
                [name, severity, blocks, when] => format!(
                    "{} — a finding of changegate's own checks\n  severity  {severity}\n  blocks    {blocks}\n  when      {when}",
                    name.trim_matches('`')
                ),
                _ => line.to_owned(),
            }
        })
        .collect();
    (!rows.is_empty()).then(|| rows.join("\n"))
}

/// The policy on disk (`config`, else the work tree's `.changegate.yml`, else the built-in
/// defaults), its baseline applied: what an author is editing.
pub fn effective_policy(
    directory: Option<&Path>,
    config: Option<&Path>,
) -> anyhow::Result<crate::policy::Policy> {
    let dir = super::working_dir(directory)?;
    let root = crate::source::git::Git::discover(&dir)
        .map(|g| g.root().to_path_buf())
        .unwrap_or(dir);
    let policy_path = match config {
        Some(path) => path.to_path_buf(),
        None => root.join(crate::policy::POLICY_FILE),
    };
    if config.is_none() && !policy_path.is_file() {
        return Ok(crate::policy::Policy::builtin());
    }
    let text = std::fs::read_to_string(&policy_path)
        .with_context(|| format!("cannot read {}", policy_path.display()))?;
    let name = match config {
        Some(path) => path.display().to_string(),
        None => crate::policy::POLICY_FILE.to_owned(),
    };
    let mut policy = crate::policy::Policy::load(
        &text,
        &name,
        &crate::platform::baseline::Baselines::from_env(),
    )?;
    policy.file = Some(name);
    Ok(policy)
}

/// Built-in packs plus the custom rule directories of the policy found on disk (for authoring).
fn configured_rules(directory: Option<&Path>) -> anyhow::Result<crate::rules::RuleSet> {
    let dir = super::working_dir(directory)?;
    let root = crate::source::git::Git::discover(&dir)
        .map(|g| g.root().to_path_buf())
        .unwrap_or(dir);
    let policy = effective_policy(directory, None)?;
    Ok(crate::load_rules(
        &policy,
        &crate::source::base_files::BaseFiles::Disk(root),
        None,
    )?)
}

/// Only the rules in the given files or directories.
fn rules_from_paths(paths: &[PathBuf]) -> anyhow::Result<crate::rules::RuleSet> {
    let mut custom = Vec::new();
    for path in paths {
        if path.is_dir() {
            for (relative, bytes) in crate::source::base_files::files_on_disk(path, "")? {
                let shown = path.join(relative.trim_start_matches('/'));
                let text = String::from_utf8(bytes)
                    .with_context(|| format!("{} is not valid UTF-8", shown.display()))?;
                custom.push((shown.display().to_string(), text));
            }
        } else {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            custom.push((path.display().to_string(), text));
        }
    }
    custom.retain(|(p, _)| p.ends_with(".yml") || p.ends_with(".yaml"));
    custom.sort();
    Ok(crate::rules::RuleSet::load(Some(&[]), &custom, &[])?)
}
