import DistSwiftNative

/// Integers and floats at SEG-Y byte positions of a header block, in the file's byte order.
///
/// Positions are the standard's 1-based byte numbers (3225 for the format code, 157 for the trace year), so the code
/// reads like the SEG-Y tables it implements; `firstPosition` is the number of `bytes[0]` (1 for a trace header and
/// for the file's first 3600 bytes). Fields past the end of `bytes` read as 0, like unused header space.
struct SEGYHeaderFields: Sendable {
    let bytes: [UInt8]
    let order: ByteOrder
    var firstPosition = 1

    /// The `width`-byte unsigned field starting at `position`.
    func unsigned(_ position: Int, width: Int) -> UInt64 {
        let start = position - firstPosition
        guard start >= 0, start + width <= bytes.count else { return 0 }
        var value: UInt64 = 0
        for i in 0..<width {
            let byte = UInt64(bytes[start + (order == .big ? i : width - 1 - i)])
            value = value << 8 | byte
        }
        return value
    }

    func int16(_ position: Int) -> Int { Int(Int16(truncatingIfNeeded: unsigned(position, width: 2))) }
    func uint16(_ position: Int) -> Int { Int(unsigned(position, width: 2)) }
    func int32(_ position: Int) -> Int { Int(Int32(truncatingIfNeeded: unsigned(position, width: 4))) }
    func uint64(_ position: Int) -> UInt64 { unsigned(position, width: 8) }
    func float64(_ position: Int) -> Double { Double(bitPattern: unsigned(position, width: 8)) }

    /// A signed field of 2 or 4 bytes (the widths text headers declare for vendor fields).
    func signed(_ position: Int, width: Int) -> Int {
        width == 2 ? int16(position) : int32(position)
    }
}

/// Builds a big-endian header block field by field (the writer's side of `SEGYHeaderFields`).
struct SEGYHeaderBuilder {
    private(set) var bytes: [UInt8]
    let firstPosition: Int

    init(size: Int, firstPosition: Int = 1) {
        bytes = [UInt8](repeating: 0, count: size)
        self.firstPosition = firstPosition
    }

    mutating func set(_ position: Int, width: Int, _ value: UInt64) {
        let start = position - firstPosition
        precondition(start >= 0 && start + width <= bytes.count, "SEG-Y field \(position) outside the block")
        for i in 0..<width { bytes[start + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(width - 1 - i))) }
    }

    mutating func setInt16(_ position: Int, _ value: Int) {
        set(position, width: 2, UInt64(UInt16(bitPattern: Int16(value))))
    }
    mutating func setInt32(_ position: Int, _ value: Int) {
        set(position, width: 4, UInt64(UInt32(bitPattern: Int32(value))))
    }
    mutating func setUInt64(_ position: Int, _ value: UInt64) { set(position, width: 8, value) }
    mutating func setFloat64(_ position: Int, _ value: Double) { set(position, width: 8, value.bitPattern) }

    mutating func setBytes(_ position: Int, _ values: [UInt8]) {
        let start = position - firstPosition
        bytes.replaceSubrange(start..<(start + values.count), with: values)
    }
}
