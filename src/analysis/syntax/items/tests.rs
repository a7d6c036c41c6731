//! Table-driven tests over real snippets.

use super::*;
use crate::analysis::syntax::parse;
use crate::source::diff::compute_hunks;

fn items_of(language: Language, text: &str, path: &str) -> Vec<Item> {
    let tree = parse(
        language,
        text,
        crate::analysis::syntax::ParseBudget::DEFAULT,
    )
    .unwrap();
    items(language, &tree, text, path).unwrap()
}

/// Changed items between two versions given the changed lines.
fn compare(
    language: Language,
    path: &str,
    old: &str,
    new: &str,
    removed: &[u32],
    added: &[u32],
) -> Vec<ChangedItem> {
    let old_tree = parse(language, old, crate::analysis::syntax::ParseBudget::DEFAULT).unwrap();
    let new_tree = parse(language, new, crate::analysis::syntax::ParseBudget::DEFAULT).unwrap();
    let old_items = items(language, &old_tree, old, path).unwrap();
    let new_items = items(language, &new_tree, new, path).unwrap();
    changed_items(
        Side {
            items: &old_items,
            tree: Some(&old_tree),
            text: old,
        },
        Side {
            items: &new_items,
            tree: Some(&new_tree),
            text: new,
        },
        removed,
        added,
    )
}

fn names(language: Language, text: &str, path: &str) -> Vec<String> {
    items_of(language, text, path)
        .into_iter()
        .map(|i| format!("{} {}", i.kind, i.name))
        .collect()
}

/// Changed items between two versions, as `change kind name` strings.
fn delta(language: Language, path: &str, old: &str, new: &str) -> Vec<String> {
    let hunks = compute_hunks(old.as_bytes(), new.as_bytes(), 0);
    let added: Vec<u32> = hunks.iter().flat_map(|h| h.added_lines()).collect();
    let removed: Vec<u32> = hunks
        .iter()
        .flat_map(|h| {
            h.numbered()
                .filter(|(l, _, _)| l.kind == crate::model::changeset::LineKind::Removed)
                .map(|(_, o, _)| o)
                .collect::<Vec<_>>()
        })
        .collect();
    compare(language, path, old, new, &removed, &added)
        .into_iter()
        .map(|c| match c.old_name {
            Some(old) => format!("{} {} {} (from {old})", c.change.as_str(), c.kind, c.name),
            None => format!("{} {} {}", c.change.as_str(), c.kind, c.name),
        })
        .collect()
}

