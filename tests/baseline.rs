//! `extends:` — an org baseline a repository may only tighten, read with git from a local
//! checkout of the policy repository at a pinned commit. Real repositories in temp dirs, the real
//! binary.

mod common;

use common::TestRepo;

const ORG_POLICY: &str = "\
version: 1
tiers:
  tier-1:
    paths: [\"deploy/**\"]
    require:
      approvals: 2
      docs: [risk, rollback]
  other:
    paths: [\"**\"]
docs:
  risk:
    heading: Risk
  rollback:
    heading: Rollback
";

/// The policy repository with the org baseline committed; returns it and the commit.
fn policy_repo(text: &str) -> (TestRepo, String) {
    let repo = TestRepo::new();
    repo.write("org.yml", text);
    let sha = repo.commit("org baseline");
    (repo, sha)
}

fn extends(policy: &TestRepo, sha: &str) -> String {
    format!("extends: \"{}@{sha}:org.yml\"\n", policy.path().display())
}

/// A service repository whose base holds `.changegate.yml` = `policy`, then a change to deploy/.
fn service(policy: &str) -> TestRepo {
    let repo = TestRepo::with_base(&[
        (".changegate.yml", policy),
        ("deploy/app.yaml", "replicas: 3\n"),
    ]);
    repo.write("deploy/app.yaml", "replicas: 4\n");
    repo.commit("scale up");
    repo
}

fn check(repo: &TestRepo, description: &str) -> std::process::Output {
    let path = repo.scratch().join("pr.md");
    std::fs::write(&path, description).unwrap();
    repo.changegate()
        .args([
            "check", "--base", "main", "--head", "HEAD", "--format", "json",
        ])
        .arg("--description-file")
        .arg(&path)
        .output()
        .unwrap()
}

const RISK_ONLY: &str = "## Risk\nLow, one more replica.\n";

#[test]
fn a_file_that_only_extends_is_judged_by_the_baseline() {
    let (org, sha) = policy_repo(ORG_POLICY);
    let repo = service(&format!("version: 1\n{}", extends(&org, &sha)));
    let out = check(&repo, RISK_ONLY);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = report.to_string();
    assert!(
        text.contains("Rollback"),
        "the baseline's doc rule applies: {text}"
    );
    assert!(
        report["policy"]
            .as_str()
            .unwrap()
            .contains(&format!("tightening {}", org.path().display())),
        "{}",
        report["policy"]
    );
    let documented = check(&repo, "## Risk\nLow.\n\n## Rollback\nScale back to 3.\n");
    assert_eq!(
        documented.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&documented.stdout)
    );
}

#[test]
fn tightening_the_baseline_is_accepted() {
    let (org, sha) = policy_repo(ORG_POLICY);
    let policy = format!(
        "version: 1\n{}tiers:\n  tier-1:\n    paths: [\"deploy/**\", \"infra/**\"]\n    require:\n      approvals: 3\n      docs: [risk, rollback, testing]\n  other:\n    paths: [\"**\"]\ndocs:\n  risk:\n    heading: Risk\n  rollback:\n    heading: Rollback\n  testing:\n    heading: Testing\n",
        extends(&org, &sha)
    );
    let repo = service(&policy);
    let out = check(&repo, "## Risk\nLow.\n\n## Rollback\nScale back to 3.\n");
    // The repository's stricter requirement (Testing) is what blocks.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Testing"));
}

#[test]
fn loosening_the_baseline_is_a_policy_error_naming_both_lines() {
    let (org, sha) = policy_repo(ORG_POLICY);
    let policy = format!(
        "version: 1\n{}tiers:\n  tier-1:\n    paths: [\"deploy/**\"]\n    require:\n      approvals: 1\n      docs: [risk]\n  other:\n    paths: [\"**\"]\n",
        extends(&org, &sha)
    );
    let repo = service(&policy);
    let out = check(&repo, RISK_ONLY);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs 1 approvals, the baseline 2"), "{err}");
    // The baseline's line (org.yml:6) and the repository's (.changegate.yml:7).
    assert!(
        err.contains(&format!("{}:org.yml:6:7", &sha[..12])),
        "{err}"
    );
    assert!(err.contains(".changegate.yml at base"), "{err}");
    assert!(err.contains(":7:7\n"), "{err}");
    assert!(err.contains("the `rollback` section"), "{err}");
}

#[test]
fn an_unreadable_baseline_fails_closed() {
    let (org, sha) = policy_repo(ORG_POLICY);
    let missing = "0".repeat(40);
    for (policy, says) in [
        (
            format!("version: 1\n{}", extends(&org, &missing)),
            "cannot read the baseline",
        ),
        (
            format!("version: 1\nextends: \"/nonexistent/policy@{sha}:org.yml\"\n"),
            "cannot read the baseline",
        ),
        (
            format!(
                "version: 1\nextends: \"{}@main:org.yml\"\n",
                org.path().display()
            ),
            "not a full commit id",
        ),
        (
            format!("version: 1\nextends: \"acme/policy@{sha}:org.yml\"\n"),
            "is not in the cache",
        ),
    ] {
        let repo = service(&policy);
        let out = check(&repo, RISK_ONLY);
        assert_eq!(out.status.code(), Some(2), "{policy}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{policy}: {err}");
        assert!(out.stdout.is_empty() || !String::from_utf8_lossy(&out.stdout).contains("PASS"));
    }
}

#[test]
fn a_baseline_changed_in_the_same_change_does_not_judge_it() {
    // The org's baseline at commit A requires Rollback; the PR repoints `extends` at commit B of
    // the same policy repository, which does not. The base's file (A) judges the change, and the
    // edit of .changegate.yml is itself a first-tier gate change.
    let (org, strict) = policy_repo(ORG_POLICY);
    org.write(
        "org.yml",
        ORG_POLICY.replace("docs: [risk, rollback]", "docs: [risk]"),
    );
    let weak = org.commit("weaker baseline");
    let repo = TestRepo::with_base(&[
        (
            ".changegate.yml",
            format!("version: 1\n{}", extends(&org, &strict)),
        ),
        ("deploy/app.yaml", "replicas: 3\n".to_owned()),
    ]);
    repo.write(
        ".changegate.yml",
        format!("version: 1\n{}", extends(&org, &weak)),
    );
    repo.write("deploy/app.yaml", "replicas: 4\n");
    repo.commit("scale up and relax the baseline");
    let out = check(&repo, RISK_ONLY);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Rollback"), "{text}");
    assert!(
        text.contains(&strict[..12]),
        "judged by the base's pin: {text}"
    );
    assert!(
        text.contains("gate/"),
        "the policy edit is a gate change: {text}"
    );
}

#[test]
fn a_bare_repository_planted_as_the_baseline_dir_is_not_read() {
    // A change can add files that make a directory look like a bare repository (HEAD, objects/,
    // a config of its own); git must not discover and read it as the policy repository.
    let (org, sha) = policy_repo(ORG_POLICY);
    let bare = org.scratch().join("planted.git");
    org.git(&["clone", "-q", "--bare", ".", bare.to_str().unwrap()]);
    let repo = service(&format!(
        "version: 1\nextends: \"{}@{sha}:org.yml\"\n",
        bare.display()
    ));
    let out = check(&repo, RISK_ONLY);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the baseline"));
}

#[test]
fn policy_show_names_the_origin_of_every_value() {
    let (org, sha) = policy_repo(ORG_POLICY);
    let repo = TestRepo::new();
    repo.write(
        ".changegate.yml",
        format!("version: 1\n{}bots: [ci-robot]\n", extends(&org, &sha)),
    );
    let out = repo.changegate().args(["policy", "show"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |key: &str| {
        text.lines()
            .find(|l| l.contains(&format!(" {key} = ")))
            .unwrap_or_else(|| panic!("no {key} in {text}"))
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned()
    };
    let baseline = format!("{}@{}:org.yml", org.path().display(), &sha[..12]);
    assert_eq!(
        line("tiers.tier-1.require.approvals"),
        format!("{baseline}:6")
    );
    assert_eq!(line("docs.rollback.heading"), format!("{baseline}:14"));
    assert_eq!(line("bots"), ".changegate.yml:3");
    assert_eq!(line("tiers.tier-1.require.fresh_approvals"), "default");
    assert_eq!(line("ai_assisted.require.extra_approvals"), "built-in");

    // A loosening file is refused here too, exit 2.
    repo.write(
        ".changegate.yml",
        format!(
            "version: 1\n{}rules:\n  disable: [rust/unwrap]\n",
            extends(&org, &sha)
        ),
    );
    let out = repo.changegate().args(["policy", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rule `rust/unwrap` is switched off"));
}

/// `extends: OWNER/REPO@SHA:PATH` in a GitHub Actions job: the baseline is read through the
/// contents API (the request checked against GitHub's OpenAPI description), cached, and a later
/// local run — no network — reads the cached copy.
#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_platform_baseline_is_read_through_the_api_once_then_from_the_cache() {
    use base64::Engine as _;
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let spec = common::openapi::require_spec();
    let sha = "0123456789abcdef0123456789abcdef01234567";
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/repos/acme/policies/contents/org/base.yml"))
        .and(query_param("ref", sha))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "type": "file", "encoding": "base64", "size": ORG_POLICY.len(),
            "name": "base.yml", "path": "org/base.yml", "sha": "d".repeat(40),
            "content": base64::engine::general_purpose::STANDARD.encode(ORG_POLICY),
        })))
        .expect(1)
        .mount(&server)
        .await;
    let policy = format!(
        "version: 1\nextends: \"acme/policies@{sha}:org/base.yml\"\ntiers:\n  tier-1:\n    paths: [\"deploy/**\", \"infra/**\"]\n    require:\n      approvals: 3\n      docs: [risk, rollback]\n  other:\n    paths: [\"**\"]\n"
    );
    let repo = TestRepo::new();
    repo.write(".changegate.yml", &policy);
    repo.commit("policy");
    let show = |ci: bool| {
        let mut cmd = repo.changegate();
        cmd.args(["policy", "show"]);
        if ci {
            cmd.env("GITHUB_ACTIONS", "true")
                .env("GITHUB_API_URL", server.uri())
                .env("GITHUB_TOKEN", "ghs_baselineTOKEN0123456789");
        }
        cmd.output().unwrap()
    };
    let out = tokio::task::block_in_place(|| show(true));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("acme/policies@0123456789ab:org/base.yml"),
        "{stdout}"
    );
    assert!(!stdout.contains("ghs_baseline"));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].headers.get("authorization").unwrap(),
        "Bearer ghs_baselineTOKEN0123456789"
    );
    common::openapi::validate_contract(&server, spec).await;
    common::openapi::assert_response_fields(
        spec,
        "GET",
        "/repos/acme/policies/contents/org/base.yml",
        &["content", "encoding"],
    );
    // Outside CI: no network, the cached copy.
    let out = tokio::task::block_in_place(|| show(false));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "served from the cache"
    );
}

