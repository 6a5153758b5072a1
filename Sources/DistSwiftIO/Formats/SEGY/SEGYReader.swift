import DistSwiftNative

/// SEG-Y rev 0, 1 and 2.x DAS records: one trace per channel, traces of equal length, either byte order, sample
/// formats 1–12, 15 and 16. How each property is decided (byte order, revision, sample count, time, positions) and
/// where distswift deliberately differs from distpy's reader is in docs/segy.md; the decisions live in the types of
/// this folder, one per concept, and this type only puts them together and reads samples.
public struct SEGYReader: RecordReader {
    public static let formatName = "SEG-Y"
    public static let variants: String? = "rev 0/1/2, both byte orders"

    public let path: String
    public let metadata: RecordMetadata
    /// What a reader of the metadata should know: times read as UTC from another basis, positions unknown, …
    public let notes: [String]
    /// Where the channel positions came from.
    public let positionSource: String
    /// How the layout was decided, field by field (byte order, sample count, interval, trace count).
    public let layoutSummary: String
    /// The decoded text header (40 lines).
    public var textHeader: [String] { text.lines }

    let layout: SEGYLayout
    let order: ByteOrder
    let text: SEGYTextHeader
    private let file: NativeFile

    /// Content check: at least 3600 bytes, not HDF5, a valid format code in one byte order, and a sample count and
    /// interval the headers give. It does not check the file size, so that a truncated SEG-Y file is recognised and
    /// then refused by `init` with the size mismatch, rather than called "not a DAS record".
    public static func sniff(_ probe: RecordProbe) -> Bool {
        let path = probe.path
        guard let file = try? NativeFile.openForReading(path), let size = try? file.size(),
              size >= SEGYBinaryHeader.fileHeaderBytes,
              let start = try? file.readBytes(at: 0, count: SEGYBinaryHeader.fileHeaderBytes),
              !isHDF5(start), let binary = SEGYBinaryHeader(fileStart: start)
        else { return false }
        return (try? SEGYLayout.declared(binary: binary, file: file, fileSize: size, path: path)) != nil
    }

    /// HDF5's signature at 0 or at a user-block offset (512, 1024, 2048): an HDF5 file is never a SEG-Y file, even
    /// if its bytes 3225–3226 happen to hold a valid format code.
    static func isHDF5(_ start: [UInt8]) -> Bool {
        let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
        return [0, 512, 1024, 2048].contains { offset in
            offset + signature.count <= start.count && Array(start[offset..<(offset + signature.count)]) == signature
        }
    }

    public init(path: String) throws {
        self.path = path
        do {
            let file = try NativeFile.openForReading(path)
            let size = try file.size()
            guard size >= SEGYBinaryHeader.fileHeaderBytes else {
                throw RecordError(file: path, problem: "is \(size) bytes, shorter than the 3600-byte SEG-Y file header",
                                  fix: "the file is truncated or not SEG-Y")
            }
            let start = try file.readBytes(at: 0, count: SEGYBinaryHeader.fileHeaderBytes)
            guard let binary = SEGYBinaryHeader(fileStart: start) else {
                let codes = SEGYBinaryHeader.formatCodeReadings(start)
                throw RecordError(file: path, problem: "is not SEG-Y: its format code (bytes 3225–3226) reads "
                    + "\(codes.big) big-endian and \(codes.little) little-endian, neither a SEG-Y sample format",
                    fix: "SEG-Y sample formats are "
                        + SEGYSampleFormat.allCases.map { "\($0.rawValue)" }.joined(separator: ", "))
            }
            let rev2 = binary.revision.hasRevision2Fields
            let text = SEGYTextHeader(bytes: Array(start[0..<SEGYTextHeader.byteCount]))
            let declared = try SEGYLayout.declared(binary: binary, file: file, fileSize: size, path: path)
            let layout = try SEGYLayout(declared, fileSize: size, path: path,
                                        declaredTraceCount: rev2 ? binary.declaredTraceCount : nil)
            let traceHeaders = try (0..<layout.traceCount).map { trace in
                let bytes = try file.readBytes(at: layout.traceOffset(trace), count: SEGYTraceHeader.byteCount)
                return SEGYTraceHeader(bytes: bytes, order: binary.order)
            }
            let time = try SEGYStartTime(firstTrace: traceHeaders[0], binaryTimeBasis: rev2 ? binary.timeBasisCode : 0,
                                         text: text, path: path)
            let positions = SEGYChannelPositions(traceHeaders: traceHeaders, declared: text.declaredFields)
            let notes = time.notes + positions.notes
            let description = "SEG-Y \(binary.revision) (\(binary.order.rawValue)-endian, "
                + "format \(binary.format.rawValue) \(binary.format.name))"
            metadata = RecordMetadata(
                format: description + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")),
                channelCount: layout.traceCount, sampleCount: layout.sampleCount,
                samplingRateHz: 1e6 / layout.sampleIntervalUs, startTimeNs: time.nanoseconds,
                channelPositions: positions.values, units: text.units, gaugeLengthM: text.gaugeLengthM,
                vendor: text.vendor, storedType: binary.format.storedType)
            self.file = file
            self.layout = layout
            self.order = binary.order
            self.text = text
            self.notes = notes
            positionSource = positions.source
            layoutSummary = "byte order \(binary.order) from the \(binary.byteOrderEvidence); "
                + "\(text.encoding.rawValue) text header; " + layout.summary
        } catch let error as NativeError {
            throw RecordError(file: path, problem: "cannot be read: \(error.detail)",
                              fix: "check that the file exists, is readable and is complete")
        }
    }

    /// Samples `range` of every trace, as channels × samples: one positioned read per trace of just that range, so
    /// a chunk costs its own bytes and never the whole file.
    public func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        guard range.lowerBound >= 0, range.upperBound <= layout.sampleCount else {
            throw RecordError(file: path, problem: "samples \(range) were asked for, but the traces hold "
                + "\(layout.sampleCount) samples", fix: "ask for a range inside 0..<\(layout.sampleCount)")
        }
        var values: [T] = []
        values.reserveCapacity(layout.traceCount * range.count)
        do {
            for trace in 0..<layout.traceCount where !range.isEmpty {
                try layout.format.read(file, count: range.count,
                                       at: layout.sampleOffset(trace: trace, sample: range.lowerBound),
                                       order: order, into: &values)
            }
        } catch let error as NativeError {
            throw RecordError(file: path, problem: "cannot be read: \(error.detail)",
                              fix: "the file changed or was truncated after it was opened; copy it again")
        }
        return Array2D(rows: layout.traceCount, columns: range.count, values: values)
    }
}
