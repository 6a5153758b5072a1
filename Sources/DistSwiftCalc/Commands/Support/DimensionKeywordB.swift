import DistSwiftIO
import Foundation

/// DASCore's way of naming the dimension an operation runs along, for the spectral, event, array and rolling
/// commands: either `"dim": "time"` (DASCore's `patch.envelope(dim="time")`) or the dimension as the key of its
/// extent (`patch.rolling(time=0.5)`, `patch.stalta(time=(0.01, 0.1))`), in seconds unless `"samples": true`.
/// These commands run along time only; a DASCore user writing `"dim": "distance"` is told so by the choice check.
enum DimensionKeywordB {
    /// `"dim"`: the dimension, by DASCore's name.
    static func dimSpec(_ doc: String = "dimension to run along (DASCore's dim); only time") -> ParameterSpec {
        ParameterSpec("dim", .choice(["time"]), default: .string("time"), doc)
    }

    /// `"time": extent` — DASCore's dimension keyword, one number (a window) or a list (several windows).
    static func timeSpec(_ doc: String, list: Bool = false, optional: Bool = false) -> ParameterSpec {
        ParameterSpec("time", list ? .numberOrList : .number, default: optional ? .null : nil, unit: "s (samples when samples is true)",
                      doc)
    }

    /// `"samples"`: DASCore's flag, the extents are sample counts rather than seconds.
    static let samplesSpec = ParameterSpec("samples", .boolean, default: .bool(false),
                                           "true: time, step and window values are sample counts (DASCore's samples)")
}

/// A length along time as written: seconds, or samples when DASCore's `samples` flag is set.
struct TimeExtent: Sendable, Equatable, CustomStringConvertible {
    let value: Double
    let inSamples: Bool
    /// The parameter it came from, for messages.
    let parameter: String

    /// Checks the value is positive (and whole when in samples).
    init(_ value: Double, inSamples: Bool, parameter: String) throws {
        guard value > 0, value.isFinite else {
            throw ParameterProblem(parameter, "is \(value) but must be positive",
                                   fix: "give a length in \(inSamples ? "samples" : "seconds") greater than 0")
        }
        if inSamples, value != value.rounded() {
            throw ParameterProblem(parameter, "is \(value) but must be a whole number of samples (samples is true)",
                                   fix: "give a whole number, or set samples to false to give seconds")
        }
        self.value = value
        self.inSamples = inSamples
        self.parameter = parameter
    }

    /// Samples at `rateHz` as DASCore's `get_sample_count`: seconds × rate rounded up, a ratio within rounding
    /// error of a whole number taken as that number.
    func samples(rateHz: Double) -> Int {
        if inSamples { return Int(value) }
        let ratio = value * rateHz
        let nearest = ratio.rounded()
        return max(1, Int(abs(ratio - nearest) <= 1e-9 * max(1, nearest) ? nearest : ratio.rounded(.up)))
    }

    var description: String { inSamples ? "\(Int(value)) samples" : "\(value) s" }
}
