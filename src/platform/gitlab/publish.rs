//! Posting the verdict to GitLab: a commit status on the pipeline's commit and one merge-request
//! note, edited in place on re-runs.
//!
//! Publishing never changes the verdict: the job's exit code is the gate, and a status or note
//! that cannot be posted is reported as a warning (the Code Quality artifact and the log already
//! hold the verdict).
//!
//! Pages relied on: docs.gitlab.com/api/commits ("Set the pipeline status of a commit"),
//! docs.gitlab.com/api/notes (merge request notes; a note body is at most 1,000,000 characters),
//! docs.gitlab.com/api/rest ("Pagination": `x-next-page`, `Link`).

use super::{Env, Outputs};
use crate::platform::http::{ApiError, Client};
use crate::report::markdown;
use crate::verdict::Verdict;
use serde::Deserialize;

/// Marks the note changegate owns, so re-runs edit it instead of adding another.
pub(crate) const NOTE_MARKER: &str = "<!-- changegate verdict -->";

/// GitLab's limit on a note's body, in characters.
const NOTE_MAX_CHARS: usize = 1_000_000;

/// How often a note is posted when the POST fails without saying whether it was created.
const NOTE_ATTEMPTS: usize = 3;

#[derive(Deserialize)]
struct Note {
    id: u64,
    body: String,
    #[serde(default)]
    author: Option<NoteAuthor>,
    #[serde(default)]
    system: bool,
}

#[derive(Debug, Deserialize)]
struct NoteAuthor {
    id: u64,
}

/// Posts what `outputs` asks for; returns the warnings for what could not be posted.
pub(crate) async fn publish(
    client: &Client,
    env: &Env,
    outputs: &Outputs,
    v: &Verdict,
    mr_path: &str,
) -> Vec<String> {
    let mut warnings = Vec::new();
    if outputs.status {
        if let Err(e) = status(client, env, v).await {
            warnings.push(format!("the commit status could not be posted: {e}"));
        }
    }
    if outputs.note {
        if let Err(e) = note(client, v, mr_path).await {
            warnings.push(format!("the merge request note could not be posted: {e}"));
        }
    }
    warnings
}

/// The status goes on the pipeline's own commit (`CI_COMMIT_SHA`, GitLab's merge commit in a
/// merged-results or merge-train pipeline), with `pipeline_id`: GitLab attaches a status with a
/// pipeline id only to that pipeline's commit, and without one it may open an external pipeline.
async fn status(client: &Client, env: &Env, v: &Verdict) -> Result<(), ApiError> {
    let clip = |s: String| s.chars().take(255).collect::<String>();
    let mut body = serde_json::json!({
        "state": if v.blocked { "failed" } else { "success" },
        "name": "changegate",
        "description": clip(markdown::title(v)),
    });
    if let Some(pipeline) = env
        .pipeline_id
        .as_deref()
        .and_then(|p| p.parse::<u64>().ok())
    {
        body["pipeline_id"] = serde_json::json!(pipeline);
    }
    client
        .post::<_, serde_json::Value>(
            &format!(
                "/projects/{}/statuses/{}",
                super::encode(&env.project_id),
                env.head_sha
            ),
            &body,
        )
        .await
        .map(|_| ())
}

/// The note body: the marker first and inside GitLab's limit.
pub fn note_body(v: &Verdict) -> String {
    let room = NOTE_MAX_CHARS - NOTE_MARKER.chars().count() - 1;
    format!("{NOTE_MARKER}\n{}", markdown::summary(v, room))
}

/// Edits changegate's own note, or posts one. A POST that fails without an answer saying it was
/// refused may still have created the note, so before posting again the notes are read again.
async fn note(client: &Client, v: &Verdict, mr_path: &str) -> Result<(), ApiError> {
    let body = serde_json::json!({ "body": note_body(v) });
    // Only a note this token's own user wrote is ours to edit: anyone can start a comment with
    // the marker, and editing theirs would fail (403) or, with a stronger token, overwrite their
    // words. When the user cannot be read, a new note is posted.
    let own = client.get::<NoteAuthor>("/user").await.ok().map(|u| u.id);
    let mut attempt = 1;
    loop {
        if let Some(own) = own {
            if let Some(id) = own_note(client, mr_path, own).await? {
                return client
                    .put::<_, serde_json::Value>(&format!("{mr_path}/notes/{id}"), &body)
                    .await
                    .map(|_| ());
            }
        }
        match client
            .post_once::<_, serde_json::Value>(&format!("{mr_path}/notes"), &body)
            .await
        {
            Ok(_) => return Ok(()),
            // Refused (4xx): posting again would be refused again.
            Err(e) if e.status().is_some_and(|s| (400..500).contains(&s)) => return Err(e),
            Err(e) if own.is_none() || attempt >= NOTE_ATTEMPTS => return Err(e),
            Err(_) => attempt += 1,
        }
    }
}

/// The id of the note `own` wrote with the marker, on any page.
async fn own_note(client: &Client, mr_path: &str, own: u64) -> Result<Option<u64>, ApiError> {
    let notes: Vec<Note> = client
        .paginate(&format!("{mr_path}/notes?sort=asc"))
        .await?;
    Ok(notes
        .iter()
        .find(|n| {
            !n.system
                && n.body.starts_with(NOTE_MARKER)
                && n.author.as_ref().map(|a| a.id) == Some(own)
        })
        .map(|n| n.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_note_keeps_its_marker_first_and_stays_within_gitlabs_limit() {
        let long = "n".repeat(1_200_000);
        let report = serde_json::json!({
            "schema_version": crate::report::json::SCHEMA_VERSION,
            "verdict": "pass", "base": null, "head": null, "policy": "built-in defaults",
            "description_source": null, "notes": [long],
        });
        let verdict = crate::report::json::parse(&report.to_string()).unwrap();
        let body = note_body(&verdict);
        assert!(
            body.starts_with(NOTE_MARKER),
            "the marker is what finds the note again"
        );
        assert!(
            body.chars().count() <= NOTE_MAX_CHARS,
            "{} characters",
            body.chars().count()
        );
    }
}
