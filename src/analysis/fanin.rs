//! Fan-in of changed functions: how many references to each name exist in the repository at the
//! head, counted over tree-sitter identifiers (not text), in files of the same language.
//!
//! Name-based, so a common name over-counts; the ubiquitous trait-method names are left out.
//! Bounded by file count and bytes (never by time, which would make the score machine-dependent),
//! and counting stops where the score saturates: the work follows the change, not the repository.

use crate::analysis::syntax::{parse, Language};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many files are scanned (a change whose functions have few references is
/// searched repository-wide).
pub const MAX_FILES: usize = 5_000;
/// At most this many bytes are read.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Names so common that a reference count says nothing about them: trait methods every type
/// implements, and the methods and attributes of the standard collections, iterators and I/O
/// that nearly every file calls. On rust-analyzer, `inline`, `collect`, `cast`, `end`, `index`
/// had 500–2,500 references each (mostly `#[inline]` and iterator calls), made `git grep` name
/// almost every file, and cost seconds of parsing for a score that caps at 31 references.
const UBIQUITOUS: [&str; 60] = [
    // Conversions, construction, formatting, comparison, drop.
    "new",
    "default",
    "from",
    "into",
    "fmt",
    "clone",
    "drop",
    "eq",
    "hash",
    "main",
    "next",
    "poll",
    "deref",
    "as_ref",
    "try_from",
    "to_string",
    "len",
    "is_empty",
    "get",
    "run",
    "init",
    "__init__",
    "constructor",
    "String",
    "cmp",
    "partial_cmp",
    "as_str",
    "to_owned",
    // Collections and iterators.
    "iter",
    "map",
    "collect",
    "extend",
    "push",
    "pop",
    "insert",
    "remove",
    "contains",
    "index",
    "all",
    "any",
    "filter",
    "find",
    "join",
    "add",
    "end",
    "start",
    "empty",
    "cast",
    "first",
    "last",
    "take",
    "clear",
    // I/O and builders.
    "read",
    "write",
    "flush",
    "close",
    "finish",
    "build",
    "parse",
    // Attributes that are identifiers to the grammar.
    "inline",
];

/// Where fan-in's points reach their maximum (the blast radius gives 2 × log2(1 + n), at most
/// 10): past it no count changes a score or a verdict, so counting stops there.
pub const SATURATION: usize = 31;

/// Files counted at once: a small batch keeps both cores busy without parsing far past the
/// file at which the count saturates (the cut itself is exact, whatever the batch).
const BATCH: usize = 8;

/// References found per name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FanIn {
    /// Name → references (definitions not counted).
    pub references: BTreeMap<String, usize>,
    pub files_scanned: usize,
    /// The budget ran out before every file was scanned.
    pub truncated: bool,
    /// Counting stopped once the references reached `SATURATION`: the counts are lower bounds.
    pub saturated: bool,
}

impl FanIn {
    /// No references yet to any of `names`.
    pub fn new(names: &BTreeMap<Language, BTreeSet<String>>) -> FanIn {
        FanIn {
            references: names.values().flatten().map(|n| (n.clone(), 0)).collect(),
            ..FanIn::default()
        }
    }

    /// All references counted so far.
    pub fn total(&self) -> usize {
        self.references.values().sum()
    }

    /// Adds the references in `files` (`path`, text), in their order, up to and including the
    /// file that brings the total to `SATURATION`. `known` holds the trees the analysis still
    /// has of the change's own files. Files of other languages are skipped.
    pub fn add(
        &mut self,
        names: &BTreeMap<Language, BTreeSet<String>>,
        files: &[(impl AsRef<str>, impl AsRef<str>)],
        known: &BTreeMap<&str, &tree_sitter::Tree>,
    ) {
        let scanned: Vec<(&str, &str, Language)> = files
            .iter()
            .filter_map(|(path, text)| {
                let (path, text) = (path.as_ref(), text.as_ref());
                let language = Language::detect(path, Some(text))?;
                names
                    .contains_key(&language)
                    .then_some((path, text, language))
            })
            .collect();
        for batch in scanned.chunks(BATCH) {
            if self.saturated {
                return;
            }
            let counted: Vec<Option<BTreeMap<String, usize>>> = batch
                .par_iter()
                .map(|&(path, text, language)| {
                    references_in(path, text, language, &names[&language], known)
                })
                .collect();
            for counts in counted {
                self.files_scanned += 1;
                // A file that cannot be parsed (or panics) is not counted, and the count says
                // it is partial.
                let Some(counts) = counts else {
                    self.truncated = true;
                    continue;
                };
                for (name, n) in counts {
                    *self.references.entry(name).or_default() += n;
                }
                if self.total() >= SATURATION {
                    self.saturated = true;
                    return;
                }
            }
        }
    }
}

/// Whether a name is worth counting.
pub fn countable(name: &str) -> bool {
    name.len() > 2 && !UBIQUITOUS.contains(&name)
}

