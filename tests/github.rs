//! Contract tests for the GitHub integration: the real binary against a loopback fake GitHub
//! (wiremock). Every request the binary makes must exist in GitHub's OpenAPI description
//! (`@octokit/openapi`, path in GITHUB_OPENAPI_SPEC; `.ci/run` installs it) and every request body
//! must validate against that operation's schema. Without the description (locally, not in CI)
//! the tests that need it are reported as ignored (`build.rs` sets `fixture_openapi`).

mod common;

use common::openapi::{require_spec, validate_contract};
use common::{TestRepo, GOOD_DESCRIPTION};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "ghs_FAKEtoken0123456789abcdefFAKE";
const REPO: &str = "/repos/octo/app";

/// A repository on `main` with a feature branch; returns (repo, base sha, head sha).
fn pr_repo(base_files: &[(&str, &str)], change: &[(&str, &str)]) -> (TestRepo, String, String) {
    let repo = TestRepo::with_base(base_files);
    let base = repo.git(&["rev-parse", "main"]).trim().to_owned();
    for (p, t) in change {
        repo.write(p, t);
    }
    let head = repo.commit("the change");
    (repo, base, head)
}

struct Pr<'a> {
    base: &'a str,
    head: &'a str,
    body: &'a str,
    reviews: Vec<Value>,
}

/// Mounts the read side of a PR: the PR, its reviews (paginated), its commits, no check run yet.
async fn mount_pr(server: &MockServer, pr: &Pr<'_>) {
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "number": 1, "title": "Scale the API", "body": pr.body, "draft": false,
            "user": {"login": "alice"}, "labels": [{"name": "infra"}],
            "head": {"sha": pr.head, "ref": "feature"}, "base": {"sha": pr.base}
        })))
        .mount(server)
        .await;
    let pages: Vec<&[Value]> = if pr.reviews.is_empty() {
        vec![&[][..]]
    } else {
        pr.reviews.chunks(100).collect()
    };
    let last = pages.len();
    for (i, page) in pages.iter().enumerate() {
        // GitHub's `Link` header: `next` on every page but the last.
        let url = |n: usize| {
            format!(
                "<{}{REPO}/pulls/1/reviews?per_page=100&page={n}>",
                server.uri()
            )
        };
        let link = if i + 1 < last {
            format!("{}; rel=\"next\", {}; rel=\"last\"", url(i + 2), url(last))
        } else {
            format!("{}; rel=\"first\"", url(1))
        };
        Mock::given(method("GET"))
            .and(path(format!("{REPO}/pulls/1/reviews")))
            .and(query_param("page", (i + 1).to_string()))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("link", link.as_str())
                    .set_body_json(Value::Array(page.to_vec())),
            )
            .mount(server)
            .await;
    }
    if pr.reviews.len() % 100 == 0 && !pr.reviews.is_empty() {
        Mock::given(method("GET"))
            .and(path(format!("{REPO}/pulls/1/reviews")))
            .and(query_param("page", (pages.len() + 1).to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1/commits")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "sha": pr.head,
            "commit": {"message": "the change", "author": {"name": "Alice", "email": "alice@example.com"}, "committer": {"name": "Alice", "email": "alice@example.com"}},
            "author": {"login": "alice"},
            "parents": [{"sha": pr.base}]
        }])))
        .mount(server)
        .await;
}

async fn mount_check_writes(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/check-runs")))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 77})))
        .mount(server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{REPO}/check-runs/77")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 77})))
        .mount(server)
        .await;
}

fn approval(user: &str, sha: &str) -> Value {
    json!({"user": {"login": user}, "state": "APPROVED", "commit_id": sha, "submitted_at": "2026-03-05T10:00:00Z"})
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    summary: String,
    outputs: String,
}

/// Runs `changegate check` as GitHub Actions would, in the repository.
async fn run_action(repo: &TestRepo, server: &MockServer, event_name: &str, event: Value) -> Run {
    run_action_with(repo, server, event_name, event, &[]).await
}

/// `run_action` with extra arguments for `changegate check`.
async fn run_action_with(
    repo: &TestRepo,
    server: &MockServer,
    event_name: &str,
    event: Value,
    args: &[&str],
) -> Run {
    let dir = repo.scratch();
    let event_path = dir.join("event.json");
    std::fs::write(&event_path, event.to_string()).unwrap();
    let summary = dir.join("summary.md");
    let outputs = dir.join("outputs.txt");
    let mut cmd = repo.changegate();
    cmd.arg("check")
        .args(args)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_EVENT_NAME", event_name)
        .env("GITHUB_EVENT_PATH", &event_path)
        .env("GITHUB_REPOSITORY", "octo/app")
        .env("GITHUB_API_URL", server.uri())
        .env("GITHUB_SHA", "0000000000000000000000000000000000000001")
        .env("GITHUB_SERVER_URL", "https://github.example")
        .env("GITHUB_RUN_ID", "4242")
        .env("GITHUB_TOKEN", TOKEN)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .env("CHANGEGATE_RETRY_BASE_MS", "10");
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
        outputs: std::fs::read_to_string(&outputs).unwrap_or_default(),
    };
    assert!(
        !run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN),
        "the token leaked"
    );
    run
}

