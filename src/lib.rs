//! changegate: a deterministic change-safety gate.
pub mod changeset;
pub mod diff;
