//! Who made a change and how it was reviewed: filled from git locally, from the API on a platform.

use serde::Serialize;

/// Where the change is being judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// A local dry-run: no reviews exist yet.
    #[default]
    Local,
    GitHub,
    GitLab,
}

/// The human side of a change.
#[derive(Debug, Clone, Default)]
pub struct ChangeMeta {
    pub platform: Platform,
    pub title: Option<String>,
    /// PR/MR description (or local stand-in); `None` when nothing was available.
    pub description: Option<String>,
    /// Where the description came from, for reports ("pr.md", "commit messages").
    pub description_source: Option<String>,
    pub author: Option<String>,
    pub labels: Vec<String>,
    /// Commits in the change, oldest first.
    pub commits: Vec<Commit>,
    /// Reviews, chronological; empty locally.
    pub reviews: Vec<Review>,
}

/// One commit of the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub sha: String,
    pub author: String,
    pub message: String,
    /// `(token, value)` trailer pairs as git parsed them, in order.
    pub trailers: Vec<(String, String)>,
}

/// A review's state as the platforms report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    Approved,
    ChangesRequested,
    Commented,
    Dismissed,
}

/// One review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub user: String,
    pub state: ReviewState,
    pub commit_id: Option<String>,
}
