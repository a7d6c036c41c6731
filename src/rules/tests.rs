//! The built-in packs load, have unique ids, and pass their own tests; loading errors are precise.

use super::*;

#[test]
fn builtin_packs_pass_their_own_tests() {
    let set = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let failures: Vec<String> = selftest::test_all(&set)
        .into_iter()
        .filter(|o| !o.passed())
        .map(|o| {
            let mut lines = vec![format!("{} ({})", o.rule_id, o.origin)];
            lines.extend(o.missing.clone());
            lines.extend(o.cases.iter().filter(|c| !c.passed).map(|c| {
                format!(
                    "  {} #{}: {}",
                    if c.must_match { "match" } else { "no_match" },
                    c.number,
                    c.detail
                )
            }));
            lines.join("\n")
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} rule(s) fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        set.rules.len() >= 40,
        "only {} built-in rules",
        set.rules.len()
    );
}

#[test]
fn every_pack_contributes_and_ids_are_prefixed_by_pack() {
    let set = RuleSet::builtin().unwrap();
    for pack in BUILTIN_PACKS {
        let origin = format!("builtin:{}", pack.name);
        let mine: Vec<&Rule> = set.rules.iter().filter(|r| r.origin == origin).collect();
        assert!(!mine.is_empty(), "pack {} is empty", pack.name);
        for rule in mine {
            // The docs promise `<pack>/<rule>`: the prefix names the pack the rule comes from.
            assert!(
                rule.id.starts_with(&format!("{}/", pack.prefix)),
                "{} is in pack {} (prefix `{}/`)",
                rule.id,
                pack.name,
                pack.prefix
            );
            let url = rule.url.as_deref().unwrap_or_default();
            assert!(url.starts_with(CATALOG_URL), "{}: {url}", rule.id);
        }
    }
    for rule in &set.rules {
        assert!(
            !rule.message.is_empty() && rule.note.is_some(),
            "{} needs a message and a note",
            rule.id
        );
    }
}

fn load_err(text: &str) -> RulesError {
    RuleSet::load(Some(&[]), &[("custom/rules.yml".into(), text.into())], &[]).unwrap_err()
}

#[test]
fn invalid_query_names_rule_file_line_and_column() {
    let text = "- id: custom/bad\n  language: rust\n  severity: warning\n  message: m\n  query: |\n    (call_expression\n      function: (nope) @match)\n";
    let err = load_err(text);
    let p = &err.0[0];
    assert_eq!(p.rule.as_deref(), Some("custom/bad"));
    assert_eq!(p.origin, "custom/rules.yml");
    assert_eq!(p.location, Some((7, 18)), "{err}");
    assert!(p.message.contains("NodeType"), "{err}");
}

#[test]
fn unknown_fields_duplicates_and_missing_matchers_are_errors() {
    let err = load_err("- id: a/b\n  severity: warning\n  message: m\n  regex: x\n  colour: red\n");
    assert!(err.0[0].message.contains("unknown field `colour`"), "{err}");
    assert_eq!(err.0[0].location.map(|l| l.0), Some(5));

    let dup = "- id: a/b\n  severity: info\n  message: m\n  regex: x\n- id: a/b\n  severity: info\n  message: m\n  regex: y\n";
    let err = load_err(dup);
    assert!(err.0[0].message.contains("duplicate id"), "{err}");
    assert_eq!(err.0[0].location, Some((5, 1)));

    let err = load_err("- id: a/b\n  severity: info\n  message: m\n");
    assert!(err.0[0].message.contains("exactly one matcher"), "{err}");

    let err = load_err(
        "- id: a/b\n  language: rust\n  severity: info\n  message: m\n  query: (identifier) @x\n",
    );
    assert!(err.0[0].message.contains("no `@match` capture"), "{err}");

    let err = load_err("- id: a/b\n  language: rust\n  severity: info\n  message: \"{{nope}}\"\n  query: (identifier) @match\n");
    assert!(err.0[0].message.contains("`{{nope}}`"), "{err}");

    let err = load_err("- id: a/b\n  language: rust\n  severity: info\n  message: m\n  query: ((identifier) @match (#is? @match local))\n");
    assert!(
        err.0[0].message.contains("unsupported predicate `#is?`"),
        "{err}"
    );
}

