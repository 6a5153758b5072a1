"""Independent numpy/scipy results for distswift's commands, compared with what distswift wrote.

usage: python3 command_reference.py FOLDER [CASE ...]
Only the named cases are checked when some are named. FOLDER holds input.npy (channels × samples, float64), rate.txt (Hz) and, per case, the Swift output CASE.npy (real)
or CASE.re.npy + CASE.im.npy (complex). Each case below computes the same thing from its definition with numpy and
scipy; prints one line per case "CASE worst_relative_error" (error relative to max |reference|).
"""
import sys
import numpy as np
import scipy.signal

folder = sys.argv[1]
x = np.load(folder + "/input.npy")
rate = float(open(folder + "/rate.txt").read())
nx, nt = x.shape


def band_passed(low, high):
    """The time series with only the bins low <= f < high (high None: up to and including Nyquist)."""
    X = np.fft.rfft(x, axis=1)
    f = np.fft.rfftfreq(nt, 1 / rate)
    keep = (f >= low) & ((f < high) if high is not None else np.ones_like(f, bool))
    return np.fft.irfft(X * keep, n=nt, axis=1)


def distpy_diff(a, n, axis):
    d = np.diff(a, n, axis=axis, append=0)
    if axis == 1:
        d[:, -1] = d[:, -2]
    else:
        d[-1, :] = d[-2, :]
    return d


w = np.exp(-((np.arange(nt) - 0.5 * nt) ** 2) / (2 * 3000000))
w = w / w.sum()

cases = {
    "fft1": np.fft.fft(x, axis=1),
    "fft0": np.fft.fft(x, axis=0),
    "ifft_roundtrip": np.fft.ifft(np.fft.fft(x, axis=1), axis=1).real,
    "ifft0": np.fft.ifft(np.fft.fft(np.fft.fft(x, axis=1), axis=0), axis=0),
    "rms_full": np.sqrt(np.mean(x ** 2, axis=1, keepdims=True)),
    "rms_band": np.sqrt(np.mean(band_passed(50, 150) ** 2, axis=1, keepdims=True)),
    "te_band": np.sum(band_passed(50, 150) ** 2, axis=1, keepdims=True),
    "te_bands": np.stack([np.sum(band_passed(lo, hi) ** 2, axis=1) for lo, hi in [(0, 50), (50, 120), (120, None)]], 1),
    "rms_bands": np.stack([np.sqrt(np.mean(band_passed(lo, hi) ** 2, axis=1)) for lo, hi in [(0, 50), (120, None)]], 1),
    "abs_fft": np.abs(np.fft.fft(x, axis=1)),
    "real_fft": np.real(np.fft.fft(x, axis=1)),
    "mean1": np.mean(x, axis=1, keepdims=True),
    "mean0": np.mean(x, axis=0, keepdims=True),
    "sum1": np.sum(x, axis=1, keepdims=True),
    "sum0": np.sum(x, axis=0, keepdims=True),
    "std1": np.std(x, axis=1, keepdims=True),
    "std0": np.std(x, axis=0, keepdims=True),
    "diff1": distpy_diff(x, 1, 1),
    "diff0": distpy_diff(x, 1, 0),
    "diff2": distpy_diff(x, 2, 1),
    "approx_vlf": scipy.signal.medfilt(np.average(x, weights=w, axis=1), 3).reshape(-1, 1),
    "downsample": x[::3, ::2],
    "gather": np.hstack([np.mean(x, axis=1, keepdims=True), np.std(x, axis=1, keepdims=True)]),
    "te_bands_blocks": np.stack([np.sum(band_passed(lo, hi) ** 2, axis=1) for lo, hi in [(0, 50), (50, 120), (120, None)]], 1),
}

wanted = set(sys.argv[2:]) or set(cases)
for name, ref in cases.items():
    if name not in wanted:
        continue
    try:
        ours = np.load(f"{folder}/{name}.npy")
    except FileNotFoundError:
        ours = np.load(f"{folder}/{name}.re.npy") + 1j * np.load(f"{folder}/{name}.im.npy")
    if ours.shape != ref.shape:
        print(name, "shape", ours.shape, "!=", ref.shape)
        continue
    print(name, repr(float(np.max(np.abs(ours - ref)) / max(np.max(np.abs(ref)), 1e-300))))
