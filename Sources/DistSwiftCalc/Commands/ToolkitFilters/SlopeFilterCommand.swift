import DistSwiftIO
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
        velocity_mask graph does the same with hard edges on an f–k spectrum the graph computes.
        """
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
    func gain(_ v: Double) -> Double {
        var fac = 1.0
        if v >= filt[0] && v <= filt[1] { fac = 1 - sin(0.5 * Double.pi * (v - filt[0]) / (filt[1] - filt[0])) }
        if v >= filt[1] && v <= filt[2] { fac = 0 }
        if v >= filt[2] && v <= filt[3] { fac = sin(0.5 * Double.pi * (v - filt[2]) / (filt[3] - filt[2])) }
        return invert ? fac : 1 - fac
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        guard let dx = context.inputAxes.first?.spacing(.distance), dx != 0 else {
            throw CommandError(Self.name, "needs evenly spaced channels")
        }
        let dt = 1 / context.samplingRateHz
        let nx = FastLength.next(x.rows), nt = FastLength.next(x.columns)
        var real = [Double](repeating: 0, count: nx * nt)
        for r in 0..<x.rows { for c in 0..<x.columns { real[r * nt + c] = x.values[r * x.columns + c] } }
        var spectrum = FK2D.transform(ComplexArray2D(rows: nx, columns: nt, real: real,
                                                     imaginary: Array(repeating: 0, count: nx * nt)),
                                      inverse: false, backend: context.backend)
        let f = FK2D.frequencies(nt, spacing: dt), k = FK2D.frequencies(nx, spacing: dx)
        for r in 0..<nx {
            let wavenumber = k[r] + Double.ulpOfOne
            for c in 0..<nt {
                let v = f[c] / wavenumber
                let g = gain(directional ? v : abs(v))
                spectrum.real[r * nt + c] *= g
                spectrum.imaginary[r * nt + c] *= g
            }
        }
        let back = FK2D.transform(spectrum, inverse: true, backend: context.backend)
        var out = [Double]()
        out.reserveCapacity(x.values.count)
        for r in 0..<x.rows { out += back.real[(r * nt)..<(r * nt + x.columns)] }
        return .real(Array2D(rows: x.rows, columns: x.columns, values: out))
    }
}
