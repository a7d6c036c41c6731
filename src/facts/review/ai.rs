//! AI-assisted detection: deterministic signals, each explained — commit trailers, labels, a
//! checked box in the description, agent authors (the PR's or a commit's) and agents' footers
//! in commit messages. Dependency bots are not AI: none of the default patterns names them.

use crate::model::changeset::ChangeMeta;
use crate::policy::AiPolicy;
use crate::util::glob::wildcard_match;
use serde::Serialize;

/// One reason the change counts as AI-assisted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AiSignal {
    /// `trailer`, `label`, `checkbox`, `author` or `message`.
    pub kind: String,
    /// What fired: `commit 1a2b3c4d: Co-authored-by: GitHub Copilot <…>`.
    pub detail: String,
}

/// Every signal that fires, in a stable order (commits oldest first, then labels, then the box).
pub fn detect(policy: &AiPolicy, meta: &ChangeMeta) -> Vec<AiSignal> {
    let mut out = Vec::new();
    let short = |sha: &str| sha[..sha.len().min(10)].to_owned();
    for commit in &meta.commits {
        for (token, value) in &commit.trailers {
            let fired = policy.trailers.iter().any(|(want_token, glob)| {
                want_token.eq_ignore_ascii_case(token) && wildcard_match(glob, value)
            });
            if fired {
                out.push(AiSignal {
                    kind: "trailer".into(),
                    detail: format!("commit {}: {token}: {value}", short(&commit.sha)),
                });
            }
        }
    }
    let agent = |who: &str| policy.authors.iter().any(|glob| wildcard_match(glob, who));
    if let Some(author) = meta.author.as_deref().filter(|a| agent(a)) {
        out.push(AiSignal {
            kind: "author".into(),
            detail: format!("opened by `{author}`"),
        });
    }
    for commit in &meta.commits {
        let who = [Some(commit.author.as_str()), commit.author_login.as_deref()];
        if let Some(author) = who.into_iter().flatten().find(|w| agent(w)) {
            out.push(AiSignal {
                kind: "author".into(),
                detail: format!("commit {}: author {author}", short(&commit.sha)),
            });
        }
        let footer = commit.message.lines().map(str::trim).find(|line| {
            policy
                .messages
                .iter()
                .any(|glob| wildcard_match(glob, line))
        });
        if let Some(line) = footer {
            out.push(AiSignal {
                kind: "message".into(),
                detail: format!(
                    "commit {}: {}",
                    short(&commit.sha),
                    crate::util::escape::clip(line, 120)
                ),
            });
        }
    }
    if let Some(branch) = meta.branch.as_deref() {
        if policy
            .branches
            .iter()
            .any(|glob| wildcard_match(glob, branch))
        {
            out.push(AiSignal {
                kind: "branch".into(),
                detail: format!("branch `{}`", crate::util::escape::clip(branch, 120)),
            });
        }
    }
    for label in &meta.labels {
        if policy.labels.iter().any(|l| l.eq_ignore_ascii_case(label)) {
            out.push(AiSignal {
                kind: "label".into(),
                detail: format!("label `{label}`"),
            });
        }
    }
    if let (Some(text), Some(description)) = (&policy.checkbox, &meta.description) {
        if checked_box(description, text) {
            out.push(AiSignal {
                kind: "checkbox".into(),
                detail: format!("checked box `[x] {text}` in the description"),
            });
        }
    }
    out
}