#[test]
fn disable_and_pack_selection() {
    let set = RuleSet::load(Some(&["sql".into()]), &[], &["sql/truncate".into()]).unwrap();
    assert!(set.rules.iter().all(|r| r.id.starts_with("sql/")));
    assert!(set.get("sql/truncate").is_none());
    let err = RuleSet::load(Some(&["nope".into()]), &[], &["x/y".into()]).unwrap_err();
    assert_eq!(err.0.len(), 2, "{err}");
}

#[test]
fn standard_predicates_are_evaluated() {
    let text = r#"- id: t/any-of
  language: rust
  severity: info
  message: "{{m}}"
  query: |
    ((call_expression function: (identifier) @m) @match
     (#any-of? @m "exit" "abort")
     (#not-match? @m "^ab"))
  tests:
    match: ["fn f() { exit(1); }"]
    no_match: ["fn f() { abort(); }", "fn f() { other(); }"]
"#;
    let set = RuleSet::load(Some(&[]), &[("t.yml".into(), text.into())], &[]).unwrap();
    let outcomes = selftest::test_all(&set);
    assert!(outcomes[0].passed(), "{outcomes:?}");
}

#[test]
fn rule_catalog_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rule-catalog.md");
    let mut generated = Vec::new();
    crate::report::rules::catalog(&RuleSet::builtin().unwrap(), &BUILTIN_PACKS, &mut generated)
        .unwrap();
    let generated = String::from_utf8(generated).unwrap();
    if std::env::var("CHANGEGATE_BLESS").is_ok() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rule-catalog.md is stale: run `CHANGEGATE_BLESS=1 cargo test --lib rule_catalog` and commit it"
    );
    // Every rule's url anchor is a heading of the catalog.
    let set = RuleSet::builtin().unwrap();
    for rule in &set.rules {
        assert!(
            committed.contains(&format!("\n## {}\n", rule.id)),
            "{}",
            rule.id
        );
        assert!(rule
            .url
            .as_deref()
            .unwrap()
            .ends_with(&format!("#{}", catalog_anchor(&rule.id))));
    }
}

#[test]
fn a_change_pays_only_for_its_languages_queries_but_custom_rules_compile_in_full() {
    let yaml_only = BTreeSet::from([Language::Yaml]);
    let lazy = RuleSet::load_for(None, &[], &[], Some(&yaml_only)).unwrap();
    let full = RuleSet::builtin().unwrap();
    assert_eq!(
        lazy.rules.len(),
        full.rules.len(),
        "every rule is still listed"
    );
    let slot = |set: &RuleSet, id: &str| match &set.get(id).unwrap().matcher {
        Matcher::Query(q) => q.first().map(QuerySlot::is_compiled),
        _ => None,
    };
    assert_eq!(
        slot(&lazy, "rust/unwrap"),
        Some(false),
        "compiled on first use only"
    );
    assert!(lazy.combined.iter().all(|c| c.language == Language::Yaml));
    assert!(full.combined.iter().any(|c| c.language == Language::Rust));
    // First use compiles it, and it finds what it should.
    let Matcher::Query(q) = &lazy.get("rust/unwrap").unwrap().matcher else {
        unreachable!()
    };
    assert!(q[0].get().is_some());
    assert_eq!(slot(&lazy, "rust/unwrap"), Some(true));
    // A broken custom query is an error whatever languages the change holds.
    let broken = "- id: team/bad\n  language: rust\n  severity: warning\n  message: m\n  note: n\n  query: \"(call_expression @match\"\n";
    let err = RuleSet::load_for(
        Some(&[]),
        &[("custom/rules.yml".into(), broken.into())],
        &[],
        Some(&yaml_only),
    )
    .unwrap_err();
    assert!(err.to_string().contains("team/bad"), "{err}");
}