#[test]
fn rust_items_have_module_type_and_trait_paths() {
    let src = "\
pub struct Router;
impl<T: Clone> Router<T> {
    pub fn apply(&self) {}
    fn helper() { let f = |x| x + 1; }
}
impl Drop for Router { fn drop(&mut self) {} }
pub trait Plane { fn tick(&self); }
mod inner { pub(crate) const LIMIT: u32 = 3; static S: u8 = 1; }
macro_rules! retry { () => {} }
#[cfg(test)]
mod tests { #[test] fn works() {} }
";
    let got = names(Language::Rust, src, "src/control_plane/mod.rs");
    assert_eq!(
        got,
        vec![
            "struct control_plane::Router",
            "impl control_plane::Router",
            "fn control_plane::Router::apply",
            "fn control_plane::Router::helper",
            "impl control_plane::Drop for Router",
            "fn control_plane::Router::drop",
            "trait control_plane::Plane",
            "fn control_plane::Plane::tick",
            "mod control_plane::inner",
            "const control_plane::inner::LIMIT",
            "static control_plane::inner::S",
            "macro control_plane::retry",
            "mod control_plane::tests",
            "fn control_plane::tests::works",
        ]
    );
    let items = items_of(Language::Rust, src, "src/control_plane/mod.rs");
    let apply = items.iter().find(|i| i.name.ends_with("apply")).unwrap();
    assert!(apply.public);
    assert_eq!(apply.signature, "pub fn apply(&self)");
    let tests_mod = items.iter().find(|i| i.name.ends_with("::tests")).unwrap();
    assert_eq!(tests_mod.start_line, 10, "attributes belong to their item");
}

#[test]
fn other_languages_name_functions_classes_and_methods() {
    assert_eq!(
        names(
            Language::Go,
            "package x\nfunc F() {}\nfunc (r *Router) Apply() {}\ntype T struct{}\n",
            "x.go"
        ),
        vec!["function F", "method Router.Apply", "type T"]
    );
    assert_eq!(
        names(
            Language::Python,
            "class A:\n    def m(self):\n        pass\n@dec\ndef f():\n    pass\n",
            "a.py"
        ),
        vec!["class A", "method A.m", "function f"]
    );
    assert_eq!(
        names(Language::TypeScript, "export function f() {}\nclass C { m() {} }\nexport const g = () => 1;\nconst n = 3;\ninterface I {}\n", "a.ts"),
        vec!["function f", "class C", "method C.m", "function g", "interface I"]
    );
    assert_eq!(
        names(
            Language::Bash,
            "f() { echo; }\nfunction g { echo; }\n",
            "a.sh"
        ),
        vec!["function f", "function g"]
    );
}

#[test]
fn change_classification() {
    let old = "fn a() {\n    one();\n}\n\nfn b() {\n    two();\n}\n\nfn gone() {}\n";
    let cases: &[(&str, &[&str])] = &[
        // Body edit.
        (
            "fn a() {\n    uno();\n}\n\nfn b() {\n    two();\n}\n\nfn gone() {}\n",
            &["modified fn a"],
        ),
        // Comment-only edit.
        (
            "fn a() {\n    one(); // why\n}\n\nfn b() {\n    two();\n}\n\nfn gone() {}\n",
            &["formatting fn a"],
        ),
        // Removal and addition.
        (
            "fn a() {\n    one();\n}\n\nfn b() {\n    two();\n}\n\nfn fresh() { x(); }\n",
            &["added fn fresh", "removed fn gone"],
        ),
        // Rename with edits.
        (
            "fn a() {\n    one();\n}\n\nfn b2() {\n    two();\n    three();\n}\n\nfn gone() {}\n",
            &["renamed fn b2 (from b)"],
        ),
        // A pure rename of a tiny item.
        (
            "fn a() {\n    one();\n}\n\nfn b() {\n    two();\n}\n\nfn went() {}\n",
            &["renamed fn went (from gone)"],
        ),
        // Edits outside any item touch nothing.
        (
            "// header\nfn a() {\n    one();\n}\n\nfn b() {\n    two();\n}\n\nfn gone() {}\n",
            &[],
        ),
    ];
    for (new, expected) in cases {
        assert_eq!(
            delta(Language::Rust, "x.rs", old, new),
            *expected,
            "for:\n{new}"
        );
    }
}

#[test]
fn nested_changes_belong_to_the_innermost_item() {
    let old = "impl R {\n    fn a(&self) {\n        x();\n    }\n    fn b(&self) {}\n}\n";
    let new = "impl R {\n    fn a(&self) {\n        y();\n    }\n    fn b(&self) {}\n}\n";
    assert_eq!(
        delta(Language::Rust, "r.rs", old, new),
        vec!["modified fn R::a"]
    );
}

#[test]
fn signature_changes_are_flagged() {
    let old = "pub fn f(a: u8) -> u8 { a }\n";
    let new = "pub fn f(a: u16) -> u8 { a as u8 }\n";
    let hunks = compute_hunks(old.as_bytes(), new.as_bytes(), 0);
    let added: Vec<u32> = hunks.iter().flat_map(|h| h.added_lines()).collect();
    let changes = compare(Language::Rust, "src/f.rs", old, new, &[1], &added);
    assert!(changes[0].signature_changed && changes[0].public);
}

#[test]
fn macros_and_closures_do_not_create_items() {
    let src = "fn outer() {\n    let c = || { inner_call(); };\n    vec![1, 2];\n}\n";
    assert_eq!(names(Language::Rust, src, "lib.rs"), vec!["fn outer"]);
}

#[test]
fn leaf_by_leaf_comparison_agrees_with_spelled_out_tokens() {
    let old = "mod m {\n    // note\n    impl A {\n        fn f(&self) -> u32 { 1 + 2 }\n        fn g() {}\n    }\n}\n";
    let variants = [
        old.replace("// note", "// another note"),
        old.replace("1 + 2", "1+2"),
        old.replace("1 + 2", "1 + 3"),
        old.replace("fn g() {}", "fn g() { /* body */ }"),
        old.replace("fn g() {}", "fn g() { h() }"),
        old.to_owned(),
    ];
    let path = "src/lib.rs";
    let old_tree = parse(
        Language::Rust,
        old,
        crate::analysis::syntax::ParseBudget::DEFAULT,
    )
    .unwrap();
    let old_items = items(Language::Rust, &old_tree, old, path).unwrap();
    let old_side = Side {
        items: &old_items,
        tree: Some(&old_tree),
        text: old,
    };
    for new in &variants {
        let new_tree = parse(
            Language::Rust,
            new,
            crate::analysis::syntax::ParseBudget::DEFAULT,
        )
        .unwrap();
        let new_items = items(Language::Rust, &new_tree, new, path).unwrap();
        let new_side = Side {
            items: &new_items,
            tree: Some(&new_tree),
            text: new,
        };
        assert_eq!(old_items.len(), new_items.len());
        for (before, after) in old_items.iter().zip(&new_items) {
            assert_eq!(
                old_side.same_tokens(before, &new_side, after),
                old_side.tokens(before) == new_side.tokens(after),
                "{} in {new:?}",
                after.name
            );
        }
    }
    // No tree on either side: nothing to tell apart.
    let bare = Side {
        items: &old_items,
        tree: None,
        text: old,
    };
    assert!(bare.same_tokens(&old_items[0], &bare, &old_items[0]));
}
