//! TOML documents → `Value`: dotted keys, tables and arrays of tables, within the walk's bounds.

use super::walk::Walk;
use super::{
    descend, insert_path, line, named_children, push_path, text_of, unquote_double, Value,
};
use tree_sitter::Node;

/// The whole document as one map.
pub(super) fn document(root: Node<'_>, src: &[u8], walk: &mut Walk) -> Value {
    let mut doc = Value::Map(Vec::new());
    for child in named_children(root) {
        match child.kind() {
            "pair" => pair(&mut doc, child, src, walk),
            "table" | "table_array_element" => {
                let parts = named_children(child);
                let Some(header) = parts.iter().find(|c| is_key(c.kind())) else {
                    continue;
                };
                let keys = key(*header, src);
                let mut table = Value::Map(Vec::new());
                for p in parts.iter().filter(|p| p.kind() == "pair") {
                    pair(&mut table, *p, src, walk);
                }
                let at = line(child);
                if child.kind() == "table_array_element" {
                    push_path(&mut doc, &keys, table, at);
                    continue;
                }
                let Some((last, parents)) = keys.split_last() else {
                    continue;
                };
                if let Value::Map(entries) = descend(&mut doc, parents, at) {
                    match entries.iter_mut().find(|(k, _, _)| k == last) {
                        Some((_, Value::Map(existing), _)) => {
                            if let Value::Map(new) = table {
                                existing.extend(new);
                            }
                        }
                        Some(slot) => slot.1 = table,
                        None => entries.push((last.clone(), table, at)),
                    }
                }
            }
            _ => {}
        }
    }
    doc
}

/// The parts of a (possibly dotted) key, read with a stack: a dotted key nests once per dot.
fn key(node: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut parts = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "dotted_key" => {
                let mut children = named_children(node);
                children.reverse();
                stack.extend(children);
            }
            "quoted_key" => parts.push(string(text_of(node, src))),
            _ => parts.push(text_of(node, src).to_owned()),
        }
    }
    parts
}

fn string(raw: &str) -> String {
    if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        raw.get(3..raw.len().saturating_sub(3))
            .unwrap_or("")
            .to_owned()
    } else if raw.starts_with('\'') {
        raw.trim_matches('\'').to_owned()
    } else {
        unquote_double(raw)
    }
}

fn is_key(kind: &str) -> bool {
    matches!(kind, "bare_key" | "dotted_key" | "quoted_key")
}

fn value(node: Node<'_>, src: &[u8], walk: &mut Walk) -> Value {
    if !walk.enter(node) {
        return Value::Scalar(text_of(node, src).to_owned());
    }
    let value = match node.kind() {
        "inline_table" => {
            let mut map = Value::Map(Vec::new());
            for p in named_children(node)
                .into_iter()
                .filter(|p| p.kind() == "pair")
            {
                pair(&mut map, p, src, walk);
            }
            map
        }
        "array" => Value::Seq(
            named_children(node)
                .into_iter()
                .filter(|c| c.kind() != "comment")
                .map(|c| (value(c, src, walk), line(c)))
                .collect(),
        ),
        "string" => Value::Scalar(string(text_of(node, src))),
        _ => Value::Scalar(text_of(node, src).to_owned()),
    };
    walk.leave();
    value
}

/// Inserts `pair` (a possibly dotted key = value) into `map`.
fn pair(map: &mut Value, pair: Node<'_>, src: &[u8], walk: &mut Walk) {
    let children = named_children(pair);
    let Some(key_node) = children.iter().find(|c| is_key(c.kind())) else {
        return;
    };
    let child = children
        .iter()
        .rev()
        .find(|c| !is_key(c.kind()) && c.kind() != "comment")
        .map_or(Value::Null, |v| value(*v, src, walk));
    insert_path(map, &key(*key_node, src), child, line(pair));
}
