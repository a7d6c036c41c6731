//! How a commit arrived, from the platform: the merged pull/merge request that introduced it,
//! with its text, labels, commits and reviews. Answers are cached on disk per commit (history
//! does not change), so re-running an audit costs no API calls for commits already seen.

use super::merged::MergedChange;
use crate::platform::http::{ApiError, Auth, Client};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Which platform, which project, how to reach it.
#[derive(Debug, Clone)]
pub struct Remote {
    pub platform: RemotePlatform,
    /// `owner/repo` or `group/project`.
    pub project: String,
    pub api_url: String,
    pub token: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RemotePlatform {
    Github,
    Gitlab,
}

impl RemotePlatform {
    pub fn name(self) -> &'static str {
        match self {
            RemotePlatform::Github => "github",
            RemotePlatform::Gitlab => "gitlab",
        }
    }
}

/// A connected platform.
pub struct Lookup {
    remote: Remote,
    client: Client,
}

impl Lookup {
    /// Builds the client; call inside the runtime that will drive it.
    pub fn connect(remote: Remote) -> Result<Lookup, ApiError> {
        let (service, auth) = match remote.platform {
            RemotePlatform::Github => ("GitHub", Auth::Bearer(remote.token.clone())),
            RemotePlatform::Gitlab => (
                "GitLab",
                Auth::Header("private-token", remote.token.clone()),
            ),
        };
        let client = Client::new(
            service,
            &remote.api_url,
            auth,
            crate::platform::github::retry_policy(),
        )?;
        Ok(Lookup { remote, client })
    }

    pub fn remote(&self) -> &Remote {
        &self.remote
    }

    /// The merged pull/merge request that brought `sha` into `branch`, if any.
    pub async fn merged_change(
        &self,
        sha: &str,
        branch: &str,
    ) -> Result<Option<MergedChange>, ApiError> {
        match self.remote.platform {
            RemotePlatform::Github => {
                super::github::merged_change(&self.client, &self.remote.project, sha, branch).await
            }
            RemotePlatform::Gitlab => {
                super::gitlab::merged_change(&self.client, &self.remote.project, sha, branch).await
            }
        }
    }
}

/// Platform answers on disk, one JSON file per commit.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a cache file holds: `change` is `null` when the commit arrived without a PR/MR.
#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    change: Option<MergedChange>,
}

const CACHE_VERSION: u32 = 1;

impl Cache {
    /// The cache of one project under `root`.
    pub fn new(root: &Path, remote: &Remote) -> Cache {
        let host: String = remote
            .api_url
            .split("://")
            .last()
            .unwrap_or(&remote.api_url)
            .chars()
            .map(safe_char)
            .collect();
        let project: String = remote.project.chars().map(safe_char).collect();
        Cache {
            dir: root.join(remote.platform.name()).join(host).join(project),
        }
    }

    /// The default root: the user's cache directory.
    pub fn default_root() -> Option<PathBuf> {
        dirs::cache_dir().map(|d| d.join("changegate").join("audit"))
    }

    fn path(&self, sha: &str) -> PathBuf {
        self.dir.join(format!("{sha}.json"))
    }

