#!/usr/bin/env bash
# changegate against a floor program of its own and against ast-grep, on real diffs of a real
# repository. Fetches nothing at run time:
#
#   benches/vs-floor.sh REPO BASE..HEAD [BASE..HEAD ...]
#
# For each range it runs, alternating, N times (RUNS, default 5): `changegate check` limited to
# six Rust rules (full pipeline otherwise: items on both sides, config diff, fan-in, every
# check); `examples/floor.rs` (git diff + parse both sides + one query on added lines, nothing
# else); `ast-grep scan` with the same six rules on the head's versions of the changed files
# (PyPI `ast-grep-cli`; skipped when absent). Prints medians of wall time and peak RSS and the
# ratios to the floor. Ratios are the result: absolute times depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { echo "usage: $0 REPO BASE..HEAD [BASE..HEAD ...]" >&2; exit 2; }
repo=$(cd "$1" && pwd); shift
runs=${RUNS:-5}
cargo build --release --locked --quiet --bin changegate --example floor
bin="$PWD/target/release/changegate"
floor="$PWD/target/release/examples/floor"
query="$PWD/benches/floor/six-rules.scm"
sg_rules="$PWD/benches/floor/six-rules-sg.yml"
sg=$(command -v ast-grep || true)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Only the six rules: every other built-in rule switched off.
{
  echo "version: 1"
  echo "rules:"
  echo "  packs: [rust]"
  echo "  disable: [rust/unimplemented, rust/unsafe-impl, rust/process-exit, rust/transmute, rust/discarded-result, rust/allow-clippy, rust/ignored-test, rust/test-removed]"
} > "$work/policy.yml"

# Runs a command once; appends "ms kib" to the file named by $1.
measure() {
  local into=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" > "$work/out" 2>/dev/null || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$work/rss")" >> "$into"
}
median() { # column of file
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'
}

printf '%-28s %6s %6s | %9s %9s %9s | %7s %7s | %8s %8s %8s\n' range files matches \
  changegate floor ast-grep "cg/fl" "sg/fl" "cg RSS" "fl RSS" "sg RSS"
for range in "$@"; do
  base=${range%%..*} head=${range##*..}
  files=$(git -C "$repo" diff --name-only "$base" "$head" -- '*.rs' | wc -l)
  rm -rf "$work/head" && mkdir -p "$work/head"
  git -C "$repo" diff --name-only --diff-filter=d -z "$base" "$head" -- '*.rs' \
    | xargs -0 -r git -C "$repo" archive "$head" -- | tar -x -C "$work/head"
  : > "$work/cg" ; : > "$work/fl" ; : > "$work/sg"
  for _ in $(seq "$runs"); do
    measure "$work/cg" "$bin" -C "$repo" check --base "$base" --head "$head" --config "$work/policy.yml" --format json
    measure "$work/fl" "$floor" "$repo" "$base" "$head" "$query"
    matches=$(awk '{print $4}' "$work/out")
    if [[ -n "$sg" ]]; then
      measure "$work/sg" "$sg" scan -r "$sg_rules" "$work/head"
    fi
  done
  cg=$(median "$work/cg" 1) fl=$(median "$work/fl" 1)
  sgt=$([[ -s "$work/sg" ]] && median "$work/sg" 1 || echo 0)
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
  printf '%-28s %6s %6s | %7s ms %7s ms %7s ms | %7s %7s | %5s MB %5s MB %5s MB\n' \
    "$(git -C "$repo" rev-parse --short=12 "$base")..$(git -C "$repo" rev-parse --short=12 "$head")" "$files" "$matches" "$cg" "$fl" "$sgt" \
    "$(ratio "$cg" "$fl")" "$(ratio "$sgt" "$fl")" \
    $(( $(median "$work/cg" 2) / 1024 )) $(( $(median "$work/fl" 2) / 1024 )) \
    $(( $([[ -s "$work/sg" ]] && median "$work/sg" 2 || echo 0) / 1024 ))
done
