#!/bin/bash
# Zero-phase IIR filtering and the noise-log kernels on one CPU core, as ratios in one run: distswift's kernels
# (`distswift backends --bench`, the CPU part: channels in SIMD lanes) against scipy.signal.sosfiltfilt and numpy's
# rfft + band sums on the same shape of float32 chunk (default 1000 channels × 10,000 samples). On a machine with a
# usable GPU the same command also times the CUDA kernels (docs/backends.md).
# Usage: scripts/bench-filters.sh [CHANNELS] [SAMPLES] [REPEATS]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHANNELS=${1:-1000}; SAMPLES=${2:-10000}; REPEATS=${3:-5}
BIN=$ROOT/.build/release/distswift
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --product distswift >/dev/null)
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
OPENBLAS_NUM_THREADS=1 "$BIN" backends --bench "${CHANNELS}x${SAMPLES}" --repeats "$REPEATS" --json "$TMP/swift.json" >/dev/null
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 - "$TMP/swift.json" "$CHANNELS" "$SAMPLES" "$REPEATS" <<'PY'
import json, sys, time
import numpy as np, scipy.signal as ss
rows = {r["operation"]: r["seconds"] for r in json.load(open(sys.argv[1]))["bench"] if r["where"].startswith("cpu")}
channels, samples, repeats = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rate = 10000.0
x = (np.random.default_rng(7).standard_normal((channels, samples)) + 0.3).astype(np.float32)
low = ss.butter(5, 200, "lowpass", fs=rate, output="sos"); high = ss.butter(5, 5, "highpass", fs=rate, output="sos")
def median(f):
    f(); t = []
    for _ in range(repeats):
        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
    return float(np.median(t))
n = samples; w = np.full(n // 2 + 1, 2.0); w[0] = 1; w[-1] = 1 if n % 2 == 0 else 2
def noise():
    X = np.fft.rfft(x, axis=1); p = (X.real.astype(np.float64) ** 2 + X.imag.astype(np.float64) ** 2) * w
    return [p[:, lo:].sum(axis=1) for lo in (0, 200, 600, 1000)]
scipy_filters = median(lambda: ss.sosfiltfilt(high, ss.sosfiltfilt(low, x, axis=1), axis=1))
numpy_noise = median(noise)
ds_filters = rows["thumbnail filters: 2 × butter order 5"]
ds_noise = rows["noise log: rfft + 4 band energies"]
mb = x.nbytes / 1e6
print(f"{channels} × {samples} float32 ({mb:.0f} MB), one core, median of {repeats}")
print(f"| operation | distswift s | reference s | reference / distswift |")
print(f"|---|---:|---:|---:|")
print(f"| 2 × zero-phase Butterworth order 5 (sosfiltfilt) | {ds_filters:.3f} | {scipy_filters:.3f} (scipy) | **{scipy_filters / ds_filters:.2f}** |")
print(f"| noise log: rfft + 4 band energies | {ds_noise:.3f} | {numpy_noise:.3f} (numpy) | **{numpy_noise / ds_noise:.2f}** |")
PY
