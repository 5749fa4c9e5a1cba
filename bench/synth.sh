#!/usr/bin/env bash
# Benchmarks `ampx-rs synth` on the examples: whole process (wall time, peak RSS) and
# in-process (parse + evaluate + validate + synthesize). Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ampx-rs/target}"
cargo build --release --locked --quiet
bin="$CARGO_TARGET_DIR/release/ampx-rs"
runs="${RUNS:-300}"

echo "## Whole process ($runs runs each)"
echo
echo "| example | median wall time | peak RSS |"
echo "|---|---|---|"
for example in team-drive social-room two-buckets; do
  dir="examples/$example"
  times=$(python3 - "$bin" "$dir" "$runs" <<'PY'
import subprocess, sys, time
binary, cwd, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
samples = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([binary, "synth"], cwd=cwd, stdout=subprocess.DEVNULL, check=True)
    samples.append(time.perf_counter() - t)
samples.sort()
print(f"{samples[len(samples) // 2] * 1000:.2f} ms")
PY
)
  rss=$(cd "$dir" && /usr/bin/time -f "%M" "$bin" synth 2>&1 >/dev/null | awk "{ printf \"%.1f MiB\", \$1 / 1024 }")
  echo "| $example | $times | $rss |"
done
echo
echo "## In process"
echo
cargo bench --locked --quiet --bench synth
