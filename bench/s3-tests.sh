#!/usr/bin/env bash
# Runs ceph's s3-tests (https://github.com/ceph/s3-tests; a suite nobody here wrote) against
# the local sandbox, as its owner, and prints passed/failed per group as a Markdown table.
# Usage: bash bench/s3-tests.sh PATH/TO/s3-tests-checkout
# The suite's code stays outside this repository; its Python dependencies go into a venv
# in ~/.cache/ampx-rs/s3-tests-venv.
#
# Which tests apply: test_s3.py and test_headers.py, less what a per-app emulator with one
# user does not have (ACLs and grants, bucket policies, IAM/STS, lifecycle, encryption,
# object lock, logging, websites, S3 Select, notifications, storage classes, other users'
# and tenants' buckets, SigV2) and versioning, which is its own group below.
set -euo pipefail
suite="$(cd "${1:?usage: bash bench/s3-tests.sh PATH/TO/s3-tests}" && pwd)"
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ampx-rs/target}"
cargo build --release --locked --quiet
bin="$CARGO_TARGET_DIR/release/ampx-rs"
venv="$HOME/.cache/ampx-rs/s3-tests-venv"
if [ ! -x "$venv/bin/pytest" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pyyaml boto3 botocore munch \
    gevent isodate requests pytz httplib2 lxml pytest
fi

work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cp -r examples/team-drive/amplify "$work/"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
(cd "$work" && exec env -u AWS_ENDPOINT_URL -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY \
  "$bin" sandbox --local --port "$port" >"$work/sandbox.log" 2>&1) &
pid=$!
for _ in $(seq 1 100); do
  grep -q "Watching for file changes" "$work/sandbox.log" 2>/dev/null && break
  sleep 0.1
done
secret="$(cd "$work" && env -u AWS_ENDPOINT_URL "$bin" sandbox env --local | sed -n "s/^export AWS_SECRET_ACCESS_KEY='\(.*\)'$/\1/p")"

# One user: main, alt and tenant are all the sandbox's owner.
user() {
  printf '[%s]\ndisplay_name = owner\nuser_id = ampx-local-owner\nemail = owner@example.com\n' "$1"
  printf 'access_key = ampx-local-owner\nsecret_key = %s\n%s\n' "$secret" "${2:-}"
}
{
  printf '[DEFAULT]\nhost = 127.0.0.1\nport = %s\nis_secure = False\nssl_verify = False\n\n' "$port"
  printf '[fixtures]\nbucket prefix = s3t-{random}-\niam name prefix = s3-tests-\niam path prefix = /s3-tests/\n\n'
  user "s3 main" "api_name ="
  user "s3 alt"
  user "s3 tenant" "tenant = t"
  user "iam"
  user "iam root"
  user "iam alt root"
} >"$work/s3tests.conf"

marks="not (fails_on_aws or bucket_policy or bucket_encryption or bucket_logging or bucket_logging_cleanup \
or encryption or sse_s3 or lifecycle or lifecycle_expiration or lifecycle_transition or object_lock \
or object_ownership or s3select or s3website or s3website_routing_rules or s3website_redirect_location \
or sns or iam_account or iam_cross_account or iam_role or iam_tenant or iam_user or user_policy \
or group_policy or role_policy or session_policy or test_of_sts or webidentity_test or abac_test \
or cloud_transition or cloud_restore or appendobject or storage_class or auth_aws2 or versioning \
or delete_marker or target_by_bucket or fails_without_logging_rollover or group \
or token_claims_trust_policy_test or token_principal_tag_role_policy_test \
or token_request_tag_trust_policy_test or token_resource_tags_test or token_role_tags_test \
or token_tag_keys_test)"
names="not (acl or grant or policy or cors or website or logging or lifecycle or anon or public \
or tenant or ownership or torrent or versioning or versioned or version or alt_user or _alt_ \
or bucket_create_exists or encryption or sse or kms or lock or restore or transition \
or notification or accelerate or requester or bucketv2_policy or object_lock or append \
or multipart_upload_resend_part or storage_class)"

# pytest exits 1 when any test fails: the table says which, so that is no error here.
run() {
  { (cd "$suite" && S3TEST_CONF="$work/s3tests.conf" "$venv/bin/python" -m pytest -q \
    -p no:cacheprovider --tb=no -rA "$@" 2>&1) || true; } |
    sed -n 's/^\(PASSED\|FAILED\|ERROR\) [^:]*::\([a-z0-9_]*\).*/\1 \2/p'
}
run s3tests/functional/test_s3.py s3tests/functional/test_headers.py -m "$marks" -k "$names" >"$work/applicable.txt"
run s3tests/functional/test_s3.py -m "not fails_on_aws" \
  -k "(version or delete_marker) and not (acl or lifecycle or lock or policy or encryption or sse or logging or expiration)" \
  >"$work/versioning.txt"

python3 - "$work/applicable.txt" "$work/versioning.txt" <<'PY'
import re, sys
def group(name):
    for g, pattern in [("tagging", "tag"), ("checksums, object attributes", "cksum|checksum|attributes"),
                       ("POST uploads", "post_object"),
                       ("anonymous and raw URLs", "raw_|_raw|anon|100_continue|access_bucket|not_owned"),
                       ("conditional requests", "if_?match|ifmatch|ifnonematch|ifmodified|ifunmodified|if_none|conditional"),
                       ("multipart", "multipart|part"), ("listings", "list"), ("copy", "copy")]:
        if re.search(pattern, name):
            return g
    return "objects and buckets, other"
rows = {}
for line in open(sys.argv[1]):
    outcome, name = line.split()
    g = "request headers and auth" if name.startswith("test_object_create_bad") or "authorization" in name or "amz_date" in name else group(name)
    n, ok = rows.get(g, (0, 0))
    rows[g] = (n + 1, ok + (outcome == "PASSED"))
print("| group | tests | passed |\n|---|---|---|")
for g, (n, ok) in sorted(rows.items(), key=lambda r: -r[1][0]):
    print(f"| {g} | {n} | {ok} |")
total = sum(n for n, _ in rows.values()); ok = sum(o for _, o in rows.values())
print(f"| **applicable** | {total} | {ok} |")
versioning = [l.split()[0] for l in open(sys.argv[2])]
print(f"| versioning (names with `version` or `delete_marker`) | {len(versioning)} | {versioning.count('PASSED')} |")
# What fails, by name, for whoever works on it next.
for path in sys.argv[1:]:
    for line in open(path):
        outcome, name = line.split()
        if outcome != "PASSED":
            print(f"{outcome.lower()}: {name}", file=sys.stderr)
PY
