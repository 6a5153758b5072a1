"""Shared by the per-command benchmarks (commands.py, analysis.py, toolkit.py): their command line and input chunk,
and a command's time in `distswift process` (its line of the per-command report, one worker) against a reference
call's, as a Markdown table."""
import glob
import json
import os
import re
import subprocess
import sys
import time

# --default-blocks: the system config leaves BOX_SIZE out, so `process` runs a channel-local graph in its default
# cache-sized channel blocks (ChannelBlocks.cacheSized), and the timed command's output is kept for a write_npy so
# that it is materialised whole, as DASCore's result is; a complex output (which write_npy refuses) has no writer
# and is then an intermediate, as in a real graph where abs or a band command reads it. Without it: BOX_SIZE 0,
# the whole chunk at once and no writer (the tables before 2026-12-05, session 12).
DEFAULT_BLOCKS = "--default-blocks" in sys.argv


def bench_input(argv):
    """DISTSWIFT STORE WORK [--runs N] [--only NAME,NAME] and the store's first chunk: (binary, store, work, runs,
    only, the chunk as stored, its channel positions, its sampling rate)."""
    import numpy as np
    binary, store, work = argv[1:4]
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 2
    only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else None
    chunk = sorted(f for f in glob.glob(store + "/*.npy") if not f.endswith("measured_depth.npy"))[0]
    x = np.load(chunk)
    manifest = json.load(open(store + "/store.json"))
    rate = manifest.get("samplingRateHz") or manifest.get("sampling_rate_hz") or x.shape[1]
    positions = np.load(store + "/measured_depth.npy").ravel()
    return binary, store, work, runs, only, x, positions, rate


def dascore_patch(x, positions, rate, **attrs):
    """A DASCore Patch of `x` (distance × time) with the store's positions and rate, as DASCore would read it."""
    import dascore as dc
    import numpy as np
    times = np.datetime64("2024-01-01", "ns") + np.arange(x.shape[1]) * dc.to_timedelta64(1 / rate)
    return dc.Patch(data=x, coords={"distance": positions, "time": times}, dims=("distance", "time"), attrs=attrs)


def one(fields):
    """A graph of one command on the chunk, and the uid to time."""
    return '{"uid": 1, "in_uid": 0, ' + fields + '}', 1


def after(prefix, uid, fields):
    """`prefix` entries, then the timed command (uid) reading uid - 1."""
    return prefix + ', {"uid": %d, "in_uid": %d, %s}' % (uid, uid - 1, fields), uid


def graph_folder(work, name, graph, store, prefix="", precision=None, kept_uid=None):
    """A folder of WORK holding graph.json (the graph's entries, with the graph's "precision" key if given) and
    system.json (STORE in, results/ out). With --default-blocks: BOX_SIZE left out, and `kept_uid`'s output written
    by a write_npy (uid 999) when given."""
    blocks = "_blocks" + ("_kept" if kept_uid is not None else "") if DEFAULT_BLOCKS else ""
    folder = f"{work}/{prefix}{re.sub(r'[^A-Za-z0-9_]', '_', name)}{'_' + precision if precision else ''}{blocks}"
    os.makedirs(folder, exist_ok=True)
    if DEFAULT_BLOCKS and kept_uid is not None:
        graph += ', {"uid": 999, "in_uid": %d, "name": "write_npy", "directory_out": "kept"}' % kept_uid
    with open(f"{folder}/graph.json", "w") as f:
        f.write('{' + (f'"precision": "{precision}", ' if precision else '') + '"command_list": [' + graph + ']}')
    system = {"in_directory": store, "out_directory": folder + "/results", "config": folder + "/graph.json"}
    if not DEFAULT_BLOCKS:
        system["BOX_SIZE"] = 0
    with open(f"{folder}/system.json", "w") as f:
        json.dump(system, f)
    return folder


def run_timed(binary, folder_for, extra=()):
    """`process` on the folder `folder_for(kept)` makes, kept=True first: with --default-blocks a complex output
    that write_npy refuses is run again without the writer (kept=False). Returns (completed process, folder)."""
    for kept in ((True, False) if DEFAULT_BLOCKS else (False,)):
        folder = folder_for(kept)
        out = subprocess.run([binary, "process", folder + "/system.json", "--workers", "1", "--force", *extra],
                             capture_output=True, text=True)
        if kept and out.returncode != 0 and "writes real arrays" in out.stderr:
            continue
        return out, folder


def distswift_seconds(binary, store, work, runs, name, graph, uid, precision=None):
    """Best of `runs` of the command's per-command time, or (None, the error's last line). `precision`: the graph's
    "precision" key (None: left out, float64)."""
    best = float("inf")
    kept = True
    for _ in range(runs):
        out, folder = run_timed(binary, lambda k: graph_folder(work, name, graph, store, precision=precision,
                                                               kept_uid=uid if k and kept else None),
                                ("--fft-planning", "estimate"))
        kept = kept and folder.endswith("_kept")
        if out.returncode != 0:
            return None, out.stderr.strip().splitlines()[-1] if out.stderr else "failed"
        best = min(best, report_seconds(out.stdout + out.stderr, uid))
    return best, None


def report_seconds(report, uid):
    """The command's time from its line of `process`'s per-command report: the microsecond field where the report
    has one (since 2026-12-05), else the seconds field (1 ms resolution)."""
    m = re.search(r"uid %d \S+\s+([0-9.]+) s\s+[0-9.]+ %%(?:\s+([0-9]+) µs)?" % uid, report)
    return int(m.group(2)) / 1e6 if m.group(2) else float(m.group(1))


def reference_seconds(call, runs):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def print_table(cases, binary, store, work, runs, only, reference="numpy/scipy", scale=None, float32=False):
    """One row per (name, (graph, uid) or None for a reference alone, call); `only` (names, or None) selects by
    the name's first word; `scale` (name → factor) scales a reference timed on part of the data. `float32`: also
    time each graph with "precision": "float32" (a second distswift column and ratio)."""
    single = " | distswift, float32 graph (s)" if float32 else ""
    single_ratio = f" | {reference} ÷ distswift float32" if float32 else ""
    print(f"| command | distswift (s){single} | {reference} (s) | {reference} ÷ distswift{single_ratio} |")
    print("|---|---:|---:|---:|" + ("---:|---:|" if float32 else ""))
    for name, graph, call in cases:
        if only and name.split(" ")[0] not in only:
            continue
        label = f"`{name}`" if name.isidentifier() else name
        if graph is None:
            blank = " — |" if float32 else ""
            print(f"| {label} | — |{blank} {reference_seconds(call, runs):.3f} | — |{blank}", flush=True)
            continue
        graph, uid = graph
        ours, problem = distswift_seconds(binary, store, work, runs, name, graph, uid)
        if problem:
            print(f"| {label} | failed: {problem} | | |" + (" | |" if float32 else ""))
            continue
        ours32 = distswift_seconds(binary, store, work, runs, name, graph, uid, "float32")[0] if float32 else None
        theirs = reference_seconds(call, runs) * (scale or {}).get(name, 1) if call else None

        def ratio(t):
            # A command that passes its input on in place can take less than the report's resolution (0.000 s
            # is under 0.5 ms): the ratio is then a lower bound.
            return (f"{theirs / t:.1f}×" if t else f"> {theirs / 0.0005:.0f}×") if theirs and t is not None else "—"
        cells = [f"{ours:.3f}"] + ([f"{ours32:.3f}" if ours32 is not None else "failed"] if float32 else [])
        cells += [f"{theirs:.3f}" if theirs else "—", ratio(ours)] + ([ratio(ours32)] if float32 else [])
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
