//! Automation provenance: a change made by a dependency bot (renovate, dependabot) is neither a
//! person's nor AI-assisted. It is recognised by its author, deterministically, and judged by
//! what automation may change (`automation.may_change`).

use crate::model::changeset::ChangeMeta;
use crate::policy::AutomationPolicy;
use crate::util::glob::wildcard_match;

/// Why the change counts as automation (`opened by renovate[bot]`), or `None`.
pub fn detect(policy: &AutomationPolicy, meta: &ChangeMeta) -> Option<String> {
    let bot = |who: &str| policy.authors.iter().any(|glob| wildcard_match(glob, who));
    // On a platform, who opened the PR/MR decides, whoever else committed. Locally the
    // "author" is whoever runs the dry-run, so the commits decide.
    let local = meta.platform == crate::model::changeset::Platform::Local;
    if let Some(author) = meta.author.as_deref().filter(|_| !local) {
        return bot(author).then(|| format!("opened by `{author}`"));
    }
    let first = meta.commits.first()?;
    meta.commits
        .iter()
        .all(|c| bot(&c.author))
        .then(|| format!("every commit is by {}", first.author))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changeset::Commit;

    fn meta(author: Option<&str>, commit_authors: &[&str]) -> ChangeMeta {
        ChangeMeta {
            platform: crate::model::changeset::Platform::GitHub,
            author: author.map(str::to_owned),
            commits: commit_authors
                .iter()
                .map(|a| Commit {
                    author: (*a).into(),
                    ..Commit::default()
                })
                .collect(),
            ..ChangeMeta::default()
        }
    }

    #[test]
    fn dependency_bots_are_automation_and_people_are_not() {
        let policy = crate::policy::Policy::builtin().automation;
        assert_eq!(
            detect(&policy, &meta(Some("renovate[bot]"), &[])).as_deref(),
            Some("opened by `renovate[bot]`")
        );
        let bot = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>";
        assert!(detect(&policy, &meta(None, &[bot, bot])).is_some());
        // A person's commit on the bot's branch makes it a person's change.
        assert!(detect(&policy, &meta(None, &[bot, "Alice <alice@example.com>"])).is_none());
        assert!(detect(&policy, &meta(Some("alice"), &[bot])).is_none());
        assert!(detect(&policy, &meta(None, &[])).is_none());
        // Locally the author is whoever runs the dry-run: the commits decide.
        let local = ChangeMeta {
            platform: crate::model::changeset::Platform::Local,
            ..meta(Some("Alice <alice@example.com>"), &[bot])
        };
        assert!(detect(&policy, &local).is_some());
    }
}
