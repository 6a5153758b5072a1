"""Cold and steady columns for the DASCore benchmarks (toolkit.py and analysis.py with --steady), in both precisions,
for the binary under test and optionally a baseline binary in the same run (--baseline BIN).

cold: one chunk per `distswift process`, best of --runs processes (process_timing); steady: --chunks chunks (default
4) through one worker, the best of chunks 2..N (steady_timing). DASCore's method on the float32 Patch, best of --runs
calls (cold) and best of calls 2..N in one process (steady), the same reference for both precisions: DASCore
computes on the float32 data it reads; the float64 row is distpy's precision. Each ratio is DASCore ÷ distswift.
"""
import os
import sys

from process_timing import distswift_seconds, reference_seconds
from steady_timing import distswift_steady_seconds, reference_steady_seconds, steady_store


def option(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def cell(value):
    return f"{value:.4f}" if value is not None else "—"


def ratio(theirs, ours):
    if theirs is None or ours is None:
        return "—"
    return f"{theirs / ours:.1f}×" if ours > 0 else f"> {theirs / 0.0005:.0f}×"


def print_cold_steady(cases, binary, store, work, runs, only, x, rate, reference="DASCore"):
    """One row per (command, precision, binary) of `cases` ((name, (graph, uid), call) as toolkit.py's)."""
    chunks = int(option("--chunks", 4))
    baseline = option("--baseline")
    binaries = [("this", binary)] + ([("baseline", baseline)] if baseline else [])
    nx, nt = x.shape
    columns = ["distswift cold (s)", f"{reference} cold (s)", "÷ cold", "distswift steady (s)",
               f"{reference} steady (s)", "÷ steady"]
    print("| command | precision | binary | " + " | ".join(columns) + " |")
    print("|---|---|---|" + "---:|" * len(columns))
    many = steady_store(binary, work, nx, nt, rate, chunks)
    for name, graph, call in cases:
        if only and name.split(" ")[0] not in only:
            continue
        theirs = reference_seconds(call, runs)
        theirs_steady = reference_steady_seconds(call, chunks)
        label = f"`{name}`" if name.isidentifier() else name
        for precision in ["float64", "float32"]:
            key = None if precision == "float64" else "float32"
            for which, path in binaries:
                # A folder per binary: the steady time is read from the run's journal, which a rerun appends to.
                own = f"{work}/{which}"
                os.makedirs(own, exist_ok=True)
                ours, problem = distswift_seconds(path, store, own, runs, name, graph[0], graph[1], key)
                ours_steady = None
                if not problem:
                    ours_steady, problem = distswift_steady_seconds(path, many, own, name, graph[0], graph[1], key)
                if problem:
                    print(f"| {label} | {precision} | {which} | failed: {problem} | | | | | |", flush=True)
                    continue
                print(f"| {label} | {precision} | {which} | {cell(ours)} | {cell(theirs)} | {ratio(theirs, ours)} "
                      f"| {cell(ours_steady)} | {cell(theirs_steady)} | {ratio(theirs_steady, ours_steady)} |",
                      flush=True)
