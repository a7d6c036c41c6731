//! Config semantic diff: YAML, JSON, TOML and HCL trees are read into one value model, flattened
//! into key paths, and compared. `(path, before, after)` is what config rules match on.
//!
//! Key paths (documented in docs/rules.md): map keys joined by `.`, sequence items as `[i]`
//! (`spec.template.spec.containers[0].image`); a key that is not a plain identifier is quoted
//! (`data."app.conf"`). A YAML document with `kind` and `metadata.name` is prefixed
//! `Kind/name:`; other documents of a multi-document stream are prefixed `#i:`. HCL blocks are
//! addressed by type and labels (`resource.aws_db_instance.main.deletion_protection`), repeated
//! blocks by index (`ingress[1].cidr_blocks`). YAML anchors, aliases and `<<` merges are resolved.

mod hcl;
mod json;
pub mod long_yaml;
mod toml;
mod walk;
mod yaml;

pub use walk::{Gap, ALIAS_NODE_BUDGET, MAX_VALUE_DEPTH};

use super::Language;
use std::collections::BTreeMap;
use tree_sitter::{Node, Tree};
use walk::Walk;

/// A config value: a map (ordered as written), a sequence, or a scalar's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Map(Vec<(String, Value, u32)>),
    Seq(Vec<(Value, u32)>),
    Scalar(String),
    Null,
}

impl Value {
    /// Nodes in this value and how deep it nests, counted without recursion.
    pub fn size(&self) -> (usize, usize) {
        let (mut nodes, mut deepest) = (0usize, 0usize);
        let mut stack = vec![(self, 1usize)];
        while let Some((value, depth)) = stack.pop() {
            nodes += 1;
            deepest = deepest.max(depth);
            match value {
                Value::Map(entries) => stack.extend(entries.iter().map(|(_, v, _)| (v, depth + 1))),
                Value::Seq(items) => stack.extend(items.iter().map(|(v, _)| (v, depth + 1))),
                Value::Scalar(_) | Value::Null => {}
            }
        }
        (nodes, deepest)
    }
}

/// A flattened file and what the readers' bounds left out of it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Flat {
    pub entries: BTreeMap<String, Entry>,
    pub gaps: Vec<Gap>,
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

/// Flattens a parsed config file into key path → entry, within the readers' bounds.
pub fn flatten(language: Language, tree: &Tree, text: &str) -> Flat {
    let mut walk = Walk::default();
    let documents = read_documents(language, tree.root_node(), text.as_bytes(), &mut walk);
    flatten_documents(&documents, walk)
}

/// `flatten` for a YAML file too long to parse in one piece (`long_yaml::is_long`): parses it
/// in chunks; also returns the line of the first syntax error, if any.
pub fn flatten_long_yaml(
    text: &str,
    budget: crate::analysis::syntax::ParseBudget,
) -> Result<(Flat, Option<u32>), crate::analysis::syntax::ParseError> {
    let mut walk = Walk::default();
    let (documents, first_error) = long_yaml::documents(text, budget, &mut walk)?;
    Ok((flatten_documents(&documents, walk), first_error))
}

