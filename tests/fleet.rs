//! The fleet, end to end: five generated systems (real git repositories) audited by running the
//! GitHub Actions workflow shipped in docs/fleet.md — its `run:` steps executed as written, its
//! checkout/artifact steps played by the test — then the org report checked: every system, the
//! owner rollups, the system without a report, byte-identical merges in any order and in stages,
//! and the matrices validated against GitHub's workflow schema and GitLab's CI schema.

mod common;

use common::TestRepo;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{AUDIT_DOCS as DOCS, AUDIT_POLICY as POLICY};
const REVIEWED: &str =
    "Reviewed-by: Bob B <bob@example.com>\nReviewed-by: Carol C <carol@example.com>";

/// Commits everything with both dates `days_ago` days before now (the docs audit `--since 90d`).
fn commit_at(repo: &TestRepo, message: &str, days_ago: u64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let date = format!("@{} +0000", now - days_ago * 86_400);
    repo.git(&["add", "-A"]);
    let out = std::process::Command::new("git")
        .current_dir(repo.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo.scratch())
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .args(["commit", "-q", "--allow-empty", "-m", message])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn merge_at(repo: &TestRepo, branch: &str, file: &str, message: &str, days_ago: u64) {
    repo.git(&["checkout", "-q", "-b", branch]);
    repo.write(file, format!("{branch}: 1\n"));
    commit_at(repo, &format!("add {branch}"), days_ago + 1);
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["merge", "-q", "--no-ff", "--no-commit", branch]);
    commit_at(repo, message, days_ago);
}

/// Five systems with different histories, each a real repository.
fn systems() -> BTreeMap<&'static str, TestRepo> {
    let mut out = BTreeMap::new();
    for name in ["checkout", "payments", "search", "inventory", "identity"] {
        let repo = TestRepo::new();
        repo.write(".changegate.yml", POLICY)
            .write("deploy/app.yaml", "replicas: 3\n")
            .write("README.md", "x\n");
        commit_at(&repo, "base", 80);
        match name {
            "checkout" => {
                repo.write("deploy/app.yaml", "replicas: 4\n");
                commit_at(&repo, "direct change to prod", 60);
                merge_at(
                    &repo,
                    "feature",
                    "deploy/b.yaml",
                    &format!("Merge pull request #10 from feature\n\n{DOCS}\n\n{REVIEWED}"),
                    20,
                );
            }
            "payments" => {
                repo.write("deploy/app.yaml", "replicas: 5\n");
                commit_at(
                    &repo,
                    "Tweak replicas (#5)\n\nReviewed-by: Alice Author <alice@example.com>",
                    40,
                );
            }
            "search" => merge_at(
                &repo,
                "index",
                "deploy/index.yaml",
                &format!("Merge pull request #3 from index\n\n{DOCS}\n\n{REVIEWED}"),
                10,
            ),
            "inventory" => {
                repo.write("deploy/app.yaml", "replicas: 6\n");
                commit_at(&repo, "hotfix", 30);
                merge_at(
                    &repo,
                    "ai",
                    "deploy/ai.yaml",
                    &format!("Merge pull request #8 from ai\n\n{DOCS}\n\nCo-authored-by: GitHub Copilot <copilot@github.com>\n{REVIEWED}"),
                    5,
                );
            }
            _ => {
                repo.write(".changegate.yml", "version: 1\n")
                    .write("deploy/app.yaml", "replicas: 1\n");
                commit_at(
                    &repo,
                    &format!("Loosen the gate (#2)\n\n{DOCS}\n\n{REVIEWED}"),
                    50,
                );
            }
        }
        // An origin URL carrying a token: it must not reach any report.
        repo.git(&[
            "remote",
            "add",
            "origin",
            &format!("https://x-access-token:ghp_fleetSECRET0123456789abcdefABCDEF0123@github.com/acme/{name}.git"),
        ]);
        out.insert(name, repo);
    }
    out
}

