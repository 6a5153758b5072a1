import CMSeed

/// The samples of one miniSEED trace, in the type the records encode them.
public enum MiniSEEDSamples: Sendable, Equatable {
    case int32([Int32])
    case float32([Float])
    case float64([Double])
    /// ASCII (log) records: no samples, only their count.
    case text(count: Int)

    public var count: Int {
        switch self {
        case .int32(let v): return v.count
        case .float32(let v): return v.count
        case .float64(let v): return v.count
        case .text(let n): return n
        }
    }
}

/// One continuous trace of a miniSEED file, as libmseed joins its records.
public struct MiniSEEDTrace: Sendable {
    public let network: String
    public let station: String
    public let location: String
    public let channel: String
    /// The first sample, µs since 1970 (libmseed's high-precision time).
    public let startTimeUs: Int64
    /// The last sample, µs since 1970.
    public let endTimeUs: Int64
    public let samplingRateHz: Double
    public let samples: MiniSEEDSamples

    /// "NET.STA.LOC.CHA", the SEED stream id.
    public var sourceName: String { [network, station, location, channel].joined(separator: ".") }
}

/// miniSEED 2 files read with libmseed (Debian's libmseed-dev): records joined into continuous traces.
public enum MiniSEEDFile {
    /// Every trace of `path`, in the order libmseed meets their streams; a stream with a gap is two traces.
    public static func readTraces(_ path: String) throws -> [MiniSEEDTrace] {
        var group: UnsafeMutablePointer<MSTraceGroup>?
        // reclen 0: detect each record's length; tolerances −1: libmseed's defaults (half a sample); skip non-data;
        // decode the samples.
        let status = ms_readtraces(&group, path, 0, -1.0, -1.0, 0, 1, 1, 0)
        defer { mst_freegroup(&group) }
        guard status == MS_NOERROR, let group else {
            let message = ms_errorstr(status).map { String(cString: $0) } ?? "status \(status)"
            throw NativeError("libmseed read", path: path, detail: message)
        }
        var traces: [MiniSEEDTrace] = []
        var node = group.pointee.traces
        while let trace = node {
            let t = trace.pointee
            let n = Int(t.numsamples)
            let samples: MiniSEEDSamples
            switch UInt8(bitPattern: t.sampletype) {
            case UInt8(ascii: "i"):
                samples = .int32(Array(UnsafeBufferPointer(start: t.datasamples?.assumingMemoryBound(to: Int32.self), count: n)))
            case UInt8(ascii: "f"):
                samples = .float32(Array(UnsafeBufferPointer(start: t.datasamples?.assumingMemoryBound(to: Float.self), count: n)))
            case UInt8(ascii: "d"):
                samples = .float64(Array(UnsafeBufferPointer(start: t.datasamples?.assumingMemoryBound(to: Double.self), count: n)))
            default:
                samples = .text(count: n)
            }
            traces.append(MiniSEEDTrace(
                network: text(t.network), station: text(t.station), location: text(t.location),
                channel: text(t.channel), startTimeUs: t.starttime, endTimeUs: t.endtime,
                samplingRateHz: t.samprate, samples: samples))
            node = t.next
        }
        return traces
    }

    /// A NUL-terminated fixed-size C char array as a String.
    private static func text<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
