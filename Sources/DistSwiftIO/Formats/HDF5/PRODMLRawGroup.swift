import DistSwiftNative

/// One `/Acquisition/Raw[n]` group of a PRODML-shaped file (PRODML 2.x, and the vendor files built on it: OptaSense
/// QuantX/ODH3, Sintela ONYX), scanned into a matrix and metadata. Shared by the readers of those layouts, which
/// differ only in how they are recognised and named.
///
/// - Axis order: RawData's `Dimensions` attribute; without it, the axis whose length is `NumberOfLoci` is the locus
///   axis; without either, PRODML's default time × locus. OptaSense wrote locus × time without saying so (xdas PR
///   #47), which is why NumberOfLoci is asked before the default.
/// - Time: `RawDataTime` (µs since the epoch) checked for regularity and `OutputDataRate` preferred as the exact
///   rate; without RawDataTime, the tie points `PartStartTime` / `PartEndTime` on RawData (ISO text, first and
///   last sample inclusive, as xdas reads Sintela and OptaSense files).
/// - Positions: `(StartLocusIndex + i) × SpatialSamplingInterval`.
struct PRODMLRawGroup {
    let matrix: HDF5Matrix
    var metadata: RecordMetadata

    /// The `Raw[n]` groups with RawData, n = 0…15, in order.
    static func rawGroups(in file: HDF5File) -> [String] {
        (0..<16).map { "/Acquisition/Raw[\($0)]" }.filter { file.exists($0 + "/RawData") }
    }

    /// The acquisition's vendor code, e.g. "OptaSense", "Sintela", "Silixa".
    static func vendorCode(in file: HDF5File) -> String? {
        file.attributeText("/Acquisition", "VendorCode") ?? file.attributeText("/", "VendorCode")
    }

    /// The names ("Raw[0]", …) of the `Raw[n]` groups with RawData of the file at `path`.
    static func recordNames(path: String) throws -> [String] {
        rawGroups(in: try HDF5File.open(path)).map { String($0.dropFirst("/Acquisition/".count)) }
    }

    /// The group `record` ("Raw[1]") of the file at `path`, scanned.
    init(path: String, record: String, formatName: String) throws {
        let file = try HDF5File.open(path)
        let raw = "/Acquisition/" + record
        guard file.exists(raw + "/RawData") else {
            throw RecordError(file: path, problem: "has no \(raw)/RawData")
        }
        try self.init(file: file, raw: raw, formatName: formatName)
    }

    init(file: HDF5File, raw: String, formatName: String) throws {
        let path = file.path
        let data = try file.dataset(raw + "/RawData")
        let shape = try data.shape()
        let loci = file.attributeNumber(raw, "NumberOfLoci") ?? file.attributeNumber("/Acquisition", "NumberOfLoci")
        let dims = try Self.dimensions(of: data, shape: shape, loci: loci.map { Int($0) }, file: path)
        matrix = try HDF5Matrix(file: file, datasetPath: raw + "/RawData", timeFirst: dims.first == "time")
        if let loci, Int(loci) != matrix.channelCount {
            throw RecordError(file: path, problem: "NumberOfLoci is \(Int(loci)) but RawData has "
                + "\(matrix.channelCount) loci (Dimensions \(dims)): is the array transposed?")
        }
        let time = try Self.timeAxis(file: file, raw: raw, sampleCount: matrix.sampleCount, dims: dims)
        let spacing = file.attributeNumber("/Acquisition", "SpatialSamplingInterval") ?? 1
        let startLocus = file.attributeNumber(raw, "StartLocusIndex")
            ?? file.attributeNumber("/Acquisition", "StartLocusIndex") ?? 0
        let version = file.attributeText("/Acquisition", "schemaVersion") ?? file.attributeText("/", "schemaVersion")
        metadata = RecordMetadata(
            format: formatName + (version.map { " \($0)" } ?? ""),
            channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: time.samplingRateHz, startTimeNs: time.startTimeNs,
            channelPositions: (0..<matrix.channelCount).map { (startLocus + Double($0)) * spacing },
            units: file.attributeText(raw, "RawDataUnit"),
            gaugeLengthM: file.attributeNumber("/Acquisition", "GaugeLength"),
            vendor: Self.vendorCode(in: file), storedType: matrix.storedType)
    }

