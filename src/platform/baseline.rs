//! Reading an org baseline named `OWNER/REPO@SHA:PATH` (`extends:`): from the on-disk cache, else
//! — in a GitHub Actions or GitLab CI job — through the platform's API, then cached. The
//! reference is pinned by commit, so a cached copy never goes stale. A local run makes no
//! network call: without a cached copy it fails closed and says how to get one. Local
//! `DIR@SHA:PATH` baselines are read with git (`policy::baseline::LocalGit`).

use crate::platform::http::{Auth, Client};
use crate::policy::baseline::{BaselineReader, BaselineRef, LocalGit};
use std::path::PathBuf;

/// The platform a CI job runs on, as far as reading a baseline needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiAccess {
    pub platform: &'static str,
    pub api_url: String,
    pub auth: AccessToken,
}

#[derive(Clone, PartialEq, Eq)]
pub enum AccessToken {
    Bearer(String),
    Header(&'static str, String),
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// The default reader: local directories with git, platform repositories from the cache or
/// the API.
pub struct Baselines {
    access: Option<ApiAccess>,
    cache: Option<PathBuf>,
}

impl Baselines {
    /// From the environment: the API of the CI job the run is in (none outside CI), the user
    /// cache directory (`$XDG_CACHE_HOME/changegate/baselines`).
    pub fn from_env() -> Baselines {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Baselines {
            access: access_from(env),
            cache: dirs::cache_dir().map(|d| d.join("changegate").join("baselines")),
        }
    }

    fn cache_file(&self, reference: &BaselineRef) -> Option<PathBuf> {
        let mut path = self.cache.clone()?;
        path.push(&reference.location);
        path.push(&reference.commit);
        path.push(&reference.path);
        Some(path)
    }
}

/// The API a CI job can read another repository through: GitHub Actions (`GITHUB_API_URL`,
/// `CHANGEGATE_BASELINE_TOKEN` or `GITHUB_TOKEN`), GitLab CI (`CI_API_V4_URL`,
/// `CHANGEGATE_BASELINE_TOKEN` or `GITLAB_TOKEN` as a private token, else the job token).
pub fn access_from(env: impl Fn(&str) -> Option<String>) -> Option<ApiAccess> {
    let dedicated = env("CHANGEGATE_BASELINE_TOKEN");
    if env("GITHUB_ACTIONS").as_deref() == Some("true") {
        let token = dedicated
            .or_else(|| env("GITHUB_TOKEN"))
            .or_else(|| env("GH_TOKEN"))?;
        return Some(ApiAccess {
            platform: "GitHub",
            api_url: env("GITHUB_API_URL").unwrap_or_else(|| "https://api.github.com".into()),
            auth: AccessToken::Bearer(token),
        });
    }
    if env("GITLAB_CI").as_deref() == Some("true") {
        let api_url = env("CI_API_V4_URL")?;
        let auth = match dedicated.or_else(|| env("GITLAB_TOKEN")) {
            Some(token) => AccessToken::Header("private-token", token),
            None => AccessToken::Header("job-token", env("CI_JOB_TOKEN")?),
        };
        return Some(ApiAccess {
            platform: "GitLab",
            api_url,
            auth,
        });
    }
    None
}

/// Segments a cache path and an API path may hold.
fn plain_segments(text: &str) -> bool {
    !text.is_empty()
        && text.split('/').all(|s| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && !s.chars().any(|c| c.is_control() || c == '\\')
        })
}

impl BaselineReader for Baselines {
    fn read(&self, reference: &BaselineRef) -> Result<String, String> {
        if reference.is_local() {
            return LocalGit.read(reference);
        }
        if !plain_segments(&reference.location)
            || reference.location.matches('/').count() < 1
            || !plain_segments(&reference.path)
        {
            return Err(format!(
                "extends `{}`: expected OWNER/REPO@SHA:PATH with a relative PATH",
                reference.short()
            ));
        }
        let cached = self.cache_file(reference);
        if let Some(text) = cached
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
        {
            return Ok(text);
        }
        let Some(access) = &self.access else {
            return Err(format!(
                "the baseline {} is not in the cache ({}) and a local run reads no network: run the check in CI once (GitHub Actions or GitLab CI read it through the API and cache it), or check the policy repository out and write `extends: \"./DIR@{}:{}\"`",
                reference.short(),
                cached.map_or("none".into(), |p| p.display().to_string()),
                reference.commit,
                reference.path
            ));
        };
        let text = fetch(access, reference)?;
        if let Some(path) = cached {
            // A cache that cannot be written costs a refetch next time, nothing else.
            let _ = write_atomically(&path, &text);
        }
        Ok(text)
    }
}

fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".tmp-{}", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path)
}

