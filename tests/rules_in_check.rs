//! Rules inside `changegate check`, custom rules, suppressions and the `rules` commands.

mod common;

use common::{rule_ids, TestRepo, GOOD_DESCRIPTION};
use predicates::str::contains;

fn finding<'a>(report: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {:#}", report["findings"]))
}

fn feature_repo(files: &[(&str, &str)]) -> TestRepo {
    TestRepo::with_base(files)
}

#[test]
fn only_added_unwraps_are_reported_with_their_item() {
    let base = "pub fn old(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n";
    let repo = feature_repo(&[("src/router.rs", base)]);
    repo.write(
        "src/router.rs",
        "pub fn old(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n\npub fn apply(y: Option<u8>) -> u8 {\n    y.unwrap()\n}\n",
    );
    repo.commit("add apply");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let unwraps: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "rust/unwrap")
        .collect();
    assert_eq!(
        unwraps.len(),
        1,
        "the unchanged unwrap is not reported: {unwraps:#?}"
    );
    assert_eq!(unwraps[0]["range"]["start_line"], 6);
    assert_eq!(unwraps[0]["item"], "fn router::apply");
    assert_eq!(unwraps[0]["blocking"], false);
    let items = &report["files"][0]["items"];
    assert_eq!(items[0]["change"], "added");
    assert_eq!(items[0]["name"], "router::apply");
}

#[test]
fn a_moved_unwrap_is_reported_as_moved_not_added() {
    // `b` is longer than `a`, so the minimal diff moves `a` (its lines become added lines).
    let b = "fn b() {\n    one();\n    two();\n    three();\n    four();\n}\n";
    let a = "fn a(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n";
    let repo = feature_repo(&[("src/a.rs", &format!("{a}\n{b}"))]);
    repo.write("src/a.rs", format!("{b}\n{a}"));
    repo.commit("move a");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let unwrap = finding(&report, "rust/unwrap");
    assert_eq!(unwrap["severity"], "info", "{unwrap:#}");
    assert!(unwrap["message"]
        .as_str()
        .unwrap()
        .starts_with("moved, not added"));
}

#[test]
fn error_rules_block_and_text_shows_the_source_line() {
    let repo = feature_repo(&[(
        "deploy/app.yaml",
        "kind: Deployment\nmetadata:\n  name: payments-api\nspec:\n  replicas: 3\n",
    )]);
    repo.write(
        "deploy/app.yaml",
        "kind: Deployment\nmetadata:\n  name: payments-api\nspec:\n  replicas: 0\n",
    );
    repo.commit("scale to zero");
    let pr = repo.scratch().join("pr.md");
    std::fs::write(&pr, GOOD_DESCRIPTION).unwrap();
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
    let f = finding(&report, "k8s/replicas-to-zero");
    assert_eq!(f["blocking"], true);
    assert_eq!(f["range"]["start_line"], 5);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("Deployment/payments-api:spec.replicas"),
        "{f}"
    );
    assert_eq!(
        report["files"][0]["config_changes"][0]["key"],
        "Deployment/payments-api:spec.replicas"
    );

    let out = repo
        .changegate()
        .args([
            "check",
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            pr.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error[k8s/replicas-to-zero]"), "{text}");
    assert!(text.contains("5 |   replicas: 0"), "{text}");
    assert!(text.contains("blocked by  k8s/replicas-to-zero"), "{text}");
}

#[test]
fn suppression_with_reason_silences_and_is_listed() {
    let repo = feature_repo(&[("src/main.rs", "fn main() {}\n")]);
    repo.write(
        "src/main.rs",
        "fn main() {\n    // changegate: allow(rust/expect) reason: \"config is validated at startup\"\n    let c = load().expect(\"config\");\n    let d = load().expect(\"again\");\n}\n",
    );
    repo.commit("load config");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let expects: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "rust/expect")
        .collect();
    assert_eq!(expects.len(), 1);
    assert_eq!(expects[0]["range"]["start_line"], 4);
    assert_eq!(
        report["suppressions"][0]["reason"],
        "config is validated at startup"
    );
    assert_eq!(report["suppressions"][0]["line"], 2);
}

