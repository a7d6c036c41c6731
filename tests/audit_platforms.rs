//! `changegate audit` with reviews from a loopback fake GitHub and a fake GitLab (wiremock):
//! commit → PR/MR lookups, reviews with pagination and as of the merge time, the on-disk cache
//! (a re-run makes no request), and errors explained. GitHub requests are checked against
//! GitHub's OpenAPI description (see `common::openapi`).

mod common;

use common::openapi::{assert_response_fields, require_spec, validate_contract};
use common::TestRepo;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, path_regex, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GITHUB_TOKEN: &str = "ghp_FAKEauditToken0123456789abcdef";
const GITLAB_TOKEN: &str = "glpat-FAKEauditToken0123";
const REPO: &str = "/repos/octo/app";

use common::{AUDIT_DOCS as DOCS, AUDIT_POLICY as POLICY};
const MERGED_AT: &str = "2026-01-01T12:00:00Z";
const BEFORE: &str = "2026-01-01T10:00:00Z";
const AFTER: &str = "2026-01-02T10:00:00Z";

/// Commits of the scripted history, by what they are.
struct History {
    repo: TestRepo,
    base: String,
    merge10: String,
    squash12: String,
    direct: String,
    open_pr: String,
    merge14: String,
}

fn history() -> History {
    let repo = TestRepo::new();
    repo.write(".changegate.yml", POLICY)
        .write("deploy/a.yaml", "a: 1\n")
        .write("README.md", "x\n");
    let base = repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/b.yaml", "b: 1\n");
    repo.commit("add b");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "feature",
        "-m",
        "Merge pull request #10 from feature",
    ]);
    let merge10 = repo.git(&["rev-parse", "HEAD"]).trim().to_owned();
    repo.write("deploy/a.yaml", "a: 2\n");
    let squash12 = repo.commit("Tweak a (#12)");
    repo.write("deploy/a.yaml", "a: 3\n");
    let direct = repo.commit("hotfix straight to main");
    repo.write("deploy/a.yaml", "a: 4\n");
    let open_pr = repo.commit("pushed while its PR was still open");
    repo.git(&["checkout", "-q", "-b", "ai"]);
    repo.write("deploy/c.yaml", "c: 1\n");
    repo.commit("add c");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "ai",
        "-m",
        "Merge pull request #14 from ai",
    ]);
    let merge14 = repo.git(&["rev-parse", "HEAD"]).trim().to_owned();
    History {
        repo,
        base,
        merge10,
        squash12,
        direct,
        open_pr,
        merge14,
    }
}

fn review(user: &str, state: &str, sha: &str, at: &str) -> Value {
    json!({"user": {"login": user}, "state": state, "commit_id": sha, "submitted_at": at})
}

fn api_commit(sha: &str, message: &str) -> Value {
    json!({
        "sha": sha,
        "commit": {
            "message": message,
            "author": {"name": "Alice Author", "email": "alice@example.com"},
            "committer": {"name": "Alice Author", "email": "alice@example.com"}
        },
        "author": {"login": "alice"},
        "parents": [{"sha": "0000000000000000000000000000000000000000"}]
    })
}

/// One merged pull request: the commit→pulls answer, the pull, its reviews and commits.
async fn mount_pull(
    server: &MockServer,
    sha: &str,
    number: u64,
    merged_by: &str,
    reviews: &[Value],
    commits: &[Value],
) {
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/commits/{sha}/pulls")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"number": number + 100, "merged_at": null, "merge_commit_sha": null, "base": {"ref": "main"}},
            {"number": number, "merged_at": MERGED_AT, "merge_commit_sha": sha, "base": {"ref": "main"}}
        ])))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/{number}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "number": number,
            "html_url": format!("https://github.com/octo/app/pull/{number}"),
            "title": format!("PR {number}"),
            "body": DOCS,
            "user": {"login": "alice"},
            "labels": [],
            "merged_at": MERGED_AT,
            "merged_by": {"login": merged_by},
            "head": {"sha": sha}
        })))
        .mount(server)
        .await;
    for (page, chunk) in reviews.chunks(100).enumerate() {
        Mock::given(method("GET"))
            .and(path(format!("{REPO}/pulls/{number}/reviews")))
            .and(query_param("page", (page + 1).to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!(chunk)))
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/{number}/reviews")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .with_priority(8)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/{number}/commits")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(commits)))
        .mount(server)
        .await;
}

