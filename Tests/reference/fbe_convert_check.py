"""Independent check of `distswift fbe`: the per-chunk band arrays in OUT against an h5py read of the PRODML FBE file.

usage: fbe_convert_check.py FBE_H5 OUT [--stacked DIR [--stacked-bands B1,B2]]
       fbe_convert_check.py add-fbe RAW_H5 FBE_H5 OUT_H5   (a copy of a raw PRODML file with the FBE group added)

Reads /Acquisition/Processed/Fbe[0] per the PRODML 2.0 layout (FbeData[m] time × locus float32 with StartFrequency /
EndFrequency, FbeDataTime int64 µs, loci at Custom/MeasuredDepth or (StartLocusIndex + i) × SpatialSamplingInterval)
and compares, per band folder named in OUT/bands.json: the chunks joined in time (values exact in float32), their
time/{chunk}.npy (datetime64[ns], to 1 µs), measured_depth.npy (to 1 mm) and the band edges. With --stacked, DIR
holds `distswift stack` output ({band}/{t0}.npy depth × time, {band}/time.npy unix seconds) of the same values,
which must equal the file's too (values in float32, times to 1 µs). Prints "ok" or raises.
"""
import glob
import json
import os
import sys

import h5py
import numpy as np


def add_fbe(raw, fbe, out):
    """A PRODML file with both /Acquisition/Raw[0]/RawData and /Acquisition/Processed/Fbe[0], as interrogators
    write when they record both: the raw file copied and the FBE group copied into it."""
    import shutil
    shutil.copyfile(raw, out)
    with h5py.File(out, "r+") as f, h5py.File(fbe, "r") as source:
        f.require_group("Acquisition/Processed")
        source.copy("Acquisition/Processed/Fbe[0]", f["Acquisition/Processed"], name="Fbe[0]")
    print("ok")


def main():
    if sys.argv[1] == "add-fbe":
        return add_fbe(*sys.argv[2:5])
    path, out = sys.argv[1], sys.argv[2]
    stacked = sys.argv[sys.argv.index("--stacked") + 1] if "--stacked" in sys.argv else None
    # Which band folders were stacked (default: all of them).
    stacked_bands = sys.argv[sys.argv.index("--stacked-bands") + 1].split(",") if "--stacked-bands" in sys.argv else None
    f = h5py.File(path, "r")
    g = f["Acquisition/Processed/Fbe[0]"]
    times_us = g["FbeDataTime"][...].astype(np.int64)
    acquisition = f["Acquisition"].attrs
    record = json.load(open(os.path.join(out, "bands.json")))
    assert record["group"] == "/Acquisition/Processed/Fbe[0]", record["group"]
    for m, band in enumerate(record["bands"]):
        data = g[f"FbeData[{m}]"]
        dims = [d.decode() if isinstance(d, bytes) else str(d) for d in data.attrs.get("Dimensions", [b"time", b"locus"])]
        values = data[...] if dims[0] == "time" else data[...].T  # time × locus
        loci = values.shape[1]
        if "Custom/MeasuredDepth" in g and g["Custom/MeasuredDepth"].shape == (loci,):
            depth = g["Custom/MeasuredDepth"][...]
        else:
            start = float(g.attrs.get("StartLocusIndex", acquisition.get("StartLocusIndex", 0)))
            depth = (start + np.arange(loci)) * float(acquisition["SpatialSamplingInterval"])
        # Unknown edges (NaN, as distswift's writer stores them for stacked curves) are recorded as null.
        for key, attr in [("start_frequency_hz", "StartFrequency"), ("end_frequency_hz", "EndFrequency")]:
            edge = float(data.attrs[attr])
            assert band[key] == (None if np.isnan(edge) else edge), band
        folder = os.path.join(out, band["folder"])
        got_depth = np.load(os.path.join(folder, "measured_depth.npy"))
        assert got_depth.shape == (loci,) and np.max(np.abs(got_depth - depth)) <= 1e-3, "depths differ"
        chunks = sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, "*.npy"))
                        if os.path.basename(p) != "measured_depth.npy")
        arrays = [np.load(os.path.join(folder, c)) for c in chunks]
        chunk_times = [np.load(os.path.join(folder, "time", c)) for c in chunks]
        for c, a, t in zip(chunks, arrays, chunk_times):
            assert a.dtype == np.float64 and a.shape == (loci, t.shape[0]), (c, a.shape, t.shape)
            assert t.dtype == np.dtype("datetime64[ns]"), t.dtype
            # The chunk's name is its first time, to the nanosecond.
            seconds, nanos = c[:-4].split(".")
            assert int(seconds) * 10**9 + int(nanos) == t[0].astype(np.int64), c
        joined = np.concatenate(arrays, axis=1)
        joined_ns = np.concatenate(chunk_times).astype(np.int64)
        assert joined.shape == (loci, len(times_us)), joined.shape
        assert np.array_equal(joined.astype(np.float32), values.T), f"band {m}: values differ"
        assert np.max(np.abs(joined_ns - times_us * 1000)) <= 1000, f"band {m}: times differ"
        if stacked and (stacked_bands is None or band["folder"] in stacked_bands):
            # stack --output DIR writes DIR/{curve}; the real-file test stacks each band into DIR/{band}/{band}.
            s_folder = os.path.join(stacked, band["folder"])
            if stacked_bands is not None:
                s_folder = os.path.join(s_folder, band["folder"])
            s_files = [p for p in glob.glob(os.path.join(s_folder, "*.npy"))
                       if os.path.basename(p) not in ("time.npy", "measured_depth.npy")]
            assert len(s_files) == 1, s_files
            s_values = np.load(s_files[0])
            s_seconds = np.load(os.path.join(s_folder, "time.npy"))
            assert np.array_equal(s_values.astype(np.float32), values.T), f"stacked band {m}: values differ"
            assert np.max(np.abs(s_seconds * 1e6 - times_us)) <= 1, f"stacked band {m}: times differ"
            s_depth = np.load(os.path.join(s_folder, "measured_depth.npy"))
            assert np.max(np.abs(s_depth - depth)) <= 1e-3, "stacked depths differ"
    print("ok")


if __name__ == "__main__":
    main()
