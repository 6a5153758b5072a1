import DistSwiftNative

/// Writes a DAS record as a big-endian SEG-Y file that `SEGYReader` (and segyio, DASCore, distpy for IEEE data) reads
/// back: one trace per channel, sample format 5 (IEEE float32) or 3 (int16), rev 2.0 (default) or rev 1.
///
/// Where each property goes, so that the reader finds it again exactly:
/// - samples per trace and interval (µs): binary header 3221 / 3217 and every trace's 115 / 117; rev 2 also writes
///   the extended count (3269) and, for an interval that is not a whole number of µs, the extended interval (3273);
/// - start time: whole seconds in every trace's 157–166 with time basis 4 (UTC) at 167–168, and the full time to
///   the nanosecond in text line C 5 in FORGE's form ("UTC File Time stamp: 2019/04/28 13:50:38.426514 (UTC)");
/// - channel positions: int32 in trace bytes 197–200 (FORGE's FIBREDIST field, declared in text line C 9) with the
///   elevation scalar (69–70) set to the smallest power of ten that holds every position exactly (1 … −10000
///   for 0.1 mm); positions finer than 0.1 mm are rounded to it (`storablePositions` says what the reader will return);
/// - units, vendor and gauge length: text lines "DATA UNITS:", "VENDOR:", "GAUGE LENGTH:".
/// The file is written under a temporary name and renamed into place (`StorageLocation.writeAtomically`), so a
/// failed or killed write never leaves a partial SEG-Y file under the real name.
public struct SEGYWriter: Sendable {
    public enum SampleFormat: Int, Sendable {
        case int16 = 3
        case ieeeFloat32 = 5
    }

    public enum Revision: Sendable {
        case rev1, rev2
    }

    /// The record's properties besides its samples.
    public struct Description: Sendable {
        public var samplingRateHz: Double
        public var startTimeNs: Int64
        /// One per channel, metres along the fibre.
        public var channelPositions: [Double]
        public var units: String?
        public var vendor: String?
        public var gaugeLengthM: Double?
        /// Free text lines for the text header (at most 29 are kept, each cut to 76 characters).
        public var comments: [String]

        public init(samplingRateHz: Double, startTimeNs: Int64, channelPositions: [Double], units: String? = nil,
                    vendor: String? = nil, gaugeLengthM: Double? = nil, comments: [String] = []) {
            self.samplingRateHz = samplingRateHz
            self.startTimeNs = startTimeNs
            self.channelPositions = channelPositions
            self.units = units
            self.vendor = vendor
            self.gaugeLengthM = gaugeLengthM
            self.comments = comments
        }
    }

    public let format: SampleFormat
    public let revision: Revision

    public init(format: SampleFormat = .ieeeFloat32, revision: Revision = .rev2) {
        self.format = format
        self.revision = revision
    }

    /// Writes `data` (channels × samples).
    public func write<T: StorableScalar>(_ data: Array2D<T>, _ description: Description,
                                         to location: any StorageLocation, path: String) throws {
        guard data.rows == description.channelPositions.count else {
            throw RecordError(file: location.address(of: path), problem: "\(data.rows) channels of samples but "
                + "\(description.channelPositions.count) channel positions", fix: "give one position per channel")
        }
        try write(description, sampleCount: data.columns, to: location, path: path) { Array(data.row($0)) }
    }

    /// Writes trace by trace: `trace(c)` gives channel `c`'s `sampleCount` samples, so a generator never needs the
    /// whole record in memory.
    public func write<T: StorableScalar>(_ description: Description, sampleCount: Int, to location: any StorageLocation,
                                         path: String, trace: (Int) throws -> [T]) throws {
        let file = location.address(of: path)
        let plan = try Plan(description, sampleCount: sampleCount, format: format, revision: revision, file: file)
        try location.writeAtomically(path) { out in
            try out.write(plan.fileHeader())
            for channel in 0..<plan.channelCount {
                let samples = try trace(channel)
                guard samples.count == sampleCount else {
                    throw RecordError(file: file, problem: "channel \(channel) has \(samples.count) samples but the "
                        + "record has \(sampleCount)", fix: "give every channel the same number of samples")
                }
                try out.write(plan.traceHeader(channel))
                try writeSamples(samples, channel: channel, file: file, to: out)
            }
        }
    }

    /// The positions a reader gets back from a file written with `positions`, and the elevation scalar used: the
    /// first of 1, 10, 100, 1000, 10000 (as divisors) that holds every position exactly in an int32, else 0.1 mm.
    public static func storablePositions(_ positions: [Double]) -> (values: [Double], scalar: Int)? {
        guard positions.allSatisfy(\.isFinite) else { return nil }
        let divisors = [1, 10, 100, 1000, 10000]
        func scaled(_ divisor: Int) -> [Int]? {
            var out: [Int] = []
            for p in positions {
                let v = (p * Double(divisor)).rounded()
                guard abs(v) <= Double(Int32.max) else { return nil }
                out.append(Int(v))
            }
            return out
        }
        var best: (values: [Double], scalar: Int)?
        for divisor in divisors {
            guard let ints = scaled(divisor) else { break }
            let scalar = divisor == 1 ? 1 : -divisor
            let values = ints.map { SEGYTraceHeader.apply(scalar: scalar, to: $0) }
            best = (values, scalar)
            if values == positions { return best }
        }
        return best
    }

