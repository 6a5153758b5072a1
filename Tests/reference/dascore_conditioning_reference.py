"""DASCore 0.1.24's own results for distswift's DASCore-style commands (issue 19, part A), compared with what
distswift wrote.

usage: python3 dascore_conditioning_reference.py FOLDER [CASE ...]
FOLDER holds input.npy (channels x samples, float64), rate.txt (Hz), positions.npy (channel positions, m) and, per
case, the Swift output CASE.npy; with source.txt (a record file's path) DASCore reads that file itself instead, after
checking that distswift read the same values. Each case runs the same DASCore Patch method on a patch built from the input
(dims distance x time, time starting 2024-01-01) and prints "CASE worst_relative_error" (max |ours - ref| over
max |ref|; NaNs must sit at the same places). A case whose name ends in ".scipy" is checked against scipy where
DASCore is wrong (the comment there says why).
"""
import os
import sys

import dascore as dc
import numpy as np
import scipy.ndimage
import scipy.signal

assert dc.__version__ == "0.1.24", dc.__version__
folder = sys.argv[1]
x = np.load(folder + "/input.npy")
if os.path.exists(folder + "/precision.txt") and open(folder + "/precision.txt").read().strip() == "float32":
    # A float32 graph's run: DASCore gets the float32 samples distswift's float32 kernels read (as from a float32
    # file) and computes in float32 where numpy/scipy do.
    x = x.astype(np.float32)
rate = float(open(folder + "/rate.txt").read())
positions = np.load(folder + "/positions.npy").ravel()
nx, nt = x.shape
step = dc.to_timedelta64(1 / rate)
t0 = np.datetime64("2024-01-01T00:00:00", "ns")
patch = dc.Patch(data=x, coords={"distance": positions, "time": t0 + np.arange(nt) * step},
                 dims=("distance", "time"), attrs={"data_units": "1/s"})
if os.path.exists(folder + "/source.txt"):
    # A real record: DASCore reads the file itself; distswift's reading of it (input.npy) must be the same values.
    source = dc.spool(open(folder + "/source.txt").read().strip())[0].transpose("distance", "time")
    assert source.data.shape == x.shape and np.array_equal(source.data.astype(float), x), "the readers disagree"
    patch = source.new(data=source.data.astype(np.float64))

