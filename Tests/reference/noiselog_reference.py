"""Independent numpy results for a noise log that `distswift process` wrote from a chunk store.

usage: python3 noiselog_reference.py STORE RESULTS LOW[,LOW...]
STORE holds the chunks (START.npy, float32 or float64, channels x samples) and store.json (sampling_rate_hz or
samplingRateHz); RESULTS/rms/CHUNK.npy holds distswift's rms_from_fft over the whole spectrum and
RESULTS/bands/CHUNK.npy its multiple_calcs te_from_fft of the bands LOW..Nyquist. Each is computed here from its
definition on the chunk's samples widened to float64: the band-passed series y (only the rfft bins with
low <= f, up to and including Nyquist) and its energy sum_t y(t)^2; rms = sqrt(sum_t x(t)^2 / n).
Prints "CHUNK worst_relative_error" per chunk (each value against its own reference), then "chunks N".
"""
import glob
import json
import os
import sys

import numpy as np

store, results, lows = sys.argv[1], sys.argv[2], [float(v) for v in sys.argv[3].split(",")]
meta = json.load(open(os.path.join(store, "store.json")))


def find_rate(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("sampling_rate_hz", "samplingRateHz") and isinstance(item, (int, float)):
                return float(item)
            found = find_rate(item)
            if found:
                return found
    return None


rate = find_rate(meta)
# Every .npy file but the store's axes (measured_depth.npy, time.npy) is a chunk, named by its start time.
chunks = sorted(p for p in glob.glob(os.path.join(store, "*.npy"))
                if os.path.basename(p) not in ("measured_depth.npy", "time.npy"))
for path in chunks:
    name = os.path.basename(path)
    x = np.load(path).astype(np.float64)
    n = x.shape[1]
    X = np.fft.rfft(x, axis=1)
    f = np.fft.rfftfreq(n, 1 / rate)
    rms = np.sqrt((x ** 2).sum(axis=1) / n)
    energies = np.stack([(np.fft.irfft(X * (f >= low), n=n, axis=1) ** 2).sum(axis=1) for low in lows], axis=1)
    got_rms = np.load(os.path.join(results, "rms", name))
    got_bands = np.load(os.path.join(results, "bands", name))
    assert got_rms.shape == (x.shape[0], 1) and got_bands.shape == energies.shape, (got_rms.shape, got_bands.shape)
    worst = max(np.max(np.abs(got_rms[:, 0] - rms) / np.abs(rms)), np.max(np.abs(got_bands - energies) / np.abs(energies)))
    print(name[:-4], worst)
print("chunks", len(chunks))
