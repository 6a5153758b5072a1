import DistSwiftNative

/// The data sample format code of the binary header (bytes 3225–3226), with how each is decoded.
///
/// Code 4 is "4-byte fixed point with gain" in the standard (obsolete since rev 1); the only code-4 files we have, the
/// segyio test files `multiformats/Format4*.sgy`, store IEEE float32 there (word 0x43900000 = 288.0, and every value
/// then equals the other formats' copies), so code 4 is decoded as IEEE float32. Codes 13 and 14 are unassigned.
enum SEGYSampleFormat: Int, CaseIterable, Sendable {
    case ibmFloat32 = 1
    case int32 = 2
    case int16 = 3
    case fixedPointWithGain = 4
    case ieeeFloat32 = 5
    case ieeeFloat64 = 6
    case int24 = 7
    case int8 = 8
    case int64 = 9
    case uint32 = 10
    case uint16 = 11
    case uint64 = 12
    case uint24 = 15
    case uint8 = 16

    /// Bytes per sample.
    var byteWidth: Int {
        switch self {
        case .int8, .uint8: return 1
        case .int16, .uint16: return 2
        case .int24, .uint24: return 3
        case .ibmFloat32, .int32, .fixedPointWithGain, .ieeeFloat32, .uint32: return 4
        case .ieeeFloat64, .int64, .uint64: return 8
        }
    }

    var name: String {
        switch self {
        case .ibmFloat32: return "IBM float32"
        case .int32: return "int32"
        case .int16: return "int16"
        case .fixedPointWithGain: return "code 4 read as IEEE float32"
        case .ieeeFloat32: return "IEEE float32"
        case .ieeeFloat64: return "IEEE float64"
        case .int24: return "int24"
        case .int8: return "int8"
        case .int64: return "int64"
        case .uint32: return "uint32"
        case .uint16: return "uint16"
        case .uint64: return "uint64"
        case .uint24: return "uint24"
        case .uint8: return "uint8"
        }
    }

    /// The chunk-store type that holds the samples exactly as they are (so `--dtype raw` keeps them); nil where a
    /// conversion is needed (IBM floats) or the store has no such type.
    var storedType: ElementType? {
        switch self {
        case .int16: return .int16
        case .int32: return .int32
        case .ieeeFloat32: return .float32
        case .ieeeFloat64: return .float64
        default: return nil
        }
    }

    /// Reads `count` samples at byte `offset` of `file` (stored in `order`) and appends them to `out` as `T`.
    /// Specialised for the store's element types: this loop runs once per sample of every ingested file.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == Int16)
    @_specialize(where T == Int32)
    func read<T: StorableScalar>(_ file: NativeFile, count: Int, at offset: Int, order: ByteOrder,
                                 into out: inout [T]) throws {
        func words<W: NativeScalar & FixedWidthInteger>(_ type: W.Type) throws -> [W] {
            var values = try file.read(W.self, count: count, at: offset)
            values.convertFromByteOrder(order)
            return values
        }
        // The common case, a sample format the store holds as it is: reinterpret the swapped words, no conversion.
        if storedType == T.elementType {
            switch self {
            case .int16:
                out.append(contentsOf: try words(UInt16.self).map { unsafeBitCast($0, to: T.self) })
                return
            case .int32, .ieeeFloat32:
                out.append(contentsOf: try words(UInt32.self).map { unsafeBitCast($0, to: T.self) })
                return
            case .ieeeFloat64:
                out.append(contentsOf: try words(UInt64.self).map { unsafeBitCast($0, to: T.self) })
                return
            default: break
            }
        }
        func append<S>(_ values: [S], _ convert: (S) -> Double) {
            for v in values { out.append(T(converting: convert(v))) }
        }
        switch self {
        case .ibmFloat32: append(try words(UInt32.self)) { IBMFloat.value($0) }
        case .int32: append(try words(UInt32.self)) { Double(Int32(bitPattern: $0)) }
        case .int16: append(try words(UInt16.self)) { Double(Int16(bitPattern: $0)) }
        case .fixedPointWithGain, .ieeeFloat32: append(try words(UInt32.self)) { Double(Float(bitPattern: $0)) }
        case .ieeeFloat64: append(try words(UInt64.self)) { Double(bitPattern: $0) }
        case .int8: append(try words(UInt8.self)) { Double(Int8(bitPattern: $0)) }
        case .int64: append(try words(UInt64.self)) { Double(Int64(bitPattern: $0)) }
        case .uint32: append(try words(UInt32.self)) { Double($0) }
        case .uint16: append(try words(UInt16.self)) { Double($0) }
        case .uint64: append(try words(UInt64.self)) { Double($0) }
        case .uint8: append(try words(UInt8.self)) { Double($0) }
        case .int24, .uint24:
            // Three bytes per sample: no Swift integer type to read them into, so assemble them here.
            let bytes = try file.readBytes(at: offset, count: count * 3)
            for i in 0..<count {
                let b0 = UInt32(bytes[3 * i]), b1 = UInt32(bytes[3 * i + 1]), b2 = UInt32(bytes[3 * i + 2])
                let unsigned = order == .big ? (b0 << 16 | b1 << 8 | b2) : (b2 << 16 | b1 << 8 | b0)
                // int24: sign-extend bit 23.
                let value = self == .int24 ? Double(Int32(bitPattern: unsigned << 8) >> 8) : Double(unsigned)
                out.append(T(converting: value))
            }
        }
    }
}
