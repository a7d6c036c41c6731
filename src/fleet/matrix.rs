//! `changegate fleet matrix`: the inventory as the job matrix of the CI engine the org already
//! runs — GitHub Actions `strategy.matrix` (JSON for `fromJSON`) or a GitLab child pipeline
//! (`parallel:matrix`) — one job per system. The platforms' limits are kept here, not discovered
//! by a failed pipeline: a GitHub matrix holds at most 256 jobs, a GitLab `parallel:matrix` 200.

use super::systems::{Inventory, PlatformName, System};
use serde::Serialize;

/// GitHub Actions: "A matrix can generate a maximum of 256 jobs per workflow run."
pub const GITHUB_MAX_JOBS: usize = 256;
/// GitLab: `parallel:matrix` "cannot generate more than 200 jobs".
pub const GITLAB_MAX_JOBS: usize = 200;

/// `--shard I/N`: the I-th of N contiguous parts of the systems sorted by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(value: &str) -> Result<Shard, String> {
        let (i, n) = value
            .split_once('/')
            .ok_or_else(|| format!("{value:?} is not I/N (e.g. 1/2)"))?;
        let index: usize = i.parse().map_err(|_| format!("{i:?} is not a number"))?;
        let count: usize = n.parse().map_err(|_| format!("{n:?} is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("{value:?}: I must be between 1 and N"));
        }
        Ok(Shard { index, count })
    }
}

/// Why a matrix cannot be printed.
#[derive(Debug, thiserror::Error)]
pub enum MatrixError {
    #[error("{count} GitHub systems make {count} jobs, more than a GitHub matrix may hold ({GITHUB_MAX_JOBS}): split them with --shard 1/{shards} … {shards}/{shards}, one matrix job each")]
    TooManyJobs { count: usize, shards: usize },
    #[error("no system in this part of the inventory is on {platform}")]
    Empty { platform: &'static str },
    #[error("--template {0:?} must be a relative path inside the repository (no `..`)")]
    Template(String),
}

/// One GitHub matrix entry: what the audit job needs to check the system out.
#[derive(Debug, Serialize)]
struct GithubEntry<'a> {
    system: &'a str,
    /// `OWNER/REPO`, for `actions/checkout`'s `repository`.
    repository: String,
}

#[derive(Debug, Serialize)]
struct GithubMatrix<'a> {
    include: Vec<GithubEntry<'a>>,
}

/// The systems of `platform` in `shard`, sorted by name, and the other systems' names.
pub fn select(
    inventory: &Inventory,
    platform: PlatformName,
    shard: Option<Shard>,
) -> (Vec<&System>, Vec<&str>) {
    let (mine, others): (Vec<&System>, Vec<&System>) = inventory
        .sorted()
        .into_iter()
        .partition(|s| s.platform() == Some(platform));
    let mine = match shard {
        None => mine,
        Some(Shard { index, count }) => {
            // Contiguous, sizes differing by at most one: the same part for the same inventory.
            let (base, extra) = (mine.len() / count, mine.len() % count);
            let start = (index - 1) * base + (index - 1).min(extra);
            let len = base + usize::from(index <= extra);
            mine[start..start + len].to_vec()
        }
    };
    (mine, others.iter().map(|s| s.name.as_str()).collect())
}

