//! `changegate audit`: the changes that reached tier-1 paths on a branch, judged against the
//! policy of their base, with reviews from the platform (cached) or from git alone.

use anyhow::Context as _;
use clap::Args;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// Start of the window: a date (2026-01-01) or an age (90d).
    #[arg(long, value_name = "WHEN", value_parser = crate::audit::history::parse_since, required = true)]
    pub since: Option<String>,
    /// The systems inventory (systems.yml) that names this repository's system (`--system`).
    #[arg(long, value_name = "FILE", requires = "system")]
    pub systems: Option<PathBuf>,
    /// This repository's system in the inventory: the report names it (for `audit merge`), and
    /// its `branch` and `paths` are the defaults of --branch and --paths.
    #[arg(long, value_name = "NAME", requires = "systems")]
    pub system: Option<String>,
    /// Branch to walk (first-parent history). Default: the remote's default branch
    /// (origin/HEAD), else HEAD.
    #[arg(long)]
    pub branch: Option<String>,
    /// Only changes to paths matching these globs.
    #[arg(long, value_name = "GLOB")]
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value_t = crate::audit::report::AuditFormat::Md)]
    pub format: crate::audit::report::AuditFormat,
    /// Write the report to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Git alone: no API calls (reviews known only from trailers).
    #[arg(long)]
    pub offline: bool,
    /// The platform to ask (default: from CI variables or the `origin` remote).
    #[arg(long, value_enum)]
    pub platform: Option<crate::audit::lookup::RemotePlatform>,
    /// OWNER/NAME (GitHub) or GROUP/PROJECT (GitLab); default: from CI variables or `origin`.
    #[arg(long, value_name = "PROJECT")]
    pub repo: Option<String>,
    /// API base URL (GitHub Enterprise, self-managed GitLab).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// Where API answers are cached (default: the user cache dir, changegate/audit).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Do not read or write the cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// At most this many API requests in flight.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
}

#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Join per-system audit reports (JSON) into one org audit: per system, per owner
    /// (VP, director, team), categories, a weekly trend, the worst changes first. Merging is
    /// associative and order-free: a merged JSON report is itself an input.
    Merge(MergeArgs),
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// JSON reports: `audit --format json` of one system, or an earlier `audit merge --format json`.
    #[arg(required = true, value_name = "REPORT")]
    pub reports: Vec<PathBuf>,
    /// The inventory: systems in it without a report are listed as not audited.
    #[arg(long, value_name = "FILE")]
    pub systems: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = crate::audit::report::AuditFormat::Md)]
    pub format: crate::audit::report::AuditFormat,
    /// Write the report to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `audit merge`.
fn merge(args: &MergeArgs) -> anyhow::Result<u8> {
    let inventory = args
        .systems
        .as_deref()
        .map(crate::fleet::systems::Inventory::load)
        .transpose()?;
    let reports = args
        .reports
        .iter()
        .map(|path| crate::fleet::merge::read_report(path).map(|a| (path.display().to_string(), a)))
        .collect::<Result<Vec<_>, _>>()?;
    let org = crate::fleet::merge::merge(reports, inventory.as_ref())?;
    let mut bytes = Vec::new();
    crate::fleet::report::render(&org, args.format, &mut bytes)?;
    write_report(args.output.as_deref(), bytes)?;
    Ok(0)
}

/// Writes a report to `output` (tokens redacted) or stdout.
fn write_report(output: Option<&std::path::Path>, bytes: Vec<u8>) -> anyhow::Result<()> {
    match output {
        Some(path) => std::fs::write(path, crate::util::redact::redact_bytes(bytes))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}

pub fn run(args: &AuditArgs, directory: Option<&std::path::Path>) -> anyhow::Result<u8> {
    use crate::audit::lookup::{resolve_remote, Cache, RemoteRequest};
    if let Some(AuditCommand::Merge(merge_args)) = &args.command {
        return merge(merge_args);
    }
    let since = args
        .since
        .clone()
        .context("audit needs --since (a date or an age such as 90d)")?;
    let system = match (&args.systems, &args.system) {
        (Some(file), Some(name)) => {
            let inventory = crate::fleet::systems::Inventory::load(file)?;
            let system = inventory
                .get(name)
                .cloned()
                .with_context(|| format!("{} has no system named {name:?}", file.display()))?;
            Some(system)
        }
        _ => None,
    };
    let dir = super::working_dir(directory)?;
    let git = crate::source::git::Git::discover(&dir)?;
    let origin = git.config("remote.origin.url");
    let request = RemoteRequest {
        offline: args.offline,
        platform: args.platform,
        project: args.repo.clone(),
        api_url: args.api_url.clone(),
    };
    let (remote, notes) =
        match resolve_remote(&request, origin.as_deref(), |k| std::env::var(k).ok()) {
            Ok(remote) => (Some(remote), Vec::new()),
            Err(why) => (None, vec![why]),
        };
    let cache_dir = if args.no_cache {
        None
    } else {
        args.cache_dir.clone().or_else(Cache::default_root)
    };
    let commit_url_base = crate::audit::lookup::commit_url_base(remote.as_ref(), origin.as_deref());
    let (mut audit, stats) = crate::audit::audit(
        &git,
        &crate::audit::AuditOptions {
            branch: args
                .branch
                .clone()
                .or_else(|| system.as_ref().and_then(|s| s.branch.clone()))
                .unwrap_or_else(|| crate::audit::history::default_branch(&git)),
            since,
            paths: if args.paths.is_empty() {
                system.as_ref().map(|s| s.paths.clone()).unwrap_or_default()
            } else {
                args.paths.clone()
            },
            remote,
            cache_dir,
            jobs: usize::from(args.jobs),
            progress: std::io::stderr().is_terminal(),
            commit_url_base,
            notes,
        },
    )?;
    eprintln!(
        "changegate audit: {} commit{}, {} tier-1 change{}, reviews from {}{}",
        audit.commits_scanned,
        if audit.commits_scanned == 1 { "" } else { "s" },
        audit.changes.len(),
        if audit.changes.len() == 1 { "" } else { "s" },
        audit.source,
        if stats.from_api + stats.from_cache > 0 {
            format!(
                " ({} looked up, {} from the cache)",
                stats.from_api, stats.from_cache
            )
        } else {
            String::new()
        }
    );
    audit.system = system;
    let mut bytes = Vec::new();
    crate::audit::report::render(&audit, args.format, &mut bytes)?;
    write_report(args.output.as_deref(), bytes)?;
    Ok(0)
}
