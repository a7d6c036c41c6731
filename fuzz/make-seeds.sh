#!/usr/bin/env bash
# Writes fuzz/corpus/<target>/ (not committed: cargo fuzz grows it) from the real-world corpus and the built-in policy and rules:
# small real files (at most 16 KB each, at most 40 per target), so that fuzzing starts from
# input that looks like what the gate meets. Re-running gives the same seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus
rm -rf "$out"
mkdir -p "$out"/{patch,config_yaml,config_json,config_toml,config_hcl,policy,rules}
pick() { # target, find expression...
  local target=$1; shift
  find tests/corpus -type f "$@" -size -16k | LC_ALL=C sort | head -40 | while read -r f; do
    cp "$f" "$out/$target/$(printf '%s' "$f" | sha256sum | cut -c1-16)"
  done
}
pick config_yaml \( -name '*.yaml' -o -name '*.yml' \)
pick config_json -name '*.json' -not -name manifest.json
pick config_toml -name '*.toml'
pick config_hcl \( -name '*.tf' -o -name '*.tfvars' -o -name '*.hcl' \)
# Patches: the corpus commits' own diffs, as `git diff --no-index` writes them.
for dir in $(find tests/corpus -mindepth 2 -maxdepth 2 -type d | LC_ALL=C sort | head -40); do
  [ -d "$dir/old" ] && [ -d "$dir/new" ] || continue
  git diff --no-index --no-color "$dir/old" "$dir/new" 2>/dev/null | head -c 16384 \
    > "$out/patch/$(printf '%s' "$dir" | sha256sum | cut -c1-16)" || true
done
cp src/policy/default.yml "$out/policy/default"
printf 'version: 1\ntiers:\n  t:\n    paths: ["**"]\n    require: {approvals: 2, docs: [risk]}\ndocs:\n  risk: {heading: Risk}\n' > "$out/policy/small"
for f in rules/*.yml; do cp "$f" "$out/rules/$(basename "$f" .yml)"; done
find "$out" -type f -empty -delete
du -sh "$out"
