"""Writes DAS files exactly to published vendor layouts, and checks a `distswift ingest` store against an
independent read of such a file.

usage: python3 layout_files.py write LAYOUT PATH
       python3 layout_files.py check LAYOUT PATH STORE

LAYOUT is one of the names in WRITERS (a reader's layout, or a variant that the reader must refuse). Each writer
follows the layout's published description (the source is named in its docstring and in
docs/notes/file-layouts.md §16) with deterministic data. `check` reads the file again with h5py per the layout
(and with DASCore or xdas where they read the layout), independently of distswift, and compares it with the store:
data exact in the native dtype, times to 1 ns at the first and last sample, positions to 1 mm. Prints "ok" or
exits non-zero with the first mismatch.
"""
import json, sys
import numpy as np

CHANNELS, SAMPLES, RATE = 24, 2000, 1000.0
START_NS = 1_709_618_828_123_456_000            # 2024-03-05T06:07:08.123456Z (a whole µs, for µs layouts)
DX, X0 = 1.021, 150.0


def samples(dtype=np.int16, shape=(SAMPLES, CHANNELS)):
    rng = np.random.default_rng(17)
    if np.issubdtype(dtype, np.integer):
        return rng.integers(-30000, 30000, size=shape).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def iso(ns, zone="Z"):
    return str(np.datetime64(int(ns), "ns")) + zone


def times_ns(n=SAMPLES, start=START_NS, rate=RATE):
    return start + np.round(np.arange(n) * 1e9 / rate).astype(np.int64)


# ---------------------------------------------------------------- writers (one per layout and refusal variant)

def write_gdr(path, dims=("time", "locus")):
    """GDR / DAS-RCN v1.10 (https://gdr.openei.org/das_data_standard; DASCore io/gdr)."""
    import h5py
    with h5py.File(path, "w") as f:
        meta = f.create_group("DasMetadata")
        meta.attrs["MetadataStandard"] = "DAS-RCN v1.10"
        meta.attrs["RawDataStandard"] = "PRODML v2.2"
        interrogator = meta.create_group("Interrogator")
        interrogator.attrs["SerialNumber"] = "IU-0042"
        acq = interrogator.create_group("Acquisition")
        acq.attrs["GaugeLength"] = 10.0
        acq.attrs["GaugeLengthUnit"] = "m"
        acq.attrs["UnitOfMeasure"] = "rad"
        acq.attrs["SpatialSamplingInterval"] = DX
        acq.attrs["SpatialSamplingIntervalUnit"] = "m"
        acq.attrs["NumberOfLoci"] = CHANNELS
        raw = f.create_group("DasRawData")
        data = samples(np.int16)
        raw.create_dataset("RawData", data=data if dims[0] == "time" else data.T)
        raw["RawData"].attrs["DasDimensions"] = np.array(dims, dtype=h5py.string_dtype())
        raw.create_dataset("DasTimeArray", data=times_ns())


def write_gdr_frequency(path):
    write_gdr(path, dims=("frequency", "locus"))


def write_neubrex(path):
    """Neubrex NEUBRESCOPE DAS (DASCore io/neubrex/utils_das.py)."""
    import h5py
    with h5py.File(path, "w") as f:
        d = f.create_dataset("Acoustic", data=samples(np.float32))
        a = d.attrs
        a["NEUBRESCOPE.DAS.Model"] = "NBX-S4100"
        a["NEUBRESCOPE.DAS.SerialNum"] = "S4100-7"
        a["StartPosition"] = X0
        a["StopPosition"] = X0 + (CHANNELS - 1) * DX
        a["StartStopPositionUnit"] = "m"
        a["SpatialSamplingInterval"] = DX
        a["TimeSamplingInterval(seconds)"] = 1 / RATE
        a["GPSTimeStamp(UTC)"] = iso(START_NS, "")
        a["CPUTimeStamp(UTC)"] = iso(START_NS + 5_000_000, "")
        a["TimeDecimationFilter"] = 0
        a["DistanceDecimationFilter"] = 0
        a["GaugeLength"] = 8.0
        a["GaugeLengthUnits"] = "m"
        a["DataPhysicalUnit"] = "radian"
        a["IndexOfRefraction"] = 1.4682


