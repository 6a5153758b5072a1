import DistSwiftIO

/// Zero-phase filtering of many channels at once, channels in SIMD lanes. One channel's recurrence is a chain of
/// dependent multiply-adds, so filtering channel by channel waits on that chain at every sample; eight channels side
/// by side give eight independent chains per instruction. Each lane does exactly the arithmetic of `zeroPhase` on its
/// channel, in the same order, so the results are bit for bit those of the one-channel code.
extension SecondOrderSections {
    /// Channels processed together: SIMD8<Double> (two AVX or four SSE2 registers per value).
    static let laneCount = 8

    /// scipy's `sosfiltfilt(sos, x, padtype=…, axis=1)` of every row of `x` (row-major, rows × columns).
    public func zeroPhaseRows(_ x: Array2D<Double>, padType: PadType = .even) throws -> [Double] {
        let n = x.columns, pad = defaultPadLength
        guard n > pad else { throw ZeroPhaseLengthError(length: n, padLength: pad) }
        var out = [Double](repeating: 0, count: x.rows * n)
        var extended = [SIMD8<Double>](repeating: .zero, count: n + 2 * pad)
        let zi = stepInitialConditions
        for first in stride(from: 0, to: x.rows, by: Self.laneCount) {
            let lanes = min(Self.laneCount, x.rows - first)
            x.values.withUnsafeBufferPointer { values in
                extended.withUnsafeMutableBufferPointer { ext in
                    // Unused lanes repeat the last row: real data, so nothing can overflow, then discarded.
                    for lane in 0..<Self.laneCount {
                        let base = (first + min(lane, lanes - 1)) * n
                        Self.fillExtended(ext, lane: lane, row: UnsafeBufferPointer(rebasing: values[base..<(base + n)]),
                                          pad: pad, padType: padType)
                    }
                    runLanes(ext, reversed: false, initialLevel: ext[0], initialConditions: zi)
                    runLanes(ext, reversed: true, initialLevel: ext[ext.count - 1], initialConditions: zi)
                }
            }
            for lane in 0..<lanes {
                let base = (first + lane) * n
                for k in 0..<n { out[base + k] = extended[pad + k][lane] }
            }
        }
        return out
    }

    /// Lane `lane` of `ext` ← the row extended by `pad` samples at both ends (as `zeroPhase` extends it).
    private static func fillExtended(_ ext: UnsafeMutableBufferPointer<SIMD8<Double>>, lane: Int,
                                     row x: UnsafeBufferPointer<Double>, pad: Int, padType: PadType) {
        let n = x.count, first = x[0], last = x[n - 1]
        for k in 0..<pad {
            let left = x[k + 1], right = x[n - 2 - k]
            switch padType {
            case .even:
                ext[pad - 1 - k][lane] = left
                ext[pad + n + k][lane] = right
            case .odd:
                ext[pad - 1 - k][lane] = 2 * first - left
                ext[pad + n + k][lane] = 2 * last - right
            case .constant:
                ext[pad - 1 - k][lane] = first
                ext[pad + n + k][lane] = last
            }
        }
        for k in 0..<n { ext[pad + k][lane] = x[k] }
    }

    /// `run` on every lane at once over the whole buffer.
    private func runLanes(_ samples: UnsafeMutableBufferPointer<SIMD8<Double>>, reversed: Bool,
                          initialLevel: SIMD8<Double>, initialConditions: [(Double, Double)]) {
        let count = samples.count
        for (section, zi) in zip(sections, initialConditions) {
            let b0 = SIMD8(repeating: section.b0), b1 = SIMD8(repeating: section.b1)
            let b2 = SIMD8(repeating: section.b2), a1 = SIMD8(repeating: section.a1)
            let a2 = SIMD8(repeating: section.a2)
            var z0 = zi.0 * initialLevel, z1 = zi.1 * initialLevel
            var i = reversed ? count - 1 : 0
            let step = reversed ? -1 : 1
            for _ in 0..<count {
                let x = samples[i]
                let y = b0 * x + z0
                z0 = b1 * x - a1 * y + z1
                z1 = b2 * x - a2 * y
                samples[i] = y
                i += step
            }
        }
    }
}