CASES = {
    # Conditioning
    "detrend_linear": lambda p: p.detrend("time", type="linear"),
    "detrend_constant": lambda p: p.detrend("time", type="constant"),
    "detrend_distance": lambda p: p.detrend("distance"),
    "demean": lambda p: p.demean("time"),
    "demean_distance": lambda p: p.demean("distance"),
    "demedian": lambda p: p.demedian("time"),
    "demedian_distance": lambda p: p.demedian("distance"),
    "taper": lambda p: p.taper(time=0.05),
    "taper_pair": lambda p: p.taper(time=(0.1, None), window_type="hamming"),
    "taper_seconds": lambda p: p.taper(time=0.02 * dc.get_unit("s"), window_type="blackman"),
    "taper_distance": lambda p: p.taper(distance=0.25, window_type="triang"),
    "normalize_l2": lambda p: p.normalize("time"),
    "normalize_l1": lambda p: p.normalize("time", norm="l1"),
    "normalize_max": lambda p: p.normalize("distance", norm="max"),
    "normalize_bit": lambda p: p.normalize("time", norm="bit"),
    "standardize": lambda p: p.standardize("time"),
    "standardize_distance": lambda p: p.standardize("distance"),
    "pad": lambda p: p.pad(time=(0.01, 0.02)),
    "pad_fft": lambda p: p.pad(time="fft"),
    "pad_distance": lambda p: p.pad(distance=2, samples=True, constant_values=1.5),
    "line_mute": lambda p: p.line_mute(time=(0.1, 0.2)),
    "line_mute_end": lambda p: p.line_mute(time=(-0.1, None), smooth=0.05, invert=True),
    "line_mute_distance": lambda p: p.line_mute(distance=(4.0, 10.0), smooth=1),
    "line_mute_absolute": lambda p: p.line_mute(distance=(6.0, 30.0), relative=False),
    # line_mute's two-line form; keywords in the patch's dimension order (distance, time): DASCore 0.1.24 pairs
    # the k-th keyword's values with the k-th patch dimension's coordinate, so this is the order it reads right.
    "line_mute_first_break": lambda p: p.line_mute(distance=(None, [0, 24]), time=(0, [0, 0.3007]), smooth=0.02),
    "line_mute_wedge": lambda p: p.line_mute(distance=([0, 24], [0, 24]), time=([0, 0.3007], [0, 0.1503]), invert=True),
    "line_mute_parallel": lambda p: p.line_mute(distance=([0, 24], [0, 24]), time=([0.0503, 0.2007], [0.1503, 0.3007])),
    "line_mute_late": lambda p: p.line_mute(distance=([0, 24], 1), time=([0, 0.3007], None), smooth=3),
    "line_mute_from_end": lambda p: p.line_mute(distance=(None, [0, 24]), time=(-0.1003, [0, 0.6007])),
    "line_mute_reversed": lambda p: p.line_mute(distance=(None, [24, 0]), time=(0.1003, [0.3007, 0])),
    "slope_mute": lambda p: p.slope_mute(slopes=(97.0, 301.0)),
    "slope_mute_invert": lambda p: p.slope_mute(slopes=(53.0, 211.0), invert=True, smooth=0.02),
    "slope_mute_smooth": lambda p: p.slope_mute(slopes=(61.0, 401.0), smooth=3),
    "select_time": lambda p: p.select(time=(0.05, 0.2), relative=True),
    "select_distance": lambda p: p.select(distance=(5.1, 14.9)),
    "select_samples": lambda p: p.select(time=(10, 50), samples=True),
    # Rate changes
    "decimate_iir": lambda p: p.decimate(time=4),
    "decimate_fir": lambda p: p.decimate(time=3, filter_type="fir"),
    "decimate_distance": lambda p: p.decimate(distance=2, filter_type="fir"),
    "resample_down": lambda p: p.resample(time=0.002),
    "resample_up": lambda p: p.resample(time=0.0008),
    # Polyphase resampling is not a DASCore method: checked against scipy.signal.resample_poly itself.
    "resample_poly.scipy": lambda p: scipy.signal.resample_poly(p.data, 4, 5, axis=1),
    "resample_poly_up.scipy": lambda p: scipy.signal.resample_poly(p.data, 5, 2, axis=1),
    "interpolate": lambda p: p.interpolate(distance=np.arange(-1.0, 27.0, 1.5)),
    "interpolate_nearest": lambda p: p.interpolate(distance=np.arange(0.0, 24.0 + 1e-9, 0.75), kind="nearest"),
    # Filters
    "pass_band": lambda p: p.pass_filter(time=(20, 150), corners=4),
    "pass_low": lambda p: p.pass_filter(time=(None, 100), corners=6),
    "pass_high": lambda p: p.pass_filter(time=(50, None), corners=3),
    "pass_causal": lambda p: p.pass_filter(time=(20, 150), zerophase=False),
    "pass_distance": lambda p: p.pass_filter(distance=(None, 0.1), corners=2),
    "notch": lambda p: p.notch_filter(time=60, q=30),
    "notch_distance": lambda p: p.notch_filter(distance=0.1, q=2),
    "savgol": lambda p: p.savgol_filter(time=11, polyorder=3, samples=True),
    "savgol_nearest": lambda p: p.savgol_filter(time=0.007, polyorder=2, mode="nearest"),
    "savgol_distance": lambda p: p.savgol_filter(distance=5, polyorder=2, samples=True),
    "hampel": lambda p: p.hampel_filter(time=5, samples=True, threshold=2),
    "hampel_2d": lambda p: p.hampel_filter(time=5, distance=3, samples=True, threshold=2),
    "hampel_exact": lambda p: p.hampel_filter(time=5, distance=3, samples=True, threshold=2, approximate=False),
    "wiener_filter": lambda p: p.wiener_filter(time=5, distance=3, samples=True),
    "wiener_filter_noise": lambda p: p.wiener_filter(time=0.007, noise=0.1),
    "median": lambda p: p.median_filter(time=5, distance=3, samples=True),
    "median_even": lambda p: p.median_filter(time=0.004),
    "gaussian": lambda p: p.gaussian_filter(time=3, distance=2, samples=True),
    # DASCore rounds a sigma in seconds up to whole samples (get_sample_count: 0.0025 s at 1 kHz becomes sigma 3);
    # distswift uses sigma 2.5 samples, so this case is checked against scipy itself.
    "gaussian_seconds.scipy": lambda p: scipy.ndimage.gaussian_filter1d(p.data, 2.5, axis=1, mode="reflect"),
    "whiten": lambda p: p.whiten(),
    "whiten_band": lambda p: p.whiten(smooth_size=20, time=(10, 20, 200, 300)),
    "whiten_water": lambda p: p.whiten(smooth_size=15, water_level=0.1, time=(10.3, 150.7)),
    "slope_filter": lambda p: p.slope_filter(filt=[5000, 10000, 30000, 50000]),
    "slope_filter_notch": lambda p: p.slope_filter(filt=[-20000, -5000, 5000, 20000], directional=True, invert=True),
    # On the real record (200 Hz)
    "real_pass": lambda p: p.pass_filter(time=(5, 40)),
    "real_decimate": lambda p: p.decimate(time=4),
    "real_notch": lambda p: p.notch_filter(time=50, q=20),
    "real_whiten": lambda p: p.whiten(smooth_size=5, time=(2, 5, 60, 80)),
    "real_line_mute": lambda p: p.line_mute(distance=(None, [0, 300.3]), time=(0.5003, [0.1003, 9.0007]), smooth=0.01),
    # Strain and units
    "integrate": lambda p: p.integrate("time"),
    "integrate_definite": lambda p: p.integrate("time", definite=True),
    "integrate_distance": lambda p: p.integrate("distance"),
    "differentiate": lambda p: p.differentiate("time"),
    "differentiate_step": lambda p: p.differentiate("time", step=3),
    "differentiate_distance": lambda p: p.differentiate("distance"),
    "velocity_to_strain_rate": lambda p: p.update_attrs(data_type="velocity", data_units="m/s")
    .velocity_to_strain_rate(step_multiple=2),
    "velocity_to_strain_rate4": lambda p: p.update_attrs(data_type="velocity", data_units="m/s")
    .velocity_to_strain_rate(step_multiple=4),
    "radians_to_strain": lambda p: p.update_attrs(data_units="rad").convert_units("mrad")
    .radians_to_strain(gauge_length=10.0),
    "radians_per_metre": lambda p: p.update_attrs(data_units="rad/(m*s)").radians_to_strain(),
    "convert_units": lambda p: p.convert_units("nm/m/s"),
}


def worst(ours, ref):
    if ours.shape != ref.shape:
        return float("inf")
    nan_ours, nan_ref = np.isnan(ours), np.isnan(ref)
    if (nan_ours != nan_ref).any():
        return float("inf")
    ok = ~nan_ref
    peak = np.abs(ref[ok]).max() if ok.any() else 0.0
    diff = np.abs(ours[ok] - ref[ok]).max() if ok.any() else 0.0
    return diff / peak if peak > 0 else diff


for name in sys.argv[2:]:
    result = CASES[name](patch)
    ref = np.asarray(result if isinstance(result, np.ndarray) else result.data, dtype=float)
    ours = np.load(f"{folder}/{name}.npy")
    print(name, worst(ours, ref))
