#!/usr/bin/env bash
# Builds ampx-rs from this checkout and installs it with its shell completions.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ./install.sh [--prefix DIR] [--no-completions]

Builds ampx-rs with `cargo build --release --locked` (or takes the binary that
AMPX_INSTALL_BINARY names) and installs:
  DIR/bin/ampx-rs                                   (DIR defaults to ~/.local)
  bash: DIR/share/bash-completion/completions/ampx-rs
  zsh:  DIR/share/zsh/site-functions/_ampx-rs      (prints the fpath line to add)
  fish: ~/.config/fish/completions/ampx-rs.fish     (DIR/share/fish/vendor_completions.d
        with another --prefix)
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

cd "$(dirname "$0")"
if [ -n "${AMPX_INSTALL_BINARY:-}" ]; then
  # A binary already built (the README test installs the one it tests).
  target="$AMPX_INSTALL_BINARY"
else
  command -v cargo >/dev/null || { echo "error: cargo is needed; install Rust from https://rustup.rs" >&2; exit 1; }
  cargo build --release --locked
  target="${CARGO_TARGET_DIR:-target}/release/ampx-rs"
fi

install -d "$prefix/bin"
install -m 0755 "$target" "$prefix/bin/ampx-rs"
echo "installed $prefix/bin/ampx-rs"

if [ "$completions" = 1 ]; then
  # Where each shell loads completions from by itself: bash-completion reads
  # ~/.local/share/bash-completion, fish reads ~/.config/fish/completions; zsh reads only
  # its fpath, so the line to add is printed.
  fish_dest="$prefix/share/fish/vendor_completions.d/ampx-rs.fish"
  [ "$prefix" = "$HOME/.local" ] && fish_dest="${XDG_CONFIG_HOME:-$HOME/.config}/fish/completions/ampx-rs.fish"
  for entry in "bash:$prefix/share/bash-completion/completions/ampx-rs" \
               "zsh:$prefix/share/zsh/site-functions/_ampx-rs" \
               "fish:$fish_dest"; do
    shell="${entry%%:*}"; dest="${entry#*:}"
    install -d "$(dirname "$dest")"
    "$prefix/bin/ampx-rs" completions "$shell" > "$dest"
    echo "installed $shell completions: $dest"
  done
  echo "note: for zsh, add before compinit in ~/.zshrc: fpath=(\"$prefix/share/zsh/site-functions\" \$fpath)"
  # bash loads the installed file only through the bash-completion package.
  if ! bash -ic 'declare -F _completion_loader >/dev/null || declare -F __load_completion >/dev/null' </dev/null >/dev/null 2>&1; then
    echo "note: bash-completion is not loaded in your bash, so the bash completions are not used;"
    echo "      install it (Debian: apt-get install bash-completion), or add to ~/.bashrc:"
    echo "      source \"$prefix/share/bash-completion/completions/ampx-rs\""
  fi
fi

case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
