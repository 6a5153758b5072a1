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
        let groups = CFTiePoints.mappingGroups(mapping)
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
        let timeLength = Int(time.indices.max() ?? -1) &+ 1  // wraps to negative at Int64.max: no shape matches
        let distanceLength = Int(distance.indices.max() ?? -1) &+ 1
        if shape == [timeLength, distanceLength] { return true }
        if shape == [distanceLength, timeLength] { return false }
        throw RecordError(file: path, problem: "the tie points span \(timeLength) times and \(distanceLength) "
            + "positions but the data have shape \(shape)")
    }

    static func timeAxis(_ ties: TiePoints, sampleCount: Int, file: HDF5File, path: String) throws -> RegularTimeAxis {
        guard let unitsText = file.attributeText(ties.valuesPath, "units"), let units = CFTimeUnits(unitsText) else {
            throw RecordError(file: path, problem: "\(ties.valuesPath) has no CF time units ('<unit> since <time>'): "
                + "\(file.attributeText(ties.valuesPath, "units") ?? "none")")
        }
        let data = try file.dataset(ties.valuesPath)
        let values: [Int64]
        if case .integer = try data.elementKind() {
            values = try CFTiePoints.nanoseconds(try data.read(as: Int64.self), units: units, path: path)
        } else {
            values = try CFTiePoints.nanoseconds(try data.read(as: Double.self), units: units, path: path)
        }
        return try CFTiePoints.timeAxis(indices: ties.indices, nanoseconds: values, sampleCount: sampleCount, path: path)
    }

    static func positions(_ ties: TiePoints, count: Int, file: HDF5File, path: String) throws -> [Double] {
        let values = try file.dataset(ties.valuesPath).read(as: Double.self)
        return try CFTiePoints.positions(indices: ties.indices, values: values, count: count, path: path)
    }
}
