//! Which lines are test code, so rules can `exclude: [test-code]`: files under test, fixture,
//! example and documentation directories or with test naming conventions (helm-unittest suites,
//! chart-testing values `ci/*-values.yaml`, e2e manifests), and Rust `#[test]` functions and
//! `#[cfg(test)]` modules. None of it is deployed as it stands.

use super::Language;
use tree_sitter::{Node, Tree};

/// Whether the whole file is test code by its path: a test (`is_test_file`), or a fixture,
/// example, benchmark or documentation file — none of it is deployed as it stands.
pub fn is_test_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let dirs = &parts[..parts.len().saturating_sub(1)];
    let name = parts.last().copied().unwrap_or("");
    is_test_file(path)
        || dirs.iter().any(|d| {
            matches!(
                *d,
                "benches"
                    | "examples"
                    | "example"
                    | "samples"
                    | "testdata"
                    | "fixtures"
                    | "docs"
                    | "doc"
            )
        })
        // chart-testing's values files: `charts/x/ci/*-values.yaml`.
        || (dirs.last() == Some(&"ci")
            && (name.ends_with("-values.yaml") || name.ends_with("-values.yml")))
}

/// Whether the file is a test proper (under a test directory, or named as one): deleting it
/// removes a check, unlike deleting an example or a fixture.
pub fn is_test_file(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let dirs = &parts[..parts.len().saturating_sub(1)];
    if dirs.iter().any(|d| {
        matches!(
            *d,
            "tests" | "test" | "spec" | "__tests__" | "unittests" | "e2e"
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
        || name.ends_with("_spec.rb")
        || name.ends_with("Test.java")
        || name.ends_with("Tests.java")
        || name == "tests.rs"
}

/// Line ranges (1-based, inclusive) of test code inside a file.
pub fn test_ranges(
    language: Language,
    tree: &Tree,
    text: &str,
) -> Result<Vec<(u32, u32)>, super::TooDeep> {
    let mut out = Vec::new();
    if language == Language::Rust {
        collect_rust(tree.root_node(), text.as_bytes(), &mut out, 0)?;
    }
    Ok(out)
}

/// Walks items in sibling order, remembering whether the attributes just before an item mark it
/// as test code (sibling lookups are linear in tree-sitter, so they are avoided).
fn collect_rust(
    node: Node<'_>,
    src: &[u8],
    out: &mut Vec<(u32, u32)>,
    depth: usize,
) -> Result<(), super::TooDeep> {
    if depth > super::MAX_TREE_DEPTH {
        return Err(super::TooDeep);
    }
    let mut cursor = node.walk();
    let mut test_attribute = false;
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "attribute_item" => test_attribute |= is_test_attribute(child, src),
            kind if kind.contains("comment") => {}
            "function_item" | "mod_item" if test_attribute => {
                out.push((
                    u32::try_from(child.start_position().row + 1).unwrap_or(u32::MAX),
                    u32::try_from(child.end_position().row + 1).unwrap_or(u32::MAX),
                ));
                test_attribute = false;
            }
            _ => {
                test_attribute = false;
                if child.named_child_count() > 0 {
                    collect_rust(child, src, out, depth + 1)?;
                }
            }
        }
    }
    Ok(())
}

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]`, `#[rstest]`, `#[test_case(…)]`.
pub fn is_test_attribute(attr: Node<'_>, src: &[u8]) -> bool {
    let text = std::str::from_utf8(&src[attr.byte_range()]).unwrap_or("");
    let inner: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    inner == "#[test]"
        || inner.ends_with("::test]")
        || inner.starts_with("#[cfg(test")
        || inner.contains("cfg(any(test")
        || inner.starts_with("#[rstest")
        || inner.starts_with("#[test_case")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tests_by_path_but_not_examples_or_docs() {
        for path in [
            "spec/gitlab_shell_discover_spec.rb",
            "internal/command/x/x_test.go",
            "src/test/java/org/example/OwnerTests.java",
            "web/src/app.spec.ts",
        ] {
            assert!(is_test_file(path), "{path}");
        }
        for path in [
            "examples/vpc-flow-logs/s3.tf",
            "docs/guide.md",
            "src/lib.rs",
            "testing.md",
        ] {
            assert!(!is_test_file(path), "{path}");
        }
    }

    use crate::analysis::syntax::parse;

    #[test]
    fn test_paths() {
        for path in [
            "tests/a.rs",
            "crate/benches/b.rs",
            "pkg/x_test.go",
            "charts/argo-cd/ci/ha-values.yaml",
            "charts/argo-cd/unittests/deployment_test.yaml",
            "docs/install/manifest.yaml",
            "test/e2e/deploy.yaml",
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
            "charts/argo-cd/values.yaml",
            ".gitlab/ci/build.yml",
            "tests",
        ] {
            assert!(!is_test_path(path), "{path}");
        }
    }

    #[test]
    fn rust_test_functions_and_modules() {
        let src = "fn real() {}\n#[test]\nfn t() {}\n#[cfg(test)]\nmod tests {\n    fn helper() {}\n}\n#[tokio::test]\nasync fn a() {}\n";
        let tree = parse(
            Language::Rust,
            src,
            crate::analysis::syntax::ParseBudget::DEFAULT,
        )
        .unwrap();
        assert_eq!(
            test_ranges(Language::Rust, &tree, src).unwrap(),
            vec![(3, 3), (5, 7), (9, 9)]
        );
    }
}
