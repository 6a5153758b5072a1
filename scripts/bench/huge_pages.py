"""Worker heaps on transparent huge pages, on and off, alternating in one run: each one-command graph of the
DASCore toolkit and catalogue benchmarks (cold: one chunk per `distswift process`), once as the workers start by
default (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, WorkerEnvironment.hugePageHeap) and once with the user's setting
`glibc.malloc.hugetlb=0`, which the workers keep. The command's line of the per-command report and the wall time of
the whole `process` (median): command best and median of --runs each (the median shows the occasional stall of a huge-page fault
that compacts memory, THP's `defrag` = madvise). Run it pinned (`taskset -c 0`).

usage: taskset -c 0 python3 huge_pages.py BINARY STORE WORK [--runs N] [--precision float32] [--only NAME,NAME]"""
import os
import statistics
import subprocess
import sys
import time

from process_timing import graph_folder, one, report_seconds

binary, store, work = sys.argv[1:4]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
precision = sys.argv[sys.argv.index("--precision") + 1] if "--precision" in sys.argv else None
cases_all = [
    ("rolling_mean (step 50)", one('"name": "rolling_mean", "time": 100, "step": 50, "samples": true')),
    ("rolling_median (step 50)", one('"name": "rolling_median", "time": 100, "step": 50, "samples": true')),
    ("stalta", one('"name": "stalta", "time": [50, 500], "samples": true')),
    ("demean", one('"name": "demean", "dim": "time"')),
    ("taper", one('"name": "taper", "time": 0.05')),
    ("resample", one('"name": "resample", "time": 0.0004')),
    ("hilbert", one('"name": "hilbert", "dim": "time"')),
    ("cross_correlate", one('"name": "cross_correlate", "distance": 500, "samples": true')),
    ("rfft", one('"name": "rfft", "dim": "time"')),
    ("fft (distpy)", one('"name": "fft"')),
    ("multiply (distpy)", one('"name": "multiply", "gather_uids": [0]')),
]
cases = [c for c in cases_all if c[0] in sys.argv[sys.argv.index("--only") + 1].split(",")] if "--only" in sys.argv else cases_all
settings = [("huge pages (default)", None), ("glibc.malloc.hugetlb=0", "glibc.malloc.hugetlb=0")]
times = {}
for _ in range(runs):
    for name, (graph, uid) in cases:
        folder = graph_folder(work, name, graph, store, precision=precision)
        for label, tunables in settings:
            env = dict(os.environ)
            env.pop("GLIBC_TUNABLES", None)
            if tunables:
                env["GLIBC_TUNABLES"] = tunables
            start = time.perf_counter()
            out = subprocess.run([binary, "process", folder + "/system.json", "--workers", "1", "--force",
                                  "--fft-planning", "estimate"], capture_output=True, text=True, env=env, check=True)
            wall = time.perf_counter() - start
            command = report_seconds(out.stdout + out.stderr, uid)
            times.setdefault((name, label), []).append((command, wall))
print(f"graph precision: {precision or 'float64'}; best / median of {runs}")
print()
print("| command | command, huge pages (ms) | command, hugetlb=0 (ms) | ÷ best | ÷ median | process wall, huge pages (s) | process wall, hugetlb=0 (s) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, _ in cases:
    on, off = times[(name, settings[0][0])], times[(name, settings[1][0])]
    (c1, m1, w1), (c0, m0, w0) = [(min(c for c, _ in t), statistics.median(c for c, _ in t),
                                   statistics.median(w for _, w in t)) for t in (on, off)]
    print(f"| {name} | {1e3 * c1:.2f} / {1e3 * m1:.2f} | {1e3 * c0:.2f} / {1e3 * m0:.2f} | {c0 / c1:.2f}× | "
          f"{m0 / m1:.2f}× | {w1:.3f} | {w0:.3f} |")

