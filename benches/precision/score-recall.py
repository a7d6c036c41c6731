#!/usr/bin/env python3
"""Recall on the labelled risky commits of recall.tsv.

    benches/precision/score-recall.py REPORTS_DIR

REPORTS_DIR holds `<commit>.json`, written by `changegate check --base <commit>^ --head <commit>
--format json` (collect-recall.sh). A commit counts as flagged when a risky-pattern finding (not
a process finding: docs/, review/, analysis/, gate/, suppression/, automation/, ai/) names the
labelled file. Prints recall per family and overall, and every miss with the rules that did fire.
"""
import collections, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1]
process = ("docs/", "review/", "analysis/", "gate/", "suppression/", "automation/", "ai/")
total, hit, misses = collections.Counter(), collections.Counter(), []
for line in open(os.path.join(here, "recall.tsv")):
    if line.startswith("#") or not line.strip():
        continue
    repo, commit, family, path, why = line.rstrip("\n").split("\t")
    total[family] += 1
    try:
        report = json.load(open(os.path.join(out, commit + ".json")))
    except (OSError, ValueError):
        misses.append((family, commit[:10], path, "no report"))
        continue
    risky = [f for f in report["findings"] if not f["rule_id"].startswith(process)]
    if any(f.get("path") == path for f in risky):
        hit[family] += 1
    else:
        misses.append((family, commit[:10], path, sorted({f["rule_id"] for f in risky})))
for family in sorted(total):
    print(f"{family:28} {hit[family]}/{total[family]}")
n, h = sum(total.values()), sum(hit.values())
print(f"recall: {h}/{n} = {100 * h / n:.1f}%")
for m in misses:
    print("miss", *m)
