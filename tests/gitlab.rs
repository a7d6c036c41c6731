//! GitLab merge-request pipelines against a loopback fake GitLab (wiremock).

mod common;

use common::{TestRepo, GOOD_DESCRIPTION};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "glpat-FAKEtoken0123456789";
const MR: &str = "/api/v4/projects/42/merge_requests/7";

fn repo() -> (TestRepo, String, String) {
    let repo = TestRepo::new();
    repo.write("deploy/app.yaml", "spec:\n  replicas: 3\n");
    let base = repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/app.yaml", "spec:\n  replicas: 4\n");
    let head = repo.commit("scale up");
    (repo, base, head)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    codequality: Option<Value>,
}

async fn run(
    repo: &TestRepo,
    server: &MockServer,
    base: &str,
    head: &str,
    env: &[(&str, &str)],
    args: &[&str],
) -> Run {
    let report = repo.scratch().join("gl-code-quality-report.json");
    let _ = std::fs::remove_file(&report);
    let mut cmd = repo.changegate();
    cmd.arg("check")
        .arg("--codequality-output")
        .arg(&report)
        .args(args)
        .env("GITLAB_CI", "true")
        .env("CI_MERGE_REQUEST_IID", "7")
        .env("CI_MERGE_REQUEST_PROJECT_ID", "42")
        .env("CI_API_V4_URL", format!("{}/api/v4", server.uri()))
        .env("CI_MERGE_REQUEST_DIFF_BASE_SHA", base)
        .env("CI_COMMIT_SHA", head)
        .env("CI_PIPELINE_ID", "9001")
        .env("CI_MERGE_REQUEST_TITLE", "Scale up")
        .env("CI_MERGE_REQUEST_LABELS", "infra,prod")
        .env("CHANGEGATE_RETRY_BASE_MS", "10");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    let result = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        codequality: std::fs::read(&report)
            .ok()
            .map(|b| serde_json::from_slice(&b).unwrap()),
    };
    assert!(
        !result.stdout.contains(TOKEN) && !result.stderr.contains(TOKEN),
        "the token leaked"
    );
    for request in server.received_requests().await.unwrap_or_default() {
        let agents: Vec<_> = request.headers.get_all("user-agent").iter().collect();
        assert_eq!(
            agents,
            [concat!("changegate/", env!("CARGO_PKG_VERSION"))],
            "one User-Agent naming changegate: {} {}",
            request.method,
            request.url.path()
        );
    }
    result
}

/// `run` with a token and a documented description: the usual merge request.
async fn run_documented(
    repo: &TestRepo,
    server: &MockServer,
    base: &str,
    head: &str,
    args: &[&str],
) -> Run {
    run(
        repo,
        server,
        base,
        head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
        ],
        args,
    )
    .await
}

async fn mount_commits(server: &MockServer, message: &str) {
    Mock::given(method("GET"))
        .and(path(format!("{MR}/commits")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "id": "abc123", "message": message, "author_name": "Alice", "author_email": "alice@example.com",
            "committer_name": "Alice", "committer_email": "alice@example.com", "parent_ids": ["p"]
        }])))
        .mount(server)
        .await;
}

async fn mount_mr(server: &MockServer, description: &str) {
    mount_commits(server, "scale up").await;
    Mock::given(method("GET"))
        .and(path(MR))
        .and(header("private-token", TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"iid": 7, "description": description, "author": {"username": "alice"}}),
        ))
        .mount(server)
        .await;
}

/// Approvals as GitLab 17+ lists them (with `approved_at`), all given after `head` was pushed
/// (the MR versions API says when: docs.gitlab.com/api/merge_requests, "Get merge request diff
/// versions").
async fn mount_approvals(server: &MockServer, users: &[&str], head: &str) {
    mount_versions(server, &[(head, "2026-11-01T10:00:00.000Z")]).await;
    let approved_by: Vec<Value> = users
        .iter()
        .map(|u| json!({"user": {"username": u}, "approved_at": "2026-11-02T09:30:00.000Z"}))
        .collect();
    Mock::given(method("GET"))
        .and(path(format!("{MR}/approvals")))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"approvals_required": 2, "approvals_left": 0, "approved_by": approved_by}),
        ))
        .mount(server)
        .await;
}

