#!/usr/bin/env python3
"""The same operations as distswift's noise log and thumbnail filters in CuPy (cupy.fft, cupyx.scipy.signal) and
scipy on one core, on the same float32 chunks, timed in the same run as distswift (scripts/gpu/device-run.sh).
Usage: cupy_bench.py STORE_FOLDER OUT.json"""
import glob, json, os, sys, time
import numpy as np
import scipy.signal as ss
import cupy as cp
import cupyx.scipy.signal as cs

store, out_path = sys.argv[1], sys.argv[2]
files = sorted(f for f in glob.glob(os.path.join(store, "*.npy")) if os.path.basename(f)[0].isdigit())
chunks = [np.load(f) for f in files]
rows, n = chunks[0].shape
rate = 10000.0
gb_per_chunk = chunks[0].nbytes / 1e9
bins = n // 2 + 1
freqs = np.arange(bins) * rate / n
weights = np.full(bins, 2.0); weights[0] = 1.0
if n % 2 == 0: weights[-1] = 1.0
bands = [(0, None), (200, None), (600, None), (1000, None)]
ranges = [(int(np.searchsorted(freqs, lo - 1e-9 * rate)), bins if hi is None else int(np.searchsorted(freqs, hi - 1e-9 * rate))) for lo, hi in bands]
w_dev = cp.asarray(weights)
low = ss.butter(5, 200, "lowpass", fs=rate, output="sos")
high = ss.butter(5, 5, "highpass", fs=rate, output="sos")
low_dev, high_dev = cp.asarray(low), cp.asarray(high)

def noise_log(x):
    X = cp.fft.rfft(x, axis=1)
    p = (X.real.astype(cp.float64) ** 2 + X.imag.astype(cp.float64) ** 2) * w_dev
    return cp.stack([p[:, lo:hi].sum(axis=1) for lo, hi in ranges], axis=1) / n

def filters(x):
    return cs.sosfiltfilt(high_dev, cs.sosfiltfilt(low_dev, x, axis=1), axis=1)

def timed(fn, repeats):
    fn(); cp.cuda.Device().synchronize()
    times = []
    for _ in range(repeats):
        start = time.perf_counter(); fn(); cp.cuda.Device().synchronize(); times.append(time.perf_counter() - start)
    return float(np.median(times))

results = []
resident = cp.asarray(chunks[0])
def record(op, where, seconds):
    results.append({"operation": op, "where": where, "seconds": seconds, "gb_per_s": gb_per_chunk / seconds,
                    "rows": rows, "samples": n})
    print(f"  {op + ' [' + where + ']':60s} {seconds * 1e3:9.3f} ms {gb_per_chunk / seconds:9.2f} GB/s", flush=True)

print(f"cupy {cp.__version__}: {rows} x {n} float32 chunks, {len(chunks)} of them", flush=True)
record("noise log: rfft + 4 band energies", "cupy, data resident", timed(lambda: noise_log(resident).get(), 20))
record("noise log incl. upload", "cupy", timed(lambda: noise_log(cp.asarray(chunks[1])).get(), 20))
record("noise log over all chunks incl. upload", "cupy, per chunk",
       timed(lambda: [noise_log(cp.asarray(c)).get() for c in chunks], 3) / len(chunks))
record("thumbnail filters: 2 x sosfiltfilt order 5", "cupy, data resident", timed(lambda: filters(resident), 5))
record("thumbnail filters incl. upload + download", "cupy", timed(lambda: filters(cp.asarray(chunks[1])).get(), 5))
# One CPU core: numpy's FFT and scipy's sosfiltfilt on the same chunk (one run each).
x = chunks[0]
start = time.perf_counter()
X = np.fft.rfft(x, axis=1); p = (X.real.astype(np.float64) ** 2 + X.imag.astype(np.float64) ** 2) * weights
_ = [p[:, lo:hi].sum(axis=1) for lo, hi in ranges]
record("noise log: rfft + 4 band energies", "numpy 1 core", time.perf_counter() - start)
start = time.perf_counter()
_ = ss.sosfiltfilt(high, ss.sosfiltfilt(low, x, axis=1), axis=1)
record("thumbnail filters: 2 x sosfiltfilt order 5", "scipy 1 core", time.perf_counter() - start)
json.dump({"cupy": cp.__version__, "results": results}, open(out_path, "w"), indent=1)
