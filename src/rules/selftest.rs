//! `changegate rules test`: runs every rule's `tests.match` / `tests.no_match` cases through the
//! same analysis and engine as a real run.

use super::{run_rule, Rule, RuleSet, TestCase};
use crate::analysis::syntax::Language;
use crate::analysis::{analyse_file, DEFAULT_PARSE_BUDGET};
use crate::model::changeset::{Content, FileChange, FileStatus};
use crate::policy::Policy;
use crate::source::diff::compute_hunks;

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOutcome {
    pub must_match: bool,
    /// 1-based position among the rule's `match` or `no_match` cases.
    pub number: usize,
    pub passed: bool,
    /// What went wrong, for failures.
    pub detail: String,
}

/// The outcome of one rule's tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOutcome {
    pub rule_id: String,
    pub origin: String,
    pub cases: Vec<CaseOutcome>,
    /// A rule without both kinds of cases fails: an untested rule is a guess.
    pub missing: Option<String>,
}

impl RuleOutcome {
    pub fn passed(&self) -> bool {
        self.missing.is_none() && self.cases.iter().all(|c| c.passed)
    }
}

/// Runs the tests of every rule in `set`.
pub fn test_all(set: &RuleSet) -> Vec<RuleOutcome> {
    let policy = Policy::builtin();
    set.rules
        .iter()
        .map(|rule| test_rule(rule, &policy))
        .collect()
}

fn test_rule(rule: &Rule, policy: &Policy) -> RuleOutcome {
    let (mut n_match, mut n_no) = (0, 0);
    let cases = rule
        .tests
        .iter()
        .map(|case| {
            let number = if case.must_match {
                n_match += 1;
                n_match
            } else {
                n_no += 1;
                n_no
            };
            run_case(rule, case, number, policy)
        })
        .collect();
    let missing = match (n_match, n_no) {
        (0, 0) => Some("has no tests: add `tests.match` and `tests.no_match` examples".to_owned()),
        (0, _) => Some("has no `tests.match` example".to_owned()),
        (_, 0) => Some("has no `tests.no_match` example".to_owned()),
        _ => None,
    };
    RuleOutcome {
        rule_id: rule.id.clone(),
        origin: rule.origin.clone(),
        cases,
        missing,
    }
}

fn run_case(rule: &Rule, case: &TestCase, number: usize, policy: &Policy) -> CaseOutcome {
    let path = case.path.clone().unwrap_or_else(|| sample_path(rule));
    let status = match (&case.before, &case.after) {
        (None, _) => FileStatus::Added,
        (Some(_), None) => FileStatus::Deleted,
        _ => FileStatus::Modified,
    };
    let mut file = FileChange::new(
        status,
        case.before.as_ref().map(|_| path.clone()),
        case.after.as_ref().map(|_| path.clone()),
    );
    let before = case.before.as_deref().unwrap_or("");
    let after = case.after.as_deref().unwrap_or("");
    file.content = Content::Text;
    file.hunks = compute_hunks(before.as_bytes(), after.as_bytes(), 3);
    file.old_text = case.before.as_deref().map(Into::into);
    file.new_text = case.after.as_deref().map(Into::into);
    let (analysis, syntax) = analyse_file(&file, policy, DEFAULT_PARSE_BUDGET);
    let matches = run_rule(rule, &file, &analysis, &syntax, false);
    let passed = matches.is_empty() != case.must_match;
    let detail = if passed {
        String::new()
    } else if case.must_match {
        format!("expected a match in {path}, found none")
    } else {
        let at: Vec<String> = matches
            .iter()
            .map(|m| {
                m.range.map_or("file".into(), |r| {
                    format!("{}:{}", r.start_line, r.start_col)
                })
            })
            .collect();
        format!(
            "expected no match in {path}, found {} at {}",
            matches.len(),
            at.join(", ")
        )
    };
    CaseOutcome {
        must_match: case.must_match,
        number,
        passed,
        detail,
    }
}

/// A path the rule applies to: from its first `paths:` glob, else by language.
pub fn sample_path(rule: &Rule) -> String {
    if let Some(glob) = rule.path_globs.first() {
        let first_alternative = |s: &str| -> String {
            match (s.find('{'), s.find('}')) {
                (Some(open), Some(close)) if open < close => {
                    let alt = s[open + 1..close].split(',').next().unwrap_or("");
                    format!("{}{alt}{}", &s[..open], &s[close + 1..])
                }
                _ => s.to_owned(),
            }
        };
        let path = first_alternative(glob)
            .replace("**/", "")
            .replace("**", "x")
            .replace(['*', '?'], "x");
        // A glob like `.github/workflows/**` says nothing of the extension the language needs.
        return match rule.languages.first() {
            Some(&language) if Language::detect(&path, None).is_none() => {
                let ext = language_sample(language)
                    .rsplit('.')
                    .next()
                    .unwrap_or("txt");
                format!("{path}.{ext}")
            }
            _ => path,
        };
    }
    rule.languages
        .first()
        .map_or("file.txt", |&l| language_sample(l))
        .to_owned()
}

fn language_sample(language: Language) -> &'static str {
    match language {
        Language::Rust => "src/lib.rs",
        Language::Go => "main.go",
        Language::Python => "app.py",
        Language::JavaScript => "app.js",
        Language::TypeScript => "app.ts",
        Language::Tsx => "app.tsx",
        Language::Bash => "scripts/run.sh",
        Language::Yaml => "config/app.yaml",
        Language::Json => "config/app.json",
        Language::Toml => "config/app.toml",
        Language::Hcl => "infra/main.tf",
    }
}
