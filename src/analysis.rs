//! Per-file facts the checks share: tier (by every path the file had), whether it is one of the
//! gate's own files, and what could not be analysed. Pure: change and policy in, analysis out.

use crate::changeset::{ChangeSet, Content, FileStatus};
use crate::policy::Policy;
use serde::Serialize;

/// What the analysis learned about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileAnalysis {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    pub status: FileStatus,
    /// Tier name, if any tier claims the file.
    pub tier: Option<String>,
    /// Index of the tier in the policy (0 = strictest); not serialised.
    #[serde(skip)]
    pub tier_index: Option<usize>,
    /// The policy file or a custom rule.
    pub gate_file: bool,
    pub content: Content,
    pub added: usize,
    pub removed: usize,
}

/// Analysis of a whole change.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// One entry per changed file, in the change set's order.
    pub files: Vec<FileAnalysis>,
}

impl Analysis {
    /// Indexes of every tier touched, strictest first.
    pub fn tiers_touched(&self) -> Vec<usize> {
        let mut tiers: Vec<usize> = self.files.iter().filter_map(|f| f.tier_index).collect();
        tiers.sort_unstable();
        tiers.dedup();
        tiers
    }

    /// Files in the tier with this index.
    pub fn files_in_tier(&self, index: usize) -> impl Iterator<Item = &FileAnalysis> {
        self.files
            .iter()
            .filter(move |f| f.tier_index == Some(index))
    }
}

/// Classifies every file of `change` under `policy`.
pub fn analyse(change: &ChangeSet, policy: &Policy) -> Analysis {
    let files = change
        .files
        .iter()
        .map(|file| {
            let gate_file = file.paths().any(|p| policy.is_gate_file(p));
            // A file is as strict as the strictest place it was or is: moving code out of a
            // tier-1 directory is a tier-1 change.
            let by_path = file.paths().filter_map(|p| policy.tier_index(p)).min();
            let gate_tier = (gate_file && !policy.tiers.is_empty()).then_some(0);
            let tier_index = match (by_path, gate_tier) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let (added, removed) = file.line_counts();
            FileAnalysis {
                path: file.path().to_owned(),
                old_path: file
                    .old_path
                    .clone()
                    .filter(|_| matches!(file.status, FileStatus::Renamed | FileStatus::Copied)),
                status: file.status,
                tier: tier_index.map(|i| policy.tiers[i].name.clone()),
                tier_index,
                gate_file,
                content: file.content,
                added,
                removed,
            }
        })
        .collect();
    Analysis { files }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changeset::FileChange;

    fn change(files: Vec<FileChange>) -> ChangeSet {
        ChangeSet {
            files,
            ..ChangeSet::default()
        }
    }

    #[test]
    fn rename_out_of_tier_one_stays_tier_one() {
        let policy = Policy::builtin();
        let f = FileChange::new(
            FileStatus::Renamed,
            Some("deploy/app.yaml".into()),
            Some("docs/app.yaml".into()),
        );
        let a = analyse(&change(vec![f]), &policy);
        assert_eq!(a.files[0].tier.as_deref(), Some("tier-1"));
        assert_eq!(a.files[0].old_path.as_deref(), Some("deploy/app.yaml"));
    }

    #[test]
    fn gate_files_join_the_first_tier_even_if_unmatched() {
        let policy = Policy::from_yaml(
            "version: 1\ntiers:\n  strict:\n    paths: [\"prod/**\"]\nrules:\n  dirs: [gate-rules/]\n",
            "p",
        )
        .unwrap();
        let f = FileChange::new(FileStatus::Added, None, Some("gate-rules/r.yml".into()));
        let a = analyse(&change(vec![f]), &policy);
        assert!(a.files[0].gate_file);
        assert_eq!(a.files[0].tier.as_deref(), Some("strict"));
        assert_eq!(a.tiers_touched(), vec![0]);
    }
}
