//! The built-in rule packs, embedded from `rules/*.yml` at build time.

/// `(pack name, YAML text)`, in the order they load.
pub const BUILTIN_PACKS: [(&str, &str); 7] = [
    ("rust", include_str!("../../rules/rust.yml")),
    ("kubernetes", include_str!("../../rules/kubernetes.yml")),
    ("terraform", include_str!("../../rules/terraform.yml")),
    ("config", include_str!("../../rules/config.yml")),
    ("secrets", include_str!("../../rules/secrets.yml")),
    ("shell", include_str!("../../rules/shell.yml")),
    ("sql", include_str!("../../rules/sql.yml")),
];
