//! `systems.yml`: the inventory of an org's systems — name, repository, tier, paths, owners —
//! kept in the policy repository. Read strictly (unknown keys are errors, every problem is
//! reported at once) because the fleet's matrix and the org report are built from it.

pub use crate::model::system::{parse_repository, Owners, PlatformName, RepositoryUrl, System};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The inventory file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    /// The systems, in any order (reports sort them by name).
    pub systems: Vec<System>,
}

/// Why an inventory cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Syntax { path: String, message: String },
    #[error("{path}: {}", problems.join("\n  "))]
    Invalid { path: String, problems: Vec<String> },
}

impl Inventory {
    /// Reads and checks `path`.
    pub fn load(path: &std::path::Path) -> Result<Inventory, InventoryError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| InventoryError::Read {
            path: shown.clone(),
            source,
        })?;
        Inventory::parse(&text, &shown)
    }

    /// Parses and checks an inventory's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Inventory, InventoryError> {
        let inventory: Inventory =
            serde_yaml::from_str(text).map_err(|e| InventoryError::Syntax {
                path: origin.to_owned(),
                message: e.to_string(),
            })?;
        let problems = inventory.problems();
        if problems.is_empty() {
            Ok(inventory)
        } else {
            Err(InventoryError::Invalid {
                path: origin.to_owned(),
                problems,
            })
        }
    }

    /// The system called `name`.
    pub fn get(&self, name: &str) -> Option<&System> {
        self.systems.iter().find(|s| s.name == name)
    }

    /// The systems sorted by name (the order of every output).
    pub fn sorted(&self) -> Vec<&System> {
        let mut systems: Vec<&System> = self.systems.iter().collect();
        systems.sort_by(|a, b| a.name.cmp(&b.name));
        systems
    }

    /// Every problem, each naming the system it is in.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        if self.systems.is_empty() {
            problems.push("`systems` is empty".to_owned());
        }
        for (index, system) in self.systems.iter().enumerate() {
            let at = format!("systems[{index}] ({:?})", system.name);
            if !valid_name(&system.name) {
                problems.push(format!(
                    "{at}: `name` must be 1–63 of a-z, 0-9, `.`, `_`, `-`, starting with a letter or digit"
                ));
            }
            if !seen.insert(system.name.as_str()) {
                problems.push(format!("{at}: the name is used by an earlier system"));
            }
            match parse_repository(&system.repository) {
                Err(why) => problems.push(format!("{at}: `repository` {why}")),
                Ok(_) if system.platform().is_none() => problems.push(format!(
                    "{at}: `platform` (github or gitlab) is needed for a repository not on github.com or gitlab.com"
                )),
                Ok(url)
                    if system.platform() == Some(PlatformName::Github)
                        && url.project.matches('/').count() != 1 =>
                {
                    problems.push(format!(
                        "{at}: a GitHub repository is https://HOST/OWNER/REPO"
                    ));
                }
                Ok(_) => {}
            }
            if system.tier == 0 {
                problems.push(format!("{at}: `tier` starts at 1"));
            }
            if let Some(branch) = &system.branch {
                if !valid_ref(branch) {
                    problems.push(format!(
                        "{at}: `branch` {branch:?} is not a plain branch name"
                    ));
                }
            }
            for glob in &system.paths {
                if let Err(e) = crate::util::glob::Pattern::new(glob) {
                    problems.push(format!("{at}: `paths` entry {glob:?}: {e}"));
                }
            }
            for (key, value) in [
                ("owners.team", Some(&system.owners.team)),
                ("owners.director", system.owners.director.as_ref()),
                ("owners.vp", system.owners.vp.as_ref()),
            ] {
                if let Some(value) = value {
                    if value.trim().is_empty() || value.chars().any(char::is_control) {
                        problems.push(format!("{at}: `{key}` must be a non-empty line of text"));
                    }
                }
            }
        }
        problems
    }
}

fn valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes[0].is_ascii_alphanumeric()
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// A branch name that git would accept and a shell or YAML would not misread.
fn valid_ref(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(['-', '/'])
        && !name.ends_with(['/', '.'])
        && !name.contains("..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/'))
}

/// The JSON Schema of `systems.yml` (checked in as `schemas/systems.schema.json`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Inventory);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "systems:
  - name: checkout
    repository: https://github.com/acme/checkout
    tier: 1
    owners: { team: '@acme/checkout', director: Dana, vp: Victor }
  - name: billing
    repository: https://gitlab.com/acme/money/billing
    tier: 1
    branch: release/main
    paths: ['services/**']
    owners: { team: billing }
";

    #[test]
    fn a_good_inventory_loads_and_sorts() {
        let inventory = Inventory::parse(GOOD, "systems.yml").unwrap();
        let names: Vec<&str> = inventory.sorted().iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["billing", "checkout"]);
        let billing = inventory.get("billing").unwrap();
        assert_eq!(billing.platform(), Some(PlatformName::Gitlab));
        assert_eq!(billing.project(), "acme/money/billing");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = "systems:
  - name: Bad Name
    repository: http://github.com/a/b
    tier: 0
    owners: { team: '' }
  - name: x
    repository: https://tok@github.com/a/b
    tier: 1
    owners: { team: t }
  - name: x
    repository: https://git.example.com/a/b
    tier: 1
    branch: '--upload-pack=evil'
    owners: { team: t }
";
        let err = Inventory::parse(bad, "systems.yml")
            .unwrap_err()
            .to_string();
        for expected in [
            "`name` must be",
            "must start with https://",
            "`tier` starts at 1",
            "`owners.team` must be",
            "must not carry credentials",
            "used by an earlier system",
            "`platform` (github or gitlab) is needed",
            "is not a plain branch name",
        ] {
            assert!(err.contains(expected), "{expected:?} missing from:\n{err}");
        }
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = Inventory::parse(
            "systems:\n  - name: a\n    repository: https://github.com/a/b\n    tier: 1\n    owner: { team: t }\n",
            "systems.yml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("owner"), "{err}");
    }

    #[test]
    fn checked_in_json_schema_is_current() {
        crate::util::assert_schema_checked_in("systems.schema.json", &json_schema());
    }
}
