//! `changegate policy test`: runs each declarative case (`policy::cases`) through the real gate.
//! Every case becomes a throwaway git repository — the policy under test (and its rule
//! directories) committed in the base with the `before` files, the `after` files in the head —
//! and is judged exactly as `check --base --head` judges a PR: with the base's policy, the
//! description as the PR's, the approvals as a reviews file.

use crate::policy::cases::{Case, CaseFile, Outcome};
use crate::policy::POLICY_FILE;
use anyhow::Context as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the test files; exit 0 when every case passes, 1 when one fails.
pub fn run(
    directory: Option<&Path>,
    config: Option<&Path>,
    files: &[PathBuf],
) -> anyhow::Result<u8> {
    let dir = super::working_dir(directory)?;
    let root = crate::source::git::Git::discover(&dir)
        .map(|g| g.root().to_path_buf())
        .unwrap_or(dir);
    let policy_path = config
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join(POLICY_FILE));
    let policy_text = std::fs::read_to_string(&policy_path).with_context(|| {
        format!(
            "cannot read the policy under test, {}",
            policy_path.display()
        )
    })?;
    // The policy must load before any case runs: its errors are the user's first problem.
    let policy = super::rules::effective_policy(directory, Some(&policy_path))?;
    let mut failed = 0;
    let mut total = 0;
    for file in files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let cases = CaseFile::parse(&text, &file.display().to_string())?;
        println!("{} (policy {})", file.display(), policy_path.display());
        for case in &cases.tests {
            total += 1;
            let outcome = judge(case, &policy_text, &policy.rule_dirs, &root)
                .with_context(|| format!("{}: case {:?}", file.display(), case.name))?;
            let mismatches = case.mismatches(&outcome);
            if mismatches.is_empty() {
                println!("ok      {}", case.name);
            } else {
                failed += 1;
                println!("FAILED  {}", case.name);
                for why in mismatches {
                    println!("        {why}");
                }
            }
        }
    }
    println!(
        "{total} test{}, {} passed, {failed} failed",
        if total == 1 { "" } else { "s" },
        total - failed
    );
    Ok(if failed == 0 { 0 } else { 1 })
}

/// Builds the case's repository and runs the gate on it.
fn judge(
    case: &Case,
    policy_text: &str,
    rule_dirs: &[String],
    root: &Path,
) -> anyhow::Result<Outcome> {
    let temp = tempfile::tempdir().context("cannot create a temp directory")?;
    let repo = temp.path().join("repo");
    std::fs::create_dir_all(&repo)?;
    git(&repo, &["init", "-q", "-b", "main"])?;
    write(&repo, POLICY_FILE, policy_text)?;
    for rule_dir in rule_dirs.iter().map(String::as_str).chain([".changegate"]) {
        copy_tree(&root.join(rule_dir), &repo.join(rule_dir))?;
    }
    for (path, sides) in &case.files {
        if let Some(before) = &sides.before {
            write(&repo, path, before)?;
        }
    }
    git(&repo, &["add", "-A"])?;
    git(&repo, &["commit", "-q", "--allow-empty", "-m", "base"])?;
    let base = git(&repo, &["rev-parse", "HEAD"])?;
    for (path, sides) in &case.files {
        match &sides.after {
            Some(after) => write(&repo, path, after)?,
            None => std::fs::remove_file(repo.join(path))
                .with_context(|| format!("{path} has no `before` to delete"))?,
        }
    }
    git(&repo, &["add", "-A"])?;
    git(
        &repo,
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            &format!("policy test: {}", case.name),
        ],
    )?;
    let head = git(&repo, &["rev-parse", "HEAD"])?;
    let description_file = match &case.description {
        Some(text) => {
            let path = temp.path().join("description.md");
            std::fs::write(&path, text)?;
            Some(path)
        }
        None => None,
    };
    let reviews_file = match case.reviews_json(&head) {
        Some(json) => {
            let path = temp.path().join("reviews.json");
            std::fs::write(&path, json)?;
            Some(path)
        }
        None => None,
    };
    let verdict = crate::check(&crate::CheckOptions {
        source: crate::SourceSpec::Git(crate::source::GitRequest {
            dir: repo.clone(),
            base: Some(base),
            head: crate::source::HeadSpec::Rev(head),
        }),
        config: None,
        description_file,
        limits: crate::source::Limits::default(),
        strict: false,
        reviews_file,
        platform_meta: None,
        platform_notes: Vec::new(),
        unverifiable_reviews: None,
        // Judged as CI judges a PR: missing documentation blocks.
        docs_pending: false,
        baselines: crate::policy::baseline::SharedReader(std::sync::Arc::new(
            crate::platform::baseline::Baselines::from_env(),
        )),
    })?;
    let mut rules: Vec<String> = verdict.findings.iter().map(|f| f.rule_id.clone()).collect();
    rules.sort();
    rules.dedup();
    let mut blocking: Vec<String> = verdict
        .findings
        .iter()
        .filter(|f| f.blocking)
        .map(|f| f.rule_id.clone())
        .collect();
    blocking.sort();
    blocking.dedup();
    Ok(Outcome {
        blocked: verdict.blocked,
        rules,
        blocking,
        tiers: verdict.tiers.iter().map(|t| t.name.clone()).collect(),
    })
}

/// Runs git in `repo` with a fixed identity and dates, no hooks, no signing, no user config.
fn git(repo: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "policy test")
        .env("GIT_AUTHOR_EMAIL", "policy-test@example.com")
        .env("GIT_COMMITTER_NAME", "policy test")
        .env("GIT_COMMITTER_EMAIL", "policy-test@example.com")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .args([
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .context("cannot run git")?;
    anyhow::ensure!(
        out.status.success(),
        "git {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn write(repo: &Path, path: &str, text: &str) -> anyhow::Result<()> {
    let full = repo.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&full, text).with_context(|| format!("cannot write {path}"))
}

/// Copies regular files under `from` (symlinks are not followed: the test sees what git would).
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(from) else {
        return Ok(());
    };
    if meta.is_file() {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, to)?;
    } else if meta.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(from)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
