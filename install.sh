#!/usr/bin/env bash
# Builds ampx-rs from this checkout and installs it with its shell completions.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ./install.sh [--prefix DIR] [--no-completions]

Builds ampx-rs with `cargo build --release --locked` and installs:
  DIR/bin/ampx-rs                                   (DIR defaults to ~/.local)
  bash: DIR/share/bash-completion/completions/ampx-rs
  zsh:  DIR/share/zsh/site-functions/_ampx-rs
  fish: DIR/share/fish/vendor_completions.d/ampx-rs.fish
Running it again replaces what it installed before.
USAGE
}

prefix="$HOME/.local"
completions=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "error: --prefix needs a directory" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --no-completions) completions=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

command -v cargo >/dev/null || { echo "error: cargo is needed; install Rust from https://rustup.rs" >&2; exit 1; }
cd "$(dirname "$0")"
cargo build --release --locked
target="${CARGO_TARGET_DIR:-target}/release/ampx-rs"

install -d "$prefix/bin"
install -m 0755 "$target" "$prefix/bin/ampx-rs"
echo "installed $prefix/bin/ampx-rs"

if [ "$completions" = 1 ]; then
  for entry in "bash:share/bash-completion/completions/ampx-rs" \
               "zsh:share/zsh/site-functions/_ampx-rs" \
               "fish:share/fish/vendor_completions.d/ampx-rs.fish"; do
    shell="${entry%%:*}"; dest="$prefix/${entry#*:}"
    install -d "$(dirname "$dest")"
    "$prefix/bin/ampx-rs" completions "$shell" > "$dest"
    echo "installed $shell completions: $dest"
  done
fi

case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
