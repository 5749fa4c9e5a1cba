"""The same client workload (ampx-rs cp/ls) against the local sandbox, s3s-fs and moto
in one run, plus save → local buckets updated. Called by bench/local.sh. Prints Markdown.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

AMPX = os.environ["AMPX_BIN"]
REPEAT = int(os.environ.get("REPEAT", "3"))
SMALL = int(os.environ.get("SMALL_COUNT", "1000"))
LARGE_MIB = int(os.environ.get("LARGE_MIB", "256"))
SERVERS = {
    "ampx-rs local": None,
    "s3s-fs": os.environ["S3S_ENDPOINT"],
    "moto": os.environ["MOTO_ENDPOINT"],
}


def timed(cmd, cwd, env):
    os.sync()
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {cmd}\n{proc.stderr}")
    return wall


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    project = os.environ["PROJECT_DIR"]
    os.makedirs(f"{project}/small")
    for i in range(SMALL):
        with open(f"{project}/small/{i:05}.bin", "wb") as f:
            f.write(os.urandom(4096))
    with open(f"{project}/large.bin", "wb") as f:
        for _ in range(LARGE_MIB):
            f.write(os.urandom(1 << 20))
    port = os.environ["LOCAL_PORT"]
    env = dict(os.environ)
    env.pop("AWS_ENDPOINT_URL", None)
    server = subprocess.Popen([AMPX, "sandbox", "--local", "--port", port], cwd=project, env=env,
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines = []

    import threading

    def read():
        for line in server.stderr:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()
    while not any("Watching" in l for _, l in lines):
        time.sleep(0.01)

    # save → local buckets updated (after the 100 ms debounce)
    storage = f"{project}/amplify/storage/resource.ts"
    original = open(storage).read()
    updates = []
    for i in range(10):
        saved = time.perf_counter()
        with open(storage, "w") as f:
            f.write(original.replace("'picture-submissions/*'", f"'p{i}/*'"))
        while sum("Local buckets updated" in l for _, l in lines) <= i:
            time.sleep(0.001)
        done = [t for t, l in lines if "Local buckets updated" in l][-1]
        updates.append((done - saved - 0.1) * 1000)
    with open(storage, "w") as f:
        f.write(original)

    results = {}
    for round_ in range(REPEAT + 1):
        for name, endpoint in SERVERS.items():
            run_env = dict(env)
            if name == "s3s-fs":
                # A bucket of the same name, served by s3s-fs beside the local data.
                run_env["AWS_ENDPOINT_URL"] = endpoint
                target = f"s3://local-amplifyteamdrive/s3s-fs"
            elif endpoint:
                run_env["AWS_ENDPOINT_URL"] = endpoint
                bucket = f"bench-local-{round_}"
                subprocess.run(["python3", "-c", f"""
import boto3
boto3.client('s3', endpoint_url='{endpoint}', region_name='us-east-1').create_bucket(Bucket='{bucket}')
"""], env=run_env, check=True, capture_output=True)
                target = f"s3://{bucket}"
            else:
                target = "s3://amplifyTeamDrive"
            def work(p):
                return os.path.join(project, p)

            # A fresh prefix each round: every server writes new objects, none overwrites.
            base = f"{target}/picture-submissions/r{round_}"
            steps = {
                f"{SMALL} × 4 KiB put": [AMPX, "cp", "-r", "-q", "--no-progress", work("small"), f"{base}/s/"],
                f"{SMALL} × 4 KiB get": [AMPX, "cp", "-r", "-q", "--no-progress", f"{base}/s/", work(f"down-{round_}-{name}")],
                f"{LARGE_MIB} MiB put": [AMPX, "cp", "-q", "--no-progress", work("large.bin"), f"{base}/large.bin"],
                f"{LARGE_MIB} MiB get": [AMPX, "cp", "-q", "--no-progress", f"{base}/large.bin", work(f"large-{round_}.bin")],
                f"ls -r {SMALL} keys": [AMPX, "ls", "-r", f"{base}/s/"],
            }
            for step, cmd in steps.items():
                wall = timed(cmd, "/" if endpoint else project, run_env)
                if round_ > 0:
                    results.setdefault((name, step), []).append(wall)
            shutil.rmtree(work(f"down-{round_}-{name}"), ignore_errors=True)
            try:
                os.remove(work(f"large-{round_}.bin"))
            except FileNotFoundError:
                pass
    peak_rss = {name: peak_rss_mib(pid) for name, pid in
                [("ampx-rs local", server.pid), ("s3s-fs", os.environ["S3S_PID"]), ("moto", os.environ["MOTO_PID"])]}
    server.send_signal(2)
    server.wait(timeout=10)
    print("| workload (ampx-rs client) | ampx-rs local | s3s-fs | moto | s3s-fs / local | moto / local |")
    print("|---|---|---|---|---|---|")
    steps = sorted({s for _, s in results}, key=lambda s: list(dict.fromkeys(s for _, s in results)).index(s))
    for step in steps:
        m = {n: statistics.median(results[(n, step)]) for n in SERVERS}
        print(f"| {step} | {m['ampx-rs local']:.2f} s | {m['s3s-fs']:.2f} s | {m['moto']:.2f} s "
              f"| {m['s3s-fs'] / m['ampx-rs local']:.2f}× | {m['moto'] / m['ampx-rs local']:.1f}× |")
    print()
    print("Peak RSS of each server over the whole run: " +
          ", ".join(f"{name} {mib:.0f} MiB" for name, mib in peak_rss.items()) + ".")
    print()
    print(f"save → local buckets updated (after the 100 ms debounce): median {statistics.median(updates):.1f} ms, "
          f"max {max(updates):.1f} ms over 10 saves (target ≤ 50 ms).")


if __name__ == "__main__":
    main()
