import DistSwiftIO

/// The 2-D DFT of a whole chunk (channels × samples): along time, then along channels. The f–k commands that work
/// on a time series (`destripe`) or return one (`up_wave`, `down_wave`) use it.
enum FK2D {
    static func transform(_ x: ComplexArray2D, inverse: Bool, backend: any ComputeBackend) -> ComplexArray2D {
        backend.complexFFT2D(x, inverse: inverse)
    }

    /// numpy's `fftfreq(n, d)`.
    static func frequencies(_ n: Int, spacing d: Double) -> [Double] {
        (0..<n).map { k in Double(k < (n + 1) / 2 ? k : k - n) / (Double(n) * d) }
    }

    /// The frequencies (Hz) of the columns and wavenumbers (1/m) of the rows of an f–k spectrum: from its axes when
    /// they are known, else from the rate and channel spacing.
    static func grids(rows: Int, columns: Int, context: ChunkContext) -> (f: [Double], k: [Double]) {
        let axes = context.inputAxes.first
        let f = axes.flatMap { $0.columns.dimension == .frequency ? $0.columns.values : nil }
            ?? frequencies(columns, spacing: 1 / context.samplingRateHz)
        let positions = context.channelPositions
        let dx = positions.count > 1 ? abs(positions[1] - positions[0]) : 1
        let k = axes.flatMap { $0.rows.dimension == .wavenumber ? $0.rows.values : nil }
            ?? frequencies(rows, spacing: dx)
        return (f.count == columns ? f : frequencies(columns, spacing: 1 / context.samplingRateHz),
                k.count == rows ? k : frequencies(rows, spacing: dx))
    }

    /// The axes of a time series made back from an f–k spectrum (inverse along channels, then along time).
    static func timeAxes(_ input: Axes) throws -> Axes {
        let alongChannels = try IFFTCommand(ParameterValues(["axis": .number(0)])).outputAxes([input])
        return try IFFTCommand(ParameterValues(["axis": .number(1)])).outputAxes([alongChannels])
    }
}