fn inventory() -> String {
    let owners = [
        ("checkout", "Dana", "Victor"),
        ("payments", "Dana", "Victor"),
        ("search", "Erin", "Victor"),
        ("inventory", "Erin", "Wendy"),
        ("identity", "Frank", "Wendy"),
    ];
    let mut text = String::from("systems:\n");
    for (name, director, vp) in owners {
        text.push_str(&format!(
            "  - name: {name}\n    repository: https://github.com/acme/{name}\n    tier: 1\n    owners: {{ team: \"@acme/{name}\", director: {director}, vp: {vp} }}\n"
        ));
    }
    text.push_str("  - name: legacy-billing\n    repository: https://gitlab.com/acme/finance/legacy-billing\n    tier: 1\n    owners: { team: billing, director: Frank, vp: Wendy }\n");
    text
}

/// The GitHub workflow of docs/fleet.md.
fn docs_workflow() -> serde_yaml::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fleet.md"))
        .unwrap();
    let block = text
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("\n```").next().unwrap_or(""))
        .find(|b| b.lines().any(|l| l.starts_with("jobs:")))
        .expect("docs/fleet.md has a GitHub workflow");
    serde_yaml::from_str(block).unwrap()
}

fn yaml_blocks(doc: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc)).unwrap();
    text.split("```yaml\n")
        .skip(1)
        .map(|b| b.split("\n```").next().unwrap_or("").to_owned())
        .collect()
}

/// Plays a GitHub workflow on this machine: `run:` steps in bash as written, `actions/checkout`
/// as a copy of the policy repository or a clone of the system, artifacts as directories.
struct Runner {
    root: PathBuf,
    policy: PathBuf,
    systems: BTreeMap<String, PathBuf>,
    bin_dir: PathBuf,
    home: PathBuf,
}

impl Runner {
    fn expand(
        &self,
        text: &str,
        matrix: &BTreeMap<String, String>,
        outputs: &BTreeMap<String, String>,
    ) -> String {
        let mut out = text.to_owned();
        while let Some(start) = out.find("${{") {
            let end = out[start..].find("}}").expect("closed expression") + start;
            let expr = out[start + 3..end].trim();
            let value = if let Some(key) = expr.strip_prefix("matrix.") {
                matrix
                    .get(key)
                    .cloned()
                    .unwrap_or_else(|| panic!("no matrix.{key}"))
            } else if expr.starts_with("secrets.") {
                String::new() // no token: the audit runs offline and says so
            } else if let Some(key) = expr.strip_prefix("steps.") {
                outputs.get(key).cloned().unwrap_or_default()
            } else {
                panic!("expression the test does not know: {expr}")
            };
            out.replace_range(start..end + 2, &value);
        }
        out
    }

