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

    /// The length of the record that starts `bytes` (libmseed's detection: blockette 1000, else the next header),
    /// or nil when the bytes do not start a miniSEED 2 record.
    public static func recordLength(of bytes: [UInt8]) -> Int? {
        let length = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { ms_detect($0.baseAddress, Int32($0.count)) }
        }
        return length > 0 ? Int(length) : nil
    }

    /// A NUL-terminated fixed-size C char array as a String.
    private static func text<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}

extension MiniSEEDFile {
    /// Collects the records libmseed's packer hands to its callback.
    private final class RecordSink { var bytes: [UInt8] = [] }

    /// One trace packed into miniSEED 2 records of `recordLength` bytes (big-endian; FLOAT32, FLOAT64 or INT32
    /// encoding for the samples' type, so no value is changed), returned as the file's bytes.
    public static func pack(network: String, station: String, location: String, channel: String,
                            startTimeUs: Int64, samplingRateHz: Double, samples: MiniSEEDSamples,
                            recordLength: Int32 = 4096) throws -> [UInt8] {
        guard let trace = mst_init(nil) else { throw NativeError("libmseed mst_init", detail: "out of memory") }
        var owned: UnsafeMutablePointer<MSTrace>? = trace
        defer { mst_free(&owned) }  // also frees the sample buffer below
        func setCode(_ text: String, _ field: inout (CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar,
                                                    CChar, CChar)) {
            withUnsafeMutableBytes(of: &field) { raw in
                raw.initializeMemory(as: UInt8.self, repeating: 0)
                for (i, byte) in text.utf8.prefix(10).enumerated() { raw[i] = byte }
            }
        }
        setCode(network, &trace.pointee.network)
        setCode(station, &trace.pointee.station)
        setCode(location, &trace.pointee.location)
        setCode(channel, &trace.pointee.channel)
        trace.pointee.dataquality = CChar(UInt8(ascii: "D"))
        trace.pointee.starttime = startTimeUs
        trace.pointee.samprate = samplingRateHz
        let (type, encoding, bytes): (UInt8, Int8, [UInt8])
        switch samples {
        case .int32(let v): (type, encoding, bytes) = (UInt8(ascii: "i"), Int8(DE_INT32), v.withUnsafeBytes { Array($0) })
        case .float32(let v): (type, encoding, bytes) = (UInt8(ascii: "f"), Int8(DE_FLOAT32), v.withUnsafeBytes { Array($0) })
        case .float64(let v): (type, encoding, bytes) = (UInt8(ascii: "d"), Int8(DE_FLOAT64), v.withUnsafeBytes { Array($0) })
        case .text: throw NativeError("libmseed pack", detail: "text records cannot be packed as samples")
        }
        // libmseed owns (and frees, in mst_free) the sample buffer, so it must come from malloc.
        guard let buffer = malloc(max(1, bytes.count)) else { throw NativeError("malloc", detail: "out of memory") }
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        trace.pointee.datasamples = buffer
        trace.pointee.numsamples = Int64(samples.count)
        trace.pointee.samplecnt = Int64(samples.count)
        trace.pointee.sampletype = CChar(bitPattern: type)
        let sink = RecordSink()
        var packed: Int64 = 0
        let handler: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, UnsafeMutableRawPointer?) -> Void = {
            record, length, context in
            guard let record, let context else { return }
            let sink = Unmanaged<RecordSink>.fromOpaque(context).takeUnretainedValue()
            record.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
            }
        }
        // A template with blockette 1001 makes libmseed keep the start's µs (the fixed header holds 100 µs).
        var template = msr_init(nil)
        defer { msr_free(&template) }
        var b1001 = blkt_1001_s(timing_qual: 100, usec: 0, reserved: 0, framecnt: 0)
        let added = withUnsafeMutableBytes(of: &b1001) { raw in
            msr_addblockette(template, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), 1001, 0)
        }
        guard let record = template, added != nil else {
            throw NativeError("libmseed template", detail: "out of memory")
        }
        // The template's stream codes are the records' codes: the same as the trace's.
        setCode(network, &record.pointee.network)
        setCode(station, &record.pointee.station)
        setCode(location, &record.pointee.location)
        setCode(channel, &record.pointee.channel)
        let records = withExtendedLifetime(sink) {
            mst_pack(trace, handler, Unmanaged.passUnretained(sink).toOpaque(), recordLength, encoding, 1, &packed,
                     1, 0, template)
        }
        guard records >= 0, packed == Int64(samples.count) else {
            throw NativeError("libmseed pack", detail: "packed \(packed) of \(samples.count) samples (status \(records))")
        }
        return sink.bytes
    }
}
