//! What the change needs (combined over touched tiers, AI-assisted and blast radius) and what its
//! reviews give: the semantics of GitHub branch protection and palantir/policy-bot, documented in
//! docs/policy.md.

use super::codeowners::{CodeOwners, Ownership};
use crate::analysis::Analysis;
use crate::model::changeset::{ChangeMeta, Commit, ReviewState as State};
use crate::policy::Policy;
use std::collections::BTreeMap;

/// A set of reviewers some approvals must come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// As written: `@org/seniors, alice`.
    pub name: String,
    /// Lower-cased logins; `None` when a team is not defined in `teams:` (cannot be checked here).
    pub members: Option<Vec<String>>,
    pub count: u32,
    /// Why the group must approve.
    pub why: GroupOrigin,
}

/// What put a reviewer group into the requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupOrigin {
    /// A touched tier's `reviewers_from`.
    Tier(String),
    /// The AI-assisted policy's `reviewers_from` (seniors).
    AiAssisted,
}

impl std::fmt::Display for GroupOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GroupOrigin::Tier(name) => f.write_str(name),
            GroupOrigin::AiAssisted => f.write_str("AI-assisted"),
        }
    }
}

/// Where part of the approval count comes from. Decisions (the audit's categories) match on
/// this, never on its wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A touched tier requires `approvals`.
    Tier { tier: String, approvals: u32 },
    /// The change is AI-assisted: `extra` more.
    AiAssisted { extra: u32 },
    /// The blast radius `score` is above the policy's `above`: at least `approvals`.
    BlastRadius {
        score: u32,
        above: u32,
        approvals: u32,
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Tier { tier, approvals } => write!(f, "{tier}: {approvals}"),
            Reason::AiAssisted { extra } => write!(f, "AI-assisted: +{extra}"),
            Reason::BlastRadius {
                score,
                above,
                approvals,
            } => write!(f, "blast radius {score} > {above}: {approvals}"),
        }
    }
}

/// Why an approval does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// The change's author approved it.
    Author,
    /// A bot account (policy `bots:`).
    Bot,
    /// A contributor (committer or co-author), as `who` they contributed.
    Contributor(String),
}

impl std::fmt::Display for Exclusion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exclusion::Author => f.write_str("the change's author"),
            Exclusion::Bot => f.write_str("a bot"),
            Exclusion::Contributor(how) => write!(f, "a contributor to the change ({how})"),
        }
    }
}

/// The combined requirement of a change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requirement {
    pub approvals: u32,
    pub fresh: bool,
    pub exclude_contributors: bool,
    pub groups: Vec<Group>,
    /// Where the approval count comes from (`tier-1: 2`, `AI-assisted: +1`, `blast radius 72 > 60: 2`).
    pub reasons: Vec<Reason>,
    /// Per changed file of a code-owned tier: the owners each CODEOWNERS section requires.
    pub code_owners: Vec<(String, Ownership)>,
    /// Set when code owners are required but no CODEOWNERS file exists.
    pub code_owner_note: Option<String>,
}

impl Requirement {
    /// One line for reports: `needs 3 approvals on the final commit (tier-1: 2, AI-assisted: +1), 1 from seniors`.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "needs {} approval{}{}",
            self.approvals,
            if self.approvals == 1 { "" } else { "s" },
            if self.fresh {
                " on the final commit"
            } else {
                ""
            }
        );
        if !self.reasons.is_empty() {
            text.push_str(&format!(" ({})", join(&self.reasons)));
        }
        for group in &self.groups {
            text.push_str(&format!(", {} from {}", group.count, group.name));
        }
        let owned: Vec<String> = self
            .code_owners
            .iter()
            .map(|(path, o)| format!("{path} → {}", o.owners.join(" ")))
            .collect();
        if !owned.is_empty() {
            let shown: Vec<&str> = owned.iter().take(3).map(String::as_str).collect();
            let more = owned.len().saturating_sub(shown.len());
            text.push_str(&format!("; code owners: {}", shown.join(", ")));
            if more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
        }
        text
    }
}

