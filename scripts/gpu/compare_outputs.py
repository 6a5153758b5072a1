#!/usr/bin/env python3
"""Compares two results folders of `distswift process` (CUDA backend vs CPU backend) file by file: every .npy under
A must exist under B with the same shape, and max|a - b| / max|b| must not exceed the tolerance.
Usage: compare_outputs.py A B TOLERANCE LABEL  (prints one line per folder; exit 1 on any failure)."""
import os, sys, json
import numpy as np

a_root, b_root, tolerance, label = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
worst, files, failures = 0.0, 0, []
for folder, _, names in os.walk(a_root):
    for name in sorted(names):
        if not name.endswith(".npy") or "time" in folder.split(os.sep)[-1:]:
            continue
        pa = os.path.join(folder, name)
        pb = os.path.join(b_root, os.path.relpath(pa, a_root))
        if not os.path.exists(pb):
            failures.append(f"{pb} missing")
            continue
        a, b = np.load(pa), np.load(pb)
        if a.dtype.kind not in "fc":
            continue
        if a.shape != b.shape:
            failures.append(f"{pa}: shape {a.shape} vs {b.shape}")
            continue
        scale = float(np.max(np.abs(b))) or 1.0
        error = float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64)))) / scale
        if not np.isfinite(error):
            error = float("inf")
        worst = max(worst, error)
        files += 1
        if error > tolerance:
            failures.append(f"{pa}: {error:.3e}")
ok = files > 0 and not failures
print(json.dumps({"label": label, "files": files, "worst_relative_error": worst, "tolerance": tolerance,
                  "passed": ok, "failures": failures[:5]}))
sys.exit(0 if ok else 1)