    fn run_job(
        &self,
        name: &str,
        job: &serde_yaml::Value,
        matrix: &BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        let suffix = matrix
            .get("system")
            .map(|s| format!("-{s}"))
            .unwrap_or_default();
        let workspace = self.root.join(format!("ws-{name}{suffix}"));
        std::fs::create_dir_all(&workspace).unwrap();
        let mut outputs: BTreeMap<String, String> = BTreeMap::new();
        for step in job["steps"].as_sequence().unwrap() {
            let with = |key: &str| {
                step["with"][key]
                    .as_str()
                    .map(|v| self.expand(v, matrix, &outputs))
            };
            if let Some(uses) = step["uses"].as_str() {
                let action = uses.split('@').next().unwrap();
                match action {
                    "actions/checkout" => {
                        let dest = workspace.join(with("path").unwrap_or_else(|| ".".into()));
                        match with("repository") {
                            Some(repository) => {
                                let name = repository.rsplit('/').next().unwrap();
                                let source = &self.systems[name];
                                assert!(
                                    step["with"]["fetch-depth"].as_u64() == Some(0),
                                    "the audit needs the whole history"
                                );
                                let out = std::process::Command::new("git")
                                    .env("GIT_CONFIG_NOSYSTEM", "1")
                                    .env("HOME", &self.home)
                                    .args(["clone", "-q", "--no-local"])
                                    .arg(source)
                                    .arg(&dest)
                                    .output()
                                    .unwrap();
                                assert!(
                                    out.status.success(),
                                    "{}",
                                    String::from_utf8_lossy(&out.stderr)
                                );
                                // actions/checkout sets origin to the repository's URL.
                                let out = std::process::Command::new("git")
                                    .current_dir(&dest)
                                    .args([
                                        "remote",
                                        "set-url",
                                        "origin",
                                        &format!("https://github.com/{repository}"),
                                    ])
                                    .output()
                                    .unwrap();
                                assert!(out.status.success());
                            }
                            None => {
                                std::fs::create_dir_all(&dest).unwrap();
                                std::fs::copy(
                                    self.policy.join("systems.yml"),
                                    dest.join("systems.yml"),
                                )
                                .unwrap();
                            }
                        }
                    }
                    "actions/upload-artifact" => {
                        let artifact = self.root.join("artifacts").join(with("name").unwrap());
                        std::fs::create_dir_all(&artifact).unwrap();
                        for path in with("path")
                            .unwrap()
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                        {
                            let source = workspace.join(path);
                            let files: Vec<PathBuf> = if source.is_dir() {
                                std::fs::read_dir(&source)
                                    .unwrap()
                                    .map(|e| e.unwrap().path())
                                    .collect()
                            } else {
                                vec![source.clone()]
                            };
                            for file in files {
                                assert!(
                                    file.is_file(),
                                    "{name}: nothing to upload at {}",
                                    file.display()
                                );
                                std::fs::copy(&file, artifact.join(file.file_name().unwrap()))
                                    .unwrap();
                            }
                        }
                    }
                    "actions/download-artifact" => {
                        let pattern = with("pattern").unwrap();
                        let prefix = pattern.strip_suffix('*').expect("a prefix pattern");
                        let dest = workspace.join(with("path").unwrap());
                        std::fs::create_dir_all(&dest).unwrap();
                        let mut artifacts: Vec<PathBuf> =
                            std::fs::read_dir(self.root.join("artifacts"))
                                .unwrap()
                                .map(|e| e.unwrap().path())
                                .filter(|p| {
                                    p.file_name().unwrap().to_string_lossy().starts_with(prefix)
                                })
                                .collect();
                        artifacts.sort();
                        for artifact in artifacts {
                            for file in std::fs::read_dir(artifact).unwrap() {
                                let file = file.unwrap().path();
                                std::fs::copy(&file, dest.join(file.file_name().unwrap())).unwrap();
                            }
                        }
                    }
                    other => panic!("{name}: a step the test cannot play: {other}"),
                }
                continue;
            }
            let script = step["run"].as_str().expect("a run or uses step");
            if script.contains("cargo install") {
                continue; // the binary under test is on PATH
            }
            let output_file = workspace.join(".github_output");
            std::fs::write(&output_file, "").unwrap();
            let mut command = std::process::Command::new("bash");
            command
                .args(["-euo", "pipefail", "-c", script])
                .current_dir(&workspace)
                .env_clear()
                .env(
                    "PATH",
                    format!("{}:/usr/local/bin:/usr/bin:/bin", self.bin_dir.display()),
                )
                .env("HOME", &self.home)
                .env("XDG_CACHE_HOME", self.home.join(".cache"))
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GITHUB_OUTPUT", &output_file);
            if let Some(env) = step["env"].as_mapping() {
                for (key, value) in env {
                    command.env(
                        key.as_str().unwrap(),
                        self.expand(value.as_str().unwrap(), matrix, &outputs),
                    );
                }
            }
            let out = command.output().unwrap();
            assert!(
                out.status.success(),
                "{name}{suffix}: `{script}` failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            if let Some(id) = step["id"].as_str() {
                for line in std::fs::read_to_string(&output_file).unwrap().lines() {
                    if let Some((key, value)) = line.split_once('=') {
                        outputs.insert(format!("{id}.outputs.{key}"), value.to_owned());
                    }
                }
            }
        }
        let mut job_outputs = BTreeMap::new();
        if let Some(map) = job["outputs"].as_mapping() {
            for (key, value) in map {
                job_outputs.insert(
                    key.as_str().unwrap().to_owned(),
                    self.expand(value.as_str().unwrap(), matrix, &outputs),
                );
            }
        }
        job_outputs.insert("workspace".into(), workspace.display().to_string());
        job_outputs
    }
}

