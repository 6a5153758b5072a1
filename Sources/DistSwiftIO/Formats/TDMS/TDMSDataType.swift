import DistSwiftNative

/// The tdsDataType codes distswift reads as channel data: the integers and IEEE floats that DAS interrogators write.
/// Strings, booleans, time stamps, extended and fixed-point numbers, complex numbers and DAQmx raw data are not DAS
/// samples; a channel of any of them is refused by name (`describe(code:)`).
enum TDMSDataType: UInt32, Sendable, CaseIterable {
    case int8 = 1, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64
    /// LabVIEW's floats "with unit" are stored as plain floats; the unit is a channel property (`unit_string`).
    case float32WithUnit = 0x19, float64WithUnit = 0x1A

    var byteWidth: Int {
        switch self {
        case .int8, .uint8: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32, .float32, .float32WithUnit: return 4
        case .int64, .uint64, .float64, .float64WithUnit: return 8
        }
    }

    var name: String {
        switch self {
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .uint8: return "uint8"
        case .uint16: return "uint16"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .float32, .float32WithUnit: return "float32"
        case .float64, .float64WithUnit: return "float64"
        }
    }

    /// The chunk-store type that holds the values as they are (so `--dtype raw` keeps them); nil where the store
    /// has no such type.
    var storedType: ElementType? {
        switch self {
        case .int16: return .int16
        case .int32: return .int32
        case .float32, .float32WithUnit: return .float32
        case .float64, .float64WithUnit: return .float64
        default: return nil
        }
    }

    /// What a tdsDataType code is, for the message that refuses a channel of it.
    static func describe(code: UInt32) -> String {
        if let type = TDMSDataType(rawValue: code) { return type.name }
        switch code {
        case 0x00: return "void (type 0x0)"
        case 0x0B, 0x1B: return "extended-precision float (type 0x\(String(code, radix: 16)))"
        case 0x20: return "string (type 0x20)"
        case 0x21: return "boolean (type 0x21)"
        case 0x44: return "time stamp (type 0x44)"
        case 0x4F: return "fixed-point (type 0x4F)"
        case 0x08000C: return "complex float32 (type 0x08000C)"
        case 0x10000D: return "complex float64 (type 0x10000D)"
        case 0xFFFF_FFFF: return "DAQmx raw data (type 0xFFFFFFFF)"
        default: return "unknown type 0x\(String(code, radix: 16, uppercase: true))"
        }
    }

    /// Reads `count` values at byte `offset` of `file` (stored in `order`) as `T`, converting with numpy's `astype`
    /// rules (`T(converting:)`). Specialised for the store's element types: this runs once per sample of every
    /// ingested file, and where the store holds the file's own type the words are only byte-swapped (if needed) and
    /// reinterpreted, with no conversion.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == Int16)
    @_specialize(where T == Int32)
    func read<T: StorableScalar>(_ file: NativeFile, count: Int, at offset: Int, order: ByteOrder) throws -> [T] {
        func words<W: NativeScalar & FixedWidthInteger>(_ type: W.Type) throws -> [W] {
            var values = try file.read(W.self, count: count, at: offset)
            values.convertFromByteOrder(order)
            return values
        }
        if storedType == T.elementType {
            switch byteWidth {
            case 2: return try words(UInt16.self).map { unsafeBitCast($0, to: T.self) }
            case 4: return try words(UInt32.self).map { unsafeBitCast($0, to: T.self) }
            case 8: return try words(UInt64.self).map { unsafeBitCast($0, to: T.self) }
            default: break
            }
        }
        switch self {
        case .int8: return try words(UInt8.self).map { T(converting: Double(Int8(bitPattern: $0))) }
        case .int16: return try words(UInt16.self).map { T(converting: Double(Int16(bitPattern: $0))) }
        case .int32: return try words(UInt32.self).map { T(converting: Double(Int32(bitPattern: $0))) }
        case .int64: return try words(UInt64.self).map { T(converting: Double(Int64(bitPattern: $0))) }
        case .uint8: return try words(UInt8.self).map { T(converting: Double($0)) }
        case .uint16: return try words(UInt16.self).map { T(converting: Double($0)) }
        case .uint32: return try words(UInt32.self).map { T(converting: Double($0)) }
        case .uint64: return try words(UInt64.self).map { T(converting: Double($0)) }
        case .float32, .float32WithUnit:
            return try words(UInt32.self).map { T(converting: Double(Float(bitPattern: $0))) }
        case .float64, .float64WithUnit: return try words(UInt64.self).map { T(converting: Double(bitPattern: $0)) }
        }
    }
}
