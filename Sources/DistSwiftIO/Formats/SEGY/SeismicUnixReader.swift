import DistSwiftNative

/// Seismic Unix (`.su`): SEG-Y traces without the 3600-byte file header — each trace a 240-byte SEG-Y trace header
/// and `ns` (bytes 115–116) IEEE float32 samples, in the byte order of the machine that wrote it (both are read;
/// the order is the one in which the first and last traces' `ns` tile the file exactly and the first samples are
/// finite). One trace per channel. The interval is `dt` (117–118, µs): there is no binary header to fall back to,
/// so `dt = 0` is refused. Start time and positions follow the SEG-Y rules (`SEGYStartTime` with no text header,
/// `SEGYChannelPositions`: receiver elevation × scalar, else the channel index). Layout: the SU `segy.h` trace
/// header (CWP/SU), as segyio's `small.su` / `small-lsb.su` test files and ObsPy's SU reader use it.
public struct SeismicUnixReader: RecordReader {
    public static let formatName = "Seismic Unix"
    public static let variants: String? = "both byte orders"

    public let path: String
    public let metadata: RecordMetadata
    private let file: NativeFile
    private let order: ByteOrder
    private let traceCount: Int
    private let sampleCount: Int

    /// Bytes of one trace with `ns` float32 samples.
    static func traceBytes(_ ns: Int) -> Int { SEGYTraceHeader.byteCount + 4 * ns }

    /// The byte order in which the file is a whole number of equal SU traces, with the trace count and `ns`.
    static func layout(of file: NativeFile, size: Int) -> (order: ByteOrder, traces: Int, ns: Int)? {
        guard size >= SEGYTraceHeader.byteCount + 4,
              let first = try? file.readBytes(at: 0, count: SEGYTraceHeader.byteCount)
        else { return nil }
        for order in [ByteOrder.big, .little] {
            let ns = SEGYTraceHeader(bytes: first, order: order).sampleCount
            guard ns > 0, size % traceBytes(ns) == 0 else { continue }
            let traces = size / traceBytes(ns)
            guard let last = try? file.readBytes(at: (traces - 1) * traceBytes(ns), count: SEGYTraceHeader.byteCount),
                  SEGYTraceHeader(bytes: last, order: order).sampleCount == ns,
                  let firstSamples = try? file.readBytes(at: SEGYTraceHeader.byteCount, count: 4 * min(ns, 16))
            else { continue }
            if plausibleSamples(firstSamples, order: order) { return (order, traces, ns) }
        }
        return nil
    }

