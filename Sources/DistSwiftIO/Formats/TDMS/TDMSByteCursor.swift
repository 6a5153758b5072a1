import DistSwiftNative

/// Reads the numbers and strings of a TDMS metadata section from bytes already in memory, in the segment's byte
/// order. Metadata is small (kilobytes to a few MB) and read once, so one positioned read per segment brings it in
/// and this decodes it without further file access.
struct TDMSByteCursor {
    let bytes: [UInt8]
    let order: ByteOrder
    private(set) var position = 0

    init(_ bytes: [UInt8], order: ByteOrder) {
        self.bytes = bytes
        self.order = order
    }

    var remaining: Int { bytes.count - position }

    mutating func skip(_ count: Int) throws {
        guard count >= 0, count <= remaining else { throw overrun(count) }
        position += count
    }

    /// An integer of 1 to 8 bytes in the segment's byte order.
    mutating func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let width = I.bitWidth / 8
        guard width <= remaining else { throw overrun(width) }
        var value: UInt64 = 0
        if order == .little {
            for i in stride(from: position + width - 1, through: position, by: -1) {
                value = value << 8 | UInt64(bytes[i])
            }
        } else {
            for i in position..<(position + width) { value = value << 8 | UInt64(bytes[i]) }
        }
        position += width
        return I(truncatingIfNeeded: value)
    }

    mutating func float32() throws -> Float { Float(bitPattern: try integer(UInt32.self)) }
    mutating func float64() throws -> Double { Double(bitPattern: try integer(UInt64.self)) }

    /// A u32 byte count followed by that many bytes of UTF-8 (NI: every string is UTF-8 since TDMS 2.0). Text that is
    /// not valid UTF-8 (older writers used the system code page) is read as Latin-1, so no byte is lost or refused.
    mutating func string() throws -> String {
        let count = Int(try integer(UInt32.self))
        guard count <= remaining else { throw overrun(count) }
        let slice = bytes[position..<(position + count)]
        position += count
        if let text = String(validating: slice, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(slice.map { Unicode.Scalar($0) }))
    }

    private func overrun(_ needed: Int) -> TDMSFormatError {
        TDMSFormatError("its metadata ends after \(bytes.count) bytes, but \(needed) more were needed at byte "
            + "\(position) of it", fix: "the file is truncated or corrupt")
    }
}