#[test]
fn custom_rules_come_from_the_base_revision() {
    let rule = "- id: custom/no-println\n  language: rust\n  severity: error\n  message: no println\n  note: use tracing\n  query: |\n    ((macro_invocation macro: (identifier) @m) @match (#eq? @m \"println\"))\n  tests:\n    match: [\"fn f() { println!() }\"]\n    no_match: [\"fn f() {}\"]\n";
    let repo = feature_repo(&[
        (".changegate/rules/team.yml", rule),
        ("src/lib.rs", "pub fn f() {}\n"),
    ]);
    // The change deletes the rule and adds what it forbids: the base's rule still judges it.
    repo.remove(".changegate/rules/team.yml");
    repo.write("src/lib.rs", "pub fn f() { println!(\"hi\") }\n");
    repo.commit("sneaky");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 1);
    let ids = rule_ids(&report);
    assert!(ids.contains(&"custom/no-println".to_owned()), "{ids:?}");
    assert!(ids.contains(&"gate/rules-changed".to_owned()), "{ids:?}");
}

#[test]
fn invalid_custom_rule_is_exit_2_with_rule_and_location() {
    let rule = "- id: custom/bad\n  language: rust\n  severity: warning\n  message: m\n  query: |\n    (call_expression (nope) @match)\n";
    let repo = feature_repo(&[(".changegate/rules/bad.yml", rule), ("a.txt", "1\n")]);
    repo.changegate()
        .args(["check", "--base", "main"])
        .assert()
        .code(2)
        .stderr(contains(".changegate/rules/bad.yml:6:23"))
        .stderr(contains("rule `custom/bad`"))
        .stderr(contains("NodeType"));
}

#[test]
fn rules_commands() {
    let repo = TestRepo::new();
    repo.changegate()
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(contains("0 failed"));
    repo.changegate()
        .args(["rules", "list"])
        .assert()
        .code(0)
        .stdout(contains("k8s/replicas-to-zero"))
        .stdout(contains("rules\n"));
    repo.changegate()
        .args(["explain", "tf/open-ingress"])
        .assert()
        .code(0)
        .stdout(contains("Blocks: yes"))
        .stdout(contains("0.0.0.0/0"));
    repo.changegate()
        .args(["explain", "nope/nope"])
        .assert()
        .code(2)
        .stderr(contains("no rule `nope/nope`"));

    let failing = repo.scratch().join("failing.yml");
    std::fs::write(
        &failing,
        "- id: custom/wrong\n  severity: info\n  message: m\n  note: n\n  regex: \"foo\"\n  tests:\n    match: [\"bar\"]\n    no_match: [\"baz\"]\n- id: custom/untested\n  severity: info\n  message: m\n  regex: x\n",
    )
    .unwrap();
    repo.changegate()
        .args(["rules", "test", failing.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(contains("FAIL custom/wrong"))
        .stdout(contains("match #1: expected a match"))
        .stdout(contains("FAIL custom/untested"))
        .stdout(contains("has no tests"))
        .stdout(contains("rules: 0 passed, 2 failed"));
}

#[test]
fn one_event_gives_one_finding_the_stronger_rule_supersedes_the_weaker() {
    let deployment =
        |n: u32| format!("kind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: {n}\n");
    let repo = feature_repo(&[("deploy/api.yaml", &deployment(4))]);
    repo.write("deploy/api.yaml", deployment(0));
    repo.commit("scale to zero");
    let report = repo.check_documented(1);
    let ids = rule_ids(&report);
    assert!(ids.contains(&"k8s/replicas-to-zero".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"k8s/replicas-halved".to_owned()), "{ids:?}");
    // Halving alone still reports halving.
    repo.write("deploy/api.yaml", deployment(4));
    repo.commit("back");
    repo.git(&["checkout", "-q", "-B", "main"]);
    repo.git(&["checkout", "-q", "-b", "halve"]);
    repo.write("deploy/api.yaml", deployment(1));
    repo.commit("halve");
    let ids = rule_ids(&repo.check_documented(0));
    assert!(ids.contains(&"k8s/replicas-halved".to_owned()), "{ids:?}");
}

/// Re-indenting an existing `.expect(…)` into a new match arm adds no risk: it is reported as
/// moved (info, not blocking); a second copy of it is new.
#[test]
fn moved_or_reindented_code_is_not_reported_as_added() {
    let base =
        "pub fn load(p: &str) -> String {\n    std::fs::read_to_string(p).expect(\"config\")\n}\n";
    let repo = feature_repo(&[("src/config.rs", base)]);
    repo.write(
        "src/config.rs",
        "pub fn load(p: &str) -> String {\n    match p {\n        \"\" => String::new(),\n        _ => std::fs::read_to_string(p)\n            .expect(\"config\"),\n    }\n}\n",
    );
    repo.commit("empty path means empty config");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let expects: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "rust/expect")
        .collect();
    assert_eq!(expects.len(), 1, "{expects:#?}");
    assert_eq!(expects[0]["severity"], "info");
    assert_eq!(expects[0]["blocking"], false);
    assert!(
        expects[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("moved, not added"),
        "{:#}",
        expects[0]
    );

    // A second copy of the same code is new risk.
    repo.write(
        "src/config.rs",
        "pub fn load(p: &str) -> String {\n    match p {\n        \"\" => String::new(),\n        _ => std::fs::read_to_string(p)\n            .expect(\"config\"),\n    }\n}\n\npub fn again(p: &str) -> String {\n    std::fs::read_to_string(p).expect(\"config\")\n}\n",
    );
    repo.commit("and again");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let severities: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "rust/expect")
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    // The diff pairs the old line with the identical line of `again`, so one `.expect` is on an
    // unchanged line and the re-indented one is the copy that is new.
    assert_eq!(
        severities,
        ["warning"],
        "one of the two copies is new: {:#}",
        report["findings"]
    );
}

/// A Terraform module is a directory: a block moved to another file of it, or renamed with a
/// `moved` block, is not destroyed (terraform-aws-vpc 2fbaaacd0a moved 34 endpoints from main.tf to
/// vpc-endpoints.tf; terraform-aws-iam 31b31d77fc renamed 31 resources with `moved` blocks).
#[test]
fn terraform_blocks_moved_within_their_module_are_not_removed() {
    let endpoint = "resource \"aws_vpc_endpoint\" \"s3\" {\n  vpc_id       = aws_vpc.this.id\n  service_name = \"com.amazonaws.s3\"\n}\n";
    let repo = feature_repo(&[
        ("net/main.tf", &format!("resource \"aws_vpc\" \"this\" {{\n  cidr_block = \"10.0.0.0/16\"\n}}\n\n{endpoint}")),
        ("net/old.tf", "resource \"aws_sqs_queue\" \"jobs\" {\n  name = \"jobs\"\n}\n"),
    ]);
    repo.write(
        "net/main.tf",
        "resource \"aws_vpc\" \"this\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
    );
    repo.write("net/endpoints.tf", endpoint);
    // Renamed with a `moved` block: kept.
    repo.write(
        "net/old.tf",
        "resource \"aws_sqs_queue\" \"work\" {\n  name = \"jobs\"\n}\n\nmoved {\n  from = aws_sqs_queue.jobs\n  to   = aws_sqs_queue.work\n}\n",
    );
    repo.commit("split endpoints out; rename the queue");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let removed: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "tf/resource-removed")
        .collect();
    assert!(removed.is_empty(), "{removed:#?}");

    // Moved to another directory (another module): destroyed, and said.
    repo.remove("net/endpoints.tf");
    repo.write("other/endpoints.tf", endpoint);
    repo.commit("move endpoints to another module");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    assert!(
        rule_ids(&report).contains(&"tf/resource-removed".to_owned()),
        "{:#}",
        report["findings"]
    );
}

