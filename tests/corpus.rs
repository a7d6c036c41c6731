//! The real-world corpus (tests/corpus/, picked by tests/corpus/pick.py from public repositories,
//! licences kept, manifest.json naming each repository and commit): every picked commit is
//! rebuilt as a two-commit repository (both sides of each changed file, the commit's own
//! message) and checked by the real binary. It must give a verdict (exit 0 or 1), never an
//! internal error, and the findings must equal the reviewed snapshot.

mod common;

use common::TestRepo;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn manifest() -> serde_json::Value {
    let path = corpus().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the corpus is committed; regenerate it with tests/corpus/pick.py)",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("manifest.json is JSON")
}

fn copy_tree(from: &Path, repo: &TestRepo, prefix: &Path) {
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    let mut entries: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for entry in entries {
        let relative = prefix.join(entry.file_name().unwrap());
        if entry.is_dir() {
            copy_tree(&entry, repo, &relative);
        } else {
            repo.write(relative.to_str().unwrap(), std::fs::read(&entry).unwrap());
        }
    }
}

/// Checks every commit of one corpus repository; returns the snapshot text.
fn check_repository(slug: &str) -> String {
    let manifest = manifest();
    let entry = manifest["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == slug)
        .unwrap_or_else(|| panic!("{slug} is not in manifest.json"));
    for licence in entry["license_files"].as_array().unwrap() {
        let path = corpus().join(slug).join(licence.as_str().unwrap());
        assert!(path.is_file(), "{} is missing", path.display());
    }
    let mut snapshot = String::new();
    for commit in entry["commits"].as_array().unwrap() {
        let sha = commit["sha"].as_str().unwrap();
        let dir = corpus().join(slug).join(&sha[..12]);
        let repo = TestRepo::new();
        copy_tree(&dir.join("old"), &repo, Path::new(""));
        repo.commit("base");
        for file in commit["files"].as_array().unwrap() {
            if let Some(old) = file["old_path"].as_str() {
                let _ = std::fs::remove_file(repo.path().join(old));
            }
        }
        copy_tree(&dir.join("new"), &repo, Path::new(""));
        repo.git(&["add", "-A"]);
        let message = dir.join("message.txt");
        repo.git(&[
            "commit",
            "-q",
            "--allow-empty",
            "-F",
            message.to_str().unwrap(),
        ]);
        let out = repo
            .changegate()
            .args([
                "check", "--base", "HEAD~1", "--head", "HEAD", "--format", "json",
            ])
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{slug} {sha}: exit {code:?}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{slug} {sha}: {e}"));
        let _ = writeln!(
            snapshot,
            "## {} ({}) exit {}",
            &sha[..12],
            commit["picked"].as_str().unwrap_or(""),
            code.unwrap_or(-1)
        );
        let mut no_grammar = Vec::new();
        for file in report["files"].as_array().unwrap() {
            let analysis = &file["analysis"];
            if analysis["status"] == "complete" {
                continue;
            }
            let gaps = analysis["gaps"].as_array().unwrap();
            if gaps.iter().all(|g| g["reason"] == "unsupported-language") {
                no_grammar.push(file["path"].as_str().unwrap());
                continue;
            }
            let reasons: Vec<&str> = analysis["gaps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["reason"].as_str().unwrap())
                .collect();
            let _ = writeln!(
                snapshot,
                "  not analysed {} [{}]: {}",
                file["path"].as_str().unwrap(),
                file["tier"].as_str().unwrap_or("untiered"),
                reasons.join(", ")
            );
        }
        if !no_grammar.is_empty() {
            let _ = writeln!(snapshot, "  no grammar: {}", no_grammar.join(", "));
        }
        for finding in report["findings"].as_array().unwrap() {
            let rule = finding["rule_id"].as_str().unwrap();
            assert_ne!(
                rule, "analysis/internal-error",
                "{slug} {sha}: {}",
                finding["message"]
            );
            let place = match (
                finding["path"].as_str(),
                finding["range"]["start_line"].as_u64(),
            ) {
                (Some(path), Some(line)) => format!("{path}:{line}"),
                (Some(path), None) => path.to_owned(),
                _ => "change".to_owned(),
            };
            let _ = writeln!(
                snapshot,
                "  {}{rule} {place}",
                if finding["blocking"] == true {
                    "BLOCKS "
                } else {
                    ""
                },
            );
        }
    }
    snapshot
}

macro_rules! corpus_tests {
    ($($name:ident => $slug:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            let snapshot = check_repository($slug);
            insta::assert_snapshot!(concat!("corpus_", $slug), snapshot);
        }
    )*};
}

corpus_tests! {
    terraform_aws_vpc => "terraform-aws-vpc",
    terraform_aws_iam => "terraform-aws-iam",
    microservices_demo => "microservices-demo",
    argo_helm => "argo-helm",
    spring_petclinic => "spring-petclinic",
    anyhow => "anyhow",
    cobra => "cobra",
    flask => "flask",
    ky => "ky",
    gitlab_shell => "gitlab-shell",
}

#[test]
fn every_corpus_repository_has_a_test() {
    let manifest = manifest();
    let slugs: Vec<&str> = manifest["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    let this = include_str!("corpus.rs");
    for slug in slugs {
        assert!(
            this.contains(&format!("=> \"{slug}\"")),
            "{slug} has no test"
        );
    }
}
