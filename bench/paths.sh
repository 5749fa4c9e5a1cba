#!/usr/bin/env bash
# Benchmarks the definition check against the number of access paths: a bucket with N
# paths (`pN/*`, each with a guest rule) and one with N sub-paths under one parent
# (`a/*` and `a/pN/*`), checked by `ampx-rs synth` (parse, evaluate, Amplify's path
# rules, the access plan). Such a backend is over IAM's policy size, so synth ends with
# TemplateLimitError after the checks: that is expected here. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ampx-rs/target}"
cargo build --release --locked --quiet
bin="$CARGO_TARGET_DIR/release/ampx-rs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r examples/team-drive/amplify "$work/"

echo "| paths | flat: median of 5 | nested: median of 5 |"
echo "|---|---|---|"
for n in 500 1000 2000 4000 8000; do
  row="| $n |"
  for shape in flat nested; do
    python3 - "$n" "$shape" "$work/amplify/storage/resource.ts" <<'PY'
import sys
n, shape, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rule = "[allow.guest.to(['read'])]"
paths = [f"'p{i}/*'" for i in range(n)] if shape == "flat" else \
    ["'a/*'"] + [f"'a/p{i}/*'" for i in range(n - 1)]
rules = ",\n".join(f"    {p}: {rule}" for p in paths)
open(out, "w").write("import { defineStorage } from '@aws-amplify/backend';\n"
    "export const storage = defineStorage({ name: 'x', access: (allow) => ({\n"
    + rules + "\n  })\n});\n")
PY
    median=$(python3 - "$bin" "$work" <<'PY'
import subprocess, sys, time
binary, cwd = sys.argv[1], sys.argv[2]
samples = []
for _ in range(5):
    t = time.perf_counter()
    out = subprocess.run([binary, "synth"], cwd=cwd, capture_output=True, text=True)
    samples.append(time.perf_counter() - t)
    assert out.returncode == 0 or "TemplateLimitError" in out.stderr, out.stderr[:500]
samples.sort()
print(f"{samples[2] * 1000:.0f} ms")
PY
)
    row="$row $median |"
  done
  echo "$row"
done
