//! The patch source: a unified diff from a file or stdin, no repository needed.

use super::SourceError;
use crate::model::changeset::{ChangeSet, Rev};
use crate::source::diff::parse_patch;

/// Builds a `ChangeSet` from the bytes of a patch; `origin` names it in errors ("-" is stdin).
pub fn load_patch(bytes: &[u8], origin: &str) -> Result<ChangeSet, SourceError> {
    let files = parse_patch(bytes).map_err(|e| SourceError::Patch {
        origin: if origin == "-" {
            "<stdin>".into()
        } else {
            origin.to_owned()
        },
        line: e.line,
        message: e.message,
    })?;
    let mut change = ChangeSet {
        base: None,
        head: Some(Rev {
            name: format!("patch {}", if origin == "-" { "<stdin>" } else { origin }),
            sha: None,
        }),
        files,
        ..ChangeSet::default()
    };
    change.sort_files();
    if !change.files.is_empty() {
        change.notes.push(
            "a patch holds only the changed lines: line (regex) rules ran, but syntax items, config keys and query/key rules need both full versions (run on the repository instead)".into(),
        );
    }
    Ok(change)
}
