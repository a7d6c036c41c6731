//! The pipeline of one `check`: read the change, load the base's policy and rules, analyse both
//! sides, gather facts, run the checks, apply suppressions, build the verdict.

use crate::model::changeset::ChangeSet;
use crate::policy::{Policy, PolicyError, POLICY_FILE};
use crate::source::base_files::BaseFiles;
use crate::source::git::Snapshot;
use crate::source::{GitRequest, Limits, SourceError};
use crate::verdict::Verdict;
use std::path::{Path, PathBuf};

/// Where the change comes from.
#[derive(Debug, Clone)]
pub enum SourceSpec {
    /// A local repository: base..head, the working tree or the index.
    Git(GitRequest),
    /// A change already read (from a platform API), with the base revision's files.
    Prepared {
        change: Box<ChangeSet>,
        base_files: std::collections::BTreeMap<String, Vec<u8>>,
    },
    /// A unified diff; `dir` is where a `.changegate.yml` is looked for.
    Patch {
        bytes: Vec<u8>,
        origin: String,
        dir: PathBuf,
    },
}

/// Everything `check` needs.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub source: SourceSpec,
    /// An explicit policy file; otherwise the base revision's `.changegate.yml`, else defaults.
    pub config: Option<PathBuf>,
    /// The change description (PR/MR text); otherwise the commit messages.
    pub description_file: Option<PathBuf>,
    pub limits: Limits,
    /// Fail on requirements a local run cannot verify.
    pub strict: bool,
    /// The review state as JSON (`--reviews-file`): reviews become known and are enforced.
    pub reviews_file: Option<PathBuf>,
    /// Metadata from a platform API (PR title, body, reviews, commits), replacing git's.
    pub platform_meta: Option<crate::model::changeset::ChangeMeta>,
    /// What the platform step wants the report to say (a missing token, a Free-tier API).
    pub platform_notes: Vec<String>,
    /// Set by a CI platform whose reviews could not be read: why, and what to grant. Required
    /// approvals then block (fail closed) instead of being reported as unknown.
    pub unverifiable_reviews: Option<String>,
    /// A local `check` without a description file: documentation the commit messages lack is
    /// reported as pending (CI enforces it on the PR description), not as blocking.
    pub docs_pending: bool,
    /// Where `extends:` baselines are read (the CLI passes one that can reach the platform).
    pub baselines: crate::policy::baseline::SharedReader,
}

