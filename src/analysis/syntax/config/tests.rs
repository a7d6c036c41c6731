use super::*;
use crate::analysis::syntax::parse;

fn flat(language: Language, text: &str) -> BTreeMap<String, Entry> {
    let tree = parse(
        language,
        text,
        crate::analysis::syntax::ParseBudget::DEFAULT,
    )
    .unwrap();
    flatten(language, &tree, text).entries
}

fn scalars(language: Language, text: &str) -> Vec<(String, String)> {
    flat(language, text)
        .into_iter()
        .filter_map(|(k, e)| e.text.map(|t| (k, t)))
        .collect()
}

fn changes(
    language: Language,
    old: &str,
    new: &str,
) -> Vec<(String, Option<String>, Option<String>)> {
    diff(&flat(language, old), &flat(language, new))
        .into_iter()
        .map(|c| {
            let show =
                |e: Option<Entry>| e.map(|e| e.text.unwrap_or_else(|| format!("<{}>", e.kind)));
            (c.path, show(c.before), show(c.after))
        })
        .collect()
}

#[test]
fn yaml_multi_document_kubernetes_addresses() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments-api\nspec:\n  replicas: 3\n---\nkind: Service\nmetadata:\n  name: payments\nspec:\n  ports:\n    - port: 80\n";
    let s = scalars(Language::Yaml, text);
    assert!(
        s.contains(&("Deployment/payments-api:spec.replicas".into(), "3".into())),
        "{s:?}"
    );
    assert!(
        s.contains(&("Service/payments:spec.ports[0].port".into(), "80".into())),
        "{s:?}"
    );
    let entries = flat(Language::Yaml, text);
    assert_eq!(entries["Deployment/payments-api:spec.replicas"].line, 6);
}

#[test]
fn yaml_anchors_aliases_and_merge_keys_resolve() {
    let text =
        "defaults: &d\n  timeout: 30\n  retries: 3\nprod:\n  <<: *d\n  retries: 5\ncopy: *d\n";
    let s = scalars(Language::Yaml, text);
    assert!(s.contains(&("prod.timeout".into(), "30".into())), "{s:?}");
    assert!(
        s.contains(&("prod.retries".into(), "5".into())),
        "explicit keys win: {s:?}"
    );
    assert!(s.contains(&("copy.retries".into(), "3".into())), "{s:?}");
    // Changing the anchor changes every place that uses it.
    let c = changes(
        Language::Yaml,
        text,
        &text.replace("timeout: 30", "timeout: 0"),
    );
    let paths: Vec<&str> = c.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        vec!["copy.timeout", "defaults.timeout", "prod.timeout"]
    );
}

#[test]
fn yaml_quoting_and_unnamed_documents() {
    let text = "a: \"x\\ty\"\nb: 'it''s'\n\"odd.key\": 1\n---\nc: 2\n";
    let s = scalars(Language::Yaml, text);
    assert!(s.contains(&("#0:a".into(), "x\ty".into())), "{s:?}");
    assert!(s.contains(&("#0:b".into(), "it's".into())), "{s:?}");
    assert!(s.contains(&("#0:\"odd.key\"".into(), "1".into())), "{s:?}");
    assert!(s.contains(&("#1:c".into(), "2".into())), "{s:?}");
}

#[test]
fn yaml_removed_subtree_is_one_change_plus_leaves() {
    let old = "spec:\n  probe:\n    path: /health\n  replicas: 2\n";
    let new = "spec:\n  replicas: 2\n";
    let c = changes(Language::Yaml, old, new);
    assert_eq!(
        c,
        vec![
            ("spec.probe".into(), Some("<map>".into()), None),
            ("spec.probe.path".into(), Some("/health".into()), None),
        ]
    );
}

#[test]
fn json_arrays_and_nesting() {
    let old = "{\"servers\": [{\"host\": \"a\", \"tls\": {\"verify\": true}}], \"n\": null}";
    let new = "{\"servers\": [{\"host\": \"a\", \"tls\": {\"verify\": false}}, {\"host\": \"b\"}], \"n\": null}";
    let c = changes(Language::Json, old, new);
    assert!(
        c.contains(&(
            "servers[0].tls.verify".into(),
            Some("true".into()),
            Some("false".into())
        )),
        "{c:?}"
    );
    assert!(
        c.contains(&("servers[1].host".into(), None, Some("b".into()))),
        "{c:?}"
    );
}

