"""Reference for ButterTests: scipy's Butterworth design as second-order sections and zero-phase sosfiltfilt.

usage: python3 butter_reference.py SIGNAL_F64 CASES_JSON OUT_F64

SIGNAL_F64  the test signal, float64 little-endian, row-major ROWS x COLUMNS (from CASES_JSON)
CASES_JSON  {"rows": R, "columns": C, "cases": [{"order": N, "type": "lowpass", "wn": [..], "padtype": "even",
            "axis": 1, "extended": false}, ...]}; wn is normalised to Nyquist exactly as the Swift command computed it
OUT_F64     every case's output, R x C float64 little-endian, concatenated in case order:
            sosfiltfilt(butter(N, Wn, type, output='sos'), x, axis, padtype) with scipy's default padlen; for an
            "extended" case, the same computation (scipy's sos, padding, sosfilt_zi, direct form II transposed) in
            numpy's long double instead, the nearest thing to the exact answer for ill-conditioned filters

Prints one JSON line per case:
  ba_deviation  how far distpy's transfer-function route (butter(..., output='ba') + filtfilt with the same padtype
                and padlen) lands from the SOS result, relative to its largest magnitude ("inf" when it overflows):
                the reason distswift designs sections
  scipy_error   for an "extended" case, scipy's float64 sosfiltfilt against the long-double result (relative), the
                accuracy any float64 implementation can be held to; otherwise null
"""
import json, sys
import numpy as np
from scipy import signal

signal_path, cases_path, out_path = sys.argv[1:4]
spec = json.load(open(cases_path))
x = np.fromfile(signal_path, dtype="<f8").reshape(spec["rows"], spec["columns"])


def extend(row, n, padtype):
    """scipy's even_ext / odd_ext / const_ext of one row."""
    left, right = row[n:0:-1], row[-2:-(n + 2):-1]
    if padtype == "even":
        return np.concatenate([left, row, right])
    if padtype == "odd":
        return np.concatenate([2 * row[0] - left, row, 2 * row[-1] - right])
    return np.concatenate([np.full(n, row[0]), row, np.full(n, row[-1])])


def cascade(sos, y, level, zi):
    """sosfilt with initial state zi * level, direct form II transposed, in y's precision."""
    y = y.copy()
    for (b0, b1, b2, _, a1, a2), (z0, z1) in zip(sos, zi):
        z0, z1 = z0 * level, z1 * level
        for i in range(len(y)):
            v = y[i]
            out = b0 * v + z0
            z0 = b1 * v - a1 * out + z1
            z1 = b2 * v - a2 * out
            y[i] = out
    return y


def extended_sosfiltfilt(sos, row, padtype, padlen):
    sos = sos.astype(np.longdouble)
    zi, scale = [], np.longdouble(1)
    for b0, b1, b2, _, a1, a2 in sos:   # sosfilt_zi: lfilter_zi per section, solved in closed form
        c0, c1 = b1 - a1 * b0, b2 - a2 * b0
        z0 = (c0 + c1) / (1 + a1 + a2)
        zi.append((scale * z0, scale * (c1 - a2 * z0)))
        scale *= (b0 + b1 + b2) / (1 + a1 + a2)
    e = extend(row.astype(np.longdouble), padlen, padtype)
    y = cascade(sos, e, e[0], zi)
    y = cascade(sos, y[::-1], y[-1], zi)[::-1]
    return y[padlen:-padlen]


outputs = []
for case in spec["cases"]:
    wn = case["wn"][0] if len(case["wn"]) == 1 else case["wn"]
    axis = case.get("axis", 1)
    sos = signal.butter(case["order"], wn, case["type"], output="sos")
    padlen = 3 * (2 * len(sos) + 1 - min((sos[:, 2] == 0).sum(), (sos[:, 5] == 0).sum()))
    y = signal.sosfiltfilt(sos, x, axis=axis, padtype=case["padtype"])
    scipy_error = None
    if case.get("extended", False):
        rows = x if axis == 1 else x.T
        exact = np.array([extended_sosfiltfilt(sos, r, case["padtype"], padlen) for r in rows])
        exact = exact if axis == 1 else exact.T
        scipy_error = float(np.max(np.abs(y - exact)) / np.max(np.abs(exact)))
        y = exact.astype(np.float64)
    outputs.append(np.ascontiguousarray(y, dtype="<f8").ravel())

    b, a = signal.butter(case["order"], wn, case["type"], output="ba")
    with np.errstate(all="ignore"):
        try:
            y_ba = signal.filtfilt(b, a, x, axis=axis, padtype=case["padtype"], padlen=padlen)
            deviation = float(np.max(np.abs(y_ba - y)) / np.max(np.abs(y)))
        except (ValueError, np.linalg.LinAlgError):
            deviation = float("inf")
    print(json.dumps({"ba_deviation": deviation if np.isfinite(deviation) else "inf", "scipy_error": scipy_error}))

np.concatenate(outputs).tofile(out_path)
