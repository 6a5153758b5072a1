"""The IIR filters continuous across chunks (pass_filter, notch_filter; issue 19's state scan) against DASCore 0.1.24,
counting the state scan's totals pass: cold (one chunk per process) and steady (a store of --chunks chunks through
one worker), both precisions, this binary and optionally --baseline BIN (main's halo path) in the same run.

usage: python3 iir_scan.py DISTSWIFT STORE WORK [--runs N] [--chunks N] [--baseline BIN]

Steady, per chunk: the main pass (the command's line of the per-command report, best of chunks 2..N, as
steady_timing) plus the state scan's time (the line `process` writes to standard error; the scan's files are deleted
before each run so that it runs) divided by the number of chunks. A baseline binary without the scan reads the
filter's impulse response from the neighbouring chunks instead (its halo: 84,471 samples a side for 1–100 Hz at
10 kHz), so its main pass is all of its cost. Call it under `taskset -c 0` with OPENBLAS_NUM_THREADS=1 for one core.
"""
import json
import os
import re
import shutil
import subprocess
import sys

from cold_steady import cell, option, ratio
from process_timing import bench_input, dascore_patch, distswift_seconds, graph_folder, one, reference_seconds
from steady_timing import reference_steady_seconds, steady_store

binary, store, work, runs, only, x, positions, rate = bench_input(sys.argv)
patch = dascore_patch(x, positions, rate, data_units="1/s")
cases = [
    ("pass_filter", one('"name": "pass_filter", "time": [1, 100], "corners": 4'),
     lambda: patch.pass_filter(time=(1, 100), corners=4)),
    ("notch_filter", one('"name": "notch_filter", "time": 50, "q": 30'), lambda: patch.notch_filter(time=50, q=30)),
]


def steady_with_scan(path, many, own, name, graph, uid, precision, chunks):
    """(main pass per chunk, state scan per chunk, problem): one `process --workers 1` over the chunks."""
    folder = graph_folder(own, name, graph, many, prefix="steady-", precision=precision)
    shutil.rmtree(folder + "/results/.running-totals", ignore_errors=True)
    out = subprocess.run([path, "process", folder + "/system.json", "--workers", "1", "--force",
                          "--fft-planning", "estimate"], capture_output=True, text=True)
    if out.returncode != 0:
        return None, None, out.stderr.strip().splitlines()[-1] if out.stderr else "failed"
    order = [int(u) for u in re.findall(r"^\s+uid (\d+) ", out.stdout + out.stderr, re.M)]
    node = order.index(uid)
    with open(folder + "/results/.distswift/journal.jsonl") as f:
        attempts = sorted((json.loads(line)["attempt"] for line in f if line.strip()), key=lambda a: a["endNs"])
    later = [a["commandSeconds"][node] for a in attempts[-chunks:][1:]]
    scan = re.search(r"state scan of .* over (\d+) chunks: ([0-9.]+) s", out.stderr)
    return min(later), (float(scan.group(2)) / int(scan.group(1)) if scan else 0.0), None


chunks = int(option("--chunks", 10))
baseline = option("--baseline")
binaries = [("this", binary)] + ([("main", baseline)] if baseline else [])
many = steady_store(binary, work, x.shape[0], x.shape[1], rate, chunks)
print("| command | precision | binary | cold (s) | DASCore cold (s) | ÷ cold | steady main pass (s) "
      "| state scan per chunk (s) | steady total (s) | DASCore steady (s) | ÷ steady |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, (graph, uid), call in cases:
    if only and name not in only:
        continue
    theirs, theirs_steady = reference_seconds(call, runs), reference_steady_seconds(call, 4)
    for precision in ["float64", "float32"]:
        key = None if precision == "float64" else "float32"
        for which, path in binaries:
            own = f"{work}/{which}"
            os.makedirs(own, exist_ok=True)
            cold, problem = distswift_seconds(path, store, own, runs, name, graph, uid, key)
            main = scan = None
            if not problem:
                main, scan, problem = steady_with_scan(path, many, own, name, graph, uid, key, chunks)
            if problem:
                print(f"| `{name}` | {precision} | {which} | failed: {problem} | | | | | | | |", flush=True)
                continue
            total = main + scan
            print(f"| `{name}` | {precision} | {which} | {cell(cold)} | {cell(theirs)} | {ratio(theirs, cold)} "
                  f"| {cell(main)} | {cell(scan)} | {cell(total)} | {cell(theirs_steady)} "
                  f"| {ratio(theirs_steady, total)} |", flush=True)