struct Org {
    _systems: BTreeMap<&'static str, TestRepo>,
    scratch: TestRepo,
    merge_workspace: PathBuf,
    matrix: Value,
}

/// Runs the docs' workflow: plan → one audit job per matrix entry → merge.
fn run_docs_workflow() -> Org {
    let systems = systems();
    let scratch = TestRepo::new();
    let policy = scratch.scratch().join("policy-repo");
    std::fs::create_dir_all(&policy).unwrap();
    std::fs::write(policy.join("systems.yml"), inventory()).unwrap();
    let bin = PathBuf::from(assert_cmd::cargo::cargo_bin!("changegate"));
    let home = scratch.scratch().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let runner = Runner {
        root: scratch.scratch().join("runner"),
        policy,
        systems: systems
            .iter()
            .map(|(k, v)| (k.to_string(), v.path()))
            .collect(),
        bin_dir: bin.parent().unwrap().to_path_buf(),
        home,
    };
    let workflow = docs_workflow();
    let jobs = &workflow["jobs"];
    let plan = runner.run_job("plan", &jobs["plan"], &BTreeMap::new());
    let matrix: Value =
        serde_json::from_str(&plan["matrix"]).expect("the plan's matrix output is JSON");
    assert_eq!(
        jobs["audit"]["strategy"]["matrix"].as_str(),
        Some("${{ fromJSON(needs.plan.outputs.matrix) }}")
    );
    for entry in matrix["include"].as_array().unwrap() {
        let vars: BTreeMap<String, String> = entry
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        runner.run_job("audit", &jobs["audit"], &vars);
    }
    let merge = runner.run_job("merge", &jobs["merge"], &BTreeMap::new());
    Org {
        _systems: systems,
        scratch,
        merge_workspace: PathBuf::from(&merge["workspace"]),
        matrix,
    }
}

