//! `changegate verify`: for deployment pipelines — did this commit reach the branch through a
//! change that satisfied its policy? Exit 0 verified, 1 rejected, 2 cannot tell.

use anyhow::Context as _;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The commit to be deployed.
    #[arg(long, value_name = "REV")]
    pub commit: String,
    /// The deployed branch. Default: the remote's default branch (origin/HEAD), else HEAD.
    #[arg(long)]
    pub branch: Option<String>,
    /// Git alone: no API calls (reviews from `--reviews-file`, else unknown: exit 2).
    #[arg(long)]
    pub offline: bool,
    /// The review state as JSON (the format of `check --reviews-file`); implies --offline.
    #[arg(long, value_name = "FILE")]
    pub reviews_file: Option<PathBuf>,
    /// Also write an in-toto Statement (v1) of the verdict to FILE.
    #[arg(long, value_name = "FILE")]
    pub statement: Option<PathBuf>,
    /// Write the JSON verdict to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The platform to ask (default: from CI variables or the `origin` remote).
    #[arg(long, value_enum)]
    pub platform: Option<crate::audit::lookup::RemotePlatform>,
    /// OWNER/NAME (GitHub) or GROUP/PROJECT (GitLab); default: from CI variables or `origin`.
    #[arg(long, value_name = "PROJECT")]
    pub repo: Option<String>,
    /// API base URL (GitHub Enterprise, self-managed GitLab).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
}

pub fn run(args: &VerifyArgs, directory: Option<&std::path::Path>) -> anyhow::Result<u8> {
    use crate::audit::lookup::{resolve_remote, RemoteRequest};
    let dir = super::working_dir(directory)?;
    let git = crate::source::git::Git::discover(&dir)?;
    let origin = git.config("remote.origin.url");
    let offline = args.offline || args.reviews_file.is_some();
    let request = RemoteRequest {
        offline,
        platform: args.platform,
        project: args.repo.clone(),
        api_url: args.api_url.clone(),
    };
    let (remote, notes) =
        match resolve_remote(&request, origin.as_deref(), |k| std::env::var(k).ok()) {
            Ok(remote) => (Some(remote), Vec::new()),
            Err(why) => (None, vec![why]),
        };
    let reviews = match &args.reviews_file {
        Some(path) => Some((
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?,
            path.display().to_string(),
        )),
        None => None,
    };
    let branch = args
        .branch
        .clone()
        .unwrap_or_else(|| crate::audit::history::default_branch(&git));
    let options = crate::audit::verify::VerifyOptions {
        commit: args.commit.clone(),
        branch: branch.clone(),
        audit: crate::audit::AuditOptions {
            branch,
            since: "1970-01-01".into(),
            paths: Vec::new(),
            remote,
            cache_dir: None,
            jobs: 4,
            progress: false,
            commit_url_base: None,
            notes,
        },
        reviews,
    };
    let verification = crate::audit::verify::verify(&git, &options)?;
    let mut json = serde_json::to_string_pretty(&verification)?;
    json.push('\n');
    match &args.output {
        Some(path) => std::fs::write(path, crate::util::redact::redact_bytes(json.into_bytes()))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout()
            .lock()
            .write_all(&crate::util::redact::redact_bytes(json.into_bytes()))?,
    }
    if let Some(path) = &args.statement {
        let repository = origin
            .as_deref()
            .map(without_credentials)
            .unwrap_or_else(|| "repository".into());
        let mut text = serde_json::to_string_pretty(&crate::audit::verify::statement(
            &verification,
            &repository,
        ))?;
        text.push('\n');
        std::fs::write(path, crate::util::redact::redact_bytes(text.into_bytes()))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!(
        "changegate verify: {} {} ({})",
        &verification.commit[..verification.commit.len().min(12)],
        match verification.outcome {
            crate::audit::verify::Outcome::Verified => "verified",
            crate::audit::verify::Outcome::Rejected => "REJECTED",
            crate::audit::verify::Outcome::Unknown => "cannot tell",
        },
        if verification.reasons.is_empty() {
            "reached the branch through a change that satisfied its policy".to_owned()
        } else {
            verification.reasons.join("; ")
        }
    );
    Ok(verification.outcome.exit_code())
}

/// A remote URL without a user or token (`https://x:TOKEN@host/p` → `https://host/p`).
fn without_credentials(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let rest = rest
                .split_once('@')
                .filter(|(user, _)| !user.contains('/'))
                .map_or(rest, |(_, host)| host);
            format!("{scheme}://{rest}")
        }
        None => url.to_owned(),
    }
}