async fn fake_github(h: &History) -> MockServer {
    let server = MockServer::start().await;
    // #10: 100 comments on the first page, the two approvals on the second.
    let mut reviews: Vec<Value> = (0..100)
        .map(|i| review(&format!("watcher{i}"), "COMMENTED", &h.merge10, BEFORE))
        .collect();
    reviews.push(review("bob", "APPROVED", &h.merge10, BEFORE));
    reviews.push(review("carol", "APPROVED", &h.merge10, BEFORE));
    mount_pull(
        &server,
        &h.merge10,
        10,
        "bob",
        &reviews,
        &[api_commit(&h.merge10, "add b")],
    )
    .await;
    // #12: one approval before the merge, one after it; merged by its author.
    mount_pull(
        &server,
        &h.squash12,
        12,
        "alice",
        &[
            review("bob", "APPROVED", &h.squash12, BEFORE),
            review("carol", "APPROVED", &h.squash12, AFTER),
        ],
        &[api_commit(&h.squash12, "Tweak a")],
    )
    .await;
    // #14: AI-assisted (a trailer in the PR's commits), the tier's two approvals only.
    mount_pull(
        &server,
        &h.merge14,
        14,
        "bob",
        &[
            review("bob", "APPROVED", &h.merge14, BEFORE),
            review("carol", "APPROVED", &h.merge14, BEFORE),
        ],
        &[api_commit(
            &h.merge14,
            "add c\n\nCo-authored-by: GitHub Copilot <copilot@github.com>",
        )],
    )
    .await;
    // `base` is in two merged PRs (rebase-merged: neither merge commit is it): the one merged
    // into the audited branch is how it arrived.
    mount_pull(&server, &h.base, 2, "bob", &[], &[]).await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/commits/{}/pulls", h.base)))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"number": 1, "merged_at": MERGED_AT, "merge_commit_sha": "f".repeat(40), "base": {"ref": "release"}},
            {"number": 2, "merged_at": MERGED_AT, "merge_commit_sha": "e".repeat(40), "base": {"ref": "main"}}
        ])))
        .with_priority(1)
        .mount(&server)
        .await;
    // The open PR of `open_pr` was never merged: that commit was pushed directly.
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/commits/{}/pulls", h.open_pr)))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"number": 15, "merged_at": null, "merge_commit_sha": null, "base": {"ref": "main"}}
        ])))
        .mount(&server)
        .await;
    // Everything else arrived without a pull request.
    Mock::given(method("GET"))
        .and(path_regex(r"^/repos/octo/app/commits/[0-9a-f]{40}/pulls$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

async fn audit(repo: &TestRepo, env: &[(&str, String)], args: &[&str]) -> Run {
    let mut cmd = repo.changegate();
    cmd.args(["audit", "--since", "2025-12-01", "--format", "json"])
        .args(args)
        .env("CHANGEGATE_RETRY_BASE_MS", "10");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    if run.code == 0 {
        common::assert_audit_schema(&serde_json::from_str(&run.stdout).unwrap());
    }
    for token in [GITHUB_TOKEN, GITLAB_TOKEN] {
        assert!(
            !run.stdout.contains(token) && !run.stderr.contains(token),
            "the token leaked"
        );
    }
    run
}

/// An audit against the fake GitHub with a token and no cache.
async fn audit_github_uncached(repo: &TestRepo, server: &MockServer) -> Run {
    let env = [("GITHUB_TOKEN", GITHUB_TOKEN.to_owned())];
    let uri = server.uri();
    let args = [
        "--platform",
        "github",
        "--repo",
        "octo/app",
        "--api-url",
        &uri,
        "--no-cache",
    ];
    audit(repo, &env, &args).await
}

fn change<'a>(report: &'a Value, sha: &str) -> &'a Value {
    report["audit"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["sha"] == sha)
        .unwrap_or_else(|| panic!("no change {sha} in {report:#}"))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn github_reviews_as_of_the_merge_classify_every_change_and_a_rerun_uses_the_cache() {
    let h = history();
    let server = fake_github(&h).await;
    let cache = h.repo.scratch().join("cache");
    let env = [("GITHUB_TOKEN", GITHUB_TOKEN.to_owned())];
    let args = [
        "--platform",
        "github",
        "--repo",
        "octo/app",
        "--api-url",
        &server.uri(),
        "--cache-dir",
        cache.to_str().unwrap(),
        "--jobs",
        "3",
    ];
    let run = audit(&h.repo, &env, &args).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["audit"]["source"], "github octo/app");

    let m10 = change(&report, &h.merge10);
    assert_eq!(strings(&m10["categories"]), ["compliant"], "{m10:#}");
    assert_eq!(strings(&m10["approvers"]), ["bob", "carol"]);
    assert_eq!(m10["reviews_from"], "platform");
    assert_eq!(
        m10["pull_request"]["url"],
        "https://github.com/octo/app/pull/10"
    );
    assert_eq!(
        m10["commit_url"],
        format!("{}/octo/app/commit/{}", server.uri(), h.merge10)
    );

    let s12 = change(&report, &h.squash12);
    assert_eq!(
        strings(&s12["categories"]),
        ["self_merged", "too_few_approvals"],
        "carol approved after the merge: {s12:#}"
    );
    assert_eq!(strings(&s12["approvers"]), ["bob"]);

    let direct = change(&report, &h.direct);
    assert_eq!(
        strings(&direct["categories"]),
        ["direct_push", "undocumented"]
    );
    assert!(direct["pull_request"].is_null());
    assert_eq!(
        strings(&change(&report, &h.open_pr)["categories"]),
        ["direct_push", "undocumented"],
        "an open, unmerged PR is not how a commit arrived"
    );
    assert_eq!(
        strings(&change(&report, &h.merge14)["categories"]),
        ["ai_without_extra_review"]
    );
    let base = change(&report, &h.base);
    assert!(strings(&base["categories"]).contains(&"policy_changed_in_same_change".to_owned()));
    assert_eq!(
        base["pull_request"]["reference"], "#2",
        "the PR merged into main, not the one into release"
    );

    let requests = server.received_requests().await.unwrap();
    let review_pages: Vec<String> = requests
        .iter()
        .filter(|r| r.url.path() == format!("{REPO}/pulls/10/reviews"))
        .map(|r| r.url.query().unwrap_or("").to_owned())
        .collect();
    assert_eq!(review_pages, ["per_page=100&page=1", "per_page=100&page=2"]);
    assert!(requests.iter().all(|r| r
        .headers
        .get("authorization")
        .is_some_and(|v| v.to_str().unwrap() == format!("Bearer {GITHUB_TOKEN}"))));
    for entry in std::fs::read_dir(cache.join("github")).unwrap().flatten() {
        for file in walk(&entry.path()) {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(!text.contains(GITHUB_TOKEN), "no token in the cache");
        }
    }
    // Checked against GitHub's description wherever it is installed (always in CI).
    if cfg!(fixture_openapi) {
        validate_contract(&server, require_spec()).await;
    }

    // A re-run answers from the cache: no request, the same bytes.
    let before = requests.len();
    let again = audit(&h.repo, &env, &args).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(server.received_requests().await.unwrap().len(), before);
    assert_eq!(again.stdout, run.stdout);
    assert!(
        again.stderr.contains("0 looked up, 6 from the cache"),
        "{}",
        again.stderr
    );

    // The HTML and markdown reports link each change to its pull request.
    for (format, link) in [
        (
            "html",
            r#"<a href="https://github.com/octo/app/pull/10">#10</a>"#,
        ),
        ("md", "[#10](https://github.com/octo/app/pull/10)"),
    ] {
        let mut cmd = h.repo.changegate();
        cmd.args(["audit", "--since", "2025-12-01", "--format", format])
            .args(args)
            .env("GITHUB_TOKEN", GITHUB_TOKEN);
        let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(link), "{format}: {text}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), before);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    } else {
        out.push(dir.to_path_buf());
    }
    out
}

