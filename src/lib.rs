//! changegate: a deterministic change-safety gate.
//!
//! # A tour
//!
//! One change goes through one pipeline ([`check`], in `pipeline.rs`), the same for a local
//! dry-run, a GitHub Actions step and a GitLab CI job. Each stage is a folder; a stage uses only
//! the stages before it and the models (`tests/architecture.rs` fails on a cycle or an upward
//! reference):
//!
//! 1. [`source`] reads the change into a [`model::changeset::ChangeSet`]: both sides of every
//!    file, hunks, commits, from git (`from_git`, over the [`source::git::Git`] handle), a
//!    unified diff (`patch`), or what a platform API returned. It also reads the base revision's
//!    gate files (`base_files`): the policy, rules, CODEOWNERS and templates of the **base**
//!    judge the change, never the change's own.
//! 2. [`policy`] and [`rules`] are loaded from the base: YAML with every problem reported at once
//!    at its line (`policy::spans`, `policy::read`).
//! 3. [`analysis`] parses both sides with tree-sitter (`analysis::syntax`): which items and
//!    config keys changed, which tier each file is in, what could not be analysed (it fails
//!    closed in the first tier). `analysis::fanin` finds callers of changed items in the head.
//! 4. [`facts`] gathers what several checks share: AI provenance, CODEOWNERS, templates, the
//!    blast radius (`facts::blast`), the combined review requirement and what the reviews give
//!    (`facts::review`). Decisions use typed facts, never display text.
//! 5. [`checks`] turn analysis and facts into [`model::Finding`]s (docs, reviews, AI, blast,
//!    risky patterns, self-protection, coverage): one registry, one `Finding` model.
//! 6. [`verdict`] applies suppressions (written in the base) and judges: sorted, deduplicated,
//!    blocked or not — the only thing that decides the exit code.
//! 7. [`report`] renders a verdict: text, JSON, SARIF, Code Quality, Markdown. Pure functions;
//!    every format tells the same story (`tests/renderers.rs` shows each one).
//!
//! Around the pipeline: [`platform`] has one driver per CI platform behind the `Platform` trait
//! (read the change and reviews, publish the verdict); [`audit`] judges a branch's history with
//! the same checks; [`cli`] is one file per subcommand. [`util`] holds stage-free helpers.
//! Only `source`, `analysis::fanin` (reading the head through git) and the platform drivers
//! touch anything outside memory; everything else is a pure function of its inputs, which is
//! what makes the same change give byte-identical reports everywhere.

pub mod analysis;
pub mod audit;
pub mod checks;
pub mod cli;
pub mod facts;
pub mod fleet;
#[doc(hidden)]
pub mod fuzzing;
pub mod model;
mod pipeline;
pub mod platform;
pub mod policy;
pub mod report;
pub mod rules;
pub mod source;
pub mod util;
pub mod verdict;

pub use pipeline::{check, check_timed, load_rules, CheckOptions, Error, SourceSpec, Timings};
