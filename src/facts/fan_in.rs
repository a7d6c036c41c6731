//! Fan-in of the changed functions: references to them in the version of the repository the
//! change leads to, searched near the change first.
//!
//! The work follows the change, not the repository: names are looked up with `git grep -wF` (git's
//! own index and threads), only files that mention one are read and parsed, and counting stops
//! once the references reach `fanin::SATURATION`, where the score can no longer grow. Files are
//! taken in rings — the change's own files, then the directories holding them, then the whole
//! repository — so a function used near its definition is settled without a repository-wide
//! search. Every step is in a fixed order, so the counts are the same on every machine.

use crate::analysis::fanin::{self, FanIn};
use crate::analysis::syntax::items::ItemChange;
use crate::analysis::syntax::Language;
use crate::analysis::Analysis;
use crate::model::changeset::ChangeSet;
use crate::source::git::{Git, Snapshot};
use crate::source::SourceError;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many changed functions have their references counted.
const MAX_NAMES: usize = 200;

/// Files read from git at once.
const READ_BATCH: usize = 32;

/// References at `at` to the functions the change modified, removed or renamed; `None` when it
/// changed none.
pub(super) fn count(
    change: &ChangeSet,
    analysis: &Analysis,
    git: &Git,
    at: Snapshot<'_>,
) -> Result<Option<FanIn>, SourceError> {
    let names = names_of(analysis);
    if names.is_empty() {
        return Ok(None);
    }
    let languages: BTreeSet<Language> = names.keys().copied().collect();
    let of_languages =
        |path: &str| Language::detect(path, None).is_some_and(|l| languages.contains(&l));
    let mut fan_in = FanIn::new(&names);

    // Ring 0: the change's own new versions, as the change holds them.
    let mut own: Vec<(&str, &str)> = change
        .files
        .iter()
        .filter_map(|f| Some((f.new_path.as_deref()?, f.new_text.as_deref()?)))
        .filter(|(path, _)| of_languages(path))
        .collect();
    own.sort();
    fan_in.add(&names, &own, &known_of(change, analysis));

    // Then the rest of the repository, nearest first.
    let changed: BTreeSet<&str> = change.files.iter().flat_map(|f| f.paths()).collect();
    let words: Vec<&str> = names.values().flatten().map(String::as_str).collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut bytes_left = fanin::MAX_BYTES;
    for pathspecs in rings(change, &languages) {
        if fan_in.saturated || fan_in.truncated {
            break;
        }
        let fresh =
            |p: &String| of_languages(p) && !changed.contains(p.as_str()) && !seen.contains(p);
        let candidates: Vec<String> = match git.files_mentioning(at, &words, &pathspecs) {
            Some(found) => found.into_iter().filter(fresh).collect(),
            // git grep could not answer: every file of the languages is a candidate (the text
            // prefilter still skips most of them before parsing).
            None => git
                .paths_in(at, |p| of_languages(p))?
                .into_iter()
                .filter(fresh)
                .collect(),
        };
        seen.extend(candidates.iter().cloned());
        for batch in candidates.chunks(READ_BATCH) {
            let room = fanin::MAX_FILES.saturating_sub(fan_in.files_scanned);
            if fan_in.saturated || room == 0 {
                fan_in.truncated |= room == 0 && !fan_in.saturated;
                break;
            }
            let (texts, cut) = git.texts_in(at, &batch[..batch.len().min(room)], bytes_left)?;
            bytes_left -= texts.iter().map(|(_, t)| t.len() as u64).sum::<u64>();
            fan_in.add(&names, &texts, &BTreeMap::new());
            if cut && !fan_in.saturated {
                fan_in.truncated = true;
                break;
            }
        }
    }
    Ok(Some(fan_in))
}

/// The short names of the functions whose callers the change affects, by language: modified,
/// removed or renamed functions (their old name), strictest tiers first, then by name.
fn names_of(analysis: &Analysis) -> BTreeMap<Language, BTreeSet<String>> {
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
    // A deterministic cut when there are too many.
    candidates
        .sort_by(|a, b| (a.0.unwrap_or(usize::MAX), &a.2).cmp(&(b.0.unwrap_or(usize::MAX), &b.2)));
    candidates.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
    let mut names: BTreeMap<Language, BTreeSet<String>> = BTreeMap::new();
    for (_, language, name) in candidates.into_iter().take(MAX_NAMES) {
        names.entry(language).or_default().insert(name);
    }
    names
}

/// The trees the analysis still holds of the change's own files (none once it dropped them; the
/// files are then parsed again, which saturation keeps to a few).
fn known_of<'a>(
    change: &'a ChangeSet,
    analysis: &'a Analysis,
) -> BTreeMap<&'a str, &'a tree_sitter::Tree> {
    change
        .files
        .iter()
        .zip(&analysis.syntax)
        .filter_map(|(f, s)| Some((f.new_path.as_deref()?, s.new_tree.as_ref()?)))
        .collect()
}

/// Where to search, nearest first, as git pathspecs: the directories that hold the change's
/// files of these languages (each with everything below it), then the whole repository.
fn rings(change: &ChangeSet, languages: &BTreeSet<Language>) -> Vec<Vec<String>> {
    let extensions: Vec<&str> = languages.iter().flat_map(|l| l.extensions()).collect();
    let specs = |dir: &str| -> Vec<String> {
        extensions
            .iter()
            .map(|ext| match dir {
                "" => format!(":(icase)*.{ext}"),
                dir => format!(":(icase){}/*.{ext}", escape_glob(dir)),
            })
            .collect()
    };
    let dirs: BTreeSet<&str> = change
        .files
        .iter()
        .flat_map(|f| f.paths())
        .filter(|p| Language::detect(p, None).is_some_and(|l| languages.contains(&l)))
        .map(|p| p.rsplit_once('/').map_or("", |(dir, _)| dir))
        .collect();
    let mut rings = Vec::new();
    if !dirs.contains("") {
        rings.push(dirs.iter().flat_map(|d| specs(d)).collect());
    }
    rings.push(specs(""));
    rings
}

/// A directory name as a pathspec matches it literally: git's wildcards and the escape itself
/// are escaped (a directory named `*` or `[ab]` means itself, never every directory).
fn escape_glob(dir: &str) -> String {
    let mut out = String::with_capacity(dir.len());
    for c in dir.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changeset::{FileChange, FileStatus};

    #[test]
    fn wildcards_in_directory_names_are_literal() {
        assert_eq!(escape_glob("src/[ab]/*x?\\"), "src/\\[ab\\]/\\*x\\?\\\\");
        assert_eq!(escape_glob("crates/ide/src"), "crates/ide/src");
    }

    #[test]
    fn rings_go_from_the_change_outwards() {
        let file = |path: &str| {
            FileChange::new(FileStatus::Modified, Some(path.into()), Some(path.into()))
        };
        let change = ChangeSet {
            files: vec![
                file("crates/ide/src/a.rs"),
                file("crates/hir/b.rs"),
                file("README.md"),
            ],
            ..ChangeSet::default()
        };
        let rust = BTreeSet::from([Language::Rust]);
        assert_eq!(
            rings(&change, &rust),
            vec![
                vec![
                    ":(icase)crates/hir/*.rs".to_owned(),
                    ":(icase)crates/ide/src/*.rs".to_owned()
                ],
                vec![":(icase)*.rs".to_owned()],
            ]
        );
        // A file at the top: the first ring is the whole repository.
        let top = ChangeSet {
            files: vec![file("build.rs")],
            ..ChangeSet::default()
        };
        assert_eq!(rings(&top, &rust), vec![vec![":(icase)*.rs".to_owned()]]);
    }
}
