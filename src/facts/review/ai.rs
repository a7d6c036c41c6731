//! AI-assisted detection: deterministic signals, each explained — commit trailers, labels, and a
//! checked box in the description.

use crate::model::changeset::ChangeMeta;
use crate::policy::AiPolicy;
use crate::util::glob::wildcard_match;
use serde::Serialize;

/// One reason the change counts as AI-assisted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AiSignal {
    /// `trailer`, `label` or `checkbox`.
    pub kind: String,
    /// What fired: `commit 1a2b3c4d: Co-authored-by: GitHub Copilot <…>`.
    pub detail: String,
}

/// Every signal that fires, in a stable order (commits oldest first, then labels, then the box).
pub fn detect(policy: &AiPolicy, meta: &ChangeMeta) -> Vec<AiSignal> {
    let mut out = Vec::new();
    for commit in &meta.commits {
        for (token, value) in &commit.trailers {
            let fired = policy.trailers.iter().any(|(want_token, glob)| {
                want_token.eq_ignore_ascii_case(token) && wildcard_match(glob, value)
            });
            if fired {
                out.push(AiSignal {
                    kind: "trailer".into(),
                    detail: format!(
                        "commit {}: {token}: {value}",
                        &commit.sha[..commit.sha.len().min(10)]
                    ),
                });
            }
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