/// A file of the repository contents APIs: GitHub's and GitLab's both answer base64.
#[derive(serde::Deserialize)]
struct ContentFile {
    #[serde(default)]
    content: String,
    #[serde(default)]
    encoding: String,
}

/// Reads the file through the API, on a thread of its own (with its own runtime: the caller
/// may be inside another).
fn fetch(access: &ApiAccess, reference: &BaselineRef) -> Result<String, String> {
    let encode = |s: &str| crate::platform::gitlab::encode(s);
    let path = match access.platform {
        "GitHub" => format!(
            "/repos/{}/contents/{}?ref={}",
            reference.location, reference.path, reference.commit
        ),
        _ => format!(
            "/projects/{}/repository/files/{}?ref={}",
            encode(&reference.location),
            encode(&reference.path),
            reference.commit
        ),
    };
    let auth = match &access.auth {
        AccessToken::Bearer(token) => Auth::Bearer(token.clone()),
        AccessToken::Header(name, value) => Auth::Header(name, value.clone()),
    };
    let platform = access.platform;
    let api_url = access.api_url.clone();
    let answer = std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| format!("cannot start the async runtime: {e}"))?;
                let _entered = runtime.enter();
                let client = Client::new(
                    platform,
                    &api_url,
                    auth,
                    crate::platform::github::retry_policy(),
                )
                .map_err(|e| e.to_string())?;
                runtime
                    .block_on(client.get::<ContentFile>(&path))
                    .map_err(|e| e.to_string())
            })
            .join()
            .unwrap_or_else(|_| Err("the baseline reader failed".into()))
    });
    let file = answer.map_err(|why| {
        format!(
            "cannot read the baseline {} through the {platform} API (does the token reach {}?): {}",
            reference.short(),
            reference.location,
            crate::util::escape::clip(&why, 300)
        )
    })?;
    if file.encoding != "base64" {
        return Err(format!(
            "the {platform} API did not return the baseline {} as base64 (encoding {:?}; files over 1 MB are not served this way)",
            reference.short(),
            file.encoding
        ));
    }
    use base64::Engine as _;
    let compact: String = file.content.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|e| {
            format!(
                "the baseline {} is not valid base64: {e}",
                reference.short()
            )
        })?;
    String::from_utf8(bytes).map_err(|_| format!("the baseline {} is not UTF-8", reference.short()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_api_comes_from_the_ci_job_and_nothing_else() {
        assert_eq!(
            access_from(env(&[("GITHUB_TOKEN", "t")])),
            None,
            "not in CI: no network"
        );
        let github =
            access_from(env(&[("GITHUB_ACTIONS", "true"), ("GITHUB_TOKEN", "t")])).unwrap();
        assert_eq!(github.api_url, "https://api.github.com");
        assert_eq!(github.auth, AccessToken::Bearer("t".into()));
        let dedicated = access_from(env(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_TOKEN", "t"),
            ("CHANGEGATE_BASELINE_TOKEN", "org"),
        ]))
        .unwrap();
        assert_eq!(dedicated.auth, AccessToken::Bearer("org".into()));
        let gitlab = access_from(env(&[
            ("GITLAB_CI", "true"),
            ("CI_API_V4_URL", "https://gitlab.example.com/api/v4"),
            ("CI_JOB_TOKEN", "job"),
        ]))
        .unwrap();
        assert_eq!(gitlab.auth, AccessToken::Header("job-token", "job".into()));
        assert!(
            !format!("{gitlab:?}").contains("job\""),
            "tokens are not printed"
        );
    }

    #[test]
    fn hostile_references_are_refused_before_any_read() {
        let reader = Baselines {
            access: None,
            cache: Some(PathBuf::from("/nonexistent-cache")),
        };
        for text in [
            "acme/../../etc@0123456789abcdef0123456789abcdef01234567:x.yml",
            "acme/policies@0123456789abcdef0123456789abcdef01234567:../../secret",
            "acme/policies@0123456789abcdef0123456789abcdef01234567:/etc/passwd",
        ] {
            let reference = BaselineRef::parse(text).unwrap();
            let err = reader.read(&reference).unwrap_err();
            assert!(
                err.contains("expected OWNER/REPO@SHA:PATH"),
                "{text}: {err}"
            );
        }
    }
}
