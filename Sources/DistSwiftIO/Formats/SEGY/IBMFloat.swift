/// IBM System/360 single-precision floats (SEG-Y sample format 1): sign bit, 7-bit excess-64 exponent of 16, and a
/// 24-bit fraction, value = ±0.fraction × 16^(exponent − 64).
///
/// distpy's decoder formula is right but it reads the words as numpy `'>L'`, 8 bytes on Linux, and so decodes every
/// other sample (its bug #31); here each word is one 4-byte `UInt32`, already in the machine's byte order.
enum IBMFloat {
    /// The exact value of one IBM word (every IBM single fits a Double exactly: 24-bit fraction, 2^-260…2^252).
    static func value(_ word: UInt32) -> Double {
        let fraction = word & 0x00FF_FFFF
        guard fraction != 0 else { return 0 }
        let exponent = Int((word >> 24) & 0x7F) - 64
        // 0.fraction × 16^e = fraction × 2^(4e − 24)
        return Double(sign: word >> 31 == 1 ? .minus : .plus, exponent: 4 * exponent - 24,
                      significand: Double(fraction))
    }
}
