//! The built-in rule packs, embedded from `rules/*.yml` at build time.

/// One built-in pack.
#[derive(Debug, Clone, Copy)]
pub struct Pack {
    /// What `rules.packs` names it by.
    pub name: &'static str,
    /// The first part of each of its rule ids (`k8s/replicas-to-zero`); also accepted in
    /// `rules.packs`.
    pub prefix: &'static str,
    pub text: &'static str,
}

impl Pack {
    /// Whether `rules.packs` entry `wanted` selects this pack (by name or by id prefix).
    pub fn is(&self, wanted: &str) -> bool {
        wanted == self.name || wanted == self.prefix
    }
}

const fn pack(name: &'static str, prefix: &'static str, text: &'static str) -> Pack {
    Pack { name, prefix, text }
}

/// In the order they load.
pub const BUILTIN_PACKS: [Pack; 8] = [
    pack("rust", "rust", include_str!("../../rules/rust.yml")),
    pack(
        "kubernetes",
        "k8s",
        include_str!("../../rules/kubernetes.yml"),
    ),
    pack("terraform", "tf", include_str!("../../rules/terraform.yml")),
    pack("config", "config", include_str!("../../rules/config.yml")),
    pack(
        "secrets",
        "secrets",
        include_str!("../../rules/secrets.yml"),
    ),
    pack("shell", "shell", include_str!("../../rules/shell.yml")),
    pack("ci", "ci", include_str!("../../rules/ci.yml")),
    pack("sql", "sql", include_str!("../../rules/sql.yml")),
];

/// Where the catalog of built-in rules is published; each rule's `url` points at its entry.
pub const CATALOG_URL: &str =
    "https://github.com/changegate/changegate/blob/main/docs/rule-catalog.md";

/// The catalog anchor GitHub gives a `## k8s/replicas-to-zero` heading: lowercase, punctuation
/// other than `-` and `_` dropped, spaces to `-`.
pub fn catalog_anchor(id: &str) -> String {
    id.chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}
