//! Approvals: what the change needs (tiers, AI-assisted, blast radius, code owners) against what
//! its reviews give. Locally, where no review exists yet, the requirement is stated as
//! information (a failure with `--strict`); once reviews are known, every gap blocks.

use super::{Check, CheckContext};
use crate::facts::review::codeowners::Ownership;
use crate::model::{Finding, Severity};

pub struct Reviews;

impl Check for Reviews {
    fn id(&self) -> &'static str {
        "review"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let req = &cx.facts.requirement;
        let nothing_required =
            req.approvals == 0 && req.groups.is_empty() && req.code_owners.is_empty();
        if let Some(note) = &req.code_owner_note {
            out.push(Finding::new(self.id(), "review/no-codeowners", Severity::Info, note.clone()).note(
                "add a CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS) so that owners of tier-1 paths review their changes",
            ));
        }
        if nothing_required {
            return;
        }
        let Some(state) = &cx.facts.review_state else {
            let ci_reason;
            let (severity, note, blocking) = if let Some(why) = &cx.settings.unverifiable_reviews {
                ci_reason = format!("the reviews could not be read, so the requirement cannot be verified and the gate fails closed: {why}");
                (Severity::Error, ci_reason.as_str(), true)
            } else if cx.settings.strict {
                (Severity::Error, "reviews cannot be verified in a local run, and --strict treats that as a failure", true)
            } else {
                (Severity::Info, "reviews are not known locally; the gate checks them on the pull/merge request (or pass --reviews-file)", false)
            };
            out.push(
                Finding::new(
                    self.id(),
                    "review/approvals-required",
                    severity,
                    format!("this change {}", req.summary()),
                )
                .blocking(blocking)
                .note(note),
            );
            return;
        };
        let reasons = if req.reasons.is_empty() {
            String::new()
        } else {
            format!(" ({})", crate::facts::review::join(&req.reasons))
        };
        let have = state.approvers.len() as u32;
        if have < req.approvals {
            let mut why = Vec::new();
            if !state.stale.is_empty() {
                why.push(format!(
                    "on an older commit (fresh approvals required): {}",
                    state.stale.join(", ")
                ));
            }
            for (user, reason) in &state.excluded {
                why.push(format!("{user} does not count: {reason}"));
            }
            let mut f = Finding::new(
                self.id(),
                "review/approvals-missing",
                Severity::Error,
                format!(
                    "{have} of {} required approvals{reasons}{}",
                    req.approvals,
                    if state.approvers.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", state.approvers.join(", "))
                    }
                ),
            )
            .blocking(true);
            // Which lines of the policy ask for these approvals.
            let required: Vec<String> = cx
                .analysis
                .tiers_touched()
                .into_iter()
                .filter(|&t| cx.policy.tiers[t].require.approvals > 0)
                .filter_map(|t| {
                    cx.policy
                        .required_at(t, "approvals")
                        .map(|at| format!("{}: {at}", cx.policy.tiers[t].name))
                })
                .collect();
            if !required.is_empty() {
                why.push(format!("required by {}", required.join(", ")));
            }
            if !why.is_empty() {
                f = f.note(why.join("; "));
            }
            out.push(f);
        }
        for user in &state.changes_requested {
            out.push(
                Finding::new(self.id(), "review/changes-requested", Severity::Error, format!("{user} requested changes"))
                    .blocking(true)
                    .note("a request for changes blocks until its author approves or the review is dismissed"),
            );
        }
        for group in &req.groups {
            let Some(members) = &group.members else {
                out.push(
                    Finding::new(
                        self.id(),
                        "review/unknown-team",
                        Severity::Error,
                        format!(
                            "approvals must come from {}, whose members are not known",
                            group.name
                        ),
                    )
                    .blocking(true)
                    .note("define the team under `teams:` in .changegate.yml (members' logins)"),
                );
                continue;
            };
            let from: Vec<&String> = state
                .approvers
                .iter()
                .filter(|a| members.contains(a))
                .collect();
            if (from.len() as u32) < group.count {
                out.push(
                    Finding::new(
                        self.id(),
                        "review/reviewer-group-missing",
                        Severity::Error,
                        format!(
                            "{} approval(s) from {} required ({}), {} given",
                            group.count,
                            group.name,
                            group.why,
                            from.len()
                        ),
                    )
                    .blocking(true)
                    .note(format!("members: {}", members.join(", "))),
                );
            }
        }
        for (path, ownership) in &req.code_owners {
            let owners = owner_logins(cx, ownership);
            let given = state
                .approvers
                .iter()
                .filter(|a| owners.contains(a))
                .count() as u32;
            if given < ownership.approvals {
                let section = ownership
                    .section
                    .as_deref()
                    .map(|s| format!(" (section [{s}])"))
                    .unwrap_or_default();
                out.push(
                    Finding::new(
                        self.id(),
                        "review/code-owner-missing",
                        Severity::Error,
                        format!(
                            "{path} needs {} approval(s) from its code owners {}{section}",
                            ownership.approvals,
                            ownership.owners.join(" ")
                        ),
                    )
                    .at(path.clone(), None)
                    .blocking(true)
                    .note(match &cx.facts.codeowners {
                        Some(c) => format!(
                            "owners from {}; teams resolve through `teams:` in .changegate.yml",
                            c.path
                        ),
                        None => String::new(),
                    }),
                );
            }
        }
        let satisfied = !out.iter().any(|f| f.blocking && f.check == self.id());
        if satisfied {
            out.push(Finding::new(
                self.id(),
                "review/approved",
                Severity::Info,
                format!(
                    "approved by {} ({} required{reasons})",
                    state.approvers.join(", "),
                    req.approvals
                ),
            ));
        }
    }
}

/// Logins that count as a file's owners: `@user`, and members of `@org/team` from `teams:`.
fn owner_logins(cx: &CheckContext<'_>, ownership: &Ownership) -> Vec<String> {
    let mut out = Vec::new();
    for owner in &ownership.owners {
        match cx.policy.team(owner) {
            Some(members) => out.extend(
                members
                    .iter()
                    .map(|m| m.trim_start_matches('@').to_lowercase()),
            ),
            None if owner.starts_with('@') && !owner.contains('/') => {
                out.push(owner[1..].to_lowercase())
            }
            None => {}
        }
    }
    out
}
