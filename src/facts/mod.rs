//! Facts the checks share, gathered once per run after analysis: AI-assisted signals, the
//! CODEOWNERS and PR templates of the base revision, the fan-in of changed functions, the blast
//! radius, the combined review requirement, and — when reviews are known — what they give.

pub mod blast;
mod fan_in;
pub mod review;
use crate::analysis::Analysis;
use crate::facts::review::ai::{self, AiSignal};
use crate::facts::review::codeowners::{self, CodeOwners};
use crate::facts::review::{evaluate, requirement, Requirement, ReviewState};
use crate::model::changeset::ChangeSet;
use crate::policy::Policy;
use crate::source::base_files::BaseFiles;
use crate::source::git::{Git, Snapshot};
use crate::source::SourceError;
use blast::BlastRadius;

/// Where PR/MR description templates live; sections left as in a template count as empty.
pub const TEMPLATE_FILES: [&str; 5] = [
    ".github/pull_request_template.md",
    ".github/PULL_REQUEST_TEMPLATE.md",
    "pull_request_template.md",
    "PULL_REQUEST_TEMPLATE.md",
    "docs/pull_request_template.md",
];
pub const TEMPLATE_DIRS: [&str; 2] = [
    ".github/PULL_REQUEST_TEMPLATE",
    ".gitlab/merge_request_templates",
];

/// Everything gathered.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub ai_signals: Vec<AiSignal>,
    /// Why the change is automation's (a dependency bot's), if it is.
    pub automation: Option<String>,
    pub codeowners: Option<CodeOwners>,
    /// `(path, text)` of the repository's description templates.
    pub templates: Vec<(String, String)>,
    pub blast: BlastRadius,
    pub requirement: Requirement,
    /// `Some` when reviews are known (platform or `--reviews-file`).
    pub review_state: Option<ReviewState>,
}

/// Gathers the facts. `head` (a repository and the version of its files the change leads to)
/// enables fan-in.
pub fn gather(
    change: &ChangeSet,
    analysis: &Analysis,
    policy: &Policy,
    base: &BaseFiles,
    head: Option<(&Git, Snapshot<'_>)>,
    max_bytes: u64,
) -> Result<Facts, SourceError> {
    let ai_signals = ai::detect(&policy.ai, &change.meta);
    let automation = crate::facts::review::automation::detect(&policy.automation, &change.meta);
    let mut codeowners = None;
    for path in codeowners::LOCATIONS {
        if let Some(bytes) = base.read(path, max_bytes)? {
            codeowners = Some(CodeOwners::parse(path, &String::from_utf8_lossy(&bytes)));
            break;
        }
    }
    let mut templates = Vec::new();
    for path in TEMPLATE_FILES {
        if let Some(bytes) = base.read(path, max_bytes)? {
            templates.push((
                path.to_owned(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
    for dir in TEMPLATE_DIRS {
        for (path, bytes) in base.list(dir, max_bytes)? {
            if path.to_lowercase().ends_with(".md") {
                templates.push((path, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    let fan_in = match head.filter(|_| policy.blast.fan_in) {
        Some((git, at)) => fan_in::count(change, analysis, git, at)?,
        None => None,
    };
    let mut blast = blast::compute(analysis, fan_in.as_ref());
    if blast.note.is_none() {
        if !policy.blast.fan_in {
            blast.note =
                Some("fan-in not computed: switched off (blast_radius.fan_in: false)".into());
        } else if head.is_none() {
            blast.note = Some("fan-in not computed: no repository (a patch)".into());
        }
    }
    let requirement = requirement(
        policy,
        analysis,
        !ai_signals.is_empty(),
        blast.score,
        codeowners.as_ref(),
    );
    let review_state = change
        .meta
        .reviews_known
        .then(|| evaluate(&change.meta, policy, &requirement));
    Ok(Facts {
        ai_signals,
        automation,
        codeowners,
        templates,
        blast,
        requirement,
        review_state,
    })
}
