//! Rust files that are test code because of where their parent declares them:
//! `#[cfg(test)] mod test_db;` in `lib.rs` makes `test_db.rs` (and every module under it) test
//! code, though nothing in the file's own path or text says so. Found on rust-analyzer, where
//! `hir-def/src/test_db.rs`, `ide/src/fixture.rs` and `hir-def/src/macro_expansion_tests/**`
//! drew `rust/unwrap` and `rust/panic` findings as if they shipped.

use super::syntax::{parse, testcode, ParseBudget};
use crate::model::changeset::{ChangeSet, FileChange};
use crate::model::language::Language;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How many parent modules are followed up from a file before giving up (deeper trees are rare;
/// an unresolved file counts as production code, the safe side for rules).
const MAX_DEPTH: usize = 8;

/// Which side of the change a file is judged on: its new side, or the old one when deleted.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Old,
    New,
}

/// Marks each changed Rust file whose module its parent compiles only for tests
/// (`FileChange::test_module_of`). Parents in the change are read from the change (its side);
/// others are unchanged, so `read_unchanged` (the base's files) has them.
pub fn mark(change: &mut ChangeSet, read_unchanged: &dyn Fn(&str) -> Option<Arc<str>>) {
    let mut sides: BTreeMap<(Side, String), Option<Arc<str>>> = BTreeMap::new();
    for file in &change.files {
        if let Some(path) = &file.new_path {
            sides.insert((Side::New, path.clone()), file.new_text.clone());
        }
        if let Some(path) = &file.old_path {
            sides.insert((Side::Old, path.clone()), file.old_text.clone());
        }
    }
    let mut resolver = Resolver {
        sides,
        read_unchanged,
        declarations: BTreeMap::new(),
    };
    resolver.prefetch(&change.files);
    for file in &mut change.files {
        let (side, path) = match (&file.new_path, &file.old_path) {
            (Some(new), _) => (Side::New, new.clone()),
            (None, Some(old)) => (Side::Old, old.clone()),
            (None, None) => continue,
        };
        if is_rust(file) && !testcode::is_test_path(&path) {
            file.test_module_of = resolver.declared_for_tests(side, &path, 0);
        }
    }
}

fn is_rust(file: &FileChange) -> bool {
    file.path().ends_with(".rs")
}

struct Resolver<'a> {
    sides: BTreeMap<(Side, String), Option<Arc<str>>>,
    read_unchanged: &'a dyn Fn(&str) -> Option<Arc<str>>,
    /// Per parent file and side: its body-less `mod x;` declarations, and whether each is test-only.
    declarations: BTreeMap<(Side, String), Option<BTreeMap<String, bool>>>,
}

