"""Timing helpers shared by the per-command benchmarks (commands.py, toolkit.py): a command's own time from
`distswift process`'s per-command report, and a Python call's best perf_counter time."""
import json
import os
import re
import subprocess
import time


def distswift_seconds(binary, store, work, name, graph, uid, runs):
    """Best of `runs` of graph uid `uid`'s line in process's report (one worker, whole chunk); (seconds, None) or
    (None, the error's last line)."""
    folder = f"{work}/{name}"
    os.makedirs(folder, exist_ok=True)
    with open(f"{folder}/graph.json", "w") as f:
        f.write('{"command_list": [' + graph + ']}')
    with open(f"{folder}/system.json", "w") as f:
        json.dump({"in_directory": store, "out_directory": folder + "/results", "config": folder + "/graph.json",
                   "BOX_SIZE": 0}, f)
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run([binary, "process", folder + "/system.json", "--workers", "1", "--force",
                              "--fft-planning", "estimate"], capture_output=True, text=True)
        if out.returncode != 0:
            return None, out.stderr.strip().splitlines()[-1] if out.stderr else "failed"
        m = re.search(r"uid %d \S+\s+([0-9.]+) s" % uid, out.stdout + out.stderr)
        best = min(best, float(m.group(1)))
    return best, None


def best_seconds(call, runs):
    """Best perf_counter time of `runs` calls."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best
