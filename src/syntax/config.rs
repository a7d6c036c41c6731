//! Config semantic diff: YAML, JSON, TOML and HCL trees are read into one value model, flattened
//! into key paths, and compared. `(path, before, after)` is what config rules match on.
//!
//! Key paths (documented in docs/rules.md): map keys joined by `.`, sequence items as `[i]`
//! (`spec.template.spec.containers[0].image`); a key that is not a plain identifier is quoted
//! (`data."app.conf"`). A YAML document with `kind` and `metadata.name` is prefixed
//! `Kind/name:`; other documents of a multi-document stream are prefixed `#i:`. HCL blocks are
//! addressed by type and labels (`resource.aws_db_instance.main.deletion_protection`), repeated
//! blocks by index (`ingress[1].cidr_blocks`). YAML anchors, aliases and `<<` merges are resolved.

use super::Language;
use std::collections::{BTreeMap, HashMap};
use tree_sitter::{Node, Tree};

/// A config value: a map (ordered as written), a sequence, or a scalar's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Map(Vec<(String, Value, u32)>),
    Seq(Vec<(Value, u32)>),
    Scalar(String),
    Null,
}

/// What one key path holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Scalar text; `None` for a map or sequence (its leaves are entries of their own).
    pub text: Option<String>,
    /// "map", "seq", "scalar" or "null".
    pub kind: &'static str,
    /// 1-based line of the key (or item) in its file.
    pub line: u32,
}

/// One changed key path. `before`/`after` are `None` when the key is added/removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigChange {
    pub path: String,
    pub before: Option<Entry>,
    pub after: Option<Entry>,
}

/// Flattens a parsed config file into key path → entry.
pub fn flatten(language: Language, tree: &Tree, text: &str) -> BTreeMap<String, Entry> {
    let documents = read_documents(language, tree.root_node(), text.as_bytes());
    let mut out = BTreeMap::new();
    let many = documents.len() > 1;
    for (index, doc) in documents.iter().enumerate() {
        let prefix = match k8s_address(doc) {
            Some(address) => format!("{address}:"),
            None if many => format!("#{index}:"),
            None => String::new(),
        };
        flatten_into(doc, &prefix, true, &mut out);
    }
    out
}

/// Compares two flattened files. Containers are reported only when they appear, disappear or
/// change kind; scalar edits are reported at their own path.
pub fn diff(old: &BTreeMap<String, Entry>, new: &BTreeMap<String, Entry>) -> Vec<ConfigChange> {
    let mut paths: Vec<&String> = old.keys().chain(new.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|path| {
            let (before, after) = (old.get(path), new.get(path));
            let changed = match (before, after) {
                (Some(b), Some(a)) => b.kind != a.kind || b.text != a.text,
                _ => true,
            };
            changed.then(|| ConfigChange {
                path: path.clone(),
                before: before.cloned(),
                after: after.cloned(),
            })
        })
        .collect()
}

fn flatten_into(value: &Value, prefix: &str, root: bool, out: &mut BTreeMap<String, Entry>) {
    let join = |key: &str| {
        let key = quote_key(key);
        if root {
            format!("{prefix}{key}")
        } else {
            format!("{prefix}.{key}")
        }
    };
    match value {
        Value::Map(entries) => {
            for (key, child, line) in entries {
                let path = join(key);
                out.insert(path.clone(), entry(child, *line));
                flatten_into(child, &path, false, out);
            }
        }
        Value::Seq(items) => {
            for (index, (child, line)) in items.iter().enumerate() {
                let path = format!("{prefix}[{index}]");
                out.insert(path.clone(), entry(child, *line));
                flatten_into(child, &path, false, out);
            }
        }
        Value::Scalar(_) | Value::Null => {}
    }
}

fn entry(value: &Value, line: u32) -> Entry {
    let (kind, text) = match value {
        Value::Map(_) => ("map", None),
        Value::Seq(_) => ("seq", None),
        Value::Scalar(s) => ("scalar", Some(s.clone())),
        Value::Null => ("null", None),
    };
    Entry { text, kind, line }
}

