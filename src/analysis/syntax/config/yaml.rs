//! YAML documents → `Value`: anchors, aliases and `<<` merge keys resolved, within the walk's
//! depth and alias-expansion bounds.

use super::walk::Walk;
use super::{line, named_children, scalar, text_of, unquote_double, Value};
use std::collections::HashMap;
use tree_sitter::Node;

/// Anchors by name, shared by the chunks of one long file.
pub(super) type Anchors = HashMap<String, Value>;

/// Every document of a YAML stream.
pub(super) fn documents(root: Node<'_>, src: &[u8], walk: &mut Walk) -> Vec<Value> {
    documents_with(root, src, walk, &mut Anchors::new())
}

/// `documents`, with anchors carried over from earlier chunks of the same file.
pub(super) fn documents_with(
    root: Node<'_>,
    src: &[u8],
    walk: &mut Walk,
    anchors: &mut Anchors,
) -> Vec<Value> {
    let mut reader = Reader {
        src,
        anchors: std::mem::take(anchors),
        walk,
    };
    let documents = named_children(root)
        .into_iter()
        .filter(|n| n.kind() == "document")
        .map(|doc| {
            named_children(doc)
                .into_iter()
                .find(|c| c.kind() != "comment")
                .map_or(Value::Null, |n| reader.node(n))
        })
        .collect::<Vec<_>>();
    *anchors = reader.anchors;
    documents
}

struct Reader<'s, 'w> {
    src: &'s [u8],
    anchors: HashMap<String, Value>,
    walk: &'w mut Walk,
}

impl Reader<'_, '_> {
    fn node(&mut self, node: Node<'_>) -> Value {
        if !self.walk.enter(node) {
            return Value::Scalar(text_of(node, self.src).to_owned());
        }
        let value = self.node_within(node);
        self.walk.leave();
        value
    }

    fn node_within(&mut self, node: Node<'_>) -> Value {
        let mut anchor = None;
        let mut value = Value::Null;
        match node.kind() {
            "block_node" | "flow_node" => {
                for child in named_children(node) {
                    match child.kind() {
                        "anchor" => {
                            anchor = child
                                .named_child(0)
                                .map(|n| text_of(n, self.src).to_owned())
                        }
                        "tag" | "comment" => {}
                        _ => value = self.node(child),
                    }
                }
            }
            "block_mapping" | "flow_mapping" => value = self.mapping(node),
            "block_sequence" | "flow_sequence" => {
                let items = named_children(node)
                    .into_iter()
                    .filter(|c| c.kind() != "comment")
                    .map(|item| {
                        let inner = if item.kind() == "block_sequence_item" {
                            named_children(item)
                                .into_iter()
                                .find(|c| c.kind() != "comment")
                        } else {
                            Some(item)
                        };
                        (inner.map_or(Value::Null, |n| self.node(n)), line(item))
                    })
                    .collect();
                value = Value::Seq(items);
            }
            "alias" => value = self.alias(node),
            _ => value = scalar(self.scalar_text(node)),
        }
        if let Some(name) = anchor {
            self.anchors.insert(name, value.clone());
        }
        value
    }

    /// The anchored value, if the walk's bounds allow another copy; else `*name`.
    fn alias(&mut self, node: Node<'_>) -> Value {
        let name = node
            .named_child(0)
            .map(|n| text_of(n, self.src))
            .unwrap_or("");
        match self.anchors.get(name) {
            Some(value) if self.walk.may_expand(value, node) => value.clone(),
            _ => Value::Scalar(format!("*{name}")),
        }
    }

    fn mapping(&mut self, node: Node<'_>) -> Value {
        let mut explicit: Vec<(String, Value, u32)> = Vec::new();
        let mut merged: Vec<(String, Value, u32)> = Vec::new();
        for pair in named_children(node) {
            if !matches!(pair.kind(), "block_mapping_pair" | "flow_pair") {
                continue;
            }
            let key = pair
                .child_by_field_name("key")
                .map(|k| self.key_text(k))
                .unwrap_or_default();
            let value = pair
                .child_by_field_name("value")
                .map_or(Value::Null, |v| self.node(v));
            if key == "<<" {
                // Merge keys: explicit keys win over merged ones.
                let sources = match value {
                    Value::Seq(items) => items.into_iter().map(|(v, _)| v).collect(),
                    other => vec![other],
                };
                for source in sources {
                    if let Value::Map(entries) = source {
                        merged.extend(entries);
                    }
                }
            } else {
                explicit.push((key, value, line(pair)));
            }
        }
        if !merged.is_empty() {
            let mut seen: std::collections::HashSet<String> =
                explicit.iter().map(|(k, _, _)| k.clone()).collect();
            for (key, value, at) in merged {
                if seen.insert(key.clone()) {
                    explicit.push((key, value, at));
                }
            }
        }
        Value::Map(explicit)
    }

    fn key_text(&mut self, key: Node<'_>) -> String {
        match self.node(key) {
            Value::Scalar(s) => s,
            Value::Null => String::new(),
            _ => text_of(key, self.src).to_owned(),
        }
    }

    fn scalar_text(&self, node: Node<'_>) -> String {
        let raw = text_of(node, self.src);
        match node.kind() {
            "double_quote_scalar" => unquote_double(raw),
            "single_quote_scalar" => raw
                .strip_prefix('\'')
                .and_then(|r| r.strip_suffix('\''))
                .unwrap_or(raw)
                .replace("''", "'"),
            "block_scalar" => raw.to_owned(),
            _ => raw.trim().to_owned(),
        }
    }
}
