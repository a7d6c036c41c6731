//! The git source end to end: real repositories, the real binary, the JSON report.

mod common;

use common::{file, rule_ids, TestRepo};
use std::os::unix::fs::PermissionsExt;

fn lines(n: usize, tag: &str) -> String {
    (1..=n).map(|i| format!("{tag} line {i}\n")).collect()
}

/// A repository with one base commit on `main` and a `feature` branch checked out.
fn repo_with_base(files: &[(&str, &[u8])]) -> TestRepo {
    TestRepo::with_base(files)
}

#[test]
fn rename_with_edits_keeps_both_paths() {
    let original = lines(20, "shared");
    let repo = repo_with_base(&[("docs/old.md", original.as_bytes())]);
    repo.remove("docs/old.md");
    repo.write("docs/new.md", original.replace("line 7", "line seven"));
    repo.commit("rename");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = file(&report, "docs/new.md");
    assert_eq!(f["status"], "renamed");
    assert_eq!(f["old_path"], "docs/old.md");
    assert_eq!(
        (f["added"].as_u64(), f["removed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
}

#[test]
fn copy_is_detected_when_the_source_changes_too() {
    let original = lines(30, "copy");
    let repo = repo_with_base(&[("notes/a.txt", original.as_bytes())]);
    repo.write("notes/a.txt", format!("{original}extra\n"));
    repo.write("notes/b.txt", &original);
    repo.commit("copy");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = file(&report, "notes/b.txt");
    assert_eq!(f["status"], "copied");
    assert_eq!(f["old_path"], "notes/a.txt");
    assert_eq!(file(&report, "notes/a.txt")["status"], "modified");
}

#[test]
fn deletion_is_reported_by_its_old_path_and_tier() {
    let repo = repo_with_base(&[("infra/db.tf", b"resource \"x\" \"y\" {}\n")]);
    repo.remove("infra/db.tf");
    repo.commit("drop db");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = file(&report, "infra/db.tf");
    assert_eq!(f["status"], "deleted");
    assert_eq!(f["tier"], "tier-1");
    assert_eq!(f["removed"], 1);
}

#[test]
fn binary_file_is_kept_and_marked() {
    let repo = repo_with_base(&[("deploy/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0")]);
    repo.write("deploy/logo.png", b"\x89PNG\r\n\x1a\n\0\0\x01");
    repo.commit("new logo");
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
        ],
        0,
    );
    let f = file(&report, "deploy/logo.png");
    assert_eq!(f["content"], "binary");
    assert!(rule_ids(&report).contains(&"analysis/not-analysed".to_owned()));
}

#[test]
fn mode_change_only() {
    let repo = repo_with_base(&[("scripts/run.sh", b"echo hi\n")]);
    let path = repo.path().join("scripts/run.sh");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    repo.commit("make executable");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = file(&report, "scripts/run.sh");
    assert_eq!(f["status"], "modified");
    assert_eq!(
        (f["added"].as_u64(), f["removed"].as_u64()),
        (Some(0), Some(0))
    );
}

#[test]
fn unicode_and_spaces_in_paths() {
    let repo = repo_with_base(&[("config/café menu.yaml", b"a: 1\n")]);
    repo.write("config/café menu.yaml", "a: 2\n");
    repo.commit("edit");
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
        ],
        0,
    );
    assert_eq!(file(&report, "config/café menu.yaml")["tier"], "tier-1");
}