fn pr_event(base: &str, head: &str) -> Value {
    json!({"action": "synchronize", "pull_request": {"number": 1, "head": {"sha": head}, "base": {"sha": base}}})
}

async fn requests(server: &MockServer, verb: &str, suffix: &str) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.method.as_str() == verb && r.url.path().ends_with(suffix))
        .map(|r| serde_json::from_slice(&r.body).unwrap_or(Value::Null))
        .collect()
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clean_change_posts_a_successful_check_with_three_pages_of_reviews() {
    let spec = require_spec();
    let (repo, base, head) = pr_repo(
        &[("README.md", "hello\n")],
        &[("README.md", "hello world\n")],
    );
    let server = MockServer::start().await;
    let mut reviews: Vec<Value> = (0..200)
        .map(|i| json!({"user": {"login": format!("u{i}")}, "state": "COMMENTED", "commit_id": head, "submitted_at": "2026-03-05T09:00:00Z"}))
        .collect();
    reviews.push(approval("bob", &head));
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: "docs only",
            reviews,
        },
    )
    .await;
    mount_check_writes(&server).await;
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let review_pages: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/reviews"))
        .map(|r| r.url.query().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        review_pages,
        vec![
            "per_page=100&page=1",
            "per_page=100&page=2",
            "per_page=100&page=3"
        ]
    );
    let creates = requests(&server, "POST", "/check-runs").await;
    assert_eq!(creates.len(), 1);
    assert_eq!(creates[0]["conclusion"], "success");
    assert_eq!(creates[0]["head_sha"], head.as_str());
    assert!(creates[0]["output"].get("annotations").is_none());
    assert!(
        run.summary.contains("changegate: passed"),
        "{}",
        run.summary
    );
    assert!(
        run.outputs.contains("verdict<<") && run.outputs.contains("\npass\n"),
        "{}",
        run.outputs
    );
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_hundred_twenty_findings_take_one_create_and_two_updates() {
    let spec = require_spec();
    let body: String = (0..120)
        .map(|i| format!("    let v{i} = opt{i}.unwrap();\n"))
        .collect();
    let (repo, base, head) = pr_repo(
        &[("src/lib.rs", "pub fn f() {}\n")],
        &[("src/lib.rs", &format!("pub fn f() {{\n{body}}}\n"))],
    );
    let server = MockServer::start().await;
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: "x",
            reviews: vec![approval("bob", &head)],
        },
    )
    .await;
    mount_check_writes(&server).await;
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    assert_eq!(run.code, 0, "{}", run.stdout);
    let creates = requests(&server, "POST", "/check-runs").await;
    let updates = requests(&server, "PATCH", "/check-runs/77").await;
    assert_eq!(creates.len(), 1);
    assert_eq!(updates.len(), 2);
    let counts: Vec<usize> = creates
        .iter()
        .chain(&updates)
        .map(|b| b["output"]["annotations"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(counts, vec![50, 50, 20]);
    let first = &creates[0]["output"]["annotations"][0];
    assert_eq!(first["annotation_level"], "warning");
    assert_eq!(first["start_line"], first["end_line"]);
    assert!(first.get("start_column").is_some());
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rerun_creates_a_fresh_check_run_instead_of_appending_to_the_old_one() {
    let spec = require_spec();
    let (repo, base, head) = pr_repo(&[("README.md", "a\n")], &[("README.md", "b\n")]);
    let server = MockServer::start().await;
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: "x",
            reviews: vec![],
        },
    )
    .await;
    mount_check_writes(&server).await;
    for _ in 0..2 {
        let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
        assert_eq!(run.code, 0, "{}", run.stdout);
    }
    // Updating the first run would append the second run's annotations to the first's.
    assert_eq!(requests(&server, "POST", "/check-runs").await.len(), 2);
    assert!(requests(&server, "PATCH", "/check-runs/77")
        .await
        .is_empty());
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fork_token_falls_back_to_workflow_commands_and_the_summary() {
    let spec = require_spec();
    let (repo, base, head) = pr_repo(
        &[("deploy/app.yaml", "spec:\n  replicas: 3\n")],
        &[("deploy/app.yaml", "spec:\n  replicas: 0\n")],
    );
    let server = MockServer::start().await;
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: GOOD_DESCRIPTION,
            reviews: vec![],
        },
    )
    .await;
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/check-runs")))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest/checks/runs#create-a-check-run"})))
        .mount(&server)
        .await;
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    assert_eq!(run.code, 1, "exit with the verdict: {}", run.stdout);
    assert!(run.stdout.contains("cannot write checks"), "{}", run.stdout);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert!(
        errors
            .iter()
            .any(|l| l.contains("title=k8s/replicas-to-zero")),
        "{}",
        run.stdout
    );
    assert!(
        run.summary.contains("k8s/replicas-to-zero"),
        "{}",
        run.summary
    );
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_token_posts_a_commit_status() {
    let spec = require_spec();
    let (repo, base, head) = pr_repo(&[("README.md", "a\n")], &[("README.md", "b\n")]);
    let server = MockServer::start().await;
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: "x",
            reviews: vec![],
        },
    )
    .await;
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/check-runs")))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"message": "You must authenticate via a GitHub App."})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/statuses/{head}")))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    assert_eq!(run.code, 0, "{}", run.stdout);
    let statuses = requests(&server, "POST", &format!("/statuses/{head}")).await;
    assert_eq!(statuses.len(), 1);
    assert_eq!(statuses[0]["context"], "changegate");
    assert_eq!(statuses[0]["state"], "success");
    assert!(statuses[0]["description"].as_str().unwrap().chars().count() <= 140);
    // The status links the run that computed it.
    assert_eq!(
        statuses[0]["target_url"],
        "https://github.example/octo/app/actions/runs/4242"
    );
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_and_secondary_rate_limits_are_retried() {
    let spec = require_spec();
    let (repo, base, head) = pr_repo(&[("README.md", "a\n")], &[("README.md", "b\n")]);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1")))
        .respond_with(ResponseTemplate::new(502).set_body_string("bad gateway"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1/commits")))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"message": "You have exceeded a secondary rate limit."})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: "x",
            reviews: vec![],
        },
    )
    .await;
    mount_check_writes(&server).await;
    let started = std::time::Instant::now();
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "retry-after was honoured"
    );
    let pulls = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == format!("{REPO}/pulls/1"))
        .count();
    assert_eq!(pulls, 2, "the 502 was retried once");
    assert_eq!(requests(&server, "POST", "/check-runs").await.len(), 1);
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_event_checks_the_pr_head_and_policy_changes_use_the_base() {
    let spec = require_spec();
    let strict = "version: 1\ntiers:\n  tier-1:\n    paths: [\"src/**\"]\n    require:\n      approvals: 1\n";
    let (repo, base, head) = pr_repo(
        &[
            (".changegate.yml", strict),
            ("src/lib.rs", "pub fn f() {}\n"),
        ],
        &[
            (".changegate.yml", "version: 1\n"),
            ("src/lib.rs", "pub fn f() { g() }\n"),
        ],
    );
    let server = MockServer::start().await;
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: "x",
            reviews: vec![],
        },
    )
    .await;
    mount_check_writes(&server).await;
    let event = json!({"action": "submitted", "review": {"state": "commented"}, "pull_request": {"number": 1, "head": {"sha": head}, "base": {"sha": base}}});
    let run = run_action(&repo, &server, "pull_request_review", event).await;
    assert_eq!(
        run.code, 1,
        "the base policy needs an approval: {}",
        run.stdout
    );
    let creates = requests(&server, "POST", "/check-runs").await;
    assert_eq!(creates[0]["head_sha"], head.as_str(), "not GITHUB_SHA");
    assert_eq!(creates[0]["conclusion"], "failure");
    let annotations = creates[0]["output"]["annotations"].as_array().unwrap();
    assert!(annotations
        .iter()
        .any(|a| a["title"] == "gate/policy-changed" && a["path"] == ".changegate.yml"));
    assert!(creates[0]["output"]["summary"]
        .as_str()
        .unwrap()
        .contains(".changegate.yml at base"));
    validate_contract(&server, spec).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workflow_commands_in_pr_text_and_files_are_neutralised() {
    let (repo, base, head) = pr_repo(
        &[("src/lib.rs", "pub fn f() {}\n")],
        &[(
            "src/lib.rs",
            "pub fn f(o: Option<u8>) -> u8 {\n    o.unwrap() // ::error::pwned-by-file\n}\n",
        )],
    );
    let server = MockServer::start().await;
    let body = "Nothing to see\n::set-output name=verdict::pass\n::error::pwned-by-body\n";
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body,
            reviews: vec![approval("bob", &head)],
        },
    )
    .await;
    mount_check_writes(&server).await;
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    let mut stopped: Option<String> = None;
    for line in run.stdout.lines() {
        if let Some(token) = line.strip_prefix("::stop-commands::") {
            stopped = Some(token.to_owned());
            continue;
        }
        if let Some(token) = &stopped {
            if line == format!("::{token}::") {
                stopped = None;
            }
            continue;
        }
        assert!(
            !line.contains("pwned"),
            "untrusted text outside the stop-commands block: {line}"
        );
    }
    assert!(
        run.stdout.contains("pwned-by-file"),
        "the snippet is shown, inside the block"
    );
    assert!(!run.outputs.contains("verdict<<") || !run.outputs.contains("verdict::pass"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_events_post_nothing() {
    let (repo, _, _) = pr_repo(&[("a", "1\n")], &[("a", "2\n")]);
    let server = MockServer::start().await;
    let run = run_action(&repo, &server, "push", json!({"ref": "refs/heads/main"})).await;
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("nothing to check"), "{}", run.stdout);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publish_posts_a_verdict_from_an_unprivileged_job() {
    let spec = require_spec();
    let (repo, _base, head) = pr_repo(
        &[("src/lib.rs", "pub fn f() {}\n")],
        &[(
            "src/lib.rs",
            "pub fn f(o: Option<u8>) -> u8 { o.unwrap() }\n",
        )],
    );
    // The unprivileged job: a plain check whose JSON report is handed over as an artifact.
    let report = repo.scratch().join("verdict.json");
    repo.changegate()
        .args([
            "check", "--base", "main", "--head", "HEAD", "--format", "json", "-o",
        ])
        .arg(&report)
        .assert()
        .code(0);
    let server = MockServer::start().await;
    mount_check_writes(&server).await;
    let dir = repo.scratch();
    let event_path = dir.join("run-event.json");
    std::fs::write(
        &event_path,
        json!({"action": "completed", "workflow_run": {"head_sha": head, "pull_requests": []}})
            .to_string(),
    )
    .unwrap();
    let mut cmd = repo.changegate();
    cmd.arg("publish")
        .arg(&report)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_EVENT_NAME", "workflow_run")
        .env("GITHUB_EVENT_PATH", &event_path)
        .env("GITHUB_REPOSITORY", "octo/app")
        .env("GITHUB_API_URL", server.uri())
        .env("GITHUB_TOKEN", TOKEN);
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let creates = requests(&server, "POST", "/check-runs").await;
    assert_eq!(creates.len(), 1);
    assert_eq!(creates[0]["head_sha"], head.as_str());
    assert_eq!(
        creates[0]["output"]["annotations"][0]["title"],
        "rust/unwrap"
    );
    validate_contract(&server, spec).await;

    // A report about another commit than the run built is refused.
    std::fs::write(
        &event_path,
        json!({"workflow_run": {"head_sha": "0123456789abcdef0123456789abcdef01234567"}})
            .to_string(),
    )
    .unwrap();
    repo.changegate()
        .arg("publish")
        .arg(&report)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_EVENT_NAME", "workflow_run")
        .env("GITHUB_EVENT_PATH", &event_path)
        .env("GITHUB_REPOSITORY", "octo/app")
        .env("GITHUB_API_URL", server.uri())
        .env("GITHUB_TOKEN", TOKEN)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("refusing to publish"));
}

/// A repository that lacks the PR's commits (a shallow or unrelated checkout).
fn checkout_without_the_commits() -> TestRepo {
    let repo = TestRepo::new();
    repo.write("unrelated.txt", "x\n");
    repo.commit("unrelated");
    repo
}

/// A fake GitHub for a PR whose commits the checkout lacks: the PR (`API_BASE..API_HEAD`) with
/// `body` and `reviews`, check-run writes accepted, and `files` as the PR's file list.
async fn api_only_pr(body: &str, reviews: Vec<Value>, files: Value) -> (TestRepo, MockServer) {
    let repo = checkout_without_the_commits();
    let server = MockServer::start().await;
    mount_pr(
        &server,
        &Pr {
            base: API_BASE,
            head: API_HEAD,
            body,
            reviews,
        },
    )
    .await;
    mount_check_writes(&server).await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1/files")))
        .respond_with(ResponseTemplate::new(200).set_body_json(files))
        .mount(&server)
        .await;
    (repo, server)
}

/// The annotation titles of a check-run request body.
fn annotation_titles(create: &Value) -> Vec<&str> {
    create["output"]["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect()
}

const API_BASE: &str = "1111111111111111111111111111111111111111";
const API_HEAD: &str = "2222222222222222222222222222222222222222";

fn contents_file(path: &str, text: &str) -> Value {
    use base64::Engine as _;
    json!({"type": "file", "path": path, "encoding": "base64", "content": base64::engine::general_purpose::STANDARD.encode(text)})
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_commits_the_diff_and_policy_come_from_the_api() {
    let spec = require_spec();
    let (repo, server) = api_only_pr(
        GOOD_DESCRIPTION,
        vec![approval("bob", API_HEAD)],
        json!([
            {"filename": "secure/keys.env", "status": "modified", "patch": "@@ -1 +1,2 @@\n NAME=x\n+aws_access_key_id = AKIAIOSFODNN7EXAMPLE"},
            {"filename": "secure/logo.png", "status": "added"}
        ]),
    )
    .await;
    // The base's policy makes `secure/**` a tier needing one approval; CODEOWNERS etc. are 404.
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/contents/.changegate.yml")))
        .and(query_param("ref", API_BASE))
        .respond_with(ResponseTemplate::new(200).set_body_json(contents_file(
            ".changegate.yml",
            "version: 1\ntiers:\n  vault:\n    paths: [\"secure/**\"]\n    require: { approvals: 1 }\n",
        )))
        .mount(&server)
        .await;
    let run = run_action(&repo, &server, "pull_request", pr_event(API_BASE, API_HEAD)).await;
    assert_eq!(
        run.code, 1,
        "the committed key blocks: {}\n{}",
        run.stdout, run.stderr
    );
    let creates = requests(&server, "POST", "/check-runs").await;
    let summary = creates[0]["output"]["summary"].as_str().unwrap();
    assert!(
        summary.contains("from the API"),
        "policy from the base via the API: {summary}"
    );
    let titles = annotation_titles(&creates[0]);
    assert!(titles.contains(&"secrets/aws-access-key"), "{titles:?}");
    assert!(
        titles.contains(&"analysis/not-analysed"),
        "the binary without a patch is reported: {titles:?}"
    );
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_file_cap_fails_closed() {
    let spec = require_spec();
    let repo = checkout_without_the_commits();
    let server = MockServer::start().await;
    mount_pr(
        &server,
        &Pr {
            base: API_BASE,
            head: API_HEAD,
            body: "x",
            reviews: vec![],
        },
    )
    .await;
    // The PR says how many files it really has; the files API stops at 3,000.
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "number": 1, "title": "Scale the API", "body": "x", "draft": false,
            "user": {"login": "alice"}, "labels": [], "changed_files": 4200,
            "head": {"sha": API_HEAD}, "base": {"sha": API_BASE}
        })))
        .with_priority(1)
        .mount(&server)
        .await;
    mount_check_writes(&server).await;
    for page in 1..=30 {
        let files: Vec<Value> = (0..100)
            .map(|i| json!({"filename": format!("docs/p{page}/f{i}.md"), "status": "modified", "patch": "@@ -1 +1 @@\n-a\n+b"}))
            .collect();
        Mock::given(method("GET"))
            .and(path(format!("{REPO}/pulls/1/files")))
            .and(query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(Value::Array(files)))
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1/files")))
        .and(query_param("page", "31"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let run = run_action(&repo, &server, "pull_request", pr_event(API_BASE, API_HEAD)).await;
    assert_eq!(run.code, 1, "{}", run.stdout);
    let creates = requests(&server, "POST", "/check-runs").await;
    let summary = creates[0]["output"]["summary"].as_str().unwrap();
    assert!(summary.contains("analysis/incomplete-change"), "{summary}");
    assert!(summary.contains("this PR changes 4200 files"), "{summary}");
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_failure_exits_2_and_marks_the_check_failed() {
    let spec = require_spec();
    let (repo, base, head) = pr_repo(&[("a", "1\n")], &[("a", "2\n")]);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1")))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .mount(&server)
        .await;
    mount_check_writes(&server).await;
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("HTTP 500"), "{}", run.stderr);
    // Exit 2 still leaves an annotation, a summary and outputs that no later step reads as a pass.
    assert!(
        run.stdout
            .contains("::error title=changegate could not judge"),
        "{}",
        run.stdout
    );
    assert!(
        run.summary.contains("could not judge this change"),
        "{}",
        run.summary
    );
    assert!(
        run.outputs.contains("\nerror\n") && run.outputs.contains("\ntrue\n"),
        "{}",
        run.outputs
    );
    let creates = requests(&server, "POST", "/check-runs").await;
    assert_eq!(creates.len(), 1);
    assert_eq!(creates[0]["conclusion"], "failure");
    assert!(creates[0]["output"]["summary"]
        .as_str()
        .unwrap()
        .contains("could not judge"));
    let pulls = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == format!("{REPO}/pulls/1"))
        .count();
    assert_eq!(pulls, 5, "one try and four retries with backoff");
    validate_contract(&server, spec).await;
}

#[test]
fn https_client_needs_no_system_certificates() {
    // The trust store is bundled (webpki roots): pointing the system's certificate locations at
    // nothing changes nothing; the call fails only because nothing listens on the port.
    let (repo, base, head) = pr_repo(&[("a", "1\n")], &[("a", "2\n")]);
    let event_path = repo.scratch().join("event.json");
    std::fs::write(&event_path, pr_event(&base, &head).to_string()).unwrap();
    let out = repo
        .changegate()
        .arg("check")
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_EVENT_NAME", "pull_request")
        .env("GITHUB_EVENT_PATH", &event_path)
        .env("GITHUB_REPOSITORY", "octo/app")
        .env("GITHUB_API_URL", "https://127.0.0.1:9")
        .env("GITHUB_TOKEN", TOKEN)
        .env("SSL_CERT_FILE", "/nonexistent/cert.pem")
        .env("SSL_CERT_DIR", "/nonexistent")
        .env("CHANGEGATE_RETRY_BASE_MS", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("GitHub API GET /repos/octo/app/pulls/1"),
        "{stderr}"
    );
    assert!(
        !stderr.to_lowercase().contains("certificate store") && !stderr.contains("native"),
        "{stderr}"
    );
    assert!(!stderr.contains(TOKEN));
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test]
async fn an_api_that_echoes_the_credential_gets_it_redacted_everywhere() {
    use base64::Engine as _;
    let spec = require_spec();
    let (repo, base, head) = pr_repo(&[("a", "1\n")], &[("a", "2\n")]);
    let server = MockServer::start().await;
    let b64 = base64::engine::general_purpose::STANDARD.encode(format!("x-access-token:{TOKEN}"));
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/1")))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "message": format!("Validation failed for token {TOKEN} (Basic {b64})"),
            "documentation_url": "https://docs.github.com/rest"
        })))
        .mount(&server)
        .await;
    mount_check_writes(&server).await;
    // run_action itself asserts that neither stdout nor stderr holds the token.
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("***"), "{}", run.stderr);
    for text in [&run.stderr, &run.stdout, &run.summary] {
        assert!(!text.contains(&b64), "{text}");
    }
    for create in requests(&server, "POST", "/check-runs").await {
        let body = create.to_string();
        assert!(!body.contains(TOKEN) && !body.contains(&b64), "{body}");
    }
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_last_page_is_not_followed_by_another_request() {
    let spec = require_spec();
    let (repo, base, head) = pr_repo(&[("README.md", "a\n")], &[("README.md", "b\n")]);
    let server = MockServer::start().await;
    let reviews: Vec<Value> = (0..100)
        .map(|i| json!({"user": {"login": format!("u{i}")}, "state": "COMMENTED", "commit_id": head, "submitted_at": "2026-03-05T09:00:00Z"}))
        .collect();
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: "x",
            reviews,
        },
    )
    .await;
    mount_check_writes(&server).await;
    let run = run_action(&repo, &server, "pull_request", pr_event(&base, &head)).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let review_pages = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/reviews"))
        .count();
    assert_eq!(
        review_pages, 1,
        "the Link header had no `next`: one page only"
    );
    validate_contract(&server, spec).await;
}

