//! A hostile pull request against its own gate: each test is one attack, run through the real
//! binary on a real repository, and asserts the gate holds.

mod common;

use common::{file, rule_ids, TestRepo};

fn finding<'a>(report: &'a serde_json::Value, rule: &str) -> Option<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == rule)
}

#[test]
fn attack_own_suppression_cannot_silence_a_committed_secret() {
    let repo = TestRepo::with_base(&[("README.md", "hello\n")]);
    repo.write(
        "src/config.py",
        "# changegate: allow(secrets/aws-access-key) reason: \"only a test key\"\nKEY = \"AKIAIOSFODNN7EXAMPLE\"\n",
    );
    repo.commit("add key");
    let report = repo.check_documented(1);
    let secret = finding(&report, "secrets/aws-access-key").expect("not silenced");
    assert_eq!(secret["blocking"], true);
    assert!(report["suppressions"].as_array().unwrap().is_empty());
    assert!(finding(&report, "suppression/unused").is_some());
}

#[test]
fn attack_own_suppression_cannot_silence_the_policy_change_finding() {
    let repo = TestRepo::with_base(&[(".changegate.yml", "version: 1\n")]);
    repo.write(
        ".changegate.yml",
        "# changegate: allow(gate/policy-changed) reason: \"cosmetic\"\nversion: 1\n",
    );
    repo.commit("quiet");
    let report = repo.check_documented(0);
    assert!(finding(&report, "gate/policy-changed").is_some());
}

#[test]
fn attack_suppression_inside_a_string_literal_is_not_a_suppression() {
    let repo = TestRepo::with_base(&[("src/lib.rs", "pub fn f() {}\n")]);
    repo.write(
        "src/lib.rs",
        "pub fn f() -> u8 {\n    let _s = \"// changegate: allow(rust/unwrap) reason: \\\"fine\\\"\"; Some(1).unwrap()\n}\n",
    );
    repo.commit("hide");
    let report = repo.check_documented(0);
    assert!(report["suppressions"].as_array().unwrap().is_empty());
}

#[test]
fn attack_an_added_suppression_is_reported_with_its_author_and_reason() {
    let repo = TestRepo::with_base(&[("src/control_plane/mod.rs", "pub fn f() {}\n")]);
    repo.write(
        "src/control_plane/mod.rs",
        "pub fn f() -> u8 {\n    // changegate: allow(rust/unwrap) reason: \"never None here\"\n    Some(1).unwrap()\n}\n",
    );
    repo.commit("unwrap");
    let report = repo.check_documented(0);
    let added = finding(&report, "suppression/added").expect("reported");
    assert!(added["message"]
        .as_str()
        .unwrap()
        .contains("never None here"));
    assert_eq!(report["suppressions"][0]["added_by_change"], true);
}

#[test]
fn attack_case_variants_of_tier_directories_stay_tier_one() {
    let repo = TestRepo::with_base(&[("README.md", "x\n")]);
    repo.write("Deploy/app.yaml", "spec:\n  replicas: 0\n");
    repo.write("services/Control_Plane/router.rs", "pub fn f() {}\n");
    repo.commit("dodge");
    let report = repo.check_documented(1);
    assert_eq!(file(&report, "Deploy/app.yaml")["tier"], "tier-1");
    assert_eq!(
        file(&report, "services/Control_Plane/router.rs")["tier"],
        "tier-1"
    );
}

#[test]
fn attack_a_change_to_codeowners_alone_is_a_tier_one_gate_change() {
    let repo = TestRepo::with_base(&[(".github/CODEOWNERS", "* @org/sre\n")]);
    repo.write(".github/CODEOWNERS", "* @mallory\n");
    repo.commit("owners");
    let report = repo.check_documented(0);
    let f = file(&report, ".github/CODEOWNERS");
    assert_eq!(f["tier"], "tier-1");
    assert_eq!(f["gate_file"], true);
    assert!(rule_ids(&report).contains(&"gate/codeowners-changed".to_owned()));
}

#[test]
fn attack_ci_definitions_are_gate_files() {
    let repo = TestRepo::with_base(&[(".gitlab-ci.yml", "test:\n  script: [make]\n")]);
    repo.write(".gitlab-ci.yml", "test:\n  script: [\"true\"]\n");
    repo.write(".GitHub/Workflows/ci.yml", "on: push\n");
    repo.commit("ci");
    let report = repo.check_documented(0);
    for path in [".gitlab-ci.yml", ".GitHub/Workflows/ci.yml"] {
        assert_eq!(file(&report, path)["gate_file"], true, "{path}");
        assert_eq!(file(&report, path)["tier"], "tier-1", "{path}");
    }
    assert!(rule_ids(&report).contains(&"gate/ci-changed".to_owned()));
}

