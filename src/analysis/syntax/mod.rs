//! Syntax: tree-sitter parsing of both sides of each changed file, changed items for code, and
//! key-path diffs for config.

pub mod config;
pub mod items;

mod parse;
pub mod testcode;

pub use crate::model::language::{is_template, Language};
pub use parse::{parse, parse_counting, ParseBudget, ParseError};

/// Deeper syntax trees are not walked for items or test code (rule queries, which tree-sitter
/// runs without recursion, still apply): no real file nests this deep, a hostile one may. The
/// walks recurse, so they stop there themselves and say so; no separate pass measures depth.
pub const MAX_TREE_DEPTH: usize = 2_000;

/// A tree nested deeper than `MAX_TREE_DEPTH`: its walk stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep;
