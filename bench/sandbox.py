"""Measures the sandbox against moto (started by bench/sandbox.sh): save → change set
requested, an unchanged save, and the phases of a first deploy. Prints Markdown.

A small proxy between ampx-rs and moto timestamps every request, so "change set
requested" is the moment CreateChangeSet leaves ampx-rs, and "0 AWS calls" is counted,
not assumed.
"""

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

UPSTREAM = int(os.environ["MOTO_PORT"])
AMPX = os.environ["AMPX_BIN"]
EXAMPLE = os.environ["EXAMPLE_DIR"]
RUNS = int(os.environ.get("RUNS", "10"))
DEBOUNCE = 0.100

requests = []  # (time, first bytes of a request)
lock = threading.Lock()


def pipe(src, dst, record):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if record and data.startswith(b"POST"):
                with lock:
                    requests.append((time.perf_counter(), data[:4096]))
            elif record and b"Action=" in data:
                with lock:
                    requests.append((time.perf_counter(), data[:4096]))
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def proxy():
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)

    def serve():
        while True:
            client, _ = server.accept()
            upstream = socket.create_connection(("127.0.0.1", UPSTREAM))
            threading.Thread(target=pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, client, False), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()[1]


def main():
    port = proxy()
    env = dict(os.environ, AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}")
    work = tempfile.mkdtemp(prefix="ampx-bench-sandbox-")
    shutil.copytree(EXAMPLE, work, dirs_exist_ok=True)

    # First deploy, split into phases (ampx-rs prints them).
    start = time.perf_counter()
    once = subprocess.run([AMPX, "sandbox", "--once", "--identifier", "bench"], cwd=work, env=env,
                          capture_output=True, text=True, check=True)
    total = time.perf_counter() - start
    phases = [l for l in once.stderr.splitlines() if "Checked definition" in l][0]
    phases = phases.split("Deployment completed. ")[1].split(". File written")[0]

    # Watch mode.
    child = subprocess.Popen([AMPX, "sandbox", "--identifier", "bench"], cwd=work, env=env,
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines = []

    def read():
        for line in child.stderr:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text, count):
        deadline = time.time() + 60
        while sum(text in l for _, l in lines) < count:
            if time.time() > deadline:
                sys.exit("timed out waiting for " + text + "\n" + "".join(l for _, l in lines))
            time.sleep(0.005)

    wait_for("Watching for file changes", 1)
    storage = os.path.join(work, "amplify", "storage", "resource.ts")
    original = open(storage).read()
    to_change_set, unchanged_calls, unchanged_time = [], [], []
    for i in range(RUNS):
        # A real change: the path name alternates.
        text = original.replace("'picture-submissions/*'", f"'submissions{i}/*'")
        with lock:
            requests.clear()
        saved = time.perf_counter()
        with open(storage, "w") as f:
            f.write(text)
        wait_for("Watching for file changes", 2 + 2 * i)
        with lock:
            created = [t for t, r in requests if b"Action=CreateChangeSet" in r]
        to_change_set.append((created[0] - saved - DEBOUNCE) * 1000)
        # An unchanged save: same bytes again.
        with lock:
            requests.clear()
        saved = time.perf_counter()
        with open(storage, "w") as f:
            f.write(text)
        wait_for("same template as the last deploy", i + 1)
        done = [t for t, l in lines if "same template as the last deploy" in l][-1]
        unchanged_time.append((done - saved - DEBOUNCE) * 1000)
        time.sleep(0.2)
        with lock:
            unchanged_calls.append(len(requests))
        wait_for("Watching for file changes", 3 + 2 * i)
    child.send_signal(2)
    child.wait(timeout=10)
    subprocess.run([AMPX, "sandbox", "delete", "--yes", "--identifier", "bench"], cwd=work, env=env,
                   capture_output=True, check=True)
    shutil.rmtree(work)

    print(f"| measure | median | min | max | target |")
    print("|---|---|---|---|---|")
    print(f"| save → CreateChangeSet sent, after the {DEBOUNCE * 1000:.0f} ms debounce | "
          f"{statistics.median(to_change_set):.0f} ms | {min(to_change_set):.0f} ms | {max(to_change_set):.0f} ms | ≤ 150 ms |")
    print(f"| unchanged save → \"No changes\", after the debounce | "
          f"{statistics.median(unchanged_time):.1f} ms | {min(unchanged_time):.1f} ms | {max(unchanged_time):.1f} ms | ≤ 10 ms |")
    print(f"| AWS calls for an unchanged save | {statistics.median(unchanged_calls):.0f} | "
          f"{min(unchanged_calls)} | {max(unchanged_calls)} | 0 |")
    print()
    print(f"First deploy of {os.path.basename(EXAMPLE)} with `--once`: {total:.2f} s in all; {phases}.")


if __name__ == "__main__":
    main()
