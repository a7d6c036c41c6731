//! Who approved a merge request, and whether each approval was given on the head being judged.
//!
//! GitLab lists every approval it still holds. Whether older ones were removed on push is a
//! project setting ("Remove all approvals when commits are added", a paid feature; off on Free),
//! so a listed approval may predate the last push by months. Freshness is established, in order:
//! 1. `approved_by[].approved_at` against the time the head arrived — the newest MR diff version
//!    whose `head_commit_sha` is the head (`GET …/merge_requests/:iid/versions`, every tier);
//! 2. else the project's `reset_approvals_on_push` (`GET /projects/:id/approvals`): when GitLab
//!    removes approvals on push, every listed one is on the head;
//! 3. else it cannot be established: the approval is kept with no commit, so where fresh
//!    approvals are required it does not count, and the report says why.
//!
//! Pages relied on: docs.gitlab.com/api/merge_request_approvals (approval state, `approved_at`),
//! docs.gitlab.com/api/merge_requests ("Get merge request diff versions"),
//! docs.gitlab.com/api/merge_request_approvals ("Get project-level approval configuration").

use super::User;
use crate::model::changeset::{Review, ReviewState};
use crate::platform::http::{ApiError, Client};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

/// `GET /projects/:id/merge_requests/:iid/approvals`.
#[derive(Deserialize)]
pub(crate) struct Approvals {
    #[serde(default)]
    pub(crate) approved_by: Vec<Approver>,
}

#[derive(Deserialize)]
pub(crate) struct Approver {
    pub(crate) user: User,
    /// Listed by recent GitLab releases; absent from older instances.
    #[serde(default)]
    pub(crate) approved_at: Option<String>,
}

/// One push to the MR: its head and when GitLab recorded it.
#[derive(Deserialize)]
struct Version {
    head_commit_sha: String,
    created_at: String,
}

#[derive(Deserialize)]
struct ProjectApprovals {
    #[serde(default)]
    reset_approvals_on_push: Option<bool>,
}

/// The reviews to judge, and what the report must say about them.
pub(crate) struct Read {
    pub reviews: Vec<Review>,
    pub notes: Vec<String>,
}

/// Where to look, and which commits matter.
pub(crate) struct Target<'a> {
    pub project_path: &'a str,
    pub mr_path: &'a str,
    /// The MR's own head (what reviewers saw).
    pub mr_head: &'a str,
    /// The commit the verdict is for (`meta.head_sha`): the MR head, or GitLab's merge commit.
    pub judged_head: &'a str,
}

/// Reads the approvals; an error of the approvals call itself is the caller's to handle (a
/// 403/404 means the token cannot read them). Freshness lookups that fail only make the
/// approvals not fresh.
pub(crate) async fn read(client: &Client, at: &Target<'_>) -> Result<Read, ApiError> {
    let approvals: Approvals = client.get(&format!("{}/approvals", at.mr_path)).await?;
    if approvals.approved_by.is_empty() {
        return Ok(Read {
            reviews: Vec::new(),
            notes: Vec::new(),
        });
    }
    let mut why_unknown = Vec::new();
    let versions = match client
        .paginate::<Version>(&format!("{}/versions", at.mr_path))
        .await
    {
        Ok(versions) => Some(versions),
        Err(e) => {
            why_unknown.push(format!("the MR versions API failed ({})", e.message()));
            None
        }
    };
    let all_timed = approvals
        .approved_by
        .iter()
        .all(|a| a.approved_at.is_some());
    let head_listed = versions
        .iter()
        .flatten()
        .any(|v| v.head_commit_sha == at.mr_head);
    let reset_on_push = if all_timed && head_listed {
        None
    } else {
        if !all_timed {
            why_unknown.push("this GitLab lists approvals without `approved_at`".into());
        }
        match client
            .get::<ProjectApprovals>(&format!("{}/approvals", at.project_path))
            .await
        {
            Ok(settings) => settings.reset_approvals_on_push,
            Err(e) => {
                why_unknown.push(format!(
                    "the project's approval settings could not be read ({})",
                    e.message()
                ));
                None
            }
        }
    };
    Ok(judge(
        approvals.approved_by,
        versions.as_deref(),
        reset_on_push,
        at,
        &why_unknown,
    ))
}