/// Every field the audit reads from GitHub is one GitHub documents (the fakes above answer with
/// just these fields, so this is what keeps them honest).
#[cfg_attr(not(fixture_openapi), ignore = "needs GITHUB_OPENAPI_SPEC")]
#[test]
fn github_documents_every_field_the_audit_reads() {
    let spec = require_spec();
    let sha = "0123456789abcdef0123456789abcdef01234567";
    assert_response_fields(
        spec,
        "GET",
        &format!("{REPO}/commits/{sha}/pulls"),
        &[
            "[].number",
            "[].merged_at",
            "[].merge_commit_sha",
            "[].base.ref",
        ],
    );
    assert_response_fields(
        spec,
        "GET",
        &format!("{REPO}/pulls/10"),
        &[
            "number",
            "html_url",
            "title",
            "body",
            "user.login",
            "labels.[].name",
            "merged_at",
            "merged_by.login",
            "head.sha",
        ],
    );
    assert_response_fields(
        spec,
        "GET",
        &format!("{REPO}/pulls/10/reviews"),
        &[
            "[].user.login",
            "[].state",
            "[].commit_id",
            "[].submitted_at",
        ],
    );
    assert_response_fields(
        spec,
        "GET",
        &format!("{REPO}/pulls/10/commits"),
        &[
            "[].sha",
            "[].commit.message",
            "[].commit.author.name",
            "[].commit.author.email",
            "[].commit.committer.name",
            "[].commit.committer.email",
            "[].author.login",
            "[].parents",
        ],
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_and_rate_limits_are_retried() {
    let h = history();
    let server = fake_github(&h).await;
    let flaky = format!("{REPO}/commits/{}/pulls", h.direct);
    Mock::given(method("GET"))
        .and(path(flaky.clone()))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/pulls/12")))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("retry-after", "0")
                .set_body_json(json!({"message": "You have exceeded a secondary rate limit"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let run = audit_github_uncached(&h.repo, &server).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        strings(&change(&report, &h.squash12)["categories"]),
        ["self_merged", "too_few_approvals"]
    );
    let requests = server.received_requests().await.unwrap();
    let count = |p: &str| requests.iter().filter(|r| r.url.path() == p).count();
    assert_eq!(count(&flaky), 2, "the 502 was retried");
    assert_eq!(
        count(&format!("{REPO}/pulls/12")),
        2,
        "the rate limit was waited out"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forbidden_lookup_exits_2_and_says_which_token_to_use() {
    let h = history();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"message": "Resource not accessible by integration"})),
        )
        .mount(&server)
        .await;
    let run = audit_github_uncached(&h.repo, &server).await;
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Resource not accessible by integration")
            && run.stderr.contains("pull-requests: read"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "no partial report");
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_token_the_audit_is_offline_and_says_so() {
    let h = history();
    let run = audit(
        &h.repo,
        &[],
        &["--platform", "github", "--repo", "octo/app", "--no-cache"],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["audit"]["source"], "git (offline)");
    assert!(
        report["audit"]["notes"][0]
            .as_str()
            .unwrap()
            .contains("no GITHUB_TOKEN or GH_TOKEN"),
        "{report:#}"
    );
    assert_eq!(
        strings(&change(&report, &h.merge10)["categories"]),
        ["undocumented", "reviews_unknown"],
        "offline, a merge without trailers has unknown reviews"
    );
}

const GITLAB_PROJECT: &str = "/api/v4/projects/group%2Fapp";

async fn fake_gitlab(h: &History) -> MockServer {
    let server = MockServer::start().await;
    let mr = |iid: u64, sha: &str, merger: &str| {
        json!([{
            "iid": iid,
            "web_url": format!("https://gitlab.example.com/group/app/-/merge_requests/{iid}"),
            "title": format!("MR {iid}"),
            "description": DOCS,
            "author": {"username": "alice"},
            "merge_user": {"username": merger},
            "merged_at": MERGED_AT,
            "labels": ["infra"],
            "state": "merged",
            "sha": sha,
            "merge_commit_sha": sha,
            "squash_commit_sha": null,
            "target_branch": "main"
        }])
    };
    // !3: approved by its author and one other, merged by its author. The commit is on other
    // MRs too, and the list is paginated (docs.gitlab.com/api/commits, "List merge requests
    // associated with a commit"; 20 a page by default): the merged one is on page 2.
    let mut open = mr(2, &h.merge10, "alice");
    open[0]["state"] = json!("opened");
    open[0]["merge_commit_sha"] = json!(null);
    Mock::given(method("GET"))
        .and(path(format!(
            "{GITLAB_PROJECT}/repository/commits/{}/merge_requests",
            h.merge10
        )))
        .and(query_param("page", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-next-page", "2")
                .set_body_json(open),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{GITLAB_PROJECT}/repository/commits/{}/merge_requests",
            h.merge10
        )))
        .and(query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-next-page", "")
                .set_body_json(mr(3, &h.merge10, "alice")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{GITLAB_PROJECT}/merge_requests/3/approvals")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "approved_by": [{"user": {"username": "alice"}}, {"user": {"username": "bob"}}]
        })))
        .mount(&server)
        .await;
    // !4: the approvals API is Premium-only here; the system notes tell who approved, and when.
    Mock::given(method("GET"))
        .and(path(format!(
            "{GITLAB_PROJECT}/repository/commits/{}/merge_requests",
            h.squash12
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(mr(4, &h.squash12, "bob")))
        .mount(&server)
        .await;
    let note = |user: &str, body: &str, at: &str, system: bool| json!({"body": body, "author": {"username": user}, "created_at": at, "system": system});
    Mock::given(method("GET"))
        .and(path(format!("{GITLAB_PROJECT}/merge_requests/4/notes")))
        .and(query_param("sort", "asc"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            note(
                "bob",
                "approved this merge request",
                "2026-01-01T10:00:00.000Z",
                true
            ),
            note(
                "dave",
                "approved this merge request",
                "2026-01-01T10:30:00.000Z",
                true
            ),
            note(
                "dave",
                "unapproved this merge request",
                "2026-01-01T11:00:00.000Z",
                true
            ),
            note(
                "mallory",
                "approved this merge request",
                "2026-01-01T11:00:00.000Z",
                false
            ),
            note(
                "carol",
                "approved this merge request",
                "2026-01-02T09:00:00.000Z",
                true
            ),
        ])))
        .mount(&server)
        .await;
    // !5: neither approvals nor notes can be read: reviews unknown.
    Mock::given(method("GET"))
        .and(path(format!(
            "{GITLAB_PROJECT}/repository/commits/{}/merge_requests",
            h.merge14
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(mr(5, &h.merge14, "bob")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{GITLAB_PROJECT}/merge_requests/5/notes")))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "403 Forbidden"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(
            r"^/api/v4/projects/group%2Fapp/merge_requests/[45]/approvals$",
        ))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "403 Forbidden"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(
            r"^/api/v4/projects/group%2Fapp/merge_requests/[0-9]+/commits$",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "id": h.merge10, "message": "add b", "author_name": "Alice Author",
            "author_email": "alice@example.com", "committer_name": "Alice Author",
            "committer_email": "alice@example.com", "parent_ids": ["x"]
        }])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(
            r"^/api/v4/projects/group%2Fapp/repository/commits/[0-9a-f]{40}/merge_requests$",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

#[tokio::test(flavor = "multi_thread")]
async fn gitlab_merge_requests_and_approvals() {
    let h = history();
    let server = fake_gitlab(&h).await;
    let run = audit(
        &h.repo,
        &[("GITLAB_TOKEN", GITLAB_TOKEN.to_owned())],
        &[
            "--platform",
            "gitlab",
            "--repo",
            "group/app",
            "--api-url",
            &format!("{}/api/v4", server.uri()),
            "--no-cache",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let m3 = change(&report, &h.merge10);
    assert_eq!(
        strings(&m3["categories"]),
        ["self_approved", "self_merged", "too_few_approvals"],
        "{m3:#}"
    );
    assert_eq!(
        m3["pull_request"]["url"],
        "https://gitlab.example.com/group/app/-/merge_requests/3"
    );
    assert_eq!(strings(&m3["not_counted"]), ["alice: the change's author"]);
    let m4 = change(&report, &h.squash12);
    assert_eq!(
        strings(&m4["categories"]),
        ["too_few_approvals"],
        "bob before the merge; dave withdrew; mallory's note is not a system note; carol came after the merge: {m4:#}"
    );
    assert_eq!(strings(&m4["approvers"]), ["bob"]);
    assert_eq!(m4["reviews_from"], "platform");
    let m5 = change(&report, &h.merge14);
    assert_eq!(strings(&m5["categories"]), ["reviews_unknown"], "{m5:#}");
    assert_eq!(m5["reviews_from"], "unknown");
    assert_eq!(
        strings(&change(&report, &h.direct)["categories"]),
        ["direct_push", "undocumented"]
    );
    let requests = server.received_requests().await.unwrap();
    assert!(!requests.is_empty());
    for r in &requests {
        assert_eq!(
            r.headers.get("private-token").map(|v| v.to_str().unwrap()),
            Some(GITLAB_TOKEN),
            "GitLab tokens go in PRIVATE-TOKEN"
        );
        assert!(r.url.path().starts_with(GITLAB_PROJECT), "{}", r.url);
    }
}