#[test]
fn attack_rules_in_the_documented_default_directory_load_and_are_gate_files() {
    // A policy without `rules.dirs`: `.changegate/rules` is the default, as documented.
    let rule =
        "- id: custom/no-todo\n  severity: error\n  regex: \"TODO\"\n  message: \"no TODO\"\n";
    let repo = TestRepo::with_base(&[
        (
            ".changegate.yml",
            "version: 1\ntiers:\n  app:\n    paths: [\"src/**\"]\n",
        ),
        (".changegate/rules/custom.yml", rule),
        ("src/a.txt", "x\n"),
    ]);
    repo.write("src/a.txt", "x\nTODO\n");
    repo.commit("todo");
    let report = repo.check_documented(1);
    assert!(rule_ids(&report).contains(&"custom/no-todo".to_owned()));
    repo.write(".changegate/rules/custom.yml", "[]\n");
    repo.commit("drop the rule");
    let report = repo.check_documented(1);
    let f = file(&report, ".changegate/rules/custom.yml");
    assert_eq!(f["gate_file"], true);
    assert!(rule_ids(&report).contains(&"gate/rules-changed".to_owned()));
}

#[test]
fn attack_a_nul_byte_does_not_hide_a_secret_in_an_untiered_file() {
    let repo = TestRepo::with_base(&[("README.md", "x\n")]);
    repo.write("notes.cfg", b"key = AKIAIOSFODNN7EXAMPLE\n\0\n".as_slice());
    repo.commit("binary-looking");
    let report = repo.check_documented(1);
    assert_eq!(file(&report, "notes.cfg")["content"], "binary");
    assert_eq!(
        finding(&report, "secrets/aws-access-key").unwrap()["path"],
        "notes.cfg"
    );
}

#[test]
fn attack_an_invalid_utf8_byte_does_not_hide_a_privileged_pod() {
    let base = "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - securityContext:\n        privileged: false\n";
    let repo = TestRepo::with_base(&[("k8s/pod.yaml", base)]);
    let mut hostile = base.replace("false", "true").into_bytes();
    hostile.extend_from_slice(b"# \xff\n");
    repo.write("k8s/pod.yaml", hostile);
    repo.commit("latin-1");
    let report = repo.check_documented(1);
    assert!(finding(&report, "k8s/privileged").is_some());
    assert_eq!(
        file(&report, "k8s/pod.yaml")["analysis"]["gaps"][0]["reason"],
        "lossy-text"
    );
}

#[test]
fn attack_padding_past_the_size_limit_does_not_hide_a_secret() {
    let repo = TestRepo::with_base(&[("README.md", "x\n")]);
    let mut padded = String::from("token = AKIAIOSFODNN7EXAMPLE\n");
    padded.push_str(&"# padding padding padding padding\n".repeat(70_000));
    assert!(padded.len() > 2 * 1024 * 1024);
    repo.write("config.env", padded);
    repo.commit("padded");
    let report = repo.check_documented(1);
    assert_eq!(file(&report, "config.env")["content"], "too_large");
    assert!(finding(&report, "secrets/aws-access-key").is_some());
}

#[test]
fn attack_hostile_file_names_and_yaml_keys_cannot_inject_into_reports() {
    let repo = TestRepo::with_base(&[("deploy/app.yaml", "a: 1\n")]);
    // A YAML key holding a newline and a workflow command, and an ESC sequence.
    repo.write(
        "deploy/app.yaml",
        "a: 2\n\"x\\n::error file=evil::owned\\e[31m\":\n  securityContext:\n    privileged: true\n",
    );
    repo.write("deploy/we\u{1b}[2Jird\nname.yaml", "b: 1\n");
    repo.commit("hostile");
    for format in ["text", "markdown"] {
        let out = repo
            .changegate()
            .env("GITHUB_ACTIONS", "true")
            .args(["check", "--base", "main", "--head", "HEAD", "--no-platform"])
            .args([
                "--format",
                format,
                "--description-file",
                &repo.description_file(),
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains('\u{1b}'), "{format}: ESC reached the output");
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines.iter().all(|l| !l.trim_start().starts_with("::error")),
            "{format}: a line became a workflow command:\n{text}"
        );
        assert!(lines[0].starts_with("::stop-commands::"), "{format}");
        assert!(
            text.contains("\u{240a}::error file=evil::owned"),
            "{format}: {text}"
        );
    }
}

#[test]
fn attack_a_tiny_size_limit_does_not_swap_the_base_policy_for_the_defaults() {
    let policy =
        "version: 1\ntiers:\n  strict:\n    paths: [\"**\"]\n    require:\n      approvals: 7\n";
    let repo = TestRepo::with_base(&[(".changegate.yml", policy), ("a.txt", "x\n")]);
    repo.write("a.txt", "y\n");
    repo.commit("edit");
    let report = repo.check_json(
        &["--base", "main", "--head", "HEAD", "--max-file-size", "60"],
        0,
    );
    assert_eq!(report["review"]["approvals_required"], 7);
    assert!(report["policy"]
        .as_str()
        .unwrap()
        .contains(".changegate.yml"));
}

