//! Deleted tests: a change that deletes a test file stops checking what it tested. Reported (not
//! blocking) so a reviewer sees it; a test moved elsewhere (same file name added in the same
//! change) is not a deletion.

use super::{Check, CheckContext};
use crate::analysis::syntax::testcode::is_test_file;
use crate::model::changeset::FileStatus;
use crate::model::{Finding, Severity};
use std::collections::BTreeSet;

pub struct TestsRemoved;

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
                || !(is_test_file(path) || file.test_module_of.is_some())
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
