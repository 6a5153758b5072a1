"""Checks a chunk store written by `distswift ingest` against the oracle reads of the sample file.

usage: python3 ingest_oracle.py STORE REFERENCE_READS_JSON FILE_NAME SOURCE_FILE

The oracle (../shared/data/das/reference-reads.json) holds DASCore's and xdas's reads of each file: data shape and
sha256 in the library's axis order and native dtype, first/last/step of each coordinate. Where distswift is right
and an oracle library is wrong, the expectation below says so and why (from the file's own metadata); the details
are in docs/notes/file-layouts.md. Prints "ok" or exits non-zero with the first mismatch.
"""
import hashlib, json, sys
import numpy as np

store, oracle_path, name, source = sys.argv[1:5]
oracle = json.load(open(oracle_path))[name]
manifest = json.load(open(store + "/store.json"))
TIME_TOLERANCE_NS = 300   # float64 epoch seconds resolve ~238 ns near 1.7e9 s (notes §15.4)


def sha(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


def ns(text):
    return int(np.datetime64(text, "ns").astype(np.int64))


def fail(message):
    sys.exit(f"{name}: {message}")


def check(condition, message):
    if not condition:
        fail(message)


chunks = [np.load(store + "/" + c["file"]) for c in manifest["chunks"]]
data = np.concatenate(chunks, axis=1)          # channels × samples, as the store keeps it
x = np.load(store + "/measured_depth.npy").ravel()
start = manifest["start_time_ns"]
step = 1e9 / manifest["sampling_rate_hz"]
dims = oracle["dascore_dims"]
dc = oracle["dascore_coords"]
od = oracle["dascore_data"]
time_dc = dc["time"]
space_name = next(k for k in dc if k != "time")
space_dc = dc[space_name]


def check_data(array):
    check(list(array.shape) == od["shape"], f"shape {array.shape} != oracle {od['shape']}")
    check(str(array.dtype) == od["dtype"], f"dtype {array.dtype} != oracle {od['dtype']}")
    check(sha(array) == od["sha256_native_C_order"], "data sha256 differs from the oracle")


def check_time(first_ns, step_ns, count):
    check(abs(start - first_ns) <= TIME_TOLERANCE_NS, f"start {start} != {first_ns} (±{TIME_TOLERANCE_NS} ns)")
    check(abs(step - step_ns) <= 1, f"step {step} ns != {step_ns} ns")
    last = start + (count - 1) * step
    expected_last = first_ns + (count - 1) * step_ns
    check(abs(last - expected_last) <= TIME_TOLERANCE_NS, f"last {last} != {expected_last}")


def check_space(first, step_, count):
    check(len(x) == count, f"{len(x)} positions != {count}")
    check(abs(x[0] - first) <= 1e-8, f"first position {x[0]} != {first}")
    check(abs(x[-1] - (first + (count - 1) * step_)) <= 1e-8 * max(1, abs(x[-1])), f"last position {x[-1]}")
    if count > 1:
        check(abs((x[-1] - x[0]) / (count - 1) - step_) <= 1e-9 * max(1, step_), f"position step differs")


if name == "valencia_febus_example.h5":
    # DASCore 0.1.24 assumed 50 % block overlap and kept rows 62…186 of each 250-row block (1249 rows). The file
    # has no overlap: 250 rows × 4 ms = 1 s = the block-stamp spacing, so all 2500 rows are one continuous record
    # (notes §7). Check ours against an independent h5py read, and that DASCore's rows are a subset of ours.
    import h5py
    f = h5py.File(source)
    blocks = f["fa1-20050027/Source1/Zone1/SR_Valencia"][...]
    ours = data.T
    check(ours.dtype == np.float32 and ours.shape == (2500, 100), f"shape {ours.shape}")
    check(sha(ours) == sha(blocks.reshape(-1, blocks.shape[2])), "data differ from the file's blocks")
    check_data(ours.reshape(10, 250, 100)[:, 62:187, :].reshape(-1, 100)[:1249])
    t0 = ns(time_dc["first"]) - 63 * 4_000_000         # DASCore's first kept row is row 63 of block 0
    check_time(t0, 4_000_000, 2500)
    check_space(space_dc["first"], 16.8, 100)
else:
    array = data.T if dims[0] == "time" else data   # the oracle hashes the library's axis order
    check_data(array)
    count = time_dc["len"]
    first_ns = ns(time_dc["first"])
    if name == "sample_tdms_file_v4713.tdms":
        # The TDMS time stamp GPSTimeStamp (i64 seconds since 1904-01-01 UTC + u64 fraction of 2^-64 s) is
        # …35.812034314; DASCore and xdas (through numpy datetime64[us]) truncate it to …35.812034, 314 ns off, more
        # than TIME_TOLERANCE_NS. Check against the file's own stamp, decoded here with struct, and that the
        # oracle's first time is its truncation to the microsecond.
        import struct
        head = open(source, "rb").read(1 << 20)
        at = head.index(b"GPSTimeStamp") + len(b"GPSTimeStamp")
        code, fraction, seconds = struct.unpack_from("<IQq", head, at)
        check(code == 0x44, f"GPSTimeStamp has TDMS type {code:#x}, not a time stamp (0x44)")
        own_ns = (seconds - 2_082_844_800) * 10**9 + ((fraction * 10**9 + 2**63) >> 64)
        check(own_ns // 1000 * 1000 == first_ns,
              f"the oracle's first time is not GPSTimeStamp {own_ns} truncated to the µs")
        first_ns = own_ns
    check_time(first_ns, time_dc["step_ns_median"], count)
    if name == "ap_sensing_1.hdf5":
        # DASCore divides the position window by the channel count (+0.08 %); the file's own channel spacing is
        # ProcessingServer/SpatialSampling = 3 ADC samples × 0.40838 m, which xdas uses (notes §3).
        xd = oracle["xdas_coords"]["distance"]
        check_space(xd["first"], xd["step_median"], xd["len"])
        check(abs(space_dc["step_median"] - xd["step_median"]) > 1e-4, "DASCore's step was expected to differ")
    elif name == "sample_tdms_file_v4713.tdms":
        # DASCore starts at StartPosition[m] (240 m), which belongs to no channel: 'Start Distance (m)' −0.51043 and
        # 'Stop Distance (m)' 4963.40 span 2431 steps of SpatialResolution[m] × Fibre Length Multiplier = 2.0419 m,
        # exactly the 2432 channels, so xdas's origin (Start Distance) is the file's own (notes §4, §11).
        xd = oracle["xdas_coords"]["distance"]
        check_space(xd["first"], xd["step_median"], xd["len"])
        check(abs(space_dc["first"] - 240) < 1e-6, "DASCore's origin was expected at StartPosition[m] = 240 m")
    elif name == "silixa_h5_1.hdf5":
        # DASCore starts at StartPosition + MeasureLength × multiplier = 8082.9 m, beyond the 7840.9 m measured
        # fibre; the file's 'Start Distance (m)' and SpatialResolution × Fibre Length Multiplier give the channels
        # (notes §4).
        import h5py
        a = h5py.File(source)["Acoustic"].attrs
        check_space(float(a["Start Distance (m)"]),
                    float(a["SpatialResolution[m]"]) * float(a["Fibre Length Multiplier"]), space_dc["len"])
        check(space_dc["first"] > 8000, "DASCore's origin was expected at 8082.9 m")
    else:
        check_space(space_dc["first"], space_dc["step_median"], space_dc["len"])
    gauge = oracle["dascore_attrs"].get("gauge_length")
    if manifest.get("gauge_length_m") is not None and gauge not in (None, "None", "nan"):
        check(abs(manifest["gauge_length_m"] - float(gauge)) < 1e-9, f"gauge length {manifest['gauge_length_m']} != {gauge}")
print("ok")
