#!/usr/bin/env bash
# A smoke test against real AWS, for a maintainer with credentials; not part of
# tests/run.sh, which never touches AWS. It deploys examples/team-drive as a sandbox
# of its own, uploads as the owner, presigns and fetches the URL, syncs, deletes, and
# removes the sandbox (also on failure or Ctrl-C). Costs a few cents at most.
#   AWS_PROFILE=dev AWS_REGION=eu-west-1 bash tests/aws/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -n "${AWS_ENDPOINT_URL:-}" ]; then
  echo "tests/aws/smoke.sh: skipped: AWS_ENDPOINT_URL is set (this test is for real AWS)" >&2
  exit 0
fi
if [ -z "${AWS_ACCESS_KEY_ID:-}${AWS_PROFILE:-}" ] && [ ! -s "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" ] &&
   [ ! -s "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ]; then
  echo "tests/aws/smoke.sh: skipped: no AWS credentials (set AWS_PROFILE or AWS_ACCESS_KEY_ID)" >&2
  exit 0
fi
command -v curl >/dev/null || { echo "tests/aws/smoke.sh: needs curl" >&2; exit 1; }

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ampx-rs/target}"
cargo build --locked --quiet
ampx="$CARGO_TARGET_DIR/debug/ampx-rs"
work="$(mktemp -d)"
identifier="smoke$(date +%s)"
cleanup() {
  (cd "$work/app" && "$ampx" sandbox delete --yes --identifier "$identifier") || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/app"
cp -r examples/team-drive/amplify examples/team-drive/package.json "$work/app/"
cd "$work/app"
step() { echo "== $*" >&2; }

step "deploy team-drive as sandbox $identifier"
"$ampx" sandbox --once --identifier "$identifier"
test -s amplify_outputs.json

step "upload as the owner, list, presign and fetch"
echo "smoke $identifier" > a.txt
"$ampx" cp a.txt s3://amplifyTeamDrive/picture-submissions/a.txt
"$ampx" ls s3://amplifyTeamDrive/picture-submissions/ | grep -q ' a.txt$'
url="$("$ampx" presign --expires-in 300 s3://amplifyTeamDrive/picture-submissions/a.txt)"
test "$(curl -fsS "$url")" = "smoke $identifier"

step "sync, then sync again with nothing to send"
mkdir -p seed && echo one > seed/1.txt && echo two > seed/2.txt
"$ampx" sync seed s3://amplifyTeamDrive/picture-submissions/seed
test -z "$("$ampx" sync seed s3://amplifyTeamDrive/picture-submissions/seed)"

step "delete"
"$ampx" rm -r --yes s3://amplifyTeamDrive/picture-submissions/
test -z "$("$ampx" ls -r s3://amplifyTeamDrive/picture-submissions/)"

echo "tests/aws/smoke.sh: passed (the sandbox is deleted on exit)" >&2
