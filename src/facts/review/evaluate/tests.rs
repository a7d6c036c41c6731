//! Table-driven tests for every approval rule of docs/policy.md.

use super::*;
use crate::analysis::FileAnalysis;
use crate::model::changeset::{Content, FileStatus, Review};

fn policy(extra: &str) -> Policy {
    let text = format!(
        "version: 1
tiers:
  tier-1:
    paths: [\"deploy/**\"]
    require:
      approvals: 2
      fresh_approvals: true
      require_code_owner: true
  tier-2:
    paths: [\"src/**\"]
    require:
      approvals: 1
      reviewers_from: [backend]
teams:
  seniors: [Sam, sue]
  backend: [bob, carol]
bots: [renovate]
ai_assisted:
  trailers: [\"Co-authored-by: *Copilot*\"]
  require:
    extra_approvals: 1
    reviewers_from: [seniors]
{extra}"
    );
    Policy::from_yaml(&text, "p.yml").unwrap_or_else(|e| panic!("{e}"))
}

fn analysis(policy: &Policy, paths: &[&str]) -> Analysis {
    let files = paths
        .iter()
        .map(|p| {
            let tier_index = policy.tier_index(p);
            FileAnalysis {
                path: (*p).to_owned(),
                old_path: None,
                status: FileStatus::Modified,
                tier: tier_index.map(|i| policy.tiers[i].name.clone()),
                tier_index,
                gate_file: false,
                content: Content::Text,
                language: None,
                added: 1,
                removed: 0,
                items: Vec::new(),
                config_changes: Vec::new(),
                coverage: Default::default(),
                linked_from: Vec::new(),
            }
        })
        .collect();
    Analysis {
        files,
        syntax: Vec::new(),
    }
}

fn review(user: &str, state: State, commit: &str, at: &str) -> Review {
    Review {
        user: user.into(),
        state,
        commit_id: Some(commit.into()),
        submitted_at: Some(at.into()),
    }
}

fn meta(reviews: Vec<Review>) -> ChangeMeta {
    ChangeMeta {
        author: Some("alice".into()),
        head_sha: Some("head".into()),
        commits: vec![
            Commit {
                sha: "c1".into(),
                author: "Alice A <alice@example.com>".into(),
                committer: "Alice A <alice@example.com>".into(),
                parents: 1,
                ..Commit::default()
            },
            Commit {
                sha: "head".into(),
                author: "Dave D <12345+dave@users.noreply.github.com>".into(),
                committer: "Alice A <alice@example.com>".into(),
                trailers: vec![("Co-authored-by".into(), "Erin E <erin@example.com>".into())],
                parents: 1,
                ..Commit::default()
            },
        ],
        reviews,
        reviews_known: true,
        ..ChangeMeta::default()
    }
}

#[test]
fn approval_rules() {
    use State::*;
    let p = policy("");
    let tier1 = requirement(&p, &analysis(&p, &["deploy/app.yaml"]), false, 0, None);
    // (case, reviews, expected approvers, stale, excluded, changes requested)
    type Case<'a> = (
        &'a str,
        Vec<Review>,
        &'a [&'a str],
        &'a [&'a str],
        &'a [&'a str],
        &'a [&'a str],
    );
    let cases: Vec<Case> = vec![
        (
            "two approvals on head",
            vec![
                review("bob", Approved, "head", "1"),
                review("carol", Approved, "head", "2"),
            ],
            &["bob", "carol"],
            &[],
            &[],
            &[],
        ),
        (
            "author approves own change",
            vec![review("Alice", Approved, "head", "1")],
            &[],
            &[],
            &["alice"],
            &[],
        ),
        (
            "approval then changes requested",
            vec![
                review("bob", Approved, "head", "1"),
                review("bob", ChangesRequested, "head", "2"),
            ],
            &[],
            &[],
            &[],
            &["bob"],
        ),
        (
            "changes requested then approval",
            vec![
                review("bob", ChangesRequested, "c1", "1"),
                review("bob", Approved, "head", "2"),
            ],
            &["bob"],
            &[],
            &[],
            &[],
        ),
        (
            "a comment does not reset an approval",
            vec![
                review("bob", Approved, "head", "1"),
                review("bob", Commented, "head", "2"),
            ],
            &["bob"],
            &[],
            &[],
            &[],
        ),
        (
            "dismissed approval",
            vec![
                review("bob", Approved, "head", "1"),
                review("bob", Dismissed, "head", "2"),
            ],
            &[],
            &[],
            &[],
            &[],
        ),
        (
            "approval before a new commit",
            vec![review("bob", Approved, "c1", "1")],
            &[],
            &["bob"],
            &[],
            &[],
        ),
        (
            "bot approval",
            vec![
                review("dependabot[bot]", Approved, "head", "1"),
                review("renovate", Approved, "head", "2"),
            ],
            &[],
            &[],
            &["dependabot[bot]", "renovate"],
            &[],
        ),
        (
            "commit author approval (noreply login)",
            vec![review("dave", Approved, "head", "1")],
            &[],
            &[],
            &["dave"],
            &[],
        ),
        (
            "co-author approval",
            vec![review("erin", Approved, "head", "1")],
            &[],
            &[],
            &["erin"],
            &[],
        ),
        (
            "order is by time, not by list position",
            vec![
                review("bob", ChangesRequested, "head", "2026-01-02"),
                review("bob", Approved, "head", "2026-01-01"),
            ],
            &[],
            &[],
            &[],
            &["bob"],
        ),
    ];
    for (name, reviews, approvers, stale, excluded, requested) in cases {
        let got = evaluate(&meta(reviews), &p, &tier1);
        assert_eq!(got.approvers, *approvers, "{name}: approvers");
        assert_eq!(got.stale, *stale, "{name}: stale");
        let excluded_users: Vec<&str> = got.excluded.iter().map(|(u, _)| u.as_str()).collect();
        assert_eq!(excluded_users, *excluded, "{name}: excluded");
        assert_eq!(
            got.changes_requested, *requested,
            "{name}: changes requested"
        );
    }
}

