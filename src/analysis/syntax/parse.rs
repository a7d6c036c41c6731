//! Parsing with a deterministic work budget, so one pathological file cannot stall the gate and
//! the verdict never depends on how busy the machine is. The budget counts tree-sitter's
//! progress callbacks (it calls back every fixed number of parser operations), which is the same
//! for the same text and grammar on any machine. A file over budget is reported as not analysed,
//! never silently dropped.

use super::Language;
use tree_sitter::{ParseOptions, Parser, Tree};

/// How much parsing work one side of one file may take: `base` callbacks plus `per_kib` for each
/// KiB of text, so that big ordinary files pass and only pathological ones stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseBudget {
    pub base: u64,
    pub per_kib: u64,
}

impl ParseBudget {
    /// Measured on the corpus (tests/corpus) and the cargo registry's sources: ordinary files
    /// take well under a tenth of this; a file that needs more is pathological.
    pub const DEFAULT: ParseBudget = ParseBudget {
        base: 20_000,
        per_kib: 4_000,
    };

    /// No work allowed at all (tests).
    pub const NONE: ParseBudget = ParseBudget {
        base: 0,
        per_kib: 0,
    };

    /// The callbacks allowed for `bytes` of text.
    pub fn limit(self, bytes: usize) -> u64 {
        let kib = (bytes as u64).div_ceil(1024);
        self.base.saturating_add(self.per_kib.saturating_mul(kib))
    }
}

/// Why a file could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("parsing needed more than its work budget ({0} steps) and was stopped")]
    OverBudget(u64),
    #[error("the {0} grammar could not be loaded")]
    Grammar(&'static str),
}

/// Parses `text` as `language` within `budget`.
pub fn parse(language: Language, text: &str, budget: ParseBudget) -> Result<Tree, ParseError> {
    parse_counting(language, text, budget).0
}

/// `parse`, also returning the work it took (for measuring the budget).
pub fn parse_counting(
    language: Language,
    text: &str,
    budget: ParseBudget,
) -> (Result<Tree, ParseError>, u64) {
    let mut parser = Parser::new();
    if parser.set_language(&language.grammar()).is_err() {
        return (Err(ParseError::Grammar(language.name())), 0);
    }
    let limit = budget.limit(text.len());
    let mut steps = 0u64;
    // tree-sitter calls this every fixed number of operations; returning true cancels the parse.
    let mut over_budget = |_: &tree_sitter::ParseState| {
        steps += 1;
        steps > limit
    };
    let bytes = text.as_bytes();
    let mut read = |offset: usize, _| bytes.get(offset..).unwrap_or_default();
    let tree = parser.parse_with_options(
        &mut read,
        None,
        Some(ParseOptions::new().progress_callback(&mut over_budget)),
    );
    (tree.ok_or(ParseError::OverBudget(limit)), steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_budget_stops_the_parse_instead_of_hanging() {
        let big: String = (0..20_000)
            .map(|i| format!("fn f{i}() {{ let x = {i}; }}\n"))
            .collect();
        assert_eq!(
            parse(Language::Rust, &big, ParseBudget::NONE).unwrap_err(),
            ParseError::OverBudget(0)
        );
        assert!(parse(Language::Rust, &big, ParseBudget::DEFAULT).is_ok());
    }

    #[test]
    fn the_work_counted_is_the_same_every_time() {
        let text: String = (0..2_000)
            .map(|i| format!("key{i}:\n  - a: {i}\n    b: [1, 2, {{c: d}}]\n"))
            .collect();
        let runs: Vec<u64> = (0..3)
            .map(|_| parse_counting(Language::Yaml, &text, ParseBudget::DEFAULT).1)
            .collect();
        assert!(runs[0] > 0);
        assert!(runs.iter().all(|&r| r == runs[0]), "{runs:?}");
    }
}
