//! The worked examples of docs/blast-radius.md, asserted.

use super::*;
use crate::analysis::syntax::items::ChangedItem;
use crate::analysis::FileAnalysis;
use crate::model::changeset::Content;
use std::collections::BTreeMap;

fn file(
    path: &str,
    tier: Option<usize>,
    status: FileStatus,
    lines: (usize, usize),
) -> FileAnalysis {
    FileAnalysis {
        path: path.into(),
        old_path: None,
        status,
        tier: tier.map(|t| format!("tier-{}", t + 1)),
        tier_index: tier,
        gate_file: false,
        content: Content::Text,
        language: None,
        added: lines.0,
        removed: lines.1,
        items: Vec::new(),
        config_changes: Vec::new(),
        coverage: Default::default(),
        linked_from: Vec::new(),
    }
}

fn item(change: ItemChange, public: bool, signature_changed: bool) -> ChangedItem {
    ChangedItem {
        change,
        kind: "fn".into(),
        name: "x".into(),
        old_name: None,
        start_line: 1,
        end_line: 2,
        public,
        signature_changed,
    }
}

#[test]
fn worked_example_from_the_docs() {
    // A control-plane router change: two tier-1 files, 3 changed items (one public signature), one
    // removed helper, a prod config key, 120 changed lines, 13 references to changed functions.
    let mut router = file(
        "src/control_plane/router.rs",
        Some(0),
        FileStatus::Modified,
        (70, 30),
    );
    router.items = vec![
        item(ItemChange::Modified, true, true),
        item(ItemChange::Modified, false, false),
        item(ItemChange::Removed, false, false),
    ];
    let mut prod = file(
        "deploy/prod/router.yaml",
        Some(0),
        FileStatus::Modified,
        (1, 1),
    );
    prod.config_changes = vec![crate::analysis::ConfigChangeView {
        key: "spec.replicas".into(),
        before: Some("3".into()),
        after: Some("4".into()),
        line: 5,
    }];
    let docs = file("README.md", None, FileStatus::Modified, (10, 8));
    let analysis = Analysis {
        files: vec![router, prod, docs],
        syntax: Vec::new(),
    };
    let fan_in = FanIn {
        references: BTreeMap::from([("route".to_owned(), 9), ("reload".to_owned(), 4)]),
        files_scanned: 40,
        truncated: false,
        saturated: false,
    };
    let b = compute(&analysis, Some(&fan_in));
    let points: Vec<(&str, u64, u32)> = b
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.value, c.points))
        .collect();
    assert_eq!(
        points,
        vec![
            ("tier", 1, 25),
            ("tier1_files", 2, 6),
            ("tier1_items", 3, 3),
            ("prod_config_keys", 1, 2),
            ("items_removed", 1, 2),
            ("public_signatures", 1, 3),
            ("fan_in", 13, 6),
            ("lines", 120, 2),
            ("files_deleted", 0, 0),
        ]
    );
    assert_eq!(b.score, 49);
    assert_eq!(
        b.fan_in,
        vec![("route".to_owned(), 9), ("reload".to_owned(), 4)]
    );
}

#[test]
fn a_docs_only_change_scores_low_and_a_huge_one_is_capped() {
    let small = Analysis {
        files: vec![file("README.md", None, FileStatus::Modified, (3, 1))],
        syntax: Vec::new(),
    };
    assert_eq!(compute(&small, None).score, 0);
    let mut files: Vec<FileAnalysis> = (0..40)
        .map(|i| {
            file(
                &format!("deploy/prod/f{i}.yaml"),
                Some(0),
                FileStatus::Deleted,
                (0, 400),
            )
        })
        .collect();
    files[0].items = (0..30)
        .map(|_| item(ItemChange::Removed, true, true))
        .collect();
    let huge = Analysis {
        files,
        syntax: Vec::new(),
    };
    let fan_in = FanIn {
        references: BTreeMap::from([("f".to_owned(), 5000)]),
        ..FanIn::default()
    };
    assert_eq!(compute(&huge, Some(&fan_in)).score, 100);
}

#[test]
fn prod_like_paths() {
    for p in [
        "deploy/prod/app.yaml",
        "config/production.json",
        "k8s/payments-prod/x.yaml",
        "env/live/a.tf",
        "values-prod.yaml",
    ] {
        assert!(is_prod_path(p), "{p}");
    }
    for p in [
        "deploy/staging/app.yaml",
        "src/product.rs",
        "docs/producer.md",
    ] {
        assert!(!is_prod_path(p), "{p}");
    }
}
