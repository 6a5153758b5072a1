import DistSwiftIO
import DistSwiftNative

/// `resample`: DASCore's `patch.resample(time=0.002)`: each chunk resampled to a new sampling period by the
/// Fourier method (scipy.signal.resample), or the record by a polyphase filter (scipy.signal.resample_poly),
/// continuous across chunks.
public struct ResampleCommand: Command {
    public static let name = "resample"
    public static let summary = "DASCore's resample: each chunk to a new sampling period (Fourier, or polyphase FIR)"
    public static let details = """
        DASCore: patch.resample(time=0.002) = scipy.signal.resample(x, num) along time with num = n·dt/new_dt:
        the rfft cut (or zero-padded) to the new length's bins, the unpaired Nyquist bin doubled (down) or halved
        (up), irfft, scaled by num/n. The value is the new sampling period in s (or, with "samples": true, the
        number of samples per chunk). Defined per chunk: the transform treats each chunk as periodic, as DASCore
        treats a patch, so chunk edges show it; use `decimate` for continuous integer rate changes. The output's
        time axis starts at the chunk's first sample at the new rate, and later commands, checks and writers see
        that rate. num must come out whole for the store's chunk length (DASCore interpolates afterwards
        instead; here the period is refused with the nearest ones that fit).
        "method": "polyphase" (not in DASCore) is scipy.signal.resample_poly(x, up, down) with up/down the rate
        ratio in lowest terms (denominator at most 1000): a Kaiser-windowed (β 5) sinc of 20·max(up, down) + 1
        taps, zeros beyond the record. With a period it is continuous along time: the output samples lie on one
        grid from the start of the recording segment (output j at input position j·down/up, so every chunk keeps
        the record's phase, as decimate does), the engine reads the filter's reach (10·max(up, down)/up input
        samples) from the neighbouring chunks, and chunked output is resample_poly of the whole record (a
        chunk holds the outputs whose time falls in it). With "samples": true the ratio is per chunk, and so is
        the resampling (zeros beyond each chunk, ⌈n·up/down⌉ samples from its first).
        """ + "\n" + "Precision: the Fourier method in float32 in a graph with \"precision\": \"float32\" (FFTW's float transforms, as scipy on float32 data), float64 otherwise; the polyphase methods in float64 always."
    public static let parameters = DimensionKeyword.keyedParameters("the new sampling period (s), or a count") + [
        ParameterSpec("samples", .boolean, default: .bool(false), "true: the value is the number of samples per chunk"),
        ParameterSpec("method", .choice(["fourier", "polyphase"]), default: .string("fourier"),
                      "\"fourier\" (DASCore's, scipy.signal.resample) or \"polyphase\" (scipy.signal.resample_poly)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let value: Double
    let samples: Bool
    let polyphase: Bool

    public init(_ p: ParameterValues) throws {
        let (dimension, raw) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": 0.002}"#)
        guard dimension == .time else {
            throw ParameterProblem("distance", "is given but resample works along time here",
                                   fix: "use `interpolate` with distance positions along the fibre")
        }
        value = try DimensionKeyword.number(raw, key: .time, what: "the new sampling period")
        samples = p.flag("samples")
        polyphase = p.string("method") == "polyphase"
        guard value > 0, !samples || value == value.rounded() else {
            throw ParameterProblem("time", "is \(value) but must be " + (samples ? "a whole number of samples ≥ 1"
                                   : "a sampling period above 0 s"), fix: "give e.g. {\"time\": 0.002}")
        }
    }

    /// The polyphase ratio new rate / old rate as up/down in lowest terms (denominator ≤ 1000), or nil.
    func ratio(_ n: Int, rate: Double) -> (up: Int, down: Int)? {
        let target = samples ? value / Double(n) : 1 / (value * rate)
        for down in 1...1000 {
            let up = (target * Double(down)).rounded()
            if up >= 1, abs(up - target * Double(down)) < 1e-9 * max(1, up) { return (Int(up), down) }
        }
        return nil
    }

    /// Output samples for an input of `n` samples at `rate`, or nil when not a whole number.
    func outputCount(_ n: Int, rate: Double) -> Int? {
        if polyphase {
            guard let (up, down) = ratio(n, rate: rate) else { return nil }
            return (n * up + down - 1) / down
        }
        if samples { return Int(value) }
        let exact = Double(n) / rate / value
        let rounded = exact.rounded()
        return abs(exact - rounded) < 1e-6 * max(1, exact) && rounded >= 1 ? Int(rounded) : nil
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let rate = context.samplingRateHz, let n = context.samplesPerChunk, n > 0,
              outputCount(n, rate: rate) == nil else { return [] }
        if polyphase {
            return [ParameterProblem("time", "is \(value), not a rate change up/down with down at most 1000",
                                     fix: "choose a period whose rate is a simple fraction of \(rate) Hz")]
        }
        let exact = Double(n) / rate / value
        let lower = max(1, Int(exact.rounded(.down))), upper = Int(exact.rounded(.up))
        return [ParameterProblem("time", "is \(value) s, which gives \(exact) samples for a chunk of \(n), not a "
                                 + "whole number", fix: "use \(Double(n) / rate / Double(upper)) or "
                                 + "\(Double(n) / rate / Double(lower)) s, or \"samples\": true with a count")]
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    /// Polyphase with a period: the ratio does not depend on the chunk, so the record is resampled continuously.
    var continuous: Bool { polyphase && !samples }

    /// Continuous: the filter's reach on each side in input samples (half its taps, in input samples); the
    /// Fourier method and per-chunk counts transform the chunk as it is.
    public func timeContext(_ input: Axes) -> TimeContext {
        guard continuous, let rate = input.columns.rateHz, let (up, down) = ratio(1, rate: rate) else {
            return .perChunk
        }
        let reach = (10 * max(up, down) + up - 1) / up + 1
        return .window(AxisContext(before: reach, after: reach))
    }

    /// The outputs of a continuous resampling of input elements `first ..< first + count` (grid indices from
    /// the segment start): every j whose position j·down/up lies among them.
    static func outputRange(first: Int, count: Int, up: Int, down: Int) -> Range<Int> {
        func ceilDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? (a + b - 1) / b : -((-a) / b) }
        let lower = ceilDiv(first * up, down), upper = ceilDiv((first + count) * up, down)
        return lower..<max(lower, upper)
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        let columns = axes.columns
        if continuous {
            guard let rate = columns.rateHz, case .time(let origin, _) = columns.grid,
                  let (up, down) = ratio(1, rate: rate) else { return axes }
            let range = Self.outputRange(first: columns.first, count: columns.count, up: up, down: down)
            // The new grid starts at the segment's origin: output j sits at j / (rate·up/down) seconds.
            axes.columns = Axis(.time, units: columns.units, grid: .time(originNs: origin, rateHz: rate * Double(up) / Double(down)),
                                first: range.lowerBound, count: range.count)
            axes.samplingRateHz = axes.columns.rateHz
            return axes
        }
        guard let rate = columns.rateHz, columns.count > 0, let num = outputCount(columns.count, rate: rate),
              case .time(let origin, let baseRate) = columns.grid else { return axes }
        let startNs = origin + Int64((Double(columns.baseIndex(0)) * 1e9 / baseRate).rounded())
        let newRate = polyphase ? ratio(columns.count, rate: rate).map { rate * Double($0.up) / Double($0.down) } ?? rate
            : rate * Double(num) / Double(columns.count)
        axes.columns = .time(originNs: startNs, rateHz: newRate, firstSample: 0, count: num)
        axes.samplingRateHz = axes.columns.rateHz
        return axes
    }

    /// The Fourier method computes in float32 in a float32 graph (scipy.signal.resample keeps float32 data in
    /// single precision, as DASCore's resample of it); the polyphase methods in float64 (a float32 chunk widened).
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let input = try TransformInput.of(inputs[0], for: Self.name, context: context)
        if !continuous && !polyphase, inputs[0].columns > 0,
           let num = outputCount(inputs[0].columns, rate: context.samplingRateHz) {
            switch input {
            case .single(let x): return .singleReal(Self.fourier(x, to: num, plans: context.backend.rowPlans))
            case .widening(let x): return .real(Self.fourierWidened(x, to: num, plans: context.backend.rowPlans))
            case .double(let x): return .real(Self.fourier(x, to: num, plans: context.backend.rowPlans))
            }
        }
        let x: Array2D<Double>
        switch input {
        case .single(let single), .widening(let single):
            x = Array2D(rows: single.rows, columns: single.columns, values: ElementwiseKernels.widened(single.values))
        case .double(let double): x = double
        }
        let n = x.columns
        if continuous, let (up, down) = ratio(1, rate: context.samplingRateHz) {
            let first = context.inputAxes.first?.columns.first ?? 0
            let range = Self.outputRange(first: first, count: n, up: up, down: down)
            return .real(Self.polyphase(x, up: up, down: down, outputs: range, inputFirst: first))
        }
        guard n > 0, let num = outputCount(n, rate: context.samplingRateHz) else {
            throw CommandError(Self.name, "a sampling period of \(value) s does not give a whole number of samples "
                               + "for a chunk of \(n) at \(context.samplingRateHz) Hz")
        }
        if polyphase, let (up, down) = ratio(n, rate: context.samplingRateHz) {
            return .real(Self.polyphase(x, up: up, down: down))
        }
        return .real(Self.fourier(x, to: num, plans: context.backend.rowPlans))
    }

    /// scipy.signal.resample_poly(x, up, down, axis=1) with its default Kaiser (β 5) window and zero padding:
    /// y[i] = Σ_j h[j]·u[i·down + offset − j], u the input with up − 1 zeros after every sample.
    /// `outputs`, `inputFirst`: the output indices to compute and the index of the first input sample on the same
    /// segment grid (output j centred on upsampled index j·down); by default the chunk on its own.
    static func polyphase(_ x: Array2D<Double>, up: Int, down: Int, outputs: Range<Int>? = nil,
                          inputFirst: Int = 0) -> Array2D<Double> {
        let n = x.columns
        guard up != down else { return x }
        let most = max(up, down), half = 10 * most
        let taps = 2 * half + 1
        let h = WindowedSinc.lowpass(taps: taps, cutoff: 1 / Double(most),
                                     window: WindowFunction.kaiser(taps, beta: 5)).map { $0 * Double(up) }
        let outputs = outputs ?? 0..<((n * up + down - 1) / down)
        let count = outputs.count
        // scipy pads the filter with down − half % down zeros in front and drops the first outputs: in all, output
        // i is centred on the upsampled index i·down, i.e. the filter's centre tap lands on it.
        var out = [Double]()
        out.reserveCapacity(x.rows * count)
        for r in 0..<x.rows {
            let line = x.row(r), start = line.startIndex
            for i in outputs {
                // Upsampled index m (on the segment grid) pairs with tap j = centre − m; input sample m/up is
                // local sample m/up − inputFirst, zero outside the input.
                let centre = i * down + half
                var sum = 0.0
                // Taps j with (centre − j) a multiple of up and the input sample inside the input.
                var j = ((centre % up) + up) % up
                while j < taps {
                    let m = (centre - j) / up - inputFirst
                    if m < 0 { break }
                    if m < n { sum += h[j] * line[start + m] }
                    j += up
                }
                out.append(sum)
            }
        }
        return Array2D(rows: x.rows, columns: count, values: out)
    }

    /// scipy.signal.resample(x, num, axis=1) for real rows (window None), in the rows' precision: a few rows at a
    /// time, the kept bins copied, scaled, from the forward transform into the shorter (or zero-padded longer) half
    /// spectrum that goes straight to the inverse transform, all in cache (`RowSpectrumKernels`).
    static func fourier(_ x: Array2D<Float>, to num: Int, plans: FFTWRowPlans) -> Array2D<Float> {
        Array2D(rows: x.rows, columns: num,
                values: RowSpectrumKernels.fourierResampled(x.values, rows: x.rows, length: x.columns, to: num,
                                                                              plans: plans))
    }

    static func fourier(_ x: Array2D<Double>, to num: Int, plans: FFTWRowPlans) -> Array2D<Double> {
        Array2D(rows: x.rows, columns: num,
                values: RowSpectrumKernels.fourierResampled(x.values, rows: x.rows, length: x.columns, to: num,
                                                                              plans: plans))
    }

    /// A float32 chunk resampled in float64 (each block widened as it is read).
    static func fourierWidened(_ x: Array2D<Float>, to num: Int, plans: FFTWRowPlans) -> Array2D<Double> {
        Array2D(rows: x.rows, columns: num,
                values: RowSpectrumKernels.fourierResampledWidened(x.values, rows: x.rows, length: x.columns, to: num,
                                                                              plans: plans))
    }
}
