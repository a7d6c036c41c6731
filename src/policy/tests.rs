use super::*;

#[test]
fn builtin_policy_is_valid_and_classifies_typical_paths() {
    let p = Policy::builtin();
    let tier = |path: &str| p.tier_index(path).map(|i| p.tiers[i].name.as_str());
    assert_eq!(tier("src/control_plane/router.rs"), Some("tier-1"));
    assert_eq!(tier("infra/main.tf"), Some("tier-1"));
    assert_eq!(tier("modules/db/main.tf"), Some("tier-1"));
    assert_eq!(tier(".github/workflows/ci.yml"), Some("tier-1"));
    assert_eq!(tier(".changegate.yml"), Some("tier-1"));
    assert_eq!(tier("src/lib.rs"), Some("tier-2"));
    assert_eq!(tier("README.md"), None);
    assert_eq!(p.tiers[0].require.approvals, 2);
    assert_eq!(p.tiers[0].require.docs, vec!["risk", "rollback", "testing"]);
}

#[test]
fn first_matching_tier_wins_and_exclude_applies() {
    let p = Policy::from_yaml(
        "version: 1\ntiers:\n  a:\n    paths: [\"src/**\"]\n    exclude: [\"src/tests/**\"]\n  b:\n    paths: [\"**\"]\n",
        "t.yml",
    )
    .unwrap();
    assert_eq!(p.tier_index("src/x.rs"), Some(0));
    assert_eq!(p.tier_index("src/tests/x.rs"), Some(1));
    assert_eq!(p.tier_index("README.md"), Some(1));
}

#[test]
fn star_does_not_cross_directories() {
    let p =
        Policy::from_yaml("version: 1\ntiers:\n  a:\n    paths: [\"*.tf\"]\n", "t.yml").unwrap();
    assert_eq!(p.tier_index("main.tf"), Some(0));
    assert_eq!(p.tier_index("modules/main.tf"), None);
}

#[test]
fn unknown_key_is_reported_with_line_and_column() {
    let err = Policy::from_yaml(
        "version: 1\ntiers:\n  a:\n    paths: [\"x\"]\n    requires: {}\n",
        "p.yml",
    )
    .unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].location, Some((5, 5)));
    let shown = err.to_string();
    assert!(shown.contains("--> p.yml:5:5"), "{shown}");
    assert!(shown.contains("unknown field `requires`"), "{shown}");
    assert!(shown.contains("expected one of"), "{shown}");
    assert!(
        shown.contains("requires: {}"),
        "the offending line is shown: {shown}"
    );
}

#[test]
fn invalid_glob_points_at_the_glob() {
    let err = Policy::from_yaml(
        "version: 1\ntiers:\n  a:\n    paths:\n      - \"src/[oops\"\n",
        "p.yml",
    )
    .unwrap_err();
    let (line, _) = err.problems[0].location.unwrap();
    assert_eq!(line, 5);
    assert!(
        err.problems[0].message.contains("invalid glob `src/[oops`"),
        "{err}"
    );
}

#[test]
fn wrong_type_says_what_was_expected() {
    let err = Policy::from_yaml(
        "version: 1\ntiers:\n  a:\n    paths: [\"x\"]\n    require:\n      approvals: two\n",
        "p.yml",
    )
    .unwrap_err();
    assert_eq!(err.problems[0].location.map(|l| l.0), Some(6));
    assert!(err.problems[0].message.contains("invalid type"), "{err}");
}

#[test]
fn semantic_problems_are_all_collected() {
    let err = Policy::from_yaml(
        "version: 2\ntiers:\n  a:\n    paths: []\n    require:\n      docs: [risk, nope]\ndocs:\n  risk: { heading: Risk }\n",
        "p.yml",
    )
    .unwrap_err();
    let messages: Vec<&str> = err.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(err.problems.len(), 3, "{messages:?}");
    assert!(messages[0].contains("unsupported version 2"));
    assert!(messages[1].contains("has no paths"));
    assert!(messages[2].contains("requires docs `nope`"));
    assert_eq!(err.problems[2].location, Some((6, 20)));
}

#[test]
fn empty_file_is_an_error() {
    let err = Policy::from_yaml("  \n", "p.yml").unwrap_err();
    assert!(err.to_string().contains("empty"));
}