/// A deleted file is one fact: the workload it defined is removed (once); its probes and limits
/// going with it are not findings of their own. Example and documentation manifests are not
/// deployed: deleting them is not a workload removal.
#[test]
fn a_deleted_manifest_is_reported_once_and_docs_manifests_not_at_all() {
    let manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.2.3\n          readinessProbe:\n            httpGet: { path: /ready, port: 8080 }\n            timeoutSeconds: 2\n          livenessProbe:\n            httpGet: { path: /live, port: 8080 }\n          resources:\n            limits: { cpu: 500m, memory: 256Mi }\n";
    let repo = feature_repo(&[
        ("deploy/payments.yaml", manifest),
        ("docs/examples/payments.yaml", manifest),
    ]);
    repo.remove("deploy/payments.yaml");
    repo.remove("docs/examples/payments.yaml");
    repo.commit("retire payments");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 1);
    let rules: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "patterns")
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [(
            "k8s/workload-removed".to_owned(),
            "deploy/payments.yaml".to_owned()
        )],
        "{:#}",
        report["findings"]
    );
}

/// "The same code" is the whole call or block a rule matched, not the token it captured: an
/// `unsafe` block whose contents changed is new code to review (anyhow 007c69c3c5 renamed an
/// argument inside one).
#[test]
fn a_changed_unsafe_block_is_not_moved_code() {
    let repo = feature_repo(&[(
        "src/raw.rs",
        "pub fn read(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n",
    )]);
    repo.write(
        "src/raw.rs",
        "pub fn read(ptr: *const u8) -> u8 {\n    unsafe { *ptr }\n}\n",
    );
    repo.commit("rename");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = finding(&report, "rust/unsafe-block");
    assert_eq!(f["severity"], "warning", "{f:#}");
}
