//! Per-file facts the checks share: tier (by every path the file had), whether it is one of the
//! gate's own files, the language, the syntax trees of both sides, the items a change touched,
//! the config keys it changed, and what could not be analysed.
//!
//! Files are analysed in parallel (rayon); results keep the change set's order, so the output
//! does not depend on scheduling.

pub mod coverage;
pub mod fanin;
pub mod guard;
mod relocate;
pub mod syntax;
pub mod test_modules;

use crate::analysis::syntax::config::{self, ConfigChange};
use crate::analysis::syntax::items::{changed_items, items, ChangedItem, Side};
use crate::analysis::syntax::{parse, testcode, Language, ParseBudget};
use crate::model::changeset::{ChangeSet, Content, FileChange, FileStatus, LineKind};
use crate::policy::Policy;
use coverage::{Coverage, Reason};
use rayon::prelude::*;
use serde::Serialize;
use tree_sitter::Tree;

/// The work one side of one file may take to parse (deterministic: see `syntax::parse`).
pub const DEFAULT_PARSE_BUDGET: ParseBudget = ParseBudget::DEFAULT;

/// What the analysis learned about one file (serialised into the JSON report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FileAnalysis {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    pub status: FileStatus,
    /// Tier name, if any tier claims the file.
    pub tier: Option<String>,
    /// Index of the tier in the policy (0 = strictest); not serialised.
    #[serde(skip)]
    pub tier_index: Option<usize>,
    /// The policy file or a custom rule.
    pub gate_file: bool,
    /// Symlinks in the repository that lead to this file (their tiers count too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked_from: Vec<String>,
    pub content: Content,
    pub language: Option<Language>,
    pub added: usize,
    pub removed: usize,
    /// Items the change touched, by line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ChangedItem>,
    /// Config keys the change touched, by path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub config_changes: Vec<ConfigChangeView>,
    /// What could not be analysed, and why (`files[].analysis` in JSON).
    #[serde(rename = "analysis", default)]
    pub coverage: Coverage,
}

/// A config change as reported: texts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ConfigChangeView {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// New-side line (old-side for a removal).
    pub line: u32,
}

impl From<&ConfigChange> for ConfigChangeView {
    fn from(c: &ConfigChange) -> Self {
        let show = |e: &Option<config::Entry>| {
            e.as_ref()
                .map(|e| e.text.clone().unwrap_or_else(|| format!("<{}>", e.kind)))
        };
        ConfigChangeView {
            key: c.path.clone(),
            before: show(&c.before),
            after: show(&c.after),
            line: c.after.as_ref().or(c.before.as_ref()).map_or(0, |e| e.line),
        }
    }
}

/// Syntax trees and derived data the rule engine needs; not part of any report.
#[derive(Default)]
pub struct FileSyntax {
    pub language: Option<Language>,
    pub old_tree: Option<Tree>,
    pub new_tree: Option<Tree>,
    /// Config key-path changes (with entries, for transition rules).
    pub config_changes: Vec<ConfigChange>,
    /// Test-code line ranges on the new side; `whole_file_is_test` covers path conventions.
    pub test_ranges: Vec<(u32, u32)>,
    pub whole_file_is_test: bool,
    /// New-side added lines, sorted.
    pub added_lines: Vec<u32>,
    /// Old-side removed lines, sorted.
    pub removed_lines: Vec<u32>,
    /// Bytes of text parsed (both sides), for `--timings`.
    pub parsed_bytes: u64,
    /// What later stages need from the new tree once the trees are dropped (`compact`).
    pub kept: Option<KeptFromTree>,
}

/// The little the stages after the analysis read from a file's new tree, kept so that trees can
/// be dropped as soon as a file is done (they are most of a large change's memory).
#[derive(Debug, Default, Clone)]
pub struct KeptFromTree {
    /// Byte ranges of comment nodes, when the new text holds a suppression marker.
    pub comments: Option<Vec<(usize, usize)>>,
}

