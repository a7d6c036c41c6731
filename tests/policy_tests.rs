//! `changegate policy test`: declarative cases judged by the real gate, so a policy repository
//! can have CI of its own — passing cases, a failing expectation (exit 1, with why), a policy
//! that does not load and a hostile case file (exit 2).

mod common;

use common::TestRepo;

const POLICY: &str = "version: 1
tiers:
  tier-1:
    paths: [\"deploy/**\"]
    require: { approvals: 2, docs: [risk] }
docs:
  risk: { heading: Risk, min_words: 3 }
";

const CASES: &str = r###"tests:
  - name: a documented, approved prod change passes
    files:
      deploy/app.yaml: { before: "spec:\n  replicas: 3\n", after: "spec:\n  replicas: 4\n" }
    description: "## Risk\nLow: one replica more during the day."
    author: alice
    approvals: [bob, carol]
    expect: { verdict: pass, tiers: [tier-1], absent_rules: [docs/missing-section] }
  - name: an undocumented prod change is blocked
    files:
      deploy/app.yaml: { before: "spec:\n  replicas: 3\n", after: "spec:\n  replicas: 4\n" }
    author: alice
    approvals: [bob, carol]
    expect: { verdict: blocked, rules: [docs/missing-section] }
  - name: one approval is not enough
    files:
      deploy/app.yaml: { before: "spec:\n  replicas: 3\n", after: "spec:\n  replicas: 4\n" }
    description: "## Risk\nLow: one replica more during the day."
    author: alice
    approvals: [bob]
    expect: { verdict: blocked, rules: [review/approvals-missing] }
  - name: scaling prod to zero is flagged
    files:
      deploy/app.yaml: { before: "spec:\n  replicas: 3\n", after: "spec:\n  replicas: 0\n" }
    description: "## Risk\nLow: one replica more during the day."
    author: alice
    approvals: [bob, carol]
    expect: { verdict: blocked, rules: [k8s/replicas-to-zero] }
  - name: a README change is outside the tiers
    files:
      README.md: { after: "hello\n" }
    expect: { verdict: pass, tiers: [] }
"###;

fn policy_repo() -> TestRepo {
    let repo = TestRepo::new();
    repo.write(".changegate.yml", POLICY)
        .write("policy-tests.yml", CASES);
    repo.commit("policy");
    repo
}

#[test]
fn every_case_passes_against_the_policy() {
    let repo = policy_repo();
    let out = repo
        .changegate()
        .args(["policy", "test", "policy-tests.yml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.matches("\nok      ").count(), 5, "{stdout}");
    assert!(
        stdout.ends_with("5 tests, 5 passed, 0 failed\n"),
        "{stdout}"
    );
}

#[test]
fn a_loosened_policy_fails_its_tests_and_says_why() {
    let repo = policy_repo();
    // Someone drops the docs requirement and an approval: the cases catch it.
    repo.write(
        ".changegate.yml",
        "version: 1\ntiers:\n  tier-1:\n    paths: [\"deploy/**\"]\n    require: { approvals: 1 }\n",
    );
    let out = repo
        .changegate()
        .args(["policy", "test", "policy-tests.yml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("FAILED  an undocumented prod change is blocked"),
        "{stdout}"
    );
    assert!(stdout.contains("expected blocked, got pass"), "{stdout}");
    assert!(
        stdout.contains("FAILED  one approval is not enough"),
        "{stdout}"
    );
    assert!(stdout.contains("5 tests, 3 passed, 2 failed"), "{stdout}");
}

#[test]
fn a_policy_that_does_not_load_or_a_hostile_case_file_is_an_error() {
    let repo = policy_repo();
    repo.write(".changegate.yml", "version: 1\ntiers: 7\n");
    let out = repo
        .changegate()
        .args(["policy", "test", "policy-tests.yml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let repo = policy_repo();
    repo.write(
        "evil.yml",
        "tests:\n  - name: escape\n    files: { ../../outside.txt: { after: pwned } }\n    expect: { verdict: pass }\n",
    );
    let out = repo
        .changegate()
        .args(["policy", "test", "evil.yml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("must be a relative path inside the repository"));
    assert!(!repo.path().parent().unwrap().join("outside.txt").exists());
}

#[test]
fn the_docs_example_runs_and_passes() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/policy.md"),
    )
    .unwrap();
    let example = text
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("\n```").next().unwrap_or(""))
        .find(|b| b.starts_with("tests:"))
        .expect("docs/policy.md has a policy test example");
    let repo = policy_repo();
    repo.write("docs-example.yml", example);
    let out = repo
        .changegate()
        .args(["policy", "test", "docs-example.yml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("2 tests, 2 passed, 0 failed"), "{stdout}");
}
