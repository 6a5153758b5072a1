/// A 64-bit FNV-1a hash of everything added, to notice that an input changed between runs. Not cryptographic: it
/// guards against edits, not against someone forging a collision.
public struct ContentFingerprint: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01b3
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        state ^= 0xff
        state = state &* 0x0000_0100_0000_01b3
    }

    public mutating func add(_ text: String) { add(Array(text.utf8)) }

    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
