"""Times each catalogue command (issue 16) in `distswift process` against its numpy/scipy reference on the same chunk.

usage: python3 commands.py DISTSWIFT STORE WORK [--runs N] [--only NAME,NAME] [--chunks N] [--precision float32]
                           [--first-calls]
STORE is a distswift store of one chunk (float32); the reference gets the same values as float64. Each command runs
in a graph of its own (with the commands it needs before it, not timed); distswift's time is the command's line of
`process`'s per-command report (microseconds), numpy/scipy's the call's perf_counter time. Call it under
`taskset -c 0` with OPENBLAS_NUM_THREADS=1 for one core. Prints a Markdown table of two measurements
(steady_timing.py): `cold`, one chunk per process (best of N processes) against the reference's best of N calls
(with --first-calls also against its first call in a fresh Python process, best of N processes:
`reference_cold_seconds`), and `steady`, --chunks chunks (default 4)
through one worker (the best of chunks 2..N) against the reference called as many times in one Python process
(the best of calls 2..N). count_peaks has no steady column (25 s a chunk).
"""
import gc
import json
import subprocess
import sys
import time

import numpy as np
import scipy.ndimage as ndi
import scipy.signal
import scipy.stats
# Imported here, not in the kmeans reference: a fresh process's first call (the cold column) must not time the import.
from sklearn.cluster import KMeans

from process_timing import after, bench_input, distswift_seconds, one, reference_seconds
from steady_timing import distswift_steady_seconds, reference_steady_seconds, steady_store

binary, store, work, runs, only, x32, _, rate = bench_input(sys.argv)
chunks = int(sys.argv[sys.argv.index("--chunks") + 1]) if "--chunks" in sys.argv else 4
# --precision float32: the graphs carry "precision": "float32" and the references run on the float32 chunk itself
# (numpy slicing, scipy.ndimage and scikit-learn keep float32; the Keras model's product is float32, as Keras's).
precision = sys.argv[sys.argv.index("--precision") + 1] if "--precision" in sys.argv else None
x = x32 if precision == "float32" else x32.astype(np.float64)
nx, nt = x.shape
F1 = np.fft.fft(x, axis=1)
F2 = np.fft.fft(F1, axis=0)
mean1 = x.mean(axis=1, keepdims=True)


