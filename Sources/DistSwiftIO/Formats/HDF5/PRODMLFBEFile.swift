import DistSwiftNative
import Foundation

/// A PRODML 2.0 processed FBE group (`/Acquisition/Processed/Fbe[n]`), as OptaSense interrogators and
/// `PRODMLFBEWriter` write it, read band by band:
///
/// - `FbeData[m]`: one band's energies, time × locus (or as its `Dimensions` attribute says), with the band edges
///   `StartFrequency` / `EndFrequency` (Hz).
/// - `FbeDataTime`: int64 µs since the epoch, one per time; the group's `OutputDataRate` is the nominal rate.
/// - Loci: `Custom/MeasuredDepth` (distswift's writer) when it has one value per locus, else
///   `(StartLocusIndex + i) × SpatialSamplingInterval` (StartLocusIndex of the group, else of /Acquisition).
/// - Names and units: `Custom@FbeData[m].Mnemonic` / `.Unit` (distswift's writer) else `band{m}` and the group's
///   `FbeDataUnit`.
public struct PRODMLFBEFile {
    public struct Band: Sendable, Equatable {
        public let name: String
        public let unit: String?
        public let startFrequencyHz: Double
        public let endFrequencyHz: Double
        let dataset: String
        let timeFirst: Bool
    }

    public let path: String
    /// The group read, e.g. "/Acquisition/Processed/Fbe[0]".
    public let group: String
    public let bands: [Band]
    public let timesNs: [Int64]
    public let depths: [Double]
    public let depthUnit: String
    /// The declared OutputDataRate, else the median step of the times (NaN for one time).
    public let rateHz: Double
    private let file: HDF5File

    /// The `Fbe[n]` groups that hold FbeData[0] and FbeDataTime, n = 0…15.
    public static func groups(in file: HDF5File) -> [String] {
        (0..<16).map { "/Acquisition/Processed/Fbe[\($0)]" }
            .filter { file.exists($0 + "/FbeData[0]") && file.exists($0 + "/FbeDataTime") }
    }

    public init(path: String, select: String? = nil) throws {
        try self.init(file: try HDF5File.open(path), select: select)
    }