/// Counts references to `names` (per language) in `files` (`path`, text), in their order, until
/// the count saturates.
pub fn count(
    names: &BTreeMap<Language, BTreeSet<String>>,
    files: &[(impl AsRef<str>, impl AsRef<str>)],
    known: &BTreeMap<&str, &tree_sitter::Tree>,
) -> FanIn {
    let mut fan_in = FanIn::new(names);
    fan_in.add(names, files, known);
    fan_in
}

/// The references to `wanted` in one file, from what the analysis kept of it or a fresh parse.
fn references_in(
    path: &str,
    text: &str,
    language: Language,
    wanted: &BTreeSet<String>,
    known: &BTreeMap<&str, &tree_sitter::Tree>,
) -> Option<BTreeMap<String, usize>> {
    // Cheap text prefilter before parsing.
    if !wanted.iter().any(|n| text.contains(n.as_str())) {
        return Some(BTreeMap::new());
    }
    crate::analysis::guard::run("fan-in", |_| match known.get(path) {
        Some(tree) => Some(references_in_tree(tree, text, wanted)),
        None => parse(
            language,
            text,
            crate::analysis::syntax::ParseBudget::DEFAULT,
        )
        .ok()
        .map(|tree| references_in_tree(&tree, text, wanted)),
    })
    .ok()
    .flatten()
}

/// Identifier leaves named in `wanted`, except the name of a definition.
fn references_in_tree(
    tree: &tree_sitter::Tree,
    text: &str,
    wanted: &BTreeSet<String>,
) -> BTreeMap<String, usize> {
    references_where(tree, text, |name| wanted.contains(name))
}

fn references_where(
    tree: &tree_sitter::Tree,
    text: &str,
    wanted: impl Fn(&str) -> bool,
) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let mut cursor = tree.walk();
    let mut parents: Vec<&'static str> = Vec::new();
    loop {
        let node = cursor.node();
        if node.child_count() == 0 && node.kind().ends_with("identifier") {
            let name = &text[node.byte_range()];
            if wanted(name) {
                let definition = cursor.field_name() == Some("name")
                    && parents.last().is_some_and(|p| {
                        matches!(
                            *p,
                            "function_item"
                                | "function_signature_item"
                                | "function_declaration"
                                | "method_declaration"
                                | "function_definition"
                                | "method_definition"
                        )
                    });
                if !definition {
                    *out.entry(name.to_owned()).or_default() += 1;
                }
            }
        }
        if cursor.goto_first_child() {
            parents.push(node.kind());
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            parents.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_references_not_definitions_or_text() {
        let mut names = BTreeMap::new();
        names.insert(Language::Rust, BTreeSet::from(["apply".to_owned()]));
        let files = vec![
            (
                "src/a.rs".to_owned(),
                "pub fn apply() {}\nfn b() { apply(); x.apply(); }\n// apply in a comment\n"
                    .to_owned(),
            ),
            (
                "src/b.rs".to_owned(),
                "fn c() { let s = \"apply\"; crate::a::apply(); }\n".to_owned(),
            ),
            ("README.md".to_owned(), "apply apply".to_owned()),
        ];
        let fan_in = count(&names, &files, &BTreeMap::new());
        // Counted on the analysis's trees instead of fresh parses: the same.
        let trees: Vec<tree_sitter::Tree> = files[..2]
            .iter()
            .map(|(_, text)| {
                parse(
                    Language::Rust,
                    text,
                    crate::analysis::syntax::ParseBudget::DEFAULT,
                )
                .unwrap()
            })
            .collect();
        let known: BTreeMap<&str, &tree_sitter::Tree> = files[..2]
            .iter()
            .zip(&trees)
            .map(|((path, _), tree)| (path.as_str(), tree))
            .collect();
        assert_eq!(count(&names, &files, &known), fan_in);
        assert_eq!(fan_in.references["apply"], 3);
        assert_eq!(fan_in.files_scanned, 2);
        assert!(!fan_in.truncated);
    }

    #[test]
    fn counting_stops_exactly_where_the_score_saturates() {
        let names = BTreeMap::from([(Language::Rust, BTreeSet::from(["route".to_owned()]))]);
        // 20 files of 4 references each, in path order: the 8th file brings 28 to 32.
        let files: Vec<(String, String)> = (0..20)
            .map(|i| {
                (
                    format!("src/f{i:02}.rs"),
                    "fn f() { route(); route(); route(); route(); }\n".to_owned(),
                )
            })
            .collect();
        let fan_in = count(&names, &files, &BTreeMap::new());
        assert!(fan_in.saturated);
        assert_eq!(fan_in.references["route"], 32);
        assert_eq!(fan_in.files_scanned, 8);
        // Added in any batches, the cut is the same file.
        let mut in_parts = FanIn::new(&names);
        for part in files.chunks(3) {
            in_parts.add(&names, part, &BTreeMap::new());
        }
        assert_eq!(in_parts, fan_in);
        // Below the saturation point every file is counted.
        let few = count(&names, &files[..5], &BTreeMap::new());
        assert!(!few.saturated);
        assert_eq!((few.references["route"], few.files_scanned), (20, 5));
    }

    #[test]
    fn common_names_are_not_counted() {
        assert!(!countable("new") && !countable("fmt") && !countable("ab"));
        assert!(countable("apply_route"));
    }
}
