import DistSwiftNative
import Foundation

/// One frequency-band curve of a processed run: channels × times, its band edges (NaN when unknown) and unit.
public struct PRODMLFBEBand: Sendable {
    public var name: String
    public var description: String
    public var unit: String
    public var startFrequencyHz: Double
    public var endFrequencyHz: Double
    /// channels × times (the stack's depth × time layout; the file stores time × locus).
    public var values: Array2D<Double>

    public init(name: String, description: String, unit: String, startFrequencyHz: Double, endFrequencyHz: Double,
                values: Array2D<Double>) {
        self.name = name
        self.description = description
        self.unit = unit
        self.startFrequencyHz = startFrequencyHz
        self.endFrequencyHz = endFrequencyHz
        self.values = values
    }
}

/// Writes band curves over time as a PRODML 2.0 processed "FBE" file, the layout interrogators write
/// (e.g. OptaSense's, shared/data/das/prodml_fbe_1.h5):
///
///     /                                 uuid
///     /Acquisition                      schemaVersion "2.0", uuid, AcquisitionId, NumberOfLoci, StartLocusIndex,
///                                       SpatialSamplingInterval(+Unit), MeasurementStartTime
///     /Acquisition/Processed/Fbe[0]     FbeDataUnit, NumberOfLoci, StartLocusIndex, OutputDataRate, uuid
///       FbeDataTime                     int64 µs since the epoch, one per time; Count, StartIndex, StartTime,
///                                       PartStartTime, PartEndTime
///       FbeData[m]                      float32 time × locus; Dimensions ["time","locus"], StartFrequency,
///                                       EndFrequency, Count, StartIndex, PartStartTime, PartEndTime
///       Custom                          distswift's: FbeData[m].Mnemonic / .Description (the curve's own name),
///                                       MeasuredDepth (float64 data set: the depth of every locus)
///
/// The transform attributes (TransformSize, TransformType, WindowSize, WindowOverlap, WindowFunction) are left out:
/// the stacked curves do not carry them. Locus positions: SpatialSamplingInterval is the mean spacing of the depths;
/// StartLocusIndex is depth[0] / spacing when that is a whole number and the depths are evenly spaced, so locus i is
/// at (StartLocusIndex + i) × spacing as PRODML readers assume. Otherwise StartLocusIndex is 0 and the exact depths
/// are only in Custom/MeasuredDepth (distswift writes no LocusDepthPoint calibration table).
/// The file appears under its name only when complete.
public enum PRODMLFBEWriter {
    public static func write(to location: any StorageLocation, path: String, depth: [Double], depthUnit: String,
                             timesNs: [Int64], bands: [PRODMLFBEBand]) throws {
        let address = location.address(of: path)
        guard !depth.isEmpty, !timesNs.isEmpty, !bands.isEmpty else {
            throw RecordError(file: address, problem: "a PRODML FBE file needs at least one locus, one time and one band")
        }
        for band in bands where band.values.rows != depth.count || band.values.columns != timesNs.count {
            throw RecordError(file: address, problem: "band \(band.name) is \(band.values.rows)×\(band.values.columns) "
                              + "but there are \(depth.count) loci and \(timesNs.count) times")
        }
        let loci = depth.count, times = timesNs.count
        let spacing = loci > 1 ? (depth[loci - 1] - depth[0]) / Double(loci - 1) : 1
        let evenlySpaced = depth.indices.allSatisfy {
            abs(depth[0] + Double($0) * spacing - depth[$0]) <= 1e-6 * max(1, abs(spacing))
        }
        let startLocus = spacing != 0 ? (depth[0] / spacing).rounded() : 0
        let exactStart = evenlySpaced && spacing > 0 && abs(startLocus * spacing - depth[0]) <= 1e-6 * abs(spacing)
        let startLocusIndex = exactStart ? Int64(startLocus) : 0
        let microseconds = timesNs.map { ns in ns / 1000 - (ns % 1000 < 0 ? 1 : 0) }
        let start = UTCTime.iso8601(timesNs[0]), end = UTCTime.iso8601(timesNs[times - 1])
        let steps = zip(timesNs, timesNs.dropFirst()).map { $1 - $0 }.sorted()
        let rate = steps.isEmpty ? Double.nan : 1e9 / Double(steps[steps.count / 2])
        let units = Set(bands.map(\.unit))
        func uuid() -> String { UUID().uuidString.lowercased() }

        try location.writeAtomically(path, viaTemporaryFile: { temporary in
            let file = try HDF5File.create(temporary)
            let fbe = "/Acquisition/Processed/Fbe[0]"
            try file.createGroup(fbe + "/Custom")
            try file.attributes(of: "/").set("uuid", string: uuid())
            let acquisition = try file.attributes(of: "/Acquisition")
            let acquisitionID = uuid()
            try acquisition.set("schemaVersion", string: "2.0")
            try acquisition.set("uuid", string: acquisitionID)
            try acquisition.set("AcquisitionId", string: acquisitionID)
            try acquisition.set("NumberOfLoci", [Int64(loci)])
            try acquisition.set("StartLocusIndex", [startLocusIndex])
            try acquisition.set("SpatialSamplingInterval", [spacing])
            try acquisition.set("SpatialSamplingIntervalUnit", string: depthUnit.isEmpty ? "m" : depthUnit)
            try acquisition.set("MeasurementStartTime", string: start)
            // PRODML requires the interrogator's pulse settings, which a stack of processed outputs does not know:
            // NaN says "unknown" (and DASCore, which fingerprints PRODML files by these names, then reads the file).
            try acquisition.set("PulseRate", [Double.nan])
            try acquisition.set("PulseRateUnit", string: "Hz")
            try acquisition.set("PulseWidth", [Double.nan])
            try acquisition.set("PulseWidthUnit", string: "ns")

            let attributes = try file.attributes(of: fbe)
            // One unit for the whole Fbe group, as PRODML has it; mixed units are named per curve in Custom.
            try attributes.set("FbeDataUnit", string: units.count == 1 ? units.first! : "mixed")
            try attributes.set("NumberOfLoci", [Int64(loci)])
            try attributes.set("StartLocusIndex", [startLocusIndex])
            try attributes.set("OutputDataRate", [rate])
            try attributes.set("uuid", string: uuid())

            let time = try file.createDataset(fbe + "/FbeDataTime", of: Int64.self, shape: [times])
            try time.write(microseconds)
            let timeAttributes = try time.attributes()
            try timeAttributes.set("Count", [Int64(times)])
            try timeAttributes.set("StartIndex", [Int64(0)])
            try timeAttributes.set("StartTime", string: start)
            try timeAttributes.set("PartStartTime", string: start)
            try timeAttributes.set("PartEndTime", string: end)

            let custom = try file.attributes(of: fbe + "/Custom")
            try file.createDataset(fbe + "/Custom/MeasuredDepth", of: Double.self, shape: [loci]).write(depth)
            for (m, band) in bands.enumerated() {
                let timeMajor = Transpose.transposed(band.values.values.map { Float($0) }, rows: loci, columns: times)
                let data = try file.createDataset(fbe + "/FbeData[\(m)]", of: Float.self, shape: [times, loci])
                try data.write(timeMajor)
                let a = try data.attributes()
                try a.set("Dimensions", strings: ["time", "locus"])
                try a.set("StartFrequency", [band.startFrequencyHz])
                try a.set("EndFrequency", [band.endFrequencyHz])
                try a.set("Count", [Int64(times * loci)])
                try a.set("StartIndex", [Int64(0)])
                try a.set("PartStartTime", string: start)
                try a.set("PartEndTime", string: end)
                try custom.set("FbeData[\(m)].Mnemonic", string: band.name)
                try custom.set("FbeData[\(m)].Description", string: band.description)
                try custom.set("FbeData[\(m)].Unit", string: band.unit)
            }
            try file.flush()
        })
    }
}
