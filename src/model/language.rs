//! Languages changegate parses, recognised by file name, extension or shebang.

use serde::Serialize;

/// A language with a tree-sitter grammar compiled into the binary.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Rust,
    Go,
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Bash,
    Yaml,
    Json,
    Toml,
    Hcl,
}

impl Language {
    /// Every language, for listings.
    pub const ALL: [Language; 11] = [
        Language::Rust,
        Language::Go,
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Bash,
        Language::Yaml,
        Language::Json,
        Language::Toml,
        Language::Hcl,
    ];

    /// The name rules use in `language:`.
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::Go => "go",
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Bash => "bash",
            Language::Yaml => "yaml",
            Language::Json => "json",
            Language::Toml => "toml",
            Language::Hcl => "hcl",
        }
    }

    /// The language a rule's `language:` names (`terraform` and `sh` are accepted aliases).
    pub fn from_name(name: &str) -> Option<Language> {
        let name = name.to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.name() == name)
            .or(match name.as_str() {
                "terraform" | "tf" => Some(Language::Hcl),
                "sh" | "shell" => Some(Language::Bash),
                "js" => Some(Language::JavaScript),
                "ts" => Some(Language::TypeScript),
                "yml" => Some(Language::Yaml),
                _ => None,
            })
    }

    /// Config languages get a key-path diff instead of item mapping.
    pub fn is_config(self) -> bool {
        matches!(
            self,
            Language::Yaml | Language::Json | Language::Toml | Language::Hcl
        )
    }

    /// The compiled grammar.
    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Bash => tree_sitter_bash::LANGUAGE.into(),
            Language::Yaml => tree_sitter_yaml::LANGUAGE.into(),
            Language::Json => tree_sitter_json::LANGUAGE.into(),
            Language::Toml => tree_sitter_toml_ng::LANGUAGE.into(),
            Language::Hcl => tree_sitter_hcl::LANGUAGE.into(),
        }
    }

    /// Detects the language of `path`, looking at the first line of `text` for a shebang when the
    /// name says nothing.
    /// The file extensions (lowercase) that mean this language.
    pub fn extensions(self) -> impl Iterator<Item = &'static str> {
        EXTENSIONS
            .iter()
            .filter(move |(_, language)| *language == self)
            .map(|(ext, _)| *ext)
    }

    pub fn detect(path: &str, text: Option<&str>) -> Option<Language> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let lower = name.to_ascii_lowercase();
        let by_name = match lower.as_str() {
            "cargo.lock" | "pipfile" | "poetry.lock" => Some(Language::Toml),
            ".bashrc" | ".bash_profile" | ".profile" | ".envrc" => Some(Language::Bash),
            _ => None,
        };
        if by_name.is_some() {
            return by_name;
        }
        if is_template(path, text) {
            return None;
        }
        let ext = lower.rsplit_once('.').map(|(_, e)| e);
        let by_ext = ext
            .filter(|_| lower != "package-lock.json")
            .and_then(|ext| EXTENSIONS.iter().find(|(e, _)| *e == ext))
            .map(|&(_, language)| language);
        by_ext.or_else(|| shebang(text?))
    }
}

/// File extensions (lowercase) and their language; `package-lock.json` is left out by name.
const EXTENSIONS: [(&str, Language); 24] = [
    ("rs", Language::Rust),
    ("go", Language::Go),
    ("py", Language::Python),
    ("pyi", Language::Python),
    ("js", Language::JavaScript),
    ("mjs", Language::JavaScript),
    ("cjs", Language::JavaScript),
    ("jsx", Language::JavaScript),
    ("ts", Language::TypeScript),
    ("mts", Language::TypeScript),
    ("cts", Language::TypeScript),
    ("tsx", Language::Tsx),
    ("sh", Language::Bash),
    ("bash", Language::Bash),
    ("yaml", Language::Yaml),
    ("yml", Language::Yaml),
    ("json", Language::Json),
    ("jsonc", Language::Json),
    ("json5", Language::Json),
    ("toml", Language::Toml),
    ("tf", Language::Hcl),
    ("tfvars", Language::Hcl),
    ("hcl", Language::Hcl),
    ("nomad", Language::Hcl),
];

/// A Helm chart template (or any Go-templated YAML under `templates/`): `{{ … }}` makes it
/// something other than YAML until it is rendered, so it is not parsed as YAML (it would only
/// yield syntax errors); path and text rules still apply.
pub fn is_template(path: &str, text: Option<&str>) -> bool {
    let lower = path.to_ascii_lowercase();
    let yaml_like = [".yaml", ".yml", ".tpl"].iter().any(|e| lower.ends_with(e));
    let in_templates = lower.starts_with("templates/") || lower.contains("/templates/");
    yaml_like && in_templates && text.is_some_and(|t| t.contains("{{"))
}

fn shebang(text: &str) -> Option<Language> {
    let first = text.lines().next()?.strip_prefix("#!")?;
    let mut words = first.split_whitespace();
    let mut interpreter = words.next()?.rsplit('/').next()?;
    if interpreter == "env" {
        interpreter = words.find(|w| !w.starts_with('-'))?;
    }
    match interpreter {
        "sh" | "bash" | "dash" | "zsh" | "ksh" => Some(Language::Bash),
        i if i.starts_with("python") => Some(Language::Python),
        "node" | "nodejs" => Some(Language::JavaScript),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_extension_name_and_shebang() {
        assert_eq!(Language::detect("src/lib.rs", None), Some(Language::Rust));
        assert_eq!(Language::detect("infra/main.tf", None), Some(Language::Hcl));
        assert_eq!(Language::detect("k8s/app.YML", None), Some(Language::Yaml));
        assert_eq!(Language::detect("Cargo.lock", None), Some(Language::Toml));
        assert_eq!(
            Language::detect("scripts/deploy", Some("#!/usr/bin/env bash\nset -e\n")),
            Some(Language::Bash)
        );
        assert_eq!(
            Language::detect("bin/tool", Some("#!/usr/bin/python3\n")),
            Some(Language::Python)
        );
        assert_eq!(Language::detect("README", Some("hello")), None);
        assert_eq!(Language::detect("package-lock.json", None), None);
        let helm = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n";
        assert_eq!(
            Language::detect("charts/a/templates/svc.yaml", Some(helm)),
            None
        );
        assert_eq!(
            Language::detect("charts/a/templates/plain.yaml", Some("a: 1\n")),
            Some(Language::Yaml)
        );
        assert_eq!(
            Language::detect(".github/workflows/ci.yml", Some("run: ${{ x }}\n")),
            Some(Language::Yaml)
        );
    }

    #[test]
    fn names_round_trip_and_aliases_resolve() {
        for lang in Language::ALL {
            assert_eq!(Language::from_name(lang.name()), Some(lang));
        }
        assert_eq!(Language::from_name("terraform"), Some(Language::Hcl));
    }

    #[test]
    fn every_grammar_loads_into_one_parser() {
        let mut parser = tree_sitter::Parser::new();
        for lang in Language::ALL {
            parser
                .set_language(&lang.grammar())
                .unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        }
    }
}