impl Resolver<'_> {
    /// Reads every direct parent the files could have and parses them in parallel: the parse is
    /// what costs (on a large change, hundreds of parents), and the walk upwards then mostly
    /// finds them parsed.
    fn prefetch(&mut self, files: &[FileChange]) {
        let mut wanted: BTreeMap<(Side, String), Option<Arc<str>>> = BTreeMap::new();
        for file in files.iter().filter(|f| is_rust(f)) {
            let (side, path) = match (&file.new_path, &file.old_path) {
                (Some(new), _) => (Side::New, new),
                (None, Some(old)) => (Side::Old, old),
                (None, None) => continue,
            };
            if testcode::is_test_path(path) {
                continue;
            }
            for parent in module_parents(path).map(|(_, p)| p).unwrap_or_default() {
                let key = (side, parent);
                if let std::collections::btree_map::Entry::Vacant(slot) = wanted.entry(key) {
                    let text = self.text_of(slot.key());
                    slot.insert(text);
                }
            }
        }
        let parsed: Vec<_> = wanted
            .into_par_iter()
            .map(|(key, text)| (key, text.map(|t| module_declarations(&t))))
            .collect();
        self.declarations.extend(parsed);
    }

    /// A parent's text on `side`: from the change, or (a file it does not touch, the same on
    /// both sides) from the base.
    fn text_of(&self, key: &(Side, String)) -> Option<Arc<str>> {
        match self.sides.get(key) {
            Some(text) => text.clone(),
            None if !self.sides.contains_key(&(other(key.0), key.1.clone())) => {
                (self.read_unchanged)(&key.1)
            }
            None => None,
        }
    }

    /// The file that declares `path`'s module (or an ancestor's) under a test attribute.
    fn declared_for_tests(&mut self, side: Side, path: &str, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (name, parents) = module_parents(path)?;
        for parent in parents {
            let Some(declared) = self.declarations_of(side, &parent) else {
                continue;
            };
            match declared.get(&name) {
                Some(true) => return Some(parent),
                Some(false) => return self.declared_for_tests(side, &parent, depth + 1),
                None => {}
            }
        }
        None
    }

    fn declarations_of(&mut self, side: Side, parent: &str) -> Option<&BTreeMap<String, bool>> {
        let key = (side, parent.to_owned());
        if !self.declarations.contains_key(&key) {
            let text = self.text_of(&key);
            let parsed = text.map(|t| module_declarations(&t));
            self.declarations.insert(key.clone(), parsed);
        }
        self.declarations.get(&key).and_then(Option::as_ref)
    }
}

fn other(side: Side) -> Side {
    match side {
        Side::Old => Side::New,
        Side::New => Side::Old,
    }
}