    /// Float32 samples of a real record are finite and not absurd; a non-SU file whose bytes 115–116 happen to
    /// divide its size fails here.
    static func plausibleSamples(_ bytes: [UInt8], order: ByteOrder) -> Bool {
        stride(from: 0, to: bytes.count - 3, by: 4).allSatisfy { i in
            let word = bytes[i..<(i + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let value = Float(bitPattern: order == .big ? word : word.byteSwapped)
            return value.isFinite && abs(value) < 1e30
        }
    }

    /// For a file no layout took: when it starts like a Seismic Unix file (a first trace header with ns and dt set,
    /// plausible first samples, and — past one trace — a second header with the same ns) but is not a whole number
    /// of its traces, the error that says it is a truncated SU file, with the sizes; nil otherwise.
    public static func truncation(of path: String) -> RecordError? {
        guard let file = try? NativeFile.openForReading(path), let size = try? file.size(),
              size > SEGYTraceHeader.byteCount,
              let first = try? file.readBytes(at: 0, count: SEGYTraceHeader.byteCount)
        else { return nil }
        for order in [ByteOrder.big, .little] {
            let header = SEGYTraceHeader(bytes: first, order: order)
            let ns = header.sampleCount
            guard ns > 0, header.sampleIntervalUs > 0, size % traceBytes(ns) != 0,
                  let samples = try? file.readBytes(at: SEGYTraceHeader.byteCount,
                                                    count: min(4 * min(ns, 16), size - SEGYTraceHeader.byteCount)),
                  samples.count >= 4, plausibleSamples(samples, order: order)
            else { continue }
            // At least one whole trace, and the header after it with the same ns; a file too short to hold that
            // second header must at least be named .su.
            let whole = size / traceBytes(ns)
            guard whole >= 1 else { continue }
            if size >= traceBytes(ns) + SEGYTraceHeader.byteCount {
                guard let second = try? file.readBytes(at: traceBytes(ns), count: SEGYTraceHeader.byteCount),
                      SEGYTraceHeader(bytes: second, order: order).sampleCount == ns
                else { continue }
            } else if !path.lowercased().hasSuffix(".su") {
                continue
            }
            let expected = (whole + 1) * traceBytes(ns)
            return RecordError(file: path, problem: "is a truncated Seismic Unix file (\(order)-endian): its trace "
                + "headers give ns = \(ns) samples, so every trace is \(traceBytes(ns)) bytes (240-byte header + "
                + "4 × \(ns)) and the file should be a whole number of traces (\(expected) bytes for \(whole + 1) "
                + "traces) but it is \(size) bytes: \(whole) whole traces and \(size - whole * traceBytes(ns)) bytes "
                + "of a cut one", fix: "copy the file again from its source, or keep its \(whole) whole traces: "
                + "`head -c \(whole * traceBytes(ns)) FILE > whole.su`")
        }
        return nil
    }

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard probe.hdf5 == nil, let file = try? NativeFile.openForReading(probe.path), let size = try? file.size(),
              let start = try? file.readBytes(at: 0, count: min(size, 8)), !start.starts(with: Array("TDSm".utf8))
        else { return false }
        return layout(of: file, size: size) != nil
    }

    public init(path: String) throws {
        self.path = path
        do {
            let file = try NativeFile.openForReading(path)
            let size = try file.size()
            guard let layout = Self.layout(of: file, size: size) else {
                throw RecordError(file: path, problem: "is not a whole number of Seismic Unix traces in either byte "
                    + "order (240-byte trace header + ns float32 samples)", fix: "the file is truncated or not SU")
            }
            let headers = try (0..<layout.traces).map { trace in
                SEGYTraceHeader(bytes: try file.readBytes(at: trace * Self.traceBytes(layout.ns),
                                                          count: SEGYTraceHeader.byteCount), order: layout.order)
            }
            let dtUs = headers[0].sampleIntervalUs
            guard dtUs > 0 else {
                throw RecordError(file: path, problem: "is a Seismic Unix file (\(layout.traces) traces of "
                    + "\(layout.ns) samples, \(layout.order)-endian) whose first trace header states no sample "
                    + "interval (dt, bytes 117–118, is 0); SU has no binary header to take it from",
                    fix: "set dt in µs, e.g. `sushw key=dt a=1000 < in.su > out.su`, or convert to SEG-Y with the "
                        + "interval in its binary header")
            }
            if let bad = headers.firstIndex(where: { $0.sampleIntervalUs != dtUs }) {
                throw RecordError(file: path, problem: "trace \(bad + 1) has dt \(headers[bad].sampleIntervalUs) µs, "
                    + "trace 1 has \(dtUs) µs: the traces are not one record")
            }
            let blank = SEGYTextHeader(bytes: Array(repeating: 0x40, count: SEGYTextHeader.byteCount))
            let time = try SEGYStartTime(firstTrace: headers[0], binaryTimeBasis: 0, text: blank, path: path)
            let positions = SEGYChannelPositions(traceHeaders: headers, declared: [])
            let notes = time.notes + positions.notes
            metadata = RecordMetadata(
                format: "\(Self.formatName) (\(layout.order)-endian)" + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")),
                channelCount: layout.traces, sampleCount: layout.ns, samplingRateHz: 1e6 / Double(dtUs),
                startTimeNs: time.nanoseconds, channelPositions: positions.values, units: nil, gaugeLengthM: nil,
                vendor: nil, storedType: .float32)
            self.file = file
            order = layout.order
            traceCount = layout.traces
            sampleCount = layout.ns
        } catch let error as NativeError {
            throw RecordError(file: path, problem: "cannot be read: \(error.detail)",
                              fix: "check that the file exists, is readable and is complete")
        }
    }

    public func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        guard range.lowerBound >= 0, range.upperBound <= sampleCount else {
            throw RecordError(file: path, problem: "samples \(range) were asked for, but the traces hold "
                + "\(sampleCount) samples")
        }
        var values: [T] = []
        values.reserveCapacity(traceCount * range.count)
        do {
            for trace in 0..<traceCount where !range.isEmpty {
                let offset = trace * Self.traceBytes(sampleCount) + SEGYTraceHeader.byteCount + 4 * range.lowerBound
                try SEGYSampleFormat.ieeeFloat32.read(file, count: range.count, at: offset, order: order, into: &values)
            }
        } catch let error as NativeError {
            throw RecordError(file: path, problem: "cannot be read: \(error.detail)",
                              fix: "the file changed or was truncated after it was opened; copy it again")
        }
        return Array2D(rows: traceCount, columns: range.count, values: values)
    }
}
