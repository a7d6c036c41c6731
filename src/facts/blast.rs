//! Blast radius: a deterministic 0–100 score of how much a change can break, with every component
//! shown. The formula and a worked example are in docs/blast-radius.md.

use crate::analysis::fanin::FanIn;
use crate::analysis::syntax::items::ItemChange;
use crate::analysis::Analysis;
use crate::model::changeset::FileStatus;
use serde::Serialize;

/// One line of the score table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Component {
    /// Stable id: `tier`, `tier1_files`, …
    pub id: String,
    /// What it measures.
    pub label: String,
    /// The measured quantity.
    pub value: u64,
    /// Points it contributes (after its cap).
    pub points: u32,
    /// The most points it can contribute.
    pub max: u32,
}

/// The score and its table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct BlastRadius {
    pub score: u32,
    pub components: Vec<Component>,
    /// Function names whose references were counted, with their counts (largest first).
    pub fan_in: Vec<(String, usize)>,
    /// Set when fan-in could not be computed fully (no repository, budget).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn capped(value: u64, per: u64, max: u32) -> u32 {
    u32::try_from(value.saturating_mul(per))
        .unwrap_or(u32::MAX)
        .min(max)
}

/// Whether a path looks like production configuration.
pub fn is_prod_path(path: &str) -> bool {
    path.split('/').any(|segment| {
        let s = segment.to_lowercase();
        let stem = s.split('.').next().unwrap_or("");
        matches!(stem, "prod" | "production" | "prd" | "live")
            || stem.starts_with("prod-")
            || stem.starts_with("prod_")
            || stem.ends_with("-prod")
            || stem.ends_with("_prod")
            || stem.ends_with("-production")
    })
}

/// Computes the score from the analysis and the fan-in of changed functions.
pub fn compute(analysis: &Analysis, fan_in: Option<&FanIn>) -> BlastRadius {
    let strictest = analysis.tiers_touched().first().copied();
    let tier1 = || analysis.files.iter().filter(|f| f.tier_index == Some(0));
    let tier1_files = tier1().count() as u64;
    let tier1_items = tier1()
        .map(|f| {
            f.items
                .iter()
                .filter(|i| i.change != ItemChange::Formatting)
                .count() as u64
        })
        .sum::<u64>();
    let prod_keys = analysis
        .files
        .iter()
        .filter(|f| is_prod_path(&f.path))
        .map(|f| f.config_changes.len() as u64)
        .sum::<u64>();
    let items_removed = analysis
        .files
        .iter()
        .map(|f| {
            f.items
                .iter()
                .filter(|i| i.change == ItemChange::Removed)
                .count() as u64
        })
        .sum::<u64>();
    let signatures = analysis
        .files
        .iter()
        .map(|f| {
            f.items
                .iter()
                .filter(|i| i.public && i.signature_changed)
                .count() as u64
        })
        .sum::<u64>();
    let references: u64 = fan_in.map_or(0, |f| f.references.values().map(|&n| n as u64).sum());
    let lines: u64 = analysis
        .files
        .iter()
        .map(|f| (f.added + f.removed) as u64)
        .sum();
    let deleted = analysis
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Deleted)
        .count() as u64;

    let tier_points = match strictest {
        Some(0) => 25,
        Some(1) => 10,
        Some(_) => 5,
        None => 0,
    };
    // log2 so that the first references weigh most: 1 → 2, 3 → 4, 7 → 6, 31 → 10.
    let fan_in_points = (2 * (64 - (references + 1).leading_zeros() - 1)).min(10);
    let components = vec![
        Component {
            id: "tier".into(),
            label: "strictest tier touched (first tier 25, second 10, other 5)".into(),
            value: strictest.map_or(0, |i| i as u64 + 1),
            points: tier_points,
            max: 25,
        },
        Component {
            id: "tier1_files".into(),
            label: "files in the first tier (3 each)".into(),
            value: tier1_files,
            points: capped(tier1_files, 3, 15),
            max: 15,
        },
        Component {
            id: "tier1_items".into(),
            label: "changed items in first-tier files (1 each)".into(),
            value: tier1_items,
            points: capped(tier1_items, 1, 10),
            max: 10,
        },
        Component {
            id: "prod_config_keys".into(),
            label: "config keys changed under prod-like paths (2 each)".into(),
            value: prod_keys,
            points: capped(prod_keys, 2, 10),
            max: 10,
        },
        Component {
            id: "items_removed".into(),
            label: "items removed (2 each)".into(),
            value: items_removed,
            points: capped(items_removed, 2, 10),
            max: 10,
        },
        Component {
            id: "public_signatures".into(),
            label: "public items whose signature changed (3 each)".into(),
            value: signatures,
            points: capped(signatures, 3, 15),
            max: 15,
        },
        Component {
            id: "fan_in".into(),
            label: "references to changed functions (2 × log2(1 + n))".into(),
            value: references,
            points: fan_in_points,
            max: 10,
        },
        Component {
            id: "lines".into(),
            label: "changed lines (1 per 50)".into(),
            value: lines,
            points: u32::try_from(lines / 50).unwrap_or(u32::MAX).min(10),
            max: 10,
        },
        Component {
            id: "files_deleted".into(),
            label: "files deleted (2 each)".into(),
            value: deleted,
            points: capped(deleted, 2, 5),
            max: 5,
        },
    ];
    let score = components.iter().map(|c| c.points).sum::<u32>().min(100);
    let mut fan: Vec<(String, usize)> = fan_in
        .map(|f| f.references.iter().map(|(k, v)| (k.clone(), *v)).collect())
        .unwrap_or_default();
    fan.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    BlastRadius {
        score,
        components,
        fan_in: fan,
        note: fan_in.and_then(|f| {
            if f.truncated {
                Some(format!(
                    "fan-in counted in the first {} files only (budget)",
                    f.files_scanned
                ))
            } else if f.saturated {
                Some(format!(
                    "fan-in: counting stopped at {} references in {} files, where its points are at their maximum; the counts are lower bounds",
                    f.total(),
                    f.files_scanned
                ))
            } else {
                None
            }
        }),
    }
}

#[cfg(test)]
mod tests;