/// Why a check could not run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Policy(#[from] PolicyError),
    #[error("could not read {what} {}", path.display())]
    Read {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{what} {} is not valid UTF-8", path.display())]
    NotUtf8 { what: &'static str, path: PathBuf },
    #[error(transparent)]
    Rules(#[from] crate::rules::RulesError),
    #[error(transparent)]
    ReviewsFile(#[from] crate::facts::review::reviews_file::ReviewsFileError),
}

/// Wall time of each pipeline stage, for `--timings` (never part of a report: reports are
/// deterministic, timings are not).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading the change: git processes, blobs, hunks.
    pub source: std::time::Duration,
    /// Loading the policy and compiling rules.
    pub policy: std::time::Duration,
    /// Parsing both sides, items, config diffs.
    pub analysis: std::time::Duration,
    /// Gathering facts: CODEOWNERS, templates, fan-in (reads the head), blast radius, reviews.
    pub facts: std::time::Duration,
    /// Running checks (rule queries included) and suppressions.
    pub checks: std::time::Duration,
    /// Bytes of text parsed (both sides).
    pub bytes_parsed: u64,
}

/// Runs the whole pipeline on one change.
pub fn check(options: &CheckOptions) -> Result<Verdict, Error> {
    check_timed(options).map(|(verdict, _)| verdict)
}

/// `check`, also returning how long each stage took.
pub fn check_timed(options: &CheckOptions) -> Result<(Verdict, Timings), Error> {
    let mut timings = Timings::default();
    let mut clock = std::time::Instant::now();
    let mut lap = |slot: &mut std::time::Duration| {
        *slot = clock.elapsed();
        clock = std::time::Instant::now();
    };
    let max = options.limits.max_file_bytes;
    let mut head_git = None;
    let (mut change, base_policy, base_files) = match &options.source {
        SourceSpec::Git(request) => {
            let (change, git) = crate::source::load_git(request, options.limits)?;
            head_git = Some(git.clone());
            let base_sha = change.base.as_ref().and_then(|b| b.sha.clone());
            match (&options.config, base_sha) {
                // The gate judges with the base revision's policy and rules.
                (None, Some(sha)) => {
                    let short = sha[..sha.len().min(12)].to_owned();
                    let policy = git
                        .gate_file_at(&sha, POLICY_FILE, crate::source::base_files::GATE_FILE_MAX)?
                        .map(|bytes| (bytes, format!("{POLICY_FILE} at base {short}")));
                    (change, policy, BaseFiles::Revision(git, sha))
                }
                _ => {
                    let root = git.root().to_path_buf();
                    (change, None, BaseFiles::Disk(root))
                }
            }
        }
        SourceSpec::Prepared { change, base_files } => {
            let policy = base_files
                .get(POLICY_FILE)
                .filter(|_| options.config.is_none())
                .map(|bytes| {
                    (
                        bytes.clone(),
                        format!("{POLICY_FILE} at base (from the API)"),
                    )
                });
            (
                (**change).clone(),
                policy,
                BaseFiles::Memory(base_files.clone()),
            )
        }
        SourceSpec::Patch { bytes, origin, dir } => {
            let change = crate::source::load_patch(bytes, origin)?;
            let disk = BaseFiles::Disk(dir.clone());
            let policy = match options.config {
                None => disk.read_gate(POLICY_FILE)?.map(|bytes| {
                    let at = dir.join(POLICY_FILE);
                    (
                        bytes,
                        format!(
                            "{} (the working copy's, not a base revision's)",
                            at.display()
                        ),
                    )
                }),
                _ => None,
            };
            (change, policy, disk)
        }
    };
    lap(&mut timings.source);
    if let Some(meta) = &options.platform_meta {
        // Commits keep git's trailers and parents when the platform did not list them.
        let commits = std::mem::take(&mut change.meta.commits);
        change.meta = meta.clone();
        if change.meta.commits.is_empty() {
            change.meta.commits = commits;
        }
    }
    let mut notes = std::mem::take(&mut change.notes);
    notes.extend(options.platform_notes.iter().cloned());
    let policy = load_policy(
        options.config.as_deref(),
        base_policy,
        &change,
        &mut notes,
        &options.baselines,
    )?;
    // Built-in queries are compiled only for the languages this change holds.
    let present: std::collections::BTreeSet<crate::model::language::Language> = change
        .files
        .iter()
        .filter_map(crate::analysis::language_of)
        .collect();
    let rules = load_rules(&policy, &base_files, Some(&present))?;
    if change.files.is_empty() && options.docs_pending && options.platform_meta.is_none() {
        notes.extend(first_run_hints(&policy));
    }
    if let Some(path) = &options.reviews_file {
        let text = utf8(read(path, "reviews file")?, path, "reviews file")?;
        crate::facts::review::reviews_file::apply(
            &text,
            &path.display().to_string(),
            &mut change.meta,
        )?;
    }
    let description_path = attach_description(&mut change, options.description_file.as_deref())?;
    crate::analysis::test_modules::mark(&mut change, &|path| base_files.read_text(path, max));
    lap(&mut timings.policy);

    // Query rules run on each file while its trees exist; the trees are then dropped, so peak
    // memory holds the trees of the files in flight, not of the whole change.
    let outcomes: Vec<std::sync::OnceLock<crate::rules::QueryOutcome>> = change
        .files
        .iter()
        .map(|_| std::sync::OnceLock::new())
        .collect();
    let visit = |index: usize,
                 file: &crate::model::changeset::FileChange,
                 analysis: &crate::analysis::FileAnalysis,
                 syntax: &crate::analysis::FileSyntax| {
        let outcome = crate::analysis::guard::run("rule queries", |_| {
            crate::rules::run_file_queries(&rules, file, analysis, syntax)
        })
        .map_err(|e| e.to_string());
        let _ = outcomes[index].set(outcome);
    };
    let analysis = crate::analysis::analyse_streaming(
        &change,
        &policy,
        crate::analysis::DEFAULT_PARSE_BUDGET,
        &visit,
    );
    let outcomes: Vec<crate::rules::QueryOutcome> = outcomes
        .into_iter()
        .map(|o| {
            o.into_inner()
                .unwrap_or_else(|| Err("the analysis did not visit this file".into()))
        })
        .collect();
    lap(&mut timings.analysis);
    timings.bytes_parsed = analysis.syntax.iter().map(|s| s.parsed_bytes).sum();
    // Fan-in reads the repository as the change leaves it: the commit, the index or the files on
    // disk, whichever the change's head is.
    let snapshot = match &options.source {
        SourceSpec::Git(request) => match request.head {
            crate::source::HeadSpec::WorkingTree => Some(Snapshot::WorkTree),
            crate::source::HeadSpec::Index => Some(Snapshot::Index),
            crate::source::HeadSpec::Rev(_) => {
                change.meta.head_sha.as_deref().map(Snapshot::Commit)
            }
        },
        _ => None,
    };
    let head = head_git.as_ref().zip(snapshot);
    let facts = crate::facts::gather(&change, &analysis, &policy, &base_files, head, max)?;
    lap(&mut timings.facts);
    let settings = crate::checks::Settings {
        strict: options.strict,
        description_path,
        unverifiable_reviews: options.unverifiable_reviews.clone(),
        docs_pending: options.docs_pending
            && options.platform_meta.is_none()
            && options.description_file.is_none()
            && !options.strict,
    };
    let cx = crate::checks::CheckContext {
        change: &change,
        analysis: &analysis,
        policy: &policy,
        rules: &rules,
        query_outcomes: Some(&outcomes),
        facts: &facts,
        settings: &settings,
    };
    let findings = crate::checks::run_all(&cx);
    let (findings, suppressions) = crate::verdict::suppress::apply(&change, &analysis, findings);
    let verdict = Verdict::build(
        &change,
        &analysis,
        &policy,
        &facts,
        findings,
        suppressions,
        notes,
    );
    lap(&mut timings.checks);
    Ok((verdict, timings))
}

/// Loads the policy's built-in packs and its custom rule directories.
/// `present`: compile built-in queries only for these languages (`None`: all, for listings,
/// tests and audits that judge many changes with one set).
pub fn load_rules(
    policy: &Policy,
    from: &BaseFiles,
    present: Option<&std::collections::BTreeSet<crate::model::language::Language>>,
) -> Result<crate::rules::RuleSet, Error> {
    let mut custom = Vec::new();
    for dir in &policy.rule_dirs {
        for (path, bytes) in from.list_gate(dir)? {
            if !(path.ends_with(".yml") || path.ends_with(".yaml")) {
                continue;
            }
            let text = utf8(bytes, Path::new(&path), "rule file")?;
            custom.push((path, text));
        }
    }
    custom.sort();
    Ok(crate::rules::RuleSet::load_for(
        policy.rule_packs.as_deref(),
        &custom,
        &policy.rule_disable,
        present,
    )?)
}

/// The policy, by precedence: `--config`, the base revision's file, built-in defaults. The
/// change's own version of the policy never judges the change.
fn load_policy(
    config: Option<&Path>,
    base_policy: Option<(Vec<u8>, String)>,
    change: &ChangeSet,
    notes: &mut Vec<String>,
    baselines: &crate::policy::baseline::SharedReader,
) -> Result<Policy, Error> {
    if let Some(path) = config {
        let bytes = read(path, "policy file")?;
        let text = utf8(bytes, path, "policy file")?;
        let mut policy = Policy::load(&text, &path.display().to_string(), baselines)?;
        policy.file = Some(path.display().to_string());
        return Ok(policy);
    }
    if let Some((bytes, origin)) = base_policy {
        let text = utf8(bytes, Path::new(POLICY_FILE), "policy file")?;
        let mut policy = Policy::load(&text, &origin, baselines)?;
        policy.file = Some(POLICY_FILE.to_owned());
        return Ok(policy);
    }
    if change
        .files
        .iter()
        .any(|f| f.new_path.as_deref() == Some(POLICY_FILE))
    {
        notes.push(format!(
            "this change adds {POLICY_FILE}; it takes effect after merge, so the change is judged by the built-in defaults"
        ));
    }
    Ok(Policy::builtin())
}

/// What a local run with nothing to judge says instead of a bare PASS: what to try, and what
/// the gate requires of a change to each tier of this repository.
fn first_run_hints(policy: &Policy) -> Vec<String> {
    let mut out = vec![
        "nothing to judge: no change between the base and the working tree. Try `changegate check --base HEAD~5` (the last five commits) or `--staged` (what the next commit holds)".to_owned(),
    ];
    for tier in &policy.tiers {
        let r = &tier.require;
        let mut needs = Vec::new();
        if r.approvals > 0 {
            let mut how = Vec::new();
            if r.fresh_approvals {
                how.push("on the latest commit");
            }
            if r.exclude_contributors {
                how.push("not from its contributors");
            }
            if r.require_code_owner {
                how.push("one from a code owner");
            }
            needs.push(format!(
                "{} approval{}{}",
                r.approvals,
                if r.approvals == 1 { "" } else { "s" },
                if how.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", how.join(", "))
                }
            ));
        }
        if !r.docs.is_empty() {
            let headings: Vec<&str> = r
                .docs
                .iter()
                .filter_map(|key| policy.docs.iter().find(|d| &d.key == key))
                .map(|d| d.heading.as_str())
                .collect();
            needs.push(format!("{} in the PR description", headings.join(", ")));
        }
        if r.complete_analysis {
            needs.push("every file it parses fully analysed".into());
        }
        out.push(format!(
            "a change to tier `{}` needs {}",
            tier.name,
            if needs.is_empty() {
                "nothing beyond the rules".to_owned()
            } else {
                needs.join("; ")
            }
        ));
    }
    out
}

/// Sets the description from `file`, or from the commit messages; returns the path findings
/// should point at.
fn attach_description(
    change: &mut ChangeSet,
    file: Option<&Path>,
) -> Result<Option<String>, Error> {
    if let Some(path) = file {
        let text = utf8(read(path, "description file")?, path, "description file")?;
        change.meta.description = Some(text);
        change.meta.description_source = Some(path.display().to_string());
        return Ok(Some(path.display().to_string()));
    }
    if change.meta.description.is_none() && !change.meta.commits.is_empty() {
        let messages: Vec<&str> = change
            .meta
            .commits
            .iter()
            .map(|c| c.message.as_str())
            .collect();
        change.meta.description = Some(messages.join("\n\n"));
        change.meta.description_source = Some(format!(
            "the message{} of {} commit{}",
            if messages.len() == 1 { "" } else { "s" },
            messages.len(),
            if messages.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(None)
}

fn read(path: &Path, what: &'static str) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Read {
        what,
        path: path.to_path_buf(),
        source,
    })
}

fn utf8(bytes: Vec<u8>, path: &Path, what: &'static str) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|_| Error::NotUtf8 {
        what,
        path: path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changeset::{Content, FileChange, FileStatus};

    fn text_file(path: &str, old: &str, new: &str) -> FileChange {
        let mut f = FileChange::new(FileStatus::Modified, Some(path.into()), Some(path.into()));
        f.content = Content::Text;
        f.hunks = crate::source::diff::compute_hunks(old.as_bytes(), new.as_bytes(), 3);
        f.old_text = Some(old.into());
        f.new_text = Some(new.into());
        f
    }

    fn check_prepared(files: Vec<FileChange>) -> Verdict {
        let change = ChangeSet {
            files,
            ..ChangeSet::default()
        };
        check(&CheckOptions {
            source: SourceSpec::Prepared {
                change: Box::new(change),
                base_files: Default::default(),
            },
            config: None,
            description_file: None,
            limits: Limits::default(),
            strict: false,
            reviews_file: None,
            platform_meta: None,
            platform_notes: Vec::new(),
            unverifiable_reviews: None,
            docs_pending: false,
            baselines: Default::default(),
        })
        .expect("a verdict")
    }

    #[test]
    fn a_panic_in_one_files_analysis_is_a_finding_and_the_run_goes_on() {
        crate::analysis::guard::inject::panic_on(Some("deploy/planted-panic.yaml"));
        let verdict = check_prepared(vec![
            text_file("deploy/planted-panic.yaml", "a: 1\n", "a: 2\n"),
            text_file(
                "deploy/pod.yaml",
                "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - securityContext:\n        privileged: false\n",
                "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - securityContext:\n        privileged: true\n",
            ),
        ]);
        crate::analysis::guard::inject::panic_on(None);
        let internal: Vec<&crate::model::Finding> = verdict
            .findings
            .iter()
            .filter(|f| f.rule_id == "analysis/internal-error")
            .collect();
        assert_eq!(internal.len(), 1, "{:#?}", verdict.findings);
        assert_eq!(
            internal[0].path.as_deref(),
            Some("deploy/planted-panic.yaml")
        );
        assert!(internal[0].blocking, "tier-1 fails closed");
        assert!(
            internal[0].message.contains("planted panic"),
            "{}",
            internal[0].message
        );
        // The other file was analysed as usual.
        assert!(verdict
            .findings
            .iter()
            .any(|f| f.rule_id == "k8s/privileged"));
        assert!(verdict.blocked);
    }
}
