//! Review policy end to end: `--reviews-file`, AI-assisted commits, CODEOWNERS, templates, fan-in.

mod common;

use common::{rule_ids, TestRepo};

const POLICY: &str = "version: 1
tiers:
  tier-1:
    paths: [\"deploy/**\"]
    require:
      approvals: 2
      fresh_approvals: true
      require_code_owner: true
      docs: [risk]
  tier-2:
    paths: [\"src/**\"]
    require:
      approvals: 1
docs:
  risk: { heading: Risk, min_words: 3 }
teams:
  seniors: [sam]
  \"@org/sre\": [dana]
ai_assisted:
  trailers: [\"Co-authored-by: *Copilot*\"]
  require: { extra_approvals: 1, reviewers_from: [seniors] }
";

/// A repository with the policy and CODEOWNERS on main, and a feature commit touching deploy/.
fn repo(message: &str) -> (TestRepo, String) {
    let repo = TestRepo::new();
    repo.write(".changegate.yml", POLICY)
        .write(".github/CODEOWNERS", "* @alice\n/deploy/ @org/sre\n")
        .write("deploy/app.yaml", "replicas: 3\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/app.yaml", "replicas: 4\n");
    let head = repo.commit(message);
    (repo, head)
}

fn reviews(repo: &TestRepo, json: &str) -> String {
    let path = repo.scratch().join("reviews.json");
    std::fs::write(&path, json).unwrap();
    path.to_str().unwrap().to_owned()
}

fn approvals(users: &[&str], commit: &str) -> String {
    let list: Vec<String> = users
        .iter()
        .enumerate()
        .map(|(i, u)| format!(r#"{{"user": "{u}", "state": "APPROVED", "commit_id": "{commit}", "submitted_at": "2026-03-05T10:0{i}:00Z"}}"#))
        .collect();
    format!(r#"{{"author": "alice", "reviews": [{}]}}"#, list.join(", "))
}

#[test]
fn enough_fresh_approvals_including_a_code_owner_pass() {
    let (repo, head) = repo("scale up");
    let file = reviews(&repo, &approvals(&["bob", "dana"], &head));
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
            "--reviews-file",
            &file,
        ],
        0,
    );
    assert_eq!(
        report["review"]["approved_by"],
        serde_json::json!(["bob", "dana"])
    );
    assert_eq!(report["review"]["reviews_known"], true);
    assert!(rule_ids(&report).contains(&"review/approved".to_owned()));
}

#[test]
fn missing_approval_and_code_owner_block() {
    let (repo, head) = repo("scale up");
    let file = reviews(&repo, &approvals(&["bob"], &head));
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
            "--reviews-file",
            &file,
        ],
        1,
    );
    let ids = rule_ids(&report);
    assert!(
        ids.contains(&"review/approvals-missing".to_owned()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"review/code-owner-missing".to_owned()),
        "{ids:?}"
    );
    let owner = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "review/code-owner-missing")
        .unwrap();
    assert_eq!(owner["path"], "deploy/app.yaml");
    assert!(owner["message"].as_str().unwrap().contains("@org/sre"));
}

#[test]
fn stale_self_and_requested_changes_are_explained() {
    let (repo, head) = repo("scale up");
    let json = format!(
        r#"{{"author": "alice", "reviews": [
            {{"user": "alice", "state": "APPROVED", "commit_id": "{head}", "submitted_at": "2026-03-05T10:00:00Z"}},
            {{"user": "bob", "state": "APPROVED", "commit_id": "0000000", "submitted_at": "2026-03-05T10:01:00Z"}},
            {{"user": "dana", "state": "APPROVED", "commit_id": "{head}", "submitted_at": "2026-03-05T10:02:00Z"}},
            {{"user": "dana", "state": "CHANGES_REQUESTED", "commit_id": "{head}", "submitted_at": "2026-03-05T10:03:00Z"}}]}}"#
    );
    let file = reviews(&repo, &json);
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
            "--reviews-file",
            &file,
        ],
        1,
    );
    assert_eq!(report["review"]["stale"], serde_json::json!(["bob"]));
    assert_eq!(report["review"]["excluded"][0][0], "alice");
    assert_eq!(
        report["review"]["changes_requested"],
        serde_json::json!(["dana"])
    );
    assert!(rule_ids(&report).contains(&"review/changes-requested".to_owned()));
}

