//! The policy: which paths belong to which tier and what each tier requires.
//!
//! Text in, checked `Policy` out, in two phases (cargo-deny style): serde reads the raw file
//! (`raw`), then `validate` checks what spans several fields and collects every problem at once.
//! Every error names file:line:col and shows the line.

pub mod baseline;
pub mod cases;
pub(crate) mod error;
mod raw;
mod read;
mod show;
pub mod spans;
mod validate;

pub use error::{PolicyError, PolicyProblem};

use globset::GlobSet;

/// The file changegate reads its policy from, at the repository root.
pub const POLICY_FILE: &str = ".changegate.yml";

/// The JSON Schema of `.changegate.yml`, generated from the serde types that read it (checked in
/// as `schemas/changegate.schema.json`; a test fails when it is stale).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(raw::RawPolicy);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// `Policy::origin` of the built-in policy.
pub const BUILTIN_ORIGIN: &str = "built-in defaults";

/// The built-in policy, used when a repository has none.
pub const DEFAULT_POLICY: &str = include_str!("default.yml");

/// A checked policy.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Where it came from, for reports: "built-in defaults", ".changegate.yml at abc123…".
    pub origin: String,
    /// Where each key of the file is, so that a finding can name the line that required it.
    pub spans: spans::Spans,
    /// The file as findings name it (`.changegate.yml`, a `--config` path); `None` for the
    /// built-in defaults.
    pub file: Option<String>,
    /// `extends:` as written, until `baseline::resolve` reads and applies it.
    pub extends: Option<String>,
    /// The baseline this policy tightens, as `LOCATION@SHA:PATH` (after `baseline::resolve`).
    pub baseline: Option<String>,
    /// Where each key of the baseline is (for `policy show`).
    pub baseline_spans: Option<spans::Spans>,
    /// Tier globs ignore ASCII case.
    pub case_insensitive_paths: bool,
    /// Tiers in precedence order; the first is the strictest.
    pub tiers: Vec<Tier>,
    /// Documentation sections by key, in file order.
    pub docs: Vec<DocSection>,
    /// Custom rule directories (repo-relative, no trailing slash).
    pub rule_dirs: Vec<String>,
    /// Built-in packs to load (`None`: all).
    pub rule_packs: Option<Vec<String>>,
    /// Rule ids switched off.
    pub rule_disable: Vec<String>,
    /// Team name → members (usernames), in file order.
    pub teams: Vec<(String, Vec<String>)>,
    /// Accounts that never count as reviewers (besides `…[bot]`).
    pub bots: Vec<String>,
    pub ai: AiPolicy,
    pub automation: AutomationPolicy,
    /// A regex the title or description must match.
    pub ticket: Option<regex::Regex>,
    pub blast: BlastPolicy,
}

/// The rule directory when the policy names none.
pub const DEFAULT_RULE_DIR: &str = ".changegate/rules";

/// Where GitHub and GitLab read CODEOWNERS (lower-case).
const CODEOWNERS_PATHS: [&str; 4] = [
    "codeowners",
    ".github/codeowners",
    "docs/codeowners",
    ".gitlab/codeowners",
];

/// The kinds of file that decide or run the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateFile {
    /// `.changegate.yml`.
    Policy,
    /// A custom rule (`rules.dirs`, anything under `.changegate/`).
    Rules,
    /// CODEOWNERS: who must approve.
    CodeOwners,
    /// A CI definition: what runs the gate (workflows, `.gitlab-ci.yml`, the Action).
    CiDefinition,
}

/// One tier, compiled.
#[derive(Debug, Clone)]
pub struct Tier {
    pub name: String,
    pub require: Requirements,
    /// The globs as written (`paths`, `exclude`), to compare a policy with its baseline.
    pub patterns: Vec<String>,
    pub excludes: Vec<String>,
    paths: GlobSet,
    exclude: GlobSet,
}

impl Tier {
    /// Whether `path` belongs to this tier (ignoring precedence).
    pub fn matches(&self, path: &str) -> bool {
        self.paths.is_match(path) && !self.exclude.is_match(path)
    }
}

/// What a change touching a tier needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requirements {
    pub approvals: u32,
    pub fresh_approvals: bool,
    /// Keys into `Policy::docs`.
    pub docs: Vec<String>,
    pub exclude_contributors: bool,
    /// Teams (`@org/team` or a `teams:` key) or users approvals must come from.
    pub reviewers_from: Vec<String>,
    pub reviewers_from_count: u32,
    pub require_code_owner: bool,
    /// Files that could not be fully analysed block (fail closed).
    pub complete_analysis: bool,
}

/// AI-assisted detection and requirement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AiPolicy {
    /// `(token, value glob)` pairs.
    pub trailers: Vec<(String, String)>,
    pub labels: Vec<String>,
    pub checkbox: Option<String>,
    /// Author globs (logins, `Name <email>`) of coding agents.
    pub authors: Vec<String>,
    /// Commit-message line globs (agents' footers).
    pub messages: Vec<String>,
    /// Branch-name globs (agents' prefixes).
    pub branches: Vec<String>,
    pub extra_approvals: u32,
    pub reviewers_from: Vec<String>,
    /// Tier names where the extra requirement applies.
    pub tiers: Vec<String>,
}