impl FileSyntax {
    /// Drops both trees, keeping what suppressions read from the new one.
    pub fn compact(&mut self, file: &FileChange) {
        let (Some(tree), Some(text)) = (self.new_tree.take(), file.new_text.as_deref()) else {
            self.old_tree = None;
            return;
        };
        self.old_tree = None;
        // Fan-in does not need the tree kept: it parses again the few files of the change that
        // mention a changed function, and only until its count saturates.
        self.kept = Some(KeptFromTree {
            comments: text
                .contains(crate::model::finding::SUPPRESSION_MARKER)
                .then(|| comment_ranges(&tree)),
        });
    }

    /// Comment byte ranges of the new side, when it was parsed.
    pub fn comments(&self) -> Option<Vec<(usize, usize)>> {
        match (&self.new_tree, &self.kept) {
            (Some(tree), _) => Some(comment_ranges(tree)),
            (None, Some(kept)) => kept.comments.clone(),
            (None, None) => None,
        }
    }

    /// Whether `line` (new side) is test code.
    pub fn is_test_line(&self, line: u32) -> bool {
        self.whole_file_is_test
            || self
                .test_ranges
                .iter()
                .any(|&(s, e)| s <= line && line <= e)
    }

    /// Whether any line in `start..=end` was added.
    pub fn touches_added(&self, start: u32, end: u32) -> bool {
        touches(&self.added_lines, start, end)
    }

    /// Whether any old-side line in `start..=end` was removed.
    pub fn touches_removed(&self, start: u32, end: u32) -> bool {
        touches(&self.removed_lines, start, end)
    }
}

fn touches(sorted: &[u32], start: u32, end: u32) -> bool {
    let from = sorted.partition_point(|&l| l < start);
    sorted.get(from).is_some_and(|&l| l <= end)
}

/// Analysis of a whole change.
#[derive(Default)]
pub struct Analysis {
    /// One entry per changed file, in the change set's order.
    pub files: Vec<FileAnalysis>,
    /// Syntax per file, same order as `files`.
    pub syntax: Vec<FileSyntax>,
}

impl Analysis {
    /// Indexes of every tier touched, strictest first.
    pub fn tiers_touched(&self) -> Vec<usize> {
        let mut tiers: Vec<usize> = self.files.iter().filter_map(|f| f.tier_index).collect();
        tiers.sort_unstable();
        tiers.dedup();
        tiers
    }

    /// Files in the tier with this index.
    pub fn files_in_tier(&self, index: usize) -> impl Iterator<Item = &FileAnalysis> {
        self.files
            .iter()
            .filter(move |f| f.tier_index == Some(index))
    }
}

/// Classifies and parses every file of `change` under `policy`.
pub fn analyse(change: &ChangeSet, policy: &Policy, parse_budget: ParseBudget) -> Analysis {
    analyse_with(change, policy, parse_budget, None)
}

/// Work done on each file while its trees exist (the rule queries): called with the file's
/// index, then the trees are dropped (`FileSyntax::compact`). Peak memory is then the trees of
/// the files being analysed at once, not of the whole change.
pub type TreeVisit<'a> = dyn Fn(usize, &FileChange, &FileAnalysis, &FileSyntax) + Sync + 'a;

/// `analyse`, visiting each file's trees and dropping them as soon as the file is done.
pub fn analyse_streaming(
    change: &ChangeSet,
    policy: &Policy,
    parse_budget: ParseBudget,
    visit: &TreeVisit<'_>,
) -> Analysis {
    analyse_inner(change, policy, parse_budget, None, Some(visit))
}

/// `analyse_with`, dropping each file's trees as soon as the file is analysed: for callers that
/// need items, keys and coverage but no tree afterwards (the audit, whose checks read no code).
/// Without it a change of forty big YAML files holds eighty trees at once.
pub fn analyse_compact(
    change: &ChangeSet,
    policy: &Policy,
    parse_budget: ParseBudget,
    trees: Option<&TreeCache>,
) -> Analysis {
    analyse_inner(change, policy, parse_budget, trees, Some(&|_, _, _, _| {}))
}

