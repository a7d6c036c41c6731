//! A system of the fleet as the inventory (`systems.yml`) describes it: the model shared by the
//! audit (a report names its system) and the fleet stage (which reads the inventory).

use serde::{Deserialize, Serialize};

/// One system: a repository (or the paths of one) with its owners.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// Unique short name: lowercase letters, digits, `.`, `_`, `-` (it names CI jobs and files).
    pub name: String,
    /// Web URL of the repository: `https://github.com/OWNER/REPO`, `https://gitlab.com/GROUP/…/PROJECT`
    /// or a self-managed host (then `platform` says which).
    pub repository: String,
    /// `github` or `gitlab`; default: from the host (github.com, gitlab.com).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<PlatformName>,
    /// 1 for the systems under controlled friction; reports group by it.
    pub tier: u32,
    /// Branch to audit; default: the repository's default branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// Only changes to these paths (globs) are the system's; default: the whole repository.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    pub owners: Owners,
}

/// Who answers for a system, up the line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Owners {
    /// The owning team (a CODEOWNERS handle or a name).
    pub team: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub director: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vp: Option<String>,
}

/// The platform a system's repository is on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PlatformName {
    Github,
    Gitlab,
}

impl PlatformName {
    pub fn name(self) -> &'static str {
        match self {
            PlatformName::Github => "github",
            PlatformName::Gitlab => "gitlab",
        }
    }
}

/// A repository URL taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositoryUrl {
    /// `github.com`, `gitlab.example.com`.
    pub host: String,
    /// `OWNER/REPO` or `GROUP/SUBGROUP/PROJECT`.
    pub project: String,
}

impl System {
    /// The platform: as stated, else from the host.
    pub fn platform(&self) -> Option<PlatformName> {
        self.platform.or_else(
            || match parse_repository(&self.repository).ok()?.host.as_str() {
                "github.com" => Some(PlatformName::Github),
                "gitlab.com" => Some(PlatformName::Gitlab),
                _ => None,
            },
        )
    }

    /// The repository's `OWNER/REPO` (GitHub) or `GROUP/…/PROJECT` (GitLab).
    pub fn project(&self) -> String {
        parse_repository(&self.repository)
            .map(|r| r.project)
            .unwrap_or_default()
    }
}

/// `https://HOST/SEGMENT/…`: no credentials, port-free host, no query or fragment, plain segments.
pub fn parse_repository(url: &str) -> Result<RepositoryUrl, String> {
    let rest = url
        .strip_prefix("https://")
        .ok_or("must start with https://")?;
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, project) = rest.split_once('/').ok_or("has no repository path")?;
    if host.contains('@') {
        return Err("must not carry credentials (user@ or a token)".to_owned());
    }
    if host.is_empty()
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
    {
        return Err(format!("has an invalid host {host:?}"));
    }
    let segments: Vec<&str> = project.split('/').collect();
    let plain = |s: &&str| {
        !s.is_empty()
            && !s.starts_with(['.', '-'])
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    };
    if segments.len() < 2 || !segments.iter().all(plain) {
        return Err("must be https://HOST/OWNER/REPO (letters, digits, `.`, `_`, `-`; no query or fragment)".to_owned());
    }
    Ok(RepositoryUrl {
        host: host.to_ascii_lowercase(),
        project: project.to_owned(),
    })
}
