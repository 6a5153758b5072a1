import DistSwiftNative

/// Writes a record as a PRODML 2.0 raw file (`/Acquisition/Raw[0]/RawData`, float32 time × locus, with
/// `RawDataTime` in µs), the layout `PRODMLReader` and other PRODML readers (DASCore, xdas) take. Used by
/// `distswift synth`; the file appears under its name only when complete.
public enum PRODMLWriter {
    /// Samples per HDF5 chunk and per write: about one second of a 10 kHz record.
    static let blockSamples = 10_000

    /// Writes `metadata.sampleCount` samples, fetched block by block from `samples` (channels × samples).
    public static func write(
        to location: any StorageLocation, path: String, metadata m: RecordMetadata,
        samples: (Range<Int>) throws -> Array2D<Float>
    ) throws {
        guard let spacing = m.channelSpacingM ?? (m.channelCount == 1 ? 1 : nil), spacing > 0,
              let first = m.channelPositions.first
        else {
            throw RecordError(file: location.address(of: path), problem: "PRODML needs evenly spaced, increasing "
                + "channel positions")
        }
        let startLocus = (first / spacing).rounded()
        guard abs(startLocus * spacing - first) <= 1e-9 * max(1, abs(first)) else {
            throw RecordError(file: location.address(of: path), problem: "the first channel (\(first) m) is not a "
                + "whole number of spacings (\(spacing) m) from 0, which PRODML's StartLocusIndex needs")
        }
        guard m.startTimeNs % 1000 == 0 else {
            throw RecordError(file: location.address(of: path), problem: "PRODML stores times in µs; the start "
                + "\(UTCTime.iso8601(m.startTimeNs)) has a sub-µs part")
        }
        try location.writeAtomically(path, viaTemporaryFile: { temporary in
            let file = try HDF5File.create(temporary)
            let acquisition = "/Acquisition"
            try file.createGroup(acquisition + "/Raw[0]")
            let a = try file.attributes(of: acquisition)
            try a.set("schemaVersion", string: "2.0")
            try a.set("SpatialSamplingInterval", [spacing])
            try a.set("SpatialSamplingIntervalUnit", string: "m")
            try a.set("StartLocusIndex", [Int64(startLocus)])
            try a.set("NumberOfLoci", [Int64(m.channelCount)])
            try a.set("MeasurementStartTime", string: UTCTime.iso8601(m.startTimeNs))
            if let g = m.gaugeLengthM {
                try a.set("GaugeLength", [g])
                try a.set("GaugeLengthUnit", string: "m")
            }
            if let v = m.vendor { try a.set("VendorCode", string: v) }
            // DASCore recognises PRODML by these five Acquisition attributes. A store knows neither the pulse rate
            // nor the pulse width: the output rate is a lower bound of the pulse rate, and the width is NaN
            // (unknown) rather than an invented number.
            try a.set("PulseRate", [m.samplingRateHz])
            try a.set("PulseRateUnit", string: "Hz")
            try a.set("PulseWidth", [Double.nan])
            try a.set("PulseWidthUnit", string: "ns")
            try a.set("uuid", string: Self.uuid(m))
            let raw = try file.attributes(of: acquisition + "/Raw[0]")
            try raw.set("OutputDataRate", [m.samplingRateHz])
            try raw.set("StartLocusIndex", [Int64(startLocus)])
            try raw.set("NumberOfLoci", [Int64(m.channelCount)])
            if let u = m.units { try raw.set("RawDataUnit", string: u) }

            let block = max(1, min(blockSamples, m.sampleCount))
            let data = try file.createDataset(acquisition + "/Raw[0]/RawData", of: Float.self,
                                              shape: [m.sampleCount, m.channelCount], chunks: [block, m.channelCount])
            try data.attributes().set("Dimensions", strings: ["time", "locus"])
            try data.attributes().set("PartStartTime", string: UTCTime.iso8601(m.startTimeNs))
            let times = (0..<m.sampleCount).map { i in
                m.startTimeNs / 1000 + Int64((Double(i) * 1e6 / m.samplingRateHz).rounded())
            }
            let timeData = try file.createDataset(acquisition + "/Raw[0]/RawDataTime", of: Int64.self,
                                                  shape: [m.sampleCount])
            try timeData.write(times)
            // DASCore takes its time axis from these ISO stamps of the first and last sample (ns digits kept).
            let lastNs = m.startTimeNs + Int64((Double(max(0, m.sampleCount - 1)) * 1e9 / m.samplingRateHz).rounded())
            try timeData.attributes().set("PartStartTime", string: UTCTime.iso8601(m.startTimeNs))
            try timeData.attributes().set("PartEndTime", string: UTCTime.iso8601(lastNs))
            for lower in stride(from: 0, to: m.sampleCount, by: block) {
                let range = lower..<min(lower + block, m.sampleCount)
                let piece = try samples(range)
                let timeMajor = HDF5Matrix.transposed(piece.values, rows: piece.rows, columns: piece.columns)
                try data.write(timeMajor.values, offset: [lower, 0], count: [range.count, m.channelCount])
            }
            try file.flush()
        })
    }

    /// A UUID-shaped identifier that depends only on the record (start, rate, shape), so exporting the same store
    /// twice gives the same files.
    static func uuid(_ m: RecordMetadata) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for value in [UInt64(bitPattern: m.startTimeNs), m.samplingRateHz.bitPattern, UInt64(m.channelCount),
                      UInt64(m.sampleCount)] {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash = (hash ^ ((value >> UInt64(shift)) & 0xff)) &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16).leftPadded(to: 16) + String(hash &* 0x9e37_79b9_7f4a_7c15, radix: 16)
            .leftPadded(to: 16)
        let c = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(c[$0]) }.joined(separator: "-")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
