//! What every output looks like, from one shared set of verdicts: text (plain and coloured),
//! JSON, SARIF, GitLab Code Quality, the Markdown summary (whole and cut to a platform's limit),
//! the GitLab note, GitHub's check-run annotations, conclusion and commit status, and workflow
//! commands. Each verdict comes from the real pipeline on a real git repository; a renderer
//! change shows up as a snapshot diff to review (`cargo insta review`).

mod common;

use changegate::report::{render, Format};
use changegate::source::{GitRequest, HeadSpec, Limits};
use changegate::verdict::Verdict;
use changegate::{CheckOptions, SourceSpec};
use common::TestRepo;

/// A verdict of the pipeline on `repo`'s base..HEAD as a pull-request run sees it: the PR's
/// description and reviews (approvals by `approvers`, on the head commit).
fn judge(repo: &TestRepo, base: &str, approvers: &[&str], description: &str) -> Verdict {
    use changegate::model::changeset::{ChangeMeta, Platform, Review, ReviewState};
    let head = repo.git(&["rev-parse", "HEAD"]).trim().to_owned();
    let meta = ChangeMeta {
        platform: Platform::GitHub,
        title: Some("The change".into()),
        description: Some(description.into()),
        description_source: Some("pull request #7".into()),
        author: Some("alice".into()),
        reviews: approvers
            .iter()
            .map(|user| Review {
                user: (*user).into(),
                state: ReviewState::Approved,
                commit_id: Some(head.clone()),
                submitted_at: Some("2026-01-02T00:00:00Z".into()),
            })
            .collect(),
        reviews_known: true,
        head_sha: Some(head),
        ..ChangeMeta::default()
    };
    changegate::check(&CheckOptions {
        source: SourceSpec::Git(GitRequest {
            dir: repo.path(),
            base: Some(base.to_owned()),
            head: HeadSpec::Rev("HEAD".into()),
        }),
        config: None,
        description_file: None,
        limits: Limits::default(),
        strict: false,
        reviews_file: None,
        platform_meta: Some(meta),
        platform_notes: Vec::new(),
        unverifiable_reviews: None,
        docs_pending: false,
        baselines: Default::default(),
    })
    .expect("a verdict")
}

const DOCUMENTED: &str =
    "Risk: low, one service.\n\nRollback: revert the commit.\n\nTesting: unit tests and a staging run.\n";

/// Three verdicts every renderer is shown on: a pass, a block with findings of every kind, and
/// a pass with warnings.
fn verdicts() -> Vec<(&'static str, Verdict, TestRepo)> {
    let mut out = Vec::new();

    let repo = TestRepo::with_base(&[("README.md", "# Service\n")]);
    repo.write("README.md", "# Service\n\nHow to run it.\n");
    repo.commit("Explain how to run the service");
    let v = judge(&repo, "main", &[], DOCUMENTED);
    out.push(("pass", v, repo));

    let repo = TestRepo::with_base(&[
        (
            "deploy/api.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n",
        ),
        ("src/lib.rs", "pub fn load() -> u32 {\n    1\n}\n"),
        ("assets/logo.png", "\u{89}PNG\r\n"),
    ]);
    repo.write(
        "deploy/api.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 0\n",
    );
    repo.write(
        "src/lib.rs",
        "pub fn load() -> u32 {\n    let text = std::fs::read_to_string(\"n\").unwrap();\n    text.trim().parse().unwrap()\n}\n\npub fn token() -> &'static str {\n    \"ghp_0123456789abcdefghijklmnopqrstuvwxyz\"\n}\n",
    );
    repo.write("assets/logo.png", [0x89u8, b'P', b'N', b'G', 0, 1, 2]);
    repo.commit("Scale the API down and read the count from a file\n\nCo-authored-by: Claude <noreply@anthropic.com>");
    let v = judge(&repo, "main", &["alice"], "Risk: high.\n");
    out.push(("blocked", v, repo));

    let repo = TestRepo::with_base(&[("src/report.rs", "fn main() {}\n")]);
    repo.write(
        "src/report.rs",
        "fn main() {\n    let v: Vec<u8> = Vec::new();\n    let first = v.first().unwrap();\n    println!(\"{first}\");\n}\n",
    );
    repo.commit("Print the first byte");
    let v = judge(&repo, "main", &["bob"], DOCUMENTED);
    out.push(("warnings", v, repo));
    out
}

/// Nothing a renderer writes may depend on where the repository is.
fn stable(text: &str, repo: &TestRepo) -> String {
    let root = repo.path().display().to_string();
    assert!(!text.contains(&root), "a report names the temp directory");
    text.to_owned()
}

fn rendered(v: &Verdict, format: Format, color: bool) -> String {
    let mut out = Vec::new();
    render(v, format, color, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_renderer_on_every_verdict() {
    for (name, v, repo) in verdicts() {
        let snap = |kind: &str, text: String| {
            insta::assert_snapshot!(format!("{name}__{kind}"), stable(&text, &repo));
        };
        snap("text", rendered(&v, Format::Text, false));
        snap("text_color", rendered(&v, Format::Text, true));
        snap("json", rendered(&v, Format::Json, false));
        snap("sarif", rendered(&v, Format::Sarif, false));
        snap("codequality", rendered(&v, Format::Codequality, false));
        snap("markdown", rendered(&v, Format::Markdown, false));
        snap(
            "markdown_cut_to_1500",
            changegate::report::markdown::summary(&v, 1500),
        );
        snap(
            "gitlab_note",
            changegate::platform::gitlab::publish::note_body(&v),
        );
        use changegate::platform::github::publish as gh;
        snap(
            "github_check_run",
            format!(
                "conclusion: {} (neutral on warnings: {})\ntitle: {}\nannotations:\n{}\nstatus:\n{}\n",
                gh::conclusion(&v, false),
                gh::conclusion(&v, true),
                changegate::report::markdown::title(&v),
                serde_json::to_string_pretty(&gh::annotations(&v)).unwrap(),
                serde_json::to_string_pretty(&gh::status(&v, Some("https://example.invalid/run/1"))).unwrap(),
            ),
        );
        snap(
            "workflow_commands",
            changegate::report::workflow::annotations(&v).join("\n"),
        );
    }
}

#[test]
fn the_json_report_reads_back_into_the_same_verdict() {
    for (name, v, _repo) in verdicts() {
        let json = rendered(&v, Format::Json, false);
        let back = changegate::report::json::parse(&json).expect("parses");
        assert_eq!(
            rendered(&back, Format::Json, false),
            json,
            "{name}: JSON → verdict → JSON is the identity"
        );
        // `publish` renders from the parsed verdict: it must say what the job said.
        assert_eq!(
            rendered(&back, Format::Markdown, false),
            rendered(&v, Format::Markdown, false),
            "{name}"
        );
    }
}
