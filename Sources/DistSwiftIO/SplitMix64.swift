import Foundation

/// A small, fast, seedable random generator (SplitMix64): synthetic records, k-means++ seeding and the backend
/// checks' inputs are identical on every machine, without global state, and every chunk can be generated
/// independently of the others.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A uniform value in (0, 1].
    public mutating func unitInterval() -> Double { (Double(next() >> 11) + 1) / 9_007_199_254_740_992 }

    /// A pair of independent standard normal values (Box–Muller).
    public mutating func normalPair() -> (Double, Double) {
        let r = (-2 * log(unitInterval())).squareRoot()
        let angle = 2 * Double.pi * unitInterval()
        return (r * cos(angle), r * sin(angle))
    }
}

