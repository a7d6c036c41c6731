//! `changegate audit merge`: per-system audit reports (JSON) joined into one org audit.
//!
//! The org audit is a set of system audits keyed by system name, so merging is a set union:
//! associative and commutative, and the output of a merge is itself an input (shards can be
//! merged in stages). Everything derived — totals, rollups, the worst changes — is recomputed
//! from the systems on every merge and never read back from an input.

use crate::audit::{Audit, AuditedChange, Category};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What `audit merge --format json` writes (`schemas/org-audit.schema.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrgAudit {
    /// 1; bumped when a field changes meaning or goes away.
    pub schema_version: u32,
    /// Always `org_audit` (tells it apart from a one-system report).
    pub kind: String,
    /// One audit per system, sorted by system name.
    pub systems: Vec<Audit>,
    /// Changes per category over every system (recomputed on each merge).
    #[serde(default)]
    pub totals: BTreeMap<Category, usize>,
    /// Systems of the inventory (`--systems`) with no report: not audited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

pub const KIND: &str = "org_audit";

/// Changes listed in the markdown and HTML reports; every change is in the JSON and CSV.
pub const WORST_LISTED: usize = 100;

/// Why reports cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a changegate audit report: {message}")]
    NotAReport { path: String, message: String },
    #[error("{path}: schema_version {version} is not 1 (written by another changegate version)")]
    Version { path: String, version: u64 },
    #[error("{path}: the report does not name its system; run `changegate audit --systems systems.yml --system NAME`")]
    Unnamed { path: String },
    #[error("system {name:?} is in {first} and in {second} with different audits; merge each system's report once")]
    Conflict {
        name: String,
        first: String,
        second: String,
    },
    #[error("no reports to merge")]
    Nothing,
}

/// A one-system report as `audit --format json` writes it.
#[derive(Deserialize)]
struct SystemReport {
    schema_version: u64,
    audit: Audit,
}

/// The system audits in one report file (one, or many for an org audit).
pub fn read_report(path: &std::path::Path) -> Result<Vec<Audit>, MergeError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| MergeError::Read {
        path: shown.clone(),
        source,
    })?;
    parse_report(&bytes, &shown)
}

/// Parses a report's bytes; `origin` names it in errors.
pub fn parse_report(bytes: &[u8], origin: &str) -> Result<Vec<Audit>, MergeError> {
    let not_a_report = |message: String| MergeError::NotAReport {
        path: origin.to_owned(),
        message,
    };
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| not_a_report(e.to_string()))?;
    let version = value["schema_version"]
        .as_u64()
        .ok_or_else(|| not_a_report("no schema_version".to_owned()))?;
    if version != 1 {
        return Err(MergeError::Version {
            path: origin.to_owned(),
            version,
        });
    }
    let audits = if value["kind"] == KIND {
        let org: OrgAudit =
            serde_json::from_value(value).map_err(|e| not_a_report(e.to_string()))?;
        org.systems
    } else {
        let report: SystemReport =
            serde_json::from_value(value).map_err(|e| not_a_report(e.to_string()))?;
        debug_assert_eq!(report.schema_version, 1);
        vec![report.audit]
    };
    if audits.iter().any(|a| a.system.is_none()) {
        return Err(MergeError::Unnamed {
            path: origin.to_owned(),
        });
    }
    Ok(audits)
}

/// Joins `(origin, audits)` into one org audit. The same system twice is kept once when both
/// copies are identical (an overlap of staged merges), and is an error when they differ.
pub fn merge(
    reports: Vec<(String, Vec<Audit>)>,
    inventory: Option<&super::systems::Inventory>,
) -> Result<OrgAudit, MergeError> {
    if reports.is_empty() {
        return Err(MergeError::Nothing);
    }
    // Files in name order: which two files a conflict names does not depend on argument order.
    let mut reports = reports;
    reports.sort_by(|a, b| a.0.cmp(&b.0));
    let mut by_name: BTreeMap<String, (String, Audit)> = BTreeMap::new();
    for (origin, audits) in reports {
        for audit in audits {
            let name = audit
                .system
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default();
            match by_name.get(&name) {
                Some((first, kept)) if *kept != audit => {
                    return Err(MergeError::Conflict {
                        name,
                        first: first.clone(),
                        second: origin,
                    });
                }
                Some(_) => {}
                None => {
                    by_name.insert(name, (origin.clone(), audit));
                }
            }
        }
    }
    let systems: Vec<Audit> = by_name.into_values().map(|(_, audit)| audit).collect();
    let mut totals: BTreeMap<Category, usize> = Category::ALL.iter().map(|c| (*c, 0)).collect();
    for change in systems.iter().flat_map(|a| &a.changes) {
        for category in &change.categories {
            *totals.entry(*category).or_default() += 1;
        }
    }
    let missing = inventory
        .map(|inv| {
            inv.sorted()
                .into_iter()
                .filter(|s| {
                    !systems
                        .iter()
                        .any(|a| a.system.as_ref().is_some_and(|x| x.name == s.name))
                })
                .map(|s| s.name.clone())
                .collect()
        })
        .unwrap_or_default();
    Ok(OrgAudit {
        schema_version: 1,
        kind: KIND.to_owned(),
        systems,
        totals,
        missing,
    })
}

/// A change with the system it belongs to.
pub struct OrgChange<'a> {
    pub system: &'a crate::model::system::System,
    pub change: &'a AuditedChange,
}

impl OrgAudit {
    /// Every change of every system, worst first: most violations, then blast radius, then
    /// most tier-1 files, then newest; ties by system name and sha.
    pub fn worst_first(&self) -> Vec<OrgChange<'_>> {
        let mut all: Vec<OrgChange<'_>> = self
            .systems
            .iter()
            .filter_map(|a| a.system.as_ref().map(|s| (s, a)))
            .flat_map(|(system, audit)| {
                audit
                    .changes
                    .iter()
                    .map(move |change| OrgChange { system, change })
            })
            .collect();
        let violations =
            |c: &AuditedChange| c.categories.iter().filter(|k| k.is_violation()).count();
        all.sort_by(|a, b| {
            (
                violations(b.change),
                b.change.blast_radius,
                b.change.tier1_files.len(),
                &b.change.date,
                &a.system.name,
                &a.change.sha,
            )
                .cmp(&(
                    violations(a.change),
                    a.change.blast_radius,
                    a.change.tier1_files.len(),
                    &a.change.date,
                    &b.system.name,
                    &b.change.sha,
                ))
        });
        all
    }

    /// Per owner (by `key`: director, VP or team): systems, changes, changes with findings.
    pub fn rollup(
        &self,
        key: impl Fn(&crate::model::system::Owners) -> Option<&str>,
    ) -> BTreeMap<String, Rollup> {
        let mut out: BTreeMap<String, Rollup> = BTreeMap::new();
        for audit in &self.systems {
            let Some(system) = &audit.system else {
                continue;
            };
            let owner = key(&system.owners).unwrap_or("(not named)").to_owned();
            let entry = out.entry(owner).or_default();
            entry.systems += 1;
            entry.changes += audit.changes.len();
            entry.with_findings += audit.changes.iter().filter(|c| has_findings(c)).count();
        }
        out
    }

    /// Per week (the Monday starting it): changes and changes with findings.
    pub fn weekly(&self) -> BTreeMap<String, (usize, usize)> {
        let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for change in self.systems.iter().flat_map(|a| &a.changes) {
            let week =
                crate::audit::html::week_of(&change.date).unwrap_or_else(|| "unknown".into());
            let entry = out.entry(week).or_default();
            entry.0 += 1;
            entry.1 += usize::from(has_findings(change));
        }
        out
    }
}

/// Totals for one owner.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rollup {
    pub systems: usize,
    pub changes: usize,
    pub with_findings: usize,
}

/// Whether a change has a finding (a violation category).
pub fn has_findings(change: &AuditedChange) -> bool {
    change.categories.iter().any(|k| k.is_violation())
}

/// The JSON Schema of the org audit (`schemas/org-audit.schema.json`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(OrgAudit);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Arrival, ReviewsFrom};
    use crate::fleet::systems::{Owners, System};

    fn change(sha: &str, date: &str, categories: Vec<Category>, blast: u32) -> AuditedChange {
        AuditedChange {
            sha: sha.into(),
            date: date.into(),
            author: "a <a@example.com>".into(),
            subject: format!("change {sha}"),
            arrival: Arrival::Direct,
            commit_url: None,
            pull_request: None,
            tier1_files: vec!["deploy/app.yaml".into()],
            areas: vec!["deploy".into()],
            owners: vec![],
            blast_radius: blast,
            required_approvals: 2,
            requirement: String::new(),
            reviews_from: ReviewsFrom::Unknown,
            approvers: vec![],
            not_counted: vec![],
            missing_docs: vec![],
            ai_signals: vec![],
            categories,
            policy: "built-in defaults".into(),
        }
    }

    fn audit(name: &str, vp: &str, changes: Vec<AuditedChange>) -> Audit {
        Audit {
            system: Some(System {
                name: name.into(),
                repository: format!("https://github.com/acme/{name}"),
                platform: None,
                tier: 1,
                branch: None,
                paths: vec![],
                owners: Owners {
                    team: format!("{name}-team"),
                    director: Some("dana".into()),
                    vp: Some(vp.into()),
                },
            }),
            branch: "main".into(),
            head: Some("f".repeat(40)),
            since: "90d".into(),
            period: None,
            source: "git (offline)".into(),
            commits_scanned: 10,
            changes,
            notes: vec![],
        }
    }

    fn json(org: &OrgAudit) -> String {
        serde_json::to_string_pretty(org).unwrap()
    }

    fn reports() -> Vec<(String, Vec<Audit>)> {
        vec![
            (
                "a.json".into(),
                vec![audit(
                    "checkout",
                    "victor",
                    vec![change(
                        "c1",
                        "2026-03-02T10:00:00+00:00",
                        vec![Category::DirectPush],
                        40,
                    )],
                )],
            ),
            (
                "b.json".into(),
                vec![audit(
                    "billing",
                    "victor",
                    vec![change(
                        "b1",
                        "2026-03-10T10:00:00+00:00",
                        vec![Category::Compliant],
                        10,
                    )],
                )],
            ),
            (
                "c.json".into(),
                vec![audit(
                    "search",
                    "wendy",
                    vec![change(
                        "s1",
                        "2026-03-03T10:00:00+00:00",
                        vec![Category::Undocumented],
                        70,
                    )],
                )],
            ),
        ]
    }

    #[test]
    fn merging_is_associative_commutative_and_idempotent() {
        let all = reports();
        let flat = json(&merge(all.clone(), None).unwrap());
        let mut reversed = all.clone();
        reversed.reverse();
        assert_eq!(json(&merge(reversed, None).unwrap()), flat);
        // In stages: (a ∪ b) ∪ c, a ∪ (b ∪ c), with the stage's output read back as JSON.
        let stage = |parts: Vec<(String, Vec<Audit>)>| {
            let text = json(&merge(parts, None).unwrap());
            parse_report(text.as_bytes(), "stage.json").unwrap()
        };
        let ab = stage(all[..2].to_vec());
        let left = merge(vec![("ab.json".into(), ab), all[2].clone()], None).unwrap();
        let bc = stage(all[1..].to_vec());
        let right = merge(vec![all[0].clone(), ("bc.json".into(), bc)], None).unwrap();
        assert_eq!(json(&left), flat);
        assert_eq!(json(&right), flat);
        let mut twice = all.clone();
        twice.extend(all.clone());
        assert_eq!(json(&merge(twice, None).unwrap()), flat);
    }

    #[test]
    fn rollups_trend_and_worst_first() {
        let org = merge(reports(), None).unwrap();
        let names: Vec<&str> = org
            .systems
            .iter()
            .map(|a| a.system.as_ref().unwrap().name.as_str())
            .collect();
        assert_eq!(names, ["billing", "checkout", "search"]);
        let vps = org.rollup(|o| o.vp.as_deref());
        assert_eq!(vps["victor"].systems, 2);
        assert_eq!(vps["victor"].with_findings, 1);
        assert_eq!(vps["wendy"].with_findings, 1);
        let weeks = org.weekly();
        assert_eq!(weeks["2026-03-02"], (2, 2));
        assert_eq!(weeks["2026-03-09"], (1, 0));
        let worst: Vec<&str> = org
            .worst_first()
            .iter()
            .map(|c| c.change.sha.as_str())
            .collect();
        assert_eq!(worst, ["s1", "c1", "b1"]);
        assert_eq!(org.totals[&Category::DirectPush], 1);
    }

    #[test]
    fn a_system_with_two_different_audits_is_an_error_naming_both_files() {
        let mut all = reports();
        let mut other = all[0].1[0].clone();
        other.commits_scanned = 99;
        all.push(("z.json".into(), vec![other]));
        all.reverse();
        let err = merge(all, None).unwrap_err().to_string();
        assert!(
            err.contains("\"checkout\" is in a.json and in z.json"),
            "{err}"
        );
    }

    #[test]
    fn reports_must_be_versioned_named_audits() {
        let mut unnamed = audit("x", "v", vec![]);
        unnamed.system = None;
        let doc = serde_json::json!({"schema_version": 1, "audit": unnamed});
        let err = parse_report(doc.to_string().as_bytes(), "x.json").unwrap_err();
        assert!(
            err.to_string().contains("does not name its system"),
            "{err}"
        );
        let doc = serde_json::json!({"schema_version": 2, "audit": audit("x", "v", vec![])});
        let err = parse_report(doc.to_string().as_bytes(), "x.json").unwrap_err();
        assert!(err.to_string().contains("schema_version 2"), "{err}");
        for bad in ["", "[]", "{\"schema_version\": 1}", "not json"] {
            assert!(parse_report(bad.as_bytes(), "bad.json").is_err(), "{bad}");
        }
    }

    #[test]
    fn inventory_systems_without_a_report_are_named() {
        let inventory = crate::fleet::systems::Inventory::parse(
            "systems:\n  - { name: checkout, repository: 'https://github.com/acme/checkout', tier: 1, owners: { team: t } }\n  - { name: legacy, repository: 'https://github.com/acme/legacy', tier: 1, owners: { team: t } }\n",
            "systems.yml",
        )
        .unwrap();
        let org = merge(reports(), Some(&inventory)).unwrap();
        assert_eq!(org.missing, ["legacy"]);
    }

    #[test]
    fn checked_in_json_schema_is_current() {
        crate::util::assert_schema_checked_in("org-audit.schema.json", &json_schema());
    }
}