    /// Writes one trace's samples big-endian: IEEE float32 (float64 input is rounded to float32), or int16 (input that
    /// is not an integer in range is refused rather than rounded or clipped).
    private func writeSamples<T: StorableScalar>(_ samples: [T], channel: Int, file: String,
                                                 to out: any SequentialWriter) throws {
        switch format {
        case .ieeeFloat32:
            try out.write(samples.map { Float($0.doubleValue).bitPattern.bigEndian })
        case .int16:
            var words = [UInt16]()
            words.reserveCapacity(samples.count)
            for (i, s) in samples.enumerated() {
                let v = s.doubleValue
                guard v == v.rounded(), v >= Double(Int16.min), v <= Double(Int16.max) else {
                    throw RecordError(file: file, problem: "sample \(i) of channel \(channel) is \(v), which SEG-Y "
                        + "format 3 (int16) cannot hold", fix: "write format 5 (IEEE float32)")
                }
                words.append(UInt16(bitPattern: Int16(v)).bigEndian)
            }
            try out.write(words)
        }
    }
}

extension SEGYWriter {
    /// Every header value of one file, checked before anything is written.
    struct Plan {
        let channelCount: Int
        let sampleCount: Int
        let format: SampleFormat
        let revision: Revision
        let intervalUs: Double
        let positions: [Int]
        let positionScalar: Int
        let start: (year: Int, day: Int, hour: Int, minute: Int, second: Int)
        let textLines: [String]

        init(_ d: Description, sampleCount: Int, format: SampleFormat, revision: Revision, file: String) throws {
            channelCount = d.channelPositions.count
            self.sampleCount = sampleCount
            self.format = format
            self.revision = revision
            guard channelCount >= 1, sampleCount >= 1 else {
                throw RecordError(file: file, problem: "a record of \(channelCount) channels × \(sampleCount) samples "
                    + "cannot be written", fix: "give at least one channel position and one sample")
            }
            guard d.samplingRateHz.isFinite, d.samplingRateHz > 0 else {
                throw RecordError(file: file, problem: "sampling rate \(d.samplingRateHz) Hz", fix: "give a rate > 0")
            }
            intervalUs = 1e6 / d.samplingRateHz
            let wholeInterval = intervalUs == intervalUs.rounded() && intervalUs >= 1 && intervalUs <= 65535
            if revision == .rev1 {
                guard wholeInterval else {
                    throw RecordError(file: file, problem: "a rate of \(d.samplingRateHz) Hz has a sample interval of "
                        + "\(intervalUs) µs, which SEG-Y rev 1 cannot hold (whole µs up to 65535)",
                        fix: "write rev 2")
                }
                guard sampleCount <= 65535 else {
                    throw RecordError(file: file, problem: "\(sampleCount) samples per trace do not fit SEG-Y rev 1's "
                        + "16-bit count", fix: "write rev 2, or split the record")
                }
            }
            guard let stored = SEGYWriter.storablePositions(d.channelPositions) else {
                throw RecordError(file: file, problem: "channel positions must be finite and within ±214 km",
                                  fix: "check the positions given to the writer")
            }
            positionScalar = stored.scalar
            let divisor = Double(stored.scalar < 0 ? -stored.scalar : 1)
            positions = d.channelPositions.map { Int(($0 * divisor).rounded()) }

            let seconds = UTCTime.floorDiv(d.startTimeNs, UTCTime.nanosecondsPerSecond)
            let fraction = d.startTimeNs - seconds * UTCTime.nanosecondsPerSecond
            let days = UTCTime.floorDiv(seconds, 86_400)
            let secondOfDay = Int(seconds - days * 86_400)
            let (year, month, day) = UTCTime.civilDate(fromDays: days)
            guard (1900...9999).contains(year) else {
                throw RecordError(file: file, problem: "start time \(UTCTime.iso8601(d.startTimeNs)) is outside the "
                    + "years SEG-Y trace headers hold", fix: "give a start time between 1900 and 9999")
            }
            let dayOfYear = Int(days - UTCTime.daysFromCivil(year: year, month: 1, day: 1)) + 1
            start = (Int(year), dayOfYear, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
            func pad(_ v: Int64, _ width: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, width - s.count)) + s
            }
            // FORGE's C13 form, with 6 fraction digits (µs) or 9 when the start has nanoseconds.
            let fractionText = fraction % 1000 == 0 ? pad(fraction / 1000, 6) : pad(fraction, 9)
            let stamp = "UTC File Time stamp: \(pad(year, 4))/\(pad(month, 2))/\(pad(day, 2)) "
                + "\(pad(Int64(start.hour), 2)):\(pad(Int64(start.minute), 2)):\(pad(Int64(start.second), 2))."
                + "\(fractionText) (UTC)"
            let formatName = format == .ieeeFloat32 ? "5 IEEE32FP" : "3 INT16"
            var lines = [
                "DAS RECORD WRITTEN BY DISTSWIFT \(DistSwiftVersion.current), ONE TRACE PER CHANNEL",
                d.vendor.map { "VENDOR: \($0)" } ?? "",
                d.units.map { "DATA UNITS: \($0)" } ?? "",
                d.gaugeLengthM.map { "GAUGE LENGTH: \($0) M" } ?? "",
                stamp,
                "SAMPLE INTERVAL \(intervalUs) US (\(d.samplingRateHz) HZ), \(sampleCount) SAMPLES PER TRACE",
                "\(channelCount) TRACES, SAMPLE FORMAT \(formatName), BIG-ENDIAN",
                "TRACE TIME = FIRST SAMPLE, BYTES 157-166, TIME BASIS 4 = UTC",
                "TRACE-HEADER: FIBREDIST(197-200) METRES, SCALED BY ELEV SC(69-70)",
            ]
            lines += d.comments.prefix(29)
            while lines.count < 38 { lines.append("") }
            lines.append(revision == .rev2 ? "SEG-Y_REV2.0" : "SEG-Y REV1")
            lines.append("END TEXTUAL HEADER")
            textLines = lines.enumerated().map { i, text in
                let number = String(i + 1)
                return "C" + String(repeating: " ", count: 2 - number.count) + number + " " + String(text.prefix(76))
            }
        }

