"""The chunk read narrowed to what a selection keeps (issues 16/19): `distswift process` of one selection on a store
of larger chunks, this binary against a baseline binary (one that reads every chunk whole), alternating, one worker
pinned to CPU 0. Prints a Markdown table of the best wall time of --runs processes per graph, and the per-chunk
time (wall ÷ chunks, the process's start-up included).

usage: python3 narrowed_read.py DISTSWIFT BASELINE WORK [--runs N] [--channels N] [--chunks N]"""
import os
import subprocess
import sys
import time


def option(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


binary, baseline, work = sys.argv[1:4]
runs, channels, chunks = option("--runs", 3), option("--channels", 4000), option("--chunks", 4)
store = f"{work}/store"
if not os.path.exists(store + "/store.json"):
    subprocess.run([binary, "synth", "--store", store, "--channels", str(channels), "--rate", "10000",
                    "--seconds", str(chunks)], check=True, capture_output=True)
# synth spaces channels 1 m apart from 0 m: a tenth of the fibre is 400 channels of 4000.
tenth = channels // 10
cases = [
    (f"select distance (a tenth: {tenth} of {channels} channels)",
     '{"name": "select", "uid": 1, "in_uid": 0, "distance": [%d, %d]}' % (channels // 2, channels // 2 + tenth - 1)),
    ("select time (0.1 s of 1 s)", '{"name": "select", "uid": 1, "in_uid": 0, "time": [0.2, 0.2999]}'),
    (f"clip (a tenth of the channels, half the samples)",
     '{"name": "clip", "uid": 1, "in_uid": 0, "xmin": %d, "xmax": %d, "tmin": 0, "tmax": 0.4999}'
     % (channels // 2, channels // 2 + tenth - 1)),
    ("extract (one channel)", '{"name": "extract", "uid": 1, "in_uid": 0, "axis": 0, "index": %d}' % (channels // 2)),
]


def wall(bin_, folder):
    start = time.perf_counter()
    out = subprocess.run(["taskset", "-c", "0", bin_, "process", folder + "/system.json", "--workers", "1", "--force",
                          "--fft-planning", "estimate"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return time.perf_counter() - start


print(f"| graph ({chunks} chunks of {channels} × 10,000 float32) | baseline wall (s) | this wall (s) | baseline ÷ this "
      "| baseline per chunk (ms) | this per chunk (ms) |")
print("|---|---:|---:|---:|---:|---:|")
for i, (name, entry) in enumerate(cases):
    folder = f"{work}/case{i}"
    os.makedirs(folder, exist_ok=True)
    with open(folder + "/graph.json", "w") as f:
        f.write('{"precision": "float32", "command_list": [' + entry
                + ', {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "kept"}]}')
    with open(folder + "/system.json", "w") as f:
        f.write('{"in_directory": "%s", "out_directory": "%s/results", "config": "%s/graph.json", "BOX_SIZE": 0}'
                % (store, folder, folder))
    best = {"base": float("inf"), "this": float("inf")}
    for _ in range(runs):
        best["base"] = min(best["base"], wall(baseline, folder))
        best["this"] = min(best["this"], wall(binary, folder))
    print(f"| {name} | {best['base']:.3f} | {best['this']:.3f} | {best['base'] / best['this']:.1f}× "
          f"| {1e3 * best['base'] / chunks:.1f} | {1e3 * best['this'] / chunks:.1f} |")
