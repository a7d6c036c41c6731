//! Entry points for the fuzz targets (fuzz/) and their seed run in `cargo test`
//! (tests/fuzz_seeds.rs): each reader of untrusted input, called as the gate calls it. Any panic,
//! hang or unbounded growth here is a bug; the readers must return a value or an error.

use crate::analysis::syntax::{config, parse, Language, ParseBudget};

/// The unified-diff parser (`check --diff`).
pub fn patch(data: &[u8]) {
    let _ = crate::source::diff::parse_patch(data);
}

/// One config reader: parse, flatten and diff against itself.
pub fn config(language: Language, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let flat = if language == Language::Yaml && config::long_yaml::is_long(text) {
        match config::flatten_long_yaml(text, ParseBudget::DEFAULT) {
            Ok((flat, _)) => flat,
            Err(_) => return,
        }
    } else {
        let Ok(tree) = parse(language, text, ParseBudget::DEFAULT) else {
            return;
        };
        config::flatten(language, &tree, text)
    };
    assert!(
        config::diff(&flat.entries, &flat.entries).is_empty(),
        "a file differs from itself"
    );
}

/// The policy loader (`.changegate.yml`).
pub fn policy(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::policy::Policy::from_yaml(text, "fuzz.yml");
    }
}

/// The rule loader (custom rule files).
pub fn rules(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let custom = [("rules/fuzz.yml".to_owned(), text.to_owned())];
        let _ = crate::rules::RuleSet::load(Some(&[]), &custom, &[]);
    }
}
