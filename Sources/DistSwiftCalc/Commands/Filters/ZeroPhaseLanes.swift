import DistSwiftIO
import DistSwiftNative

/// Zero-phase filtering of many channels at once, channels in SIMD lanes. One channel's recurrence is a chain of
/// dependent multiply-adds, so filtering channel by channel waits on that chain at every sample; sixteen channels side
/// by side give independent chains that fill the vector unit (`SOSLanes`: AVX-512 or AVX2 where the processor has
/// them). Each lane does exactly the arithmetic of `zeroPhase` on its channel, in the same order and without fused
/// multiply-adds, so the results are bit for bit those of the one-channel code (tested).
extension SecondOrderSections {
    /// scipy's `sosfiltfilt(sos, x, padtype=…, axis=1)` of every row of `x` (row-major, rows × columns).
    public func zeroPhaseRows(_ x: Array2D<Double>, padType: PadType = .even) throws -> [Double] {
        try checkLength(x.columns)
        return SOSLanes.zeroPhaseRows(x.values, rows: x.rows, columns: x.columns, pad: defaultPadLength,
                                      padding: padType.lanePadding, coefficients: laneCoefficients,
                                      initialConditions: laneInitialConditions)
    }

    /// The same of float32 rows: each row filtered in double from its float32 values and rounded to float32, i.e.
    /// exactly `Float` of the double path's result on the widened rows, without the float64 copies.
    public func zeroPhaseRows(_ x: Array2D<Float>, padType: PadType = .even) throws -> [Float] {
        try checkLength(x.columns)
        return SOSLanes.zeroPhaseRows(x.values, rows: x.rows, columns: x.columns, pad: defaultPadLength,
                                      padding: padType.lanePadding, coefficients: laneCoefficients,
                                      initialConditions: laneInitialConditions)
    }

    private func checkLength(_ columns: Int) throws {
        guard columns > defaultPadLength else {
            throw ZeroPhaseLengthError(length: columns, padLength: defaultPadLength)
        }
    }

    var laneCoefficients: [Double] { sections.flatMap { [$0.b0, $0.b1, $0.b2, $0.a1, $0.a2] } }
    var laneInitialConditions: [Double] { stepInitialConditions.flatMap { [$0.0, $0.1] } }
}

extension PadType {
    var lanePadding: SOSLanes.Padding { self == .even ? .even : (self == .odd ? .odd : .constant) }
}