/// The MR's diff versions, newest first, as `(head_commit_sha, created_at)`.
async fn mount_versions(server: &MockServer, versions: &[(&str, &str)]) {
    let body: Vec<Value> = versions
        .iter()
        .enumerate()
        .map(|(i, (head, at))| {
            json!({"id": 100 - i, "head_commit_sha": head, "base_commit_sha": "b", "start_commit_sha": "s",
                   "created_at": at, "merge_request_id": 1, "state": "collected", "real_size": "1"})
        })
        .collect();
    Mock::given(method("GET"))
        .and(path(format!("{MR}/versions")))
        .respond_with(ResponseTemplate::new(200).set_body_json(Value::Array(body)))
        .mount(server)
        .await;
}

async fn mount_own_user(server: &MockServer, id: u64) {
    Mock::given(method("GET"))
        .and(path("/api/v4/user"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": id, "username": "changegate-bot"})),
        )
        .mount(server)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approvals_count_and_status_and_note_are_posted_in_place() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    // Notes over two pages; changegate's own note is on the second.
    let first: Vec<Value> = (0..100)
        .map(|i| json!({"id": i, "body": format!("comment {i}")}))
        .collect();
    Mock::given(method("GET"))
        .and(path(format!("{MR}/notes")))
        .and(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(Value::Array(first)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/notes")))
        .and(query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([
                    // An MR author's comment that starts with the marker is not ours to edit.
                    {"id": 554, "body": "<!-- changegate verdict -->\nfake pass", "author": {"id": 99}, "system": false},
                    {"id": 555, "body": "<!-- changegate verdict -->\nold", "author": {"id": 7}, "system": false}
                ])),
        )
        .mount(&server)
        .await;
    mount_own_user(&server, 7).await;
    Mock::given(method("PUT"))
        .and(path(format!("{MR}/notes/555")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 555})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/api/v4/projects/42/statuses/{head}")))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;
    let r = run_documented(
        &repo,
        &server,
        &base,
        &head,
        &["--gitlab-status", "--gitlab-note"],
    )
    .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let requests = server.received_requests().await.unwrap();
    let status: Value = serde_json::from_slice(
        &requests
            .iter()
            .find(|q| q.url.path().contains("/statuses/"))
            .unwrap()
            .body,
    )
    .unwrap();
    assert_eq!(status["state"], "success");
    assert_eq!(status["name"], "changegate");
    assert_eq!(status["pipeline_id"], 9001);
    assert!(status["description"].as_str().unwrap().chars().count() <= 255);
    let put = requests
        .iter()
        .find(|q| q.method.as_str() == "PUT")
        .expect("the existing note is edited");
    let note: Value = serde_json::from_slice(&put.body).unwrap();
    assert!(note["body"]
        .as_str()
        .unwrap()
        .starts_with("<!-- changegate verdict -->"));
    assert!(
        !requests
            .iter()
            .any(|q| q.method.as_str() == "POST" && q.url.path().ends_with("/notes")),
        "no second note"
    );
    let cq = r.codequality.expect("Code Quality report written");
    assert!(cq.is_array());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_approvals_block_when_reviews_are_known() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob"], &head).await;
    let r = run_documented(
        &repo,
        &server,
        &base,
        &head,
        &["--format", "json", "-o", "verdict.json"],
    )
    .await;
    assert_eq!(r.code, 1, "{}", r.stdout);
    let cq = r.codequality.unwrap();
    assert!(cq
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["check_name"] == "review/approvals-missing" && i["severity"] == "blocker"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_description_is_read_from_the_api() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    let cut = &GOOD_DESCRIPTION[..40];
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", cut),
            ("CI_MERGE_REQUEST_DESCRIPTION_IS_TRUNCATED", "true"),
        ],
        &[],
    )
    .await;
    assert_eq!(
        r.code, 0,
        "the full description has every section: {}",
        r.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn free_tier_approvals_403_means_reviews_unknown_said_plainly() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/approvals")))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "403 Forbidden"})))
        .mount(&server)
        .await;
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
            ("CI_MERGE_REQUEST_APPROVED", "true"),
        ],
        &[],
    )
    .await;
    // Reviews that cannot be read fail closed in CI, with the scope to grant.
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("fails closed") && r.stdout.contains("read_api"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("the approvals API refused this token")
            && r.stdout.contains("reviews are unknown")
            && !r.stdout.contains("Premium"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("report the MR as approved"),
        "{}",
        r.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_token_gets_401_and_a_clear_message() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(MR))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(json!({"message": "401 Unauthorized"})),
        )
        .mount(&server)
        .await;
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[("GITLAB_TOKEN", TOKEN)],
        &[],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("CI_JOB_TOKEN cannot call the merge request or approvals APIs"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("read_api"), "{}", r.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/approvals")))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    let r = run_documented(&repo, &server, &base, &head, &[]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let approvals = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|q| q.url.path().ends_with("/approvals"))
        .count();
    assert_eq!(approvals, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_reviews_are_unknown_and_nothing_is_called() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION)],
        &[],
    )
    .await;
    // Only CI_JOB_TOKEN: the approvals cannot be verified, so the gate fails closed (as on GitHub).
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("no GITLAB_TOKEN"), "{}", r.stdout);
    assert!(r.stdout.contains("fails closed"), "{}", r.stdout);
    assert!(server.received_requests().await.unwrap().is_empty());
    assert!(r.codequality.is_some());
}

