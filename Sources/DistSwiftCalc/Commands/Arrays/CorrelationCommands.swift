import DistSwiftIO
import DistSwiftNative
import Foundation

/// The lag axis DASCore's `correlate_shift` gives m correlation samples at `rate`: lag of element j is
/// (j − m/2) / rate seconds (numpy's fftshift puts lag 0 at m/2).
enum LagAxis {
    static func of(count m: Int, rateHz: Double) -> Axis {
        Axis(.lag, units: "s", grid: .listed((0..<m).map { Double($0 - m / 2) / rateHz }), count: m)
    }

    /// numpy's fftshift of every row, times `scale`: the last m/2 elements first, then the rest.
    static func shifted<S: BinaryFloatingPoint>(_ a: Array2D<S>, scale: S = 1) -> Array2D<S> {
        shifted(a, as: S.self, scale: scale)
    }

    /// `shifted` into another precision (a float32 chunk read into float64 as it is shifted: one pass).
    static func shifted<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ a: Array2D<S>, as: D.Type,
                                                                        scale: D) -> Array2D<D> {
        Array2D(rows: a.rows, columns: a.columns,
                values: CorrelationKernels.fftShiftedRows(a.values, rows: a.rows, columns: a.columns, as: D.self,
                                                          scale: scale))
    }
}

/// `cross_correlate`: DASCore's `patch.correlate(distance=master)` — every channel cross-correlated with a master
/// channel in the frequency domain, lags as an axis. Named apart from distpy's `correlate` (an ndimage
/// correlation with a kernel), which keeps its name and meaning.
public struct CrossCorrelateCommand: Command {
    public static let name = "cross_correlate"
    public static let summary = "every channel cross-correlated with a master channel (frequency domain), lags as an axis (DASCore's correlate; distpy's correlate is a different command)"
    public static let details = """
        c(τ) = Σ_t x_ch(t + τ) · x_master(t) over the chunk, computed as DASCore does: zero-padded to scipy's
        next fast length ≥ 2n − 1, rfft, product with the master's conjugate, inverse, fftshift. Output: channels ×
        m lags, axis `lag` from −m/2 to (m − 1)/2 samples (seconds; write_npy writes lag/{chunk}.npy), units the
        data's squared. The master is given as DASCore's dimension keyword: "distance": position in metres (the
        nearest channel), or a channel index with "samples": true. Per chunk (ambient-noise work stacks the
        per-chunk correlations with `distswift stack`); needs the whole fibre. This is DASCore's `correlate`
        under another name: distpy's `correlate` (scipy.ndimage.correlate with a kernel) keeps its name so
        distpy graphs run unchanged.
        """ + "\n" + TransformRows.precisionNote
    public static let parameters = [
        ParameterSpec("distance", .number, default: nil, unit: "m (a channel index when samples is true)",
                      "the master channel (DASCore's correlate(distance=...))"),
        DimensionKeyword.samplesParameter,
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let master: Double
    let inSamples: Bool

    public init(_ p: ParameterValues) throws {
        master = p.number("distance")
        inSamples = p.flag("samples")
        if inSamples, master != master.rounded() || master < 0 {
            throw ParameterProblem("distance", "is \(master) but must be a channel index (0 or more) when samples is true",
                                   fix: "give a whole channel index, or set samples to false to give metres")
        }
    }

    public var channelContext: ChannelContext { .wholeFibre }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeSeries }

