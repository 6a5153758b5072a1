/// How `filtfilt`-style zero-phase filtering extends a signal at both ends before filtering, as scipy's
/// `even_ext`, `odd_ext` and `const_ext`. The extension lets the start-up transient of each pass decay in samples
/// that are cut off afterwards.
public enum PadType: String, Sendable, CaseIterable {
    /// Mirror about the end samples: x[n], …, x[1] | x | x[-2], …, x[-n-1].
    case even
    /// Point-mirror about the end samples: 2·x[0] − x[n], … (keeps the slope continuous).
    case odd
    /// Repeat the end samples.
    case constant
}

/// A row too short for the edge padding of zero-phase filtering (scipy raises the same for `len(x) <= padlen`).
public struct ZeroPhaseLengthError: Error, Sendable, CustomStringConvertible {
    public let length: Int
    public let padLength: Int

    public var description: String {
        "a row of \(length) samples is too short for zero-phase filtering: it must be longer than padlen = \(padLength)"
    }
}

extension SecondOrderSections {
    /// scipy's `sosfiltfilt(sos, x, padtype=…)` with its default padlen: the cascade run forward and then backward,
    /// so the phase shifts cancel and the magnitude response is applied twice. Each pass starts in the steady state
    /// of its first input sample, which keeps the edges free of a step transient.
    public func zeroPhase(_ x: ArraySlice<Double>, padType: PadType = .even) throws -> [Double] {
        let n = x.count, pad = defaultPadLength
        guard n > pad else { throw ZeroPhaseLengthError(length: n, padLength: pad) }
        let first = x.first!, last = x.last!
        let start = x.startIndex
        var extended = [Double](repeating: 0, count: n + 2 * pad)
        for k in 0..<pad {
            // Left: position pad − 1 − k mirrors x[k + 1]; right: position pad + n + k mirrors x[n − 2 − k].
            let left = x[start + k + 1], right = x[start + n - 2 - k]
            switch padType {
            case .even:
                extended[pad - 1 - k] = left
                extended[pad + n + k] = right
            case .odd:
                extended[pad - 1 - k] = 2 * first - left
                extended[pad + n + k] = 2 * last - right
            case .constant:
                extended[pad - 1 - k] = first
                extended[pad + n + k] = last
            }
        }
        for k in 0..<n { extended[pad + k] = x[start + k] }

        let zi = stepInitialConditions
        let all = 0..<extended.count
        run(&extended, all, reversed: false, initialLevel: extended[0], initialConditions: zi)
        run(&extended, all, reversed: true, initialLevel: extended[extended.count - 1], initialConditions: zi)
        return Array(extended[pad..<(pad + n)])
    }
}
