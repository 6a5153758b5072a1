import DistSwiftNative

/// The header of a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0, as `numpy.save` writes them).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length (2 bytes little-endian in 1.0,
/// 4 bytes in 2.0/3.0), then a Python dict literal such as `{'descr': '<f4', 'fortran_order': False,
/// 'shape': (3, 4), }` padded with spaces and a newline so that the data starts on a 64-byte boundary.
public struct NPYHeader: Sendable, Equatable {
    public var elementType: ElementType
    public var byteOrder: ByteOrder
    public var fortranOrder: Bool
    public var shape: [Int]
    /// Byte offset of the first array element.
    public var dataOffset: Int

    public static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    public init(elementType: ElementType, byteOrder: ByteOrder = .little, fortranOrder: Bool = false,
                shape: [Int], dataOffset: Int = 0) {
        self.elementType = elementType
        self.byteOrder = byteOrder
        self.fortranOrder = fortranOrder
        self.shape = shape
        self.dataOffset = dataOffset
    }

    public var elementCount: Int { shape.reduce(1, *) }
    public var dataByteCount: Int { elementCount * elementType.byteWidth }

    /// numpy's dtype string, e.g. `<f4` or `>i2`.
    public var descr: String { (byteOrder == .little ? "<" : ">") + elementType.numpyKind }

    /// Parses a header from the first bytes of a file. `prefix` must hold at least the whole header; `source`
    /// names the file in error messages.
    public static func parse(_ prefix: [UInt8], source: String) throws -> NPYHeader {
        func fail(_ why: String) -> NPYFormatError { NPYFormatError(file: source, reason: why) }
        guard prefix.count >= 10, Array(prefix[0..<6]) == magic else {
            throw fail("not a NumPy .npy file (the file does not start with \\x93NUMPY)")
        }
        let major = prefix[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(prefix[8]) | Int(prefix[9]) << 8
            headerStart = 10
        case 2, 3:
            guard prefix.count >= 12 else { throw fail("the header is cut short") }
            headerLength = (0..<4).reduce(0) { $0 | Int(prefix[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw fail("NPY format version \(major).\(prefix[7]) is not supported (1.0, 2.0 and 3.0 are)")
        }
        guard prefix.count >= headerStart + headerLength else {
            throw fail("the header says it is \(headerLength) bytes long but the file is shorter")
        }
        let text = String(decoding: prefix[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        var parser = PythonLiteralParser(text: text, source: source)
        let dict = try parser.parseHeaderDict()

        guard let descr = dict.descr else { throw fail("the header has no 'descr' entry") }
        let (order, type) = try parseDescr(descr, source: source)
        guard let shape = dict.shape else { throw fail("the header has no 'shape' entry") }
        return NPYHeader(elementType: type, byteOrder: order, fortranOrder: dict.fortranOrder ?? false,
                         shape: shape, dataOffset: headerStart + headerLength)
    }

    static func parseDescr(_ descr: String, source: String) throws -> (ByteOrder, ElementType) {
        var kind = Substring(descr)
        var order = ByteOrder.host
        if let mark = kind.first, "<>|=".contains(mark) {
            kind = kind.dropFirst()
            if mark == "<" { order = .little } else if mark == ">" { order = .big }
        }
        guard let type = ElementType(numpyKind: String(kind)) else {
            throw NPYFormatError(
                file: source,
                reason: "dtype '\(descr)' is not supported; use float32, float64, int16 or int32 "
                    + "(numpy: array.astype('<f4'))")
        }
        return (order, type)
    }

    /// The header bytes numpy itself would write (format 1.0 while the header fits, else 2.0), with the data
    /// aligned to 64 bytes.
    public func encoded() -> [UInt8] { Self.encoded(descr: descr, fortranOrder: fortranOrder, shape: shape) }

    /// A header for any numpy dtype string (e.g. `<M8[ns]` for datetime64 times, which the store never holds).
    static func encoded(descr: String, fortranOrder: Bool = false, shape: [Int]) -> [UInt8] {
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        let dict = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        var version: UInt8 = 1
        var prefixLength = 10
        var total = (prefixLength + dict.utf8.count + 1 + 63) / 64 * 64
        if total - prefixLength > Int(UInt16.max) {
            version = 2
            prefixLength = 12
            total = (prefixLength + dict.utf8.count + 1 + 63) / 64 * 64
        }
        let headerLength = total - prefixLength
        var bytes = NPYHeader.magic + [version, 0]
        if version == 1 {
            bytes += [UInt8(headerLength & 0xFF), UInt8(headerLength >> 8)]
        } else {
            bytes += (0..<4).map { UInt8((headerLength >> (8 * $0)) & 0xFF) }
        }
        bytes += Array(dict.utf8)
        bytes += [UInt8](repeating: 0x20, count: headerLength - dict.utf8.count - 1)
        bytes.append(0x0A)
        return bytes
    }
}

/// A file that is not a valid or supported NPY file.
public struct NPYFormatError: ProblemKind {
    public let file: String
    public let base: Problem

    public init(file: String, reason: String) {
        self.file = file
        base = Problem(where: file + ":", reason)
    }

    public var reason: String { base.problem }
}
