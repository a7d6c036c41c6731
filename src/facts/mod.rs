//! Facts the checks share, gathered once per run after analysis: AI-assisted signals, the
//! CODEOWNERS and PR templates of the base revision, the fan-in of changed functions, the blast
//! radius, the combined review requirement, and — when reviews are known — what they give.

pub mod blast;
pub mod review;
use crate::analysis::fanin::{self, FanIn};
use crate::analysis::syntax::items::ItemChange;
use crate::analysis::syntax::Language;
use crate::analysis::Analysis;
use crate::facts::review::ai::{self, AiSignal};
use crate::facts::review::codeowners::{self, CodeOwners};
use crate::facts::review::{evaluate, requirement, Requirement, ReviewState};
use crate::model::changeset::ChangeSet;
use crate::policy::Policy;
use crate::source::base_files::BaseFiles;
use crate::source::git::Git;
use crate::source::SourceError;
use blast::BlastRadius;
use std::collections::{BTreeMap, BTreeSet};

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

/// At most this many changed functions have their references counted.
const MAX_FAN_IN_NAMES: usize = 200;

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

/// Gathers the facts. `head` (a repository and its head commit) enables fan-in.
pub fn gather(
    change: &ChangeSet,
    analysis: &Analysis,
    policy: &Policy,
    base: &BaseFiles,
    head: Option<(&Git, &str)>,
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
        Some((git, sha)) => fan_in(change, analysis, git, sha)?,
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

/// References at the head to the functions the change modified, removed or renamed.
fn fan_in(
    change: &ChangeSet,
    analysis: &Analysis,
    git: &Git,
    head_sha: &str,
) -> Result<Option<FanIn>, SourceError> {
    let mut names: BTreeMap<Language, BTreeSet<String>> = BTreeMap::new();
    let mut candidates: Vec<(Option<usize>, Language, String)> = Vec::new();
    for file in &analysis.files {
        let Some(language) = file.language.filter(|l| !l.is_config()) else {
            continue;
        };
        for item in &file.items {
            let counted = matches!(
                item.change,
                ItemChange::Modified | ItemChange::Removed | ItemChange::Renamed
            );
            if !counted || !matches!(item.kind.as_str(), "fn" | "function" | "method") {
                continue;
            }
            let name = item.old_name.as_deref().unwrap_or(&item.name);
            let short = name.rsplit([':', '.']).next().unwrap_or(name);
            if fanin::countable(short) {
                candidates.push((file.tier_index, language, short.to_owned()));
            }
        }
    }
    if candidates.is_empty() {
        return Ok(None);
    }
    // Strictest tiers first, then by name: a deterministic cut when there are too many.
    candidates
        .sort_by(|a, b| (a.0.unwrap_or(usize::MAX), &a.2).cmp(&(b.0.unwrap_or(usize::MAX), &b.2)));
    candidates.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
    for (_, language, name) in candidates.into_iter().take(MAX_FAN_IN_NAMES) {
        names.entry(language).or_default().insert(name);
    }
    let languages: BTreeSet<Language> = names.keys().copied().collect();
    let keep = |path: &str| Language::detect(path, None).is_some_and(|l| languages.contains(&l));
    // The change's own files come from the change set; only the others are read from git.
    let changed: BTreeSet<&str> = change.files.iter().flat_map(|f| f.paths()).collect();
    // Only files that mention a name at all are read and parsed (git grep, in git's own
    // threads); without git grep, every file of the languages.
    let words: Vec<&str> = names.values().flatten().map(String::as_str).collect();
    let extensions: Vec<&str> = languages.iter().flat_map(|l| l.extensions()).collect();
    let unchanged = |p: &str| keep(p) && !changed.contains(p);
    let (mut files, truncated) = match git.files_mentioning(head_sha, &words, &extensions) {
        Some(mentioning) => git.texts_of(
            head_sha,
            mentioning.into_iter().filter(|p| unchanged(p)).collect(),
            fanin::MAX_FILES,
            fanin::MAX_BYTES,
        )?,
        None => git.texts_at(head_sha, unchanged, fanin::MAX_FILES, fanin::MAX_BYTES)?,
    };
    // The head commit plus the change's own versions (a working tree or index differs from it).
    let mut by_path: BTreeMap<String, String> = files.drain(..).collect();
    for file in &change.files {
        if let Some(old) = file.old_path.as_deref().filter(|_| file.new_path.is_none()) {
            by_path.remove(old);
        }
        if let (Some(path), Some(text)) = (file.new_path.as_deref(), file.new_text.as_deref()) {
            if keep(path) {
                by_path.insert(path.to_owned(), text.to_owned());
            }
        }
    }
    let files: Vec<(String, String)> = by_path.into_iter().collect();
    // The change's files were parsed by the analysis already: reuse what it kept.
    let known: BTreeMap<&str, fanin::Known<'_>> = change
        .files
        .iter()
        .zip(&analysis.syntax)
        .filter_map(|(f, s)| {
            let known = match (&s.new_tree, &s.kept) {
                (Some(tree), _) => fanin::Known::Tree(tree),
                (None, Some(kept)) => fanin::Known::Counts(kept.identifiers.as_ref()?),
                (None, None) => return None,
            };
            Some((f.new_path.as_deref()?, known))
        })
        .collect();
    let mut result = fanin::count(&names, &files, &known);
    result.truncated |= truncated;
    Ok(Some(result))
}
