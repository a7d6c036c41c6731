//! Platform lookups for many changes: from the on-disk cache, else from the API with bounded
//! concurrency, cached as they arrive (an interrupted audit resumes), with a progress bar.

use super::lookup::{Cache, Lookup, Remote, RemotePlatform};
use super::merged::MergedChange;
use super::{AuditError, AuditOptions, Candidate, LookupStats};
use std::collections::BTreeMap;

/// Looks up every candidate's PR/MR (preferring ones merged into `branch`, a plain branch name):
/// from the cache, else from the API with at most `jobs`
/// requests in flight. Answers are cached as they arrive, so an interrupted audit resumes.
pub(super) fn lookups(
    candidates: &[Candidate<'_>],
    remote: &Remote,
    options: &AuditOptions,
    branch: &str,
) -> Result<(BTreeMap<String, Option<MergedChange>>, LookupStats), AuditError> {
    use futures_util::stream::{self, StreamExt};
    let cache = options
        .cache_dir
        .as_ref()
        .map(|root| Cache::new(root, remote));
    let mut found = BTreeMap::new();
    let mut stats = LookupStats::default();
    let mut missing = Vec::new();
    for candidate in candidates {
        let sha = &candidate.commit.sha;
        match cache.as_ref().and_then(|c| c.get(sha)) {
            Some(answer) => {
                stats.from_cache += 1;
                found.insert(sha.clone(), answer);
            }
            None => missing.push(sha.clone()),
        }
    }
    if missing.is_empty() {
        return Ok((found, stats));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| AuditError::Setup(format!("cannot start the async runtime: {e}")))?;
    let bar = progress_bar(
        options.progress,
        missing.len() as u64,
        "looking up pull/merge requests",
    );
    let result = runtime.block_on(async {
        let client = Lookup::connect(remote.clone()).map_err(|source| AuditError::Api {
            sha: String::new(),
            hint: hint(remote.platform, &source),
            source: Box::new(source),
        })?;
        let mut answers = stream::iter(missing.iter())
            .map(|sha| {
                let client = &client;
                async move { (sha, client.merged_change(sha, branch).await) }
            })
            .buffer_unordered(options.jobs.max(1));
        while let Some((sha, answer)) = answers.next().await {
            let answer = answer.map_err(|source| AuditError::Api {
                sha: sha.clone(),
                hint: hint(remote.platform, &source),
                source: Box::new(source),
            })?;
            if let Some(cache) = &cache {
                // A cache that cannot be written costs API calls next time, nothing else.
                let _ = cache.put(sha, &answer);
            }
            stats.from_api += 1;
            bar.inc(1);
            found.insert(sha.clone(), answer);
        }
        Ok::<_, AuditError>(())
    });
    bar.finish_and_clear();
    result?;
    Ok((found, stats))
}

/// What a 401/403/404 means for an audit, and what to do.
fn hint(platform: RemotePlatform, error: &crate::platform::http::ApiError) -> String {
    let read = match platform {
        RemotePlatform::Github => "a token that can read pull requests (fine-grained: \"Pull requests: read\"; in Actions: `permissions: pull-requests: read`)",
        RemotePlatform::Gitlab => "a token with the read_api scope (CI_JOB_TOKEN cannot read merge requests)",
    };
    match error.status() {
        Some(401) => format!("\n  the token was rejected (expired or mistyped): use {read}, or pass --offline"),
        Some(403) => format!("\n  the token may not read this: use {read}, or pass --offline. Answers fetched so far are cached"),
        Some(404) => "\n  the project was not found, or the token cannot see it: check --repo and --api-url".to_owned(),
        _ => String::new(),
    }
}

/// A progress bar on stderr (only when it is a terminal: logs stay clean).
pub(super) fn progress_bar(show: bool, total: u64, what: &'static str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total).with_message(what);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {pos}/{len} [{bar:30}] {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