/// `- [x] AI-assisted` (any list marker, `x` or `X`, case-insensitive text, trailing words allowed).
fn checked_box(description: &str, text: &str) -> bool {
    let want = text.to_lowercase();
    description.lines().any(|line| {
        let line = line.trim_start();
        let Some(rest) = line.strip_prefix(['-', '*', '+']) else {
            return false;
        };
        let rest = rest.trim_start();
        let Some(rest) = rest
            .strip_prefix("[x]")
            .or_else(|| rest.strip_prefix("[X]"))
        else {
            return false;
        };
        rest.trim_start().to_lowercase().starts_with(&want)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changeset::Commit;

    fn policy() -> AiPolicy {
        crate::policy::Policy::builtin().ai
    }

    #[test]
    fn trailers_labels_and_checkbox_each_fire_and_explain() {
        let meta = ChangeMeta {
            commits: vec![
                Commit {
                    sha: "1111111111aaaa".into(),
                    trailers: vec![(
                        "Co-authored-by".into(),
                        "GitHub Copilot <copilot@github.com>".into(),
                    )],
                    ..Commit::default()
                },
                Commit {
                    sha: "2222222222bbbb".into(),
                    trailers: vec![
                        ("Signed-off-by".into(), "Alice <a@b.c>".into()),
                        ("Assisted-by".into(), "Claude".into()),
                    ],
                    ..Commit::default()
                },
            ],
            labels: vec!["AI-Assisted".into(), "bug".into()],
            description: Some("## Checklist\n- [X] AI-assisted (Copilot)\n- [ ] docs\n".into()),
            ..ChangeMeta::default()
        };
        let signals = detect(&policy(), &meta);
        let kinds: Vec<&str> = signals.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(kinds, vec!["trailer", "trailer", "label", "checkbox"]);
        assert_eq!(
            signals[0].detail,
            "commit 1111111111: Co-authored-by: GitHub Copilot <copilot@github.com>"
        );
        assert_eq!(signals[1].detail, "commit 2222222222: Assisted-by: Claude");
    }

    #[test]
    fn coding_agents_fire_by_author_and_footer_but_dependency_bots_do_not() {
        let commit = |sha: &str, author: &str, message: &str| Commit {
            sha: sha.into(),
            author: author.into(),
            message: message.into(),
            trailers: crate::model::changeset::parse_trailers(message),
            ..Commit::default()
        };
        let meta = ChangeMeta {
            author: Some("copilot-swe-agent[bot]".into()),
            commits: vec![
                commit(
                    "aaaaaaaaaa11",
                    "Copilot <198982749+Copilot@users.noreply.github.com>",
                    "Fix the retry loop",
                ),
                commit(
                    "bbbbbbbbbb22",
                    "Alice <alice@example.com>",
                    "Tidy the handler\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n",
                ),
                commit("cccccccccc33", "Bob (aider) <bob@example.com>", "Rename"),
            ],
            ..ChangeMeta::default()
        };
        let got: Vec<String> = detect(&policy(), &meta)
            .into_iter()
            .map(|s| format!("{} {}", s.kind, s.detail))
            .collect();
        assert_eq!(
            got,
            [
                "author opened by `copilot-swe-agent[bot]`",
                "author commit aaaaaaaaaa: author Copilot <198982749+Copilot@users.noreply.github.com>",
                "message commit bbbbbbbbbb: 🤖 Generated with [Claude Code](https://claude.com/claude-code)",
                "author commit cccccccccc: author Bob (aider) <bob@example.com>",
            ]
        );
        // A dependency bot's version bump is automation, not AI.
        let bump = ChangeMeta {
            author: Some("renovate[bot]".into()),
            commits: vec![commit(
                "dddddddddd44",
                "renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>",
                "chore(deps): update tokio to v1.41\n\nCo-authored-by: dependabot[bot] <support@github.com>",
            )],
            ..ChangeMeta::default()
        };
        assert!(detect(&policy(), &bump).is_empty());
    }

    #[test]
    fn agent_branch_prefixes_fire_but_look_alikes_do_not() {
        let on = |branch: &str| ChangeMeta {
            branch: Some(branch.into()),
            ..ChangeMeta::default()
        };
        // Branch names the agents push to (Copilot coding agent, Claude Code's action, Codex).
        for branch in [
            "copilot/fix-retry-loop",
            "claude/issue-42-20260101",
            "codex/add-tests",
        ] {
            let signals = detect(&policy(), &on(branch));
            assert_eq!(signals.len(), 1, "{branch}");
            assert_eq!(signals[0].kind, "branch");
            assert_eq!(signals[0].detail, format!("branch `{branch}`"));
        }
        for branch in [
            "fix/copilot-docs",
            "main",
            "renovate/tokio-1.x",
            "claudette/x",
        ] {
            assert!(detect(&policy(), &on(branch)).is_empty(), "{branch}");
        }
    }

    #[test]
    fn ordinary_changes_fire_nothing() {
        let meta = ChangeMeta {
            commits: vec![Commit {
                sha: "3".into(),
                trailers: vec![("Co-authored-by".into(), "Bob <bob@example.com>".into())],
                ..Commit::default()
            }],
            description: Some("- [ ] AI-assisted\n".into()),
            ..ChangeMeta::default()
        };
        assert!(detect(&policy(), &meta).is_empty());
    }
}
