import DistSwiftNative

/// miniSEED 2 with one trace per DAS channel (as idas-convert and ObsPy write DAS records): the records are decoded
/// by libmseed (`MiniSEEDFile`) and joined into one continuous trace per stream; every trace must start at the same
/// time with the same rate and length, or the file is not one record (a gap splits a stream into two traces and is
/// refused). Channels are the streams in file order. miniSEED has no positions: they are the channel index × 1 m,
/// and the format name says so. Times have libmseed's µs resolution. Layout: SEED manual ch. 8 (fixed header,
/// blockettes 1000/1001); xdas `io/miniseed.py` (one trace per channel, synchronised).
public struct MiniSEEDReader: RecordReader {
    public static let formatName = "miniSEED"
    public static let variants: String? = "2, one trace per channel"
    static let positionsNote = "positions unknown: channel index × 1 m"

    public let path: String
    public let metadata: RecordMetadata
    private let traces: [MiniSEEDSamples]

    /// A miniSEED 2 fixed header: six ASCII digits (or spaces) of sequence number, a quality code, a space or NUL.
    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard probe.hdf5 == nil, let file = try? NativeFile.openForReading(probe.path),
              let size = try? file.size(), size >= 48, let head = try? file.readBytes(at: 0, count: 8)
        else { return false }
        let sequence = head[0..<6].allSatisfy { (0x30...0x39).contains($0) || $0 == 0x20 }
            && head[0..<6].contains { (0x30...0x39).contains($0) }
        return sequence && "DRQM".utf8.contains(head[6]) && (head[7] == 0x20 || head[7] == 0)
    }

    public init(path: String) throws {
        self.path = path
        let all: [MiniSEEDTrace]
        do {
            all = try MiniSEEDFile.readTraces(path)
        } catch let error as NativeError {
            throw RecordError(file: path, problem: "cannot be decoded as miniSEED: \(error.detail)",
                              fix: "check that the file is complete miniSEED 2 (miniSEED 3 is not read)")
        }
        guard let first = all.first else {
            throw RecordError(file: path, problem: "holds no miniSEED data records")
        }
        try Self.checkWholeRecords(path)
        let streams = all.map(\.sourceName)
        if let repeated = streams.indices.first(where: { streams[..<$0].contains(streams[$0]) }) {
            throw RecordError(file: path, problem: "stream \(streams[repeated]) is split into several traces (a gap "
                + "or overlap in its records); a DAS record is one continuous trace per channel",
                fix: "merge or split the file at the gap (ObsPy: st.merge() / st.split()) and ingest the parts")
        }
        if case .text = first.samples {
            throw RecordError(file: path, problem: "stream \(first.sourceName) holds ASCII log records, not samples")
        }
        for trace in all {
            guard trace.startTimeUs == first.startTimeUs, trace.samples.count == first.samples.count,
                  abs(trace.samplingRateHz - first.samplingRateHz) <= 1e-9 * first.samplingRateHz,
                  Self.sameType(trace.samples, first.samples)
            else {
                throw RecordError(file: path, problem: "trace \(trace.sourceName) (\(trace.samples.count) samples at "
                    + "\(trace.samplingRateHz) Hz from \(Self.startText(trace.startTimeUs))) is not aligned "
                    + "with \(first.sourceName) (\(first.samples.count) at \(first.samplingRateHz) Hz from "
                    + "\(Self.startText(first.startTimeUs))): the channels are not one record",
                    fix: "trim the traces to a common time span and rate (ObsPy: st.trim, st.resample) first")
            }
        }
        guard first.samplingRateHz > 0, first.samplingRateHz.isFinite else {
            throw RecordError(file: path, problem: "states a sample rate of \(first.samplingRateHz) Hz")
        }
        // libmseed's µs times span ±292,000 years, distswift's ns ±292: a corrupt or absurd record time is refused
        // here rather than trapping in the conversion.
        guard let startNs = Self.nanoseconds(first.startTimeUs) else {
            throw RecordError(file: path, problem: "states a start time of \(first.startTimeUs) µs since 1970, outside "
                + "the years 1677–2262 that distswift's ns times hold (a corrupt record header?)",
                fix: "check the record's start time (ObsPy: obspy.read(FILE)[0].stats.starttime)")
        }
        traces = all.map(\.samples)
        let stored: ElementType
        switch first.samples {
        case .int32: stored = .int32
        case .float32: stored = .float32
        default: stored = .float64
        }
        metadata = RecordMetadata(
            format: "\(Self.formatName) (\(all.count) streams \(first.sourceName) …); \(Self.positionsNote)",
            channelCount: all.count, sampleCount: first.samples.count, samplingRateHz: first.samplingRateHz,
            startTimeNs: startNs, channelPositions: all.indices.map(Double.init), units: nil,
            gaugeLengthM: nil, vendor: first.network.isEmpty ? nil : "network \(first.network)", storedType: stored)
    }

    /// A file of fixed-length records (as every DAS writer makes them) whose size is not a whole number of its first
    /// record's length ends in a partial record: libmseed skips it, and the file would ingest a few samples short.
    static func checkWholeRecords(_ path: String) throws {
        guard let file = try? NativeFile.openForReading(path), let size = try? file.size(),
              let head = try? file.readBytes(at: 0, count: min(size, 8192)),
              let length = MiniSEEDFile.recordLength(of: head)
        else { return }
        guard size % length == 0 else {
            throw RecordError(file: path, problem: "is \(size) bytes, not a whole number of its \(length)-byte "
                + "records: the last record is cut short (the file is truncated)",
                fix: "copy the file again from its source")
        }
    }

    /// µs since 1970 as ns, or nil where that does not fit Int64.
    static func nanoseconds(_ us: Int64) -> Int64? {
        let (ns, overflow) = us.multipliedReportingOverflow(by: 1000)
        return overflow ? nil : ns
    }

    /// A trace's start for a message: ISO 8601 where it fits ns, else the raw µs.
    static func startText(_ us: Int64) -> String {
        nanoseconds(us).map { UTCTime.iso8601($0) } ?? "\(us) µs since 1970"
    }

    static func sameType(_ a: MiniSEEDSamples, _ b: MiniSEEDSamples) -> Bool {
        switch (a, b) {
        case (.int32, .int32), (.float32, .float32), (.float64, .float64): return true
        default: return false
        }
    }

    public func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        guard range.lowerBound >= 0, range.upperBound <= metadata.sampleCount else {
            throw RecordError(file: path, problem: "samples \(range) were asked for, but the traces hold "
                + "\(metadata.sampleCount) samples")
        }
        var values: [T] = []
        values.reserveCapacity(traces.count * range.count)
        for trace in traces {
            switch trace {
            case .int32(let v): values += v[range].map { T(converting: Double($0)) }
            case .float32(let v): values += v[range].map { T(converting: Double($0)) }
            case .float64(let v): values += v[range].map { T(converting: $0) }
            case .text: break
            }
        }
        return Array2D(rows: traces.count, columns: range.count, values: values)
    }
}
