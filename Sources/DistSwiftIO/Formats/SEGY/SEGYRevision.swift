import DistSwiftNative

/// The SEG-Y revision of bytes 3501–3502, read leniently because writers disagree on its encoding.
///
/// Rev 2 defines two unsigned bytes, major then minor (0x02 0x00 = 2.0, 0x02 0x01 = 2.1); rev 1 defined one 16-bit
/// number 0x0100, which little-endian writers store as 0x00 0x01. FORGE stores 0x00 0x64 (the "Rev. 100" of its
/// text line C9 written in decimal), and segyio's multiformats files hold 0x00 0x01, 0x01 0x00 or 0x00 0x02 for the
/// same layout. The revision therefore never decides the byte order or the sample format; it only gates the rev-2
/// fields of the binary header, each of which is used only when non-zero and checked against the file size.
struct SEGYRevision: Sendable, Equatable, CustomStringConvertible {
    let major: Int
    let minor: Int

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    init(byte3501 b0: UInt8, byte3502 b1: UInt8, order: ByteOrder) {
        let word = order == .big ? Int(b0) << 8 | Int(b1) : Int(b1) << 8 | Int(b0)
        switch (b0, word) {
        case (1, _), (2, _): self.init(major: Int(b0), minor: Int(b1))  // rev 2 bytes; rev 1 0x0100 big-endian
        case (_, 0x0100): self.init(major: 1, minor: 0)                 // rev 1 stored little-endian
        case (_, 100): self.init(major: 1, minor: 0)                    // FORGE's decimal "Rev. 100"
        default: self.init(major: 0, minor: 0)
        }
    }

    /// Rev 2 fields (extended interval, traces in file, offset of the first trace, trailers) apply.
    var hasRevision2Fields: Bool { major >= 2 }

    var description: String {
        switch major {
        case 0: return "rev 0"
        case 1: return "rev 1"
        default: return "rev \(major).\(minor)"
        }
    }
}
