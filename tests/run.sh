#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and the built binary against local servers.
# Sets up what the tests need by itself, in ~/.cache/ampx-rs (reused by later runs):
#   - moto[server] 5.2.5 in a Python venv: the S3 and CloudFormation emulator, on
#     127.0.0.1, started by tests/moto_launcher.py (which adds Cognito resources to
#     moto's CloudFormation)
#   - s3s-fs 0.14.1: an S3 server that checks signatures (for presigned URLs)
#   - awscli 1.46.3 in a venv of its own: the AWS CLI, run against the local sandbox
#   - cfn-lint 1.58.0 in moto's venv: AWS's template linter (AMPX_TEST_CFN_LINT)
#   - for the completion tests: Debian's zsh and fish, and curl for the README test
#     (installed once with apt-get)
#   - for the browser tests (tests/web): Debian's chromium (installed once with apt-get),
#     and Amplify's JS client, its <Authenticator> (@aws-amplify/ui-react, React), esbuild
#     and playwright-core from tests/web/package-lock.json
#     (npm ci, with the machine's Node.js); the same tree holds Amplify's storage-access
#     code and aws-cdk-lib for the access oracle (tests/it/amplify_oracle.rs)
# The servers are started on free ports and stopped by PID when this script exits.
set -euo pipefail
cd "$(dirname "$0")/.."

# Prerequisites first, so a missing one is said in seconds, not after a build.
missing() { echo "tests/run.sh: $1" >&2; exit 1; }
command -v cargo >/dev/null || missing "needs Rust 1.95 or newer (cargo): https://rustup.rs"
command -v python3 >/dev/null || missing "needs python3 (Debian: apt-get install python3 python3-venv)"
python3 -c 'import venv, ensurepip' 2>/dev/null ||
  missing "needs Python's venv module (Debian: apt-get install python3-venv)"
command -v node >/dev/null && command -v npm >/dev/null ||
  missing "the browser test needs Node.js 20 or newer with npm (https://nodejs.org)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] ||
  missing "the browser test needs Node.js 20 or newer; this is $(node --version)"

cache="${AMPX_CACHE_DIR:-$HOME/.cache/ampx-rs}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"
venv="$cache/venv"
tools="$cache/tools"

if ! "$venv/bin/python" -c 'import moto, sys; sys.exit(moto.__version__ != "5.2.5")' 2>/dev/null; then
  echo "tests/run.sh: installing moto[server]==5.2.5 into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.2.5'
fi
# AWS's template linter, with CloudFormation's resource schemas, in the same venv.
if ! "$venv/bin/cfn-lint" --version 2>/dev/null | grep -qx 'cfn-lint 1.58.0'; then
  echo "tests/run.sh: installing cfn-lint==1.58.0 into $venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'cfn-lint==1.58.0'
fi
awscli="$cache/awscli-venv"
if ! "$awscli/bin/aws" --version 2>&1 | grep -q '^aws-cli/1.46.3 '; then
  echo "tests/run.sh: installing awscli==1.46.3 into $awscli" >&2
  python3 -m venv "$awscli"
  "$awscli/bin/pip" install --quiet --disable-pip-version-check 'awscli==1.46.3'
fi
if [ ! -x "$tools/bin/s3s-fs" ]; then
  echo "tests/run.sh: building s3s-fs 0.14.1 into $tools (once)" >&2
  CARGO_TARGET_DIR="$cache/tools-target" \
    cargo install --quiet --locked s3s-fs --version 0.14.1 --features binary --root "$tools"
fi

if ! command -v chromium >/dev/null; then
  echo "tests/run.sh: installing Debian's chromium for the browser test with apt-get" \
    "(once; a few hundred MiB with its libraries)" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 ||
    { $sudo apt-get update -q >/dev/null &&
      $sudo apt-get install -y -q --no-install-recommends chromium >/dev/null; }
fi
# Completions are tested in the shells themselves; the README test pastes a curl line.
if ! command -v zsh >/dev/null || ! command -v fish >/dev/null || ! command -v curl >/dev/null; then
  echo "tests/run.sh: installing Debian's zsh, fish and curl with apt-get (once, ~10 MiB)" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get install -y -q --no-install-recommends zsh fish curl >/dev/null 2>&1 ||
    { $sudo apt-get update -q >/dev/null &&
      $sudo apt-get install -y -q --no-install-recommends zsh fish curl >/dev/null; }
fi
echo "tests/run.sh: npm ci in tests/web (Amplify's JS client and Authenticator, React, esbuild, playwright-core)" >&2
npm ci --prefix tests/web --no-audit --no-fund --no-update-notifier --loglevel=error >/dev/null

free_port() { "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
  for _ in $(seq 1 100); do
    if "$venv/bin/python" -c "import socket, sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "tests/run.sh: $2 did not start on port $1" >&2
  return 1
}

scratch="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

moto_port="$(free_port)"
"$venv/bin/python" tests/moto_launcher.py "$moto_port" >"$scratch/moto.log" 2>&1 &
pids+=($!)
signing_port="$(free_port)"
mkdir -p "$scratch/s3s"
"$tools/bin/s3s-fs" --host 127.0.0.1 --port "$signing_port" --access-key test --secret-key test \
  "$scratch/s3s" >"$scratch/s3s.log" 2>&1 &
pids+=($!)
wait_for "$moto_port" moto
wait_for "$signing_port" s3s-fs

# Only the local servers, with dummy credentials: never a real AWS account.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_S3 AMPX_OUTPUTS
export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
export AMPX_TEST_SIGNING_ENDPOINT="http://127.0.0.1:$signing_port"
export AMPX_TEST_CHROMIUM="$(command -v chromium)"
export AMPX_TEST_AWS_CLI="$awscli/bin/aws"
export AMPX_TEST_CFN_LINT="$venv/bin/cfn-lint"
export AMPX_TEST_ZSH="$(command -v zsh)" AMPX_TEST_FISH="$(command -v fish)"
export AMPX_TEST_NODE="$(command -v node)"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

# Tests that need these servers are #[ignore]d for a plain `cargo test` (which lists them
# as not run); here they all run, and a missing server fails them.
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --locked --no-fail-fast --run-ignored all
else
  cargo test --locked --no-fail-fast -- --include-ignored
fi