#[test]
fn gate_files_are_recognised() {
    let p = Policy::builtin();
    assert!(p.is_gate_file(".changegate.yml"));
    assert!(p.is_gate_file(".changegate/rules/x.yml"));
    // The whole `.changegate/` directory belongs to the gate.
    assert!(p.is_gate_file(".changegate/rulesx/x.yml"));
    assert!(!p.is_gate_file("src/.changegate.yml"));
    for path in [
        "CODEOWNERS",
        ".github/CODEOWNERS",
        "docs/CODEOWNERS",
        ".github/workflows/ci.yml",
        ".GitHub/Workflows/ci.yml",
        ".gitlab-ci.yml",
        ".gitlab/ci/deploy.yml",
        "action.yml",
    ] {
        assert!(p.is_gate_file(path), "{path}");
    }
    assert!(!p.is_gate_file("src/CODEOWNERS.md"));
    assert!(!p.is_gate_file("docs/workflows/ci.yml"));
}

#[test]
fn checked_in_json_schema_is_current() {
    crate::util::assert_schema_checked_in("changegate.schema.json", &json_schema());
}

#[test]
fn the_schema_accepts_the_builtin_policy() {
    let schema: serde_json::Value = serde_json::from_str(&json_schema()).unwrap();
    assert_eq!(schema["title"], "RawPolicy");
    assert!(schema["properties"]["tiers"].is_object());
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown keys are errors"
    );
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let builtin: serde_json::Value = serde_yaml::from_str(DEFAULT_POLICY).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&builtin)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let typo: serde_json::Value = serde_yaml::from_str(
        "version: 1
tierz: {}
",
    )
    .unwrap();
    assert!(
        !validator.is_valid(&typo),
        "the schema rejects unknown keys too"
    );
}

#[test]
fn a_policy_without_an_ai_section_keeps_the_builtin_detection_and_off_switches_it_off() {
    let tiers = "version: 1\ntiers:\n  prod:\n    paths: [\"deploy/**\"]\n";
    let silent = Policy::from_yaml(tiers, "t.yml").unwrap();
    assert!(
        silent
            .ai
            .trailers
            .iter()
            .any(|(token, value)| token == "Co-authored-by" && value.contains("Copilot")),
        "{:?}",
        silent.ai.trailers
    );
    assert_eq!(
        silent.ai.tiers,
        ["prod"],
        "the extra requirement lands on the first tier"
    );
    let off = Policy::from_yaml(&format!("{tiers}ai_assisted: off\n"), "t.yml").unwrap();
    assert!(off.ai.trailers.is_empty() && off.ai.labels.is_empty());
    let typo = Policy::from_yaml(&format!("{tiers}ai_assisted: maybe\n"), "t.yml");
    assert!(typo.unwrap_err().to_string().contains("`off`"));
}

#[test]
fn builtin_tiers_know_migration_tools_and_leave_docs_in_tier_one_dirs_out() {
    let p = Policy::builtin();
    for path in [
        "src/main/resources/db/migration/V2__add_orders.sql",
        "src/main/resources/db/changelog/db.changelog-master.yaml",
        "app/alembic/versions/3b1c_add_index.py",
        "db/migrate/20240101_add_users.rb",
    ] {
        assert_eq!(p.tier_index(path), Some(0), "{path}");
    }
    assert_ne!(p.tier_index("charts/argo-cd/README.md"), Some(0));
    assert_eq!(p.tier_index("charts/argo-cd/values.yaml"), Some(0));
}

/// Three mistakes in three places are three problems of one run, each at its own line (serde
/// alone stops at the first), and a tier that could not be read adds nothing that follows from it.
#[test]
fn structural_and_semantic_problems_arrive_together() {
    let text = "version: 1\ntiers:\n  tier-1:\n    paths: [\"deploy/**\"]\n    require:\n      aprovals: 2\n  tier-2:\n    paths: []\nteams: [alice]\nticket: \"([A-Z]+\"\nextra: true\n";
    let err = Policy::from_yaml(text, "p.yml").unwrap_err();
    let shown: Vec<String> = err
        .problems
        .iter()
        .map(|p| format!("{:?} {}", p.location, p.message))
        .collect();
    assert_eq!(err.problems.len(), 5, "{shown:#?}");
    let at = |needle: &str| {
        err.problems
            .iter()
            .find(|p| p.message.contains(needle))
            .unwrap_or_else(|| panic!("no problem mentions {needle}: {shown:#?}"))
            .location
    };
    assert_eq!(at("unknown key `extra`"), Some((11, 1)));
    assert_eq!(at("unknown field `aprovals`"), Some((6, 7)));
    assert_eq!(
        at("teams: invalid type"),
        Some((9, 8)),
        "a wrong value is shown at the value"
    );
    assert_eq!(at("tier `tier-2` has no paths"), Some((7, 3)));
    assert_eq!(at("not a valid regex"), Some((10, 1)));
    assert!(
        !shown
            .iter()
            .any(|s| s.contains("tier `tier-1` has no paths")),
        "the unreadable tier is not also reported as empty: {shown:#?}"
    );
}
