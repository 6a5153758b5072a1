#!/bin/bash
# Zero-phase IIR filtering and the noise-log kernels on one CPU core, as ratios in one run: distswift's kernels
# (`distswift backends --bench`, the CPU part: channels in SIMD lanes) against scipy.signal.sosfiltfilt and numpy's
# rfft + band sums on the same shape of float32 chunk (default 1000 channels × 10,000 samples); the fastest of
# REPEATS runs on each side (this machine is shared: the fastest run is the least disturbed). On a machine with a
# usable GPU the same command also times the CUDA kernels (docs/backends.md).
# Usage: scripts/bench-filters.sh [CHANNELS] [SAMPLES] [REPEATS]
# Environment: BASELINE=path/to/an/older/distswift also times that binary's kernels in the same run (rows "before").
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHANNELS=${1:-1000}; SAMPLES=${2:-10000}; REPEATS=${3:-5}
BIN=$ROOT/.build/release/distswift
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --product distswift >/dev/null)
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
OPENBLAS_NUM_THREADS=1 "$BIN" backends --bench "${CHANNELS}x${SAMPLES}" --repeats "$REPEATS" --json "$TMP/swift.json" >/dev/null
echo '{"bench": []}' > "$TMP/before.json"
if [ -n "${BASELINE:-}" ]; then
    OPENBLAS_NUM_THREADS=1 "$BASELINE" backends --bench "${CHANNELS}x${SAMPLES}" --repeats "$REPEATS" \
        --json "$TMP/before.json" >/dev/null
fi
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 - "$TMP/swift.json" "$CHANNELS" "$SAMPLES" "$REPEATS" "$TMP/before.json" <<'PY'
import json, sys, time
import numpy as np, scipy.signal as ss
def cpu_rows(path):
    return {r["operation"]: r.get("best_seconds", r["seconds"]) for r in json.load(open(path))["bench"]
            if r["where"].startswith("cpu")}
rows, before = cpu_rows(sys.argv[1]), cpu_rows(sys.argv[5])
# A baseline older than best_seconds in its JSON reports medians only.
before_kind = "fastest" if any("best_seconds" in r for r in json.load(open(sys.argv[5]))["bench"]) else "median"
channels, samples, repeats = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rate = 10000.0
x = (np.random.default_rng(7).standard_normal((channels, samples)) + 0.3).astype(np.float32)
low = ss.butter(5, 200, "lowpass", fs=rate, output="sos"); high = ss.butter(5, 5, "highpass", fs=rate, output="sos")
def best(f):
    f(); t = []
    for _ in range(repeats):
        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
    return min(t)
n = samples; w = np.full(n // 2 + 1, 2.0); w[0] = 1; w[-1] = 1 if n % 2 == 0 else 2
def noise():
    X = np.fft.rfft(x, axis=1); p = (X.real.astype(np.float64) ** 2 + X.imag.astype(np.float64) ** 2) * w
    return [p[:, lo:].sum(axis=1) for lo in (0, 200, 600, 1000)]
scipy_filters = best(lambda: ss.sosfiltfilt(high, ss.sosfiltfilt(low, x, axis=1), axis=1))
numpy_noise = best(noise)
filters, rows64 = "thumbnail filters: 2 × butter order 5", "thumbnail filters: 2 × butter order 5, float64 rows"
noise_row = "noise log: rfft + 4 band energies"
mb = x.nbytes / 1e6
print(f"{channels} × {samples} float32 ({mb:.0f} MB), one core, fastest of {repeats}")
print(f"| operation | distswift s | reference s | reference / distswift |")
print(f"|---|---:|---:|---:|")
def row(label, seconds, reference, name):
    print(f"| {label} | {seconds:.3f} | {reference:.3f} ({name}) | **{reference / seconds:.2f}** |")
row("2 × zero-phase Butterworth order 5 (sosfiltfilt), from the float32 chunk", rows[filters], scipy_filters, "scipy")
if filters in before:
    row(f"same, before (BASELINE, {before_kind})", before[filters], scipy_filters, "scipy")
if rows64 in rows:
    row("same on float64 rows (the CPU commands' precision)", rows[rows64], scipy_filters, "scipy")
if rows64 in before:
    row(f"same on float64 rows, before (BASELINE, {before_kind})", before[rows64], scipy_filters, "scipy")
row("noise log: rfft + 4 band energies", rows[noise_row], numpy_noise, "numpy")
PY
