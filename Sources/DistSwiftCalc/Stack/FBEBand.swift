import Foundation

/// The frequency band of a stacked curve, read back from the names `write_witsml` gives its curves
/// (`WITSMLCurve.genericCurves`): `band_0-nyquist` is 0 Hz to Nyquist, `band_01_200--1` 200 Hz to Nyquist (distpy's
/// high frequency −1, like any negative one, means Nyquist), `band_02_200-600` 200 to 600 Hz. Nyquist is half the
/// `prf` the description carries ("from 200 Hz to -1 Hz (prf=10000)"). PRODML's FbeData needs StartFrequency and
/// EndFrequency; a curve whose name is not one of these (`labels` replaced it, or a `.npy` column) gets NaN, and an
/// edge at Nyquist gets NaN when no prf is given: unknown, never guessed.
public struct FBEBand: Sendable, Equatable {
    public var startHz: Double
    public var endHz: Double

    public static let unknown = FBEBand(startHz: .nan, endHz: .nan)

    public init(startHz: Double, endHz: Double) {
        self.startHz = startHz
        self.endHz = endHz
    }

    /// The band of a curve named `mnemonic` with the description `description`.
    public init(mnemonic: String, description: String) {
        let nyquist = Self.prf(in: description).map { $0 / 2 } ?? .nan
        if mnemonic == "band_0-nyquist" {
            self.init(startHz: 0, endHz: nyquist)
            return
        }
        // "band_NN_{lo}-{hi}", where hi may itself be negative ("200--1"): the first split whose halves are both
        // numbers (this also reads "1e-05-600").
        let parts = mnemonic.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "band", Int(parts[1]) != nil else {
            self = .unknown
            return
        }
        let edges = parts[2]
        for i in edges.indices where edges[i] == "-" && i != edges.startIndex {
            if let low = Double(edges[..<i]), let high = Double(edges[edges.index(after: i)...]) {
                self.init(startHz: low, endHz: high < 0 ? nyquist : high)
                return
            }
        }
        self = .unknown
    }

    /// The number after "(prf=" in a description, if any.
    static func prf(in description: String) -> Double? {
        guard let start = description.range(of: "(prf=") else { return nil }
        let rest = description[start.upperBound...]
        guard let end = rest.firstIndex(of: ")") else { return nil }
        return Double(rest[..<end]).flatMap { $0 > 0 ? $0 : nil }
    }
}
