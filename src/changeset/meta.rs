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
    /// Whether `reviews` is the real review state (platform or `--reviews-file`); locally it is
    /// not, and review requirements are reported instead of enforced.
    pub reviews_known: bool,
    /// The head commit the reviews are compared with (fresh approvals).
    pub head_sha: Option<String>,
}

/// One commit of the change.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Commit {
    pub sha: String,
    /// `Name <email>`.
    pub author: String,
    /// `Name <email>`.
    pub committer: String,
    /// The platform login of the author, when the platform says.
    pub author_login: Option<String>,
    pub message: String,
    /// `(token, value)` trailer pairs as git parsed them, in order.
    pub trailers: Vec<(String, String)>,
    /// Number of parents (2+ for a merge).
    pub parents: usize,
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
    /// The commit the review was given on.
    pub commit_id: Option<String>,
    /// RFC 3339 time; reviews are ordered by it (stable for equal times).
    pub submitted_at: Option<String>,
}
