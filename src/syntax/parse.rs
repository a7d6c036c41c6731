//! Parsing with limits: a size cap and a time budget, so one pathological file cannot stall the
//! gate. A file that hits a limit is reported as not analysed, never silently dropped.

use super::Language;
use std::time::{Duration, Instant};
use tree_sitter::{ParseOptions, Parser, Tree};

/// Why a file could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("parsing took longer than {0:?} and was stopped")]
    Timeout(Duration),
    #[error("the {0} grammar could not be loaded")]
    Grammar(&'static str),
}

/// Parses `text` as `language`, giving up after `budget`.
pub fn parse(language: Language, text: &str, budget: Duration) -> Result<Tree, ParseError> {
    let mut parser = Parser::new();
    parser
        .set_language(&language.grammar())
        .map_err(|_| ParseError::Grammar(language.name()))?;
    let start = Instant::now();
    // tree-sitter calls this periodically; returning true cancels the parse.
    let mut over_budget = |_: &tree_sitter::ParseState| start.elapsed() > budget;
    let bytes = text.as_bytes();
    let mut read = |offset: usize, _| bytes.get(offset..).unwrap_or_default();
    parser
        .parse_with_options(
            &mut read,
            None,
            Some(ParseOptions::new().progress_callback(&mut over_budget)),
        )
        .ok_or(ParseError::Timeout(budget))
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
            parse(Language::Rust, &big, Duration::ZERO).unwrap_err(),
            ParseError::Timeout(Duration::ZERO)
        );
        assert!(parse(Language::Rust, &big, Duration::from_secs(60)).is_ok());
    }
}
