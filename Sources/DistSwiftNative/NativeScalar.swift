/// A fixed-size number that can be copied byte for byte between files and Swift arrays.
///
/// `byteSwapped` lets readers and writers convert between a file's byte order and the machine's without
/// knowing which concrete type they hold.
public protocol NativeScalar: BitwiseCopyable, Sendable, Equatable {
    var byteSwapped: Self { get }
    /// The value as a Double (exact for every conforming type except 64-bit integers beyond 2^53).
    var doubleValue: Double { get }
}

extension Float: NativeScalar {
    public var byteSwapped: Float { Float(bitPattern: bitPattern.byteSwapped) }
    public var doubleValue: Double { Double(self) }
}
extension Double: NativeScalar {
    public var byteSwapped: Double { Double(bitPattern: bitPattern.byteSwapped) }
    public var doubleValue: Double { self }
}
extension Int8: NativeScalar { public var doubleValue: Double { Double(self) } }
extension UInt8: NativeScalar { public var doubleValue: Double { Double(self) } }
extension Int16: NativeScalar { public var doubleValue: Double { Double(self) } }
extension UInt16: NativeScalar { public var doubleValue: Double { Double(self) } }
extension Int32: NativeScalar { public var doubleValue: Double { Double(self) } }
extension UInt32: NativeScalar { public var doubleValue: Double { Double(self) } }
extension Int64: NativeScalar { public var doubleValue: Double { Double(self) } }
extension UInt64: NativeScalar { public var doubleValue: Double { Double(self) } }

/// The byte order of numbers stored in a file.
public enum ByteOrder: String, Sendable, Codable {
    case little, big

    public static var host: ByteOrder { 1.littleEndian == 1 ? .little : .big }
}

extension Array where Element: NativeScalar {
    /// Reorders the bytes of every element in place when `order` differs from the machine's.
    /// (Inlinable so callers in other modules get a loop specialised to their element type.)
    @inlinable
    public mutating func convertFromByteOrder(_ order: ByteOrder) {
        guard order != .host else { return }
        for i in indices { self[i] = self[i].byteSwapped }
    }

    /// A copy in the given byte order (the array itself when that is the machine's order).
    @inlinable
    public func inByteOrder(_ order: ByteOrder) -> [Element] {
        order == .host ? self : map(\.byteSwapped)
    }

    /// The elements' bytes as they lie in memory (the machine's byte order), for byte streams such as uploads.
    public var nativeBytes: [UInt8] { withUnsafeBytes { [UInt8]($0) } }

    /// Elements from bytes as they lie in memory (the machine's byte order); trailing bytes that do not fill an
    /// element are ignored.
    public init(nativeBytes bytes: some Collection<UInt8>) {
        let count = bytes.count / MemoryLayout<Element>.stride
        let contiguous = [UInt8](bytes)
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            contiguous.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: source[0..<(count * MemoryLayout<Element>.stride)]))
            }
            initialized = count
        }
    }
}
