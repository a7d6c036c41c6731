//! `changegate check`: builds the pipeline's options from the command line, then judges the
//! change locally or through the CI platform it runs on — the same pipeline either way.

use super::{CheckArgs, ColorWhen};
use crate::platform::{Judge, Platform, Reading};
use crate::report::render;
use crate::source::{GitRequest, HeadSpec, Limits};
use crate::verdict::Verdict;
use crate::{CheckOptions, SourceSpec};
use anyhow::Context as _;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

pub fn run(args: &CheckArgs, color: ColorWhen, directory: Option<&Path>) -> anyhow::Result<u8> {
    let dir = super::working_dir(directory)?;
    let options = options(args, &dir)?;
    if args.diff.is_none() && !args.no_platform {
        if let Some(driver) = crate::platform::detect(&platform_settings(args)) {
            return on_platform(driver?, options, &dir, args);
        }
    }
    local(args, color, &options)
}

/// The pipeline's options for a local run; a platform adjusts them with what it read.
fn options(args: &CheckArgs, dir: &Path) -> anyhow::Result<CheckOptions> {
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
                dir: dir.to_path_buf(),
            }
        }
        None => SourceSpec::Git(GitRequest {
            dir: dir.to_path_buf(),
            base: args.base.clone(),
            head: match (&args.head, args.staged) {
                (Some(rev), _) => HeadSpec::Rev(rev.clone()),
                (None, true) => HeadSpec::Index,
                (None, false) => HeadSpec::WorkingTree,
            },
        }),
    };
    Ok(CheckOptions {
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
        baselines: crate::policy::baseline::SharedReader(std::sync::Arc::new(
            crate::platform::baseline::Baselines::from_env(),
        )),
    })
}

fn platform_settings(args: &CheckArgs) -> crate::platform::Settings {
    crate::platform::Settings {
        github_token: args.github_token.clone(),
        gitlab_token: args.gitlab_token.clone(),
        neutral_on_warnings: args.neutral_on_warnings,
        codequality_output: args.codequality_output.clone(),
        gitlab_status: args.gitlab_status,
        gitlab_note: args.gitlab_note,
    }
}

/// Read through the platform, judge, publish; any failure is also shown where the platform
/// shows things (the gate fails closed).
fn on_platform(
    mut driver: Box<dyn Platform>,
    options: CheckOptions,
    dir: &Path,
    args: &CheckArgs,
) -> anyhow::Result<u8> {
    let outcome = (|| -> anyhow::Result<u8> {
        let Some(reading) = driver.read(dir)? else {
            return Ok(0);
        };
        let verdict = crate::check(&with_reading(options, reading, dir))?;
        let code = driver.publish(&verdict)?;
        if let Some(path) = &args.output {
            write_report(&verdict, args, path)?;
        }
        Ok(code)
    })();
    if let Err(e) = &outcome {
        driver.report_failure(&e.to_string());
    }
    outcome
}

/// What the platform read replaces what a local run would assume.
fn with_reading(mut options: CheckOptions, reading: Reading, dir: &Path) -> CheckOptions {
    options.source = match reading.source {
        Judge::Git { base, head } => SourceSpec::Git(GitRequest {
            dir: dir.to_path_buf(),
            base: Some(base),
            head: HeadSpec::Rev(head),
        }),
        Judge::Api { change, base_files } => SourceSpec::Prepared { change, base_files },
    };
    options.platform_meta = reading.meta;
    options.platform_notes = reading.notes;
    options.unverifiable_reviews = reading.unverifiable_reviews;
    // In CI the description is the PR's/MR's: missing documentation blocks.
    options.docs_pending = false;
    options
}

fn write_report(verdict: &Verdict, args: &CheckArgs, path: &Path) -> anyhow::Result<()> {
    let mut bytes = Vec::new();
    render(verdict, args.format, false, &mut bytes)?;
    std::fs::write(path, crate::util::redact::redact_bytes(bytes))
        .with_context(|| format!("cannot write the report to {}", path.display()))
}

/// A local run: judge, print (or write) the report, optionally the timings.
fn local(args: &CheckArgs, color: ColorWhen, options: &CheckOptions) -> anyhow::Result<u8> {
    let (verdict, timings) = crate::check_timed(options)?;
    let render_start = std::time::Instant::now();
    let code = u8::from(verdict.blocked);
    match &args.output {
        Some(path) => write_report(&verdict, args, path)?,
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
