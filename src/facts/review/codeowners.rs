//! CODEOWNERS: GitHub's format (last matching pattern wins) and GitLab's sections
//! (`[Section][2]`, optional `^[Section]`, default owners after the header; each section applies
//! on its own, last match wins within it).

use crate::util::glob::Pattern;
use globset::GlobSet;

/// Where CODEOWNERS is looked for, in GitHub's order of precedence (then GitLab's `.gitlab/`).
pub const LOCATIONS: [&str; 4] = [
    ".github/CODEOWNERS",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
];

/// A parsed CODEOWNERS file.
#[derive(Debug, Clone, Default)]
pub struct CodeOwners {
    /// Where it was read from.
    pub path: String,
    sections: Vec<Section>,
}

#[derive(Debug, Clone)]
struct Section {
    name: Option<String>,
    approvals: u32,
    optional: bool,
    rules: Vec<OwnerRule>,
}

#[derive(Debug, Clone)]
struct OwnerRule {
    matcher: GlobSet,
    owners: Vec<String>,
}

/// The owners one section assigns to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ownership {
    /// `None` for GitHub's single implicit section.
    pub section: Option<String>,
    pub owners: Vec<String>,
    /// Approvals the section needs from these owners.
    pub approvals: u32,
}

impl CodeOwners {
    /// Parses the text; lines that are not understood are skipped (as the platforms do).
    pub fn parse(path: &str, text: &str) -> CodeOwners {
        let mut sections = vec![Section {
            name: None,
            approvals: 1,
            optional: false,
            rules: Vec::new(),
        }];
        let mut defaults: Vec<String> = Vec::new();
        for raw in text.lines() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(section) = section_header(line) {
                defaults = section.1;
                sections.push(section.0);
                continue;
            }
            let mut words = line.split_whitespace();
            let Some(pattern) = words.next() else {
                continue;
            };
            let mut owners: Vec<String> = words
                .take_while(|w| !w.starts_with('#'))
                .map(str::to_owned)
                .collect();
            if owners.is_empty() {
                owners = defaults.clone();
            }
            let Some(matcher) = compile(pattern) else {
                continue;
            };
            if let Some(current) = sections.last_mut() {
                current.rules.push(OwnerRule { matcher, owners });
            }
        }
        CodeOwners {
            path: path.to_owned(),
            sections,
        }
    }

    /// The owners of `path`, one entry per section with a matching rule that names owners
    /// (a last match without owners means "no owner" on GitHub).
    pub fn owners_of(&self, path: &str) -> Vec<Ownership> {
        self.sections
            .iter()
            .filter(|s| !s.optional)
            .filter_map(|section| {
                let rule = section
                    .rules
                    .iter()
                    .rev()
                    .find(|r| r.matcher.is_match(path))?;
                (!rule.owners.is_empty()).then(|| Ownership {
                    section: section.name.clone(),
                    owners: rule.owners.clone(),
                    approvals: section.approvals,
                })
            })
            .collect()
    }
}

/// `[Name]`, `[Name][2]`, `^[Name]`, each optionally followed by default owners.
fn section_header(line: &str) -> Option<(Section, Vec<String>)> {
    let (optional, rest) = match line.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let rest = rest.strip_prefix('[')?;
    let close = rest.find(']')?;
    let name = rest[..close].trim().to_owned();
    let mut rest = &rest[close + 1..];
    let mut approvals = 1;
    if let Some(count) = rest.strip_prefix('[') {
        let end = count.find(']')?;
        approvals = count[..end].trim().parse().ok()?;
        rest = &count[end + 1..];
    }
    let defaults = rest.split_whitespace().map(str::to_owned).collect();
    Some((
        Section {
            name: Some(name),
            approvals,
            optional,
            rules: Vec::new(),
        },
        defaults,
    ))
}

/// gitignore-style pattern → globs: `/x` is anchored at the root, a pattern with an inner `/` is
/// too, `x` alone matches at any depth, `dir/` matches everything below, and a pattern that names a
/// directory also covers what is in it.
fn compile(pattern: &str) -> Option<GlobSet> {
    let (pattern, dir_only) = match pattern.strip_suffix('/') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let anchored = pattern.starts_with('/') || pattern.trim_start_matches('/').contains('/');
    let body = pattern.trim_start_matches('/');
    let base = if body == "*" || body.is_empty() {
        "**".to_owned()
    } else if anchored {
        body.to_owned()
    } else {
        format!("**/{body}")
    };
    let mut globs = vec![format!("{base}/**")];
    if !dir_only {
        globs.push(base);
    }
    let patterns: Vec<Pattern> = globs.iter().filter_map(|g| Pattern::new(g).ok()).collect();
    (!patterns.is_empty()).then(|| crate::util::glob::glob_set(&patterns))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owners(text: &str, path: &str) -> Vec<Vec<String>> {
        CodeOwners::parse("CODEOWNERS", text)
            .owners_of(path)
            .into_iter()
            .map(|o| o.owners)
            .collect()
    }

    #[test]
    fn last_matching_pattern_wins() {
        let text = "* @org/everyone\n/deploy/ @org/sre\n*.tf @org/infra @carol\n/deploy/legacy/\n";
        assert_eq!(owners(text, "README.md"), vec![vec!["@org/everyone"]]);
        assert_eq!(owners(text, "deploy/app.yaml"), vec![vec!["@org/sre"]]);
        assert_eq!(
            owners(text, "deploy/main.tf"),
            vec![vec!["@org/infra", "@carol"]]
        );
        assert!(
            owners(text, "deploy/legacy/x.yaml").is_empty(),
            "a last match without owners means no owner"
        );
    }

    #[test]
    fn anchoring_and_depth() {
        let text = "docs @docs-team\n/src/control_plane/ @cp\napps/*.yaml @apps\n";
        assert_eq!(owners(text, "a/b/docs/x.md"), vec![vec!["@docs-team"]]);
        assert_eq!(
            owners(text, "src/control_plane/router.rs"),
            vec![vec!["@cp"]]
        );
        assert!(owners(text, "lib/src/control_plane/router.rs").is_empty());
        assert_eq!(owners(text, "apps/web.yaml"), vec![vec!["@apps"]]);
        assert!(owners(text, "apps/sub/web.yaml").is_empty());
    }

    #[test]
    fn gitlab_sections_apply_independently_with_counts_and_defaults() {
        let text = "[Backend][2] @backend-leads\nsrc/\n/src/legacy/ @legacy\n\n[Security] @sec\n*.rs\n^[Optional]\n* @nobody\n";
        let own = CodeOwners::parse("CODEOWNERS", text).owners_of("src/lib.rs");
        assert_eq!(own.len(), 2);
        assert_eq!(own[0].section.as_deref(), Some("Backend"));
        assert_eq!(own[0].owners, vec!["@backend-leads"]);
        assert_eq!(own[0].approvals, 2);
        assert_eq!(own[1].section.as_deref(), Some("Security"));
        assert_eq!(own[1].owners, vec!["@sec"]);
        let legacy = CodeOwners::parse("CODEOWNERS", text).owners_of("src/legacy/x.rs");
        assert_eq!(legacy[0].owners, vec!["@legacy"]);
    }
}