def velocity():
    f = np.abs(np.fft.fftfreq(nt, 1 / rate))[None, :]
    k = np.abs(np.fft.fftfreq(nx, 1.0))[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        return f / k


V = velocity()


def quadrants(D, up=True):
    """distswift's up_wave (f and k of opposite signs suppressed) or down_wave (the other two quadrants)."""
    D = D.copy()
    m, n = D.shape
    if up:
        D[m // 2:, :n // 2] *= 1e-6 * (1 - 1e-6)
        D[:m // 2, n // 2:] *= 1e-6 * (1 - 1e-6)
    else:
        D[:m // 2, :n // 2] *= 1e-6 * (1 - 1e-6)
        D[m // 2:, n // 2:] *= 1e-6 * (1 - 1e-6)
    return np.fft.ifft2(D)


def destripe(a):
    f = np.fft.fftfreq(a.shape[1])[None, :]
    k = np.fft.fftfreq(a.shape[0])[:, None]
    return np.real(np.fft.ifft2(np.fft.fft2(a) * np.maximum(k ** 2 / (f ** 2 + k ** 2 + 1e-6), 1e-6)))


def analytic(X, freq=200.0, w=64):
    A = np.zeros(X.shape[1], complex)
    A[:w] = np.exp(2j * np.pi * freq * (np.arange(w) - w / 2) / rate) * np.hanning(w)
    return X * np.fft.fft(np.roll(A, -round(w / 2)))[None, :]


def dip_kernel(v=100.0, bw=1.0, h=9, w=9):
    d = np.arange(w)[None, :] - w // 2 + (np.arange(h)[:, None] - h // 2) * 1.0 / (v / rate)
    k = np.exp(-d ** 2 / bw ** 2)
    k = -k / k.sum()
    k[h // 2, w // 2] += 1
    return k
def keras_model(path, units=16, classes=3):
    """A Dense model of the chunk's width (nt → units relu → classes softmax) in Keras 2's HDF5 layout, written with
    h5py as Tests/reference/learning_reference.py writes its test model; returns numpy's evaluation of it."""
    import h5py
    rng = np.random.default_rng(3)
    w1, b1 = (rng.normal(size=(nt, units)) / np.sqrt(nt)).astype(np.float32), rng.normal(size=units).astype(np.float32)
    w2, b2 = rng.normal(size=(units, classes)).astype(np.float32), rng.normal(size=classes).astype(np.float32)
    layers = [{"class_name": "InputLayer", "config": {"name": "input_1", "batch_input_shape": [None, nt]}}] + [
        {"class_name": "Dense", "config": {"name": n, "units": u, "activation": a, "use_bias": True}}
        for n, u, a in [("dense", units, "relu"), ("dense_1", classes, "softmax")]]
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = b"2.13.1"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential",
                                              "config": {"name": "sequential", "layers": layers}}).encode("utf8")
        group = f.create_group("model_weights")
        group.attrs["layer_names"] = [b"dense", b"dense_1"]
        for name, arrays in [("dense", {"kernel": w1, "bias": b1}), ("dense_1", {"kernel": w2, "bias": b2})]:
            layer = group.create_group(name)
            layer.attrs["weight_names"] = [f"{name}/{k}:0".encode() for k in arrays]
            for k, v in arrays.items():
                layer.create_dataset(f"{name}/{k}:0", data=v)
    w1, b1, w2, b2 = (a.astype(x.dtype) for a in (w1, b1, w2, b2))

    def evaluate():
        z = np.maximum(x @ w1 + b1, 0) @ w2 + b2
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    return evaluate


KERAS = work + "/model.h5"
PEAK_ROWS = 20  # find_peaks_cwt takes ~0.15 s a channel: timed on this many channels, scaled to all of them

FFT1 = '{"name": "fft", "uid": 1, "in_uid": 0}'
FFT2 = FFT1 + ', {"name": "fft", "uid": 2, "in_uid": 1, "axis": 0}'
MEAN = '{"name": "mean", "uid": 1, "in_uid": 0}'


# name → (graph entries, uid timed) or None (a reference alone), the numpy/scipy call on the same data
cases = [
    # The engine's conversion of a float32 chunk for commands that read float64 (`real`, which passes real values
    # on: the conversion alone), and the memory floor of any command writing a float64 chunk.
    ("float32→float64", one('"name": "real"'), lambda: x32.astype(np.float64)),
    ("numpy.copy (floor)", None, lambda: x.copy()),
    ("running_mean", one('"name": "running_mean", "window_length": 5'), lambda: ndi.uniform_filter1d(x, 5, axis=1)),
    # The same job from the same input: the float32 chunk in, float64 running means out (scipy widens each line
    # as it reads it, as distswift's float64 graph does; the same values as from the float64 copy).
    ("running_mean ← float32 chunk", one('"name": "running_mean", "window_length": 5'),
     lambda: ndi.uniform_filter1d(x32, 5, axis=1, output=np.float64 if precision != "float32" else np.float32)),
    ("sta_lta", one('"name": "sta_lta", "sta": 50, "lta": 200'),
     lambda: ndi.uniform_filter1d(x * x, 50, axis=1) / np.maximum(ndi.uniform_filter1d(x * x, 200, axis=1), 1e-30)),
    ("median_filter", one('"name": "median_filter", "distance": 3'), lambda: ndi.median_filter(x, 3)),
    ("broaden", one('"name": "broaden", "window_length": 50'), lambda: ndi.maximum_filter1d(x, 50, axis=1, origin=-25)),
    ("peak_to_peak", one('"name": "peak_to_peak", "window_length": 200'),
     lambda: (ndi.maximum_filter1d(x, 200, axis=1) - ndi.minimum_filter1d(x, 200, axis=1)).max(axis=1)),
    ("gaussian", one('"name": "gaussian"'), lambda: ndi.gaussian_filter(x, [1, 1], mode="constant")),
    ("sobel", one('"name": "sobel"'), lambda: ndi.sobel(x, axis=-1, mode="constant")),
    ("convolve", one('"name": "convolve"'),
     lambda: ndi.convolve(x, np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], float), mode="constant")),
    ("correlate", one('"name": "correlate"'),
     lambda: ndi.correlate(x, np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]], float), mode="constant")),
    ("wiener", one('"name": "wiener"'), lambda: scipy.signal.wiener(x, [5, 5])),
    ("dip_filter", one('"name": "dip_filter"'), lambda: ndi.convolve(x, dip_kernel(), mode="nearest")),
    ("gradient", one('"name": "gradient", "axis": 1'), lambda: np.gradient(x, 1 / rate, axis=1)),
    ("kurtosis", one('"name": "kurtosis"'), lambda: scipy.stats.kurtosis(x, axis=1, bias=False)),
    ("skewness", one('"name": "skewness"'), lambda: scipy.stats.skew(x, axis=1, bias=False)),
    ("geometric_mean", after('{"name": "abs", "uid": 1, "in_uid": 0}', 2, '"name": "geometric_mean"'),
     lambda: scipy.stats.gmean(np.abs(x), axis=1)),
    ("harmonic_mean", after('{"name": "abs", "uid": 1, "in_uid": 0}', 2, '"name": "harmonic_mean"'),
     lambda: scipy.stats.hmean(np.abs(x) + 1e-300, axis=1)),
    ("lin_transform", one('"name": "lin_transform", "m": 2, "c": 1'), lambda: 2 * x + 1),
    ("rescale", one('"name": "rescale"'), lambda: (x - x.min()) / (x.max() - x.min())),
    ("soft_threshold", one('"name": "soft_threshold", "threshold": 0.5'), lambda: np.minimum(x, 0.5)),
    ("hard_threshold", one('"name": "hard_threshold", "threshold": 0.5'), lambda: np.where(x > 0.5, 0.0, x)),
    ("bounded_select", one('"name": "bounded_select"'), lambda: ((x > 0) & (x <= 1)).astype(float)),
    ("angle", after(FFT1, 2, '"name": "angle"'), lambda: np.angle(F1)),
    ("conj", after(FFT1, 2, '"name": "conj"'), lambda: np.conj(F1)),
    ("unwrap", one('"name": "unwrap"'), lambda: np.unwrap(x, axis=1)),
    ("add", (MEAN + ', {"name": "add", "uid": 2, "in_uid": 0, "gather_uids": [1]}', 2), lambda: x + mean1),
    ("multiply", ('{"name": "multiply", "uid": 1, "in_uid": 0, "gather_uids": [0]}', 1), lambda: x * x),
    ("deconvolve", (FFT1 + ', {"name": "deconvolve", "uid": 2, "in_uid": 1, "gather_uids": [1]}', 2),
     lambda: F1 * np.conj(F1) / (F1 * np.conj(F1) + 1e-6)),
    ("virtual_cmp", after(FFT1, 2, '"name": "virtual_cmp"'), lambda: F1 * np.conj(np.flip(F1, 0))),
    ("roll", one('"name": "roll", "window_length": 7'), lambda: np.roll(x, 7, axis=1)),
    ("extract", one('"name": "extract", "index": 5'), lambda: x[:, 5:6].copy()),
    ("argmax", one('"name": "argmax"'), lambda: np.argmax(x, axis=0)),
    ("clip", one('"name": "clip", "xmin": 100, "xmax": 500'), lambda: x[100:501, :].copy()),
    ("velocity_map", after(FFT2, 3, '"name": "velocity_map"'), velocity),
    ("velocity_mask", (FFT2 + ', {"name": "velocity_map", "uid": 3, "in_uid": 2}, '
                       '{"name": "velocity_mask", "uid": 4, "in_uid": 3}', 4),
     lambda: ((V > 1400) & (V <= 1600)).astype(float)),
    ("up_wave", after(FFT2, 3, '"name": "up_wave"'), lambda: quadrants(F2)),
    ("down_wave", after(FFT2, 3, '"name": "down_wave"'), lambda: quadrants(F2, up=False)),
    ("destripe", one('"name": "destripe"'), lambda: destripe(x)),
    ("analytic_signal", after(FFT1, 2, '"name": "analytic_signal"'), lambda: analytic(F1)),
    ("kmeans", one('"name": "kmeans", "n_init": 1'),
     lambda: KMeans(10, n_init=1, random_state=0).fit(x).labels_),
    ("count_peaks", one('"name": "count_peaks"'),
     lambda: [scipy.signal.find_peaks_cwt(row, np.arange(50, 200, 5)) for row in x[:PEAK_ROWS]]),
    ("keras", one('"name": "keras", "filename": "%s"' % KERAS), keras_model(KERAS)),
    ("macro", one('"name": "macro"'), None),
]
reference_scale = {"count_peaks": nx / PEAK_ROWS}