/// The freshness decision, apart from the API so it can be tested on its own.
fn judge(
    approvers: Vec<Approver>,
    versions: Option<&[Version]>,
    reset_on_push: Option<bool>,
    at: &Target<'_>,
    why_unknown: &[String],
) -> Read {
    // Versions are listed newest first; parse once, drop what does not parse.
    let versions: Vec<(DateTime<FixedOffset>, &str)> = versions
        .unwrap_or_default()
        .iter()
        .filter_map(|v| Some((parse(&v.created_at)?, v.head_commit_sha.as_str())))
        .collect();
    // When the head arrived: its newest version (a branch reset to an old head re-arrives).
    let arrived = versions
        .iter()
        .filter(|(_, head)| *head == at.mr_head)
        .map(|(time, _)| *time)
        .max();
    let mut unknown = Vec::new();
    let mut reviews = Vec::new();
    for approver in approvers {
        let approved_at = approver.approved_at.as_deref().and_then(parse);
        let commit_id = match (approved_at, arrived) {
            (Some(when), Some(arrived)) if when >= arrived => Some(at.judged_head.to_owned()),
            // Given before the head arrived: on the head current then, if GitLab recorded it.
            (Some(when), Some(_)) => versions
                .iter()
                .filter(|(time, _)| *time <= when)
                .max_by_key(|(time, _)| *time)
                .map(|(_, head)| (*head).to_owned()),
            _ if reset_on_push == Some(true) => Some(at.judged_head.to_owned()),
            _ => {
                unknown.push(approver.user.username.clone());
                None
            }
        };
        reviews.push(Review {
            user: approver.user.username,
            state: ReviewState::Approved,
            commit_id,
            submitted_at: approver.approved_at,
        });
    }
    let mut notes = Vec::new();
    if !unknown.is_empty() {
        let mut why: Vec<String> = why_unknown.to_vec();
        if arrived.is_none() && !versions.is_empty() {
            why.push(format!(
                "no MR version has the head {} as its head commit",
                crate::model::changeset::short_sha(at.mr_head)
            ));
        }
        if reset_on_push != Some(true) {
            why.push("the project does not remove approvals when commits are added".into());
        }
        notes.push(format!(
            "whether the approval{} of {} {} given on the current head could not be established ({}): where fresh approvals are required, {} not count",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", "),
            if unknown.len() == 1 { "was" } else { "were" },
            why.join("; "),
            if unknown.len() == 1 { "it does" } else { "they do" },
        ));
    }
    Read { reviews, notes }
}

fn parse(time: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(time.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "1111111111111111111111111111111111111111";
    const HEAD: &str = "2222222222222222222222222222222222222222";

    fn approver(name: &str, at: Option<&str>) -> Approver {
        Approver {
            user: User {
                username: name.into(),
            },
            approved_at: at.map(str::to_owned),
        }
    }

    fn versions() -> Vec<Version> {
        vec![
            Version {
                head_commit_sha: HEAD.into(),
                created_at: "2026-11-30T12:00:00.000Z".into(),
            },
            Version {
                head_commit_sha: OLD.into(),
                created_at: "2026-06-01T09:00:00.000+02:00".into(),
            },
        ]
    }

    fn target() -> Target<'static> {
        Target {
            project_path: "/projects/42",
            mr_path: "/projects/42/merge_requests/7",
            mr_head: HEAD,
            judged_head: HEAD,
        }
    }

    #[test]
    fn an_approval_after_the_heads_push_is_on_the_head_and_one_before_is_on_the_old_head() {
        let read = judge(
            vec![
                approver("bob", Some("2026-11-30T12:30:00Z")),
                approver("carol", Some("2026-06-02T10:00:00Z")),
            ],
            Some(&versions()),
            None,
            &target(),
            &[],
        );
        assert_eq!(read.reviews[0].commit_id.as_deref(), Some(HEAD));
        assert_eq!(read.reviews[1].commit_id.as_deref(), Some(OLD));
        assert!(read.notes.is_empty(), "{:?}", read.notes);
    }

    #[test]
    fn without_times_freshness_comes_from_the_reset_on_push_setting_or_is_unknown() {
        let reset = judge(
            vec![approver("bob", None)],
            Some(&versions()),
            Some(true),
            &target(),
            &[],
        );
        assert_eq!(reset.reviews[0].commit_id.as_deref(), Some(HEAD));
        let unknown = judge(
            vec![approver("bob", None)],
            Some(&versions()),
            Some(false),
            &target(),
            &["this GitLab lists approvals without `approved_at`".into()],
        );
        assert_eq!(unknown.reviews[0].commit_id, None);
        assert!(
            unknown.notes[0].contains("bob") && unknown.notes[0].contains("approved_at"),
            "{:?}",
            unknown.notes
        );
    }

    #[test]
    fn a_head_no_version_lists_is_not_fresh() {
        let read = judge(
            vec![approver("bob", Some("2026-11-30T12:30:00Z"))],
            Some(&versions()[1..]),
            None,
            &target(),
            &[],
        );
        assert_eq!(read.reviews[0].commit_id, None);
        assert!(read.notes[0].contains("no MR version"), "{:?}", read.notes);
    }
}