        var sampleCount16: Int { sampleCount <= 65535 ? sampleCount : 0 }
        var interval16: Int { Int(min(65535, max(1, intervalUs.rounded()))) }

        func fileHeader() -> [UInt8] {
            var h = SEGYHeaderBuilder(size: SEGYBinaryHeader.fileHeaderBytes)
            for (i, line) in textLines.enumerated() {
                let padded = line + String(repeating: " ", count: SEGYTextHeader.lineLength - line.count)
                h.setBytes(1 + i * SEGYTextHeader.lineLength, EBCDIC.encode(padded))
            }
            h.setInt32(3201, 1)                                        // job identification number
            h.setInt16(3213, channelCount <= Int(Int16.max) ? channelCount : 0)  // traces per ensemble
            h.set(3217, width: 2, UInt64(interval16))                  // unsigned in rev 2
            h.set(3219, width: 2, UInt64(interval16))                  // original interval
            h.set(3221, width: 2, UInt64(sampleCount16))
            h.set(3223, width: 2, UInt64(sampleCount16))               // original samples per trace
            h.setInt16(3225, format.rawValue)
            h.setInt16(3227, 1)                                        // ensemble fold
            h.setInt16(3229, 1)                                        // sorting: as recorded
            h.setInt16(3255, 1)                                        // measurement system: metres
            switch revision {
            case .rev1:
                h.set(3501, width: 2, 0x0100)
            case .rev2:
                h.setInt32(3261, min(channelCount, Int(Int32.max)))    // extended traces per ensemble
                h.setInt32(3269, sampleCount)                          // extended samples per trace
                if intervalUs != Double(interval16) { h.setFloat64(3273, intervalUs) }
                h.set(3297, width: 4, SEGYBinaryHeader.byteOrderConstant)
                h.set(3501, width: 1, 2)                               // major, minor = 2.0
                h.setInt16(3511, 4)                                    // time basis: UTC
                h.setUInt64(3513, UInt64(channelCount))
                h.setUInt64(3521, UInt64(SEGYBinaryHeader.fileHeaderBytes))
            }
            h.setInt16(3503, 1)                                        // fixed-length traces
            h.setInt16(3505, 0)                                        // no extended text headers
            return h.bytes
        }

        func traceHeader(_ channel: Int) -> [UInt8] {
            var h = SEGYHeaderBuilder(size: SEGYTraceHeader.byteCount)
            let number = channel + 1
            h.setInt32(1, number)                                      // trace sequence number within line
            h.setInt32(5, number)                                      // … within file
            h.setInt32(9, 1)                                           // field record number
            h.setInt32(13, number)                                     // trace number within the field record
            h.setInt16(29, 1)                                          // trace identification: seismic data
            h.setInt16(69, positionScalar)                             // elevation scalar, for 197–200
            h.set(115, width: 2, UInt64(sampleCount16))
            h.set(117, width: 2, UInt64(interval16))
            h.setInt16(157, start.year)
            h.setInt16(159, start.day)
            h.setInt16(161, start.hour)
            h.setInt16(163, start.minute)
            h.setInt16(165, start.second)
            h.setInt16(167, 4)                                         // time basis: UTC
            h.setInt32(197, positions[channel])                        // FIBREDIST, declared in text line C 9
            return h.bytes
        }
    }
}
