import DistSwiftIO

/// `resample`: DASCore's `patch.resample(time=0.002)`: each chunk resampled to a new sampling period by the
/// Fourier method (scipy.signal.resample).
public struct ResampleCommand: Command {
    public static let name = "resample"
    public static let summary = "DASCore's resample: each chunk to a new sampling period by the Fourier method"
    public static let details = """
        DASCore: patch.resample(time=0.002) = scipy.signal.resample(x, num) along time with num = n·dt/new_dt:
        the rfft cut (or zero-padded) to the new length's bins, the unpaired Nyquist bin doubled (down) or halved
        (up), irfft, scaled by num/n. The value is the new sampling period in s (or, with "samples": true, the
        number of samples per chunk). Defined per chunk: the transform treats each chunk as periodic, as DASCore
        treats a patch, so chunk edges show it; use `decimate` for continuous integer rate changes. The output's
        time axis starts at the chunk's first sample at the new rate, and later commands, checks and writers see
        that rate. num must come out whole for the store's chunk length (DASCore interpolates afterwards
        instead; here the period is refused with the nearest ones that fit).
        """
    public static let parameters = DimensionKeyword.keyedParameters("the new sampling period (s), or a count") + [
        ParameterSpec("samples", .boolean, default: .bool(false), "true: the value is the number of samples per chunk"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let value: Double
    let samples: Bool

    public init(_ p: ParameterValues) throws {
        let (dimension, raw) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": 0.002}"#)
        guard dimension == .time else {
            throw ParameterProblem("distance", "is given but resample works along time here",
                                   fix: "use `interpolate` with distance positions along the fibre")
        }
        value = try DimensionKeyword.number(raw, key: .time, what: "the new sampling period")
        samples = p.flag("samples")
        guard value > 0, !samples || value == value.rounded() else {
            throw ParameterProblem("time", "is \(value) but must be " + (samples ? "a whole number of samples ≥ 1"
                                   : "a sampling period above 0 s"), fix: "give e.g. {\"time\": 0.002}")
        }
    }

    /// Output samples for an input of `n` samples at `rate`, or nil when not a whole number.
    func outputCount(_ n: Int, rate: Double) -> Int? {
        if samples { return Int(value) }
        let exact = Double(n) / rate / value
        let rounded = exact.rounded()
        return abs(exact - rounded) < 1e-6 * max(1, exact) && rounded >= 1 ? Int(rounded) : nil
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let rate = context.samplingRateHz, let n = context.samplesPerChunk, n > 0,
              outputCount(n, rate: rate) == nil else { return [] }
        let exact = Double(n) / rate / value
        let lower = max(1, Int(exact.rounded(.down))), upper = Int(exact.rounded(.up))
        return [ParameterProblem("time", "is \(value) s, which gives \(exact) samples for a chunk of \(n), not a "
                                 + "whole number", fix: "use \(Double(n) / rate / Double(upper)) or "
                                 + "\(Double(n) / rate / Double(lower)) s, or \"samples\": true with a count")]
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        let columns = axes.columns
        guard let rate = columns.rateHz, columns.count > 0, let num = outputCount(columns.count, rate: rate),
              case .time(let origin, let baseRate) = columns.grid else { return axes }
        let startNs = origin + Int64((Double(columns.baseIndex(0)) * 1e9 / baseRate).rounded())
        axes.columns = .time(originNs: startNs, rateHz: rate * Double(num) / Double(columns.count), firstSample: 0,
                             count: num)
        axes.samplingRateHz = axes.columns.rateHz
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        let n = x.columns
        guard n > 0, let num = outputCount(n, rate: context.samplingRateHz) else {
            throw CommandError(Self.name, "a sampling period of \(value) s does not give a whole number of samples "
                               + "for a chunk of \(n) at \(context.samplingRateHz) Hz")
        }
        return .real(Self.fourier(x, to: num, backend: context.backend))
    }

    /// scipy.signal.resample(x, num, axis=1) for real rows (window None).
    static func fourier(_ x: Array2D<Double>, to num: Int, backend: any ComputeBackend) -> Array2D<Double> {
        let n = x.columns
        let spectrum = backend.realForwardFFT(x).split()
        let m = min(num, n), kept = m / 2 + 1, bins = num / 2 + 1
        let scale = Double(num) / Double(n)
        var real = [Double](repeating: 0, count: x.rows * bins), imaginary = real
        for r in 0..<x.rows {
            for k in 0..<kept {
                var factor = scale
                if m % 2 == 0 && num != n && k == m / 2 { factor *= num < n ? 2 : 0.5 }
                real[r * bins + k] = spectrum.real[r * spectrum.columns + k] * factor
                imaginary[r * bins + k] = spectrum.imaginary[r * spectrum.columns + k] * factor
            }
        }
        return backend.realInverseFFT(ComplexArray2D(rows: x.rows, columns: bins, real: real, imaginary: imaginary),
                                      length: num)
    }
}
