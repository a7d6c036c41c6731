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
    result
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

async fn mount_approvals(server: &MockServer, users: &[&str]) {
    let approved_by: Vec<Value> = users
        .iter()
        .map(|u| json!({"user": {"username": u}}))
        .collect();
    Mock::given(method("GET"))
        .and(path(format!("{MR}/approvals")))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"approvals_required": 2, "approvals_left": 0, "approved_by": approved_by}),
        ))
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
    mount_approvals(&server, &["bob", "carol"]).await;
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
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
        ],
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
    mount_approvals(&server, &["bob"]).await;
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
        ],
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
    mount_approvals(&server, &["bob", "carol"]).await;
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
        r.stdout.contains("Premium feature; reviews are unknown"),
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
    mount_approvals(&server, &["bob", "carol"]).await;
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
        ],
        &[],
    )
    .await;
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
    mount_approvals(&server, &["bob", "carol"]).await;
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
    let r = run(
        &repo,
        &server,
        base,
        head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
        ],
        &[],
    )
    .await;
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
    mount_approvals(&server, &["bob", "carol"]).await;
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
        ],
        &[],
    )
    .await;
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
    mount_approvals(&server, &["bob", "carol"]).await;
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
    let r = run(
        &repo,
        &server,
        &base,
        &head,
        &[
            ("GITLAB_TOKEN", TOKEN),
            ("CI_MERGE_REQUEST_DESCRIPTION", GOOD_DESCRIPTION),
        ],
        &["--gitlab-note"],
    )
    .await;
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
