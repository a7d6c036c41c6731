//! The git hooks judge what git is about to record or send: real `git push` to a local bare
//! remote and real `git commit`, with the installed hooks.

mod common;

use common::TestRepo;
use std::ffi::OsString;
use std::path::PathBuf;

const GOOD: &str = "spec:\n  replicas: 3\n";
const ZERO: &str = "spec:\n  replicas: 0\n";

/// A repository whose `main` is pushed to a bare `origin`, with the pre-push hook installed.
fn pushed_repo() -> TestRepo {
    let repo = TestRepo::new();
    repo.write("deploy/app.yaml", GOOD);
    repo.commit("base");
    let remote = repo.scratch().join("origin.git");
    repo.git(&[
        "init",
        "-q",
        "--bare",
        "-b",
        "main",
        remote.to_str().unwrap(),
    ]);
    repo.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    repo.git(&["push", "-q", "origin", "main"]);
    repo.git(&["remote", "set-head", "origin", "main"]);
    repo.changegate().arg("install-hook").assert().code(0);
    repo
}

/// PATH with the changegate binary first (and git's own directories).
fn path_with_changegate() -> OsString {
    let bin = PathBuf::from(assert_cmd::cargo::cargo_bin!("changegate"));
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// PATH without any changegate (git and sh only).
fn path_without_changegate() -> OsString {
    let dirs: Vec<PathBuf> = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .filter(|d| !d.join("changegate").exists())
        .collect();
    std::env::join_paths(dirs).unwrap()
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn pre_push_judges_the_pushed_commits_not_the_working_tree() {
    let repo = pushed_repo();
    // Commit the outage, then hide it in the working tree without committing.
    repo.write("deploy/app.yaml", ZERO);
    repo.commit("scale to zero");
    repo.write("deploy/app.yaml", GOOD);
    let out = repo.git_with_path(&["push", "origin", "main"], &path_with_changegate());
    let log = text(&out);
    assert!(
        !out.status.success(),
        "the scaled-to-zero commit must not be pushed: {log}"
    );
    assert!(log.contains("k8s/replicas-to-zero"), "{log}");
    assert!(
        log.contains("judging refs/heads/main -> refs/heads/main"),
        "says which range it judged: {log}"
    );
    // Nothing reached the remote.
    let remote_head = repo.git(&["ls-remote", "origin", "refs/heads/main"]);
    let local_base = repo.git(&["rev-parse", "HEAD~1"]);
    assert!(remote_head.starts_with(local_base.trim()), "{remote_head}");
}

#[test]
fn pre_push_ignores_an_uncommitted_edit_that_is_not_pushed() {
    let repo = pushed_repo();
    repo.write("README.md", "# app\n");
    repo.commit("docs");
    // An uncommitted scale-to-zero is not part of the push.
    repo.write("deploy/app.yaml", ZERO);
    let out = repo.git_with_path(&["push", "origin", "main"], &path_with_changegate());
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn pre_push_judges_a_new_branch_from_where_it_leaves_the_default_branch_and_skips_deletions() {
    let repo = pushed_repo();
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/app.yaml", ZERO);
    repo.commit("scale to zero on a branch");
    let out = repo.git_with_path(&["push", "origin", "feature"], &path_with_changegate());
    let log = text(&out);
    assert!(!out.status.success(), "{log}");
    assert!(
        log.contains("judging refs/heads/feature -> refs/heads/feature"),
        "{log}"
    );

    // A harmless branch goes through; deleting it later is not judged at all.
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "docs"]);
    repo.write("README.md", "# app\n");
    repo.commit("docs");
    let out = repo.git_with_path(&["push", "origin", "docs"], &path_with_changegate());
    assert!(out.status.success(), "{}", text(&out));
    let out = repo.git_with_path(
        &["push", "origin", "--delete", "docs"],
        &path_with_changegate(),
    );
    let log = text(&out);
    assert!(out.status.success(), "{log}");
    assert!(!log.contains("judging"), "a deletion is skipped: {log}");
}

#[test]
fn without_changegate_on_path_the_hook_says_how_to_install_it() {
    let repo = pushed_repo();
    repo.write("README.md", "# app\n");
    repo.commit("docs");
    let out = repo.git_with_path(&["push", "origin", "main"], &path_without_changegate());
    let log = text(&out);
    assert!(!out.status.success());
    assert!(
        log.contains("needs the changegate binary on PATH") && log.contains("cargo install"),
        "{log}"
    );
    assert!(log.contains("git push --no-verify"), "{log}");
}

#[test]
fn pre_commit_judges_the_index_not_the_working_tree() {
    let repo = TestRepo::new();
    repo.write("deploy/app.yaml", GOOD);
    repo.commit("base");
    repo.changegate()
        .args(["install-hook", "--pre-commit"])
        .assert()
        .code(0);
    // Staged: the scale to zero. Working tree: back to 3. The commit would record the zero.
    repo.write("deploy/app.yaml", ZERO);
    repo.git(&["add", "deploy/app.yaml"]);
    repo.write("deploy/app.yaml", GOOD);
    let out = repo.git_with_path(&["commit", "-q", "-m", "zero"], &path_with_changegate());
    assert!(!out.status.success(), "{}", text(&out));
    // Staged: a harmless file; working tree: an unstaged zero. The commit goes through.
    repo.git(&["reset", "-q"]);
    repo.write("README.md", "# app\n");
    repo.git(&["add", "README.md"]);
    repo.write("deploy/app.yaml", ZERO);
    let out = repo.git_with_path(&["commit", "-q", "-m", "docs"], &path_with_changegate());
    assert!(out.status.success(), "{}", text(&out));
}
