//! Which lines are test code, so rules can `exclude: [test-code]`: files under test directories
//! or with test naming conventions, and Rust `#[test]` functions and `#[cfg(test)]` modules.

use super::Language;
use tree_sitter::{Node, Tree};

/// Whether the whole file is test code by its path.
pub fn is_test_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let dirs = &parts[..parts.len().saturating_sub(1)];
    if dirs.iter().any(|d| {
        matches!(
            *d,
            "tests" | "test" | "benches" | "examples" | "__tests__" | "testdata" | "fixtures"
        )
    }) {
        return true;
    }
    let name = parts.last().copied().unwrap_or("");
    name.ends_with("_test.go")
        || name.ends_with("_test.py")
        || name.starts_with("test_") && name.ends_with(".py")
        || [".test.", ".spec."].iter().any(|m| name.contains(m))
        || name.ends_with("_test.rs")
        || name == "tests.rs"
}

/// Line ranges (1-based, inclusive) of test code inside a file.
pub fn test_ranges(language: Language, tree: &Tree, text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    if language == Language::Rust {
        collect_rust(tree.root_node(), text.as_bytes(), &mut out);
    }
    out
}

fn collect_rust(node: Node<'_>, src: &[u8], out: &mut Vec<(u32, u32)>) {
    if matches!(node.kind(), "function_item" | "mod_item") && has_test_attribute(node, src) {
        out.push((
            u32::try_from(node.start_position().row + 1).unwrap_or(u32::MAX),
            u32::try_from(node.end_position().row + 1).unwrap_or(u32::MAX),
        ));
        return;
    }
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        collect_rust(child, src, out);
    }
}

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]`, `#[rstest]`… on the preceding attribute items.
fn has_test_attribute(node: Node<'_>, src: &[u8]) -> bool {
    let mut prev = node.prev_named_sibling();
    while let Some(attr) = prev.filter(|p| p.kind() == "attribute_item") {
        let text = std::str::from_utf8(&src[attr.byte_range()]).unwrap_or("");
        let inner: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if inner == "#[test]"
            || inner.ends_with("::test]")
            || inner.starts_with("#[cfg(test")
            || inner.contains("cfg(any(test")
            || inner.starts_with("#[rstest")
            || inner.starts_with("#[test_case")
        {
            return true;
        }
        prev = attr.prev_named_sibling();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn test_paths() {
        for path in [
            "tests/a.rs",
            "crate/benches/b.rs",
            "pkg/x_test.go",
            "app/test_x.py",
            "web/a.spec.ts",
            "src/tests.rs",
        ] {
            assert!(is_test_path(path), "{path}");
        }
        for path in [
            "src/lib.rs",
            "src/testing_utils.rs",
            "contest/main.go",
            "tests",
        ] {
            assert!(!is_test_path(path), "{path}");
        }
    }

    #[test]
    fn rust_test_functions_and_modules() {
        let src = "fn real() {}\n#[test]\nfn t() {}\n#[cfg(test)]\nmod tests {\n    fn helper() {}\n}\n#[tokio::test]\nasync fn a() {}\n";
        let tree = parse(Language::Rust, src, std::time::Duration::from_secs(5)).unwrap();
        assert_eq!(
            test_ranges(Language::Rust, &tree, src),
            vec![(3, 3), (5, 7), (9, 9)]
        );
    }
}
