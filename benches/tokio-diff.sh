#!/usr/bin/env bash
# The real-size benchmark: a git repository whose two commits are tokio 1.20.0 and tokio 1.40.0
# (downloaded from crates.io with cargo), judged by `changegate check`. Prints files, changed
# lines, MB parsed, wall time (best of N), peak RSS, MB/s, and the per-stage split (--timings).
# No assertions: numbers for the humans reading them.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
old=${OLD:-1.20.0}
new=${NEW:-1.40.0}
cargo build --release --locked --quiet
bin="$PWD/target/release/changegate"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() { # version -> unpacked source dir
  local version=$1 dir="$work/fetch-$1"
  mkdir -p "$dir/src"
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ntokio = { version = "=%s", default-features = false }\n' "$version" > "$dir/Cargo.toml"
  : > "$dir/src/lib.rs"
  (cd "$dir" && cargo fetch --quiet)
  local crate
  crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/tokio-"$version".crate | head -n 1)
  tar -xzf "$crate" -C "$work"
  echo "$work/tokio-$version"
}

old_dir=$(fetch "$old")
new_dir=$(fetch "$new")
repo="$work/repo"
mkdir -p "$repo"
git -C "$repo" init -q -b main
git -C "$repo" config user.email bench@example.com
git -C "$repo" config user.name bench
cp -R "$old_dir"/. "$repo"/
git -C "$repo" add -A && git -C "$repo" commit -qm "tokio $old"
git -C "$repo" rm -rq --cached . && find "$repo" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
cp -R "$new_dir"/. "$repo"/
git -C "$repo" add -A && git -C "$repo" commit -qm "tokio $new"

echo "tokio $old → $new: $(git -C "$repo" diff --shortstat HEAD~1 HEAD)"
best=999999
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$bin" -C "$repo" check --base HEAD~1 --head HEAD --format json -o "$work/verdict.json" --timings 2> "$work/timings" || true
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  if (( ms < best )); then best=$ms; cp "$work/timings" "$work/best-timings"; fi
done
rss=$(tail -n 1 "$work/rss")
grep '^timings' "$work/best-timings"
mb=$(grep -o '([0-9.]* MB parsed)' "$work/best-timings" | tr -dc '0-9.')
python3 - "$work/verdict.json" "$best" "$rss" "$mb" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
best, rss, mb = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
s = report["summary"]
items = sum(len(f.get("items", [])) for f in report["files"])
print(f"files {s['files']}, +{s['lines_added']} -{s['lines_removed']} lines, {items} changed items, "
      f"{len(report['findings'])} findings")
print(f"wall {best} ms (best of runs), peak RSS {rss/1024:.1f} MB, {mb:.2f} MB parsed, {mb/(best/1000):.1f} MB/s")
PY
