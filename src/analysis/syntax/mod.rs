//! Syntax: tree-sitter parsing of both sides of each changed file, changed items for code, and
//! key-path diffs for config.

pub mod config;
pub mod items;

mod parse;
pub mod testcode;

pub use crate::model::language::{is_template, Language};
pub use parse::{parse, parse_counting, ParseBudget, ParseError};
