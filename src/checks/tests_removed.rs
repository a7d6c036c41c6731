//! Deleted tests: a change that deletes a test file stops checking what it tested. Reported (not
//! blocking) so a reviewer sees it; a test moved elsewhere (same file name added in the same
//! change) is not a deletion.

use super::{Check, CheckContext};
use crate::model::changeset::FileStatus;
use crate::model::{Finding, Severity};
use std::collections::BTreeSet;

pub struct TestsRemoved;

/// A test by path: under a test directory, or named as one. Not examples, docs or fixtures
/// (which `exclude: [test-code]` also skips): deleting those removes no check.
fn is_test_file(path: &str) -> bool {
    const TEST_DIRS: [&str; 6] = ["tests", "test", "spec", "__tests__", "e2e", "unittests"];
    let name = file_name(path);
    let dirs: Vec<&str> = path.split('/').collect();
    dirs[..dirs.len().saturating_sub(1)]
        .iter()
        .any(|d| TEST_DIRS.contains(d))
        || [
            "_test.go",
            "_test.py",
            "_test.rs",
            "_spec.rb",
            "Test.java",
            "Tests.java",
        ]
        .iter()
        .any(|s| name.ends_with(s))
        || (name.starts_with("test_") && name.ends_with(".py"))
        || [".test.", ".spec."].iter().any(|m| name.contains(m))
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl Check for TestsRemoved {
    fn id(&self) -> &'static str {
        "tests"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let added: BTreeSet<&str> = cx
            .change
            .files
            .iter()
            .filter(|f| f.status == FileStatus::Added)
            .filter_map(|f| f.new_path.as_deref())
            .map(file_name)
            .collect();
        for file in &cx.change.files {
            let Some(path) = file.old_path.as_deref() else {
                continue;
            };
            if file.status != FileStatus::Deleted
                || !is_test_file(path)
                || added.contains(file_name(path))
            {
                continue;
            }
            let lines = file.old_text.as_deref().map_or(0, |t| t.lines().count());
            out.push(
                Finding::new(
                    self.id(),
                    "tests/file-removed",
                    Severity::Warning,
                    format!(
                        "test file deleted: {path}{}",
                        if lines > 0 {
                            format!(" ({lines} lines)")
                        } else {
                            String::new()
                        }
                    ),
                )
                .at(path, None)
                .note("what it tested is no longer checked: say in the description what covers it now, or keep it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_test_file;

    #[test]
    fn tests_by_path_but_not_examples_or_docs() {
        for path in [
            "spec/gitlab_shell_discover_spec.rb",
            "internal/command/x/x_test.go",
            "src/test/java/org/example/OwnerTests.java",
            "web/src/app.spec.ts",
        ] {
            assert!(is_test_file(path), "{path}");
        }
        for path in [
            "examples/vpc-flow-logs/s3.tf",
            "docs/guide.md",
            "src/lib.rs",
            "testing.md",
        ] {
            assert!(!is_test_file(path), "{path}");
        }
    }
}
