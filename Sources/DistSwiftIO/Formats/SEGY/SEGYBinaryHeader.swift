import DistSwiftNative

/// The 400-byte binary file header (bytes 3201–3600), with the byte order and sample format decided from it.
///
/// Byte order: the rev-2 constant 0x01020304 at 3297–3300 decides when present. None of the sample files has it
/// (distpy looks for it one byte off, its bug #30), so otherwise the order is the one in which the format code at
/// 3225–3226 is a valid code: a code c read in the wrong order is c × 256, never valid, so the test is unambiguous.
struct SEGYBinaryHeader: Sendable {
    static let fileHeaderBytes = 3600
    static let byteOrderConstant: UInt64 = 0x0102_0304
    static let swappedByteOrderConstant: UInt64 = 0x0403_0201

    let fields: SEGYHeaderFields
    let format: SEGYSampleFormat
    let revision: SEGYRevision
    /// How the byte order was decided, for messages.
    let byteOrderEvidence: String

    var order: ByteOrder { fields.order }

    /// Nil when the bytes hold no valid format code in either byte order (not a SEG-Y file).
    init?(fileStart bytes: [UInt8]) {
        guard bytes.count >= Self.fileHeaderBytes else { return nil }
        let big = SEGYHeaderFields(bytes: bytes, order: .big)
        let little = SEGYHeaderFields(bytes: bytes, order: .little)
        let constant = big.unsigned(3297, width: 4)
        let chosen: SEGYHeaderFields
        if constant == Self.byteOrderConstant || constant == Self.swappedByteOrderConstant {
            chosen = constant == Self.byteOrderConstant ? big : little
            byteOrderEvidence = "byte-order constant"
        } else if SEGYSampleFormat(rawValue: big.uint16(3225)) != nil {
            chosen = big
            byteOrderEvidence = "format code"
        } else if SEGYSampleFormat(rawValue: little.uint16(3225)) != nil {
            chosen = little
            byteOrderEvidence = "format code"
        } else {
            return nil
        }
        guard let format = SEGYSampleFormat(rawValue: chosen.uint16(3225)) else { return nil }
        fields = chosen
        self.format = format
        revision = SEGYRevision(byte3501: bytes[3500], byte3502: bytes[3501], order: chosen.order)
    }

    /// The two readings of the format code, for the message that rejects a file.
    static func formatCodeReadings(_ bytes: [UInt8]) -> (big: Int, little: Int) {
        (SEGYHeaderFields(bytes: bytes, order: .big).uint16(3225),
         SEGYHeaderFields(bytes: bytes, order: .little).uint16(3225))
    }

    /// Sample interval, µs (3217–3218).
    var sampleIntervalUs: Int { fields.uint16(3217) }
    /// Samples per trace (3221–3222), unsigned as in rev 2.
    var sampleCount: Int { fields.uint16(3221) }
    /// Rev 2: extended samples per trace (3269–3272), overrides 3221 when non-zero.
    var extendedSampleCount: Int { fields.int32(3269) }
    /// Rev 2: extended sample interval, IEEE double (3273–3280), overrides 3217 when non-zero.
    var extendedSampleIntervalUs: Double { fields.float64(3273) }
    /// Extended textual headers after the binary header (3505–3506; −1 = variable, ended by an EndText stanza).
    var extendedTextHeaderCount: Int { fields.int16(3505) }
    /// Rev 2: additional 240-byte trace headers per trace (3507–3510). distpy reads a 32-bit sample count here when
    /// 3221 holds 55537 (a vendor's overflowed 16-bit count).
    var maxAdditionalTraceHeaders: Int { fields.int32(3507) }
    /// Rev 2: time basis code (3511–3512).
    var timeBasisCode: Int { fields.int16(3511) }
    /// Rev 2: number of traces in the file (3513–3520).
    var declaredTraceCount: UInt64 { fields.uint64(3513) }
    /// Rev 2: byte offset of the first trace (3521–3528).
    var firstTraceOffset: UInt64 { fields.uint64(3521) }
    /// Rev 2: 3200-byte data trailer records after the last trace (3529–3532).
    var trailerRecordCount: Int { fields.int32(3529) }
}