    func length(_ n: Int) -> Int { TimeDFT.nextFastLength(max(1, 2 * n - 1)) }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let input = inputs[0]
        var axes = input.replacingColumns(LagAxis.of(count: length(input.columns.count),
                                                     rateHz: input.columns.rateHz ?? input.samplingRateHz ?? 1))
        axes.units = input.units.isEmpty ? "" : "(\(input.units))²"
        return axes
    }

    /// The master's row: the channel nearest `master` metres, or index `master`.
    func masterRow(positions: [Double]?, rows: Int) throws -> Int {
        if inSamples {
            guard Int(master) < rows else {
                throw CommandError(Self.name, "distance \(Int(master)) (samples) is not a channel index below \(rows)")
            }
            return Int(master)
        }
        guard let positions, !positions.isEmpty else {
            throw CommandError(Self.name, "needs channel positions to find the master at \(master) m")
        }
        let nearest = positions.indices.min { abs(positions[$0] - master) < abs(positions[$1] - master) }!
        let spacing = positions.count > 1 ? abs(positions[1] - positions[0]) : 0
        guard abs(positions[nearest] - master) <= max(spacing / 2, 1e-9) else {
            throw CommandError(Self.name, "distance \(master) m is outside the fibre "
                               + "(\(positions.first!) … \(positions.last!) m)")
        }
        return nearest
    }

    /// Computes in float32 in a float32 graph (scipy.fft's float32 transforms, as DASCore's correlate of float32
    /// data), in float64 otherwise.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        switch try TransformRows.of(inputs[0], for: Self.name, context: context) {
        case .single(let a): return .singleReal(try correlations(a, context: context))
        case .double(let a): return .real(try correlations(a, context: context))
        }
    }

    /// Every row's circular correlation with the master's over the padded length, lag 0 in the middle.
    func correlations<S: FFTWScalar>(_ a: Array2D<S>, context: ChunkContext) throws -> Array2D<S> {
        let row = try masterRow(positions: context.rowPositions(a.rows), rows: a.rows)
        let m = length(a.columns)
        var spectra = context.backend.realForwardFFT(anyPrecision: TimeDFT.padded(a, to: m))
        // x · conj(s), in place of x: the spectra go straight to the inverse transform.
        CorrelationKernels.multiplyByConjugateOfRow(&spectra.pairs, rows: a.rows, bins: spectra.columns, master: row)
        return LagAxis.shifted(context.backend.realInverseFFT(pairs: consume spectra, length: m))
    }
}

/// `correlate_shift`: DASCore's `patch.correlate_shift(dim="time")` — after an inverse transform of a product of
/// spectra, moves lag 0 to the middle (fftshift), divides by the sample spacing (undo_weighting: DASCore's dft
/// scales by dt), and gives the lag axis.
public struct CorrelateShiftCommand: Command {
    public static let name = "correlate_shift"
    public static let summary = "fftshift along time into a lag axis, divided by dt with undo_weighting (DASCore's correlate_shift)"
    public static let details = """
        For a correlation formed in the frequency domain by hand (dft → multiply by a conjugate → inverse): element j
        becomes lag (j − m/2)/rate s (write_npy writes lag/{chunk}.npy); with undo_weighting (default, as DASCore)
        the values are divided by the sample spacing, undoing the dt of each of DASCore's scaled transforms. Per
        chunk.
        """ + "\n" + TransformRows.precisionNote
    public static let parameters = [
        DimensionKeyword.timeOnlyNamedParameter(),
        ParameterSpec("undo_weighting", .boolean, default: .bool(true), "divide by the sample spacing (DASCore's)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let undoWeighting: Bool

    public init(_ p: ParameterValues) throws { undoWeighting = p.flag("undo_weighting") }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeSeries }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let input = inputs[0]
        return input.replacingColumns(LagAxis.of(count: input.columns.count,
                                                 rateHz: input.columns.rateHz ?? input.samplingRateHz ?? 1))
    }

    /// Shifts a float32 chunk as it is in a float32 graph; in a float64 graph widens it as it shifts it.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let rate = context.inputAxes.first?.columns.rateHz ?? context.samplingRateHz
        let scale = undoWeighting ? rate : 1
        switch inputs[0] {
        case .singleReal(let a) where context.singlePrecision: return .singleReal(LagAxis.shifted(a, scale: Float(scale)))
        case .singleReal(let a): return .real(LagAxis.shifted(a, as: Double.self, scale: scale))
        case let other: return .real(LagAxis.shifted(try other.canonical().realValues(for: Self.name), scale: scale))
        }
    }
}

