//! The command line: clap definitions, dispatch, and the mapping of outcomes to exit codes.
//! Kept here (not in main.rs) so tests can run the CLI in-process.

pub mod init;
use crate::report::{render, Format};
use crate::source::{GitRequest, HeadSpec, Limits};
use crate::{CheckOptions, SourceSpec};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  pass: nothing blocks the change
  1  blocked by policy
  2  usage, configuration or runtime error (the gate fails closed)";

/// A deterministic change-safety gate for pull requests, merge requests and local dry-runs.
#[derive(Debug, Parser)]
#[command(name = "changegate", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// When to colour the text report.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// Run as if started in DIR (like `git -C`).
    #[arg(short = 'C', long = "directory", value_name = "DIR", global = true)]
    pub directory: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// Colour choice; `auto` honours the terminal, `NO_COLOR` and `CLICOLOR_FORCE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Judge a change: the working tree (default), the index, a revision range, or a patch.
    #[command(after_help = EXIT_CODES)]
    Check(Box<CheckArgs>),
    /// List or test rules (built-in packs and the custom rules of the policy on disk).
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Post a JSON verdict from an earlier job to GitHub (the `workflow_run` pattern for forks).
    #[command(after_help = EXIT_CODES)]
    Publish {
        /// The report written by `changegate check --format json -o FILE`.
        report: PathBuf,
        /// GitHub token (default: $GITHUB_TOKEN). Never printed.
        #[arg(long, value_name = "TOKEN")]
        github_token: Option<String>,
        /// Conclude `neutral` (not `success`) when there are warnings.
        #[arg(long)]
        neutral_on_warnings: bool,
    },
    /// Audit the changes that reached tier-1 paths on a branch: reviews from the GitHub/GitLab
    /// API when a token is set (cached on disk), else from git alone.
    Audit {
        /// Start of the window: a date (2026-01-01) or an age (90d).
        #[arg(long, value_name = "WHEN", value_parser = crate::audit::history::parse_since)]
        since: String,
        /// Branch to walk (first-parent history). Default: the remote's default branch
        /// (origin/HEAD), else HEAD.
        #[arg(long)]
        branch: Option<String>,
        /// Only changes to paths matching these globs.
        #[arg(long, value_name = "GLOB")]
        paths: Vec<String>,
        #[arg(long, value_enum, default_value_t = crate::audit::report::AuditFormat::Md)]
        format: crate::audit::report::AuditFormat,
        /// Write the report to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Git alone: no API calls (reviews known only from trailers).
        #[arg(long)]
        offline: bool,
        /// The platform to ask (default: from CI variables or the `origin` remote).
        #[arg(long, value_enum)]
        platform: Option<crate::audit::lookup::RemotePlatform>,
        /// OWNER/NAME (GitHub) or GROUP/PROJECT (GitLab); default: from CI variables or `origin`.
        #[arg(long, value_name = "PROJECT")]
        repo: Option<String>,
        /// API base URL (GitHub Enterprise, self-managed GitLab).
        #[arg(long, value_name = "URL")]
        api_url: Option<String>,
        /// Where API answers are cached (default: the user cache dir, changegate/audit).
        #[arg(long, value_name = "DIR")]
        cache_dir: Option<PathBuf>,
        /// Do not read or write the cache.
        #[arg(long, conflicts_with = "cache_dir")]
        no_cache: bool,
        /// At most this many API requests in flight.
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
        jobs: u16,
    },
    /// Print the JSON Schema of .changegate.yml (for editor completion).
    Schema {
        /// The schema of `audit --format json` instead.
        #[arg(long)]
        audit: bool,
    },
    /// Write a starter .changegate.yml adapted to this repository.
    Init {
        /// Overwrite an existing .changegate.yml.
        #[arg(long)]
        force: bool,
    },
    /// Install a git hook that runs the dry-run (pre-push by default).
    InstallHook {
        /// Run on `git push` (the default): everything about to be pushed.
        #[arg(long, conflicts_with = "pre_commit")]
        pre_push: bool,
        /// Run on `git commit`: only what is staged.
        #[arg(long)]
        pre_commit: bool,
        /// Replace an existing hook.
        #[arg(long)]
        force: bool,
    },
    /// Explain a rule: what it matches, why it matters, what to do instead.
    Explain {
        /// The rule id, e.g. `rust/unwrap`.
        rule_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// One line per rule: id, severity, matcher, languages, message.
    List,
    /// Run every rule's `tests.match` / `tests.no_match` examples; exit 1 if any fails.
    Test {
        /// Rule files or directories to test instead of the built-in and configured rules.
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Base revision. Default: the merge-base of HEAD with origin/HEAD, origin/main,
    /// origin/master, main or master (the first that exists).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Head revision. Default: the working tree (tracked files as they are on disk).
    #[arg(long, value_name = "REV", conflicts_with = "staged")]
    pub head: Option<String>,
    /// Judge only what is staged (for a pre-commit hook).
    #[arg(long)]
    pub staged: bool,
    /// Read the change from a unified diff instead of git (`-` for stdin).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["base", "head", "staged"])]
    pub diff: Option<String>,
    /// Policy file. Default: .changegate.yml as of the base revision, else built-in defaults.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The change description (PR/MR text). Default: the messages of the change's commits.
    #[arg(long, value_name = "FILE")]
    pub description_file: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Fail on requirements a local run cannot verify (approvals).
    #[arg(long)]
    pub strict: bool,
    /// The review state as JSON (author, labels, reviews; see docs/policy.md): reviews are then
    /// known, and missing approvals block.
    #[arg(long, value_name = "FILE")]
    pub reviews_file: Option<PathBuf>,
    /// Print how long each stage took to stderr (never part of the report).
    #[arg(long)]
    pub timings: bool,
    /// In GitHub Actions, judge like a local run (no API calls, no check run).
    #[arg(long)]
    pub no_platform: bool,
    /// GitHub token (default: $GITHUB_TOKEN). Never printed.
    #[arg(long, value_name = "TOKEN")]
    pub github_token: Option<String>,
    /// Conclude the check run `neutral` (not `success`) when there are warnings.
    #[arg(long)]
    pub neutral_on_warnings: bool,
    /// GitLab token with read_api (api to post) (default: $GITLAB_TOKEN). Never printed.
    #[arg(long, value_name = "TOKEN")]
    pub gitlab_token: Option<String>,
    /// In GitLab CI, where to write the Code Quality report.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "gl-code-quality-report.json"
    )]
    pub codequality_output: PathBuf,
    /// In GitLab CI, also post a commit status `changegate` (needs an `api` token).
    #[arg(long)]
    pub gitlab_status: bool,
    /// In GitLab CI, also post the summary as a merge-request note, updated in place on re-runs.
    #[arg(long)]
    pub gitlab_note: bool,
    /// Files larger than this many bytes are classified by path only.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_file_bytes)]
    pub max_file_size: u64,
}

