#!/usr/bin/env bash
# Runs the release binary over the whole first-parent history of each corpus repository:
# `check --base C^ --head C` for every commit, then one `audit` over the whole history.
#
#   bash benches/corpus-history.sh MIRROR_ROOT [JOBS]
#
# MIRROR_ROOT/<owner>+<name>/repo are git directories of the repositories in
# tests/corpus/manifest.json (the search tool's `fetch` brings them). Each is cloned without a
# checkout into a temp dir (the binary only reads git objects for a committed range).
# Prints, per repository: commits checked, exit codes seen, internal errors, wall time; exits 1
# if any check ended with anything but 0 or 1, reported an internal error, or the audit failed.
set -euo pipefail
root=${1:?usage: corpus-history.sh MIRROR_ROOT [JOBS]}
jobs=${2:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${CHANGEGATE_BIN:-$here/target/release/changegate}
[ -x "$bin" ] || { echo "build it first: cargo build --release --locked" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
repos=$(python3 -c 'import json,sys; [print(r["repository"].split("github.com/")[1]) for r in json.load(open(sys.argv[1]))["repositories"]]' "$here/tests/corpus/manifest.json")
for name in $repos; do
  src="$root/${name/\//+}/repo"
  [ -d "$src" ] || { echo "$name: no mirror at $src (skipped)"; status=1; continue; }
  clone="$work/${name/\//+}"
  git clone -q --no-checkout --shared "$src" "$clone"
  git -C "$clone" rev-list --first-parent --parents HEAD | awk 'NF>1 {print $1, $2}' > "$work/commits"
  total=$(wc -l < "$work/commits")
  start=$(date +%s)
  # One line per commit: "<exit> <internal errors> <sha>".
  xargs -P "$jobs" -L 1 sh -c '
    out=$("$0" -C "$1" check --base "$3" --head "$2" --format json 2>/dev/null); code=$?
    errors=$(printf "%s" "$out" | grep -c "\"analysis/internal-error\"" || true)
    echo "$code $errors $2"
  ' "$bin" "$clone" < "$work/commits" > "$work/results"
  took=$(( $(date +%s) - start ))
  codes=$(awk '{print $1}' "$work/results" | sort | uniq -c | awk '{printf "%s×exit %s  ", $1, $2}')
  internal=$(awk '{n += $2} END {print n+0}' "$work/results")
  bad=$(awk '$1 != 0 && $1 != 1' "$work/results" | wc -l)
  audit_start=$(date +%s)
  if "$bin" -C "$clone" audit --since 1970-01-01 --offline --branch HEAD --format json -o "$work/audit.json" 2>"$work/audit.err"; then
    audit="audit ok ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["audit"]["changes"]))' "$work/audit.json") tier-1 changes, $(( $(date +%s) - audit_start )) s)"
  else
    audit="AUDIT FAILED: $(tail -1 "$work/audit.err")"; status=1
  fi
  echo "$name: $total commits in ${took}s — $codes— internal errors: $internal — $audit"
  if [ "$bad" -gt 0 ] || [ "$internal" -gt 0 ]; then
    status=1
    awk '($1 != 0 && $1 != 1) || $2 > 0' "$work/results" | head -5
  fi
  rm -rf "$clone"
done
exit $status
