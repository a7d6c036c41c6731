//! Command-line behaviour: help, version, usage errors and their exit codes.

mod common;

use common::TestRepo;
use predicates::str::contains;

#[test]
fn version_and_help() {
    let repo = TestRepo::new();
    repo.changegate()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(contains(concat!("changegate ", env!("CARGO_PKG_VERSION"))));
    repo.changegate()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(contains("Exit codes:"))
        .stdout(contains("1  blocked by policy"))
        .stdout(contains("--description-file"));
}

#[test]
fn usage_errors_exit_2() {
    let repo = TestRepo::new();
    repo.changegate().arg("frobnicate").assert().code(2);
    repo.changegate()
        .args(["check", "--staged", "--head", "HEAD"])
        .assert()
        .code(2)
        .stderr(contains("cannot be used with"));
    repo.changegate()
        .args(["check", "--diff", "-", "--base", "main"])
        .assert()
        .code(2);
    repo.changegate()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn report_can_be_written_to_a_file() {
    let repo = TestRepo::new();
    repo.write("a.txt", "1\n");
    repo.commit("base");
    let out = repo.scratch().join("verdict.json");
    repo.changegate()
        .args([
            "check",
            "--base",
            "HEAD",
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout("");
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["verdict"], "pass");
}

#[test]
fn missing_description_file_is_an_error() {
    let repo = TestRepo::new();
    repo.write("a.txt", "1\n");
    repo.commit("base");
    repo.changegate()
        .args(["check", "--base", "HEAD", "--description-file", "nope.md"])
        .assert()
        .code(2)
        .stderr(contains("could not read description file nope.md"));
}

#[test]
fn json_report_reads_back_into_the_same_report() {
    let repo = TestRepo::new();
    repo.write("deploy/app.yaml", "spec:\n  replicas: 3\n")
        .write("src/lib.rs", "pub fn f() {}\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/app.yaml", "spec:\n  replicas: 0\n")
        .write(
            "src/lib.rs",
            "pub fn f(o: Option<u8>) -> u8 { o.unwrap() }\n",
        );
    repo.commit("change");
    let out = repo
        .changegate()
        .args([
            "check", "--base", "main", "--head", "HEAD", "--format", "json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let verdict = changegate::report::json::parse(&text).unwrap();
    let mut again = Vec::new();
    changegate::report::json::render(&verdict, &mut again).unwrap();
    assert_eq!(
        String::from_utf8(again).unwrap(),
        text,
        "JSON → verdict → JSON is lossless"
    );
}

#[test]
fn init_writes_a_valid_policy_adapted_to_the_repository_and_never_overwrites() {
    let repo = TestRepo::new();
    repo.write("deploy/app.yaml", "a: 1\n")
        .write("linkerd/app/src/main.rs", "fn main() {}\n")
        .write("terraform/main.tf", "x = 1\n")
        .write("docs/guide.py", "print(1)\n");
    repo.commit("base");
    repo.changegate()
        .arg("init")
        .assert()
        .code(0)
        .stdout(contains(".changegate.yml"));
    let text = std::fs::read_to_string(repo.path().join(".changegate.yml")).unwrap();
    assert!(
        text.contains("\"terraform/**\"  # init: found in this repository"),
        "{text}"
    );
    assert!(
        text.contains("\"linkerd/**\"  # init: found in this repository"),
        "the code's real directory becomes tier-2: {text}"
    );
    assert!(!text.contains("\"docs/**\""), "docs are not code: {text}");
    changegate::policy::Policy::from_yaml(&text, "generated").expect("the starter policy is valid");
    repo.changegate()
        .arg("init")
        .assert()
        .code(2)
        .stderr(contains("--force"));
    repo.changegate().args(["init", "--force"]).assert().code(0);
}

/// `init` never writes a policy weaker than having no file: every default tier, glob,
/// requirement, AI trailer and label survives, and no pack is dropped.
#[test]
fn init_never_weakens_the_built_in_defaults() {
    use serde_yaml::Value;
    let repo = TestRepo::new();
    repo.write("README.md", "x\n");
    repo.commit("base");
    repo.changegate().arg("init").assert().code(0);
    let text = std::fs::read_to_string(repo.path().join(".changegate.yml")).unwrap();
    let written: Value = serde_yaml::from_str(&text).unwrap();
    let defaults: Value = serde_yaml::from_str(changegate::policy::DEFAULT_POLICY).unwrap();
    let list = |v: &Value| -> Vec<String> {
        v.as_sequence()
            .map(|s| {
                s.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    for (name, tier) in defaults["tiers"].as_mapping().unwrap() {
        let ours = &written["tiers"][name];
        for key in ["paths", "exclude"] {
            let have = list(&ours[key]);
            for glob in list(&tier[key]) {
                assert!(have.contains(&glob), "{name:?}.{key} lost {glob}");
            }
        }
        for (key, value) in tier["require"].as_mapping().unwrap() {
            assert_eq!(&ours["require"][key], value, "{name:?}.require.{key:?}");
        }
    }
    for key in ["trailers", "labels"] {
        let have = list(&written["ai_assisted"][key]);
        for item in list(&defaults["ai_assisted"][key]) {
            assert!(have.contains(&item), "ai_assisted.{key} lost {item}");
        }
    }
    assert_eq!(
        written["ai_assisted"]["require"],
        defaults["ai_assisted"]["require"]
    );
    assert_eq!(
        written["rules"]["packs"],
        Value::Null,
        "every pack stays on"
    );
    assert_eq!(written["blast_radius"], defaults["blast_radius"]);
    assert_eq!(written["docs"], defaults["docs"]);
}

#[test]
fn install_hook_writes_an_executable_hook() {
    use std::os::unix::fs::PermissionsExt;
    let repo = TestRepo::new();
    repo.changegate().arg("install-hook").assert().code(0);
    let hook = repo.path().join(".git/hooks/pre-push");
    let text = std::fs::read_to_string(&hook).unwrap();
    assert!(
        text.starts_with("#!/bin/sh")
            && text.contains("while read -r local_ref local_sha remote_ref remote_sha")
            && text.contains("changegate check --base \"$base\" --head \"$local_sha\""),
        "{text}"
    );
    assert_eq!(
        std::fs::metadata(&hook).unwrap().permissions().mode() & 0o111,
        0o111
    );
    repo.changegate()
        .arg("install-hook")
        .assert()
        .code(2)
        .stderr(contains("--force"));
    repo.changegate()
        .args(["install-hook", "--pre-commit"])
        .assert()
        .code(0);
    let pre_commit = std::fs::read_to_string(repo.path().join(".git/hooks/pre-commit")).unwrap();
    assert!(pre_commit.contains("changegate check --staged"));
}

/// The first run in a clean clone has nothing to judge: it says what was compared, what to try,
/// and what the gate requires of a change to each tier, instead of a bare PASS.
#[test]
fn a_first_run_with_nothing_to_judge_teaches() {
    let repo = TestRepo::new();
    repo.write("README.md", "# app\n");
    repo.commit("base");
    let out = repo.changegate().arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("nothing to judge"), "{text}");
    assert!(
        text.contains("--base HEAD~5") && text.contains("--staged"),
        "{text}"
    );
    assert!(
        text.contains("a change to tier `tier-1` needs 2 approvals")
            && text.contains("Risk, Rollback, Testing in the PR description"),
        "{text}"
    );
}

/// Messages: an unknown audit branch is named, not a raw `git log` command line; `explain` knows
/// the ids of changegate's own checks; outside a repository `audit` does not offer `--diff`.
#[test]
fn messages_name_the_problem_in_the_users_terms() {
    let repo = TestRepo::new();
    repo.write("README.md", "# app\n");
    repo.commit("base");
    let out = repo
        .changegate()
        .args(["audit", "--since", "2020-01-01", "--branch", "nosuch"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("unknown revision `nosuch`") && !err.contains("git log"),
        "{err}"
    );
    let out = repo
        .changegate()
        .args(["explain", "docs/missing-section"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("a touched tier requires a description section"),
        "{text}"
    );
    let outside = tempfile::tempdir().unwrap();
    let out = repo
        .changegate_in(outside.path())
        .args(["audit", "--since", "2020-01-01"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not inside a git repository"), "{err}");
    assert!(!err.contains("or pass a patch"), "{err}");
}