#[test]
fn outside_merge_request_pipelines_nothing_happens() {
    let repo = TestRepo::new();
    repo.changegate()
        .arg("check")
        .env("GITLAB_CI", "true")
        .env_remove("CI_MERGE_REQUEST_IID")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("not a merge-request pipeline"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_commits_the_diff_and_policy_come_from_the_api() {
    use base64::Engine as _;
    // A clone that lacks the MR's commits.
    let repo = TestRepo::new();
    repo.write("other.txt", "x\n");
    repo.commit("unrelated");
    let (base, head) = (
        "1111111111111111111111111111111111111111",
        "2222222222222222222222222222222222222222",
    );
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], head).await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/diffs")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"old_path": "vault/keys.env", "new_path": "vault/keys.env", "diff": "@@ -1 +1,2 @@\n NAME=x\n+aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"},
            {"old_path": "vault/big.bin", "new_path": "vault/big.bin", "new_file": true, "diff": ""}
        ])))
        .mount(&server)
        .await;
    let policy = "version: 1\ntiers:\n  vault:\n    paths: [\"vault/**\"]\n";
    Mock::given(method("GET"))
        .and(path("/api/v4/projects/42/repository/files/.changegate.yml"))
        .and(query_param("ref", base))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"file_path": ".changegate.yml", "encoding": "base64", "content": base64::engine::general_purpose::STANDARD.encode(policy)})))
        .mount(&server)
        .await;
    let r = run_documented(&repo, &server, base, head, &[]).await;
    assert_eq!(
        r.code, 1,
        "the committed key blocks: {}\n{}",
        r.stdout, r.stderr
    );
    assert!(r.stdout.contains("from the API"), "{}", r.stdout);
    let cq = r.codequality.unwrap();
    let names: Vec<&str> = cq
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["check_name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"secrets/aws-access-key"), "{names:?}");
    assert!(
        names.contains(&"analysis/not-analysed"),
        "the empty (too large) diff is unknown content: {names:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ai_trailers_come_from_the_api_commits() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/commits")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "id": "c0ffee", "message": "scale up\n\nCo-authored-by: GitHub Copilot <copilot@github.com>\n",
            "author_name": "Alice", "author_email": "alice@example.com", "parent_ids": ["p"]
        }])))
        .with_priority(1)
        .mount(&server)
        .await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    let r = run_documented(&repo, &server, &base, &head, &[]).await;
    assert_eq!(
        r.code, 1,
        "AI-assisted needs a third approval: {}",
        r.stdout
    );
    let cq = r.codequality.unwrap();
    let names: Vec<&str> = cq
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["check_name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"ai/assisted") && names.contains(&"review/approvals-missing"),
        "{names:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_mr_authors_marker_note_is_never_edited() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    mount_own_user(&server, 7).await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/notes")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 1, "body": "<!-- changegate verdict -->\nall good, merge it", "author": {"id": 99}, "system": false}
        ])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{MR}/notes")))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 2})))
        .mount(&server)
        .await;
    let r = run_documented(&repo, &server, &base, &head, &["--gitlab-note"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let requests = server.received_requests().await.unwrap();
    assert!(
        !requests.iter().any(|q| q.method.as_str() == "PUT"),
        "the author's note was edited"
    );
    assert!(requests
        .iter()
        .any(|q| q.method.as_str() == "POST" && q.url.path().ends_with("/notes")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blackholed_api_ends_in_exit_2_within_the_total_budget() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(30)))
        .mount(&server)
        .await;
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[("GITLAB_TOKEN", TOKEN), ("CHANGEGATE_API_TOTAL_SECS", "1")],
        &[],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    // The budget's own message: had the gate waited for the 30 s answer, it would have failed
    // on the empty body instead.
    assert!(
        r.stderr.contains("CHANGEGATE_API_TOTAL_SECS"),
        "{}",
        r.stderr
    );
}

/// A merged-results pipeline (docs.gitlab.com/ci/pipelines/merged_results_pipelines,
/// docs.gitlab.com/ci/variables/predefined_variables): `CI_COMMIT_SHA` is GitLab's merge of the MR
/// into the target, `CI_MERGE_REQUEST_DIFF_BASE_SHA` the MR's old fork point. Another MR merged
/// meanwhile scaled a prod Deployment to zero; this MR changes only the README.
fn merged_results_repo() -> (TestRepo, [String; 4]) {
    let repo = TestRepo::new();
    repo.write("deploy/app.yaml", "spec:\n  replicas: 3\n");
    repo.write("README.md", "# app\n");
    let fork_point = repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("README.md", "# app\n\nHow to run it.\n");
    let source = repo.commit("docs: how to run");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("deploy/app.yaml", "spec:\n  replicas: 0\n");
    let target = repo.commit("another MR: scale down");
    repo.git(&["checkout", "-q", "-b", "merge-ref"]);
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge feature into main",
        "feature",
    ]);
    let merge = repo.git(&["rev-parse", "HEAD"]).trim().to_owned();
    (repo, [fork_point, source, target, merge])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merged_results_pipeline_judges_what_the_merge_brings_and_posts_on_its_commit() {
    let (repo, [fork_point, source, target, merge]) = merged_results_repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    // Approvals are on the MR's own head, which the versions API lists.
    mount_approvals(&server, &["bob"], &source).await;
    Mock::given(method("POST"))
        .and(path(format!("/api/v4/projects/42/statuses/{merge}")))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;
    let merged_env = [
        ("GITLAB_TOKEN", TOKEN),
        ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
        ("CI_MERGE_REQUEST_EVENT_TYPE", "merged_result"),
        ("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", source.as_str()),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_SHA", target.as_str()),
    ];
    let r = run(
        &repo,
        &server,
        &fork_point,
        &merge,
        &merged_env,
        &["--gitlab-status", "--format", "json", "-o", "verdict.json"],
    )
    .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let report: Value =
        serde_json::from_slice(&std::fs::read(repo.path().join("verdict.json")).unwrap()).unwrap();
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["README.md"], "only what this MR's merge brings");
    assert_eq!(report["base"]["sha"], target.as_str());
    assert!(
        report["notes"]
            .to_string()
            .contains("merged-results pipeline"),
        "{}",
        report["notes"]
    );
    let requests = server.received_requests().await.unwrap();
    let status = requests
        .iter()
        .find(|q| q.url.path().contains("/statuses/"))
        .expect("a status is posted");
    assert!(
        status.url.path().ends_with(&merge),
        "on the pipeline's commit"
    );

    // The same pipeline read as before (diff base..CI_COMMIT_SHA) judged the other MR's change.
    let detached = run(
        &repo,
        &server,
        &fork_point,
        &merge,
        &merged_env[..2],
        &["--format", "json", "-o", "verdict.json"],
    )
    .await;
    assert_eq!(detached.code, 1, "{}", detached.stdout);
    assert!(
        detached.stdout.contains("deploy/app.yaml"),
        "{}",
        detached.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merged_results_pipeline_without_its_target_sha_is_an_error_not_a_guess() {
    let (repo, [fork_point, source, _, merge]) = merged_results_repo();
    let server = MockServer::start().await;
    let r = run(
        &repo,
        &server,
        &fork_point,
        &merge,
        &[
            ("CI_MERGE_REQUEST_EVENT_TYPE", "merge_train"),
            ("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", source.as_str()),
        ],
        &[],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("CI_MERGE_REQUEST_TARGET_BRANCH_SHA"),
        "{}",
        r.stderr
    );
}

/// docs.gitlab.com/api/merge_request_approvals: `approved_by[].approved_at`; the MR versions API
/// says when each head was pushed. An approval from before the last push is not fresh.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approvals_given_before_the_last_push_are_stale() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    let older = "3333333333333333333333333333333333333333";
    mount_versions(
        &server,
        &[
            (&head, "2026-11-20T10:00:00.000Z"),
            (older, "2026-06-01T10:00:00.000Z"),
        ],
    )
    .await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/approvals")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"approved_by": [
                {"user": {"username": "bob"}, "approved_at": "2026-06-02T10:00:00.000Z"},
                {"user": {"username": "carol"}, "approved_at": "2026-06-03T10:00:00.000Z"}
            ]})),
        )
        .mount(&server)
        .await;
    let r = run_documented(&repo, &server, &base, &head, &[]).await;
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("older commit"), "{}", r.stdout);
}

