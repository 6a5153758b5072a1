"""Independent numpy/scipy results for distswift's catalogue commands (issue 16), compared with what distswift wrote.

usage: python3 catalogue_reference.py FOLDER [CASE ...]
FOLDER holds input.npy (channels x samples, float64), rate.txt (Hz), positions.npy (channel positions, m) and, per
case, the Swift output CASE.npy (real) or CASE.re.npy + CASE.im.npy (complex). Each case is computed here from its
definition with numpy/scipy; prints "CASE worst_relative_error" (max |ours - ref| over max |ref|; infinities must
sit at the same places).
"""
import os
import sys
import numpy as np
import scipy.ndimage as ndi
import scipy.signal
import scipy.stats

folder = sys.argv[1]
x = np.load(folder + "/input.npy")
rate = float(open(folder + "/rate.txt").read())
positions = np.load(folder + "/positions.npy").ravel()
nx, nt = x.shape
dx = positions[1] - positions[0]
times = np.arange(nt) / rate
F1 = np.fft.fft(x, axis=1)
F2 = np.fft.fft(F1, axis=0)
# The phase convention of `angle`: a zero imaginary part is +0 (negative reals have phase pi). The spectrum is
# numpy's rfft completed by symmetry, so the bins that are real by definition (DC, Nyquist) have an exact zero
# imaginary part, as distswift's real-input transform gives them (the complex fft leaves +-1e-16 there, which
# flips their phase between pi and -pi).
R = np.fft.rfft(x, axis=1)
FH = np.concatenate([R, np.conj(R[:, 1:(nt + 1) // 2][:, ::-1])], axis=1)
PHASE = np.angle(FH.real + 1j * np.where(FH.imag == 0, 0.0, FH.imag))


def forward_mean(a, lo, hi):
    """mean of a[:, t+lo .. t+hi] clipped to the line (0 where empty)."""
    out = np.zeros_like(a)
    for t in range(a.shape[1]):
        s, e = max(0, t + lo), min(a.shape[1] - 1, t + hi)
        if s <= e:
            out[:, t] = a[:, s:e + 1].mean(axis=1)
    return out


def sta_lta(a, sta, lta):
    e = a ** 2
    short = forward_mean(e, 0, sta - 1)
    long = forward_mean(e, -lta, -1)
    ratio = np.where(long > 0, short / np.where(long > 0, long, 1), 0)
    ratio[:, :lta] = 0  # no whole LTA window before the record's first lta samples
    return ratio


def broaden(a, w):
    return np.stack([a[:, t:t + w].max(axis=1) for t in range(a.shape[1])], axis=1)


def quadrants(D, opposite):
    D = D.copy()
    m, n = D.shape
    f = 1e-6 * (1 - 1e-6)
    if opposite:
        D[m // 2:, :n // 2] *= f
        D[:m // 2, n // 2:] *= f
    else:
        D[:m // 2, :n // 2] *= f
        D[m // 2:, n // 2:] *= f
    return np.fft.ifft2(D)


def destripe(a, axis):
    b = a if axis == 0 else a.T
    f = np.fft.fftfreq(b.shape[1])[None, :]
    k = np.fft.fftfreq(b.shape[0])[:, None]
    R = np.maximum(k ** 2 / (f ** 2 + k ** 2 + 1e-6), 1e-6)
    out = np.real(np.fft.ifft2(np.fft.fft2(b) * R))
    return out if axis == 0 else out.T


def analytic(X, freq, w, fs, axis):
    L = X.shape[axis]
    A = np.zeros(L, complex)
    n = (np.arange(w) - w / 2) / fs
    A[:w] = np.exp(2j * np.pi * freq * n) * np.hanning(w)
    E = np.fft.fft(np.roll(A, -round(w / 2)))
    return X * (E[None, :] if axis == 1 else E[:, None])


def velocity():
    f = np.abs(np.fft.fftfreq(nt, 1 / rate))[None, :]
    k = np.abs(np.fft.fftfreq(nx, dx))[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        v = f / k
    v[np.isnan(v)] = 0
    return v


def mask(lo, hi):
    v = velocity()
    return ((v > lo) & (v <= hi)).astype(float)


def dip_kernel(v, bw, h, w):
    a = np.arange(h)[:, None] - h // 2
    b = np.arange(w)[None, :] - w // 2
    d = b + a * dx / (v / rate)
    k = np.exp(-d ** 2 / bw ** 2)
    k = -k / k.sum()
    k[h // 2, w // 2] += 1
    return k


def clip(a, xmin, xmax, tmin, tmax, double_ended=-1):
    p = positions
    if double_ended == 0:
        a, p = a[: nx // 2], p[: nx // 2]
    elif double_ended == 1:
        a, p = a[nx // 2:][::-1], p[nx // 2:][::-1]
    i0 = np.argmin(np.abs(p - xmin)) if xmin is not None else 0
    i1 = np.argmin(np.abs(p - xmax)) if xmax is not None else len(p) - 1
    t0 = np.argmin(np.abs(times - tmin)) if tmin is not None else 0
    t1 = np.argmin(np.abs(times - tmax)) if tmax is not None else nt - 1
    return a[i0:i1 + 1, t0:t1 + 1]


def roll_lines(a, shifts, axis):
    out = a.copy()
    for i, s in enumerate(shifts):
        if axis == 1:
            out[i, :] = np.roll(a[i, :], int(s))
        else:
            out[:, i] = np.roll(a[:, i], int(s))
    return out


def macro(a, steps):
    """distpy's macro_factory operations, one after the other (numpy semantics: reductions drop an axis)."""
    for step in steps:
        s = {"name": step} if isinstance(step, str) else step
        name, axis = s["name"], s.get("axis", 0)
        distance, sigma, threshold = s.get("distance", 5), s.get("sigma", 2), s.get("threshold", 0)
        if name == "abs":
            a = np.abs(a)
        elif name == "normalize":
            l2 = np.atleast_1d(np.linalg.norm(a, 2, axis))
            l2[l2 == 0] = 1
            a = a / np.expand_dims(l2, axis)
        elif name == "gaussian_filter":
            a = ndi.gaussian_filter(a, sigma)
        elif name == "gradient":
            a = np.gradient(a.astype(float), distance, axis=axis)
        elif name == "threshold":
            a = (a > threshold).astype(float)
        elif name == "median_filter":
            a = ndi.median_filter(a, distance)
        elif name == "percentage_on":
            a = 100 * np.sum(a, axis) / a.shape[axis]
        elif name == "sum":
            a = np.sum(a, axis)
    return a


mean1 = x.mean(axis=1, keepdims=True)
mean0 = x.mean(axis=0, keepdims=True)
G = np.fft.fft(2 * x + 1, axis=1)
cases = {
    "angle": lambda: PHASE,
    "conj": lambda: np.conj(F1),
    "unwrap1": lambda: np.unwrap(PHASE, axis=1),
    "unwrap0": lambda: np.unwrap(PHASE, axis=0),
    "lin_transform": lambda: 2.5 * x - 1,
    "lin_transform_complex": lambda: 2.5 * F1 - 1,
    "rescale": lambda: (x - x.min()) / (x.max() - x.min()),
    "rescale_gather": lambda: (x - (3 * x).min()) / ((3 * x).max() - (3 * x).min()),
    "soft_above": lambda: np.minimum(x, 0.5),
    "soft_below": lambda: np.maximum(x, -0.2),
    "hard_above": lambda: np.where(x > 0.5, -9.0, x),
    "hard_below": lambda: np.where(x < -0.2, 7.0, x),
    "threshold_no_mutation": lambda: x.mean(axis=1, keepdims=True),
    "bounded_select": lambda: ((x > -0.2) & (x <= 0.4)).astype(float),
    "add": lambda: x + mean1,
    "add_same": lambda: x + 2 * x,
    "multiply_square": lambda: x * x,
    "multiply_rows": lambda: x * mean1,
    "multiply_columns": lambda: x * mean0,
    "multiply_complex": lambda: F1 * G,
    "deconvolve": lambda: F1 * np.conj(G) / (G * np.conj(G) + 1e-6),
    "virtual_cmp0": lambda: F1 * np.conj(np.flip(F1, 0)),
    "virtual_cmp1": lambda: F1 * np.conj(np.flip(F1, 1)),
    "roll1": lambda: np.roll(x, 7, axis=1),
    "roll0": lambda: np.roll(x, -3, axis=0),
    "roll_gather": lambda: roll_lines(x, np.argmax(x, axis=1), 1),
    "velocity_map": velocity,
    "velocity_mask": lambda: mask(500, 2000),
    "velocity_mask_smooth": lambda: np.abs(scipy.signal.sosfiltfilt(scipy.signal.butter(5, 1 / 4, output="sos"),
                                                                     mask(500, 2000), axis=1, padtype="even")),
    "fk_filter": lambda: np.real(np.fft.ifft(np.fft.ifft(F2 * mask(500, 2000), axis=0), axis=1)),
    "up_wave": lambda: quadrants(np.fft.fft2(x), True),
    "down_wave": lambda: quadrants(np.fft.fft2(x), False),
    "destripe0": lambda: destripe(x, 0),
    "destripe1": lambda: destripe(x, 1),
    "analytic1": lambda: analytic(F1, 90, 64, rate, 1),
    "analytic0": lambda: analytic(F2, 0.1, 8, 1 / dx, 0),
    "gaussian": lambda: ndi.gaussian_filter(x, [1, 1], order=[0, 0], mode="constant"),
    "gaussian_orders": lambda: ndi.gaussian_filter(x, [0.8, 2], order=[1, 2], mode="reflect"),
    "sobel1": lambda: ndi.sobel(x, axis=-1, mode="constant"),
    "sobel0": lambda: ndi.sobel(x, axis=0, mode="nearest"),
    "convolve": lambda: ndi.convolve(x, np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], float), mode="constant"),
    "convolve_even": lambda: ndi.convolve(x, np.array([[1, 2], [3, 4.5]]), mode="reflect"),
    "correlate": lambda: ndi.correlate(x, np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]], float),
                                       mode="constant"),
    "correlate_row": lambda: ndi.correlate(x, np.array([[1, 2, 3, 4.0]]), mode="mirror"),
    "median3": lambda: ndi.median_filter(x, size=3),
    "median4": lambda: ndi.median_filter(x, size=4),
    "wiener": lambda: scipy.signal.wiener(x, [5, 5]),
    "wiener_noise": lambda: scipy.signal.wiener(x, [3, 7], 0.1),
    "dip_filter": lambda: ndi.convolve(x, dip_kernel(1500.0, 1.5, 5, 7), mode="nearest"),
    "running_mean": lambda: forward_mean(x, 0, 4),
    "running_mean0": lambda: forward_mean(x.T, 0, 2).T,
    "sta_lta": lambda: sta_lta(x, 10, 40),
    "broaden": lambda: broaden(x, 7),
    "peak_to_peak": lambda: (ndi.maximum_filter1d(x, 20, axis=1, mode="nearest")
                             - ndi.minimum_filter1d(x, 20, axis=1, mode="nearest")).max(axis=1, keepdims=True),
    "gradient0": lambda: np.gradient(x, positions, axis=0, edge_order=1),
    "gradient1": lambda: np.gradient(x, times, axis=1, edge_order=2),
    "clip": lambda: clip(x, 5.1, 14.9, 0.05, 0.2),
    "clip_double_ended": lambda: clip(x, None, None, None, 0.1, 1),
    "extract1": lambda: x[:, 5:6],
    "extract0": lambda: x[-2:-1, :],
    "argmax0": lambda: np.argmax(x, axis=0)[None, :].astype(float),
    "argmax1": lambda: np.argmax(x, axis=1)[:, None].astype(float),
    "kurtosis1": lambda: scipy.stats.kurtosis(x, axis=1, bias=False, nan_policy="omit")[:, None],
    "kurtosis0": lambda: scipy.stats.kurtosis(x, axis=0, bias=False, nan_policy="omit")[None, :],
    "skewness1": lambda: scipy.stats.skew(x, axis=1, bias=False, nan_policy="omit")[:, None],
    "geometric_mean": lambda: scipy.stats.gmean(np.abs(x), axis=1)[:, None],
    "harmonic_mean": lambda: scipy.stats.hmean(np.abs(x), axis=1)[:, None],
    # A float32 graph's geometric_mean (its chunk: the float32 samples of x): numpy's own float32 gmean (float32
    # logarithms and mean), and the float64 gmean of the same float32 values, which distswift's rounds to float32.
    "geometric_mean_f32": lambda: scipy.stats.gmean(np.abs(x.astype(np.float32)), axis=1)[:, None],
    "geometric_mean_f32_exact": lambda: scipy.stats.gmean(np.abs(x.astype(np.float32)).astype(np.float64), axis=1)[:, None],
    "geometric_mean0_f32": lambda: scipy.stats.gmean(np.abs(x.astype(np.float32)), axis=0)[None, :],
    "geometric_mean0_f32_exact": lambda: scipy.stats.gmean(np.abs(x.astype(np.float32)).astype(np.float64), axis=0)[None, :],
    "copy": lambda: x,
    "data": lambda: x,
    "none": lambda: x,
    "data_load": lambda: 2 * x,
    "count_peaks": lambda: np.array([[len(scipy.signal.find_peaks_cwt(row, np.arange(5, 40, 5)))] for row in x], float),
    "count_peaks_default": lambda: np.array([[len(scipy.signal.find_peaks_cwt(row, np.arange(50, 200, 5)))] for row in x], float),
    "macro_default": lambda: macro(x, ["abs", "normalize", "gaussian_filter", "gradient", "threshold", "median_filter",
                                      "percentage_on", "sum"]).reshape(1, 1),
    "macro_channels": lambda: macro(x, ["abs", {"name": "gaussian_filter", "sigma": 1.5},
                                       {"name": "gradient", "axis": 1, "distance": 2}, {"name": "normalize", "axis": 0},
                                       {"name": "median_filter", "distance": 3}, {"name": "sum", "axis": 1}])[:, None],
    "macro_time": lambda: macro(x, [{"name": "threshold", "threshold": 0.2},
                                   {"name": "percentage_on", "axis": 0}])[None, :],
}



def worst_error(name):
    """The case's worst error over the reference's largest value, or why it cannot be compared."""
    ref = np.asarray(cases[name]())
    stem = f"{folder}/{name}"
    ours = np.load(stem + ".npy") if os.path.exists(stem + ".npy") else np.load(stem + ".re.npy") + 1j * np.load(stem + ".im.npy")
    if ours.shape != ref.shape:
        return f"shape {ours.shape} != {ref.shape}"
    same_inf = np.isinf(ref) & np.isinf(ours) & (np.sign(ref) == np.sign(ours))
    if np.any(np.isinf(ref) != same_inf) or np.any(np.isinf(ours) & ~same_inf):
        return "infinities differ"
    r, o = np.where(same_inf, 0, ref), np.where(same_inf, 0, ours)
    return repr(float(np.max(np.abs(o - r)) / max(np.max(np.abs(r)), 1e-300)))


for case in sys.argv[2:] or list(cases):
    print(case, worst_error(case))