#[test]
fn ai_assisted_commit_needs_one_more_approval_and_a_senior() {
    let (repo, head) = repo("scale up\n\nCo-authored-by: GitHub Copilot <copilot@github.com>");
    let without_senior = reviews(&repo, &approvals(&["bob", "dana", "carol"], &head));
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
            "--reviews-file",
            &without_senior,
        ],
        1,
    );
    assert_eq!(report["review"]["approvals_required"], 3);
    assert_eq!(report["ai_signals"][0]["kind"], "trailer");
    let ids = rule_ids(&report);
    assert!(ids.contains(&"ai/assisted".to_owned()), "{ids:?}");
    assert!(
        ids.contains(&"review/reviewer-group-missing".to_owned()),
        "{ids:?}"
    );
    let with_senior = reviews(&repo, &approvals(&["bob", "dana", "sam"], &head));
    repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
            "--reviews-file",
            &with_senior,
        ],
        0,
    );
}

#[test]
fn locally_the_requirement_is_stated_not_enforced() {
    let (repo, _) = repo("scale up\n\nCo-authored-by: GitHub Copilot <copilot@github.com>");
    let out = repo
        .changegate()
        .args([
            "check",
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("needs 3 approvals on the final commit (tier-1: 2, AI-assisted: +1), 1 from seniors; code owners: deploy/app.yaml → @org/sre"),
        "{text}"
    );
    assert!(text.contains("AI-assisted commit "), "{text}");
}

#[test]
fn template_text_left_unchanged_counts_as_missing() {
    let repo = TestRepo::new();
    let template = "## Risk\nDescribe what could break and how likely it is.\n\n## Testing\n";
    repo.write(".changegate.yml", POLICY)
        .write(".github/pull_request_template.md", template)
        .write("deploy/app.yaml", "a: 1\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/app.yaml", "a: 2\n");
    repo.commit("change");
    let pr = repo.scratch().join("pr.md");
    std::fs::write(&pr, format!("{template}\nran it\n")).unwrap();
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            pr.to_str().unwrap(),
        ],
        1,
    );
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "docs/empty-section")
        .expect("template text is empty");
    assert!(f["message"].as_str().unwrap().contains("template"), "{f}");
}

#[test]
fn ticket_reference_required_when_configured() {
    let repo = TestRepo::new();
    repo.write(".changegate.yml", "version: 1\nticket: \"[A-Z]+-[0-9]+\"\n")
        .write("a.txt", "1\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("a.txt", "2\n");
    repo.commit("no ticket here");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 1);
    assert!(rule_ids(&report).contains(&"docs/missing-ticket".to_owned()));
    repo.write("a.txt", "3\n");
    repo.commit("PAY-42: with a ticket");
    repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
}

#[test]
fn fan_in_is_counted_in_the_repository_at_head() {
    let repo = TestRepo::new();
    repo.write(
        "src/router.rs",
        "pub fn apply_route(x: u8) -> u8 {\n    x + 1\n}\n",
    )
    .write("src/a.rs", "fn a() { crate::router::apply_route(1); }\n")
    .write(
        "src/b.rs",
        "fn b() { apply_route(2); apply_route(3); }\n// apply_route in a comment does not count\n",
    )
    .write("docs/notes.md", "apply_route apply_route\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        "src/router.rs",
        "pub fn apply_route(x: u8) -> u8 {\n    x + 2\n}\n",
    );
    repo.commit("change route");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let fan_in = report["blast_radius"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "fan_in")
        .unwrap();
    assert_eq!(fan_in["value"], 3, "{:#}", report["blast_radius"]);
    assert_eq!(fan_in["points"], 4);
    assert_eq!(
        report["blast_radius"]["fan_in"][0],
        serde_json::json!(["apply_route", 3])
    );
    // Switched off by the base's policy: not counted, and the report says why.
    repo.git(&["checkout", "-q", "main"]);
    repo.write(
        ".changegate.yml",
        "version: 1\nblast_radius:\n  fan_in: false\n",
    );
    repo.commit("policy: no fan-in");
    repo.git(&["checkout", "-q", "feature"]);
    repo.git(&["rebase", "-q", "main"]);
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let blast = &report["blast_radius"];
    let value = blast["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "fan_in")
        .unwrap()["value"]
        .clone();
    assert_eq!(value, 0, "{blast:#}");
    assert_eq!(
        blast["note"],
        "fan-in not computed: switched off (blast_radius.fan_in: false)"
    );
}

#[test]
fn invalid_reviews_file_is_exit_2_with_location() {
    let (repo, _) = repo("x");
    let file = reviews(
        &repo,
        "{\"reviews\": [{\"user\": \"b\", \"state\": \"APPROVED\", \"extra\": 1}]}",
    );
    repo.changegate()
        .args(["check", "--base", "main", "--reviews-file", &file])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("reviews.json:1:"))
        .stderr(predicates::str::contains("unknown field `extra`"));
}