#[test]
fn attack_a_policy_symlinked_out_of_the_repository_is_not_read_in_diff_mode() {
    let repo = TestRepo::new();
    let dir = repo.scratch();
    let secret = repo.scratch().join("../secret.txt");
    std::fs::write(&secret, "root:x:0:0:very-secret-line\nsecond: line\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, dir.join(".changegate.yml")).unwrap();
    let out = repo
        .changegate_in(&dir)
        .args(["check", "--diff", "-"])
        .write_stdin("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("symlink"), "{all}");
    assert!(!all.contains("very-secret-line"), "{all}");
}

#[test]
fn attack_mnemonic_and_diff_prefixes_cannot_dodge_tiers_in_diff_mode() {
    let repo = TestRepo::new();
    for patch in [
        "diff --git i/deploy/app.yaml w/deploy/app.yaml\n--- i/deploy/app.yaml\n+++ w/deploy/app.yaml\n@@ -1 +1 @@\n-a: 1\n+a: 2\n",
        "--- old/deploy/app.yaml\n+++ new/deploy/app.yaml\n@@ -1 +1 @@\n-a: 1\n+a: 2\n",
        "--- ./deploy/app.yaml\n+++ ./deploy/app.yaml\n@@ -1 +1 @@\n-a: 1\n+a: 2\n",
    ] {
        let out = repo
            .changegate_in(&repo.scratch())
            .args(["check", "--diff", "-", "--format", "json"])
            .write_stdin(patch)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["files"][0]["path"], "deploy/app.yaml", "{patch}");
        assert_eq!(report["files"][0]["tier"], "tier-1", "{patch}");
    }
}

#[test]
fn attack_removing_cfg_test_around_existing_unwraps_makes_them_new_production_code() {
    let before = "pub fn f() {}\n\n#[cfg(test)]\nmod helpers {\n    pub fn g() -> u8 {\n        Some(1).unwrap()\n    }\n}\n";
    let repo = TestRepo::with_base(&[("src/control_plane/mod.rs", before)]);
    repo.write(
        "src/control_plane/mod.rs",
        before.replace("#[cfg(test)]\n", ""),
    );
    repo.commit("ship the helper");
    let report = repo.check_documented(0);
    let unwrap = finding(&report, "rust/unwrap").expect("the unwrap is production code now");
    assert_eq!(unwrap["range"]["start_line"], 5);
}

#[test]
fn attack_unwrap_spelled_as_a_path_or_raw_identifier_is_still_an_unwrap() {
    let repo = TestRepo::with_base(&[("src/control_plane/mod.rs", "pub fn f() {}\n")]);
    repo.write(
        "src/control_plane/mod.rs",
        "pub fn f(x: Option<u8>, v: Vec<Option<u8>>) -> u8 {\n    let _w: Vec<u8> = v.into_iter().map(Option::unwrap).collect();\n    let _y = x.r#unwrap();\n    Option::unwrap(x)\n}\n",
    );
    repo.commit("spellings");
    let report = repo.check_documented(0);
    let lines: Vec<u64> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "rust/unwrap")
        .map(|f| f["range"]["start_line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![2, 3, 4]);
}

#[test]
fn attack_an_audit_branch_cannot_be_a_git_option() {
    let repo = TestRepo::with_base(&[("README.md", "x\n")]);
    let planted = repo.scratch().join("planted");
    let out = repo
        .changegate()
        .args(["audit", "--since", "30d", "--offline", "--branch"])
        .arg(format!("--output={}", planted.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!planted.exists(), "git took the branch as an option");
}

#[test]
fn attack_editing_the_target_of_a_tier_one_symlink_is_a_tier_one_change() {
    let repo = TestRepo::with_base(&[("shared/app.yaml", "spec:\n  replicas: 3\n")]);
    std::fs::create_dir_all(repo.path().join("deploy")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("../shared/app.yaml", repo.path().join("deploy/app.yaml")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("../shared", repo.path().join("deploy/conf")).unwrap();
    repo.commit("links");
    repo.git(&["checkout", "-q", "-B", "main"]);
    repo.git(&["checkout", "-q", "-b", "edit"]);
    repo.write("shared/app.yaml", "spec:\n  replicas: 0\n");
    repo.commit("scale down through the link");
    let report = repo.check_documented(1);
    let f = file(&report, "shared/app.yaml");
    assert_eq!(f["tier"], "tier-1");
    assert_eq!(
        f["linked_from"],
        serde_json::json!(["deploy/app.yaml", "deploy/conf/app.yaml"])
    );
}
