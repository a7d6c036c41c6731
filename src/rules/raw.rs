//! A rule file as written: a YAML list of rules, unknown keys rejected.

use crate::model::Severity;
use crate::util::glob::Pattern;
use serde::Deserialize;

/// One rule as written. Exactly one of `query`, `key` (with `when`) or `regex` is the matcher.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable kebab-case id, `pack/name`.
    pub id: String,
    /// Language(s) the rule applies to; required for `query`.
    #[serde(default)]
    pub language: Option<OneOrMany>,
    pub severity: Severity,
    /// Tiers the rule applies in; empty means every file.
    #[serde(default)]
    pub tiers: Vec<String>,
    /// Only files matching one of these globs.
    #[serde(default)]
    pub paths: Vec<Pattern>,
    /// Files matching these globs are skipped; `test-code` skips test code.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// `changed` (default): only matches on added lines. `file`: the whole new file.
    #[serde(default)]
    pub scope: Scope,
    /// One line; `{{capture}}`, `{{tier}}`, `{{key}}`, `{{before}}`, `{{after}}` are filled in.
    pub message: String,
    /// Why it matters and what to do instead.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Rules this one is a stronger form of: where both match the same line, only this one is
    /// reported (one finding per concern: `replicas → 0` is not also "halved").
    #[serde(default)]
    pub supersedes: Vec<String>,
    /// Key rules: also match on a file the change deletes (`false`: a deleted file reports only
    /// through rules about what it defined, such as a removed resource or workload).
    #[serde(default)]
    pub deleted_files: bool,
    /// A tree-sitter query; the `@match` capture is the reported node.
    #[serde(default)]
    pub query: Option<String>,
    /// A config key-path glob (`spec.replicas`, `**.readinessProbe`), with `when`.
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub when: Option<RawWhen>,
    /// A regular expression over lines (for files without a grammar).
    #[serde(default)]
    pub regex: Option<String>,
    /// `regex` rules: a line that also matches this is not reported (`WHERE` for `UPDATE … SET`).
    #[serde(default)]
    pub unless: Option<String>,
    /// Only files whose new text matches this regex somewhere (`pull_request_target`).
    #[serde(default)]
    pub file_contains: Option<String>,
    /// `query` rules: `new` (default) matches added code; `old` matches removed code.
    #[serde(default)]
    pub side: Side,
    #[serde(default)]
    pub tests: RawTests,
}

/// A string or a list of strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Which version of the file a query runs on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    #[default]
    New,
    Old,
}

/// Where matches count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Changed,
    File,
}

/// Conditions on a config key's transition; all given conditions must hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhen {
    /// The old value is (one of) this.
    #[serde(default)]
    pub from: Option<ScalarOrList>,
    /// The new value is (one of) this.
    #[serde(default)]
    pub to: Option<ScalarOrList>,
    /// The key did not exist before.
    #[serde(default)]
    pub added: Option<bool>,
    /// The key no longer exists.
    #[serde(default)]
    pub removed: Option<bool>,
    /// The key exists on both sides with different values.
    #[serde(default)]
    pub changed: Option<bool>,
    /// A number fell by at least this many percent.
    #[serde(default)]
    pub decreased_by_percent: Option<f64>,
    /// A number grew by at least this factor.
    #[serde(default)]
    pub increased_by_factor: Option<f64>,
    /// The new value matches this regex.
    #[serde(default)]
    pub matches: Option<String>,
    /// The new value does not match this regex.
    #[serde(default)]
    pub not_matches: Option<String>,
    /// The new value is (`true`) or is not (`false`) a credential: a known format, or random
    /// material, and not a reference, name, placeholder, URL, path or number.
    #[serde(default)]
    pub credential: Option<bool>,
}

/// A YAML scalar (string, number, bool) or a list of them, compared as text.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ScalarOrList {
    // A list first: untagged tries variants in order, and a list is also a `Value`.
    Many(Vec<serde_yaml::Value>),
    One(serde_yaml::Value),
}

impl RawWhen {
    /// The conditions in words, for `explain` (`removed; new value matches /…/`).
    pub fn describe(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let flag = |name: &str, v: Option<bool>| {
            v.map(|v| {
                if v {
                    name.to_owned()
                } else {
                    format!("not {name}")
                }
            })
        };
        out.extend(flag("added", self.added));
        out.extend(flag("removed", self.removed));
        out.extend(flag("changed on both sides", self.changed));
        if let Some(from) = &self.from {
            out.push(format!("old value is {}", from.texts().join(" or ")));
        }
        if let Some(to) = &self.to {
            out.push(format!("new value is {}", to.texts().join(" or ")));
        }
        if let Some(pct) = self.decreased_by_percent {
            out.push(format!("number fell by at least {pct}%"));
        }
        if let Some(factor) = self.increased_by_factor {
            out.push(format!("number grew by at least {factor}×"));
        }
        if let Some(re) = &self.matches {
            out.push(format!("new value matches /{re}/"));
        }
        if let Some(re) = &self.not_matches {
            out.push(format!("new value does not match /{re}/"));
        }
        match self.credential {
            Some(true) => out.push("new value is a credential (a known format or random material, not a reference, name, URL, path or number)".into()),
            Some(false) => out.push("new value is not a credential".into()),
            None => {}
        }
        if out.is_empty() {
            "any change".into()
        } else {
            out.join("; ")
        }
    }
}

impl ScalarOrList {
    /// The values as text (`true`, `0`, `0.0.0.0/0`).
    pub fn texts(&self) -> Vec<String> {
        let one = |v: &serde_yaml::Value| match v {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Null => "null".into(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_owned(),
        };
        match self {
            ScalarOrList::One(v) => vec![one(v)],
            ScalarOrList::Many(vs) => vs.iter().map(one).collect(),
        }
    }
}

/// Examples that must and must not match.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTests {
    #[serde(default, rename = "match")]
    pub must_match: Vec<RawCase>,
    #[serde(default)]
    pub no_match: Vec<RawCase>,
}

/// A test case: the new text alone (an added file), or both sides.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawCase {
    Text(String),
    Sides(RawSides),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSides {
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub after: Option<String>,
    /// The file's path (default: one the rule applies to).
    #[serde(default)]
    pub path: Option<String>,
}
