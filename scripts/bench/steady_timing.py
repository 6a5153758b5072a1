"""Steady-state per-chunk times for the per-command benchmarks: several chunks through one `distswift process` worker
against the reference called as many times in one Python process.

`process_timing` times one cold chunk per process: its fresh output pages fault in (the kernel zeroes them) and its
FFTW plans are made. A pool worker processes chunk after chunk and reuses the heap's warm pages (ProcessMemory,
FreshBuffer), while numpy/glibc map a fresh array on every call above glibc's 32 MB mmap threshold. Both are real
costs, so the tables report both: `cold` (process_timing) and `steady` (here): the best per-chunk time of chunks
2..N, and the best of calls 2..N of the reference."""
import json
import os
import re
import subprocess
import time

from process_timing import graph_folder, run_timed


def steady_store(binary, work, rows, columns, rate, chunks):
    """A store of `chunks` chunks of rows × columns float32 samples at `rate` Hz (`distswift synth`, 1 chunk a
    second of record), made once per benchmark run."""
    store = f"{work}/steady-store"
    if not os.path.exists(store + "/store.json"):
        seconds = columns / rate
        subprocess.run([binary, "synth", "--store", store, "--channels", str(rows), "--rate", str(rate),
                        "--seconds", str(seconds * chunks), "--chunk-seconds", str(seconds)],
                       check=True, capture_output=True)
    return store


def distswift_steady_seconds(binary, store, work, name, graph, uid, precision=None):
    """The best per-chunk time of the timed command over chunks 2..N of one `process --workers 1` run (chunks in the
    order the worker finished them), or (None, the error's last line). `precision`: the graph's "precision" key
    (None: left out, float64)."""
    out, folder = run_timed(binary, lambda kept: graph_folder(work, name, graph, store, prefix="steady-",
                                                              precision=precision, kept_uid=uid if kept else None),
                            ("--fft-planning", "estimate"))
    if out.returncode != 0:
        return None, out.stderr.strip().splitlines()[-1] if out.stderr else "failed"
    order = [int(u) for u in re.findall(r"^\s+uid (\d+) ", out.stdout + out.stderr, re.M)]
    node = order.index(uid)
    with open(folder + "/results/.distswift/journal.jsonl") as f:
        attempts = sorted((json.loads(line)["attempt"] for line in f if line.strip()), key=lambda a: a["endNs"])
    later = [a["commandSeconds"][node] for a in attempts[1:]]
    return (min(later), None) if later else (None, "one chunk only")


def reference_steady_seconds(call, chunks):
    """The best of calls 2..N of the reference in this process."""
    times = []
    for _ in range(chunks):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times[1:])
