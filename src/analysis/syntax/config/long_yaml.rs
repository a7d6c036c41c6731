//! YAML files longer than tree-sitter-yaml can count. Its scanner keeps rows in 16-bit
//! integers, so from line 32,768 on it mis-reads newlines and the rest of the file becomes a
//! syntax error (a valid 60,000-key map lost half its keys). Such files are read in chunks cut
//! at top-level boundaries — a `---` document marker or a line at column 0 that starts a key or
//! item — each parsed on its own; a chunk that continues a document is merged back into it,
//! anchors carry over, and lines are shifted back to the file's own numbering.

use super::walk::Walk;
use super::yaml::{self, Anchors};
use super::Value;
use crate::analysis::syntax::{parse, Language, ParseBudget, ParseError};

/// The longest file parsed in one piece (the scanner's limit is 32,767 rows).
pub const MAX_ROWS: usize = 30_000;

/// Whether `text` must be read in chunks.
pub fn is_long(text: &str) -> bool {
    text.bytes().filter(|&b| b == b'\n').count() >= MAX_ROWS
}

/// A long file's documents, and whether any chunk had syntax errors (line of the first).
pub fn documents(
    text: &str,
    budget: ParseBudget,
    walk: &mut Walk,
) -> Result<(Vec<Value>, Option<u32>), ParseError> {
    let mut anchors = Anchors::new();
    let mut documents: Vec<Value> = Vec::new();
    let mut first_error = None;
    for chunk in chunks(text) {
        let tree = parse(Language::Yaml, chunk.text, budget)?;
        if tree.root_node().has_error() && first_error.is_none() {
            first_error = Some(chunk.first_line);
        }
        let mut read =
            yaml::documents_with(tree.root_node(), chunk.text.as_bytes(), walk, &mut anchors);
        for value in &mut read {
            shift_lines(value, chunk.first_line - 1);
        }
        let mut read = read.into_iter();
        if chunk.continues {
            if let (Some(last), Some(next)) = (documents.last_mut(), read.next()) {
                merge(last, next);
            }
        }
        documents.extend(read);
    }
    Ok((documents, first_error))
}

struct Chunk<'t> {
    text: &'t str,
    /// 1-based line of the chunk's first line in the file.
    first_line: u32,
    /// The chunk goes on with the previous chunk's last document.
    continues: bool,
}

/// Cuts `text` at top-level boundaries into chunks of at most about `MAX_ROWS` lines.
fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let (mut start, mut start_line, mut continues) = (0usize, 1u32, false);
    let (mut offset, mut line) = (0usize, 1u32);
    for raw in text.split_inclusive('\n') {
        let rows = (line - start_line) as usize;
        let document = raw.starts_with("---") || raw.starts_with("...");
        let top_level = raw
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#');
        if rows >= MAX_ROWS / 2 && offset > start && (document || top_level) {
            out.push(Chunk {
                text: &text[start..offset],
                first_line: start_line,
                continues,
            });
            (start, start_line, continues) = (offset, line, !document);
        }
        offset += raw.len();
        line += 1;
    }
    out.push(Chunk {
        text: &text[start..],
        first_line: start_line,
        continues,
    });
    out
}

/// Adds `by` to every line number in `value`, without recursion.
fn shift_lines(value: &mut Value, by: u32) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Map(entries) => {
                for (_, child, line) in entries {
                    *line += by;
                    stack.push(child);
                }
            }
            Value::Seq(items) => {
                for (child, line) in items {
                    *line += by;
                    stack.push(child);
                }
            }
            Value::Scalar(_) | Value::Null => {}
        }
    }
}

/// Continues `into` (a document cut by a chunk boundary) with `next`.
fn merge(into: &mut Value, next: Value) {
    match (into, next) {
        (Value::Map(entries), Value::Map(more)) => entries.extend(more),
        (Value::Seq(items), Value::Seq(more)) => items.extend(more),
        // A boundary that was not one: keep what was read (the chunk's errors are reported).
        (into @ Value::Null, next) => *into = next,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cut_only_at_top_level_lines_and_cover_the_text() {
        let text: String = (0..40_000)
            .map(|i| format!("k{i}:\n  nested: {i}\n"))
            .collect();
        let parts = chunks(&text);
        assert!(parts.len() > 1);
        assert_eq!(parts.iter().map(|c| c.text).collect::<String>(), text);
        for part in &parts[1..] {
            assert!(part.text.starts_with('k'), "{:?}", &part.text[..20]);
            assert!(part.continues);
        }
    }
}