/// `phase_weighted_stack`: DASCore's `patch.phase_weighted_stack(stack_dim="distance")` — the mean over channels
/// weighted, sample by sample, by the coherence of the channels' instantaneous phases (Schimmel & Paulssen 1997).
public struct PhaseWeightedStackCommand: Command {
    public static let name = "phase_weighted_stack"
    public static let summary = "mean over channels × |mean unit phasor|^power per sample (DASCore's phase_weighted_stack along distance)"
    public static let details = """
        s(t) = mean_ch x(t) · |mean_ch a(t)/|a(t)||^power, a the analytic signal along time (scipy.signal.hilbert
        of the chunk, as DASCore). Output: one row (the channels stacked, an aggregate axis) × the input's time axis.
        Per chunk along time (the Hilbert transform of the chunk); needs the whole fibre.
        """ + "\n" + TransformRows.precisionNote + " The sums over channels are float64 in both."
    public static let parameters = [
        ParameterSpec("stack_dim", .choice(["distance"]), default: .string("distance"),
                      "the dimension stacked (DASCore's stack_dim); only distance"),
        ParameterSpec("transform_dim", .choice(["time"]), default: .string("time"),
                      "the dimension of the phases (DASCore's transform_dim); only time"),
        ParameterSpec("power", .number, default: .number(2), "exponent of the phase coherence (DASCore's power)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let power: Double

    public init(_ p: ParameterValues) throws { power = p.number("power") }

    public var channelContext: ChannelContext { .wholeFibre }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeSeries }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        inputs[0].replacingRows(.labelled(.aggregate, ["phase_weighted_stack"]))
    }

    /// The analytic signal in float32 in a float32 graph (scipy's hilbert of float32 data is complex64); the
    /// sums over channels in float64 either way.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        // A float32 chunk (either graph): the sums taken from each pair of rows' Hilbert transform while it is in
        // cache, computed in float32 in a float32 graph and in float64 otherwise (the same bits as the sums of the
        // widened chunk and its float64 H(x), without either array).
        let plans = context.backend.rowPlans
        switch try TransformInput.of(inputs[0], for: Self.name, context: context) {
        case .single(let x):
            let sums = RowSpectrumKernels.phasorSums(x.values, rows: x.rows, length: x.columns, plans: plans)
            return .singleReal(stack(Float.self, sums, rows: x.rows, columns: x.columns))
        case .widening(let x):
            let sums = RowSpectrumKernels.phasorSumsWidened(x.values, rows: x.rows, length: x.columns, plans: plans)
            return .real(stack(Double.self, sums, rows: x.rows, columns: x.columns))
        case .double(let x):
            return .real(stack(x, Array2D(rows: x.rows, columns: x.columns,
                                          values: RowSpectrumKernels.hilbert(x.values, rows: x.rows,
                                                                             length: x.columns, plans: plans))))
        }
    }

    func stack<S: FFTWScalar>(_ x: Array2D<S>, _ h: Array2D<S>) -> Array2D<S> {
        // Row by row (contiguous), accumulating the sums and the unit phasors of every sample.
        stack(S.self, PhaseCoherenceKernels.channelSums(real: x.values, imaginary: h.values, rows: x.rows,
                                                        columns: x.columns),
              rows: x.rows, columns: x.columns)
    }

    func stack<S: FFTWScalar>(_: S.Type, _ sums: (values: [Double], phasorRe: [Double], phasorIm: [Double]),
                              rows channels: Int, columns n: Int) -> Array2D<S> {
        let rows = Double(max(channels, 1))
        let (mean, phasorRe, phasorIm) = sums
        let out = (0..<n).map { t -> S in
            let coherence = (phasorRe[t] * phasorRe[t] + phasorIm[t] * phasorIm[t]).squareRoot() / rows
            return S(mean[t] / rows * Foundation.pow(coherence, power))
        }
        return Array2D(rows: 1, columns: n, values: out)
    }
}
