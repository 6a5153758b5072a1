"""DASCore 0.1.24 (and scipy) results for distswift's stft, istft and spectrogram (issue 19), compared with what
distswift wrote.

usage: python3 dascore_timefrequency_reference.py FOLDER [CASE ...]
FOLDER holds input.npy (channels x samples, float64), rate.txt (Hz), positions.npy, optionally source.txt (a record
file DASCore reads; its data must equal input.npy) and per case the Swift output: CASE.npy (real) or CASE.re.npy and
CASE.im.npy (complex), each (channels, frequencies * windows) -- the 3-D array flattened in C order -- and, when
written, CASE.frequency.npy (Hz) and CASE.time.npy (UTC datetime64[ns]) of the output's axes. Prints
"CASE worst_relative_error": max |ours - ref| / max |ref|, over DASCore's values and scipy's where DASCore wraps it;
a frequency axis off by more than 1e-9 Hz relative or a time axis off by any nanosecond gives inf.
"""
import os
import sys

import numpy as np
import scipy.signal as ss

import dascore as dc
from dascore.units import percent

folder = sys.argv[1]
x = np.load(folder + "/input.npy")
if os.path.exists(folder + "/precision.txt") and open(folder + "/precision.txt").read().strip() == "float32":
    # A float32 graph's run: DASCore and scipy get the float32 samples distswift's float32 kernels read (as from a
    # float32 file) and compute in float32, as they do on such data.
    x = x.astype(np.float32)
rate = float(open(folder + "/rate.txt").read())
positions = np.load(folder + "/positions.npy").ravel()
nx, nt = x.shape

if os.path.exists(folder + "/source.txt"):
    patch0 = dc.spool(open(folder + "/source.txt").read().strip())[0].transpose("distance", "time")
    theirs = np.asarray(patch0.data, dtype=np.float64)
    assert theirs.shape == x.shape and np.array_equal(theirs, x), "DASCore reads other samples than distswift"

START = np.datetime64("2024-01-01T00:00:00", "ns")
step_ns = int(round(1e9 / rate))
patch = dc.Patch(
    data=x,
    coords={"distance": positions, "time": START + np.arange(nt) * np.timedelta64(step_ns, "ns")},
    dims=("distance", "time"),
)


def load(case):
    if os.path.exists(f"{folder}/{case}.npy"):
        return np.load(f"{folder}/{case}.npy")
    return np.load(f"{folder}/{case}.re.npy") + 1j * np.load(f"{folder}/{case}.im.npy")


def relative(ours, ref):
    ours, ref = np.asarray(ours), np.asarray(ref)
    if ours.size != ref.size:
        return np.inf
    ref = ref.reshape(ours.shape)
    peak = np.max(np.abs(ref)) if ref.size else 1.0
    return float(np.max(np.abs(ours - ref)) / (peak if peak > 0 else 1)) if ref.size else 0.0


def axes_error(case, out):
    """inf when the written axes differ from DASCore's (dims distance, ft_time, time)."""
    error = 0.0
    assert out.dims == ("distance", "ft_time", "time"), out.dims
    if os.path.exists(f"{folder}/{case}.frequency.npy"):
        ours = np.load(f"{folder}/{case}.frequency.npy").ravel()
        theirs = np.asarray(out.get_coord("ft_time").values, dtype=np.float64)
        if ours.shape != theirs.shape or np.max(np.abs(ours - theirs)) > 1e-9 * max(1.0, np.max(np.abs(theirs))):
            print(f"# {case}: frequencies {ours[:4]} vs DASCore {theirs[:4]}", file=sys.stderr)
            error = np.inf
    if os.path.exists(f"{folder}/{case}.time.npy"):
        ours = np.load(f"{folder}/{case}.time.npy").ravel().astype("datetime64[ns]")
        theirs = np.asarray(out.get_coord("time").values).astype("datetime64[ns]")
        if ours.shape != theirs.shape or np.any(ours != theirs):
            print(f"# {case}: times {ours[:3]} vs DASCore {theirs[:3]}", file=sys.stderr)
            error = np.inf
    return error


def stft_case(window_s=None, overlap=50 * percent, samples=False, taper="hann", detrend=False):
    def run(case, ours):
        kwargs = dict(taper_window=taper, overlap=overlap, samples=samples, detrend=detrend)
        out = patch.stft(time=window_s, **kwargs)
        return max(relative(ours, out.data), axes_error(case, out))
    return run


def istft_case(window_s=None, overlap=50 * percent, samples=False, taper="hann"):
    """stft then istft: DASCore's round trip, and the input itself."""
    def run(case, ours):
        back = patch.stft(time=window_s, taper_window=taper, overlap=overlap, samples=samples).istft()
        return max(relative(ours, back.data), relative(ours, x))
    return run


def spectrogram_case(**kwargs):
    """DASCore's spectrogram and scipy.signal.spectrogram itself."""
    def run(case, ours):
        out = patch.spectrogram("time", **kwargs)
        _, _, direct = ss.spectrogram(x, fs=rate, axis=-1, **kwargs)
        return max(relative(ours, out.data), relative(ours, direct), axes_error(case, out))
    return run


CASES = {
    "stft": stft_case(0.05),
    "stft_samples": stft_case(64, overlap=16, samples=True, taper="boxcar"),
    "stft_tukey": stft_case(0.033, overlap=25 * percent, taper=("tukey", 0.1)),
    "stft_odd": stft_case(33, overlap=11, samples=True, taper="hamming"),
    "stft_no_overlap": stft_case(40, overlap=None, samples=True, taper="boxcar"),
    "stft_detrend": stft_case(0.05, detrend=True),
    "stft_blackman": stft_case(0.1, overlap=0.08, taper="blackman"),
    "istft": istft_case(0.05),
    "istft_odd": istft_case(33, overlap=11, samples=True, taper="hamming"),
    "istft_boxcar": istft_case(40, overlap=None, samples=True, taper="boxcar"),
    "spectrogram": spectrogram_case(),
    "spectrogram_hann": spectrogram_case(window="hann", nperseg=50, noverlap=25, scaling="spectrum"),
    "spectrogram_linear": spectrogram_case(window=("tukey", 0.5), nperseg=64, noverlap=10, nfft=100, detrend="linear"),
    "spectrogram_plain": spectrogram_case(window="blackman", nperseg=31, noverlap=0, detrend=False),
}

# The real record (200 Hz): windows in seconds of that rate.
CASES.update({
    "real_stft": stft_case(1.0),
    "real_istft": istft_case(1.0),
    "real_spectrogram": spectrogram_case(nperseg=128, noverlap=64),
})

for case in sys.argv[2:]:
    print(case, CASES[case](case, load(case)))
