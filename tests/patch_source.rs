//! The patch source (`--diff FILE|-`) through the real binary.

mod common;

use common::{rule_ids, TestRepo};

const TWO_FILES: &str = "\
diff --git a/deploy/app.yaml b/deploy/app.yaml
index 1111111..2222222 100644
--- a/deploy/app.yaml
+++ b/deploy/app.yaml
@@ -1,2 +1,2 @@
 name: app
-replicas: 3
+replicas: 0
diff --git a/src/main.rs b/src/main.rs
index 3333333..4444444 100644
--- a/src/main.rs
+++ b/src/main.rs
@@ -1 +1,2 @@
 fn main() {}
+fn helper() {}
diff --git a/assets/logo.png b/assets/logo.png
index 5555555..6666666 100644
Binary files a/assets/logo.png and b/assets/logo.png differ
";

/// Splits a git patch into its per-file sections.
fn sections(patch: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in patch.split_inclusive('\n') {
        if line.starts_with("diff --git ") || out.is_empty() {
            out.push(String::new());
        }
        out.last_mut().unwrap().push_str(line);
    }
    out
}

#[test]
fn patch_from_stdin_needs_no_repository() {
    let repo = TestRepo::new();
    let outside = repo.scratch();
    let out = repo
        .changegate_in(&outside)
        .args(["check", "--diff", "-", "--format", "json"])
        .write_stdin(TWO_FILES)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec!["assets/logo.png", "deploy/app.yaml", "src/main.rs"]
    );
    assert_eq!(report["head"]["name"], "patch <stdin>");
    assert!(rule_ids(&report).contains(&"docs/missing-section".to_owned()));
}

#[test]
fn shuffled_file_order_gives_the_same_verdict() {
    let repo = TestRepo::new();
    let dir = repo.scratch();
    let parts = sections(TWO_FILES);
    assert_eq!(parts.len(), 3);
    let orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]];
    let outputs: Vec<Vec<u8>> = orders
        .iter()
        .map(|order| {
            let patch: String = order.iter().map(|&i| parts[i].as_str()).collect();
            let out = repo
                .changegate_in(&dir)
                .args(["check", "--diff", "-", "--format", "json"])
                .write_stdin(patch)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1));
            out.stdout
        })
        .collect();
    for other in &outputs[1..] {
        assert_eq!(
            &outputs[0], other,
            "verdict depends on the patch's file order"
        );
    }
}

#[test]
fn malformed_patch_names_the_line() {
    let repo = TestRepo::new();
    let patch = repo.scratch().join("bad.patch");
    std::fs::write(&patch, "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n?? broken\n").unwrap();
    repo.changegate_in(&repo.scratch())
        .args(["check", "--diff", patch.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bad.patch:5: expected a hunk line",
        ))
        .stderr(predicates::str::contains("expected a hunk line"));
}

#[test]
fn not_a_patch_is_an_error() {
    let repo = TestRepo::new();
    repo.changegate_in(&repo.scratch())
        .args(["check", "--diff", "-"])
        .write_stdin("just some text\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no file header found"));
}

#[test]
fn empty_patch_passes() {
    let repo = TestRepo::new();
    let report = {
        let out = repo
            .changegate_in(&repo.scratch())
            .args(["check", "--diff", "-", "--format", "json"])
            .write_stdin("")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["summary"]["files"], 0);
}

#[test]
fn missing_patch_file_is_an_error() {
    let repo = TestRepo::new();
    repo.changegate_in(&repo.scratch())
        .args(["check", "--diff", "does-not-exist.patch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot read the patch does-not-exist.patch",
        ));
}

#[test]
fn patch_mode_reads_the_policy_of_the_current_directory() {
    let repo = TestRepo::new();
    let dir = repo.scratch();
    std::fs::write(
        dir.join(".changegate.yml"),
        "version: 1\ntiers:\n  lax:\n    paths: [\"**\"]\n    require:\n      complete_analysis: false\n",
    )
    .unwrap();
    let out = repo
        .changegate_in(&dir)
        .args(["check", "--diff", "-", "--format", "json"])
        .write_stdin(TWO_FILES)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Which policy judged is said plainly: the working copy's, not a base revision's.
    let policy = report["policy"].as_str().unwrap();
    assert!(
        policy.ends_with(".changegate.yml (the working copy's, not a base revision's)"),
        "{policy}"
    );
    assert_eq!(report["tiers"][0]["name"], "lax");
}
