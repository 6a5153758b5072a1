import DistSwiftNative

/// PRODML 2.0 / 2.1 raw data: `/Acquisition/Raw[n]/RawData` with `RawDataTime`. The `Dimensions` attribute of
/// RawData decides the axis order; positions are `(StartLocusIndex + i) × SpatialSamplingInterval`.
public struct PRODMLReader: RecordReader {
    public static let formatName = "PRODML"
    static let rawGroup = "/Acquisition/Raw[0]"

    public let path: String
    public let metadata: RecordMetadata
    private let file: HDF5File
    private let timeFirst: Bool

    public static func sniff(path: String) -> Bool {
        guard HDF5File.isHDF5(path), let file = try? HDF5File.open(path) else { return false }
        return file.exists(rawGroup + "/RawData") && file.exists("/Acquisition")
    }

    public init(path: String) throws {
        self.path = path
        file = try HDF5File.open(path)
        let acquisition = try file.attributes(of: "/Acquisition")
        let raw = try file.attributes(of: Self.rawGroup)
        let data = try file.dataset(Self.rawGroup + "/RawData")
        let shape = try data.shape()
        guard shape.count == 2 else {
            throw RecordError(file: path, problem: "RawData has shape \(shape); PRODML raw data must be 2-D")
        }
        let dims = try Self.dimensions(of: data, file: path)
        timeFirst = dims.first == "time"
        let samples = timeFirst ? shape[0] : shape[1]
        let channels = timeFirst ? shape[1] : shape[0]

        func number(_ a: HDF5Attributes, _ name: String) throws -> Double? {
            a.contains(name) ? try a.numbers(name, as: Double.self).first : nil
        }
        func text(_ a: HDF5Attributes, _ name: String) -> String? {
            (try? a.strings(name))?.first.flatMap { $0.isEmpty ? nil : $0 }
        }

        // Time: RawDataTime (µs since the epoch) is authoritative; it must match the data and increase.
        let timePath = Self.rawGroup + "/RawDataTime"
        guard file.exists(timePath) else {
            throw RecordError(file: path, problem: "has RawData but no RawDataTime")
        }
        let times = try file.dataset(timePath).read(as: Int64.self)
        guard times.count == samples else {
            throw RecordError(file: path, problem: "RawDataTime has \(times.count) entries but RawData has "
                + "\(samples) time samples (Dimensions \(dims))")
        }
        if let bad = times.indices.dropLast().first(where: { times[$0 + 1] <= times[$0] }) {
            throw RecordError(file: path, problem: "RawDataTime is not increasing at sample \(bad + 1) "
                + "(\(times[bad]) then \(times[bad + 1]) µs)")
        }
        let declaredRate = try number(raw, "OutputDataRate")
        var rate: Double
        if times.count >= 2 {
            rate = Double(times.count - 1) / (Double(times.last! - times.first!) * 1e-6)
            if let declaredRate, abs(declaredRate - rate) / declaredRate > 0.01 {
                throw RecordError(file: path, problem: "OutputDataRate is \(declaredRate) Hz but RawDataTime "
                    + "steps give \(rate) Hz")
            }
            if let declaredRate { rate = declaredRate }
        } else if let declaredRate {
            rate = declaredRate
        } else {
            throw RecordError(file: path, problem: "has one time sample and no OutputDataRate")
        }

        let spacing = try number(acquisition, "SpatialSamplingInterval") ?? 1
        let startLocus = try number(raw, "StartLocusIndex") ?? (try number(acquisition, "StartLocusIndex")) ?? 0
        if let loci = try number(raw, "NumberOfLoci"), Int(loci) != channels {
            throw RecordError(file: path, problem: "NumberOfLoci is \(Int(loci)) but RawData has \(channels) "
                + "loci (Dimensions \(dims)): is the array transposed?")
        }
        let rootAttributes = try file.attributes(of: "/")
        let version = text(acquisition, "schemaVersion") ?? text(rootAttributes, "schemaVersion")
        metadata = RecordMetadata(
            format: "PRODML" + (version.map { " \($0)" } ?? ""),
            channelCount: channels, sampleCount: samples, samplingRateHz: rate,
            startTimeNs: times.first! * 1000,
            channelPositions: (0..<channels).map { (startLocus + Double($0)) * spacing },
            units: text(raw, "RawDataUnit"), gaugeLengthM: try number(acquisition, "GaugeLength"),
            vendor: text(acquisition, "VendorCode"), storedType: Self.storedType(try data.elementKind()))
    }

    static func dimensions(of data: HDF5Dataset, file: String) throws -> [String] {
        let attributes = try data.attributes()
        guard attributes.contains("Dimensions") else { return ["time", "locus"] }  // PRODML's default order
        let raw = try attributes.strings("Dimensions")
        // Stored either as a string array or as one string "time, locus".
        let dims = raw.flatMap { $0.split(whereSeparator: { ", []'\"".contains($0) }).map { String($0).lowercased() } }
        guard dims.count == 2, Set(dims) == ["time", "locus"] else {
            throw RecordError(file: file, problem: "RawData's Dimensions attribute is \(raw); expected time and locus")
        }
        return dims
    }

    static func storedType(_ kind: HDF5ElementKind) -> ElementType? {
        switch kind {
        case .integer(2, true, _): return .int16
        case .integer(4, true, _): return .int32
        case .float(4, _): return .float32
        case .float(8, _): return .float64
        default: return nil
        }
    }

    public func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        let channels = metadata.channelCount
        let data = try file.dataset(Self.rawGroup + "/RawData")
        if !timeFirst {
            let values: [T] = try readHDF5(data, offset: [0, range.lowerBound], count: [channels, range.count])
            return Array2D(rows: channels, columns: range.count, values: values)
        }
        // time × locus on disk: transpose into channels × samples.
        let block: [T] = try readHDF5(data, offset: [range.lowerBound, 0], count: [range.count, channels])
        var out = [T](repeating: T(converting: 0), count: block.count)
        let n = range.count
        for t in 0..<n {
            for c in 0..<channels { out[c * n + t] = block[t * channels + c] }
        }
        return Array2D(rows: channels, columns: n, values: out)
    }

    private func readHDF5<T: StorableScalar>(_ data: HDF5Dataset, offset: [Int], count: [Int]) throws -> [T] {
        try data.read(as: T.self, offset: offset, count: count)
    }
}
