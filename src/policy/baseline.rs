//! An org baseline (`extends:`): the policy a repository's `.changegate.yml` may only tighten.
//!
//! The baseline is pinned by commit and read from a local git checkout of the policy repository
//! (`DIR@SHA:PATH`), so the same bytes judge every run. Sections the repository's file leaves out
//! are the baseline's; sections it writes must be at least as strict, key by key, and a looser
//! one is a policy error that names both lines. Anything that keeps the baseline from being read
//! fails closed (a policy error, exit 2): a gate whose floor cannot be read must not pass.

use super::error::{PolicyError, PolicyProblem};
use super::{spans, Policy, Requirements};
use std::path::Path;
use std::process::Command;

/// `LOCATION@SHA:PATH`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineRef {
    /// A local directory (`/…`, `./…`, `../…`) or a platform repository (`OWNER/REPO`).
    pub location: String,
    /// The full commit id (40 or 64 hex digits): a branch or tag could move under the gate.
    pub commit: String,
    pub path: String,
}

impl BaselineRef {
    pub fn parse(text: &str) -> Result<BaselineRef, String> {
        let form = "expected `DIR@SHA:PATH` or `OWNER/REPO@SHA:PATH` with a full commit id";
        let (location, rest) = text
            .rsplit_once('@')
            .ok_or_else(|| format!("extends `{text}`: {form}"))?;
        let (commit, path) = rest
            .split_once(':')
            .ok_or_else(|| format!("extends `{text}`: {form}"))?;
        let hex = commit
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        if !(hex && (commit.len() == 40 || commit.len() == 64)) {
            return Err(format!(
                "extends `{text}`: `{commit}` is not a full commit id; pin the baseline by commit (40 hex digits) so that it cannot move"
            ));
        }
        if location.is_empty() || location.starts_with('-') || path.is_empty() {
            return Err(format!("extends `{text}`: {form}"));
        }
        Ok(BaselineRef {
            location: location.to_owned(),
            commit: commit.to_owned(),
            path: path.trim_start_matches("./").to_owned(),
        })
    }

    /// Whether the location is a directory on this machine rather than a platform repository.
    pub fn is_local(&self) -> bool {
        let l = &self.location;
        l.starts_with('/') || l.starts_with("./") || l.starts_with("../") || l == "." || l == ".."
    }

    /// How reports name it: `LOCATION@SHA12:PATH`.
    pub fn short(&self) -> String {
        format!("{}@{}:{}", self.location, &self.commit[..12], self.path)
    }
}

/// Where baselines are read from.
pub trait BaselineReader {
    /// The baseline's text, or why it cannot be had.
    fn read(&self, reference: &BaselineRef) -> Result<String, String>;
}

/// A reader to carry in options (`Clone`, `Debug`): the pipeline sits below the platform layer,
/// so the CLI hands it the reader that can reach the API.
#[derive(Clone)]
pub struct SharedReader(pub std::sync::Arc<dyn BaselineReader + Send + Sync>);

impl Default for SharedReader {
    /// Local checkouts only.
    fn default() -> Self {
        SharedReader(std::sync::Arc::new(LocalGit))
    }
}

impl std::fmt::Debug for SharedReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedReader")
    }
}

impl BaselineReader for SharedReader {
    fn read(&self, reference: &BaselineRef) -> Result<String, String> {
        self.0.read(reference)
    }
}

/// Reads `DIR@SHA:PATH` with git from a local checkout (relative to the working directory).
pub struct LocalGit;

impl BaselineReader for LocalGit {
    fn read(&self, reference: &BaselineRef) -> Result<String, String> {
        if !reference.is_local() {
            return Err(format!(
                "extends `{}` names a platform repository, which this reader does not read (platform::baseline does); check the policy repository out and write `extends: \"./DIR@{}:{}\"`",
                reference.short(),
                reference.commit,
                reference.path
            ));
        }
        let dir = Path::new(&reference.location);
        // A bare repository found by discovery could be one the change planted in the work tree,
        // with a config of its own: only a real checkout (or `.git`) is read, and no fsmonitor.
        let out = Command::new("git")
            .args([
                "-c",
                "safe.bareRepository=explicit",
                "-c",
                "core.fsmonitor=false",
            ])
            .arg("-C")
            .arg(dir)
            .args(["cat-file", "blob"])
            .arg(format!("{}:{}", reference.commit, reference.path))
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()
            .map_err(|e| format!("cannot run git to read the baseline: {e}"))?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr);
            let why = crate::util::escape::clip(why.trim().lines().next().unwrap_or(""), 200);
            return Err(format!(
                "cannot read the baseline {} (is {} a git checkout holding commit {}?): {why}",
                reference.short(),
                dir.display(),
                reference.commit
            ));
        }
        String::from_utf8(out.stdout)
            .map_err(|_| format!("the baseline {} is not UTF-8", reference.short()))
    }
}

