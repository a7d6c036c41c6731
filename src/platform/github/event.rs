//! The GitHub Actions event that started the job, read from `GITHUB_EVENT_PATH`.

use serde::Deserialize;

/// What changegate does for an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A pull request (opened, synchronize, edited, review submitted, …): judge it.
    PullRequest(PullRef),
    /// A merge queue group: judge the group's commits (reviews were enforced when queued).
    MergeGroup { base_sha: String, head_sha: String },
    /// Anything else: nothing to judge.
    Other(String),
}

/// The pull request an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRef {
    pub number: u64,
    pub head_sha: String,
    pub base_sha: String,
}

#[derive(Deserialize)]
struct Payload {
    pull_request: Option<PullPayload>,
    merge_group: Option<MergeGroupPayload>,
}

#[derive(Deserialize)]
struct PullPayload {
    number: u64,
    head: ShaRef,
    base: ShaRef,
}

#[derive(Deserialize)]
struct ShaRef {
    sha: String,
}

#[derive(Deserialize)]
struct MergeGroupPayload {
    head_sha: String,
    base_sha: String,
}

/// Events that carry a pull request to judge.
const PULL_REQUEST_EVENTS: [&str; 3] =
    ["pull_request", "pull_request_target", "pull_request_review"];

/// Reads the event; `name` is `GITHUB_EVENT_NAME`, `payload` the JSON of `GITHUB_EVENT_PATH`.
pub fn parse(name: &str, payload: &str) -> Result<Event, String> {
    if !PULL_REQUEST_EVENTS.contains(&name) && name != "merge_group" {
        return Ok(Event::Other(name.to_owned()));
    }
    let payload: Payload = serde_json::from_str(payload)
        .map_err(|e| format!("the {name} event payload is not what GitHub sends: {e}"))?;
    match (name, payload.pull_request, payload.merge_group) {
        ("merge_group", _, Some(group)) => Ok(Event::MergeGroup {
            base_sha: group.base_sha,
            head_sha: group.head_sha,
        }),
        (_, Some(pr), _) => Ok(Event::PullRequest(PullRef {
            number: pr.number,
            // The PR head, not GITHUB_SHA: on pull_request events that is the test-merge commit,
            // and a check attached there never shows on the PR.
            head_sha: pr.head.sha,
            base_sha: pr.base.sha,
        })),
        _ => Err(format!(
            "the {name} event has no pull_request or merge_group in its payload"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_request_and_review_events_use_the_pr_head() {
        let payload = r#"{"action": "submitted", "review": {"state": "approved"}, "pull_request": {"number": 7, "head": {"sha": "h"}, "base": {"sha": "b"}}}"#;
        let expected = Event::PullRequest(PullRef {
            number: 7,
            head_sha: "h".into(),
            base_sha: "b".into(),
        });
        assert_eq!(parse("pull_request_review", payload).unwrap(), expected);
        assert_eq!(parse("pull_request_target", payload).unwrap(), expected);
    }

    #[test]
    fn merge_groups_and_other_events() {
        let group = r#"{"merge_group": {"head_sha": "h", "base_sha": "b", "head_ref": "x"}}"#;
        assert_eq!(
            parse("merge_group", group).unwrap(),
            Event::MergeGroup {
                base_sha: "b".into(),
                head_sha: "h".into()
            }
        );
        assert_eq!(parse("push", "{}").unwrap(), Event::Other("push".into()));
        assert!(parse("pull_request", "{}").is_err());
    }
}
