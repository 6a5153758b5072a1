"""Times the distpy sliding-window commands (issue 16: running_mean, sta_lta, broaden, peak_to_peak, median_filter)
against scipy.ndimage on the same chunk, in both precisions, cold and steady.

usage: python3 sliding.py DISTSWIFT STORE WORK [--runs N] [--only NAME,NAME] [--chunks N]
(run by `scripts/bench-commands.sh --script scripts/bench/sliding.py`, pinned to one core). Each command runs in a
float64 graph (distpy's precision: the float32 chunk read directly, float64 written) against scipy on the chunk as
float64, and in a graph with "precision": "float32" (float32 written) against scipy on the float32 chunk itself
(scipy.ndimage keeps float32). `cold`: one chunk per process, best of N processes; `steady`: --chunks chunks
(default 4) through one worker, the best of chunks 2..N, against the best of calls 2..N of the reference.
"""
import sys

import numpy as np
import scipy.ndimage as ndi

from process_timing import bench_input, distswift_seconds, one
from steady_timing import distswift_steady_seconds, reference_steady_seconds, steady_store

binary, store, work, runs, only, x32, _, rate = bench_input(sys.argv)
chunks = int(sys.argv[sys.argv.index("--chunks") + 1]) if "--chunks" in sys.argv else 4
x64 = x32.astype(np.float64)
nx, nt = x32.shape


def sta_lta(x):
    e = x * x
    return ndi.uniform_filter1d(e, 50, axis=1) / np.maximum(ndi.uniform_filter1d(e, 200, axis=1), 1e-30)


# name → (graph entry, reference on an array of either precision)
cases = [
    ("numpy.copy (floor)", None, lambda x: x.copy()),
    ("running_mean", one('"name": "running_mean", "window_length": 5'), lambda x: ndi.uniform_filter1d(x, 5, axis=1)),
    ("sta_lta", one('"name": "sta_lta", "sta": 50, "lta": 200'), sta_lta),
    ("broaden", one('"name": "broaden", "window_length": 50'), lambda x: ndi.maximum_filter1d(x, 50, axis=1, origin=-25)),
    ("peak_to_peak", one('"name": "peak_to_peak", "window_length": 200'),
     lambda x: (ndi.maximum_filter1d(x, 200, axis=1) - ndi.minimum_filter1d(x, 200, axis=1)).max(axis=1)),
    ("median_filter", one('"name": "median_filter", "distance": 3'), lambda x: ndi.median_filter(x, 3)),
]


def best(call):
    return min(timed(call) for _ in range(runs))


def timed(call):
    import time
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def cell(value):
    return f"{value:.4f}" if value is not None else "—"


def ratio(theirs, ours):
    return f"{theirs / ours:.1f}×" if theirs and ours else "—"


columns = ["distswift cold (s)", "scipy (s)", "÷ cold", "distswift steady (s)", "scipy steady (s)", "÷ steady"]
print("| command | precision | " + " | ".join(columns) + " |")
print("|---|---|" + "---:|" * len(columns))
many = steady_store(binary, work, nx, nt, rate, chunks)
for name, graph, call in cases:
    if only and name.split(" ")[0] not in only:
        continue
    for precision, x in [("float64", x64), ("float32", x32)]:
        theirs = best(lambda: call(x))
        theirs_steady = reference_steady_seconds(lambda: call(x), chunks)
        ours = ours_steady = None
        if graph:
            key = None if precision == "float64" else "float32"
            ours, problem = distswift_seconds(binary, store, work, runs, name, graph[0], graph[1], key)
            if not problem:
                ours_steady, problem = distswift_steady_seconds(binary, many, work, name, graph[0], graph[1], key)
            if problem:
                print(f"| `{name}` | {precision} | failed: {problem} | | | | | |", flush=True)
                continue
        label = f"`{name}`" if graph else name
        print(f"| {label} | {precision} | {cell(ours)} | {cell(theirs)} | {ratio(theirs, ours)} | {cell(ours_steady)} "
              f"| {cell(theirs_steady)} | {ratio(theirs_steady, ours_steady)} |", flush=True)
