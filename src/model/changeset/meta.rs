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
    /// The branch the change comes from (PR head ref, MR source branch, the local branch):
    /// coding agents push to their own prefixes (`copilot/…`, `claude/…`).
    pub branch: Option<String>,
}

/// One commit of the change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    Approved,
    ChangesRequested,
    Commented,
    Dismissed,
}

/// One review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Review {
    pub user: String,
    pub state: ReviewState,
    /// The commit the review was given on.
    pub commit_id: Option<String>,
    /// RFC 3339 time; reviews are ordered by it (stable for equal times).
    pub submitted_at: Option<String>,
}

/// Trailers of a commit message as git parses them for the common case: the last paragraph,
/// when every line of it is `Token: value` (continuation lines start with whitespace).
pub fn parse_trailers(message: &str) -> Vec<(String, String)> {
    let trimmed = message.trim_end();
    let Some(last) = trimmed.rsplit("\n\n").next() else {
        return Vec::new();
    };
    if last == trimmed && !trimmed.contains('\n') && !trimmed.contains(": ") {
        return Vec::new();
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for line in last.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(previous) = out.last_mut() {
                previous.1.push(' ');
                previous.1.push_str(line.trim());
                continue;
            }
            return Vec::new();
        }
        match line.split_once(':') {
            Some((token, value))
                if !token.is_empty() && token.chars().all(|c| c.is_alphanumeric() || c == '-') =>
            {
                out.push((token.to_owned(), value.trim().to_owned()));
            }
            _ => return Vec::new(),
        }
    }
    // A one-paragraph message is a subject, not trailers.
    if last == trimmed {
        return Vec::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers_from_the_last_paragraph() {
        let msg = "Fix routing\n\nLonger body: with a colon.\n\nCo-authored-by: GitHub Copilot <c@g.com>\nSigned-off-by: A\n  continued\n";
        assert_eq!(
            parse_trailers(msg),
            vec![
                (
                    "Co-authored-by".to_owned(),
                    "GitHub Copilot <c@g.com>".to_owned()
                ),
                ("Signed-off-by".to_owned(), "A continued".to_owned())
            ]
        );
        assert!(parse_trailers("Subject: only\n").is_empty());
        assert!(parse_trailers("Subject\n\nnot a trailer line\nKey: v\n").is_empty());
    }
}
