#!/usr/bin/env python3
"""Picks the corpus commits from local mirrors of public repositories, by rule, not by hand.

    python3 tests/corpus/pick.py MIRROR_ROOT      # MIRROR_ROOT/<owner>+<name>/repo is a git dir

For each repository in REPOS: every first-parent commit with a parent is a candidate if its diff
against that parent has 1-30 files, no submodule or symlink, each side at most 200 KB and 400 KB in
all. Candidates are ordered by sha256(repo + sha), a fixed pseudo-random order, and the first
SAMPLE are taken: ordinary commits dominate. Then, for each feature the repository is meant to
cover (FEATURES), the first candidate in that order whose changed paths or new-side text match is
added if none taken already has it. Both sides of each changed file, the commit message and the
repository's licence are written under tests/corpus/<slug>/, and manifest.json names the
repository, its licence, the mirror's head commit and every picked commit with its parent.
Re-running on the same mirrors writes the same files.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = 18
MAX_FILES = 30
MAX_SIDE = 200_000
MAX_COMMIT = 400_000

# slug, owner/name, licence file(s), SPDX id, features: name -> (path regex, text regex or None)
REPOS = [
    ("terraform-aws-vpc", "terraform-aws-modules/terraform-aws-vpc", ["LICENSE"], "Apache-2.0", {
        "for_each": (r"\.tf$", r"for_each"),
        "dynamic-block": (r"\.tf$", r"dynamic \""),
        "heredoc": (r"\.tf$", r"<<-?[A-Z]+"),
        "github-workflow": (r"^\.github/workflows/", None),
    }),
    ("terraform-aws-iam", "terraform-aws-modules/terraform-aws-iam", ["LICENSE"], "Apache-2.0", {
        "jsonencode": (r"\.tf$", r"jsonencode\("),
        "templatefile": (r"\.tf$", r"templatefile\("),
        "policy-document": (r"\.tf$", r"data \"aws_iam_policy_document\""),
    }),
    ("microservices-demo", "GoogleCloudPlatform/microservices-demo", ["LICENSE"], "Apache-2.0", {
        "kubernetes-manifest": (r"^kubernetes-manifests/.*\.ya?ml$", r"kind: Deployment"),
        "helm-template": (r"^helm-chart/templates/", None),
        "go": (r"\.go$", None),
        "python": (r"\.py$", None),
        "java": (r"\.java$", None),
        "terraform": (r"\.tf$", None),
    }),
    ("argo-helm", "argoproj/argo-helm", ["LICENSE"], "Apache-2.0", {
        "helm-values": (r"values\.yaml$", None),
        "helm-template": (r"/templates/.*\.yaml$", None),
        "github-workflow": (r"^\.github/workflows/", None),
    }),
    ("spring-petclinic", "spring-projects/spring-petclinic", ["LICENSE.txt"], "Apache-2.0", {
        "java": (r"\.java$", None),
        "sql": (r"\.sql$", None),
        "kubernetes-manifest": (r"^k8s/", None),
    }),
    ("anyhow", "dtolnay/anyhow", ["LICENSE-APACHE", "LICENSE-MIT"], "MIT OR Apache-2.0", {
        "rust": (r"\.rs$", None),
        "github-workflow": (r"^\.github/workflows/", None),
    }),
    ("cobra", "spf13/cobra", ["LICENSE.txt"], "Apache-2.0", {
        "go": (r"\.go$", None),
        "github-workflow": (r"^\.github/workflows/", None),
    }),
    ("flask", "pallets/flask", ["LICENSE.txt"], "BSD-3-Clause", {
        "python": (r"\.py$", None),
        "toml": (r"\.toml$", None),
    }),
    ("ky", "sindresorhus/ky", ["license"], "MIT", {
        "typescript": (r"\.ts$", None),
    }),
    ("gitlab-shell", "gitlabhq/gitlab-shell", ["LICENSE"], "MIT", {
        "gitlab-ci": (r"^\.gitlab-ci\.yml$", None),
        "go": (r"\.go$", None),
    }),
]


def git(repo, *args, binary=False):
    out = subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout
    return out if binary else out.decode("utf-8", "replace")


def candidates(repo):
    """(sha, parent, [(status, old, new, old_blob, new_blob)]) for every acceptable commit."""
    log = git(repo, "rev-list", "--first-parent", "--parents", "HEAD").split("\n")
    for line in log:
        parts = line.split()
        if len(parts) < 2:
            continue
        sha, parent = parts[0], parts[1]
        try:
            raw = git(repo, "diff-tree", "-r", "-M", "--raw", "-z", "--no-commit-id", parent, sha)
        except subprocess.CalledProcessError:
            continue  # a blob the snapshot lacks (files of 4 MiB and more are not mirrored)
        fields = raw.split("\0")
        files, ok, i = [], True, 0
        while i < len(fields) and fields[i]:
            meta = fields[i].lstrip(":").split()
            old_mode, new_mode, old_blob, new_blob, status = meta
            status = status[0]
            if status in "RC":
                old, new = fields[i + 1], fields[i + 2]
                i += 3
            else:
                old = new = fields[i + 1]
                i += 2
            if "160000" in (old_mode, new_mode) or "120000" in (old_mode, new_mode):
                ok = False
            files.append((status, None if status == "A" else old, None if status == "D" else new,
                          old_blob, new_blob))
        if not ok or not 1 <= len(files) <= MAX_FILES:
            continue
        yield sha, parent, files


def sizes_ok(repo, files):
    total = 0
    for _, old, new, old_blob, new_blob in files:
        for path, blob in ((old, old_blob), (new, new_blob)):
            if path is None:
                continue
            try:
                size = int(git(repo, "cat-file", "-s", blob))
            except subprocess.CalledProcessError:
                return False
            if size > MAX_SIDE:
                return False
            total += size
    return total <= MAX_COMMIT


def matches(repo, files, feature):
    path_re, text_re = feature
    for _, _, new, _, new_blob in files:
        if new is None or not re.search(path_re, new):
            continue
        if text_re is None:
            return True
        text = git(repo, "cat-file", "blob", new_blob, binary=True).decode("utf-8", "replace")
        if re.search(text_re, text):
            return True
    return False


def main(mirror_root):
    manifest = []
    for slug, name, licences, spdx, features in REPOS:
        repo = os.path.join(mirror_root, name.replace("/", "+"), "repo")
        head = git(repo, "rev-parse", "HEAD").strip()
        order = sorted(candidates(repo), key=lambda c: hashlib.sha256((name + c[0]).encode()).hexdigest())
        picked, reasons = [], {}
        for c in order:
            if len(picked) == SAMPLE:
                break
            if sizes_ok(repo, c[2]):
                picked.append(c)
                reasons[c[0]] = "sample"
        for feature, rule in sorted(features.items()):
            if any(matches(repo, c[2], rule) for c in picked):
                continue
            for c in order:
                if c[0] not in reasons and matches(repo, c[2], rule) and sizes_ok(repo, c[2]):
                    picked.append(c)
                    reasons[c[0]] = f"feature: {feature}"
                    break
        out = os.path.join(HERE, slug)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        for licence in licences:
            with open(os.path.join(out, licence), "wb") as f:
                f.write(git(repo, "show", f"{head}:{licence}", binary=True))
        commits = []
        for sha, parent, files in picked:
            base = os.path.join(out, sha[:12])
            for side, index in (("old", 1), ("new", 2)):
                for f in files:
                    path, blob = f[index], f[index + 2]
                    if path is None:
                        continue
                    target = os.path.join(base, side, path)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as fh:
                        fh.write(git(repo, "cat-file", "blob", blob, binary=True))
            message = git(repo, "log", "-1", "--format=%B", sha, binary=True)
            os.makedirs(base, exist_ok=True)
            with open(os.path.join(base, "message.txt"), "wb") as fh:
                fh.write(message)
            commits.append({
                "sha": sha,
                "parent": parent,
                "picked": reasons[sha],
                "files": [{"status": s, "old_path": o, "new_path": n} for s, o, n, _, _ in files],
            })
        commits.sort(key=lambda c: c["sha"])
        manifest.append({
            "slug": slug,
            "repository": f"https://github.com/{name}",
            "license": spdx,
            "license_files": licences,
            "mirror_head": head,
            "commits": commits,
        })
        print(f"{slug}: {len(commits)} commits", file=sys.stderr)
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump({"generated_by": "tests/corpus/pick.py", "repositories": manifest}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