def write_neubrex_rfs(path):
    """Neubrex Rayleigh frequency shift (DSS/DTS) profiles (DASCore io/neubrex/utils_rfs.py): refused."""
    import h5py
    with h5py.File(path, "w") as f:
        d = f.create_dataset("data", data=samples(np.float32, (12, CHANNELS)))
        d.attrs["DataUnitLabel"] = "micro-strain"
        d.attrs["StartDateTime"] = iso(START_NS)
        d.attrs["EndDateTime"] = iso(START_NS + 11 * 60 * 10**9)
        f.create_dataset("depth", data=X0 + DX * np.arange(CHANNELS))
        f.create_dataset("stamps", data=np.arange(12) * 60.0)
        f.create_dataset("stamps_unix", data=(START_NS // 1000 + np.arange(12) * 60_000_000).astype(np.float64))


def write_prodml_like(path, vendor, time_first=True, with_time=True, dims_attr=True, start_locus=7):
    """PRODML 2.0 raw (/Acquisition/Raw[0]/RawData + RawDataTime µs), as OptaSense QuantX/ODH3 and Sintela ONYX
    write it (DASCore io/quantx, io/optasense; xdas io/optasense.py, io/sintela.py)."""
    import h5py
    with h5py.File(path, "w") as f:
        acq = f.create_group("Acquisition")
        acq.attrs["GaugeLength"] = 10.0
        acq.attrs["VendorCode"] = vendor
        acq.attrs["MeasurementStartTime"] = iso(START_NS)
        acq.attrs["schemaVersion"] = "2.0"
        acq.attrs["SpatialSamplingInterval"] = DX
        acq.attrs["SpatialSamplingIntervalUnit"] = "m"
        acq.attrs["StartLocusIndex"] = start_locus
        acq.attrs["NumberOfLoci"] = CHANNELS
        raw = acq.create_group("Raw[0]")
        raw.attrs["NumberOfLoci"] = CHANNELS
        raw.attrs["StartLocusIndex"] = start_locus
        raw.attrs["OutputDataRate"] = RATE
        raw.attrs["RawDataUnit"] = "rad"
        data = samples(np.float32)
        d = raw.create_dataset("RawData", data=data if time_first else data.T)
        if dims_attr:
            d.attrs["Dimensions"] = "time, locus" if time_first else "locus, time"
        # Fixed-length byte strings, as the vendors write them (xdas decodes them as bytes).
        d.attrs["PartStartTime"] = np.bytes_(iso(START_NS, "+00:00"))
        d.attrs["PartEndTime"] = np.bytes_(iso(times_ns()[-1], "+00:00"))
        if with_time:
            raw.create_dataset("RawDataTime", data=(times_ns() // 1000).astype(np.int64))


def write_optasense(path):
    # Locus × time without a Dimensions attribute, as xdas PR #47 found OptaSense files: NumberOfLoci decides.
    write_prodml_like(path, "OptaSense", time_first=False, dims_attr=False)


def write_sintela(path):
    # No RawDataTime: the PartStartTime/PartEndTime tie points give the grid (xdas io/sintela.py).
    write_prodml_like(path, "Sintela", with_time=False, start_locus=0)


def write_odh4(path, transposed=False):
    """OptaSense ODH4 (DASCore io/odh4/utils.py): root attributes and raw_data channel × time."""
    import h5py
    with h5py.File(path, "w") as f:
        data = samples(np.float32).T
        f.create_dataset("raw_data", data=data.T if transposed else data)
        a = f.attrs
        a["GL m"] = 10.0
        a["channel spacing m"] = DX
        a["channel_start"] = 100
        a["channel_end"] = 100 + CHANNELS
        a["starttime"] = iso(START_NS)
        a["endtime"] = iso(START_NS + int(SAMPLES * 1e9 / RATE))
        a["sampling rate Hz"] = RATE
        a["scale factor to strain"] = 1.2e-8
        a["raw_data_units"] = "phase shift in radians"


def write_odh4_transposed(path):
    write_odh4(path, transposed=True)


def hdas_header(data_type=0):
    h = np.zeros(200)
    h[199] = 1                      # HDAS 3.0
    h[129] = data_type              # 0: strain rate
    h[1], h[49], h[76], h[101] = 250e6, 250e3, 1.0, 1.0    # interval = 250e3 × 1 × 1 / 250e6 s = 1 ms
    h[72], h[44] = X0, DX           # first position, spacing
    return h


def write_hdas(path, data_type=0):
    """Aragón Photonics HDAS 3.0 strain rate (xdas io/aragon.py)."""
    import h5py
    with h5py.File(path, "w") as f:
        f.create_dataset("Header/Header_Data", data=hdas_header(data_type))
        f.create_dataset("StrainRate/StrainRate_Data", data=samples(np.float32))
        f.create_dataset("Timestamps/Timestamps_Data", data=times_ns() / 1e9)


def write_hdas_not_strain_rate(path):
    write_hdas(path, data_type=2)


def write_carina(path, channel_map=None):
    """Silixa Carina through netCDF (DASCore PR #849): Silixa attributes on the root, /Fiber int16 time × channel,
    /ChannelMap the physical channel of each column, empty netCDF coordinate variables."""
    import h5py
    with h5py.File(path, "w") as f:
        f.attrs["_NCProperties"] = "version=2,netcdf=4.9.2,hdf5=1.14.3"
        a = f.attrs
        a["SamplingFrequency[Hz]"] = 4 * RATE       # before decimation: not the output rate
        a["Samplerate"] = RATE
        a["StartTime"] = np.int64(START_NS // 1000)
        a["SpatialResolution[m]"] = 0.25
        a["Fibre Length Multiplier"] = DX / 0.25 / 2   # 2 physical channels per map step below
        a["Start Distance (m)"] = X0
        a["GaugeLength"] = 10.0
        f.create_dataset("Fiber", data=samples(np.int16))
        f.create_dataset("ChannelMap", data=np.arange(143, 143 + 2 * CHANNELS, 2) if channel_map is None else channel_map)
        for name in ("t", "x", "cm"):
            f.create_dataset(name, data=np.zeros(0))


def write_carina_bad_map(path):
    write_carina(path, channel_map=np.full(CHANNELS, 143))


def write_su(path, order=">", dt_us=1000):
    """Seismic Unix: per channel a 240-byte SEG-Y trace header + ns float32 samples, no file headers (CWP/SU
    segy.h). Start 2024-03-05 (day 65) 06:07:08 + delay 123 ms; positions in the receiver elevation (41–44) with
    scalar −1000 (69–70)."""
    data = samples(np.float32)
    with open(path, "wb") as f:
        for channel in range(CHANNELS):
            h = np.zeros(240, dtype=np.uint8)
            def put(position, value, kind):
                h[position - 1:position - 1 + np.dtype(kind).itemsize] = np.frombuffer(
                    np.array([value], dtype=order + kind).tobytes(), dtype=np.uint8)
            put(1, channel + 1, "i4")                                  # tracl
            put(41, int(round((X0 + channel * DX) * 1000)), "i4")      # receiver elevation, mm
            put(69, -1000, "i2")                                       # elevation scalar
            put(109, 123, "i2")                                        # delay recording time, ms
            put(115, SAMPLES, "u2")                                    # ns
            put(117, dt_us, "u2")                                      # dt, µs
            for position, value in [(157, 2024), (159, 65), (161, 6), (163, 7), (165, 8), (167, 4)]:
                put(position, value, "i2")
            f.write(h.tobytes())
            f.write(data[:, channel].astype(order + "f4").tobytes())


def write_su_little(path):
    write_su(path, order="<")


def write_su_no_interval(path):
    write_su(path, dt_us=0)


def write_su_truncated(path):
    """A big-endian SU file cut 100 bytes into its last trace (a copy that stopped early)."""
    write_su(path)
    with open(path, "r+b") as f:
        f.truncate((CHANNELS - 1) * (240 + 4 * SAMPLES) + 100)


def write_xdas_netcdf(path, gap_ns=0):
    """xdas NetCDF-CF as xdas itself writes it (xdas io/netcdf.py): tie-point time and distance coordinates."""
    import xdas as xd
    t0 = np.datetime64(START_NS + 789, "ns")          # sub-µs: NetCDF time units keep the ns
    half = SAMPLES // 2
    if gap_ns:
        time = {"tie_indices": [0, half - 1, half, SAMPLES - 1],
                "tie_values": [t0, t0 + np.timedelta64(half - 1, "ms"), t0 + np.timedelta64(half, "ms") + np.timedelta64(gap_ns, "ns"),
                               t0 + np.timedelta64(SAMPLES - 1, "ms") + np.timedelta64(gap_ns, "ns")]}
    else:
        time = {"tie_indices": [0, SAMPLES - 1], "tie_values": [t0, t0 + np.timedelta64(SAMPLES - 1, "ms")]}
    distance = {"tie_indices": [0, CHANNELS - 1], "tie_values": [X0, X0 + (CHANNELS - 1) * DX]}
    xd.DataArray(samples(np.float32), {"time": time, "distance": distance}).to_netcdf(path)


def write_xdas_netcdf_gap(path):
    write_xdas_netcdf(path, gap_ns=250_000_000)


def write_xdas_netcdf_legacy(path):
    """The older xdas spelling, written with h5py: coordinate_interpolation "time: time_indices time_values …",
    no netCDF dimension ids, placeholder dimension variables."""
    import h5py
    with h5py.File(path, "w") as f:
        f.attrs["Conventions"] = "CF-1.9"
        d = f.create_dataset("__values__", data=samples(np.float32).T)   # distance × time
        d.attrs["coordinate_interpolation"] = "distance: distance_indices distance_values time: time_indices time_values"
        f.create_dataset("time", data=np.zeros(SAMPLES, dtype=np.float32))
        f.create_dataset("distance", data=np.zeros(CHANNELS, dtype=np.float32))
        f.create_dataset("time_indices", data=np.array([0, SAMPLES - 1]))
        v = f.create_dataset("time_values", data=np.array([0, (SAMPLES - 1) * 1000], dtype=np.int64))
        v.attrs["units"] = "microseconds since " + str(np.datetime64(START_NS, "ns")).replace("T", " ")
        f.create_dataset("distance_indices", data=np.array([0, 10, CHANNELS - 1]))
        f.create_dataset("distance_values", data=np.array([X0, X0 + 10 * DX, X0 + 10 * DX + (CHANNELS - 11) * 2 * DX]))


def write_mseed(path, misaligned=False):
    """miniSEED 2, one trace per channel (as idas-convert writes DAS records), written by ObsPy: float32 samples
    (encoding FLOAT32), network XX, station = channel number."""
    import obspy
    data = samples(np.float32)
    start = obspy.UTCDateTime(ns=START_NS)
    traces = []
    for channel in range(CHANNELS):
        stats = {"network": "XX", "station": f"{channel + 1:05d}", "location": "", "channel": "HSF",
                 "sampling_rate": RATE, "starttime": start + (0.5 if misaligned and channel == 3 else 0)}
        traces.append(obspy.Trace(data=np.ascontiguousarray(data[:, channel]), header=stats))
    obspy.Stream(traces).write(path, format="MSEED", encoding="FLOAT32", reclen=4096)


def write_mseed_truncated(path):
    """An ObsPy-written file cut 1000 bytes into its last 4096-byte record."""
    write_mseed(path)
    data = open(path, "rb").read()
    open(path, "wb").write(data[:len(data) - 4096 + 1000])


def write_mseed_misaligned(path):
    write_mseed(path, misaligned=True)


def write_tdms_4712(path):
    """NI TDMS version 4712 (TDMS 1.0, the version DASCore #418's Silixa iDAS file has) as Silixa iDAS lays it out:
    the settings as typed properties of the file object, one group "Measurement" with one int16 channel per position
    (named 0, 1, …). Written by npTDMS (version=4712) in two segments, the second repeating the objects."""
    from nptdms import TdmsWriter, RootObject, ChannelObject
    data = samples(np.int16)
    root = RootObject(properties={
        "SamplingFrequency[Hz]": RATE, "GPSTimeStamp": np.datetime64(START_NS, "ns"),
        "CPUTimeStamp": np.datetime64(START_NS + 7_000_000, "ns"),
        "Start Distance (m)": X0, "Stop Distance (m)": X0 + (CHANNELS - 1) * DX, "SpatialResolution[m]": DX / 2,
        "Fibre Length Multiplier": 2.0, "MeasureLength[m]": CHANNELS * DX / 2, "GaugeLength": 10.0,
        "iDASVersion": "2.4.1.111"})
    half = SAMPLES // 2
    with TdmsWriter(path, version=4712) as writer:
        for part in (slice(0, half), slice(half, SAMPLES)):
            writer.write_segment([root] + [ChannelObject("Measurement", str(c), data[part, c]) for c in range(CHANNELS)])


def write_prodml_multi(path):
    """PRODML 2.1 with two Raw[n] groups of different shapes and rates (DASCore io/prodml reads each as a patch)."""
    import h5py
    with h5py.File(path, "w") as f:
        acq = f.create_group("Acquisition")
        acq.attrs["schemaVersion"] = "2.1"
        acq.attrs["VendorCode"] = "Silixa"
        acq.attrs["SpatialSamplingInterval"] = DX
        acq.attrs["GaugeLength"] = 10.0
        for n, (channels, rate, locus) in enumerate([(CHANNELS, RATE, 0), (CHANNELS // 2, RATE / 2, 40)]):
            raw = acq.create_group(f"Raw[{n}]")
            raw.attrs["NumberOfLoci"] = channels
            raw.attrs["StartLocusIndex"] = locus
            raw.attrs["OutputDataRate"] = rate
            raw.attrs["RawDataUnit"] = "rad"
            d = raw.create_dataset("RawData", data=samples(np.int16, (SAMPLES, channels)) + n)
            d.attrs["Dimensions"] = np.array(["time", "locus"], dtype=h5py.string_dtype())
            raw.create_dataset("RawDataTime", data=(times_ns(rate=rate) // 1000).astype(np.int64))


def write_dasdae_multi(path):
    """DASDAE with two patches, written by DASCore (dascore.write(spool, path, "DASDAE"))."""
    import dascore as dc
    patch = dc.get_example_patch()
    second = patch.update_attrs(time_min=patch.attrs.time_max + np.timedelta64(3, "s"))
    dc.write(dc.spool([patch, second]), path, "DASDAE")


def write_gdr_no_time(path):
    """A GDR file without its time vector: no layout's sniff takes it; `info` names GDR as the closest layout."""
    import h5py
    write_gdr(path)
    with h5py.File(path, "a") as f:
        del f["DasRawData/DasTimeArray"]


def write_xdas_netcdf_no_conventions(path):
    """An xdas NetCDF file whose root lost its CF Conventions attribute."""
    import h5py
    write_xdas_netcdf(path)
    with h5py.File(path, "a") as f:
        del f.attrs["Conventions"]


def write_netcdf3(path):
    """A NetCDF classic (version 3) file, which is not HDF5."""
    import netCDF4
    with netCDF4.Dataset(path, "w", format="NETCDF3_CLASSIC") as f:
        f.createDimension("time", 10)
        f.createVariable("data", "f4", ("time",))[:] = np.arange(10)


WRITERS = {name[len("write_"):]: fn for name, fn in globals().items() if name.startswith("write_")}


# ---------------------------------------------------------------- independent reads: (data time × channel, times ns, positions m)

def read_file(layout, path):
    if "@" in layout:                       # one record of a file with several: "prodml_multi@Raw[1]"
        layout, record = layout.split("@", 1)
        if layout == "prodml_multi":
            import h5py
            f = h5py.File(path, "r")
            acq = f["Acquisition"]
            raw = acq[record]
            data = raw["RawData"][...]
            x = (raw.attrs["StartLocusIndex"] + np.arange(data.shape[1])) * acq.attrs["SpatialSamplingInterval"]
            return data, raw["RawDataTime"][...].astype(np.int64) * 1000, x
        import dascore as dc
        import h5py
        with h5py.File(path, "r") as f:
            names = list(f["waveforms"].keys())
        # DASCore's spool sorts patches by time; the names (DASCore's own) sort the same way.
        patch = dc.spool(path)[names.index(record)].transpose("time", "distance")
        return patch.data, patch.coords.get_array("time").astype("datetime64[ns]").astype(np.int64), \
            patch.coords.get_array("distance")
    if layout.startswith("su"):
        return read_su(path)
    if layout == "tdms_4712":
        from nptdms import TdmsFile
        tdms = TdmsFile.read(path)
        channels = tdms["Measurement"].channels()
        data = np.stack([c[:] for c in channels], axis=1)
        p = tdms.properties
        start = np.datetime64(p["GPSTimeStamp"], "ns").astype(np.int64)
        t = start + np.round(np.arange(data.shape[0]) * 1e9 / p["SamplingFrequency[Hz]"]).astype(np.int64)
        x = p["Start Distance (m)"] + np.arange(data.shape[1]) * p["SpatialResolution[m]"] * p["Fibre Length Multiplier"]
        return data, t, x
    if layout == "mseed":
        import obspy
        stream = obspy.read(path)
        data = np.stack([trace.data for trace in stream], axis=1)
        start = stream[0].stats.starttime.ns
        return data, start + np.round(np.arange(data.shape[0]) * 1e9 / stream[0].stats.sampling_rate).astype(np.int64), \
            np.arange(data.shape[1], dtype=np.float64)
    if layout == "xdas_netcdf":
        import xdas as xd
        da = xd.open_dataarray(path).transpose("time", "distance")
        return np.asarray(da.values), da["time"].values.astype("datetime64[ns]").astype(np.int64), \
            np.asarray(da["distance"].values)
    import h5py
    f = h5py.File(path, "r")
    if layout == "gdr":
        data = f["DasRawData/RawData"][...]
        return data, f["DasRawData/DasTimeArray"][...], \
            np.arange(data.shape[1]) * f["DasMetadata/Interrogator/Acquisition"].attrs["SpatialSamplingInterval"]
    if layout == "neubrex":
        d = f["Acoustic"]
        a = d.attrs
        start = np.datetime64(a["GPSTimeStamp(UTC)"], "ns").astype(np.int64)
        step = a["TimeSamplingInterval(seconds)"] * 1e9
        return d[...], start + np.round(np.arange(d.shape[0]) * step).astype(np.int64), \
            a["StartPosition"] + np.arange(d.shape[1]) * a["SpatialSamplingInterval"]
    if layout in ("optasense", "sintela"):
        acq = f["Acquisition"]
        raw = acq["Raw[0]"]
        data = raw["RawData"][...]
        if data.shape[0] == raw.attrs["NumberOfLoci"]:
            data = data.T
        if "RawDataTime" in raw:
            t = raw["RawDataTime"][...].astype(np.int64) * 1000
        else:
            t0 = np.datetime64(raw["RawData"].attrs["PartStartTime"].decode().split("+")[0], "ns").astype(np.int64)
            t1 = np.datetime64(raw["RawData"].attrs["PartEndTime"].decode().split("+")[0], "ns").astype(np.int64)
            t = t0 + np.round(np.arange(data.shape[0]) * (t1 - t0) / (data.shape[0] - 1)).astype(np.int64)
        x = (acq.attrs["StartLocusIndex"] + np.arange(data.shape[1])) * acq.attrs["SpatialSamplingInterval"]
        return data, t, x
    if layout == "odh4":
        a = f.attrs
        data = f["raw_data"][...].T
        start = np.datetime64(a["starttime"].rstrip("Z"), "ns").astype(np.int64)
        t = start + np.round(np.arange(data.shape[0]) * 1e9 / a["sampling rate Hz"]).astype(np.int64)
        return data, t, (a["channel_start"] + np.arange(data.shape[1])) * a["channel spacing m"]
    if layout == "hdas":
        h = f["Header/Header_Data"][...]
        data = f["StrainRate/StrainRate_Data"][...]
        stamps = f["Timestamps/Timestamps_Data"][...]
        start = int(round(stamps[0] * 1e6)) * 1000     # the stamps are whole µs here; a float holds ~0.24 µs
        dt = round(h[49] * h[76] * h[101] / h[1] * 1e9)
        return data, start + np.arange(data.shape[0]) * dt, h[72] + np.arange(data.shape[1]) * h[44]
    if layout == "carina":
        a = f.attrs
        data = f["Fiber"][...]
        t = a["StartTime"] * 1000 + np.round(np.arange(data.shape[0]) * 1e9 / a["Samplerate"]).astype(np.int64)
        x = a["Start Distance (m)"] + f["ChannelMap"][...] * a["SpatialResolution[m]"] * a["Fibre Length Multiplier"]
        return data, t, x
    if layout == "xdas_netcdf_legacy":
        data = f["__values__"][...].T
        t = START_NS + np.arange(data.shape[0]) * 1_000_000
        x = np.interp(np.arange(data.shape[1]), f["distance_indices"][...], f["distance_values"][...])
        return data, t, x
    sys.exit(f"no independent read for layout {layout}")


def read_su(path):
    """numpy per the SU layout; the byte order is the one whose ns (bytes 115–116) tiles the file."""
    raw = open(path, "rb").read()
    for order in (">", "<"):
        ns = int(np.frombuffer(raw[114:116], dtype=order + "u2")[0])
        if ns and len(raw) % (240 + 4 * ns) == 0:
            break
    traces = np.frombuffer(raw, dtype=np.dtype([("h", "u1", 240), ("d", order + "f4", ns)]))
    header = lambda position, kind: np.array([np.frombuffer(t[position - 1:position - 1 + np.dtype(kind).itemsize].tobytes(),
                                                            dtype=order + kind)[0] for t in traces["h"]])
    year, day, hour, minute, second = (int(header(p, "i2")[0]) for p in (157, 159, 161, 163, 165))
    start = (np.datetime64(f"{year}-01-01T00:00:00", "ns") + np.timedelta64(day - 1, "D")
             + np.timedelta64(hour * 3600 + minute * 60 + second, "s")
             + np.timedelta64(int(header(109, "i2")[0]), "ms")).astype(np.int64)
    dt_ns = int(header(117, "u2")[0]) * 1000
    x = header(41, "i4") / -header(69, "i2").astype(np.float64)
    return traces["d"].T.astype(np.float32), start + np.arange(ns) * dt_ns, x


def library_read(layout, path):
    """(name, read) of the DAS library that reads the layout besides h5py: DASCore 0.1.24 for GDR and Neubrex, xdas
    0.2.10's sintela engine for Sintela ONYX; None otherwise."""
    if layout == "sintela":
        import xdas as xd
        da = xd.open_dataarray(path, engine="sintela").transpose("time", "distance")
        return "xdas", (np.asarray(da.values), da["time"].values.astype("datetime64[ns]").astype(np.int64),
                        np.asarray(da["distance"].values))
    if layout not in ("gdr", "neubrex"):
        return None
    import dascore as dc
    patch = dc.spool(path)[0].transpose("time", "distance")
    return "DASCore", (patch.data, patch.coords.get_array("time").astype("datetime64[ns]").astype(np.int64),
                       patch.coords.get_array("distance"))


def check(layout, path, store):
    manifest = json.load(open(store + "/store.json"))
    ours = np.concatenate([np.load(store + "/" + c["file"]) for c in manifest["chunks"]], axis=1).T
    x = np.load(store + "/measured_depth.npy").ravel()
    start, rate = manifest["start_time_ns"], manifest["sampling_rate_hz"]
    n = ours.shape[0]
    # Python integers: a float64 holds ns since 1970 only to 256 ns.
    our_times = [int(start), int(start) + round((n - 1) * 1e9 / rate)]
    references = [({"xdas_netcdf": "xdas", "mseed": "ObsPy", "tdms_4712": "npTDMS"}.get(layout, "h5py/numpy"), read_file(layout, path))]
    by_library = library_read(layout, path)
    if by_library is not None:
        references.append(by_library)
    for who, (data, t, pos) in references:
        if data.shape != ours.shape or data.dtype != ours.dtype:
            sys.exit(f"{who}: shape/dtype {data.shape} {data.dtype} != store {ours.shape} {ours.dtype}")
        if not np.array_equal(data, ours):
            sys.exit(f"{who}: data differ")
        if abs(our_times[0] - int(t[0])) > 1 or abs(our_times[1] - int(t[-1])) > 1:
            sys.exit(f"{who}: times {our_times} != {t[0]}, {t[-1]} (±1 ns)")
        if len(pos) != len(x) or np.max(np.abs(pos - x)) > 1e-3:
            sys.exit(f"{who}: positions {x[:3]}… != {pos[:3]}… (±1 mm)")
    print("ok")


if __name__ == "__main__":
    command, layout, path = sys.argv[1:4]
    if command == "records":                # the record names of a DASDAE file, in file order
        import h5py
        print("\n".join(h5py.File(path, "r")["waveforms"].keys()))
    elif command == "write":
        WRITERS[layout](path)
        print("ok")
    else:
        check(layout, path, sys.argv[4])
