#!/usr/bin/env bash
# Collects every rule finding the release binary gives over the first-parent history of each
# corpus repository (built-in defaults, `check --base C^ --head C`), one JSON line per finding:
#
#   bash benches/precision/collect.sh MIRROR_ROOT [JOBS] > findings.jsonl
#
# LIMIT=N checks only the N most recent first-parent commits of each repository (the label set
# was collected with the whole histories of terraform-aws-vpc and terraform-aws-iam and LIMIT=300
# for the others); REPOS="owner/name …" restricts the repositories; ONLY_COMMITS=FILE (one sha a
# line, e.g. the commits of labels.tsv) checks only those.
#
# Process findings (docs/, review/, analysis/, gate/, suppression/) follow from the policy and the
# missing PR context and are left out; `ai/` provenance findings are kept. The label set
# (labels.tsv) was sampled from this output by sample.py; score.py compares a new run with it.
set -euo pipefail
root=${1:?usage: collect.sh MIRROR_ROOT [JOBS]}
jobs=${2:-2}
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${CHANGEGATE_BIN:-$here/target/release/changegate}
[ -x "$bin" ] || { echo "build it first: cargo build --release --locked" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repos=$(python3 -c 'import json,sys; [print(r["repository"].split("github.com/")[1]) for r in json.load(open(sys.argv[1]))["repositories"]]' "$here/tests/corpus/manifest.json")
for name in ${REPOS:-$repos}; do
  src="$root/${name/\//+}/repo"
  [ -d "$src" ] || { echo "$name: no mirror at $src (skipped)" >&2; continue; }
  clone="$work/${name/\//+}"
  git clone -q --no-checkout --shared "$src" "$clone"
  git -C "$clone" rev-list --first-parent --parents ${LIMIT:+--max-count="$LIMIT"} HEAD | awk 'NF>1 {print $1, $2}' > "$work/commits"
  if [ -n "${ONLY_COMMITS:-}" ]; then
    awk 'NR == FNR { want[$1]; next } $1 in want' "$ONLY_COMMITS" "$work/commits" > "$work/commits.only"
    mv "$work/commits.only" "$work/commits"
  fi
  mkdir -p "$work/out/${name/\//+}"
  # xargs appends "<commit> <parent>" to the fixed arguments: $3 and $4.
  xargs -P "$jobs" -L 1 sh -c '
    "$0" -C "$1" check --base "$4" --head "$3" --format json -o "$2/$3.json" >/dev/null 2>&1
    echo "$? $3" >> "$2/codes"
  ' "$bin" "$clone" "$work/out/${name/\//+}" < "$work/commits"
  python3 - "$name" "$work/out/${name/\//+}" <<'PY'
import json, os, sys
name, out = sys.argv[1], sys.argv[2]
process = ("docs/", "review/", "analysis/", "gate/", "suppression/")
blocked, reasons, total = 0, {}, 0
for f in sorted(os.listdir(out)):
    if not f.endswith(".json"):
        continue
    try:
        report = json.load(open(os.path.join(out, f)))
    except ValueError:
        continue
    sha = f[:-5]
    total += 1
    if report["verdict"] == "blocked":
        blocked += 1
        for rule in sorted({x["rule_id"] for x in report["findings"] if x["blocking"]}):
            reasons[rule] = reasons.get(rule, 0) + 1
    for x in report["findings"]:
        if x["rule_id"].startswith(process):
            continue
        r = x.get("range") or {}
        print(json.dumps({
            "repo": name, "commit": sha, "rule": x["rule_id"], "path": x.get("path"),
            "line": r.get("start_line"), "severity": x["severity"], "blocking": x["blocking"],
            "message": x["message"], "snippet": (x.get("snippet") or "")[:300],
        }, sort_keys=True))
print(f"{name}: {total} commits, {blocked} blocked ({100.0 * blocked / max(total, 1):.1f}%)", file=sys.stderr)
for rule, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{name}:   {n:5} blocked by {rule}", file=sys.stderr)
PY
  awk '{print $1}' "$work/out/${name/\//+}/codes" | sort | uniq -c | sed "s|^|$name: exit codes |" >&2
done