#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_commits_both_versions_come_from_the_contents_api_and_every_rule_runs() {
    let spec = require_spec();
    let old = "pub fn apply(x: Option<u8>) -> u8 {\n    x.unwrap_or(0)\n}\n";
    let new = "pub fn apply(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n";
    let (repo, server) = api_only_pr(
        GOOD_DESCRIPTION,
        vec![approval("bob", API_HEAD), approval("carol", API_HEAD)],
        json!([
            {"filename": "src/control_plane/apply.rs", "status": "modified",
             "patch": "@@ -1,3 +1,3 @@\n pub fn apply(x: Option<u8>) -> u8 {\n-    x.unwrap_or(0)\n+    x.unwrap()\n }"}
        ]),
    )
    .await;
    for (sha, text) in [(API_BASE, old), (API_HEAD, new)] {
        Mock::given(method("GET"))
            .and(path(format!("{REPO}/contents/src/control_plane/apply.rs")))
            .and(query_param("ref", sha))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(contents_file("src/control_plane/apply.rs", text)),
            )
            .mount(&server)
            .await;
    }
    let run = run_action(&repo, &server, "pull_request", pr_event(API_BASE, API_HEAD)).await;
    let creates = requests(&server, "POST", "/check-runs").await;
    let titles = annotation_titles(&creates[0]);
    // The query rule ran on the whole new file, and nothing says the file was not analysed.
    assert!(
        titles.contains(&"rust/unwrap"),
        "{titles:?}\n{}",
        run.stdout
    );
    assert!(!titles.contains(&"analysis/not-analysed"), "{titles:?}");
    let summary = creates[0]["output"]["summary"].as_str().unwrap();
    assert!(
        summary.contains("1 of 1 files read in full"),
        "the summary says what was read: {summary}"
    );
    validate_contract(&server, spec).await;
}

