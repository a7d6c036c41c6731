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
