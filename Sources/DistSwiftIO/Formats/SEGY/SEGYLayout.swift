import DistSwiftNative

/// Where the traces of a SEG-Y file are and how long each is: decided from the headers, then checked against the
/// file size, which must be exactly `dataStart + traces × traceLength` (+ rev-2 trailer records). A file that is not
/// (an interrupted copy, a trace cut short) is refused as a whole, so that no partial data is ever ingested.
struct SEGYLayout: Sendable {
    /// A sample count the headers declare, with the field it came from.
    struct SampleCountCandidate: Sendable, Equatable {
        let count: Int
        let source: String
        /// 240 × (1 + rev-2 additional trace headers).
        let traceHeaderBytes: Int
    }

    /// What the headers say, before the file size is checked (all that sniffing needs).
    struct Declared: Sendable {
        let format: SEGYSampleFormat
        let dataStart: Int
        let extendedTextHeaderCount: Int
        /// In order of preference; the first that fits the file size wins.
        let sampleCountCandidates: [SampleCountCandidate]
        let sampleIntervalUs: Double
        let sampleIntervalSource: String
        let trailerBytes: Int
    }

    let format: SEGYSampleFormat
    let dataStart: Int
    let extendedTextHeaderCount: Int
    let traceHeaderBytes: Int
    let sampleCount: Int
    let sampleCountSource: String
    let sampleIntervalUs: Double
    let sampleIntervalSource: String
    let traceCount: Int

    var traceLength: Int { traceHeaderBytes + sampleCount * format.byteWidth }

    /// Every decision and the field it came from, for `SEGYReader.layoutSummary`.
    var summary: String {
        "\(traceCount) traces of \(traceLength) bytes from byte \(dataStart) (\(extendedTextHeaderCount) extended text "
            + "headers); \(sampleCount) samples per trace from \(sampleCountSource); interval \(sampleIntervalUs) µs "
            + "from \(sampleIntervalSource)"
    }
    func traceOffset(_ trace: Int) -> Int { dataStart + trace * traceLength }
    func sampleOffset(trace: Int, sample: Int) -> Int {
        traceOffset(trace) + traceHeaderBytes + sample * format.byteWidth
    }

    static let textBlockBytes = 3200
    /// The 16-bit sample count some vendor writes when the real count overflows it; distpy then reads the count from
    /// bytes 3507–3510 (its `sgy.file_header` repair), and so does distswift.
    static let overflowedSampleCount = 55537

    /// Reads what the binary header, the extended text headers and the first trace header declare.
    static func declared(binary: SEGYBinaryHeader, file: NativeFile, fileSize: Int, path: String) throws -> Declared {
        let rev2 = binary.revision.hasRevision2Fields
        var extended = binary.extendedTextHeaderCount
        var dataStart: Int
        if rev2, binary.firstTraceOffset > 0 {
            guard binary.firstTraceOffset >= UInt64(SEGYBinaryHeader.fileHeaderBytes),
                  binary.firstTraceOffset <= UInt64(fileSize)
            else {
                throw RecordError(file: path, problem: "declares its first trace at byte \(binary.firstTraceOffset) "
                    + "(binary header 3521–3528), outside the file's \(fileSize) bytes",
                    fix: "the header is damaged or the file truncated; copy it again from the source")
            }
            dataStart = Int(binary.firstTraceOffset)
            if extended < 0 { extended = (dataStart - SEGYBinaryHeader.fileHeaderBytes) / textBlockBytes }
        } else {
            if extended == -1 { extended = try countVariableTextHeaders(file: file, fileSize: fileSize, path: path) }
            guard extended >= 0 else {
                throw RecordError(file: path, problem: "declares \(extended) extended text headers (binary header "
                    + "3505–3506)", fix: "the binary header is damaged; it is not a SEG-Y file distswift can read")
            }
            dataStart = SEGYBinaryHeader.fileHeaderBytes + extended * textBlockBytes
            guard dataStart <= fileSize else {
                throw RecordError(file: path, problem: "declares \(extended) extended text headers (binary header "
                    + "3505–3506), which would end at byte \(dataStart), beyond the file's \(fileSize) bytes",
                    fix: "the file is truncated or its binary header damaged; copy it again from the source")
            }
        }

        // The first trace header fills in what the binary header leaves at 0 (never overrides it: f3.sgy's trace
        // headers say 462 samples where its traces hold 75).
        let firstTrace: SEGYTraceHeader? = dataStart + SEGYTraceHeader.byteCount <= fileSize
            ? SEGYTraceHeader(bytes: try file.readBytes(at: dataStart, count: SEGYTraceHeader.byteCount),
                              order: binary.order)
            : nil

        let additional = rev2 ? max(0, binary.maxAdditionalTraceHeaders) : 0
        let headerBytes = SEGYTraceHeader.byteCount * (1 + additional)
        var candidates: [SampleCountCandidate] = []
        func add(_ count: Int, _ source: String, headerBytes: Int = headerBytes) {
            guard count > 0, !candidates.contains(where: { $0.count == count && $0.traceHeaderBytes == headerBytes })
            else { return }
            candidates.append(SampleCountCandidate(count: count, source: source, traceHeaderBytes: headerBytes))
        }
        if rev2 { add(binary.extendedSampleCount, "binary header 3269–3272 (rev-2 extended samples per trace)") }
        if binary.sampleCount == overflowedSampleCount, binary.maxAdditionalTraceHeaders > overflowedSampleCount {
            add(binary.maxAdditionalTraceHeaders,
                "binary header 3507–3510 (3221–3222 holds \(overflowedSampleCount), a vendor's overflowed count; "
                    + "distpy's repair)", headerBytes: SEGYTraceHeader.byteCount)
        }
        add(binary.sampleCount, "binary header 3221–3222")
        if !rev2 { add(binary.extendedSampleCount, "binary header 3269–3272 (extended samples per trace)") }
        if candidates.isEmpty, let firstTrace {
            add(firstTrace.sampleCount, "first trace header 115–116 (the binary header gives none)")
        }

        let interval: Double
        let intervalSource: String
        let extendedInterval = binary.extendedSampleIntervalUs
        if rev2, extendedInterval.isFinite, extendedInterval > 0 {
            (interval, intervalSource) = (extendedInterval, "binary header 3273–3280 (rev-2 extended interval)")
        } else if binary.sampleIntervalUs > 0 {
            (interval, intervalSource) = (Double(binary.sampleIntervalUs), "binary header 3217–3218")
        } else if let firstTrace, firstTrace.sampleIntervalUs > 0 {
            (interval, intervalSource) = (Double(firstTrace.sampleIntervalUs),
                                          "first trace header 117–118 (the binary header gives none)")
        } else {
            throw RecordError(file: path, problem: "gives no sample interval (binary header 3217–3218 and the first "
                + "trace header's 117–118 are 0)",
                fix: "the file cannot be placed in time; rewrite it with its interval")
        }
        guard !candidates.isEmpty else {
            throw RecordError(file: path, problem: "gives no number of samples per trace (binary header 3221–3222, "
                + "3269–3272 and the first trace header's 115–116 are 0)",
                fix: "rewrite the file with its sample count")
        }
        let trailers = rev2 ? max(0, binary.trailerRecordCount) : 0
        return Declared(format: binary.format, dataStart: dataStart, extendedTextHeaderCount: extended,
                        sampleCountCandidates: candidates, sampleIntervalUs: interval,
                        sampleIntervalSource: intervalSource, trailerBytes: trailers * textBlockBytes)
    }