#[test]
fn crlf_file_keeps_line_structure() {
    let repo = repo_with_base(&[("win.txt", b"one\r\ntwo\r\nthree\r\n")]);
    repo.write("win.txt", b"one\r\n2\r\nthree\r\n");
    repo.commit("crlf");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = file(&report, "win.txt");
    assert_eq!(f["content"], "text");
    assert_eq!(
        (f["added"].as_u64(), f["removed"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn file_without_final_newline() {
    let repo = repo_with_base(&[("src/a.rs", b"fn a() {}")]);
    repo.write("src/a.rs", b"fn a() {}\nfn b() {}");
    repo.commit("no newline");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = file(&report, "src/a.rs");
    assert_eq!(
        (f["added"].as_u64(), f["removed"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(f["tier"], "tier-2");
}

#[test]
fn empty_file_added() {
    let repo = repo_with_base(&[("README.md", b"hi\n")]);
    repo.write("empty.txt", b"");
    repo.commit("empty");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = file(&report, "empty.txt");
    assert_eq!(f["status"], "added");
    assert_eq!(f["content"], "text");
    assert_eq!(f["added"], 0);
}

#[test]
fn non_utf8_file_is_marked_and_still_counted() {
    let repo = repo_with_base(&[("config/latin1.conf", b"name=caf\xe9\n")]);
    repo.write("config/latin1.conf", b"name=caf\xe8\n");
    repo.commit("latin1");
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
        ],
        0,
    );
    let f = file(&report, "config/latin1.conf");
    assert_eq!(f["content"], "non_utf8");
    assert_eq!(
        (f["added"].as_u64(), f["removed"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn huge_file_is_classified_by_path_only() {
    let repo = repo_with_base(&[("deploy/big.yaml", lines(100, "big").as_bytes())]);
    repo.write("deploy/big.yaml", lines(101, "big"));
    repo.commit("grow");
    let report = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--max-file-size",
            "500",
            "--description-file",
            &repo.description_file(),
        ],
        1,
    );
    let f = file(&report, "deploy/big.yaml");
    assert_eq!(f["content"], "too_large");
    assert_eq!(f["tier"], "tier-1");
    assert_eq!(f["analysis"]["status"], "not-analysed");
    assert_eq!(f["analysis"]["gaps"][0]["reason"], "too-large");
    // The first tier fails closed on a file of a parsed language it could not read.
    let blocking: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["blocking"] == true)
        .collect();
    assert_eq!(blocking.len(), 1, "{blocking:?}");
    assert_eq!(blocking[0]["rule_id"], "analysis/not-analysed");
    assert_eq!(blocking[0]["path"], "deploy/big.yaml");
}

#[test]
fn submodule_bump() {
    let repo = TestRepo::new();
    let sub = repo.scratch().join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    repo.git_in(&sub, &["init", "-q", "-b", "main"]);
    repo.git_in(&sub, &["commit", "-q", "--allow-empty", "-m", "one"]);
    repo.write("README.md", "x\n");
    repo.git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        sub.to_str().unwrap(),
        "vendor/sub",
    ]);
    repo.commit("add submodule");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    let inner = repo.path().join("vendor/sub");
    repo.git_in(&inner, &["commit", "-q", "--allow-empty", "-m", "two"]);
    repo.commit("bump");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let f = file(&report, "vendor/sub");
    assert_eq!(f["content"], "submodule");
    assert_eq!(f["status"], "modified");
    assert_eq!(
        (f["added"].as_u64(), f["removed"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn staged_versus_working_tree() {
    let repo = repo_with_base(&[("src/a.rs", b"a\n"), ("src/b.rs", b"b\n")]);
    repo.write("src/a.rs", "a2\n");
    repo.git(&["add", "src/a.rs"]);
    repo.write("src/b.rs", "b2\n");
    repo.write("untracked.txt", "u\n");

    let staged = repo.check_json(&["--staged"], 0);
    let paths: Vec<&str> = staged["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["src/a.rs"]);
    assert_eq!(staged["head"]["name"], "index");

    let worktree = repo.check_json(&[], 0);
    let paths: Vec<&str> = worktree["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["src/a.rs", "src/b.rs"]);
    assert_eq!(worktree["head"]["name"], "working tree");
    let notes = worktree["notes"].to_string();
    assert!(
        notes.contains("1 untracked file(s) not included"),
        "{notes}"
    );
    assert!(notes.contains("merge-base of HEAD and main"), "{notes}");
}

#[test]
fn detached_head_works_with_an_explicit_base() {
    let repo = repo_with_base(&[("a.txt", b"1\n")]);
    repo.write("a.txt", "2\n");
    let head = repo.commit("change");
    repo.git(&["checkout", "-q", "--detach", &head]);
    let report = repo.check_json(&["--base", "main"], 0);
    assert_eq!(file(&report, "a.txt")["status"], "modified");
    // And the default base still resolves through `main`.
    let report = repo.check_json(&[], 0);
    assert_eq!(report["base"]["name"], "main");
}

#[test]
fn default_base_prefers_the_remote_default_branch() {
    let upstream = TestRepo::new();
    upstream.write("a.txt", "1\n");
    upstream.commit("base");
    let clone_dir = upstream.scratch().join("clone");
    upstream.git_in(
        &upstream.scratch(),
        &["clone", "-q", upstream.path().to_str().unwrap(), "clone"],
    );
    std::fs::write(clone_dir.join("a.txt"), "2\n").unwrap();
    let out = upstream
        .changegate_in(&clone_dir)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["base"]["name"], "origin/HEAD");
    assert_eq!(report["files"][0]["path"], "a.txt");
}

#[test]
fn no_upstream_is_a_clear_error() {
    let repo = TestRepo::new();
    repo.git(&["checkout", "-q", "-b", "trunk"]);
    repo.write("a.txt", "1\n");
    repo.commit("base");
    repo.changegate()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no upstream branch to compare with",
        ))
        .stderr(predicates::str::contains("--base"));
}

#[test]
fn not_a_git_repository() {
    let repo = TestRepo::new();
    let outside = repo.scratch();
    repo.changegate_in(&outside)
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not inside a git repository"));
}

#[test]
fn repository_without_commits() {
    let repo = TestRepo::new();
    repo.write("a.txt", "1\n");
    repo.changegate()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no commits yet"));
}

#[test]
fn unknown_revision() {
    let repo = repo_with_base(&[("a.txt", b"1\n")]);
    repo.changegate()
        .args(["check", "--base", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown revision `no-such-branch`",
        ));
    repo.changegate()
        .args(["check", "--base", "main", "--head", "nope^^"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown revision `nope^^`"));
}

#[test]
fn invalid_policy_at_base_is_an_error_with_line_and_column() {
    let repo = repo_with_base(&[(
        ".changegate.yml",
        b"version: 1\ntiers:\n  t1:\n    pathz: [\"x\"]\n",
    )]);
    repo.changegate()
        .args(["check", "--base", "main"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".changegate.yml at base"))
        .stderr(predicates::str::contains(":4:5"))
        .stderr(predicates::str::contains("unknown field `pathz`"));
}

#[test]
fn invalid_config_flag_file_is_an_error_with_line_and_column() {
    let repo = repo_with_base(&[("a.txt", b"1\n")]);
    let config = repo.scratch().join("policy.yml");
    std::fs::write(
        &config,
        "version: 1\ntiers:\n  t1:\n    paths: [\"x\"]\n    require:\n      approvals: -3\n",
    )
    .unwrap();
    repo.changegate()
        .args([
            "check",
            "--base",
            "main",
            "--config",
            config.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("policy.yml:6:18"))
        .stderr(predicates::str::contains("approvals: -3"));
}

#[test]
fn tier_one_change_without_docs_blocks_and_with_docs_passes() {
    let repo = repo_with_base(&[("deploy/payments.yaml", b"replicas: 3\n")]);
    repo.write("deploy/payments.yaml", "replicas: 1\n");
    repo.commit("scale down");

    // Locally the commit messages stand in for the PR description: what they lack is pending
    // (CI requires it of the PR), not blocking.
    let pending = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let docs: Vec<&serde_json::Value> = pending["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "docs/missing-section")
        .collect();
    assert_eq!(docs.len(), 3, "{docs:#?}");
    for f in docs {
        assert_eq!(f["severity"], "info");
        assert!(f["message"]
            .as_str()
            .unwrap()
            .starts_with("pending: CI will require"));
    }

    let passed = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
        ],
        0,
    );
    assert_eq!(passed["verdict"], "pass");
    assert!(!rule_ids(&passed).iter().any(|id| id.starts_with("docs/")));
    // The approval requirement is still stated, as information.
    assert!(rule_ids(&passed).contains(&"review/approvals-required".to_owned()));

    // --strict turns what a local run cannot verify into a failure.
    let strict = repo.check_json(
        &[
            "--base",
            "main",
            "--head",
            "HEAD",
            "--description-file",
            &repo.description_file(),
            "--strict",
        ],
        1,
    );
    assert_eq!(strict["verdict"], "blocked");
}

#[test]
fn docs_can_come_from_commit_messages() {
    let repo = repo_with_base(&[("deploy/payments.yaml", b"replicas: 3\n")]);
    repo.write("deploy/payments.yaml", "replicas: 1\n");
    repo.commit(
        "Scale payments down\n\nRisk: low, one replica stays up during the migration window.\nRollback: revert this commit and run the deploy job again.\nTesting: staging deploy plus smoke tests.",
    );
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    assert_eq!(report["description_source"], "the message of 1 commit");
}

#[test]
fn short_and_placeholder_sections_point_into_the_description() {
    let repo = repo_with_base(&[("deploy/payments.yaml", b"replicas: 3\n")]);
    repo.write("deploy/payments.yaml", "replicas: 1\n");
    repo.commit("scale");
    let pr = repo.scratch().join("pr.md");
    std::fs::write(&pr, "## Risk\nlow\n\n## Rollback\nTBD\n\n## Testing\n<!-- how did you test? -->\nran the smoke tests\n").unwrap();
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
    let findings = report["findings"].as_array().unwrap();
    let risk = findings
        .iter()
        .find(|f| f["rule_id"] == "docs/short-section")
        .unwrap();
    assert_eq!(risk["range"]["start_line"], 1);
    assert_eq!(risk["path"], pr.to_str().unwrap());
    let rollback = findings
        .iter()
        .find(|f| f["rule_id"] == "docs/empty-section")
        .unwrap();
    assert_eq!(rollback["range"]["start_line"], 4);
    assert_eq!(
        findings
            .iter()
            .filter(|f| f["rule_id"].as_str().unwrap().starts_with("docs/"))
            .count(),
        2
    );
}

#[test]
fn policy_comes_from_the_base_not_from_the_change() {
    let strict = "version: 1\ntiers:\n  tier-1:\n    paths: [\"src/**\"]\n    require:\n      docs: [risk]\ndocs:\n  risk: { heading: Risk, min_words: 3 }\n";
    let repo = repo_with_base(&[
        (".changegate.yml", strict.as_bytes()),
        ("src/a.rs", b"fn a() {}\n"),
    ]);
    // The change loosens the policy and touches tier-1 code in the same breath.
    repo.write(".changegate.yml", "version: 1\n");
    repo.write("src/a.rs", "fn a() { b() }\n");
    repo.commit("loosen");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    assert!(report["policy"]
        .as_str()
        .unwrap()
        .starts_with(".changegate.yml at base"));
    let ids = rule_ids(&report);
    assert!(ids.contains(&"docs/missing-section".to_owned()), "{ids:?}");
    assert!(ids.contains(&"gate/policy-changed".to_owned()), "{ids:?}");
    assert_eq!(file(&report, ".changegate.yml")["tier"], "tier-1");
    assert_eq!(file(&report, ".changegate.yml")["gate_file"], true);
}

#[test]
fn a_policy_added_by_the_change_does_not_judge_it() {
    let repo = repo_with_base(&[("src/a.rs", b"fn a() {}\n")]);
    repo.write(".changegate.yml", "version: 1\n");
    repo.commit("add lax policy");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD", "--strict"], 1);
    assert_eq!(report["policy"], "built-in defaults");
    assert!(report["notes"]
        .to_string()
        .contains("takes effect after merge"));
}

#[test]
fn text_report_is_rustc_style_with_summary() {
    let repo = repo_with_base(&[(
        ".changegate.yml",
        b"version: 1\ntiers:\n  t1:\n    paths: [\"x/**\"]\n",
    )]);
    repo.write(
        ".changegate.yml",
        "version: 1\ntiers:\n  t1:\n    paths: [\"y/**\"]\n",
    );
    repo.commit("edit policy");
    let out = repo
        .changegate()
        .args(["check", "--base", "main", "--head", "HEAD"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("warning[gate/policy-changed]"), "{text}");
    assert!(text.contains("--> .changegate.yml:4:1"), "{text}");
    assert!(text.contains("4 |     paths: [\"y/**\"]"), "{text}");
    assert!(text.contains("changegate: PASS"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour when not a terminal: {text}"
    );
    let colored = repo
        .changegate()
        .args([
            "--color", "always", "check", "--base", "main", "--head", "HEAD",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(colored.stdout)
        .unwrap()
        .contains('\u{1b}'));
}

#[test]
fn output_is_byte_identical_across_runs() {
    let repo = repo_with_base(&[
        ("deploy/a.yaml", b"a: 1\n"),
        ("src/b.rs", b"fn b() {}\n"),
        ("z.txt", b"z\n"),
    ]);
    repo.write("deploy/a.yaml", "a: 2\n")
        .write("src/b.rs", "fn b() { c() }\n")
        .write("y.txt", "y\n");
    repo.remove("z.txt");
    repo.commit("several");
    for format in ["text", "json"] {
        let run = || {
            repo.changegate()
                .args([
                    "check", "--base", "main", "--head", "HEAD", "--format", format,
                ])
                .output()
                .unwrap()
        };
        let (first, second) = (run(), run());
        assert_eq!(first.status.code(), Some(0));
        assert_eq!(
            first.stdout, second.stdout,
            "{format} output differs between runs"
        );
    }
}

#[test]
fn git_and_patch_sources_agree() {
    let repo = repo_with_base(&[
        ("deploy/a.yaml", b"a: 1\nb: 2\nc: 3\n"),
        ("src/lib.rs", lines(40, "code").as_bytes()),
        ("old.txt", lines(12, "old").as_bytes()),
    ]);
    repo.write("deploy/a.yaml", "a: 1\nb: 20\nc: 3\nd: 4\n");
    repo.write(
        "src/lib.rs",
        lines(40, "code")
            .replace("line 3\n", "line three\n")
            .replace("line 30\n", ""),
    );
    repo.remove("old.txt");
    repo.write("renamed.txt", lines(12, "old"));
    repo.commit("mixed");
    let patch = repo.git(&["diff", "-M", "main", "HEAD"]);
    let patch_file = repo.scratch().join("change.patch");
    std::fs::write(&patch_file, patch).unwrap();

    let from_git = repo.check_json(&["--base", "main", "--head", "HEAD", "--strict"], 1);
    let from_patch = repo.check_json(&["--diff", patch_file.to_str().unwrap(), "--strict"], 1);
    // A patch has no full texts, so no syntax items; everything the diff itself says must agree.
    let facts = |report: &serde_json::Value| -> Vec<String> {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} {} +{} -{} {}",
                    f["path"],
                    f["old_path"],
                    f["status"],
                    f["tier"],
                    f["added"],
                    f["removed"],
                    f["language"]
                )
            })
            .collect()
    };
    assert_eq!(facts(&from_git), facts(&from_patch));
    assert_eq!(from_git["tiers"], from_patch["tiers"]);
    // The one documented difference: the patch's files are not parsed, and say so.
    let without_coverage = |report: &serde_json::Value| -> Vec<String> {
        rule_ids(report)
            .into_iter()
            .filter(|id| id != "analysis/not-analysed")
            .collect()
    };
    assert_eq!(without_coverage(&from_git), without_coverage(&from_patch));
    let yaml = file(&from_patch, "deploy/a.yaml");
    assert_eq!(yaml["analysis"]["gaps"][0]["reason"], "patch-only");
    assert_eq!(
        file(&from_git, "deploy/a.yaml")["analysis"]["status"],
        "complete"
    );
}

/// Past git's default rename limit (1,000 candidates) inexact renames are dropped with only a
/// warning: 1,100 moved-and-edited files would become 1,100 added + 1,100 deleted files, their
/// old code "new". changegate raises the limit, so they stay renames.
#[test]
fn a_large_move_stays_a_move() {
    let files: Vec<(String, String)> = (0..1100)
        .map(|i| {
            (
                format!("old/f{i}.txt"),
                format!("file {i}\nline two of {i}\nline three of {i}\nline four\n"),
            )
        })
        .collect();
    let base: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_bytes()))
        .collect();
    let repo = repo_with_base(&base);
    for (path, text) in &files {
        repo.remove(path);
        repo.write(&path.replace("old/", "new/"), format!("{text}edited\n"));
    }
    repo.commit("move everything");
    let report = repo.check_json(&["--base", "main", "--head", "HEAD"], 0);
    let statuses: std::collections::BTreeSet<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        ["renamed"],
        "{:#}",
        report["notes"]
    );
    assert!(!report["notes"]
        .to_string()
        .contains("skipped rename detection"));
}
