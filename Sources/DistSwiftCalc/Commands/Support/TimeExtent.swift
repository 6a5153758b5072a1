import DistSwiftIO

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
        return DimensionKeyword.sampleCount(value * rateHz)
    }

    var description: String { inSamples ? "\(Int(value)) samples" : "\(value) s" }
}