fn validate(schema_file: &str, document: &Value) -> Vec<String> {
    let dir = std::env::var("CI_SCHEMAS")
        .expect("CI_SCHEMAS names the directory of the CI schemas (.ci/run sets it)");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(&dir).join(schema_file)).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    validator
        .iter_errors(document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn yaml_to_json(text: &str) -> Value {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    serde_json::to_value(yaml).unwrap()
}

#[test]
fn the_docs_github_workflow_audits_five_systems_and_merges_an_org_report() {
    let org = run_docs_workflow();
    let names: Vec<&str> = org.matrix["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["system"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["checkout", "identity", "inventory", "payments", "search"]
    );
    let ws = &org.merge_workspace;
    let html = std::fs::read_to_string(ws.join("org-audit.html")).unwrap();
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("org-audit.json")).unwrap()).unwrap();
    let csv = std::fs::read_to_string(ws.join("org-audit.csv")).unwrap();
    for text in [&html, &csv, &json.to_string()] {
        assert!(
            !text.contains("ghp_fleet"),
            "a token from a remote URL reached a report"
        );
    }
    // The JSON is the documented org-audit contract.
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/org-audit.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let errors: Vec<String> = jsonschema::validator_for(&schema)
        .unwrap()
        .iter_errors(&json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(json["kind"], "org_audit");
    assert_eq!(
        json["missing"],
        serde_json::json!(["legacy-billing"]),
        "the GitLab system has no report and is named"
    );
    let systems = json["systems"].as_array().unwrap();
    assert_eq!(systems.len(), 5);
    let categories = |system: &str| -> Vec<String> {
        let audit = systems
            .iter()
            .find(|a| a["system"]["name"] == system)
            .unwrap();
        assert_eq!(
            audit["head"].as_str().map(str::len),
            Some(40),
            "the audited head commit is named"
        );
        assert!(audit["period"]["from"].is_string(), "absolute dates");
        let mut all: Vec<String> = audit["changes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                c["categories"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap().to_owned())
            })
            .collect();
        all.sort();
        all.dedup();
        all
    };
    assert!(categories("checkout").contains(&"direct_push".to_owned()));
    assert!(categories("payments").contains(&"self_approved".to_owned()));
    assert!(categories("search").contains(&"unverified_approvals".to_owned()));
    assert!(categories("inventory").contains(&"ai_without_extra_review".to_owned()));
    assert!(categories("identity").contains(&"policy_changed_in_same_change".to_owned()));
    // Every change says which policy judged it, by commit.
    for change in systems
        .iter()
        .flat_map(|a| a["changes"].as_array().unwrap())
    {
        let policy = change["policy"].as_str().unwrap();
        if change["subject"] == "base" {
            assert_eq!(
                policy, "built-in defaults",
                "a root commit has no parent policy"
            );
        } else {
            assert!(policy.starts_with(".changegate.yml at "), "{policy}");
        }
    }
    // The HTML has the summary, every system, both rollups and the system not audited.
    for expected in [
        "changegate org audit",
        "Not audited",
        "legacy-billing",
        "By VP",
        "By director",
        "Victor",
        "Wendy",
        "checkout",
        "identity",
        "direct push (no PR)",
        "<svg",
    ] {
        assert!(
            html.contains(expected),
            "{expected:?} missing from the org HTML"
        );
    }
    assert!(!html.to_lowercase().contains("<script"));
    // CSV: a header and one row per change, the system's columns first.
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("system,tier,team,director,vp,sha,"));
    let changes: usize = systems
        .iter()
        .map(|a| a["changes"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len(), changes + 1);
}

