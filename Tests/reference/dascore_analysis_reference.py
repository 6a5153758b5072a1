"""DASCore 0.1.24 (and numpy/scipy) results for distswift's spectral, event, array and rolling commands (issue 19,
part B), compared with what distswift wrote.

usage: python3 dascore_analysis_reference.py FOLDER [CASE ...]
FOLDER holds input.npy (channels x samples, float64), rate.txt (Hz), positions.npy (channel positions, m), optionally
source.txt (a record file DASCore reads: its data must equal input.npy, so the real file goes through both) and, per
case, the Swift output CASE.npy. Each case is computed here with DASCore's Patch method on the same samples (and
with numpy from the command's definition where DASCore is known to differ). Prints "CASE worst_relative_error":
max |ours - ref| over max |ref| where both are finite; NaNs must sit at the same places (else error inf).
"""
import os
import sys

import numpy as np

import dascore as dc

folder = sys.argv[1]
x = np.load(folder + "/input.npy")
rate = float(open(folder + "/rate.txt").read())
positions = np.load(folder + "/positions.npy").ravel()
nx, nt = x.shape

if os.path.exists(folder + "/source.txt"):
    # The real record as DASCore reads it must be the samples distswift's reader gave the command.
    patch0 = dc.spool(open(folder + "/source.txt").read().strip())[0].transpose("distance", "time")
    theirs = np.asarray(patch0.data, dtype=np.float64)
    assert theirs.shape == x.shape, (theirs.shape, x.shape)
    assert np.array_equal(theirs, x), "DASCore reads other samples than distswift"

if os.path.exists(folder + "/precision.txt") and open(folder + "/precision.txt").read().strip() == "float32":
    # A float32 graph's run: DASCore gets the float32 samples distswift's float32 kernels read (as from a float32
    # file) and computes in float32 where numpy/scipy do (their FFTs keep float32 input in single precision).
    x = x.astype(np.float32)

START = np.datetime64("2024-01-01T00:00:00", "ns")
step_ns = int(round(1e9 / rate))
patch = dc.Patch(
    data=x,
    coords={"distance": positions, "time": START + np.arange(nt) * np.timedelta64(step_ns, "ns")},
    dims=("distance", "time"),
)


def compare(ours, ref):
    ours, ref = np.asarray(ours, dtype=np.float64), np.asarray(ref, dtype=np.float64)
    if ours.shape != ref.shape:
        return np.inf
    if not np.array_equal(np.isnan(ours), np.isnan(ref)):
        return np.inf
    finite = ~np.isnan(ref)
    if not finite.any():
        return 0.0
    peak = np.max(np.abs(ref[finite]))
    return float(np.max(np.abs(ours[finite] - ref[finite])) / (peak if peak > 0 else 1))


# --- rolling statistics ---------------------------------------------------------------------------------------
def rolling_definition(a, w, step, stat):
    """The command's definition: the window [t - w//2, t + w - 1 - w//2] at t = 0, step, ...; NaN unless whole."""
    before, after = w // 2, w - 1 - w // 2
    ts = np.arange(0, a.shape[1], step)
    out = np.full((a.shape[0], ts.size), np.nan)
    for i, t in enumerate(ts):
        if t - before >= 0 and t + after < a.shape[1]:
            out[:, i] = stat(a[:, t - before:t + after + 1], axis=1)
    return out


def rolling_case(method, w, step, stat):
    """DASCore: rolling(time=w, samples=True, center=True) with step 1, kept at every step-th sample, and the
    numpy definition; the worse of the two errors."""
    def run(ours):
        theirs = getattr(patch.rolling(time=w, samples=True, center=True, engine="numpy"), method)().data[:, ::step]
        return max(compare(ours, theirs), compare(ours, rolling_definition(x, w, step, stat)))
    return run


def dascore_step_labels(method, w, step):
    """DASCore's own step > 1 result: its center=True labels are off-centre, so it differs from ours (and from
    its own step-1 result at those samples); the Swift test expects a large difference here."""
    def run(ours):
        theirs = getattr(patch.rolling(time=w, step=step, samples=True, center=True, engine="numpy"), method)().data
        n = min(theirs.shape[1], ours.shape[1])
        both = ~np.isnan(theirs[:, :n]) & ~np.isnan(ours[:, :n])
        return float(np.max(np.abs(theirs[:, :n][both] - ours[:, :n][both])) / np.max(np.abs(ours[:, :n][both])))
    return run