fn flatten_documents(documents: &[Value], mut walk: Walk) -> Flat {
    let mut out = BTreeMap::new();
    let many = documents.len() > 1;
    let mut path_bytes = 0usize;
    for (index, doc) in documents.iter().enumerate() {
        let prefix = match k8s_address(doc) {
            Some(address) => format!("{address}:"),
            None if many => format!("#{index}:"),
            None => String::new(),
        };
        if !flatten_into(doc, &prefix, &mut out, &mut path_bytes) {
            walk.record(Gap::TooManyKeys);
            break;
        }
    }
    Flat {
        entries: out,
        gaps: walk.into_gaps(),
    }
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

/// Adds every key path under `value` (depth first, in file order, so a repeated key keeps the
/// last value as before); `false` when the path bytes ran out.
fn flatten_into(
    value: &Value,
    prefix: &str,
    out: &mut BTreeMap<String, Entry>,
    path_bytes: &mut usize,
) -> bool {
    fn children<'v>(value: &'v Value, path: &str, root: bool) -> Vec<(String, &'v Value, u32)> {
        let join = |key: &str| {
            let key = quote_key(key);
            if root {
                format!("{path}{key}")
            } else {
                format!("{path}.{key}")
            }
        };
        match value {
            Value::Map(entries) => entries
                .iter()
                .map(|(key, child, line)| (join(key), child, *line))
                .collect(),
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .map(|(index, (child, line))| (format!("{path}[{index}]"), child, *line))
                .collect(),
            Value::Scalar(_) | Value::Null => Vec::new(),
        }
    }
    // Borrowed, not cloned: a clone per level would copy each subtree once per ancestor.
    let mut stack: Vec<(String, &Value, u32)> = children(value, prefix, true);
    stack.reverse();
    while let Some((path, child, line)) = stack.pop() {
        *path_bytes += path.len();
        if *path_bytes > walk::MAX_PATH_BYTES {
            return false;
        }
        out.insert(path.clone(), entry(child, line));
        let mut next = children(child, &path, false);
        next.reverse();
        stack.extend(next);
    }
    true
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

fn read_documents(language: Language, root: Node<'_>, src: &[u8], walk: &mut Walk) -> Vec<Value> {
    match language {
        Language::Yaml => yaml::documents(root, src, walk),
        Language::Json => json::documents(root, src, walk),
        Language::Toml => vec![toml::document(root, src, walk)],
        Language::Hcl => vec![hcl::document(root, src, walk)],
        _ => Vec::new(),
    }
}

/// Descends `keys` (creating maps) and sets the last key; tolerates conflicts.
fn insert_path(map: &mut Value, keys: &[String], value: Value, at: u32) {
    let Some((last, parents)) = keys.split_last() else {
        return;
    };
    if let Value::Map(entries) = descend(map, parents, at) {
        match entries.iter_mut().find(|(k, _, _)| k == last) {
            Some(existing) => existing.1 = value,
            None => entries.push((last.clone(), value, at)),
        }
    }
}

/// Appends `value` to the sequence at `keys` (creating it; a non-sequence there is replaced).
fn push_path(map: &mut Value, keys: &[String], value: Value, at: u32) {
    let Some((last, parents)) = keys.split_last() else {
        return;
    };
    if let Value::Map(entries) = descend(map, parents, at) {
        match entries.iter_mut().find(|(k, _, _)| k == last) {
            Some((_, Value::Seq(items), _)) => items.push((value, at)),
            Some(slot) => slot.1 = Value::Seq(vec![(value, at)]),
            None => entries.push((last.clone(), Value::Seq(vec![(value, at)]), at)),
        }
    }
}

/// The map at `keys` below `map`, created as needed; an array of tables (or of repeated HCL
/// blocks) continues in its last element. A loop, not recursion: dotted keys can be long.
fn descend<'v>(mut map: &'v mut Value, keys: &[String], at: u32) -> &'v mut Value {
    for key in keys {
        map = match map {
            Value::Map(entries) => {
                let index = match entries.iter().position(|(k, _, _)| k == key) {
                    Some(i) => i,
                    None => {
                        entries.push((key.clone(), Value::Map(Vec::new()), at));
                        entries.len() - 1
                    }
                };
                let table_array =
                    matches!(&entries[index].1, Value::Seq(items) if !items.is_empty());
                let slot = &mut entries[index].1;
                if table_array {
                    match slot {
                        Value::Seq(items) => {
                            let last = items.len() - 1;
                            &mut items[last].0
                        }
                        other => other,
                    }
                } else {
                    slot
                }
            }
            other => other,
        };
    }
    map
}

#[cfg(test)]
mod tests;