/// A finding a policy requirement produced names the line of the base's policy that asked for
/// it (as cargo-deny labels its config).
#[test]
fn findings_point_at_the_policy_line_that_required_them() {
    let (repo, head) = repo("scale up");
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--reviews-file",
            &reviews(&repo, &approvals(&[], &head)),
            "--strict",
        ],
        1,
    );
    let note = |rule: &str| -> String {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == rule)
            .unwrap_or_else(|| panic!("no {rule}: {report:#}"))["note"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let docs = note("docs/missing-section");
    assert!(
        docs.contains("required by tier-1 (1 file: deploy/app.yaml) at .changegate.yml:9:14"),
        "{docs}"
    );
    let approvals = note("review/approvals-missing");
    assert!(
        approvals.contains("required by tier-1: .changegate.yml:6:7"),
        "{approvals}"
    );
}

/// A dependency bot's change is automation, not AI: a version bump in tier-1 config passes
/// the automation check, a change to tier-1 code by the bot blocks.
#[test]
fn dependency_bots_may_bump_versions_in_tier_1_but_not_change_code() {
    let repo = TestRepo::with_base(&[
        (
            "deploy/app.yaml",
            "spec:\n  image: api:1.0\n  replicas: 3\n",
        ),
        ("deploy/hook.rs", "pub fn hook() {}\n"),
    ]);
    let bot = |repo: &TestRepo, message: &str| {
        repo.git(&[
            "commit",
            "-qam",
            message,
            "--author",
            "renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>",
        ]);
    };
    repo.write(
        "deploy/app.yaml",
        "spec:\n  image: api:1.1\n  replicas: 3\n",
    );
    bot(&repo, "chore(deps): update api to v1.1");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let ids = rule_ids(&report);
    assert!(ids.contains(&"automation/change".to_owned()), "{ids:?}");
    assert!(!ids.iter().any(|i| i.starts_with("ai/")), "not AI: {ids:?}");
    assert!(
        !ids.contains(&"automation/code-change".to_owned()),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&"automation/beyond-version-bump".to_owned()),
        "{ids:?}"
    );

    repo.write(
        "deploy/hook.rs",
        "pub fn hook() { std::process::exit(1) }\n",
    );
    repo.write(
        "deploy/app.yaml",
        "spec:\n  image: api:1.1\n  replicas: 1\n",
    );
    bot(&repo, "chore(deps): update hook");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 1);
    let ids = rule_ids(&report);
    assert!(
        ids.contains(&"automation/code-change".to_owned()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"automation/beyond-version-bump".to_owned()),
        "{ids:?}"
    );
}

