//! The `.changegate.yml` file as written: serde types that mirror the YAML one to one, with
//! unknown keys rejected. Checks that need more than one field live in `super::validate`.

use crate::util::glob::Pattern;
use indexmap::IndexMap;
use serde::Deserialize;

/// The whole policy file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    /// Format version; only `1` exists.
    pub version: u32,
    /// An org baseline this file may only tighten, pinned by commit: `DIR@SHA:PATH` (a local
    /// git checkout of the policy repository, read with git at that commit) or
    /// `OWNER/REPO@SHA:PATH`. Sections this file leaves out come from the baseline.
    #[serde(default)]
    pub extends: Option<String>,
    /// Tiers in precedence order: a path belongs to the first tier that matches it, and the first
    /// tier is the strictest (the gate's own files are placed in it).
    #[serde(default)]
    pub tiers: IndexMap<String, RawTier>,
    /// Tier globs match paths without regard to ASCII case, so that `Deploy/` or `K8S/` cannot
    /// dodge a tier (on in the built-in policy; Git itself is case-sensitive, but checkouts on
    /// macOS and Windows are not).
    #[serde(default)]
    pub case_insensitive_paths: bool,
    /// What each documentation requirement means: a section of the change description.
    #[serde(default)]
    pub docs: IndexMap<String, RawDocSection>,
    /// Where custom rules live (their changes are gate changes).
    #[serde(default)]
    pub rules: RawRules,
    /// Named groups of reviewers (`seniors: [alice, bob]`; keys may be `@org/team`).
    #[serde(default)]
    pub teams: IndexMap<String, Vec<String>>,
    /// Accounts that never count as reviewers, besides any `…[bot]` account.
    #[serde(default)]
    pub bots: Vec<String>,
    /// How an AI-assisted change is recognised, and what it adds.
    #[serde(default)]
    pub ai_assisted: Option<AiSetting>,
    /// Which accounts are automation (dependency bots) and what they may change. Absent, the
    /// built-in section applies.
    #[serde(default)]
    pub automation: Option<RawAutomation>,
    /// A regex the title or description must match (a ticket reference such as `[A-Z]+-\d+`).
    #[serde(default)]
    pub ticket: Option<String>,
    /// Blast-radius thresholds.
    #[serde(default)]
    pub blast_radius: RawBlastRadius,
}

/// `ai_assisted:` — a section, or `off`. Absent, the built-in detection applies: a policy file
/// that does not mention AI must not switch its detection off.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AiSetting {
    /// Only the word `off` is accepted.
    Off(String),
    On(RawAiAssisted),
}

/// `automation:` — dependency bots: their own provenance, neither a person nor AI.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAutomation {
    /// Globs (case-insensitive) on the PR/MR author's login, or on every commit's author
    /// (`Name <email>`) when the platform does not say who opened it.
    #[serde(default)]
    pub authors: Vec<String>,
    /// What automation may change in the first tier: `version-bumps` (lockfiles and keys such as
    /// `version`, `tag`, `image`, `uses`; code there blocks) or `anything`.
    #[serde(default)]
    pub may_change: Option<String>,
}

/// AI-assisted detection and its extra requirement.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAiAssisted {
    /// `Token: value-glob` patterns matched against commit trailers (`Co-authored-by: *Copilot*`).
    #[serde(default)]
    pub trailers: Vec<String>,
    /// PR/MR labels that mark the change.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Text of a checked box in the description (`- [x] AI-assisted`).
    #[serde(default)]
    pub checkbox: Option<String>,
    /// Globs matched (case-insensitively) against the PR/MR author's login and each commit's
    /// author (`Name <email>`, and login when known): coding agents that author changes
    /// themselves (`copilot-swe-agent*`, `*<noreply@anthropic.com>`).
    #[serde(default)]
    pub authors: Vec<String>,
    /// Globs matched (case-insensitively) against each line of each commit message: footers
    /// agents write (`*Generated with [Claude Code]*`).
    #[serde(default)]
    pub messages: Vec<String>,
    /// Globs matched (case-insensitively) against the branch the change comes from: the
    /// prefixes agents push to (`copilot/*`, `claude/*`).
    #[serde(default)]
    pub branches: Vec<String>,
    /// What an AI-assisted change needs on top of its tiers.
    #[serde(default)]
    pub require: RawAiRequire,
}

/// Extra requirements of an AI-assisted change.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAiRequire {
    /// Approvals added to the tier's requirement.
    #[serde(default)]
    pub extra_approvals: u32,
    /// Teams or users at least one approval must come from (teams not defined are skipped).
    #[serde(default)]
    pub reviewers_from: Vec<String>,
    /// Tiers where the extra requirement applies; default: the first tier.
    #[serde(default)]
    pub tiers: Option<Vec<String>>,
}

/// Blast-radius thresholds.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBlastRadius {
    /// A score above this blocks the change.
    #[serde(default)]
    pub block_above: Option<u32>,
    /// A score above `score` needs at least `approvals` approvals.
    #[serde(default)]
    pub require_approvals_above: Option<RawScoreApprovals>,
    /// Count references to changed functions at the head (`git grep`, then parse the files that
    /// mention them); `false` skips it (the score's fan-in component is then 0, and says so).
    #[serde(default)]
    pub fan_in: Option<bool>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScoreApprovals {
    pub score: u32,
    pub approvals: u32,
}

/// One tier.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRequire {
    /// Approvals needed before merge.
    #[serde(default)]
    pub approvals: u32,
    /// Approvals count only when given on the current head.
    #[serde(default)]
    pub fresh_approvals: bool,
    /// Authors, committers and co-authors of the change's commits do not count as reviewers.
    /// Default: true for the first tier, false for the others.
    #[serde(default)]
    pub exclude_contributors: Option<bool>,
    /// Teams or users that approvals must (partly) come from.
    #[serde(default)]
    pub reviewers_from: Vec<String>,
    /// How many approvals must come from `reviewers_from` (default 1).
    #[serde(default)]
    pub reviewers_from_count: Option<u32>,
    /// Every changed file of this tier needs an approval from one of its CODEOWNERS.
    #[serde(default)]
    pub require_code_owner: bool,
    /// Keys of `docs:` sections the description must contain.
    #[serde(default)]
    pub docs: Vec<String>,
    /// A file of a parsed language that could not be fully analysed (too deep, over the parse
    /// budget, binary-looking, oversized, syntax errors, an internal error) blocks the change.
    /// Default: true for the first tier, false for the others.
    #[serde(default)]
    pub complete_analysis: Option<bool>,
}

/// One documentation section.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    /// Built-in packs to load; all of them when absent.
    #[serde(default)]
    pub packs: Option<Vec<String>>,
    /// Directories of custom rule files, repo-relative; default `[".changegate/rules"]`
    /// (`[]` for none). Their changes are gate changes.
    #[serde(default)]
    pub dirs: Option<Vec<String>>,
    /// Rule ids to switch off.
    #[serde(default)]
    pub disable: Vec<String>,
}