    static func timeAxis(file: HDF5File, raw: String, sampleCount: Int, dims: [String]) throws -> RegularTimeAxis {
        let path = file.path
        let declaredRate = file.attributeNumber(raw, "OutputDataRate")
        let timePath = raw + "/RawDataTime"
        var time: RegularTimeAxis
        if file.exists(timePath) {
            let timesUs = try file.dataset(timePath).read(as: Int64.self)
            if timesUs.count == 1, sampleCount == 1, let declaredRate {
                time = RegularTimeAxis(startTimeNs: timesUs[0] * 1000, samplingRateHz: declaredRate)
            } else {
                time = try RegularTimeAxis(timesNs: timesUs.map { $0 * 1000 }, expectedCount: sampleCount,
                                           file: path, what: "RawDataTime (Dimensions \(dims))")
            }
        } else if let first = file.attributeText(raw + "/RawData", "PartStartTime").flatMap(UTCTime.parse),
                  let last = file.attributeText(raw + "/RawData", "PartEndTime").flatMap(UTCTime.parse)
        {
            guard sampleCount >= 2, last > first else {
                throw RecordError(file: path, problem: "RawData's PartStartTime and PartEndTime give no sampling "
                    + "rate for \(sampleCount) samples")
            }
            time = RegularTimeAxis(startTimeNs: first, samplingRateHz: 1e9 * Double(sampleCount - 1) / Double(last - first))
        } else {
            throw RecordError(file: path, problem: "has RawData but neither RawDataTime nor RawData's "
                + "PartStartTime/PartEndTime, so its times are unknown")
        }
        if let declaredRate {
            guard abs(declaredRate - time.samplingRateHz) / declaredRate <= 0.01 else {
                let source = file.exists(timePath) ? "RawDataTime steps" : "PartStartTime/PartEndTime"
                throw RecordError(file: path, problem: "OutputDataRate is \(declaredRate) Hz but \(source) give "
                    + "\(time.samplingRateHz) Hz")
            }
            // The declared rate is exact; the vector's µs resolution is not.
            time = RegularTimeAxis(startTimeNs: time.startTimeNs, samplingRateHz: declaredRate)
        }
        return time
    }

    static func dimensions(of data: HDF5Dataset, shape: [Int], loci: Int?, file: String) throws -> [String] {
        let attributes = try data.attributes()
        guard attributes.contains("Dimensions") else {
            if let loci, shape.count == 2, shape[0] != shape[1] {
                if shape[0] == loci { return ["locus", "time"] }
                if shape[1] == loci { return ["time", "locus"] }
            }
            return ["time", "locus"]  // PRODML's default order
        }
        let raw = try attributes.strings("Dimensions")
        // Stored either as a string array or as one string "time, locus".
        let dims = raw.flatMap { $0.split(whereSeparator: { ", []'\"".contains($0) }).map { String($0).lowercased() } }
        guard dims.count == 2, Set(dims) == ["time", "locus"] else {
            throw RecordError(file: file, problem: "RawData's Dimensions attribute is \(raw); expected time and locus")
        }
        return dims
    }
}

/// A vendor layout built on PRODML raw data, recognised by its `/Acquisition@VendorCode`: sniffing and scanning are
/// PRODML's, the name in the store is "<vendor layout> (PRODML <version>)".
protocol PRODMLVendorReader: MultiRecordReader, HDF5MatrixReader {
    /// Whether a VendorCode belongs to this layout.
    static func claims(_ vendorCode: String?) -> Bool
    init(path: String, group: PRODMLRawGroup)
}

extension PRODMLVendorReader {
    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return claims(PRODMLRawGroup.vendorCode(in: file)) && !PRODMLRawGroup.rawGroups(in: file).isEmpty
    }

    public static func recordNames(path: String) throws -> [String] {
        try PRODMLRawGroup.recordNames(path: path)
    }

    public init(path: String, record: String) throws {
        var group = try PRODMLRawGroup(path: path, record: record, formatName: Self.formatName + " (PRODML")
        group.metadata.format += ")"
        self.init(path: path, group: group)
    }
}
