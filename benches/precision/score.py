#!/usr/bin/env python3
"""Scores a run of collect.sh against the labels.

    python3 benches/precision/score.py benches/precision/labels.tsv findings.jsonl

A labelled finding counts as reported when the run has a finding of the same rule, commit, path
and message that is not marked "moved, not added" (moved code is reported as info, not as risk).
Prints precision per rule and overall (all findings, blocking findings) for the labelled set as
labelled (before) and as reported by this run (after), recall of the labelled true positives,
and how many findings of this run are not in the label set (new, unlabelled).
"""
import collections, csv, json, sys

MOVED = "moved, not added: "

def key(repo, commit, rule, path, message):
    return (repo, commit, rule, path or "", message)

labels = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
reported = collections.Counter()
unlabelled = collections.Counter()
labelled_keys = collections.Counter(key(l["repo"], l["commit"], l["rule"], l["path"], l["message"]) for l in labels)
for line in open(sys.argv[2]):
    f = json.loads(line)
    if f["message"].startswith(MOVED):
        continue
    k = key(f["repo"], f["commit"], f["rule"], f["path"], f["message"])
    reported[k] += 1
left = reported.copy()
rows = []
for l in labels:
    k = key(l["repo"], l["commit"], l["rule"], l["path"], l["message"])
    still = left[k] > 0
    if still:
        left[k] -= 1
    rows.append((l["rule"], l["label"], l["blocking"] == "yes", still))
for k, n in left.items():
    if n > 0:
        unlabelled[k[2]] += n

def precision(items):
    tp = sum(1 for _, label, _, _ in items if label == "TP")
    return (tp / len(items) * 100.0) if items else float("nan"), tp, len(items)

print(f"{'rule':32} {'before':>16} {'after':>16}")
for rule in sorted({r[0] for r in rows}):
    mine = [r for r in rows if r[0] == rule]
    b = precision(mine)
    a = precision([r for r in mine if r[3]])
    print(f"{rule:32} {b[0]:6.1f}% {b[1]:3}/{b[2]:<4} {a[0]:6.1f}% {a[1]:3}/{a[2]:<4}")
for name, pick in [("all findings", lambda r: True), ("blocking findings", lambda r: r[2])]:
    mine = [r for r in rows if pick(r)]
    b = precision(mine)
    a = precision([r for r in mine if r[3]])
    print(f"{name:32} {b[0]:6.1f}% {b[1]:3}/{b[2]:<4} {a[0]:6.1f}% {a[1]:3}/{a[2]:<4}")
tps = [r for r in rows if r[1] == "TP"]
kept = sum(1 for r in tps if r[3])
print(f"recall of labelled true positives: {kept}/{len(tps)} ({kept / max(len(tps), 1) * 100:.1f}%)")
for rule, lost in sorted(collections.Counter(r[0] for r in tps if not r[3]).items()):
    print(f"  lost: {rule} x{lost}")
print(f"findings of this run not in the label set: {sum(unlabelled.values())}")
for rule, n in sorted(unlabelled.items()):
    print(f"  {rule}: {n}")
