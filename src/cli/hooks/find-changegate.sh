# Without the binary, say how to get it instead of failing with "changegate: not found".
if ! command -v changegate >/dev/null 2>&1; then
  echo "changegate: the $hook hook needs the changegate binary on PATH, and it is not there." >&2
  echo "  install it: cargo install --locked --path <changegate checkout>, or a release binary (see its README)" >&2
  echo "  skip the check once: git $verb --no-verify" >&2
  exit 1
fi
