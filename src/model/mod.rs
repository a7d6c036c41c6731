//! The data every stage shares, at the bottom of the module graph: the change as read
//! (`changeset`) and what the gate says about it (`finding`). Models hold no logic that reaches
//! for another stage, so any stage may use them without a cycle.

pub mod changeset;
pub mod finding;
pub mod language;
pub mod system;

pub use finding::{Finding, Range, Severity};
pub use language::Language;
