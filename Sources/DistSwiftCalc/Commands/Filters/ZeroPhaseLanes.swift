import DistSwiftIO
import DistSwiftNative

/// Zero-phase filtering of many channels at once, channels in SIMD lanes. One channel's recurrence is a chain of
/// dependent multiply-adds, so filtering channel by channel waits on that chain at every sample; sixteen channels side
/// by side give independent chains that fill the vector unit (`SOSLanes`: AVX-512 or AVX2 where the processor has
/// them). Each lane does exactly the arithmetic of `zeroPhase` on its channel, in the same order, so the results are
/// bit for bit those of the one-channel code.
extension SecondOrderSections {
    /// scipy's `sosfiltfilt(sos, x, padtype=…, axis=1)` of every row of `x` (row-major, rows × columns).
    public func zeroPhaseRows(_ x: Array2D<Double>, padType: PadType = .even) throws -> [Double] {
        let n = x.columns, pad = defaultPadLength, lanes = SOSLanes.lanes
        guard n > pad else { throw ZeroPhaseLengthError(length: n, padLength: pad) }
        let total = n + 2 * pad
        var out = [Double](repeating: 0, count: x.rows * n)
        var extended = [Double](repeating: 0, count: total * lanes)
        let coefficients = sections.flatMap { [$0.b0, $0.b1, $0.b2, $0.a1, $0.a2] }
        let zi = stepInitialConditions.flatMap { [$0.0, $0.1] }
        for first in stride(from: 0, to: x.rows, by: lanes) {
            let used = min(lanes, x.rows - first)
            x.values.withUnsafeBufferPointer { values in
                extended.withUnsafeMutableBufferPointer { ext in
                    // Unused lanes repeat the last row: real data, so nothing can overflow, then discarded.
                    for lane in 0..<lanes {
                        let base = (first + min(lane, used - 1)) * n
                        Self.fillExtended(ext, lane: lane, lanes: lanes,
                                          row: UnsafeBufferPointer(rebasing: values[base..<(base + n)]), pad: pad,
                                          padType: padType)
                    }
                }
            }
            SOSLanes.run(&extended, reversed: false, coefficients: coefficients, initialConditions: zi)
            SOSLanes.run(&extended, reversed: true, coefficients: coefficients, initialConditions: zi)
            extended.withUnsafeBufferPointer { ext in
                out.withUnsafeMutableBufferPointer { o in
                    for lane in 0..<used {
                        let row = (first + lane) * n
                        for k in 0..<n { o[row + k] = ext[(pad + k) * lanes + lane] }
                    }
                }
            }
        }
        return out
    }

    /// Lane `lane` of `ext` ← the row extended by `pad` samples at both ends (as `zeroPhase` extends it).
    private static func fillExtended(_ ext: UnsafeMutableBufferPointer<Double>, lane: Int, lanes: Int,
                                     row x: UnsafeBufferPointer<Double>, pad: Int, padType: PadType) {
        let n = x.count, first = x[0], last = x[n - 1]
        for k in 0..<pad {
            let left = x[k + 1], right = x[n - 2 - k]
            let l = (pad - 1 - k) * lanes + lane, r = (pad + n + k) * lanes + lane
            switch padType {
            case .even: (ext[l], ext[r]) = (left, right)
            case .odd: (ext[l], ext[r]) = (2 * first - left, 2 * last - right)
            case .constant: (ext[l], ext[r]) = (first, last)
            }
        }
        for k in 0..<n { ext[(pad + k) * lanes + lane] = x[k] }
    }
}
