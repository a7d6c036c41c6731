//! What a dependency bot may change. Its version bumps are routine everywhere; in the first tier
//! it may bump versions (lockfiles, `version`/`tag`/`image`/`uses` keys) but never change code
//! there, since nobody wrote that code. Config beyond version keys is a warning: bots do edit
//! changelog annotations and the like alongside a bump.

use super::{Check, CheckContext};
use crate::analysis::syntax::testcode::is_test_path;
use crate::model::{Finding, Severity};

pub struct Automation;

/// Files that only record resolved versions.
const LOCKFILES: [&str; 10] = [
    "Cargo.lock",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "go.sum",
    "go.mod",
    ".terraform.lock.hcl",
    "poetry.lock",
    "Gemfile.lock",
    "composer.lock",
];

/// Config keys (their last segment, lower-cased) that hold a version or a pinned reference;
/// any key ending in `version` counts too.
const VERSION_KEYS: [&str; 9] = [
    "tag",
    "image",
    "digest",
    "ref",
    "rev",
    "sha",
    "uses",
    "chart",
    "targetrevision",
];

/// Whether a changed key only records a version, a pinned reference, or release metadata:
/// `version`, `renovate-version`, an image `tag`, a chart's `annotations` (its changelog), a
/// CRD's `description` text.
fn is_version_key(file_name: &str, key: &str) -> bool {
    if file_name == "Chart.yaml" && key.starts_with("annotations") {
        return true;
    }
    let last = key
        .rsplit(['.', '[', '/', ':'])
        .find(|s| !s.is_empty() && !s.ends_with(']'))
        .unwrap_or(key)
        .trim_matches('"')
        .to_ascii_lowercase();
    VERSION_KEYS.contains(&last.as_str()) || last.ends_with("version") || last == "description"
}

impl Check for Automation {
    fn id(&self) -> &'static str {
        "automation"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let Some(why) = &cx.facts.automation else {
            return;
        };
        out.push(
            Finding::new(
                self.id(),
                "automation/change",
                Severity::Info,
                format!("automation: {why}"),
            )
            .note(if cx.policy.automation.version_bumps_only {
                "a dependency bot's change: in the first tier it may bump versions, not change code"
            } else {
                "a dependency bot's change (`automation.may_change: anything`)"
            }),
        );
        if !cx.policy.automation.version_bumps_only {
            return;
        }
        for file in cx.analysis.files.iter().filter(|f| f.tier_index == Some(0)) {
            let name = file.path.rsplit('/').next().unwrap_or("");
            if LOCKFILES.contains(&name) || is_test_path(&file.path) {
                continue;
            }
            let is_code = file.language.is_some_and(|l| !l.is_config());
            if is_code {
                out.push(
                    Finding::new(
                        self.id(),
                        "automation/code-change",
                        Severity::Error,
                        format!("automation changed tier-1 code in {}: no person wrote it", file.path),
                    )
                    .at(&file.path, None)
                    .blocking(true)
                    .note("a dependency bot may bump versions in tier-1, never change its code: have a person own the change (push it yourself, with the docs and approvals it needs), or set `automation.may_change: anything` in the base policy"),
                );
                continue;
            }
            let beyond: Vec<&str> = file
                .config_changes
                .iter()
                .map(|c| c.key.as_str())
                .filter(|key| !is_version_key(name, key))
                .collect();
            if let Some(first) = beyond.first() {
                let line = file
                    .config_changes
                    .iter()
                    .find(|c| c.key == *first)
                    .map(|c| c.line);
                out.push(
                    Finding::new(
                        self.id(),
                        "automation/beyond-version-bump",
                        Severity::Warning,
                        format!(
                            "automation changed {} key{} in {} that {} not a version: `{first}`{}",
                            beyond.len(),
                            if beyond.len() == 1 { "" } else { "s" },
                            file.path,
                            if beyond.len() == 1 { "is" } else { "are" },
                            if beyond.len() > 1 { ", …" } else { "" }
                        ),
                    )
                    .at(
                        &file.path,
                        line.map(|l| crate::model::Range::line(l, "")),
                    )
                    .note("review it as a person's change: a bump that also edits configuration is more than a bump"),
                );
            }
        }
    }
}