#[test]
fn only_merges_after_an_approval_keep_it_fresh() {
    let p = policy("");
    let req = requirement(&p, &analysis(&p, &["deploy/app.yaml"]), false, 0, None);
    let mut m = meta(vec![review("bob", State::Approved, "c1", "1")]);
    m.commits[1].parents = 2;
    assert_eq!(evaluate(&m, &p, &req).approvers, vec!["bob"]);
}

#[test]
fn contributors_count_where_exclusion_is_off() {
    let p = policy("");
    let tier2 = requirement(&p, &analysis(&p, &["src/lib.rs"]), false, 0, None);
    assert!(
        !tier2.exclude_contributors,
        "exclusion defaults to the first tier only"
    );
    let got = evaluate(
        &meta(vec![review("dave", State::Approved, "head", "1")]),
        &p,
        &tier2,
    );
    assert_eq!(got.approvers, vec!["dave"]);
}

#[test]
fn strictest_tier_wins_and_requirements_combine() {
    let p = policy("");
    let both = requirement(
        &p,
        &analysis(&p, &["src/lib.rs", "deploy/app.yaml"]),
        false,
        0,
        None,
    );
    assert_eq!(both.approvals, 2);
    assert!(both.fresh && both.exclude_contributors);
    assert_eq!(
        both.groups.len(),
        1,
        "tier-2's reviewers_from still applies"
    );
    assert_eq!(
        both.groups[0].members.as_deref(),
        Some(&["bob".to_owned(), "carol".to_owned()][..])
    );
    assert_eq!(join(&both.reasons), "tier-1: 2, tier-2: 1");
}

#[test]
fn ai_assisted_adds_one_approval_and_a_senior() {
    let p = policy("");
    let req = requirement(&p, &analysis(&p, &["deploy/app.yaml"]), true, 0, None);
    assert_eq!(req.approvals, 3);
    assert_eq!(req.groups[0].name, "seniors");
    assert_eq!(
        req.groups[0].members.as_deref(),
        Some(&["sam".to_owned(), "sue".to_owned()][..])
    );
    assert_eq!(
        req.summary(),
        "needs 3 approvals on the final commit (tier-1: 2, AI-assisted: +1), 1 from seniors"
    );
    // Outside the AI tiers (default: the first tier) nothing is added.
    let req2 = requirement(&p, &analysis(&p, &["src/lib.rs"]), true, 0, None);
    assert_eq!(req2.approvals, 1);
    // Without a `seniors` team only the extra approval applies.
    let bare = Policy::from_yaml("version: 1\ntiers:\n  t:\n    paths: [\"**\"]\n    require: { approvals: 1 }\nai_assisted:\n  require: { extra_approvals: 1, reviewers_from: [seniors] }\n", "p").unwrap();
    let req3 = requirement(&bare, &analysis(&bare, &["x"]), true, 0, None);
    assert_eq!((req3.approvals, req3.groups.len()), (2, 0));
}

#[test]
fn team_requirement_met_and_unmet() {
    let p = policy("");
    let req = requirement(&p, &analysis(&p, &["src/lib.rs"]), false, 0, None);
    let met = evaluate(
        &meta(vec![review("carol", State::Approved, "head", "1")]),
        &p,
        &req,
    );
    let group = &req.groups[0];
    let from_group = met
        .approvers
        .iter()
        .filter(|a| group.members.as_ref().unwrap().contains(a))
        .count();
    assert_eq!(from_group, 1);
    let unmet = evaluate(
        &meta(vec![review("zed", State::Approved, "head", "1")]),
        &p,
        &req,
    );
    let from_group = unmet
        .approvers
        .iter()
        .filter(|a| group.members.as_ref().unwrap().contains(a))
        .count();
    assert_eq!(from_group, 0);
}

#[test]
fn code_owners_of_tier_one_files() {
    let p = policy("");
    let owners = CodeOwners::parse("CODEOWNERS", "* @org/all\n/deploy/ @org/sre @carol\n");
    let req = requirement(
        &p,
        &analysis(&p, &["deploy/app.yaml", "src/lib.rs"]),
        false,
        0,
        Some(&owners),
    );
    assert_eq!(
        req.code_owners.len(),
        1,
        "only the tier that requires code owners: {:?}",
        req.code_owners
    );
    assert_eq!(req.code_owners[0].0, "deploy/app.yaml");
    assert_eq!(req.code_owners[0].1.owners, vec!["@org/sre", "@carol"]);
    let missing = requirement(&p, &analysis(&p, &["deploy/app.yaml"]), false, 0, None);
    assert!(missing.code_owner_note.is_some());
}

#[test]
fn blast_radius_raises_the_approval_count() {
    let p = policy("blast_radius:\n  require_approvals_above: { score: 60, approvals: 3 }\n");
    let calm = requirement(&p, &analysis(&p, &["src/lib.rs"]), false, 60, None);
    assert_eq!(calm.approvals, 1);
    let hot = requirement(&p, &analysis(&p, &["src/lib.rs"]), false, 61, None);
    assert_eq!(hot.approvals, 3);
    assert!(hot.reasons.contains(&Reason::BlastRadius {
        score: 61,
        above: 60,
        approvals: 3
    }));
}