fn quote_key(key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '$' | '@'));
    if plain {
        key.to_owned()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `Deployment/payments-api` for a Kubernetes object.
fn k8s_address(doc: &Value) -> Option<String> {
    let Value::Map(entries) = doc else {
        return None;
    };
    let get = |entries: &[(String, Value, u32)], key: &str| {
        entries
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v.clone())
    };
    let Some(Value::Scalar(kind)) = get(entries, "kind") else {
        return None;
    };
    let Some(Value::Map(meta)) = get(entries, "metadata") else {
        return None;
    };
    let Some(Value::Scalar(name)) = get(&meta, "name") else {
        return None;
    };
    Some(format!("{kind}/{name}"))
}

fn line(node: Node<'_>) -> u32 {
    u32::try_from(node.start_position().row + 1).unwrap_or(u32::MAX)
}

fn text_of<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

fn read_documents(language: Language, root: Node<'_>, src: &[u8]) -> Vec<Value> {
    match language {
        Language::Yaml => {
            let mut reader = YamlReader {
                src,
                anchors: HashMap::new(),
            };
            named_children(root)
                .into_iter()
                .filter(|n| n.kind() == "document")
                .map(|doc| {
                    named_children(doc)
                        .into_iter()
                        .find(|c| c.kind() != "comment")
                        .map_or(Value::Null, |n| reader.node(n))
                })
                .collect()
        }
        Language::Json => named_children(root)
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .map(|n| json_value(n, src))
            .collect(),
        Language::Toml => vec![toml_document(root, src)],
        Language::Hcl => vec![named_children(root)
            .into_iter()
            .find(|n| n.kind() == "body")
            .map_or(Value::Map(Vec::new()), |b| hcl_body(b, src))],
        _ => Vec::new(),
    }
}

// ---------- YAML ----------

struct YamlReader<'s> {
    src: &'s [u8],
    anchors: HashMap<String, Value>,
}

