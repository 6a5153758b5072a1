import DistSwiftNative

/// xdas NetCDF-CF (NetCDF4 = HDF5 underneath, root `Conventions` "CF-…"): one 2-D data variable (`__values__` when
/// unnamed) whose coordinates are CF tie points, not per-sample vectors — the dimension variables `/time` and
/// `/distance` hold placeholders (zeros) and must not be read. The data variable's `coordinate_interpolation`
/// attribute links each dimension to its tie points, in either of xdas's spellings:
/// - CF 1.13 (xdas ≥ 0.2.10): "time_values: time_interpolation …"; the interpolation variable's
///   `tie_point_mapping` is "time: time_indices time_points";
/// - older xdas: "time: time_indices time_values …".
/// Tie indices are sample numbers, tie values the coordinate there (time encoded with CF units such as
/// "milliseconds since 2024-03-05 06:07:08.123456789"); between tie points the coordinate is linear. Time must be
/// one regular segment (a gap is two tie points on adjacent samples and is refused); positions may be any
/// piecewise-linear line. The axis order comes from `_Netcdf4Coordinates` / `_Netcdf4Dimid`, else from the tie
/// indices' extents. Layout: xdas `io/netcdf.py`, `coordinates/interp.py`.
public struct XdasNetCDFReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "xdas NetCDF-CF"
    public static var signature: [String] {
        ["/@Conventions", "/__values__", "/__values__@coordinate_interpolation", "/time_indices", "/time_values", "/distance_indices", "/distance_values"]
    }

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    /// A coordinate given by tie points: sample indices and the values there.
    struct TiePoints {
        let dimension: String
        let indices: [Int64]
        let valuesPath: String
    }

    /// Root 2-D data sets with a `coordinate_interpolation` attribute: the data variables.
    static func dataVariables(in file: HDF5File) -> [String] {
        ((try? file.members(of: "/")) ?? []).filter { $0.kind == .dataset }.map { "/" + $0.name }.filter { path in
            file.attributeText(path, "coordinate_interpolation") != nil
                && ((try? file.dataset(path).shape())?.count ?? 0) == 2
        }
    }

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5, let conventions = file.attributeText("/", "Conventions"),
              conventions.contains("CF")
        else { return false }
        return !dataVariables(in: file).isEmpty
    }

    /// The tie points of every dimension named in `mapping`, in either spelling.
    static func tiePoints(_ mapping: String, file: HDF5File, path: String) throws -> [TiePoints] {
        var groups: [(key: String, names: [String])] = []
        for token in mapping.split(separator: " ").map(String.init) {
            if token.hasSuffix(":") { groups.append((String(token.dropLast()), [])) } else if !groups.isEmpty {
                groups[groups.count - 1].names.append(token)
            }
        }
        return try groups.map { group in
            var dimension = group.key
            var indicesName: String
            var valuesName: String
            if group.names.count == 2 {  // "time: time_indices time_values"
                (indicesName, valuesName) = (group.names[0], group.names[1])
            } else if group.names.count == 1,  // "time_values: time_interpolation" + its tie_point_mapping
                      let tie = file.attributeText("/" + group.names[0], "tie_point_mapping")
            {
                let parts = tie.split(separator: " ").map(String.init)
                guard parts.count >= 2, parts[0].hasSuffix(":") else {
                    throw RecordError(file: path, problem: "\(group.names[0])@tie_point_mapping '\(tie)' is not "
                        + "'<dimension>: <indices> <points>'")
                }
                (dimension, indicesName, valuesName) = (String(parts[0].dropLast()), parts[1], group.key)
            } else {
                throw RecordError(file: path, problem: "coordinate_interpolation '\(mapping)' names no tie points "
                    + "for \(group.key)")
            }
            guard file.exists("/" + indicesName), file.exists("/" + valuesName) else {
                throw RecordError(file: path, problem: "the tie points of \(dimension) (\(indicesName), "
                    + "\(valuesName)) are not in the file")
            }
            let indices = try file.dataset("/" + indicesName).read(as: Int64.self)
            return TiePoints(dimension: dimension, indices: indices, valuesPath: "/" + valuesName)
        }
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        let variables = Self.dataVariables(in: file)
        guard variables.count == 1, let variable = variables.first else {
            throw RecordError(file: path, problem: "holds \(variables.count) data variables with tie-point "
                + "coordinates (\(variables.joined(separator: ", "))); distswift ingests one record per file",
                fix: "write one data array per file (xdas: da.to_netcdf)")
        }
        let mapping = file.attributeText(variable, "coordinate_interpolation") ?? ""
        let ties = try Self.tiePoints(mapping, file: file, path: path)
        guard let time = ties.first(where: { $0.dimension == "time" }),
              let distance = ties.first(where: { $0.dimension != "time" })
        else {
            throw RecordError(file: path, problem: "\(variable)'s coordinates are \(ties.map(\.dimension)); a DAS "
                + "record has time and distance (a frequency axis is a processed product)",
                fix: "ingest the time series the product was computed from")
        }
        let shape = try file.dataset(variable).shape()
        let timeFirst = try Self.timeIsFirst(variable: variable, shape: shape, time: time, distance: distance,
                                             file: file, path: path)
        matrix = try HDF5Matrix(file: file, datasetPath: variable, timeFirst: timeFirst)
        let axis = try Self.timeAxis(time, sampleCount: matrix.sampleCount, file: file, path: path)
        let positions = try Self.positions(distance, count: matrix.channelCount, file: file, path: path)
        metadata = RecordMetadata(
            format: Self.formatName + (file.attributeText("/", "Conventions").map { " (\($0))" } ?? ""),
            channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: axis.samplingRateHz, startTimeNs: axis.startTimeNs, channelPositions: positions,
            units: file.attributeText(variable, "units"), gaugeLengthM: file.attributeNumber(variable, "gauge_length"),
            vendor: nil, storedType: matrix.storedType)
    }

    /// Whether axis 0 is time: the netCDF dimension ids when written, else the tie indices' extents.
    static func timeIsFirst(variable: String, shape: [Int], time: TiePoints, distance: TiePoints, file: HDF5File,
                            path: String) throws -> Bool {
        if let ids = file.attributeNumbers(variable, "_Netcdf4Coordinates"), ids.count == 2,
           let timeId = file.attributeNumber("/" + time.dimension, "_Netcdf4Dimid")
        {
            return ids[0] == timeId
        }
        let timeLength = Int((time.indices.max() ?? -1) + 1)
        let distanceLength = Int((distance.indices.max() ?? -1) + 1)
        if shape == [timeLength, distanceLength] { return true }
        if shape == [distanceLength, timeLength] { return false }
        throw RecordError(file: path, problem: "the tie points span \(timeLength) times and \(distanceLength) "
            + "positions but the data have shape \(shape)")
    }

    /// Checks that the tie points cover 0…count−1 in increasing order.
    static func checkCoverage(_ ties: TiePoints, count: Int, path: String) throws {
        guard ties.indices.first == 0, ties.indices.last == Int64(count - 1),
              zip(ties.indices.dropFirst(), ties.indices).allSatisfy({ $0 > $1 })
        else {
            throw RecordError(file: path, problem: "the \(ties.dimension) tie indices \(ties.indices.prefix(6)) do "
                + "not run from 0 to \(count - 1) in increasing order")
        }
    }

    static func timeAxis(_ ties: TiePoints, sampleCount: Int, file: HDF5File, path: String) throws -> RegularTimeAxis {
        try checkCoverage(ties, count: sampleCount, path: path)
        guard let unitsText = file.attributeText(ties.valuesPath, "units"), let units = CFTimeUnits(unitsText) else {
            throw RecordError(file: path, problem: "\(ties.valuesPath) has no CF time units ('<unit> since <time>'): "
                + "\(file.attributeText(ties.valuesPath, "units") ?? "none")")
        }
        let data = try file.dataset(ties.valuesPath)
        let values: [Int64]
        if case .integer = try data.elementKind() {
            values = units.nanoseconds(try data.read(as: Int64.self))
        } else {
            values = units.nanoseconds(try data.read(as: Double.self))
        }
        guard values.count == ties.indices.count, sampleCount >= 2, let first = values.first, let last = values.last,
              last > first
        else {
            throw RecordError(file: path, problem: "the time tie points give no sampling rate")
        }
        let step = Double(last - first) / Double(sampleCount - 1)
        for k in 1..<values.count {
            let expected = Double(ties.indices[k]) * step
            let offGrid = abs(Double(values[k] - first) - expected)
            if offGrid > max(1, step * 1e-6) {
                throw RecordError(file: path, problem: "the time tie point at sample \(ties.indices[k]) is "
                    + "\(offGrid) ns off the line through the first and last samples: the record has a gap or an "
                    + "overlap", fix: "split the record at the gap (xdas: da.split) and ingest the parts")
            }
        }
        return RegularTimeAxis(startTimeNs: first, samplingRateHz: 1e9 / step)
    }

    static func positions(_ ties: TiePoints, count: Int, file: HDF5File, path: String) throws -> [Double] {
        try checkCoverage(ties, count: count, path: path)
        let values = try file.dataset(ties.valuesPath).read(as: Double.self)
        guard values.count == ties.indices.count else {
            throw RecordError(file: path, problem: "\(ties.valuesPath) has \(values.count) values for "
                + "\(ties.indices.count) tie indices")
        }
        var out: [Double] = []
        out.reserveCapacity(count)
        for k in 0..<(values.count - 1) {
            let (i0, i1) = (Int(ties.indices[k]), Int(ties.indices[k + 1]))
            for i in i0..<i1 {
                out.append(values[k] + (values[k + 1] - values[k]) * Double(i - i0) / Double(i1 - i0))
            }
        }
        out.append(values[values.count - 1])
        return out
    }
}
