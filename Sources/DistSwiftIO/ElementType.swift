import DistSwiftNative

/// The element types a chunk store holds. float32 is the default: DAS interrogators deliver at most 16–24 bits of
/// signal, and float32 halves memory and I/O against distpy's float64.
public enum ElementType: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case float32, float64, int16, int32

    public var byteWidth: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64: return 8
        case .int16: return 2
        }
    }

    /// numpy's type character and size, without the byte-order mark ("f4", "i2", …).
    public var numpyKind: String {
        switch self {
        case .float32: return "f4"
        case .float64: return "f8"
        case .int16: return "i2"
        case .int32: return "i4"
        }
    }

    public init?(numpyKind: String) {
        guard let match = ElementType.allCases.first(where: { $0.numpyKind == numpyKind }) else { return nil }
        self = match
    }

    public var description: String { rawValue }
}

/// A Swift type a chunk store can hold or hand out.
public protocol StorableScalar: HDF5Scalar {
    static var elementType: ElementType { get }
    /// Converts from a stored value of another type (numpy's `astype` semantics for the supported pairs).
    init(converting value: Double)
}

extension Float: StorableScalar {
    public static var elementType: ElementType { .float32 }
    public init(converting value: Double) { self = Float(value) }
}
extension Double: StorableScalar {
    public static var elementType: ElementType { .float64 }
    public init(converting value: Double) { self = value }
}
extension Int16: StorableScalar {
    public static var elementType: ElementType { .int16 }
    public init(converting value: Double) { self = Int16(clamping: Int64(value.rounded(.towardZero))) }
}
extension Int32: StorableScalar {
    public static var elementType: ElementType { .int32 }
    public init(converting value: Double) { self = Int32(clamping: Int64(value.rounded(.towardZero))) }
}