/// The module name a Rust path makes and the files that could declare it: `a/x.rs` and
/// `a/x/mod.rs` are module `x`, declared in `a/mod.rs`, `a.rs`, `a/lib.rs` or `a/main.rs`.
/// Crate roots (`lib.rs`, `main.rs`) have no parent.
fn module_parents(path: &str) -> Option<(String, Vec<String>)> {
    let stem = path.strip_suffix(".rs")?;
    let (dir, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    let (dir, name) = match name {
        "lib" | "main" => return None,
        "mod" => dir.rsplit_once('/').unwrap_or(("", dir)),
        _ => (dir, name),
    };
    if name.is_empty() {
        return None;
    }
    let join = |file: &str| {
        if dir.is_empty() {
            file.to_owned()
        } else {
            format!("{dir}/{file}")
        }
    };
    let mut parents = vec![join("mod.rs")];
    if !dir.is_empty() {
        parents.push(format!("{dir}.rs"));
    }
    parents.push(join("lib.rs"));
    parents.push(join("main.rs"));
    Some((name.to_owned(), parents))
}

/// Body-less module declarations at the top of a Rust file (`mod x;`), each with whether a
/// test attribute (`#[cfg(test)]`, …) stands before it.
fn module_declarations(text: &str) -> BTreeMap<String, bool> {
    let mut out = BTreeMap::new();
    if !text.contains("mod ") {
        return out;
    }
    let Ok(tree) = parse(Language::Rust, text, ParseBudget::DEFAULT) else {
        return out;
    };
    let src = text.as_bytes();
    let root = tree.root_node();
    let mut cursor = root.walk();
    let mut test_attribute = false;
    for child in root.named_children(&mut cursor) {
        match child.kind() {
            "attribute_item" => test_attribute |= testcode::is_test_attribute(child, src),
            kind if kind.contains("comment") => {}
            "mod_item" => {
                let bodiless = child.child_by_field_name("body").is_none();
                if let (true, Some(name)) = (bodiless, child.child_by_field_name("name")) {
                    let name = String::from_utf8_lossy(&src[name.byte_range()]).into_owned();
                    out.insert(name.trim_start_matches("r#").to_owned(), test_attribute);
                }
                test_attribute = false;
            }
            _ => test_attribute = false,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changeset::FileStatus;

    #[test]
    fn module_names_and_their_parents() {
        assert_eq!(
            module_parents("crates/hir-def/src/test_db.rs"),
            Some((
                "test_db".into(),
                vec![
                    "crates/hir-def/src/mod.rs".into(),
                    "crates/hir-def/src.rs".into(),
                    "crates/hir-def/src/lib.rs".into(),
                    "crates/hir-def/src/main.rs".into(),
                ]
            ))
        );
        assert_eq!(
            module_parents("src/macro_expansion_tests/mod.rs").map(|(n, p)| (n, p[0].clone())),
            Some(("macro_expansion_tests".into(), "src/mod.rs".into()))
        );
        assert_eq!(module_parents("src/lib.rs"), None);
        assert_eq!(module_parents("README.md"), None);
        assert_eq!(
            module_parents("x.rs").map(|(_, p)| p),
            Some(vec!["mod.rs".into(), "lib.rs".into(), "main.rs".into()])
        );
    }

    #[test]
    fn declarations_remember_their_test_attributes() {
        let text = "#[cfg(test)]\nmod test_db;\nmod real;\n#[cfg(test)]\n// why\nmod fixture;\n#[cfg(feature = \"x\")]\nmod feature;\n#[cfg(test)]\nmod inline { mod inner; }\n";
        let declared = module_declarations(text);
        assert_eq!(
            declared.into_iter().collect::<Vec<_>>(),
            vec![
                ("feature".into(), false),
                ("fixture".into(), true),
                ("real".into(), false),
                ("test_db".into(), true),
            ]
        );
    }

    fn modified(path: &str, text: &str) -> FileChange {
        let mut file = FileChange::new(FileStatus::Modified, Some(path.into()), Some(path.into()));
        file.old_text = Some(text.into());
        file.new_text = Some(text.into());
        file
    }

    #[test]
    fn a_test_module_marks_its_children_and_a_parent_on_disk_counts() {
        let mut change = ChangeSet {
            files: vec![
                modified("src/helpers/deep.rs", "fn f() {}"),
                modified("src/helpers/mod.rs", "mod deep;"),
                modified("src/real.rs", "fn g() {}"),
                modified("src/gone.rs", "fn h() {}"),
            ],
            ..ChangeSet::default()
        };
        // `gone.rs` is deleted: judged by its parent's old side.
        change.files[3].new_path = None;
        change.files[3].status = FileStatus::Deleted;
        let unchanged = |path: &str| -> Option<Arc<str>> {
            (path == "src/lib.rs")
                .then(|| "#[cfg(test)]\nmod helpers;\nmod real;\n#[cfg(test)]\nmod gone;\n".into())
        };
        mark(&mut change, &unchanged);
        let marked: Vec<_> = change
            .files
            .iter()
            .map(|f| (f.path(), f.test_module_of.as_deref()))
            .collect();
        assert_eq!(
            marked,
            vec![
                ("src/helpers/deep.rs", Some("src/lib.rs")),
                ("src/helpers/mod.rs", Some("src/lib.rs")),
                ("src/real.rs", None),
                ("src/gone.rs", Some("src/lib.rs")),
            ]
        );
    }

    #[test]
    fn a_parent_changed_by_the_change_is_read_on_the_same_side() {
        // The change removes `#[cfg(test)]`: on the new side the module is production code.
        let mut parent = FileChange::new(
            FileStatus::Modified,
            Some("src/lib.rs".into()),
            Some("src/lib.rs".into()),
        );
        parent.old_text = Some("#[cfg(test)]\nmod util;\n".into());
        parent.new_text = Some("mod util;\n".into());
        let mut change = ChangeSet {
            files: vec![parent, modified("src/util.rs", "fn u() {}")],
            ..ChangeSet::default()
        };
        // What the base had: read only for files the change does not touch.
        let base = |path: &str| -> Option<Arc<str>> {
            (path == "src/lib.rs").then(|| "#[cfg(test)]\nmod util;\n".into())
        };
        mark(&mut change, &base);
        assert_eq!(change.files[1].test_module_of, None);
    }
}
