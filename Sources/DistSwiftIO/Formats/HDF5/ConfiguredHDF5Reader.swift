import DistSwiftNative

/// Reads an HDF5 file through the user's `hdf5_layout` description: the same checks as the built-in layouts
/// (time vector length and regularity, coordinate lengths), with each referenced value looked up in the file.
public struct ConfiguredHDF5Reader: RecordSource, HDF5MatrixReader {
    public static let formatName = "HDF5 (hdf5_layout)"

    public let path: String
    public let layout: HDF5Layout
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    /// True when `path` is an HDF5 file holding the layout's data set.
    public static func applies(_ layout: HDF5Layout, to path: String) -> Bool {
        guard HDF5File.isHDF5(path), let file = try? HDF5File.open(path) else { return false }
        return file.exists(layout.data)
    }

    public init(path: String, layout: HDF5Layout) throws {
        self.path = path
        self.layout = layout
        let file = try HDF5File.open(path)
        guard file.exists(layout.data) else {
            throw RecordError(file: path, problem: "has no data set \(layout.data) (hdf5_layout.data)")
        }
        matrix = try HDF5Matrix(file: file, datasetPath: layout.data, timeFirst: layout.timeFirst)

        func number(_ value: HDF5Layout.Value, key: String) throws -> Double {
            let found: Double?
            switch value {
            case .number(let d): found = d
            case .text(let s): found = HDF5File.number(in: s)
            case .dataset(let p): found = file.datasetNumber(p)
            case .attribute(let o, let n): found = file.attributeNumber(o, n)
            }
            guard let found else {
                throw RecordError(file: path, problem: "hdf5_layout.\(key) = \(value) is not a number in this file",
                                  fix: "check the path and attribute name with `h5dump -H \(path)`")
            }
            return found
        }
        func startTime(_ value: HDF5Layout.Value) throws -> Int64 {
            let text: String?
            switch value {
            case .number(let seconds): return try RegularTimeAxis.nanoseconds(epochSeconds: seconds, file: path)
            case .text(let s): text = s
            case .dataset(let p): text = file.datasetText(p) ?? file.datasetNumber(p).map { "\($0)" }
            case .attribute(let o, let n): text = file.attributeText(o, n) ?? file.attributeNumber(o, n).map { "\($0)" }
            }
            if let text, let ns = UTCTime.parse(text) { return ns }
            if let text, let seconds = Double(text) { return try RegularTimeAxis.nanoseconds(epochSeconds: seconds, file: path) }
            throw RecordError(file: path, problem: "hdf5_layout.time.start = \(value) gives '\(text ?? "nothing")', "
                + "neither an ISO 8601 time nor epoch seconds")
        }

        let time: RegularTimeAxis
        switch layout.time {
        case .vector(let dataset, let unit):
            guard file.exists(dataset) else {
                throw RecordError(file: path, problem: "has no time data set \(dataset) (hdf5_layout.time.dataset)")
            }
            let kind = try file.dataset(dataset).elementKind()
            let ns: [Int64]
            if case .integer = kind, unit == "ns" || unit == "us" || unit == "µs" {
                let raw = try file.dataset(dataset).read(as: Int64.self)  // exact: no detour through Double
                ns = unit == "ns" ? raw : try raw.map { us in
                    let (ns, overflow) = us.multipliedReportingOverflow(by: 1000)
                    guard !overflow else { throw RegularTimeAxis.outOfRange("\(us) µs since 1970", file: path) }
                    return ns
                }
            } else {
                ns = try RegularTimeAxis.nanoseconds(try file.dataset(dataset).read(as: Double.self), unit: unit, file: path) ?? []
            }
            time = try RegularTimeAxis(timesNs: ns, expectedCount: matrix.sampleCount, file: path,
                                       what: "\(dataset) (hdf5_layout.time.dataset, axes "
                                           + "\(layout.timeFirst ? "time,distance" : "distance,time"))")
        case .startAndRate(let start, let rate):
            let hz = try number(rate, key: "time.rate_hz")
            guard hz > 0 else { throw RecordError(file: path, problem: "hdf5_layout.time.rate_hz gives \(hz) Hz") }
            time = RegularTimeAxis(startTimeNs: try startTime(start), samplingRateHz: hz)
        }

        let positions: [Double]
        switch layout.distance {
        case .channelIndex:
            positions = (0..<matrix.channelCount).map(Double.init)
        case .vector(let dataset):
            guard file.exists(dataset) else {
                throw RecordError(file: path, problem: "has no distance data set \(dataset) (hdf5_layout.distance)")
            }
            positions = try file.dataset(dataset).read(as: Double.self)
            guard positions.count == matrix.channelCount else {
                throw RecordError(file: path, problem: "\(dataset) has \(positions.count) positions but \(layout.data) "
                    + "has \(matrix.channelCount) channels with axes "
                    + "\(layout.timeFirst ? "time,distance" : "distance,time")", fix: "check hdf5_layout.axes")
            }
        case .startAndSpacing(let start, let spacing):
            let x0 = try number(start, key: "distance.start_m")
            let dx = try number(spacing, key: "distance.spacing_m")
            positions = (0..<matrix.channelCount).map { x0 + Double($0) * dx }
        }
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: time.samplingRateHz, startTimeNs: time.startTimeNs, channelPositions: positions,
            units: layout.units, gaugeLengthM: try layout.gaugeLengthM.map { try number($0, key: "gauge_length_m") },
            vendor: nil, storedType: matrix.storedType)
    }
}
