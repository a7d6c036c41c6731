//! Review policy: who approved, whether it counts, and what the change needs — the
//! platform-neutral core that GitHub, GitLab and `--reviews-file` all feed.
//!
//! Pure: `ChangeMeta`, the policy and the analysis in; requirements and review state out.

pub mod ai;
pub mod automation;
pub mod codeowners;
mod evaluate;
pub mod reviews_file;

pub use evaluate::{
    evaluate, join, requirement, Exclusion, Group, GroupOrigin, Identity, Reason, Requirement,
    ReviewState,
};
