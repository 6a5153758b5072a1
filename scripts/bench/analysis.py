"""Times each DASCore toolkit command (issue 19, part B) in `distswift process` against DASCore 0.1.24's Patch method
on the same chunk.

usage: python3 analysis.py DISTSWIFT STORE WORK [--runs N] [--only NAME,NAME] [--steady [--baseline BIN] [--chunks N]]
STORE is a distswift store of one chunk (float32); DASCore gets a Patch of the same float32 samples with the same
time and distance coordinates. Each command runs in a graph of its own (with the commands it needs before it, not
timed); distswift's time is the command's line of `process`'s per-command report, DASCore's the method call's
perf_counter time; both the best of N runs. Call it under `taskset -c 0` with OPENBLAS_NUM_THREADS=1 for one core.
Each graph runs twice: as written (float64) and with "precision": "float32" (the FFT commands' float32
kernels, as DASCore computes on float32 data). Prints a Markdown table.
"""
import sys

import numpy as np

from process_timing import after, bench_input, dascore_patch, one, print_table

binary, store, work, runs, only, x, positions, rate = bench_input(sys.argv)
nx, nt = x.shape
patch = dascore_patch(x, positions, rate)

absolute = patch.abs()
spectrum = patch.dft("time", real=True)


def rolled(method, window, step=None):
    return lambda: getattr(patch.rolling(time=window, step=step, samples=True, center=True), method)()


# name → (graph entries, uid timed), the DASCore call on the same data
cases = [
    ("rolling_mean", one('"name": "rolling_mean", "time": 100, "samples": true'), rolled("mean", 100)),
    ("rolling_std", one('"name": "rolling_std", "time": 100, "samples": true'), rolled("std", 100)),
    ("rolling_median", one('"name": "rolling_median", "time": 100, "samples": true'), rolled("median", 100)),
    ("rolling_max", one('"name": "rolling_max", "time": 100, "samples": true'), rolled("max", 100)),
    ("rolling_min", one('"name": "rolling_min", "time": 100, "samples": true'), rolled("min", 100)),
    ("rolling_mean (step 50)", one('"name": "rolling_mean", "time": 100, "step": 50, "samples": true'),
     rolled("mean", 100, 50)),
    ("rolling_median (step 50)", one('"name": "rolling_median", "time": 100, "step": 50, "samples": true'),
     rolled("median", 100, 50)),
    ("stalta", after('{"name": "abs", "uid": 1, "in_uid": 0}', 2, '"name": "stalta", "time": [50, 500], "samples": true'),
     lambda: absolute.stalta(time=(50, 500), samples=True)),
    ("hilbert", one('"name": "hilbert", "dim": "time"'), lambda: patch.hilbert(dim="time")),
    ("envelope", one('"name": "envelope", "dim": "time"'), lambda: patch.envelope(dim="time")),
    ("rfft", one('"name": "rfft", "dim": "time"'), lambda: patch.rfft(dim="time")),
    ("dft", one('"name": "dft", "dim": "time", "real": true'), lambda: patch.dft("time", real=True)),
    ("spectral_centroid", after('{"name": "dft", "uid": 1, "in_uid": 0, "real": true}', 2, '"name": "spectral_centroid"'),
     lambda: spectrum.spectral_centroid()),
    ("spectral_flatness", after('{"name": "dft", "uid": 1, "in_uid": 0, "real": true}', 2, '"name": "spectral_flatness"'),
     lambda: spectrum.spectral_flatness()),
    ("spectral_entropy", after('{"name": "dft", "uid": 1, "in_uid": 0, "real": true}', 2, '"name": "spectral_entropy"'),
     lambda: spectrum.spectral_entropy()),
    ("spectral_peak_frequency", after('{"name": "dft", "uid": 1, "in_uid": 0, "real": true}', 2,
                                      '"name": "spectral_peak_frequency"'), lambda: spectrum.spectral_peak_frequency()),
    ("median_frequency", after('{"name": "dft", "uid": 1, "in_uid": 0, "real": true}', 2, '"name": "median_frequency"'),
     lambda: spectrum.median_frequency()),
    ("cross_correlate", one('"name": "cross_correlate", "distance": 500, "samples": true'),
     lambda: patch.correlate(distance=500, samples=True)),
    ("correlate_shift", one('"name": "correlate_shift", "dim": "time"'), lambda: patch.correlate_shift(dim="time")),
    ("phase_weighted_stack", one('"name": "phase_weighted_stack"'),
     lambda: patch.phase_weighted_stack(stack_dim="distance")),
    ("tau_p", one('"name": "tau_p", "velocities": [1000, 1500, 2000, 3000, 5000]'),
     lambda: patch.tau_p(np.array([1000.0, 1500, 2000, 3000, 5000]))),
    ("dispersion_phase_shift", one('"name": "dispersion_phase_shift", "phase_velocities": [500, 1000, 1500, 2000, 3000], '
                                   '"approx_freq": [10, 500]'),
     lambda: patch.dispersion_phase_shift([500, 1000, 1500, 2000, 3000], approx_freq=(10, 500))),
    # agc is in no peer: DASCore's nearest is the same arithmetic from its rolling mean of x².
    ("agc", one('"name": "agc", "time": 101, "samples": true'),
     lambda: patch / (patch ** 2).rolling(time=101, samples=True, center=True).mean() ** 0.5),
]


if "--steady" in sys.argv:  # cold and steady, both precisions, optionally against --baseline BIN (cold_steady.py)
    from cold_steady import print_cold_steady
    print_cold_steady(cases, binary, store, work, runs, only, x, rate)
else:
    print_table(cases, binary, store, work, runs, only, reference="DASCore", float32=True)
