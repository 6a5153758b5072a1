import DistSwiftNative

/// The fields of a 240-byte trace header that a DAS record needs, by their SEG-Y positions.
struct SEGYTraceHeader: Sendable {
    static let byteCount = 240

    let fields: SEGYHeaderFields

    init(bytes: [UInt8], order: ByteOrder) {
        fields = SEGYHeaderFields(bytes: bytes, order: order)
    }

    /// Receiver group elevation (41–44), to be scaled by `elevationScalar`.
    var receiverElevation: Int { fields.int32(41) }
    /// Scalar for elevations and depths (69–70).
    var elevationScalar: Int { fields.int16(69) }
    /// Delay recording time, ms (109–110), to be scaled by `timeScalar`.
    var delayRecordingTimeMs: Int { fields.int16(109) }
    /// Samples in this trace (115–116); informative only (segyio's f3.sgy says 462 where the traces hold 75).
    var sampleCount: Int { fields.uint16(115) }
    /// Sample interval of this trace, µs (117–118).
    var sampleIntervalUs: Int { fields.uint16(117) }
    /// Year, day of year, hour, minute, second (157–166) and time basis code (167–168) of the recording.
    var year: Int { fields.int16(157) }
    var dayOfYear: Int { fields.int16(159) }
    var hour: Int { fields.int16(161) }
    var minute: Int { fields.int16(163) }
    var second: Int { fields.int16(165) }
    var timeBasisCode: Int { fields.int16(167) }
    /// Scalar for the times of bytes 95–114 (215–216; rev 1).
    var timeScalar: Int { fields.int16(215) }

    /// A field the text header declared (FORGE: FIBREDIST at 197–200).
    func value(of field: SEGYTextHeader.DeclaredField) -> Int { fields.signed(field.position, width: field.width) }

    /// SEG-Y's scalar rule (bytes 69–72 and 215–216): a negative scalar divides by its magnitude, a positive
    /// one multiplies, 0 means 1. Dividing (rather than multiplying by 0.001) keeps a value like −509136 / 1000 the
    /// nearest double to −509.136, so positions written as decimals read back exactly.
    static func apply(scalar: Int, to value: Int) -> Double {
        if scalar < 0 { return Double(value) / Double(-scalar) }
        if scalar > 0 { return Double(value) * Double(scalar) }
        return Double(value)
    }
}