/// `analyse`, reusing (and filling) a cache of parsed blobs.
pub fn analyse_with(
    change: &ChangeSet,
    policy: &Policy,
    parse_budget: ParseBudget,
    trees: Option<&TreeCache>,
) -> Analysis {
    analyse_inner(change, policy, parse_budget, trees, None)
}

fn analyse_inner(
    change: &ChangeSet,
    policy: &Policy,
    parse_budget: ParseBudget,
    trees: Option<&TreeCache>,
    visit: Option<&TreeVisit<'_>>,
) -> Analysis {
    let run = || {
        change
            .files
            .par_iter()
            .enumerate()
            .map(|(index, file)| {
                let (analysis, mut syntax) = analyse_file_with(file, policy, parse_budget, trees);
                if let Some(visit) = visit {
                    visit(index, file, &analysis, &syntax);
                    syntax.compact(file);
                }
                (analysis, syntax)
            })
            .unzip()
    };
    // Tree walks recurse with the nesting of the file; big stacks (and MAX_TREE_DEPTH) keep a
    // pathological file from overflowing one. One pool per process: audits analyse thousands
    // of changes.
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(ANALYSIS_STACK)
            .build()
            .ok()
    });
    let (mut files, mut syntax): (Vec<FileAnalysis>, Vec<FileSyntax>) = match pool {
        Some(pool) => pool.install(run),
        // No pool (threads could not be made): still never walk a deep tree on a small stack.
        None => std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(ANALYSIS_STACK)
                .spawn_scoped(scope, run)
                .ok()
                .and_then(|handle| handle.join().ok())
        })
        .unwrap_or_else(run),
    };
    relocate::terraform_moves(&change.files, &mut files, &mut syntax);
    Analysis { files, syntax }
}

/// The language a changed file is analysed as (its path, else its new or old text's shebang).
pub fn language_of(file: &FileChange) -> Option<Language> {
    let sample = file.new_text.as_deref().or(file.old_text.as_deref());
    Language::detect(file.path(), sample)
}

/// Byte ranges of every comment node (suppression markers count only inside comments).
pub fn comment_ranges(tree: &Tree) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        if node.kind().contains("comment") {
            out.push((node.start_byte(), node.end_byte()));
        } else if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

/// Stack size of the analysis threads.
const ANALYSIS_STACK: usize = 64 * 1024 * 1024;

pub use syntax::MAX_TREE_DEPTH;

/// Parsed blobs by git object id, for runs over many commits (an audit): a blob is the new side
/// of one change and the old side of the next one to the same file. A cached tree is a fresh
/// parse of exactly that text, so results do not depend on what was cached. Bounded by the
/// bytes of source it holds; an entry is dropped once used (it is rarely needed twice).
pub struct TreeCache {
    inner: std::sync::Mutex<TreeCacheInner>,
    max_bytes: usize,
}

#[derive(Default)]
struct TreeCacheInner {
    trees: std::collections::HashMap<(Language, String), (Tree, usize)>,
    order: std::collections::VecDeque<(Language, String)>,
    bytes: usize,
}

impl TreeCache {
    pub fn new(max_bytes: usize) -> TreeCache {
        TreeCache {
            inner: std::sync::Mutex::new(TreeCacheInner::default()),
            max_bytes,
        }
    }

    fn take(&self, language: Language, blob: &str) -> Option<Tree> {
        let mut inner = self.inner.lock().ok()?;
        let (tree, size) = inner.trees.remove(&(language, blob.to_owned()))?;
        inner.bytes -= size;
        Some(tree)
    }

    fn put(&self, language: Language, blob: &str, tree: &Tree, size: usize) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        let key = (language, blob.to_owned());
        if inner.trees.contains_key(&key) || size > self.max_bytes {
            return;
        }
        inner.trees.insert(key.clone(), (tree.clone(), size));
        inner.order.push_back(key);
        inner.bytes += size;
        // Taken entries leave their key in `order`; drop those now and then so that the queue
        // stays proportional to what the cache holds, however long the history.
        if inner.order.len() > 2 * inner.trees.len() + 64 {
            let TreeCacheInner { trees, order, .. } = &mut *inner;
            order.retain(|k| trees.contains_key(k));
        }
        while inner.bytes > self.max_bytes {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            if let Some((_, size)) = inner.trees.remove(&oldest) {
                inner.bytes -= size;
            }
        }
    }
}

