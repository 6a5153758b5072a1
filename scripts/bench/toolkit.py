"""Times each DASCore-style command (issue 19, part A) in `distswift process` against DASCore 0.1.24's own Patch
method on the same chunk.

usage: python3 toolkit.py DISTSWIFT STORE WORK [--runs N] [--only NAME,NAME]
STORE is a distswift store of one float32 chunk; DASCore gets a Patch of the same float32 values (distance x time,
the store's rate and positions) — what it would read from the file. distswift's time is the command's line of
`process`'s per-command report (its float64 conversion excluded), DASCore's the method call's perf_counter time;
both the best of N runs. Call it under `taskset -c 0` with OPENBLAS_NUM_THREADS=1 for one core. Prints a Markdown
table; the last column is how many times faster distswift is.
"""
import glob
import json
import sys

import dascore as dc
import numpy as np

import process_timing

binary, store, work = sys.argv[1:4]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 2
only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
chunk = sorted(f for f in glob.glob(store + "/*.npy") if not f.endswith("measured_depth.npy"))[0]
x = np.load(chunk)
nx, nt = x.shape
manifest = json.load(open(store + "/store.json"))
rate = manifest.get("samplingRateHz") or manifest.get("sampling_rate_hz") or nt
positions = np.load(store + "/measured_depth.npy").ravel()
patch = dc.Patch(data=x, coords={"distance": positions,
                                 "time": np.datetime64("2024-01-01", "ns") + np.arange(nt) * dc.to_timedelta64(1 / rate)},
                 dims=("distance", "time"), attrs={"data_units": "1/s"})


def one(fields):
    return '{"uid": 1, "in_uid": 0, ' + fields + '}', 1


# name → (graph entries, uid timed), DASCore's call on the same patch
cases = [
    ("detrend", one('"name": "detrend", "dim": "time", "type": "linear"'), lambda: patch.detrend("time")),
    ("demean", one('"name": "demean"'), lambda: patch.demean("time")),
    ("demedian", one('"name": "demedian"'), lambda: patch.demedian("time")),
    ("taper", one('"name": "taper", "time": 0.05'), lambda: patch.taper(time=0.05)),
    ("normalize", one('"name": "normalize", "dim": "time"'), lambda: patch.normalize("time")),
    ("standardize", one('"name": "standardize", "dim": "time"'), lambda: patch.standardize("time")),
    ("decimate", one('"name": "decimate", "time": 4'), lambda: patch.decimate(time=4)),
    ("decimate_fir", one('"name": "decimate", "time": 4, "filter_type": "fir"'),
     lambda: patch.decimate(time=4, filter_type="fir")),
    ("pass_filter", one('"name": "pass_filter", "time": [1, 100], "corners": 4'),
     lambda: patch.pass_filter(time=(1, 100), corners=4)),
    ("integrate", one('"name": "integrate", "dim": "time"'), lambda: patch.integrate("time")),
    ("differentiate", one('"name": "differentiate", "dim": "time"'), lambda: patch.differentiate("time")),
]

print("| command | distswift (s) | DASCore 0.1.24 (s) | DASCore ÷ distswift |")
print("|---|---:|---:|---:|")
for name, (graph, uid), call in cases:
    if only and name not in only:
        continue
    ours, problem = process_timing.distswift_seconds(binary, store, work, name, graph, uid, runs)
    if problem:
        print(f"| `{name}` | failed: {problem} | | |")
        continue
    theirs = process_timing.best_seconds(call, runs)
    print(f"| `{name}` | {ours:.3f} | {theirs:.3f} | {theirs / ours:.1f}× |", flush=True)
