"""Compare distswift's and distpy's noise-log FBE outputs for the same chunks, after undoing the documented factors.

Usage: compare_noiselog.py STORE DISTSWIFT_NOISELOG_DIR DISTPY_NOISELOG_DIR [BOXSIZE]

Curves (configs/strainrate2noiselog.json, 1-s chunks, n samples, bins = Hz): band_0-nyquist (rms_from_fft over
[0, Nyquist)), band_01..03 (te_from_fft over [200|600|1000, Nyquist)). With P_k = |X_k|^2 of the chunk's DFT:
  distpy   te  = P_lo + 2 sum P_(lo+1..n/2-2) + P_(n/2-1)        (edge bins weight 1, Nyquist bin excluded)
  distswift te = (2 sum P_(lo..n/2-1) + P_(n/2)) / n            (weight 2, Nyquist bin weight 1; lo = 0: DC weight 1)
  distpy   rms = sqrt(S_dp) / (2 (rows - 1)),  rows = channels in distpy's 500-row block
  distswift rms = sqrt(S_ds) / n
"factor only" undoes only the scale (n, 2(rows-1)); "exact" also adds the edge bins P_lo (lo > 0), P_(n/2-1),
P_(n/2) computed here from the chunk with numpy in float64, so what is left is rounding.
"""
import os, re, sys
import numpy as np

def read_fbe(path):
    rows = re.findall(r"<data[^>]*>([^<]*)</data>", open(path).read())
    return np.array([[float(v) for v in r.split(",")] for r in rows])

def main():
    store, ds_dir, dp_dir = sys.argv[1:4]
    box = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    lows = [200, 600, 1000]
    worst = {"depth": 0.0, "rms factor": 0.0, "te factor": 0.0, "rms exact": 0.0, "te exact": 0.0}
    names = sorted(f for f in os.listdir(dp_dir) if f.endswith(".fbe"))
    if not names:
        sys.exit("no distpy outputs in " + dp_dir)
    for name in names:
        ds, dp = read_fbe(os.path.join(ds_dir, name)), read_fbe(os.path.join(dp_dir, name))
        x = np.load(os.path.join(store, name[:-4] + ".npy")).astype(np.float64)
        nx, n = x.shape
        P = np.abs(np.fft.rfft(x, axis=1)) ** 2
        h = n // 2
        rows = np.array([min(box, nx - (i // box) * box) for i in range(nx)], dtype=np.float64)
        worst["depth"] = max(worst["depth"], float(np.max(np.abs(ds[:, 0] - dp[:, 0]))))
        rel = lambda a, b: float(np.max(np.abs(a - b) / np.abs(b)))
        # band 0: rms
        ds_rms_as_dp = ds[:, 1] * n / (2 * (rows - 1))
        worst["rms factor"] = max(worst["rms factor"], rel(ds_rms_as_dp, dp[:, 1]))
        s_dp_corrected = (dp[:, 1] * 2 * (rows - 1)) ** 2 + P[:, h - 1] + P[:, h]
        worst["rms exact"] = max(worst["rms exact"], rel(ds[:, 1], np.sqrt(s_dp_corrected) / n))
        for j, lo in enumerate(lows):
            worst["te factor"] = max(worst["te factor"], rel(ds[:, 2 + j] * n, dp[:, 2 + j]))
            exact = (dp[:, 2 + j] + P[:, lo] + P[:, h - 1] + P[:, h]) / n
            worst["te exact"] = max(worst["te exact"], rel(ds[:, 2 + j], exact))
    print(f"chunks {len(names)}; largest |depth difference| {worst['depth']:.3g} m; largest relative difference: "
          f"rms_from_fft {worst['rms factor']:.2e} (factor only) / {worst['rms exact']:.2e} (exact), "
          f"te_from_fft {worst['te factor']:.2e} (factor only) / {worst['te exact']:.2e} (exact)")

main()
