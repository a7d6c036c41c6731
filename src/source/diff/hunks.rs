//! Hunks from two full texts, with `similar` (Myers, no deadline: a deadline would make the
//! output depend on machine speed, and determinism is the product).

use crate::model::changeset::{Hunk, HunkLine, LineKind};
use similar::{Algorithm, ChangeTag, TextDiff};

/// Computes git-style hunks (`context` lines around each change) between `old` and `new`.
/// Works on bytes so that two non-UTF-8 lines that decode to the same lossy text still differ.
pub fn compute_hunks(old: &[u8], new: &[u8], context: usize) -> Vec<Hunk> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_lines(old, new);
    diff.grouped_ops(context)
        .iter()
        .filter_map(|group| {
            let (first, last) = (group.first()?, group.last()?);
            let old_range = first.old_range().start..last.old_range().end;
            let new_range = first.new_range().start..last.new_range().end;
            let lines = group
                .iter()
                .flat_map(|op| diff.iter_changes(op))
                .map(|change| {
                    let value = change.value();
                    let text = value.strip_suffix(b"\n").unwrap_or(value);
                    HunkLine {
                        kind: match change.tag() {
                            ChangeTag::Equal => LineKind::Context,
                            ChangeTag::Insert => LineKind::Added,
                            ChangeTag::Delete => LineKind::Removed,
                        },
                        text: String::from_utf8_lossy(text).into_owned(),
                        no_newline: !value.ends_with(b"\n"),
                    }
                })
                .collect();
            Some(Hunk {
                old_start: git_start(&old_range),
                old_len: to_u32(old_range.len()),
                new_start: git_start(&new_range),
                new_len: to_u32(new_range.len()),
                lines,
            })
        })
        .collect()
}

/// Git numbers an empty range by the line before it (`@@ -5,0 +6,2 @@`), a non-empty one by
/// its first line.
fn git_start(range: &std::ops::Range<usize>) -> u32 {
    if range.is_empty() {
        to_u32(range.start)
    } else {
        to_u32(range.start + 1)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertion_uses_git_numbering() {
        let hunks = compute_hunks(b"a\nb\nc\n", b"a\nb\nX\nY\nc\n", 0);
        assert_eq!(hunks.len(), 1);
        let h = &hunks[0];
        assert_eq!(
            (h.old_start, h.old_len, h.new_start, h.new_len),
            (2, 0, 3, 2)
        );
        assert_eq!(h.added_lines().collect::<Vec<_>>(), vec![3, 4]);
    }

    #[test]
    fn new_file_and_missing_final_newline() {
        let hunks = compute_hunks(b"", b"one\ntwo", 3);
        let h = &hunks[0];
        assert_eq!(
            (h.old_start, h.old_len, h.new_start, h.new_len),
            (0, 0, 1, 2)
        );
        assert!(h.lines[1].no_newline);
        assert!(!h.lines[0].no_newline);
    }

    #[test]
    fn non_utf8_lines_that_decode_alike_still_differ() {
        let hunks = compute_hunks(b"caf\xe9\n", b"caf\xe8\n", 0);
        assert_eq!(hunks[0].counts(), (1, 1));
    }

    #[test]
    fn identical_texts_have_no_hunks() {
        assert!(compute_hunks(b"same\n", b"same\n", 3).is_empty());
    }

    #[test]
    fn context_is_kept_around_changes() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        let h = &compute_hunks(old.as_bytes(), new.as_bytes(), 3)[0];
        assert_eq!(
            (h.old_start, h.old_len, h.new_start, h.new_len),
            (2, 7, 2, 7)
        );
        assert_eq!(h.counts(), (1, 1));
    }
}
