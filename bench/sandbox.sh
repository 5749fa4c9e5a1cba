#!/usr/bin/env bash
# Benchmarks `ampx-rs sandbox` against moto on 127.0.0.1 (with tests/moto_launcher.py):
# save → change set requested, an unchanged save (and its AWS calls), first-deploy
# phases. Needs python3 and cargo. Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${AMPX_CACHE_DIR:-$HOME/.cache/ampx-rs}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"
venv="$cache/venv"
cargo build --release --locked --quiet
if ! "$venv/bin/python" -c 'import moto' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.2.5'
fi
port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$venv/bin/python" tests/moto_launcher.py "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export MOTO_PORT="$port" AMPX_BIN="$CARGO_TARGET_DIR/release/ampx-rs" EXAMPLE_DIR="$PWD/examples/team-drive"
echo "ampx-rs $("$AMPX_BIN" --version | cut -d' ' -f2), moto 5.2.5; $(nproc) cores; $(date -u +%Y-%m-%d)"
python3 bench/sandbox.py
