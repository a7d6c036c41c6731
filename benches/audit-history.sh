#!/usr/bin/env bash
# Times `changegate audit` over a generated history of N commits (default 10,000) made with
# git fast-import: every third commit touches tier-1 paths, every sixth is a squash-merged PR with
# review trailers. Tier-1 files are real Rust sources from the local cargo registry (a one-line
# edit each time, so both sides of a real-size file are parsed, as in a real repository);
# REAL=0 uses tiny YAML files instead.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${COMMITS:-10000}
cargo build --release --locked --quiet
bin="$PWD/target/release/changegate"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q -b main
real_list="$work/real-files"
: > "$real_list"
if [[ "${REAL:-1}" == 1 ]]; then
  find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -name '*.rs' -size +4k -size -40k 2>/dev/null \
    | LC_ALL=C sort | head -50 > "$real_list" || true
fi
python3 - "$n" "$real_list" > "$work/stream" <<'PY'
import sys
n = int(sys.argv[1])
real = [open(p, encoding="utf-8", errors="replace").read() for p in open(sys.argv[2]).read().split()]
out = sys.stdout
for i in range(1, n + 1):
    if i % 3 == 0 and real:
        path = f"src/control_plane/mod{i % 50}.rs"
        body = real[i % len(real)] + f"\n// revision {i}\n"
    elif i % 3 == 0:
        path = f"deploy/app{i % 50}.yaml"
        body = f"value: {i}\n"
    else:
        path = f"docs/note{i % 50}.md"
        body = f"value: {i}\n"
    msg = f"change {i}"
    if i % 6 == 0:
        msg += f" (#{i})\n\n## Risk\nLow risk, one value changes.\n\nReviewed-by: Bob <bob@example.com>\nReviewed-by: Carol <carol@example.com>"
    msg += "\n"
    out.write(f"commit refs/heads/main\nmark :{i}\n")
    out.write(f"author Alice <alice@example.com> {1767225600 + i} +0000\n")
    out.write(f"committer Alice <alice@example.com> {1767225600 + i} +0000\n")
    out.write(f"data {len(msg.encode())}\n{msg}")
    if i > 1:
        out.write(f"from :{i - 1}\n")
    out.write(f"M 100644 inline {path}\ndata {len(body.encode())}\n{body}\n")
PY
git -C "$work" fast-import --quiet < "$work/stream"
git -C "$work" checkout -q main
best=999999
peak=0
for _ in 1 2 3; do
  start=$(date +%s%N)
  # Peak RSS of the audit process, in KiB (getrusage of the waited-for child).
  rss=$(python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' \
    "$bin" -C "$work" audit --since 2025-01-01 --format json -o "$work/audit.json")
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  (( ms < best )) && best=$ms
  (( rss > peak )) && peak=$rss
done
changes=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['audit']['changes']))" "$work/audit.json")
bytes=$(python3 -c "import sys,os; print(sum(os.path.getsize(p) for p in open(sys.argv[1]).read().split()))" "$real_list")
echo "audit of $n commits ($changes tier-1 changes; tier-1 files: $(wc -l < "$real_list") real sources, $bytes bytes): best of 3 = $best ms, peak RSS $(( peak / 1024 )) MiB"