    /// A cached answer: `Some(None)` means "no PR/MR"; an unreadable entry is a miss.
    pub fn get(&self, sha: &str) -> Option<Option<MergedChange>> {
        if !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let bytes = std::fs::read(self.path(sha)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        (entry.version == CACHE_VERSION).then_some(entry.change)
    }

    /// Stores an answer (written to a temporary file and renamed: a crash leaves no half entry).
    pub fn put(&self, sha: &str, change: &Option<MergedChange>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let entry = Entry {
            version: CACHE_VERSION,
            change: change.clone(),
        };
        let bytes = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        let tmp = self.dir.join(format!(".{sha}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, self.path(sha))
    }
}

fn safe_char(c: char) -> char {
    if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
        c
    } else {
        '_'
    }
}

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct RemoteRequest {
    pub offline: bool,
    pub platform: Option<RemotePlatform>,
    pub project: Option<String>,
    pub api_url: Option<String>,
}

/// Where reviews come from: the flags, else the CI environment, else the `origin` remote; a
/// token from `GITHUB_TOKEN`/`GH_TOKEN` or `GITLAB_TOKEN`. `Err` holds why the audit runs
/// offline (said in the report).
pub fn resolve_remote(
    request: &RemoteRequest,
    origin_url: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Remote, String> {
    if request.offline {
        return Err("offline (--offline): reviews from git alone".into());
    }
    let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let origin = origin_url.and_then(parse_remote_url);
    let platform = request
        .platform
        .or_else(|| (var("GITHUB_ACTIONS").as_deref() == Some("true")).then_some(RemotePlatform::Github))
        .or_else(|| (var("GITLAB_CI").as_deref() == Some("true")).then_some(RemotePlatform::Gitlab))
        .or_else(|| match &origin {
            Some((host, _)) if host.contains("github") => Some(RemotePlatform::Github),
            Some((host, _)) if host.contains("gitlab") => Some(RemotePlatform::Gitlab),
            _ => None,
        })
        .ok_or("no GitHub or GitLab remote detected (pass --platform and --repo): reviews from git alone")?;
    let (project_var, api_var, token_vars): (&str, &str, &[&str]) = match platform {
        RemotePlatform::Github => (
            "GITHUB_REPOSITORY",
            "GITHUB_API_URL",
            &["GITHUB_TOKEN", "GH_TOKEN"],
        ),
        RemotePlatform::Gitlab => ("CI_PROJECT_PATH", "CI_API_V4_URL", &["GITLAB_TOKEN"]),
    };
    let project = request
        .project
        .clone()
        .or_else(|| var(project_var))
        .or_else(|| origin.as_ref().map(|(_, p)| p.clone()))
        .ok_or("no project to look up (pass --repo OWNER/NAME): reviews from git alone")?;
    let api_url = request
        .api_url
        .clone()
        .or_else(|| var(api_var))
        .or_else(|| {
            let host = origin.as_ref().map(|(h, _)| h.as_str());
            Some(match (platform, host) {
                (RemotePlatform::Github, None | Some("github.com")) => {
                    "https://api.github.com".to_owned()
                }
                (RemotePlatform::Github, Some(host)) => format!("https://{host}/api/v3"),
                (RemotePlatform::Gitlab, None) => "https://gitlab.com/api/v4".to_owned(),
                (RemotePlatform::Gitlab, Some(host)) => format!("https://{host}/api/v4"),
            })
        })
        .unwrap_or_default();
    let token = token_vars.iter().find_map(|name| var(name)).ok_or_else(|| {
        format!(
            "no {} in the environment: reviews from git alone (give a token that can read {}, or pass --offline)",
            token_vars.join(" or "),
            match platform {
                RemotePlatform::Github => "pull requests",
                RemotePlatform::Gitlab => "merge requests (read_api)",
            }
        )
    })?;
    Ok(Remote {
        platform,
        project,
        api_url,
        token,
    })
}

/// Where a commit can be seen on the web: `https://github.com/o/r/commit/{sha}` or
/// `https://gitlab.example.com/g/p/-/commit/{sha}`. From the remote the audit reads (its API URL
/// gives the host), else from an `origin` on a GitHub or GitLab host; `None` otherwise.
pub fn commit_url_base(remote: Option<&Remote>, origin_url: Option<&str>) -> Option<String> {
    let (platform, web, project) = match remote {
        Some(r) => {
            let api = r.api_url.trim_end_matches('/');
            let web = if api == "https://api.github.com" {
                "https://github.com".to_owned()
            } else {
                api.trim_end_matches("/api/v3")
                    .trim_end_matches("/api/v4")
                    .to_owned()
            };
            (r.platform, web, r.project.clone())
        }
        None => {
            let (host, project) = parse_remote_url(origin_url?)?;
            let platform = if host.contains("github") {
                RemotePlatform::Github
            } else if host.contains("gitlab") {
                RemotePlatform::Gitlab
            } else {
                return None;
            };
            (platform, format!("https://{host}"), project)
        }
    };
    Some(match platform {
        RemotePlatform::Github => format!("{web}/{project}/commit/"),
        RemotePlatform::Gitlab => format!("{web}/{project}/-/commit/"),
    })
}

/// `git@github.com:o/r.git`, `https://github.com/o/r` → (host, `o/r`).
pub fn parse_remote_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = if let Some((_, rest)) = url.split_once("://") {
        rest.split_once('@').map_or(rest, |(_, r)| r).to_owned()
    } else {
        // scp-like: user@host:path
        let (host_part, path) = url.split_once(':')?;
        let host = host_part.rsplit('@').next()?;
        format!("{host}/{path}")
    };
    let (host, path) = rest.split_once('/')?;
    let host = host.split(':').next()?.to_lowercase();
    let project = path.trim_matches('/').trim_end_matches(".git").to_owned();
    (!host.is_empty() && project.contains('/')).then_some((host, project))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_urls() {
        assert_eq!(
            parse_remote_url("git@github.com:acme/shop.git"),
            Some(("github.com".into(), "acme/shop".into()))
        );
        assert_eq!(
            parse_remote_url("https://x-access-token:t@github.com/acme/shop"),
            Some(("github.com".into(), "acme/shop".into()))
        );
        assert_eq!(
            parse_remote_url("ssh://git@gitlab.com:2222/g/sub/p.git"),
            Some(("gitlab.com".into(), "g/sub/p".into()))
        );
        assert_eq!(parse_remote_url("/srv/repo.git"), None);
    }

    #[test]
    fn remote_from_flags_environment_and_origin() {
        let none = |_: &str| None;
        let with_token = |name: &str| (name == "GITHUB_TOKEN").then(|| "t".to_owned());
        let request = RemoteRequest::default();
        let remote =
            resolve_remote(&request, Some("git@github.com:acme/shop.git"), with_token).unwrap();
        assert_eq!(remote.platform, RemotePlatform::Github);
        assert_eq!(remote.project, "acme/shop");
        assert_eq!(remote.api_url, "https://api.github.com");
        let why = resolve_remote(&request, Some("git@github.com:acme/shop.git"), none).unwrap_err();
        assert!(why.contains("no GITHUB_TOKEN or GH_TOKEN"), "{why}");
        assert!(resolve_remote(&request, None, with_token).is_err());
        let gitlab = resolve_remote(
            &RemoteRequest::default(),
            Some("https://gitlab.example.com/g/p.git"),
            |name: &str| (name == "GITLAB_TOKEN").then(|| "t".to_owned()),
        )
        .unwrap();
        assert_eq!(gitlab.api_url, "https://gitlab.example.com/api/v4");
        let offline = RemoteRequest {
            offline: true,
            ..RemoteRequest::default()
        };
        assert!(resolve_remote(&offline, Some("git@github.com:a/b"), with_token).is_err());
    }

    #[test]
    fn commit_links() {
        let remote = |platform, api: &str, project: &str| Remote {
            platform,
            project: project.into(),
            api_url: api.into(),
            token: String::new(),
        };
        let github = remote(RemotePlatform::Github, "https://api.github.com", "o/r");
        assert_eq!(
            commit_url_base(Some(&github), None).as_deref(),
            Some("https://github.com/o/r/commit/")
        );
        let ghes = remote(RemotePlatform::Github, "https://ghe.corp/api/v3", "o/r");
        assert_eq!(
            commit_url_base(Some(&ghes), None).as_deref(),
            Some("https://ghe.corp/o/r/commit/")
        );
        let gitlab = remote(RemotePlatform::Gitlab, "https://gitlab.com/api/v4", "g/s/p");
        assert_eq!(
            commit_url_base(Some(&gitlab), None).as_deref(),
            Some("https://gitlab.com/g/s/p/-/commit/")
        );
        assert_eq!(
            commit_url_base(None, Some("git@github.com:o/r.git")).as_deref(),
            Some("https://github.com/o/r/commit/")
        );
        assert_eq!(commit_url_base(None, Some("/srv/repo.git")), None);
    }

    #[test]
    fn cache_round_trip_and_misses() {
        let dir = std::env::temp_dir().join(format!("cg-cache-{}", std::process::id()));
        let remote = Remote {
            platform: RemotePlatform::Github,
            project: "acme/shop".into(),
            api_url: "https://api.github.com".into(),
            token: "secret".into(),
        };
        let cache = Cache::new(&dir, &remote);
        let sha = "a".repeat(40);
        assert_eq!(cache.get(&sha), None);
        cache.put(&sha, &None).unwrap();
        assert_eq!(cache.get(&sha), Some(None));
        assert_eq!(cache.get("../../etc/passwd"), None);
        let stored = std::fs::read_dir(&cache.dir).unwrap().count();
        assert_eq!(stored, 1);
        let text = std::fs::read_to_string(cache.path(&sha)).unwrap();
        assert!(!text.contains("secret"), "no token in the cache");
        std::fs::write(cache.path(&sha), "{not json").unwrap();
        assert_eq!(cache.get(&sha), None, "a broken entry is a miss");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
