import DistSwiftIO
import DistSwiftNative

/// `sta_lta`: the classic short-term / long-term average ratio of signal energy, the trigger of event detection.
/// distpy divides scipy's `uniform_filter` (already a mean) again by the window lengths, so its ratio carries a
/// factor lta/sta (4 for a constant input), uses centred windows and signed data (its bug #19). Here
/// STA(t) = mean of x² over the `sta` samples from t on (leading) and LTA(t) = mean of x² over the `lta` samples
/// before t (trailing), so the ratio jumps at an arrival and is 1 for stationary noise.
public struct StaLtaCommand: Command {
    public static let name = "sta_lta"
    public static let summary = "short-term over long-term average of x² (leading STA, trailing LTA), per sample"
    public static let details = """
        STA(t) = mean(x[t … t+sta−1]²), LTA(t) = mean(x[t−lta … t−1]²), output STA/LTA. The ratio peaks where an
        arrival starts. It is 0 where LTA is 0 and for the first lta samples of a record (no full LTA window yet: a
        mean of a few samples would trigger on noise); at the end of a record the STA holds the samples that exist.
        distpy's version (bug #19) is ≈ lta/sta times a ratio of centred means of signed data. Windows read the
        neighbouring chunks (lta samples before, sta−1 after), so chunked runs equal one long record.
        """
    public static let parameters = [
        ParameterSpec("sta", .integer, default: .number(50), unit: "samples", "short-term window"),
        ParameterSpec("lta", .integer, default: .number(200), unit: "samples", "long-term window"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let sta: Int
    let lta: Int

    public init(_ p: ParameterValues) throws {
        sta = try p.windowLength("sta")
        lta = try p.windowLength("lta")
    }

    public func timeContext(_ input: Axes) -> TimeContext { .window(AxisContext(before: lta, after: sta - 1)) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].windowRows(for: Self.name)
        // No ratio until a whole LTA window exists (only at the start of a record: elsewhere the halo holds it).
        if context.singlePrecision {
            return .singleReal(Array2D(rows: a.rows, columns: a.columns, values: SlidingWindowKernels.staLta(
                a.values, rows: a.rows, columns: a.columns, sta: sta, lta: lta, as: Float.self)))
        }
        return .real(Array2D(rows: a.rows, columns: a.columns,
                             values: SlidingWindowKernels.staLta(a.values, rows: a.rows, columns: a.columns, sta: sta,
                                                                 lta: lta)))
    }

    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`windowRows`)
    /// In a float32 graph it writes float32: the float64 ratios rounded.
    public var hasFloat32Kernel: Bool { true }
}
