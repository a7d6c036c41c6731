//! `changegate verify` end to end on real git repositories: compliant, under-reviewed,
//! self-approved and direct-push commits, a commit not on the branch, reviews unknown, and the
//! in-toto statement.

mod common;

use common::TestRepo;

const POLICY: &str = "version: 1
tiers:
  tier-1:
    paths: [\"deploy/**\"]
    require:
      approvals: 1
      docs: [risk]
docs:
  risk: { heading: Risk, min_words: 3 }
";

/// main with the policy; a PR branch `feature` changing deploy/, merged with a merge commit.
/// Returns (repo, the PR's head commit, the merge commit).
fn merged_pr(description: &str) -> (TestRepo, String, String) {
    let repo = TestRepo::new();
    repo.write(".changegate.yml", POLICY)
        .write("deploy/app.yaml", "replicas: 3\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/app.yaml", "replicas: 4\n");
    let head = repo.commit("scale up");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "feature",
        "-m",
        &format!("Merge pull request #7 from octo/feature\n\n{description}"),
    ]);
    let merge = repo.git(&["rev-parse", "HEAD"]).trim().to_owned();
    (repo, head, merge)
}

fn reviews(repo: &TestRepo, approver: &str, commit: &str) -> String {
    let path = repo.scratch().join("reviews.json");
    let json = format!(
        r#"{{"author": "alice", "reviews": [{{"user": "{approver}", "state": "APPROVED", "commit_id": "{commit}", "submitted_at": "2026-03-05T10:00:00Z"}}]}}"#
    );
    std::fs::write(&path, json).unwrap();
    path.to_str().unwrap().to_owned()
}

fn verify(repo: &TestRepo, args: &[&str], code: i32) -> serde_json::Value {
    let out = repo
        .changegate()
        .args(["verify", "--branch", "main"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const RISK: &str = "## Risk\nLow: one more replica of a stateless service.\n";

#[test]
fn a_reviewed_documented_merged_change_is_verified_with_a_statement() {
    let (repo, head, merge) = merged_pr(RISK);
    let file = reviews(&repo, "bob", &head);
    let statement = repo.scratch().join("statement.json");
    // The PR's own commit and the merge both arrived through the merge.
    for commit in [head.as_str(), merge.as_str()] {
        let v = verify(
            &repo,
            &[
                "--commit",
                commit,
                "--reviews-file",
                &file,
                "--statement",
                statement.to_str().unwrap(),
            ],
            0,
        );
        assert_eq!(v["outcome"], "verified", "{v:#}");
        assert_eq!(v["arrived_with"], merge.as_str());
        assert_eq!(v["reasons"], serde_json::json!([]));
        assert!(v["policy"]
            .as_str()
            .unwrap()
            .starts_with(".changegate.yml at "));
        assert_eq!(v["change"]["categories"], serde_json::json!(["compliant"]));
    }
    let statement: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&statement).unwrap()).unwrap();
    assert_eq!(statement["_type"], "https://in-toto.io/Statement/v1");
    assert_eq!(
        statement["subject"][0]["digest"]["gitCommit"],
        merge.as_str()
    );
    assert_eq!(statement["predicate"]["outcome"], "verified");
    assert!(statement["predicateType"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
}

#[test]
fn an_under_reviewed_change_is_rejected() {
    let (repo, _head, merge) = merged_pr(RISK);
    // Documented, merged through a PR, but nobody approved it.
    let path = repo.scratch().join("none.json");
    std::fs::write(&path, r#"{"author": "alice", "reviews": []}"#).unwrap();
    let v = verify(
        &repo,
        &["--commit", &merge, "--reviews-file", path.to_str().unwrap()],
        1,
    );
    assert_eq!(v["outcome"], "rejected");
    let categories = v["change"]["categories"].to_string();
    assert!(categories.contains("too_few_approvals"), "{v:#}");
}

#[test]
fn a_self_approved_change_is_rejected() {
    let (repo, head, merge) = merged_pr(RISK);
    let file = reviews(&repo, "alice", &head);
    let v = verify(&repo, &["--commit", &merge, "--reviews-file", &file], 1);
    assert_eq!(v["outcome"], "rejected");
    assert!(
        v["change"]["categories"]
            .to_string()
            .contains("self_approved"),
        "{v:#}"
    );
}

#[test]
fn an_undocumented_change_is_rejected() {
    let (repo, head, merge) = merged_pr("");
    let file = reviews(&repo, "bob", &head);
    let v = verify(&repo, &["--commit", &merge, "--reviews-file", &file], 1);
    assert!(
        v["change"]["categories"]
            .to_string()
            .contains("undocumented"),
        "{v:#}"
    );
}

#[test]
fn a_direct_push_is_rejected_even_with_an_approval() {
    let repo = TestRepo::new();
    repo.write(".changegate.yml", POLICY)
        .write("deploy/app.yaml", "replicas: 3\n");
    repo.commit("base");
    repo.write("deploy/app.yaml", "replicas: 0\n");
    let pushed = repo.commit("hotfix\n\n## Risk\nLow: scaling down a test service.\n");
    let file = reviews(&repo, "bob", &pushed);
    let v = verify(&repo, &["--commit", &pushed, "--reviews-file", &file], 1);
    assert_eq!(v["outcome"], "rejected");
    assert_eq!(v["arrived_with"], pushed.as_str());
    assert!(
        v["change"]["categories"]
            .to_string()
            .contains("direct_push"),
        "{v:#}"
    );
}

#[test]
fn a_commit_not_on_the_branch_is_rejected_and_unknown_reviews_cannot_tell() {
    let (repo, _head, merge) = merged_pr(RISK);
    repo.git(&["checkout", "-q", "-b", "elsewhere"]);
    repo.write("deploy/app.yaml", "replicas: 9\n");
    let stray = repo.commit("never merged");
    let v = verify(&repo, &["--commit", &stray, "--offline"], 1);
    assert_eq!(v["outcome"], "rejected");
    assert!(
        v["reasons"][0].as_str().unwrap().contains("is not on main"),
        "{v:#}"
    );
    assert_eq!(v["arrived_with"], serde_json::Value::Null);
    // Offline without a reviews file, a merged PR's reviews are unknown: do not deploy (2).
    let v = verify(&repo, &["--commit", &merge, "--offline"], 2);
    assert_eq!(v["outcome"], "unknown", "{v:#}");
    // An unknown revision is an error (2) with a message, not a verdict.
    let out = repo
        .changegate()
        .args([
            "verify",
            "--branch",
            "main",
            "--commit",
            "nope",
            "--offline",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}