/// Older GitLab lists approvals without times; then the project's `reset_approvals_on_push`
/// (docs.gitlab.com/api/merge_request_approvals, project-level configuration) decides, and when
/// GitLab keeps approvals on push, freshness is unknown: they do not count, and the report says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn untimed_approvals_count_as_fresh_only_when_gitlab_resets_them_on_push() {
    for (reset, code) in [(true, 0), (false, 1)] {
        let (repo, base, head) = repo();
        let server = MockServer::start().await;
        mount_mr(&server, GOOD_DESCRIPTION).await;
        mount_versions(&server, &[(&head, "2026-11-20T10:00:00.000Z")]).await;
        Mock::given(method("GET"))
            .and(path(format!("{MR}/approvals")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"approved_by": [
                    {"user": {"username": "bob"}}, {"user": {"username": "carol"}}
                ]})),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/api/v4/projects/42/approvals"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"approvals_before_merge": 0, "reset_approvals_on_push": reset}),
            ))
            .mount(&server)
            .await;
        let r = run_documented(&repo, &server, &base, &head, &[]).await;
        assert_eq!(
            r.code, code,
            "reset_approvals_on_push: {reset}\n{}",
            r.stdout
        );
        if !reset {
            assert!(
                r.stdout.contains("could not be established"),
                "{}",
                r.stdout
            );
        }
    }
}