impl YamlReader<'_> {
    fn node(&mut self, node: Node<'_>) -> Value {
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
            "alias" => {
                let name = node
                    .named_child(0)
                    .map(|n| text_of(n, self.src))
                    .unwrap_or("");
                value = self
                    .anchors
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| Value::Scalar(format!("*{name}")));
            }
            _ => value = scalar(self.yaml_scalar(node)),
        }
        if let Some(name) = anchor {
            self.anchors.insert(name, value.clone());
        }
        value
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
        for (key, value, at) in merged {
            if !explicit.iter().any(|(k, _, _)| *k == key) {
                explicit.push((key, value, at));
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

    fn yaml_scalar(&self, node: Node<'_>) -> String {
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

fn scalar(text: String) -> Value {
    if text == "null" || text == "~" {
        Value::Null
    } else {
        Value::Scalar(text)
    }
}

fn unquote_double(raw: &str) -> String {
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

// ---------- JSON ----------

fn json_value(node: Node<'_>, src: &[u8]) -> Value {
    match node.kind() {
        "object" => Value::Map(
            named_children(node)
                .into_iter()
                .filter(|p| p.kind() == "pair")
                .map(|pair| {
                    let key = pair
                        .child_by_field_name("key")
                        .map(|k| unquote_double(text_of(k, src)))
                        .unwrap_or_default();
                    let value = pair
                        .child_by_field_name("value")
                        .map_or(Value::Null, |v| json_value(v, src));
                    (key, value, line(pair))
                })
                .collect(),
        ),
        "array" => Value::Seq(
            named_children(node)
                .into_iter()
                .filter(|c| c.kind() != "comment")
                .map(|c| (json_value(c, src), line(c)))
                .collect(),
        ),
        "string" => Value::Scalar(unquote_double(text_of(node, src))),
        "null" => Value::Null,
        _ => Value::Scalar(text_of(node, src).to_owned()),
    }
}

// ---------- TOML ----------

fn toml_key(node: Node<'_>, src: &[u8]) -> Vec<String> {
    match node.kind() {
        "dotted_key" => named_children(node)
            .into_iter()
            .flat_map(|k| toml_key(k, src))
            .collect(),
        "quoted_key" => vec![toml_string(text_of(node, src))],
        _ => vec![text_of(node, src).to_owned()],
    }
}

fn toml_string(raw: &str) -> String {
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

fn is_toml_key(kind: &str) -> bool {
    matches!(kind, "bare_key" | "dotted_key" | "quoted_key")
}

fn toml_value(node: Node<'_>, src: &[u8]) -> Value {
    match node.kind() {
        "inline_table" => {
            let mut map = Value::Map(Vec::new());
            for pair in named_children(node)
                .into_iter()
                .filter(|p| p.kind() == "pair")
            {
                toml_pair(&mut map, pair, src);
            }
            map
        }
        "array" => Value::Seq(
            named_children(node)
                .into_iter()
                .filter(|c| c.kind() != "comment")
                .map(|c| (toml_value(c, src), line(c)))
                .collect(),
        ),
        "string" => Value::Scalar(toml_string(text_of(node, src))),
        _ => Value::Scalar(text_of(node, src).to_owned()),
    }
}

/// Inserts `pair` (a possibly dotted key = value) into `map`.
fn toml_pair(map: &mut Value, pair: Node<'_>, src: &[u8]) {
    let children = named_children(pair);
    let Some(key_node) = children.iter().find(|c| is_toml_key(c.kind())) else {
        return;
    };
    let value = children
        .iter()
        .rev()
        .find(|c| !is_toml_key(c.kind()) && c.kind() != "comment")
        .map_or(Value::Null, |v| toml_value(*v, src));
    let keys = toml_key(*key_node, src);
    insert_path(map, &keys, value, line(pair));
}

/// Descends `keys` (creating maps) and sets the last key; returns nothing, tolerates conflicts.
fn insert_path(map: &mut Value, keys: &[String], value: Value, at: u32) {
    let Some((last, parents)) = keys.split_last() else {
        return;
    };
    let target = descend(map, parents, at);
    if let Value::Map(entries) = target {
        match entries.iter_mut().find(|(k, _, _)| k == last) {
            Some(existing) => existing.1 = value,
            None => entries.push((last.clone(), value, at)),
        }
    }
}

fn descend<'v>(map: &'v mut Value, keys: &[String], at: u32) -> &'v mut Value {
    let Some((key, rest)) = keys.split_first() else {
        return map;
    };
    match map {
        Value::Map(entries) => {
            let index = match entries.iter().position(|(k, _, _)| k == key) {
                Some(i) => i,
                None => {
                    entries.push((key.clone(), Value::Map(Vec::new()), at));
                    entries.len() - 1
                }
            };
            // An array of tables continues in its last element.
            let table_array = matches!(&entries[index].1, Value::Seq(items) if !items.is_empty());
            let slot = &mut entries[index].1;
            if !table_array {
                return descend(slot, rest, at);
            }
            match slot {
                Value::Seq(items) => {
                    let last = items.len() - 1;
                    descend(&mut items[last].0, rest, at)
                }
                other => descend(other, rest, at),
            }
        }
        other => other,
    }
}

fn toml_document(root: Node<'_>, src: &[u8]) -> Value {
    let mut doc = Value::Map(Vec::new());
    for child in named_children(root) {
        match child.kind() {
            "pair" => toml_pair(&mut doc, child, src),
            "table" | "table_array_element" => {
                let parts = named_children(child);
                let Some(header) = parts.iter().find(|c| is_toml_key(c.kind())) else {
                    continue;
                };
                let keys = toml_key(*header, src);
                let mut table = Value::Map(Vec::new());
                for pair in parts.iter().filter(|p| p.kind() == "pair") {
                    toml_pair(&mut table, *pair, src);
                }
                let at = line(child);
                if child.kind() == "table" {
                    let Some((last, parents)) = keys.split_last() else {
                        continue;
                    };
                    let parent = descend(&mut doc, parents, at);
                    if let Value::Map(entries) = parent {
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
                } else {
                    let Some((last, parents)) = keys.split_last() else {
                        continue;
                    };
                    let parent = descend(&mut doc, parents, at);
                    if let Value::Map(entries) = parent {
                        match entries.iter_mut().find(|(k, _, _)| k == last) {
                            Some((_, Value::Seq(items), _)) => items.push((table, at)),
                            Some(slot) => slot.1 = Value::Seq(vec![(table, at)]),
                            None => entries.push((last.clone(), Value::Seq(vec![(table, at)]), at)),
                        }
                    }
                }
            }
            _ => {}
        }
    }
    doc
}

// ---------- HCL ----------

fn hcl_body(body: Node<'_>, src: &[u8]) -> Value {
    let children = named_children(body);
    // Blocks that repeat with the same type and labels become a sequence (`ingress[1]`).
    let mut block_counts: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for child in &children {
        if child.kind() == "block" {
            *block_counts.entry(hcl_block_key(*child, src)).or_default() += 1;
        }
    }
    let mut map = Value::Map(Vec::new());
    for child in children {
        match child.kind() {
            "attribute" => {
                let parts = named_children(child);
                let key = parts
                    .iter()
                    .find(|p| p.kind() == "identifier")
                    .map(|k| text_of(*k, src).to_owned())
                    .unwrap_or_default();
                let value = parts
                    .iter()
                    .find(|p| p.kind() == "expression")
                    .map_or(Value::Null, |e| hcl_expression(*e, src));
                insert_path(&mut map, &[key], value, line(child));
            }
            "block" => {
                let keys = hcl_block_key(child, src);
                let inner = named_children(child)
                    .into_iter()
                    .find(|c| c.kind() == "body")
                    .map_or(Value::Map(Vec::new()), |b| hcl_body(b, src));
                let at = line(child);
                if block_counts.get(&keys).copied().unwrap_or(0) > 1 {
                    let Some((last, parents)) = keys.split_last() else {
                        continue;
                    };
                    if let Value::Map(entries) = descend(&mut map, parents, at) {
                        match entries.iter_mut().find(|(k, _, _)| k == last) {
                            Some((_, Value::Seq(items), _)) => items.push((inner, at)),
                            Some(slot) => slot.1 = Value::Seq(vec![(inner, at)]),
                            None => entries.push((last.clone(), Value::Seq(vec![(inner, at)]), at)),
                        }
                    }
                } else {
                    insert_path(&mut map, &keys, inner, at);
                }
            }
            _ => {}
        }
    }
    map
}

/// `[resource, aws_db_instance, main]`: the block type and its labels.
fn hcl_block_key(block: Node<'_>, src: &[u8]) -> Vec<String> {
    named_children(block)
        .into_iter()
        .take_while(|c| c.kind() != "block_start" && c.kind() != "body")
        .map(|c| {
            if c.kind() == "string_lit" {
                named_children(c)
                    .into_iter()
                    .filter(|p| p.kind() == "template_literal")
                    .map(|p| text_of(p, src))
                    .collect::<String>()
            } else {
                text_of(c, src).to_owned()
            }
        })
        .collect()
}

fn hcl_expression(expr: Node<'_>, src: &[u8]) -> Value {
    let inner = if expr.named_child_count() == 1 {
        expr.named_child(0).unwrap_or(expr)
    } else {
        expr
    };
    match inner.kind() {
        "collection_value" => inner
            .named_child(0)
            .map_or(Value::Null, |c| hcl_expression(c, src)),
        "literal_value" => match inner.named_child(0) {
            Some(lit) if lit.kind() == "string_lit" => Value::Scalar(
                named_children(lit)
                    .into_iter()
                    .filter(|p| p.kind() == "template_literal")
                    .map(|p| text_of(p, src))
                    .collect(),
            ),
            Some(lit) if lit.kind() == "null_lit" => Value::Null,
            _ => Value::Scalar(text_of(inner, src).trim().to_owned()),
        },
        "object" => Value::Map(
            named_children(inner)
                .into_iter()
                .filter(|e| e.kind() == "object_elem")
                .map(|elem| {
                    let key = elem
                        .child_by_field_name("key")
                        .map(|k| match hcl_expression(k, src) {
                            Value::Scalar(s) => s,
                            _ => text_of(k, src).to_owned(),
                        })
                        .unwrap_or_default();
                    let value = elem
                        .child_by_field_name("val")
                        .map_or(Value::Null, |v| hcl_expression(v, src));
                    (key, value, line(elem))
                })
                .collect(),
        ),
        "tuple" => Value::Seq(
            named_children(inner)
                .into_iter()
                .filter(|c| c.kind() == "expression")
                .map(|c| (hcl_expression(c, src), line(c)))
                .collect(),
        ),
        "expression" => hcl_expression(inner, src),
        _ => Value::Scalar(text_of(inner, src).trim().to_owned()),
    }
}

#[cfg(test)]
mod tests;
