#!/usr/bin/env bash
# Benchmarks `ampx-rs browse --local`: how long a folder of 20,000 keys takes to show its
# first page in headless Chromium (a fresh browser context per run: token exchange, page,
# scripts, first listing, 1000 rows drawn), and the next page. For contrast, the same
# folder listed whole by `ampx-rs ls`. Needs cargo, Node.js 20+ and Debian's chromium
# (as tests/run.sh sets up). Prints a Markdown table.
#   KEYS=20000 REPEAT=7 bash bench/browse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${AMPX_CACHE_DIR:-$HOME/.cache/ampx-rs}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"
keys="${KEYS:-20000}"
cargo build --release --locked --quiet
[ -d tests/web/node_modules/playwright-core ] ||
  npm ci --prefix tests/web --no-audit --no-fund --no-update-notifier --loglevel=error >/dev/null
ampx="$CARGO_TARGET_DIR/release/ampx-rs"

project="$(mktemp -d)"
cp -r examples/team-drive/amplify examples/team-drive/package.json "$project/"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_ENDPOINT_URL AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
(cd "$project" && exec "$ampx" sandbox --local --port "$port" >"$project/sandbox.log" 2>&1) &
sandbox=$!
browse=""
trap 'kill $sandbox $browse 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$project"' EXIT
for _ in $(seq 1 100); do
  grep -q "Watching for file changes" "$project/sandbox.log" 2>/dev/null && break
  sleep 0.1
done

# The folder: $keys small objects, uploaded once.
seed="$project/seed"
mkdir -p "$seed"
python3 -c "
import os, sys
for i in range(int(sys.argv[2])):
    open(os.path.join(sys.argv[1], f'photo-{i:06d}.jpg'), 'w').write('x')
" "$seed" "$keys"
(cd "$project" && "$ampx" -q cp -r "$seed" s3://amplifyTeamDrive/picture-submissions/many/ --concurrency 64 --no-progress)

(cd "$project" && exec "$ampx" browse --local --no-open --json >"$project/browse.out" 2>/dev/null) &
browse=$!
for _ in $(seq 1 100); do [ -s "$project/browse.out" ] && break; sleep 0.1; done
url="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["url"])' "$project/browse.out")"

start=$(date +%s%N)
(cd "$project" && "$ampx" ls s3://amplifyTeamDrive/picture-submissions/many/ >/dev/null)
ls_ms=$(( ($(date +%s%N) - start) / 1000000 ))

echo "ampx-rs $("$ampx" --version | cut -d' ' -f2), $(chromium --version 2>/dev/null | head -1); $(nproc) cores; $(date -u +%Y-%m-%d)"
node bench/browse.mjs "$url" "picture-submissions/many/" "$keys" "$ls_ms"
