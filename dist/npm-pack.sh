#!/usr/bin/env bash
# Packs ampx-rs for npm into OUT_DIR: the launcher package (ampx-rs-VERSION.tgz) and this
# machine's platform package (ampx-rs-<platform>-VERSION.tgz, npm name @ampx-rs/<platform>),
# as the release workflow does for each of the five platforms.
#
# Usage: dist/npm-pack.sh OUT_DIR
#   Builds the release binary with `cargo build --release --locked`, unless
#   AMPX_NPM_BINARY names a binary already built (the tests and the release workflow do),
#   for this machine or for AMPX_NPM_PLATFORM (linux-x64-gnu, linux-arm64-gnu,
#   darwin-x64, darwin-arm64, win32-x64).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: dist/npm-pack.sh OUT_DIR" >&2; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
command -v npm >/dev/null || { echo "dist/npm-pack.sh: needs npm" >&2; exit 1; }

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)"
# This machine's platform, unless AMPX_NPM_PLATFORM names another (the release workflow
# packs binaries built for each target).
platform="${AMPX_NPM_PLATFORM:-}"
if [ -z "$platform" ]; then
  case "$(uname -s) $(uname -m)" in
    "Linux x86_64") platform=linux-x64-gnu ;;
    "Linux aarch64") platform=linux-arm64-gnu ;;
    "Darwin x86_64") platform=darwin-x64 ;;
    "Darwin arm64") platform=darwin-arm64 ;;
    *) echo "dist/npm-pack.sh: no npm platform package for $(uname -s) $(uname -m)" >&2; exit 1 ;;
  esac
fi
exe=ampx-rs libc=""
case "$platform" in
  linux-x64-gnu) os=linux cpu=x64 libc='["glibc"]' ;;
  linux-arm64-gnu) os=linux cpu=arm64 libc='["glibc"]' ;;
  darwin-x64) os=darwin cpu=x64 ;;
  darwin-arm64) os=darwin cpu=arm64 ;;
  win32-x64) os=win32 cpu=x64 exe=ampx-rs.exe ;;
  *) echo "dist/npm-pack.sh: unknown platform '$platform'" >&2; exit 2 ;;
esac

binary="${AMPX_NPM_BINARY:-}"
if [ -z "$binary" ]; then
  (cd "$repo" && cargo build --release --locked)
  binary="${CARGO_TARGET_DIR:-$repo/target}/release/ampx-rs"
fi
[ -x "$binary" ] || { echo "dist/npm-pack.sh: $binary is not an executable" >&2; exit 1; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# The platform package: the binary and a package.json that npm installs only where
# os, cpu (and libc) match.
libc_field=""
[ -z "$libc" ] || libc_field="\"libc\": $libc,"
mkdir -p "$stage/platform/bin"
install -m 0755 "$binary" "$stage/platform/bin/$exe"
cat > "$stage/platform/package.json" <<JSON
{
  "name": "@ampx-rs/$platform",
  "version": "$version",
  "description": "The ampx-rs binary for $platform (installed by the ampx-rs package)",
  "license": "Apache-2.0",
  "os": ["$os"],
  "cpu": ["$cpu"],
  $libc_field
  "files": ["bin/$exe"],
  "preferUnplugged": true
}
JSON

# The launcher package, its version and its platform packages' versions set to this one.
cp -R "$repo/dist/npm/ampx-rs" "$stage/launcher"
sed -i.orig "s/\"0\.0\.0\"/\"$version\"/g" "$stage/launcher/package.json"
rm -f "$stage/launcher/package.json.orig"
cp "$repo/README.md" "$stage/launcher/README.md"

(cd "$stage/platform" && npm pack --pack-destination "$out" >/dev/null)
(cd "$stage/launcher" && npm pack --pack-destination "$out" >/dev/null)
echo "$out/ampx-rs-$version.tgz"
echo "$out/ampx-rs-$platform-$version.tgz"
