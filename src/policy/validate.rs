//! Phase two of policy loading: from raw serde types to a checked `Policy`, collecting every
//! problem rather than stopping at the first.

use super::error::{PolicyError, PolicyProblem};
use super::raw::RawPolicy;
use super::spans::{join, Spans};
use super::{AiPolicy, BlastPolicy, DocSection, Policy, Requirements, Tier};
use crate::util::glob::{glob_set, glob_set_case_insensitive};

pub(super) fn parse(text: &str, origin: &str) -> Result<Policy, PolicyError> {
    let fail = |problems| PolicyError::new(origin, text, problems);
    if text.trim().is_empty() {
        return Err(fail(vec![PolicyProblem {
            location: None,
            message: "the file is empty: it needs at least `version: 1`".into(),
        }]));
    }
    let spans = Spans::parse(text);
    let super::read::Read {
        raw,
        mut problems,
        failed,
    } = super::read::read(text, &spans).map_err(|problem| fail(vec![problem]))?;
    if raw.version != 1 {
        problems.push(PolicyProblem {
            location: spans.find("version"),
            message: format!(
                "unsupported version {}: this changegate reads version 1",
                raw.version
            ),
        });
    }
    let docs: Vec<DocSection> = raw
        .docs
        .iter()
        .map(|(key, section)| DocSection {
            key: key.clone(),
            heading: section.heading.trim().to_owned(),
            min_words: section.min_words,
        })
        .collect();
    for section in &docs {
        if section.heading.is_empty() {
            problems.push(PolicyProblem {
                location: spans.find(&format!("docs.{}.heading", section.key)),
                message: format!(
                    "docs.{}.heading is empty: expected the heading text, e.g. \"Rollback\"",
                    section.key
                ),
            });
        }
    }
    let mut tiers = Vec::new();
    let globs = |patterns: &[crate::util::glob::Pattern]| {
        if raw.case_insensitive_paths {
            glob_set_case_insensitive(patterns)
        } else {
            glob_set(patterns)
        }
    };
    for (index, (name, tier)) in raw.tiers.iter().enumerate() {
        let tier_path = join("tiers", name);
        // A tier that could not be read is reported already; what follows from it is not.
        let readable = !failed.contains(&tier_path);
        if tier.paths.is_empty() && readable {
            problems.push(PolicyProblem {
                location: spans.find(&tier_path),
                message: format!(
                    "tier `{name}` has no paths: expected a list of globs such as [\"deploy/**\"]"
                ),
            });
        }
        for (at, key) in tier.require.docs.iter().enumerate() {
            // With a baseline whose `docs:` it inherits, the key is checked once that is applied.
            let inherited = raw.extends.is_some() && spans.exact("docs").is_none();
            if !docs.iter().any(|d| &d.key == key) && !failed.contains("docs") && !inherited {
                let known: Vec<&str> = docs.iter().map(|d| d.key.as_str()).collect();
                problems.push(PolicyProblem {
                    location: spans.find(&format!("{tier_path}.require.docs[{at}]")),
                    message: format!(
                        "tier `{name}` requires docs `{key}`, which `docs:` does not define (defined: {})",
                        if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                    ),
                });
            }
        }
        tiers.push(Tier {
            name: name.clone(),
            require: Requirements {
                approvals: tier.require.approvals,
                fresh_approvals: tier.require.fresh_approvals,
                docs: tier.require.docs.clone(),
                exclude_contributors: tier.require.exclude_contributors.unwrap_or(index == 0),
                complete_analysis: tier.require.complete_analysis.unwrap_or(index == 0),
                reviewers_from: tier.require.reviewers_from.clone(),
                reviewers_from_count: tier.require.reviewers_from_count.unwrap_or(1),
                require_code_owner: tier.require.require_code_owner,
            },
            patterns: tier
                .paths
                .iter()
                .map(|p| p.glob.glob().to_owned())
                .collect(),
            excludes: tier
                .exclude
                .iter()
                .map(|p| p.glob.glob().to_owned())
                .collect(),
            paths: globs(&tier.paths),
            exclude: globs(&tier.exclude),
        });
    }
    // What a policy file leaves out comes from the built-in defaults: parsed once, and only then.
    let mut defaults = (raw.ai_assisted.is_none() || raw.automation.is_none())
        .then(|| serde_yaml::from_str::<RawPolicy>(super::DEFAULT_POLICY).ok())
        .flatten();
    let builtin_ai = defaults.as_mut().and_then(|d| match d.ai_assisted.take() {
        Some(super::raw::AiSetting::On(ai)) => Some(ai),
        _ => None,
    });
    let builtin_automation = defaults.and_then(|d| d.automation);
    let ai_section: Option<&super::raw::RawAiAssisted> = match &raw.ai_assisted {
        Some(super::raw::AiSetting::On(ai)) => Some(ai),
        Some(super::raw::AiSetting::Off(word)) => {
            if word.trim() != "off" {
                problems.push(PolicyProblem {
                    location: spans.find("ai_assisted"),
                    message: format!(
                        "ai_assisted is `{word}`: write a section (trailers, labels, require) or `off`"
                    ),
                });
            }
            None
        }
        None => builtin_ai.as_ref(),
    };
    let defaulted = raw.ai_assisted.is_none();
    let ai = ai_section.map(|ai| {
        let mut trailers = Vec::new();
        for (at, pattern) in ai.trailers.iter().enumerate() {
            match pattern.split_once(':') {
                Some((token, value)) => {
                    trailers.push((token.trim().to_owned(), value.trim().to_owned()))
                }
                None => problems.push(PolicyProblem {
                    location: spans.find(&format!("ai_assisted.trailers[{at}]")),
                    message: format!(
                        "ai_assisted.trailers entry `{pattern}` needs the form `Token: value-glob`"
                    ),
                }),
            }
        }
        let tier_names = ai
            .require
            .tiers
            .clone()
            .unwrap_or_else(|| raw.tiers.keys().take(1).cloned().collect());
        for (at, tier) in tier_names.iter().enumerate().filter(|_| !defaulted) {
            if !raw.tiers.contains_key(tier) && !failed.contains("tiers") {
                problems.push(PolicyProblem {
                    location: spans.find(&format!("ai_assisted.require.tiers[{at}]")),
                    message: format!(
                        "ai_assisted.require.tiers names `{tier}`, which `tiers:` does not define"
                    ),
                });
            }
        }
        AiPolicy {
            trailers,
            labels: ai.labels.clone(),
            checkbox: ai.checkbox.clone(),
            authors: ai.authors.clone(),
            messages: ai.messages.clone(),
            branches: ai.branches.clone(),
            extra_approvals: ai.require.extra_approvals,
            reviewers_from: ai.require.reviewers_from.clone(),
            tiers: tier_names,
        }
    });
    let automation_section = raw.automation.as_ref().or(builtin_automation.as_ref());
    let automation = automation_section.map_or_else(Default::default, |section| {
        let version_bumps_only = match section.may_change.as_deref().map(str::trim) {
            None | Some("version-bumps") => true,
            Some("anything") => false,
            Some(other) => {
                problems.push(PolicyProblem {
                    location: spans.value("automation.may_change"),
                    message: format!(
                        "automation.may_change is `{other}`: expected `version-bumps` or `anything`"
                    ),
                });
                true
            }
        };
        super::AutomationPolicy {
            authors: section.authors.clone(),
            version_bumps_only,
        }
    });
    let ticket = raw
        .ticket
        .as_deref()
        .and_then(|t| match regex::Regex::new(t) {
            Ok(re) => Some(re),
            Err(e) => {
                problems.push(PolicyProblem {
                    location: spans.find("ticket"),
                    message: format!("`ticket` is not a valid regex: {e}"),
                });
                None
            }
        });
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    Ok(Policy {
        origin: origin.to_owned(),
        spans,
        file: None,
        extends: raw.extends,
        baseline: None,
        baseline_spans: None,
        case_insensitive_paths: raw.case_insensitive_paths,
        tiers,
        docs,
        rule_dirs: raw
            .rules
            .dirs
            .unwrap_or_else(|| vec![super::DEFAULT_RULE_DIR.to_owned()])
            .iter()
            .map(|d| d.trim_start_matches("./").trim_end_matches('/').to_owned())
            .collect(),
        rule_packs: raw.rules.packs,
        rule_disable: raw.rules.disable,
        teams: raw.teams.into_iter().collect(),
        bots: raw.bots,
        ai: ai.unwrap_or_default(),
        automation,
        ticket,
        blast: BlastPolicy {
            block_above: raw.blast_radius.block_above,
            require_approvals_above: raw
                .blast_radius
                .require_approvals_above
                .map(|r| (r.score, r.approvals)),
            fan_in: raw.blast_radius.fan_in.unwrap_or(true),
        },
    })
}
