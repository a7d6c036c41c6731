//! What the platform says about the pull/merge request that brought a commit in.

use crate::model::changeset::{Commit, Review};
use serde::{Deserialize, Serialize};

/// The pull/merge request a commit arrived through, as the platform reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedChange {
    /// `#12` (GitHub) or `!12` (GitLab).
    pub reference: String,
    pub url: String,
    pub title: String,
    pub body: String,
    /// The author's login.
    pub author: Option<String>,
    /// Who merged it.
    pub merged_by: Option<String>,
    /// RFC 3339.
    pub merged_at: Option<String>,
    pub labels: Vec<String>,
    /// The head commit that was merged.
    pub head_sha: Option<String>,
    pub commits: Vec<Commit>,
    /// Every submitted review, as listed (filtered to the merge time when judged).
    pub reviews: Vec<Review>,
    /// Set when the platform could not say (the approvals API of GitLab Free): reviews unknown.
    pub reviews_unavailable: Option<String>,
}
