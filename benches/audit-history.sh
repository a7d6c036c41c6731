#!/usr/bin/env bash
# Times `changegate audit` over a generated history of N commits (default 10,000) made with
# git fast-import: every third commit touches deploy/ (tier-1), some are merges of reviewed PRs.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${COMMITS:-10000}
cargo build --release --locked --quiet
bin="$PWD/target/release/changegate"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q -b main
python3 - "$n" > "$work/stream" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout
for i in range(1, n + 1):
    path = f"deploy/app{i % 50}.yaml" if i % 3 == 0 else f"docs/note{i % 50}.md"
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
for _ in 1 2 3; do
  start=$(date +%s%N)
  "$bin" -C "$work" audit --since 2025-01-01 --format json -o "$work/audit.json"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  (( ms < best )) && best=$ms
done
changes=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['audit']['changes']))" "$work/audit.json")
echo "audit of $n commits ($changes tier-1 changes): best of 3 = $best ms"
