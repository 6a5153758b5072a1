import DistSwiftIO

/// A window along time as DASCore's `patch.rolling(time=window, step=step, samples=…)` takes it, resolved at the
/// rate of the data it runs on. The window of output sample t is centred on it: [t − w/2, t + w − 1 − w/2] (for an
/// even w the extra sample is before t, as DASCore's `center=True`).
struct RollingWindow: Sendable {
    let window: TimeExtent
    let step: TimeExtent?

    static let parameters = [
        DimensionKeyword.timeExtentParameter("window length along time (DASCore's rolling(time=...))"),
        ParameterSpec("step", .number, default: .null, unit: "s (samples when samples is true)",
                      "distance between output samples (DASCore's step); default: every sample"),
        DimensionKeyword.samplesParameter,
    ]

    init(_ p: ParameterValues) throws {
        let inSamples = p.flag("samples")
        window = try TimeExtent(p.number("time"), inSamples: inSamples, parameter: "time")
        step = p.values["step"] == .null ? nil : try TimeExtent(p.number("step"), inSamples: inSamples, parameter: "step")
    }

    /// The rate of the time axis the window runs along (1 Hz when validated without a store: then only a
    /// window given in samples has its real length).
    static func rate(_ axes: Axes) -> Double { axes.columns.rateHz ?? axes.samplingRateHz ?? 1 }

    func length(_ axes: Axes) -> Int { window.samples(rateHz: Self.rate(axes)) }
    func stride(_ axes: Axes) -> Int { step?.samples(rateHz: Self.rate(axes)) ?? 1 }
    func before(_ axes: Axes) -> Int { length(axes) / 2 }
    func after(_ axes: Axes) -> Int { length(axes) - 1 - length(axes) / 2 }

    /// Output sample k needs the window around input sample k · step (global phase, so chunks keep it).
    func context(_ axes: Axes) -> TimeContext {
        .window(AxisContext(before: before(axes), after: after(axes), stride: stride(axes)))
    }

    /// The input's axes with the time axis kept at every step-th sample of the recording (as `downsample`).
    func outputAxes(_ input: Axes) -> Axes {
        var axes = input
        axes.columns = input.columns.decimated(by: stride(input)).axis
        axes.samplingRateHz = axes.columns.rateHz
        return axes
    }

    /// The problem with a window longer than a chunk can hold, at the store's rate.
    func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let rate = context.samplingRateHz else { return [] }
        let n = window.samples(rateHz: rate)
        guard n >= 1 else { return [] }
        if let step, step.samples(rateHz: rate) < 1 {
            return [ParameterProblem("step", "is \(step), less than one sample at \(rate) Hz", fix: "give a longer step")]
        }
        return []
    }
}