/// The effective policy: `policy` (parsed from `text`) with its baseline read and applied.
/// A policy without `extends` is returned as it is.
pub fn resolve(
    mut policy: Policy,
    text: &str,
    reader: &dyn BaselineReader,
) -> Result<Policy, PolicyError> {
    let Some(extends) = policy.extends.clone() else {
        return Ok(policy);
    };
    let fail = |message: String| {
        PolicyError::new(
            &policy.origin,
            text,
            vec![PolicyProblem {
                location: policy.spans.find("extends"),
                message,
            }],
        )
    };
    let reference = BaselineRef::parse(&extends).map_err(fail)?;
    let baseline_text = reader.read(&reference).map_err(fail)?;
    let mut baseline = Policy::from_yaml(&baseline_text, &reference.short())?;
    if baseline.extends.is_some() {
        return Err(fail(format!(
            "the baseline {} itself has `extends`: a baseline is one level (the org's floor)",
            reference.short()
        )));
    }
    baseline.file = Some(reference.short());
    inherit(&mut policy, &baseline);
    let mut problems = looser_than(&policy, &baseline);
    for tier in &policy.tiers {
        for (at, key) in tier.require.docs.iter().enumerate() {
            if policy.doc(key).is_none() {
                problems.push(PolicyProblem {
                    location: policy
                        .spans
                        .find(&format!("{}.require.docs[{at}]", spans::join("tiers", &tier.name))),
                    message: format!(
                        "tier `{}` requires docs `{key}`, which neither this file's nor the baseline's `docs:` defines",
                        tier.name
                    ),
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(PolicyError::new(&policy.origin, text, problems));
    }
    policy.baseline = Some(reference.short());
    policy.baseline_spans = Some(baseline.spans.clone());
    policy.origin = format!("{} (tightening {})", policy.origin, reference.short());
    Ok(policy)
}

/// Sections the repository's file does not write are the baseline's.
fn inherit(policy: &mut Policy, baseline: &Policy) {
    let absent = |key: &str| policy.spans.exact(key).is_none();
    if absent("tiers") {
        policy.tiers = baseline.tiers.clone();
        policy.case_insensitive_paths = baseline.case_insensitive_paths;
    }
    if absent("docs") {
        policy.docs = baseline.docs.clone();
    }
    if absent("rules") {
        policy.rule_dirs = baseline.rule_dirs.clone();
        policy.rule_packs = baseline.rule_packs.clone();
        policy.rule_disable = baseline.rule_disable.clone();
    }
    if absent("teams") {
        policy.teams = baseline.teams.clone();
    }
    if absent("bots") {
        policy.bots = baseline.bots.clone();
    }
    if absent("ai_assisted") {
        policy.ai = baseline.ai.clone();
    }
    if absent("automation") {
        policy.automation = baseline.automation.clone();
    }
    if absent("ticket") {
        policy.ticket = baseline.ticket.clone();
    }
    if absent("blast_radius") {
        policy.blast = baseline.blast.clone();
    }
}

/// Every way `policy` is looser than `baseline`, each at the repository's line and naming the
/// baseline's.
fn looser_than(policy: &Policy, baseline: &Policy) -> Vec<PolicyProblem> {
    let mut out = Loosening {
        policy,
        baseline,
        problems: Vec::new(),
    };
    out.tiers();
    out.docs();
    out.rules();
    out.reviewers();
    out.ai();
    out.blast();
    out.problems
}

struct Loosening<'a> {
    policy: &'a Policy,
    baseline: &'a Policy,
    problems: Vec<PolicyProblem>,
}

impl Loosening<'_> {
    /// Records that the repository's `key` weakens the baseline's `base_key`.
    fn problem(&mut self, key: &str, base_key: &str, what: String) {
        let at = self
            .baseline
            .position(base_key)
            .unwrap_or_else(|| self.baseline.file.clone().unwrap_or_default());
        self.problems.push(PolicyProblem {
            location: self.policy.spans.find(key),
            message: format!(
                "{what}: looser than the baseline ({at}); a repository may only tighten its baseline"
            ),
        });
    }

    fn tiers(&mut self) {
        let (policy, baseline) = (self.policy, self.baseline);
        if baseline.case_insensitive_paths && !policy.case_insensitive_paths {
            self.problem(
                "case_insensitive_paths",
                "case_insensitive_paths",
                "tier globs match case-sensitively".into(),
            );
        }
        let mut last = None;
        for base in &baseline.tiers {
            let key = spans::join("tiers", &base.name);
            let Some(at) = policy.tiers.iter().position(|t| t.name == base.name) else {
                self.problem("tiers", &key, format!("tier `{}` is missing", base.name));
                continue;
            };
            if last.is_some_and(|l| at < l) {
                self.problem(
                    &key,
                    &key,
                    format!(
                        "tier `{}` moved ahead of a tier the baseline puts first",
                        base.name
                    ),
                );
            }
            last = Some(at);
            let tier = &policy.tiers[at];
            for pattern in &base.patterns {
                if !tier.patterns.contains(pattern) {
                    self.problem(
                        &format!("{key}.paths"),
                        &format!("{key}.paths"),
                        format!("tier `{}` drops the path `{pattern}`", base.name),
                    );
                }
            }
            for pattern in &tier.excludes {
                if !base.excludes.contains(pattern) {
                    self.problem(
                        &format!("{key}.exclude"),
                        &format!("{key}.paths"),
                        format!("tier `{}` excludes `{pattern}`", base.name),
                    );
                }
            }
            self.requirements(&key, &tier.require, &key, &base.require);
            // A tier of the repository's own, placed ahead, takes paths before this one does.
            for earlier in &policy.tiers[..at] {
                if !baseline.tiers.iter().any(|b| b.name == earlier.name) {
                    let earlier_key = spans::join("tiers", &earlier.name);
                    self.requirements(&earlier_key, &earlier.require, &key, &base.require);
                }
            }
        }
    }

    fn requirements(&mut self, key: &str, r: &Requirements, base_key: &str, b: &Requirements) {
        let req = |k: &str, field: &str| format!("{k}.require.{field}");
        if r.approvals < b.approvals {
            self.problem(
                &req(key, "approvals"),
                &req(base_key, "approvals"),
                format!(
                    "{key} needs {} approvals, the baseline {}",
                    r.approvals, b.approvals
                ),
            );
        }
        let flags = [
            ("fresh_approvals", r.fresh_approvals, b.fresh_approvals),
            (
                "exclude_contributors",
                r.exclude_contributors,
                b.exclude_contributors,
            ),
            (
                "require_code_owner",
                r.require_code_owner,
                b.require_code_owner,
            ),
            (
                "complete_analysis",
                r.complete_analysis,
                b.complete_analysis,
            ),
        ];
        for (field, mine, theirs) in flags {
            if theirs && !mine {
                self.problem(
                    &req(key, field),
                    &req(base_key, field),
                    format!("{key} turns `{field}` off"),
                );
            }
        }
        for doc in &b.docs {
            if !r.docs.contains(doc) {
                self.problem(
                    &req(key, "docs"),
                    &req(base_key, "docs"),
                    format!("{key} does not require the `{doc}` section"),
                );
            }
        }
        self.reviewer_list(
            &req(key, "reviewers_from"),
            &r.reviewers_from,
            &req(base_key, "reviewers_from"),
            &b.reviewers_from,
        );
        if !b.reviewers_from.is_empty() && r.reviewers_from_count < b.reviewers_from_count {
            self.problem(
                &req(key, "reviewers_from_count"),
                &req(base_key, "reviewers_from_count"),
                format!("{key} needs fewer approvals from `reviewers_from`"),
            );
        }
    }

    /// `reviewers_from` narrows who may approve: the repository may name fewer, not others.
    fn reviewer_list(&mut self, key: &str, mine: &[String], base_key: &str, theirs: &[String]) {
        if theirs.is_empty() {
            return;
        }
        if mine.is_empty() {
            self.problem(key, base_key, format!("`{key}` is empty"));
        }
        for who in mine {
            if !theirs.contains(who) {
                self.problem(key, base_key, format!("`{key}` adds `{who}`"));
            }
        }
    }

    fn docs(&mut self) {
        for base in &self.baseline.docs {
            let key = spans::join("docs", &base.key);
            match self.policy.doc(&base.key) {
                None => self.problem(
                    "docs",
                    &key,
                    format!("docs section `{}` is missing", base.key),
                ),
                Some(doc) if !doc.heading.eq_ignore_ascii_case(&base.heading) => self.problem(
                    &format!("{key}.heading"),
                    &format!("{key}.heading"),
                    format!("docs section `{}` asks for another heading", base.key),
                ),
                Some(doc) if doc.min_words < base.min_words => self.problem(
                    &format!("{key}.min_words"),
                    &format!("{key}.min_words"),
                    format!("docs section `{}` needs fewer words", base.key),
                ),
                Some(_) => {}
            }
        }
    }

    fn rules(&mut self) {
        let (policy, baseline) = (self.policy, self.baseline);
        for id in &policy.rule_disable {
            if !baseline.rule_disable.contains(id) {
                self.problem(
                    "rules.disable",
                    "rules",
                    format!("rule `{id}` is switched off"),
                );
            }
        }
        if let Some(packs) = &policy.rule_packs {
            let dropped: Vec<&String> = match &baseline.rule_packs {
                Some(base) => base.iter().filter(|p| !packs.contains(p)).collect(),
                None => Vec::new(),
            };
            if baseline.rule_packs.is_none() {
                self.problem(
                    "rules.packs",
                    "rules",
                    "`rules.packs` loads only some built-in packs (the baseline loads all)".into(),
                );
            }
            for pack in dropped {
                self.problem(
                    "rules.packs",
                    "rules.packs",
                    format!("pack `{pack}` is not loaded"),
                );
            }
        }
        for dir in &baseline.rule_dirs {
            if !policy.rule_dirs.contains(dir) {
                self.problem(
                    "rules.dirs",
                    "rules.dirs",
                    format!("rule directory `{dir}` is dropped"),
                );
            }
        }
    }

    fn reviewers(&mut self) {
        let (policy, baseline) = (self.policy, self.baseline);
        for (team, members) in &baseline.teams {
            let key = spans::join("teams", team);
            match policy.teams.iter().find(|(name, _)| name == team) {
                None => self.problem("teams", &key, format!("team `{team}` is missing")),
                Some((_, mine)) => {
                    for who in mine.iter().filter(|m| !members.contains(m)) {
                        self.problem(&key, &key, format!("team `{team}` adds `{who}`"));
                    }
                }
            }
        }
        for bot in &baseline.bots {
            if !policy.bots.contains(bot) {
                self.problem(
                    "bots",
                    "bots",
                    format!("`{bot}` counts as a reviewer again"),
                );
            }
        }
        for author in &policy.automation.authors {
            if !baseline.automation.authors.contains(author) {
                self.problem(
                    "automation.authors",
                    "automation",
                    format!("`{author}` is treated as automation"),
                );
            }
        }
        if baseline.automation.version_bumps_only && !policy.automation.version_bumps_only {
            self.problem(
                "automation.may_change",
                "automation",
                "automation may change anything in the first tier".into(),
            );
        }
    }

    fn ai(&mut self) {
        let (mine, theirs) = (&self.policy.ai, &self.baseline.ai);
        let lists = [
            ("trailers", pairs(&mine.trailers), pairs(&theirs.trailers)),
            ("labels", mine.labels.clone(), theirs.labels.clone()),
            ("authors", mine.authors.clone(), theirs.authors.clone()),
            ("messages", mine.messages.clone(), theirs.messages.clone()),
            ("branches", mine.branches.clone(), theirs.branches.clone()),
        ];
        for (field, mine, theirs) in lists {
            for signal in theirs.iter().filter(|s| !mine.contains(s)) {
                let key = format!("ai_assisted.{field}");
                self.problem(&key, &key, format!("AI signal `{signal}` is dropped"));
            }
        }
        if theirs.checkbox.is_some() && mine.checkbox != theirs.checkbox {
            self.problem(
                "ai_assisted.checkbox",
                "ai_assisted.checkbox",
                "the AI checkbox is dropped".into(),
            );
        }
        if mine.extra_approvals < theirs.extra_approvals {
            let key = "ai_assisted.require.extra_approvals";
            self.problem(
                key,
                key,
                "AI-assisted changes need fewer extra approvals".into(),
            );
        }
        let key = "ai_assisted.require.reviewers_from";
        let (a, b) = (mine.reviewers_from.clone(), theirs.reviewers_from.clone());
        self.reviewer_list(key, &a, key, &b);
        for tier in theirs.tiers.iter().filter(|t| !mine.tiers.contains(t)) {
            let key = "ai_assisted.require.tiers";
            self.problem(
                key,
                key,
                format!("the AI requirement no longer applies to `{tier}`"),
            );
        }
    }

    fn blast(&mut self) {
        let (mine, theirs) = (&self.policy.blast, &self.baseline.blast);
        if let Some(limit) = theirs.block_above {
            if mine.block_above.is_none_or(|m| m > limit) {
                let key = "blast_radius.block_above";
                self.problem(key, key, "a higher blast radius passes".into());
            }
        }
        if let Some((score, approvals)) = theirs.require_approvals_above {
            if mine
                .require_approvals_above
                .is_none_or(|(s, a)| s > score || a < approvals)
            {
                let key = "blast_radius.require_approvals_above";
                self.problem(key, key, "a high blast radius needs fewer approvals".into());
            }
        }
        if theirs.fan_in && !mine.fan_in {
            let key = "blast_radius.fan_in";
            self.problem(key, key, "fan-in is not counted".into());
        }
        match (&theirs_ticket(self.baseline), &theirs_ticket(self.policy)) {
            (Some(base), mine) if mine.as_deref() != Some(base.as_str()) => self.problem(
                "ticket",
                "ticket",
                "the ticket pattern is changed or dropped".into(),
            ),
            _ => {}
        }
    }
}

fn theirs_ticket(policy: &Policy) -> Option<String> {
    policy.ticket.as_ref().map(|r| r.as_str().to_owned())
}

fn pairs(trailers: &[(String, String)]) -> Vec<String> {
    trailers.iter().map(|(t, v)| format!("{t}: {v}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(&'static str);
    impl BaselineReader for Fixed {
        fn read(&self, _: &BaselineRef) -> Result<String, String> {
            Ok(self.0.to_owned())
        }
    }

    const SHA: &str = "0123456789abcdef0123456789abcdef01234567";
    const BASE: &str = "version: 1\ntiers:\n  tier-1:\n    paths: [\"deploy/**\"]\n    require:\n      approvals: 2\n      docs: [risk]\ndocs:\n  risk:\n    heading: Risk\nrules:\n  disable: []\n";

    fn load(text: &str) -> Result<Policy, PolicyError> {
        let policy = Policy::from_yaml(text, ".changegate.yml")?;
        resolve(policy, text, &Fixed(BASE))
    }

    #[test]
    fn references_must_be_pinned_by_full_commit() {
        assert!(BaselineRef::parse(&format!("./policy@{SHA}:org.yml")).is_ok());
        assert!(BaselineRef::parse("./policy@main:org.yml")
            .unwrap_err()
            .contains("full commit"));
        assert!(BaselineRef::parse("./policy@0123abc:org.yml").is_err());
        assert!(BaselineRef::parse(&format!("-x@{SHA}:a")).is_err());
        assert!(BaselineRef::parse("no-at-sign").is_err());
        let r = BaselineRef::parse(&format!("acme/policy@{SHA}:org.yml")).unwrap();
        assert!(!r.is_local());
    }

    #[test]
    fn a_file_with_only_extends_is_the_baseline() {
        let p = load(&format!("version: 1\nextends: \"./p@{SHA}:org.yml\"\n")).unwrap();
        assert_eq!(p.tiers[0].require.approvals, 2);
        assert_eq!(p.baseline.as_deref(), Some("./p@0123456789ab:org.yml"));
    }

    #[test]
    fn tightening_is_accepted_and_loosening_names_both_lines() {
        let tight = format!("version: 1\nextends: \"./p@{SHA}:org.yml\"\ntiers:\n  tier-1:\n    paths: [\"deploy/**\", \"infra/**\"]\n    require:\n      approvals: 3\n      docs: [risk]\n");
        assert_eq!(load(&tight).unwrap().tiers[0].require.approvals, 3);
        let loose = format!("version: 1\nextends: \"./p@{SHA}:org.yml\"\ntiers:\n  tier-1:\n    paths: [\"deploy/**\"]\n    require:\n      approvals: 1\nrules:\n  disable: [rust/unwrap]\n");
        let e = load(&loose).unwrap_err().to_string();
        assert!(e.contains("needs 1 approvals, the baseline 2"), "{e}");
        assert!(e.contains("./p@0123456789ab:org.yml:6:"), "{e}");
        assert!(e.contains(".changegate.yml:7:7"), "{e}");
        assert!(e.contains("does not require the `risk` section"), "{e}");
        assert!(e.contains("rule `rust/unwrap` is switched off"), "{e}");
    }

    #[test]
    fn a_looser_tier_of_its_own_ahead_of_a_baseline_tier_is_refused() {
        let text = format!("version: 1\nextends: \"./p@{SHA}:org.yml\"\ntiers:\n  easy:\n    paths: [\"deploy/**\"]\n  tier-1:\n    paths: [\"deploy/**\"]\n    require:\n      approvals: 2\n      docs: [risk]\n");
        let e = load(&text).unwrap_err().to_string();
        assert!(
            e.contains("tiers.easy needs 0 approvals, the baseline 2"),
            "{e}"
        );
    }
}
