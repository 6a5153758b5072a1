import DistSwiftIO
import DistSwiftNative

/// The CPU backend: FFTW for transforms (plans behind the process-wide planner lock, cached by shape for the life of
/// the backend), OpenBLAS for linear algebra. One backend per run, so every chunk reuses the plans.
public struct CPUBackend: ComputeBackend {
    private let plans: FFTPlanCache
    /// The row kernels' plans (`RowSpectrumKernels`), kept for the run as `plans` are.
    public let rowPlans: FFTWRowPlans

    /// `rigor`: `.measure` for long runs (with wisdom saved between processes), `.estimate` for quick ones.
    public init(rigor: FFTWPlanningRigor = .estimate) {
        plans = FFTPlanCache(rigor: rigor)
        rowPlans = FFTWRowPlans(rigor: rigor)
    }

    public var name: String { "cpu" }

    public func realForwardFFT(_ input: Array2D<Double>) -> InterleavedComplexArray2D<Double> {
        InterleavedComplexArray2D(rows: input.rows, columns: input.columns / 2 + 1,
                                  pairs: plans.realForward(input.values, rows: input.rows, length: input.columns))
    }

    public func realForwardFFT(_ input: Array2D<Float>) -> InterleavedComplexArray2D<Float> {
        InterleavedComplexArray2D(rows: input.rows, columns: input.columns / 2 + 1,
                                  pairs: plans.realForward(input.values, rows: input.rows, length: input.columns))
    }

    /// Two rows per complex transform, each pair's powers summed while it is in cache (`SpectrumBandPowerKernels`).
    public func spectrumSegmentPowers(_ rows: Array2D<Float>, edges: [Int]) -> Array2D<Double> {
        Array2D(rows: rows.rows, columns: max(edges.count - 1, 0),
                values: SpectrumBandPowerKernels.segmentPowers(rows.values, rows: rows.rows, length: rows.columns,
                                                               edges: edges, plans: rowPlans))
    }

    public func spectrumSegmentPowers(_ rows: Array2D<Double>, edges: [Int]) -> Array2D<Double> {
        Array2D(rows: rows.rows, columns: max(edges.count - 1, 0),
                values: SpectrumBandPowerKernels.segmentPowers(rows.values, rows: rows.rows, length: rows.columns,
                                                               edges: edges, plans: rowPlans))
    }

    public func realInverseFFT(_ half: ComplexArray2D, length: Int) -> Array2D<Double> {
        precondition(half.columns == length / 2 + 1, "a half spectrum of \(length) samples has \(length / 2 + 1) bins")
        let scale = 1 / Double(length)
        let values = ElementwiseKernels.mapped(plans.realInverse(ElementwiseKernels.interleaved(half.real, half.imaginary),
                                                                 rows: half.rows, length: length)) { $0 * scale }
        return Array2D(rows: half.rows, columns: length, values: values)
    }

    public func realInverseFFT<S: FFTWScalar>(pairs half: consuming InterleavedComplexArray2D<S>,
                                              length: Int) -> Array2D<S> {
        var owned = consume half
        let rows = owned.rows
        precondition(owned.columns == length / 2 + 1, "a half spectrum of \(length) samples has \(length / 2 + 1) bins")
        // The struct lets go of its reference, so the plan cache gets the only one (FFTW overwrites it in place).
        let pairs = owned.pairs
        owned.pairs = []
        return Array2D(rows: rows, columns: length,
                       values: plans.realInverse(pairs: consume pairs, rows: rows, length: length, scale: 1 / S(length)))
    }

    public func complexFFT<S: FFTWScalar>(pairs input: InterleavedComplexArray2D<S>,
                                          inverse: Bool) -> InterleavedComplexArray2D<S> {
        InterleavedComplexArray2D(rows: input.rows, columns: input.columns,
                                  pairs: plans.complexInterleaved(input.pairs, rows: input.rows, length: input.columns,
                                                                  forward: !inverse,
                                                                  scale: inverse ? 1 / S(input.columns) : 1))
    }

    public func complexFFT(_ input: ComplexArray2D, inverse: Bool) -> ComplexArray2D {
        complexFFT(input, inverse: inverse, alongColumns: false)
    }

    public func complexFFT(_ input: ComplexArray2D, inverse: Bool, alongColumns: Bool) -> ComplexArray2D {
        let (lines, length) = alongColumns ? (input.columns, input.rows) : (input.rows, input.columns)
        let out = plans.complex(real: input.real, imaginary: input.imaginary, rows: lines, length: length,
                                forward: !inverse, axes: alongColumns ? .columns : .rows,
                                scale: inverse ? 1 / Double(length) : 1)
        return ComplexArray2D(rows: input.rows, columns: input.columns, real: out.real, imaginary: out.imaginary)
    }

    public func complexFFT2D(_ input: ComplexArray2D, inverse: Bool) -> ComplexArray2D {
        let out = plans.complex(real: input.real, imaginary: input.imaginary, rows: input.rows, length: input.columns,
                                forward: !inverse, axes: .both, scale: inverse ? 1 / Double(input.real.count) : 1)
        return ComplexArray2D(rows: input.rows, columns: input.columns, real: out.real, imaginary: out.imaginary)
    }
}
