//! `TestRepo`: a real git repository in a temp dir, driven by the `git` binary, and the real
//! `changegate` binary run inside it. Git is isolated from the machine's configuration so that
//! tests behave the same on a laptop and in CI.
#![allow(dead_code)]

pub mod openapi;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Environment that isolates git from the user's and the system's configuration.
fn isolate(cmd: &mut std::process::Command, home: &Path) {
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_AUTHOR_NAME", "Alice Author")
        .env("GIT_AUTHOR_EMAIL", "alice@example.com")
        .env("GIT_COMMITTER_NAME", "Alice Author")
        .env("GIT_COMMITTER_EMAIL", "alice@example.com")
        .env_remove("GIT_DIR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_TOKEN")
        .env_remove("GITLAB_CI")
        .env_remove("GH_TOKEN")
        .env_remove("GITLAB_TOKEN")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("CI_PROJECT_PATH")
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env_remove("GIT_WORK_TREE")
        .env("NO_COLOR", "1");
}

pub struct TestRepo {
    root: TempDir,
}

impl TestRepo {
    /// A new repository on branch `main` with no commits.
    pub fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join("repo")).unwrap();
        std::fs::create_dir_all(root.path().join("home")).unwrap();
        let repo = TestRepo { root };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Alice Author"]);
        repo.git(&["config", "user.email", "alice@example.com"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    /// A repository with `files` committed on `main` and a `feature` branch checked out.
    pub fn with_base<T: AsRef<[u8]>>(files: &[(&str, T)]) -> Self {
        let repo = TestRepo::new();
        for (path, contents) in files {
            repo.write(path, contents);
        }
        repo.commit("base");
        repo.git(&["checkout", "-q", "-b", "feature"]);
        repo
    }

    /// The work tree.
    pub fn path(&self) -> PathBuf {
        self.root.path().join("repo")
    }

    /// A scratch directory outside the repository.
    pub fn scratch(&self) -> PathBuf {
        let dir = self.root.path().join("scratch");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    /// Writes a file (creating directories).
    pub fn write(&self, path: &str, contents: impl AsRef<[u8]>) -> &Self {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, contents).unwrap();
        self
    }

    pub fn remove(&self, path: &str) -> &Self {
        std::fs::remove_file(self.path().join(path)).unwrap();
        self
    }

    /// Runs git in the repository; panics with stderr on failure; returns stdout.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.path(), args)
    }

    /// Runs git in `dir` with the same isolation.
    pub fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let mut cmd = std::process::Command::new("git");
        cmd.current_dir(dir).args(args);
        isolate(&mut cmd, &self.home());
        let out = cmd.output().expect("run git");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs git with `PATH` set to `path` (hooks find their programs there); returns the output,
    /// whatever the exit status.
    pub fn git_with_path(&self, args: &[&str], path: &std::ffi::OsStr) -> std::process::Output {
        let mut cmd = std::process::Command::new("git");
        cmd.current_dir(self.path()).args(args);
        isolate(&mut cmd, &self.home());
        cmd.env("PATH", path).output().expect("run git")
    }

    /// Stages everything and commits; returns the new commit id.
    pub fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
        self.git(&["rev-parse", "HEAD"]).trim().to_owned()
    }

    /// The changegate binary, run in the repository with isolated git.
    pub fn changegate(&self) -> Command {
        self.changegate_in(&self.path())
    }

    pub fn changegate_in(&self, dir: &Path) -> Command {
        let mut std_cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("changegate"));
        std_cmd.current_dir(dir);
        isolate(&mut std_cmd, &self.home());
        Command::from_std(std_cmd)
    }

    /// Writes `GOOD_DESCRIPTION` to a scratch file; returns its path for `--description-file`.
    pub fn description_file(&self) -> String {
        let path = self.scratch().join("pr.md");
        std::fs::write(&path, GOOD_DESCRIPTION).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// `check --base main --head HEAD` with a documented description: the JSON report.
    pub fn check_documented(&self, code: i32) -> serde_json::Value {
        let description = self.description_file();
        self.check_json(
            &[
                "--base",
                "main",
                "--head",
                "HEAD",
                "--description-file",
                &description,
            ],
            code,
        )
    }

    /// Runs `changegate check ARGS --format json`, asserts the exit code, returns the report.
    pub fn check_json(&self, args: &[&str], code: i32) -> serde_json::Value {
        let out = self
            .changegate()
            .arg("check")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "stdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("valid JSON report")
    }
}

/// Two JSON reports judge alike: the same findings (rule, severity, blocking, place), verdict,
/// summary, tiers, files, review, blast radius and AI signals. How the change was read (notes,
/// description source) may differ.
pub fn assert_same_verdict(local: &serde_json::Value, ci: &serde_json::Value) {
    let findings = |r: &serde_json::Value| -> Vec<String> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} {} {}",
                    f["rule_id"], f["severity"], f["blocking"], f["path"], f["range"]
                )
            })
            .collect()
    };
    assert_eq!(findings(local), findings(ci));
    for field in [
        "verdict",
        "summary",
        "tiers",
        "files",
        "review",
        "blast_radius",
        "ai_signals",
    ] {
        assert_eq!(local[field], ci[field], "{field}");
    }
}

/// The `files` entry for `path` in a JSON report.
pub fn file<'a>(report: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("no file {path} in {:#}", report["files"]))
}

/// Rule ids of all findings in a JSON report.
pub fn rule_ids(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_owned())
        .collect()
}

/// A description that satisfies the built-in policy's documentation requirements.
pub const GOOD_DESCRIPTION: &str = "\
# Scale the payments API down for the migration

## Risk
Low: payments keep one replica during the window, traffic is drained first.

## Rollback
Revert this commit and run the deploy job again; it takes five minutes.

## Testing
Ran the staging deploy and the smoke tests twice.
";

/// Panics unless `report` (an audit's `--format json`) validates against the checked-in
/// `schemas/audit.schema.json` — the documented contract of the JSON report.
pub fn assert_audit_schema(report: &serde_json::Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/audit.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the audit schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the audit report violates its schema: {errors:?}"
    );
}

/// The policy of the audit tests: deploy/ is tier-1 (two approvals, a Risk section), and
/// AI-assisted changes need one approval more.
pub const AUDIT_POLICY: &str = "version: 1
tiers:
  tier-1:
    paths: [\"deploy/**\"]
    require: { approvals: 2, docs: [risk] }
docs:
  risk: { heading: Risk, min_words: 3 }
ai_assisted:
  trailers: [\"Co-authored-by: *Copilot*\"]
  require: { extra_approvals: 1 }
";

/// A Risk section long enough for `AUDIT_POLICY`.
pub const AUDIT_DOCS: &str = "## Risk\nLow: one replica more during the day.";
