import DistSwiftNative

/// Writes a record as the NetCDF-CF file xdas writes (and `XdasNetCDFReader` reads): NetCDF4 (HDF5 with dimension
/// scales), root `Conventions` = "CF-1.13"; `__values__` (time × distance, the record's own type) with
/// `coordinate_interpolation` = "time_values: time_interpolation distance_values: distance_interpolation"; tie
/// points `time_indices` / `time_values` (int64, "nanoseconds since 1970-01-01", exact) on dimension `time_points`,
/// `distance_indices` / `distance_values` (float64 m) on `distance_points` — two tie points for evenly spaced
/// channels, one per channel otherwise; the interpolation variables (NaN scalars) carry `tie_point_mapping` and
/// `interpolation_name` = "linear". The dimension variables `time` and `distance` are placeholders, as in xdas's
/// files. Layout: xdas 0.2.10 output (docs/notes/file-layouts.md §16.8). The file appears under its name only when
/// complete.
public enum XdasNetCDFWriter {
    public static func write<T: StorableScalar>(
        to location: any StorageLocation, path: String, metadata m: RecordMetadata, data: Array2D<T>
    ) throws {
        let (channels, samples) = (data.rows, data.columns)
        let lastNs = m.startTimeNs + Int64((Double(samples - 1) * 1e9 / m.samplingRateHz).rounded())
        let evenly = m.channelSpacingM != nil
        let distanceTies = evenly && channels > 1 ? [0, channels - 1] : Array(0..<channels)
        try location.writeAtomically(path, viaTemporaryFile: { temporary in
            let file = try HDF5File.create(temporary)
            try file.attributes(of: "/").set("Conventions", string: "CF-1.13")
            func dimension(_ name: String, _ count: Int) throws -> HDF5Dataset {
                let scale = try file.createDataset("/" + name, of: Float.self, shape: [count])
                try scale.makeDimensionScale(name: "This is a netCDF dimension but not a netCDF variable. \(count)")
                return scale
            }
            let time = try dimension("time", samples)
            let distance = try dimension("distance", channels)
            let timePoints = try dimension("time_points", 2)
            let distancePoints = try dimension("distance_points", distanceTies.count)

            let values = try file.createDataset("/__values__", of: T.self, shape: [samples, channels])
            try values.write(HDF5Matrix.transposed(data.values, rows: channels, columns: samples).values)
            try values.attach(scale: time, axis: 0)
            try values.attach(scale: distance, axis: 1)
            try values.attributes().set("coordinate_interpolation",
                                        string: "time_values: time_interpolation distance_values: distance_interpolation")
            if let u = m.units { try values.attributes().set("units", string: u) }

            func ties<V: HDF5Scalar>(_ name: String, indices: [Int64], values: [V], on points: HDF5Dataset) throws
                -> HDF5Dataset
            {
                let i = try file.createDataset("/\(name)_indices", of: Int64.self, shape: [indices.count])
                try i.write(indices)
                try i.attach(scale: points, axis: 0)
                let v = try file.createDataset("/\(name)_values", of: V.self, shape: [values.count])
                try v.write(values)
                try v.attach(scale: points, axis: 0)
                let interpolation = try file.createScalar("/\(name)_interpolation", Double.nan)
                try interpolation.attributes().set("interpolation_name", string: "linear")
                try interpolation.attributes().set("tie_point_mapping",
                                                   string: "\(name): \(name)_indices \(name)_points")
                return v
            }
            let timeValues = try ties("time", indices: [0, Int64(samples - 1)], values: [m.startTimeNs, lastNs],
                                      on: timePoints)
            try timeValues.attributes().set("units", string: "nanoseconds since 1970-01-01")
            try timeValues.attributes().set("calendar", string: "proleptic_gregorian")
            _ = try ties("distance", indices: distanceTies.map(Int64.init),
                         values: distanceTies.map { m.channelPositions[$0] }, on: distancePoints)
            try file.flush()
        })
    }
}
