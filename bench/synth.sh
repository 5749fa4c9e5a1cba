#!/usr/bin/env bash
# Benchmarks `ampx-rs synth` on the examples and on the real-world-shaped fixtures
# (tests/fixtures/real; `large` is data + 10 functions + storage + auth): whole process (wall time, peak RSS) and
# in-process (parse + evaluate + validate + synthesize). Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ampx-rs/target}"
cargo build --release --locked --quiet
bin="$CARGO_TARGET_DIR/release/ampx-rs"
runs="${RUNS:-300}"

echo "## Whole process ($runs runs each)"
echo
echo "| backend | median wall time | peak RSS |"
echo "|---|---|---|"
for dir in examples/team-drive examples/social-room examples/two-buckets \
  tests/fixtures/real/data-and-functions tests/fixtures/real/auth-options tests/fixtures/real/large; do
  example="$(basename "$dir")"
  times=$(python3 - "$bin" "$dir" "$runs" <<'PY'
import subprocess, sys, time
binary, cwd, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
samples = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([binary, "synth"], cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    samples.append(time.perf_counter() - t)
samples.sort()
print(f"{samples[len(samples) // 2] * 1000:.2f} ms")
PY
)
  rss=$(cd "$dir" && /usr/bin/time -f "%M" -o /dev/stdout "$bin" -q synth 2>/dev/null | tail -1 |
    awk "{ printf \"%.1f MiB\", \$1 / 1024 }")
  echo "| $example | $times | $rss |"
done
echo
echo "## In process"
echo
cargo bench --locked --quiet --bench synth
