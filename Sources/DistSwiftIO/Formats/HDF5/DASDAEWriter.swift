import DistSwiftNative

/// Writes a record as one DASDAE v1 patch in DASCore's "separate metadata" form, which DASCore reads with h5py
/// alone (no PyTables): root `__format__` = "DASDAE", `__DASDAE_version__` = "1"; group `/waveforms/<name>` with
/// `__attrs_coords_separate__` = 1, `_dims` = "time,distance", `_cdims_time` / `_cdims_distance`, `_attrs_*` for
/// units, gauge length and instrument; data sets `data` (time × distance, the record's own type), `_coord_time`
/// (int64 ns, `is_datetime64` = 1, exact) and `_coord_distance` (float64 m). Layout: DASCore
/// `io/dasdae/utils.py` (`_get_h5py_metadata`). The file appears under its name only when complete.
public enum DASDAEWriter {
    public static func write<T: StorableScalar>(
        to location: any StorageLocation, path: String, metadata m: RecordMetadata, data: Array2D<T>
    ) throws {
        let name = "DAS__" + UTCTime.iso8601(m.startTimeNs).filter { $0.isNumber }
        try location.writeAtomically(path, viaTemporaryFile: { temporary in
            let file = try HDF5File.create(temporary)
            let root = try file.attributes(of: "/")
            try root.set("__format__", string: "DASDAE")
            try root.set("__DASDAE_version__", string: "1")
            let group = "/waveforms/" + name
            try file.createGroup(group)
            let g = try file.attributes(of: group)
            try g.set("__attrs_coords_separate__", [Int8(1)])
            try g.set("_dims", string: "time,distance")
            try g.set("_cdims_time", string: "time")
            try g.set("_cdims_distance", string: "distance")
            if let u = m.units { try g.set("_attrs_data_units", string: u) }
            if let gl = m.gaugeLengthM { try g.set("_attrs_gauge_length", [gl]) }
            if let v = m.vendor { try g.set("_attrs_instrument_id", string: v) }
            let timeMajor = HDF5Matrix.transposed(data.values, rows: data.rows, columns: data.columns)
            let d = try file.createDataset(group + "/data", of: T.self, shape: [data.columns, data.rows])
            try d.write(timeMajor.values)
            let times = (0..<data.columns).map { m.startTimeNs + Int64((Double($0) * 1e9 / m.samplingRateHz).rounded()) }
            let t = try file.createDataset(group + "/_coord_time", of: Int64.self, shape: [times.count])
            try t.write(times)
            try t.attributes().set("is_datetime64", [Int8(1)])
            try t.attributes().set("is_timedelta64", [Int8(0)])
            let x = try file.createDataset(group + "/_coord_distance", of: Double.self, shape: [m.channelCount])
            try x.write(m.channelPositions)
            try x.attributes().set("is_datetime64", [Int8(0)])
            try x.attributes().set("is_timedelta64", [Int8(0)])
            try x.attributes().set("units", string: "m")
            try file.flush()
        })
    }
}
