"""Times the commands whose loops moved into DistSwiftNative's typed kernels (correlation, phase-weighted stack,
tau-p, hampel, whiten, stft/istft, detrend, thumbnail) in `distswift process` with two binaries on the same chunk:
BEFORE (e.g. a release build of the commit before the move) and AFTER, interleaved run by run so both see the same
machine load. Each graph runs as written (float64) and with "precision": "float32".

usage: python3 before_after.py BEFORE AFTER STORE WORK [--runs N] [--only NAME,NAME] [--cpu COPIES]
Times are each command's line of `process`'s per-command report, best of N (as the other bench scripts). The ratio
is before ÷ after: above 1 the moved kernel is faster, 1.0 unchanged. Call it under `taskset -c 0`.
--cpu COPIES: on a loaded machine (where wall times swing by ±40 % between runs), the CPU time (user + system) of
the whole `process` run instead, with the command COPIES times in the graph (each reading the chunk), median of N:
preemption by other processes does not count, and the fixed costs (start, reading the chunk) are the same for both.
"""
import re
import resource
import statistics
import subprocess
import sys

from process_timing import after, distswift_seconds, graph_folder, one

before, later, store, work = sys.argv[1:5]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
copies = int(sys.argv[sys.argv.index("--cpu") + 1]) if "--cpu" in sys.argv else None
stft = '"name": "stft", "time": 256, "samples": true'

# The parameters of scripts/bench/toolkit.py, analysis.py and timefrequency.py for the same commands.
cases = [
    ("hampel_filter", one('"name": "hampel_filter", "time": 5, "distance": 5, "samples": true')),
    ("whiten", one('"name": "whiten", "smooth_size": 20, "time": [10, 20, 1000, 2000]')),
    ("cross_correlate", one('"name": "cross_correlate", "distance": 500, "samples": true')),
    ("correlate_shift", one('"name": "correlate_shift", "dim": "time"')),
    ("phase_weighted_stack", one('"name": "phase_weighted_stack"')),
    ("tau_p", one('"name": "tau_p", "velocities": [1000, 1500, 2000, 3000, 5000]')),
    ("stft", one(stft)),
    ("stft_detrend", one(stft + ', "detrend": true')),
    ("istft", after('{"uid": 1, "in_uid": 0, %s}' % stft, 2, '"name": "istft"')),
    ("detrend", one('"name": "detrend", "dim": "time", "type": "linear"')),
    ("thumbnail", one('"name": "thumbnail", "directory_out": "thumbnails"')),
]


def best(binary, tag, name, graph, uid, precision):
    seconds, problem = distswift_seconds(binary, store, f"{work}/{tag}", 1, name, graph, uid, precision)
    if problem:
        raise SystemExit(f"{name} ({precision or 'float64'}) failed with {binary}: {problem}")
    return seconds


def copied(graph, k):
    """`graph`'s entries k times, each copy's uids moved up by 100 · copy (the chunk, uid 0, shared)."""
    def moved(entries, offset):
        return re.sub(r'"(in_)?uid": (\d+)',
                      lambda m: m.group(0) if m.group(2) == "0" else f'"{m.group(1) or ""}uid": {int(m.group(2)) + offset}',
                      entries)
    return ", ".join(moved(graph, 100 * c) for c in range(k))


def cpu_seconds(binary, tag, name, graph, precision):
    """User + system CPU seconds of one `process` run (its worker included: a reaped grandchild counts)."""
    folder = graph_folder(f"{work}/{tag}", name, graph, store, prefix="cpu_", precision=precision)
    before_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([binary, "process", folder + "/system.json", "--workers", "1", "--force",
                          "--fft-planning", "estimate"], capture_output=True, text=True)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"{name} ({precision or 'float64'}) failed with {binary}: {out.stderr.strip()[-300:]}")
    return (usage.ru_utime - before_usage.ru_utime) + (usage.ru_stime - before_usage.ru_stime)


if copies:
    print(f"| command ×{copies} | precision | before CPU (s) | after CPU (s) | before ÷ after |")
    print("|---|---|---:|---:|---:|")
    for name, (graph, uid) in cases:
        if only and name not in only:
            continue
        for precision in (None, "float32"):
            many = copied(graph, copies)
            times = {"before": [], "after": []}
            for _ in range(runs):  # interleaved
                times["before"].append(cpu_seconds(before, "before", name, many, precision))
                times["after"].append(cpu_seconds(later, "after", name, many, precision))
            b, a = statistics.median(times["before"]), statistics.median(times["after"])
            print(f"| `{name}` | {precision or 'float64'} | {b:.3f} | {a:.3f} | {b / a:.2f} |", flush=True)
    sys.exit(0)

print("| command | precision | before (s) | after (s) | before ÷ after |")
print("|---|---|---:|---:|---:|")
for name, (graph, uid) in cases:
    if only and name not in only:
        continue
    for precision in (None, "float32"):
        times = {"before": float("inf"), "after": float("inf")}
        for _ in range(runs):  # interleaved: before, after, before, after, ...
            times["before"] = min(times["before"], best(before, "before", name, graph, uid, precision))
            times["after"] = min(times["after"], best(later, "after", name, graph, uid, precision))
        ratio = f"{times['before'] / times['after']:.2f}" if times["after"] else "—"
        print(f"| `{name}` | {precision or 'float64'} | {times['before']:.3f} | {times['after']:.3f} | {ratio} |",
              flush=True)