/// docs.gitlab.com/api/rest ("Pagination"): GitLab removes notes the caller may not read after
/// paginating, so a page can be short while `x-next-page` names another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_are_read_past_a_short_page_when_gitlab_says_there_is_another() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    mount_own_user(&server, 7).await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/notes")))
        .and(query_param("page", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-next-page", "2")
                .insert_header("x-page", "1")
                .set_body_json(json!([{"id": 1, "body": "looks good", "author": {"id": 3}}])),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/notes")))
        .and(query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-next-page", "")
                .insert_header("x-page", "2")
                .set_body_json(json!([{"id": 555, "body": "<!-- changegate verdict -->\nold", "author": {"id": 7}}])),
        )
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(format!("{MR}/notes/555")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 555})))
        .mount(&server)
        .await;
    let r = run_documented(&repo, &server, &base, &head, &["--gitlab-note"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().any(|q| q.method.as_str() == "PUT"));
    assert!(!requests
        .iter()
        .any(|q| q.method.as_str() == "POST" && q.url.path().ends_with("/notes")));
    assert!(
        !requests
            .iter()
            .any(|q| q.url.query().unwrap_or("").contains("page=3")),
        "no page after the one GitLab calls last"
    );
}

/// A POST answered 5xx may still have created the note: look before posting again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_post_that_fails_with_5xx_is_not_posted_twice() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    mount_own_user(&server, 7).await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/notes")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    // After the failed POST, the note is there after all.
    Mock::given(method("GET"))
        .and(path(format!("{MR}/notes")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 901, "body": "<!-- changegate verdict -->\nnew", "author": {"id": 7}}
        ])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{MR}/notes")))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(format!("{MR}/notes/901")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 901})))
        .mount(&server)
        .await;
    let r = run_documented(&repo, &server, &base, &head, &["--gitlab-note"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let requests = server.received_requests().await.unwrap();
    let posts = requests
        .iter()
        .filter(|q| q.method.as_str() == "POST" && q.url.path().ends_with("/notes"))
        .count();
    assert_eq!(posts, 1, "one POST, then the note it created is edited");
    assert!(requests.iter().any(|q| q.method.as_str() == "PUT"));
}

/// A note that cannot be posted is reported; the verdict (exit 0 here) stands.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_that_cannot_be_posted_does_not_change_the_verdict() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    mount_own_user(&server, 7).await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/notes")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{MR}/notes")))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let r = run_documented(&repo, &server, &base, &head, &["--gitlab-note"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("note could not be posted") && r.stderr.contains("the verdict stands"),
        "{}",
        r.stderr
    );
    let posts = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|q| q.method.as_str() == "POST" && q.url.path().ends_with("/notes"))
        .count();
    assert!((1..=3).contains(&posts), "{posts} POSTs");
}

