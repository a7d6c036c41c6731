//! Path globs shared by the policy and the rules: `*` stays within a directory, `**` crosses
//! directories, matched against repo-relative paths with `/` separators.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Deserializer};

/// A glob, compiled while deserializing so that a bad one is reported at its own line:col.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub glob: globset::Glob,
}

impl Pattern {
    /// Compiles `text` with changegate's glob semantics.
    pub fn new(text: &str) -> Result<Pattern, String> {
        GlobBuilder::new(text)
            .literal_separator(true)
            .build()
            .map(|glob| Pattern { glob })
            .map_err(|e| format!("invalid glob `{text}`: {}", e.kind()))
    }
}

impl schemars::JsonSchema for Pattern {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Glob".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A glob over repo-relative paths: `*` stays within a directory, `**` crosses directories."
        })
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Pattern::new(&text).map_err(serde::de::Error::custom)
    }
}

/// One set from many patterns (each already valid, so the set always builds).
pub fn glob_set(patterns: &[Pattern]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(pattern.glob.clone());
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// `glob_set`, matching without regard to ASCII case (`Deploy/` is `deploy/`).
pub fn glob_set_case_insensitive(patterns: &[Pattern]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        if let Ok(glob) = GlobBuilder::new(pattern.glob.glob())
            .literal_separator(true)
            .case_insensitive(true)
            .build()
        {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Whether `text` matches a pattern where only `*` is special (any run of characters).
pub fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if text.len() < first.len() + last.len() || !text.starts_with(first) || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// `wildcard`, case-insensitively: for trailer values such as `*Copilot*` or `*[bot]*`.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    wildcard(&pattern.to_lowercase(), &text.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match(
            "*copilot*",
            "GitHub Copilot <copilot@github.com>"
        ));
        assert!(wildcard_match(
            "*[bot]*",
            "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"
        ));
        assert!(wildcard_match("*", ""));
        assert!(!wildcard_match("*copilot*", "Alice <a@b>"));
        assert!(wildcard_match("a*b*c", "axxbyyc"));
        assert!(!wildcard_match("a*b*c", "ac"));
    }
}
