"""Runs the same S3 workloads (cp, ls, rm, sync) with ampx-rs, aws s3 and s5cmd against one
local server.

Called by bench/files.sh, which builds ampx-rs, installs the other clients and starts
the server. Prints a Markdown table: median wall time of REPEAT runs, the ratio to
ampx-rs (>1 means ampx-rs is faster) and peak RSS.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ENDPOINT = os.environ["AWS_ENDPOINT_URL"]
AMPX = os.environ["AMPX_BIN"]
AWS = os.environ["AWS_BIN"]
S5CMD = os.environ["S5CMD_BIN"]
REPEAT = int(os.environ.get("REPEAT", "3"))
SMALL_COUNT = int(os.environ.get("SMALL_COUNT", "1000"))
LARGE_MIB = int(os.environ.get("LARGE_MIB", "256"))
EXTRA = os.environ.get("AMPX_ARGS", "").split()


def run(cmd, cwd):
    """Wall seconds and peak RSS (KiB) of one command; fails loudly."""
    # Flush earlier writes first so one tool does not pay for another's write-back.
    os.sync()
    start = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M"] + cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    rss = int(proc.stderr.strip().splitlines()[-1])
    return wall, rss


def clients(bucket):
    """Per tool: commands for each workload (sources are relative to the work dir)."""
    a = [AMPX]
    aws = [AWS, "--endpoint-url", ENDPOINT, "s3"]
    s5 = [S5CMD, "--endpoint-url", ENDPOINT]
    return {
        "ampx-rs": {
            "small up": a + ["cp", "-r", "-q", "--no-progress"] + EXTRA + ["small", f"s3://{bucket}/small/"],
            "small down": a + ["cp", "-r", "-q", "--no-progress"] + EXTRA + [f"s3://{bucket}/small/", "down/"],
            "large up": a + ["cp", "-q", "--no-progress"] + EXTRA + ["large.bin", f"s3://{bucket}/large.bin"],
            "large down": a + ["cp", "-q", "--no-progress"] + EXTRA + [f"s3://{bucket}/large.bin", "down/large.bin"],
            "ls": a + ["ls", "-r", f"s3://{bucket}/small/"],
            "rm -r": a + ["rm", "-r", "-y", "-q", f"s3://{bucket}/small/"],
            "sync first": a + ["sync", "-q", "--no-progress"] + EXTRA + ["small", f"s3://{bucket}/sync/"],
            "sync unchanged": a + ["sync", "-q", "--no-progress"] + EXTRA + ["small", f"s3://{bucket}/sync/"],
            "sync 10 changed": a + ["sync", "-q", "--no-progress"] + EXTRA + ["small", f"s3://{bucket}/sync/"],
            "sync large": a + ["sync", "-q", "--no-progress"] + EXTRA + ["largedir", f"s3://{bucket}/large/"],
        },
        "aws s3": {
            "small up": aws + ["cp", "--recursive", "--quiet", "small", f"s3://{bucket}/small/"],
            "small down": aws + ["cp", "--recursive", "--quiet", f"s3://{bucket}/small/", "down/"],
            "large up": aws + ["cp", "--quiet", "large.bin", f"s3://{bucket}/large.bin"],
            "large down": aws + ["cp", "--quiet", f"s3://{bucket}/large.bin", "down/large.bin"],
            "ls": aws + ["ls", "--recursive", f"s3://{bucket}/small/"],
            "rm -r": aws + ["rm", "--recursive", "--quiet", f"s3://{bucket}/small/"],
            "sync first": aws + ["sync", "--quiet", "small", f"s3://{bucket}/sync/"],
            "sync unchanged": aws + ["sync", "--quiet", "small", f"s3://{bucket}/sync/"],
            "sync 10 changed": aws + ["sync", "--quiet", "small", f"s3://{bucket}/sync/"],
            "sync large": aws + ["sync", "--quiet", "largedir", f"s3://{bucket}/large/"],
        },
        "s5cmd": {
            "small up": s5 + ["cp", "small/*", f"s3://{bucket}/small/"],
            "small down": s5 + ["cp", f"s3://{bucket}/small/*", "down/"],
            "large up": s5 + ["cp", "large.bin", f"s3://{bucket}/large.bin"],
            "large down": s5 + ["cp", f"s3://{bucket}/large.bin", "down/large.bin"],
            "ls": s5 + ["ls", f"s3://{bucket}/small/*"],
            "rm -r": s5 + ["rm", f"s3://{bucket}/small/*"],
            "sync first": s5 + ["sync", "small/", f"s3://{bucket}/sync/"],
            "sync unchanged": s5 + ["sync", "small/", f"s3://{bucket}/sync/"],
            "sync 10 changed": s5 + ["sync", "small/", f"s3://{bucket}/sync/"],
            "sync large": s5 + ["sync", "largedir/", f"s3://{bucket}/large/"],
        },
    }


def main():
    work = tempfile.mkdtemp(prefix="ampx-bench-")
    os.makedirs(f"{work}/small")
    for i in range(SMALL_COUNT):
        with open(f"{work}/small/{i:05}.bin", "wb") as f:
            f.write(os.urandom(4096))
    with open(f"{work}/large.bin", "wb") as f:
        for _ in range(LARGE_MIB):
            f.write(os.urandom(1024 * 1024))
    os.makedirs(f"{work}/largedir")
    os.link(f"{work}/large.bin", f"{work}/largedir/large.bin")
    workloads = ["small up", "small down", "large up", "large down", "ls", "rm -r",
                 "sync first", "sync unchanged", "sync 10 changed", "sync large"]
    results = {}  # (tool, workload) -> [(wall, rss)]
    # Round 0 warms the server up (a fresh s3s-fs answers its first thousand PUTs
    # several times slower) and is not counted.
    for round_ in range(REPEAT + 1):
        for tool in ["ampx-rs", "aws s3", "s5cmd"]:
            bucket = f"bench-{round_}-{tool.replace(' ', '')}"
            subprocess.run([AWS, "--endpoint-url", ENDPOINT, "s3", "mb", f"s3://{bucket}"],
                           check=True, stdout=subprocess.DEVNULL)
            cmds = clients(bucket)[tool]
            for w in workloads:
                shutil.rmtree(f"{work}/down", ignore_errors=True)
                os.makedirs(f"{work}/down")
                if w == "sync 10 changed":
                    # One byte more in 10 files: every tool sees a new size.
                    for i in range(10):
                        with open(f"{work}/small/{i:05}.bin", "ab") as f:
                            f.write(b"+")
                measured = run(cmds[w], work)
                if round_ > 0:
                    results.setdefault((tool, w), []).append(measured)
    print(f"| workload | ampx-rs | aws s3 | s5cmd | aws s3 / ampx-rs | s5cmd / ampx-rs | peak RSS ampx-rs / aws s3 / s5cmd |")
    print("|---|---|---|---|---|---|---|")
    names = {
        "small up": f"{SMALL_COUNT} × 4 KiB up",
        "small down": f"{SMALL_COUNT} × 4 KiB down",
        "large up": f"{LARGE_MIB} MiB up",
        "large down": f"{LARGE_MIB} MiB down",
        "ls": f"ls -r {SMALL_COUNT} keys",
        "rm -r": f"rm -r {SMALL_COUNT} keys",
        "sync first": f"sync {SMALL_COUNT} × 4 KiB, first run",
        "sync unchanged": f"sync {SMALL_COUNT} × 4 KiB, nothing changed",
        "sync 10 changed": f"sync {SMALL_COUNT} × 4 KiB, 10 changed",
        "sync large": f"sync {LARGE_MIB} MiB file",
    }
    for w in workloads:
        wall = {t: statistics.median(x[0] for x in results[(t, w)]) for t in ["ampx-rs", "aws s3", "s5cmd"]}
        rss = {t: max(x[1] for x in results[(t, w)]) / 1024 for t in ["ampx-rs", "aws s3", "s5cmd"]}
        print(
            f"| {names[w]} | {wall['ampx-rs']:.2f} s | {wall['aws s3']:.2f} s | {wall['s5cmd']:.2f} s "
            f"| {wall['aws s3'] / wall['ampx-rs']:.1f}× | {wall['s5cmd'] / wall['ampx-rs']:.2f}× "
            f"| {rss['ampx-rs']:.0f} / {rss['aws s3']:.0f} / {rss['s5cmd']:.0f} MiB |"
        )
    curl_limit(work)
    shutil.rmtree(work)


def curl_limit(work):
    """The server's limit for one object: curl streaming one presigned URL, one request."""
    bucket = "bench-curl"
    subprocess.run([AWS, "--endpoint-url", ENDPOINT, "s3", "mb", f"s3://{bucket}"],
                   check=True, stdout=subprocess.DEVNULL)
    key = f"s3://{bucket}/large.bin"
    rows = {"up": [], "down": []}
    for round_ in range(REPEAT + 1):
        put = subprocess.run([AMPX, "presign", "--method", "put", key], check=True,
                             capture_output=True, text=True).stdout.strip()
        up = run(["curl", "-sSf", "-T", "large.bin", put], work)
        get = subprocess.run([AMPX, "presign", key], check=True,
                             capture_output=True, text=True).stdout.strip()
        down = run(["curl", "-sSf", "-o", "down/large.bin", get], work)
        if round_ > 0:
            rows["up"].append(up)
            rows["down"].append(down)
    print()
    print("| limit: curl, one stream, presigned URL | time | peak RSS |")
    print("|---|---|---|")
    for way in ["up", "down"]:
        wall = statistics.median(x[0] for x in rows[way])
        rss = max(x[1] for x in rows[way]) / 1024
        print(f"| {LARGE_MIB} MiB {way} | {wall:.2f} s | {rss:.0f} MiB |")


if __name__ == "__main__":
    main()