    /// Reads the group `select` ("Fbe[1]"), or the only FBE group; a file with several needs `select`.
    public init(file: HDF5File, select: String? = nil) throws {
        path = file.path
        self.file = file
        let all = Self.groups(in: file)
        let names = all.map { String($0.dropFirst("/Acquisition/Processed/".count)) }
        if let select {
            guard let i = names.firstIndex(of: select) else {
                throw RecordError(file: path, problem: "holds the FBE groups \(names); \(select) is none of them",
                                  fix: "choose one of: " + names.joined(separator: ", "))
            }
            group = all[i]
        } else {
            guard all.count == 1 else {
                throw RecordError(file: path, problem: all.isEmpty
                    ? "has no /Acquisition/Processed/Fbe[n] group with FbeData[0] and FbeDataTime"
                    : "holds \(all.count) FBE groups (\(names.joined(separator: ", "))); none is chosen silently",
                    fix: all.isEmpty ? nil : "choose one with --select \(names[0])")
            }
            group = all[0]
        }
        let timesUs = try file.dataset(group + "/FbeDataTime").read(as: Int64.self)
        // A corrupt time vector must be refused, not trap on the conversion to ns.
        if let bad = timesUs.first(where: { $0.multipliedReportingOverflow(by: 1000).overflow }) {
            throw RecordError(file: path, problem: "\(group)/FbeDataTime holds \(bad) µs, more than ±292 years from "
                              + "the epoch: not a time")
        }
        timesNs = timesUs.map { $0 * 1000 }
        guard !timesNs.isEmpty else { throw RecordError(file: path, problem: "\(group)/FbeDataTime is empty") }
        guard zip(timesNs, timesNs.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw RecordError(file: path, problem: "\(group)/FbeDataTime does not increase")
        }
        guard !timesNs[timesNs.count - 1].subtractingReportingOverflow(timesNs[0]).overflow else {
            throw RecordError(file: path, problem: "\(group)/FbeDataTime spans more than 292 years: not a time axis")
        }
        let steps = zip(timesNs, timesNs.dropFirst()).map { $1 - $0 }.sorted()
        rateHz = file.attributeNumber(group, "OutputDataRate")
            ?? (steps.isEmpty ? .nan : 1e9 / Double(steps[steps.count / 2]))

        var bands: [Band] = []
        var loci: Int?
        let custom = group + "/Custom"
        while file.exists(group + "/FbeData[\(bands.count)]") {
            let m = bands.count, dataset = group + "/FbeData[\(m)]"
            let data = try file.dataset(dataset)
            let shape = try data.shape()
            let timeFirst = try Self.timeFirst(data, dataset: dataset, file: path)
            guard shape.count == 2, shape[timeFirst ? 0 : 1] == timesNs.count else {
                throw RecordError(file: path, problem: "\(dataset) has shape \(shape) but FbeDataTime has "
                    + "\(timesNs.count) times")
            }
            let bandLoci = shape[timeFirst ? 1 : 0]
            if let loci, loci != bandLoci {
                throw RecordError(file: path, problem: "\(dataset) has \(bandLoci) loci but FbeData[0] has \(loci)")
            }
            loci = bandLoci
            bands.append(Band(
                name: file.attributeText(custom, "FbeData[\(m)].Mnemonic") ?? "band\(m)",
                unit: file.attributeText(custom, "FbeData[\(m)].Unit") ?? file.attributeText(group, "FbeDataUnit"),
                startFrequencyHz: file.attributeNumber(dataset, "StartFrequency") ?? .nan,
                endFrequencyHz: file.attributeNumber(dataset, "EndFrequency") ?? .nan,
                dataset: dataset, timeFirst: timeFirst))
        }
        self.bands = bands
        let count = loci ?? 0
        let measured = file.exists(custom + "/MeasuredDepth")
            ? try file.dataset(custom + "/MeasuredDepth").read(as: Double.self) : nil
        if let measured, measured.count == count {
            depths = measured
        } else {
            let spacing = file.attributeNumber("/Acquisition", "SpatialSamplingInterval") ?? 1
            let start = file.attributeNumber(group, "StartLocusIndex")
                ?? file.attributeNumber("/Acquisition", "StartLocusIndex") ?? 0
            depths = (0..<count).map { (start + Double($0)) * spacing }
        }
        depthUnit = file.attributeText("/Acquisition", "SpatialSamplingIntervalUnit") ?? "m"
    }

    /// Whether a band's data set is time × locus: its `Dimensions` attribute, else PRODML's default order.
    static func timeFirst(_ data: HDF5Dataset, dataset: String, file: String) throws -> Bool {
        let attributes = try data.attributes()
        guard attributes.contains("Dimensions") else { return true }
        let raw = try attributes.strings("Dimensions")
        let dims = PRODMLRawGroup.axisNames(raw)
        guard dims.count == 2, Set(dims) == ["time", "locus"] else {
            throw RecordError(file: file, problem: "\(dataset)'s Dimensions attribute is \(raw); expected time "
                              + "and locus")
        }
        return dims[0] == "time"
    }

    /// Band `m`'s energies at times `range`, loci × times.
    public func values(band m: Int, times range: Range<Int>) throws -> Array2D<Float> {
        let band = bands[m], loci = depths.count
        let data = try file.dataset(band.dataset)
        if band.timeFirst {
            let block = try data.read(as: Float.self, offset: [range.lowerBound, 0], count: [range.count, loci])
            return HDF5Matrix.transposed(block, rows: range.count, columns: loci)
        }
        let block = try data.read(as: Float.self, offset: [0, range.lowerBound], count: [loci, range.count])
        return Array2D(rows: loci, columns: range.count, values: block)
    }

    /// "PRODML processed FBE: 5 bands (-0.488–1.46, 0.488–10.3, … Hz each), 453 times at 0.195 Hz, 301 loci".
    public var summary: String {
        func hz(_ f: Double) -> String { String(format: "%.4g", f) }
        let edges = bands.map { "\(hz($0.startFrequencyHz))–\(hz($0.endFrequencyHz))" }.joined(separator: ", ")
        return "PRODML processed FBE: \(bands.count) bands (\(edges) Hz each), \(timesNs.count) times at "
            + "\(hz(rateHz)) Hz from \(UTCTime.iso8601(timesNs[0])), \(depths.count) loci"
    }
}