/// The same verdict everywhere: a local run given the PR's text (`--description-file`) and its
/// reviews (`--reviews-file`) judges the change exactly as the GitHub job does, field by field.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_local_run_with_the_prs_text_and_reviews_gives_the_verdict_ci_gives() {
    let (repo, base, head) = pr_repo(
        &[("deploy/app.yaml", "spec:\n  replicas: 3\n")],
        &[
            ("deploy/app.yaml", "spec:\n  replicas: 1\n"),
            (
                "src/lib.rs",
                "pub fn f(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n",
            ),
        ],
    );
    let server = MockServer::start().await;
    mount_pr(
        &server,
        &Pr {
            base: &base,
            head: &head,
            body: GOOD_DESCRIPTION,
            reviews: vec![approval("bob", &head)],
        },
    )
    .await;
    mount_check_writes(&server).await;
    let ci_report = repo.scratch().join("ci.json");
    let ci = run_action_with(
        &repo,
        &server,
        "pull_request",
        pr_event(&base, &head),
        &["--format", "json", "-o", ci_report.to_str().unwrap()],
    )
    .await;
    let reviews = repo.scratch().join("reviews.json");
    std::fs::write(
        &reviews,
        json!({"author": "alice", "labels": ["infra"], "title": "Scale the API",
               "reviews": [{"user": "bob", "state": "APPROVED", "commit_id": head,
                            "submitted_at": "2026-03-05T10:00:00Z"}]})
        .to_string(),
    )
    .unwrap();
    let local = repo.check_json(
        &[
            "--base",
            &base,
            "--head",
            &head,
            "--description-file",
            &repo.description_file(),
            "--reviews-file",
            reviews.to_str().unwrap(),
        ],
        ci.code,
    );
    let ci: Value = serde_json::from_slice(&std::fs::read(&ci_report).unwrap()).unwrap();
    common::assert_same_verdict(&local, &ci);
    assert_eq!(
        local["verdict"], "blocked",
        "the change needs a second approval"
    );
}
