//! Bounds on reading a config tree: how deep values may nest and how much YAML alias expansion
//! may add. Every reader goes through a `Walk`, so input can never choose the reader's stack
//! depth or its memory. What a bound cut short is recorded as a `Gap` and reported; it is never
//! dropped in silence.

use super::Value;
use tree_sitter::Node;

/// Values nested deeper than this are kept as the text of the subtree: real configs nest a few
/// dozen levels, a hostile one thousands.
pub const MAX_VALUE_DEPTH: usize = 256;

/// Nodes that YAML aliases may add beyond what is written (a "billion laughs" file expands
/// exponentially; real files add a few thousand).
pub const ALIAS_NODE_BUDGET: usize = 50_000;

/// Bytes of key paths one file may flatten into (bounds a wide file under a deep prefix).
pub const MAX_PATH_BYTES: usize = 64 << 20;

/// Why part of a config file was not read key by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// Nested deeper than `MAX_VALUE_DEPTH` from this line on: compared as text.
    TooDeep { line: u32 },
    /// An alias here would have expanded past `ALIAS_NODE_BUDGET`: compared as `*name`.
    AliasBudget { line: u32 },
    /// The key paths exceeded `MAX_PATH_BYTES`: later keys were not compared.
    TooManyKeys,
}

impl Gap {
    /// A short machine-readable kind (JSON reports, tests).
    pub fn kind(self) -> &'static str {
        match self {
            Gap::TooDeep { .. } => "too-deep",
            Gap::AliasBudget { .. } => "alias-budget",
            Gap::TooManyKeys => "too-many-keys",
        }
    }
}

impl std::fmt::Display for Gap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Gap::TooDeep { line } => write!(
                f,
                "values nested more than {MAX_VALUE_DEPTH} levels deep (from line {line}) compared as text"
            ),
            Gap::AliasBudget { line } => write!(
                f,
                "YAML aliases would expand past {ALIAS_NODE_BUDGET} nodes (at line {line}); the rest are compared as alias names"
            ),
            Gap::TooManyKeys => write!(
                f,
                "more than {} MiB of key paths: the remaining keys were not compared",
                MAX_PATH_BYTES >> 20
            ),
        }
    }
}

/// The state of one reading: current depth, the alias budget left, and the gaps found.
pub struct Walk {
    depth: usize,
    alias_nodes_left: usize,
    gaps: Vec<Gap>,
}

impl Default for Walk {
    fn default() -> Self {
        Walk {
            depth: 0,
            alias_nodes_left: ALIAS_NODE_BUDGET,
            gaps: Vec::new(),
        }
    }
}

impl Walk {
    /// Steps into a nested value at `node`; `false` (and a recorded gap) when that is too deep.
    /// Every `true` must be paired with `leave`.
    pub fn enter(&mut self, node: Node<'_>) -> bool {
        if self.depth >= MAX_VALUE_DEPTH {
            self.record(Gap::TooDeep {
                line: super::line(node),
            });
            return false;
        }
        self.depth += 1;
        true
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether a copy of `value` (an anchor's) may be placed here; charges the budget if so.
    pub fn may_expand(&mut self, value: &Value, node: Node<'_>) -> bool {
        let (nodes, depth) = value.size();
        if self.depth + depth > MAX_VALUE_DEPTH {
            self.record(Gap::TooDeep {
                line: super::line(node),
            });
            return false;
        }
        if nodes > self.alias_nodes_left {
            self.record(Gap::AliasBudget {
                line: super::line(node),
            });
            self.alias_nodes_left = 0;
            return false;
        }
        self.alias_nodes_left -= nodes;
        true
    }

    /// Notes a gap (the first of each kind is enough to say what happened).
    pub fn record(&mut self, gap: Gap) {
        if !self.gaps.iter().any(|g| g.kind() == gap.kind()) {
            self.gaps.push(gap);
        }
    }

    pub fn into_gaps(self) -> Vec<Gap> {
        self.gaps
    }
}
