//! `changegate audit` on a scripted history: direct pushes, merges with review trailers, a
//! squash-merged PR approved by its author, an AI-assisted merge, and a policy change midway.

mod common;

use common::TestRepo;
use serde_json::Value;

use common::{AUDIT_DOCS as DOCS, AUDIT_POLICY as POLICY};

fn history() -> TestRepo {
    let repo = TestRepo::new();
    repo.write(".changegate.yml", POLICY)
        .write("deploy/a.yaml", "a: 1\n")
        .write("README.md", "x\n");
    repo.commit("base");
    repo.write("deploy/a.yaml", "a: 2\n");
    repo.commit("direct change to prod");
    // A reviewed merge.
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/b.yaml", "b: 1\n");
    repo.commit("add b");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&[
        "merge", "-q", "--no-ff", "feature", "-m",
        &format!("Merge pull request #10 from feature\n\n{DOCS}\n\nReviewed-by: Bob B <bob@example.com>\nReviewed-by: Carol C <carol@example.com>"),
    ]);
    // A squash-merged PR its author approved.
    repo.write("deploy/a.yaml", "a: 3\n");
    repo.commit(&format!(
        "Tweak a (#12)\n\n{DOCS}\n\nReviewed-by: Alice Author <alice@example.com>"
    ));
    // An AI-assisted merge with the tier's two approvals but not the extra one.
    repo.git(&["checkout", "-q", "-b", "ai"]);
    repo.write("deploy/c.yaml", "c: 1\n");
    repo.commit("add c");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&[
        "merge", "-q", "--no-ff", "ai", "-m",
        &format!("Merge pull request #14 from ai\n\n{DOCS}\n\nCo-authored-by: GitHub Copilot <copilot@github.com>\nReviewed-by: Bob B <bob@example.com>\nReviewed-by: Carol C <carol@example.com>"),
    ]);
    // The policy is loosened in the same change as a tier-1 edit.
    repo.write(".changegate.yml", "version: 1\n")
        .write("deploy/a.yaml", "a: 4\n");
    repo.commit(&format!("Loosen the gate (#13)\n\n{DOCS}\n\nReviewed-by: Bob B <bob@example.com>\nReviewed-by: Carol C <carol@example.com>"));
    // After that the loosened policy applies: this is no longer tier-1.
    repo.write("deploy/a.yaml", "a: 5\n");
    repo.commit("direct change after loosening");
    repo.write("README.md", "y\n");
    repo.commit("docs only");
    repo
}

