#!/usr/bin/env bash
# Byte-identical reports from two builds over real histories: for a refactoring that must not
# change behaviour. Runs `check` for each first-parent commit of each mirror in every format
# with both binaries and prints how many reports matched, naming each one that did not.
#
#   benches/same-output.sh OLD_BIN NEW_BIN MIRROR... (LIMIT=40 commits per repository)
set -euo pipefail
old=${1:?usage: same-output.sh OLD_BIN NEW_BIN MIRROR...}
new=${2:?usage: same-output.sh OLD_BIN NEW_BIN MIRROR...}
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
same=0 differ=0
for src in "$@"; do
  name=$(basename "$(dirname "$src")")
  clone="$work/$name"
  git clone -q --no-checkout --shared "$src" "$clone"
  while read -r commit parent; do
    for format in json text sarif codequality markdown; do
      for bin in old new; do
        "${!bin}" -C "$clone" check --base "$parent" --head "$commit" --format "$format" \
          > "$work/$bin.out" 2>/dev/null && echo 0 >> "$work/$bin.out" || echo "exit $?" >> "$work/$bin.out"
      done
      if cmp -s "$work/old.out" "$work/new.out"; then
        same=$((same + 1))
      else
        differ=$((differ + 1))
        echo "differs: $name ${commit:0:12} --format $format"
      fi
    done
  done < <(git -C "$clone" rev-list --first-parent --parents --max-count="${LIMIT:-40}" HEAD | awk 'NF>1 {print $1, $2}')
done
echo "identical reports: $same, different: $differ"
[ "$differ" -eq 0 ]