if "--first-call" in sys.argv:
    # A fresh process's first call of one reference (see `reference_cold_seconds`): print its time and stop.
    wanted = sys.argv[sys.argv.index("--first-call") + 1]
    call = next(c for n, _, c in cases if n == wanted)
    # Python's cyclic collector, with the objects of every module imported above, otherwise runs a full collection
    # in the middle of this call often enough (tens of ms, perf record): collected first and off while timing, as
    # timeit does.
    gc.collect()
    gc.disable()
    start = time.perf_counter()
    call()
    print(time.perf_counter() - start)
    sys.exit(0)


def reference_cold_seconds(name):
    """The cold counterpart of distswift's one chunk per process: the reference's first call in a fresh Python
    process (after this script's setup: the chunk loaded, the spectra the f–k references read), best of `runs`
    processes. Its output's pages fault in, as a fresh process's do, and a BLAS call pays OpenBLAS's first-call
    buffer allocation — the costs distswift's cold column pays; the garbage collector is kept out of it. (Before
    2026-12-05 the cold column compared with the best of N calls in one warm Python process.)"""
    argv = [sys.executable, __file__] + sys.argv[1:] + ["--first-call", name]
    return min(float(subprocess.run(argv, check=True, capture_output=True, text=True).stdout.split()[-1])
               for _ in range(runs))