def rolling_seconds(ours):
    """time given in seconds: 0.0255 s at the rate, rounded up to whole samples as DASCore does."""
    theirs = patch.rolling(time=0.0255, center=True, engine="numpy").mean().data
    return compare(ours, theirs)


def agc_definition(a, w, kind):
    before, after = w // 2, w - 1 - w // 2
    e = a ** 2 if kind == "rms" else np.abs(a)
    out = np.zeros_like(a)
    for t in range(a.shape[1]):
        s, f = max(0, t - before), min(a.shape[1] - 1, t + after)
        g = e[:, s:f + 1].mean(axis=1)
        g = np.sqrt(g) if kind == "rms" else g
        out[:, t] = np.where(g > 0, a[:, t] / np.where(g > 0, g, 1), 0)
    return out


# --- events -----------------------------------------------------------------------------------------------------
def stalta_case(sta, lta, samples):
    """DASCore's patch.stalta on the absolute values (the graph puts abs before stalta)."""
    def run(ours):
        theirs = patch.abs().stalta(time=(sta, lta), samples=samples).data
        return compare(ours, theirs)
    return run


def trigger_definition(r, on, off, memory):
    """The trigger state from its definition, window by window: on at t when, within [t - memory, t], the latest
    sample above `on` is later than the latest below `off`; +1 where it turns on, -1 where it turns off."""
    out = np.zeros_like(r)
    for c in range(r.shape[0]):
        was = False
        for t in range(r.shape[1]):
            w = r[c, max(0, t - memory):t + 1]
            above = np.flatnonzero(w > on)
            below = np.flatnonzero(w < off)
            now = above.size > 0 and (below.size == 0 or above[-1] > below[-1])
            if now != was:
                out[c, t] = 1 if now else -1
            was = now
    return out


def trigger_case(ours):
    r = patch.abs().stalta(time=(10, 50), samples=True).data
    ref = trigger_definition(r, 1.3, 1.0, 30)
    assert np.count_nonzero(ref) > 10, "the case should have triggers"
    return compare(ours, ref)


# --- spectral ---------------------------------------------------------------------------------------------------
def dascore_value(method, **kwargs):
    def run(ours):
        return compare_complex(ours, np.asarray(getattr(patch, method)(**kwargs).data))
    return run


def compare_complex(ours, ref):
    """Complex arrays by their largest |difference| over the largest |ref|."""
    ours, ref = np.asarray(ours), np.asarray(ref)
    if ours.shape != ref.shape:
        return np.inf
    return float(np.max(np.abs(ours - ref)) / np.max(np.abs(ref)))


def descriptor(method, real=True, **kwargs):
    """DASCore's descriptor of patch.dft(time, real=...) (one value per channel)."""
    def run(ours):
        theirs = np.asarray(getattr(patch.dft("time", real=real), method)(**kwargs).data, dtype=float)
        return compare(ours, theirs.reshape(ours.shape) if theirs.size == ours.size else theirs)
    return run


# --- arrays -----------------------------------------------------------------------------------------------------
def correlate_case(**kwargs):
    def run(ours):
        return compare(ours, np.asarray(patch.correlate(**kwargs).squeeze().transpose("distance", "lag_time").data))
    return run


def pws_case(power):
    def run(ours):
        theirs = np.asarray(patch.phase_weighted_stack(stack_dim="distance", power=power).data)
        return compare(ours, theirs.reshape(ours.shape) if theirs.size == ours.size else theirs)
    return run


def tau_p_case(velocities):
    def run(ours):
        theirs = patch.tau_p(np.asarray(velocities, dtype=float))
        return compare(ours, np.asarray(theirs.transpose("slowness", "time").data))
    return run


def dispersion_definition(a, velocities, resolution=None, band=None):
    """The phase-shift image with each DFT bin at its own frequency k fs / nf (DASCore labels it k fs / (nf - 1))."""
    fs = rate
    nf = int(nt * (fs / nt) / resolution) if resolution else nt
    f = np.arange(nf) * fs / nf
    low, high = band if band else (0, 0.5 * fs)
    first, last = np.argmax(f >= low), (np.argmax(f >= high) if np.any(f >= high) else nf)
    U = np.fft.fft(a, n=nf, axis=1)
    U = np.divide(U, np.abs(U), out=np.zeros_like(U), where=np.abs(U) != 0)[:, first:last]
    w = 2 * np.pi * f[first:last]
    out = np.array([np.abs(np.sum(np.exp(1j * np.outer(positions, w) / v) * U, axis=0)) for v in velocities])
    return out / a.shape[0]