/// The API says 404 (a wrong path, or a token that cannot read the policy repository): exit 2.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_platform_baseline_the_api_does_not_serve_fails_closed() {
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::method("GET"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(serde_json::json!({"message": "Not Found"})),
        )
        .mount(&server)
        .await;
    let sha = "0123456789abcdef0123456789abcdef01234567";
    let repo = TestRepo::new();
    repo.write(
        ".changegate.yml",
        format!("version: 1\nextends: \"acme/policies@{sha}:org.yml\"\n"),
    );
    repo.commit("policy");
    let out = tokio::task::block_in_place(|| {
        repo.changegate()
            .args(["policy", "show"])
            .env("GITLAB_CI", "true")
            .env("CI_API_V4_URL", format!("{}/api/v4", server.uri()))
            .env("CI_JOB_TOKEN", "glcbt-jobTOKEN0123456789")
            .output()
            .unwrap()
    });
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "cannot read the baseline acme/policies@0123456789ab:org.yml through the GitLab API"
        ),
        "{err}"
    );
    assert!(!err.contains("glcbt-job"), "the token is never printed");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.path(),
        "/api/v4/projects/acme%2Fpolicies/repository/files/org.yml"
    );
    assert_eq!(
        requests[0].headers.get("job-token").unwrap(),
        "glcbt-jobTOKEN0123456789"
    );
}
