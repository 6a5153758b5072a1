"""Checks `distswift export` output against the store it came from, with the tools a colleague would open it with.

usage: python3 export_check.py FORMAT EXPORT_DIR STORE [ROUND_TRIP_STORE]

FORMAT is prodml (read with DASCore), segy (segyio, and ObsPy's SEG-Y reader for the samples), dasdae (DASCore), netcdf (xdas) or
mseed (ObsPy; miniSEED has no positions, so they are not compared and the round trip gives the channel index).
Each exported file must equal its slice of STORE (one chunk, or several joined by --file-seconds): samples exact, first and last sample times to 1 ns (PRODML: its
µs RawDataTime, so the store's starts are whole µs in the test), positions to 1 mm (SEG-Y keeps 0.1 mm). With
ROUND_TRIP_STORE (the exported files ingested again by distswift), that store must equal STORE: samples exact, the
same start, rate and positions. Prints "ok" or exits non-zero with the first mismatch.
"""
import json, os, sys
import numpy as np


def load_store(store):
    manifest = json.load(open(store + "/store.json"))
    chunks = [(c, np.load(store + "/" + c["file"])) for c in sorted(manifest["chunks"], key=lambda c: c["start_time_ns"])]
    return manifest, chunks, np.load(store + "/measured_depth.npy").ravel()


def read_export(fmt, path):
    """(data time × channel, first ns, last ns, positions) by the independent tool."""
    if fmt in ("prodml", "dasdae"):
        import dascore as dc
        patch = dc.spool(path)[0].transpose("time", "distance")
        t = patch.coords.get_array("time").astype("datetime64[ns]").astype(np.int64)
        return patch.data, int(t[0]), int(t[-1]), patch.coords.get_array("distance")
    if fmt == "netcdf":
        import xdas as xd
        da = xd.open_dataarray(path).transpose("time", "distance")
        t = da["time"].values.astype("datetime64[ns]").astype(np.int64)
        return np.asarray(da.values), int(t[0]), int(t[-1]), np.asarray(da["distance"].values)
    if fmt == "mseed":
        import obspy
        stream = obspy.read(path)
        stations = [int(tr.stats.station) for tr in stream]
        if stations != list(range(1, len(stream) + 1)):
            sys.exit(f"{path}: stations {stations[:5]}… are not the channel numbers in order")
        data = np.stack([tr.data for tr in stream], axis=1)
        first = stream[0].stats.starttime.ns
        if any(tr.stats.starttime.ns != first for tr in stream):
            sys.exit(f"{path}: the traces start at different times")
        return data, first, stream[0].stats.endtime.ns, None
    import segyio
    with segyio.open(path, ignore_geometry=True, endian="big") as f:
        data = np.stack([f.trace[i] for i in range(f.tracecount)], axis=1)
        dt_us = f.bin[segyio.BinField.Interval]
        positions = np.array([f.header[i][197] for i in range(f.tracecount)], dtype=np.float64)
        scalar = f.header[0][segyio.TraceField.ElevationScalar]
        positions = positions / -scalar if scalar < 0 else positions * max(scalar, 1)
        text = segyio.tools.wrap(f.text[0])
    import obspy
    stream = obspy.read(path, format="SEGY", unpack_trace_headers=True)
    obspy_data = np.stack([tr.data for tr in stream], axis=1)
    if not np.array_equal(obspy_data.astype(data.dtype), data):
        sys.exit(f"{path}: ObsPy's samples differ from segyio's")
    # The start to the ns is in the text header (FORGE's "UTC File Time stamp" line); segyio gives the text.
    stamp = next(line for line in text.splitlines() if "UTC File Time stamp" in line)
    date, clock = stamp.split("stamp:")[1].replace("(UTC)", "").split()
    whole, _, fraction = clock.partition(".")
    first = int(np.datetime64(date.replace("/", "-") + "T" + whole, "ns").astype(np.int64)) + int((fraction + "000000000")[:9])
    return data, first, first + (data.shape[0] - 1) * dt_us * 1000, positions


def main():
    fmt, export_dir, store = sys.argv[1:4]
    manifest, chunks, x = load_store(store)
    rate = manifest["sampling_rate_hz"]
    files = sorted(os.listdir(export_dir))
    # The store as one record (time × channel); each file must be the slice its first time names, and the files
    # together must cover every sample once (one file per chunk, or --file-seconds files of several chunks).
    full = np.concatenate([v for _, v in chunks], axis=1).T
    start = manifest["start_time_ns"]
    covered = 0
    for name in files:
        data, first, last, positions = read_export(fmt, export_dir + "/" + name)
        offset = round((first - start) * rate / 1e9)
        expected = full[offset:offset + data.shape[0]]
        if data.shape != expected.shape or not np.array_equal(data, expected.astype(data.dtype)) \
                or not np.array_equal(data.astype(expected.dtype), expected):
            sys.exit(f"{name}: samples differ from the store's samples {offset}…{offset + data.shape[0] - 1}")
        expected_first = start + round(offset * 1e9 / rate)
        expected_last = start + round((offset + data.shape[0] - 1) * 1e9 / rate)
        if abs(first - expected_first) > 1 or abs(last - expected_last) > 1:
            sys.exit(f"{name}: times {first}…{last} != {expected_first}…{expected_last} (±1 ns)")
        if positions is not None and (len(positions) != len(x) or np.max(np.abs(positions - x)) > 1e-3):
            sys.exit(f"{name}: positions {positions[:3]}… != {x[:3]}… (±1 mm)")
        covered += data.shape[0]
    if covered != full.shape[0]:
        sys.exit(f"the files hold {covered} samples, the store {full.shape[0]}")
    if len(sys.argv) > 4:
        again, again_chunks, again_x = load_store(sys.argv[4])
        ours = np.concatenate([v for _, v in chunks], axis=1)
        theirs = np.concatenate([v for _, v in again_chunks], axis=1)
        if ours.shape != theirs.shape or not np.array_equal(ours, theirs.astype(ours.dtype)):
            sys.exit("round trip: samples differ")
        if again["start_time_ns"] != manifest["start_time_ns"] or abs(again["sampling_rate_hz"] - rate) > 1e-9 * rate:
            sys.exit(f"round trip: start/rate {again['start_time_ns']}/{again['sampling_rate_hz']} != "
                     f"{manifest['start_time_ns']}/{rate}")
        if fmt != "mseed" and np.max(np.abs(again_x - x)) > 1e-3:
            sys.exit("round trip: positions differ by more than 1 mm")
    print("ok")


main()
