//! changegate: a deterministic change-safety gate.
pub mod changeset;
pub mod diff;
pub mod source;
pub mod policy;
