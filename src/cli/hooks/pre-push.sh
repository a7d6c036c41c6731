# Each pushed ref, as git gives it on stdin: <local ref> <local sha> <remote ref> <remote sha>.
status=0
while read -r local_ref local_sha remote_ref remote_sha; do
  case "$local_sha" in *[!0]*) ;; *) continue ;; esac  # a deletion: nothing to judge
  base=""
  case "$remote_sha" in
    *[!0]*)
      if git cat-file -e "$remote_sha^{commit}" 2>/dev/null; then
        base=$(git merge-base "$remote_sha" "$local_sha" 2>/dev/null || true)
      fi ;;
  esac
  if [ -z "$base" ]; then
    # A new branch (or a remote head this clone does not have): from where it leaves the
    # remote's default branch.
    default=$(git symbolic-ref -q "refs/remotes/$remote/HEAD" 2>/dev/null || true)
    if [ -z "$default" ]; then
      for name in main master; do
        if git rev-parse -q --verify "refs/remotes/$remote/$name" >/dev/null; then
          default="refs/remotes/$remote/$name"
          break
        fi
      done
    fi
    if [ -n "$default" ]; then
      base=$(git merge-base "$default" "$local_sha" 2>/dev/null || true)
    fi
  fi
  if [ -z "$base" ]; then
    echo "changegate: $local_ref -> $remote_ref: no common commit with $remote's default branch; judging the whole history of $local_sha" >&2
    base=$(git rev-list --max-parents=0 "$local_sha" | tail -n 1)
  fi
  if [ "$base" = "$local_sha" ]; then
    echo "changegate: $local_ref -> $remote_ref: nothing new to judge"
    continue
  fi
  echo "changegate: judging $local_ref -> $remote_ref ($(git rev-parse --short "$base")..$(git rev-parse --short "$local_sha"), what this push sends)"
  changegate check --base "$base" --head "$local_sha"
  code=$?
  if [ "$code" -gt "$status" ]; then status=$code; fi
done
exit $status