fn audit_json(repo: &TestRepo) -> Value {
    let out = repo
        .changegate()
        .args(["audit", "--since", "2025-12-01", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = serde_json::from_slice(&out.stdout).unwrap();
    common::assert_audit_schema(&report);
    report
}

fn categories_of(audit: &Value, subject: &str) -> Vec<String> {
    let change = audit["audit"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"].as_str().unwrap().starts_with(subject))
        .unwrap_or_else(|| panic!("no change {subject:?} in {:#}", audit["audit"]["changes"]));
    change["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_category_is_found() {
    let repo = history();
    let audit = audit_json(&repo);
    assert_eq!(audit["schema_version"], 1);
    assert_eq!(
        categories_of(&audit, "direct change to prod"),
        vec!["direct_push", "undocumented"]
    );
    // Approved only by `Reviewed-by:` trailers (offline): anyone can write those, so the
    // change is never counted compliant.
    assert_eq!(
        categories_of(&audit, "Merge pull request #10"),
        vec!["unverified_approvals"]
    );
    assert_eq!(
        categories_of(&audit, "Tweak a (#12)"),
        vec!["self_approved", "too_few_approvals"]
    );
    assert_eq!(
        categories_of(&audit, "Merge pull request #14"),
        vec!["ai_without_extra_review"]
    );
    assert_eq!(
        categories_of(&audit, "Loosen the gate (#13)"),
        vec!["policy_changed_in_same_change"]
    );
    let subjects: Vec<&str> = audit["audit"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert!(
        !subjects.contains(&"direct change after loosening"),
        "judged by the loosened policy it was merged under"
    );
    assert!(!subjects.contains(&"docs only"));
    assert_eq!(audit["audit"]["commits_scanned"], 8);
    assert_eq!(audit["totals"]["compliant"], 0);
    assert_eq!(audit["totals"]["unverified_approvals"], 1);
    // Worst first: the root commit (pushed directly, undocumented, adding the policy) leads.
    assert_eq!(audit["audit"]["changes"][0]["subject"], "base");
    assert_eq!(
        categories_of(&audit, "base"),
        vec![
            "direct_push",
            "undocumented",
            "policy_changed_in_same_change"
        ]
    );
}

#[test]
fn markdown_and_csv_reports_and_path_filter() {
    let repo = history();
    let md = repo
        .changegate()
        .args(["audit", "--since", "2025-12-01"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("| direct push (no PR) | 2 |"), "{md}");
    assert!(md.contains("| `deploy` |"), "{md}");
    let csv = repo
        .changegate()
        .args(["audit", "--since", "2025-12-01", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with("sha,date,author,arrival,categories,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 6, "{csv}");
    let only_b = repo
        .changegate()
        .args([
            "audit",
            "--since",
            "2025-12-01",
            "--paths",
            "deploy/b.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let only_b: Value = serde_json::from_slice(&only_b.stdout).unwrap();
    assert_eq!(only_b["audit"]["changes"].as_array().unwrap().len(), 1);
    // Deterministic: the same history gives the same bytes.
    let again = repo
        .changegate()
        .args(["audit", "--since", "2025-12-01"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(again.stdout).unwrap(), md);
}

/// Chromium for the HTML test: required in CI (`.ci/run` installs it); without it locally the
/// test is ignored (build.rs sets `fixture_chromium`).
fn chromium() -> String {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|candidate| {
            std::process::Command::new(candidate)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("Chromium is required (CI installs it; locally this test is ignored without it)")
        .to_owned()
}

#[cfg_attr(not(fixture_chromium), ignore = "needs Chromium on PATH")]
#[test]
fn html_report_is_self_contained_and_renders_in_chromium() {
    let repo = history();
    let page = repo.scratch().join("audit.html");
    repo.changegate()
        .args(["audit", "--since", "2025-12-01", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .code(0);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg") && html.contains("Tier-1 changes per week"));
    assert!(html.contains("direct push (no PR)"));
    assert!(
        !html.to_lowercase().contains("<script"),
        "readable without JavaScript, no scripts"
    );
    let external =
        html.matches("http").count() - html.matches("http://www.w3.org/2000/svg").count();
    assert_eq!(external, 0, "no external resources");
    let browser = chromium();
    let shot = repo.scratch().join("audit.png");
    let profile = repo.scratch().join("chromium-profile");
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1000,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let png = std::fs::read(&shot)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    assert!(
        png.len() > 10_000,
        "the page rendered content ({} bytes)",
        png.len()
    );
}

#[test]
fn trailers_of_merged_commits_count_and_approvers_are_named() {
    let repo = TestRepo::new();
    repo.write(".changegate.yml", POLICY)
        .write("deploy/a.yaml", "a: 1\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/d.yaml", "d: 1\n");
    let assisted = repo.commit("add d\n\nCo-authored-by: GitHub Copilot <copilot@github.com>");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&[
        "merge", "-q", "--no-ff", "feature", "-m",
        &format!("Merge pull request #20 from feature\n\n{DOCS}\n\nReviewed-by: Bob B <bob@example.com>\nReviewed-by: Carol C <carol@example.com>"),
    ]);
    let audit = audit_json(&repo);
    assert_eq!(
        categories_of(&audit, "Merge pull request #20"),
        vec!["ai_without_extra_review"],
        "the AI trailer is on the merged commit, not the merge"
    );
    let change = &audit["audit"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == "Merge pull request #20 from feature")
        .unwrap();
    let signal = change["ai_signals"][0].as_str().unwrap();
    assert!(signal.contains(&assisted[..10]), "{signal}");
    assert_eq!(change["approvers"], serde_json::json!(["bob", "carol"]));
    assert_eq!(change["reviews_from"], "trailers");
    assert_eq!(change["required_approvals"], 3);
}

#[test]
fn the_default_branch_is_the_remotes_and_code_owners_are_areas() {
    let repo = history();
    repo.write(".changegate.yml", POLICY)
        .write(".github/CODEOWNERS", "deploy/ @octo/platform\n");
    repo.commit("restore the gate, add owners");
    repo.write("deploy/a.yaml", "a: 6\n");
    repo.commit(&format!("Owned change (#30)\n\n{DOCS}"));
    let clone = repo.scratch().join("clone");
    repo.git(&[
        "clone",
        "-q",
        repo.path().to_str().unwrap(),
        clone.to_str().unwrap(),
    ]);
    // A side branch checked out: the audit still walks the remote's default branch.
    repo.git_in(&clone, &["checkout", "-q", "-b", "side", "HEAD~3"]);
    let out = repo
        .changegate_in(&clone)
        .args(["audit", "--since", "2025-12-01", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let audit: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(audit["audit"]["branch"], "origin/main");
    assert_eq!(audit["audit"]["commits_scanned"], 10);
    let owned = audit["audit"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == "Owned change (#30)")
        .expect("judged by the restored policy");
    assert_eq!(owned["owners"], serde_json::json!(["@octo/platform"]));
    let md = repo
        .changegate_in(&clone)
        .args(["audit", "--since", "2025-12-01"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("| @octo/platform | 1 |"), "{md}");
}

#[test]
fn bad_windows_and_branches_are_clear_errors() {
    let repo = history();
    let out = repo
        .changegate()
        .args(["audit", "--since", "last tuesday"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("expected a date (2026-01-01) or an age in days (90d)"),
        "{stderr}"
    );
    let out = repo
        .changegate()
        .args(["audit", "--since", "90d", "--branch", "no-such-branch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-branch"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_shallow_clone_says_where_history_stops() {
    let repo = history();
    let clone = repo.scratch().join("shallow");
    let url = format!("file://{}", repo.path().display());
    repo.git(&["clone", "-q", "--depth", "3", &url, clone.to_str().unwrap()]);
    let out = repo
        .changegate_in(&clone)
        .args(["audit", "--since", "2025-12-01", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let audit: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        audit["audit"]["commits_scanned"], 2,
        "the boundary commit is not judged as if it added every file"
    );
    let notes = audit["audit"]["notes"].to_string();
    assert!(
        notes.contains("the clone is shallow") && notes.contains("fetch-depth: 0"),
        "{notes}"
    );
}

#[test]
fn the_audit_schema_is_printed_as_checked_in() {
    let repo = TestRepo::new();
    let out = repo
        .changegate()
        .args(["schema", "--audit"])
        .output()
        .unwrap();
    let checked_in = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/audit.schema.json"),
    )
    .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), checked_in);
}
