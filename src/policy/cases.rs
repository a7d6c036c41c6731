//! Declarative policy tests (`changegate policy test`): fixture changes with the verdict the
//! policy must give them, so a policy repository can have CI of its own. A test file:
//!
//! ```yaml
//! tests:
//!   - name: scaling prod to zero is blocked
//!     files:
//!       deploy/app.yaml: { before: "replicas: 3\n", after: "replicas: 0\n" }
//!     description: "## Risk\nLow …"        # optional: the PR/MR description
//!     author: alice                          # optional, with `approvals`
//!     approvals: [bob, carol]                # users who approved the final commit
//!     labels: [ai-assisted]                  # optional PR/MR labels
//!     expect:
//!       verdict: blocked                     # pass | blocked
//!       rules: [k8s/replicas-to-zero]        # each must be among the findings
//!       absent_rules: [docs/missing-section] # none of these may be
//!       tiers: [tier-1]                      # exactly the tiers touched, strictest first
//! ```
//!
//! A file with no `before` is added by the change, one with no `after` is deleted.

use serde::Deserialize;
use std::collections::BTreeMap;

/// A test file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub tests: Vec<Case>,
}

/// One fixture change and what the policy must make of it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    /// Path → both sides of the file.
    pub files: BTreeMap<String, Sides>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    /// Users who approved the final commit; given (even empty), reviews are known.
    #[serde(default)]
    pub approvals: Option<Vec<String>>,
    #[serde(default)]
    pub labels: Vec<String>,
    pub expect: Expect,
}

/// A file before and after the change.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sides {
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub after: Option<String>,
}

/// The expected verdict.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub verdict: ExpectedVerdict,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub absent_rules: Vec<String>,
    #[serde(default)]
    pub tiers: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedVerdict {
    Pass,
    Blocked,
}

/// What a check said, reduced to what a test can expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub blocked: bool,
    /// Rule ids of every finding, sorted, deduplicated.
    pub rules: Vec<String>,
    /// Rule ids of the blocking findings.
    pub blocking: Vec<String>,
    pub tiers: Vec<String>,
}

/// Why a test file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("{origin}: {message}")]
    Syntax { origin: String, message: String },
    #[error("{origin}: {}", problems.join("\n  "))]
    Invalid {
        origin: String,
        problems: Vec<String>,
    },
}

impl CaseFile {
    /// Parses and checks a test file.
    pub fn parse(text: &str, origin: &str) -> Result<CaseFile, CaseError> {
        let file: CaseFile = serde_yaml::from_str(text).map_err(|e| CaseError::Syntax {
            origin: origin.to_owned(),
            message: e.to_string(),
        })?;
        let mut problems = Vec::new();
        let mut names = std::collections::BTreeSet::new();
        if file.tests.is_empty() {
            problems.push("`tests` is empty".to_owned());
        }
        for case in &file.tests {
            if !names.insert(case.name.as_str()) {
                problems.push(format!("{:?}: the name is used twice", case.name));
            }
            if case.files.is_empty() {
                problems.push(format!("{:?}: `files` is empty", case.name));
            }
            for (path, sides) in &case.files {
                if !safe_path(path) {
                    problems.push(format!(
                        "{:?}: {path:?} must be a relative path inside the repository",
                        case.name
                    ));
                }
                if sides.before.is_none() && sides.after.is_none() {
                    problems.push(format!(
                        "{:?}: {path:?} needs `before`, `after` or both",
                        case.name
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(file)
        } else {
            Err(CaseError::Invalid {
                origin: origin.to_owned(),
                problems,
            })
        }
    }
}

/// Relative, no `..`, not inside `.git`: fixture files are written under a temp repository.
fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != ".." && part != "." && part != ".git")
}

impl Case {
    /// Every way `outcome` differs from what the case expects (empty: the test passes).
    pub fn mismatches(&self, outcome: &Outcome) -> Vec<String> {
        let mut out = Vec::new();
        let expect = &self.expect;
        let blocked = expect.verdict == ExpectedVerdict::Blocked;
        if blocked != outcome.blocked {
            out.push(format!(
                "expected {}, got {}{}",
                if blocked { "blocked" } else { "pass" },
                if outcome.blocked { "blocked" } else { "pass" },
                if outcome.blocking.is_empty() {
                    String::new()
                } else {
                    format!(" by {}", outcome.blocking.join(", "))
                }
            ));
        }
        for rule in &expect.rules {
            if !outcome.rules.contains(rule) {
                out.push(format!(
                    "expected a {rule} finding; findings: {}",
                    if outcome.rules.is_empty() {
                        "none".to_owned()
                    } else {
                        outcome.rules.join(", ")
                    }
                ));
            }
        }
        for rule in &expect.absent_rules {
            if outcome.rules.contains(rule) {
                out.push(format!("expected no {rule} finding, got one"));
            }
        }
        if let Some(tiers) = &expect.tiers {
            if *tiers != outcome.tiers {
                out.push(format!(
                    "expected tiers [{}], got [{}]",
                    tiers.join(", "),
                    outcome.tiers.join(", ")
                ));
            }
        }
        out
    }

    /// The `--reviews-file` JSON for the case, when it states reviews.
    pub fn reviews_json(&self, head_sha: &str) -> Option<String> {
        let approvals = self.approvals.as_ref()?;
        let reviews: Vec<serde_json::Value> = approvals
            .iter()
            .map(|user| {
                serde_json::json!({"user": user, "state": "APPROVED", "commit_id": head_sha})
            })
            .collect();
        Some(
            serde_json::json!({
                "author": self.author.as_deref().unwrap_or("author"),
                "labels": self.labels,
                "reviews": reviews,
            })
            .to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_paths_and_empty_cases_are_refused() {
        let text = "tests:
  - name: a
    files:
      ../outside: { after: x }
      .git/config: { after: x }
      /etc/passwd: { after: x }
      ok.txt: {}
    expect: { verdict: pass }
  - name: a
    files: {}
    expect: { verdict: blocked }
";
        let err = CaseFile::parse(text, "t.yml").unwrap_err().to_string();
        for expected in [
            "\"../outside\" must be",
            "\".git/config\" must be",
            "\"/etc/passwd\" must be",
            "needs `before`, `after` or both",
            "used twice",
            "`files` is empty",
        ] {
            assert!(err.contains(expected), "{expected:?} in\n{err}");
        }
    }

    #[test]
    fn mismatches_say_what_differs() {
        let file = CaseFile::parse(
            "tests:\n  - name: a\n    files: { x: { after: y } }\n    expect: { verdict: blocked, rules: [r/one], absent_rules: [r/two], tiers: [tier-1] }\n",
            "t.yml",
        )
        .unwrap();
        let outcome = Outcome {
            blocked: false,
            rules: vec!["r/two".into()],
            blocking: vec![],
            tiers: vec!["config".into()],
        };
        let found = file.tests[0].mismatches(&outcome);
        assert_eq!(found.len(), 4, "{found:?}");
        let good = Outcome {
            blocked: true,
            rules: vec!["r/one".into()],
            blocking: vec!["r/one".into()],
            tiers: vec!["tier-1".into()],
        };
        assert!(file.tests[0].mismatches(&good).is_empty());
    }
}
