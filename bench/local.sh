#!/usr/bin/env bash
# The local sandbox against s3s-fs and moto, same client (ampx-rs) and workload, one run.
# Needs python3, cargo and /usr/bin/time. Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${AMPX_CACHE_DIR:-$HOME/.cache/ampx-rs}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"
venv="$cache/venv"
tools="$cache/tools"
cargo build --release --locked --quiet
if ! "$venv/bin/python" -c 'import moto, boto3' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.2.5'
fi
if [ ! -x "$tools/bin/s3s-fs" ]; then
  CARGO_TARGET_DIR="$cache/tools-target" cargo install --quiet --locked s3s-fs --version 0.14.1 --features binary --root "$tools"
fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export AMPX_BIN="$CARGO_TARGET_DIR/release/ampx-rs"
project="$(mktemp -d)"
cp -r examples/team-drive/amplify examples/team-drive/package.json "$project"
# s3s-fs serves a folder beside the local sandbox's own data, in the same file system:
# small-file writes cost what the file system's state makes them cost.
(cd "$project" && "$AMPX_BIN" sandbox --local --once >/dev/null 2>&1)
mkdir -p "$project/.amplify/local/s3s-fs/local-amplifyteamdrive"
s3s_port="$(free_port)"; moto_port="$(free_port)"; local_port="$(free_port)"
"$tools/bin/s3s-fs" --host 127.0.0.1 --port "$s3s_port" --access-key bench --secret-key bench "$project/.amplify/local/s3s-fs" >/dev/null 2>&1 &
s3s=$!
"$venv/bin/moto_server" -H 127.0.0.1 -p "$moto_port" >/dev/null 2>&1 &
moto=$!
trap 'kill $s3s $moto 2>/dev/null || true; wait $s3s $moto 2>/dev/null || true; rm -rf "$project"' EXIT
for port in "$s3s_port" "$moto_port"; do
  for _ in $(seq 1 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
    sleep 0.1
  done
done
export PATH="$venv/bin:$PATH"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export PROJECT_DIR="$project" LOCAL_PORT="$local_port" S3S_PID="$s3s" MOTO_PID="$moto"
export S3S_ENDPOINT="http://127.0.0.1:$s3s_port" MOTO_ENDPOINT="http://127.0.0.1:$moto_port"
echo "ampx-rs $("$AMPX_BIN" --version | cut -d' ' -f2), s3s-fs 0.14.1, moto 5.2.5; $(nproc) cores; $(date -u +%Y-%m-%d)"
python bench/local.py
