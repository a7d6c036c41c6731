#!/usr/bin/env bash
# Runs `check` on every commit of recall.tsv (from local mirrors, no network) and scores recall.
#
#   benches/precision/collect-recall.sh MIRROR_ROOT      (mirrors as MIRROR_ROOT/<owner>+<name>/repo)
set -euo pipefail
root=${1:?usage: collect-recall.sh MIRROR_ROOT}
here=$(cd "$(dirname "$0")" && pwd)
bin=${CHANGEGATE_BIN:-$here/../../target/release/changegate}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/out"
grep -v '^#' "$here/recall.tsv" | while IFS=$'\t' read -r repo commit family path why; do
  clone="$work/${repo/\//+}"
  [ -d "$clone" ] || git clone -q --no-checkout --shared "$root/${repo/\//+}/repo" "$clone"
  "$bin" -C "$clone" check --base "$commit^" --head "$commit" --format json -o "$work/out/$commit.json" >/dev/null 2>&1 || true
done
python3 "$here/score-recall.py" "$work/out"