/// Parses `std::env::args`, runs, and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not errors.
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    crate::util::redact::register_environment();
    // Tokens given as flags (`--github-token T`, `--gitlab-token=T`) are secrets too.
    let args: Vec<String> = std::env::args().collect();
    for (i, arg) in args.iter().enumerate() {
        for flag in ["--github-token", "--gitlab-token"] {
            if arg == flag {
                if let Some(value) = args.get(i + 1) {
                    crate::util::redact::register(value);
                }
            } else if let Some(value) = arg.strip_prefix(&format!("{flag}=")) {
                crate::util::redact::register(value);
            }
        }
    }
    // A bug outside the per-file guards still ends in the documented exit 2, never an abort.
    let outcome = std::panic::catch_unwind(|| run(&cli)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(anyhow::anyhow!(
            "internal error: {what} (this is a bug in changegate; the change was not judged)"
        ))
    });
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut message = format!("error: {e}");
            let mut source = e.source();
            while let Some(cause) = source {
                message.push_str(&format!("\n  caused by: {cause}"));
                source = cause.source();
            }
            eprintln!("{}", crate::util::redact::redact(&message));
            ExitCode::from(2)
        }
    }
}

/// A closed stdout (`| head`) is the reader's choice, not an error worth a message.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs a parsed command; `Ok` carries the exit code.
pub fn run(cli: &Cli) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Check(args) => check(args, cli.color, cli.directory.as_deref()),
        Command::Rules(RulesCommand::List) => {
            let set = configured_rules(cli.directory.as_deref())?;
            crate::report::rules::list(&set, &mut std::io::stdout().lock())?;
            Ok(0)
        }
        Command::Rules(RulesCommand::Test { paths }) => {
            let set = if paths.is_empty() {
                configured_rules(cli.directory.as_deref())?
            } else {
                rules_from_paths(paths)?
            };
            let outcomes = crate::rules::selftest::test_all(&set);
            crate::report::rules::test_report(&outcomes, &mut std::io::stdout().lock())?;
            Ok(u8::from(outcomes.iter().any(|o| !o.passed())))
        }
        Command::Publish {
            report,
            github_token,
            neutral_on_warnings,
        } => {
            use anyhow::Context as _;
            let text = std::fs::read_to_string(report)
                .with_context(|| format!("cannot read {}", report.display()))?;
            let verdict = crate::report::json::parse(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", report.display()))?;
            let env = crate::platform::github::Env::from_env()
                .ok_or_else(|| {
                    anyhow::anyhow!("`publish` runs in GitHub Actions (GITHUB_ACTIONS=true)")
                })?
                .map_err(anyhow::Error::msg)?;
            let token = github_token
                .clone()
                .or_else(|| std::env::var("GITHUB_TOKEN").ok());
            Ok(crate::platform::github::publish(
                &env,
                token,
                &verdict,
                *neutral_on_warnings,
            )?)
        }
        Command::Audit {
            since,
            branch,
            paths,
            format,
            output,
            offline,
            platform,
            repo,
            api_url,
            cache_dir,
            no_cache,
            jobs,
        } => {
            use crate::audit::lookup::{resolve_remote, Cache, RemoteRequest};
            use anyhow::Context as _;
            let dir = working_dir(cli.directory.as_deref())?;
            let git = crate::source::git::Git::discover(&dir)?;
            let origin = git.config("remote.origin.url");
            let request = RemoteRequest {
                offline: *offline,
                platform: *platform,
                project: repo.clone(),
                api_url: api_url.clone(),
            };
            let (remote, notes) =
                match resolve_remote(&request, origin.as_deref(), |k| std::env::var(k).ok()) {
                    Ok(remote) => (Some(remote), Vec::new()),
                    Err(why) => (None, vec![why]),
                };
            let cache_dir = if *no_cache {
                None
            } else {
                cache_dir.clone().or_else(Cache::default_root)
            };
            let commit_url_base =
                crate::audit::lookup::commit_url_base(remote.as_ref(), origin.as_deref());
            let (audit, stats) = crate::audit::audit(
                &git,
                &crate::audit::AuditOptions {
                    branch: branch
                        .clone()
                        .unwrap_or_else(|| crate::audit::history::default_branch(&git)),
                    since: since.clone(),
                    paths: paths.clone(),
                    remote,
                    cache_dir,
                    jobs: usize::from(*jobs),
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
            let mut bytes = Vec::new();
            crate::audit::report::render(&audit, *format, &mut bytes)?;
            match output {
                Some(path) => std::fs::write(path, crate::util::redact::redact_bytes(bytes))
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => std::io::stdout().lock().write_all(&bytes)?,
            }
            Ok(0)
        }
        Command::Schema { audit } => {
            if *audit {
                print!("{}", crate::audit::report::json_schema());
            } else {
                print!("{}", crate::policy::json_schema());
            }
            Ok(0)
        }
        Command::Init { force } => {
            let dir = working_dir(cli.directory.as_deref())?;
            let path = crate::cli::init::init(&dir, *force)?;
            println!(
                "wrote {} — review the tiers, then commit it",
                path.display()
            );
            Ok(0)
        }
        Command::InstallHook {
            pre_commit, force, ..
        } => {
            let dir = working_dir(cli.directory.as_deref())?;
            let hook = if *pre_commit {
                crate::cli::init::Hook::PreCommit
            } else {
                crate::cli::init::Hook::PrePush
            };
            let path = crate::cli::init::install_hook(&dir, hook, *force)?;
            println!("installed {}", path.display());
            Ok(0)
        }
        Command::Explain { rule_id } => {
            let set = configured_rules(cli.directory.as_deref())?;
            match set.get(rule_id) {
                Some(rule) => {
                    crate::report::rules::explain(rule, &mut std::io::stdout().lock())?;
                    Ok(0)
                }
                None => match built_in_finding(rule_id) {
                    Some(row) => {
                        println!("{row}");
                        Ok(0)
                    }
                    None => {
                        anyhow::bail!("no rule `{rule_id}` (see `changegate rules list`)")
                    }
                },
            }
        }
    }
}

fn working_dir(directory: Option<&std::path::Path>) -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    match directory {
        Some(d) => Ok(d.to_path_buf()),
        None => std::env::current_dir().context("cannot read the current directory"),
    }
}