/// Dependency bots and what they may change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AutomationPolicy {
    /// Author globs of automation accounts.
    pub authors: Vec<String>,
    /// In the first tier, only version bumps (else anything).
    pub version_bumps_only: bool,
}

/// Blast-radius thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlastPolicy {
    pub block_above: Option<u32>,
    /// `(score, approvals)`: above the score, at least that many approvals.
    pub require_approvals_above: Option<(u32, u32)>,
    /// Whether fan-in is counted (`blast_radius.fan_in`, default on).
    pub fan_in: bool,
}

impl Default for BlastPolicy {
    fn default() -> Self {
        BlastPolicy {
            block_above: None,
            require_approvals_above: None,
            fan_in: true,
        }
    }
}

/// A required section of the change description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSection {
    pub key: String,
    pub heading: String,
    pub min_words: u32,
}

impl Policy {
    /// Parses and validates policy text; `origin` names the file in errors.
    pub fn from_yaml(text: &str, origin: &str) -> Result<Policy, PolicyError> {
        validate::parse(text, origin)
    }

    /// Parses, validates and applies the baseline it `extends` (read by `reader`).
    pub fn load(
        text: &str,
        origin: &str,
        reader: &dyn baseline::BaselineReader,
    ) -> Result<Policy, PolicyError> {
        baseline::resolve(Policy::from_yaml(text, origin)?, text, reader)
    }

    /// `FILE:LINE:COL` of a key (`tiers.tier-1.require.docs[0]`), for "required by …" notes.
    pub fn position(&self, path: &str) -> Option<String> {
        let file = self.file.as_deref()?;
        let (line, col) = self.spans.find(path)?;
        Some(format!("{file}:{line}:{col}"))
    }

    /// Where a tier requires something (`approvals`, `docs[1]`): the key under `require:`.
    pub fn required_at(&self, tier: usize, key: &str) -> Option<String> {
        let name = &self.tiers.get(tier)?.name;
        self.position(&format!("{}.require.{key}", spans::join("tiers", name)))
    }

    /// The built-in defaults.
    pub fn builtin() -> Policy {
        let mut policy = Policy::from_yaml(DEFAULT_POLICY, "built-in policy")
            .expect("the built-in policy is valid (tested)");
        policy.origin = BUILTIN_ORIGIN.into();
        policy
    }

    /// Index of the tier `path` belongs to: the first whose globs match.
    pub fn tier_index(&self, path: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.matches(path))
    }

    /// Whether `path` is one of the gate's own files (see `gate_file`).
    pub fn is_gate_file(&self, path: &str) -> bool {
        self.gate_file(path).is_some()
    }

    /// What `path` is to the gate, if it is one of the files that decide or run the verdict:
    /// the policy, a custom rule, a CODEOWNERS file, or a CI definition. A change to any of them
    /// is placed in the first tier and flagged, whatever the tiers say. Matched without regard
    /// to case (`.GitHub/Workflows` is the same directory on case-insensitive file systems, and
    /// a case variant must not dodge the gate).
    pub fn gate_file(&self, path: &str) -> Option<GateFile> {
        let lower = path.to_ascii_lowercase();
        let under = |dir: &str| {
            lower
                .strip_prefix(&dir.to_ascii_lowercase())
                .is_some_and(|rest| rest.starts_with('/'))
        };
        if lower == POLICY_FILE || under(".changegate") {
            return Some(if lower == POLICY_FILE {
                GateFile::Policy
            } else {
                GateFile::Rules
            });
        }
        if self.rule_dirs.iter().any(|dir| under(dir)) {
            return Some(GateFile::Rules);
        }
        if CODEOWNERS_PATHS.contains(&lower.as_str()) {
            return Some(GateFile::CodeOwners);
        }
        let ci = under(".github/workflows")
            || under(".gitlab/ci")
            || lower == ".gitlab-ci.yml"
            || lower == ".gitlab-ci.yaml"
            || lower == "action.yml"
            || lower == "action.yaml";
        ci.then_some(GateFile::CiDefinition)
    }

    /// Members of a team named `name` (`@org/team`, `org/team` or a bare `teams:` key), if known.
    pub fn team(&self, name: &str) -> Option<&[String]> {
        let bare = name.trim_start_matches('@');
        self.teams
            .iter()
            .find(|(key, _)| {
                let key = key.trim_start_matches('@');
                key == bare
                    || key.rsplit('/').next() == Some(bare)
                    || bare.rsplit('/').next() == Some(key)
            })
            .map(|(_, members)| members.as_slice())
    }

    /// Whether an account is a bot and never counts as a reviewer.
    pub fn is_bot(&self, user: &str) -> bool {
        user.ends_with("[bot]") || self.bots.iter().any(|b| b.eq_ignore_ascii_case(user))
    }

    /// The documentation section with this key.
    pub fn doc(&self, key: &str) -> Option<&DocSection> {
        self.docs.iter().find(|d| d.key == key)
    }
}

#[cfg(test)]
mod tests;