#[test]
fn a_coding_agents_branch_marks_the_change_ai_assisted_with_default_policy() {
    let run = |branch: &str| {
        let repo = TestRepo::new();
        repo.write("src/lib.rs", "pub fn a() -> u8 {\n    1\n}\n");
        repo.commit("base");
        repo.git(&["checkout", "-q", "-b", branch]);
        repo.write("src/lib.rs", "pub fn a() -> u8 {\n    2\n}\n");
        repo.commit("tweak");
        let out = repo
            .changegate()
            .args(["check", "--base", "main", "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let agent = run("copilot/fix-return-value");
    assert_eq!(agent["ai_signals"][0]["kind"], "branch", "{agent:#}");
    assert_eq!(
        agent["ai_signals"][0]["detail"],
        "branch `copilot/fix-return-value`"
    );
    let human = run("fix-return-value");
    assert_eq!(human["ai_signals"], serde_json::json!([]), "{human:#}");
}

/// The fan-in component of a JSON report, and the blast radius.
fn fan_in_of(report: &serde_json::Value) -> (serde_json::Value, serde_json::Value) {
    let blast = report["blast_radius"].clone();
    let fan_in = blast["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "fan_in")
        .unwrap()
        .clone();
    (fan_in, blast)
}

#[test]
fn fan_in_stops_near_the_change_once_the_score_is_at_its_maximum() {
    let repo = TestRepo::new();
    repo.write("core/route.rs", "pub fn apply_route() -> u8 {\n    1\n}\n");
    // 40 callers beside the function (5 references each), and one far away, in a directory
    // whose name is a glob that would match `core` if it were read as one.
    for i in 0..40 {
        repo.write(
            &format!("core/callers/c{i:02}.rs"),
            "fn f() { apply_route(); apply_route(); apply_route(); apply_route(); apply_route(); }\n",
        );
    }
    repo.write("c[o]re/far.rs", "fn g() { apply_route(); }\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("core/route.rs", "pub fn apply_route() -> u8 {\n    2\n}\n");
    repo.commit("change route");
    let (fan_in, blast) = fan_in_of(&repo.check_json(&["--base", "main", "--head", "HEAD"], 0));
    // Seven callers of the nearest ring (35 references) saturate it: full points, and the
    // report says the count is a lower bound.
    assert_eq!(fan_in["value"], 35, "{blast:#}");
    assert_eq!(fan_in["points"], 10);
    let note = blast["note"].as_str().unwrap();
    assert!(
        note.contains("counting stopped at 35 references in 8 files"),
        "{note}"
    );
    // The same answer from the working tree (searched on disk) and from the index.
    repo.git(&["checkout", "-q", "main"]);
    repo.write("core/route.rs", "pub fn apply_route() -> u8 {\n    3\n}\n");
    let (on_disk, _) = fan_in_of(&repo.check_json(&["--base", "main"], 0));
    assert_eq!(on_disk["value"], 35);
    repo.git(&["add", "core/route.rs"]);
    let (staged, _) = fan_in_of(&repo.check_json(&["--base", "main", "--staged"], 0));
    assert_eq!(staged["value"], 35);
}

#[test]
fn fan_in_widens_to_the_repository_and_reads_a_glob_named_directory_as_itself() {
    let repo = TestRepo::new();
    // The change is in `v[1]/`: as a glob that name would mean `v1/` (which sorts first).
    repo.write("v[1]/route.rs", "pub fn apply_route() -> u8 {\n    1\n}\n");
    for i in 0..2 {
        repo.write(
            &format!("v[1]/near{i}.rs"),
            "fn f() { apply_route(); apply_route(); apply_route(); }\n",
        );
    }
    for i in 0..10 {
        repo.write(
            &format!("v1/far{i}.rs"),
            "fn g() { apply_route(); apply_route(); apply_route(); apply_route(); apply_route(); }\n",
        );
    }
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("v[1]/route.rs", "pub fn apply_route() -> u8 {\n    2\n}\n");
    repo.commit("change route");
    let (fan_in, blast) = fan_in_of(&repo.check_json(&["--base", "main", "--head", "HEAD"], 0));
    // The change's directory gives 6 references (two callers), the whole repository the rest:
    // five of `v1/`'s files, 31. Read as a glob, the first ring would have been `v1/`: 35.
    assert_eq!(fan_in["value"], 31, "{blast:#}");
    let note = blast["note"].as_str().unwrap();
    assert!(note.contains("31 references in 8 files"), "{note}");
    // Fewer references than the maximum: every one counted, no note.
    repo.write("v[1]/route.rs", "pub fn apply_route() -> u8 {\n    3\n}\n");
    for i in 2..10 {
        repo.git(&["rm", "-q", &format!("v1/far{i}.rs")]);
    }
    repo.commit("fewer callers");
    let (fan_in, blast) = fan_in_of(&repo.check_json(&["--base", "HEAD~1", "--head", "HEAD"], 0));
    assert_eq!(fan_in["value"], 16, "{blast:#}");
    assert!(blast["note"].is_null(), "{blast:#}");
}