/// Analyses one file (rule tests use it too, so they see exactly what a real run sees).
pub fn analyse_file(
    file: &FileChange,
    policy: &Policy,
    budget: ParseBudget,
) -> (FileAnalysis, FileSyntax) {
    analyse_file_with(file, policy, budget, None)
}

/// `analyse_file` with a cache of parsed blobs. The syntax stages run guarded: a panic in them
/// leaves the file classified (tier, lines) with an internal-error gap, and the run goes on.
pub fn analyse_file_with(
    file: &FileChange,
    policy: &Policy,
    budget: ParseBudget,
    trees: Option<&TreeCache>,
) -> (FileAnalysis, FileSyntax) {
    let (analysis, syntax) = classify(file, policy);
    let fallback = analysis.clone();
    let deepened = guard::run("parse", |stage| {
        deepen(file, analysis, syntax, budget, trees, stage)
    });
    match deepened {
        Ok(done) => done,
        Err(error) => {
            let (_, syntax) = classify(file, policy);
            let mut analysis = fallback;
            analysis.items.clear();
            analysis.config_changes.clear();
            analysis
                .coverage
                .add(Reason::InternalError, error.to_string());
            (analysis, syntax)
        }
    }
}

/// What a file is, from its paths and content kind: tier, gate file, language, line counts,
/// and the gaps its content implies. Cheap and free of parsing.
fn classify(file: &FileChange, policy: &Policy) -> (FileAnalysis, FileSyntax) {
    // Every path the file had or has, and every symlink that leads to it.
    let places = || file.paths().chain(file.aliases.iter().map(String::as_str));
    let gate_file = places().any(|p| policy.is_gate_file(p));
    // A file is as strict as the strictest place it was or is: moving code out of a tier-1
    // directory is a tier-1 change, and so is editing what a tier-1 symlink points to.
    let by_path = places().filter_map(|p| policy.tier_index(p)).min();
    let gate_tier = (gate_file && !policy.tiers.is_empty()).then_some(0);
    let tier_index = match (by_path, gate_tier) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let (added, removed) = file.line_counts();
    let language = language_of(file);
    let mut coverage = Coverage::default();
    let lfs = [file.old_text.as_deref(), file.new_text.as_deref()]
        .into_iter()
        .flatten()
        .any(is_lfs_pointer);
    if lfs {
        coverage.add(
            Reason::LfsPointer,
            "a Git LFS pointer: the content lives in LFS storage and was not analysed",
        );
    } else if file.lossy {
        coverage.add(
            Reason::LossyText,
            format!(
                "{}: analysed as lossy text (invalid bytes read as U+FFFD)",
                if file.content == Content::Binary {
                    "binary-looking (NUL bytes)"
                } else {
                    "not valid UTF-8"
                }
            ),
        );
    } else if let Some(reason) = Reason::of_content(file.content) {
        let detail = file.content.limitation().unwrap_or("content not analysed");
        coverage.add(reason, detail);
    } else if language.is_none() {
        coverage.add(
            Reason::UnsupportedLanguage,
            format!(
                "no grammar for {}: path and text rules only",
                kind_of(file.path())
            ),
        );
    } else if file.status != FileStatus::Deleted
        && file.new_text.is_none()
        && file.old_text.is_none()
        && !file.hunks.is_empty()
    {
        coverage.add(
            Reason::PatchOnly,
            "only the patch's lines are known, not the whole file: syntax rules did not run",
        );
    }
    let analysis = FileAnalysis {
        path: file.path().to_owned(),
        old_path: file
            .old_path
            .clone()
            .filter(|_| matches!(file.status, FileStatus::Renamed | FileStatus::Copied)),
        status: file.status,
        tier: tier_index.map(|i| policy.tiers[i].name.clone()),
        tier_index,
        gate_file,
        linked_from: file.aliases.clone(),
        content: file.content,
        language,
        added,
        removed,
        items: Vec::new(),
        config_changes: Vec::new(),
        coverage,
    };
    let mut added_lines: Vec<u32> = file.added_lines().collect();
    added_lines.sort_unstable();
    let mut removed_lines: Vec<u32> = file
        .hunks
        .iter()
        .flat_map(|h| {
            h.numbered()
                .filter(|(l, _, _)| l.kind == LineKind::Removed)
                .map(|(_, old, _)| old)
                .collect::<Vec<_>>()
        })
        .collect();
    removed_lines.sort_unstable();
    let syntax = FileSyntax {
        language,
        whole_file_is_test: testcode::is_test_path(file.path()) || file.test_module_of.is_some(),
        added_lines,
        removed_lines,
        ..FileSyntax::default()
    };
    (analysis, syntax)
}