#[test]
fn toml_tables_dotted_keys_and_arrays_of_tables() {
    let text = "top = 1\n[server]\nport = 80\ntls.verify = true\n[[bin]]\nname = \"x\"\n[[bin]]\nname = \"y\"\n[a.b]\nc = { e = 'q' }\n";
    let s = scalars(Language::Toml, text);
    for expected in [
        ("top", "1"),
        ("server.port", "80"),
        ("server.tls.verify", "true"),
        ("bin[0].name", "x"),
        ("bin[1].name", "y"),
        ("a.b.c.e", "q"),
    ] {
        assert!(
            s.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {s:?}"
        );
    }
    assert_eq!(flat(Language::Toml, text)["server.port"].line, 3);
}

#[test]
fn hcl_blocks_attributes_and_repeated_blocks() {
    let text = r#"resource "aws_db_instance" "main" {
  deletion_protection = true
  tags = { team = "payments" }
  lifecycle {
    prevent_destroy = true
  }
}
resource "aws_security_group" "web" {
  ingress {
    cidr_blocks = ["10.0.0.0/8"]
  }
  ingress {
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#;
    let s = scalars(Language::Hcl, text);
    for expected in [
        ("resource.aws_db_instance.main.deletion_protection", "true"),
        ("resource.aws_db_instance.main.tags.team", "payments"),
        (
            "resource.aws_db_instance.main.lifecycle.prevent_destroy",
            "true",
        ),
        (
            "resource.aws_security_group.web.ingress[1].cidr_blocks[0]",
            "0.0.0.0/0",
        ),
    ] {
        assert!(
            s.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {s:?}"
        );
    }
    let c = changes(
        Language::Hcl,
        text,
        &text.replace("deletion_protection = true", "deletion_protection = false"),
    );
    assert_eq!(
        c,
        vec![(
            "resource.aws_db_instance.main.deletion_protection".into(),
            Some("true".into()),
            Some("false".into())
        )]
    );
}

#[test]
fn identical_configs_have_no_changes() {
    let text = "a:\n  b: [1, 2]\n";
    assert!(changes(Language::Yaml, text, text).is_empty());
}

#[test]
fn a_yaml_map_longer_than_the_grammar_counts_is_read_completely() {
    // tree-sitter-yaml keeps rows in 16 bits: a valid 60,000-key map lost its first 32,768 keys.
    let text = |bump: usize| -> String {
        (0..60_000)
            .map(|i| format!("key_{i:06}: value {}\n", if i == bump { i + 1 } else { i }))
            .collect()
    };
    let (old, err) = flatten_long_yaml(
        &text(usize::MAX),
        crate::analysis::syntax::ParseBudget::DEFAULT,
    )
    .unwrap();
    assert_eq!(err, None);
    assert!(old.gaps.is_empty());
    assert_eq!(old.entries.len(), 60_000);
    assert_eq!(old.entries["key_059999"].line, 60_000);
    let (new, _) =
        flatten_long_yaml(&text(45_000), crate::analysis::syntax::ParseBudget::DEFAULT).unwrap();
    let changes = diff(&old.entries, &new.entries);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].path, "key_045000");
    assert_eq!(changes[0].after.as_ref().unwrap().line, 45_001);
}

#[test]
fn long_yaml_keeps_documents_and_anchors_across_chunks() {
    let mut text = String::from("base: &b {x: 1}\n");
    for i in 0..20_000 {
        text.push_str(&format!("k{i}: {i}\n"));
    }
    text.push_str("---\nkind: Pod\nmetadata:\n  name: p\nspec: *b\n");
    for i in 0..20_000 {
        text.push_str(&format!("p{i}: {i}\n"));
    }
    let (flat, err) =
        flatten_long_yaml(&text, crate::analysis::syntax::ParseBudget::DEFAULT).unwrap();
    assert_eq!(err, None);
    assert_eq!(flat.entries["#0:k19999"].text.as_deref(), Some("19999"));
    assert_eq!(flat.entries["Pod/p:spec.x"].text.as_deref(), Some("1"));
    assert!(flat.entries.contains_key("Pod/p:p19999"));
}