no_steady = {"count_peaks"}  # 25 s a chunk: the cold column only


def seconds(value):
    # 0.1 ms: the per-command report has microseconds (process_timing.report_seconds)
    return "—" if value is None else f"{value:.4f}"


def ratio(theirs, ours):
    return f"{theirs / ours:.1f}×" if theirs and ours else "—"


# --first-calls: also the reference's first call in a fresh process (`reference_cold_seconds`), and its ratio.
first_calls = "--first-calls" in sys.argv
first = " numpy/scipy first call (s) | ÷ first call |" if first_calls else ""
print("| command | distswift cold (s) | numpy/scipy (s) | ÷ cold |" + first + " distswift steady (s) "
      "| numpy/scipy steady (s) | ÷ steady |")
print("|---|---:|---:|---:|" + ("---:|---:|" if first_calls else "") + "---:|---:|---:|")
for name, graph, call in cases:
    if only and name.split(" ")[0] not in only:
        continue
    label = f"`{name}`" if name.isidentifier() else name
    scale = reference_scale.get(name, 1)
    theirs = reference_seconds(call, runs) * scale if call else None
    theirs_first = reference_cold_seconds(name) * scale if call and first_calls else None
    theirs_steady = reference_steady_seconds(call, chunks) * scale if call and name not in no_steady else None
    ours = ours_steady = None
    if graph is not None:
        ours, problem = distswift_seconds(binary, store, work, runs, name, graph[0], graph[1], precision=precision)
        if not problem and name not in no_steady:
            many = steady_store(binary, work, nx, nt, rate, chunks)
            ours_steady, problem = distswift_steady_seconds(binary, many, work, name, graph[0], graph[1],
                                                            precision=precision)
        if problem:
            print(f"| {label} | failed: {problem} | | | | | |")
            continue
    first_cells = f" {seconds(theirs_first)} | {ratio(theirs_first, ours)} |" if first_calls else ""
    print(f"| {label} | {seconds(ours)} | {seconds(theirs)} | {ratio(theirs, ours)} |{first_cells} "
          f"{seconds(ours_steady)} | {seconds(theirs_steady)} | {ratio(theirs_steady, ours_steady)} |", flush=True)
