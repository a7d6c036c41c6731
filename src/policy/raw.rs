//! The `.changegate.yml` file as written: serde types that mirror the YAML one to one, with
//! unknown keys rejected. Checks that need more than one field live in `super::validate`.

use crate::glob::Pattern;
use indexmap::IndexMap;
use serde::Deserialize;

/// The whole policy file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    /// Format version; only `1` exists.
    pub version: u32,
    /// Tiers in precedence order: a path belongs to the first tier that matches it, and the first
    /// tier is the strictest (the gate's own files are placed in it).
    #[serde(default)]
    pub tiers: IndexMap<String, RawTier>,
    /// What each documentation requirement means: a section of the change description.
    #[serde(default)]
    pub docs: IndexMap<String, RawDocSection>,
    /// Where custom rules live (their changes are gate changes).
    #[serde(default)]
    pub rules: RawRules,
}

/// One tier.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    /// Globs over repo-relative paths (`*` stays within a directory, `**` crosses them).
    pub paths: Vec<Pattern>,
    /// Globs that take a path back out of this tier.
    #[serde(default)]
    pub exclude: Vec<Pattern>,
    /// What a change touching this tier needs.
    #[serde(default)]
    pub require: RawRequire,
}

/// Requirements of a tier.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequire {
    /// Approvals needed before merge.
    #[serde(default)]
    pub approvals: u32,
    /// Approvals count only when given on the current head.
    #[serde(default)]
    pub fresh_approvals: bool,
    /// Keys of `docs:` sections the description must contain.
    #[serde(default)]
    pub docs: Vec<String>,
}

/// One documentation section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocSection {
    /// Heading text that starts the section (case-insensitive; `## Rollback plan` matches `Rollback`).
    pub heading: String,
    /// Fewest words the section must hold to count.
    #[serde(default = "one")]
    pub min_words: u32,
}

fn one() -> u32 {
    1
}

/// Rule settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    /// Built-in packs to load; all of them when absent.
    #[serde(default)]
    pub packs: Option<Vec<String>>,
    /// Directories of custom rule files, repo-relative.
    #[serde(default)]
    pub dirs: Vec<String>,
    /// Rule ids to switch off.
    #[serde(default)]
    pub disable: Vec<String>,
}