/// Whether `text` is a Git LFS pointer file (the spec's first line).
fn is_lfs_pointer(text: &str) -> bool {
    text.starts_with("version https://git-lfs.github.com/spec/v1\n")
}

/// "`.java` files", "files named `Dockerfile`": what kind of file has no grammar.
fn kind_of(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => {
            format!("`.{}` files", ext.to_ascii_lowercase())
        }
        _ => format!("files named `{name}`"),
    }
}

/// Parses both sides and derives items or config keys and test code.
fn deepen(
    file: &FileChange,
    mut analysis: FileAnalysis,
    mut syntax: FileSyntax,
    budget: ParseBudget,
    trees: Option<&TreeCache>,
    stage: &guard::Stage,
) -> (FileAnalysis, FileSyntax) {
    let Some(language) = analysis.language else {
        return (analysis, syntax);
    };
    let lfs = analysis
        .coverage
        .gaps
        .iter()
        .any(|g| g.reason == Reason::LfsPointer);
    if (file.content != Content::Text && !file.lossy) || lfs {
        return (analysis, syntax);
    }
    #[cfg(test)]
    guard::inject::maybe_panic(file.path());
    let mut parsed_bytes = 0u64;
    let coverage = &mut analysis.coverage;
    let mut parse_side = |text: Option<&str>, blob: Option<&str>, side: &str| {
        let text = text?;
        parsed_bytes += text.len() as u64;
        let cached = trees.zip(blob).and_then(|(c, b)| c.take(language, b));
        let parsed = match cached {
            Some(tree) => Ok(tree),
            None => parse(language, text, budget).inspect(|tree| {
                if let (Some(cache), Some(blob)) = (trees, blob) {
                    cache.put(language, blob, tree, text.len());
                }
            }),
        };
        // A long YAML file's errors are judged on its chunks (see `long_yaml`).
        let long_yaml = language == Language::Yaml && config::long_yaml::is_long(text);
        match parsed {
            Ok(tree) => {
                if tree.root_node().has_error() && !long_yaml {
                    coverage.add(
                        Reason::SyntaxErrors,
                        format!(
                            "the {side} version has syntax errors (line {}); analysis is best-effort",
                            first_error_line(&tree)
                        ),
                    );
                }
                Some(tree)
            }
            Err(e) => {
                coverage.add(Reason::ParseBudget, format!("the {side} version: {e}"));
                None
            }
        }
    };
    syntax.old_tree = parse_side(file.old_text.as_deref(), file.old_blob.as_deref(), "old");
    syntax.new_tree = parse_side(file.new_text.as_deref(), file.new_blob.as_deref(), "new");
    syntax.parsed_bytes = parsed_bytes;
    let old_text = file.old_text.as_deref().unwrap_or("");
    let new_text = file.new_text.as_deref().unwrap_or("");
    if language.is_config() {
        // The config readers bound their own depth and report what they cut.
        stage.set("config keys");
        let mut flat = |tree: &Option<Tree>, text: &str, side: &str| {
            let Some(tree) = tree else {
                return Default::default();
            };
            let flat = if language == Language::Yaml && config::long_yaml::is_long(text) {
                match config::flatten_long_yaml(text, budget) {
                    Ok((flat, first_error)) => {
                        if let Some(line) = first_error {
                            analysis.coverage.add(
                                Reason::SyntaxErrors,
                                format!("the {side} version has syntax errors (from line {line}); analysis is best-effort"),
                            );
                        }
                        flat
                    }
                    Err(e) => {
                        analysis
                            .coverage
                            .add(Reason::ParseBudget, format!("the {side} version: {e}"));
                        return Default::default();
                    }
                }
            } else {
                config::flatten(language, tree, text)
            };
            for gap in &flat.gaps {
                let reason = match gap {
                    config::Gap::TooDeep { .. } => Reason::TooDeep,
                    config::Gap::AliasBudget { .. } => Reason::AliasBudget,
                    config::Gap::TooManyKeys => Reason::TooManyKeys,
                };
                analysis
                    .coverage
                    .add(reason, format!("the {side} version: {gap}"));
            }
            flat.entries
        };
        let old_ok = syntax.old_tree.is_some() || file.old_text.is_none();
        let new_ok = syntax.new_tree.is_some() || file.new_text.is_none();
        if old_ok && new_ok {
            let old = flat(&syntax.old_tree, old_text, "old");
            let new = flat(&syntax.new_tree, new_text, "new");
            syntax.config_changes = config::diff(&old, &new);
            analysis.config_changes = syntax
                .config_changes
                .iter()
                .map(ConfigChangeView::from)
                .collect();
        }
        return (analysis, syntax);
    }
    // Item and test-code walks recurse with the tree's nesting; they stop at MAX_TREE_DEPTH.
    stage.set("changed items");
    let side_items = |tree: &Option<Tree>, text: &str, path: Option<&str>| match (tree, path) {
        (Some(tree), Some(path)) => items(language, tree, text, path),
        _ => Ok(Vec::new()),
    };
    let walked = side_items(&syntax.old_tree, old_text, file.old_path.as_deref()).and_then(|old| {
        let new = side_items(&syntax.new_tree, new_text, file.new_path.as_deref())?;
        let new_tests = match &syntax.new_tree {
            Some(tree) => testcode::test_ranges(language, tree, new_text)?,
            None => Vec::new(),
        };
        // Test code of the old side matters only where lines were removed or moved.
        let old_tests = match (&syntax.old_tree, &syntax.new_tree) {
            (Some(tree), Some(_)) => Some(testcode::test_ranges(language, tree, old_text)?),
            _ => None,
        };
        Ok((old, new, new_tests, old_tests))
    });
    let Ok((old_items, new_items, new_tests, old_tests)) = walked else {
        analysis.coverage.add(
            Reason::TooDeep,
            format!(
                "nested more than {MAX_TREE_DEPTH} levels deep: changed items and test code not analysed (rules still ran, treating every line as production code)"
            ),
        );
        return (analysis, syntax);
    };
    analysis.items = changed_items(
        Side {
            items: &old_items,
            tree: syntax.old_tree.as_ref(),
            text: old_text,
        },
        Side {
            items: &new_items,
            tree: syntax.new_tree.as_ref(),
            text: new_text,
        },
        &syntax.removed_lines,
        &syntax.added_lines,
    );
    // The old tree serves rules about removed code and tells moved code from added code; free
    // it when no line was removed (pure additions move nothing).
    if syntax.removed_lines.is_empty() {
        syntax.old_tree = None;
    }
    stage.set("test code");
    syntax.test_ranges = new_tests;
    // Code that was test code before and is production code now (a removed `#[cfg(test)]`)
    // is new production code, though not one of its lines changed.
    if let Some(old_ranges) = old_tests {
        let in_old_tests = |line: u32| old_ranges.iter().any(|&(s, e)| s <= line && line <= e);
        let mut became_production: Vec<u32> = unchanged_lines(&file.hunks, new_text)
            .into_iter()
            .filter(|&(old, new)| in_old_tests(old) && !syntax.is_test_line(new))
            .map(|(_, new)| new)
            .collect();
        if !became_production.is_empty() {
            syntax.added_lines.append(&mut became_production);
            syntax.added_lines.sort_unstable();
            syntax.added_lines.dedup();
        }
    }
    (analysis, syntax)
}

