//! Required change documentation: every doc section that a touched tier requires must be in the
//! description, with enough words, and not a placeholder.

use super::{tier_reason, Check, CheckContext};
use crate::model::{Finding, Range, Severity};
use crate::util::markdown::{heading_matches, is_placeholder, normalised, sections, word_count};

pub struct Docs;

impl Check for Docs {
    fn id(&self) -> &'static str {
        "docs"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let touched = cx.analysis.tiers_touched();
        let description = cx.change.meta.description.as_deref().unwrap_or("");
        let found = sections(description);
        let source = cx
            .change
            .meta
            .description_source
            .as_deref()
            .unwrap_or("no description");
        for doc in &cx.policy.docs {
            // The strictest touched tier that requires this section explains why.
            let Some(&tier) = touched
                .iter()
                .find(|&&t| cx.policy.tiers[t].require.docs.contains(&doc.key))
            else {
                continue;
            };
            let at = cx.policy.tiers[tier]
                .require
                .docs
                .iter()
                .position(|k| k == &doc.key)
                .and_then(|i| cx.policy.required_at(tier, &format!("docs[{i}]")));
            let why = match at {
                Some(at) => format!("required by {} at {at}", tier_reason(cx, tier)),
                None => format!("required by {}", tier_reason(cx, tier)),
            };
            let section = found
                .iter()
                .find(|s| heading_matches(&s.heading, &doc.heading));
            let how = format!(
                "add a `## {}` section with at least {} word{} to the change description{}",
                doc.heading,
                doc.min_words,
                if doc.min_words == 1 { "" } else { "s" },
                if cx.change.meta.platform == crate::model::changeset::Platform::Local {
                    // git strips `#` lines from commit messages: the label form is what survives.
                    format!(
                        " (locally: --description-file FILE, or a `{}: …` line in a commit message)",
                        doc.heading
                    )
                } else {
                    String::new()
                }
            );
            // A local run without --description-file cannot know the PR's text: commit messages
            // stand in for it, so what they lack is pending — CI enforces it on the PR
            // description (as with approvals) — unless --strict asks to enforce it here.
            let pending = cx.settings.docs_pending;
            let finding = |rule: &str, message: String| {
                if pending {
                    Finding::new(
                        self.id(),
                        rule,
                        Severity::Info,
                        format!("pending: CI will require this of the PR description: {message}"),
                    )
                    .blocking(false)
                    .note(format!("{why}; {how}; --strict enforces it locally"))
                    .about(&doc.key)
                } else {
                    Finding::new(self.id(), rule, Severity::Error, message)
                        .blocking(true)
                        .note(format!("{why}; {how}"))
                        .about(&doc.key)
                }
            };
            let Some(section) = section else {
                out.push(finding(
                    "docs/missing-section",
                    format!(
                        "the change description has no \"{}\" section (read from {source})",
                        doc.heading
                    ),
                ));
                continue;
            };
            let words = word_count(&section.body);
            let template = template_text(cx, &doc.heading);
            let problem = if template
                .as_deref()
                .is_some_and(|t| !t.is_empty() && t == normalised(&section.body))
            {
                Some((
                    "docs/empty-section",
                    format!(
                        "the \"{}\" section still holds the template's text",
                        section.heading
                    ),
                ))
            } else if is_placeholder(&section.body) {
                Some((
                    "docs/empty-section",
                    format!(
                        "the \"{}\" section is empty or a placeholder",
                        section.heading
                    ),
                ))
            } else if words < doc.min_words as usize {
                Some((
                    "docs/short-section",
                    format!(
                        "the \"{}\" section has {words} word{}, fewer than the {} required",
                        section.heading,
                        if words == 1 { "" } else { "s" },
                        doc.min_words
                    ),
                ))
            } else {
                None
            };
            if let Some((rule, message)) = problem {
                let mut f = finding(rule, message);
                if let Some(path) = &cx.settings.description_path {
                    let line_text = description
                        .lines()
                        .nth(section.line as usize - 1)
                        .unwrap_or("");
                    f = f
                        .at(path.clone(), Some(Range::line(section.line, line_text)))
                        .snippet(line_text);
                }
                out.push(f);
            }
        }
    }
}

/// The whitespace-normalised text a repository template puts under `heading`, if any template has
/// that section.
fn template_text(cx: &CheckContext<'_>, heading: &str) -> Option<String> {
    cx.facts.templates.iter().find_map(|(_, text)| {
        sections(text)
            .into_iter()
            .find(|s| heading_matches(&s.heading, heading))
            .map(|s| normalised(&s.body))
    })
}

/// A change must reference a ticket when the policy says so (`ticket:` regex), in its title or
/// description.
pub struct Ticket;

impl Check for Ticket {
    fn id(&self) -> &'static str {
        "ticket"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let Some(pattern) = &cx.policy.ticket else {
            return;
        };
        if cx.change.files.is_empty() {
            return;
        }
        let meta = &cx.change.meta;
        let found = [meta.title.as_deref(), meta.description.as_deref()]
            .into_iter()
            .flatten()
            .any(|text| pattern.is_match(text));
        if !found {
            out.push(
                Finding::new("docs", "docs/missing-ticket", Severity::Error, format!("no ticket reference matching `{}` in the title or description", pattern.as_str()))
                    .blocking(true)
                    .note("link the change to its ticket (e.g. `PAY-123`) so that reviewers and auditors can find why it was made"),
            );
        }
    }
}
