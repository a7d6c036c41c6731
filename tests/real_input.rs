//! Input that aborted, hung or was skipped in silence when real repositories met the gate: each
//! case runs the real binary on a real git repository and asserts a verdict (exit 0 or 1), and
//! that what could not be analysed is said in every renderer.

mod common;

use common::{file, rule_ids, TestRepo};

fn run(repo: &TestRepo, format: &str) -> (i32, String) {
    let out = repo
        .changegate()
        .args([
            "check", "--base", "main", "--head", "HEAD", "--format", format,
        ])
        .args(["--description-file", &repo.description_file()])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn hcl_reference_expressions_get_a_verdict_not_a_stack_overflow() {
    let repo = TestRepo::with_base(&[(
        "main.tf",
        "a = 1\nb = [1]\nresource \"aws_subnet\" \"s\" {\n  vpc_id = \"x\"\n}\n",
    )]);
    repo.write(
        "main.tf",
        "a = var.x\nb = c[0]\nresource \"aws_subnet\" \"s\" {\n  vpc_id = aws_vpc.main.id\n  tags = merge(var.tags, { Name = \"s\" })\n}\n",
    );
    repo.commit("references");
    let report = repo.check_documented(0);
    let changes = file(&report, "main.tf")["config_changes"]
        .as_array()
        .unwrap();
    let after = |key: &str| {
        changes
            .iter()
            .find(|c| c["key"] == key)
            .map(|c| c["after"].clone())
    };
    assert_eq!(after("a"), Some("var.x".into()));
    assert_eq!(after("b"), Some("c[0]".into()));
    assert_eq!(
        after("resource.aws_subnet.s.vpc_id"),
        Some("aws_vpc.main.id".into())
    );
    assert_eq!(file(&report, "main.tf")["analysis"]["status"], "complete");
}

#[test]
fn yaml_alias_bomb_is_bounded_and_reported() {
    // Each level repeats the one before ten times: 10^12 nodes if expanded.
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for level in 1..12u8 {
        let name = (b'a' + level) as char;
        let items = vec![format!("*{previous}"); 10].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{items}]\n"));
        previous = name;
    }
    assert!(bomb.len() < 600);
    let repo = TestRepo::with_base(&[("config/app.yaml", "a: 1\n")]);
    repo.write("config/app.yaml", &bomb);
    repo.commit("aliases");
    let report = repo.check_documented(1);
    let analysis = &file(&report, "config/app.yaml")["analysis"];
    assert_eq!(analysis["status"], "partial");
    assert_eq!(analysis["gaps"][0]["reason"], "alias-budget");
    assert!(rule_ids(&report).contains(&"analysis/not-analysed".to_owned()));
}

#[test]
fn a_deeply_nested_line_no_longer_hides_the_rest_of_the_file() {
    let base = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n      securityContext:\n        privileged: false\n";
    let repo = TestRepo::with_base(&[("k8s/pod.yaml", base)]);
    let deep = format!("  deep: {}1{}\n", "[".repeat(2_100), "]".repeat(2_100));
    repo.write(
        "k8s/pod.yaml",
        format!(
            "{}{deep}",
            base.replace("privileged: false", "privileged: true")
        ),
    );
    repo.commit("privileged");
    let report = repo.check_documented(1);
    let ids = rule_ids(&report);
    assert!(ids.contains(&"k8s/privileged".to_owned()), "{ids:?}");
    let analysis = &file(&report, "k8s/pod.yaml")["analysis"];
    assert_eq!(analysis["gaps"][0]["reason"], "too-deep");
    // Every renderer names the file and what was not analysed.
    for format in ["text", "markdown", "sarif"] {
        let (code, out) = run(&repo, format);
        assert_eq!(code, 1, "{format}");
        assert!(
            out.contains("k8s/pod.yaml") && out.contains("nested more than 256 levels"),
            "{format}: {out}"
        );
    }
    let (_, sarif) = run(&repo, "sarif");
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(
        sarif["runs"][0]["properties"]["notAnalysed"][0]["path"],
        "k8s/pod.yaml"
    );
}

#[test]
fn a_valid_60000_key_map_is_compared_completely() {
    let map = |bump: usize| -> String {
        (0..60_000)
            .map(|i| format!("key_{i:06}: value {}\n", if i == bump { i + 1 } else { i }))
            .collect()
    };
    let repo = TestRepo::with_base(&[("config/big.yaml", map(usize::MAX))]);
    repo.write("config/big.yaml", map(50_000));
    repo.commit("one key");
    let report = repo.check_documented(0);
    let f = file(&report, "config/big.yaml");
    assert_eq!(f["analysis"]["status"], "complete", "{:#}", f["analysis"]);
    let changes = f["config_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["key"], "key_050000");
    assert_eq!(changes[0]["line"], 50_001);
}

#[test]
fn an_unsupported_language_is_named_but_does_not_block() {
    let repo = TestRepo::with_base(&[("deploy/Main.java", "class Main {}\n")]);
    repo.write("deploy/Main.java", "class Main { int x; }\n");
    repo.commit("java");
    let report = repo.check_documented(0);
    let analysis = &file(&report, "deploy/Main.java")["analysis"];
    assert_eq!(analysis["gaps"][0]["reason"], "unsupported-language");
    let (_, text) = run(&repo, "text");
    assert!(
        text.contains("no grammar") && text.contains("deploy/Main.java"),
        "{text}"
    );
}

#[test]
fn a_tier_one_policy_can_opt_out_of_failing_closed() {
    let repo = TestRepo::with_base(&[
        (
            ".changegate.yml",
            "version: 1\ntiers:\n  infra:\n    paths: [\"config/**\"]\n    require:\n      complete_analysis: false\n",
        ),
        ("config/app.json", "{\"a\": 1}\n"),
    ]);
    repo.write(
        "config/app.json",
        format!("{{\"a\": {}1{}}}\n", "[".repeat(300), "]".repeat(300)),
    );
    repo.commit("deep");
    let report = repo.check_documented(0);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "analysis/not-analysed")
        .expect("still reported");
    assert_eq!(finding["blocking"], false);
    assert_eq!(finding["severity"], "info");
}

