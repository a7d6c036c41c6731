//! Every GitHub Actions workflow in the docs (a ```yaml block with top-level `jobs:`) is
//! extracted, parsed and checked for what a user copying it needs: actions pinned by commit SHA,
//! checkouts without persisted credentials, and changegate installed before a step runs it. The
//! extracted files are left in `target/docs-workflows/` for `.ci/run` to lint with zizmor.

use std::path::{Path, PathBuf};

/// The placeholder the docs use for a pinned SHA, replaced by a well-formed one for linting.
const PLACEHOLDER: &str = "<full commit sha>";
const DUMMY_SHA: &str = "0123456789abcdef0123456789abcdef01234567";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// `(origin, text)` of every workflow in the docs and the README.
fn workflows() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.push(root().join("README.md"));
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (index, block) in text.split("```yaml\n").skip(1).enumerate() {
            let block = block.split("\n```").next().unwrap_or("");
            for (part, doc) in block.split("\n---\n").enumerate() {
                if doc.lines().any(|l| l.starts_with("jobs:")) {
                    out.push((
                        format!("{name}#{index}.{part}"),
                        doc.replace(PLACEHOLDER, DUMMY_SHA),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn docs_workflows_are_pinned_credential_free_and_install_what_they_run() {
    let found = workflows();
    assert!(
        found.len() >= 4,
        "expected the docs' workflows, found {}",
        found.len()
    );
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
        .join("docs-workflows");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (origin, text) in &found {
        let workflow: serde_yaml::Value =
            serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{origin}: {e}"));
        for (job_name, job) in workflow["jobs"].as_mapping().expect("jobs") {
            let mut installed = false;
            for step in job["steps"].as_sequence().expect("steps") {
                if let Some(uses) = step["uses"].as_str() {
                    let (_, rev) = uses.split_once('@').unwrap_or((uses, ""));
                    assert!(
                        uses.starts_with("./")
                            || (rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit())),
                        "{origin} {job_name:?}: `{uses}` is not pinned by commit SHA"
                    );
                    if uses.starts_with("actions/checkout@") {
                        assert_eq!(
                            step["with"]["persist-credentials"].as_bool(),
                            Some(false),
                            "{origin} {job_name:?}: checkout leaves the token in .git/config"
                        );
                    }
                    installed |= uses.starts_with("changegate/changegate@");
                }
                if let Some(run) = step["run"].as_str() {
                    installed |= run.contains("cargo install") && run.contains("changegate");
                    let invokes = run
                        .lines()
                        .any(|l| l.trim_start().starts_with("changegate "));
                    assert!(
                        !invokes || installed,
                        "{origin} {job_name:?}: runs changegate without installing it first"
                    );
                }
            }
        }
        let file = origin.replace(['#', '.'], "_") + ".yml";
        std::fs::write(dir.join(file), text).unwrap();
    }
}
