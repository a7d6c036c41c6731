//! The command line: clap definitions, dispatch, and the mapping of outcomes to exit codes.
//! Kept here (not in main.rs) so tests can run the CLI in-process.

mod audit;
mod check;
mod fleet;
pub mod init;
mod policy_test;
mod publish;
mod rules;
mod verify;
use crate::report::Format;
use crate::source::Limits;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  pass: nothing blocks the change
  1  blocked by policy
  2  usage, configuration or runtime error (the gate fails closed)";

const VERIFY_EXIT_CODES: &str = "\
Exit codes:
  0  verified: reached the branch through a change that satisfied its policy
  1  rejected: not on the branch, a direct push, or the change broke its policy
  2  cannot tell (reviews unknown or unverified), or an error: do not deploy";

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
    Publish(PublishArgs),
    /// Audit the changes that reached tier-1 paths on a branch: reviews from the GitHub/GitLab
    /// API when a token is set (cached on disk), else from git alone.
    Audit(Box<audit::AuditArgs>),
    /// For deployment pipelines: did the commit reach the branch through a merged PR/MR that
    /// satisfied the policy of its base? JSON verdict (and an in-toto statement).
    #[command(after_help = VERIFY_EXIT_CODES)]
    Verify(Box<verify::VerifyArgs>),
    /// Many systems: the inventory (systems.yml) as the CI engine's job matrix.
    #[command(subcommand)]
    Fleet(fleet::FleetCommand),
    /// Inspect the policy: the effective values and where each came from.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Print the JSON Schema of .changegate.yml (for editor completion).
    Schema {
        /// The schema of `audit --format json` instead.
        #[arg(long, conflicts_with_all = ["systems", "org_audit"])]
        audit: bool,
        /// The schema of the systems inventory (systems.yml) instead.
        #[arg(long, conflicts_with = "org_audit")]
        systems: bool,
        /// The schema of `audit merge --format json` instead.
        #[arg(long)]
        org_audit: bool,
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

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// The effective policy (its baseline applied), one value per line with its origin:
    /// FILE:LINE, BASELINE:LINE, `default` or `built-in`. Reads .changegate.yml in the work tree
    /// (the file being edited), else the built-in defaults.
    Show {
        /// Policy file instead of the work tree's .changegate.yml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Run declarative policy tests: fixture changes (files before/after, description,
    /// approvals) with the verdict, findings and tiers the policy must give them; each is judged
    /// by the real gate in a throwaway repository. Exit 1 if any test fails.
    Test {
        /// Test files (YAML, `tests:` list; see docs/policy.md).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Policy file under test instead of the work tree's .changegate.yml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
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

/// `changegate publish`: a verdict from an earlier job, posted to GitHub.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The report written by `changegate check --format json -o FILE`.
    report: PathBuf,
    /// GitHub token (default: $GITHUB_TOKEN). Never printed.
    #[arg(long, value_name = "TOKEN")]
    github_token: Option<String>,
    /// Conclude `neutral` (not `success`) when there are warnings.
    #[arg(long)]
    neutral_on_warnings: bool,
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
    let directory = cli.directory.as_deref();
    match &cli.command {
        Command::Check(args) => check::run(args, cli.color, directory),
        Command::Rules(RulesCommand::List) => rules::list(directory),
        Command::Rules(RulesCommand::Test { paths }) => rules::test(directory, paths),
        Command::Explain { rule_id } => rules::explain(directory, rule_id),
        Command::Policy(PolicyCommand::Show { config }) => {
            print!(
                "{}",
                rules::effective_policy(directory, config.as_deref())?.show()
            );
            Ok(0)
        }
        Command::Policy(PolicyCommand::Test { files, config }) => {
            policy_test::run(directory, config.as_deref(), files)
        }
        Command::Publish(args) => publish::run(args),
        Command::Audit(args) => audit::run(args, directory),
        Command::Verify(args) => verify::run(args, directory),
        Command::Schema {
            audit,
            systems,
            org_audit,
        } => {
            let schema = if *audit {
                crate::audit::report::json_schema()
            } else if *systems {
                crate::fleet::systems::json_schema()
            } else if *org_audit {
                crate::fleet::merge::json_schema()
            } else {
                crate::policy::json_schema()
            };
            print!("{schema}");
            Ok(0)
        }
        Command::Fleet(command) => fleet::run(command),
        Command::Init { force } => {
            let path = init::init(&working_dir(directory)?, *force)?;
            println!(
                "wrote {} — review the tiers, then commit it",
                path.display()
            );
            Ok(0)
        }
        Command::InstallHook {
            pre_commit, force, ..
        } => {
            let hook = if *pre_commit {
                init::Hook::PreCommit
            } else {
                init::Hook::PrePush
            };
            let path = init::install_hook(&working_dir(directory)?, hook, *force)?;
            println!("installed {}", path.display());
            Ok(0)
        }
    }
}

/// `-C DIR`, else the current directory.
fn working_dir(directory: Option<&std::path::Path>) -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    match directory {
        Some(d) => Ok(d.to_path_buf()),
        None => std::env::current_dir().context("cannot read the current directory"),
    }
}