    /// Rev 2's "−1 extended headers": 3200-byte blocks up to and including the one with the `((SEG: EndText))`
    /// stanza.
    private static func countVariableTextHeaders(file: NativeFile, fileSize: Int, path: String) throws -> Int {
        var offset = SEGYBinaryHeader.fileHeaderBytes
        var count = 0
        while offset + textBlockBytes <= fileSize {
            let block = SEGYTextHeader(bytes: try file.readBytes(at: offset, count: textBlockBytes))
            count += 1
            if block.lines.joined().uppercased().contains("ENDTEXT") { return count }
            offset += textBlockBytes
        }
        throw RecordError(file: path, problem: "declares a variable number of extended text headers (−1 at "
            + "3505–3506) but none of them has the ((SEG: EndText)) stanza that ends them",
            fix: "the file is truncated or its text headers damaged; copy it again from the source")
    }

    /// The layout whose traces exactly fill the file; refuses the file, saying by how much it is off, otherwise.
    init(_ declared: Declared, fileSize: Int, path: String, declaredTraceCount: UInt64?) throws {
        format = declared.format
        dataStart = declared.dataStart
        extendedTextHeaderCount = declared.extendedTextHeaderCount
        sampleIntervalUs = declared.sampleIntervalUs
        sampleIntervalSource = declared.sampleIntervalSource
        let payload = fileSize - declared.dataStart - declared.trailerBytes
        let width = declared.format.byteWidth
        guard let fit = declared.sampleCountCandidates.first(where: {
            let length = $0.traceHeaderBytes + $0.count * width
            return payload > 0 && payload % length == 0
        }) else {
            let primary = declared.sampleCountCandidates[0]
            let length = primary.traceHeaderBytes + primary.count * width
            guard payload > 0 else {
                throw RecordError(file: path, problem: "holds no traces: it is \(fileSize) bytes and its traces would "
                    + "start at byte \(declared.dataStart)", fix: "the file is empty or truncated; copy it again")
            }
            let whole = payload / length
            let extra = declared.trailerBytes > 0 ? " + \(declared.trailerBytes) trailer bytes" : ""
            throw RecordError(
                file: path,
                problem: "is \(fileSize) bytes, but with \(primary.count) samples of \(declared.format.name) per trace "
                    + "(\(primary.source)) each trace is \(length) bytes, so the file must be \(declared.dataStart) + "
                    + "n × \(length) bytes\(extra): \(whole) traces make "
                    + "\(declared.dataStart + whole * length + declared.trailerBytes) bytes, \(whole + 1) make "
                    + "\(declared.dataStart + (whole + 1) * length + declared.trailerBytes); "
                    + "\(payload - whole * length) bytes of a last trace are left over",
                fix: "the file is truncated (an interrupted copy?) or its traces differ in length; copy it again from "
                    + "the source. distswift never ingests part of a file")
        }
        traceHeaderBytes = fit.traceHeaderBytes
        sampleCount = fit.count
        sampleCountSource = fit.source
        traceCount = payload / (fit.traceHeaderBytes + fit.count * width)
        if let declaredTraceCount, declaredTraceCount > 0, declaredTraceCount != UInt64(traceCount) {
            throw RecordError(file: path, problem: "declares \(declaredTraceCount) traces (binary header 3513–3520) "
                + "but its \(fileSize) bytes hold \(traceCount) traces of "
                + "\(traceHeaderBytes + sampleCount * width) bytes",
                fix: "the file is truncated or was appended to; copy it again from the source")
        }
    }
}
