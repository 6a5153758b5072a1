/// The typed value of a TDMS property. Properties carry the instrument's settings (Silixa writes ~90 on the file
/// object: sampling rate, fibre geometry, GPS time stamp, versions).
public enum TDMSValue: Sendable, Equatable, CustomStringConvertible {
    /// Any signed integer, and unsigned integers of up to 32 bits.
    case integer(Int64)
    /// uint64, which Int64 cannot always hold.
    case unsignedInteger(UInt64)
    case real(Double)
    case boolean(Bool)
    case text(String)
    case timestamp(TDMSTimestamp)
    /// A complex number (types 0x08000C, 0x10000D): read past, kept as its two parts.
    case complex(Double, Double)

    /// The value as a number: numbers as they are, text when it reads as a number (the Silixa HDF5 sibling stores
    /// every number as text, and a TDMS writer may too).
    public var number: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .unsignedInteger(let v): return Double(v)
        case .real(let v): return v
        case .text(let s): return Double(s.trimmed)
        default: return nil
        }
    }

    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    public var description: String {
        switch self {
        case .integer(let v): return "\(v)"
        case .unsignedInteger(let v): return "\(v)"
        case .real(let v): return "\(v)"
        case .boolean(let v): return "\(v)"
        case .text(let s): return s
        case .timestamp(let t): return t.description
        case .complex(let re, let im): return "\(re)\(im < 0 ? "-" : "+")\(abs(im))i"
        }
    }

    /// Reads a property value of tdsDataType `code`. Types whose size TDMS leaves to the writer (extended and
    /// fixed-point numbers) cannot be stepped over, so the metadata after them cannot be read: refused.
    static func read(code: UInt32, from cursor: inout TDMSByteCursor) throws -> TDMSValue {
        switch code {
        case 0x01: return .integer(Int64(try cursor.integer(Int8.self)))
        case 0x02: return .integer(Int64(try cursor.integer(Int16.self)))
        case 0x03: return .integer(Int64(try cursor.integer(Int32.self)))
        case 0x04: return .integer(try cursor.integer(Int64.self))
        case 0x05: return .integer(Int64(try cursor.integer(UInt8.self)))
        case 0x06: return .integer(Int64(try cursor.integer(UInt16.self)))
        case 0x07: return .integer(Int64(try cursor.integer(UInt32.self)))
        case 0x08: return .unsignedInteger(try cursor.integer(UInt64.self))
        case 0x09, 0x19: return .real(Double(try cursor.float32()))
        case 0x0A, 0x1A: return .real(try cursor.float64())
        case 0x20: return .text(try cursor.string())
        case 0x21: return .boolean(try cursor.integer(UInt8.self) != 0)
        case 0x44:
            if cursor.order == .little {
                let fraction = try cursor.integer(UInt64.self)
                return .timestamp(TDMSTimestamp(seconds: try cursor.integer(Int64.self), fraction: fraction))
            }
            let seconds = try cursor.integer(Int64.self)
            return .timestamp(TDMSTimestamp(seconds: seconds, fraction: try cursor.integer(UInt64.self)))
        case 0x08000C: return .complex(Double(try cursor.float32()), Double(try cursor.float32()))
        case 0x10000D: return .complex(try cursor.float64(), try cursor.float64())
        default:
            throw TDMSFormatError("has a property of \(TDMSDataType.describe(code: code)), whose stored size "
                + "distswift does not know, so the metadata after it cannot be read")
        }
    }
}
