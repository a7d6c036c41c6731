//! Small, stage-free helpers: glob matching, Markdown sections, secret redaction. Nothing here
//! knows about changes, policies or findings.

pub mod escape;
pub mod glob;
pub mod markdown;
pub mod quantity;
pub mod redact;
