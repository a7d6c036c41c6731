//! SARIF and GitLab Code Quality output through the real binary. SARIF is validated against the
//! SARIF 2.1.0 JSON schema (shipped by the npm package `@microsoft/jest-sarif`; path in
//! SARIF_SCHEMA, installed by `.ci/run`; validated wherever it is installed, always in CI).

mod common;

use common::TestRepo;
use serde_json::Value;

/// The SARIF 2.1.0 schema (`SARIF_SCHEMA`): validated wherever it is installed, always in CI.
fn sarif_schema() -> Value {
    let path = std::env::var("SARIF_SCHEMA").expect("SARIF_SCHEMA is set (build.rs saw it)");
    let text = std::fs::read_to_string(path).expect("SARIF_SCHEMA is readable");
    serde_json::from_str(&text).expect("schema JSON")
}

/// A change with located, multi-line, unicode-path and change-wide findings.
fn repo() -> TestRepo {
    let repo = TestRepo::new();
    repo.write(
        "deploy/café app.yaml",
        "kind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n",
    )
    .write("src/lib.rs", "pub fn f() {}\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        "deploy/café app.yaml",
        "kind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 0\n",
    )
    .write(
        "src/lib.rs",
        "pub fn f(o: Option<u8>) -> u8 {\n    let _x = 1;\n    o.unwrap()\n}\n",
    );
    repo.commit("change");
    repo
}

fn output(repo: &TestRepo, format: &str) -> Vec<u8> {
    let out = repo
        .changegate()
        .args([
            "check", "--base", "main", "--head", "HEAD", "--format", format,
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn sarif_is_valid_and_points_at_files() {
    let repo = repo();
    let bytes = output(&repo, "sarif");
    assert_eq!(bytes, output(&repo, "sarif"), "byte-identical across runs");
    let log: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let replicas = results
        .iter()
        .find(|r| r["ruleId"] == "k8s/replicas-to-zero")
        .unwrap();
    let location = &replicas["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "deploy/caf%C3%A9%20app.yaml"
    );
    assert_eq!(location["region"]["startLine"], 5);
    assert_eq!(replicas["level"], "error");
    assert!(
        replicas["partialFingerprints"]["changegateFingerprint/v1"]
            .as_str()
            .unwrap()
            .len()
            == 32
    );
    let rule_ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for r in results {
        assert_eq!(
            rule_ids[r["ruleIndex"].as_u64().unwrap() as usize],
            r["ruleId"].as_str().unwrap()
        );
        // GitHub code scanning rejects the whole upload over one result without a location.
        assert!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string(),
            "{r:#}"
        );
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let docs = results
        .iter()
        .find(|r| {
            r["ruleId"] == "docs/missing-section" || r["ruleId"] == "review/approvals-required"
        })
        .expect("a change-wide finding");
    assert_eq!(docs["properties"]["changeWide"], true);
    if cfg!(fixture_sarif_schema) {
        let mut schema = sarif_schema();
        // The published schema's `run.language` pattern ("…{2}]?$") has a stray `]` that a strict
        // regex engine rejects; changegate sets no `language`, so the pattern is dropped.
        for owner in ["run", "toolComponent"] {
            if let Some(language) = schema
                .pointer_mut(&format!("/definitions/{owner}/properties/language"))
                .and_then(Value::as_object_mut)
            {
                language.remove("pattern");
            }
        }
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "SARIF violates the 2.1.0 schema: {errors:?}"
        );
    }
}

#[test]
fn code_quality_report_has_stable_fingerprints_and_gitlab_severities() {
    let repo = repo();
    let bytes = output(&repo, "codequality");
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    let issues: Vec<Value> = serde_json::from_slice(&bytes).unwrap();
    assert!(!issues.is_empty());
    let mut fingerprints = std::collections::BTreeSet::new();
    for issue in &issues {
        for field in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[field].is_string(), "{field} in {issue}");
        }
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&issue["severity"].as_str().unwrap()));
        assert!(
            issue["location"]["path"].is_string()
                && issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1
        );
        assert!(
            fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()),
            "fingerprints are unique"
        );
    }
    let blocker = issues
        .iter()
        .find(|i| i["check_name"] == "k8s/replicas-to-zero")
        .unwrap();
    assert_eq!(blocker["severity"], "blocker");
    // An unrelated line added above the unwrap shifts it, but its fingerprint stays.
    let unwrap_fp = issues
        .iter()
        .find(|i| i["check_name"] == "rust/unwrap")
        .unwrap()["fingerprint"]
        .clone();
    repo.write(
        "src/lib.rs",
        "// a new comment\npub fn f(o: Option<u8>) -> u8 {\n    let _x = 1;\n    o.unwrap()\n}\n",
    );
    repo.commit("shift");
    let shifted: Vec<Value> = serde_json::from_slice(&output(&repo, "codequality")).unwrap();
    let moved = shifted
        .iter()
        .find(|i| i["check_name"] == "rust/unwrap")
        .unwrap();
    assert_eq!(moved["fingerprint"], unwrap_fp);
    assert_eq!(moved["location"]["lines"]["begin"], 4);
}

#[test]
fn markdown_summary_is_available_everywhere() {
    let repo = repo();
    let text = String::from_utf8(output(&repo, "markdown")).unwrap();
    assert!(text.starts_with("## ❌ changegate: blocked"), "{text}");
    assert!(text.contains("### Blast radius"));
}

/// Two identical risky lines in one function are two findings with two fingerprints in every
/// format that carries one (GitLab folds equal fingerprints into one widget entry).
#[test]
fn identical_lines_get_distinct_fingerprints_in_every_format() {
    let repo = TestRepo::with_base(&[("src/lib.rs", "pub fn f() {}\n")]);
    repo.write(
        "src/lib.rs",
        "pub fn f(o: Option<u8>) -> u8 {\n    let b = o.unwrap();\n    let b = o.unwrap();\n    b\n}\n",
    );
    repo.commit("twice");
    let run = |format: &str| -> Value {
        let out = repo
            .changegate()
            .args([
                "check", "--base", "main", "--head", "HEAD", "--format", format,
            ])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    // The fingerprints of the `rust/unwrap` entries of a report: `list` points at the entries,
    // `rule` and `print` at each entry's rule id and fingerprint.
    let unwraps = |report: &Value, list: &str, rule: &str, print: &str| -> Vec<String> {
        report
            .pointer(list)
            .and_then(Value::as_array)
            .expect("a list of entries")
            .iter()
            .filter(|e| e.pointer(rule) == Some(&Value::from("rust/unwrap")))
            .map(|e| e.pointer(print).and_then(Value::as_str).unwrap().to_owned())
            .collect()
    };
    let quality = unwraps(&run("codequality"), "", "/check_name", "/fingerprint");
    let json = unwraps(&run("json"), "/findings", "/rule_id", "/fingerprint");
    let sarif = unwraps(
        &run("sarif"),
        "/runs/0/results",
        "/ruleId",
        "/partialFingerprints/changegateFingerprint~1v1",
    );
    for prints in [&quality, &json, &sarif] {
        assert_eq!(prints.len(), 2, "two findings: {prints:?}");
        assert_ne!(prints[0], prints[1], "distinct fingerprints");
    }
    assert_eq!(quality, json);
    assert_eq!(json, sarif);
}