/// Built-in packs plus the custom rule directories of the policy found on disk (for authoring).
/// What a finding of one of changegate's own checks (`docs/missing-section`,
/// `review/approvals-required`, …) means: its row of the table in docs/json-output.md, so
/// `explain` knows every id the tool prints and never says something the docs do not.
fn built_in_finding(id: &str) -> Option<String> {
    const TABLE: &str = include_str!("../../docs/json-output.md");
    let prefix = format!("| `{id}` |");
    let rows: Vec<String> = TABLE
        .lines()
        .filter(|line| line.starts_with(&prefix))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            match cells.as_slice() {
                [name, severity, blocks, when] => format!(
                    "{} — a finding of changegate's own checks\n  severity  {severity}\n  blocks    {blocks}\n  when      {when}",
                    name.trim_matches('`')
                ),
                _ => line.to_owned(),
            }
        })
        .collect();
    (!rows.is_empty()).then(|| rows.join("\n"))
}

fn configured_rules(directory: Option<&std::path::Path>) -> anyhow::Result<crate::rules::RuleSet> {
    use anyhow::Context as _;
    let dir = match directory {
        Some(d) => d.to_path_buf(),
        None => std::env::current_dir().context("cannot read the current directory")?,
    };
    let root = crate::source::git::Git::discover(&dir)
        .map(|g| g.root().to_path_buf())
        .unwrap_or(dir);
    let policy_path = root.join(crate::policy::POLICY_FILE);
    let policy = if policy_path.is_file() {
        let text = std::fs::read_to_string(&policy_path)
            .with_context(|| format!("cannot read {}", policy_path.display()))?;
        crate::policy::Policy::from_yaml(&text, &policy_path.display().to_string())?
    } else {
        crate::policy::Policy::builtin()
    };
    Ok(crate::load_rules(
        &policy,
        &crate::source::base_files::BaseFiles::Disk(root),
    )?)
}

