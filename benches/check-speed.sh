#!/usr/bin/env bash
# Measures `changegate check` on real-size diffs: this repository's last commits and a generated
# 1,000-file change. Prints wall time (best of N) and peak RSS. No assertions: numbers for humans.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cargo build --release --locked --quiet
bin="$PWD/target/release/changegate"

measure() { # label, dir, args...
  local label=$1 dir=$2; shift 2
  local best=999999 rss=0
  for _ in $(seq "$runs"); do
    local start end ms
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o /tmp/changegate-rss "$bin" -C "$dir" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    (( ms < best )) && best=$ms
    rss=$(tail -n 1 /tmp/changegate-rss)
  done
  printf '%-44s best of %d: %5d ms   peak RSS %6d KiB\n' "$label" "$runs" "$best" "$rss"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/big"
mkdir -p "$repo"
git -C "$repo" init -q -b main
git -C "$repo" config user.email bench@example.com
git -C "$repo" config user.name bench
python3 - "$repo" <<'PY'
import os, sys
root = sys.argv[1]
dirs = ["src/control_plane", "src/api", "deploy/prod", "infra", "lib/util", "docs"]
for i in range(1000):
    d = os.path.join(root, dirs[i % len(dirs)], f"m{i // 50}")
    os.makedirs(d, exist_ok=True)
    ext = [".rs", ".rs", ".yaml", ".tf", ".rs", ".md"][i % len(dirs)]
    with open(os.path.join(d, f"file{i}{ext}"), "w") as f:
        for line in range(300):
            f.write(f"// file {i} line {line}: fn item_{line}() {{ let value = {line} * {i}; }}\n")
PY
git -C "$repo" add -A && git -C "$repo" commit -qm base
python3 - "$repo" <<'PY'
import os, sys
root = sys.argv[1]
for dirpath, _, files in os.walk(root):
    if ".git" in dirpath:
        continue
    for name in files:
        path = os.path.join(dirpath, name)
        lines = open(path).read().splitlines(True)
        for k in range(0, len(lines), 37):
            lines[k] = lines[k].replace("value", "changed_value")
        lines.insert(150, "// a new line in the middle\n")
        open(path, "w").write("".join(lines))
PY
git -C "$repo" commit -qam change
files=$(git -C "$repo" diff --name-only HEAD~1 HEAD | wc -l)
stat=$(git -C "$repo" diff --shortstat HEAD~1 HEAD)
mb=$(du -sm --exclude=.git "$repo" | cut -f1)
echo "generated: $files files ($stat), ~${mb} MB of text per side"

measure "this repository: working tree" "$PWD" check
measure "this repository: HEAD~5..HEAD" "$PWD" check --base "HEAD~5" --head HEAD
measure "1,000-file diff (text)" "$repo" check --base HEAD~1 --head HEAD
measure "1,000-file diff (json)" "$repo" check --base HEAD~1 --head HEAD --format json
git -C "$repo" diff HEAD~1 HEAD > "$work/big.patch"
measure "1,000-file patch via --diff" "$work" check --diff "$work/big.patch"