#[test]
fn an_lfs_pointer_in_the_first_tier_is_named_and_fails_closed() {
    let pointer = |oid: &str| {
        format!("version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 12345\n")
    };
    let repo = TestRepo::with_base(&[("deploy/values.yaml", pointer(&"a".repeat(64)))]);
    repo.write("deploy/values.yaml", pointer(&"b".repeat(64)));
    repo.commit("lfs");
    let report = repo.check_documented(1);
    let analysis = &file(&report, "deploy/values.yaml")["analysis"];
    assert_eq!(analysis["status"], "not-analysed");
    assert_eq!(analysis["gaps"][0]["reason"], "lfs-pointer");
}

/// Copies a vendored side (`tests/corpus/rust-analyzer/<commit>/<side>/…`) into the repository.
fn vendored(repo: &TestRepo, commit: &str, side: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/rust-analyzer")
        .join(commit)
        .join(side);
    // `context/` is there only when the test needs files the commit does not change.
    let mut stack: Vec<_> = root.is_dir().then(|| root.clone()).into_iter().collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(&root).unwrap().to_str().unwrap();
                repo.write(relative, std::fs::read(&path).unwrap());
            }
        }
    }
}

/// The real commit, rebuilt: `context` (unchanged files) and `old` on main, `new` on top.
fn rust_analyzer_commit(commit: &str) -> TestRepo {
    let repo = TestRepo::new();
    vendored(&repo, commit, "context");
    vendored(&repo, commit, "old");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    vendored(&repo, commit, "new");
    repo.commit("change");
    repo
}

fn findings_in<'a>(report: &'a serde_json::Value, path: &str) -> Vec<&'a str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect()
}

#[test]
fn rust_files_their_parent_declares_for_tests_are_test_code() {
    // `#[cfg(test)] mod macro_expansion_tests;` in lib.rs (changed by the same commit), the
    // module's mod.rs and its child mbe.rs: all test code, so `exclude: [test-code]` rules skip them.
    let repo = rust_analyzer_commit("5d43e752ad8d");
    let report = repo.check_documented(0);
    for path in [
        "crates/hir-def/src/macro_expansion_tests/mod.rs",
        "crates/hir-def/src/macro_expansion_tests/mbe.rs",
    ] {
        assert_eq!(findings_in(&report, path), Vec::<&str>::new(), "{path}");
        assert_eq!(file(&report, path)["analysis"]["status"], "complete");
    }
    // The parent itself, not under test, is still judged (its items are listed).
    assert!(!file(&report, "crates/hir-def/src/lib.rs")["items"]
        .as_array()
        .unwrap()
        .is_empty());

    // `#[cfg(test)] mod test_db;` in a lib.rs the commit does not touch (read from the base).
    let repo = rust_analyzer_commit("cbff4ae1518a");
    let report = repo.check_documented(0);
    assert_eq!(
        findings_in(&report, "crates/hir-ty/src/test_db.rs"),
        Vec::<&str>::new()
    );
}

#[test]
fn a_module_declared_without_a_test_attribute_is_production_code() {
    // The same real commit with lib.rs declaring `test_db` for a feature, not for tests: the
    // `.unwrap()` the commit added is reported (so the case above can fail).
    let repo = TestRepo::new();
    vendored(&repo, "cbff4ae1518a", "context");
    let lib = repo.path().join("crates/hir-ty/src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    assert!(text.contains("#[cfg(test)]\nmod test_db;"));
    repo.write(
        "crates/hir-ty/src/lib.rs",
        text.replace(
            "#[cfg(test)]\nmod test_db;",
            "#[cfg(feature = \"db\")]\nmod test_db;",
        ),
    );
    vendored(&repo, "cbff4ae1518a", "old");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    vendored(&repo, "cbff4ae1518a", "new");
    repo.commit("change");
    let report = repo.check_documented(0);
    assert_eq!(
        findings_in(&report, "crates/hir-ty/src/test_db.rs"),
        vec!["rust/unwrap"]
    );
}

#[test]
fn deleting_a_test_module_file_is_a_removed_test() {
    let repo = TestRepo::with_base(&[
        ("src/lib.rs", "pub fn f() {}\n#[cfg(test)]\nmod checks;\n"),
        ("src/checks.rs", "#[test]\nfn f_works() { super::f(); }\n"),
    ]);
    repo.write("src/lib.rs", "pub fn f() {}\n");
    repo.remove("src/checks.rs");
    repo.commit("drop the checks");
    let report = repo.check_documented(0);
    assert!(
        rule_ids(&report).contains(&"tests/file-removed".to_owned()),
        "{:#}",
        report["findings"]
    );
}