def dispersion_case(velocities, resolution=None, band=None):
    def run(ours):
        theirs = patch.dispersion_phase_shift(velocities, approx_resolution=resolution, approx_freq=band)
        f = theirs.get_array("frequency")
        nf = int(nt * (rate / nt) / resolution) if resolution else nt
        # DASCore is wrong here: its frequency k is k fs / (nf - 1). Check it still is, then use the definition.
        assert np.isclose(f[1] - f[0], rate / (nf - 1)), f[:3]
        return compare(ours, dispersion_definition(x, velocities, resolution, band))
    return run


CASES = {
    "rolling_mean": rolling_case("mean", 25, 1, np.mean),
    "rolling_mean_even": rolling_case("mean", 24, 1, np.mean),
    "rolling_mean_step": rolling_case("mean", 40, 7, np.mean),
    "rolling_mean_step_wide": rolling_case("mean", 10, 16, np.mean),
    "rolling_std": rolling_case("std", 31, 1, np.std),
    "rolling_std_step": rolling_case("std", 20, 25, np.std),
    "rolling_median": rolling_case("median", 15, 1, np.median),
    "rolling_median_even": rolling_case("median", 16, 3, np.median),
    "rolling_median_step": rolling_case("median", 50, 60, np.median),
    "rolling_max": rolling_case("max", 21, 1, np.max),
    "rolling_max_step": rolling_case("max", 40, 9, np.max),
    "rolling_min": rolling_case("min", 8, 1, np.min),
    "rolling_min_step": rolling_case("min", 9, 30, np.min),
    "rolling_seconds": rolling_seconds,
    "rolling_mean_dascore_step": dascore_step_labels("mean", 40, 7),
    "stalta": stalta_case(10, 50, True),
    "stalta_seconds": stalta_case(0.0105, 0.05, False),
    "trigger": trigger_case,
    "hilbert": dascore_value("hilbert", dim="time"),
    "envelope": dascore_value("envelope", dim="time"),
    "rfft": dascore_value("rfft", dim="time"),
    "dft": dascore_value("dft", dim="time"),
    "dft_real": dascore_value("dft", dim="time", real=True),
    "dft_nopad": dascore_value("dft", dim="time", pad=False),
    "spectral_centroid": descriptor("spectral_centroid"),
    "spectral_centroid_band": descriptor("spectral_centroid", fmin=50, fmax=300),
    "spectral_centroid_two_sided": descriptor("spectral_centroid", real=False),
    "spectral_flatness": descriptor("spectral_flatness"),
    "spectral_entropy": descriptor("spectral_entropy"),
    "spectral_entropy_raw": descriptor("spectral_entropy", normalize=False, fmax=200),
    "spectral_peak_frequency": descriptor("spectral_peak_frequency"),
    "median_frequency": descriptor("median_frequency"),
    "median_frequency_two_sided": descriptor("median_frequency", real=False, fmin=20),
    "cross_correlate": correlate_case(distance=float(positions[4])),
    "cross_correlate_samples": correlate_case(distance=0, samples=True),
    "correlate_shift": lambda ours: compare(ours, patch.correlate_shift(dim="time").data),
    "correlate_shift_raw": lambda ours: compare(ours, patch.correlate_shift(dim="time", undo_weighting=False).data),
    "phase_weighted_stack": pws_case(2.0),
    "phase_weighted_stack_p1": pws_case(1.0),
    "tau_p": tau_p_case([100, 200, 500, 1000, 3000]),
    "tau_p_one": tau_p_case([350]),
    "dispersion_phase_shift": dispersion_case([100, 150, 300, 600, 1200]),
    "dispersion_phase_shift_band": dispersion_case([200, 400, 800], resolution=2.0, band=(20, 300)),
    "agc": lambda ours: compare(ours, agc_definition(x, 41, "rms")),
    "agc_mean_abs": lambda ours: compare(ours, agc_definition(x, 10, "mean_abs")),
}

for name in sys.argv[2:]:
    if os.path.exists(f"{folder}/{name}.re.npy"):
        ours = np.load(f"{folder}/{name}.re.npy") + 1j * np.load(f"{folder}/{name}.im.npy")
    else:
        ours = np.load(f"{folder}/{name}.npy")
    print(name, CASES[name](ours))