/// GitLab's rate limits (docs.gitlab.com/security/rate_limits, "Headers"): a 429 with
/// `RateLimit-Remaining: 0` and `RateLimit-Reset` (Unix seconds) and no `Retry-After` is waited
/// out; a bare 429 is backed off. Neither turns a verdict into exit 2.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gitlab_rate_limits_are_waited_out() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    let reset = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 1;
    Mock::given(method("GET"))
        .and(path(MR))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("RateLimit-Limit", "600")
                .insert_header("RateLimit-Observed", "600")
                .insert_header("RateLimit-Remaining", "0")
                .insert_header("RateLimit-Reset", reset.to_string().as_str())
                .set_body_json(json!({"message": "Retry later"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{MR}/approvals")))
        .respond_with(ResponseTemplate::new(429).set_body_string("Retry later\n"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob", "carol"], &head).await;
    let r = run_documented(&repo, &server, &base, &head, &[]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let requests = server.received_requests().await.unwrap();
    let count = |p: &str| requests.iter().filter(|q| q.url.path() == p).count();
    assert_eq!(count(MR), 2, "the rate-limited call is repeated once");
    assert_eq!(count(&format!("{MR}/approvals")), 2);
}

/// The same verdict everywhere: a local run given the MR's text and approvals judges the change
/// exactly as the GitLab job does, field by field.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_local_run_with_the_mrs_text_and_approvals_gives_the_verdict_ci_gives() {
    let (repo, base, head) = repo();
    let server = MockServer::start().await;
    mount_mr(&server, GOOD_DESCRIPTION).await;
    mount_approvals(&server, &["bob"], &head).await;
    let ci = run_documented(
        &repo,
        &server,
        &base,
        &head,
        &["--format", "json", "-o", "ci.json"],
    )
    .await;
    let reviews = repo.scratch().join("reviews.json");
    std::fs::write(
        &reviews,
        json!({"author": "alice", "labels": ["infra", "prod"], "title": "Scale up",
               "reviews": [{"user": "bob", "state": "APPROVED", "commit_id": head}]})
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
    let ci: Value =
        serde_json::from_slice(&std::fs::read(repo.path().join("ci.json")).unwrap()).unwrap();
    common::assert_same_verdict(&local, &ci);
    assert_eq!(
        local["verdict"], "blocked",
        "tier-1 needs a second approval"
    );
}
