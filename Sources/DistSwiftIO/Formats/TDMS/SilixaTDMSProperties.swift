/// The Silixa iDAS properties of a TDMS record, read by the rules of its HDF5 sibling (`SilixaH5Reader`): iDAS
/// writes them on the file object (`/`), typed (numbers as numbers, `GPSTimeStamp` as a TDMS time stamp), where the
/// HDF5 files store the same names as text. Group properties, if a writer puts them there, win over the file's.
///
/// Positions are `Start Distance (m) + i × SpatialResolution[m] × Fibre Length Multiplier`. DASCore's origin,
/// `StartPosition[m]` (240 m in the sample file), belongs to no channel: `Start Distance (m)` and `Stop Distance (m)`
/// span exactly the channel count at that step, so the first channel is at `Start Distance (m)` (−0.51 m, as xdas
/// reads it; docs/notes/file-layouts.md §4 and §11). Declared sizes that contradict the data are refused.
struct SilixaTDMSProperties: Sendable {
    let samplingRateHz: Double
    let startTimeNs: Int64
    let channelPositions: [Double]
    let gaugeLengthM: Double?
    let version: String?

    /// How far (in channels) `Start Distance`…`Stop Distance` may be from the channel count: the two sample files
    /// are 0.02 channel off (the stop is rounded to the pulse sampling, not to a channel).
    static let distanceSpanToleranceChannels = 0.5

    init(value: (String) -> TDMSValue?, channelCount: Int, path: String) throws {
        func number(_ name: String) -> Double? { value(name)?.number }
        func required(_ name: String) throws -> Double {
            guard let v = number(name), v.isFinite, v > 0 else {
                throw RecordError(file: path, problem: "has no positive number property '\(name)' (Silixa iDAS "
                    + "writes it on the file object)", fix: "is this a Silixa iDAS TDMS file?")
            }
            return v
        }
        samplingRateHz = try required("SamplingFrequency[Hz]")
        let resolution = try required("SpatialResolution[m]")
        let multiplier = number("Fibre Length Multiplier") ?? 1
        guard multiplier.isFinite, multiplier > 0 else {
            throw RecordError(file: path, problem: "has 'Fibre Length Multiplier' \(multiplier), not a positive number")
        }
        let step = resolution * multiplier
        let start = number("Start Distance (m)") ?? 0

        if let measure = number("MeasureLength[m]") {
            let declared = measure / resolution
            guard abs(declared - Double(channelCount)) < 1 else {
                throw RecordError(file: path, problem: "declares MeasureLength[m] \(measure) at SpatialResolution[m] "
                    + "\(resolution), i.e. \(declared) channels, but holds \(channelCount)",
                    fix: "the file's channels do not match its header; was it edited or assembled from parts?")
            }
        }
        if let stop = number("Stop Distance (m)") {
            let spanned = (stop - start) / step + 1
            guard abs(spanned - Double(channelCount)) <= Self.distanceSpanToleranceChannels else {
                throw RecordError(file: path, problem: "declares Start Distance (m) \(start) to Stop Distance (m) "
                    + "\(stop) at \(step) m per channel, i.e. \(spanned) channels, but holds \(channelCount)",
                    fix: "the file's channels do not match its header; was it edited or assembled from parts?")
            }
        }
        channelPositions = (0..<channelCount).map { start + Double($0) * step }

        // GPS time when the instrument had it; LabVIEW writes a zero time stamp when it did not.
        func time(_ name: String) -> Int64? {
            switch value(name) {
            case .timestamp(let t) where !t.isZero: return t.unixNanoseconds
            case .text(let s): return SilixaH5Reader.parseTimeStamp(s) ?? UTCTime.parse(s)
            default: return nil
            }
        }
        guard let start = time("GPSTimeStamp") ?? time("CPUTimeStamp") else {
            throw RecordError(file: path, problem: "has no usable GPSTimeStamp or CPUTimeStamp property (found "
                + "\(value("GPSTimeStamp").map { "'\($0)'" } ?? "none"))",
                fix: "Silixa iDAS writes the first sample's time there; without it the record has no start time")
        }
        startTimeNs = start
        gaugeLengthM = number("GaugeLength")
        version = value("iDASVersion")?.text?.trimmed
    }
}
