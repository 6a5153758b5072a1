"""CPU time of one command in `distswift process`, robust to a loaded machine: perf stat's task-clock (user +
system, the kernel's page zeroing for the process included) of `process --workers 1` on a graph folder that
analysis.py, toolkit.py or timefrequency.py wrote under WORK/this, best of N runs, less the same for a near-empty
graph (float32 taper: process start-up, reading the chunk). Wall-clock ratios are what docs/benchmarks.md quotes;
this is a cross-check when other sessions load the machine.

usage: python3 cpu_time.py BIN BASELINE_BIN WORK NAME [NAME...]   (N runs from $RUNS, default 5; needs `perf`)
Prints one line per graph: this and baseline in ms."""
import os
import re
import subprocess
import sys

binary, baseline, work = sys.argv[1:4]
runs = int(os.environ.get("RUNS", "5"))


def cpu_ms(binary, folder):
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run(["perf", "stat", "-x,", "-e", "task-clock", "--", binary, "process",
                              folder + "/system.json", "--workers", "1", "--force", "--fft-planning", "estimate"],
                             capture_output=True, text=True)
        m = re.search(r"^([0-9.]+),msec,task-clock", out.stderr, re.M)
        if not m:
            sys.exit(out.stderr[-400:])
        best = min(best, float(m.group(1)))
    return best


empty = f"{work}/this/cpu-time-empty"
os.makedirs(empty, exist_ok=True)
with open(empty + "/graph.json", "w") as f:
    f.write('{"precision": "float32", "command_list": [{"uid": 1, "in_uid": 0, "name": "taper", "time": 0.05}]}')
with open(empty + "/system.json", "w") as f:
    f.write('{"in_directory": "%s/store", "out_directory": "%s/results", "config": "%s/graph.json", "BOX_SIZE": 0}'
            % (work, empty, empty))
start = {name: cpu_ms(path, empty) for name, path in [("this", binary), ("baseline", baseline)]}
print(f"start-up (taper graph): this {start['this']:.1f} ms, baseline {start['baseline']:.1f} ms")
for graph in sys.argv[4:]:
    folder = f"{work}/this/{graph}"
    print(f"{graph}: this {cpu_ms(binary, folder) - start['this']:.1f} ms, "
          f"baseline {cpu_ms(baseline, folder) - start['baseline']:.1f} ms", flush=True)
