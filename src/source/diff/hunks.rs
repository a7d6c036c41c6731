//! Hunks from two full texts, with `similar` (Myers, no deadline: a deadline would make the
//! output depend on machine speed, and determinism is the product).
//!
//! Lines are interned first, and lines that do not occur on the other side at all are set aside
//! before Myers runs (git's xdiff does the same): such a line is an insertion or a deletion in
//! every alignment, so the longest common subsequence — and so the number of changed lines —
//! is exactly what Myers finds on the whole texts, while a rewritten file no longer costs
//! O(N·D) over all its lines. On 709 rewritten rust-analyzer files: 3.4 s → 0.75 s.

use crate::model::changeset::{Hunk, HunkLine, LineKind};
use similar::{Algorithm, DiffOp};
use std::collections::HashMap;
use std::sync::Arc;

/// Computes git-style hunks (`context` lines around each change) between `old` and `new`.
/// Works on bytes so that two non-UTF-8 lines that decode to the same lossy text still differ.
pub fn compute_hunks(old: &[u8], new: &[u8], context: usize) -> Vec<Hunk> {
    hunks_with(old, new, context, |kind, _, line| {
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        HunkLine::owned(kind, String::from_utf8_lossy(text), !line.ends_with(b"\n"))
    })
}

/// `compute_hunks` on two texts the file keeps: each line is a place in its side's text, not a
/// copy (on a 1,400-file change the copies were half the heap). An absent side is empty.
pub fn compute_hunks_shared(
    old: Option<&Arc<str>>,
    new: Option<&Arc<str>>,
    context: usize,
) -> Vec<Hunk> {
    let empty: Arc<str> = Arc::from("");
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    hunks_with(
        old.as_bytes(),
        new.as_bytes(),
        context,
        |kind, on_new, line| {
            let source = if on_new { new } else { old };
            // The line is a slice of `source`'s bytes: its place is its distance from the start.
            let start = line.as_ptr() as usize - source.as_ptr() as usize;
            let text_len = line.strip_suffix(b"\n").unwrap_or(line).len();
            HunkLine::shared(
                kind,
                source,
                start..start + text_len,
                !line.ends_with(b"\n"),
            )
        },
    )
}

/// The hunks, with `line(kind, on_new_side, bytes)` making each line (`bytes` with its newline).
fn hunks_with<'a>(
    old: &'a [u8],
    new: &'a [u8],
    context: usize,
    line: impl Fn(LineKind, bool, &'a [u8]) -> HunkLine,
) -> Vec<Hunk> {
    let (old_lines, new_lines) = (split_lines(old), split_lines(new));
    let ops = line_ops(&old_lines, &new_lines);
    similar::group_diff_ops(ops, context)
        .iter()
        .filter_map(|group| {
            let (first, last) = (group.first()?, group.last()?);
            let old_range = first.old_range().start..last.old_range().end;
            let new_range = first.new_range().start..last.new_range().end;
            let mut lines = Vec::new();
            for op in group {
                let (old, new) = (op.old_range(), op.new_range());
                if let DiffOp::Equal { .. } = op {
                    // Context lines are taken from the new side (they are the same bytes).
                    lines.extend(
                        new_lines[new]
                            .iter()
                            .map(|l| line(LineKind::Context, true, l)),
                    );
                    continue;
                }
                lines.extend(
                    old_lines[old]
                        .iter()
                        .map(|l| line(LineKind::Removed, false, l)),
                );
                lines.extend(
                    new_lines[new]
                        .iter()
                        .map(|l| line(LineKind::Added, true, l)),
                );
            }
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

/// Lines as git splits them: at `\n`, each keeping its newline (a last line without one
/// differs from the same text with one).
fn split_lines(text: &[u8]) -> Vec<&[u8]> {
    text.split_inclusive(|&b| b == b'\n').collect()
}

/// The edit script between two line lists: equal runs, and for each gap between them the
/// deleted lines, then the inserted ones.
fn line_ops<'a>(old: &[&'a [u8]], new: &[&'a [u8]]) -> Vec<DiffOp> {
    // Interned ids in order of first appearance: the same texts always get the same ids.
    let mut ids: HashMap<&'a [u8], u32> = HashMap::new();
    let mut intern = |lines: &[&'a [u8]]| -> Vec<u32> {
        lines
            .iter()
            .map(|line| {
                let next = to_u32(ids.len());
                *ids.entry(line).or_insert(next)
            })
            .collect()
    };
    let (old_ids, new_ids) = (intern(old), intern(new));
    let mut in_old = vec![false; ids.len()];
    let mut in_new = vec![false; ids.len()];
    old_ids.iter().for_each(|&id| in_old[id as usize] = true);
    new_ids.iter().for_each(|&id| in_new[id as usize] = true);
    // Positions of the lines that have a counterpart on the other side.
    let old_kept: Vec<usize> = (0..old_ids.len())
        .filter(|&i| in_new[old_ids[i] as usize])
        .collect();
    let new_kept: Vec<usize> = (0..new_ids.len())
        .filter(|&i| in_old[new_ids[i] as usize])
        .collect();
    let reduced = |kept: &[usize], ids: &[u32]| kept.iter().map(|&i| ids[i]).collect::<Vec<_>>();
    let (old_reduced, new_reduced) = (reduced(&old_kept, &old_ids), reduced(&new_kept, &new_ids));
    let (mut old_changed, mut new_changed) = (vec![true; old.len()], vec![true; new.len()]);
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_reduced, &new_reduced) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                old_changed[old_kept[old_index + k]] = false;
                new_changed[new_kept[new_index + k]] = false;
            }
        }
    }
    // Unchanged lines pair up in order on both sides.
    let run = |flags: &[bool], from: usize, value: bool| {
        flags[from..].iter().take_while(|&&f| f == value).count()
    };
    let (mut ops, mut i, mut j) = (Vec::new(), 0, 0);
    while i < old.len() || j < new.len() {
        // `run` is 0 at the end of a side.
        let equal = run(&old_changed, i, false).min(run(&new_changed, j, false));
        if equal > 0 {
            ops.push(DiffOp::Equal {
                old_index: i,
                new_index: j,
                len: equal,
            });
            i += equal;
            j += equal;
            continue;
        }
        let (mut deleted, mut inserted) = (run(&old_changed, i, true), run(&new_changed, j, true));
        if deleted == 0 && inserted == 0 {
            // An unchanged line with no partner left cannot happen (both sides keep the same
            // number); were it to, the line is reported as changed rather than loop forever.
            deleted = usize::from(i < old.len());
            inserted = usize::from(j < new.len());
        }
        if deleted > 0 {
            ops.push(DiffOp::Delete {
                old_index: i,
                old_len: deleted,
                new_index: j,
            });
        }
        if inserted > 0 {
            ops.push(DiffOp::Insert {
                old_index: i + deleted,
                new_index: j,
                new_len: inserted,
            });
        }
        i += deleted;
        j += inserted;
    }
    ops
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
