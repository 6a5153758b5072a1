"""Times each DASCore-style command (issue 19, part A) in `distswift process` against DASCore 0.1.24's own Patch
method on the same chunk.

usage: python3 toolkit.py DISTSWIFT STORE WORK [--runs N] [--only NAME,NAME] [--steady [--baseline BIN] [--chunks N]]
STORE is a distswift store of one float32 chunk; DASCore gets a Patch of the same float32 values (distance x time,
the store's rate and positions) — what it would read from the file. distswift's time is the command's line of
`process`'s per-command report (any conversion of its input included, as the engine times it), DASCore's the method
call's perf_counter time; both the best of N runs. Each graph runs twice: as written (float64, distpy's precision) and
with "precision": "float32" (commands with a float32 kernel compute on the float32 chunk, as DASCore does; the others
get it widened). Call it under `taskset -c 0` with OPENBLAS_NUM_THREADS=1 for one core. Prints a Markdown table; the
ratio columns are how many times faster distswift is, in each precision.
"""
import sys

import numpy as np

import process_timing
from process_timing import bench_input, dascore_patch, one

binary, store, work, runs, only, x, positions, rate = bench_input(sys.argv)
nx, nt = x.shape
patch = dascore_patch(x, positions, rate, data_units="1/s")
velocity = patch.update_attrs(data_type="velocity", data_units="m/s")


# name → (graph entries, uid timed), DASCore's call on the same patch
cases = [
    ("detrend", one('"name": "detrend", "dim": "time", "type": "linear"'), lambda: patch.detrend("time")),
    ("demean", one('"name": "demean"'), lambda: patch.demean("time")),
    ("demedian", one('"name": "demedian"'), lambda: patch.demedian("time")),
    ("taper", one('"name": "taper", "time": 0.05'), lambda: patch.taper(time=0.05)),
    ("normalize", one('"name": "normalize", "dim": "time"'), lambda: patch.normalize("time")),
    ("standardize", one('"name": "standardize", "dim": "time"'), lambda: patch.standardize("time")),
    ("decimate", one('"name": "decimate", "time": 4'), lambda: patch.decimate(time=4)),
    ("decimate_fir", one('"name": "decimate", "time": 4, "filter_type": "fir"'),
     lambda: patch.decimate(time=4, filter_type="fir")),
    ("pass_filter", one('"name": "pass_filter", "time": [1, 100], "corners": 4'),
     lambda: patch.pass_filter(time=(1, 100), corners=4)),
    ("line_mute", one('"name": "line_mute", "time": [0.2, 0.4], "smooth": 0.01'),
     lambda: patch.line_mute(time=(0.2, 0.4), smooth=0.01)),
    ("slope_mute", one('"name": "slope_mute", "slopes": [2000, 8000], "smooth": 0.01'),
     lambda: patch.slope_mute(slopes=(2000, 8000), smooth=0.01)),
    ("slope_filter", one('"name": "slope_filter", "filt": [1000, 1500, 5000, 6000]'),
     lambda: patch.slope_filter(filt=[1000, 1500, 5000, 6000])),
    ("pad", one('"name": "pad", "time": "fft"'), lambda: patch.pad(time="fft")),
    ("select", one('"name": "select", "distance": [100, 500]'), lambda: patch.select(distance=(100, 500))),
    ("resample", one('"name": "resample", "time": 0.0004'), lambda: patch.resample(time=0.0004)),
    ("interpolate", one('"name": "interpolate", "distance": 0.5'),
     lambda: patch.interpolate(distance=np.arange(positions[0], positions[-1] + 1e-9, 0.5))),
    ("notch_filter", one('"name": "notch_filter", "time": 50, "q": 30'), lambda: patch.notch_filter(time=50, q=30)),
    ("savgol_filter", one('"name": "savgol_filter", "time": 11, "samples": true, "polyorder": 3'),
     lambda: patch.savgol_filter(time=11, samples=True, polyorder=3)),
    ("hampel_filter", one('"name": "hampel_filter", "time": 5, "distance": 5, "samples": true'),
     lambda: patch.hampel_filter(time=5, distance=5, samples=True)),
    ("wiener_filter", one('"name": "wiener_filter", "time": 5, "distance": 3, "samples": true'),
     lambda: patch.wiener_filter(time=5, distance=3, samples=True)),
    ("dascore_median_filter", one('"name": "dascore_median_filter", "time": 5, "distance": 3, "samples": true'),
     lambda: patch.median_filter(time=5, distance=3, samples=True)),
    ("gaussian_filter", one('"name": "gaussian_filter", "time": 3, "distance": 2, "samples": true'),
     lambda: patch.gaussian_filter(time=3, distance=2, samples=True)),
    ("whiten", one('"name": "whiten", "smooth_size": 20, "time": [10, 20, 1000, 2000]'),
     lambda: patch.whiten(smooth_size=20, time=(10, 20, 1000, 2000))),
    ("integrate", one('"name": "integrate", "dim": "time"'), lambda: patch.integrate("time")),
    ("differentiate", one('"name": "differentiate", "dim": "time"'), lambda: patch.differentiate("time")),
    # The synthetic store holds strain rate: the graph first declares the values a velocity (untimed uid 1).
    ("velocity_to_strain_rate", ('{"name": "convert_units", "uid": 1, "in_uid": 0, "from": "m/s", "units": "m/s"}, '
                                 '{"name": "velocity_to_strain_rate", "uid": 2, "in_uid": 1, "step_multiple": 2}', 2),
     lambda: velocity.velocity_to_strain_rate(step_multiple=2)),
    ("convert_units", one('"name": "convert_units", "units": "nm/m/s", "from": "1/s"'),
     lambda: patch.convert_units("nm/m/s")),
]

if "--steady" in sys.argv:  # cold and steady, both precisions, optionally against --baseline BIN (cold_steady.py)
    from cold_steady import print_cold_steady
    print_cold_steady(cases, binary, store, work, runs, only, x, rate, reference="DASCore 0.1.24")
else:
    process_timing.print_table(cases, binary, store, work, runs, only, reference="DASCore 0.1.24", float32=True)
