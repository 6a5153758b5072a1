import DistSwiftIO
import DistSwiftNative
import Foundation

/// `slope_filter`: DASCore's `patch.slope_filter(filt=[va, vb, vc, vd], directional=False, invert=False)`: the
/// f–k fan filter — energy kept by its apparent velocity f/k, with sine tapers at the edges of the fan.
public struct SlopeFilterCommand: Command {
    public static let name = "slope_filter"
    public static let summary = "DASCore's slope_filter: f–k fan filter by apparent velocity f/k with tapered edges"
    public static let details = """
        DASCore: patch.slope_filter(filt=[va, vb, vc, vd], directional=false, invert=false). The chunk is
        zero-padded to scipy's next fast length along time and distance and transformed along both (2-D FFT).
        Each bin's apparent velocity is v = f / (k + ε) in m/s (ε machine epsilon, as DASCore; |v| unless
        directional, where the sign tells the direction along the fibre). The bins with vb ≤ v ≤ vc pass; between
        va and vb and between vc and vd the gain follows a quarter sine; outside it is 0 — or the reverse with
        invert (a notch: the fan is removed). Back-transformed, the real part, cut to the chunk. Defined per chunk
        (the chunk's f–k spectrum, as DASCore's on a patch) and the whole fibre. distpy's velocity_map/
        velocity_mask graph does the same with hard edges on an f–k spectrum the graph computes. Computed from the
        half spectrum of the real chunk, each bin times the mean of its gain and its twin's (the real part of
        DASCore's result, exactly).
        """ + "\n" + TransformRows.precisionNote
    public static let parameters = [
        ParameterSpec("filt", .numberList, default: nil, unit: "m/s",
                      "[va, vb, vc, vd], increasing: passed from vb to vc, tapered from va and to vd"),
        ParameterSpec("directional", .boolean, default: .bool(false), "true: signed velocities (direction counts)"),
        ParameterSpec("invert", .boolean, default: .bool(false), "true: remove the fan instead of keeping it"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let filt: [Double]
    let directional: Bool
    let invert: Bool

    public init(_ p: ParameterValues) throws {
        filt = p.numbers("filt")
        directional = p.flag("directional")
        invert = p.flag("invert")
        guard filt.count == 4, zip(filt.dropFirst(), filt).allSatisfy({ $0 >= $1 }) else {
            throw ParameterProblem("filt", "is \(filt) but must be four increasing velocities [va, vb, vc, vd] (m/s)",
                                   fix: "give e.g. [1000, 1500, 5000, 6000]")
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var channelContext: ChannelContext { .wholeFibre }

    /// DASCore's `_get_taper_mask` for one apparent velocity.
    /// Computes in float32 in a float32 graph (numpy ≥ 2's fft2 of DASCore's float32 data is complex64), in
    /// float64 otherwise.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard let dx = context.inputAxes.first?.spacing(.distance), dx != 0 else {
            throw CommandError(Self.name, "needs evenly spaced channels")
        }
        let (rows, columns) = (inputs[0].rows, inputs[0].columns)
        let nx = FastLength.next(rows), nt = FastLength.next(columns)
        let k = FK2D.frequencies(nx, spacing: dx), f = FK2D.frequencies(nt, spacing: 1 / context.samplingRateHz)
        let fan = FanFilterKernels.Fan(filt: filt, directional: directional, invert: invert)
        let plans = context.backend.rowPlans
        switch try TransformInput.of(inputs[0], for: Self.name, context: context) {
        case .single(let x):
            return .singleReal(Array2D(rows: rows, columns: columns, values: FanFilterKernels.filtered(
                x.values, rows: rows, columns: columns, paddedRows: nx, paddedColumns: nt, wavenumbers: k,
                frequencies: f, fan: fan, plans: plans)))
        case .widening(let x):
            return .real(Array2D(rows: rows, columns: columns, values: FanFilterKernels.filteredWidened(
                x.values, rows: rows, columns: columns, paddedRows: nx, paddedColumns: nt, wavenumbers: k,
                frequencies: f, fan: fan, plans: plans)))
        case .double(let x):
            return .real(Array2D(rows: rows, columns: columns, values: FanFilterKernels.filtered(
                x.values, rows: rows, columns: columns, paddedRows: nx, paddedColumns: nt, wavenumbers: k,
                frequencies: f, fan: fan, plans: plans)))
        }
    }
}
