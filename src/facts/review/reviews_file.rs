//! `--reviews-file`: the review state in a platform-neutral JSON form, for local runs and tests.
//!
//! ```json
//! {"author": "alice", "labels": ["ai-assisted"],
//!  "reviews": [{"user": "bob", "state": "APPROVED", "commit_id": "<sha>", "submitted_at": "2026-03-05T10:00:00Z"}]}
//! ```
//! Optional extensions: `title`, `description` (instead of `--description-file`), `head_sha`.

use crate::model::changeset::{ChangeMeta, Review, ReviewState};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewsFile {
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    head_sha: Option<String>,
    #[serde(default)]
    reviews: Vec<RawReview>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    user: String,
    state: String,
    #[serde(default)]
    commit_id: Option<String>,
    #[serde(default)]
    submitted_at: Option<String>,
}

/// Why a reviews file was rejected.
#[derive(Debug, thiserror::Error)]
#[error("{origin}:{line}:{column}: {message}")]
pub struct ReviewsFileError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Applies a reviews file to `meta`: reviews become known.
pub fn apply(text: &str, origin: &str, meta: &mut ChangeMeta) -> Result<(), ReviewsFileError> {
    let file: ReviewsFile = serde_json::from_str(text).map_err(|e| ReviewsFileError {
        origin: origin.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e
            .to_string()
            .rsplit_once(" at line ")
            .map_or(e.to_string(), |(m, _)| m.to_owned()),
    })?;
    let mut reviews = Vec::new();
    for r in file.reviews {
        let state = match r.state.to_ascii_uppercase().as_str() {
            "APPROVED" => ReviewState::Approved,
            "CHANGES_REQUESTED" => ReviewState::ChangesRequested,
            "COMMENTED" => ReviewState::Commented,
            "DISMISSED" => ReviewState::Dismissed,
            // A pending review has not been submitted: it says nothing yet.
            "PENDING" => continue,
            other => {
                return Err(ReviewsFileError {
                    origin: origin.to_owned(),
                    line: 1,
                    column: 1,
                    message: format!("review by `{}` has state `{other}`: expected APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING", r.user),
                })
            }
        };
        reviews.push(Review {
            user: r.user,
            state,
            commit_id: r.commit_id,
            submitted_at: r.submitted_at,
        });
    }
    if file.author.is_some() {
        meta.author = file.author;
    }
    meta.labels = file.labels;
    if file.title.is_some() {
        meta.title = file.title;
    }
    if let Some(description) = file.description {
        meta.description = Some(description);
        meta.description_source = Some(format!("{origin} (description)"));
    }
    if file.head_sha.is_some() {
        meta.head_sha = file.head_sha;
    }
    meta.reviews = reviews;
    meta.reviews_known = true;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_format() {
        let mut meta = ChangeMeta::default();
        apply(
            r#"{"author": "alice", "labels": ["ai-assisted"], "reviews": [
                {"user": "bob", "state": "APPROVED", "commit_id": "abc", "submitted_at": "2026-03-05T10:00:00Z"},
                {"user": "carol", "state": "pending"}]}"#,
            "r.json",
            &mut meta,
        )
        .unwrap();
        assert_eq!(meta.author.as_deref(), Some("alice"));
        assert_eq!(meta.reviews.len(), 1);
        assert_eq!(meta.reviews[0].state, ReviewState::Approved);
        assert!(meta.reviews_known);
    }

    #[test]
    fn errors_have_a_location_and_say_what_was_expected() {
        let mut meta = ChangeMeta::default();
        let e = apply("{\"reviewz\": []}", "r.json", &mut meta).unwrap_err();
        assert!(e.to_string().starts_with("r.json:1:"), "{e}");
        assert!(e.message.contains("unknown field `reviewz`"), "{e}");
        let e = apply(
            r#"{"reviews": [{"user": "b", "state": "LGTM"}]}"#,
            "r.json",
            &mut meta,
        )
        .unwrap_err();
        assert!(e.message.contains("expected APPROVED"), "{e}");
    }
}
