import DistSwiftIO
import DistSwiftNative

/// `decimate`: DASCore's `patch.decimate(time=4, filter_type="iir")`: an anti-alias low-pass, then every q-th
/// sample (scipy.signal.decimate).
public struct DecimateCommand: LinearStateScanCommand {
    public static let name = "decimate"
    public static let summary = "DASCore's decimate: anti-alias filter (IIR zero-phase or FIR), keep every q-th sample"
    public static let details = """
        DASCore: patch.decimate(time=4, filter_type="iir"), which is scipy.signal.decimate(x, q, ftype):
        "iir" a Chebyshev type I low-pass (order 8, 0.05 dB ripple, cut-off 0.8 × the new Nyquist) run forward
        and backward (sosfiltfilt, odd padding); "fir" a 20·q + 1-tap Hamming-windowed sinc (cut-off the new
        Nyquist) centred on each kept sample (resample_poly, zeros beyond the record). Along time it is
        continuous: the IIR filter in `process` by an exact state scan (each chunk's passes start from the
        recording's filter states at its ends, no halo; `watch` reads the filter's reach to halo_tolerance), the
        FIR filter by reading its reach from the neighbouring chunks; the kept samples are those whose index in
        the recording is a multiple of q, so chunked output is the decimated record and every later
        command, the validation and the writers see the new rate (time.npy holds the kept samples' times).
        Along distance (distance=q) the whole fibre is filtered and every q-th channel kept.
        Refused: filter_type "none" (plain slicing aliases whatever lies above the new Nyquist — use `downsample`
        after a `pass_filter` when that is wanted), and an IIR factor above 13, where scipy's Chebyshev filter is
        numerically unstable (chain two decimates, or use "fir").
        """
    public static let parameters = DimensionKeyword.keyedParameters("the integer factor q") + [
        ParameterSpec("filter_type", .choice(["iir", "fir", "none"]), default: .string("iir"),
                      "anti-alias filter: \"iir\" (Chebyshev I, zero-phase) or \"fir\" (windowed sinc)"),
        HaloTolerance.parameter,
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let dimension: DataDimension
    let factor: Int
    let fir: Bool
    let haloTolerance: Double

    public init(_ p: ParameterValues) throws {
        let (dimension, value) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": 4}"#)
        self.dimension = dimension
        let q = try DimensionKeyword.number(value, key: dimension, what: "the decimation factor")
        guard q >= 1, q == q.rounded() else {
            throw ParameterProblem(dimension.rawValue, "is \(q) but the factor must be a whole number ≥ 1",
                                   fix: "give e.g. {\"\(dimension.rawValue)\": 4}; `resample` changes to any rate")
        }
        factor = Int(q)
        let type = p.string("filter_type")
        guard type != "none" else {
            throw ParameterProblem("filter_type", "is \"none\": keeping every \(factor)th sample without an "
                                   + "anti-alias filter folds everything above the new Nyquist into the band",
                                   fix: "use \"iir\" or \"fir\"; for plain slicing of band-limited data use a "
                                   + "`pass_filter` then `downsample`")
        }
        fir = type == "fir"
        guard fir || factor <= 13 else {
            throw ParameterProblem(dimension.rawValue, "is \(factor), above 13, where the IIR anti-alias filter is "
                                   + "numerically unstable (scipy's warning)",
                                   fix: "chain two decimate entries (e.g. 4 then \(Int((Double(factor) / 4).rounded(.up))))"
                                   + " or set \"filter_type\": \"fir\"")
        }
        haloTolerance = try HaloTolerance.read(p)
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    var iirSections: SecondOrderSections {
        ChebyshevTypeI.lowpass(order: 8, rippleDb: 0.05, cutoff: 0.8 / Double(factor))
    }
    var firTaps: [Double] { WindowedSinc.lowpass(taps: 20 * factor + 1, cutoff: 1 / Double(factor)) }

    /// The filter's reach on each side, in input samples.
    var reach: Int { fir ? 10 * factor : iirSections.impulseResponseLength(tolerance: haloTolerance) }

    public func timeContext(_ input: Axes) -> TimeContext {
        guard dimension == .time else { return .pointwise }
        guard factor > 1 else { return .pointwise }
        return .window(AxisContext(before: reach, after: reach, stride: factor))
    }

    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        if dimension == .time {
            axes.columns = axes.columns.decimated(by: factor).axis
            axes.samplingRateHz = axes.columns.rateHz
        } else {
            axes.rows = axes.rows.decimated(by: factor).axis
        }
        return axes
    }

    /// A float32 chunk is read as it is (the FIR path widens each value as it reads it); in a float32 graph both
    /// paths return their float64 results rounded to float32.
    public var hasFloat32Kernel: Bool { true }

    public var scansTime: Bool { dimension == .time && !fir && factor > 1 }

    public func stateScanChunk(_ input: DataArray, position: SegmentPosition, context: ChunkContext) throws
        -> StateScanChunk {
        try iirSections.stateScanChunk(input.values, padType: .odd, zeroPhase: true, position: position,
                                       command: Self.name)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let single = context.singlePrecision
        if factor > 1, case .singleReal(let values) = inputs[0], fir || single {
            if fir {
                return single ? .singleReal(try decimated(values, as: Float.self, context: context))
                              : .real(try decimated(values, as: Double.self, context: context))
            }
            return .singleReal(try decimated(values, context: context))
        }
        let data = try inputs[0].canonical().realValues(for: Self.name)
        let result = factor == 1 ? data
            : fir ? try decimated(data, as: Double.self, context: context)
            : try decimated(data, context: context)
        return single ? .singleReal(Array2D(rows: result.rows, columns: result.columns,
                                            values: result.values.map { Float($0) })) : .real(result)
    }

    /// The first kept sample along the lines: where the index in the recording is a multiple of q (0 without axes).
    func firstKept(_ context: ChunkContext) -> Int {
        context.inputAxes.first.map { $0.axis(dimension).decimated(by: factor).offset } ?? 0
    }

    /// `data`'s lines along the dimension as rows (transposed along distance), `body` of them, and the result
    /// turned back.
    func alongLines<S: BitwiseCopyable, D: BitwiseCopyable>(_ data: Array2D<S>, _ body: (Array2D<S>) throws -> Array2D<D>)
        rethrows -> Array2D<D> {
        guard dimension != .time else { return try body(data) }
        let lines = Array2D(rows: data.columns, columns: data.rows,
                            values: Transpose.transposed(data.values, rows: data.rows, columns: data.columns))
        let result = try body(lines)
        return Array2D(rows: result.columns, columns: result.rows,
                       values: Transpose.transposed(result.values, rows: result.rows, columns: result.columns))
    }

    /// FIR: y[c] = Σ_j b[j] x[c + half − j], zeros beyond the line, computed for the kept c only.
    func decimated<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D> {
        let offset = firstKept(context)
        return alongLines(data) { lines in
            let kept = offset < lines.columns ? (lines.columns - offset + factor - 1) / factor : 0
            return Array2D(rows: lines.rows, columns: kept,
                           values: FIRDecimationKernels.decimatedRows(lines.values, columns: lines.columns,
                                                                      taps: firTaps, half: 10 * factor, factor: factor,
                                                                      offset: offset, kept: kept, as: D.self))
        }
    }

    /// IIR: the lines filtered by the zero-phase Chebyshev sections (from the state scan's states in `process`,
    /// else as a whole record), then every q-th sample kept.
    func decimated<T: RealSample & LaneSample>(_ data: Array2D<T>, context: ChunkContext) throws -> Array2D<T> {
        let offset = firstKept(context), sos = iirSections
        return try alongLines(data) { lines in
            guard lines.columns > sos.defaultPadLength || context.stateScan != nil else {
                throw CommandError(Self.name, "each line has \(lines.columns) samples along \(dimension.rawValue), "
                                   + "but the zero-phase anti-alias filter needs more than \(sos.defaultPadLength)")
            }
            let filtered = try sos.filterRows(lines, padType: .odd, zeroPhase: true, start: context.stateScan,
                                              command: Self.name)
            let kept = Array(stride(from: offset, to: lines.columns, by: factor))
            var out = [T]()
            out.reserveCapacity(lines.rows * kept.count)
            for r in 0..<lines.rows { for c in kept { out.append(filtered[r * lines.columns + c]) } }
            return Array2D(rows: lines.rows, columns: kept.count, values: out)
        }
    }
}