/// Combines the requirements of every touched tier (the strictest wins), adds AI-assisted and
/// blast-radius requirements, and the code owners of changed files.
pub fn requirement(
    policy: &Policy,
    analysis: &Analysis,
    ai_assisted: bool,
    blast_score: u32,
    codeowners: Option<&CodeOwners>,
) -> Requirement {
    let mut req = Requirement::default();
    let touched = analysis.tiers_touched();
    for &index in &touched {
        let tier = &policy.tiers[index];
        let r = &tier.require;
        if r.approvals > 0 {
            req.reasons.push(Reason::Tier {
                tier: tier.name.clone(),
                approvals: r.approvals,
            });
        }
        req.approvals = req.approvals.max(r.approvals);
        req.fresh |= r.fresh_approvals && r.approvals > 0;
        req.exclude_contributors |= r.exclude_contributors && r.approvals > 0;
        if !r.reviewers_from.is_empty() {
            req.groups.push(group(
                policy,
                &r.reviewers_from,
                r.reviewers_from_count,
                GroupOrigin::Tier(tier.name.clone()),
            ));
        }
        if r.require_code_owner {
            match codeowners {
                Some(owners) => {
                    for file in analysis.files_in_tier(index) {
                        for ownership in owners.owners_of(&file.path) {
                            req.code_owners.push((file.path.clone(), ownership));
                        }
                    }
                }
                None => {
                    req.code_owner_note = Some(format!(
                    "{} requires code-owner approval, but the repository has no CODEOWNERS file",
                    tier.name
                ))
                }
            }
        }
    }
    let ai = &policy.ai;
    let ai_applies = ai_assisted
        && touched
            .iter()
            .any(|&i| ai.tiers.contains(&policy.tiers[i].name));
    if ai_applies {
        if ai.extra_approvals > 0 {
            req.approvals += ai.extra_approvals;
            req.reasons.push(Reason::AiAssisted {
                extra: ai.extra_approvals,
            });
        }
        // Only teams that are defined (or explicit @users): "seniors" applies once configured.
        let known: Vec<String> = ai
            .reviewers_from
            .iter()
            .filter(|n| policy.team(n).is_some() || (n.starts_with('@') && !n.contains('/')))
            .cloned()
            .collect();
        if !known.is_empty() {
            req.groups
                .push(group(policy, &known, 1, GroupOrigin::AiAssisted));
        }
    }
    if let Some((score, approvals)) = policy.blast.require_approvals_above {
        if blast_score > score && approvals > req.approvals {
            req.reasons.push(Reason::BlastRadius {
                score: blast_score,
                above: score,
                approvals,
            });
            req.approvals = approvals;
        }
    }
    req
}

/// `a, b, c` for reports.
pub fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn group(policy: &Policy, names: &[String], count: u32, why: GroupOrigin) -> Group {
    let mut members: Option<Vec<String>> = Some(Vec::new());
    for name in names {
        match policy.team(name) {
            Some(team) => {
                if let Some(m) = members.as_mut() {
                    m.extend(team.iter().map(|u| login(u)));
                }
            }
            None if name.starts_with('@') && name.contains('/') => members = None,
            None => {
                if let Some(m) = members.as_mut() {
                    m.push(login(name));
                }
            }
        }
    }
    if let Some(m) = members.as_mut() {
        m.sort();
        m.dedup();
    }
    Group {
        name: names.join(", "),
        members,
        count,
        why,
    }
}

/// A login as compared: lower case, without `@`.
fn login(name: &str) -> String {
    name.trim().trim_start_matches('@').to_lowercase()
}

/// What the reviews give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewState {
    /// Approvals that count, by login, sorted.
    pub approvers: Vec<String>,
    /// Approvals given on an older commit (with fresh approvals required).
    pub stale: Vec<String>,
    /// Approvals that do not count, with why.
    pub excluded: Vec<(String, Exclusion)>,
    /// Reviewers whose latest word is "changes requested".
    pub changes_requested: Vec<String>,
}

