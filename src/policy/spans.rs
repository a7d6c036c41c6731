//! Where each key of a YAML file is: `tiers.tier-1.require.docs[1]` → line 7, column 9. Read
//! with tree-sitter-yaml (which keeps every position) so that policy problems and the findings a
//! policy requirement produced can point at the exact line, as cargo-deny labels its config.

use std::collections::BTreeMap;

/// 1-based line and column of every key and sequence item, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    at: BTreeMap<String, (usize, usize)>,
    /// Where each key's value starts (a wrong value is shown at the value, not the key).
    values: BTreeMap<String, (usize, usize)>,
}

impl Spans {
    /// The positions in `text`; a file tree-sitter cannot read yields what it could read.
    pub fn parse(text: &str) -> Spans {
        let mut parser = tree_sitter::Parser::new();
        let mut spans = Spans::default();
        if parser
            .set_language(&tree_sitter_yaml::LANGUAGE.into())
            .is_err()
        {
            return spans;
        }
        if let Some(tree) = parser.parse(text, None) {
            walk(tree.root_node(), text, "", &mut spans);
        }
        spans
    }

    /// The position of `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut path = path;
        loop {
            if let Some(at) = self.at.get(path) {
                return Some(*at);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// Where the value of `path` starts, if it has one.
    pub fn value(&self, path: &str) -> Option<(usize, usize)> {
        self.values.get(path).copied()
    }

    /// The position of `path` itself, never an ancestor's.
    pub fn exact(&self, path: &str) -> Option<(usize, usize)> {
        self.at.get(path).copied()
    }
}

/// `prefix.key`, or `key` at the top.
pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn position(node: tree_sitter::Node<'_>) -> (usize, usize) {
    let p = node.start_position();
    (p.row + 1, p.column + 1)
}

fn walk(node: tree_sitter::Node<'_>, text: &str, prefix: &str, out: &mut Spans) {
    match node.kind() {
        "block_mapping_pair" | "flow_pair" => {
            let Some(key) = node.child_by_field_name("key") else {
                return;
            };
            let name = scalar(key, text);
            let path = join(prefix, &name);
            out.at.entry(path.clone()).or_insert_with(|| position(key));
            if let Some(value) = node.child_by_field_name("value") {
                out.values
                    .entry(path.clone())
                    .or_insert_with(|| position(value));
                walk(value, text, &path, out);
            }
        }
        "block_sequence" | "flow_sequence" => {
            let mut cursor = node.walk();
            let items = node
                .named_children(&mut cursor)
                .filter(|c| matches!(c.kind(), "block_sequence_item" | "flow_node"));
            for (index, item) in items.enumerate() {
                let path = format!("{prefix}[{index}]");
                let inner = if item.kind() == "block_sequence_item" {
                    item.named_child(0).unwrap_or(item)
                } else {
                    item
                };
                out.at
                    .entry(path.clone())
                    .or_insert_with(|| position(inner));
                walk(inner, text, &path, out);
            }
        }
        _ => {
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                walk(child, text, prefix, out);
            }
        }
    }
}

/// A key's text without its quotes.
fn scalar(node: tree_sitter::Node<'_>, text: &str) -> String {
    let raw = node.utf8_text(text.as_bytes()).unwrap_or("").trim();
    raw.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
        .unwrap_or(raw)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_items_have_their_positions() {
        let text = "version: 1\ntiers:\n  tier-1:\n    paths: [\"deploy/**\", 'ci/**']\n    require:\n      docs:\n        - risk\n        - rollback\n\"quoted key\": x\n";
        let spans = Spans::parse(text);
        assert_eq!(spans.find("version"), Some((1, 1)));
        assert_eq!(spans.find("tiers.tier-1"), Some((3, 3)));
        assert_eq!(spans.find("tiers.tier-1.paths[1]"), Some((4, 26)));
        assert_eq!(spans.find("tiers.tier-1.require.docs[1]"), Some((8, 11)));
        assert_eq!(spans.find("quoted key"), Some((9, 1)));
        // Unknown paths fall back to the nearest known ancestor.
        assert_eq!(spans.find("tiers.tier-1.require.nope"), Some((5, 5)));
        assert_eq!(spans.exact("tiers.tier-1.require.nope"), None);
        assert_eq!(spans.find("nothing"), None);
        assert_eq!(spans.value("version"), Some((1, 10)));
    }
}