/// `{"include":[{"system":…,"repository":"OWNER/REPO"},…]}` on one line, for `$GITHUB_OUTPUT`.
pub fn github(systems: &[&System]) -> Result<String, MatrixError> {
    if systems.is_empty() {
        return Err(MatrixError::Empty { platform: "github" });
    }
    if systems.len() > GITHUB_MAX_JOBS {
        return Err(MatrixError::TooManyJobs {
            count: systems.len(),
            shards: systems.len().div_ceil(GITHUB_MAX_JOBS),
        });
    }
    let matrix = GithubMatrix {
        include: systems
            .iter()
            .map(|s| GithubEntry {
                system: &s.name,
                repository: s.project(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string(&matrix).unwrap_or_default();
    text.push('\n');
    Ok(text)
}

/// A GitLab child pipeline: the org's job templates included from `template`, one
/// `parallel:matrix` audit job per 200 systems, and a merge job that needs them all.
pub fn gitlab(systems: &[&System], template: &str) -> Result<String, MatrixError> {
    use serde_yaml::{Mapping, Value};
    if systems.is_empty() {
        return Err(MatrixError::Empty { platform: "gitlab" });
    }
    if template.is_empty()
        || template.starts_with('/')
        || template.split('/').any(|part| part == "..")
        || template.chars().any(char::is_control)
    {
        return Err(MatrixError::Template(template.to_owned()));
    }
    let s = |text: &str| Value::String(text.to_owned());
    let mut pipeline = Mapping::new();
    let mut include = Mapping::new();
    include.insert(s("local"), s(template));
    pipeline.insert(s("include"), Value::Sequence(vec![Value::Mapping(include)]));
    pipeline.insert(s("stages"), Value::Sequence(vec![s("audit"), s("merge")]));
    let mut needs = Vec::new();
    for (index, group) in systems.chunks(GITLAB_MAX_JOBS).enumerate() {
        let name = format!("changegate-audit-{}", index + 1);
        let entries: Vec<Value> = group
            .iter()
            .map(|system| {
                let mut vars = Mapping::new();
                vars.insert(s("SYSTEM"), s(&system.name));
                vars.insert(s("REPOSITORY"), s(&system.project()));
                vars.insert(s("REPOSITORY_URL"), s(&system.repository));
                Value::Mapping(vars)
            })
            .collect();
        let mut parallel = Mapping::new();
        parallel.insert(s("matrix"), Value::Sequence(entries));
        let mut job = Mapping::new();
        job.insert(s("extends"), s(".changegate-fleet-audit"));
        job.insert(s("stage"), s("audit"));
        job.insert(s("parallel"), Value::Mapping(parallel));
        pipeline.insert(s(&name), Value::Mapping(job));
        needs.push(s(&name));
    }
    let mut merge = Mapping::new();
    merge.insert(s("extends"), s(".changegate-fleet-merge"));
    merge.insert(s("stage"), s("merge"));
    merge.insert(s("needs"), Value::Sequence(needs));
    pipeline.insert(s("changegate-merge"), Value::Mapping(merge));
    let body = serde_yaml::to_string(&Value::Mapping(pipeline)).unwrap_or_default();
    Ok(format!(
        "# Generated by `changegate fleet matrix --platform gitlab` from the systems inventory; do not edit.\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inventory(n: usize) -> Inventory {
        let systems: String = (0..n)
            .map(|i| {
                format!(
                    "  - name: s{i:03}\n    repository: https://{}.com/acme/s{i:03}\n    tier: 1\n    owners: {{ team: t }}\n",
                    if i % 2 == 0 { "github" } else { "gitlab" }
                )
            })
            .collect();
        Inventory::parse(&format!("systems:\n{systems}"), "systems.yml").unwrap()
    }

    #[test]
    fn shards_are_contiguous_cover_everything_once_and_differ_by_at_most_one() {
        let inv = inventory(14); // 7 on each platform
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        for index in 1..=3 {
            let (part, others) =
                select(&inv, PlatformName::Github, Some(Shard { index, count: 3 }));
            assert_eq!(others.len(), 7);
            sizes.push(part.len());
            seen.extend(part.iter().map(|s| s.name.clone()));
        }
        let (all, _) = select(&inv, PlatformName::Github, None);
        assert_eq!(seen, all.iter().map(|s| s.name.clone()).collect::<Vec<_>>());
        assert_eq!(sizes, [3, 2, 2]);
    }

    #[test]
    fn a_github_matrix_over_256_jobs_says_how_to_shard() {
        let inv = inventory(600);
        let (all, _) = select(&inv, PlatformName::Github, None);
        let err = github(&all).unwrap_err().to_string();
        assert!(err.contains("--shard 1/2"), "{err}");
        let (half, _) = select(&inv, PlatformName::Github, Some("2/2".parse().unwrap()));
        assert!(github(&half).is_ok());
    }

    #[test]
    fn gitlab_groups_hold_at_most_200_jobs_and_merge_needs_every_group() {
        let inv = inventory(900); // 450 on GitLab
        let (all, _) = select(&inv, PlatformName::Gitlab, None);
        let text = gitlab(&all, "ci/changegate-fleet.yml").unwrap();
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let sizes: Vec<usize> = (1..=3)
            .map(|i| {
                doc[format!("changegate-audit-{i}").as_str()]["parallel"]["matrix"]
                    .as_sequence()
                    .unwrap()
                    .len()
            })
            .collect();
        assert_eq!(sizes, [200, 200, 50]);
        assert_eq!(
            doc["changegate-merge"]["needs"]
                .as_sequence()
                .unwrap()
                .len(),
            3
        );
        for bad in ["../x.yml", "/etc/x.yml", ""] {
            assert!(gitlab(&all, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shard_values_are_checked() {
        for bad in ["0/2", "3/2", "1", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