/// Applies the approval rules to the reviews in `meta`.
pub fn evaluate(meta: &ChangeMeta, policy: &Policy, req: &Requirement) -> ReviewState {
    // Latest opinion per reviewer: APPROVED, CHANGES_REQUESTED and DISMISSED replace the previous
    // one; COMMENTED does not. Reviews are ordered by time, stably.
    let mut reviews: Vec<(usize, &crate::model::changeset::Review)> =
        meta.reviews.iter().enumerate().collect();
    reviews.sort_by(|a, b| {
        (a.1.submitted_at.as_deref(), a.0).cmp(&(b.1.submitted_at.as_deref(), b.0))
    });
    let mut latest: BTreeMap<String, &crate::model::changeset::Review> = BTreeMap::new();
    for (_, review) in reviews {
        if review.state == State::Commented {
            continue;
        }
        latest.insert(login(&review.user), review);
    }
    let author = meta.author.as_deref().map(login);
    let mut state = ReviewState::default();
    for (user, review) in latest {
        match review.state {
            State::ChangesRequested => state.changes_requested.push(user),
            State::Approved => {
                let excluded = if author.as_deref() == Some(user.as_str()) {
                    Some(Exclusion::Author)
                } else if policy.is_bot(&user) {
                    Some(Exclusion::Bot)
                } else if req.exclude_contributors {
                    contributor(&user, &meta.commits).map(Exclusion::Contributor)
                } else {
                    None
                };
                match excluded {
                    Some(why) => state.excluded.push((user, why)),
                    None if req.fresh && !fresh(review.commit_id.as_deref(), meta) => {
                        state.stale.push(user)
                    }
                    None => state.approvers.push(user),
                }
            }
            State::Dismissed | State::Commented => {}
        }
    }
    state
}

/// Whether an approval on `commit` still counts for the head: on the head itself, or only merge
/// commits came after it (merging the base in does not change what was reviewed).
fn fresh(commit: Option<&str>, meta: &ChangeMeta) -> bool {
    let Some(commit) = commit else { return false };
    if meta.head_sha.as_deref() == Some(commit) {
        return true;
    }
    match meta.commits.iter().position(|c| c.sha == commit) {
        Some(at) => meta.commits[at + 1..].iter().all(|c| c.parents > 1),
        None => false,
    }
}

/// How `user` contributed to the commits, if they did: author, committer or co-author, matched by
/// platform login, e-mail (or its local part, or a GitHub noreply address) or name.
fn contributor(user: &str, commits: &[Commit]) -> Option<String> {
    for commit in commits {
        let co_authors = commit
            .trailers
            .iter()
            .filter(|(t, _)| t.eq_ignore_ascii_case("co-authored-by"))
            .map(|(_, v)| v.as_str());
        if commit.author_login.as_deref().map(login).as_deref() == Some(user)
            || identity_matches(user, &commit.author)
        {
            return Some(format!("author of {}", short(&commit.sha)));
        }
        if identity_matches(user, &commit.committer) {
            return Some(format!("committer of {}", short(&commit.sha)));
        }
        for co in co_authors {
            if identity_matches(user, co) {
                return Some(format!("co-author of {}", short(&commit.sha)));
            }
        }
    }
    None
}

fn short(sha: &str) -> &str {
    sha.get(..10).unwrap_or(sha)
}

/// `Name <email>` against a login.
fn identity_matches(user: &str, identity: &str) -> bool {
    let parts = Identity::parse(identity);
    [parts.name, parts.email, parts.local, parts.login]
        .iter()
        .any(|candidate| !candidate.is_empty() && candidate.eq_ignore_ascii_case(user))
}

/// The parts of a git identity `Name <local@domain>` that can stand for a login.
pub struct Identity<'a> {
    pub name: &'a str,
    pub email: &'a str,
    /// The e-mail's local part.
    pub local: &'a str,
    /// The local part, or the login of a GitHub noreply address (`12345+login@users.noreply…`).
    pub login: &'a str,
}

impl<'a> Identity<'a> {
    pub fn parse(identity: &'a str) -> Identity<'a> {
        let (name, email) = match identity.rsplit_once('<') {
            Some((name, rest)) => (name.trim(), rest.trim_end_matches('>').trim()),
            None => (identity.trim(), ""),
        };
        let local = email.split('@').next().unwrap_or("");
        let login = local.split_once('+').map_or(local, |(_, l)| l);
        Identity {
            name,
            email,
            local,
            login,
        }
    }
}

#[cfg(test)]
mod tests;
