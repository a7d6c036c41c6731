//! Phase one of policy loading: YAML → the raw serde types, with *every* structural problem of
//! the file (unknown keys, wrong types) reported at once and at its real position. serde stops
//! at the first error of a value, so each top-level section (and each tier) is read on its own;
//! a section that fails is left at its default and named in `failed`, so later checks do not
//! report what follows from it.

use super::error::{parser_message, PolicyProblem};
use super::raw::{RawPolicy, RawTier};
use super::spans::{join, Spans};
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::collections::BTreeSet;

/// The top-level keys of a policy file (RawPolicy's fields).
const TOP_LEVEL: [&str; 12] = [
    "version",
    "extends",
    "tiers",
    "case_insensitive_paths",
    "docs",
    "rules",
    "teams",
    "bots",
    "ai_assisted",
    "automation",
    "ticket",
    "blast_radius",
];

/// What was read, the problems found, and the paths of the sections that failed.
pub struct Read {
    pub raw: RawPolicy,
    pub problems: Vec<PolicyProblem>,
    pub failed: BTreeSet<String>,
}

/// Reads `text`; `None` (with the one problem) when it is not YAML at all.
pub fn read(text: &str, spans: &Spans) -> Result<Read, PolicyProblem> {
    let value: Value = serde_yaml::from_str(text).map_err(|e| PolicyProblem {
        location: e.location().map(|l| (l.line(), l.column())),
        message: parser_message(&e),
    })?;
    let Value::Mapping(map) = value else {
        return Err(PolicyProblem {
            location: Some((1, 1)),
            message: "a policy is a mapping of keys (`version: 1`, `tiers:`, …)".into(),
        });
    };
    let mut reader = Reader {
        spans,
        problems: Vec::new(),
        failed: BTreeSet::new(),
    };
    for key in map.keys() {
        match key.as_str() {
            Some(name) if TOP_LEVEL.contains(&name) => {}
            _ => {
                let name = key_text(key);
                reader.problems.push(PolicyProblem {
                    location: spans.find(&name),
                    message: format!(
                        "unknown key `{name}`, expected one of {}",
                        TOP_LEVEL.map(|k| format!("`{k}`")).join(", ")
                    ),
                });
            }
        }
    }
    let get = |key: &str| map.get(key).cloned();
    let version = match get("version") {
        Some(v) => reader.field::<u32>("version", v).unwrap_or(1),
        None => {
            reader.problems.push(PolicyProblem {
                location: Some((1, 1)),
                message: "missing `version: 1` (the policy format this file is written in)".into(),
            });
            reader.failed.insert("version".into());
            1
        }
    };
    let mut tiers = IndexMap::new();
    match get("tiers") {
        Some(Value::Mapping(entries)) => {
            for (name, value) in entries {
                let name = key_text(&name);
                let path = join("tiers", &name);
                let tier = reader.field::<RawTier>(&path, value).unwrap_or_default();
                tiers.insert(name, tier);
            }
        }
        Some(Value::Null) | None => {}
        Some(other) => {
            reader.field::<IndexMap<String, RawTier>>("tiers", other);
        }
    }
    let raw = RawPolicy {
        version,
        extends: reader.optional(&get, "extends"),
        tiers,
        case_insensitive_paths: reader.optional(&get, "case_insensitive_paths"),
        docs: reader.optional(&get, "docs"),
        rules: reader.optional(&get, "rules"),
        teams: reader.optional(&get, "teams"),
        bots: reader.optional(&get, "bots"),
        ai_assisted: reader.optional(&get, "ai_assisted"),
        automation: reader.optional(&get, "automation"),
        ticket: reader.optional(&get, "ticket"),
        blast_radius: reader.optional(&get, "blast_radius"),
    };
    Ok(Read {
        raw,
        problems: reader.problems,
        failed: reader.failed,
    })
}

struct Reader<'a> {
    spans: &'a Spans,
    problems: Vec<PolicyProblem>,
    failed: BTreeSet<String>,
}

impl Reader<'_> {
    /// `value` as a `T`, or a problem at the exact place serde gave up.
    fn field<T: DeserializeOwned>(&mut self, path: &str, value: Value) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(v) => Some(v),
            Err(e) => {
                let inner = e.path().to_string();
                let full = if inner == "." || inner.is_empty() {
                    path.to_owned()
                } else {
                    join(path, &inner).replace(".[", "[")
                };
                let message = crate::util::escape::clip(
                    &e.inner().to_string().replace(['\n', '\r'], " "),
                    200,
                );
                // An unknown key is shown at the key; a wrong value at the value.
                let location = if e.inner().to_string().starts_with("unknown field") {
                    self.spans.find(&full)
                } else {
                    self.spans.value(&full).or_else(|| self.spans.find(&full))
                };
                self.problems.push(PolicyProblem {
                    location,
                    message: format!("{full}: {message}"),
                });
                self.failed.insert(path.to_owned());
                None
            }
        }
    }

    /// An optional top-level section: its default when absent or wrong.
    fn optional<T: DeserializeOwned + Default>(
        &mut self,
        get: &impl Fn(&str) -> Option<Value>,
        key: &str,
    ) -> T {
        get(key)
            .and_then(|v| self.field(key, v))
            .unwrap_or_default()
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}