#[test]
fn merging_in_any_order_and_in_stages_gives_the_same_bytes() {
    let org = run_docs_workflow();
    let reports = org.merge_workspace.join("reports");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let merge = |inputs: &[PathBuf], format: &str| -> Vec<u8> {
        let out = org
            .scratch
            .changegate()
            .args(["audit", "merge", "--format", format])
            .args(inputs)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    for format in ["json", "md", "csv", "html"] {
        let forward = merge(&files, format);
        let mut reversed = files.clone();
        reversed.reverse();
        assert_eq!(
            merge(&reversed, format),
            forward,
            "{format}: order changed the bytes"
        );
        // Stages: (1,2) then (3,4,5), then both stage outputs.
        let first = org.scratch.scratch().join("stage-1.json");
        let second = org.scratch.scratch().join("stage-2.json");
        std::fs::write(&first, merge(&files[..2], "json")).unwrap();
        std::fs::write(&second, merge(&files[2..], "json")).unwrap();
        assert_eq!(
            merge(&[second.clone(), first.clone()], format),
            forward,
            "{format}: staged merge differs"
        );
        // Overlapping stages (a system in both) merge to the same report.
        assert_eq!(
            merge(&[first, second, files[0].clone()], format),
            forward,
            "{format}: overlap differs"
        );
    }
    // A forged second copy of a system is refused, naming both files.
    let mut forged: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    forged["audit"]["changes"] = serde_json::json!([]);
    let forged_path = org.scratch.scratch().join("forged.json");
    std::fs::write(&forged_path, forged.to_string()).unwrap();
    let out = org
        .scratch
        .changegate()
        .args(["audit", "merge"])
        .arg(&files[0])
        .arg(&forged_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("with different audits") && stderr.contains("forged.json"),
        "{stderr}"
    );
}

#[cfg_attr(
    not(fixture_ci_schemas),
    ignore = "needs CI_SCHEMAS (SchemaStore's github-workflows.json and gitlab-ci.json; .ci/run sets it)"
)]
#[test]
fn the_matrices_validate_against_the_platforms_schemas() {
    let scratch = TestRepo::new();
    let inventory_file = scratch.scratch().join("systems.yml");
    // 300 GitHub systems (two shards) and 450 GitLab ones (three parallel:matrix jobs).
    let mut text = String::from("systems:\n");
    for i in 0..300 {
        text.push_str(&format!("  - {{ name: gh-{i:03}, repository: 'https://github.com/acme/gh-{i:03}', tier: 1, owners: {{ team: t }} }}\n"));
    }
    for i in 0..450 {
        text.push_str(&format!("  - {{ name: gl-{i:03}, repository: 'https://gitlab.com/acme/sub/gl-{i:03}', tier: 1, owners: {{ team: t }} }}\n"));
    }
    std::fs::write(&inventory_file, text).unwrap();
    let matrix = |args: &[&str]| {
        scratch
            .changegate()
            .args(["fleet", "matrix"])
            .arg(&inventory_file)
            .args(args)
            .output()
            .unwrap()
    };
    let unsharded = matrix(&["--platform", "github"]);
    assert_eq!(unsharded.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unsharded.stderr).contains("--shard 1/2"));
    let mut seen = 0;
    for shard in ["1/2", "2/2"] {
        let out = matrix(&["--platform", "github", "--shard", shard]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("450 systems are not on github"));
        let value: Value = serde_json::from_slice(&out.stdout).unwrap();
        let jobs = value["include"].as_array().unwrap().len();
        assert!(jobs <= 256);
        seen += jobs;
        // The matrix in place of the docs workflow's fromJSON expression.
        let mut workflow = serde_json::to_value(docs_workflow()).unwrap();
        workflow["jobs"]["audit"]["strategy"]["matrix"] = value;
        let errors = validate("github-workflows.json", &workflow);
        assert!(errors.is_empty(), "{errors:?}");
    }
    assert_eq!(seen, 300);
    let out = matrix(&["--platform", "gitlab"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let child = yaml_to_json(&String::from_utf8_lossy(&out.stdout));
    let errors = validate("gitlab-ci.json", &child);
    assert!(errors.is_empty(), "{errors:?}");
    for group in [
        "changegate-audit-1",
        "changegate-audit-2",
        "changegate-audit-3",
    ] {
        assert!(child[group]["parallel"]["matrix"].as_array().unwrap().len() <= 200);
    }
    // The docs' GitLab files (parent pipeline, templates) are valid GitLab CI too.
    let gitlab_docs: Vec<String> = yaml_blocks("docs/fleet.md")
        .into_iter()
        .filter(|b| b.contains("fleet-plan") || b.contains(".changegate-fleet-audit:"))
        .collect();
    assert_eq!(gitlab_docs.len(), 2);
    for block in gitlab_docs {
        let errors = validate("gitlab-ci.json", &yaml_to_json(&block));
        assert!(errors.is_empty(), "{block}\n{errors:?}");
    }
}

#[test]
fn a_bad_inventory_or_an_unknown_system_is_an_error() {
    let scratch = TestRepo::new();
    let file = scratch.scratch().join("systems.yml");
    std::fs::write(&file, "systems:\n  - { name: 'x; rm -rf /', repository: 'https://github.com/a/b', tier: 1, owners: { team: t } }\n").unwrap();
    let out = scratch
        .changegate()
        .args(["fleet", "matrix", "--platform", "github"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`name` must be"));
    std::fs::write(&file, inventory()).unwrap();
    scratch.write("a", "1\n");
    scratch.commit("base");
    let out = scratch
        .changegate()
        .args([
            "audit",
            "--since",
            "90d",
            "--offline",
            "--system",
            "nope",
            "--systems",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no system named \"nope\""));
}

/// Headless Chromium screenshots of the org page and a system's page at 1400 and 800 px. The
/// PNGs are left in the scratch dir named on failure; the layout was checked by eye when made.
#[cfg_attr(not(fixture_chromium), ignore = "needs Chromium on PATH")]
#[test]
fn the_org_report_renders_at_1400_and_800_px() {
    let org = run_docs_workflow();
    let system_page = org.scratch.scratch().join("checkout.html");
    let out = org._systems["checkout"]
        .changegate()
        .args([
            "audit",
            "--since",
            "90d",
            "--offline",
            "--format",
            "html",
            "-o",
        ])
        .arg(&system_page)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = [org.merge_workspace.join("org-audit.html"), system_page];
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("Chromium is required (CI installs it)");
    let out_dir = std::env::var_os("CHANGEGATE_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| org.scratch.scratch());
    std::fs::create_dir_all(&out_dir).unwrap();
    for page in &pages {
        for width in [1400, 800] {
            let shot = out_dir.join(format!(
                "{}-{width}.png",
                page.file_stem().unwrap().to_string_lossy()
            ));
            let profile = org.scratch.scratch().join(format!("profile-{width}"));
            let out = std::process::Command::new(browser)
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--hide-scrollbars",
                ])
                .arg(format!("--window-size={width},1400"))
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg(format!("--screenshot={}", shot.display()))
                .arg(format!("file://{}", page.display()))
                .output()
                .unwrap();
            let png = std::fs::read(&shot).unwrap_or_else(|_| {
                panic!("no screenshot: {}", String::from_utf8_lossy(&out.stderr))
            });
            assert!(png.starts_with(b"\x89PNG"));
            // The PNG's width is the window's: nothing forced the page wider.
            let png_width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
            assert_eq!(png_width, width);
            assert!(
                png.len() > 10_000,
                "the page rendered content ({} bytes)",
                png.len()
            );
        }
    }
}

/// `audit merge` on audit reports of five real public repositories (tests/corpus/fleet).
#[test]
fn reports_of_real_repositories_merge_order_free_with_totals_that_add_up() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/fleet");
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "the vendored reports");
    let scratch = TestRepo::new();
    let merge = |inputs: &[PathBuf], format: &str| -> Vec<u8> {
        let out = scratch
            .changegate()
            .args(["audit", "merge", "--format", format, "--systems"])
            .arg(corpus.join("systems.yml"))
            .args(inputs)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let json = merge(&files, "json");
    let org: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(org["missing"], serde_json::json!(["legacy-billing"]));
    // Totals are the sums of the inputs' categories.
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for file in &files {
        let report: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        for change in report["audit"]["changes"].as_array().unwrap() {
            for category in change["categories"].as_array().unwrap() {
                *expected
                    .entry(category.as_str().unwrap().to_owned())
                    .or_default() += 1;
            }
        }
    }
    for (category, n) in org["totals"].as_object().unwrap() {
        assert_eq!(
            n.as_u64().unwrap(),
            expected.get(category).copied().unwrap_or(0),
            "{category}"
        );
    }
    // Every order, and stages, give the same bytes in every format.
    for format in ["json", "md", "csv", "html"] {
        let forward = merge(&files, format);
        let rotated: Vec<PathBuf> = files[2..].iter().chain(&files[..2]).cloned().collect();
        let mut reversed = files.clone();
        reversed.reverse();
        assert_eq!(merge(&rotated, format), forward, "{format}");
        assert_eq!(merge(&reversed, format), forward, "{format}");
        let stage = scratch.scratch().join(format!("stage-{format}.json"));
        std::fs::write(&stage, merge(&files[..3], "json")).unwrap();
        let staged: Vec<PathBuf> = std::iter::once(stage)
            .chain(files[3..].iter().cloned())
            .collect();
        assert_eq!(merge(&staged, format), forward, "{format}: staged");
    }
    let md = String::from_utf8(merge(&files, "md")).unwrap();
    for system in [
        "terraform-aws-eks",
        "prometheus-helm-charts",
        "otel-helm-charts",
        "anyhow",
    ] {
        assert!(md.contains(system), "{system} missing from the md report");
    }
    assert!(md.contains("Not audited (in the inventory, no report): `legacy-billing`"));
}