/// Only the rules in the given files or directories.
fn rules_from_paths(paths: &[PathBuf]) -> anyhow::Result<crate::rules::RuleSet> {
    use anyhow::Context as _;
    let mut custom = Vec::new();
    for path in paths {
        if path.is_dir() {
            for (relative, bytes) in crate::source::base_files::files_on_disk(path, "")? {
                let shown = path.join(relative.trim_start_matches('/'));
                let text = String::from_utf8(bytes)
                    .with_context(|| format!("{} is not valid UTF-8", shown.display()))?;
                custom.push((shown.display().to_string(), text));
            }
        } else {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            custom.push((path.display().to_string(), text));
        }
    }
    custom.retain(|(p, _)| p.ends_with(".yml") || p.ends_with(".yaml"));
    custom.sort();
    Ok(crate::rules::RuleSet::load(Some(&[]), &custom, &[])?)
}

fn check(
    args: &CheckArgs,
    color: ColorWhen,
    directory: Option<&std::path::Path>,
) -> anyhow::Result<u8> {
    use anyhow::Context as _;
    let dir = match directory {
        Some(dir) => dir.to_path_buf(),
        None => std::env::current_dir().context("cannot read the current directory")?,
    };
    let source = match &args.diff {
        Some(origin) => {
            let bytes = if origin == "-" {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .context("cannot read the patch from stdin")?;
                bytes
            } else {
                std::fs::read(origin).with_context(|| format!("cannot read the patch {origin}"))?
            };
            SourceSpec::Patch {
                bytes,
                origin: origin.clone(),
                dir: dir.clone(),
            }
        }
        None => SourceSpec::Git(GitRequest {
            dir: dir.clone(),
            base: args.base.clone(),
            head: match (&args.head, args.staged) {
                (Some(rev), _) => HeadSpec::Rev(rev.clone()),
                (None, true) => HeadSpec::Index,
                (None, false) => HeadSpec::WorkingTree,
            },
        }),
    };
    let options = CheckOptions {
        source,
        config: args.config.clone(),
        description_file: args.description_file.clone(),
        limits: Limits {
            max_file_bytes: args.max_file_size,
            ..Limits::default()
        },
        strict: args.strict,
        reviews_file: args.reviews_file.clone(),
        platform_meta: None,
        platform_notes: Vec::new(),
        unverifiable_reviews: None,
        docs_pending: true,
    };
    if args.diff.is_none() && !args.no_platform {
        if let Some(detected) = crate::platform::gitlab::Env::from_env() {
            match detected.map_err(anyhow::Error::msg)? {
                crate::platform::gitlab::Detected::NotMergeRequest => {
                    println!("changegate: not a merge-request pipeline (CI_MERGE_REQUEST_IID is not set); nothing to check.");
                    return Ok(0);
                }
                crate::platform::gitlab::Detected::MergeRequest(env) => {
                    let token = args
                        .gitlab_token
                        .clone()
                        .or_else(|| std::env::var("GITLAB_TOKEN").ok());
                    let outputs = crate::platform::gitlab::Outputs {
                        codequality: args.codequality_output.clone(),
                        status: args.gitlab_status,
                        note: args.gitlab_note,
                    };
                    let (code, verdict) = crate::platform::gitlab::run(
                        &env,
                        token,
                        &dir,
                        &outputs,
                        |source, meta, notes| {
                            let mut platform_options = options.clone();
                            platform_options.source = match source {
                                crate::platform::Judge::Git { base, head } => {
                                    SourceSpec::Git(GitRequest {
                                        dir: dir.clone(),
                                        base: Some(base),
                                        head: HeadSpec::Rev(head),
                                    })
                                }
                                crate::platform::Judge::Api { change, base_files } => {
                                    SourceSpec::Prepared { change, base_files }
                                }
                            };
                            // In CI, reviews that cannot be read fail closed (as on GitHub).
                            if !meta.reviews_known {
                                platform_options.unverifiable_reviews = Some(
                                    "GitLab's merge request approvals were not readable (CI_JOB_TOKEN cannot read them, or the approvals API is unavailable); set GITLAB_TOKEN to a project access token with the read_api scope (api to post statuses and notes)".into(),
                                );
                            }
                            platform_options.platform_meta = Some(meta);
                            platform_options.docs_pending = false;
                            platform_options.platform_notes = notes;
                            crate::check(&platform_options)
                        },
                    )?;
                    if let Some(path) = &args.output {
                        let mut bytes = Vec::new();
                        render(&verdict, args.format, false, &mut bytes)?;
                        std::fs::write(path, crate::util::redact::redact_bytes(bytes))
                            .with_context(|| {
                                format!("cannot write the report to {}", path.display())
                            })?;
                    }
                    return Ok(code);
                }
            }
        }
    }
    if args.diff.is_none() && !args.no_platform {
        if let Some(env) = crate::platform::github::Env::from_env() {
            let env = env.map_err(anyhow::Error::msg)?;
            let token = args
                .github_token
                .clone()
                .or_else(|| std::env::var("GITHUB_TOKEN").ok());
            let ran = crate::platform::github::run(
                &env,
                token,
                &dir,
                args.neutral_on_warnings,
                |source, meta| {
                    let mut platform_options = options.clone();
                    platform_options.source = match source {
                        crate::platform::Judge::Git { base, head } => SourceSpec::Git(GitRequest {
                            dir: dir.clone(),
                            base: Some(base),
                            head: HeadSpec::Rev(head),
                        }),
                        crate::platform::Judge::Api { change, base_files } => {
                            SourceSpec::Prepared { change, base_files }
                        }
                    };
                    platform_options.platform_meta = meta;
                    // In CI the description is the PR's: missing documentation blocks.
                    platform_options.docs_pending = false;
                    crate::check(&platform_options)
                },
            );
            let (code, verdict) = match ran {
                Ok(done) => done,
                Err(e) => {
                    crate::platform::github::report_failure(&env, &e.to_string());
                    return Err(e.into());
                }
            };
            if let (Some(verdict), Some(path)) = (verdict, &args.output) {
                let mut bytes = Vec::new();
                render(&verdict, args.format, false, &mut bytes)?;
                std::fs::write(path, crate::util::redact::redact_bytes(bytes))
                    .with_context(|| format!("cannot write the report to {}", path.display()))?;
            }
            return Ok(code);
        }
    }
    let (verdict, timings) = crate::check_timed(&options)?;
    let render_start = std::time::Instant::now();
    let code = u8::from(verdict.blocked);
    match &args.output {
        Some(path) => {
            let mut bytes = Vec::new();
            render(&verdict, args.format, false, &mut bytes)?;
            std::fs::write(path, crate::util::redact::redact_bytes(bytes))
                .with_context(|| format!("cannot write the report to {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let color = match color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => {
                    anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never
                        && stdout.is_terminal()
                }
            };
            let mut lock = stdout.lock();
            // In a GitHub Actions log, nothing the report quotes from the change may be read as a
            // workflow command (`--no-platform`, `--diff`): commands stop around it.
            let human = matches!(
                args.format,
                crate::report::Format::Text | crate::report::Format::Markdown
            );
            let stop = (human && std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"))
                .then(crate::report::workflow::stop_token);
            let written = (|| {
                if let Some(token) = &stop {
                    writeln!(lock, "::stop-commands::{token}")?;
                }
                let mut bytes = Vec::new();
                render(&verdict, args.format, color, &mut bytes)?;
                lock.write_all(&crate::util::redact::redact_bytes(bytes))?;
                if let Some(token) = &stop {
                    writeln!(lock, "::{token}::")?;
                }
                lock.flush()
            })();
            match written {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.context("cannot write the report")?,
            }
        }
    }
    if args.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "timings: source {:.1} ms, policy+rules {:.1} ms, analysis {:.1} ms ({:.2} MB parsed), facts {:.1} ms, checks {:.1} ms, render {:.1} ms",
            ms(timings.source),
            ms(timings.policy),
            ms(timings.analysis),
            timings.bytes_parsed as f64 / 1e6,
            ms(timings.facts),
            ms(timings.checks),
            ms(render_start.elapsed()),
        );
    }
    Ok(code)
}