/// `(old line, new line)` of every line the change left as it was, from the hunks.
fn unchanged_lines(hunks: &[crate::model::changeset::Hunk], new_text: &str) -> Vec<(u32, u32)> {
    let total = u32::try_from(new_text.lines().count()).unwrap_or(u32::MAX);
    let mut out = Vec::new();
    let (mut old, mut new) = (1u32, 1u32);
    for hunk in hunks {
        // Lines between hunks are unchanged.
        while new < hunk.new_start && new <= total {
            out.push((old, new));
            old += 1;
            new += 1;
        }
        for (line, o, n) in hunk.numbered() {
            if line.kind == LineKind::Context {
                out.push((o, n));
            }
        }
        old = hunk.old_start + hunk.old_len;
        new = hunk.new_start + hunk.new_len;
        // A zero-length side starts one line earlier.
        if hunk.old_len == 0 {
            old += 1;
        }
        if hunk.new_len == 0 {
            new += 1;
        }
    }
    while new <= total {
        out.push((old, new));
        old += 1;
        new += 1;
    }
    out
}

/// The 1-based line of the first error or missing node, found without recursion.
fn first_error_line(tree: &Tree) -> u32 {
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return u32::try_from(node.start_position().row + 1).unwrap_or(u32::MAX);
        }
        // Descend only into subtrees that hold an error.
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                if cursor.node().has_error() {
                    break;
                }
                continue;
            }
            if !cursor.goto_parent() {
                return u32::try_from(tree.root_node().start_position().row + 1)
                    .unwrap_or(u32::MAX);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(files: Vec<FileChange>) -> ChangeSet {
        ChangeSet {
            files,
            ..ChangeSet::default()
        }
    }

    #[test]
    fn rename_out_of_tier_one_stays_tier_one() {
        let policy = Policy::builtin();
        let f = FileChange::new(
            FileStatus::Renamed,
            Some("deploy/app.yaml".into()),
            Some("docs/app.yaml".into()),
        );
        let a = analyse(&change(vec![f]), &policy, DEFAULT_PARSE_BUDGET);
        assert_eq!(a.files[0].tier.as_deref(), Some("tier-1"));
        assert_eq!(a.files[0].old_path.as_deref(), Some("deploy/app.yaml"));
    }

    #[test]
    fn gate_files_join_the_first_tier_even_if_unmatched() {
        let policy = Policy::from_yaml(
            "version: 1\ntiers:\n  strict:\n    paths: [\"prod/**\"]\nrules:\n  dirs: [gate-rules/]\n",
            "p",
        )
        .unwrap();
        let f = FileChange::new(FileStatus::Added, None, Some("gate-rules/r.yml".into()));
        let a = analyse(&change(vec![f]), &policy, DEFAULT_PARSE_BUDGET);
        assert!(a.files[0].gate_file);
        assert_eq!(a.files[0].tier.as_deref(), Some("strict"));
        assert_eq!(a.tiers_touched(), vec![0]);
    }

    #[test]
    fn cached_trees_give_the_same_analysis_and_are_used_once() {
        let policy = Policy::builtin();
        let text = |n: u32| format!("pub fn f() -> u32 {{ {n} }}\npub fn g() {{}}\n");
        let file = |old: u32, new: u32| {
            let (old, new) = (text(old), text(new));
            let mut f = FileChange::new(
                FileStatus::Modified,
                Some("src/control_plane/a.rs".into()),
                Some("src/control_plane/a.rs".into()),
            );
            f.content = Content::Text;
            f.hunks = crate::source::diff::compute_hunks(old.as_bytes(), new.as_bytes(), 3);
            f.old_text = Some(old.as_str().into());
            f.new_text = Some(new.as_str().into());
            f.old_blob = Some(format!("blob{old:?}"));
            f.new_blob = Some(format!("blob{new:?}"));
            f
        };
        let cache = TreeCache::new(1 << 20);
        // Newest first, as an audit walks: 2→3, then 1→2 (blob 2 comes from the cache).
        let newer = change(vec![file(2, 3)]);
        let older = change(vec![file(1, 2)]);
        let fresh = analyse(&older, &policy, DEFAULT_PARSE_BUDGET);
        analyse_with(&newer, &policy, DEFAULT_PARSE_BUDGET, Some(&cache));
        assert_eq!(cache.inner.lock().unwrap().trees.len(), 2);
        let cached = analyse_with(&older, &policy, DEFAULT_PARSE_BUDGET, Some(&cache));
        assert_eq!(format!("{:?}", cached.files), format!("{:?}", fresh.files));
        assert_eq!(
            cache.inner.lock().unwrap().trees.len(),
            2,
            "blob 2 was taken, blob 1 added"
        );
        for n in 10..400 {
            analyse_with(
                &change(vec![file(n, n + 1)]),
                &policy,
                DEFAULT_PARSE_BUDGET,
                Some(&cache),
            );
        }
        let inner = cache.inner.lock().unwrap();
        assert!(
            inner.order.len() <= 2 * inner.trees.len() + 64,
            "the queue of keys stays bounded: {} keys for {} trees",
            inner.order.len(),
            inner.trees.len()
        );
        drop(inner);
        let tiny = TreeCache::new(10);
        analyse_with(&newer, &policy, DEFAULT_PARSE_BUDGET, Some(&tiny));
        assert_eq!(tiny.inner.lock().unwrap().bytes, 0, "bounded by bytes");
    }

    #[test]
    fn pathologically_deep_files_do_not_overflow_the_stack() {
        let policy = Policy::builtin();
        let depth = 100_000;
        let cases = [
            (
                "config/deep.json",
                format!("{}1{}", "[".repeat(depth), "]".repeat(depth)),
            ),
            (
                "config/deep.yaml",
                format!("{}1{}", "[".repeat(depth), "]".repeat(depth)),
            ),
            (
                "src/deep.rs",
                format!(
                    "fn f() {{ let x = {}1{}; }}",
                    "(".repeat(depth),
                    ")".repeat(depth)
                ),
            ),
            (
                "infra/deep.tf",
                format!("x = {}1{}", "[".repeat(depth), "]".repeat(depth)),
            ),
        ];
        for (path, text) in cases {
            let mut f = FileChange::new(FileStatus::Added, None, Some(path.into()));
            f.content = Content::Text;
            f.hunks = crate::source::diff::compute_hunks(b"", text.as_bytes(), 3);
            f.new_text = Some(text.as_str().into());
            let a = analyse(&change(vec![f]), &policy, DEFAULT_PARSE_BUDGET);
            let note = a.files[0].coverage.summary();
            assert!(
                note.contains("levels deep") || note.contains("syntax errors"),
                "{path}: {note}"
            );
        }
    }

    #[test]
    fn random_bytes_never_panic_the_analysis() {
        use proptest::prelude::*;
        let policy = Policy::builtin();
        proptest!(ProptestConfig::with_cases(300), |(old in "\\PC{0,200}", new in "\\PC{0,200}", ext in prop_oneof![Just("rs"), Just("yaml"), Just("json"), Just("toml"), Just("tf"), Just("py"), Just("ts"), Just("go"), Just("sh")])| {
            let path = format!("src/f.{ext}");
            let mut f = FileChange::new(FileStatus::Modified, Some(path.clone()), Some(path));
            f.content = Content::Text;
            f.hunks = crate::source::diff::compute_hunks(old.as_bytes(), new.as_bytes(), 3);
            f.old_text = Some(old.as_str().into());
            f.new_text = Some(new.as_str().into());
            let a = analyse(&change(vec![f]), &policy, DEFAULT_PARSE_BUDGET);
            prop_assert_eq!(a.files.len(), 1);
        });
    }
}
