import DistSwiftIO

/// DASCore's `patch.stft(time=…, overlap=…, taper_window=…, samples=…, detrend=…)` keywords, read once and turned
/// into the window and hop for the rate of the input (a length in seconds needs the rate).
struct ShortTimeSettings: Sendable {
    static let parameters = [
        DimensionKeyword.timeExtentParameter("DASCore's `time=`: the window length (seconds, rounded up to whole "
                                             + "samples as DASCore's get_sample_count; samples when samples is true)"),
        ParameterSpec("overlap", .json, default: .string("50%"), unit: "s, samples or %",
                      "overlap of neighbouring windows: seconds (samples when samples is true) or a percentage of "
                      + "the window as \"50%\" (DASCore's 50 % default); 0 for none (DASCore's None: hop = window)"),
        ParameterSpec("taper_window", .json, default: .string("hann"),
                      "window applied to each segment, symmetric as DASCore's get_window(…, fftbins=False): "
                      + ScipyWindow.names.joined(separator: ", ") + ", or [\"tukey\", alpha]"),
        DimensionKeyword.samplesParameter,
        ParameterSpec("detrend", .boolean, default: .bool(false),
                      "remove each segment's linear trend before the window (DASCore's detrend; no istft then)"),
    ]

    enum Overlap: Sendable, Equatable {
        case none
        case percent(Double)
        case extent(Double)
    }

    let window: ScipyWindow
    let length: Double
    let overlap: Overlap
    let samples: Bool
    let detrend: Bool

    init(_ p: ParameterValues) throws {
        window = try ScipyWindow(p.values["taper_window"], parameter: "taper_window")
        length = p.number("time")
        samples = p.flag("samples")
        detrend = p.flag("detrend")
        guard length > 0 else {
            throw ParameterProblem("time", "is \(length) but the window must be longer than 0",
                                   fix: "give the window length in seconds (or samples with \"samples\": true)")
        }
        if samples, length != length.rounded() {
            throw ParameterProblem("time", "is \(length) but with samples true the window is a whole number of samples",
                                   fix: "give a whole number, or set samples false for seconds")
        }
        let fix = "give seconds (samples with \"samples\": true), a percentage such as \"50%\", or 0 for no overlap"
        switch p.values["overlap"] {
        case nil, .null?, .number(0)?: overlap = .none
        case .number(let x)?:
            guard x >= 0 else { throw ParameterProblem("overlap", "is \(x) but must not be negative", fix: fix) }
            overlap = .extent(x)
        case .string(let s)? where s.hasSuffix("%"):
            guard let x = Double(s.dropLast().trimmingCharacters(in: .whitespaces)), (0...100).contains(x) else {
                throw ParameterProblem("overlap", "is \"\(s)\" but a percentage must be between 0% and 100%", fix: fix)
            }
            overlap = .percent(x)
        case let other?:
            throw ParameterProblem("overlap", "is \(other.compactDescription), not an overlap", fix: fix)
        }
    }

    /// Window samples and hop at `rateHz`, as DASCore's get_window_axis_step; nil with the problem when the
    /// overlap leaves no step.
    func windowAndHop(rateHz: Double) -> Result<(window: Int, hop: Int), ParameterProblem> {
        let n = samples ? Int(length) : DimensionKeyword.sampleCount(length * rateHz)
        let overlapSamples: Int
        switch overlap {
        case .none: return .success((n, n))
        case .percent(let x): overlapSamples = Int((x / 100 * Double(n)).rounded(.toNearestOrEven))
        case .extent(let x):
            if samples && x != x.rounded() {
                return .failure(ParameterProblem("overlap", "is \(x) but with samples true it is a whole number of samples",
                                                 fix: "give a whole number of samples"))
            }
            overlapSamples = samples ? Int(x) : DimensionKeyword.sampleCount(x * rateHz)
        }
        guard n - overlapSamples > 0 else {
            return .failure(ParameterProblem("overlap", "is \(overlapSamples) samples, which leaves no step between "
                                             + "windows of \(n) samples", fix: "give an overlap smaller than the window"))
        }
        return .success((n, n - overlapSamples))
    }

    func transform(rateHz: Double) throws -> ShortTimeTransform {
        let (n, hop) = try windowAndHop(rateHz: rateHz).get()
        return ShortTimeTransform(window: window.values(n, periodic: false), hop: hop, detrended: detrend)
    }
}
