"""DASCore's stepped rolling median and mean (window 100, step 50) against distswift binaries, alternating in one
run: DASCore's `patch.rolling(time=100, step=50, samples=True, center=True).median()` / `.mean()` on the store's
first chunk, and each binary's own line of `process`'s per-command report (float32 and float64 graphs), best of
--runs. Run it pinned (`taskset -c 0`): the binaries inherit the pinning.

usage: taskset -c 0 python3 stepped_rolling.py STORE WORK NAME=BINARY [NAME=BINARY ...] [--runs N]"""
import glob
import os
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from process_timing import dascore_patch, graph_folder, report_seconds  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith("--")]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
if "--runs" in sys.argv:
    args.remove(sys.argv[sys.argv.index("--runs") + 1])
store, work, binaries = args[0], args[1], [a.split("=", 1) for a in args[2:]]
chunk = sorted(f for f in glob.glob(store + "/*.npy") if not f.endswith("measured_depth.npy"))[0]
x = np.load(chunk)
patch = dascore_patch(x, np.load(store + "/measured_depth.npy").ravel(), 10000)
cases = [("rolling_median step 50", "median", '"name": "rolling_median"'),
         ("rolling_mean step 50", "mean", '"name": "rolling_mean"')]
best = {}
for _ in range(runs):
    for name, method, entry in cases:
        start = time.perf_counter()
        getattr(patch.rolling(time=100, step=50, samples=True, center=True), method)()
        best[(name, "DASCore")] = min(best.get((name, "DASCore"), 1e9), time.perf_counter() - start)
        for label, binary in binaries:
            for precision in ("float32", "float64"):
                graph = '{"uid": 1, "in_uid": 0, %s, "time": 100, "step": 50, "samples": true}' % entry
                folder = graph_folder(work, f"{label}_{name}", graph, store, precision=precision)
                out = subprocess.run([binary, "process", folder + "/system.json", "--workers", "1", "--force"],
                                     capture_output=True, text=True, check=True)
                key = (name, f"{label} {precision}")
                best[key] = min(best.get(key, 1e9), report_seconds(out.stdout + out.stderr, 1))
print("| command | " + " | ".join(f"{label} float32 (ms) | {label} float64 (ms)" for label, _ in binaries)
      + " | DASCore (ms) |")
print("|---|" + "---:|" * (2 * len(binaries) + 1))
for name, _, _ in cases:
    cells = [f"{1e3 * best[(name, f'{label} {p}')]:.1f}" for label, _ in binaries for p in ("float32", "float64")]
    print(f"| {name} | " + " | ".join(cells) + f" | {1e3 * best[(name, 'DASCore')]:.1f} |")
